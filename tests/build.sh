#!/bin/sh
# tests/build.sh -- `teikit build` and `teikit index`: a directory of
# plaintext and TEI becomes an edition with an index; the output is the
# same for any -j; a bad document is reported and does not stop the
# others; shards built apart and indexed together cover the corpus.
. "${srcdir:-.}/tests/lib.sh"

mkdir -p "$tmp/in"
cp "$srcdir"/tests/encode/*.txt "$tmp/in/"
cp "$srcdir"/tests/validate/valid/*.xml "$tmp/in/"
printf 'bad \377 bytes' >"$tmp/in/broken.txt"
n=$(ls "$tmp/in" | wc -l)

run_teikit build -j1 --quiet -o "$tmp/j1" "$tmp/in" 2>"$tmp/err1"
s1=$?
run_teikit build -j3 --quiet -o "$tmp/j3" "$tmp/in" 2>"$tmp/err3"
check "build: a bad document gives exit 2" [ "$s1" -eq 2 ]
check "build: the bad document is named with line and column" \
    grep -q "broken.txt:1:5: error: .*\[TK-E002\]" "$tmp/err1"
check "build: -j1 and -j3 give the same files" \
    diff -r -x .teikit-outputs "$tmp/j1" "$tmp/j3"
check "build: every good document has its views" \
    [ "$(ls "$tmp/j1"/*.html | grep -vc index.html)" -eq $((n - 1)) ]
check "build: plaintext is encoded" [ -s "$tmp/j1/telegram-1235.xml" ]
check "build: the encoding is the encoder's" \
    cmp -s "$tmp/j1/telegram-1235.xml" "$srcdir/tests/encode/telegram-1235.xml"
check "build: --quiet prints no summary" sh -c "! grep -q 'teikit build:' '$tmp/err1'"
missing=0
for href in $(grep -o 'href="[^"]*"' "$tmp/j1/index.html" | sed 's/href="//; s/"$//'); do
	[ -f "$tmp/j1/$href" ] || { echo "# broken link: $href"; missing=$((missing + 1)); }
done
check "index.html: every link resolves" [ "$missing" -eq 0 ]
check "index.html: lists every document" \
    [ "$(grep -c '<tr><td>' "$tmp/j1/index.html")" -eq "$n" ]
check "index.html: the bad document is marked" grep -q 'class="error">errors' "$tmp/j1/index.html"
check "index.html: titles and numbers" \
    grep -q '<tr><td>1235</td><td>The Japanese Ambassador in the Soviet Union (Sato)' "$tmp/j1/index.html"
run_teikit build -o "$tmp/sum" "$tmp/in" 2>"$tmp/err"
check "build: a summary line" grep -q "^teikit build: $n documents, 1 with errors" "$tmp/err"

# Shards: built apart, indexed together.
(cd "$tmp" && run_teikit build --quiet --shard 1/2 -o s1 in 2>/dev/null;
 run_teikit build --quiet --shard 2/2 -o s2 in 2>/dev/null;
 run_teikit index s1 s2 2>/dev/null)
check "shards: together they hold every document" \
    [ "$(cat "$tmp/s1/index.tsv" "$tmp/s2/index.tsv" | wc -l)" -eq "$n" ]
check "shards: no document twice" \
    [ "$(cat "$tmp/s1/index.tsv" "$tmp/s2/index.tsv" | cut -f1 | sort -u | wc -l)" -eq "$n" ]
check "teikit index: one page over both" \
    [ "$(grep -c '<tr><td>' "$tmp/index.html")" -eq "$n" ]
missing=0
for href in $(grep -o 'href="[^"]*"' "$tmp/index.html" | sed 's/href="//; s/"$//'); do
	[ -f "$tmp/$href" ] || missing=$((missing + 1))
done
check "teikit index: every link resolves" [ "$missing" -eq 0 ]

# Same name twice: neither is skipped; each keeps its extension.
cp "$srcdir/tests/encode/telegram-1235.xml" "$tmp/in/"
run_teikit build --quiet -o "$tmp/dup" "$tmp/in" 2>"$tmp/err"
check "same name twice: both built, each named with its extension" \
    sh -c "cd '$tmp/dup' && [ -s telegram-1235.txt.html ] &&
    [ -s telegram-1235.xml.html ] && [ -s telegram-1235.txt.xml ] &&
    [ ! -e telegram-1235.html ]"
check "same name twice: nothing skipped" sh -c "! grep -q TK-W013 '$tmp/err'"
run_teikit build -j 0 "$tmp/in" 2>"$tmp/err"
check "build -j 0: usage error" [ $? -eq 3 ]
# Building into the inputs' own directory never writes over an input.
mkdir -p "$tmp/same"
cp "$srcdir/tests/encode/telegram-1235.txt" "$tmp/same/"
printf 'changed' >>"$tmp/same/telegram-1235.txt"
cp "$tmp/same/telegram-1235.txt" "$tmp/same.orig"
run_teikit build --quiet --views text -o "$tmp/same" "$tmp/same" 2>"$tmp/err"
check "build -o the input directory: the input is untouched" \
    cmp -s "$tmp/same/telegram-1235.txt" "$tmp/same.orig"
check "build -o the input directory: refused (TK-U003)" grep -q "TK-U003" "$tmp/err"
tap_done
