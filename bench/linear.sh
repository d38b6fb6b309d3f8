#!/bin/sh
# bench/linear.sh -- no super-linear path in teikit encode: for each
# shape of input, generated at 1x, 2x, 4x and 8x a base size, the time
# of `teikit encode -o FILE.xml FILE` (best of 3 runs, wall clock) and
# its ratio to the size before.  A ratio near 2 per doubling is linear;
# one above 3 is flagged: something grows faster than the input.
# Shapes:
#   speakers  turns of dialogue, each by a speaker of its own
#             ("Xab: ..."), each naming the speaker before
#   casevar   turns whose labels differ only in case ("ALBERTSON:",
#             "AlBeRtson:", ...), over four names
#   para      one long paragraph: one line of plain words, nothing to
#             escape in XML (a long run for the serialiser, doc.c)
#   lines     one paragraph of many lines
#   longline  one line of words with page breaks and footnote markers,
#             and & < > to escape
#   paras     many short paragraphs
#   notes     a footnote marker in each paragraph, the notes after "---"
#   pages     page breaks, alone between paragraphs and inside them
#   heads     many SUBJECT and PARTICIPANTS lists, each with its heading
#   letter    a letter: dateline, salutation, paragraphs of many lines,
#             close and signature
#   pageruns  a turn continued after a run of page breaks, and a list
#             whose items a run of page breaks parts
#   received  a dateline followed by many [Received …] lines
#   warnings  one line of years with a marker each ("19451"), each
#             warned about (TK-W001)
#   explain   --explain of one line of mentions, page breaks and
#             markers, with the notes after it
#   unclosed  one line of "[Page" that are no page markers
#   title     a title of many lines, with page breaks
#   numbers   one paragraph of numbers glued to words that are no
#             markers ("a,50 and b,50"): text joined to text
# Usage: bench/linear.sh [SHAPE...]      (all shapes when none given)
#        bench/linear.sh gen SHAPE N     (write the input of N units to
#                                         stdout; tests/encode-limits.sh
#                                         uses it)
# BENCH_SCALE multiplies the base sizes (default 1).  Notes run to
# 9600 at most at 8x (bench/linear.sh of an older teikit, whose markers
# had four digits at most, times the same work).  Uses the built
# ./teikit, or $TEIKIT.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)

# gen SHAPE N: the input, N units of the shape.
gen() {
	awk -v shape="$1" -v n="$2" '
	# k as letters: 0 -> "a", 25 -> "z", 26 -> "ba" ...
	function letters(k,    s, abc) {
		abc = "abcdefghijklmnopqrstuvwxyz"
		s = ""
		do {
			s = substr(abc, k % 26 + 1, 1) s
			k = int(k / 26)
		} while (k > 0)
		return s
	}
	# the kth case variant of a name: its first letter a capital, the
	# others upper case where the bits of k say so
	function variant(name, k,    s, i, c) {
		s = toupper(substr(name, 1, 1))
		for (i = 2; i <= length(name); i++) {
			c = substr(name, i, 1)
			s = s (k % 2 ? toupper(c) : c)
			k = int(k / 2)
		}
		return s
	}
	function words(k, m,    s, i) {
		s = "the report of " letters(k) " said that"
		for (i = 0; i < m; i++)
			s = s " " w[(k + i) % nw]
		return s
	}
	BEGIN {
		nw = split("conference delegation government minister " \
		    "proposal question agreement situation discussion " \
		    "representative memorandum position", w, " ")
		for (i = 1; i <= nw; i++)
			w[i - 1] = w[i]
		head = "100.00/1: Telegram\n\nNo. 1\nThe Ambassador in " \
		    "Ruritania (Alpha) to the Secretary of State (Beta)\n"
		if (shape == "title") {
			printf "100.00/1: Telegram\n\nNo. 1\nThe Ambassador,\n"
			for (k = 1; k <= n; k++)
				printf "%s [Page %d]%s,\n", w[k % nw], k,
				    letters(k)
			printf "to the Secretary of State\n\nText.\n"
			exit
		}
		printf "%s", head
		# a turn by a participant: the document is a dialogue
		if (shape == "speakers" || shape == "casevar" ||
		    shape == "pageruns")
			printf "\nAlpha: We begin.\n"
		if (shape == "speakers") {
			for (k = 0; k < n; k++)
				printf "\nXy%s: I agree with Xy%s on %s.\n",
				    letters(k), letters(k ? k - 1 : 0),
				    words(k, 3)
		} else if (shape == "casevar") {
			split("albertsonbyrnes kowalczykdunham " \
			    "fitzgeraldmorton harringtonbeale", base, " ")
			for (k = 0; k < n; k++)
				printf "\n%s: On %s.\n",
				    variant(base[k % 4 + 1], int(k / 4)),
				    words(k, 4)
		} else if (shape == "para") {
			printf "\nThe text"
			for (k = 0; k < n; k++)
				printf " %s (%s) and", words(k, 6), w[k % nw]
			printf " the end.\n"
		} else if (shape == "lines") {
			printf "\n"
			for (k = 0; k < n; k++)
				printf "%s,\n", words(k, 6)
			printf "the end.\n"
		} else if (shape == "longline") {
			printf "\nThe text"
			for (k = 0; k < n; k++) {
				printf " %s", words(k, 6)
				if (k % 10 == 3)
					printf " & <%s>", w[k % nw]
				if (k % 10 == 5)
					printf " [Page %d]", k + 1
				if (k % 10 == 0)
					printf " %s.%d", w[k % nw], k / 10 + 1
			}
			printf " the end.\n"
		} else if (shape == "paras") {
			for (k = 0; k < n; k++)
				printf "\n%s.\n", words(k, 8)
		} else if (shape == "notes") {
			for (k = 1; k <= n; k++)
				printf "\n%s.%d\n", words(k, 8), k
			printf "\n---\n"
			for (k = 1; k <= n; k++)
				printf "%d. Note %d: %s.\n", k, k, words(k, 2)
		} else if (shape == "pages") {
			for (k = 1; k <= n; k++)
				if (k % 2)
					printf "\n[Page %d]\n", k
				else
					printf "\n%s, [Page %d]%s.\n",
					    words(k, 3), k, words(k + 1, 3)
		} else if (shape == "heads") {
			for (k = 0; k < n; k++)
				printf "\n%s\n\n%s Ruritania %s\n\n%s %s\n\n" \
				    "%s.\n", k % 2 ? "PARTICIPANTS" : "SUBJECT",
				    w[k % nw], letters(k), w[(k + 1) % nw],
				    letters(k), words(k, 6)
		} else if (shape == "letter") {
			printf "\nWashington, August 22, 1940.\n\n" \
			    "My dear Mr. Prime Minister:\n"
			for (k = 0; k < n; k++)
				printf "%s%s,\n", k % 5 ? "" : "\n", words(k, 6)
			printf "\nWith warm regards,\n\nFranklin D. Roosevelt"
		} else if (shape == "pageruns") {
			for (k = 1; k <= n / 2; k++)
				printf "\n[Page %d]\n", k
			printf "\nand we go on.\n\nBeta: A list.\n\na. first.\n"
			for (; k <= n; k++)
				printf "\n[Page %d]\n", k
			printf "\nb. second.\n"
		} else if (shape == "received") {
			printf "\nMoscow, July 25, 1945.\n"
			for (k = 0; k < n; k++)
				printf "\n[Received July 26.]\n"
			printf "\nSir: %s.\n", words(0, 4)
		} else if (shape == "warnings") {
			printf "\nIn"
			for (k = 1; k <= n; k++)
				printf " 1945%d and %s,", k, words(k, 3)
			printf " the end.\n"
		} else if (shape == "explain") {
			printf "\nThe text"
			for (k = 1; k <= n; k++)
				printf " Alpha said [Page %d] this,%d and %s,",
				    k, k, words(k, 40)
			printf " the end.\n\n---\n"
			for (k = 1; k <= n; k++)
				printf "%d. Alpha wrote %s.\n", k, letters(k)
		} else if (shape == "numbers") {
			printf "\nThe text"
			for (k = 0; k < n; k++)
				printf " %s,50 and", w[k % nw]
			printf " the end.\n"
		} else if (shape == "unclosed") {
			printf "\nThe text"
			for (k = 0; k < n; k++)
				printf " [Page %s", letters(k)
			printf " the end].\n"
		} else {
			print "bench/linear.sh: unknown shape " shape \
			    >"/dev/stderr"
			exit 2
		}
	}'
}

# The base size (units at 1x) of each shape: 1x takes a tenth of a
# second or two once encoding is linear.
base() {
	case $1 in
	speakers)	echo 2500 ;;
	casevar)	echo 2500 ;;
	para)		echo 12000 ;;
	lines)		echo 12000 ;;
	longline)	echo 12000 ;;
	paras)		echo 8000 ;;
	notes)		echo 3000 ;;
	pages)		echo 5000 ;;
	heads)		echo 2500 ;;
	letter)		echo 12000 ;;
	pageruns)	echo 10000 ;;
	received)	echo 8000 ;;
	warnings)	echo 1200 ;;
	explain)	echo 1200 ;;
	unclosed)	echo 20000 ;;
	title)		echo 6000 ;;
	numbers)	echo 40000 ;;
	esac
}

# The options of encode for a shape.
options() {
	case $1 in
	explain)	echo --explain ;;
	esac
}

shapes="speakers casevar para lines longline paras notes pages heads letter
pageruns received warnings explain unclosed title numbers"

if [ "${1:-}" = gen ]; then
	if [ $# -ne 3 ]; then
		echo "usage: bench/linear.sh gen SHAPE N" >&2
		exit 3
	fi
	gen "$2" "$3"
	exit
fi

teikit=${TEIKIT:-$top/teikit}
if [ -z "${TEIKIT:-}" ] && [ -x "$top/.libs/teikit" ]; then
	# the program itself, not libtool's wrapper script
	teikit=$top/.libs/teikit
	LD_LIBRARY_PATH=$top/src/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
fi
[ -n "${TEIKIT_DATADIR:-}" ] || export TEIKIT_DATADIR="$top"
scale=${BENCH_SCALE:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] && shapes=$*

# best FILE: the best of 3 wall times of encode FILE, in seconds;
# "fail" when teikit fails on it.
best() {
	b=
	for r in 1 2 3; do
		s=$(date +%s.%N)
		"$teikit" encode $opts -o "$1.xml" "$1" 2>"$tmp/err"
		if [ $? -gt 1 ]; then	# 1: warnings only
			echo fail
			sed 's/^/# /' "$tmp/err" | head -3 >&2
			return
		fi
		t=$(echo "$s $(date +%s.%N)" | awk '{ printf "%.3f", $2 - $1 }')
		b=$(echo "$t ${b:-$t}" | awk '{ print $1 < $2 ? $1 : $2 }')
	done
	echo "$b"
}

for shape in $shapes; do
	if [ -z "$(base "$shape")" ]; then
		echo "bench/linear.sh: unknown shape $shape" >&2
		exit 3
	fi
done
printf '%-9s %9s %8s %8s %8s %8s   %s\n' shape "units(1x)" 1x 2x 4x 8x \
    "ratio per doubling"
flagged=0
for shape in $shapes; do
	b=$(base "$shape")
	b=$(awk -v b="$b" -v s="$scale" 'BEGIN { printf "%d", b * s }')
	times=
	opts=$(options "$shape")
	for m in 1 2 4 8; do
		f=$tmp/$shape-$m.txt
		gen "$shape" $((b * m)) >"$f"
		times="$times $(best "$f")"
		rm -f "$f" "$f.xml"
	done
	echo "$shape $b $times" | awk '{
		printf "%-9s %9s %8s %8s %8s %8s  ", $1, $2, $3, $4, $5, $6
		bad = 0
		for (i = 4; i <= 6; i++) {
			if ($i == "fail" || $(i - 1) == "fail") {
				printf " %6s", "-"
				continue
			}
			r = $(i - 1) > 0.001 ? $i / $(i - 1) : 0
			printf " %6.2f", r
			# below 0.05 s the noise is larger than the signal
			if (r > 3 && $i >= 0.05)
				bad = 1
		}
		print bad ? "  <-- worse than linear" : ""
		exit bad
	}' || flagged=$((flagged + 1))
done
if [ "$flagged" -gt 0 ]; then
	echo "$flagged shape(s) grow faster than the input"
	exit 1
fi
