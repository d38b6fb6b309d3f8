#!/bin/sh
# tests/encode-limits.sh -- the encoder at sizes and shapes that once
# took it super-linear time, and notes numbered past 9999.  For each
# shape of bench/linear.sh, at a size the old quadratic or cubic paths
# could not finish in a minute (60,000 speakers, each new; 12,000 labels
# that differ in case; --explain of 30,000 decisions on one line of
# 5 MB) and at moderate sizes for the rest:
# encode succeeds within 60 s, the text view gives back the input byte
# for byte, and the right number of sp, note, pb (and lb, list,
# dateline) elements come out.  Correctness, not timing: bench/linear.sh
# measures; `timeout 60` only makes a return of those paths fail here
# instead of hanging.
. "${srcdir:-.}/tests/lib.sh"

gen() {
	sh "$srcdir/bench/linear.sh" gen "$@"
}

# count FILE ELEMENT: how many ELEMENT start tags FILE holds (notes:
# footnotes, not the source note).
count() {
	case $2 in
	note)	pat='<note n=' ;;
	lb)	pat='<lb/>' ;;
	*)	pat="<$2[ >]" ;;
	esac
	grep -o "$pat" "$1" | wc -l | tr -d ' '
}

# encodes NAME FILE EXPECT [OPTION...]: encode FILE within 60 s, the
# round trip, and EXPECT ("sp=3 note=0 pb=2") counts of elements.
encodes() {
	name=$1
	in=$2
	expect=$3
	shift 3
	timeout $((60 * slow)) "$TEIKIT_BIN" encode "$@" -o "$tmp/$name.xml" "$in" \
	    2>"$tmp/$name.err"
	status=$?
	if [ $status -eq 124 ]; then
		not_ok "$name: encodes within 60 s"
		return
	fi
	if [ $status -gt 1 ]; then
		sed 's/^/# /' "$tmp/$name.err" | head -5
		not_ok "$name: encodes (status $status)"
		return
	fi
	ok "$name: encodes within 60 s"
	timeout $((60 * slow)) "$TEIKIT_BIN" render --to text "$tmp/$name.xml" \
	    >"$tmp/$name.back" 2>"$tmp/$name.rerr"
	if cmp -s "$in" "$tmp/$name.back"; then
		ok "$name: round trip exact"
	else
		cmp "$in" "$tmp/$name.back" 2>&1 | sed 's/^/# /'
		sed 's/^/# /' "$tmp/$name.rerr" | head -3
		not_ok "$name: round trip exact"
	fi
	got=
	for kv in $expect; do
		got="$got ${kv%%=*}=$(count "$tmp/$name.xml" "${kv%%=*}")"
	done
	if [ "$got" = " $expect" ]; then
		ok "$name: $expect"
	else
		echo "# got:$got"
		not_ok "$name: $expect"
	fi
}

# shape NAME N EXPECT [OPTION...]: encodes, on the shape at size N.
shape() {
	name=$1
	n=$2
	shift 2
	gen "$name" "$n" >"$tmp/$name.txt"
	encodes "$name-$n" "$tmp/$name.txt" "$@"
}

# ---- notes numbered 10000 and up ----

# Markers glued to words and punctuation, the notes at the foot.
printf '761.94/7-2145: Telegram\n\nNo. 12\nThe Ambassador (Sato) to the Minister (Togo)\n\nRe my telegram of June.9998 The first point.9999\n\nThe second point,10000 the third;10001 and Roosevelt10002\n\nThe last point.10003\n\n---\n9998. Not printed.\n9999. See below.\n10000. Ten thousand.\n10001. And one.\n10002. And two.\n10003. And three.' \
    >"$tmp/notes-10000.txt"
encodes notes-past-9999 "$tmp/notes-10000.txt" "note=6"
for n in 9998 9999 10000 10001 10002 10003; do
	if grep -q "<note n=\"$n\" place=\"foot\" xml:id=\"d12fn$n\">" \
	    "$tmp/notes-past-9999.xml" 2>/dev/null; then
		ok "notes-past-9999: note $n at its marker"
	else
		not_ok "notes-past-9999: note $n at its marker"
	fi
done
check "notes-past-9999: note 10000 right after its marker" grep -q \
    'The second point,<note n="10000" place="foot" xml:id="d12fn10000">Ten thousand.</note> the third;' \
    "$tmp/notes-past-9999.xml" 2>/dev/null

# A notes section that begins at 10000; no section, but --first-note.
printf 'No. 3\nA memo\n\nThe point.10000 More,10001 text.\n\n---\n10000. A.\n10001. B.\n' \
    >"$tmp/notes-from-10000.txt"
encodes notes-from-10000 "$tmp/notes-from-10000.txt" "note=2"
printf 'No. 3\nA memo\n\nThe point.10000 More,10001 text.\n' \
    >"$tmp/first-note-10000.txt"
encodes first-note-10000 "$tmp/first-note-10000.txt" "note=2" \
    --first-note 10000
# Five digits do not begin a sequence on their own.
encodes five-digits-alone "$tmp/first-note-10000.txt" "note=0"

# ---- the shapes of bench/linear.sh ----
shape speakers 60000 "sp=60001 note=0 pb=0"
shape casevar 12000 "sp=12001 note=0 pb=0"
shape para 50000 "sp=0 note=0 pb=0 lb=0"
shape lines 20000 "sp=0 note=0 pb=0 lb=20000"
shape longline 20000 "sp=0 note=2000 pb=2000 lb=0"
shape paras 20000 "sp=0 note=0 pb=0"
shape notes 12000 "sp=0 note=12000 pb=0"
shape pages 20000 "sp=0 note=0 pb=20000"
shape heads 5000 "sp=0 note=0 pb=0 list=5000"
shape letter 20000 "sp=0 note=0 pb=0 lb=16000"
shape pageruns 20000 "sp=2 note=0 pb=20000"
shape received 10000 "sp=0 note=0 pb=0 dateline=10001"
shape warnings 60000 "sp=0 note=60000 pb=0"
# Each year-marker but the last is settled by the marker after it
# (issue 17): one warning, the last.
check "warnings-60000: only the unsettled last warned about" [ "$(grep -c \
    'TK-W001' "$tmp/warnings-60000.err")" -eq 1 ]
shape explain 9900 "sp=0 note=9900 pb=9900" --explain
check "explain-9900: each page break explained" [ "$(grep -c \
    '^6:[0-9]* page break [0-9]*$' "$tmp/explain-9900.err")" -eq 9900 ]
check "explain-9900: decisions in the order of the text" sh -c \
    'grep "^[0-9]*:[0-9]* " "$0" | tr ":" " " | sort -c -k1,1n -k2,2n' \
    "$tmp/explain-9900.err"
shape unclosed 40000 "sp=0 note=0 pb=0"
shape title 40000 "sp=0 note=0 pb=40000 lb=40001"
shape numbers 200000 "sp=0 note=1 pb=0"

tap_done
