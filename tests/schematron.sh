#!/bin/sh
# tests/schematron.sh -- ISO Schematron end to end (issue 15): each
# feature through `teikit validate`, with the exact diagnostics (file,
# line, column, severity, message, code) and exit status.  The schemas
# and documents are in tests/sch-feat/; where the standard leaves room,
# the expected findings are SchXslt 2.0's (run by hand with Saxon-HE,
# never here), and the differences are said where they are.
. "${srcdir:-.}/tests/lib.sh"

f=$srcdir/tests/sch-feat
# file names in the diagnostics as given: relative to the fixtures
cd "$f" || exit 1

# guarded ARGS...: run_teikit ARGS under a hang guard (never a timed
# assertion: a hang is a failure of its own)
guarded() {
	if [ "${TEIKIT_VALGRIND:-0}" = 1 ]; then
		timeout $((600 * slow)) "$top_builddir/libtool" \
		    --mode=execute valgrind -q --error-exitcode=99 \
		    --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect \
		    "$TEIKIT_BIN" "$@"
	else
		timeout $((60 * slow)) "$TEIKIT_BIN" "$@"
	fi
}

# sch DESC STATUS ARGS...: `teikit validate -j 1 --rules none ARGS`
# prints (stdout and stderr) the lines on standard input, exactly, and
# exits STATUS.
sch() {
	desc=$1
	want=$2
	shift 2
	cat >"$tmp/want"
	guarded validate -j 1 --rules none "$@" >"$tmp/got" 2>&1
	st=$?
	if [ "$st" -eq "$want" ] && cmp -s "$tmp/want" "$tmp/got"; then
		ok "$desc"
	else
		diff "$tmp/want" "$tmp/got" | sed 's/^/# /'
		echo "# exit $st, wanted $want"
		not_ok "$desc"
	fi
}

# any.rng allows any document: the findings are Schematron's alone
A="--schema any.rng"

# ---- ns ----

sch "ns: a prefix of sch:ns, one in scope on the schema, none (no namespace)" 2 \
    $A --schematron ns.sch tei.xml <<'EOF'
tei.xml:5:5: error: body has 2 paragraphs [TK-E027]
tei.xml:6:7: error: a tei:p: One [TK-E027]
tei.xml:7:7: error: a tei:p: Two [TK-E027]
EOF

# ---- rule order: the first matching rule of each pattern fires, once
# per node; another pattern fires on the same node ----

sch "patterns: first matching rule per pattern, a second pattern on the same node" 2 \
    $A --schematron order.sch doc.xml <<'EOF'
doc.xml:2:1: error: catch-all for doc [TK-E027]
doc.xml:3:3: error: special rule for alpha [TK-E027]
doc.xml:4:3: error: general rule for beta [TK-E027]
doc.xml:4:3: error: item beta is of kind b [TK-E027]
doc.xml:5:3: error: general rule for gamma [TK-E027]
doc.xml:5:3: error: item gamma lacks @n [TK-E027]
doc.xml:6:3: error: catch-all for note [TK-E027]
EOF

# ---- let ----

sch "let: schema, pattern and rule lets; a rule let of a schema let; shadowing" 2 \
    $A --schematron let.sch doc.xml <<'EOF'
doc.xml:2:1: error: there are 3 items, more than 2 [TK-E027]
doc.xml:4:3: error: item 2 above 1 [TK-E027]
doc.xml:5:3: error: kind c is not one of a b [TK-E027]
doc.xml:6:3: error: the rule's max (local) shadows the schema's [TK-E027]
doc.xml:6:3: error: the schema's max is 2 again [TK-E027]
doc.xml:6:3: error: the pattern's first is alpha/2 [TK-E027]
EOF

# ---- messages: value-of, name, diagnostics ----

# SchXslt differs on <name path=".."/>: it writes the string value of
# the path (compile/templates.xsl), where the skeleton and teikit write
# the name of the node it selects.
sch "value-of (a sequence joined by spaces), name, name path, diagnostics appended" 2 \
    $A --schematron message.sch doc.xml <<'EOF'
doc.xml:2:1: error: kinds: a b c; numbers: 5 4 5; the element is doc. [TK-E027]
doc.xml:5:3: error: no n on item Add n="3". [TK-E027]
doc.xml:6:3: error: the note in doc spread over lines (parent: doc) (text: "x") [TK-E027]
EOF

cat >"$tmp/nodiag.sch" <<'EOF'
<schema xmlns="http://purl.oclc.org/dsdl/schematron">
  <pattern>
    <rule context="doc">
      <report test="true()" diagnostics="nowhere">x</report>
    </rule>
  </pattern>
</schema>
EOF
sch "diagnostics naming no diagnostic: a schema error" 4 \
    $A --schematron "$tmp/nodiag.sch" doc.xml <<EOF
$tmp/nodiag.sch:4: error: diagnostics="nowhere" names no <diagnostic> [TK-S004]
EOF

# ---- phases ----

sch "phase: defaultPhase" 2 $A --schematron phase.sch doc.xml <<'EOF'
doc.xml:5:3: error: item gamma lacks @n [TK-E027]
EOF
sch "phase: --phase #DEFAULT is defaultPhase" 2 \
    $A --schematron phase.sch --phase '#DEFAULT' doc.xml <<'EOF'
doc.xml:5:3: error: item gamma lacks @n [TK-E027]
EOF
sch "phase: --phase NAME, its active patterns only" 2 \
    $A --schematron phase.sch --phase full doc.xml <<'EOF'
doc.xml:5:3: error: item gamma lacks @n [TK-E027]
doc.xml:6:3: error: note checked by doc [TK-E027]
EOF
sch "phase: --phase #ALL, every pattern (one without an id too)" 2 \
    $A --schematron phase.sch --phase '#ALL' doc.xml <<'EOF'
doc.xml:2:1: error: a pattern without an id runs in #ALL only [TK-E027]
doc.xml:5:3: error: item gamma lacks @n [TK-E027]
doc.xml:6:3: error: note checked by doc [TK-E027]
EOF
sch "phase: an unknown phase is a schema error" 4 \
    $A --schematron phase.sch --phase nosuch doc.xml <<'EOF'
phase.sch:3: error: no phase "nosuch" in this schema [TK-S004]
EOF
sch "phase: a phase's lets, over the schema's" 2 \
    $A --schematron phase-let.sch --phase strict doc.xml <<'EOF'
doc.xml:2:1: error: only 2 numbered items in the strict phase [TK-E027]
EOF
sch "phase: a phase's let is unknown outside it" 4 \
    $A --schematron phase-let.sch doc.xml <<'EOF'
phase-let.sch:11: error: assert's test "count(item[@n]) ge $min", column 20: unknown variable $min [XPST0008] [TK-S004]
phase-let.sch:11: error: value-of's select "$label", column 1: unknown variable $label [XPST0008] [TK-S004]
EOF

# ---- include ----

sch "include: a relative file (which includes its sibling), a #fragment" 2 \
    $A --schematron include.sch doc.xml <<'EOF'
doc.xml:5:3: error: included: item gamma lacks @n [TK-E027]
doc.xml:6:3: error: included by fragment: note x [TK-E027]
EOF
sch "include: a missing file, at the include" 4 \
    $A --schematron include-missing.sch doc.xml <<'EOF'
include-missing.sch:6: error: cannot read inc/no-such-file.sch: No such file or directory [TK-S004]
EOF
sch "include: a fragment no element has" 4 \
    $A --schematron include-noid.sch doc.xml <<'EOF'
include-noid.sch:4: error: <include href="inc/library.sch#no-such-id">: no element has that id [TK-S004]
EOF
sch "include: a cycle, said in the file and at the line that closes it" 4 \
    $A --schematron include-cycle.sch doc.xml <<'EOF'
inc/cycle-b.sch:3: error: <include href="cycle-a.sch">: a cycle of includes [TK-S004]
EOF

# a file including itself three times: a cycle, not 3^16 readings
mkdir -p "$tmp/fan"
cat >"$tmp/fan/self.sch" <<'EOF'
<rule xmlns="http://purl.oclc.org/dsdl/schematron" context="doc"><include href="self.sch"/><include href="self.sch"/><include href="self.sch"/></rule>
EOF
cat >"$tmp/fan.sch" <<'EOF'
<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><include href="fan/self.sch"/></pattern></schema>
EOF
sch "include: a file including itself three times, three cycles at once" 4 \
    $A --schematron "$tmp/fan.sch" doc.xml <<EOF
$tmp/fan/self.sch:1: error: <include href="self.sch">: a cycle of includes [TK-S004]
$tmp/fan/self.sch:1: error: <include href="self.sch">: a cycle of includes [TK-S004]
$tmp/fan/self.sch:1: error: <include href="self.sch">: a cycle of includes [TK-S004]
EOF

# no cycle, but each of 12 files includes the next three times: 3^12
# includes, stopped at 1000
i=0
while [ $i -lt 12 ]; do
	n=$((i + 1))
	echo "<rule xmlns=\"http://purl.oclc.org/dsdl/schematron\" context=\"doc\"><include href=\"f$n.sch\"/><include href=\"f$n.sch\"/><include href=\"f$n.sch\"/></rule>" \
	    >"$tmp/fan/f$i.sch"
	i=$n
done
echo '<assert xmlns="http://purl.oclc.org/dsdl/schematron" test="true()">x</assert>' >"$tmp/fan/f12.sch"
cat >"$tmp/fan12.sch" <<'EOF'
<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><include href="fan/f0.sch"/></pattern></schema>
EOF
guarded validate $A --rules none --schematron "$tmp/fan12.sch" doc.xml \
    >"$tmp/got" 2>&1
st=$?
check "include: 3^12 includes without a cycle stop at 1000 (exit 4, not a hang)" \
    [ $st -eq 4 ]
check "include: ... and say so once" \
    [ "$(grep -c 'more than 1000 includes \[TK-S004\]$' "$tmp/got")" -eq 1 ]

# ---- abstract patterns and rules ----

sch "abstract pattern: is-a with params in context, test and message" 2 \
    $A --schematron abstract.sch doc.xml <<'EOF'
doc.xml:2:1: error: the doc has no @updated [TK-E027]
doc.xml:5:3: error: the item has no @n [TK-E027]
doc.xml:5:3: error: from abstract rule in rules: item unnumbered [TK-E027]
EOF
sch "abstract rule: extends naming no abstract rule" 4 \
    $A --schematron extends-missing.sch doc.xml <<'EOF'
extends-missing.sch:5: error: <extends rule="nowhere">: no abstract rule has that id [TK-S004]
EOF
sch "abstract pattern: is-a naming no abstract pattern" 4 \
    $A --schematron isa-missing.sch doc.xml <<'EOF'
isa-missing.sch:3: error: <pattern is-a="nowhere">: no abstract pattern has that id [TK-S004]
EOF

# ---- role and flag ----

sch "role and flag: error, warning and note, exit 2" 2 \
    $A --schematron severity.sch doc.xml <<'EOF'
doc.xml:2:1: error: no role [TK-E027]
doc.xml:2:1: error: role error [TK-E027]
doc.xml:2:1: error: role fatal [TK-E027]
doc.xml:2:1: warning: role WARNING [TK-W017]
doc.xml:2:1: warning: role warn [TK-W017]
doc.xml:2:1: warning: role nonfatal [TK-W017]
doc.xml:2:1: note: role info [TK-N004]
doc.xml:2:1: note: role information [TK-N004]
doc.xml:2:1: note: role note [TK-N004]
doc.xml:2:1: note: role hint [TK-N004]
doc.xml:2:1: error: an unknown role [TK-E027]
doc.xml:2:1: warning: flag warning [TK-W017]
doc.xml:2:1: note: flag info [TK-N004]
doc.xml:2:1: note: role wins over flag [TK-N004]
EOF
sch "role: warnings and notes only, exit 1" 1 \
    $A --schematron warn-only.sch doc.xml <<'EOF'
doc.xml:6:3: warning: only a warning [TK-W017]
doc.xml:6:3: note: and a note [TK-N004]
EOF
sch "role: notes only, exit 0" 0 $A --schematron info-only.sch doc.xml <<'EOF'
doc.xml:6:3: note: only a note [TK-N004]
EOF

# ---- what a rule's context can be ----

# the document node has no line: the finding is the file's
sch "context: an attribute (@rend, tei:p/@rend), the document node, text nodes" 2 \
    $A --schematron nodes.sch tei.xml <<'EOF'
tei.xml: error: the document node sees 2 paragraphs [TK-E027]
tei.xml:6:10: error: rend="bold" on p (attribute rend) [TK-E027]
tei.xml:6:10: error: a p's rend: bold [TK-E027]
tei.xml:7:10: error: text "Two" in p [TK-E027]
EOF

# ---- XPath 2.0 ----

sch "XPath 2.0: for/some/every, if, tokenize, matches, xs:date, distinct-values, string-join, except, intersect" 2 \
    $A --schematron xpath2.sch doc.xml <<'EOF'
doc.xml:2:1: error: every item has a kind [TK-E027]
doc.xml:2:1: error: some item lacks n: gamma [TK-E027]
doc.xml:2:1: error: kinds: a,b,c [TK-E027]
doc.xml:2:1: error: words: three|two|one [TK-E027]
doc.xml:2:1: error: date 2024-01-15 is before 2025, day 15 [TK-E027]
doc.xml:2:1: error: except: c [TK-E027]
doc.xml:2:1: error: intersect: alpha gamma [TK-E027]
doc.xml:2:1: error: sum of n is 3; max is 2 [TK-E027]
doc.xml:2:1: error: the day after is 2024-01-16 [TK-E027]
doc.xml:2:1: error: upper-case [l]pha [TK-E027]
EOF

sch "a dynamic error (xs:date('a')): an error at the node, the rule's other checks go on" 2 \
    $A --schematron dynamic.sch doc.xml <<'EOF'
doc.xml:3:3: error: the rule at dynamic.sch:4 (context "item") could not evaluate its test: "a" is not a valid xs:date [FORG0001] [TK-E027]
doc.xml:4:3: error: the rule at dynamic.sch:4 (context "item") could not evaluate its test: "b" is not a valid xs:date [FORG0001] [TK-E027]
doc.xml:4:3: error: still checked after the error: 2 [TK-E027]
doc.xml:5:3: error: the rule at dynamic.sch:4 (context "item") could not evaluate its test: "c" is not a valid xs:date [FORG0001] [TK-E027]
EOF

# ---- schemas refused ----

sch "an unsupported construct (the namespace axis): TK-S004 at its line, exit 4" 4 \
    $A --schematron unsupported.sch doc.xml <<'EOF'
unsupported.sch:5: error: assert's test "namespace::* or true()", column 1: the namespace axis is not supported [TKXP0001] [TK-S004]
EOF
sch "an unknown function (XSLT's format-number): TK-S004 at its line, exit 4" 4 \
    $A --schematron unknown-function.sch doc.xml <<'EOF'
unknown-function.sch:8: error: value-of's select "format-number(1, '00')", column 1: unknown function format-number#2 [XPST0017] [TK-S004]
EOF
sch "syntax errors: each at its line and column" 4 \
    $A --schematron syntax.sch doc.xml <<'EOF'
syntax.sch:4: error: rule's context "item[", column 6: expected an expression, found the end of the expression [XPST0003] [TK-S004]
syntax.sch:8: error: assert's test "count(item) =", column 14: expected an expression, found the end of the expression [XPST0003] [TK-S004]
EOF
sch "a schema not well-formed: its line and column, a schema error" 4 \
    $A --schematron not-well-formed.sch doc.xml <<'EOF'
not-well-formed.sch:5:37: error: Opening and ending tag mismatch: assert line 5 and asert [TK-S004]
EOF
sch "queryBinding=\"exslt\" refused" 4 $A --schematron exslt.sch doc.xml <<'EOF'
exslt.sch:2: error: queryBinding="exslt": teikit reads Schematron in XPath (xslt, xslt2, xslt3, xpath2, xpath3, xpath31) [TK-S004]
EOF
sch "not a Schematron schema" 4 $A --schematron not-schematron.sch doc.xml <<'EOF'
not-schematron.sch:2: error: neither a Schematron schema (<schema xmlns="http://purl.oclc.org/dsdl/schematron">) nor a RELAX NG schema in XML syntax [TK-S004]
EOF
sch "an empty schema (no pattern): no finding" 0 $A --schematron empty.sch doc.xml </dev/null

# ---- --format json and sarif ----

guarded validate -j 1 --rules none $A --schematron order.sch \
    --format json doc.xml >"$tmp/json" 2>"$tmp/err"
st=$?
check "--format json: exit 2, nothing on stderr" [ $st -eq 2 -a ! -s "$tmp/err" ]
cat >"$tmp/want" <<'EOF'
{"file":"doc.xml","line":4,"column":3,"severity":"error","code":"TK-E027","message":"item beta is of kind b","rule":"second-pattern","xpath":"/Q{}doc[1]/Q{}item[2]"}
EOF
check "--format json: rule (the pattern's id) and xpath (SchXslt's location)" \
    grep -qxF -f "$tmp/want" "$tmp/json"
guarded validate -j 1 --rules none $A --schematron nodes.sch \
    --format json tei.xml >"$tmp/json" 2>/dev/null
check "--format json: an attribute's xpath" grep -qF \
    '"rule":"attribute-path","xpath":"/Q{http://www.tei-c.org/ns/1.0}TEI[1]/Q{http://www.tei-c.org/ns/1.0}text[1]/Q{http://www.tei-c.org/ns/1.0}body[1]/Q{http://www.tei-c.org/ns/1.0}p[1]/@Q{}rend"}' \
    "$tmp/json"
check "--format json: a text node's and the document node's xpath" \
    sh -c "grep -qF '/Q{http://www.tei-c.org/ns/1.0}p[2]/text()[1]\"}' '$tmp/json' &&
    grep -qF '\"rule\":\"document\",\"xpath\":\"/\"}' '$tmp/json'"

# SARIF: the structure format.sh checks, and each Schematron result a
# logical location (the node's XPath) beside its physical one
cat >"$tmp/sarif.py" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
assert log["version"] == "2.1.0"
assert log["$schema"].endswith("sarif-schema-2.1.0.json")
run = log["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert ids == ["TK-N004", "TK-W017", "TK-E027"], ids
got = []
for res in run["results"]:
    assert res["ruleId"] in ids
    assert res["level"] == {"N": "note", "W": "warning", "E": "error"}[
        res["ruleId"][3]]
    loc, = res["locations"]
    pl = loc["physicalLocation"]
    assert pl["artifactLocation"]["uri"] == "tei.xml"
    ll, = loc["logicalLocations"]
    assert ll["fullyQualifiedName"].startswith("/"), ll
    # SARIF's kind for XML (3.33.7) of the path's last step; none for
    # the document node
    fq = ll["fullyQualifiedName"]
    last = fq.rsplit("/", 1)[1]
    kind = (None if fq == "/" else "attribute" if last.startswith("@")
        else "text" if last.startswith("text()") else "element")
    assert ll.get("kind") == kind, ll
    got.append((pl.get("region", {}).get("startLine", 0),
        res["message"]["text"], ll["fullyQualifiedName"],
        res["properties"]["schematronPattern"]))
p = "/Q{http://www.tei-c.org/ns/1.0}"
p = p + "TEI[1]" + p + "text[1]" + p + "body[1]" + p
want = [(0, "the document node sees 2 paragraphs", "/", "document"),
    (6, 'rend="bold" on p (attribute rend)', p + "p[1]/@Q{}rend",
        "attributes"),
    (6, "a p's rend: bold", p + "p[1]/@Q{}rend", "attribute-path"),
    (7, 'text "Two" in p', p + "p[2]/text()[1]", "texts"),
    (6, "note on p", p + "p[1]", "notes"),
    (6, "warning on p", p + "p[1]", "notes")]
got.sort(key=lambda r: want.index(r) if r in want else -1)
assert got == want, got
EOF
sed -e 's#</schema>#<pattern id="notes"><rule context="tei:p[@rend]"><report test="true()" role="info">note on p</report><report test="true()" role="warning">warning on p</report></rule></pattern></schema>#' \
    nodes.sch >"$tmp/nodes.sch"
cp tei.xml "$tmp/tei.xml"
(cd "$tmp" && guarded validate -j 1 --rules none --schema "$f/any.rng" \
    --schematron nodes.sch --format sarif tei.xml >"$tmp/sarif" 2>"$tmp/err")
st=$?
check "--format sarif: exit 2, nothing on stderr" [ $st -eq 2 -a ! -s "$tmp/err" ]
check "--format sarif: a result per finding, with its logicalLocations" \
    python3 "$tmp/sarif.py" "$tmp/sarif"

# ---- where the rules come from ----

sch "embedded sch:pattern in a RELAX NG schema run with --schema" 2 \
    --schema embedded.rng doc.xml <<'EOF'
doc.xml:5:3: error: embedded rule: item "gamma" has no n [TK-E027]
EOF
sch "embedded rules: --schematron none stops them" 0 \
    --schema embedded.rng --schematron none doc.xml </dev/null
sch "embedded rules: --schematron FILE replaces them" 2 \
    --schema embedded.rng --schematron phase.sch doc.xml <<'EOF'
doc.xml:5:3: error: item gamma lacks @n [TK-E027]
EOF
sch "<?xml-model?> Schematron declared by the document" 2 declared.xml <<'EOF'
declared.xml:6:3: error: declared rule: kind z unknown [TK-E027]
EOF
sch "<?xml-model?> Schematron: --schematron none" 0 \
    --schematron none declared.xml </dev/null
sch "<?xml-model?> Schematron: --schematron FILE instead" 2 \
    --schematron phase.sch --phase full declared.xml <<'EOF'
declared.xml:6:3: error: item two lacks @n [TK-E027]
EOF

# ---- --explain ----

sch "--explain: what was compiled, which rules fired how often" 2 \
    $A --schematron order.sch --explain doc.xml <<'EOF'
order.sch: Schematron: 2 patterns, 4 rules, 5 asserts and reports compiled
doc.xml:2:1: error: catch-all for doc [TK-E027]
doc.xml:3:3: error: special rule for alpha [TK-E027]
doc.xml:4:3: error: general rule for beta [TK-E027]
doc.xml:4:3: error: item beta is of kind b [TK-E027]
doc.xml:5:3: error: general rule for gamma [TK-E027]
doc.xml:5:3: error: item gamma lacks @n [TK-E027]
doc.xml:6:3: error: catch-all for note [TK-E027]
doc.xml: Schematron: rule item[@kind = 'a'] (line 4) fired 1 time
doc.xml: Schematron: rule item (line 7) fired 2 times
doc.xml: Schematron: rule * (line 10) fired 2 times
doc.xml: Schematron: rule item | doc/item (line 15) fired 3 times
EOF

# ---- threads ----

for x in doc tei declared doc tei declared doc tei; do
	echo "$x.xml"
done >"$tmp/files"
set -- $(cat "$tmp/files")
guarded validate -j 1 --rules none $A --schematron nodes.sch "$@" \
    >"$tmp/j1" 2>&1
s1=$?
guarded validate -j 4 --rules none $A --schematron nodes.sch "$@" \
    >"$tmp/j4" 2>&1
s4=$?
check "-j 4 over 8 files: the output and exit status of -j 1" \
    sh -c "[ $s1 -eq 2 ] && [ $s4 -eq 2 ] && cmp -s '$tmp/j1' '$tmp/j4'"
guarded validate -j 4 --rules none $A --schematron let.sch "$@" \
    >"$tmp/j4" 2>&1
guarded validate -j 1 --rules none $A --schematron let.sch "$@" \
    >"$tmp/j1" 2>&1
check "-j 4 with lets at every level: the output of -j 1" \
    cmp -s "$tmp/j1" "$tmp/j4"

# ---- outsized schemas ----

# 5,000 patterns, each a rule with a let: compiled and run at once
{
	echo '<schema xmlns="http://purl.oclc.org/dsdl/schematron">'
	i=0
	while [ $i -lt 5000 ]; do
		echo "<pattern id=\"p$i\"><rule context=\"item[@n = '$i']\"><let name=\"r\" value=\"$i + 1\"/><report test=\"\$r = 3\">pattern <value-of select=\"\$r - 1\"/> fired</report></rule></pattern>"
		i=$((i + 1))
	done
	echo '</schema>'
} >"$tmp/big.sch"
guarded validate -j 1 --rules none $A --schematron "$tmp/big.sch" doc.xml \
    >"$tmp/got" 2>&1
st=$?
check "5,000 patterns: exit 2 within the guard" [ $st -eq 2 ]
check "5,000 patterns: the one finding" [ "$(cat "$tmp/got")" = \
    "doc.xml:4:3: error: pattern 2 fired [TK-E027]" ]

# 5,000 patterns, each with a let of its own: a pattern's variables are
# its own (ISO), so each expression is compiled with the globals and
# its pattern's, not with every pattern's before it (which took 46 s
# and 4.8 GB); and one pattern's let is not another's
{
	echo '<schema xmlns="http://purl.oclc.org/dsdl/schematron">'
	echo '<let name="g" value="1"/>'
	i=0
	while [ $i -lt 5000 ]; do
		echo "<pattern id=\"p$i\"><let name=\"v$i\" value=\"$i + \$g\"/><rule context=\"item[@n = '$i']\"><report test=\"\$v$i = 3\">pattern <value-of select=\"\$v$i - 1\"/> fired</report></rule></pattern>"
		i=$((i + 1))
	done
	echo '</schema>'
} >"$tmp/bigp.sch"
guarded validate -j 1 --rules none $A --schematron "$tmp/bigp.sch" doc.xml \
    >"$tmp/got" 2>&1
st=$?
check "5,000 patterns with lets: exit 2 within the guard" [ $st -eq 2 ]
check "5,000 patterns with lets: the one finding" [ "$(cat "$tmp/got")" = \
    "doc.xml:4:3: error: pattern 2 fired [TK-E027]" ]
printf '%s\n' '<schema xmlns="http://purl.oclc.org/dsdl/schematron">' \
    '<pattern id="a"><let name="mine" value="1"/><rule context="doc"><assert test="$mine = 1">a</assert></rule></pattern>' \
    '<pattern id="b"><rule context="doc"><assert test="$mine = 1">b</assert></rule></pattern>' \
    '</schema>' >"$tmp/scope.sch"
guarded validate -j 1 --rules none $A --schematron "$tmp/scope.sch" doc.xml \
    >"$tmp/got" 2>&1
st=$?
grep -q 'XPST0008.*\[TK-S004\]$' "$tmp/got" && said=1 || said=0
check "a pattern's let is not in scope in the next pattern: TK-S004, exit 4" \
    [ "$st.$said" = 4.1 ]

deep() {
	python3 -c "import sys; n = int(sys.argv[1]); print('(' * n + '1' + ')' * n)" "$1"
}
printf '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><rule context="doc"><report test="%s = 1">deep enough</report></rule></pattern></schema>\n' \
    "$(deep 100)" >"$tmp/deep100.sch"
sch "an expression nested 100 deep: evaluated" 2 \
    $A --schematron "$tmp/deep100.sch" doc.xml <<'EOF'
doc.xml:2:1: error: deep enough [TK-E027]
EOF
printf '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><rule context="doc"><report test="%s = 1">too deep</report></rule></pattern></schema>\n' \
    "$(deep 100000)" >"$tmp/deep.sch"
guarded validate -j 1 --rules none $A --schematron "$tmp/deep.sch" doc.xml \
    >"$tmp/got" 2>&1
st=$?
check "an expression nested 100,000 deep: refused (exit 4), no crash" \
    [ $st -eq 4 ]
check "... with the reason, not cut off by the expression" grep -q \
    '\.\.\.", column 201: an expression nested more than 200 deep \[TKXP0002\] \[TK-S004\]$' \
    "$tmp/got"

tap_done
