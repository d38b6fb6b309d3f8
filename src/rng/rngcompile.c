/*
 * rngcompile.c -- read a RELAX NG schema (XML syntax) and simplify it
 * into patterns, as section 4 of the specification describes: foreign
 * elements and attributes ignored, ns and datatypeLibrary inherited,
 * include and externalRef loaded (local files only), definitions
 * overridden and combined (combine="choice|interleave"), nested grammars
 * and parentRef, div flattened, optional/zeroOrMore/mixed rewritten, and
 * every element pattern made once, its content compiled after it so that
 * definitions may refer to each other through elements.  The syntax of
 * each file and the restrictions of section 7 are checked by rngcheck.c.
 *
 * No schema may hang, exhaust or crash the process: each file is read
 * once (by its identity, not its name, so a symbolic link makes no new
 * file and no loop goes unseen) and each externalRef compiled once;
 * includes nest at most MAX_INCLUDE_DEPTH deep; and the compiler, which
 * recurses as deep as references chain, runs on a thread of its own
 * with a large stack, and refuses to nest deeper than that stack holds.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxml/xmlschemastypes.h>

#include "rng.h"
#include "rngcheck.h"

/* include and externalRef: how deep they nest, how many are loaded in
 * all (an include read again into the same grammar counts again) */
#define MAX_INCLUDE_DEPTH	64
#define MAX_LOADS		10000

/*
 * The compiler's stack, and how deep it may recurse in it (patterns
 * within patterns, a reference counting as one level): about 1 kB a
 * level, a few times that under AddressSanitizer, so 40,000 levels fit
 * in 256 MB, which is only reserved, and taken as it is used.  A chain
 * of 20,000 definitions each referring to the next is an ordinary
 * schema.  Without a thread of our own the bound is what the usual
 * 8 MB stack holds.
 */
#define COMPILE_STACK		((size_t)256 << 20)
#define MAX_NEST		40000
#define MAX_NEST_NO_THREAD	1000

struct define {
	const char	*name;
	struct rnode	*node;
};

/* An include read into a grammar.  Read again into it with the same
 * overrides, it adds the same components again: that changes nothing
 * when all are combined by choice, and is an error when one is not
 * combined at all; only the rest (combined by interleave) is read
 * again, so that including one file twice at each of 20 levels is not
 * 2^20 reads. */
struct incl {
	const struct rnode *root;
	char		*sig;		/* its overrides, as a string */
	int		 all_choice;
	const struct rnode *plain;	/* a component without combine */
};

struct grammar {
	struct grammar	*parent;
	struct define	*defs;		/* sorted by name once collected */
	size_t		 ndefs, capdefs;
	rng_id		*ids;		/* per distinct name, compiled */
	int		*state;		/* 0 not yet, 1 compiling, 2 done */
	struct rnode	**starts;
	size_t		 nstarts, capstarts;
	struct incl	*incls;
	size_t		 nincls, capincls;
	struct grammar	*next;		/* all grammars, for freeing */
};

/* What an include overrides (its own start and defines), within what
 * the includes around it override. */
struct over {
	struct over	*up;
	char		**names;
	int		*hit;		/* a define of that name was left out */
	size_t		 n, cap;
	int		 start, start_hit;
};

struct work {
	rng_id		 el;
	struct rnode	*node;
	struct grammar	*g;
};

/* A file read, by identity and the ns it inherits. */
struct file {
	dev_t		 dev;
	ino_t		 ino;
	char		*ns;
	struct rnode	*root;
};

/* An externalRef compiled in a grammar. */
struct ext {
	const struct rnode *root;
	struct grammar	*g;
	rng_id		 id;
};

struct cc {
	struct rng_schema *s;
	struct rng_ctx	 ctx;
	struct tk_report *rep;
	struct grammar	*grammars;
	struct rarena	*arena;		/* the schema files' nodes */
	struct file	*files;
	size_t		 nfiles, capfiles;
	struct {
		dev_t	 dev;
		ino_t	 ino;
	}		 loading[MAX_INCLUDE_DEPTH + 1];
	size_t		 nloading;
	size_t		 nloads;
	struct ext	*exts;
	size_t		 nexts, capexts;
	struct work	*work;
	size_t		 nwork, capwork, donework;
	/* where each pattern was made: the first schema element, or
	 * `ambiguous` once two made it */
	const struct rnode **where;
	size_t		 nwhere;
	size_t		 nest, max_nest;
	int		 too_nested;
	int		 xml_errors;	/* the parser's, through S_xml_error */
	int		 unreferenced;	/* compiling what nothing refers to */
	int		 failed;
};

static const struct rnode ambiguous;

static rng_id	S_pattern(struct cc *, struct rnode *, struct grammar *);
static rng_id	S_children(struct cc *, struct rnode *first, struct grammar *);
static void	S_collect(struct cc *, struct grammar *, struct rnode *,
		    struct over *);

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

/* rngcheck.c's errors: the message names the rule and the section. */
static void
S_check_error(void *arg, const struct rnode *n, const char *msg)
{
	S_error(arg, n, "%s", msg);
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

	/* the attribute's own string, which lasts as long as the schema's
	 * nodes: a copy into buf cut namespaces longer than it */
	(void)buf;
	(void)sz;
	for (; n != NULL; n = n->parent)
		if ((v = rnode_attr(n, "ns")) != NULL)
			return v;
	if (doc != NULL && doc->inherited_ns != NULL)
		return doc->inherited_ns;
	return "";
}

static char *
S_datatype_library(const struct rnode *n)
{
	const char	*v;

	/* not trimmed (section 4.2 trims name, type and combine) */
	for (; n != NULL; n = n->parent)
		if ((v = rnode_attr(n, "datatypeLibrary")) != NULL)
			return strdup(v);
	return strdup("");
}

/* ---- where patterns come from ---- */

/* Remember that schema element n made pattern id (the first to make
 * it); patterns made by two elements are placed by their context. */
static void
S_where(struct cc *cc, rng_id id, const struct rnode *n)
{
	const struct rnode **v;
	size_t		 nn;

	if (id == RNG_NONE || id <= RNG_TEXT)
		return;
	if (id >= cc->nwhere) {
		nn = cc->nwhere ? cc->nwhere : 4096;
		while (nn <= id)
			nn *= 2;
		if ((v = realloc(cc->where, nn * sizeof(*v))) == NULL)
			return;
		memset(v + cc->nwhere, 0, (nn - cc->nwhere) * sizeof(*v));
		cc->where = v;
		cc->nwhere = nn;
	}
	if (cc->where[id] == NULL)
		cc->where[id] = n;
	else if (cc->where[id] != n)
		cc->where[id] = &ambiguous;
}

/* ---- loading include and externalRef ---- */

/* A URI reference escaped as XLink 5.4 says (section 4.5): non-ASCII
 * bytes and the characters no URI holds, as %XX; a file's path (path
 * 1) has '%', '#' and '?' of its own escaped too.  Free with free(). */
static char *
S_escape(const char *v, int path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s;
	char		*e, *p;

	if ((e = malloc(3 * strlen(v) + 1)) == NULL)
		return NULL;
	for (s = (const unsigned char *)v, p = e; *s != '\0'; s++)
		if (*s <= 0x20 || *s >= 0x7F || strchr("<>\"{}|\\^`",
		    *s) != NULL || (path && strchr("%#?", *s) != NULL)) {
			*p++ = '%';
			*p++ = hex[*s >> 4];
			*p++ = hex[*s & 15];
		} else
			*p++ = (char)*s;
	*p = '\0';
	return e;
}

/* The base URI at n: the file's, changed by each xml:base from the
 * root down to n.  Free with free(). */
static xmlChar *
S_base(const struct rnode *n)
{
	const struct rnode *chain[512], *m;
	const char	*v;
	xmlChar		*base, *nb;
	size_t		 k = 0;

	for (m = n; m != NULL && k < sizeof(chain) / sizeof(chain[0]);
	    m = m->parent)
		if (rnode_attr(m, "xml:base") != NULL)
			chain[k++] = m;
	base = BAD_CAST S_escape(n->doc->url, 1);
	while (k-- > 0 && base != NULL) {
		v = rnode_attr(chain[k], "xml:base");
		nb = xmlBuildURI(BAD_CAST v, base);
		free(base);
		base = nb != NULL ? BAD_CAST strdup((const char *)nb) : NULL;
		xmlFree(nb);
	}
	return base;
}

/* The local path an href names, from n; NULL after saying why. */
static char *
S_href_path(struct cc *cc, const struct rnode *n)
{
	const char	*href = rnode_attr(n, "href");
	char		*esc = NULL, *path = NULL, *u;
	const char	*p;
	xmlChar		*base = NULL, *uri = NULL;

	if (href == NULL)
		return NULL;	/* rngcheck.c said so */
	if ((esc = S_escape(href, 0)) == NULL || (base = S_base(n)) == NULL ||
	    (uri = xmlBuildURI(BAD_CAST esc, base)) == NULL) {
		S_error(cc, n, "element <%s>: href=\"%s\" is not a URI "
		    "reference (RELAX NG 4.5)", n->name, href);
		goto out;
	}
	if (strchr((const char *)uri, '#') != NULL)
		goto out;	/* rngcheck.c said so */
	p = (const char *)uri;
	if (strncmp(p, "file://", 7) == 0)
		p += 7;
	else if (strncmp(p, "file:", 5) == 0)
		p += 5;
	if (strstr(p, "://") != NULL) {
		S_error(cc, n, "<%s href=\"%s\">: teikit reads schemas only "
		    "from local files", n->name, href);
		goto out;
	}
	if ((u = xmlURIUnescapeString(p, 0, NULL)) == NULL ||
	    (path = strdup(u)) == NULL)
		S_error(cc, n, "out of memory");
	xmlFree(u);
out:
	free(esc);
	free(base);
	xmlFree(uri);
	return path;
}

static struct rnode *
S_file_find(struct cc *cc, const struct stat *st, const char *ns)
{
	size_t	 i;

	for (i = 0; i < cc->nfiles; i++)
		if (cc->files[i].dev == st->st_dev &&
		    cc->files[i].ino == st->st_ino &&
		    (cc->files[i].ns == NULL ? ns == NULL : ns != NULL &&
		    strcmp(cc->files[i].ns, ns) == 0))
			return cc->files[i].root;
	return NULL;
}

/* Read the file at path (its identity in st), check its syntax, and
 * remember it; NULL after saying why. */
static struct rnode *
S_read(struct cc *cc, const struct rnode *from, const char *path,
    const struct stat *st, const char *ns)
{
	struct file	*v;
	struct rnode	*root;
	int		 before = cc->xml_errors;

	if ((root = rng_read(path, ns, &cc->arena)) == NULL) {
		if (cc->xml_errors == before)
			S_error(cc, from, "cannot read %s", path);
		cc->failed = 1;
		return NULL;
	}
	rng_check_syntax(root, S_check_error, cc);
	if (cc->nfiles == cc->capfiles) {
		cc->capfiles = cc->capfiles ? 2 * cc->capfiles : 16;
		if ((v = realloc(cc->files, cc->capfiles * sizeof(*v))) ==
		    NULL)
			return root;
		cc->files = v;
	}
	cc->files[cc->nfiles].dev = st->st_dev;
	cc->files[cc->nfiles].ino = st->st_ino;
	cc->files[cc->nfiles].ns = ns != NULL ? strdup(ns) : NULL;
	cc->files[cc->nfiles++].root = root;
	return root;
}

/* Is the file a regular one?  Else say so. */
static int
S_regular(struct cc *cc, const struct rnode *from, const char *path,
    struct stat *st)
{
	if (stat(path, st) != 0) {
		if (from != NULL)
			S_error(cc, from, "cannot read %s: %s", path,
			    strerror(errno));
		else
			tk_diag(cc->rep, 0, 0, TK_S_DATA, "cannot read %s: %s",
			    path, strerror(errno));
		cc->failed = 1;
		return 0;
	}
	if (S_ISREG(st->st_mode))
		return 1;
	if (from != NULL)
		S_error(cc, from, "%s is not a regular file: teikit reads "
		    "schemas only from regular files", path);
	else
		tk_diag(cc->rep, 0, 0, TK_S_DATA, "%s is not a regular file: "
		    "teikit reads schemas only from regular files", path);
	cc->failed = 1;
	return 0;
}

/*
 * The root of the schema an include or externalRef names, with its
 * identity in *st: read once per identity (and inherited ns), and
 * refused when it is being loaded already (a loop), when includes nest
 * too deep, or when too many were loaded.  NULL after saying why.
 */
static struct rnode *
S_load(struct cc *cc, struct rnode *n, struct stat *st)
{
	char		*path, nsbuf[512];
	const char	*ns;
	struct rnode	*root = NULL;
	size_t		 i;

	if ((path = S_href_path(cc, n)) == NULL) {
		cc->failed = 1;
		return NULL;
	}
	if (!S_regular(cc, n, path, st))
		goto out;
	for (i = 0; i < cc->nloading; i++)
		if (cc->loading[i].dev == st->st_dev &&
		    cc->loading[i].ino == st->st_ino) {
			S_error(cc, n, "element <%s>: %s refers back to itself, "
			    "a loop (RELAX NG %s)", n->name, path,
			    n->name[0] == 'i' ? "4.7" : "4.6");
			goto out;
		}
	if (cc->nloading >= MAX_INCLUDE_DEPTH) {
		S_error(cc, n, "element <%s>: includes and externalRefs nest "
		    "more than %d deep: refused", n->name, MAX_INCLUDE_DEPTH);
		goto out;
	}
	ns = S_ns(n, nsbuf, sizeof(nsbuf));
	if ((root = S_file_find(cc, st, ns)) == NULL)
		root = S_read(cc, n, path, st, ns);
out:
	free(path);
	return root;
}

/* Descend into the file loaded for n (identity st), within the bound
 * on loads in all; 0 if refused, after saying why. */
static int
S_loading_push(struct cc *cc, const struct rnode *n, const struct stat *st)
{
	if (++cc->nloads > MAX_LOADS) {
		if (cc->nloads == MAX_LOADS + 1)
			S_error(cc, n, "element <%s>: more than %d includes "
			    "and externalRefs in all: refused", n->name,
			    MAX_LOADS);
		cc->failed = 1;
		return 0;
	}
	cc->loading[cc->nloading].dev = st->st_dev;
	cc->loading[cc->nloading++].ino = st->st_ino;
	return 1;
}

/* ---- grammars: collecting start and define components ---- */

static struct grammar *
S_grammar_new(struct cc *cc, struct grammar *parent)
{
	struct grammar	*g;

	if ((g = calloc(1, sizeof(*g))) == NULL)
		return NULL;
	g->parent = parent;
	g->next = cc->grammars;
	cc->grammars = g;
	return g;
}

/* Is the define `name` (or the start, name NULL) overridden by an
 * include around?  The innermost that does is marked. */
static int
S_overridden(struct over *o, const char *name)
{
	size_t	 i;

	for (; o != NULL; o = o->up) {
		if (name == NULL && o->start) {
			o->start_hit = 1;
			return 1;
		}
		for (i = 0; name != NULL && i < o->n; i++)
			if (strcmp(o->names[i], name) == 0) {
				o->hit[i] = 1;
				return 1;
			}
	}
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
S_overrides(struct over *o, struct rnode *n)
{
	char	**nv;
	int	 *hv;
	char	 *name;

	for (n = S_next(n); n != NULL; n = S_next(n->next))
		if (S_is(n, "start"))
			o->start = 1;
		else if (S_is(n, "define")) {
			if ((name = S_attr(n, "name")) == NULL)
				continue;
			if (o->n == o->cap) {
				o->cap = o->cap ? 2 * o->cap : 8;
				nv = realloc(o->names, o->cap * sizeof(*nv));
				if (nv != NULL)
					o->names = nv;
				hv = realloc(o->hit, o->cap * sizeof(*hv));
				if (hv != NULL)
					o->hit = hv;
				if (nv == NULL || hv == NULL) {
					free(name);
					return;
				}
			}
			o->names[o->n] = name;
			o->hit[o->n++] = 0;
		} else if (S_is(n, "div"))
			S_overrides(o, n->children);
}

/* Take every override as used. */
static void
S_over_told(struct over *o)
{
	size_t	 i;

	o->start_hit = 1;
	for (i = 0; i < o->n; i++)
		o->hit[i] = 1;
}

static void
S_over_free(struct over *o)
{
	size_t	 i;

	for (i = 0; i < o->n; i++)
		free(o->names[i]);
	free(o->names);
	free(o->hit);
}

/* The overrides in force, as a string: an include read again under the
 * same ones adds the same components. */
static char *
S_sig(const struct over *o)
{
	const struct over *u;
	char	*s, *p;
	size_t	 len = 1, i;

	for (u = o; u != NULL; u = u->up)
		for (len += 2, i = 0; i < u->n; i++)
			len += strlen(u->names[i]) + 1;
	if ((s = p = malloc(len)) == NULL)
		return NULL;
	for (u = o; u != NULL; u = u->up) {
		*p++ = u->start ? 's' : '-';
		for (i = 0; i < u->n; i++) {
			*p++ = ' ';
			memcpy(p, u->names[i], strlen(u->names[i]));
			p += strlen(u->names[i]);
		}
		*p++ = '|';
	}
	*p = '\0';
	return s;
}

static struct incl *
S_incl_find(struct grammar *g, const struct rnode *root, const char *sig)
{
	size_t	 i;

	for (i = 0; i < g->nincls; i++)
		if (g->incls[i].root == root && sig != NULL &&
		    strcmp(g->incls[i].sig, sig) == 0)
			return &g->incls[i];
	return NULL;
}

/* Record what the include of root just added to g, from define d0
 * and start s0 on. */
static void
S_incl_add(struct grammar *g, const struct rnode *root, char *sig,
    size_t d0, size_t s0)
{
	struct incl	*v, *in;
	struct rnode	*c;
	size_t		 i, n = g->ndefs - d0 + g->nstarts - s0;
	char		*comb;

	if (g->nincls == g->capincls) {
		g->capincls = g->capincls ? 2 * g->capincls : 8;
		if ((v = realloc(g->incls, g->capincls * sizeof(*v))) ==
		    NULL) {
			free(sig);
			return;
		}
		g->incls = v;
	}
	in = &g->incls[g->nincls++];
	in->root = root;
	in->sig = sig;
	in->all_choice = 1;
	in->plain = NULL;
	for (i = 0; i < n; i++) {
		c = i < g->ndefs - d0 ? g->defs[d0 + i].node :
		    g->starts[s0 + i - (g->ndefs - d0)];
		comb = S_attr(c, "combine");
		if (comb == NULL && in->plain == NULL)
			in->plain = c;
		if (comb == NULL || strcmp(comb, "choice") != 0)
			in->all_choice = 0;
		free(comb);
	}
}

/* Section 4.7: an include overrides only what its grammar defines. */
static void
S_overrides_used(struct cc *cc, struct rnode *n, struct over *o)
{
	size_t	 i;

	if (o->start && !o->start_hit)
		S_error(cc, n, "element <include>: it overrides the <start>, "
		    "which the included grammar does not have "
		    "(RELAX NG 4.7)");
	for (i = 0; i < o->n; i++)
		if (!o->hit[i])
			S_error(cc, n, "element <include>: it overrides "
			    "<define name=\"%s\">, which the included grammar "
			    "does not define (RELAX NG 4.7)", o->names[i]);
}

/* Section 4.17, for a file included twice into one grammar. */
static void
S_twice(struct cc *cc, const struct rnode *n, const struct rnode *root,
    const struct rnode *plain)
{
	char	 what[300];

	if (S_is(plain, "define"))
		snprintf(what, sizeof(what), "<define name=\"%s\">",
		    rnode_attr(plain, "name"));
	else
		snprintf(what, sizeof(what), "<start>");
	S_error(cc, n, "element <include>: %s is included twice into one "
	    "grammar, so its %s is defined twice without combine "
	    "(RELAX NG 4.17)", root->doc->url, what);
}

/* An include: the grammar it names, less what it overrides, then its
 * own components. */
static void
S_include(struct cc *cc, struct grammar *g, struct rnode *n,
    struct over *over)
{
	struct over	 o;
	struct incl	*prior;
	struct rnode	*root;
	struct stat	 st;
	char		*sig;
	size_t		 d0 = g->ndefs, s0 = g->nstarts;
	int		 again;

	memset(&o, 0, sizeof(o));
	o.up = over;
	S_overrides(&o, n->children);
	if ((root = S_load(cc, n, &st)) != NULL && !S_is(root, "grammar"))
		S_error(cc, root, "element <%s>: an included schema must be "
		    "a <grammar> (RELAX NG 4.7)", root->name);
	else if (root != NULL) {
		sig = S_sig(&o);
		prior = S_incl_find(g, root, sig);
		again = prior != NULL;
		if (prior != NULL && (prior->plain != NULL ||
		    (prior->all_choice && sig[strspn(sig, "-|")] == '\0'))) {
			/* read again: each component without combine defined
			 * twice, or, when all are combined by choice and no
			 * include around overrides any (which would have to
			 * be told what they override), nothing changes */
			if (prior->plain != NULL)
				S_twice(cc, n, root, prior->plain);
			S_over_told(&o);
			free(sig);
		} else if (S_loading_push(cc, n, &st)) {
			S_collect(cc, g, root, &o);
			cc->nloading--;
			if (sig != NULL && !again)
				S_incl_add(g, root, sig, d0, s0);
			else
				free(sig);
		} else {
			free(sig);
			S_over_told(&o);	/* not read: nothing to tell */
		}
		S_overrides_used(cc, n, &o);
	}
	S_over_free(&o);
	S_collect(cc, g, n, over);
}

/* Collect the start and define components of a grammar (or of a div or
 * an include in it) into g, leaving out what `over` overrides; each
 * define's name is a copy, freed with the grammar.  What may not be
 * there, rngcheck.c reported. */
static void
S_collect(struct cc *cc, struct grammar *g, struct rnode *parent,
    struct over *over)
{
	struct rnode	*n;
	char		*name;

	for (n = S_next(parent->children); n != NULL; n = S_next(n->next)) {
		if (S_is(n, "start")) {
			if (!S_overridden(over, NULL))
				S_add_start(g, n);
		} else if (S_is(n, "define")) {
			if ((name = S_attr(n, "name")) == NULL) {
				cc->failed = 1;
				continue;
			}
			if (S_overridden(over, name) ||
			    S_add_define(g, name, n) != 0)
				free(name);
		} else if (S_is(n, "div"))
			S_collect(cc, g, n, over);
		else if (S_is(n, "include"))
			S_include(cc, g, n, over);
	}
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
	for (i = 0; i < g->nincls; i++)
		free(g->incls[i].sig);
	free(g->defs);
	free(g->ids);
	free(g->state);
	free(g->starts);
	free(g->incls);
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

/* Combine the bodies of a start or of the defines of one name. */
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
			cc->failed = 1;	/* rngcheck.c said so */
		else if (method != NULL && strcmp(method, comb) != 0)
			S_error(cc, nodes[i], "%s combined both by choice and "
			    "by interleave (RELAX NG 4.17)", what);
		if (comb != NULL && method == NULL)
			method = comb;
		else
			free(comb);
		if (S_next(nodes[i]->children) == NULL) {
			cc->failed = 1;	/* rngcheck.c said so */
			v[i] = RNG_NOTALLOWED;
		} else
			v[i] = S_children(cc, nodes[i]->children, g);
	}
	if (plain > 1)
		S_error(cc, nodes[n - 1], "%s defined %zu times without "
		    "combine (RELAX NG 4.17)", what, plain);
	for (i = 0; i < n; i++)
		if (v[i] == RNG_NONE)
			break;
	if (i < n)
		r = RNG_NONE;
	else if (n == 1 || method == NULL || strcmp(method, "choice") == 0)
		r = rng_choice_n(&cc->ctx, v, n);
	else
		r = rng_interleave_n(&cc->ctx, v, n);
	free(method);
	free(v);
	return r;
}

/* The define at index i of g (the first of its name), compiled once;
 * `from` is the ref (or the define) it is compiled for. */
static rng_id
S_define(struct cc *cc, struct grammar *g, size_t i, struct rnode *from)
{
	struct rnode	**nodes;
	char		 what[300];
	size_t		 j, k;
	rng_id		 r;

	if (g->state[i] == 2)
		return g->ids[i];
	if (g->state[i] == 1) {
		/* a loop among definitions the start never reaches is
		 * removed with them (section 4.19) */
		if (cc->unreferenced)
			return RNG_NOTALLOWED;
		S_error(cc, from, "\"%s\" refers to itself outside any "
		    "element (RELAX NG 4.19)", g->defs[i].name);
		return RNG_NOTALLOWED;
	}
	g->state[i] = 1;
	for (j = i; j < g->ndefs && strcmp(g->defs[j].name,
	    g->defs[i].name) == 0; j++)
		;
	if ((nodes = malloc((j - i) * sizeof(*nodes))) == NULL)
		return RNG_NONE;
	for (k = i; k < j; k++)
		nodes[k - i] = g->defs[k].node;
	snprintf(what, sizeof(what), "<define name=\"%s\">",
	    g->defs[i].name);
	r = S_combine(cc, nodes, j - i, g, what);
	free(nodes);
	g->ids[i] = r;
	g->state[i] = 2;
	return r;
}

static rng_id
S_ref(struct cc *cc, struct rnode *n, struct grammar *g)
{
	char		*name = S_attr(n, "name");
	size_t		 i, lo, hi;

	if (g == NULL) {
		S_error(cc, n, "element <%s>: outside a grammar "
		    "(RELAX NG 4.18)", n->name);
		free(name);
		return RNG_NOTALLOWED;
	}
	if (name == NULL) {
		cc->failed = 1;	/* rngcheck.c said so */
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
		S_error(cc, n, "element <%s name=\"%s\">: no such <define> "
		    "in its grammar (RELAX NG 4.18)", n->name, name);
		free(name);
		return RNG_NOTALLOWED;
	}
	free(name);
	return S_define(cc, g, i, n);
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
		S_error(cc, n, "element <grammar>: it has no <start> "
		    "(RELAX NG 4.18)");
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
			    "declared (RELAX NG 4.10)", prefix, qname);
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
				cc->failed = 1;	/* rngcheck.c said so */
				return RNG_NONE;
			}
			for (c = S_next(c->children); c != NULL;
			    c = S_next(c->next)) {
				if ((x = S_nc(cc, c)) == RNG_NONE)
					return RNG_NONE;
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
			if ((x = S_nc(cc, c)) == RNG_NONE)
				return RNG_NONE;
			r = r == RNG_NONE ? x :
			    rng_nc_new(cc->s, NC_CHOICE, r, x);
		}
		if (r == RNG_NONE)
			cc->failed = 1;	/* rngcheck.c said so */
		return r;
	}
	cc->failed = 1;	/* rngcheck.c said so */
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
		cc->failed = 1;	/* rngcheck.c said so */
		*content = NULL;
		return RNG_NONE;
	}
	*content = S_next(first->next);
	return S_nc(cc, first);
}

/* ---- patterns ---- */

/* The patterns of the RELAX NG children from `first` on, as an array
 * of *np (free it), or NULL when one could not be made. */
static rng_id *
S_each(struct cc *cc, struct rnode *first, struct grammar *g, size_t *np)
{
	rng_id	*v = NULL, *nv;
	size_t	 n = 0, cap = 0;

	for (first = S_next(first); first != NULL;
	    first = S_next(first->next)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				free(v);
				return NULL;
			}
			v = nv;
		}
		if ((v[n++] = S_pattern(cc, first, g)) == RNG_NONE) {
			free(v);
			return NULL;
		}
	}
	*np = n;
	if (v == NULL)
		v = malloc(sizeof(*v));	/* none: an empty list */
	return v;
}

/* The RELAX NG children from `first` on, as a group. */
static rng_id
S_children(struct cc *cc, struct rnode *first, struct grammar *g)
{
	rng_id	*v, r;
	size_t	 n = 0;

	if ((v = S_each(cc, first, g, &n)) == NULL)
		return RNG_NONE;
	r = rng_group_n(&cc->ctx, v, n);
	free(v);
	return r;
}

static rng_id
S_data(struct cc *cc, struct rnode *n, struct grammar *g)
{
	char		*type = S_attr(n, "type"), *lib = NULL, *err = NULL;
	char		**pn = NULL, **pv = NULL, **t;
	size_t		 np = 0, cap = 0, i;
	struct rnode	*c;
	int		 ti = -1;
	rng_id		 except = RNG_NONE, *alts;

	if (type == NULL) {
		cc->failed = 1;	/* rngcheck.c said so */
		return RNG_NOTALLOWED;
	}
	for (c = S_next(n->children); c != NULL; c = S_next(c->next)) {
		if (S_is(c, "param")) {
			if (np == cap) {
				cap = cap ? 2 * cap : 8;
				if ((t = realloc(pn, cap * sizeof(*t))) == NULL)
					goto out;
				pn = t;
				if ((t = realloc(pv, cap * sizeof(*t))) == NULL)
					goto out;
				pv = t;
			}
			pn[np] = S_attr(c, "name");
			pv[np] = strdup(c->text != NULL ? c->text : "");
			if (pn[np] == NULL || pv[np] == NULL) {
				free(pn[np]);
				free(pv[np]);
				cc->failed = 1;
				continue;
			}
			np++;
		} else if (S_is(c, "except")) {
			if ((alts = S_each(cc, c->children, g, &i)) == NULL)
				goto out;
			except = rng_choice_n(&cc->ctx, alts, i);
			free(alts);
			/* section 4.20: an except of notAllowed goes */
			if (except == RNG_NOTALLOWED)
				except = RNG_NONE;
		}
	}
	if ((lib = S_datatype_library(n)) == NULL)
		goto out;
	ti = rng_type_get(cc->s, lib, type, (const char *const *)pn,
	    (const char *const *)pv, np, &err);
	if (ti < 0)
		S_error(cc, n, "%s (RELAX NG 4.16)", err ? err :
		    "out of memory");
out:
	for (i = 0; i < np; i++) {
		free(pn[i]);
		free(pv[i]);
	}
	free(pn);
	free(pv);
	free(lib);
	free(type);
	if (ti < 0) {
		cc->failed = 1;	/* said why, or out of memory */
		return RNG_NOTALLOWED;
	}
	return rng_mk(&cc->ctx, RP_DATA, (rng_id)ti, except);
}

static rng_id
S_value(struct cc *cc, struct rnode *n)
{
	char		*type = S_attr(n, "type"), *lib, *err, nsbuf[512];
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
		S_error(cc, n, "%s (RELAX NG 4.16)", err ? err :
		    "out of memory");
		return RNG_NOTALLOWED;
	}
	/* a QName value's prefixes are the schema's, at the value */
	vi = rng_value_new_ctx(cc->s, (uint32_t)ti, n->text != NULL ?
	    n->text : "", n, S_ns(n, nsbuf, sizeof(nsbuf)), &err);
	if (vi < 0) {
		S_error(cc, n, "%s (RELAX NG 4.16)", err ? err :
		    "out of memory");
		return RNG_NOTALLOWED;
	}
	return rng_mk(&cc->ctx, RP_VALUE, (rng_id)vi, 0);
}

static rng_id
S_element(struct cc *cc, struct rnode *n, struct grammar *g)
{
	struct rnode	*content;
	struct work	*w;
	rng_id		 r, *na;
	uint32_t	 nc;

	if ((nc = S_owner_nc(cc, n, &content)) == RNG_NONE)
		return RNG_NOTALLOWED;
	if ((r = rng_element_new(&cc->ctx, nc)) == RNG_NONE)
		return RNG_NONE;
	if (cc->nwork == cc->capwork) {
		cc->capwork = cc->capwork ? 2 * cc->capwork : 256;
		if ((w = realloc(cc->work, cc->capwork * sizeof(*w))) == NULL)
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

/* An externalRef: the pattern of the file it names, compiled once in
 * each grammar it is used in. */
static rng_id
S_external(struct cc *cc, struct rnode *n, struct grammar *g)
{
	struct rnode	*root;
	struct stat	 st;
	struct ext	*v;
	size_t		 i;
	rng_id		 r;

	if ((root = S_load(cc, n, &st)) == NULL)
		return RNG_NOTALLOWED;
	if (!S_is_rng(root))
		return RNG_NOTALLOWED;	/* rngcheck.c said so */
	for (i = 0; i < cc->nexts; i++)
		if (cc->exts[i].root == root && cc->exts[i].g == g)
			return cc->exts[i].id;
	if (!S_loading_push(cc, n, &st))
		return RNG_NOTALLOWED;
	r = S_pattern(cc, root, g);
	cc->nloading--;
	if (cc->nexts == cc->capexts) {
		cc->capexts = cc->capexts ? 2 * cc->capexts : 16;
		if ((v = realloc(cc->exts, cc->capexts * sizeof(*v))) == NULL)
			return r;
		cc->exts = v;
	}
	cc->exts[cc->nexts].root = root;
	cc->exts[cc->nexts].g = g;
	cc->exts[cc->nexts++].id = r;
	return r;
}

static rng_id
S_pattern1(struct cc *cc, struct rnode *n, struct grammar *g)
{
	const char	*name = n->name;
	struct rnode	*content;
	uint32_t	 nc;
	rng_id		 r, *v;
	size_t		 k;

	if (!n->rng) {
		cc->failed = 1;	/* rngcheck.c said so */
		return RNG_NOTALLOWED;
	}
	if (strcmp(name, "element") == 0)
		return S_element(cc, n, g);
	if (strcmp(name, "attribute") == 0) {
		if ((nc = S_owner_nc(cc, n, &content)) == RNG_NONE)
			return RNG_NOTALLOWED;
		r = content == NULL ? RNG_TEXT : S_children(cc, content, g);
		/* section 4.20: an attribute of notAllowed is one */
		if (r == RNG_NOTALLOWED || r == RNG_NONE)
			return r;
		return rng_mk(&cc->ctx, RP_ATTRIBUTE, nc, r);
	}
	if (strcmp(name, "group") == 0)
		return S_children(cc, n->children, g);
	if (strcmp(name, "mixed") == 0)
		return rng_interleave(&cc->ctx, S_children(cc, n->children, g),
		    RNG_TEXT);
	if (strcmp(name, "interleave") == 0 || strcmp(name, "choice") == 0) {
		if ((v = S_each(cc, n->children, g, &k)) == NULL)
			return RNG_NONE;
		if (k == 0)
			cc->failed = 1;	/* rngcheck.c said so */
		r = name[0] == 'i' ? rng_interleave_n(&cc->ctx, v, k) :
		    rng_choice_n(&cc->ctx, v, k);
		free(v);
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
		return r == RNG_NOTALLOWED || r == RNG_NONE ? r :
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
			S_error(cc, n, "element <parentRef>: outside a nested "
			    "grammar (RELAX NG 4.18)");
			return RNG_NOTALLOWED;
		}
		return S_ref(cc, n, g->parent);
	}
	if (strcmp(name, "grammar") == 0)
		return S_grammar(cc, n, g);
	if (strcmp(name, "externalRef") == 0)
		return S_external(cc, n, g);
	cc->failed = 1;	/* rngcheck.c said so */
	return RNG_NOTALLOWED;
}

/* A pattern, within the nesting bound, and where it was made. */
static rng_id
S_pattern(struct cc *cc, struct rnode *n, struct grammar *g)
{
	rng_id	 r;

	if (cc->nest >= cc->max_nest) {
		if (!cc->too_nested)
			S_error(cc, n, "element <%s>: the schema nests more "
			    "than %zu deep (patterns within patterns, and "
			    "references each counted as one): refused",
			    n->name, cc->max_nest);
		cc->too_nested = 1;
		return RNG_NOTALLOWED;
	}
	cc->nest++;
	r = S_pattern1(cc, n, g);
	cc->nest--;
	/* a reference's pattern belongs to what it refers to */
	if (n->rng && strcmp(n->name, "ref") != 0 &&
	    strcmp(n->name, "parentRef") != 0 &&
	    strcmp(n->name, "externalRef") != 0 &&
	    strcmp(n->name, "grammar") != 0)
		S_where(cc, r, n);
	return r;
}

/* ---- the whole schema ---- */

static void
S_xml_error(void *arg, xmlErrorPtr err)
{
	struct cc	*cc = arg;
	struct tk_report *rep = cc->rep;
	const char	*file = rep->file;
	char		 msg[512];

	if (err->level == XML_ERR_WARNING)
		return;
	tk_xml_message(err, msg, sizeof(msg));
	/* libxml2's own words name its options, or mislead */
	if (err->code == XML_ERR_INTERNAL_ERROR &&
	    strncmp(msg, "Excessive depth", 15) == 0)
		snprintf(msg, sizeof(msg), "the schema's elements nest more "
		    "than %u deep: refused", xmlParserMaxDepth);
	else if (err->code == XML_ERR_ENTITY_LOOP)
		snprintf(msg, sizeof(msg), "entities that refer to themselves "
		    "or expand too much (an entity bomb?): refused");
	if (err->file != NULL)
		rep->file = err->file;
	/* the column is libxml2's int2 (rnc.c puts its own there too) */
	tk_diag(rep, err->line > 0 ? (unsigned)err->line : 0,
	    err->line > 0 && err->int2 > 0 ? (unsigned)err->int2 : 0,
	    TK_S_DATA, "%s", msg);
	rep->file = file;
	cc->xml_errors++;
	cc->failed = 1;
}

/* Compile the element contents queued so far (and those they queue). */
static void
S_drain(struct cc *cc)
{
	struct work	 w;

	for (; cc->donework < cc->nwork; cc->donework++) {
		w = cc->work[cc->donework];
		rng_element_set(&cc->ctx, w.el, w.node == NULL ?
		    RNG_NOTALLOWED : S_children(cc, w.node, w.g));
	}
}

/*
 * Compile what nothing refers to as well: section 4's rules hold for
 * the whole schema (only section 7 is about what the start reaches).
 * Elements found only there are not the schema's.
 */
static void
S_unreferenced(struct cc *cc)
{
	struct grammar	*g;
	size_t		 i, nel = cc->s->nelements;
	int		 more;

	cc->unreferenced = 1;
	do {
		more = 0;
		for (g = cc->grammars; g != NULL; g = g->next)
			for (i = 0; g->state != NULL && i < g->ndefs; i++)
				if (g->state[i] == 0 && (i == 0 ||
				    strcmp(g->defs[i - 1].name,
				    g->defs[i].name) != 0)) {
					(void)S_define(cc, g, i,
					    g->defs[i].node);
					more = 1;
				}
		S_drain(cc);
	} while (more);
	cc->s->nelements = nel;
}

static void
S_compile_free(struct cc *cc)
{
	struct grammar	*g, *gn;
	size_t		 i;

	for (g = cc->grammars; g != NULL; g = gn) {
		gn = g->next;
		S_grammar_free(g);
	}
	for (i = 0; i < cc->nfiles; i++)
		free(cc->files[i].ns);
	free(cc->files);
	free(cc->exts);
	rng_arena_free(cc->arena);
	free(cc->work);
	free(cc->where);
}

/* Section 7, on what compiled without error. */
static void
S_restrictions(struct cc *cc, struct rnode *root)
{
	size_t	 i;

	for (i = 0; i < cc->nwhere; i++)
		if (cc->where[i] == &ambiguous)
			cc->where[i] = NULL;
	if (rng_check_patterns(cc->s, cc->where, cc->nwhere, root,
	    S_check_error, cc) == (size_t)-1)
		S_error(cc, root, "out of memory");
}

static struct rng_schema *
S_compile(const char *path, struct tk_report *rep, size_t max_nest)
{
	struct rng_schema *s;
	struct cc	 cc;
	struct rnode	*root;
	struct stat	 st;

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
	cc.max_nest = max_nest;
	if (rng_store_init(&s->st) != 0 ||
	    rng_mk(&cc.ctx, RP_NOTALLOWED, 0, 0) != RNG_NOTALLOWED ||
	    rng_mk(&cc.ctx, RP_EMPTY, 0, 0) != RNG_EMPTY ||
	    rng_mk(&cc.ctx, RP_TEXT, 0, 0) != RNG_TEXT ||
	    rng_ns_intern(s, "") != 0 ||
	    (s->nc_any = rng_nc_new(s, NC_ANY, RNG_NONE, 0)) == RNG_NONE) {
		rng_schema_free(s);
		return NULL;
	}
	xmlSetStructuredErrorFunc(&cc, S_xml_error);
	root = NULL;
	if (S_regular(&cc, NULL, path, &st))
		root = S_read(&cc, NULL, path, &st, NULL);
	if (root == NULL) {
		xmlSetStructuredErrorFunc(NULL, NULL);
		if (rep->errors == 0)
			tk_diag(rep, 0, 0, TK_S_DATA, "cannot read the schema");
		S_compile_free(&cc);
		rng_schema_free(s);
		return NULL;
	}
	S_loading_push(&cc, root, &st);
	if (!S_is_rng(root))
		cc.failed = 1;	/* rngcheck.c said so */
	else {
		s->start = S_pattern(&cc, root, NULL);
		/* element contents, until every element has its own */
		S_drain(&cc);
		if (!cc.too_nested)
			S_unreferenced(&cc);
	}
	if (s->st.too_deep)
		S_error(&cc, root, "patterns nest more than %d deep (not "
		    "counting choices and elements): teikit validates at most "
		    "that deep", RNG_MAX_DEPTH);
	else if (!cc.failed && s->start != RNG_NONE)
		S_restrictions(&cc, root);
	xmlSetStructuredErrorFunc(NULL, NULL);
	S_compile_free(&cc);
	if (cc.failed || s->start == RNG_NONE) {
		rng_schema_free(s);
		return NULL;
	}
	return s;
}

struct job {
	const char	*path;
	struct tk_report *rep;
	struct rng_schema *s;
};

static void *
S_job(void *arg)
{
	struct job	*j = arg;

	tk_xml_init();	/* libxml2's handlers are the thread's own */
	j->s = S_compile(j->path, j->rep, MAX_NEST);
	return NULL;
}

/*
 * Compile the schema at path, reporting to rep: on a thread of its own,
 * whose stack the compiler's recursion may use deep (the caller waits,
 * so rep is never used by two threads at once).
 */
struct rng_schema *
rng_compile(const char *path, struct tk_report *rep)
{
	pthread_attr_t	 attr;
	pthread_t	 t;
	struct job	 j;
	int		 ok = 0;

	j.path = path;
	j.rep = rep;
	j.s = NULL;
	if (pthread_attr_init(&attr) == 0) {
		ok = pthread_attr_setstacksize(&attr, COMPILE_STACK) == 0 &&
		    pthread_create(&t, &attr, S_job, &j) == 0;
		pthread_attr_destroy(&attr);
	}
	if (ok) {
		pthread_join(t, NULL);
		return j.s;
	}
	return S_compile(path, rep, MAX_NEST_NO_THREAD);
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
