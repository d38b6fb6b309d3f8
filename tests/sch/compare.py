#!/usr/bin/env python3
# tests/sch/compare.py -- teikit's Schematron findings against the
# golden ones, file by file, as multisets of (LOCATION, MESSAGE): what
# tests/sch-tei.sh and tests/sch-diff.sh decide with.  Python 3 standard
# library only.
#
# usage: compare.py [-e EXPLAIN [-w]] [-q N] EXPDIR JSONL NAME...
#   EXPDIR  NAME.expected for each NAME: LOCATION<TAB>KIND<TAB>MESSAGE
#           lines (tests/sch-svrl.py), and, for -w, the fired rules'
#           fired<TAB>CONTEXT<TAB>COUNT lines (sch-svrl.py -f)
#   JSONL   what `teikit validate --format json` printed for the NAMEs
#           (NAME is a file's name less its directory and ".xml"): the
#           Schematron findings are the objects with code TK-E027,
#           TK-W017 or TK-N004, compared on ("xpath", "message"); a
#           finding with no "xpath" compares as "(no xpath)", so it
#           differs.  Other diagnostics (RELAX NG's, integrity
#           warnings) are not looked at.
#   -e EXPLAIN  what `teikit validate --explain` printed on stderr; its
#           lines "FILE: Schematron: rule CONTEXT (line L) fired N
#           times" ("schematron", "(line L)" optional, "time") are the
#           fired-rule counts, compared (summed per normalized CONTEXT,
#           as sch-svrl.py -f sums SVRL's) with the fired lines of
#           NAME.expected when -w is given and at least one such line
#           is there
#   -q N    show at most N differing lines of each side per file (5)
# Prints, per NAME, "ok NAME" or "not ok NAME" and the differing lines
# ("# - " SchXslt only, "# + " teikit only), then the summary line
# "# files F, findings compared C (teikit N), mismatches M, ...".
# Exit 0 when all NAMEs agree, 1 when one does not, 3 on misuse.
import json
import os
import re
import sys

CODES = ('TK-E027', 'TK-W017', 'TK-N004')
WS = re.compile('[ \t\r\n]+')
EXPLAIN = re.compile(
    r'^(.*): [Ss]chematron: rule (.*?)(?: \(line \d+\))? fired (\d+) times?$')


def S_norm(s):
	return WS.sub(' ', s).strip(' ')


def S_name(path):
	b = os.path.basename(path)
	return b[:-4] if b.endswith('.xml') else b


def S_counter(lines):
	c = {}
	for l in lines:
		c[l] = c.get(l, 0) + 1
	return c


def S_minus(a, b):
	"""lines of multiset a not matched in b, sorted"""
	out = []
	for k in sorted(a):
		n = a[k] - b.get(k, 0)
		out += [k] * max(n, 0)
	return out


def S_read(path):
	try:
		with open(path, encoding='utf-8') as f:
			return [l.rstrip('\n') for l in f if l.strip()]
	except FileNotFoundError:
		return None


def main(argv):
	explain = None
	fired = False
	quota = 5
	args = list(argv)
	while args and args[0].startswith('-') and len(args[0]) > 1:
		a = args.pop(0)
		if a == '-e' and args:
			explain = args.pop(0)
		elif a == '-w':
			fired = True
		elif a == '-q' and args:
			quota = int(args.pop(0))
		else:
			sys.stderr.write('compare.py: unknown option %s\n' % a)
			return 3
	if len(args) < 2:
		sys.stderr.write('usage: compare.py [-e EXPLAIN] [-w] [-q N] '
		    'EXPDIR JSONL NAME...\n')
		return 3
	expdir, jsonl, names = args[0], args[1], args[2:]

	got = {}
	nbadjson = 0
	with open(jsonl, encoding='utf-8') as f:
		for n, l in enumerate(f, 1):
			if not l.strip():
				continue
			try:
				d = json.loads(l)
			except ValueError:
				print('# %s:%d: not JSON: %s' % (jsonl, n,
				    l.strip()[:200]))
				nbadjson += 1
				continue
			if d.get('code') not in CODES:
				continue
			got.setdefault(S_name(str(d.get('file', ''))), []).append(
			    '%s\t%s' % (d.get('xpath', '(no xpath)'),
			    d.get('message', '(no message)')))

	gfired = {}
	nexplain = 0
	if explain is not None:
		with open(explain, encoding='utf-8', errors='replace') as f:
			for l in f:
				m = EXPLAIN.match(l.rstrip('\n'))
				if not m:
					continue
				nexplain += 1
				c = gfired.setdefault(S_name(m.group(1)), {})
				k = S_norm(m.group(2))
				c[k] = c.get(k, 0) + int(m.group(3))
	dofired = fired and nexplain > 0

	nfiles = ncmp = ngot = nbad = nfcmp = 0
	for name in names:
		nfiles += 1
		exp = S_read(os.path.join(expdir, name + '.expected'))
		if exp is None:
			print('not ok %s' % name)
			print('# no %s.expected' % name)
			nbad += 1
			continue
		ef = {}
		for l in [l for l in exp if l.startswith('fired\t')]:
			_, c, n = l.split('\t')
			ef[c] = ef.get(c, 0) + int(n)
		exp = [l for l in exp if not l.startswith('fired\t')]
		e = S_counter('\t'.join(l.split('\t')[0::2]) for l in exp)
		g = S_counter(got.pop(name, []))
		ncmp += len(exp)
		ngot += sum(g.values())
		diffs = []
		lost, extra = S_minus(e, g), S_minus(g, e)
		diffs += ['# - ' + l for l in lost[:quota]]
		if len(lost) > quota:
			diffs.append('# - ... and %d more' % (len(lost) - quota))
		diffs += ['# + ' + l for l in extra[:quota]]
		if len(extra) > quota:
			diffs.append('# + ... and %d more' % (len(extra) - quota))
		if dofired:
			gf = gfired.pop(name, {})
			nfcmp += len(ef)
			fd = sorted(set(ef) | set(gf))
			fd = [c for c in fd if ef.get(c, 0) != gf.get(c, 0)]
			diffs += ['# fired %s: SchXslt %d, teikit %d' %
			    (c, ef.get(c, 0), gf.get(c, 0)) for c in fd[:quota]]
			if len(fd) > quota:
				diffs.append('# fired: ... and %d more rules differ'
				    % (len(fd) - quota))
		if diffs:
			nbad += 1
			print('not ok %s' % name)
			print('\n'.join(diffs))
		else:
			print('ok %s' % name)
	if nbadjson:
		print('not ok (JSON)')
		print('# %d lines of teikit\'s output are not JSON' % nbadjson)
		nbad += 1
	print('# files %d, findings compared %d (teikit %d), mismatches %d, '
	    'fired-rule counts %s' % (nfiles, ncmp, ngot, nbad,
	    'compared %d' % nfcmp if dofired else
	    'not compared (teikit --explain gave none)'))
	return 1 if nbad else 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
