/*
 * rnc.c -- read a schema in RELAX NG's compact syntax (OASIS Committee
 * Specification, 21 November 2002) into the same tree of struct rnode
 * that rngread.c makes of the XML syntax, as the specification's
 * "Translation to XML syntax" says, so that rngcompile.c compiles both
 * alike.
 *
 * The translation resolves what the XML syntax would leave to
 * inheritance: every name, nsName, value, include and externalRef
 * carries its namespace in an ns attribute of its own, and every data
 * and value its datatypeLibrary; the declared prefixes are kept on the
 * root (a QName value is read with them).  Annotations and
 * documentation comments are checked (duplicate attributes, prefixes
 * the specification forbids) and dropped, as rngread.c drops foreign
 * elements; an xml:* annotation attribute is kept on the node it
 * annotates, as rngread.c keeps xml:base.
 *
 * The input is UTF-8 (a byte-order mark allowed).  \x{...} escapes are
 * decoded as the characters are read, before tokens are made of them:
 * an escaped newline is white space but ends no comment, and may stand
 * in a literal.  The first error ends the reading, with one message at
 * its line and column; nesting is bounded as libxml2 bounds the XML
 * syntax's.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/chvalid.h>
#include <libxml/parserInternals.h>

#include "rng.h"

#define RNG_NS		"http://relaxng.org/ns/structure/1.0"
#define XML_NS		"http://www.w3.org/XML/1998/namespace"
#define XMLNS_NS	"http://www.w3.org/2000/xmlns"
#define XSD_DT		"http://www.w3.org/2001/XMLSchema-datatypes"

/* A prefix bound to "inherit" (compared by address). */
static const char inherit_ns[] = "(inherit)";

enum tk {
	T_EOF, T_IDENT, T_QIDENT, T_CNAME, T_NSNAME, T_LIT, T_DOC,
	T_EQ, T_OREQ, T_ANDEQ, T_LBRACE, T_RBRACE, T_LPAREN, T_RPAREN,
	T_LBRACK, T_RBRACK, T_COMMA, T_OR, T_AND, T_QUEST, T_STAR, T_PLUS,
	T_MINUS, T_TILDE, T_FOLLOW
};

static const char *const punct[] = {
	"", "", "", "", "", "", "",
	"=", "|=", "&=", "{", "}", "(", ")", "[", "]", ",", "|", "&", "?",
	"*", "+", "-", "~", ">>"
};

enum kw {
	K_NONE = -1, K_ATTRIBUTE, K_DEFAULT, K_DATATYPES, K_DIV, K_ELEMENT,
	K_EMPTY, K_EXTERNAL, K_GRAMMAR, K_INCLUDE, K_INHERIT, K_LIST,
	K_MIXED, K_NAMESPACE, K_NOTALLOWED, K_PARENT, K_START, K_STRING,
	K_TEXT, K_TOKEN
};

static const char *const keywords[] = {
	"attribute", "default", "datatypes", "div", "element", "empty",
	"external", "grammar", "include", "inherit", "list", "mixed",
	"namespace", "notAllowed", "parent", "start", "string", "text",
	"token"
};

/* Where the next character is. */
struct lex {
	const unsigned char *p, *e;
	unsigned	 line, col;
};

struct tok {
	enum tk		 kind;
	int		 kw;		/* enum kw, for T_IDENT */
	unsigned	 line, col;
	char		*s;		/* name, prefix, literal */
	size_t		 n, cap;
	size_t		 colon;		/* T_CNAME: the ':' */
};

/* A declared prefix. */
struct pfx {
	const char	*prefix, *uri;	/* uri may be inherit_ns */
	unsigned	 line, col;
	size_t		 order;
};

/* An annotation attribute, for the check of duplicates. */
struct aname {
	const char	*ns, *local;
	unsigned	 line, col;
	size_t		 order;
};

/* What leading annotations hold that matters. */
struct annot {
	int		 elements;	/* annotation elements in [...] */
	const char	**xml;		/* xml:*: name, value... */
	size_t		 nxml;
};

struct rnc {
	struct rarena	**arena;
	struct rdoc	*doc;
	jmp_buf		 jb;
	struct lex	 lex;		/* after cur */
	struct tok	 cur, la;
	char		*lit;		/* a literal being joined */
	size_t		 nlit, caplit;
	struct pfx	*ns, *dt;
	size_t		 nns, capns, ndt, capdt;
	const char	*defns;		/* default namespace */
	const char	*inherited;	/* what "inherit" means here */
	struct aname	*an;		/* annotation attributes seen */
	size_t		 nan, capan;
	unsigned	 depth, maxdepth;
};

/* ---- errors ---- */

static void __attribute__((noreturn, format(printf, 4, 5)))
S_fail(struct rnc *r, unsigned line, unsigned col, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rng_raise(r->doc->url, line, col, "%s", msg);
	longjmp(r->jb, 1);
}

static void __attribute__((noreturn))
S_nomem(struct rnc *r)
{
	S_fail(r, r->cur.line, r->cur.col, "out of memory");
}

/* The token, for a message. */
static const char *
S_what(const struct tok *t, char *buf, size_t sz)
{
	switch (t->kind) {
	case T_EOF:
		return "the end of the file";
	case T_DOC:
		return "a documentation comment (\"##\")";
	case T_LIT:
		return "a literal";
	case T_IDENT:
		snprintf(buf, sz, "%s \"%.60s\"", t->kw != K_NONE ?
		    "the keyword" : "the name", t->s);
		return buf;
	case T_QIDENT:
		snprintf(buf, sz, "the name \"\\%.60s\"", t->s);
		return buf;
	case T_CNAME:
		snprintf(buf, sz, "the name \"%.60s\"", t->s);
		return buf;
	case T_NSNAME:
		snprintf(buf, sz, "\"%.60s:*\"", t->s);
		return buf;
	default:
		snprintf(buf, sz, "\"%s\"", punct[t->kind]);
		return buf;
	}
}

/* "expected X, found Y" at the current token. */
static void __attribute__((noreturn))
S_expected(struct rnc *r, const char *what)
{
	char	 buf[128];

	S_fail(r, r->cur.line, r->cur.col, "syntax error: expected %s, "
	    "found %s", what, S_what(&r->cur, buf, sizeof(buf)));
}

/* ---- characters ---- */

static int
S_xmlchar(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD ||
	    (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
	    (c >= 0x10000 && c <= 0x10FFFF);
}

static int
S_name_start(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c == '_';
	return xmlIsBaseCharQ(c) || xmlIsIdeographicQ(c);
}

static int
S_name_char(uint32_t c)
{
	if (c < 0x80)
		return S_name_start(c) || (c >= '0' && c <= '9') ||
		    c == '.' || c == '-';
	return S_name_start(c) || xmlIsCombiningQ(c) || xmlIsDigitQ(c) ||
	    xmlIsExtenderQ(c);
}

static int
S_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The next character, or -1 at the end: a newline (LF, CR or CR LF)
 * as '\n', an escape \x{...} decoded (*esc set).
 */
static int32_t
S_getc(struct rnc *r, struct lex *l, int *esc)
{
	const unsigned char *p = l->p, *q;
	uint32_t	 c;
	int		 len, i, d;

	*esc = 0;
	if (p >= l->e)
		return -1;
	c = *p;
	if (c == '\n' || c == '\r') {
		l->p = p + 1;
		if (c == '\r' && l->p < l->e && *l->p == '\n')
			l->p++;
		l->line++;
		l->col = 1;
		return '\n';
	}
	if (c == '\\') {
		for (q = p + 1; q < l->e && *q == 'x'; q++)
			;
		if (q == p + 1 || q >= l->e || *q != '{') {
			l->p++;
			l->col++;
			return '\\';
		}
		c = 0;
		for (q++, i = 0; q < l->e && (d = S_hex(*q)) >= 0; q++, i++)
			if (c <= 0x10FFFF)
				c = c * 16 + (uint32_t)d;
		if (i == 0 || q >= l->e || *q != '}')
			S_fail(r, l->line, l->col, "bad escape: \"\\x{\" "
			    "takes hexadecimal digits and a \"}\"");
		if (!S_xmlchar(c))
			S_fail(r, l->line, l->col, "bad escape: the "
			    "character U+%04lX is not allowed in XML",
			    (unsigned long)(c > 0x10FFFF ? 0x110000 : c));
		l->col += (unsigned)(q + 1 - p);
		l->p = q + 1;
		*esc = 1;
		return (int32_t)c;
	}
	if (c < 0x80) {
		if (c < 0x20 && c != '\t')
			S_fail(r, l->line, l->col, "the control character "
			    "U+%04X is not allowed in a schema", c);
		l->p++;
		l->col++;
		return (int32_t)c;
	}
	if ((c & 0xE0) == 0xC0) {
		len = 2;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
		c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4;
		c &= 0x07;
	} else
		len = 0;
	if (len == 0 || l->e - p < len)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000))
		goto bad;
	if (!S_xmlchar(c))
		S_fail(r, l->line, l->col, "the character U+%04lX is not "
		    "allowed in XML", (unsigned long)c);
	l->p += len;
	l->col++;
	return (int32_t)c;
bad:
	S_fail(r, l->line, l->col, "the schema is not UTF-8 (byte 0x%02X)",
	    *p);
}

static void
S_put(struct rnc *r, char **s, size_t *n, size_t *cap, uint32_t c)
{
	char	 u[4];
	size_t	 k;
	char	*t;

	if (c < 0x80) {
		u[0] = (char)c;
		k = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		k = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		k = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		k = 4;
	}
	if (*n + k + 1 > *cap) {
		size_t nc = *cap ? *cap * 2 : 64;

		while (nc < *n + k + 1)
			nc *= 2;
		if ((t = realloc(*s, nc)) == NULL)
			S_nomem(r);
		*s = t;
		*cap = nc;
	}
	memcpy(*s + *n, u, k);
	*n += k;
	(*s)[*n] = '\0';
}

/* ---- tokens ---- */

static void
S_tput(struct rnc *r, struct tok *t, uint32_t c)
{
	S_put(r, &t->s, &t->n, &t->cap, c);
}

/* An NCName whose first character c was read; l is after it. */
static void
S_ncname(struct rnc *r, struct lex *l, struct tok *t, int32_t c)
{
	struct lex	 save;
	int		 esc;

	S_tput(r, t, (uint32_t)c);
	for (;;) {
		save = *l;
		c = S_getc(r, l, &esc);
		if (c < 0 || !S_name_char((uint32_t)c)) {
			*l = save;
			return;
		}
		S_tput(r, t, (uint32_t)c);
	}
}

/* A literal whose opening quote q was read. */
static void
S_literal_tok(struct rnc *r, struct lex *l, struct tok *t, int32_t q)
{
	struct lex	 save = *l, s2;
	int32_t		 c;
	int		 esc, e2, triple = 0;

	c = S_getc(r, l, &esc);
	if (c == q && !esc) {
		s2 = *l;
		if (S_getc(r, l, &e2) == q && !e2)
			triple = 1;
		else {
			*l = s2;	/* "" */
			return;
		}
	} else
		*l = save;
	for (;;) {
		c = S_getc(r, l, &esc);
		if (c < 0)
			S_fail(r, t->line, t->col, "the literal has no "
			    "closing quote");
		if (c == q && !esc) {
			if (!triple)
				return;
			save = *l;
			if (S_getc(r, l, &e2) == q && !e2 &&
			    S_getc(r, l, &e2) == q && !e2)
				return;
			*l = save;
		} else if (c == '\n' && !esc && !triple)
			S_fail(r, t->line, t->col, "the literal has no "
			    "closing quote on its line (a newline in a "
			    "literal is written \"\\x{A}\" or in a "
			    "triple-quoted one)");
		S_tput(r, t, (uint32_t)c);
	}
}

/* The next token from l into t. */
static void
S_lex(struct rnc *r, struct lex *l, struct tok *t)
{
	struct lex	 save;
	int32_t		 c;
	int		 esc, i;

	t->n = 0;
	t->kw = K_NONE;
	if (t->s != NULL)
		t->s[0] = '\0';
	for (;;) {
		save = *l;
		t->line = l->line;
		t->col = l->col;
		c = S_getc(r, l, &esc);
		if (c < 0) {
			t->kind = T_EOF;
			return;
		}
		if (c == ' ' || c == '\t' || (c == '\n'))
			continue;
		if (c != '#')
			break;
		save = *l;
		if (S_getc(r, l, &esc) == '#') {
			/* documentation: to the end of the line */
			while ((c = S_getc(r, l, &esc)) >= 0 &&
			    !(c == '\n' && !esc))
				;
			t->kind = T_DOC;
			return;
		}
		*l = save;
		while ((c = S_getc(r, l, &esc)) >= 0 && !(c == '\n' && !esc))
			;
	}
	switch (c) {
	case '=': t->kind = T_EQ; return;
	case '{': t->kind = T_LBRACE; return;
	case '}': t->kind = T_RBRACE; return;
	case '(': t->kind = T_LPAREN; return;
	case ')': t->kind = T_RPAREN; return;
	case '[': t->kind = T_LBRACK; return;
	case ']': t->kind = T_RBRACK; return;
	case ',': t->kind = T_COMMA; return;
	case '?': t->kind = T_QUEST; return;
	case '*': t->kind = T_STAR; return;
	case '+': t->kind = T_PLUS; return;
	case '-': t->kind = T_MINUS; return;
	case '~': t->kind = T_TILDE; return;
	case '|':
	case '&':
		t->kind = c == '|' ? T_OR : T_AND;
		save = *l;
		if (S_getc(r, l, &esc) == '=')
			t->kind = c == '|' ? T_OREQ : T_ANDEQ;
		else
			*l = save;
		return;
	case '>':
		if (S_getc(r, l, &esc) != '>')
			S_fail(r, t->line, t->col, "syntax error: \">\" "
			    "alone (a following annotation is \">>\")");
		t->kind = T_FOLLOW;
		return;
	case '"':
	case '\'':
		t->kind = T_LIT;
		S_tput(r, t, 'x');	/* never NULL, and emptied: */
		t->n = 0;
		t->s[0] = '\0';
		S_literal_tok(r, l, t, c);
		return;
	case '\\':
		c = S_getc(r, l, &esc);
		if (c < 0 || !S_name_start((uint32_t)c))
			S_fail(r, t->line, t->col, "syntax error: \"\\\" "
			    "must be followed by a name");
		t->kind = T_QIDENT;
		S_ncname(r, l, t, c);
		return;
	default:
		break;
	}
	if (!S_name_start((uint32_t)c)) {
		if (c == '\r')
			S_fail(r, t->line, t->col, "syntax error: an escaped "
			    "carriage return outside a literal");
		if (c < 0x80)
			S_fail(r, t->line, t->col, "syntax error: unexpected "
			    "character \"%c\"", (char)c);
		S_fail(r, t->line, t->col, "syntax error: unexpected "
		    "character U+%04lX", (unsigned long)c);
	}
	t->kind = T_IDENT;
	S_ncname(r, l, t, c);
	save = *l;
	if (S_getc(r, l, &esc) == ':') {
		c = S_getc(r, l, &esc);
		if (c == '*') {
			t->kind = T_NSNAME;
			return;
		}
		if (c >= 0 && S_name_start((uint32_t)c)) {
			t->kind = T_CNAME;
			t->colon = t->n;
			S_tput(r, t, ':');
			S_ncname(r, l, t, c);
			return;
		}
		S_fail(r, t->line, t->col, "syntax error: \"%s:\" must be "
		    "followed by a name or \"*\"", t->s);
	}
	*l = save;
	for (i = 0; i < (int)(sizeof(keywords) / sizeof(keywords[0])); i++)
		if (strcmp(t->s, keywords[i]) == 0) {
			t->kw = i;
			break;
		}
}

static void
S_next(struct rnc *r)
{
	S_lex(r, &r->lex, &r->cur);
}

/* The kind of the token after the current one. */
static enum tk
S_peek(struct rnc *r)
{
	struct lex	 l = r->lex;

	S_lex(r, &l, &r->la);
	return r->la.kind;
}

static int
S_is_kw(const struct rnc *r, int kw)
{
	return r->cur.kind == T_IDENT && r->cur.kw == kw;
}

/* An identifier: a name not a keyword, or a \-quoted one. */
static int
S_is_ident(const struct tok *t)
{
	return (t->kind == T_IDENT && t->kw == K_NONE) || t->kind == T_QIDENT;
}

/* An identifier or a keyword. */
static int
S_is_name(const struct tok *t)
{
	return t->kind == T_IDENT || t->kind == T_QIDENT;
}

static void
S_expect(struct rnc *r, enum tk k)
{
	char	 buf[8];

	if (r->cur.kind != k) {
		snprintf(buf, sizeof(buf), "\"%s\"", punct[k]);
		S_expected(r, buf);
	}
	S_next(r);
}

static void
S_depth(struct rnc *r)
{
	if (++r->depth > r->maxdepth)
		S_fail(r, r->cur.line, r->cur.col, "the schema nests more "
		    "than %u deep: refused", r->maxdepth);
}

/* ---- the tree ---- */

static char *
S_strdup(struct rnc *r, const char *s)
{
	char	*p;

	if ((p = rng_arena_strdup(r->arena, s, strlen(s))) == NULL)
		S_nomem(r);
	return p;
}

static struct rnode *
S_node(struct rnc *r, const char *name, unsigned line)
{
	struct rnode	*n;

	if ((n = rng_arena_alloc(r->arena, sizeof(*n))) == NULL)
		S_nomem(r);
	n->name = name;
	n->rng = 1;
	n->line = line;
	n->doc = r->doc;
	return n;
}

/* Set n's attributes: name, value pairs, then NULL. */
static void
S_attrs(struct rnc *r, struct rnode *n, ...)
{
	const char	**v, *s;
	va_list		 ap;
	size_t		 k = 0, i;

	va_start(ap, n);
	while (va_arg(ap, const char *) != NULL)
		k++;
	va_end(ap);
	if ((v = rng_arena_alloc(r->arena, (k + 1) * sizeof(*v))) == NULL)
		S_nomem(r);
	va_start(ap, n);
	for (i = 0; (s = va_arg(ap, const char *)) != NULL; i++)
		v[i] = s;
	va_end(ap);
	v[k] = NULL;
	n->attrs = v;
}

/* Add the attribute name=value to n's. */
static void
S_attr_add(struct rnc *r, struct rnode *n, const char *name,
    const char *value)
{
	const char	**v;
	size_t		 k = 0;

	while (n->attrs != NULL && n->attrs[k] != NULL)
		k++;
	if ((v = rng_arena_alloc(r->arena, (k + 3) * sizeof(*v))) == NULL)
		S_nomem(r);
	if (k > 0)
		memcpy(v, n->attrs, k * sizeof(*v));
	v[k] = name;
	v[k + 1] = value;
	v[k + 2] = NULL;
	n->attrs = v;
}

/* Make the chain from first n's children, after those it has. */
static void
S_adopt(struct rnode *n, struct rnode *first)
{
	struct rnode	*c, *last = NULL;

	for (c = n->children; c != NULL; c = c->next)
		last = c;
	if (last == NULL)
		n->children = first;
	else
		last->next = first;
	for (c = first; c != NULL; c = c->next)
		c->parent = n;
}

/* Content where several patterns mean their group (element, define,
 * oneOrMore...): a group's own children. */
static struct rnode *
S_ungroup(struct rnode *p)
{
	if (strcmp(p->name, "group") == 0 && p->attrs == NULL)
		return p->children;
	return p;
}

static void
S_apply(struct rnc *r, struct rnode *n, const struct annot *a)
{
	size_t	 i;

	for (i = 0; i < a->nxml; i++)
		S_attr_add(r, n, a->xml[2 * i], a->xml[2 * i + 1]);
}

/* ---- literals and names ---- */

/* A literal, its segments joined by "~": in the arena. */
static char *
S_literal(struct rnc *r)
{
	if (r->cur.kind != T_LIT)
		S_expected(r, "a literal");
	r->nlit = 0;
	S_put(r, &r->lit, &r->nlit, &r->caplit, 'x');
	r->nlit = 0;
	for (;;) {
		if (r->nlit + r->cur.n + 1 > r->caplit) {
			size_t	 nc = r->caplit;
			char	*t;

			while (nc < r->nlit + r->cur.n + 1)
				nc *= 2;
			if ((t = realloc(r->lit, nc)) == NULL)
				S_nomem(r);
			r->lit = t;
			r->caplit = nc;
		}
		memcpy(r->lit + r->nlit, r->cur.s, r->cur.n);
		r->nlit += r->cur.n;
		r->lit[r->nlit] = '\0';
		S_next(r);
		if (r->cur.kind != T_TILDE)
			break;
		S_next(r);
		if (r->cur.kind != T_LIT)
			S_expected(r, "a literal after \"~\"");
	}
	return rng_arena_strdup(r->arena, r->lit, r->nlit);
}

static int
S_pfx_cmp(const void *a, const void *b)
{
	const struct pfx *x = a, *y = b;
	int	 c = strcmp(x->prefix, y->prefix);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void
S_declare(struct rnc *r, struct pfx **v, size_t *n, size_t *cap,
    const char *prefix, const char *uri, unsigned line, unsigned col)
{
	struct pfx	*t;

	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		if ((t = realloc(*v, *cap * sizeof(*t))) == NULL)
			S_nomem(r);
		*v = t;
	}
	(*v)[*n].prefix = prefix;
	(*v)[*n].uri = uri;
	(*v)[*n].line = line;
	(*v)[*n].col = col;
	(*v)[*n].order = *n;
	(*n)++;
}

/* Sort the declarations; a prefix declared twice, to two namespaces,
 * is an error (at its second declaration). */
static void
S_sort_decls(struct rnc *r, struct pfx *v, size_t n, const char *what)
{
	size_t		 i;
	const struct pfx *bad = NULL;

	if (n < 2)
		return;
	qsort(v, n, sizeof(*v), S_pfx_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(v[i - 1].prefix, v[i].prefix) == 0 &&
		    (v[i - 1].uri == inherit_ns || v[i].uri == inherit_ns ?
		    v[i - 1].uri != v[i].uri :
		    strcmp(v[i - 1].uri, v[i].uri) != 0) &&
		    (bad == NULL || v[i].order < bad->order))
			bad = &v[i];
	if (bad != NULL)
		S_fail(r, bad->line, bad->col, "the %s prefix \"%s\" is "
		    "declared twice, to different URIs", what, bad->prefix);
}

static const char *
S_lookup(const struct pfx *v, size_t n, const char *prefix)
{
	size_t	 lo = 0, hi = n, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(prefix, v[mid].prefix)) == 0)
			return v[mid].uri;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The namespace a prefix is bound to (inherit_ns for "inherit"). */
static const char *
S_prefix_ns(struct rnc *r, const char *prefix, unsigned line, unsigned col)
{
	const char	*uri = S_lookup(r->ns, r->nns, prefix);

	if (uri == NULL && strcmp(prefix, "xml") == 0)
		return XML_NS;
	if (uri == NULL)
		S_fail(r, line, col, "undeclared namespace prefix \"%s\"",
		    prefix);
	return uri;
}

/* The same, with "inherit" resolved. */
static const char *
S_prefix_uri(struct rnc *r, const char *prefix, unsigned line, unsigned col)
{
	const char	*uri = S_prefix_ns(r, prefix, line, col);

	return uri == inherit_ns ? r->inherited : uri;
}

/* The prefix of the current T_CNAME token, in the arena. */
static char *
S_cname_prefix(struct rnc *r)
{
	char	*p;

	if ((p = rng_arena_strdup(r->arena, r->cur.s, r->cur.colon)) == NULL)
		S_nomem(r);
	return p;
}

/* ---- annotations (checked, then dropped) ---- */

static int
S_aname_cmp(const void *a, const void *b)
{
	const struct aname *x = a, *y = b;
	int	 c;

	if ((c = strcmp(x->ns, y->ns)) != 0 ||
	    (c = strcmp(x->local, y->local)) != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Check the attributes from index from on for duplicates, and forget
 * them. */
static void
S_anames_done(struct rnc *r, size_t from)
{
	struct aname	*v, *bad = NULL;
	size_t		 n = r->nan - from, i;

	if (n > 1) {
		v = r->an + from;
		qsort(v, n, sizeof(*v), S_aname_cmp);
		for (i = 1; i < n; i++)
			if (strcmp(v[i - 1].ns, v[i].ns) == 0 &&
			    strcmp(v[i - 1].local, v[i].local) == 0 &&
			    (bad == NULL || v[i].order < bad->order))
				bad = &v[i];
		if (bad != NULL)
			S_fail(r, bad->line, bad->col, "annotation attribute "
			    "\"%s\"%s%s%s given twice", bad->local,
			    bad->ns[0] != '\0' ? " (in namespace " : "",
			    bad->ns, bad->ns[0] != '\0' ? ")" : "");
	}
	r->nan = from;
}

/* An annotation attribute, name = literal; nested: within an
 * annotation element (where it may be unprefixed). */
static void
S_annot_attr(struct rnc *r, int nested, struct annot *a)
{
	struct aname	*t;
	const char	*ns, *local;
	char		*value;
	unsigned	 line = r->cur.line, col = r->cur.col;

	if (r->cur.kind == T_CNAME) {
		ns = S_prefix_ns(r, S_cname_prefix(r), line, col);
		local = S_strdup(r, r->cur.s + r->cur.colon + 1);
		if (ns == inherit_ns)
			S_fail(r, line, col, "annotation attribute \"%s\": its "
			    "prefix is bound to \"inherit\"", r->cur.s);
		if (!nested && ns[0] == '\0')
			S_fail(r, line, col, "annotation attribute \"%s\": "
			    "its namespace is empty (an annotation's "
			    "attributes are qualified)", r->cur.s);
		if (!nested && strcmp(ns, RNG_NS) == 0)
			S_fail(r, line, col, "annotation attribute \"%s\" is "
			    "in RELAX NG's namespace", r->cur.s);
		if (strcmp(ns, XMLNS_NS) == 0)
			S_fail(r, line, col, "annotation attribute \"%s\" is "
			    "in the xmlns namespace", r->cur.s);
	} else {
		ns = "";
		local = S_strdup(r, r->cur.s);
		if (strcmp(local, "xmlns") == 0)
			S_fail(r, line, col, "annotation attribute \"xmlns\": "
			    "not an attribute");
	}
	S_next(r);
	S_expect(r, T_EQ);
	value = S_literal(r);
	if (r->nan == r->capan) {
		r->capan = r->capan ? 2 * r->capan : 16;
		if ((t = realloc(r->an, r->capan * sizeof(*t))) == NULL)
			S_nomem(r);
		r->an = t;
	}
	r->an[r->nan].ns = ns;
	r->an[r->nan].local = local;
	r->an[r->nan].line = line;
	r->an[r->nan].col = col;
	r->an[r->nan].order = r->nan;
	r->nan++;
	if (a != NULL && strcmp(ns, XML_NS) == 0) {
		const char	**v;
		char		 *qn;
		size_t		  len = strlen(local) + 5;

		if ((qn = rng_arena_alloc(r->arena, len)) == NULL ||
		    (v = rng_arena_alloc(r->arena, (2 * a->nxml + 2) *
		    sizeof(*v))) == NULL)
			S_nomem(r);
		snprintf(qn, len, "xml:%s", local);
		if (a->nxml > 0)
			memcpy(v, a->xml, 2 * a->nxml * sizeof(*v));
		v[2 * a->nxml] = qn;
		v[2 * a->nxml + 1] = value;
		a->xml = v;
		a->nxml++;
	}
}

/* An annotation element: name [ attributes content ]. */
static void
S_annot_element(struct rnc *r, int nested)
{
	const char	*ns;
	size_t		 from;
	unsigned	 line = r->cur.line, col = r->cur.col;

	S_depth(r);
	if (r->cur.kind == T_CNAME) {
		ns = S_prefix_ns(r, S_cname_prefix(r), line, col);
		if (ns == inherit_ns)
			S_fail(r, line, col, "annotation element \"%s\": its "
			    "prefix is bound to \"inherit\"", r->cur.s);
		if (!nested && strcmp(ns, RNG_NS) == 0)
			S_fail(r, line, col, "annotation element \"%s\" is in "
			    "RELAX NG's namespace", r->cur.s);
	} else if (!S_is_name(&r->cur))
		S_expected(r, "an annotation element");
	S_next(r);
	S_expect(r, T_LBRACK);
	from = r->nan;
	while ((r->cur.kind == T_CNAME || S_is_name(&r->cur)) &&
	    S_peek(r) == T_EQ)
		S_annot_attr(r, 1, NULL);
	S_anames_done(r, from);
	for (;;) {
		if (r->cur.kind == T_LIT)
			(void)S_literal(r);
		else if (r->cur.kind == T_CNAME || S_is_name(&r->cur))
			S_annot_element(r, 1);
		else
			break;
	}
	S_expect(r, T_RBRACK);
	r->depth--;
}

/* Leading annotations: documentation, then [ attributes elements ]. */
static void
S_annotations(struct rnc *r, struct annot *a)
{
	size_t	 from;

	memset(a, 0, sizeof(*a));
	while (r->cur.kind == T_DOC)
		S_next(r);
	if (r->cur.kind != T_LBRACK)
		return;
	S_next(r);
	from = r->nan;
	while (r->cur.kind == T_CNAME && S_peek(r) == T_EQ)
		S_annot_attr(r, 0, a);
	S_anames_done(r, from);
	while (r->cur.kind != T_RBRACK) {
		if (r->cur.kind != T_CNAME && !S_is_name(&r->cur))
			S_expected(r, "an annotation attribute or element, "
			    "or \"]\"");
		S_annot_element(r, 0);
		a->elements = 1;
	}
	S_next(r);
}

/* Following annotations: >> element, ... */
static void
S_follow(struct rnc *r, int top)
{
	while (r->cur.kind == T_FOLLOW) {
		if (top)
			S_fail(r, r->cur.line, r->cur.col, "a following "
			    "annotation (\">>\") on the top-level pattern, "
			    "which has no parent to hold it");
		S_next(r);
		S_annot_element(r, 0);
	}
}

/* ---- name classes ---- */

#define NC_ATTR		1	/* an attribute's: names in "" */
#define NC_IN_ANY	2	/* within anyName's except */
#define NC_IN_NS	4	/* within nsName's except */

static struct rnode *S_nameclass(struct rnc *, int);

/* A name or a prefix:*, the current token. */
static struct rnode *
S_nc_simple(struct rnc *r, int ctx)
{
	struct rnode	*n;
	const char	*ns;
	unsigned	 line = r->cur.line, col = r->cur.col;

	if (S_is_name(&r->cur)) {
		n = S_node(r, "name", line);
		n->text = S_strdup(r, r->cur.s);
		ns = (ctx & NC_ATTR) ? "" : r->defns;
	} else if (r->cur.kind == T_CNAME) {
		n = S_node(r, "name", line);
		ns = S_prefix_uri(r, S_cname_prefix(r), line, col);
		n->text = S_strdup(r, r->cur.s + r->cur.colon + 1);
	} else if (r->cur.kind == T_NSNAME) {
		if (ctx & NC_IN_NS)
			S_fail(r, line, col, "\"%s:*\" within the except of "
			    "an nsName (\"prefix:*\") means no name",
			    r->cur.s);
		n = S_node(r, "nsName", line);
		ns = S_prefix_uri(r, r->cur.s, line, col);
	} else if (r->cur.kind == T_STAR) {
		if (ctx & (NC_IN_ANY | NC_IN_NS))
			S_fail(r, line, col, "\"*\" within the except of %s "
			    "means no name", (ctx & NC_IN_NS) ? "an nsName "
			    "(\"prefix:*\")" : "\"*\"");
		n = S_node(r, "anyName", line);
		ns = NULL;
	} else
		S_expected(r, "a name class");
	if (ns != NULL)
		S_attrs(r, n, "ns", ns, NULL);
	S_next(r);
	return n;
}

/* A name class that may be "(" name class ")"; open: "*" and
 * "prefix:*" without except (in a choice or an except). */
static struct rnode *
S_nc_basic(struct rnc *r, int ctx)
{
	struct annot	 a;
	struct rnode	*n;

	S_annotations(r, &a);
	if (r->cur.kind == T_LPAREN) {
		S_next(r);
		n = S_nameclass(r, ctx);
		S_expect(r, T_RPAREN);
	} else
		n = S_nc_simple(r, ctx);
	S_follow(r, 0);
	return n;
}

static struct rnode *
S_nameclass(struct rnc *r, int ctx)
{
	struct annot	 a;
	struct rnode	*n, *ex, *first, *last;
	unsigned	 line;

	S_depth(r);
	S_annotations(r, &a);
	line = r->cur.line;
	if (r->cur.kind == T_LPAREN) {
		S_next(r);
		n = S_nameclass(r, ctx);
		S_expect(r, T_RPAREN);
	} else {
		int open = r->cur.kind == T_STAR || r->cur.kind == T_NSNAME;
		int sub = r->cur.kind == T_STAR ? NC_IN_ANY : NC_IN_NS;

		n = S_nc_simple(r, ctx);
		if (open && r->cur.kind == T_MINUS) {
			S_next(r);
			ex = S_node(r, "except", line);
			first = S_nc_basic(r, ctx | sub);
			if (strcmp(first->name, "choice") == 0)
				first = first->children;
			S_adopt(ex, first);
			S_adopt(n, ex);
			S_follow(r, 0);
			r->depth--;
			return n;
		}
	}
	S_follow(r, 0);
	if (r->cur.kind != T_OR) {
		r->depth--;
		return n;
	}
	first = last = n;
	while (r->cur.kind == T_OR) {
		S_next(r);
		last->next = S_nc_basic(r, ctx);
		last = last->next;
	}
	n = S_node(r, "choice", line);
	S_adopt(n, first);
	r->depth--;
	return n;
}

/* ---- patterns ---- */

static struct rnode *S_expr(struct rnc *, int);
static struct rnode *S_primary(struct rnc *, int, const struct annot *,
		    int *);
static void	S_members(struct rnc *, struct rnode *, int);

/* "{" pattern "}" as n's children (a group's own). */
static void
S_braced(struct rnc *r, struct rnode *n, int ungroup)
{
	struct rnode	*p;

	S_expect(r, T_LBRACE);
	p = S_expr(r, 0);
	S_expect(r, T_RBRACE);
	S_adopt(n, ungroup ? S_ungroup(p) : p);
}

/* A datatype's library, from a datatype name token (CName, string or
 * token), and its local name. */
static const char *
S_datatype(struct rnc *r, const char **type)
{
	const char	*lib;
	char		*prefix;

	if (r->cur.kind != T_CNAME) {
		*type = keywords[r->cur.kw];
		return "";
	}
	prefix = S_cname_prefix(r);
	*type = S_strdup(r, r->cur.s + r->cur.colon + 1);
	if ((lib = S_lookup(r->dt, r->ndt, prefix)) == NULL) {
		if (strcmp(prefix, "xsd") == 0)
			return XSD_DT;
		S_fail(r, r->cur.line, r->cur.col, "undeclared datatypes "
		    "prefix \"%s\"", prefix);
	}
	return lib;
}

/* A value, the current literal, of type lib:type. */
static struct rnode *
S_value(struct rnc *r, const char *lib, const char *type, unsigned line,
    int top, const struct annot *a)
{
	struct rnode	*n;

	if (top && a->elements)
		S_fail(r, r->cur.line, r->cur.col, "annotation elements on "
		    "the top-level value, which has no parent to hold them");
	n = S_node(r, "value", line);
	S_attrs(r, n, "type", type, "datatypeLibrary", lib, "ns", r->defns,
	    NULL);
	n->text = S_literal(r);
	return n;
}

/* A datatype name's pattern: a value, or data with params and an
 * except (*except set then). */
static struct rnode *
S_data(struct rnc *r, int top, const struct annot *a, int *except)
{
	struct rnode	*n, *p, *first = NULL, *last = NULL, *ex;
	struct annot	 pa;
	const char	*lib, *type;
	unsigned	 line = r->cur.line;
	int		 inner = 0;

	lib = S_datatype(r, &type);
	S_next(r);
	if (r->cur.kind == T_LIT)
		return S_value(r, lib, type, line, top, a);
	n = S_node(r, "data", line);
	S_attrs(r, n, "type", type, "datatypeLibrary", lib, NULL);
	if (r->cur.kind == T_LBRACE) {
		S_next(r);
		while (r->cur.kind != T_RBRACE) {
			S_annotations(r, &pa);
			if (!S_is_name(&r->cur))
				S_expected(r, "a parameter's name or \"}\"");
			p = S_node(r, "param", r->cur.line);
			S_attrs(r, p, "name", S_strdup(r, r->cur.s), NULL);
			S_next(r);
			S_expect(r, T_EQ);
			p->text = S_literal(r);
			if (last == NULL)
				first = p;
			else
				last->next = p;
			last = p;
		}
		S_next(r);
		S_adopt(n, first);
	}
	if (r->cur.kind == T_MINUS) {
		S_next(r);
		ex = S_node(r, "except", r->cur.line);
		S_annotations(r, &pa);
		S_depth(r);
		p = S_primary(r, 0, &pa, &inner);
		r->depth--;
		if (inner)
			S_fail(r, p->line, 0, "syntax error: an except within "
			    "an except: put it in parentheses");
		if (strcmp(p->name, "choice") == 0 && p->attrs == NULL)
			p = p->children;
		S_adopt(ex, p);
		S_adopt(n, ex);
		*except = 1;
	}
	return n;
}

/* external "href" [inherit = prefix], or include's href and inherit. */
static void
S_href(struct rnc *r, struct rnode *n)
{
	const char	*href, *ns;
	char		*prefix;

	href = S_literal(r);
	ns = r->defns;
	if (S_is_kw(r, K_INHERIT)) {
		S_next(r);
		S_expect(r, T_EQ);
		if (!S_is_name(&r->cur))
			S_expected(r, "a namespace prefix");
		prefix = S_strdup(r, r->cur.s);
		ns = S_prefix_uri(r, prefix, r->cur.line, r->cur.col);
		S_next(r);
	}
	S_attrs(r, n, "href", href, "ns", ns, NULL);
}

static struct rnode *
S_primary(struct rnc *r, int top, const struct annot *a, int *except)
{
	struct rnode	*n, *nc;
	unsigned	 line = r->cur.line;
	int		 kw = r->cur.kind == T_IDENT ? r->cur.kw : K_NONE;

	if (r->cur.kind == T_LIT)
		n = S_value(r, "", "token", line, top, a);
	else if (r->cur.kind == T_CNAME || kw == K_STRING || kw == K_TOKEN)
		n = S_data(r, top, a, except);
	else if (r->cur.kind == T_LPAREN) {
		S_next(r);
		n = S_expr(r, top);
		S_expect(r, T_RPAREN);
	} else if (S_is_ident(&r->cur)) {
		n = S_node(r, "ref", line);
		S_attrs(r, n, "name", S_strdup(r, r->cur.s), NULL);
		S_next(r);
	} else if (kw == K_NONE)
		S_expected(r, "a pattern");
	else {
		S_next(r);
		switch (kw) {
		case K_ELEMENT:
		case K_ATTRIBUTE:
			n = S_node(r, keywords[kw], line);
			nc = S_nameclass(r, kw == K_ATTRIBUTE ? NC_ATTR : 0);
			if (strcmp(nc->name, "name") == 0)
				S_attrs(r, n, "name", nc->text, "ns",
				    nc->attrs[1], NULL);
			else
				S_adopt(n, nc);
			S_braced(r, n, kw == K_ELEMENT);
			break;
		case K_LIST:
		case K_MIXED:
			n = S_node(r, keywords[kw], line);
			S_braced(r, n, 1);
			break;
		case K_GRAMMAR:
			n = S_node(r, "grammar", line);
			S_expect(r, T_LBRACE);
			S_members(r, n, 0);
			S_expect(r, T_RBRACE);
			break;
		case K_EXTERNAL:
			n = S_node(r, "externalRef", line);
			S_href(r, n);
			break;
		case K_PARENT:
			if (!S_is_ident(&r->cur))
				S_expected(r, "the name of a definition");
			n = S_node(r, "parentRef", line);
			S_attrs(r, n, "name", S_strdup(r, r->cur.s), NULL);
			S_next(r);
			break;
		case K_EMPTY:
		case K_TEXT:
		case K_NOTALLOWED:
			n = S_node(r, keywords[kw], line);
			break;
		default:
			S_fail(r, line, r->cur.col, "syntax error: the keyword "
			    "\"%s\" where a pattern belongs", keywords[kw]);
		}
	}
	S_apply(r, n, a);
	return n;
}

/* annotations primary (">>" annotation)* */
static struct rnode *
S_annotated(struct rnc *r, int top, int *except)
{
	struct annot	 a;
	struct rnode	*n;

	S_annotations(r, &a);
	n = S_primary(r, top, &a, except);
	S_follow(r, top);
	return n;
}

/* A particle: an annotated primary, maybe repeated. */
static struct rnode *
S_unary(struct rnc *r, int top, int *except)
{
	struct rnode	*n, *p;
	const char	*name;

	p = S_annotated(r, top, except);
	switch (r->cur.kind) {
	case T_STAR: name = "zeroOrMore"; break;
	case T_PLUS: name = "oneOrMore"; break;
	case T_QUEST: name = "optional"; break;
	default: return p;
	}
	if (*except)
		S_fail(r, r->cur.line, r->cur.col, "syntax error: \"%s\" "
		    "after an except: put the except in parentheses",
		    punct[r->cur.kind]);
	n = S_node(r, name, p->line);
	S_adopt(n, S_ungroup(p));
	S_next(r);
	S_follow(r, top);
	return n;
}

/* A pattern: particles joined by one of "|", "&", ",". */
static struct rnode *
S_expr(struct rnc *r, int top)
{
	struct rnode	*n, *first, *last;
	enum tk		 op;
	int		 except = 0;
	unsigned	 line = r->cur.line;

	S_depth(r);
	first = S_unary(r, top, &except);
	op = r->cur.kind;
	if (op != T_OR && op != T_AND && op != T_COMMA) {
		r->depth--;
		return first;
	}
	last = first;
	while (r->cur.kind == op) {
		if (except)
			S_fail(r, r->cur.line, r->cur.col, "syntax error: "
			    "\"%s\" after an except: put the except in "
			    "parentheses", punct[op]);
		S_next(r);
		last->next = S_unary(r, top, &except);
		last = last->next;
	}
	if (except)
		S_fail(r, last->line, 0, "syntax error: an except joined "
		    "to other patterns: put it in parentheses");
	if (r->cur.kind == T_OR || r->cur.kind == T_AND ||
	    r->cur.kind == T_COMMA)
		S_fail(r, r->cur.line, r->cur.col, "syntax error: \"%s\" "
		    "after \"%s\": use parentheses to mix them",
		    punct[r->cur.kind], punct[op]);
	n = S_node(r, op == T_OR ? "choice" : op == T_AND ? "interleave" :
	    "group", line);
	S_adopt(n, first);
	r->depth--;
	return n;
}

/* ---- grammars ---- */

/* start|name (= |= &=) pattern */
static struct rnode *
S_define(struct rnc *r)
{
	struct rnode	*n, *p;
	unsigned	 line = r->cur.line;
	const char	*combine = NULL;
	int		 start = S_is_kw(r, K_START);

	n = S_node(r, start ? "start" : "define", line);
	if (!start)
		S_attrs(r, n, "name", S_strdup(r, r->cur.s), NULL);
	S_next(r);
	switch (r->cur.kind) {
	case T_EQ: break;
	case T_OREQ: combine = "choice"; break;
	case T_ANDEQ: combine = "interleave"; break;
	default: S_expected(r, "\"=\", \"|=\" or \"&=\"");
	}
	S_next(r);
	if (combine != NULL)
		S_attr_add(r, n, "combine", combine);
	p = S_expr(r, 0);
	S_adopt(n, start ? p : S_ungroup(p));
	return n;
}

/* A grammar's (or include's, incl) members as n's children, up to
 * "}" or the end of the file. */
static void
S_members(struct rnc *r, struct rnode *n, int incl)
{
	struct rnode	*c, *first = NULL, *last = NULL;
	struct annot	 a;

	S_depth(r);
	for (;;) {
		if (r->cur.kind == T_EOF || r->cur.kind == T_RBRACE)
			break;
		/* an annotation element, not a keyword's */
		if ((r->cur.kind == T_CNAME || S_is_ident(&r->cur)) &&
		    S_peek(r) == T_LBRACK) {
			S_annot_element(r, 0);
			continue;
		}
		S_annotations(r, &a);
		if (S_is_kw(r, K_START) || S_is_ident(&r->cur))
			c = S_define(r);
		else if (S_is_kw(r, K_DIV)) {
			c = S_node(r, "div", r->cur.line);
			S_next(r);
			S_expect(r, T_LBRACE);
			S_members(r, c, incl);
			S_expect(r, T_RBRACE);
		} else if (S_is_kw(r, K_INCLUDE) && !incl) {
			c = S_node(r, "include", r->cur.line);
			S_next(r);
			S_href(r, c);
			if (r->cur.kind == T_LBRACE) {
				S_next(r);
				S_members(r, c, 1);
				S_expect(r, T_RBRACE);
			}
		} else
			S_expected(r, incl ? "a definition, \"start\" or "
			    "\"div\"" : "a definition, \"start\", \"div\" or "
			    "\"include\"");
		S_apply(r, c, &a);
		if (last == NULL)
			first = c;
		else
			last->next = c;
		last = c;
	}
	S_adopt(n, first);
	r->depth--;
}

/* The declarations before the body. */
static void
S_preamble(struct rnc *r)
{
	const char	*prefix, *uri;
	unsigned	 line, col;
	int		 dflt, dt;

	for (;;) {
		dflt = S_is_kw(r, K_DEFAULT);
		dt = S_is_kw(r, K_DATATYPES);
		if (!dflt && !dt && !S_is_kw(r, K_NAMESPACE))
			break;
		S_next(r);
		if (dflt) {
			if (!S_is_kw(r, K_NAMESPACE))
				S_expected(r, "\"namespace\" after "
				    "\"default\"");
			S_next(r);
		}
		line = r->cur.line;
		col = r->cur.col;
		prefix = NULL;
		if (S_is_name(&r->cur)) {
			prefix = S_strdup(r, r->cur.s);
			S_next(r);
		} else if (!dflt)
			S_expected(r, "a prefix");
		S_expect(r, T_EQ);
		if (!dt && S_is_kw(r, K_INHERIT)) {
			uri = inherit_ns;
			S_next(r);
		} else
			uri = S_literal(r);
		if (dt) {
			S_declare(r, &r->dt, &r->ndt, &r->capdt, prefix, uri,
			    line, col);
			continue;
		}
		if (dflt) {
			if (r->defns != NULL)
				S_fail(r, line, col, "the default namespace "
				    "is declared twice");
			r->defns = uri;
		}
		if (prefix == NULL)
			continue;
		if (strcmp(prefix, "xmlns") == 0)
			S_fail(r, line, col, "the prefix \"xmlns\" cannot be "
			    "declared");
		if (strcmp(prefix, "xml") == 0 && (uri == inherit_ns ||
		    strcmp(uri, XML_NS) != 0))
			S_fail(r, line, col, "the prefix \"xml\" is bound to "
			    "%s only", XML_NS);
		if (strcmp(prefix, "xml") != 0 && uri != inherit_ns &&
		    strcmp(uri, XML_NS) == 0)
			S_fail(r, line, col, "the namespace %s has no prefix "
			    "but \"xml\"", XML_NS);
		S_declare(r, &r->ns, &r->nns, &r->capns, prefix, uri, line,
		    col);
	}
	S_sort_decls(r, r->ns, r->nns, "namespace");
	S_sort_decls(r, r->dt, r->ndt, "datatypes");
	if (r->defns == NULL || r->defns == inherit_ns)
		r->defns = r->inherited;
}

/* Skip a bracketed annotation body from the current lookahead token,
 * for S_is_grammar; 0 when it is none. */
static int
S_skip_body(struct rnc *r, struct lex *l)
{
	int	 depth = 0;

	do {
		switch (r->la.kind) {
		case T_LBRACK:
			if (++depth > (int)r->maxdepth)
				return 0;
			break;
		case T_RBRACK:
			depth--;
			break;
		case T_CNAME: case T_IDENT: case T_QIDENT: case T_EQ:
		case T_LIT: case T_TILDE:
			break;
		default:
			return 0;
		}
		S_lex(r, l, &r->la);
	} while (depth > 0);
	return 1;
}

/* Is the body a grammar (its components) rather than a pattern?  As
 * the specification's grammar decides with its lookahead: an
 * annotation element, a definition, start, div or include, perhaps
 * after annotations. */
static int
S_is_grammar(struct rnc *r)
{
	struct lex	 l = r->lex;
	struct tok	*t = &r->la;
	enum tk		 k;

	if (r->cur.kind == T_EOF)
		return 1;	/* an empty grammar (an included file's) */
	if (S_is_kw(r, K_START) || S_is_kw(r, K_DIV) || S_is_kw(r, K_INCLUDE))
		return 1;
	if (r->cur.kind == T_CNAME || S_is_ident(&r->cur)) {
		k = S_peek(r);
		return k == T_LBRACK || (S_is_ident(&r->cur) &&
		    (k == T_EQ || k == T_OREQ || k == T_ANDEQ));
	}
	if (r->cur.kind != T_DOC && r->cur.kind != T_LBRACK)
		return 0;
	/* annotations first: look past them */
	t->kind = r->cur.kind;
	while (t->kind == T_DOC)
		S_lex(r, &l, t);
	if (t->kind == T_LBRACK && !S_skip_body(r, &l))
		return 0;
	if (t->kind == T_IDENT && (t->kw == K_START || t->kw == K_DIV ||
	    t->kw == K_INCLUDE))
		return 1;
	if (!S_is_ident(t))
		return 0;
	S_lex(r, &l, t);
	return t->kind == T_EQ || t->kind == T_OREQ || t->kind == T_ANDEQ;
}

struct rnode *
rnc_read(struct rdoc *doc, const char *buf, size_t len,
    struct rarena **arena)
{
	struct rnc	*volatile rp;
	struct rnode	*volatile root = NULL;
	const char	**v;
	size_t		 i, k;

	/* on the heap: what longjmp() comes back to is not in registers */
	if ((rp = calloc(1, sizeof(*rp))) == NULL) {
		rng_raise(doc->url, 0, 0, "out of memory");
		return NULL;
	}
#define r (*rp)
	r.arena = arena;
	r.doc = doc;
	r.inherited = doc->inherited_ns != NULL ? doc->inherited_ns : "";
	r.maxdepth = xmlParserMaxDepth;
	r.lex.p = (const unsigned char *)buf;
	r.lex.e = r.lex.p + len;
	r.lex.line = r.lex.col = 1;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r.lex.p += 3;
	if (setjmp(r.jb) != 0) {
		root = NULL;
		goto out;
	}
	S_next(&r);
	S_preamble(&r);
	if (S_is_grammar(&r)) {
		root = S_node(&r, "grammar", r.cur.line);
		S_members(&r, root, 0);
		if (r.cur.kind != T_EOF)
			S_expected(&r, "a definition or the end of the file");
	} else {
		root = S_expr(&r, 1);
		if (r.cur.kind != T_EOF)
			S_expected(&r, "the end of the file");
	}
	/* the declared prefixes, for QName values */
	if ((v = rng_arena_alloc(arena, (2 * r.nns + 1) * sizeof(*v))) ==
	    NULL)
		S_nomem(&r);
	for (i = k = 0; i < r.nns; i++) {
		if (i > 0 && strcmp(r.ns[i - 1].prefix, r.ns[i].prefix) == 0)
			continue;
		v[k++] = r.ns[i].prefix;
		v[k++] = r.ns[i].uri == inherit_ns ? r.inherited :
		    r.ns[i].uri;
	}
	v[k] = NULL;
	root->nsdefs = v;
out:
	free(r.cur.s);
	free(r.la.s);
	free(r.lit);
	free(r.ns);
	free(r.dt);
	free(r.an);
#undef r
	free(rp);
	return root;
}
