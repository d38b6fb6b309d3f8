/*
 * xpath.c -- the XPath 2.0 parser: a lexer driven by the parser (XPath's
 * keywords are names, told apart by where they stand), a recursive
 * descent over the grammar of XPath 2.0 (W3C REC, appendix A) into the
 * syntax tree of xpint.h, and the arena everything is allocated from.
 *
 * STATUS: parses all of XPath 2.0, and three things of XPath 3.0 that
 * rules use (TEI's own use ||): the operators || and !, and let; refuses with TKXP0001 the namespace
 * axis, `treat as`, schema-element()/schema-attribute() and element()/
 * attribute() tests naming a type.  Variables are resolved to slots at
 * compile time, function names and arities too (xpfunc.c), and literal
 * regular expressions are compiled here, so that a bad one is a compile
 * error.  Nesting deeper than XP_DEPTH_MAX is refused (TKXP0002).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>

#include "xpint.h"

/* ---- arena ---- */

struct xa_blk {
	struct xa_blk	*next;
	size_t		 used, size;
	max_align_t	 data[];
};

#define XA_BLK	16384

void *
xa_alloc(struct xp_arena *a, size_t n)
{
	struct xa_blk	*b = a->head;
	void		*p;
	size_t		 sz;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (b == NULL || b->size - b->used < n) {
		sz = n > XA_BLK / 2 ? n : XA_BLK;
		if ((b = malloc(sizeof(*b) + sz)) == NULL) {
			if (a->err != NULL) {
				snprintf(a->err->code, sizeof(a->err->code),
				    "TKXP0003");
				a->err->col = 0;
				snprintf(a->err->msg, sizeof(a->err->msg),
				    "out of memory");
			}
			longjmp(*a->oom, 1);
		}
		b->size = sz;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

struct xa_mark
xa_mark(struct xp_arena *a)
{
	struct xa_mark	 m;

	m.head = a->head;
	m.used = a->head ? a->head->used : 0;
	return m;
}

void
xa_release(struct xp_arena *a, struct xa_mark m)
{
	struct xa_blk	*b;

	while (a->head != m.head) {
		b = a->head;
		a->head = b->next;
		free(b);
	}
	if (a->head != NULL)
		a->head->used = m.used;
}

char *
xa_strndup(struct xp_arena *a, const char *s, size_t n)
{
	char	*p = xa_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xa_printf(struct xp_arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[128], *p;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < (int)sizeof(buf))
		return xa_strndup(a, buf, n);
	p = xa_alloc(a, n + 1);
	va_start(ap, fmt);
	vsnprintf(p, n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
xa_free(struct xp_arena *a)
{
	struct xa_blk	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

void
xsb_push(struct xp_arena *a, struct xp_sb *sb, const struct xp_item *it)
{
	struct xp_item	*n;
	size_t		 cap;

	if (sb->n == sb->cap) {
		if (sb->cap >= XP_SEQ_MAX) {
			if (a->err != NULL) {
				snprintf(a->err->code, sizeof(a->err->code),
				    "TKXP0003");
				a->err->col = 0;
				snprintf(a->err->msg, sizeof(a->err->msg),
				    "a sequence of more than %d items",
				    XP_SEQ_MAX);
			}
			longjmp(*a->oom, 1);
		}
		cap = sb->cap ? sb->cap * 2 : 8;
		n = xa_alloc(a, cap * sizeof(*n));
		if (sb->n)
			memcpy(n, sb->it, sb->n * sizeof(*n));
		sb->it = n;
		sb->cap = cap;
	}
	sb->it[sb->n++] = *it;
}

/* ---- lexer ---- */

enum tt { T_EOF, T_NAME, T_WILD, T_STR, T_INT, T_DEC, T_DBL, T_VAR, T_SYM };

struct tok {
	enum tt		 t;
	size_t		 at, end;
	const char	*s;	/* name, string, symbol */
	int64_t		 i;
	double		 d;
};

struct scope {
	const char	*name;
	int		 slot;
};

struct parser {
	const char	*src;
	size_t		 pos;	/* after tok */
	struct tok	 tok;
	struct xp_expr	*x;
	struct xp_error	*err;
	jmp_buf		 jb;
	const struct xp_ns *ns;
	size_t		 nns;
	struct scope	*sc;
	int		 nsc, capsc;
	int		 depth;
};

static int
S_col(const char *s, size_t at)
{
	int	 col = 1;
	size_t	 i;

	for (i = 0; i < at && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static void __attribute__((noreturn, format(printf, 4, 5)))
S_perr(struct parser *p, size_t at, const char *code, const char *fmt, ...)
{
	va_list	 ap;

	snprintf(p->err->code, sizeof(p->err->code), "%s", code);
	p->err->col = S_col(p->src, at);
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	longjmp(p->jb, 1);
}

static int
S_ncstart(const char *s)
{
	unsigned char c = *s;

	return isalpha(c) || c == '_' || c >= 0x80;
}

static int
S_ncchar(const char *s)
{
	unsigned char c = *s;

	return isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80;
}

/* skip blanks and (: nested comments :) */
static size_t
S_skip(struct parser *p, size_t i)
{
	int	 nest;
	size_t	 at;

	for (;;) {
		while (p->src[i] == ' ' || p->src[i] == '\t' ||
		    p->src[i] == '\n' || p->src[i] == '\r')
			i++;
		if (p->src[i] != '(' || p->src[i + 1] != ':')
			return i;
		at = i;
		i += 2;
		for (nest = 1; nest > 0; ) {
			if (p->src[i] == '\0')
				S_perr(p, at, "XPST0003",
				    "a comment that does not end");
			if (p->src[i] == '(' && p->src[i + 1] == ':') {
				nest++;
				i += 2;
			} else if (p->src[i] == ':' && p->src[i + 1] == ')') {
				nest--;
				i += 2;
			} else
				i++;
		}
	}
}

static size_t
S_ncname(const char *s, size_t i)
{
	if (!S_ncstart(s + i))
		return i;
	while (S_ncchar(s + i))
		i++;
	return i;
}

static const char *const syms[] = {
	"//", "/", "::", ":=", "..", ".", "!=", "<=", ">=", "<<", ">>", "<",
	">", "=", "(", ")", "[", "]", ",", "||", "|", "!", "+", "-", "*", "@",
	"?",
	"{", "}", NULL
};

static void
S_next(struct parser *p)
{
	struct tok	*t = &p->tok;
	const char	*s = p->src;
	size_t		 i, j;
	char		 q, *buf;
	int		 k, n;

	i = S_skip(p, p->pos);
	memset(t, 0, sizeof(*t));
	t->at = i;
	if (s[i] == '\0') {
		t->t = T_EOF;
		t->end = p->pos = i;
		return;
	}
	if (isdigit((unsigned char)s[i]) ||
	    (s[i] == '.' && isdigit((unsigned char)s[i + 1]))) {
		j = i;
		t->t = T_INT;
		while (isdigit((unsigned char)s[j]))
			j++;
		if (s[j] == '.') {
			t->t = T_DEC;
			for (j++; isdigit((unsigned char)s[j]); j++)
				continue;
		}
		if (s[j] == 'e' || s[j] == 'E') {
			size_t e = j + 1;
			if (s[e] == '+' || s[e] == '-')
				e++;
			if (!isdigit((unsigned char)s[e]))
				S_perr(p, j, "XPST0003",
				    "a number with a bad exponent");
			while (isdigit((unsigned char)s[e]))
				e++;
			j = e;
			t->t = T_DBL;
		}
		if (S_ncstart(s + j))
			S_perr(p, j, "XPST0003",
			    "a number followed by a name without a space");
		buf = xa_strndup(&p->x->ar, s + i, j - i);
		if (t->t == T_INT) {
			errno = 0;
			t->i = strtoll(buf, NULL, 10);
			if (errno == ERANGE)
				S_perr(p, i, "FOAR0002",
				    "integer literal %s out of range", buf);
		} else
			t->d = strtod(buf, NULL);
		t->end = p->pos = j;
		return;
	}
	if (s[i] == '"' || s[i] == '\'') {
		q = s[i];
		buf = xa_alloc(&p->x->ar, strlen(s + i) + 1);
		n = 0;
		for (j = i + 1; ; j++) {
			if (s[j] == '\0')
				S_perr(p, i, "XPST0003",
				    "a string literal that does not end");
			if (s[j] == q) {
				if (s[j + 1] != q)
					break;
				j++;
			}
			buf[n++] = s[j];
		}
		buf[n] = '\0';
		t->t = T_STR;
		t->s = buf;
		t->end = p->pos = j + 1;
		return;
	}
	if (s[i] == '$') {
		j = S_skip(p, i + 1);
		k = S_ncname(s, j);
		if (k == (int)j)
			S_perr(p, i, "XPST0003", "'$' without a name");
		if (s[k] == ':' && S_ncstart(s + k + 1))
			k = S_ncname(s, k + 1);
		t->t = T_VAR;
		t->s = xa_strndup(&p->x->ar, s + j, k - j);
		t->end = p->pos = k;
		return;
	}
	if (s[i] == '*' && s[i + 1] == ':' && S_ncstart(s + i + 2)) {
		j = S_ncname(s, i + 2);
		t->t = T_WILD;
		t->s = xa_strndup(&p->x->ar, s + i, j - i);
		t->end = p->pos = j;
		return;
	}
	if (S_ncstart(s + i)) {
		j = S_ncname(s, i);
		t->t = T_NAME;
		if (s[j] == ':' && s[j + 1] == '*') {
			t->t = T_WILD;
			j += 2;
		} else if (s[j] == ':' && S_ncstart(s + j + 1))
			j = S_ncname(s, j + 1);
		t->s = xa_strndup(&p->x->ar, s + i, j - i);
		t->end = p->pos = j;
		return;
	}
	for (k = 0; syms[k] != NULL; k++) {
		n = strlen(syms[k]);
		if (strncmp(s + i, syms[k], n) == 0) {
			t->t = T_SYM;
			t->s = syms[k];
			t->end = p->pos = i + n;
			return;
		}
	}
	S_perr(p, i, "XPST0003", "unexpected character '%c'", s[i]);
}

static int
S_is(struct parser *p, const char *sym)
{
	return p->tok.t == T_SYM && strcmp(p->tok.s, sym) == 0;
}

static int
S_isname(struct parser *p, const char *kw)
{
	return p->tok.t == T_NAME && strcmp(p->tok.s, kw) == 0;
}

/* the first character after the current token, blanks skipped */
static char
S_after(struct parser *p)
{
	return p->src[S_skip(p, p->pos)];
}

static const char *
S_tokdesc(struct parser *p)
{
	static __thread char buf[64];

	if (p->tok.t == T_EOF)
		return "the end of the expression";
	snprintf(buf, sizeof(buf), "'%.*s'", (int)(p->tok.end - p->tok.at) >
	    40 ? 40 : (int)(p->tok.end - p->tok.at), p->src + p->tok.at);
	return buf;
}

static void
S_expect(struct parser *p, const char *sym)
{
	if (!S_is(p, sym))
		S_perr(p, p->tok.at, "XPST0003", "expected '%s', found %s",
		    sym, S_tokdesc(p));
	S_next(p);
}

static void
S_expectkw(struct parser *p, const char *kw)
{
	if (!S_isname(p, kw))
		S_perr(p, p->tok.at, "XPST0003", "expected '%s', found %s",
		    kw, S_tokdesc(p));
	S_next(p);
}

/* ---- names ---- */

static const char *
S_prefix_uri(struct parser *p, const char *prefix, size_t len, size_t at)
{
	size_t	 i;

	for (i = 0; i < p->nns; i++)
		if (strlen(p->ns[i].prefix) == len &&
		    strncmp(p->ns[i].prefix, prefix, len) == 0)
			return p->ns[i].uri && *p->ns[i].uri ?
			    p->ns[i].uri : NULL;
	if (len == 2 && strncmp(prefix, "xs", 2) == 0)
		return XP_NS_XS;
	if (len == 2 && strncmp(prefix, "fn", 2) == 0)
		return XP_NS_FN;
	if (len == 3 && strncmp(prefix, "xml", 3) == 0)
		return (const char *)XML_XML_NAMESPACE;
	if (len == 0)
		return NULL;
	S_perr(p, at, "XPST0081", "no namespace is bound to the prefix "
	    "'%.*s'", (int)len, prefix);
}

/* split a QName: *uri (or NULL), returns the local part */
static const char *
S_qname(struct parser *p, const char *qn, int elemdefault, const char **uri,
    size_t at)
{
	const char	*c = strchr(qn, ':');

	if (c == NULL) {
		*uri = elemdefault ? S_prefix_uri(p, "", 0, at) : NULL;
		return qn;
	}
	*uri = S_prefix_uri(p, qn, c - qn, at);
	if (*uri == NULL)
		S_perr(p, at, "XPST0081", "the prefix of '%s' is bound to no "
		    "namespace", qn);
	return c + 1;
}

/* ---- syntax tree ---- */

static struct xp_ast *
S_node(struct parser *p, enum xp_op op, size_t at)
{
	struct xp_ast	*n = xa_alloc(&p->x->ar, sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->op = op;
	n->col = S_col(p->src, at);
	n->owner = p->x;
	return n;
}

static struct xp_ast *
S_bin(struct parser *p, enum xp_op op, int sub, struct xp_ast *a,
    struct xp_ast *b, size_t at)
{
	struct xp_ast	*n = S_node(p, op, at);

	n->sub = sub;
	n->a = a;
	n->b = b;
	return n;
}

static void
S_addarg(struct parser *p, struct xp_ast *n, struct xp_ast *arg, int *cap)
{
	struct xp_ast	**v;

	if (n->nargs == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		v = xa_alloc(&p->x->ar, *cap * sizeof(*v));
		if (n->nargs)
			memcpy(v, n->args, n->nargs * sizeof(*v));
		n->args = v;
	}
	n->args[n->nargs++] = arg;
}

static struct xp_ast	*S_expr(struct parser *);
static struct xp_ast	*S_single(struct parser *);
static int		 S_boolpred(const struct xp_ast *);
static int		 S_usesfocus(const struct xp_ast *);

static void
S_enter(struct parser *p)
{
	if (++p->depth > XP_DEPTH_MAX)
		S_perr(p, p->tok.at, "TKXP0002", "an expression nested more "
		    "than %d deep", XP_DEPTH_MAX);
}

/* ---- sequence types ---- */

static const char *const kindtests[] = {
	"node", "text", "comment", "processing-instruction", "element",
	"attribute", "document-node", "item", "empty-sequence",
	"schema-element", "schema-attribute", NULL
};

static int
S_kindname(const char *s)
{
	int	 i;

	for (i = 0; kindtests[i] != NULL; i++)
		if (strcmp(s, kindtests[i]) == 0)
			return i;
	return -1;
}

/* element(...) / attribute(...) argument: * or a QName */
static void
S_kindarg(struct parser *p, struct xp_test *t, int elem)
{
	if (S_is(p, ")"))
		return;
	if (S_is(p, "*")) {
		t->uri = "*";
		t->local = "*";
	} else if (p->tok.t == T_NAME) {
		t->local = S_qname(p, p->tok.s, elem, &t->uri, p->tok.at);
		if (t->uri == NULL)
			t->uri = "";
	} else
		S_perr(p, p->tok.at, "XPST0003", "expected a name or '*' in "
		    "%s(), found %s", elem ? "element" : "attribute",
		    S_tokdesc(p));
	S_next(p);
	if (S_is(p, ","))
		S_perr(p, p->tok.at, "TKXP0001", "%s() with a type is not "
		    "supported (no schema types)", elem ? "element" :
		    "attribute");
}

/* the current token is a kind test's name, followed by '(' */
static void
S_kindtest(struct parser *p, struct xp_test *t, int k)
{
	size_t	 at = p->tok.at;

	S_next(p);
	S_expect(p, "(");
	memset(t, 0, sizeof(*t));
	switch (k) {
	case 0: t->kind = K_NODE; break;
	case 1: t->kind = K_TEXT; break;
	case 2: t->kind = K_COMMENT; break;
	case 3:
		t->kind = K_PI;
		if (p->tok.t == T_NAME || p->tok.t == T_STR) {
			t->local = p->tok.s;
			S_next(p);
		}
		break;
	case 4:
		t->kind = K_ELEMENT;
		S_kindarg(p, t, 1);
		break;
	case 5:
		t->kind = K_ATTRIBUTE;
		S_kindarg(p, t, 0);
		break;
	case 6:
		t->kind = K_DOC;
		if (!S_is(p, ")"))
			S_perr(p, p->tok.at, "TKXP0001", "document-node() "
			    "with an argument is not supported");
		break;
	case 7: t->kind = K_ITEM; break;
	case 8: t->kind = K_EMPTY; break;
	default:
		S_perr(p, at, "TKXP0001", "%s() is not supported (no schema "
		    "types)", kindtests[k]);
	}
	S_expect(p, ")");
}

static void
S_atomictype(struct parser *p, struct xp_test *t)
{
	const char	*uri, *local;

	if (p->tok.t != T_NAME)
		S_perr(p, p->tok.at, "XPST0003", "expected a type name, found "
		    "%s", S_tokdesc(p));
	local = S_qname(p, p->tok.s, 0, &uri, p->tok.at);
	memset(t, 0, sizeof(*t));
	t->kind = K_ATOMIC;
	if (uri == NULL || strcmp(uri, XP_NS_XS) != 0 ||
	    (t->atype = xp_atype_find(local)) == NULL)
		S_perr(p, p->tok.at, "XPST0051", "the type %s is unknown or "
		    "not supported", p->tok.s);
	S_next(p);
}

static void
S_seqtype(struct parser *p, struct xp_test *t)
{
	int	 k;

	if (p->tok.t == T_NAME && S_after(p) == '(' &&
	    (k = S_kindname(p->tok.s)) >= 0) {
		S_kindtest(p, t, k);
		if (t->kind == K_EMPTY)
			return;
	} else
		S_atomictype(p, t);
	if (S_is(p, "?") || S_is(p, "*") || S_is(p, "+")) {
		t->occ = p->tok.s[0];
		S_next(p);
	}
}

/* ---- expressions ---- */

static const struct {
	const char	*name;
	enum xp_axis	 axis;
} axes[] = {
	{ "child", AX_CHILD }, { "descendant", AX_DESC },
	{ "attribute", AX_ATTR }, { "self", AX_SELF },
	{ "descendant-or-self", AX_DESC_SELF },
	{ "following-sibling", AX_FOLL_SIB }, { "following", AX_FOLL },
	{ "parent", AX_PARENT }, { "ancestor", AX_ANC },
	{ "preceding-sibling", AX_PREC_SIB }, { "preceding", AX_PREC },
	{ "ancestor-or-self", AX_ANC_SELF }, { NULL, 0 }
};

static void
S_preds(struct parser *p, struct xp_ast *n)
{
	int	 cap = 0;

	while (S_is(p, "[")) {
		S_next(p);
		S_addarg(p, n, S_expr(p), &cap);
		S_expect(p, "]");
	}
}

static struct xp_ast *
S_call(struct parser *p)
{
	struct xp_ast	*n, *arg;
	const char	*uri, *local, *qn = p->tok.s;
	size_t		 at = p->tok.at;
	int		 cap = 0, wrong;
	const struct xp_atype *at_;

	local = S_qname(p, qn, 0, &uri, at);
	if (strchr(qn, ':') == NULL)
		uri = XP_NS_FN;
	n = S_node(p, E_CALL, at);
	S_next(p);
	S_expect(p, "(");
	if (!S_is(p, ")"))
		for (;;) {
			arg = S_single(p);
			S_addarg(p, n, arg, &cap);
			if (!S_is(p, ","))
				break;
			S_next(p);
		}
	S_expect(p, ")");
	if (uri != NULL && strcmp(uri, XP_NS_XS) == 0) {
		if ((at_ = xp_atype_find(local)) == NULL || at_->abstract)
			S_perr(p, at, "XPST0017", "unknown function %s#%d (no "
			    "such type)", qn, n->nargs);
		if (n->nargs != 1)
			S_perr(p, at, "XPST0017", "the constructor %s takes "
			    "one argument, not %d", qn, n->nargs);
		n->op = E_CAST;
		n->a = n->args[0];
		n->t.kind = K_ATOMIC;
		n->t.atype = at_;
		n->t.occ = '?';
		return n;
	}
	n->fn = xp_fn_find(uri, local, n->nargs, &wrong);
	if (n->fn == NULL)
		S_perr(p, at, "XPST0017", wrong ? "%s takes a different "
		    "number of arguments than %d" : "unknown function %s#%d",
		    qn, n->nargs);
	if (xp_fn_check(p->x, n, p->err) != 0)
		longjmp(p->jb, 1);
	return n;
}

static struct xp_ast *
S_primary(struct parser *p)
{
	struct xp_ast	*n;
	size_t		 at = p->tok.at;
	int		 i;

	switch (p->tok.t) {
	case T_STR:
		n = S_node(p, E_STR, at);
		n->s = p->tok.s;
		S_next(p);
		return n;
	case T_INT:
		n = S_node(p, E_INT, at);
		n->i = p->tok.i;
		S_next(p);
		return n;
	case T_DEC:
	case T_DBL:
		n = S_node(p, p->tok.t == T_DEC ? E_DEC : E_DBL, at);
		n->d = p->tok.d;
		S_next(p);
		return n;
	case T_VAR:
		n = S_node(p, E_VAR, at);
		for (i = p->nsc - 1; i >= 0; i--)
			if (strcmp(p->sc[i].name, p->tok.s) == 0)
				break;
		if (i < 0)
			S_perr(p, at, "XPST0008", "unknown variable $%s",
			    p->tok.s);
		n->sub = p->sc[i].slot;
		S_next(p);
		return n;
	case T_NAME:
		return S_call(p);
	default:
		break;
	}
	if (S_is(p, "(")) {
		S_next(p);
		if (S_is(p, ")")) {
			S_next(p);
			return S_node(p, E_EMPTY, at);
		}
		n = S_expr(p);
		S_expect(p, ")");
		return n;
	}
	if (S_is(p, ".")) {
		S_next(p);
		return S_node(p, E_CTX, at);
	}
	S_perr(p, at, "XPST0003", "expected an expression, found %s",
	    S_tokdesc(p));
}

static struct xp_ast *
S_step(struct parser *p)
{
	struct xp_ast	*n;
	size_t		 at = p->tok.at;
	int		 i, k, axis = AX_CHILD, explicit = 0;
	const char	*s;

	if (S_is(p, "..")) {
		S_next(p);
		n = S_node(p, E_STEP, at);
		n->sub = AX_PARENT;
		n->t.kind = K_NODE;
		if (S_is(p, "["))
			S_perr(p, p->tok.at, "XPST0003", "a predicate after "
			    "'..'");
		return n;
	}
	if (S_is(p, "@")) {
		S_next(p);
		axis = AX_ATTR;
		explicit = 1;
	} else if (p->tok.t == T_NAME && p->src[S_skip(p, p->pos)] == ':' &&
	    p->src[S_skip(p, p->pos) + 1] == ':') {
		for (i = 0; axes[i].name != NULL; i++)
			if (strcmp(axes[i].name, p->tok.s) == 0)
				break;
		if (axes[i].name == NULL) {
			if (strcmp(p->tok.s, "namespace") == 0)
				S_perr(p, at, "TKXP0001", "the namespace axis "
				    "is not supported");
			S_perr(p, at, "XPST0003", "unknown axis '%s'",
			    p->tok.s);
		}
		axis = axes[i].axis;
		explicit = 1;
		S_next(p);
		S_expect(p, "::");
	}
	if (!explicit && (p->tok.t == T_NAME && S_after(p) == '(' &&
	    S_kindname(p->tok.s) < 0))
		return NULL;	/* a function call */
	if (!explicit && p->tok.t != T_NAME && p->tok.t != T_WILD &&
	    !S_is(p, "*"))
		return NULL;	/* a primary */
	n = S_node(p, E_STEP, at);
	if (p->tok.t == T_NAME && S_after(p) == '(' &&
	    (k = S_kindname(p->tok.s)) >= 0) {
		if (k == 7 || k == 8)
			S_perr(p, p->tok.at, "XPST0003", "%s() is not a node "
			    "test", kindtests[k]);
		S_kindtest(p, &n->t, k);
		if (!explicit && n->t.kind == K_ATTRIBUTE)
			axis = AX_ATTR;
	} else if (S_is(p, "*")) {
		n->t.kind = K_NAME;
		n->t.uri = "*";
		n->t.local = "*";
		S_next(p);
	} else if (p->tok.t == T_WILD) {
		n->t.kind = K_NAME;
		s = p->tok.s;
		if (s[0] == '*') {
			n->t.uri = "*";
			n->t.local = s + 2;
		} else {
			n->t.uri = S_prefix_uri(p, s, strlen(s) - 2, at);
			if (n->t.uri == NULL)
				n->t.uri = "";
			n->t.local = "*";
		}
		S_next(p);
	} else if (p->tok.t == T_NAME) {
		n->t.kind = K_NAME;
		n->t.local = S_qname(p, p->tok.s, axis != AX_ATTR, &n->t.uri,
		    p->tok.at);
		if (n->t.uri == NULL)
			n->t.uri = "";
		S_next(p);
	} else
		S_perr(p, p->tok.at, "XPST0003", "expected a node test, found "
		    "%s", S_tokdesc(p));
	n->sub = axis;
	S_preds(p, n);
	/* i: the predicates are boolean and positionless (a pattern
	 * tries them on the node alone, not on all its siblings) */
	n->i = 1;
	for (i = 0; i < n->nargs; i++)
		if (!S_boolpred(n->args[i]) || S_usesfocus(n->args[i]))
			n->i = 0;
	return n;
}

/* a predicate whose value is surely not a number, and that does not
 * ask for the position: [x] on child:: after descendant-or-self::node()
 * then means the same on descendant:: */
static int
S_boolpred(const struct xp_ast *n)
{
	static const char *const boolfns[] = { "not", "exists", "empty",
	    "boolean", "true", "false", "contains", "starts-with",
	    "ends-with", "matches", "lang", "deep-equal", NULL };
	int	 i;

	switch (n->op) {
	case E_GCMP: case E_VCMP: case E_NCMP: case E_AND: case E_OR:
	case E_SOME: case E_EVERY: case E_INSTANCE: case E_CASTABLE:
	case E_STEP: case E_UNION: case E_INTERSECT: case E_EXCEPT:
		break;
	case E_PATH:
		if (n->b->op != E_STEP)
			return 0;
		break;
	case E_CALL:
		if (n->fn == NULL)
			return 0;
		for (i = 0; boolfns[i] != NULL; i++)
			if (strcmp(boolfns[i], n->fn->name) == 0)
				break;
		if (boolfns[i] == NULL)
			return 0;
		break;
	default:
		return 0;
	}
	return 1;
}

static int
S_usesfocus(const struct xp_ast *n)
{
	int	 i;

	if (n == NULL)
		return 0;
	if (n->op == E_CALL && n->fn != NULL &&
	    (strcmp(n->fn->name, "position") == 0 ||
	    strcmp(n->fn->name, "last") == 0))
		return 1;
	if (S_usesfocus(n->a) || S_usesfocus(n->b) || S_usesfocus(n->c))
		return 1;
	for (i = 0; i < n->nargs; i++)
		if (S_usesfocus(n->args[i]))
			return 1;
	return 0;
}

static struct xp_ast *
S_stepexpr(struct parser *p)
{
	struct xp_ast	*n, *f;
	size_t		 at = p->tok.at;

	if ((n = S_step(p)) != NULL)
		return n;
	n = S_primary(p);
	if (S_is(p, "[")) {
		int i;
		f = S_node(p, E_FILTER, at);
		f->a = n;
		S_preds(p, f);
		/* sub: the predicates are boolean and positionless, so that
		 * a pattern (A | B)[p] matches what A | B does where p */
		f->sub = 1;
		for (i = 0; i < f->nargs; i++)
			if (!S_boolpred(f->args[i]) ||
			    S_usesfocus(f->args[i]))
				f->sub = 0;
		n = f;
	}
	return n;
}

static struct xp_ast *
S_descself(struct parser *p, size_t at)
{
	struct xp_ast	*n = S_node(p, E_STEP, at);

	n->sub = AX_DESC_SELF;
	n->t.kind = K_NODE;
	return n;
}

/* X//step: X/descendant-or-self::node()/step, or, when that is the
 * same, X/descendant::step (no list of every node to build and sort) */
static struct xp_ast *
S_slashslash(struct parser *p, struct xp_ast *x, struct xp_ast *step,
    size_t at)
{
	int	 i;

	if (step->op == E_STEP && step->sub == AX_CHILD) {
		for (i = 0; i < step->nargs; i++)
			if (!S_boolpred(step->args[i]) ||
			    S_usesfocus(step->args[i]))
				break;
		if (i == step->nargs) {
			step->sub = AX_DESC;
			return S_bin(p, E_PATH, 0, x, step, at);
		}
	}
	x = S_bin(p, E_PATH, 0, x, S_descself(p, at), at);
	return S_bin(p, E_PATH, 0, x, step, at);
}

static int
S_startsstep(struct parser *p)
{
	switch (p->tok.t) {
	case T_NAME: case T_WILD: case T_STR: case T_INT: case T_DEC:
	case T_DBL: case T_VAR:
		return 1;
	case T_SYM:
		return S_is(p, "*") || S_is(p, "@") || S_is(p, "(") ||
		    S_is(p, ".") || S_is(p, "..");
	default:
		return 0;
	}
}

static struct xp_ast *
S_path(struct parser *p)
{
	struct xp_ast	*n;
	size_t		 at = p->tok.at;

	if (S_is(p, "/")) {
		S_next(p);
		n = S_node(p, E_ROOT, at);
		/* a lone '/', unless a step follows ('/ * 2' is not one) */
		if (!S_startsstep(p))
			return n;
		n = S_bin(p, E_PATH, 0, n, S_stepexpr(p), at);
	} else if (S_is(p, "//")) {
		S_next(p);
		n = S_node(p, E_ROOT, at);
		n = S_slashslash(p, n, S_stepexpr(p), at);
	} else
		n = S_stepexpr(p);
	for (;;) {
		at = p->tok.at;
		if (S_is(p, "/")) {
			S_next(p);
			n = S_bin(p, E_PATH, 0, n, S_stepexpr(p), at);
		} else if (S_is(p, "//")) {
			S_next(p);
			n = S_slashslash(p, n, S_stepexpr(p), at);
		} else
			return n;
	}
}

static struct xp_ast *
S_unary(struct parser *p)
{
	struct xp_ast	*n;
	size_t		 at = p->tok.at;

	if (S_is(p, "-") || S_is(p, "+")) {
		int neg = S_is(p, "-");
		S_next(p);
		S_enter(p);
		n = S_node(p, neg ? E_NEG : E_POS, at);
		n->a = S_unary(p);
		p->depth--;
		return n;
	}
	n = S_path(p);
	while (S_is(p, "!")) {	/* XPath 3.0's simple map */
		size_t at2 = p->tok.at;
		S_next(p);
		n = S_bin(p, E_MAP, 0, n, S_path(p), at2);
	}
	return n;
}

static struct xp_ast *
S_cast(struct parser *p)
{
	struct xp_ast	*n = S_unary(p), *c;
	size_t		 at = p->tok.at;
	int		 castable;

	if (S_isname(p, "treat") && strncmp(p->src + S_skip(p, p->pos),
	    "as", 2) == 0)
		S_perr(p, at, "TKXP0001", "'treat as' is not supported");
	if ((S_isname(p, "castable") || S_isname(p, "cast")) &&
	    strncmp(p->src + S_skip(p, p->pos), "as", 2) == 0) {
		castable = S_isname(p, "castable");
		S_next(p);
		S_expectkw(p, "as");
		c = S_node(p, castable ? E_CASTABLE : E_CAST, at);
		c->a = n;
		S_atomictype(p, &c->t);
		if (c->t.atype->abstract)
			S_perr(p, at, "XPST0080", "cannot cast to the abstract "
			    "type xs:%s", c->t.atype->name);
		if (S_is(p, "?")) {
			c->t.occ = '?';
			S_next(p);
		}
		n = c;
	}
	return n;
}

static struct xp_ast *
S_instance(struct parser *p)
{
	struct xp_ast	*n = S_cast(p), *c;
	size_t		 at = p->tok.at;

	if (S_isname(p, "instance") && strncmp(p->src + S_skip(p, p->pos),
	    "of", 2) == 0) {
		S_next(p);
		S_expectkw(p, "of");
		c = S_node(p, E_INSTANCE, at);
		c->a = n;
		S_seqtype(p, &c->t);
		n = c;
	}
	return n;
}

static struct xp_ast *
S_intersect(struct parser *p)
{
	struct xp_ast	*n = S_instance(p);
	size_t		 at;

	for (;;) {
		at = p->tok.at;
		if (S_isname(p, "intersect")) {
			S_next(p);
			n = S_bin(p, E_INTERSECT, 0, n, S_instance(p), at);
		} else if (S_isname(p, "except")) {
			S_next(p);
			n = S_bin(p, E_EXCEPT, 0, n, S_instance(p), at);
		} else
			return n;
	}
}

static struct xp_ast *
S_union(struct parser *p)
{
	struct xp_ast	*n = S_intersect(p);
	size_t		 at;

	for (;;) {
		at = p->tok.at;
		if (!S_isname(p, "union") && !S_is(p, "|"))
			return n;
		S_next(p);
		n = S_bin(p, E_UNION, 0, n, S_intersect(p), at);
	}
}

static struct xp_ast *
S_mult(struct parser *p)
{
	struct xp_ast	*n = S_union(p);
	size_t		 at;
	enum xp_op	 op;

	for (;;) {
		at = p->tok.at;
		if (S_is(p, "*"))
			op = E_MUL;
		else if (S_isname(p, "div"))
			op = E_DIV;
		else if (S_isname(p, "idiv"))
			op = E_IDIV;
		else if (S_isname(p, "mod"))
			op = E_MOD;
		else
			return n;
		S_next(p);
		n = S_bin(p, op, 0, n, S_union(p), at);
	}
}

static struct xp_ast *
S_additive(struct parser *p)
{
	struct xp_ast	*n = S_mult(p);
	size_t		 at;
	enum xp_op	 op;

	for (;;) {
		at = p->tok.at;
		if (S_is(p, "+"))
			op = E_ADD;
		else if (S_is(p, "-"))
			op = E_SUB;
		else
			return n;
		S_next(p);
		n = S_bin(p, op, 0, n, S_mult(p), at);
	}
}

static struct xp_ast *
S_range(struct parser *p)
{
	struct xp_ast	*n = S_additive(p);
	size_t		 at = p->tok.at;

	if (S_isname(p, "to")) {
		S_next(p);
		n = S_bin(p, E_TO, 0, n, S_additive(p), at);
	}
	return n;
}

/* XPath 3.0's ||, which TEI's own rules use */
static struct xp_ast *
S_strconcat(struct parser *p)
{
	struct xp_ast	*n = S_range(p);
	size_t		 at;

	while (S_is(p, "||")) {
		at = p->tok.at;
		S_next(p);
		n = S_bin(p, E_CONCAT, 0, n, S_range(p), at);
	}
	return n;
}

static struct xp_ast *
S_comparison(struct parser *p)
{
	static const struct {
		const char	*s;
		int		 name;
		enum xp_op	 op;
		enum xp_cmp	 cmp;
	} ops[] = {
		{ "=", 0, E_GCMP, C_EQ }, { "!=", 0, E_GCMP, C_NE },
		{ "<", 0, E_GCMP, C_LT }, { "<=", 0, E_GCMP, C_LE },
		{ ">", 0, E_GCMP, C_GT }, { ">=", 0, E_GCMP, C_GE },
		{ "eq", 1, E_VCMP, C_EQ }, { "ne", 1, E_VCMP, C_NE },
		{ "lt", 1, E_VCMP, C_LT }, { "le", 1, E_VCMP, C_LE },
		{ "gt", 1, E_VCMP, C_GT }, { "ge", 1, E_VCMP, C_GE },
		{ "is", 1, E_NCMP, C_IS }, { "<<", 0, E_NCMP, C_PRE },
		{ ">>", 0, E_NCMP, C_FOL }, { NULL, 0, 0, 0 }
	};
	struct xp_ast	*n = S_strconcat(p);
	size_t		 at = p->tok.at;
	int		 i;

	for (i = 0; ops[i].s != NULL; i++)
		if (ops[i].name ? S_isname(p, ops[i].s) : S_is(p, ops[i].s))
			break;
	if (ops[i].s == NULL)
		return n;
	S_next(p);
	n = S_bin(p, ops[i].op, ops[i].cmp, n, S_strconcat(p), at);
	for (i = 0; ops[i].s != NULL; i++)
		if (ops[i].name ? S_isname(p, ops[i].s) : S_is(p, ops[i].s))
			S_perr(p, p->tok.at, "XPST0003", "comparisons do not "
			    "chain: parenthesize '%s'", ops[i].s);
	return n;
}

static struct xp_ast *
S_and(struct parser *p)
{
	struct xp_ast	*n = S_comparison(p);
	size_t		 at;

	while (S_isname(p, "and")) {
		at = p->tok.at;
		S_next(p);
		n = S_bin(p, E_AND, 0, n, S_comparison(p), at);
	}
	return n;
}

static struct xp_ast *
S_or(struct parser *p)
{
	struct xp_ast	*n = S_and(p);
	size_t		 at;

	while (S_isname(p, "or")) {
		at = p->tok.at;
		S_next(p);
		n = S_bin(p, E_OR, 0, n, S_and(p), at);
	}
	return n;
}

static int
S_bind(struct parser *p, const char *name)
{
	struct scope	*v;

	if (p->nsc == p->capsc) {
		p->capsc = p->capsc ? p->capsc * 2 : 16;
		v = xa_alloc(&p->x->ar, p->capsc * sizeof(*v));
		if (p->nsc)
			memcpy(v, p->sc, p->nsc * sizeof(*v));
		p->sc = v;
	}
	p->sc[p->nsc].name = name;
	p->sc[p->nsc].slot = p->x->nslots++;
	return p->sc[p->nsc++].slot;
}

/* for/some/every: one binding, the rest nested */
static struct xp_ast *
S_binding(struct parser *p, enum xp_op op, size_t at)
{
	struct xp_ast	*n = S_node(p, op, at);
	const char	*name;

	S_enter(p);
	if (p->tok.t != T_VAR)
		S_perr(p, p->tok.at, "XPST0003", "expected a variable, found "
		    "%s", S_tokdesc(p));
	name = p->tok.s;
	S_next(p);
	if (op == E_LET)
		S_expect(p, ":=");
	else
		S_expectkw(p, "in");
	n->a = S_single(p);
	n->sub = S_bind(p, name);
	if (S_is(p, ",")) {
		S_next(p);
		n->b = S_binding(p, op, p->tok.at);
	} else {
		S_expectkw(p, op == E_FOR || op == E_LET ? "return" :
		    "satisfies");
		n->b = S_single(p);
	}
	p->nsc--;
	p->depth--;
	return n;
}

static struct xp_ast *
S_single(struct parser *p)
{
	struct xp_ast	*n;
	size_t		 at = p->tok.at;
	char		 nx;

	S_enter(p);
	nx = S_after(p);
	if (p->tok.t == T_NAME && nx == '$' && (S_isname(p, "for") ||
	    S_isname(p, "some") || S_isname(p, "every") ||
	    S_isname(p, "let"))) {
		enum xp_op op = S_isname(p, "for") ? E_FOR :
		    S_isname(p, "let") ? E_LET :
		    S_isname(p, "some") ? E_SOME : E_EVERY;
		S_next(p);
		n = S_binding(p, op, at);
	} else if (S_isname(p, "if") && nx == '(') {
		S_next(p);
		n = S_node(p, E_IF, at);
		S_expect(p, "(");
		n->a = S_expr(p);
		S_expect(p, ")");
		S_expectkw(p, "then");
		n->b = S_single(p);
		S_expectkw(p, "else");
		n->c = S_single(p);
	} else
		n = S_or(p);
	p->depth--;
	return n;
}

static struct xp_ast *
S_expr(struct parser *p)
{
	struct xp_ast	*n = S_single(p), *seq;
	int		 cap = 0;

	if (!S_is(p, ","))
		return n;
	seq = S_node(p, E_SEQ, p->tok.at);
	S_addarg(p, seq, n, &cap);
	while (S_is(p, ",")) {
		S_next(p);
		S_addarg(p, seq, S_single(p), &cap);
	}
	return seq;
}

/* the depth of the tree, counted no further than the limit */
static int
S_depth(const struct xp_ast *n, int d)
{
	int	 i, m = d, k;

	if (n == NULL)
		return d - 1;
	if (d > XP_DEPTH_MAX * 2)
		return d;
	if ((k = S_depth(n->a, d + 1)) > m) m = k;
	if (m > XP_DEPTH_MAX * 2)
		return m;
	if ((k = S_depth(n->b, d + 1)) > m) m = k;
	if ((k = S_depth(n->c, d + 1)) > m) m = k;
	for (i = 0; i < n->nargs && m <= XP_DEPTH_MAX * 2; i++)
		if ((k = S_depth(n->args[i], d + 1)) > m)
			m = k;
	return m;
}

struct xp_expr *
xp_compile(const char *expr, const struct xp_ns *ns, size_t nns,
    const char *const *vars, size_t nvars, struct xp_error *err)
{
	struct parser	 p;
	struct xp_expr	*volatile x;
	size_t		 i;

	memset(err, 0, sizeof(*err));
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		snprintf(err->code, sizeof(err->code), "TKXP0003");
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return NULL;
	}
	memset(&p, 0, sizeof(p));
	p.src = expr;
	p.x = x;
	p.err = err;
	p.ns = ns;
	p.nns = nns;
	x->ar.oom = &p.jb;
	x->ar.err = err;
	if (setjmp(p.jb)) {
		xp_free(x);
		return NULL;
	}
	x->text = xa_strndup(&x->ar, expr, strlen(expr));
	p.src = x->text;
	for (i = 0; i < nvars; i++)
		S_bind(&p, xa_strndup(&x->ar, vars[i], strlen(vars[i])));
	x->nvars = nvars;
	S_next(&p);
	if (p.tok.t == T_EOF)
		S_perr(&p, 0, "XPST0003", "an empty expression");
	x->root = S_expr(&p);
	if (p.tok.t != T_EOF)
		S_perr(&p, p.tok.at, "XPST0003", "unexpected %s",
		    S_tokdesc(&p));
	if (S_depth(x->root, 1) > XP_DEPTH_MAX * 2)
		S_perr(&p, 0, "TKXP0002", "an expression nested more than %d "
		    "deep", XP_DEPTH_MAX * 2);
	return x;
}

void
xp_free(struct xp_expr *x)
{
	size_t	 i;

	if (x == NULL)
		return;
	for (i = 0; i < x->nres; i++)
		xp_regex_free(x->res[i]);
	free(x->res);
	xa_free(&x->ar);
	free(x);
}
