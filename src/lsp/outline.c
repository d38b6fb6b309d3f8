/*
 * outline.c -- the elements of a document open in the editor, where
 * they stand in its text, their xml:ids and what the outline calls
 * them: read by a lenient scan of the markup, not by the XML parser,
 * because a document being typed is seldom well-formed and its outline
 * and pointers should still work (validation, which wants it
 * well-formed, is the parser's: server.c).  Comments, processing
 * instructions, CDATA and the DOCTYPE are skipped; an end tag closes
 * the innermost open element of its name.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

#define LABEL_MAX	80	/* characters of text in a label */

static int
S_namechar(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' ||
	    c >= 0x80;
}

/* The offset after the first occurrence of s at or after i, or len. */
static size_t
S_skip_past(const char *buf, size_t len, size_t i, const char *s)
{
	size_t	 n = strlen(s);

	for (; i + n <= len; i++)
		if (memcmp(buf + i, s, n) == 0)
			return i + n;
	return len;
}

/* The offset after the element's name of the start tag at start. */
static size_t
S_after_name(const char *buf, size_t start, size_t end)
{
	size_t	 i = start + 1;

	while (i < end && S_namechar((unsigned char)buf[i]))
		i++;
	return i;
}

/* The next attribute of a start tag ending at end, from *ip: its name
 * [*ns, *ne) and value [*vs, *ve), *ip past its closing quote; 0 when
 * there is none.  Lenient: what does not read as name="value" is
 * skipped. */
static int
S_next_attr(const char *buf, size_t *ip, size_t end, size_t *ns,
    size_t *ne, size_t *vs, size_t *ve)
{
	size_t	 i = *ip;
	char	 q;

	for (;;) {
		while (i < end && !S_namechar((unsigned char)buf[i]))
			i++;
		if (i >= end)
			return 0;
		*ns = i;
		while (i < end && S_namechar((unsigned char)buf[i]))
			i++;
		*ne = i;
		while (i < end && isspace((unsigned char)buf[i]))
			i++;
		if (i >= end || buf[i] != '=')
			continue;
		i++;
		while (i < end && isspace((unsigned char)buf[i]))
			i++;
		if (i >= end || (buf[i] != '"' && buf[i] != '\''))
			continue;
		q = buf[i++];
		*vs = i;
		while (i < end && buf[i] != q)
			i++;
		*ve = i;
		*ip = i + 1;
		return 1;
	}
}

/* The value of attribute `want` in the start tag [start, end), malloc'd
 * as written; NULL when absent. */
static char *
S_attr(const char *buf, size_t start, size_t end, const char *want)
{
	size_t	 i = S_after_name(buf, start, end), ns, ne, vs, ve;
	size_t	 wn = strlen(want);
	char	*v;

	while (S_next_attr(buf, &i, end, &ns, &ne, &vs, &ve))
		if (ne - ns == wn && memcmp(buf + ns, want, wn) == 0) {
			if ((v = malloc(ve - vs + 1)) == NULL)
				return NULL;
			memcpy(v, buf + vs, ve - vs);
			v[ve - vs] = '\0';
			return v;
		}
	return NULL;
}

char *
lsp_pointer_at(const char *buf, size_t start, size_t end, size_t off,
    char *attr, size_t sz, size_t *from, size_t *to)
{
	size_t	 i = S_after_name(buf, start, end), ns, ne, vs, ve, a, b;
	char	*id;

	while (S_next_attr(buf, &i, end, &ns, &ne, &vs, &ve)) {
		if (off < vs || off > ve)
			continue;
		/* the white-space separated token holding off */
		for (a = off; a > vs && !isspace((unsigned char)buf[a - 1]);
		    a--)
			continue;
		for (b = off; b < ve && !isspace((unsigned char)buf[b]); b++)
			continue;
		if (b - a < 2 || buf[a] != '#')
			return NULL;
		if ((id = malloc(b - a)) == NULL)
			return NULL;
		memcpy(id, buf + a + 1, b - a - 1);
		id[b - a - 1] = '\0';
		if (sz > 0) {
			snprintf(attr, sz, "%.*s", (int)(ne - ns), buf + ns);
		}
		*from = a;
		*to = b;
		return id;
	}
	return NULL;
}

/* The text of [from, to) without its markup, white space collapsed,
 * at most LABEL_MAX characters, malloc'd. */
char *
lsp_outline_text(const char *buf, size_t from, size_t to)
{
	/* bytes: LABEL_MAX characters of up to 4 bytes, and a NUL */
	const size_t	 max = LABEL_MAX * 4;
	char		*s, *p;
	size_t		 i, n = 0;
	int		 space = 1, intag = 0;

	if ((s = malloc(max + 1)) == NULL)
		return NULL;
	p = s;
	/* every byte written counts against max, every character (a
	 * space too) against LABEL_MAX, whatever the bytes are */
	for (i = from; i < to && n < LABEL_MAX; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (intag) {
			if (c == '>')
				intag = 0;
			continue;
		}
		if (c == '<') {
			intag = 1;
			continue;
		}
		if (isspace(c)) {
			if (!space && (size_t)(p - s) < max) {
				*p++ = ' ';
				n++;
			}
			space = 1;
			continue;
		}
		if ((size_t)(p - s) >= max)
			break;
		*p++ = (char)c;
		space = 0;
		if ((c & 0xc0) != 0x80)
			n++;
	}
	/* not in the middle of a character */
	while (i < to && ((unsigned char)buf[i] & 0xc0) == 0x80 &&
	    (size_t)(p - s) < max)
		*p++ = buf[i++];
	while (p > s && p[-1] == ' ')
		p--;
	*p = '\0';
	return s;
}

static long
S_push(struct lsp_outline *o, const char *buf, size_t ns, size_t ne,
    size_t start, long parent)
{
	struct lsp_elem	*v, *e;
	const char	*colon;

	if (o->n == o->cap) {
		if ((v = reallocarray(o->v, o->cap ? o->cap * 2 : 256,
		    sizeof(*v))) == NULL)
			return -1;
		o->v = v;
		o->cap = o->cap ? o->cap * 2 : 256;
	}
	e = &o->v[o->n];
	memset(e, 0, sizeof(*e));
	/* the local name */
	if ((colon = memchr(buf + ns, ':', ne - ns)) != NULL)
		ns = (size_t)(colon - buf) + 1;
	if ((e->name = malloc(ne - ns + 1)) == NULL)
		return -1;
	memcpy(e->name, buf + ns, ne - ns);
	e->name[ne - ns] = '\0';
	e->start = start;
	e->parent = parent;
	return (long)o->n++;
}

/* What the outline calls a div (its head), an sp (its speaker, else
 * its who) and a note (its n and its text). */
static int
S_labels(struct lsp_outline *o, const char *buf)
{
	size_t		 i;
	long		 p;
	struct lsp_elem	*e;
	char		*t, *n, *s;

	for (i = 0; i < o->n; i++) {
		e = &o->v[i];
		if (strcmp(e->name, "head") != 0 && strcmp(e->name,
		    "speaker") != 0 && strcmp(e->name, "note") != 0)
			continue;
		if (strcmp(e->name, "note") == 0) {
			if (e->label != NULL)
				continue;
			t = lsp_outline_text(buf, e->tag_end, e->cend);
			n = S_attr(buf, e->start, e->tag_end, "n");
			if (t == NULL)
				return -1;
			if ((s = malloc(strlen(t) + (n ? strlen(n) : 0) +
			    8)) == NULL) {
				free(t);
				free(n);
				return -1;
			}
			sprintf(s, "%s%s%s", n ? n : "", n ? ". " : "", t);
			free(t);
			free(n);
			e->label = s;
			continue;
		}
		p = e->parent;
		if (p < 0 || o->v[p].label != NULL ||
		    (strcmp(e->name, "head") == 0 &&
		    strncmp(o->v[p].name, "div", 3) != 0) ||
		    (strcmp(e->name, "speaker") == 0 &&
		    strcmp(o->v[p].name, "sp") != 0))
			continue;
		if ((o->v[p].label = lsp_outline_text(buf, e->tag_end, e->cend)) ==
		    NULL)
			return -1;
	}
	return 0;
}

int
lsp_outline_build(struct lsp_outline *o, const char *buf, size_t len)
{
	size_t		 i = 0, ns, ne, start;
	long		 cur = -1, k, j;
	char		 q;

	memset(o, 0, sizeof(*o));
	while (i < len) {
		const char *lt = memchr(buf + i, '<', len - i);

		if (lt == NULL)
			break;
		start = i = (size_t)(lt - buf);
		if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
			i = S_skip_past(buf, len, i + 4, "-->");
			continue;
		}
		if (len - i >= 9 && memcmp(buf + i, "<![CDATA[", 9) == 0) {
			i = S_skip_past(buf, len, i + 9, "]]>");
			continue;
		}
		if (len - i >= 2 && buf[i + 1] == '?') {
			i = S_skip_past(buf, len, i + 2, "?>");
			continue;
		}
		if (len - i >= 2 && buf[i + 1] == '!') {
			/* a DOCTYPE, its internal subset whole */
			for (i += 2; i < len && buf[i] != '>' &&
			    buf[i] != '['; i++)
				continue;
			if (i < len && buf[i] == '[')
				i = S_skip_past(buf, len, i, "]");
			i = S_skip_past(buf, len, i, ">");
			continue;
		}
		if (len - i >= 2 && buf[i + 1] == '/') {
			ns = i + 2;
			for (ne = ns; ne < len &&
			    S_namechar((unsigned char)buf[ne]); ne++)
				continue;
			i = S_skip_past(buf, len, ne, ">");
			/* close the innermost open element of that name,
			 * and those it holds */
			for (k = cur; k >= 0; k = o->v[k].parent) {
				const char *nm = o->v[k].name, *c;
				size_t	    m = ne - ns;

				if ((c = memchr(buf + ns, ':', m)) != NULL) {
					m -= (size_t)(c + 1 - (buf + ns));
					c = c + 1;
				} else
					c = buf + ns;
				if (strlen(nm) == m && memcmp(nm, c, m) == 0)
					break;
			}
			if (k < 0)
				continue;
			for (j = cur; j != o->v[k].parent; j = o->v[j].parent) {
				o->v[j].end = i;
				o->v[j].cend = start;
			}
			cur = o->v[k].parent;
			continue;
		}
		ns = i + 1;
		for (ne = ns; ne < len && S_namechar((unsigned char)buf[ne]);
		    ne++)
			continue;
		if (ne == ns) {
			i++;
			continue;
		}
		/* the start tag's end: a '>' outside quotes */
		for (i = ne, q = 0; i < len; i++) {
			if (q) {
				if (buf[i] == q)
					q = 0;
			} else if (buf[i] == '"' || buf[i] == '\'')
				q = buf[i];
			else if (buf[i] == '>' || buf[i] == '<')
				break;
		}
		if ((k = S_push(o, buf, ns, ne, start, cur)) == -1)
			goto fail;
		if (i < len && buf[i] == '>')
			i++;
		o->v[k].tag_end = i;
		o->v[k].end = i;
		o->v[k].cend = i;
		o->v[k].id = S_attr(buf, start, i, "xml:id");
		if (i >= 2 && buf[i - 1] == '>' && buf[i - 2] == '/')
			continue;		/* empty */
		cur = k;
	}
	/* what is left open runs to the end */
	for (k = cur; k >= 0; k = o->v[k].parent) {
		o->v[k].end = len;
		o->v[k].cend = len;
	}
	if (S_labels(o, buf) == -1)
		goto fail;
	return 0;
fail:
	lsp_outline_free(o);
	return -1;
}

void
lsp_outline_free(struct lsp_outline *o)
{
	size_t	 i;

	for (i = 0; i < o->n; i++) {
		free(o->v[i].name);
		free(o->v[i].id);
		free(o->v[i].label);
	}
	free(o->v);
	memset(o, 0, sizeof(*o));
}

long
lsp_outline_find_id(const struct lsp_outline *o, const char *id)
{
	size_t	 i;

	for (i = 0; i < o->n; i++)
		if (o->v[i].id != NULL && strcmp(o->v[i].id, id) == 0)
			return (long)i;
	return -1;
}

long
lsp_outline_tag_at(const struct lsp_outline *o, size_t off)
{
	size_t	 i;

	for (i = 0; i < o->n; i++)
		if (off > o->v[i].start && off < o->v[i].tag_end)
			return (long)i;
	return -1;
}
