#!/bin/sh
# tests/corpus.sh -- many documents at once: `teikit render` of many
# files with -j (the same output for any -j, diagnostics in the files'
# order, views into -o DIR); --split of a volume (tests/split/volume.xml:
# three of the encoder's fixtures gathered with their <?teikit-source?>,
# and two documents written by hand) into a view per document, exact
# and the same as each document's own; the progress line of teikit
# build, on a terminal only.
. "${srcdir:-.}/tests/lib.sh"

vol=$srcdir/tests/split/volume.xml

# ---- render: many files, -j ----
mkdir -p "$tmp/in"
cp "$srcdir"/tests/encode/*.xml "$tmp/in/"
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>' >"$tmp/in/broken-a.xml"
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>' >"$tmp/in/broken-z.xml"
set -- "$tmp"/in/*.xml
run_teikit render --to text -j1 "$@" >"$tmp/out1" 2>"$tmp/err1"
s1=$?
run_teikit render --to text -j3 "$@" >"$tmp/out3" 2>"$tmp/err3"
check "render -j1: errors in the input give exit 2" [ "$s1" -eq 2 ]
check "render -j3: the same output as -j1" cmp -s "$tmp/out1" "$tmp/out3"
check "render -j3: the same diagnostics as -j1, in the files' order" \
    cmp -s "$tmp/err1" "$tmp/err3"
check "render -j3: broken-a is told before broken-z" \
    sh -c "grep -n 'broken-' '$tmp/err3' | head -1 | grep -q broken-a"
: >"$tmp/loop"
for f in "$@"; do
	run_teikit render --to text "$f" >>"$tmp/loop" 2>/dev/null
done
check "render of many files: each file's view, in order" cmp -s "$tmp/loop" "$tmp/out1"
run_teikit render --to text -j2 -o "$tmp/dir" "$@" 2>/dev/null
check "render -o DIR: a view per file, named after it" \
    cmp -s "$tmp/dir/telegram-1235.txt" "$srcdir/tests/encode/telegram-1235.txt"
check "render -o DIR: nothing for a broken file" [ ! -e "$tmp/dir/broken-a.txt" ]
check "render -o DIR: one file per good input" \
    [ "$(ls "$tmp/dir" | wc -l)" -eq $(($# - 2)) ]
run_teikit render --to html -o "$tmp/one.html" "$srcdir/tests/encode/telegram-1235.xml"
check "render -o FILE of one input is still a file" [ -f "$tmp/one.html" ]
run_teikit render --to text --split "$vol" >/dev/null 2>"$tmp/err"
check "render --split without -o: usage error (exit 3)" [ $? -eq 3 ]
run_teikit render --to text -j 0 "$vol" >/dev/null 2>&1
check "render -j 0: usage error (exit 3)" [ $? -eq 3 ]

# ---- --split ----
run_teikit render --to text --split -o "$tmp/split" "$vol" 2>"$tmp/err"
check "render --split: exit 0" [ $? -eq 0 ]
for pair in despatch-notes:d61 memo-numbered:d126 telegram-1235:d1235; do
	name=${pair%%:*} id=${pair##*:}
	check "render --split: $id.txt is $name.txt byte for byte" \
	    cmp -s "$tmp/split/volume/$id.txt" "$srcdir/tests/encode/$name.txt"
done
check "render --split: a document without xml:id is named by its n" \
    [ -f "$tmp/split/volume/7a-b.txt" ]
check "render --split: one with neither, by its place" \
    grep -q '^Neither identifier' "$tmp/split/volume/document-5.txt"
check "render --split: five documents, nothing else" \
    [ "$(ls "$tmp/split/volume" | wc -l)" -eq 5 ]
check "render --split: index.tsv lists each document, in order" \
    [ "$(cut -f1 "$tmp/split/index.tsv" | tr '\n' ' ')" = \
    "volume/d61 volume/d126 volume/d1235 volume/7a-b volume/document-5 " ]
check "render --split: the index has numbers and titles" \
    grep -q '<tr><td>7a/b</td><td>An undated memorandum</td><td class="unchecked">not validated' \
    "$tmp/split/index.html"
check "render --split: a note in the head is not in the title" \
    grep -q '<td>A fragment</td>' "$tmp/split/index.html"
run_teikit render --to html --split -o "$tmp/split" "$vol" 2>/dev/null
for pair in despatch-notes:d61 memo-numbered:d126 telegram-1235:d1235; do
	name=${pair%%:*} id=${pair##*:}
	run_teikit render --to html "$srcdir/tests/encode/$name.xml" >"$tmp/alone.html"
	check "render --split: $id.html is the page of $name alone" \
	    cmp -s "$tmp/split/volume/$id.html" "$tmp/alone.html"
done
run_teikit render --to text --split -o "$tmp/split2" \
    "$srcdir/tests/encode/telegram-1235.xml" "$srcdir/tests/validate/valid/book-chapters.xml" 2>/dev/null
check "render --split: a file without document divisions is one view" \
    [ -f "$tmp/split2/validate/valid/book-chapters.txt" ]

run_teikit build --quiet --split -j1 -o "$tmp/b1" "$vol" "$srcdir/tests/encode/telegram-1235.txt" 2>"$tmp/berr1"
s1=$?
run_teikit build --quiet --split -j3 -o "$tmp/b3" "$vol" "$srcdir/tests/encode/telegram-1235.txt" 2>"$tmp/berr3"
check "build --split: warnings of the volume give exit 1" [ "$s1" -eq 1 ]
check "build --split: -j1 and -j3 give the same files" \
    diff -r -x .teikit-outputs "$tmp/b1" "$tmp/b3"
check "build --split: -j1 and -j3 say the same" cmp -s "$tmp/berr1" "$tmp/berr3"
check "build --split: html and text of each document" \
    test -f "$tmp/b1/split/volume/d1235.html" -a -f "$tmp/b1/split/volume/d1235.txt"
check "build --split: the volume's status on each of its documents" \
    [ "$(grep -c 'class="warning">warnings' "$tmp/b1/index.html")" -eq 5 ]
check "build --split: plaintext stays one document" \
    test -f "$tmp/b1/encode/telegram-1235.html" -a -f "$tmp/b1/encode/telegram-1235.xml"
missing=0
for href in $(grep -o 'href="[^"]*"' "$tmp/b1/index.html" | sed 's/href="//; s/"$//'); do
	[ -f "$tmp/b1/$href" ] || { echo "# broken link: $href"; missing=$((missing + 1)); }
done
check "build --split: every link of index.html resolves" [ "$missing" -eq 0 ]
(cd "$tmp" && run_teikit index -o merged.html b1 >/dev/null 2>&1)
missing=0
for href in $(grep -o 'href="[^"]*"' "$tmp/merged.html" | sed 's/href="//; s/"$//'); do
	[ -f "$tmp/$href" ] || missing=$((missing + 1))
done
check "teikit index over a split build: every link resolves" [ "$missing" -eq 0 ]

# ---- encode checks its output beside serialising it: still refuses ----
mkdir -p "$tmp/data"
cp -r "$srcdir/xslt" "$srcdir/schema" "$tmp/data/"
sed 's/<element name="speaker">/<element name="speakerX">/' \
    "$srcdir/schema/teikit.rng" >"$tmp/data/schema/teikit.rng"
TEIKIT_DATADIR=$tmp/data run_teikit encode -o "$tmp/self.xml" \
    "$srcdir/examples/telegram-1235.txt" 2>"$tmp/err"
check "encode: output its schema refuses gives exit 4" [ $? -eq 4 ]
check "encode: ... says TK-S005 and writes nothing" \
    sh -c "grep -q 'TK-S005' '$tmp/err' && [ ! -e '$tmp/self.xml' ]"

# ---- the progress line: on a terminal, and not with --quiet ----
if command -v script >/dev/null 2>&1 &&
    script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	cmd="'$TEIKIT_BIN' build -j2 -o '$tmp/p'"
	script -qec "$cmd '$srcdir/tests/encode'" /dev/null </dev/null >"$tmp/tty" 2>&1
	check "progress: on a terminal, documents done of total" \
	    grep -q "of [0-9]* documents .* MB/s .* s left" "$tmp/tty"
	script -qec "$cmd --quiet '$srcdir/tests/encode'" /dev/null </dev/null \
	    >"$tmp/tty" 2>&1
	check "progress: not with --quiet" sh -c "! grep -q ' documents ' '$tmp/tty'"
else
	skip "progress: script(1) is missing or cannot make a terminal"
	skip "progress: not with --quiet"
fi
run_teikit build -j2 -o "$tmp/p" "$srcdir/tests/encode" 2>"$tmp/notty"
check "progress: not when stderr is not a terminal" \
    sh -c "! grep -q 'documents .* s left' '$tmp/notty'"
check "progress: the summary all the same" grep -q "^teikit build: " "$tmp/notty"
tap_done
