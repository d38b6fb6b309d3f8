#!/bin/sh
# tests/rnc.sh -- schemas in RELAX NG's compact syntax (src/rng/rnc.c):
#   1. tests/rng/NAME.rnc against NAME.N.valid.xml and NAME.N.invalid.xml
#      (the syntax's features, an include read as compact syntax by its
#      first character);
#   2. broken schemas (tests/rng/rnc-*.rnc and made here): one clear
#      error at the right line (and column), never a crash or a hang;
#   3. with ../shared: TEI P5's tei_all.rnc makes the tree tei_all.rng
#      makes (normalised by tests/rngsuite -t), and gives, file by file,
#      the verdict and the messages tei_all.rng gives on the corpus.
# The conformance suite (compacttest.xml) is run by tests/rngsuite.
. "${srcdir:-.}/tests/lib.sh"

rng=$srcdir/tests/rng
limit=$((20 * slow))

# 1. features, against documents
for schema in "$rng"/*.rnc; do
	name=$(basename "$schema" .rnc)
	for f in "$rng/$name".[0-9]*.valid.xml "$rng/$name".[0-9]*.invalid.xml
	do
		[ -f "$f" ] || continue
		case $f in
		*.valid.xml) want=0 ;;
		*) want=2 ;;
		esac
		run_teikit validate --schema "$schema" --rules none "$f" \
		    >/dev/null 2>"$tmp/err"
		got=$?
		if [ "$got" -eq "$want" ]; then
			ok "$(basename "$f"): exit $want against $name.rnc"
		else
			not_ok "$(basename "$f"): exit $want against $name.rnc"
			echo "# exit $got"
			sed 's/^/# /' "$tmp/err"
		fi
	done
done

# 2. broken schemas

echo '<doc/>' >"$tmp/doc.xml"

# refused LABEL SCHEMA: teikit ends in time, with exit 4 (the schema
# is broken) and no crash; its messages in $tmp/err.
refused() {
	timeout "$limit" "$TEIKIT_BIN" validate --schema "$2" --rules none \
	    "$tmp/doc.xml" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq 4 ] && [ ! -s "$tmp/out" ]; then
		ok "$1: refused"
	else
		not_ok "$1: refused (exit $st)"
		sed 's/^/# /' "$tmp/err" | head -5
	fi
}

# one_error LABEL PATTERN: $tmp/err is one line, matching PATTERN (grep
# -E), a schema error's code.
one_error() {
	if [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	    grep -Eq -- "$2" "$tmp/err" && grep -q '\[TK-S00[0-9]\]$' "$tmp/err"
	then
		ok "$1: one error, $2"
	else
		not_ok "$1: one error, $2"
		sed 's/^/# /' "$tmp/err" | head -5
	fi
}

# column LABEL LINE:COL: the error says its column too.
column() {
	check "$1: at column ${2#*:}" grep -q -- "\.rnc:$2: error:" "$tmp/err"
}

refused "a syntax error" "$rng/rnc-syntax.rnc"
one_error "a syntax error" \
    'rnc-syntax\.rnc:4:23: error: syntax error: "\|" after ",": use parentheses'
column "a syntax error" 4:23
refused "an undeclared prefix" "$rng/rnc-prefix.rnc"
one_error "an undeclared prefix" \
    'rnc-prefix\.rnc:2:17: error: undeclared namespace prefix "tei"'
column "an undeclared prefix" 2:17
refused "an include of a missing .rnc" "$rng/rnc-include-missing.rnc"
one_error "an include of a missing .rnc" \
    'rnc-include-missing\.rnc:2: error: cannot read .*rnc-no-such-file\.rnc: No such file'
refused "random bytes" "$rng/rnc-random.rnc"
one_error "random bytes" 'rnc-random\.rnc:1:(1:)? error: '
refused "parentheses 300 deep" "$rng/rnc-deep.rnc"
one_error "parentheses 300 deep" \
    'rnc-deep\.rnc:2:([0-9]+:)? error: the schema nests more than [0-9]+ deep: refused'

# Nesting of every kind, far deeper: refused as fast.
d=$tmp/deep
mkdir "$d"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "element a { "
    printf "empty"; for (i = 0; i < 100000; i++) printf " }"; print "" }' \
    >"$d/elements.rnc"
awk 'BEGIN { printf "namespace x = \"urn:x\"\n[ "
    for (i = 0; i < 100000; i++) printf "x:a [ "
    for (i = 0; i < 100000; i++) printf "] "; print "] element a { empty }" }' \
    >"$d/annotations.rnc"
awk 'BEGIN { printf "element "; for (i = 0; i < 100000; i++) printf "("
    printf "a"; for (i = 0; i < 100000; i++) printf ")"; print " { empty }" }' \
    >"$d/nameclasses.rnc"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "grammar { start = "
    printf "element a { empty }"
    for (i = 0; i < 100000; i++) printf " }"; print "" }' >"$d/grammars.rnc"
for f in elements annotations nameclasses grammars; do
	refused "$f nested 100,000 deep" "$d/$f.rnc"
	one_error "$f nested 100,000 deep" \
	    "$f\\.rnc:[12]:([0-9]+:)? error: the schema nests more than"
done

# Not a regular file, and beyond the 64 MB for a schema's files: refused
# before a byte is read.
if mkfifo "$tmp/fifo.rnc" 2>/dev/null; then
	refused "a FIFO" "$tmp/fifo.rnc"
	one_error "a FIFO" 'is not a regular file'
else
	skip "a FIFO: mkfifo failed"
fi
if truncate -s 70M "$tmp/big.rnc" 2>/dev/null; then
	refused "a 70 MB schema" "$tmp/big.rnc"
	one_error "a 70 MB schema" 'larger than 64 MB in all: refused'
else
	skip "a 70 MB schema: truncate failed"
fi

# Random bytes, and random soups of the syntax's tokens: a schema or an
# error, never a crash or a hang.
soup() {
	LC_ALL=C awk -v seed="$1" 'BEGIN {
	    n = split("element attribute list mixed grammar start div " \
	    "include namespace default datatypes inherit parent external " \
	    "empty text notAllowed string token foo bar p:x p:* * { } ( ) " \
	    "[ ] | & , ? + - = |= &= ~ >> \"v\" '"'"'w'"'"' \"\"\"z\"\"\" " \
	    "\\foo xsd:int \\x{41} \\x{7d} \\x{} \\x{D800} #c\n " \
	    "##d\n \n", t, " ")
	    srand(seed)
	    printf "namespace p = \"urn:p\"\n"
	    for (i = 0; i < 200; i++) printf "%s ", t[int(rand() * n) + 1]
	    print "" }'
}
i=1
crashed=
while [ "$i" -le 40 ]; do
	LC_ALL=C awk -v seed="$i" 'BEGIN { srand(seed)
	    for (k = 0; k < 600; k++) printf "%c", int(rand() * 256) }' \
	    >"$tmp/bytes.rnc"
	soup "$i" >"$tmp/soup.rnc"
	for f in bytes soup; do
		timeout "$limit" "$TEIKIT_BIN" validate --schema \
		    "$tmp/$f.rnc" --rules none "$tmp/doc.xml" \
		    >/dev/null 2>"$tmp/err"
		st=$?
		case $st in
		0|2) ;;
		4) grep -q '^.*: error: .*\[TK-S00[0-9]\]$' "$tmp/err" ||
		    crashed="$crashed $f.$i(no message)" ;;
		*) crashed="$crashed $f.$i(exit $st)"
		   cp "$tmp/$f.rnc" "$tmp/crash.$f.$i.rnc" ;;
		esac
	done
	i=$((i + 1))
done
if [ -z "$crashed" ]; then
	ok "40 random files and 40 token soups: no crash, no hang"
else
	not_ok "random files and token soups:$crashed"
fi

# 3. tei_all.rnc as tei_all.rng, on the corpus
corpus=$shared/corpus/tei
if [ ! -f "$shared/data/tei_all.rnc" ] || [ ! -f "$shared/data/tei_all.rng" ] ||
    [ ! -d "$corpus" ]; then
	skip "tei_all.rnc against tei_all.rng: $shared is missing"
	tap_done
	exit
fi
# the translation whole: the same tree, names and namespaces resolved
if [ ! -x "$top_builddir/tests/rngsuite" ]; then
	skip "tei_all.rnc: the tree tei_all.rng gives: tests/rngsuite not built"
elif "$top_builddir/tests/rngsuite" -t "$shared/data/tei_all.rnc" \
    "$shared/data/tei_all.rng" >"$tmp/tree" 2>&1; then
	ok "tei_all.rnc: the tree tei_all.rng gives ($(cut -d'(' -f2 \
	    "$tmp/tree" | tr -d ')'))"
else
	not_ok "tei_all.rnc: the tree tei_all.rng gives"
	sed 's/^/# /' "$tmp/tree"
fi
find "$corpus" -type f -name '*.xml' | LC_ALL=C sort >"$tmp/files"
for s in rnc rng; do
	# shellcheck disable=SC2046
	timeout $((300 * slow)) "$TEIKIT_BIN" validate --schema \
	    "$shared/data/tei_all.$s" --rules none --schematron none \
	    $(cat "$tmp/files") \
	    >"$tmp/$s.out" 2>"$tmp/$s.err"
	echo $? >"$tmp/$s.status"
done
check "tei_all.rnc: the exit status tei_all.rng gives" \
    cmp -s "$tmp/rnc.status" "$tmp/rng.status"
while read -r f; do
	grep -F -- "$f:" "$tmp/rnc.err" >"$tmp/a"
	grep -F -- "$f:" "$tmp/rng.err" >"$tmp/b"
	rel=${f#"$corpus"/}
	if [ -s "$tmp/a" ]; then v=invalid; else v=valid; fi
	if cmp -s "$tmp/a" "$tmp/b"; then
		ok "$rel: $v, as against tei_all.rng, same messages"
	else
		not_ok "$rel: as against tei_all.rng"
		diff "$tmp/a" "$tmp/b" | head -6 | sed 's/^/# /'
	fi
done <"$tmp/files"
# messages about no file of the corpus (the schema's) are the same too
grep -v -F -f "$tmp/files" "$tmp/rnc.err" | sed 's/tei_all\.rnc/tei_all/' \
    >"$tmp/a"
grep -v -F -f "$tmp/files" "$tmp/rng.err" | sed 's/tei_all\.rng/tei_all/' \
    >"$tmp/b"
check "tei_all.rnc: no message of its own" cmp -s "$tmp/a" "$tmp/b"
tap_done
