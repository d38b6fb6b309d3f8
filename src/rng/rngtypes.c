/*
 * rngtypes.c -- datatypes for the RELAX NG engine: RELAX NG's own
 * (string, token) and XML Schema's.  Lexical forms, values and most
 * facets are libxml2's (xmlschemastypes), corrected where it departs
 * from XML Schema: the pattern facet is teikit's own regular
 * expressions (rngregex.c), decimals and integers are compared here at
 * any length, and years are XML Schema 1.0's.  Facets are compiled once,
 * when the schema is; a datatype with the same parameters as an earlier
 * one is shared.  Compiled types are read-only while validating.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/schemasInternals.h>
#include <libxml/xmlschemastypes.h>

#include "rng.h"
#include "rngregex.h"

#define XSD_DT_LIB "http://www.w3.org/2001/XMLSchema-datatypes"
#define XSD_NS "http://www.w3.org/2001/XMLSchema"

/* What a datatype's facets may be, by kind of datatype. */
#define FA_PATTERN	0x01
#define FA_LENGTHS	0x02	/* length, minLength, maxLength */
#define FA_RANGES	0x04	/* min/max, inclusive/exclusive */
#define FA_DIGITS	0x08	/* totalDigits, fractionDigits */

static const struct {
	const char		*name;
	xmlSchemaTypeType	 type;
	int			 family;
} facets[] = {
	{ "length", XML_SCHEMA_FACET_LENGTH, FA_LENGTHS },
	{ "minLength", XML_SCHEMA_FACET_MINLENGTH, FA_LENGTHS },
	{ "maxLength", XML_SCHEMA_FACET_MAXLENGTH, FA_LENGTHS },
	{ "pattern", XML_SCHEMA_FACET_PATTERN, FA_PATTERN },
	{ "maxInclusive", XML_SCHEMA_FACET_MAXINCLUSIVE, FA_RANGES },
	{ "maxExclusive", XML_SCHEMA_FACET_MAXEXCLUSIVE, FA_RANGES },
	{ "minInclusive", XML_SCHEMA_FACET_MININCLUSIVE, FA_RANGES },
	{ "minExclusive", XML_SCHEMA_FACET_MINEXCLUSIVE, FA_RANGES },
	{ "totalDigits", XML_SCHEMA_FACET_TOTALDIGITS, FA_DIGITS },
	{ "fractionDigits", XML_SCHEMA_FACET_FRACTIONDIGITS, FA_DIGITS },
};

/*
 * The decimal types, checked and compared here: libxml2 takes at most
 * 24 digits, XML Schema any number.  Bounds as XML Schema gives them.
 */
static const struct {
	int		 type;		/* xmlSchemaValType */
	int		 integer;
	const char	*min, *max;
} decimals[] = {
	{ XML_SCHEMAS_DECIMAL, 0, NULL, NULL },
	{ XML_SCHEMAS_INTEGER, 1, NULL, NULL },
	{ XML_SCHEMAS_NPINTEGER, 1, NULL, "0" },
	{ XML_SCHEMAS_NINTEGER, 1, NULL, "-1" },
	{ XML_SCHEMAS_NNINTEGER, 1, "0", NULL },
	{ XML_SCHEMAS_PINTEGER, 1, "1", NULL },
	{ XML_SCHEMAS_LONG, 1, "-9223372036854775808",
	    "9223372036854775807" },
	{ XML_SCHEMAS_INT, 1, "-2147483648", "2147483647" },
	{ XML_SCHEMAS_SHORT, 1, "-32768", "32767" },
	{ XML_SCHEMAS_BYTE, 1, "-128", "127" },
	{ XML_SCHEMAS_ULONG, 1, "0", "18446744073709551615" },
	{ XML_SCHEMAS_UINT, 1, "0", "4294967295" },
	{ XML_SCHEMAS_USHORT, 1, "0", "65535" },
	{ XML_SCHEMAS_UBYTE, 1, "0", "255" },
};

/* How a datatype is checked. */
enum kind {
	K_XML,		/* by libxml2 */
	K_FLOAT,	/* libxml2, after a stricter lexical check */
	K_DECIMAL,	/* here; decimals[] has it */
	K_DATE		/* libxml2, years moved (S_year) */
};

/* A parameter, compiled. */
struct facet {
	int		 family;
	xmlSchemaTypeType type;
	xmlSchemaFacetPtr xf;		/* libxml2's, or NULL */
	char		*value;		/* normalised, as checked */
	struct rng_regex *re;		/* pattern */
	uint64_t	 digits;	/* totalDigits, fractionDigits */
};

static int
S_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does `s`, its white space collapsed, equal `norm` (collapsed)? */
static int
S_eq_collapsed(const char *norm, const char *s)
{
	while (S_ws((unsigned char)*s))
		s++;
	for (;;) {
		if (S_ws((unsigned char)*s)) {
			while (S_ws((unsigned char)*s))
				s++;
			if (*s == '\0')
				return *norm == '\0';
			if (*norm++ != ' ')
				return 0;
			continue;
		}
		if (*s != *norm)
			return 0;
		if (*s == '\0')
			return 1;
		s++;
		norm++;
	}
}

/* `s` with white space replaced (ws 1) or collapsed (ws 2), or NULL
 * when that changes nothing. */
static char *
S_normalise(const char *s, int ws)
{
	if (ws == 1)
		return (char *)xmlSchemaWhiteSpaceReplace(BAD_CAST s);
	if (ws == 2)
		return (char *)xmlSchemaCollapseString(BAD_CAST s);
	return NULL;
}

static int
S_decimal_index(const struct rng_type *t)
{
	size_t	 i;

	for (i = 0; i < sizeof(decimals) / sizeof(decimals[0]); i++)
		if (decimals[i].type == t->xtype->builtInType)
			return (int)i;
	return -1;
}

static enum kind
S_kind(const struct rng_type *t)
{
	switch (t->xtype->builtInType) {
	case XML_SCHEMAS_FLOAT:
	case XML_SCHEMAS_DOUBLE:
		return K_FLOAT;
	case XML_SCHEMAS_DATE:
	case XML_SCHEMAS_DATETIME:
		return K_DATE;
	default:
		return S_decimal_index(t) >= 0 ? K_DECIMAL : K_XML;
	}
}

/* The facets XML Schema allows on a datatype (Part 2, 4.1.5). */
static int
S_families(const struct rng_type *t)
{
	switch (t->xtype->builtInType) {
	case XML_SCHEMAS_BOOLEAN:
		return FA_PATTERN;
	case XML_SCHEMAS_FLOAT: case XML_SCHEMAS_DOUBLE:
	case XML_SCHEMAS_DURATION: case XML_SCHEMAS_DATETIME:
	case XML_SCHEMAS_TIME: case XML_SCHEMAS_DATE:
	case XML_SCHEMAS_GYEARMONTH: case XML_SCHEMAS_GYEAR:
	case XML_SCHEMAS_GMONTHDAY: case XML_SCHEMAS_GDAY:
	case XML_SCHEMAS_GMONTH:
		return FA_PATTERN | FA_RANGES;
	default:
		return S_kind(t) == K_DECIMAL ?
		    FA_PATTERN | FA_RANGES | FA_DIGITS :
		    FA_PATTERN | FA_LENGTHS;
	}
}

/* ---- decimals, at any length ---- */

struct dec {
	int		 neg;
	const char	*ip, *fp;	/* no leading, trailing zeros */
	size_t		 ni, nf;
};

/* XML Schema's decimal (or integer) lexical form into d: 0 if not. */
static int
S_dec(const char *s, int integer, struct dec *d)
{
	const char	*p;

	memset(d, 0, sizeof(*d));
	if (*s == '+' || *s == '-')
		d->neg = *s++ == '-';
	for (p = s; *p >= '0' && *p <= '9'; p++)
		continue;
	d->ip = s;
	d->ni = (size_t)(p - s);
	d->fp = p;
	if (*p == '.' && !integer) {
		for (d->fp = ++p; *p >= '0' && *p <= '9'; p++)
			continue;
		d->nf = (size_t)(p - d->fp);
	}
	if (*p != '\0' || d->ni + d->nf == 0)
		return 0;
	while (d->ni > 0 && *d->ip == '0') {
		d->ip++;
		d->ni--;
	}
	while (d->nf > 0 && d->fp[d->nf - 1] == '0')
		d->nf--;
	if (d->ni + d->nf == 0)
		d->neg = 0;	/* "-0" is 0 */
	return 1;
}

static int
S_sign(int r)
{
	return r < 0 ? -1 : r > 0;
}

static int
S_dec_cmp(const struct dec *a, const struct dec *b)
{
	size_t	 n = a->nf < b->nf ? a->nf : b->nf;
	int	 r;

	if (a->neg != b->neg)
		return a->neg ? -1 : 1;
	if (a->ni != b->ni)
		r = a->ni < b->ni ? -1 : 1;
	else if ((r = S_sign(memcmp(a->ip, b->ip, a->ni))) == 0 &&
	    (r = S_sign(memcmp(a->fp, b->fp, n))) == 0)
		r = a->nf < b->nf ? -1 : a->nf > b->nf;
	return a->neg ? -r : r;
}

/* A value of decimal type t (decimals[i]): its lexical form and its
 * type's bounds. */
static int
S_dec_value(int i, const char *s, struct dec *d)
{
	struct dec	 b;

	if (!S_dec(s, decimals[i].integer, d))
		return 0;
	if (decimals[i].min != NULL && S_dec(decimals[i].min, 1, &b) &&
	    S_dec_cmp(d, &b) < 0)
		return 0;
	if (decimals[i].max != NULL && S_dec(decimals[i].max, 1, &b) &&
	    S_dec_cmp(d, &b) > 0)
		return 0;
	return 1;
}

/* A count for totalDigits (positive) or fractionDigits: -1 if not. */
static int
S_count(const char *s, int positive, uint64_t *v)
{
	struct dec	 d;
	size_t		 i;

	if (!S_dec(s, 1, &d) || d.neg || (positive && d.ni == 0))
		return -1;
	for (*v = 0, i = 0; i < d.ni; i++)
		*v = *v > UINT64_MAX / 20 ? UINT64_MAX / 2 :
		    *v * 10 + (uint64_t)(d.ip[i] - '0');
	return 0;
}

static int
S_dec_facet(const struct facet *f, const struct dec *d)
{
	struct dec	 b;
	int		 r;

	switch (f->type) {
	case XML_SCHEMA_FACET_TOTALDIGITS:
		return d->ni + d->nf <= f->digits;
	case XML_SCHEMA_FACET_FRACTIONDIGITS:
		return d->nf <= f->digits;
	default:
		break;
	}
	(void)S_dec(f->value, 0, &b);	/* checked when compiled */
	r = S_dec_cmp(d, &b);
	switch (f->type) {
	case XML_SCHEMA_FACET_MININCLUSIVE:
		return r >= 0;
	case XML_SCHEMA_FACET_MINEXCLUSIVE:
		return r > 0;
	case XML_SCHEMA_FACET_MAXINCLUSIVE:
		return r <= 0;
	default:
		return r < 0;
	}
}

/* XML Schema's lexical form of float and double: libxml2 takes "1e"
 * and "1E", which have no exponent digits. */
static int
S_float_lexical(const char *s)
{
	int	 digits = 0;

	if (strcmp(s, "INF") == 0 || strcmp(s, "-INF") == 0 ||
	    strcmp(s, "NaN") == 0)
		return 1;
	if (*s == '+' || *s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (digits == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* ---- years ---- */

/*
 * Years are XML Schema 1.0's: there is no year 0000, -0001 is 1 BCE,
 * and leap years run on before the common era (1 BCE, 5 BCE ... are
 * leap years).  libxml2 takes -0001 for a common year, so its years
 * are moved: the missing year 0 is closed up and YEAR_SHIFT added, a
 * multiple of 400 so that leap years stay leap years, and more than
 * any year taken, so that all are positive.  Order and differences
 * are kept, and so are comparisons across time zones.  Years of more
 * than 15 digits are refused.
 */
#define YEAR_SHIFT	2000000000000000LL
#define YEAR_DIGITS	15

/* date or dateTime s with its year moved (malloc'd), or NULL if its
 * year is not one. */
static char *
S_year(const char *s)
{
	const char	*p = s, *q;
	long long	 y = 0;
	char		*r;
	size_t		 n;
	int		 neg;

	if ((neg = *p == '-'))
		p++;
	/* digits past the bound are counted, not added: no overflow */
	for (q = p; *q >= '0' && *q <= '9'; q++)
		if (q - p < YEAR_DIGITS)
			y = y * 10 + (*q - '0');
	n = (size_t)(q - p);
	if (*q != '-' || n < 4 || n > YEAR_DIGITS || (n > 4 && *p == '0') ||
	    y == 0)
		return NULL;
	y = neg ? 1 - y + YEAR_SHIFT : y + YEAR_SHIFT;
	n = strlen(q) + 24;
	if ((r = malloc(n)) != NULL)
		snprintf(r, n, "%lld%s", y, q);
	return r;
}

/* ---- datatypes and their parameters ---- */

/* XML Schema's datatype `name` into t; 0, or -1 if it has none. */
static int
S_type_xsd(struct rng_type *t, const char *name)
{
	const char	*as = name;

	/* XPath's two, which jing takes, are strings to libxml2; NOTATION
	 * is a QName, as jing has it: XML Schema's check against declared
	 * notations has no RELAX NG meaning */
	if (strcmp(name, "untypedAtomic") == 0 ||
	    strcmp(name, "anyAtomicType") == 0)
		as = "string";
	else if (strcmp(name, "NOTATION") == 0)
		as = "QName";
	if (strcmp(name, "anyType") == 0 ||
	    strcmp(name, "anySimpleType") == 0 ||
	    (t->xtype = xmlSchemaGetPredefinedType(BAD_CAST as,
	    BAD_CAST XSD_NS)) == NULL)
		return -1;
	t->xsd = 1;
	t->ws = strcmp(as, "string") == 0 ? 0 :
	    strcmp(as, "normalizedString") == 0 ? 1 : 2;
	t->is_float = S_kind(t) == K_FLOAT;
	if (strcmp(name, "ID") == 0)
		t->idtype = DT_ID;
	else if (strcmp(name, "IDREF") == 0)
		t->idtype = DT_IDREF;
	else if (strcmp(name, "IDREFS") == 0)
		t->idtype = DT_IDREFS;
	return 0;
}

static int
S_type_new(struct rng_schema *s, const char *lib, const char *name,
    char **err)
{
	struct rng_type	*t, *v;
	static _Thread_local char msg[256];

	*err = msg;
	if (s->ntypes == s->captypes) {
		s->captypes = s->captypes ? 2 * s->captypes : 64;
		if ((v = realloc(s->types, s->captypes * sizeof(*v))) == NULL)
			goto nomem;
		s->types = v;
	}
	t = &s->types[s->ntypes];
	memset(t, 0, sizeof(*t));
	if (lib != NULL && *lib != '\0' && strcmp(lib, XSD_DT_LIB) != 0) {
		snprintf(msg, sizeof(msg), "datatype library %.160s is not "
		    "supported (only XML Schema's)", lib);
		return -1;
	}
	if (lib == NULL || *lib == '\0') {
		if (strcmp(name, "string") != 0 &&
		    strcmp(name, "token") != 0) {
			snprintf(msg, sizeof(msg), "RELAX NG has no datatype "
			    "\"%s\" (only string and token)", name);
			return -1;
		}
		t->ws = name[0] == 't' ? 2 : 0;
	} else if (S_type_xsd(t, name) != 0) {
		snprintf(msg, sizeof(msg), "XML Schema has no datatype "
		    "\"%s\"", name);
		return -1;
	}
	if ((t->name = strdup(name)) == NULL)
		goto nomem;
	*err = NULL;
	return (int)s->ntypes++;
nomem:
	*err = NULL;
	return -1;
}

static void
S_facet_free(struct facet *f)
{
	if (f == NULL)
		return;
	if (f->xf != NULL) {
		f->xf->value = NULL;	/* ours */
		xmlSchemaFreeFacet(f->xf);
	}
	rng_regex_free(f->re);
	free(f->value);
	free(f);
}

static void
S_type_clear(struct rng_type *t)
{
	size_t	 i;

	for (i = 0; i < t->nparams; i++) {
		S_facet_free(t->params[i].facet);
		free(t->params[i].name);
		free(t->params[i].value);
	}
	free(t->params);
	free(t->name);
}

/* A facet value libxml2 checks: lengths, and ranges of types not
 * decimal.  Checked quietly first, as libxml2 would print. */
static int
S_facet_xml(const struct rng_type *t, struct facet *f)
{
	uint64_t	 n;

	if (f->family == FA_LENGTHS) {
		/* libxml2 reads 24 digits; no text is longer than this */
		if (S_count(f->value, 0, &n) < 0)
			return -1;
		if (n > 999999999999999999ULL)
			n = 999999999999999999ULL;
		snprintf(f->value, strlen(f->value) + 1, "%llu",
		    (unsigned long long)n);
	} else if (xmlSchemaValPredefTypeNode(t->xtype, BAD_CAST f->value,
	    NULL, NULL) != 0)
		return -1;
	if ((f->xf = xmlSchemaNewFacet()) == NULL)
		return -2;
	f->xf->type = f->type;
	f->xf->value = BAD_CAST f->value;
	return xmlSchemaCheckFacet(f->xf, t->xtype, NULL,
	    BAD_CAST t->name) == 0 ? 0 : -1;
}

/* Compile parameter `value` of t into f: 0, -1 a bad value (*err may
 * say more), -2 no memory. */
static int
S_facet_compile(const struct rng_type *t, struct facet *f,
    const char *value, char **err)
{
	struct dec	 d;
	char		*norm;
	int		 i;

	if (f->family == FA_PATTERN) {
		f->re = rng_regex_compile(value, err);
		return f->re != NULL ? 0 : *err != NULL ? -1 : -2;
	}
	/* a value of the type (or a count), so its white space goes */
	norm = S_normalise(value, 2);
	f->value = strdup(norm != NULL ? norm : value);
	xmlFree(norm);
	if (f->value == NULL)
		return -2;
	if (f->family == FA_DIGITS)
		return S_count(f->value, f->type ==
		    XML_SCHEMA_FACET_TOTALDIGITS, &f->digits);
	if (f->family == FA_RANGES && (i = S_decimal_index(t)) >= 0)
		return S_dec_value(i, f->value, &d) ? 0 : -1;
	if (f->family == FA_RANGES && S_kind(t) == K_DATE) {
		norm = S_year(f->value);
		free(f->value);
		if ((f->value = norm) == NULL)
			return -1;
	}
	if (f->family == FA_RANGES && S_kind(t) == K_FLOAT &&
	    !S_float_lexical(f->value))
		return -1;
	return S_facet_xml(t, f);
}

/* Parameter `name` for t: its index in facets[], or -1 and *msg. */
static int
S_param_check(const struct rng_type *t, const char *name, char *msg,
    size_t sz)
{
	size_t	 i, j;

	if (!t->xsd) {
		snprintf(msg, sz, "datatype %s takes no parameters", t->name);
		return -1;
	}
	for (i = 0; i < sizeof(facets) / sizeof(facets[0]); i++)
		if (strcmp(facets[i].name, name) == 0)
			break;
	if (i == sizeof(facets) / sizeof(facets[0]) ||
	    !(facets[i].family & S_families(t))) {
		snprintf(msg, sz, "\"%s\" is not a parameter of datatype %s",
		    name, t->name);
		return -1;
	}
	for (j = 0; j < t->nparams && facets[i].family != FA_PATTERN; j++)
		if (strcmp(t->params[j].name, name) == 0) {
			snprintf(msg, sz, "parameter %s of datatype %s is "
			    "given twice", name, t->name);
			return -1;
		}
	return (int)i;
}

static int
S_type_param(struct rng_schema *s, uint32_t ti, const char *name,
    const char *value, char **err)
{
	struct rng_type	*t = &s->types[ti];
	struct rng_param *p;
	struct facet	*f;
	char		*rerr = NULL;
	int		 i, r;
	static _Thread_local char msg[512];

	*err = msg;
	if ((i = S_param_check(t, name, msg, sizeof(msg))) < 0)
		return -1;
	*err = NULL;
	if ((p = realloc(t->params, (t->nparams + 1) * sizeof(*p))) == NULL)
		return -1;
	t->params = p;
	p = &t->params[t->nparams];
	memset(p, 0, sizeof(*p));
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	f->family = facets[i].family;
	f->type = facets[i].type;
	if ((r = S_facet_compile(t, f, value, &rerr)) == 0 &&
	    (p->name = strdup(name)) != NULL &&
	    (p->value = strdup(value)) != NULL) {
		p->facet = f;
		t->nparams++;
		return 0;
	}
	S_facet_free(f);
	free(p->name);
	if (r == -1 && rerr != NULL)
		snprintf(msg, sizeof(msg), "%s", rerr);
	else if (r == -1)
		snprintf(msg, sizeof(msg), "bad value \"%.100s\" for "
		    "parameter %s of datatype %s", value, name, t->name);
	free(rerr);
	*err = r == -1 ? msg : NULL;
	return -1;
}

/* The datatype `name` of library `lib` with these parameters: one made
 * earlier when there is one, so that each facet is compiled once. */
int
rng_type_get(struct rng_schema *s, const char *lib, const char *name,
    const char *const *pn, const char *const *pv, size_t np, char **err)
{
	const struct rng_type *t;
	size_t		 i, j;
	int		 xsd = lib != NULL && *lib != '\0', ti;

	for (i = 0; i < s->ntypes; i++) {
		t = &s->types[i];
		if (t->xsd != xsd || t->nparams != np ||
		    strcmp(t->name, name) != 0)
			continue;
		for (j = 0; j < np; j++)
			if (strcmp(t->params[j].name, pn[j]) != 0 ||
			    strcmp(t->params[j].value, pv[j]) != 0)
				break;
		if (j == np) {
			*err = NULL;
			return (int)i;
		}
	}
	if ((ti = S_type_new(s, lib, name, err)) < 0)
		return -1;
	for (j = 0; j < np; j++)
		if (S_type_param(s, (uint32_t)ti, pn[j], pv[j], err) != 0) {
			/* nothing refers to it yet: it goes */
			S_type_clear(&s->types[ti]);
			s->ntypes--;
			return -1;
		}
	if (s->types[ti].idtype != DT_NONE)
		s->has_ids = 1;
	return ti;
}

const char *
rng_type_name(const struct rng_schema *s, uint32_t ti, char *buf,
    size_t sz)
{
	const struct rng_type *t = &s->types[ti];
	size_t		 i;
	int		 n;

	n = snprintf(buf, sz, "%s%s", t->xsd ? "xsd:" : "", t->name);
	for (i = 0; i < t->nparams && n > 0 && (size_t)n < sz; i++)
		n += snprintf(buf + n, sz - n, "%s%s=\"%s\"", i ? ", " : " (",
		    t->params[i].name, t->params[i].value);
	if (t->nparams > 0 && n > 0 && (size_t)n < sz)
		snprintf(buf + n, sz - n, ")");
	return buf;
}

/* ---- checking text ---- */

static int
S_patterns(const struct rng_type *t, const char *v)
{
	const struct facet *f;
	size_t		 i, len = strlen(v);

	for (i = 0; i < t->nparams; i++) {
		f = t->params[i].facet;
		if (f->re != NULL && rng_regex_match(f->re, v, len) != 1)
			return 0;
	}
	return 1;
}

static int
S_dec_allows(const struct rng_type *t, const char *v)
{
	const struct facet *f;
	struct dec	 d;
	size_t		 i;

	if (!S_dec_value(S_decimal_index(t), v, &d))
		return 0;
	for (i = 0; i < t->nparams; i++) {
		f = t->params[i].facet;
		if (f->re == NULL && !S_dec_facet(f, &d))
			return 0;
	}
	return 1;
}

/*
 * The text libxml2 is to see for v, a value of t: v itself, or a date
 * with its year moved (*tmp, to be freed); NULL if it cannot be one.
 */
static const char *
S_xml_text(const struct rng_type *t, const char *v, char **tmp)
{
	*tmp = NULL;
	switch (S_kind(t)) {
	case K_FLOAT:
		return S_float_lexical(v) ? v : NULL;
	case K_DATE:
		return *tmp = S_year(v);
	default:
		return v;
	}
}

static int
S_xml_allows(const struct rng_type *t, const char *v, xmlNodePtr ctx)
{
	const struct facet *f;
	xmlSchemaValPtr	 val = NULL;
	const char	*x;
	char		*tmp;
	size_t		 i;
	int		 ok, need = 0;

	if ((x = S_xml_text(t, v, &tmp)) == NULL)
		return 0;
	for (i = 0; i < t->nparams; i++)
		need |= ((const struct facet *)t->params[i].facet)->xf != NULL;
	ok = xmlSchemaValPredefTypeNode(t->xtype, BAD_CAST x,
	    need ? &val : NULL, ctx) == 0;
	for (i = 0; ok && i < t->nparams; i++) {
		f = t->params[i].facet;
		if (f->xf != NULL)
			ok = xmlSchemaValidateFacet(t->xtype, f->xf,
			    BAD_CAST x, val) == 0;
	}
	if (val != NULL)
		xmlSchemaFreeValue(val);
	free(tmp);
	return ok;
}

int
rng_type_allows(struct rng_schema *s, uint32_t ti, const char *str,
    xmlNodePtr ctx)
{
	const struct rng_type *t = &s->types[ti];
	char		*norm;
	const char	*v;
	int		 ok;

	if (!t->xsd)
		return 1;
	norm = S_normalise(str, t->ws);
	v = norm != NULL ? norm : str;
	/* a pattern constrains the lexical form, white space done */
	ok = S_patterns(t, v) && (S_kind(t) == K_DECIMAL ?
	    S_dec_allows(t, v) : S_xml_allows(t, v, ctx));
	xmlFree(norm);
	return ok;
}

/* ---- values ---- */

/*
 * A QName (or NOTATION) written in the schema: its prefix is declared
 * there, and without a prefix it is in the namespace of the value
 * element's ns attribute (which RELAX NG's simplification, 4.9, gives
 * every value element), not in the default namespace.
 */
static xmlSchemaValPtr
S_qname(const char *q, const struct rnode *ctx, const char *ns)
{
	const char	*colon = strchr(q, ':'), *uri = ns;
	char		*prefix;
	xmlChar		*u, *l;
	xmlSchemaValPtr	 v;

	if (xmlValidateQName(BAD_CAST q, 0) != 0)
		return NULL;
	if (colon != NULL) {
		if ((prefix = strndup(q, (size_t)(colon - q))) == NULL)
			return NULL;
		uri = rnode_ns_lookup(ctx, prefix);
		free(prefix);
		if (uri == NULL)
			return NULL;
		q = colon + 1;
	}
	u = uri != NULL && *uri != '\0' ? xmlStrdup(BAD_CAST uri) : NULL;
	l = xmlStrdup(BAD_CAST q);
	if ((uri != NULL && *uri != '\0' && u == NULL) || l == NULL ||
	    (v = xmlSchemaNewQNameValue(u, l)) == NULL) {
		xmlFree(u);
		xmlFree(l);
		return NULL;
	}
	return v;
}

/* v->norm as a value of t into v->val: 0, or -1 if it is not one. */
static int
S_value_val(const struct rng_type *t, struct rng_value *v,
    const struct rnode *ctx, const char *ns)
{
	struct dec	 d;
	const char	*x;
	char		*tmp;
	int		 r;

	if (!t->xsd)
		return 0;
	if (S_kind(t) == K_DECIMAL)
		return S_dec_value(S_decimal_index(t), v->norm, &d) ? 0 : -1;
	if (t->xtype->builtInType == XML_SCHEMAS_QNAME && ctx != NULL)
		return (v->val = S_qname(v->norm, ctx, ns)) != NULL ? 0 : -1;
	if ((x = S_xml_text(t, v->norm, &tmp)) == NULL)
		return -1;
	r = xmlSchemaValPredefTypeNode(t->xtype, BAD_CAST x, &v->val,
	    NULL) == 0 ? 0 : -1;
	free(tmp);
	return r;
}

/*
 * A <value> of type ti: ctx is the value element, for the prefixes of
 * a QName, and ns its ns attribute, for a QName without one.
 */
int
rng_value_new_ctx(struct rng_schema *s, uint32_t ti, const char *text,
    const struct rnode *ctx, const char *ns, char **err)
{
	struct rng_type	*t = &s->types[ti];
	struct rng_value *v, *nv;
	char		*norm;
	static _Thread_local char msg[256];

	*err = NULL;
	if (s->nvalues == s->capvalues) {
		s->capvalues = s->capvalues ? 2 * s->capvalues : 256;
		if ((nv = realloc(s->values, s->capvalues * sizeof(*nv))) ==
		    NULL)
			return -1;
		s->values = nv;
	}
	v = &s->values[s->nvalues];
	memset(v, 0, sizeof(*v));
	v->type = ti;
	norm = S_normalise(text, t->ws);
	v->norm = strdup(norm != NULL ? norm : text);
	xmlFree(norm);
	v->text = strdup(text);
	if (v->norm == NULL || v->text == NULL ||
	    S_value_val(t, v, ctx, ns) != 0) {
		if (v->norm != NULL && v->text != NULL) {
			snprintf(msg, sizeof(msg), "\"%.100s\" is not a "
			    "value of datatype %s", text, t->name);
			*err = msg;
		}
		free(v->norm);
		free(v->text);
		return -1;
	}
	return (int)s->nvalues++;
}

int
rng_value_new(struct rng_schema *s, uint32_t ti, const char *text,
    char **err)
{
	return rng_value_new_ctx(s, ti, text, NULL, NULL, err);
}

static int
S_dec_equal(const struct rng_type *t, const char *a, const char *b)
{
	struct dec	 x, y;
	int		 i = S_decimal_index(t);

	return S_dec_value(i, a, &x) && S_dec_value(i, b, &y) &&
	    S_dec_cmp(&x, &y) == 0;
}

static int
S_xml_equal(const struct rng_type *t, const struct rng_value *v,
    const char *s, xmlNodePtr ctx)
{
	xmlSchemaValPtr	 val = NULL;
	const char	*x;
	char		*tmp;
	int		 eq;

	if ((x = S_xml_text(t, s, &tmp)) == NULL)
		return 0;
	eq = xmlSchemaValPredefTypeNode(t->xtype, BAD_CAST x, &val,
	    ctx) == 0 && val != NULL &&
	    xmlSchemaCompareValues(v->val, val) == 0;
	if (val != NULL)
		xmlSchemaFreeValue(val);
	free(tmp);
	return eq;
}

int
rng_value_matches(const struct rng_schema *s, uint32_t vi, const char *str,
    xmlNodePtr ctx)
{
	const struct rng_value *v = &s->values[vi];
	const struct rng_type *t = &s->types[v->type];
	char		*norm;
	const char	*n;
	int		 eq, plain;

	if (t->ws == 0)
		return strcmp(v->text, str) == 0;
	plain = !t->xsd || (S_kind(t) != K_DECIMAL && v->val == NULL);
	if (plain && t->ws == 2)
		return S_eq_collapsed(v->norm, str);
	norm = S_normalise(str, t->ws);
	n = norm != NULL ? norm : str;
	if (plain)
		eq = strcmp(v->norm, n) == 0;
	else if (S_kind(t) == K_DECIMAL)
		eq = S_dec_equal(t, v->norm, n);
	else
		eq = S_xml_equal(t, v, n, ctx);
	xmlFree(norm);
	return eq;
}

void
rng_types_free(struct rng_schema *s)
{
	size_t	 i;

	for (i = 0; i < s->ntypes; i++)
		S_type_clear(&s->types[i]);
	free(s->types);
	for (i = 0; i < s->nvalues; i++) {
		free(s->values[i].text);
		free(s->values[i].norm);
		if (s->values[i].val != NULL)
			xmlSchemaFreeValue(s->values[i].val);
	}
	free(s->values);
}
