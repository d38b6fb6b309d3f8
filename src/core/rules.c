/*
 * rules.c -- rules a schema cannot express, run natively over the tree:
 * unique ids, pointers that resolve, turns with speakers who are
 * persons, footnotes in sequence with ids of the form <div id>fn<n>,
 * pages in ascending order, no empty paragraphs, no white space before
 * a footnote, consecutive document numbers, and (FRUS) curly quotes,
 * signatures in closers and ISO dates.
 * One walk gathers what the rules need; then each rule in the table
 * runs if its set is chosen.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"

struct idref {
	const char	*id;
	xmlNodePtr	 node;
};

struct rctx {
	const teikit_doc *doc;
	struct tk_report rep;
	struct tk_vec	 ids;		/* struct idref, sorted after the walk */
	struct tk_vec	 pointers;	/* xmlAttrPtr: who, ref, corresp, target */
	struct tk_vec	 notes;		/* xmlNodePtr: footnotes */
	struct tk_vec	 pages;		/* xmlNodePtr: pb */
	struct tk_vec	 sps;		/* xmlNodePtr: sp */
	struct tk_vec	 paras;		/* xmlNodePtr: p */
	struct tk_vec	 docs;		/* xmlNodePtr: div type="document" */
	struct tk_vec	 texts;		/* xmlNodePtr: text nodes in <text> */
	struct tk_vec	 closers;	/* xmlNodePtr: closer */
	struct tk_vec	 dates;		/* xmlNodePtr: date with @when */
	int		 oom;
	int		 soft;		/* integrity only: warnings */
};

static int
S_tei(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, TEI_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static void
S_push(struct rctx *c, struct tk_vec *v, void *p)
{
	void	**slot;

	if ((slot = tk_vec_push(v)) == NULL)
		c->oom = 1;
	else
		*slot = p;
}

/* A footnote: a numbered note (teikit's source note has no number;
 * FRUS numbers its source notes among the footnotes). */
static int
S_footnote(const xmlNode *n)
{
	return S_tei(n, "note") && xmlHasProp(n, BAD_CAST "n");
}

static void
S_walk(struct rctx *c, xmlNodePtr n, int in_text)
{
	/* TEI's attributes of pointers (teidata.pointer) that name
	 * elements of the same document as "#id": those tei_all types so
	 * on every element that has them; not @rendition, whose "#left"
	 * FRUS (and teikit after it) take from the volume's or the
	 * publisher's tagsDecl, nor URIs that never point inside (@url,
	 * @uri, @ns, xml:base) */
	static const char *const ptr_attrs[] = {
		"adj", "adjFrom", "adjTo", "ana", "calendar", "change",
		"children", "copyOf", "corresp", "datingMethod", "datingPoint",
		"decls", "domains", "edRef", "end", "exclude", "fVal", "facs",
		"feats", "filter", "follow", "given", "hand", "inst",
		"lemmaRef", "mergedIn", "mutual", "next", "nymRef", "origin",
		"parent", "parts", "perf", "period", "prev", "ref", "replyTo",
		"resp", "sameAs", "scribeRef", "scriptRef", "select", "since",
		"source", "spanTo", "start", "synch", "target", "targetEnd",
		"targets", "toWhom", "unitRef", "who", "wit", NULL
	};
	xmlAttrPtr	 a;
	struct idref	*id;
	size_t		 i;
	int		 tei;

	for (; n != NULL && !c->oom; n = n->next) {
		if (n->type == XML_TEXT_NODE && in_text)
			S_push(c, &c->texts, n);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		/* pointers are TEI's attributes on TEI's elements: not those
		 * of another vocabulary, nor of an example (egXML's) */
		tei = n->ns != NULL && strcmp((const char *)n->ns->href,
		    TEI_NS) == 0;
		for (a = n->properties; a != NULL; a = a->next) {
			if (a->ns != NULL && strcmp((const char *)a->ns->href,
			    XML_NS) == 0 && strcmp((const char *)a->name,
			    "id") == 0 && a->children != NULL) {
				if ((id = tk_vec_push(&c->ids)) == NULL) {
					c->oom = 1;
					return;
				}
				id->id = (const char *)a->children->content;
				id->node = n;
			}
			for (i = 0; tei && a->ns == NULL && ptr_attrs[i] !=
			    NULL; i++)
				if (strcmp((const char *)a->name,
				    ptr_attrs[i]) == 0)
					S_push(c, &c->pointers, a);
		}
		if (S_footnote(n))
			S_push(c, &c->notes, n);
		else if (S_tei(n, "pb"))
			S_push(c, &c->pages, n);
		else if (S_tei(n, "sp"))
			S_push(c, &c->sps, n);
		else if (S_tei(n, "p"))
			S_push(c, &c->paras, n);
		else if (S_tei(n, "closer"))
			S_push(c, &c->closers, n);
		else if (S_tei(n, "date") && xmlHasProp(n, BAD_CAST "when"))
			S_push(c, &c->dates, n);
		else if (S_tei(n, "div")) {
			xmlChar *type = xmlGetProp(n, BAD_CAST "type");

			if (type && strcmp((char *)type, "document") == 0)
				S_push(c, &c->docs, n);
			xmlFree(type);
		}
		S_walk(c, n->children, in_text || S_tei(n, "text"));
	}
}

static void
S_say(struct rctx *c, const xmlNode *n, teikit_code code, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
S_say(struct rctx *c, const xmlNode *n, teikit_code code, const char *fmt,
    ...)
{
	va_list		 ap;
	unsigned	 line, col;

	tk_doc_pos(c->doc, n, &line, &col);
	va_start(ap, fmt);
	tk_vdiag(&c->rep, line, col, code, fmt, ap);
	va_end(ap);
}

static int
S_idref_cmp(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int	 r = strcmp(x->id, y->id);

	if (r != 0)
		return r;
	/* Same id: keep document order, the first is the original. */
	return xmlGetLineNo(x->node) < xmlGetLineNo(y->node) ? -1 :
	    xmlGetLineNo(x->node) > xmlGetLineNo(y->node);
}

static xmlNodePtr
S_lookup(const struct rctx *c, const char *id)
{
	size_t		 lo = 0, hi = c->ids.n, mid;
	const struct idref *r;
	int		 cmp;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		r = TK_VEC_AT(&c->ids, struct idref, mid);
		if ((cmp = strcmp(r->id, id)) == 0)
			return r->node;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Does a fragment identifier resolve: "sato", or an XPointer scheme
 * whose arguments are ids, "range(b_1-start,b_1-end)"?
 */
static int
S_resolves(const struct rctx *c, const char *frag)
{
	const char	*open = strchr(frag, '('), *p, *end;
	char		 id[256];
	size_t		 n;

	if (open == NULL)
		return S_lookup(c, frag) != NULL;
	if ((end = strrchr(open, ')')) == NULL)
		return 0;
	/* only TEI's pointer schemes whose arguments are ids are checked:
	 * xpath(), string-range() and the like are taken as they are */
	if (!((open - frag == 5 && strncmp(frag, "range", 5) == 0) ||
	    (open - frag == 4 && strncmp(frag, "left", 4) == 0) ||
	    (open - frag == 5 && strncmp(frag, "right", 5) == 0)))
		return 1;
	for (p = open + 1; p < end; p += n + 1) {
		n = strcspn(p, ",)");
		if (n == 0 || n >= sizeof(id))
			return 0;
		memcpy(id, p, n);
		id[n] = '\0';
		if (S_lookup(c, id) == NULL)
			return 0;
	}
	return 1;
}

/* ---- the rules ---- */

static void
R_id_unique(struct rctx *c)
{
	size_t		 i;
	const struct idref *a, *b;
	unsigned	 line, col;

	if (c->doc->ids_checked)	/* the schema's engine said so */
		return;
	for (i = 1; i < c->ids.n; i++) {
		a = TK_VEC_AT(&c->ids, struct idref, i - 1);
		b = TK_VEC_AT(&c->ids, struct idref, i);
		if (strcmp(a->id, b->id) != 0)
			continue;
		tk_doc_pos(c->doc, a->node, &line, &col);
		S_say(c, b->node, c->soft ? TK_W_ID_DUP : TK_E_ID_DUP, "xml:id=\"%s\" is used again "
		    "(first on line %u)", b->id, line);
	}
}

static void
R_pointers(struct rctx *c)
{
	size_t		 i;
	xmlAttrPtr	 a;
	xmlChar		*v;
	char		*tok, *save;

	for (i = 0; i < c->pointers.n; i++) {
		a = *TK_VEC_AT(&c->pointers, xmlAttrPtr, i);
		if ((v = xmlNodeGetContent((xmlNodePtr)a)) == NULL)
			continue;
		for (tok = strtok_r((char *)v, " \t\n\r", &save); tok != NULL;
		    tok = strtok_r(NULL, " \t\n\r", &save))
			if (tok[0] == '#' && !S_resolves(c, tok + 1))
				S_say(c, a->parent, c->soft ? TK_W_POINTER :
				    TK_E_POINTER, "%s=\"%s\" "
				    "points at no xml:id in this document",
				    a->name, tok);
		xmlFree(v);
	}
}

static int
S_in_header(const xmlNode *n)
{
	for (; n != NULL; n = n->parent)
		if (S_tei(n, "teiHeader"))
			return 1;
	return 0;
}

static void
R_turns(struct rctx *c)
{
	size_t		 i;
	xmlNodePtr	 sp, ch, target;
	xmlChar		*who;
	char		*tok, *save;

	for (i = 0; i < c->sps.n; i++) {
		sp = *TK_VEC_AT(&c->sps, xmlNodePtr, i);
		for (ch = sp->children; ch != NULL; ch = ch->next)
			if (S_tei(ch, "speaker"))
				break;
		if (ch == NULL)
			S_say(c, sp, TK_E_SP_SPEAKER, "<sp> has no <speaker>");
		if ((who = xmlGetProp(sp, BAD_CAST "who")) == NULL) {
			S_say(c, sp, TK_E_SP_WHO, "<sp> has no who=\"#…\" "
			    "naming a person of the header");
			continue;
		}
		for (tok = strtok_r((char *)who, " \t\n\r", &save); tok;
		    tok = strtok_r(NULL, " \t\n\r", &save)) {
			if (tok[0] != '#' ||
			    (target = S_lookup(c, tok + 1)) == NULL)
				continue;	/* R_pointers says so */
			if (!(S_tei(target, "person") ||
			    S_tei(target, "personGrp")) || !S_in_header(target))
				S_say(c, sp, TK_E_SP_WHO, "who=\"%s\" points at "
				    "<%s>, not at a <person> in the header",
				    tok, target->name);
		}
		xmlFree(who);
	}
}

static xmlNodePtr
S_doc_div(const xmlNode *n)
{
	xmlChar	*type;
	int	 yes;

	for (n = n->parent; n != NULL; n = n->parent) {
		if (!S_tei(n, "div"))
			continue;
		type = xmlGetProp(n, BAD_CAST "type");
		yes = type != NULL && strcmp((char *)type, "document") == 0;
		xmlFree(type);
		if (yes)
			return (xmlNodePtr)n;
	}
	return NULL;
}

static const xmlNode *
S_near_div(const xmlNode *n)
{
	for (n = n->parent; n != NULL && !S_tei(n, "div"); n = n->parent)
		continue;
	return n;
}

static void
R_note_sequence(struct rctx *c)
{
	size_t		 i;
	xmlNodePtr	 n, div, prev_div = NULL;
	xmlChar		*num;
	struct tk_notenum cur, prev;
	int		 have = 0;
	char		 prev_n[32] = "";

	for (i = 0; i < c->notes.n; i++) {
		n = *TK_VEC_AT(&c->notes, xmlNodePtr, i);
		div = S_doc_div(n);
		if (div != prev_div)
			have = 0;	/* each document starts afresh */
		prev_div = div;
		/* In a book, footnotes start again at 1 in a new chapter. */
		if (have && n->parent != NULL && S_near_div(n) !=
		    S_near_div(*TK_VEC_AT(&c->notes, xmlNodePtr, i - 1))) {
			num = xmlGetProp(n, BAD_CAST "n");
			if (num != NULL && strcmp((char *)num, "1") == 0)
				have = 0;
			xmlFree(num);
		}
		num = xmlGetProp(n, BAD_CAST "n");
		if (tk_notenum_parse((char *)num, strlen((char *)num),
		    &cur) == -1) {
			S_say(c, n, TK_E_NOTE_SEQ, "footnote n=\"%s\" is not a "
			    "number (such as 12 or 12a)", num);
			have = 0;
		} else {
			if (have && !tk_notenum_follows(&prev, &cur))
				S_say(c, n, TK_E_NOTE_SEQ, "footnote %s follows "
				    "footnote %s; expected %ld or %ld%c", num,
				    prev_n, prev.num + 1, prev.num,
				    prev.letter ? prev.letter + 1 : 'a');
			snprintf(prev_n, sizeof(prev_n), "%s", num);
			prev = cur;
			have = 1;
		}
		xmlFree(num);
	}
}

static void
R_note_ids(struct rctx *c)
{
	size_t		 i;
	xmlNodePtr	 n, div;
	xmlChar		*num, *id, *did;
	char		 want[256];

	for (i = 0; i < c->notes.n; i++) {
		n = *TK_VEC_AT(&c->notes, xmlNodePtr, i);
		if ((div = S_doc_div(n)) == NULL ||
		    (did = xmlGetNsProp(div, BAD_CAST "id",
		    BAD_CAST XML_NS)) == NULL)
			continue;
		num = xmlGetProp(n, BAD_CAST "n");
		id = xmlGetNsProp(n, BAD_CAST "id", BAD_CAST XML_NS);
		snprintf(want, sizeof(want), "%sfn%s", did, num);
		if (id == NULL)
			S_say(c, n, TK_E_NOTE_ID, "footnote %s has no xml:id; "
			    "footnote ids are <document id>fn<n>: \"%s\"", num,
			    want);
		else if (strcmp((char *)id, want) != 0)
			S_say(c, n, TK_E_NOTE_ID, "footnote %s has xml:id=\"%s\"; "
			    "footnote ids are <document id>fn<n>: \"%s\"", num,
			    id, want);
		xmlFree(num);
		xmlFree(id);
		xmlFree(did);
	}
}

static void
R_pages(struct rctx *c)
{
	size_t		 i;
	xmlNodePtr	 pb;
	xmlChar		*n;
	long		 v, prev = 0;
	int		 roman, prev_roman = -1;
	char		 prev_n[64] = "";
	char		*end;

	for (i = 0; i < c->pages.n; i++) {
		pb = *TK_VEC_AT(&c->pages, xmlNodePtr, i);
		if ((n = xmlGetProp(pb, BAD_CAST "n")) == NULL)
			continue;
		v = strtol((char *)n, &end, 10);
		roman = 0;
		if (end == (char *)n || *end != '\0') {
			if ((v = tk_roman_value((char *)n, strlen((char *)n))) < 0) {
				xmlFree(n);
				continue;	/* not a page number we order */
			}
			roman = 1;
		}
		/* Roman front matter may give way to arabic, not back. */
		if (prev_roman != -1 && ((roman && !prev_roman) ||
		    (roman == prev_roman && v <= prev)))
			S_say(c, pb, TK_E_PAGE_ORDER, "page %s follows page %s; "
			    "page numbers ascend", n, prev_n);
		prev = v;
		prev_roman = roman;
		snprintf(prev_n, sizeof(prev_n), "%s", n);
		xmlFree(n);
	}
}

static int
S_blank(const xmlChar *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (!tk_is_space(*s) && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static void
R_empty_paragraphs(struct rctx *c)
{
	size_t		 i;
	xmlNodePtr	 p, ch;
	int		 empty;

	for (i = 0; i < c->paras.n; i++) {
		p = *TK_VEC_AT(&c->paras, xmlNodePtr, i);
		empty = 1;
		for (ch = p->children; ch != NULL && empty; ch = ch->next)
			if (ch->type == XML_ELEMENT_NODE ||
			    (ch->type == XML_TEXT_NODE && !S_blank(ch->content)))
				empty = 0;
		if (empty)
			S_say(c, p, TK_W_EMPTY_P, "empty paragraph");
	}
}

static void
R_space_before_note(struct rctx *c)
{
	size_t		 i, len;
	xmlNodePtr	 n, prev;
	xmlChar		*num;

	for (i = 0; i < c->notes.n; i++) {
		n = *TK_VEC_AT(&c->notes, xmlNodePtr, i);
		prev = n->prev;
		if (prev == NULL || prev->type != XML_TEXT_NODE ||
		    prev->content == NULL || S_blank(prev->content))
			continue;	/* first, or between elements */
		len = strlen((const char *)prev->content);
		if (len > 0 && (tk_is_space(prev->content[len - 1]) ||
		    prev->content[len - 1] == '\n')) {
			num = xmlGetProp(n, BAD_CAST "n");
			S_say(c, n, TK_W_NOTE_SPACE, "white space before the "
			    "marker of footnote %s; a marker follows the text "
			    "directly", num);
			xmlFree(num);
		}
	}
}

static void
R_document_numbers(struct rctx *c)
{
	size_t		 i;
	xmlNodePtr	 d;
	xmlChar		*n;
	long		 v, prev = 0;
	int		 have = 0;
	char		*end;

	for (i = 0; i < c->docs.n; i++) {
		d = *TK_VEC_AT(&c->docs, xmlNodePtr, i);
		if ((n = xmlGetProp(d, BAD_CAST "n")) == NULL)
			continue;
		v = strtol((char *)n, &end, 10);
		if (end != (char *)n && *end == '\0') {
			if (have && v != prev + 1)
				S_say(c, d, TK_W_DOCNUM, "document %ld follows "
				    "document %ld; expected %ld", v, prev,
				    prev + 1);
			prev = v;
			have = 1;
		}
		xmlFree(n);
	}
}

static void
R_quotes(struct rctx *c)
{
	size_t		 i;
	xmlNodePtr	 t;
	const char	*q;

	for (i = 0; i < c->texts.n; i++) {
		t = *TK_VEC_AT(&c->texts, xmlNodePtr, i);
		if (t->content == NULL ||
		    (q = strpbrk((const char *)t->content, "\"'")) == NULL)
			continue;
		S_say(c, t->parent, TK_W_QUOTES, "straight quote %c in the "
		    "text of <%s>; FRUS uses curly quotes (‘ ’ “ ”)", *q,
		    t->parent->name);
	}
}

static void
R_closers(struct rctx *c)
{
	size_t		 i;
	xmlNodePtr	 n, ch;

	for (i = 0; i < c->closers.n; i++) {
		n = *TK_VEC_AT(&c->closers, xmlNodePtr, i);
		for (ch = n->children; ch != NULL; ch = ch->next)
			if (S_tei(ch, "signed"))
				break;
		if (ch == NULL)
			S_say(c, n, TK_W_CLOSER, "<closer> without <signed>: "
			    "FRUS gives the signature in <signed>");
	}
}

/* YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm(:ss)?(zone)? */
static int
S_iso(const char *s)
{
	static const char *const shapes[] = {
		"dddd", "dddd-dd", "dddd-dd-dd", "dddd-dd-ddTdd:dd",
		"dddd-dd-ddTdd:dd:dd", NULL
	};
	size_t		 i, j;

	for (i = 0; shapes[i] != NULL; i++) {
		for (j = 0; shapes[i][j] != '\0' && s[j] != '\0'; j++)
			if (shapes[i][j] == 'd' ? !(s[j] >= '0' && s[j] <= '9') :
			    s[j] != shapes[i][j])
				break;
		if (shapes[i][j] != '\0')
			continue;
		if (s[j] == '\0')
			return 1;
		/* a time may carry its zone: Z, +01:00, -05:00 */
		if (i >= 3 && (strcmp(s + j, "Z") == 0 ||
		    ((s[j] == '+' || s[j] == '-') && strlen(s + j) == 6 &&
		    s[j + 3] == ':')))
			return 1;
	}
	return 0;
}

static void
R_dates(struct rctx *c)
{
	size_t		 i;
	xmlNodePtr	 n;
	xmlChar		*when;

	for (i = 0; i < c->dates.n; i++) {
		n = *TK_VEC_AT(&c->dates, xmlNodePtr, i);
		when = xmlGetProp(n, BAD_CAST "when");
		if (when != NULL && !S_iso((const char *)when))
			S_say(c, n, TK_W_DATE, "date when=\"%s\" is not an ISO "
			    "8601 date (1945-07-25, 1945-07-25T23:53)", when);
		xmlFree(when);
	}
}

#define SET_TEIKIT	(1u << TEIKIT_RULES_TEIKIT)
#define SET_FRUS	(1u << TEIKIT_RULES_FRUS)
#define SET_BOTH	(SET_TEIKIT | SET_FRUS)
#define SET_ALL		(SET_BOTH | (1u << TEIKIT_RULES_INTEGRITY))

static const struct rule {
	void		(*check)(struct rctx *);
	unsigned	 sets;
} rules[] = {
	{ R_id_unique, SET_ALL },
	{ R_pointers, SET_ALL },
	{ R_turns, SET_BOTH },
	{ R_note_sequence, SET_BOTH },
	{ R_note_ids, SET_BOTH },
	{ R_pages, SET_BOTH },
	{ R_empty_paragraphs, SET_BOTH },
	{ R_space_before_note, SET_BOTH },
	{ R_document_numbers, SET_BOTH },
	{ R_quotes, SET_FRUS },
	{ R_closers, SET_FRUS },
	{ R_dates, SET_FRUS },
};

int
teikit_rules_parse(const char *name)
{
	if (strcmp(name, "none") == 0)
		return TEIKIT_RULES_NONE;
	if (strcmp(name, "teikit") == 0)
		return TEIKIT_RULES_TEIKIT;
	if (strcmp(name, "frus") == 0)
		return TEIKIT_RULES_FRUS;
	if (strcmp(name, "integrity") == 0)
		return TEIKIT_RULES_INTEGRITY;
	return -1;
}

int
teikit_rules_check(const teikit_doc *doc, teikit_rules set,
    const char *docname, teikit_diag_fn fn, void *arg)
{
	struct rctx	 c;
	size_t		 i;
	struct tk_vec	*vecs[] = { &c.pointers, &c.notes, &c.pages, &c.sps,
	    &c.paras, &c.docs, &c.texts, &c.closers, &c.dates };

	if (set == TEIKIT_RULES_NONE)
		return 0;
	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.soft = set == TEIKIT_RULES_INTEGRITY;
	c.rep.fn = fn;
	c.rep.arg = arg;
	c.rep.file = docname;
	c.ids.size = sizeof(struct idref);
	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++)
		vecs[i]->size = sizeof(void *);
	S_walk(&c, xmlDocGetRootElement(doc->xml), 0);
	if (!c.oom) {
		if (c.ids.n > 0)
			qsort(c.ids.items, c.ids.n, sizeof(struct idref),
			    S_idref_cmp);
		for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
			if (rules[i].sets & (1u << set))
				rules[i].check(&c);
	}
	tk_vec_free(&c.ids);
	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++)
		tk_vec_free(vecs[i]);
	if (c.oom) {
		tk_diag(&c.rep, 0, 0, TK_S_NOMEM, "out of memory");
		return -1;
	}
	return c.rep.errors;
}
