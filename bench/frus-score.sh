#!/bin/sh
# bench/frus-score.sh -- how close teikit's encoding of the FRUS
# development documents (../shared/frus-dev, with and without notes)
# comes to the Office of the Historian's own TEI: document number, head,
# source note, dateline, closer, and the position of every page break
# and footnote marker (the same 30 characters of text before it); also
# whether each encoding is valid against teikit.rng (and tei_all with
# jing, when present) and round-trips exactly.  Prints a score per
# document and overall.  Usage: bench/frus-score.sh [--profile P] [DIR]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
teikit=${TEIKIT:-$top/teikit}
profile=tei
[ "${1:-}" = "--profile" ] && { profile=$2; shift 2; }
dev=${1:-$top/../shared/frus-dev}
tei_all=$top/../shared/data/tei_all.rng
[ -d "$dev/reference" ] || { echo "frus-score: no $dev/reference" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

features() {	# features FILE.xml: one feature a line, spacing normalised
	"$teikit" render --stylesheet "$top/bench/frus-features.xsl" "$1" |
	    sed 's/( /(/g; s/ )/)/g; s/ \([,.;:]\)/\1/g; s/\[ /[/g; s/ \]/]/g' |
	    awk -F '\t' -v OFS='\t' '($1 == "pb" || $1 == "note") && length($3) > 24 {
		$3 = substr($3, length($3) - 23) } { print }'
}

# score KIND: "hits/total" of the reference's KIND lines found in ours
score() {
	total=$(grep -c "^$1	" "$tmp/ref") || true
	hits=0
	if [ "$total" -gt 0 ]; then
		hits=$(grep "^$1	" "$tmp/ref" | grep -cxFf "$tmp/ours") || true
	fi
	echo "$hits/$total"
}

printf '%-36s %-6s %-5s %-5s %-6s %-8s %-6s %-6s %-6s %-5s %s\n' document \
    number head source dateline closer pages notes valid tei_all trip
T_hits=0 T_total=0
for variant in plain plain-with-notes; do
	for txt in "$dev/$variant"/*.txt; do
		name=$(basename "$txt" .txt)
		"$teikit" encode --profile "$profile" -o "$tmp/ours.xml" "$txt" \
		    2>"$tmp/err"
		features "$dev/reference/$name.xml" >"$tmp/ref"
		features "$tmp/ours.xml" >"$tmp/ours" 2>/dev/null
		line="$(printf '%-36s' "$variant/$name")"
		for k in number head source dateline closer pb note; do
			s=$(score "$k")
			T_hits=$((T_hits + ${s%/*}))
			T_total=$((T_total + ${s#*/}))
			[ "$s" = "0/0" ] && s=-
			line="$line $(printf '%-6s' "$s")"
		done
		"$teikit" validate --rules teikit "$tmp/ours.xml" 2>/dev/null &&
		    v=yes || v=NO
		j=-
		if command -v jing >/dev/null 2>&1 && [ -f "$tei_all" ]; then
			jing "$tei_all" "$tmp/ours.xml" >/dev/null 2>&1 && j=yes || j=NO
		fi
		"$teikit" render --to text "$tmp/ours.xml" | cmp -s - "$txt" &&
		    r=yes || r=NO
		echo "$line $(printf '%-6s %-5s %s' $v $j $r)"
		if [ -n "${VERBOSE:-}" ]; then
			grep -vxFf "$tmp/ours" "$tmp/ref" | sed 's/^/    missed: /'
		fi
	done
done
echo "overall: $T_hits of $T_total reference features matched" \
    "($(( T_total ? 100 * T_hits / T_total : 0 ))%)"
