#!/bin/sh
# tests/lsp-nvim.sh -- a real client: Debian's Neovim, headless, with
# its built-in LSP client (tests/lsp/nvim.lua) against teikit lsp on an
# invalid TEI file: the diagnostic where teikit validate puts it, the
# outline, a definition, and the diagnostic gone after an edit that
# fixes it.  Skipped without nvim (apt-get install neovim).
. "${srcdir:-.}/tests/lib.sh"

if ! command -v nvim >/dev/null 2>&1; then
	skip "nvim is not installed (apt-get install neovim)"
	tap_done
	exit 0
fi
if [ ! -r "$top_builddir/schema/tei/tei_all.rng" ]; then
	skip "tei_all is not in the build (configure --with-tei-schema=DIR)"
	tap_done
	exit 0
fi
cp "$srcdir/tests/lsp/invalid.xml" "$tmp/edit.xml"
(cd "$tmp" && NVIM_OUT="$tmp/out" TEIKIT_BIN="$TEIKIT_BIN" HOME="$tmp" \
    XDG_STATE_HOME="$tmp" XDG_CACHE_HOME="$tmp" \
    timeout $((120 * slow)) nvim --headless -n -u NONE -i NONE \
    -c "luafile $srcdir/tests/lsp/nvim.lua" edit.xml \
    >"$tmp/nvim.log" 2>&1)
status=$?
if [ $status -eq 0 ] && diff -u "$srcdir/tests/lsp/nvim.expected" \
    "$tmp/out" >"$tmp/diff" 2>&1; then
	ok "nvim: diagnostics, outline, definition, an edit's fix"
else
	awk '{ print "# " $0 }' "$tmp/diff" "$tmp/nvim.log" | head -40
	not_ok "nvim: what Neovim saw (exit $status)"
fi
tap_done
