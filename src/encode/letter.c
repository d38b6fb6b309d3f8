/*
 * letter.c -- the frame around a document's body: what opens it after
 * the title (classification and priority lines, a despatch number, a
 * dateline and when it was received, a salutation), the SUBJECT and
 * PARTICIPANTS lists of a memorandum, and what closes it (a
 * complimentary close, the signature, and editorial paragraphs after
 * the signature as a postscript).  Runs after blocks.c; a paragraph
 * that opens with "\" is never part of a frame.  Lettered paragraphs
 * ("a. ...", "b. ...") in sequence are a list; numbered ones ("1. ...")
 * are numbered sections; the paragraphs a telegram introduces
 * ("Following is text of …") are a quotation.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define MAX_SIGNATURE 60
#define MAX_TITLE 80
#define MAX_ITEM 120

/* Classification, priority and handling lines, as the web copy gives
 * them (FRUS prints them in small capitals, which copy as lower case). */
static const char *const classifications[] = {
	"top secret", "secret", "confidential", "restricted", "unclassified",
	"priority", "urgent", "niact", "immediate", "flash",
	"personal", "eyes only", "limited distribution",
	"strictly confidential", "most secret", "nodis", "exdis", "limdis",
	"official-informal", "personal and confidential", "secret urgent",
	"confidential urgent", "top secret priority", "secret priority",
	NULL
};

/* Openings of a complimentary close. */
static const char *const closes[] = {
	"Respectfully yours,", "Very respectfully yours,", "Sincerely yours,",
	"Very sincerely yours,", "Yours sincerely,", "Faithfully yours,",
	"Yours faithfully,", "Very truly yours,", "Yours very truly,",
	"Cordially yours,", "Cordially,", "Sincerely,", "Respectfully,",
	"With kind regards,", "With best regards,", "With warm regards,",
	"I have the honor to be, Sir, Your obedient servant,",
	"I have the honor to be, Sir, Your obedient servant:",
	"Your obedient servant,", "Yours ever,", "As ever,", "Ever yours,",
	NULL
};

/* Salutations: whole, or "Dear ..." and "My dear ..." with a name. */
static const char *const salutes[] = {
	"Sir", "Sirs", "Dear Sir", "Dear Sirs", "Madam", "Dear Madam",
	"Gentlemen", "Excellency", "Your Excellency", "Monsieur le Ministre",
	/* forms of address that also label turns of dialogue: alone only */
	"Mr. President", "Mr. Secretary", "Mr. Ambassador", "Mr. Minister",
	"Mr. Prime Minister", "Mr. Chairman", "Madam President", NULL
};
#define SALUTE_INLINE 10	/* salutes[] before this may open a paragraph */
static const char *const salute_openings[] = {
	"Dear ", "My dear ", "My Dear ", "Dearest ", NULL
};
#define MAX_SALUTE 60

/* A name after "Dear ": up to six words, each capitalised, an initial,
 * or a title ("Mr.", "Dr."); no digits, no sentence inside it. */
static int
S_salute_name(const char *s, size_t len)
{
	size_t	 i, words = 0;
	int	 start = 1;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ') {
			if (start)
				return 0;
			start = 1;
			continue;
		}
		if (start) {
			if (!(c >= 'A' && c <= 'Z') || ++words > 6)
				return 0;
			start = 0;
		} else if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		    c < 0x80 && strchr(".'-", c) == NULL)
			return 0;
	}
	return words > 0 && !start;
}

/*
 * The length of a salutation opening s, with its ":" (or "," when it
 * stands alone), or 0.  `alone`: s is the whole line; else text must
 * follow after a space, and only salutations that never label a turn
 * of dialogue count.
 */
size_t
tk_salute_len(const char *s, size_t len, int alone)
{
	size_t	 i, n, end;

	for (end = 0; end < len && end <= MAX_SALUTE; end++)
		if (s[end] == ':' || (alone && s[end] == ','))
			break;
	if (end == 0 || end >= len || end > MAX_SALUTE)
		return 0;
	if (alone ? end + 1 != len : end + 2 >= len || s[end + 1] != ' ')
		return 0;
	for (i = 0; salutes[i] != NULL && (alone || i < SALUTE_INLINE); i++)
		if (strlen(salutes[i]) == end && strncmp(s, salutes[i], end) == 0)
			return end + 1;
	for (i = 0; salute_openings[i] != NULL; i++) {
		n = strlen(salute_openings[i]);
		if (n < end && strncmp(s, salute_openings[i], n) == 0 &&
		    S_salute_name(s + n, end - n))
			return end + 1;
	}
	return 0;
}

/* Headings of a memorandum's lists, and the list type they give. */
static const struct {
	const char	*head;
	const char	*type;
} list_heads[] = {
	{ "SUBJECT", "subject" },
	{ "PARTICIPANTS", "participants" },
	{ "PRESENT", "participants" },
	{ "ALSO PRESENT", "participants" },
	{ "MEMBERS PRESENT", "participants" },
	{ "OTHERS PRESENT", "participants" },
	{ "The following were present:", "participants" },
	{ "REFERENCES", "references" },
	{ "TO", "to" },
};

const char *
tk_list_type(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < sizeof(list_heads) / sizeof(list_heads[0]); i++)
		if (strlen(list_heads[i].head) == len &&
		    strncmp(list_heads[i].head, s, len) == 0)
			return list_heads[i].type;
	return NULL;
}

static int
S_in(const char *const *table, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; table[i] != NULL; i++)
		if (strlen(table[i]) == len && strncmp(table[i], s, len) == 0)
			return 1;
	return 0;
}

static const char *
S_block(const struct tk_enc *e, const struct tk_block *b)
{
	return e->text.buf + b->off;
}

/* Every line of the block is a classification or priority line. */
static int
S_is_classification(const struct tk_enc *e, const struct tk_block *b)
{
	size_t		 i;
	const struct tk_line *l;

	for (i = b->first; i < b->first + b->nlines; i++) {
		l = TK_VEC_AT(&e->text.lines, struct tk_line, i);
		if (!S_in(classifications, e->text.buf + l->off, l->len))
			return 0;
	}
	return 1;
}

/* "No. 573": a despatch's own number (the document number was taken). */
static int
S_is_despatch_number(const struct tk_enc *e, const struct tk_block *b)
{
	const char	*s = S_block(e, b);
	size_t		 n;

	if (b->nlines != 1 || b->len < 5 || strncmp(s, "No. ", 4) != 0)
		return 0;
	n = strspn(s + 4, "0123456789");
	return n > 0 && 4 + n == b->len;
}

/*
 * "Moscow, July 25, 1945—11:53 p.m." (see dateline.c for the forms and
 * their parts); 1 in an opener, 2 free-standing, as FRUS prints a
 * dateline after 1950; 0 if none.  A place alone ("[Hyde Park.]") is
 * a dateline only in words that are each capitalised, at most three,
 * and not a handling line ("[Personal.]").
 */
static int
S_is_dateline(const struct tk_enc *e, const struct tk_block *b)
{
	struct tk_dateline d;
	const char	*s = S_block(e, b);
	size_t		 len = b->nlines == 1 ? b->len :
	    TK_VEC_AT(&e->text.lines, struct tk_line, b->first)->len;
	size_t		 i, words = 1;
	char		 low[48];

	if (tk_dateline_parse(s, len, &d) == -1)
		return 0;
	if (d.date_len == 0) {
		if (b->nlines != 1 || d.place_len >= sizeof(low))
			return 0;
		for (i = 0; i < d.place_len; i++) {
			low[i] = (char)((unsigned char)s[d.place_off + i] < 0x80 ?
			    s[d.place_off + i] | 0x20 : s[d.place_off + i]);
			if (s[d.place_off + i] == ' ' && (++words > 3 ||
			    !(s[d.place_off + i + 1] >= 'A' &&
			    s[d.place_off + i + 1] <= 'Z')))
				return 0;
		}
		low[i] = '\0';
		if (S_in(classifications, low, d.place_len))
			return 0;
	}
	return d.year >= 1950 ? 2 : 1;
}

/*
 * A signer's name: one short line of capitalised words, initials and
 * bracketed expansions ("C[larence] E. G[auss]"), without the full stop
 * a sentence would end with.
 */
static int
S_is_signature_line(const char *s, size_t len)
{
	size_t		 i, words = 0;
	int		 start = 1;

	if (len > MAX_SIGNATURE || len < 2)
		return 0;
	if (strchr(".:;?!,", s[len - 1]) != NULL &&
	    !(len >= 2 && s[len - 1] == '.' && s[len - 2] >= 'A' &&
	    s[len - 2] <= 'Z' && (len == 2 || s[len - 3] == ' ')))
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ') {
			start = 1;
			continue;
		}
		if (start) {
			if (!(c >= 'A' && c <= 'Z') && c != '[')
				return 0;
			if (++words > 6)
				return 0;
			start = 0;
		} else if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		    c < 0x80 && strchr(".[]'-", c) == NULL)
			return 0;
	}
	return 1;
}

/*
 * A signer's title on the lines after the name: "Secretary of State",
 * "OCB Staff Representative", "Assistant Secretary for Far Eastern
 * Affairs": a short line that begins with a capital and does not end
 * as a sentence or a clause does.
 */
static int
S_is_title_line(const char *s, size_t len)
{
	size_t	 i, words = 1;

	if (len < 2 || len > MAX_TITLE || !(s[0] >= 'A' && s[0] <= 'Z') ||
	    strchr(".:;?!,", s[len - 1]) != NULL)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] == ' ' && ++words > 12)
			return 0;
	return 1;
}

/*
 * The signature: its first line a name (S_is_signature_line), and the
 * signer's title on up to three lines after it.
 */
static int
S_is_signature(const struct tk_enc *e, const struct tk_block *b)
{
	const struct tk_line *l;
	size_t		 i;

	if (b->escaped || b->nlines > 4)
		return 0;
	l = TK_VEC_AT(&e->text.lines, struct tk_line, b->first);
	if (!S_is_signature_line(e->text.buf + l->off, l->len))
		return 0;
	for (i = 1; i < b->nlines; i++) {
		l = TK_VEC_AT(&e->text.lines, struct tk_line, b->first + i);
		if (!S_is_title_line(e->text.buf + l->off, l->len))
			return 0;
	}
	return 1;
}

static int
S_is_close(const struct tk_enc *e, const struct tk_block *b)
{
	return b->nlines == 1 && !b->escaped && S_in(closes, S_block(e, b),
	    b->len);
}

static const char *
S_list_type(const struct tk_enc *e, const struct tk_block *b)
{
	if (b->nlines != 1 || b->escaped)
		return NULL;
	return tk_list_type(S_block(e, b), b->len);
}

/* An item of such a list: a short line that is not a sentence (a
 * footnote marker may follow the full stop: "Mr. Zador came in.2"). */
static int
S_is_item(const struct tk_enc *e, const struct tk_block *b)
{
	const char	*s = S_block(e, b);
	size_t		 end = b->len, n = 0;

	while (n < end && s[end - 1 - n] >= '0' && s[end - 1 - n] <= '9')
		n++;
	if (n > 0 && n < end && strchr(".:", s[end - 1 - n]) != NULL)
		end -= n;
	return b->kind == BLOCK_PARA && !b->escaped && b->nlines == 1 &&
	    b->len <= MAX_ITEM && s[end - 1] != '.' &&
	    s[end - 1] != ':' && S_list_type(e, b) == NULL;
}

static struct tk_block *
S_at(struct tk_enc *e, size_t i)
{
	return TK_VEC_AT(&e->blocks, struct tk_block, i);
}

/* "a. " opening a paragraph: the letter, or 0. */
static int
S_letter(const struct tk_enc *e, const struct tk_block *b)
{
	const char	*s = S_block(e, b);

	if (b->kind != BLOCK_PARA || b->escaped || b->len < 4 ||
	    s[0] < 'a' || s[0] > 'z' || s[1] != '.' || s[2] != ' ')
		return 0;
	return s[0];
}

/*
 * Paragraphs lettered a., b., c. ... in sequence (page breaks may stand
 * between them) are the items of a labelled list.
 */
static void
S_lettered(struct tk_enc *e, size_t from)
{
	size_t		 i, j, last, n;
	int		 want;

	for (i = from; i < e->blocks.n; i++) {
		if (S_letter(e, S_at(e, i)) != 'a')
			continue;
		want = 'b';
		last = i;
		for (j = i + 1; j < e->blocks.n; j++) {
			if (S_at(e, j)->kind == BLOCK_PAGE)
				continue;
			if (S_letter(e, S_at(e, j)) != want)
				break;
			want++;
			last = j;
		}
		if (last == i)
			continue;	/* "a." alone is no list */
		for (j = i, n = 0; j <= last; j++) {
			if (S_at(e, j)->kind == BLOCK_PAGE)
				continue;
			S_at(e, j)->kind = BLOCK_LETTERED;
			S_at(e, j)->label_len = 2;
			n++;
		}
		tk_explain(e, S_at(e, i)->off, "lettered list of %zu items "
		    "(a. to %c.)", n, want - 1);
		i = last;
	}
}

/* "[Received …]" standing alone after the dateline. */
static int
S_is_received(const struct tk_enc *e, const struct tk_block *b)
{
	struct tk_received r;

	return b->nlines == 1 && tk_received_parse(S_block(e, b), b->len,
	    NULL, &r) == 0;
}

/*
 * The first paragraph of a letter may open with its salutation:
 * "Sir: I have the honor ...".
 */
static void
S_salute_inline(struct tk_enc *e, size_t i)
{
	struct tk_block	*b;

	while (i < e->blocks.n && S_at(e, i)->kind == BLOCK_PAGE)
		i++;
	if (i >= e->blocks.n || (b = S_at(e, i))->kind != BLOCK_PARA ||
	    b->escaped || b->nlines < 1)
		return;
	b->salute_len = tk_salute_len(S_block(e, b), b->len, 0);
	if (b->salute_len > 0)
		tk_explain(e, b->off, "salutation \"%.*s\" opens the first "
		    "paragraph", (int)b->salute_len, S_block(e, b));
}

/* "12. " opening a paragraph: the number, or 0. */
static long
S_number(const struct tk_enc *e, const struct tk_block *b)
{
	const char	*s = S_block(e, b);
	size_t		 n = strspn(s, "0123456789");
	long		 v = 0;
	size_t		 i;

	if (b->kind != BLOCK_PARA || b->escaped || n == 0 || n > 3 ||
	    n + 2 >= b->len || s[n] != '.' || s[n + 1] != ' ' || s[0] == '0')
		return 0;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/*
 * Paragraphs numbered 1., 2., 3. ... in sequence (other paragraphs and
 * page breaks may stand between them) are numbered sections: they stay
 * paragraphs, as FRUS keeps them, and carry their number.
 */
static void
S_numbered(struct tk_enc *e, size_t from)
{
	size_t		 i, j, first = 0, count = 0;
	long		 want = 1;

	for (i = from; i < e->blocks.n; i++)
		if (S_number(e, S_at(e, i)) == want) {
			if (want == 1)
				first = i;
			want++;
		}
	if (want < 3)
		return;		/* "1." alone is no sequence */
	for (j = first, want = 1; j < e->blocks.n; j++)
		if (S_number(e, S_at(e, j)) == want) {
			S_at(e, j)->number = want++;
			count++;
		}
	tk_explain(e, S_at(e, first)->off, "numbered paragraphs 1. to %ld. "
	    "(%zu paragraphs)", want - 1, count);
}

/* How a paragraph introduces the text that follows it, after the
 * telegram's own number: "293. Following is summary of broadcast …". */
static const char *const quote_openings[] = {
	"Following is ", "Following are ", "Text follows", "Begin text", NULL
};
static const char *const quote_endings[] = {
	"text follows:", "reads as follows:", "text of which follows:", NULL
};

/* What ends a quoted text: a paragraph that opens with one of these
 * is not part of it; one that ends with one of them is its last. */
static const char *const quote_stops[] = {
	"Comment", "Begin comment", "End text", "End summary", "End quote",
	"Unquote", NULL
};

static int
S_quote_stop(const struct tk_enc *e, const struct tk_block *b, int at_end)
{
	const char	*s = S_block(e, b);
	size_t		 i, l;

	for (i = 0; quote_stops[i] != NULL; i++) {
		l = strlen(quote_stops[i]);
		if (!at_end && strncmp(s, quote_stops[i], l) == 0)
			return 1;
		if (at_end && b->len > l + 2 && s[b->len - 1] == '.' &&
		    strncmp(s + b->len - 1 - l, quote_stops[i], l) == 0 &&
		    s[b->len - 2 - l] == ' ')
			return 1;
	}
	return 0;
}

static int
S_introduces(const struct tk_enc *e, const struct tk_block *b)
{
	const char	*s = S_block(e, b);
	size_t		 n = strspn(s, "0123456789"), i, l;

	if (b->kind != BLOCK_PARA || b->escaped)
		return 0;
	if (n > 0 && n + 2 < b->len && s[n] == '.' && s[n + 1] == ' ')
		s += n + 2;
	else
		n = 0;
	for (i = 0; quote_openings[i] != NULL; i++)
		if (strncmp(s, quote_openings[i], strlen(quote_openings[i])) == 0)
			return 1;
	for (i = 0; quote_endings[i] != NULL; i++) {
		l = strlen(quote_endings[i]);
		if (b->len > l && strncasecmp(S_block(e, b) + b->len - l,
		    quote_endings[i], l) == 0)
			return 1;
	}
	return 0;
}

/*
 * A paragraph that introduces a text ("Following is text of note",
 * "The note reads as follows:") is followed by that text: its
 * paragraphs, up to the closer, whatever is not a plain paragraph, a
 * comment ("Comment: …"), or a paragraph that ends "End text.", are a
 * quotation, as FRUS sets them (<quote rend="blockquote">).
 */
static void
S_quote(struct tk_enc *e, size_t from)
{
	size_t	 i, j, last, n;

	for (i = from; i + 1 < e->blocks.n; i++) {
		if (!S_introduces(e, S_at(e, i)))
			continue;
		for (j = i + 1, last = i; j < e->blocks.n; j++) {
			if (S_at(e, j)->kind == BLOCK_PAGE)
				continue;
			if (S_at(e, j)->kind != BLOCK_PARA ||
			    S_at(e, j)->escaped || S_quote_stop(e, S_at(e, j), 0))
				break;
			last = j;
			if (S_quote_stop(e, S_at(e, j), 1))
				break;
		}
		if (last == i)
			continue;
		for (j = i + 1, n = 0; j <= last; j++)
			if (S_at(e, j)->kind == BLOCK_PARA) {
				S_at(e, j)->kind = BLOCK_QUOTE;
				n++;
			}
		tk_explain(e, S_at(e, i + 1)->off, "quoted text of %zu "
		    "paragraph%s, introduced by the paragraph before", n,
		    n == 1 ? "" : "s");
		i = last;
	}
}

/* The opener: right after the title, in any order; a salutation ends
 * it.  A dateline after 1950 that opens the frame stands free. */
static size_t
S_opener(struct tk_enc *e, size_t i)
{
	struct tk_block	*b;
	size_t		 start = i;
	int		 dated = 0, free;

	for (; i < e->blocks.n; i++) {
		b = S_at(e, i);
		if (dated && b->kind == BLOCK_EDITORIAL && !b->escaped &&
		    S_is_received(e, b)) {	/* wholly bracketed */
			b->kind = BLOCK_RECEIVED;
			tk_explain(e, b->off, "when it was received (opener)");
			continue;
		}
		if (!dated && b->kind == BLOCK_EDITORIAL && !b->escaped &&
		    !b->omission && (free = S_is_dateline(e, b)) > 0) {
			b->kind = BLOCK_DATELINE;	/* "[Washington.]" */
			dated = 1;
			tk_explain(e, b->off, "dateline, the place alone "
			    "(opener)");
			continue;
		}
		if (b->kind != BLOCK_PARA || b->escaped)
			break;
		if (b->nlines == 1 && tk_salute_len(S_block(e, b), b->len, 1)) {
			b->kind = BLOCK_SALUTE;
			tk_explain(e, b->off, "salutation (opener)");
			return i + 1;
		}
		if (S_is_classification(e, b)) {
			b->kind = BLOCK_CLASS;
			tk_explain(e, b->off, "classification and handling "
			    "(opener)");
		} else if (S_is_despatch_number(e, b)) {
			b->kind = BLOCK_DESPATCH;
			tk_explain(e, b->off, "the despatch's own number "
			    "(opener)");
		} else if ((free = S_is_dateline(e, b)) > 0) {
			b->kind = BLOCK_DATELINE;
			/* first of the frame: nothing of an opener before */
			b->free = free == 2 && i == start;
			dated = 1;
			tk_explain(e, b->off, "dateline (%s)", b->free ?
			    "free-standing, as FRUS prints it after 1950" :
			    "opener");
		} else
			break;
	}
	return i;
}

/* SUBJECT, PARTICIPANTS: a heading, then its short items. */
static void
S_lists(struct tk_enc *e, size_t from)
{
	size_t		 i, j;
	struct tk_block	*b;
	const char	*type;

	for (i = from; i < e->blocks.n; i++) {
		b = S_at(e, i);
		if (b->kind != BLOCK_PARA || (type = S_list_type(e, b)) == NULL)
			continue;
		for (j = i + 1; j < e->blocks.n && S_is_item(e, S_at(e, j)); j++)
			S_at(e, j)->kind = BLOCK_LIST_ITEM;
		if (j == i + 1)
			continue;	/* a heading with no items is text */
		b->kind = BLOCK_LIST_HEAD;
		tk_explain(e, b->off, "list of type \"%s\" with %zu item%s",
		    type, j - i - 1, j - i - 1 == 1 ? "" : "s");
		i = j - 1;
	}
}

/*
 * The closer: the last paragraph of the body is a signature, perhaps
 * after a complimentary close; editorial paragraphs (wholly bracketed)
 * after the signature are a postscript.
 */
static void
S_closer(struct tk_enc *e, size_t from)
{
	size_t		 end = e->blocks.n, sig, i;
	struct tk_block	*b;

	while (end > from && S_at(e, end - 1)->kind == BLOCK_NOTES)
		end--;
	sig = end;
	while (sig > from && S_at(e, sig - 1)->kind == BLOCK_EDITORIAL &&
	    S_block(e, S_at(e, sig - 1))[0] == '[')
		sig--;
	if (sig == from || S_at(e, sig - 1)->kind != BLOCK_PARA ||
	    !S_is_signature(e, S_at(e, sig - 1)))
		return;
	/* A closer ends a body: some text must come before it. */
	for (i = from; i + 1 < sig; i++)
		if (S_at(e, i)->kind != BLOCK_CLASS &&
		    S_at(e, i)->kind != BLOCK_DESPATCH &&
		    S_at(e, i)->kind != BLOCK_DATELINE &&
		    S_at(e, i)->kind != BLOCK_RECEIVED &&
		    S_at(e, i)->kind != BLOCK_SALUTE &&
		    !(i + 2 == sig && S_is_close(e, S_at(e, i))))
			break;
	if (i + 1 >= sig)
		return;
	b = S_at(e, sig - 1);
	b->kind = BLOCK_SIGNED;
	if (b->nlines > 1)
		tk_explain(e, b->off, "signature with the signer's title on "
		    "%zu line%s (closer)", b->nlines - 1, b->nlines > 2 ? "s" :
		    "");
	else
		tk_explain(e, b->off, "signature (closer)");
	if (sig >= from + 2 && S_at(e, sig - 2)->kind == BLOCK_PARA &&
	    S_is_close(e, S_at(e, sig - 2))) {
		S_at(e, sig - 2)->kind = BLOCK_CLOSE;
		tk_explain(e, S_at(e, sig - 2)->off, "complimentary close "
		    "(closer)");
	}
	for (i = sig; i < end; i++) {
		S_at(e, i)->kind = BLOCK_POSTSCRIPT;
		tk_explain(e, S_at(e, i)->off, "editorial paragraph after the "
		    "signature (postscript)");
	}
}

void
tk_letter_classify(struct tk_enc *e)
{
	size_t	 body = 0;

	if (e->title != NULL)
		body = (size_t)(e->title - (const struct tk_block *)
		    e->blocks.items) + 1;
	if (e->title != NULL)
		S_salute_inline(e, S_opener(e, body));
	S_lists(e, body);
	S_lettered(e, body);
	S_closer(e, body);
	S_numbered(e, body);
	S_quote(e, body);
}
