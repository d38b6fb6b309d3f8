/*
 * input.c -- the first stage of the encoder: check the raw bytes (UTF-8,
 * NUL, characters XML forbids, line ends), remove and declare a BOM and
 * CR LF line ends, and split the text into lines.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_BYTE_ERRORS 10

/*
 * Where tk_text_pos last counted to.  Diagnostics and decisions are
 * asked for in the order of the text, stage by stage: the next one on
 * the same line is counted on from there, not from the line's start
 * (a line of 1 MB with 20,000 warnings took 20 billion steps).  Per
 * thread: a text is read, used and freed in one call of the encoder.
 */
static _Thread_local struct {
	const char	*buf;	/* the text counted in, or NULL */
	size_t		 line;	/* index into its lines */
	size_t		 at;	/* the offset counted to */
	unsigned	 col;	/* the column at `at` */
} S_last;

size_t
tk_utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

/*
 * Decode one UTF-8 sequence at p (n bytes available).  Returns its length
 * and stores the code point, or returns 0 for an invalid sequence:
 * a bad lead byte, a truncated sequence, an overlong form, a surrogate,
 * or a value above U+10FFFF.
 */
static size_t
S_utf8_decode(const unsigned char *p, size_t n, unsigned *cp)
{
	size_t	 len = tk_utf8_len(p[0]), i;
	unsigned v;

	if (len == 0 || len > n)
		return 0;
	if (len == 1) {
		*cp = p[0];
		return 1;
	}
	v = p[0] & (0x7F >> len);
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	*cp = v;
	return len;
}

/* Characters XML 1.0 cannot carry (tab, LF and CR aside). */
static int
S_xml_forbidden(unsigned cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    cp == 0xFFFE || cp == 0xFFFF;
}

static int
S_all_space(const char *buf, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (!tk_is_space(buf[i]) && buf[i] != '\n' && buf[i] != '\r')
			return 0;
	return 1;
}

/* Report a bad byte at (line, col); returns nonzero to stop reporting. */
static int
S_byte_error(struct tk_report *rep, unsigned line, unsigned col,
    const unsigned char *p, unsigned cp, int *count)
{
	if (++*count > MAX_BYTE_ERRORS)
		return 1;
	if (p[0] == '\0')
		tk_diag(rep, line, col, TK_E_NUL, "NUL byte in the input");
	else if (cp == (unsigned)-1)
		tk_diag(rep, line, col, TK_E_UTF8,
		    "invalid UTF-8 byte 0x%02X", p[0]);
	else
		tk_diag(rep, line, col, TK_E_CONTROL,
		    "character U+%04X cannot be written in XML 1.0", cp);
	return 0;
}

/* How many bytes at p (of n) are printable ASCII, eight at a time:
 * most of a transcription is, and only the rest needs decoding. */
static size_t
S_ascii_run(const unsigned char *p, size_t n)
{
	const uint64_t	 ones = 0x0101010101010101u, high = ones * 0x80;
	uint64_t	 w;
	size_t		 i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		/* a byte >= 0x80, < 0x20, or 0x7F stops the run */
		if (((w | (w - ones * 0x20) | ((w ^ ones * 0x7F) - ones)) &
		    high) != 0)
			break;
	}
	while (i < n && p[i] >= 0x20 && p[i] < 0x7F)
		i++;
	return i;
}

/* The column, in characters, of offset i on the line starting at bol. */
static unsigned
S_col(const unsigned char *p, size_t bol, size_t i)
{
	unsigned col = 1;

	for (; bol < i; bol++)
		col += (p[bol] & 0xC0) != 0x80;
	return col;
}

/*
 * Walk the bytes once: validate, count the line-end styles, and find
 * the first line whose end differs from the first line's.
 */
static int
S_check(const unsigned char *p, size_t len, struct tk_report *rep,
    int *crlf)
{
	size_t	 i = 0, n, bol = 0;
	unsigned line = 1, cp, first_style = 0, mixed_line = 0;
	int	 count = 0;

	while (i < len) {
		i += S_ascii_run(p + i, len - i);
		if (i == len)
			break;
		if (p[i] == '\n' || (p[i] == '\r' && i + 1 < len &&
		    p[i + 1] == '\n')) {
			unsigned style = p[i] == '\r' ? 2 : 1;

			if (first_style == 0)
				first_style = style;
			else if (style != first_style && mixed_line == 0)
				mixed_line = line;
			i += style;
			line++;
			bol = i;
			continue;
		}
		if ((n = S_utf8_decode(p + i, len - i, &cp)) == 0)
			cp = (unsigned)-1;
		if (n == 0 || S_xml_forbidden(cp)) {
			if (S_byte_error(rep, line, S_col(p, bol, i), p + i, cp,
			    &count))
				break;
			n = n ? n : 1;
		}
		i += n;
	}
	if (mixed_line)
		tk_diag(rep, mixed_line, 0, TK_E_EOL_MIXED,
		    "this line ends with %s but the first line with %s",
		    first_style == 2 ? "LF" : "CR LF",
		    first_style == 2 ? "CR LF" : "LF");
	*crlf = first_style == 2;
	return rep->errors ? -1 : 0;
}

static int
S_lines(struct tk_text *t)
{
	size_t		 off = 0;
	unsigned	 lineno = 1;
	struct tk_line	*l;
	const char	*nl;

	t->lines.size = sizeof(struct tk_line);
	while (off < t->len || (off == t->len && !t->final_eol)) {
		nl = memchr(t->buf + off, '\n', t->len - off);
		if ((l = tk_vec_push(&t->lines)) == NULL)
			return -1;
		l->off = off;
		l->len = (nl ? (size_t)(nl - t->buf) : t->len) - off;
		l->lineno = lineno++;
		off += l->len + 1;
	}
	return 0;
}

int
tk_text_read(struct tk_text *t, const char *in, size_t len,
    struct tk_report *rep)
{
	size_t	 i, o = 0;

	memset(t, 0, sizeof(*t));
	S_last.buf = NULL;
	if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
		t->bom = 1;
		in += 3;
		len -= 3;
	}
	if (S_all_space(in, len)) {
		tk_diag(rep, 1, 1, TK_E_EMPTY, "the input is %s",
		    len ? "only white space" : "empty");
		return -1;
	}
	if (S_check((const unsigned char *)in, len, rep, &t->crlf) == -1)
		return -1;
	if (t->bom)
		tk_diag(rep, 1, 1, TK_N_BOM, "byte-order mark removed; "
		    "declared in the header and restored by the text view");
	if (t->crlf)
		tk_diag(rep, 1, 0, TK_N_CRLF, "CR LF line ends read as LF; "
		    "declared in the header and restored by the text view");
	if ((t->buf = malloc(len + 1)) == NULL) {
		tk_diag(rep, 0, 0, TK_S_NOMEM, "out of memory");
		return -1;
	}
	if (!t->crlf) {
		memcpy(t->buf, in, len);
		o = len;
	} else
		for (i = 0; i < len; i++)
			if (!(in[i] == '\r' && i + 1 < len && in[i + 1] == '\n'))
				t->buf[o++] = in[i];
	t->buf[o] = '\0';
	t->len = o;
	t->final_eol = o > 0 && t->buf[o - 1] == '\n';
	if (S_lines(t) == -1) {
		tk_diag(rep, 0, 0, TK_S_NOMEM, "out of memory");
		return -1;
	}
	return 0;
}

void
tk_text_free(struct tk_text *t)
{
	S_last.buf = NULL;
	free(t->buf);
	tk_vec_free(&t->lines);
	memset(t, 0, sizeof(*t));
}

void
tk_text_pos(const struct tk_text *t, size_t off, unsigned *line,
    unsigned *col)
{
	size_t		 lo = 0, hi = t->lines.n, i;
	const struct tk_line *l;
	unsigned	 c = 1;

	while (hi - lo > 1) {
		size_t	 mid = (lo + hi) / 2;

		if (TK_VEC_AT(&t->lines, struct tk_line, mid)->off <= off)
			lo = mid;
		else
			hi = mid;
	}
	l = TK_VEC_AT(&t->lines, struct tk_line, lo);
	i = l->off;
	if (S_last.buf != NULL && S_last.buf == t->buf && S_last.line == lo &&
	    S_last.at >= i && S_last.at <= off) {
		i = S_last.at;
		c = S_last.col;
	}
	for (; i < off && i < t->len; i++)
		if (((unsigned char)t->buf[i] & 0xC0) != 0x80)
			c++;
	S_last.buf = t->buf;
	S_last.line = lo;
	S_last.at = i;
	S_last.col = c;
	*line = l->lineno;
	*col = c;
}
