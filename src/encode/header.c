/*
 * header.c -- build the teiHeader: the title, a publication statement,
 * the source (series, document number, file number), the encoding
 * (teikit and its version; normalisations of the input) and the
 * participants.  Nothing here is invented: what the input does not say
 * is said by an option (--series, --lang) and shown by --explain.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The title as plain text: the title lines without footnote markers,
 * escapes or page markers.  The pieces are measured, gathered and added
 * as one text: added one by one, each measured the text before it
 * again, which was quadratic in a long title. */
static void
S_title_text(struct tk_enc *e, xmlNodePtr title)
{
	size_t		 i, n, len = 0;
	const struct tk_token *t;
	const char	*piece;
	char		*buf = NULL;
	int		 pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = e->title->tok_first; i < e->title->tok_first +
		    e->title->tok_n; i++) {
			t = TK_VEC_AT(&e->toks, struct tk_token, i);
			piece = e->text.buf + t->off;
			if (t->type == TOK_TEXT || t->type == TOK_CORR ||
			    t->type == TOK_QUERY || t->type == TOK_GAP ||
			    t->type == TOK_ELLIPSIS)	/* the editors' marks */
				n = t->len;
			else if (t->type == TOK_LB) {
				piece = " ";
				n = 1;
			} else if (t->type == TOK_DIGITS)
				n = t->note ? t->voff - t->off : t->len;
			else
				continue;
			if (pass == 0)
				len += n;
			else if (buf != NULL) {
				memcpy(buf + len, piece, n);
				len += n;
			} else	/* no memory for the whole: piece by piece */
				xmlNodeAddContentLen(title, BAD_CAST piece,
				    (int)n);
		}
		if (pass == 0) {
			if (len > 0 && len <= INT_MAX)
				buf = malloc(len);
			len = 0;
		}
	}
	if (buf != NULL && len > 0)
		xmlNodeAddContentLen(title, BAD_CAST buf, (int)len);
	free(buf);
}

static void
S_file_desc(struct tk_enc *e, xmlNodePtr hdr)
{
	xmlNodePtr	 fd = tk_el(hdr, "fileDesc", 2), ts, sd, bibl, n;
	const char	*src, *colon;
	size_t		 len;

	ts = tk_el(fd, "titleStmt", 3);
	n = tk_el(ts, "title", 4);
	if (e->title != NULL)
		S_title_text(e, n);
	else
		xmlNodeAddContent(n, BAD_CAST "[untitled: no \"No. N\" line "
		    "and title in the input]");
	tk_close(ts, 3);
	n = tk_el(tk_el(fd, "publicationStmt", 3), "p", 4);
	xmlNodeAddContent(n, BAD_CAST "Unpublished: encoded with teikit "
	    "from a plaintext transcription.");
	tk_close(n->parent, 3);
	sd = tk_el(fd, "sourceDesc", 3);
	bibl = tk_el(sd, "bibl", 4);
	n = tk_el_text(bibl, "title", 5, e->opts->series,
	    strlen(e->opts->series));
	tk_attr(n, "level", "s");
	tk_explain(e, TK_NOPOS, "series: %s (--series to change)", e->opts->series);
	if (e->docnum[0]) {
		n = tk_el_text(bibl, "idno", 5, e->docnum, strlen(e->docnum));
		tk_attr(n, "type", "document");
	}
	if (e->source != NULL) {
		src = e->text.buf + e->source->off;
		len = e->source->len;
		if ((colon = strstr(src, ": ")) != NULL &&
		    (size_t)(colon - src) < len)
			len = (size_t)(colon - src);
		n = tk_el_text(bibl, "idno", 5, src, len);
		tk_attr(n, "type", "file");
	}
	tk_close(bibl, 4);
	tk_close(sd, 3);
	tk_close(fd, 2);
}

static void
S_p(xmlNodePtr parent, const char *text)
{
	tk_el_text(parent, "p", 5, text, strlen(text));
}

static void
S_encoding_desc(struct tk_enc *e, xmlNodePtr hdr)
{
	xmlNodePtr	 ed = tk_el(hdr, "encodingDesc", 2), ai, app, dec, n;

	ai = tk_el(ed, "appInfo", 3);
	app = tk_el(ai, "application", 4);
	tk_attr(app, "ident", "teikit");
	tk_attr(app, "version", teikit_version());
	tk_el_text(app, "label", 5, "teikit", 6);
	tk_close(app, 4);
	tk_close(ai, 3);
	if (!e->text.bom && !e->text.crlf) {
		tk_close(ed, 2);
		return;
	}
	dec = tk_el(ed, "editorialDecl", 3);
	if (e->text.bom) {
		n = tk_el(dec, "normalization", 4);
		tk_attr(n, "n", "bom");
		S_p(n, "The source began with a byte-order mark, removed "
		    "here; the plaintext view restores it.");
		tk_close(n, 4);
	}
	if (e->text.crlf) {
		n = tk_el(dec, "normalization", 4);
		tk_attr(n, "n", "crlf");
		S_p(n, "Line ends were CR LF in the source and are LF here; "
		    "the plaintext view restores them.");
		tk_close(n, 4);
	}
	tk_close(dec, 3);
	tk_close(ed, 2);
}

static void
S_profile_desc(struct tk_enc *e, xmlNodePtr hdr)
{
	xmlNodePtr	 pd, lp, p;
	size_t		 i;
	struct tk_person *person;

	if (e->persons.n == 0)
		return;
	pd = tk_el(hdr, "profileDesc", 2);
	lp = tk_el(tk_el(pd, "particDesc", 3), "listPerson", 4);
	for (i = 0; i < e->persons.n; i++) {
		person = TK_VEC_AT(&e->persons, struct tk_person, i);
		p = tk_el(lp, "person", 5);
		tk_attr(p, "xml:id", person->id);
		if (person->role)
			tk_attr(p, "role", person->role == PERSON_FROM ?
			    "sender" : "recipient");
		tk_el_text(p, "persName", 6, person->name,
		    strlen(person->name));
		tk_close(p, 5);
	}
	tk_close(lp, 4);
	tk_close(lp->parent, 3);
	tk_close(pd, 2);
}

xmlNodePtr
tk_header_build(struct tk_enc *e, xmlDocPtr doc)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc), hdr;

	hdr = tk_el(root, "teiHeader", 1);
	S_file_desc(e, hdr);
	S_encoding_desc(e, hdr);
	S_profile_desc(e, hdr);
	tk_close(hdr, 1);
	return hdr;
}
