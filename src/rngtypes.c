/*
 * rngtypes.c -- datatypes for the RELAX NG engine: RELAX NG's own
 * (string, token) and XML Schema's, whose checking, values and facets
 * (pattern, length, ranges...) are libxml2's (xmlschemastypes), reused
 * rather than rewritten.  Facets are compiled once, when the schema is;
 * a datatype with the same parameters as an earlier one is shared.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/schemasInternals.h>
#include <libxml/xmlschemastypes.h>

#include "rng.h"

#define XSD_DT_LIB "http://www.w3.org/2001/XMLSchema-datatypes"
#define XSD_NS "http://www.w3.org/2001/XMLSchema"

static const struct {
	const char		*name;
	xmlSchemaTypeType	 type;
} facets[] = {
	{ "length", XML_SCHEMA_FACET_LENGTH },
	{ "minLength", XML_SCHEMA_FACET_MINLENGTH },
	{ "maxLength", XML_SCHEMA_FACET_MAXLENGTH },
	{ "pattern", XML_SCHEMA_FACET_PATTERN },
	{ "enumeration", XML_SCHEMA_FACET_ENUMERATION },
	{ "whiteSpace", XML_SCHEMA_FACET_WHITESPACE },
	{ "maxInclusive", XML_SCHEMA_FACET_MAXINCLUSIVE },
	{ "maxExclusive", XML_SCHEMA_FACET_MAXEXCLUSIVE },
	{ "minInclusive", XML_SCHEMA_FACET_MININCLUSIVE },
	{ "minExclusive", XML_SCHEMA_FACET_MINEXCLUSIVE },
	{ "totalDigits", XML_SCHEMA_FACET_TOTALDIGITS },
	{ "fractionDigits", XML_SCHEMA_FACET_FRACTIONDIGITS },
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
S_type_new(struct rng_schema *s, const char *lib, const char *name,
    char **err)
{
	struct rng_type	*t, *v;
	static _Thread_local char msg[256];

	*err = NULL;
	if (s->ntypes == s->captypes) {
		s->captypes = s->captypes ? 2 * s->captypes : 64;
		if ((v = realloc(s->types, s->captypes * sizeof(*v))) == NULL)
			return -1;
		s->types = v;
	}
	t = &s->types[s->ntypes];
	memset(t, 0, sizeof(*t));
	if (lib == NULL || *lib == '\0') {
		if (strcmp(name, "string") != 0 &&
		    strcmp(name, "token") != 0) {
			snprintf(msg, sizeof(msg), "RELAX NG has no datatype "
			    "\"%s\" (only string and token)", name);
			*err = msg;
			return -1;
		}
		t->ws = name[0] == 't' ? 2 : 0;
	} else if (strcmp(lib, XSD_DT_LIB) == 0) {
		t->xsd = 1;
		t->xtype = xmlSchemaGetPredefinedType(BAD_CAST name,
		    BAD_CAST XSD_NS);
		if (t->xtype == NULL) {
			snprintf(msg, sizeof(msg), "XML Schema has no "
			    "datatype \"%s\"", name);
			*err = msg;
			return -1;
		}
		t->ws = strcmp(name, "string") == 0 ? 0 :
		    strcmp(name, "normalizedString") == 0 ? 1 : 2;
		t->is_float = strcmp(name, "float") == 0 ||
		    strcmp(name, "double") == 0;
		t->is_unsigned = strncmp(name, "unsigned", 8) == 0;
		if (strcmp(name, "ID") == 0)
			t->idtype = DT_ID;
		else if (strcmp(name, "IDREF") == 0)
			t->idtype = DT_IDREF;
		else if (strcmp(name, "IDREFS") == 0)
			t->idtype = DT_IDREFS;
		if (t->idtype != DT_NONE)
			s->has_ids = 1;
	} else {
		snprintf(msg, sizeof(msg), "datatype library %.160s is not "
		    "supported (only XML Schema's)", lib);
		*err = msg;
		return -1;
	}
	if ((t->name = strdup(name)) == NULL)
		return -1;
	return (int)s->ntypes++;
}

static int
S_type_param(struct rng_schema *s, uint32_t ti, const char *name,
    const char *value, char **err)
{
	struct rng_type	*t = &s->types[ti];
	struct rng_param *p;
	xmlSchemaFacetPtr f;
	size_t		 i;
	static _Thread_local char msg[256];

	*err = NULL;
	if (!t->xsd) {
		snprintf(msg, sizeof(msg), "datatype %s takes no parameters",
		    t->name);
		*err = msg;
		return -1;
	}
	for (i = 0; i < sizeof(facets) / sizeof(facets[0]); i++)
		if (strcmp(facets[i].name, name) == 0)
			break;
	if (i == sizeof(facets) / sizeof(facets[0]) ||
	    facets[i].type == XML_SCHEMA_FACET_ENUMERATION ||
	    facets[i].type == XML_SCHEMA_FACET_WHITESPACE) {
		snprintf(msg, sizeof(msg), "\"%s\" is not a parameter of "
		    "datatype %s", name, t->name);
		*err = msg;
		return -1;
	}
	if ((p = realloc(t->params, (t->nparams + 1) * sizeof(*p))) == NULL)
		return -1;
	t->params = p;
	p = &t->params[t->nparams];
	memset(p, 0, sizeof(*p));
	if ((p->name = strdup(name)) == NULL ||
	    (p->value = strdup(value)) == NULL ||
	    (f = xmlSchemaNewFacet()) == NULL) {
		free(p->name);
		free(p->value);
		return -1;
	}
	f->type = facets[i].type;
	f->value = BAD_CAST p->value;
	if (xmlSchemaCheckFacet(f, t->xtype, NULL, BAD_CAST t->name) != 0) {
		f->value = NULL;
		xmlSchemaFreeFacet(f);
		free(p->name);
		free(p->value);
		snprintf(msg, sizeof(msg), "bad value \"%.100s\" for "
		    "parameter %s of datatype %s", value, name, t->name);
		*err = msg;
		return -1;
	}
	p->facet = f;
	t->nparams++;
	return 0;
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
			/* keep it out of the search: it is incomplete */
			s->types[ti].nparams = (size_t)-1 / 2;
			return -1;
		}
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

int
rng_type_allows(struct rng_schema *s, uint32_t ti, const char *str,
    xmlNodePtr ctx)
{
	const struct rng_type *t = &s->types[ti];
	xmlSchemaValPtr	 val = NULL;
	char		*norm;
	const char	*v;
	size_t		 i;
	int		 ok;

	if (!t->xsd)
		return 1;
	norm = S_normalise(str, t->ws);
	v = norm != NULL ? norm : str;
	if (t->is_float && !S_float_lexical(v)) {
		xmlFree(norm);
		return 0;
	}
	/* "+255" and "-0" are unsignedBytes (an optional sign, XML Schema
	 * 3.3.20), but libxml2 refuses a sign for the unsigned types */
	if (t->is_unsigned && v[0] == '+' && v[1] >= '0' && v[1] <= '9')
		v++;
	else if (t->is_unsigned && v[0] == '-' && v[1] == '0' &&
	    v[strspn(v + 1, "0") + 1] == '\0')
		v = "0";	/* "-0", "-00": zero */
	ok = xmlSchemaValPredefTypeNode(t->xtype, BAD_CAST v,
	    t->nparams > 0 ? &val : NULL, ctx) == 0;
	for (i = 0; ok && i < t->nparams; i++)
		ok = xmlSchemaValidateFacet(t->xtype, t->params[i].facet,
		    BAD_CAST v, val) == 0;
	if (val != NULL)
		xmlSchemaFreeValue(val);
	xmlFree(norm);
	return ok;
}

int
rng_value_new(struct rng_schema *s, uint32_t ti, const char *text,
    char **err)
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
	if (v->norm == NULL || v->text == NULL) {
		free(v->norm);
		free(v->text);
		return -1;
	}
	if (t->xsd && xmlSchemaValPredefTypeNode(t->xtype, BAD_CAST v->norm,
	    &v->val, NULL) != 0) {
		snprintf(msg, sizeof(msg), "\"%.100s\" is not a value of "
		    "datatype %s", text, t->name);
		*err = msg;
		free(v->norm);
		free(v->text);
		return -1;
	}
	return (int)s->nvalues++;
}

int
rng_value_matches(const struct rng_schema *s, uint32_t vi, const char *str,
    xmlNodePtr ctx)
{
	const struct rng_value *v = &s->values[vi];
	const struct rng_type *t = &s->types[v->type];
	xmlSchemaValPtr	 val = NULL;
	char		*norm;
	int		 eq;

	if (t->ws == 0)
		return strcmp(v->text, str) == 0;
	if (!t->xsd || v->val == NULL)
		return t->ws == 2 ? S_eq_collapsed(v->norm, str) :
		    (norm = S_normalise(str, t->ws)) != NULL ?
		    (eq = strcmp(v->norm, norm) == 0, xmlFree(norm), eq) :
		    strcmp(v->norm, str) == 0;
	norm = S_normalise(str, t->ws);
	eq = xmlSchemaValPredefTypeNode(t->xtype, BAD_CAST (norm ? norm :
	    str), &val, ctx) == 0 && val != NULL &&
	    xmlSchemaCompareValues(v->val, val) == 0;
	if (val != NULL)
		xmlSchemaFreeValue(val);
	xmlFree(norm);
	return eq;
}

void
rng_types_free(struct rng_schema *s)
{
	size_t	 i, j;

	for (i = 0; i < s->ntypes; i++) {
		for (j = 0; j < s->types[i].nparams; j++) {
			xmlSchemaFacetPtr f = s->types[i].params[j].facet;

			f->value = NULL;	/* ours */
			xmlSchemaFreeFacet(f);
			free(s->types[i].params[j].name);
			free(s->types[i].params[j].value);
		}
		free(s->types[i].params);
		free(s->types[i].name);
	}
	free(s->types);
	for (i = 0; i < s->nvalues; i++) {
		free(s->values[i].text);
		free(s->values[i].norm);
		if (s->values[i].val != NULL)
			xmlSchemaFreeValue(s->values[i].val);
	}
	free(s->values);
}
