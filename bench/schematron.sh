#!/bin/sh
# bench/schematron.sh -- TEI's Schematron rules, natively, against the
# reference implementation SchXslt run by Saxon-HE (issue 15).
#
#  1. frus-history.xml (2.2 MB): teikit's RELAX NG *plus* Schematron
#     check end to end (one process: reading tei_all, compiling its
#     RELAX NG and its 93 patterns, parsing and checking the document),
#     against SchXslt compiling tei_all.isosch, then checking the file
#     with the compiled stylesheet (Schematron alone: no RELAX NG).
#  2. The whole corpus (../shared/corpus/tei, 84 files) in one run:
#     teikit validate --schema tei_all over all files in one process,
#     against SchXslt's compiled stylesheet over the same files in one
#     JVM (a folder of links to them).
#
# SchXslt's times leave out its compile for (2) and count nothing for
# RELAX NG; teikit's include both: every ratio favours SchXslt.  Times:
# median wall seconds of several runs.  Usage: bench/schematron.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${TEIKIT_SHARED:-$top/../shared}
corpus=$shared/corpus/tei
isosch=$shared/data/tei_all.isosch
doc=$shared/data/bench/frus-history.xml
schxslt=$shared/tools/schxslt/2.0
saxon=/usr/share/java/Saxon-HE.jar
if [ -x "$top/.libs/teikit" ]; then
	teikit="env LD_LIBRARY_PATH=$top/src/.libs $top/.libs/teikit"
else
	teikit=${TEIKIT:-$top/teikit}
fi
runs=${BENCH_RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$corpus" ] || [ ! -f "$isosch" ] || [ ! -f "$doc" ]; then
	echo "bench/schematron.sh: ../shared is missing: skipped"
	exit 0
fi

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

find "$corpus" -name '*.xml' ! -path '*/Schemas/*' | LC_ALL=C sort \
    >"$tmp/files"
n=$(wc -l <"$tmp/files")
mkdir "$tmp/links"
i=0
while read -r f; do
	i=$((i + 1))
	ln -s "$f" "$tmp/links/$i-$(basename "$f")"
done <"$tmp/files"

t_doc=$(median "$runs" $teikit validate --schema tei_all "$doc")
t_doc_rng=$(median "$runs" $teikit validate --schema tei_all \
    --schematron none "$doc")
# shellcheck disable=SC2046
t_all=$(median "$runs" $teikit validate --schema tei_all $(cat "$tmp/files"))
# shellcheck disable=SC2046
t_all_rng=$(median "$runs" $teikit validate --schema tei_all \
    --schematron none $(cat "$tmp/files"))
echo "teikit, frus-history.xml, RELAX NG + Schematron, one process: $t_doc s"
echo "teikit, frus-history.xml, RELAX NG alone:                     $t_doc_rng s"
echo "teikit, corpus ($n files), RELAX NG + Schematron, one process: $t_all s"
echo "teikit, corpus, RELAX NG alone:                                $t_all_rng s"

if ! command -v java >/dev/null 2>&1 || [ ! -f "$saxon" ] ||
    [ ! -d "$schxslt" ]; then
	echo "SchXslt: java or Saxon-HE missing (apt-get install" \
	    "default-jre-headless libsaxonhe-java): no comparison"
	exit 0
fi
S="java -cp $saxon net.sf.saxon.Transform"
s_comp=$(median 3 $S -s:"$isosch" -xsl:"$schxslt/pipeline-for-svrl.xsl" \
    -o:"$tmp/tei_all.xsl")
$S -s:"$isosch" -xsl:"$schxslt/pipeline-for-svrl.xsl" -o:"$tmp/tei_all.xsl"
s_doc=$(median 3 $S -s:"$doc" -xsl:"$tmp/tei_all.xsl" -o:"$tmp/out.svrl")
mkdir "$tmp/svrl"
s_all=$(median 3 $S -s:"$tmp/links" -xsl:"$tmp/tei_all.xsl" \
    -o:"$tmp/svrl")
echo "SchXslt, compiling tei_all.isosch:                            $s_comp s"
echo "SchXslt, frus-history.xml, Schematron alone (compiled):       $s_doc s"
echo "SchXslt, corpus, Schematron alone, one JVM (compiled):        $s_all s"
awk -v td="$t_doc" -v sd="$s_doc" -v sc="$s_comp" -v ta="$t_all" \
    -v sa="$s_all" 'BEGIN {
	if (td > 0) printf "frus-history.xml: SchXslt (compile + check) takes %.1fx teikit (RELAX NG + Schematron)\n", (sc + sd) / td
	if (td > 0) printf "frus-history.xml: SchXslt (check alone) takes %.1fx teikit (RELAX NG + Schematron)\n", sd / td
	if (ta > 0) printf "corpus: SchXslt (one JVM, compiled) takes %.1fx teikit (one process, RELAX NG + Schematron)\n", sa / ta
}'
