#!/bin/sh
# tests/broken.sh -- broken and outsized plaintext through `teikit
# encode`: a 50 MB single line, 100,000 footnote markers, 100,000 page
# markers (in a paragraph, between paragraphs, all alike), unbalanced
# brackets.  Each ends (`timeout` is a hang guard, never a timed
# assertion) with exit 0 to 2 and only coded diagnostics; what is
# accepted round-trips exactly, what is refused leaves no output file.
# The small cases (bad UTF-8, NUL, controls, line ends) are in
# tests/bad-input.sh, which also runs under valgrind.
. "${srcdir:-.}/tests/lib.sh"

# TEIKIT_TEST_SCALE=10 (the sanitizer build of .ci/run): outsized inputs
# a tenth as large, the same code paths.
div=${TEIKIT_TEST_SCALE:-1}

head_lines='No. 1\nA title\n\n'

# scale NAME: encode $tmp/NAME.txt and judge the outcome.
scale() {
	name=$1 in=$tmp/$1.txt out=$tmp/$1.xml
	timeout 300 "$TEIKIT_BIN" encode -o "$out" "$in" 2>"$tmp/$name.err"
	status=$?
	if [ $status -le 2 ] && ! grep -qv \
	    ': \(note\|warning\|error\): .* \[TK-[NWEUS][0-9]*\]$' \
	    "$tmp/$name.err"; then
		ok "$name: ends with exit $status, every message coded"
	else
		head -5 "$tmp/$name.err" | sed 's/^/# /'
		not_ok "$name: ends with exit $status, every message coded"
	fi
	if [ $status -le 1 ]; then
		timeout 300 "$TEIKIT_BIN" render --to text -o "$tmp/$name.back" \
		    "$out" 2>/dev/null
		check "$name: round trip exact" cmp -s "$in" "$tmp/$name.back"
	else
		check "$name: no output file" [ ! -e "$out" ]
	fi
	rm -f "$out" "$tmp/$name.back"
}

# scale_expect NAME STATUS [CODE]: as scale, and the exit status and a
# code are the expected ones.
scale_expect() {
	scale "$1"
	check "$1: exit $2" [ "$status" -eq "$2" ]
	[ $# -lt 3 ] || check "$1: $3 with line and column" \
	    grep -q "^$tmp/$1.txt:[0-9]*:[0-9]*: .*\[$3\]\$" "$tmp/$1.err"
}

# 50 MB in one line of words.
{ printf "$head_lines"; yes word | head -c $((50000000 / div)) | tr '\n' ' '; echo; } \
    >"$tmp/line-50mb.txt"
scale_expect line-50mb 0

# 100,000 markers glued to words, and the notes of each: markers are
# read up to five digits (99999), so every note finds its marker, and
# "100000. Note" (six digits) stays text of the note before it.
awk -v n=$((100000 / div)) 'BEGIN { printf "No. 1\nA title\n\n";
	for (i = 1; i <= n; i++) printf "Word%d ", i;
	printf "\n\n---\n";
	for (i = 1; i <= n; i++) printf "%d. Note %d.\n", i, i }' \
    >"$tmp/markers-100k.txt"
scale_expect markers-100k 0
n=$((100000 / div))
[ "$n" -gt 99999 ] && n=99999
run_teikit encode -o "$tmp/markers-100k.xml" "$tmp/markers-100k.txt" 2>/dev/null
check "markers-100k: a note for each marker of up to five digits" \
    [ "$(grep -o '<note ' "$tmp/markers-100k.xml" | wc -l)" -eq "$n" ]

# Six-digit notes alone: no marker can be read, so they are orphans.
awk 'BEGIN { printf "No. 1\nA title\n\nWord100001 and Word100002.\n\n---\n";
	printf "100001. Note one.\n100002. Note two.\n" }' >"$tmp/six.txt"
run_teikit encode -o "$tmp/six.xml" "$tmp/six.txt" 2>"$tmp/six.err"
check "six-digit markers: not notes, nothing invented" \
    sh -c "! grep -q '<note' '$tmp/six.xml' 2>/dev/null"

# 9,999 markers and notes: all read.
awk 'BEGIN { printf "No. 1\nA title\n\n";
	for (i = 1; i <= 9999; i++) printf "Word.%d ", i;
	printf "\n\n---\n";
	for (i = 1; i <= 9999; i++) printf "%d. Note %d.\n", i, i }' \
    >"$tmp/markers-9999.txt"
scale_expect markers-9999 0

# 100,000 page breaks inside one paragraph; 2,000 between paragraphs
# (the text view's stylesheet is quadratic in the blocks of a division:
# 20,000 take minutes in libxslt -- left for the views' owner).
awk -v n=$((100000 / div)) 'BEGIN { printf "No. 1\nA title\n\n";
	for (i = 1; i <= n; i++) printf "word [Page %d]", i;
	printf "\n" }' >"$tmp/pages-100k.txt"
scale_expect pages-100k 0
awk 'BEGIN { printf "No. 1\nA title\n\n";
	for (i = 1; i <= 2000; i++) printf "Paragraph.\n\n[Page %d]\n\n", i }' \
    >"$tmp/pages-between.txt"
scale_expect pages-between 0

# 100,000 page breaks all numbered alike: page numbers ascend, so each
# marker after the first is an error at its line and column (TK-E023),
# found before any TEI is written.
awk -v n=$((100000 / div)) 'BEGIN { printf "No. 1\nA title\n\n";
	for (i = 1; i <= n; i++) printf "word [Page 5] ";
	printf "\n" }' >"$tmp/pages-alike.txt"
timeout 300 "$TEIKIT_BIN" encode -o "$tmp/pages-alike.xml" \
    "$tmp/pages-alike.txt" 2>"$tmp/pages-alike.err"
check "pages-alike: exit 2, no output file" \
    [ $? -eq 2 -a ! -e "$tmp/pages-alike.xml" ]
check "pages-alike: TK-E023 with line and column" \
    grep -q ':[0-9]*:[0-9]*: error: page 5 follows page 5.*\[TK-E023\]$' \
    "$tmp/pages-alike.err"

# Unbalanced brackets, deep and long: text, not markup.
awk 'BEGIN { printf "No. 1\nA title\n\n";
	for (i = 0; i < 100000; i++) printf "[";
	printf " text ";
	for (i = 0; i < 50000; i++) printf "]";
	printf "\n\nAnd [Page 7 [Page] ]] [[Page 8]] [Page] [Page 9.\n" }' \
    >"$tmp/brackets.txt"
scale_expect brackets 2 TK-E006

# A million backslashes (escapes of escapes) and a million short lines.
{ printf "$head_lines"; head -c $((1000000 / div)) /dev/zero | tr '\0' '\\'; echo; } \
    >"$tmp/backslashes.txt"
scale backslashes
{ printf "$head_lines"; yes x | head -n $((1000000 / div)); } >"$tmp/lines-1m.txt"
scale lines-1m

tap_done
