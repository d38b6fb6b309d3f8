/*
 * schematron.c -- ISO Schematron (ISO/IEC 19757-3) over libxml2's tree,
 * with teikit's own XPath 2.0 (xpath.c): compile a schema once, check
 * any number of documents with it, from any number of threads.
 *
 * Compiling reads the schema (or the sch:* annotations of a RELAX NG
 * schema), replaces each sch:include by what it names, instantiates
 * abstract patterns (is-a, with their params substituted as text, as
 * the standard says) and abstract rules (extends), keeps the patterns
 * of the phase asked for, and compiles every expression: a rule's
 * context, its lets, the tests of its asserts and reports, and their
 * messages' value-of and name.  A schema- or phase-level let is
 * evaluated once per document with the document as context, and so is
 * a pattern's; a rule's lets each time it fires.
 *
 * Checking walks the document once, in document order: the document
 * node, each element, its attributes (and text nodes when a rule can
 * match them).  For each node, only the rules whose context can match
 * its kind and name are tried (xp_pattern_last), in schema order, and
 * in each pattern the first that matches fires: its asserts and
 * reports are evaluated with the node as context and current().
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/hash.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "internal.h"
#include "xpath.h"

#define SCH_NS		"http://purl.oclc.org/dsdl/schematron"
#define SCH15_NS	"http://www.ascc.net/xml/schematron"
#define RNG_NS		"http://relaxng.org/ns/structure/1.0"

#define MAX_INCLUDE_DEPTH 16	/* sch:include within sch:include */
#define MAX_INCLUDES	1000	/* sch:include in all */
#define MAX_EXTENDS_DEPTH 16	/* extends within extends */
#define MAX_FILE	(64L * 1024 * 1024)
#define MAX_LAST	16	/* name tests of one rule's context */
#define MAX_DYN_ERRORS	10	/* dynamic errors said per document */
#define MAX_SHOWN	200	/* bytes of a bad expression said */

/* A piece of a message: text, or an expression whose value is shown. */
struct part {
	char		*text;		/* or NULL: */
	struct xp_expr	*x;
};

/* An assert or a report. */
struct check {
	int		 report;
	struct xp_expr	*test;
	struct part	*parts;
	size_t		 nparts;
	teikit_code	 code;
	unsigned	 line;
};

struct rule {
	struct xp_expr	*context;
	char		*context_text;
	size_t		 pattern;
	struct xp_expr	**lets;		/* each sees the variables before */
	size_t		 nlets;
	size_t		 var0;		/* its lets' first variable */
	struct check	*checks;
	size_t		 nchecks;
	unsigned	 line;
	struct xp_last	 last[MAX_LAST];
	int		 nlast;		/* -1: any node */
};

struct pattern {
	char		*id;
	struct xp_expr	**lets;
	size_t		 nlets;
	size_t		 var0;		/* its lets' first variable */
	size_t		 maxlets;	/* lets of its rule that has most */
};

/* Rules by what a node must be to match them: lists of rule indexes,
 * ascending (schema order). */
struct list {
	size_t		*v;
	size_t		 n;
};

struct teikit_schematron {
	char		*path;
	struct xp_ns	*ns;
	size_t		 nns;
	struct xp_expr	**glets;	/* schema's and phase's lets */
	size_t		 nglets;
	struct pattern	*pats;
	size_t		 npats;
	struct rule	*rules;
	size_t		 nrules;
	size_t		 nchecks;
	size_t		 nvars;		/* the globals (schema, phase lets) */
	xmlHashTablePtr	 byname;	/* element local name: struct list */
	xmlHashTablePtr	 byattr;	/* attribute local name: struct list */
	xmlHashTablePtr	 byneed;	/* any element with this attribute
					 * (tei:*[@when]): struct list */
	struct list	 anyneed;	/* all of byneed's */
	struct list	 anyel, anyattr, text, doc, any;
	int		 texts;		/* some rule may match a text node */
	char		**uris;		/* URIs of prefixes in scope, which
					 * expressions point to */
	size_t		 nuris;
};

/* ---- compiling ---- */

/* The state of a compile: the sources read and the variables in scope. */
struct comp {
	teikit_schematron *s;
	struct tk_report rep;
	const char	*phase;
	xmlDocPtr	*docs;		/* the schema and what it includes */
	size_t		 ndocs;
	char		*chain[MAX_INCLUDE_DEPTH + 1]; /* what is being
					 * included (S_key), outermost first:
					 * the schema */
	size_t		 nincludes;
	xmlNodePtr	*abstract_pats;
	size_t		 nabstract_pats;
	xmlNodePtr	*abstract_rules;
	size_t		 nabstract_rules;
	xmlNodePtr	*diagnostics;
	size_t		 ndiagnostics;
	const char	**names;	/* variables in scope */
	size_t		 nnames, capnames;
	const char	**pnames;	/* params of the pattern compiled */
	const char	**pvalues;
	size_t		 nparams;
	int		 failed;
	int		 nomem;
	size_t		 maxlets;	/* of the pattern being compiled */
};

static int
S_sch(xmlNodePtr n, const char *local)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    (xmlStrEqual(n->ns->href, BAD_CAST SCH_NS) ||
	    xmlStrEqual(n->ns->href, BAD_CAST SCH15_NS)) &&
	    (local == NULL || xmlStrEqual(n->name, BAD_CAST local));
}

static char *
S_attr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, BAD_CAST name);
}

static void
S_err(struct comp *c, xmlNodePtr where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
S_err(struct comp *c, xmlNodePtr where, const char *fmt, ...)
{
	va_list		 ap;
	const char	*file = c->rep.file;
	xmlChar		*base = NULL;
	char		*path = NULL;

	c->failed = 1;
	/* in an included file: that file (its copy's xml:base) */
	if (where != NULL && where->doc != NULL && where->doc->URL != NULL &&
	    (base = xmlNodeGetBase(where->doc, where)) != NULL &&
	    !xmlStrEqual(base, where->doc->URL) && (path =
	    (char *)xmlURIUnescapeString((char *)base, 0, NULL)) != NULL)
		c->rep.file = strncmp(path, "file://", 7) == 0 ? path + 7 :
		    path;
	va_start(ap, fmt);
	tk_vdiag(&c->rep, where ? (unsigned)xmlGetLineNo(where) : 0, 0,
	    TK_S_DATA, fmt, ap);
	va_end(ap);
	c->rep.file = file;
	xmlFree(base);
	xmlFree(path);
}

static void *
S_grow(struct comp *c, void *v, size_t n, size_t size)
{
	void	*p;

	/* doubling at powers of two: n items fit, n + 1 may not */
	if (n != 0 && (n & (n - 1)) != 0)
		return v;
	if ((p = realloc(v, (n ? n * 2 : 4) * size)) == NULL) {
		c->nomem = c->failed = 1;
		return NULL;
	}
	return p;
}

#define PUSH(c, arr, n, val) do {					\
	void *p_ = S_grow((c), (arr), (n), sizeof(*(arr)));		\
	if (p_ != NULL) {						\
		(arr) = p_;						\
		(arr)[(n)++] = (val);					\
	}								\
} while (0)

/* An expression with the pattern's params replaced ($name by the
 * param's value, as text, before parsing), malloc'd. */
static char *
S_subst(struct comp *c, const char *e)
{
	size_t	 i, len, cap, n = 0, k;
	char	*out;

	cap = strlen(e) + 1;
	if ((out = malloc(cap)) == NULL)
		return NULL;
	while (*e != '\0') {
		const char	*with = NULL;

		if (*e == '$')
			for (i = 0; i < c->nparams; i++) {
				len = strlen(c->pnames[i]);
				if (strncmp(e + 1, c->pnames[i], len) != 0)
					continue;
				/* in bounds: the name matched, no NUL */
				k = (unsigned char)e[1 + len];
				if (!(k == '_' || k == '-' || k == '.' ||
				    (k >= '0' && k <= '9') || (k >= 'a' &&
				    k <= 'z') || (k >= 'A' && k <= 'Z') ||
				    k >= 0x80)) {
					with = c->pvalues[i];
					break;
				}
			}
		if (with != NULL) {
			size_t	 wl = strlen(with);
			char	*p;

			if ((p = realloc(out, cap += wl)) == NULL) {
				free(out);
				return NULL;
			}
			out = p;
			memcpy(out + n, with, wl);
			n += wl;
			e += 1 + strlen(c->pnames[i]);
			continue;
		}
		out[n++] = *e++;
	}
	out[n] = '\0';
	return out;
}

/* The schema's own copy of a namespace URI of the schema's tree (which
 * is freed after compiling, while an expression keeps the URIs of its
 * names): one per URI.  NULL when out of memory. */
static const char *
S_uri(struct comp *c, const char *uri)
{
	teikit_schematron *s = c->s;
	size_t		 i, n;
	char		*u;

	for (i = 0; i < s->nuris; i++)
		if (strcmp(s->uris[i], uri) == 0)
			return s->uris[i];
	if ((u = strdup(uri)) == NULL) {
		c->nomem = c->failed = 1;
		return NULL;
	}
	n = s->nuris;
	PUSH(c, s->uris, s->nuris, u);
	if (s->nuris == n) {
		free(u);
		return NULL;
	}
	return u;
}

/* Compile the expression `text` found on `where`, with the variables in
 * scope; NULL after saying why. */
static struct xp_expr *
S_expr(struct comp *c, xmlNodePtr where, const char *what, const char *text)
{
	struct xp_error	 err;
	struct xp_expr	*x;
	struct xp_ns	*ns = c->s->ns;
	size_t		 nns = c->s->nns, i, k, len;
	xmlNsPtr	*inscope;
	char		*e;

	if ((e = S_subst(c, text)) == NULL) {
		c->nomem = c->failed = 1;
		return NULL;
	}
	/* sch:ns first; then, as an XSLT-based engine sees them, the
	 * prefixes in scope on the element (never a default namespace:
	 * an unprefixed name is in no namespace) */
	inscope = xmlGetNsList(where->doc, where);
	if (inscope != NULL) {
		size_t	 m = 0;

		while (inscope[m] != NULL)
			m++;
		if ((ns = malloc((c->s->nns + m) * sizeof(*ns))) == NULL) {
			xmlFree(inscope);
			free(e);
			c->nomem = c->failed = 1;
			return NULL;
		}
		if (c->s->nns > 0)
			memcpy(ns, c->s->ns, c->s->nns * sizeof(*ns));
		for (k = 0; k < m; k++) {
			if (inscope[k]->prefix == NULL)
				continue;
			for (i = 0; i < c->s->nns; i++)
				if (strcmp(c->s->ns[i].prefix,
				    (const char *)inscope[k]->prefix) == 0)
					break;
			if (i < c->s->nns)
				continue;
			ns[nns].prefix = (const char *)inscope[k]->prefix;
			if ((ns[nns++].uri = S_uri(c,
			    (const char *)inscope[k]->href)) == NULL)
				nns--;
		}
		if (c->nomem) {
			free(ns);
			xmlFree(inscope);
			free(e);
			return NULL;
		}
	}
	x = xp_compile(e, ns, nns, c->names, c->nnames, &err);
	if (ns != c->s->ns)
		free(ns);
	xmlFree(inscope);
	if (x != NULL) {
		free(e);
		return x;
	}
	/* a long expression shown in part, so that the reason is not cut
	 * off the message: up to a character's end */
	len = strlen(e);
	if (len > MAX_SHOWN) {
		len = MAX_SHOWN;
		while (len > 0 && ((unsigned char)e[len] & 0xc0) == 0x80)
			len--;
	}
	if (err.col > 0)
		S_err(c, where, "%s \"%.*s%s\", column %d: %s [%s]", what,
		    (int)len, e, e[len] ? "..." : "", err.col, err.msg,
		    err.code);
	else
		S_err(c, where, "%s \"%.*s%s\": %s [%s]", what, (int)len, e,
		    e[len] ? "..." : "", err.msg, err.code);
	free(e);
	return x;
}

/* A let: compiled with the variables before it, then in scope. */
static struct xp_expr *
S_let(struct comp *c, xmlNodePtr n)
{
	char		*name = S_attr(n, "name"), *value = S_attr(n, "value");
	struct xp_expr	*x = NULL;

	if (name == NULL || name[0] == '\0')
		S_err(c, n, "<let> without a name");
	else if (value == NULL)
		/* the content as the value: a node set of the schema's,
		 * which a let in XSLT may hold; teikit does not */
		S_err(c, n, "<let name=\"%s\"> without a value attribute: "
		    "a let's content as its value is not supported", name);
	else if ((x = S_expr(c, n, "let's value", value)) != NULL)
		PUSH(c, c->names, c->nnames, (const char *)name);
	if (x == NULL)
		xmlFree(name);
	xmlFree(value);
	return x;
}

static teikit_code
S_severity(const char *role)
{
	if (role == NULL)
		return TK_E_SCHEMATRON;
	if (strcasecmp(role, "warning") == 0 || strcasecmp(role, "warn") == 0
	    || strcasecmp(role, "nonfatal") == 0)
		return TK_W_SCHEMATRON;
	if (strcasecmp(role, "info") == 0 || strcasecmp(role,
	    "information") == 0 || strcasecmp(role, "note") == 0 ||
	    strcasecmp(role, "hint") == 0)
		return TK_N_SCH_INFO;
	return TK_E_SCHEMATRON;
}

/* xml:space="preserve" in scope? */
static int
S_preserve(xmlNodePtr n)
{
	return xmlNodeGetSpacePreserve(n) == 1;
}

/* The message of an assert, a report or a diagnostic, as parts. */
static void
S_parts(struct comp *c, xmlNodePtr n, struct check *k)
{
	xmlNodePtr	 m;
	struct part	 p;
	char		*a, *e;

	for (m = n->children; m != NULL && !c->nomem; m = m->next) {
		memset(&p, 0, sizeof(p));
		if (m->type == XML_TEXT_NODE || m->type ==
		    XML_CDATA_SECTION_NODE) {
			/* white space alone between two elements goes,
			 * as XSLT strips it from a stylesheet */
			if (m->type == XML_TEXT_NODE && xmlIsBlankNode(m) &&
			    !S_preserve(m))
				continue;
			if ((p.text = strdup((const char *)m->content)) ==
			    NULL) {
				c->nomem = c->failed = 1;
				return;
			}
		} else if (S_sch(m, "value-of")) {
			if ((a = S_attr(m, "select")) == NULL) {
				S_err(c, m, "<value-of> without a select");
				continue;
			}
			p.x = S_expr(c, m, "value-of's select", a);
			xmlFree(a);
			if (p.x == NULL)
				continue;
		} else if (S_sch(m, "name")) {
			a = S_attr(m, "path");
			if ((e = malloc((a ? strlen(a) : 1) + 16)) == NULL) {
				xmlFree(a);
				c->nomem = c->failed = 1;
				return;
			}
			sprintf(e, "name((%s)[1])", a ? a : ".");
			xmlFree(a);
			p.x = S_expr(c, m, "name's path", e);
			free(e);
			if (p.x == NULL)
				continue;
		} else if (m->type == XML_ELEMENT_NODE) {
			/* emph, dir, span, foreign markup: their text */
			S_parts(c, m, k);
			continue;
		} else
			continue;
		PUSH(c, k->parts, k->nparts, p);
	}
}

static void
S_diagnostics(struct comp *c, xmlNodePtr n, struct check *k)
{
	char		*ids = S_attr(n, "diagnostics"), *tok, *save;
	xmlNodePtr	 d = NULL;
	size_t		 i;
	struct part	 sep;

	if (ids == NULL)
		return;
	for (tok = strtok_r(ids, " \t\r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save)) {
		for (i = 0; i < c->ndiagnostics; i++) {
			char	*id = S_attr(c->diagnostics[i], "id");
			int	 same = id != NULL && strcmp(id, tok) == 0;

			xmlFree(id);
			if (same)
				break;
		}
		if (i == c->ndiagnostics) {
			S_err(c, n, "diagnostics=\"%s\" names no <diagnostic>",
			    tok);
			continue;
		}
		d = c->diagnostics[i];
		memset(&sep, 0, sizeof(sep));
		if ((sep.text = strdup(" ")) == NULL) {
			c->nomem = c->failed = 1;
			break;
		}
		PUSH(c, k->parts, k->nparts, sep);
		S_parts(c, d, k);
	}
	xmlFree(ids);
}

/* What a check holds (xp_free(NULL) does nothing). */
static void
S_check_free(struct check *k)
{
	size_t	 i;

	xp_free(k->test);
	for (i = 0; i < k->nparts; i++) {
		free(k->parts[i].text);
		xp_free(k->parts[i].x);
	}
	free(k->parts);
}

/* What a rule holds. */
static void
S_rule_free(struct rule *r)
{
	size_t	 i;

	xp_free(r->context);
	free(r->context_text);
	for (i = 0; i < r->nlets; i++)
		xp_free(r->lets[i]);
	free(r->lets);
	for (i = 0; i < r->nchecks; i++)
		S_check_free(&r->checks[i]);
	free(r->checks);
}

static void
S_check(struct comp *c, xmlNodePtr n, struct rule *r)
{
	struct check	 k;
	char		*test = S_attr(n, "test"), *role;

	memset(&k, 0, sizeof(k));
	k.report = S_sch(n, "report");
	k.line = (unsigned)xmlGetLineNo(n);
	if (test == NULL) {
		S_err(c, n, "<%s> without a test", n->name);
		return;
	}
	k.test = S_expr(c, n, k.report ? "report's test" : "assert's test",
	    test);
	xmlFree(test);
	if ((role = S_attr(n, "role")) == NULL)
		role = S_attr(n, "flag");
	k.code = S_severity(role);
	xmlFree(role);
	S_parts(c, n, &k);
	S_diagnostics(c, n, &k);
	if (k.test == NULL) {
		S_check_free(&k);
		return;
	}
	PUSH(c, r->checks, r->nchecks, k);
	c->s->nchecks++;
}

static xmlNodePtr
S_abstract_rule(struct comp *c, const char *id)
{
	size_t	 i;

	for (i = 0; i < c->nabstract_rules; i++) {
		char	*a = S_attr(c->abstract_rules[i], "id");
		int	 same = a != NULL && strcmp(a, id) == 0;

		xmlFree(a);
		if (same)
			return c->abstract_rules[i];
	}
	return NULL;
}

/* A rule's content, and that of the abstract rules it extends. */
static void
S_rule_body(struct comp *c, xmlNodePtr rn, struct rule *r, int depth)
{
	xmlNodePtr	 m, ab;
	struct xp_expr	*x;
	char		*id;

	for (m = rn->children; m != NULL && !c->nomem; m = m->next) {
		if (S_sch(m, "let")) {
			if ((x = S_let(c, m)) != NULL)
				PUSH(c, r->lets, r->nlets, x);
		} else if (S_sch(m, "assert") || S_sch(m, "report"))
			S_check(c, m, r);
		else if (S_sch(m, "extends")) {
			if ((id = S_attr(m, "rule")) == NULL) {
				S_err(c, m, "<extends> without a rule (an "
				    "href to another file is not supported)");
				continue;
			}
			if ((ab = S_abstract_rule(c, id)) == NULL)
				S_err(c, m, "<extends rule=\"%s\">: no "
				    "abstract rule has that id", id);
			else if (depth >= MAX_EXTENDS_DEPTH)
				S_err(c, m, "<extends rule=\"%s\">: rules "
				    "extend one another more than %d deep "
				    "(a cycle?)", id, MAX_EXTENDS_DEPTH);
			else
				S_rule_body(c, ab, r, depth + 1);
			xmlFree(id);
		}
	}
}

static void
S_rule(struct comp *c, xmlNodePtr rn, size_t pat)
{
	struct rule	 r;
	char		*ctx;
	size_t		 mark = c->nnames, i;

	memset(&r, 0, sizeof(r));
	r.pattern = pat;
	r.var0 = c->nnames;
	r.line = (unsigned)xmlGetLineNo(rn);
	if ((ctx = S_attr(rn, "context")) == NULL) {
		S_err(c, rn, "<rule> without a context");
		return;
	}
	r.context = S_expr(c, rn, "rule's context", ctx);
	r.context_text = S_subst(c, ctx);
	xmlFree(ctx);
	if (r.context != NULL)
		r.nlast = xp_pattern_last(r.context, r.last, MAX_LAST);
	S_rule_body(c, rn, &r, 0);
	/* the rule's lets go out of scope */
	for (i = mark; i < c->nnames; i++)
		xmlFree((char *)c->names[i]);
	c->nnames = mark;
	if (r.context == NULL || r.context_text == NULL) {
		S_rule_free(&r);
		return;
	}
	if (r.nlast > 0)
		for (i = 0; i < (size_t)r.nlast; i++)
			if (r.last[i].kind == XP_LAST_TEXT)
				c->s->texts = 1;
	if (r.nlast < 0)
		c->s->texts = 1;
	if (r.nlets > c->maxlets)
		c->maxlets = r.nlets;
	PUSH(c, c->s->rules, c->s->nrules, r);
}

/* A pattern (pn), or an instance of the abstract pattern it is-a. */
static void
S_pattern(struct comp *c, xmlNodePtr pn)
{
	struct pattern	 p;
	xmlNodePtr	 m, body = pn;
	char		*isa;
	size_t		 i, k;

	(void)k;

	memset(&p, 0, sizeof(p));
	p.id = S_attr(pn, "id");
	if ((isa = S_attr(pn, "is-a")) != NULL) {
		body = NULL;
		for (i = 0; i < c->nabstract_pats && body == NULL; i++) {
			char	*id = S_attr(c->abstract_pats[i], "id");

			if (id != NULL && strcmp(id, isa) == 0)
				body = c->abstract_pats[i];
			xmlFree(id);
		}
		if (body == NULL) {
			S_err(c, pn, "<pattern is-a=\"%s\">: no abstract "
			    "pattern has that id", isa);
			xmlFree(isa);
			xmlFree(p.id);
			return;
		}
		xmlFree(isa);
		for (m = pn->children; m != NULL; m = m->next) {
			char	*name, *value;

			if (!S_sch(m, "param"))
				continue;
			name = S_attr(m, "name");
			value = S_attr(m, "value");
			if (name == NULL || value == NULL) {
				S_err(c, m, "<param> without a name or a "
				    "value");
				xmlFree(name);
				xmlFree(value);
				continue;
			}
			k = c->nparams;
			PUSH(c, c->pnames, k, (const char *)name);
			PUSH(c, c->pvalues, c->nparams, (const char *)value);
		}
	}
	p.var0 = c->nnames;
	c->maxlets = 0;
	for (m = body->children; m != NULL && !c->nomem; m = m->next) {
		if (S_sch(m, "let")) {
			struct xp_expr *x = S_let(c, m);
			if (x != NULL)
				PUSH(c, p.lets, p.nlets, x);
		}
	}
	/* the abstract rules of a pattern are known before its rules */
	for (m = body->children; m != NULL && !c->nomem; m = m->next) {
		char	*ab;

		if (!S_sch(m, "rule"))
			continue;
		ab = S_attr(m, "abstract");
		if (ab == NULL || strcmp(ab, "true") != 0)
			S_rule(c, m, c->s->npats);
		xmlFree(ab);
	}
	p.maxlets = c->maxlets;
	PUSH(c, c->s->pats, c->s->npats, p);
	/* the pattern's lets go out of scope (ISO: a pattern's variables
	 * are its own): every expression sees the globals and its own
	 * pattern's, never all the patterns' before it */
	for (i = p.var0; i < c->nnames; i++)
		xmlFree((char *)c->names[i]);
	c->nnames = p.var0;
	for (i = 0; i < c->nparams; i++) {
		xmlFree((char *)c->pnames[i]);
		xmlFree((char *)c->pvalues[i]);
	}
	c->nparams = 0;
}

/* ---- reading ---- */

/* The bytes of a regular file, malloc'd (NUL-terminated), or NULL with
 * errno set. */
static char *
S_slurp(const char *path, size_t *len)
{
	struct stat	 st;
	char		*buf;
	ssize_t		 k;
	size_t		 n = 0;
	int		 fd;

	/* never blocked by a FIFO: refused below as not a regular file */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > MAX_FILE) {
		if (errno == 0 || S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode))
			errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		if (st.st_size > MAX_FILE)
			errno = EFBIG;
		close(fd);
		return NULL;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return NULL;
	}
	while (n < (size_t)st.st_size) {
		k = read(fd, buf + n, (size_t)st.st_size - n);
		if (k == -1 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * Reading a schema: a Schematron schema whole; of a RELAX NG schema (a
 * megabyte of it, for tei_all) only the sch:* elements, wherever they
 * are, each with the namespaces in scope where it stands, as the
 * top-level elements of the tree (the rest is never built).  SAX
 * events go to libxml2's own tree builder inside those only.
 */
struct gate {
	int		 mode;		/* 0 at the root, 1 all, 2 sch only */
	int		 depth;		/* in a sch element (mode 2) */
	const xmlChar	**ns;		/* mode 2: prefix, uri of the
					 * elements left out, in scope */
	size_t		 nns, capns;
	size_t		*mark;		/* per element left out: nns before */
	size_t		 nmark, capmark;
	int		 nomem;
	startElementNsSAX2Func start;
	endElementNsSAX2Func end;
	charactersSAXFunc chars;
};

static int
S_gate_push(struct gate *g, const xmlChar *prefix, const xmlChar *uri)
{
	if (g->nns + 2 > g->capns) {
		size_t	 cap = g->capns ? g->capns * 2 : 64;
		void	*p = realloc(g->ns, cap * sizeof(*g->ns));

		if (p == NULL)
			return g->nomem = -1;
		g->ns = p;
		g->capns = cap;
	}
	g->ns[g->nns++] = prefix;
	g->ns[g->nns++] = uri;
	return 0;
}

static void
S_gate_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int natts, int ndef,
    const xmlChar **atts)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct gate	*g = ctxt->_private;
	const xmlChar	**all;
	size_t		 i, n;
	int		 k;

	if (g->mode == 0)
		g->mode = uri != NULL && xmlStrEqual(uri, BAD_CAST RNG_NS) ?
		    2 : 1;
	if (g->mode == 1 || g->depth > 0) {
		g->depth += g->mode == 2;
		g->start(ctx, local, prefix, uri, nns, ns, natts, ndef, atts);
		return;
	}
	if (uri != NULL && (xmlStrEqual(uri, BAD_CAST SCH_NS) ||
	    xmlStrEqual(uri, BAD_CAST SCH15_NS))) {
		/* the namespaces in scope, nearest last, then its own:
		 * declared on it, each prefix once */
		n = g->nns / 2 + (size_t)nns;
		if ((all = malloc(2 * n * sizeof(*all) + 1)) == NULL) {
			g->nomem = 1;
			xmlStopParser(ctxt);
			return;
		}
		n = 0;
		for (k = 0; k < nns; k++) {
			all[2 * n] = ns[2 * k];
			all[2 * n++ + 1] = ns[2 * k + 1];
		}
		for (i = g->nns; i >= 2; i -= 2) {
			size_t	 j;

			for (j = 0; j < n; j++)
				if (xmlStrEqual(all[2 * j], g->ns[i - 2]))
					break;
			if (j < n)
				continue;
			all[2 * n] = g->ns[i - 2];
			all[2 * n++ + 1] = g->ns[i - 1];
		}
		g->depth = 1;
		g->start(ctx, local, prefix, uri, (int)n, all, natts, ndef,
		    atts);
		free(all);
		return;
	}
	/* left out: its namespaces stay in scope for what it holds */
	if (g->nmark == g->capmark) {
		size_t	 cap = g->capmark ? g->capmark * 2 : 64;
		void	*p = realloc(g->mark, cap * sizeof(*g->mark));

		if (p == NULL) {
			g->nomem = 1;
			xmlStopParser(ctxt);
			return;
		}
		g->mark = p;
		g->capmark = cap;
	}
	g->mark[g->nmark++] = g->nns;
	for (k = 0; k < nns; k++)
		if (S_gate_push(g, ns[2 * k], ns[2 * k + 1]) == -1) {
			xmlStopParser(ctxt);
			return;
		}
}

static void
S_gate_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct gate	*g = ctxt->_private;

	if (g->mode == 1) {
		g->end(ctx, local, prefix, uri);
		return;
	}
	if (g->depth > 0) {
		g->depth--;
		g->end(ctx, local, prefix, uri);
		return;
	}
	if (g->nmark > 0)
		g->nns = g->mark[--g->nmark];
}

static void
S_gate_chars(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct gate	*g = ctxt->_private;

	if (g->mode == 1 || g->depth > 0)
		g->chars(ctx, ch, len);
}

/* The tree of the file at path, kept in c->docs; NULL after saying
 * why (at `from`, an include, when there is one).  Safe as every read
 * is (no network, no DTD, no external entity: see tk_xml_init). */
static xmlDocPtr
S_read(struct comp *c, const char *path, xmlNodePtr from)
{
	xmlParserCtxtPtr ctxt;
	const xmlError	*e;
	xmlDocPtr	 xml;
	struct gate	 g;
	size_t		 len;
	char		*buf, msg[512];
	int		 ok;

	if ((buf = S_slurp(path, &len)) == NULL) {
		S_err(c, from, "cannot read %s: %s", path, errno == EINVAL ?
		    "not a regular file" : strerror(errno));
		return NULL;
	}
	if (len > INT_MAX || (ctxt = xmlCreateMemoryParserCtxt(buf,
	    (int)len)) == NULL) {
		free(buf);
		c->nomem = c->failed = 1;
		return NULL;
	}
	memset(&g, 0, sizeof(g));
	g.start = ctxt->sax->startElementNs;
	g.end = ctxt->sax->endElementNs;
	g.chars = ctxt->sax->characters;
	ctxt->sax->startElementNs = S_gate_start;
	ctxt->sax->endElementNs = S_gate_end;
	ctxt->sax->characters = S_gate_chars;
	ctxt->sax->cdataBlock = S_gate_chars;
	ctxt->sax->ignorableWhitespace = S_gate_chars;
	ctxt->sax->comment = NULL;
	ctxt->sax->processingInstruction = NULL;
	ctxt->_private = &g;
	if (ctxt->input != NULL && ctxt->input->filename == NULL)
		ctxt->input->filename = (char *)xmlStrdup(BAD_CAST path);
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	(void)xmlParseDocument(ctxt);
	xml = ctxt->myDoc;
	ctxt->myDoc = NULL;
	ok = ctxt->wellFormed && !g.nomem && xml != NULL;
	free(buf);
	free(g.ns);
	free(g.mark);
	if (g.nomem)
		c->nomem = 1;
	if (!ok) {
		e = xmlCtxtGetLastError(ctxt);
		if (e != NULL && e->message != NULL)
			tk_xml_message(e, msg, sizeof(msg));
		else
			snprintf(msg, sizeof(msg), "not well-formed XML");
		c->failed = 1;
		if (from == NULL) {
			struct tk_report rep = c->rep;

			rep.file = path;
			tk_diag(&rep, e ? (unsigned)e->line : 0, e &&
			    e->int2 > 0 ? (unsigned)e->int2 : 0, TK_S_DATA,
			    "%s", msg);
		} else
			S_err(c, from, "%s: %s", path, msg);
		xmlFreeDoc(xml);
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	xmlFreeParserCtxt(ctxt);
	PUSH(c, c->docs, c->ndocs, xml);
	if (c->nomem) {
		xmlFreeDoc(xml);
		return NULL;
	}
	return xml;
}

/* What an include names, the same however the path is spelt: the
 * file's real path, '#', the id after '#' if any; malloc'd, or NULL. */
static char *
S_key(const char *path, const char *id)
{
	char	*real, *key;

	if ((real = realpath(path, NULL)) == NULL)
		return NULL;
	if ((key = malloc(strlen(real) + (id ? strlen(id) : 0) + 2)) != NULL)
		sprintf(key, "%s#%s", real, id ? id : "");
	free(real);
	return key;
}

/* Replace each sch:include under n by the element it names (a file's
 * root, or the element of a file with the id after '#'). */
static void
S_includes(struct comp *c, xmlNodePtr n, int depth)
{
	xmlNodePtr	 m, next, target, copy;
	xmlDocPtr	 inc;
	xmlChar		*href, *url, *base;
	char		*hash, *path, *real;
	size_t		 i;

	for (m = n->children; m != NULL; m = next) {
		next = m->next;
		if (m->type != XML_ELEMENT_NODE)
			continue;
		if (!S_sch(m, "include")) {
			S_includes(c, m, depth);
			continue;
		}
		if ((href = xmlGetProp(m, BAD_CAST "href")) == NULL) {
			S_err(c, m, "<include> without an href");
			continue;
		}
		if (depth >= MAX_INCLUDE_DEPTH) {
			S_err(c, m, "<include href=\"%s\">: includes nest "
			    "more than %d deep (a cycle?)", href,
			    MAX_INCLUDE_DEPTH);
			xmlFree(href);
			continue;
		}
		if ((hash = strchr((char *)href, '#')) != NULL)
			*hash++ = '\0';
		if (teikit_uri_has_scheme((char *)href) &&
		    xmlStrncasecmp(href, BAD_CAST "file:", 5) != 0) {
			S_err(c, m, "<include href=\"%s\">: teikit never reads "
			    "the network", href);
			xmlFree(href);
			continue;
		}
		/* relative to the file the include is in: its copy's
		 * xml:base (below), else the schema */
		base = xmlNodeGetBase(m->doc, m);
		url = xmlBuildURI(href, base ? base : m->doc->URL);
		xmlFree(base);
		path = url ? (char *)xmlURIUnescapeString((char *)url, 0,
		    NULL) : NULL;
		if (path != NULL && strncmp(path, "file://", 7) == 0)
			memmove(path, path + 7, strlen(path + 7) + 1);
		/* a file that includes itself, through others or not, is
		 * a cycle; and a file included over and over (each time
		 * twice, say) would take time exponential in the depth */
		real = path ? S_key(path, hash) : NULL;
		for (i = 0; real != NULL && i <= (size_t)depth; i++)
			if (c->chain[i] != NULL && strcmp(c->chain[i], real)
			    == 0)
				break;
		if (real != NULL && i <= (size_t)depth) {
			S_err(c, m, "<include href=\"%s%s%s\">: a cycle of "
			    "includes", href, hash ? "#" : "", hash ? hash :
			    "");
			inc = NULL;
		} else if (++c->nincludes > MAX_INCLUDES) {
			if (c->nincludes == MAX_INCLUDES + 1)
				S_err(c, m, "<include href=\"%s\">: more than "
				    "%d includes", href, MAX_INCLUDES);
			inc = NULL;
		} else
			inc = path ? S_read(c, path, m) : NULL;
		target = inc ? xmlDocGetRootElement(inc) : NULL;
		if (inc != NULL && hash != NULL && *hash != '\0') {
			xmlAttrPtr a = xmlGetID(inc, BAD_CAST hash);
			target = NULL;
			if (a != NULL)
				target = a->parent;
			else {
				/* no DTD: an id attribute of any element */
				xmlNodePtr e = xmlDocGetRootElement(inc);
				while (e != NULL && target == NULL) {
					xmlChar *id = xmlGetProp(e,
					    BAD_CAST "id");
					if (id && xmlStrEqual(id,
					    BAD_CAST hash))
						target = e;
					xmlFree(id);
					if (target)
						break;
					if (e->children)
						e = e->children;
					else {
						while (e && !e->next)
							e = e->parent;
						if (e)
							e = e->next;
					}
				}
			}
			if (target == NULL)
				S_err(c, m, "<include href=\"%s#%s\">: no "
				    "element has that id", href, hash);
		}
		if (target != NULL && (copy = xmlDocCopyNode(target, m->doc,
		    1)) != NULL) {
			xmlNodeSetBase(copy, href);
			xmlReplaceNode(m, copy);
			xmlFreeNode(m);
			c->chain[depth + 1] = real;
			S_includes(c, copy, depth + 1);
			if (S_sch(copy, "include")) {
				/* an include of an include */
				xmlNodePtr holder = xmlNewDocNode(copy->doc,
				    NULL, BAD_CAST "holder", NULL);
				if (holder != NULL) {
					xmlReplaceNode(copy, holder);
					xmlAddChild(holder, copy);
					S_includes(c, holder, depth + 1);
				}
			}
			c->chain[depth + 1] = NULL;
		}
		free(real);
		xmlFree(url);
		free(path);
		xmlFree(href);
	}
}

/* The sch:* elements that matter, wherever they are in a RELAX NG
 * schema (not inside another sch element), or at the top of a
 * Schematron schema: ns, let, pattern, phase, diagnostics, rules. */
struct tops {
	xmlNodePtr	*v;
	size_t		 n;
};

static void
S_tops(struct comp *c, xmlNodePtr n, struct tops *t, int deep)
{
	xmlNodePtr	 m;

	for (m = n->children; m != NULL; m = m->next) {
		if (m->type != XML_ELEMENT_NODE)
			continue;
		if (S_sch(m, NULL)) {
			PUSH(c, t->v, t->n, m);
		} else if (deep || xmlStrEqual(m->name, BAD_CAST "holder"))
			S_tops(c, m, t, deep);
	}
}

static int
S_active(struct comp *c, xmlNodePtr phase, const char *id)
{
	xmlNodePtr	 m;

	if (phase == NULL)
		return 1;
	if (id == NULL)
		return 0;
	for (m = phase->children; m != NULL; m = m->next) {
		char	*p;
		int	 same;

		if (!S_sch(m, "active"))
			continue;
		p = S_attr(m, "pattern");
		same = p != NULL && strcmp(p, id) == 0;
		xmlFree(p);
		if (same)
			return 1;
	}
	return 0;
}

static void
S_index_add(struct comp *c, xmlHashTablePtr h, const char *name, size_t r)
{
	struct list	*l;

	if ((l = xmlHashLookup(h, BAD_CAST name)) == NULL) {
		if ((l = calloc(1, sizeof(*l))) == NULL ||
		    xmlHashAddEntry(h, BAD_CAST name, l) != 0) {
			free(l);
			c->nomem = c->failed = 1;
			return;
		}
	}
	if (l->n > 0 && l->v[l->n - 1] == r)
		return;
	PUSH(c, l->v, l->n, r);
}

static void
S_list_add(struct comp *c, struct list *l, size_t r)
{
	if (l->n > 0 && l->v[l->n - 1] == r)
		return;
	PUSH(c, l->v, l->n, r);
}

/* Index the rules by what they can match. */
static void
S_index(struct comp *c)
{
	teikit_schematron *s = c->s;
	size_t		 r;
	int		 k;

	if ((s->byname = xmlHashCreate(64)) == NULL ||
	    (s->byattr = xmlHashCreate(32)) == NULL ||
	    (s->byneed = xmlHashCreate(32)) == NULL) {
		c->nomem = c->failed = 1;
		return;
	}
	for (r = 0; r < s->nrules; r++) {
		struct rule *ru = &s->rules[r];

		if (ru->nlast < 0) {
			S_list_add(c, &s->any, r);
			continue;
		}
		for (k = 0; k < ru->nlast; k++) {
			const struct xp_last *l = &ru->last[k];

			switch (l->kind) {
			case XP_LAST_ELEMENT:
				if (strcmp(l->local, "*") == 0 &&
				    l->needattr != NULL) {
					S_index_add(c, s->byneed, l->needattr,
					    r);
					S_list_add(c, &s->anyneed, r);
				} else if (strcmp(l->local, "*") == 0)
					S_list_add(c, &s->anyel, r);
				else
					S_index_add(c, s->byname, l->local, r);
				break;
			case XP_LAST_ATTR:
				if (strcmp(l->local, "*") == 0)
					S_list_add(c, &s->anyattr, r);
				else
					S_index_add(c, s->byattr, l->local, r);
				break;
			case XP_LAST_TEXT:
				S_list_add(c, &s->text, r);
				break;
			case XP_LAST_DOC:
				S_list_add(c, &s->doc, r);
				break;
			}
		}
	}
}

static void
S_compile(struct comp *c, xmlDocPtr doc)
{
	teikit_schematron *s = c->s;
	xmlNodePtr	 root = xmlDocGetRootElement(doc), phase = NULL, m;
	struct tops	 t;
	char		*qb, *dp = NULL, *want = NULL;
	size_t		 i;
	int		 embedded;

	memset(&t, 0, sizeof(t));
	/* a RELAX NG schema's rules: read as the sch elements alone */
	embedded = root == NULL || !S_sch(root, "schema");
	if (embedded && root != NULL && (root->ns == NULL ||
	    !xmlStrEqual(root->ns->href, BAD_CAST RNG_NS)) && !S_sch(root,
	    NULL)) {
		S_err(c, root, "neither a Schematron schema (<schema "
		    "xmlns=\"%s\">) nor a RELAX NG schema in XML syntax",
		    SCH_NS);
		return;
	}
	if (!embedded) {
		qb = S_attr(root, "queryBinding");
		if (qb != NULL && strcasecmp(qb, "xslt") != 0 &&
		    strcasecmp(qb, "xslt2") != 0 && strcasecmp(qb, "xslt3")
		    != 0 && strcasecmp(qb, "xpath") != 0 && strcasecmp(qb,
		    "xpath2") != 0 && strcasecmp(qb, "xpath3") != 0 &&
		    strcasecmp(qb, "xpath31") != 0) {
			S_err(c, root, "queryBinding=\"%s\": teikit reads "
			    "Schematron in XPath (xslt, xslt2, xslt3, xpath2, "
			    "xpath3, xpath31)", qb);
			xmlFree(qb);
			return;
		}
		xmlFree(qb);
		dp = S_attr(root, "defaultPhase");
	}
	c->chain[0] = S_key(c->s->path, NULL);
	S_includes(c, embedded ? (xmlNodePtr)doc : root, 0);
	free(c->chain[0]);
	c->chain[0] = NULL;
	S_tops(c, embedded ? (xmlNodePtr)doc : root, &t, 0);
	if (c->failed)
		goto out;
	/* the phase: asked for, else the default, else all */
	if (c->phase != NULL && strcmp(c->phase, "#DEFAULT") != 0)
		want = (char *)c->phase;
	else
		want = dp;
	if (want != NULL && strcmp(want, "#ALL") == 0)
		want = NULL;
	for (i = 0; i < t.n && want != NULL && phase == NULL; i++) {
		char	*id;

		if (!S_sch(t.v[i], "phase"))
			continue;
		id = S_attr(t.v[i], "id");
		if (id != NULL && strcmp(id, want) == 0)
			phase = t.v[i];
		xmlFree(id);
	}
	if (want != NULL && phase == NULL) {
		S_err(c, root, "no phase \"%s\" in this schema", want);
		goto out;
	}
	for (i = 0; i < t.n; i++) {
		m = t.v[i];
		if (S_sch(m, "ns")) {
			struct xp_ns	 ns;

			ns.prefix = S_attr(m, "prefix");
			ns.uri = S_attr(m, "uri");
			if (ns.prefix == NULL || ns.uri == NULL) {
				S_err(c, m, "<ns> without a prefix or a uri");
				xmlFree((char *)ns.prefix);
				xmlFree((char *)ns.uri);
				continue;
			}
			PUSH(c, s->ns, s->nns, ns);
		} else if (S_sch(m, "diagnostics")) {
			xmlNodePtr d;
			for (d = m->children; d != NULL; d = d->next)
				if (S_sch(d, "diagnostic"))
					PUSH(c, c->diagnostics,
					    c->ndiagnostics, d);
		} else if (S_sch(m, "pattern")) {
			char	*ab = S_attr(m, "abstract");
			xmlNodePtr r;

			if (ab != NULL && strcmp(ab, "true") == 0)
				PUSH(c, c->abstract_pats, c->nabstract_pats,
				    m);
			xmlFree(ab);
			for (r = m->children; r != NULL; r = r->next) {
				ab = S_attr(r, "abstract");
				if (S_sch(r, "rule") && ab != NULL &&
				    strcmp(ab, "true") == 0)
					PUSH(c, c->abstract_rules,
					    c->nabstract_rules, r);
				xmlFree(ab);
			}
		} else if (S_sch(m, "rules")) {
			xmlNodePtr r;
			for (r = m->children; r != NULL; r = r->next)
				if (S_sch(r, "rule"))
					PUSH(c, c->abstract_rules,
					    c->nabstract_rules, r);
		}
	}
	/* the schema's lets, then the phase's: the globals */
	for (i = 0; i < t.n; i++)
		if (S_sch(t.v[i], "let")) {
			struct xp_expr *x = S_let(c, t.v[i]);
			if (x != NULL)
				PUSH(c, s->glets, s->nglets, x);
		}
	for (m = phase ? phase->children : NULL; m != NULL; m = m->next)
		if (S_sch(m, "let")) {
			struct xp_expr *x = S_let(c, m);
			if (x != NULL)
				PUSH(c, s->glets, s->nglets, x);
		}
	for (i = 0; i < t.n && !c->nomem; i++) {
		char	*ab, *id;
		int	 run;

		m = t.v[i];
		if (!S_sch(m, "pattern"))
			continue;
		ab = S_attr(m, "abstract");
		id = S_attr(m, "id");
		run = (ab == NULL || strcmp(ab, "true") != 0) &&
		    S_active(c, phase, id);
		xmlFree(ab);
		xmlFree(id);
		if (run)
			S_pattern(c, m);
	}
	s->nvars = c->nnames;
	if (!c->failed)
		S_index(c);
out:
	xmlFree(dp);
	free(t.v);
}

static void
S_free_list(void *p, const xmlChar *name)
{
	struct list	*l = p;

	(void)name;
	free(l->v);
	free(l);
}

void
teikit_schematron_free(teikit_schematron *s)
{
	size_t	 i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->nrules; i++)
		S_rule_free(&s->rules[i]);
	free(s->rules);
	for (i = 0; i < s->npats; i++) {
		xmlFree(s->pats[i].id);
		for (j = 0; j < s->pats[i].nlets; j++)
			xp_free(s->pats[i].lets[j]);
		free(s->pats[i].lets);
	}
	free(s->pats);
	for (i = 0; i < s->nglets; i++)
		xp_free(s->glets[i]);
	free(s->glets);
	for (i = 0; i < s->nns; i++) {
		xmlFree((char *)s->ns[i].prefix);
		xmlFree((char *)s->ns[i].uri);
	}
	free(s->ns);
	if (s->byname != NULL)
		xmlHashFree(s->byname, S_free_list);
	if (s->byattr != NULL)
		xmlHashFree(s->byattr, S_free_list);
	if (s->byneed != NULL)
		xmlHashFree(s->byneed, S_free_list);
	free(s->anyneed.v);
	free(s->anyel.v);
	free(s->anyattr.v);
	free(s->text.v);
	free(s->doc.v);
	free(s->any.v);
	for (i = 0; i < s->nuris; i++)
		free(s->uris[i]);
	free(s->uris);
	free(s->path);
	free(s);
}

teikit_schematron *
teikit_schematron_new(const char *path, const char *phase, teikit_diag_fn fn,
    void *arg)
{
	struct comp	 c;
	xmlDocPtr	 doc;
	size_t		 i;

	tk_xml_init();
	memset(&c, 0, sizeof(c));
	c.rep.fn = fn;
	c.rep.arg = arg;
	c.rep.file = path;
	c.phase = phase;
	if ((c.s = calloc(1, sizeof(*c.s))) == NULL ||
	    (c.s->path = strdup(path)) == NULL) {
		tk_diag(&c.rep, 0, 0, TK_S_NOMEM, "out of memory");
		free(c.s);
		return NULL;
	}
	if ((doc = S_read(&c, path, NULL)) != NULL)
		S_compile(&c, doc);
	if (c.nomem)
		tk_diag(&c.rep, 0, 0, TK_S_NOMEM, "out of memory");
	for (i = 0; i < c.nnames; i++)
		xmlFree((char *)c.names[i]);
	free(c.names);
	free(c.pnames);
	free(c.pvalues);
	free(c.abstract_pats);
	free(c.abstract_rules);
	free(c.diagnostics);
	for (i = 0; i < c.ndocs; i++)
		xmlFreeDoc(c.docs[i]);
	free(c.docs);
	if (c.failed || doc == NULL) {
		teikit_schematron_free(c.s);
		return NULL;
	}
	return c.s;
}

void
teikit_schematron_counts(const teikit_schematron *s, size_t *patterns,
    size_t *rules, size_t *checks)
{
	if (patterns != NULL)
		*patterns = s->npats;
	if (rules != NULL)
		*rules = s->nrules;
	if (checks != NULL)
		*checks = s->nchecks;
}

/* ---- checking ---- */

struct run {
	const teikit_schematron *s;
	const teikit_doc *doc;
	const char	*name;
	teikit_diag_fn	 fn;
	void		*arg;
	struct xp_seq	*vals;		/* the variables of the rule tried:
					 * one of pvals */
	struct xp_seq	**pvals;	/* per pattern: the globals, its
					 * lets, then a rule's */
	struct xp_result **res;
	size_t		 nres;
	unsigned long	*fired;		/* per rule */
	size_t		*stamp;		/* per pattern: the node it fired on */
	size_t		 serial;
	int		 findings, dyn, nomem;
};

/* The node's path, as SchXslt writes it (an element's position among
 * its siblings of the same name). */
static void
S_path(xmlNodePtr n, char *buf, size_t sz)
{
	char		 seg[512];
	xmlNodePtr	 m;
	size_t		 len;
	int		 pos;

	if (n == NULL || n->type == XML_DOCUMENT_NODE) {
		if (sz > 0)
			buf[0] = '\0';
		if (n != NULL && sz > 1)
			snprintf(buf, sz, "/");
		return;
	}
	S_path(n->parent, buf, sz);
	if (strcmp(buf, "/") == 0)
		buf[0] = '\0';
	switch (n->type) {
	case XML_ELEMENT_NODE:
		pos = 1;
		for (m = n->prev; m != NULL; m = m->prev)
			if (m->type == XML_ELEMENT_NODE && xmlStrEqual(m->name,
			    n->name) && (m->ns == n->ns || (m->ns && n->ns &&
			    xmlStrEqual(m->ns->href, n->ns->href))))
				pos++;
		snprintf(seg, sizeof(seg), "/Q{%s}%s[%d]", n->ns ?
		    (const char *)n->ns->href : "", n->name, pos);
		break;
	case XML_ATTRIBUTE_NODE:
		snprintf(seg, sizeof(seg), "/@Q{%s}%s", n->ns ?
		    (const char *)n->ns->href : "", n->name);
		break;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		pos = 1;
		for (m = n->prev; m != NULL; m = m->prev)
			if (m->type == XML_TEXT_NODE || m->type ==
			    XML_CDATA_SECTION_NODE)
				pos++;
		snprintf(seg, sizeof(seg), "/text()[%d]", pos);
		break;
	case XML_COMMENT_NODE:
		pos = 1;
		for (m = n->prev; m != NULL; m = m->prev)
			if (m->type == XML_COMMENT_NODE)
				pos++;
		snprintf(seg, sizeof(seg), "/comment()[%d]", pos);
		break;
	case XML_PI_NODE:
		pos = 1;
		for (m = n->prev; m != NULL; m = m->prev)
			if (m->type == XML_PI_NODE && xmlStrEqual(m->name,
			    n->name))
				pos++;
		snprintf(seg, sizeof(seg), "/processing-instruction(\"%s\")[%d]",
		    n->name, pos);
		break;
	default:
		seg[0] = '\0';
	}
	len = strlen(buf);
	if (len < sz)
		snprintf(buf + len, sz - len, "%s", seg);
}

static void
S_say(struct run *r, xmlNodePtr node, teikit_code code, const char *rule,
    const char *msg)
{
	teikit_diag	 d;
	char		 path[4096];

	memset(&d, 0, sizeof(d));
	d.file = r->name;
	tk_doc_pos(r->doc, node, &d.line, &d.col);
	d.code = code;
	d.message = msg;
	d.rule = rule;
	S_path(node, path, sizeof(path));
	d.xpath = path;
	if (r->fn != NULL)
		r->fn(&d, r->arg);
}

static void
S_dyn(struct run *r, xmlNodePtr node, const struct rule *ru,
    const char *what, const struct xp_error *err)
{
	char		 msg[1024];
	int		 context = strcmp(what, "context") == 0;

	if (r->dyn++ >= MAX_DYN_ERRORS) {
		if (r->dyn == MAX_DYN_ERRORS + 1) {
			snprintf(msg, sizeof(msg), "more dynamic errors in "
			    "the Schematron rules of %s: not shown",
			    r->s->path);
			S_say(r, node, TK_E_SCHEMATRON, NULL, msg);
		}
		return;
	}
	if (context) {
		snprintf(msg, sizeof(msg), "the rule at %s:%u is not checked "
		    "here: its context \"%s\" raised an error on this node, "
		    "which XSLT 2.0 takes for no match: %s [%s]", r->s->path,
		    ru->line, ru->context_text, err->msg, err->code);
		S_say(r, node, TK_N_SCHEMATRON, r->s->pats[ru->pattern].id,
		    msg);
		return;
	}
	snprintf(msg, sizeof(msg), "the rule at %s:%u (context \"%s\") "
	    "could not evaluate its %s: %s [%s]", r->s->path, ru->line,
	    ru->context_text, what, err->msg, err->code);
	S_say(r, node, TK_E_SCHEMATRON, r->s->pats[ru->pattern].id, msg);
}

/* The text of a check's message, with whitespace normalized. */
static char *
S_message(struct run *r, xmlNodePtr node, const struct rule *ru,
    const struct check *k, size_t nv)
{
	char		*buf = NULL, *s, *o;
	size_t		 len = 0, i;
	FILE		*f;
	struct xp_result *res;
	struct xp_error	 err;
	int		 sp;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	for (i = 0; i < k->nparts; i++) {
		if (k->parts[i].text != NULL) {
			fputs(k->parts[i].text, f);
			continue;
		}
		if ((res = xp_eval(k->parts[i].x, node, r->vals, node,
		    &err)) == NULL) {
			S_dyn(r, node, ru, "message", &err);
			continue;
		}
		if ((s = xp_seq_string(xp_result_seq(res), " ", 0)) != NULL)
			fputs(s, f);
		free(s);
		xp_result_free(res);
	}
	(void)nv;
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	/* normalize-space() */
	for (s = o = buf, sp = 0; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			sp = o != buf;
			continue;
		}
		if (sp)
			*o++ = ' ';
		sp = 0;
		*o++ = *s;
	}
	*o = '\0';
	return buf;
}

static void
S_fire(struct run *r, const struct rule *ru, xmlNodePtr node)
{
	const teikit_schematron *s = r->s;
	struct xp_result *lets[64], *res;
	struct xp_error	 err;
	size_t		 i, nv = ru->var0, nl = 0;
	char		*msg;
	int		 b;

	/* a rule's lets take the slots after its pattern's */
	for (i = 0; i < ru->nlets; i++) {
		if (nl == 64 || (lets[nl] = xp_eval(ru->lets[i], node, r->vals,
		    node, &err)) == NULL) {
			if (nl == 64)
				snprintf(err.msg, sizeof(err.msg), "more than "
				    "64 lets"), strcpy(err.code, "TKXP0003");
			S_dyn(r, node, ru, "let", &err);
			goto out;
		}
		r->vals[nv + nl] = *xp_result_seq(lets[nl]);
		nl++;
	}
	for (i = 0; i < ru->nchecks; i++) {
		const struct check *k = &ru->checks[i];

		if ((res = xp_eval(k->test, node, r->vals, node, &err)) ==
		    NULL) {
			S_dyn(r, node, ru, "test", &err);
			continue;
		}
		b = xp_ebv(xp_result_seq(res), &err);
		xp_result_free(res);
		if (b < 0) {
			S_dyn(r, node, ru, "test", &err);
			continue;
		}
		if (b != k->report)
			continue;
		r->findings++;
		if ((msg = S_message(r, node, ru, k, nv + nl)) == NULL) {
			r->nomem = 1;
			continue;
		}
		S_say(r, node, k->code, s->pats[ru->pattern].id, msg);
		free(msg);
	}
out:
	for (i = 0; i < nl; i++)
		xp_result_free(lets[i]);
}

/* The rules a node can match, in schema order: the merge of n
 * ascending lists. */
#define MAX_LISTS 40

static void
S_node(struct run *r, xmlNodePtr node, const struct list **l, size_t n)
{
	const teikit_schematron *s = r->s;
	size_t		 at[MAX_LISTS], best, k;
	struct xp_error	 err;
	int		 m, which;

	memset(at, 0, n * sizeof(at[0]));
	r->serial++;
	for (;;) {
		best = SIZE_MAX;
		which = -1;
		for (k = 0; k < n; k++)
			if (l[k] != NULL && at[k] < l[k]->n &&
			    l[k]->v[at[k]] < best) {
				best = l[k]->v[at[k]];
				which = (int)k;
			}
		if (which < 0)
			break;
		for (k = 0; k < n; k++)
			if (l[k] != NULL && at[k] < l[k]->n &&
			    l[k]->v[at[k]] == best)
				at[k]++;
		{
			const struct rule *ru = &s->rules[best];

			if (r->stamp[ru->pattern] == r->serial)
				continue;
			r->vals = r->pvals[ru->pattern];
			m = xp_match(ru->context, node, r->vals, &err);
			if (m < 0) {
				/* an error in a pattern is no match, as
				 * XSLT 2.0 allows (and Saxon does) */
				S_dyn(r, node, ru, "context", &err);
				continue;
			}
			if (m == 0)
				continue;
			r->stamp[ru->pattern] = r->serial;
			r->fired[best]++;
			S_fire(r, ru, node);
		}
	}
}

static const struct list *
S_lookup(xmlHashTablePtr h, const xmlChar *name)
{
	return h != NULL ? xmlHashLookup(h, name) : NULL;
}

static void
S_walk(struct run *r, xmlNodePtr n)
{
	const teikit_schematron *s = r->s;
	const struct list *l[MAX_LISTS];
	xmlAttrPtr	 a;
	xmlNodePtr	 m;
	size_t		 k;

	for (m = n; m != NULL; m = m->next) {
		switch (m->type) {
		case XML_ELEMENT_NODE:
			l[0] = S_lookup(s->byname, m->name);
			l[1] = &s->anyel;
			l[2] = &s->any;
			k = 3;
			/* tei:*[@when] and the like: by the attributes
			 * the element has */
			for (a = m->properties; a != NULL && s->anyneed.n > 0;
			    a = a->next) {
				if (k == MAX_LISTS) {
					l[3] = &s->anyneed;
					k = 4;
					break;
				}
				if ((l[k] = S_lookup(s->byneed, a->name)) !=
				    NULL)
					k++;
			}
			S_node(r, m, l, k);
			for (a = m->properties; a != NULL; a = a->next) {
				l[0] = S_lookup(s->byattr, a->name);
				l[1] = &s->anyattr;
				l[2] = &s->any;
				S_node(r, (xmlNodePtr)a, l, 3);
			}
			if (m->children != NULL)
				S_walk(r, m->children);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (s->texts) {
				l[0] = &s->text;
				l[1] = &s->any;
				S_node(r, m, l, 2);
			}
			break;
		case XML_COMMENT_NODE:
		case XML_PI_NODE:
			if (s->any.n > 0) {
				l[0] = &s->any;
				S_node(r, m, l, 1);
			}
			break;
		default:
			break;
		}
	}
}

int
teikit_schematron_check(const teikit_schematron *s, const teikit_doc *doc,
    const char *docname, teikit_diag_fn fn, teikit_fired_fn fired, void *arg)
{
	struct run	 r;
	struct xp_error	 err;
	struct xp_seq	*g = NULL;
	xmlNodePtr	 root = (xmlNodePtr)doc->xml;
	size_t		 i, j, nres = s->nglets, G = s->nvars;

	memset(&r, 0, sizeof(r));
	r.s = s;
	r.doc = doc;
	r.name = docname != NULL ? docname : "-";
	r.fn = fn;
	r.arg = arg;
	for (i = 0; i < s->npats; i++)
		nres += s->pats[i].nlets;
	g = calloc(G + 1, sizeof(*g));
	r.pvals = calloc(s->npats + 1, sizeof(*r.pvals));
	r.res = calloc(nres + 1, sizeof(*r.res));
	r.fired = calloc(s->nrules + 1, sizeof(*r.fired));
	r.stamp = calloc(s->npats + 1, sizeof(*r.stamp));
	if (g == NULL || r.pvals == NULL || r.res == NULL || r.fired == NULL ||
	    r.stamp == NULL) {
		r.nomem = 1;
		goto out;
	}
	/* the globals, once, the document the context */
	for (i = 0; i < s->nglets; i++) {
		if ((r.res[r.nres] = xp_eval(s->glets[i], root, g, root,
		    &err)) == NULL)
			goto dyn;
		g[i] = *xp_result_seq(r.res[r.nres++]);
	}
	/* each pattern's variables: the globals, its lets (once, the
	 * document the context), then room for its rules' */
	for (i = 0; i < s->npats; i++) {
		const struct pattern *p = &s->pats[i];

		if ((r.pvals[i] = calloc(G + p->nlets + p->maxlets + 1,
		    sizeof(**r.pvals))) == NULL) {
			r.nomem = 1;
			goto out;
		}
		if (G > 0)
			memcpy(r.pvals[i], g, G * sizeof(*g));
		for (j = 0; j < p->nlets; j++) {
			if ((r.res[r.nres] = xp_eval(p->lets[j], root,
			    r.pvals[i], root, &err)) == NULL)
				goto dyn;
			r.pvals[i][G + j] = *xp_result_seq(r.res[r.nres++]);
		}
	}
	if (s->doc.n > 0 || s->any.n > 0) {
		const struct list *l[2] = { &s->doc, &s->any };

		S_node(&r, root, l, 2);
	}
	S_walk(&r, root->children);
	if (fired != NULL)
		for (i = 0; i < s->nrules; i++)
			if (r.fired[i] > 0)
				fired(s->rules[i].context_text, s->rules[i].line,
				    r.fired[i], arg);
	goto out;
dyn:
	{
		char	 msg[1024];

		snprintf(msg, sizeof(msg), "a let of %s could not be "
		    "evaluated: %s [%s]: its rules were not checked",
		    s->path, err.msg, err.code);
		S_say(&r, root, TK_E_SCHEMATRON, NULL, msg);
	}
out:
	for (i = 0; i < r.nres; i++)
		xp_result_free(r.res[i]);
	if (r.pvals != NULL)
		for (i = 0; i < s->npats; i++)
			free(r.pvals[i]);
	free(r.pvals);
	free(g);
	free(r.res);
	free(r.fired);
	free(r.stamp);
	return r.nomem ? -1 : r.findings;
}
