#!/usr/bin/env python3
# tests/lsp/corpus.py -- teikit lsp against teikit validate on real TEI
# (../shared/corpus/tei): each document opened in one server session,
# its published diagnostics turned back into line, column (in
# characters, from UTF-16 code units), code and message, and compared
# with what `teikit validate FILE` prints for it.  Prints "PASS file" or
# "FAIL file: the first difference".  Usage: corpus.py TEIKIT FILE...
import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rpc  # noqa: E402

teikit, files = sys.argv[1], sys.argv[2:]
line_re = re.compile(r"^(.*?):(?:(\d+):(?:(\d+):)? )?(?: ?)(note|warning|error): "
                     r"(.*) \[(TK-[A-Z0-9]+)\]$")



def validate(path):
    r = subprocess.run([teikit, "validate", path], capture_output=True)
    out = []
    # (the streaming path prints on stderr, the others on stdout)
    for line in (r.stdout + r.stderr).decode("utf-8", "replace").splitlines():
        m = line_re.match(line)
        if not m:
            out.append(("?", line))
            continue
        f, ln, col, _, msg, code = m.groups()
        if f != path:
            msg = "%s:%s:%s: %s" % (f, ln or 0, col or 0, msg)
            ln = col = None
        out.append((int(ln or 1), int(col or 1), code, msg))
    return sorted(out)


client = rpc.Client(teikit)
p = client.p
send = client.send
recv = client.recv


def cp_col(lines, line, units):
    """The column in characters of a UTF-16 offset in line."""
    if line >= len(lines):
        return units
    n = u = 0
    for ch in lines[line]:
        if u >= units:
            break
        u += 2 if ord(ch) > 0xffff else 1
        n += 1
    return n


send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"capabilities": {}}})
recv()
failed = 0
for v, path in enumerate(files):
    try:
        text = open(path, encoding="utf-8", newline="").read()
    except (UnicodeDecodeError, OSError):
        print("SKIP %s: not UTF-8" % path)
        continue
    uri = "file://" + path
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "xml",
                                      "version": 1, "text": text}}})
    m = recv()
    lines = text.split("\n")
    got = []
    for d in m["params"]["diagnostics"]:
        s = d["range"]["start"]
        got.append((s["line"] + 1,
                    cp_col(lines, s["line"], s["character"]) + 1,
                    d["code"], d["message"]))
    got.sort()
    want = validate(path)
    if got == want:
        print("PASS %s: %d diagnostics as validate's" % (path, len(want)))
    else:
        failed += 1
        diff = [x for x in want if x not in got][:1] + \
            [x for x in got if x not in want][:1]
        print("FAIL %s: %d diagnostics, validate %d; %r" %
              (path, len(got), len(want), diff))
    send({"jsonrpc": "2.0", "method": "textDocument/didClose",
          "params": {"textDocument": {"uri": uri}}})
    recv()
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
recv()
send({"jsonrpc": "2.0", "method": "exit"})
p.wait()
sys.exit(1 if failed else 0)
