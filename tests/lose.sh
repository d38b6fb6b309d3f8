#!/bin/sh
# tests/lose.sh -- never losing work: a write that fails (/dev/full, a
# directory teikit cannot write, a file-size limit standing in for a
# full disk) exits 4 with the reason and leaves the previous file as it
# was and no temporary file; -o naming an input is refused; SIGINT or
# SIGTERM during `teikit build` leaves only complete files.
. "${srcdir:-.}/tests/lib.sh"

in=$srcdir/examples/telegram-1235.txt
xml=$tmp/telegram.xml
run_teikit encode -o "$xml" "$in" 2>/dev/null

# fails NAME COMMAND...: exit 4, TK-S002 with a reason.
fails() {
	name=$1
	shift
	"$@" 2>"$tmp/$name.err"
	status=$?
	check "$name: exit 4" [ $status -eq 4 ]
	if grep -q 'cannot write: [A-Z].*\[TK-S002\]$' "$tmp/$name.err"; then
		ok "$name: TK-S002 says why"
	else
		sed 's/^/# /' "$tmp/$name.err"
		not_ok "$name: TK-S002 says why"
	fi
}

fails encode-dev-full run_teikit encode -o /dev/full "$in"
fails render-dev-full run_teikit render --to html -o /dev/full "$xml"
fails encode-stdout-full sh -c '"$0" encode "$1" >/dev/full' \
    "$TEIKIT_BIN" "$in"

# A directory teikit may not write: permissions (not for root), or a
# file system that takes no new files.
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	fails read-only-dir run_teikit encode -o "$tmp/ro/out.xml" "$in"
	chmod 755 "$tmp/ro"
else
	fails read-only-dir run_teikit encode -o /proc/teikit-out.xml "$in"
fi

# A full disk, by a file-size limit: the old file stays, whole.
echo "previous contents" >"$tmp/old.xml"
(
	trap '' XFSZ
	ulimit -f 4 && exec "$TEIKIT_BIN" encode -o "$tmp/old.xml" "$in"
) 2>"$tmp/fsize.err"
status=$?
check "full disk: exit 4" [ $status -eq 4 ]
check "full disk: TK-S002" grep -q '\[TK-S002\]$' "$tmp/fsize.err"
check "full disk: the old file is intact" \
    [ "$(cat "$tmp/old.xml")" = "previous contents" ]
check "full disk: no temporary file left" \
    [ -z "$(ls -a "$tmp" | grep '^\.teikit-[0-9]')" ]

# -o naming an input, by its name, another path, or a hard link.
cp "$in" "$tmp/same.txt"
ln "$tmp/same.txt" "$tmp/hard.txt"
for o in "$tmp/same.txt" "$tmp/../$(basename "$tmp")/same.txt" \
    "$tmp/hard.txt"; do
	run_teikit encode -o "$o" "$tmp/same.txt" 2>"$tmp/same.err"
	check "encode -o $(basename "$o") = input: exit 3" [ $? -eq 3 ]
	check "... TK-U003" grep -q '\[TK-U003\]$' "$tmp/same.err"
done
cp "$xml" "$tmp/same.xml"
run_teikit render --to text -o "$tmp/same.xml" "$tmp/same.xml" \
    2>"$tmp/same.err"
check "render -o the input: exit 3" [ $? -eq 3 ]
check "render -o the input: the input intact" cmp -s "$xml" "$tmp/same.xml"

# An interrupted build: a corpus big enough to be caught in the middle.
mkdir "$tmp/corpus"
i=0
while [ $i -lt 400 ]; do
	cp "$in" "$tmp/corpus/doc$i.txt"
	i=$((i + 1))
done
for sig in INT TERM; do
	out=$tmp/edition-$sig
	"$TEIKIT_BIN" build -j 2 --quiet -o "$out" "$tmp/corpus" \
	    2>/dev/null &
	pid=$!
	# Wait for the first views, then interrupt.
	n=0
	while [ $n -lt 200 ] && [ -z "$(ls "$out" 2>/dev/null | head -3)" ]
	do
		sleep 0.05
		n=$((n + 1))
	done
	kill -$sig $pid
	wait $pid
	status=$?
	find "$out" -name '.teikit-[0-9]*' | sed 's/^/# left: /'
	if [ $status -le 128 ]; then
		skip "build SIG$sig: ended (exit $status) before the signal"
		continue
	fi
	ok "build SIG$sig: ended by the signal (exit $status)"
	check "build SIG$sig: no temporary file left" \
	    [ -z "$(find "$out" -name '.teikit-[0-9]*')" ]
	bad=0
	for f in "$out"/*.html; do
		[ -e "$f" ] || continue
		tail -c 16 "$f" | grep -q '</html>' || bad=$((bad + 1))
	done
	for f in "$out"/*.xml; do
		[ -e "$f" ] || continue
		tail -c 16 "$f" | grep -q '</TEI>' || bad=$((bad + 1))
	done
	check "build SIG$sig: every file written is complete" [ $bad -eq 0 ]
done

tap_done
