#!/bin/sh
# tests/sch-tei.sh -- teikit's Schematron engine on TEI's own rules: for
# each fixture in tests/sch/tei/ (a document that fires one of
# tei_all's 93 patterns, one that passes it), the findings `teikit
# validate --schema tei_all --format json` gives (code TK-E027, TK-W017,
# TK-N004; compared on "xpath" and "message", as a multiset) are the
# golden ones SchXslt gave (NAME.expected, made by tests/sch/mkexpected.sh).
# RELAX NG's errors and other diagnostics are not looked at.  Needs no
# java; skips when tei_all is not built in.
. "${srcdir:-.}/tests/lib.sh"

dir=$srcdir/tests/sch/tei
if ! command -v python3 >/dev/null 2>&1; then
	skip "python3 is not installed"
	tap_done
	exit
fi
if [ "$(run_teikit validate --schema tei_all /dev/null 2>&1 |
    grep -c 'cannot read: No such file')" -ne 0 ]; then
	skip "tei_all is not installed with this build (configure --with-tei-schema)"
	tap_done
	exit
fi

names=
for f in "$dir"/*.xml; do
	n=${f##*/}
	names="$names ${n%.xml}"
done
run_teikit validate --schema tei_all --format json "$dir"/*.xml \
    >"$tmp/out.jsonl" 2>"$tmp/err"
st=$?
if [ "$st" -gt 2 ]; then
	sed 's/^/# /' "$tmp/err" | head -5
	not_ok "teikit validate ran (exit $st)"
fi
# shellcheck disable=SC2086
python3 "$srcdir/tests/sch/compare.py" "$dir" "$tmp/out.jsonl" $names \
    >"$tmp/cmp"
while IFS= read -r l; do
	case $l in
	'ok '*) ok "${l#ok }" ;;
	'not ok '*) not_ok "${l#not ok }" ;;
	*) echo "$l" ;;
	esac
done <"$tmp/cmp"
tap_done
