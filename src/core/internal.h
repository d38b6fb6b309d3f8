/*
 * internal.h -- types and functions shared by libteikit's stages; not
 * installed.  The stages of the encoder, in order: input.c (bytes to
 * checked lines), blocks.c (lines to classified blocks), inline.c
 * (inline tokens: escapes, page breaks, marker candidates), notes.c
 * (the notes section and the marker resolver), persons.c (participants,
 * speakers, mentions), header.c and tree.c (the TEI tree), encode.c
 * (the driver).
 */
#ifndef TEIKIT_INTERNAL_H
#define TEIKIT_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "teikit.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"

/* The diagnostic sink every stage reports through. */
struct tk_report {
	teikit_diag_fn	 fn;
	void		*arg;
	const char	*file;
	teikit_level	 worst;		/* worst level reported */
	int		 errors;	/* count of ERROR or worse */
};

void	tk_diag(struct tk_report *, unsigned line, unsigned col,
	    teikit_code, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
void	tk_vdiag(struct tk_report *, unsigned line, unsigned col,
	    teikit_code, const char *fmt, va_list);

/* A growable array of fixed-size items. */
struct tk_vec {
	void	*items;
	size_t	 n, cap, size;
};
void	*tk_vec_push(struct tk_vec *);	/* zeroed new slot, or NULL */
void	 tk_vec_free(struct tk_vec *);
#define TK_VEC_AT(v, type, i) (&((type *)(v)->items)[(i)])

/* input.c: the checked, normalised input. */
struct tk_line {
	size_t	 off, len;	/* into tk_text.buf, without the line end */
	unsigned lineno;	/* 1-based, as in the original file */
};
struct tk_text {
	char		*buf;	/* normalised copy: no BOM, LF line ends */
	size_t		 len;
	int		 bom;	/* a BOM was removed */
	int		 crlf;	/* CR LF line ends became LF */
	int		 final_eol;	/* the input ended with a line end */
	struct tk_vec	 lines;	/* struct tk_line */
};
int	 tk_text_read(struct tk_text *, const char *buf, size_t len,
	    struct tk_report *);
void	 tk_text_free(struct tk_text *);
/* Line and column (in characters) of a byte offset into text->buf. */
void	 tk_text_pos(const struct tk_text *, size_t off,
	    unsigned *line, unsigned *col);
size_t	 tk_utf8_len(unsigned char lead);

/* blocks.c: blocks are runs of non-empty lines. */
enum tk_block_kind {
	BLOCK_SOURCE,	/* "761.94/7-2145: Telegram" */
	BLOCK_TITLE,	/* "No. 1235" + the title line */
	BLOCK_PAGE,	/* "[Page 15]" alone */
	BLOCK_TURN,	/* "Sato: ..." a labelled turn */
	BLOCK_CONT,	/* unlabelled, continues the turn before it */
	BLOCK_EDITORIAL,	/* bracketed, parenthesised, or dots */
	BLOCK_PARA,	/* a narrative paragraph */
	BLOCK_NOTES,	/* "---" and the notes after it */
	BLOCK_CLASS,	/* "top secret" / "priority" (letter.c) */
	BLOCK_DESPATCH,	/* "No. 573", the despatch's own number */
	BLOCK_DATELINE,	/* "Moscow, July 25, 1945—11:53 p.m." */
	BLOCK_LIST_HEAD,	/* "SUBJECT", "PARTICIPANTS" */
	BLOCK_LIST_ITEM,	/* an item of such a list */
	BLOCK_LETTERED,	/* "a. The Chinese Government ...": a labelled item */
	BLOCK_CLOSE,	/* "Respectfully yours," */
	BLOCK_SIGNED,	/* the signature */
	BLOCK_POSTSCRIPT,	/* editorial paragraphs after the signature */
	BLOCK_SALUTE,	/* "Sir:", "My dear Mr. President:" on its own */
	BLOCK_RECEIVED,	/* "[Received July 26—9 a.m.]" after a dateline */
	BLOCK_QUOTE	/* a paragraph of a quoted text ("Following is …") */
};
struct tk_block {
	enum tk_block_kind kind;
	size_t		 off, len;	/* whole block, lines joined by LF */
	size_t		 first, nlines;	/* index into text.lines */
	unsigned	 blank_before;	/* empty lines before it */
	int		 escaped;	/* opens with "\": no block rule */
	size_t		 label_len;	/* TURN: "Label"; LETTERED: "a." */
	int		 person;	/* TURN/CONT: index into persons */
	size_t		 salute_len;	/* PARA: "Sir:" opening it, or 0 */
	long		 number;	/* PARA: "1." of a numbered sequence */
	size_t		 tok_first, tok_n;	/* its inline tokens */
	int		 free;		/* DATELINE: stands free, not in an
					 * opener (FRUS after 1950) */
	int		 omission;	/* EDITORIAL: a row of spaced dots,
					 * ". . . . . . .": a <gap> */
};

/* letter.c, dateline.c: the frame around the body. */
struct tk_dateline {
	size_t		 place_off;	/* 1 in "[Chungking,] …", else 0 */
	size_t		 place_len;	/* "Moscow" */
	size_t		 date_off, date_len;	/* "July 25, 1945—11:53 p.m.";
					 * date_len 0: a place alone */
	char		 when[48];	/* "1945-07-25T23:53:00", or ""
					 * ("undated") */
	int		 year;		/* 1945, or 0 */
};
int	 tk_dateline_parse(const char *, size_t, struct tk_dateline *);
/* "[Received September 11.]": the date's offset and length in the
 * line, and @when when the day is known (the year from `sent`). */
struct tk_received {
	size_t		 date_off, date_len;
	char		 when[48];	/* "1942-09-11", or "" */
	int		 year_given;	/* the line writes the year */
};
int	 tk_received_parse(const char *, size_t, const struct tk_dateline *,
	    struct tk_received *);
size_t	 tk_salute_len(const char *, size_t, int alone);
/* "PARTICIPANTS", "MEMBERS PRESENT", "The following were present:":
 * the list type a heading gives ("participants"), or NULL. */
const char *tk_list_type(const char *, size_t);
struct tk_enc;
void	 tk_letter_classify(struct tk_enc *);

/* inline.c: tokens of a block's text. */
enum tk_tok_type {
	TOK_TEXT,	/* plain text */
	TOK_LB,		/* a line end inside a block */
	TOK_ESC,	/* the backslash of an escape */
	TOK_PAGE,	/* "[Page N]" */
	TOK_DIGITS,	/* a digit run that may hold a footnote marker */
	TOK_CORR,	/* "100 [116]": a number and its correction */
	TOK_QUERY,	/* "[set up?]": a reading the editors query */
	TOK_GAP,	/* "[Omission]", "[Garble]", "[Here follows …]" */
	TOK_ELLIPSIS	/* ". . .": an omission marked in the text */
};
enum tk_glue {
	GLUE_NONE,	/* start of block, space, or other */
	GLUE_LETTER,	/* "Roosevelt28" */
	GLUE_PUNCT,	/* "now,3" */
	GLUE_NUMPUNCT,	/* "No. 1441.1": punctuation after a digit */
	GLUE_YEAR	/* "19561": a year, then digits */
};
struct tk_token {
	enum tk_tok_type type;
	size_t		 off, len;	/* source bytes */
	size_t		 voff, vlen;	/* PAGE: the number; DIGITS: candidate;
					 * CORR: the correction; QUERY, GAP:
					 * the words inside the brackets */
	enum tk_glue	 glue;
	int		 literal;	/* TEXT: escaped, no mention match */
	int		 note;		/* DIGITS: index+1 into notes, or 0 */
	const char	*reason;	/* GAP: gap/@reason */
};

/* notes.c: footnotes, from markers and from the notes section. */
struct tk_notenum {
	long	 num;
	int	 letter;	/* 0, or 'a'..'z' */
};
int	 tk_notenum_parse(const char *, size_t, struct tk_notenum *);
int	 tk_notenum_follows(const struct tk_notenum *,
	    const struct tk_notenum *);

struct tk_note {
	char		 n[16];		/* "1", "16a" */
	size_t		 tok;		/* the marker token */
	int		 listed;	/* index+1 into listed, or 0 */
};

/* A note in the notes section: "N. text". */
struct tk_listed {
	char		 n[16];
	size_t		 off, len;	/* the text after "N. " */
	unsigned	 lineno;
	size_t		 tok_first, tok_n;
	int		 used;
};

/* persons.c: participants. */
struct tk_person {
	char		*name;		/* "Sato", "Lozovsky" */
	char		*id;		/* "sato" */
	char		*label;		/* speaker label resolved to it, or NULL */
	int		 role;		/* PERSON_FROM, PERSON_TO, 0 */
};
#define PERSON_FROM 1
#define PERSON_TO 2

struct teikit_encoder {
	teikit_diag_fn	 diag_fn;
	void		*diag_arg;
	teikit_explain_fn explain_fn;
	void		*explain_arg;
	char		*series;
	char		*lang;
	char		*first_note;
	struct tk_vec	 speakers;	/* char * "LABEL=NAME" */
	int		 frus;		/* profile "frus": the OoH's encoding */
};

/* The state of one encoding run, handed from stage to stage. */
struct tk_enc {
	teikit_encoder	*opts;
	struct tk_report rep;
	struct tk_text	 text;
	struct tk_vec	 blocks;	/* struct tk_block */
	struct tk_vec	 toks;		/* struct tk_token */
	struct tk_vec	 notes;		/* struct tk_note */
	struct tk_vec	 persons;	/* struct tk_person */
	const struct tk_block *source, *title;
	const struct tk_block *notes_block;	/* "---", or NULL */
	size_t		 title_off, title_len;	/* the head's text */
	unsigned	 blank_after;	/* empty lines after the last block */
	char		 docnum[32];	/* "1235", or "" */
	struct tk_vec	 listed;	/* struct tk_listed: notes section */
	struct tk_vec	 used_ids;	/* char *: xml:id values given out */
	struct tk_vec	 decisions;	/* for --explain, see encode.c */
};

#define TK_NOPOS ((size_t)-1)	/* a decision tied to no position */
void	 tk_enc_init(struct tk_enc *, teikit_encoder *, const char *name);
int	 tk_enc_analyse(struct tk_enc *, const char *buf, size_t len);
void	 tk_enc_free(struct tk_enc *);
void	 tk_explain(struct tk_enc *, size_t off, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
char	*tk_strndup(const char *, size_t);
long	 tk_roman_value(const char *, size_t);
int	 tk_is_space(int c);

int	 tk_blocks_split(struct tk_enc *);
void	 tk_blocks_classify(struct tk_enc *);
int	 tk_inline_scan(struct tk_enc *);
int	 tk_inline_span(struct tk_enc *, size_t off, size_t len,
	    int markers, size_t *first, size_t *n);
size_t	 tk_page_number(const char *, size_t);
int	 tk_notes_section(struct tk_enc *);
int	 tk_notes_resolve(struct tk_enc *);
int	 tk_persons_collect(struct tk_enc *);
int	 tk_persons_label(const struct tk_enc *, const char *, size_t);
int	 tk_persons_head(const struct tk_enc *, size_t off[2], size_t len[2],
	    int office[2]);
xmlNodePtr tk_header_build(struct tk_enc *, xmlDocPtr);
int	 tk_tree_build(struct tk_enc *, xmlDocPtr, xmlNodePtr div);

/* tree.c helpers shared with header.c */
xmlNodePtr tk_el(xmlNodePtr parent, const char *name, int depth);
xmlNodePtr tk_el_text(xmlNodePtr parent, const char *name, int depth,
	    const char *text, size_t len);
void	 tk_close(xmlNodePtr parent, int depth);
void	 tk_attr(xmlNodePtr, const char *name, const char *value);

/* doc.c: where each element's start tag was, for diagnostics. */
struct tk_pos {
	const void	*node;
	unsigned	 line, col;
};
struct tk_posmap {
	struct tk_pos	*slots;
	size_t		 n, cap;
};

struct teikit_doc {
	xmlDocPtr	 xml;
	struct tk_posmap pos;	/* empty for documents teikit built */
	int		 ids_checked;	/* a schema checked ID uniqueness */
};
/* node's line:col: an element's '<', an attribute's name (when the
 * parser kept it), or for other nodes their element's */
void	 tk_doc_pos(const teikit_doc *, const void *node, unsigned *line,
	    unsigned *col);
/* the place kept for this very node: 1, or 0 (none kept) */
int	 tk_doc_pos_own(const teikit_doc *, const void *node,
	    unsigned *line, unsigned *col);
/* the attributes written in a start tag, and where each begins */
struct tk_attrpos {
	const char	*name;		/* as written, "p:local" */
	size_t		 len;
	unsigned	 line, col;
};
size_t	 tk_tag_attrs(const char *lt, const char *end, unsigned line,
	    unsigned col, struct tk_attrpos *, size_t max);
int	 tk_attrpos_is(const struct tk_attrpos *, const char *prefix,
	    const char *local);
teikit_doc *tk_doc_wrap(xmlDocPtr);
void	 tk_xml_init(void);
size_t	 tk_xml_message(const xmlError *, char *buf, size_t sz);
void	 tk_loader_allow(int);

/* doc.c: parse from a file descriptor without building a tree, handing
 * each event on; the same safety and messages as teikit_doc_parse.
 * Returns 0 for a well-formed TEI document (any XML document with
 * TEIKIT_DOC_ANY_XML in flags), -1 after reporting. */
struct tk_sax {
	/* names are the parser's (its dictionary's): they last */
	void	(*start)(void *, const char *ns, const char *prefix,
		    const char *local, unsigned line, unsigned col);
	/* ctx: a stand-in element with the namespaces in scope, for
	 * QName values */
	void	(*attr)(void *, const char *ns, const char *prefix,
		    const char *local, const char *value, xmlNodePtr ctx,
		    unsigned line, unsigned col);
	void	(*attrs_done)(void *);
	/* line:col: its first character not white space, or 0:0 */
	void	(*text)(void *, const char *, size_t, unsigned line,
		    unsigned col);
	void	(*end)(void *, xmlNodePtr ctx);
};
int	 tk_doc_stream(int fd, const char *name, struct tk_report *,
	    const struct tk_sax *, void *, int flags);

#endif /* !TEIKIT_INTERNAL_H */
