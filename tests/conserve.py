#!/usr/bin/env python3
# tests/conserve.py -- the conservation guarantee of the views: every
# word of a TEI source's text appears in its text or HTML view, in order.
#
# usage: conserve.py [--view text|html] [--summary] [--max N]
#                    SOURCE.xml VIEW_OUTPUT
#
# Source words: for each tei:TEI (the root, or each TEI of a teiCorpus at
# any depth), every text node under its tei:text, less the excluded
# subtrees -- tei:teiHeader, tei:binaryObject, tei:fw and the
# alternatives of a tei:choice not chosen (the chosen one is the first
# of tei:corr, tei:reg, tei:expan present, else the first child element).
# Displaced units -- each tei:note; each tei:rdg/tei:rdgGrp of an app
# other than its base reading (its tei:lem, else its first tei:rdg);
# tei:witDetail -- are checked apart from the main stream, since a view
# may move them (notes section, apparatus).
#
# A word is a maximal run of Unicode letters, marks and digits after NFC
# normalization; case counts.  View words: the whole text view; the text
# of the HTML <body> outside <script> and <style> (attributes never),
# a block element separating words.  A word that inline markup splits in
# the source (<hi>W</hi>ord, pisk<lb break="no"/>slängar) may be shown
# joined or in pieces; a block (p, l, cell, speaker, lb...) ends a word,
# so "first linesecond line" in a view loses "second".
#
# Check 1 (order): the main stream, and each displaced unit, is a
# subsequence of the view's words.  Check 2 (count): no word occurs
# fewer times in the view than in the source.
#
# Exit 0 when nothing is lost, 1 when words are lost (the first --max of
# them printed with their element and a few words around them), 2 on a
# usage or parse error, 3 when SOURCE is not a TEI document.  The last
# line is always the totals:
#     conserve: N words, M lost (order A, count B)
# and --summary prints that line only.  Python 3 standard library only;
# the source is read without fetching any DTD or external entity.
import bisect
import collections
import html.parser
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

TEI = '{http://www.tei-c.org/ns/1.0}'
EXCLUDED = {TEI + 'teiHeader', TEI + 'binaryObject', TEI + 'fw'}
PREFERRED = (TEI + 'corr', TEI + 'reg', TEI + 'expan')
# Fast path: a run of non-space characters outside ASCII punctuation;
# runs holding anything but letters and digits are split by category.
CANDIDATE = re.compile(r'[^\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+')
ALNUM = re.compile(r'[^\W_]+')
# TEI elements that always end a word (a block, a line, a break unless
# @break="no"); other markup may fall inside a word.
BREAK = set('''text front body back group floatingText div div1 div2 div3
    div4 div5 div6 div7 p ab head l lg sp spGrp speaker stage move castList
    castGroup castItem role roleDesc actor set list item label table row
    cell figure figDesc opener closer salute dateline signed byline
    address addrLine docTitle docAuthor docDate docEdition docImprint
    titlePage titlePart epigraph argument trailer postscript listBibl
    entry form sense u lb pb cb gb milestone'''.split())
# HTML elements that separate words; sup and sub too, since a note's
# reference is one (a word split by them still matches, as glued).
HTML_BREAK = set('''address article aside blockquote body br caption dd
    details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4
    h5 h6 header hr html li main nav ol p pre section summary table tbody
    td tfoot th thead tr ul sup sub'''.split())
SKIP = ('script', 'style', 'head', 'title')


def S_split(s):
	"""The words of s as (word, start, end): maximal runs of letters (L),
	marks (M) and digits (N) of the NFC-normalized s."""
	out = []
	for m in CANDIDATE.finditer(s):
		run = m.group()
		if ALNUM.fullmatch(run):
			out.append((run, m.start(), m.end()))
			continue
		b = None
		for i, c in enumerate(run, m.start()):
			if unicodedata.category(c)[0] in 'LMN':
				if b is None:
					b = i
			elif b is not None:
				out.append((s[b:i], b, i))
				b = None
		if b is not None:
			out.append((s[b:m.end()], b, m.end()))
	return out


def S_local(tag):
	return tag.rsplit('}', 1)[-1] if isinstance(tag, str) else '?'


class Unit(list):
	"""A stream of source words, each [word, element path, glued]:
	glued when nothing but inline markup stands between it and the word
	before (<hi>W</hi>ord, pisk<lb break="no"/>slängar), so that the
	view may show the pieces joined or apart."""

	def __init__(self):
		super().__init__()
		self.open = False	# the last word ends flush with its node

	def add(self, text, path):
		if not text:
			return
		text = unicodedata.normalize('NFC', text)
		words = S_split(text)
		for n, (w, b, e) in enumerate(words):
			self.append([w, path, n == 0 and b == 0 and self.open])
		self.open = bool(words) and words[-1][2] == len(text)

	def chains(self):
		"""For each word, the strings a view word may be when it holds
		this word and the glued ones after it: w, w+w2, w+w2+w3..."""
		out = [None] * len(self)
		for n in range(len(self) - 1, -1, -1):
			w = self[n][0]
			if n + 1 < len(self) and self[n + 1][2]:
				out[n] = [w] + [w + c for c in out[n + 1]]
			else:
				out[n] = [w]
		return out


class Source:
	"""The source's words: the main stream and the displaced units."""

	def __init__(self):
		self.main = Unit()
		self.units = []

	def walk(self, el, path, unit):
		"""Walk el's content (not its tail) into unit."""
		unit.add(el.text, path)
		seen = collections.Counter()
		kids = [k for k in el if isinstance(k.tag, str)]
		chosen = base = None
		if el.tag == TEI + 'choice':
			for t in PREFERRED:
				chosen = next((k for k in kids if k.tag == t), None)
				if chosen is not None:
					break
			if chosen is None and kids:
				chosen = kids[0]
		elif el.tag == TEI + 'app':
			base = next((k for k in kids if k.tag == TEI + 'lem'),
			    None)
			if base is None:
				base = next((k for k in kids
				    if k.tag == TEI + 'rdg'), None)
		for k in el:
			if isinstance(k.tag, str):
				name = S_local(k.tag)
				seen[name] += 1
				kpath = '%s/%s[%d]' % (path, name, seen[name])
				self.element(k, kpath, unit, el, chosen, base)
			unit.add(k.tail, path)

	def element(self, k, kpath, unit, parent, chosen, base):
		if k.tag in EXCLUDED:
			return
		if parent.tag == TEI + 'choice' and k is not chosen:
			return
		displaced = k.tag in (TEI + 'note', TEI + 'witDetail')
		if parent.tag == TEI + 'app' and k is not base and \
		    k.tag in (TEI + 'lem', TEI + 'rdg', TEI + 'rdgGrp'):
			displaced = True
		if displaced:
			unit = Unit()
			self.units.append(unit)
		brk = S_local(k.tag) in BREAK and k.tag.startswith(TEI) and \
		    k.get('break') != 'no'
		if brk:
			unit.open = False
		self.walk(k, kpath, unit)
		if brk:
			unit.open = False

	def read(self, root):
		"""Every TEI at any depth under root (or root itself)."""
		n = 0
		for tei, tpath in S_teis(root, '/' + S_local(root.tag)):
			n += 1
			seen = collections.Counter()
			for k in tei:
				if not isinstance(k.tag, str):
					continue
				seen[S_local(k.tag)] += 1
				if k.tag == TEI + 'text':
					self.main.open = False
					self.walk(k, '%s/text[%d]' % (tpath,
					    seen['text']), self.main)
		return n


def S_teis(el, path):
	if el.tag == TEI + 'TEI':
		yield el, path
		return
	seen = collections.Counter()
	for k in el:
		if isinstance(k.tag, str) and k.tag.startswith(TEI):
			seen[S_local(k.tag)] += 1
			if k.tag in (TEI + 'TEI', TEI + 'teiCorpus'):
				yield from S_teis(k, '%s/%s[%d]' % (path,
				    S_local(k.tag), seen[S_local(k.tag)]))


class Body(html.parser.HTMLParser):
	"""The text of an HTML page's body, outside script and style; a
	block (or sup/sub, where note references go) separates words."""

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.body = []
		self.rest = []
		self.in_body = False
		self.saw_body = False
		self.skip = 0

	def handle_starttag(self, tag, attrs):
		if tag == 'body':
			self.in_body = self.saw_body = True
		elif tag in SKIP:
			self.skip += 1
		if tag in HTML_BREAK:
			self.handle_data(' ')

	def handle_startendtag(self, tag, attrs):
		if tag in HTML_BREAK:
			self.handle_data(' ')

	def handle_endtag(self, tag):
		if tag == 'body':
			self.in_body = False
		elif tag in SKIP and self.skip:
			self.skip -= 1
		if tag in HTML_BREAK:
			self.handle_data(' ')

	def handle_data(self, data):
		if self.skip:
			return
		(self.body if self.in_body else self.rest).append(data)

	def text(self):
		# Without a <body> tag, everything outside head/script/style.
		return ''.join(self.body if self.saw_body else self.rest)


def S_view_words(path, view):
	with open(path, encoding='utf-8', errors='replace') as f:
		s = f.read()
	if view == 'html':
		p = Body()
		p.feed(s)
		p.close()
		s = p.text()
	return [w for w, _, _ in S_split(unicodedata.normalize('NFC', s))]


class View:
	"""The view's words, and where each word occurs."""

	def __init__(self, words):
		self.words = words
		self.at = {}
		for i, w in enumerate(words):
			self.at.setdefault(w, []).append(i)

	def next(self, w, p):
		pos = self.at.get(w)
		if not pos:
			return None
		i = bisect.bisect_left(pos, p)
		return pos[i] if i < len(pos) else None

	def step(self, unit, chains, n, state, gap=None):
		"""Match unit[n] from state (i, k: k characters of view word i
		used): the new state, or None."""
		i, k = state
		w, _, glued = unit[n]
		if glued and 0 < k < len(self.words[i]) and \
		    self.words[i].startswith(w, k):
			return (i, k + len(w))
		free = i + 1 if k else i
		best = None
		for c in chains[n]:
			j = self.next(c, free)
			if j is not None and (best is None or j < best):
				best = j
		if best is None or (gap is not None and best - free > gap):
			return None
		return (best, len(w))

	def lost(self, unit):
		"""Indexes into unit of the words not found in order.  An exact
		greedy subsequence test first; when it fails, an alignment that
		skips more than three view words only when two of the next three
		source words follow closely, so that one misplaced word does not
		count everything after it."""
		chains = unit.chains()
		state = (0, 0)
		for n in range(len(unit)):
			state = self.step(unit, chains, n, state)
			if state is None:
				break
		else:
			return []
		out = []
		state = (0, 0)
		for n in range(len(unit)):
			s = self.step(unit, chains, n, state)
			if s is not None and s[0] - state[0] > 4:
				t, miss = s, 0
				for m in range(n + 1, min(n + 4, len(unit))):
					t2 = self.step(unit, chains, m, t, 3)
					if t2 is None:
						miss += 1
					else:
						t = t2
				if miss > 1:
					s = None
			if s is None:
				out.append(n)
			else:
				state = s
		return out


def S_context(seq, n):
	a = ' '.join(t[0] for t in seq[max(0, n - 4):n])
	b = ' '.join(t[0] for t in seq[n + 1:n + 5])
	return '%s [%s] %s' % (a, seq[n][0], b)


def main(argv):
	view = 'text'
	summary = False
	show = 10
	args = []
	it = iter(argv)
	for a in it:
		if a == '--view':
			view = next(it, '')
		elif a.startswith('--view='):
			view = a.split('=', 1)[1]
		elif a == '--summary':
			summary = True
		elif a == '--max':
			n = next(it, '')
			if not n.isdigit():
				args = []	# a usage error
				break
			show = int(n)
		else:
			args.append(a)
	if view not in ('text', 'html') or len(args) != 2:
		print('usage: conserve.py [--view text|html] [--summary] '
		    '[--max N] SOURCE.xml VIEW_OUTPUT', file=sys.stderr)
		return 2
	src, out = args
	sys.setrecursionlimit(20000)
	try:
		# expat fetches no DTD and no external entity; an internal
		# subset's entities are expanded (with expat's own limits).
		root = ET.parse(src, parser=ET.XMLParser()).getroot()
	except (ET.ParseError, OSError) as e:
		print('%s: error: %s' % (src, e), file=sys.stderr)
		return 2
	source = Source()
	if source.read(root) == 0:
		print('%s: not a TEI document (root %s)' % (src,
		    S_local(root.tag)), file=sys.stderr)
		return 3
	try:
		vw = S_view_words(out, view)
	except OSError as e:
		print('%s: error: %s' % (out, e), file=sys.stderr)
		return 2
	view = View(vw)

	# Check 1: order, the main stream and each unit on its own.
	order = []	# (unit, index) of words not found in order
	for unit in [source.main] + source.units:
		order.extend((unit, n) for n in view.lost(unit))
	# Check 2: counts, of the words not glued to others (a word split
	# by inline markup may be shown joined or apart: order only).
	need = collections.Counter()
	where = {}
	for unit in [source.main] + source.units:
		for n, (w, _, glued) in enumerate(unit):
			if glued or (n + 1 < len(unit) and unit[n + 1][2]):
				continue
			need[w] += 1
			where.setdefault(w, (unit, n))
	have = collections.Counter(vw)
	short = {w: c - have[w] for w, c in need.items() if c > have[w]}
	count_lost = sum(short.values())
	# The union: a word short by d is d words lost, of which those
	# already missed by the order check are not counted twice.
	missed = collections.Counter(unit[n][0] for unit, n in order)
	extra = sum(max(0, d - missed[w]) for w, d in short.items())
	total = len(source.main) + sum(len(u) for u in source.units)
	lost = len(order) + extra

	if not summary and lost:
		shown = 0
		for seq, n in order:
			if shown == show:
				break
			shown += 1
			w, path, _ = seq[n]
			print('lost (order): %s at %s: %s' % (w, path,
			    S_context(seq, n)))
		for w, d in sorted(short.items(), key=lambda x: -x[1]):
			if shown == show:
				break
			if d <= missed[w]:
				continue	# shown above
			shown += 1
			seq, n = where[w]
			print('lost (count): %s (%d in the source, %d in the '
			    'view) first at %s: %s' % (w, need[w], have[w],
			    seq[n][1], S_context(seq, n)))
	print('conserve: %d words, %d lost (order %d, count %d)' % (total,
	    lost, len(order), count_lost))
	return 1 if lost else 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
