#!/bin/sh
# bench/corpus.sh -- teikit against the tools archivists use today, in
# one run, on one corpus: N documents made from teikit's own fixtures
# (renumbered), built into an edition (encode + validate + html + text).
#   1. teikit build -j2 of the plaintext corpus, and of its TEI;
#   2. the same work per file with the standard C tools: xmllint
#      --relaxng schema/teikit.rng, xsltproc with teikit's stylesheets;
#   3. jing (one JVM for all files) where it is installed;
#   4. the floor: xmllint --noout, parse only, one process for all.
# Prints wall time, documents per second, MB/s, peak RSS and ratios.
# Usage: bench/corpus.sh [N]   (default 2000; make bench)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
teikit=${TEIKIT:-$top/teikit}
export TEIKIT_DATADIR=$top
n=${1:-2000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- the corpus ----
mkdir -p "$tmp/txt"
set -- "$top"/tests/encode/*.txt
k=0
while [ "$k" -lt "$n" ]; do
	for f in "$@"; do
		[ "$k" -ge "$n" ] && break
		k=$((k + 1))
		sed "s/^No\. [0-9][0-9]*$/No. $k/" "$f" >"$tmp/txt/doc$k.txt"
	done
done
mb=$(du -sk "$tmp/txt" | awk '{ printf "%.1f", $1 / 1024 }')
"$teikit" build -j2 --quiet --views text -o "$tmp/tei" "$tmp/txt" 2>/dev/null
mkdir -p "$tmp/xml"
mv "$tmp/tei"/*.xml "$tmp/xml/"
xmlmb=$(du -sk "$tmp/xml" | awk '{ printf "%.1f", $1 / 1024 }')

# measure NAME COMMAND...: wall seconds and peak RSS (KB) of COMMAND
measure() {
	name=$1
	shift
	start=$(date +%s.%N)
	/usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>&1
	end=$(date +%s.%N)
	wall=$(echo "$end - $start" | bc)
	echo "$name|$wall|$(tail -1 "$tmp/rss")" >>"$tmp/results"
}

cat >"$tmp/per-file.sh" <<SH
for f in "$tmp"/xml/*.xml; do
	b=\$(basename "\$f" .xml)
	xmllint --noout --nonet --relaxng "$top/schema/teikit.rng" "\$f"
	xsltproc --nonet -o "$tmp/pf/\$b.html" "$top/xslt/tei-html.xsl" "\$f"
	xsltproc --nonet -o "$tmp/pf/\$b.txt" "$top/xslt/tei-text.xsl" "\$f"
done
SH

: >"$tmp/results"
measure "teikit build -j2 (plaintext: encode+validate+html+text)" \
    "$teikit" build -j2 --quiet --views html,text -o "$tmp/out1" "$tmp/txt"
measure "teikit build -j2 (TEI: validate+html+text)" \
    "$teikit" build -j2 --quiet --views html,text -o "$tmp/out2" "$tmp/xml"
mkdir -p "$tmp/pf"
if command -v xsltproc >/dev/null 2>&1; then
	measure "xmllint --relaxng + 2 xsltproc, per file" sh "$tmp/per-file.sh"
fi
if command -v jing >/dev/null 2>&1; then
	measure "jing teikit.rng, one JVM (validate only)" \
	    jing "$top/schema/teikit.rng" "$tmp"/xml/*.xml
fi
measure "floor: xmllint --noout, one process (parse only)" \
    xmllint --noout --nonet "$tmp"/xml/*.xml

base=$(head -1 "$tmp/results" | cut -d'|' -f2)
printf 'corpus: %s documents, %s MB plaintext, %s MB TEI\n\n' "$n" "$mb" "$xmlmb"
printf '%-58s %8s %9s %8s %9s %8s\n' "run" "wall s" "docs/s" "MB/s" "RSS MB" "ratio"
while IFS='|' read -r name wall rss; do
	printf '%-58s %8.2f %9.0f %8.2f %9.1f %8.2f\n' "$name" "$wall" \
	    "$(echo "$n / $wall" | bc -l)" "$(echo "$xmlmb / $wall" | bc -l)" \
	    "$(echo "$rss / 1024" | bc -l)" "$(echo "$wall / $base" | bc -l)"
done <"$tmp/results"
echo
echo "ratio: wall time against teikit build -j2 of the plaintext corpus"
