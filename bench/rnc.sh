#!/bin/sh
# bench/rnc.sh -- loading TEI P5's tei_all in the compact syntax
# (tei_all.rnc, read by src/rng/rnc.c) against the XML syntax (tei_all.rng):
# a small document validated as a fresh process against each, less the
# same run against a schema that accepts anything (the start-up), so
# that what remains is reading and compiling the schema.  The target:
# the compact syntax within 2x the XML syntax's time.  Times are the
# median of BENCH_RUNS runs of each (default 21, wall clock, the three
# in turn), and the CPU seconds (user + system) and peak RSS of one
# run.  Needs ../shared/data: skips without it.
# Usage: bench/rnc.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${TEIKIT_SHARED:-$top/../shared}
rnc=$shared/data/tei_all.rnc
rng=$shared/data/tei_all.rng
# The command itself, not libtool's wrapper script around it.
if [ -x "$top/.libs/teikit" ]; then
	teikit="env LD_LIBRARY_PATH=$top/src/.libs $top/.libs/teikit"
else
	teikit=${TEIKIT:-$top/teikit}
fi
runs=${BENCH_RUNS:-21}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$rnc" ] || [ ! -f "$rng" ]; then
	echo "bench/rnc.sh: $rnc or $rng is missing: skipped"
	exit 0
fi

cat >"$tmp/small.xml" <<'EOF'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>A small document</title></titleStmt>
<publicationStmt><p>Unpublished.</p></publicationStmt>
<sourceDesc><p>Made for the benchmark.</p></sourceDesc></fileDesc>
</teiHeader><text><body><p>One paragraph.</p></body></text></TEI>
EOF
# A schema that accepts anything: the start-up cost.
cat >"$tmp/one.rnc" <<'EOF'
start = any
any = element * { (attribute * { text } | text | any)* }
EOF

# one NAME COMMAND...: one run's wall time, to the microsecond (date's
# nanoseconds, where /usr/bin/time gives hundredths), appended to
# $tmp/NAME.walls.
one() {
	name=$1
	shift
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || echo "$*" >>"$tmp/failed"
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000 ))" >>"$tmp/$name.walls"
}

# result NAME LABEL COMMAND...: LABEL's line: the median wall seconds,
# and the CPU seconds and peak RSS (KB) of one more run.
result() {
	name=$1
	label=$2
	shift 2
	/usr/bin/time -f '%U %S %M' -o "$tmp/t" "$@" >/dev/null 2>&1
	sort -n "$tmp/$name.walls" | awk -v label="$label" \
	    -v t="$(tail -1 "$tmp/t")" '
	    { w[NR] = $1 / 1e6 }
	    END { split(t, u, " ")
	        printf "%s|%.4f|%.2f|%d\n", label, w[int((NR + 1) / 2)],
	        u[1] + u[2], u[3] }' >>"$tmp/results"
}

# The three in turn, run after run: a load that comes and goes on the
# machine falls on all three alike.
: >"$tmp/results"
i=0
while [ "$i" -lt "$runs" ]; do
	one base $teikit validate --rules none --schema "$tmp/one.rnc" \
	    "$tmp/small.xml"
	one rng $teikit validate --rules none --schema "$rng" "$tmp/small.xml"
	one rnc $teikit validate --rules none --schema "$rnc" "$tmp/small.xml"
	i=$((i + 1))
done
if [ -s "$tmp/failed" ]; then
	echo "bench/rnc.sh: failed: $(sort -u "$tmp/failed")"
	exit 1
fi
result base "start-up, trivial schema (.rnc)" \
    $teikit validate --rules none --schema "$tmp/one.rnc" "$tmp/small.xml"
result rng "small document, tei_all.rng" \
    $teikit validate --rules none --schema "$rng" "$tmp/small.xml"
result rnc "small document, tei_all.rnc" \
    $teikit validate --rules none --schema "$rnc" "$tmp/small.xml"

awk -F'|' '
    BEGIN { printf "%-40s %9s %7s %9s\n", "", "wall", "cpu", "rss" }
    { printf "%-40s %7.4f s %5.2f s %6d KB\n", $1, $2, $3, $4
      w[$1] = $2 }
    END {
	s = w["start-up, trivial schema (.rnc)"]
	x = w["small document, tei_all.rng"] - s
	c = w["small document, tei_all.rnc"] - s
	if (x > 0) {
		printf "loading tei_all: XML syntax %.1f ms, compact syntax " \
		    "%.1f ms: %.2fx (target < 2x)\n", x * 1000, c * 1000, c / x
	}
    }' "$tmp/results"
