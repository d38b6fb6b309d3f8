/*
 * schema.c -- RELAX NG validation (libxml2's engine), compiled once per
 * schema, with messages an editor can act on: the line and column of
 * the element, names with their prefixes, the bad value quoted, and the
 * names or values the schema allows there, read from the schema itself.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/valid.h>
#include <libxml/xmlerror.h>

#include "internal.h"
#include "rng.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define MAX_LISTED 10

/* A name's documentation (NULL when the schema documents the name
 * differently in different places). */
struct sdoc {
	int		 attr;		/* an attribute's, else an element's */
	char		*name;		/* as the schema writes it */
	char		*doc;
};

struct teikit_schema {
	struct rng_schema *eng;		/* teikit's engine, or NULL */
	xmlRelaxNGPtr	 rng;		/* libxml2's */
	xmlDocPtr	 src;		/* the schema as XML, for "allowed" */
	xmlNodePtr	*defines;	/* <define>s sorted by name */
	size_t		 ndefines;
	struct tk_report rep;
	char		*path;
	struct sdoc	*docs;		/* a:documentation, when read */
	size_t		 ndocs;
	int		 docs_read;
};

static void
S_docs_free(teikit_schema *s)
{
	size_t	 i;

	for (i = 0; i < s->ndocs; i++) {
		free(s->docs[i].name);
		free(s->docs[i].doc);
	}
	free(s->docs);
	s->docs = NULL;
	s->ndocs = 0;
}

/* ---- reading the schema for what it allows ---- */

static int
S_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static void
S_collect_defines(teikit_schema *s, xmlNodePtr n, size_t *cap)
{
	xmlNodePtr	*p;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (S_is(n, "define")) {
			if (s->ndefines == *cap) {
				*cap = *cap ? 2 * *cap : 256;
				p = realloc(s->defines, *cap * sizeof(*p));
				if (p == NULL)
					return;
				s->defines = p;
			}
			s->defines[s->ndefines++] = n;
		}
		S_collect_defines(s, n->children, cap);
	}
}

static int
S_define_cmp(const void *a, const void *b)
{
	xmlChar	*x = xmlGetProp(*(xmlNodePtr const *)a, BAD_CAST "name");
	xmlChar	*y = xmlGetProp(*(xmlNodePtr const *)b, BAD_CAST "name");
	int	 c = xmlStrcmp(x, y);

	xmlFree(x);
	xmlFree(y);
	return c;
}

/* The local name an <element> or <attribute> pattern matches, or NULL. */
static xmlChar *
S_pattern_name(const xmlNode *n)
{
	xmlChar		*name = xmlGetProp(n, BAD_CAST "name");
	const xmlNode	*c;
	const char	*colon;

	if (name == NULL)
		for (c = n->children; c != NULL; c = c->next)
			if (S_is(c, "name")) {
				name = xmlNodeGetContent(c);
				break;
			}
	if (name != NULL && (colon = strchr((char *)name, ':')) != NULL) {
		xmlChar	*local = xmlStrdup(BAD_CAST colon + 1);

		xmlFree(name);
		name = local;
	}
	return name;
}

/* A set of names, kept small and sorted. */
struct names {
	char	*v[64];
	size_t	 n;
	int	 more;
};

static void
S_names_add(struct names *ns, const char *name)
{
	size_t	 i;

	for (i = 0; i < ns->n; i++)
		if (strcmp(ns->v[i], name) == 0)
			return;
	if (ns->n == sizeof(ns->v) / sizeof(ns->v[0])) {
		ns->more = 1;
		return;
	}
	ns->v[ns->n++] = strdup(name);
}

static void
S_names_free(struct names *ns)
{
	while (ns->n > 0)
		free(ns->v[--ns->n]);
}

static int
S_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "a, b, c" (at most MAX_LISTED, then "…"), or "" for none. */
static void
S_names_format(struct names *ns, const char *pre, const char *post,
    char *buf, size_t sz)
{
	size_t	 i;

	buf[0] = '\0';
	qsort(ns->v, ns->n, sizeof(ns->v[0]), S_strcmp);
	for (i = 0; i < ns->n && i < MAX_LISTED; i++)
		snprintf(buf + strlen(buf), sz - strlen(buf), "%s%s%s%s",
		    i ? ", " : "", pre, ns->v[i], post);
	if (ns->n > MAX_LISTED || ns->more)
		snprintf(buf + strlen(buf), sz - strlen(buf), ", …");
}

enum walk { WALK_ELEMENTS, WALK_VALUES, WALK_REQUIRED };

struct walker {
	const teikit_schema *s;
	enum walk	 what;
	struct names	*out;
	unsigned char	*seen;	/* per define */
	size_t		 depth;
	int		 found;	/* the attribute pattern was found */
	int		 optional;	/* inside optional, zeroOrMore, choice */
};

static void S_walk(struct walker *, const xmlNode *);

static void
S_walk_ref(struct walker *w, const xmlNode *ref)
{
	xmlChar		*name = xmlGetProp(ref, BAD_CAST "name");
	size_t		 lo = 0, hi = w->s->ndefines, mid;
	xmlChar		*dn;

	if (name == NULL)
		return;
	while (lo < hi) {	/* the first define of that name */
		mid = (lo + hi) / 2;
		dn = xmlGetProp(w->s->defines[mid], BAD_CAST "name");
		if (xmlStrcmp(dn, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
		xmlFree(dn);
	}
	for (; lo < w->s->ndefines; lo++) {
		dn = xmlGetProp(w->s->defines[lo], BAD_CAST "name");
		if (!xmlStrEqual(dn, name)) {
			xmlFree(dn);
			break;
		}
		xmlFree(dn);
		if (!w->seen[lo]) {
			w->seen[lo] = 1;
			S_walk(w, w->s->defines[lo]->children);
		}
	}
	xmlFree(name);
}

/* Walk a content pattern without entering child elements' content. */
static void
S_walk(struct walker *w, const xmlNode *n)
{
	xmlChar	*name;

	if (++w->depth > 200) {
		w->depth--;
		return;
	}
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (w->what == WALK_REQUIRED && S_is(n, "attribute")) {
			if (!w->optional &&
			    (name = xmlGetProp(n, BAD_CAST "name")) != NULL) {
				S_names_add(w->out, (char *)name);
				xmlFree(name);
			}
		} else if (w->what == WALK_REQUIRED && (S_is(n, "optional") ||
		    S_is(n, "zeroOrMore") || S_is(n, "choice"))) {
			w->optional++;
			S_walk(w, n->children);
			w->optional--;
		} else if (S_is(n, "element")) {
			if (w->what == WALK_ELEMENTS &&
			    (name = S_pattern_name(n)) != NULL) {
				S_names_add(w->out, (char *)name);
				xmlFree(name);
			} else if (w->what == WALK_ELEMENTS)
				w->out->more = 1;
		} else if (S_is(n, "ref") || S_is(n, "parentRef"))
			S_walk_ref(w, n);
		else if (S_is(n, "value") && w->what == WALK_VALUES) {
			name = xmlNodeGetContent(n);
			S_names_add(w->out, (char *)name);
			xmlFree(name);
		} else if (S_is(n, "data") && w->what == WALK_VALUES)
			w->out->more = 1;
		else if (!S_is(n, "attribute") && !S_is(n, "name") &&
		    !S_is(n, "anyName") && !S_is(n, "nsName"))
			S_walk(w, n->children);
	}
	w->depth--;
}

static void
S_walker_init(struct walker *w, const teikit_schema *s, enum walk what,
    struct names *out)
{
	memset(w, 0, sizeof(*w));
	w->s = s;
	w->what = what;
	w->out = out;
	w->seen = calloc(s->ndefines + 1, 1);
}

/* Every <element> pattern for `local`, wherever it is. */
static void
S_each_element(const teikit_schema *s, const xmlNode *n, const char *local,
    void (*fn)(const teikit_schema *, const xmlNode *, void *), void *arg)
{
	xmlChar	*name;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (S_is(n, "element") && (name = S_pattern_name(n)) != NULL) {
			if (strcmp((char *)name, local) == 0)
				fn(s, n, arg);
			xmlFree(name);
		}
		S_each_element(s, n->children, local, fn, arg);
	}
}

static void
S_required_of(const teikit_schema *s, const xmlNode *el, void *arg)
{
	struct walker	 w;

	S_walker_init(&w, s, WALK_REQUIRED, arg);
	if (w.seen != NULL)
		S_walk(&w, el->children);
	free(w.seen);
}

static void
S_children_of(const teikit_schema *s, const xmlNode *el, void *arg)
{
	struct walker	 w;

	S_walker_init(&w, s, WALK_ELEMENTS, arg);
	if (w.seen != NULL)
		S_walk(&w, el->children);
	free(w.seen);
}

struct attr_query {
	const char	*attr;
	struct names	*out;
	int		 found;
};

/* Find <attribute name=attr> in an element's own pattern, then its
 * values. */
static void
S_find_attr(const teikit_schema *s, struct walker *w, const xmlNode *n,
    const char *attr)
{
	xmlChar	*name;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || S_is(n, "element"))
			continue;
		if (S_is(n, "attribute") && (name = S_pattern_name(n))) {
			if (strcmp((char *)name, attr) == 0) {
				w->found = 1;
				S_walk(w, n->children);
			}
			xmlFree(name);
		} else if (S_is(n, "ref")) {
			xmlChar	*rn = xmlGetProp(n, BAD_CAST "name");
			size_t	 i;

			for (i = 0; rn != NULL && i < s->ndefines; i++) {
				xmlChar *dn = xmlGetProp(s->defines[i],
				    BAD_CAST "name");

				if (xmlStrEqual(dn, rn) && !w->seen[i]) {
					w->seen[i] = 1;
					S_find_attr(s, w,
					    s->defines[i]->children, attr);
				}
				xmlFree(dn);
			}
			xmlFree(rn);
		} else
			S_find_attr(s, w, n->children, attr);
	}
}

static void
S_values_of(const teikit_schema *s, const xmlNode *el, void *arg)
{
	struct attr_query *q = arg;
	struct walker	 w;

	S_walker_init(&w, s, WALK_VALUES, q->out);
	if (w.seen != NULL)
		S_find_attr(s, &w, el->children, q->attr);
	q->found |= w.found;
	free(w.seen);
}

/* ---- compiling ---- */

static void
S_rng_error(void *arg, xmlErrorPtr err)
{
	struct tk_report *rep = arg;
	char		 msg[512];

	tk_xml_message(err, msg, sizeof(msg));
	tk_diag(rep, err->line > 0 ? (unsigned)err->line : 0, 0,
	    err->level == XML_ERR_WARNING ? TK_W_XML : TK_S_DATA, "%s", msg);
}

int
teikit_engine_parse(const char *name)
{
	if (strcmp(name, "teikit") == 0)
		return TEIKIT_ENGINE_TEIKIT;
	if (strcmp(name, "libxml2") == 0)
		return TEIKIT_ENGINE_LIBXML2;
	return -1;
}

teikit_schema *
teikit_schema_new(const char *path, teikit_diag_fn fn, void *arg)
{
	return teikit_schema_new_engine(path, TEIKIT_ENGINE_TEIKIT, fn, arg);
}

teikit_schema *
teikit_schema_new_engine(const char *path, teikit_engine engine,
    teikit_diag_fn fn, void *arg)
{
	teikit_schema	*s;
	xmlRelaxNGParserCtxtPtr pc;
	size_t		 cap = 0, n;

	tk_xml_init();
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->rep.fn = fn;
	s->rep.arg = arg;
	s->rep.file = s->path = strdup(path);
	if (engine == TEIKIT_ENGINE_TEIKIT) {
		tk_loader_allow(1);
		s->eng = s->path ? rng_compile(path, &s->rep) : NULL;
		tk_loader_allow(0);
		if (s->eng == NULL) {
			if (s->rep.errors == 0)
				tk_diag(&s->rep, 0, 0, TK_S_DATA, "cannot "
				    "compile the schema");
			teikit_schema_free(s);
			return NULL;
		}
		return s;
	}
	n = strlen(path);
	if (n >= 4 && strcmp(path + n - 4, ".rnc") == 0) {
		tk_diag(&s->rep, 0, 0, TK_S_DATA, "libxml2's RELAX NG engine "
		    "reads the XML syntax only: use teikit's (--engine "
		    "teikit) for the compact syntax");
		teikit_schema_free(s);
		return NULL;
	}
	tk_loader_allow(1);
	xmlSetStructuredErrorFunc(&s->rep, S_rng_error);
	s->src = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (s->src != NULL && (pc = xmlRelaxNGNewDocParserCtxt(s->src))) {
		xmlRelaxNGSetParserStructuredErrors(pc, S_rng_error, &s->rep);
		s->rng = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	tk_loader_allow(0);
	if (s->rng == NULL || s->path == NULL) {
		tk_diag(&s->rep, 0, 0, TK_S_DATA, "cannot compile the schema");
		teikit_schema_free(s);
		return NULL;
	}
	S_collect_defines(s, xmlDocGetRootElement(s->src), &cap);
	qsort(s->defines, s->ndefines, sizeof(*s->defines), S_define_cmp);
	return s;
}

void
teikit_schema_free(teikit_schema *s)
{
	if (s == NULL)
		return;
	rng_schema_free(s->eng);
	if (s->rng != NULL)
		xmlRelaxNGFree(s->rng);
	xmlFreeDoc(s->src);
	free(s->defines);
	S_docs_free(s);
	free(s->path);
	free(s);
}

/* ---- validating, and saying what went wrong ---- */

struct vstate {
	const teikit_schema *s;
	const teikit_doc *doc;
	struct tk_report rep;
	int		 real;		/* errors other than "failed to…" */
	struct {
		const void	*node;
		char		*msg;
	} pending[64];			/* "failed to validate" cascades */
	size_t		 npending;
	const void	*last_node;
	char		 last_msg[256];
	int		 suppressed;	/* left to rules.c */
};

/* The element's name as written, prefix and all: "tei:p" or "p". */
static void
S_qname(const xmlNode *n, char *buf, size_t sz)
{
	if (n->ns != NULL && n->ns->prefix != NULL)
		snprintf(buf, sz, "%s:%s", n->ns->prefix, n->name);
	else
		snprintf(buf, sz, "%s", n->name);
}

/* The attribute of `n` whose local name is `local`, as "xml:id". */
static const xmlAttr *
S_attr(const xmlNode *n, const char *local, char *buf, size_t sz)
{
	const xmlAttr	*a;

	for (a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, local) == 0) {
			if (a->ns != NULL && a->ns->prefix != NULL)
				snprintf(buf, sz, "%s:%s", a->ns->prefix, local);
			else
				snprintf(buf, sz, "%s", local);
			return a;
		}
	snprintf(buf, sz, "%s", local);
	return NULL;
}

/* The attribute of `n` whose value is `value`. */
static const xmlAttr *
S_attr_by_value(const xmlNode *n, const char *value)
{
	const xmlAttr	*a;
	xmlChar		*v;
	int		 eq;

	for (a = n->properties; a != NULL; a = a->next) {
		v = xmlNodeGetContent((const xmlNode *)a);
		eq = v != NULL && strcmp((char *)v, value) == 0;
		xmlFree(v);
		if (eq)
			return a;
	}
	return NULL;
}

static void
S_allowed_children(const struct vstate *v, const char *local, char *buf,
    size_t sz)
{
	struct names	 ns;
	char		 list[512];

	memset(&ns, 0, sizeof(ns));
	S_each_element(v->s, xmlDocGetRootElement(v->s->src), local,
	    S_children_of, &ns);
	S_names_format(&ns, "<", ">", list, sizeof(list));
	S_names_free(&ns);
	if (list[0] == '\0')
		snprintf(buf, sz, "; <%s> may hold no elements", local);
	else
		snprintf(buf, sz, "; <%s> may hold %s", local, list);
}

/* "; allowed: …" for the values of `attr` on `el`; returns whether
 * the schema has that attribute on that element at all. */
static int
S_allowed_values(const struct vstate *v, const char *el, const char *attr,
    char *buf, size_t sz)
{
	struct names	 ns;
	struct attr_query q;
	char		 list[512];

	memset(&ns, 0, sizeof(ns));
	memset(&q, 0, sizeof(q));
	q.attr = attr;
	q.out = &ns;
	S_each_element(v->s, xmlDocGetRootElement(v->s->src), el,
	    S_values_of, &q);
	S_names_format(&ns, "\"", "\"", list, sizeof(list));
	buf[0] = '\0';
	if (list[0] != '\0' && !ns.more)
		snprintf(buf, sz, "; allowed: %s", list);
	S_names_free(&ns);
	return q.found;
}

static void
S_report(struct vstate *v, const xmlNode *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
S_report(struct vstate *v, const xmlNode *node, const char *fmt, ...)
{
	char		 msg[1024];
	va_list		 ap;
	unsigned	 line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* libxml2 often says one thing twice. */
	if (node == v->last_node && strncmp(msg, v->last_msg,
	    sizeof(v->last_msg) - 1) == 0)
		return;
	v->last_node = node;
	snprintf(v->last_msg, sizeof(v->last_msg), "%.255s", msg);
	tk_doc_pos(v->doc, node, &line, &col);
	tk_diag(&v->rep, line, col, TK_E_SCHEMA, "%s", msg);
}

/* Translate one libxml2 validity error (its arguments are str1, str2). */
static void
S_valid_error(void *arg, xmlErrorPtr err)
{
	struct vstate	*v = arg;
	const xmlNode	*n = err->node;
	const char	*m = err->message ? err->message : "";
	const char	*s1 = err->str1 ? err->str1 : "";
	const char	*s2 = err->str2 ? err->str2 : "";
	char		 q[128], an[128], extra[640];
	const xmlAttr	*a;
	xmlChar		*val;

	if (n == NULL || n->type != XML_ELEMENT_NODE) {
		S_report(v, n, "%.*s", (int)strcspn(m, "\n"), m);
		v->real++;
		return;
	}
	S_qname(n, q, sizeof(q));
	if (strstr(m, "failed to validate") != NULL) {
		if (v->npending < sizeof(v->pending) / sizeof(v->pending[0])) {
			v->pending[v->npending].node = n;
			v->pending[v->npending++].msg = strdup(
			    strstr(m, "attributes") ? "attributes" : "content");
		}
		return;
	}
	v->real++;
	extra[0] = '\0';
	if (strncmp(m, "Expecting element", 17) == 0 ||
	    strncmp(m, "Did not expect element", 22) == 0) {
		if (n->parent != NULL && n->parent->type == XML_ELEMENT_NODE)
			S_allowed_children(v, (const char *)n->parent->name,
			    extra, sizeof(extra));
		if (m[0] == 'E')
			S_report(v, n, "element <%s> is not allowed here "
			    "(expected <%s>)%s", q, s1, extra);
		else
			S_report(v, n, "element <%s> is not allowed here%s", q,
			    extra);
	} else if (strncmp(m, "Expecting an element", 20) == 0) {
		S_allowed_children(v, (const char *)n->name, extra,
		    sizeof(extra));
		S_report(v, n, "element <%s> is incomplete: <%s> is missing",
		    q, s1);
	} else if (strncmp(m, "Invalid attribute", 17) == 0) {
		a = S_attr(n, s1, an, sizeof(an));
		val = a ? xmlNodeGetContent((const xmlNode *)a) : NULL;
		if (a != NULL && a->ns != NULL && strcmp((const char *)a->name,
		    "id") == 0 && val != NULL && xmlGetID(n->doc, val) != a) {
			v->real--;	/* an id used twice: rules.c says so */
			v->suppressed++;
			xmlFree(val);
			return;
		}
		if (a != NULL && a->ns == NULL && S_allowed_values(v,
		    (const char *)n->name, s1, extra, sizeof(extra)))
			S_report(v, n, "attribute %s on <%s> has a bad value "
			    "\"%s\"%s", an, q, val ? (char *)val : "", extra);
		else
			S_report(v, n, "attribute %s=\"%s\" is not allowed on "
			    "<%s>", an, val ? (char *)val : "", q);
		xmlFree(val);
	} else if (strncmp(m, "Type ", 5) == 0 ||
	    strncmp(m, "Error validating value", 22) == 0 ||
	    strncmp(m, "Error validating datatype", 25) == 0) {
		const char *bad = m[0] == 'T' ? s2 : s1;

		a = S_attr_by_value(n, bad);
		if (a != NULL) {
			S_attr(n, (const char *)a->name, an, sizeof(an));
			S_allowed_values(v, (const char *)n->name,
			    (const char *)a->name, extra, sizeof(extra));
			S_report(v, n, "attribute %s on <%s> has a bad value "
			    "\"%s\"%s%s%s", an, q, bad, m[0] == 'T' ? " for "
			    : "", m[0] == 'T' ? s1 : "", extra);
		} else
			S_report(v, n, "bad value \"%s\" in <%s>%s%s", bad, q,
			    m[0] == 'T' ? " for " : "", m[0] == 'T' ? s1 : "");
	} else if (strncmp(m, "Element ", 8) == 0 &&
	    strstr(m, "has extra content") != NULL) {
		if (v->real > 1)	/* the cause was said already */
			return;
		S_allowed_children(v, (const char *)n->name, extra,
		    sizeof(extra));
		S_report(v, n, "element <%s> holds content the schema does "
		    "not allow there (%s)%s", q, s2, extra);
	} else if (strncmp(m, "Did not expect text", 19) == 0 ||
	    strncmp(m, "Expecting an element got text", 29) == 0) {
		S_report(v, n, "text is not allowed directly in <%s>", q);
	} else if (strstr(m, "namespace") != NULL) {
		S_report(v, n, "element <%s> is in the wrong namespace (%s); "
		    "TEI elements are in %s", q,
		    n->ns ? (const char *)n->ns->href : "none", TEI_NS);
	} else
		S_report(v, n, "<%s>: %.*s", q, (int)strcspn(m, "\n"), m);
}

/* An element failed and libxml2 did not say why: a required attribute
 * missing, most often. */
static void
S_pending(struct vstate *v, const xmlNode *n, const char *q,
    const char *what)
{
	struct names	 req;
	size_t		 i;
	char		 missing[256] = "", an[128];

	memset(&req, 0, sizeof(req));
	if (strcmp(what, "attributes") == 0)
		S_each_element(v->s, xmlDocGetRootElement(v->s->src),
		    (const char *)n->name, S_required_of, &req);
	for (i = 0; i < req.n; i++) {
		const char *local = strchr(req.v[i], ':');

		if (S_attr(n, local ? local + 1 : req.v[i], an,
		    sizeof(an)) == NULL)
			snprintf(missing + strlen(missing),
			    sizeof(missing) - strlen(missing), "%s%s",
			    missing[0] ? ", " : "", req.v[i]);
	}
	S_names_free(&req);
	if (missing[0] != '\0')
		S_report(v, n, "element <%s> lacks the required attribute%s "
		    "%s", q, strchr(missing, ',') ? "s" : "", missing);
	else
		S_report(v, n, "element <%s>: its %s do not match the schema",
		    q, what);
}

int
teikit_schema_validate(teikit_schema *s, const teikit_doc *doc,
    const char *docname)
{
	xmlRelaxNGValidCtxtPtr vc;
	struct vstate	 v;
	size_t		 i;
	int		 rc;

	memset(&v, 0, sizeof(v));
	v.s = s;
	v.doc = doc;
	v.rep = s->rep;
	v.rep.file = docname;
	v.rep.errors = 0;
	if (s->eng != NULL) {
		rc = rng_validate_doc(s->eng, doc, &v.rep);
		if (s->eng->has_ids)
			((teikit_doc *)doc)->ids_checked = 1;
		return rc;
	}
	if ((vc = xmlRelaxNGNewValidCtxt(s->rng)) == NULL)
		return -1;
	xmlRelaxNGSetValidStructuredErrors(vc, S_valid_error, &v);
	rc = xmlRelaxNGValidateDoc(vc, doc->xml);
	xmlRelaxNGFreeValidCtxt(vc);
	/* Report a cascade only when nothing better was said. */
	for (i = 0; i < v.npending; i++) {
		if (v.real == 0 && rc != 0) {
			char	 q[128];

			S_qname(v.pending[i].node, q, sizeof(q));
			S_pending(&v, v.pending[i].node, q, v.pending[i].msg);
			v.real++;
		}
		free(v.pending[i].msg);
	}
	if (rc != 0 && v.rep.errors == 0 && v.suppressed == 0)
		tk_diag(&v.rep, 0, 0, TK_E_SCHEMA, "not valid against %s",
		    s->path);
	return rc < 0 ? -1 : v.rep.errors;
}

/* ---- validating as the parser reads: no tree ---- */

static void
S_ev_start(void *v, const char *ns, const char *prefix, const char *local,
    unsigned line, unsigned col)
{
	rng_valid_start(v, ns, prefix, local, line, col);
}

static void
S_ev_attr(void *v, const char *ns, const char *prefix, const char *local,
    const char *value, xmlNodePtr ctx, unsigned line, unsigned col)
{
	rng_valid_attr(v, ns, prefix, local, value, ctx, line, col);
}

static void
S_ev_attrs_done(void *v)
{
	rng_valid_attrs_done(v);
}

static void
S_ev_text(void *v, const char *s, size_t n, unsigned line, unsigned col)
{
	rng_valid_text(v, s, n, line, col);
}

static void
S_ev_end(void *v, xmlNodePtr ctx)
{
	rng_valid_end(v, ctx);
}

static int
S_validate_tree_fd(teikit_schema *s, int fd, const char *docname, int flags)
{
	char		*buf = NULL, *nb;
	size_t		 len = 0, cap = 0;
	ssize_t		 n;
	teikit_doc	*doc;
	int		 rc;

	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				return -1;
			}
			buf = nb;
		}
		if ((n = read(fd, buf + len, cap - len)) == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	if (n == -1) {
		free(buf);
		return -1;
	}
	doc = teikit_doc_parse_flags(buf, len, docname, NULL, flags,
	    s->rep.fn, s->rep.arg);
	free(buf);
	if (doc == NULL)
		return 1;
	rc = teikit_schema_validate(s, doc, docname);
	teikit_doc_free(doc);
	return rc;
}

int
teikit_schema_validate_fd(teikit_schema *s, int fd, const char *docname)
{
	return teikit_schema_validate_fd_flags(s, fd, docname, 0);
}

int
teikit_schema_validate_fd_flags(teikit_schema *s, int fd,
    const char *docname, int flags)
{
	static const struct tk_sax cb = { S_ev_start, S_ev_attr,
	    S_ev_attrs_done, S_ev_text, S_ev_end };
	struct tk_report rep = s->rep;
	struct rng_valid *v;
	int		 wf;

	if (s->eng == NULL)
		return S_validate_tree_fd(s, fd, docname, flags);
	rep.file = docname;
	rep.errors = 0;
	if ((v = rng_valid_new(s->eng, &rep)) == NULL)
		return -1;
	wf = tk_doc_stream(fd, docname, &rep, &cb, v, flags);
	if (rng_valid_free(v) != 0)
		return -1;
	return wf == 0 || rep.errors > 0 ? rep.errors : 1;
}

/* ---- completion: what the schema allows where the text stops ---- */

/*
 * The text before the cursor is read leniently, as a document being
 * typed is: tags are found by their '<' and '>', an end tag closes the
 * innermost open element of its name (and those inside it), one that
 * matches none is ignored, and what follows the cursor is not read.
 * Its start tags, attributes, text and end tags are fed to the
 * validator, which forgives what it refuses; where they stop, it says
 * what may come next.
 */

#define XML_NS_URI "http://www.w3.org/XML/1998/namespace"
#define EXPECT_MAX_DEPTH 256	/* open elements followed */
#define EXPECT_MAX_ATTS	64	/* attributes of one start tag */

struct xbind {
	char		*prefix;	/* "" for the default namespace */
	char		*uri;
};

struct xopen {
	char		*qname, *prefix, *local;	/* owned */
	size_t		 nbinds;	/* bindings before it */
};

struct xscan {
	struct rng_valid *v;
	struct xbind	*binds;
	size_t		 nbinds, capbinds;
	struct xopen	 open[EXPECT_MAX_DEPTH];
	size_t		 depth;
	size_t		 skipped;	/* open past EXPECT_MAX_DEPTH */
	int		 nomem;
};

/* One attribute of a start tag, as offsets into the text. */
struct xatt {
	size_t		 name, nlen, val, vlen;
	int		 eq;		/* its '=' is there */
	int		 closed;	/* its value's quote is closed */
};

static int
S_xname(unsigned char c)
{
	return c == ':' || c == '_' || c == '-' || c == '.' ||
	    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

static int
S_xspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *
S_xns(const struct xscan *x, const char *prefix, size_t n)
{
	size_t	 i;

	if (n == 3 && strncmp(prefix, "xml", 3) == 0)
		return XML_NS_URI;
	for (i = x->nbinds; i-- > 0; )
		if (strlen(x->binds[i].prefix) == n &&
		    strncmp(x->binds[i].prefix, prefix, n) == 0)
			return x->binds[i].uri;
	return n == 0 ? "" : NULL;
}

/* The prefix bound to uri in scope ("" the default), or NULL. */
static const char *
S_xprefix(const struct xscan *x, const char *uri)
{
	size_t	 i;

	if (strcmp(uri, XML_NS_URI) == 0)
		return "xml";
	for (i = x->nbinds; i-- > 0; )
		if (strcmp(x->binds[i].uri, uri) == 0 &&
		    S_xns(x, x->binds[i].prefix,
		    strlen(x->binds[i].prefix)) == x->binds[i].uri)
			return x->binds[i].prefix;
	return NULL;
}

static void
S_xbind(struct xscan *x, const char *prefix, size_t pn, const char *uri,
    size_t un)
{
	struct xbind	*b;

	if (x->nbinds == x->capbinds) {
		x->capbinds = x->capbinds ? 2 * x->capbinds : 16;
		if ((b = realloc(x->binds, x->capbinds * sizeof(*b))) == NULL) {
			x->nomem = 1;
			return;
		}
		x->binds = b;
	}
	b = &x->binds[x->nbinds];
	b->prefix = strndup(prefix, pn);
	b->uri = strndup(uri, un);
	if (b->prefix == NULL || b->uri == NULL) {
		free(b->prefix);
		free(b->uri);
		x->nomem = 1;
		return;
	}
	x->nbinds++;
}

static void
S_xunbind(struct xscan *x, size_t to)
{
	while (x->nbinds > to) {
		x->nbinds--;
		free(x->binds[x->nbinds].prefix);
		free(x->binds[x->nbinds].uri);
	}
}

/* Read a start tag's attributes from p (after its name) up to lim:
 * where it stops (at '>' or "/>" or lim). */
static size_t
S_xatts(const char *b, size_t p, size_t lim, struct xatt *a, size_t *na)
{
	size_t	 n = 0;
	char	 q;

	for (;;) {
		while (p < lim && S_xspace(b[p]))
			p++;
		if (p >= lim || b[p] == '>' || b[p] == '/' || b[p] == '<')
			break;
		if (!S_xname(b[p])) {
			p++;
			continue;
		}
		a[n].name = p;
		while (p < lim && S_xname(b[p]))
			p++;
		a[n].nlen = p - a[n].name;
		a[n].val = p;
		a[n].vlen = 0;
		a[n].eq = 0;
		a[n].closed = 0;
		while (p < lim && S_xspace(b[p]))
			p++;
		if (p < lim && b[p] == '=') {
			p++;
			a[n].eq = 1;
			while (p < lim && S_xspace(b[p]))
				p++;
			a[n].val = p;
			if (p < lim && (b[p] == '"' || b[p] == '\'')) {
				q = b[p++];
				a[n].val = p;
				while (p < lim && b[p] != q)
					p++;
				a[n].vlen = p - a[n].val;
				if (p < lim) {
					a[n].closed = 1;
					p++;
				}
			}
		}
		if (n + 1 < EXPECT_MAX_ATTS)
			n++;
	}
	*na = n;
	return p;
}

/* Open the start tag [name, name + nlen) with its attributes a: its
 * namespace declarations, then the tag and the other attributes to the
 * validator.  skip: an attribute not to give (the one being typed). */
static void
S_xopen(struct xscan *x, const char *b, size_t name, size_t nlen,
    const struct xatt *a, size_t na, long skip)
{
	struct xopen	*o;
	const char	*colon, *ns;
	char		*an, *av;
	size_t		 i, pn;

	if (x->depth == EXPECT_MAX_DEPTH) {
		x->skipped++;
		return;
	}
	o = &x->open[x->depth];
	o->nbinds = x->nbinds;
	for (i = 0; i < na; i++) {
		if ((long)i == skip)
			continue;
		if (a[i].nlen == 5 && strncmp(b + a[i].name, "xmlns", 5) == 0)
			S_xbind(x, "", 0, b + a[i].val, a[i].vlen);
		else if (a[i].nlen > 6 &&
		    strncmp(b + a[i].name, "xmlns:", 6) == 0)
			S_xbind(x, b + a[i].name + 6, a[i].nlen - 6,
			    b + a[i].val, a[i].vlen);
	}
	o->qname = strndup(b + name, nlen);
	colon = memchr(b + name, ':', nlen);
	pn = colon != NULL ? (size_t)(colon - (b + name)) : 0;
	o->prefix = strndup(b + name, pn);
	o->local = strdup(o->qname + (colon != NULL ? pn + 1 : 0));
	if (o->qname == NULL || o->prefix == NULL || o->local == NULL) {
		free(o->qname);
		free(o->prefix);
		free(o->local);
		x->nomem = 1;
		return;
	}
	x->depth++;
	if ((ns = S_xns(x, o->prefix, pn)) == NULL)
		ns = "";	/* an undeclared prefix: refused, forgiven */
	rng_valid_start(x->v, ns, o->prefix, o->local, 0, 0);
	for (i = 0; i < na; i++) {
		if ((long)i == skip || (a[i].nlen >= 5 &&
		    strncmp(b + a[i].name, "xmlns", 5) == 0 &&
		    (a[i].nlen == 5 || b[a[i].name + 5] == ':')))
			continue;
		colon = memchr(b + a[i].name, ':', a[i].nlen);
		pn = colon != NULL ? (size_t)(colon - (b + a[i].name)) : 0;
		ns = colon != NULL ? S_xns(x, b + a[i].name, pn) : "";
		an = strndup(b + a[i].name + (colon ? pn + 1 : 0),
		    a[i].nlen - (colon ? pn + 1 : 0));
		av = strndup(b + a[i].val, a[i].vlen);
		if (an != NULL && av != NULL && ns != NULL)
			rng_valid_attr(x->v, ns, NULL, an, av, NULL, 0, 0);
		free(an);
		free(av);
	}
}

static void
S_xclose_top(struct xscan *x)
{
	struct xopen	*o;

	if (x->skipped > 0) {
		x->skipped--;
		return;
	}
	if (x->depth == 0)
		return;
	rng_valid_end(x->v, NULL);
	o = &x->open[--x->depth];
	S_xunbind(x, o->nbinds);
	free(o->qname);
	free(o->prefix);
	free(o->local);
}

/* An end tag: closes the innermost open element of its name. */
static void
S_xend(struct xscan *x, const char *name, size_t n)
{
	size_t	 i;

	if (x->skipped > 0) {
		x->skipped--;
		return;
	}
	for (i = x->depth; i-- > 0; )
		if (strlen(x->open[i].qname) == n &&
		    strncmp(x->open[i].qname, name, n) == 0)
			break;
	if (i == (size_t)-1)
		return;
	while (x->depth > i)
		S_xclose_top(x);
}

/* Skip from p past the string end, or to lim: where it stops, and
 * whether it was found. */
static size_t
S_xpast(const char *b, size_t p, size_t lim, const char *end, int *found)
{
	size_t	 n = strlen(end);

	for (; p + n <= lim; p++)
		if (memcmp(b + p, end, n) == 0) {
			*found = 1;
			return p + n;
		}
	*found = 0;
	return lim;
}

struct xitem {
	teikit_expect	 kind;
	char		*name;
};

struct xitems {
	struct xscan	*x;
	struct xitem	*v;
	size_t		 n, cap;
};

static void
S_xitem(void *arg, int kind, const char *ns, const char *local)
{
	struct xitems	*it = arg;
	const char	*prefix = NULL;
	char		*name;
	size_t		 i;
	teikit_expect	 k;

	k = kind == RNG_WANT_ELEMENTS ? TEIKIT_EXPECT_ELEMENT :
	    kind == RNG_WANT_REQUIRED ? TEIKIT_EXPECT_REQUIRED :
	    kind == RNG_WANT_ATTRIBUTES ? TEIKIT_EXPECT_ATTRIBUTE :
	    TEIKIT_EXPECT_VALUE;
	if (ns != NULL && *ns != '\0') {
		prefix = S_xprefix(it->x, ns);
		if (prefix == NULL) {
			/* an element where no default namespace is declared
			 * (a root being typed): by its local name */
			if (k != TEIKIT_EXPECT_ELEMENT ||
			    S_xns(it->x, "", 0)[0] != '\0')
				return;
			prefix = "";
		}
	}
	if (prefix != NULL && *prefix != '\0') {
		if ((name = malloc(strlen(prefix) + strlen(local) + 2)) != NULL)
			sprintf(name, "%s:%s", prefix, local);
	} else
		name = strdup(local);
	if (name == NULL)
		return;
	for (i = 0; i < it->n; i++)
		if (strcmp(it->v[i].name, name) == 0) {
			free(name);
			return;
		}
	if (it->n == it->cap) {
		struct xitem *nv;

		it->cap = it->cap ? 2 * it->cap : 64;
		if ((nv = realloc(it->v, it->cap * sizeof(*nv))) == NULL) {
			free(name);
			return;
		}
		it->v = nv;
	}
	it->v[it->n].kind = k;
	it->v[it->n++].name = name;
}

static int
S_xitem_cmp(const void *a, const void *b)
{
	const struct xitem *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind == TEIKIT_EXPECT_REQUIRED ? -1 :
		    y->kind == TEIKIT_EXPECT_REQUIRED ? 1 : 0;
	return strcmp(x->name, y->name);
}

#define ANNOT_NS "http://relaxng.org/ns/compatibility/annotations/1.0"

static int
S_sdoc_cmp(const void *a, const void *b)
{
	const struct sdoc *x = a, *y = b;

	if (x->attr != y->attr)
		return x->attr - y->attr;
	return strcmp(x->name, y->name);
}

static void
S_xquiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/* The a:documentation of each <element name> and <attribute name> of
 * the schema's own file (not those it includes; not the compact
 * syntax's), read once, when first asked: tei_all has 2,000. */
static void
S_docs_read(teikit_schema *s)
{
	xmlDocPtr	 d;
	xmlNodePtr	 n, c;
	xmlChar		*name, *text;
	struct sdoc	*v = NULL, *nv;
	size_t		 nv_n = 0, cap = 0, i, k, len;

	s->docs_read = 1;
	len = strlen(s->path);
	if (len >= 4 && strcmp(s->path + len - 4, ".rnc") == 0)
		return;
	tk_loader_allow(1);
	xmlSetStructuredErrorFunc(NULL, S_xquiet);
	d = xmlReadFile(s->path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	xmlSetStructuredErrorFunc(NULL, NULL);
	tk_loader_allow(0);
	if (d == NULL)
		return;
	/* depth first, without recursion */
	for (n = xmlDocGetRootElement(d); n != NULL; ) {
		if (S_is(n, "element") || S_is(n, "attribute")) {
			for (c = n->children; c != NULL &&
			    c->type != XML_ELEMENT_NODE; c = c->next)
				;
			if (c != NULL && c->ns != NULL && strcmp((const char *)
			    c->ns->href, ANNOT_NS) == 0 && strcmp((const char *)
			    c->name, "documentation") == 0 &&
			    (name = xmlGetProp(n, BAD_CAST "name")) != NULL) {
				text = xmlNodeGetContent(c);
				if (nv_n == cap) {
					cap = cap ? 2 * cap : 256;
					nv = realloc(v, cap * sizeof(*v));
					if (nv == NULL) {
						xmlFree(name);
						xmlFree(text);
						break;
					}
					v = nv;
				}
				v[nv_n].attr = S_is(n, "attribute");
				v[nv_n].name = strdup((const char *)name);
				v[nv_n].doc = text != NULL ?
				    strdup((const char *)text) : NULL;
				nv_n++;
				xmlFree(name);
				xmlFree(text);
			}
		}
		if (n->children != NULL && n->children->type ==
		    XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		for (c = n->children; c != NULL &&
		    c->type != XML_ELEMENT_NODE; c = c->next)
			;
		if (c != NULL) {
			n = c;
			continue;
		}
		while (n != NULL) {
			for (c = n->next; c != NULL &&
			    c->type != XML_ELEMENT_NODE; c = c->next)
				;
			if (c != NULL) {
				n = c;
				break;
			}
			n = n->parent;
			if (n != NULL && n->type != XML_ELEMENT_NODE)
				n = NULL;
		}
	}
	xmlFreeDoc(d);
	if (nv_n == 0) {
		free(v);
		return;
	}
	/* one per name; a name documented in two ways has none */
	qsort(v, nv_n, sizeof(*v), S_sdoc_cmp);
	for (i = k = 0; i < nv_n; i++) {
		if (v[i].name == NULL) {
			free(v[i].doc);
			continue;
		}
		if (k > 0 && S_sdoc_cmp(&v[k - 1], &v[i]) == 0) {
			if (v[k - 1].doc != NULL && (v[i].doc == NULL ||
			    strcmp(v[k - 1].doc, v[i].doc) != 0)) {
				free(v[k - 1].doc);
				v[k - 1].doc = NULL;
			}
			free(v[i].name);
			free(v[i].doc);
			continue;
		}
		v[k++] = v[i];
	}
	s->docs = v;
	s->ndocs = k;
}

/* The documentation of a name, white space collapsed into buf. */
static const char *
S_doc_of(teikit_schema *s, int attr, const char *name, char *buf,
    size_t sz)
{
	struct sdoc	 key, *f;
	const char	*t;
	size_t		 k = 0;
	int		 sp = 0;

	if (!s->docs_read)
		S_docs_read(s);
	if (s->ndocs == 0)
		return NULL;
	key.attr = attr;
	key.name = (char *)name;
	if ((f = bsearch(&key, s->docs, s->ndocs, sizeof(key),
	    S_sdoc_cmp)) == NULL || f->doc == NULL)
		return NULL;
	for (t = f->doc; *t != '\0' && k + 1 < sz; t++) {
		if (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r') {
			sp = k > 0;
			continue;
		}
		if (sp)
			buf[k++] = ' ';
		sp = 0;
		if (k + 1 < sz)
			buf[k++] = *t;
	}
	buf[k] = '\0';
	return k > 0 ? buf : NULL;
}

int
teikit_schema_expected(teikit_schema *s, const char *b, size_t len,
    size_t off, teikit_expect_fn fn, void *arg)
{
	struct tk_report rep;
	struct xscan	 x;
	struct xatt	 a[EXPECT_MAX_ATTS];
	struct xitems	 it;
	size_t		 p = 0, t, name, nlen, na, i;
	int		 found, what = RNG_WANT_ELEMENTS, rc = 0;
	const char	*att_ns = NULL;
	char		*att_local = NULL, docbuf[2048];

	if (s->eng == NULL)
		return -1;	/* libxml2's engine says nothing of this */
	if (off > len)
		off = len;
	memset(&rep, 0, sizeof(rep));
	memset(&x, 0, sizeof(x));
	if ((x.v = rng_valid_new(s->eng, &rep)) == NULL)
		return -1;
	while (p < off && !x.nomem) {
		if (b[p] != '<') {
			t = p;
			while (p < off && b[p] != '<')
				p++;
			rng_valid_text(x.v, b + t, p - t, 0, 0);
			continue;
		}
		if (off - p >= 4 && strncmp(b + p, "<!--", 4) == 0) {
			p = S_xpast(b, p + 4, off, "-->", &found);
			if (!found)
				goto none;	/* in a comment */
		} else if (off - p >= 9 &&
		    strncmp(b + p, "<![CDATA[", 9) == 0) {
			t = p + 9;
			p = S_xpast(b, t, off, "]]>", &found);
			if (!found)
				goto none;
			rng_valid_text(x.v, b + t, p - 3 - t, 0, 0);
		} else if (off - p >= 2 && b[p + 1] == '?') {
			p = S_xpast(b, p + 2, off, "?>", &found);
			if (!found)
				goto none;
		} else if (off - p >= 2 && b[p + 1] == '!') {
			/* a DOCTYPE, its internal subset and all */
			int	 depth = 0;

			for (p += 2; p < off; p++) {
				if (b[p] == '[')
					depth++;
				else if (b[p] == ']')
					depth--;
				else if (b[p] == '>' && depth <= 0)
					break;
			}
			if (p >= off)
				goto none;
			p++;
		} else if (off - p >= 2 && b[p + 1] == '/') {
			name = p + 2;
			for (p = name; p < off && S_xname(b[p]); p++)
				;
			nlen = p - name;
			if (p >= off) {
				what = 0;	/* typing an end tag */
				break;
			}
			S_xend(&x, b + name, nlen);
			while (p < off && b[p] != '>' && b[p] != '<')
				p++;
			if (p < off && b[p] == '>')
				p++;
		} else {
			name = p + 1;
			for (p = name; p < off && S_xname(b[p]); p++)
				;
			nlen = p - name;
			if (p >= off)
				break;		/* typing a start tag's name */
			if (nlen == 0) {	/* a stray '<' */
				continue;
			}
			p = S_xatts(b, p, off, a, &na);
			if (p >= off) {
				/* in the start tag: an attribute's value
				 * (its quote open), or a name */
				if (na > 0 && a[na - 1].eq &&
				    !a[na - 1].closed) {
					const char *c = memchr(b +
					    a[na - 1].name, ':',
					    a[na - 1].nlen);
					size_t	 pn = c ? (size_t)(c -
					    (b + a[na - 1].name)) : 0;

					what = RNG_WANT_VALUES;
					att_ns = c ? S_xns(&x, b +
					    a[na - 1].name, pn) : "";
					att_local = strndup(b + a[na - 1].name +
					    (c ? pn + 1 : 0), a[na - 1].nlen -
					    (c ? pn + 1 : 0));
					S_xopen(&x, b, name, nlen, a, na,
					    (long)na - 1);
					/* the prefix bound in this very tag */
					if (c != NULL)
						att_ns = S_xns(&x, b +
						    a[na - 1].name, pn);
				} else {
					/* the name being typed is not given */
					long	 skip = na > 0 &&
					    a[na - 1].name + a[na - 1].nlen ==
					    off ? (long)na - 1 : -1;

					what = RNG_WANT_ATTRIBUTES;
					S_xopen(&x, b, name, nlen, a, na, skip);
				}
				break;
			}
			S_xopen(&x, b, name, nlen, a, na, -1);
			if (b[p] == '/') {
				rng_valid_attrs_done(x.v);
				S_xclose_top(&x);
				while (p < off && b[p] != '>')
					p++;
			} else	/* '>', or '<' after a tag left open */
				rng_valid_attrs_done(x.v);
			if (p < off && b[p] == '>')
				p++;
		}
	}
	if (x.nomem) {
		rc = -1;
		goto none;
	}
	memset(&it, 0, sizeof(it));
	it.x = &x;
	if (what == RNG_WANT_VALUES && att_ns != NULL && att_local != NULL)
		rng_valid_expected(x.v, what, att_ns, att_local, S_xitem, &it);
	else if (what != RNG_WANT_VALUES && what != 0)
		rng_valid_expected(x.v, what, NULL, NULL, S_xitem, &it);
	if (it.n > 0)
		qsort(it.v, it.n, sizeof(*it.v), S_xitem_cmp);
	for (i = 0; i < it.n; i++) {
		fn(arg, it.v[i].kind, it.v[i].name,
		    it.v[i].kind == TEIKIT_EXPECT_VALUE ? NULL :
		    S_doc_of(s, it.v[i].kind != TEIKIT_EXPECT_ELEMENT,
		    it.v[i].name, docbuf, sizeof(docbuf)));
		free(it.v[i].name);
	}
	free(it.v);
	if ((what == RNG_WANT_ELEMENTS || what == 0) && x.skipped == 0 &&
	    x.depth > 0)
		fn(arg, TEIKIT_EXPECT_END, x.open[x.depth - 1].qname, NULL);
none:
	free(att_local);
	while (x.depth > 0) {
		x.depth--;
		free(x.open[x.depth].qname);
		free(x.open[x.depth].prefix);
		free(x.open[x.depth].local);
	}
	S_xunbind(&x, 0);
	free(x.binds);
	(void)rng_valid_free(x.v);
	return rc;
}
