/*
 * inline.c -- the inline lexer: cut a block's text into tokens (text,
 * line ends, escapes, "[Page N]" markers, digit runs that may be
 * footnote markers, the editors' marks in brackets and spaced-dot
 * ellipses).  Which digit runs are markers is decided later, by
 * the resolver in notes.c, which sees the whole document.
 */
#include "config.h"

#include <string.h>

#include "internal.h"

/* A note number has up to five digits (notes.c reads up to 99999): a
 * document's notes may run past 9999 ("…point,10000"). */
#define MAX_MARKER_DIGITS 5

struct lexer {
	struct tk_enc	*e;
	const char	*buf;
	size_t		 start, end;	/* the span */
	size_t		 text;		/* start of pending text */
	int		 markers;	/* look for marker candidates */
	size_t		 stop;		/* the first ']' or line end at or
					 * after an unclosed "[Page", or 0 */
};

static int
S_push(struct lexer *lx, enum tk_tok_type type, size_t off, size_t len,
    struct tk_token **out)
{
	struct tk_token	*t;

	if ((t = tk_vec_push(&lx->e->toks)) == NULL)
		return -1;
	t->type = type;
	t->off = off;
	t->len = len;
	if (out != NULL)
		*out = t;
	return 0;
}

static int
S_flush(struct lexer *lx, size_t upto)
{
	int	 rc = 0;

	if (upto > lx->text)
		rc = S_push(lx, TOK_TEXT, lx->text, upto - lx->text, NULL);
	lx->text = upto;
	return rc;
}

static int
S_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Decode the code point that ends just before offset i. */
static unsigned
S_prev_cp(const char *buf, size_t start, size_t i)
{
	size_t		 j = i;
	unsigned	 cp;
	size_t		 n, k;

	if (j == start)
		return 0;
	do
		j--;
	while (j > start && ((unsigned char)buf[j] & 0xC0) == 0x80);
	n = tk_utf8_len((unsigned char)buf[j]);
	if (n <= 1)
		return (unsigned char)buf[j];
	cp = (unsigned char)buf[j] & (0x7F >> n);
	for (k = 1; k < n; k++)
		cp = (cp << 6) | ((unsigned char)buf[j + k] & 0x3F);
	return cp;
}

/* What the digits at i are glued to. */
static enum tk_glue
S_glue(const struct lexer *lx, size_t i)
{
	unsigned cp = S_prev_cp(lx->buf, lx->start, i);

	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return GLUE_LETTER;
	if (cp != 0 && strchr(".,;:!?)]\"'", (int)cp) != NULL) {
		if (i >= lx->start + 2 && S_is_digit(lx->buf[i - 2]))
			return GLUE_NUMPUNCT;
		return GLUE_PUNCT;
	}
	if (cp == 0x2019 || cp == 0x201D || cp == 0xBB)	/* ’ ” » */
		return GLUE_PUNCT;
	if (cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x206F) && cp != 0xD7 &&
	    cp != 0xF7)
		return GLUE_LETTER;
	return GLUE_NONE;
}

/*
 * A digit run at i (not preceded by a digit).  Pushes a DIGITS token
 * when the run, or its tail after a year, could be a footnote marker;
 * returns the end of what was consumed.
 */
static size_t
S_digits(struct lexer *lx, size_t i, int *err)
{
	size_t		 n = 0, end = lx->end, vlen;
	enum tk_glue	 glue = S_glue(lx, i);
	struct tk_token	*t;

	while (i + n < end && S_is_digit(lx->buf[i + n]))
		n++;
	if (!lx->markers)
		return i + n;
	vlen = n;
	if (glue == GLUE_NONE) {
		/* "19561": a year of 1000-2099, then a marker. */
		if (n < 5 || n > 4 + MAX_MARKER_DIGITS ||
		    !(lx->buf[i] == '1' || (lx->buf[i] == '2' &&
		    lx->buf[i + 1] == '0')))
			return i + n;
		glue = GLUE_YEAR;
		vlen = n - 4;
	} else if (n > MAX_MARKER_DIGITS)
		return i + n;
	/* A lettered insert: "16a" followed by a non-letter. */
	if (i + n < end && lx->buf[i + n] >= 'a' && lx->buf[i + n] <= 'z' &&
	    (i + n + 1 == end || !((lx->buf[i + n + 1] | 0x20) >= 'a' &&
	    (lx->buf[i + n + 1] | 0x20) <= 'z'))) {
		n++;
		vlen++;
	}
	if (S_flush(lx, i) == -1 || S_push(lx, TOK_DIGITS, i, n, &t) == -1) {
		*err = 1;
		return end;
	}
	t->glue = glue;
	t->voff = i + n - vlen;
	t->vlen = vlen;
	lx->text = i + n;
	return i + n;
}

/* "[Page N]" at i; returns the end, or i when it is not one. */
static size_t
S_page(struct lexer *lx, size_t i, int *err)
{
	const char	*s = lx->buf + i;
	size_t		 rest = lx->end - i, n, eol;
	struct tk_token	*t;
	unsigned	 line, col;

	if (rest < 5 || strncmp(s, "[Page", 5) != 0)
		return i;
	n = rest > 6 && s[5] == ' ' ? tk_page_number(s + 6, rest - 6) : 0;
	if (n == 0 || 6 + n >= rest || s[6 + n] != ']') {
		/* the one ']' or line end after many "[Page" is found once */
		if (lx->stop <= i) {
			for (eol = i; eol < lx->end && lx->buf[eol] != '\n' &&
			    lx->buf[eol] != ']'; eol++)
				continue;
			lx->stop = eol;
		}
		if (lx->stop < lx->end && lx->buf[lx->stop] == ']')
			return i;	/* "[Page 5-6]": just text */
		tk_text_pos(&lx->e->text, i, &line, &col);
		tk_diag(&lx->e->rep, line, col, TK_E_PAGE_OPEN,
		    "\"[Page\" is not closed by \"]\" on its line");
		return i + 5;
	}
	if (S_flush(lx, i) == -1 || S_push(lx, TOK_PAGE, i, 7 + n, &t) == -1) {
		*err = 1;
		return lx->end;
	}
	t->voff = i + 6;
	t->vlen = n;
	lx->text = i + 7 + n;
	return i + 7 + n;
}

/* Editorial words in brackets that stand for text not given, and the
 * reason of the gap: the whole words, or how they open (1: "Here
 * follows …") or end (2: "[1 paragraph (5 lines) not declassified]"). */
static const struct {
	const char	*words;
	const char	*reason;
	int		 part;
} gaps[] = {
	{ "Omission", "omitted", 0 }, { "omission", "omitted", 0 },
	{ "Omissions", "omitted", 0 }, { "omitted", "omitted", 0 },
	{ "Garble", "illegible", 0 }, { "garble", "illegible", 0 },
	{ "Garbled", "illegible", 0 }, { "garbled", "illegible", 0 },
	{ "Garbled group", "illegible", 0 }, { "garbled group", "illegible", 0 },
	{ " not declassified", "withheld", 2 },	/* "[name not …]" */
	{ "Here follows ", "omitted", 1 }, { "Here follow ", "omitted", 1 },
};

/*
 * The words inside brackets may hold no marker: a digit run must stand
 * after a space or "(" and be shorter than a year with a marker.
 */
static int
S_plain_words(const char *s, size_t len)
{
	size_t	 i, n;

	for (i = 0; i < len; i += n ? n : 1) {
		n = strspn(s + i, "0123456789");
		if (n == 0)
			continue;
		if (n > 4 || (i > 0 && s[i - 1] != ' ' && s[i - 1] != '('))
			return 0;
	}
	return 1;
}

/* "[set up?]": one to four words, then "?". */
static int
S_is_query(const char *s, size_t len)
{
	size_t	 i, words = 1;

	if (len < 2 || s[len - 1] != '?' || s[0] == ' ' || s[len - 2] == ' ')
		return 0;
	for (i = 0; i + 1 < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' && s[i + 1] != ' ')
			words++;
		else if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		    c < 0x80 && c != '-' && c != '\'')
			return 0;
	}
	return words <= 4;
}

/*
 * An editorial bracket at i, on one line: a gap ("[Omission]",
 * "[Here follows …]"), a query ("[set up?]"), or a correction of the
 * number before it ("No. 100 [116]").  Returns the end, or i.
 */
static size_t
S_bracket(struct lexer *lx, size_t i, int *err)
{
	const char	*s = lx->buf + i + 1, *w;
	size_t		 len, k, j, n, from = i;
	struct tk_token	*t;
	enum tk_tok_type type;
	const char	*reason = NULL;

	for (len = 0; i + 1 + len < lx->end && strchr("[]\\\n",
	    s[len]) == NULL; len++)
		continue;
	if (i + 1 + len >= lx->end || s[len] != ']' || len == 0)
		return i;
	for (k = 0; k < sizeof(gaps) / sizeof(gaps[0]); k++) {
		w = gaps[k].words;
		n = strlen(w);
		if (gaps[k].part == 0 ? n == len && strncmp(s, w, len) == 0 :
		    n < len && strncmp(gaps[k].part == 1 ? s : s + len - n, w,
		    n) == 0)
			break;
	}
	if (k < sizeof(gaps) / sizeof(gaps[0]) && S_plain_words(s, len)) {
		type = TOK_GAP;
		reason = gaps[k].reason;
	} else if (S_is_query(s, len))
		type = TOK_QUERY;
	else {
		/* a correction: digits, a space, then other digits */
		n = strspn(s, "0123456789");
		if (n != len || n > 6 || i < lx->text + 2 || lx->buf[i - 1] !=
		    ' ')
			return i;
		for (j = i - 1; j > lx->text && S_is_digit(lx->buf[j - 1]); j--)
			continue;
		if (j == i - 1 || j < lx->text || (j > lx->start &&
		    (S_is_digit(lx->buf[j - 1]) || ((lx->buf[j - 1] | 0x20) >= 'a'
		    && (lx->buf[j - 1] | 0x20) <= 'z'))) ||
		    (i - 1 - j == n && strncmp(lx->buf + j, s, n) == 0))
			return i;
		type = TOK_CORR;
		from = j;
	}
	if (S_flush(lx, from) == -1 ||
	    S_push(lx, type, from, i + len + 2 - from, &t) == -1) {
		*err = 1;
		return lx->end;
	}
	t->voff = i + 1;
	t->vlen = type == TOK_QUERY ? len - 1 : len;
	t->reason = reason;
	lx->text = i + len + 2;
	return i + len + 2;
}

/* The number of dots of a spaced ellipsis ". . ." at i, or 0; *end is
 * where the run of spaced dots ends, ellipsis or not. */
static size_t
S_dots(const struct lexer *lx, size_t i, size_t *end)
{
	size_t	 n = 1;

	while (i + 2 < lx->end && lx->buf[i + 1] == ' ' &&
	    lx->buf[i + 2] == '.') {
		n++;
		i += 2;
	}
	*end = i + 1;
	return n >= 3 && !(i + 1 < lx->end && lx->buf[i + 1] == '.') ? n : 0;
}

/*
 * ". . ." (three spaced dots or more): an omission marked in the text.
 * A dot glued to the word before is that word's (the end of a
 * sentence); the ellipsis may follow it after a space.  A run of
 * spaced dots that is no ellipsis is passed over whole, so that a long
 * one is read once.
 */
static size_t
S_ellipsis(struct lexer *lx, size_t i, int *err)
{
	size_t		 at = i, n, end;
	unsigned	 cp = S_prev_cp(lx->buf, lx->start, i);

	if (cp == '.')
		return i;
	if (cp != 0 && cp != ' ' && cp != '\n' && cp != '(' && cp != '[' &&
	    cp != 0x201C && cp != '"')
		at = i + 2;
	if (at + 4 >= lx->end || lx->buf[at] != '.' || (at != i &&
	    lx->buf[i + 1] != ' '))
		return i;
	if ((n = S_dots(lx, at, &end)) == 0)
		return end;
	if (S_flush(lx, at) == -1 ||
	    S_push(lx, TOK_ELLIPSIS, at, 2 * n - 1, NULL) == -1) {
		*err = 1;
		return lx->end;
	}
	lx->text = at + 2 * n - 1;
	return lx->text;
}

/*
 * "\" before ASCII punctuation, a digit or a letter: the backslash is
 * kept as an escape token and what follows is literal text (a whole
 * digit run, or one character).
 */
static size_t
S_escape(struct lexer *lx, size_t i, int *err)
{
	size_t		 n = 1;
	unsigned char	 c;
	struct tk_token	*t;

	if (i + 1 >= lx->end)
		return i + 1;
	c = (unsigned char)lx->buf[i + 1];
	if (c <= ' ' || c >= 0x7F)
		return i + 1;
	if (S_is_digit(c))
		while (i + 1 + n < lx->end && S_is_digit(lx->buf[i + 1 + n]))
			n++;
	if (S_flush(lx, i) == -1 || S_push(lx, TOK_ESC, i, 1, NULL) == -1 ||
	    S_push(lx, TOK_TEXT, i + 1, n, &t) == -1) {
		*err = 1;
		return lx->end;
	}
	t->literal = 1;
	lx->text = i + 1 + n;
	return i + 1 + n;
}

/* The bytes that may begin a token other than text. */
static const unsigned char S_special[256] = {
	['\\'] = 1, ['\n'] = 1, ['['] = 1, ['.'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
};

int
tk_inline_span(struct tk_enc *e, size_t off, size_t len, int markers,
    size_t *first, size_t *count)
{
	struct lexer	 lx;
	size_t		 i, next;
	int		 err = 0;

	lx.e = e;
	lx.buf = e->text.buf;
	lx.start = lx.text = off;
	lx.end = off + len;
	lx.markers = markers;
	lx.stop = 0;
	*first = e->toks.n;
	for (i = off; i < lx.end && !err; i = next) {
		next = i + 1;
		if (!S_special[(unsigned char)lx.buf[i]])
			continue;
		switch (lx.buf[i]) {
		case '\\':
			next = S_escape(&lx, i, &err);
			break;
		case '\n':
			if (S_flush(&lx, i) == -1 ||
			    S_push(&lx, TOK_LB, i, 1, NULL) == -1)
				err = 1;
			lx.text = i + 1;
			break;
		case '[':
			if ((next = S_page(&lx, i, &err)) == i &&
			    (next = S_bracket(&lx, i, &err)) == i)
				next = i + 1;
			break;
		case '.':
			if ((next = S_ellipsis(&lx, i, &err)) == i)
				next = i + 1;
			break;
		default:
			if (S_is_digit(lx.buf[i]) &&
			    (i == off || !S_is_digit(lx.buf[i - 1])))
				next = S_digits(&lx, i, &err);
			break;
		}
	}
	if (!err && S_flush(&lx, lx.end) == -1)
		err = 1;
	*count = e->toks.n - *first;
	if (err)
		tk_diag(&e->rep, 0, 0, TK_S_NOMEM, "out of memory");
	return err ? -1 : 0;
}

/* The part of a block that holds inline text. */
static void
S_content(const struct tk_enc *e, const struct tk_block *b, size_t *off,
    size_t *len)
{
	*off = b->off;
	*len = b->len;
	if (b->kind == BLOCK_TITLE) {	/* after the "No. N" line */
		*off = e->title_off;
		*len = e->title_len;
	} else if (b->kind == BLOCK_TURN) {	/* after "Label: " */
		*off += b->label_len + 2;
		*len -= b->label_len + 2;
	} else if (b->kind == BLOCK_LETTERED) {	/* after "a. " */
		*off += b->label_len + 1;
		*len -= b->label_len + 1;
	}
}

/*
 * Page numbers ascend through the body (roman front matter may give way
 * to arabic, not back; "12a" may follow "12"): a page marker that does
 * not is an error at the marker, before the TEI is written, rather than
 * a finding of the encoder's own check of what it wrote.
 */
static void
S_page_order(struct tk_enc *e)
{
	const struct tk_block *b;
	const struct tk_token *t;
	const char	*num;
	size_t		 i, k, digits;
	long		 v, prev = 0;
	int		 roman, prev_roman = -1, suffix, prev_suffix = 0;
	char		 prev_n[32] = "";
	unsigned	 line, col;

	for (i = 0; i < e->blocks.n; i++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, i);
		if (b->kind == BLOCK_SOURCE || b->kind == BLOCK_NOTES)
			continue;
		for (k = b->tok_first; k < b->tok_first + b->tok_n; k++) {
			t = TK_VEC_AT(&e->toks, struct tk_token, k);
			if (t->type != TOK_PAGE)
				continue;
			num = e->text.buf + t->voff;
			digits = strspn(num, "0123456789");
			if (digits > 0 && digits <= t->vlen) {
				roman = 0;
				v = digits > 9 ? 999999999 :
				    strtol(num, NULL, 10);
				suffix = digits < t->vlen ?
				    (unsigned char)num[digits] : 0;
			} else if ((v = tk_roman_value(num, t->vlen)) >= 0) {
				roman = 1;
				suffix = 0;
			} else
				continue;
			if (prev_roman != -1 && ((roman && !prev_roman) ||
			    (roman == prev_roman && (v < prev || (v == prev &&
			    suffix <= prev_suffix))))) {
				tk_text_pos(&e->text, t->off, &line, &col);
				tk_diag(&e->rep, line, col, TK_E_PAGE_ORDER,
				    "page %.*s follows page %s; page numbers "
				    "ascend (\\[Page %.*s] keeps it as text)",
				    (int)t->vlen, num, prev_n, (int)t->vlen,
				    num);
			}
			prev = v;
			prev_roman = roman;
			prev_suffix = suffix;
			snprintf(prev_n, sizeof(prev_n), "%.*s",
			    (int)(t->vlen < 31 ? t->vlen : 31), num);
		}
	}
}

int
tk_inline_scan(struct tk_enc *e)
{
	size_t		 i, off, len;
	struct tk_block	*b;

	e->toks.size = sizeof(struct tk_token);
	for (i = 0; i < e->blocks.n; i++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, i);
		if (b->kind == BLOCK_SOURCE || b->kind == BLOCK_NOTES)
			continue;
		S_content(e, b, &off, &len);
		if (tk_inline_span(e, off, len, 1, &b->tok_first,
		    &b->tok_n) == -1)
			return -1;
	}
	S_page_order(e);
	return e->rep.errors ? -1 : 0;
}
