/*
 * lsp.h -- teikit's Language Server Protocol server (src/lsp/): the
 * JSON-RPC framing and dispatch (server.c), the documents' text and
 * LSP's UTF-16 positions (text.c), the outline, pointers and hover
 * (outline.c), and the command that runs it over standard input and
 * output with `teikit validate`'s schema association (cmd_lsp.c).
 * Not part of the library.
 */
#ifndef TEIKIT_LSP_H
#define TEIKIT_LSP_H

#include <stddef.h>

#include "teikit.h"

/* ---- text.c: a document's text and positions ---- */

/* A position as LSP gives it: a line and a column in UTF-16 code
 * units, both from 0. */
struct lsp_pos {
	unsigned long	 line, character;
};

struct lsp_text {
	char		*buf;		/* UTF-8, NUL-terminated */
	size_t		 len, cap;
	size_t		*lines;		/* each line's start, when nlines */
	size_t		 nlines, linecap;
};

int	 lsp_text_set(struct lsp_text *, const char *s, size_t len);
/* Replace [from, to) (byte offsets) with s: 0, or -1 out of memory. */
int	 lsp_text_splice(struct lsp_text *, size_t from, size_t to,
	    const char *s, size_t len);
void	 lsp_text_free(struct lsp_text *);
/* The byte offset of a position; past a line's end is its end, past
 * the last line the text's end (as LSP says). */
size_t	 lsp_text_offset(const struct lsp_text *, struct lsp_pos);
/* The position of a byte offset. */
struct lsp_pos lsp_text_pos(const struct lsp_text *, size_t off);
/* The byte offset of a 1-based line and a 1-based column counted in
 * characters (code points), as teikit's diagnostics give them. */
size_t	 lsp_text_linecol(const struct lsp_text *, unsigned line,
	    unsigned col);

/* ---- outline.c: elements, ids and pointers of one document ---- */

struct lsp_elem {
	char		*name;		/* local name */
	size_t		 start, tag_end;	/* '<' to after the start tag's '>' */
	size_t		 cend;		/* the end tag's '<' (or tag_end) */
	size_t		 end;		/* after the end tag (or tag_end) */
	long		 parent;	/* index, -1 for the root */
	char		*id;		/* xml:id, or NULL */
	char		*label;		/* what the outline shows, or NULL */
};

struct lsp_outline {
	struct lsp_elem	*v;
	size_t		 n, cap;
};

/* The elements of the text, read leniently (a document being typed is
 * often not well-formed): 0, or -1 out of memory. */
int	 lsp_outline_build(struct lsp_outline *, const char *buf,
	    size_t len);
void	 lsp_outline_free(struct lsp_outline *);
/* The text of [from, to) of buf without its markup, white space
 * collapsed, cut at 80 characters; malloc'd, NULL out of memory. */
char	*lsp_outline_text(const char *buf, size_t from, size_t to);
/* The element whose xml:id is id, or -1. */
long	 lsp_outline_find_id(const struct lsp_outline *, const char *id);
/* The innermost element whose start tag holds the offset, or -1. */
long	 lsp_outline_tag_at(const struct lsp_outline *, size_t off);
/* Is the offset inside a #pointer in an attribute value of the start
 * tag [start, end) of buf?  Then the id it names, malloc'd (without
 * the '#'), its attribute's name in attr (of size sz), and the
 * pointer's byte range; else NULL. */
char	*lsp_pointer_at(const char *buf, size_t start, size_t end,
	    size_t off, char *attr, size_t sz, size_t *from, size_t *to);

/* ---- server.c: the protocol ---- */

/* Validate the document `name` whose text is buf, reporting each
 * diagnostic through fn. */
typedef void (*lsp_check_fn)(void *arg, const char *name, const char *buf,
    size_t len, teikit_diag_fn fn, void *fnarg);
/* Write n bytes of output (a whole framed message). */
typedef void (*lsp_write_fn)(void *arg, const char *buf, size_t n);
/* Log a line (no newline) about the protocol. */
typedef void (*lsp_log_fn)(void *arg, const char *msg);

/* What the schema allows at byte off of the document `name` whose
 * text is buf (teikit_schema_expected() through its schema): 0, or -1
 * when there is nothing to say. */
typedef int (*lsp_complete_fn)(void *arg, const char *name,
    const char *buf, size_t len, size_t off, teikit_expect_fn fn,
    void *fnarg);

struct lsp;

struct lsp	*lsp_new(lsp_check_fn, void *check_arg, lsp_write_fn,
		    lsp_log_fn, void *io_arg);
void		 lsp_free(struct lsp *);
/* Completion from the schema: advertised only when set. */
void		 lsp_set_complete(struct lsp *, lsp_complete_fn, void *arg);
/*
 * Bytes from the client: each complete message in them (and in those
 * fed before) is handled.  Returns 0 to go on, or 1 when the client
 * said exit.
 */
int		 lsp_feed(struct lsp *, const char *buf, size_t n);
/* Does the input hold a whole message not yet handled? */
int		 lsp_pending(const struct lsp *);
/* No more input for now: validate what changed and publish. */
void		 lsp_idle(struct lsp *);
/* The exit status LSP asks for: 0 after shutdown, else 1. */
int		 lsp_status(const struct lsp *);

#endif /* !TEIKIT_LSP_H */
