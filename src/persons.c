/*
 * persons.c -- participants: the sender and recipient named in
 * parentheses in the title, the speakers of labelled turns ("Sato: ",
 * "L.: "), and which unlabelled paragraphs continue a turn.  Speaker
 * labels that are initials are resolved to a name the narrative gives
 * ("I met Lozovsky" for "L."), or by --speaker.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include <libxml/parserInternals.h>

#define MAX_LABEL 40

/* Labels that open paragraphs but are not speakers. */
static const char *const not_speakers[] = {
	"Sir", "Madam", "Gentlemen", "Dear Sir", "My dear Sir",
	"Excellency", "Your Excellency", "Mr. President", "Mr. Secretary",
	"Note", "Notes", "Subject", "Participants", "Present", "Source",
	"Summary", "Enclosure", "Attachment", "Copy", "Reference", "Ref",
	"Date", "From", "To", "Time", "Place", "Agenda", "Action",
	"Recommendation", "Recommendations", "Conclusion", "Conclusions",
	"Comment", "Comments", "Question", "Answer", "Translation",
	"Quote", "Unquote", "Text", "Telegram", "Top Secret", "Secret",
	"Confidential", "Restricted", "Priority", "Urgent", "Niact",
	NULL
};

static int
S_stop(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; not_speakers[i] != NULL; i++)
		if (strlen(not_speakers[i]) == len &&
		    strncmp(not_speakers[i], s, len) == 0)
			return 1;
	return 0;
}

static int
S_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int
S_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* A word character for name boundaries: ASCII letters and any byte of a
 * non-ASCII character (accented names). */
static int
S_wordc(unsigned char c)
{
	return S_alpha(c) || c >= 0x80;
}

/*
 * "Label: " at the start of a line: a capital, then letters, spaces,
 * periods, hyphens and apostrophes, at most MAX_LABEL bytes.  Returns
 * the label's length, or 0.
 */
static size_t
S_label(const char *s, size_t len)
{
	size_t	 i;

	if (len < 3 || !S_upper((unsigned char)s[0]))
		return 0;
	for (i = 1; i < len && i <= MAX_LABEL; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ':')
			break;
		if (!S_wordc(c) && strchr(" .-'", c) == NULL)
			return 0;
	}
	if (i >= len - 1 || i > MAX_LABEL || s[i] != ':' || s[i + 1] != ' ' ||
	    s[i - 1] == ' ')
		return 0;
	return i;
}

/* "L." */
static int
S_initial(const char *s, size_t len)
{
	return len == 2 && S_upper((unsigned char)s[0]) && s[1] == '.';
}

static char *
S_make_id(struct tk_enc *e, const char *name)
{
	char	 id[64], *p;
	size_t	 i, n = 0, k;

	for (i = 0; name[i] != '\0' && n < sizeof(id) - 8; i++) {
		unsigned char c = (unsigned char)name[i];

		if (S_alpha(c))
			id[n++] = (char)(c | 0x20);
		else if (c >= 0x80) {
			/* An id is an NCName: a letter beyond ASCII whole, not
			 * quotes, spaces or a BOM (found by fuzz/encode). */
			int	 len = 4, cp;

			cp = xmlGetUTF8Char((const unsigned char *)name + i, &len);
			if (cp <= 0)
				continue;
			if (xmlIsLetter(cp) && n + (size_t)len < sizeof(id) - 8) {
				memcpy(id + n, name + i, (size_t)len);
				n += (size_t)len;
			}
			i += (size_t)len - 1;
		}
		else if ((c == ' ' || c == '-') && n > 0 && id[n - 1] != '-')
			id[n++] = '-';
	}
	while (n > 0 && id[n - 1] == '-')
		n--;
	if (n == 0 || (unsigned char)id[0] >= 0x80)
		memmove(id + 1, id, n++), id[0] = 'p';
	id[n] = '\0';
	for (k = 2; ; k++) {
		for (i = 0; i < e->persons.n; i++)
			if (strcmp(TK_VEC_AT(&e->persons, struct tk_person,
			    i)->id, id) == 0)
				break;
		if (i == e->persons.n)
			break;
		snprintf(id + n, sizeof(id) - n, "-%zu", k);
	}
	p = strdup(id);
	return p;
}

static struct tk_person *
S_add(struct tk_enc *e, const char *name, size_t len, int role)
{
	struct tk_person *p;
	char		*n, *id = NULL;

	if ((n = tk_strndup(name, len)) == NULL ||
	    (id = S_make_id(e, n)) == NULL ||
	    (p = tk_vec_push(&e->persons)) == NULL) {
		free(n);
		free(id);
		return NULL;
	}
	p->role = role;
	p->name = n;
	p->id = id;
	return p;
}

/* Does "(…)" hold a name: 1-4 capitalised words, no digits? */
static int
S_is_name(const char *s, size_t len)
{
	size_t	 i, words = 1;

	if (len == 0 || len > 60 || !S_upper((unsigned char)s[0]))
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ') {
			if (++words > 4)
				return 0;
		} else if (!S_wordc(c) && strchr(".-'", c) == NULL)
			return 0;
	}
	return 1;
}

/* Sender and recipient: names in parentheses before and after " to ". */
static int
S_title_persons(struct tk_enc *e)
{
	const char	*s, *open, *close, *to;
	size_t		 len;

	if (e->title == NULL)
		return 0;
	s = e->text.buf + e->title_off;
	len = e->title_len;
	to = NULL;
	for (open = s; open < s + len; open++) {
		if (*open == '(') {
			if ((close = memchr(open, ')', len - (size_t)(open - s)))
			    == NULL)
				break;
			if (S_is_name(open + 1, (size_t)(close - open - 1))) {
				struct tk_person *p = S_add(e, open + 1,
				    (size_t)(close - open - 1),
				    to ? PERSON_TO : PERSON_FROM);

				if (p == NULL)
					return -1;
				tk_explain(e, (size_t)(open + 1 - e->text.buf),
				    "%s of the document: %s (#%s)",
				    p->role == PERSON_TO ? "recipient" :
				    "sender", p->name, p->id);
			}
			open = close;
		} else if (to == NULL && strncmp(open, " to ", 4) == 0)
			to = open;
	}
	return 0;
}

static int
S_find(const struct tk_enc *e, const char *s, size_t len)
{
	size_t		 i, nl;
	const char	*last;
	struct tk_person *p;

	for (i = 0; i < e->persons.n; i++) {
		p = TK_VEC_AT(&e->persons, struct tk_person, i);
		nl = strlen(p->name);
		if (nl == len && strncmp(p->name, s, len) == 0)
			return (int)i;
		last = strrchr(p->name, ' ');
		last = last ? last + 1 : p->name;
		if (strlen(last) == len && strncmp(last, s, len) == 0)
			return (int)i;
		if (p->label != NULL && strlen(p->label) == len &&
		    strncmp(p->label, s, len) == 0)
			return (int)i;
	}
	return -1;
}

int
tk_persons_label(const struct tk_enc *e, const char *s, size_t len)
{
	return S_find(e, s, len);
}

/* A person whose name begins with the initial's letter, if one only. */
static int
S_by_initial(const struct tk_enc *e, char letter)
{
	size_t		 i;
	int		 found = -1;
	struct tk_person *p;
	const char	*last;

	for (i = 0; i < e->persons.n; i++) {
		p = TK_VEC_AT(&e->persons, struct tk_person, i);
		last = strrchr(p->name, ' ');
		last = last ? last + 1 : p->name;
		if (last[0] != letter)
			continue;
		if (found != -1)
			return -2;
		found = (int)i;
	}
	return found;
}

/*
 * Capitalised words of three letters or more that begin with `letter`,
 * not at the start of a sentence, in the narrative paragraphs before
 * `upto`: the name an initial stands for, when exactly one is found.
 */
static int
S_narrative_name(const struct tk_enc *e, size_t upto, char letter,
    const char **name, size_t *nlen)
{
	size_t		 bi, i, n, found = 0;
	const struct tk_block *b;
	const char	*s;

	for (bi = 0; bi < upto; bi++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, bi);
		if (b->kind != BLOCK_PARA)
			continue;
		s = e->text.buf + b->off;
		for (i = 1; i < b->len; i++) {
			if (s[i] != letter || S_wordc((unsigned char)s[i - 1]) ||
			    s[i - 1] != ' ' || (i >= 2 && strchr(".!?:",
			    s[i - 2]) != NULL))
				continue;
			for (n = 1; i + n < b->len &&
			    S_wordc((unsigned char)s[i + n]); n++)
				continue;
			if (n < 3)
				continue;
			if (found && (n != *nlen || strncmp(*name, s + i, n)))
				return -1;
			*name = s + i;
			*nlen = n;
			found = 1;
		}
	}
	return found ? 0 : -1;
}

/* --speaker LABEL=NAME */
static const char *
S_mapped(const struct tk_enc *e, const char *label, size_t len)
{
	size_t		 i;
	const char	*m;

	for (i = 0; i < e->opts->speakers.n; i++) {
		m = *TK_VEC_AT(&e->opts->speakers, char *, i);
		if (strncmp(m, label, len) == 0 && m[len] == '=')
			return m + len + 1;
	}
	return NULL;
}

/* Give the label of block `bi` a person, adding one when needed. */
static int
S_resolve(struct tk_enc *e, size_t bi, struct tk_block *b)
{
	const char	*label = e->text.buf + b->off, *name = NULL, *how;
	size_t		 len = b->label_len, nlen = 0;
	int		 pi;
	struct tk_person *p;

	if ((name = S_mapped(e, label, len)) != NULL) {
		nlen = strlen(name);
		how = "by --speaker";
	} else if ((pi = S_find(e, label, len)) >= 0) {
		b->person = pi;
		return 0;
	} else if (S_initial(label, len) &&
	    (pi = S_by_initial(e, label[0])) >= 0) {
		b->person = pi;
		how = "by its initial";
	} else if (S_initial(label, len) &&
	    S_narrative_name(e, bi, label[0], &name, &nlen) == 0) {
		how = "the only name with that initial in the narrative "
		    "before the first turn";
	} else {
		unsigned line, col;

		tk_text_pos(&e->text, b->off, &line, &col);
		if (S_initial(label, len))
			tk_diag(&e->rep, line, col, TK_W_SPEAKER, "speaker "
			    "\"%.*s\" names no participant; give one with "
			    "--speaker '%.*s=NAME'", (int)len, label,
			    (int)len, label);
		name = label;
		nlen = len;
		how = "named by its label";
	}
	if (name != NULL) {
		pi = name == label ? -1 : S_find(e, name, nlen);
		if (pi < 0) {
			if ((p = S_add(e, name, nlen, 0)) == NULL)
				return -1;
			pi = (int)e->persons.n - 1;
		}
		b->person = pi;
	}
	p = TK_VEC_AT(&e->persons, struct tk_person, b->person);
	if (p->label == NULL && (len != strlen(p->name) ||
	    strncmp(label, p->name, len) != 0) &&
	    (p->label = tk_strndup(label, len)) == NULL)
		return -1;
	tk_explain(e, b->off, "speaker \"%.*s\" is %s (#%s): %s", (int)len,
	    label, p->name, p->id, how);
	return 0;
}

/* How many paragraphs open with this label? */
static size_t
S_label_count(const struct tk_enc *e, const char *label, size_t len)
{
	size_t		 i, n = 0;
	const struct tk_block *b;

	for (i = 0; i < e->blocks.n; i++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, i);
		if (b->kind == BLOCK_PARA && !b->escaped &&
		    S_label(e->text.buf + b->off, b->len) == len &&
		    strncmp(e->text.buf + b->off, label, len) == 0)
			n++;
	}
	return n;
}

/*
 * Is "Label: " a speaker's?  Surely when the label names a participant,
 * is an initial, is given by --speaker, or opens two paragraphs or more;
 * in a document that has such turns (`dialogue`), any label is.
 */
static int
S_is_turn(const struct tk_enc *e, const char *s, size_t len, int dialogue)
{
	if (dialogue)
		return 1;
	return S_find(e, s, len) >= 0 || S_initial(s, len) ||
	    S_mapped(e, s, len) != NULL || S_label_count(e, s, len) >= 2;
}

static int
S_turns(struct tk_enc *e)
{
	size_t		 i, len, turns = 0;
	int		 pass;
	struct tk_block	*b;
	const char	*s;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < e->blocks.n; i++) {
			b = TK_VEC_AT(&e->blocks, struct tk_block, i);
			if (b->kind != BLOCK_PARA || b->escaped ||
			    b->salute_len > 0)	/* "Sir: I have ..." */
				continue;
			s = e->text.buf + b->off;
			if ((len = S_label(s, b->len)) == 0 ||
			    (S_stop(s, len) && S_mapped(e, s, len) == NULL) ||
			    !S_is_turn(e, s, len, pass == 1 && turns > 0))
				continue;
			turns++;
			b->kind = BLOCK_TURN;
			b->label_len = len;
			if (S_resolve(e, i, b) == -1)
				return -1;
			tk_explain(e, b->off, "turn by %.*s (#%s)", (int)len, s,
			    TK_VEC_AT(&e->persons, struct tk_person,
			    b->person)->id);
		}
	}
	return 0;
}

/*
 * Unlabelled paragraphs between two turns continue the turn before;
 * an escaped or editorial paragraph ends it, and what follows is
 * narrative until the next turn.
 */
static void
S_continuations(struct tk_enc *e)
{
	size_t		 i, last = 0;
	struct tk_block	*b;
	int		 cur = -1;
	const char	*label = NULL;
	size_t		 llen = 0;

	for (i = 0; i < e->blocks.n; i++)
		if (TK_VEC_AT(&e->blocks, struct tk_block, i)->kind == BLOCK_TURN)
			last = i;
	for (i = 0; i < last; i++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, i);
		if (b->kind == BLOCK_TURN) {
			cur = b->person;
			label = e->text.buf + b->off;
			llen = b->label_len;
		} else if (b->kind == BLOCK_PARA && cur >= 0 && !b->escaped) {
			b->kind = BLOCK_CONT;
			b->person = cur;
			tk_explain(e, b->off, "unlabelled paragraph continues "
			    "the turn of %.*s (#%s)", (int)llen, label,
			    TK_VEC_AT(&e->persons, struct tk_person, cur)->id);
		} else if (b->kind == BLOCK_PARA || b->kind == BLOCK_EDITORIAL)
			cur = -1;	/* narrative or editorial ends the turn */
	}
}

int
tk_persons_collect(struct tk_enc *e)
{
	size_t	 i;

	e->persons.size = sizeof(struct tk_person);
	for (i = 0; i < e->opts->speakers.n; i++) {
		const char *m = *TK_VEC_AT(&e->opts->speakers, char *, i);

		if (S_label_count(e, m, (size_t)(strchr(m, '=') - m)) == 0)
			tk_diag(&e->rep, 0, 0, TK_E_SPEAKER_MAP, "--speaker "
			    "%s: no paragraph opens with that label", m);
	}
	if (e->rep.errors || S_title_persons(e) == -1 || S_turns(e) == -1)
		return -1;
	S_continuations(e);
	return 0;
}
