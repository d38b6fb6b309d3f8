/*
 * text.c -- the text of a document open in the editor, and LSP's
 * positions in it: lines, and columns in UTF-16 code units (a character
 * beyond the Basic Multilingual Plane counts two), whatever the bytes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lsp.h"

static int
S_reserve(struct lsp_text *t, size_t need)
{
	size_t	 cap;
	char	*p;

	if (need + 1 <= t->cap)
		return 0;
	cap = t->cap ? t->cap : 4096;
	while (cap < need + 1)
		cap *= 2;
	if ((p = realloc(t->buf, cap)) == NULL)
		return -1;
	t->buf = p;
	t->cap = cap;
	return 0;
}

int
lsp_text_set(struct lsp_text *t, const char *s, size_t len)
{
	if (S_reserve(t, len) == -1)
		return -1;
	memcpy(t->buf, s, len);
	t->len = len;
	t->nlines = 0;
	t->buf[len] = '\0';
	return 0;
}

int
lsp_text_splice(struct lsp_text *t, size_t from, size_t to, const char *s,
    size_t len)
{
	if (from > t->len)
		from = t->len;
	if (to > t->len)
		to = t->len;
	if (to < from)
		to = from;
	if (S_reserve(t, t->len - (to - from) + len) == -1)
		return -1;
	memmove(t->buf + from + len, t->buf + to, t->len - to);
	memcpy(t->buf + from, s, len);
	t->len = t->len - (to - from) + len;
	t->nlines = 0;
	t->buf[t->len] = '\0';
	return 0;
}

void
lsp_text_free(struct lsp_text *t)
{
	free(t->buf);
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

/* The length of the UTF-8 sequence led by c: 1 for a stray byte, which
 * is then a character of its own. */
static size_t
S_seqlen(const unsigned char *p, size_t left)
{
	size_t	 n, i;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 1;
	n = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (n > left)
		return 1;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* Where each line starts, made when first asked after a change;
 * 0, or -1 out of memory. */
static int
S_lines(struct lsp_text *t)
{
	const char	*p, *e, *nl;
	size_t		*v;

	if (t->nlines > 0)
		return 0;
	p = t->buf;
	e = t->buf + t->len;
	for (;;) {
		if (t->nlines == t->linecap) {
			if ((v = reallocarray(t->lines, t->linecap ?
			    t->linecap * 2 : 1024, sizeof(*v))) == NULL) {
				t->nlines = 0;
				return -1;
			}
			t->lines = v;
			t->linecap = t->linecap ? t->linecap * 2 : 1024;
		}
		t->lines[t->nlines++] = (size_t)(p - t->buf);
		if (p >= e || (nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			break;
		p = nl + 1;
	}
	return 0;
}

/* The offset of the start of line `line` (from 0), or the end. */
static size_t
S_line_start(const struct lsp_text *ct, unsigned long line)
{
	struct lsp_text	*t = (struct lsp_text *)ct;	/* a cache */
	const char	*p = t->buf, *e = t->buf + t->len, *nl;

	if (t->buf == NULL)
		return 0;
	if (S_lines(t) == 0)
		return line < t->nlines ? t->lines[line] : t->len;
	while (line > 0 && p < e && (nl = memchr(p, '\n', (size_t)(e -
	    p))) != NULL) {
		p = nl + 1;
		line--;
	}
	if (line > 0)
		return t->len;
	return (size_t)(p - t->buf);
}

size_t
lsp_text_offset(const struct lsp_text *t, struct lsp_pos pos)
{
	size_t			 off, n;
	unsigned long		 u = 0;
	const unsigned char	*b = (const unsigned char *)t->buf;

	if (t->len == 0)
		return 0;
	off = S_line_start(t, pos.line);
	while (off < t->len && b[off] != '\n' && u < pos.character) {
		n = S_seqlen(b + off, t->len - off);
		u += n == 4 ? 2 : 1;
		off += n;
	}
	return off;
}

struct lsp_pos
lsp_text_pos(const struct lsp_text *t, size_t off)
{
	struct lsp_text		*ct = (struct lsp_text *)t;	/* a cache */
	struct lsp_pos		 pos = { 0, 0 };
	const unsigned char	*b = (const unsigned char *)t->buf;
	size_t			 i = 0, n, lo, hi, mid;

	if (off > t->len)
		off = t->len;
	if (t->buf != NULL && S_lines(ct) == 0) {
		/* the last line starting at or before off */
		lo = 0;
		hi = t->nlines;
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			if (t->lines[mid] <= off)
				lo = mid;
			else
				hi = mid;
		}
		pos.line = lo;
		i = t->lines[lo];
	}
	while (i < off) {
		if (b[i] == '\n') {
			pos.line++;
			pos.character = 0;
			i++;
			continue;
		}
		n = S_seqlen(b + i, t->len - i);
		pos.character += n == 4 ? 2 : 1;
		i += n;
	}
	return pos;
}

size_t
lsp_text_linecol(const struct lsp_text *t, unsigned line, unsigned col)
{
	const unsigned char	*b = (const unsigned char *)t->buf;
	size_t			 off;

	if (line == 0)
		return 0;
	off = S_line_start(t, line - 1);
	while (col > 1 && off < t->len && b[off] != '\n') {
		off += S_seqlen(b + off, t->len - off);
		col--;
	}
	return off;
}
