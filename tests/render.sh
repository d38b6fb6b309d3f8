#!/bin/sh
# tests/render.sh -- the views' golden files: each tests/render/NAME.xml
# beside NAME.html, NAME.tex and NAME.txt; the PDF of the seed, checked
# with pdftotext for every paragraph, both notes and the speaker labels
# (skipped without pdflatex); and the views of the Office of the
# Historian's own TEI (../shared), which must render with their notes
# and page breaks.  With REGEN=1, rewrites the golden files.
. "${srcdir:-.}/tests/lib.sh"

dir=$srcdir/tests/render
for xml in "$dir"/*.xml; do
	name=$(basename "$xml" .xml)
	for v in html:html latex:tex text:txt; do
		view=${v%%:*} ext=${v##*:}
		run_teikit render --to "$view" "$xml" >"$tmp/$name.$ext" \
		    2>"$tmp/err"
		status=$?
		if [ "${REGEN:-0}" = 1 ]; then
			cp "$tmp/$name.$ext" "$dir/$name.$ext"
			continue
		fi
		check "$name: --to $view exits 0" [ "$status" -eq 0 ]
		if diff -u "$dir/$name.$ext" "$tmp/$name.$ext" >"$tmp/diff"; then
			ok "$name: --to $view as expected"
		else
			head -30 "$tmp/diff" | sed 's/^/# /'
			not_ok "$name: --to $view as expected"
		fi
	done
done
[ "${REGEN:-0}" = 1 ] && { ok "regenerated"; tap_done; exit; }

# The same view twice gives the same bytes.
run_teikit render --to html "$dir/seed.xml" >"$tmp/a.html"
run_teikit render --to html "$dir/seed.xml" >"$tmp/b.html"
check "html view is deterministic" cmp -s "$tmp/a.html" "$tmp/b.html"
check "html view fetches nothing" sh -c "! grep -Eq '(src|href)=\"(https?:)?//' '$tmp/a.html'"
check "html view has no script" sh -c "! grep -qi '<script' '$tmp/a.html'"

# The print view as a PDF.
if command -v pdflatex >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	run_teikit encode --to pdf -o "$tmp/seed.pdf" "$srcdir/examples/telegram-1235.txt" 2>"$tmp/err"
	check "encode --to pdf exits 0" [ $? -eq 0 ]
	pdftotext "$tmp/seed.pdf" - | tr -s ' \n' '  ' >"$tmp/pdf.txt"
	# Every paragraph: its first and last five words are in the PDF.
	sed -n '6,$p' "$srcdir/examples/telegram-1235.txt" | grep -v '^$' |
	    sed 's/\[Page [0-9]*\]//; s/^[A-Z][a-z]*\.*: //' >"$tmp/paras"
	missing=0
	while IFS= read -r para; do
		first=$(echo "$para" | cut -d' ' -f1-5 | sed 's/[0-9]$//')
		grep -qF "$first" "$tmp/pdf.txt" || { echo "# missing: $first"; missing=$((missing + 1)); }
	done <"$tmp/paras"
	check "the PDF holds every paragraph" [ "$missing" -eq 0 ]
	check "the PDF holds both notes" [ "$(grep -o 'missing from the transcription' "$tmp/pdf.txt" | wc -l)" -eq 2 ]
	check "the PDF holds the speaker labels" grep -q 'Sato:.*L\.:' "$tmp/pdf.txt"
	check "the PDF has the page number in the margin" grep -q 'p\. 1264' "$tmp/pdf.txt"
	run_teikit render --to pdf -o "$tmp/varied.pdf" "$dir/varied.xml" 2>"$tmp/err"
	check "LaTeX specials and accents compile (varied.xml)" [ $? -eq 0 ]
	pdftotext "$tmp/varied.pdf" - >"$tmp/varied.txt" 2>/dev/null
	# pdftotext gives "é" composed or as e + U+0301 (OT1 fonts).
	check "specials come out as text: 12% & more; #3 \$4,000 {net} résumé <by half>" \
	    sh -c "grep -qF '12% & more; the fund #3 paid \$4,000' '$tmp/varied.txt' &&
	    grep -qF '{net}' '$tmp/varied.txt' &&
	    grep -qE \"résumé|\$(printf 're\\314\\201sume\\314\\201')\" '$tmp/varied.txt' &&
	    grep -qF '<by half>' '$tmp/varied.txt'"
	printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>He said "yes" twice: "yes".</p></body></text></TEI>' >"$tmp/quote.xml"
	run_teikit render --to pdf -o "$tmp/quote.pdf" "$tmp/quote.xml" 2>"$tmp/err"
	check "straight double quotes: the PDF compiles (OT1 has no quotedbl glyph)" [ $? -eq 0 ]
	check "straight double quotes: kept as they are" \
	    sh -c "pdftotext '$tmp/quote.pdf' - 2>/dev/null | grep -qF 'He said \"yes\" twice: \"yes\".'"
	printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>' >"$tmp/min.xml"
	PATH=/nonexistent run_teikit render --to pdf -o "$tmp/x.pdf" "$tmp/min.xml" 2>"$tmp/err"
	check "without pdflatex: exit 4, naming the package" \
	    grep -q "texlive-latex-base.*\[TK-S004\]" "$tmp/err"
else
	skip "pdflatex or pdftotext is not installed"
fi

# Any TEI renders: the Office of the Historian's own files.
ref=$shared/frus-dev/reference
if [ -d "$ref" ]; then
	for f in "$ref"/*.xml; do
		name=$(basename "$f" .xml)
		{ echo '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>'
		  sed '1,/^<div/{/^<div/!d}' "$f"
		  echo '</body></text></TEI>'; } >"$tmp/$name.xml"
		notes=$(xmllint --xpath 'count(//*[local-name()="note"][@n])' "$f")
		pages=$(xmllint --xpath 'count(//*[local-name()="pb"])' "$f")
		run_teikit render --to html "$tmp/$name.xml" >"$tmp/$name.html" 2>"$tmp/err"
		check "$name: html renders" [ $? -eq 0 ]
		check "$name: html has its $notes notes and $pages page breaks" \
		    [ "$(grep -o '<li id=' "$tmp/$name.html" | wc -l)" -eq "$notes" ] && \
		    [ "$(grep -o 'class="pb"' "$tmp/$name.html" | wc -l)" -eq "$pages" ]
		run_teikit render --to latex "$tmp/$name.xml" >"$tmp/$name.tex" 2>"$tmp/err"
		check "$name: latex renders" [ $? -eq 0 ]
	done
	big=$shared/data/bench/frus-history.xml
	run_teikit render --to html "$big" >"$tmp/big.html" 2>"$tmp/err"
	check "frus-history.xml: html renders" [ $? -eq 0 ]
	check "frus-history.xml: html has its notes" \
	    [ "$(grep -o '<li id=' "$tmp/big.html" | wc -l)" -ge 1000 ]
else
	skip "reference TEI: $ref absent"
fi
tap_done
