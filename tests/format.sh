#!/bin/sh
# tests/format.sh -- --format gnu|json|sarif and `teikit COMMAND --help`:
# JSON Lines valid line by line (whatever the file names' bytes), on
# stdout for validate and stderr for the commands that write documents;
# the SARIF 2.1.0 log checked by hand against the structure the spec
# and GitHub's code scanning require, one result per diagnostic at the
# gnu shape's line and column, and against the official JSON schema
# when it is at hand (TEIKIT_SARIF_SCHEMA=sarif-schema-2.1.0.json, with
# python3-jsonschema); exit statuses as with gnu; each command's help.
. "${srcdir:-.}/tests/lib.sh"

v=$srcdir/tests/validate
if ! command -v python3 >/dev/null 2>&1; then
	skip "python3 is needed to read JSON"
	tap_done
	exit
fi

# jsonl FILE: every line one JSON object with the six keys, in order.
cat >"$tmp/jsonl.py" <<'EOF'
import json, sys
keys = ["file", "line", "column", "severity", "code", "message"]
n = 0
for raw in open(sys.argv[1], "rb"):
    d = json.loads(raw.decode("utf-8"))	# strict UTF-8: no lone bytes
    assert list(d) == keys, d
    assert isinstance(d["line"], int) and isinstance(d["column"], int)
    assert d["severity"] in ("note", "warning", "error"), d
    n += 1
assert n >= int(sys.argv[2]), n
EOF
jsonl() {
	python3 "$tmp/jsonl.py" "$1" "${2:-1}" 2>>"$tmp/py.err"
}

# sarif LOG GNU: LOG is a SARIF 2.1.0 log whose results are GNU's
# diagnostics (the gnu shape of the same run), in order.
cat >"$tmp/sarif.py" <<'EOF'
import json, re, sys, urllib.parse
log = json.load(open(sys.argv[1], encoding="utf-8"))
gnu = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8",
    errors="surrogateescape")]
def obj(x, required, allowed=()):
    assert isinstance(x, dict), x
    for k in required:
        assert k in x, (k, x)
    for k in x:
        assert k in required or k in allowed, ("unexpected", k)
    return x
def text(m):
    obj(m, ["text"])
    assert isinstance(m["text"], str) and m["text"], m
    return m["text"]
obj(log, ["$schema", "version", "runs"])
assert log["version"] == "2.1.0"
assert log["$schema"].startswith("https://") and \
    log["$schema"].endswith("sarif-schema-2.1.0.json")
assert isinstance(log["runs"], list) and len(log["runs"]) == 1
run = obj(log["runs"][0], ["tool", "results"],
    ["invocations", "originalUriBaseIds", "columnKind"])
assert run.get("columnKind", "unicodeCodePoints") in \
    ("unicodeCodePoints", "utf16CodeUnits")
drv = obj(obj(run["tool"], ["driver"])["driver"], ["name", "rules"],
    ["version", "semanticVersion", "informationUri", "notifications"])
assert drv["name"] == "teikit" and isinstance(drv["version"], str)
code = re.compile(r"^TK-[NWEUS][0-9]{3}$")
ids = []
for r in drv["rules"]:
    obj(r, ["id", "shortDescription"], ["defaultConfiguration"])
    assert code.match(r["id"]) and r["id"][3] in "NWE", r
    text(r["shortDescription"])
    assert r["defaultConfiguration"]["level"] == \
        {"N": "note", "W": "warning", "E": "error"}[r["id"][3]]
    ids.append(r["id"])
assert ids == sorted(set(ids), key=lambda i: ("NWE".index(i[3]), i)), ids
for inv in run.get("invocations", []):
    obj(inv, ["executionSuccessful"], ["exitCode",
        "toolExecutionNotifications"])
    assert isinstance(inv["executionSuccessful"], bool)
    for n in inv.get("toolExecutionNotifications", []):
        obj(n, ["message"], ["descriptor", "level", "locations"])
        assert code.match(n["descriptor"]["id"])
        text(n["message"])
for k, b in run.get("originalUriBaseIds", {}).items():
    assert b["uri"].startswith("file:///") and b["uri"].endswith("/")
uri = re.compile(r"^([A-Za-z0-9._~/-]|%[0-9A-F]{2})+$")
got = []
for res in run["results"]:
    obj(res, ["ruleId", "level", "message", "locations"])
    assert res["ruleId"] in ids, res
    assert res["level"] in ("note", "warning", "error")
    msg = text(res["message"])
    assert len(res["locations"]) == 1
    pl = obj(obj(res["locations"][0], ["physicalLocation"])
        ["physicalLocation"], ["artifactLocation"], ["region"])
    al = obj(pl["artifactLocation"], [], ["uri", "uriBaseId",
        "description"])
    if "uri" in al and al["uri"].startswith("file:///"):
        f = al["uri"][len("file://"):]	# an absolute path
        assert uri.match(f) and "uriBaseId" not in al, al
        f = urllib.parse.unquote(f, errors="surrogateescape")
    elif "uri" in al:	# a relative reference, from %SRCROOT%
        assert uri.match(al["uri"]) and not al["uri"].startswith("/"), al
        assert al.get("uriBaseId") in run.get("originalUriBaseIds", {})
        f = urllib.parse.unquote(al["uri"], errors="surrogateescape")
    else:
        f = "-"
    line = col = 0
    if "region" in pl:
        reg = obj(pl["region"], ["startLine"], ["startColumn"])
        line = reg["startLine"]
        col = reg.get("startColumn", 0)
        assert isinstance(line, int) and line >= 1
        assert isinstance(col, int) and (col >= 1 or "startColumn" not
            in reg)
    got.append((f, line, col, res["level"], msg, res["ruleId"]))
assert set(r[5] for r in got) == set(ids), "a rule per code used"
want = []
pat = re.compile(r"^(.*?)(?::([0-9]+))?(?::([0-9]+))?: "
    r"(note|warning|error): (.*) \[(TK-[NWE][0-9]{3})\]$")
for l in gnu:
    m = pat.match(l)
    if m is None:
        continue	# teikit's own (TK-U, TK-S): not results
    # the gnu shape escapes a file name's controls (guard_escape)
    f = re.sub(r"\\(x[0-9a-f]{2}|.)", lambda e: {"t": "\t", "n": "\n",
        "r": "\r"}.get(e.group(1), e.group(1)) if e.group(1)[0] != "x" or
        len(e.group(1)) == 1 else chr(int(e.group(1)[1:], 16)), m.group(1))
    want.append((f, int(m.group(2) or 0), int(m.group(3) or 0),
        m.group(4), m.group(5), m.group(6)))
assert got == want, (got, want)
assert len(got) >= int(sys.argv[3]), len(got)
EOF
sarif() {
	python3 "$tmp/sarif.py" "$1" "$2" "${3:-1}" 2>>"$tmp/py.err"
}

# ---- JSON Lines ----

run_teikit validate --schema teikit --rules teikit --format json "$v/rule-pointer.xml" "$v/rule-pages.xml" \
    >"$tmp/out" 2>"$tmp/err"
st=$?
check "validate --format json: exit 2, as with gnu" [ $st -eq 2 ]
check "validate --format json: JSON Lines on stdout" jsonl "$tmp/out" 3
check "validate --format json: nothing on stderr" [ ! -s "$tmp/err" ]
check "validate --format json: the objects' fields" grep -q \
    '^{"file":".*rule-pointer.xml","line":7,"column":18,"severity":"error","code":"TK-E018","message":"ref=\\"#lozovsky\\" points at no xml:id in this document"}$' \
    "$tmp/out"

run_teikit --format json validate "$v/valid/"*.xml >"$tmp/out" 2>"$tmp/err"
st=$?
check "--format json before the command: a valid file, exit 0, no line" \
    eval '[ $st -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]'

# File names with control characters, a newline and bytes that are not
# UTF-8: every line still one valid JSON object.
# (libtool's --mode=execute, which runs valgrind, splits an argument at
# a newline: no newline then.)
nl=1
[ "${TEIKIT_VALGRIND:-0}" = 1 ] && nl=0
if [ $nl = 1 ]; then
	bad=$(printf 'x\001y\377z\nq\342\202.xml')
else
	bad=$(printf 'x\001y\377zq\342\202.xml')
fi
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>\n' >"$tmp/$bad"
(cd "$tmp" && run_teikit validate --format json "$bad") >"$tmp/out" \
    2>"$tmp/err"
check "validate --format json, a hostile file name: exit 2" [ $? -eq 2 ]
check "validate --format json, a hostile file name: valid JSON Lines" \
    jsonl "$tmp/out"
check "validate --format json, a hostile file name: bytes as U+FFFD" \
    python3 -c 'import json, sys
d = json.loads(open(sys.argv[1], "rb").readline())
nl = "\n" if sys.argv[2] == "1" else ""
assert d["file"] == "x\x01y\ufffdz" + nl + "q\ufffd\ufffd.xml", d["file"]' \
    "$tmp/out" $nl

# Control characters and bad UTF-8 in a message (the text of an
# element named in it comes from the input).
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>\n<\377\001></p>\n' \
    >"$tmp/msg.xml"
run_teikit validate --format json "$tmp/msg.xml" >"$tmp/out" 2>/dev/null
check "validate --format json, a hostile message: valid JSON Lines" \
    jsonl "$tmp/out"

# validate -j: the files' order, with teikit's own message (a file that
# cannot be read) on stderr in the gnu shape.
set -- "$v/rule-pointer.xml" "$v/rule-pages.xml" "$tmp/missing.xml" \
    "$v/not-well-formed.xml" "$v/rule-id-dup.xml" "$v/rule-empty-p.xml"
run_teikit validate --schema teikit --rules teikit -j 1 --format json "$@" >"$tmp/one" 2>"$tmp/one.err"
run_teikit validate --schema teikit --rules teikit -j 4 --format json "$@" >"$tmp/out" 2>"$tmp/err"
st=$?
check "validate -j 4 --format json: exit 4 (a file unread), as with gnu" \
    [ $st -eq 4 ]
check "validate -j 4 --format json: the files' order" cmp -s "$tmp/one" \
    "$tmp/out"
check "validate -j 4 --format json: JSON Lines on stdout" jsonl "$tmp/out" 5
check "validate -j 4 --format json: the unread file, gnu, on stderr" \
    grep -q "^$tmp/missing.xml: error: cannot read: .* \[TK-S001\]$" \
    "$tmp/err"
check "validate -j 4 --format json: nothing else on stderr" \
    [ "$(wc -l <"$tmp/err")" -eq 1 ]

# encode and render write documents on stdout: the diagnostics go to
# stderr, and the document stays whole.
run_teikit encode --format json "$srcdir/tests/encode/frame-year-alone.txt" \
    >"$tmp/out" 2>"$tmp/err"
check "encode --format json: exit 1 (a warning), as with gnu" [ $? -eq 1 ]
check "encode --format json: JSON Lines on stderr" jsonl "$tmp/err"
check "encode --format json: the TEI alone on stdout" \
    cmp -s "$tmp/out" "$srcdir/tests/encode/frame-year-alone.xml"
run_teikit encode --format json -o "$tmp/e.xml" \
    "$srcdir/tests/encode/frame-year-alone.txt" >"$tmp/out" 2>"$tmp/err"
check "encode -o --format json: JSON Lines on stderr still" jsonl "$tmp/err"
check "encode -o --format json: nothing on stdout" [ ! -s "$tmp/out" ]
run_teikit render --format json --to text "$v/not-well-formed.xml" \
    >"$tmp/out" 2>"$tmp/err"
st=$?
check "render --format json: exit 2, JSON Lines on stderr" \
    eval '[ $st -eq 2 ] && jsonl "$tmp/err"'
check "render --format json: nothing on stdout" [ ! -s "$tmp/out" ]

mkdir "$tmp/corpus"
cp "$srcdir/tests/encode/frame-year-alone.txt" "$tmp/corpus/"
# as teikit's own encoding (its appInfo), so that its rules apply
sed 's|</fileDesc>|</fileDesc><encodingDesc><appInfo><application ident="teikit" version="0"><label>teikit</label></application></appInfo></encodingDesc>|' \
    "$v/rule-pages.xml" >"$tmp/corpus/rule-pages.xml"
run_teikit build --quiet --format json -j 2 -o "$tmp/ed" "$tmp/corpus" \
    >"$tmp/out" 2>"$tmp/err"
st=$?
check "build --format json: exit 2, JSON Lines on stderr" \
    eval '[ $st -eq 2 ] && jsonl "$tmp/err" 3'

# ---- SARIF ----

# relative paths (the case of code scanning) and an absolute one
cd "$srcdir/tests"
set -- validate/rule-pointer.xml validate/rule-pages.xml \
    validate/not-well-formed.xml validate/rule-empty-p.xml "$tmp/$bad"
run_teikit validate --schema teikit --rules teikit "$@" >/dev/null 2>"$tmp/gnu"
gst=$?
run_teikit validate --schema teikit --rules teikit -j 1 --format sarif "$@" >"$tmp/log" 2>"$tmp/err"
st=$?
check "validate --format sarif: the exit status of gnu" [ $st -eq $gst ]
check "validate --format sarif: nothing on stderr" [ ! -s "$tmp/err" ]
check "validate --format sarif: a SARIF 2.1.0 log, a result a diagnostic" \
    sarif "$tmp/log" "$tmp/gnu" 6
run_teikit validate --schema teikit --rules teikit -j 3 --format sarif "$@" >"$tmp/log3" 2>/dev/null
check "validate -j 3 --format sarif: the same log" cmp -s "$tmp/log" \
    "$tmp/log3"
cd "$tmp"
check "validate --format sarif: a file name percent-encoded" \
    grep -q "\"uri\":\"file:///[^\"]*x%01y%FFz$([ $nl = 1 ] && echo %0A)q%E2%82.xml\"" \
    "$tmp/log"
check "validate --format sarif: a relative path a relative URI" \
    grep -q '"uri":"validate/rule-pointer.xml","uriBaseId":"%SRCROOT%"' \
    "$tmp/log"
cp "$tmp/log" "$tmp/schema.log"

# A result without a column or line; standard input, which has no URI.
run_teikit validate "$v/valid/"*.xml - <"$v/not-well-formed.xml" \
    >/dev/null 2>"$tmp/gnu"
run_teikit --format sarif validate "$v/valid/"*.xml - \
    <"$v/not-well-formed.xml" >"$tmp/log" 2>/dev/null
check "validate --format sarif -: standard input described, not a URI" \
    sarif "$tmp/log" "$tmp/gnu" 1

run_teikit validate --format sarif "$v/valid/"*.xml >"$tmp/log" 2>"$tmp/err"
check "validate --format sarif, valid files: exit 0" [ $? -eq 0 ]
check "validate --format sarif, valid files: a log of no result" \
    python3 -c 'import json, sys
l = json.load(open(sys.argv[1]))
assert l["runs"][0]["results"] == []
assert l["runs"][0]["invocations"][0]["executionSuccessful"] is True' \
    "$tmp/log"

# teikit's own failure: stderr, gnu; the log says the run failed.
run_teikit validate --format sarif "$tmp/missing.xml" >"$tmp/log" \
    2>"$tmp/err"
st=$?
check "validate --format sarif, a missing file: exit 4, gnu on stderr" \
    eval '[ $st -eq 4 ] && grep -q "cannot read.*\[TK-S001\]$" "$tmp/err"'
check "validate --format sarif, a missing file: executionSuccessful false" \
    python3 -c 'import json, sys
i = json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]
assert i["executionSuccessful"] is False and i["exitCode"] == 4
n = i["toolExecutionNotifications"][0]
assert n["descriptor"]["id"] == "TK-S001" and n["level"] == "error"' \
    "$tmp/log"

run_teikit encode --format sarif "$srcdir/tests/encode/frame-year-alone.txt" \
    >"$tmp/out" 2>"$tmp/log"
st=$?
run_teikit encode "$srcdir/tests/encode/frame-year-alone.txt" >/dev/null 2>"$tmp/gnu"
check "encode --format sarif: exit 1" [ $st -eq 1 ]
check "encode --format sarif: the log on stderr" sarif "$tmp/log" "$tmp/gnu" 1
check "encode --format sarif: the TEI alone on stdout" \
    cmp -s "$tmp/out" "$srcdir/tests/encode/frame-year-alone.xml"

run_teikit build --quiet --format sarif -j 2 -o "$tmp/ed2" "$tmp/corpus" \
    >"$tmp/out" 2>"$tmp/log"
check "build --format sarif: exit 2" [ $? -eq 2 ]
check "build --format sarif: a log of 3 results on stderr" \
    python3 -c 'import json, sys
assert len(json.load(open(sys.argv[1]))["runs"][0]["results"]) == 3' \
    "$tmp/log" 2>>"$tmp/py.err"

# The official schema, when it is at hand.
schema=${TEIKIT_SARIF_SCHEMA:-}
if [ -z "$schema" ] || [ ! -r "$schema" ]; then
	skip "no SARIF 2.1.0 schema (set TEIKIT_SARIF_SCHEMA)"
elif ! python3 -c 'import jsonschema' 2>/dev/null; then
	skip "no python3-jsonschema"
else
	cat >"$tmp/schema.py" <<'EOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
bad = 0
for f in sys.argv[2:]:
    for e in cls(schema).iter_errors(json.load(open(f, encoding="utf-8"))):
        print("# %s: %s" % (f, e.message))
        bad += 1
sys.exit(bad > 0)
EOF
	check "the SARIF logs are valid against $(basename "$schema")" \
	    python3 "$tmp/schema.py" "$schema" "$tmp/schema.log" "$tmp/log"
	# and the check can fail: a line 0 is not a SARIF line
	sed 's/"startLine":7/"startLine":0/' "$tmp/schema.log" >"$tmp/neg.log"
	check "the schema check refuses a startLine of 0" \
	    sh -c '! python3 "$1" "$2" "$3" >/dev/null' sh "$tmp/schema.py" \
	    "$schema" "$tmp/neg.log"
fi

# ---- --format itself ----

run_teikit validate --format xml "$v/rule-pointer.xml" >"$tmp/out" 2>"$tmp/err"
check "--format xml: a usage error, exit 3" [ $? -eq 3 ]
check "--format xml: says which formats there are" grep -q 'unknown format "xml" (gnu, json or sarif).*\[TK-U002\]' \
    "$tmp/err"
for cmd in encode render build index; do
	run_teikit $cmd --format json >/dev/null 2>"$tmp/err"
	st=$?
	check "$cmd takes --format" eval '[ $st -eq 3 ] &&
	    ! grep -q -e "bad option" -e "unknown option" "$tmp/err"'
done

# ---- help ----

run_teikit --help >"$tmp/all" 2>"$tmp/err"
st=$?
check "teikit --help: exit 0, stdout only" eval '[ $st -eq 0 ] &&
    [ ! -s "$tmp/err" ]'
for cmd in encode validate render build index help; do
	run_teikit $cmd --help >"$tmp/h1" 2>"$tmp/err"
	st=$?
	check "$cmd --help: exit 0, its usage on stdout" eval '[ $st -eq 0 ] &&
	    [ ! -s "$tmp/err" ] &&
	    grep -q "^usage: teikit \[--datadir DIR\] $cmd " "$tmp/h1"'
	run_teikit $cmd -h >"$tmp/h2" 2>&1
	st=$?
	check "$cmd -h: the same" eval '[ $st -eq 0 ] && cmp -s "$tmp/h1" "$tmp/h2"'
	run_teikit help $cmd >"$tmp/h3" 2>&1
	st=$?
	check "help $cmd: the same" eval '[ $st -eq 0 ] &&
	    cmp -s "$tmp/h1" "$tmp/h3"'
	# every option line of the command is in the global text
	sed -n '/^options:$/,/^$/p' "$tmp/h1" | grep '^      -' |
	    grep -v -e '--format' -e '--help' >"$tmp/opts"
	check "$cmd --help: its options, as in teikit --help" \
	    sh -c 'while IFS= read -r l; do grep -qxF -- "$l" "$1" ||
	    exit 1; done <"$2"' sh "$tmp/all" "$tmp/opts"
done
run_teikit render --help >"$tmp/h1"
check "render --help: lists its options" grep -q -- "--stylesheet FILE.xsl" \
    "$tmp/h1"
check "encode --help: lists --format sarif" grep -q -- \
    "--format gnu|json|sarif" "$tmp/h1"
run_teikit --format sarif validate --help >"$tmp/h1" 2>&1
st=$?
check "--format sarif validate --help: the help alone, no log" \
    eval '[ $st -eq 0 ] && ! grep -q "\"version\"" "$tmp/h1"'
run_teikit help nosuch >/dev/null 2>"$tmp/err"
check "help nosuch: a usage error, exit 3" [ $? -eq 3 ]

if [ -s "$tmp/py.err" ]; then
	sed 's/^/# /' "$tmp/py.err"
fi
tap_done
