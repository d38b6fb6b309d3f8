#!/bin/sh
# bench/lsp.sh -- teikit lsp's latency, as an editor sees it: the time
# from writing a didChange (a one-character edit) to reading its
# publishDiagnostics, against tei_all, for a 5 KB TEI document
# (generated) and for frus-history.xml (2 MB, ../shared/data/bench).
# The first didOpen, which compiles tei_all, is given apart.  Median,
# minimum and maximum of N edits (default 20).  Then completion: a "<"
# typed at the start of the middle line, and the time from asking
# textDocument/completion there to its answer (the text up to the
# cursor is read each time), N times.  Never a test.
# Usage: bench/lsp.sh [N]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${TEIKIT_SHARED:-$top/../shared}
frus=$shared/data/bench/frus-history.xml
export TEIKIT_DATADIR=${TEIKIT_DATADIR:-$top}
teikit=${TEIKIT:-$top/teikit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 5 KB of TEI: the test fixture's conversation, its turns repeated
python3 - "$top/tests/lsp/valid.xml" "$tmp/5k.xml" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
turn = '        <sp who="#rusk"><speaker>The Secretary</speaker><p>We should talk about it once more.</p></sp>\n'
body = ""
while len((t + body).encode()) < 5 * 1024:
    body += turn
t = t.replace("        <div type=\"section\">", body + "        <div type=\"section\">")
open(sys.argv[2], "w", encoding="utf-8").write(t)
PY

python3 - "$teikit" "${1:-20}" "$tmp/5k.xml" "$frus" <<'PY'
import json, os, statistics, subprocess, sys, time
teikit, n, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def frame(o):
    b = json.dumps(o, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(b) + b

p = subprocess.Popen([teikit, "lsp", "--schema", "tei_all"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

def send(o):
    p.stdin.write(frame(o)); p.stdin.flush()

def recv():
    hdr = b""
    while not hdr.endswith(b"\r\n\r\n"):
        hdr += p.stdout.read(1)
    k = int(hdr.split(b":")[1])
    return json.loads(p.stdout.read(k))

def publish(uri):
    while True:
        m = recv()
        if m.get("method") == "textDocument/publishDiagnostics" and \
                m["params"]["uri"] == uri:
            return m["params"]["diagnostics"]

send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"capabilities": {}}})
recv()
for f in files:
    if not os.path.exists(f):
        print("%s: missing, skipped" % f)
        continue
    text = open(f, encoding="utf-8").read()
    uri = "file://" + os.path.abspath(f)
    t0 = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "xml",
                                      "version": 1, "text": text}}})
    d = publish(uri)
    first = time.perf_counter() - t0
    lines = text.split("\n")
    # a line of text well inside the body: type a character, delete it
    line = len(lines) // 2
    times = []
    for v in range(n):
        edit = ({"range": {"start": {"line": line, "character": 0},
                           "end": {"line": line, "character": 0}},
                 "text": " "} if v % 2 == 0 else
                {"range": {"start": {"line": line, "character": 0},
                           "end": {"line": line, "character": 1}},
                 "text": ""})
        t0 = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": v + 2},
                         "contentChanges": [edit]}})
        publish(uri)
        times.append((time.perf_counter() - t0) * 1000)
    print("%-22s %8d bytes  didOpen %7.1f ms  didChange->publish: "
          "median %7.1f ms  min %7.1f  max %7.1f  (%d edits, %d diagnostics)"
          % (os.path.basename(f), len(text.encode()), first * 1000,
             statistics.median(times), min(times), max(times), n, len(d)))
    # completion after a "<" typed in the middle of the document
    send({"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": n + 2},
                     "contentChanges": [{"range": {
                         "start": {"line": line, "character": 0},
                         "end": {"line": line, "character": 0}},
                         "text": "<"}]}})
    publish(uri)
    times = []
    for v in range(n):
        t0 = time.perf_counter()
        send({"jsonrpc": "2.0", "id": 100 + v,
              "method": "textDocument/completion",
              "params": {"textDocument": {"uri": uri},
                         "position": {"line": line, "character": 1}}})
        while True:
            m = recv()
            if m.get("id") == 100 + v:
                break
        times.append((time.perf_counter() - t0) * 1000)
    print("%-22s %8d bytes  completion after < (line %d): median %7.1f ms"
          "  min %7.1f  max %7.1f  (%d requests, %d items)"
          % (os.path.basename(f), len(text.encode()), line + 1,
             statistics.median(times), min(times), max(times), n,
             len(m["result"]["items"])))
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
recv()
send({"jsonrpc": "2.0", "method": "exit"})
p.wait()
PY
