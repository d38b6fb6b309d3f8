#!/bin/sh
# tests/view-limits.sh -- no hidden limit breaks a view: inputs that are
# long where the stylesheets recursed once per item (libxslt stops at
# 3000 nested calls) or walked all the siblings for each one, given to
# the text, html and latex views (and pdf when pdflatex is here).  Each
# case failed before the stylesheets were rewritten: a 32-line libxslt
# backtrace, or minutes of work.  Each run is bounded by `timeout` so
# that a regression fails instead of hanging; the views take a few
# seconds here, the timeout is $limit.  A recursion bound that is still
# hit (a --stylesheet of the user's) is one coded error.
. "${srcdir:-.}/tests/lib.sh"

limit=${TEIKIT_TEST_TIMEOUT:-$((30 * slow))}

hdr='<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P.</p></publicationStmt><sourceDesc><p>S.</p></sourceDesc></fileDesc></teiHeader><text><body><div type="document">'
ftr='</div></body></text></TEI>'

# tei NAME: stdin, the body of a division, as the TEI document NAME.xml.
tei() {
	{ printf '%s' "$hdr"; cat; printf '%s\n' "$ftr"; } >"$tmp/$1.xml"
}

# views NAME: the text, html and latex views of NAME.xml as NAME.txt,
# NAME.html and NAME.tex; true when each exits 0 in time with nothing on
# stderr, else says which did not.
views() {
	fail=
	for v in text:txt html:html latex:tex; do
		timeout "$limit" "$TEIKIT_BIN" render --to "${v%%:*}" \
		    -o "$tmp/$1.${v##*:}" "$tmp/$1.xml" 2>"$tmp/$1.err"
		st=$?
		if [ "$st" -ne 0 ] || [ -s "$tmp/$1.err" ]; then
			echo "# --to ${v%%:*}: exit $st (124: timed out)"
			head -3 "$tmp/$1.err" | sed 's/^/# /'
			fail=1
		fi
	done
	[ -z "$fail" ]
}

# has FILE STRING: FILE holds STRING.
has() {
	grep -qF -- "$2" "$1" || { echo "# $1 lacks: $2"; return 1; }
}

# 1. About 1,000 LaTeX specials in one paragraph (500 x "$N (N%)").
awk 'BEGIN { printf "Title\n\n"
	for (i = 0; i < 500; i++) printf "%s$%d (%d%%)", i ? " " : "", i, i
	printf "\n" }' >"$tmp/dollars.txt"
"$TEIKIT_BIN" encode -o "$tmp/dollars.xml" "$tmp/dollars.txt"
if views dollars && has "$tmp/dollars.tex" '\$499 (499\%)'; then
	ok "500 x \"\$N (N%)\" in a paragraph: the views"
else
	not_ok "500 x \"\$N (N%)\" in a paragraph: the views"
fi
if command -v pdflatex >/dev/null 2>&1; then
	timeout $((120 * slow)) "$TEIKIT_BIN" render --to pdf -o "$tmp/dollars.pdf" \
	    "$tmp/dollars.xml" 2>"$tmp/err"
	st=$?
	head -3 "$tmp/err" | sed 's/^/# /'
	check "500 x \"\$N (N%)\" in a paragraph: --to pdf" \
	    [ "$st" -eq 0 -a ! -s "$tmp/err" ]
	# A paragraph is one line of the LaTeX, and TeX reads lines of
	# 200,000 bytes at most: a paragraph of 500 KB.
	awk 'BEGIN { printf "<p>"
		for (i = 0; i < 20000; i++)
			printf "$%d (%d%%) <hi rend=\"italic\">w</hi> ", i, i
		printf "</p>" }' | tei longpara
	timeout $((120 * slow)) "$TEIKIT_BIN" render --to pdf -o "$tmp/longpara.pdf" \
	    "$tmp/longpara.xml" 2>"$tmp/err"
	st=$?
	head -3 "$tmp/err" | sed 's/^/# /'
	check "a paragraph of 500 KB of LaTeX: --to pdf" \
	    [ "$st" -eq 0 -a ! -s "$tmp/err" ]
else
	skip "pdflatex is not installed"
	skip "pdflatex is not installed"
fi

# 2. The round trip, with any number of line ends at the end, at the
# start and between blocks; the blank lines in html and latex too.
roundtrip() {
	name=$1
	timeout "$limit" "$TEIKIT_BIN" encode -o "$tmp/$name.xml" \
	    "$tmp/$name.txt" 2>"$tmp/$name.err" &&
	timeout "$limit" "$TEIKIT_BIN" render --to text -o "$tmp/$name.out" \
	    "$tmp/$name.xml" 2>>"$tmp/$name.err"
	st=$?
	head -3 "$tmp/$name.err" | sed 's/^/# /'
	[ "$st" -eq 0 ] && cmp -s "$tmp/$name.txt" "$tmp/$name.out"
}
awk 'BEGIN { printf "Hello world.\n"; for (i = 0; i < 3000; i++) printf "\n" }' \
    >"$tmp/trail3k.txt"
check "3,000 line ends at the end: text view of the encoding = input" \
    roundtrip trail3k
awk 'BEGIN { printf "Hello world.\n"; for (i = 0; i < 100000; i++) printf "\n" }' \
    >"$tmp/trail100k.txt"
check "100,000 line ends at the end: text view of the encoding = input" \
    roundtrip trail100k
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "\n"; printf "Hello.\n" }' \
    >"$tmp/lead100k.txt"
check "100,000 line ends at the start: text view of the encoding = input" \
    roundtrip lead100k
awk 'BEGIN { printf "One.\n"; for (i = 0; i < 100000; i++) printf "\n"
	printf "Two.\n" }' >"$tmp/inner100k.txt"
check "100,000 blank lines between blocks: text view of the encoding = input" \
    roundtrip inner100k
check "100,000 blank lines between blocks: the views" views inner100k

# 3. A megabyte of LaTeX specials in one paragraph (52,428 x 20 bytes),
# each escaped; a tenth of it in the sanitizer build (TEIKIT_TEST_SCALE),
# where ASan's allocator makes the megabyte take minutes -- still fifty
# times what broke libxslt's recursion limit before.
nspec=$((52428 / ${TEIKIT_TEST_SCALE:-1}))
awk -v n=$nspec 'BEGIN { printf "<p>"
	for (i = 0; i < n; i++) printf "# $ %% &amp; ~ _ ^ \\ { } "
	printf "</p>" }' | tei specials
if views specials && has "$tmp/specials.tex" \
    '\# \$ \% \& \textasciitilde{} \_ \textasciicircum{} \textbackslash{} \{ \}' &&
    [ "$(grep -o 'textbackslash{}' "$tmp/specials.tex" | wc -l)" -eq "$nspec" ]; then
	ok "1 MB of LaTeX specials in a paragraph: the views, each escaped"
else
	not_ok "1 MB of LaTeX specials in a paragraph: the views, each escaped"
fi

# 4. Many siblings in a row.
awk 'BEGIN { printf "<p>a"
	for (i = 1; i <= 20000; i++) printf "<note n=\"%d\">n</note>", i
	printf "</p>" }' | tei notes
if views notes && has "$tmp/notes.html" 'id="note-20000"' &&
    has "$tmp/notes.txt" '20000. n'; then
	ok "20,000 numbered footnotes: the views"
else
	not_ok "20,000 numbered footnotes: the views"
fi
awk 'BEGIN { printf "<p>a"
	for (i = 1; i <= 20000; i++) printf "<note>n</note>"
	printf "</p>" }' | tei unnumbered
if views unnumbered && has "$tmp/unnumbered.tex" '\teinote{20000}' &&
    has "$tmp/unnumbered.html" '>20000</a>'; then
	ok "20,000 unnumbered footnotes: the views, numbered"
else
	not_ok "20,000 unnumbered footnotes: the views, numbered"
fi
awk 'BEGIN { printf "<list>"
	for (i = 0; i < 50000; i++) printf "<label>%d.</label><item>x</item>", i
	printf "</list>" }' | tei list
if views list && has "$tmp/list.txt" '49999. x' &&
    has "$tmp/list.tex" '\item[49999.] x'; then
	ok "a list of 50,000 labelled items: the views"
else
	not_ok "a list of 50,000 labelled items: the views"
fi
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<p>%d</p>", i }' | tei paras
if views paras && has "$tmp/paras.tex" '99999'; then
	ok "100,000 paragraphs: the views"
else
	not_ok "100,000 paragraphs: the views"
fi
# The same with the layout of an indented file: a text node between
# each two paragraphs (the LaTeX view took minutes, merging "* | text()"
# and matching text()[...] over all the siblings of each).
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "\n  <p>%d</p>", i
	printf "\n" }' | tei laidout
if views laidout && has "$tmp/laidout.tex" '99999' &&
    has "$tmp/laidout.txt" '99999'; then
	ok "100,000 paragraphs laid out on lines: the views"
else
	not_ok "100,000 paragraphs laid out on lines: the views"
fi
awk 'BEGIN { printf "<castList>"
	for (i = 0; i < 50000; i++)
		printf "\n<castItem>R%d</castItem><castGroup><castItem>G%d</castItem></castGroup>", i, i
	printf "</castList>" }' | tei cast
if views cast && has "$tmp/cast.tex" 'G49999' && has "$tmp/cast.html" 'G49999'; then
	ok "a cast list of 50,000 items and 50,000 groups: the views"
else
	not_ok "a cast list of 50,000 items and 50,000 groups: the views"
fi
awk 'BEGIN { printf "<sp><speaker>A:</speaker>"
	for (i = 0; i < 100000; i++) printf "<p>%d</p>", i
	printf "</sp>" }' | tei turn
if views turn && has "$tmp/turn.txt" 'A: 0' && has "$tmp/turn.txt" '99999'; then
	ok "a turn of 100,000 paragraphs: the views"
else
	not_ok "a turn of 100,000 paragraphs: the views"
fi

# 5. A bound still hit is one coded error, not libxslt's backtrace.
# one_error LABEL: LABEL.err is one line, a TK-E014 error naming the
# bound; the exit status was 2.
one_error() {
	sed 's/^/# /' "$tmp/$1.err" | head -5
	[ "$st" -eq 2 ] && [ "$(wc -l <"$tmp/$1.err")" -eq 1 ] &&
	    grep -q ": error: .*$2.*\[TK-E014\]$" "$tmp/$1.err"
}
cat >"$tmp/deep.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:call-template name="down"/></xsl:template>
  <xsl:template name="down"><xsl:call-template name="down"/></xsl:template>
</xsl:stylesheet>
EOF
timeout "$limit" "$TEIKIT_BIN" render --stylesheet "$tmp/deep.xsl" \
    -o "$tmp/deep.out" "$tmp/dollars.xml" 2>"$tmp/deep.err"
st=$?
check "a stylesheet recursing without end: one coded error" \
    one_error deep '3000 nested template calls.*template down'
cat >"$tmp/vars.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:call-template name="down"/></xsl:template>
  <xsl:template name="down">
    <xsl:variable name="a" select="1"/><xsl:variable name="b" select="1"/>
    <xsl:variable name="c" select="1"/><xsl:variable name="d" select="1"/>
    <xsl:variable name="e" select="1"/><xsl:variable name="f" select="1"/>
    <xsl:variable name="g" select="1"/><xsl:variable name="h" select="1"/>
    <xsl:variable name="i" select="1"/><xsl:variable name="j" select="1"/>
    <xsl:variable name="k" select="1"/><xsl:variable name="l" select="1"/>
    <xsl:call-template name="down"/>
  </xsl:template>
</xsl:stylesheet>
EOF
timeout "$limit" "$TEIKIT_BIN" render --stylesheet "$tmp/vars.xsl" \
    -o "$tmp/vars.out" "$tmp/dollars.xml" 2>"$tmp/vars.err"
st=$?
check "a stylesheet with variables without end: one coded error" \
    one_error vars '15000 variables'
sed 's/final-eols="[0-9]*"/final-eols="99999999999"/' "$tmp/trail3k.xml" \
    >"$tmp/eols.xml"
timeout "$limit" "$TEIKIT_BIN" render --to text -o "$tmp/eols.out" \
    "$tmp/eols.xml" 2>"$tmp/eols.err"
st=$?
if one_error eols 'declares 99999999999 final line ends' &&
    [ ! -e "$tmp/eols.out" ]; then
	ok "final-eols beyond any string: one coded error, no output"
else
	not_ok "final-eols beyond any string: one coded error, no output"
fi

tap_done
