/*
 * rngread.c -- read a RELAX NG schema file into a small tree of its own
 * elements (struct rnode), straight from the parser's events.
 *
 * libxml2's tree of the 1.1 MB tei_all.rng costs some 40 ms in a fresh
 * process, most of it the first touch of the memory its many small
 * blocks take; the schema needs far less: only RELAX NG elements (other
 * namespaces are annotations, dropped with their content), their
 * unprefixed attributes, the namespaces they declare, and the text of
 * <name>, <value> and <param>.  Everything lives in one arena.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "rng.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define ARENA_BLOCK 65536

struct rarena {
	struct rarena	*next;
	size_t		 used, size;
	/* the block follows */
};

void *
rng_arena_alloc(struct rarena **a, size_t n)
{
	struct rarena	*b;
	void		*p;

	n = (n + 15) & ~(size_t)15;
	if (*a == NULL || (*a)->used + n > (*a)->size) {
		size_t sz = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		if ((b = malloc(sizeof(*b) + 16 + sz)) == NULL)
			return NULL;
		b->next = *a;
		b->used = 0;
		b->size = sz;
		*a = b;
	}
	p = (char *)(*a + 1) + 16 + (*a)->used;
	(*a)->used += n;
	memset(p, 0, n);
	return p;
}

char *
rng_arena_strdup(struct rarena **a, const char *s, size_t n)
{
	char	*p;

	if ((p = rng_arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
rng_arena_free(struct rarena *a)
{
	struct rarena	*n;

	for (; a != NULL; a = n) {
		n = a->next;
		free(a);
	}
}

const char *
rnode_attr(const struct rnode *n, const char *name)
{
	const char *const *a;

	for (a = n->attrs; a != NULL && a[0] != NULL; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

/* The namespace bound to prefix where n is, or NULL. */
const char *
rnode_ns_lookup(const struct rnode *n, const char *prefix)
{
	const char *const *d;

	for (; n != NULL; n = n->parent)
		for (d = n->nsdefs; d != NULL && d[0] != NULL; d += 2)
			if (strcmp(d[0], prefix) == 0)
				return d[1];
	return NULL;
}

/* ---- the parser's events ---- */

struct reader {
	struct rarena	**arena;
	struct rdoc	*doc;
	struct rnode	*root, *cur;
	int		 skip;		/* depth inside a foreign element */
	char		*text;		/* the text of name, value, param */
	size_t		 ntext, captext;
	int		 keep_text;
	int		 nomem;
};

static void
S_text_add(struct reader *r, const char *s, size_t n)
{
	char	*t;

	if (!r->keep_text || r->skip > 0)
		return;
	if (r->ntext + n + 1 > r->captext) {
		size_t nc = r->captext ? 2 * r->captext : 256;

		while (nc < r->ntext + n + 1)
			nc *= 2;
		if ((t = realloc(r->text, nc)) == NULL) {
			r->nomem = 1;
			return;
		}
		r->text = t;
		r->captext = nc;
	}
	memcpy(r->text + r->ntext, s, n);
	r->ntext += n;
}

static void
S_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attr,
    int nb_def, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct reader	*r = ctxt->_private;
	struct rnode	*n, *c;
	const char	**v;
	int		 i, k, rng;

	(void)prefix;
	(void)nb_def;
	rng = uri != NULL && strcmp((const char *)uri, RNG_NS) == 0;
	if (r->skip > 0 || (!rng && r->root != NULL)) {
		r->skip++;	/* an annotation, and all it holds */
		return;
	}
	if ((n = rng_arena_alloc(r->arena, sizeof(*n))) == NULL)
		goto nomem;
	n->name = rng_arena_strdup(r->arena, (const char *)localname,
	    strlen((const char *)localname));
	n->rng = rng;
	n->line = (unsigned)xmlSAX2GetLineNumber(ctx);
	n->doc = r->doc;
	n->parent = r->cur;
	if (nb_ns > 0) {
		if ((v = rng_arena_alloc(r->arena, (2 * (size_t)nb_ns + 1) *
		    sizeof(*v))) == NULL)
			goto nomem;
		for (i = 0; i < nb_ns; i++) {
			const char *p = ns[2 * i] ? (const char *)ns[2 * i] : "";
			const char *u = ns[2 * i + 1] ?
			    (const char *)ns[2 * i + 1] : "";

			v[2 * i] = rng_arena_strdup(r->arena, p, strlen(p));
			v[2 * i + 1] = rng_arena_strdup(r->arena, u, strlen(u));
		}
		n->nsdefs = v;
	}
	for (i = k = 0; i < nb_attr; i++)
		if (attrs[5 * i + 2] == NULL)	/* in no namespace */
			k++;
	if (k > 0) {
		if ((v = rng_arena_alloc(r->arena, (2 * (size_t)k + 1) *
		    sizeof(*v))) == NULL)
			goto nomem;
		for (i = k = 0; i < nb_attr; i++) {
			const xmlChar **a = attrs + 5 * i;
			size_t	 len = (size_t)(a[4] - a[3]);
			xmlChar	*d = NULL;

			if (a[2] != NULL)
				continue;
			v[k] = rng_arena_strdup(r->arena, (const char *)a[0],
			    strlen((const char *)a[0]));
			/* without entity substitution "&amp;" comes as
			 * "&#38;": decode as the tree builder would */
			if (memchr(a[3], '&', len) != NULL &&
			    (d = xmlStringLenDecodeEntities(ctxt, a[3],
			    (int)len, XML_SUBSTITUTE_REF, 0, 0, 0)) != NULL) {
				v[k + 1] = rng_arena_strdup(r->arena,
				    (const char *)d, strlen((const char *)d));
				xmlFree(d);
			} else
				v[k + 1] = rng_arena_strdup(r->arena,
				    (const char *)a[3], len);
			k += 2;
		}
		n->attrs = v;
	}
	if (r->cur == NULL)
		r->root = n;
	else if ((c = r->cur->children) == NULL)
		r->cur->children = n;
	else {
		while (c->next != NULL)
			c = c->next;
		c->next = n;
	}
	r->cur = n;
	r->keep_text = rng && (strcmp(n->name, "name") == 0 ||
	    strcmp(n->name, "value") == 0 || strcmp(n->name, "param") == 0);
	r->ntext = 0;
	return;
nomem:
	r->nomem = 1;
	xmlStopParser(ctxt);
}

static void
S_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct reader	*r = ctxt->_private;

	(void)localname;
	(void)prefix;
	(void)uri;
	if (r->skip > 0) {
		r->skip--;
		return;
	}
	if (r->cur == NULL)
		return;
	if (r->keep_text) {
		r->cur->text = rng_arena_strdup(r->arena, r->text ? r->text :
		    "", r->ntext);
		r->keep_text = 0;
	}
	r->cur = r->cur->parent;
}

static void
S_characters(void *ctx, const xmlChar *s, int len)
{
	xmlParserCtxtPtr ctxt = ctx;

	S_text_add(ctxt->_private, (const char *)s, (size_t)len);
}

static void
S_reference(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlEntityPtr	 ent = xmlGetDocEntity(ctxt->myDoc, name);

	if (ent != NULL && ent->etype == XML_INTERNAL_GENERAL_ENTITY &&
	    ent->content != NULL)
		S_text_add(ctxt->_private, (const char *)ent->content,
		    (size_t)xmlStrlen(ent->content));
}

/*
 * Read the schema at path: its root element, or NULL after the parser
 * reported why (through the structured error handler in place).  The
 * nodes, and the document record (its URL, the ns it inherits), live in
 * the arena.
 */
struct rnode *
rng_read(const char *path, const char *inherited_ns, struct rarena **arena)
{
	xmlSAXHandler	 h;
	xmlSAXHandlerPtr sax;
	xmlParserCtxtPtr ctxt;
	struct reader	 r;
	struct rdoc	*doc;
	int		 ok;

	memset(&r, 0, sizeof(r));
	r.arena = arena;
	if ((doc = rng_arena_alloc(arena, sizeof(*doc))) == NULL ||
	    (doc->url = rng_arena_strdup(arena, path, strlen(path))) == NULL)
		return NULL;
	doc->inherited_ns = inherited_ns == NULL ? NULL :
	    rng_arena_strdup(arena, inherited_ns, strlen(inherited_ns));
	r.doc = doc;
	memset(&h, 0, sizeof(h));
	xmlSAXVersion(&h, 2);
	h.startElementNs = S_start;
	h.endElementNs = S_end;
	h.characters = S_characters;
	h.cdataBlock = S_characters;
	h.ignorableWhitespace = S_characters;
	h.reference = S_reference;
	h.comment = NULL;
	h.processingInstruction = NULL;
	if ((ctxt = xmlCreateFileParserCtxt(path)) == NULL)
		return NULL;
	if ((sax = xmlMalloc(sizeof(*sax))) == NULL) {
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	memcpy(sax, &h, sizeof(*sax));
	xmlFree(ctxt->sax);
	ctxt->sax = sax;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
	ctxt->_private = &r;
	xmlParseDocument(ctxt);
	ok = ctxt->wellFormed && !r.nomem && r.root != NULL;
	if (ctxt->myDoc != NULL)
		xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	free(r.text);
	return ok ? r.root : NULL;
}
