#!/bin/sh
# tests/browser.sh -- the HTML reading view in a real browser: headless
# Chromium loads the view of the seed (with a checking script added to a
# test copy only), and the rendered DOM must show every footnote
# reference and back-link resolving, the page-break anchor present and
# visible, the pop-ups hidden until asked for, and no console error.
# A screenshot is kept as tests/browser-seed.png.  Skips cleanly where
# Chromium is absent.
. "${srcdir:-.}/tests/lib.sh"

need_chromium

run_teikit encode --to html "$srcdir/examples/telegram-1235.txt" \
    >"$tmp/seed.html"
check "encode --to html writes a page" grep -q '<html lang="en"' "$tmp/seed.html"

cat "$tmp/seed.html" >"$tmp/check.html"
cat >>"$tmp/check.html" <<'JS'
<script>
(function () {
  var out = [], bad = 0;
  function t(ok, what) { out.push((ok ? "PASS " : "FAIL ") + what); if (!ok) bad++; }
  var refs = document.querySelectorAll("sup.fnref > a");
  t(refs.length === 2, "two footnote references (" + refs.length + ")");
  refs.forEach(function (a) {
    var id = a.getAttribute("href").slice(1), li = document.getElementById(id);
    t(li && li.tagName === "LI", "reference " + a.textContent + " -> note " + id);
    var back = li && li.querySelector("a.back");
    t(back && document.getElementById(back.getAttribute("href").slice(1)) === a,
      "note " + id + " links back to its reference");
    var pop = document.getElementById(a.getAttribute("aria-describedby"));
    t(pop && getComputedStyle(pop).display === "none", "pop-up of " + id + " hidden until hover or focus");
    t(pop && /missing/.test(pop.textContent), "pop-up of " + id + " says the text is missing");
  });
  var pb = document.getElementById("pg_1264");
  t(pb !== null, "page-break anchor #pg_1264 exists");
  t(pb && pb.getBoundingClientRect().width > 0 && /1264/.test(pb.textContent),
    "page-break marker [p. 1264] is visible");
  t(document.querySelectorAll("section.sp").length === 5, "five turns");
  t(document.querySelectorAll(".speaker")[1].textContent === "L.:" &&
    document.querySelectorAll(".speaker")[1].title === "Lozovsky", "L.: names Lozovsky on hover");
  t(document.title.indexOf("Japanese Ambassador") >= 0, "the page has the document's title");
  t(document.querySelector("main") && document.querySelector("section.notes"), "landmarks: main, notes");
  document.body.insertAdjacentHTML("beforeend",
    "<pre id='teikit-result'>" + out.join("\n") + "\nRESULT " + (bad ? "FAIL" : "OK") + "</pre>");
})();
</script>
JS
browse --dump-dom "file://$tmp/check.html" >"$tmp/dom.html"
if grep -q "RESULT OK" "$tmp/dom.html"; then
	ok "the rendered DOM passes every check"
else
	sed -n 's/^\(PASS\|FAIL\) /# &/p' "$tmp/dom.html"
	not_ok "the rendered DOM passes every check"
fi
grep -o '^\(PASS\|FAIL\) .*' "$tmp/dom.html" | sed 's/^/# /'
browse --screenshot="$tmp/seed.png" --window-size=1100,1500 \
    --hide-scrollbars "file://$tmp/seed.html" >/dev/null
check "a screenshot was taken" [ -s "$tmp/seed.png" ]
[ -s "$tmp/seed.png" ] && cp "$tmp/seed.png" "$top_builddir/tests/browser-seed.png"
tap_done
