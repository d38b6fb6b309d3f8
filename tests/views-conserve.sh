#!/bin/sh
# tests/views-conserve.sh -- every word shown: for each fixture of
# tests/views, teikit's own TEI (the render goldens' sources, the seed
# encoded), the FRUS history of ../shared/data/bench and every TEI
# document of ../shared/corpus/tei, the text and the HTML view hold every
# word of the source's text in order (tests/conserve.py says what that
# means, and lists the words lost).  A TEI without text must show its
# register or manuscript lines, or warn: never an empty page with exit 0.
# And the text view is clean paragraphs, not the source's indentation.
# One TAP line per document and view, then the totals.  That teikit's
# own output still comes back byte for byte is tests/roundtrip.sh's.
# Skips cleanly without python3.
. "${srcdir:-.}/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	skip "python3 is not installed"
	tap_done
	exit 0
fi
conserve() {
	python3 "$srcdir/tests/conserve.py" "$@"
}

# The checker itself must notice a word gone, a line glued to the next,
# and a note pasted into the running text.
fx=$srcdir/tests/views
printf 'Myself. He points upward. Pity me not,\n' >"$tmp/ok.txt"
cat >"$tmp/self.xml" <<'EOF'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
<lg><l>Myself. <stage>He points upward.</stage> Pity</l><l>me not,</l></lg>
</body></text></TEI>
EOF
conserve --summary "$tmp/self.xml" "$tmp/ok.txt" >/dev/null
check "conserve.py: a view with every word passes" [ $? -eq 0 ]
printf 'Myself. He upward. Pity me not,\n' >"$tmp/lost.txt"
conserve --summary "$tmp/self.xml" "$tmp/lost.txt" >/dev/null
check "conserve.py: a word missing fails" [ $? -eq 1 ]
printf 'Myself. He points upward. Pityme not,\n' >"$tmp/glued.txt"
conserve --summary "$tmp/self.xml" "$tmp/glued.txt" >/dev/null
check "conserve.py: two lines glued fail" [ $? -eq 1 ]

# The documents, linked as $tmp/in/N.xml (the corpus repeats base names
# across projects); $tmp/names maps N to a name for the TAP lines.
mkdir "$tmp/in" "$tmp/text" "$tmp/html"
: >"$tmp/names"
n=0
add() {
	n=$((n + 1))
	ln -s "$2" "$tmp/in/$n.xml"
	printf '%s\t%s\t%s\n' "$n" "$1" "$2" >>"$tmp/names"
}
for f in "$fx"/*.xml "$srcdir"/tests/render/*.xml; do
	[ -f "$f" ] && add "${f#"$srcdir"/}" "$f"
done
if run_teikit encode "$srcdir/examples/telegram-1235.txt" \
    >"$tmp/seed-encoded.xml" 2>/dev/null; then
	add "examples/telegram-1235.txt, encoded" "$tmp/seed-encoded.xml"
fi
[ -f "$shared/data/bench/frus-history.xml" ] &&
    add "bench/frus-history.xml" "$shared/data/bench/frus-history.xml"
if [ -d "$shared/corpus/tei" ]; then
	find "$shared/corpus/tei" -name Schemas -prune -o -name '*.xml' \
	    -type f -print | LC_ALL=C sort >"$tmp/corpus"
	while read -r f; do
		add "corpus/${f#"$shared"/corpus/tei/}" "$f"
	done <"$tmp/corpus"
else
	skip "the TEI corpus: $shared/corpus/tei absent"
fi

# One render per view for them all; a file's diagnostics begin "N.xml:".
for v in text html; do
	(cd "$tmp/in" && run_teikit render -j 2 --to $v -o "$tmp/$v" \
	    $(ls | sort -n)) 2>"$tmp/$v.err"
done
: >"$tmp/batch"
while IFS='	' read -r i name f; do
	printf '%s\ttext\t%s\n' "$f" "$tmp/text/$i.txt" >>"$tmp/batch"
	printf '%s\thtml\t%s\n' "$f" "$tmp/html/$i.html" >>"$tmp/batch"
done <"$tmp/names"
conserve --resources --batch "$tmp/batch" >"$tmp/results"

docs=0 words=0 lost_text=0 lost_html=0 failing_text=0 failing_html=0
exec 3<"$tmp/results"
while IFS='	' read -r i name f; do
	counted=
	for v in text html; do
		: >"$tmp/report"
		while IFS= read -r line <&3; do
			case $line in
			RESULT*) break ;;
			*) echo "$line" >>"$tmp/report" ;;
			esac
		done
		set -- $(echo "$line" | cut -f2-)
		cs=${1:-2} w=${2:-0} l=${3:-0}
		if grep -q "^$i\.xml:.*\[TK-E013\]" "$tmp/$v.err" || [ "$cs" = 3 ]
		then
			[ $v = text ] && skip "$name: not a TEI document"
			continue
		fi
		if grep -q "^$i\.xml:.* error: " "$tmp/$v.err"; then
			grep "^$i\.xml:" "$tmp/$v.err" | head -5 | sed 's/^/# /'
			not_ok "$name: --to $v renders"
			eval "failing_$v=\$((failing_$v + 1))"
			continue
		fi
		if [ "$cs" = 2 ]; then
			cat "$tmp/report"
			not_ok "$name: --to $v: conserve.py cannot check it"
			eval "failing_$v=\$((failing_$v + 1))"
			continue
		fi
		if [ -z "$counted" ]; then
			counted=1
			docs=$((docs + 1))
			words=$((words + w))
		fi
		eval "lost_$v=\$((lost_$v + l))"
		if [ "$cs" != 0 ]; then
			cat "$tmp/report"
			not_ok "$name: --to $v: $w words, $l lost"
			eval "failing_$v=\$((failing_$v + 1))"
		elif [ "$w" -eq 0 ] &&
		    ! grep -q "^$i\.xml: warning: .*\[TK-W[0-9]*\]" "$tmp/$v.err"
		then
			not_ok "$name: --to $v: an empty page, with no warning"
			eval "failing_$v=\$((failing_$v + 1))"
		else
			ok "$name: --to $v: $w words, 0 lost"
		fi
	done
done <"$tmp/names"
exec 3<&-

# The text view collapses the source's indentation: no line begins with
# a space and no two blank lines follow each other -- but in teikit's own
# output, whose round trip keeps its layout byte for byte.
raw=0
while IFS='	' read -r i name f; do
	case $name in tests/render/*|examples/*) continue ;; esac
	t=$tmp/text/$i.txt
	[ -s "$t" ] || continue
	if grep -q '^[[:space:]]\{1,\}[^[:space:]]' "$t" ||
	    awk 'NF == 0 { if (++b > 1) bad = 1; next } { b = 0 }
	    END { exit !bad }' "$t"; then
		raw=$((raw + 1))
		case $name in
		tests/views/*)
			grep -n '^[[:space:]]\{1,\}[^[:space:]]' "$t" |
			    head -3 | sed 's/^/# /'
			not_ok "$name: --to text is clean paragraphs" ;;
		esac
	else
		case $name in
		tests/views/*) ok "$name: --to text is clean paragraphs" ;;
		esac
	fi
done <"$tmp/names"
check "text views with indentation or runs of blank lines: $raw" [ $raw -eq 0 ]

desc="totals: $docs documents, $words words checked; text view: $lost_text lost, $failing_text documents failing; HTML view: $lost_html lost, $failing_html documents failing"
check "$desc" [ $((lost_text + lost_html + failing_text + failing_html)) -eq 0 ]
tap_done
