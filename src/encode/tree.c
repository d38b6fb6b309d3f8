/*
 * tree.c -- build the TEI body from the classified blocks and their
 * tokens: the source note, the head, paragraphs, turns (<sp>), page
 * breaks, footnotes at their markers, and participants' names.
 * Layout that is not text (escapes, extra empty lines) is kept in
 * <?teikit-esc?> and <?teikit-blank?> processing instructions so that
 * the plaintext view can give back the input byte for byte.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>	/* xmlStringText */

#include "internal.h"

static const char indent[] = "\n                                        ";

static void S_add_text(xmlNodePtr, const char *, size_t);

/* A new child element on its own, indented line. */
xmlNodePtr
tk_el(xmlNodePtr parent, const char *name, int depth)
{
	xmlNodePtr	 n;

	if (depth >= 0)
		S_add_text(parent, indent, 1 + 2 * (depth > 19 ? 19 : depth));
	n = xmlNewNode(parent->ns, BAD_CAST name);
	return xmlAddChild(parent, n);
}

xmlNodePtr
tk_el_text(xmlNodePtr parent, const char *name, int depth,
    const char *text, size_t len)
{
	xmlNodePtr	 n = tk_el(parent, name, depth);

	xmlAddChild(n, xmlNewTextLen(BAD_CAST text, (int)len));
	return n;
}

/* The indentation before an element-only parent's end tag. */
void
tk_close(xmlNodePtr parent, int depth)
{
	S_add_text(parent, indent, 1 + 2 * (depth > 19 ? 19 : depth));
}

void
tk_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (strncmp(name, "xml:", 4) == 0)
		xmlNewNsProp(n, xmlSearchNs(n->doc, n, BAD_CAST "xml"),
		    BAD_CAST name + 4, BAD_CAST value);
	else
		xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

static void
S_pi(xmlNodePtr parent, const char *target)
{
	xmlAddChild(parent, xmlNewDocPI(parent->doc, BAD_CAST target, NULL));
}

/* Is `want` (k == 1) or "want-k" an xml:id of the document already?
 * Leaves the candidate in id. */
static int
S_id_taken(xmlDocPtr doc, const char *want, size_t k, char *id, size_t sz)
{
	if (k == 1)
		snprintf(id, sz, "%s", want);
	else
		snprintf(id, sz, "%s-%zu", want, k);
	return xmlGetID(doc, BAD_CAST id) != NULL;
}

/* Give out an xml:id once: "pg_5", then "pg_5-2".  The document's own
 * table of ids (tk_attr registers each) answers, and as "want-2",
 * "want-3"... are given out in turn, the first free one is found by
 * doubling and halving: 100,000 page breaks numbered alike must not
 * take 5 billion comparisons. */
static void
S_unique_id(struct tk_enc *e, xmlNodePtr n, const char *want)
{
	char	 id[96];
	size_t	 lo = 1, hi = 2, mid;
	char	**slot;

	if (S_id_taken(n->doc, want, 1, id, sizeof(id))) {
		while (S_id_taken(n->doc, want, hi, id, sizeof(id))) {
			lo = hi;
			hi *= 2;
		}
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			if (S_id_taken(n->doc, want, mid, id, sizeof(id)))
				lo = mid;
			else
				hi = mid;
		}
		(void)S_id_taken(n->doc, want, hi, id, sizeof(id));
	}
	e->used_ids.size = sizeof(char *);
	if ((slot = tk_vec_push(&e->used_ids)) != NULL)
		*slot = strdup(id);
	tk_attr(n, "xml:id", id);
}

/*
 * Where the participants' names are found in the text: the persons in
 * chains by a hash of a name's length and first bytes, and the lengths
 * the names have.  At a word that a name may begin, only the lengths
 * that end at a word's end are looked up: not every person at every
 * capital (20,000 speakers, each named in a turn, made 400 million
 * comparisons).  Part of struct build, below.
 */
struct mentions {
	unsigned char	 first[256];	/* a name begins with it */
	size_t		*lens, nlens;	/* lengths, ascending */
	size_t		*namelen;	/* each person's */
	size_t		*next;		/* person + 1 after, or 0 */
	size_t		*heads, mask;	/* first person + 1 */
};

#define MENTION_HASHED 32	/* bytes of a name in its hash */

static size_t
S_mention_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u ^ len;
	size_t	 i;

	for (i = 0; i < len && i < MENTION_HASHED; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (size_t)(h ^ (h >> 29));
}

static int
S_size_cmp(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static void
S_mentions_free(struct mentions *m)
{
	free(m->lens);
	free(m->namelen);
	free(m->next);
	free(m->heads);
	memset(m, 0, sizeof(*m));
}

/* 0, or -1 (out of memory) with m empty. */
static int
S_mentions_build(const struct tk_enc *e, struct mentions *m)
{
	size_t		 n = e->persons.n, cap = 16, pi, i, h;
	const struct tk_person *p;

	memset(m, 0, sizeof(*m));
	while (cap < 2 * n)
		cap *= 2;
	if ((m->lens = calloc(n + 1, sizeof(size_t))) == NULL ||
	    (m->namelen = calloc(n + 1, sizeof(size_t))) == NULL ||
	    (m->next = calloc(n + 1, sizeof(size_t))) == NULL ||
	    (m->heads = calloc(cap, sizeof(size_t))) == NULL) {
		S_mentions_free(m);
		return -1;
	}
	m->mask = cap - 1;
	/* last to first: each chain holds its persons in their order */
	for (pi = n; pi-- > 0; ) {
		p = TK_VEC_AT(&e->persons, struct tk_person, pi);
		m->first[(unsigned char)p->name[0]] = 1;
		m->namelen[pi] = m->lens[pi] = strlen(p->name);
		h = S_mention_hash(p->name, m->namelen[pi]) & m->mask;
		m->next[pi] = m->heads[h];
		m->heads[h] = pi + 1;
	}
	qsort(m->lens, n, sizeof(size_t), S_size_cmp);
	for (i = 0; i < n; i++)
		if (m->nlens == 0 || m->lens[m->nlens - 1] != m->lens[i])
			m->lens[m->nlens++] = m->lens[i];
	return 0;
}

/* Ends a name: the end of the text, or a byte that is no letter. */
static int
S_name_end(const char *s, size_t len, size_t i)
{
	return i == len || !((unsigned char)s[i] >= 0x80 ||
	    ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'));
}

/* The first person whose name stands at s[i] as whole words, or -1. */
static int
S_mention(const struct tk_enc *e, const struct mentions *m, const char *s,
    size_t len, size_t i)
{
	size_t		 k, l, c;
	int		 best = -1;
	const struct tk_person *p;

	for (k = 0; k < m->nlens && (l = m->lens[k]) <= len - i; k++) {
		if (!S_name_end(s, len, i + l))
			continue;
		for (c = m->heads[S_mention_hash(s + i, l) & m->mask]; c != 0;
		    c = m->next[c - 1]) {
			p = TK_VEC_AT(&e->persons, struct tk_person, c - 1);
			if (m->namelen[c - 1] == l &&
			    memcmp(p->name, s + i, l) == 0) {
				if (best == -1 || (size_t)best > c - 1)
					best = (int)(c - 1);
				break;
			}
		}
	}
	return best;
}

/* The same, person by person, when no table could be made. */
static int
S_mention_scan(const struct tk_enc *e, const char *s, size_t len, size_t i)
{
	size_t		 pi, nl;
	const struct tk_person *p;

	for (pi = 0; pi < e->persons.n; pi++) {
		p = TK_VEC_AT(&e->persons, struct tk_person, pi);
		nl = strlen(p->name);
		if (nl <= len - i && memcmp(s + i, p->name, nl) == 0 &&
		    S_name_end(s, len, i + nl))
			return (int)pi;
	}
	return -1;
}

/*
 * What the body is built with, hung on the document's _private: the
 * participants' names, and the text node that text is being added to.
 * Text added after text joins it; libxml2 measures the text before for
 * each piece it joins (xmlStrncat), which made a paragraph of many
 * numbers that are no markers ("a,50 and b,50 ...") quadratic.  The
 * node's length and room are kept here instead.
 */
struct build {
	struct mentions	 mentions;
	size_t		 head_off[2], head_len[2];	/* sender, recipient */
	int		 head_office[2];
	xmlNodePtr	 node;		/* the text node, or NULL */
	xmlChar		*content;	/* its content, as kept here */
	size_t		 len, cap;	/* its length, and room */
};

/* Text into parent: joined to the text node it ends with, as
 * xmlAddChild would, or a new one. */
static void
S_add_text(xmlNodePtr parent, const char *s, size_t len)
{
	struct build	*bd = parent->doc != NULL ? parent->doc->_private : NULL;
	xmlNodePtr	 last = parent->last;
	xmlChar		*p;
	size_t		 cap;

	if (bd == NULL || last == NULL || last->type != XML_TEXT_NODE ||
	    last->name != xmlStringText || last->content == NULL ||
	    (last->doc != NULL && last->doc->dict != NULL &&
	    xmlDictOwns(last->doc->dict, last->content))) {
		xmlAddChild(parent, xmlNewTextLen(BAD_CAST s, (int)len));
		return;
	}
	if (bd->node != last || bd->content != last->content ||
	    bd->content[bd->len] != '\0') {
		bd->node = last;
		bd->content = last->content;
		bd->len = strlen((const char *)last->content);
		bd->cap = bd->len + 1;
	}
	if (bd->len + len + 1 > bd->cap) {
		cap = 2 * bd->cap > bd->len + len + 1 ? 2 * bd->cap :
		    bd->len + len + 1;
		if (cap > INT_MAX || (p = xmlRealloc(bd->content, cap)) ==
		    NULL) {
			bd->node = NULL;
			xmlNodeAddContentLen(last, BAD_CAST s, (int)len);
			return;
		}
		last->content = bd->content = p;
		bd->cap = cap;
	}
	memcpy(bd->content + bd->len, s, len);
	bd->len += len;
	bd->content[bd->len] = '\0';
}

/*
 * Text with the participants' names marked: each whole-word occurrence
 * of a person's name becomes <persName ref="#id">.  In the head,
 * `typed` gives the names in parentheses their role (from, to).
 */
static void
S_text(struct tk_enc *e, xmlNodePtr parent, size_t off, size_t len,
    int literal, int typed)
{
	const char	*s = e->text.buf + off;
	const struct build *bd = parent->doc->_private;
	const struct mentions *m = bd != NULL ? &bd->mentions : NULL;
	size_t		 i = 0, start = 0, nl, k;
	int		 pi;
	struct tk_person *p;
	xmlNodePtr	 pn;
	char		 ref[80];

	for (i = 0; i < len && !literal && e->persons.n > 0; i++) {
		if (m != NULL && !m->first[(unsigned char)s[i]])
			continue;
		if (i > 0 && ((unsigned char)s[i - 1] >= 0x80 ||
		    ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z')))
			continue;
		if ((pi = m != NULL ? S_mention(e, m, s, len, i) :
		    S_mention_scan(e, s, len, i)) < 0)
			continue;
		p = TK_VEC_AT(&e->persons, struct tk_person, pi);
		nl = strlen(p->name);
		S_add_text(parent, s + start, i - start);
		pn = tk_el_text(parent, "persName", -1, s + i, nl);
		for (k = 0; typed && bd != NULL && k < 2; k++)
			if (bd->head_len[k] == nl && bd->head_off[k] == off + i &&
			    !bd->head_office[k])
				tk_attr(pn, "type", k ? "to" : "from");
		snprintf(ref, sizeof(ref), "#%s", p->id);
		tk_attr(pn, e->opts->frus ? "corresp" : "ref", ref);
		if (!typed)
			tk_explain(e, off + i, "mention of %s (#%s)", p->name,
			    p->id);
		i += nl - 1;
		start = i + 1;
	}
	if (start < len)
		S_add_text(parent, s + start, len - start);
}

static void S_inline(struct tk_enc *, xmlNodePtr, size_t, size_t, int);
static void S_blanks(xmlNodePtr, unsigned);

/*
 * Text of the head: an office that sends or receives the document is
 * a <gloss type="from|to">, as the Office of the Historian marks it
 * ("The <gloss type="from">Acting Secretary of State</gloss> to ..."),
 * the rest is text with names (S_text, typed).
 */
static void
S_head_text(struct tk_enc *e, xmlNodePtr parent, size_t off, size_t len,
    int literal)
{
	const struct build *bd = parent->doc->_private;
	size_t		 k, g, gl;
	xmlNodePtr	 n;

	for (k = 0; bd != NULL && !literal && k < 2; k++) {
		g = bd->head_off[k];
		gl = bd->head_len[k];
		if (gl == 0 || !bd->head_office[k] || g < off ||
		    g + gl > off + len)
			continue;
		S_text(e, parent, off, g - off, 0, 1);
		n = tk_el_text(parent, "gloss", -1, e->text.buf + g, gl);
		tk_attr(n, "type", k ? "to" : "from");
		len -= g + gl - off;
		off = g + gl;
	}
	S_text(e, parent, off, len, literal, 1);
}

static void
S_note(struct tk_enc *e, xmlNodePtr parent, const struct tk_note *note)
{
	xmlNodePtr	 n = tk_el(parent, "note", -1);
	char		 id[64];
	const struct tk_listed *l;

	tk_attr(n, "n", note->n);
	if (!e->opts->frus)
		tk_attr(n, "place", "foot");
	snprintf(id, sizeof(id), "%s%sfn%s", e->docnum[0] ? "d" : "",
	    e->docnum, note->n);
	S_unique_id(e, n, id);
	if (note->listed == 0) {
		tk_attr(tk_el(n, "gap", -1), "reason", "missing");
		return;
	}
	l = TK_VEC_AT(&e->listed, struct tk_listed, note->listed - 1);
	/* FRUS gives the source of a document as its first footnote. */
	if (l->len > 8 && strncmp(e->text.buf + l->off, "Source: ", 8) == 0) {
		tk_attr(n, "type", "source");
		tk_explain(e, l->off, "note %s gives the source", note->n);
	}
	S_inline(e, n, l->tok_first, l->tok_n, 0);
}

static void
S_page(struct tk_enc *e, xmlNodePtr parent, const struct tk_token *t,
    int depth)
{
	xmlNodePtr	 pb = tk_el(parent, "pb", depth);
	char		 n[32], id[40];

	snprintf(n, sizeof(n), "%.*s", (int)t->vlen, e->text.buf + t->voff);
	snprintf(id, sizeof(id), "pg_%s", n);
	tk_attr(pb, "n", n);
	S_unique_id(e, pb, id);
	tk_explain(e, t->off, "page break %s", n);
}

static void
S_textlen(xmlNodePtr parent, const char *s, size_t len)
{
	S_add_text(parent, s, len);
}

/*
 * The editors' marks: "100 [116]" is <sic>100</sic> [<corr>116</corr>],
 * "[set up?]" is [<supplied cert="low">set up</supplied>?], "[Omission]"
 * is [<gap reason="omitted"><desc>Omission</desc></gap>], ". . ." is
 * <ellipsis><metamark>. . .</metamark></ellipsis>.  The frus profile
 * keeps them as text, as the Office of the Historian does.
 */
static void
S_editorial(struct tk_enc *e, xmlNodePtr parent, const struct tk_token *t)
{
	const char	*s = e->text.buf;
	size_t		 end = t->off + t->len;
	xmlNodePtr	 n;

	if (e->opts->frus) {
		S_textlen(parent, s + t->off, t->len);
		tk_explain(e, t->off, "editorial mark %.*s kept as text "
		    "(frus profile)", (int)t->len, s + t->off);
		return;
	}
	switch (t->type) {
	case TOK_CORR:
		tk_el_text(parent, "sic", -1, s + t->off, t->voff - 2 - t->off);
		S_textlen(parent, " [", 2);
		tk_el_text(parent, "corr", -1, s + t->voff, t->vlen);
		S_textlen(parent, "]", 1);
		tk_explain(e, t->off, "correction: %.*s for %.*s", (int)t->vlen,
		    s + t->voff, (int)(t->voff - 2 - t->off), s + t->off);
		break;
	case TOK_QUERY:
		S_textlen(parent, "[", 1);
		n = tk_el_text(parent, "supplied", -1, s + t->voff, t->vlen);
		tk_attr(n, "cert", "low");
		S_textlen(parent, s + t->voff + t->vlen, end - t->voff - t->vlen);
		tk_explain(e, t->off, "reading queried by the editors: %.*s",
		    (int)t->vlen, s + t->voff);
		break;
	case TOK_GAP:
		S_textlen(parent, "[", 1);
		n = tk_el(parent, "gap", -1);
		tk_attr(n, "reason", t->reason);
		tk_el_text(n, "desc", -1, s + t->voff, t->vlen);
		S_textlen(parent, "]", 1);
		tk_explain(e, t->off, "gap (%s): %.*s", t->reason,
		    (int)t->vlen, s + t->voff);
		break;
	default:
		n = tk_el(parent, "ellipsis", -1);
		tk_el_text(n, "metamark", -1, s + t->off, t->len);
		tk_explain(e, t->off, "ellipsis (an omission marked in the "
		    "text)");
		break;
	}
}

/* Tokens [first, first + n) into `parent`; `typed` in the head. */
static void
S_inline(struct tk_enc *e, xmlNodePtr parent, size_t first, size_t n,
    int typed)
{
	size_t		 i;
	struct tk_token	*t;

	for (i = first; i < first + n; i++) {
		t = TK_VEC_AT(&e->toks, struct tk_token, i);
		switch (t->type) {
		case TOK_TEXT:
			if (typed)
				S_head_text(e, parent, t->off, t->len,
				    t->literal);
			else
				S_text(e, parent, t->off, t->len, t->literal, 0);
			break;
		case TOK_LB:
			tk_el(parent, "lb", -1);
			break;
		case TOK_ESC:
			S_pi(parent, "teikit-esc");
			break;
		case TOK_PAGE:
			S_page(e, parent, t, -1);
			break;
		case TOK_CORR: case TOK_QUERY: case TOK_GAP: case TOK_ELLIPSIS:
			S_editorial(e, parent, t);
			break;
		case TOK_DIGITS:
			if (t->note == 0) {
				S_text(e, parent, t->off, t->len, 1, 0);
				break;
			}
			S_text(e, parent, t->off, t->voff - t->off, 1, 0);
			S_note(e, parent, TK_VEC_AT(&e->notes, struct tk_note,
			    t->note - 1));
			break;
		}
	}
}

static void
S_blanks(xmlNodePtr parent, unsigned n)
{
	while (n-- > 0)
		S_pi(parent, "teikit-blank");
}

static xmlNodePtr
S_sp(struct tk_enc *e, xmlNodePtr div, const struct tk_block *b, int depth)
{
	xmlNodePtr	 sp = tk_el(div, "sp", depth);
	struct tk_person *p = TK_VEC_AT(&e->persons, struct tk_person, b->person);
	char		 who[80];

	snprintf(who, sizeof(who), "#%s", p->id);
	tk_attr(sp, "who", who);
	tk_el_text(sp, "speaker", depth + 1, e->text.buf + b->off,
	    b->label_len + 1);
	return sp;
}

/* The frus profile's turn: <p><persName corresp="#sato">Sato</persName>:
 * As you…</p>, as the Office of the Historian writes it. */
static void
S_frus_turn(struct tk_enc *e, xmlNodePtr div, const struct tk_block *b)
{
	struct tk_person *p = TK_VEC_AT(&e->persons, struct tk_person, b->person);
	xmlNodePtr	 para = tk_el(div, "p", 4), pn;
	char		 ref[80];

	pn = tk_el_text(para, "persName", -1, e->text.buf + b->off,
	    b->label_len);
	snprintf(ref, sizeof(ref), "#%s", p->id);
	tk_attr(pn, "corresp", ref);
	S_add_text(para, ": ", 2);
	S_inline(e, para, b->tok_first, b->tok_n, 0);
}

/*
 * A paragraph.  In the tei profile a numbered section carries its
 * number (<p n="2">); a salutation opening it ("Sir: I have ...") is a
 * <seg type="salute">, since TEI's <salute> does not stand inside a
 * paragraph; the frus profile sets a one-word salutation in small
 * capitals, as the Office of the Historian does, and else keeps it as
 * text.
 */
static void
S_para(struct tk_enc *e, xmlNodePtr parent, const struct tk_block *b,
    int depth)
{
	xmlNodePtr	 p = tk_el(parent, "p", depth), n;
	const struct tk_token *t;
	const char	*s = e->text.buf + b->off;
	size_t		 sl = b->salute_len;
	char		 num[24];

	if (b->number > 0 && !e->opts->frus) {
		snprintf(num, sizeof(num), "%ld", b->number);
		tk_attr(p, "n", num);
	}
	t = b->tok_n > 0 ? TK_VEC_AT(&e->toks, struct tk_token,
	    b->tok_first) : NULL;
	if (b->kind != BLOCK_PARA || sl == 0 || t == NULL ||
	    t->type != TOK_TEXT || t->off != b->off || t->len < sl) {
		S_inline(e, p, b->tok_first, b->tok_n, 0);
		return;
	}
	if (!e->opts->frus) {
		n = tk_el_text(p, "seg", -1, s, sl);
		tk_attr(n, "type", "salute");
	} else if (memchr(s, ' ', sl) == NULL) {
		n = tk_el_text(p, "hi", -1, s, sl - 1);
		tk_attr(n, "rend", "smallcaps");
		S_textlen(p, s + sl - 1, 1);
	} else
		S_textlen(p, s, sl);
	S_text(e, p, t->off + sl, t->len - sl, 0, 0);
	S_inline(e, p, b->tok_first + 1, b->tok_n - 1, 0);
}

/* The next block after i that is not a page break, or NULL.  *next
 * keeps the last one found: for a run of page breaks it is the same,
 * and the run is read once, not once for each break in it. */
static const struct tk_block *
S_next_text_block(const struct tk_enc *e, size_t i, size_t *next)
{
	if (*next <= i)
		for (*next = i + 1; *next < e->blocks.n && TK_VEC_AT(&e->blocks,
		    struct tk_block, *next)->kind == BLOCK_PAGE; (*next)++)
			continue;
	return *next < e->blocks.n ? TK_VEC_AT(&e->blocks, struct tk_block,
	    *next) : NULL;
}

/* The frame's groups: which element a block kind goes into. */
static const char *
S_group(const struct tk_enc *e, enum tk_block_kind kind)
{
	if (kind == BLOCK_CLOSE)	/* FRUS keeps it a paragraph */
		return e->opts->frus ? NULL : "closer";
	switch (kind) {
	case BLOCK_CLASS: case BLOCK_DESPATCH: case BLOCK_DATELINE:
	case BLOCK_SALUTE: case BLOCK_RECEIVED:
		return "opener";
	case BLOCK_LIST_HEAD: case BLOCK_LIST_ITEM:
		return "list";
	case BLOCK_LETTERED:
		return "labelled list";
	case BLOCK_QUOTE:
		return "quote";
	case BLOCK_SIGNED:
		return "closer";
	case BLOCK_POSTSCRIPT:
		return "postscript";
	default:
		return NULL;
	}
}

/* Are tokens [first, first + n) plain text (no escape, no marker)? */
static int
S_plain(const struct tk_enc *e, size_t first, size_t n)
{
	const struct tk_token *t;
	size_t		 i;

	for (i = first; i < first + n; i++) {
		t = TK_VEC_AT(&e->toks, struct tk_token, i);
		if (t->type == TOK_TEXT ? t->literal : !(t->type == TOK_DIGITS &&
		    t->note == 0))
			return 0;
	}
	return 1;
}

/* The dateline's first line: <placeName> and <date when>, when it is
 * plain text; else its text as it is.  Fills `d` (when is "" if not). */
static void
S_dateline_line(struct tk_enc *e, xmlNodePtr dl, size_t off, size_t len,
    size_t first, size_t n, struct tk_dateline *d)
{
	const char	*s = e->text.buf + off;
	xmlNodePtr	 date;

	if (!S_plain(e, first, n) || tk_dateline_parse(s, len, d) == -1) {
		memset(d, 0, sizeof(*d));
		S_inline(e, dl, first, n, 0);
		return;
	}
	/* "[Chungking,] March 5": the editors' brackets stay text */
	if (d->place_off > 0)
		S_textlen(dl, s, d->place_off);
	tk_el_text(dl, "placeName", -1, s + d->place_off, d->place_len);
	if (d->date_off > d->place_off + d->place_len)
		S_textlen(dl, s + d->place_off + d->place_len, d->date_off -
		    d->place_off - d->place_len);
	if (d->date_len > 0) {	/* else a place alone */
		date = tk_el_text(dl, "date", -1, s + d->date_off,
		    d->date_len);
		if (d->when[0] != '\0') {
			tk_attr(date, "when", d->when);
			tk_explain(e, off + d->date_off, "date %s", d->when);
		} else
			tk_explain(e, off + d->date_off, "date: no when "
			    "(undated)");
	}
	if (d->date_off + d->date_len < len)
		S_textlen(dl, s + d->date_off + d->date_len,
		    len - d->date_off - d->date_len);
}

/* "[Received September 11.]": in the tei profile its date is a <date
 * type="received">; the frus profile keeps the line as text. */
static void
S_received_line(struct tk_enc *e, xmlNodePtr dl, size_t off, size_t len,
    size_t first, size_t n, const struct tk_dateline *sent)
{
	const char	*s = e->text.buf + off;
	struct tk_received r;
	xmlNodePtr	 date;

	if (!S_plain(e, first, n) || tk_received_parse(s, len, sent, &r) ==
	    -1) {
		S_inline(e, dl, first, n, 0);
		return;
	}
	if (e->opts->frus) {
		S_textlen(dl, s, len);
		tk_explain(e, off, "received line kept as text (frus profile)");
		return;
	}
	S_textlen(dl, s, r.date_off);
	date = tk_el_text(dl, "date", -1, s + r.date_off, r.date_len);
	tk_attr(date, "type", "received");
	if (r.when[0] != '\0') {
		tk_attr(date, "when", r.when);
		tk_explain(e, off + r.date_off, "received %s%s", r.when,
		    r.year_given ? "" : " (the year from the dateline)");
	} else
		tk_explain(e, off + r.date_off, "received: no when (the day "
		    "or the year is not written)");
	S_textlen(dl, s + r.date_off + r.date_len, len - r.date_off -
	    r.date_len);
}

/* A dateline, line by line: the place and date, then perhaps the line
 * saying when it was received, each line after an <lb/>. */
static void
S_dateline(struct tk_enc *e, xmlNodePtr parent, const struct tk_block *b,
    int depth)
{
	struct tk_dateline d;
	const struct tk_token *t;
	xmlNodePtr	 dl = tk_el(parent, "dateline", depth);
	size_t		 i, start = b->tok_first, end = b->tok_first + b->tok_n;
	size_t		 off = b->off, lineno = 0;

	for (i = start; i <= end; i++) {
		t = i < end ? TK_VEC_AT(&e->toks, struct tk_token, i) : NULL;
		if (t != NULL && t->type != TOK_LB)
			continue;
		if (lineno++ == 0)
			S_dateline_line(e, dl, off, (t ? t->off : b->off +
			    b->len) - off, start, i - start, &d);
		else
			S_received_line(e, dl, off, (t ? t->off : b->off +
			    b->len) - off, start, i - start, &d);
		if (t == NULL)
			break;
		tk_el(dl, "lb", -1);
		off = t->off + 1;
		start = i + 1;
	}
}

/* "[Received …]" alone after the dateline: a dateline of its own.
 * `p` is the last dateline before it, or NULL. */
static void
S_received(struct tk_enc *e, xmlNodePtr parent, const struct tk_block *b,
    const struct tk_block *p)
{
	struct tk_dateline d;
	xmlNodePtr	 dl = tk_el(parent, "dateline", 5);

	memset(&d, 0, sizeof(d));
	if (p != NULL && tk_dateline_parse(e->text.buf + p->off,
	    TK_VEC_AT(&e->text.lines, struct tk_line, p->first)->len,
	    &d) == -1)
		memset(&d, 0, sizeof(d));
	S_received_line(e, dl, b->off, b->len, b->tok_first, b->tok_n, &d);
}

/* ". . . . . . .", a row of dots between paragraphs: the editors
 * omitted a passage.  <gap reason="omitted"/> in the tei profile,
 * <gap/> as the Office of the Historian writes it in the frus profile;
 * the row is kept as its <desc>, which the text view gives back, but
 * for the frus profile's standard row of seven dots. */
static void
S_omission(struct tk_enc *e, xmlNodePtr parent, const struct tk_block *b,
    int depth)
{
	static const char row[] = ". . . . . . .";
	xmlNodePtr	 n = tk_el(parent, "gap", depth);

	if (!e->opts->frus)
		tk_attr(n, "reason", "omitted");
	/* FRUS's own row needs no words: the text view gives it back for
	 * a bare gap in a document of teikit's. */
	if (!e->opts->frus || b->len != sizeof(row) - 1 ||
	    memcmp(e->text.buf + b->off, row, b->len) != 0)
		tk_el_text(n, "desc", -1, e->text.buf + b->off, b->len);
}

/* A signature as the Office of the Historian writes it: the name in
 * <signed>, the titles after it in the closer, each after an <lb/>
 * (<closer><signed>John Foster Dulles</signed><lb/>Secretary of
 * State</closer>); the tei profile keeps the titles in <signed>. */
static void
S_signed_frus(struct tk_enc *e, xmlNodePtr closer, xmlNodePtr sig,
    const struct tk_block *b)
{
	size_t	 k;

	for (k = b->tok_first; k < b->tok_first + b->tok_n; k++)
		if (TK_VEC_AT(&e->toks, struct tk_token, k)->type == TOK_LB)
			break;
	S_inline(e, sig, b->tok_first, k - b->tok_first, 0);
	S_inline(e, closer, k, b->tok_first + b->tok_n - k, 0);
}

/* One block of the frame, into its group element; `dateline`: the last
 * dateline before it, or NULL. */
static void
S_frame_block(struct tk_enc *e, xmlNodePtr group, const struct tk_block *b,
    const struct tk_block *dateline)
{
	static const struct {
		enum tk_block_kind kind;
		const char	*element, *type;
	} elements[] = {
		{ BLOCK_CLASS, "seg", "classification" },
		{ BLOCK_DESPATCH, "seg", "despatch-number" },
		{ BLOCK_LIST_HEAD, "head", NULL },
		{ BLOCK_LIST_ITEM, "item", NULL },
		{ BLOCK_CLOSE, "salute", NULL },
		{ BLOCK_SALUTE, "salute", NULL },
		{ BLOCK_SIGNED, "signed", NULL },
		{ BLOCK_POSTSCRIPT, "p", NULL },
	};
	size_t		 i;
	xmlNodePtr	 n;

	if (b->kind == BLOCK_DATELINE) {
		S_dateline(e, group, b, 5);
		return;
	}
	if (b->kind == BLOCK_RECEIVED) {
		S_received(e, group, b, dateline);
		return;
	}
	if (b->kind == BLOCK_QUOTE) {
		S_para(e, group, b, 5);
		return;
	}
	if (b->kind == BLOCK_LETTERED) {
		tk_el_text(group, "label", 5, e->text.buf + b->off,
		    b->label_len);
		S_inline(e, tk_el(group, "item", 5), b->tok_first, b->tok_n, 0);
		return;
	}
	for (i = 0; i < sizeof(elements) / sizeof(elements[0]); i++)
		if (elements[i].kind == b->kind)
			break;
	n = tk_el(group, elements[i].element, 5);
	if (elements[i].type != NULL)
		tk_attr(n, "type", elements[i].type);
	if (b->kind == BLOCK_SIGNED && e->opts->frus) {
		S_signed_frus(e, group, n, b);
		return;
	}
	S_inline(e, n, b->tok_first, b->tok_n, 0);
}

/* A list's type from its heading: SUBJECT -> subject, MEMBERS PRESENT
 * -> participants (letter.c's table). */
static void
S_list_type(struct tk_enc *e, xmlNodePtr list, const struct tk_block *b)
{
	char	 type[32];
	size_t	 i;
	const char *known = tk_list_type(e->text.buf + b->off, b->len);

	if (known != NULL) {
		tk_attr(list, "type", known);
		return;
	}
	for (i = 0; i < b->len && i < sizeof(type) - 1; i++)
		type[i] = e->text.buf[b->off + i] == ' ' ? '-' :
		    (char)(e->text.buf[b->off + i] | 0x20);
	type[i] = '\0';
	if (strcmp(type, "present") == 0 || strcmp(type, "also-present") == 0)
		strcpy(type, "participants");
	tk_attr(list, "type", type);
}

int
tk_tree_build(struct tk_enc *e, xmlDocPtr doc, xmlNodePtr div)
{
	size_t		 i;
	struct tk_block	*b;
	const struct tk_block *next, *dateline = NULL;
	xmlNodePtr	 sp = NULL, parent, n, group = NULL;
	size_t		 next_i = 0;
	const char	*gname = NULL, *want;
	int		 depth;
	struct build	 bd;

	memset(&bd, 0, sizeof(bd));
	tk_persons_head(e, bd.head_off, bd.head_len, bd.head_office);
	if (S_mentions_build(e, &bd.mentions) == 0)
		doc->_private = &bd;
	for (i = 0; i < e->blocks.n; i++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, i);
		want = S_group(e, b->kind);
		if (b->kind == BLOCK_DATELINE && b->free)
			want = NULL;	/* FRUS after 1950: no opener */
		if (b->kind == BLOCK_PAGE && group != NULL &&
		    (next = S_next_text_block(e, i, &next_i)) != NULL &&
		    ((strcmp(gname, "labelled list") == 0 &&
		    next->kind == BLOCK_LETTERED) || (strcmp(gname, "quote")
		    == 0 && next->kind == BLOCK_QUOTE))) {
			S_blanks(group, b->blank_before - 1);
			S_page(e, group, TK_VEC_AT(&e->toks, struct tk_token,
			    b->tok_first), 5);
			continue;
		}
		if (group != NULL && (want != gname ||
		    b->kind == BLOCK_LIST_HEAD)) {
			tk_close(group, 4);
			group = NULL;
		}
		if (want != NULL) {
			if (sp != NULL) {
				tk_close(sp, 4);
				sp = NULL;
			}
			if (group == NULL) {
				S_blanks(div, i ? b->blank_before - 1 :
				    b->blank_before);
				group = tk_el(div, strncmp(want, "labelled ", 9)
				    == 0 ? want + 9 : want, 4);
				gname = want;
				if (b->kind == BLOCK_LIST_HEAD)
					S_list_type(e, group, b);
				if (b->kind == BLOCK_QUOTE)
					tk_attr(group, "rend", "blockquote");
			} else
				S_blanks(group, b->blank_before - 1);
			S_frame_block(e, group, b, dateline);
			if (b->kind == BLOCK_DATELINE)
				dateline = b;
			continue;
		}
		if (b->kind == BLOCK_TURN && e->opts->frus) {
			S_blanks(div, i ? b->blank_before - 1 : b->blank_before);
			S_frus_turn(e, div, b);
			continue;
		}
		if (b->kind == BLOCK_TURN) {
			if (sp != NULL)
				tk_close(sp, 4);
			S_blanks(div, i ? b->blank_before - 1 : b->blank_before);
			sp = S_sp(e, div, b, 4);
			/* the space after "Cox:", so that the turn's text
			 * content reads "Cox: The rebel…"; the text view
			 * writes it from the speaker and skips this one */
			S_add_text(sp, " ", 1);
			n = tk_el(sp, "p", -1);
			S_inline(e, n, b->tok_first, b->tok_n, 0);
			continue;
		}
		if (sp != NULL && b->kind != BLOCK_CONT && !(b->kind ==
		    BLOCK_PAGE && (next = S_next_text_block(e, i,
		    &next_i)) != NULL && next->kind == BLOCK_CONT)) {
			tk_close(sp, 4);
			sp = NULL;
		}
		parent = sp ? sp : div;
		depth = sp ? 5 : 4;
		S_blanks(parent, i ? b->blank_before - 1 : b->blank_before);
		switch (b->kind) {
		case BLOCK_SOURCE:
			tk_el_text(div, "note", 4, e->text.buf + b->off, b->len);
			if (e->opts->frus)
				tk_attr((xmlNodePtr)div->last, "rend", "inline");
			tk_attr((xmlNodePtr)div->last, "type", "source");
			break;
		case BLOCK_TITLE:
			n = tk_el(div, "head", 4);
			S_inline(e, n, b->tok_first, b->tok_n, 1);
			break;
		case BLOCK_PAGE:
			S_page(e, parent, TK_VEC_AT(&e->toks, struct tk_token,
			    b->tok_first), depth);
			break;
		case BLOCK_NOTES:
			break;
		case BLOCK_DATELINE:	/* free-standing */
			S_dateline(e, parent, b, depth);
			dateline = b;
			break;
		case BLOCK_EDITORIAL:
			if (b->omission) {
				S_omission(e, parent, b, depth);
				break;
			}
			S_para(e, parent, b, depth);
			break;
		default:
			S_para(e, parent, b, depth);
			break;
		}
	}
	if (sp != NULL)
		tk_close(sp, 4);
	if (group != NULL)
		tk_close(group, 4);
	tk_close(div, 3);
	if (doc->_private == &bd) {
		doc->_private = NULL;
		S_mentions_free(&bd.mentions);
	}
	return 0;
}
