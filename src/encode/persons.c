/*
 * persons.c -- participants: the sender and recipient named in
 * parentheses in the title, the speakers of labelled turns ("Sato: ",
 * "L.: "), and which unlabelled paragraphs continue a turn.  Speaker
 * labels that are initials are resolved to a name the narrative gives
 * ("I met Lozovsky" for "L."), or by --speaker.  Names, labels, ids and
 * the narrative's names are looked up in tables built as the stage
 * goes, never by a scan of all persons or paragraphs per paragraph: a
 * transcript of 20,000 turns, each by a speaker of its own, must not
 * take 400 million comparisons.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include <libxml/parserInternals.h>

#define MAX_LABEL 40
#define MAX_ID 56	/* bytes of an id before its "-2" */

/* A table from byte strings (not copied: they outlive it) to numbers. */
struct map_slot {
	const char	*key;
	size_t		 len;
	size_t		 val;
};
struct map {
	struct map_slot	*slots;
	size_t		 cap, n;	/* cap: 0 or a power of two */
};

/*
 * What the stage looks things up in: names (a name, a last word, a
 * label: the first person + 1 that has it); ids (an id before its
 * "-N": how many persons have it); labels (a label: how many
 * paragraphs open with it); how many persons have a last word that
 * begins with a byte, and the first; what the narrative before
 * paragraph `upto` names with each capital (S_narrative_name).
 */
struct index {
	struct map	 names;
	struct map	 ids;
	struct map	 labels;
	size_t		 initial_n[256];
	int		 initial_first[256];
	size_t		 upto;
	struct {
		const char	*name;
		size_t		 len;
		int		 state;	/* 0 none, 1 a name, 2 two */
	} narr[26];
};

static uint64_t
S_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;
	size_t	 i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static struct map_slot *
S_map_find(const struct map *m, const char *key, size_t len)
{
	size_t		 i;
	struct map_slot	*sl;

	if (m->cap == 0)
		return NULL;
	for (i = S_hash(key, len) & (m->cap - 1); ;
	    i = (i + 1) & (m->cap - 1)) {
		sl = &m->slots[i];
		if (sl->key == NULL)
			return NULL;
		if (sl->len == len && memcmp(sl->key, key, len) == 0)
			return sl;
	}
}

/* The free slot where key goes in slots[cap]. */
static struct map_slot *
S_map_free(struct map_slot *slots, size_t cap, const char *key, size_t len)
{
	size_t	 i;

	for (i = S_hash(key, len) & (cap - 1); slots[i].key != NULL;
	    i = (i + 1) & (cap - 1))
		continue;
	return &slots[i];
}

/* The slot of key, added (val 0) when it is not there; NULL when out
 * of memory. */
static struct map_slot *
S_map_put(struct map *m, const char *key, size_t len)
{
	struct map_slot	*sl, *slots;
	size_t		 i, cap;

	if ((sl = S_map_find(m, key, len)) != NULL)
		return sl;
	if (2 * (m->n + 1) > m->cap) {
		cap = m->cap ? 2 * m->cap : 64;
		if ((slots = calloc(cap, sizeof(*slots))) == NULL)
			return NULL;
		for (i = 0; i < m->cap; i++)
			if (m->slots[i].key != NULL)
				*S_map_free(slots, cap, m->slots[i].key,
				    m->slots[i].len) = m->slots[i];
		free(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	m->n++;
	sl = S_map_free(m->slots, m->cap, key, len);
	sl->key = key;
	sl->len = len;
	sl->val = 0;
	return sl;
}

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

/*
 * An id from a name: its letters, lower case, and hyphens; "-2", "-3"...
 * after one that is taken.  An id before its "-N" holds no digit, so
 * the ids taken with one stem are the stem and stem-2 up to stem-count:
 * the next is stem-(count + 1).
 */
static char *
S_make_id(struct index *ix, const char *name)
{
	char		 id[MAX_ID + 24], *p;
	size_t		 i, n = 0;
	struct map_slot	*sl;

	for (i = 0; name[i] != '\0' && n < MAX_ID; i++) {
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
			if (xmlIsLetter(cp) && n + (size_t)len < MAX_ID) {
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
	if ((sl = S_map_find(&ix->ids, id, n)) != NULL) {
		snprintf(id + n, sizeof(id) - n, "-%zu", sl->val + 1);
		if ((p = strdup(id)) != NULL)
			sl->val++;
		return p;
	}
	if ((p = strdup(id)) == NULL)
		return NULL;
	if ((sl = S_map_put(&ix->ids, p, n)) == NULL) {
		free(p);
		return NULL;
	}
	sl->val = 1;
	return p;
}

/* Person pi has this name, last word or label. */
static int
S_name_add(struct index *ix, const char *key, size_t len, size_t pi)
{
	struct map_slot	*sl;

	if ((sl = S_map_put(&ix->names, key, len)) == NULL)
		return -1;
	if (sl->val == 0 || sl->val > pi + 1)
		sl->val = pi + 1;
	return 0;
}

static const char *
S_last_word(const char *name)
{
	const char	*last = strrchr(name, ' ');

	return last ? last + 1 : name;
}

static struct tk_person *
S_add(struct tk_enc *e, struct index *ix, const char *name, size_t len,
    int role)
{
	struct tk_person *p;
	char		*n, *id = NULL;
	const char	*last;
	size_t		 pi = e->persons.n;
	unsigned char	 c;

	if ((n = tk_strndup(name, len)) == NULL ||
	    (id = S_make_id(ix, n)) == NULL ||
	    (p = tk_vec_push(&e->persons)) == NULL) {
		free(n);
		free(id);
		return NULL;
	}
	p->role = role;
	p->name = n;
	p->id = id;
	last = S_last_word(n);
	if (S_name_add(ix, n, strlen(n), pi) == -1 ||
	    S_name_add(ix, last, strlen(last), pi) == -1)
		return NULL;
	c = (unsigned char)last[0];
	if (ix->initial_n[c]++ == 0)
		ix->initial_first[c] = (int)pi;
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

/*
 * Sender and recipient in a heading, as FRUS words it: "The Acting
 * Secretary of State to the Ambassador in Colombia (Lane)", "President
 * Roosevelt to Prime Minister Churchill", "Churchill to Roosevelt",
 * "113. Telegram From the Department of State to the Embassy in the
 * United Kingdom", "Memorandum by the Chief of the Division (Hamilton)",
 * "Memorandum of Conversation, by the Secretary of State".  The sender
 * follows "From", "by" after the kind of document, or ", by", or else
 * opens the heading; the recipient follows the first " to " after the
 * sender's name in parentheses (or else the first " to ").  Each is a
 * person -- a name in parentheses, or a name after titles ("President",
 * "Mr.") that does not open with "the" -- or else an office ("the
 * Secretary of State", up to a comma or the end): the Office of the
 * Historian marks a person with persName, an office with gloss.
 */

/* Titles before a name in a heading or a list of participants. */
static const char *const titles[] = {
	"Mr.", "Mrs.", "Miss", "Ms.", "Dr.", "Messrs.", "Acting", "Vice",
	"President", "Prime Minister", "Premier", "Marshal",
	"Generalissimo", "General", "Admiral", "Ambassador", "Secretary",
	"Under Secretary", "Senator", "Governor", "King", "Queen",
	"Emperor", "Chancellor", "Chairman", "Foreign Minister", "Minister",
	"Pope", "Colonel", "Major", "Captain", "Judge", "Lord", "Lady",
	NULL
};

/* The length of a title (and its space) at s, or 0. */
static size_t
S_title_word(const char *s, size_t len)
{
	size_t	 i, n;

	for (i = 0; titles[i] != NULL; i++) {
		n = strlen(titles[i]);
		if (n < len && s[n] == ' ' && strncmp(s, titles[i], n) == 0)
			return n + 1;
	}
	return 0;
}

/* Is s, len a title alone ("President")? */
static int
S_is_title(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; titles[i] != NULL; i++)
		if (strlen(titles[i]) == len && strncmp(s, titles[i], len) == 0)
			return 1;
	return 0;
}

/* Words that make capitalised words an office, not a name. */
static const char *const office_words[] = {
	"Office", "Offices", "Officer", "Officers", "Post", "Posts",
	"Mission", "Missions", "Embassy", "Embassies", "Legation",
	"Legations", "Consulate", "Consulates", "Department", "Delegation",
	"Government", "Diplomatic", "Consular", "Certain", "All",
	"Secretary", "Ministry", "Committee", "Council", "Staff", "Chiefs",
	"Board", "Representatives", "Commission", NULL
};

static int
S_office_words(const char *s, size_t len)
{
	size_t	 i, j, n;

	for (i = 0; i < len; i = j + 1) {
		for (j = i; j < len && s[j] != ' '; j++)
			continue;
		for (n = 0; office_words[n] != NULL; n++)
			if (strlen(office_words[n]) == j - i &&
			    strncmp(office_words[n], s + i, j - i) == 0)
				return 1;
	}
	return 0;
}

/* Does s begin with word w and a space? */
static int
S_word_at(const char *s, size_t len, const char *w)
{
	size_t	 n = strlen(w);

	return n < len && s[n] == ' ' && strncmp(s, w, n) == 0;
}

/* The first " to " in [from, len), or len. */
static size_t
S_find_to(const char *s, size_t from, size_t len)
{
	size_t	 i;

	for (i = from; i + 4 <= len; i++)
		if (strncmp(s + i, " to ", 4) == 0)
			return i;
	return len;
}

/* The "(Name)" in [a, b): its inside, or 0. */
static int
S_paren_name(const char *s, size_t a, size_t b, size_t *off, size_t *len)
{
	const char	*open, *close;

	for (; a < b && (open = memchr(s + a, '(', b - a)) != NULL;
	    a = (size_t)(close - s) + 1) {
		if ((close = memchr(open, ')', (size_t)(s + b - open))) == NULL)
			return 0;
		if (S_is_name(open + 1, (size_t)(close - open - 1))) {
			*off = (size_t)(open + 1 - s);
			*len = (size_t)(close - open - 1);
			return 1;
		}
	}
	return 0;
}

/*
 * One side, [a, b): a person (*office 0) or an office (1) at *off,
 * *len; 0 when it is neither.
 */
static int
S_head_side(const char *s, size_t a, size_t b, size_t *off, size_t *len,
    int *office)
{
	const char	*comma;
	size_t		 t;
	int		 titled = 0;

	if ((comma = memchr(s + a, ',', b - a)) != NULL)
		b = (size_t)(comma - s);
	if (S_paren_name(s, a, b, off, len)) {
		*office = 0;
		return 1;
	}
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '.' ||
	    s[b - 1] == ':'))
		b--;
	if (S_word_at(s + a, b - a, "the") || S_word_at(s + a, b - a, "The")) {
		a += 4;
		if (a >= b || !S_upper((unsigned char)s[a]) ||
		    memchr(s + a, '(', b - a) != NULL)
			return 0;
		*off = a;
		*len = b - a;
		*office = 1;
		return 1;
	}
	while ((t = S_title_word(s + a, b - a)) > 0 && a + t < b)
		a += t, titled = 1;
	if (a >= b || !S_is_name(s + a, b - a) || S_is_title(s + a, b - a))
		return 0;
	*off = a;
	*len = b - a;
	/* "to Certain Diplomatic Offices", "to All Posts": an office */
	*office = !titled && S_office_words(s + a, b - a);
	return 1;
}

/*
 * The sender (i 0) and recipient (1) of the title: off[i], len[i]
 * (0: none) in e->text.buf, and office[i].  Used by the tree for the
 * head's persName and gloss; reads only the title.
 */
int
tk_persons_head(const struct tk_enc *e, size_t off[2], size_t len[2],
    int office[2])
{
	const char	*s;
	size_t		 n, i, start = 0, to, po, pl;
	int		 words = 0;

	len[0] = len[1] = 0;
	if (e->title == NULL)
		return 0;
	s = e->text.buf + e->title_off;
	n = e->title_len;
	/* a footnote marker closing the heading is no part of a name */
	while (n > 1 && s[n - 1] >= '0' && s[n - 1] <= '9')
		n--;
	if (n < e->title_len && s[n - 1] == ' ')
		n = e->title_len;
	/* the kind of document, then "From" or "by"; or ", by" */
	for (i = 0; i < n; i++) {
		if (i > 0 && s[i - 1] != ' ')
			continue;
		if (S_word_at(s + i, n - i, "From") ||
		    S_word_at(s + i, n - i, "by")) {
			if (words > 0 && words <= 4)
				start = i + (s[i] == 'b' ? 3 : 5);
			break;
		}
		if (!S_upper((unsigned char)s[i]) && !(s[i] >= '0' &&
		    s[i] <= '9'))
			break;
		words++;
	}
	for (i = 0; start == 0 && i + 5 <= n; i++)
		if (strncmp(s + i, ", by ", 5) == 0)
			start = i + 5;
	to = S_find_to(s, start, n);
	if (start == 0 && to == n)
		return 0;
	if (to < n && S_paren_name(s, start, n, &po, &pl) && po > to &&
	    S_find_to(s, po + pl, n) < n)
		to = S_find_to(s, po + pl, n);
	for (i = 0; i < 2; i++) {
		size_t	 a = i == 0 ? start : to + 4, b = i == 0 ? to : n;

		if (i == 1 && to >= n)
			break;
		if (S_head_side(s, a, b, &po, &pl, &office[i])) {
			off[i] = e->title_off + po;
			len[i] = pl;
		}
	}
	return 0;
}

static int	 S_find(const struct index *, const char *, size_t);

/* A person named in the title, once: by its name, or added. */
static struct tk_person *
S_title_person(struct tk_enc *e, struct index *ix, const char *name,
    size_t len, int role)
{
	struct tk_person *p;
	int		 pi;

	if ((pi = S_find(ix, name, len)) >= 0 && strlen(TK_VEC_AT(&e->persons,
	    struct tk_person, pi)->name) == len) {
		p = TK_VEC_AT(&e->persons, struct tk_person, pi);
		if (p->role == 0)
			p->role = role;
		return p;
	}
	return S_add(e, ix, name, len, role);
}

/*
 * The persons the title names: the sender and recipient
 * (tk_persons_head), then any other name in parentheses or after a
 * title ("Administrative Assistant to President Roosevelt"), which is
 * a person but neither.
 */
static int
S_title_persons(struct tk_enc *e, struct index *ix)
{
	const char	*s, *t, *close;
	size_t		 off[2], len[2], i, n, a, b, tl;
	int		 office[2];
	struct tk_person *p;

	if (e->title == NULL)
		return 0;
	tk_persons_head(e, off, len, office);
	for (i = 0; i < 2; i++) {
		if (len[i] == 0)
			continue;
		if (office[i]) {
			tk_explain(e, off[i], "%s of the document: the office "
			    "%.*s", i ? "recipient" : "sender", (int)len[i],
			    e->text.buf + off[i]);
			continue;
		}
		if ((p = S_title_person(e, ix, e->text.buf + off[i], len[i],
		    i ? PERSON_TO : PERSON_FROM)) == NULL)
			return -1;
		tk_explain(e, off[i], "%s of the document: %s (#%s)",
		    i ? "recipient" : "sender", p->name, p->id);
	}
	s = e->text.buf + e->title_off;
	n = e->title_len;
	for (i = 0; i < n; i++) {
		a = b = 0;
		if (s[i] == '(' && (close = memchr(s + i, ')', n - i)) != NULL &&
		    S_is_name(s + i + 1, (size_t)(close - s - i - 1))) {
			a = i + 1;
			b = (size_t)(close - s);
		} else if ((i == 0 || s[i - 1] == ' ') &&
		    (tl = S_title_word(s + i, n - i)) > 0) {
			/* capitalised words after the title, up to a
			 * comma, a parenthesis or a lower-case word */
			a = b = i + tl;
			for (t = s + a; t < s + n && S_upper((unsigned char)*t);
			    ) {
				while (t < s + n && (S_wordc((unsigned char)*t) ||
				    strchr(".-'", *t) != NULL))
					t++;
				b = (size_t)(t - s);
				if (t + 1 < s + n && *t == ' ')
					t++;
				else
					break;
			}
			while (b > a && s[b - 1] >= '0' && s[b - 1] <= '9')
				b--;	/* a footnote marker */
			if (b > a && (s[b - 1] == '.' || s[b - 1] == '\''))
				b = 0;	/* "Mr.", "Roosevelt's" */
		}
		if (b <= a || !S_is_name(s + a, b - a) ||
		    S_is_title(s + a, b - a) ||
		    S_find(ix, s + a, b - a) >= 0) {
			continue;
		}
		if ((p = S_title_person(e, ix, s + a, b - a, 0)) == NULL)
			return -1;
		tk_explain(e, e->title_off + a, "named in the title: %s (#%s)",
		    p->name, p->id);
		i = b;
	}
	return 0;
}

/*
 * A person an item of a participant list or a signature names, at
 * s[0, len): titles ("Mr.", "Ambassador") skipped, the name up to a
 * comma.  An item must have a title or a description after a comma,
 * so that "United States" over a group of names is none; a signature
 * must end with a surname, not initials ("PBC").  Returns the name's
 * offset in s and sets *nlen, or -1.
 */
static long
S_name_in(const char *s, size_t len, int signer, size_t *nlen)
{
	size_t		 a = 0, b, t;
	int		 titled = 0;
	const char	*comma, *last;

	if ((comma = memchr(s, ',', len)) != NULL)
		b = (size_t)(comma - s);
	else if ((comma = memchr(s, '\n', len)) != NULL)
		b = (size_t)(comma - s);
	else
		b = len;
	while (b > 0 && s[b - 1] == ' ')
		b--;
	while ((t = S_title_word(s + a, b - a)) > 0 && a + t < b)
		a += t, titled = 1;
	if (a >= b || !S_is_name(s + a, b - a) || S_is_title(s + a, b - a) ||
	    S_office_words(s + a, b - a) || S_word_at(s + a, b - a, "The"))
		return -1;
	if (!signer && !titled && comma == NULL)
		return -1;
	for (last = s + b; last > s + a && last[-1] != ' '; last--)
		continue;
	if (signer && (s + b - last < 2 || !S_upper((unsigned char)*last) ||
	    S_upper((unsigned char)last[1]) || last[1] == '.'))
		return -1;
	*nlen = b - a;
	return (long)a;
}

static int	 S_find(const struct index *, const char *, size_t);

/* Is a list heading one of participants ("PARTICIPANTS", "PRESENT",
 * "ALSO PRESENT", "The following were present:")? */
static int
S_participants_head(const char *s, size_t len)
{
	static const char *const keys[] = { "PARTICIPANT", "PRESENT",
	    "Participant", "Present", "present", NULL };
	size_t	 i, k;

	for (k = 0; keys[k] != NULL; k++)
		for (i = 0; i + strlen(keys[k]) <= len; i++)
			if (strncmp(s + i, keys[k], strlen(keys[k])) == 0)
				return 1;
	return 0;
}

/*
 * Participants listed under a heading that introduces names, and
 * signers: persons, by their full name, whether they speak or not.  A
 * name whose surname is a person's already is that person.
 */
static int
S_listed_persons(struct tk_enc *e, struct index *ix)
{
	size_t		 i, nlen;
	long		 at;
	int		 in_list = 0;
	const struct tk_block *b;
	const char	*s, *last;
	struct tk_person *p;

	for (i = 0; i < e->blocks.n; i++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, i);
		s = e->text.buf + b->off;
		if (b->kind == BLOCK_LIST_HEAD)
			in_list = S_participants_head(s, b->len);
		else if (b->kind != BLOCK_LIST_ITEM && b->kind != BLOCK_PAGE)
			in_list = 0;
		if (b->escaped || !((b->kind == BLOCK_LIST_ITEM && in_list) ||
		    b->kind == BLOCK_SIGNED) ||
		    (at = S_name_in(s, b->len, b->kind == BLOCK_SIGNED,
		    &nlen)) < 0)
			continue;
		for (last = s + at + nlen; last > s + at && last[-1] != ' ';
		    last--)
			continue;
		if (S_find(ix, s + at, nlen) >= 0 ||
		    S_find(ix, last, (size_t)(s + at + nlen - last)) >= 0)
			continue;
		if ((p = S_add(e, ix, s + at, nlen, 0)) == NULL)
			return -1;
		tk_explain(e, b->off + (size_t)at, "%s: %s (#%s)",
		    b->kind == BLOCK_SIGNED ? "signer" : "listed participant",
		    p->name, p->id);
	}
	return 0;
}

/* The first person with this name, last word or label, or -1. */
static int
S_find(const struct index *ix, const char *s, size_t len)
{
	const struct map_slot *sl = S_map_find(&ix->names, s, len);

	return sl != NULL ? (int)sl->val - 1 : -1;
}

/* The same, without the stage's tables. */
int
tk_persons_label(const struct tk_enc *e, const char *s, size_t len)
{
	size_t		 i;
	const char	*last;
	struct tk_person *p;

	for (i = 0; i < e->persons.n; i++) {
		p = TK_VEC_AT(&e->persons, struct tk_person, i);
		last = S_last_word(p->name);
		if ((strlen(p->name) == len && strncmp(p->name, s, len) == 0) ||
		    (strlen(last) == len && strncmp(last, s, len) == 0) ||
		    (p->label != NULL && strlen(p->label) == len &&
		    strncmp(p->label, s, len) == 0))
			return (int)i;
	}
	return -1;
}

/* A person whose last word begins with the initial's letter, if one
 * only (-2: more than one). */
static int
S_by_initial(const struct index *ix, char letter)
{
	unsigned char	 c = (unsigned char)letter;

	return ix->initial_n[c] == 0 ? -1 : ix->initial_n[c] > 1 ? -2 :
	    ix->initial_first[c];
}

/*
 * Capitalised words of three letters or more that begin with `letter`,
 * not at the start of a sentence, in the narrative paragraphs before
 * `upto`: the name an initial stands for, when exactly one is found.
 * The paragraphs are read once a pass of S_turns, for every letter at
 * once: those before `upto` keep their kind for the rest of the pass.
 */
static int
S_narrative_name(const struct tk_enc *e, struct index *ix, size_t upto,
    char letter, const char **name, size_t *nlen)
{
	size_t		 i, n;
	const struct tk_block *b;
	const char	*s;
	int		 k;

	for (; ix->upto < upto; ix->upto++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, ix->upto);
		if (b->kind != BLOCK_PARA)
			continue;
		s = e->text.buf + b->off;
		for (i = 1; i < b->len; i++) {
			if (!S_upper((unsigned char)s[i]) || s[i - 1] != ' ' ||
			    (i >= 2 && strchr(".!?:", s[i - 2]) != NULL))
				continue;
			for (n = 1; i + n < b->len &&
			    S_wordc((unsigned char)s[i + n]); n++)
				continue;
			if (n < 3)
				continue;
			k = s[i] - 'A';
			if (ix->narr[k].state == 0) {
				ix->narr[k].state = 1;
				ix->narr[k].name = s + i;
				ix->narr[k].len = n;
			} else if (n != ix->narr[k].len ||
			    memcmp(ix->narr[k].name, s + i, n) != 0)
				ix->narr[k].state = 2;
		}
	}
	k = letter - 'A';
	if (k < 0 || k >= 26 || ix->narr[k].state != 1)
		return -1;
	*name = ix->narr[k].name;
	*nlen = ix->narr[k].len;
	return 0;
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
S_resolve(struct tk_enc *e, struct index *ix, size_t bi, struct tk_block *b)
{
	const char	*label = e->text.buf + b->off, *name = NULL, *how;
	size_t		 len = b->label_len, nlen = 0;
	int		 pi;
	struct tk_person *p;

	if ((name = S_mapped(e, label, len)) != NULL) {
		nlen = strlen(name);
		how = "by --speaker";
	} else if ((pi = S_find(ix, label, len)) >= 0) {
		b->person = pi;
		p = TK_VEC_AT(&e->persons, struct tk_person, pi);
		if ((strlen(p->name) == len && strncmp(label, p->name, len) ==
		    0) || (p->label != NULL && strlen(p->label) == len &&
		    strncmp(label, p->label, len) == 0))
			return 0;
		how = "the surname of a person named in full";
	} else if (S_initial(label, len) &&
	    (pi = S_by_initial(ix, label[0])) >= 0) {
		b->person = pi;
		how = "by its initial";
	} else if (S_initial(label, len) &&
	    S_narrative_name(e, ix, bi, label[0], &name, &nlen) == 0) {
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
		pi = name == label ? -1 : S_find(ix, name, nlen);
		if (pi < 0) {
			if ((p = S_add(e, ix, name, nlen, 0)) == NULL)
				return -1;
			pi = (int)e->persons.n - 1;
		}
		b->person = pi;
	}
	p = TK_VEC_AT(&e->persons, struct tk_person, b->person);
	if (p->label == NULL && (len != strlen(p->name) ||
	    strncmp(label, p->name, len) != 0) &&
	    ((p->label = tk_strndup(label, len)) == NULL ||
	    S_name_add(ix, p->label, len, (size_t)b->person) == -1))
		return -1;
	tk_explain(e, b->off, "speaker \"%.*s\" is %s (#%s): %s", (int)len,
	    label, p->name, p->id, how);
	return 0;
}

/*
 * How many paragraphs open with each label, counted before any is a
 * turn.  S_is_turn asks while paragraphs become turns, but a label
 * whose paragraph became a turn is a turn's anyway: by the person it
 * names, by being an initial, or by --speaker.
 */
static int
S_label_counts(const struct tk_enc *e, struct index *ix)
{
	size_t		 i, len;
	const struct tk_block *b;
	struct map_slot	*sl;

	for (i = 0; i < e->blocks.n; i++) {
		b = TK_VEC_AT(&e->blocks, struct tk_block, i);
		if (b->kind != BLOCK_PARA || b->escaped ||
		    (len = S_label(e->text.buf + b->off, b->len)) == 0)
			continue;
		if ((sl = S_map_put(&ix->labels, e->text.buf + b->off, len))
		    == NULL)
			return -1;
		sl->val++;
	}
	return 0;
}

static size_t
S_label_count(const struct index *ix, const char *label, size_t len)
{
	const struct map_slot *sl = S_map_find(&ix->labels, label, len);

	return sl != NULL ? sl->val : 0;
}

/*
 * Is "Label: " a speaker's?  Surely when the label names a participant,
 * is an initial, is given by --speaker, or opens two paragraphs or more;
 * in a document that has such turns (`dialogue`), any label is.
 */
static int
S_is_turn(const struct tk_enc *e, const struct index *ix, const char *s,
    size_t len, int dialogue)
{
	if (dialogue)
		return 1;
	return S_find(ix, s, len) >= 0 || S_initial(s, len) ||
	    S_mapped(e, s, len) != NULL || S_label_count(ix, s, len) >= 2;
}

static int
S_turns(struct tk_enc *e, struct index *ix)
{
	size_t		 i, len, turns = 0;
	int		 pass;
	struct tk_block	*b;
	const char	*s;

	for (pass = 0; pass < 2; pass++) {
		ix->upto = 0;
		memset(ix->narr, 0, sizeof(ix->narr));
		for (i = 0; i < e->blocks.n; i++) {
			b = TK_VEC_AT(&e->blocks, struct tk_block, i);
			if (b->kind != BLOCK_PARA || b->escaped ||
			    b->salute_len > 0)	/* "Sir: I have ..." */
				continue;
			s = e->text.buf + b->off;
			if ((len = S_label(s, b->len)) == 0 ||
			    (S_stop(s, len) && S_mapped(e, s, len) == NULL) ||
			    !S_is_turn(e, ix, s, len, pass == 1 && turns > 0))
				continue;
			turns++;
			b->kind = BLOCK_TURN;
			b->label_len = len;
			if (S_resolve(e, ix, i, b) == -1)
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
	struct index	*ix;
	size_t		 i;
	int		 rc = -1;

	e->persons.size = sizeof(struct tk_person);
	if ((ix = calloc(1, sizeof(*ix))) == NULL ||
	    S_label_counts(e, ix) == -1)
		goto out;
	for (i = 0; i < e->opts->speakers.n; i++) {
		const char *m = *TK_VEC_AT(&e->opts->speakers, char *, i);

		if (S_label_count(ix, m, (size_t)(strchr(m, '=') - m)) == 0)
			tk_diag(&e->rep, 0, 0, TK_E_SPEAKER_MAP, "--speaker "
			    "%s: no paragraph opens with that label", m);
	}
	if (e->rep.errors || S_title_persons(e, ix) == -1 ||
	    S_listed_persons(e, ix) == -1 || S_turns(e, ix) == -1)
		goto out;
	S_continuations(e);
	rc = 0;
out:
	if (rc == -1 && e->rep.errors == 0)	/* S_add, S_name_add */
		tk_diag(&e->rep, 0, 0, TK_S_NOMEM, "out of memory");
	if (ix != NULL) {
		free(ix->names.slots);
		free(ix->ids.slots);
		free(ix->labels.slots);
		free(ix);
	}
	return rc;
}
