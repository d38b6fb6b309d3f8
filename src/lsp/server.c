/*
 * server.c -- the Language Server Protocol over a byte stream: messages
 * framed by a Content-Length header, JSON-RPC 2.0 read and written with
 * json-c, the documents the editor opened (full and incremental sync),
 * their diagnostics published once the input is drained (a burst of
 * changes validates once), their outline, #pointer definitions and
 * hovers.  No byte sequence from the client stops the server: a bad
 * frame is logged and skipped, bad JSON or a bad request answered with
 * a JSON-RPC error.  Input and output go through callbacks (cmd_lsp.c
 * for the command, fuzz/fuzz_lsp.c for the fuzzer).
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "lsp.h"

#define HEADER_MAX	8192		/* bytes of a message's header */
#define BODY_MAX	(256UL << 20)	/* bytes of a message's content */
#define JSON_DEPTH	64		/* nesting of a message's JSON */
#define DIAG_MAX	1000		/* diagnostics published per document */

/* JSON-RPC's and LSP's error codes */
#define E_PARSE		(-32700)
#define E_INVALID	(-32600)
#define E_METHOD	(-32601)
#define E_PARAMS	(-32602)
#define E_INTERNAL	(-32603)
#define E_NOT_INIT	(-32002)

struct doc {
	char		*uri;
	char		*name;		/* what diagnostics and schemas see */
	int64_t		 version;
	struct lsp_text	 text;
	struct lsp_outline outline;	/* of the text, when outlined */
	int		 outlined;
	int		 dirty;		/* changed since last validated */
	struct doc	*next;
};

struct lsp {
	lsp_check_fn	 check;
	void		*check_arg;
	lsp_complete_fn	 complete;
	void		*complete_arg;
	lsp_write_fn	 write;
	lsp_log_fn	 log;
	void		*io_arg;
	char		*in;		/* bytes read, not yet handled */
	size_t		 inlen, incap;
	int		 resync;	/* a bad header: skip to a blank line */
	size_t		 skip;		/* bytes of an oversized body to skip */
	int		 initialized, shutdown;
	int		 snippets;	/* the client takes snippets */
	struct doc	*docs;
	/* the document being validated, and what was said */
	struct doc	*cur;
	json_object	*diags;
	size_t		 ndiags;
};

static void
S_log(struct lsp *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static char *
S_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A string made with printf's format, malloc'd; NULL out of memory. */
static char *
S_printf(const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static void
S_log(struct lsp *l, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (l->log != NULL)
		l->log(l->io_arg, msg);
}

struct lsp *
lsp_new(lsp_check_fn check, void *check_arg, lsp_write_fn write,
    lsp_log_fn log, void *io_arg)
{
	struct lsp	*l;

	if ((l = calloc(1, sizeof(*l))) == NULL)
		return NULL;
	l->check = check;
	l->check_arg = check_arg;
	l->write = write;
	l->log = log;
	l->io_arg = io_arg;
	return l;
}

void
lsp_set_complete(struct lsp *l, lsp_complete_fn fn, void *arg)
{
	l->complete = fn;
	l->complete_arg = arg;
}

static void
S_doc_free(struct doc *d)
{
	free(d->uri);
	free(d->name);
	lsp_text_free(&d->text);
	lsp_outline_free(&d->outline);
	free(d);
}

void
lsp_free(struct lsp *l)
{
	struct doc	*d, *next;

	if (l == NULL)
		return;
	for (d = l->docs; d != NULL; d = next) {
		next = d->next;
		S_doc_free(d);
	}
	free(l->in);
	free(l);
}

int
lsp_status(const struct lsp *l)
{
	return l->shutdown ? 0 : 1;
}

/* ---- output ---- */

/* The length of the well-formed UTF-8 sequence at p (RFC 3629: no
 * surrogates, no overlong forms), or 0. */
static size_t
S_utf8_len(const unsigned char *p, size_t left)
{
	unsigned char	 lo = 0x80, hi = 0xbf;
	size_t		 n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	n = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (n > left || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/*
 * The serialised message s of n bytes as UTF-8 a client can decode:
 * json-c writes the bytes of a string as they are, and a document's
 * text (a lone surrogate escaped in the client's JSON, say) can put
 * bytes in a label or a message that are not UTF-8; each such byte is
 * written as U+FFFD.  Only strings hold bytes above 0x7f, so the JSON
 * stays JSON.  NULL when s is clean (or out of memory), else malloc'd.
 */
static char *
S_utf8_clean(const char *s, size_t n, size_t *outlen)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, k, bad = 0;
	char			*out, *q;

	for (i = 0; i < n; i += k)
		if ((k = S_utf8_len(p + i, n - i)) == 0) {
			bad++;
			k = 1;
		}
	if (bad == 0 || (out = malloc(n + bad * 2)) == NULL)
		return NULL;
	for (i = 0, q = out; i < n; i += k) {
		if ((k = S_utf8_len(p + i, n - i)) == 0) {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
			k = 1;
		} else {
			memcpy(q, s + i, k);
			q += k;
		}
	}
	*outlen = (size_t)(q - out);
	return out;
}

static void
S_send(struct lsp *l, json_object *o)
{
	const char	*s;
	size_t		 n;
	char		 hdr[64], *msg, *clean;
	int		 h;

	if ((s = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE, &n)) == NULL) {
		S_log(l, "out of memory writing a message");
		return;
	}
	if ((clean = S_utf8_clean(s, n, &n)) != NULL)
		s = clean;
	h = snprintf(hdr, sizeof(hdr), "Content-Length: %zu\r\n\r\n", n);
	if ((msg = malloc((size_t)h + n)) == NULL) {
		S_log(l, "out of memory writing a message");
		free(clean);
		return;
	}
	memcpy(msg, hdr, (size_t)h);
	memcpy(msg + h, s, n);
	l->write(l->io_arg, msg, (size_t)h + n);
	free(msg);
	free(clean);
}

/* A response to the request `id` (borrowed): result (taken) or error. */
static void
S_respond(struct lsp *l, json_object *id, json_object *result)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "jsonrpc", json_object_new_string("2.0"));
	json_object_object_add(o, "id", json_object_get(id));
	json_object_object_add(o, "result", result);
	S_send(l, o);
	json_object_put(o);
}

static void
S_error(struct lsp *l, json_object *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
S_error(struct lsp *l, json_object *id, int code, const char *fmt, ...)
{
	json_object	*o = json_object_new_object(), *e;
	char		 msg[512];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e = json_object_new_object();
	json_object_object_add(e, "code", json_object_new_int(code));
	json_object_object_add(e, "message", json_object_new_string(msg));
	json_object_object_add(o, "jsonrpc", json_object_new_string("2.0"));
	json_object_object_add(o, "id", json_object_get(id));
	json_object_object_add(o, "error", e);
	S_send(l, o);
	json_object_put(o);
}

static void
S_notify(struct lsp *l, const char *method, json_object *params)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "jsonrpc", json_object_new_string("2.0"));
	json_object_object_add(o, "method", json_object_new_string(method));
	json_object_object_add(o, "params", params);
	S_send(l, o);
	json_object_put(o);
}

/* ---- reading what the client sent, whatever its shape ---- */

static json_object *
S_get(json_object *o, const char *key, json_type type)
{
	json_object	*v;

	if (o == NULL || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, type))
		return NULL;
	return v;
}

static const char *
S_str(json_object *o, const char *key)
{
	json_object	*v = S_get(o, key, json_type_string);

	return v != NULL ? json_object_get_string(v) : NULL;
}

/* A position; -1 when it is not one. */
static int
S_pos(json_object *o, struct lsp_pos *pos)
{
	json_object	*line = S_get(o, "line", json_type_int);
	json_object	*ch = S_get(o, "character", json_type_int);
	int64_t		 a, b;

	if (line == NULL || ch == NULL)
		return -1;
	a = json_object_get_int64(line);
	b = json_object_get_int64(ch);
	pos->line = a < 0 ? 0 : (unsigned long)a;
	pos->character = b < 0 ? 0 : (unsigned long)b;
	return 0;
}

static json_object *
S_jpos(struct lsp_pos p)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "line", json_object_new_int64(
	    (int64_t)p.line));
	json_object_object_add(o, "character", json_object_new_int64(
	    (int64_t)p.character));
	return o;
}

static json_object *
S_jrange(const struct lsp_text *t, size_t from, size_t to)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "start", S_jpos(lsp_text_pos(t, from)));
	json_object_object_add(o, "end", S_jpos(lsp_text_pos(t, to)));
	return o;
}

/* The local path a file: URI names, percent-decoded; else the URI. */
static char *
S_uri_name(const char *uri)
{
	const char	*p;
	char		*s, *q;
	int		 hi, lo;

	if (strncmp(uri, "file://", 7) != 0)
		return strdup(uri);
	p = uri + 7;
	if (*p != '/' && (p = strchr(p, '/')) == NULL)	/* a host */
		return strdup(uri);
	if ((s = malloc(strlen(p) + 1)) == NULL)
		return NULL;
	for (q = s; *p != '\0'; p++) {
		if (*p == '%' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2])) {
			hi = isdigit((unsigned char)p[1]) ? p[1] - '0' :
			    tolower((unsigned char)p[1]) - 'a' + 10;
			lo = isdigit((unsigned char)p[2]) ? p[2] - '0' :
			    tolower((unsigned char)p[2]) - 'a' + 10;
			if (hi * 16 + lo == 0)
				break;
			*q++ = (char)(hi * 16 + lo);
			p += 2;
		} else
			*q++ = *p;
	}
	*q = '\0';
	return s;
}

static struct doc *
S_doc(struct lsp *l, json_object *params)
{
	json_object	*td = S_get(params, "textDocument", json_type_object);
	const char	*uri = S_str(td, "uri");
	struct doc	*d;

	if (uri == NULL)
		return NULL;
	for (d = l->docs; d != NULL; d = d->next)
		if (strcmp(d->uri, uri) == 0)
			return d;
	return NULL;
}

/* ---- the methods ---- */

static void
S_initialize(struct lsp *l, json_object *id, json_object *params)
{
	json_object	*r, *caps, *sync, *info, *ci;

	if (l->initialized) {
		S_error(l, id, E_INVALID, "initialize was sent twice");
		return;
	}
	l->initialized = 1;
	ci = S_get(S_get(S_get(params, "capabilities", json_type_object),
	    "textDocument", json_type_object), "completion",
	    json_type_object);
	ci = S_get(ci, "completionItem", json_type_object);
	ci = S_get(ci, "snippetSupport", json_type_boolean);
	l->snippets = ci != NULL && json_object_get_boolean(ci);
	caps = json_object_new_object();
	sync = json_object_new_object();
	json_object_object_add(sync, "openClose",
	    json_object_new_boolean(1));
	json_object_object_add(sync, "change", json_object_new_int(2));
	json_object_object_add(caps, "positionEncoding",
	    json_object_new_string("utf-16"));
	json_object_object_add(caps, "textDocumentSync", sync);
	json_object_object_add(caps, "documentSymbolProvider",
	    json_object_new_boolean(1));
	json_object_object_add(caps, "definitionProvider",
	    json_object_new_boolean(1));
	json_object_object_add(caps, "hoverProvider",
	    json_object_new_boolean(1));
	if (l->complete != NULL) {
		json_object	*cp = json_object_new_object(),
				*tc = json_object_new_array();

		json_object_array_add(tc, json_object_new_string("<"));
		json_object_array_add(tc, json_object_new_string("/"));
		json_object_array_add(tc, json_object_new_string(" "));
		json_object_array_add(tc, json_object_new_string("\""));
		json_object_array_add(tc, json_object_new_string("'"));
		json_object_object_add(cp, "triggerCharacters", tc);
		json_object_object_add(caps, "completionProvider", cp);
	}
	info = json_object_new_object();
	json_object_object_add(info, "name", json_object_new_string("teikit"));
	json_object_object_add(info, "version",
	    json_object_new_string(teikit_version()));
	r = json_object_new_object();
	json_object_object_add(r, "capabilities", caps);
	json_object_object_add(r, "serverInfo", info);
	S_respond(l, id, r);
}

static void
S_did_open(struct lsp *l, json_object *params)
{
	json_object	*td = S_get(params, "textDocument", json_type_object);
	json_object	*text = S_get(td, "text", json_type_string);
	json_object	*ver = S_get(td, "version", json_type_int);
	const char	*uri = S_str(td, "uri");
	struct doc	*d;

	if (uri == NULL || text == NULL) {
		S_log(l, "didOpen without a textDocument's uri and text");
		return;
	}
	if ((d = S_doc(l, params)) == NULL) {
		if ((d = calloc(1, sizeof(*d))) == NULL ||
		    (d->uri = strdup(uri)) == NULL ||
		    (d->name = S_uri_name(uri)) == NULL) {
			if (d != NULL) {
				free(d->uri);
				free(d);
			}
			S_log(l, "out of memory opening %s", uri);
			return;
		}
		d->next = l->docs;
		l->docs = d;
	}
	if (lsp_text_set(&d->text, json_object_get_string(text),
	    (size_t)json_object_get_string_len(text)) == -1)
		S_log(l, "out of memory opening %s", uri);
	d->version = ver != NULL ? json_object_get_int64(ver) : 0;
	d->dirty = 1;
	d->outlined = 0;
}

static void
S_did_change(struct lsp *l, json_object *params)
{
	json_object	*td = S_get(params, "textDocument", json_type_object);
	json_object	*ver = S_get(td, "version", json_type_int);
	json_object	*changes = S_get(params, "contentChanges",
			    json_type_array);
	json_object	*c, *text, *range;
	struct lsp_pos	 a, b;
	struct doc	*d;
	size_t		 i, n, from, to;

	if ((d = S_doc(l, params)) == NULL) {
		S_log(l, "didChange for a document not open");
		return;
	}
	n = changes != NULL ? json_object_array_length(changes) : 0;
	for (i = 0; i < n; i++) {
		c = json_object_array_get_idx(changes, i);
		if ((text = S_get(c, "text", json_type_string)) == NULL) {
			S_log(l, "didChange: a change without text, left");
			continue;
		}
		range = S_get(c, "range", json_type_object);
		if (range == NULL) {
			if (lsp_text_set(&d->text, json_object_get_string(text),
			    (size_t)json_object_get_string_len(text)) == -1)
				S_log(l, "out of memory changing %s", d->uri);
			continue;
		}
		if (S_pos(S_get(range, "start", json_type_object), &a) == -1 ||
		    S_pos(S_get(range, "end", json_type_object), &b) == -1) {
			S_log(l, "didChange: a range that is not one, left");
			continue;
		}
		from = lsp_text_offset(&d->text, a);
		to = lsp_text_offset(&d->text, b);
		if (to < from) {
			size_t t = to;

			to = from;
			from = t;
		}
		if (lsp_text_splice(&d->text, from, to,
		    json_object_get_string(text),
		    (size_t)json_object_get_string_len(text)) == -1)
			S_log(l, "out of memory changing %s", d->uri);
	}
	if (ver != NULL)
		d->version = json_object_get_int64(ver);
	d->dirty = 1;
	d->outlined = 0;
}

static void
S_publish(struct lsp *l, struct doc *d, json_object *diags)
{
	json_object	*p = json_object_new_object();

	json_object_object_add(p, "uri", json_object_new_string(d->uri));
	json_object_object_add(p, "version", json_object_new_int64(
	    d->version));
	json_object_object_add(p, "diagnostics", diags);
	S_notify(l, "textDocument/publishDiagnostics", p);
}

static void
S_did_close(struct lsp *l, json_object *params)
{
	struct doc	*d, **pp;

	if ((d = S_doc(l, params)) == NULL) {
		S_log(l, "didClose for a document not open");
		return;
	}
	for (pp = &l->docs; *pp != d; pp = &(*pp)->next)
		continue;
	*pp = d->next;
	/* its diagnostics leave with it */
	S_publish(l, d, json_object_new_array());
	S_doc_free(d);
}

static int
S_namechar(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' ||
	    c >= 0x80;
}

/* One diagnostic of the document being validated. */
static void
S_diag(const teikit_diag *td, void *arg)
{
	struct lsp	*l = arg;
	struct doc	*d = l->cur;
	const char	*b = d->text.buf;
	json_object	*o;
	size_t		 from = 0, to = 0;
	int		 sev;
	char		*msg = NULL;

	if (l->ndiags >= DIAG_MAX)
		return;
	l->ndiags++;
	if (strcmp(td->file, d->name) == 0 && td->line > 0) {
		from = to = lsp_text_linecol(&d->text, td->line,
		    td->col > 0 ? td->col : 1);
		/* what is there: a tag's name, a name, or a character */
		if (to < d->text.len && b[to] == '<')
			to++;
		if (to < d->text.len && b[to] == '/')
			to++;
		while (to < d->text.len && S_namechar((unsigned char)b[to]))
			to++;
		if (to == from && to < d->text.len && b[to] != '\n') {
			to++;
			while (to < d->text.len &&
			    ((unsigned char)b[to] & 0xc0) == 0x80)
				to++;
		}
	} else if (strcmp(td->file, d->name) != 0)
		msg = S_printf("%s:%u:%u: %s", td->file, td->line, td->col,
		    td->message);
	switch (teikit_code_level(td->code)) {
	case TEIKIT_LEVEL_NOTE:
		sev = 3;
		break;
	case TEIKIT_LEVEL_WARNING:
		sev = 2;
		break;
	default:
		sev = 1;
		break;
	}
	o = json_object_new_object();
	json_object_object_add(o, "range", S_jrange(&d->text, from, to));
	json_object_object_add(o, "severity", json_object_new_int(sev));
	json_object_object_add(o, "code",
	    json_object_new_string(teikit_code_name(td->code)));
	json_object_object_add(o, "source", json_object_new_string("teikit"));
	json_object_object_add(o, "message", json_object_new_string(
	    msg != NULL ? msg : td->message));
	free(msg);
	json_object_array_add(l->diags, o);
}

void
lsp_idle(struct lsp *l)
{
	struct doc	*d;

	for (d = l->docs; d != NULL; d = d->next) {
		if (!d->dirty)
			continue;
		d->dirty = 0;
		l->cur = d;
		l->diags = json_object_new_array();
		l->ndiags = 0;
		if (l->check != NULL && d->text.buf != NULL)
			l->check(l->check_arg, d->name, d->text.buf,
			    d->text.len, S_diag, l);
		S_publish(l, d, l->diags);
		l->diags = NULL;
		l->cur = NULL;
	}
}

/* The document's elements, read once a version (symbols, definitions
 * and hovers ask again and again between two keystrokes); NULL out of
 * memory. */
static const struct lsp_outline *
S_outline(struct doc *d)
{
	if (d->outlined)
		return &d->outline;
	lsp_outline_free(&d->outline);
	if (lsp_outline_build(&d->outline, d->text.buf ? d->text.buf : "",
	    d->text.len) == -1)
		return NULL;
	d->outlined = 1;
	return &d->outline;
}

/* The outline: divisions (by their heads), sp turns and notes. */
static int
S_symbol_kind(const char *name)
{
	if (strncmp(name, "div", 3) == 0)
		return 3;		/* Namespace */
	if (strcmp(name, "sp") == 0)
		return 24;		/* Event */
	if (strcmp(name, "note") == 0)
		return 15;		/* String */
	return 0;
}

static void
S_symbols(struct lsp *l, json_object *id, json_object *params)
{
	struct doc		*d = S_doc(l, params);
	const struct lsp_outline *o;
	json_object		**sym, *root, *s, *kids;
	const struct lsp_elem	*e;
	size_t			 i;
	long			 p;
	char			 name[128];
	int			 kind;

	if (d == NULL) {
		S_error(l, id, E_PARAMS, "the document is not open");
		return;
	}
	if ((o = S_outline(d)) == NULL ||
	    (sym = calloc(o->n + 1, sizeof(*sym))) == NULL) {
		S_error(l, id, E_INTERNAL, "out of memory");
		return;
	}
	root = json_object_new_array();
	for (i = 0; i < o->n; i++) {
		e = &o->v[i];
		if ((kind = S_symbol_kind(e->name)) == 0)
			continue;
		if (e->label != NULL && e->label[0] != '\0')
			snprintf(name, sizeof(name), "%s", e->label);
		else
			snprintf(name, sizeof(name), "<%s>", e->name);
		s = json_object_new_object();
		json_object_object_add(s, "name", json_object_new_string(name));
		json_object_object_add(s, "detail", json_object_new_string(
		    e->id != NULL ? e->id : e->name));
		json_object_object_add(s, "kind", json_object_new_int(kind));
		json_object_object_add(s, "range", S_jrange(&d->text,
		    e->start, e->end));
		json_object_object_add(s, "selectionRange", S_jrange(&d->text,
		    e->start, e->tag_end));
		json_object_object_add(s, "children", json_object_new_array());
		sym[i] = s;
		for (p = e->parent; p >= 0 && sym[p] == NULL;
		    p = o->v[p].parent)
			continue;
		if (p >= 0 && json_object_object_get_ex(sym[p], "children",
		    &kids))
			json_object_array_add(kids, s);
		else
			json_object_array_add(root, s);
	}
	free(sym);
	S_respond(l, id, root);
}

/* The #pointer at the request's position: the outline in *op, the
 * element it points at in *target (-1: none), its attribute's name,
 * and the pointer's range; -1 when there is no pointer there. */
static long
S_pointer(struct lsp *l, struct doc *d, json_object *params,
    const struct lsp_outline **op, long *target, char *attr, size_t sz,
    size_t *from, size_t *to)
{
	const struct lsp_outline *o;
	struct lsp_pos	 pos;
	size_t		 off;
	long		 k;
	char		*ptr;

	if (S_pos(S_get(params, "position", json_type_object), &pos) == -1 ||
	    (o = *op = S_outline(d)) == NULL)
		return -1;
	off = lsp_text_offset(&d->text, pos);
	if ((k = lsp_outline_tag_at(o, off)) == -1 ||
	    (ptr = lsp_pointer_at(d->text.buf, o->v[k].start, o->v[k].tag_end,
	    off, attr, sz, from, to)) == NULL)
		return -1;
	*target = lsp_outline_find_id(o, ptr);
	free(ptr);
	return k;
}

static void
S_definition(struct lsp *l, json_object *id, json_object *params)
{
	struct doc		*d = S_doc(l, params);
	const struct lsp_outline *o;
	json_object		*loc;
	long			 t = -1;
	size_t			 from, to;
	char			 attr[64];

	if (d == NULL) {
		S_error(l, id, E_PARAMS, "the document is not open");
		return;
	}
	if (S_pointer(l, d, params, &o, &t, attr, sizeof(attr), &from,
	    &to) == -1 || t < 0) {
		S_respond(l, id, NULL);
		return;
	}
	loc = json_object_new_object();
	json_object_object_add(loc, "uri", json_object_new_string(d->uri));
	json_object_object_add(loc, "range", S_jrange(&d->text,
	    o->v[t].start, o->v[t].tag_end));
	S_respond(l, id, loc);
}

static void
S_hover(struct lsp *l, json_object *id, json_object *params)
{
	struct doc		*d = S_doc(l, params);
	const struct lsp_outline *o;
	json_object		*h, *c;
	const struct lsp_elem	*e;
	long			 t = -1;
	size_t			 from, to;
	char			 attr[64], *text, *md;

	if (d == NULL) {
		S_error(l, id, E_PARAMS, "the document is not open");
		return;
	}
	if (S_pointer(l, d, params, &o, &t, attr, sizeof(attr), &from,
	    &to) == -1) {
		S_respond(l, id, NULL);
		return;
	}
	if (t < 0) {
		md = S_printf("`%s=\"#%.*s\"` points at no `xml:id` in "
		    "this document", attr, (int)(to - from - 1),
		    d->text.buf + from + 1);
	} else {
		e = &o->v[t];
		text = lsp_outline_text(d->text.buf, e->tag_end, e->cend);
		md = S_printf("`%s` → `<%s xml:id=\"%s\">`, line %lu%s%s",
		    attr, e->name, e->id, lsp_text_pos(&d->text,
		    e->start).line + 1, text != NULL && text[0] != '\0' ?
		    ": " : "", text != NULL ? text : "");
		free(text);
	}
	if (md == NULL) {
		S_error(l, id, E_INTERNAL, "out of memory");
		return;
	}
	c = json_object_new_object();
	json_object_object_add(c, "kind", json_object_new_string("markdown"));
	json_object_object_add(c, "value", json_object_new_string(md));
	free(md);
	h = json_object_new_object();
	json_object_object_add(h, "contents", c);
	json_object_object_add(h, "range", S_jrange(&d->text, from, to));
	S_respond(l, id, h);
}

/* ---- completion ---- */

/* LSP's CompletionItemKind */
#define CK_FIELD	5
#define CK_CLASS	7
#define CK_VALUE	12
#define CK_KEYWORD	14

struct completing {
	struct doc	*d;
	json_object	*items;
	size_t		 from, to;	/* the text the item replaces */
	int		 lt;		/* "<" typed before it */
	int		 slash;		/* "</" typed before it */
	int		 only;		/* a trigger: this kind only, or -1 */
	int		 snippets;	/* attributes as name="$1" */
	unsigned	 n;
};

static void
S_item(void *arg, teikit_expect kind, const char *name, const char *doc)
{
	struct completing *c = arg;
	json_object	*it, *te;
	char		*text, *label, sort[16];
	int		 ck;
	const char	*detail = NULL;

	if (c->slash && kind != TEIKIT_EXPECT_END)
		return;
	/* a space or a quote typed in text is no call for markup */
	if (c->only != -1 && kind != (teikit_expect)c->only &&
	    !(c->only == TEIKIT_EXPECT_ATTRIBUTE &&
	    kind == TEIKIT_EXPECT_REQUIRED))
		return;
	switch (kind) {
	case TEIKIT_EXPECT_ELEMENT:
		ck = CK_CLASS;
		label = S_printf("%s", name);
		text = S_printf("%s%s", c->lt ? "" : "<", name);
		detail = "element";
		break;
	case TEIKIT_EXPECT_REQUIRED:
	case TEIKIT_EXPECT_ATTRIBUTE:
		ck = CK_FIELD;
		label = S_printf("%s", name);
		/* with its ="" and the cursor inside, if the client can */
		text = c->snippets ? S_printf("%s=\"$1\"", name) :
		    S_printf("%s", name);
		detail = kind == TEIKIT_EXPECT_REQUIRED ?
		    "required attribute" : "attribute";
		break;
	case TEIKIT_EXPECT_VALUE:
		ck = CK_VALUE;
		label = S_printf("%s", name);
		text = S_printf("%s", name);
		detail = "value";
		break;
	default:
		ck = CK_KEYWORD;
		label = S_printf("%s%s>", c->slash ? "" : c->lt ? "/" : "</",
		    name);
		text = S_printf("%s", label);
		detail = "closing tag";
		break;
	}
	if (label == NULL || text == NULL) {
		free(label);
		free(text);
		return;
	}
	it = json_object_new_object();
	json_object_object_add(it, "label", json_object_new_string(label));
	json_object_object_add(it, "kind", json_object_new_int(ck));
	json_object_object_add(it, "detail", json_object_new_string(detail));
	if (doc != NULL)
		json_object_object_add(it, "documentation",
		    json_object_new_string(doc));
	/* the schema's order: required attributes first, the closing tag
	 * last */
	snprintf(sort, sizeof(sort), "%05u", c->n++);
	json_object_object_add(it, "sortText", json_object_new_string(sort));
	if (kind == TEIKIT_EXPECT_END && !c->slash)
		json_object_object_add(it, "filterText",
		    json_object_new_string(name));
	if (c->snippets && (kind == TEIKIT_EXPECT_REQUIRED ||
	    kind == TEIKIT_EXPECT_ATTRIBUTE))
		json_object_object_add(it, "insertTextFormat",
		    json_object_new_int(2));
	te = json_object_new_object();
	json_object_object_add(te, "range", S_jrange(&c->d->text, c->from,
	    c->to));
	json_object_object_add(te, "newText", json_object_new_string(text));
	json_object_object_add(it, "textEdit", te);
	json_object_array_add(c->items, it);
	free(label);
	free(text);
}

static void
S_completion(struct lsp *l, json_object *id, json_object *params)
{
	struct doc	*d = S_doc(l, params);
	struct completing c;
	struct lsp_pos	 pos;
	json_object	*r;
	const char	*b, *trig;
	size_t		 off;

	if (d == NULL) {
		S_error(l, id, E_PARAMS, "the document is not open");
		return;
	}
	if (S_pos(S_get(params, "position", json_type_object), &pos) == -1) {
		S_error(l, id, E_PARAMS, "a completion needs a position");
		return;
	}
	memset(&c, 0, sizeof(c));
	c.d = d;
	c.only = -1;
	c.snippets = l->snippets;
	trig = S_str(S_get(params, "context", json_type_object),
	    "triggerCharacter");
	if (trig != NULL && strcmp(trig, " ") == 0)
		c.only = TEIKIT_EXPECT_ATTRIBUTE;
	else if (trig != NULL && (strcmp(trig, "\"") == 0 ||
	    strcmp(trig, "'") == 0))
		c.only = TEIKIT_EXPECT_VALUE;
	c.items = json_object_new_array();
	b = d->text.buf;
	off = lsp_text_offset(&d->text, pos);
	/* the name or value being typed, replaced by the item */
	c.from = off;
	while (c.from > 0 && S_namechar((unsigned char)b[c.from - 1]))
		c.from--;
	c.to = off;
	if (c.from > 0 && b[c.from - 1] == '<')
		c.lt = 1;
	else if (c.from > 1 && b[c.from - 1] == '/' && b[c.from - 2] == '<')
		c.slash = 1;
	/* a "/" typed but not after "<" (and/or, <lb/): nothing */
	if (l->complete != NULL && !(trig != NULL && strcmp(trig, "/") == 0 &&
	    !c.slash))
		(void)l->complete(l->complete_arg, d->name, b, d->text.len,
		    off, S_item, &c);
	r = json_object_new_object();
	json_object_object_add(r, "isIncomplete", json_object_new_boolean(0));
	json_object_object_add(r, "items", c.items);
	S_respond(l, id, r);
}

/* One message: 1 when the client said exit. */
static int
S_dispatch(struct lsp *l, json_object *msg)
{
	json_object	*id = NULL, *params = NULL;
	const char	*method;
	int		 request;

	if (!json_object_is_type(msg, json_type_object)) {
		S_error(l, NULL, E_INVALID, "a message is a JSON object");
		return 0;
	}
	request = json_object_object_get_ex(msg, "id", &id);
	if (request && !json_object_is_type(id, json_type_int) &&
	    !json_object_is_type(id, json_type_string)) {
		S_error(l, NULL, E_INVALID, "a request's id is a number or a "
		    "string");
		return 0;
	}
	if ((method = S_str(msg, "method")) == NULL) {
		if (request && !json_object_object_get_ex(msg, "result",
		    NULL) && !json_object_object_get_ex(msg, "error", NULL))
			S_error(l, id, E_INVALID, "a request without a "
			    "method");
		/* else a response: teikit asks the client nothing */
		return 0;
	}
	(void)json_object_object_get_ex(msg, "params", &params);
	if (strcmp(method, "exit") == 0)
		return 1;
	if (strcmp(method, "initialize") == 0) {
		if (request)
			S_initialize(l, id, params);
		return 0;
	}
	if (!l->initialized) {
		if (request)
			S_error(l, id, E_NOT_INIT, "the server is not "
			    "initialized");
		return 0;
	}
	if (l->shutdown) {
		if (request)
			S_error(l, id, E_INVALID, "the server is shut down");
		return 0;
	}
	if (!request) {
		if (strcmp(method, "textDocument/didOpen") == 0)
			S_did_open(l, params);
		else if (strcmp(method, "textDocument/didChange") == 0)
			S_did_change(l, params);
		else if (strcmp(method, "textDocument/didClose") == 0)
			S_did_close(l, params);
		/* initialized, $/cancelRequest, $/setTrace, didSave...:
		 * nothing to do */
		return 0;
	}
	if (strcmp(method, "shutdown") == 0) {
		l->shutdown = 1;
		S_respond(l, id, NULL);
	} else if (strcmp(method, "textDocument/documentSymbol") == 0)
		S_symbols(l, id, params);
	else if (strcmp(method, "textDocument/definition") == 0)
		S_definition(l, id, params);
	else if (strcmp(method, "textDocument/hover") == 0)
		S_hover(l, id, params);
	else if (strcmp(method, "textDocument/completion") == 0)
		S_completion(l, id, params);
	else
		S_error(l, id, E_METHOD, "unknown method %.100s", method);
	return 0;
}

/* ---- framing ---- */

static void
S_consume(struct lsp *l, size_t n)
{
	memmove(l->in, l->in + n, l->inlen - n);
	l->inlen -= n;
}

/* Where the header ends (after its blank line), or 0 when not yet. */
static size_t
S_header_end(const struct lsp *l)
{
	size_t	 i, max = l->inlen < HEADER_MAX ? l->inlen : HEADER_MAX;

	for (i = 0; i + 4 <= max; i++)
		if (memcmp(l->in + i, "\r\n\r\n", 4) == 0)
			return i + 4;
	return 0;
}

/* The content length the header [0, end) gives; -1 when it gives none
 * or a bad one (said why). */
static long long
S_content_length(struct lsp *l, size_t end)
{
	size_t		 i = 0, e, k;
	long long	 n = -1;
	const char	*p = l->in;

	while (i + 2 < end) {
		for (e = i; e + 1 < end && !(p[e] == '\r' && p[e + 1] == '\n');
		    e++)
			continue;
		if (e - i >= 15 && strncasecmp(p + i, "Content-Length:",
		    15) == 0) {
			k = i + 15;
			while (k < e && (p[k] == ' ' || p[k] == '\t'))
				k++;
			if (k == e)
				goto bad;
			for (n = 0; k < e && isdigit((unsigned char)p[k]); k++) {
				n = n * 10 + (p[k] - '0');
				if ((unsigned long long)n > BODY_MAX * 10ULL)
					break;
			}
			while (k < e && (p[k] == ' ' || p[k] == '\t'))
				k++;
			if (k != e)
				goto bad;
		} else if (memchr(p + i, ':', e - i) == NULL) {
			S_log(l, "protocol error: a header line without a "
			    "colon; message skipped");
			return -1;
		}
		i = e + 2;
	}
	if (n < 0)
		S_log(l, "protocol error: a header without Content-Length; "
		    "message skipped");
	return n;
bad:
	S_log(l, "protocol error: a Content-Length that is not a number; "
	    "message skipped");
	return -1;
}

static int
S_body(struct lsp *l, const char *s, size_t n)
{
	json_tokener		*tok;
	json_object		*msg;
	enum json_tokener_error	 err;
	size_t			 used;
	int			 r;

	if ((tok = json_tokener_new_ex(JSON_DEPTH)) == NULL) {
		S_log(l, "out of memory reading a message");
		return 0;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	msg = json_tokener_parse_ex(tok, s, (int)n);
	err = json_tokener_get_error(tok);
	used = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	while (msg != NULL && used < n && isspace((unsigned char)s[used]))
		used++;
	if (msg == NULL || err != json_tokener_success || used != n) {
		json_object_put(msg);
		S_log(l, "protocol error: the content is not JSON (%s)",
		    err == json_tokener_continue ? "it ends early" :
		    err != json_tokener_success ?
		    json_tokener_error_desc(err) : "more after it");
		S_error(l, NULL, E_PARSE, "the content is not JSON");
		return 0;
	}
	r = S_dispatch(l, msg);
	json_object_put(msg);
	return r;
}

int
lsp_pending(const struct lsp *l)
{
	size_t		 end, i;
	unsigned long	 n;

	/* a header, and the length it names there (a bad header is
	 * handled as soon as it is whole) */
	if (l->resync || l->skip > 0 || (end = S_header_end(l)) == 0)
		return 0;
	for (i = 0; i + 15 < end; i++)
		if ((i == 0 || l->in[i - 1] == '\n') &&
		    strncasecmp(l->in + i, "Content-Length:", 15) == 0) {
			n = strtoul(l->in + i + 15, NULL, 10);
			return l->inlen - end >= n;
		}
	return 1;
}

int
lsp_feed(struct lsp *l, const char *buf, size_t n)
{
	size_t		 end;
	long long	 len;
	char		*p;
	int		 r;

	/* an oversized body going by */
	if (l->skip > 0) {
		end = n < l->skip ? n : l->skip;
		l->skip -= end;
		buf += end;
		n -= end;
	}
	if (l->inlen + n + 1 > l->incap) {
		size_t cap = l->incap ? l->incap : 65536;

		while (cap < l->inlen + n + 1)
			cap *= 2;
		if ((p = realloc(l->in, cap)) == NULL) {
			S_log(l, "out of memory reading input; %zu bytes "
			    "dropped", n);
			return 0;
		}
		l->in = p;
		l->incap = cap;
	}
	memcpy(l->in + l->inlen, buf, n);
	l->inlen += n;
	for (;;) {
		if (l->skip > 0) {
			end = l->inlen < l->skip ? l->inlen : l->skip;
			l->skip -= end;
			S_consume(l, end);
		}
		if (l->inlen == 0)
			return 0;
		if ((end = S_header_end(l)) == 0) {
			if (l->inlen < HEADER_MAX)
				return 0;
			if (!l->resync)
				S_log(l, "protocol error: no header's end in "
				    "%d bytes; skipping to a blank line",
				    HEADER_MAX);
			l->resync = 1;
			S_consume(l, l->inlen - 3);
			return 0;
		}
		if (l->resync) {
			/* the blank line found: what follows is a header */
			l->resync = 0;
			S_consume(l, end);
			continue;
		}
		if ((len = S_content_length(l, end)) < 0) {
			S_consume(l, end);
			continue;
		}
		if ((unsigned long long)len > BODY_MAX) {
			S_log(l, "protocol error: a message of %lld bytes, "
			    "more than %lu; skipped", len, BODY_MAX);
			S_consume(l, end);
			l->skip = (size_t)len;
			continue;
		}
		if (l->inlen - end < (size_t)len)
			return 0;
		r = S_body(l, l->in + end, (size_t)len);
		S_consume(l, end + (size_t)len);
		if (r)
			return 1;
	}
}
