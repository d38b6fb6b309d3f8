/*
 * xpregex.c -- XPath 2.0's regular expressions (F&O 7.6.1): XML
 * Schema's syntax plus the flags s, m, i, x, the anchors ^ and $,
 * reluctant quantifiers and back-references, for matches(), replace()
 * and tokenize().  The structure compiles into a small backtracking
 * program (an explicit stack, so no recursion over the input); each
 * character class and class escape (\d, \p{Lu}, [a-z-[aeiou]]...) is
 * handed whole to the RELAX NG engine's XML Schema regexes
 * (src/rngregex.c), which check its syntax and test one character at
 * a time.
 *
 * STATUS: all of the 2.0 syntax.  Limits: a program of PROG_MAX
 * instructions (counted repetitions unroll), STEP_MAX steps a search
 * (then an error, never a hang), which only expressions with
 * back-references can reach: without them, the states that failed are
 * remembered (as RE2's BitState does), so matching is polynomial; `i` folds ASCII and Latin-1 only;
 * 3.0's (?:...) and the q flag are refused (TKXP0001).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rngregex.h"
#include "xpint.h"

#define PROG_MAX	20000
#define STEP_MAX	20000000L
#define GROUPS_MAX	99

enum rop { O_CHAR, O_ANY, O_CLASS, O_BOL, O_EOL, O_SPLIT, O_JMP, O_SAVE,
    O_MARK, O_CHKPROG, O_BACKREF, O_MATCH };

struct rinst {
	enum rop	 op;
	int		 c;	/* O_CHAR: code point; SAVE/MARK/BACKREF: reg */
	int		 x, y;	/* SPLIT: preferred, other; JMP: x */
	struct rng_regex *cls;
};

struct xp_regex {
	struct rinst	*prog;
	int		 n, cap;
	int		 ngroups;	/* capturing groups, not counting 0 */
	int		 nregs;
	int		 fl_s, fl_m, fl_i;
	int		 anchored;
	int		 backrefs;
	struct rng_regex **cls;
	int		 ncls;
};

struct rparse {
	struct xp_regex	*re;
	const char	*p, *start;
	char		*msg;
	size_t		 msglen;
	int		 err;
	int		 depth;
	int		 nmarks;
	int		 groupsdone[GROUPS_MAX + 1];
};

static int
S_fail(struct rparse *rp, const char *fmt, const char *what)
{
	if (!rp->err)
		snprintf(rp->msg, rp->msglen, fmt, (int)(rp->p - rp->start) + 1,
		    what);
	rp->err = 1;
	return -1;
}

static int
S_emit(struct rparse *rp, enum rop op, int c, int x, int y)
{
	struct xp_regex	*re = rp->re;
	struct rinst	*v;

	if (re->n >= PROG_MAX)
		return S_fail(rp, "TKXP regular expression too large to "
		    "unroll (at character %d)%s", "");
	if (re->n == re->cap) {
		re->cap = re->cap ? re->cap * 2 : 64;
		if ((v = realloc(re->prog, re->cap * sizeof(*v))) == NULL)
			return S_fail(rp, "out of memory at %d%s", "");
		re->prog = v;
	}
	memset(&re->prog[re->n], 0, sizeof(re->prog[0]));
	re->prog[re->n].op = op;
	re->prog[re->n].c = c;
	re->prog[re->n].x = x;
	re->prog[re->n].y = y;
	return re->n++;
}

static int
S_u8(const char **ps)
{
	const unsigned char *s = (const unsigned char *)*ps;
	int		 c = s[0], n, i;

	if (c < 0x80) n = 0;
	else if (c >= 0xF0) { n = 3; c &= 7; }
	else if (c >= 0xE0) { n = 2; c &= 15; }
	else if (c >= 0xC0) { n = 1; c &= 31; }
	else { *ps += 1; return -1; }
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*ps += i;
			return -1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*ps += n + 1;
	return c;
}

static int
S_fold(int c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return c + 32;
	return c;
}

/* a class or class escape: compile its text with rngregex */
static int
S_class(struct rparse *rp, const char *from, const char *to)
{
	char			*txt, *err = NULL;
	struct rng_regex	*cls, **v;
	int			 pc;

	if ((txt = strndup(from, to - from)) == NULL)
		return S_fail(rp, "out of memory at %d%s", "");
	cls = rng_regex_compile(txt, &err);
	free(txt);
	if (cls == NULL) {
		if (!rp->err)
			snprintf(rp->msg, rp->msglen, "bad character class at "
			    "character %d: %s", (int)(from - rp->start) + 1,
			    err ? err : "out of memory");
		rp->err = 1;
		free(err);
		return -1;
	}
	if ((v = realloc(rp->re->cls, (rp->re->ncls + 1) * sizeof(*v))) ==
	    NULL) {
		rng_regex_free(cls);
		return S_fail(rp, "out of memory at %d%s", "");
	}
	rp->re->cls = v;
	v[rp->re->ncls++] = cls;
	if ((pc = S_emit(rp, O_CLASS, 0, 0, 0)) < 0)
		return -1;
	rp->re->prog[pc].cls = cls;
	return 0;
}

static int	S_alt(struct rparse *);

/* one atom: emits its code; returns 0, or -1 */
static int
S_atom(struct rparse *rp)
{
	const char	*s = rp->p, *q;
	int		 c, nest, g, k;

	switch (*s) {
	case '(':
		if (s[1] == '?')
			return S_fail(rp, "TKXP a group (? at character %d is "
			    "XPath 3.0%s", "");
		if (++rp->depth > 200)
			return S_fail(rp, "TKXP groups nested too deep at %d%s",
			    "");
		g = ++rp->re->ngroups;
		if (g > GROUPS_MAX)
			return S_fail(rp, "more than 99 groups at %d%s", "");
		rp->p++;
		if (S_emit(rp, O_SAVE, 2 * g, 0, 0) < 0 || S_alt(rp) < 0)
			return -1;
		if (*rp->p != ')')
			return S_fail(rp, "a '(' that is not closed, at "
			    "character %d%s", "");
		rp->p++;
		rp->depth--;
		rp->groupsdone[g] = 1;
		return S_emit(rp, O_SAVE, 2 * g + 1, 0, 0) < 0 ? -1 : 0;
	case '.':
		rp->p++;
		return S_emit(rp, O_ANY, 0, 0, 0) < 0 ? -1 : 0;
	case '^':
		rp->p++;
		return S_emit(rp, O_BOL, 0, 0, 0) < 0 ? -1 : 0;
	case '$':
		rp->p++;
		return S_emit(rp, O_EOL, 0, 0, 0) < 0 ? -1 : 0;
	case '[':
		nest = 0;
		for (q = s; *q; q++) {
			if (*q == '\\' && q[1] != '\0')
				q++;
			else if (*q == '[')
				nest++;
			else if (*q == ']' && --nest == 0)
				break;
		}
		if (*q != ']')
			return S_fail(rp, "a '[' that is not closed, at "
			    "character %d%s", "");
		rp->p = q + 1;
		return S_class(rp, s, q + 1);
	case '\\':
		switch (s[1]) {
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case '\\': case '|': case '.': case '?': case '*': case '+':
		case '(': case ')': case '{': case '}': case '-': case '[':
		case ']': case '^': case '$':
			c = s[1];
			break;
		case 'p': case 'P':
			if (s[2] != '{' || (q = strchr(s, '}')) == NULL)
				return S_fail(rp, "a bad \\p at character "
				    "%d%s", "");
			rp->p = q + 1;
			return S_class(rp, s, q + 1);
		case 's': case 'S': case 'i': case 'I': case 'c': case 'C':
		case 'd': case 'D': case 'w': case 'W':
			rp->p = s + 2;
			return S_class(rp, s, s + 2);
		default:
			if (s[1] >= '1' && s[1] <= '9') {
				g = s[1] - '0';
				q = s + 2;
				while (isdigit((unsigned char)*q) && g * 10 +
				    (*q - '0') <= rp->re->ngroups) {
					g = g * 10 + (*q - '0');
					q++;
				}
				if (g > rp->re->ngroups || !rp->groupsdone[g])
					return S_fail(rp, "a back-reference at "
					    "character %d to a group not yet "
					    "closed%s", "");
				rp->p = q;
				rp->re->backrefs = 1;
				return S_emit(rp, O_BACKREF, g, 0, 0) < 0 ?
				    -1 : 0;
			}
			return S_fail(rp, "an unknown escape at character "
			    "%d%s", "");
		}
		rp->p = s + 2;
		return S_emit(rp, O_CHAR, c, 0, 0) < 0 ? -1 : 0;
	case '*': case '+': case '?': case '{':
		return S_fail(rp, "a quantifier with nothing to repeat at "
		    "character %d%s", "");
	case ']': case '}':
		return S_fail(rp, "an unescaped '%2$s' at character %1$d",
		    *s == ']' ? "]" : "}");
	default:
		q = s;
		if ((c = S_u8(&q)) < 0)
			return S_fail(rp, "bad UTF-8 at character %d%s", "");
		rp->p = q;
		(void)k;
		return S_emit(rp, O_CHAR, c, 0, 0) < 0 ? -1 : 0;
	}
}

/* copy the code of [from, to) to the end, renumbering jumps */
static int
S_copy(struct rparse *rp, int from, int to)
{
	int	 i, pc, d = rp->re->n - from;

	for (i = from; i < to; i++) {
		if ((pc = S_emit(rp, rp->re->prog[i].op, rp->re->prog[i].c,
		    rp->re->prog[i].x, rp->re->prog[i].y)) < 0)
			return -1;
		rp->re->prog[pc].cls = rp->re->prog[i].cls;
		if (rp->re->prog[pc].op == O_SPLIT ||
		    rp->re->prog[pc].op == O_JMP) {
			rp->re->prog[pc].x += d;
			rp->re->prog[pc].y += d;
		}
		if (rp->re->prog[pc].op == O_MARK ||
		    rp->re->prog[pc].op == O_CHKPROG)
			rp->re->prog[pc].c = rp->re->prog[i].c;
	}
	return 0;
}

/* x* (greedy or not) around the code at [start, n) */
static int
S_star(struct rparse *rp, int start, int greedy)
{
	struct xp_regex	*re = rp->re;
	int		 len = re->n - start, i, mark, split;

	/* make room for SPLIT and MARK before the body */
	if (S_emit(rp, O_JMP, 0, 0, 0) < 0 || S_emit(rp, O_JMP, 0, 0, 0) < 0)
		return -1;
	memmove(&re->prog[start + 2], &re->prog[start],
	    len * sizeof(re->prog[0]));
	for (i = start + 2; i < start + 2 + len; i++)
		if (re->prog[i].op == O_SPLIT || re->prog[i].op == O_JMP) {
			re->prog[i].x += 2;
			re->prog[i].y += 2;
		}
	split = start;
	mark = rp->nmarks++;
	re->prog[start + 1].op = O_MARK;
	re->prog[start + 1].c = mark;
	re->prog[start + 1].cls = NULL;
	if (S_emit(rp, O_CHKPROG, mark, 0, 0) < 0 ||
	    S_emit(rp, O_JMP, 0, split, 0) < 0)
		return -1;
	re->prog[split].op = O_SPLIT;
	re->prog[split].cls = NULL;
	re->prog[split].x = greedy ? split + 1 : re->n;
	re->prog[split].y = greedy ? re->n : split + 1;
	return 0;
}

/* x? around [start, n) */
static int
S_opt(struct rparse *rp, int start, int greedy)
{
	struct xp_regex	*re = rp->re;
	int		 len = re->n - start, i;

	if (S_emit(rp, O_JMP, 0, 0, 0) < 0)
		return -1;
	memmove(&re->prog[start + 1], &re->prog[start],
	    len * sizeof(re->prog[0]));
	for (i = start + 1; i < start + 1 + len; i++)
		if (re->prog[i].op == O_SPLIT || re->prog[i].op == O_JMP) {
			re->prog[i].x += 1;
			re->prog[i].y += 1;
		}
	re->prog[start].op = O_SPLIT;
	re->prog[start].cls = NULL;
	re->prog[start].x = greedy ? start + 1 : re->n;
	re->prog[start].y = greedy ? re->n : start + 1;
	return 0;
}

static int
S_piece(struct rparse *rp)
{
	int	 start = rp->re->n, end, min, max, greedy, i, o;
	char	*e;

	if (S_atom(rp) < 0)
		return -1;
	end = rp->re->n;
	switch (*rp->p) {
	case '*': min = 0; max = -1; rp->p++; break;
	case '+': min = 1; max = -1; rp->p++; break;
	case '?': min = 0; max = 1; rp->p++; break;
	case '{':
		if (!isdigit((unsigned char)rp->p[1]))
			return S_fail(rp, "a bad quantifier at character "
			    "%d%s", "");
		min = strtol(rp->p + 1, &e, 10);
		max = min;
		if (*e == ',') {
			if (isdigit((unsigned char)e[1]))
				max = strtol(e + 1, &e, 10);
			else {
				max = -1;
				e++;
			}
		}
		if (*e != '}' || (max >= 0 && max < min) || min > 10000 ||
		    max > 10000)
			return S_fail(rp, "a bad quantifier at character "
			    "%d%s", "");
		rp->p = e + 1;
		break;
	default:
		return 0;
	}
	greedy = 1;
	if (*rp->p == '?') {
		greedy = 0;
		rp->p++;
	}
	if (*rp->p == '*' || *rp->p == '+' || *rp->p == '?' || *rp->p == '{')
		return S_fail(rp, "a quantifier after a quantifier at "
		    "character %d%s", "");
	/* the atom once is in place: x{min,max} = x^min (x?)^(max-min)
	 * or x^min x* */
	if (min == 0) {
		if (max == 1)
			return S_opt(rp, start, greedy);
		if (max < 0)
			return S_star(rp, start, greedy);
		/* x{0,m}: (x (x ...)?)?  -- as m optional copies */
		for (i = 1; i < max; i++) {
			o = rp->re->n;
			if (S_copy(rp, start, end) < 0 ||
			    S_opt(rp, o, greedy) < 0)
				return -1;
		}
		return S_opt(rp, start, greedy);
	}
	for (i = 1; i < min; i++)
		if (S_copy(rp, start, end) < 0)
			return -1;
	if (max < 0) {
		o = rp->re->n;
		if (S_copy(rp, start, end) < 0)
			return -1;
		return S_star(rp, o, greedy);
	}
	for (i = min; i < max; i++) {
		o = rp->re->n;
		if (S_copy(rp, start, end) < 0 || S_opt(rp, o, greedy) < 0)
			return -1;
	}
	return 0;
}

static int
S_branch(struct rparse *rp)
{
	while (*rp->p != '\0' && *rp->p != '|' && *rp->p != ')')
		if (S_piece(rp) < 0)
			return -1;
	return 0;
}

static int
S_alt(struct rparse *rp)
{
	struct xp_regex	*re = rp->re;
	int		 start = re->n, jmp, i, len;

	if (S_branch(rp) < 0)
		return -1;
	while (*rp->p == '|') {
		rp->p++;
		/* SPLIT start+1, next; [first]; JMP end; next: [second] */
		len = re->n - start;
		if (S_emit(rp, O_JMP, 0, 0, 0) < 0)
			return -1;
		memmove(&re->prog[start + 1], &re->prog[start],
		    len * sizeof(re->prog[0]));
		for (i = start + 1; i < start + 1 + len; i++)
			if (re->prog[i].op == O_SPLIT ||
			    re->prog[i].op == O_JMP) {
				re->prog[i].x += 1;
				re->prog[i].y += 1;
			}
		re->prog[start].op = O_SPLIT;
		re->prog[start].cls = NULL;
		re->prog[start].x = start + 1;
		if ((jmp = S_emit(rp, O_JMP, 0, 0, 0)) < 0)
			return -1;
		re->prog[start].y = re->n;
		if (S_branch(rp) < 0)
			return -1;
		re->prog[jmp].x = re->n;
		/* a further '|' nests around the whole so far */
	}
	return 0;
}

struct xp_regex *
xp_regex_compile(const char *pat, const char *flags, char *msg,
    size_t msglen)
{
	struct xp_regex	*re;
	struct rparse	 rp;
	const char	*f;
	char		*clean = NULL, *o;
	int		 fl_x = 0, inclass = 0;

	if ((re = calloc(1, sizeof(*re))) == NULL) {
		snprintf(msg, msglen, "out of memory");
		return NULL;
	}
	for (f = flags; *f; f++)
		switch (*f) {
		case 's': re->fl_s = 1; break;
		case 'm': re->fl_m = 1; break;
		case 'i': re->fl_i = 1; break;
		case 'x': fl_x = 1; break;
		case 'q':
			snprintf(msg, msglen, "TKXP the flag 'q' is XPath 3.0");
			xp_regex_free(re);
			return NULL;
		default:
			snprintf(msg, msglen, "unknown flag '%c' (FORX0001)",
			    *f);
			xp_regex_free(re);
			return NULL;
		}
	if (fl_x) {
		if ((clean = malloc(strlen(pat) + 1)) == NULL) {
			xp_regex_free(re);
			snprintf(msg, msglen, "out of memory");
			return NULL;
		}
		for (o = clean; *pat; pat++) {
			if (*pat == '\\' && pat[1] != '\0') {
				*o++ = *pat++;
				*o++ = *pat;
				continue;
			}
			if (*pat == '[')
				inclass++;
			else if (*pat == ']' && inclass > 0)
				inclass--;
			if (!inclass && (*pat == ' ' || *pat == '\t' ||
			    *pat == '\n' || *pat == '\r'))
				continue;
			*o++ = *pat;
		}
		*o = '\0';
		pat = clean;
	}
	memset(&rp, 0, sizeof(rp));
	rp.re = re;
	rp.p = rp.start = pat;
	rp.msg = msg;
	rp.msglen = msglen;
	if (S_emit(&rp, O_SAVE, 0, 0, 0) < 0 || S_alt(&rp) < 0)
		goto fail;
	if (*rp.p == ')') {
		S_fail(&rp, "an unmatched ')' at character %d%s", "");
		goto fail;
	}
	if (S_emit(&rp, O_SAVE, 1, 0, 0) < 0 ||
	    S_emit(&rp, O_MATCH, 0, 0, 0) < 0)
		goto fail;
	re->nregs = 2 * (re->ngroups + 1) + rp.nmarks;
	/* the MARK registers follow the groups' */
	{
		int i;
		for (i = 0; i < re->n; i++)
			if (re->prog[i].op == O_MARK ||
			    re->prog[i].op == O_CHKPROG)
				re->prog[i].c += 2 * (re->ngroups + 1);
	}
	re->anchored = !re->fl_m && re->n > 1 && re->prog[1].op == O_BOL;
	free(clean);
	return re;
fail:
	free(clean);
	xp_regex_free(re);
	return NULL;
}

void
xp_regex_free(struct xp_regex *re)
{
	int	 i;

	if (re == NULL)
		return;
	for (i = 0; i < re->ncls; i++)
		rng_regex_free(re->cls[i]);
	free(re->cls);
	free(re->prog);
	free(re);
}

int
xp_regex_ngroups(const struct xp_regex *re)
{
	return re->ngroups;
}

int
xp_regex_matches_empty(const struct xp_regex *re)
{
	size_t	 s, e;

	return xp_regex_search(re, "", 0, 0, &s, &e, NULL, 0) == 1;
}

struct bt {
	int	 pc;	/* -1: restore reg */
	long	 pos;	/* or the register's old value */
	int	 reg;
};

static int
S_clsmatch(const struct rinst *in, const char *s, size_t n, int c, int fl_i)
{
	char	 buf[8];
	int	 k;

	if (rng_regex_match(in->cls, s, n) == 1)
		return 1;
	if (fl_i && c < 0x100) {
		k = S_fold(c);
		if (k == c && ((c >= 'a' && c <= 'z') || (c >= 0xE0 &&
		    c <= 0xFE && c != 0xF7)))
			k = c - 32;
		if (k != c) {
			if (k < 0x80) {
				buf[0] = k;
				return rng_regex_match(in->cls, buf, 1) == 1;
			}
			buf[0] = 0xC0 | (k >> 6);
			buf[1] = 0x80 | (k & 0x3F);
			return rng_regex_match(in->cls, buf, 2) == 1;
		}
	}
	return 0;
}

/* run the program from pos; 1 matched (regs set), 0 not, -1 steps */
static int
S_run(const struct xp_regex *re, const char *s, size_t len, size_t pos0,
    long *regs, long *steps, unsigned char *seen)
{
	struct bt	*st = NULL, *v;
	size_t		 nst = 0, cap = 0;
	int		 pc = 0, c, r = 0;
	long		 pos = pos0, gs, ge;
	const char	*q;
	const struct rinst *in;

	for (;;) {
		if (++*steps > STEP_MAX) {
			r = -1;
			break;
		}
		in = &re->prog[pc];
		switch (in->op) {
		case O_CHAR:
		case O_ANY:
		case O_CLASS:
			if ((size_t)pos >= len)
				goto fail;
			q = s + pos;
			if ((c = S_u8(&q)) < 0)
				goto fail;
			if (in->op == O_CHAR ? (c != in->c && !(re->fl_i &&
			    S_fold(c) == S_fold(in->c))) :
			    in->op == O_ANY ? (!re->fl_s && (c == '\n' ||
			    c == '\r')) :
			    !S_clsmatch(in, s + pos, q - (s + pos), c,
			    re->fl_i))
				goto fail;
			pos = q - s;
			pc++;
			continue;
		case O_BOL:
			if (pos == 0 || (re->fl_m && s[pos - 1] == '\n')) {
				pc++;
				continue;
			}
			goto fail;
		case O_EOL:
			if ((size_t)pos == len || (re->fl_m && s[pos] == '\n')) {
				pc++;
				continue;
			}
			goto fail;
		case O_JMP:
			pc = in->x;
			continue;
		case O_SPLIT:
		case O_SAVE:
		case O_MARK:
			if (in->op == O_SPLIT && seen != NULL) {
				/* been here at this position: it failed, or
				 * it is an empty loop (RE2's BitState) */
				size_t b = (size_t)pc * (len + 1) + pos;
				if (seen[b / 8] & (1 << (b % 8)))
					goto fail;
				seen[b / 8] |= 1 << (b % 8);
			}
			if (nst == cap) {
				cap = cap ? cap * 2 : 64;
				if ((v = realloc(st, cap * sizeof(*v))) ==
				    NULL) {
					r = -1;
					goto out;
				}
				st = v;
			}
			if (in->op == O_SPLIT) {
				st[nst].pc = in->y;
				st[nst].pos = pos;
				nst++;
				pc = in->x;
			} else {
				st[nst].pc = -1;
				st[nst].reg = in->c;
				st[nst].pos = regs[in->c];
				nst++;
				regs[in->c] = pos;
				pc++;
			}
			continue;
		case O_CHKPROG:
			if (regs[in->c] == pos)
				goto fail;
			pc++;
			continue;
		case O_BACKREF:
			gs = regs[2 * in->c];
			ge = regs[2 * in->c + 1];
			if (gs >= 0 && ge >= gs) {
				if ((size_t)(pos + ge - gs) > len ||
				    memcmp(s + pos, s + gs, ge - gs) != 0)
					goto fail;
				pos += ge - gs;
			}
			pc++;
			continue;
		case O_MATCH:
			r = 1;
			goto out;
		}
fail:
		for (;;) {
			if (nst == 0)
				goto out;
			nst--;
			if (st[nst].pc < 0) {
				regs[st[nst].reg] = st[nst].pos;
				continue;
			}
			pc = st[nst].pc;
			pos = st[nst].pos;
			break;
		}
	}
out:
	free(st);
	return r;
}

int
xp_regex_search(const struct xp_regex *re, const char *s, size_t len,
    size_t from, size_t *mstart, size_t *mend, long *g, int ng)
{
	long		 regs[2 * (GROUPS_MAX + 1) + 512], *rg = regs, steps = 0;
	size_t		 pos, bits;
	int		 i, r;
	unsigned char	*seen = NULL;

	if (re->nregs > (int)(sizeof(regs) / sizeof(regs[0]))) {
		if ((rg = malloc(re->nregs * sizeof(*rg))) == NULL)
			return -1;
	}
	/* without back-references, a state (instruction, position) that
	 * failed once fails again: remember them, and no expression takes
	 * exponential time; beyond 64 MiB of them, the step limit only */
	bits = (size_t)re->n * (len + 1);
	if (!re->backrefs && len < ((size_t)1 << 40) / (re->n + 1) &&
	    bits / 8 < ((size_t)64 << 20))
		seen = calloc(bits / 8 + 1, 1);
	for (pos = from; pos <= len; ) {
		for (i = 0; i < re->nregs; i++)
			rg[i] = -1;
		r = S_run(re, s, len, pos, rg, &steps, seen);
		if (r != 0) {
			if (r == 1) {
				*mstart = rg[0];
				*mend = rg[1];
				for (i = 0; g != NULL && i < ng; i++) {
					g[2 * i] = i <= re->ngroups ?
					    rg[2 * i] : -1;
					g[2 * i + 1] = i <= re->ngroups ?
					    rg[2 * i + 1] : -1;
				}
			}
			if (rg != regs)
				free(rg);
			free(seen);
			return r;
		}
		if (re->anchored || pos == len)
			break;
		pos++;
		while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
			pos++;
	}
	if (rg != regs)
		free(rg);
	free(seen);
	return 0;
}
