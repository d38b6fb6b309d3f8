/*
 * rngcheck.h -- the rules a correct RELAX NG schema obeys beyond what
 * simplification itself needs (rngcheck.c): its syntax (sections 3 and
 * 4.16 of the specification) on each file as read, and the restrictions
 * of section 7 on the compiled patterns.  Used by rngcompile.c only.
 */
#ifndef TEIKIT_RNGCHECK_H
#define TEIKIT_RNGCHECK_H

#include <stddef.h>

#include "rng.h"

/* Says what is wrong, and where: a schema element of the file. */
typedef void	(*rng_check_fn)(void *arg, const struct rnode *,
		    const char *msg);

/*
 * The syntax of the file whose root is `root`: the elements, attributes
 * and children each RELAX NG element may have, the values of name,
 * type, combine, href and datatypeLibrary, and the name-class rules of
 * section 4.16.  Each error is told to fn; returns how many there were.
 */
size_t		 rng_check_syntax(const struct rnode *root, rng_check_fn,
		    void *arg);

/*
 * Section 7 on the patterns of a compiled schema: the prohibited paths
 * (7.1), string sequences (7.2), duplicate attributes (7.3) and
 * interleave (7.4), from s->start and the content of every element it
 * reaches (each distinct pattern once in each context, so shared
 * patterns cost nothing more).  where[id], for id < nwhere, is the
 * schema element that made pattern id, or NULL: an error is placed at
 * the nearest pattern on its path that has one, else at `top`.  Each
 * error is told to fn; returns how many there were, or (size_t)-1 when
 * out of memory.
 */
size_t		 rng_check_patterns(struct rng_schema *s,
		    const struct rnode *const *where, size_t nwhere,
		    const struct rnode *top, rng_check_fn, void *arg);

#endif /* !TEIKIT_RNGCHECK_H */
