/*
 * xpeval.c -- the XPath 2.0 evaluator: walks the syntax tree of xpath.c
 * over libxml2's tree, with every value in one arena per evaluation
 * (freed with the result, or at once on a dynamic error, reached by
 * longjmp).  Also the atomic values: casts, comparisons, arithmetic,
 * and their lexical forms.
 *
 * Also xp_match: a node against a pattern (a Schematron rule's
 * context), upwards where the pattern allows it.
 *
 * STATUS: all operators of XPath 2.0 but `treat as`; xs:decimal is a
 * double (15-17 significant digits); the implicit timezone is UTC;
 * xs:string's derived types are strings labelled with their type;
 * collation is codepoint only.  Nodes: element, attribute, text (and
 * CDATA), comment, processing instruction, document; DTD nodes,
 * entity references and XInclude markers are invisible.  A pattern
 * that is not a path of child/attribute steps (id('x'), $v/p, (p)[1])
 * costs a walk of the document a match: a Schematron engine should
 * evaluate such a context once per document and keep the nodes.
 * Namespace nodes do not exist (the axis is refused at compile time).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "xpint.h"

void
xp_fail(struct xp_ctx *c, int col, const char *code, const char *fmt, ...)
{
	va_list	 ap;

	snprintf(c->err->code, sizeof(c->err->code), "%s", code);
	c->err->col = col;
	va_start(ap, fmt);
	vsnprintf(c->err->msg, sizeof(c->err->msg), fmt, ap);
	va_end(ap);
	longjmp(c->jb, 1);
}

/* ---- items ---- */

struct xp_item
xp_mk_str(const char *s)
{
	struct xp_item	 it;

	memset(&it, 0, sizeof(it));
	it.type = XP_STRING;
	it.v.s = s;
	return it;
}

struct xp_item
xp_mk_int(int64_t i)
{
	struct xp_item	 it;

	memset(&it, 0, sizeof(it));
	it.type = XP_INTEGER;
	it.v.i = i;
	return it;
}

struct xp_item
xp_mk_dbl(enum xp_type t, double d)
{
	struct xp_item	 it;

	memset(&it, 0, sizeof(it));
	it.type = t;
	it.v.d = t == XP_FLOAT ? (double)(float)d : d;
	return it;
}

struct xp_item
xp_mk_bool(int b)
{
	struct xp_item	 it;

	memset(&it, 0, sizeof(it));
	it.type = XP_BOOLEAN;
	it.v.b = b != 0;
	return it;
}

static struct xp_item
S_mk_node(xmlNodePtr n)
{
	struct xp_item	 it;

	memset(&it, 0, sizeof(it));
	it.type = XP_NODE;
	it.v.node = n;
	return it;
}

struct xp_seq
xp_one(struct xp_ctx *c, struct xp_item it)
{
	struct xp_seq	 s;

	s.n = 1;
	s.it = xa_alloc(&c->ar, sizeof(it));
	s.it[0] = it;
	return s;
}

static struct xp_seq
S_empty(void)
{
	struct xp_seq	 s = { 0, NULL };

	return s;
}

static struct xp_seq
S_sbseq(struct xp_sb *sb)
{
	struct xp_seq	 s;

	s.n = sb->n;
	s.it = sb->it;
	return s;
}

int
xp_is_numeric(enum xp_type t)
{
	return t == XP_INTEGER || t == XP_DECIMAL || t == XP_FLOAT ||
	    t == XP_DOUBLE;
}

double
xp_num(const struct xp_item *it)
{
	return it->type == XP_INTEGER ? (double)it->v.i : it->v.d;
}

static int
S_is_stringlike(enum xp_type t)
{
	return t == XP_STRING || t == XP_UNTYPED || t == XP_ANYURI;
}

/* ---- nodes ---- */

static int
S_visible(xmlNodePtr n)
{
	switch (n->type) {
	case XML_ELEMENT_NODE:
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
	case XML_COMMENT_NODE:
	case XML_PI_NODE:
		return 1;
	default:
		return 0;
	}
}

static int
S_isdoc(xmlNodePtr n)
{
	return n->type == XML_DOCUMENT_NODE ||
	    n->type == XML_HTML_DOCUMENT_NODE;
}

const char *
xp_node_string(struct xp_arena *a, xmlNodePtr n)
{
	xmlChar		*s;
	char		*r;

	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
	case XML_COMMENT_NODE:
	case XML_PI_NODE:
		return n->content ? (const char *)n->content : "";
	case XML_ATTRIBUTE_NODE:
		if (n->children != NULL && n->children->next == NULL &&
		    n->children->type == XML_TEXT_NODE)
			return n->children->content ?
			    (const char *)n->children->content : "";
		/* FALLTHROUGH */
	default:
		if ((s = xmlNodeGetContent(n)) == NULL)
			return "";
		r = xa_strndup(a, (const char *)s, strlen((char *)s));
		xmlFree(s);
		return r;
	}
}

int
xp_node_cmp(xmlNodePtr a, xmlNodePtr b)
{
	int	 r;

	if (a == b)
		return 0;
	r = xmlXPathCmpNodes(a, b);
	if (r == 1)
		return -1;
	if (r == -1)
		return 1;
	if (r == 0)
		return 0;
	return a->doc < b->doc ? -1 : 1;	/* other documents: stable */
}

static int
S_qcmp(const void *x, const void *y)
{
	const struct xp_item *a = x, *b = y;

	return xp_node_cmp(a->v.node, b->v.node);
}

/* sort nodes into document order, without duplicates */
struct xp_seq
xp_docorder(struct xp_ctx *c, struct xp_sb *sb)
{
	size_t	 i, j;
	int	 sorted = 1;

	(void)c;
	for (i = 1; i < sb->n; i++)
		if (xp_node_cmp(sb->it[i - 1].v.node, sb->it[i].v.node) >= 0) {
			sorted = 0;
			break;
		}
	if (!sorted) {
		qsort(sb->it, sb->n, sizeof(*sb->it), S_qcmp);
		for (i = j = 0; i < sb->n; i++)
			if (j == 0 || sb->it[j - 1].v.node != sb->it[i].v.node)
				sb->it[j++] = sb->it[i];
		sb->n = j;
	}
	return S_sbseq(sb);
}

/* ---- lexical forms ---- */

/* shortest digits that read back as d (positive, finite): d = 0.DIGITS
 * times ten to the *e */
static void
S_digits(double d, int isfloat, char *dig, int *e)
{
	char	 buf[40], *p, *q;
	int	 prec;

	/* xs:decimal (isfloat 2): 15 digits, what a double holds surely */
	if (isfloat == 2)
		snprintf(buf, sizeof(buf), "%.14e", d);
	else for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, d);
		if (isfloat ? (float)strtod(buf, NULL) == (float)d :
		    strtod(buf, NULL) == d)
			break;
	}
	q = dig;
	for (p = buf; *p != 'e'; p++)
		if (isdigit((unsigned char)*p))
			*q++ = *p;
	while (q > dig + 1 && q[-1] == '0')
		q--;
	*q = '\0';
	*e = atoi(p + 1) + 1;
}

static const char *
S_fmt_plain(struct xp_arena *a, double d, int isfloat)
{
	char	 dig[40], out[400], *o = out;
	int	 e, n, i;

	if (d == 0)
		return signbit(d) ? "-0" : "0";
	if (d < 0) {
		*o++ = '-';
		d = -d;
	}
	S_digits(d, isfloat, dig, &e);
	n = strlen(dig);
	if (e > 330 || e < -330)
		return xa_printf(a, "%s%.17g", d < 0 ? "-" : "", d);
	if (e <= 0) {
		*o++ = '0';
		*o++ = '.';
		for (i = 0; i < -e; i++)
			*o++ = '0';
		memcpy(o, dig, n);
		o += n;
	} else {
		for (i = 0; i < e; i++)
			*o++ = i < n ? dig[i] : '0';
		if (n > e) {
			*o++ = '.';
			memcpy(o, dig + e, n - e);
			o += n - e;
		}
	}
	*o = '\0';
	return xa_strndup(a, out, o - out);
}

static const char *
S_fmt_double(struct xp_arena *a, double d, int isfloat)
{
	char	 dig[40];
	int	 e;
	double	 ad = fabs(d);

	if (isnan(d))
		return "NaN";
	if (isinf(d))
		return d > 0 ? "INF" : "-INF";
	if (d == 0)
		return signbit(d) ? "-0" : "0";
	if (ad >= 1e-6 && ad < 1e6)
		return S_fmt_plain(a, d, isfloat);
	S_digits(ad, isfloat, dig, &e);
	return xa_printf(a, "%s%c.%sE%d", d < 0 ? "-" : "", dig[0],
	    dig[1] ? dig + 1 : "0", e - 1);
}

/* days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant) */
static int64_t
S_days(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
S_civil(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

static int
S_mdays(int64_t y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

static const char *
S_fmt_tz(int tz, char *buf)
{
	if (tz == XP_NOTZ)
		return "";
	if (tz == 0)
		return "Z";
	snprintf(buf, 24, "%c%02d:%02d", tz < 0 ? '-' : '+', abs(tz) / 60,
	    abs(tz) % 60);
	return buf;
}

static const char *
S_fmt_date(struct xp_arena *a, const struct xp_item *it)
{
	int64_t	 y;
	int	 m, d, h, mi;
	char	 tz[24], ys[24], secs[48];
	double	 s = it->v.dt.sec;

	S_civil(it->v.dt.day, &y, &m, &d);
	snprintf(ys, sizeof(ys), "%s%04lld", y < 0 ? "-" : "",
	    (long long)(y < 0 ? -y : y));
	if (it->type == XP_DATE)
		return xa_printf(a, "%s-%02d-%02d%s", ys, m, d,
		    S_fmt_tz(it->v.dt.tz, tz));
	h = (int)(s / 3600);
	mi = (int)((s - h * 3600) / 60);
	s -= h * 3600 + mi * 60;
	if (s == floor(s))
		snprintf(secs, sizeof(secs), "%02d", (int)s);
	else {
		snprintf(secs, sizeof(secs), "%s%s", s < 10 ? "0" : "",
		    S_fmt_plain(a, s, 0));
	}
	return xa_printf(a, "%s-%02d-%02dT%02d:%02d:%s%s", ys, m, d, h, mi,
	    secs, S_fmt_tz(it->v.dt.tz, tz));
}

static const char *
S_fmt_dur(struct xp_arena *a, const struct xp_item *it)
{
	char		 buf[128], *o = buf;
	double		 s = it->v.d;
	int64_t		 days, h, m, mo;

	if (it->type == XP_YMDURATION) {
		mo = (int64_t)it->v.d;
		if (mo == 0)
			return "P0M";
		if (mo < 0) {
			*o++ = '-';
			mo = -mo;
		}
		*o++ = 'P';
		if (mo / 12)
			o += sprintf(o, "%lldY", (long long)(mo / 12));
		if (mo % 12)
			o += sprintf(o, "%lldM", (long long)(mo % 12));
		return xa_strndup(a, buf, o - buf);
	}
	if (s == 0)
		return "PT0S";
	if (s < 0) {
		*o++ = '-';
		s = -s;
	}
	*o++ = 'P';
	days = (int64_t)(s / 86400);
	s -= days * 86400.0;
	h = (int64_t)(s / 3600);
	s -= h * 3600.0;
	m = (int64_t)(s / 60);
	s -= m * 60.0;
	if (days)
		o += sprintf(o, "%lldD", (long long)days);
	if (h || m || s > 0) {
		*o++ = 'T';
		if (h)
			o += sprintf(o, "%lldH", (long long)h);
		if (m)
			o += sprintf(o, "%lldM", (long long)m);
		if (s > 0)
			o += sprintf(o, "%sS", S_fmt_plain(a, s, 0));
	}
	return xa_strndup(a, buf, o - buf);
}

const char *
xp_item_string(struct xp_ctx *c, const struct xp_item *it)
{
	switch (it->type) {
	case XP_NODE:
		return xp_node_string(&c->ar, it->v.node);
	case XP_UNTYPED:
	case XP_STRING:
	case XP_ANYURI:
		return it->v.s;
	case XP_BOOLEAN:
		return it->v.b ? "true" : "false";
	case XP_INTEGER:
		return xa_printf(&c->ar, "%lld", (long long)it->v.i);
	case XP_DECIMAL:
		if (it->v.d == 0)
			return "0";
		return S_fmt_plain(&c->ar, it->v.d, 2);
	case XP_FLOAT:
	case XP_DOUBLE:
		return S_fmt_double(&c->ar, it->v.d, it->type == XP_FLOAT);
	case XP_DATE:
	case XP_DATETIME:
		return S_fmt_date(&c->ar, it);
	case XP_DTDURATION:
	case XP_YMDURATION:
		return S_fmt_dur(&c->ar, it);
	}
	return "";
}

struct xp_seq
xp_atomize(struct xp_ctx *c, struct xp_seq s)
{
	struct xp_seq	 r;
	size_t		 i;

	for (i = 0; i < s.n; i++)
		if (s.it[i].type == XP_NODE)
			break;
	if (i == s.n)
		return s;
	r.n = s.n;
	r.it = xa_alloc(&c->ar, s.n * sizeof(*r.it));
	for (i = 0; i < s.n; i++) {
		r.it[i] = s.it[i];
		if (s.it[i].type == XP_NODE) {
			r.it[i].type = XP_UNTYPED;
			r.it[i].sub = NULL;
			r.it[i].v.s = xp_node_string(&c->ar, s.it[i].v.node);
		}
	}
	return r;
}

int
xp_ebv_ctx(struct xp_ctx *c, struct xp_seq s, int col)
{
	const struct xp_item *it;

	if (s.n == 0)
		return 0;
	it = &s.it[0];
	if (it->type == XP_NODE)
		return 1;
	if (s.n > 1)
		xp_fail(c, col, "FORG0006", "no effective boolean value for a "
		    "sequence of %zu items not starting with a node", s.n);
	switch (it->type) {
	case XP_BOOLEAN:
		return it->v.b;
	case XP_STRING:
	case XP_UNTYPED:
	case XP_ANYURI:
		return it->v.s[0] != '\0';
	case XP_INTEGER:
		return it->v.i != 0;
	case XP_DECIMAL:
	case XP_FLOAT:
	case XP_DOUBLE:
		return it->v.d != 0 && !isnan(it->v.d);
	default:
		xp_fail(c, col, "FORG0006", "no effective boolean value for "
		    "a date or duration");
	}
}

/* ---- casts ---- */

static const struct xp_atype atypes[] = {
	{ "anyAtomicType", XP_STRING, NULL, 1 },
	{ "untypedAtomic", XP_UNTYPED, NULL, 0 },
	{ "string", XP_STRING, NULL, 0 },
	{ "normalizedString", XP_STRING, "normalizedString", 0 },
	{ "token", XP_STRING, "token", 0 },
	{ "language", XP_STRING, "language", 0 },
	{ "NMTOKEN", XP_STRING, "NMTOKEN", 0 },
	{ "Name", XP_STRING, "Name", 0 },
	{ "NCName", XP_STRING, "NCName", 0 },
	{ "ID", XP_STRING, "ID", 0 },
	{ "IDREF", XP_STRING, "IDREF", 0 },
	{ "ENTITY", XP_STRING, "ENTITY", 0 },
	{ "anyURI", XP_ANYURI, NULL, 0 },
	{ "boolean", XP_BOOLEAN, NULL, 0 },
	{ "decimal", XP_DECIMAL, NULL, 0 },
	{ "integer", XP_INTEGER, NULL, 0 },
	{ "long", XP_INTEGER, "long", 0 },
	{ "int", XP_INTEGER, "int", 0 },
	{ "short", XP_INTEGER, "short", 0 },
	{ "byte", XP_INTEGER, "byte", 0 },
	{ "nonNegativeInteger", XP_INTEGER, "nonNegativeInteger", 0 },
	{ "positiveInteger", XP_INTEGER, "positiveInteger", 0 },
	{ "nonPositiveInteger", XP_INTEGER, "nonPositiveInteger", 0 },
	{ "negativeInteger", XP_INTEGER, "negativeInteger", 0 },
	{ "unsignedLong", XP_INTEGER, "unsignedLong", 0 },
	{ "unsignedInt", XP_INTEGER, "unsignedInt", 0 },
	{ "unsignedShort", XP_INTEGER, "unsignedShort", 0 },
	{ "unsignedByte", XP_INTEGER, "unsignedByte", 0 },
	{ "float", XP_FLOAT, NULL, 0 },
	{ "double", XP_DOUBLE, NULL, 0 },
	{ "date", XP_DATE, NULL, 0 },
	{ "dateTime", XP_DATETIME, NULL, 0 },
	{ "dayTimeDuration", XP_DTDURATION, NULL, 0 },
	{ "yearMonthDuration", XP_YMDURATION, NULL, 0 },
	{ NULL, 0, NULL, 0 }
};

const struct xp_atype *
xp_atype_find(const char *local)
{
	int	 i;

	for (i = 0; atypes[i].name != NULL; i++)
		if (strcmp(atypes[i].name, local) == 0)
			return &atypes[i];
	return NULL;
}

static const char *
S_typename(const struct xp_item *it)
{
	int	 i;

	if (it->type == XP_NODE)
		return "node()";
	if (it->sub != NULL)
		return it->sub;
	for (i = 1; atypes[i].name != NULL; i++)
		if (atypes[i].type == it->type && atypes[i].sub == NULL)
			return atypes[i].name;
	return "?";
}

/* whitespace collapsed (token) or not; *len set */
static const char *
S_trim(const char *s, size_t *len)
{
	size_t	 n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

static int
S_lex_integer(const char *s, size_t n, int64_t *v, int *range)
{
	size_t	 i = 0;
	int	 neg = 0;
	int64_t	 r = 0;

	*range = 0;
	if (n > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == n)
		return -1;
	for (; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		if (__builtin_mul_overflow(r, 10, &r) ||
		    __builtin_add_overflow(r, neg ? -(s[i] - '0') :
		    s[i] - '0', &r))
			*range = 1;
	}
	*v = r;
	return 0;
}

static int
S_lex_decimal(const char *s, size_t n, double *v)
{
	size_t	 i = 0, digits = 0;
	char	 buf[512];

	if (n > 0 && (s[0] == '+' || s[0] == '-'))
		i++;
	for (; i < n && isdigit((unsigned char)s[i]); i++)
		digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && isdigit((unsigned char)s[i]); i++)
			digits++;
	if (i != n || digits == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtod(buf, NULL);
	return 0;
}

static int
S_lex_double(const char *s, size_t n, double *v)
{
	size_t	 i = 0, e;
	char	 buf[512];

	if (n == 3 && strncmp(s, "INF", 3) == 0) {
		*v = INFINITY;
		return 0;
	}
	if (n == 4 && strncmp(s, "-INF", 4) == 0) {
		*v = -INFINITY;
		return 0;
	}
	if (n == 3 && strncmp(s, "NaN", 3) == 0) {
		*v = NAN;
		return 0;
	}
	for (e = 0; e < n && s[e] != 'e' && s[e] != 'E'; e++)
		continue;
	if (S_lex_decimal(s, e, v) != 0)
		return -1;
	if (e < n) {
		i = e + 1;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i == n)
			return -1;
		for (; i < n; i++)
			if (!isdigit((unsigned char)s[i]))
				return -1;
	}
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtod(buf, NULL);
	return 0;
}

static int
S_num2(const char *s, size_t n, int *v)
{
	if (n < 2 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]))
		return -1;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

/* xs:date or xs:dateTime (time set) */
static int
S_lex_date(const char *s, size_t n, int time, struct xp_item *it)
{
	size_t	 i = 0, ys;
	int64_t	 y = 0;
	int	 m, d, h = 0, mi = 0, neg = 0, th, tm;
	double	 sec = 0;

	if (i < n && s[i] == '-') {
		neg = 1;
		i++;
	}
	for (ys = i; i < n && isdigit((unsigned char)s[i]); i++)
		if (i - ys < 12)
			y = y * 10 + (s[i] - '0');
	if (i - ys < 4 || i - ys > 12 || (i - ys > 4 && s[ys] == '0'))
		return -1;
	if (neg)
		y = -y;
	if (y == 0)
		return -1;	/* no year 0 in XML Schema 1.0 */
	if (y < 0)
		y++;		/* 1 BCE is year 0 proleptic */
	if (i >= n || s[i++] != '-' || S_num2(s + i, n - i, &m) != 0)
		return -1;
	i += 2;
	if (i >= n || s[i++] != '-' || S_num2(s + i, n - i, &d) != 0)
		return -1;
	i += 2;
	if (m < 1 || m > 12 || d < 1 || d > S_mdays(y, m))
		return -1;
	if (time) {
		if (i >= n || s[i++] != 'T' ||
		    S_num2(s + i, n - i, &h) != 0 || s[i + 2] != ':' ||
		    S_num2(s + i + 3, n - i - 3, &mi) != 0 ||
		    s[i + 5] != ':' || i + 8 > n)
			return -1;
		i += 6;
		if (!isdigit((unsigned char)s[i]) ||
		    !isdigit((unsigned char)s[i + 1]))
			return -1;
		sec = (s[i] - '0') * 10 + (s[i + 1] - '0');
		i += 2;
		if (i < n && s[i] == '.') {
			double f = 0.1;
			if (i + 1 >= n || !isdigit((unsigned char)s[i + 1]))
				return -1;
			for (i++; i < n && isdigit((unsigned char)s[i]); i++) {
				sec += (s[i] - '0') * f;
				f /= 10;
			}
		}
		if (h > 24 || mi > 59 || sec >= 60 ||
		    (h == 24 && (mi != 0 || sec != 0)))
			return -1;
	}
	it->v.dt.tz = XP_NOTZ;
	if (i < n) {
		if (s[i] == 'Z' && i + 1 == n)
			it->v.dt.tz = 0;
		else if ((s[i] == '+' || s[i] == '-') && i + 6 == n &&
		    S_num2(s + i + 1, 2, &th) == 0 && s[i + 3] == ':' &&
		    S_num2(s + i + 4, 2, &tm) == 0 && th <= 14 && tm < 60 &&
		    (th < 14 || tm == 0))
			it->v.dt.tz = (s[i] == '-' ? -1 : 1) * (th * 60 + tm);
		else
			return -1;
	}
	it->type = time ? XP_DATETIME : XP_DATE;
	it->v.dt.day = S_days(y, m, d);
	it->v.dt.sec = h * 3600 + mi * 60 + sec;
	if (h == 24) {
		it->v.dt.day++;
		it->v.dt.sec = 0;
	}
	return 0;
}

/* a duration: months and seconds; which: 0 any, 'd' dayTime, 'y' yM */
static int
S_lex_dur(const char *s, size_t n, int which, double *months, double *secs)
{
	size_t	 i = 0;
	int	 neg = 0, t = 0, any = 0, last = 0, k;
	static const char order[] = "YMDHMS";
	double	 v;
	char	*end, buf[64];

	*months = *secs = 0;
	if (i < n && s[i] == '-') {
		neg = 1;
		i++;
	}
	if (i >= n || s[i++] != 'P')
		return -1;
	while (i < n) {
		if (s[i] == 'T') {
			if (t)
				return -1;
			t = 1;
			last = 3;
			i++;
			if (i == n)
				return -1;
			continue;
		}
		if (!isdigit((unsigned char)s[i]) || n - i >= sizeof(buf))
			return -1;
		memcpy(buf, s + i, n - i);
		buf[n - i] = '\0';
		v = strtod(buf, &end);
		i += end - buf;
		if (i >= n)
			return -1;
		for (k = last; order[k] != '\0'; k++)
			if (order[k] == s[i] && (k >= 3) == t)
				break;
		if (order[k] == '\0')
			return -1;
		if (k != 5 && v != floor(v))
			return -1;
		if (memchr(buf, '.', end - buf) != NULL && k != 5)
			return -1;
		switch (k) {
		case 0: *months += v * 12; break;
		case 1: *months += v; break;
		case 2: *secs += v * 86400; break;
		case 3: *secs += v * 3600; break;
		case 4: *secs += v * 60; break;
		default: *secs += v; break;
		}
		if ((which == 'd' && k < 2) || (which == 'y' && k >= 2))
			return -1;
		last = k + 1;
		any = 1;
		i++;
	}
	if (!any)
		return -1;
	if (neg) {
		*months = -*months;
		*secs = -*secs;
	}
	return 0;
}

static int
S_validname(const char *sub, const char *s)
{
	const char	*p;
	int		 seg;

	if (strcmp(sub, "normalizedString") == 0 || strcmp(sub, "token") == 0)
		return 1;
	if (strcmp(sub, "NMTOKEN") == 0)
		return xmlValidateNMToken((const xmlChar *)s, 0) == 0;
	if (strcmp(sub, "Name") == 0)
		return xmlValidateName((const xmlChar *)s, 0) == 0;
	if (strcmp(sub, "language") == 0) {
		seg = 0;
		for (p = s; ; p++) {
			if (*p == '-' || *p == '\0') {
				if (seg < 1 || seg > 8)
					return 0;
				if (*p == '\0')
					return 1;
				seg = 0;
			} else if (isalpha((unsigned char)*p) ||
			    (p > s && memchr(s, '-', p - s) != NULL &&
			    isdigit((unsigned char)*p)))
				seg++;
			else
				return 0;
		}
	}
	return xmlValidateNCName((const xmlChar *)s, 0) == 0;
}

static int
S_intrange(const char *sub, int64_t v)
{
	if (sub == NULL)
		return 1;
	if (strcmp(sub, "long") == 0) return 1;
	if (strcmp(sub, "int") == 0) return v >= INT32_MIN && v <= INT32_MAX;
	if (strcmp(sub, "short") == 0) return v >= -32768 && v <= 32767;
	if (strcmp(sub, "byte") == 0) return v >= -128 && v <= 127;
	if (strcmp(sub, "nonNegativeInteger") == 0) return v >= 0;
	if (strcmp(sub, "positiveInteger") == 0) return v > 0;
	if (strcmp(sub, "nonPositiveInteger") == 0) return v <= 0;
	if (strcmp(sub, "negativeInteger") == 0) return v < 0;
	if (strcmp(sub, "unsignedLong") == 0) return v >= 0;
	if (strcmp(sub, "unsignedInt") == 0) return v >= 0 && v <= 4294967295LL;
	if (strcmp(sub, "unsignedShort") == 0) return v >= 0 && v <= 65535;
	if (strcmp(sub, "unsignedByte") == 0) return v >= 0 && v <= 255;
	return 1;
}

static int
S_casterr(struct xp_ctx *c, int col, const char *code, const char *fmt,
    ...)
{
	va_list	 ap;

	snprintf(c->err->code, sizeof(c->err->code), "%s", code);
	c->err->col = col;
	va_start(ap, fmt);
	vsnprintf(c->err->msg, sizeof(c->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* cast an atomic value; 0, or -1 with c->err filled */
int
xp_cast(struct xp_ctx *c, const struct xp_item *in, const struct xp_atype *t,
    struct xp_item *out, int col)
{
	const char	*s = NULL, *str;
	size_t		 n = 0;
	enum xp_type	 from = in->type;
	int		 range;
	double		 d, mo, se;
	char		*buf, *o;

	memset(out, 0, sizeof(*out));
	out->type = t->type;
	out->sub = t->sub;
	if (from == XP_NODE)
		return S_casterr(c, col, "XPTY0004", "cannot cast a node");
	if (S_is_stringlike(from)) {
		s = S_trim(in->v.s, &n);
		str = in->v.s;
	}
	switch (t->type) {
	case XP_UNTYPED:
	case XP_STRING:
		str = xp_item_string(c, in);
		if (t->sub == NULL) {
			out->v.s = str;
			return 0;
		}
		/* whitespace: replace or collapse */
		buf = xa_alloc(&c->ar, strlen(str) + 1);
		for (o = buf; *str != '\0'; str++) {
			int ws = *str == ' ' || *str == '\t' ||
			    *str == '\n' || *str == '\r';
			if (strcmp(t->sub, "normalizedString") == 0)
				*o++ = ws ? ' ' : *str;
			else if (!ws)
				*o++ = *str;
			else if (o > buf && o[-1] != ' ')
				*o++ = ' ';
		}
		if (strcmp(t->sub, "normalizedString") != 0 && o > buf &&
		    o[-1] == ' ')
			o--;
		*o = '\0';
		if (!S_validname(t->sub, buf))
			return S_casterr(c, col, "FORG0001", "\"%.60s\" is not "
			    "a valid xs:%s", buf, t->sub);
		out->v.s = buf;
		return 0;
	case XP_ANYURI:
		if (!S_is_stringlike(from))
			break;
		out->v.s = xa_strndup(&c->ar, s, n);
		return 0;
	case XP_BOOLEAN:
		if (from == XP_BOOLEAN) {
			out->v.b = in->v.b;
			return 0;
		}
		if (xp_is_numeric(from)) {
			d = xp_num(in);
			out->v.b = d != 0 && !isnan(d);
			return 0;
		}
		if (from == XP_STRING || from == XP_UNTYPED) {
			if ((n == 4 && strncmp(s, "true", 4) == 0) ||
			    (n == 1 && *s == '1'))
				out->v.b = 1;
			else if ((n == 5 && strncmp(s, "false", 5) == 0) ||
			    (n == 1 && *s == '0'))
				out->v.b = 0;
			else
				goto lexerr;
			return 0;
		}
		break;
	case XP_INTEGER:
		if (from == XP_BOOLEAN)
			out->v.i = in->v.b;
		else if (from == XP_INTEGER)
			out->v.i = in->v.i;
		else if (xp_is_numeric(from)) {
			d = trunc(in->v.d);
			if (isnan(d) || isinf(d))
				return S_casterr(c, col, "FOCA0002", "cannot "
				    "cast %s to xs:integer", xp_item_string(c,
				    in));
			if (d >= 9223372036854775808.0 ||
			    d < -9223372036854775808.0)
				return S_casterr(c, col, "FOCA0003", "%s is "
				    "too large an xs:integer",
				    xp_item_string(c, in));
			out->v.i = (int64_t)d;
		} else if (from == XP_STRING || from == XP_UNTYPED) {
			if (S_lex_integer(s, n, &out->v.i, &range) != 0)
				goto lexerr;
			if (range)
				return S_casterr(c, col, "FOCA0003", "\"%.*s\" "
				    "is too large an xs:integer", (int)n, s);
		} else
			break;
		if (!S_intrange(t->sub, out->v.i))
			return S_casterr(c, col, "FORG0001", "%lld is not a "
			    "valid xs:%s", (long long)out->v.i, t->sub);
		return 0;
	case XP_DECIMAL:
	case XP_FLOAT:
	case XP_DOUBLE:
		if (from == XP_BOOLEAN)
			d = in->v.b;
		else if (xp_is_numeric(from))
			d = xp_num(in);
		else if (from == XP_STRING || from == XP_UNTYPED) {
			if ((t->type == XP_DECIMAL ? S_lex_decimal(s, n, &d) :
			    S_lex_double(s, n, &d)) != 0)
				goto lexerr;
		} else
			break;
		if (t->type == XP_DECIMAL && (isnan(d) || isinf(d)))
			return S_casterr(c, col, "FOCA0002", "cannot cast %s "
			    "to xs:decimal", xp_item_string(c, in));
		*out = xp_mk_dbl(t->type, d);
		return 0;
	case XP_DATE:
	case XP_DATETIME:
		if (from == XP_DATE || from == XP_DATETIME) {
			*out = *in;
			out->type = t->type;
			if (t->type == XP_DATE)
				out->v.dt.sec = 0;
			return 0;
		}
		if (from != XP_STRING && from != XP_UNTYPED)
			break;
		if (S_lex_date(s, n, t->type == XP_DATETIME, out) != 0)
			goto lexerr;
		return 0;
	case XP_DTDURATION:
	case XP_YMDURATION:
		if (from == t->type) {
			*out = *in;
			return 0;
		}
		if (from != XP_STRING && from != XP_UNTYPED)
			break;
		if (S_lex_dur(s, n, t->type == XP_DTDURATION ? 'd' : 'y', &mo,
		    &se) != 0)
			goto lexerr;
		out->v.d = t->type == XP_DTDURATION ? se : mo;
		return 0;
	case XP_NODE:
		break;
	}
	return S_casterr(c, col, "XPTY0004", "cannot cast xs:%s to xs:%s",
	    S_typename(in), t->name);
lexerr:
	return S_casterr(c, col, "FORG0001", "\"%.60s\" is not a valid "
	    "xs:%s", in->v.s, t->name);
}

static struct xp_item
S_castx(struct xp_ctx *c, const struct xp_item *in, const char *type,
    int col)
{
	struct xp_item	 out;

	if (xp_cast(c, in, xp_atype_find(type), &out, col) != 0)
		longjmp(c->jb, 1);
	return out;
}

/* ---- comparisons ---- */

static double
S_abs_secs(const struct xp_item *it)
{
	return it->v.dt.day * 86400.0 + it->v.dt.sec -
	    (it->v.dt.tz == XP_NOTZ ? 0 : it->v.dt.tz * 60.0);
}

/* -1, 0, 1, or 2 when unordered (NaN); a type error jumps */
int
xp_value_cmp(struct xp_ctx *c, const struct xp_item *a,
    const struct xp_item *b, int col)
{
	double	 x, y;
	int	 r;

	if (xp_is_numeric(a->type) && xp_is_numeric(b->type)) {
		if (a->type == XP_INTEGER && b->type == XP_INTEGER)
			return a->v.i < b->v.i ? -1 : a->v.i > b->v.i;
		x = xp_num(a);
		y = xp_num(b);
		if (a->type == XP_FLOAT || b->type == XP_FLOAT) {
			if (a->type != XP_DOUBLE && b->type != XP_DOUBLE) {
				x = (float)x;
				y = (float)y;
			}
		}
		if (isnan(x) || isnan(y))
			return 2;
		return x < y ? -1 : x > y;
	}
	if (S_is_stringlike(a->type) && S_is_stringlike(b->type)) {
		r = strcmp(a->v.s, b->v.s);
		return r < 0 ? -1 : r > 0;
	}
	if (a->type == XP_BOOLEAN && b->type == XP_BOOLEAN)
		return a->v.b < b->v.b ? -1 : a->v.b > b->v.b;
	if ((a->type == b->type && (a->type == XP_DATE ||
	    a->type == XP_DATETIME)) ||
	    (a->type == b->type && (a->type == XP_DTDURATION ||
	    a->type == XP_YMDURATION))) {
		if (a->type == XP_DATE || a->type == XP_DATETIME) {
			x = S_abs_secs(a);
			y = S_abs_secs(b);
		} else {
			x = a->v.d;
			y = b->v.d;
		}
		return x < y ? -1 : x > y;
	}
	xp_fail(c, col, "XPTY0004", "cannot compare xs:%s with xs:%s",
	    S_typename(a), S_typename(b));
}

static int
S_cmpres(int r, int op)
{
	if (r == 2)
		return op == C_NE;
	switch (op) {
	case C_EQ: return r == 0;
	case C_NE: return r != 0;
	case C_LT: return r < 0;
	case C_LE: return r <= 0;
	case C_GT: return r > 0;
	default: return r >= 0;
	}
}

static int
S_general_pair(struct xp_ctx *c, struct xp_item a, struct xp_item b,
    int op, int col)
{
	if (a.type == XP_UNTYPED && b.type == XP_UNTYPED) {
		a.type = b.type = XP_STRING;
	} else if (a.type == XP_UNTYPED || b.type == XP_UNTYPED) {
		struct xp_item *u = a.type == XP_UNTYPED ? &a : &b;
		struct xp_item *o = a.type == XP_UNTYPED ? &b : &a;
		if (xp_is_numeric(o->type))
			*u = S_castx(c, u, "double", col);
		else if (o->type == XP_STRING || o->type == XP_ANYURI)
			u->type = XP_STRING;
		else if (o->type == XP_BOOLEAN)
			*u = S_castx(c, u, "boolean", col);
		else if (o->type == XP_DATE)
			*u = S_castx(c, u, "date", col);
		else if (o->type == XP_DATETIME)
			*u = S_castx(c, u, "dateTime", col);
		else if (o->type == XP_DTDURATION)
			*u = S_castx(c, u, "dayTimeDuration", col);
		else if (o->type == XP_YMDURATION)
			*u = S_castx(c, u, "yearMonthDuration", col);
	}
	return S_cmpres(xp_value_cmp(c, &a, &b, col), op);
}

int
xp_deep_equal(struct xp_ctx *c, struct xp_seq a, struct xp_seq b, int col)
{
	size_t		 i;
	xmlNodePtr	 x, y;
	xmlAttrPtr	 p;
	xmlChar		*v;
	int		 eq;

	if (a.n != b.n)
		return 0;
	for (i = 0; i < a.n; i++) {
		if ((a.it[i].type == XP_NODE) != (b.it[i].type == XP_NODE))
			return 0;
		if (a.it[i].type != XP_NODE) {
			struct xp_item p1 = a.it[i], p2 = b.it[i];
			if (p1.type == XP_UNTYPED) p1.type = XP_STRING;
			if (p2.type == XP_UNTYPED) p2.type = XP_STRING;
			if ((xp_is_numeric(p1.type) != xp_is_numeric(p2.type))
			    || (!xp_is_numeric(p1.type) && p1.type != p2.type &&
			    !(S_is_stringlike(p1.type) &&
			    S_is_stringlike(p2.type))))
				return 0;
			eq = xp_value_cmp(c, &p1, &p2, col);
			if (eq != 0 && !(eq == 2 && isnan(xp_num(&p1)) &&
			    isnan(xp_num(&p2))))
				return 0;
			continue;
		}
		x = a.it[i].v.node;
		y = b.it[i].v.node;
		if (x->type != y->type)
			return 0;
		if (x->type == XML_ELEMENT_NODE ||
		    x->type == XML_ATTRIBUTE_NODE || x->type == XML_PI_NODE) {
			if (!xmlStrEqual(x->name, y->name))
				return 0;
			if ((x->ns ? (const char *)x->ns->href : "") !=
			    (y->ns ? (const char *)y->ns->href : "") &&
			    strcmp(x->ns ? (const char *)x->ns->href : "",
			    y->ns ? (const char *)y->ns->href : "") != 0)
				return 0;
		}
		if (x->type == XML_ELEMENT_NODE) {
			struct xp_sb sa = { 0, 0, NULL }, sbb = { 0, 0, NULL };
			struct xp_item it;
			xmlNodePtr k;
			int na = 0, nb = 0;
			for (p = x->properties; p; p = p->next, na++) {
				v = xmlGetNsProp(y, p->name,
				    p->ns ? p->ns->href : NULL);
				if (v == NULL)
					return 0;
				eq = strcmp((char *)v, xp_node_string(&c->ar,
				    (xmlNodePtr)p)) == 0;
				xmlFree(v);
				if (!eq)
					return 0;
			}
			for (p = y->properties; p; p = p->next)
				nb++;
			if (na != nb)
				return 0;
			for (k = x->children; k; k = k->next)
				if (S_visible(k) && k->type != XML_COMMENT_NODE
				    && k->type != XML_PI_NODE) {
					it = S_mk_node(k);
					xsb_push(&c->ar, &sa, &it);
				}
			for (k = y->children; k; k = k->next)
				if (S_visible(k) && k->type != XML_COMMENT_NODE
				    && k->type != XML_PI_NODE) {
					it = S_mk_node(k);
					xsb_push(&c->ar, &sbb, &it);
				}
			if (!xp_deep_equal(c, S_sbseq(&sa), S_sbseq(&sbb),
			    col))
				return 0;
		} else if (strcmp(xp_node_string(&c->ar, x),
		    xp_node_string(&c->ar, y)) != 0)
			return 0;
	}
	return 1;
}

/* ---- axes ---- */

static int
S_match(const struct xp_test *t, xmlNodePtr n, int axis)
{
	const char	*uri;

	switch (t->kind) {
	case K_NODE:
		return 1;
	case K_TEXT:
		return n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE;
	case K_COMMENT:
		return n->type == XML_COMMENT_NODE;
	case K_PI:
		return n->type == XML_PI_NODE && (t->local == NULL ||
		    strcmp(t->local, (const char *)n->name) == 0);
	case K_DOC:
		return S_isdoc(n);
	case K_NAME:
		if (n->type != (axis == AX_ATTR ? XML_ATTRIBUTE_NODE :
		    XML_ELEMENT_NODE))
			return 0;
		break;
	case K_ELEMENT:
		if (n->type != XML_ELEMENT_NODE)
			return 0;
		if (t->local == NULL)
			return 1;
		break;
	case K_ATTRIBUTE:
		if (n->type != XML_ATTRIBUTE_NODE)
			return 0;
		if (t->local == NULL)
			return 1;
		break;
	default:
		return 0;
	}
	if (t->local[0] != '*' && strcmp(t->local, (const char *)n->name))
		return 0;
	if (t->uri[0] == '*')
		return 1;
	uri = n->ns != NULL && n->ns->href != NULL ?
	    (const char *)n->ns->href : "";
	return strcmp(uri, t->uri) == 0;
}

struct stepctx {
	struct xp_ctx	*c;
	struct xp_sb	*sb;
	const struct xp_test *t;
	int		 axis;
};

static void
S_emit(struct stepctx *s, xmlNodePtr n)
{
	struct xp_item	 it;

	if (S_match(s->t, n, s->axis)) {
		it = S_mk_node(n);
		xsb_push(&s->c->ar, s->sb, &it);
	}
}

static void
S_desc(struct stepctx *s, xmlNodePtr n)
{
	xmlNodePtr	 k;

	if (n->type != XML_ELEMENT_NODE && !S_isdoc(n))
		return;
	for (k = n->children; k != NULL; k = k->next)
		if (S_visible(k)) {
			S_emit(s, k);
			if (k->type == XML_ELEMENT_NODE && k->children)
				S_desc(s, k);
		}
}

static void
S_revdesc(struct stepctx *s, xmlNodePtr n)
{
	xmlNodePtr	 k;

	if (n->type != XML_ELEMENT_NODE && !S_isdoc(n))
		return;
	for (k = n->last; k != NULL; k = k->prev)
		if (S_visible(k)) {
			S_revdesc(s, k);
			S_emit(s, k);
		}
}

static xmlNodePtr
S_parent(xmlNodePtr n)
{
	if (S_isdoc(n))
		return NULL;
	return n->parent;
}

static void
S_axis(struct stepctx *s, xmlNodePtr n)
{
	xmlNodePtr	 k, p;
	xmlAttrPtr	 a;

	switch (s->axis) {
	case AX_CHILD:
		if (n->type == XML_ELEMENT_NODE || S_isdoc(n))
			for (k = n->children; k != NULL; k = k->next)
				if (S_visible(k))
					S_emit(s, k);
		break;
	case AX_DESC_SELF:
		S_emit(s, n);
		/* FALLTHROUGH */
	case AX_DESC:
		S_desc(s, n);
		break;
	case AX_ATTR:
		if (n->type == XML_ELEMENT_NODE)
			for (a = n->properties; a != NULL; a = a->next)
				S_emit(s, (xmlNodePtr)a);
		break;
	case AX_SELF:
		S_emit(s, n);
		break;
	case AX_PARENT:
		if ((p = S_parent(n)) != NULL)
			S_emit(s, p);
		break;
	case AX_ANC_SELF:
		S_emit(s, n);
		/* FALLTHROUGH */
	case AX_ANC:
		for (p = S_parent(n); p != NULL; p = S_parent(p))
			S_emit(s, p);
		break;
	case AX_FOLL_SIB:
		if (n->type != XML_ATTRIBUTE_NODE && !S_isdoc(n))
			for (k = n->next; k != NULL; k = k->next)
				if (S_visible(k))
					S_emit(s, k);
		break;
	case AX_PREC_SIB:
		if (n->type != XML_ATTRIBUTE_NODE && !S_isdoc(n))
			for (k = n->prev; k != NULL; k = k->prev)
				if (S_visible(k))
					S_emit(s, k);
		break;
	case AX_FOLL:
		if (n->type == XML_ATTRIBUTE_NODE) {
			n = n->parent;
			S_desc(s, n);
		}
		for (; n != NULL && !S_isdoc(n); n = n->parent)
			for (k = n->next; k != NULL; k = k->next)
				if (S_visible(k)) {
					S_emit(s, k);
					S_desc(s, k);
				}
		break;
	case AX_PREC:
		if (n->type == XML_ATTRIBUTE_NODE)
			n = n->parent;
		for (; n != NULL && !S_isdoc(n); n = n->parent)
			for (k = n->prev; k != NULL; k = k->prev)
				if (S_visible(k)) {
					S_revdesc(s, k);
					S_emit(s, k);
				}
		break;
	}
}

static int
S_reverse(int axis)
{
	return axis == AX_PARENT || axis == AX_ANC || axis == AX_ANC_SELF ||
	    axis == AX_PREC || axis == AX_PREC_SIB;
}

/* ---- evaluation ---- */

static struct xp_seq
S_eval(struct xp_ctx *c, const struct xp_ast *n, const struct xp_focus *f)
{
	return xp_eval_ast(c, n, f);
}

static struct xp_seq
S_filter(struct xp_ctx *c, struct xp_seq in, struct xp_ast *const *preds,
    int npreds)
{
	struct xp_sb	 sb;
	struct xp_focus	 f;
	struct xp_seq	 r;
	int		 k;
	size_t		 i;
	const struct xp_ast *p;

	for (k = 0; k < npreds; k++) {
		p = preds[k];
		if (p->op == E_INT) {	/* [3] */
			if (p->i >= 1 && (uint64_t)p->i <= in.n) {
				in.it += p->i - 1;
				in.n = 1;
			} else
				in.n = 0;
			continue;
		}
		memset(&sb, 0, sizeof(sb));
		memset(&f, 0, sizeof(f));
		f.has = 1;
		f.size = in.n;
		for (i = 0; i < in.n; i++) {
			struct xa_mark m = xa_mark(&c->ar);
			int keep;
			f.item = in.it[i];
			f.pos = i + 1;
			r = S_eval(c, p, &f);
			if (r.n == 1 && xp_is_numeric(r.it[0].type))
				keep = xp_num(&r.it[0]) == (double)(i + 1);
			else
				keep = xp_ebv_ctx(c, r, p->col);
			/* the predicate's value is used: free it */
			xa_release(&c->ar, m);
			if (keep)
				xsb_push(&c->ar, &sb, &in.it[i]);
		}
		in = S_sbseq(&sb);
	}
	return in;
}

static xmlNodePtr
S_ctxnode(struct xp_ctx *c, const struct xp_focus *f, int col,
    const char *code)
{
	if (!f->has)
		xp_fail(c, col, "XPDY0002", "no context item");
	if (f->item.type != XP_NODE)
		xp_fail(c, col, code, "the context item is not a node");
	return f->item.v.node;
}

static struct xp_seq
S_step(struct xp_ctx *c, const struct xp_ast *n, xmlNodePtr node)
{
	struct xp_sb	 sb;
	struct stepctx	 s;
	struct xp_seq	 r;
	size_t		 i;
	struct xp_item	 t;

	memset(&sb, 0, sizeof(sb));
	s.c = c;
	s.sb = &sb;
	s.t = &n->t;
	s.axis = n->sub;
	S_axis(&s, node);
	r = S_filter(c, S_sbseq(&sb), n->args, n->nargs);
	if (S_reverse(n->sub) && r.n > 1) {
		if (r.it != sb.it) {	/* not ours to reverse in place */
			struct xp_item *v = xa_alloc(&c->ar,
			    r.n * sizeof(*v));
			memcpy(v, r.it, r.n * sizeof(*v));
			r.it = v;
		}
		for (i = 0; i < r.n / 2; i++) {
			t = r.it[i];
			r.it[i] = r.it[r.n - 1 - i];
			r.it[r.n - 1 - i] = t;
		}
	}
	return r;
}

static struct xp_seq
S_path(struct xp_ctx *c, const struct xp_ast *n, const struct xp_focus *f)
{
	struct xp_seq	 left, r;
	struct xp_sb	 sb;
	struct xp_focus	 g;
	size_t		 i, j;
	int		 nodes = 0, atoms = 0;

	left = S_eval(c, n->a, f);
	memset(&sb, 0, sizeof(sb));
	memset(&g, 0, sizeof(g));
	g.has = 1;
	g.size = left.n;
	for (i = 0; i < left.n; i++) {
		if (left.it[i].type != XP_NODE)
			xp_fail(c, n->col, "XPTY0019", "the left of '/' is not "
			    "a sequence of nodes");
		if (n->b->op == E_STEP)
			r = S_step(c, n->b, left.it[i].v.node);
		else {
			g.item = left.it[i];
			g.pos = i + 1;
			r = S_eval(c, n->b, &g);
		}
		if (left.n == 1 && n->b->op == E_STEP)
			return r;
		for (j = 0; j < r.n; j++) {
			if (r.it[j].type == XP_NODE)
				nodes = 1;
			else
				atoms = 1;
			xsb_push(&c->ar, &sb, &r.it[j]);
		}
	}
	if (nodes && atoms)
		xp_fail(c, n->col, "XPTY0018", "a path whose last step gives "
		    "both nodes and atomic values");
	if (nodes)
		return xp_docorder(c, &sb);
	return S_sbseq(&sb);
}

static void
S_allnodes(struct xp_ctx *c, struct xp_seq s, int col, const char *op)
{
	size_t	 i;

	for (i = 0; i < s.n; i++)
		if (s.it[i].type != XP_NODE)
			xp_fail(c, col, "XPTY0004", "an operand of '%s' is not "
			    "a sequence of nodes", op);
}

static int
S_member(struct xp_seq sorted, xmlNodePtr n)
{
	size_t	 lo = 0, hi = sorted.n, mid;
	int	 r;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		r = xp_node_cmp(sorted.it[mid].v.node, n);
		if (r == 0)
			return 1;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static struct xp_seq
S_setop(struct xp_ctx *c, const struct xp_ast *n, const struct xp_focus *f)
{
	struct xp_seq	 a = S_eval(c, n->a, f), b = S_eval(c, n->b, f);
	struct xp_sb	 sb, sa, sbb;
	size_t		 i;

	S_allnodes(c, a, n->col, n->op == E_UNION ? "union" :
	    n->op == E_INTERSECT ? "intersect" : "except");
	S_allnodes(c, b, n->col, n->op == E_UNION ? "union" :
	    n->op == E_INTERSECT ? "intersect" : "except");
	memset(&sb, 0, sizeof(sb));
	if (n->op == E_UNION) {
		for (i = 0; i < a.n; i++)
			xsb_push(&c->ar, &sb, &a.it[i]);
		for (i = 0; i < b.n; i++)
			xsb_push(&c->ar, &sb, &b.it[i]);
		return xp_docorder(c, &sb);
	}
	memset(&sa, 0, sizeof(sa));
	memset(&sbb, 0, sizeof(sbb));
	for (i = 0; i < a.n; i++)
		xsb_push(&c->ar, &sa, &a.it[i]);
	for (i = 0; i < b.n; i++)
		xsb_push(&c->ar, &sbb, &b.it[i]);
	a = xp_docorder(c, &sa);
	b = xp_docorder(c, &sbb);
	for (i = 0; i < a.n; i++)
		if (S_member(b, a.it[i].v.node) == (n->op == E_INTERSECT))
			xsb_push(&c->ar, &sb, &a.it[i]);
	return S_sbseq(&sb);
}

/* one atomic value or none (-1: empty) */
static int
S_atom1(struct xp_ctx *c, const struct xp_ast *n, const struct xp_focus *f,
    struct xp_item *out, const char *what)
{
	struct xp_seq	 s = xp_atomize(c, S_eval(c, n, f));

	if (s.n == 0)
		return -1;
	if (s.n > 1)
		xp_fail(c, n->col, "XPTY0004", "an operand of %s is a sequence "
		    "of %zu items", what, s.n);
	*out = s.it[0];
	return 0;
}

static const char *const opnames[] = {
	[E_ADD] = "+", [E_SUB] = "-", [E_MUL] = "*", [E_DIV] = "div",
	[E_IDIV] = "idiv", [E_MOD] = "mod"
};

static int
S_rank(enum xp_type t)
{
	return t == XP_INTEGER ? 0 : t == XP_DECIMAL ? 1 : t == XP_FLOAT ?
	    2 : 3;
}

static struct xp_item
S_arith(struct xp_ctx *c, int op, struct xp_item a, struct xp_item b,
    int col)
{
	int64_t		 r = 0;
	double		 x, y, z;
	enum xp_type	 t;
	int		 ok = 1, mo;

	if (a.type == XP_UNTYPED)
		a = S_castx(c, &a, "double", col);
	if (b.type == XP_UNTYPED)
		b = S_castx(c, &b, "double", col);
	if (xp_is_numeric(a.type) && xp_is_numeric(b.type)) {
		t = S_rank(a.type) > S_rank(b.type) ? a.type : b.type;
		if (t == XP_INTEGER) {
			switch (op) {
			case E_ADD:
				ok = !__builtin_add_overflow(a.v.i, b.v.i, &r);
				break;
			case E_SUB:
				ok = !__builtin_sub_overflow(a.v.i, b.v.i, &r);
				break;
			case E_MUL:
				ok = !__builtin_mul_overflow(a.v.i, b.v.i, &r);
				break;
			case E_DIV:
				if (b.v.i == 0)
					xp_fail(c, col, "FOAR0001", "division "
					    "by zero");
				return xp_mk_dbl(XP_DECIMAL,
				    (double)a.v.i / (double)b.v.i);
			case E_IDIV:
			case E_MOD:
				if (b.v.i == 0)
					xp_fail(c, col, "FOAR0001", "division "
					    "by zero");
				if (a.v.i == INT64_MIN && b.v.i == -1) {
					if (op == E_MOD)
						return xp_mk_int(0);
					ok = 0;
					break;
				}
				r = op == E_IDIV ? a.v.i / b.v.i :
				    a.v.i % b.v.i;
				break;
			}
			if (!ok)
				xp_fail(c, col, "FOAR0002", "xs:integer "
				    "overflow in '%s'", opnames[op]);
			return xp_mk_int(r);
		}
		x = xp_num(&a);
		y = xp_num(&b);
		switch (op) {
		case E_ADD: z = x + y; break;
		case E_SUB: z = x - y; break;
		case E_MUL: z = x * y; break;
		case E_DIV:
			if (y == 0 && t == XP_DECIMAL)
				xp_fail(c, col, "FOAR0001", "division by zero");
			z = x / y;
			break;
		case E_IDIV:
			if (y == 0)
				xp_fail(c, col, "FOAR0001", "division by zero");
			z = trunc(x / y);
			if (isnan(z) || isinf(z))
				xp_fail(c, col, "FOAR0002", "idiv of %s",
				    isnan(x) ? "NaN" : "INF");
			if (fabs(z) >= 9.2e18)
				xp_fail(c, col, "FOAR0002", "xs:integer "
				    "overflow in 'idiv'");
			return xp_mk_int((int64_t)z);
		default:
			if (y == 0 && t == XP_DECIMAL)
				xp_fail(c, col, "FOAR0001", "division by zero");
			z = fmod(x, y);
			break;
		}
		if (t == XP_DECIMAL && (isinf(z) || isnan(z)))
			xp_fail(c, col, "FOAR0002", "xs:decimal overflow");
		return xp_mk_dbl(t, z);
	}
	/* dates and durations */
	if ((a.type == XP_DATE || a.type == XP_DATETIME) &&
	    (b.type == XP_DTDURATION || b.type == XP_YMDURATION) &&
	    (op == E_ADD || op == E_SUB)) {
		struct xp_item res = a;
		if (b.type == XP_DTDURATION) {
			double s = a.v.dt.day * 86400.0 + a.v.dt.sec +
			    (op == E_ADD ? b.v.d : -b.v.d);
			res.v.dt.day = (int64_t)floor(s / 86400);
			res.v.dt.sec = a.type == XP_DATE ? 0 :
			    s - res.v.dt.day * 86400.0;
		} else {
			int64_t y0; int m0, d0; int64_t tot;
			S_civil(a.v.dt.day, &y0, &m0, &d0);
			mo = (int)(op == E_ADD ? b.v.d : -b.v.d);
			tot = y0 * 12 + (m0 - 1) + mo;
			y0 = tot >= 0 ? tot / 12 : -((-tot + 11) / 12);
			m0 = (int)(tot - y0 * 12) + 1;
			if (d0 > S_mdays(y0, m0))
				d0 = S_mdays(y0, m0);
			res.v.dt.day = S_days(y0, m0, d0);
		}
		return res;
	}
	if ((b.type == XP_DATE || b.type == XP_DATETIME) &&
	    (a.type == XP_DTDURATION || a.type == XP_YMDURATION) &&
	    op == E_ADD)
		return S_arith(c, op, b, a, col);
	if ((a.type == XP_DATE || a.type == XP_DATETIME) && a.type == b.type &&
	    op == E_SUB) {
		struct xp_item res;
		memset(&res, 0, sizeof(res));
		res.type = XP_DTDURATION;
		res.v.d = S_abs_secs(&a) - S_abs_secs(&b);
		return res;
	}
	if ((a.type == XP_DTDURATION || a.type == XP_YMDURATION)) {
		struct xp_item res = a;
		if (b.type == a.type && (op == E_ADD || op == E_SUB)) {
			res.v.d = op == E_ADD ? a.v.d + b.v.d : a.v.d - b.v.d;
			return res;
		}
		if (b.type == a.type && op == E_DIV) {
			if (b.v.d == 0)
				xp_fail(c, col, "FOAR0001", "division by zero");
			return xp_mk_dbl(XP_DECIMAL, a.v.d / b.v.d);
		}
		if (xp_is_numeric(b.type) && (op == E_MUL || op == E_DIV)) {
			y = xp_num(&b);
			if (op == E_DIV && y == 0)
				xp_fail(c, col, "FODT0002", "duration divided "
				    "by zero");
			res.v.d = op == E_MUL ? a.v.d * y : a.v.d / y;
			if (a.type == XP_YMDURATION)
				res.v.d = round(res.v.d);
			if (isnan(res.v.d) || isinf(res.v.d))
				xp_fail(c, col, "FODT0002", "duration overflow");
			return res;
		}
	}
	if (xp_is_numeric(a.type) && (b.type == XP_DTDURATION ||
	    b.type == XP_YMDURATION) && op == E_MUL)
		return S_arith(c, op, b, a, col);
	xp_fail(c, col, "XPTY0004", "'%s' is not defined for xs:%s and "
	    "xs:%s", opnames[op], S_typename(&a), S_typename(&b));
}

static int
S_atype_match(const struct xp_item *it, const struct xp_atype *t)
{
	static const char *const chain[] = {	/* string's derivations */
		"normalizedString", "token", "language", "NMTOKEN", "Name",
		"NCName", "ID", "IDREF", "ENTITY", NULL
	};
	int	 i, j;

	if (it->type == XP_NODE)
		return 0;
	if (t->abstract)
		return 1;
	if (t->type == XP_DECIMAL && it->type == XP_INTEGER)
		return 1;
	if (t->type != it->type)
		return 0;
	if (t->sub == NULL || (it->sub != NULL && strcmp(t->sub, it->sub) ==
	    0))
		return 1;
	if (it->sub == NULL || it->type != XP_STRING)
		return 0;
	/* token > language, NMTOKEN, Name > NCName > ID, IDREF, ENTITY */
	for (i = 0; chain[i] && strcmp(chain[i], t->sub); i++)
		continue;
	for (j = 0; chain[j] && strcmp(chain[j], it->sub); j++)
		continue;
	if (chain[i] == NULL || chain[j] == NULL)
		return 0;
	if (i == 0)
		return 1;
	if (i == 1)
		return j >= 1;
	if (i == 4)
		return j >= 5;
	if (i == 5)
		return j >= 6;
	return 0;
}

static int
S_instance(struct xp_ctx *c, struct xp_seq s, const struct xp_test *t)
{
	size_t		 i;
	xmlNodePtr	 n;

	(void)c;
	if (t->kind == K_EMPTY)
		return s.n == 0;
	if (s.n == 0)
		return t->occ == '?' || t->occ == '*';
	if (s.n > 1 && t->occ != '*' && t->occ != '+')
		return 0;
	for (i = 0; i < s.n; i++) {
		if (t->kind == K_ITEM)
			continue;
		if (t->kind == K_ATOMIC) {
			if (!S_atype_match(&s.it[i], t->atype))
				return 0;
			continue;
		}
		if (s.it[i].type != XP_NODE)
			return 0;
		n = s.it[i].v.node;
		if (!S_match(t, n, t->kind == K_ATTRIBUTE ? AX_ATTR :
		    AX_CHILD))
			return 0;
	}
	return 1;
}

static struct xp_seq
S_cmp(struct xp_ctx *c, const struct xp_ast *n, const struct xp_focus *f)
{
	struct xp_seq	 a, b;
	struct xp_item	 x, y;
	size_t		 i, j;
	int		 r;

	if (n->op == E_VCMP) {
		if (S_atom1(c, n->a, f, &x, "a value comparison") < 0 ||
		    S_atom1(c, n->b, f, &y, "a value comparison") < 0)
			return S_empty();
		if (x.type == XP_UNTYPED)
			x.type = XP_STRING;
		if (y.type == XP_UNTYPED)
			y.type = XP_STRING;
		r = xp_value_cmp(c, &x, &y, n->col);
		if (r != 0 && r != 2 && n->sub != C_EQ && n->sub != C_NE &&
		    (x.type == XP_BOOLEAN) == 0 && 0)
			r = r;
		return xp_one(c, xp_mk_bool(S_cmpres(r, n->sub)));
	}
	if (n->op == E_NCMP) {
		a = S_eval(c, n->a, f);
		b = S_eval(c, n->b, f);
		if (a.n == 0 || b.n == 0)
			return S_empty();
		if (a.n > 1 || b.n > 1 || a.it[0].type != XP_NODE ||
		    b.it[0].type != XP_NODE)
			xp_fail(c, n->col, "XPTY0004", "an operand of a node "
			    "comparison is not one node");
		r = xp_node_cmp(a.it[0].v.node, b.it[0].v.node);
		return xp_one(c, xp_mk_bool(n->sub == C_IS ? r == 0 :
		    n->sub == C_PRE ? r < 0 : r > 0));
	}
	a = xp_atomize(c, S_eval(c, n->a, f));
	b = xp_atomize(c, S_eval(c, n->b, f));
	for (i = 0; i < a.n; i++)
		for (j = 0; j < b.n; j++)
			if (S_general_pair(c, a.it[i], b.it[j], n->sub,
			    n->col))
				return xp_one(c, xp_mk_bool(1));
	return xp_one(c, xp_mk_bool(0));
}

struct xp_seq
xp_eval_ast(struct xp_ctx *c, const struct xp_ast *n,
    const struct xp_focus *f)
{
	struct xp_seq	 a, b, r;
	struct xp_sb	 sb;
	struct xp_item	 x, y;
	struct xp_focus	 g;
	xmlNodePtr	 node;
	size_t		 i, j;
	int		 k;
	int64_t		 lo, hi, v;

	switch (n->op) {
	case E_EMPTY:
		return S_empty();
	case E_SEQ:
		memset(&sb, 0, sizeof(sb));
		for (k = 0; k < n->nargs; k++) {
			a = S_eval(c, n->args[k], f);
			for (i = 0; i < a.n; i++)
				xsb_push(&c->ar, &sb, &a.it[i]);
		}
		return S_sbseq(&sb);
	case E_STR:
		return xp_one(c, xp_mk_str(n->s));
	case E_INT:
		return xp_one(c, xp_mk_int(n->i));
	case E_DEC:
		return xp_one(c, xp_mk_dbl(XP_DECIMAL, n->d));
	case E_DBL:
		return xp_one(c, xp_mk_dbl(XP_DOUBLE, n->d));
	case E_VAR:
		return c->slots[n->sub];
	case E_CTX:
		if (!f->has)
			xp_fail(c, n->col, "XPDY0002", "no context item");
		return xp_one(c, f->item);
	case E_ROOT:
		node = S_ctxnode(c, f, n->col, "XPTY0020");
		while (S_parent(node) != NULL)
			node = S_parent(node);
		if (!S_isdoc(node))
			xp_fail(c, n->col, "XPDY0050", "the root of the tree "
			    "is not a document node");
		return xp_one(c, S_mk_node(node));
	case E_FOR:
	case E_SOME:
	case E_EVERY:
		a = S_eval(c, n->a, f);
		memset(&sb, 0, sizeof(sb));
		for (i = 0; i < a.n; i++) {
			struct xa_mark m = xa_mark(&c->ar);
			c->slots[n->sub].n = 1;
			c->slots[n->sub].it = &a.it[i];
			r = S_eval(c, n->b, f);
			if (n->op == E_FOR) {
				for (j = 0; j < r.n; j++)
					xsb_push(&c->ar, &sb, &r.it[j]);
				continue;
			}
			k = xp_ebv_ctx(c, r, n->b->col);
			xa_release(&c->ar, m);
			if (n->op == E_SOME && k)
				return xp_one(c, xp_mk_bool(1));
			if (n->op == E_EVERY && !k)
				return xp_one(c, xp_mk_bool(0));
		}
		if (n->op == E_FOR)
			return S_sbseq(&sb);
		return xp_one(c, xp_mk_bool(n->op == E_EVERY));
	case E_IF:
		if (xp_ebv_ctx(c, S_eval(c, n->a, f), n->a->col))
			return S_eval(c, n->b, f);
		return S_eval(c, n->c, f);
	case E_OR:
		k = xp_ebv_ctx(c, S_eval(c, n->a, f), n->a->col) ||
		    xp_ebv_ctx(c, S_eval(c, n->b, f), n->b->col);
		return xp_one(c, xp_mk_bool(k));
	case E_AND:
		k = xp_ebv_ctx(c, S_eval(c, n->a, f), n->a->col) &&
		    xp_ebv_ctx(c, S_eval(c, n->b, f), n->b->col);
		return xp_one(c, xp_mk_bool(k));
	case E_GCMP:
	case E_VCMP:
	case E_NCMP:
		return S_cmp(c, n, f);
	case E_TO:
		if (S_atom1(c, n->a, f, &x, "'to'") < 0 ||
		    S_atom1(c, n->b, f, &y, "'to'") < 0)
			return S_empty();
		if (x.type == XP_UNTYPED)
			x = S_castx(c, &x, "integer", n->col);
		if (y.type == XP_UNTYPED)
			y = S_castx(c, &y, "integer", n->col);
		if (x.type != XP_INTEGER || y.type != XP_INTEGER)
			xp_fail(c, n->col, "XPTY0004", "an operand of 'to' is "
			    "not an xs:integer");
		lo = x.v.i;
		hi = y.v.i;
		if (lo > hi)
			return S_empty();
		if ((uint64_t)hi - (uint64_t)lo >= XP_SEQ_MAX)
			xp_fail(c, n->col, "TKXP0003", "a range of more than "
			    "%d items", XP_SEQ_MAX);
		r.n = hi - lo + 1;
		r.it = xa_alloc(&c->ar, r.n * sizeof(*r.it));
		for (v = lo, i = 0; i < r.n; i++, v++)
			r.it[i] = xp_mk_int(v);
		return r;
	case E_ADD:
	case E_SUB:
	case E_MUL:
	case E_DIV:
	case E_IDIV:
	case E_MOD:
		if (S_atom1(c, n->a, f, &x, "arithmetic") < 0 ||
		    S_atom1(c, n->b, f, &y, "arithmetic") < 0)
			return S_empty();
		return xp_one(c, S_arith(c, n->op, x, y, n->col));
	case E_NEG:
	case E_POS:
		if (S_atom1(c, n->a, f, &x, "unary minus") < 0)
			return S_empty();
		if (x.type == XP_UNTYPED)
			x = S_castx(c, &x, "double", n->col);
		if (!xp_is_numeric(x.type))
			xp_fail(c, n->col, "XPTY0004", "unary %c of xs:%s",
			    n->op == E_NEG ? '-' : '+', S_typename(&x));
		if (n->op == E_POS)
			return xp_one(c, x);
		if (x.type == XP_INTEGER) {
			if (x.v.i == INT64_MIN)
				xp_fail(c, n->col, "FOAR0002", "xs:integer "
				    "overflow in unary minus");
			x.v.i = -x.v.i;
		} else
			x.v.d = -x.v.d;
		return xp_one(c, x);
	case E_UNION:
	case E_INTERSECT:
	case E_EXCEPT:
		return S_setop(c, n, f);
	case E_INSTANCE:
		return xp_one(c, xp_mk_bool(S_instance(c, S_eval(c, n->a, f),
		    &n->t)));
	case E_CAST:
	case E_CASTABLE:
		a = xp_atomize(c, S_eval(c, n->a, f));
		if (a.n == 0) {
			if (n->op == E_CASTABLE)
				return xp_one(c, xp_mk_bool(n->t.occ == '?'));
			if (n->t.occ == '?')
				return S_empty();
			xp_fail(c, n->col, "XPTY0004", "cast of an empty "
			    "sequence to xs:%s", n->t.atype->name);
		}
		if (a.n > 1) {
			if (n->op == E_CASTABLE)
				return xp_one(c, xp_mk_bool(0));
			xp_fail(c, n->col, "XPTY0004", "cast of a sequence of "
			    "%zu items", a.n);
		}
		k = xp_cast(c, &a.it[0], n->t.atype, &x, n->col);
		if (n->op == E_CASTABLE)
			return xp_one(c, xp_mk_bool(k == 0));
		if (k != 0)
			longjmp(c->jb, 1);
		return xp_one(c, x);
	case E_TREAT:
		break;
	case E_PATH:
		return S_path(c, n, f);
	case E_STEP:
		node = S_ctxnode(c, f, n->col, "XPTY0020");
		return S_step(c, n, node);
	case E_FILTER:
		a = S_eval(c, n->a, f);
		return S_filter(c, a, n->args, n->nargs);
	case E_CONCAT:
		a = xp_atomize(c, S_eval(c, n->a, f));
		b = xp_atomize(c, S_eval(c, n->b, f));
		if (a.n > 1 || b.n > 1)
			xp_fail(c, n->col, "XPTY0004", "an operand of '||' is "
			    "a sequence of more than one item");
		return xp_one(c, xp_mk_str(xa_printf(&c->ar, "%s%s",
		    a.n ? xp_item_string(c, &a.it[0]) : "",
		    b.n ? xp_item_string(c, &b.it[0]) : "")));
	case E_MAP:
		a = S_eval(c, n->a, f);
		memset(&sb, 0, sizeof(sb));
		memset(&g, 0, sizeof(g));
		g.has = 1;
		g.size = a.n;
		for (i = 0; i < a.n; i++) {
			g.item = a.it[i];
			g.pos = i + 1;
			r = S_eval(c, n->b, &g);
			for (j = 0; j < r.n; j++)
				xsb_push(&c->ar, &sb, &r.it[j]);
		}
		return S_sbseq(&sb);
	case E_LET:
		c->slots[n->sub] = S_eval(c, n->a, f);
		return S_eval(c, n->b, f);
	case E_CALL:
		if (++c->depth > XP_DEPTH_MAX * 4)
			xp_fail(c, n->col, "TKXP0002", "too deep");
		b = xp_fn_call(c, n, f);
		c->depth--;
		return b;
	}
	memset(&g, 0, sizeof(g));
	xp_fail(c, n->col, "TKXP0001", "not supported");
}

/* ---- entry points ---- */

struct xp_result {
	struct xp_arena	 ar;
	struct xp_seq	 seq;
};

struct xp_result *
xp_eval(const struct xp_expr *x, xmlNodePtr ctx, const struct xp_seq *vars,
    xmlNodePtr current, struct xp_error *err)
{
	struct xp_ctx	 c;
	struct xp_focus	 f;
	struct xp_result *res;
	struct xp_seq	 s;
	int		 i;

	memset(&c, 0, sizeof(c));
	memset(err, 0, sizeof(*err));
	c.err = err;
	c.x = x;
	c.ar.oom = &c.jb;
	c.ar.err = err;
	c.current = current ? current : ctx;
	if (setjmp(c.jb)) {
		for (i = 0; i < (int)c.nres; i++)
			xp_regex_free(c.res[i]);
		free(c.res);
		xa_free(&c.ar);
		return NULL;
	}
	c.slots = xa_alloc(&c.ar, (x->nslots + 1) * sizeof(*c.slots));
	memset(c.slots, 0, (x->nslots + 1) * sizeof(*c.slots));
	for (i = 0; i < x->nvars; i++)
		c.slots[i] = vars[i];
	memset(&f, 0, sizeof(f));
	if (ctx != NULL) {
		f.has = 1;
		f.item = S_mk_node(ctx);
		f.pos = f.size = 1;
	}
	s = xp_eval_ast(&c, x->root, &f);
	for (i = 0; i < (int)c.nres; i++)
		xp_regex_free(c.res[i]);
	free(c.res);
	c.res = NULL;
	c.nres = 0;
	res = xa_alloc(&c.ar, sizeof(*res));
	res->ar = c.ar;
	res->ar.oom = NULL;
	res->ar.err = NULL;
	res->seq = s;
	return res;
}

/* ---- patterns ---- */

static int	S_pmatch(struct xp_ctx *, const struct xp_ast *, xmlNodePtr);

/* node is in the sequence */
static int
S_in(struct xp_seq s, xmlNodePtr node)
{
	size_t	 i;

	for (i = 0; i < s.n; i++)
		if (s.it[i].type == XP_NODE && s.it[i].v.node == node)
			return 1;
	return 0;
}

/* the last step of a path, child or attribute or descendant: does
 * node pass its test (and has it a parent)? */
static int
S_steptest(const struct xp_ast *st, xmlNodePtr node)
{
	if (!S_match(&st->t, node, st->sub == AX_ATTR ? AX_ATTR : AX_CHILD))
		return 0;
	if (st->sub == AX_ATTR ? node->type != XML_ATTRIBUTE_NODE :
	    node->type == XML_ATTRIBUTE_NODE)
		return 0;
	return S_parent(node) != NULL;
}

/* and its predicates: on the node alone where they are boolean and
 * positionless, else from its parent */
static int
S_steppreds(struct xp_ctx *c, const struct xp_ast *st, xmlNodePtr node)
{
	struct xp_focus	 f;
	struct xa_mark	 m;
	int		 k, r;

	if (st->nargs == 0)
		return 1;
	m = xa_mark(&c->ar);
	if (st->i || st->sub == AX_DESC) {
		memset(&f, 0, sizeof(f));
		f.has = 1;
		f.item = S_mk_node(node);
		f.pos = f.size = 1;
		r = 1;
		for (k = 0; k < st->nargs && r; k++)
			r = xp_ebv_ctx(c, S_eval(c, st->args[k], &f),
			    st->args[k]->col);
	} else
		r = S_in(S_step(c, st, S_parent(node)), node);
	xa_release(&c->ar, m);
	return r;
}

static int
S_stepmatch(struct xp_ctx *c, const struct xp_ast *st, xmlNodePtr node)
{
	return S_steptest(st, node) && S_steppreds(c, st, node);
}

static int
S_pathstep(const struct xp_ast *n)
{
	return n->op == E_STEP && (n->sub == AX_CHILD || n->sub == AX_ATTR ||
	    n->sub == AX_DESC);
}

static int
S_isdescself(const struct xp_ast *n)
{
	return n->op == E_STEP && n->sub == AX_DESC_SELF &&
	    n->t.kind == K_NODE && n->nargs == 0;
}

/* can the pattern be matched upwards? */
static int
S_upward(const struct xp_ast *n)
{
	switch (n->op) {
	case E_UNION:
		return S_upward(n->a) && S_upward(n->b);
	case E_ROOT:
		return 1;
	case E_STEP:
		return n->sub == AX_CHILD || n->sub == AX_ATTR;
	case E_FILTER:
		return n->sub && S_upward(n->a);
	case E_PATH:
		if (S_isdescself(n->b))
			return S_upward(n->a);
		return S_pathstep(n->b) && S_upward(n->a);
	default:
		return 0;
	}
}

static int
S_pmatch(struct xp_ctx *c, const struct xp_ast *n, xmlNodePtr node)
{
	xmlNodePtr	 a;

	switch (n->op) {
	case E_UNION:
		return S_pmatch(c, n->a, node) || S_pmatch(c, n->b, node);
	case E_ROOT:
		return S_isdoc(node);
	case E_STEP:
		return S_stepmatch(c, n, node);
	case E_FILTER: {
		/* (P)[p]: predicates boolean and positionless */
		struct xp_focus f;
		struct xa_mark m;
		int k, r;
		if (!S_pmatch(c, n->a, node))
			return 0;
		m = xa_mark(&c->ar);
		memset(&f, 0, sizeof(f));
		f.has = 1;
		f.item = S_mk_node(node);
		f.pos = f.size = 1;
		r = 1;
		for (k = 0; k < n->nargs && r; k++)
			r = xp_ebv_ctx(c, S_eval(c, n->args[k], &f),
			    n->args[k]->col);
		xa_release(&c->ar, m);
		return r;
	}
	case E_PATH:
		if (S_isdescself(n->b)) {
			/* X//: node is X or below it */
			for (a = node; a != NULL; a = S_parent(a))
				if (S_pmatch(c, n->a, a))
					return 1;
			return 0;
		}
		/* the cheap tests first: the step's, the path above, then
		 * the step's predicates */
		if (!S_steptest(n->b, node))
			return 0;
		if (n->b->sub != AX_DESC)
			return S_pmatch(c, n->a, S_parent(node)) &&
			    S_steppreds(c, n->b, node);
		for (a = S_parent(node); a != NULL; a = S_parent(a))
			if (S_pmatch(c, n->a, a))
				return S_steppreds(c, n->b, node);
		return 0;
	default:
		return 0;
	}
}

int
xp_match(const struct xp_expr *x, xmlNodePtr node, const struct xp_seq *vars,
    struct xp_error *err)
{
	struct xp_ctx	 c;
	struct xp_focus	 f;
	xmlNodePtr	 root;
	int		 i, r;

	memset(&c, 0, sizeof(c));
	memset(err, 0, sizeof(*err));
	c.err = err;
	c.x = x;
	c.ar.oom = &c.jb;
	c.ar.err = err;
	c.current = node;
	if (setjmp(c.jb)) {
		for (i = 0; i < (int)c.nres; i++)
			xp_regex_free(c.res[i]);
		free(c.res);
		xa_free(&c.ar);
		return -1;
	}
	c.slots = xa_alloc(&c.ar, (x->nslots + 1) * sizeof(*c.slots));
	memset(c.slots, 0, (x->nslots + 1) * sizeof(*c.slots));
	for (i = 0; i < x->nvars; i++)
		c.slots[i] = vars[i];
	if (S_upward(x->root))
		r = S_pmatch(&c, x->root, node);
	else {
		/* evaluated from the root, as root(node)//(P) would be */
		for (root = node; S_parent(root) != NULL; root = S_parent(root))
			continue;
		memset(&f, 0, sizeof(f));
		f.has = 1;
		f.item = S_mk_node(root);
		f.pos = f.size = 1;
		r = S_in(xp_eval_ast(&c, x->root, &f), node);
		if (!r && x->root->op != E_ROOT) {
			/* a relative path: from every node, as //(P) */
			struct xp_item it;
			struct xp_sb all;
			size_t k;
			memset(&all, 0, sizeof(all));
			it = S_mk_node(root);
			xsb_push(&c.ar, &all, &it);
			{
				struct stepctx s;
				struct xp_test any;
				memset(&any, 0, sizeof(any));
				any.kind = K_NODE;
				s.c = &c;
				s.sb = &all;
				s.t = &any;
				s.axis = AX_DESC;
				S_desc(&s, root);
			}
			for (k = 0; k < all.n && !r; k++) {
				struct xa_mark m = xa_mark(&c.ar);
				f.item = all.it[k];
				r = S_in(xp_eval_ast(&c, x->root, &f), node);
				xa_release(&c.ar, m);
			}
		}
	}
	for (i = 0; i < (int)c.nres; i++)
		xp_regex_free(c.res[i]);
	free(c.res);
	xa_free(&c.ar);
	return r;
}

/* An attribute a predicate cannot be true without ([@x], [@x and
 * ...]), or NULL. */
static const char *
S_needattr(const struct xp_ast *p)
{
	const char	*a;

	if (p->op == E_STEP && p->sub == AX_ATTR && p->t.kind == K_NAME &&
	    p->nargs == 0 && p->t.local != NULL && strcmp(p->t.local, "*"))
		return p->t.local;
	if (p->op == E_AND)
		return (a = S_needattr(p->a)) != NULL ? a : S_needattr(p->b);
	return NULL;
}

static const char *
S_needattrs(struct xp_ast **args, int n)
{
	const char	*a;
	int		 k;

	for (k = 0; k < n; k++)
		if ((a = S_needattr(args[k])) != NULL)
			return a;
	return NULL;
}

/* The last steps of a pattern matched upwards, into out (up to max):
 * what kind of node, and which name, a match can be. */
static int
S_last(const struct xp_ast *n, struct xp_last *out, int k, int max)
{
	struct xp_last	 l;
	int		 j, m;

	l.needattr = NULL;
	switch (n->op) {
	case E_UNION:
		if ((k = S_last(n->a, out, k, max)) < 0)
			return -1;
		return S_last(n->b, out, k, max);
	case E_ROOT:
		l.kind = XP_LAST_DOC;
		l.uri = l.local = NULL;
		break;
	case E_FILTER:
		if ((m = S_last(n->a, out, k, max)) < 0)
			return -1;
		/* (a|b)[@x]: each needs @x */
		for (j = k; j < m; j++)
			if (out[j].needattr == NULL &&
			    out[j].kind == XP_LAST_ELEMENT)
				out[j].needattr = S_needattrs(n->args,
				    n->nargs);
		return m;
	case E_PATH:
		if (S_isdescself(n->b))
			return -1;
		return S_last(n->b, out, k, max);
	case E_STEP:
		l.uri = n->t.uri;
		l.local = n->t.local;
		if (n->t.kind == K_TEXT)
			l.kind = XP_LAST_TEXT;
		else if (n->sub == AX_ATTR && (n->t.kind == K_NAME ||
		    n->t.kind == K_ATTRIBUTE || n->t.kind == K_NODE))
			l.kind = XP_LAST_ATTR;
		else if (n->sub != AX_ATTR && (n->t.kind == K_NAME ||
		    n->t.kind == K_ELEMENT)) {
			l.kind = XP_LAST_ELEMENT;
			l.needattr = S_needattrs(n->args, n->nargs);
		} else
			return -1;
		if (l.local == NULL || n->t.kind == K_NODE)
			l.local = "*";
		if (n->t.kind != K_NAME && l.uri == NULL)
			l.uri = "*";
		break;
	default:
		return -1;
	}
	if (k == max)
		return -1;
	out[k] = l;
	return k + 1;
}

int
xp_pattern_last(const struct xp_expr *x, struct xp_last *out, int max)
{
	if (!S_upward(x->root))
		return -1;
	return S_last(x->root, out, 0, max);
}

const struct xp_seq *
xp_result_seq(const struct xp_result *r)
{
	return &r->seq;
}

void
xp_result_free(struct xp_result *r)
{
	struct xp_arena	 a;

	if (r == NULL)
		return;
	a = r->ar;
	xa_free(&a);
}

int
xp_ebv(const struct xp_seq *s, struct xp_error *err)
{
	struct xp_ctx	 c;
	int		 r;

	memset(&c, 0, sizeof(c));
	c.err = err;
	c.ar.oom = &c.jb;
	c.ar.err = err;
	if (setjmp(c.jb)) {
		xa_free(&c.ar);
		return -1;
	}
	r = xp_ebv_ctx(&c, *s, 0);
	xa_free(&c.ar);
	return r;
}

static void
S_cat(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t	 n = strlen(s);
	char	*p;

	if (*buf == NULL || *len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		if ((p = realloc(*buf, *cap)) == NULL)
			return;
		*buf = p;
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
}

static const char *
S_nodedesc(struct xp_arena *a, xmlNodePtr n)
{
	const char	*pfx, *id;
	xmlChar		*v;

	switch (n->type) {
	case XML_ELEMENT_NODE:
		pfx = n->ns && n->ns->prefix ? (const char *)n->ns->prefix : "";
		v = xmlGetProp(n, (const xmlChar *)"id");
		if (v == NULL)
			v = xmlGetNsProp(n, (const xmlChar *)"id",
			    XML_XML_NAMESPACE);
		id = v ? xa_printf(a, "#%s", (char *)v) : "";
		xmlFree(v);
		return xa_printf(a, "<%s%s%s%s>", pfx, *pfx ? ":" : "",
		    (const char *)n->name, id);
	case XML_ATTRIBUTE_NODE:
		pfx = n->ns && n->ns->prefix ? (const char *)n->ns->prefix : "";
		return xa_printf(a, "@%s%s%s", pfx, *pfx ? ":" : "",
		    (const char *)n->name);
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		return xa_printf(a, "text(\"%s\")", xp_node_string(a, n));
	case XML_COMMENT_NODE:
		return xa_printf(a, "comment(\"%s\")", xp_node_string(a, n));
	case XML_PI_NODE:
		return xa_printf(a, "pi(%s)", (const char *)n->name);
	default:
		return "doc()";
	}
}

char *
xp_seq_string(const struct xp_seq *s, const char *sep, int typed)
{
	struct xp_ctx	 c;
	char		*buf = NULL;
	size_t		 len = 0, cap = 0, i;
	const char	*v;
	struct xp_error	 err;

	memset(&c, 0, sizeof(c));
	c.err = &err;
	c.ar.oom = &c.jb;
	c.ar.err = &err;
	if (setjmp(c.jb)) {
		xa_free(&c.ar);
		free(buf);
		return NULL;
	}
	S_cat(&buf, &len, &cap, "");
	for (i = 0; i < s->n; i++) {
		if (i > 0)
			S_cat(&buf, &len, &cap, sep);
		v = xp_item_string(&c, &s->it[i]);
		if (typed) {
			switch (s->it[i].type) {
			case XP_NODE:
				v = S_nodedesc(&c.ar, s->it[i].v.node);
				break;
			case XP_STRING:
				v = s->it[i].sub ? xa_printf(&c.ar,
				    "xs:%s(\"%s\")", s->it[i].sub, v) :
				    xa_printf(&c.ar, "\"%s\"", v);
				break;
			case XP_UNTYPED:
				v = xa_printf(&c.ar, "u\"%s\"", v);
				break;
			case XP_INTEGER:
				if (s->it[i].sub)
					v = xa_printf(&c.ar, "xs:%s(%s)",
					    s->it[i].sub, v);
				break;
			case XP_BOOLEAN:
				v = xa_printf(&c.ar, "%s()", v);
				break;
			default:
				v = xa_printf(&c.ar, "xs:%s(%s)",
				    S_typename(&s->it[i]), v);
				break;
			}
		}
		S_cat(&buf, &len, &cap, v);
	}
	xa_free(&c.ar);
	return buf;
}
