#!/bin/sh
# tests/lsp.sh -- teikit lsp driven by recorded sessions (tests/lsp/
# session.py writes framed JSON-RPC to its stdin and checks every
# response): initialize, diagnostics of a valid and an invalid
# document, a not-well-formed edit and its fix, a burst of changes
# validated once, UTF-16 columns beyond the BMP, symbols, definition,
# hover, completion from the schema (elements, attributes, closed
# values, closing tags; against tei_all and teikit.rng), and bad bytes
# survived.  Under TEIKIT_VALGRIND=1 the server runs under valgrind,
# leaks and errors failing.  Then a long session
# (tests/lsp/long.py): 10,000 edits, each validated, and the server's
# resident size flat (not under valgrind, whose size is its own).
. "${srcdir:-.}/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	skip "python3 is not installed"
	tap_done
	exit 0
fi
set --
if [ "${TEIKIT_VALGRIND:-0}" = 1 ]; then
	set -- "$top_builddir/libtool" --mode=execute valgrind -q \
	    --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect
	export LSP_TIMEOUT=120
fi
# tei_all for the fixtures, which declare no schema: the build tree's
if [ ! -r "$top_builddir/schema/tei/tei_all.rng" ]; then
	skip "tei_all is not in the build (configure --with-tei-schema=DIR)"
	tap_done
	exit 0
fi
timeout $((600 * slow)) python3 "$srcdir/tests/lsp/session.py" \
    "$TEIKIT_BIN" "$srcdir/tests/lsp" "$@" >"$tmp/out" 2>&1
status=$?
while IFS= read -r line; do
	case $line in
	"PASS "*)	ok "${line#PASS }" ;;
	"FAIL "*)	not_ok "${line#FAIL }" ;;
	*)		echo "# $line" ;;
	esac
done <"$tmp/out"
[ "$status" -eq 0 ] || not_ok "session.py ended with status $status"

# a session from a file, with no exit: the changes are validated at
# the input's end all the same
frame() {
	printf 'Content-Length: %d\r\n\r\n%s' "$(printf '%s' "$1" | wc -c)" "$1"
}
{
	frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'
	frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:a.xml","version":1,"text":"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><foo/></TEI>"}}}'
} >"$tmp/eof.in"
run_teikit lsp <"$tmp/eof.in" >"$tmp/eof.out" 2>"$tmp/eof.err"
status=$?
if [ $status -eq 1 ] && grep -q '"method":"textDocument/publishDiagnostics".*"code":"TK-E016"' "$tmp/eof.out"; then
	ok "a session read from a file: validated at its end, exit 1"
else
	sed 's/^/# /' "$tmp/eof.err"
	not_ok "a session read from a file (exit $status)"
fi

if [ "${TEIKIT_VALGRIND:-0}" != 1 ] && [ -r /proc/self/status ]; then
	timeout $((600 * slow)) python3 "$srcdir/tests/lsp/long.py" \
	    "$TEIKIT_BIN" "$srcdir/tests/lsp" >"$tmp/long" 2>&1
	status=$?
	while IFS= read -r line; do
		case $line in
		"PASS "*)	ok "long session: ${line#PASS }" ;;
		"FAIL "*)	not_ok "long session: ${line#FAIL }" ;;
		*)		echo "# $line" ;;
		esac
	done <"$tmp/long"
	[ "$status" -eq 0 ] || not_ok "long.py ended with status $status"
fi
tap_done
