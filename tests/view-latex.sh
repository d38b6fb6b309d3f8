#!/bin/sh
# tests/view-latex.sh -- the print view (--to latex, --to pdf) of TEI
# that is not FRUS: the fixtures of tests/views (a play, a letter, an
# apparatus, notes without @n, choice, a corpus, a register, tables, a
# novel) and of tests/view-latex (characters LaTeX would change, verse).
# The LaTeX is checked always; the PDF, where pdflatex and pdftotext are
# installed: it compiles, holds every word of the text (tests/conserve.py
# on pdftotext's output, where python3 is installed), and shows what the
# reader needs (cast list as a list, apparatus notes, a letter's closing
# and its sender, line numbers, characters as typed).
. "${srcdir:-.}/tests/lib.sh"

views=$srcdir/tests/views
mine=$srcdir/tests/view-latex

# latex NAME FILE: the LaTeX of FILE in $tmp/NAME.tex, ok when exit 0.
latex() {
	run_teikit render --to latex "$2" >"$tmp/$1.tex" 2>"$tmp/$1.err"
	check "$1: --to latex exits 0" [ $? -eq 0 ]
}

latex lig "$mine/ligatures.xml"
check "ligatures: two hyphens stay two hyphens, quotes straight" \
    grep -qF 'pages 10--12 and a rule --- here; {\ttfamily\char18}{\ttfamily\char18}grave pair{\ttfamily\char13}{\ttfamily\char13}' "$tmp/lig.tex"
check "ligatures: the fonts' ligatures are off" \
    grep -qF '\AddToHook{selectfont}{\pdfnoligatures\font}' "$tmp/lig.tex"
check "hyphenation is off" grep -q 'lefthyphenmin=64' "$tmp/lig.tex"

latex play "$views/play.xml"
check "play: the title block names the author" \
    grep -qF '{\large Wilhelmina Shakes\par}' "$tmp/play.tex"
check "play: the cast list is a list, one role an item" \
    sh -c "grep -qF '\item \textsc{The Ghost}' '$tmp/play.tex' &&
    grep -qF '\item \textsc{Fixture}, Prince of Testmark' '$tmp/play.tex'"
check "play: a stage direction between speeches is set apart" \
    grep -qF '\teistage{Enter the Ghost, slowly.}' "$tmp/play.tex"

latex letter "$views/letter.xml"
check "letter: sender, place and date from correspDesc" \
    grep -qF '\textsc{From:} Ada Lovetest, Ockham Park, 4 July 1843' "$tmp/letter.tex"
check "letter: addressee" grep -qF '\textsc{To:} Charles Babbletest, London' "$tmp/letter.tex"

latex app "$views/apparatus.xml"
check "apparatus: a numbered note with lemma, readings and witnesses" \
    grep -qF '\teiapp{1}{butchery] \teiwit{A}; bûchers \teiwit{B C}}' "$tmp/app.tex"
check "apparatus: without lem, the first rdg is the text" \
    grep -qF 'mountains\teiapp{2}{mountains] \teiwit{A}; hills \teiwit{B}; forests \teiwit{C}}' "$tmp/app.tex"
check "apparatus: numbered in the order of the markers (nested app first)" \
    sh -c "grep -o 'teiapp{[0-9]*}' '$tmp/app.tex' | tr -d '\n' |
    grep -qx 'teiapp{1}teiapp{2}teiapp{3}teiapp{4}teiapp{5}'"

latex notes "$views/notes.xml"
check "notes without @n: numbered 1, 2, 3 among themselves; @n kept" \
    sh -c "grep -o 'teinote{[0-9a-z]*}' '$tmp/notes.tex' | tr -d '\n' |
    grep -qx 'teinote{1}teinote{2}teinote{a}teinote{3}'"

latex choice "$views/choice.xml"
check "choice: the corrected side, not the other" \
    sh -c "grep -q 'detrimentum' '$tmp/choice.tex' && ! grep -q 'detrimentu[^m]' '$tmp/choice.tex'"
"$TEIKIT_BIN" render --to latex --param choice=orig -o "$tmp/choice-orig.tex" \
    "$views/choice.xml"
check "choice=orig: sic, abbr and orig instead" \
    sh -c "grep -q 'detrimentu[^m]' '$tmp/choice-orig.tex' &&
    grep -q 'publick' '$tmp/choice-orig.tex' && grep -qF 'Dr.' '$tmp/choice-orig.tex' &&
    ! grep -q 'detrimentum' '$tmp/choice-orig.tex'"

latex verse "$mine/verse.xml"
check "verse: every fifth line numbered, counted over the stanzas" \
    sh -c "grep -qF '\teilnext{5}epsilon line fifth' '$tmp/verse.tex' &&
    grep -qF '\teilnext{10}kappa line tenth' '$tmp/verse.tex' &&
    grep -qF '\teilnext{120}a line numbered one hundred twenty' '$tmp/verse.tex'"

latex corpus "$views/corpus.xml"
latex register "$views/register.xml"
check "register: a table" grep -q 'begin{longtable}' "$tmp/register.tex"
latex tables "$views/tables.xml"

# The PDFs.
if command -v pdflatex >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	for f in "$views"/*.xml "$mine"/*.xml; do
		name=$(basename "$f" .xml)
		run_teikit render --to pdf -o "$tmp/$name.pdf" "$f" 2>"$tmp/$name.err"
		rc=$?
		# A header and nothing else: the title block, with a warning.
		[ $rc -eq 1 ] && grep -q 'TK-W018' "$tmp/$name.err" &&
		    [ -s "$tmp/$name.pdf" ] && rc=0
		if [ $rc -ne 0 ]; then
			sed 's/^/# /' "$tmp/$name.err"
			not_ok "$name: the PDF compiles"
			continue
		fi
		ok "$name: the PDF compiles"
		pdftotext -enc UTF-8 "$tmp/$name.pdf" "$tmp/$name.txt" 2>/dev/null
		# Table rows read across with -layout.
		pdftotext -layout -enc UTF-8 "$tmp/$name.pdf" "$tmp/$name.lay" 2>/dev/null
		# What no font of texlive-latex-base has prints "?".
		[ "$name" = nofont ] && continue
		if ! command -v python3 >/dev/null 2>&1; then
			skip "$name: every word in the PDF (no python3)"
			continue
		fi
		for t in txt lay; do
			python3 "$srcdir/tests/conserve.py" --view text \
			    "$f" "$tmp/$name.$t" >"$tmp/$name.$t.c" 2>&1 && break
		done
		if [ $? -eq 0 ]; then
			ok "$name: every word in the PDF"
		else
			sed 's/^/# /' "$tmp/$name.txt.c" | tail -5
			not_ok "$name: every word in the PDF"
		fi
	done
	check "PDF: '--', '\`\`', \"''\", '!\`', '?\`' and ',,' as typed" \
	    sh -c "grep -qF \"pages 10--12 and a rule --- here; \\\`\\\`grave pair'' and 'single'; !\\\`Hola! ?\\\`Que?\" '$tmp/ligatures.txt' &&
	    grep -qF \",,low''\" '$tmp/ligatures.txt'"
	check "PDF: characters no font has do not stop pdflatex" \
	    grep -q 'and the text goes on after them' "$tmp/nofont.txt"
	check "PDF: the cast list one role a line" \
	    sh -c "grep -qE '^[^[:alpha:]]+ The Ghost\$' '$tmp/play.txt' &&
	    grep -qE '^[^[:alpha:]]+ Fixture, Prince of Testmark, son of the late king\$' '$tmp/play.txt'"
	check "PDF: the letter's closing and its sender" \
	    sh -c "grep -q 'ever yours most faithfully' '$tmp/letter.txt' &&
	    grep -q 'in great haste' '$tmp/letter.txt' &&
	    grep -qx 'From: Ada Lovetest, Ockham Park, 4 July 1843' '$tmp/letter.txt'"
	check "PDF: the apparatus notes" \
	    sh -c "grep -qx 'butchery\] A; b.*chers B C' '$tmp/apparatus.txt' &&
	    grep -qx 'departed\] B ; left A; A: erased margin' '$tmp/apparatus.txt'"
	check "PDF: line numbers 5 and 10" \
	    sh -c "grep -qx 5 '$tmp/verse.txt' && grep -qx 10 '$tmp/verse.txt'"
	# (pdftotext joins a hyphenated word but with -layout.)
	check "PDF: no word hyphenated at a line end" \
	    sh -c "! grep -q '[[:alpha:]]-\$' '$tmp/verse.lay'"
else
	skip "pdflatex or pdftotext is not installed"
fi
tap_done
