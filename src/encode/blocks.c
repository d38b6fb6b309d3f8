/*
 * blocks.c -- the line classifier: split the text into blocks (runs of
 * non-empty lines) and give each block its kind by a table of rules,
 * tried in order.  Turns and their continuations are settled later, in
 * persons.c, once the participants are known.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *
S_line(const struct tk_enc *e, size_t i, size_t *len)
{
	const struct tk_line *l = TK_VEC_AT(&e->text.lines, struct tk_line, i);

	*len = l->len;
	return e->text.buf + l->off;
}

int
tk_blocks_split(struct tk_enc *e)
{
	size_t		 i, n = e->text.lines.n;
	unsigned	 blank = 0;
	struct tk_block	*b = NULL;
	const struct tk_line *l;

	e->blocks.size = sizeof(struct tk_block);
	for (i = 0; i < n; i++) {
		l = TK_VEC_AT(&e->text.lines, struct tk_line, i);
		if (l->len == 0) {
			blank++;
			b = NULL;
			continue;
		}
		if (b != NULL) {
			b->nlines++;
			b->len = l->off + l->len - b->off;
		} else {
			if ((b = tk_vec_push(&e->blocks)) == NULL)
				return -1;
			b->off = l->off;
			b->len = l->len;
			b->first = i;
			b->nlines = 1;
			b->blank_before = blank;
			b->escaped = e->text.buf[l->off] == '\\';
			b->person = -1;
			blank = 0;
		}
		if (strspn(e->text.buf + l->off, " \t") == l->len)
			tk_diag(&e->rep, l->lineno, 1, TK_W_WS_LINE,
			    "line holds only white space, so it does not end "
			    "the paragraph; make it empty to start a new one");
	}
	e->blank_after = blank;
	return 0;
}

/* Length of a page number "1264", "12a" or "xiv" at s, or 0. */
size_t
tk_page_number(const char *s, size_t len)
{
	size_t	 n;

	if ((n = strspn(s, "0123456789")) > 0) {
		if (n < len && s[n] >= 'a' && s[n] <= 'z')
			n++;
	} else if ((n = strspn(s, "ivxlcdm")) == 0)
		n = strspn(s, "IVXLCDM");
	return n > len ? len : n;
}

/* "No. 1235" */
static size_t
S_docnum(const char *s, size_t len, const char **num)
{
	size_t	 n;

	if (len < 4 || strncmp(s, "No. ", 4) != 0)
		return 0;
	n = strspn(s + 4, "0123456789");
	if (n == 0)
		return 0;
	if (4 + n < len && s[4 + n] >= 'A' && s[4 + n] <= 'z' &&
	    (s[4 + n] <= 'Z' || s[4 + n] >= 'a'))
		n++;
	if (4 + n != len)
		return 0;
	*num = s + 4;
	return n;
}

static int
S_is_notes(const struct tk_enc *e, const struct tk_block *b)
{
	size_t		 len;
	const char	*s = S_line(e, b->first, &len);

	return len == 3 && memcmp(s, "---", 3) == 0;
}

static int
S_is_page(const struct tk_enc *e, const struct tk_block *b)
{
	size_t		 len, n;
	const char	*s = S_line(e, b->first, &len);

	if (b->nlines != 1 || len < 8 || strncmp(s, "[Page ", 6) != 0)
		return 0;
	n = tk_page_number(s + 6, len - 6);
	return n > 0 && 6 + n + 1 == len && s[len - 1] == ']';
}

/* Wholly bracketed, wholly parenthesised (a marker may follow), or an
 * omission: speech never looks like this. */
static int
S_is_editorial(const struct tk_enc *e, const struct tk_block *b)
{
	const char	*s = e->text.buf + b->off;
	size_t		 len = b->len;

	while (len > 0 && s[len - 1] >= '0' && s[len - 1] <= '9')
		len--;
	if (len >= 2 && ((s[0] == '[' && s[len - 1] == ']') ||
	    (s[0] == '(' && s[len - 1] == ')')))
		return memchr(s + 1, s[0], len - 2) == NULL;
	return strspn(s, ". \t") == b->len && memchr(s, '.', len) != NULL;
}

/*
 * A row of spaced dots between paragraphs, ". . . . . . .": the
 * editors' omission of a passage (FRUS's <gap/>).  One line, at least
 * three dots, each alone between spaces.
 */
static int
S_is_omission(const struct tk_block *b, const char *s)
{
	size_t	 i, dots = 0;

	if (b->nlines != 1)
		return 0;
	for (i = 0; i < b->len; i++) {
		if (s[i] == '.') {
			if (i > 0 && s[i - 1] == '.')
				return 0;
			dots++;
		} else if (s[i] != ' ')
			return 0;
	}
	return dots >= 3 && s[0] == '.' && s[b->len - 1] == '.';
}

static const struct {
	enum tk_block_kind kind;
	int		(*match)(const struct tk_enc *, const struct tk_block *);
	const char	*explain;
} rules[] = {
	{ BLOCK_NOTES, S_is_notes, "notes section begins" },
	{ BLOCK_PAGE, S_is_page, NULL },	/* told by tree.c */
	{ BLOCK_EDITORIAL, S_is_editorial,
	    "editorial paragraph (bracketed, parenthesised or omission)" },
};

/*
 * "126. Memorandum of a Conversation, …": a first paragraph of one line
 * that is a title carrying its own number (no source line, no "No. N").
 */
static int
S_numbered_title(struct tk_enc *e)
{
	struct tk_block	*b = TK_VEC_AT(&e->blocks, struct tk_block, 0);
	const char	*s = e->text.buf + b->off;
	size_t		 n = strspn(s, "0123456789");

	if (b->nlines != 1 || b->escaped || n == 0 || n > 6 ||
	    n + 3 > b->len || s[n] != '.' || s[n + 1] != ' ' ||
	    !(s[n + 2] >= 'A' && s[n + 2] <= 'Z') || e->blocks.n < 2)
		return 0;
	b->kind = BLOCK_TITLE;
	e->title = b;
	memcpy(e->docnum, s, n);
	e->docnum[n] = '\0';
	e->title_off = b->off;
	e->title_len = b->len;
	return 1;
}

/*
 * The front matter: an optional source line, then "No. N" and the
 * title; or a title that carries its number.  Returns the index of the
 * first body block.
 */
static size_t
S_front(struct tk_enc *e)
{
	struct tk_block	*b;
	size_t		 i, len, n;
	const char	*s, *num;

	for (i = 0; i < 2 && i < e->blocks.n; i++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, i);
		s = S_line(e, b->first, &len);
		if (b->nlines < 2 || (n = S_docnum(s, len, &num)) == 0)
			continue;
		if (n >= sizeof(e->docnum) || b->escaped)
			break;
		if (i == 1) {
			struct tk_block *src = b - 1;

			if (src->nlines != 1 || src->escaped)
				break;
			src->kind = BLOCK_SOURCE;
			e->source = src;
			tk_explain(e, src->off, "source note");
		}
		b->kind = BLOCK_TITLE;
		e->title = b;
		memcpy(e->docnum, num, n);
		e->docnum[n] = '\0';
		tk_explain(e, b->off, "document number %s", e->docnum);
		s = S_line(e, b->first + 1, &len);
		e->title_off = (size_t)(s - e->text.buf);
		e->title_len = b->off + b->len - e->title_off;
		tk_explain(e, e->title_off, "head (title)");
		return i + 1;
	}
	if (e->blocks.n > 0 && S_numbered_title(e)) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, 0);
		tk_explain(e, b->off, "document number %s and head (a title "
		    "that carries its number)", e->docnum);
		return 1;
	}
	tk_explain(e, 0, "no \"No. N\" line with a title in the first two "
	    "paragraphs, nor a numbered title: no head, no document number");
	return 0;
}

void
tk_blocks_classify(struct tk_enc *e)
{
	size_t		 i, r;
	struct tk_block	*b;

	for (i = S_front(e); i < e->blocks.n; i++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, i);
		b->kind = BLOCK_PARA;
		if (e->notes_block != NULL) {
			b->kind = BLOCK_NOTES;
			continue;
		}
		if (b->escaped) {
			tk_explain(e, b->off, "escaped: plain paragraph");
			continue;
		}
		for (r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
			if (!rules[r].match(e, b))
				continue;
			b->kind = rules[r].kind;
			if (b->kind == BLOCK_EDITORIAL &&
			    S_is_omission(b, e->text.buf + b->off)) {
				b->omission = 1;
				tk_explain(e, b->off, "omission: a row of "
				    "spaced dots (gap)");
			} else if (rules[r].explain != NULL)
				tk_explain(e, b->off, "%s", rules[r].explain);
			break;
		}
		if (b->kind == BLOCK_NOTES)
			e->notes_block = b;
	}
}
