#!/bin/sh
# tests/views-empty.sh -- a view with nothing to show says so: a TEI
# document whose text, sourceDoc and standOff hold no text (or that has
# none of them) renders with a warning, TK-W018, and exit 1, under
# render and build alike; a document with words in any of the three,
# and any --stylesheet, renders in silence.
. "${srcdir:-.}/tests/lib.sh"

hdr='<teiHeader><fileDesc><titleStmt><title>Only a header</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>'
tei() {	# tei NAME BODY...: a TEI document of that header and BODY
	name=$1
	shift
	printf '<TEI xmlns="http://www.tei-c.org/ns/1.0">%s%s</TEI>\n' \
	    "$hdr" "$*" >"$tmp/$name.xml"
}
tei header ''
tei blank '<text><body><p>  </p>
  <p/></body></text>'
tei words '<text><body><p>A word.</p></body></text>'
tei source '<sourceDoc><surface><zone><line>A line</line></zone></surface></sourceDoc>'
tei register '<standOff><listPerson><person><persName>Ada</persName></person></listPerson></standOff>'
printf '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">%s<TEI>%s<text><body><p>x</p></body></text></TEI></teiCorpus>\n' \
    "$hdr" "$hdr" >"$tmp/corpus.xml"
printf '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">%s<TEI>%s</TEI></teiCorpus>\n' \
    "$hdr" "$hdr" >"$tmp/corpus-empty.xml"

# warns NAME VIEW: exit 1, one TK-W018 at the file, the view written
warns() {
	run_teikit render --to "$2" -o "$tmp/$1.$2.out" "$tmp/$1.xml" 2>"$tmp/err"
	status=$?
	check "$1 --to $2: exit 1" [ $status -eq 1 ]
	check "$1 --to $2: TK-W018 once, at the file" sh -c \
	    "[ \$(grep -c 'TK-W018' '$tmp/err') -eq 1 ] &&
	     grep -q '^$tmp/$1.xml: warning: nothing to show: .*\[TK-W018\]\$' '$tmp/err'"
	check "$1 --to $2: the page is still written" [ -s "$tmp/$1.$2.out" ]
}
silent() {
	run_teikit render --to "$2" "$tmp/$1.xml" >/dev/null 2>"$tmp/err"
	status=$?
	check "$1 --to $2: exit 0, no warning" sh -c \
	    "[ $status -eq 0 ] && ! [ -s '$tmp/err' ]"
}

for v in text html; do
	warns header $v
	warns blank $v
	warns corpus-empty $v
	silent words $v
	silent source $v
	silent register $v
	silent corpus $v
done

# A stylesheet of the user's own may well have nothing to show.
cat >"$tmp/own.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text"/><xsl:template match="/">own</xsl:template></xsl:stylesheet>
XSL
run_teikit render --stylesheet "$tmp/own.xsl" "$tmp/header.xml" >/dev/null 2>"$tmp/err"
status=$?
check "--stylesheet: no TK-W018" sh -c "[ $status -eq 0 ] && ! grep -q TK-W018 '$tmp/err'"

# build: once per document, whatever the number of views.
mkdir "$tmp/in"
cp "$tmp/blank.xml" "$tmp/words.xml" "$tmp/in/"
run_teikit build -o "$tmp/out" "$tmp/in" >/dev/null 2>"$tmp/err"
status=$?
check "build: exit 1 for the empty (valid) document" [ $status -eq 1 ]
check "build: TK-W018 once, for blank.xml only" sh -c \
    "[ \$(grep -c TK-W018 '$tmp/err') -eq 1 ] && grep -q 'blank.xml: warning: nothing to show' '$tmp/err'"

tap_done
