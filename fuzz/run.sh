#!/bin/sh
# fuzz/run.sh [SECONDS] [TARGET...] -- run the libFuzzer targets (built by
# ./configure --enable-fuzzing CC=clang && make fuzz/encode fuzz/validate
# fuzz/cli fuzz/rngdiff fuzz/rngpair fuzz/tree fuzz/prolog fuzz/rnc
# fuzz/schematron fuzz/lsp) for SECONDS each (default 60), all
# at once at the lowest priority.  Each works on a copy of its seeds and
# regression inputs in fuzz-out/TARGET/corpus; what crashes, leaks or
# hangs is saved as fuzz-out/TARGET/crash-*, leak-*, timeout-* (fuzzing
# goes on after it), and the log is fuzz-out/TARGET/log.  Add a fixed
# input to fuzz/regress/TARGET/: `make check` runs it for ever after.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${FUZZ_BUILD:-$(pwd)}
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-encode validate cli rngdiff rngpair tree prolog rnc schematron lsp}
out=${FUZZ_OUT:-$build/fuzz-out}
export TEIKIT_DATADIR="${TEIKIT_DATADIR:-$here/..}"

for t in $targets; do
	if [ ! -x "$build/fuzz/$t" ]; then
		echo "fuzz/run.sh: no $build/fuzz/$t; build with" \
		    "./configure --enable-fuzzing CC=clang && make fuzz/$t" >&2
		exit 3
	fi
done
for t in $targets; do
	mkdir -p "$out/$t/corpus"
	cp "$here/corpus/$t/"* "$here/regress/$t/"* "$out/$t/corpus/" \
	    2>/dev/null
	dict=$here/$t.dict
	if [ "$t" = lsp ]; then	# its seeds and dictionary beside its test
		cp "$here/../tests/lsp/fuzz/"* "$out/$t/corpus/" 2>/dev/null
		dict=$here/../tests/lsp/fuzz_lsp.dict
	fi
	(cd "$out/$t" && nice -n 19 "$build/fuzz/$t" -fork=1 \
	    -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=100000 -close_fd_mask=3 -print_final_stats=1 \
	    -dict="$dict" -artifact_prefix="$out/$t/" \
	    corpus >log 2>&1) &
done
wait
for t in $targets; do
	printf '%s: ' "$t"
	grep -E '^#[0-9]+' "$out/$t/log" | tail -1
	ls "$out/$t" | grep -E '^(crash|leak|timeout|oom)-' || true
done
