/*
 * rng.h -- teikit's RELAX NG engine, shared by its files:
 *   rngread.c     reading a schema file into a tree of struct rnode
 *   rnc.c         the same from the compact syntax
 *   rngcompile.c  simplifying that tree into patterns (include,
 *                 externalRef, combine, nested grammars)
 *   rngpattern.c  the pattern store (hash-consed) and the derivatives
 *   rngtypes.c    datatypes: RELAX NG's own, and XSD's through libxml2
 *   rngvalid.c    validating a tree or a stream of parser events, with
 *                 messages that say what the schema expected
 * The algorithm is James Clark's "An algorithm for RELAX NG validation"
 * (2002): a document is validated by taking derivatives of the schema's
 * pattern with respect to each start tag, attribute, text and end tag.
 * Patterns are hash-consed and derivatives memoised, so each distinct
 * step is computed once and validation is linear in the document.
 * Not installed; the public face is teikit_schema_* in schema.c.
 */
#ifndef TEIKIT_RNG_H
#define TEIKIT_RNG_H

#include <pthread.h>
#include <stdint.h>

#include <libxml/tree.h>
#include <libxml/xmlschemastypes.h>

#include "internal.h"

typedef uint32_t rng_id;
#define RNG_NONE	((rng_id)-1)

/* The three patterns every store starts with, at fixed ids. */
#define RNG_NOTALLOWED	0
#define RNG_EMPTY	1
#define RNG_TEXT	2

enum rng_kind {
	RP_NOTALLOWED,
	RP_EMPTY,
	RP_TEXT,
	RP_CHOICE,	/* a, b; canonical: sorted, a is never a choice */
	RP_INTERLEAVE,	/* a, b */
	RP_GROUP,	/* a, b */
	RP_ONEORMORE,	/* a */
	RP_LIST,	/* a */
	RP_DATA,	/* a: datatype; b: except pattern or RNG_NONE */
	RP_VALUE,	/* a: value */
	RP_ATTRIBUTE,	/* a: name class; b: value pattern */
	RP_ELEMENT,	/* a: name class; b: content (filled in later) */
	RP_AFTER	/* a: the rest of this element; b: then its parent */
};

/* What a pattern holds outside any element, for short cuts. */
#define RF_NULLABLE	0x01	/* matches the empty sequence */
#define RF_ATT		0x02	/* holds attribute patterns */
#define RF_ELEM		0x04	/* holds element patterns (or After) */
#define RF_DATA		0x08	/* its text derivative depends on the text */
#define RF_TEXT		0x10	/* holds <text/> */

/*
 * A pattern.  Patterns live in growable stores, so nothing outside
 * rngpattern.c ever holds a pointer to one: rng_pat() returns a copy,
 * which stays right whatever is made after it.
 */
struct rng_pat {
	uint8_t		 kind;
	uint8_t		 flags;
	uint16_t	 depth;	/* how deep a derivative recurses into it */
	rng_id		 a, b;
	rng_id		 next;	/* hash chain */
};

/* The deepest pattern a schema may nest (not counting choices, which
 * are walked iteratively, nor elements, whose content is a pattern of
 * its own): derivatives recurse this deep, so it bounds their stack. */
#define RNG_MAX_DEPTH	1000

/* A hash-consed set of patterns. */
struct rng_store {
	struct rng_pat	*v;
	size_t		 n, cap;
	rng_id		*buckets;
	size_t		 nbuckets;	/* a power of two */
	int		 too_deep;	/* a pattern past RNG_MAX_DEPTH */
	int		 too_many;	/* a session past its bound */
};

/* Name classes. */
enum rng_nc_kind { NC_NAME, NC_ANY, NC_NSNAME, NC_CHOICE };
struct rng_nc {
	uint8_t		 kind;
	uint32_t	 a, b;	/* NAME: a name; ANY: a except; NSNAME: a ns,
				 * b except; CHOICE: a, b */
};

/* A name the schema mentions: namespace (index into nss) and local. */
struct rng_name {
	uint32_t	 ns;
	char		*local;
	uint32_t	 next;	/* hash chain */
};

/* A datatype with its parameters, e.g. xsd:token pattern="[a-z]+". */
enum rng_dt_id { DT_NONE, DT_ID, DT_IDREF, DT_IDREFS };
struct rng_param {
	char		*name, *value;
	void		*facet;		/* xmlSchemaFacetPtr */
};
struct rng_type {
	int		 xsd;		/* 0: RELAX NG's own string/token */
	char		*name;
	xmlSchemaTypePtr xtype;
	int		 ws;		/* 0 preserve, 1 replace, 2 collapse */
	int		 is_float;	/* float or double: lexical form checked */
	int		 is_unsigned;	/* unsigned*: a "+" sign allowed */
	enum rng_dt_id	 idtype;
	struct rng_param *params;
	size_t		 nparams;
};
struct rng_value {
	uint32_t	 type;		/* index into types */
	char		*text;		/* as written, in the schema */
	char		*norm;		/* whitespace normalised */
	xmlSchemaValPtr	 val;		/* XSD: its value, or NULL */
};

struct rng_sess;

struct rng_schema {
	struct rng_store st;
	struct rng_nc	*ncs;
	size_t		 nncs, capncs;
	char		**nss;		/* namespace URIs; 0 is "" */
	size_t		 nnss, capnss;
	struct rng_name	*names;
	size_t		 nnames, capnames;
	uint32_t	*name_buckets;	/* chains, a power of two */
	size_t		 nname_buckets;
	struct rng_type	*types;
	size_t		 ntypes, captypes;
	struct rng_value *values;
	size_t		 nvalues, capvalues;
	rng_id		 start;
	uint32_t	 nc_any;	/* anyName, for recovery */
	rng_id		*elements;	/* every element pattern, for recovery */
	size_t		 nelements, capelements;
	int		 has_ids;	/* some datatype is ID, IDREF(S) */
	pthread_mutex_t	 lock;		/* the session pool */
	struct rng_sess	*pool;
};

/* Where new patterns go: the schema's own store while compiling, a
 * session's store (over the schema's, read-only) while validating. */
struct rng_ctx {
	struct rng_schema *s;
	struct rng_store *own;
	rng_id		 base;	/* ids below it are the schema's */
};

/* rngpattern.c */
int		 rng_store_init(struct rng_store *);
void		 rng_store_free(struct rng_store *);
struct rng_pat	 rng_pat(const struct rng_ctx *, rng_id);
rng_id		 rng_mk(struct rng_ctx *, int kind, rng_id a, rng_id b);
rng_id		 rng_choice(struct rng_ctx *, rng_id, rng_id);
rng_id		 rng_choice_n(struct rng_ctx *, const rng_id *, size_t);
rng_id		 rng_group(struct rng_ctx *, rng_id, rng_id);
rng_id		 rng_interleave(struct rng_ctx *, rng_id, rng_id);
/* a sequence or interleave of n patterns, as a balanced tree, so that
 * a long one nests log n deep, not n */
rng_id		 rng_group_n(struct rng_ctx *, const rng_id *, size_t);
rng_id		 rng_interleave_n(struct rng_ctx *, const rng_id *, size_t);
rng_id		 rng_one_or_more(struct rng_ctx *, rng_id);
rng_id		 rng_element_new(struct rng_ctx *, uint32_t nc);
void		 rng_element_set(struct rng_ctx *, rng_id, rng_id content);
int		 rng_nc_contains(const struct rng_schema *, uint32_t nc,
		    uint32_t name);
uint32_t	 rng_ns_lookup(const struct rng_schema *, const char *);
/* A document's name as an id: the schema's own names first, then one
 * id per namespace for names the schema does not list, and one for
 * namespaces it does not know. */
uint32_t	 rng_name_lookup(const struct rng_schema *, const char *ns,
		    const char *local);
uint32_t	 rng_ns_intern(struct rng_schema *, const char *);
uint32_t	 rng_name_intern(struct rng_schema *, uint32_t ns,
		    const char *local);
uint32_t	 rng_nc_new(struct rng_schema *, int kind, uint32_t a,
		    uint32_t b);
#define RNG_NS_UNKNOWN	((uint32_t)-2)

/* rngtypes.c */
struct rnode;
int		 rng_type_get(struct rng_schema *, const char *lib,
		    const char *name, const char *const *pnames,
		    const char *const *pvalues, size_t nparams, char **err);
/* ...a QName's: ctx the <value> element (its prefixes), ns its ns */
int		 rng_value_new_ctx(struct rng_schema *, uint32_t type,
		    const char *text, const struct rnode *ctx,
		    const char *ns, char **err);
int		 rng_value_new(struct rng_schema *, uint32_t type,
		    const char *text, char **err);
int		 rng_type_allows(struct rng_schema *, uint32_t type,
		    const char *s, xmlNodePtr ctx);
int		 rng_value_matches(const struct rng_schema *, uint32_t value,
		    const char *s, xmlNodePtr ctx);
void		 rng_types_free(struct rng_schema *);
const char	*rng_type_name(const struct rng_schema *, uint32_t type,
		    char *buf, size_t sz);

/* rngread.c: a schema file as a tree of its RELAX NG elements only. */
struct rdoc {
	char		*url;		/* the file's path */
	char		*inherited_ns;	/* from the include or externalRef */
};
struct rnode {
	const char	*name;		/* local name */
	int		 rng;		/* in RELAX NG's namespace */
	unsigned	 line;
	struct rdoc	*doc;
	struct rnode	*parent, *children, *next;
	const char	**attrs;	/* unprefixed: name, value, ..., NULL */
	const char	**nsdefs;	/* declared: prefix, uri, ..., NULL */
	char		*text;		/* of <name>, <value>, <param> */
};
struct rarena;
/* inherited_ns: NULL for the schema itself, else the ns in scope at the
 * include or externalRef naming path (which rng_read() also reads as
 * compact syntax when it does not start with "<"). */
struct rnode	*rng_read(const char *path, const char *inherited_ns,
		    struct rarena **);
/* An error through the structured error handler in place (col: 0 when
 * unknown, else libxml2's int2). */
void		 rng_raise(const char *file, unsigned line, unsigned col,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
const char	*rnode_attr(const struct rnode *, const char *);
const char	*rnode_ns_lookup(const struct rnode *, const char *prefix);
void		*rng_arena_alloc(struct rarena **, size_t);
char		*rng_arena_strdup(struct rarena **, const char *, size_t);
void		 rng_arena_free(struct rarena *);

/* rnc.c: the compact syntax's text (len bytes of UTF-8) as the tree
 * rng_read() makes of the XML syntax, in doc's arena; NULL after
 * rng_raise() said why. */
struct rnode	*rnc_read(struct rdoc *doc, const char *buf, size_t len,
		    struct rarena **);

/* rngcompile.c */
struct rng_schema *rng_compile(const char *path, struct tk_report *);
void		 rng_schema_free(struct rng_schema *);

/*
 * rngpattern.c: the derivatives, in a session (one thread at a time).
 * An attribute's derivative depends on its value only through which of
 * the candidate value patterns (rng_att_candidates, copied into the
 * caller's buffer) the value matched: rng_d_att takes those, in the
 * candidates' order.
 */
struct rng_sess *rng_sess_get(struct rng_schema *);
void		 rng_sess_put(struct rng_schema *, struct rng_sess *);
void		 rng_sess_free(struct rng_sess *);
void		 rng_sess_pool_free(struct rng_schema *);
struct rng_ctx	*rng_sess_ctx(struct rng_sess *);
/* Why a derivative gave up (RNG_NONE), or NULL. */
const char	*rng_sess_failure(const struct rng_sess *);
rng_id		 rng_d_open(struct rng_sess *, rng_id, uint32_t name);
struct rng_ids {
	rng_id		*v;
	size_t		 n, cap;
};
int		 rng_ids_push(struct rng_ids *, rng_id);
int		 rng_att_candidates(struct rng_sess *, rng_id p,
		    uint32_t name, struct rng_ids *out);
rng_id		 rng_d_att(struct rng_sess *, rng_id p, uint32_t name,
		    const struct rng_ids *matched);
rng_id		 rng_d_close(struct rng_sess *, rng_id, int forgive);
rng_id		 rng_d_text(struct rng_sess *, rng_id, const char *s,
		    xmlNodePtr ctx);
rng_id		 rng_d_end(struct rng_sess *, rng_id);
rng_id		 rng_d_end_forgive(struct rng_sess *, rng_id);
int		 rng_value_match(struct rng_sess *, rng_id vp, const char *s,
		    xmlNodePtr ctx);
int		 rng_nullable(struct rng_sess *, rng_id);
rng_id		 rng_after(struct rng_sess *, rng_id, rng_id);
/* A pattern that accepts anything: recovery from unknown elements. */
rng_id		 rng_sess_any(struct rng_sess *);
/* What p would accept next, for messages. */
void		 rng_expected(struct rng_sess *, rng_id p, int what,
		    void (*fn)(void *, uint32_t nc), void *arg);
#define RNG_EXPECT_ELEMENTS	1
#define RNG_EXPECT_ATTRIBUTES	2	/* required ones */
#define RNG_EXPECT_REQUIRED	3	/* elements p cannot end without */

/* rngvalid.c: validating, fed by parser events or a tree */
struct rng_valid;
struct rng_valid *rng_valid_new(struct rng_schema *, struct tk_report *);
/* prefix and local must last until the element's end */
void		 rng_valid_start(struct rng_valid *, const char *ns,
		    const char *prefix, const char *local, unsigned line,
		    unsigned col);
/* line:col: the attribute's own, or its element's */
void		 rng_valid_attr(struct rng_valid *, const char *ns,
		    const char *prefix, const char *local, const char *value,
		    xmlNodePtr ctx, unsigned line, unsigned col);
void		 rng_valid_attrs_done(struct rng_valid *);
/* line:col: where its first character not white space stands, or 0 */
void		 rng_valid_text(struct rng_valid *, const char *, size_t,
		    unsigned line, unsigned col);
void		 rng_valid_end(struct rng_valid *, xmlNodePtr ctx);
int		 rng_valid_free(struct rng_valid *);
/*
 * Completion: what v's schema allows where the events fed so far stop.
 * RNG_WANT_ELEMENTS: the elements allowed next (in content);
 * RNG_WANT_ATTRIBUTES: after a start tag and some of its attributes,
 * the attributes still allowed, the required ones first (given as
 * RNG_WANT_REQUIRED, then again among all); RNG_WANT_VALUES: the values
 * a closed choice allows the attribute {ns}local.  fn gets the kind,
 * then a namespace and a local name, or NULL and a value.
 */
void		 rng_valid_expected(struct rng_valid *, int what,
		    const char *ns, const char *local,
		    void (*fn)(void *, int kind, const char *ns,
		    const char *name), void *arg);
#define RNG_WANT_ELEMENTS	1
#define RNG_WANT_ATTRIBUTES	2
#define RNG_WANT_REQUIRED	3
#define RNG_WANT_VALUES		4
int		 rng_validate_doc(struct rng_schema *, const teikit_doc *,
		    struct tk_report *);

#endif /* !TEIKIT_RNG_H */
