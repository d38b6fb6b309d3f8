#!/bin/sh
# tests/views-tidy.sh -- valid HTML5: the HTML view of every fixture of
# tests/views, of teikit's own TEI and of every TEI document of
# ../shared/corpus/tei, checked by HTML Tidy (Debian's tidy): no block
# inside <p> or inside an inline element, no stray end tag, one charset
# declaration.  Every message of `tidy -errors -q` counts except "trimming
# empty <x>" (an empty element is valid HTML5; --drop-empty-elements no
# silences it).  One TAP line per page.  Skips cleanly without tidy.
. "${srcdir:-.}/tests/lib.sh"

if ! command -v tidy >/dev/null 2>&1; then
	skip "tidy is not installed (apt-get install tidy)"
	tap_done
	exit 0
fi

mkdir "$tmp/in" "$tmp/html"
: >"$tmp/names"
n=0
add() {
	n=$((n + 1))
	ln -s "$2" "$tmp/in/$n.xml"
	printf '%s\t%s\n' "$n" "$1" >>"$tmp/names"
}
for f in "$srcdir"/tests/views/*.xml "$srcdir"/tests/render/*.xml; do
	[ -f "$f" ] && add "${f#"$srcdir"/}" "$f"
done
if [ -d "$shared/corpus/tei" ]; then
	find "$shared/corpus/tei" -name Schemas -prune -o -name '*.xml' \
	    -type f -print | LC_ALL=C sort >"$tmp/corpus"
	while read -r f; do
		add "corpus/${f#"$shared"/corpus/tei/}" "$f"
	done <"$tmp/corpus"
else
	skip "the TEI corpus: $shared/corpus/tei absent"
fi
(cd "$tmp/in" && run_teikit render -j 2 --to html -o "$tmp/html" \
    $(ls | sort -n)) 2>"$tmp/err"

pages=0 bad=0 errors=0
while IFS='	' read -r i name; do
	if grep -q "^$i\.xml:.*\[TK-E013\]" "$tmp/err"; then
		skip "$name: not a TEI document"
		continue
	fi
	page=$tmp/html/$i.html
	if [ ! -s "$page" ]; then
		grep "^$i\.xml:" "$tmp/err" | head -5 | sed 's/^/# /'
		not_ok "$name: --to html writes a page"
		bad=$((bad + 1))
		continue
	fi
	pages=$((pages + 1))
	tidy -errors -q --drop-empty-elements no "$page" >"$tmp/tidy" 2>&1
	e=$(grep -c '^line [0-9]* column [0-9]* - ' "$tmp/tidy")
	if [ "$e" -eq 0 ] && [ ! -s "$tmp/tidy" ]; then
		ok "$name: tidy finds nothing"
	else
		head -10 "$tmp/tidy" | sed 's/^/# /'
		not_ok "$name: tidy: $e problems"
		bad=$((bad + 1))
		errors=$((errors + e))
	fi
done <"$tmp/names"
check "totals: $pages pages, $bad failing, $errors problems" [ $bad -eq 0 ]
tap_done
