#!/usr/bin/env python3
# tests/sch-svrl.py -- SVRL (as SchXslt writes it) to teikit's canonical
# Schematron findings: one line per finding, sorted,
#     LOCATION<TAB>KIND<TAB>MESSAGE
# LOCATION is the finding's @location as SchXslt gives it
# (/Q{ns}TEI[1]/Q{ns}text[1]/@Q{}calendar), KIND "assert" (a failed
# assert) or "report" (a successful report), MESSAGE its svrl:text with
# whitespace normalized as XPath's normalize-space() does (space, tab,
# CR, LF only).  The tests compare these with what `teikit validate
# --format json` says (tests/sch-tei.sh, tests/sch-diff.sh).
#
# usage: sch-svrl.py [-f] [-p] SVRL
#        sch-svrl.py [-f] [-p] -d OUTDIR [-x EXT] SVRL...
#   -f  also the fired rules: fired<TAB>CONTEXT<TAB>COUNT per distinct
#       svrl:fired-rule/@context, whitespace normalized (summed over the
#       rules that share it)
#   -p  prefix each finding with the id of its pattern and a TAB (the
#       svrl:active-pattern it follows; "pattern-N", N counted from 1,
#       for a pattern with no id)
#   -d  write each SVRL's lines to OUTDIR/NAME.EXT (NAME: the SVRL's
#       file name less its extension; EXT "findings" unless -x)
# Python 3 standard library only.
import os
import re
import sys
import xml.etree.ElementTree as ET

SVRL = '{http://purl.oclc.org/dsdl/svrl}'
WS = re.compile('[ \t\r\n]+')


def S_norm(s):
	return WS.sub(' ', s).strip(' ')


def S_lines(path, fired, patterns):
	root = ET.parse(path).getroot()
	out = []
	counts = {}
	pat = ''
	npat = 0
	for e in root:
		if e.tag == SVRL + 'active-pattern':
			npat += 1
			pat = e.get('id') or 'pattern-%d' % npat
		elif e.tag == SVRL + 'fired-rule':
			c = S_norm(e.get('context', ''))
			counts[c] = counts.get(c, 0) + 1
		elif e.tag in (SVRL + 'failed-assert',
		    SVRL + 'successful-report'):
			kind = 'assert' if e.tag.endswith('failed-assert') \
			    else 'report'
			t = e.find(SVRL + 'text')
			msg = S_norm(''.join(t.itertext())) if t is not None \
			    else ''
			line = '%s\t%s\t%s' % (e.get('location', ''), kind, msg)
			if patterns:
				line = pat + '\t' + line
			out.append(line)
	out.sort()
	if fired:
		out += sorted('fired\t%s\t%d' % (c, n)
		    for c, n in counts.items())
	return out


def main(argv):
	fired = patterns = False
	outdir = None
	ext = 'findings'
	args = list(argv)
	files = []
	while args:
		a = args.pop(0)
		if a == '-f':
			fired = True
		elif a == '-p':
			patterns = True
		elif a == '-d' and args:
			outdir = args.pop(0)
		elif a == '-x' and args:
			ext = args.pop(0)
		elif a.startswith('-') and a != '-':
			sys.stderr.write('sch-svrl.py: unknown option %s\n' % a)
			return 3
		else:
			files.append(a)
	if not files or (outdir is None and len(files) != 1):
		sys.stderr.write('usage: sch-svrl.py [-f] [-p] SVRL\n'
		    '       sch-svrl.py [-f] [-p] -d OUTDIR [-x EXT] '
		    'SVRL...\n')
		return 3
	for f in files:
		try:
			lines = S_lines(sys.stdin if f == '-' else f, fired,
			    patterns)
		except (OSError, ET.ParseError) as e:
			sys.stderr.write('sch-svrl.py: %s: %s\n' % (f, e))
			return 1
		text = ''.join(l + '\n' for l in lines)
		if outdir is None:
			sys.stdout.write(text)
		else:
			name = os.path.splitext(os.path.basename(f))[0]
			with open(os.path.join(outdir, name + '.' + ext), 'w',
			    encoding='utf-8') as o:
				o.write(text)
	return 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
