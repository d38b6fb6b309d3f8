#!/usr/bin/env python3
# tests/lsp/session.py -- recorded LSP sessions against `teikit lsp`:
# framed JSON-RPC written to its stdin, every response read back and
# checked.  Prints "PASS what" or "FAIL what: why" per check (tests/lsp.sh
# makes TAP of them).  Usage: session.py TEIKIT FIXTURES_DIR [VALGRIND...]
import json
import os
import queue
import subprocess
import sys
import threading
import time

teikit, fixtures = sys.argv[1], sys.argv[2]
wrapper = sys.argv[3:]
TIMEOUT = float(os.environ.get("LSP_TIMEOUT", "20"))
failed = 0


def result(ok, what, why=""):
    global failed
    if ok:
        print("PASS " + what)
    else:
        failed += 1
        print("FAIL " + what + (": " + why if why else ""))
    sys.stdout.flush()


def frame(obj):
    body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    def __init__(self):
        self.p = subprocess.Popen(wrapper + [teikit, "lsp"],
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.q = queue.Queue()
        self.bad = []
        self.err = b""
        threading.Thread(target=self._read, daemon=True).start()
        self.errt = threading.Thread(target=self._stderr, daemon=True)
        self.errt.start()
        self.id = 0

    def _stderr(self):
        self.err = self.p.stderr.read()

    def _read(self):
        f = self.p.stdout
        while True:
            hdr = b""
            while not hdr.endswith(b"\r\n\r\n"):
                c = f.read(1)
                if not c:
                    self.q.put(None)
                    return
                hdr += c
            n = None
            for line in hdr.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    n = int(line.split(b":")[1])
            if n is None:
                self.bad.append(hdr)
                self.q.put(None)
                return
            body = f.read(n)
            try:
                self.q.put(json.loads(body.decode("utf-8")))
            except ValueError:
                self.bad.append(body)
                self.q.put(None)
                return

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        self.raw(frame(obj))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method,
                   "params": params})
        return self.id

    def recv(self, timeout=TIMEOUT):
        try:
            return self.q.get(timeout=timeout)
        except queue.Empty:
            return "timeout"

    def call(self, method, params):
        i = self.request(method, params)
        return self.recv(), i

    def close(self):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        try:
            st = self.p.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return "hung"
        self.errt.join(TIMEOUT)     # all it said on stderr
        return st


def uri(name):
    return "file://" + os.path.abspath(os.path.join(fixtures, name))


def text(name):
    with open(os.path.join(fixtures, name), encoding="utf-8") as f:
        return f.read()


def diags_of(msg, u):
    if not isinstance(msg, dict) or \
            msg.get("method") != "textDocument/publishDiagnostics" or \
            msg["params"].get("uri") != u:
        return None
    return msg["params"]["diagnostics"]


def pos(line, ch):
    return {"line": line, "character": ch}


def rng(a, b, c, d):
    return {"start": pos(a, b), "end": pos(c, d)}


# ---- a whole session ----
s = Server()

r, i = s.call("initialize", {"processId": None, "rootUri": None,
                             "capabilities": {}})
caps = r.get("result", {}).get("capabilities", {}) if isinstance(r, dict) \
    else {}
result(isinstance(r, dict) and r.get("id") == i and
       caps.get("textDocumentSync", {}).get("change") == 2 and
       caps.get("textDocumentSync", {}).get("openClose") is True,
       "initialize: incremental sync advertised", repr(r))
result(caps.get("documentSymbolProvider") is True and
       caps.get("definitionProvider") is True and
       caps.get("hoverProvider") is True and
       "<" in caps.get("completionProvider", {}).get("triggerCharacters",
                                                     []) and
       r["result"].get("serverInfo", {}).get("name") == "teikit",
       "initialize: only what is implemented", repr(caps))
s.notify("initialized", {})

# a valid document: no diagnostic
vu, vt = uri("valid.xml"), text("valid.xml")
s.notify("textDocument/didOpen", {"textDocument": {
    "uri": vu, "languageId": "xml", "version": 1, "text": vt}})
m = s.recv()
d = diags_of(m, vu)
result(d == [] and m["params"].get("version") == 1,
       "didOpen valid.xml: published, no diagnostic", repr(m)[:500])

# an invalid one: the schema's error where teikit validate puts it
# (23:72, the 72nd character of line 23: LSP's 22/71)
iu = uri("invalid.xml")
s.notify("textDocument/didOpen", {"textDocument": {
    "uri": iu, "languageId": "xml", "version": 7,
    "text": text("invalid.xml")}})
m = s.recv()
d = diags_of(m, iu)
ok = d is not None and len(d) == 1 and d[0]["code"] == "TK-E016" and \
    d[0]["severity"] == 1 and d[0]["source"] == "teikit" and \
    d[0]["range"] == rng(22, 71, 22, 75) and "<foo>" in d[0]["message"]
result(ok, "didOpen invalid.xml: TK-E016 at 22:71-22:75", repr(m)[:600])

# unknown request: MethodNotFound; unknown notification: nothing
r, i = s.call("textDocument/frobnicate", {})
result(isinstance(r, dict) and r.get("id") == i and
       r.get("error", {}).get("code") == -32601,
       "unknown request: MethodNotFound", repr(r))
s.notify("$/somethingElse", {"x": 1})
r, i = s.call("textDocument/documentSymbol",
              {"textDocument": {"uri": vu}})
result(isinstance(r, dict) and r.get("id") == i,
       "unknown notification: no answer", repr(r)[:300])

# symbols: divs by their heads, sp turns, notes
syms = r.get("result") if isinstance(r, dict) else None


def flat(ss, depth=0):
    out = []
    for x in ss or []:
        out.append((depth, x["name"], x["kind"], x["range"]["start"]["line"]))
        out += flat(x.get("children"), depth + 1)
    return out


want = [(0, "Memorandum of conversation", 3, 19),
        (1, "The Secretary", 24, 21),
        (2, "1. A note on the talk.", 15, 21),
        (1, "Mr. Gromyko", 24, 22),
        (1, "Second part", 3, 23)]
result(flat(syms) == want, "documentSymbol: divs, sp turns, notes",
       repr(flat(syms)))

# definition of who="#gromyko" (line 22 of LSP, inside the value)
line = vt.split("\n")[22]
col = line.index("#gromyko") + 3
r, i = s.call("textDocument/definition", {"textDocument": {"uri": vu},
                                          "position": pos(22, col)})
res = r.get("result") if isinstance(r, dict) else None
result(isinstance(res, dict) and res.get("uri") == vu and
       res["range"]["start"] == pos(12, 10),
       "definition: #gromyko to its <person>", repr(r))

# hover on the same pointer; and on no pointer
r, i = s.call("textDocument/hover", {"textDocument": {"uri": vu},
                                     "position": pos(22, col)})
v = r.get("result", {}) if isinstance(r, dict) else {}
v = v.get("contents", {}).get("value", "") if isinstance(v, dict) else ""
result("<person xml:id=\"gromyko\">" in v and "line 13" in v and
       "Andrei Gromyko" in v, "hover: what #gromyko points at", repr(r))
r, i = s.call("textDocument/hover", {"textDocument": {"uri": vu},
                                     "position": pos(1, 2)})
result(isinstance(r, dict) and "result" in r and r["result"] is None,
       "hover: null away from a pointer", repr(r))

# the outline follows the text: a new <person xml:id="nixon"/> before
# Rusk's, #gromyko edited into #nixon: the same place leads to it; then
# both edits undone
start = line.index("#gromyko") + 1
s.notify("textDocument/didChange", {
    "textDocument": {"uri": vu, "version": 100},
    "contentChanges": [{"range": rng(22, start, 22, start + 7),
                        "text": "nixon"},
                       {"range": rng(11, 10, 11, 10),
                        "text": "<person xml:id=\"nixon\"/>"}]})
m = s.recv()
r, i = s.call("textDocument/definition", {"textDocument": {"uri": vu},
                                          "position": pos(22, start + 1)})
res = r.get("result") if isinstance(r, dict) else None
result(diags_of(m, vu) == [] and isinstance(res, dict) and
       res["range"] == rng(11, 10, 11, 34),
       "definition after an edit: #nixon to its new <person>", repr(r))
s.notify("textDocument/didChange", {
    "textDocument": {"uri": vu, "version": 101},
    "contentChanges": [{"range": rng(11, 10, 11, 34), "text": ""},
                       {"range": rng(22, start, 22, start + 5),
                        "text": "gromyko"}]})
m = s.recv()
r, i = s.call("textDocument/definition", {"textDocument": {"uri": vu},
                                          "position": pos(22, col)})
res = r.get("result") if isinstance(r, dict) else None
result(diags_of(m, vu) == [] and isinstance(res, dict) and
       res["range"]["start"] == pos(12, 10),
       "and undone: #gromyko to its <person> again", repr(r))

# not well-formed, then fixed: an incremental edit that opens a tag
# in line 24 (LSP 23), and one that takes it away again
s.notify("textDocument/didChange", {
    "textDocument": {"uri": vu, "version": 2},
    "contentChanges": [{"range": rng(23, 8, 23, 8), "text": "<"}]})
m = s.recv()
d = diags_of(m, vu)
result(d is not None and len(d) >= 1 and d[0]["code"] == "TK-E012" and
       d[0]["range"]["start"]["line"] == 23 and
       m["params"]["version"] == 2,
       "didChange: not well-formed reported at its line", repr(m)[:500])
s.notify("textDocument/didChange", {
    "textDocument": {"uri": vu, "version": 3},
    "contentChanges": [{"range": rng(23, 8, 23, 9), "text": ""}]})
m = s.recv()
result(diags_of(m, vu) == [] and m["params"]["version"] == 3,
       "didChange: fixed, the errors are gone", repr(m)[:500])

# a burst of changes in one write validates once, at the last version
burst = b""
for k in range(5):
    burst += frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": vu,
                                                "version": 10 + k},
                               "contentChanges": [
                                   {"range": rng(25, 20, 25, 20),
                                    "text": "x"}]}})
s.raw(burst)
m = s.recv()
r, i = s.call("shutdown-not-yet", {})
result(diags_of(m, vu) == [] and m["params"]["version"] == 14 and
       isinstance(r, dict) and r.get("id") == i,
       "a burst of 5 didChange: validated once", repr(m)[:300] + repr(r))
# the five x's went where asked, after 𝄞 (two UTF-16 units)
r, i = s.call("textDocument/documentSymbol",
              {"textDocument": {"uri": vu}})

# beyond the BMP: 𝄞 before an error counts two UTF-16 units
bu = "untitled:bmp.xml"
bt = vt.replace("<p>More text, 𝄞 music.</p>",
                "<p>𝄞𝄞 <bar/></p>")
s.notify("textDocument/didOpen", {"textDocument": {
    "uri": bu, "languageId": "xml", "version": 1, "text": bt}})
m = s.recv()
d = diags_of(m, bu)
result(d is not None and len(d) == 1 and
       d[0]["range"] == rng(25, 18, 25, 22),
       "non-BMP: the error's UTF-16 column (18, not 16)", repr(m)[:500])
# an incremental edit given in UTF-16 columns after the 𝄞𝄞: <bar/>
# becomes <hi/>, which is allowed: the error goes away
s.notify("textDocument/didChange", {
    "textDocument": {"uri": bu, "version": 2},
    "contentChanges": [{"range": rng(25, 19, 25, 22), "text": "hi"}]})
m = s.recv()
result(diags_of(m, bu) == [], "non-BMP: an edit at UTF-16 columns",
       repr(m)[:500])
# a full-text change
s.notify("textDocument/didChange", {
    "textDocument": {"uri": bu, "version": 3},
    "contentChanges": [{"text": "<TEI xmlns='http://www.tei-c.org/ns/1.0'"}]})
m = s.recv()
d = diags_of(m, bu)
result(d is not None and len(d) >= 1 and d[0]["code"] == "TK-E012",
       "didChange with the full text", repr(m)[:500])
s.notify("textDocument/didClose", {"textDocument": {"uri": bu}})
m = s.recv()
result(diags_of(m, bu) == [], "didClose: its diagnostics cleared",
       repr(m)[:300])

# a note's label is cut at 80 characters, however many bytes they are
# (4 each here, and spaces between them), and lone surrogates escaped
# in the JSON are a label's characters too
nu = "untitled:notes.xml"
nt = ("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>" +
      "<note n='1'>" + "\U0001d11e " * 100 + "</note>" +
      "<note n='2'>" + "\ud800" * 300 + "</note></p></body></text></TEI>")
s.raw(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": nu, "languageId": "xml",
                                         "version": 1, "text": "x"}}}))
body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange",
                   "params": {"textDocument": {"uri": nu, "version": 2},
                              "contentChanges": [{"text": nt}]}},
                  ensure_ascii=True).encode()
s.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
r, i = s.call("textDocument/documentSymbol", {"textDocument": {"uri": nu}})
while isinstance(r, dict) and "method" in r:
    r = s.recv()
names = [x["name"] for x in r.get("result") or []] \
    if isinstance(r, dict) else []
result(len(names) == 2 and names[0].startswith("1. \U0001d11e \U0001d11e") and
       len(names[0]) <= 83, "a long note's label cut at 80 characters",
       repr(r)[:300])
s.notify("textDocument/didClose", {"textDocument": {"uri": nu}})
m = s.recv()
while isinstance(m, dict) and diags_of(m, nu) != []:
    m = s.recv()

# bad bytes: each survived, logged or answered
s.raw(b"Content-Length: 9\r\n\r\n{not json")
m = s.recv()
result(isinstance(m, dict) and m.get("id") is None and
       m.get("error", {}).get("code") == -32700, "bad JSON: ParseError",
       repr(m))
s.raw(frame([1, 2, 3]))
m = s.recv()
result(isinstance(m, dict) and m.get("error", {}).get("code") == -32600,
       "a JSON array: InvalidRequest", repr(m))
s.raw(b"X-Nonsense\r\n\r\n")
s.raw(b"Content-Length: many\r\n\r\n")
s.raw(b"\xff\xfe\x00garbage\r\n\r\n")
s.raw(b"Content-Length: 4\r\n\r\n\"\xff\xfe\"")
m = s.recv()
result(isinstance(m, dict) and m.get("error", {}).get("code") == -32700,
       "invalid UTF-8 in JSON: ParseError", repr(m))
s.send({"jsonrpc": "2.0", "id": 99, "method": "textDocument/definition",
        "params": {"textDocument": 5, "position": "here"}})
m = s.recv()
result(isinstance(m, dict) and m.get("id") == 99 and "error" in m,
       "params of the wrong types: an error response", repr(m))
s.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": {"textDocument": {"uri": vu, "version": 20},
                   "contentChanges": [{"range": rng(-5, 99, 9999, -1),
                                       "text": 7}, 3, None]}})
m = s.recv()
result(diags_of(m, vu) is not None and m["params"]["version"] == 20,
       "changes of the wrong shapes: left, the document still there",
       repr(m)[:300])
s.send({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"})
m = s.recv()
result(isinstance(m, dict) and m.get("error", {}).get("code") == -32600,
       "an object as id: InvalidRequest", repr(m))
r, i = s.call("shutdown", None)
result(isinstance(r, dict) and r.get("id") == i and "result" in r and
       r["result"] is None, "after the garbage: shutdown answered",
       repr(r))
r, i = s.call("textDocument/hover", {})
result(isinstance(r, dict) and r.get("error", {}).get("code") == -32600,
       "a request after shutdown: InvalidRequest", repr(r))
s.notify("exit", None)
st = s.close()
result(st == 0, "exit after shutdown: status 0", repr(st))
err = s.err.decode("utf-8", "replace")
result("header line without a colon" in err and
       "not a number" in err and "protocol error" in err,
       "protocol errors logged on stderr", err[:800])
result(not s.bad, "every message framed and JSON", repr(s.bad)[:300])

# a request before initialize; exit without shutdown
s = Server()
r, i = s.call("textDocument/hover", {})
result(isinstance(r, dict) and r.get("error", {}).get("code") == -32002,
       "before initialize: ServerNotInitialized", repr(r))
s.notify("exit", None)
st = s.close()
result(st == 1, "exit without shutdown: status 1", repr(st))

# end of input in the middle of a message: no crash
s = Server()
s.raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\"")
st = s.close()
result(st in (0, 1), "end of input mid-message: a clean end", repr(st))

# ---- completion from the schema ----
# Each document is opened with "|" where the cursor is; the items are
# checked for names that must be there and names that must not.
s = Server()
s.call("initialize", {"processId": None, "rootUri": None,
                      "capabilities": {"textDocument": {"completion": {
                          "completionItem": {"snippetSupport": True}}}}})
s.notify("initialized", {})
ndoc = 0
HEAD = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
        '<titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p>'
        '</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>'
        '</teiHeader><text><body>\n')
TEIKIT = ('<?xml-model href="../../schema/teikit.rng" '
          'schematypens="http://relaxng.org/ns/structure/1.0"?>\n' + HEAD)


def complete(doc, trigger=None):
    """The items at "|" in doc (ASCII), or None."""
    global ndoc
    ndoc += 1
    u = uri("complete%d.xml" % ndoc)
    k = doc.index("|")
    t = doc[:k] + doc[k + 1:]
    before = t[:k].split("\n")
    s.notify("textDocument/didOpen", {"textDocument": {
        "uri": u, "languageId": "xml", "version": 1, "text": t}})
    params = {"textDocument": {"uri": u},
              "position": pos(len(before) - 1, len(before[-1]))}
    if trigger is not None:
        params["context"] = {"triggerKind": 2, "triggerCharacter": trigger}
    i = s.request("textDocument/completion", params)
    while True:
        m = s.recv()
        if not isinstance(m, dict):
            return None
        if m.get("id") == i:
            r = m.get("result")
            return r.get("items") if isinstance(r, dict) else None


def labels(items):
    return [it.get("label") for it in items or []]


def check(what, doc, want, unwanted, trigger=None, kind=None, test=None):
    items = complete(doc, trigger)
    got = labels(items)
    missing = [n for n in want if n not in got]
    extra = [n for n in unwanted if n in got]
    ok = items is not None and not missing and not extra
    if ok and kind is not None:
        ok = all(it.get("kind") == kind for it in items
                 if it["label"] in want)
    if ok and test is not None:
        ok = test(items)
    result(ok, "completion: " + what, "missing %r, unwanted %r, got %r" %
           (missing, extra, got[:60]))
    return items




def doc_of(items, name):
    return [it.get("documentation") for it in items
            if it["label"] == name]


# 1. elements: after "<" in <p>, tei_all's phrases, not its blocks
items = check("after < in <p>: tei_all's phrase elements",
              HEAD + "<p>Hello <|</p></body></text></TEI>",
              ["hi", "note", "persName", "lb"],
              ["div", "p", "head", "TEI", "body", "titleStmt"], kind=7,
              test=lambda its: [it["textEdit"]["newText"] for it in its
                                if it["label"] == "hi"] == ["hi"])
d = doc_of(items or [], "hi")
result(len(d) == 1 and isinstance(d[0], str) and
       d[0].startswith("(highlighted) marks a word or phrase"),
       "completion: an element's a:documentation from tei_all", repr(d))
check("after < in <body>: blocks, and no phrase-only element",
      HEAD + "<p>x</p><|", ["p", "div", "ab", "/body>"],
      ["hi", "persName", "teiHeader", "/p>"])
check("at an empty place in <p>: the elements, each with its <",
      HEAD + "<p>Hello |</p></body></text></TEI>", ["hi", "</p>"],
      ["div"], test=lambda its: [it["textEdit"]["newText"] for it in its
                                 if it["label"] == "hi"] == ["<hi"])
check("the root of a document that has only its schema",
      TEIKIT[:TEIKIT.index("<TEI")] + "<|", ["TEI"], ["p", "text"])
check("after a not-well-formed prefix: the elements still open",
      HEAD + "<p>a & b<hi rend=\"x\">c</q> <|", ["persName", "/hi>"],
      ["div", "/p>"])
check("a space typed in text: no markup",
      HEAD + "<p>Hello |", [], ["hi", "</p>"], trigger=" ",
      test=lambda its: its == [])
check("a / typed in text or in a start tag: nothing",
      HEAD + "<p>and/|", [], ["hi", "</p>"], trigger="/",
      test=lambda its: its == [])
check("a / typed after <: the closing tag",
      HEAD + "<p>Hi </|", ["p>"], [], trigger="/")
check("in a comment: nothing", HEAD + "<p><!-- <|", [], ["hi"],
      test=lambda its: its == [])
check("against teikit.rng: after a <div>, no block",
      TEIKIT + "<div type=\"document\"><head>x</head><p>y</p></div><|",
      ["div", "pb"], ["p", "ab", "hi"])

# 2. attributes of the start tag being typed
items = check("attributes of <p>", HEAD + "<p |", ["rend", "xml:id", "n"],
              ["who", "p", "hi", "type"], kind=5)
result([(it["textEdit"]["newText"], it.get("insertTextFormat"))
        for it in items or [] if it["label"] == "rend"] ==
       [('rend="$1"', 2)],
       "completion: an attribute as a snippet, for a client that takes "
       "them", repr(items)[:300])
d = doc_of(items or [], "rend")
result(len(d) == 1 and isinstance(d[0], str) and
       d[0].startswith("(rendition) indicates how the element"),
       "completion: an attribute's a:documentation from tei_all", repr(d))
check("attributes of <p>, less those given",
      HEAD + "<p rend=\"x\" xml:lang='en' xml:i|",
      ["xml:id", "n"], ["rend", "xml:lang"])
check("attributes after a space typed", HEAD + "<p |", ["rend"], [],
      trigger=" ")
check("against teikit.rng: <div>'s required type first",
      TEIKIT + "<div |", ["type", "subtype"], ["who"],
      test=lambda its: its[0]["label"] == "type" and
      its[0]["detail"] == "required attribute" and
      all(it["detail"] != "required attribute" for it in its[1:]))

# 3. values of a closed choice
check("teikit.rng's values of <div type>", TEIKIT + "<div type=\"|",
      ["document", "chapter", "section"], ["bogus", "type", "p"],
      kind=12, trigger='"')
check("teikit.rng's values of <div type>, before its quote is typed",
      TEIKIT + "<div type=|", ["document", "chapter"], ["type", "n"])
check("teikit.rng's values of cert, in single quotes, partly typed",
      TEIKIT + "<div type=\"document\"><p><supplied cert='me|",
      ["high", "medium", "low"], ["document"],
      test=lambda its: its[0]["textEdit"]["range"]["start"]["character"]
      != its[0]["textEdit"]["range"]["end"]["character"])
check("no values for an open datatype",
      TEIKIT + "<div type=\"document\" xml:id=\"|", [], ["document"],
      test=lambda its: its == [])

# 4. the closing tag
check("after </: the innermost open element only",
      HEAD + "<div><p>Hi <hi>x</hi></|", ["p>"],
      ["div>", "hi>", "hi", "persName"],
      test=lambda its: len(its) == 1 and
      its[0]["textEdit"]["newText"] == "p>")

r, i = s.call("shutdown", None)
s.notify("exit", None)
st = s.close()
result(st == 0 and not s.bad, "completion session: a clean end",
       repr(st) + s.err.decode("utf-8", "replace")[:500])

# a client that takes no snippets: the attribute's name alone
s = Server()
s.call("initialize", {"processId": None, "rootUri": None,
                      "capabilities": {}})
check("an attribute as plain text, for a client without snippets",
      HEAD + "<p |", ["rend"], [],
      test=lambda its: [(it["textEdit"]["newText"],
                         it.get("insertTextFormat")) for it in its
                        if it["label"] == "rend"] == [("rend", None)])
s.call("shutdown", None)
s.notify("exit", None)
st = s.close()
result(st == 0, "completion without snippets: a clean end", repr(st))

sys.exit(1 if failed else 0)
