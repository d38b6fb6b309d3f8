#!/bin/sh
# tests/sch/mkexpected.sh -- the golden findings of the fixtures in
# tests/sch/tei/ from SchXslt (the reference Schematron implementation in
# ../shared/tools/schxslt, run by Saxon-HE): NAME.expected for each
# NAME.xml, then the check that each NAME.fire.xml has at least one
# finding of its own pattern (tests/sch/tei/README maps NAME to it) and
# each NAME.pass.xml none at all.  Needs java and Saxon-HE; run from the
# top of the source tree:  sh tests/sch/mkexpected.sh
set -eu
shared=${TEIKIT_SHARED:-../shared}
saxon=${SAXON_JAR:-/usr/share/java/Saxon-HE.jar}
dir=tests/sch/tei
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkexpected.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

S="java -cp $saxon net.sf.saxon.Transform"
(cd "$shared/tools/schxslt" && $S -s:../../data/tei_all.isosch \
    -xsl:2.0/pipeline-for-svrl.xsl -o:"$tmp/tei_all.xsl")
mkdir "$tmp/in" "$tmp/svrl"
cp "$dir"/*.xml "$tmp/in/"
$S -s:"$tmp/in" -xsl:"$tmp/tei_all.xsl" -o:"$tmp/svrl"
python3 tests/sch-svrl.py -d "$dir" -x expected "$tmp"/svrl/*.xml
python3 tests/sch-svrl.py -p -d "$tmp/svrl" -x pat "$tmp"/svrl/*.xml

bad=0
while IFS='	' read -r n name pid; do
	case $n in ''|*[!0-9]*) continue ;; esac
	[ "$pid" = "(no id)" ] && pid=pattern-$((n + 1))
	if ! cut -f1 "$tmp/svrl/$name.fire.pat" | grep -Fqx -- "$pid"; then
		echo "$name.fire.xml: no finding of $pid" >&2
		bad=1
	fi
	if [ -s "$tmp/svrl/$name.pass.pat" ]; then
		echo "$name.pass.xml: findings:" >&2
		cat "$tmp/svrl/$name.pass.pat" >&2
		bad=1
	fi
done <"$dir/README"
exit $bad
