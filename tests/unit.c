/*
 * tests/unit.c -- unit tests of the encoder's stages that decide the
 * most: the line classifier (blocks.c, persons.c) and the footnote
 * marker resolver (notes.c).  Prints TAP.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int n_tests, n_failed;

static void
ok(int cond, const char *what)
{
	n_tests++;
	if (!cond)
		n_failed++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", n_tests, what);
}

static void
quiet(const teikit_diag *d, void *arg)
{
	(void)d;
	(void)arg;
}

/* Run the analysing stages over `in`; 0 when they succeed. */
static int
analyse(struct tk_enc *e, teikit_encoder *enc, const char *in)
{
	teikit_encoder_set_diag(enc, quiet, NULL);
	tk_enc_init(e, enc, "unit");
	return tk_enc_analyse(e, in, strlen(in));
}

/* The kinds of the blocks, one letter each. */
static void
kinds(const struct tk_enc *e, char *buf)
{
	static const char letter[] = {
		[BLOCK_SOURCE] = 'S', [BLOCK_TITLE] = 'H', [BLOCK_PAGE] = 'B',
		[BLOCK_TURN] = 'T', [BLOCK_CONT] = 'C', [BLOCK_EDITORIAL] = 'E',
		[BLOCK_PARA] = 'P', [BLOCK_NOTES] = 'N', [BLOCK_CLASS] = 'K',
		[BLOCK_DESPATCH] = 'D', [BLOCK_DATELINE] = 'L',
		[BLOCK_LIST_HEAD] = 'h', [BLOCK_LIST_ITEM] = 'i',
		[BLOCK_CLOSE] = 'c', [BLOCK_SIGNED] = 's',
		[BLOCK_POSTSCRIPT] = 'p', [BLOCK_LETTERED] = 'l'
	};
	size_t	 i;

	for (i = 0; i < e->blocks.n; i++)
		buf[i] = letter[TK_VEC_AT(&e->blocks, struct tk_block,
		    i)->kind];
	buf[i] = '\0';
}

/* Classify `in`, with --speaker `speaker` when not NULL. */
static void
classify_with(const char *speaker, const char *in, const char *want,
    const char *what)
{
	teikit_encoder	*enc = teikit_encoder_new();
	struct tk_enc	 e;
	char		 got[64], msg[256];

	if (speaker != NULL)
		teikit_encoder_set(enc, "speaker", speaker);
	if (analyse(&e, enc, in) == -1)
		strcpy(got, "(failed)");
	else
		kinds(&e, got);
	snprintf(msg, sizeof(msg), "classify: %s (want %s, got %s)", what,
	    want, got);
	ok(strcmp(got, want) == 0, msg);
	tk_enc_free(&e);
	teikit_encoder_free(enc);
}

static void
classify(const char *in, const char *want, const char *what)
{
	classify_with(NULL, in, want, what);
}

/* The notes found, as "n@before|n@before", where `before` is the text
 * token just before the marker. */
static void
markers(const char *in, const char *first, const char *want,
    const char *what)
{
	teikit_encoder	*enc = teikit_encoder_new();
	struct tk_enc	 e;
	char		 got[256] = "", msg[512];
	size_t		 i;
	const struct tk_note *n;
	const struct tk_token *t, *prev;

	if (first != NULL)
		teikit_encoder_set(enc, "first-note", first);
	if (analyse(&e, enc, in) == -1)
		strcpy(got, "(failed)");
	for (i = 0; i < e.notes.n && got[0] != '('; i++) {
		n = TK_VEC_AT(&e.notes, struct tk_note, i);
		t = TK_VEC_AT(&e.toks, struct tk_token, n->tok);
		prev = n->tok > 0 ? TK_VEC_AT(&e.toks, struct tk_token,
		    n->tok - 1) : NULL;
		if (prev != NULL && prev->type != TOK_TEXT)
			prev = NULL;
		snprintf(got + strlen(got), sizeof(got) - strlen(got),
		    "%s%s@%.*s%.*s", i ? "|" : "", n->n,
		    prev ? (int)prev->len : 0, prev ? e.text.buf + prev->off :
		    "", (int)(t->voff - t->off), e.text.buf + t->off);
	}
	snprintf(msg, sizeof(msg), "markers: %s (want \"%s\", got \"%s\")",
	    what, want, got);
	ok(strcmp(got, want) == 0, msg);
	tk_enc_free(&e);
	teikit_encoder_free(enc);
}

int
main(void)
{
	/* The line classifier. */
	classify("761.94/7: Telegram\n\nNo. 5\nA to B\n\nText.",
	    "SHP", "source, number and title, paragraph");
	classify("No. 5\nA to B\n\nText.", "HP", "no source line");
	classify("126. Memorandum\n\nText.", "HP", "a title with its number");
	classify("A paragraph.\n\nText.", "PP", "no No. line: all paragraphs");
	classify("No. 5\nThe Ambassador (Sato) to the Minister (Togo)\n\n"
	    "Sato: Hello.\n\nTogo: Hello.", "HTT", "turns by title persons");
	classify("Text.\n\nL.: One.\n\nMore of it.\n\nS.: Two.\n\nAfter.",
	    "PTCTP", "continuation between turns, narrative after");
	classify("Sir: I have the honor.\n\nText.", "PP", "Sir: is no speaker");
	classify("Molotov: One.\n\nText.", "PP",
	    "an unknown name labelling one paragraph is no speaker");
	classify("Molotov: One.\n\nByrnes: Two.\n\nMolotov: Three.", "TTT",
	    "in a dialogue, a name labelling one paragraph is a speaker too");
	classify("Molotov: One.\n\nSir: Two.\n\nMolotov: Three.", "TCT",
	    "in a dialogue, Sir: is still no speaker");
	classify("L.: One.\n\n[Page 5]\n\nMore.\n\nL.: Two.", "TBCT",
	    "page break between a turn and its continuation");
	classify("L.: One.\n\n(Mr. X summarized the paper)10\n\nL.: Two.",
	    "TET", "editorial paragraph between turns");
	classify("L.: One.\n\n. . . . . .\n\nL.: Two.", "TET", "omission");
	classify("L.: One.\n\n[Here follows a table.]\n\nMore.\n\nL.: Two.",
	    "TEPT", "an editorial paragraph ends the turn");
	classify_with("Sir=Smith", "Sir: One.\n\nText.", "TP",
	    "--speaker overrides the list of non-speakers");
	classify("L.: One.\n\n\\More.\n\nM.: Two.", "TPT",
	    "escaped paragraph is narrative");
	classify("\\Sato: text\n\nSato: x\n\nSato: y", "PTT",
	    "escaped label is no turn");
	classify("Text1.\n\n---\n1. Note.", "PN", "notes section");
	classify("A\nB\n\n\nC", "PP", "lines of a block; extra empty line");

	/* The frame: opener, lists, closer (letter.c). */
	classify("No. 5\nA to B\n\ntop secret\npriority\n\nMoscow, July 25, "
	    "1945\xE2\x80\x94" "11:53 p.m.\n\nText.\n\nHarriman", "HKLPs",
	    "classification, dateline, signature");
	classify("No. 5\nA to B\n\nNo. 573\n\nSir: Text.\n\nRespectfully "
	    "yours,\n\nC. E. Gauss", "HDPcs",
	    "despatch number, complimentary close and signature");
	classify("No. 5\nA to B\n\nText.\n\nM[axwell] M. H[amilton]\n\n"
	    "[The agreement was signed.]", "HPsp",
	    "bracketed signature, postscript");
	classify("No. 5\nA to B\n\nText.\n\nSigned Lisle.", "HPP",
	    "a sentence is no signature");
	classify("No. 5\nA to B\n\nText.\n\n\\Grew", "HPP",
	    "an escaped last paragraph is no signature");
	classify("126. Memorandum\n\nSUBJECT\n\nFishing\n\nPARTICIPANTS\n\n"
	    "Mr. A, EUR\n\nMr. B, G\n\nMr. A called on us.", "HhihiiP",
	    "numbered title; subject and participants lists");
	classify("No. 5\nA to B\n\nSUBJECT\n\nThe whole story is told "
	    "here in a sentence.", "HPP", "a heading without items is text");

	classify("Text.\n\na. One.\n\n[Page 5]\n\nb. Two.\n\nc. Three.\n\nMore.",
	    "PlBllP", "lettered paragraphs in sequence, a page between");
	classify("Text.\n\na. One.\n\nc. Three.", "PPP",
	    "a lettered paragraph alone is no list");

	/* Datelines (dateline.c). */
	{
		static const struct { const char *in, *when; } dl[] = {
			{ "Moscow, July 25, 1945\xE2\x80\x94" "11:53 p.m.",
			    "1945-07-25T23:53:00" },
			{ "Chungking, August 6, 1942.", "1942-08-06" },
			{ "Washington, October 27, 1956, Noon",
			    "1956-10-27T12:00:00" },
			{ "Batavia, January 14, 1949\xE2\x80\x94" "11 p. m.",
			    "1949-01-14T23:00:00" },
			{ "London, 12 May 1944", "1944-05-12" },
			{ "London, 12 Mayish 1944", NULL },
			{ "Moscow, Julyish 25, 1945", NULL },
			{ "It rained on July 25, 1945.", NULL },
		};
		struct tk_dateline d;
		size_t	 i;
		char	 msg[256];
		int	 rc;

		for (i = 0; i < sizeof(dl) / sizeof(dl[0]); i++) {
			rc = tk_dateline_parse(dl[i].in, strlen(dl[i].in), &d);
			snprintf(msg, sizeof(msg), "dateline \"%s\" -> %s",
			    dl[i].in, dl[i].when ? dl[i].when : "not one");
			ok(dl[i].when ? rc == 0 && strcmp(d.when, dl[i].when)
			    == 0 : rc == -1, msg);
		}
	}

	/* Received lines (dateline.c), after "Tokyo, November 9, 1931." */
	{
		static const struct { const char *in, *when; int ok; } rl[] = {
			{ "[Received December 2.]", "1931-12-02", 1 },
			{ "[Received January 4.]", "1932-01-04", 1 },
			{ "[Received November 10\xE2\x80\x94" "9:20 a.m.]",
			    "1931-11-10T09:20:00", 1 },
			{ "[Received November 10, 1931, 2 p.m.]",
			    "1931-11-10T14:00:00", 1 },
			{ "[Received 9 a.m.]", "", 1 },
			{ "[Received by pouch.]", NULL, 0 },
			{ "[Received December 2", NULL, 0 },
		};
		struct tk_dateline sent;
		struct tk_received r;
		size_t	 i;
		char	 msg[256];
		int	 rc;

		tk_dateline_parse("Tokyo, November 9, 1931.", 24, &sent);
		for (i = 0; i < sizeof(rl) / sizeof(rl[0]); i++) {
			rc = tk_received_parse(rl[i].in, strlen(rl[i].in), &sent,
			    &r);
			snprintf(msg, sizeof(msg), "received \"%s\" -> %s",
			    rl[i].in, rl[i].ok ? (*rl[i].when ? rl[i].when :
			    "no when") : "not one");
			ok(rl[i].ok ? rc == 0 && strcmp(r.when, rl[i].when) == 0 :
			    rc == -1, msg);
		}
	}

	/* Salutations (letter.c): alone, or opening a paragraph. */
	{
		static const struct { const char *in; int alone; size_t len; }
		    sl[] = {
			{ "Sir:", 1, 4 },
			{ "My dear Mr. President:", 1, 22 },
			{ "Dear Dr. Adenauer,", 1, 18 },
			{ "Mr. President:", 1, 14 },
			{ "Mr. President: I agree.", 0, 0 },
			{ "Sir: I have the honor", 0, 4 },
			{ "Excellency: I have", 0, 11 },
			{ "Dear as it is: we", 0, 0 },
			{ "Note: the text", 0, 0 },
			{ "Sir:", 0, 0 },
		};
		size_t	 i;
		char	 msg[256];

		for (i = 0; i < sizeof(sl) / sizeof(sl[0]); i++) {
			snprintf(msg, sizeof(msg), "salutation \"%s\"%s -> %zu",
			    sl[i].in, sl[i].alone ? " alone" : "", sl[i].len);
			ok(tk_salute_len(sl[i].in, strlen(sl[i].in),
			    sl[i].alone) == sl[i].len, msg);
		}
	}

	/* The marker resolver. */
	markers("Re my telegram No. 1441.1\n\nNo. 1450,2 and", NULL,
	    "1@Re my telegram No. 1441.|2@No. 1450,",
	    "seed: digits after a number's punctuation");
	markers("No. 1441 and No. 1450 and 25th", NULL, "",
	    "numbers alone are not markers");
	markers("Roosevelt28\n\nstatement29 and 30,000", NULL,
	    "28@Roosevelt|29@statement", "a sequence starting above 1");
	markers("Declaration16a with", NULL, "16a@Declaration",
	    "lettered first marker");
	markers("one4 two,4a three.5 four4", NULL,
	    "4@one|4a@ two,|5@ three.", "lettered insert, then out of sequence");
	markers("in 19561 the", NULL, "1@in 1956", "year then marker");
	markers("in 1956 the", NULL, "", "a year alone");
	markers("today4 The", "4", "4@today", "--first-note 4");
	markers("word1 and \\2 here and more3", NULL, "1@word",
	    "escaped digits are text and break the sequence");
	markers("a1 b2\n\n---\n2. Two.", NULL, "1@a|2@ b",
	    "notes section: a marker without text is still a note");
	markers("11:53 p.m. and 3.5 per cent", NULL, "",
	    "times and decimals are not markers without a sequence");
	markers("[Page 12]word1", NULL, "1@word", "after a page break");

	printf("1..%d\n", n_tests);
	return n_failed ? 1 : 0;
}
