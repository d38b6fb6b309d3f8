#!/usr/bin/env python3
# tests/lsp/long.py -- a long editing session against `teikit lsp`:
# EDITS one-character edits (default 10,000) to a TEI document, each
# validated and published (the client waits for each), and the server's
# resident size read from /proc after the first thousand edits, half
# way and at the end: it must stay flat.  malloc may grow once (glibc
# moves its mmap threshold once a large block is freed: a step of about
# 2 MB, seen in one run of eight), so the size is flat when either half
# grows by less than the slack; a leak grows in both halves (one of 120
# bytes an edit would).  Prints "PASS ..." or "FAIL ...", as session.py
# does.  Usage: long.py TEIKIT FIXTURES_DIR
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rpc  # noqa: E402

teikit, fixtures = sys.argv[1], sys.argv[2]
edits = int(os.environ.get("EDITS", "10000"))



client = rpc.Client(teikit)
p = client.p
send = client.send
recv = client.recv


def rss_kb():
    with open("/proc/%d/status" % p.pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


uri = "file://" + os.path.abspath(os.path.join(fixtures, "valid.xml"))
text = open(os.path.join(fixtures, "valid.xml"), encoding="utf-8").read()
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"capabilities": {}}})
recv()
send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "xml",
                                  "version": 1, "text": text}}})
recv()
# type "x" into the text of line 26 (LSP 25) and take it away again,
# one character at a time, breaking the markup now and then
at = {"line": 25, "character": 20}
past = {"line": 25, "character": 21}
bad = 0
first = mid = None
for v in range(edits):
    if v % 2 == 0:
        change = {"range": {"start": at, "end": at},
                  "text": "<" if v % 20 == 0 else "x"}
    else:
        change = {"range": {"start": at, "end": past}, "text": ""}
    send({"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": v + 2},
                     "contentChanges": [change]}})
    m = recv()
    d = m["params"]["diagnostics"]
    if m["params"]["version"] != v + 2 or \
            (len(d) > 0) != (v % 20 == 0):
        bad += 1
    if v == 999:
        first = rss_kb()
    if v == 999 + (edits - 1000) // 2:
        mid = rss_kb()
last = rss_kb()
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
recv()
send({"jsonrpc": "2.0", "method": "exit"})
st = p.wait()
print(("PASS" if bad == 0 else "FAIL") +
      " %d edits, each validated and published as expected%s"
      % (edits, "" if bad == 0 else ": %d were not" % bad))
slack_kb = 512
flat = first is not None and mid is not None and \
    min(mid - first, last - mid) <= slack_kb
print(("PASS" if flat else "FAIL") +
      " resident size flat: %s KB after 1,000 edits, %s KB half way, %d KB"
      " after %d" % (first, mid, last, edits))
print(("PASS" if st == 0 else "FAIL") + " a clean exit (%s)" % st)
