#!/bin/sh
# tests/views-browser.sh -- the HTML view of a play, a letter, a novel
# and a critical apparatus (tests/views) in a real browser: headless
# Chromium loads each page (a test copy with a checking script added) and
# the rendered DOM must show the title in an h1 or the header, the cast
# list as a list with an item per castItem and group heads no bigger than
# act heads, stage directions in italic, the letter's sender, addressee
# and date, notes and apparatus entries linked both ways with the notes
# numbered in order, no doubled quotation marks, block quotations as
# blockquote, every in-page link resolving, and no script error.  The
# checks go by semantic structure (h1, ul/ol li, a[href^="#"]), not class
# names.  A screenshot of each page is kept as tests/views-NAME.png.
# Skips cleanly where Chromium is absent.
. "${srcdir:-.}/tests/lib.sh"

need_chromium

# The checks every page gets, then the page's own: t(ok, what) records a
# line; has(text) is the deepest element holding text; the expected
# values come from the fixtures.
cat >"$tmp/common.js" <<'JS'
var out = [], bad = 0;
function t(ok, what) { out.push((ok ? "PASS " : "FAIL ") + what); if (!ok) bad++; }
function has(text, root) {
  var best = null;
  (root || document.body).querySelectorAll("*").forEach(function (e) {
    if (e.tagName !== "SCRIPT" && e.textContent.indexOf(text) >= 0) best = e;
  });
  return best;
}
/* The first element, in document order, whose text is exactly `text`:
   a role in the cast list before the same name as a speaker, a lemma in
   the running text before its apparatus entry. */
function first(text, root) {
  var found = null;
  (root || document.body).querySelectorAll("*").forEach(function (e) {
    if (!found && e.tagName !== "SCRIPT" && e.textContent.trim() === text) found = e;
  });
  return found;
}
function visible(e) { return e && e.getClientRects().length > 0; }
function target(a) {
  var h = a.getAttribute("href");
  return h && h.charAt(0) === "#" && h.length > 1 ?
    document.getElementById(decodeURIComponent(h.slice(1))) : null;
}
/* A displaced unit (note, reading) holding text: linked from the running
   text, and back to that link.  Returns the references' texts. */
function linked(text, what) {
  var e = has(text), refs = [];
  for (var c = e; c && c !== document.body; c = c.parentElement) {
    if (c.id) {
      document.querySelectorAll("a[href]").forEach(function (a) {
        if (target(a) === c && !c.contains(a)) refs.push(a);
      });
      if (refs.length) break;
    }
  }
  t(refs.length > 0, what + " is linked from the text");
  if (!refs.length) return [];
  var back = false;
  c.querySelectorAll("a[href]").forEach(function (a) {
    var b = target(a);
    refs.forEach(function (r) { if (b && (b === r || b.contains(r))) back = true; });
  });
  t(back, what + " links back to its place in the text");
  return refs.map(function (r) { return r.textContent.trim(); });
}
function titled(title) {
  var ok = false;
  document.querySelectorAll("h1, header").forEach(function (h) {
    if (visible(h) && h.textContent.replace(/\s+/g, " ").indexOf(title) >= 0) ok = true;
  });
  t(ok, "the title \"" + title + "\" in an h1 or the header");
}
function common() {
  document.querySelectorAll("a[href^='#']").forEach(function (a) {
    t(target(a) !== null, "link " + a.getAttribute("href") + " resolves");
  });
  var text = document.body.innerText;
  var dbl = /[“”„«»]\s*[“”„«»]|[‘’]\s*[‘’]/.exec(text);
  t(!dbl, "no doubled quotation marks in the visible text" + (dbl ? " (" + dbl[0] + ")" : ""));
  document.querySelectorAll("body *").forEach(function (e) {
    var s = e.textContent.trim(), b = getComputedStyle(e, "::before").content;
    var a = getComputedStyle(e, "::after").content;
    /* A mark generated (open-quote, or a mark in content) before text
       that begins with one of its own, or after text ending with one. */
    if (/^[“"‘„«]/.test(s) && /quote|[“"‘„«]/.test(b) && !/no-open-quote/.test(b))
      t(false, "no mark added before \"" + s.slice(0, 30) + "\", which has its own");
    if (/[”"’»]$/.test(s) && /quote|[”"’»]/.test(a) && !/no-close-quote/.test(a))
      t(false, "no mark added after \"" + s.slice(-30) + "\", which has its own");
  });
  t(window.teikitErrors.length === 0, "no script error" +
    (window.teikitErrors.length ? " (" + window.teikitErrors.join("; ") + ")" : ""));
}
function italic(text) {
  var e = has(text);
  t(e && getComputedStyle(e).fontStyle === "italic", "\"" + text + "\" set apart in italic");
}
JS

cat >"$tmp/play.js" <<'JS'
titled("The Tragedy of Fixture");
["The Ghost", "Fixture", "Rosenquartz", "Guildenstone", "Ophelia"].forEach(function (r) {
  var e = first(r, document.querySelector("main") || document.body), li = e && e.closest("li");
  var own = li ? li.cloneNode(true) : null;
  if (own) own.querySelectorAll("ul, ol").forEach(function (l) { l.remove(); });
  t(li && li.parentElement.matches("ul, ol") &&
    own.textContent.indexOf(r) >= 0, "cast: " + r + " is an item of a list");
});
var grp = has("Courtiers"), act = has("ACT 1");
t(grp && act && parseFloat(getComputedStyle(grp).fontSize) <=
  parseFloat(getComputedStyle(act).fontSize), "the castGroup head is no bigger than the act head");
/* Even spacing: the space between a speaker and the speech is the same
   in every turn, and less than between two turns. */
var gaps = [], between = [];
document.querySelectorAll(".speaker").forEach(function (s) {
  var n = s.nextElementSibling, turn = s.parentElement, next = turn.nextElementSibling;
  if (n) gaps.push(n.getBoundingClientRect().top - s.getBoundingClientRect().bottom);
  if (next && next.querySelector(".speaker"))
    between.push(next.getBoundingClientRect().top - turn.getBoundingClientRect().bottom);
});
t(gaps.length >= 4 && Math.max.apply(null, gaps) - Math.min.apply(null, gaps) < 1,
  "speaker to speech: the same space in every turn (" + gaps.join(", ") + ")");
t(between.length > 0 && Math.min.apply(null, between) > Math.max.apply(null, gaps),
  "more space between turns than between a speaker and the speech");
/* Line numbers every fifth line: from l/@n, else counted in the lg. */
[["What I shall unfold", "5", "Swear it, son."],
 ["the fifth line numbered here.", "5", "before he left us standing"],
 ["But lend thy serious hearing to", "", "What I shall unfold"]].forEach(function (l) {
  var e = has(l[0]);
  while (e && e.parentElement && e.parentElement.textContent.indexOf(l[2]) < 0) e = e.parentElement;
  var shown = e ? e.innerText.replace(l[0], "") : "";
  t(l[1] ? new RegExp("(^|\\s)" + l[1] + "(\\s|$)").test(shown) : !/\d/.test(shown),
    "the line \"" + l[0] + "\" " + (l[1] ? "numbered " + l[1] : "without a number"));
});
italic("Enter the Ghost, slowly.");
italic("He points upward.");
italic("kneeling");
JS

cat >"$tmp/letter.js" <<'JS'
titled("Letter from Ada Lovetest");
var first = has("written in haste");
["Ada Lovetest", "Charles Babbletest", "1843"].forEach(function (s) {
  var e = has(s);
  t(e && visible(e) && (!first || (e.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)),
    "\"" + s + "\" shown before the letter's text");
});
["written in haste", "as promised", "Believe me", "in great haste"].forEach(function (s) {
  t(visible(has(s)), "\"" + s + "\" beside the dateline, salute or signature is shown");
});
JS

cat >"$tmp/novel.js" <<'JS'
titled("The Mill on the Fixture");
var labels = [["A first note without a number.", "1"],
  ["A second note, holding a paragraph.", "2"],
  ["A note with its own label.", "*"], ["A third note without a number.", "3"]];
labels.forEach(function (l) {
  var refs = linked(l[0], "note " + l[1]);
  t(refs.some(function (r) { return r.replace(/[\[\]()]/g, "") === l[1]; }),
    "note \"" + l[0] + "\" labelled " + l[1] + " (" + refs.join(",") + ")");
});
["A block quotation given as a whole paragraph of its own.",
 "Quotations that hold paragraphs are blocks."].forEach(function (s) {
  var e = has(s);
  t(e && e.closest("blockquote") !== null, "\"" + s.slice(0, 30) + "…\" in a blockquote");
});
var item = has("its arches");
t(item && item.closest("li") && item.closest("li").parentElement.closest("li"),
  "a list in a list item is a nested list");
/* A note holding a paragraph reads on from its number, on one line. */
var para = has("A second note, holding a paragraph."), li = para && para.closest("li");
var num = li && li.firstElementChild;
t(num && num !== para && Math.abs(num.getBoundingClientRect().top -
  para.getClientRects()[0].top) < 4, "a note's paragraph on its number's line");
JS

cat >"$tmp/apparatus.js" <<'JS'
titled("A Critical Fixture");
var main = document.querySelector("main") || document.body;
[["bûchers", "the reading bûchers"], ["hills", "the reading hills"],
 ["gently", "the reading gently (a nested app)"], ["spak to hem", "the rdgGrp"],
 ["left", "the reading left"]].forEach(function (r) { linked(r[0], r[1]); });
var lem = first("butchery"), rdg = has("bûchers");
t(lem && lem.closest("p") && lem.closest("p").innerText.indexOf("bûchers") < 0,
  "the lemma butchery in the running text, without its reading bûchers");
t(rdg && /Codex Beta|\bB\b/.test(rdg.closest("li, p, div, tr") ?
  rdg.closest("li, p, div, tr").textContent : ""), "the reading bûchers names its witnesses");
JS

for page in play letter novel apparatus; do
	run_teikit render --to html "$srcdir/tests/views/$page.xml" \
	    >"$tmp/$page.html" 2>"$tmp/$page.err"
	if ! grep -q '<head' "$tmp/$page.html"; then
		sed 's/^/# /' "$tmp/$page.err"
		not_ok "$page: --to html writes a page"
		continue
	fi
	# Script errors from the page's start, then the checks at its end.
	sed '1,/<head[^>]*>/s/<head\([^>]*\)>/<head\1><script>window.teikitErrors=[];window.addEventListener("error",function(e){teikitErrors.push(e.message)});(function(c){console.error=function(m){teikitErrors.push(String(m));c.apply(console,arguments)}})(console.error);<\/script>/' \
	    "$tmp/$page.html" >"$tmp/$page-check.html"
	{
		echo "<script>(function () {"
		cat "$tmp/common.js" "$tmp/$page.js"
		cat <<'JS'
common();
document.body.insertAdjacentHTML("beforeend", "<pre id='teikit-result'>CHECKS\n" +
  out.join("\n").replace(/</g, "&lt;") + "\nRESULT " + (bad ? "FAIL" : "OK") + "</pre>");
})();</script>
JS
	} >>"$tmp/$page-check.html"
	browse --dump-dom "file://$tmp/$page-check.html" >"$tmp/$page.dom"
	grep -o '^\(PASS\|FAIL\) .*' "$tmp/$page.dom" | sed 's/^/# /'
	if grep -q "RESULT OK" "$tmp/$page.dom"; then
		ok "$page: the rendered DOM passes every check"
	elif grep -q "RESULT FAIL" "$tmp/$page.dom"; then
		not_ok "$page: the rendered DOM passes every check ($(grep -c '^FAIL' "$tmp/$page.dom") failing)"
	else
		not_ok "$page: the checking script ran"
	fi
	browse --screenshot="$tmp/$page.png" --window-size=1100,1500 \
	    --hide-scrollbars "file://$tmp/$page.html" >/dev/null
	check "$page: a screenshot was taken" [ -s "$tmp/$page.png" ]
	[ -s "$tmp/$page.png" ] &&
	    cp "$tmp/$page.png" "$top_builddir/tests/views-$page.png"
done
tap_done
