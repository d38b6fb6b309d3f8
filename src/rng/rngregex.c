/*
 * rngregex.c -- XML Schema regular expressions (XML Schema Part 2,
 * Appendix F) for the pattern parameter: a strict parser, and matching
 * by simulating the expression's NFA over code points (Thompson), so
 * that no expression makes matching backtrack.
 *
 * A counted repetition x{n,m} small enough is unrolled into copies of
 * x.  A larger one (x{2147483648}) keeps one copy of x and, in each of
 * its states, the set of the counts of iterations done, as a bitset as
 * wide as the input is long, not as m.  Its body is first rewritten not
 * to match the empty string (when x matches "", x{n,m} matches what
 * x'{0,m} does, x' being x without ""), so that no count passes the
 * characters consumed.  Counted loops do not nest: inside one,
 * repetitions unroll, and an expression that would take more than
 * PROG_MAX states is refused.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/chvalid.h>
#include <libxml/xmlunicode.h>

#include "rngregex.h"

#define NOPC		UINT32_MAX
#define NONODE		UINT32_MAX
#define SAT		((uint64_t)1 << 62)	/* "too many to matter" */
#define INF		UINT64_MAX		/* no upper bound */
#define UNROLL_MAX	256	/* states a repetition may unroll into */
#define PROG_MAX	65536	/* states in all */
#define DEPTH_MAX	256	/* nested groups and character classes */

/* ---- character classes ---- */

enum item_kind { IT_RANGE, IT_CAT, IT_BLOCK, IT_ESC };

struct item {
	uint8_t		 kind;
	uint8_t		 neg;		/* \P{..}, \S, \D ... */
	uint32_t	 a, b;		/* range; or category, block, escape */
};

struct cls {
	struct item	*v;
	size_t		 n;
	int		 neg;		/* [^...] */
	uint32_t	 sub;		/* class subtracted, or NONODE */
	uint32_t	 ascii[4];	/* membership below 128, precomputed */
};

static int
S_cat_other(int c)
{
	return !(xmlUCSIsCatL(c) || xmlUCSIsCatM(c) || xmlUCSIsCatN(c) ||
	    xmlUCSIsCatP(c) || xmlUCSIsCatS(c) || xmlUCSIsCatZ(c));
}

/* libxml2 has no table of unassigned code points: they are what no
 * other category holds. */
static int
S_cat_unassigned(int c)
{
	return S_cat_other(c) && !xmlUCSIsCatCc(c) && !xmlUCSIsCatCf(c) &&
	    !xmlUCSIsCatCo(c) && !xmlUCSIsCatCs(c);
}

/* The general categories XML Schema names (F.1.1); not Cs. */
static const struct {
	const char	*name;
	int		(*fn)(int);
} cats[] = {
	{ "L", xmlUCSIsCatL }, { "Lu", xmlUCSIsCatLu },
	{ "Ll", xmlUCSIsCatLl }, { "Lt", xmlUCSIsCatLt },
	{ "Lm", xmlUCSIsCatLm }, { "Lo", xmlUCSIsCatLo },
	{ "M", xmlUCSIsCatM }, { "Mn", xmlUCSIsCatMn },
	{ "Mc", xmlUCSIsCatMc }, { "Me", xmlUCSIsCatMe },
	{ "N", xmlUCSIsCatN }, { "Nd", xmlUCSIsCatNd },
	{ "Nl", xmlUCSIsCatNl }, { "No", xmlUCSIsCatNo },
	{ "P", xmlUCSIsCatP }, { "Pc", xmlUCSIsCatPc },
	{ "Pd", xmlUCSIsCatPd }, { "Ps", xmlUCSIsCatPs },
	{ "Pe", xmlUCSIsCatPe }, { "Pi", xmlUCSIsCatPi },
	{ "Pf", xmlUCSIsCatPf }, { "Po", xmlUCSIsCatPo },
	{ "Z", xmlUCSIsCatZ }, { "Zs", xmlUCSIsCatZs },
	{ "Zl", xmlUCSIsCatZl }, { "Zp", xmlUCSIsCatZp },
	{ "S", xmlUCSIsCatS }, { "Sm", xmlUCSIsCatSm },
	{ "Sc", xmlUCSIsCatSc }, { "Sk", xmlUCSIsCatSk },
	{ "So", xmlUCSIsCatSo },
	{ "C", S_cat_other }, { "Cc", xmlUCSIsCatCc },
	{ "Cf", xmlUCSIsCatCf }, { "Co", xmlUCSIsCatCo },
	{ "Cn", S_cat_unassigned },
};

/*
 * The block names XML Schema 1.0 takes (F.1.1): Unicode 3.1's, spaces
 * removed, without the surrogate blocks, which hold no characters.
 * libxml2's table is of Unicode 4 and spells some names differently
 * (Latin1Supplement, GreekandCoptic), so the ranges are here.
 */
static const struct block {
	const char	*name;
	uint32_t	 r[3][2];	/* unused: { 1, 0 } */
} blocks[] = {
#define B1(n, lo, hi) { n, { { lo, hi }, { 1, 0 }, { 1, 0 } } }
	B1("BasicLatin", 0x0000, 0x007F),
	B1("Latin-1Supplement", 0x0080, 0x00FF),
	B1("LatinExtended-A", 0x0100, 0x017F),
	B1("LatinExtended-B", 0x0180, 0x024F),
	B1("IPAExtensions", 0x0250, 0x02AF),
	B1("SpacingModifierLetters", 0x02B0, 0x02FF),
	B1("CombiningDiacriticalMarks", 0x0300, 0x036F),
	B1("Greek", 0x0370, 0x03FF),
	B1("Cyrillic", 0x0400, 0x04FF),
	B1("Armenian", 0x0530, 0x058F),
	B1("Hebrew", 0x0590, 0x05FF),
	B1("Arabic", 0x0600, 0x06FF),
	B1("Syriac", 0x0700, 0x074F),
	B1("Thaana", 0x0780, 0x07BF),
	B1("Devanagari", 0x0900, 0x097F),
	B1("Bengali", 0x0980, 0x09FF),
	B1("Gurmukhi", 0x0A00, 0x0A7F),
	B1("Gujarati", 0x0A80, 0x0AFF),
	B1("Oriya", 0x0B00, 0x0B7F),
	B1("Tamil", 0x0B80, 0x0BFF),
	B1("Telugu", 0x0C00, 0x0C7F),
	B1("Kannada", 0x0C80, 0x0CFF),
	B1("Malayalam", 0x0D00, 0x0D7F),
	B1("Sinhala", 0x0D80, 0x0DFF),
	B1("Thai", 0x0E00, 0x0E7F),
	B1("Lao", 0x0E80, 0x0EFF),
	B1("Tibetan", 0x0F00, 0x0FFF),
	B1("Myanmar", 0x1000, 0x109F),
	B1("Georgian", 0x10A0, 0x10FF),
	B1("HangulJamo", 0x1100, 0x11FF),
	B1("Ethiopic", 0x1200, 0x137F),
	B1("Cherokee", 0x13A0, 0x13FF),
	B1("UnifiedCanadianAboriginalSyllabics", 0x1400, 0x167F),
	B1("Ogham", 0x1680, 0x169F),
	B1("Runic", 0x16A0, 0x16FF),
	B1("Khmer", 0x1780, 0x17FF),
	B1("Mongolian", 0x1800, 0x18AF),
	B1("LatinExtendedAdditional", 0x1E00, 0x1EFF),
	B1("GreekExtended", 0x1F00, 0x1FFF),
	B1("GeneralPunctuation", 0x2000, 0x206F),
	B1("SuperscriptsandSubscripts", 0x2070, 0x209F),
	B1("CurrencySymbols", 0x20A0, 0x20CF),
	B1("CombiningMarksforSymbols", 0x20D0, 0x20FF),
	B1("LetterlikeSymbols", 0x2100, 0x214F),
	B1("NumberForms", 0x2150, 0x218F),
	B1("Arrows", 0x2190, 0x21FF),
	B1("MathematicalOperators", 0x2200, 0x22FF),
	B1("MiscellaneousTechnical", 0x2300, 0x23FF),
	B1("ControlPictures", 0x2400, 0x243F),
	B1("OpticalCharacterRecognition", 0x2440, 0x245F),
	B1("EnclosedAlphanumerics", 0x2460, 0x24FF),
	B1("BoxDrawing", 0x2500, 0x257F),
	B1("BlockElements", 0x2580, 0x259F),
	B1("GeometricShapes", 0x25A0, 0x25FF),
	B1("MiscellaneousSymbols", 0x2600, 0x26FF),
	B1("Dingbats", 0x2700, 0x27BF),
	B1("BraillePatterns", 0x2800, 0x28FF),
	B1("CJKRadicalsSupplement", 0x2E80, 0x2EFF),
	B1("KangxiRadicals", 0x2F00, 0x2FDF),
	B1("IdeographicDescriptionCharacters", 0x2FF0, 0x2FFF),
	B1("CJKSymbolsandPunctuation", 0x3000, 0x303F),
	B1("Hiragana", 0x3040, 0x309F),
	B1("Katakana", 0x30A0, 0x30FF),
	B1("Bopomofo", 0x3100, 0x312F),
	B1("HangulCompatibilityJamo", 0x3130, 0x318F),
	B1("Kanbun", 0x3190, 0x319F),
	B1("BopomofoExtended", 0x31A0, 0x31BF),
	B1("EnclosedCJKLettersandMonths", 0x3200, 0x32FF),
	B1("CJKCompatibility", 0x3300, 0x33FF),
	B1("CJKUnifiedIdeographsExtensionA", 0x3400, 0x4DB5),
	B1("CJKUnifiedIdeographs", 0x4E00, 0x9FFF),
	B1("YiSyllables", 0xA000, 0xA48F),
	B1("YiRadicals", 0xA490, 0xA4CF),
	B1("HangulSyllables", 0xAC00, 0xD7A3),
	{ "PrivateUse", { { 0xE000, 0xF8FF }, { 0xF0000, 0xFFFFD },
	    { 0x100000, 0x10FFFD } } },
	B1("CJKCompatibilityIdeographs", 0xF900, 0xFAFF),
	B1("AlphabeticPresentationForms", 0xFB00, 0xFB4F),
	B1("ArabicPresentationForms-A", 0xFB50, 0xFDFF),
	B1("CombiningHalfMarks", 0xFE20, 0xFE2F),
	B1("CJKCompatibilityForms", 0xFE30, 0xFE4F),
	B1("SmallFormVariants", 0xFE50, 0xFE6F),
	B1("ArabicPresentationForms-B", 0xFE70, 0xFEFE),
	{ "Specials", { { 0xFEFF, 0xFEFF }, { 0xFFF0, 0xFFFD },
	    { 1, 0 } } },
	B1("HalfwidthandFullwidthForms", 0xFF00, 0xFFEF),
	B1("OldItalic", 0x10300, 0x1032F),
	B1("Gothic", 0x10330, 0x1034F),
	B1("Deseret", 0x10400, 0x1044F),
	B1("ByzantineMusicalSymbols", 0x1D000, 0x1D0FF),
	B1("MusicalSymbols", 0x1D100, 0x1D1FF),
	B1("MathematicalAlphanumericSymbols", 0x1D400, 0x1D7FF),
	B1("CJKUnifiedIdeographsExtensionB", 0x20000, 0x2A6D6),
	B1("CJKCompatibilityIdeographsSupplement", 0x2F800, 0x2FA1F),
	B1("Tags", 0xE0000, 0xE007F),
#undef B1
};

/* \i and \c are XML 1.0's Letter | '_' | ':' and NameChar (the
 * editions XML Schema 1.0 cites: nothing beyond the BMP). */
static int
S_initial(uint32_t c)
{
	return c == '_' || c == ':' || xmlIsBaseChar(c) ||
	    xmlIsIdeographic(c);
}

static int
S_esc(uint32_t e, uint32_t c)
{
	switch (e) {
	case 's':
		return c == ' ' || c == '\t' || c == '\n' || c == '\r';
	case 'i':
		return S_initial(c);
	case 'c':
		return S_initial(c) || c == '.' || c == '-' ||
		    xmlIsDigit(c) || xmlIsCombining(c) || xmlIsExtender(c);
	case 'w':	/* all but \p{P}, \p{Z}, \p{C} */
		return xmlUCSIsCatL((int)c) || xmlUCSIsCatM((int)c) ||
		    xmlUCSIsCatN((int)c) || xmlUCSIsCatS((int)c);
	default:	/* '.' */
		return c != '\n' && c != '\r';
	}
}

static int
S_item(const struct item *it, uint32_t c)
{
	const struct block *b;
	int		 in, k;

	switch (it->kind) {
	case IT_RANGE:
		return c >= it->a && c <= it->b;
	case IT_CAT:
		in = cats[it->a].fn((int)c) != 0;
		break;
	case IT_BLOCK:
		b = &blocks[it->a];
		for (in = 0, k = 0; k < 3 && !in; k++)
			in = c >= b->r[k][0] && c <= b->r[k][1];
		break;
	default:
		in = S_esc(it->a, c);
		break;
	}
	return in != it->neg;
}

/* Depth is bounded: a subtracted class is parsed before its owner and
 * nests no deeper than DEPTH_MAX. */
static int
S_in_slow(const struct cls *v, uint32_t ci, uint32_t c)
{
	const struct cls *k = &v[ci];
	size_t		 i;
	int		 in = 0;

	for (i = 0; i < k->n && !in; i++)
		in = S_item(&k->v[i], c);
	if (k->neg)
		in = !in;
	if (in && k->sub != NONODE)
		in = !S_in_slow(v, k->sub, c);
	return in;
}

static int
S_in(const struct cls *v, uint32_t ci, uint32_t c)
{
	if (c < 128)
		return (v[ci].ascii[c >> 5] >> (c & 31)) & 1;
	return S_in_slow(v, ci, c);
}

/* ---- the program ---- */

enum op { I_CLASS, I_SPLIT, I_FAIL, I_CENTER, I_CEND, I_MATCH };

/*
 * An NFA state.  CLASS consumes a character of class `cls` and goes to
 * x; SPLIT goes to x and y; CENTER enters counted loop `loop` (its body
 * at x) and, when the loop may run no times, also goes to y; CEND ends
 * an iteration: another from x, or out to y.  A state inside a counted
 * loop holds the set of counts done (dom: the loop), others one bit.
 */
struct inst {
	uint8_t		 op;
	int32_t		 dom;
	uint32_t	 x, y;
	uint32_t	 arg;		/* CLASS: class; CENTER, CEND: loop */
};

struct loop {
	uint64_t	 min, max;	/* max: < INF */
};

struct rng_regex {
	struct inst	*prog;
	size_t		 nprog;
	uint32_t	 start, match;
	struct loop	*loops;
	size_t		 nloops;
	struct cls	*cls;
	size_t		 ncls;
	uint64_t	 minlen, maxlen;	/* in characters */
};

/* ---- parsing ---- */

enum node_kind { N_EMPTY, N_NONE, N_CLASS, N_CAT, N_ALT, N_REPEAT };

/* A node of the expression; nodes are shared once rewritten. */
struct node {
	uint8_t		 kind;
	uint8_t		 ready;		/* S_prepare has seen it */
	uint8_t		 nullable;
	uint8_t		 counted;	/* REPEAT: a counted loop */
	uint32_t	 kids, nkids;	/* into cc.kids; CLASS: kids is cls */
	uint32_t	 body;		/* counted: the kid without "" */
	size_t		 pos;		/* in the pattern, for messages */
	uint64_t	 min, max;	/* REPEAT */
	uint64_t	 flat;		/* states, all unrolled */
	uint64_t	 size;		/* states, some loops counted */
	uint64_t	 minlen, maxlen;
};

struct cc {
	const char	*src;
	uint32_t	*p;		/* the pattern's code points */
	size_t		 n, i;
	char		**err;
	int		 failed;	/* a message is set, or no memory */
	struct node	*nodes;
	size_t		 nnodes, capnodes;
	uint32_t	*kids;
	size_t		 nkids, capkids;
	struct cls	*cls;
	size_t		 ncls, capcls;
	struct inst	*prog;
	size_t		 nprog, capprog;
	struct loop	*loops;
	size_t		 nloops, caploops;
	int32_t		 dom;		/* emitting inside this loop */
	size_t		 big;		/* where it grows too large */
};

static void
S_error(struct cc *cc, size_t pos, const char *fmt, ...)
{
	va_list		 ap;
	char		 what[160];
	size_t		 n = strlen(cc->src), cut = n;
	int		 len;

	if (cc->failed)
		return;
	cc->failed = 1;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (cut > 60) {		/* at a character's start */
		for (cut = 60; cut > 0 &&
		    ((unsigned char)cc->src[cut] & 0xC0) == 0x80; cut--)
			continue;
	}
	len = snprintf(NULL, 0, "bad regular expression \"%.*s%s\" at "
	    "character %zu: %s", (int)cut, cc->src, cut < n ? "..." : "",
	    pos + 1, what);
	if (len < 0 || (*cc->err = malloc((size_t)len + 1)) == NULL)
		return;
	snprintf(*cc->err, (size_t)len + 1, "bad regular expression "
	    "\"%.*s%s\" at character %zu: %s", (int)cut, cc->src,
	    cut < n ? "..." : "", pos + 1, what);
}

static void *
S_grow(struct cc *cc, void *v, size_t *cap, size_t n, size_t sz)
{
	void	*nv;
	size_t	 nc;

	if (n < *cap)
		return v;
	nc = *cap ? 2 * *cap : 16;
	if ((nv = realloc(v, nc * sz)) == NULL) {
		cc->failed = 1;
		return NULL;
	}
	*cap = nc;
	return nv;
}

static uint32_t
S_node(struct cc *cc, int kind, size_t pos)
{
	struct node	*v;

	if (cc->failed || (v = S_grow(cc, cc->nodes, &cc->capnodes,
	    cc->nnodes, sizeof(*v))) == NULL)
		return NONODE;
	cc->nodes = v;
	memset(&v[cc->nnodes], 0, sizeof(*v));
	v[cc->nnodes].kind = kind;
	v[cc->nnodes].pos = pos;
	return (uint32_t)cc->nnodes++;
}

/* A node of `kind` over kids; one kid is itself, none is empty. */
static uint32_t
S_node_n(struct cc *cc, int kind, const uint32_t *kids, size_t n,
    size_t pos)
{
	uint32_t	*v, x;
	size_t		 i;

	if (n == 0)
		return S_node(cc, kind == N_ALT ? N_NONE : N_EMPTY, pos);
	if (n == 1)
		return kids[0];
	if ((x = S_node(cc, kind, pos)) == NONODE)
		return NONODE;
	for (i = 0; i < n; i++) {
		if ((v = S_grow(cc, cc->kids, &cc->capkids, cc->nkids,
		    sizeof(*v))) == NULL)
			return NONODE;
		cc->kids = v;
		v[cc->nkids++] = kids[i];
	}
	cc->nodes[x].kids = (uint32_t)(cc->nkids - n);
	cc->nodes[x].nkids = (uint32_t)n;
	return x;
}

static uint32_t
S_repeat(struct cc *cc, uint32_t kid, uint64_t min, uint64_t max,
    size_t pos)
{
	uint32_t	 x, *v;

	if ((x = S_node(cc, N_REPEAT, pos)) == NONODE ||
	    (v = S_grow(cc, cc->kids, &cc->capkids, cc->nkids,
	    sizeof(*v))) == NULL)
		return NONODE;
	cc->kids = v;
	v[cc->nkids] = kid;
	cc->nodes[x].kids = (uint32_t)cc->nkids++;
	cc->nodes[x].nkids = 1;
	cc->nodes[x].min = min;
	cc->nodes[x].max = max;
	return x;
}

/* A growable list of nodes, for a branch or the alternatives. */
struct list {
	uint32_t	*v;
	size_t		 n, cap;
};

static int
S_push(struct cc *cc, struct list *l, uint32_t x)
{
	uint32_t	*v;

	if (x == NONODE)
		return -1;
	if ((v = S_grow(cc, l->v, &l->cap, l->n, sizeof(*v))) == NULL)
		return -1;
	l->v = v;
	v[l->n++] = x;
	return 0;
}

static uint32_t
S_class_new(struct cc *cc)
{
	struct cls	*v;

	if (cc->failed || (v = S_grow(cc, cc->cls, &cc->capcls, cc->ncls,
	    sizeof(*v))) == NULL)
		return NONODE;
	cc->cls = v;
	memset(&v[cc->ncls], 0, sizeof(*v));
	v[cc->ncls].sub = NONODE;
	return (uint32_t)cc->ncls++;
}

static int
S_class_add(struct cc *cc, uint32_t ci, int kind, int neg, uint32_t a,
    uint32_t b)
{
	struct cls	*k = &cc->cls[ci];
	struct item	*v;

	if ((v = realloc(k->v, (k->n + 1) * sizeof(*v))) == NULL) {
		cc->failed = 1;
		return -1;
	}
	k->v = v;
	v[k->n].kind = kind;
	v[k->n].neg = neg;
	v[k->n].a = a;
	v[k->n++].b = b;
	return 0;
}

static void
S_class_done(struct cc *cc, uint32_t ci)
{
	uint32_t	 c;

	for (c = 0; c < 128; c++)
		if (S_in_slow(cc->cls, ci, c))
			cc->cls[ci].ascii[c >> 5] |= (uint32_t)1 << (c & 31);
}

static int
S_peek(const struct cc *cc, size_t k)
{
	return cc->i + k < cc->n ? (int)cc->p[cc->i + k] : -1;
}

/* \p{name} or \P{name}, at the backslash. */
static int
S_property(struct cc *cc, struct item *it)
{
	size_t		 at = cc->i, b, k, i;
	char		 name[64];

	cc->i += 2;
	if (S_peek(cc, 0) != '{') {
		S_error(cc, at, "\\%c must be followed by a name in braces, "
		    "as in \\%c{Lu}", (int)cc->p[at + 1], (int)cc->p[at + 1]);
		return -1;
	}
	b = ++cc->i;
	while (cc->i < cc->n && cc->p[cc->i] != '}')
		cc->i++;
	if (cc->i == cc->n) {
		S_error(cc, at, "\\%c{ is never closed", (int)cc->p[at + 1]);
		return -1;
	}
	for (k = 0; b + k < cc->i && k + 1 < sizeof(name); k++) {
		if (cc->p[b + k] > 0x7E)
			break;
		name[k] = (char)cc->p[b + k];
	}
	name[k] = '\0';
	it->neg = cc->p[at + 1] == 'P';
	if (b + k == cc->i && k > 2 && strncmp(name, "Is", 2) == 0) {
		for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
			if (strcmp(blocks[i].name, name + 2) == 0)
				break;
		if (i < sizeof(blocks) / sizeof(blocks[0])) {
			it->kind = IT_BLOCK;
			it->a = (uint32_t)i;
			cc->i++;
			return 0;
		}
		S_error(cc, b, "no Unicode block is named \"%s\" (XML Schema "
		    "1.0 knows Unicode 3.1's, without spaces, and not the "
		    "surrogate blocks)", name + 2);
		return -1;
	}
	for (i = 0; b + k == cc->i && i < sizeof(cats) / sizeof(cats[0]);
	    i++)
		if (strcmp(cats[i].name, name) == 0) {
			it->kind = IT_CAT;
			it->a = (uint32_t)i;
			cc->i++;
			return 0;
		}
	S_error(cc, b, "no character property is named \"%s\" (a general "
	    "category such as Lu, or Is and a block name)", name);
	return -1;
}

/*
 * An escape, at the backslash: 1 and *c for one character, 2 and *it
 * for a class (\d, \p{..}), -1 on error.
 */
static int
S_escape(struct cc *cc, uint32_t *c, struct item *it)
{
	int		 e = S_peek(cc, 1);

	memset(it, 0, sizeof(*it));
	switch (e) {
	case -1:
		S_error(cc, cc->i, "'\\' ends the expression");
		return -1;
	case 'n':
		*c = '\n';
		break;
	case 'r':
		*c = '\r';
		break;
	case 't':
		*c = '\t';
		break;
	case '\\': case '|': case '.': case '?': case '*': case '+':
	case '(': case ')': case '{': case '}': case '-': case '[':
	case ']': case '^':
		*c = (uint32_t)e;
		break;
	case 's': case 'S': case 'i': case 'I': case 'c': case 'C':
	case 'w': case 'W':
		it->kind = IT_ESC;
		it->a = (uint32_t)(e | 0x20);
		it->neg = e < 'a';
		cc->i += 2;
		return 2;
	case 'd': case 'D':
		it->kind = IT_CAT;
		it->a = 11;	/* Nd */
		it->neg = e == 'D';
		cc->i += 2;
		return 2;
	case 'p': case 'P':
		return S_property(cc, it) == 0 ? 2 : -1;
	default:
		if (e > 0x20 && e < 0x7F)
			S_error(cc, cc->i, "unknown escape \\%c", e);
		else
			S_error(cc, cc->i, "unknown escape: \\ followed by "
			    "U+%04X", (unsigned)e);
		return -1;
	}
	cc->i += 2;
	return 1;
}

static uint32_t S_class_expr(struct cc *, int);

/* One character of a class, or a class escape: as S_escape. */
static int
S_class_char(struct cc *cc, uint32_t *c, struct item *it)
{
	int	 ch = S_peek(cc, 0);

	if (ch == '\\')
		return S_escape(cc, c, it);
	if (ch == '[') {
		S_error(cc, cc->i, "'[' in a character class must be "
		    "escaped as \\[ (or start a subtraction, after '-')");
		return -1;
	}
	*c = (uint32_t)ch;
	cc->i++;
	return 1;
}

/* The rest of a range after its start c, at the '-'. */
static int
S_range(struct cc *cc, uint32_t ci, uint32_t c, size_t at)
{
	struct item	 it;
	uint32_t	 e;
	int		 r;

	cc->i++;
	if (S_peek(cc, 0) == '-') {
		S_error(cc, cc->i, "a range cannot end at '-': write \\-");
		return -1;
	}
	if ((r = S_class_char(cc, &e, &it)) < 0)
		return -1;
	if (r == 2) {
		S_error(cc, at, "a range cannot end at a class escape");
		return -1;
	}
	if (e < c) {
		S_error(cc, at, "the range ends before it starts");
		return -1;
	}
	return S_class_add(cc, ci, IT_RANGE, 0, c, e);
}

/* Does a '-' that makes a range follow?  Not before ']' (it is the
 * class's last character), '[' (a subtraction) or the end. */
static int
S_dash_range(const struct cc *cc)
{
	int	 next = S_peek(cc, 1);

	return S_peek(cc, 0) == '-' && next != ']' && next != '[' &&
	    next != -1;
}

/*
 * A '-' where an item would start: a subtraction, "-[...]" and then
 * the class's ']' (1), a '-' first or last in the class, an item (0),
 * or an error (-1).
 */
static int
S_class_dash(struct cc *cc, uint32_t ci, int depth)
{
	int	 next = S_peek(cc, 1);

	if (next == '[') {
		if (cc->cls[ci].n == 0) {
			S_error(cc, cc->i, "nothing to subtract from");
			return -1;
		}
		cc->i++;
		if ((cc->cls[ci].sub = S_class_expr(cc, depth + 1)) == NONODE)
			return -1;
		if (S_peek(cc, 0) != ']') {
			S_error(cc, cc->i, "a subtraction must end its "
			    "character class: ']' expected");
			return -1;
		}
		cc->i++;
		return 1;
	}
	if (cc->cls[ci].n > 0 && next != ']' && next != -1) {
		S_error(cc, cc->i, "'-' must be escaped as \\- unless it "
		    "makes a range or comes first or last");
		return -1;
	}
	return 0;
}

/* One item of a class: a character, a range, a class escape. */
static int
S_class_item(struct cc *cc, uint32_t ci)
{
	struct item	 it;
	uint32_t	 c;
	size_t		 at = cc->i;
	int		 dash = S_peek(cc, 0) == '-', r;

	if ((r = S_class_char(cc, &c, &it)) < 0)
		return -1;
	if (r == 2 && S_dash_range(cc)) {
		S_error(cc, at, "a range cannot start at a class escape");
		return -1;
	}
	if (r == 2)
		return S_class_add(cc, ci, it.kind, it.neg, it.a, it.b);
	if (!S_dash_range(cc))
		return S_class_add(cc, ci, IT_RANGE, 0, c, c);
	if (dash) {
		S_error(cc, at, "a range cannot start at '-': write \\-");
		return -1;
	}
	return S_range(cc, ci, c, at);
}

/* The items of a class, up to its ']' or subtraction. */
static int
S_class_items(struct cc *cc, uint32_t ci, size_t open, int depth)
{
	int	 ch, r;

	for (;;) {
		if ((ch = S_peek(cc, 0)) == -1) {
			S_error(cc, open, "'[' is never closed");
			return -1;
		}
		if (ch == ']') {
			if (cc->cls[ci].n == 0) {
				S_error(cc, cc->i, "a character class cannot "
				    "be empty (write \\] for the character)");
				return -1;
			}
			cc->i++;
			return 0;
		}
		if (ch == '-' && (r = S_class_dash(cc, ci, depth)) != 0)
			return r > 0 ? 0 : -1;
		if (S_class_item(cc, ci) < 0)
			return -1;
	}
}

/* A class in brackets, at its '['. */
static uint32_t
S_class_expr(struct cc *cc, int depth)
{
	size_t		 open = cc->i;
	uint32_t	 ci;

	if (depth > DEPTH_MAX) {
		S_error(cc, open, "character classes nest more than %d deep",
		    DEPTH_MAX);
		return NONODE;
	}
	if ((ci = S_class_new(cc)) == NONODE)
		return NONODE;
	cc->i++;
	if (S_peek(cc, 0) == '^') {
		cc->cls[ci].neg = 1;
		cc->i++;
	}
	if (S_class_items(cc, ci, open, depth) < 0)
		return NONODE;
	S_class_done(cc, ci);
	return ci;
}

static uint32_t
S_class_node(struct cc *cc, uint32_t ci, size_t pos)
{
	uint32_t	 x;

	if (ci == NONODE || (x = S_node(cc, N_CLASS, pos)) == NONODE)
		return NONODE;
	cc->nodes[x].kids = ci;
	return x;
}

/* A class of one item: a character, an escape, '.'. */
static uint32_t
S_class1(struct cc *cc, int kind, int neg, uint32_t a, uint32_t b,
    size_t pos)
{
	uint32_t	 ci;

	if ((ci = S_class_new(cc)) == NONODE ||
	    S_class_add(cc, ci, kind, neg, a, b) < 0)
		return NONODE;
	S_class_done(cc, ci);
	return S_class_node(cc, ci, pos);
}

static uint32_t S_regexp(struct cc *, int);

static uint32_t
S_atom(struct cc *cc, int depth)
{
	struct item	 it;
	uint32_t	 c, x;
	size_t		 at = cc->i;
	int		 ch = S_peek(cc, 0), r;

	switch (ch) {
	case '(':
		cc->i++;
		if ((x = S_regexp(cc, depth + 1)) == NONODE)
			return NONODE;
		if (S_peek(cc, 0) != ')') {
			S_error(cc, at, "'(' is never closed");
			return NONODE;
		}
		cc->i++;
		return x;
	case '[':
		return S_class_node(cc, S_class_expr(cc, depth + 1), at);
	case '.':
		cc->i++;
		return S_class1(cc, IT_ESC, 0, '.', 0, at);
	case '\\':
		if ((r = S_escape(cc, &c, &it)) < 0)
			return NONODE;
		if (r == 2)
			return S_class1(cc, it.kind, it.neg, it.a, it.b, at);
		return S_class1(cc, IT_RANGE, 0, c, c, at);
	case '?': case '*': case '+': case '{':
		S_error(cc, at, "'%c' has nothing before it to repeat "
		    "(write \\%c for the character)", ch, ch);
		return NONODE;
	case ']': case '}':
		S_error(cc, at, "'%c' must be escaped as \\%c", ch, ch);
		return NONODE;
	default:
		cc->i++;
		return S_class1(cc, IT_RANGE, 0, (uint32_t)ch, (uint32_t)ch,
		    at);
	}
}

/* A number of a quantifier: saturated, and its digits for comparing. */
static int
S_number(struct cc *cc, uint64_t *v, size_t *from, size_t *len)
{
	int	 ch;

	*v = 0;
	while (S_peek(cc, 0) == '0' && S_peek(cc, 1) >= '0' &&
	    S_peek(cc, 1) <= '9')
		cc->i++;	/* leading zeros */
	*from = cc->i;
	while ((ch = S_peek(cc, 0)) >= '0' && ch <= '9') {
		*v = *v >= SAT / 10 ? SAT : *v * 10 + (uint64_t)(ch - '0');
		cc->i++;
	}
	*len = cc->i - *from;
	if (*len == 0) {
		S_error(cc, cc->i, "a number was expected in the quantifier");
		return -1;
	}
	return 0;
}

/* {n}, {n,}, {n,m}, at the '{'. */
static int
S_braces(struct cc *cc, uint64_t *min, uint64_t *max)
{
	size_t		 at = cc->i, f1, l1, f2, l2, k;
	int		 cmp = 0;

	cc->i++;
	if (S_number(cc, min, &f1, &l1) < 0)
		return -1;
	*max = *min;
	if (S_peek(cc, 0) == ',') {
		cc->i++;
		if (S_peek(cc, 0) == '}')
			*max = INF;
		else if (S_number(cc, max, &f2, &l2) < 0)
			return -1;
		else {
			cmp = l1 < l2 ? -1 : l1 > l2;
			for (k = 0; cmp == 0 && k < l1; k++)
				cmp = cc->p[f1 + k] < cc->p[f2 + k] ? -1 :
				    cc->p[f1 + k] > cc->p[f2 + k];
		}
	}
	if (S_peek(cc, 0) != '}') {
		S_error(cc, cc->i, "'}' was expected to close the "
		    "quantifier");
		return -1;
	}
	cc->i++;
	if (cmp > 0) {
		S_error(cc, at, "the quantifier's minimum is greater than "
		    "its maximum");
		return -1;
	}
	return 0;
}

static int
S_is_quant(int ch)
{
	return ch == '?' || ch == '*' || ch == '+' || ch == '{';
}

static uint32_t
S_piece(struct cc *cc, int depth)
{
	uint64_t	 min, max;
	size_t		 at = cc->i;
	uint32_t	 x;
	int		 ch;

	if ((x = S_atom(cc, depth)) == NONODE)
		return NONODE;
	if (!S_is_quant(ch = S_peek(cc, 0)))
		return x;
	if (ch == '{') {
		if (S_braces(cc, &min, &max) < 0)
			return NONODE;
	} else {
		cc->i++;
		min = ch == '+';
		max = ch == '?' ? 1 : INF;
	}
	if (S_is_quant(S_peek(cc, 0))) {
		S_error(cc, cc->i, "a quantifier cannot follow a quantifier");
		return NONODE;
	}
	return S_repeat(cc, x, min, max, at);
}

static uint32_t
S_branch(struct cc *cc, int depth)
{
	struct list	 l = { NULL, 0, 0 };
	size_t		 at = cc->i;
	uint32_t	 x;
	int		 ch;

	while ((ch = S_peek(cc, 0)) != -1 && ch != '|' && ch != ')')
		if (S_push(cc, &l, S_piece(cc, depth)) < 0) {
			free(l.v);
			return NONODE;
		}
	x = S_node_n(cc, N_CAT, l.v, l.n, at);
	free(l.v);
	return x;
}

static uint32_t
S_regexp(struct cc *cc, int depth)
{
	struct list	 l = { NULL, 0, 0 };
	size_t		 at = cc->i;
	uint32_t	 x = NONODE;

	if (depth > DEPTH_MAX) {
		S_error(cc, at, "groups nest more than %d deep", DEPTH_MAX);
		return NONODE;
	}
	for (;;) {
		if (S_push(cc, &l, S_branch(cc, depth)) < 0)
			goto out;
		if (S_peek(cc, 0) != '|')
			break;
		cc->i++;
	}
	x = S_node_n(cc, N_ALT, l.v, l.n, at);
out:
	free(l.v);
	return x;
}

/* ---- rewriting and sizing ---- */

static uint64_t
S_add(uint64_t a, uint64_t b)
{
	if (a == INF || b == INF)
		return INF;
	return a + b >= SAT ? SAT : a + b;
}

static uint64_t
S_mul(uint64_t a, uint64_t b)
{
	if (a == 0 || b == 0)
		return 0;
	if (a == INF || b == INF)
		return INF;
	return a >= SAT / b ? SAT : a * b;
}

static uint32_t
S_kid(const struct cc *cc, uint32_t x, uint32_t k)
{
	return cc->kids[cc->nodes[x].kids + k];
}

static int S_prepare(struct cc *, uint32_t);

/*
 * x without the empty string, for the body of a counted loop: so that
 * every iteration consumes a character.  Nodes already prepared.
 */
static uint32_t
S_nonempty(struct cc *cc, uint32_t x)
{
	struct list	 l = { NULL, 0, 0 };
	struct node	 n = cc->nodes[x];
	uint32_t	 r = NONODE, y, k, j;

	if (!n.nullable || n.kind == N_NONE)
		return x;
	switch (n.kind) {
	case N_EMPTY:
		return S_node(cc, N_NONE, n.pos);
	case N_ALT:
		for (k = 0; k < n.nkids; k++)
			if (S_push(cc, &l, S_nonempty(cc, S_kid(cc, x, k))) < 0)
				goto out;
		r = S_node_n(cc, N_ALT, l.v, l.n, n.pos);
		break;
	case N_CAT:	/* all kids nullable: a b.. = a' b.. | (b..)' */
		for (k = 0; k < n.nkids; k++) {
			struct list	 c = { NULL, 0, 0 };

			if (S_push(cc, &c, S_nonempty(cc, S_kid(cc, x, k))) <
			    0) {
				free(c.v);
				goto out;
			}
			for (j = k + 1; j < n.nkids; j++)
				if (S_push(cc, &c, S_kid(cc, x, j)) < 0)
					break;
			y = j < n.nkids ? NONODE :
			    S_node_n(cc, N_CAT, c.v, c.n, n.pos);
			free(c.v);
			if (S_push(cc, &l, y) < 0)
				goto out;
		}
		r = S_node_n(cc, N_ALT, l.v, l.n, n.pos);
		break;
	case N_REPEAT:
		y = S_kid(cc, x, 0);
		if (n.max == 0)
			return S_node(cc, N_NONE, n.pos);
		if (!cc->nodes[y].nullable)	/* y{0,m}' = y{1,m} */
			return S_repeat(cc, y, 1, n.max, n.pos);
		/* y{n,m}' = y' y{0,m-1} */
		if (S_push(cc, &l, S_nonempty(cc, y)) < 0 ||
		    S_push(cc, &l, S_repeat(cc, y, 0, n.max == INF ? INF :
		    n.max - 1, n.pos)) < 0)
			goto out;
		r = S_node_n(cc, N_CAT, l.v, l.n, n.pos);
		break;
	default:
		break;
	}
out:
	free(l.v);
	return r;
}

/* The states a repetition unrolls into, x taking s. */
static uint64_t
S_unrolled(const struct node *n, uint64_t s)
{
	if (n->max == INF)
		return S_add(S_mul(s, n->min + 1), 1);
	return S_add(S_mul(s, n->max), n->max - n->min);
}

/*
 * Unrolled, or counted.  Unrolled when that is small; else whichever
 * takes fewer states.  A counted loop's body is always unrolled (no
 * counts within counts), so `flat` says what it costs there.
 */
static int
S_prepare_repeat(struct cc *cc, uint32_t x)
{
	struct node	*n = &cc->nodes[x];
	uint32_t	 y = S_kid(cc, x, 0), b = y;
	const struct node *k = &cc->nodes[y];
	uint64_t	 c;

	n->nullable = n->min == 0 || k->nullable;
	n->minlen = S_mul(k->minlen, n->min);
	n->maxlen = n->max == INF ? (k->maxlen == 0 ? 0 : INF) :
	    S_mul(k->maxlen, n->max);
	n->flat = S_unrolled(n, k->flat);
	n->size = S_unrolled(n, k->size);
	if (n->size <= UNROLL_MAX)
		return 0;
	if (k->nullable && ((b = S_nonempty(cc, y)) == NONODE ||
	    S_prepare(cc, b) < 0))
		return -1;
	n = &cc->nodes[x];
	k = &cc->nodes[y];
	/* y{n,m} is y'{n,m}, or y'{0,m} when y matches ""; y{n,} is
	 * y{n,n} y* */
	c = S_add(cc->nodes[b].flat, n->max == INF ? S_add(k->size, 3) : 2);
	if (c < n->size) {
		n->counted = 1;
		n->body = b;
		n->size = c;
	}
	return 0;
}

/* Nullable, lengths, sizes; counted or unrolled.  Bottom up. */
static int
S_prepare(struct cc *cc, uint32_t x)
{
	struct node	*n = &cc->nodes[x];
	const struct node *k;
	uint32_t	 i, nk = n->kind == N_CLASS ? 0 : n->nkids;

	if (n->ready)
		return 0;
	for (i = 0; i < nk; i++)
		if (S_prepare(cc, S_kid(cc, x, i)) < 0)
			return -1;
	n = &cc->nodes[x];
	n->ready = 1;
	switch (n->kind) {
	case N_EMPTY:
		n->nullable = 1;
		break;
	case N_NONE:
		n->flat = n->size = 1;
		n->minlen = SAT;
		break;
	case N_CLASS:
		n->flat = n->size = n->minlen = n->maxlen = 1;
		break;
	case N_CAT:
		n->nullable = 1;
		for (i = 0; i < nk; i++) {
			k = &cc->nodes[S_kid(cc, x, i)];
			n->nullable &= k->nullable;
			n->flat = S_add(n->flat, k->flat);
			n->size = S_add(n->size, k->size);
			n->minlen = S_add(n->minlen, k->minlen);
			n->maxlen = S_add(n->maxlen, k->maxlen);
		}
		break;
	case N_ALT:
		n->minlen = INF;
		n->flat = n->size = nk - 1;
		for (i = 0; i < nk; i++) {
			k = &cc->nodes[S_kid(cc, x, i)];
			n->nullable |= k->nullable;
			n->flat = S_add(n->flat, k->flat);
			n->size = S_add(n->size, k->size);
			if (k->minlen < n->minlen)
				n->minlen = k->minlen;
			if (k->maxlen > n->maxlen)
				n->maxlen = k->maxlen;
		}
		break;
	default:
		if (S_prepare_repeat(cc, x) < 0)
			return -1;
		break;
	}
	n = &cc->nodes[x];
	if (n->size >= PROG_MAX && cc->big == 0)
		cc->big = n->pos + 1;	/* the deepest too large */
	return 0;
}

/* ---- emitting the program, back to front ---- */

static uint32_t
S_inst(struct cc *cc, int op, uint32_t x, uint32_t y, uint32_t arg)
{
	struct inst	*v;

	if (cc->failed || (v = S_grow(cc, cc->prog, &cc->capprog, cc->nprog,
	    sizeof(*v))) == NULL)
		return NOPC;
	cc->prog = v;
	v[cc->nprog].op = op;
	v[cc->nprog].dom = cc->dom;
	v[cc->nprog].x = x;
	v[cc->nprog].y = y;
	v[cc->nprog].arg = arg;
	return (uint32_t)cc->nprog++;
}

static uint32_t S_emit(struct cc *, uint32_t, uint32_t, int);

/* y*, then cont */
static uint32_t
S_emit_star(struct cc *cc, uint32_t y, uint32_t cont, int counts)
{
	uint32_t	 s, b;

	if ((s = S_inst(cc, I_SPLIT, NOPC, cont, 0)) == NOPC ||
	    (b = S_emit(cc, y, s, counts)) == NOPC)
		return NOPC;
	cc->prog[s].x = b;
	return s;
}

static uint32_t
S_emit_counted(struct cc *cc, const struct node *n, uint32_t y,
    uint32_t cont)
{
	struct loop	*v;
	uint32_t	 k, end, body;
	int32_t		 outer = cc->dom;

	if (n->max == INF && (cont = S_emit_star(cc, y, cont, 1)) == NOPC)
		return NOPC;
	if ((v = S_grow(cc, cc->loops, &cc->caploops, cc->nloops,
	    sizeof(*v))) == NULL)
		return NOPC;
	cc->loops = v;
	k = (uint32_t)cc->nloops++;
	v[k].min = cc->nodes[y].nullable ? 0 : n->min;
	v[k].max = n->max == INF ? n->min : n->max;
	cc->dom = (int32_t)k;
	end = S_inst(cc, I_CEND, NOPC, cont, k);
	body = end == NOPC ? NOPC : S_emit(cc, n->body, end, 0);
	cc->dom = outer;
	if (body == NOPC)
		return NOPC;
	cc->prog[end].x = body;
	return S_inst(cc, I_CENTER, body, v[k].min == 0 ? cont : NOPC, k);
}

static uint32_t
S_emit_repeat(struct cc *cc, uint32_t x, uint32_t cont, int counts)
{
	struct node	 n = cc->nodes[x];
	uint32_t	 y = S_kid(cc, x, 0), t = cont, e;
	uint64_t	 j;

	if (cc->nodes[y].flat == 0)	/* y is "": so is y{n,m} */
		return cont;
	if (n.counted && counts)
		return S_emit_counted(cc, &n, y, cont);
	if (n.max == INF)
		t = S_emit_star(cc, y, cont, counts);
	else
		for (j = n.min; j < n.max && t != NOPC; j++)
			t = (e = S_emit(cc, y, t, counts)) == NOPC ? NOPC :
			    S_inst(cc, I_SPLIT, e, cont, 0);
	for (j = 0; j < n.min && t != NOPC; j++)
		t = S_emit(cc, y, t, counts);
	return t;
}

/*
 * x, then cont: its first state.  Inside a counted loop (counts 0)
 * every repetition unrolls.  Recursion is as deep as the expression.
 */
static uint32_t
S_emit(struct cc *cc, uint32_t x, uint32_t cont, int counts)
{
	struct node	 n = cc->nodes[x];
	uint32_t	 e, i;

	switch (n.kind) {
	case N_EMPTY:
		return cont;
	case N_NONE:
		return S_inst(cc, I_FAIL, NOPC, NOPC, 0);
	case N_CLASS:
		return S_inst(cc, I_CLASS, cont, NOPC, n.kids);
	case N_CAT:
		for (i = n.nkids; i-- > 0 && cont != NOPC;)
			cont = S_emit(cc, S_kid(cc, x, i), cont, counts);
		return cont;
	case N_ALT:
		e = S_emit(cc, S_kid(cc, x, n.nkids - 1), cont, counts);
		for (i = n.nkids - 1; i-- > 0 && e != NOPC;)
			e = S_inst(cc, I_SPLIT, S_emit(cc, S_kid(cc, x, i),
			    cont, counts), e, 0);
		return e;
	default:
		return S_emit_repeat(cc, x, cont, counts);
	}
}

/* ---- compiling ---- */

/* The pattern's code points; -1 if it is not UTF-8. */
static long
S_utf8(const unsigned char *s, size_t len, size_t *i)
{
	unsigned	 c = s[*i], n, k;
	unsigned long	 v;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 1, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 2, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 3, v = c & 0x07;
	else
		return -1;
	for (k = 1; k <= n; k++) {
		if (*i + k >= len || (s[*i + k] & 0xC0) != 0x80)
			return -1;
		v = v << 6 | (s[*i + k] & 0x3F);
	}
	if ((n == 2 && v < 0x800) || (n == 3 && (v < 0x10000 ||
	    v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF))
		return -1;
	*i += n + 1;
	return (long)v;
}

static void
S_cc_free(struct cc *cc)
{
	size_t	 i;

	for (i = 0; i < cc->ncls; i++)
		free(cc->cls[i].v);
	free(cc->cls);
	free(cc->prog);
	free(cc->loops);
	free(cc->nodes);
	free(cc->kids);
	free(cc->p);
}

static int
S_decode(struct cc *cc, const char *pattern)
{
	size_t	 len = strlen(pattern), i = 0;
	long	 c;

	if ((cc->p = malloc((len + 1) * sizeof(*cc->p))) == NULL) {
		cc->failed = 1;
		return -1;
	}
	while (i < len) {
		if ((c = S_utf8((const unsigned char *)pattern, len, &i)) <
		    0) {
			S_error(cc, cc->n, "not UTF-8");
			return -1;
		}
		cc->p[cc->n++] = (uint32_t)c;
	}
	return 0;
}

struct rng_regex *
rng_regex_compile(const char *pattern, char **err)
{
	struct cc	 cc;
	struct rng_regex *re;
	uint32_t	 root, start, match;

	*err = NULL;
	memset(&cc, 0, sizeof(cc));
	cc.src = pattern;
	cc.err = err;
	cc.dom = -1;
	if (S_decode(&cc, pattern) < 0)
		goto fail;
	root = S_regexp(&cc, 0);
	if (root != NONODE && cc.i < cc.n)	/* only ')' stops it */
		S_error(&cc, cc.i, "')' has no '(' to close");
	if (cc.failed || S_prepare(&cc, root) < 0)
		goto fail;
	if (cc.nodes[root].size >= PROG_MAX) {
		S_error(&cc, cc.big - 1, "too large: this would take more "
		    "than %d states (repetitions with large counts nested "
		    "in each other)", PROG_MAX);
		goto fail;
	}
	match = S_inst(&cc, I_MATCH, NOPC, NOPC, 0);
	start = S_emit(&cc, root, match, 1);
	if (cc.failed || (re = calloc(1, sizeof(*re))) == NULL)
		goto fail;
	re->prog = cc.prog;
	re->nprog = cc.nprog;
	re->start = start;
	re->match = match;
	re->loops = cc.loops;
	re->nloops = cc.nloops;
	re->cls = cc.cls;
	re->ncls = cc.ncls;
	re->minlen = cc.nodes[root].minlen;
	re->maxlen = cc.nodes[root].maxlen;
	cc.prog = NULL;
	cc.loops = NULL;
	cc.cls = NULL;
	cc.ncls = 0;
	S_cc_free(&cc);
	return re;
fail:
	S_cc_free(&cc);
	return NULL;
}

void
rng_regex_free(struct rng_regex *re)
{
	size_t	 i;

	if (re == NULL)
		return;
	for (i = 0; i < re->ncls; i++)
		free(re->cls[i].v);
	free(re->cls);
	free(re->prog);
	free(re->loops);
	free(re);
}

/* ---- matching ---- */

/*
 * A set of states, each with its bits (one word outside counted loops)
 * and the range [lo, hi) of its words that may be non-zero; `list`
 * holds the states with bits, `on` says which.
 */
struct sset {
	uint64_t	*w;
	uint32_t	*lo, *hi, *list;
	uint8_t		*on;
	size_t		 n;
};

/* One match's scratch: never shared, so matching is reentrant. */
struct run {
	const struct rng_regex *re;
	size_t		*off;		/* each state's first word */
	size_t		*nw;		/* each loop's words */
	uint64_t	*width;		/* each loop's counts kept */
	struct sset	 a, b, pend;	/* pend: the work list */
	uint64_t	*tmp, *tmp2;
	uint32_t	*stamp;		/* class tested at this step */
	uint8_t		*hit;		/* and its answer */
	uint32_t	 step;
};

static size_t
S_words(const struct run *r, uint32_t pc)
{
	int32_t	 d = r->re->prog[pc].dom;

	return d < 0 ? 1 : r->nw[d];
}

static void
S_set_range(struct sset *s, uint32_t pc, uint32_t lo, uint32_t hi)
{
	if (!s->on[pc]) {
		s->on[pc] = 1;
		s->list[s->n++] = pc;
		s->lo[pc] = lo;
		s->hi[pc] = hi;
		return;
	}
	if (lo < s->lo[pc])
		s->lo[pc] = lo;
	if (hi > s->hi[pc])
		s->hi[pc] = hi;
}

/* Bits for state pc, to go into the set the work list is filling. */
static void
S_send(struct run *r, uint32_t pc, const uint64_t *src, uint32_t lo,
    uint32_t hi)
{
	uint64_t	*d = r->pend.w + r->off[pc];
	uint32_t	 j;

	for (j = lo; j < hi; j++)
		d[j] |= src[j];
	S_set_range(&r->pend, pc, lo, hi);
}

static const uint64_t one = 1;

/* CEND, with the counts c in tmp[lo, hi): out if some c + 1 reaches
 * the minimum; again with each c + 1 kept. */
static void
S_loop_end(struct run *r, const struct inst *in, uint32_t lo, uint32_t hi)
{
	const struct loop *l = &r->re->loops[in->arg];
	uint64_t	 top, w = r->width[in->arg];
	size_t		 nw = r->nw[in->arg];
	uint32_t	 j, h2;

	top = 64 * (uint64_t)(hi - 1) + 63 -
	    (uint64_t)__builtin_clzll(r->tmp[hi - 1]);
	if (top + 1 >= l->min)
		S_send(r, in->y, &one, 0, 1);
	h2 = hi < nw ? hi + 1 : hi;
	for (j = lo; j < h2; j++)
		r->tmp2[j] = (j < hi ? r->tmp[j] << 1 : 0) |
		    (j > lo ? r->tmp[j - 1] >> 63 : 0);
	if (h2 == nw && w % 64 != 0)
		r->tmp2[nw - 1] &= ((uint64_t)1 << (w % 64)) - 1;
	while (h2 > lo && r->tmp2[h2 - 1] == 0)
		h2--;
	if (h2 > lo)
		S_send(r, in->x, r->tmp2, lo, h2);
}

/* Empty the work list into s, following the states that consume
 * nothing: each bit reaches each state once. */
static void
S_close(struct run *r, struct sset *s)
{
	const struct inst *in;
	uint64_t	*p, *b, t;
	uint32_t	 pc, j, lo, hi, nlo, nhi;

	while (r->pend.n > 0) {
		pc = r->pend.list[--r->pend.n];
		r->pend.on[pc] = 0;
		p = r->pend.w + r->off[pc];
		b = s->w + r->off[pc];
		lo = r->pend.lo[pc];
		hi = r->pend.hi[pc];
		nlo = hi;
		nhi = lo;
		for (j = lo; j < hi; j++) {
			t = p[j] & ~b[j];
			p[j] = 0;
			r->tmp[j] = t;
			if (t != 0) {
				b[j] |= t;
				if (j < nlo)
					nlo = j;
				nhi = j + 1;
			}
		}
		if (nlo >= nhi)
			continue;
		S_set_range(s, pc, nlo, nhi);
		in = &r->re->prog[pc];
		switch (in->op) {
		case I_SPLIT:
			S_send(r, in->x, r->tmp, nlo, nhi);
			S_send(r, in->y, r->tmp, nlo, nhi);
			break;
		case I_CENTER:
			S_send(r, in->x, &one, 0, 1);
			if (in->y != NOPC)
				S_send(r, in->y, &one, 0, 1);
			break;
		case I_CEND:
			S_loop_end(r, in, nlo, nhi);
			break;
		default:	/* CLASS, MATCH: kept; FAIL */
			break;
		}
	}
}

static void
S_clear(struct run *r, struct sset *s)
{
	uint32_t	 pc;
	size_t		 i;

	for (i = 0; i < s->n; i++) {
		pc = s->list[i];
		memset(s->w + r->off[pc] + s->lo[pc], 0,
		    (s->hi[pc] - s->lo[pc]) * sizeof(uint64_t));
		s->on[pc] = 0;
	}
	s->n = 0;
}

static int
S_hit(struct run *r, uint32_t ci, uint32_t c)
{
	if (r->stamp[ci] != r->step) {
		r->stamp[ci] = r->step;
		r->hit[ci] = (uint8_t)S_in(r->re->cls, ci, c);
	}
	return r->hit[ci];
}

/* From the states in cur, over character c, into next. */
static void
S_step(struct run *r, struct sset *cur, struct sset *next, uint32_t c)
{
	const struct inst *in;
	uint32_t	 pc;
	size_t		 i;

	S_clear(r, next);
	r->step++;
	for (i = 0; i < cur->n; i++) {
		pc = cur->list[i];
		in = &r->re->prog[pc];
		if (in->op == I_CLASS && S_hit(r, in->arg, c))
			S_send(r, in->x, cur->w + r->off[pc], cur->lo[pc],
			    cur->hi[pc]);
	}
	S_close(r, next);
}

static void *
S_carve(char **p, size_t n, size_t sz)
{
	void	*v = *p;

	*p += (n * sz + 7) & ~(size_t)7;
	return v;
}

static size_t
S_round(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* The counts loop k keeps for an input of len characters: a count
 * never passes the characters consumed. */
static uint64_t
S_width(const struct rng_regex *re, size_t k, size_t len)
{
	return re->loops[k].max < (uint64_t)len + 1 ? re->loops[k].max :
	    (uint64_t)len + 1;
}

/* Lay the scratch out for an input of len characters, in one block. */
static char *
S_run_init(struct run *r, const struct rng_regex *re, size_t len)
{
	size_t		 np = re->nprog, nl = re->nloops, words = 0, most = 1;
	size_t		 i, w, bytes;
	int32_t		 d;
	char		*mem, *p;
	struct sset	*s[3];

	for (i = 0; i < np; i++) {
		d = re->prog[i].dom;
		w = d < 0 ? 1 : (size_t)((S_width(re, (size_t)d, len) + 63) /
		    64);
		words += w;
		if (w > most)
			most = w;
	}
	bytes = 2 * S_round(nl * 8) + S_round(np * sizeof(size_t)) +
	    3 * (S_round(words * 8) + 3 * S_round(np * 4) + S_round(np)) +
	    2 * S_round(most * 8) + S_round(re->ncls * 4) +
	    S_round(re->ncls);
	if ((mem = calloc(1, bytes)) == NULL)
		return NULL;
	p = mem;
	r->re = re;
	r->step = 0;
	r->nw = S_carve(&p, nl, sizeof(size_t));
	r->width = S_carve(&p, nl, sizeof(uint64_t));
	r->off = S_carve(&p, np, sizeof(size_t));
	for (i = 0; i < nl; i++) {
		r->width[i] = S_width(re, i, len);
		r->nw[i] = (size_t)((r->width[i] + 63) / 64);
	}
	for (words = 0, i = 0; i < np; i++) {
		r->off[i] = words;
		words += S_words(r, (uint32_t)i);
	}
	s[0] = &r->a;
	s[1] = &r->b;
	s[2] = &r->pend;
	for (i = 0; i < 3; i++) {
		s[i]->w = S_carve(&p, words, sizeof(uint64_t));
		s[i]->lo = S_carve(&p, np, sizeof(uint32_t));
		s[i]->hi = S_carve(&p, np, sizeof(uint32_t));
		s[i]->list = S_carve(&p, np, sizeof(uint32_t));
		s[i]->on = S_carve(&p, np, 1);
		s[i]->n = 0;
	}
	r->tmp = S_carve(&p, most, sizeof(uint64_t));
	r->tmp2 = S_carve(&p, most, sizeof(uint64_t));
	r->stamp = S_carve(&p, re->ncls, sizeof(uint32_t));
	r->hit = S_carve(&p, re->ncls, 1);
	return mem;
}

int
rng_regex_match(const struct rng_regex *re, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	struct run	 r;
	struct sset	*cur = &r.a, *next = &r.b, *t;
	size_t		 i, n;
	char		*mem;
	int		 ok;

	for (i = n = 0; i < len; n++)
		if (S_utf8(u, len, &i) < 0)
			return 0;
	if (n < re->minlen || n > re->maxlen)
		return 0;
	if ((mem = S_run_init(&r, re, n)) == NULL)
		return -1;
	S_send(&r, re->start, &one, 0, 1);
	S_close(&r, cur);
	for (i = 0; i < len && cur->n > 0;) {
		S_step(&r, cur, next, (uint32_t)S_utf8(u, len, &i));
		t = cur;
		cur = next;
		next = t;
	}
	ok = cur->on[re->match];
	free(mem);
	return ok;
}
