/*
 * rngregex.h -- XML Schema regular expressions (XML Schema Part 2,
 * Appendix F), for the pattern parameter of the RELAX NG engine's
 * datatypes.  A compiled expression is read-only: any number of threads
 * may match with it at once.  Not installed.
 */
#ifndef TEIKIT_RNGREGEX_H
#define TEIKIT_RNGREGEX_H

#include <stddef.h>

struct rng_regex;

/*
 * Compile `pattern` (UTF-8, NUL-terminated).  On a bad expression
 * return NULL and set *err to a message naming what is wrong and where,
 * for example
 *	bad regular expression "a??" at character 3: a quantifier
 *	cannot follow a quantifier
 * which the caller frees; out of memory, return NULL with *err NULL.
 */
struct rng_regex *rng_regex_compile(const char *pattern, char **err);

/*
 * Does the whole of s (len bytes of UTF-8) match?  1 yes, 0 no (also
 * for bad UTF-8), -1 out of memory.  Matching never backtracks: its
 * time grows with len times the expression's states, and within a
 * repetition with a large count (x{1000,}) with len/64 more; its memory
 * with the states, and len/64 for each inside such a repetition.
 */
int		 rng_regex_match(const struct rng_regex *, const char *s,
		    size_t len);

void		 rng_regex_free(struct rng_regex *);

#endif /* !TEIKIT_RNGREGEX_H */
