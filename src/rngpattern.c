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

const struct rng_pat *
rng_pat(const struct rng_ctx *c, rng_id id)
{
	return id < c->base ? &c->s->st.v[id] : &c->own->v[id - c->base];
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
		fa = rng_pat(c, a)->flags;
		fb = rng_pat(c, b)->flags;
		return fa | fb;
	case RP_GROUP:
	case RP_INTERLEAVE:
		fa = rng_pat(c, a)->flags;
		fb = rng_pat(c, b)->flags;
		return ((fa | fb) & ~RF_NULLABLE) |
		    (fa & fb & RF_NULLABLE);
	case RP_ONEORMORE:
		return rng_pat(c, a)->flags;
	case RP_LIST:
	case RP_DATA:
	case RP_VALUE:
		return RF_DATA;
	case RP_ATTRIBUTE:
		return RF_ATT;
	case RP_ELEMENT:
		return RF_ELEM;
	case RP_AFTER:
		return RF_ELEM | (rng_pat(c, a)->flags &
		    (RF_ATT | RF_DATA | RF_TEXT));
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
	if (c->base > 0 && st->n >= SESS_HARD_LIMIT)
		return RNG_NONE;
	if (S_grow(st) != 0)
		return RNG_NONE;
	p = &st->v[st->n];
	p->kind = (uint8_t)kind;
	p->a = a;
	p->b = b;
	p->flags = S_flags(c, kind, a, b);
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
	const struct rng_pat *p;

	for (;;) {
		p = rng_pat(c, id);
		if (p->kind != RP_CHOICE)
			return id == RNG_NOTALLOWED ? 0 : S_leaf_push(l, id);
		if (S_leaf_push(l, p->a) != 0)
			return -1;
		id = p->b;
	}
}

static rng_id
S_build_choice(struct rng_ctx *c, const rng_id *v, size_t n)
{
	rng_id	 r;

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
	if (rng_pat(c, a)->kind != RP_CHOICE &&
	    rng_pat(c, b)->kind != RP_CHOICE)
		return a < b ? rng_mk(c, RP_CHOICE, a, b) :
		    rng_mk(c, RP_CHOICE, b, a);
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

uint32_t
rng_ns_lookup(const struct rng_schema *s, const char *ns)
{
	size_t	 i;

	if (ns == NULL)
		ns = "";
	for (i = 0; i < s->nnss; i++)
		if (strcmp(s->nss[i], ns) == 0)
			return (uint32_t)i;
	return RNG_NS_UNKNOWN;
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
	return h & 1023;
}

static uint32_t
S_name_find(const struct rng_schema *s, uint32_t ns, const char *local)
{
	uint32_t i;

	if (s->name_buckets == NULL)
		return RNG_NONE;
	for (i = s->name_buckets[S_name_hash(ns, local)]; i != RNG_NONE;
	    i = s->names[i].next)
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

	if (s->name_buckets == NULL) {
		if ((s->name_buckets = malloc(1024 * sizeof(uint32_t))) ==
		    NULL)
			return RNG_NONE;
		memset(s->name_buckets, 0xff, 1024 * sizeof(uint32_t));
	}
	if ((id = S_name_find(s, ns, local)) != RNG_NONE)
		return id;
	if (s->nnames == s->capnames) {
		s->capnames = s->capnames ? 2 * s->capnames : 256;
		if ((v = realloc(s->names, s->capnames * sizeof(*v))) == NULL)
			return RNG_NONE;
		s->names = v;
	}
	if ((s->names[s->nnames].local = strdup(local)) == NULL)
		return RNG_NONE;
	h = S_name_hash(ns, local);
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

int
rng_nc_contains(const struct rng_schema *s, uint32_t nc, uint32_t name)
{
	const struct rng_nc *n = &s->ncs[nc];
	uint32_t	 ns;

	switch (n->kind) {
	case NC_NAME:
		return n->a == name;
	case NC_ANY:
		return n->a == RNG_NONE || !rng_nc_contains(s, n->a, name);
	case NC_NSNAME:
		if (name < s->nnames)
			ns = s->names[name].ns;
		else if (name - s->nnames < s->nnss)
			ns = (uint32_t)(name - s->nnames);
		else
			ns = RNG_NS_UNKNOWN;
		return ns == n->a && (n->b == RNG_NONE ||
		    !rng_nc_contains(s, n->b, name));
	case NC_CHOICE:
		return rng_nc_contains(s, n->a, name) ||
		    rng_nc_contains(s, n->b, name);
	}
	return 0;
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

struct rng_sess {
	struct rng_schema *schema;
	struct rng_store st;
	struct rng_ctx	 ctx;
	struct memo	*memo;
	size_t		 nmemo, capmemo;	/* capmemo: a power of two */
	rng_id		*cands;		/* [n, id, id, ...] lists */
	size_t		 ncands, capcands;
	struct rng_sess	*next;		/* in the schema's pool */
	rng_id		 any;		/* accepts anything, or RNG_NONE */
	struct vcache	*vcache;	/* attribute values matched */
	int		 nomem;
};

/* Beyond this many derived patterns a session starts afresh. */
#define SESS_MAX_PATTERNS (1u << 22)

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
	if (v == NULL)
		return;
	rng_store_free(&v->st);
	free(v->memo);
	free(v->cands);
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

static uint32_t
S_memo_hash(uint32_t op, uint32_t p, uint32_t x, uint32_t y)
{
	return S_hash((int)op, p ^ (y * 0x27D4EB2Fu), x);
}

static struct memo *
S_memo_find(struct rng_sess *v, uint32_t op, uint32_t p, uint32_t x,
    uint32_t y)
{
	size_t	 mask = v->capmemo - 1, i;

	for (i = S_memo_hash(op, p, x, y) & mask; v->memo[i].op != 0;
	    i = (i + 1) & mask)
		if (v->memo[i].op == op && v->memo[i].p == p &&
		    v->memo[i].x == x && v->memo[i].y == y)
			return &v->memo[i];
	return NULL;
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
#define NULLABLE(v, id)	(PAT(v, id)->flags & RF_NULLABLE)

int
rng_nullable(struct rng_sess *v, rng_id p)
{
	return p != RNG_NONE && NULLABLE(v, p);
}

/* applyAfter: the continuation of every After in p, through f(x) =
 * op(x, q). */
static rng_id
S_apply_after(struct rng_sess *v, uint32_t op, rng_id p, rng_id q)
{
	const struct rng_pat *pp;
	struct memo	*m;
	rng_id		 r, t;

	if (p == RNG_NONE || q == RNG_NONE)
		return RNG_NONE;
	pp = PAT(v, p);
	if (pp->kind == RP_NOTALLOWED)
		return RNG_NOTALLOWED;
	if ((m = S_memo_find(v, op, p, q, 0)) != NULL)
		return m->r;
	switch (pp->kind) {
	case RP_AFTER:
		t = pp->b;
		if (op == OP_AFTER_GROUP)
			t = rng_group(&v->ctx, t, q);
		else if (op == OP_AFTER_ILEAVE)
			t = rng_interleave(&v->ctx, t, q);
		else
			t = S_after(&v->ctx, t, q);
		r = S_after(&v->ctx, pp->a, t);
		break;
	case RP_CHOICE:
		r = rng_choice(&v->ctx, S_apply_after(v, op, pp->a, q),
		    S_apply_after(v, op, pp->b, q));
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
		v->ctx.own->v[el - v->ctx.base].b = v->any;
	return v->any;
}

/* startTagOpenDeriv */
rng_id
rng_d_open(struct rng_sess *v, rng_id p, uint32_t name)
{
	const struct rng_pat *pp;
	struct memo	*m;
	rng_id		 r, x;

	if (p == RNG_NONE)
		return RNG_NONE;
	pp = PAT(v, p);
	if (!(pp->flags & RF_ELEM))
		return RNG_NOTALLOWED;
	if (pp->kind == RP_ELEMENT)
		return rng_nc_contains(v->schema, pp->a, name) ?
		    S_after(&v->ctx, pp->b, RNG_EMPTY) : RNG_NOTALLOWED;
	if ((m = S_memo_find(v, OP_OPEN, p, name, 0)) != NULL)
		return m->r;
	switch (pp->kind) {
	case RP_CHOICE:
		r = rng_choice(&v->ctx, rng_d_open(v, pp->a, name),
		    rng_d_open(v, pp->b, name));
		break;
	case RP_INTERLEAVE:
		/* interleave is stored with a < b; either side may start */
		r = rng_choice(&v->ctx,
		    S_apply_after(v, OP_AFTER_ILEAVE,
		    rng_d_open(v, pp->a, name), pp->b),
		    S_apply_after(v, OP_AFTER_ILEAVE,
		    rng_d_open(v, pp->b, name), pp->a));
		break;
	case RP_ONEORMORE:
		r = S_apply_after(v, OP_AFTER_GROUP, rng_d_open(v, pp->a,
		    name), rng_choice(&v->ctx, p, RNG_EMPTY));
		break;
	case RP_GROUP:
		x = S_apply_after(v, OP_AFTER_GROUP, rng_d_open(v, pp->a,
		    name), pp->b);
		r = NULLABLE(v, pp->a) ? rng_choice(&v->ctx, x,
		    rng_d_open(v, pp->b, name)) : x;
		break;
	case RP_AFTER:
		r = S_apply_after(v, OP_AFTER_AFTER, rng_d_open(v, pp->a,
		    name), pp->b);
		break;
	default:
		r = RNG_NOTALLOWED;
	}
	S_memo_put(v, OP_OPEN, p, name, 0, r);
	return r;
}

/* ---- attributes ---- */

static int
S_cand_add(struct rng_sess *v, size_t at, rng_id vp)
{
	rng_id	*c;
	size_t	 i;

	for (i = 0; i < v->cands[at]; i++)
		if (v->cands[at + 1 + i] == vp)
			return 0;
	if (v->ncands == v->capcands) {
		v->capcands = v->capcands ? 2 * v->capcands : 256;
		if ((c = realloc(v->cands, v->capcands * sizeof(*c))) ==
		    NULL)
			return -1;
		v->cands = c;
	}
	v->cands[v->ncands++] = vp;
	v->cands[at]++;
	return 0;
}

static int
S_cands(struct rng_sess *v, rng_id p, uint32_t name, size_t at)
{
	const struct rng_pat *pp = PAT(v, p);

	if (!(pp->flags & RF_ATT))
		return 0;
	switch (pp->kind) {
	case RP_ATTRIBUTE:
		if (rng_nc_contains(v->schema, pp->a, name))
			return S_cand_add(v, at, pp->b);
		return 0;
	case RP_AFTER:
	case RP_ONEORMORE:
		return S_cands(v, pp->a, name, at);
	case RP_CHOICE:
	case RP_GROUP:
	case RP_INTERLEAVE:
		if (S_cands(v, pp->a, name, at) != 0)
			return -1;
		return S_cands(v, pp->b, name, at);
	}
	return 0;
}

/*
 * The value patterns of the attribute patterns in p that `name` may
 * match: an attribute's derivative depends on its value only through
 * which of these the value matches, so it is memoised by that mask.
 */
const rng_id *
rng_att_candidates(struct rng_sess *v, rng_id p, uint32_t name, size_t *n)
{
	struct memo	*m;
	size_t		 at;
	rng_id		*c;

	*n = 0;
	if (p == RNG_NONE || !(PAT(v, p)->flags & RF_ATT))
		return NULL;
	if ((m = S_memo_find(v, OP_CAND, p, name, 0)) == NULL) {
		if (v->ncands == v->capcands) {
			v->capcands = v->capcands ? 2 * v->capcands : 256;
			if ((c = realloc(v->cands, v->capcands *
			    sizeof(*c))) == NULL)
				return NULL;
			v->cands = c;
		}
		at = v->ncands++;
		v->cands[at] = 0;
		if (S_cands(v, p, name, at) != 0) {
			v->nomem = 1;
			return NULL;
		}
		S_memo_put(v, OP_CAND, p, name, 0, (rng_id)at);
	} else
		at = m->r;
	*n = v->cands[at];
	return &v->cands[at + 1];
}

static rng_id
S_d_att(struct rng_sess *v, rng_id p, uint32_t name, const rng_id *cand,
    size_t ncand, uint32_t mask)
{
	const struct rng_pat *pp;
	size_t		 i;

	if (p == RNG_NONE)
		return RNG_NONE;
	pp = PAT(v, p);
	if (!(pp->flags & RF_ATT))
		return RNG_NOTALLOWED;
	switch (pp->kind) {
	case RP_ATTRIBUTE:
		if (!rng_nc_contains(v->schema, pp->a, name))
			return RNG_NOTALLOWED;
		for (i = 0; i < ncand && i < 32; i++)
			if (cand[i] == pp->b)
				return mask & (1u << i) ? RNG_EMPTY :
				    RNG_NOTALLOWED;
		return RNG_NOTALLOWED;
	case RP_AFTER:
		return S_after(&v->ctx, S_d_att(v, pp->a, name, cand, ncand,
		    mask), pp->b);
	case RP_CHOICE:
		return rng_choice(&v->ctx, S_d_att(v, pp->a, name, cand,
		    ncand, mask), S_d_att(v, pp->b, name, cand, ncand, mask));
	case RP_GROUP:
		return rng_choice(&v->ctx,
		    rng_group(&v->ctx, S_d_att(v, pp->a, name, cand, ncand,
		    mask), pp->b),
		    rng_group(&v->ctx, pp->a, S_d_att(v, pp->b, name, cand,
		    ncand, mask)));
	case RP_INTERLEAVE:
		return rng_choice(&v->ctx,
		    rng_interleave(&v->ctx, S_d_att(v, pp->a, name, cand,
		    ncand, mask), pp->b),
		    rng_interleave(&v->ctx, pp->a, S_d_att(v, pp->b, name,
		    cand, ncand, mask)));
	case RP_ONEORMORE:
		return rng_group(&v->ctx, S_d_att(v, pp->a, name, cand, ncand,
		    mask), rng_choice(&v->ctx, p, RNG_EMPTY));
	}
	return RNG_NOTALLOWED;
}

/* attDeriv, the value already matched against the candidates. */
rng_id
rng_d_att(struct rng_sess *v, rng_id p, uint32_t name, uint32_t mask)
{
	const rng_id	*cand;
	struct memo	*m;
	size_t		 n;
	rng_id		 r;

	if ((cand = rng_att_candidates(v, p, name, &n)) == NULL || n == 0)
		return RNG_NOTALLOWED;
	/* the pointer may move as candidates are added: copy */
	if ((m = S_memo_find(v, OP_ATT, p, name, mask)) != NULL)
		return m->r;
	{
		rng_id	 local[32];
		size_t	 k = n < 32 ? n : 32;

		memcpy(local, cand, k * sizeof(*local));
		r = S_d_att(v, p, name, local, k, mask);
	}
	S_memo_put(v, OP_ATT, p, name, mask, r);
	return r;
}

/* startTagCloseDeriv; `forgive` reads a missing attribute as present,
 * to go on after reporting it. */
rng_id
rng_d_close(struct rng_sess *v, rng_id p, int forgive)
{
	const struct rng_pat *pp;
	struct memo	*m;
	uint32_t	 op = forgive ? OP_CLOSE_FORGIVE : OP_CLOSE;
	rng_id		 r;

	if (p == RNG_NONE)
		return RNG_NONE;
	pp = PAT(v, p);
	if (!(pp->flags & RF_ATT))
		return p;
	if (pp->kind == RP_ATTRIBUTE)
		return forgive ? RNG_EMPTY : RNG_NOTALLOWED;
	if ((m = S_memo_find(v, op, p, 0, 0)) != NULL)
		return m->r;
	switch (pp->kind) {
	case RP_AFTER:
		r = S_after(&v->ctx, rng_d_close(v, pp->a, forgive), pp->b);
		break;
	case RP_CHOICE:
		r = rng_choice(&v->ctx, rng_d_close(v, pp->a, forgive),
		    rng_d_close(v, pp->b, forgive));
		break;
	case RP_GROUP:
		r = rng_group(&v->ctx, rng_d_close(v, pp->a, forgive),
		    rng_d_close(v, pp->b, forgive));
		break;
	case RP_INTERLEAVE:
		r = rng_interleave(&v->ctx, rng_d_close(v, pp->a, forgive),
		    rng_d_close(v, pp->b, forgive));
		break;
	case RP_ONEORMORE:
		r = rng_one_or_more(&v->ctx, rng_d_close(v, pp->a, forgive));
		break;
	default:
		r = p;
	}
	S_memo_put(v, op, p, 0, 0, r);
	return r;
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

static rng_id S_d_text(struct rng_sess *, rng_id, const char *,
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
		p = S_d_text(v, p, w, ctx);
	free(buf);
	return p;
}

static rng_id
S_d_text(struct rng_sess *v, rng_id p, const char *s, xmlNodePtr ctx)
{
	const struct rng_pat *pp;
	struct memo	*m = NULL;
	int		 memo;
	rng_id		 r, x;

	if (p == RNG_NONE)
		return RNG_NONE;
	pp = PAT(v, p);
	if (pp->kind == RP_TEXT)
		return p;
	if (!(pp->flags & (RF_TEXT | RF_DATA)))
		return RNG_NOTALLOWED;
	memo = !(pp->flags & RF_DATA);
	if (memo && (m = S_memo_find(v, OP_TEXT, p, 0, 0)) != NULL)
		return m->r;
	switch (pp->kind) {
	case RP_CHOICE:
		r = rng_choice(&v->ctx, S_d_text(v, pp->a, s, ctx),
		    S_d_text(v, pp->b, s, ctx));
		break;
	case RP_INTERLEAVE:
		r = rng_choice(&v->ctx,
		    rng_interleave(&v->ctx, S_d_text(v, pp->a, s, ctx),
		    pp->b),
		    rng_interleave(&v->ctx, pp->a, S_d_text(v, pp->b, s,
		    ctx)));
		break;
	case RP_GROUP:
		x = rng_group(&v->ctx, S_d_text(v, pp->a, s, ctx), pp->b);
		r = NULLABLE(v, pp->a) ? rng_choice(&v->ctx, x,
		    S_d_text(v, pp->b, s, ctx)) : x;
		break;
	case RP_AFTER:
		r = S_after(&v->ctx, S_d_text(v, pp->a, s, ctx), pp->b);
		break;
	case RP_ONEORMORE:
		r = rng_group(&v->ctx, S_d_text(v, pp->a, s, ctx),
		    rng_choice(&v->ctx, p, RNG_EMPTY));
		break;
	case RP_VALUE:
		r = rng_value_matches(v->schema, pp->a, s, ctx) ? RNG_EMPTY :
		    RNG_NOTALLOWED;
		break;
	case RP_DATA:
		r = rng_type_allows(v->schema, pp->a, s, ctx) &&
		    (pp->b == RNG_NONE ||
		    !rng_nullable(v, S_d_text(v, pp->b, s, ctx))) ?
		    RNG_EMPTY : RNG_NOTALLOWED;
		break;
	case RP_LIST:
		r = rng_nullable(v, S_d_list(v, pp->a, s, ctx)) ?
		    RNG_EMPTY : RNG_NOTALLOWED;
		break;
	default:
		r = RNG_NOTALLOWED;
	}
	if (memo)
		S_memo_put(v, OP_TEXT, p, 0, 0, r);
	return r;
}

rng_id
rng_d_text(struct rng_sess *v, rng_id p, const char *s, xmlNodePtr ctx)
{
	return S_d_text(v, p, s, ctx);
}

/* valueMatch: an attribute value against a value pattern. */
static int
S_value_match(struct rng_sess *v, rng_id vp, const char *s,
    xmlNodePtr ctx)
{
	if (NULLABLE(v, vp) && S_is_ws(s))
		return 1;
	return rng_nullable(v, S_d_text(v, vp, s, ctx));
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
S_d_end(struct rng_sess *v, rng_id p, int forgive)
{
	const struct rng_pat *pp;
	struct memo	*m;
	uint32_t	 op = forgive ? OP_END_FORGIVE : OP_END;
	rng_id		 r;

	if (p == RNG_NONE)
		return RNG_NONE;
	pp = PAT(v, p);
	if (pp->kind == RP_AFTER)
		return forgive || NULLABLE(v, pp->a) ? pp->b : RNG_NOTALLOWED;
	if (pp->kind != RP_CHOICE)
		return RNG_NOTALLOWED;
	if ((m = S_memo_find(v, op, p, 0, 0)) != NULL)
		return m->r;
	r = rng_choice(&v->ctx, S_d_end(v, pp->a, forgive),
	    S_d_end(v, pp->b, forgive));
	S_memo_put(v, op, p, 0, 0, r);
	return r;
}

rng_id
rng_d_end(struct rng_sess *v, rng_id p)
{
	return S_d_end(v, p, 0);
}

rng_id
rng_d_end_forgive(struct rng_sess *v, rng_id p)
{
	return S_d_end(v, p, 1);
}

/* ---- what was expected, for messages ---- */

struct seen {
	rng_id	*v;
	size_t	 n, cap;
};

static int
S_seen(struct seen *s, rng_id id)
{
	size_t	 i;
	rng_id	*nv;

	for (i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return 1;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		if ((nv = realloc(s->v, s->cap * sizeof(*nv))) == NULL)
			return 1;
		s->v = nv;
	}
	s->v[s->n++] = id;
	return 0;
}

static void
S_expect_el(struct rng_sess *v, rng_id p, struct seen *seen,
    void (*fn)(void *, uint32_t), void *arg)
{
	const struct rng_pat *pp = PAT(v, p);

	if (!(pp->flags & RF_ELEM) || S_seen(seen, p))
		return;
	switch (pp->kind) {
	case RP_ELEMENT:
		fn(arg, pp->a);
		break;
	case RP_CHOICE:
	case RP_INTERLEAVE:
		S_expect_el(v, pp->a, seen, fn, arg);
		S_expect_el(v, pp->b, seen, fn, arg);
		break;
	case RP_GROUP:
		S_expect_el(v, pp->a, seen, fn, arg);
		if (NULLABLE(v, pp->a))
			S_expect_el(v, pp->b, seen, fn, arg);
		break;
	case RP_ONEORMORE:
	case RP_AFTER:
		S_expect_el(v, pp->a, seen, fn, arg);
		break;
	}
}

static void
S_expect_att(struct rng_sess *v, rng_id p, struct seen *seen,
    void (*fn)(void *, uint32_t), void *arg)
{
	const struct rng_pat *pp = PAT(v, p);

	if (!(pp->flags & RF_ATT) || S_seen(seen, p))
		return;
	switch (pp->kind) {
	case RP_ATTRIBUTE:
		fn(arg, pp->a);
		break;
	case RP_CHOICE:
		/* a choice with a side that needs no attribute requires
		 * none */
		if (rng_d_close(v, pp->a, 0) != RNG_NOTALLOWED ||
		    rng_d_close(v, pp->b, 0) != RNG_NOTALLOWED)
			break;
		/* FALLTHROUGH */
	case RP_GROUP:
	case RP_INTERLEAVE:
		S_expect_att(v, pp->a, seen, fn, arg);
		S_expect_att(v, pp->b, seen, fn, arg);
		break;
	case RP_ONEORMORE:
	case RP_AFTER:
		S_expect_att(v, pp->a, seen, fn, arg);
		break;
	}
}

void
rng_expected(struct rng_sess *v, rng_id p, int what,
    void (*fn)(void *, uint32_t), void *arg)
{
	struct seen	 seen = { NULL, 0, 0 };

	if (p == RNG_NONE)
		return;
	if (what == RNG_EXPECT_ELEMENTS)
		S_expect_el(v, p, &seen, fn, arg);
	else
		S_expect_att(v, p, &seen, fn, arg);
	free(seen.v);
}
