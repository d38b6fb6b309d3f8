#!/bin/sh
# fuzz/rngpair-seeds.sh CONFORMANCE-DIR OUT-DIR -- write the seeds of
# fuzz/rngpair (a schema, a line "--8<--", a document) from the RELAX NG
# conformance suites: each test case of spectest.xml, its correct or
# incorrect schema paired with each of its valid and invalid documents
# (a schema alone when it has none; cases that include files, with
# resource or dir, are left out), and each regular expression of
# regextest.xml as the pattern of an XSD string, paired with each of
# its strings.  Needs python3.  The seeds in fuzz/corpus/rngpair are
# these, cut down to what adds coverage (set cover), and the regular
# expressions a plain merge keeps (the regex engine gains from more):
#
#	fuzz/rngpair-seeds.sh ../shared/conformance/relaxng /tmp/all
#	fuzz/rngpair -set_cover_merge=1 fuzz/corpus/rngpair /tmp/all
#	fuzz/rngpair -merge=1 /tmp/merged /tmp/all	# then copy regex-*
#
# (libFuzzer names merged files by hash: copy the originals, by name.)
set -eu
[ $# -eq 2 ] || { echo "usage: $0 CONFORMANCE-DIR OUT-DIR" >&2; exit 2; }
mkdir -p "$2"
exec python3 - "$1" "$2" <<'EOF'
import os, sys
from xml.dom import minidom
from xml.sax.saxutils import escape

src, out = sys.argv[1], sys.argv[2]
SEP = "\n--8<--\n"
RNG = "http://relaxng.org/ns/structure/1.0"
XSD = "http://www.w3.org/2001/XMLSchema-datatypes"


def kids(node, name=None):
    return [c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE
            and (name is None or c.tagName == name)]


def text(node):
    return "".join(c.data for c in node.childNodes
                   if c.nodeType in (c.TEXT_NODE, c.CDATA_SECTION_NODE))


def write(name, schema, doc=None):
    data = schema if doc is None else schema + SEP + doc
    with open(os.path.join(out, name), "wb") as f:
        f.write(data.encode("utf-8"))


def spec():
    dom = minidom.parse(os.path.join(src, "spectest.xml"))
    for i, case in enumerate(dom.getElementsByTagName("testCase")):
        if kids(case, "resource") or kids(case, "dir"):
            continue
        for kind in ("correct", "incorrect"):
            for s in kids(case, kind):
                el = kids(s)
                if not el:
                    continue
                schema = el[0].toxml()
                docs = [(v, d) for v in ("valid", "invalid")
                        for d in kids(case, v) if kids(d)]
                if not docs:
                    write("spec-%03d-%s" % (i, kind), schema)
                for j, (v, d) in enumerate(docs):
                    write("spec-%03d-%s-%d-%s" % (i, kind, j, v), schema,
                          kids(d)[0].toxml())


def regex():
    dom = minidom.parse(os.path.join(src, "regextest.xml"))
    for i, case in enumerate(dom.getElementsByTagName("testCase")):
        for kind in ("correct", "incorrect"):
            for r in kids(case, kind):
                schema = ('<element name="doc" xmlns="%s">\n'
                          '  <data type="string" datatypeLibrary="%s">\n'
                          '    <param name="pattern">%s</param>\n'
                          '  </data>\n</element>'
                          % (RNG, XSD, escape(text(r))))
                docs = [(v, d) for v in ("valid", "invalid")
                        for d in kids(case, v)]
                if not docs:
                    write("regex-%02d-%s" % (i, kind), schema)
                for j, (v, d) in enumerate(docs):
                    write("regex-%02d-%s-%d-%s" % (i, kind, j, v), schema,
                          "<doc>%s</doc>" % escape(text(d)))


spec()
regex()
EOF
