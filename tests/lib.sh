# tests/lib.sh -- shared by the test scripts: TAP output, where things
# are, and how to run teikit (under valgrind when TEIKIT_VALGRIND=1).
set -u
srcdir=$(cd "${srcdir:-.}" && pwd)
top_builddir=$(cd "${top_builddir:-.}" && pwd)
shared=${TEIKIT_SHARED:-$srcdir/../shared}
TEIKIT_BIN=${TEIKIT_BIN:-$top_builddir/teikit}
export TEIKIT_DATADIR=${TEIKIT_TEST_DATADIR:-$srcdir}

# Hang guards (timeout) are stretched this much where teikit runs
# slowly on purpose: the sanitizer build of .ci/run (which scales the
# outsized inputs down with TEIKIT_TEST_SCALE).
slow=1
[ "${TEIKIT_TEST_SCALE:-1}" -gt 1 ] && slow=5

tap_n=0
tap_failed=0

run_teikit() {
	if [ "${TEIKIT_VALGRIND:-0}" = 1 ]; then
		"$top_builddir/libtool" --mode=execute valgrind -q \
		    --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect \
		    "$TEIKIT_BIN" "$@"
	else
		"$TEIKIT_BIN" "$@"
	fi
}

ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $*"
}

not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $*"
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - # SKIP $*"
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# laughs ROOT: the billion laughs' DOCTYPE for ROOT, open (the caller
# ends it with "]>" and a document whose text uses &j;).
laughs() {
	echo "<!DOCTYPE $1 [<!ENTITY a \"lollollollollollollollollollol\">"
	_p=a
	for _e in b c d e f g h i j; do
		printf '<!ENTITY %s "%s">\n' $_e \
		    "$(printf "&$_p;%.0s" 1 2 3 4 5 6 7 8 9 10)"
		_p=$_e
	done
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/teikit-test.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT

# need_chromium: find Chromium for browse(), or skip the whole script.
need_chromium() {
	chromium=
	for c in chromium chromium-browser google-chrome; do
		command -v "$c" >/dev/null 2>&1 && { chromium=$c; break; }
	done
	if [ -z "$chromium" ]; then
		skip "Chromium is not installed (apt-get install chromium)"
		tap_done
		exit 0
	fi
}

# browse ARGS...: headless Chromium, offline, a throwaway profile.
browse() {
	timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chromium.log"
}
