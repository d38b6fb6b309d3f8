/*
 * view.c -- the XSLT runner behind every view (text, html, latex, and
 * pdf through pdf.c): compile a stylesheet once, apply it to any number of
 * documents, with file writes, directory creation and network access
 * forbidden, and libxslt's messages routed to the diagnostic callback.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/security.h>
#include <libxslt/documents.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "internal.h"

#define MAX_PARAMS 32

/*
 * The bounds of one transformation, set on its context whatever the
 * process-wide xsltMaxDepth and xsltMaxVars say: nested template calls
 * (libxslt counts a call's parameters with them) and variables alive at
 * once.  teikit's views need a few calls a level of element nesting,
 * which libxml2 stops at 256, plus log2 of a string's length: a few
 * hundred (tests/view-limits.sh).  The bound leaves room for a
 * --stylesheet that recurses, and stays far inside a thread's stack:
 * about 300 bytes a level were measured, 1 MB for the 3000.
 */
#define VIEW_MAX_DEPTH	3000
#define VIEW_MAX_VARS	15000

struct teikit_view {
	xsltStylesheetPtr	 sheet;
	xsltSecurityPrefsPtr	 sec;
	struct tk_report	 rep;
	char			*path;
	const char		*params[2 * MAX_PARAMS + 1];
	size_t			 nparams;
};

/* libxslt reports through printf-style callbacks in pieces; gather a
 * line, then report it. */
struct gather {
	struct tk_report *rep;
	char		  buf[1024];
	size_t		  len;
	teikit_code	  code;
	int		  defer;	/* keep lines until the outcome is known */
	char		 *lines[32];
	size_t		  nlines;
	int		  deep;		/* libxslt's recursion bound was hit: */
	char		  where[256];	/* ...at this element, */
	char		  tmpl[128];	/* ...in this template */
	int		  vars;		/* ...counting variables */
};

/* libxslt's words when a bound of VIEW_MAX_* is hit; a backtrace of
 * templates and variables follows, "Templates:" then "#0 name T". */
#define DEEP_MSG	"potential infinite template recursion"
#define WHERE_MSG	"runtime error: "

/* A recursion bound hit: note where, in which template and which bound,
 * and keep none of libxslt's backtrace. */
static int
S_deep(struct gather *g, const char *line)
{
	const char	*t;
	char		*e;

	if (strstr(line, DEEP_MSG) != NULL) {
		g->deep = 1;
		/* The element it stopped at was reported just before. */
		if (g->nlines > 0 && g->lines[g->nlines - 1] != NULL &&
		    strncmp(g->lines[g->nlines - 1], WHERE_MSG,
		    strlen(WHERE_MSG)) == 0) {
			snprintf(g->where, sizeof(g->where), "%s",
			    g->lines[g->nlines - 1] + strlen(WHERE_MSG));
			free(g->lines[--g->nlines]);
		}
	}
	if (!g->deep)
		return 0;
	if (strstr(line, "maxTemplateVars") != NULL)
		g->vars = 1;
	if (g->tmpl[0] == '\0' && strncmp(line, "#0 ", 3) == 0) {
		t = line + 3;
		if (strncmp(t, "name ", 5) == 0)
			t += 5;
		snprintf(g->tmpl, sizeof(g->tmpl), "%s", t);
		e = g->tmpl + strlen(g->tmpl);
		while (e > g->tmpl && e[-1] == ' ')
			*--e = '\0';
	}
	return 1;
}

static void
S_line(struct gather *g, const char *line)
{
	if (!g->defer)
		tk_diag(g->rep, 0, 0, g->code, "%s", line);
	else if (S_deep(g, line))
		return;
	else if (g->nlines < sizeof(g->lines) / sizeof(g->lines[0]))
		g->lines[g->nlines++] = strdup(line);
}

/* Report the kept lines: errors when the transformation failed,
 * else a stylesheet's messages, as warnings.  A recursion bound hit is
 * one error, in place of libxslt's backtrace. */
static void
S_release(struct gather *g, int failed)
{
	size_t	 i;

	if (g->deep)
		tk_diag(g->rep, 0, 0, TK_E_XSLT, "the view stopped at its "
		    "bound of %d %s (%s%s%s%s): the document nests or repeats "
		    "beyond what the stylesheet can render",
		    g->vars ? VIEW_MAX_VARS : VIEW_MAX_DEPTH, g->vars ?
		    "variables alive at once" : "nested template calls",
		    g->where[0] ? g->where : "",
		    g->where[0] && g->tmpl[0] ? ", " : "",
		    g->tmpl[0] ? "template " : "", g->tmpl);
	for (i = 0; i < g->nlines; i++) {
		if (g->lines[i] != NULL)
			tk_diag(g->rep, 0, 0, failed ? TK_E_XSLT : TK_W_XSLT,
			    "%s", g->lines[i]);
		free(g->lines[i]);
	}
	g->nlines = 0;
}

static void
S_gather(void *arg, const char *fmt, ...)
{
	struct gather	*g = arg;
	va_list		 ap;
	int		 n;
	char		*nl;

	va_start(ap, fmt);
	n = vsnprintf(g->buf + g->len, sizeof(g->buf) - g->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		g->len += (size_t)n < sizeof(g->buf) - g->len ? (size_t)n :
		    sizeof(g->buf) - g->len - 1;
	while ((nl = memchr(g->buf, '\n', g->len)) != NULL) {
		*nl = '\0';
		if (nl > g->buf)
			S_line(g, g->buf);
		g->len -= (size_t)(nl + 1 - g->buf);
		memmove(g->buf, nl + 1, g->len);
	}
}

static void
S_flush(struct gather *g)
{
	if (g->len > 0) {
		g->buf[g->len] = '\0';
		S_line(g, g->buf);
		g->len = 0;
	}
}

static void
S_xml_error(void *arg, xmlErrorPtr err)
{
	struct gather	*g = arg;
	char		 msg[512];
	size_t		 n;

	n = tk_xml_message(err, msg, sizeof(msg));
	if (n > 0 && !g->defer)
		tk_diag(g->rep, err->line > 0 ? (unsigned)err->line : 0, 0,
		    g->code, "%s", msg);
	else if (n > 0)
		S_line(g, msg);
}

/* libxslt's generic error handler is one for the whole process: route
 * what it says to the gather of the thread compiling or rendering (none:
 * silence), so that no message reaches stderr raw, whatever the -j. */
static _Thread_local struct gather *current;

static void
S_generic(void *arg, const char *fmt, ...)
{
	char	 buf[1024];
	va_list	 ap;

	(void)arg;
	if (current == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	S_gather(current, "%s", buf);
}

static xsltDocLoaderFunc default_doc_loader;

/* Stylesheets (and their imports) are read without DTDs, external
 * entities or network; document() at run time is refused. */
static xmlDocPtr
S_doc_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	if (type == XSLT_LOAD_DOCUMENT)
		return NULL;
	options &= ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR);
	return default_doc_loader(uri, dict, options | XML_PARSE_NONET, ctxt,
	    type);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
S_init(void)
{
	exsltRegisterAll();
	default_doc_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(S_doc_loader);
	xsltSetGenericErrorFunc(NULL, S_generic);
}

static void
S_once(void)
{
	tk_xml_init();
	pthread_once(&once, S_init);
}

teikit_view *
teikit_view_new(const char *path, teikit_diag_fn fn, void *arg)
{
	teikit_view	*v;
	struct gather	 g;

	S_once();
	if ((v = calloc(1, sizeof(*v))) == NULL)
		return NULL;
	v->rep.fn = fn;
	v->rep.arg = arg;
	v->rep.file = v->path = strdup(path);
	memset(&g, 0, sizeof(g));
	g.rep = &v->rep;
	g.code = TK_S_DATA;
	v->sec = xsltNewSecurityPrefs();
	if (v->path == NULL || v->sec == NULL) {
		teikit_view_free(v);
		return NULL;
	}
	xsltSetSecurityPrefs(v->sec, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(v->sec, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(v->sec, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(v->sec, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(v->sec, XSLT_SECPREF_READ_FILE,
	    xsltSecurityForbid);
	current = &g;
	xmlSetStructuredErrorFunc(&g, S_xml_error);
	tk_loader_allow(1);
	v->sheet = xsltParseStylesheetFile(BAD_CAST path);
	tk_loader_allow(0);
	xmlSetStructuredErrorFunc(NULL, NULL);
	current = NULL;
	S_flush(&g);
	if (v->sheet == NULL || v->sheet->errors) {
		tk_diag(&v->rep, 0, 0, TK_S_DATA, "cannot compile the "
		    "stylesheet");
		teikit_view_free(v);
		return NULL;
	}
	return v;
}

void
teikit_view_free(teikit_view *v)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < 2 * v->nparams; i++)
		free((char *)v->params[i]);
	if (v->sheet != NULL)
		xsltFreeStylesheet(v->sheet);
	if (v->sec != NULL)
		xsltFreeSecurityPrefs(v->sec);
	free(v->path);
	free(v);
}

int
teikit_view_param(teikit_view *v, const char *name, const char *value)
{
	char	*n, *q;
	size_t	 len = strlen(value);

	if (v->nparams == MAX_PARAMS)
		return -1;
	/* An XPath string literal: quote with whichever quote is absent. */
	if (strchr(value, '\'') != NULL && strchr(value, '"') != NULL)
		return -1;
	if ((n = strdup(name)) == NULL || (q = malloc(len + 3)) == NULL) {
		free(n);
		return -1;
	}
	q[0] = q[len + 1] = strchr(value, '\'') ? '"' : '\'';
	memcpy(q + 1, value, len);
	q[len + 2] = '\0';
	v->params[2 * v->nparams] = n;
	v->params[2 * v->nparams + 1] = q;
	v->nparams++;
	v->params[2 * v->nparams] = NULL;
	return 0;
}

int
teikit_view_render(teikit_view *v, const teikit_doc *doc,
    const char *docname, char **buf, size_t *len)
{
	xsltTransformContextPtr ctxt;
	xmlDocPtr	 res;
	xmlChar		*out = NULL;
	int		 n = 0, failed;
	struct gather	 g;
	struct tk_report rep = v->rep;

	rep.file = docname;
	rep.errors = 0;
	memset(&g, 0, sizeof(g));
	g.rep = &rep;
	g.code = TK_E_XSLT;
	g.defer = 1;
	if ((ctxt = xsltNewTransformContext(v->sheet, doc->xml)) == NULL)
		return -1;
	xsltSetCtxtSecurityPrefs(v->sec, ctxt);
	ctxt->maxTemplateDepth = VIEW_MAX_DEPTH;
	ctxt->maxTemplateVars = VIEW_MAX_VARS;
	xsltSetTransformErrorFunc(ctxt, &g, S_gather);
	xmlSetStructuredErrorFunc(&g, S_xml_error);
	current = &g;
	res = xsltApplyStylesheetUser(v->sheet, doc->xml,
	    v->nparams ? v->params : NULL, NULL, NULL, ctxt);
	current = NULL;
	xmlSetStructuredErrorFunc(NULL, NULL);
	S_flush(&g);
	failed = res == NULL || ctxt->state != XSLT_STATE_OK;
	S_release(&g, failed);
	xsltFreeTransformContext(ctxt);
	if (!failed && xsltSaveResultToString(&out, &n, res, v->sheet) != 0)
		failed = 1;
	xmlFreeDoc(res);
	if (failed || rep.errors) {
		xmlFree(out);
		if (rep.errors == 0)
			tk_diag(&rep, 0, 0, TK_E_XSLT, "the stylesheet failed");
		return -1;
	}
	*len = (size_t)n;
	if ((*buf = malloc((size_t)n + 1)) == NULL) {
		xmlFree(out);
		return -1;
	}
	if (n > 0)
		memcpy(*buf, out, (size_t)n);
	(*buf)[n] = '\0';
	xmlFree(out);
	return 0;
}
