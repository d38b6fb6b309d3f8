#!/bin/sh
# tests/frus-score.sh -- bench/frus-score.sh is an honest scorer: the
# Office of the Historian's reference scored against itself is 100 %
# precision and recall on the input that carries everything; what an
# input cannot carry (the web copy's missing dateline and notes) is
# skipped, not missed; an encoder that invents footnotes loses
# precision, one that drops page breaks loses recall, and one that fails
# or writes nothing makes the scorer fail, naming the document, instead
# of scoring a stale file.  The bad encoders are wrappers around teikit
# given to the scorer as TEIKIT.  Turns, persons, participant lists and
# omissions, which the development documents lack, are proved on the
# fixture in tests/frus-score/.  Needs ../shared/frus-dev.
. "${srcdir:-.}/tests/lib.sh"

score=${FRUS_SCORE:-$srcdir/bench/frus-score.sh}
dev=$shared/frus-dev
export TEIKIT_NO_JING=1

# field OUT FEATURE COLUMN: COLUMN (tp=2 fp=3 fn=4 precision=5
# recall=6) of FEATURE's row in the overall table of OUT.
field() {
	awk -v f="$2" -v c="$3" '/^overall/ { o = 1 } o && $1 == f { print $c }' "$1"
}

# perfect OUT: every scored row of the overall table is 100.0 % both
# ways, and at least one row is scored.
perfect() {
	awk '/^overall/ { o = 1; next } o && $2 ~ /^[0-9]+$/ {
		if ($2 + $3 + $4 == 0) next
		n++
		if ($5 != "100.0%" || $6 != "100.0%") { bad = 1; print "# " $0 }
	} END { exit (bad || !n) }' "$1"
}

if [ ! -d "$dev/reference" ]; then
	skip "no $dev: the FRUS development documents"
	tap_done
	exit
fi

# The reference against itself, on the input that carries everything.
TEIKIT=$TEIKIT_BIN sh "$score" --ours "$dev/reference" --no-errata \
    --variants plain-full "$dev" >"$tmp/self.out" 2>"$tmp/self.err"
check "reference against itself: exit 0" test $? -eq 0
check "reference against itself: 100 % precision and recall" \
    perfect "$tmp/self.out"
check "reference against itself: datelines scored" \
    test "$(field "$tmp/self.out" dateline.when 2)" -gt 0

# On the web copy the reference's datelines and notes' text are skipped
# as the input cannot carry them: n/a with the reason, none missed.
# (What the reference has there counts against its precision.)
TEIKIT=$TEIKIT_BIN sh "$score" --ours "$dev/reference" --variants plain \
    --only 'frus19[45]*' "$dev" >"$tmp/plain.out" 2>&1
check "web copy: datelines skipped, the reason given" \
    grep -q 'dateline\.when .*skipped: the input has no dateline line' \
    "$tmp/plain.out"
check "web copy: notes' text skipped, none missed" \
    test "$(field "$tmp/plain.out" notetext 4)" -eq 0 -a \
    "$(field "$tmp/plain.out" notetext 7)" -gt 0
check "web copy: page breaks and markers still scored" \
    test "$(field "$tmp/plain.out" pb 2)" -gt 0 -a \
    "$(field "$tmp/plain.out" note 2)" -gt 0

# teikit on the web copy, which has neither the dateline nor the note's
# text: neither counted as missed.
TEIKIT=$TEIKIT_BIN sh "$score" --variants plain --only frus1943China_d11 \
    "$dev" >"$tmp/web.out" 2>&1
check "web copy, teikit: the dateline n/a, not missed" \
    grep -q '^  dateline  *n/a: the input has no dateline line' "$tmp/web.out"
check "web copy, teikit: the note's text n/a, not missed" \
    grep -q '^  notetext  *n/a: the input has no footnote text' "$tmp/web.out"

# A wrapper around teikit that spoils encode as $BAD says, on the
# documents whose input path matches $BAD_ON.
cat >"$tmp/bad-teikit" <<EOF
#!/bin/sh
real='$TEIKIT_BIN'
[ "\$1" = encode ] || exec "\$real" "\$@"
for a; do src=\$a; done
case \$src in *\${BAD_ON:-}*) ;; *) exec "\$real" "\$@" ;; esac
out=
prev=
for a; do [ "\$prev" = -o ] && out=\$a; prev=\$a; done
case \$BAD in
fail) echo "\$src:1:1: error: spoilt on purpose" >&2; exit 2 ;;
nothing) exit 0 ;;
esac
"\$real" "\$@" || exit \$?
case \$BAD in
notes)	i=0 n=
	while [ \$i -lt 40 ]; do
		n="\$n<note n=\\"9\$i\\">Invented.</note>"; i=\$((i + 1))
	done
	sed "s|</div>|<p>An invented passage.\$n</p></div>|" "\$out" >"\$out.t" ;;
nopb)	sed 's|<pb [^>]*/>||g' "\$out" >"\$out.t" ;;
esac
mv "\$out.t" "\$out"
EOF
chmod +x "$tmp/bad-teikit"
one="--variants plain-full --only frus1943China_d11"

TEIKIT=$TEIKIT_BIN sh "$score" $one "$dev" >"$tmp/good.out" 2>&1
check "teikit on one document: exit 0" test $? -eq 0
good_p=$(field "$tmp/good.out" note 5)
good_r=$(field "$tmp/good.out" pb 6)

TEIKIT=$tmp/bad-teikit BAD=notes sh "$score" $one "$dev" >"$tmp/notes.out" 2>&1
check "40 invented footnotes: 40 false positives" \
    test "$(field "$tmp/notes.out" note 3)" -eq 40
p=$(field "$tmp/notes.out" note 5)
check "40 invented footnotes: precision falls ($good_p -> $p)" \
    test "${p%.*}" -lt "${good_p%.*}"

TEIKIT=$tmp/bad-teikit BAD=nopb sh "$score" $one "$dev" >"$tmp/nopb.out" 2>&1
r=$(field "$tmp/nopb.out" pb 6)
check "page breaks dropped: recall falls ($good_r -> $r)" \
    test "$r" = "0.0%" -a "$good_r" = "100.0%"

# An encoder that fails or writes nothing on the second of two
# documents: the scorer exits 1 naming it, and does not score the
# first document's file in its place.
two="--variants plain-full --only frus1943China_d1[12]"
for bad in fail nothing; do
	TEIKIT=$tmp/bad-teikit BAD=$bad BAD_ON=d12 sh "$score" $two "$dev" \
	    >"$tmp/$bad.out" 2>"$tmp/$bad.err"
	check "encoder $bad: exit 1" test $? -eq 1
	check "encoder $bad: the document named" \
	    grep -q 'error: plain-full/frus1943China_d12: teikit encode' \
	    "$tmp/$bad.err"
	check "encoder $bad: the other document scored" \
	    grep -q 'plain-full/frus1943China_d11 .*valid: yes' "$tmp/$bad.out"
	check "encoder $bad: no stale file scored" \
	    test "$(field "$tmp/$bad.out" head 2)" -eq 1 -a \
	    "$(field "$tmp/$bad.out" head 3)" -eq 0 -a \
	    "$(field "$tmp/$bad.out" head 4)" -eq 1
done
TEIKIT=$tmp/bad-teikit BAD=fail sh "$score" --ours "$tmp/none" $one "$dev" \
    >/dev/null 2>"$tmp/none.err"
check "--ours without the file: exit 1, named" \
    grep -q 'error: plain-full/frus1943China_d11: no ' "$tmp/none.err"

# Turns, persons, participant lists, omissions, senders: the fixture's
# reference against itself, and against an encoding with one turn given
# to the wrong person, one participant and the omission left out, and
# the dateline in an opener where the reference has it free-standing.
fx=$srcdir/tests/frus-score
TEIKIT=$TEIKIT_BIN sh "$score" --ours "$fx/dev/reference" "$fx/dev" \
    >"$tmp/fx.out" 2>&1
check "fixture against itself: 100 % precision and recall" \
    perfect "$tmp/fx.out"
for f in sp sp.who person participant gap fromto.gloss; do
	check "fixture: $f scored" test "$(field "$tmp/fx.out" $f 2)" -gt 0
done
TEIKIT=$TEIKIT_BIN sh "$score" --ours "$fx/ours" "$fx/dev" \
    >"$tmp/fxbad.out" 2>&1
check "fixture: a turn's @who wrong: sp.who 1 false positive, 1 miss" \
    test "$(field "$tmp/fxbad.out" sp.who 3)" -eq 1 -a \
    "$(field "$tmp/fxbad.out" sp.who 4)" -eq 1
check "fixture: the speaker labels still right" \
    test "$(field "$tmp/fxbad.out" sp 3)" -eq 0 -a \
    "$(field "$tmp/fxbad.out" sp 4)" -eq 0
check "fixture: a participant left out: recall falls" \
    test "$(field "$tmp/fxbad.out" participant 4)" -eq 1
check "fixture: the omission left out: recall 0" \
    test "$(field "$tmp/fxbad.out" gap 6)" = "0.0%"
check "fixture: a free dateline put in an opener: where it stands wrong" \
    test "$(field "$tmp/fxbad.out" dateline.where 6)" = "0.0%" -a \
    "$(field "$tmp/fxbad.out" dateline 6)" = "100.0%"
check "fixture: the person only a list names left out: a miss" \
    test "$(field "$tmp/fxbad.out" person 4)" -eq 1

# The errata (bench/frus-errata.tsv) correct the reference where it
# breaks its own convention: the raw reference against the corrected
# one misses exactly the errata's features, and says so.
TEIKIT=$TEIKIT_BIN sh "$score" --ours "$dev/reference" \
    --variants plain-full "$dev" >"$tmp/errata.out" 2>&1
n=$(grep -c "^frus1943China_d12	" "$srcdir/bench/frus-errata.tsv")
check "errata: the corrected document says how many it took" \
    grep -q "^plain-full/frus1943China_d12 .*errata: $n\$" "$tmp/errata.out"
check "errata: the raw reference misses the sender they add" \
    test "$(field "$tmp/errata.out" fromto.persName 4)" -eq 1 -a \
    "$(field "$tmp/errata.out" fromto.persName 3)" -eq 0
check "errata: and the person" \
    test "$(field "$tmp/errata.out" person 4)" -eq 1

# What a feature is (bench/frus-features.xsl): a received date is not
# the dateline's date; signers and listed participants are persons
# where no persName marks them, a title is not.
"$TEIKIT_BIN" render --stylesheet "$srcdir/bench/frus-features.xsl" \
    "$fx/features/persons-dates.xml" >"$tmp/feat.out" 2>&1
check "features: the dateline's date, not the received date" \
    test "$(grep -c '^dateline.when	' "$tmp/feat.out")" -eq 1 -a \
    "$(grep -c '^dateline.when	1943-02-27	' "$tmp/feat.out")" -eq 1
for p in Zador Welles Dulles Murphy; do
	check "features: $p is a person" grep -q "^person	$p	" "$tmp/feat.out"
done
check "features: \"The Secretary of State\" is not" \
    test "$(grep -c '^person	' "$tmp/feat.out")" -eq 4

tap_done
