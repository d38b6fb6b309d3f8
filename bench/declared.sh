#!/bin/sh
# bench/declared.sh -- `teikit validate` as a newcomer runs it, with no
# option, over the real corpus (../shared/corpus/tei): each file held to
# the schema its <?xml-model?> declares (TEI's release URL through the
# bundled catalog; ELTeC's ../../Schemas/eltec-1.rng), tei_all where it
# declares none, and the integrity checks; against jing given the same
# schemas, one JVM per schema (jing reads no <?xml-model?>: a user
# groups the files by hand).  Also each tool once per file, as a script
# or a Makefile calls it.  Times: median wall seconds of several runs.
# Usage: bench/declared.sh   (make bench)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${TEIKIT_SHARED:-$top/../shared}
corpus=$shared/corpus/tei
tei_all=$shared/data/tei_all.rng
if [ -x "$top/.libs/teikit" ]; then
	teikit="env LD_LIBRARY_PATH=$top/src/.libs $top/.libs/teikit"
else
	teikit=${TEIKIT:-$top/teikit}
fi
runs=${BENCH_RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$corpus" ] || [ ! -f "$tei_all" ]; then
	echo "bench/declared.sh: $corpus or $tei_all is missing: skipped"
	exit 0
fi
find "$corpus" -name '*.xml' ! -path '*/Schemas/*' | LC_ALL=C sort \
    >"$tmp/files"
n=$(wc -l <"$tmp/files")
# the files by declared schema, for jing (teikit reads the declarations
# itself); a schema that is not there is left out for both
: >"$tmp/groups"
while read -r f; do
	s=$(sed -n '1,/<[A-Za-z]/p' "$f" | tr '\n' ' ' |
	    grep -o '<?xml-model[^?]*?>' | grep 'relaxng.org/ns/structure' |
	    head -1 | sed 's/.*href="\([^"]*\)".*/\1/')
	case $s in
	''|http*tei_all.rng) s=$tei_all ;;
	/*) ;;
	*) s=$(dirname "$f")/$s ;;
	esac
	[ -f "$s" ] && printf '%s\t%s\n' "$s" "$f" >>"$tmp/groups"
done <"$tmp/files"
cut -f2 "$tmp/groups" >"$tmp/have"
nhave=$(wc -l <"$tmp/have")

# median WALL seconds of RUNS runs of COMMAND
median() {
	r=$1
	shift
	: >"$tmp/walls"
	i=0
	while [ "$i" -lt "$r" ]; do
		/usr/bin/time -f '%e' -o "$tmp/t" "$@" >/dev/null 2>&1
		tail -1 "$tmp/t" >>"$tmp/walls"
		i=$((i + 1))
	done
	sort -n "$tmp/walls" | awk -v n="$r" '{ w[NR] = $1 }
	    END { printf "%.3f", w[int((n + 1) / 2)] }'
}

cat >"$tmp/jing-all.sh" <<'EOF'
# one JVM per schema, over its files
cut -f1 "$1" | sort -u | while read -r s; do
	awk -F'\t' -v s="$s" '$1 == s { print $2 }' "$1" | xargs jing "$s"
done
exit 0
EOF
cat >"$tmp/jing-each.sh" <<'EOF'
while IFS='	' read -r s f; do jing "$s" "$f"; done <"$1"
exit 0
EOF
cat >"$tmp/teikit-each.sh" <<'EOF'
c=$1
while read -r f; do $c validate "$f"; done <"$2"
exit 0
EOF

# shellcheck disable=SC2046
t1=$(median "$runs" $teikit validate $(cat "$tmp/have"))
# shellcheck disable=SC2046
t1n=$(median "$runs" $teikit validate --rules none $(cat "$tmp/have"))
t2=$(median 3 sh "$tmp/teikit-each.sh" "$teikit" "$tmp/have")
echo "corpus: $nhave of $n files (the rest declare a schema that is not there)"
echo "teikit validate, no option, one process:      $t1 s"
echo "teikit validate --rules none, one process:    $t1n s"
echo "teikit validate, no option, a process a file: $t2 s"
if command -v jing >/dev/null 2>&1; then
	j1=$(median 3 sh "$tmp/jing-all.sh" "$tmp/groups")
	j2=$(median 1 sh "$tmp/jing-each.sh" "$tmp/groups")
	echo "jing, one JVM per declared schema:           $j1 s"
	echo "jing, a JVM a file:                           $j2 s"
	awk -v t1="$t1" -v t2="$t2" -v j1="$j1" -v j2="$j2" 'BEGIN {
	    if (t1 > 0) printf "one run: jing takes %.1fx teikit\n", j1 / t1
	    if (t2 > 0) printf "a process a file: jing takes %.1fx teikit\n",
		j2 / t2 }'
else
	echo "jing: not installed (apt-get install jing): no comparison"
fi
