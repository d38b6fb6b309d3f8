#!/bin/sh
# bench/frus-score.sh -- how close teikit's encoding of the FRUS
# development documents (../shared/frus-dev) comes to the Office of the
# Historian's own TEI (its reference/), feature by feature, in precision
# (how much of what we mark the reference marks too) and recall (how
# much of what the reference marks we mark too), with the counts: true
# positives, false positives, false negatives; per document and overall.
#
# The features (bench/frus-features.xsl says how each is read): the
# document number, head, source note, page breaks and footnote markers
# (by the text before them), footnote text, datelines (whole, where
# it stands: in an opener or free, placeName, date/@when without the
# time zone, which no input prints), senders and
# recipients (persName and gloss type="from|to"), participant list
# items, closers (their salute left out: the tei profile keeps it in the
# closer, the Office of the Historian before it) and signed, gaps in the
# text (by the text before them; a gap standing for a note's missing
# text is no omission), persons (by surname, each once: listPerson and
# persName), turns (sp: speaker label and where the turn begins; sp.who:
# the person its @who resolves to).
#
# Each input directory (plain/: the web copy, no notes and no dateline;
# plain-with-notes/; plain-full/) carries only some of these.  A feature
# of the reference that the input cannot carry -- its text is not in the
# input where it would stand: a dateline line, a "N. text" footnote line,
# a "[Page N]" marker -- is left out of recall and counted as skipped; a
# feature with nothing left to score is "n/a" with the reason.  What we
# mark where the reference has nothing (or nothing the input carries)
# still counts against precision.
#
# Each encoding is made afresh; when teikit encode fails (exit status 2
# or more, no output, output that cannot be read) the document is named
# on standard error, scored as if nothing were encoded, and the script
# exits 1.  Also reported: valid against teikit.rng, against tei_all
# with jing (when present and TEIKIT_NO_JING is unset), exact round trip.
#
# The reference is taken as it is, except where bench/frus-errata.tsv
# says it breaks its own convention (each line gives the document, the
# feature and why); those corrections are added to the reference's
# features and each document they touch says "errata: N".
# --no-errata scores the raw reference.
#
# Usage: bench/frus-score.sh [--profile tei|frus] [--ours DIR]
#            [--variants "plain plain-with-notes plain-full"]
#            [--only GLOB] [--no-errata] [DIR]
# --ours DIR scores DIR/VARIANT/NAME.xml (or DIR/NAME.xml) instead of
# encoding: the reference given as DIR must score 100/100 on plain-full.
# --only GLOB scores only the documents whose names match GLOB.
# VERBOSE=1 lists every missed and spurious feature.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
teikit=${TEIKIT:-$top/teikit}
profile=tei
ours=
variants=
only='*'
errata=$top/bench/frus-errata.tsv
while [ $# -gt 0 ]; do
	case $1 in
	--profile) profile=$2; shift 2 ;;
	--ours) ours=$2; shift 2 ;;
	--variants) variants=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--no-errata) errata=; shift ;;
	-*) echo "usage: frus-score.sh [--profile P] [--ours DIR]" \
	    "[--variants LIST] [--only GLOB] [--no-errata] [DIR]" >&2
	    exit 2 ;;
	*) break ;;
	esac
done
dev=${1:-$top/../shared/frus-dev}
tei_all=$top/../shared/data/tei_all.rng
[ -d "$dev/reference" ] || { echo "frus-score: no $dev/reference" >&2; exit 2; }
if [ -z "$variants" ]; then
	for v in plain plain-with-notes plain-full; do
		[ -d "$dev/$v" ] && variants="$variants $v"
	done
fi
jing=
if [ -z "$ours" ] && [ -z "${TEIKIT_NO_JING:-}" ] && [ -f "$tei_all" ] &&
    command -v jing >/dev/null 2>&1; then
	jing=jing
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/totals"
: >"$tmp/failed"

features() {	# features FILE.xml >OUT: one feature a line; 1 on errors
	"$teikit" render --stylesheet "$top/bench/frus-features.xsl" "$1"
	[ $? -le 1 ]
}

# score ID INPUT.txt: the table of one document, from $tmp/ref and
# $tmp/ours; each feature's counts appended to $tmp/totals.
score() {
	awk -v id="$1" -v input="$2" -v reff="$tmp/ref" -v oursf="$tmp/ours" \
	    -v totals="$tmp/totals" -v verbose="${VERBOSE:-}" '
	function strip(s) {
		gsub(/[ \t\r\n]+/, "", s)
		gsub(/\302\240/, "", s)
		return s
	}
	# The key compared: no white space; for a position, the number and
	# the last 20 characters before it; @when without its time zone.
	function mkey(kind, key,   n, c) {
		if (kind == "pb" || kind == "note") {
			n = key; sub(/ .*/, "", n)
			c = key; sub(/^[^ ]* ?/, "", c)
			c = strip(c)
			return n "|" substr(c, length(c) > 20 ? length(c) - 19 : 1)
		}
		if (kind == "gap") {
			c = strip(key)
			return substr(c, length(c) > 20 ? length(c) - 19 : 1)
		}
		if (kind == "dateline.when")
			sub(/(Z|[+-][0-9][0-9]:[0-9][0-9])$/, "", key)
		return strip(key)
	}
	function carried(mode, probe,   p, i, at, s) {
		p = strip(probe)
		if (p == "")
			return 1
		if (mode == "R")
			return index(all, p) > 0
		if (mode == "A")
			return index(nopage, p) > 0
		if (mode == "N") {
			for (i = 1; i <= nl; i++)
				if (line[i] == "No." p ||
				    substr(line[i], 1, length(p) + 1) == p ".")
					return 1
			return 0
		}
		# L: the first 30 characters begin a line
		p = substr(p, 1, 30)
		s = all
		at = 0
		while ((i = index(s, p)) > 0) {
			if ((at + i) in start)
				return 1
			at += i
			s = substr(s, i + 1)
		}
		return 0
	}
	BEGIN {
		FS = "\t"
		nk = split("number head source pb note notetext dateline " \
		    "dateline.where dateline.place dateline.when " \
		    "fromto.persName fromto.gloss " \
		    "participant closer signed gap person sp sp.who", kinds, " ")
		why["number"] = "the input has no document number"
		why["head"] = "the input has no heading line"
		why["source"] = "the input has no source note text"
		why["pb"] = "the input has no [Page N] marker"
		why["note"] = "the input has no footnote marker"
		why["notetext"] = "the input has no footnote text"
		why["dateline"] = "the input has no dateline line"
		why["dateline.where"] = why["dateline"]
		why["dateline.place"] = why["dateline"]
		why["dateline.when"] = why["dateline"]
		why["fromto.persName"] = "the input does not name them"
		why["fromto.gloss"] = why["fromto.persName"]
		why["participant"] = "the input has no participant list"
		why["closer"] = "the input has no closing line"
		why["signed"] = why["closer"]
		why["gap"] = "the input has no omission"
		why["person"] = "the input does not name them"
		why["sp"] = "the input has no turn labels"
		why["sp.who"] = why["sp"]
		set["person"] = 1
		all = ""
		nl = 0
		while ((getline l < input) > 0) {
			l = strip(l)
			line[++nl] = l
			start[length(all) + 1] = 1
			if (match(l, /^(No\.)?[0-9]+[a-z]?\./))
				start[length(all) + RLENGTH + 1] = 1
			all = all l
		}
		nopage = all
		gsub(/\[Page[0-9ivxlcdm]+\]/, "", nopage)
		while ((getline l < reff) > 0) {
			split(l, f, "\t")
			k = f[1] SUBSEP mkey(f[1], f[2])
			refall[f[1]]++
			if (!carried(f[3], f[4])) {
				skipped[f[1]]++
				continue
			}
			if (set[f[1]] && (k in refc))
				continue
			refc[k]++
			nref[f[1]]++
			shown[k] = f[2]
		}
		while ((getline l < oursf) > 0) {
			split(l, f, "\t")
			k = f[1] SUBSEP mkey(f[1], f[2])
			if (set[f[1]] && (k in oursc))
				continue
			oursc[k]++
			nours[f[1]]++
			if (!(k in shown))
				shown[k] = f[2]
		}
		for (k in refc) {
			split(k, kk, SUBSEP)
			m = (k in oursc) ? oursc[k] : 0
			tp[kk[1]] += refc[k] < m ? refc[k] : m
			if (verbose != "" && refc[k] > m)
				miss[kk[1]] = miss[kk[1]] "      missed: " shown[k] \
				    (refc[k] - m > 1 ? " (x" refc[k] - m ")" : "") "\n"
		}
		for (k in oursc) {
			split(k, kk, SUBSEP)
			r = (k in refc) ? refc[k] : 0
			if (verbose != "" && oursc[k] > r)
				miss[kk[1]] = miss[kk[1]] "      spurious: " shown[k] \
				    (oursc[k] - r > 1 ? " (x" oursc[k] - r ")" : "") "\n"
		}
		printf "  %-16s %4s %4s %4s %9s %7s\n", "feature", "tp", "fp",
		    "fn", "precision", "recall"
		for (i = 1; i <= nk; i++) {
			n = kinds[i]
			t = tp[n] + 0
			fp = nours[n] - t
			fn = nref[n] - t
			sk = skipped[n] + 0
			print n, t, fp, fn, sk, refall[n] + 0 >> totals
			if (t + fp + fn == 0) {
				printf "  %-16s n/a: %s\n", n, refall[n] ? \
				    why[n] " (" refall[n] " in the reference)" : \
				    "none in the reference or ours"
				continue
			}
			printf "  %-16s %4d %4d %4d %9s %7s%s\n", n, t, fp, fn,
			    t + fp ? sprintf("%.1f%%", 100 * t / (t + fp)) : "-",
			    t + fn ? sprintf("%.1f%%", 100 * t / (t + fn)) : "-",
			    sk ? "  (" sk " skipped: " why[n] ")" : ""
			printf "%s", miss[n]
		}
	}'
}

for variant in $variants; do
	for txt in "$dev/$variant"/$only.txt; do
		[ -f "$txt" ] || continue
		name=$(basename "$txt" .txt)
		id=$variant/$name
		ref=$dev/reference/$name.xml
		if [ ! -f "$ref" ]; then
			echo "frus-score: $id: no reference $ref" >&2
			echo "$id (no reference)" >>"$tmp/failed"
			continue
		fi
		if [ ! -f "$tmp/ref-$name" ] &&
		    ! features "$ref" >"$tmp/ref-$name" 2>"$tmp/err"; then
			echo "frus-score: $id: cannot read the reference $ref:" >&2
			sed 's/^/    /' "$tmp/err" >&2
			exit 2
		fi
		cp "$tmp/ref-$name" "$tmp/ref"
		e=
		if [ -n "$errata" ]; then
			awk -F'\t' -v n="$name" '$1 == n {
			    print $2 "\t" $3 "\t" $4 "\t" $5 }' "$errata" \
			    >"$tmp/errata"
			cat "$tmp/errata" >>"$tmp/ref"
			[ -s "$tmp/errata" ] &&
			    e="  errata: $(wc -l <"$tmp/errata" | tr -d ' ')"
		fi
		rm -f "$tmp/ours.xml" "$tmp/ours"
		: >"$tmp/err"
		failed=
		if [ -n "$ours" ]; then
			if [ -f "$ours/$variant/$name.xml" ]; then
				cp "$ours/$variant/$name.xml" "$tmp/ours.xml"
			elif [ -f "$ours/$name.xml" ]; then
				cp "$ours/$name.xml" "$tmp/ours.xml"
			else
				failed="no $ours/$variant/$name.xml or $ours/$name.xml"
			fi
		else
			"$teikit" encode --profile "$profile" -o "$tmp/ours.xml" \
			    "$txt" 2>"$tmp/err"
			st=$?
			if [ "$st" -gt 1 ]; then
				failed="teikit encode failed (exit $st)"
			elif [ ! -s "$tmp/ours.xml" ]; then
				failed="teikit encode wrote nothing"
			fi
		fi
		if [ -z "$failed" ] && ! features "$tmp/ours.xml" >"$tmp/ours" \
		    2>>"$tmp/err"; then
			failed="the encoding cannot be read"
		fi
		if [ -n "$failed" ]; then
			echo "frus-score: error: $id: $failed" >&2
			[ -s "$tmp/err" ] && sed 's/^/    /' "$tmp/err" | head -5 >&2
			echo "$id ($failed)" >>"$tmp/failed"
			: >"$tmp/ours"
			v=FAILED j=- r=-
		elif [ -n "$ours" ]; then
			v=- j=- r=-
		else
			"$teikit" validate --rules teikit "$tmp/ours.xml" \
			    >/dev/null 2>&1 && v=yes || v=NO
			j=-
			if [ -n "$jing" ]; then
				jing "$tei_all" "$tmp/ours.xml" >/dev/null 2>&1 &&
				    j=yes || j=NO
			fi
			"$teikit" render --to text "$tmp/ours.xml" 2>/dev/null |
			    cmp -s - "$txt" && r=yes || r=NO
		fi
		w=
		[ -z "$failed" ] && [ -s "$tmp/err" ] &&
		    w="  warnings: $(grep -c ': warning: ' "$tmp/err")"
		echo "$id [$profile]  valid: $v  tei_all: $j  round trip: $r$w$e"
		[ -n "$w" ] && [ -n "${VERBOSE:-}" ] && sed 's/^/      /' "$tmp/err"
		echo "$variant $v $j $r" >>"$tmp/checks"
		score "$id" "$txt"
	done
done

if [ ! -s "$tmp/checks" ] && [ ! -s "$tmp/failed" ]; then
	echo "frus-score: no document to score in $dev ($variants, $only)" >&2
	exit 2
fi
echo
echo "overall [$profile]:"
awk '{ tp[$1] += $2; fp[$1] += $3; fn[$1] += $4; sk[$1] += $5
	if ($2 + $3 + $4 == 0) na[$1]++; n[$1]++
	if (!($1 in seen)) { seen[$1] = 1; order[++nk] = $1 } }
END {
	printf "  %-16s %4s %4s %4s %9s %7s %8s %4s\n", "feature", "tp", "fp",
	    "fn", "precision", "recall", "skipped", "n/a"
	for (i = 1; i <= nk; i++) {
		k = order[i]
		p = tp[k] + fp[k] ? sprintf("%.1f%%", 100 * tp[k] / (tp[k] + fp[k])) : "-"
		r = tp[k] + fn[k] ? sprintf("%.1f%%", 100 * tp[k] / (tp[k] + fn[k])) : "-"
		printf "  %-16s %4d %4d %4d %9s %7s %8d %2d/%d\n", k, tp[k], fp[k],
		    fn[k], p, r, sk[k], na[k], n[k]
	}
}' "$tmp/totals"
if [ -s "$tmp/checks" ]; then
	awk '{ n++; v += $2 == "yes"; vr += $2 != "-"; j += $3 == "yes"; jr += $3 != "-"
		r += $4 == "yes"; rr += $4 != "-" }
	END { printf "  documents: %d; valid (teikit.rng): %s; tei_all: %s;" \
	    " exact round trip: %s\n", n, vr ? v "/" vr : "not run",
	    jr ? j "/" jr : "not run",
	    rr ? r "/" rr : "not run" }' "$tmp/checks"
fi
if [ -s "$tmp/failed" ]; then
	echo "frus-score: error: $(wc -l <"$tmp/failed") document(s) not" \
	    "encoded, scored as empty:" >&2
	sed 's/^/    /' "$tmp/failed" >&2
	exit 1
fi
exit 0
