/*
 * notes.c -- footnotes: read the notes section ("---", then "N. text"
 * lines) and resolve which digit runs in the body are footnote markers.
 * Markers are read by sequence: after note N only N+1 or the lettered
 * insert Na is taken (after Na: Nb or N+1), so that "No. 1441.1" is
 * "No. 1441." and note 1 while "No. 1441" alone stays a number.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#include "internal.h"

int
tk_notenum_parse(const char *s, size_t len, struct tk_notenum *nn)
{
	size_t	 i;

	nn->num = 0;
	nn->letter = 0;
	for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		if ((nn->num = nn->num * 10 + (s[i] - '0')) > 99999)
			return -1;
	if (i == 0 || (i > 1 && s[0] == '0'))
		return -1;
	if (i < len && s[i] >= 'a' && s[i] <= 'z')
		nn->letter = s[i++];
	return i == len ? 0 : -1;
}

/* May `b` follow `a`? */
int
tk_notenum_follows(const struct tk_notenum *a, const struct tk_notenum *b)
{
	if (b->num == a->num + 1 && b->letter == 0)
		return 1;
	return b->num == a->num &&
	    b->letter == (a->letter ? a->letter + 1 : 'a');
}

static int
S_cmp(const struct tk_notenum *a, const struct tk_notenum *b)
{
	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	return a->letter - b->letter;
}

/* "N. text" */
static size_t
S_listed_num(const char *s, size_t len)
{
	size_t	 n = strspn(s, "0123456789");

	if (n == 0 || n > 5)
		return 0;
	if (n < len && s[n] >= 'a' && s[n] <= 'z')
		n++;
	if (n + 2 > len || s[n] != '.' || s[n + 1] != ' ')
		return 0;
	return n;
}

/* Was note `n` listed before?  A hash, not a scan of the list: a
 * section of 100,000 notes must not take 5 billion comparisons. */
static int
S_listed_dup(xmlHashTablePtr seen, const char *n)
{
	if (xmlHashLookup(seen, BAD_CAST n) != NULL)
		return 1;
	(void)xmlHashAddEntry(seen, BAD_CAST n, (void *)seen);
	return 0;
}

int
tk_notes_section(struct tk_enc *e)
{
	const struct tk_block *b;
	const struct tk_line *l;
	struct tk_listed *cur = NULL;
	size_t		 i, bi, n;
	const char	*s;
	xmlHashTablePtr	 seen;
	int		 rc = 0;

	e->listed.size = sizeof(struct tk_listed);
	if ((b = e->notes_block) == NULL)
		return 0;
	if ((seen = xmlHashCreate(0)) == NULL) {
		tk_diag(&e->rep, 0, 0, TK_S_NOMEM, "out of memory");
		return -1;
	}
	for (bi = (size_t)(b - (const struct tk_block *)e->blocks.items) + 1;
	    bi < e->blocks.n; bi++) {
		l = TK_VEC_AT(&e->text.lines, struct tk_line,
		    TK_VEC_AT(&e->blocks, struct tk_block, bi)->first);
		tk_diag(&e->rep, l->lineno - 1, 1, TK_E_NOTE_LINE,
		    "empty line inside the notes section");
	}
	for (i = b->first + 1; i < b->first + b->nlines; i++) {
		l = TK_VEC_AT(&e->text.lines, struct tk_line, i);
		s = e->text.buf + l->off;
		if ((n = S_listed_num(s, l->len)) == 0) {
			if (cur == NULL)
				tk_diag(&e->rep, l->lineno, 1, TK_E_NOTE_LINE,
				    "notes-section line does not begin with "
				    "a note number (\"1. \")");
			else	/* continues the note above */
				cur->len = l->off + l->len - cur->off;
			continue;
		}
		if ((cur = tk_vec_push(&e->listed)) == NULL) {
			tk_diag(&e->rep, 0, 0, TK_S_NOMEM, "out of memory");
			rc = -1;
			break;
		}
		memcpy(cur->n, s, n);
		if (S_listed_dup(seen, cur->n)) {
			tk_diag(&e->rep, l->lineno, 1, TK_E_NOTE_DUP,
			    "note %s is given twice", cur->n);
			e->listed.n--;
			cur = NULL;
			continue;
		}
		cur->off = l->off + n + 2;
		cur->len = l->len - n - 2;
		cur->lineno = l->lineno;
	}
	xmlHashFree(seen, NULL);
	if (rc == -1)
		return -1;
	if (e->listed.n == 0 && e->rep.errors == 0)
		tk_diag(&e->rep, TK_VEC_AT(&e->text.lines, struct tk_line,
		    b->first)->lineno, 1, TK_E_NOTES_EMPTY,
		    "\"---\" begins a notes section, but no note follows");
	for (i = 0; i < e->listed.n; i++) {
		cur = TK_VEC_AT(&e->listed, struct tk_listed, i);
		if (tk_inline_span(e, cur->off, cur->len, 0, &cur->tok_first,
		    &cur->tok_n) == -1)
			return -1;
	}
	return e->rep.errors ? -1 : 0;
}

/* May the sequence start at this candidate? */
static int
S_may_start(const struct tk_enc *e, const struct tk_token *t,
    const struct tk_notenum *nn, const struct tk_notenum *first_listed)
{
	struct tk_notenum	 want;

	if (e->opts->first_note != NULL) {
		if (tk_notenum_parse(e->opts->first_note,
		    strlen(e->opts->first_note), &want) == -1)
			return 0;
		return S_cmp(nn, &want) == 0;
	}
	if (first_listed != NULL && S_cmp(nn, first_listed) > 0)
		return 0;
	if (nn->num == 1 && nn->letter == 0)
		return 1;
	/* five digits only where the notes section begins with them */
	return (t->glue == GLUE_LETTER || t->glue == GLUE_PUNCT) &&
	    (t->vlen <= 4 || (first_listed != NULL &&
	    S_cmp(nn, first_listed) == 0));
}

/* Up to 24 bytes of the text before `off`, whole characters only. */
static void
S_before(const struct tk_enc *e, size_t off, char *buf, size_t sz)
{
	size_t	 start = off > 24 ? off - 24 : 0, n;

	while (start < off && ((unsigned char)e->text.buf[start] & 0xC0) == 0x80)
		start++;
	for (n = start; n < off; n++)
		if (e->text.buf[n] == '\n')
			start = n + 1;
	n = off - start < sz - 1 ? off - start : sz - 1;
	memcpy(buf, e->text.buf + start, n);
	buf[n] = '\0';
}

static int
S_accept(struct tk_enc *e, size_t ti)
{
	struct tk_token	*t = TK_VEC_AT(&e->toks, struct tk_token, ti);
	struct tk_note	*note;
	char		 before[32];

	if ((note = tk_vec_push(&e->notes)) == NULL)
		return -1;
	memcpy(note->n, e->text.buf + t->voff, t->vlen);
	note->tok = ti;
	t->note = (int)e->notes.n;
	S_before(e, t->voff, before, sizeof(before));
	tk_explain(e, t->voff, "footnote %s after '%s'%s", note->n, before,
	    t->glue == GLUE_NUMPUNCT ? " (the digits could continue the "
	    "number before; read as a marker by the footnote sequence)" :
	    t->glue == GLUE_YEAR ? " (a year, then the marker)" : "");
	return 0;
}

static int
S_attach(struct tk_enc *e)
{
	size_t		 i, j, last = 0;
	struct tk_listed *l;
	struct tk_note	*note;
	xmlHashTablePtr	 index;

	/* Each marker's number to its place (+1; the first wins), not a
	 * scan per listed note: 100,000 notes, 10 billion comparisons. */
	if ((index = xmlHashCreate(0)) == NULL) {
		tk_diag(&e->rep, 0, 0, TK_S_NOMEM, "out of memory");
		return -1;
	}
	for (j = 0; j < e->notes.n; j++)
		(void)xmlHashAddEntry(index, BAD_CAST TK_VEC_AT(&e->notes,
		    struct tk_note, j)->n, (void *)(uintptr_t)(j + 1));
	for (i = 0; i < e->listed.n; i++) {
		l = TK_VEC_AT(&e->listed, struct tk_listed, i);
		j = (size_t)(uintptr_t)xmlHashLookup(index, BAD_CAST l->n);
		j = j > 0 ? j - 1 : e->notes.n;
		note = j < e->notes.n ? TK_VEC_AT(&e->notes, struct tk_note, j) :
		    NULL;
		if (j == e->notes.n) {
			tk_diag(&e->rep, l->lineno, 1, TK_E_NOTE_ORPHAN,
			    "note %s has no marker in the body (the markers "
			    "found are read in sequence; see --explain)", l->n);
			continue;
		}
		if (j + 1 < last) {
			tk_diag(&e->rep, l->lineno, 1, TK_E_NOTE_ORDER,
			    "note %s is listed after a note whose marker "
			    "comes later in the body", l->n);
			continue;
		}
		last = j + 1;
		note->listed = (int)i + 1;
	}
	xmlHashFree(index, NULL);
	return e->rep.errors ? -1 : 0;
}

/*
 * "19561" read as the year 1956 and note 1 is settled by the sequence
 * when the notes section gives note 1 or the next marker is read after
 * it (note 2 could not be read without note 1 before it); else it is
 * reported, since it could be one number.
 */
static void
S_year_markers(struct tk_enc *e)
{
	size_t		 j;
	struct tk_note	*note;
	const struct tk_token *t;
	unsigned	 line, col;

	for (j = 0; j < e->notes.n; j++) {
		note = TK_VEC_AT(&e->notes, struct tk_note, j);
		t = TK_VEC_AT(&e->toks, struct tk_token, note->tok);
		if (t->glue != GLUE_YEAR)
			continue;
		if (note->listed > 0 || j + 1 < e->notes.n) {
			tk_explain(e, t->voff, "the year %.4s and footnote %s: "
			    "settled by %s", e->text.buf + t->off, note->n,
			    note->listed > 0 ? "the notes section" :
			    "the marker after it in sequence");
			continue;
		}
		tk_text_pos(&e->text, t->voff, &line, &col);
		tk_diag(&e->rep, line, col, TK_W_YEAR_MARKER, "\"%.*s\" read "
		    "as the year %.4s and footnote %s; write \"\\%.*s\" if it "
		    "is one number", (int)t->len, e->text.buf + t->off,
		    e->text.buf + t->off, note->n, (int)t->len,
		    e->text.buf + t->off);
	}
}

int
tk_notes_resolve(struct tk_enc *e)
{
	int		 rc;

	size_t		 i;
	struct tk_token	*t;
	struct tk_notenum	 nn, prev, first;
	int		 started = 0;

	e->notes.size = sizeof(struct tk_note);
	if (e->listed.n > 0) {
		struct tk_listed *l = TK_VEC_AT(&e->listed, struct tk_listed, 0);

		tk_notenum_parse(l->n, strlen(l->n), &first);
	}
	for (i = 0; i < e->toks.n; i++) {
		t = TK_VEC_AT(&e->toks, struct tk_token, i);
		if (t->type != TOK_DIGITS ||
		    tk_notenum_parse(e->text.buf + t->voff, t->vlen, &nn) == -1)
			continue;
		if (started ? !tk_notenum_follows(&prev, &nn) :
		    !S_may_start(e, t, &nn, e->listed.n ? &first : NULL))
			continue;
		if (S_accept(e, i) == -1) {
			tk_diag(&e->rep, 0, 0, TK_S_NOMEM, "out of memory");
			return -1;
		}
		prev = nn;
		started = 1;
	}
	rc = S_attach(e);
	S_year_markers(e);
	return rc;
}
