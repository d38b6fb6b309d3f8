/*
 * rngpattern.c -- RELAX NG patterns and their derivatives.
 *
 * Every pattern lives once in a store (hash-consing): building a pattern
 * equal to one that exists returns the existing id, so patterns compare
 * by id and derivatives can be memoised by id.  Choices are kept in a
 * canonical form (flattened, sorted, without duplicates or notAllowed),
 * which keeps the number of distinct derived patterns small.
 *
 * The schema's patterns are read-only once compiled and shared by all
 * threads; each validating thread borrows a session (from a pool in the
 * schema) holding the patterns it derives and its memo tables.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rng.h"

/* ---- the store ---- */

/* The most patterns one session may derive: 16 M, some 320 MB. */
#define SESS_HARD_LIMIT	(1u << 24)

static uint32_t
S_hash(int kind, rng_id a, rng_id b)
{
	uint32_t h = (uint32_t)kind * 0x9E3779B1u;

	h ^= a * 0x85EBCA77u;
	h = (h << 13 | h >> 19) * 5 + 0xE6546B64u;
	h ^= b * 0xC2B2AE3Du;
	h ^= h >> 16;
	h *= 0x7FEB352Du;
	h ^= h >> 15;
	return h;
}

int
rng_store_init(struct rng_store *st)
{
	memset(st, 0, sizeof(*st));
	st->nbuckets = 1024;
	st->buckets = malloc(st->nbuckets * sizeof(*st->buckets));
	if (st->buckets == NULL)
		return -1;
	memset(st->buckets, 0xff, st->nbuckets * sizeof(*st->buckets));
	return 0;
}

void
rng_store_free(struct rng_store *st)
{
	free(st->v);
	free(st->buckets);
	memset(st, 0, sizeof(*st));
}

struct rng_pat
rng_pat(const struct rng_ctx *c, rng_id id)
{
	return id < c->base ? c->s->st.v[id] : c->own->v[id - c->base];
}

static rng_id
S_find(const struct rng_store *st, rng_id base, uint32_t h, int kind,
    rng_id a, rng_id b)
{
	rng_id	 i;

	if (st->nbuckets == 0)
		return RNG_NONE;
	for (i = st->buckets[h & (st->nbuckets - 1)]; i != RNG_NONE;
	    i = st->v[i].next)
		if (st->v[i].kind == kind && st->v[i].a == a &&
		    st->v[i].b == b)
			return i + base;
	return RNG_NONE;
}

static int
S_grow(struct rng_store *st)
{
	struct rng_pat	*v;
	rng_id		*nb;
	size_t		 i, nn;

	if (st->n == st->cap) {
		nn = st->cap ? 2 * st->cap : 4096;
		if ((v = realloc(st->v, nn * sizeof(*v))) == NULL)
			return -1;
		st->v = v;
		st->cap = nn;
	}
	if (st->n >= st->nbuckets) {
		nn = 2 * st->nbuckets;
		if ((nb = malloc(nn * sizeof(*nb))) == NULL)
			return -1;
		memset(nb, 0xff, nn * sizeof(*nb));
		for (i = 0; i < st->n; i++) {
			uint32_t h = S_hash(st->v[i].kind, st->v[i].a,
			    st->v[i].b) & (nn - 1);

			st->v[i].next = nb[h];
			nb[h] = (rng_id)i;
		}
		free(st->buckets);
		st->buckets = nb;
		st->nbuckets = nn;
	}
	return 0;
}

static uint8_t
S_flags(const struct rng_ctx *c, int kind, rng_id a, rng_id b)
{
	uint8_t	 fa, fb;

	switch (kind) {
	case RP_EMPTY:
		return RF_NULLABLE;
	case RP_TEXT:
		return RF_NULLABLE | RF_TEXT;
	case RP_CHOICE:
		fa = rng_pat(c, a).flags;
		fb = rng_pat(c, b).flags;
		return fa | fb;
	case RP_GROUP:
	case RP_INTERLEAVE:
		fa = rng_pat(c, a).flags;
		fb = rng_pat(c, b).flags;
		return ((fa | fb) & ~RF_NULLABLE) |
		    (fa & fb & RF_NULLABLE);
	case RP_ONEORMORE:
		return rng_pat(c, a).flags;
	case RP_LIST:
	case RP_DATA:
	case RP_VALUE:
		return RF_DATA;
	case RP_ATTRIBUTE:
		return RF_ATT;
	case RP_ELEMENT:
		return RF_ELEM;
	case RP_AFTER:
		return RF_ELEM | (rng_pat(c, a).flags &
		    (RF_ATT | RF_DATA | RF_TEXT));
	}
	return 0;
}

/* How deep the derivatives recurse into (kind a b): one level for each
 * operator but a choice, whose alternatives are walked in a loop (its
 * first is never a choice), an element (its content is not entered),
 * and the continuation of an After (never entered either). */
static unsigned
S_depth(const struct rng_ctx *c, int kind, rng_id a, rng_id b)
{
	unsigned da = 0, db = 0;

	switch (kind) {
	case RP_CHOICE:
		da = rng_pat(c, a).depth + 1u;
		db = rng_pat(c, b).depth;
		return da > db ? da : db;
	case RP_GROUP:
	case RP_INTERLEAVE:
		da = rng_pat(c, a).depth;
		db = rng_pat(c, b).depth;
		return 1u + (da > db ? da : db);
	case RP_ONEORMORE:
	case RP_LIST:
	case RP_AFTER:
		return 1u + rng_pat(c, a).depth;
	case RP_ATTRIBUTE:
		return 1u + rng_pat(c, b).depth;
	case RP_DATA:
		return b == RNG_NONE ? 0 : 1u + rng_pat(c, b).depth;
	}
	return 0;
}

/* The pattern (kind a b), made once.  RNG_NONE when out of memory. */
rng_id
rng_mk(struct rng_ctx *c, int kind, rng_id a, rng_id b)
{
	struct rng_store *st = c->own;
	struct rng_pat	*p;
	uint32_t	 h = S_hash(kind, a, b);
	unsigned	 depth;
	rng_id		 id;

	if (a == RNG_NONE && kind != RP_NOTALLOWED && kind != RP_EMPTY &&
	    kind != RP_TEXT)
		return RNG_NONE;
	if (c->base > 0 && (id = S_find(&c->s->st, 0, h, kind, a, b)) !=
	    RNG_NONE)
		return id;
	if ((id = S_find(st, c->base, h, kind, a, b)) != RNG_NONE)
		return id;
	/* A schema whose derivatives do not settle (interleave can make
	 * exponentially many) stops here rather than taking all memory. */
	if (c->base > 0 && st->n >= SESS_HARD_LIMIT) {
		st->too_many = 1;
		return RNG_NONE;
	}
	if (S_grow(st) != 0)
		return RNG_NONE;
	depth = S_depth(c, kind, a, b);
	if (depth > (c->base > 0 ? 2u : 1u) * RNG_MAX_DEPTH) {
		/* compiling: an error the compiler reports; deriving: the
		 * session gives up rather than overflow the stack */
		st->too_deep = 1;
		if (c->base > 0)
			return RNG_NONE;
		depth = RNG_MAX_DEPTH;
	}
	p = &st->v[st->n];
	p->kind = (uint8_t)kind;
	p->a = a;
	p->b = b;
	p->flags = S_flags(c, kind, a, b);
	p->depth = (uint16_t)depth;
	h &= st->nbuckets - 1;
	p->next = st->buckets[h];
	st->buckets[h] = (rng_id)st->n;
	return (rng_id)(st->n++) + c->base;
}

/* An element pattern is its own identity: never shared, and its
 * content is set once the content is compiled (it may refer back). */
rng_id
rng_element_new(struct rng_ctx *c, uint32_t nc)
{
	struct rng_store *st = c->own;
	rng_id		 id;

	if (S_grow(st) != 0)
		return RNG_NONE;
	id = (rng_id)st->n++;
	st->v[id].kind = RP_ELEMENT;
	st->v[id].flags = RF_ELEM;
	st->v[id].depth = 0;
	st->v[id].a = nc;
	st->v[id].b = RNG_NOTALLOWED;
	st->v[id].next = RNG_NONE;	/* in no hash chain */
	return id + c->base;
}

void
rng_element_set(struct rng_ctx *c, rng_id el, rng_id content)
{
	c->own->v[el - c->base].b = content;
}

/* ---- constructors that simplify ---- */

/* The leaves of a canonical choice, in ascending order. */
struct leaves {
	rng_id	*v;
	size_t	 n, cap;
	rng_id	 local[32];
};

static int
S_leaf_push(struct leaves *l, rng_id id)
{
	rng_id	*v;

	if (l->n == l->cap) {
		if (l->v == l->local) {
			if ((v = malloc(2 * l->cap * sizeof(*v))) == NULL)
				return -1;
			memcpy(v, l->local, l->n * sizeof(*v));
		} else if ((v = realloc(l->v, 2 * l->cap * sizeof(*v))) ==
		    NULL)
			return -1;
		l->v = v;
		l->cap *= 2;
	}
	l->v[l->n++] = id;
	return 0;
}

static int
S_leaves(const struct rng_ctx *c, rng_id id, struct leaves *l)
{
	struct rng_pat	 p;

	for (;;) {
		p = rng_pat(c, id);
		if (p.kind != RP_CHOICE)
			return id == RNG_NOTALLOWED ? 0 : S_leaf_push(l, id);
		if (S_leaf_push(l, p.a) != 0)
			return -1;
		id = p.b;
	}
}

static rng_id	S_after(struct rng_ctx *, rng_id, rng_id);
static int	S_id_cmp(const void *, const void *);

struct after2 {
	rng_id	 a, b;
};

static int
S_after_cmp(const void *x, const void *y)
{
	const struct after2 *p = x, *q = y;

	return p->a < q->a ? -1 : p->a > q->a;
}

/*
 * choice(after(x, y1), after(x, y2)) is after(x, choice(y1, y2)): the
 * same element's content, then either continuation.  Without this, an
 * element that may stand at any of 2^k places in its parent's content
 * makes 2^k derived patterns; with it, k.  v[0..*n) ascending, on
 * return too.  -1 when memory ran out.
 */
static int
S_merge_afters(struct rng_ctx *c, rng_id *v, size_t *n)
{
	struct after2	*t;
	rng_id		*bs;
	size_t		 i, j, k, m = 0, out;
	struct rng_pat	 p;
	int		 merged = 0;

	for (i = 0; i < *n; i++)
		if (rng_pat(c, v[i]).kind == RP_AFTER)
			m++;
	if (m < 2)
		return 0;
	if ((t = malloc(m * sizeof(*t))) == NULL ||
	    (bs = malloc(m * sizeof(*bs))) == NULL) {
		free(t);
		return -1;
	}
	for (i = j = out = 0; i < *n; i++) {
		p = rng_pat(c, v[i]);
		if (p.kind == RP_AFTER) {
			t[j].a = p.a;
			t[j++].b = p.b;
		} else
			v[out++] = v[i];
	}
	qsort(t, m, sizeof(*t), S_after_cmp);
	for (i = 0; i < m; i = j) {
		for (j = i, k = 0; j < m && t[j].a == t[i].a; j++)
			bs[k++] = t[j].b;
		if (k > 1)
			merged = 1;
		v[out++] = k == 1 ? S_after(c, t[i].a, t[i].b) :
		    S_after(c, t[i].a, rng_choice_n(c, bs, k));
		if (v[out - 1] == RNG_NONE) {
			free(t);
			free(bs);
			return -1;
		}
	}
	free(t);
	free(bs);
	*n = out;
	if (merged) {
		qsort(v, *n, sizeof(*v), S_id_cmp);
		for (i = k = 0; i < *n; i++)
			if (k == 0 || v[k - 1] != v[i])
				v[k++] = v[i];
		*n = k;
	}
	return 0;
}

/* The choice of v[0..n), ascending.  As in jing, empty is left out
 * when another alternative matches the empty sequence already: it adds
 * nothing, and derivatives that keep it pile up alternatives. */
static rng_id
S_build_choice(struct rng_ctx *c, rng_id *v, size_t n)
{
	rng_id	 r;
	size_t	 i;

	if (S_merge_afters(c, v, &n) != 0)
		return RNG_NONE;
	if (n > 1 && v[0] == RNG_EMPTY)
		for (i = 1; i < n; i++)
			if (rng_pat(c, v[i]).flags & RF_NULLABLE) {
				v++;
				n--;
				break;
			}
	if (n == 0)
		return RNG_NOTALLOWED;
	r = v[n - 1];
	while (n-- > 1 && r != RNG_NONE)
		r = rng_mk(c, RP_CHOICE, v[n - 1], r);
	return r;
}

rng_id
rng_choice(struct rng_ctx *c, rng_id a, rng_id b)
{
	struct leaves	 x, y, m;
	size_t		 i = 0, j = 0;
	rng_id		 r = RNG_NONE;

	if (a == RNG_NONE || b == RNG_NONE)
		return RNG_NONE;
	if (a == RNG_NOTALLOWED || a == b)
		return b;
	if (b == RNG_NOTALLOWED)
		return a;
	if (rng_pat(c, a).kind != RP_CHOICE &&
	    rng_pat(c, b).kind != RP_CHOICE) {
		if (a == RNG_EMPTY && (rng_pat(c, b).flags & RF_NULLABLE))
			return b;
		if (b == RNG_EMPTY && (rng_pat(c, a).flags & RF_NULLABLE))
			return a;
		if (rng_pat(c, a).kind == RP_AFTER &&
		    rng_pat(c, b).kind == RP_AFTER &&
		    rng_pat(c, a).a == rng_pat(c, b).a)
			return S_after(c, rng_pat(c, a).a, rng_choice(c,
			    rng_pat(c, a).b, rng_pat(c, b).b));
		return a < b ? rng_mk(c, RP_CHOICE, a, b) :
		    rng_mk(c, RP_CHOICE, b, a);
	}
	x.v = x.local; y.v = y.local; m.v = m.local;
	x.n = y.n = m.n = 0;
	x.cap = y.cap = m.cap = 32;
	if (S_leaves(c, a, &x) != 0 || S_leaves(c, b, &y) != 0)
		goto out;
	while (i < x.n || j < y.n) {
		rng_id	 next;

		if (j == y.n || (i < x.n && x.v[i] < y.v[j]))
			next = x.v[i++];
		else if (i == x.n || y.v[j] < x.v[i])
			next = y.v[j++];
		else {
			next = x.v[i++];
			j++;
		}
		if (S_leaf_push(&m, next) != 0)
			goto out;
	}
	r = S_build_choice(c, m.v, m.n);
out:
	if (x.v != x.local)
		free(x.v);
	if (y.v != y.local)
		free(y.v);
	if (m.v != m.local)
		free(m.v);
	return r;
}

static int
S_id_cmp(const void *a, const void *b)
{
	rng_id	 x = *(const rng_id *)a, y = *(const rng_id *)b;

	return x < y ? -1 : x > y;
}

rng_id
rng_choice_n(struct rng_ctx *c, const rng_id *v, size_t n)
{
	struct leaves	 l;
	size_t		 i, k;
	rng_id		 r = RNG_NONE;

	l.v = l.local;
	l.n = 0;
	l.cap = 32;
	for (i = 0; i < n; i++)
		if (v[i] == RNG_NONE || S_leaves(c, v[i], &l) != 0)
			goto out;
	qsort(l.v, l.n, sizeof(*l.v), S_id_cmp);
	for (i = k = 0; i < l.n; i++)
		if (k == 0 || l.v[k - 1] != l.v[i])
			l.v[k++] = l.v[i];
	r = S_build_choice(c, l.v, k);
out:
	if (l.v != l.local)
		free(l.v);
	return r;
}

rng_id
rng_group(struct rng_ctx *c, rng_id a, rng_id b)
{
	if (a == RNG_NONE || b == RNG_NONE)
		return RNG_NONE;
	if (a == RNG_NOTALLOWED || b == RNG_NOTALLOWED)
		return RNG_NOTALLOWED;
	if (a == RNG_EMPTY)
		return b;
	if (b == RNG_EMPTY)
		return a;
	return rng_mk(c, RP_GROUP, a, b);
}

rng_id
rng_interleave(struct rng_ctx *c, rng_id a, rng_id b)
{
	if (a == RNG_NONE || b == RNG_NONE)
		return RNG_NONE;
	if (a == RNG_NOTALLOWED || b == RNG_NOTALLOWED)
		return RNG_NOTALLOWED;
	if (a == RNG_EMPTY)
		return b;
	if (b == RNG_EMPTY)
		return a;
	if (a > b) {	/* interleave is commutative */
		rng_id t = a;

		a = b;
		b = t;
	}
	return rng_mk(c, RP_INTERLEAVE, a, b);
}

rng_id
rng_one_or_more(struct rng_ctx *c, rng_id a)
{
	if (a == RNG_NONE)
		return RNG_NONE;
	if (a == RNG_NOTALLOWED || a == RNG_EMPTY)
		return a;
	return rng_mk(c, RP_ONEORMORE, a, 0);
}

/* v[0..n) as a balanced tree of op (group or interleave). */
static rng_id
S_balanced(struct rng_ctx *c, rng_id (*op)(struct rng_ctx *, rng_id,
    rng_id), const rng_id *v, size_t n)
{
	if (n == 0)
		return RNG_EMPTY;
	if (n == 1)
		return v[0];
	return op(c, S_balanced(c, op, v, n / 2),
	    S_balanced(c, op, v + n / 2, n - n / 2));
}

rng_id
rng_group_n(struct rng_ctx *c, const rng_id *v, size_t n)
{
	return S_balanced(c, rng_group, v, n);
}

rng_id
rng_interleave_n(struct rng_ctx *c, const rng_id *v, size_t n)
{
	return S_balanced(c, rng_interleave, v, n);
}

static rng_id
S_after(struct rng_ctx *c, rng_id a, rng_id b)
{
	if (a == RNG_NONE || b == RNG_NONE)
		return RNG_NONE;
	if (a == RNG_NOTALLOWED || b == RNG_NOTALLOWED)
		return RNG_NOTALLOWED;
	return rng_mk(c, RP_AFTER, a, b);
}

/* ---- names and name classes ---- */

/*
 * A document's namespace name as it was declared.  Without entity
 * substitution libxml2 hands on "&amp;" in a namespace declaration as
 * "&#38;" (keeping the reference): a namespace name with an ampersand
 * would never match the schema's.  Returns ns, or a malloc'd copy.
 */
static char *
S_ns_decoded(const char *ns)
{
	char		*d, *o;
	const char	*p;

	if (strstr(ns, "&#38;") == NULL || (d = malloc(strlen(ns) + 1)) ==
	    NULL)
		return (char *)ns;
	for (p = ns, o = d; *p != '\0';)
		if (strncmp(p, "&#38;", 5) == 0) {
			*o++ = '&';
			p += 5;
		} else
			*o++ = *p++;
	*o = '\0';
	return d;
}

uint32_t
rng_ns_lookup(const struct rng_schema *s, const char *ns)
{
	size_t	 i;
	char	*d;
	uint32_t r = RNG_NS_UNKNOWN;

	if (ns == NULL)
		ns = "";
	d = strchr(ns, '&') != NULL ? S_ns_decoded(ns) : (char *)ns;
	for (i = 0; i < s->nnss; i++)
		if (strcmp(s->nss[i], d) == 0) {
			r = (uint32_t)i;
			break;
		}
	if (d != ns)
		free(d);
	return r;
}

uint32_t
rng_ns_intern(struct rng_schema *s, const char *ns)
{
	uint32_t id = rng_ns_lookup(s, ns);
	char	**v;

	if (id != RNG_NS_UNKNOWN)
		return id;
	if (s->nnss == s->capnss) {
		s->capnss = s->capnss ? 2 * s->capnss : 8;
		if ((v = realloc(s->nss, s->capnss * sizeof(*v))) == NULL)
			return RNG_NS_UNKNOWN;
		s->nss = v;
	}
	if ((s->nss[s->nnss] = strdup(ns ? ns : "")) == NULL)
		return RNG_NS_UNKNOWN;
	return (uint32_t)s->nnss++;
}

static uint32_t
S_name_hash(uint32_t ns, const char *local)
{
	uint32_t h = 2166136261u ^ ns;

	for (; *local != '\0'; local++)
		h = (h ^ (unsigned char)*local) * 16777619u;
	return h;
}

static uint32_t
S_name_find(const struct rng_schema *s, uint32_t ns, const char *local)
{
	uint32_t i;

	if (s->name_buckets == NULL)
		return RNG_NONE;
	for (i = s->name_buckets[S_name_hash(ns, local) &
	    (s->nname_buckets - 1)]; i != RNG_NONE; i = s->names[i].next)
		if (s->names[i].ns == ns && strcmp(s->names[i].local,
		    local) == 0)
			return i;
	return RNG_NONE;
}

uint32_t
rng_name_intern(struct rng_schema *s, uint32_t ns, const char *local)
{
	struct rng_name	*v;
	uint32_t	 id, h;

	if ((id = S_name_find(s, ns, local)) != RNG_NONE)
		return id;
	/* a chain per name, on average at most */
	if (s->nnames >= s->nname_buckets) {
		size_t	 nb = s->nname_buckets ? 2 * s->nname_buckets : 1024;
		uint32_t *b, i;

		if ((b = malloc(nb * sizeof(*b))) == NULL)
			return RNG_NONE;
		memset(b, 0xff, nb * sizeof(*b));
		for (i = 0; i < s->nnames; i++) {
			h = S_name_hash(s->names[i].ns, s->names[i].local) &
			    (uint32_t)(nb - 1);
			s->names[i].next = b[h];
			b[h] = i;
		}
		free(s->name_buckets);
		s->name_buckets = b;
		s->nname_buckets = nb;
	}
	if (s->nnames == s->capnames) {
		s->capnames = s->capnames ? 2 * s->capnames : 256;
		if ((v = realloc(s->names, s->capnames * sizeof(*v))) == NULL)
			return RNG_NONE;
		s->names = v;
	}
	if ((s->names[s->nnames].local = strdup(local)) == NULL)
		return RNG_NONE;
	h = S_name_hash(ns, local) & (uint32_t)(s->nname_buckets - 1);
	s->names[s->nnames].ns = ns;
	s->names[s->nnames].next = s->name_buckets[h];
	s->name_buckets[h] = (uint32_t)s->nnames;
	return (uint32_t)s->nnames++;
}

uint32_t
rng_name_lookup(const struct rng_schema *s, const char *ns,
    const char *local)
{
	uint32_t nsid = rng_ns_lookup(s, ns), id;

	if (nsid == RNG_NS_UNKNOWN)
		return (uint32_t)(s->nnames + s->nnss);
	if ((id = S_name_find(s, nsid, local)) != RNG_NONE)
		return id;
	return (uint32_t)(s->nnames + nsid);
}

uint32_t
rng_nc_new(struct rng_schema *s, int kind, uint32_t a, uint32_t b)
{
	struct rng_nc	*v;

	if (s->nncs == s->capncs) {
		s->capncs = s->capncs ? 2 * s->capncs : 256;
		if ((v = realloc(s->ncs, s->capncs * sizeof(*v))) == NULL)
			return RNG_NONE;
		s->ncs = v;
	}
	s->ncs[s->nncs].kind = (uint8_t)kind;
	s->ncs[s->nncs].a = a;
	s->ncs[s->nncs].b = b;
	return (uint32_t)s->nncs++;
}

/* Name class choices are walked with a stack of their own: a schema may
 * list hundreds of thousands of names.  Only `except` recurses, and it
 * nests at most twice in a correct schema (section 4.16). */
int
rng_nc_contains(const struct rng_schema *s, uint32_t nc, uint32_t name)
{
	uint32_t	 local[64], *stack = local, *ns_;
	size_t		 n = 0, cap = 64;
	const struct rng_nc *c;
	uint32_t	 ns;
	int		 r = 0;

	for (;;) {
		c = &s->ncs[nc];
		switch (c->kind) {
		case NC_NAME:
			r = c->a == name;
			break;
		case NC_ANY:
			r = c->a == RNG_NONE || !rng_nc_contains(s, c->a, name);
			break;
		case NC_NSNAME:
			if (name < s->nnames)
				ns = s->names[name].ns;
			else if (name - s->nnames < s->nnss)
				ns = (uint32_t)(name - s->nnames);
			else
				ns = RNG_NS_UNKNOWN;
			r = ns == c->a && (c->b == RNG_NONE ||
			    !rng_nc_contains(s, c->b, name));
			break;
		case NC_CHOICE:
			if (n == cap) {
				cap *= 2;
				ns_ = stack == local ? malloc(cap *
				    sizeof(*ns_)) : realloc(stack, cap *
				    sizeof(*ns_));
				if (ns_ == NULL) {
					r = 0;
					goto out;
				}
				if (stack == local)
					memcpy(ns_, local, sizeof(local));
				stack = ns_;
			}
			stack[n++] = c->b;
			nc = c->a;
			continue;
		}
		if (r || n == 0)
			break;
		nc = stack[--n];
	}
out:
	if (stack != local)
		free(stack);
	return r;
}

/* ---- sessions: derived patterns and memo tables ---- */

enum memo_op {
	OP_OPEN = 1,
	OP_ATT,
	OP_CAND,
	OP_CLOSE,
	OP_CLOSE_FORGIVE,
	OP_TEXT,
	OP_END,
	OP_END_FORGIVE,
	OP_AFTER_GROUP,		/* applyAfter(x -> group(x, q)) */
	OP_AFTER_ILEAVE,	/* applyAfter(x -> interleave(x, q)) */
	OP_AFTER_AFTER		/* applyAfter(x -> after(x, q)) */
};

struct memo {
	uint32_t	 op, p, x, y;
	rng_id		 r;
};

/* A set of pattern ids for one walk over the pattern DAG: a slot is in
 * the set when its stamp is the walk's, so emptying it costs nothing. */
struct vset {
	rng_id		*k;
	rng_id		*r;		/* a value per id, where one is kept */
	uint32_t	*g;
	size_t		 cap, n;	/* cap: a power of two, or 0 */
	uint32_t	 gen;
};

/* Short attribute values recur ("document", "italic", "1"): whether one
 * matches a value pattern is kept, direct-mapped. */
#define VCACHE_SIZE	4096
#define VCACHE_LEN	28
struct vcache {
	rng_id		 vp;
	uint32_t	 h;
	char		 s[VCACHE_LEN];
	int		 r;
};

/* A text derivative that depends on the text is memoised for that text
 * only, in a table per level of list nesting (a list's words are texts
 * of their own). */
#define TEXT_LEVELS	4

struct rng_sess {
	struct rng_schema *schema;
	struct rng_store st;
	struct rng_ctx	 ctx;
	struct memo	*memo;
	size_t		 nmemo, capmemo;	/* capmemo: a power of two */
	struct rng_ids	 lists;		/* candidate and matched lists:
					 * [n, id, id, ...] */
	struct vset	 sets;		/* interned matched lists */
	struct vset	 walk;		/* S_cands' visited patterns */
	struct vset	 text[TEXT_LEVELS];
	int		 tlevel;
	struct rng_sess	*next;		/* in the schema's pool */
	rng_id		 any;		/* accepts anything, or RNG_NONE */
	struct vcache	*vcache;	/* attribute values matched */
	int		 nomem;
};

/* Beyond this many derived patterns a session starts afresh. */
#define SESS_MAX_PATTERNS (1u << 22)

int
rng_ids_push(struct rng_ids *l, rng_id id)
{
	rng_id	*v;

	if (l->n == l->cap) {
		size_t nc = l->cap ? 2 * l->cap : 64;

		if ((v = realloc(l->v, nc * sizeof(*v))) == NULL)
			return -1;
		l->v = v;
		l->cap = nc;
	}
	l->v[l->n++] = id;
	return 0;
}

static void
S_vset_free(struct vset *s)
{
	free(s->k);
	free(s->r);
	free(s->g);
	memset(s, 0, sizeof(*s));
}

static void
S_vset_clear(struct vset *s)
{
	s->n = 0;
	if (++s->gen == 0) {
		if (s->g != NULL)
			memset(s->g, 0, s->cap * sizeof(*s->g));
		s->gen = 1;
	}
}

static size_t
S_vset_slot(const struct vset *s, uint32_t h, rng_id id)
{
	size_t	 i, mask = s->cap - 1;

	for (i = h & mask; s->g[i] == s->gen; i = (i + 1) & mask)
		if (s->k[i] == id)
			return i;
	return i;
}

/* The slot of id with its stamp set (*fresh when it was not in the
 * set), or (size_t)-1 when memory ran out. */
static size_t
S_vset_put(struct vset *s, rng_id id, uint32_t h, int *fresh)
{
	size_t	 i, j, nc;
	rng_id	*k, *r;
	uint32_t *g;

	if (s->gen == 0)
		s->gen = 1;
	if (2 * (s->n + 1) > s->cap) {
		nc = s->cap ? 2 * s->cap : 64;
		k = malloc(nc * sizeof(*k));
		r = malloc(nc * sizeof(*r));
		g = calloc(nc, sizeof(*g));
		if (k == NULL || r == NULL || g == NULL) {
			free(k);
			free(r);
			free(g);
			return (size_t)-1;
		}
		for (i = 0; i < s->cap; i++) {
			if (s->g[i] != s->gen)
				continue;
			for (j = S_hash(0, s->k[i], 0) & (nc - 1);
			    g[j] == s->gen; j = (j + 1) & (nc - 1))
				;
			k[j] = s->k[i];
			r[j] = s->r[i];
			g[j] = s->gen;
		}
		free(s->k);
		free(s->r);
		free(s->g);
		s->k = k;
		s->r = r;
		s->g = g;
		s->cap = nc;
	}
	i = S_vset_slot(s, h, id);
	*fresh = s->g[i] != s->gen;
	if (*fresh) {
		s->k[i] = id;
		s->r[i] = RNG_NONE;
		s->g[i] = s->gen;
		s->n++;
	}
	return i;
}

/* 1 when id was in the set already, 0 when it is now; -1 out of memory */
static int
S_vset_add(struct vset *s, rng_id id)
{
	int	 fresh;

	if (S_vset_put(s, id, S_hash(0, id, 0), &fresh) == (size_t)-1)
		return -1;
	return !fresh;
}

static int
S_vset_get(const struct vset *s, rng_id id, rng_id *r)
{
	size_t	 i;

	if (s->cap == 0)
		return 0;
	i = S_vset_slot(s, S_hash(0, id, 0), id);
	if (s->g[i] != s->gen || s->r[i] == RNG_NONE)
		return 0;
	*r = s->r[i];
	return 1;
}

static void
S_vset_set(struct vset *s, rng_id id, rng_id r)
{
	size_t	 i;
	int	 fresh;

	if ((i = S_vset_put(s, id, S_hash(0, id, 0), &fresh)) != (size_t)-1)
		s->r[i] = r;
}

static struct rng_sess *
S_sess_new(struct rng_schema *s)
{
	struct rng_sess	*v;

	if ((v = calloc(1, sizeof(*v))) == NULL)
		return NULL;
	v->schema = s;
	v->any = RNG_NONE;
	v->capmemo = 4096;
	if (rng_store_init(&v->st) != 0 ||
	    (v->memo = calloc(v->capmemo, sizeof(*v->memo))) == NULL) {
		rng_sess_free(v);
		return NULL;
	}
	v->ctx.s = s;
	v->ctx.own = &v->st;
	v->ctx.base = (rng_id)s->st.n;
	return v;
}

void
rng_sess_free(struct rng_sess *v)
{
	int	 i;

	if (v == NULL)
		return;
	rng_store_free(&v->st);
	free(v->memo);
	free(v->lists.v);
	S_vset_free(&v->sets);
	S_vset_free(&v->walk);
	for (i = 0; i < TEXT_LEVELS; i++)
		S_vset_free(&v->text[i]);
	free(v->vcache);
	free(v);
}

struct rng_sess *
rng_sess_get(struct rng_schema *s)
{
	struct rng_sess	*v;

	pthread_mutex_lock(&s->lock);
	if ((v = s->pool) != NULL)
		s->pool = v->next;
	pthread_mutex_unlock(&s->lock);
	if (v != NULL && (v->st.n > SESS_MAX_PATTERNS || v->nomem)) {
		rng_sess_free(v);
		v = NULL;
	}
	return v != NULL ? v : S_sess_new(s);
}

void
rng_sess_put(struct rng_schema *s, struct rng_sess *v)
{
	if (v == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	v->next = s->pool;
	s->pool = v;
	pthread_mutex_unlock(&s->lock);
}

void
rng_sess_pool_free(struct rng_schema *s)
{
	struct rng_sess	*v;

	while ((v = s->pool) != NULL) {
		s->pool = v->next;
		rng_sess_free(v);
	}
}

struct rng_ctx *
rng_sess_ctx(struct rng_sess *v)
{
	return &v->ctx;
}

const char *
rng_sess_failure(const struct rng_sess *v)
{
	if (v->st.too_many)
		return "the document made the schema's patterns derive more "
		    "than 16,777,216 others (teikit's bound on memory)";
	if (v->st.too_deep)
		return "the document made the schema's patterns nest deeper "
		    "than teikit's bound";
	if (v->nomem)
		return "out of memory";
	return NULL;
}

static uint32_t
S_memo_hash(uint32_t op, uint32_t p, uint32_t x, uint32_t y)
{
	return S_hash((int)op, p ^ (y * 0x27D4EB2Fu), x);
}

/* The memoised result, by value: the table moves as it grows. */
static int
S_memo_get(const struct rng_sess *v, uint32_t op, uint32_t p, uint32_t x,
    uint32_t y, rng_id *r)
{
	size_t	 mask = v->capmemo - 1, i;

	for (i = S_memo_hash(op, p, x, y) & mask; v->memo[i].op != 0;
	    i = (i + 1) & mask)
		if (v->memo[i].op == op && v->memo[i].p == p &&
		    v->memo[i].x == x && v->memo[i].y == y) {
			*r = v->memo[i].r;
			return 1;
		}
	return 0;
}

static void
S_memo_put(struct rng_sess *v, uint32_t op, uint32_t p, uint32_t x,
    uint32_t y, rng_id r)
{
	struct memo	*m;
	size_t		 mask, i, nc;

	if (r == RNG_NONE) {
		v->nomem = 1;
		return;
	}
	if (2 * (v->nmemo + 1) > v->capmemo) {
		nc = 2 * v->capmemo;
		if ((m = calloc(nc, sizeof(*m))) == NULL)
			return;		/* stays unmemoised */
		for (i = 0; i < v->capmemo; i++) {
			size_t j;

			if (v->memo[i].op == 0)
				continue;
			for (j = S_memo_hash(v->memo[i].op, v->memo[i].p,
			    v->memo[i].x, v->memo[i].y) & (nc - 1);
			    m[j].op != 0; j = (j + 1) & (nc - 1))
				;
			m[j] = v->memo[i];
		}
		free(v->memo);
		v->memo = m;
		v->capmemo = nc;
	}
	mask = v->capmemo - 1;
	for (i = S_memo_hash(op, p, x, y) & mask; v->memo[i].op != 0;
	    i = (i + 1) & mask)
		;
	v->memo[i].op = op;
	v->memo[i].p = p;
	v->memo[i].x = x;
	v->memo[i].y = y;
	v->memo[i].r = r;
	v->nmemo++;
}

#define PAT(v, id)	rng_pat(&(v)->ctx, (id))
#define NULLABLE(v, id)	(PAT(v, id).flags & RF_NULLABLE)

int
rng_nullable(struct rng_sess *v, rng_id p)
{
	return p != RNG_NONE && NULLABLE(v, p);
}

/* ---- the derivatives ---- */

/* What a derivative is taken with respect to. */
struct darg {
	uint32_t	 op;	/* OP_OPEN, OP_ATT, OP_CLOSE..., OP_TEXT,
				 * OP_END..., OP_AFTER_... */
	uint32_t	 x;	/* a name, or applyAfter's q */
	uint32_t	 y;	/* a matched list */
	const char	*s;	/* a text */
	xmlNodePtr	 ctx;	/* its namespaces */
};

static rng_id	S_d(struct rng_sess *, rng_id, const struct darg *);

/* The derivative of a choice: its alternatives' one by one, in a loop
 * (a choice may have 100,000 of them), then their choice. */
static rng_id
S_d_alts(struct rng_sess *v, rng_id p, const struct darg *d)
{
	struct leaves	 l, out;
	size_t		 i;
	rng_id		 r = RNG_NONE, x;

	l.v = l.local;
	out.v = out.local;
	l.n = out.n = 0;
	l.cap = out.cap = 32;
	if (S_leaves(&v->ctx, p, &l) != 0)
		goto done;
	for (i = 0; i < l.n; i++) {
		if ((x = S_d(v, l.v[i], d)) == RNG_NONE)
			goto done;
		if (x != RNG_NOTALLOWED && S_leaf_push(&out, x) != 0)
			goto done;
	}
	r = rng_choice_n(&v->ctx, out.v, out.n);
done:
	if (l.v != l.local)
		free(l.v);
	if (out.v != out.local)
		free(out.v);
	return r;
}

/* applyAfter: the continuation of every After in p, through f(x) =
 * op(x, q). */
static rng_id
S_apply_after(struct rng_sess *v, uint32_t op, rng_id p, rng_id q)
{
	struct rng_pat	 pp;
	struct darg	 d;
	rng_id		 r, t;

	if (p == RNG_NONE || q == RNG_NONE)
		return RNG_NONE;
	pp = PAT(v, p);
	if (pp.kind == RP_NOTALLOWED)
		return RNG_NOTALLOWED;
	if (S_memo_get(v, op, p, q, 0, &r))
		return r;
	switch (pp.kind) {
	case RP_AFTER:
		t = pp.b;
		if (op == OP_AFTER_GROUP)
			t = rng_group(&v->ctx, t, q);
		else if (op == OP_AFTER_ILEAVE)
			t = rng_interleave(&v->ctx, t, q);
		else
			t = S_after(&v->ctx, t, q);
		r = S_after(&v->ctx, pp.a, t);
		break;
	case RP_CHOICE:
		memset(&d, 0, sizeof(d));
		d.op = op;
		d.x = q;
		r = S_d_alts(v, p, &d);
		break;
	default:
		r = RNG_NOTALLOWED;
	}
	S_memo_put(v, op, p, q, 0, r);
	return r;
}

rng_id
rng_after(struct rng_sess *v, rng_id a, rng_id b)
{
	return S_after(&v->ctx, a, b);
}

rng_id
rng_sess_any(struct rng_sess *v)
{
	rng_id	 el, item;

	if (v->any != RNG_NONE)
		return v->any;
	el = rng_element_new(&v->ctx, v->schema->nc_any);
	item = rng_choice(&v->ctx, rng_choice(&v->ctx, el, RNG_TEXT),
	    rng_mk(&v->ctx, RP_ATTRIBUTE, v->schema->nc_any, RNG_TEXT));
	v->any = rng_choice(&v->ctx, rng_one_or_more(&v->ctx, item),
	    RNG_EMPTY);
	if (el != RNG_NONE && v->any != RNG_NONE)
		rng_element_set(&v->ctx, el, v->any);
	return v->any;
}

/* startTagOpenDeriv */
static rng_id
S_d_open(struct rng_sess *v, rng_id p, const struct darg *d)
{
	struct rng_pat	 pp = PAT(v, p);
	rng_id		 r, x;

	if (!(pp.flags & RF_ELEM))
		return RNG_NOTALLOWED;
	if (pp.kind == RP_ELEMENT)
		return rng_nc_contains(v->schema, pp.a, d->x) ?
		    S_after(&v->ctx, pp.b, RNG_EMPTY) : RNG_NOTALLOWED;
	if (S_memo_get(v, OP_OPEN, p, d->x, 0, &r))
		return r;
	switch (pp.kind) {
	case RP_CHOICE:
		r = S_d_alts(v, p, d);
		break;
	case RP_INTERLEAVE:
		/* interleave is stored with a < b; either side may start */
		r = rng_choice(&v->ctx,
		    S_apply_after(v, OP_AFTER_ILEAVE, S_d(v, pp.a, d), pp.b),
		    S_apply_after(v, OP_AFTER_ILEAVE, S_d(v, pp.b, d), pp.a));
		break;
	case RP_ONEORMORE:
		r = S_apply_after(v, OP_AFTER_GROUP, S_d(v, pp.a, d),
		    rng_choice(&v->ctx, p, RNG_EMPTY));
		break;
	case RP_GROUP:
		x = S_apply_after(v, OP_AFTER_GROUP, S_d(v, pp.a, d), pp.b);
		r = NULLABLE(v, pp.a) ? rng_choice(&v->ctx, x,
		    S_d(v, pp.b, d)) : x;
		break;
	case RP_AFTER:
		r = S_apply_after(v, OP_AFTER_AFTER, S_d(v, pp.a, d), pp.b);
		break;
	default:
		r = RNG_NOTALLOWED;
	}
	S_memo_put(v, OP_OPEN, p, d->x, 0, r);
	return r;
}

rng_id
rng_d_open(struct rng_sess *v, rng_id p, uint32_t name)
{
	struct darg	 d;

	memset(&d, 0, sizeof(d));
	d.op = OP_OPEN;
	d.x = name;
	return S_d(v, p, &d);
}

/* ---- attributes ---- */

/* The value patterns of the attributes in p that `name` may match,
 * each once, walking every pattern of the DAG once. */
static int
S_cands(struct rng_sess *v, rng_id p, uint32_t name, struct rng_ids *out)
{
	struct rng_pat	 pp = PAT(v, p);
	struct leaves	 l;
	size_t		 i;
	int		 rc = 0, seen;

	if (!(pp.flags & RF_ATT))
		return 0;
	if ((seen = S_vset_add(&v->walk, p)) != 0)
		return seen < 0 ? -1 : 0;
	switch (pp.kind) {
	case RP_ATTRIBUTE:
		if (rng_nc_contains(v->schema, pp.a, name))
			return rng_ids_push(out, pp.b);
		return 0;
	case RP_AFTER:
	case RP_ONEORMORE:
		return S_cands(v, pp.a, name, out);
	case RP_GROUP:
	case RP_INTERLEAVE:
		if (S_cands(v, pp.a, name, out) != 0)
			return -1;
		return S_cands(v, pp.b, name, out);
	case RP_CHOICE:
		l.v = l.local;
		l.n = 0;
		l.cap = 32;
		if (S_leaves(&v->ctx, p, &l) != 0)
			rc = -1;
		for (i = 0; rc == 0 && i < l.n; i++)
			rc = S_cands(v, l.v[i], name, out);
		if (l.v != l.local)
			free(l.v);
		return rc;
	}
	return 0;
}

/*
 * The value patterns of the attribute patterns in p that `name` may
 * match, in ascending order, copied into `out`; how many, or -1 when
 * memory ran out.
 */
int
rng_att_candidates(struct rng_sess *v, rng_id p, uint32_t name,
    struct rng_ids *out)
{
	struct rng_ids	 tmp = { NULL, 0, 0 };
	rng_id		 at;
	size_t		 i, n;

	out->n = 0;
	if (p == RNG_NONE || !(PAT(v, p).flags & RF_ATT))
		return 0;
	if (!S_memo_get(v, OP_CAND, p, name, 0, &at)) {
		S_vset_clear(&v->walk);
		if (S_cands(v, p, name, &tmp) != 0) {
			free(tmp.v);
			v->nomem = 1;
			return -1;
		}
		if (tmp.n > 1) {
			size_t k;

			qsort(tmp.v, tmp.n, sizeof(*tmp.v), S_id_cmp);
			for (i = k = 1; i < tmp.n; i++)
				if (tmp.v[i] != tmp.v[k - 1])
					tmp.v[k++] = tmp.v[i];
			tmp.n = k;
		}
		at = (rng_id)v->lists.n;
		if (rng_ids_push(&v->lists, (rng_id)tmp.n) != 0) {
			free(tmp.v);
			v->nomem = 1;
			return -1;
		}
		for (i = 0; i < tmp.n; i++)
			if (rng_ids_push(&v->lists, tmp.v[i]) != 0) {
				free(tmp.v);
				v->nomem = 1;
				return -1;
			}
		free(tmp.v);
		S_memo_put(v, OP_CAND, p, name, 0, at);
	}
	n = v->lists.v[at];
	for (i = 0; i < n; i++)
		if (rng_ids_push(out, v->lists.v[at + 1 + i]) != 0) {
			v->nomem = 1;
			return -1;
		}
	return (int)n;
}

static uint32_t
S_list_hash(const rng_id *ids, size_t n)
{
	uint32_t h = 2166136261u;
	size_t	 i;

	for (i = 0; i < n; i++)
		h = (h ^ ids[i]) * 16777619u;
	return h ^ (uint32_t)n;
}

/* A matched list, interned: equal lists get one id. */
static uint32_t
S_list_intern(struct rng_sess *v, const struct rng_ids *m)
{
	struct vset	*s = &v->sets;
	uint32_t	 h = S_list_hash(m->v, m->n);
	size_t		 i, mask, nc, j, at;
	uint32_t	*g;
	rng_id		*k;

	if (s->gen == 0)
		s->gen = 1;
	if (2 * (s->n + 1) > s->cap) {
		nc = s->cap ? 2 * s->cap : 64;
		k = malloc(nc * sizeof(*k));
		g = calloc(nc, sizeof(*g));
		if (k == NULL || g == NULL) {
			free(k);
			free(g);
			return RNG_NONE;
		}
		for (i = 0; i < s->cap; i++) {
			if (s->g[i] != s->gen)
				continue;
			at = s->k[i];
			for (j = S_list_hash(&v->lists.v[at + 1],
			    v->lists.v[at]) & (nc - 1); g[j] == s->gen;
			    j = (j + 1) & (nc - 1))
				;
			k[j] = s->k[i];
			g[j] = s->gen;
		}
		free(s->k);
		free(s->g);
		s->k = k;
		s->g = g;
		s->cap = nc;
	}
	mask = s->cap - 1;
	for (i = h & mask; s->g[i] == s->gen; i = (i + 1) & mask) {
		at = s->k[i];
		if (v->lists.v[at] == m->n && (m->n == 0 ||
		    memcmp(&v->lists.v[at + 1], m->v, m->n *
		    sizeof(*m->v)) == 0))
			return (uint32_t)at;
	}
	at = v->lists.n;
	if (rng_ids_push(&v->lists, (rng_id)m->n) != 0)
		return RNG_NONE;
	for (j = 0; j < m->n; j++)
		if (rng_ids_push(&v->lists, m->v[j]) != 0)
			return RNG_NONE;
	s->k[i] = (rng_id)at;
	s->g[i] = s->gen;
	s->n++;
	return (uint32_t)at;
}

/* Is vp in the interned, ascending list at `at`? */
static int
S_list_has(const struct rng_sess *v, uint32_t at, rng_id vp)
{
	const rng_id	*ids = &v->lists.v[at + 1];
	size_t		 lo = 0, hi = v->lists.v[at], mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (ids[mid] == vp)
			return 1;
		if (ids[mid] < vp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* attDeriv: d->x the name, d->y the value patterns its value matched;
 * memoised at every pattern, so shared sub-patterns are done once. */
static rng_id
S_d_att(struct rng_sess *v, rng_id p, const struct darg *d)
{
	struct rng_pat	 pp = PAT(v, p);
	rng_id		 r;

	if (!(pp.flags & RF_ATT))
		return RNG_NOTALLOWED;
	if (pp.kind == RP_ATTRIBUTE)
		return rng_nc_contains(v->schema, pp.a, d->x) &&
		    S_list_has(v, d->y, pp.b) ? RNG_EMPTY : RNG_NOTALLOWED;
	if (S_memo_get(v, OP_ATT, p, d->x, d->y, &r))
		return r;
	switch (pp.kind) {
	case RP_AFTER:
		r = S_after(&v->ctx, S_d(v, pp.a, d), pp.b);
		break;
	case RP_CHOICE:
		r = S_d_alts(v, p, d);
		break;
	case RP_GROUP:
		r = rng_choice(&v->ctx,
		    rng_group(&v->ctx, S_d(v, pp.a, d), pp.b),
		    rng_group(&v->ctx, pp.a, S_d(v, pp.b, d)));
		break;
	case RP_INTERLEAVE:
		r = rng_choice(&v->ctx,
		    rng_interleave(&v->ctx, S_d(v, pp.a, d), pp.b),
		    rng_interleave(&v->ctx, pp.a, S_d(v, pp.b, d)));
		break;
	case RP_ONEORMORE:
		r = rng_group(&v->ctx, S_d(v, pp.a, d),
		    rng_choice(&v->ctx, p, RNG_EMPTY));
		break;
	default:
		r = RNG_NOTALLOWED;
	}
	S_memo_put(v, OP_ATT, p, d->x, d->y, r);
	return r;
}

/* attDeriv, the value already matched against the candidates: `matched`
 * holds those it matched, in ascending order. */
rng_id
rng_d_att(struct rng_sess *v, rng_id p, uint32_t name,
    const struct rng_ids *matched)
{
	struct darg	 d;

	if (p == RNG_NONE)
		return RNG_NONE;
	memset(&d, 0, sizeof(d));
	d.op = OP_ATT;
	d.x = name;
	if ((d.y = S_list_intern(v, matched)) == RNG_NONE) {
		v->nomem = 1;
		return RNG_NONE;
	}
	return S_d(v, p, &d);
}

/* startTagCloseDeriv; OP_CLOSE_FORGIVE reads a missing attribute as
 * present, to go on after reporting it. */
static rng_id
S_d_close(struct rng_sess *v, rng_id p, const struct darg *d)
{
	struct rng_pat	 pp = PAT(v, p);
	rng_id		 r;

	if (!(pp.flags & RF_ATT))
		return p;
	if (pp.kind == RP_ATTRIBUTE)
		return d->op == OP_CLOSE_FORGIVE ? RNG_EMPTY : RNG_NOTALLOWED;
	if (S_memo_get(v, d->op, p, 0, 0, &r))
		return r;
	switch (pp.kind) {
	case RP_AFTER:
		r = S_after(&v->ctx, S_d(v, pp.a, d), pp.b);
		break;
	case RP_CHOICE:
		r = S_d_alts(v, p, d);
		break;
	case RP_GROUP:
		r = rng_group(&v->ctx, S_d(v, pp.a, d), S_d(v, pp.b, d));
		break;
	case RP_INTERLEAVE:
		r = rng_interleave(&v->ctx, S_d(v, pp.a, d), S_d(v, pp.b, d));
		break;
	case RP_ONEORMORE:
		r = rng_one_or_more(&v->ctx, S_d(v, pp.a, d));
		break;
	default:
		r = p;
	}
	S_memo_put(v, d->op, p, 0, 0, r);
	return r;
}

rng_id
rng_d_close(struct rng_sess *v, rng_id p, int forgive)
{
	struct darg	 d;

	memset(&d, 0, sizeof(d));
	d.op = forgive ? OP_CLOSE_FORGIVE : OP_CLOSE;
	return S_d(v, p, &d);
}

/* ---- text ---- */

static int
S_is_ws(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static rng_id	S_d_text_top(struct rng_sess *, rng_id, const char *,
		    xmlNodePtr);

/* A list's words, each a text derivative in turn. */
static rng_id
S_d_list(struct rng_sess *v, rng_id p, const char *s, xmlNodePtr ctx)
{
	char	*buf, *w, *save = NULL;

	if ((buf = strdup(s)) == NULL)
		return RNG_NONE;
	for (w = strtok_r(buf, " \t\n\r", &save); w != NULL &&
	    p != RNG_NOTALLOWED && p != RNG_NONE;
	    w = strtok_r(NULL, " \t\n\r", &save))
		p = S_d_text_top(v, p, w, ctx);
	free(buf);
	return p;
}

/* textDeriv.  A pattern with no data in it derives the same whatever
 * the text: memoised for good.  One with data is memoised for this text
 * only (v->text at the current level). */
static rng_id
S_d_text(struct rng_sess *v, rng_id p, const struct darg *d)
{
	struct rng_pat	 pp = PAT(v, p);
	struct vset	*tm = NULL;
	rng_id		 r, x;

	if (pp.kind == RP_TEXT)
		return p;
	if (!(pp.flags & (RF_TEXT | RF_DATA)))
		return RNG_NOTALLOWED;
	if (!(pp.flags & RF_DATA)) {
		if (S_memo_get(v, OP_TEXT, p, 0, 0, &r))
			return r;
	} else if (v->tlevel > 0 && v->tlevel <= TEXT_LEVELS) {
		tm = &v->text[v->tlevel - 1];
		if (S_vset_get(tm, p, &r))
			return r;
	}
	switch (pp.kind) {
	case RP_CHOICE:
		r = S_d_alts(v, p, d);
		break;
	case RP_INTERLEAVE:
		r = rng_choice(&v->ctx,
		    rng_interleave(&v->ctx, S_d(v, pp.a, d), pp.b),
		    rng_interleave(&v->ctx, pp.a, S_d(v, pp.b, d)));
		break;
	case RP_GROUP:
		x = rng_group(&v->ctx, S_d(v, pp.a, d), pp.b);
		r = NULLABLE(v, pp.a) ? rng_choice(&v->ctx, x,
		    S_d(v, pp.b, d)) : x;
		break;
	case RP_AFTER:
		r = S_after(&v->ctx, S_d(v, pp.a, d), pp.b);
		break;
	case RP_ONEORMORE:
		r = rng_group(&v->ctx, S_d(v, pp.a, d),
		    rng_choice(&v->ctx, p, RNG_EMPTY));
		break;
	case RP_VALUE:
		r = rng_value_matches(v->schema, pp.a, d->s, d->ctx) ?
		    RNG_EMPTY : RNG_NOTALLOWED;
		break;
	case RP_DATA:
		r = rng_type_allows(v->schema, pp.a, d->s, d->ctx) &&
		    (pp.b == RNG_NONE ||
		    !rng_nullable(v, S_d(v, pp.b, d))) ?
		    RNG_EMPTY : RNG_NOTALLOWED;
		break;
	case RP_LIST:
		r = rng_nullable(v, S_d_list(v, pp.a, d->s, d->ctx)) ?
		    RNG_EMPTY : RNG_NOTALLOWED;
		break;
	default:
		r = RNG_NOTALLOWED;
	}
	if (!(pp.flags & RF_DATA))
		S_memo_put(v, OP_TEXT, p, 0, 0, r);
	else if (tm != NULL && r != RNG_NONE)
		S_vset_set(tm, p, r);
	return r;
}

/* A text derivative of its own: a fresh table for its text. */
static rng_id
S_d_text_top(struct rng_sess *v, rng_id p, const char *s, xmlNodePtr ctx)
{
	struct darg	 d;
	rng_id		 r;

	if (p == RNG_NONE)
		return RNG_NONE;
	memset(&d, 0, sizeof(d));
	d.op = OP_TEXT;
	d.s = s;
	d.ctx = ctx;
	if (v->tlevel < TEXT_LEVELS)
		S_vset_clear(&v->text[v->tlevel]);
	v->tlevel++;
	r = S_d(v, p, &d);
	v->tlevel--;
	return r;
}

rng_id
rng_d_text(struct rng_sess *v, rng_id p, const char *s, xmlNodePtr ctx)
{
	return S_d_text_top(v, p, s, ctx);
}

/* valueMatch: an attribute value against a value pattern. */
static int
S_value_match(struct rng_sess *v, rng_id vp, const char *s,
    xmlNodePtr ctx)
{
	if (NULLABLE(v, vp) && S_is_ws(s))
		return 1;
	return rng_nullable(v, S_d_text_top(v, vp, s, ctx));
}

int
rng_value_match(struct rng_sess *v, rng_id vp, const char *s,
    xmlNodePtr ctx)
{
	struct vcache	*e;
	size_t		 n = strlen(s);
	uint32_t	 h;

	/* a prefixed name may mean something else elsewhere: not kept */
	if (n >= VCACHE_LEN || memchr(s, ':', n) != NULL)
		return S_value_match(v, vp, s, ctx);
	if (v->vcache == NULL && (v->vcache = calloc(VCACHE_SIZE,
	    sizeof(*v->vcache))) == NULL)
		return S_value_match(v, vp, s, ctx);
	h = S_hash((int)n, vp, 0);
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	s -= n;
	e = &v->vcache[h & (VCACHE_SIZE - 1)];
	if (e->h == h && e->vp == vp && e->s[0] != '\0' &&
	    strcmp(e->s, s) == 0)
		return e->r;
	e->r = S_value_match(v, vp, s, ctx);
	if (n > 0) {
		e->h = h;
		e->vp = vp;
		memcpy(e->s, s, n + 1);
	}
	return e->r;
}

/* endTagDeriv, and its forgiving form: the parent's continuation
 * whatever this element still lacked. */
static rng_id
S_d_end(struct rng_sess *v, rng_id p, const struct darg *d)
{
	struct rng_pat	 pp = PAT(v, p);
	rng_id		 r;

	if (pp.kind == RP_AFTER)
		return d->op == OP_END_FORGIVE || NULLABLE(v, pp.a) ? pp.b :
		    RNG_NOTALLOWED;
	if (pp.kind != RP_CHOICE)
		return RNG_NOTALLOWED;
	if (S_memo_get(v, d->op, p, 0, 0, &r))
		return r;
	r = S_d_alts(v, p, d);
	S_memo_put(v, d->op, p, 0, 0, r);
	return r;
}

rng_id
rng_d_end(struct rng_sess *v, rng_id p)
{
	struct darg	 d;

	memset(&d, 0, sizeof(d));
	d.op = OP_END;
	return S_d(v, p, &d);
}

rng_id
rng_d_end_forgive(struct rng_sess *v, rng_id p)
{
	struct darg	 d;

	memset(&d, 0, sizeof(d));
	d.op = OP_END_FORGIVE;
	return S_d(v, p, &d);
}

/* Every derivative, by what it is taken with respect to. */
static rng_id
S_d(struct rng_sess *v, rng_id p, const struct darg *d)
{
	if (p == RNG_NONE)
		return RNG_NONE;
	switch (d->op) {
	case OP_OPEN:
		return S_d_open(v, p, d);
	case OP_ATT:
		return S_d_att(v, p, d);
	case OP_CLOSE:
	case OP_CLOSE_FORGIVE:
		return S_d_close(v, p, d);
	case OP_TEXT:
		return S_d_text(v, p, d);
	case OP_END:
	case OP_END_FORGIVE:
		return S_d_end(v, p, d);
	case OP_AFTER_GROUP:
	case OP_AFTER_ILEAVE:
	case OP_AFTER_AFTER:
		return S_apply_after(v, d->op, p, d->x);
	}
	return RNG_NOTALLOWED;
}

/* ---- what was expected, for messages ---- */

struct expect {
	struct rng_sess	*v;
	struct vset	 seen;
	int		 what;
	void		(*fn)(void *, uint32_t);
	void		*arg;
};

static void
S_expect(struct expect *e, rng_id p)
{
	struct rng_sess	*v = e->v;
	struct rng_pat	 pp = PAT(v, p);
	struct leaves	 l;
	size_t		 i;
	int		 el = e->what != RNG_EXPECT_ATTRIBUTES;
	int		 req = e->what == RNG_EXPECT_REQUIRED;

	if (!(pp.flags & (el ? RF_ELEM : RF_ATT)) ||
	    (req && (pp.flags & RF_NULLABLE)) ||
	    S_vset_add(&e->seen, p) != 0)
		return;
	switch (pp.kind) {
	case RP_ELEMENT:
	case RP_ATTRIBUTE:
		e->fn(e->arg, pp.a);
		break;
	case RP_CHOICE:
		/* a choice with a side that needs no attribute requires
		 * none */
		if (!el && rng_d_close(v, p, 0) != RNG_NOTALLOWED)
			break;
		l.v = l.local;
		l.n = 0;
		l.cap = 32;
		if (S_leaves(&v->ctx, p, &l) == 0)
			for (i = 0; i < l.n; i++)
				S_expect(e, l.v[i]);
		if (l.v != l.local)
			free(l.v);
		break;
	case RP_GROUP:
		/* required: the first part that cannot be left out */
		if (!req || !NULLABLE(v, pp.a))
			S_expect(e, pp.a);
		if (!el || NULLABLE(v, pp.a))
			S_expect(e, pp.b);
		break;
	case RP_INTERLEAVE:
		S_expect(e, pp.a);
		S_expect(e, pp.b);
		break;
	case RP_ONEORMORE:
	case RP_AFTER:
		S_expect(e, pp.a);
		break;
	}
}

void
rng_expected(struct rng_sess *v, rng_id p, int what,
    void (*fn)(void *, uint32_t), void *arg)
{
	struct expect	 e;

	if (p == RNG_NONE)
		return;
	memset(&e, 0, sizeof(e));
	e.v = v;
	e.what = what;
	e.fn = fn;
	e.arg = arg;
	S_expect(&e, p);
	S_vset_free(&e.seen);
}
