#!/bin/sh
# tests/view-html.sh -- the HTML reading view of TEI that teikit did not
# write (issue 16): a reader's problem each, on the small documents of
# tests/view-html/ (a play, a letter, a critical edition, a teiCorpus,
# a register with only standOff, a sourceDoc): a title block, no
# doubled quotation marks, block quotations, no block inside <p>, an
# apparatus linked both ways, choice on hover, the cast as a list,
# stage directions apart, verse numbered every fifth line, notes
# without @n numbered, a corpus as sections and --split a page per TEI;
# and valid HTML (tidy, where installed) on each page.
. "${srcdir:-.}/tests/lib.sh"

dir=$srcdir/tests/view-html
bad=
for f in "$dir"/*.xml; do
	name=$(basename "$f" .xml)
	run_teikit render --to html "$f" >"$tmp/$name.html" 2>"$tmp/$name.err" ||
	    bad="$bad $name"
	# A line per tag of the body.
	sed -n '/<body>/,$p' "$tmp/$name.html" | sed 's/</\
</g' >"$tmp/$name.lines"
done
check "every page renders, exit 0${bad:+ (not:$bad)}" [ -z "$bad" ]
has() {	# has NAME PATTERN: the page NAME holds PATTERN (grep -E)
	grep -Eq -- "$2" "$tmp/$1.html"
}

# ---- a title block on every page ----
check "play: the title block gives title, author and editor" \
    sh -c "grep -q '<title>The Tragedy of Gloam, Prince of Fenwick</title>' '$tmp/play.html' &&
    grep -q '<header class=\"titleblock\"><h1 class=\"title\">The Tragedy of Gloam' '$tmp/play.html' &&
    grep -q 'class=\"author\">Wilhelmina Quarto<' '$tmp/play.html' &&
    grep -q 'class=\"editor\">.*Ada Folio<' '$tmp/play.html'"
check "letter: sender, place and date, and addressee from correspDesc" \
    sh -c "grep -q 'class=\"corresp sent\">.*Marta Lindqvist · Uppsala · 2 April 1889<' '$tmp/letter.html' &&
    grep -q 'class=\"corresp received\">.*Otto Brenner<' '$tmp/letter.html'"
check "register, sourcedoc, edition: a title block each" \
    sh -c "grep -q 'class=\"title\">Register of Persons<' '$tmp/register.html' &&
    grep -q 'class=\"title\">A Leaf of Accounts<' '$tmp/sourcedoc.html' &&
    grep -q 'class=\"title\">The Orchard Sermon<' '$tmp/edition.html'"

# ---- quotations ----
check "letter: a quotation with its own marks gets no more (no <q>“)" \
    sh -c "! grep -Eq '<q[^>]*>[“”„«»\"]|[“”«»\"]</q>' '$tmp/letter.html' && grep -q '“we shall see”' '$tmp/letter.html'"
check "letter: a quotation without marks is a <q>" \
    has letter '<q class="q">nothing at all</q>'
check "letter: rend=\"blockquote\" is a blockquote" \
    has letter '<blockquote>Measure twice'

# ---- blocks never inside <p> ----
# A list or blockquote inside a paragraph: the paragraph is a div.
check "letter: a paragraph holding a list or a blockquote is no <p>" \
    sh -c "awk '/<p[ >]/ { inp = 1 } inp && /<(ul|ol|blockquote|div|table|h[1-6])[ >]/ { bad = 1 } /<\\/p>/ { inp = 0 } END { exit bad }' '$tmp/letter.lines'"
check "letter: it is a div.p, its words before and after the list in it" \
    sh -c "tr -d '\n' <'$tmp/letter.html' | grep -Eq '<div class=\"p\">The parcel came .*Inside were: *<ul><li>three pressed ferns</li>.*</ul> *and nothing else\.'"

# ---- notes without @n ----
check "letter: notes without @n numbered 1, 2 in order, past a note n=\"*\"" \
    sh -c "grep -o 'id=\"note-[0-9]*-ref\"[^>]*>[0-9*]*<' '$tmp/letter.html' | tr -d '\n' |
    grep -q 'note-1-ref.*>\\*<.*note-2-ref.*>1<.*note-3-ref.*>2<'"
check "letter: each note links to its entry, which links back under its label" \
    sh -c "grep -q 'href=\"#note-3\" id=\"note-3-ref\"' '$tmp/letter.html' &&
    grep -q '<li id=\"note-3\"><span class=\"fnnum\">2.</span>.*href=\"#note-3-ref\"' '$tmp/letter.html'"

# ---- choice ----
check "letter: choice shows corr and expan, sic and abbr on hover" \
    sh -c "grep -q 'title=\"sic: yesterdy\"><span class=\"corr\">yesterday<' '$tmp/letter.html' &&
    grep -q 'title=\"abbr: Prof.\"><span class=\"expan\">Professor<' '$tmp/letter.html' &&
    ! grep -q '>yesterdy<' '$tmp/letter.html'"

# ---- critical apparatus ----
check "edition: the lemma marked in the text, linked to entry 1" \
    has edition 'class="lem"[^>]*>April</span><sup class="appref"><a href="#app-1" id="app-1-ref">1</a>'
check "edition: without a lemma, the first reading is the text's" \
    has edition 'class="lem"[^>]*>autumn</span><sup class="appref"><a href="#app-2" id="app-2-ref">2</a>'
check "edition: a numbered apparatus whose entries link back" \
    sh -c "grep -q '<section class=\"apparatus\"' '$tmp/edition.html' &&
    grep -q '<li id=\"app-1\"><a class=\"appnum\" href=\"#app-1-ref\">1</a>' '$tmp/edition.html' &&
    grep -q '<li id=\"app-2\">.*href=\"#app-2-ref\"' '$tmp/edition.html'"
check "edition: each other reading with its witness (its n from listWit)" \
    sh -c "grep -q '<li id=\"app-1\">.*<span class=\"rdg\">Maytime</span> <span class=\"wit\"><abbr title=\"The printed edition of 1702\">B</abbr>' '$tmp/edition.html' &&
    grep -q '<li id=\"app-2\">.*<span class=\"rdg\">harvest</span> <span class=\"wit\"><abbr[^>]*>B</abbr>' '$tmp/edition.html'"
check "edition: readings are not run into the text (no \"April Maytime\")" \
    sh -c "sed 's/<[^>]*>//g' '$tmp/edition.html' | tr '\\n' ' ' | grep -q 'in April1 *and' &&
    ! sed 's/<[^>]*>//g' '$tmp/edition.html' | grep -q 'April *Maytime'"

# ---- drama ----
check "play: the cast list is a list, a role with its description" \
    has play '<ul class="castList"><li class="castItem"><span class="role">The Ghost</span></li>'
check "play: an item a role with its description" \
    has play '<li class="castItem"><span class="role">Gloam</span>, <span class="roleDesc">Prince of Fenwick'
check "play: a cast group's head heads a sub-list, no heading above the acts'" \
    sh -c "grep -q '<li class=\"castGroup\"><span class=\"castGroup-head\">Watchmen</span><ul>' '$tmp/play.html' &&
    ! grep -q '<h1>Watchmen' '$tmp/play.html' && grep -q '<h1>ACT 1</h1>' '$tmp/play.html'"
check "play: the cast list's head ranks below the acts' (h2)" \
    has play '<h2>Dramatis Personae</h2>'
check "play: stage directions set apart, inline ones in the line" \
    sh -c "grep -q '<p class=\"stage\">Enter the Ghost.</p>' '$tmp/play.html' &&
    grep -q 'king <span class=\"stage\">(he lowers his lance)</span> and' '$tmp/play.html'"
check "play: line 5 numbered from its @n, lines 4 and 6 not" \
    sh -c "grep -q '<span class=\"lnum\">5 </span>Bernard, you keep' '$tmp/play.html' &&
    [ \$(grep -c 'class=\"lnum\"' '$tmp/play.html') -eq 2 ]"
check "play: a song's fifth line numbered within its group" \
    has play '<div class="l"><span class="lnum">5 </span>five for the bell</div>'

# ---- a corpus: one page, a section per TEI ----
check "corpus: a section per TEI, nested corpora too" \
    [ "$(grep -o '<section class="tei"' "$tmp/corpus.html" | wc -l)" -eq 3 ]
check "corpus: each section with its own title" \
    sh -c "tr -d '\n' <'$tmp/corpus.html' | grep -q 'id=\"first\"> *<header class=\"titleblock\"><h2 class=\"title\">The First Text</h2>.*<h2 class=\"title\">The Second Text</h2>.*<h2 class=\"title\">The Third Text</h2>'"
check "corpus: the corpus's own title on top" \
    has corpus '<header class="titleblock"><h1 class="title">Three Small Texts</h1>'
check "corpus: every text's words" \
    sh -c "grep -q 'Apples grow' '$tmp/corpus.html' && grep -q 'Pears grow' '$tmp/corpus.html' &&
    grep -q 'Plums fall' '$tmp/corpus.html'"
check "corpus: notes numbered per text, ids unique" \
    sh -c "grep -q 'id=\"t1-note-1-ref\"[^>]*>1<' '$tmp/corpus.html' &&
    grep -q 'id=\"t2-note-1-ref\"[^>]*>1<' '$tmp/corpus.html'"
rm -rf "$tmp/split"
run_teikit render --to html --split -o "$tmp/split" "$dir/corpus.xml" 2>"$tmp/err"
check "corpus: render --split gives a page per TEI (3), named by xml:id, n, place" \
    sh -c "[ $? -eq 0 ] && [ \$(ls '$tmp/split/corpus' | wc -l) -eq 3 ] && [ -f '$tmp/split/corpus/first.html' ] &&
    [ -f '$tmp/split/corpus/document-2.html' ] && [ -f '$tmp/split/corpus/third.html' ]"
check "corpus: each split page is its text alone, with its title" \
    sh -c "grep -q 'class=\"title\">The Second Text<' '$tmp/split/corpus/document-2.html' &&
    grep -q 'Pears grow' '$tmp/split/corpus/document-2.html' &&
    ! grep -q 'Apples' '$tmp/split/corpus/document-2.html'"
run_teikit render --to text --split -o "$tmp/split-text" "$dir/corpus.xml" 2>"$tmp/err"
check "corpus: render --to text --split too" \
    sh -c "[ \$(ls '$tmp/split-text/corpus' | wc -l) -eq 3 ] && grep -q 'Plums fall' '$tmp/split-text/corpus/third.txt'"

# ---- documents without text ----
check "register: standOff as a table of names, dates and notes" \
    sh -c "grep -q '<table class=\"register listPerson\">' '$tmp/register.html' &&
    grep -q '<tr id=\"p1\"><td class=\"names\"><span class=\"persName\">Agnes Holm</span></td><td class=\"dates\"><span class=\"birth\">\\* <span class=\"date\"[^>]*>1801-03-04</span></span><br><span class=\"death\">† 1870</span></td><td class=\"notes\"><div class=\"note\">Botanist of the fens.</div>' '$tmp/register.html'"
check "sourcedoc: its lines as text" \
    sh -c "grep -q '<div class=\"line\">Paid to the thatcher</div>' '$tmp/sourcedoc.html' &&
    grep -q '<div class=\"line\">for the barn roof</div>' '$tmp/sourcedoc.html'"

# ---- valid HTML ----
if command -v tidy >/dev/null 2>&1; then
	for f in "$dir"/*.xml; do
		name=$(basename "$f" .xml)
		tidy -errors -q "$tmp/$name.html" >"$tmp/tidy" 2>&1
		if [ -s "$tmp/tidy" ]; then
			sed 's/^/# /' "$tmp/tidy" | head -10
			not_ok "$name: tidy finds no error or warning"
		else
			ok "$name: tidy finds no error or warning"
		fi
	done
else
	skip "tidy is not installed (apt-get install tidy)"
fi
tap_done
