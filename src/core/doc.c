/*
 * doc.c -- TEI documents in memory: parse XML safely (no network, no
 * DTD, no external entities; internal entities expanded in place, the
 * same on the tree and the stream; XInclude of regular files within
 * bounds; libxml2's messages routed to the diagnostic callback) and
 * serialise it.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/uri.h>
#include <libxml/parserInternals.h>
#include <libxml/xinclude.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include "internal.h"

/*
 * The external entity loader every libxml2 read goes through.  It
 * refuses everything (external entities, external DTDs, XIncludes)
 * unless this thread has allowed it: while teikit itself reads a schema
 * or stylesheet the user named, or, for XInclude, files under one
 * directory.  No network, ever.
 */
/*
 * XInclude's bounds.  libxml2 reads each file once, but copies what it
 * includes as often as it is included, its inclusions made: 22 files of
 * a few bytes, each including the next twice, came to 2.6 GB.  So the
 * inclusions are counted first (S_xi_bounds), each file as often as it
 * would be included, and the document refused beyond any of these:
 */
#define XI_MAX_DEPTH	32	/* inclusions within inclusions */
#define XI_MAX_COUNT	10000	/* inclusions in all */
#define XI_MAX_BYTES	((size_t)64 << 20)	/* bytes included in all, as
				   rngread.c's for a schema's files */
#define XI_STR(n)	XI_STR_(n)
#define XI_STR_(n)	#n

static _Thread_local int loader_allowed;
static _Thread_local const char *loader_dir;
static _Thread_local size_t loader_left;	/* XInclude may still read */
static _Thread_local char loader_url[512];	/* the last it refused, */
static _Thread_local char loader_why[256];	/* ...and why */
static xmlExternalEntityLoader default_loader;

void
tk_loader_allow(int yes)
{
	loader_allowed = yes;
}

/* Is the file at path inside `dir`?  Resolves ".." and links with
 * realpath(); the real path in rp. */
static int
S_inside_path(const char *path, const char *dir, char *rp)
{
	char		 rd[PATH_MAX];
	size_t		 n;

	if (realpath(path, rp) == NULL || realpath(dir, rd) == NULL)
		return 0;
	n = strlen(rd);
	return strncmp(rp, rd, n) == 0 && (rp[n] == '/' || rp[n] == '\0');
}

/*
 * The file a file path or file: URL names, inside `dir` (its real path
 * in rp, its size in *size), opened for reading: only a regular file,
 * and opened without blocking, for a FIFO would wait for a writer for
 * ever.  As libxml2's own loader, the path unescaped first, then as it
 * is written.  -1 when it is not to be read; why in loader_why, unless
 * it is outside `dir` (the caller says so) or missing.
 */
static int
S_open_inside(const char *url, const char *dir, char *rp, size_t *size)
{
	const char	*path = url;
	char		*unesc;
	struct stat	 st;
	int		 fd = -1, inside;

	if (strncmp(path, "file://localhost/", 17) == 0)
		path += 16;
	else if (strncmp(path, "file://", 7) == 0)
		path += 7;
	else if (strncmp(path, "file:/", 6) == 0)
		path += 5;
	else if (strstr(path, "://") != NULL)
		return -1;
	unesc = xmlURIUnescapeString(path, 0, NULL);
	inside = unesc != NULL && S_inside_path(unesc, dir, rp);
	if (!inside)
		inside = S_inside_path(path, dir, rp);
	xmlFree(unesc);
	if (!inside)
		return -1;
	if ((fd = open(rp, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		snprintf(loader_why, sizeof(loader_why), "cannot read it: %s",
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(loader_why, sizeof(loader_why), "it is not a regular "
		    "file: XInclude reads only regular files");
		close(fd);
		return -1;
	}
	*size = (size_t)st.st_size;
	return fd;
}

/* libxml2's read callback over a descriptor. */
static int
S_fd_read(void *ctx, char *buf, int len)
{
	int	 fd = (int)(intptr_t)ctx;
	ssize_t	 n;

	do
		n = read(fd, buf, (size_t)len);
	while (n == -1 && errno == EINTR);
	return (int)n;
}

static int
S_xi_read(void *ctx, char *buf, int len)
{
	int	 n = S_fd_read(ctx, buf, len);

	if (n > 0 && (size_t)n > loader_left) {
		snprintf(loader_why, sizeof(loader_why), "the files included "
		    "are more than %zu MB in all: refused", XI_MAX_BYTES >> 20);
		return -1;
	}
	if (n > 0)
		loader_left -= (size_t)n;
	return (int)n;
}

static int
S_xi_close(void *ctx)
{
	return close((int)(intptr_t)ctx);
}

/* A file XInclude reads: inside loader_dir, regular, within the bytes
 * left to read. */
static xmlParserInputPtr
S_xi_input(const char *url, xmlParserCtxtPtr ctxt)
{
	xmlParserInputBufferPtr ib;
	xmlParserInputPtr in;
	char		 rp[PATH_MAX];
	size_t		 size;
	int		 fd;

	snprintf(loader_url, sizeof(loader_url), "%s", url);
	loader_why[0] = '\0';
	if ((fd = S_open_inside(url, loader_dir, rp, &size)) == -1)
		return NULL;
	if (size > loader_left) {
		snprintf(loader_why, sizeof(loader_why), "the files included "
		    "are more than %zu MB in all: refused", XI_MAX_BYTES >> 20);
		close(fd);
		return NULL;
	}
	if ((ib = xmlParserInputBufferCreateIO(S_xi_read, S_xi_close,
	    (void *)(intptr_t)fd, XML_CHAR_ENCODING_NONE)) == NULL) {
		close(fd);
		return NULL;
	}
	if ((in = xmlNewIOInputStream(ctxt, ib, XML_CHAR_ENCODING_NONE)) ==
	    NULL) {
		xmlFreeParserInputBuffer(ib);
		return NULL;
	}
	/* its name: what its own inclusions are found from */
	in->filename = (char *)xmlCanonicPath(BAD_CAST url);
	return in;
}

static xmlParserInputPtr
S_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (url != NULL && strstr(url, "://") != NULL &&
	    strncmp(url, "file://", 7) != 0)
		return NULL;
	if (loader_allowed)
		return default_loader(url, id, ctxt);
	if (url != NULL && loader_dir != NULL)
		return S_xi_input(url, ctxt);
	return NULL;
}

/* libxml2's message of `err`, without its final line ends; its length. */
size_t
tk_xml_message(const xmlError *err, char *buf, size_t sz)
{
	size_t	 n;

	const char *m = err->message ? err->message : "", *opt;
	int	 depth;

	/* libxml2's limits name an option of its own, which a user of
	 * teikit cannot set: say what the limit is instead */
	if (sscanf(m, "Excessive depth in document: %d", &depth) == 1)
		snprintf(buf, sz, "elements nest more than %d deep: teikit "
		    "reads no deeper (a hostile document?)", depth);
	else if ((opt = strstr(m, "XML_PARSE_HUGE")) != NULL) {
		n = (size_t)(opt - m);
		while (n > 0 && strchr(" ,;:(", m[n - 1]) != NULL)
			n--;
		if (n >= 3 && strncmp(m + n - 3, "use", 3) == 0)
			n -= 3;
		while (n > 0 && strchr(" ,;:(", m[n - 1]) != NULL)
			n--;
		snprintf(buf, sz, "%.*s: beyond teikit's limit for one "
		    "document (a hostile document?)", (int)n, m);
	} else
		snprintf(buf, sz, "%s", m);
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return n;
}

/* libxml2 prints what reaches no handler of ours; it must not. */
static void
S_silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* The descriptor of a regular file at path, opened without blocking
 * (then made blocking), or -1: a FIFO would block for ever, a device
 * never end. */
static int
S_open_regular(const char *path)
{
	struct stat	 st;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    fcntl(fd, F_SETFL, 0) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * libxml2's file reader (xmlFileRead, xmlFileClose read a FILE *), for
 * whatever libxml2 opens itself -- a catalog's nextCatalog, a
 * stylesheet's xsl:import -- of regular files only.  A file: URL or a
 * path, as written, else with its %-escapes undone, as libxml2's own.
 */
static void *
S_file_open(const char *url)
{
	const char	*path = url;
	char		*unesc;
	FILE		*f;
	int		 fd;

	if (strncmp(path, "file://localhost/", 17) == 0)
		path += 16;
	else if (strncmp(path, "file:///", 8) == 0)
		path += 7;
	else if (strncmp(path, "file:/", 6) == 0)
		path += 5;
	if ((fd = S_open_regular(path)) == -1 && errno == ENOENT &&
	    (unesc = xmlURIUnescapeString(path, 0, NULL)) != NULL) {
		fd = S_open_regular(unesc);
		xmlFree(unesc);
	}
	if (fd == -1)
		return NULL;
	if ((f = fdopen(fd, "rb")) == NULL)
		close(fd);
	return f;
}

static void
S_init(void)
{
	xmlInitParser();
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(S_loader);
	/* Files are all libxml2 may open, whatever asks (a catalog's
	 * nextCatalog, an xsl:import): its HTTP and FTP readers go. */
	xmlCleanupInputCallbacks();
	xmlRegisterInputCallbacks(xmlFileMatch, S_file_open, xmlFileRead,
	    xmlFileClose);
	/* Catalogs only as teikit loads them (assoc.c), never libxml2's
	 * default, /etc/xml/catalog, behind a document's back. */
	xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
#if LIBXML_VERSION < 21200
	/* Buffers that grow by doubling, not by what each append needs:
	 * the string value of an element of 100,000 children is appended
	 * child by child, and libxml2 before 2.12 reallocates the buffer
	 * to its exact size each time.  glibc's mremap hides that cost;
	 * AddressSanitizer, valgrind and other allocators copy the whole
	 * buffer each time (the text view of 100,000 paragraphs took five
	 * minutes under ASan).  2.12 always grows by doubling.  The
	 * scheme is per thread: the default for new threads too. */
	xmlSetBufferAllocationScheme(XML_BUFFER_ALLOC_HYBRID);
	xmlThrDefBufferAllocScheme(XML_BUFFER_ALLOC_HYBRID);
#endif
}

void
tk_xml_init(void)
{
	pthread_once(&init_once, S_init);
	xmlSetGenericErrorFunc(NULL, S_silent);
}

/* XML_PARSE_NONET: no network.  Neither XML_PARSE_NOENT nor
 * XML_PARSE_DTDLOAD: no external entity or DTD is read. */
#define SAFE_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

teikit_doc *
tk_doc_wrap(xmlDocPtr xml)
{
	teikit_doc	*doc;

	if ((doc = calloc(1, sizeof(*doc))) == NULL)
		return NULL;
	doc->xml = xml;
	return doc;
}

/* ---- where each element's start tag is: node -> line, column ----
 *
 * On a 64-bit machine the place is kept in the node itself, in its
 * _private field (libxml2 and libxslt leave it to the application; the
 * document node's, which the encoder uses, never holds a place): line
 * and column packed in one word, 0 for none.  Every element's and
 * attribute's place is written as the document is parsed and read as
 * it is validated, so a map beside the tree, however well hashed,
 * costs a cache miss for each.  Elsewhere, the map (struct tk_posmap).
 */
#if UINTPTR_MAX > 0xFFFFFFFFu
#define POS_IN_NODE 1

/* The node's field for a place, or NULL for a kind that has none. */
static void **
S_pos_field(const void *node)
{
	xmlNodePtr	 n = (xmlNodePtr)node;

	if (n == NULL)
		return NULL;
	switch (n->type) {
	case XML_ELEMENT_NODE:
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
	case XML_ENTITY_REF_NODE:
	case XML_PI_NODE:
	case XML_COMMENT_NODE:
		return &n->_private;
	case XML_ATTRIBUTE_NODE:
		return &((xmlAttrPtr)node)->_private;
	default:
		return NULL;
	}
}
#endif

static size_t
S_hash(const void *p, size_t mask)
{
	uint64_t	 h = (uint64_t)(uintptr_t)p;

	/* Fibonacci hashing: the product's top bits, where every bit of
	 * the address counts (the low ones of a node's address do not
	 * vary, and the middle ones only with the low ones) */
	h = (h ^ (h >> 29)) * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> (64 - __builtin_popcountll((uint64_t)mask))) &
	    mask;
}

static int
S_pos_has(const struct tk_posmap *m, const void *node)
{
	size_t	 i;
#ifdef POS_IN_NODE
	void	**f = S_pos_field(node);

	(void)i;
	return m->n > 0 && f != NULL && *f != NULL;
#endif
	if (m->cap == 0)
		return 0;
	for (i = S_hash(node, m->cap - 1); m->slots[i].node != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (m->slots[i].node == node)
			return 1;
	return 0;
}

static int
S_pos_put(struct tk_posmap *m, const void *node, unsigned line,
    unsigned col)
{
	size_t		 i, cap;
	struct tk_pos	*old;
#ifdef POS_IN_NODE
	void		**f = S_pos_field(node);

	(void)i;
	(void)cap;
	(void)old;
	if (f == NULL)
		return -1;
	if (*f == NULL)
		m->n++;
	*f = (void *)(((uintptr_t)line << 32) | (uintptr_t)col |
	    ((uintptr_t)1 << 63));
	return 0;
#endif
	if (2 * (m->n + 1) > m->cap) {
		old = m->slots;
		cap = m->cap;
		m->cap = cap ? 2 * cap : 1024;
		if ((m->slots = calloc(m->cap, sizeof(*m->slots))) == NULL) {
			m->slots = old;
			m->cap = cap;
			return -1;
		}
		m->n = 0;
		for (i = 0; i < cap; i++)
			if (old[i].node != NULL)
				S_pos_put(m, old[i].node, old[i].line,
				    old[i].col);
		free(old);
	}
	for (i = S_hash(node, m->cap - 1); m->slots[i].node != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (m->slots[i].node == node)
			break;
	if (m->slots[i].node == NULL)
		m->n++;
	m->slots[i].node = node;
	m->slots[i].line = line;
	m->slots[i].col = col;
	return 0;
}

/* The place kept for node: 1, or 0 when none is. */
static int
S_pos_get(const struct tk_posmap *m, const void *node, unsigned *line,
    unsigned *col)
{
	size_t	 i;
#ifdef POS_IN_NODE
	void	**f = S_pos_field(node);
	uintptr_t v;

	(void)i;
	if (m->n == 0 || f == NULL || *f == NULL)
		return 0;
	v = (uintptr_t)*f;
	*line = (unsigned)((v >> 32) & 0x7FFFFFFFu);
	*col = (unsigned)(v & 0xFFFFFFFFu);
	return 1;
#endif
	if (m->cap > 0)
		for (i = S_hash(node, m->cap - 1); m->slots[i].node != NULL;
		    i = (i + 1) & (m->cap - 1))
			if (m->slots[i].node == node) {
				*line = m->slots[i].line;
				*col = m->slots[i].col;
				return 1;
			}
	return 0;
}

/* Forget the place of a node about to be freed (its address may be
 * given to a new one): the later slots of its run move up. */
static void
S_pos_del(struct tk_posmap *m, const void *node)
{
	size_t	 i, j, k, mask;
#ifdef POS_IN_NODE
	void	**f = S_pos_field(node);

	(void)i, (void)j, (void)k, (void)mask;
	if (f != NULL && *f != NULL) {
		*f = NULL;
		m->n--;
	}
	return;
#endif
	if (m->cap == 0)
		return;
	mask = m->cap - 1;
	for (i = S_hash(node, mask); m->slots[i].node != node; i = (i + 1) &
	    mask)
		if (m->slots[i].node == NULL)
			return;
	for (j = i;;) {
		j = (j + 1) & mask;
		if (m->slots[j].node == NULL)
			break;
		k = S_hash(m->slots[j].node, mask);
		/* stays, if its home slot is in (i, j] */
		if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		m->slots[i] = m->slots[j];
		i = j;
	}
	m->slots[i].node = NULL;
	m->n--;
}

/*
 * The attributes written in the start tag whose '<' is at s (and which
 * ends before end), namespace declarations aside: each one's name and
 * where it starts, counted from the '<' at line:col.  A well-formed tag
 * is "<" Name (S Name S? "=" S? quoted-value)* S? "/"? ">".  Returns how
 * many were found, at most max.
 */
size_t
tk_tag_attrs(const char *s, const char *end, unsigned line, unsigned col,
    struct tk_attrpos *v, size_t max)
{
	const char	*p = s + 1, *name;
	size_t		 n = 0;
	char		 q;

#define STEP(p) do {							\
		if (*(p) == '\n') {					\
			line++;						\
			col = 1;					\
		} else if ((*(p) & 0xC0) != 0x80)			\
			col++;						\
		(p)++;							\
	} while (0)
	col++;		/* past the '<' */
	while (p < end && !strchr(" \t\r\n/>", *p))
		STEP(p);
	while (p < end && n < max) {
		while (p < end && strchr(" \t\r\n", *p))
			STEP(p);
		if (p >= end || *p == '/' || *p == '>')
			break;
		name = p;
		v[n].line = line;
		v[n].col = col;
		while (p < end && !strchr(" \t\r\n=", *p))
			STEP(p);
		v[n].name = name;
		v[n].len = (size_t)(p - name);
		while (p < end && *p != '\'' && *p != '"')
			STEP(p);
		if (p >= end)
			break;
		q = *p;
		STEP(p);
		while (p < end && *p != q)
			STEP(p);
		if (p < end)
			STEP(p);
		if (!(v[n].len == 5 && strncmp(name, "xmlns", 5) == 0) &&
		    strncmp(name, "xmlns:", 6) != 0)
			n++;
	}
#undef STEP
	return n;
}

/* Does the name written in a tag, "p:local" or "local", name this? */
int
tk_attrpos_is(const struct tk_attrpos *a, const char *prefix,
    const char *local)
{
	size_t	 lp = prefix != NULL ? strlen(prefix) : 0;
	size_t	 ll = strlen(local);

	if (lp > 0)
		return a->len == lp + 1 + ll && strncmp(a->name, prefix,
		    lp) == 0 && a->name[lp] == ':' &&
		    strncmp(a->name + lp + 1, local, ll) == 0;
	return a->len == ll && strncmp(a->name, local, ll) == 0;
}

/* The place kept for this very node (1), or none (0). */
int
tk_doc_pos_own(const teikit_doc *doc, const void *node, unsigned *line,
    unsigned *col)
{
	*line = *col = 0;
	return S_pos_get(&doc->pos, node, line, col);
}

void
tk_doc_pos(const teikit_doc *doc, const void *node, unsigned *line,
    unsigned *col)
{
	const struct tk_posmap *m = &doc->pos;
	const xmlNode	*n = node;

	*line = *col = 0;
	/* an attribute or a text has a place of its own, when the parser
	 * kept it */
	if (n != NULL && (n->type == XML_ATTRIBUTE_NODE ||
	    n->type == XML_TEXT_NODE) && S_pos_get(m, n, line, col))
		return;
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->parent;
	if (n == NULL)
		return;
	if (S_pos_get(m, n, line, col))
		return;
	*line = (unsigned)xmlGetLineNo(n) > 0 ? (unsigned)xmlGetLineNo(n) : 0;
}

/* While parsing: the input buffer, and how far line/column counting
 * has gone in it (start tags come in order, so the count is linear). */
struct parse_state {
	const char	*buf;
	size_t		 len;
	size_t		 at;		/* counted up to here */
	unsigned	 line, col;	/* of buf[at] */
	struct tk_posmap *pos;
	xmlParserCtxtPtr ctxt;		/* the document's parser */
	startElementNsSAX2Func start;	/* libxml2's own handlers */
	charactersSAXFunc chars;
	referenceSAXFunc reference;
};

/* The parser of the document being read on this thread: not the ones
 * libxml2 makes of its own to read an entity's content. */
static _Thread_local xmlParserCtxtPtr parsing_main;

static void
S_advance(struct parse_state *ps, size_t to)
{
	for (; ps->at < to; ps->at++) {
		unsigned char c = (unsigned char)ps->buf[ps->at];

		if (c == '\n') {
			ps->line++;
			ps->col = 1;
		} else if ((c & 0xC0) != 0x80)
			ps->col++;
	}
}

static void
S_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attr,
    int nb_def, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *ps = ctxt->_private;
	struct tk_attrpos ap[64];
	xmlAttrPtr	 a;
	size_t		 off, tagend, na, k;

	ps->start(ctx, localname, prefix, uri, nb_ns, ns, nb_attr, nb_def,
	    attrs);
	if (ctxt != ps->ctxt || ctxt->input == NULL || ctxt->node == NULL)
		return;
	/* The parser stands at the end of the start tag; its '<' is the
	 * nearest before (attribute values cannot hold '<'). */
	off = ctxt->input->consumed +
	    (size_t)(ctxt->input->cur - ctxt->input->base);
	if (off > ps->len || ps->len == 0)
		return;
	tagend = off;
	if (off == ps->len)	/* a tag cut off by the end of input */
		off--;
	while (off > ps->at && ps->buf[off] != '<')
		off--;
	if (ps->buf[off] != '<' || off < ps->at)
		return;
	S_advance(ps, off);
	(void)S_pos_put(ps->pos, ctxt->node, ps->line, ps->col);
	/* each attribute's own place, for messages about it: they come
	 * in the order written (a tag with more than 64 keeps the rest at
	 * the element's) */
	if (ctxt->node->properties == NULL)
		return;
	na = tk_tag_attrs(ps->buf + off, ps->buf + tagend, ps->line, ps->col,
	    ap, sizeof(ap) / sizeof(ap[0]));
	for (a = ctxt->node->properties, k = 0; a != NULL && k < na;
	    a = a->next, k++)
		if (tk_attrpos_is(&ap[k], a->ns ? (const char *)a->ns->prefix :
		    NULL, (const char *)a->name))
			(void)S_pos_put(ps->pos, a, ap[k].line, ap[k].col);
}

/* Text: where its first character that is not white space stands,
 * kept for the text node it goes into (the first chunk of it), when
 * the parser hands on its own input rather than a copy. */
static void
S_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *ps = ctxt->_private;
	xmlNodePtr	 t;
	size_t		 off;
	int		 i;

	ps->chars(ctx, ch, len);
	if (ctxt != ps->ctxt || ctxt->input == NULL || ctxt->node == NULL ||
	    (t = ctxt->node->last) == NULL || t->type != XML_TEXT_NODE)
		return;
	for (i = 0; i < len && strchr(" \t\r\n", ch[i]) != NULL; i++)
		;
	if (i == len || ch < ctxt->input->base || ch > ctxt->input->cur)
		return;
	off = ctxt->input->consumed + (size_t)(ch + i - ctxt->input->base);
	if (off >= ps->len || off < ps->at || ps->buf[off] != ch[i])
		return;
	S_advance(ps, off);
	if (!S_pos_has(ps->pos, t))
		(void)S_pos_put(ps->pos, t, ps->line, ps->col);
}

/* A reference to an entity: where its '&' stands, kept for the
 * reference node, the place of the entity's content (S_expand). */
static void
S_reference(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *ps = ctxt->_private;
	xmlNodePtr	 r;
	size_t		 off;

	ps->reference(ctx, name);
	if (ctxt != ps->ctxt || ctxt->input == NULL || ctxt->node == NULL ||
	    (r = ctxt->node->last) == NULL || r->type != XML_ENTITY_REF_NODE)
		return;
	off = ctxt->input->consumed +
	    (size_t)(ctxt->input->cur - ctxt->input->base);
	if (off > ps->len || off == 0)
		return;
	while (off > ps->at && ps->buf[off - 1] != '&')
		off--;
	if (off == 0 || off <= ps->at || ps->buf[off - 1] != '&')
		return;
	S_advance(ps, off - 1);
	(void)S_pos_put(ps->pos, r, ps->line, ps->col);
}

static void
S_xml_error(void *arg, xmlErrorPtr err)
{
	struct tk_report *rep = arg;
	char		 msg[512];

	if (err == NULL || err->level == XML_ERR_NONE ||
	    err->code == XML_DTD_ID_REDEFINED)	/* rules.c says it better */
		return;
	/* After the first fatal error, libxml2's others are its echoes. */
	if (err->level == XML_ERR_FATAL && rep->errors > 0)
		return;
	/* libxml2 builds an entity's content apart, where the namespaces
	 * in scope at its reference are out of its tree builder's reach,
	 * and warns; the content is built again in its place (S_expand) */
	if (err->code == XML_NS_ERR_UNDEFINED_NAMESPACE &&
	    err->level == XML_ERR_WARNING && err->ctxt != NULL &&
	    err->ctxt != parsing_main)
		return;
	if (err->code == XML_ERR_ENTITY_LOOP)	/* or what looks like one */
		snprintf(msg, sizeof(msg), "entities that refer to themselves "
		    "or expand too much (an entity bomb?): refused");
	else if (tk_xml_message(err, msg, sizeof(msg)) == 0)
		snprintf(msg, sizeof(msg), "XML error");
	tk_diag(rep, err->line > 0 ? (unsigned)err->line : 0,
	    err->int2 > 0 ? (unsigned)err->int2 : 0,
	    err->domain == XML_FROM_XINCLUDE ? TK_E_XINCLUDE :
	    err->level == XML_ERR_WARNING ? TK_W_XML : TK_E_XML, "%s", msg);
}

/* XInclude's errors, placed at the xi:include element. */
struct xi_state {
	struct tk_report *rep;
	struct tk_posmap *pos;
	xmlDocPtr	 xml;
	const char	*dir;
};

static void
S_xinclude_error(void *arg, xmlErrorPtr err)
{
	struct xi_state	*xs = arg;
	teikit_doc	 tmp;
	unsigned	 line = 0, col = 0;
	char		 msg[512];

	if (err == NULL || err->level == XML_ERR_NONE)
		return;
	tk_xml_message(err, msg, sizeof(msg));
	tmp.xml = xs->xml;
	tmp.pos = *xs->pos;
	if (err->node != NULL)
		tk_doc_pos(&tmp, err->node, &line, &col);
	/* a file the loader refused, and why */
	if (loader_why[0] != '\0' && strstr(msg, loader_url) != NULL) {
		tk_diag(xs->rep, line, col, TK_E_XINCLUDE, "%s: %s", msg,
		    loader_why);
		loader_why[0] = '\0';
		return;
	}
	tk_diag(xs->rep, line, col, TK_E_XINCLUDE, "%s (XInclude reads only "
	    "files inside %s)", msg, xs->dir);
}

/*
 * Before libxml2 includes anything, each file the document would
 * include is read here once (as the loader reads: regular files inside
 * the directory), and what it would include in turn measured: the
 * bytes (each file as often as it is included), the inclusions, how
 * deep they go.  An inclusion of part of a file (xpointer) counts the
 * whole file; one from the document itself counts no bytes (libxml2
 * makes no inclusions in what it copies from the document).  Files that
 * cannot be read, or include themselves, are left to libxml2 to report.
 */
struct xi_file {
	char		*path;		/* its real path */
	size_t		 bytes;		/* itself and what it includes */
	size_t		 count;		/* the inclusions it makes, in all */
	int		 depth;		/* how deep they go */
	int		 busy;		/* being measured (a loop) */
};

struct xi_measure {
	const char	*dir;
	struct xi_file	*v;
	size_t		 n, cap;
	size_t		 read;		/* bytes read, each file once */
};

/* What one include of a file would take in. */
struct xi_sum {
	size_t		 bytes, count;
	int		 depth;
};

static size_t
S_sat(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static int
S_is_xinclude(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    (xmlStrEqual(n->ns->href, XINCLUDE_NS) ||
	    xmlStrEqual(n->ns->href, XINCLUDE_OLD_NS)) &&
	    xmlStrEqual(n->name, XINCLUDE_NODE);
}

static void S_xi_one(struct xi_measure *, xmlDocPtr, xmlNodePtr, int,
    struct xi_sum *);

/* The inclusions in the tree under n (fallbacks too), added up. */
static void
S_xi_walk(struct xi_measure *xm, xmlDocPtr doc, xmlNodePtr n, int depth,
    struct xi_sum *sum)
{
	struct xi_sum	 one;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (S_is_xinclude(n)) {
			S_xi_one(xm, doc, n, depth, &one);
			sum->bytes = S_sat(sum->bytes, one.bytes);
			sum->count = S_sat(sum->count, one.count);
			if (one.depth > sum->depth)
				sum->depth = one.depth;
		}
		S_xi_walk(xm, doc, n->children, depth, sum);
	}
}

/* The file measured before, by its real path, or -1. */
static ssize_t
S_xi_find(const struct xi_measure *xm, const char *rp)
{
	size_t	 i;

	for (i = 0; i < xm->n; i++)
		if (strcmp(xm->v[i].path, rp) == 0)
			return (ssize_t)i;
	return -1;
}

/* What the include element n (in doc, depth inclusions deep) takes in:
 * its file, and all that includes in turn. */
static void
S_xi_one(struct xi_measure *xm, xmlDocPtr doc, xmlNodePtr n, int depth,
    struct xi_sum *sum)
{
	xmlChar		*href, *parse, *base, *uri;
	xmlDocPtr	 sub;
	struct xi_sum	 below;
	struct xi_file	*f;
	char		 rp[PATH_MAX], *buf = NULL;
	size_t		 size, got = 0;
	ssize_t		 k, i;
	int		 fd, text;

	sum->bytes = 0;
	sum->count = 1;
	sum->depth = 1;
	href = xmlGetNoNsProp(n, BAD_CAST "href");
	parse = xmlGetNoNsProp(n, BAD_CAST "parse");
	text = parse != NULL && xmlStrEqual(parse, BAD_CAST "text");
	xmlFree(parse);
	if (href == NULL || *href == '\0') {	/* the document itself */
		xmlFree(href);
		return;
	}
	base = xmlNodeGetBase(doc, n);
	uri = xmlBuildURI(href, base);
	xmlFree(href);
	xmlFree(base);
	if (uri == NULL)
		return;
	fd = S_open_inside((const char *)uri, xm->dir, rp, &size);
	if (fd == -1)
		goto out;
	if (text) {
		sum->bytes = size;
		goto out;
	}
	if ((i = S_xi_find(xm, rp)) >= 0) {
		if (!xm->v[i].busy) {
			sum->bytes = xm->v[i].bytes;
			sum->count = S_sat(xm->v[i].count, 1);
			sum->depth = xm->v[i].depth + 1;
		}
		goto out;
	}
	/* read once, within the bound for all (a file read beyond it, or
	 * nested beyond it, is over the bound in any case) */
	if (depth >= XI_MAX_DEPTH) {
		sum->depth = XI_MAX_DEPTH + 1;
		goto out;
	}
	if (size > XI_MAX_BYTES - xm->read) {
		sum->bytes = SIZE_MAX;
		goto out;
	}
	if (xm->n == xm->cap) {
		size_t	 cap = xm->cap ? 2 * xm->cap : 16;

		if ((f = realloc(xm->v, cap * sizeof(*f))) == NULL)
			goto out;
		xm->v = f;
		xm->cap = cap;
	}
	if ((buf = malloc(size + 1)) == NULL ||
	    (xm->v[xm->n].path = strdup(rp)) == NULL)
		goto out;
	while (got < size && ((k = read(fd, buf + got, size - got)) > 0 ||
	    (k == -1 && errno == EINTR)))
		if (k > 0)
			got += (size_t)k;
	xm->read += got;
	i = (ssize_t)xm->n++;
	xm->v[i].busy = 1;
	memset(&below, 0, sizeof(below));
	sub = xmlReadMemory(buf, (int)got, (const char *)uri, NULL,
	    SAFE_PARSE_OPTIONS);
	if (sub != NULL)
		S_xi_walk(xm, sub, xmlDocGetRootElement(sub), depth + 1,
		    &below);
	xmlFreeDoc(sub);
	xm->v[i].busy = 0;
	xm->v[i].bytes = S_sat(got, below.bytes);
	xm->v[i].count = below.count;
	xm->v[i].depth = below.depth;
	sum->bytes = xm->v[i].bytes;
	sum->count = S_sat(below.count, 1);
	sum->depth = below.depth + 1;
out:
	free(buf);
	if (fd != -1)
		close(fd);
	xmlFree(uri);
}

static void
S_xi_quiet(void *arg, xmlErrorPtr err)
{
	(void)arg;
	(void)err;
}

/*
 * Are the document's inclusions within XInclude's bounds?  0, or -1
 * after saying which inclusion goes beyond which bound.
 */
static int
S_xi_bounds(struct xi_state *xs)
{
	struct xi_measure xm;
	struct xi_sum	 all, one;
	xmlNodePtr	 n, root = xmlDocGetRootElement(xs->xml);
	teikit_doc	 tmp;
	unsigned	 line, col;
	xmlChar		*href;
	size_t		 i;
	int		 ret = 0;

	memset(&xm, 0, sizeof(xm));
	memset(&all, 0, sizeof(all));
	xm.dir = xs->dir;
	/* libxml2 reports what is wrong in the files when it reads them */
	xmlSetStructuredErrorFunc(NULL, S_xi_quiet);
	for (n = root; n != NULL && ret == 0; ) {
		if (S_is_xinclude(n)) {
			S_xi_one(&xm, xs->xml, n, 0, &one);
			all.bytes = S_sat(all.bytes, one.bytes);
			all.count = S_sat(all.count, one.count);
			if (all.bytes > XI_MAX_BYTES ||
			    all.count > XI_MAX_COUNT ||
			    one.depth > XI_MAX_DEPTH) {
				tmp.xml = xs->xml;
				tmp.pos = *xs->pos;
				tk_doc_pos(&tmp, n, &line, &col);
				href = xmlGetNoNsProp(n, BAD_CAST "href");
				tk_diag(xs->rep, line, col, TK_E_XINCLUDE,
				    "the inclusion of %s goes beyond XInclude's "
				    "bounds: %s: refused", href ?
				    (const char *)href : "?",
				    one.depth > XI_MAX_DEPTH ?
				    "inclusions within inclusions more than "
				    XI_STR(XI_MAX_DEPTH) " deep" :
				    all.count > XI_MAX_COUNT ?
				    "more than " XI_STR(XI_MAX_COUNT)
				    " inclusions in all (each file counted as "
				    "often as it is included)" :
				    "more than 64 MB included in all (each file "
				    "counted as often as it is included)");
				xmlFree(href);
				ret = -1;
			}
		}
		/* the next element in document order */
		if (n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL)
			n = n->parent;
		n = n == NULL || n == root ? NULL : n->next;
	}
	xmlSetStructuredErrorFunc(xs, S_xinclude_error);
	for (i = 0; i < xm.n; i++)
		free(xm.v[i].path);
	free(xm.v);
	return ret;
}

/* Say where an external entity or DTD was left unread: teikit never
 * reads them, and the editor should know the text is not all there. */
static void
S_external(struct tk_report *rep, const teikit_doc *doc, xmlNodePtr n)
{
	unsigned	 line, col;
	xmlEntityPtr	 ent;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_ENTITY_REF_NODE) {
			ent = xmlGetDocEntity(doc->xml, n->name);
			if (ent == NULL || ent->etype ==
			    XML_INTERNAL_GENERAL_ENTITY ||
			    ent->etype == XML_INTERNAL_PREDEFINED_ENTITY)
				continue;
			/* at the '&', as the stream says it */
			if (!tk_doc_pos_own(doc, n, &line, &col))
				tk_doc_pos(doc, n->parent, &line, &col);
			tk_diag(rep, line, col, TK_W_EXTERNAL, "the external "
			    "entity &%s; (%s) is left unread: teikit reads no "
			    "external entities", n->name, ent->URI ?
			    (const char *)ent->URI : ent->SystemID ?
			    (const char *)ent->SystemID : "?");
		} else if (n->type == XML_ELEMENT_NODE)
			S_external(rep, doc, n->children);
	}
}

static void
S_external_dtd(struct tk_report *rep, const teikit_doc *doc)
{
	xmlDtdPtr	 dtd = doc->xml->intSubset;
	unsigned	 line, col;

	if (dtd == NULL || (dtd->SystemID == NULL && dtd->ExternalID == NULL))
		return;
	tk_doc_pos(doc, xmlDocGetRootElement(doc->xml), &line, &col);
	tk_diag(rep, line, col, TK_W_EXTERNAL, "the external DTD %s is left "
	    "unread: teikit reads no DTDs", dtd->SystemID ?
	    (const char *)dtd->SystemID : (const char *)dtd->ExternalID);
}

/* Entities nest at most this deep (libxml2 refuses loops before), and
 * expand to at most this many bytes of content in all (the bound on a
 * document's, and rngread.c's on a schema's). */
#define ENTITY_MAX_DEPTH	40
#define ENTITY_BUDGET		((size_t)XML_MAX_TEXT_LENGTH)

/* The bytes of content an internal entity expands to (its text and
 * markup, as S_expand counts them), nested ones included, saturating;
 * memoised in the entity's _private (size + 1). */
static size_t S_refs_size(xmlNodePtr, int, int);

static size_t
S_entity_size(xmlEntityPtr ent, int depth)
{
	size_t	 size, nested;

	if (ent == NULL || ent->etype != XML_INTERNAL_GENERAL_ENTITY)
		return 0;
	if (ent->_private != NULL)
		return (size_t)(uintptr_t)ent->_private - 1;
	if (depth > ENTITY_MAX_DEPTH)	/* libxml2 refuses loops before */
		return XML_MAX_TEXT_LENGTH;
	size = (size_t)xmlStrlen(ent->content);
	nested = S_refs_size(ent->children, depth + 1, 0);
	size = size > SIZE_MAX / 4 - nested ? SIZE_MAX / 4 : size + nested;
	ent->_private = (void *)(uintptr_t)(size + 1);
	return size;
}

/* What the nodes from `n` on hold, entities expanded: their text (when
 * `text`) and the entities' content. */
static size_t
S_refs_size(xmlNodePtr n, int depth, int text)
{
	size_t	 total = 0, add;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_ENTITY_REF_NODE)
			add = S_entity_size(xmlGetDocEntity(n->doc, n->name),
			    depth);
		else if (n->type == XML_TEXT_NODE && text)
			add = (size_t)xmlStrlen(n->content);
		else if (n->type == XML_ELEMENT_NODE)
			add = S_refs_size(n->children, depth, text) +
			    S_refs_size((xmlNodePtr)n->properties, depth, text);
		else if (n->type == XML_ATTRIBUTE_NODE)
			add = S_refs_size(n->children, depth, text);
		else
			add = 0;
		total = total > SIZE_MAX / 4 - add ? SIZE_MAX / 4 : total + add;
	}
	return total;
}

/* Internal entities that expand the document many times over (the
 * quadratic blow-up: one long entity used many times; libxml2 stops
 * nested bombs itself) would be expanded by every stylesheet and
 * validator that reads the text: refuse them here. */
static int
S_bomb(struct tk_report *rep, const teikit_doc *doc)
{
	xmlDtdPtr	 dtd = doc->xml->intSubset;
	size_t		 size;

	if (dtd == NULL || dtd->entities == NULL)
		return 0;
	size = S_refs_size(xmlDocGetRootElement(doc->xml), 0, 1);
	if (size <= XML_MAX_TEXT_LENGTH)
		return 0;
	tk_diag(rep, 0, 0, TK_E_XML, "the document's entities expand to more "
	    "than %d characters: refused (an entity bomb?)",
	    XML_MAX_TEXT_LENGTH);
	return 1;
}

/* ---- internal entities: their content where they are referred to ---- */

/*
 * On both paths an internal entity's content is what the document holds
 * where the entity is referred to: in the tree each reference is
 * replaced by a copy of the content (S_expand), and the stream hands on
 * the events of that same copy (S_stream_reference).  Every view, the
 * validator and the rules see the same text and elements, placed at the
 * reference's '&'.  The content is parsed again at each reference, in
 * its place, for its elements take the namespaces in scope there.  An
 * external entity is never read: its reference stays, and is reported.
 * Beyond libxml2's own limits: entities nest at most ENTITY_MAX_DEPTH
 * deep, and at most ENTITY_BUDGET bytes of entity content are expanded
 * in all (each reference counted with those its content holds; in the
 * tree S_bomb has counted them all before).
 */
struct expand {
	struct tk_report *rep;
	struct tk_posmap *pos;		/* the tree's places; NULL: stream */
	unsigned	 line, col;	/* the reference being expanded */
	size_t		 used;		/* entity content expanded so far */
	int		 failed;	/* said why: stop */
};

static void
S_expand_error(void *arg, xmlErrorPtr err)
{
	struct expand	*ex = arg;
	char		 msg[512];

	if (err == NULL || err->level == XML_ERR_NONE ||
	    err->level == XML_ERR_WARNING || ex->failed)
		return;
	if (tk_xml_message(err, msg, sizeof(msg)) == 0)
		snprintf(msg, sizeof(msg), "XML error");
	tk_diag(ex->rep, ex->line, ex->col, TK_E_XML, "in the entity referred "
	    "to here: %s", msg);
	ex->failed = 1;
}

static xmlNodePtr S_expand_list(struct expand *, xmlNodePtr, xmlNodePtr,
    int);

/*
 * The content of the internal entity `ent`, as if written inside the
 * element ctx: a new list of nodes, its own references expanded; NULL
 * when it is empty or after saying why not (ex->failed).
 */
static xmlNodePtr
S_entity_nodes(struct expand *ex, xmlEntityPtr ent, xmlNodePtr ctx,
    int depth)
{
	xmlStructuredErrorFunc oldfn = xmlStructuredError;
	void		*oldarg = xmlStructuredErrorContext;
	xmlNodePtr	 list = NULL;
	size_t		 len = (size_t)xmlStrlen(ent->content);
	xmlParserErrors	 r;

	if (ex->failed || len == 0)
		return NULL;
	if (depth >= ENTITY_MAX_DEPTH || len > ENTITY_BUDGET - ex->used) {
		if (depth >= ENTITY_MAX_DEPTH)
			tk_diag(ex->rep, ex->line, ex->col, TK_E_XML, "entities "
			    "nest more than %d deep: refused", ENTITY_MAX_DEPTH);
		else
			tk_diag(ex->rep, ex->line, ex->col, TK_E_XML, "entities "
			    "expand to more than %zu bytes in all (an entity "
			    "bomb?): refused", ENTITY_BUDGET);
		ex->failed = 1;
		return NULL;
	}
	ex->used += len;
	if (ent->etype == XML_INTERNAL_PREDEFINED_ENTITY ||
	    strpbrk((const char *)ent->content, "<&") == NULL)
		return xmlNewDocTextLen(ctx->doc, ent->content, (int)len);
	xmlSetStructuredErrorFunc(ex, S_expand_error);
	r = xmlParseInNodeContext(ctx, (const char *)ent->content, (int)len,
	    SAFE_PARSE_OPTIONS, &list);
	xmlSetStructuredErrorFunc(oldarg, oldfn);
	if (r != XML_ERR_OK && !ex->failed) {
		tk_diag(ex->rep, ex->line, ex->col, TK_E_XML, "the content of "
		    "the entity &%s; cannot stand here", ent->name);
		ex->failed = 1;
	}
	if (ex->failed) {
		xmlFreeNodeList(list);
		return NULL;
	}
	return S_expand_list(ex, ctx, list, depth + 1);
}

/* Attribute values with references in them: one text each. */
static void
S_expand_attrs(xmlNodePtr el)
{
	xmlAttrPtr	 a;
	xmlNodePtr	 c, t;
	xmlChar		*v;

	for (a = el->properties; a != NULL; a = a->next) {
		for (c = a->children; c != NULL; c = c->next)
			if (c->type == XML_ENTITY_REF_NODE)
				break;
		if (c == NULL)
			continue;
		v = xmlNodeListGetString(el->doc, a->children, 1);
		if ((t = xmlNewDocText(el->doc, v ? v : BAD_CAST "")) == NULL) {
			xmlFree(v);
			continue;
		}
		xmlFree(v);
		xmlFreeNodeList(a->children);
		a->children = a->last = t;
		t->parent = (xmlNodePtr)a;
	}
}

/* The reference's place given to the new nodes from n on, all the way
 * down (text: when it is more than white space, as the parser's). */
static void
S_expand_place(struct expand *ex, xmlNodePtr n)
{
	xmlAttrPtr	 a;
	const xmlChar	*p;

	for (; n != NULL; n = n->next) {
		n->line = ex->line < 65535 ? (unsigned short)ex->line : 65535;
		if (n->type == XML_TEXT_NODE) {
			for (p = n->content; p != NULL && *p != '\0' &&
			    strchr(" \t\r\n", *p) != NULL; p++)
				;
			if (p != NULL && *p != '\0')
				(void)S_pos_put(ex->pos, n, ex->line, ex->col);
			else
				S_pos_del(ex->pos, n);
		} else if (n->type == XML_ELEMENT_NODE) {
			(void)S_pos_put(ex->pos, n, ex->line, ex->col);
			for (a = n->properties; a != NULL; a = a->next)
				(void)S_pos_put(ex->pos, a, ex->line, ex->col);
			S_expand_place(ex, n->children);
		}
	}
}

/* Text b, just after text a, made part of a. */
static void
S_merge_text(struct expand *ex, xmlNodePtr a, xmlNodePtr b)
{
	unsigned	 line, col;

	if (ex->pos != NULL) {
		if (!S_pos_has(ex->pos, a) &&
		    S_pos_get(ex->pos, b, &line, &col))
			(void)S_pos_put(ex->pos, a, line, col);
		S_pos_del(ex->pos, b);
	}
	xmlNodeAddContent(a, b->content);
	xmlUnlinkNode(b);
	xmlFreeNode(b);
}

/*
 * The reference node ref replaced by the nodes from list on (its
 * siblings), text joined to the text on either side.  Returns the node
 * that follows what was put in ref's place; *first, what is first in
 * its place (or what follows, when the list is empty).
 */
static xmlNodePtr
S_splice(struct expand *ex, xmlNodePtr ref, xmlNodePtr list,
    xmlNodePtr *first)
{
	xmlNodePtr	 parent = ref->parent, prev = ref->prev;
	xmlNodePtr	 next = ref->next, last = NULL, k, cont;

	for (k = list; k != NULL; k = k->next) {
		k->parent = parent;
		last = k;
	}
	if (list != NULL) {
		list->prev = prev;
		last->next = next;
	}
	*first = list != NULL ? list : next;
	if (prev != NULL)
		prev->next = *first;
	else if (parent != NULL)
		parent->children = *first;
	if (next != NULL)
		next->prev = list != NULL ? last : prev;
	else if (parent != NULL)
		parent->last = list != NULL ? last : prev;
	if (ex->pos != NULL)
		S_pos_del(ex->pos, ref);
	ref->parent = ref->prev = ref->next = NULL;
	xmlFreeNode(ref);
	if (list == NULL)
		return next;
	if (last->type == XML_TEXT_NODE && next != NULL &&
	    next->type == XML_TEXT_NODE)
		S_merge_text(ex, last, next);
	cont = last->next;
	if (list->type == XML_TEXT_NODE && prev != NULL &&
	    prev->type == XML_TEXT_NODE) {
		*first = prev;
		S_merge_text(ex, prev, list);
	}
	return cont;
}

/*
 * The references to internal entities among the nodes from first on
 * (children of ctx, or a new list to go in it) and below them replaced
 * by the entities' content, depth entities deep: the list's first node
 * now.  In the tree (depth 0) each takes its reference's place.
 */
static xmlNodePtr
S_expand_list(struct expand *ex, xmlNodePtr ctx, xmlNodePtr first,
    int depth)
{
	xmlNodePtr	 n, next, list, head = first, put;
	xmlEntityPtr	 ent;

	for (n = first; n != NULL && !ex->failed; n = next) {
		next = n->next;
		if (n->type == XML_ELEMENT_NODE) {
			if (n->properties != NULL)
				S_expand_attrs(n);
			if (n->children != NULL)
				(void)S_expand_list(ex, n, n->children, depth);
			continue;
		}
		if (n->type != XML_ENTITY_REF_NODE ||
		    (ent = xmlGetDocEntity(n->doc, n->name)) == NULL ||
		    ent->etype != XML_INTERNAL_GENERAL_ENTITY)
			continue;
		if (depth == 0 && ex->pos != NULL &&
		    !S_pos_get(ex->pos, n, &ex->line, &ex->col)) {
			long	 l = xmlGetLineNo(n);

			ex->line = l > 0 ? (unsigned)l : 0;
			ex->col = 0;
		}
		list = S_entity_nodes(ex, ent, n->parent != NULL ? n->parent :
		    ctx, depth);
		if (depth == 0 && ex->pos != NULL)
			S_expand_place(ex, list);
		/* what was put in is expanded already */
		next = S_splice(ex, n, list, &put);
		if (n == head)
			head = put;
	}
	return head;
}

/* Every reference to an internal entity in the document replaced by
 * the entity's content: 0, or -1 after saying why not. */
static int
S_expand(struct tk_report *rep, teikit_doc *doc)
{
	struct expand	 ex;
	xmlDtdPtr	 dtd = doc->xml->intSubset;

	if (dtd == NULL || dtd->entities == NULL)
		return 0;
	memset(&ex, 0, sizeof(ex));
	ex.rep = rep;
	ex.pos = &doc->pos;
	(void)S_expand_list(&ex, NULL, xmlDocGetRootElement(doc->xml), 0);
	return ex.failed ? -1 : 0;
}

static teikit_doc *S_parse(const char *, size_t, const char *,
    const char *, int, teikit_diag_fn, void *);

teikit_doc *
teikit_doc_parse(const char *buf, size_t len, const char *name,
    teikit_diag_fn fn, void *arg)
{
	return S_parse(buf, len, name, NULL, 0, fn, arg);
}

teikit_doc *
teikit_doc_parse_xinclude(const char *buf, size_t len, const char *name,
    const char *basedir, teikit_diag_fn fn, void *arg)
{
	return S_parse(buf, len, name, basedir, 0, fn, arg);
}

teikit_doc *
teikit_doc_parse_flags(const char *buf, size_t len, const char *name,
    const char *basedir, int flags, teikit_diag_fn fn, void *arg)
{
	return S_parse(buf, len, name, basedir, flags, fn, arg);
}

int
teikit_doc_is_tei(const teikit_doc *doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc->xml);

	return root != NULL && root->ns != NULL &&
	    strcmp((const char *)root->ns->href, TEI_NS) == 0;
}

/* The first child of n that is the TEI element `name`. */
static xmlNodePtr
S_tei_child(const xmlNode *n, const char *name)
{
	xmlNodePtr	 c;

	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns != NULL &&
		    strcmp((const char *)c->ns->href, TEI_NS) == 0 &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

int
teikit_doc_is_teikit(const teikit_doc *doc)
{
	xmlNodePtr	 n, app;
	xmlChar		*ident;
	int		 yes = 0;

	if (!teikit_doc_is_tei(doc))
		return 0;
	n = S_tei_child(xmlDocGetRootElement(doc->xml), "teiHeader");
	n = S_tei_child(S_tei_child(n, "encodingDesc"), "appInfo");
	for (app = n != NULL ? n->children : NULL; app != NULL && !yes;
	    app = app->next) {
		if (app->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)app->name, "application") != 0)
			continue;
		ident = xmlGetProp(app, BAD_CAST "ident");
		yes = ident != NULL && strcmp((char *)ident, "teikit") == 0;
		xmlFree(ident);
	}
	return yes;
}

/*
 * Whether node holds a character other than white space in a text
 * node, teiHeaders left out; inside is set once the walk is under a
 * text, sourceDoc or standOff element.  Iterative: a document may nest
 * as deep as libxml2 lets it.
 */
static int
S_is_tei(const xmlNode *n)
{
	return n->ns != NULL && strcmp((const char *)n->ns->href, TEI_NS) == 0;
}

static int
S_has_text(xmlNodePtr top)
{
	xmlNodePtr	 n = top;
	const xmlChar	*c;
	int		 in = 0;	/* depth under text/sourceDoc/standOff */

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && S_is_tei(n) && in == 0 &&
		    strcmp((const char *)n->name, "teiHeader") == 0)
			goto next;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			for (c = n->content; in && c != NULL && *c; c++)
				if (*c != ' ' && *c != '\t' && *c != '\n' &&
				    *c != '\r')
					return 1;
			goto next;
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			if (in > 0 || (S_is_tei(n) &&
			    (strcmp((const char *)n->name, "text") == 0 ||
			    strcmp((const char *)n->name, "sourceDoc") == 0 ||
			    strcmp((const char *)n->name, "standOff") == 0)))
				in++;
			n = n->children;
			continue;
		}
next:
		while (n != top && n->next == NULL) {
			n = n->parent;
			if (in > 0)
				in--;
		}
		if (n == top)
			break;
		n = n->next;
	}
	return 0;
}

int
teikit_doc_has_text(const teikit_doc *doc)
{
	return S_has_text(xmlDocGetRootElement(doc->xml));
}

/*
 * The encoding a document's XML declaration names, copied into name
 * (at most sz - 1 bytes): 1, or 0 when it names none.
 */
static int
S_decl_encoding(const char *s, size_t n, char *name, size_t sz)
{
	const char	*end, *p;
	size_t		 k;
	char		 q;

	if (n > 512)
		n = 512;
	if (n < 6 || strncmp(s, "<?xml", 5) != 0 ||
	    strchr(" \t\r\n", s[5]) == NULL)
		return 0;
	for (end = s + 5; end + 1 < s + n; end++)
		if (end[0] == '?' && end[1] == '>')
			break;
	for (p = s + 5; p + 8 <= end; p++)
		if (strncmp(p, "encoding", 8) == 0)
			break;
	if (p + 8 > end)
		return 0;
	for (p += 8; p < end && strchr(" \t\r\n=", *p) != NULL; p++)
		;
	if (p >= end || (*p != '"' && *p != '\''))
		return 0;
	q = *p++;
	for (k = 0; p + k < end && p[k] != q && k + 1 < sz; k++)
		name[k] = p[k];
	name[k] = '\0';
	return k > 0 && p + k < end && p[k] == q;
}

/*
 * A document in an encoding other than UTF-8 (UTF-16, or one its XML
 * declaration names), decoded whole into a malloc'd UTF-8 copy in *out,
 * its length in *outlen, and the encoding declared in decl ("" if
 * none): 1.  0 when the document is UTF-8 (or ASCII) already; -1 when
 * it cannot be decoded here (the parser then reads it as it is, and
 * says what is wrong).  The parser counts lines and columns in what it
 * decodes, start tags are placed by counting in the bytes given to it:
 * both must be the same bytes, or places come out wrong.
 */
static int
S_decode(const char *buf, size_t len, char **out, size_t *outlen,
    char *decl, size_t declsz)
{
	xmlCharEncodingHandlerPtr h = NULL;
	xmlCharEncoding	 enc;
	xmlBufferPtr	 in = NULL, u8 = NULL;
	unsigned	 before;
	int		 ret = -1;

	*decl = '\0';
	if (len < 4)
		return 0;
	enc = xmlDetectCharEncoding((const unsigned char *)buf, 4);
	if (enc == XML_CHAR_ENCODING_UTF16LE ||
	    enc == XML_CHAR_ENCODING_UTF16BE) {
		h = xmlGetCharEncodingHandler(enc);
		if ((unsigned char)buf[0] + (unsigned char)buf[1] ==
		    0xFF + 0xFE) {	/* a byte-order mark: not text */
			buf += 2;
			len -= 2;
		}
	} else if (enc == XML_CHAR_ENCODING_UTF8 &&
	    strncmp(buf, "<?xml", 5) == 0 &&
	    S_decl_encoding(buf, len, decl, declsz)) {
		if (strcasecmp(decl, "UTF-8") == 0 ||
		    strcasecmp(decl, "UTF8") == 0 ||
		    strcasecmp(decl, "US-ASCII") == 0 ||
		    strcasecmp(decl, "ASCII") == 0 ||
		    strncasecmp(decl, "UTF-16", 6) == 0)	/* mislabelled */
			return 0;
		h = xmlFindCharEncodingHandler(decl);
	} else
		return 0;
	if (h == NULL || len >= INT_MAX / 4 ||
	    (in = xmlBufferCreateSize(len + 1)) == NULL ||
	    xmlBufferAdd(in, (const xmlChar *)buf, (int)len) != 0 ||
	    (u8 = xmlBufferCreateSize(2 * len + 64)) == NULL)
		goto out;
	/* as far as it goes each time: a few encodings take more than
	 * twice the bytes in UTF-8 */
	while ((before = (unsigned)xmlBufferLength(in)) > 0)
		if (xmlCharEncInFunc(h, u8, in) < 0 ||
		    (unsigned)xmlBufferLength(in) == before)
			goto out;
	*outlen = (size_t)xmlBufferLength(u8);
	if ((*out = malloc(*outlen + 1)) == NULL)
		goto out;
	memcpy(*out, xmlBufferContent(u8), *outlen);
	(*out)[*outlen] = '\0';
	if (*decl == '\0')
		(void)S_decl_encoding(*out, *outlen, decl, declsz);
	ret = 1;
out:
	xmlBufferFree(in);
	xmlBufferFree(u8);
	if (h != NULL)
		xmlCharEncCloseFunc(h);
	return ret;
}

static teikit_doc *
S_parse(const char *buf, size_t len, const char *name, const char *xidir,
    int flags, teikit_diag_fn fn, void *arg)
{
	struct tk_report rep;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr	 xml = NULL;
	xmlNodePtr	 root;
	teikit_doc	*doc = NULL;
	struct parse_state ps;
	struct tk_posmap pos;
	char		*u8 = NULL, decl[64];
	size_t		 u8len = 0;
	int		 decoded;

	tk_xml_init();
	memset(&pos, 0, sizeof(pos));
	memset(&rep, 0, sizeof(rep));
	rep.fn = fn;
	rep.arg = arg;
	rep.file = name;
	if (len > (size_t)INT_MAX) {
		tk_diag(&rep, 0, 0, TK_S_READ, "file too large");
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		tk_diag(&rep, 0, 0, TK_S_NOMEM, "out of memory");
		return NULL;
	}
	if ((decoded = S_decode(buf, len, &u8, &u8len, decl,
	    sizeof(decl))) == 1) {
		buf = u8;
		len = u8len;
	}
	memset(&ps, 0, sizeof(ps));
	ps.buf = buf;
	ps.len = len;
	ps.line = ps.col = 1;
	ps.pos = &pos;
	ps.start = ctxt->sax->startElementNs;
	ctxt->sax->startElementNs = S_start_element;
	ps.chars = ctxt->sax->characters;
	ctxt->sax->characters = S_characters;
	ps.reference = ctxt->sax->reference;
	ctxt->sax->reference = S_reference;
	ps.ctxt = ctxt;
	parsing_main = ctxt;
	ctxt->_private = &ps;
	xmlSetStructuredErrorFunc(&rep, S_xml_error);
	/* decoded, it is UTF-8 whatever it says; it keeps its name */
	xml = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
	    SAFE_PARSE_OPTIONS | (decoded == 1 ? XML_PARSE_IGNORE_ENC : 0));
	xmlSetStructuredErrorFunc(NULL, NULL);
	parsing_main = NULL;
	if (decoded == 1) {
		if (xml != NULL && *decl != '\0' && xml->encoding == NULL)
			xml->encoding = xmlStrdup(BAD_CAST decl);
		free(u8);
		buf = NULL;
	}
	if (xml != NULL && !ctxt->wellFormed)
		rep.errors++;
	xmlFreeParserCtxt(ctxt);
	if (xml != NULL && rep.errors == 0 && xidir != NULL) {
		struct xi_state xs = { &rep, &pos, xml, xidir };

		loader_dir = xidir;
		loader_left = XI_MAX_BYTES;
		loader_why[0] = '\0';
		xmlSetStructuredErrorFunc(&xs, S_xinclude_error);
		if (S_xi_bounds(&xs) == 0 &&
		    xmlXIncludeProcessFlags(xml, SAFE_PARSE_OPTIONS) < 0 &&
		    rep.errors == 0)
			tk_diag(&rep, 0, 0, TK_E_XINCLUDE, "XInclude failed "
			    "(only files inside %s may be included)", xidir);
		xmlSetStructuredErrorFunc(NULL, NULL);
		loader_dir = NULL;
	}
	if (xml == NULL || rep.errors) {
		if (rep.errors == 0)
			tk_diag(&rep, 0, 0, TK_E_XML, "not well-formed XML");
		xmlFreeDoc(xml);
		free(pos.slots);
		return NULL;
	}
	root = xmlDocGetRootElement(xml);
	if (!(flags & TEIKIT_DOC_ANY_XML) && (root == NULL ||
	    root->ns == NULL ||
	    strcmp((const char *)root->ns->href, TEI_NS) != 0)) {
		teikit_doc	 tmp;
		unsigned	 line = 0, col = 0;

		tmp.xml = xml;
		tmp.pos = pos;
		if (root != NULL)
			tk_doc_pos(&tmp, root, &line, &col);
		tk_diag(&rep, line, col, TK_E_NOT_TEI, "the root element <%s> "
		    "is not in the TEI namespace (%s)", root ?
		    (const char *)root->name : "", TEI_NS);
		xmlFreeDoc(xml);
		free(pos.slots);
		return NULL;
	}
	if ((doc = tk_doc_wrap(xml)) == NULL) {
		tk_diag(&rep, 0, 0, TK_S_NOMEM, "out of memory");
		xmlFreeDoc(xml);
		free(pos.slots);
		return NULL;
	}
	doc->pos = pos;
	if (S_bomb(&rep, doc) || S_expand(&rep, doc) == -1) {
		teikit_doc_free(doc);
		return NULL;
	}
	S_external_dtd(&rep, doc);
	/* an entity reference needs a DTD to declare the entity */
	if (xml->intSubset != NULL || xml->extSubset != NULL)
		S_external(&rep, doc, xmlDocGetRootElement(xml));
	return doc;
}

/* The serialised document, grown as libxml2 writes it. */
struct sink {
	char	*buf;
	size_t	 len, cap;
	int	 oom;
};

static int
S_sink_write(void *arg, const char *data, int n)
{
	struct sink	*s = arg;
	char		*p;
	size_t		 cap;

	if (n <= 0)
		return 0;
	if (s->len + (size_t)n + 1 > s->cap) {
		for (cap = s->cap ? s->cap : 65536;
		    cap < s->len + (size_t)n + 1; cap *= 2)
			;
		if ((p = realloc(s->buf, cap)) == NULL) {
			s->oom = 1;
			return -1;
		}
		s->buf = p;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, data, (size_t)n);
	s->len += (size_t)n;
	return n;
}

/*
 * Text as libxml2 escapes it (its xmlEscapeContent: <, >, & and CR),
 * but a run of bytes that need nothing is copied at once, not byte by
 * byte: the escaping was a quarter of the cost of writing a document.
 * Fills `out` (*outlen bytes) from `in` (*inlen bytes) as far as both
 * go; says how far in each.  libxml2 calls this once per few kB of
 * room in its buffer, each time with all the text still to write: the
 * scan for a run stops where the room does, or a long paragraph would
 * be scanned to its end once per call (quadratic: 10 MB took 3.9 s).
 */
static int
S_escape(unsigned char *out, int *outlen, const xmlChar *in, int *inlen)
{
	static const unsigned char special[256] = {
		['<'] = 1, ['>'] = 1, ['&'] = 1, ['\r'] = 1
	};
	static const char *const as[256] = {
		['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['\r'] = "&#13;"
	};
	unsigned char	*o = out, *oend = out + *outlen;
	const xmlChar	*i = in, *iend = in + *inlen, *run, *stop;
	size_t		 n;

	while (i < iend && o < oend) {
		stop = (size_t)(iend - i) < (size_t)(oend - o) ? iend :
		    i + (oend - o);
		for (run = i; run < stop && !special[*run]; run++)
			;
		n = (size_t)(run - i);
		memcpy(o, i, n);
		o += n;
		i += n;
		if (i == iend || !special[*i])	/* all done, or no room */
			break;
		n = strlen(as[*i]);
		if ((size_t)(oend - o) < n)
			break;
		memcpy(o, as[*i], n);
		o += n;
		i++;
	}
	*outlen = (int)(o - out);
	*inlen = (int)(i - in);
	return 0;
}

/*
 * A document in UTF-8 (teikit's own, or read from UTF-8) is written
 * straight into the caller's buffer: asked for an encoding, libxml2
 * would pass its UTF-8 through a UTF-8 "converter" a character at a
 * time, then copy the result twice (a quarter of `teikit encode`).
 * Declared as the document's own encoding, UTF-8 is written as it is,
 * and escaped by S_escape.  Other documents go the long way.
 */
int
teikit_doc_serialize(const teikit_doc *doc, char **buf, size_t *len)
{
	xmlDocPtr	 xml = doc->xml;
	const xmlChar	*enc = xml->encoding;
	xmlSaveCtxtPtr	 save;
	struct sink	 s = { NULL, 0, 0, 0 };
	xmlChar		*out = NULL;
	int		 n = 0;

	if (enc == NULL || xmlStrEqual(enc, BAD_CAST "UTF-8")) {
		if (enc == NULL)	/* not teikit's own: said for now */
			xml->encoding = BAD_CAST "UTF-8";
		if ((save = xmlSaveToIO(S_sink_write, NULL, &s, NULL, 0))) {
			(void)xmlSaveSetEscape(save, S_escape);
			(void)xmlSaveDoc(save, xml);
			(void)xmlSaveClose(save);
		}
		if (enc == NULL)
			xml->encoding = NULL;
		if (save == NULL || s.oom || s.buf == NULL) {
			free(s.buf);
			return -1;
		}
		s.buf[s.len] = '\0';
		*buf = s.buf;
		*len = s.len;
		return 0;
	}
	xmlDocDumpMemoryEnc(xml, &out, &n, "UTF-8");
	if (out == NULL)
		return -1;
	if ((*buf = malloc((size_t)n + 2)) == NULL) {
		xmlFree(out);
		return -1;
	}
	memcpy(*buf, out, (size_t)n);
	/* libxml2 ends the document with a line end already. */
	*len = (size_t)n;
	(*buf)[n] = '\0';
	xmlFree(out);
	return 0;
}

void
teikit_doc_free(teikit_doc *doc)
{
	if (doc == NULL)
		return;
	xmlFreeDoc(doc->xml);
	free(doc->pos.slots);
	free(doc);
}

/* The text of the first node `xpath` selects, white space collapsed. */
static char *
S_first_text(const teikit_doc *doc, const char *xpath)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr obj = NULL;
	xmlChar		*text = NULL;
	char		*out, *o;
	const char	*p;
	int		 space = 0;

	if ((ctx = xmlXPathNewContext(doc->xml)) == NULL)
		return NULL;
	xmlXPathRegisterNs(ctx, BAD_CAST "tei", BAD_CAST TEI_NS);
	obj = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
	if (obj != NULL && obj->type == XPATH_STRING)
		text = xmlStrdup(obj->stringval);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	if ((out = malloc(text ? (size_t)xmlStrlen(text) + 1 : 1)) == NULL) {
		xmlFree(text);
		return NULL;
	}
	for (o = out, p = (const char *)text; p != NULL && *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = o != out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *p;
	}
	*o = '\0';
	xmlFree(text);
	return out;
}

char *
teikit_doc_title(const teikit_doc *doc)
{
	char	*t = S_first_text(doc, "string((//tei:teiHeader//tei:titleStmt"
	    "/tei:title)[1])");

	if (t != NULL && *t == '\0') {
		free(t);
		t = S_first_text(doc, "string((//tei:head)[1])");
	}
	return t;
}

char *
teikit_doc_number(const teikit_doc *doc)
{
	return S_first_text(doc, "string((//tei:div[@type = 'document'])[1]"
	    "/@n)");
}

/* ---- streaming: events without a tree ---- */

struct stream_state {
	const struct tk_sax *cb;
	void		*arg;
	struct tk_report *rep;
	int		 depth;
	int		 refused;	/* the root is not TEI */
	int		 any_xml;	/* ...and that is fine */
	xmlParserCtxtPtr main;		/* the document's parser */
	struct expand	 ex;		/* entities' content, at references */
	char		*val;		/* an attribute value, NUL-ended */
	size_t		 capval;
	unsigned	 root_line, root_col;
	/* the namespaces in scope, innermost first, and a stand-in
	 * element holding them: the context of QName values */
	xmlNsPtr	 nsdefs;
	int		*nscount;	/* declared per open element */
	size_t		 capnscount;
	xmlNode		 ctxnode;
	/* the last start tag's place, to count on from it */
	const xmlChar	*ppos;		/* the last place asked for */
	size_t		 pabs;		/* ...as an offset in the input */
	unsigned	 pline, pcol;
};

/* Where the start tag that just ended began: the nearest '<' before the
 * parser's position.  Counted on from the last start tag while the
 * parser's buffer stays the same; else its line counted back from the
 * parser's, its column from the line's start (0 when that start is no
 * longer in the buffer). */
static void
S_stream_pos_at(xmlParserCtxtPtr ctxt, struct stream_state *ss,
    const xmlChar *p, unsigned *line, unsigned *col);

static void
S_stream_pos(xmlParserCtxtPtr ctxt, struct stream_state *ss,
    unsigned *line, unsigned *col)
{
	const xmlChar	*base, *cur, *p;

	*line = *col = 0;
	if (ctxt->input == NULL || ctxt->input->cur == NULL)
		return;
	base = ctxt->input->base;
	cur = ctxt->input->cur;
	for (p = cur; p > base && *p != '<'; p--)
		;
	if (*p != '<')
		return;
	S_stream_pos_at(ctxt, ss, p, line, col);
}

/* The line:col of p, in the parser's input buffer at or before where
 * the parser stands, counted on from the last place asked for. */
static void
S_stream_pos_at(xmlParserCtxtPtr ctxt, struct stream_state *ss,
    const xmlChar *p, unsigned *line, unsigned *col)
{
	const xmlChar	*base = ctxt->input->base, *cur = ctxt->input->cur;
	const xmlChar	*q;
	int		 l;

	size_t		 abs, from;

	*line = *col = 0;
	if (p < base || p >= ctxt->input->end)
		return;
	/* the last place asked for, as an offset in the whole input, is
	 * still good when the buffer has moved on, if it is still in it */
	abs = ctxt->input->consumed + (size_t)(p - base);
	if (ss->ppos != NULL && abs >= ss->pabs &&
	    ss->pabs >= ctxt->input->consumed) {
		from = ss->pabs - ctxt->input->consumed;
		*line = ss->pline;
		*col = ss->pcol;
		for (q = base + from; q < p; q++)
			if (*q == '\n') {
				(*line)++;
				*col = 1;
			} else if ((*q & 0xC0) != 0x80)
				(*col)++;
	} else if (p > cur) {
		return;		/* ahead of the parser: not counted */
	} else {
		l = ctxt->input->line;
		for (q = p; q < cur; q++)
			if (*q == '\n')
				l--;
		*line = l > 0 ? (unsigned)l : 0;
		for (q = p; q > base && q[-1] != '\n'; q--)
			;
		if (q == base && ctxt->input->consumed > 0) {
			/* the line began before the buffer kept: back from
			 * the parser's own column, if p is on its line */
			int c = ctxt->input->col;

			for (q = p; q < cur && c > 0; q++) {
				if (*q == '\n')
					break;
				if ((*q & 0xC0) != 0x80)
					c--;
			}
			if (q < cur || c <= 0) {
				ss->ppos = NULL;
				return;
			}
			*col = (unsigned)c;
		} else
			for (*col = 1; q < p; q++)
				if ((*q & 0xC0) != 0x80)
					(*col)++;
	}
	ss->pabs = abs;
	ss->ppos = p;
	ss->pline = *line;
	ss->pcol = *col;
}

/* Room to count the namespaces one more open element declares: 0, or
 * -1 after refusing the document. */
static int
S_stream_room(xmlParserCtxtPtr ctxt, struct stream_state *ss)
{
	size_t	 nc;
	int	*v;

	if ((size_t)ss->depth < ss->capnscount) {
		ss->nscount[ss->depth] = 0;
		return 0;
	}
	nc = ss->capnscount ? 2 * ss->capnscount : 64;
	if ((v = realloc(ss->nscount, nc * sizeof(*v))) == NULL) {
		tk_diag(ss->rep, 0, 0, TK_S_NOMEM, "out of memory");
		ss->refused = 1;
		xmlStopParser(ctxt);
		return -1;
	}
	ss->nscount = v;
	ss->capnscount = nc;
	ss->nscount[ss->depth] = 0;
	return 0;
}

/* A namespace the element being opened declares (the strings are not
 * copied: they must last until it ends). */
static void
S_stream_declare(struct stream_state *ss, const xmlChar *prefix,
    const xmlChar *href)
{
	xmlNsPtr d = calloc(1, sizeof(*d));

	if (d == NULL)
		return;
	d->type = XML_NAMESPACE_DECL;
	d->prefix = prefix;
	d->href = href;
	d->next = ss->nsdefs;
	ss->nsdefs = d;
	ss->nscount[ss->depth]++;
}

static void
S_stream_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attr,
    int nb_def, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct stream_state *ss = ctxt->_private;
	struct tk_attrpos ap[64];
	unsigned	 line, col, aline, acol;
	int		 i;
	size_t		 n, na = 0;

	if (ss == NULL || ctxt != ss->main) {
		/* libxml2's own first parse of an entity: its content, as
		 * the tree builder keeps it (S_stream_reference) */
		xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_ns, ns,
		    nb_attr, nb_def, attrs);
		return;
	}

	(void)nb_def;
	if (ss->refused || S_stream_room(ctxt, ss) == -1)
		return;
	for (i = 0; i < nb_ns; i++)	/* the parser's dictionary's */
		S_stream_declare(ss, ns[2 * i], ns[2 * i + 1]);
	ss->ctxnode.nsDef = ss->nsdefs;
	/* its document holds the xml: namespace, which libxml2 would
	 * otherwise make on the stand-in itself */
	ss->ctxnode.doc = ctxt->myDoc;
	S_stream_pos(ctxt, ss, &line, &col);
	if (ss->depth == 0) {
		ss->root_line = line;
		ss->root_col = col;
	}
	if (ss->depth++ == 0 && !ss->any_xml && (uri == NULL ||
	    strcmp((const char *)uri, TEI_NS) != 0)) {
		tk_diag(ss->rep, line, col, TK_E_NOT_TEI, "the root element "
		    "<%s> is not in the TEI namespace (%s)", localname,
		    TEI_NS);
		ss->refused = 1;
		xmlStopParser(ctxt);
		return;
	}
	ss->cb->start(ss->arg, uri ? (const char *)uri : "",
	    (const char *)prefix, (const char *)localname, line, col);
	/* each attribute's own place, for messages about it */
	if (nb_attr > 0 && ss->ppos != NULL &&
	    ctxt->input != NULL && ss->ppos < ctxt->input->cur)
		na = tk_tag_attrs((const char *)ss->ppos,
		    (const char *)ctxt->input->cur, line, col, ap,
		    sizeof(ap) / sizeof(ap[0]));
	for (i = 0; i < nb_attr; i++) {
		const xmlChar **a = attrs + 5 * i;

		n = (size_t)(a[4] - a[3]);
		if (n + 1 > ss->capval) {
			char *v = realloc(ss->val, n + 1);

			if (v == NULL)
				continue;
			ss->val = v;
			ss->capval = n + 1;
		}
		memcpy(ss->val, a[3], n);
		ss->val[n] = '\0';
		/* Without entity substitution libxml2 hands on "&#38;" for
		 * "&amp;" and references as written: decode them, as its
		 * own tree builder does. */
		if (memchr(ss->val, '&', n) != NULL) {
			xmlChar *d = xmlStringLenDecodeEntities(ctxt, a[3],
			    (int)n, XML_SUBSTITUTE_REF, 0, 0, 0);

			if (d != NULL) {
				size_t dn = strlen((const char *)d);

				if (dn + 1 > ss->capval) {
					char *v = realloc(ss->val, dn + 1);

					if (v == NULL) {
						xmlFree(d);
						continue;
					}
					ss->val = v;
					ss->capval = dn + 1;
				}
				memcpy(ss->val, d, dn + 1);
				xmlFree(d);
			}
		}
		aline = line;
		acol = col;
		if ((size_t)i < na && tk_attrpos_is(&ap[i], (const char *)a[1],
		    (const char *)a[0])) {
			aline = ap[i].line;
			acol = ap[i].col;
		}
		ss->cb->attr(ss->arg, a[2] ? (const char *)a[2] : "",
		    (const char *)a[1], (const char *)a[0], ss->val,
		    &ss->ctxnode, aline, acol);
	}
	ss->cb->attrs_done(ss->arg);
}

/* Forget the namespaces the element that ends declared. */
static void
S_stream_pop_ns(struct stream_state *ss)
{
	xmlNsPtr d;
	int	 k;

	if (ss->nscount == NULL)
		return;
	for (k = ss->nscount[ss->depth]; k > 0 && ss->nsdefs; k--) {
		d = ss->nsdefs;
		ss->nsdefs = d->next;
		free(d);
	}
	ss->ctxnode.nsDef = ss->nsdefs;
}

static void
S_stream_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct stream_state *ss = ctxt->_private;

	if (ss == NULL || ctxt != ss->main) {
		xmlSAX2EndElementNs(ctx, localname, prefix, uri);
		return;	/* libxml2's own first parse of an entity */
	}

	(void)localname;
	(void)prefix;
	(void)uri;
	if (ss->refused)
		return;
	ss->depth--;
	ss->cb->end(ss->arg, &ss->ctxnode);
	S_stream_pop_ns(ss);
}

static void
S_stream_text(void *ctx, const xmlChar *s, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct stream_state *ss = ctxt->_private;
	unsigned	 line = 0, col = 0;
	int		 i;

	if (ss == NULL || ctxt != ss->main) {
		xmlSAX2Characters(ctx, s, len);
		return;	/* libxml2's own first parse of an entity */
	}

	if (ss->refused || ss->depth == 0 || len <= 0)
		return;
	/* where its first character that is not white space stands, when
	 * the parser hands on its own input (not a copy) */
	for (i = 0; i < len && strchr(" \t\r\n", s[i]) != NULL; i++)
		;
	if (i < len && ctxt->input != NULL &&
	    s >= ctxt->input->base && s + i < ctxt->input->end)
		S_stream_pos_at(ctxt, ss, s + i, &line, &col);
	ss->cb->text(ss->arg, (const char *)s, (size_t)len, line, col);
}

/* An external entity's reference, left unread, at line:col. */
static void
S_stream_unread(struct stream_state *ss, xmlEntityPtr ent,
    const xmlChar *name, unsigned line, unsigned col)
{
	tk_diag(ss->rep, line, col, TK_W_EXTERNAL, "the external entity &%s; "
	    "(%s) is left unread: teikit reads no external entities", name,
	    ent && ent->URI ? (const char *)ent->URI : ent && ent->SystemID ?
	    (const char *)ent->SystemID : "?");
}

/* The events of nodes (an entity's content), all at line:col. */
static void
S_stream_emit(xmlParserCtxtPtr ctxt, struct stream_state *ss, xmlNodePtr n,
    unsigned line, unsigned col)
{
	xmlAttrPtr	 a;
	xmlNsPtr	 d;
	xmlChar		*v;

	for (; n != NULL && !ss->refused; n = n->next)
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL && *n->content != '\0')
				ss->cb->text(ss->arg, (const char *)n->content,
				    strlen((const char *)n->content), line, col);
			break;
		case XML_ENTITY_REF_NODE:	/* an external one */
			S_stream_unread(ss, xmlGetDocEntity(n->doc, n->name),
			    n->name, line, col);
			break;
		case XML_ELEMENT_NODE:
			if (S_stream_room(ctxt, ss) == -1)
				return;
			for (d = n->nsDef; d != NULL; d = d->next)
				S_stream_declare(ss, d->prefix, d->href);
			ss->ctxnode.nsDef = ss->nsdefs;
			ss->depth++;
			ss->cb->start(ss->arg, n->ns && n->ns->href ?
			    (const char *)n->ns->href : "", n->ns ?
			    (const char *)n->ns->prefix : NULL,
			    (const char *)n->name, line, col);
			for (a = n->properties; a != NULL; a = a->next) {
				v = xmlNodeListGetString(n->doc, a->children,
				    1);
				ss->cb->attr(ss->arg, a->ns && a->ns->href ?
				    (const char *)a->ns->href : "", a->ns ?
				    (const char *)a->ns->prefix : NULL,
				    (const char *)a->name, v ? (const char *)v :
				    "", &ss->ctxnode, line, col);
				xmlFree(v);
			}
			ss->cb->attrs_done(ss->arg);
			S_stream_emit(ctxt, ss, n->children, line, col);
			ss->depth--;
			ss->cb->end(ss->arg, &ss->ctxnode);
			S_stream_pop_ns(ss);
			break;
		default:
			break;
		}
}

/*
 * A reference to an entity in the document: an internal one's content
 * handed on as events, as the tree holds it (S_entity_nodes), at the
 * reference's '&'.  libxml2 has handed on nothing of it: its own parse
 * of the content, the first time, went to the tree builder (above).
 */
static void
S_stream_reference(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct stream_state *ss = ctxt->_private;
	xmlEntityPtr	 ent;
	xmlNodePtr	 list;
	const xmlChar	*p;
	unsigned	 line = 0, col = 0;

	if (ss == NULL || ctxt != ss->main) {
		xmlSAX2Reference(ctx, name);
		return;	/* libxml2's own first parse of an entity */
	}
	if (ss->refused || ss->depth == 0)
		return;
	/* the parser stands just after the reference's ';' */
	if (ctxt->input != NULL && ctxt->input->cur != NULL &&
	    ctxt->input->cur > ctxt->input->base) {
		for (p = ctxt->input->cur - 1; p > ctxt->input->base &&
		    *p != '&'; p--)
			;
		if (*p == '&')
			S_stream_pos_at(ctxt, ss, p, &line, &col);
	}
	if (line == 0) {
		line = (unsigned)xmlSAX2GetLineNumber(ctx);
		col = 0;
	}
	ent = xmlGetDocEntity(ctxt->myDoc, name);
	if (ent == NULL || (ent->etype != XML_INTERNAL_GENERAL_ENTITY &&
	    ent->etype != XML_INTERNAL_PREDEFINED_ENTITY)) {
		S_stream_unread(ss, ent, name, line, col);
		return;
	}
	ss->ex.line = line;
	ss->ex.col = col;
	list = S_entity_nodes(&ss->ex, ent, &ss->ctxnode, 0);
	if (ss->ex.failed) {
		ss->refused = 1;
		xmlStopParser(ctxt);
		return;
	}
	S_stream_emit(ctxt, ss, list, line, col);
	xmlFreeNodeList(list);
}


int
tk_doc_stream(int fd, const char *name, struct tk_report *rep,
    const struct tk_sax *cb, void *arg, int flags)
{
	xmlSAXHandler	 sax;
	xmlParserCtxtPtr ctxt;
	struct stream_state ss;
	struct tk_report xrep = *rep;	/* XML errors, counted apart */
	xmlDtdPtr	 dtd;
	int		 wf;

	tk_xml_init();
	memset(&ss, 0, sizeof(ss));
	ss.cb = cb;
	ss.arg = arg;
	ss.rep = rep;
	ss.any_xml = (flags & TEIKIT_DOC_ANY_XML) != 0;
	ss.ctxnode.type = XML_ELEMENT_NODE;
	memset(&sax, 0, sizeof(sax));
	xmlSAXVersion(&sax, 2);
	sax.startElementNs = S_stream_start;
	sax.endElementNs = S_stream_end;
	sax.characters = S_stream_text;
	sax.cdataBlock = S_stream_text;
	sax.ignorableWhitespace = S_stream_text;
	sax.reference = S_stream_reference;
	sax.comment = NULL;
	sax.processingInstruction = NULL;
	ctxt = xmlCreateIOParserCtxt(&sax, NULL, S_fd_read, NULL,
	    (void *)(intptr_t)fd, XML_CHAR_ENCODING_NONE);
	if (ctxt == NULL) {
		tk_diag(rep, 0, 0, TK_S_NOMEM, "out of memory");
		return -1;
	}
	xmlCtxtUseOptions(ctxt, SAFE_PARSE_OPTIONS);
	if (ctxt->input != NULL && ctxt->input->filename == NULL)
		ctxt->input->filename = (char *)xmlStrdup(BAD_CAST name);
	ctxt->_private = &ss;
	ss.main = ctxt;
	ss.ex.rep = rep;
	xrep.errors = 0;
	parsing_main = ctxt;
	xmlSetStructuredErrorFunc(&xrep, S_xml_error);
	xmlParseDocument(ctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	parsing_main = NULL;
	rep->errors += xrep.errors;
	if (xrep.worst > rep->worst)
		rep->worst = xrep.worst;
	wf = ctxt->wellFormed;
	if (!wf && xrep.errors == 0 && !ss.refused)
		tk_diag(rep, 0, 0, TK_E_XML, "not well-formed XML");
	if (ctxt->myDoc != NULL) {
		dtd = ctxt->myDoc->intSubset;
		if (wf && dtd != NULL && (dtd->SystemID != NULL ||
		    dtd->ExternalID != NULL))
			tk_diag(rep, ss.root_line, ss.root_col, TK_W_EXTERNAL,
			    "the external DTD %s is left unread: teikit reads "
			    "no DTDs",
			    dtd->SystemID ? (const char *)dtd->SystemID :
			    (const char *)dtd->ExternalID);
		xmlFreeDoc(ctxt->myDoc);
		ctxt->myDoc = NULL;
	}
	while (ss.nsdefs != NULL) {
		xmlNsPtr d = ss.nsdefs;

		ss.nsdefs = d->next;
		free(d);
	}
	free(ss.nscount);
	xmlFreeParserCtxt(ctxt);
	free(ss.val);
	return wf && !ss.refused && ss.depth == 0 ? 0 : -1;
}
