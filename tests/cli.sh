#!/bin/sh
# tests/cli.sh -- the command line: help and version, usage errors (exit
# 3), system errors (exit 4), -o written atomically and never over the
# input, stdin, the data directory, options that override decisions,
# and the safety of render (no entity or file reads, no XSLT writes).
. "${srcdir:-.}/tests/lib.sh"

seed=$srcdir/examples/telegram-1235.txt

run_teikit --help >"$tmp/out" 2>&1
check "--help exits 0" [ $? -eq 0 ]
check "--help prints usage" grep -q "^usage: teikit" "$tmp/out"
run_teikit --version >"$tmp/out"
check "--version names teikit and libxml2" grep -q "^teikit .* (libxml2" "$tmp/out"

status_is() {	# status_is WANT DESCRIPTION COMMAND...
	want=$1 desc=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	check "$desc: exit $want" [ $? -eq "$want" ]
}

status_is 3 "no command" run_teikit
check "no command: TK-U001" grep -q "error: .*\[TK-U001\]" "$tmp/err"
status_is 3 "unknown command" run_teikit frobnicate
status_is 3 "encode: unknown option" run_teikit encode --nope "$seed"
status_is 3 "encode: two files" run_teikit encode "$seed" "$seed"
status_is 3 "encode: bad --lang" run_teikit encode --lang 'e n' "$seed"
status_is 3 "encode: unknown profile" run_teikit encode --profile x "$seed"
status_is 3 "render: no --to" run_teikit render "$seed"
status_is 3 "render: unknown view" run_teikit render --to nope "$seed"
status_is 4 "encode: missing input" run_teikit encode "$tmp/missing.txt"
check "missing input: TK-S001" grep -q "missing.txt: error: cannot read: .*\[TK-S001\]" "$tmp/err"

# -o: atomic, never the input.
cp "$seed" "$tmp/in.txt"
status_is 3 "encode -o the input itself" run_teikit encode -o "$tmp/in.txt" "$tmp/in.txt"
check "the input is untouched" cmp -s "$seed" "$tmp/in.txt"
check "refusal is TK-U003" grep -q "\[TK-U003\]" "$tmp/err"
ln -s in.txt "$tmp/link.txt"
status_is 3 "encode -o a link to the input" run_teikit encode -o "$tmp/link.txt" "$tmp/in.txt"
status_is 0 "encode -o OUT" run_teikit encode -o "$tmp/o.xml" "$seed"
check "encode -o writes nothing to stdout" [ ! -s "$tmp/out" ]
check "encode -o OUT writes OUT" grep -q '<pb n="1264" xml:id="pg_1264"/>' "$tmp/o.xml"
if [ -w /dev/full ]; then
	status_is 4 "encode -o /dev/full" run_teikit encode -o /dev/full "$seed"
	check "write error is TK-S002" grep -q "/dev/full: error: cannot write: .*\[TK-S002\]" "$tmp/err"
else
	skip "no /dev/full"
fi

# stdin, and the one-step text view.
run_teikit encode - <"$seed" >"$tmp/stdin.xml" 2>"$tmp/err"
check "encode - reads stdin" cmp -s "$tmp/stdin.xml" "$tmp/o.xml"
run_teikit encode --to text "$seed" >"$tmp/one-step.txt"
check "encode --to text gives the input back" cmp -s "$seed" "$tmp/one-step.txt"

# Determinism.
run_teikit encode "$seed" >"$tmp/again.xml"
check "same input, same bytes" cmp -s "$tmp/o.xml" "$tmp/again.xml"

# Options that override decisions.
run_teikit encode --explain --speaker L.=Lozovsky "$seed" >"$tmp/s.xml" 2>"$tmp/err"
check "--speaker resolves a label" grep -q 'speaker "L." is Lozovsky (#lozovsky): by --speaker' "$tmp/err"
status_is 2 "--speaker for a label that is not there" run_teikit encode --speaker Q.=Quux "$seed"
check "unused --speaker is TK-E015" grep -q "\[TK-E015\]" "$tmp/err"
run_teikit encode --series "Papers Relating to the Foreign Relations" --lang en-US "$seed" >"$tmp/s.xml"
check "--series names the series" grep -q '<title level="s">Papers Relating to the Foreign Relations</title>' "$tmp/s.xml"
check "--lang sets xml:lang" grep -q '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en-US">' "$tmp/s.xml"
printf 'No. 7\nA title\n\nToday4 the cable.' >"$tmp/today.txt"
run_teikit encode "$tmp/today.txt" >"$tmp/t.xml"
check "'today4': note 4 begins the sequence" grep -q 'Today<note n="4" place="foot" xml:id="d7fn4">' "$tmp/t.xml"
run_teikit encode --first-note 1 "$tmp/today.txt" >"$tmp/t.xml"
check "--first-note 1: 'today4' is text" grep -q 'Today4 the' "$tmp/t.xml"

# Where the stylesheets are.
status_is 4 "TEIKIT_DATADIR without stylesheets" env TEIKIT_DATADIR="$tmp" "$TEIKIT_BIN" render --to text "$tmp/o.xml"
check "missing stylesheet is TK-S004" grep -q "\[TK-S004\]" "$tmp/err"
status_is 0 "--datadir overrides TEIKIT_DATADIR" env TEIKIT_DATADIR="$tmp" "$TEIKIT_BIN" --datadir "$srcdir" render --to text "$tmp/o.xml"

# Render: bad XML, not TEI, and safety.
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>x</body></text></TEI>\n' >"$tmp/bad.xml"
status_is 2 "render: not well-formed" run_teikit render --to text "$tmp/bad.xml"
check "not well-formed: TK-E012 with line and column" grep -q "bad.xml:2:[0-9]*: error: .*\[TK-E012\]" "$tmp/err"
printf '<doc/>' >"$tmp/nottei.xml"
status_is 2 "render: not TEI" run_teikit render --to text "$tmp/nottei.xml"
check "not TEI: TK-E013" grep -q "\[TK-E013\]" "$tmp/err"
cat >"$tmp/xxe.xml" <<XML
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file://$tmp/secret.txt">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>a&secret;b</p></body></text></TEI>
XML
echo "TOPSECRET" >"$tmp/secret.txt"
run_teikit render --to text "$tmp/xxe.xml" >"$tmp/out" 2>"$tmp/err"
check "render: an external entity is not read" sh -c "! grep -q TOPSECRET '$tmp/out'"
cat >"$tmp/write.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:param name="who" select="'nobody'"/>
  <xsl:template match="/">
    <xsl:value-of select="concat('hello ', $who)"/>
    <exsl:document href="written.txt" method="text">pwned</exsl:document>
  </xsl:template>
</xsl:stylesheet>
XSL
(cd "$tmp" && run_teikit render --stylesheet write.xsl --param who=you o.xml >out 2>err)
check "render: a stylesheet may not write files" [ ! -e "$tmp/written.txt" ]
check "render: the refused write is an error" grep -q "error: .*\[TK-E014\]" "$tmp/err"
cat >"$tmp/hello.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:param name="who" select="'nobody'"/>
  <xsl:template match="/"><xsl:value-of select="concat('hello ', $who)"/></xsl:template>
</xsl:stylesheet>
XSL
run_teikit render --stylesheet "$tmp/hello.xsl" --param "who=it's me" "$tmp/o.xml" >"$tmp/out"
check "--stylesheet with --param" [ "$(cat "$tmp/out")" = "hello it's me" ]

# The frus profile: the Office of the Historian's encoding, same text.
run_teikit encode --profile frus "$seed" >"$tmp/frus.xml" 2>"$tmp/err"
check "--profile frus: exit 0" [ $? -eq 0 ]
check "--profile frus: a turn is a p with persName corresp" \
    grep -q '<p><persName corresp="#sato">Sato</persName>: As you' "$tmp/frus.xml"
check "--profile frus: no sp" sh -c "! grep -q '<sp' '$tmp/frus.xml'"
check "--profile frus: inline source note" \
    grep -q '<note rend="inline" type="source">761.94/7–2145: Telegram</note>' "$tmp/frus.xml"
run_teikit render --to text "$tmp/frus.xml" >"$tmp/frus.txt"
check "--profile frus: round trip exact" cmp -s "$seed" "$tmp/frus.txt"
run_teikit validate --rules frus "$tmp/frus.xml" 2>"$tmp/err"
check "--profile frus: valid, FRUS rules clean" [ $? -eq 0 ]
tap_done
