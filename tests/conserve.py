#!/usr/bin/env python3
# tests/conserve.py -- the conservation guarantee of the views: every
# word of a TEI source's text appears in its text or HTML view, in order.
#
# usage: conserve.py [--view text|html] [--summary] [--resources]
#                    [--max N] SOURCE.xml VIEW_OUTPUT
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
# and --summary prints that line only.  --batch LIST checks many at once,
# parsing each source once: each line of LIST is
# SOURCE<TAB>text|html<TAB>VIEW_OUTPUT, and each gives its report lines
# as "# ..." and then RESULT<TAB>STATUS<TAB>WORDS<TAB>LOST.  --resources: a TEI without a
# text (a register, a manuscript transcription) must show instead every
# word of its sourceDoc, and the names, birth, death and note of its
# standOff's entries (beyond the guarantee, which covers text only).  Python 3 standard library only;
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
    entry form sense u lb pb cb gb milestone surface zone line person
    place org event birth death'''.split())
# HTML elements that separate words; sup and sub too, since a note's
# reference is one (a word split by them still matches, as glued).
HTML_BREAK = set('''address article aside blockquote body br caption dd
    details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4
    h5 h6 header hr html li main nav ol p pre section summary table tbody
    td tfoot th thead tr ul sup sub'''.split())
SKIP = ('script', 'style', 'head', 'title')
# What --resources takes from a standOff: the parts of a register entry
# (person, place, org) that a register's view must show.
REGISTER = {TEI + n for n in ('persName', 'placeName', 'orgName', 'name',
    'birth', 'death', 'floruit', 'note')}


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
	"""A stream of source words, each [word, element path, glued] and
	maybe the label of a note right after it: glued when nothing but
	inline markup stands between it and the word before (<hi>W</hi>ord,
	pisk<lb break="no"/>slängar), so that the view may show the pieces
	joined or apart."""

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
			out[n] = [w] + [w + l for l in self[n][3:]]
			if n + 1 < len(self) and self[n + 1][2]:
				out[n] += [w + c for c in out[n + 1]]
		return out


class Source:
	"""The source's words: the main stream and the displaced units."""

	def __init__(self):
		self.main = Unit()
		self.units = []
		self.nonum = 0	# notes without @n so far in this text

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
		if k.tag == TEI + 'note':
			# Its label may follow the word before it with no space
			# (teikit's text view: "1990" and note 1 give "19901").
			if k.get('n') is None:
				self.nonum += 1
			label = k.get('n') or str(self.nonum)
			label = ''.join(w for w, _, _ in S_split(label))
			if unit and unit.open and label:
				unit[-1][3:] = [label]
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

	def read(self, root, resources=False):
		"""Every TEI at any depth under root (or root itself); with
		resources, a TEI without text gives the words of its sourceDoc
		and those of its standOff's register entries."""
		n = 0
		for tei, tpath in S_teis(root, '/' + S_local(root.tag)):
			n += 1
			seen = collections.Counter()
			kids = [k for k in tei if isinstance(k.tag, str)]
			text = any(k.tag == TEI + 'text' for k in kids)
			for k in kids:
				name = S_local(k.tag)
				seen[name] += 1
				kpath = '%s/%s[%d]' % (tpath, name, seen[name])
				self.main.open = False
				self.nonum = 0
				if k.tag == TEI + 'text' or (resources and
				    not text and k.tag == TEI + 'sourceDoc'):
					self.walk(k, kpath, self.main)
				elif resources and not text and \
				    k.tag == TEI + 'standOff':
					self.register(k, kpath)
		return n

	def register(self, el, path):
		"""The entries of a register that a view must show: names
		(not the sort keys, type="sort"), birth and death, notes,
		each in its own order; not geo, idno, gender, occupation..."""
		seen = collections.Counter()
		for k in el:
			if not isinstance(k.tag, str):
				continue
			name = S_local(k.tag)
			seen[name] += 1
			kpath = '%s/%s[%d]' % (path, name, seen[name])
			if k.get('type') == 'sort':
				continue	# a sort key, not a name to show
			if k.tag in REGISTER:
				# A register is a table: its columns (names,
				# dates, notes) may not follow the entry's
				# order, so each part is a unit of its own.
				unit = Unit()
				self.units.append(unit)
				self.walk(k, kpath, unit)
			else:
				self.register(k, kpath)


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

	def step(self, unit, chains, n, state, gap=None, end=None):
		"""Match unit[n] from state (i, k: k characters of view word i
		used), before view word end: the new state, or None."""
		i, k = state
		w, _, glued = unit[n][:3]
		if glued and 0 < k < len(self.words[i]) and \
		    self.words[i].startswith(w, k):
			return (i, k + len(w))
		free = i + 1 if k else i
		best = None
		for c in chains[n]:
			j = self.next(c, free)
			if j is not None and (best is None or j < best):
				best = j
		if best is None or (gap is not None and best - free > gap) or \
		    (end is not None and best >= end):
			return None
		return (best, len(w))

	def lost(self, unit):
		"""Indexes into unit of the words not found in order.  An exact
		greedy subsequence test first; when it fails, an alignment
		between anchors -- words found once in the unit and once in the
		view, in the same order -- where a word is taken after a skip of
		over four view words, or after a word lost, only if the next
		source words follow closely: one misplaced word does not count
		everything after it, nor common words drift through a paragraph
		lost."""
		chains = unit.chains()
		state = (0, 0)
		for n in range(len(unit)):
			state = self.step(unit, chains, n, state)
			if state is None:
				break
		else:
			return []
		anchors = S_anchors(unit, chains, self.at)
		out = []
		state = (0, 0)
		for n in range(len(unit)):
			if anchors and anchors[0][0] == n:
				state = (anchors.pop(0)[1], len(unit[n][0]))
				continue
			end = anchors[0][1] if anchors else None
			s = self.step(unit, chains, n, state, None, end)
			if s is not None and (s[0] - state[0] > 4 or
			    (out and out[-1] == n - 1)):
				s = self.confirmed(unit, chains, n, state, end)
			if s is None:
				out.append(n)
			else:
				state = s
		return out

	def confirmed(self, unit, chains, n, state, end):
		"""The first of the next few places of unit[n] after state where
		the next source words follow closely (five of six), or None."""
		free = state[0] + 1 if state[1] else state[0]
		places = []
		for c in chains[n]:
			pos = self.at.get(c, [])
			i = bisect.bisect_left(pos, free)
			places.extend(pos[i:i + 10])
		for j in sorted(places)[:10]:
			if end is not None and j >= end:
				break
			t, miss = (j, len(unit[n][0])), 0
			for m in range(n + 1, min(n + 7, len(unit))):
				t2 = self.step(unit, chains, m, t, 3)
				if t2 is None:
					miss += 1
					if miss > 1:
						break
				else:
					t = t2
			if miss <= 1:
				return (j, len(unit[n][0]))
		return None


def S_anchors(unit, chains, at):
	"""(index in unit, view position) of the words found once in the
	unit and once in the view, the longest run of them in order."""
	once = collections.Counter(t[0] for t in unit)
	pairs = [(n, at[t[0]][0]) for n, t in enumerate(unit)
	    if once[t[0]] == 1 and len(chains[n]) == 1 and
	    len(at.get(t[0], ())) == 1]
	# The longest increasing subsequence of view positions.
	tails, prev, ends = [], [None] * len(pairs), []
	for i, (_, p) in enumerate(pairs):
		k = bisect.bisect_left(tails, p)
		if k == len(tails):
			tails.append(p)
			ends.append(i)
		else:
			tails[k] = p
			ends[k] = i
		prev[i] = ends[k - 1] if k else None
	run = []
	i = ends[-1] if ends else None
	while i is not None:
		run.append(pairs[i])
		i = prev[i]
	return run[::-1]


def S_context(seq, n):
	a = ' '.join(t[0] for t in seq[max(0, n - 4):n])
	b = ' '.join(t[0] for t in seq[n + 1:n + 5])
	return '%s [%s] %s' % (a, seq[n][0], b)


def S_check(source, out, view, show):
	"""Check the view in file out against source: (lost, report lines,
	total line)."""
	vw = S_view_words(out, view)
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
		for n, (w, _, glued, *_) in enumerate(unit):
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

	lines = []
	for seq, n in order[:show]:
		w, path = seq[n][:2]
		lines.append('lost (order): %s at %s: %s' % (w, path,
		    S_context(seq, n)))
	for w, d in sorted(short.items(), key=lambda x: -x[1]):
		if len(lines) >= show:
			break
		if d <= missed[w]:
			continue	# shown above
		seq, n = where[w]
		lines.append('lost (count): %s (%d in the source, %d in the '
		    'view) first at %s: %s' % (w, need[w], have[w],
		    seq[n][1], S_context(seq, n)))
	return lost, lines, 'conserve: %d words, %d lost (order %d, ' \
	    'count %d)' % (total, lost, len(order), count_lost)


def S_source(src, resources):
	"""The source's words, or an exit status (2: unreadable, 3: not
	TEI) and its message."""
	try:
		# expat fetches no DTD and no external entity; an internal
		# subset's entities are expanded (with expat's own limits).
		root = ET.parse(src, parser=ET.XMLParser()).getroot()
	except (ET.ParseError, OSError) as e:
		return 2, '%s: error: %s' % (src, e)
	source = Source()
	if source.read(root, resources) == 0:
		return 3, '%s: not a TEI document (root %s)' % (src,
		    S_local(root.tag))
	return source, None


def S_batch(listfile, resources, show):
	"""Each line of listfile, SOURCE<TAB>VIEW<TAB>OUTPUT: the report
	lines as "# ...", then "RESULT<TAB>STATUS<TAB>WORDS<TAB>LOST"."""
	cache = (None, None)
	with open(listfile, encoding='utf-8') as f:
		for line in f:
			src, view, out = line.rstrip('\n').split('\t')
			if cache[0] != src:
				cache = (src, S_source(src, resources))
			source, msg = cache[1]
			if msg is not None:
				print('# ' + msg)
				print('RESULT\t%d\t0\t0' % source)
				continue
			try:
				lost, lines, summary = S_check(source, out,
				    view, show)
			except OSError as e:
				print('# %s: error: %s' % (out, e))
				print('RESULT\t2\t0\t0')
				continue
			for l in lines + [summary]:
				print('# ' + l)
			w = summary.split()[1]
			print('RESULT\t%d\t%s\t%d' % (1 if lost else 0, w,
			    lost))
			sys.stdout.flush()
	return 0


def main(argv):
	view = 'text'
	summary = False
	resources = False
	batch = None
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
		elif a == '--resources':
			resources = True
		elif a == '--batch':
			batch = next(it, '')
		elif a == '--max':
			n = next(it, '')
			if not n.isdigit():
				args = []	# a usage error
				break
			show = int(n)
		else:
			args.append(a)
	sys.setrecursionlimit(20000)
	if batch and not args:
		return S_batch(batch, resources, show)
	if view not in ('text', 'html') or len(args) != 2:
		print('usage: conserve.py [--view text|html] [--summary] '
		    '[--resources] [--max N] SOURCE.xml VIEW_OUTPUT\n'
		    '       conserve.py [--resources] [--max N] --batch LIST',
		    file=sys.stderr)
		return 2
	src, out = args
	source, msg = S_source(src, resources)
	if msg is not None:
		print(msg, file=sys.stderr)
		return source
	try:
		lost, lines, total = S_check(source, out, view, show)
	except OSError as e:
		print('%s: error: %s' % (out, e), file=sys.stderr)
		return 2
	if not summary:
		for l in lines:
			print(l)
	print(total)
	return 1 if lost else 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
