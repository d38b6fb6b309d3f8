#!/bin/sh
# tests/bad-input.sh -- bad plaintext is refused with one coded error at
# the right line and column, exit status 2, and no output file (an older
# file at the -o path is left as it was); normalisations (BOM, CR LF)
# are accepted, reported as notes, and undone by the text view.
. "${srcdir:-.}/tests/lib.sh"

# bad NAME CODE LINE:COL PRINTF-FORMAT
bad() {
	name=$1 code=$2 pos=$3
	in=$tmp/$name.txt
	printf "$4" >"$in"
	echo "previous contents" >"$tmp/$name.out"
	run_teikit encode -o "$tmp/$name.out" "$in" 2>"$tmp/$name.err"
	status=$?
	check "$name: exit status 2" [ "$status" -eq 2 ]
	if grep -q "^$in:$pos: error: .* \[$code\]\$" "$tmp/$name.err"; then
		ok "$name: $code at $pos"
	else
		sed 's/^/# /' "$tmp/$name.err"
		not_ok "$name: $code at $pos"
	fi
	check "$name: old output file untouched" \
	    [ "$(cat "$tmp/$name.out")" = "previous contents" ]
	check "$name: no temporary file left" \
	    [ -z "$(find "$tmp" -name ".teikit-*-*")" ]
}

bad empty TK-E001 1:1 ''
bad whitespace-only TK-E001 1:1 '  \n\n\t\n'
bad invalid-utf8 TK-E002 4:3 'No. 1\nTitle\n\nab\377cd'
bad overlong-utf8 TK-E002 1:6 'text \300\257 more'
bad truncated-utf8 TK-E002 1:4 'end\342\200'
bad surrogate-utf8 TK-E002 1:1 '\355\240\200 x'
bad nul-byte TK-E003 2:3 'one\ntw\000o'
bad control-char TK-E004 1:5 'bell\007 rings'
bad overlong-3-bytes TK-E002 1:4 'ab \340\200\257 x'
bad overlong-4-bytes TK-E002 1:4 'ab \360\200\200\257'
bad above-u10ffff TK-E002 1:2 'x\364\220\200\200'
bad surrogate-pair-cesu TK-E002 1:3 'x \355\240\275\355\270\200'
bad lone-continuation TK-E002 2:2 'ok\nx\200y'
bad nul-first TK-E003 1:1 '\000abc'
bad escape-char TK-E004 3:3 'No. 1\nT\nab\033c'
bad vertical-tab TK-E004 1:2 'a\013b'
bad form-feed TK-E004 2:5 'line one\nline\014two'
bad u-fffe TK-E004 1:2 'a\357\277\276'
bad u-ffff TK-E004 1:2 'a\357\277\277'
bad bom-only TK-E001 1:1 '\357\273\277'
bad mixed-line-ends TK-E005 2 'a\r\nb\nc\r\n'
bad page-unclosed TK-E006 4:10 'No. 1\nT\n\nand then [Page 12 and more'
bad page-unclosed-end TK-E006 1:5 'see [Page'
bad note-orphan TK-E007 7:1 'No. 1\nA title\n\nText without markers.\n\n---\n1. A note.'
bad note-line TK-E008 4:1 'Text1 here.\n\n---\nnot a note'
bad note-twice TK-E009 5:1 'Text1 here.\n\n---\n1. One.\n1. Again.'
bad note-order TK-E010 5:1 'One1 and two2.\n\n---\n2. Two.\n1. One.'
bad notes-empty TK-E011 3:1 'Text1 here.\n\n---'
bad notes-blank-line TK-E008 5:1 'Text1 here.\n\n---\n1. One.\n\n2. Two.'

# normal NAME CODE PRINTF-FORMAT: accepted with a note, round trip exact.
normal() {
	name=$1 code=$2
	in=$tmp/$name.txt
	printf "$3" >"$in"
	run_teikit encode -o "$tmp/$name.xml" "$in" 2>"$tmp/$name.err"
	status=$?
	check "$name: accepted (exit 0)" [ "$status" -eq 0 ]
	for c in $code; do
		check "$name: reported as $c" \
		    grep -q "note: .*\[$c\]\$" "$tmp/$name.err"
	done
	run_teikit render --to text -o "$tmp/$name.back" "$tmp/$name.xml"
	check "$name: round trip exact" cmp -s "$in" "$tmp/$name.back"
}

normal bom TK-N001 '\357\273\277No. 1\nA title\n\nText.1\n'
normal crlf TK-N002 'No. 1\r\nA title\r\n\r\nText.1\r\n\r\n---\r\n1. A note.\r\n'
normal bom-crlf "TK-N001 TK-N002" '\357\273\277Line one\r\nline two\r\n'
normal lone-cr "" 'a carriage\rreturn alone\n'
normal blank-lines "" '\n\nNo. 1\nA title\n\n\n\nText.\n\n\n'
normal bom-in-the-middle "" 'No. 1\nT\n\nText \357\273\277here.\n'
normal lone-crs "" 'a\rb\rc'
normal cr-lone-and-crlf TK-N002 'a\r\nb\rc\r\n'
normal del-and-nel "" 'ab\177c d\302\205e\n'
normal brackets "" 'Text [[[ more ] here ]]] and [Page ] [Page abc].\n'

# Exit 1 and a warning: the year and the marker.
printf 'In 19561 the treaty.' >"$tmp/year.txt"
run_teikit encode "$tmp/year.txt" >"$tmp/year.xml" 2>"$tmp/year.err"
check "year+marker: exit status 1 (warning)" [ $? -eq 1 ]
check "year+marker: TK-W001 at 1:8" \
    grep -q "year.txt:1:8: warning: .*\[TK-W001\]\$" "$tmp/year.err"
check "year+marker: note 1 after the year" \
    grep -q '1956<note n="1"' "$tmp/year.xml"

tap_done
