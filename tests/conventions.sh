#!/bin/sh
# tests/conventions.sh -- doc/conventions.md is a test suite, in the way
# of cmark's spec.txt: each ```example block holds a plaintext input, a
# line ".", and an XML fragment that the encoding must contain (compared
# with the indentation removed).  Every example must also round-trip.
. "${srcdir:-.}/tests/lib.sh"

doc=$srcdir/doc/conventions.md
awk -v dir="$tmp" '
	/^#+ / { title = $0 }
	/^```example$/ {
		n++; part = "in"; first = 1
		print title > (dir "/title" n)
		next
	}
	part != "" && /^```$/ { part = ""; next }
	part == "in" && /^\.$/ { part = "want"; first = 1; next }
	part != "" {
		f = dir "/ex" n "." part
		printf "%s%s", (first ? "" : "\n"), $0 >> f
		first = 0
	}
' "$doc"

flatten() {
	awk '{ sub(/^ +/, ""); printf "%s", $0 }' "$1"
}

i=1
while [ -f "$tmp/ex$i.in" ]; do
	title=$(sed 's/^#* *//' "$tmp/title$i" 2>/dev/null | head -1)
	run_teikit encode "$tmp/ex$i.in" >"$tmp/ex$i.xml" 2>"$tmp/ex$i.err"
	flatten "$tmp/ex$i.xml" >"$tmp/ex$i.flat"
	flatten "$tmp/ex$i.want" >"$tmp/ex$i.wflat"
	if grep -qF -f "$tmp/ex$i.wflat" "$tmp/ex$i.flat"; then
		ok "example $i ($title)"
	else
		echo "# want: $(cat "$tmp/ex$i.wflat")"
		echo "# got:  $(sed -n 's/.*<body>//p' "$tmp/ex$i.flat")"
		sed 's/^/# /' "$tmp/ex$i.err"
		not_ok "example $i ($title)"
	fi
	run_teikit render --to text "$tmp/ex$i.xml" >"$tmp/ex$i.back"
	check "example $i round-trips" cmp -s "$tmp/ex$i.in" "$tmp/ex$i.back"
	i=$((i + 1))
done
check "the conventions document has examples" [ "$i" -gt 10 ]
tap_done
