#!/bin/sh
# tests/doc-safety.sh -- reading XML destroys nothing and never runs
# away: an internal entity's text and elements reach every view and both
# validation paths alike (bombs refused, fast); XInclude reads no FIFO
# and stays within its bounds (depth, inclusions, bytes); a document in
# UTF-16 or Latin-1 gets the line:col of its UTF-8 twin; and writing one
# long paragraph takes linear time.  `timeout` and `ulimit -v` turn a
# regression into a failure rather than a hang or a machine out of
# memory; the margins are wide (tenfold or more).
. "${srcdir:-.}/tests/lib.sh"

tei_all=$shared/data/tei_all.rng
hdr='<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P.</p></publicationStmt><sourceDesc><p>S.</p></sourceDesc></fileDesc></teiHeader><text><body>'
ftr='</body></text></TEI>'

# validate3 NAME FILE: the three verdicts (teikit's rules, --rules none,
# TEI All) and what the first two printed, as NAME.{st,tree,stream}
validate3() {
	"$TEIKIT_BIN" validate "$2" >"$tmp/$1.tree" 2>&1
	s1=$?
	"$TEIKIT_BIN" validate --rules none "$2" >"$tmp/$1.stream" 2>&1
	s2=$?
	if [ -f "$tei_all" ]; then
		"$TEIKIT_BIN" validate --schema "$tei_all" "$2" \
		    >"$tmp/$1.all" 2>&1
		s3=$?
	else
		s3=-
	fi
	echo "$s1 $s2 $s3" >"$tmp/$1.st"
}

# same A B: are files A and B the same (else show the difference)?
same() {
	cmp -s "$1" "$2" && return 0
	diff "$1" "$2" | sed 's/^/# /'
	return 1
}

# -- internal entities: text and elements, in every view --
cat >"$tmp/ent.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE TEI [
<!ENTITY t "some text">
<!ENTITY a "alpha">
<!ENTITY e "before <hi rend='italic'>b&a;ld</hi> after">
]>
$hdr
<p>One &t; two.</p>
<p n="&a;">Three &e; four.</p>
$ftr
EOF
for v in text html latex; do
	"$TEIKIT_BIN" render --to $v "$tmp/ent.xml" >"$tmp/ent.$v" 2>&1
	check "entities: the $v view has the entity's text" \
	    grep -q 'One some text two' "$tmp/ent.$v"
	check "entities: the $v view has the text of an entity's element" \
	    grep -q 'balphald' "$tmp/ent.$v"
done
check "entities: the html view makes the entity's <hi> italic" \
    grep -q 'before <em>balphald</em> after' "$tmp/ent.html"
validate3 ent "$tmp/ent.xml"
check "entities: valid on both paths and for TEI All" \
    [ "$(cat "$tmp/ent.st")" = "0 0 0" -o "$(cat "$tmp/ent.st")" = "0 0 -" ]
check "entities: no warning about the entity's namespace" \
    sh -c "! grep -q TK-W004 '$tmp/ent.tree' '$tmp/ent.stream'"

# an invalid element in an entity, referred to twice: the same messages
# from the tree and the stream, at each reference's '&'
cat >"$tmp/ent-bad.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE TEI [
<!ENTITY bad "x <foo>y</foo> z">
]>
$hdr
<p>One &bad; two.</p>
<p>&bad;</p>
$ftr
EOF
validate3 ent-bad "$tmp/ent-bad.xml"
check "an invalid element in an entity: refused on both paths and for TEI All" \
    [ "$(cat "$tmp/ent-bad.st")" = "2 2 2" -o \
    "$(cat "$tmp/ent-bad.st")" = "2 2 -" ]
check "...reported at each reference's '&'" sh -c \
    "grep -q ':6:8: error: element <foo> is not allowed' '$tmp/ent-bad.tree' &&
    grep -q ':7:4: error: element <foo> is not allowed' '$tmp/ent-bad.tree'"
check "...the same messages from the tree and the stream" \
    same "$tmp/ent-bad.tree" "$tmp/ent-bad.stream"

# an external entity is still not read, and said so at its '&'
echo "SENTINEL-7d2e" >"$tmp/secret.txt"
cat >"$tmp/ent-ext.xml" <<EOF
<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://$tmp/secret.txt">
<!ENTITY w "wrap &x; end">]>
$hdr
<p>A &x; B &w;</p>
$ftr
EOF
validate3 ent-ext "$tmp/ent-ext.xml"
"$TEIKIT_BIN" render --to text "$tmp/ent-ext.xml" >"$tmp/ent-ext.text" 2>&1
check "an external entity: not read" sh -c "! grep -q SENTINEL-7d2e \
    '$tmp/ent-ext.tree' '$tmp/ent-ext.stream' '$tmp/ent-ext.text'"
check "...reported on both paths, the nested one too" sh -c \
    "[ \$(grep -c ':4:[0-9]*: warning: the external entity &x;.*TK-W010' \
    '$tmp/ent-ext.tree') -eq 2 ] && [ \$(grep -c \
    ':4:[0-9]*: warning: the external entity &x;.*TK-W010' \
    '$tmp/ent-ext.stream') -eq 2 ]"
check "...the internal one around it kept" \
    grep -q 'wrap  end' "$tmp/ent-ext.text"

# bombs: refused fast with a coded error, on both paths
{
	laughs TEI
	echo "]>$hdr<p>&j;</p>$ftr"
} >"$tmp/laughs.xml"
# 20,000 references to 1,000 empty elements: 20 million elements
{
	printf '<!DOCTYPE TEI [<!ENTITY big "%s">]>\n' \
	    "$(head -c 1000 /dev/zero | sed 's/\x0/<lb\/>/g')"
	printf '%s<p>' "$hdr"
	head -c 20000 /dev/zero | sed 's/\x0/\&big;/g'
	echo "</p>$ftr"
} >"$tmp/elements.xml"
for b in laughs elements; do
	for o in "" "--rules none"; do
		timeout $((20 * slow)) "$TEIKIT_BIN" validate $o "$tmp/$b.xml" \
		    >"$tmp/$b.out" 2>&1
		status=$?
		check "entity bomb $b${o:+ ($o)}: refused in time, exit 2" \
		    [ "$status" -eq 2 ]
		check "...with TK-E012" grep -q 'TK-E012' "$tmp/$b.out"
	done
	timeout $((20 * slow)) "$TEIKIT_BIN" render --to text "$tmp/$b.xml" \
	    >"$tmp/$b.out" 2>&1
	check "entity bomb $b: the view refuses it in time" \
	    [ $? -eq 2 ]
done

# -- XInclude --
xi='xmlns:xi="http://www.w3.org/2001/XInclude"'
xhdr=$(echo "$hdr" | sed "s|<TEI |<TEI $xi |")

# a FIFO is not a file to read: refused at once, not waited on
mkdir -p "$tmp/fifo"
if mkfifo "$tmp/fifo/f.xml" 2>/dev/null; then
	echo "$xhdr<xi:include href=\"f.xml\"/>$ftr" >"$tmp/fifo/in.xml"
	timeout $((10 * slow)) "$TEIKIT_BIN" validate --xinclude "$tmp/fifo/in.xml" \
	    >"$tmp/fifo.out" 2>&1
	status=$?
	check "XInclude of a FIFO: refused, not waited on (exit 2, not 124)" \
	    [ "$status" -eq 2 ]
	check "...because it is not a regular file (TK-E024)" \
	    grep -q 'f.xml.*not a regular file.*TK-E024' "$tmp/fifo.out"
else
	skip "XInclude of a FIFO: mkfifo cannot run here"
	skip "...because it is not a regular file"
fi

# 22 files of a few bytes, each including the next twice: 2^22
# inclusions (2.6 GB) unless counted first
d=$tmp/xi-tree
mkdir -p "$d"
echo "$xhdr<xi:include href=\"f0.xml\"/>$ftr" >"$d/in.xml"
i=0
while [ $i -lt 21 ]; do
	j=$((i + 1))
	echo "<div xmlns=\"http://www.tei-c.org/ns/1.0\" $xi><xi:include href=\"f$j.xml\"/><xi:include href=\"f$j.xml\"/></div>" >"$d/f$i.xml"
	i=$j
done
echo '<p xmlns="http://www.tei-c.org/ns/1.0">x</p>' >"$d/f21.xml"
# at most 2 GB of address space, when the build allows it (a sanitizer
# build reserves far more)
if (ulimit -v 2000000 && "$TEIKIT_BIN" --version) >/dev/null 2>&1; then
	limit='ulimit -v 2000000;'
else
	limit=
fi
sh -c "$limit exec timeout $((20 * slow)) \"\$0\" validate --xinclude \"\$1\"" \
    "$TEIKIT_BIN" "$d/in.xml" >"$tmp/xi-tree.out" 2>&1
status=$?
check "XInclude doubling at each of 22 levels: refused in time (exit 2)" \
    [ "$status" -eq 2 ]
check "...naming the inclusion and the bound (TK-E024)" grep -q \
    ':1:[0-9]*: error: the inclusion of f0.xml goes beyond .*10000 inclusions.*TK-E024' \
    "$tmp/xi-tree.out"

# includes 40 deep
d=$tmp/xi-deep
mkdir -p "$d"
echo "$xhdr<xi:include href=\"c0.xml\"/>$ftr" >"$d/in.xml"
i=0
while [ $i -lt 40 ]; do
	echo "<div xmlns=\"http://www.tei-c.org/ns/1.0\" $xi><xi:include href=\"c$((i + 1)).xml\"/></div>" >"$d/c$i.xml"
	i=$((i + 1))
done
echo '<p xmlns="http://www.tei-c.org/ns/1.0">x</p>' >"$d/c40.xml"
timeout $((20 * slow)) "$TEIKIT_BIN" validate --xinclude "$d/in.xml" \
    >"$tmp/xi-deep.out" 2>&1
check "XInclude 40 deep: refused, the bound said (TK-E024)" grep -q \
    'the inclusion of c0.xml goes beyond .*more than 32 deep.*TK-E024' \
    "$tmp/xi-deep.out"

# more than 64 MB (a sparse file: nothing is written, nothing is read)
d=$tmp/xi-big
mkdir -p "$d"
echo "$xhdr<p><xi:include href=\"big.txt\" parse=\"text\"/></p>$ftr" \
    >"$d/in.xml"
if truncate -s 70M "$d/big.txt" 2>/dev/null; then
	timeout $((20 * slow)) "$TEIKIT_BIN" validate --xinclude "$d/in.xml" \
	    >"$tmp/xi-big.out" 2>&1
	check "XInclude of 70 MB: refused, the bound said (TK-E024)" grep -q \
	    'the inclusion of big.txt goes beyond .*more than 64 MB.*TK-E024' \
	    "$tmp/xi-big.out"
else
	skip "XInclude of 70 MB: truncate cannot run here"
fi
rm -f "$d/big.txt"

# what stays within the bounds is included as before: a file in a
# folder including its neighbour, and text
d=$tmp/xi-ok
mkdir -p "$d/sub"
echo "$xhdr<xi:include href=\"sub/a.xml\"/><p><xi:include href=\"sub/t.txt\" parse=\"text\"/></p>$ftr" \
    >"$d/in.xml"
echo "<p xmlns=\"http://www.tei-c.org/ns/1.0\" $xi><xi:include href=\"b.xml\"/></p>" \
    >"$d/sub/a.xml"
echo '<hi xmlns="http://www.tei-c.org/ns/1.0">from b</hi>' >"$d/sub/b.xml"
echo 'plain text' >"$d/sub/t.txt"
if [ -f "$tei_all" ]; then
	"$TEIKIT_BIN" validate --xinclude --schema "$tei_all" "$d/in.xml" \
	    >"$tmp/xi-ok.out" 2>&1
	check "XInclude within the bounds: nested and text inclusions valid" \
	    [ $? -eq 0 ]
else
	skip "XInclude within the bounds: no $tei_all"
fi

# -- UTF-16 and Latin-1: the places of the UTF-8 twin --
cat >"$tmp/u8.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
$hdr
<p>Ünïcödé <bogus>x</bogus> text.</p>
<p rend="x" bad="y">ÿ</p>
$ftr
EOF
"$TEIKIT_BIN" validate "$tmp/u8.xml" 2>&1 | sed 's/^[^:]*://' \
    >"$tmp/u8.want"
for enc in UTF-16 UTF-16BE UTF-16LE ISO-8859-1; do
	name=$(echo "$enc" | tr -d -)
	decl=$enc
	case $enc in UTF-16??) decl=UTF-16 ;; esac
	sed "s/encoding=\"UTF-8\"/encoding=\"$decl\"/" "$tmp/u8.xml" |
	    iconv -f UTF-8 -t "$enc" >"$tmp/$name.xml" 2>/dev/null || {
		skip "$enc: iconv cannot write it here"
		continue
	}
	# UTF-16LE and BE without a byte-order mark, UTF-16 with one
	for o in "" "--rules none"; do
		"$TEIKIT_BIN" validate $o "$tmp/$name.xml" 2>&1 |
		    sed 's/^[^:]*://' >"$tmp/$name.got"
		check "$enc${o:+ ($o)}: the messages and places of UTF-8" \
		    same "$tmp/u8.want" "$tmp/$name.got"
	done
	"$TEIKIT_BIN" render --to text "$tmp/$name.xml" >"$tmp/$name.text" \
	    2>&1
	check "$enc: the text view reads it" grep -q 'Ünïcödé x text' \
	    "$tmp/$name.text"
done

# -- writing one long paragraph: linear, not quadratic --
# 24 MB in one paragraph: about a second now, some 40 s when each call
# of the escaping function scanned the rest of the paragraph
head -c 24000000 /dev/zero | tr '\0' a | sed 's/aaaaa/aaaa /g' \
    >"$tmp/long.txt"
echo >>"$tmp/long.txt"
timeout $((15 * slow)) "$TEIKIT_BIN" encode -o "$tmp/long.xml" "$tmp/long.txt" \
    >"$tmp/long.out" 2>&1
status=$?
check "encode of a 24 MB paragraph: in time (exit 0, not 124)" \
    [ "$status" -eq 0 ]
check "...all of it written" sh -c "[ -f '$tmp/long.xml' ] &&
    [ \$(wc -c <'$tmp/long.xml') -gt 24000000 ]"
rm -f "$tmp/long.txt" "$tmp/long.xml"

tap_done
