/*
 * rngcheck.c -- the rules a correct RELAX NG schema obeys beyond what
 * simplification needs: its syntax (sections 3 and 4.16), checked on
 * each file as read, and the restrictions of section 7, checked on the
 * compiled patterns.
 *
 * Section 7 is stated on the simplified schema, which is what the
 * pattern store holds (notAllowed and empty folded away, elements as
 * patterns of their own).  The store is hash-consed: one pattern may
 * stand for a subtree used a million times (a 2 kB schema can define
 * d40 = group(d39, d39)), so nothing here walks it as a tree: each
 * distinct pattern is visited once per context it is reached in, and
 * the sets an operator's two sides hold are gathered by marking.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/uri.h>

#include "rng.h"
#include "rngcheck.h"

#define RNG_NS		"http://relaxng.org/ns/structure/1.0"
#define XML_NS		"http://www.w3.org/XML/1998/namespace"
#define XMLNS_NS	"http://www.w3.org/2000/xmlns"

struct syn {
	rng_check_fn	 fn;
	void		*arg;
	size_t		 errors;
};

/* "element <name>: " and the message, handed to fn; both passes of
 * the checks report through this. */
static void
S_vreport(rng_check_fn fn, void *arg, size_t *errors,
    const struct rnode *n, const char *fmt, va_list ap)
{
	char	 msg[512];
	int	 k;

	k = snprintf(msg, sizeof(msg), "element <%s>: ", n->name);
	if (k < 0 || (size_t)k >= sizeof(msg))
		k = 0;
	vsnprintf(msg + k, sizeof(msg) - (size_t)k, fmt, ap);
	fn(arg, n, msg);
	(*errors)++;
}

static void
S_err(struct syn *y, const struct rnode *n, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	S_vreport(y->fn, y->arg, &y->errors, n, fmt, ap);
	va_end(ap);
}

static int
S_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* v without leading and trailing white space, in buf (section 4.2). */
static const char *
S_trim(const char *v, char *buf, size_t sz)
{
	size_t	 n;

	while (S_ws((unsigned char)*v))
		v++;
	for (n = strlen(v); n > 0 && S_ws((unsigned char)v[n - 1]); n--)
		;
	if (n >= sz)
		n = sz - 1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	return buf;
}

static int
S_is(const struct rnode *n, const char *name)
{
	return n != NULL && n->rng && strcmp(n->name, name) == 0;
}

/* The next RELAX NG element from n on (foreign ones are annotations). */
static const struct rnode *
S_next(const struct rnode *n)
{
	while (n != NULL && !n->rng)
		n = n->next;
	return n;
}

static size_t
S_count(const struct rnode *n)
{
	size_t	 k = 0;

	for (n = S_next(n); n != NULL; n = S_next(n->next))
		k++;
	return k;
}

/* The ns in scope at n (section 4.9), as the compiler finds it. */
static const char *
S_ns(const struct rnode *n)
{
	const char	*v;
	const struct rdoc *doc = n->doc;

	for (; n != NULL; n = n->parent)
		if ((v = rnode_attr(n, "ns")) != NULL)
			return v;
	return doc->inherited_ns != NULL ? doc->inherited_ns : "";
}

/*
 * A URI reference as RELAX NG takes it (anyURI): escaped as XLink 5.4
 * says, then parsed.  Returns the escaped text, or NULL when it is no
 * URI reference; free with free().
 */
static char *
S_uri(const char *v)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s;
	char		*e, *p;
	xmlURIPtr	 uri;

	if ((e = malloc(3 * strlen(v) + 1)) == NULL)
		return NULL;
	for (s = (const unsigned char *)v, p = e; *s != '\0'; s++)
		if (*s <= 0x20 || *s >= 0x7F || strchr("<>\"{}|\\^`",
		    *s) != NULL) {
			*p++ = '%';
			*p++ = hex[*s >> 4];
			*p++ = hex[*s & 15];
		} else
			*p++ = (char)*s;
	*p = '\0';
	if ((uri = xmlParseURI(e)) == NULL) {
		free(e);
		return NULL;
	}
	xmlFreeURI(uri);
	return e;
}

static void
S_check_href(struct syn *y, const struct rnode *n, const char *v)
{
	char	*e;

	if ((e = S_uri(v)) == NULL)
		S_err(y, n, "href=\"%s\" is not a URI reference (RELAX NG 3)",
		    v);
	else if (strchr(e, '#') != NULL)
		S_err(y, n, "href=\"%s\" has a fragment identifier "
		    "(RELAX NG 4.5)", v);
	free(e);
}

/* Section 3: empty, or an absolute URI without a fragment. */
static void
S_check_library(struct syn *y, const struct rnode *n, const char *v)
{
	char		*e;
	xmlURIPtr	 uri = NULL;

	if (*v == '\0')
		return;
	if ((e = S_uri(v)) == NULL || (uri = xmlParseURI(e)) == NULL)
		S_err(y, n, "datatypeLibrary=\"%s\" is not a URI (RELAX NG 3)",
		    v);
	else if (uri->scheme == NULL)
		S_err(y, n, "datatypeLibrary=\"%s\" is a relative URI: it "
		    "must be absolute (RELAX NG 3)", v);
	else if (e[strlen(uri->scheme) + 1] == '\0')
		S_err(y, n, "datatypeLibrary=\"%s\" is no URI: nothing "
		    "follows its scheme (RELAX NG 3)", v);
	else if (uri->fragment != NULL || strchr(e, '#') != NULL)
		S_err(y, n, "datatypeLibrary=\"%s\" has a fragment "
		    "identifier (RELAX NG 3)", v);
	if (uri != NULL)
		xmlFreeURI(uri);
	free(e);
}

/* The attributes each element may have beyond ns and datatypeLibrary
 * (and foreign ones), and the one it must have. */
static const struct {
	const char	*element;
	const char	*atts;
	const char	*required;
} atts[] = {
	{ "attribute",	 " name ",	   NULL },
	{ "data",	 " type ",	   "type" },
	{ "define",	 " name combine ", "name" },
	{ "element",	 " name ",	   NULL },
	{ "externalRef", " href ",	   "href" },
	{ "include",	 " href ",	   "href" },
	{ "param",	 " name ",	   "name" },
	{ "parentRef",	 " name ",	   "name" },
	{ "ref",	 " name ",	   "name" },
	{ "start",	 " combine ",	   NULL },
	{ "value",	 " type ",	   NULL },
};

/* One attribute's value, by what it names. */
static void
S_check_value(struct syn *y, const struct rnode *n, const char *name,
    const char *v)
{
	char	 buf[1024];
	const char *t;

	if (strcmp(name, "href") == 0) {
		S_check_href(y, n, v);
		return;
	}
	t = S_trim(v, buf, sizeof(buf));
	if (strcmp(name, "combine") == 0) {
		if (strcmp(t, "choice") != 0 && strcmp(t, "interleave") != 0)
			S_err(y, n, "combine=\"%s\": it is \"choice\" or "
			    "\"interleave\" (RELAX NG 4.17)", v);
	} else if (strcmp(name, "type") == 0 || (strcmp(n->name,
	    "element") != 0 && strcmp(n->name, "attribute") != 0)) {
		if (xmlValidateNCName(BAD_CAST t, 0) != 0)
			S_err(y, n, "%s=\"%s\" is not an NCName (RELAX NG 3)",
			    name, v);
	} else if (xmlValidateQName(BAD_CAST t, 0) != 0)
		S_err(y, n, "name=\"%s\" is not a QName (RELAX NG 3)", v);
}

static void
S_check_atts(struct syn *y, const struct rnode *n)
{
	const char *const *a;
	const char	*allowed = " ", *required = NULL;
	char		 key[128];
	size_t		 i;

	for (i = 0; i < sizeof(atts) / sizeof(atts[0]); i++)
		if (strcmp(atts[i].element, n->name) == 0) {
			allowed = atts[i].atts;
			required = atts[i].required;
			break;
		}
	for (a = n->attrs; a != NULL && a[0] != NULL; a += 2) {
		snprintf(key, sizeof(key), " %s ", a[0]);
		if (strncmp(a[0], "xml:", 4) == 0 ||
		    strcmp(a[0], "ns") == 0)
			continue;
		if (strcmp(a[0], "datatypeLibrary") == 0)
			S_check_library(y, n, a[1]);
		else if (strncmp(a[0], "rng:", 4) == 0)
			S_err(y, n, "attribute %s is in the RELAX NG "
			    "namespace: only foreign attributes may be "
			    "qualified (RELAX NG 3)", a[0] + 4);
		else if (strstr(allowed, key) == NULL)
			S_err(y, n, "has no attribute \"%s\" (RELAX NG 3)",
			    a[0]);
		else
			S_check_value(y, n, a[0], a[1]);
	}
	if (required != NULL && rnode_attr(n, required) == NULL)
		S_err(y, n, "needs a %s attribute (RELAX NG 3)", required);
}

/* What every element is checked for: its attributes; text only in
 * value, param and name, which hold nothing else. */
static void
S_check_common(struct syn *y, const struct rnode *n)
{
	int	 text = strcmp(n->name, "value") == 0 ||
		    strcmp(n->name, "param") == 0 ||
		    strcmp(n->name, "name") == 0;

	S_check_atts(y, n);
	if (text && n->children != NULL)
		S_err(y, n, "may hold only text, not <%s> (RELAX NG 3)",
		    n->children->name);
	else if (!text && n->text != NULL)
		S_err(y, n, "may not hold text (\"%s\") (RELAX NG 3)",
		    n->text);
}

enum nc_ctx {
	NC_TOP,
	NC_IN_ANY,	/* in the except of an anyName */
	NC_IN_NS	/* in the except of an nsName */
};

static void	S_check_pattern(struct syn *, const struct rnode *);
static void	S_check_nc(struct syn *, const struct rnode *, enum nc_ctx,
		    int attr);

/* The children of n from c on: min to max patterns (max 0: any). */
static void
S_check_patterns(struct syn *y, const struct rnode *n,
    const struct rnode *c, size_t min, size_t max)
{
	size_t	 k = S_count(c);

	if (k < min)
		S_err(y, n, "needs %s (RELAX NG 3)", min == 1 && max == 1 ?
		    "a pattern" : "at least one pattern");
	else if (max > 0 && k > max)
		S_err(y, n, "may hold only one pattern (RELAX NG 3)");
	for (c = S_next(c); c != NULL; c = S_next(c->next))
		S_check_pattern(y, c);
}

/* Section 4.16: an attribute may not be named xmlns nor be in the
 * namespace of namespace declarations. */
static void
S_check_xmlns(struct syn *y, const struct rnode *n, const char *ns,
    const char *local)
{
	if (strcmp(ns, XMLNS_NS) == 0)
		S_err(y, n, "an attribute may not be in the namespace %s "
		    "(RELAX NG 4.16)", XMLNS_NS);
	else if (local != NULL && *ns == '\0' && strcmp(local, "xmlns") == 0)
		S_err(y, n, "an attribute may not be named xmlns "
		    "(RELAX NG 4.16)");
}

/* The namespace of QName q at n; NULL when its prefix is undeclared
 * (the compiler says so). */
static const char *
S_qname_ns(const struct rnode *n, const char *q, const char *dflt,
    const char **local)
{
	const char	*colon = strchr(q, ':');
	char		 prefix[128];

	*local = colon != NULL ? colon + 1 : q;
	if (colon == NULL)
		return dflt;
	snprintf(prefix, sizeof(prefix), "%.*s", (int)(colon - q), q);
	if (strcmp(prefix, "xml") == 0)
		return XML_NS;
	return rnode_ns_lookup(n, prefix);
}

static void
S_check_owner(struct syn *y, const struct rnode *n)
{
	const char	*name = rnode_attr(n, "name"), *ns, *local;
	const struct rnode *c = S_next(n->children);
	char		 buf[1024];
	int		 attr = n->name[0] == 'a';

	S_check_common(y, n);
	if (name != NULL) {
		if (attr) {
			S_trim(name, buf, sizeof(buf));
			ns = S_qname_ns(n, buf, rnode_attr(n, "ns") ?
			    rnode_attr(n, "ns") : "", &local);
			if (ns != NULL)
				S_check_xmlns(y, n, ns, local);
		}
		S_check_patterns(y, n, c, attr ? 0 : 1, attr ? 1 : 0);
		return;
	}
	if (c == NULL) {
		S_err(y, n, "needs a name attribute or a name class "
		    "(RELAX NG 3)");
		return;
	}
	S_check_nc(y, c, NC_TOP, attr);
	S_check_patterns(y, n, c->next, attr ? 0 : 1, attr ? 1 : 0);
}

static void
S_check_data(struct syn *y, const struct rnode *n)
{
	const struct rnode *c;
	int		 except = 0;

	S_check_common(y, n);
	for (c = S_next(n->children); c != NULL; c = S_next(c->next)) {
		if (S_is(c, "param")) {
			if (except)
				S_err(y, c, "a <param> comes before the "
				    "<except> (RELAX NG 3)");
			S_check_common(y, c);
		} else if (S_is(c, "except")) {
			if (except++)
				S_err(y, c, "<data> has one <except> at most "
				    "(RELAX NG 3)");
			S_check_common(y, c);
			S_check_patterns(y, c, c->children, 1, 0);
		} else
			S_err(y, c, "is not allowed in <data> (RELAX NG 3)");
	}
}

static void	S_check_grammar(struct syn *, const struct rnode *, int);

static void
S_check_pattern(struct syn *y, const struct rnode *n)
{
	static const char *const plain[] = { "group", "interleave",
	    "choice", "optional", "zeroOrMore", "oneOrMore", "list", "mixed" };
	static const char *const leaf[] = { "ref", "parentRef", "empty",
	    "text", "notAllowed", "externalRef", "value" };
	size_t	 i;

	if (S_is(n, "element") || S_is(n, "attribute")) {
		S_check_owner(y, n);
		return;
	}
	if (S_is(n, "data")) {
		S_check_data(y, n);
		return;
	}
	if (S_is(n, "grammar")) {
		S_check_common(y, n);
		S_check_grammar(y, n, 0);
		return;
	}
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		if (S_is(n, plain[i])) {
			S_check_common(y, n);
			S_check_patterns(y, n, n->children, 1, 0);
			return;
		}
	for (i = 0; i < sizeof(leaf) / sizeof(leaf[0]); i++)
		if (S_is(n, leaf[i])) {
			S_check_common(y, n);
			if (S_next(n->children) != NULL)
				S_err(y, n, "may not hold <%s> (RELAX NG 3)",
				    S_next(n->children)->name);
			return;
		}
	if (n->rng)
		S_err(y, n, "is not a pattern (RELAX NG 3)");
	else
		S_err(y, n, "is not in the RELAX NG namespace (%s): not a "
		    "pattern (RELAX NG 3)", RNG_NS);
}

/* The components of a grammar, or of an include (no include there). */
static void
S_check_grammar(struct syn *y, const struct rnode *g, int include)
{
	const struct rnode *c;

	for (c = S_next(g->children); c != NULL; c = S_next(c->next)) {
		if (S_is(c, "start")) {
			S_check_common(y, c);
			S_check_patterns(y, c, c->children, 1, 1);
		} else if (S_is(c, "define")) {
			S_check_common(y, c);
			S_check_patterns(y, c, c->children, 1, 0);
		} else if (S_is(c, "div")) {
			S_check_common(y, c);
			S_check_grammar(y, c, include);
		} else if (S_is(c, "include") && !include) {
			S_check_common(y, c);
			S_check_grammar(y, c, 1);
		} else
			S_err(y, c, "is not allowed in <%s> (RELAX NG 3)",
			    g->name);
	}
}

static void
S_check_nc_except(struct syn *y, const struct rnode *n, enum nc_ctx in,
    int attr)
{
	const struct rnode *c = S_next(n->children);

	if (c == NULL)
		return;
	if (!S_is(c, "except")) {
		S_err(y, c, "is not allowed in <%s>: only <except> is "
		    "(RELAX NG 3)", n->name);
		return;
	}
	if (S_next(c->next) != NULL)
		S_err(y, S_next(c->next), "is not allowed in <%s>: one "
		    "<except> only (RELAX NG 3)", n->name);
	S_check_common(y, c);
	if (S_next(c->children) == NULL)
		S_err(y, c, "needs at least one name class (RELAX NG 3)");
	for (c = S_next(c->children); c != NULL; c = S_next(c->next))
		S_check_nc(y, c, in, attr);
}

static void
S_check_nc(struct syn *y, const struct rnode *n, enum nc_ctx in, int attr)
{
	const char	*ns, *local;
	const struct rnode *c;
	char		 buf[1024];

	if (!S_is(n, "name") && !S_is(n, "anyName") && !S_is(n, "nsName") &&
	    !S_is(n, "choice")) {
		S_err(y, n, "is not a name class (RELAX NG 3)");
		return;
	}
	S_check_common(y, n);
	if (S_is(n, "name")) {
		S_trim(n->text != NULL ? n->text : "", buf, sizeof(buf));
		if (xmlValidateQName(BAD_CAST buf, 0) != 0)
			S_err(y, n, "\"%s\" is not a QName (RELAX NG 3)", buf);
		else if (attr && (ns = S_qname_ns(n, buf, S_ns(n),
		    &local)) != NULL)
			S_check_xmlns(y, n, ns, local);
	} else if (S_is(n, "anyName")) {
		if (in != NC_TOP)
			S_err(y, n, "may not be in the <except> of <%s> "
			    "(RELAX NG 4.16)", in == NC_IN_ANY ? "anyName" :
			    "nsName");
		S_check_nc_except(y, n, in == NC_IN_NS ? in : NC_IN_ANY,
		    attr);
	} else if (S_is(n, "nsName")) {
		if (in == NC_IN_NS)
			S_err(y, n, "may not be in the <except> of <nsName> "
			    "(RELAX NG 4.16)");
		if (attr)
			S_check_xmlns(y, n, S_ns(n), NULL);
		S_check_nc_except(y, n, NC_IN_NS, attr);
	} else {
		if (S_next(n->children) == NULL)
			S_err(y, n, "needs at least one name class "
			    "(RELAX NG 3)");
		for (c = S_next(n->children); c != NULL; c = S_next(c->next))
			S_check_nc(y, c, in, attr);
	}
}

size_t
rng_check_syntax(const struct rnode *root, rng_check_fn fn, void *arg)
{
	struct syn	 y;

	y.fn = fn;
	y.arg = arg;
	y.errors = 0;
	S_check_pattern(&y, root);
	return y.errors;
}

/* ---- section 7: the restrictions, on the compiled patterns ---- */

/* The contexts a pattern is reached in: the ancestors section 7.1
 * restricts (oneOrMore matters to 7.1.2 and 7.3 both). */
enum {
	C_ATT		= 0x01,	/* in an attribute */
	C_OOM		= 0x02,	/* in a oneOrMore */
	C_OOM_GI	= 0x04,	/* in a group or interleave in a oneOrMore */
	C_LIST		= 0x08,	/* in a list */
	C_EXCEPT	= 0x10,	/* in the except of a data */
	C_START		= 0x20	/* in the start, outside any element */
};

/* Content types (7.2), in increasing order; NONE: has none (an error
 * was reported). */
enum { CT_UNKNOWN, CT_EMPTY, CT_COMPLEX, CT_SIMPLE, CT_NONE };

#define P_QUEUED	0x01	/* an element whose content is queued */
#define P_PAIRS		0x02	/* a group or interleave whose two sides
				 * were compared (7.3, 7.4) */

struct frame {
	rng_id		 p;
	uint8_t		 ctx;
	const struct rnode *w;	/* where the nearest pattern on the path
				 * that has a place was made */
};

struct ids {
	rng_id		*v;
	size_t		 n, cap;
};

struct chk {
	struct rng_schema *s;
	struct rng_ctx	 c;
	const struct rnode *const *where;
	size_t		 nwhere;
	rng_check_fn	 fn;
	void		*arg;
	size_t		 errors;
	int		 nomem;
	size_t		 n;		/* patterns */
	uint64_t	*seen;		/* bit ctx: walked in context ctx */
	uint8_t		*flags;		/* P_* */
	uint8_t		*ct;		/* content type, CT_UNKNOWN at first */
	uint32_t	*mark;		/* gathered in walk number mark */
	uint32_t	 gen;
	struct frame	*stack;
	size_t		 nstack, capstack;
	struct ids	 elems;		/* reached, their content to walk */
	struct ids	 todo;		/* gathering's own stack */
	struct ids	 left, right;	/* what two sides hold */
	struct ids	 reps;		/* names, for overlap */
};

static void
S_perr(struct chk *k, const struct rnode *w, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	S_vreport(k->fn, k->arg, &k->errors, w, fmt, ap);
	va_end(ap);
}

static int
S_push_id(struct chk *k, struct ids *l, rng_id id)
{
	rng_id	*v;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		if ((v = realloc(l->v, l->cap * sizeof(*v))) == NULL) {
			k->nomem = 1;
			return -1;
		}
		l->v = v;
	}
	l->v[l->n++] = id;
	return 0;
}

static void
S_push(struct chk *k, rng_id p, uint8_t ctx, const struct rnode *w)
{
	struct frame	*v;

	if (k->nstack == k->capstack) {
		k->capstack = k->capstack ? 2 * k->capstack : 256;
		if ((v = realloc(k->stack, k->capstack * sizeof(*v))) ==
		    NULL) {
			k->nomem = 1;
			return;
		}
		k->stack = v;
	}
	k->stack[k->nstack].p = p;
	k->stack[k->nstack].ctx = ctx;
	k->stack[k->nstack++].w = w;
}

/* Where pattern p was made, or else w. */
static const struct rnode *
S_at(const struct chk *k, rng_id p, const struct rnode *w)
{
	return p < k->nwhere && k->where[p] != NULL ? k->where[p] : w;
}

/* ---- name classes ---- */

/*
 * Does nc hold anyName or nsName (an infinite class)?  The compiler
 * builds a choice of names as a chain through `a`, which may be long
 * (a list of a thousand names), each `b` a name class of its own, as
 * deep as the schema nests them: the chain is walked in a loop, only
 * `b` recursively; so in S_flat_add().
 */
static int
S_nc_infinite(const struct rng_schema *s, uint32_t nc)
{
	const struct rng_nc *c;

	for (;;) {
		c = &s->ncs[nc];
		if (c->kind == NC_ANY || c->kind == NC_NSNAME)
			return 1;
		if (c->kind != NC_CHOICE)
			return 0;
		if (S_nc_infinite(s, c->b))
			return 1;
		nc = c->a;
	}
}

/*
 * A name class flattened, to tell fast whether two overlap: its names
 * (sorted), its nsNames (sorted by namespace) and anyNames, each with
 * its except flattened the same way (excepts nest at most twice,
 * section 4.16).  The union of many classes flattens into one, so that
 * the attributes of the two sides of a group are compared in
 * n log n, not pairwise.
 */
struct fns {
	uint32_t	 ns;
	struct flat	*except;	/* or NULL */
};

struct flat {
	uint32_t	*names;
	size_t		 nnames, capnames;
	struct fns	*nss;
	size_t		 nnss, capnss;
	struct flat	**anys;		/* each anyName's except */
	size_t		 nanys, capanys;
	int		 any;		/* an anyName without except */
};

static void
S_flat_free(struct flat *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nnss; i++)
		S_flat_free(f->nss[i].except);
	for (i = 0; i < f->nanys; i++)
		S_flat_free(f->anys[i]);
	free(f->names);
	free(f->nss);
	free(f->anys);
	free(f);
}

static int
S_grow(void *pv, size_t *cap, size_t n, size_t size)
{
	void	**p = pv, *v;

	if (n < *cap)
		return 0;
	*cap = *cap ? 2 * *cap : 16;
	if ((v = realloc(*p, *cap * size)) == NULL)
		return -1;
	*p = v;
	return 0;
}

static struct flat *S_flat_of(struct chk *, uint32_t);

/* Add nc to f.  A choice of names is a chain through `a` (the compiler
 * builds it so), which may be long; each `b` is a class of its own, as
 * deep as the schema nests them: the chain is walked in a loop. */
static void
S_flat_add(struct chk *k, struct flat *f, uint32_t nc)
{
	const struct rng_nc *c;

	for (; !k->nomem; nc = c->a) {
		c = &k->s->ncs[nc];
		if (c->kind == NC_CHOICE) {
			S_flat_add(k, f, c->b);
			continue;
		}
		if (c->kind == NC_NAME) {
			if (S_grow(&f->names, &f->capnames, f->nnames,
			    sizeof(*f->names)) != 0)
				break;
			f->names[f->nnames++] = c->a;
		} else if (c->kind == NC_NSNAME) {
			if (S_grow(&f->nss, &f->capnss, f->nnss,
			    sizeof(*f->nss)) != 0)
				break;
			f->nss[f->nnss].ns = c->a;
			f->nss[f->nnss++].except = c->b == RNG_NONE ? NULL :
			    S_flat_of(k, c->b);
		} else if (c->a == RNG_NONE)	/* anyName (a: except) */
			f->any = 1;
		else {
			if (S_grow(&f->anys, &f->capanys, f->nanys,
			    sizeof(*f->anys)) != 0)
				break;
			f->anys[f->nanys++] = S_flat_of(k, c->a);
		}
		return;
	}
	k->nomem = 1;
}

static int
S_u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void
S_flat_sort(struct flat *f)
{
	/* a NULL base, even of none, is undefined */
	if (f->nnames > 1)
		qsort(f->names, f->nnames, sizeof(*f->names), S_u32_cmp);
	if (f->nnss > 1)
		qsort(f->nss, f->nnss, sizeof(*f->nss), S_u32_cmp);
}

static struct flat *
S_flat_of(struct chk *k, uint32_t nc)
{
	struct flat	*f;

	if ((f = calloc(1, sizeof(*f))) == NULL) {
		k->nomem = 1;
		return NULL;
	}
	S_flat_add(k, f, nc);
	S_flat_sort(f);
	return f;
}

/* The namespace of name id n, as rng_nc_contains() takes ids. */
static uint32_t
S_name_ns(const struct rng_schema *s, uint32_t n)
{
	if (n < s->nnames)
		return s->names[n].ns;
	if (n - s->nnames < s->nnss)
		return (uint32_t)(n - s->nnames);
	return RNG_NS_UNKNOWN;
}

/* Is name id n in the flattened class f (NULL: the empty class)? */
static int
S_flat_has(const struct rng_schema *s, const struct flat *f, uint32_t n)
{
	size_t		 lo, hi, mid, i;
	uint32_t	 ns;

	if (f == NULL)
		return 0;
	if (f->any)
		return 1;
	if (n < s->nnames && f->nnames > 0 && bsearch(&n, f->names,
	    f->nnames, sizeof(*f->names), S_u32_cmp) != NULL)
		return 1;
	ns = S_name_ns(s, n);
	for (lo = 0, hi = f->nnss; lo < hi;) {
		mid = (lo + hi) / 2;
		if (f->nss[mid].ns < ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < f->nnss && f->nss[i].ns == ns; i++)
		if (!S_flat_has(s, f->nss[i].except, n))
			return 1;
	for (i = 0; i < f->nanys; i++)
		if (!S_flat_has(s, f->anys[i], n))
			return 1;
	return 0;
}

/* One name of each kind f tells apart (after jing): each name it
 * lists, one of each namespace it lists that it does not, excepts
 * included; a name in no namespace the schema knows is added by the
 * caller. */
static void
S_flat_reps(struct chk *k, const struct flat *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nnames; i++)
		S_push_id(k, &k->reps, f->names[i]);
	for (i = 0; i < f->nnss; i++) {
		S_push_id(k, &k->reps, (rng_id)(k->s->nnames + f->nss[i].ns));
		S_flat_reps(k, f->nss[i].except);
	}
	for (i = 0; i < f->nanys; i++)
		S_flat_reps(k, f->anys[i]);
}

/* A name class for a message. */
static const char *
S_nc_str(const struct chk *k, uint32_t nc, char *buf, size_t sz)
{
	const struct rng_schema *s = k->s;
	const struct rng_nc *c = &s->ncs[nc];
	const struct rng_name *nm;

	switch (c->kind) {
	case NC_NAME:
		nm = &s->names[c->a];
		if (s->nss[nm->ns][0] == '\0')
			snprintf(buf, sz, "\"%s\"", nm->local);
		else
			snprintf(buf, sz, "\"{%s}%s\"", s->nss[nm->ns],
			    nm->local);
		break;
	case NC_ANY:
		snprintf(buf, sz, "<anyName>");
		break;
	case NC_NSNAME:
		snprintf(buf, sz, "<nsName ns=\"%s\">", s->nss[c->a]);
		break;
	default:
		snprintf(buf, sz, "<choice> of names");
		break;
	}
	return buf;
}

/* ---- 7.3 and 7.4: what the two sides of an operator hold ---- */

/*
 * The attribute patterns (att) or the element and text patterns (not
 * att) that occur in p as section 7.3 defines it (through choice,
 * group, interleave and oneOrMore only), into out; each pattern marked
 * with this gathering's number.  A pattern already marked with `other`
 * (the other side's number) that holds what is sought occurs on both
 * sides: its first such pattern is returned in *both.
 */
static void
S_gather(struct chk *k, rng_id p, int att, uint32_t other,
    struct ids *out, rng_id *both)
{
	struct rng_pat	 P;
	uint8_t		 want = att ? RF_ATT : RF_ELEM | RF_TEXT;

	k->todo.n = 0;
	S_push_id(k, &k->todo, p);
	while (k->todo.n > 0 && !k->nomem) {
		p = k->todo.v[--k->todo.n];
		P = rng_pat(&k->c, p);
		if (!(P.flags & want) || k->mark[p] == k->gen)
			continue;
		if (k->mark[p] == other && other != 0 && *both == RNG_NONE)
			*both = p;
		k->mark[p] = k->gen;
		switch (P.kind) {
		case RP_CHOICE:
		case RP_GROUP:
		case RP_INTERLEAVE:
			S_push_id(k, &k->todo, P.b);
			/* FALLTHROUGH */
		case RP_ONEORMORE:
			S_push_id(k, &k->todo, P.a);
			break;
		case RP_ATTRIBUTE:
		case RP_ELEMENT:
		case RP_TEXT:
			S_push_id(k, out, p);
			break;
		}
	}
}

/*
 * Two patterns of l and r (attributes, or elements) whose name classes
 * overlap, into *x and *y; 0 if none.  The union of each side's classes
 * is flattened; a name in both unions is in a class of each side.
 */
static int
S_overlap(struct chk *k, const struct ids *l, const struct ids *r,
    rng_id *x, rng_id *y, uint32_t *name)
{
	const struct rng_schema *s = k->s;
	struct flat	*fl, *fr;
	size_t		 i, j;
	uint32_t	 n;
	int		 found = 0;

	if ((fl = calloc(1, sizeof(*fl))) == NULL ||
	    (fr = calloc(1, sizeof(*fr))) == NULL) {
		free(fl);
		k->nomem = 1;
		return 0;
	}
	for (i = 0; i < l->n; i++)
		S_flat_add(k, fl, rng_pat(&k->c, l->v[i]).a);
	for (j = 0; j < r->n; j++)
		S_flat_add(k, fr, rng_pat(&k->c, r->v[j]).a);
	S_flat_sort(fl);
	S_flat_sort(fr);
	k->reps.n = 0;
	S_flat_reps(k, fl);
	S_flat_reps(k, fr);
	S_push_id(k, &k->reps, (rng_id)(s->nnames + s->nnss));
	for (i = 0; i < k->reps.n && !k->nomem && !found; i++) {
		n = k->reps.v[i];
		if (!S_flat_has(s, fl, n) || !S_flat_has(s, fr, n))
			continue;
		/* the witnesses, for the message */
		for (j = 0; j < l->n; j++)
			if (rng_nc_contains(s, rng_pat(&k->c, l->v[j]).a, n))
				break;
		*x = l->v[j < l->n ? j : 0];
		for (j = 0; j < r->n; j++)
			if (rng_nc_contains(s, rng_pat(&k->c, r->v[j]).a, n))
				break;
		*y = r->v[j < r->n ? j : 0];
		*name = n;
		found = 1;
	}
	S_flat_free(fl);
	S_flat_free(fr);
	return found;
}

/* A name id for a message. */
static const char *
S_name_str(const struct chk *k, uint32_t n, char *buf, size_t sz)
{
	const struct rng_schema *s = k->s;
	const struct rng_name *nm;

	if (n < s->nnames) {
		nm = &s->names[n];
		if (s->nss[nm->ns][0] == '\0')
			snprintf(buf, sz, "\"%s\"", nm->local);
		else
			snprintf(buf, sz, "\"{%s}%s\"", s->nss[nm->ns],
			    nm->local);
	} else if (n - s->nnames < s->nnss && s->nss[n - s->nnames][0] ==
	    '\0')
		snprintf(buf, sz, "names in no namespace");
	else if (n - s->nnames < s->nnss)
		snprintf(buf, sz, "names in the namespace \"%s\"",
		    s->nss[n - s->nnames]);
	else
		snprintf(buf, sz, "names in other namespaces");
	return buf;
}

/* Patterns x and y (what: attributes or elements) both allow name. */
static void
S_overlap_err(struct chk *k, const struct rnode *w, const char *what,
    rng_id x, rng_id y, uint32_t name, const char *why)
{
	const struct rng_nc *cx = &k->s->ncs[rng_pat(&k->c, x).a];
	const struct rng_nc *cy = &k->s->ncs[rng_pat(&k->c, y).a];
	char		 b1[256], b2[256], b3[256];

	if (cx->kind == NC_NAME && cy->kind == NC_NAME)
		S_perr(k, w, "%s %s %s", what, S_name_str(k, name, b3,
		    sizeof(b3)), why);
	else
		S_perr(k, w, "%ss %s and %s both allow %s: an %s %s", what,
		    S_nc_str(k, rng_pat(&k->c, x).a, b1, sizeof(b1)),
		    S_nc_str(k, rng_pat(&k->c, y).a, b2, sizeof(b2)),
		    S_name_str(k, name, b3, sizeof(b3)), what, why);
}

/* Sections 7.3 (group, interleave) and 7.4 (interleave) on p. */
static void
S_pairs(struct chk *k, rng_id p, const struct rng_pat *P,
    const struct rnode *w)
{
	rng_id		 both = RNG_NONE, x, y;
	uint32_t	 first, name;
	size_t		 i, tl = 0, tr = 0;
	int		 il = P->kind == RP_INTERLEAVE;
	int		 att;

	k->flags[p] |= P_PAIRS;
	for (att = 1; att >= (il ? 0 : 1); att--) {
		if (!(rng_pat(&k->c, P->a).flags & rng_pat(&k->c, P->b).flags &
		    (att ? RF_ATT : RF_ELEM | RF_TEXT)))
			continue;
		k->left.n = k->right.n = 0;
		both = RNG_NONE;
		first = ++k->gen;
		S_gather(k, P->a, att, 0, &k->left, &both);
		++k->gen;
		S_gather(k, P->b, att, first, &k->right, &both);
		if (k->nomem)
			return;
		if (att) {
			if (both != RNG_NONE)
				S_perr(k, w, "an attribute may occur twice: "
				    "the same attribute pattern is on both "
				    "sides of a <%s> (RELAX NG 7.3)",
				    il ? "interleave" : "group");
			else if (S_overlap(k, &k->left, &k->right, &x, &y,
			    &name))
				S_overlap_err(k, w, "attribute", x, y, name,
				    "may occur twice (RELAX NG 7.3)");
			continue;
		}
		for (i = 0; i < k->left.n; i++)
			tl += rng_pat(&k->c, k->left.v[i]).kind == RP_TEXT;
		for (i = 0; i < k->right.n; i++)
			tr += rng_pat(&k->c, k->right.v[i]).kind == RP_TEXT;
		if ((tl && tr) || (both != RNG_NONE &&
		    rng_pat(&k->c, both).flags & RF_TEXT)) {
			S_perr(k, w, "<text/> on both sides of an "
			    "<interleave> (RELAX NG 7.4)");
			continue;
		}
		if (both != RNG_NONE) {
			S_perr(k, w, "the same element may occur on both "
			    "sides of an <interleave> (RELAX NG 7.4)");
			continue;
		}
		/* only elements from here */
		for (i = tl = 0; i < k->left.n; i++)
			if (rng_pat(&k->c, k->left.v[i]).kind == RP_ELEMENT)
				k->left.v[tl++] = k->left.v[i];
		k->left.n = tl;
		for (i = tr = 0; i < k->right.n; i++)
			if (rng_pat(&k->c, k->right.v[i]).kind == RP_ELEMENT)
				k->right.v[tr++] = k->right.v[i];
		k->right.n = tr;
		if (S_overlap(k, &k->left, &k->right, &x, &y, &name))
			S_overlap_err(k, w, "element", x, y, name, "may "
			    "occur on both sides of an <interleave> "
			    "(RELAX NG 7.4)");
	}
}

/* ---- 7.1: prohibited paths ---- */

static const char *
S_kind(int kind)
{
	switch (kind) {
	case RP_EMPTY:
		return "<empty/>";
	case RP_TEXT:
		return "<text/>";
	case RP_GROUP:
		return "a <group>";
	case RP_INTERLEAVE:
		return "an <interleave>";
	case RP_ONEORMORE:
		return "a <oneOrMore>";
	case RP_LIST:
		return "a <list>";
	case RP_DATA:
		return "a <data>";
	case RP_VALUE:
		return "a <value>";
	case RP_ATTRIBUTE:
		return "an <attribute>";
	case RP_ELEMENT:
		return "an <element>";
	}
	return "a pattern";
}

/* The first rule of 7.1 that a pattern of this kind breaks in ctx: the
 * ancestor it may not have, and the section; NULL if none. */
static const char *
S_prohibited(int kind, uint8_t ctx, const char **sect)
{
#define B(x)	(1u << (x))
	static const struct {
		uint8_t		 ctx;
		const char	*inside, *sect;
		unsigned	 kinds;	/* B(RP_*) of those prohibited */
	} rules[] = {
		{ C_ATT, "an <attribute>", "7.1.1",
		    B(RP_ATTRIBUTE) | B(RP_ELEMENT) },
		{ C_OOM_GI, "a <group> or <interleave> in a <oneOrMore>",
		    "7.1.2", B(RP_ATTRIBUTE) },
		{ C_LIST, "a <list>", "7.1.3", B(RP_LIST) | B(RP_ELEMENT) |
		    B(RP_ATTRIBUTE) | B(RP_TEXT) | B(RP_INTERLEAVE) },
		{ C_EXCEPT, "the <except> of a <data>", "7.1.4",
		    B(RP_ATTRIBUTE) | B(RP_ELEMENT) | B(RP_TEXT) |
		    B(RP_LIST) | B(RP_GROUP) | B(RP_INTERLEAVE) |
		    B(RP_ONEORMORE) | B(RP_EMPTY) },
		{ C_START, "the <start> (outside any <element>)", "7.1.5",
		    B(RP_ATTRIBUTE) | B(RP_DATA) | B(RP_VALUE) | B(RP_TEXT) |
		    B(RP_LIST) | B(RP_GROUP) | B(RP_INTERLEAVE) |
		    B(RP_ONEORMORE) | B(RP_EMPTY) },
	};
	size_t	 i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if ((ctx & rules[i].ctx) && (rules[i].kinds & B(kind))) {
			*sect = rules[i].sect;
			return rules[i].inside;
		}
	return NULL;
#undef B
}

/* Walk the patterns from root in context ctx: 7.1, and 7.3 and 7.4 at
 * each group and interleave; elements reached are queued. */
static void
S_walk(struct chk *k, rng_id root, uint8_t ctx, const struct rnode *w)
{
	struct frame	 f;
	struct rng_pat	 P;
	const char	*inside, *sect;
	char		 buf[256];
	uint8_t		 nctx;

	k->nstack = 0;
	S_push(k, root, ctx, w);
	while (k->nstack > 0 && !k->nomem) {
		f = k->stack[--k->nstack];
		if (k->seen[f.p] & (UINT64_C(1) << f.ctx))
			continue;
		k->seen[f.p] |= UINT64_C(1) << f.ctx;
		w = S_at(k, f.p, f.w);
		P = rng_pat(&k->c, f.p);
		if (P.kind == RP_CHOICE) {
			S_push(k, P.b, f.ctx, w);
			S_push(k, P.a, f.ctx, w);
			continue;
		}
		if ((inside = S_prohibited(P.kind, f.ctx, &sect)) != NULL) {
			S_perr(k, w, "%s may not occur inside %s "
			    "(RELAX NG %s)", S_kind(P.kind), inside, sect);
			continue;
		}
		nctx = f.ctx;
		switch (P.kind) {
		case RP_ELEMENT:
			if (!(k->flags[f.p] & P_QUEUED)) {
				k->flags[f.p] |= P_QUEUED;
				S_push_id(k, &k->elems, f.p);
			}
			break;
		case RP_ATTRIBUTE:
			if (!(f.ctx & C_OOM) && S_nc_infinite(k->s, P.a)) {
				S_perr(k, w, "an attribute named by %s must "
				    "be inside a <oneOrMore> (RELAX NG 7.3)",
				    S_nc_str(k, P.a, buf, sizeof(buf)));
				break;
			}
			S_push(k, P.b, nctx | C_ATT, w);
			break;
		case RP_GROUP:
		case RP_INTERLEAVE:
			if (!(k->flags[f.p] & P_PAIRS))
				S_pairs(k, f.p, &P, w);
			if (nctx & C_OOM)
				nctx |= C_OOM_GI;
			S_push(k, P.b, nctx, w);
			S_push(k, P.a, nctx, w);
			break;
		case RP_ONEORMORE:
			S_push(k, P.a, nctx | C_OOM, w);
			break;
		case RP_LIST:
			S_push(k, P.a, nctx | C_LIST, w);
			break;
		case RP_DATA:
			if (P.b != RNG_NONE)
				S_push(k, P.b, nctx | C_EXCEPT, w);
			break;
		}
	}
}

/* ---- 7.2: string sequences ---- */

static int
S_groupable(int x, int y)
{
	return x == CT_EMPTY || y == CT_EMPTY ||
	    (x == CT_COMPLEX && y == CT_COMPLEX);
}

/* What a group or interleave of content types x and y, not groupable,
 * holds. */
static const char *
S_ct_what(int x, int y)
{
	if (x == CT_SIMPLE && y == CT_SIMPLE)
		return "two patterns that each match a string (data, value "
		    "or list)";
	return "a pattern that matches a string (data, value or list) "
	    "beside an element or text";
}

/*
 * The content type of p (7.2), reporting where it has none.  Recurses
 * as deep as patterns nest, which rng_compile() bounds (RNG_MAX_DEPTH);
 * the alternatives of a choice are walked in a loop.
 */
static int
S_ct(struct chk *k, rng_id p, const struct rnode *w)
{
	struct rng_pat	 P;
	rng_id		 q;
	int		 x, y, r = CT_UNKNOWN;

	if (k->ct[p] != CT_UNKNOWN)
		return k->ct[p];
	w = S_at(k, p, w);
	P = rng_pat(&k->c, p);
	switch (P.kind) {
	case RP_NOTALLOWED:
	case RP_EMPTY:
		r = CT_EMPTY;
		break;
	case RP_TEXT:
	case RP_ELEMENT:
		r = CT_COMPLEX;
		break;
	case RP_DATA:
	case RP_VALUE:
	case RP_LIST:
		r = CT_SIMPLE;
		break;
	case RP_ATTRIBUTE:
		r = S_ct(k, P.b, w) == CT_NONE ? CT_NONE : CT_EMPTY;
		break;
	case RP_CHOICE:
		for (q = p, r = CT_EMPTY;; q = P.b) {
			P = rng_pat(&k->c, q);
			if (P.kind != RP_CHOICE) {
				x = S_ct(k, q, w);
				r = x > r ? x : r;
				break;
			}
			x = S_ct(k, P.a, w);
			r = x > r ? x : r;
		}
		break;
	case RP_GROUP:
	case RP_INTERLEAVE:
		x = S_ct(k, P.a, w);
		y = S_ct(k, P.b, w);
		if (x == CT_NONE || y == CT_NONE)
			r = CT_NONE;
		else if (S_groupable(x, y))
			r = x > y ? x : y;
		else {
			S_perr(k, w, "%s in one %s: a pattern that matches "
			    "a string may only be an alternative to others "
			    "(RELAX NG 7.2)", S_ct_what(x, y),
			    P.kind == RP_GROUP ? "<group>" : "<interleave>");
			r = CT_NONE;
		}
		break;
	case RP_ONEORMORE:
		x = S_ct(k, P.a, w);
		if (x == CT_SIMPLE) {
			S_perr(k, w, "a pattern that matches a string (data, "
			    "value or list) repeated by <oneOrMore>: it may "
			    "only be an alternative to others (RELAX NG 7.2)");
			r = CT_NONE;
		} else
			r = x;
		break;
	default:
		r = CT_EMPTY;
		break;
	}
	k->ct[p] = (uint8_t)r;
	return r;
}

size_t
rng_check_patterns(struct rng_schema *s, const struct rnode *const *where,
    size_t nwhere, const struct rnode *top, rng_check_fn fn, void *arg)
{
	struct chk	 k;
	size_t		 i;
	rng_id		 el;

	memset(&k, 0, sizeof(k));
	k.s = s;
	k.c.s = s;
	k.c.own = &s->st;
	k.c.base = 0;
	k.where = where;
	k.nwhere = nwhere;
	k.fn = fn;
	k.arg = arg;
	k.n = s->st.n;
	if ((k.seen = calloc(k.n, sizeof(*k.seen))) == NULL ||
	    (k.flags = calloc(k.n, 1)) == NULL ||
	    (k.ct = calloc(k.n, 1)) == NULL ||
	    (k.mark = calloc(k.n, sizeof(*k.mark))) == NULL)
		k.nomem = 1;
	if (!k.nomem && s->start != RNG_NONE)
		S_walk(&k, s->start, C_START, S_at(&k, s->start, top));
	for (i = 0; i < k.elems.n && !k.nomem; i++) {
		el = k.elems.v[i];
		S_walk(&k, rng_pat(&k.c, el).b, 0, S_at(&k, el, top));
		(void)S_ct(&k, rng_pat(&k.c, el).b, S_at(&k, el, top));
	}
	free(k.seen);
	free(k.flags);
	free(k.ct);
	free(k.mark);
	free(k.stack);
	free(k.elems.v);
	free(k.todo.v);
	free(k.left.v);
	free(k.right.v);
	free(k.reps.v);
	return k.nomem ? (size_t)-1 : k.errors;
}
