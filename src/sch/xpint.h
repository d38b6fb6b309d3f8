/*
 * xpint.h -- what the parts of the XPath 2.0 evaluator share: the
 * arena, the syntax tree the parser (xpath.c) builds and the evaluator
 * (xpeval.c) walks, the function table (xpfunc.c) and the regular
 * expressions of matches/replace/tokenize (xpregex.c).  Errors inside
 * compile and eval unwind by longjmp to the entry point, which frees
 * the arena: nothing below allocates outside it.
 */
#ifndef TEIKIT_XPINT_H
#define TEIKIT_XPINT_H

#include <setjmp.h>
#include <stdarg.h>

#include "xpath.h"

#define XP_DEPTH_MAX	200	/* nesting of the syntax tree */
#define XP_SEQ_MAX	(1 << 26) /* items in one sequence (1 to 1e9) */

/* ---- arena ---- */

struct xa_blk;
struct xp_arena {
	struct xa_blk	*head;
	jmp_buf		*oom;	/* where to go when malloc fails */
	struct xp_error	*err;
};
void		*xa_alloc(struct xp_arena *, size_t);
char		*xa_strndup(struct xp_arena *, const char *, size_t);
char		*xa_printf(struct xp_arena *, const char *, ...);
void		 xa_free(struct xp_arena *);
/* free all allocated since the mark (a predicate's value, once used) */
struct xa_mark {
	struct xa_blk	*head;
	size_t		 used;
};
struct xa_mark	 xa_mark(struct xp_arena *);
void		 xa_release(struct xp_arena *, struct xa_mark);

/* a growing sequence */
struct xp_sb {
	size_t		 n, cap;
	struct xp_item	*it;
};
void		 xsb_push(struct xp_arena *, struct xp_sb *,
		    const struct xp_item *);

/* ---- syntax tree ---- */

enum xp_op {
	E_EMPTY, E_SEQ, E_STR, E_INT, E_DEC, E_DBL, E_VAR, E_CTX, E_ROOT,
	E_FOR, E_SOME, E_EVERY, E_IF, E_OR, E_AND,
	E_GCMP, E_VCMP, E_NCMP, E_TO,
	E_ADD, E_SUB, E_MUL, E_DIV, E_IDIV, E_MOD, E_NEG, E_POS,
	E_UNION, E_INTERSECT, E_EXCEPT,
	E_INSTANCE, E_CAST, E_CASTABLE, E_TREAT,
	E_PATH, E_STEP, E_FILTER, E_CALL,
	E_CONCAT, E_MAP, E_LET	/* XPath 3.0's ||, ! and let */
};

enum xp_cmp { C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE, C_IS, C_PRE, C_FOL };

enum xp_axis {
	AX_CHILD, AX_DESC, AX_ATTR, AX_SELF, AX_DESC_SELF, AX_FOLL_SIB,
	AX_FOLL, AX_PARENT, AX_ANC, AX_PREC_SIB, AX_PREC, AX_ANC_SELF
};

enum xp_kind {	/* node tests and item types */
	K_NAME,		/* uri (NULL: none) + local; either may be "*" */
	K_NODE, K_TEXT, K_COMMENT, K_PI, K_ELEMENT, K_ATTRIBUTE, K_DOC,
	K_ITEM, K_ATOMIC, K_EMPTY
};

struct xp_test {
	enum xp_kind	 kind;
	const char	*uri;	/* K_NAME/K_ELEMENT/K_ATTRIBUTE: "*" any */
	const char	*local;	/* "*" any; K_PI: target or NULL */
	const struct xp_atype *atype;	/* K_ATOMIC */
	int		 occ;	/* sequence types: 0, '?', '*', '+' */
};

/* an atomic type a cast, a constructor or `instance of` names */
struct xp_atype {
	const char	*name;	/* local name in xs: */
	enum xp_type	 type;
	const char	*sub;	/* derived type, or NULL */
	int		 abstract; /* anyAtomicType, numeric */
};
const struct xp_atype *xp_atype_find(const char *local);

struct xp_fn;

struct xp_ast {
	enum xp_op	 op;
	int		 col;
	int		 sub;	/* cmp, axis, variable slot */
	struct xp_ast	*a, *b, *c;
	struct xp_ast	**args;	/* E_SEQ, E_CALL: args; STEP/FILTER: preds */
	int		 nargs;
	const char	*s;	/* E_STR */
	int64_t		 i;	/* E_INT; E_STEP: predicates boolean, no
				 * position() or last() */
	double		 d;	/* E_DEC, E_DBL */
	struct xp_test	 t;	/* E_STEP, E_INSTANCE, E_CAST... */
	const struct xp_fn *fn;
	void		*re;	/* E_CALL: regex compiled at compile time */
	struct xp_expr	*owner;
};

struct xp_expr {
	struct xp_arena	 ar;
	struct xp_ast	*root;
	int		 nvars;	/* given by the caller */
	int		 nslots; /* and bound by for/some/every */
	char		*text;
	void		**res;	/* regexes to free */
	size_t		 nres;
};

/* ---- evaluation ---- */

struct xp_ctx {
	struct xp_arena	 ar;
	jmp_buf		 jb;
	struct xp_error	*err;
	const struct xp_expr *x;
	struct xp_seq	*slots;
	xmlNodePtr	 current;
	int		 depth;
	int64_t		 today;	/* days, for current-date() */
	double		 now;	/* seconds in the day */
	int		 have_now;
	void		**res;	/* regexes compiled at run time */
	size_t		 nres, capres;
};

struct xp_focus {
	struct xp_item	 item;
	int		 has;
	size_t		 pos, size;
};

void		 xp_fail(struct xp_ctx *, int col, const char *code,
		    const char *fmt, ...)
		    __attribute__((noreturn, format(printf, 4, 5)));
struct xp_seq	 xp_eval_ast(struct xp_ctx *, const struct xp_ast *,
		    const struct xp_focus *);

/* values (xpeval.c) */
const char	*xp_item_string(struct xp_ctx *, const struct xp_item *);
const char	*xp_node_string(struct xp_arena *, xmlNodePtr);
struct xp_seq	 xp_atomize(struct xp_ctx *, struct xp_seq);
int		 xp_cast(struct xp_ctx *, const struct xp_item *,
		    const struct xp_atype *, struct xp_item *, int col);
int		 xp_value_cmp(struct xp_ctx *, const struct xp_item *,
		    const struct xp_item *, int col);
int		 xp_is_numeric(enum xp_type);
double		 xp_num(const struct xp_item *);
int		 xp_ebv_ctx(struct xp_ctx *, struct xp_seq, int col);
int		 xp_node_cmp(xmlNodePtr, xmlNodePtr);
struct xp_seq	 xp_docorder(struct xp_ctx *, struct xp_sb *);
int		 xp_deep_equal(struct xp_ctx *, struct xp_seq, struct xp_seq,
		    int col);
struct xp_item	 xp_mk_str(const char *);
struct xp_item	 xp_mk_int(int64_t);
struct xp_item	 xp_mk_dbl(enum xp_type, double);
struct xp_item	 xp_mk_bool(int);
struct xp_seq	 xp_one(struct xp_ctx *, struct xp_item);

/* functions (xpfunc.c) */
struct xp_fn {
	const char	*name;	/* in fn: or xs: (constructors are not here) */
	int		 min, max; /* arity; max -1: any */
	int		 id;
	int		 focus;	/* uses the focus when called with fewer args */
};
const struct xp_fn *xp_fn_find(const char *uri, const char *local,
		    int nargs, int *arity_wrong);
struct xp_seq	 xp_fn_call(struct xp_ctx *, const struct xp_ast *,
		    const struct xp_focus *);
/* compile-time check of a call's literal arguments (regexes) */
int		 xp_fn_check(struct xp_expr *, struct xp_ast *,
		    struct xp_error *);

/* regular expressions (xpregex.c) */
struct xp_regex;
struct xp_regex	*xp_regex_compile(const char *pat, const char *flags,
		    char *msg, size_t msglen);
void		 xp_regex_free(struct xp_regex *);
/* first match at or after byte `from`: 1 found (*mstart, *mend, and
 * the groups' offsets in g[2*i], g[2*i+1], -1 unset), 0 none, -1 the
 * step limit was reached */
int		 xp_regex_search(const struct xp_regex *, const char *s,
		    size_t len, size_t from, size_t *mstart, size_t *mend,
		    long *g, int ng);
int		 xp_regex_ngroups(const struct xp_regex *);
int		 xp_regex_matches_empty(const struct xp_regex *);

#endif /* !TEIKIT_XPINT_H */
