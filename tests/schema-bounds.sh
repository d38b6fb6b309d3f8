#!/bin/sh
# tests/schema-bounds.sh -- hostile RELAX NG schemas given to validate
# --schema: each must end fast (`timeout` is the hang guard, generous
# enough for a sanitizer build), with the exit status it should, and a
# refusal must be a coded diagnostic that says what is wrong.  Each
# input is at a size that hung, blew up or crashed teikit before: include
# and externalRef read at every reference (20 files each referring to
# the next twice: 1.1 GB, 15 s), loops through a symbolic link, a FIFO
# (blocked forever), entities in a schema (2.35 GB from 120 kB), a flat
# <choice> of 4 MB (minutes: quadratic), a chain of 20,000 refs (stack
# overflow), and deep nesting.
. "${srcdir:-.}/tests/lib.sh"

# Under valgrind everything is some 30 times slower.
limit=30
[ "${TEIKIT_VALGRIND:-0}" = 1 ] && limit=600

R='xmlns="http://relaxng.org/ns/structure/1.0"'
d=$tmp/bounds
mkdir -p "$d"
echo '<doc/>' >"$d/doc.xml"

# run LABEL SCHEMA [DOC]: validate DOC (default doc.xml) against SCHEMA
# under the hang guard (as run_teikit does, valgrind and all); sets
# $status, output in $d/LABEL.err.
run() {
	label=$1 schema=$2 doc=${3:-$d/doc.xml}
	set -- validate --rules none --schema "$schema" "$doc"
	if [ "${TEIKIT_VALGRIND:-0}" = 1 ]; then
		timeout "$limit" "$top_builddir/libtool" --mode=execute \
		    valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect \
		    "$TEIKIT_BIN" "$@"
	else
		timeout "$limit" "$TEIKIT_BIN" "$@"
	fi >"$d/$label.out" 2>"$d/$label.err"
	status=$?
}

# accepts LABEL SCHEMA [DOC]: the schema compiles, the document is valid.
accepts() {
	run "$@"
	if [ $status -eq 0 ] && [ ! -s "$d/$1.err" ]; then
		ok "$1: accepted, in time"
	else
		head -n 5 "$d/$1.err" | cut -c1-300 | sed 's/^/# /'
		not_ok "$1: accepted, in time (exit $status)"
	fi
}

# refuses LABEL PHRASE SCHEMA: the schema is refused (exit 4), in time,
# every message coded, one of them saying PHRASE.
refuses() {
	label=$1 phrase=$2
	shift 2
	run "$label" "$@"
	if [ $status -eq 4 ] &&
	    ! grep -qv ': error: .* \[TK-S[0-9]*\]$' "$d/$label.err" &&
	    grep -q "$phrase" "$d/$label.err"; then
		ok "$label: refused, in time: $phrase"
	else
		head -n 5 "$d/$label.err" | cut -c1-300 | sed 's/^/# /'
		not_ok "$label: refused, in time: $phrase (exit $status)"
	fi
}

# -- include and externalRef: each file read and compiled once --
mkdir -p "$d/ext" "$d/inc" "$d/inc2" "$d/inc3"
i=0
while [ $i -lt 20 ]; do
	n=$((i + 1))
	echo "<choice $R><externalRef href=\"f$n.rng\"/><externalRef href=\"f$n.rng\"/></choice>" >"$d/ext/f$i.rng"
	for c in inc:choice inc2: inc3:interleave; do
		comb=${c#*:}
		echo "<grammar $R><include href=\"g$n.rng\"/><include href=\"g$n.rng\"/><define name=\"d$i\"${comb:+ combine=\"$comb\"}><ref name=\"d$n\"/></define></grammar>" >"$d/${c%:*}/g$i.rng"
	done
	i=$n
done
echo "<element name=\"doc\" $R><empty/></element>" >"$d/ext/f20.rng"
for c in inc:choice inc2: inc3:interleave; do
	comb=${c#*:}
	echo "<grammar $R><start${comb:+ combine=\"$comb\"}><element name=\"doc\"><ref name=\"d0\"/></element></start><define name=\"d20\"${comb:+ combine=\"$comb\"}><empty/></define></grammar>" >"$d/${c%:*}/g20.rng"
done
accepts externalref-fanout "$d/ext/f0.rng"
accepts include-fanout "$d/inc/g0.rng"
refuses include-twice 'defined twice without combine (RELAX NG 4.17)' \
    "$d/inc2/g0.rng"
refuses include-interleave-fanout 'more than 10000 includes' \
    "$d/inc3/g0.rng"

# A loop through a symbolic link to the folder: the same file by
# another name.
mkdir -p "$d/link"
ln -s . "$d/link/l"
echo "<choice $R><externalRef href=\"l/s.rng\"/><externalRef href=\"l/s.rng\"/></choice>" >"$d/link/s.rng"
refuses symlink-loop 'refers back to itself, a loop (RELAX NG 4.6)' \
    "$d/link/s.rng"
echo "<grammar $R><include href=\"l/i.rng\"/><start><element name=\"doc\"><empty/></element></start></grammar>" >"$d/link/i.rng"
refuses symlink-include-loop 'refers back to itself, a loop (RELAX NG 4.7)' \
    "$d/link/i.rng"

# Includes nested 70 deep.
mkdir -p "$d/nest"
i=0
while [ $i -lt 70 ]; do
	echo "<grammar $R><include href=\"n$((i + 1)).rng\"/></grammar>" \
	    >"$d/nest/n$i.rng"
	i=$((i + 1))
done
echo "<grammar $R><start><element name=\"doc\"><empty/></element></start></grammar>" >"$d/nest/n70.rng"
refuses include-depth 'nest more than 64 deep' "$d/nest/n0.rng"

# Only regular files: a FIFO would block forever, a folder is no schema.
mkdir -p "$d/fifo"
if mkfifo "$d/fifo/p" 2>/dev/null; then
	echo "<externalRef $R href=\"p\"/>" >"$d/fifo/s.rng"
	refuses fifo 'is not a regular file' "$d/fifo/s.rng"
	refuses fifo-schema 'is not a regular file' "$d/fifo/p"
else
	skip "fifo: mkfifo fails here"
	skip "fifo-schema: mkfifo fails here"
fi
echo "<externalRef $R href=\".\"/>" >"$d/fifo/dir.rng"
refuses directory 'is not a regular file' "$d/fifo/dir.rng"

# All the files of a schema together: at most 64 MB.
{
	echo "<element name=\"doc\" $R><empty/></element><!--"
	head -c 70000000 /dev/zero | tr '\0' x
	echo "-->"
} >"$d/huge.rng"
refuses bytes 'larger than 64 MB in all' "$d/huge.rng"

# -- entities: expanded within a document's bound, and once --
{
	laughs element
	echo "]><element name=\"doc\" $R><value>&j;</value></element>"
} >"$d/laughs.rng"
sed 's/<value>&j;</<value type="\&j;"></' "$d/laughs.rng" \
    >"$d/laughs-attr.rng"
refuses billion-laughs 'an entity bomb' "$d/laughs.rng"
refuses billion-laughs-attr 'an entity bomb' "$d/laughs-attr.rng"

# One 20,000-character entity used 6,000 times (120 MB from 140 kB), in
# text and in attributes.
big=$(head -c 20000 /dev/zero | tr '\0' x)
{
	printf '<!DOCTYPE element [<!ENTITY big "%s">]>\n' "$big"
	printf '<element name="doc" %s><choice>' "$R"
	head -c 6000 /dev/zero | sed 's/\x0/<value>\&big;<\/value>/g'
	echo "</choice></element>"
} >"$d/quadratic.rng"
{
	printf '<!DOCTYPE element [<!ENTITY big "%s">]>\n' "$big"
	printf '<element name="doc" %s><choice>' "$R"
	head -c 6000 /dev/zero |
	    sed 's/\x0/<value type="\&big;">x<\/value>/g'
	echo "</choice></element>"
} >"$d/quadratic-attr.rng"
{
	printf '<!DOCTYPE element [<!ENTITY big "<value type=%s%s%s>x</value>">]>\n' \
	    "'" "$big" "'"
	printf '<element name="doc" %s><choice>' "$R"
	head -c 6000 /dev/zero | sed 's/\x0/\&big;/g'
	echo "</choice></element>"
} >"$d/quadratic-elements.rng"
refuses quadratic 'entities expand to more than' "$d/quadratic.rng"
refuses quadratic-elements 'entities expand to more than' \
    "$d/quadratic-elements.rng"
refuses quadratic-attr 'entities expand to more than' \
    "$d/quadratic-attr.rng"

# <value>&v;</value> is "abc", not "abcabc".
printf '<!DOCTYPE element [<!ENTITY v "abc">]>\n<element name="doc" %s><value>&v;</value></element>\n' \
    "$R" >"$d/entity-value.rng"
echo '<doc>abc</doc>' >"$d/abc.xml"
accepts entity-value "$d/entity-value.rng" "$d/abc.xml"

# -- size and depth --
# A flat <choice> of 200,000 values (4 MB): a second, not minutes.
{
	printf '<element name="doc" %s><choice>' "$R"
	seq 1 200000 | sed 's/.*/<value>v&<\/value>/' | tr -d '\n'
	echo "<empty/></choice></element>"
} >"$d/flat.rng"
accepts flat-choice "$d/flat.rng"

# refchain N: a0 refers to a1, ..., to aN, which is empty.
refchain() {
	echo "<grammar $R><start><element name=\"doc\"><ref name=\"a0\"/></element></start>"
	seq 0 $(($1 - 1)) |
	    awk '{ printf "<define name=\"a%d\"><ref name=\"a%d\"/></define>\n", $1, $1 + 1 }'
	echo "<define name=\"a$1\"><empty/></define></grammar>"
}
refchain 20000 >"$d/refchain.rng"
accepts ref-chain-20000 "$d/refchain.rng"
refchain 100000 >"$d/refchain-long.rng"
refuses ref-chain-100000 'nests more than 40000 deep' "$d/refchain-long.rng"

{
	printf '<element name="doc" %s>' "$R"
	head -c 1000000 /dev/zero | sed 's/\x0/<group>/g'
	printf '<empty/>'
	head -c 1000000 /dev/zero | sed 's/\x0/<\/group>/g'
	echo '</element>'
} >"$d/deep.rng"
refuses nested-groups "elements nest more than" "$d/deep.rng"

# The pattern store shares subpatterns: d40 = group(d39, d39) stands
# for 2^40 elements, and is checked (section 7) in no time.
dk() {
	echo "<grammar $R><start><element name=\"doc\"><ref name=\"d40\"/></element></start><define name=\"d0\"><optional>$1</optional></define>"
	seq 1 40 |
	    awk '{ printf "<define name=\"d%d\"><group><ref name=\"d%d\"/><ref name=\"d%d\"/></group></define>\n", $1, $1 - 1, $1 - 1 }'
	echo '</grammar>'
}
dk '<element name="x"><empty/></element>' >"$d/shared.rng"
accepts shared-2-40 "$d/shared.rng"
dk '<attribute name="x"/>' >"$d/shared-attr.rng"
refuses shared-2-40-attribute 'attribute may occur twice.*(RELAX NG 7.3)' \
    "$d/shared-attr.rng"
dk '<data type="string"/>' >"$d/shared-data.rng"
refuses shared-2-40-data '(RELAX NG 7.2)' "$d/shared-data.rng"

tap_done
