#!/usr/bin/env python3
# tests/sch/mutate.py -- mutants of TEI documents that TEI's Schematron
# rules (tei_all) fire on, for tests/sch-diff.sh: the real corpus gives
# no finding at all, so on it alone an engine that reports nothing would
# agree with SchXslt.  Each mutant takes a few edits chosen from what
# the rules check (an attribute where a rule forbids it or without the
# one it needs, structures nested where the abstract model forbids them,
# duplicated singletons, a fixture's firing fragment put somewhere in the
# text, an attribute moved to another element, ...).  Deterministic: the
# choices come from random.Random seeded with SEED and the file's name.
#
# usage: mutate.py [-s SEED] [-n N] OUTDIR FILE...
#   writes OUTDIR/NAME.mK.xml, K = 1..N (default 3), NAME the file's
#   name less ".xml".  Python 3 standard library only.
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkfixtures  # noqa: E402  the fixtures' firing fragments

TEI = 'http://www.tei-c.org/ns/1.0'
T = '{%s}' % TEI
XMLID = '{http://www.w3.org/XML/1998/namespace}id'
ET.register_namespace('tei', TEI)
ET.register_namespace('sch', 'http://purl.oclc.org/dsdl/schematron')
ET.register_namespace('sch1x', 'http://www.ascc.net/xml/schematron')
ET.register_namespace('rng', 'http://relaxng.org/ns/structure/1.0')
ET.register_namespace('teix', 'http://www.tei-c.org/ns/Examples')

# attributes an edit may move or add: none whose value a rule casts
# (validUntil, minOccurs, maxOccurs, points), where a bad value would
# stop SchXslt's run with a dynamic error rather than give a finding
MOVABLE = ('when', 'from', 'to', 'notBefore', 'notAfter', 'calendar',
    'subtype', 'type', 'spanTo', 'targetLang', 'target', 'cRef',
    'generatedBy', 'schemeVersion', 'scheme', 'source', 'new', 'active',
    'passive', 'mutual', 'name', 'key', 'ref', 'n', 'rend')


class Doc:
	def __init__(self, root, rng):
		self.root = root
		self.rng = rng
		self.nid = 0
		self.fixture = None	# the next m_fixture's, when set

	def all(self):
		return list(self.root.iter())

	def tei(self, *names):
		want = {T + n for n in names}
		return [e for e in self.root.iter() if e.tag in want]

	def textual(self):
		"""TEI elements inside a <text> (or all when there is none)"""
		texts = self.tei('text')
		pool = [e for t in texts for e in t.iter()] or self.all()
		return [e for e in pool if isinstance(e.tag, str) and
		    e.tag.startswith(T)]

	def pick(self, pool):
		return self.rng.choice(pool) if pool else None

	def parents(self):
		return {c: p for p in self.root.iter() for c in p}

	def newid(self):
		self.nid += 1
		return 'mut-%d' % self.nid

	def insert(self, parent, el, where=None):
		n = len(parent)
		i = self.rng.randint(0, n) if where is None else where
		parent.insert(i, el)


def S_el(gi, text=None, **attrs):
	e = ET.Element(T + gi, attrs)
	if text is not None:
		e.text = text
	return e


def S_frag(s, suffix):
	"""elements of a fixture fragment, its xml:ids (and the pointers to
	them) made unique with suffix"""
	for i in sorted(set(re.findall(r'xml:id="([^"]+)"', s))):
		s = s.replace('xml:id="%s"' % i, 'xml:id="%s-%s"' % (i, suffix))
		s = re.sub(r'#%s\b' % re.escape(i), '#%s-%s' % (i, suffix), s)
	w = ET.fromstring('<w xmlns="%s">%s</w>' % (TEI, s))
	return list(w)


# -- the edits: each takes a Doc, changes it, says what it did ----------

def m_calendar(d):
	pool = d.textual()
	empty = [e for e in pool if not ''.join(e.itertext()).strip()]
	e = d.pick(empty if empty and d.rng.random() < 0.7 else pool)
	e.set('calendar', '#julian')
	return 'calendar on <%s>' % e.tag


def m_subtype(d):
	e = d.pick(d.textual())
	e.set('subtype', 'mutant')
	if d.rng.random() < 0.6:
		e.attrib.pop('type', None)
	return 'subtype'


def m_datable(d):
	e = d.pick(d.textual())
	pair = d.rng.choice([('when', 'notBefore'), ('when', 'to'),
	    ('from', 'notBefore'), ('to', 'notAfter'), ('when', 'from'),
	    ('from', 'to')])
	e.set(pair[0], '1900')
	e.set(pair[1], '1901')
	return 'datable %s+%s' % pair


def m_targetLang(d):
	e = d.pick(d.tei('ref', 'ptr') or d.textual())
	e.set('targetLang', 'en')
	if d.rng.random() < 0.5:
		e.attrib.pop('target', None)
	return 'targetLang'


def m_cref(d):
	pool = [e for e in d.tei('ref', 'ptr') if e.get('target')]
	e = d.pick(pool)
	if e is None:
		e = S_el('ptr', target='#x')
		d.insert(d.pick(d.tei('p') or d.textual()), e)
	e.set('cRef', '1.2')
	return 'cRef'


def m_spanTo(d):
	pool = d.textual()
	e = d.pick([x for x in pool if x.get(XMLID)] or pool)
	if not e.get(XMLID):
		e.set(XMLID, d.newid())
	par = d.parents()
	p = par.get(e)
	span = S_el(d.rng.choice(['addSpan', 'delSpan', 'damageSpan']),
	    spanTo='#' + e.get(XMLID))
	if p is None or d.rng.random() < 0.2:
		span.set('spanTo', '#nowhere-%d' % d.rng.randint(1, 99))
		p = e
		d.insert(p, span)
	else:
		i = list(p).index(e)
		# after the target: fires; before it: passes
		p.insert(i + 1 if d.rng.random() < 0.7 else i, span)
	if d.rng.random() < 0.3:
		del span.attrib['spanTo']
	return 'spanTo'


def m_schemeVersion(d):
	e = d.pick(d.tei('rendition') or d.textual())
	e.set('schemeVersion', '2.0')
	r = d.rng.random()
	if r < 0.3:
		e.set('scheme', 'free')
	elif r < 0.5:
		e.set('scheme', 'css')
	return 'schemeVersion'


def m_gloss(d):
	e = d.pick(d.tei('list'))
	if e is None:
		e = S_el('list')
		e.append(S_el('item', 'an item'))
		d.insert(d.pick(d.tei('div', 'body') or d.textual()), e)
	e.set('type', 'gloss')
	return 'gloss list'


def m_nest(d):
	kind = d.rng.choice(['p', 'l', 'lg', 'div', 'ab', 's', 'p-in-l'])
	hosts = {'p': ('p', 'ab'), 'l': ('l',), 'lg': ('l',),
	    'div': ('p', 'ab', 'l'), 'ab': ('l',), 's': ('s',),
	    'p-in-l': ('l',)}[kind]
	h = d.pick(d.tei(*hosts))
	if h is None:
		h = d.pick(d.tei('p') or d.textual())
	if kind == 's' and h.tag != T + 's':
		new = S_el('s', 'outer ')
		new.append(S_el('s', 'nested'))
	elif kind in ('p', 'p-in-l'):
		new = S_el('p', 'nested')
	elif kind == 'l':
		new = S_el('l', 'nested')
	elif kind == 'lg':
		new = S_el('lg')
		new.append(S_el('l', 'nested'))
	elif kind == 'div':
		new = S_el('div')
	elif kind == 'ab':
		new = S_el('ab', 'nested')
	else:
		new = S_el('s', 'nested')
	if d.rng.random() < 0.25:
		# inside a note: some rules let that pass
		n = S_el('note')
		n.append(new)
		new = n
	d.insert(h, new)
	return 'nest %s in <%s>' % (kind, h.tag)


def m_emptylg(d):
	e = d.pick(d.tei('lg'))
	if e is None:
		e = S_el('lg')
		d.insert(d.pick(d.tei('div', 'body') or d.textual()), e)
	for c in list(e):
		e.remove(c)
	e.append(S_el('head', 'no lines'))
	return 'empty lg'


def m_dup(d):
	pool = d.tei('msContents', 'physDesc', 'history', 'additional',
	    'width', 'height', 'depth', 'lem', 'model', 'constraintSpec',
	    'attDef', 'moduleRef', 'dimensions', 'msIdentifier', 's', 'l')
	e = d.pick(pool)
	if e is None:
		return m_fixture(d)
	p = d.parents().get(e)
	if p is None:
		return m_fixture(d)
	c = ET.fromstring(ET.tostring(e))
	for x in c.iter():
		x.attrib.pop(XMLID, None)
	p.insert(list(p).index(e) + 1, c)
	return 'dup <%s>' % e.tag


def m_relation(d):
	attrs = {}
	for a, v in (('name', 'knows'), ('ref', 'http://example.org/r'),
	    ('key', 'k'), ('active', '#a'), ('passive', '#b'),
	    ('mutual', '#a #b')):
		if d.rng.random() < 0.4:
			attrs[a] = v
	e = S_el('relation')
	e.attrib.update(attrs)
	g = d.pick(d.tei('listRelation'))
	if g is None:
		g = S_el('listRelation')
		d.insert(d.pick(d.tei('div', 'body', 'p') or d.textual()), g)
	d.insert(g, e)
	return 'relation %s' % sorted(attrs)


def m_link(d):
	t = d.rng.choice(['#a', '#a #b', ' #a ', '#a\t#b'])
	e = S_el(d.rng.choice(['link', 'join']), target=t)
	d.insert(d.pick(d.tei('div', 'body', 'p') or d.textual()), e)
	return 'link/join'


def m_span(d):
	attrs = {}
	for a in ('from', 'to', 'target'):
		if d.rng.random() < 0.6:
			attrs[a] = d.rng.choice(['#a', '#a #b'])
	g = S_el('spanGrp')
	sp = S_el('span', 'a note')
	sp.attrib.update(attrs)
	g.append(sp)
	d.insert(d.pick(d.tei('div', 'body') or d.textual()), g)
	return 'span %s' % sorted(attrs)


def m_delattr(d):
	pool = [(e, a) for e in d.tei('addSpan', 'delSpan', 'damageSpan')
	    for a in ('spanTo',) if e.get(a)] + \
	    [(e, 'new') for e in d.tei('shift') if e.get('new')] + \
	    [(e, 'type') for e in d.textual() if e.get('subtype') and e.get('type')] + \
	    [(e, 'target') for e in d.tei('link', 'join') if e.get('target')]
	if not pool:
		return m_misplace(d)
	e, a = d.rng.choice(pool)
	e.attrib.pop(a, None)
	return 'drop @%s' % a


def m_misplace(d):
	pool = [(e, a) for e in d.all() if isinstance(e.tag, str)
	    for a in e.attrib if a in MOVABLE]
	if not pool:
		return m_calendar(d)
	e, a = d.rng.choice(pool)
	to = d.pick(d.textual())
	to.set(a, e.attrib.pop(a))
	return 'move @%s <%s> to <%s>' % (a, e.tag, to.tag)


def m_fixture(d):
	"""a firing fixture's fragment, somewhere in the text"""
	if d.fixture is not None:
		name, _, fire, _ = mkfixtures.FIX[d.fixture]
		d.fixture = None
	else:
		name, _, fire, _ = d.rng.choice(mkfixtures.FIX)
	frag = fire.get('body') or fire.get('pre') or fire.get('hdr') or \
	    fire.get('src')
	els = S_frag(frag, '%d' % d.rng.randint(1, 9999))
	host = d.pick(d.tei('div', 'body', 'p', 'l', 'lg', 'note', 'ab') or
	    d.textual())
	for e in els:
		d.insert(host, e)
	return 'fixture %s in <%s>' % (name, host.tag)


def m_shift(d):
	e = d.pick(d.tei('shift'))
	if e is None:
		e = S_el('shift', feature='loud')
		d.insert(d.pick(d.tei('p', 'l', 'ab') or d.textual()), e)
	else:
		e.attrib.pop('new', None)
	return 'shift without @new'


EDITS = [m_shift, m_calendar, m_subtype, m_datable, m_targetLang, m_cref, m_spanTo,
    m_schemeVersion, m_gloss, m_nest, m_emptylg, m_dup, m_relation, m_link,
    m_span, m_delattr, m_misplace, m_fixture, m_fixture, m_fixture]


def main(argv):
	seed = 15
	n = 3
	args = list(argv)
	while args and args[0].startswith('-'):
		a = args.pop(0)
		if a == '-s' and args:
			seed = int(args.pop(0))
		elif a == '-n' and args:
			n = int(args.pop(0))
		else:
			sys.stderr.write('mutate.py: unknown option %s\n' % a)
			return 3
	if len(args) < 2:
		sys.stderr.write('usage: mutate.py [-s SEED] [-n N] OUTDIR '
		    'FILE...\n')
		return 3
	out = args[0]
	# each mutant's first edit puts in a fixture's firing fragment, the
	# fixtures taken in turn: all 93 patterns fire in 93 mutants or more
	turn = 0
	for f in args[1:]:
		name = os.path.basename(f)
		if name.endswith('.xml'):
			name = name[:-4]
		for k in range(1, n + 1):
			rng = random.Random('%d/%s/%d' % (seed, name, k))
			tree = ET.parse(f)
			d = Doc(tree.getroot(), rng)
			d.fixture = turn % len(mkfixtures.FIX)
			turn += 1
			log = [m_fixture(d)] + [rng.choice(EDITS)(d)
			    for _ in range(rng.randint(2, 5))]
			tree.write(os.path.join(out, '%s.m%d.xml' % (name, k)),
			    encoding='utf-8', xml_declaration=True)
			if os.environ.get('MUTATE_VERBOSE'):
				sys.stderr.write('%s.m%d: %s\n' % (name, k,
				    '; '.join(log)))
	return 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
