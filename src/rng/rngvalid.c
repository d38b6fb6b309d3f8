/*
 * rngvalid.c -- validating with the RELAX NG engine: a document, as a
 * tree or as a stream of parser events, is fed start tag by start tag to
 * the derivatives of rngpattern.c.  When a derivative is notAllowed the
 * pattern before it says what the schema expected there; the message
 * names it, and validation goes on from a pattern that forgives the
 * error, so one mistake is reported once and the next is still found.
 * IDs are checked as RELAX NG's DTD compatibility defines them.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define MAX_LISTED 10
#define MAX_KEPT 256

struct frame {
	rng_id		 pat;		/* the parent's pattern, for messages */
	const char	*prefix, *local;	/* the caller's, for messages */
	const char	*ns;
	unsigned	 line, col;
	int		 had_child;
	int		 child_error;	/* a child was refused: no cascade */
};

struct id_ent {
	char		*value;
	unsigned	 line, col;
};

/* An ID seen: its value in the arena (offset + 1; 0 is a free slot). */
struct id_slot {
	uint32_t	 off;
	uint32_t	 line;
};

struct rng_valid {
	struct rng_schema *s;
	struct rng_sess	*sess;
	struct tk_report *rep;
	rng_id		 cur;
	struct frame	*stack;
	size_t		 depth, cap;
	char		*text;		/* pending text, when it matters */
	size_t		 ntext, captext;
	int		 pending;	/* some text since the last tag */
	unsigned	 text_line, text_col;	/* ...where it starts, or 0 */
	int		 pending_ws;	/* ...and only white space */
	int		 keep;		/* the pattern needs the text itself */
	struct id_slot	*ids;		/* open addressing, by value */
	size_t		 nids, capids;
	char		*arena;		/* the IDs' values, NUL-ended */
	size_t		 narena, caparena;
	struct id_ent	*refs;
	size_t		 nrefs, caprefs;
	struct rng_ids	 cands;		/* an attribute's value patterns */
	struct rng_ids	 matched;	/* ...and those its value matched */
	int		 nomem;
};

/* ---- names for messages ---- */

/* A name class as a message shows it.  A name with the same local name
 * as the one refused (`clash`) shows its namespace, as jing does:
 * otherwise "<foo> is not allowed; expected <foo>" says nothing. */
static void
S_nc_text(const struct rng_schema *s, uint32_t nc, const char *ctxns,
    const char *clash, int *clashed, char *buf, size_t sz)
{
	const struct rng_nc *n = &s->ncs[nc];
	const struct rng_name *nm;
	const char	*ns;

	switch (n->kind) {
	case NC_NAME:
		nm = &s->names[n->a];
		ns = s->nss[nm->ns];
		if (clash != NULL && strcmp(nm->local, clash) == 0) {
			snprintf(buf, sz, "%s xmlns=\"%s\"", nm->local, ns);
			*clashed = 1;
		} else if (strcmp(ns, XML_NS) == 0)
			snprintf(buf, sz, "xml:%s", nm->local);
		else if (*ns == '\0' || (ctxns != NULL &&
		    strcmp(ns, ctxns) == 0))
			snprintf(buf, sz, "%s", nm->local);
		else
			snprintf(buf, sz, "{%s}%s", ns, nm->local);
		break;
	case NC_ANY:
		snprintf(buf, sz, "any name");
		break;
	case NC_NSNAME:
		snprintf(buf, sz, "any name in %s", s->nss[n->a]);
		break;
	default:
		snprintf(buf, sz, "one of several names");
	}
}

struct listing {
	const struct rng_schema *s;
	const char	*ctxns;
	char		**v;		/* all of them: sorted, then cut */
	size_t		 n, cap;
	int		 more;
	int		 quote;		/* 1 elements <x>, 2 values "x" */
	const char	*first;		/* said first, e.g. "the end of <p>" */
	size_t		 walked;	/* patterns S_values looked at */
	const char	*clash;		/* the local name refused */
	int		 clashed;	/* ...and a name listed has it */
};

/* An empty listing: quote 0 names, 1 elements <x>, 2 values "x";
 * ctxns the namespace whose names need no {namespace}. */
static void
S_list_init(struct listing *l, const struct rng_schema *s,
    const char *ctxns, int quote)
{
	memset(l, 0, sizeof(*l));
	l->s = s;
	l->ctxns = ctxns;
	l->quote = quote;
}

static void
S_list_add_text(struct listing *l, const char *t)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], t) == 0)
			return;
	if (l->n >= MAX_KEPT) {		/* sorted and cut to 10 anyway */
		l->more = 1;
		return;
	}
	if (l->n == l->cap) {
		char	**nv;

		l->cap = l->cap ? 2 * l->cap : 32;
		if ((nv = realloc(l->v, l->cap * sizeof(*nv))) == NULL) {
			l->more = 1;
			l->cap = l->n;
			return;
		}
		l->v = nv;
	}
	if ((l->v[l->n] = strdup(t)) != NULL)
		l->n++;
}

/* A name class's names.  Its choices nest to the left, one level per
 * name: the right ones are taken in a loop, the left ones walked down,
 * so a class of 300,000 names needs no deep recursion. */
static void
S_list_add(void *arg, uint32_t nc)
{
	struct listing	*l = arg;
	const struct rng_nc *n;
	char		 buf[256];

	for (;;) {
		n = &l->s->ncs[nc];
		if (n->kind != NC_CHOICE)
			break;
		if (l->n >= MAX_KEPT) {
			l->more = 1;
			return;
		}
		if (l->s->ncs[n->b].kind == NC_CHOICE)
			S_list_add(arg, n->b);
		else {
			S_nc_text(l->s, n->b, l->ctxns, l->clash, &l->clashed,
			    buf, sizeof(buf));
			S_list_add_text(l, buf);
		}
		nc = n->a;
	}
	S_nc_text(l->s, nc, l->ctxns, l->clash, &l->clashed, buf,
	    sizeof(buf));
	S_list_add_text(l, buf);
}

static int
S_str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "<a>, <b>, …" into buf; the listing is freed. */
static const char *
S_list_text(struct listing *l, char *buf, size_t sz)
{
	size_t	 i, len = 0;
	const char *o = l->quote == 2 ? "\"" : l->quote ? "<" : "";
	const char *c = l->quote == 2 ? "\"" : l->quote ? ">" : "";

	if (l->n > 0)
		qsort(l->v, l->n, sizeof(*l->v), S_str_cmp);
	buf[0] = '\0';
	if (l->first != NULL)
		len = (size_t)snprintf(buf, sz, "%s", l->first);
	for (i = 0; i < l->n; i++) {
		if (i < MAX_LISTED && len < sz)
			len += (size_t)snprintf(buf + len, sz - len, "%s%s%s%s",
			    i || l->first ? ", " : "", o, l->v[i], c);
		free(l->v[i]);
	}
	if ((l->n > MAX_LISTED || l->more) && len < sz)
		snprintf(buf + len, sz - len, ", …");
	free(l->v);
	l->v = NULL;
	l->cap = 0;
	l->n = 0;
	return buf;
}

static void
S_error(struct rng_valid *v, unsigned line, unsigned col,
    teikit_code code, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	tk_vdiag(v->rep, line, col, code, fmt, ap);
	va_end(ap);
}

/* "prefix:local" or "local" into buf. */
static const char *
S_q(const char *prefix, const char *local, char *buf, size_t sz)
{
	if (prefix == NULL || *prefix == '\0')
		return local;
	snprintf(buf, sz, "%s:%s", prefix, local);
	return buf;
}

#define FQ(f, buf)	S_q((f)->prefix, (f)->local, (buf), sizeof(buf))

static struct frame *
S_top(struct rng_valid *v)
{
	return v->depth > 0 ? &v->stack[v->depth - 1] : NULL;
}

/* ---- text ---- */

static int
S_all_ws(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r')
			return 0;
	return 1;
}

void
rng_valid_text(struct rng_valid *v, const char *s, size_t n,
    unsigned line, unsigned col)
{
	char	*t;

	if (v->depth == 0 || v->nomem)
		return;
	if (!v->pending) {
		v->pending = 1;
		v->pending_ws = 1;
		v->ntext = 0;
		v->keep = (rng_pat(rng_sess_ctx(v->sess), v->cur).flags &
		    RF_DATA) != 0;
	}
	if (v->pending_ws && !S_all_ws(s, n)) {
		v->pending_ws = 0;
		v->text_line = line;
		v->text_col = col;
	}
	if (!v->keep)
		return;
	if (v->ntext + n + 1 > v->captext) {
		size_t nc = v->captext ? v->captext : 256;

		while (nc < v->ntext + n + 1)
			nc *= 2;
		if ((t = realloc(v->text, nc)) == NULL) {
			v->nomem = 1;
			return;
		}
		v->text = t;
		v->captext = nc;
	}
	memcpy(v->text + v->ntext, s, n);
	v->ntext += n;
	v->text[v->ntext] = '\0';
}

static const char *
S_text(struct rng_valid *v)
{
	return v->keep && v->text != NULL ? v->text : "";
}

/* s as a message shows it: white space collapsed, at most 40 bytes
 * cut at a character, then "…" if cut.  buf holds 64 bytes or more. */
static const char *
S_shown(const char *s, char *buf, size_t sz)
{
	size_t	 k = 0;
	int	 sp = 0;

	for (; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'; s++)
		;
	for (; *s != '\0' && k < 40 && k + 8 < sz; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			sp = 1;
			continue;
		}
		if (sp)
			buf[k++] = ' ';
		sp = 0;
		buf[k++] = *s;
	}
	while (k > 0 && ((unsigned char)*s & 0xC0) == 0x80) {
		k--;		/* not half a character */
		s--;
	}
	for (; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'; s++)
		;
	buf[k] = '\0';
	if (*s != '\0')
		snprintf(buf + k, sz - k, "…");
	return buf;
}

/* A list's value that failed: which of its tokens the list does not
 * take (or that one is missing), as a clause for the message; "" when
 * p is not a list. */
static const char *
S_bad_token(struct rng_valid *v, rng_id p, const char *value,
    xmlNodePtr ctx, char *buf, size_t sz)
{
	const struct rng_ctx *c = rng_sess_ctx(v->sess);
	struct rng_pat	 pp = rng_pat(c, p);
	char		*copy, *w, *save = NULL, shown[64];
	rng_id		 q;

	buf[0] = '\0';
	while (pp.kind == RP_AFTER)	/* an element's content */
		pp = rng_pat(c, pp.a);
	if (pp.kind != RP_LIST || (copy = strdup(value)) == NULL)
		return buf;
	p = pp.a;
	for (w = strtok_r(copy, " \t\n\r", &save); w != NULL;
	    w = strtok_r(NULL, " \t\n\r", &save)) {
		if ((q = rng_d_text(v->sess, p, w, ctx)) == RNG_NOTALLOWED) {
			snprintf(buf, sz, ": its token \"%s\" is not allowed "
			    "there", S_shown(w, shown, sizeof(shown)));
			break;
		}
		if (q == RNG_NONE)
			break;
		p = q;
	}
	if (w == NULL && buf[0] == '\0' && !rng_nullable(v->sess, p))
		snprintf(buf, sz, ": it lacks a token at its end");
	free(copy);
	return buf;
}

static void
S_text_failed(struct rng_valid *v, struct frame *f, xmlNodePtr ctx)
{
	char	 fq[256];
	struct rng_pat	 p = rng_pat(rng_sess_ctx(v->sess), v->cur);

	/* at the text itself, when the parser said where it is */
	unsigned line = v->text_line ? v->text_line : f->line;
	unsigned col = v->text_line ? v->text_col : f->col;

	if (p.flags & RF_DATA) {
		char		 shown[64], tok[128];
		const char	*t = S_text(v);

		S_error(v, line, col, TK_E_SCHEMA, "bad value \"%s\" "
		    "in <%s>%s", S_shown(t, shown, sizeof(shown)), FQ(f, fq),
		    S_bad_token(v, v->cur, t, ctx, tok, sizeof(tok)));
	} else
		S_error(v, line, col, TK_E_SCHEMA, "text is not "
		    "allowed directly in <%s>", FQ(f, fq));
}

/* Text between tags in an element that also holds elements: white
 * space there does not count. */
static void
S_flush_text(struct rng_valid *v, xmlNodePtr ctx)
{
	rng_id	 p;

	if (!v->pending)
		return;
	v->pending = 0;
	if (v->pending_ws)
		return;
	p = rng_d_text(v->sess, v->cur, S_text(v), ctx);
	if (p == RNG_NOTALLOWED) {
		S_text_failed(v, S_top(v), ctx);
		S_top(v)->child_error = 1;
	} else if (p != RNG_NONE)
		v->cur = p;
	else
		v->nomem = 1;
}

/* ---- IDs ---- */

static uint32_t
S_str_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

#define ID_AT(v, slot)	((v)->arena + (v)->ids[slot].off - 1)

static void
S_id(struct rng_valid *v, const char *aname, const char *value,
    unsigned line, unsigned col)
{
	struct id_slot	*t;
	size_t		 i, mask, nc, len;
	char		*a;

	/* the value as an ID: white space collapsed (it is an NCName) */
	while (*value == ' ' || *value == '\t' || *value == '\n' ||
	    *value == '\r')
		value++;
	len = strcspn(value, " \t\n\r");
	if (2 * (v->nids + 1) > v->capids) {
		nc = v->capids ? 2 * v->capids : 256;
		if ((t = calloc(nc, sizeof(*t))) == NULL)
			return;
		for (i = 0; i < v->capids; i++) {
			size_t j;

			if (v->ids[i].off == 0)
				continue;
			for (j = S_str_hash(ID_AT(v, i)) & (nc - 1);
			    t[j].off != 0; j = (j + 1) & (nc - 1))
				;
			t[j] = v->ids[i];
		}
		free(v->ids);
		v->ids = t;
		v->capids = nc;
	}
	if (v->narena + len + 1 > v->caparena) {
		nc = v->caparena ? 2 * v->caparena : 65536;
		while (nc < v->narena + len + 1)
			nc *= 2;
		if (nc > UINT32_MAX || (a = realloc(v->arena, nc)) == NULL)
			return;
		v->arena = a;
		v->caparena = nc;
	}
	a = v->arena + v->narena;
	memcpy(a, value, len);
	a[len] = '\0';
	mask = v->capids - 1;
	for (i = S_str_hash(a) & mask; v->ids[i].off != 0; i = (i + 1) & mask)
		if (strcmp(ID_AT(v, i), a) == 0) {
			S_error(v, line, col, TK_E_ID_DUP, "%s=\"%s\" is used "
			    "again (first on line %u)", aname, a,
			    (unsigned)v->ids[i].line);
			return;
		}
	v->ids[i].off = (uint32_t)(v->narena + 1);
	v->ids[i].line = line;
	v->narena += len + 1;
	v->nids++;
}

static void
S_idref(struct rng_valid *v, const char *value, unsigned line,
    unsigned col)
{
	struct id_ent	*t;
	char		*buf, *w, *save = NULL;

	if ((buf = strdup(value)) == NULL)
		return;
	for (w = strtok_r(buf, " \t\n\r", &save); w != NULL;
	    w = strtok_r(NULL, " \t\n\r", &save)) {
		if (v->nrefs == v->caprefs) {
			v->caprefs = v->caprefs ? 2 * v->caprefs : 64;
			if ((t = realloc(v->refs, v->caprefs *
			    sizeof(*t))) == NULL)
				break;
			v->refs = t;
		}
		if ((v->refs[v->nrefs].value = strdup(w)) == NULL)
			break;
		v->refs[v->nrefs].line = line;
		v->refs[v->nrefs++].col = col;
	}
	free(buf);
}

static int
S_id_known(const struct rng_valid *v, const char *value)
{
	size_t	 i, mask = v->capids - 1;

	if (v->capids == 0)
		return 0;
	for (i = S_str_hash(value) & mask; v->ids[i].off != 0;
	    i = (i + 1) & mask)
		if (strcmp(ID_AT(v, i), value) == 0)
			return 1;
	return 0;
}

/* The ID type of the value patterns an attribute's value matched. */
static int
S_idtype(struct rng_valid *v, const struct rng_ids *matched)
{
	const struct rng_ctx *c = rng_sess_ctx(v->sess);
	struct rng_pat	 p;
	size_t		 i;

	for (i = 0; i < matched->n; i++) {
		p = rng_pat(c, matched->v[i]);
		if (p.kind == RP_DATA && v->s->types[p.a].idtype != DT_NONE)
			return v->s->types[p.a].idtype;
	}
	return DT_NONE;
}

/* ---- the values an attribute allows, for messages ---- */

/* A message lists a few values: the walk stops after this many
 * patterns, whatever the schema's size or shape. */
#define MAX_VALUE_WALK	4096

static void
S_values(struct rng_valid *v, rng_id p, struct listing *l, char *types,
    size_t sz)
{
	const struct rng_ctx *c = rng_sess_ctx(v->sess);
	struct rng_pat	 pp = rng_pat(c, p);
	char		 buf[300];

	if (l->walked++ > MAX_VALUE_WALK) {
		l->more = 1;
		return;
	}
	switch (pp.kind) {
	case RP_CHOICE:
		/* a choice's first is never a choice: a loop, not a
		 * recursion as deep as the choice is long */
		while (pp.kind == RP_CHOICE && l->walked <= MAX_VALUE_WALK) {
			S_values(v, pp.a, l, types, sz);
			p = pp.b;
			pp = rng_pat(c, p);
		}
		if (pp.kind != RP_CHOICE)
			S_values(v, p, l, types, sz);
		break;
	case RP_VALUE:
		S_list_add_text(l, v->s->values[pp.a].text);
		break;
	case RP_DATA:
		rng_type_name(v->s, pp.a, buf, sizeof(buf));
		if (types[0] == '\0')
			snprintf(types, sz, "%s", buf);
		else if (strstr(types, buf) == NULL) {
			size_t n = strlen(types);

			if (n + strlen(buf) + 8 < sz)
				snprintf(types + n, sz - n, " or %s", buf);
			else if (n + 8 < sz && strstr(types, "…") == NULL)
				snprintf(types + n, sz - n, " or …");
		}
		break;
	case RP_LIST:
		if (types[0] == '\0') {
			struct listing	 inner;
			char		 it[256] = "", il[300];

			S_list_init(&inner, l->s, NULL, 2);
			S_values(v, pp.a, &inner, it, sizeof(it));
			if (inner.n > 0)
				S_list_text(&inner, il, sizeof(il));
			else
				snprintf(il, sizeof(il), "%s", it[0] ? it :
				    "values");
			snprintf(types, sz, "a list of %.200s", il);
		}
		break;
	case RP_ONEORMORE:
	case RP_GROUP:
	case RP_INTERLEAVE:
		S_values(v, pp.a, l, types, sz);
		if (pp.kind != RP_ONEORMORE)
			S_values(v, pp.b, l, types, sz);
		break;
	case RP_TEXT:
		if (types[0] == '\0')
			snprintf(types, sz, "any text");
		break;
	}
}

/* ---- events ---- */

void
rng_valid_start(struct rng_valid *v, const char *ns, const char *prefix,
    const char *local, unsigned line, unsigned col)
{
	char		 qb[256], pq[256], qx[600];
	const char	*qname = S_q(prefix, local, qb, sizeof(qb));
	struct frame	*f, *parent = S_top(v);
	struct listing	 l;
	uint32_t	 name = rng_name_lookup(v->s, ns, local);
	rng_id		 p, q;
	size_t		 i;
	char		 list[700], end[300];

	if (v->nomem)
		return;		/* no verdict: see rng_valid_free */
	S_flush_text(v, NULL);
	if (parent != NULL)
		parent->had_child = 1;
	p = rng_d_open(v->sess, v->cur, name);
	if (p == RNG_NOTALLOWED) {
		/* the element's own definition, if the schema has one, to go
		 * on with its content */
		q = RNG_NONE;
		for (i = 0; i < v->s->nelements; i++) {
			struct rng_pat e = rng_pat(rng_sess_ctx(v->sess),
			    v->s->elements[i]);

			if (rng_nc_contains(v->s, e.a, name)) {
				q = e.b;
				break;
			}
		}
		S_list_init(&l, v->s, parent != NULL ? parent->ns : ns, 1);
		l.clash = local;
		rng_expected(v->sess, v->cur, RNG_EXPECT_ELEMENTS, S_list_add,
		    &l);
		if (l.clashed) {
			/* the same local name: say which namespace this is */
			snprintf(qx, sizeof(qx), "%s xmlns=\"%s\"", qname,
			    ns != NULL ? ns : "");
			qname = qx;
		}
		if (parent != NULL) {
			parent->child_error = 1;
			if (rng_d_end(v->sess, v->cur) != RNG_NOTALLOWED) {
				snprintf(end, sizeof(end), "the end of <%s>",
				    FQ(parent, pq));
				l.first = end;
			}
		}
		if (parent == NULL)
			S_error(v, line, col, TK_E_SCHEMA, "the root element "
			    "<%s> is not allowed; expected %s", qname,
			    l.n ? S_list_text(&l, list, sizeof(list)) :
			    "another");
		else if (l.n > 0 || l.first != NULL)
			S_error(v, line, col, TK_E_SCHEMA, "element <%s> is "
			    "not allowed %s; expected %s", qname,
			    q == RNG_NONE ? "anywhere in the schema" : "here",
			    S_list_text(&l, list, sizeof(list)));
		else
			S_error(v, line, col, TK_E_SCHEMA, "element <%s> is "
			    "not allowed here: <%s> allows no element here",
			    qname, FQ(parent, pq));
		p = rng_after(v->sess, q != RNG_NONE ? q : rng_sess_any(v->sess),
		    v->cur);
	}
	if (p == RNG_NONE || v->nomem) {
		v->nomem = 1;
		return;
	}
	if (v->depth == v->cap) {
		size_t nc = v->cap ? 2 * v->cap : 64;

		if ((f = realloc(v->stack, nc * sizeof(*f))) == NULL) {
			v->nomem = 1;
			return;
		}
		v->stack = f;
		v->cap = nc;
	}
	f = &v->stack[v->depth++];
	f->pat = v->cur;
	f->prefix = prefix;
	f->local = local;
	f->ns = ns;
	f->line = line;
	f->col = col;
	f->had_child = 0;
	f->child_error = 0;
	v->cur = p;
}

void
rng_valid_attr(struct rng_valid *v, const char *ns, const char *prefix,
    const char *local, const char *value, xmlNodePtr ctx, unsigned line,
    unsigned col)
{
	char		 qb[256], fq[256];
	const char	*qname = S_q(prefix, local, qb, sizeof(qb));
	struct frame	*f = S_top(v);
	uint32_t	 name = rng_name_lookup(v->s, ns, local);
	rng_id		 p;
	size_t		 i;
	struct listing	 l;
	char		 list[700], types[300], tok[128];
	int		 idt, n;

	if (f == NULL || v->nomem)
		return;
	n = rng_att_candidates(v->sess, v->cur, name, &v->cands);
	if (n < 0) {
		v->nomem = 1;
		return;
	}
	if (n == 0) {
		S_error(v, line, col, TK_E_SCHEMA, "attribute %s=\"%s\" "
		    "is not allowed on <%s>", qname, value, FQ(f, fq));
		return;
	}
	v->matched.n = 0;
	for (i = 0; i < v->cands.n; i++)
		if (rng_value_match(v->sess, v->cands.v[i], value, ctx) &&
		    rng_ids_push(&v->matched, v->cands.v[i]) != 0) {
			v->nomem = 1;
			return;
		}
	p = rng_d_att(v->sess, v->cur, name, &v->matched);
	if (p == RNG_NONE) {
		v->nomem = 1;
		return;
	}
	if (p == RNG_NOTALLOWED && v->matched.n > 0) {
		S_error(v, line, col, TK_E_SCHEMA, "attribute "
		    "%s=\"%s\" is not allowed on <%s> here", qname,
		    value, FQ(f, fq));
		return;
	}
	if (p == RNG_NOTALLOWED) {
		S_list_init(&l, v->s, NULL, 2);
		types[0] = '\0';
		for (i = 0; i < v->cands.n; i++)
			S_values(v, v->cands.v[i], &l, types, sizeof(types));
		if (l.n > 0)
			S_error(v, line, col, TK_E_SCHEMA, "attribute %s "
			    "on <%s> has a bad value \"%s\"; allowed: %s%s%s",
			    qname, FQ(f, fq), value,
			    S_list_text(&l, list, sizeof(list)),
			    types[0] ? ", or " : "", types);
		else if (v->cands.n == 1 && *S_bad_token(v, v->cands.v[0],
		    value, ctx, tok, sizeof(tok)) != '\0')
			S_error(v, line, col, TK_E_SCHEMA, "attribute %s "
			    "on <%s> has a bad value \"%s\"%s; expected %s",
			    qname, FQ(f, fq), value, tok, types);
		else
			S_error(v, line, col, TK_E_SCHEMA, "attribute %s "
			    "on <%s> has a bad value \"%s\"%s%s", qname,
			    FQ(f, fq), value, types[0] ? "; expected " : "",
			    types);
		/* the attribute is there, its value said: go on as if the
		 * value were right, so it is not "missing" too */
		p = rng_d_att(v->sess, v->cur, name, &v->cands);
		if (p != RNG_NOTALLOWED && p != RNG_NONE)
			v->cur = p;
		return;
	}
	v->cur = p;
	if (v->s->has_ids && (idt = S_idtype(v, &v->matched)) != DT_NONE) {
		if (idt == DT_ID)
			S_id(v, qname, value, line, col);
		else
			S_idref(v, value, line, col);
	}
}

void
rng_valid_attrs_done(struct rng_valid *v)
{
	struct frame	*f = S_top(v);
	struct listing	 l;
	rng_id		 p;
	char		 list[700], fq[256];

	if (f == NULL || v->nomem)
		return;
	p = rng_d_close(v->sess, v->cur, 0);
	if (p == RNG_NOTALLOWED) {
		S_list_init(&l, v->s, NULL, 0);
		rng_expected(v->sess, v->cur, RNG_EXPECT_ATTRIBUTES,
		    S_list_add, &l);
		if (l.n > 0) {
			int many = l.n > 1;

			S_error(v, f->line, f->col, TK_E_SCHEMA, "element <%s> "
			    "lacks the required attribute%s %s", FQ(f, fq),
			    many ? "s" : "", S_list_text(&l, list,
			    sizeof(list)));
		} else
			S_error(v, f->line, f->col, TK_E_SCHEMA, "element <%s>: "
			    "its attributes do not match the schema",
			    FQ(f, fq));
		p = rng_d_close(v->sess, v->cur, 1);
	}
	if (p == RNG_NONE)
		v->nomem = 1;
	else
		v->cur = p;
}

void
rng_valid_end(struct rng_valid *v, xmlNodePtr ctx)
{
	struct frame	*f = S_top(v);
	struct listing	 l;
	rng_id		 p;
	char		 list[700], fq[256], rlist[700];
	struct listing	 req;

	if (f == NULL || v->nomem)
		return;
	if (!f->had_child) {
		const char *t;
		int	 ws = !v->pending || v->pending_ws;

		if (!v->pending)
			v->keep = 0;	/* no text: "", not an earlier one's */
		t = S_text(v);
		p = rng_d_text(v->sess, v->cur, t, ctx);
		if (ws)
			p = rng_choice(rng_sess_ctx(v->sess), v->cur, p);
		v->pending = 0;
		if (p == RNG_NOTALLOWED) {
			S_text_failed(v, f, ctx);
			f->child_error = 1;	/* not "incomplete" too */
		} else if (p != RNG_NONE)
			v->cur = p;
		else
			v->nomem = 1;
	} else
		S_flush_text(v, ctx);
	if (v->nomem)
		return;
	p = rng_d_end(v->sess, v->cur);
	if (p == RNG_NOTALLOWED && f->child_error)
		p = rng_d_end_forgive(v->sess, v->cur);	/* said already */
	else if (p == RNG_NOTALLOWED) {
		S_list_init(&l, v->s, f->ns, 1);
		rng_expected(v->sess, v->cur, RNG_EXPECT_ELEMENTS, S_list_add,
		    &l);
		S_list_init(&req, v->s, f->ns, 1);
		rng_expected(v->sess, v->cur, RNG_EXPECT_REQUIRED, S_list_add,
		    &req);
		/* the element it cannot do without first, then the rest */
		if (req.n > 0 && req.n < l.n) {
			int one = req.n == 1;

			S_list_text(&req, rlist, sizeof(rlist));
			S_error(v, f->line, f->col, TK_E_SCHEMA, "element <%s> "
			    "is incomplete: %s%s is required (allowed here: %s)",
			    FQ(f, fq), one ? "" : "one of ", rlist,
			    S_list_text(&l, list, sizeof(list)));
		} else if (l.n > 0)
			S_error(v, f->line, f->col, TK_E_SCHEMA, "element <%s> "
			    "is incomplete: expected %s", FQ(f, fq),
			    S_list_text(&l, list, sizeof(list)));
		else
			S_error(v, f->line, f->col, TK_E_SCHEMA, "element <%s> "
			    "is incomplete: %s", FQ(f, fq),
			    rng_pat(rng_sess_ctx(v->sess), v->cur).flags &
			    (RF_DATA | RF_TEXT) ? "text is missing" :
			    "content is missing");
		if (req.v != NULL)	/* not listed: freed */
			S_list_text(&req, rlist, sizeof(rlist));
		p = rng_d_end_forgive(v->sess, v->cur);
	}
	if (p == RNG_NONE) {
		v->nomem = 1;
		return;
	}
	v->cur = p;
	v->depth--;
	v->pending = 0;
}

/* ---- a run ---- */

struct rng_valid *
rng_valid_new(struct rng_schema *s, struct tk_report *rep)
{
	struct rng_valid *v;

	if ((v = calloc(1, sizeof(*v))) == NULL)
		return NULL;
	v->s = s;
	v->rep = rep;
	if ((v->sess = rng_sess_get(s)) == NULL) {
		free(v);
		return NULL;
	}
	v->cur = s->start;
	return v;
}

/* Finish: unresolved IDREFs; returns -1 when memory ran out. */
int
rng_valid_free(struct rng_valid *v)
{
	const char *why;
	size_t	 i;
	int	 rc;

	if (v == NULL)
		return 0;
	if (v->nomem) {
		if ((why = rng_sess_failure(v->sess)) == NULL)
			why = "out of memory";
		S_error(v, 0, 0, TK_S_NOMEM, "validation stopped, with no "
		    "verdict: %s", why);
	}
	for (i = 0; i < v->nrefs; i++) {
		/* only in a whole document (not one the parser gave up on) */
		if (v->depth == 0 && !v->nomem &&
		    !S_id_known(v, v->refs[i].value))
			S_error(v, v->refs[i].line, v->refs[i].col,
			    TK_E_SCHEMA, "IDREF \"%s\" points at no ID in this "
			    "document", v->refs[i].value);
		free(v->refs[i].value);
	}
	free(v->refs);
	free(v->cands.v);
	free(v->matched.v);
	free(v->ids);
	free(v->arena);
	free(v->stack);
	free(v->text);
	rc = v->nomem ? -1 : 0;
	rng_sess_put(v->s, v->sess);
	free(v);
	return rc;
}

/* ---- a tree ---- */

/* Open n: its start tag, attributes and all.  `at`, when not NULL, is
 * where to say it is (an entity's content: its reference's element). */
static void
S_open(struct rng_valid *v, const teikit_doc *doc, xmlNodePtr n,
    xmlNodePtr at)
{
	xmlAttrPtr	 a;
	unsigned	 line, col;

	tk_doc_pos(doc, at != NULL ? at : n, &line, &col);
	rng_valid_start(v, n->ns ? (const char *)n->ns->href : "",
	    n->ns ? (const char *)n->ns->prefix : NULL,
	    (const char *)n->name, line, col);
	for (a = n->properties; a != NULL; a = a->next) {
		xmlChar	*val;
		int	 own = 0;
		unsigned aline, acol;

		if (a->children != NULL && a->children->next == NULL &&
		    a->children->type == XML_TEXT_NODE)
			val = a->children->content;
		else {
			val = xmlNodeListGetString(n->doc, a->children, 1);
			own = 1;
		}
		if (at != NULL)
			tk_doc_pos(doc, at, &aline, &acol);
		else
			tk_doc_pos(doc, a, &aline, &acol);
		rng_valid_attr(v, a->ns ? (const char *)a->ns->href : "",
		    a->ns ? (const char *)a->ns->prefix : NULL,
		    (const char *)a->name, val ? (const char *)val : "", n,
		    aline, acol);
		if (own)
			xmlFree(val);
	}
	rng_valid_attrs_done(v);
}

/* How deep entity references may lead into entities (libxml2 refuses
 * documents that go deeper). */
#define MAX_ENTITY_DEPTH	40

/*
 * Depth first, without recursion: documents may nest deeply.  An
 * entity reference is walked into: libxml2 leaves references in the
 * tree (teikit parses without substituting them), and the content of
 * an internal entity, elements and all, is the document's as if
 * written there.
 */
static void
S_walk(struct rng_valid *v, const teikit_doc *doc, xmlNodePtr root)
{
	xmlNodePtr	 n = root, refs[MAX_ENTITY_DEPTH], ent;
	int		 nrefs = 0;
	xmlChar		*t;

	S_open(v, doc, n, NULL);
	if ((n = n->children) == NULL) {
		rng_valid_end(v, root);
		return;
	}
	for (;;) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			S_open(v, doc, n, nrefs > 0 ? refs[0]->parent : NULL);
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
			rng_valid_end(v, n);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL) {
				unsigned tl = 0, tc = 0;

				if (nrefs == 0)
					(void)tk_doc_pos_own(doc, n, &tl, &tc);
				rng_valid_text(v, (const char *)n->content,
				    strlen((const char *)n->content), tl, tc);
			}
			break;
		case XML_ENTITY_REF_NODE:
			/* an internal entity's parsed content: walked into */
			ent = n->children;
			if (ent != NULL && ent->type == XML_ENTITY_DECL &&
			    ((xmlEntityPtr)ent)->etype ==
			    XML_INTERNAL_GENERAL_ENTITY &&
			    ent->children != NULL && nrefs < MAX_ENTITY_DEPTH) {
				refs[nrefs++] = n;
				n = ent->children;
				continue;
			}
			/* one teikit did not read: its text, if any */
			if ((t = xmlNodeGetContent(n)) != NULL)
				rng_valid_text(v, (const char *)t,
				    strlen((const char *)t), 0, 0);
			xmlFree(t);
			break;
		default:
			break;
		}
		/* the next sibling, or close parents until one has one; the
		 * end of an entity's content goes on after its reference */
		while (n->next == NULL) {
			if (nrefs > 0 && n->parent == refs[nrefs - 1]->children) {
				n = refs[--nrefs];
				continue;
			}
			n = n->parent;
			rng_valid_end(v, n);
			if (n == root)
				return;
		}
		n = n->next;
	}
}

int
rng_validate_doc(struct rng_schema *s, const teikit_doc *doc,
    struct tk_report *rep)
{
	struct rng_valid *v;
	xmlNodePtr	 root = xmlDocGetRootElement(doc->xml);
	int		 errors = rep->errors;

	if ((v = rng_valid_new(s, rep)) == NULL)
		return -1;
	if (root != NULL)
		S_walk(v, doc, root);
	if (rng_valid_free(v) != 0)
		return -1;
	return rep->errors - errors;
}

/* ---- completion: what the schema allows where a document stops ---- */

struct want {
	struct rng_valid *v;
	void		(*fn)(void *, int, const char *, const char *);
	void		*arg;
	int		 kind;
	rng_id		*seen;		/* patterns walked, to stop cycles */
	size_t		 nseen, capseen;
};

static int
S_want_seen(struct want *w, rng_id p)
{
	size_t	 i;
	rng_id	*n;

	for (i = 0; i < w->nseen; i++)
		if (w->seen[i] == p)
			return 1;
	if (w->nseen == w->capseen) {
		w->capseen = w->capseen ? 2 * w->capseen : 64;
		if ((n = realloc(w->seen, w->capseen * sizeof(*n))) == NULL)
			return 1;
		w->seen = n;
	}
	w->seen[w->nseen++] = p;
	return 0;
}

/* The names of a name class, through fn; classes with no names to
 * list (anyName, nsName) give none.  Left-nested choices in a loop. */
static void
S_want_names(void *arg, uint32_t nc)
{
	struct want	*w = arg;
	const struct rng_schema *s = w->v->s;
	const struct rng_nc *n;
	const struct rng_name *nm;

	for (;;) {
		n = &s->ncs[nc];
		if (n->kind == NC_CHOICE) {
			S_want_names(arg, n->b);
			nc = n->a;
			continue;
		}
		if (n->kind == NC_NAME) {
			nm = &s->names[n->a];
			w->fn(w->arg, w->kind, s->nss[nm->ns], nm->local);
		}
		return;
	}
}

/* Every attribute p allows now, not inside its elements. */
static void
S_want_atts(struct want *w, rng_id p)
{
	const struct rng_ctx *c = rng_sess_ctx(w->v->sess);
	struct rng_pat	 pp = rng_pat(c, p);

	if (!(pp.flags & RF_ATT) || S_want_seen(w, p))
		return;
	switch (pp.kind) {
	case RP_ATTRIBUTE:
		S_want_names(w, pp.a);
		break;
	case RP_CHOICE:
	case RP_GROUP:
	case RP_INTERLEAVE:
		S_want_atts(w, pp.a);
		S_want_atts(w, pp.b);
		break;
	case RP_ONEORMORE:
	case RP_AFTER:
		S_want_atts(w, pp.a);
		break;
	}
}

/* The values of a closed choice (or a list's tokens) in p. */
static void
S_want_values(struct want *w, rng_id p)
{
	const struct rng_ctx *c = rng_sess_ctx(w->v->sess);
	struct rng_pat	 pp = rng_pat(c, p);

	if (S_want_seen(w, p))
		return;
	switch (pp.kind) {
	case RP_VALUE:
		w->fn(w->arg, w->kind, NULL, w->v->s->values[pp.a].text);
		break;
	case RP_CHOICE:
	case RP_GROUP:
	case RP_INTERLEAVE:
		S_want_values(w, pp.a);
		S_want_values(w, pp.b);
		break;
	case RP_ONEORMORE:
	case RP_LIST:
	case RP_AFTER:
		S_want_values(w, pp.a);
		break;
	}
}

void
rng_valid_expected(struct rng_valid *v, int what, const char *ns,
    const char *local, void (*fn)(void *, int, const char *, const char *),
    void *arg)
{
	struct want	 w;
	size_t		 i;

	if (v->nomem)
		return;
	memset(&w, 0, sizeof(w));
	w.v = v;
	w.fn = fn;
	w.arg = arg;
	switch (what) {
	case RNG_WANT_ELEMENTS:
		S_flush_text(v, NULL);
		if (v->nomem)
			break;
		w.kind = RNG_WANT_ELEMENTS;
		rng_expected(v->sess, v->cur, RNG_EXPECT_ELEMENTS,
		    S_want_names, &w);
		break;
	case RNG_WANT_ATTRIBUTES:
		/* the required ones first, then all */
		w.kind = RNG_WANT_REQUIRED;
		rng_expected(v->sess, v->cur, RNG_EXPECT_ATTRIBUTES,
		    S_want_names, &w);
		w.kind = RNG_WANT_ATTRIBUTES;
		S_want_atts(&w, v->cur);
		break;
	case RNG_WANT_VALUES:
		v->cands.n = 0;
		if (rng_att_candidates(v->sess, v->cur,
		    rng_name_lookup(v->s, ns, local), &v->cands) < 0)
			break;
		w.kind = RNG_WANT_VALUES;
		for (i = 0; i < v->cands.n; i++)
			S_want_values(&w, v->cands.v[i]);
		break;
	}
	free(w.seen);
}
