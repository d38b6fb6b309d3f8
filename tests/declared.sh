#!/bin/sh
# tests/declared.sh -- which schema `teikit validate` holds a document
# to: --schema, else the RELAX NG schemas its <?xml-model?>s declare
# (relative to the document, or URLs through XML catalogs: --catalog,
# XML_CATALOG_FILES, teikit's own for TEI's release URLs; never the
# network), else tei_all for TEI, else an error; and which rules: teikit's
# own for what teikit encoded or on request, else integrity warnings.
# Then the proof on real TEI: over ../shared/corpus/tei, file by file,
# the verdict jing gives with each file's declared schema (or tei_all).
. "${srcdir:-.}/tests/lib.sh"

RNG='xmlns="http://relaxng.org/ns/structure/1.0"'
TEI_URL=http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng
hdr='<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P.</p></publicationStmt><sourceDesc><p>S.</p></sourceDesc></fileDesc></teiHeader>'

# a project's own schema: memo of lines, each with an optional @who
mkdir -p "$tmp/proj/schema" "$tmp/proj/docs"
cat >"$tmp/proj/schema/memo.rng" <<EOF
<grammar $RNG datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="memo"><oneOrMore><element name="line">
    <optional><attribute name="who"/></optional>
    <optional><attribute name="id" ns="http://www.w3.org/XML/1998/namespace"/></optional>
    <text/></element></oneOrMore></element></start>
</grammar>
EOF
cat >"$tmp/proj/schema/short.rng" <<EOF
<element name="memo" $RNG><element name="line"><text/></element></element>
EOF
model() { printf '<?xml-model href="%s" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n' "$1"; }
{ model ../schema/memo.rng; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/ok.xml"
{ model ../schema/memo.rng; echo '<memo><para>a</para></memo>'; } >"$tmp/proj/docs/bad.xml"

# v DESC STATUS [PATTERN] -- ARGS...: validate ARGS; exit STATUS, and
# PATTERN (grep -E) in what it said when given
v() {
	desc=$1 want=$2 pat=$3
	shift 4
	run_teikit validate "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ] || { [ -n "$pat" ] &&
	    ! grep -Eq -- "$pat" "$tmp/err"; }; then
		sed 's/^/# /' "$tmp/err" | head -5
		not_ok "$desc (exit $got, wanted $want)"
	else
		ok "$desc"
	fi
}

# -- <?xml-model?> --------------------------------------------------------
v "a relative href: the document's own schema, valid" 0 '' -- \
    "$tmp/proj/docs/ok.xml"
v "...an invalid document against it" 2 'bad.xml:2:[0-9]+: error: .*<para>' -- \
    "$tmp/proj/docs/bad.xml"
(cd "$tmp/proj" && run_teikit validate docs/ok.xml) 2>"$tmp/err"
check "...relative to the document, not the working folder" [ $? -eq 0 ]
(cd "$tmp/proj/docs" && run_teikit validate - <ok.xml) >/dev/null 2>"$tmp/err"
check "...on standard input: relative to the working folder" [ $? -eq 0 ]
cat "$tmp/proj/docs/ok.xml" | (cd "$tmp/proj/docs" &&
    run_teikit validate -) >/dev/null 2>&1
check "...from a pipe: read once, validated" [ $? -eq 0 ]
{ echo 'a line read before teikit'; cat "$tmp/proj/docs/ok.xml"; } >"$tmp/proj/docs/after.txt"
(cd "$tmp/proj/docs" && { read -r _; run_teikit validate -; } <after.txt) >/dev/null 2>"$tmp/err"
check "...a regular file already read in part: from where it stands" [ $? -eq 0 ]
(cd "$tmp/proj/docs" && run_teikit validate -j2 - - <ok.xml) >/dev/null 2>"$tmp/err"
check "...named twice: a usage error, not two threads sharing it" [ $? -eq 3 ]
{ model ../schema/memo.rng; model ../schema/short.rng
  echo '<memo><line>a</line><line>b</line></memo>'; } >"$tmp/proj/docs/two.xml"
v "two <?xml-model?>s: held to both (short.rng allows one line)" 2 \
    'two.xml:3:[0-9]+: error' -- "$tmp/proj/docs/two.xml"
v "--schema overrides the declaration" 0 '' -- --schema \
    "$tmp/proj/schema/memo.rng" "$tmp/proj/docs/two.xml"
{ printf '<?xml-model href="../schema/memo.rng"?>\n'
  echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/bare.xml"
v "an href ending .rng with no schematypens is RELAX NG" 0 '' -- \
    "$tmp/proj/docs/bare.xml"
{ printf '<?xml-model href="../schema/m%%65mo.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
  echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/esc.xml"
v "an href is a URI: %-escapes undone" 0 '' -- "$tmp/proj/docs/esc.xml"
cp "$tmp/proj/schema/short.rng" "$tmp/proj/schema/memo#2.rng"
{ model '../schema/memo%232.rng'; echo '<memo><line>a</line><line>b</line></memo>'; } >"$tmp/proj/docs/hash.xml"
v "%23 is a '#' of the file's name, not a fragment" 2 'hash.xml:2:[0-9]+: error' -- \
    "$tmp/proj/docs/hash.xml"
{ model "file://elsewhere$tmp/proj/schema/memo.rng"; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/host.xml"
mkdir -p "$tmp/proj/docs/elsewhere$tmp/proj/schema"
cp "$tmp/proj/schema/memo.rng" "$tmp/proj/docs/elsewhere$tmp/proj/schema/"
XML_CATALOG_FILES= v "a file: URL of another host is no local path (nor one beside the document)" 4 \
    'host.xml:1: error: the schema file://elsewhere.*TK-S006' -- "$tmp/proj/docs/host.xml"
{ model '../schema/&#xD800;&#-18446744073709551615;.rng'; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/ref.xml"
v "character references XML does not allow (a surrogate, a sign) are left as they are" 4 \
    'ref.xml:1: error: the schema it declares, \.\./schema/&#xD800;&#-18446744073709551615;\.rng,' -- \
    "$tmp/proj/docs/ref.xml"
{ printf '<!DOCTYPE memo [\n'; model ../schema/short.rng; printf ']>\n'
  model ../schema/memo.rng; echo '<memo><line>a</line><line>b</line></memo>'; } >"$tmp/proj/docs/subset.xml"
v "an <?xml-model?> in the DTD's internal subset is no declaration" 0 '' -- \
    "$tmp/proj/docs/subset.xml"
{ printf '<?xml-model href="../schema/missing.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
  echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/missing.xml"
v "a declared schema that is not there: exit 4, said at the declaration" 4 \
    'missing.xml:1: error: the schema it declares, ../schema/missing.rng, cannot be read' -- \
    "$tmp/proj/docs/missing.xml"
{ printf '<?xml-model href="../schema/memo.rng" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
  model ../schema/memo.rng; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/sch.xml"
v "a Schematron declaration of a RELAX NG schema with no rules in it: nothing to say" 0 \
    '' -- "$tmp/proj/docs/sch.xml"
cat >"$tmp/proj/schema/memo.sch" <<'EOF'
<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <pattern id="short"><rule context="line">
    <assert test="string-length(.) gt 1">a line of <value-of select="string-length(.)"/> character</assert>
  </rule></pattern>
</schema>
EOF
{ printf '<?xml-model href="../schema/memo.sch" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
  model ../schema/memo.rng; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/schd.xml"
v "a Schematron declaration: its rules checked after the RELAX NG schema" 2 \
    'schd.xml:3:7: error: a line of 1 character \[TK-E027\]' -- "$tmp/proj/docs/schd.xml"
{ printf '<?xml-model href="../schema/memo.rnc" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
  model ../schema/memo.rng; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/schc.xml"
printf 'namespace sch = "http://purl.oclc.org/dsdl/schematron"\nelement memo { element line { text }+ }\n' \
    >"$tmp/proj/schema/memo.rnc"
v "a Schematron declaration of a compact-syntax schema: a note that its rules are not read" 0 \
    'schc.xml:1: note: .*compact syntax.*\[TK-N003\]' -- "$tmp/proj/docs/schc.xml"
{ printf '<?xml-model href="memo.xsd" schematypens="http://www.w3.org/2001/XMLSchema"?>\n'
  model ../schema/memo.rng; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/xsd.xml"
v "an XML Schema declaration: a warning, the RELAX NG one still used" 1 \
    'xsd.xml:1: warning: memo.xsd is not validated against.*\[TK-W014\]' -- \
    "$tmp/proj/docs/xsd.xml"
{ printf '<?xml-model type="application/xml"?>\n'
  model ../schema/memo.rng; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/nohref.xml"
v "an <?xml-model?> without href: a warning" 1 'nohref.xml:1: warning: .*no href' -- \
    "$tmp/proj/docs/nohref.xml"
{ model ""; model ../schema/memo.rng; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/empty-href.xml"
v "an empty href: a warning, not the document taken for a schema" 1 \
    'empty-href.xml:1: warning: .*empty href.*\[TK-W014\]' -- "$tmp/proj/docs/empty-href.xml"
{ echo '<memo><line>a</line></memo>'; model ../schema/short.rng; } >"$tmp/proj/docs/late.xml"
v "an <?xml-model?> after the root is no declaration" 2 'TK-E026' -- \
    "$tmp/proj/docs/late.xml"
printf '<memo><line>a</line></memo>' >"$tmp/plain.xml"
v "not TEI and nothing declared: TK-E026" 2 \
    'plain.xml: error: not a TEI document, and it declares no schema.*\[TK-E026\]' -- \
    "$tmp/plain.xml"
printf 'not XML at all\n' >"$tmp/text.xml"
v "not XML: the parser's error, no word of schemas" 2 'text.xml:1:1: error: .*\[TK-E012\]' -- \
    "$tmp/text.xml"
check "...and only that" [ "$(wc -l <"$tmp/err")" -eq 1 ]

# -- many declarations: none dropped, none twice ------------------------
mkdir -p "$tmp/proj/many"
i=1
while [ $i -le 17 ]; do
	cp "$tmp/proj/schema/memo.rng" "$tmp/proj/many/s$i.rng"
	i=$((i + 1))
done
cp "$tmp/proj/schema/short.rng" "$tmp/proj/many/s17.rng"
{ i=1; while [ $i -le 17 ]; do model "s$i.rng"; i=$((i + 1)); done
  echo '<memo><line>a</line><line>b</line></memo>'; } >"$tmp/proj/many/d.xml"
v "17 schemas declared, the 17th refusing it: not passed as valid" 4 \
    'd.xml:17: error: declares more than 16 RELAX NG schemas' -- \
    "$tmp/proj/many/d.xml"
{ i=1; while [ $i -le 20 ]; do model ../schema/short.rng; i=$((i + 1)); done
  echo '<memo><line>a</line><line>b</line></memo>'; } >"$tmp/proj/docs/same.xml"
v "the same schema declared 20 times: checked once" 2 'same.xml:21:' -- \
    "$tmp/proj/docs/same.xml"
check "...its error said once" [ "$(grep -c TK-E016 "$tmp/err")" -eq 1 ]

# a schema that cannot be compiled says so in its document's place, for
# any -j (its compiler's own thread is not the document's)
echo "<grammar $RNG><start><ref name=\"nope\"/></start></grammar>" >"$tmp/proj/schema/broken.rng"
{ printf '<?xml-model href="x.xsd" schematypens="http://www.w3.org/2001/XMLSchema"?>\n'
  model ../schema/broken.rng; echo '<memo/>'; } >"$tmp/proj/docs/broken.xml"
run_teikit validate -j1 "$tmp/proj/docs/broken.xml" "$tmp/proj/docs/ok.xml" >/dev/null 2>"$tmp/j1.err"
run_teikit validate -j2 "$tmp/proj/docs/broken.xml" "$tmp/proj/docs/ok.xml" >/dev/null 2>"$tmp/j2.err"
if grep -q 'broken.rng:1: error' "$tmp/j1.err" && cmp -s "$tmp/j1.err" "$tmp/j2.err"; then
	ok "a broken schema's errors: in the document's place with -j2 as with -j1"
else
	diff "$tmp/j1.err" "$tmp/j2.err" | sed 's/^/# /' | head -6
	not_ok "a broken schema's errors: in the document's place with -j2 as with -j1"
fi

# -- XML catalogs: URLs, never the network -------------------------------
url=http://example.org/schemas/memo.rng
{ model $url; echo '<memo><line>a</line></memo>'; } >"$tmp/proj/docs/url.xml"
cat >"$tmp/proj/catalog.xml" <<EOF
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="$url" uri="schema/memo.rng"/>
</catalog>
EOF
XML_CATALOG_FILES= v "a URL in no catalog: TK-S006, how to map it" 4 \
    "url.xml:1: error: the schema $url is not in any XML catalog.*--catalog.*\[TK-S006\]" -- \
    "$tmp/proj/docs/url.xml"
XML_CATALOG_FILES= v "--catalog maps it to a local file (relative to the catalog)" 0 '' \
    -- --catalog "$tmp/proj/catalog.xml" "$tmp/proj/docs/url.xml"
XML_CATALOG_FILES="/nonexistent.xml file://$tmp/proj/catalog.xml" \
    v "XML_CATALOG_FILES (a file: URL, after one that is not there)" 0 '' -- \
    "$tmp/proj/docs/url.xml"
v "--catalog with no such file: a usage error" 3 'catalog' -- \
    --catalog "$tmp/none.xml" "$tmp/proj/docs/url.xml"
# a catalog that sends the lookup to the network: teikit opens no
# connection (strace), and says the URL is not mapped
port=$((20000 + $$ % 20000))
cat >"$tmp/net-catalog.xml" <<EOF
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <nextCatalog catalog="http://127.0.0.1:$port/catalog.xml"/>
  <delegateURI uriStartString="http://example.org/" catalog="http://127.0.0.1:$port/d.xml"/>
</catalog>
EOF
if strace -f -o /dev/null true 2>/dev/null; then
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" XML_CATALOG_FILES= \
	    strace -f -qq -e trace=connect,socket -o "$tmp/net.trace" \
	    "$TEIKIT_BIN" validate --catalog "$tmp/net-catalog.xml" \
	    "$tmp/proj/docs/url.xml" >/dev/null 2>"$tmp/err"
	st=$?
	if [ $st -eq 4 ] && ! grep -q 'AF_INET' "$tmp/net.trace"; then
		ok "a catalog pointing at the network: no connection, TK-S006"
	else
		grep AF_INET "$tmp/net.trace" | head -3 | sed 's/^/# /'
		not_ok "a catalog pointing at the network: no connection, TK-S006 (exit $st)"
	fi
else
	skip "strace cannot run here"
fi

# a catalog whose nextCatalog is a FIFO: not opened (it would block for
# ever), the URL unmapped
mkfifo "$tmp/fifo-catalog"
cat >"$tmp/fifo-next.xml" <<EOF
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <nextCatalog catalog="$tmp/fifo-catalog"/>
</catalog>
EOF
XML_CATALOG_FILES= timeout $((20 * slow)) "$TEIKIT_BIN" validate \
    --catalog "$tmp/fifo-next.xml" "$tmp/proj/docs/url.xml" >/dev/null 2>"$tmp/err"
check "a catalog's nextCatalog that is a FIFO: no hang, TK-S006" \
    grep -q 'TK-S006' "$tmp/err"
timeout $((20 * slow)) "$TEIKIT_BIN" validate /dev/zero >/dev/null 2>"$tmp/err"
st=$?
check "a device as the document: refused at once (exit 4), not copied for ever" \
    eval '[ $st -eq 4 ] && grep -q "a device, not a document" "$tmp/err"'

# -- tei_all: bundled, found by its release URL, the default for TEI -----
tei=$(run_teikit validate --schema tei_all /dev/null 2>&1 | grep -c 'cannot read: No such file')
if [ "$tei" -ne 0 ]; then
	skip "tei_all is not installed with this build (configure --with-tei-schema)"
else
	# <byline> and <docAuthor>: TEI, not in teikit's subset
	cat >"$tmp/tei.xml" <<EOF
<TEI xmlns="http://www.tei-c.org/ns/1.0">$hdr<text><front><titlePage><docTitle><titlePart>A</titlePart></docTitle><byline>by <docAuthor>B</docAuthor></byline></titlePage></front><body><p>Text.</p></body></text></TEI>
EOF
	v "TEI with no declaration: tei_all (TEI beyond teikit's subset)" 0 '' -- \
	    "$tmp/tei.xml"
	check "...and none of teikit's house rules (no xml:lang demanded)" \
	    [ ! -s "$tmp/err" ]
	v "--schema teikit: teikit's FRUS subset refuses it" 2 'byline|titlePage|front' -- \
	    --schema teikit "$tmp/tei.xml"
	v "--schema tei_all names the bundled copy" 0 '' -- --schema tei_all \
	    "$tmp/tei.xml"
	{ model $TEI_URL; cat "$tmp/tei.xml"; } >"$tmp/tei-url.xml"
	XML_CATALOG_FILES= v "TEI's release URL: the bundled copy, through teikit's catalog" 0 '' -- \
	    "$tmp/tei-url.xml"
	{ model "$(echo $TEI_URL | sed 's/rng$/rnc/; s/^http:/https:/')"
	  cat "$tmp/tei.xml"; } >"$tmp/tei-rnc.xml"
	if XML_CATALOG_FILES= "$TEIKIT_BIN" validate --rules none "$tmp/tei-rnc.xml" 2>&1 |
	    grep -q 'not in any XML catalog'; then
		not_ok "https and the compact syntax's URL are mapped too"
	else
		ok "https and the compact syntax's URL are mapped too"
	fi
	sed 's|<p>Text.</p>|<p><foo/></p>|' "$tmp/tei.xml" >"$tmp/tei-bad.xml"
	v "...and it refuses what TEI does not allow" 2 'tei-bad.xml:1:[0-9]+: error: element <foo>' -- \
	    "$tmp/tei-bad.xml"
	# integrity, as warnings, for TEI teikit did not encode
	cat >"$tmp/ptr.xml" <<EOF
<TEI xmlns="http://www.tei-c.org/ns/1.0">$hdr<text><body><p>A <persName ref="#nobody">N</persName>, <ref target="#p2 #there">see</ref>, <ptr target="https://example.org/#x"/>.</p><p xml:id="p2" corresp="#xpath(//p)">B</p></body></text></TEI>
EOF
	v "a local pointer to no xml:id: a warning (TK-W016), exit 1" 1 \
	    'ptr.xml:1:[0-9]+: warning: ref="#nobody" points at no xml:id.*\[TK-W016\]' -- \
	    "$tmp/ptr.xml"
	check "...one for each, not for URLs, not for other XPointer schemes" \
	    [ "$(grep -c TK-W016 "$tmp/err")" -eq 2 ]
	cat >"$tmp/eg.xml" <<EOF
<TEI xmlns="http://www.tei-c.org/ns/1.0">$hdr<text><body><p xml:id="p1">For example: <egXML xmlns="http://www.tei-c.org/ns/Examples"><ref target="#elsewhere">see</ref></egXML></p></body></text></TEI>
EOF
	v "a pointer in an example (egXML) is the example's: no warning" 0 '' -- \
	    "$tmp/eg.xml"
	cat >"$tmp/cal.xml" <<EOF
<TEI xmlns="http://www.tei-c.org/ns/1.0">$hdr<text><body><p><date calendar="#julian" when="1700-01-01">1 Jan. 1700</date></p></body></text></TEI>
EOF
	v "TEI's other pointers (date/@calendar): checked too" 1 \
	    'calendar="#julian" points at no xml:id.*\[TK-W016\]' -- "$tmp/cal.xml"
	v "--rules none: no integrity check" 0 '' -- --rules none "$tmp/ptr.xml"
	v "--rules teikit on request: its errors" 2 'TK-E018' -- --rules teikit \
	    "$tmp/ptr.xml"
	# what teikit encoded is held to its own rules without asking
	run_teikit encode "$srcdir/examples/telegram-1235.txt" >"$tmp/enc.xml" 2>/dev/null
	v "teikit's own encoding: valid (tei_all), its rules pass" 0 '' -- "$tmp/enc.xml"
	sed 's/<note \([^>]*\)n="1"/<note \1n="7"/' "$tmp/enc.xml" >"$tmp/enc-bad.xml"
	if cmp -s "$tmp/enc.xml" "$tmp/enc-bad.xml"; then
		not_ok "the fixture breaks teikit's footnote rule (sed found no note n=1)"
	else
		v "...and breaking one of its house rules is an error without --rules" 2 \
		    'TK-E02[01]' -- "$tmp/enc-bad.xml"
	fi
fi

# -- the proof: the corpus, as jing judges it -----------------------------
corpus=$shared/corpus/tei
if [ -n "${TEIKIT_NO_JING:-}" ] || ! command -v jing >/dev/null 2>&1 ||
    [ ! -d "$corpus" ] || [ ! -f "$shared/data/tei_all.rng" ] || [ "$tei" -ne 0 ]; then
	skip "jing, ../shared/corpus or tei_all absent, or TEIKIT_NO_JING"
	tap_done
	exit
fi
# Each file's RELAX NG declaration, read here with sed, not by teikit:
# TEI's URL is the shared copy for jing; a relative href is a path.
: >"$tmp/groups"
find "$corpus" -name '*.xml' ! -path '*/Schemas/*' | LC_ALL=C sort >"$tmp/files"
while read -r f; do
	s=$(sed -n '1,/<[A-Za-z]/p' "$f" | tr '\n' ' ' |
	    grep -o '<?xml-model[^?]*?>' |
	    grep 'relaxng.org/ns/structure' | head -1 |
	    sed 's/.*href="\([^"]*\)".*/\1/')
	case $s in
	'') s=$shared/data/tei_all.rng ;;
	http*tei_all.rng) s=$shared/data/tei_all.rng ;;
	/*) ;;
	*) s=$(dirname "$f")/$s ;;
	esac
	printf '%s\t%s\n' "$s" "$f" >>"$tmp/groups"
done <"$tmp/files"
# jing, one JVM per schema; a file it names is invalid, and so is every
# file of a schema it cannot read
: >"$tmp/jing-bad"
cut -f1 "$tmp/groups" | sort -u | while read -r s; do
	awk -F'\t' -v s="$s" '$1 == s { print $2 }' "$tmp/groups" >"$tmp/g"
	if [ ! -f "$s" ]; then
		cat "$tmp/g" >>"$tmp/jing-bad"
		continue
	fi
	# shellcheck disable=SC2046
	jing "$s" $(cat "$tmp/g") 2>/dev/null | cut -d: -f1 >>"$tmp/jing-bad"
done
sort -u "$tmp/jing-bad" -o "$tmp/jing-bad"
nbad=0 nsame=0 n=0
: >"$tmp/tk-bad"
while read -r f; do
	run_teikit validate --rules none "$f" >/dev/null 2>&1
	[ $? -ge 2 ] && echo "$f" >>"$tmp/tk-bad"
done <"$tmp/files"
# and over all the files together, as a user would run it, on one
# thread and on four
# shellcheck disable=SC2046
run_teikit validate -j1 $(cat "$tmp/files") >/dev/null 2>"$tmp/all.err"
# shellcheck disable=SC2046
run_teikit validate -j4 $(cat "$tmp/files") >/dev/null 2>"$tmp/all4.err"
check "validate -j4 over the corpus: the same output as -j1" \
    cmp -s "$tmp/all.err" "$tmp/all4.err"
while read -r f; do
	n=$((n + 1))
	j=no t=no a=no
	grep -qxF "$f" "$tmp/jing-bad" && j=yes
	grep -qxF "$f" "$tmp/tk-bad" && t=yes
	grep -q "^$f:[0-9:]* error:" "$tmp/all.err" && a=yes
	[ $j = yes ] && nbad=$((nbad + 1))
	name=${f#"$corpus"/}
	if [ $j = $t ] && [ $t = $a ]; then
		nsame=$((nsame + 1))
	else
		not_ok "$name: jing says invalid=$j, teikit $t (alone), $a (with the rest)"
	fi
done <"$tmp/files"
echo "# corpus: $nsame of $n files as jing judges them ($nbad invalid)"
check "corpus: every file's verdict is jing's ($nsame/$n)" [ "$nsame" -eq "$n" ]
check "corpus: jing finds invalid files, so the comparison can fail" [ "$nbad" -gt 0 ]
tap_done
