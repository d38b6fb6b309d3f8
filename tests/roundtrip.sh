#!/bin/sh
# tests/roundtrip.sh -- nothing lost, nothing invented: for every
# plaintext we have (the bundled seed, the fixtures, and the FRUS
# development documents in ../shared when present), the text view of the
# encoding is the input, byte for byte, and the TEI is well-formed.
. "${srcdir:-.}/tests/lib.sh"

roundtrip() {
	f=$1
	b=$tmp/$(echo "$f" | tr '/' '_')
	run_teikit encode "$f" >"$b.xml" 2>"$b.err"
	status=$?
	if [ $status -gt 1 ]; then
		sed 's/^/# /' "$b.err"
		not_ok "$f: encodes (status $status)"
		return
	fi
	if ! xmllint --noout --nonet "$b.xml" 2>"$b.err"; then
		not_ok "$f: encoding is well-formed XML"
		return
	fi
	run_teikit render --to text "$b.xml" >"$b.txt"
	if cmp -s "$f" "$b.txt"; then
		ok "$f: round trip exact"
	else
		cmp "$f" "$b.txt" | sed 's/^/# /'
		not_ok "$f: round trip exact"
	fi
}

for f in "$srcdir"/examples/*.txt "$srcdir"/tests/encode/*.txt \
    "$srcdir"/tests/roundtrip/*.txt; do
	[ -f "$f" ] && roundtrip "$f"
done
if [ -d "$shared/frus-dev" ]; then
	for f in "$shared"/seed/*.txt "$shared"/frus-dev/plain/*.txt \
	    "$shared"/frus-dev/plain-with-notes/*.txt; do
		roundtrip "$f"
	done
else
	skip "FRUS development documents: $shared/frus-dev absent"
fi
tap_done
