#!/bin/sh
# tests/safety.sh -- what teikit guarantees about the user's files (the
# README's table): it never writes over an input or over a file it did
# not write, refusing before any output; outputs mirror the inputs and
# never replace each other; file names are data in index.html,
# index.tsv and diagnostics; only regular files are read from a
# corpus; the leftovers of killed runs are removed; long names work.
. "${srcdir:-.}/tests/lib.sh"

seed=$srcdir/examples/telegram-1235.txt
xml=$srcdir/tests/encode/telegram-1235.xml

# sums DIR: every file under DIR but teikit's manifest, with its sum.
sums() {
	(cd "$1" && find . -type f ! -name .teikit-outputs | LC_ALL=C sort |
	    while IFS= read -r f; do cksum "$f"; done)
}

# unpercent URL: the path a percent-encoded link names.
unpercent() {
	printf '%s\n' "$1" | LC_ALL=C awk '
	    function h(c) { return index("0123456789ABCDEF", c) - 1 }
	    { s = $0; o = ""
	      while ((i = index(s, "%")) > 0) {
		o = o substr(s, 1, i - 1) sprintf("%c",
		    h(substr(s, i + 1, 1)) * 16 + h(substr(s, i + 2, 1)))
		s = substr(s, i + 3) }
	      printf "%s", o s }'
}

# ---- building in place over hand-edited TEI ----
c=$tmp/corpus
mkdir -p "$c/letters"
cp "$xml" "$c/doc.xml"
sed 's/Soviet/Sovyet/' "$xml" >"$c/letters/edited.xml"
cp "$seed" "$c/doc.txt"
sed 's/Soviet Union/U.S.S.R./' "$xml" >"$c/doc.xml"	# corrected by hand
sums "$c" >"$tmp/inputs"
run_teikit build --quiet -o "$c" "$c" 2>"$tmp/err1"
s1=$?
sums "$c" >"$tmp/after1"
run_teikit build --quiet -o "$c" "$c" 2>"$tmp/err2"
s2=$?
sums "$c" >"$tmp/after2"
check "in place: the first build succeeds" [ "$s1" -eq 0 ]
check "in place: the second build succeeds" [ "$s2" -eq 0 ]
for f in ./doc.xml ./doc.txt ./letters/edited.xml; do
	check "in place, twice: $f byte-identical" \
	    [ "$(grep " $f\$" "$tmp/inputs")" = "$(grep " $f\$" "$tmp/after2")" ]
done
check "in place: x.txt and x.xml both built, named apart" \
    sh -c "cd '$c' && [ -s doc.txt.xml ] && [ -s doc.txt.html ] &&
    [ -s doc.xml.html ] && [ -s doc.xml.txt ]"
check "in place: the encoding of doc.txt is the encoder's" \
    cmp -s "$c/doc.txt.xml" "$xml"
check "in place: subdirectories mirrored" [ -s "$c/letters/edited.html" ]
check "in place: the second build finds no new inputs (same files)" \
    cmp -s "$tmp/after1" "$tmp/after2"
check "in place: its own outputs are not read as inputs" \
    sh -c "! ls -R '$c' | grep -q 'txt\.txt\.\|xml\.txt\.\|html\.'"
# An output edited by hand is the user's: from then on it is an input.
printf 'my notes\n' >>"$c/letters/edited.txt"
cp "$c/letters/edited.txt" "$tmp/edited.txt"
run_teikit build --quiet -o "$c" "$c" 2>"$tmp/err3"
check "an edited output: the build goes on (exit 0)" [ $? -eq 0 ]
check "an edited output: kept byte for byte" \
    cmp -s "$c/letters/edited.txt" "$tmp/edited.txt"
check "an edited output: now an input, encoded beside it" \
    [ -s "$c/letters/edited.txt.xml" ]

# The real corpus (../shared), copied, built into itself twice.
if [ -d "$shared/corpus/tei" ]; then
	rc=$tmp/realcorpus
	cp -R "$shared/corpus/tei" "$rc"
	sums "$rc" >"$tmp/rcin"
	n_xml=$(find "$rc" -name '*.xml' | wc -l)
	run_teikit build --quiet -o "$rc" "$rc" 2>/dev/null
	run_teikit build --quiet -o "$rc" "$rc" 2>/dev/null
	check "real corpus ($n_xml documents), built in place twice: every input byte-identical" \
	    sh -c "cd '$rc' && find . -type f ! -name .teikit-outputs |
	    LC_ALL=C sort | while IFS= read -r f; do cksum \"\$f\"; done |
	    grep -a -F -x -f '$tmp/rcin' | cmp -s - '$tmp/rcin'"
	check "real corpus: one index row per document" \
	    [ "$(grep -c '<tr><td>' "$rc/index.html")" -eq "$n_xml" ]
	missing=0
	for href in $(grep -o 'href="[^"]*"' "$rc/index.html" | sed 's/href="//; s/"$//'); do
		[ -f "$rc/$(unpercent "$href")" ] || missing=$((missing + 1))
	done
	check "real corpus: every link resolves" [ "$missing" -eq 0 ]
else
	skip "real corpus: ../shared/corpus/tei absent"
fi

# ---- refusing before any output ----
p=$tmp/plain
mkdir "$p"
cp "$seed" "$p/t.txt"
run_teikit build --quiet -o "$p" "$p" 2>"$tmp/err"
check "plaintext in place: the text view would be the input: exit 3" \
    [ $? -eq 3 ]
check "plaintext in place: nothing at all written" \
    [ "$(ls -A "$p")" = "t.txt" ]
check "plaintext in place: input intact" cmp -s "$p/t.txt" "$seed"
# render --to text -o SRC SRC/a.xml: SRC/a.txt is the user's.
s=$tmp/src
mkdir "$s"
cp "$seed" "$s/a.txt"
cp "$xml" "$s/a.xml"
printf 'hand' >>"$s/a.txt"
cp "$s/a.txt" "$tmp/a.txt"
run_teikit render --to text -o "$s" "$s/a.xml" 2>"$tmp/err"
check "render -o SRC: a.txt kept, exit 3" [ $? -eq 3 ]
check "render -o SRC: a.txt byte-identical" cmp -s "$s/a.txt" "$tmp/a.txt"
check "render -o SRC: the message names the view and the file" grep -q \
    "a.txt: error: refusing to write the text view of .*a.xml over a file teikit did not write" \
    "$tmp/err"
# A hand-made page beside its source.
h=$tmp/hand
mkdir "$h"
cp "$xml" "$h/x.xml"
printf '<p>mine</p>\n' >"$h/x.html"
run_teikit build --quiet --views html -o "$h" "$h" 2>"$tmp/err"
check "a hand-made x.html is not replaced (exit 3)" [ $? -eq 3 ]
check "a hand-made x.html: intact" [ "$(cat "$h/x.html")" = "<p>mine</p>" ]
check "a hand-made x.html: the message names both files" grep -q \
    "x.html: error: refusing to write the html view of .*x.xml over a file teikit did not write.*\[TK-U003\]" \
    "$tmp/err"
# Links: an output that is an input under another name.
l=$tmp/link
mkdir "$l" "$l/out"
cp "$xml" "$l/x.xml"
ln -s ../x.xml "$l/out/x.html"
run_teikit render --to html -o "$l/out" "$l/x.xml" 2>"$tmp/err"
check "render: an output that is a link to the input: exit 3" [ $? -eq 3 ]
check "render: the input through the link untouched" cmp -s "$l/x.xml" "$xml"
ln "$l/x.xml" "$l/hard.xml"
run_teikit encode -o "$l/hard.xml" "$seed" 2>/dev/null
check "encode -o a hard link of... (not an input): allowed" [ $? -eq 0 ]
cp "$seed" "$l/in.txt"
ln -s in.txt "$l/sym.txt"
run_teikit encode -o "$l/sym.txt" "$l/in.txt" 2>"$tmp/err"
check "encode -o a symlink to the input: exit 3" [ $? -eq 3 ]
check "encode -o a symlink to the input: names it" \
    grep -q "over .*in.txt, an input" "$tmp/err"

# ---- outputs never replace each other ----
m=$tmp/mirror
mkdir -p "$m/de" "$m/en"
cp "$xml" "$m/de/L001.xml"
sed 's/Soviet/Sowjet/' "$xml" >"$m/en/L001.xml"
cp "$xml" "$m/x.xml"
cp "$xml" "$m/x.tei"
cp "$xml" "$m/index.xml"
run_teikit render --to html -o "$tmp/mo" "$m/de/L001.xml" "$m/en/L001.xml" \
    "$m/x.xml" "$m/x.tei" "$m/index.xml" 2>"$tmp/err"
check "render -o DIR: exit 0" [ $? -eq 0 ]
check "render -o DIR: nothing skipped" sh -c "! grep -q TK-W013 '$tmp/err'"
check "render -o DIR: de/ and en/ mirrored" \
    sh -c "grep -q Sowjet '$tmp/mo/en/L001.html' &&
    ! grep -q Sowjet '$tmp/mo/de/L001.html'"
check "render -o DIR: x.tei and x.xml apart" \
    sh -c "[ -s '$tmp/mo/x.tei.html' ] && [ -s '$tmp/mo/x.xml.html' ]"
check "render -o DIR: a document named index keeps its extension" \
    [ -s "$tmp/mo/index.xml.html" ]
run_teikit build --quiet --views html -o "$tmp/mb" "$m/index.xml" 2>/dev/null
check "build: index.html is the index, not the document named index" \
    sh -c "grep -q 'Edition index' '$tmp/mb/index.html' &&
    grep -q 'href=\"index.xml.html\"' '$tmp/mb/index.html'"
# --split: n="x-3", n="x", n="x" are three pages.
cat >"$tmp/vol.xml" <<'EOF'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>V</title></titleStmt><publicationStmt><p>p</p></publicationStmt>
<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>
<div type="document" n="x-3"><head>First</head><p>one</p></div>
<div type="document" n="x"><head>Second</head><p>two</p></div>
<div type="document" n="x"><head>Third</head><p>three</p></div>
</body></text></TEI>
EOF
run_teikit render -j 4 --to text --split -o "$tmp/sp" "$tmp/vol.xml" \
    2>"$tmp/err"
check "split: exit 0, nothing said" sh -c "[ $? -eq 0 ] && [ ! -s '$tmp/err' ]"
check "split: three documents, three pages" \
    [ "$(find "$tmp/sp/vol" -name '*.txt' | wc -l)" -eq 3 ]
check "split: three rows, three distinct names" \
    [ "$(cut -f1 "$tmp/sp/index.tsv" | sort -u | wc -l)" -eq 3 ]
ok_pages=0
for w in one two three; do
	grep -lx "$w" "$tmp/sp/vol"/*.txt >/dev/null && ok_pages=$((ok_pages + 1))
done
check "split: no page replaced another" [ "$ok_pages" -eq 3 ]

# ---- names are data ----
n=$tmp/names
mkdir "$n"
for name in 'javascript:alert(document.domain)' 'q"<b>x' "it's" \
    "$(printf 'a\nb\t1\tforged\t0\t0\txml')" "$(printf 'bad\377byte')" \
    "$(printf 'tab\there')"; do
	cp "$seed" "$n/$name.txt"
done
run_teikit build --quiet -o "$tmp/no" "$n" 2>"$tmp/err"
check "hostile names: build exit 0" [ $? -eq 0 ]
check "index.tsv: one line per document" [ "$(wc -l <"$tmp/no/index.tsv")" -eq 6 ]
check "index.tsv: 6 fields a line" \
    [ "$(awk -F'\t' 'NF != 6' "$tmp/no/index.tsv" | wc -l)" -eq 0 ]
check "index.html: no javascript: link" \
    sh -c "! grep -qi 'href=\"javascript:' '$tmp/no/index.html'"
check "index.html: one row per document" \
    [ "$(grep -c '<tr><td>' "$tmp/no/index.html")" -eq 6 ]
check "index.html: no raw quote or markup from a name" \
    sh -c "! grep -q 'q\"<b>' '$tmp/no/index.html'"
missing=0
for href in $(grep -o 'href="[^"]*"' "$tmp/no/index.html" | sed 's/href="//; s/"$//'); do
	f=$(unpercent "$href")
	[ -f "$tmp/no/$f" ] || { echo "# broken: $href"; missing=$((missing + 1)); }
done
check "index.html: every (percent-encoded) link resolves" [ "$missing" -eq 0 ]
(cd "$tmp" && run_teikit index -o merged.html no 2>/dev/null)
check "teikit index: the escaped rows read back, one each" \
    [ "$(grep -c '<tr><td>' "$tmp/merged.html")" -eq 6 ]
printf 'not TEI' >"$n/$(printf 'x\nfake.txt:1:1: error: forged [TK-E999]')"
mkdir "$tmp/nl"
printf '\377' >"$tmp/nl/$(printf 'x\nfake: error: forged')".txt
run_teikit build --quiet -o "$tmp/nlo" "$tmp/nl" 2>"$tmp/err"
check "diagnostics: a newline in a file name cannot fake a line" \
    sh -c "[ \$(wc -l <'$tmp/err') -eq 1 ] && grep -q 'x\\\\nfake' '$tmp/err'"

# Random names (any byte but "/", NUL and line ends, which the hostile
# names above cover), random depths and kinds, built in place twice:
# every input intact, one row per input, every link resolves.
r=$tmp/random
mkdir "$r"
LC_ALL=C awk -v seed="${SAFETY_SEED:-13}" 'BEGIN {
	srand(seed)
	for (i = 0; i < 60; i++) {
		dir = ""
		depth = int(rand() * 3)
		for (d = 0; d < depth; d++)
			dir = dir "d" int(rand() * 3) "/"
		name = ""
		len = 1 + int(rand() * 12)
		for (k = 0; k < len; k++) {
			do c = 1 + int(rand() * 255)
			while (c == 47 || c == 10 || c == 13)
			name = name sprintf("%c", c)
		}
		printf "%sx%s-%d.%s\n", dir, name, i, rand() < 0.5 ? "txt" : "xml"
	}
}' | while IFS= read -r rel; do
	mkdir -p "$r/$(dirname "$rel")"
	case $rel in
	*.txt) cp "$seed" "$r/$rel" ;;
	*) cp "$xml" "$r/$rel" ;;
	esac
done
n_in=$(find "$r" -type f | wc -l)
sums "$r" >"$tmp/rin"
run_teikit build --quiet --views html -o "$r" "$r" 2>"$tmp/rerr1"
run_teikit build --quiet --views html -o "$r" "$r" 2>"$tmp/rerr2"
check "random names: both builds succeed" \
    sh -c "! grep -q 'error' '$tmp/rerr1' '$tmp/rerr2'"
check "random names ($n_in files): every input byte-identical" \
    sh -c "sums() { (cd \"\$1\" && find . -type f ! -name .teikit-outputs |
	LC_ALL=C sort | while IFS= read -r f; do cksum \"\$f\"; done); }
	sums '$r' | grep -a -F -x -f '$tmp/rin' | cmp -s - '$tmp/rin'"
check "random names: one index row per input" \
    [ "$(grep -c '<tr><td>' "$r/index.html")" -eq "$n_in" ]
missing=0
for href in $(grep -o 'href="[^"]*"' "$r/index.html" | sed 's/href="//; s/"$//'); do
	f=$(unpercent "$href")
	[ -f "$r/$f" ] || missing=$((missing + 1))
done
check "random names: every link resolves" [ "$missing" -eq 0 ]

# ---- only regular files ----
f=$tmp/fifo
mkdir "$f"
cp "$seed" "$f/a.txt"
mkfifo "$f/x.txt" "$f/y.xml"
timeout $((60 * slow)) "$TEIKIT_BIN" build --quiet -o "$tmp/fo" "$f" 2>"$tmp/err"
status=$?
check "a FIFO in a corpus: no hang" [ "$status" -ne 124 ]
check "a FIFO in a corpus: skipped and said (TK-W013)" \
    grep -q "x.txt: warning: skipped: not a regular file \[TK-W013\]" "$tmp/err"
check "a FIFO in a corpus: the index is written" [ -s "$tmp/fo/index.html" ]
timeout $((60 * slow)) "$TEIKIT_BIN" build --quiet -o "$tmp/fo2" "$f/x.txt" 2>"$tmp/err"
status=$?
check "a FIFO named to build: no hang, an error" \
    sh -c "[ $status -ne 124 ] && [ $status -ne 0 ] && grep -q 'not a regular file' '$tmp/err'"
ln -s .. "$f/loop"
timeout $((60 * slow)) "$TEIKIT_BIN" build --quiet -o "$tmp/fo3" "$f" 2>/dev/null
check "a link loop in a corpus: no hang" [ $? -ne 124 ]

# ---- what a hostile or unlucky output directory cannot do ----
v=$tmp/rev
mkdir -p "$v/c" "$v/e1" "$v/e2"
cp "$xml" "$v/c/a.xml"
cp "$v/c/a.xml" "$v/a.orig"
ln -s ../c/a.xml "$v/e1/.teikit-outputs"
run_teikit build --quiet -o "$v/e1" "$v/c" 2>"$tmp/err"
check "a manifest that is a link to an input: refused, input intact" \
    sh -c "[ $? -ne 0 ] && cmp -s '$v/c/a.xml' '$v/a.orig'"
mkfifo "$v/e2/.teikit-outputs"
timeout $((60 * slow)) "$TEIKIT_BIN" build --quiet -o "$v/e2" "$v/c" 2>/dev/null
status=$?
check "a manifest that is a FIFO: no hang, refused" \
    sh -c "[ $status -ne 124 ] && [ $status -ne 0 ]"
# a link (even dangling) where an output goes is not replaced
mkdir "$v/e3"
ln -s notyet.html "$v/e3/a.html"
run_teikit build --quiet --views html -o "$v/e3" "$v/c" 2>"$tmp/err"
check "a symbolic link at an output's name: refused, left as it is" \
    sh -c "[ $? -eq 3 ] && [ -L '$v/e3/a.html' ] && [ ! -e '$v/e3/notyet.html' ]"
# stdin from a file is that file
cp "$xml" "$v/d2.xml"
run_teikit render --to html -o "$v/d2.xml" - <"$v/d2.xml" 2>/dev/null
check "render -o FILE - <FILE: refused, the file intact" \
    sh -c "[ $? -eq 3 ] && cmp -s '$v/d2.xml' '$xml'"
# the data directory's stylesheets are inputs too
mkdir -p "$v/dd/xslt" "$v/dd/schema"
cp "$srcdir/xslt/"*.xsl "$v/dd/xslt/"
cp "$srcdir/schema/teikit.rng" "$v/dd/schema/"
cp "$v/dd/xslt/tei-html.xsl" "$v/sheet.orig"
run_teikit --datadir "$v/dd" render --to html -o "$v/dd/xslt/tei-html.xsl" \
    "$xml" 2>/dev/null
check "render -o the view's own stylesheet: refused, intact" \
    sh -c "[ $? -eq 3 ] && cmp -s '$v/dd/xslt/tei-html.xsl' '$v/sheet.orig'"
# teikit index: ./index.html is replaced only if teikit wrote it
mkdir "$v/ix"
run_teikit build --quiet --views html -o "$v/ix/ed" "$v/c" 2>/dev/null
printf 'MY HOMEPAGE\n' >"$v/ix/index.html"
(cd "$v/ix" && run_teikit index ed 2>"$tmp/err")
check "teikit index: a hand-made ./index.html is kept (exit 3)" \
    sh -c "[ $? -eq 3 ] && grep -q 'MY HOMEPAGE' '$v/ix/index.html'"
rm "$v/ix/index.html"
(cd "$v/ix" && run_teikit index ed 2>/dev/null && run_teikit index ed 2>/dev/null)
check "teikit index: its own ./index.html is replaced" \
    grep -q 'Edition index' "$v/ix/index.html"
# an output moved into the corpus is the user's: built, not skipped
mkdir "$v/mv"
cp "$seed" "$v/mv/letter.txt"
run_teikit build --quiet --views html -o "$v/mvo" "$v/mv" 2>/dev/null
mv "$v/mvo/letter.xml" "$v/mv/letter.xml"
rm "$v/mv/letter.txt"
run_teikit build -o "$v/mvo" "$v/mv" 2>"$tmp/err"
check "an output moved into the corpus is built" \
    grep -q "^teikit build: 1 documents" "$tmp/err"
# two builds at once into one directory: one waits its turn (refused)
mkdir "$v/two"
i=0
while [ $i -lt 40 ]; do cp "$xml" "$v/two/d$i.xml"; i=$((i + 1)); done
"$TEIKIT_BIN" build --quiet --views text -o "$v/cc" "$v/two" 2>"$tmp/c1" &
p1=$!
"$TEIKIT_BIN" build --quiet --views text -o "$v/cc" "$v/two" 2>"$tmp/c2" &
p2=$!
wait $p1
wait $p2
run_teikit build --quiet --views text -o "$v/cc" "$v/two" 2>"$tmp/err"
check "two builds at once: the next build still succeeds" [ $? -eq 0 ]
# umask: outputs get 0666 less the umask, index included, under -j
mkdir "$v/um"
i=0
while [ $i -lt 60 ]; do
	mkdir "$v/um/d$i"
	cp "$xml" "$v/um/d$i/x.xml"
	i=$((i + 1))
done
(umask 022 && run_teikit build --quiet -j 16 --views text -o "$v/umo" "$v/um" 2>/dev/null)
check "umask 022, -j 16: nothing world-writable" \
    [ -z "$(find "$v/umo" -perm -o+w)" ]
(umask 077 && run_teikit build --quiet --views text -o "$v/umo2" "$v/um" 2>/dev/null)
check "umask 077: the index is private too" \
    [ -z "$(find "$v/umo2" -type f -perm -g+r)" ]
# outputs that differ only in case are never both chosen
mkdir -p "$v/case/A" "$v/case/a"
cp "$xml" "$v/case/A/x.xml"
sed 's/Soviet/SOVIET/' "$xml" >"$v/case/a/x.xml"
run_teikit build --quiet --views text -o "$v/caseo" "$v/case" 2>/dev/null
check "names that differ only in case: two distinct outputs" \
    [ "$(find "$v/caseo" -name '*.txt' | wc -l)" -eq 2 ]
mkdir -p "$v/so/B"
ln -s B "$v/so/A"
mkdir -p "$v/sc/A" "$v/sc/B"
cp "$xml" "$v/sc/A/x.xml"
sed 's/Soviet/SOVIET/' "$xml" >"$v/sc/B/x.xml"
for r in 1 2 3; do
	run_teikit build -j 2 --quiet --views text -o "$v/so" "$v/sc" 2>"$tmp/err"
	st=$?
	check "an output folder linked onto another, -j 2 (run $r): refused, said" \
	    sh -c "[ $st -eq 3 ] && grep -q 'TK-U003' '$tmp/err'"
done
# --split: long ids that share their first 255 bytes, no hang
long=$(printf 'x%.0s' $(seq 1 300))
sed "s|<div type=\"document\" n=\"x-3\">|<div type=\"document\" n=\"${long}a\">|;
    s|<div type=\"document\" n=\"x\"><head>Second|<div type=\"document\" n=\"${long}b\"><head>Second|" \
    "$tmp/vol.xml" >"$v/longvol.xml"
timeout $((60 * slow)) "$TEIKIT_BIN" render --to text --split -o "$v/lv" \
    "$v/longvol.xml" 2>/dev/null
status=$?
check "split: ids alike in their first 255 bytes: no hang, 3 pages" \
    sh -c "[ $status -eq 0 ] && [ \$(find '$v/lv' -name '*.txt' | wc -l) -eq 3 ]"

# ---- leftovers and long names ----
o=$tmp/left
mkdir -p "$o/sub"
mkdir -p "$tmp/two/sub"
cp "$xml" "$tmp/two/a.xml"
cp "$xml" "$tmp/two/sub/b.xml"
# A killed writer's files are not locked; a live one's are.
touch "$o/.teikit-123-abcdef.tmp" "$o/sub/.teikit-456-ghijkl.tmp" \
    "$o/.teikit-789-mnopqr.tmp" "$o/keep.tmp" "$o/.teikit-123-backup"
flock "$o/.teikit-789-mnopqr.tmp" sleep 60 &
holder=$!
sleep 0.3
run_teikit build --quiet -o "$o" "$tmp/two" 2>/dev/null
kill $holder 2>/dev/null
check "a dead run's temporary files are removed" \
    sh -c "[ ! -e '$o/.teikit-123-abcdef.tmp' ] && [ ! -e '$o/sub/.teikit-456-ghijkl.tmp' ]"
check "a live run's (locked) temporary file is kept" \
    [ -e "$o/.teikit-789-mnopqr.tmp" ]
check "a file only named like one is kept" [ -e "$o/.teikit-123-backup" ]
check "other files are kept" [ -e "$o/keep.tmp" ]
# kill -9 in the middle, then build again: no leftover, exit 0.
k=$tmp/kill
mkdir "$k"
i=0
while [ $i -lt 300 ]; do cp "$seed" "$k/d$i.txt"; i=$((i + 1)); done
"$TEIKIT_BIN" build -j 2 --quiet -o "$tmp/ko" "$k" 2>/dev/null &
pid=$!
i=0
while [ $i -lt 200 ] && [ "$(ls "$tmp/ko" 2>/dev/null | wc -l)" -lt 10 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
run_teikit build -j 2 --quiet -o "$tmp/ko" "$k" 2>"$tmp/err"
check "after kill -9: the next build succeeds over the first's outputs" [ $? -eq 0 ]
check "after kill -9: no temporary file left" \
    [ -z "$(find "$tmp/ko" -name '.teikit-[0-9]*' -o -name '*.tmp-*')" ]
long=$(printf 'n%.0s' $(seq 1 251))
run_teikit encode -o "$tmp/$long.xml" "$seed" 2>"$tmp/err"
check "encode -o a 255-byte name" [ -s "$tmp/$long.xml" ]
mkdir "$tmp/lg"
cp "$seed" "$tmp/lg/$(printf 'n%.0s' $(seq 1 250)).txt"
run_teikit build --quiet --views html -o "$tmp/lgo" "$tmp/lg" 2>"$tmp/err"
check "build: outputs with 255-byte names" [ $? -eq 0 ]

tap_done
