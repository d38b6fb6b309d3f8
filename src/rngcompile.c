/*
 * rngcompile.c -- read a RELAX NG schema (XML syntax) and simplify it
 * into patterns, as section 4 of the specification describes: foreign
 * elements and attributes ignored, ns and datatypeLibrary inherited,
 * include and externalRef loaded (local files only), definitions
 * overridden and combined (combine="choice|interleave"), nested grammars
 * and parentRef, div flattened, optional/zeroOrMore/mixed rewritten, and
 * every element pattern made once, its content compiled after it so that
 * definitions may refer to each other through elements.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlschemastypes.h>

#include "rng.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define MAX_INCLUDE_DEPTH 64

struct define {
	const char	*name;
	struct rnode	*node;
};

struct grammar {
	struct grammar	*parent;
	struct define	*defs;		/* sorted by name once collected */
	size_t		 ndefs, capdefs;
	rng_id		*ids;		/* per distinct name, compiled */
	int		*state;		/* 0 not yet, 1 compiling, 2 done */
	struct rnode	**starts;
	size_t		 nstarts, capstarts;
	rng_id		 start;
	int		 start_state;
	struct grammar	*next;		/* all grammars, for freeing */
};

struct work {
	rng_id		 el;
	struct rnode	*node;
	struct grammar	*g;
};

struct cc {
	struct rng_schema *s;
	struct rng_ctx	 ctx;
	struct tk_report *rep;
	struct grammar	*grammars;
	struct rarena	*arena;		/* the schema files' nodes */
	const char	*loading[MAX_INCLUDE_DEPTH];
	size_t		 nloading;
	struct work	*work;
	size_t		 nwork, capwork;
	int		 failed;
};

static rng_id	S_pattern(struct cc *, struct rnode *, struct grammar *);
static rng_id	S_children(struct cc *, struct rnode *first, struct grammar *);
static int	S_collect(struct cc *, struct grammar *, struct rnode *,
		    const struct grammar *over);

static int
S_is_rng(const struct rnode *n)
{
	return n != NULL && n->rng;
}

static int
S_is(const struct rnode *n, const char *name)
{
	return S_is_rng(n) && strcmp(n->name, name) == 0;
}

/* The next RELAX NG element from n on (foreign ones are annotations). */
static struct rnode *
S_next(struct rnode *n)
{
	while (n != NULL && !S_is_rng(n))
		n = n->next;
	return n;
}

static void
S_error(struct cc *cc, const struct rnode *n, const char *fmt, ...)
{
	char		 msg[512];
	const char	*file = cc->rep->file;
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n != NULL)
		cc->rep->file = n->doc->url;
	tk_diag(cc->rep, n != NULL ? n->line : 0, 0, TK_S_DATA, "%s", msg);
	cc->rep->file = file;
	cc->failed = 1;
}

/* An attribute's value with white space trimmed; free with free(). */
static char *
S_attr(const struct rnode *n, const char *name)
{
	const char *v = rnode_attr(n, name);
	const char *s, *e;

	if (v == NULL)
		return NULL;
	for (s = v; *s == ' ' || *s == '\t' || *s == '\n' ||
	    *s == '\r'; s++)
		;
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t' ||
	    e[-1] == '\n' || e[-1] == '\r'); e--)
		;
	return strndup(s, (size_t)(e - s));
}

/* The ns attribute in scope: on n or an ancestor, else what the
 * include or externalRef that loaded this document had. */
static const char *
S_ns(const struct rnode *n, char *buf, size_t sz)
{
	const char	*v;
	const struct rdoc *doc = n != NULL ? n->doc : NULL;

	for (; n != NULL; n = n->parent)
		if ((v = rnode_attr(n, "ns")) != NULL) {
			snprintf(buf, sz, "%s", v);
			return buf;
		}
	if (doc != NULL && doc->inherited_ns != NULL)
		return doc->inherited_ns;
	return "";
}

static char *
S_datatype_library(const struct rnode *n)
{
	char	*v;

	for (; n != NULL; n = n->parent)
		if ((v = S_attr(n, "datatypeLibrary")) != NULL)
			return v;
	return strdup("");
}

/* ---- loading include and externalRef ---- */

/* The root of the schema an include or externalRef names. */
static struct rnode *
S_load(struct cc *cc, struct rnode *n)
{
	char		*href = S_attr(n, "href"), nsbuf[512];
	xmlChar		*uri = NULL;
	const char	*path;
	struct rnode	*root = NULL;
	size_t		 i;

	if (href == NULL) {
		S_error(cc, n, "<%s> has no href", n->name);
		return NULL;
	}
	uri = xmlBuildURI(BAD_CAST href, BAD_CAST n->doc->url);
	path = (const char *)uri;
	if (path != NULL && strncmp(path, "file://", 7) == 0)
		path += 7;
	if (path == NULL || strstr(path, "://") != NULL) {
		S_error(cc, n, "<%s href=\"%s\">: teikit reads schemas only "
		    "from local files", n->name, href);
		goto out;
	}
	for (i = 0; i < cc->nloading; i++)
		if (strcmp(cc->loading[i], path) == 0) {
			S_error(cc, n, "%s includes itself", path);
			goto out;
		}
	if (cc->nloading == MAX_INCLUDE_DEPTH) {
		S_error(cc, n, "includes nested too deep");
		goto out;
	}
	if ((root = rng_read(path, S_ns(n, nsbuf, sizeof(nsbuf)),
	    &cc->arena)) == NULL)
		S_error(cc, n, "cannot read %s", path);
out:
	free(href);
	xmlFree(uri);
	return root;
}

/* ---- grammars: collecting start and define components ---- */

static struct grammar *
S_grammar_new(struct cc *cc, struct grammar *parent)
{
	struct grammar	*g;

	if ((g = calloc(1, sizeof(*g))) == NULL)
		return NULL;
	g->parent = parent;
	g->start = RNG_NONE;
	g->next = cc->grammars;
	cc->grammars = g;
	return g;
}

static int
S_overridden(const struct grammar *over, const char *name)
{
	size_t	 i;

	if (over == NULL)
		return 0;
	for (i = 0; i < over->ndefs; i++)
		if (strcmp(over->defs[i].name, name) == 0)
			return 1;
	return 0;
}

static int
S_add_define(struct grammar *g, const char *name, struct rnode *n)
{
	struct define	*d;

	if (g->ndefs == g->capdefs) {
		g->capdefs = g->capdefs ? 2 * g->capdefs : 64;
		if ((d = realloc(g->defs, g->capdefs * sizeof(*d))) == NULL)
			return -1;
		g->defs = d;
	}
	g->defs[g->ndefs].name = name;
	g->defs[g->ndefs++].node = n;
	return 0;
}

static int
S_add_start(struct grammar *g, struct rnode *n)
{
	struct rnode	**v;

	if (g->nstarts == g->capstarts) {
		g->capstarts = g->capstarts ? 2 * g->capstarts : 4;
		if ((v = realloc(g->starts, g->capstarts * sizeof(*v))) ==
		    NULL)
			return -1;
		g->starts = v;
	}
	g->starts[g->nstarts++] = n;
	return 0;
}

/* The names an include overrides: its own start and defines. */
static void
S_overrides(struct grammar *o, struct rnode *n)
{
	for (n = S_next(n); n != NULL; n = S_next(n->next))
		if (S_is(n, "start"))
			o->start_state = 1;
		else if (S_is(n, "define")) {
			/* a copy, freed by the include that made o */
			char *name = S_attr(n, "name");

			if (name != NULL && S_add_define(o, name, n) != 0)
				free(name);
		} else if (S_is(n, "div"))
			S_overrides(o, n->children);
}

/* Collect the start and define components of a grammar (or of a div or
 * an include in it) into g, leaving out what `over` overrides; each
 * define's name is a copy, freed with the grammar. */
static int
S_collect(struct cc *cc, struct grammar *g, struct rnode *parent,
    const struct grammar *over)
{
	struct rnode	*n;
	char		*name;

	for (n = S_next(parent->children); n != NULL; n = S_next(n->next)) {
		if (S_is(n, "start")) {
			if (over == NULL || !over->start_state)
				S_add_start(g, n);
		} else if (S_is(n, "define")) {
			if ((name = S_attr(n, "name")) == NULL) {
				S_error(cc, n, "<define> has no name");
				continue;
			}
			if (S_overridden(over, name))
				free(name);
			else if (S_add_define(g, name, n) != 0)
				free(name);
		} else if (S_is(n, "div"))
			S_collect(cc, g, n, over);
		else if (S_is(n, "include")) {
			struct grammar	 o;
			struct rnode	*root;
			size_t		 i;

			memset(&o, 0, sizeof(o));
			if (over != NULL) {
				for (i = 0; i < over->ndefs; i++)
					S_add_define(&o, over->defs[i].name,
					    over->defs[i].node);
				o.start_state = over->start_state;
			}
			S_overrides(&o, n->children);
			if ((root = S_load(cc, n)) != NULL) {
				if (!S_is(root, "grammar"))
					S_error(cc, root, "an included schema "
					    "must be a <grammar>");
				else {
					cc->loading[cc->nloading++] =
					    root->doc->url;
					S_collect(cc, g, root, &o);
					cc->nloading--;
				}
			}
			for (i = over ? over->ndefs : 0; i < o.ndefs; i++)
				free((char *)o.defs[i].name);
			free(o.defs);
			S_collect(cc, g, n, over);
		} else
			S_error(cc, n, "<%s> is not allowed in a <grammar>",
			    n->name);
	}
	return 0;
}

static int
S_define_cmp(const void *a, const void *b)
{
	const struct define *x = a, *y = b;
	int	 c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return (x->node > y->node) - (x->node < y->node);
}

static void
S_grammar_free(struct grammar *g)
{
	size_t	 i;

	for (i = 0; i < g->ndefs; i++)
		free((char *)g->defs[i].name);
	free(g->defs);
	free(g->ids);
	free(g->state);
	free(g->starts);
	free(g);
}

static int
S_grammar_ready(struct cc *cc, struct grammar *g)
{
	if (g->ndefs > 1)
		qsort(g->defs, g->ndefs, sizeof(*g->defs), S_define_cmp);
	g->ids = calloc(g->ndefs + 1, sizeof(*g->ids));
	g->state = calloc(g->ndefs + 1, sizeof(*g->state));
	return g->ids == NULL || g->state == NULL ? -1 : 0;
}

/* Combine the bodies of a start or of the defines [i, j) of one name. */
static rng_id
S_combine(struct cc *cc, struct rnode **nodes, size_t n, struct grammar *g,
    const char *what)
{
	char		*comb, *method = NULL;
	rng_id		*v, r = RNG_NONE;
	size_t		 i, plain = 0;

	if ((v = calloc(n, sizeof(*v))) == NULL)
		return RNG_NONE;
	for (i = 0; i < n; i++) {
		comb = S_attr(nodes[i], "combine");
		if (comb == NULL)
			plain++;
		else if (strcmp(comb, "choice") != 0 &&
		    strcmp(comb, "interleave") != 0)
			S_error(cc, nodes[i], "combine=\"%s\": choice or "
			    "interleave", comb);
		else if (method != NULL && strcmp(method, comb) != 0)
			S_error(cc, nodes[i], "%s combined both by choice and "
			    "by interleave", what);
		if (comb != NULL && method == NULL)
			method = comb;
		else
			free(comb);
		if (S_next(nodes[i]->children) == NULL) {
			S_error(cc, nodes[i], "%s is empty", what);
			v[i] = RNG_NOTALLOWED;
		} else
			v[i] = S_children(cc, nodes[i]->children, g);
	}
	if (plain > 1)
		S_error(cc, nodes[n - 1], "%s defined %zu times without "
		    "combine", what, plain);
	if (n == 1 || method == NULL || strcmp(method, "choice") == 0)
		r = rng_choice_n(&cc->ctx, v, n);
	else
		for (r = v[0], i = 1; i < n; i++)
			r = rng_interleave(&cc->ctx, r, v[i]);
	free(method);
	free(v);
	return r;
}

static rng_id
S_ref(struct cc *cc, struct rnode *n, struct grammar *g)
{
	char		*name = S_attr(n, "name"), what[300];
	size_t		 i, j, lo, hi;
	rng_id		 r;

	if (g == NULL) {
		S_error(cc, n, "<%s> outside a grammar", n->name);
		free(name);
		return RNG_NOTALLOWED;
	}
	if (name == NULL) {
		S_error(cc, n, "<%s> has no name", n->name);
		return RNG_NOTALLOWED;
	}
	/* the first define of that name (they are sorted by name) */
	lo = 0;
	hi = g->ndefs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(g->defs[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	i = lo;
	if (i == g->ndefs || strcmp(g->defs[i].name, name) != 0) {
		S_error(cc, n, "<%s name=\"%s\">: no such <define>", n->name,
		    name);
		free(name);
		return RNG_NOTALLOWED;
	}
	free(name);
	if (g->state[i] == 2)
		return g->ids[i];
	if (g->state[i] == 1) {
		S_error(cc, n, "\"%s\" refers to itself outside any element",
		    g->defs[i].name);
		return RNG_NOTALLOWED;
	}
	g->state[i] = 1;
	for (j = i; j < g->ndefs && strcmp(g->defs[j].name,
	    g->defs[i].name) == 0; j++)
		;
	{
		struct rnode	**nodes = malloc((j - i) * sizeof(*nodes));
		size_t		 k;

		if (nodes == NULL)
			return RNG_NONE;
		for (k = i; k < j; k++)
			nodes[k - i] = g->defs[k].node;
		snprintf(what, sizeof(what), "<define name=\"%s\">",
		    g->defs[i].name);
		r = S_combine(cc, nodes, j - i, g, what);
		free(nodes);
	}
	g->ids[i] = r;
	g->state[i] = 2;
	return r;
}

static rng_id
S_grammar(struct cc *cc, struct rnode *n, struct grammar *parent)
{
	struct grammar	*g;

	if ((g = S_grammar_new(cc, parent)) == NULL)
		return RNG_NONE;
	S_collect(cc, g, n, NULL);
	if (S_grammar_ready(cc, g) != 0)
		return RNG_NONE;
	if (g->nstarts == 0) {
		S_error(cc, n, "<grammar> has no <start>");
		return RNG_NOTALLOWED;
	}
	return S_combine(cc, g->starts, g->nstarts, g, "<start>");
}

/* ---- name classes ---- */

static uint32_t
S_qname(struct cc *cc, struct rnode *n, const char *qname, const char *ns)
{
	const char	*colon = strchr(qname, ':'), *x;
	char		 prefix[128];

	if (colon != NULL) {
		snprintf(prefix, sizeof(prefix), "%.*s", (int)(colon - qname),
		    qname);
		if (strcmp(prefix, "xml") == 0)
			ns = "http://www.w3.org/XML/1998/namespace";
		else if ((x = rnode_ns_lookup(n, prefix)) == NULL) {
			S_error(cc, n, "the prefix \"%s\" of \"%s\" is not "
			    "declared", prefix, qname);
			return RNG_NONE;
		} else
			ns = x;
		qname = colon + 1;
	}
	return rng_nc_new(cc->s, NC_NAME, rng_name_intern(cc->s,
	    rng_ns_intern(cc->s, ns), qname), 0);
}

static uint32_t
S_nc(struct cc *cc, struct rnode *n)
{
	char		 nsbuf[512];
	struct rnode	*c;
	uint32_t	 r = RNG_NONE, x;

	if (S_is(n, "name")) {
		const char	*t = n->text != NULL ? n->text : "";
		char		*q;
		size_t		 len;

		while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
			t++;
		for (len = strlen(t); len > 0 && (t[len - 1] == ' ' ||
		    t[len - 1] == '\t' || t[len - 1] == '\n' ||
		    t[len - 1] == '\r'); len--)
			;
		if ((q = strndup(t, len)) == NULL)
			return RNG_NONE;
		r = S_qname(cc, n, q, S_ns(n, nsbuf, sizeof(nsbuf)));
		free(q);
		return r;
	}
	if (S_is(n, "anyName") || S_is(n, "nsName")) {
		uint32_t except = RNG_NONE;

		if ((c = S_next(n->children)) != NULL) {
			if (!S_is(c, "except")) {
				S_error(cc, c, "<%s> may hold only <except>",
				    n->name);
				return RNG_NONE;
			}
			for (c = S_next(c->children); c != NULL;
			    c = S_next(c->next)) {
				x = S_nc(cc, c);
				except = except == RNG_NONE ? x :
				    rng_nc_new(cc->s, NC_CHOICE, except, x);
			}
		}
		if (n->name[0] == 'a')
			return rng_nc_new(cc->s, NC_ANY, except, 0);
		return rng_nc_new(cc->s, NC_NSNAME, rng_ns_intern(cc->s,
		    S_ns(n, nsbuf, sizeof(nsbuf))), except);
	}
	if (S_is(n, "choice")) {
		for (c = S_next(n->children); c != NULL; c = S_next(c->next)) {
			x = S_nc(cc, c);
			r = r == RNG_NONE ? x :
			    rng_nc_new(cc->s, NC_CHOICE, r, x);
		}
		if (r == RNG_NONE)
			S_error(cc, n, "empty name class <choice>");
		return r;
	}
	S_error(cc, n, "<%s> is not a name class", n->name);
	return RNG_NONE;
}

/* The name class of <element> or <attribute>, and where content starts. */
static uint32_t
S_owner_nc(struct cc *cc, struct rnode *n, struct rnode **content)
{
	char		*name = S_attr(n, "name"), nsbuf[512];
	const char	*ns;
	uint32_t	 nc;
	struct rnode	*first = S_next(n->children);

	if (name != NULL) {
		if (n->name[0] == 'a' && rnode_attr(n, "ns") == NULL)
			ns = "";	/* attributes: no namespace */
		else
			ns = S_ns(n, nsbuf, sizeof(nsbuf));
		nc = S_qname(cc, n, name, ns);
		free(name);
		*content = first;
		return nc;
	}
	if (first == NULL) {
		S_error(cc, n, "<%s> has neither a name nor a name class",
		    n->name);
		*content = NULL;
		return RNG_NONE;
	}
	*content = S_next(first->next);
	return S_nc(cc, first);
}

/* ---- patterns ---- */

/* The RELAX NG children from `first` on, as a group. */
static rng_id
S_children(struct cc *cc, struct rnode *first, struct grammar *g)
{
	rng_id	 r = RNG_EMPTY, *v = NULL, *nv;
	size_t	 n = 0, cap = 0, i;

	for (first = S_next(first); first != NULL;
	    first = S_next(first->next)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				free(v);
				return RNG_NONE;
			}
			v = nv;
		}
		v[n++] = S_pattern(cc, first, g);
	}
	for (i = n; i-- > 0;)
		r = rng_group(&cc->ctx, v[i], r);
	free(v);
	return r;
}

#define MAX_PARAMS 32

static rng_id
S_data(struct cc *cc, struct rnode *n, struct grammar *g)
{
	char		*type = S_attr(n, "type"), *lib, *err = NULL;
	char		*pn[MAX_PARAMS], *pv[MAX_PARAMS];
	size_t		 np = 0, i;
	struct rnode	*c;
	int		 ti;
	rng_id		 except = RNG_NONE;

	if (type == NULL) {
		S_error(cc, n, "<data> has no type");
		return RNG_NOTALLOWED;
	}
	for (c = S_next(n->children); c != NULL; c = S_next(c->next)) {
		if (S_is(c, "param")) {
			char	*name = S_attr(c, "name");
			char	*val = strdup(c->text != NULL ? c->text : "");

			if (name == NULL || val == NULL || np == MAX_PARAMS) {
				S_error(cc, c, "<param> needs a name and a "
				    "value");
				free(name);
				free(val);
				continue;
			}
			pn[np] = name;
			pv[np++] = (char *)val;
		} else if (S_is(c, "except")) {
			rng_id	 alts[64];
			size_t	 k = 0;
			struct rnode *e;

			for (e = S_next(c->children); e != NULL && k < 64;
			    e = S_next(e->next))
				alts[k++] = S_pattern(cc, e, g);
			except = rng_choice_n(&cc->ctx, alts, k);
		} else
			S_error(cc, c, "<data> may hold only <param> and "
			    "<except>, not <%s>", c->name);
	}
	lib = S_datatype_library(n);
	ti = lib ? rng_type_get(cc->s, lib, type, (const char *const *)pn,
	    (const char *const *)pv, np, &err) : -1;
	if (ti < 0)
		S_error(cc, n, "%s", err ? err : "out of memory");
	for (i = 0; i < np; i++) {
		free(pn[i]);
		free(pv[i]);
	}
	free(lib);
	free(type);
	if (ti < 0)
		return RNG_NOTALLOWED;
	return rng_mk(&cc->ctx, RP_DATA, (rng_id)ti, except);
}

static rng_id
S_value(struct cc *cc, struct rnode *n)
{
	char		*type = S_attr(n, "type"), *lib, *err;
	int		 ti, vi;

	if (type == NULL) {
		type = strdup("token");
		lib = strdup("");
	} else
		lib = S_datatype_library(n);
	err = NULL;
	ti = type && lib ? rng_type_get(cc->s, lib, type, NULL, NULL, 0,
	    &err) : -1;
	free(lib);
	free(type);
	if (ti < 0) {
		S_error(cc, n, "%s", err ? err : "out of memory");
		return RNG_NOTALLOWED;
	}
	vi = rng_value_new(cc->s, (uint32_t)ti, n->text != NULL ? n->text :
	    "", &err);
	if (vi < 0) {
		S_error(cc, n, "%s", err ? err : "out of memory");
		return RNG_NOTALLOWED;
	}
	return rng_mk(&cc->ctx, RP_VALUE, (rng_id)vi, 0);
}

static rng_id
S_pattern(struct cc *cc, struct rnode *n, struct grammar *g)
{
	const char	*name = n->name;
	struct rnode	*content;
	uint32_t	 nc;
	rng_id		 r, *alts, *na;
	size_t		 k, cap;
	struct work	*w;

	if (strcmp(name, "element") == 0) {
		nc = S_owner_nc(cc, n, &content);
		if (nc == RNG_NONE)
			return RNG_NOTALLOWED;
		if (content == NULL)
			S_error(cc, n, "<element> has no content pattern");
		r = rng_element_new(&cc->ctx, nc);
		if (r == RNG_NONE)
			return RNG_NONE;
		if (cc->nwork == cc->capwork) {
			cc->capwork = cc->capwork ? 2 * cc->capwork : 256;
			if ((w = realloc(cc->work, cc->capwork *
			    sizeof(*w))) == NULL)
				return RNG_NONE;
			cc->work = w;
		}
		cc->work[cc->nwork].el = r;
		cc->work[cc->nwork].node = content;
		cc->work[cc->nwork++].g = g;
		if (cc->s->nelements == cc->s->capelements) {
			cc->s->capelements = cc->s->capelements ?
			    2 * cc->s->capelements : 256;
			na = realloc(cc->s->elements, cc->s->capelements *
			    sizeof(*na));
			if (na == NULL)
				return RNG_NONE;
			cc->s->elements = na;
		}
		cc->s->elements[cc->s->nelements++] = r;
		return r;
	}
	if (strcmp(name, "attribute") == 0) {
		nc = S_owner_nc(cc, n, &content);
		if (nc == RNG_NONE)
			return RNG_NOTALLOWED;
		r = content == NULL ? RNG_TEXT : S_children(cc, content, g);
		return rng_mk(&cc->ctx, RP_ATTRIBUTE, nc, r);
	}
	if (strcmp(name, "group") == 0)
		return S_children(cc, n->children, g);
	if (strcmp(name, "interleave") == 0 || strcmp(name, "mixed") == 0) {
		r = name[0] == 'm' ? RNG_TEXT : RNG_EMPTY;
		for (content = S_next(n->children); content != NULL;
		    content = S_next(content->next)) {
			if (name[0] == 'm') {
				/* mixed: the children as a group */
				r = rng_interleave(&cc->ctx,
				    S_children(cc, content, g), RNG_TEXT);
				break;
			}
			r = rng_interleave(&cc->ctx, r,
			    S_pattern(cc, content, g));
		}
		return r;
	}
	if (strcmp(name, "choice") == 0) {
		cap = 16;
		k = 0;
		if ((alts = malloc(cap * sizeof(*alts))) == NULL)
			return RNG_NONE;
		for (content = S_next(n->children); content != NULL;
		    content = S_next(content->next)) {
			if (k == cap) {
				cap *= 2;
				if ((na = realloc(alts, cap *
				    sizeof(*na))) == NULL) {
					free(alts);
					return RNG_NONE;
				}
				alts = na;
			}
			alts[k++] = S_pattern(cc, content, g);
		}
		if (k == 0)
			S_error(cc, n, "<choice> is empty");
		r = rng_choice_n(&cc->ctx, alts, k);
		free(alts);
		return r;
	}
	if (strcmp(name, "optional") == 0)
		return rng_choice(&cc->ctx, S_children(cc, n->children, g),
		    RNG_EMPTY);
	if (strcmp(name, "zeroOrMore") == 0)
		return rng_choice(&cc->ctx, rng_one_or_more(&cc->ctx,
		    S_children(cc, n->children, g)), RNG_EMPTY);
	if (strcmp(name, "oneOrMore") == 0)
		return rng_one_or_more(&cc->ctx, S_children(cc, n->children,
		    g));
	if (strcmp(name, "list") == 0) {
		r = S_children(cc, n->children, g);
		return r == RNG_NOTALLOWED ? r :
		    rng_mk(&cc->ctx, RP_LIST, r, 0);
	}
	if (strcmp(name, "empty") == 0)
		return RNG_EMPTY;
	if (strcmp(name, "notAllowed") == 0)
		return RNG_NOTALLOWED;
	if (strcmp(name, "text") == 0)
		return RNG_TEXT;
	if (strcmp(name, "data") == 0)
		return S_data(cc, n, g);
	if (strcmp(name, "value") == 0)
		return S_value(cc, n);
	if (strcmp(name, "ref") == 0)
		return S_ref(cc, n, g);
	if (strcmp(name, "parentRef") == 0) {
		if (g == NULL || g->parent == NULL) {
			S_error(cc, n, "<parentRef> outside a nested grammar");
			return RNG_NOTALLOWED;
		}
		return S_ref(cc, n, g->parent);
	}
	if (strcmp(name, "grammar") == 0)
		return S_grammar(cc, n, g);
	if (strcmp(name, "externalRef") == 0) {
		if ((content = S_load(cc, n)) == NULL)
			return RNG_NOTALLOWED;
		if (!S_is_rng(content)) {
			S_error(cc, content, "not a RELAX NG pattern");
			return RNG_NOTALLOWED;
		}
		cc->loading[cc->nloading++] = content->doc->url;
		r = S_pattern(cc, content, g);
		cc->nloading--;
		return r;
	}
	S_error(cc, n, "<%s> is not a RELAX NG pattern", name);
	return RNG_NOTALLOWED;
}

/* ---- the whole schema ---- */

static void
S_xml_error(void *arg, xmlErrorPtr err)
{
	struct tk_report *rep = arg;
	const char	*file = rep->file;
	char		 msg[512];

	if (err->level == XML_ERR_WARNING)
		return;
	tk_xml_message(err, msg, sizeof(msg));
	if (err->file != NULL)
		rep->file = err->file;
	tk_diag(rep, err->line > 0 ? (unsigned)err->line : 0, 0, TK_S_DATA,
	    "%s", msg);
	rep->file = file;
}

struct rng_schema *
rng_compile(const char *path, struct tk_report *rep)
{
	struct rng_schema *s;
	struct cc	 cc;
	struct grammar	*g, *gn;
	struct rnode	*root;
	size_t		 i;

	xmlSchemaInitTypes();
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	pthread_mutex_init(&s->lock, NULL);
	memset(&cc, 0, sizeof(cc));
	cc.s = s;
	cc.rep = rep;
	cc.ctx.s = s;
	cc.ctx.own = &s->st;
	cc.ctx.base = 0;
	if (rng_store_init(&s->st) != 0 ||
	    rng_mk(&cc.ctx, RP_NOTALLOWED, 0, 0) != RNG_NOTALLOWED ||
	    rng_mk(&cc.ctx, RP_EMPTY, 0, 0) != RNG_EMPTY ||
	    rng_mk(&cc.ctx, RP_TEXT, 0, 0) != RNG_TEXT ||
	    rng_ns_intern(s, "") != 0 ||
	    (s->nc_any = rng_nc_new(s, NC_ANY, RNG_NONE, 0)) == RNG_NONE) {
		rng_schema_free(s);
		return NULL;
	}
	xmlSetStructuredErrorFunc(rep, S_xml_error);
	if ((root = rng_read(path, NULL, &cc.arena)) == NULL) {
		xmlSetStructuredErrorFunc(NULL, NULL);
		if (rep->errors == 0)
			tk_diag(rep, 0, 0, TK_S_DATA, "cannot read the schema");
		rng_arena_free(cc.arena);
		rng_schema_free(s);
		return NULL;
	}
	cc.loading[cc.nloading++] = root->doc->url;
	if (!S_is_rng(root))
		S_error(&cc, root, "<%s> is not a RELAX NG schema (its "
		    "namespace is not %s)", root->name, RNG_NS);
	else {
		s->start = S_pattern(&cc, root, NULL);
		/* element contents, until every element has its own */
		for (i = 0; i < cc.nwork; i++) {
			struct work w = cc.work[i];

			rng_element_set(&cc.ctx, w.el, w.node == NULL ?
			    RNG_NOTALLOWED : S_children(&cc, w.node, w.g));
		}
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	for (g = cc.grammars; g != NULL; g = gn) {
		gn = g->next;
		S_grammar_free(g);
	}
	rng_arena_free(cc.arena);
	free(cc.work);
	if (cc.failed || s->start == RNG_NONE) {
		rng_schema_free(s);
		return NULL;
	}
	return s;
}

void
rng_schema_free(struct rng_schema *s)
{
	size_t		 i;

	if (s == NULL)
		return;
	rng_sess_pool_free(s);
	rng_store_free(&s->st);
	free(s->ncs);
	for (i = 0; i < s->nnss; i++)
		free(s->nss[i]);
	free(s->nss);
	for (i = 0; i < s->nnames; i++)
		free(s->names[i].local);
	free(s->names);
	free(s->name_buckets);
	rng_types_free(s);
	free(s->elements);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
