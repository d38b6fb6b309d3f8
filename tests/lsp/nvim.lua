-- tests/lsp/nvim.lua -- Neovim's own LSP client (0.7 and later) against
-- teikit lsp, headless (tests/lsp-nvim.sh): attach to the buffer, read
-- back the diagnostics, the outline and a definition, fix the error
-- with an edit (an incremental didChange) and see the diagnostics go;
-- then type a "<" in a <p> and ask for completion.
-- Writes what it saw to $NVIM_OUT, one line each.
local out = io.open(os.getenv('NVIM_OUT'), 'w')
local function say(s)
	out:write(s .. '\n')
	out:flush()
end
local id = vim.lsp.start_client({
	name = 'teikit',
	cmd = { os.getenv('TEIKIT_BIN'), 'lsp' },
	root_dir = vim.fn.getcwd(),
})
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
for _, d in ipairs(vim.diagnostic.get(buf)) do
	local lsp = d.user_data and d.user_data.lsp or {}
	say(string.format('diagnostic %d:%d %s %s %s', d.lnum, d.col,
	    tostring(d.code or lsp.code), tostring(d.source), d.message:sub(1, 30)))
end
local params = { textDocument = vim.lsp.util.make_text_document_params() }
local r = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol',
    params, 10000)
for _, res in pairs(r or {}) do
	local function walk(syms, depth)
		for _, s in ipairs(syms or {}) do
			say(string.format('symbol %d %s', depth, s.name))
			walk(s.children, depth + 1)
		end
	end
	walk(res.result, 0)
end
-- #gromyko in line 23
local line = vim.api.nvim_buf_get_lines(buf, 22, 23, false)[1]
local col = line:find('#gromyko', 1, true) + 2
r = vim.lsp.buf_request_sync(buf, 'textDocument/definition', {
	textDocument = params.textDocument,
	position = { line = 22, character = col },
}, 10000)
for _, res in pairs(r or {}) do
	local loc = res.result
	if loc and loc.range then
		say(string.format('definition %d:%d', loc.range.start.line,
		    loc.range.start.character))
	end
end
-- take <foo/> away: the error goes
local s, e = line:find('<foo/>', 1, true)
vim.api.nvim_buf_set_text(buf, 22, s - 1, 22, e, { '' })
vim.wait(30000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
say('after the edit: ' .. #vim.diagnostic.get(buf) .. ' diagnostics')
-- a "<" typed after "Agreed.", inside <p>: tei_all's phrases
line = vim.api.nvim_buf_get_lines(buf, 22, 23, false)[1]
s, e = line:find('Agreed.', 1, true)
vim.api.nvim_buf_set_text(buf, 22, e, 22, e, { '<' })
r = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
	textDocument = params.textDocument,
	position = { line = 22, character = e + 1 },
}, 10000)
for _, res in pairs(r or {}) do
	local seen = {}
	for _, it in ipairs((res.result or {}).items or {}) do
		seen[it.label] = true
	end
	say(string.format('completion hi %s, persName %s, /p> %s, div %s',
	    tostring(seen['hi'] or false), tostring(seen['persName'] or false),
	    tostring(seen['/p>'] or false), tostring(seen['div'] or false)))
end
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
out:close()
vim.cmd('qa!')
