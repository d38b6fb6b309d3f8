#!/bin/sh
# tests/golden.sh -- the encoder's golden pairs: each tests/encode/NAME.txt
# beside NAME.xml (the TEI), NAME.explain (the decisions) and, when the
# encoder should warn, NAME.status.  Options come from NAME.args.  Also
# checks that the text view gives NAME.txt back byte for byte.
# With REGEN=1, rewrites the expected files instead (make regen).
. "${srcdir:-.}/tests/lib.sh"

for txt in "$srcdir"/tests/encode/*.txt; do
	name=$(basename "$txt" .txt)
	dir=$(dirname "$txt")
	args=
	[ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
	want_status=0
	[ -f "$dir/$name.status" ] && want_status=$(cat "$dir/$name.status")
	# shellcheck disable=SC2086
	run_teikit encode --explain $args "$txt" >"$tmp/$name.xml" \
	    2>"$tmp/$name.explain"
	status=$?
	if [ "${REGEN:-0}" = 1 ]; then
		cp "$tmp/$name.xml" "$dir/$name.xml"
		sed "s|^$dir/||" "$tmp/$name.explain" >"$dir/$name.explain"
		if [ "$status" -ne 0 ]; then
			echo "$status" >"$dir/$name.status"
		else
			rm -f "$dir/$name.status"
		fi
		ok "regenerated $name"
		continue
	fi
	check "$name: exit status $want_status" [ "$status" -eq "$want_status" ]
	if diff -u "$dir/$name.xml" "$tmp/$name.xml" >"$tmp/diff"; then
		ok "$name: TEI as expected"
	else
		sed 's/^/# /' "$tmp/diff" | head -40
		not_ok "$name: TEI as expected"
	fi
	sed "s|^$dir/||" "$tmp/$name.explain" >"$tmp/$name.explain2"
	if diff -u "$dir/$name.explain" "$tmp/$name.explain2" >"$tmp/diff"; then
		ok "$name: decisions as expected"
	else
		sed 's/^/# /' "$tmp/diff" | head -40
		not_ok "$name: decisions as expected"
	fi
	run_teikit render --to text "$tmp/$name.xml" >"$tmp/$name.back"
	check "$name: text view exits 0" [ $? -eq 0 ]
	check "$name: text view gives the input back" \
	    cmp -s "$txt" "$tmp/$name.back"
done
tap_done
