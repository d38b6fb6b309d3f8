/*
 * xpfunc.c -- the functions of the XPath 2.0 evaluator: the table that
 * compile time checks names and arities against, and their bodies.
 * Arguments follow XPath 2.0's conversion rules, strictly (as Saxon
 * does with xslt2): where a string is expected an untypedAtomic or
 * anyURI is one, a number is a type error (XPTY0004).
 *
 * STATUS: every function tei_all.isosch calls, the usual string,
 * number, sequence, node and date functions, XSLT's current() and
 * generate-id().  Missing (a compile error, XPST0017): doc(),
 * collection(), key(), format-number(), format-date(), QName functions,
 * normalize-unicode(), timezone functions, xs:time components.
 * lower-case()/upper-case() map ASCII, Latin-1, Latin Extended-A, Greek
 * and Cyrillic only.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/chvalid.h>
#include <libxml/tree.h>
#include <libxml/valid.h>

#include "xpint.h"

enum {
	F_TRUE, F_FALSE, F_NOT, F_BOOLEAN, F_EXISTS, F_EMPTY, F_COUNT, F_SUM,
	F_AVG, F_MIN, F_MAX, F_STRING, F_STRLEN, F_NORMSPACE, F_CONCAT,
	F_JOIN, F_CONTAINS, F_STARTS, F_ENDS, F_SUBSTR, F_BEFORE, F_AFTER,
	F_LOWER, F_UPPER, F_TRANSLATE, F_MATCHES, F_REPLACE, F_TOKENIZE,
	F_CP2S, F_S2CP, F_COMPARE, F_NUMBER, F_ROUND, F_FLOOR, F_CEILING,
	F_ABS, F_RHE, F_POSITION, F_LAST, F_CURRENT, F_GENID, F_LOCALNAME,
	F_NAME, F_NSURI, F_ROOT, F_LANG, F_ID, F_IDREF, F_DOCURI, F_BASEURI,
	F_DATA, F_DISTINCT, F_INDEXOF, F_REVERSE, F_SUBSEQ, F_INSERT,
	F_REMOVE, F_EXACTLY1, F_ONEORMORE, F_ZEROORONE, F_DEEPEQ,
	F_UNORDERED, F_CURDATE, F_CURDT, F_YEAR, F_MONTH, F_DAY, F_HOURS,
	F_MINUTES, F_SECONDS, F_ERROR, F_TRACE, F_CPEQ, F_ENCURI
};

static const struct xp_fn fns[] = {
	{ "true", 0, 0, F_TRUE, 0 }, { "false", 0, 0, F_FALSE, 0 },
	{ "not", 1, 1, F_NOT, 0 }, { "boolean", 1, 1, F_BOOLEAN, 0 },
	{ "exists", 1, 1, F_EXISTS, 0 }, { "empty", 1, 1, F_EMPTY, 0 },
	{ "count", 1, 1, F_COUNT, 0 }, { "sum", 1, 2, F_SUM, 0 },
	{ "avg", 1, 1, F_AVG, 0 }, { "min", 1, 2, F_MIN, 0 },
	{ "max", 1, 2, F_MAX, 0 }, { "string", 0, 1, F_STRING, 1 },
	{ "string-length", 0, 1, F_STRLEN, 1 },
	{ "normalize-space", 0, 1, F_NORMSPACE, 1 },
	{ "concat", 2, -1, F_CONCAT, 0 }, { "string-join", 1, 2, F_JOIN, 0 },
	{ "contains", 2, 3, F_CONTAINS, 0 },
	{ "starts-with", 2, 3, F_STARTS, 0 },
	{ "ends-with", 2, 3, F_ENDS, 0 }, { "substring", 2, 3, F_SUBSTR, 0 },
	{ "substring-before", 2, 3, F_BEFORE, 0 },
	{ "substring-after", 2, 3, F_AFTER, 0 },
	{ "lower-case", 1, 1, F_LOWER, 0 }, { "upper-case", 1, 1, F_UPPER, 0 },
	{ "translate", 3, 3, F_TRANSLATE, 0 },
	{ "matches", 2, 3, F_MATCHES, 0 }, { "replace", 3, 4, F_REPLACE, 0 },
	{ "tokenize", 1, 3, F_TOKENIZE, 0 },
	{ "codepoints-to-string", 1, 1, F_CP2S, 0 },
	{ "string-to-codepoints", 1, 1, F_S2CP, 0 },
	{ "compare", 2, 3, F_COMPARE, 0 },
	{ "codepoint-equal", 2, 2, F_CPEQ, 0 },
	{ "encode-for-uri", 1, 1, F_ENCURI, 0 },
	{ "number", 0, 1, F_NUMBER, 1 }, { "round", 1, 1, F_ROUND, 0 },
	{ "floor", 1, 1, F_FLOOR, 0 }, { "ceiling", 1, 1, F_CEILING, 0 },
	{ "abs", 1, 1, F_ABS, 0 }, { "round-half-to-even", 1, 2, F_RHE, 0 },
	{ "position", 0, 0, F_POSITION, 1 }, { "last", 0, 0, F_LAST, 1 },
	{ "current", 0, 0, F_CURRENT, 0 },
	{ "generate-id", 0, 1, F_GENID, 1 },
	{ "local-name", 0, 1, F_LOCALNAME, 1 }, { "name", 0, 1, F_NAME, 1 },
	{ "namespace-uri", 0, 1, F_NSURI, 1 }, { "root", 0, 1, F_ROOT, 1 },
	{ "lang", 1, 2, F_LANG, 1 }, { "id", 1, 2, F_ID, 1 },
	{ "idref", 1, 2, F_IDREF, 1 }, { "document-uri", 1, 1, F_DOCURI, 0 },
	{ "base-uri", 0, 1, F_BASEURI, 1 }, { "data", 1, 1, F_DATA, 0 },
	{ "distinct-values", 1, 2, F_DISTINCT, 0 },
	{ "index-of", 2, 3, F_INDEXOF, 0 }, { "reverse", 1, 1, F_REVERSE, 0 },
	{ "subsequence", 2, 3, F_SUBSEQ, 0 },
	{ "insert-before", 3, 3, F_INSERT, 0 },
	{ "remove", 2, 2, F_REMOVE, 0 },
	{ "exactly-one", 1, 1, F_EXACTLY1, 0 },
	{ "one-or-more", 1, 1, F_ONEORMORE, 0 },
	{ "zero-or-one", 1, 1, F_ZEROORONE, 0 },
	{ "deep-equal", 2, 3, F_DEEPEQ, 0 },
	{ "unordered", 1, 1, F_UNORDERED, 0 },
	{ "current-date", 0, 0, F_CURDATE, 0 },
	{ "current-dateTime", 0, 0, F_CURDT, 0 },
	{ "year-from-date", 1, 1, F_YEAR, 0 },
	{ "month-from-date", 1, 1, F_MONTH, 0 },
	{ "day-from-date", 1, 1, F_DAY, 0 },
	{ "year-from-dateTime", 1, 1, F_YEAR, 0 },
	{ "month-from-dateTime", 1, 1, F_MONTH, 0 },
	{ "day-from-dateTime", 1, 1, F_DAY, 0 },
	{ "hours-from-dateTime", 1, 1, F_HOURS, 0 },
	{ "minutes-from-dateTime", 1, 1, F_MINUTES, 0 },
	{ "seconds-from-dateTime", 1, 1, F_SECONDS, 0 },
	{ "error", 0, 3, F_ERROR, 0 }, { "trace", 2, 2, F_TRACE, 0 },
	{ NULL, 0, 0, 0, 0 }
};

const struct xp_fn *
xp_fn_find(const char *uri, const char *local, int nargs, int *wrong)
{
	int	 i;

	*wrong = 0;
	if (uri == NULL || strcmp(uri, XP_NS_FN) != 0)
		return NULL;
	for (i = 0; fns[i].name != NULL; i++)
		if (strcmp(fns[i].name, local) == 0) {
			if (nargs >= fns[i].min && (fns[i].max < 0 ||
			    nargs <= fns[i].max))
				return &fns[i];
			*wrong = 1;
		}
	return NULL;
}

/* ---- compile-time regexes ---- */

static int
S_add_re(void ***v, size_t *n, void *re)
{
	void	**p;

	if ((p = realloc(*v, (*n + 1) * sizeof(*p))) == NULL)
		return -1;
	p[(*n)++] = re;
	*v = p;
	return 0;
}

int
xp_fn_check(struct xp_expr *x, struct xp_ast *n, struct xp_error *err)
{
	int		 pi, fi;
	const char	*flags = "";
	struct xp_regex	*re;
	char		 msg[200];

	switch (n->fn->id) {
	case F_MATCHES: pi = 1; fi = 2; break;
	case F_REPLACE: pi = 1; fi = 3; break;
	case F_TOKENIZE: pi = 1; fi = 2; break;
	default: return 0;
	}
	if (n->nargs <= pi || n->args[pi]->op != E_STR)
		return 0;
	if (n->nargs > fi) {
		if (n->args[fi]->op != E_STR)
			return 0;
		flags = n->args[fi]->s;
	}
	if ((re = xp_regex_compile(n->args[pi]->s, flags, msg,
	    sizeof(msg))) == NULL) {
		snprintf(err->code, sizeof(err->code), "%s",
		    strncmp(msg, "TKXP", 4) == 0 ? "TKXP0001" : "FORX0002");
		err->col = n->args[pi]->col;
		snprintf(err->msg, sizeof(err->msg), "%s", msg +
		    (strncmp(msg, "TKXP", 4) == 0 ? 5 : 0));
		return -1;
	}
	if (n->fn->id != F_MATCHES && xp_regex_matches_empty(re)) {
		xp_regex_free(re);
		snprintf(err->code, sizeof(err->code), "FORX0003");
		err->col = n->args[pi]->col;
		snprintf(err->msg, sizeof(err->msg), "the regular expression "
		    "matches the empty string");
		return -1;
	}
	if (S_add_re(&x->res, &x->nres, re) != 0) {
		xp_regex_free(re);
		snprintf(err->code, sizeof(err->code), "TKXP0003");
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return -1;
	}
	n->re = re;
	return 0;
}

/* ---- UTF-8 ---- */

static int
S_u8(const char **ps)
{
	const unsigned char *s = (const unsigned char *)*ps;
	int		 c = s[0], n, i;

	if (c < 0x80) n = 0;
	else if (c >= 0xF0) { n = 3; c &= 7; }
	else if (c >= 0xE0) { n = 2; c &= 15; }
	else if (c >= 0xC0) { n = 1; c &= 31; }
	else { *ps += 1; return 0xFFFD; }
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*ps += i;
			return 0xFFFD;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*ps += n + 1;
	return c;
}

static int
S_put8(char *o, int c)
{
	if (c < 0x80) { o[0] = c; return 1; }
	if (c < 0x800) {
		o[0] = 0xC0 | (c >> 6); o[1] = 0x80 | (c & 0x3F);
		return 2;
	}
	if (c < 0x10000) {
		o[0] = 0xE0 | (c >> 12); o[1] = 0x80 | ((c >> 6) & 0x3F);
		o[2] = 0x80 | (c & 0x3F);
		return 3;
	}
	o[0] = 0xF0 | (c >> 18); o[1] = 0x80 | ((c >> 12) & 0x3F);
	o[2] = 0x80 | ((c >> 6) & 0x3F); o[3] = 0x80 | (c & 0x3F);
	return 4;
}

static size_t
S_u8len(const char *s)
{
	size_t	 n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int
S_lower(int c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	    (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
	    (c >= 0x410 && c <= 0x42F))
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 &&
	    c != 0x138 && c != 0x149 && c != 0x17F &&
	    (((c < 0x139 || c > 0x148) && (c < 0x179)) ? (c % 2 == 0) :
	    (c % 2 == 1)))
		return c + 1;
	return c;
}

static int
S_upper(int c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7) ||
	    (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) ||
	    (c >= 0x430 && c <= 0x44F))
		return c - 32;
	if (c >= 0x450 && c <= 0x45F)
		return c - 80;
	if (c == 0x3C2)
		return 0x3A3;
	if (c == 0xFF)
		return 0x178;
	if (c > 0x100 && c <= 0x17E && c != 0x131 && c != 0x138 &&
	    c != 0x149 && S_lower(c - 1) == c)
		return c - 1;
	return c;
}

/* ---- argument conversion ---- */

static const char *
S_str(struct xp_ctx *c, struct xp_seq s, const struct xp_ast *n, int k)
{
	s = xp_atomize(c, s);
	if (s.n == 0)
		return "";
	if (s.n > 1)
		xp_fail(c, n->args[k]->col, "XPTY0004", "argument %d of %s() "
		    "is a sequence of %zu items", k + 1, n->fn->name, s.n);
	if (s.it[0].type != XP_STRING && s.it[0].type != XP_UNTYPED &&
	    s.it[0].type != XP_ANYURI)
		xp_fail(c, n->args[k]->col, "XPTY0004", "argument %d of %s() "
		    "is not a string", k + 1, n->fn->name);
	return s.it[0].v.s;
}

/* a number or none (returns 0 and sets *empty) */
static struct xp_item
S_numarg(struct xp_ctx *c, struct xp_seq s, const struct xp_ast *n, int k,
    int *empty)
{
	struct xp_item	 out;

	s = xp_atomize(c, s);
	*empty = s.n == 0;
	if (s.n == 0)
		return xp_mk_int(0);
	if (s.n > 1)
		xp_fail(c, n->args[k]->col, "XPTY0004", "argument %d of %s() "
		    "is a sequence of %zu items", k + 1, n->fn->name, s.n);
	if (s.it[0].type == XP_UNTYPED) {
		if (xp_cast(c, &s.it[0], xp_atype_find("double"), &out,
		    n->col) != 0)
			longjmp(c->jb, 1);
		return out;
	}
	if (!xp_is_numeric(s.it[0].type))
		xp_fail(c, n->args[k]->col, "XPTY0004", "argument %d of %s() "
		    "is not a number", k + 1, n->fn->name);
	return s.it[0];
}

static double
S_dblarg(struct xp_ctx *c, struct xp_seq s, const struct xp_ast *n, int k)
{
	int		 e;
	struct xp_item	 it = S_numarg(c, s, n, k, &e);

	if (e)
		xp_fail(c, n->args[k]->col, "XPTY0004", "argument %d of %s() "
		    "is empty", k + 1, n->fn->name);
	return xp_num(&it);
}

static xmlNodePtr
S_nodearg(struct xp_ctx *c, const struct xp_ast *n, struct xp_seq *a,
    const struct xp_focus *f, int k)
{
	if (n->nargs <= k) {
		if (!f->has)
			xp_fail(c, n->col, "XPDY0002", "%s() without an "
			    "argument and no context item", n->fn->name);
		if (f->item.type != XP_NODE)
			xp_fail(c, n->col, "XPTY0004", "%s(): the context "
			    "item is not a node", n->fn->name);
		return f->item.v.node;
	}
	if (a[k].n == 0)
		return NULL;
	if (a[k].n > 1 || a[k].it[0].type != XP_NODE)
		xp_fail(c, n->args[k]->col, "XPTY0004", "argument %d of %s() "
		    "is not one node", k + 1, n->fn->name);
	return a[k].it[0].v.node;
}

static struct xp_seq
S_str1(struct xp_ctx *c, const char *s)
{
	return xp_one(c, xp_mk_str(s));
}

static struct xp_seq
S_bool1(struct xp_ctx *c, int b)
{
	return xp_one(c, xp_mk_bool(b));
}

static const char *
S_normspace(struct xp_ctx *c, const char *s)
{
	char	*buf = xa_alloc(&c->ar, strlen(s) + 1), *o = buf;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (o > buf && o[-1] != ' ')
				*o++ = ' ';
		} else
			*o++ = *s;
	}
	if (o > buf && o[-1] == ' ')
		o--;
	*o = '\0';
	return buf;
}

static int
S_comparable(const struct xp_item *a, const struct xp_item *b)
{
	enum xp_type	 x = a->type, y = b->type;

	if (x == XP_UNTYPED) x = XP_STRING;
	if (y == XP_UNTYPED) y = XP_STRING;
	if (x == XP_ANYURI) x = XP_STRING;
	if (y == XP_ANYURI) y = XP_STRING;
	if (xp_is_numeric(x) && xp_is_numeric(y))
		return 1;
	return x == y;
}

static void
S_regex_err(struct xp_ctx *c, int col, const char *msg)
{
	if (strncmp(msg, "TKXP", 4) == 0)
		xp_fail(c, col, "TKXP0001", "%s", msg + 5);
	xp_fail(c, col, "FORX0002", "%s", msg);
}

static const struct xp_regex *
S_re(struct xp_ctx *c, const struct xp_ast *n, struct xp_seq *a, int pi,
    int fi)
{
	struct xp_regex	*re;
	const char	*pat, *flags = "";
	char		 msg[200];

	if (n->re != NULL)
		return n->re;
	pat = S_str(c, a[pi], n, pi);
	if (n->nargs > fi)
		flags = S_str(c, a[fi], n, fi);
	if ((re = xp_regex_compile(pat, flags, msg, sizeof(msg))) == NULL)
		S_regex_err(c, n->args[pi]->col, msg);
	if (c->nres == c->capres) {
		void **v = realloc(c->res, (c->capres * 2 + 4) *
		    sizeof(*v));
		if (v == NULL) {
			xp_regex_free(re);
			xp_fail(c, n->col, "TKXP0003", "out of memory");
		}
		c->res = v;
		c->capres = c->capres * 2 + 4;
	}
	c->res[c->nres++] = re;
	if (n->fn->id != F_MATCHES && xp_regex_matches_empty(re))
		xp_fail(c, n->args[pi]->col, "FORX0003", "the regular "
		    "expression matches the empty string");
	return re;
}

static int
S_search(struct xp_ctx *c, const struct xp_ast *n, const struct xp_regex *re,
    const char *s, size_t len, size_t from, size_t *ms, size_t *me, long *g,
    int ng)
{
	int	 r = xp_regex_search(re, s, len, from, ms, me, g, ng);

	if (r < 0)
		xp_fail(c, n->col, "TKXP0003", "the regular expression takes "
		    "too many steps on this string");
	return r;
}

static void
S_now(struct xp_ctx *c)
{
	struct timespec	 ts;
	int64_t		 secs;

	if (c->have_now)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	secs = ts.tv_sec;
	c->today = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	c->now = (double)(secs - c->today * 86400) + ts.tv_nsec / 1e9;
	c->now = floor(c->now * 1000) / 1000;
	c->have_now = 1;
}

/* ---- the calls ---- */

struct xp_seq
xp_fn_call(struct xp_ctx *c, const struct xp_ast *n,
    const struct xp_focus *f)
{
	struct xp_seq	 a[8], s, r;
	struct xp_sb	 sb;
	struct xp_item	 it, best;
	const char	*x, *y, *p;
	char		*buf, *o;
	size_t		 i, j, len, ms, me;
	int		 k, e, ch;
	double		 d, d2;
	xmlNodePtr	 node;
	long		 g[20];
	const struct xp_regex *re;

	memset(&sb, 0, sizeof(sb));
	for (k = 0; k < n->nargs && k < 8; k++)
		a[k] = xp_eval_ast(c, n->args[k], f);
	switch (n->fn->id) {
	case F_TRUE:
		return S_bool1(c, 1);
	case F_FALSE:
		return S_bool1(c, 0);
	case F_NOT:
		return S_bool1(c, !xp_ebv_ctx(c, a[0], n->args[0]->col));
	case F_BOOLEAN:
		return S_bool1(c, xp_ebv_ctx(c, a[0], n->args[0]->col));
	case F_EXISTS:
		return S_bool1(c, a[0].n > 0);
	case F_EMPTY:
		return S_bool1(c, a[0].n == 0);
	case F_COUNT:
		return xp_one(c, xp_mk_int((int64_t)a[0].n));
	case F_SUM:
	case F_AVG:
		s = xp_atomize(c, a[0]);
		if (s.n == 0) {
			if (n->fn->id == F_AVG)
				return s;
			return n->nargs > 1 ? a[1] : xp_one(c, xp_mk_int(0));
		}
		best = s.it[0];
		if (best.type == XP_UNTYPED)
			xp_cast(c, &s.it[0], xp_atype_find("double"), &best,
			    n->col) == 0 ? (void)0 : longjmp(c->jb, 1);
		for (i = 1; i < s.n; i++) {
			struct xp_ast add;
			struct xp_focus nf;
			struct xp_ast la, lb;
			it = s.it[i];
			if (it.type == XP_UNTYPED &&
			    xp_cast(c, &s.it[i], xp_atype_find("double"),
			    &it, n->col) != 0)
				longjmp(c->jb, 1);
			/* reuse the operator: evaluate best + it */
			memset(&add, 0, sizeof(add));
			memset(&la, 0, sizeof(la));
			memset(&lb, 0, sizeof(lb));
			memset(&nf, 0, sizeof(nf));
			add.op = E_ADD;
			add.col = n->col;
			add.a = &la;
			add.b = &lb;
			la.op = lb.op = E_VAR;
			la.sub = c->x->nslots;
			lb.sub = c->x->nslots;
			/* both operands through one spare slot */
			{
				struct xp_item pair[1];
				struct xp_seq s1, s2;
				pair[0] = best;
				(void)s1; (void)s2;
				c->slots[c->x->nslots].n = 1;
				c->slots[c->x->nslots].it = pair;
				la.op = E_VAR;
				lb.op = E_CTX;
				nf.has = 1;
				nf.item = it;
				nf.pos = nf.size = 1;
				r = xp_eval_ast(c, &add, &nf);
			}
			best = r.it[0];
		}
		if (!xp_is_numeric(best.type) && best.type != XP_DTDURATION &&
		    best.type != XP_YMDURATION)
			xp_fail(c, n->col, "FORG0006", "%s() of values that "
			    "are not numbers", n->fn->name);
		if (n->fn->id == F_AVG) {
			if (best.type == XP_INTEGER)
				best = xp_mk_dbl(XP_DECIMAL, (double)best.v.i /
				    s.n);
			else
				best.v.d /= s.n;
		}
		return xp_one(c, best);
	case F_MIN:
	case F_MAX:
		s = xp_atomize(c, a[0]);
		if (s.n == 0)
			return s;
		for (i = 0; i < s.n; i++) {
			it = s.it[i];
			if (it.type == XP_UNTYPED &&
			    xp_cast(c, &s.it[i], xp_atype_find("double"), &it,
			    n->col) != 0)
				longjmp(c->jb, 1);
			if (it.type == XP_ANYURI)
				it.type = XP_STRING;
			if (xp_is_numeric(it.type) && isnan(xp_num(&it)))
				return xp_one(c, it);
			if (i == 0) {
				best = it;
				continue;
			}
			if (!S_comparable(&best, &it))
				xp_fail(c, n->col, "FORG0006", "%s() of values "
				    "that cannot be compared", n->fn->name);
			k = xp_value_cmp(c, &it, &best, n->col);
			if (n->fn->id == F_MIN ? k < 0 : k > 0)
				best = it;
		}
		return xp_one(c, best);
	case F_STRING:
		if (n->nargs == 0) {
			if (!f->has)
				xp_fail(c, n->col, "XPDY0002", "string() "
				    "without a context item");
			return S_str1(c, xp_item_string(c, &f->item));
		}
		if (a[0].n == 0)
			return S_str1(c, "");
		if (a[0].n > 1)
			xp_fail(c, n->col, "XPTY0004", "string() of a sequence "
			    "of %zu items", a[0].n);
		return S_str1(c, xp_item_string(c, &a[0].it[0]));
	case F_STRLEN:
	case F_NORMSPACE:
		if (n->nargs == 0) {
			if (!f->has)
				xp_fail(c, n->col, "XPDY0002", "%s() without a "
				    "context item", n->fn->name);
			x = xp_item_string(c, &f->item);
		} else
			x = S_str(c, a[0], n, 0);
		if (n->fn->id == F_STRLEN)
			return xp_one(c, xp_mk_int((int64_t)S_u8len(x)));
		return S_str1(c, S_normspace(c, x));
	case F_CONCAT:
		len = 0;
		for (k = 0; k < n->nargs; k++) {
			struct xp_seq t;
			/* any atomic value: its string */
			t = k < 8 ? a[k] : xp_eval_ast(c, n->args[k], f);
			t = xp_atomize(c, t);
			if (t.n > 1)
				xp_fail(c, n->args[k]->col, "XPTY0004",
				    "argument %d of concat() is a sequence of "
				    "%zu items", k + 1, t.n);
			if (t.n == 1) {
				it = xp_mk_str(xp_item_string(c, &t.it[0]));
				xsb_push(&c->ar, &sb, &it);
				len += strlen(it.v.s);
			}
		}
		buf = xa_alloc(&c->ar, len + 1);
		for (o = buf, i = 0; i < sb.n; i++) {
			j = strlen(sb.it[i].v.s);
			memcpy(o, sb.it[i].v.s, j);
			o += j;
		}
		*o = '\0';
		return S_str1(c, buf);
	case F_JOIN:
		s = xp_atomize(c, a[0]);
		y = n->nargs > 1 ? S_str(c, a[1], n, 1) : "";
		len = 0;
		for (i = 0; i < s.n; i++) {
			/* any atomic value, as in 3.0 (Saxon's) */
			s.it[i] = xp_mk_str(xp_item_string(c, &s.it[i]));
			len += strlen(s.it[i].v.s) + strlen(y);
		}
		buf = xa_alloc(&c->ar, len + 1);
		for (o = buf, i = 0; i < s.n; i++) {
			if (i > 0) {
				memcpy(o, y, strlen(y));
				o += strlen(y);
			}
			memcpy(o, s.it[i].v.s, strlen(s.it[i].v.s));
			o += strlen(s.it[i].v.s);
		}
		*o = '\0';
		return S_str1(c, buf);
	case F_CONTAINS:
	case F_STARTS:
	case F_ENDS:
	case F_BEFORE:
	case F_AFTER:
		x = S_str(c, a[0], n, 0);
		y = S_str(c, a[1], n, 1);
		if (n->nargs > 2 && strcmp(S_str(c, a[2], n, 2),
		    "http://www.w3.org/2005/xpath-functions/collation/"
		    "codepoint") != 0)
			xp_fail(c, n->args[2]->col, "FOCH0002", "collation "
			    "not supported");
		switch (n->fn->id) {
		case F_CONTAINS:
			return S_bool1(c, strstr(x, y) != NULL);
		case F_STARTS:
			return S_bool1(c, strncmp(x, y, strlen(y)) == 0);
		case F_ENDS:
			return S_bool1(c, strlen(y) <= strlen(x) &&
			    strcmp(x + strlen(x) - strlen(y), y) == 0);
		case F_BEFORE:
			if ((p = strstr(x, y)) == NULL || *y == '\0')
				return S_str1(c, "");
			return S_str1(c, xa_strndup(&c->ar, x, p - x));
		default:
			if ((p = strstr(x, y)) == NULL)
				return S_str1(c, "");
			return S_str1(c, p + strlen(y));
		}
	case F_SUBSTR: {
		double	 st, ln, pos;
		x = S_str(c, a[0], n, 0);
		st = round(S_dblarg(c, a[1], n, 1));
		ln = n->nargs > 2 ? round(S_dblarg(c, a[2], n, 2)) : INFINITY;
		buf = xa_alloc(&c->ar, strlen(x) + 1);
		o = buf;
		for (pos = 1, p = x; *p; pos++) {
			const char *q = p;
			S_u8(&p);
			if (pos >= st && pos < st + ln) {
				memcpy(o, q, p - q);
				o += p - q;
			}
		}
		*o = '\0';
		return S_str1(c, buf);
	}
	case F_LOWER:
	case F_UPPER:
		x = S_str(c, a[0], n, 0);
		buf = xa_alloc(&c->ar, strlen(x) * 2 + 1);
		for (o = buf, p = x; *p; ) {
			ch = S_u8(&p);
			o += S_put8(o, n->fn->id == F_LOWER ? S_lower(ch) :
			    S_upper(ch));
		}
		*o = '\0';
		return S_str1(c, buf);
	case F_TRANSLATE: {
		int	 mf[256], mt[256], nm = 0, nt = 0, found;
		x = S_str(c, a[0], n, 0);
		y = S_str(c, a[1], n, 1);
		p = S_str(c, a[2], n, 2);
		/* up to 256 characters mapped; more is refused */
		while (*y && nm < 256)
			mf[nm++] = S_u8(&y);
		while (*p && nt < 256)
			mt[nt++] = S_u8(&p);
		if (*y || *p)
			xp_fail(c, n->col, "TKXP0001", "translate() with more "
			    "than 256 characters");
		buf = xa_alloc(&c->ar, strlen(x) + 1);
		for (o = buf, p = x; *p; ) {
			ch = S_u8(&p);
			for (found = -1, k = 0; k < nm; k++)
				if (mf[k] == ch) {
					found = k;
					break;
				}
			if (found < 0)
				o += S_put8(o, ch);
			else if (found < nt)
				o += S_put8(o, mt[found]);
		}
		*o = '\0';
		return S_str1(c, buf);
	}
	case F_MATCHES:
		x = S_str(c, a[0], n, 0);
		re = S_re(c, n, a, 1, 2);
		return S_bool1(c, S_search(c, n, re, x, strlen(x), 0, &ms, &me,
		    NULL, 0) == 1);
	case F_REPLACE: {
		const char *rep;
		size_t	 from = 0, rl;
		int	 ng;
		x = S_str(c, a[0], n, 0);
		re = S_re(c, n, a, 1, 3);
		rep = S_str(c, a[2], n, 2);
		rl = strlen(rep);
		for (i = 0; i < rl; i++)
			if ((rep[i] == '\\' && rep[i + 1] != '\\' &&
			    rep[i + 1] != '$') || (rep[i] == '$' &&
			    !isdigit((unsigned char)rep[i + 1])))
				xp_fail(c, n->args[2]->col, "FORX0004", "bad "
				    "replacement string \"%s\"", rep);
			else if (rep[i] == '\\')
				i++;
		ng = xp_regex_ngroups(re);
		if (ng > 9)
			ng = 9;
		len = strlen(x);
		buf = NULL;
		{
			struct xp_sb out;
			struct xp_item chunk;
			size_t tot = 0;
			memset(&out, 0, sizeof(out));
			while (from <= len && S_search(c, n, re, x, len, from,
			    &ms, &me, g, ng + 1) == 1) {
				chunk = xp_mk_str(xa_strndup(&c->ar, x + from,
				    ms - from));
				xsb_push(&c->ar, &out, &chunk);
				for (i = 0; i < rl; i++) {
					if (rep[i] == '\\') {
						chunk = xp_mk_str(xa_strndup(
						    &c->ar, rep + i + 1, 1));
						i++;
					} else if (rep[i] == '$') {
						/* longest group number that
						 * exists */
						int gn = rep[i + 1] - '0';
						i++;
						while (isdigit((unsigned char)
						    rep[i + 1]) && gn * 10 +
						    rep[i + 1] - '0' <= ng) {
							gn = gn * 10 +
							    rep[i + 1] - '0';
							i++;
						}
						if (gn > ng || g[2 * gn] < 0)
							continue;
						chunk = xp_mk_str(xa_strndup(
						    &c->ar, x + g[2 * gn],
						    g[2 * gn + 1] -
						    g[2 * gn]));
					} else {
						j = i;
						while (i + 1 < rl &&
						    rep[i + 1] != '\\' &&
						    rep[i + 1] != '$')
							i++;
						chunk = xp_mk_str(xa_strndup(
						    &c->ar, rep + j,
						    i + 1 - j));
					}
					xsb_push(&c->ar, &out, &chunk);
				}
				from = me;
			}
			chunk = xp_mk_str(x + (from <= len ? from : len));
			xsb_push(&c->ar, &out, &chunk);
			for (i = 0; i < out.n; i++)
				tot += strlen(out.it[i].v.s);
			buf = xa_alloc(&c->ar, tot + 1);
			for (o = buf, i = 0; i < out.n; i++) {
				j = strlen(out.it[i].v.s);
				memcpy(o, out.it[i].v.s, j);
				o += j;
			}
			*o = '\0';
		}
		return S_str1(c, buf);
	}
	case F_TOKENIZE: {
		size_t	 from = 0;
		x = S_str(c, a[0], n, 0);
		if (n->nargs == 1) {
			/* tokenize($s): on whitespace, 3.0 */
			x = S_normspace(c, x);
			if (*x == '\0')
				return sb.n ? xp_one(c, sb.it[0]) : a[0].n ?
				    (struct xp_seq){ 0, NULL } :
				    (struct xp_seq){ 0, NULL };
			for (p = x; ; ) {
				const char *q = strchr(p, ' ');
				it = xp_mk_str(xa_strndup(&c->ar, p,
				    q ? (size_t)(q - p) : strlen(p)));
				xsb_push(&c->ar, &sb, &it);
				if (q == NULL)
					break;
				p = q + 1;
			}
			r.n = sb.n;
			r.it = sb.it;
			return r;
		}
		re = S_re(c, n, a, 1, 2);
		len = strlen(x);
		if (len == 0)
			return (struct xp_seq){ 0, NULL };
		while (S_search(c, n, re, x, len, from, &ms, &me, NULL, 0) ==
		    1) {
			it = xp_mk_str(xa_strndup(&c->ar, x + from,
			    ms - from));
			xsb_push(&c->ar, &sb, &it);
			from = me;
		}
		it = xp_mk_str(x + from);
		xsb_push(&c->ar, &sb, &it);
		r.n = sb.n;
		r.it = sb.it;
		return r;
	}
	case F_CP2S:
		s = xp_atomize(c, a[0]);
		buf = xa_alloc(&c->ar, s.n * 4 + 1);
		for (o = buf, i = 0; i < s.n; i++) {
			if (s.it[i].type != XP_INTEGER)
				xp_fail(c, n->col, "XPTY0004", "codepoints-to-"
				    "string() of a value not an integer");
			if (!xmlIsCharQ(s.it[i].v.i) || s.it[i].v.i < 1 ||
			    s.it[i].v.i > 0x10FFFF)
				xp_fail(c, n->col, "FOCH0001", "%lld is not an "
				    "XML character", (long long)s.it[i].v.i);
			o += S_put8(o, (int)s.it[i].v.i);
		}
		*o = '\0';
		return S_str1(c, buf);
	case F_S2CP:
		x = S_str(c, a[0], n, 0);
		for (p = x; *p; ) {
			it = xp_mk_int(S_u8(&p));
			xsb_push(&c->ar, &sb, &it);
		}
		r.n = sb.n;
		r.it = sb.it;
		return r;
	case F_COMPARE:
	case F_CPEQ:
		if (xp_atomize(c, a[0]).n == 0 || xp_atomize(c, a[1]).n == 0)
			return (struct xp_seq){ 0, NULL };
		x = S_str(c, a[0], n, 0);
		y = S_str(c, a[1], n, 1);
		k = strcmp(x, y);
		if (n->fn->id == F_CPEQ)
			return S_bool1(c, k == 0);
		return xp_one(c, xp_mk_int(k < 0 ? -1 : k > 0));
	case F_ENCURI:
		x = S_str(c, a[0], n, 0);
		buf = xa_alloc(&c->ar, strlen(x) * 3 + 1);
		for (o = buf, p = x; *p; p++) {
			unsigned char u = *p;
			if (isalnum(u) || u == '-' || u == '_' || u == '.' ||
			    u == '~')
				*o++ = u;
			else
				o += sprintf(o, "%%%02X", u);
		}
		*o = '\0';
		return S_str1(c, buf);
	case F_NUMBER:
		if (n->nargs == 0) {
			if (!f->has)
				xp_fail(c, n->col, "XPDY0002", "number() "
				    "without a context item");
			s = xp_atomize(c, xp_one(c, f->item));
		} else
			s = xp_atomize(c, a[0]);
		if (s.n != 1)
			return xp_one(c, xp_mk_dbl(XP_DOUBLE, NAN));
		if (xp_cast(c, &s.it[0], xp_atype_find("double"), &it,
		    n->col) != 0)
			return xp_one(c, xp_mk_dbl(XP_DOUBLE, NAN));
		return xp_one(c, it);
	case F_ROUND:
	case F_FLOOR:
	case F_CEILING:
	case F_ABS:
	case F_RHE:
		it = S_numarg(c, a[0], n, 0, &e);
		if (e)
			return (struct xp_seq){ 0, NULL };
		if (it.type == XP_INTEGER) {
			if (n->fn->id == F_ABS && it.v.i < 0) {
				if (it.v.i == INT64_MIN)
					xp_fail(c, n->col, "FOAR0002", "abs() "
					    "overflow");
				it.v.i = -it.v.i;
			}
			it.sub = NULL;
			return xp_one(c, it);
		}
		d = it.v.d;
		switch (n->fn->id) {
		case F_ROUND:
			d2 = floor(d + 0.5);
			if (d2 == 0 && signbit(d))
				d2 = -0.0;
			d = isinf(d) || isnan(d) ? d : d2;
			break;
		case F_FLOOR: d = floor(d); break;
		case F_CEILING: d = ceil(d); break;
		case F_ABS: d = fabs(d); break;
		default: {
			double scale = pow(10, n->nargs > 1 ?
			    S_dblarg(c, a[1], n, 1) : 0);
			if (!isinf(d) && !isnan(d))
				d = nearbyint(d * scale) / scale;
			break;
		}
		}
		return xp_one(c, xp_mk_dbl(it.type, d));
	case F_POSITION:
	case F_LAST:
		if (!f->has)
			xp_fail(c, n->col, "XPDY0002", "%s() without a context "
			    "item", n->fn->name);
		return xp_one(c, xp_mk_int((int64_t)(n->fn->id == F_POSITION ?
		    f->pos : f->size)));
	case F_CURRENT:
		if (c->current == NULL)
			xp_fail(c, n->col, "XPDY0002", "current() without a "
			    "current node");
		it.type = XP_NODE;
		it.sub = NULL;
		it.v.node = c->current;
		return xp_one(c, it);
	case F_GENID:
		if ((node = S_nodearg(c, n, a, f, 0)) == NULL)
			return S_str1(c, "");
		return S_str1(c, xa_printf(&c->ar, "n%lx", (unsigned long)
		    (uintptr_t)node));
	case F_LOCALNAME:
	case F_NAME:
	case F_NSURI:
		if ((node = S_nodearg(c, n, a, f, 0)) == NULL)
			return S_str1(c, "");
		if (node->type == XML_ELEMENT_NODE ||
		    node->type == XML_ATTRIBUTE_NODE) {
			if (n->fn->id == F_NSURI)
				return S_str1(c, node->ns && node->ns->href ?
				    (const char *)node->ns->href : "");
			if (n->fn->id == F_NAME && node->ns &&
			    node->ns->prefix)
				return S_str1(c, xa_printf(&c->ar, "%s:%s",
				    node->ns->prefix, node->name));
			return S_str1(c, (const char *)node->name);
		}
		if (node->type == XML_PI_NODE && n->fn->id != F_NSURI)
			return S_str1(c, (const char *)node->name);
		return S_str1(c, "");
	case F_ROOT:
		if ((node = S_nodearg(c, n, a, f, 0)) == NULL)
			return (struct xp_seq){ 0, NULL };
		while (node->type != XML_DOCUMENT_NODE &&
		    node->type != XML_HTML_DOCUMENT_NODE &&
		    node->parent != NULL)
			node = node->parent;
		it.type = XP_NODE;
		it.sub = NULL;
		it.v.node = node;
		return xp_one(c, it);
	case F_LANG: {
		xmlChar	*l;
		x = S_str(c, a[0], n, 0);
		node = S_nodearg(c, n, a, f, 1);
		if (node == NULL)
			return S_bool1(c, 0);
		if (node->type == XML_ATTRIBUTE_NODE)
			node = node->parent;
		l = xmlNodeGetLang(node);
		if (l == NULL)
			return S_bool1(c, 0);
		len = strlen(x);
		k = xmlStrncasecmp(l, (const xmlChar *)x, len) == 0 &&
		    (l[len] == '\0' || l[len] == '-');
		xmlFree(l);
		return S_bool1(c, k);
	}
	case F_ID:
	case F_IDREF: {
		xmlAttrPtr	 at;
		xmlDocPtr	 doc;
		node = S_nodearg(c, n, a, f, 1);
		if (node == NULL)
			return (struct xp_seq){ 0, NULL };
		doc = node->doc;
		s = xp_atomize(c, a[0]);
		if (n->fn->id == F_IDREF)
			xp_fail(c, n->col, "TKXP0001", "idref() is not "
			    "supported");
		for (i = 0; i < s.n; i++) {
			const char *v;
			if (s.it[i].type != XP_STRING &&
			    s.it[i].type != XP_UNTYPED &&
			    s.it[i].type != XP_ANYURI)
				xp_fail(c, n->args[0]->col, "XPTY0004", "id() "
				    "of a value not a string");
			v = S_normspace(c, s.it[i].v.s);
			while (*v) {
				const char *q = strchr(v, ' ');
				char *tok = xa_strndup(&c->ar, v,
				    q ? (size_t)(q - v) : strlen(v));
				at = doc ? xmlGetID(doc, (xmlChar *)tok) : NULL;
				if (at != NULL && at->parent != NULL) {
					it.type = XP_NODE;
					it.sub = NULL;
					it.v.node = at->parent;
					xsb_push(&c->ar, &sb, &it);
				}
				v = q ? q + 1 : v + strlen(v);
			}
		}
		return xp_docorder(c, &sb);
	}
	case F_DOCURI:
		if ((node = S_nodearg(c, n, a, f, 0)) == NULL ||
		    node->type != XML_DOCUMENT_NODE ||
		    ((xmlDocPtr)node)->URL == NULL)
			return (struct xp_seq){ 0, NULL };
		it = xp_mk_str(xa_printf(&c->ar, "%s",
		    ((xmlDocPtr)node)->URL));
		it.type = XP_ANYURI;
		return xp_one(c, it);
	case F_BASEURI: {
		xmlChar *b;
		if ((node = S_nodearg(c, n, a, f, 0)) == NULL)
			return (struct xp_seq){ 0, NULL };
		if ((b = xmlNodeGetBase(node->doc, node)) == NULL)
			return (struct xp_seq){ 0, NULL };
		it = xp_mk_str(xa_printf(&c->ar, "%s", b));
		xmlFree(b);
		it.type = XP_ANYURI;
		return xp_one(c, it);
	}
	case F_DATA:
		return xp_atomize(c, a[0]);
	case F_DISTINCT:
		s = xp_atomize(c, a[0]);
		for (i = 0; i < s.n; i++) {
			it = s.it[i];
			if (it.type == XP_UNTYPED)
				it.type = XP_STRING;
			for (j = 0; j < sb.n; j++) {
				if (!S_comparable(&sb.it[j], &it))
					continue;
				k = xp_value_cmp(c, &sb.it[j], &it, n->col);
				if (k == 0 || (k == 2 &&
				    isnan(xp_num(&sb.it[j])) &&
				    isnan(xp_num(&it))))
					break;
			}
			if (j == sb.n)
				xsb_push(&c->ar, &sb, &it);
		}
		r.n = sb.n;
		r.it = sb.it;
		return r;
	case F_INDEXOF:
		s = xp_atomize(c, a[0]);
		r = xp_atomize(c, a[1]);
		if (r.n != 1)
			xp_fail(c, n->args[1]->col, "XPTY0004", "the second "
			    "argument of index-of() is not one value");
		best = r.it[0];
		if (best.type == XP_UNTYPED)
			best.type = XP_STRING;
		for (i = 0; i < s.n; i++) {
			it = s.it[i];
			if (it.type == XP_UNTYPED)
				it.type = XP_STRING;
			if (S_comparable(&it, &best) &&
			    xp_value_cmp(c, &it, &best, n->col) == 0) {
				struct xp_item pos = xp_mk_int((int64_t)i + 1);
				xsb_push(&c->ar, &sb, &pos);
			}
		}
		r.n = sb.n;
		r.it = sb.it;
		return r;
	case F_REVERSE:
		r.n = a[0].n;
		r.it = xa_alloc(&c->ar, (r.n + 1) * sizeof(*r.it));
		for (i = 0; i < r.n; i++)
			r.it[i] = a[0].it[r.n - 1 - i];
		return r;
	case F_SUBSEQ: {
		double	 st, ln;
		st = round(S_dblarg(c, a[1], n, 1));
		ln = n->nargs > 2 ? round(S_dblarg(c, a[2], n, 2)) : INFINITY;
		for (i = 0; i < a[0].n; i++)
			if ((double)(i + 1) >= st && (double)(i + 1) < st + ln)
				xsb_push(&c->ar, &sb, &a[0].it[i]);
		r.n = sb.n;
		r.it = sb.it;
		return r;
	}
	case F_INSERT: {
		int64_t	 pos;
		it = S_numarg(c, a[1], n, 1, &e);
		if (e || it.type != XP_INTEGER)
			xp_fail(c, n->args[1]->col, "XPTY0004", "the position "
			    "of insert-before() is not an integer");
		pos = it.v.i < 1 ? 1 : it.v.i;
		for (i = 0; i <= a[0].n; i++) {
			if ((int64_t)i + 1 == pos || (i == a[0].n &&
			    pos > (int64_t)a[0].n))
				for (j = 0; j < a[2].n; j++)
					xsb_push(&c->ar, &sb, &a[2].it[j]);
			if (i < a[0].n)
				xsb_push(&c->ar, &sb, &a[0].it[i]);
		}
		r.n = sb.n;
		r.it = sb.it;
		return r;
	}
	case F_REMOVE:
		it = S_numarg(c, a[1], n, 1, &e);
		if (e || it.type != XP_INTEGER)
			xp_fail(c, n->args[1]->col, "XPTY0004", "the position "
			    "of remove() is not an integer");
		for (i = 0; i < a[0].n; i++)
			if ((int64_t)i + 1 != it.v.i)
				xsb_push(&c->ar, &sb, &a[0].it[i]);
		r.n = sb.n;
		r.it = sb.it;
		return r;
	case F_EXACTLY1:
		if (a[0].n != 1)
			xp_fail(c, n->col, "FORG0005", "exactly-one() of %zu "
			    "items", a[0].n);
		return a[0];
	case F_ONEORMORE:
		if (a[0].n == 0)
			xp_fail(c, n->col, "FORG0004", "one-or-more() of an "
			    "empty sequence");
		return a[0];
	case F_ZEROORONE:
		if (a[0].n > 1)
			xp_fail(c, n->col, "FORG0003", "zero-or-one() of %zu "
			    "items", a[0].n);
		return a[0];
	case F_DEEPEQ:
		return S_bool1(c, xp_deep_equal(c, a[0], a[1], n->col));
	case F_UNORDERED:
	case F_TRACE:
		return a[0];
	case F_CURDATE:
	case F_CURDT:
		S_now(c);
		memset(&it, 0, sizeof(it));
		it.type = n->fn->id == F_CURDATE ? XP_DATE : XP_DATETIME;
		it.v.dt.day = c->today;
		it.v.dt.sec = n->fn->id == F_CURDATE ? 0 : c->now;
		it.v.dt.tz = 0;
		return xp_one(c, it);
	case F_YEAR:
	case F_MONTH:
	case F_DAY:
	case F_HOURS:
	case F_MINUTES:
	case F_SECONDS: {
		struct xp_item dt;
		s = xp_atomize(c, a[0]);
		if (s.n == 0)
			return s;
		dt = s.it[0];
		if (dt.type == XP_UNTYPED && xp_cast(c, &s.it[0],
		    xp_atype_find(strstr(n->fn->name, "dateTime") ?
		    "dateTime" : "date"), &dt, n->col) != 0)
			longjmp(c->jb, 1);
		if (s.n > 1 || (dt.type != XP_DATE && dt.type != XP_DATETIME))
			xp_fail(c, n->col, "XPTY0004", "%s() of a value not "
			    "a date", n->fn->name);
		{
			/* days since the epoch back to y-m-d */
			int64_t z = dt.v.dt.day + 719468, era, doe, yoe, doy,
			    mp, y, m, d;
			era = (z >= 0 ? z : z - 146096) / 146097;
			doe = z - era * 146097;
			yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) /
			    365;
			doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
			mp = (5 * doy + 2) / 153;
			d = doy - (153 * mp + 2) / 5 + 1;
			m = mp < 10 ? mp + 3 : mp - 9;
			y = yoe + era * 400 + (m <= 2);
			if (y <= 0)
				y--;
			switch (n->fn->id) {
			case F_YEAR: return xp_one(c, xp_mk_int(y));
			case F_MONTH: return xp_one(c, xp_mk_int(m));
			case F_DAY: return xp_one(c, xp_mk_int(d));
			case F_HOURS: return xp_one(c, xp_mk_int(
			    (int64_t)(dt.v.dt.sec / 3600)));
			case F_MINUTES: return xp_one(c, xp_mk_int(
			    (int64_t)fmod(dt.v.dt.sec / 60, 60)));
			default: return xp_one(c, xp_mk_dbl(XP_DECIMAL,
			    fmod(dt.v.dt.sec, 60)));
			}
		}
	}
	case F_ERROR:
		xp_fail(c, n->col, "FOER0000", "error() called%s%s",
		    n->nargs > 1 ? ": " : "", n->nargs > 1 ?
		    S_str(c, a[1], n, 1) : "");
	}
	xp_fail(c, n->col, "TKXP0001", "%s() is not supported", n->fn->name);
}
