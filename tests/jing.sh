#!/bin/sh
# tests/jing.sh -- conformance, checked with jing against the official
# TEI P5 tei_all schema: the encoder's output for the seed and for every
# fixture is valid; and teikit.rng is a subset of tei_all: every
# document teikit.rng accepts (tests/validate/valid/) tei_all accepts.
# Skips when jing or the schema is absent.
. "${srcdir:-.}/tests/lib.sh"

schema=$shared/data/tei_all.rng
if [ -n "${TEIKIT_NO_JING:-}" ] || ! command -v jing >/dev/null 2>&1; then
	skip "jing is not installed (apt-get install jing), or TEIKIT_NO_JING"
	tap_done
	exit 0
fi
if [ ! -f "$schema" ]; then
	skip "$schema absent"
	tap_done
	exit 0
fi
files=
for f in "$srcdir"/examples/*.txt "$srcdir"/tests/encode/*.txt; do
	out=$tmp/$(basename "$f" .txt).xml
	run_teikit encode "$f" >"$out" 2>/dev/null
	files="$files $out"
done
for f in "$srcdir"/tests/validate/valid/*.xml; do
	[ -f "$f" ] && files="$files $f"
done
# One JVM for all files; jing names each invalid file in its messages.
# shellcheck disable=SC2086
jing "$schema" $files >"$tmp/jing.out" 2>/dev/null
for out in $files; do
	name=$(basename "$out")
	if grep -q "^$out:" "$tmp/jing.out"; then
		grep "^$out:" "$tmp/jing.out" | head -5 | sed 's/^/# /'
		not_ok "$name: valid against tei_all"
	else
		ok "$name: valid against tei_all"
	fi
done
tap_done
