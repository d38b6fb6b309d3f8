#!/bin/sh
# tests/engine.sh -- teikit's RELAX NG engine on the schemas and
# documents that once crashed it, gave a wrong verdict or took
# exponential time: patterns that make the session's store grow while a
# derivative is being taken (with malloc's fresh memory poisoned, so a
# stale pointer cannot go unnoticed), shared sub-patterns that a walk as
# a tree would visit 2^40 times, choices of 100,000 values and name
# classes of 300,000 names (deep recursion once), more than 32 value
# patterns for one attribute name, and a run over every fixture and the
# real corpus that must print the same bytes for any -j, every time.
# `timeout` is a hang guard, not a timed assertion.
. "${srcdir:-.}/tests/lib.sh"

div=${TEIKIT_TEST_SCALE:-1}
RNG='xmlns="http://relaxng.org/ns/structure/1.0"'
XSD='datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"'

# v DESC EXPECTED-STATUS SCHEMA DOC...: validate with MALLOC_PERTURB_ set;
# the status must be the expected one and stderr hold no crash.
v() {
	desc=$1 want=$2 schema=$3
	shift 3
	MALLOC_PERTURB_=165 timeout 120 "$TEIKIT_BIN" validate --rules none \
	    --schema "$schema" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ] && ! grep -q 'Sanitizer\|runtime error' \
	    "$tmp/err"; then
		ok "$desc"
	else
		not_ok "$desc (exit $got, want $want)"
		head -5 "$tmp/err" | sed 's/^/# /'
	fi
}

# repeat N TEXT: TEXT N times, no separator
repeat() { awk -v n="$1" -v t="$2" 'BEGIN { for (i = 0; i < n; i++)
    printf "%s", t }'; }

# -- the store grows during a derivative --------------------------------

# interleave of optional elements: many derived patterns per step
{
	echo "<element name=\"doc\" $RNG><interleave>"
	for x in a b c d e f g h; do
		echo "<zeroOrMore><element name=\"$x\"><empty/></element></zeroOrMore>"
	done
	echo "</interleave></element>"
} >"$tmp/ileave.rng"
{
	printf '<doc>'
	repeat $((10000 / div)) '<a/><c/><h/><b/><g/><e/><d/><f/>'
	printf '</doc>'
} >"$tmp/ileave.xml"
v "interleave of optional elements, $((80 / div)) KB valid document" \
    0 "$tmp/ileave.rng" "$tmp/ileave.xml"
v "the same with -j 2 over four copies" 0 "$tmp/ileave.rng" \
    "$tmp/ileave.xml" "$tmp/ileave.xml" "$tmp/ileave.xml" "$tmp/ileave.xml"

# (a|b)*, a, (a|b), twenty times: an ambiguous sequence, many states
{
	echo "<element name=\"doc\" $RNG><group>"
	repeat 20 '<zeroOrMore><choice><element name="a"><empty/></element><element name="b"><empty/></element></choice></zeroOrMore><element name="a"><empty/></element><choice><element name="a"><empty/></element><element name="b"><empty/></element></choice>'
	echo "</group></element>"
} >"$tmp/ambig.rng"
{
	printf '<doc>'
	repeat $((4000 / div)) '<a/><b/><a/><a/><b/>'
	repeat 20 '<a/><b/>'
	printf '</doc>'
} >"$tmp/ambig.xml"
v "(a|b)*, a, (a|b) twenty times, a valid document" 0 "$tmp/ambig.rng" \
    "$tmp/ambig.xml"
printf '<doc><a/><a/><c/></doc>' >"$tmp/ambig-bad.xml"
v "...and an invalid one" 2 "$tmp/ambig.rng" "$tmp/ambig-bad.xml"

# -- shared sub-patterns: walked once, not 2^40 times -------------------

# d_k = group(d_k-1, d_k-1): a list of up to 2^40 optional tokens,
# and element content of up to 2^40 optional elements (a few tokens
# and elements: with hundreds, the derivatives themselves grow, and
# jing overflows its stack)
doubling() {
	# doubling NAME LEAF-PATTERN: the defines d0..d40
	echo "<define name=\"${1}0\">$2</define>"
	i=1
	while [ $i -le 40 ]; do
		echo "<define name=\"$1$i\"><group><ref name=\"$1$((i - 1))\"/><ref name=\"$1$((i - 1))\"/></group></define>"
		i=$((i + 1))
	done
}
{
	echo "<grammar $RNG $XSD><start><element name=\"doc\">"
	echo "<attribute name=\"w\"><list><ref name=\"w40\"/></list></attribute>"
	echo "<list><ref name=\"t40\"/></list></element></start>"
	doubling w '<optional><data type="token"/></optional>'
	doubling t '<optional><data type="NCName"/></optional>'
	echo "</grammar>"
} >"$tmp/double.rng"
printf '<doc w="a b c d e f g h">%s</doc>' "$(repeat 8 'x ')" \
    >"$tmp/double.xml"
v "group(d, d) forty deep: data in attributes and text" 0 \
    "$tmp/double.rng" "$tmp/double.xml"
printf '<doc w="a">x 1y</doc>' >"$tmp/double-bad.xml"
v "...and a bad token in it" 2 "$tmp/double.rng" "$tmp/double-bad.xml"
{
	echo "<grammar $RNG><start><element name=\"doc\"><ref name=\"e40\"/></element></start>"
	doubling e '<optional><element name="p"><optional><attribute name="n"/></optional><text/></element></optional>'
	echo "</grammar>"
} >"$tmp/double-el.rng"
printf '<doc>%s</doc>' "$(repeat 30 '<p n="1">x</p>')" >"$tmp/double-el.xml"
v "group(d, d) forty deep: elements with attributes" 0 \
    "$tmp/double-el.rng" "$tmp/double-el.xml"

# -- big flat schemas: no recursion as deep as they are long ------------

n=$((100000 / div))
{
	echo "<element name=\"doc\" $RNG><attribute name=\"v\"><choice>"
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++)
	    printf "<value>v%d</value>\n", i }'
	echo "</choice></attribute><empty/></element>"
} >"$tmp/values.rng"
printf '<doc v="v%d"/>' $((n - 1)) >"$tmp/values.xml"
printf '<doc v="w1"/>' >"$tmp/values-bad.xml"
v "an attribute with $n values: the last one" 0 "$tmp/values.rng" \
    "$tmp/values.xml"
v "...and a value it does not list" 2 "$tmp/values.rng" \
    "$tmp/values-bad.xml"
if grep -q 'bad value "w1"; allowed: .*, …' "$tmp/err"; then
	ok "...whose message lists a few values, then …"
else
	not_ok "...whose message lists a few values, then …"
	sed 's/^/# /' "$tmp/err" | cut -c1-200
fi

n=$((300000 / div))
{
	echo "<element $RNG><choice>"
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++)
	    printf "<name>n%d</name>\n", i }'
	echo "</choice><empty/></element>"
} >"$tmp/names.rng"
printf '<n%d/>' $((n - 1)) >"$tmp/names.xml"
printf '<m1/>' >"$tmp/names-bad.xml"
v "a name class of $n names: the last one" 0 "$tmp/names.rng" \
    "$tmp/names.xml"
v "...and a name it does not list" 2 "$tmp/names.rng" "$tmp/names-bad.xml"

# -- more than 32 value patterns for one attribute name ------------------

{
	echo "<element name=\"doc\" $RNG><choice>"
	awk 'BEGIN { for (i = 1; i <= 40; i++)
	    printf "<group><attribute name=\"x\"><value>v%d</value></attribute><element name=\"e%d\"><empty/></element></group>\n", i, i }'
	echo "</choice></element>"
} >"$tmp/cands.rng"
printf '<doc x="v40"><e40/></doc>' >"$tmp/cands.xml"
printf '<doc x="v40"><e39/></doc>' >"$tmp/cands-bad.xml"
v "40 value patterns for one attribute: the 40th" 0 "$tmp/cands.rng" \
    "$tmp/cands.xml"
v "...and the 40th value with the 39th element" 2 "$tmp/cands.rng" \
    "$tmp/cands-bad.xml"

# a bad value of a required attribute is said once, not also "missing"
printf '<element name="doc" %s %s><attribute name="n"><data type="integer"/></attribute><empty/></element>' \
    "$RNG" "$XSD" >"$tmp/req.rng"
printf '<doc n="x"/>' >"$tmp/req.xml"
v "a bad value of a required attribute" 2 "$tmp/req.rng" "$tmp/req.xml"
if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q 'bad value "x"' "$tmp/err"
then
	ok "...is one error, its bad value, and not a missing attribute"
else
	not_ok "...is one error, its bad value, and not a missing attribute"
	sed 's/^/# /' "$tmp/err"
fi

# -- datatypes past libxml2's limits: decided, and held to ----------------

# integers of any length, as XML Schema has them (libxml2 stops at 24
# digits); years before the common era, as XML Schema 1.0 has them (no
# year 0; -0001 is 1 BCE, a leap year), at most 15 digits
big=123456789012345678901234567890123456789
printf '<element name="doc" %s %s><choice><value type="integer">%s</value><element name="n"><data type="integer"><param name="maxInclusive">%s</param></data></element><element name="d"><data type="date"/></element></choice></element>' \
    "$RNG" "$XSD" "$big" "$big" >"$tmp/dt.rng"
dt() {
	printf '%s' "$3" >"$tmp/dt.xml"
	v "$1" "$2" "$tmp/dt.rng" "$tmp/dt.xml"
}
dt "a 39-digit integer equals itself written with a sign and zeros" 0 \
    "<doc>+000$big</doc>"
dt "...and not one more" 2 "<doc>${big%9}8</doc>"
dt "maxInclusive of 39 digits: the bound" 0 "<doc><n>$big</n></doc>"
dt "...one past it" 2 "<doc><n>123456789012345678901234567890123456790</n></doc>"
dt "a date in 1 BCE (-0001)" 0 "<doc><d>-0001-12-31</d></doc>"
dt "February 29 of 1 BCE, a leap year" 0 "<doc><d>-0001-02-29</d></doc>"
dt "no year 0000" 2 "<doc><d>0000-01-01</d></doc>"
dt "a year of 15 digits" 0 "<doc><d>123456789012345-01-01</d></doc>"
dt "...of 16: past teikit's bound, refused" 2 "<doc><d>1234567890123456-01-01</d></doc>"

# -- any XML, not only TEI ----------------------------------------------

printf '<element name="memo" %s><oneOrMore><element name="line"><text/></element></oneOrMore></element>' \
    "$RNG" >"$tmp/memo.rng"
printf '<memo><line>a</line></memo>' >"$tmp/memo.xml"
printf '<memo/>' >"$tmp/memo-bad.xml"
v "a document not in TEI's namespace, against its own schema" 0 \
    "$tmp/memo.rng" "$tmp/memo.xml"
v "...an invalid one" 2 "$tmp/memo.rng" "$tmp/memo-bad.xml"
MALLOC_PERTURB_=165 "$TEIKIT_BIN" validate --schema "$tmp/memo.rng" \
    "$tmp/memo.xml" >/dev/null 2>"$tmp/err"
check "...with the default rules: TEI's rules leave it alone" \
    test "$?" -eq 0 -a ! -s "$tmp/err"
"$TEIKIT_BIN" validate "$tmp/memo.xml" >/dev/null 2>"$tmp/err"
check "...and without --schema or a declared one, it is refused: no schema" \
    grep -q 'TK-E026' "$tmp/err"

# the parser's depth limit, in words a user can act on
awk 'BEGIN { for (i = 0; i < 300; i++) printf "<a>" }' >"$tmp/deep.xml"
"$TEIKIT_BIN" validate --rules none --schema "$tmp/memo.rng" \
    "$tmp/deep.xml" >/dev/null 2>"$tmp/err"
if grep -q 'elements nest more than 256 deep' "$tmp/err" &&
    ! grep -q 'XML_PARSE' "$tmp/err"; then
	ok "a document nested too deep: the limit, not a libxml2 option"
else
	not_ok "a document nested too deep: the limit, not a libxml2 option"
	sed 's/^/# /' "$tmp/err"
fi

# -- messages: each exactly, from the tree and from the stream ----------

# msg DESC SCHEMA DOC EXPECTED: both validators print EXPECTED (the file
# name shown as d.xml)
msg() {
	desc=$1
	printf '%s\n' "$2" >"$tmp/m.rng"
	printf '%s\n' "$3" >"$tmp/d.xml"
	for how in tree stream; do
		if [ $how = tree ]; then rules=teikit; else rules=none; fi
		(cd "$tmp" && "$TEIKIT_BIN" validate --rules $rules \
		    --schema m.rng d.xml) >/dev/null 2>"$tmp/m.err"
		if [ "$(cat "$tmp/m.err")" = "$4" ]; then
			ok "message ($how): $desc"
		else
			not_ok "message ($how): $desc"
			sed 's/^/# got:  /' "$tmp/m.err"
			printf '%s\n' "$4" | sed 's/^/# want: /'
		fi
	done
}
E="<element $RNG $XSD"
msg "an attribute's own line and column" \
    "$E name=\"memo\"><attribute name=\"n\"><data type=\"integer\"/></attribute><optional><attribute name=\"type\"><choice><value>a</value><value>b</value></choice></attribute></optional><empty/></element>" \
    '<memo
   type="c"
      n="x"/>' \
    'd.xml:2:4: error: attribute type on <memo> has a bad value "c"; allowed: "a", "b" [TK-E016]
d.xml:3:7: error: attribute n on <memo> has a bad value "x"; expected xsd:integer [TK-E016]'
msg "the bad token of a list" \
    "$E name=\"doc\"><attribute name=\"nums\"><list><oneOrMore><data type=\"integer\"/></oneOrMore></list></attribute><list><data type=\"integer\"/><data type=\"integer\"/></list></element>" \
    '<doc nums="1 2 x3 4">5</doc>' \
    'd.xml:1:6: error: attribute nums on <doc> has a bad value "1 2 x3 4": its token "x3" is not allowed there; expected a list of xsd:integer [TK-E016]
d.xml:1:22: error: bad value "5" in <doc>: it lacks a token at its end [TK-E016]'
msg "namespaces shown where local names match" \
    "$E name=\"list\" ns=\"http://example.org/x\"><oneOrMore><element name=\"item\"><text/></element></oneOrMore></element>" \
    '<list xmlns="http://example.org/x"><item xmlns="">x</item></list>' \
    'd.xml:1:36: error: element <item xmlns=""> is not allowed anywhere in the schema; expected <item xmlns="http://example.org/x"> [TK-E016]'
msg "the required element first" \
    "$E name=\"list\"><optional><element name=\"head\"><text/></element></optional><zeroOrMore><element name=\"label\"><text/></element></zeroOrMore><oneOrMore><element name=\"item\"><text/></element></oneOrMore></element>" \
    '<list><head>h</head></list>' \
    'd.xml:1:1: error: element <list> is incomplete: <item> is required (allowed here: <item>, <label>) [TK-E016]'
msg "stray text at the text" \
    "$E name=\"doc\"><element name=\"a\"><empty/></element><element name=\"n\"><data type=\"integer\"/></element></element>" \
    '<doc>
  <a/>
     stray
  <n>
    x5
  </n>
</doc>' \
    'd.xml:3:6: error: text is not allowed directly in <doc> [TK-E016]
d.xml:5:5: error: bad value "x5" in <n> [TK-E016]'

# a namespace name with an ampersand, declared as "&amp;"
printf '<element name="r" ns="http://x/a&amp;b" %s><attribute name="a" ns="http://y/c&amp;d"/><empty/></element>' \
    "$RNG" >"$tmp/amp.rng"
printf '<r xmlns="http://x/a&amp;b" xmlns:y="http://y/c&amp;d" y:a="1"/>' \
    >"$tmp/amp.xml"
v "a namespace name declared with &amp; matches the schema's" 0 \
    "$tmp/amp.rng" "$tmp/amp.xml"
"$TEIKIT_BIN" validate --schema "$tmp/amp.rng" "$tmp/amp.xml" \
    >/dev/null 2>&1
check "...from the tree too" test $? -eq 0

# internal entities: their content is the document's, elements and all,
# at every reference (libxml2 reports it only the first time)
printf '<element name="a" %s><oneOrMore><element name="b"><value>xz</value></element></oneOrMore></element>' \
    "$RNG" >"$tmp/ent.rng"
printf '<!DOCTYPE a [<!ENTITY f "z"><!ENTITY e "<b>x&f;</b>">]><a>&e;&e;<b>x&f;</b></a>' \
    >"$tmp/ent.xml"
printf '<!DOCTYPE a [<!ENTITY e "<c/>">]><a><b>xz</b>&e;</a>' >"$tmp/ent-bad.xml"
printf '<!DOCTYPE a [<!ENTITY e "xz">]><a><b>&e;&e;</b></a>' >"$tmp/ent-bad2.xml"
v "an entity with markup used twice, from the stream" 0 "$tmp/ent.rng" \
    "$tmp/ent.xml"
v "...an element in an entity that the schema refuses" 2 "$tmp/ent.rng" \
    "$tmp/ent-bad.xml"
v "...an entity's text used twice is there twice" 2 "$tmp/ent.rng" \
    "$tmp/ent-bad2.xml"
for f in ent ent-bad ent-bad2; do
	"$TEIKIT_BIN" validate --schema "$tmp/ent.rng" "$tmp/$f.xml" \
	    >/dev/null 2>&1
	echo $?
done | tr '\n' ' ' >"$tmp/ent.st"
check "...and from the tree, the same verdicts" test \
    "$(cat "$tmp/ent.st")" = "0 2 2 "

# positions from the stream when the parser's buffer has moved on: a
# single line of 1 MB, the same messages as from the tree
printf '<element name="r" %s %s><zeroOrMore><element name="e"><attribute name="a"><data type="integer"/></attribute><text/></element></zeroOrMore></element>' \
    "$RNG" "$XSD" >"$tmp/long.rng"
awk -v n=$((40000 / div)) 'BEGIN { printf "<r>"; for (i = 0; i < n; i++)
    printf "<e a=\"%s\">zz</e>", i % 7 ? "1" : "x"; print "</r>" }' \
    >"$tmp/long.xml"
"$TEIKIT_BIN" validate --rules none --schema "$tmp/long.rng" \
    "$tmp/long.xml" 2>"$tmp/long.stream" >/dev/null
"$TEIKIT_BIN" validate --schema "$tmp/long.rng" "$tmp/long.xml" \
    2>"$tmp/long.tree" >/dev/null
if cmp -s "$tmp/long.stream" "$tmp/long.tree" &&
    ! grep -q 'long.xml:1: ' "$tmp/long.stream"; then
	ok "a 1 MB line: every attribute's column, the same from the stream"
else
	not_ok "a 1 MB line: every attribute's column, the same from the stream"
	diff "$tmp/long.stream" "$tmp/long.tree" | head -4 | sed 's/^/# /'
fi

# a namespace name longer than any buffer (once cut at 511 bytes)
ns="http://example.org/$(awk 'BEGIN { for (i = 0; i < 700; i++) printf "n" }')"
printf '<element name="r" ns="%s" %s><element name="c"><empty/></element></element>' \
    "$ns" "$RNG" >"$tmp/longns.rng"
printf '<r xmlns="%s"><c/></r>' "$ns" >"$tmp/longns.xml"
printf '<r xmlns="%s"><c/></r>' "${ns%n}" >"$tmp/longns-bad.xml"
v "a namespace name of 719 bytes" 0 "$tmp/longns.rng" "$tmp/longns.xml"
v "...and one byte shorter is another namespace" 2 "$tmp/longns.rng" \
    "$tmp/longns-bad.xml"

# -- the same bytes whatever -j, every time -----------------------------

files=
for f in "$srcdir"/tests/validate/*.xml "$srcdir"/tests/encode/*.xml \
    "$srcdir"/tests/split/*.xml; do
	[ -f "$f" ] && files="$files $f"
done
reps=$((20 / div))
[ "$reps" -lt 2 ] && reps=2
same_bytes() {
	# same_bytes LABEL SCHEMA FILES...: -j 1 once, then -j 1, 2, 8 in
	# turn, $reps runs in all; every run's output the first one's
	label=$1 schema=$2
	shift 2
	"$TEIKIT_BIN" validate -j 1 --schema "$schema" "$@" \
	    >"$tmp/ref.out" 2>&1
	r=0 bad=0
	while [ $r -lt "$reps" ]; do
		for j in 1 2 8; do
			MALLOC_PERTURB_=$((r % 200 + 1)) "$TEIKIT_BIN" validate \
			    -j $j --schema "$schema" "$@" >"$tmp/run.out" 2>&1
			cmp -s "$tmp/ref.out" "$tmp/run.out" || bad=$((bad + 1))
		done
		r=$((r + 1))
	done
	if [ $bad -eq 0 ] && ! grep -q 'Sanitizer\|validator failed' \
	    "$tmp/ref.out"; then
		ok "$label: the same output for -j 1, 2 and 8, $((reps * 3)) runs"
	else
		not_ok "$label: $bad of $((reps * 3)) runs differ"
	fi
}
same_bytes "the project's fixtures, teikit's schema" \
    "$srcdir/schema/teikit.rng" $files
tei_all=$shared/data/tei_all.rng
corpus=$shared/corpus/tei
if [ -f "$tei_all" ] && [ -d "$corpus" ]; then
	# shellcheck disable=SC2046
	same_bytes "the real corpus, tei_all" "$tei_all" \
	    $(find "$corpus" -name '*.xml' | sort)
	same_bytes "the project's fixtures, tei_all" "$tei_all" $files
else
	skip "the real corpus, tei_all: $shared not found"
	skip "the project's fixtures, tei_all: $shared not found"
fi

tap_done
