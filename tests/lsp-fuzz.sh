#!/bin/sh
# tests/lsp-fuzz.sh -- teikit lsp's fuzz target (fuzz/fuzz_lsp.c) over
# its seeds and regression inputs (tests/lsp/fuzz/: recorded sessions,
# bad frames, bad JSON) once, through fuzz/driver.c, under whatever
# compiler and sanitizers this build uses; a hang guard, no timing.
. "${srcdir:-.}/tests/lib.sh"

bin=$top_builddir/fuzz/lsp-regress
dir=$srcdir/tests/lsp/fuzz
if [ ! -x "$bin" ]; then
	not_ok "fuzz/lsp-regress not built"
else
	n=$(ls "$dir" | wc -l)
	TMPDIR=$tmp timeout $((300 * slow)) "$bin" "$dir" >/dev/null \
	    2>"$tmp/err"
	status=$?
	if [ $status -eq 0 ]; then
		ok "lsp: $n inputs run clean"
	else
		tail -30 "$tmp/err" | sed 's/^/# /'
		not_ok "lsp: inputs (exit $status)"
	fi
fi
tap_done
