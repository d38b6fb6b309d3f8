#!/bin/sh
# tests/fuzz.sh -- the fuzz targets' seeds and regression inputs (each
# input that once crashed, leaked or hung a target) run once through
# fuzz/driver.c, under whatever compiler and sanitizers this build uses
# (the ASan+UBSan build of .ci/run among them).  Each target gets a hang
# guard, never a timed assertion.
. "${srcdir:-.}/tests/lib.sh"

for t in encode validate cli rngdiff rngpair tree prolog rnc schematron; do
	bin=$top_builddir/fuzz/$t-regress
	if [ ! -x "$bin" ]; then
		not_ok "$t: fuzz/$t-regress not built"
		continue
	fi
	for set in corpus regress; do
		dir=$srcdir/fuzz/$set/$t
		n=$(ls "$dir" 2>/dev/null | wc -l)
		TMPDIR=$tmp timeout 300 "$bin" "$dir" >/dev/null \
		    2>"$tmp/$t-$set.err"
		status=$?
		if [ $status -eq 0 ]; then
			ok "$t: $n $set inputs run clean"
		else
			grep -v ': \(note\|warning\|error\): ' "$tmp/$t-$set.err" |
			    tail -30 | sed 's/^/# /'
			not_ok "$t: $set inputs (exit $status)"
		fi
	done
done

tap_done
