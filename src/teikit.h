/*
 * teikit.h -- the one public interface of libteikit: encode plaintext
 * transcriptions as TEI P5, read TEI safely, and render it through XSLT.
 *
 * Conventions: every type is opaque; every constructor has a matching
 * _free; a function that returns a pointer says who owns it.  The library
 * never prints and never exits: it reports through a diagnostic callback
 * and through return values.
 */
#ifndef TEIKIT_H
#define TEIKIT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Diagnostics: one catalogue, severity bands in ascending order.      */
/* ------------------------------------------------------------------ */

/*
 * Severity bands.  The exit status of the teikit command is the worst
 * band seen: see teikit_level_exit().
 */
typedef enum teikit_level {
	TEIKIT_LEVEL_NOTE = 0,	/* a normalisation or remark; exit 0 */
	TEIKIT_LEVEL_WARNING,	/* input accepted, but look at it; exit 1 */
	TEIKIT_LEVEL_ERROR,	/* input refused; exit 2 */
	TEIKIT_LEVEL_USAGE,	/* bad command line; exit 3 */
	TEIKIT_LEVEL_SYSTEM	/* I/O, memory or internal failure; exit 4 */
} teikit_level;

/*
 * Every diagnostic teikit can report.  Codes are stable: they are
 * printed as TK-N001, TK-W001, TK-E001, TK-U001, TK-S001 and may be
 * matched by scripts.  New codes are only ever appended to a band.
 */
typedef enum teikit_code {
	/* notes */
	TK_N_BOM = 0,		/* byte-order mark removed and declared */
	TK_N_CRLF,		/* CR LF line ends normalised and declared */
	TK_N_SCHEMATRON,	/* declared Schematron rules not checked */
	TK_N_SCH_INFO,		/* Schematron finding, role info */
	TK_N__MAX,
	/* warnings */
	TK_W_YEAR_MARKER = 100,	/* digits after a year read as a marker */
	TK_W_SPEAKER,		/* speaker label resolved to no person */
	TK_W_WS_LINE,		/* whitespace-only line inside a block */
	TK_W_XML,		/* XML parser warning */
	TK_W_EMPTY_P,		/* rule: empty paragraph */
	TK_W_NOTE_SPACE,	/* rule: white space before a footnote */
	TK_W_DOCNUM,		/* rule: document numbers not consecutive */
	TK_W_QUOTES,		/* rule (frus): straight quotes in text */
	TK_W_XSLT,		/* a stylesheet's message (xsl:message) */
	TK_W_EXTERNAL,		/* external entity or DTD left unread */
	TK_W_CLOSER,		/* rule (frus): <closer> without <signed> */
	TK_W_DATE,		/* rule (frus): date/@when not ISO 8601 */
	TK_W_SKIPPED,		/* build: an input whose outputs clash */
	TK_W_MODEL,		/* an <?xml-model?> teikit cannot use */
	TK_W_ID_DUP,		/* integrity: xml:id used twice */
	TK_W_POINTER,		/* integrity: #pointer that resolves nowhere */
	TK_W_SCHEMATRON,	/* Schematron finding, role warning */
	TK_W_NO_TEXT,		/* view: the document has no text to show */
	TK_W__MAX,
	/* errors in the input */
	TK_E_EMPTY = 200,	/* empty or whitespace-only input */
	TK_E_UTF8,		/* invalid UTF-8 */
	TK_E_NUL,		/* NUL byte */
	TK_E_CONTROL,		/* character XML 1.0 forbids */
	TK_E_EOL_MIXED,		/* CR LF and LF line ends mixed */
	TK_E_PAGE_OPEN,		/* "[Page" without "]" */
	TK_E_NOTE_ORPHAN,	/* note text whose number has no marker */
	TK_E_NOTE_LINE,		/* notes section: no "N. " first, or empty line */
	TK_E_NOTE_DUP,		/* note number given twice */
	TK_E_NOTE_ORDER,	/* notes section out of marker order */
	TK_E_NOTES_EMPTY,	/* "---" with no notes after it */
	TK_E_XML,		/* XML not well-formed */
	TK_E_NOT_TEI,		/* XML but not a TEI document */
	TK_E_XSLT,		/* stylesheet reported an error */
	TK_E_SPEAKER_MAP,	/* --speaker mapping names no label */
	TK_E_SCHEMA,		/* not valid against the RELAX NG schema */
	TK_E_ID_DUP,		/* rule: xml:id used twice */
	TK_E_POINTER,		/* rule: #pointer that resolves nowhere */
	TK_E_SP_SPEAKER,	/* rule: <sp> without <speaker> */
	TK_E_SP_WHO,		/* rule: <sp who> names no person */
	TK_E_NOTE_SEQ,		/* rule: footnote numbers out of sequence */
	TK_E_NOTE_ID,		/* rule: footnote id not <div id>fn<n> */
	TK_E_PAGE_ORDER,	/* rule: page numbers not ascending */
	TK_E_XINCLUDE,		/* XInclude refused or failed */
	TK_E_LATEX,		/* pdflatex failed on the LaTeX view */
	TK_E_NO_SCHEMA,		/* not TEI, and no schema declared or given */
	TK_E_SCHEMATRON,	/* Schematron assert failed or report fired */
	TK_E__MAX,
	/* usage */
	TK_U_OPTION = 300,	/* unknown option or missing argument */
	TK_U_ARGUMENT,		/* bad option argument */
	TK_U_SAME_FILE,		/* output would overwrite the input */
	TK_U__MAX,
	/* system */
	TK_S_READ = 400,	/* cannot read a file */
	TK_S_WRITE,		/* cannot write a file */
	TK_S_NOMEM,		/* out of memory */
	TK_S_DATA,		/* schema or stylesheet missing or broken */
	TK_S_INTERNAL,		/* teikit's own output failed its checks */
	TK_S_URL,		/* a schema URL no catalog maps to a file */
	TK_S__MAX
} teikit_code;

/* One diagnostic, as passed to a teikit_diag_fn.  Valid only during the
 * call: copy what you keep. */
typedef struct teikit_diag {
	const char	*file;	/* input name; never NULL ("-" for stdin) */
	unsigned	 line;	/* 1-based; 0 when not tied to a line */
	unsigned	 col;	/* 1-based, in characters; 0 if unknown */
	teikit_code	 code;
	const char	*message;	/* complete sentence, no newline */
	const char	*rule;	/* Schematron: the pattern's id, or NULL */
	const char	*xpath;	/* Schematron: the node, as an XPath */
} teikit_diag;

typedef void (*teikit_diag_fn)(const teikit_diag *d, void *arg);

/* The band a code belongs to. */
teikit_level	 teikit_code_level(teikit_code code);

/* The printable code, e.g. "TK-E002"; static storage. */
const char	*teikit_code_name(teikit_code code);

/* "note", "warning", "error"; static storage. */
const char	*teikit_level_name(teikit_level level);

/* The command's exit status for the worst band seen: 0..4. */
int		 teikit_level_exit(teikit_level worst);

/* The library version, e.g. "0.1.0"; static storage. */
const char	*teikit_version(void);

/* ------------------------------------------------------------------ */
/* Documents.                                                          */
/* ------------------------------------------------------------------ */

/* A TEI document in memory. */
typedef struct teikit_doc teikit_doc;

/*
 * Parse a TEI document from memory, safely: no network, no DTD loading,
 * no external entities.  `name` labels diagnostics.  Returns a document
 * the caller owns (free with teikit_doc_free), or NULL after reporting
 * at least one error through `fn`.
 */
teikit_doc	*teikit_doc_parse(const char *buf, size_t len,
		    const char *name, teikit_diag_fn fn, void *arg);

/*
 * As teikit_doc_parse(), and then process XInclude elements, reading
 * only files inside the directory `basedir` (no network).  A refused
 * or failed inclusion is an error (TK-E…).
 */
teikit_doc	*teikit_doc_parse_xinclude(const char *buf, size_t len,
		    const char *name, const char *basedir,
		    teikit_diag_fn fn, void *arg);

/*
 * As teikit_doc_parse_xinclude() (basedir NULL: no XInclude), with
 * flags: TEIKIT_DOC_ANY_XML takes any XML document, not only TEI (for
 * validating a project's other XML against its own schema).
 */
#define TEIKIT_DOC_ANY_XML	0x01
teikit_doc	*teikit_doc_parse_flags(const char *buf, size_t len,
		    const char *name, const char *basedir, int flags,
		    teikit_diag_fn fn, void *arg);

/* Is the document's root element in the TEI namespace? */
int		 teikit_doc_is_tei(const teikit_doc *doc);

/*
 * Serialise `doc` as UTF-8 XML.  On success stores a malloc'd buffer
 * (caller frees with free()) and its length and returns 0; returns -1
 * when out of memory.
 */
int		 teikit_doc_serialize(const teikit_doc *doc,
		    char **buf, size_t *len);

void		 teikit_doc_free(teikit_doc *doc);

/*
 * The document's title (the header's first title, else the first head)
 * and number (the first document division's n), white space collapsed;
 * malloc'd strings the caller frees, "" when absent, NULL when out of
 * memory.
 */
char		*teikit_doc_title(const teikit_doc *doc);
char		*teikit_doc_number(const teikit_doc *doc);

/* One document of a volume, for teikit_doc_split(). */
typedef int (*teikit_part_fn)(teikit_doc *part, const char *name,
    void *arg);

/*
 * A volume into its documents: for each div type="document" of `doc`
 * (the outermost ones, in document order) calls `fn` with a new
 * standalone TEI document, which `fn` owns (free with teikit_doc_free):
 * the volume's header titled with the division's head (notes left
 * out), and a body that holds the division alone, preceded by the
 * <?teikit-source?> that stood just before it, if any.  Any view
 * renders it as a page.  `name` is a file name without extension,
 * unique within the volume and the same on every run: the division's
 * xml:id, else its n, else "document-K" (K counts the divisions from
 * 1), with characters other than ASCII letters, digits, '-', '_' and
 * '.' made '-', and "-K" added to a name given before.  Stops at the
 * first nonzero return of `fn` and returns it; returns 0 when done (a
 * document with no document division calls `fn` never), or -1 when
 * out of memory.  A teiCorpus is split into its TEI documents instead
 * (those of nested corpora too), each whole with its own header, named
 * in the same way.
 */
int		 teikit_doc_split(const teikit_doc *doc, teikit_part_fn fn,
		    void *arg);

/* ------------------------------------------------------------------ */
/* The encoder: plaintext transcription -> TEI P5.                     */
/* ------------------------------------------------------------------ */

typedef struct teikit_encoder teikit_encoder;

/* One decision the encoder took, for --explain. */
typedef void (*teikit_explain_fn)(unsigned line, unsigned col,
    const char *decision, void *arg);

/* A new encoder with default settings (profile "tei").  Caller owns it;
 * NULL when out of memory. */
teikit_encoder	*teikit_encoder_new(void);

void		 teikit_encoder_free(teikit_encoder *enc);

/* Where diagnostics and decisions go; either may be NULL. */
void		 teikit_encoder_set_diag(teikit_encoder *enc,
		    teikit_diag_fn fn, void *arg);
void		 teikit_encoder_set_explain(teikit_encoder *enc,
		    teikit_explain_fn fn, void *arg);

/*
 * Set a named option; returns 0, or -1 for an unknown name or a bad
 * value.  Names:
 *   "profile"    "tei" (the default) or "frus": the encoding of the
 *                Office of the Historian (no <sp>; a turn is a <p>
 *                whose speaker is a <persName corresp>)
 *   "series"     the series named in the source description
 *                (default "Foreign Relations of the United States")
 *   "lang"       the text's language as a BCP 47 tag (default "en")
 *   "speaker"    "LABEL=NAME": resolve a speaker label to a person
 *                (may be given several times)
 *   "first-note" the number ("4", "16a") at which the sequence of
 *                footnote markers begins, overriding the notes section
 * The encoder copies the value.
 */
int		 teikit_encoder_set(teikit_encoder *enc,
		    const char *name, const char *value);

/*
 * Encode the plaintext `buf` of `len` bytes; `name` labels diagnostics.
 * Returns a TEI document the caller owns, or NULL when the input has
 * errors (each reported through the diagnostic callback) or memory ran
 * out (reported as TK-S003).
 */
teikit_doc	*teikit_encoder_run(teikit_encoder *enc, const char *buf,
		    size_t len, const char *name);

/* ------------------------------------------------------------------ */
/* Validation: a RELAX NG schema, then rules a schema cannot express.  */
/* ------------------------------------------------------------------ */

typedef struct teikit_schema teikit_schema;

/*
 * Compile the RELAX NG schema (XML syntax) at `path` once, for any
 * number of documents.  Returns a schema the caller owns (free with
 * teikit_schema_free), or NULL after reporting through `fn`, which also
 * receives the diagnostics of every later teikit_schema_validate().
 */
teikit_schema	*teikit_schema_new(const char *path, teikit_diag_fn fn,
		    void *arg);

/* The validation engines: teikit's own (RELAX NG by derivatives, the
 * default) and libxml2's, kept to compare. */
typedef enum teikit_engine {
	TEIKIT_ENGINE_TEIKIT = 0,
	TEIKIT_ENGINE_LIBXML2
} teikit_engine;

/* The engine named "teikit" or "libxml2"; -1 for another name. */
int		 teikit_engine_parse(const char *name);

/* teikit_schema_new() with a choice of engine. */
teikit_schema	*teikit_schema_new_engine(const char *path,
		    teikit_engine engine, teikit_diag_fn fn, void *arg);

void		 teikit_schema_free(teikit_schema *schema);

/*
 * Validate `doc`, reporting each problem (TK-E… with the element's line
 * and column when teikit parsed the document) under the name `docname`.
 * Returns the number of errors, 0 for a valid document, or -1 on a
 * system failure.
 */
int		 teikit_schema_validate(teikit_schema *schema,
		    const teikit_doc *doc, const char *docname);

/*
 * Validate the XML read from `fd` as it is parsed, without building a
 * tree, so memory stays flat however large the file (teikit's engine;
 * libxml2's needs the tree).  XML errors are reported as by
 * teikit_doc_parse().  Returns the number of errors, or -1.
 */
int		 teikit_schema_validate_fd(teikit_schema *schema, int fd,
		    const char *docname);
/* ...with flags: TEIKIT_DOC_ANY_XML takes any XML, not only TEI. */
int		 teikit_schema_validate_fd_flags(teikit_schema *schema,
		    int fd, const char *docname, int flags);

/*
 * Completion: what the schema allows at byte `offset` of a document
 * being typed (buf, len bytes): the text after offset is not read, and
 * the text before it need not be well-formed.  In content, fn gets the
 * elements allowed there, then the innermost open element (to close);
 * in a start tag, the attributes it may still take, the required ones
 * first; in an attribute's value, the values of a closed choice; in an
 * end tag, the innermost open element.  Names are qualified with the
 * prefixes in scope; `doc` is the schema's documentation, or NULL.
 * Returns 0, or -1 (out of memory, or libxml2's engine).  The first
 * call reads the documentation: one thread at a time on a schema.
 */
typedef enum teikit_expect {
	TEIKIT_EXPECT_ELEMENT,
	TEIKIT_EXPECT_REQUIRED,		/* a required attribute */
	TEIKIT_EXPECT_ATTRIBUTE,
	TEIKIT_EXPECT_VALUE,
	TEIKIT_EXPECT_END		/* the element to close */
} teikit_expect;
typedef void (*teikit_expect_fn)(void *arg, teikit_expect kind,
    const char *name, const char *doc);
int		 teikit_schema_expected(teikit_schema *schema,
		    const char *buf, size_t len, size_t offset,
		    teikit_expect_fn fn, void *arg);

/* Sets of rules beyond the schema. */
typedef enum teikit_rules {
	TEIKIT_RULES_NONE = 0,
	TEIKIT_RULES_TEIKIT,	/* structure, pointers, footnotes, pages */
	TEIKIT_RULES_FRUS,	/* teikit's, and the FRUS house style */
	TEIKIT_RULES_INTEGRITY	/* for any TEI: xml:id unique, local
				 * pointers resolve; warnings only */
} teikit_rules;

/* The set named "none", "teikit", "frus" or "integrity"; -1 for
 * another name. */
int		 teikit_rules_parse(const char *name);

/*
 * Check `doc` against a rule set, reporting each finding through `fn`
 * under `docname`.  Returns the number of errors (warnings are not
 * counted), or -1 when out of memory.
 */
int		 teikit_rules_check(const teikit_doc *doc, teikit_rules set,
		    const char *docname, teikit_diag_fn fn, void *arg);

/*
 * Did teikit encode `doc`?  True when its header names teikit as an
 * application (encodingDesc/appInfo/application ident="teikit"): such a
 * document is held to teikit's own rules.
 */
int		 teikit_doc_is_teikit(const teikit_doc *doc);

/*
 * Whether a document has anything for a view to show: a character other
 * than white space under a TEI text, sourceDoc or standOff element.
 */
int		 teikit_doc_has_text(const teikit_doc *doc);

/* ------------------------------------------------------------------ */
/* Schematron (ISO/IEC 19757-3), with XPath 2.0 (src/sch/).            */
/* ------------------------------------------------------------------ */

typedef struct teikit_schematron teikit_schematron;

/*
 * Compile the Schematron rules of the file at `path`: an ISO Schematron
 * schema (sch:schema), or the sch:pattern annotations a RELAX NG schema
 * in XML syntax carries (as every schema an ODD produces does).
 * `phase`: NULL or "#DEFAULT" for the schema's defaultPhase (else all
 * patterns), "#ALL", or a phase's id.  Every expression is compiled
 * now: one that cannot be (a syntax error, or a construct teikit does
 * not support) is reported at its line and the schema refused.  NULL
 * after saying why through fn.  A RELAX NG schema with no rules
 * compiles to a schema with no patterns.
 */
teikit_schematron *teikit_schematron_new(const char *path,
		    const char *phase, teikit_diag_fn fn, void *arg);
void		 teikit_schematron_free(teikit_schematron *sch);

/* What was compiled: active patterns, rules (abstract ones once per
 * use), assertions and reports. */
void		 teikit_schematron_counts(const teikit_schematron *sch,
		    size_t *patterns, size_t *rules, size_t *checks);

/*
 * Check doc: every node of the document (attributes included) against
 * each active pattern, where the first rule whose context matches
 * fires.  Each failed assert and successful report is a diagnostic at
 * its node (TK-E027, TK-W017 or TK-N004 by its role or flag) with the
 * message's value-of and name filled in, d.rule the pattern's id and
 * d.xpath the node's path.  A dynamic XPath error is an error at the
 * node.  With `fired`, the rules that fired and how often, after the
 * check.  Returns the number of findings, -1 when out of memory.  The
 * compiled schema is read-only: threads may check with it at once.
 */
typedef void (*teikit_fired_fn)(const char *context, unsigned line,
		    unsigned long times, void *arg);
int		 teikit_schematron_check(const teikit_schematron *sch,
		    const teikit_doc *doc, const char *docname,
		    teikit_diag_fn fn, teikit_fired_fn fired, void *arg);

/* ------------------------------------------------------------------ */
/* Schema association: <?xml-model?> and XML catalogs (assoc.c).       */
/* ------------------------------------------------------------------ */

/* The schema languages an <?xml-model?> may name. */
typedef enum teikit_model_kind {
	TEIKIT_MODEL_RNG = 0,	/* RELAX NG, XML syntax */
	TEIKIT_MODEL_RNC,	/* RELAX NG, compact syntax */
	TEIKIT_MODEL_SCHEMATRON,
	TEIKIT_MODEL_OTHER	/* XML Schema, a DTD...: not read */
} teikit_model_kind;

/* A document's prolog: its <?xml-model?>s and its root's namespace. */
typedef struct teikit_prolog teikit_prolog;

/*
 * Read the prolog of the XML document in `buf`, or from the descriptor
 * `fd` (read from where it is, no further than the root's start tag):
 * the <?xml-model?> instructions before the root element, in order.
 * Nothing is loaded (no DTD, no entity); a document that is not well-
 * formed yields what came before the error, and its error is left for
 * the parser that reads the whole document.  An instruction whose
 * pseudo-attributes cannot be read is a warning (TK-W014).  Returns a
 * prolog the caller owns, or NULL when out of memory.
 */
teikit_prolog	*teikit_prolog_read(const char *buf, size_t len,
		    const char *name, teikit_diag_fn fn, void *arg);
teikit_prolog	*teikit_prolog_read_fd(int fd, const char *name,
		    teikit_diag_fn fn, void *arg);
void		 teikit_prolog_free(teikit_prolog *prolog);

/* Was the root's start tag reached; is the root in the TEI namespace? */
int		 teikit_prolog_has_root(const teikit_prolog *prolog);
int		 teikit_prolog_is_tei(const teikit_prolog *prolog);

/* The number of <?xml-model?>s, and each one's href (as written, its
 * entities replaced), language (schematypens, else type, else ""),
 * kind and line. */
size_t		 teikit_prolog_models(const teikit_prolog *prolog);
const char	*teikit_prolog_model_href(const teikit_prolog *, size_t i);
const char	*teikit_prolog_model_lang(const teikit_prolog *, size_t i);
teikit_model_kind teikit_prolog_model_kind(const teikit_prolog *,
		    size_t i);
unsigned	 teikit_prolog_model_line(const teikit_prolog *, size_t i);

/* XML catalogs (OASIS XML Catalogs), consulted in the order added. */
typedef struct teikit_catalog teikit_catalog;

teikit_catalog	*teikit_catalog_new(void);
void		 teikit_catalog_free(teikit_catalog *cat);

/* Add the catalog file at `path` (a local, regular file): 0, or -1 with
 * errno set when it cannot be read or is not a catalog. */
int		 teikit_catalog_add(teikit_catalog *cat, const char *path);

/* The local file a catalog maps `uri` to (its uri, rewriteURI or
 * system entries), malloc'd; NULL when none does. */
char		*teikit_catalog_resolve(const teikit_catalog *cat,
		    const char *uri);

/*
 * Where the schema `href` names, for the document `docname` ("-" for
 * standard input: relative to the working directory): a relative
 * reference or file: URL is a path relative to the document's folder;
 * any other URL is looked up in `cat` (never fetched).  Returns the
 * local path, malloc'd; or NULL, with the URL in *url (malloc'd) when
 * no catalog maps it, else *url NULL (out of memory).
 */
char		*teikit_href_locate(const char *href, const char *docname,
		    const teikit_catalog *cat, char **url);

/* Does `s` begin with a URI scheme ("http:", "urn:")? */
int		 teikit_uri_has_scheme(const char *s);

/* ------------------------------------------------------------------ */
/* Views: TEI -> text, HTML, ... through XSLT.                         */
/* ------------------------------------------------------------------ */

typedef struct teikit_view teikit_view;

/*
 * Compile the stylesheet at `path` once, for any number of documents.
 * Stylesheets run with file writes, directory creation and network
 * access forbidden.  Returns a view the caller owns, or NULL after
 * reporting through `fn`.
 */
teikit_view	*teikit_view_new(const char *path, teikit_diag_fn fn,
		    void *arg);

void		 teikit_view_free(teikit_view *view);

/*
 * Set a stylesheet parameter (a string value, quoted for you) for later
 * teikit_view_render() calls; returns 0, or -1 when out of memory.
 */
int		 teikit_view_param(teikit_view *view, const char *name,
		    const char *value);

/*
 * Apply the view to `doc`.  On success stores a malloc'd buffer (caller
 * frees with free()) and its length and returns 0; on failure reports
 * through the view's callback, naming `docname`, and returns -1.
 */
int		 teikit_view_render(teikit_view *view, const teikit_doc *doc,
		    const char *docname, char **buf, size_t *len);

/*
 * Compile the LaTeX document `tex` (the LaTeX view) into a PDF with
 * pdflatex, in a temporary directory that is removed afterwards.  On
 * success stores a malloc'd PDF (caller frees) and its length and
 * returns 0; otherwise reports under `name` (pdflatex missing: TK-S004,
 * naming the Debian package; LaTeX errors: TK-E…) and returns -1.
 */
int		 teikit_pdf_compile(const char *tex, size_t len,
		    const char *name, char **pdf, size_t *plen,
		    teikit_diag_fn fn, void *arg);

/* ------------------------------------------------------------------ */
/* Output.                                                             */
/* ------------------------------------------------------------------ */

/*
 * Write `len` bytes to `path` atomically: to a temporary file in the
 * same directory, flushed, then renamed over `path`, so that `path`
 * holds either its old contents or all of the new ones.  Returns 0, or
 * -1 with errno set.
 */
int		 teikit_file_write(const char *path, const char *buf,
		    size_t len);

/*
 * teikit_file_write(), calling `hook` with the complete temporary
 * file's descriptor just before the rename (to record what was
 * written); a hook that returns -1 abandons the write.  With
 * TEIKIT_FILE_NEW in `flags`, `path` must not exist when the file is
 * renamed into place (EEXIST): the caller found it absent.
 */
#define TEIKIT_FILE_NEW	0x1
int		 teikit_file_write_hook(const char *path, const char *buf,
		    size_t len, int flags, int (*hook)(const char *path,
		    int fd, void *arg), void *arg);

/*
 * Create and track the temporary file for writing `path` as a stream:
 * DIR/.teikit-PID-XXXXXX.tmp, named into tmp (of size sz), mode 0666
 * less the umask, locked (flock) while this process lives.  Returns
 * the descriptor, with *slot for teikit_file_untrack(), or -1.
 */
int		 teikit_file_temp(const char *path, char *tmp, size_t sz,
		    int *slot);

/*
 * Remove from `dir` the temporary files of teikit processes that no
 * longer run (killed while writing: their lock is gone); returns how
 * many were removed.
 */
int		 teikit_file_sweep(const char *dir);

/*
 * Remove the temporary files of every teikit_file_write() in progress
 * (and of those tracked below), so that an interrupted program leaves
 * only complete files.  Async-signal-safe: call it from a SIGINT or
 * SIGTERM handler, then end the program.
 */
void		 teikit_file_cleanup(void);

/*
 * Track a temporary file the caller writes itself (a stream renamed
 * when complete) for teikit_file_cleanup(); returns a slot for
 * teikit_file_untrack() once renamed or removed (-1: not tracked).
 */
int		 teikit_file_track(const char *tmp);
void		 teikit_file_untrack(int slot);

#ifdef __cplusplus
}
#endif

#endif /* !TEIKIT_H */
