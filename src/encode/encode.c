/*
 * encode.c -- the encoder's driver: options, the order of the stages
 * (input, blocks, notes section, persons, inline tokens, markers,
 * header, body) and the TEI document they build.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define DEFAULT_SERIES "Foreign Relations of the United States"

teikit_encoder *
teikit_encoder_new(void)
{
	teikit_encoder	*enc;

	tk_xml_init();	/* before any thread of the caller's uses libxml2 */
	if ((enc = calloc(1, sizeof(*enc))) == NULL)
		return NULL;
	enc->speakers.size = sizeof(char *);
	if ((enc->series = strdup(DEFAULT_SERIES)) == NULL ||
	    (enc->lang = strdup("en")) == NULL) {
		teikit_encoder_free(enc);
		return NULL;
	}
	return enc;
}

void
teikit_encoder_free(teikit_encoder *enc)
{
	size_t	 i;

	if (enc == NULL)
		return;
	for (i = 0; i < enc->speakers.n; i++)
		free(*TK_VEC_AT(&enc->speakers, char *, i));
	tk_vec_free(&enc->speakers);
	free(enc->series);
	free(enc->lang);
	free(enc->first_note);
	free(enc);
}

void
teikit_encoder_set_diag(teikit_encoder *enc, teikit_diag_fn fn, void *arg)
{
	enc->diag_fn = fn;
	enc->diag_arg = arg;
}

void
teikit_encoder_set_explain(teikit_encoder *enc, teikit_explain_fn fn,
    void *arg)
{
	enc->explain_fn = fn;
	enc->explain_arg = arg;
}

/* A BCP 47 tag, loosely: letters, digits and hyphens. */
static int
S_valid_lang(const char *s)
{
	size_t	 n = strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

	return n > 0 && n < 36 && s[n] == '\0' && s[0] != '-';
}

static int
S_replace(char **slot, const char *value)
{
	char	*p;

	if ((p = strdup(value)) == NULL)
		return -1;
	free(*slot);
	*slot = p;
	return 0;
}

int
teikit_encoder_set(teikit_encoder *enc, const char *name, const char *value)
{
	const char	*eq;
	char		**slot;
	struct tk_notenum nn;

	if (strcmp(name, "profile") == 0 && (strcmp(value, "tei") == 0 ||
	    strcmp(value, "frus") == 0)) {
		enc->frus = strcmp(value, "frus") == 0;
		return 0;
	}
	if (strcmp(name, "series") == 0 && value[0] != '\0')
		return S_replace(&enc->series, value);
	if (strcmp(name, "lang") == 0 && S_valid_lang(value))
		return S_replace(&enc->lang, value);
	if (strcmp(name, "first-note") == 0 && strlen(value) < 8 &&
	    tk_notenum_parse(value, strlen(value), &nn) == 0)
		return S_replace(&enc->first_note, value);
	if (strcmp(name, "speaker") == 0 && (eq = strchr(value, '=')) &&
	    eq > value && eq[1] != '\0' && eq - value <= 40) {
		if ((slot = tk_vec_push(&enc->speakers)) == NULL ||
		    (*slot = strdup(value)) == NULL)
			return -1;
		return 0;
	}
	return -1;
}

/* Decisions are gathered, then told in the order of the input.  Their
 * lines and columns are counted at the end, in the order of the text:
 * the stages give decisions on one line in turns (a marker, then its
 * note's text at the foot, then the next marker), and counting each
 * from its line's start was quadratic on a long line. */
struct decision {
	size_t		 off;
	unsigned	 line, col;
	size_t		 seq;
	char		*what;
};

void
tk_explain(struct tk_enc *e, size_t off, const char *fmt, ...)
{
	va_list		 ap;
	char		 msg[512];
	struct decision	*d;

	if (e->opts->explain_fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if ((d = tk_vec_push(&e->decisions)) == NULL)
		return;
	d->seq = e->decisions.n;
	d->off = off;
	d->what = strdup(msg);
}

static int
S_decision_cmp(const void *a, const void *b)
{
	const struct decision *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : 1;
}

static int
S_decision_off_cmp(const void *a, const void *b)
{
	const struct decision *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->seq < y->seq ? -1 : 1;
}

static void
S_tell(struct tk_enc *e)
{
	size_t		 i;
	struct decision	*d;

	if (e->decisions.n == 0)
		return;
	if (e->text.lines.n > 0) {
		qsort(e->decisions.items, e->decisions.n,
		    sizeof(struct decision), S_decision_off_cmp);
		for (i = 0; i < e->decisions.n; i++) {
			d = TK_VEC_AT(&e->decisions, struct decision, i);
			if (d->off != TK_NOPOS)
				tk_text_pos(&e->text, d->off, &d->line,
				    &d->col);
		}
	}
	qsort(e->decisions.items, e->decisions.n, sizeof(struct decision),
	    S_decision_cmp);
	for (i = 0; i < e->decisions.n; i++) {
		d = TK_VEC_AT(&e->decisions, struct decision, i);
		if (d->what != NULL)
			e->opts->explain_fn(d->line, d->col, d->what,
			    e->opts->explain_arg);
		free(d->what);
	}
	tk_vec_free(&e->decisions);
}

/* <?teikit-source …?>: what the plaintext view needs to give back the
 * input's bytes that are not text: BOM, line ends, the final ones. */
static void
S_source_pi(struct tk_enc *e, xmlDocPtr doc, xmlNodePtr root)
{
	char	 data[128];

	snprintf(data, sizeof(data), "eol=\"%s\" bom=\"%s\" final-eols=\"%u\"",
	    e->text.crlf ? "crlf" : "lf", e->text.bom ? "yes" : "no",
	    e->blank_after + (e->text.final_eol ? 1 : 0));
	xmlAddPrevSibling(root, xmlNewDocPI(doc, BAD_CAST "teikit-source",
	    BAD_CAST data));
}

static xmlDocPtr
S_build(struct tk_enc *e)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, text, body, div;
	xmlNsPtr	 ns;
	char		 id[48];

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return NULL;
	/* what it is written in: serialising it then writes nothing into
	 * it (and the self-check may read it meanwhile) */
	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	root = xmlNewNode(NULL, BAD_CAST "TEI");
	ns = xmlNewNs(root, BAD_CAST TEI_NS, NULL);
	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	xmlNodeSetLang(root, BAD_CAST e->opts->lang);
	tk_explain(e, TK_NOPOS, "language %s (--lang to change)",
	    e->opts->lang);
	S_source_pi(e, doc, root);
	tk_header_build(e, doc);
	text = tk_el(root, "text", 1);
	body = tk_el(text, "body", 2);
	div = tk_el(body, "div", 3);
	tk_attr(div, "type", "document");
	if (e->docnum[0]) {
		tk_attr(div, "n", e->docnum);
		snprintf(id, sizeof(id), "d%s", e->docnum);
		tk_attr(div, "xml:id", id);
	}
	tk_tree_build(e, doc, div);
	tk_close(body, 2);
	tk_close(text, 1);
	tk_close(root, 0);
	return doc;
}

void
tk_enc_init(struct tk_enc *e, teikit_encoder *enc, const char *name)
{
	memset(e, 0, sizeof(*e));
	e->opts = enc;
	e->rep.fn = enc->diag_fn;
	e->rep.arg = enc->diag_arg;
	e->rep.file = name;
	e->blocks.size = sizeof(struct tk_block);
	e->toks.size = sizeof(struct tk_token);
	e->notes.size = sizeof(struct tk_note);
	e->listed.size = sizeof(struct tk_listed);
	e->persons.size = sizeof(struct tk_person);
	e->used_ids.size = sizeof(char *);
	e->decisions.size = sizeof(struct decision);
}

/* The stages that read the input, before any tree is built. */
int
tk_enc_analyse(struct tk_enc *e, const char *buf, size_t len)
{
	if (tk_text_read(&e->text, buf, len, &e->rep) == -1 ||
	    tk_blocks_split(e) == -1)
		return -1;
	tk_blocks_classify(e);
	tk_letter_classify(e);
	if (tk_notes_section(e) == -1 || tk_persons_collect(e) == -1 ||
	    tk_inline_scan(e) == -1 || tk_notes_resolve(e) == -1)
		return -1;
	return 0;
}

void
tk_enc_free(struct tk_enc *e)
{
	size_t		 i;
	struct tk_person *p;

	for (i = 0; i < e->persons.n; i++) {
		p = TK_VEC_AT(&e->persons, struct tk_person, i);
		free(p->name);
		free(p->id);
		free(p->label);
	}
	for (i = 0; i < e->used_ids.n; i++)
		free(*TK_VEC_AT(&e->used_ids, char *, i));
	S_tell(e);
	tk_vec_free(&e->persons);
	tk_vec_free(&e->used_ids);
	tk_vec_free(&e->blocks);
	tk_vec_free(&e->toks);
	tk_vec_free(&e->notes);
	tk_vec_free(&e->listed);
	tk_text_free(&e->text);
}

teikit_doc *
teikit_encoder_run(teikit_encoder *enc, const char *buf, size_t len,
    const char *name)
{
	struct tk_enc	 e;
	xmlDocPtr	 doc = NULL;
	teikit_doc	*out = NULL;

	tk_enc_init(&e, enc, name);
	if (tk_enc_analyse(&e, buf, len) == -1)
		goto out;
	if ((doc = S_build(&e)) == NULL || (out = tk_doc_wrap(doc)) == NULL) {
		tk_diag(&e.rep, 0, 0, TK_S_NOMEM, "out of memory");
		xmlFreeDoc(doc);
	}
out:
	tk_enc_free(&e);
	return out;
}
