/*
 * assoc.c -- which schemas a document declares, and where they are:
 * the <?xml-model?> processing instructions of its prolog (W3C,
 * "Associating Schemas with XML documents 1.0"), read up to the root's
 * start tag and no further, and XML catalogs (OASIS XML Catalogs 1.1,
 * through libxml2's own catalog code) that map the URLs they name to
 * local files, for teikit never reads the network.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/uri.h>

#include "internal.h"

#define RNG_NS		"http://relaxng.org/ns/structure/1.0"
#define SCH_NS		"http://purl.oclc.org/dsdl/schematron"
#define SCH_NS_OLD	"http://www.ascc.net/xml/schematron"
#define RNC_TYPE	"application/relax-ng-compact-syntax"

/* A prolog longer than this is not read further: no schema is found
 * past it (a hostile document?). */
#define PROLOG_MAX	((size_t)16 << 20)

struct model {
	char		*href;
	char		*lang;		/* schematypens, else type, or "" */
	teikit_model_kind kind;
	unsigned	 line;
};

struct teikit_prolog {
	struct model	*v;
	size_t		 n, cap;
	int		 root;		/* the root's start tag was seen */
	int		 tei;		/* ...in the TEI namespace */
	struct tk_report rep;
	xmlParserCtxtPtr ctxt;
	int		 oom;
};

/* ---- the pseudo-attributes of one xml-model instruction ---- */

/* The character the reference at s ("&#...;") names, its length in
 * *len; 0 when it is none XML allows: digits only (no sign, space or
 * 0x), and an XML Char (no NUL, control or surrogate). */
static unsigned long
S_charref(const char *s, size_t *len)
{
	const char	*d = s + 2;
	unsigned long	 c = 0;
	int		 hex, nd = 0;

	if (s[0] != '&' || s[1] != '#')
		return 0;
	hex = *d == 'x';
	for (d += hex; nd < 8; d++, nd++) {
		if (isdigit((unsigned char)*d))
			c = c * (hex ? 16 : 10) + (unsigned long)(*d - '0');
		else if (hex && isxdigit((unsigned char)*d))
			c = c * 16 + (unsigned long)((*d | 0x20) - 'a' + 10);
		else
			break;
	}
	if (nd == 0 || *d != ';' || !(c == 0x9 || c == 0xA || c == 0xD ||
	    (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
	    (c >= 0x10000 && c <= 0x10FFFF)))
		return 0;
	*len = (size_t)(d + 1 - s);
	return c;
}

/* The value of pseudo-attribute `name` in `data`, unescaped; NULL when
 * absent; *bad set when the data is not pseudo-attributes at all. */
static char *
S_pseudo(const char *data, const char *name, int *bad)
{
	const char	*p = data, *k, *v, *e;
	size_t		 kn;
	char		*out, *o;
	char		 q;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			return NULL;
		for (k = p; *p != '\0' && *p != '=' && *p != ' ' &&
		    *p != '\t' && *p != '\n' && *p != '\r'; p++)
			continue;
		kn = (size_t)(p - k);
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (kn == 0 || *p++ != '=') {
			*bad = 1;
			return NULL;
		}
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if ((q = *p) != '"' && q != '\'') {
			*bad = 1;
			return NULL;
		}
		v = ++p;
		if ((e = strchr(v, q)) == NULL) {
			*bad = 1;
			return NULL;
		}
		p = e + 1;
		if (strlen(name) != kn || strncmp(k, name, kn) != 0)
			continue;
		if ((out = malloc((size_t)(e - v) + 1)) == NULL)
			return NULL;
		/* the five predefined entities and character references */
		for (o = out; v < e; ) {
			unsigned long	 c;
			static const struct { const char *s; char c; } ent[] = {
				{ "&lt;", '<' }, { "&gt;", '>' },
				{ "&amp;", '&' }, { "&quot;", '"' },
				{ "&apos;", '\'' } };
			size_t	 i, l = 0;

			for (i = 0; *v == '&' && i < 5; i++)
				if (strncmp(v, ent[i].s, strlen(ent[i].s)) ==
				    0) {
					*o++ = ent[i].c;
					l = strlen(ent[i].s);
					break;
				}
			if (l == 0 && (c = S_charref(v, &l)) != 0)
				o += xmlCopyCharMultiByte(BAD_CAST o, (int)c);
			if (l == 0)
				*o++ = *v++;
			else
				v += l;
		}
		*o = '\0';
		return out;
	}
}

static int
S_ends(const char *s, const char *suffix)
{
	size_t	 n = strlen(s), k = strlen(suffix);
	const char *end = s + strcspn(s, "?#");

	n = (size_t)(end - s);
	return n >= k && strncmp(end - k, suffix, k) == 0;
}

static void
S_model(teikit_prolog *pr, const char *data)
{
	char		*href, *type, *ns;
	struct model	*m;
	int		 bad = 0;
	unsigned	 line = (unsigned)xmlSAX2GetLineNumber(pr->ctxt);

	href = S_pseudo(data, "href", &bad);
	type = bad ? NULL : S_pseudo(data, "type", &bad);
	ns = bad ? NULL : S_pseudo(data, "schematypens", &bad);
	if (bad || href == NULL) {
		tk_diag(&pr->rep, line, 0, TK_W_MODEL, "<?xml-model %s?> is "
		    "not read: %s", data, bad ? "its pseudo-attributes are "
		    "not name=\"value\" pairs" : "it has no href");
		goto out;
	}
	if (pr->n == pr->cap) {
		size_t	 cap = pr->cap ? 2 * pr->cap : 4;
		struct model *v = realloc(pr->v, cap * sizeof(*v));

		if (v == NULL) {
			pr->oom = 1;
			goto out;
		}
		pr->v = v;
		pr->cap = cap;
	}
	m = &pr->v[pr->n++];
	m->href = href;
	m->line = line;
	if (ns != NULL)
		m->kind = strcmp(ns, RNG_NS) == 0 ?
		    (type != NULL && strcmp(type, RNC_TYPE) == 0 ?
		    TEIKIT_MODEL_RNC : TEIKIT_MODEL_RNG) :
		    strcmp(ns, SCH_NS) == 0 || strcmp(ns, SCH_NS_OLD) == 0 ?
		    TEIKIT_MODEL_SCHEMATRON : TEIKIT_MODEL_OTHER;
	else if (type != NULL && strcmp(type, RNC_TYPE) == 0)
		m->kind = TEIKIT_MODEL_RNC;
	else if (S_ends(href, ".rng"))
		m->kind = TEIKIT_MODEL_RNG;
	else if (S_ends(href, ".rnc"))
		m->kind = TEIKIT_MODEL_RNC;
	else if (S_ends(href, ".sch"))
		m->kind = TEIKIT_MODEL_SCHEMATRON;
	else
		m->kind = TEIKIT_MODEL_OTHER;
	m->lang = strdup(ns != NULL ? ns : type != NULL ? type : "");
	if (m->lang == NULL)
		pr->oom = 1;
	href = NULL;
out:
	free(href);
	free(type);
	free(ns);
}

/* ---- the prolog, read by a push parser stopped at the root ---- */

static void
S_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xmlParserCtxtPtr ctxt = ctx;
	teikit_prolog	*pr = ctxt->_private;

	/* in the prolog only: not after the root, nor in the DTD's
	 * internal subset (markup declarations, not the prolog's) */
	if (!pr->root && ctxt->inSubset == 0 &&
	    strcmp((const char *)target, "xml-model") == 0)
		S_model(pr, data != NULL ? (const char *)data : "");
}

static void
S_root(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nss, int natt,
    int ndef, const xmlChar **atts)
{
	xmlParserCtxtPtr ctxt = ctx;
	teikit_prolog	*pr = ctxt->_private;

	(void)local; (void)prefix; (void)nns; (void)nss; (void)natt;
	(void)ndef; (void)atts;
	pr->root = 1;
	pr->tei = uri != NULL && strcmp((const char *)uri, TEI_NS) == 0;
	xmlStopParser(ctxt);
}

static void
S_quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void
S_quiet_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static teikit_prolog *
S_new(const char *name, teikit_diag_fn fn, void *arg)
{
	teikit_prolog	*pr;

	tk_xml_init();
	if ((pr = calloc(1, sizeof(*pr))) == NULL)
		return NULL;
	pr->rep.fn = fn;
	pr->rep.arg = arg;
	pr->rep.file = name;
	return pr;
}

/* Feed one chunk (len 0 with end set: the end); 1 when done. */
static int
S_feed(teikit_prolog *pr, const char *buf, size_t len, int end)
{
	xmlSAXHandler	 sax;

	if (pr->ctxt == NULL) {
		memset(&sax, 0, sizeof(sax));
		xmlSAXVersion(&sax, 2);
		sax.startElementNs = S_root;
		sax.processingInstruction = S_pi;
		sax.comment = NULL;
		sax.error = S_quiet;
		sax.warning = S_quiet;
		sax.serror = S_quiet_structured;
		sax.initialized = XML_SAX2_MAGIC;
		/* the first bytes tell the encoding */
		pr->ctxt = xmlCreatePushParserCtxt(&sax, NULL, buf,
		    (int)(len < 4 ? len : 4), pr->rep.file);
		if (pr->ctxt == NULL) {
			pr->oom = 1;
			return 1;
		}
		xmlCtxtUseOptions(pr->ctxt, XML_PARSE_NONET |
		    XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
		pr->ctxt->_private = pr;
		if (len < 4)
			len = 0;
		else {
			buf += 4;
			len -= 4;
		}
	}
	while (len > 0 || end) {
		int	 k = len > 65536 ? 65536 : (int)len;

		if (xmlParseChunk(pr->ctxt, buf, k, end && (size_t)k == len) !=
		    0 || pr->root || pr->ctxt->disableSAX)
			return 1;
		buf += k;
		len -= (size_t)k;
		if (len == 0)
			break;
	}
	return end;
}

static void
S_done(teikit_prolog *pr)
{
	if (pr->ctxt != NULL) {
		if (pr->ctxt->myDoc != NULL)
			xmlFreeDoc(pr->ctxt->myDoc);
		xmlFreeParserCtxt(pr->ctxt);
		pr->ctxt = NULL;
	}
}

teikit_prolog *
teikit_prolog_read(const char *buf, size_t len, const char *name,
    teikit_diag_fn fn, void *arg)
{
	teikit_prolog	*pr;

	if ((pr = S_new(name, fn, arg)) == NULL)
		return NULL;
	if (len > PROLOG_MAX)
		len = PROLOG_MAX;
	(void)S_feed(pr, buf, len, 1);
	S_done(pr);
	if (pr->oom) {
		teikit_prolog_free(pr);
		return NULL;
	}
	return pr;
}

teikit_prolog *
teikit_prolog_read_fd(int fd, const char *name, teikit_diag_fn fn,
    void *arg)
{
	teikit_prolog	*pr;
	char		 buf[16384];
	size_t		 total = 0;
	ssize_t		 n;

	if ((pr = S_new(name, fn, arg)) == NULL)
		return NULL;
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0 || (total += (size_t)n) > PROLOG_MAX) {
			(void)S_feed(pr, buf, 0, 1);
			break;
		}
		if (S_feed(pr, buf, (size_t)n, 0))
			break;
	}
	S_done(pr);
	if (pr->oom) {
		teikit_prolog_free(pr);
		return NULL;
	}
	return pr;
}

void
teikit_prolog_free(teikit_prolog *pr)
{
	size_t	 i;

	if (pr == NULL)
		return;
	for (i = 0; i < pr->n; i++) {
		free(pr->v[i].href);
		free(pr->v[i].lang);
	}
	free(pr->v);
	free(pr);
}

int
teikit_prolog_is_tei(const teikit_prolog *pr)
{
	return pr->tei;
}

int
teikit_prolog_has_root(const teikit_prolog *pr)
{
	return pr->root;
}

size_t
teikit_prolog_models(const teikit_prolog *pr)
{
	return pr->n;
}

const char *
teikit_prolog_model_href(const teikit_prolog *pr, size_t i)
{
	return pr->v[i].href;
}

const char *
teikit_prolog_model_lang(const teikit_prolog *pr, size_t i)
{
	return pr->v[i].lang;
}

teikit_model_kind
teikit_prolog_model_kind(const teikit_prolog *pr, size_t i)
{
	return pr->v[i].kind;
}

unsigned
teikit_prolog_model_line(const teikit_prolog *pr, size_t i)
{
	return pr->v[i].line;
}

/* ---- catalogs ---- */

struct teikit_catalog {
	xmlCatalogPtr	*v;
	size_t		 n;
};

teikit_catalog *
teikit_catalog_new(void)
{
	tk_xml_init();
	return calloc(1, sizeof(teikit_catalog));
}

void
teikit_catalog_free(teikit_catalog *cat)
{
	size_t	 i;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->n; i++)
		xmlFreeCatalog(cat->v[i]);
	free(cat->v);
	free(cat);
}

/* The path a file: URL or a relative reference names, its query and
 * fragment cut and then its %-escapes undone (so that %23 is a '#' of
 * the name); NULL for another scheme or host (*other set), or when out
 * of memory. */
static char *
S_local(const char *url, int *other)
{
	const char	*p = url;
	char		*esc, *path;
	int		 len;

	*other = 0;
	if (strncmp(p, "file://localhost/", 17) == 0)
		p += 16;
	else if (strncmp(p, "file:///", 8) == 0)
		p += 7;
	else if (strncmp(p, "file://", 7) == 0 ||
	    (strncmp(p, "file:", 5) != 0 && teikit_uri_has_scheme(p))) {
		*other = 1;
		return NULL;
	} else if (strncmp(p, "file:", 5) == 0)
		p += 5;
	len = (int)strcspn(p, "?#");
	if ((esc = xmlURIUnescapeString(p, len, NULL)) == NULL)
		return NULL;
	path = strdup(esc);
	xmlFree(esc);
	return path;
}

int
teikit_catalog_add(teikit_catalog *cat, const char *path)
{
	xmlCatalogPtr	 c, *v;
	struct stat	 st;
	int		 fd;

	/* a regular file, and not one that blocks (a FIFO) */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	close(fd);
	if ((c = xmlLoadACatalog(path)) == NULL) {
		errno = EINVAL;
		return -1;
	}
	if ((v = realloc(cat->v, (cat->n + 1) * sizeof(*v))) == NULL) {
		xmlFreeCatalog(c);
		return -1;
	}
	cat->v = v;
	cat->v[cat->n++] = c;
	return 0;
}

char *
teikit_catalog_resolve(const teikit_catalog *cat, const char *uri)
{
	xmlChar	*r = NULL;
	char	*path;
	size_t	 i;
	int	 other;

	for (i = 0; cat != NULL && i < cat->n && r == NULL; i++) {
		r = xmlACatalogResolveURI(cat->v[i], BAD_CAST uri);
		if (r == NULL)
			r = xmlACatalogResolveSystem(cat->v[i], BAD_CAST uri);
	}
	if (r == NULL)
		return NULL;
	path = S_local((const char *)r, &other);
	xmlFree(r);
	return path;
}

/* ---- an href, relative to the document that names it ---- */

int
teikit_uri_has_scheme(const char *s)
{
	const char	*p = s;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	for (p++; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.';
	    p++)
		continue;
	/* "C:" would be a drive, but not here */
	return *p == ':' && p - s > 1;
}

char *
teikit_href_locate(const char *href, const char *docname,
    const teikit_catalog *cat, char **url)
{
	char		*path, *rel, *slash, *joined;
	size_t		 dn;
	int		 other;

	*url = NULL;
	/* a file: URL, or a relative reference: a path */
	if ((rel = S_local(href, &other)) == NULL) {
		if (!other)
			return NULL;
		/* a URL, of another scheme or host: a catalog's */
		if ((path = teikit_catalog_resolve(cat, href)) == NULL)
			*url = strdup(href);
		return path;
	}
	if (rel[0] == '/' || docname == NULL || strcmp(docname, "-") == 0 ||
	    (slash = strrchr(docname, '/')) == NULL)
		return rel;
	dn = (size_t)(slash - docname) + 1;
	if ((joined = malloc(dn + strlen(rel) + 1)) != NULL) {
		memcpy(joined, docname, dn);
		strcpy(joined + dn, rel);
	}
	free(rel);
	return joined;
}
