#!/bin/sh
# bench/rng.sh -- teikit's RELAX NG engine against jing and xmllint, in
# one run, on the full TEI schema (tei_all.rng):
#   1. compiling tei_all: a small document validated as a fresh process,
#      less the same run against a one-element schema;
#   2. a small document end to end, as a fresh process;
#   3. a large real file (frus-history.xml, 2 MB): teikit streaming,
#      jing, and the floor: xmllint --noout, parse only;
#   4. a long list: listbibl-4000.xml (4,000 <bibl> in one list);
#   5. memory as the file grows: a generated TEI file of 10 MB and of
#      100 MB, validated streaming (peak RSS should stay flat);
#   6. the real corpus (../shared/corpus/tei, 84 files from 11 public
#      editions): one process for all files, and one process per file,
#      as a script or a Makefile would call each tool.
# xmllint --relaxng on tei_all takes minutes per file: it runs only with
# BENCH_SLOW=1.  Needs ../shared/data (tei_all.rng, bench/); skips what
# is missing.  Times are the median of several runs (wall clock) and
# CPU seconds (user + system) of one run.
# Usage: bench/rng.sh   (make bench)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${TEIKIT_SHARED:-$top/../shared}
tei_all=$shared/data/tei_all.rng
frus=$shared/data/bench/frus-history.xml
bibl=$shared/data/bench/listbibl-4000.xml
# The command itself, not libtool's wrapper script around it.
if [ -x "$top/.libs/teikit" ]; then
	teikit="env LD_LIBRARY_PATH=$top/src/.libs $top/.libs/teikit"
else
	teikit=${TEIKIT:-$top/teikit}
fi
runs=${BENCH_RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$tei_all" ]; then
	echo "bench/rng.sh: $tei_all is missing: skipped"
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
cat >"$tmp/one.rng" <<'EOF'
<grammar xmlns="http://relaxng.org/ns/structure/1.0">
<start><element><anyName/><ref name="any"/></element></start>
<define name="any"><zeroOrMore><choice><attribute><anyName/></attribute>
<text/><element><anyName/><ref name="any"/></element></choice>
</zeroOrMore></define></grammar>
EOF

# time NAME RUNS COMMAND...: median wall seconds, CPU seconds and peak
# RSS (KB) of the last run; a failing command is marked.
time_it() {
	name=$1
	n=$2
	shift 2
	: >"$tmp/walls"
	i=0
	status=0
	while [ "$i" -lt "$n" ]; do
		/usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" \
		    >/dev/null 2>"$tmp/err" || status=$?
		tail -1 "$tmp/t" >>"$tmp/walls"
		i=$((i + 1))
	done
	sort -n "$tmp/walls" | awk -v n="$n" -v name="$name" -v st="$status" '
	    { w[NR] = $1; c = $2 + $3; m = $4 }
	    END { printf "%s|%.3f|%.2f|%d|%s\n", name, w[int((n + 1) / 2)],
	        c, m, (st > 1 ? "exit " st : "") }' >>"$tmp/results"
}

: >"$tmp/results"
have_jing=0
command -v jing >/dev/null 2>&1 && have_jing=1

time_it "teikit: start-up, trivial schema" "$runs" \
    $teikit validate --rules none --schema "$tmp/one.rng" "$tmp/small.xml"
time_it "teikit: small document, tei_all" "$runs" \
    $teikit validate --rules none --schema "$tei_all" "$tmp/small.xml"
[ $have_jing = 1 ] && time_it "jing: small document, tei_all" 3 \
    jing "$tei_all" "$tmp/small.xml"
[ "${BENCH_SLOW:-0}" = 1 ] && time_it "xmllint: small document, tei_all" 1 \
    xmllint --noout --relaxng "$tei_all" "$tmp/small.xml"
if [ -f "$frus" ]; then
	time_it "xmllint --noout: frus-history.xml (parse only)" "$runs" \
	    xmllint --noout "$frus"
	time_it "teikit: frus-history.xml, tei_all" "$runs" \
	    $teikit validate --rules none --schema "$tei_all" "$frus"
	time_it "teikit --engine libxml2: frus-history.xml, teikit.rng" 1 \
	    $teikit validate --rules none --engine libxml2 "$frus"
	[ $have_jing = 1 ] && time_it "jing: frus-history.xml, tei_all" 3 \
	    jing "$tei_all" "$frus"
	[ "${BENCH_SLOW:-0}" = 1 ] && time_it \
	    "xmllint: frus-history.xml, tei_all" 1 \
	    xmllint --noout --relaxng "$tei_all" "$frus"
fi
if [ -f "$bibl" ]; then
	time_it "teikit: listbibl-4000.xml, tei_all" "$runs" \
	    $teikit validate --rules none --schema "$tei_all" "$bibl"
	[ $have_jing = 1 ] && time_it "jing: listbibl-4000.xml, tei_all" 3 \
	    jing "$tei_all" "$bibl"
	[ "${BENCH_SLOW:-0}" = 1 ] && time_it \
	    "xmllint: listbibl-4000.xml, tei_all" 1 \
	    xmllint --noout --relaxng "$tei_all" "$bibl"
fi

# The real corpus: every file, one process, then one process a file.
corpus=$shared/corpus/tei
if [ -d "$corpus" ]; then
	find "$corpus" -name '*.xml' | sort >"$tmp/corpus"
	ncorpus=$(wc -l <"$tmp/corpus")
	# shellcheck disable=SC2046
	time_it "teikit: corpus, $ncorpus files, one process" "$runs" \
	    $teikit validate --rules none --schema "$tei_all" \
	    $(cat "$tmp/corpus")
	# shellcheck disable=SC2046
	[ $have_jing = 1 ] && time_it "jing: corpus, $ncorpus files, one process" \
	    3 jing "$tei_all" $(cat "$tmp/corpus")
	# shellcheck disable=SC2046
	time_it "teikit: corpus, a process per file" 3 sh -c \
	    'c=$1; s=$2; shift 2; for f; do $c validate --rules none \
	    --schema "$s" "$f"; done; exit 0' sh "$teikit" "$tei_all" \
	    $(cat "$tmp/corpus")
	# shellcheck disable=SC2046
	[ $have_jing = 1 ] && time_it "jing: corpus, a process per file" 1 \
	    sh -c 's=$1; shift; for f; do jing "$s" "$f"; done; exit 0' sh \
	    "$tei_all" $(cat "$tmp/corpus")
fi

# Generated documents of 10 and 100 MB: memory should not grow.
gen() {
	awk -v mb="$1" 'BEGIN {
	    print "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader>" \
		"<fileDesc><titleStmt><title>t</title></titleStmt>" \
		"<publicationStmt><p>p</p></publicationStmt><sourceDesc>" \
		"<p>s</p></sourceDesc></fileDesc></teiHeader><text><body>"
	    for (i = 0; size < mb * 1048576; i++) {
		line = sprintf("<div type=\"document\" xml:id=\"d%d\" " \
		    "n=\"%d\"><head>Document %d</head><p>The Ambassador in " \
		    "<placeName>Moscow</placeName> to the Secretary of " \
		    "State, <date when=\"1945-07-%02d\">July</date>.</p>" \
		    "<p>Text<note n=\"1\" place=\"foot\">A note.</note> " \
		    "and more text.</p></div>", i, i, i, 1 + i % 28)
		print line
		size += length(line) + 1
	    }
	    print "</body></text></TEI>" }'
}
gen 10 >"$tmp/g10.xml"
gen 100 >"$tmp/g100.xml"
time_it "xmllint --noout: generated 10 MB (parse only)" 1 \
    xmllint --noout "$tmp/g10.xml"
time_it "teikit: generated 10 MB, tei_all (streaming)" 1 \
    $teikit validate --rules none --schema "$tei_all" "$tmp/g10.xml"
time_it "xmllint --noout: generated 100 MB (parse only)" 1 \
    xmllint --noout "$tmp/g100.xml"
time_it "xmllint --stream: generated 100 MB (parse only)" 1 \
    xmllint --stream --noout "$tmp/g100.xml"
time_it "teikit: generated 100 MB, tei_all (streaming)" 1 \
    $teikit validate --rules none --schema "$tei_all" "$tmp/g100.xml"

printf '%-58s %9s %8s %9s\n' "run" "wall s" "CPU s" "peak MB"
awk -F'|' '{ printf "%-58s %9.3f %8.2f %9.1f %s\n", $1, $2, $3, $4 / 1024,
    $5 }' "$tmp/results"

# The ratios the targets are stated in.
awk -F'|' -v frusmb="$( [ -f "$frus" ] && du -k "$frus" | awk '{ print $1 / 1024 }' || echo 0)" '
    { w[$1] = $2; m[$1] = $4 }
    END {
	up = w["teikit: start-up, trivial schema"]
	sm = w["teikit: small document, tei_all"]
	printf "\ntei_all compiled in about %.0f ms (small document less " \
	    "start-up; target < 50 ms)\n", (sm - up) * 1000
	printf "small document against tei_all, end to end: %.0f ms " \
	    "(target < 60 ms)\n", sm * 1000
	j = w["jing: small document, tei_all"]
	if (j > 0)
		printf "  jing: %.0f ms, %.1fx teikit\n", j * 1000, j / sm
	f = w["teikit: frus-history.xml, tei_all"]
	p = w["xmllint --noout: frus-history.xml (parse only)"]
	if (f > 0 && p > 0)
		printf "frus-history.xml: %.1f MB/s; %.2fx the parse-only " \
		    "floor (target <= 2x)\n", frusmb / f, f / p
	j = w["jing: frus-history.xml, tei_all"]
	if (j > 0 && f > 0)
		printf "  jing: %.0f ms, %.1fx teikit\n", j * 1000, j / f
	b = w["teikit: listbibl-4000.xml, tei_all"]
	if (b > 0)
		printf "listbibl-4000.xml: %.0f ms (target < 50 ms)\n", b * 1000
	j = w["jing: listbibl-4000.xml, tei_all"]
	if (j > 0 && b > 0)
		printf "  jing: %.0f ms, %.1fx teikit\n", j * 1000, j / b
	a = m["teikit: generated 10 MB, tei_all (streaming)"]
	c = m["teikit: generated 100 MB, tei_all (streaming)"]
	if (a > 0)
		printf "peak RSS streaming 10 MB: %.1f MB, 100 MB: %.1f MB " \
		    "(%.1fx for 10x the file)\n", a / 1024, c / 1024, c / a
	for (k in w) {
		if (k ~ /^teikit: corpus, [0-9]+ files, one process/)
			c1 = w[k]
		if (k ~ /^jing: corpus, [0-9]+ files, one process/)
			j1 = w[k]
	}
	if (c1 > 0 && j1 > 0)
		printf "corpus, one process: teikit %.2f s, jing %.2f s, " \
		    "%.1fx\n", c1, j1, j1 / c1
	c2 = w["teikit: corpus, a process per file"]
	j2 = w["jing: corpus, a process per file"]
	if (c2 > 0 && j2 > 0)
		printf "corpus, a process per file: teikit %.2f s, jing " \
		    "%.2f s, %.1fx\n", c2, j2, j2 / c2
	g = w["teikit: generated 100 MB, tei_all (streaming)"]
	if (g > 0)
		printf "generated 100 MB: %.1f MB/s\n", 100 / g
    }' "$tmp/results"
