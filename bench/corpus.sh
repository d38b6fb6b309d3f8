#!/bin/sh
# bench/corpus.sh -- teikit against the tools archivists use today, in
# one run, one table.  Three workloads:
#   corpus  N documents made from teikit's own fixtures (renumbered),
#           built into an edition (encode + validate + html + text):
#           teikit build -j2 of the plaintext and of its TEI; the same
#           work per file with xmllint --relaxng and xsltproc; jing and
#           Saxon-HE (teikit's own stylesheets) in their batch modes, one
#           JVM each; xmllint --noout over all files (the floor); and the
#           N documents gathered into one TEI volume, built with --split;
#   volume  ../shared/data/bench/frus-history.xml (2 MB of real TEI):
#           teikit validate against teikit.rng and tei_all.rng against
#           parse-only xmllint and jing;
#   encode  a 10 MB plaintext (the seed's body repeated, a page break
#           between copies) through teikit encode.
# Prints wall and CPU seconds, documents per second, MB/s, peak RSS and
# each row's ratio to the first row of its workload, then the targets.
# The machine may be shared: CPU seconds are steadier than wall time.
# Usage: bench/corpus.sh [N]   (default 2000; make bench).  Installs
# libsaxonhe-java with apt-get when it is missing and this is root.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
teikit=${TEIKIT:-$top/teikit}
if [ -z "${TEIKIT:-}" ] && [ -x "$top/.libs/teikit" ]; then
	# the program itself, not libtool's wrapper: a shell's start-up is
	# a third of a run that takes 0.1 s
	teikit=$top/.libs/teikit
	LD_LIBRARY_PATH=$top/src/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
fi
export TEIKIT_DATADIR=$top
n=${1:-2000}
shared=${TEIKIT_SHARED:-$top/../shared}
book=$shared/data/bench/frus-history.xml
teiall=$shared/data/tei_all.rng
saxon=/usr/share/java/Saxon-HE.jar
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$saxon" ] && command -v java >/dev/null 2>&1 &&
    [ "$(id -u)" -eq 0 ]; then
	echo "bench: installing libsaxonhe-java" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends libsaxonhe-java >/dev/null
fi

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
mb() { du -sk "$@" | awk '{ s += $1 } END { printf "%.2f", s / 1024 }'; }
txtmb=$(mb "$tmp/txt")
"$teikit" build -j2 --quiet --views text -o "$tmp/tei" "$tmp/txt" 2>/dev/null
mkdir -p "$tmp/xml"
mv "$tmp/tei"/*.xml "$tmp/xml/"
xmlmb=$(mb "$tmp/xml")

# The same documents as one volume: each division with its
# <?teikit-source?>, the persons of all in one header (page ids made
# unique; page order and repeated persons' roles are not: the volume
# has rule errors, which change nothing of the work timed).
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">\n'
	printf '<teiHeader><fileDesc><titleStmt><title>Bench volume</title></titleStmt>'
	printf '<publicationStmt><p>bench/corpus.sh</p></publicationStmt>'
	printf '<sourceDesc><p>teikit fixtures</p></sourceDesc></fileDesc>\n'
	printf '<profileDesc><particDesc><listPerson>\n'
	awk '/<person /{ id = $0; sub(/.*xml:id="/, "", id); sub(/".*/, "", id); keep = !seen[id]++ }
	    /<person /, /<\/person>/ { if (keep) print }' "$tmp"/xml/*.xml
	printf '</listPerson></particDesc></profileDesc></teiHeader>\n<text><body>\n'
	awk 'FNR == 1 { k++ } /^<\?teikit-source/ { print }
	    /^      <div type="document"/, /^      <\/div>$/ {
		gsub(/xml:id="pg_/, "xml:id=\"pg" k "_"); print }' "$tmp"/xml/*.xml
	printf '</body></text>\n</TEI>\n'
} >"$tmp/volume.xml"

# ---- 10 MB of plaintext ----
head -8 "$top/examples/telegram-1235.txt" >"$tmp/big.txt"
tail -n +9 "$top/examples/telegram-1235.txt" | sed 's/\[Page [0-9]*\]//' \
    >"$tmp/body.txt"
page=2000
while [ "$(wc -c <"$tmp/big.txt")" -lt 10000000 ]; do
	for i in 1 2 3 4 5 6 7 8 9 10; do
		cat "$tmp/body.txt"
		printf '\n[Page %d]\n\n' "$page"
		page=$((page + 1))
	done >>"$tmp/big.txt"
done
echo "The end." >>"$tmp/big.txt"
bigmb=$(mb "$tmp/big.txt")

# measure GROUP NAME DOCS MB COMMAND...: wall and CPU seconds and peak
# RSS (KB) of COMMAND, its output thrown away
measure() {
	group=$1 name=$2 docs=$3 size=$4
	shift 4
	start=$(date +%s.%N)
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" >/dev/null 2>&1
	end=$(date +%s.%N)
	set -- $(tail -1 "$tmp/time")
	echo "$group|$name|$docs|$size|$(echo "$end - $start" | bc)|$(echo "$1 + $2" | bc)|$3" \
	    >>"$tmp/results"
}
note() {
	echo "$1|$2|-|-|-|-|-" >>"$tmp/results"
}

cat >"$tmp/per-file.sh" <<SH
for f in "$tmp"/xml/*.xml; do
	b=\$(basename "\$f" .xml)
	xmllint --noout --nonet --relaxng "$top/schema/teikit.rng" "\$f"
	xsltproc --nonet -o "$tmp/pf/\$b.html" "$top/xslt/tei-html.xsl" "\$f"
	xsltproc --nonet -o "$tmp/pf/\$b.txt" "$top/xslt/tei-text.xsl" "\$f"
done
SH
# saxon.sh SHEET OUTDIR: one JVM over the whole directory
cat >"$tmp/saxon.sh" <<SH
mkdir -p "\$2"
java -cp "$saxon" net.sf.saxon.Transform -s:"$tmp/xml" -o:"\$2" \
    -xsl:"$top/xslt/\$1"
SH
cat >"$tmp/java.sh" <<SH
jing "$top/schema/teikit.rng" "$tmp"/xml/*.xml
mkdir -p "$tmp/sx3" "$tmp/sx4"
java -cp "$saxon" net.sf.saxon.Transform -s:"$tmp/xml" -o:"$tmp/sx3" -xsl:"$top/xslt/tei-html.xsl"
java -cp "$saxon" net.sf.saxon.Transform -s:"$tmp/xml" -o:"$tmp/sx4" -xsl:"$top/xslt/tei-text.xsl"
SH

: >"$tmp/results"
c="corpus: $n documents"
measure "$c" "teikit build -j2, plaintext (encode+validate+html+text)" \
    "$n" "$txtmb" "$teikit" build -j2 --quiet -o "$tmp/out1" "$tmp/txt"
measure "$c" "teikit build -j2, TEI (validate+html+text)" "$n" "$xmlmb" \
    "$teikit" build -j2 --quiet -o "$tmp/out2" "$tmp/xml"
if command -v xsltproc >/dev/null 2>&1; then
	mkdir -p "$tmp/pf"
	measure "$c" "xmllint --relaxng + 2 xsltproc, per file" "$n" \
	    "$xmlmb" sh "$tmp/per-file.sh"
fi
if command -v jing >/dev/null 2>&1; then
	measure "$c" "jing teikit.rng, one JVM (validate)" "$n" "$xmlmb" \
	    jing "$top/schema/teikit.rng" "$tmp"/xml/*.xml
fi
if [ -f "$saxon" ] && command -v java >/dev/null 2>&1; then
	measure "$c" "Saxon-HE tei-html.xsl, one JVM (-s:DIR -o:DIR)" "$n" \
	    "$xmlmb" sh "$tmp/saxon.sh" tei-html.xsl "$tmp/sx1"
	measure "$c" "Saxon-HE tei-text.xsl, one JVM (-s:DIR -o:DIR)" "$n" \
	    "$xmlmb" sh "$tmp/saxon.sh" tei-text.xsl "$tmp/sx2"
	if command -v jing >/dev/null 2>&1; then
		measure "$c" "jing + Saxon-HE html + text (3 JVMs)" "$n" \
		    "$xmlmb" sh "$tmp/java.sh"
		# as a script calls them, a JVM per file and tool: 20 files
		ls "$tmp"/xml/*.xml | head -20 >"$tmp/sample"
		cat >"$tmp/java-per-file.sh" <<SH
while read -r f; do
	jing "$top/schema/teikit.rng" "\$f"
	java -cp "$saxon" net.sf.saxon.Transform -s:"\$f" -o:"$tmp/pj.html" -xsl:"$top/xslt/tei-html.xsl"
	java -cp "$saxon" net.sf.saxon.Transform -s:"\$f" -o:"$tmp/pj.txt" -xsl:"$top/xslt/tei-text.xsl"
done <"$tmp/sample"
SH
		measure "$c" "jing + Saxon-HE per file (20 of them: 60 JVMs)" 20 \
		    "$(echo "$xmlmb * 20 / $n" | bc -l)" sh "$tmp/java-per-file.sh"
	fi
else
	note "$c" "Saxon-HE: not installed (libsaxonhe-java)"
fi
if apt-cache search --names-only '^tei-' 2>/dev/null | grep -qi stylesheet; then
	note "$c" "TEI Stylesheets: packaged, not yet timed here"
else
	note "$c" "TEI Stylesheets: not packaged in Debian (not timed)"
fi
measure "$c" "floor: xmllint --noout, one process (parse only)" "$n" \
    "$xmlmb" xmllint --noout --nonet "$tmp"/xml/*.xml
measure "$c" "teikit build -j2 --split, the $n as one TEI volume" "$n" \
    "$(mb "$tmp/volume.xml")" "$teikit" build -j2 --quiet --split \
    -o "$tmp/out3" "$tmp/volume.xml"

if [ -f "$book" ]; then
	v="volume: frus-history.xml"
	bmb=$(mb "$book")
	measure "$v" "xmllint --noout (parse only)" 1 "$bmb" \
	    xmllint --noout --nonet "$book"
	measure "$v" "teikit validate (teikit.rng + rules)" 1 "$bmb" \
	    "$teikit" validate "$book"
	measure "$v" "xmllint --relaxng teikit.rng" 1 "$bmb" \
	    xmllint --noout --nonet --relaxng "$top/schema/teikit.rng" "$book"
	if [ -f "$teiall" ]; then
		measure "$v" "teikit validate --schema tei_all.rng" 1 "$bmb" \
		    "$teikit" validate --rules none --schema "$teiall" "$book"
		command -v jing >/dev/null 2>&1 &&
		    measure "$v" "jing tei_all.rng" 1 "$bmb" jing "$teiall" "$book"
	fi
	measure "$v" "teikit render --to html" 1 "$bmb" \
	    "$teikit" render --to html "$book"
else
	note "volume: frus-history.xml" "missing: $book"
fi

e="encode: 10 MB plaintext"
measure "$e" "teikit encode -o FILE" 1 "$bigmb" \
    "$teikit" encode -o "$tmp/big.xml" "$tmp/big.txt"
# Most of what is left is the kernel faulting in the pages of the tree
# and the output: transparent huge pages for malloc cut the faults ~7x.
measure "$e" "teikit encode -o FILE, GLIBC_TUNABLES=glibc.malloc.hugetlb=1" \
    1 "$bigmb" env GLIBC_TUNABLES=glibc.malloc.hugetlb=1 \
    "$teikit" encode -o "$tmp/big.xml" "$tmp/big.txt"
measure "$e" "teikit encode --to text (encode, then the text view)" 1 \
    "$bigmb" "$teikit" encode --to text "$tmp/big.txt"

# ---- the table ----
printf 'plaintext %s MB, TEI %s MB (%s documents); machine: %s cores, load %s\n\n' \
    "$txtmb" "$xmlmb" "$n" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-60s %8s %8s %8s %8s %7s %7s\n' "run" "wall s" "CPU s" "docs/s" \
    "MB/s" "RSS MB" "ratio"
awk -F'|' '
$1 != group { group = $1; base = $5; printf "%s\n", group }
$5 == "-" { printf "  %-58s %8s\n", $2, "-"; next }
{ printf "  %-58s %8.2f %8.2f %8.0f %8.2f %7.1f %7.1f\n", $2, $5, $6,
    $3 / $5, $4 / $5, $7 / 1024, $5 / base }' "$tmp/results"
echo
echo "ratio: wall time over the first row of the same workload"
awk -F'|' -v n="$n" '
function row(pat,   i) { for (i = 1; i <= nr; i++) if (name[i] ~ pat) return i; return 0 }
{ nr++; name[nr] = $2; wall[nr] = $5; cpu[nr] = $6; mbs[nr] = $4 }
END {
	p = row("^teikit build -j2, plaintext"); t = row("^teikit build -j2, TEI")
	x = row("per file"); j = row("^jing \\+ Saxon")
	if (x && p) printf "per-file xmllint+xsltproc / teikit build (plaintext): %.1fx (target >= 10x)\n", wall[x] / wall[p]
	if (x && t) printf "per-file xmllint+xsltproc / teikit build (TEI):       %.1fx\n", wall[x] / wall[t]
	if (j && t) printf "jing + Saxon-HE / teikit build (TEI):                 %.1fx (target >= 50x)\n", wall[j] / wall[t]
	if (j && p) printf "jing + Saxon-HE / teikit build (plaintext):           %.1fx\n", wall[j] / wall[p]
	q = row("^jing \\+ Saxon-HE per file")
	if (q && t) printf "jing + Saxon-HE per file, for all %d / teikit build (TEI): %.0fx\n", n, wall[q] * n / 20 / wall[t]
	f = row("^xmllint --noout \\(parse only\\)"); v = row("^teikit validate \\(teikit.rng")
	if (f && v) printf "teikit validate / xmllint --noout, frus-history.xml:  %.1fx (target <= 2x)\n", wall[v] / wall[f]
	e = row("^teikit encode -o")
	if (e) printf "teikit encode: %.1f MB/s wall, %.1f MB/s CPU (target >= 50 MB/s)\n", mbs[e] / wall[e], mbs[e] / cpu[e]
}' "$tmp/results"
