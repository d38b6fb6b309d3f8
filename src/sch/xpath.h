/*
 * xpath.h -- teikit's own XPath 2.0 evaluator, sized to what Schematron
 * rules use (issue 15, item 2), over libxml2's tree.  Internal, not
 * installed.
 *
 * STATUS (groundwork, not yet built by Makefile.am):
 *  works:  the whole XPath 2.0 grammar but the namespace axis, `treat
 *	    as` and schema types (element(N, T)); sequences, for/some/every,
 *	    if, comparisons of 2.0 (general, value, node), arithmetic with
 *	    xs:integer overflow checked, union/intersect/except, instance
 *	    of, cast/castable, the functions of xpfunc.c's table (every one
 *	    tei_all.isosch calls), regular expressions (xpregex.c); XPath
 *	    3.0's ||, ! and let; matching a node against a pattern.
 *  missing: collations other than codepoint, xs:time/gYear..., xs:QName
 *	    values, timezone functions, format-number, typed (PSVI) nodes.
 *
 * Compile once, evaluate many times.  A compiled expression is
 * read-only: several threads may evaluate it at once.  A construct not
 * supported is a compile error naming it, never a wrong answer.
 */
#ifndef TEIKIT_XPATH_H
#define TEIKIT_XPATH_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#define XP_NS_XS	"http://www.w3.org/2001/XMLSchema"
#define XP_NS_FN	"http://www.w3.org/2005/xpath-functions"

/*
 * An error: its code is the W3C error code (XPST0003 syntax, XPST0017
 * unknown function, XPST0008 unknown variable, XPST0081 unknown prefix,
 * XPTY0004 type, FOAR0001 division by zero, FOAR0002 overflow,
 * FORG0001 bad cast, FORX0002 bad regular expression...) or one of
 * teikit's: TKXP0001 a construct not supported, TKXP0002 too deeply
 * nested, TKXP0003 out of memory or limits.  col is the 1-based column
 * (in characters) of the expression where it was found, 0 if unknown.
 */
struct xp_error {
	char		 code[16];
	int		 col;
	char		 msg[256];
};

/* A namespace binding; prefix "" is the default element namespace. */
struct xp_ns {
	const char	*prefix;
	const char	*uri;
};

enum xp_type {
	XP_NODE,
	XP_UNTYPED,	/* xs:untypedAtomic */
	XP_STRING,	/* xs:string and its derived types (see sub) */
	XP_ANYURI,
	XP_BOOLEAN,
	XP_INTEGER,
	XP_DECIMAL,	/* backed by a double */
	XP_FLOAT,	/* a double rounded to float */
	XP_DOUBLE,
	XP_DATE,
	XP_DATETIME,
	XP_DTDURATION,	/* xs:dayTimeDuration, in seconds */
	XP_YMDURATION,	/* xs:yearMonthDuration, in months */
};

#define XP_NOTZ		INT16_MIN	/* a date without a timezone */

struct xp_item {
	enum xp_type	 type;
	const char	*sub;	/* XP_STRING: derived type ("NCName"), or NULL */
	union {
		xmlNodePtr	 node;
		const char	*s;
		int		 b;
		int64_t		 i;
		double		 d;	/* also the durations */
		struct {
			int64_t	 day;	/* days since 1970-01-01 */
			double	 sec;	/* seconds in the day */
			int	 tz;	/* minutes east, or XP_NOTZ */
		}		 dt;
	}		 v;
};

struct xp_seq {
	size_t		 n;
	struct xp_item	*it;
};

struct xp_expr;
struct xp_result;

/*
 * Compile expr (UTF-8).  ns: the namespace bindings (xs and fn are bound
 * unless ns binds them otherwise); vars: the names (no '$') of the
 * variables in scope, whose values xp_eval takes in the same order.
 * Returns NULL and fills *err on a bad or unsupported expression.
 */
struct xp_expr	*xp_compile(const char *expr, const struct xp_ns *ns,
		    size_t nns, const char *const *vars, size_t nvars,
		    struct xp_error *err);
void		 xp_free(struct xp_expr *);

/*
 * Evaluate with ctx as the context item (a node of any kind, attributes
 * included, or NULL for none), vars the values of the variables named
 * at compile time (their items must outlive the result), and current
 * the node current() returns (NULL: ctx).  Returns NULL and fills *err
 * on a dynamic error.  The result owns all it holds; free it with
 * xp_result_free.
 */
struct xp_result *xp_eval(const struct xp_expr *, xmlNodePtr ctx,
		    const struct xp_seq *vars, xmlNodePtr current,
		    struct xp_error *err);
const struct xp_seq *xp_result_seq(const struct xp_result *);
void		 xp_result_free(struct xp_result *);

/*
 * Does node match the expression taken as an XSLT 2.0 pattern (a
 * Schematron rule's context)?  1 yes, 0 no, -1 with *err filled.  A
 * pattern is compiled as an expression (a pattern is a restricted
 * path).  Unions of paths of child and attribute steps joined by / and
 * // (and a leading / or //) are matched from the node upwards: a
 * step's predicates are evaluated only where its test passes.
 * Anything else is evaluated from the root and the node looked for in
 * its result.  current() is the node.
 */
int		 xp_match(const struct xp_expr *, xmlNodePtr node,
		    const struct xp_seq *vars, struct xp_error *err);

/*
 * What a node must be for xp_match to match it: for a pattern matched
 * upwards, the kind and the name test of each of its paths' last steps
 * (uri NULL: no namespace; "*": any), up to max; their number, or -1
 * when any node may match (a pattern evaluated from the root, or
 * node()).  An engine uses it to try only the rules a node can match.
 */
enum xp_lastkind {
	XP_LAST_ELEMENT, XP_LAST_ATTR, XP_LAST_TEXT, XP_LAST_DOC
};
struct xp_last {
	enum xp_lastkind kind;
	const char	*uri, *local;	/* XP_LAST_DOC: NULL */
	const char	*needattr;	/* an element: the local name of an
					 * attribute it must have, or NULL */
};
int		 xp_pattern_last(const struct xp_expr *, struct xp_last *,
		    int max);

/* Effective boolean value: 1, 0, or -1 with *err filled (FORG0006). */
int		 xp_ebv(const struct xp_seq *, struct xp_error *);

/*
 * The sequence as text, malloc'd: atomized items' string values joined
 * by sep (value-of uses " ").  With typed set, each item is shown with
 * its type, for tests: xs:integer(3), element(tei:p)...
 */
char		*xp_seq_string(const struct xp_seq *, const char *sep,
		    int typed);

#endif /* !TEIKIT_XPATH_H */
