#!/bin/sh
# tests/lsp-corpus.sh -- teikit lsp says what teikit validate says, at
# the same places, on real TEI (../shared/corpus/tei, 84 documents of
# 11 public editions: declared schemas, tei_all, not-well-formed ones,
# Greek and Swedish text): every document opened in one session, each
# published diagnostic turned back into line, column in characters,
# code and message (tests/lsp/corpus.py).  Skipped without the corpus.
. "${srcdir:-.}/tests/lib.sh"

corpus=$shared/corpus/tei
if [ ! -d "$corpus" ] || ! command -v python3 >/dev/null 2>&1; then
	skip "no $corpus, or no python3"
	tap_done
	exit 0
fi
find "$corpus" -name '*.xml' ! -path '*/Schemas/*' | sort >"$tmp/files"
# shellcheck disable=SC2046
timeout $((900 * slow)) python3 "$srcdir/tests/lsp/corpus.py" \
    "$TEIKIT_BIN" $(cat "$tmp/files") >"$tmp/out" 2>&1
status=$?
while IFS= read -r line; do
	case $line in
	"PASS "*)	ok "${line#PASS $corpus/}" ;;
	"FAIL "*)	not_ok "${line#FAIL $corpus/}" ;;
	"SKIP "*)	skip "${line#SKIP $corpus/}" ;;
	*)		echo "# $line" ;;
	esac
done <"$tmp/out"
[ "$status" -eq 0 ] || not_ok "corpus.py ended with status $status"
tap_done
