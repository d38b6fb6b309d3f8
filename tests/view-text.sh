#!/bin/sh
# tests/view-text.sh -- the text view of TEI that teikit did not write
# (issue 16): every reader's problem found on real documents, each on a
# small fixture of tests/view-text and, where ../shared has them, on the
# document that showed it.  Running text beside a block is kept (a p
# holding a list, a quotation of paragraphs, verse or a p; an item
# holding a list; an opener or closer with words beside its dateline,
# salute and signature; a turn with a q); verse lines and table cells
# stay apart; notes without @n are numbered and listed, never glued;
# choice shows one side (the param `choice` the other); the apparatus
# marks the lemma and lists the readings with their witnesses; a cast
# list is a list; stage directions stand apart; every fifth verse line
# is numbered; a title block heads the page; a teiCorpus gives each TEI
# a section, a register and a transcription are shown; and the source's
# indentation comes out as clean paragraphs.  That teikit's own output
# still comes back byte for byte is tests/roundtrip.sh's.
. "${srcdir:-.}/tests/lib.sh"

fx=$srcdir/tests/view-text

# view NAME [OPTIONS]: the text view of tests/view-text/NAME.xml as
# $tmp/NAME.txt; true when it exits 0 with nothing on stderr.
view() {
	name=$1
	shift
	run_teikit render --to text "$@" "$fx/$name.xml" >"$tmp/$name.txt" \
	    2>"$tmp/$name.err" && [ ! -s "$tmp/$name.err" ]
}
# has FILE STRING: FILE holds STRING (fixed), else says so.
has() {
	grep -qF -- "$2" "$1" || { echo "# $1 lacks: $2"; return 1; }
}
# line FILE STRING: STRING is a whole line of FILE.
line() {
	grep -qxF -- "$2" "$1" || { echo "# $1 has no line: $2"; return 1; }
}
# lacks FILE STRING: FILE does not hold STRING.
lacks() {
	! grep -qF -- "$2" "$1" || { echo "# $1 holds: $2"; return 1; }
}
# clean FILE: not empty; no line begins with a space, no two blank
# lines in a row, no line ends with a space.
clean() {
	grep -q '[^[:space:]]' "$1" || { echo "# $1 is empty"; return 1; }
	if grep -n '^[[:space:]]' "$1" | head -3 | sed 's/^/# /' | grep -q .
	then
		return 1
	fi
	! grep -q '[[:space:]]$' "$1" &&
	    ! awk 'NF == 0 { if (++b > 1) bad = 1; next } { b = 0 }
	    END { exit !bad }' "$1"
}

# -- notes without @n numbered as the HTML view numbers them --
view notes-placed
np=$tmp/notes-placed.txt
notes_numbered() {
	has "$np" 'First paragraph[1] here (placed inline).' &&
	    line "$np" '2. A note between paragraphs.' &&
	    has "$np" 'Second paragraph[3].' &&
	    ! grep -qx 'A note between paragraphs.' "$np"
}
notes_in_place() {
	line "$np" "Source: the fixture's archive." &&
	    lacks "$np" '. (placed inline)'
}
check "notes without @n: the one between paragraphs numbered, in the notes" \
    notes_numbered
check "notes without @n: the source note and the inline one where they stand" \
    notes_in_place

# -- running text beside blocks, notes, tables, choice --
check "mixed content: the view exits 0, quietly" view mixed
m=$tmp/mixed.txt
check "p holding a list: the words before and after it" \
    sh -c "grep -qxF 'Before the list' '$m' && grep -qxF 'after the list.' '$m'"
check "item holding a list: its words after the nested list" \
    line "$m" 'in two colours'
check "a nested list's items under their item" line "$m" '-- green'
check "p holding quote/p: the quotation and the words around it" \
    sh -c "grep -qxF 'Whilst his tone of affected sympathy was plain.' '$m' &&
    grep -qxF 'and went on quietly.' '$m'"
check "p holding l: 'first line' and 'second line' on lines of their own" \
    sh -c "grep -qxF 'first line' '$m' && grep -qxF 'second line' '$m' &&
    grep -qxF 'and the prose again.' '$m'"
check "p holding p: the outer words kept" \
    sh -c "grep -qxF 'Outer words' '$m' && grep -qxF 'outer again.' '$m'"
check "notes without @n: numbered markers, not glued into the text" \
    line "$m" 'Hans[1] kam spät[2], und [7] blieb.'
check "notes without @n: listed in order in the notes section" \
    sh -c "grep -qxF '1. Als xx bezeichnet' '$m' &&
    grep -qxF '2. Am Abend.' '$m' && grep -qxF '7. Numbered seven.' '$m'"
check "a note's text is not in the running text" lacks "$m" 'HansAls'
check "table cells apart" sh -c "grep -qxF 'Name | Year' '$m' &&
    grep -qxF 'Alpha | 1901' '$m'"
check "choice: corr and expan, not sic and abbr" \
    sh -c "grep -qxF \"The detrimentum was Doctor Smith's.\" '$m' &&
    ! grep -q 'detrimentu ' '$m'"
check "choice=orig: the view exits 0" view mixed --param choice=orig
check "choice=orig: sic and abbr instead" \
    line "$m" "The detrimentu was Dr. Smith's."
view mixed
check "sp with q: the speaker, the words beside the q and the q" \
    line "$m" 'Nurse: She said “come here” and left.'
check "a title block from the header" sh -c "
    [ \"\$(sed -n 1p '$m')\" = 'Mixed Content Fixture' ] &&
    grep -qxF 'Author: Ada Mixwell' '$m'"
check "mixed content: clean paragraphs" clean "$m"

# -- a letter indented as editors indent --
check "letter: the view exits 0, quietly" view letter
l=$tmp/letter.txt
check "letter: sender, place, date and addressee in the title block" \
    sh -c "grep -qxF 'From: Clara Quill, Zürich, 9 June 1866' '$l' &&
    grep -qxF 'To: Otto Brandt' '$l' &&
    grep -qxF 'Editor: Emil Herausgeber' '$l'"
check "opener: the words beside dateline and salute" \
    sh -c "grep -qxF 'Written at' '$l' && grep -qxF 'to my friend' '$l' &&
    grep -qxF 'Dear Otto,' '$l'"
check "closer: the words beside salute and signature" \
    sh -c "grep -qxF 'With every good wish' '$l' &&
    grep -qxF 'ever and always' '$l' && grep -qxF 'Clara' '$l'"
check "letter: an indented paragraph is one clean line" \
    line "$l" 'The weather has been kind and the lake is calm.'
check "letter: clean paragraphs" clean "$l"

# -- a play --
check "play: the view exits 0, quietly" view play
p=$tmp/play.txt
check "cast list: an item a line, role and description" \
    sh -c "grep -qxF -- '- Hamlet, Prince of Denmark' '$p' &&
    grep -qxF -- '- The Ghost' '$p'"
check "cast group: its head, its items under it" \
    sh -c "grep -qxF -- '- Courtiers' '$p' &&
    grep -qxF -- '-- Rosencrantz' '$p'"
check "stage direction between speeches: a paragraph of its own" \
    line "$p" '[Enter the Ghost.]'
check "verse: a line each, the fifth numbered, a stage direction inline" \
    sh -c "grep -qxF 'Four' '$p' &&
    grep -qxF 'Five [aside] is here    5' '$p' && grep -qxF 'Six' '$p'"
check "verse speech: the speaker on a line of its own" line "$p" 'Hamlet:'
check "apparatus: the lemma in the text, marked" \
    line "$p" 'Ghost. The butchery[v1] of the night.'
check "apparatus: the reading with its witness, named from listWit" \
    line "$p" 'v1. butchery (First Folio)] bûchers (Second Quarto)'
check "apparatus: the reading is not in the running text" \
    sh -c "! grep 'of the night' '$p' | grep -q 'bûchers'"
check "play: clean paragraphs" clean "$p"

# -- a teiCorpus of a text, a register and a transcription --
check "corpus: the view exits 0, quietly" view corpus
c=$tmp/corpus.txt
check "corpus: each TEI a section with its title" \
    sh -c "[ \$(grep -cx '==========' '$c') -eq 3 ] &&
    grep -qxF 'First Member' '$c' && grep -qxF 'The Leaf' '$c'"
check "corpus: the member's text and its note" \
    sh -c "grep -qxF \"The first member's words[1].\" '$c' &&
    grep -qxF '1. Its note.' '$c'"
check "standOff: the register's entry, name and dates and note" \
    sh -c "grep -qxF 'Eliza Registerova' '$c' &&
    grep -qxF 'born: 1801' '$c' && grep -qxF 'note: Translator.' '$c'"
check "sourceDoc: its lines, a line each" \
    sh -c "grep -qxF 'Here begins the leaf' '$c' &&
    grep -qxF 'in a careful hand' '$c'"
check "corpus: clean paragraphs" clean "$c"

# -- the documents that showed the problems --
big=$shared/data/bench/frus-history.xml
if [ -f "$big" ]; then
	run_teikit render --to text "$big" >"$tmp/big.txt" 2>"$tmp/err"
	check "frus-history.xml: the view exits 0" [ $? -eq 0 ]
	check "frus-history.xml: the paragraph holding quote/p is there" \
	    sh -c "grep -qF 'Whilst his tone of affected sympathy and' \
	    '$tmp/big.txt' && grep -qF 'Another category of excluded material' \
	    '$tmp/big.txt'"
	check "frus-history.xml: clean paragraphs" clean "$tmp/big.txt"
else
	skip "frus-history.xml: $big absent"
fi
letter=$shared/corpus/tei/escher/data/briefe/K_2057_Wild_Felix_an_Escher_1863-12-17.xml
if [ -f "$letter" ]; then
	run_teikit render --to text "$letter" >"$tmp/esc.txt" 2>"$tmp/err"
	check "a corpus letter: the view exits 0" [ $? -eq 0 ]
	check "a corpus letter: no line begins with spaces" clean "$tmp/esc.txt"
	check "a corpus letter: its sender in the title block" \
	    grep -q '^From: ' "$tmp/esc.txt"
else
	skip "a corpus letter: $letter absent"
fi
tap_done
