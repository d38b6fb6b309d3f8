#!/bin/sh
# tests/sch-diff.sh -- the live differential of teikit's Schematron
# engine against SchXslt (the reference implementation, in
# ../shared/tools/schxslt, run by Saxon-HE) on TEI's rules (tei_all.isosch):
# over (a) every document of ../shared/corpus/tei, (b) the fixtures in
# tests/sch/tei/ and (c) mutants of the corpus documents made to fire the
# rules (tests/sch/mutate.py; the corpus itself fires none, and a silent
# engine would agree with SchXslt on it), file by file, teikit's findings
# (`teikit validate --schema tei_all --format json`, codes TK-E027,
# TK-W017, TK-N004) and SchXslt's are the same multisets of (xpath,
# message); and, when `teikit validate --explain` prints lines
# "FILE: schematron: rule CONTEXT fired N times" on stderr, so are the
# fired-rule counts.  One JVM compiles the schema, one runs it per set.
# Skips without java, Saxon-HE, python3, ../shared or a built-in tei_all,
# and under TEIKIT_NO_JING.
. "${srcdir:-.}/tests/lib.sh"

saxon=${SAXON_JAR:-/usr/share/java/Saxon-HE.jar}
corpus=$shared/corpus/tei
schxslt=$shared/tools/schxslt
sch=$srcdir/tests/sch
if [ -n "${TEIKIT_NO_JING:-}" ]; then
	# .ci/run's later runs (sanitizers, distcheck) check teikit, not
	# the reference: tests/sch-tei.sh holds SchXslt's findings
	skip "TEIKIT_NO_JING is set: no JVM in this run"
elif ! command -v java >/dev/null 2>&1 || [ ! -f "$saxon" ]; then
	skip "java or Saxon-HE ($saxon) is not installed"
elif ! command -v python3 >/dev/null 2>&1; then
	skip "python3 is not installed"
elif [ ! -d "$corpus" ] || [ ! -f "$shared/data/tei_all.isosch" ] ||
    [ ! -f "$schxslt/2.0/pipeline-for-svrl.xsl" ]; then
	skip "../shared (corpus/tei, data/tei_all.isosch, tools/schxslt) is absent"
elif [ "$(run_teikit validate --schema tei_all /dev/null 2>&1 |
    grep -c 'cannot read: No such file')" -ne 0 ]; then
	skip "tei_all is not installed with this build (configure --with-tei-schema)"
fi
if [ "$tap_n" -gt 0 ]; then
	tap_done
	exit
fi

S="java -cp $saxon net.sf.saxon.Transform"
if (cd "$schxslt" && $S -s:"$shared/data/tei_all.isosch" \
    -xsl:2.0/pipeline-for-svrl.xsl -o:"$tmp/tei_all.xsl") 2>"$tmp/err"; then
	ok "SchXslt compiles tei_all.isosch"
else
	sed 's/^/# /' "$tmp/err" | head -5
	not_ok "SchXslt compiles tei_all.isosch"
	tap_done
	exit
fi

# the sets, each a flat folder (Saxon's -s:DIR is not recursive): the
# corpus's files named by their path (a/b.xml: a__b.xml), the fixtures,
# three mutants of each corpus file
mkdir "$tmp/corpus" "$tmp/fixtures" "$tmp/mutants"
(cd "$corpus" && find . -name '*.xml' -type f) | sort | while IFS= read -r f; do
	f=${f#./}
	n=$(printf '%s' "$f" | sed 's|/|__|g')
	cp "$corpus/$f" "$tmp/corpus/$n"
done
cp "$sch"/tei/*.xml "$tmp/fixtures/"
python3 "$sch/mutate.py" -s 15 -n 3 "$tmp/mutants" "$tmp"/corpus/*.xml \
    2>"$tmp/err" || { sed 's/^/# /' "$tmp/err" | head -5; }

names=
for set in corpus fixtures mutants; do
	mkdir "$tmp/$set.svrl" "$tmp/$set.exp"
	$S -s:"$tmp/$set" -xsl:"$tmp/tei_all.xsl" -o:"$tmp/$set.svrl" \
	    2>"$tmp/$set.saxon"
	nin=$(ls "$tmp/$set" | wc -l)
	nout=$(ls "$tmp/$set.svrl" | wc -l)
	if [ "$nin" -eq 0 ] || [ "$nin" -ne "$nout" ]; then
		grep -v '^  ' "$tmp/$set.saxon" | sed 's/^/# /' | head -5
		not_ok "$set: SchXslt reports on each of its $nin files ($nout)"
		continue
	fi
	python3 "$srcdir/tests/sch-svrl.py" -f -d "$tmp/$set.exp" -x expected \
	    "$tmp/$set.svrl"/*.xml
done
nmut=$(cat "$tmp"/mutants.exp/*.expected 2>/dev/null | grep -vc '^fired	')
check "the mutants fire TEI's rules (SchXslt: $nmut findings; 300 or more)" \
    [ "$nmut" -ge 300 ]

# teikit, once over all the files: its findings on stdout, what
# --explain says on stderr (when it knows --explain)
explain=--explain
run_teikit validate --explain --schema tei_all --format json \
    "$sch/tei/ab-in-l.pass.xml" >/dev/null 2>&1
[ $? -eq 3 ] && explain=
run_teikit validate $explain -j2 --schema tei_all --format json \
    "$tmp"/corpus/*.xml "$tmp"/fixtures/*.xml "$tmp"/mutants/*.xml \
    >"$tmp/teikit.jsonl" 2>"$tmp/teikit.err"
st=$?
if [ "$st" -gt 2 ]; then
	grep -v ': schematron: rule ' "$tmp/teikit.err" | sed 's/^/# /' | head -5
	not_ok "teikit validate ran (exit $st)"
fi

for set in corpus fixtures mutants; do
	[ -d "$tmp/$set.exp" ] || continue
	names=
	for f in "$tmp/$set"/*.xml; do
		n=${f##*/}
		names="$names ${n%.xml}"
	done
	# shellcheck disable=SC2086
	python3 "$sch/compare.py" -e "$tmp/teikit.err" -w -q 4 \
	    "$tmp/$set.exp" "$tmp/teikit.jsonl" $names >"$tmp/cmp"
	st=$?
	# the files that differ (20 at most), then the summary
	grep -v '^ok ' "$tmp/cmp" | grep -v '^# files ' |
	    awk '/^not ok /{n++} n<=20' | sed 's/^not ok /# differs: /'
	sum=$(grep '^# files ' "$tmp/cmp" | sed 's/^# //')
	echo "# $set: $sum"
	check "$set: teikit's Schematron findings are SchXslt's ($sum)" \
	    [ "$st" -eq 0 ]
done
tap_done
