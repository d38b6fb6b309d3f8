/*
 * rngread.c -- read a RELAX NG schema file into a small tree of its own
 * elements (struct rnode), straight from the parser's events; a file in
 * the compact syntax goes to rnc.c, which makes the same tree.
 *
 * libxml2's tree of the 1.1 MB tei_all.rng costs some 40 ms in a fresh
 * process, most of it the first touch of the memory its many small
 * blocks take; the schema needs far less: only RELAX NG elements (other
 * namespaces are annotations, dropped with their content), their
 * unprefixed attributes, the namespaces they declare, and the text of
 * <name>, <value> and <param>.  Everything lives in one arena.
 *
 * A schema is input like any other: only regular files are read (a FIFO
 * would block), all the files of one schema together at most
 * RNG_MAX_BYTES, and entities expand to at most as much text as a
 * document's may (doc.c), counted over all those files.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include "rng.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define ARENA_BLOCK 65536

/* The schema files of one schema, in all, and the text their entities
 * may expand to, in all (doc.c's bound on a document's). */
#define RNG_MAX_BYTES		((size_t)64 << 20)
#define RNG_ENTITY_BUDGET	((size_t)XML_MAX_TEXT_LENGTH)

/* Entities nest at most this deep (libxml2 refuses loops long before). */
#define MAX_ENTITY_DEPTH	40

struct rarena {
	struct rarena	*next;
	size_t		 used, size;
	/* what the schema's files took so far, carried to each new block
	 * so that the head always holds it */
	size_t		 bytes, entity_text;
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
		b->bytes = *a != NULL ? (*a)->bytes : 0;
		b->entity_text = *a != NULL ? (*a)->entity_text : 0;
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

/*
 * An error of ours (not the parser's) through the structured error
 * handler in place, where the compiler hears the parser's: rng_read()
 * has no other way to say why it failed.  The column, when known, is
 * where libxml2 puts a parser error's (int2).
 */
void
rng_raise(const char *file, unsigned line, unsigned col, const char *fmt,
    ...)
{
	xmlError	 e;
	char		 msg[512];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(&e, 0, sizeof(e));
	e.domain = XML_FROM_PARSER;
	e.code = XML_ERR_INTERNAL_ERROR;
	e.level = XML_ERR_ERROR;
	e.message = msg;
	e.file = (char *)file;
	e.line = (int)line;
	e.int2 = (int)col;
	if (xmlStructuredError != NULL)
		xmlStructuredError(xmlStructuredErrorContext, &e);
}

/* ---- the parser's events ---- */

struct reader {
	struct rarena	**arena;
	struct rdoc	*doc;
	xmlParserCtxtPtr ctxt;		/* the document's; an entity's
					 * content comes with a context of
					 * its own */
	struct rnode	*root, *cur;
	struct rnode	*last;		/* cur's last child, when known */
	int		 skip;		/* depth inside a foreign element */
	char		*text;		/* the text of name, value, param */
	size_t		 ntext, captext;
	char		*val;		/* an attribute value, decoded */
	size_t		 nval, capval;
	size_t		 entity_text;	/* entity text so far (all files) */
	int		 keep_text;
	int		 nomem, bomb;
};

static void
S_stop(struct reader *r)
{
	xmlStopParser(r->ctxt);
}

/* Count n characters of entity text; 0 while within the budget. */
static int
S_spend(struct reader *r, size_t n)
{
	if (r->bomb)
		return -1;
	r->entity_text += n;
	if (r->entity_text <= RNG_ENTITY_BUDGET)
		return 0;
	r->bomb = 1;
	rng_raise(r->doc->url, (unsigned)xmlSAX2GetLineNumber(r->ctxt), 0,
	    "the schema's entities expand to more than %zu characters: "
	    "refused (an entity bomb?)", RNG_ENTITY_BUDGET);
	S_stop(r);
	return -1;
}

static int
S_buf_add(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	char	*t;
	size_t	 nc;

	if (*len + n + 1 > *cap) {
		nc = *cap ? 2 * *cap : 256;
		while (nc < *len + n + 1)
			nc *= 2;
		if ((t = realloc(*buf, nc)) == NULL)
			return -1;
		*buf = t;
		*cap = nc;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

static void
S_text_add(struct reader *r, const char *s, size_t n)
{
	if (!r->keep_text || r->skip > 0)
		return;
	if (S_buf_add(&r->text, &r->ntext, &r->captext, s, n) != 0) {
		r->nomem = 1;
		S_stop(r);
	}
}

/*
 * Append attribute text to r->val with its references expanded.
 * Without entity substitution libxml2 hands on a value with "&#38;"
 * for a literal '&' and "&name;" for an entity it checked but did not
 * expand; expanding them here, rather than with
 * xmlStringLenDecodeEntities(), keeps the expansion within the budget
 * as it goes: one large entity used many times is refused, not built.
 */
static int
S_decode(struct reader *r, xmlDocPtr xml, const char *s, size_t n,
    int depth)
{
	const char	*e = s + n, *amp, *semi;
	xmlEntityPtr	 ent;
	xmlChar		 utf8[8];
	char		 name[256];
	unsigned long	 c;
	int		 k;

	while (s < e) {
		if ((amp = memchr(s, '&', (size_t)(e - s))) == NULL)
			amp = e;
		if (amp > s && ((depth > 0 && S_spend(r, (size_t)(amp - s))) ||
		    S_buf_add(&r->val, &r->nval, &r->capval, s,
		    (size_t)(amp - s)) != 0))
			return -1;
		if (amp == e)
			break;
		if ((semi = memchr(amp, ';', (size_t)(e - amp))) == NULL) {
			/* not a reference after all: as it stands */
			if (S_buf_add(&r->val, &r->nval, &r->capval, amp,
			    (size_t)(e - amp)) != 0)
				return -1;
			break;
		}
		s = semi + 1;
		if (amp[1] == '#') {
			c = amp[2] == 'x' ? strtoul(amp + 3, NULL, 16) :
			    strtoul(amp + 2, NULL, 10);
			if (c == 0 || c > 0x10FFFF)
				continue;	/* the parser said so */
			k = xmlCopyCharMultiByte(utf8, (int)c);
			if (k > 0 && S_buf_add(&r->val, &r->nval, &r->capval,
			    (const char *)utf8, (size_t)k) != 0)
				return -1;
			continue;
		}
		if ((size_t)(semi - amp) > sizeof(name))
			continue;
		memcpy(name, amp + 1, (size_t)(semi - amp - 1));
		name[semi - amp - 1] = '\0';
		if ((ent = xmlGetPredefinedEntity(BAD_CAST name)) == NULL &&
		    xml != NULL)
			ent = xmlGetDocEntity(xml, BAD_CAST name);
		if (ent == NULL || ent->content == NULL ||
		    (ent->etype != XML_INTERNAL_GENERAL_ENTITY &&
		    ent->etype != XML_INTERNAL_PREDEFINED_ENTITY))
			continue;	/* the parser said so, or reads none */
		if (depth >= MAX_ENTITY_DEPTH) {
			rng_raise(r->doc->url,
			    (unsigned)xmlSAX2GetLineNumber(r->ctxt), 0,
			    "entities nest more than %d deep",
			    MAX_ENTITY_DEPTH);
			r->bomb = 1;
			S_stop(r);
			return -1;
		}
		if (S_decode(r, xml, (const char *)ent->content,
		    (size_t)xmlStrlen(ent->content), depth + 1) != 0)
			return -1;
	}
	return 0;
}

/* The unprefixed attributes, and xml:base, as name, value, ..., NULL;
 * RELAX NG's own namespace on an attribute is kept as "rng:" on its
 * name, for the syntax check to refuse. */
static int
S_attrs(struct reader *r, xmlParserCtxtPtr ctxt, int nb_attr,
    const xmlChar **attrs, const char ***out)
{
	const char	**v;
	const char	 *uri;
	char		  qn[256];
	int		  i, k;

	for (i = k = 0; i < nb_attr; i++)
		if ((uri = (const char *)attrs[5 * i + 2]) == NULL ||
		    strcmp(uri, XML_NS) == 0 || strcmp(uri, RNG_NS) == 0)
			k++;
	*out = NULL;
	if (k == 0)
		return 0;
	if ((v = rng_arena_alloc(r->arena, (2 * (size_t)k + 1) *
	    sizeof(*v))) == NULL)
		return -1;
	for (i = k = 0; i < nb_attr; i++) {
		const xmlChar	**a = attrs + 5 * i;
		const char	 *val = (const char *)a[3];
		size_t		  len = (size_t)(a[4] - a[3]);

		uri = (const char *)a[2];
		if (uri != NULL && strcmp(uri, XML_NS) != 0 &&
		    strcmp(uri, RNG_NS) != 0)
			continue;
		snprintf(qn, sizeof(qn), "%s%s", uri == NULL ? "" :
		    strcmp(uri, RNG_NS) == 0 ? "rng:" : "xml:",
		    (const char *)a[0]);
		if (memchr(val, '&', len) != NULL) {
			r->nval = 0;
			if (S_decode(r, ctxt->myDoc, val, len, 0) != 0)
				return -1;
			val = r->val;
			len = r->nval;
		}
		v[k] = rng_arena_strdup(r->arena, qn, strlen(qn));
		v[k + 1] = rng_arena_strdup(r->arena, val, len);
		if (v[k] == NULL || v[k + 1] == NULL)
			return -1;
		k += 2;
	}
	*out = v;
	return 0;
}

static void
S_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attr,
    int nb_def, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct reader	*r = ctxt->_private;
	struct rnode	*n;
	const char	**v;
	int		 i, rng;

	(void)prefix;
	(void)nb_def;
	rng = uri != NULL && strcmp((const char *)uri, RNG_NS) == 0;
	/* an entity's elements and attributes are its text too */
	if (ctxt != r->ctxt) {
		size_t	 cost = strlen((const char *)localname) + 1;

		for (i = 0; i < nb_attr; i++)
			cost += (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]) + 1;
		if (S_spend(r, cost) != 0)
			return;
	}
	if (r->skip > 0 || (!rng && r->root != NULL)) {
		/* an annotation, and all it holds; one in name, value or
		 * param, which may hold only text, is kept (as a foreign
		 * node, rng 0) for the syntax check to refuse */
		if (r->skip++ == 0 && r->keep_text && r->cur != NULL &&
		    (n = rng_arena_alloc(r->arena, sizeof(*n))) != NULL &&
		    (n->name = rng_arena_strdup(r->arena,
		    (const char *)localname,
		    strlen((const char *)localname))) != NULL) {
			n->line = (unsigned)xmlSAX2GetLineNumber(r->ctxt);
			n->doc = r->doc;
			n->parent = r->cur;
			if (r->last == NULL)
				r->cur->children = n;
			else
				r->last->next = n;
			r->last = n;
		}
		return;
	}
	if ((n = rng_arena_alloc(r->arena, sizeof(*n))) == NULL)
		goto nomem;
	n->name = rng_arena_strdup(r->arena, (const char *)localname,
	    strlen((const char *)localname));
	n->rng = rng;
	/* within an entity's content: where it is referred to */
	n->line = (unsigned)xmlSAX2GetLineNumber(r->ctxt);
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
	if (S_attrs(r, ctxt, nb_attr, attrs, &n->attrs) != 0) {
		if (r->bomb)
			return;
		goto nomem;
	}
	/* appended after the last child seen, not by walking the list:
	 * a flat <choice> of 100,000 values is read in linear time */
	if (r->cur == NULL)
		r->root = n;
	else if (r->last == NULL)
		r->cur->children = n;
	else
		r->last->next = n;
	r->cur = n;
	r->last = NULL;
	r->keep_text = rng && (strcmp(n->name, "name") == 0 ||
	    strcmp(n->name, "value") == 0 || strcmp(n->name, "param") == 0);
	r->ntext = 0;
	return;
nomem:
	r->nomem = 1;
	S_stop(r);
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
	r->last = r->cur;
	r->cur = r->cur->parent;
}

/*
 * Text.  An entity's text comes here as the parser reads the entity's
 * content (again at each reference; the reference event that follows
 * is not heard, or the text would come twice) and is counted.  Text
 * where RELAX NG allows none is kept, for the syntax check to refuse:
 * its first characters as the element's text.
 */
static void
S_characters(void *ctx, const xmlChar *s, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct reader	*r = ctxt->_private;
	size_t		 n = len > 0 ? (size_t)len : 0, i;

	if (ctxt != r->ctxt && S_spend(r, n) != 0)
		return;
	if (r->skip > 0 || r->cur == NULL)
		return;
	if (r->keep_text) {
		S_text_add(r, (const char *)s, n);
		return;
	}
	if (r->cur->text != NULL || !r->cur->rng)
		return;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r') {
			r->cur->text = rng_arena_strdup(r->arena,
			    (const char *)s + i, n - i > 40 ? 40 : n - i);
			break;
		}
}

/* The file being read: through libxml2's input callbacks, counted
 * against what is left of the budget for all the files. */
struct src {
	struct reader	*r;
	const char	*path;
	int		 fd;
	size_t		 left;
	int		 failed;
};

static int
S_io_read(void *arg, char *buf, int len)
{
	struct src	*f = arg;
	ssize_t		 k;

	do
		k = read(f->fd, buf, (size_t)len);
	while (k == -1 && errno == EINTR);
	if (k == -1) {
		rng_raise(f->path, 0, 0, "cannot read %s: %s", f->path,
		    strerror(errno));
		f->failed = 1;
		return -1;
	}
	if ((size_t)k > f->left) {
		rng_raise(f->path, 0, 0, "the schema's files are larger than "
		    "%zu MB in all: refused", RNG_MAX_BYTES >> 20);
		f->failed = 1;
		return -1;
	}
	f->left -= (size_t)k;
	(*f->r->arena)->bytes += (size_t)k;
	return (int)k;
}

static int
S_io_close(void *arg)
{
	(void)arg;
	return 0;	/* rng_read() closes it */
}

/*
 * Open the file at path, or say why not: only a regular file, opened
 * without blocking (a FIFO would wait for a writer forever), and within
 * what is left of the budget for all the files.
 */
static int
S_open(struct src *f)
{
	struct stat	 st;

	f->left = RNG_MAX_BYTES - (*f->r->arena)->bytes;
	if ((f->fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) ==
	    -1) {
		rng_raise(f->path, 0, 0, "cannot read %s: %s", f->path,
		    strerror(errno));
		return -1;
	}
	if (fstat(f->fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		rng_raise(f->path, 0, 0, "%s is not a regular file: teikit "
		    "reads schemas only from regular files", f->path);
		close(f->fd);
		return -1;
	}
	if ((size_t)st.st_size > f->left) {
		rng_raise(f->path, 0, 0, "the schema's files are larger than "
		    "%zu MB in all: refused", RNG_MAX_BYTES >> 20);
		close(f->fd);
		return -1;
	}
	return 0;
}

/*
 * Is the file compact syntax?  The schema given (inherited_ns NULL) is
 * when its name ends in ".rnc"; a file an include or externalRef names
 * is as well, and also when, its name not ending in ".rnc", its first
 * character other than white space (after a UTF-8 byte-order mark) is
 * not "<": no XML document starts otherwise, and a compact one never
 * starts with "<".  A file of white space only, or in UTF-16, is XML.
 */
static int
S_is_compact(const char *path, const char *inherited_ns, int fd)
{
	unsigned char	 buf[512];
	size_t		 n = strlen(path), i;
	off_t		 off = 0;
	ssize_t		 k;

	if (n >= 4 && strcmp(path + n - 4, ".rnc") == 0)
		return 1;
	if (inherited_ns == NULL)
		return 0;
	for (;;) {
		do
			k = pread(fd, buf, sizeof(buf), off);
		while (k == -1 && errno == EINTR);
		if (k <= 0)
			return 0;
		i = 0;
		if (off == 0 && k >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		if (off == 0 && k >= 2 && (memcmp(buf, "\xFE\xFF", 2) == 0 ||
		    memcmp(buf, "\xFF\xFE", 2) == 0))
			return 0;
		for (; i < (size_t)k; i++)
			if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' &&
			    buf[i] != '\r')
				return buf[i] != '<';
		off += k;
	}
}

/* Read a compact-syntax file whole, within what is left of the budget
 * for all the files, and translate it (rnc.c). */
static struct rnode *
S_read_compact(struct src *f, struct rdoc *doc, struct rarena **arena)
{
	struct rnode	*root;
	char		*buf = NULL, *t;
	size_t		 len = 0, cap = 0;
	ssize_t		 k;

	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if ((t = realloc(buf, cap)) == NULL) {
				rng_raise(f->path, 0, 0, "out of memory");
				free(buf);
				return NULL;
			}
			buf = t;
		}
		do
			k = read(f->fd, buf + len, cap - len);
		while (k == -1 && errno == EINTR);
		if (k == -1) {
			rng_raise(f->path, 0, 0, "cannot read %s: %s", f->path,
			    strerror(errno));
			free(buf);
			return NULL;
		}
		if (k == 0)
			break;
		len += (size_t)k;
		if (len > f->left) {
			rng_raise(f->path, 0, 0, "the schema's files are "
			    "larger than %zu MB in all: refused",
			    RNG_MAX_BYTES >> 20);
			free(buf);
			return NULL;
		}
	}
	(*arena)->bytes += len;
	root = rnc_read(doc, buf, len, arena);
	free(buf);
	return root;
}

/*
 * Read the schema at path, in either syntax (S_is_compact() says which):
 * its root element, or NULL after the parser (or a reader) reported why, through the structured error handler
 * in place.  The nodes, and the document record (its URL, the ns it
 * inherits), live in the arena.
 */
struct rnode *
rng_read(const char *path, const char *inherited_ns, struct rarena **arena)
{
	xmlSAXHandler	 h;
	xmlParserCtxtPtr ctxt;
	struct reader	 r;
	struct rdoc	*doc;
	struct src	 f;
	struct rnode	*root;
	int		 ok;

	memset(&r, 0, sizeof(r));
	r.arena = arena;
	if ((doc = rng_arena_alloc(arena, sizeof(*doc))) == NULL ||
	    (doc->url = rng_arena_strdup(arena, path, strlen(path))) == NULL)
		return NULL;
	doc->inherited_ns = inherited_ns == NULL ? NULL :
	    rng_arena_strdup(arena, inherited_ns, strlen(inherited_ns));
	r.doc = doc;
	memset(&f, 0, sizeof(f));
	f.r = &r;
	f.path = doc->url;
	if (S_open(&f) != 0)
		return NULL;
	if (S_is_compact(path, inherited_ns, f.fd)) {
		root = S_read_compact(&f, doc, arena);
		close(f.fd);
		return root;
	}
	r.entity_text = (*arena)->entity_text;
	memset(&h, 0, sizeof(h));
	xmlSAXVersion(&h, 2);
	h.startElementNs = S_start;
	h.endElementNs = S_end;
	h.characters = S_characters;
	h.cdataBlock = S_characters;
	h.ignorableWhitespace = S_characters;
	h.reference = NULL;
	h.comment = NULL;
	h.processingInstruction = NULL;
	/* read as it goes, not whole: a schema may be large */
	if ((ctxt = xmlCreateIOParserCtxt(&h, NULL, S_io_read, S_io_close,
	    &f, XML_CHAR_ENCODING_NONE)) == NULL) {
		close(f.fd);
		return NULL;
	}
	if (ctxt->input != NULL && ctxt->input->filename == NULL)
		ctxt->input->filename = (char *)xmlStrdup(BAD_CAST path);
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
	ctxt->_private = &r;
	r.ctxt = ctxt;
	xmlParseDocument(ctxt);
	ok = ctxt->wellFormed && !r.nomem && !r.bomb && !f.failed &&
	    r.root != NULL;
	if (ctxt->myDoc != NULL)
		xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	close(f.fd);
	free(r.text);
	free(r.val);
	(*arena)->entity_text = r.entity_text;
	return ok ? r.root : NULL;
}
