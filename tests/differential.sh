#!/bin/sh
# tests/differential.sh -- teikit's own RELAX NG engine against the spec
# and against jing.  Each case tests/rng/NAME.N.valid.xml (or
# .invalid.xml) against tests/rng/NAME.rng must get the verdict its name
# gives, and jing's; then the project's documents (tests/validate,
# tests/render, the encoder's golden outputs) must get jing's verdict
# against schema/teikit.rng and, when present, TEI P5's tei_all.
# libxml2's engine, known to be wrong in places, is only reported:
# "# libxml2 differs: FILE".  Comparisons with jing skip without jing.
# A case whose comment says "jing-differs: WHY" documents a jing defect:
# there teikit must give the spec's verdict, and jing's is not compared.
. "${srcdir:-.}/tests/lib.sh"

rng=$srcdir/tests/rng
tei_all=$shared/data/tei_all.rng
if [ -z "${TEIKIT_NO_JING:-}" ] && command -v jing >/dev/null 2>&1; then
	have_jing=1
else
	have_jing=0	# none, or TEIKIT_NO_JING set: teikit's verdicts only
fi

# scan STATUS WORD LOG FILE...: for each FILE, "yes FILE" when a line of
# LOG about it (one starting "FILE:") holds WORD, else "no FILE".  With
# STATUS, teikit's exit status for them all, it says instead "valid",
# "invalid" or, when the status says nothing of single files (neither
# 0, 1 nor 2 with a file named), "rerun".  One awk for all files.
scan() {
	status=$1
	word=$2
	log=$3
	shift 3
	printf '%s\n' "$@" >"$log.files"
	awk -v status="$status" -v w="$word" 'NR == FNR { f[++n] = $0; next }
	    index($0, w) {
		for (i = 1; i <= n; i++)
			if (index($0, f[i] ":") == 1) { hit[i] = 1; any = 1 }
	    }
	    END {
		for (i = 1; i <= n; i++) {
			if (status == "")
				v = hit[i] ? "yes" : "no"
			else if (status == 0 || status == 1)
				v = "valid"
			else if (status == 2 && any)
				v = hit[i] ? "invalid" : "valid"
			else
				v = "rerun"
			print v, f[i]
		}
	    }' "$log.files" "$log"
}

# verdict_of STATUS: a teikit exit status as a verdict.
verdict_of() {
	case $1 in
	0|1) echo valid ;;
	2) echo invalid ;;
	*) echo "error-$1" ;;
	esac
}

# tk_verdicts ENGINE SCHEMA FILE...: teikit's verdict on each FILE, one
# "VERDICT FILE" line each, its messages in $tmp/ENGINE.err.  One run
# for all files, each file's verdict read from the messages naming it;
# a run that fails otherwise, or names no file, is redone file by file.
tk_verdicts() {
	engine=$1
	schema=$2
	shift 2
	run_teikit validate --schema "$schema" --engine "$engine" \
	    --rules none "$@" >/dev/null 2>"$tmp/$engine.err"
	scan $? ': error: ' "$tmp/$engine.err" "$@" >"$tmp/$engine.scan"
	while read -r v f; do
		if [ "$v" = rerun ]; then
			run_teikit validate --schema "$schema" \
			    --engine "$engine" --rules none "$f" \
			    >/dev/null 2>>"$tmp/$engine.err"
			v=$(verdict_of $?)
		fi
		echo "$v $f"
	done <"$tmp/$engine.scan"
}

# jing_verdicts SCHEMA OUT FILE...: jing's verdict on each FILE into
# OUT, its messages into OUT.err; one JVM for all.  jing names each
# invalid file; a message naming none of them is about the schema, and
# makes every verdict "error-jing", as does a failure without message.
jing_verdicts() {
	schema=$1
	out=$2
	shift 2
	jing "$schema" "$@" >"$out.err" 2>/dev/null
	status=$?
	printf '%s\n' "$@" >"$out.err.files"
	if [ "$status" -ne 0 ] && [ ! -s "$out.err" ] ||
	    awk 'NR == FNR { f[$0] = 1; next }
	    { p = $0; sub(/:.*/, "", p); if (!(p in f)) bad = 1 }
	    END { exit !bad }' "$out.err.files" "$out.err"; then
		echo "# jing $schema: exit $status"
		sed 's/^/# jing: /' "$out.err"
		for f in "$@"; do echo "error-jing $f"; done >"$out"
		return
	fi
	scan "" ': ' "$out.err" "$@" |
	    sed 's/^yes /invalid /; s/^no /valid /' >"$out"
}

# jing_start SCHEMA FILE...: jing_verdicts into $tmp/jing, in the
# background (a JVM starts slowly); jing_wait waits for it.
jing_start() {
	jpid=
	[ "$have_jing" = 1 ] || return 0
	schema=$1
	shift
	jing_verdicts "$schema" "$tmp/jing" "$@" &
	jpid=$!
}

jing_wait() {
	[ -z "$jpid" ] || wait "$jpid"
}

# table: one line a file of $tmp/table.files, "FILE TEIKIT LIBXML2
# JING", each verdict "-" when unknown.
table() {
	[ -f "$tmp/libxml2" ] || : >"$tmp/libxml2"
	[ "$have_jing" = 1 ] || : >"$tmp/jing"
	awk 'FILENAME != ARGV[4] { v[FILENAME, $2] = $1; next }
	    { t = v[ARGV[1], $0]; l = v[ARGV[2], $0]; j = v[ARGV[3], $0]
	      print $0, (t ? t : "-"), (l ? l : "-"), (j ? j : "-") }' \
	    "$tmp/teikit" "$tmp/libxml2" "$tmp/jing" "$tmp/table.files"
}

# show ENGINE FILE: ENGINE's messages about FILE, as TAP comments.
show() {
	grep -F "$2:" "$tmp/$1.err" | head -5 | sed "s/^/# $1: /"
}

# compare LABEL FILE WANT TEIKIT LIBXML2 JING: teikit's verdict on FILE
# is WANT (unless WANT is "-") and jing's; libxml2's, when known, is
# only reported.
compare() {
	label=$1
	f=$2
	want=$3
	tk=$4
	lx=$5
	jv=$6
	ref=$want
	if [ "$want" != - ]; then
		[ "$tk" = "$want" ] || show teikit "$f"
		check "$label: teikit's engine says $tk, expected $want" \
		    [ "$tk" = "$want" ]
	fi
	if [ "$have_jing" = 1 ] && grep -q 'jing-differs:' "$f"; then
		# a jing defect, documented in the case: teikit keeps to the
		# spec (checked above) whatever jing says
		check "$label: jing says $jv (a documented jing defect)" true
	elif [ "$have_jing" = 1 ]; then
		ref=$jv
		[ "$tk" = "$jv" ] || { show teikit "$f"; show jing "$f"; }
		check "$label: teikit's engine says $tk, jing $jv" \
		    [ "$tk" = "$jv" ]
	else
		skip "no jing ($label)"
	fi
	[ "$lx" = - ] || [ "$ref" = - ] || [ "$lx" = "$ref" ] ||
	    echo "# libxml2 differs: $label (libxml2 says $lx, not $ref)"
}

# compare_all SUFFIX FILE...: compare each FILE, labelled by its path
# and SUFFIX; a case (no SUFFIX) has its expected verdict in its name.
compare_all() {
	suffix=$1
	shift
	printf '%s\n' "$@" >"$tmp/table.files"
	table >"$tmp/table"
	while read -r f tk lx jv; do
		want=-
		if [ -z "$suffix" ]; then
			case $f in
			*.invalid.xml) want=invalid ;;
			*) want=valid ;;
			esac
		fi
		compare "${f#"$srcdir"/}$suffix" "$f" "$want" "$tk" "$lx" "$jv"
	done <"$tmp/table"
}

# The cases: each schema with its instances.  jing runs in two
# background chains (a JVM starts slowly) while teikit runs; then the
# verdicts are compared.
cases=
for schema in "$rng"/*.rng; do
	name=$(basename "$schema" .rng)
	set -- "$rng/$name".[0-9]*.valid.xml "$rng/$name".[0-9]*.invalid.xml
	files=
	for f in "$@"; do [ -f "$f" ] && files="$files $f"; done
	[ -n "$files" ] || continue	# an included part
	echo "$files" >"$tmp/files.$name"
	cases="$cases $name"
done
jing_chain() {
	i=0
	for name in $cases; do
		i=$((i + 1))
		[ $((i % 2)) -eq "$1" ] || continue
		# shellcheck disable=SC2046
		jing_verdicts "$rng/$name.rng" "$tmp/jing.$name" \
		    $(cat "$tmp/files.$name")
	done
}
chains=
if [ "$have_jing" = 1 ]; then
	jing_chain 0 &
	chains="$chains $!"
	jing_chain 1 &
	chains="$chains $!"
fi
for name in $cases; do
	for engine in teikit libxml2; do
		# shellcheck disable=SC2046
		tk_verdicts $engine "$rng/$name.rng" $(cat "$tmp/files.$name") \
		    >"$tmp/$engine.$name"
		cp "$tmp/$engine.err" "$tmp/$engine.err.$name"
	done
done
# shellcheck disable=SC2086
[ -z "$chains" ] || wait $chains
for name in $cases; do
	for engine in teikit libxml2; do
		cp "$tmp/$engine.$name" "$tmp/$engine"
		cp "$tmp/$engine.err.$name" "$tmp/$engine.err"
	done
	if [ "$have_jing" = 1 ]; then
		cp "$tmp/jing.$name" "$tmp/jing"
		cp "$tmp/jing.$name.err" "$tmp/jing.err"
	fi
	# shellcheck disable=SC2046
	compare_all "" $(cat "$tmp/files.$name")
done

# The project's documents against teikit.rng: those teikit refuses
# before validating (not well-formed, not TEI) have no verdict, and
# those with an external DTD or entity are left out: jing would read
# them.
corpus=
for f in "$srcdir"/tests/validate/*.xml "$srcdir"/tests/validate/valid/*.xml \
    "$srcdir"/tests/render/*.xml "$srcdir"/tests/encode/*.xml; do
	[ -f "$f" ] && corpus="$corpus $f"
done
# shellcheck disable=SC2086
tk_verdicts teikit "$srcdir/schema/teikit.rng" $corpus >"$tmp/teikit"
grep -E 'TK-E01[23]' "$tmp/teikit.err" >"$tmp/refused"
grep -F TK-W010 "$tmp/teikit.err" >"$tmp/external"
# shellcheck disable=SC2086
scan "" "" "$tmp/refused" $corpus >"$tmp/scan.refused"
# shellcheck disable=SC2086
scan "" "" "$tmp/external" $corpus | paste -d ' ' "$tmp/scan.refused" - \
    >"$tmp/scan.both"
files=
while read -r refused f external _; do
	if [ "$refused" = yes ]; then
		skip "${f#"$srcdir"/}: not well-formed or not TEI"
	elif [ "$external" = yes ]; then
		skip "${f#"$srcdir"/}: an external DTD or entity jing would read"
	else
		files="$files $f"
	fi
done <"$tmp/scan.both"
# shellcheck disable=SC2086
jing_start "$srcdir/schema/teikit.rng" $files
# shellcheck disable=SC2086
tk_verdicts libxml2 "$srcdir/schema/teikit.rng" $files >"$tmp/libxml2"
jing_wait
# shellcheck disable=SC2086
compare_all " against teikit.rng" $files

# The same documents against tei_all: teikit and jing only (libxml2
# takes half a minute to compile tei_all).
if [ ! -f "$tei_all" ]; then
	skip "$tei_all absent"
	tap_done
	exit
fi
rm -f "$tmp/libxml2"
# shellcheck disable=SC2086
jing_start "$tei_all" $files
# shellcheck disable=SC2086
tk_verdicts teikit "$tei_all" $files >"$tmp/teikit"
jing_wait
# shellcheck disable=SC2086
compare_all " against tei_all" $files
tap_done
