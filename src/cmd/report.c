/*
 * report.c -- the shapes of the command's diagnostics and where they go:
 * the gnu line, JSON Lines, or one SARIF 2.1.0 log at the end of the run.
 * Findings in the input (notes, warnings, errors) are the report: on
 * standard output for validate, whose output it is, and on standard
 * error for the commands whose standard output is (or may be) a
 * document.  Messages about teikit's own run (usage and system errors)
 * are always gnu lines on standard error; SARIF lists them as well, as
 * the run's tool execution notifications.  See teikit(1).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "teikit.h"
#include "cmd.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"

/*
 * The records of a capture of validate -j (report_flush() reads them):
 * a line each, its first byte saying where it goes.  No record holds a
 * newline of its own: every shape escapes them.
 */
#define REC_STDERR	'\001'	/* a gnu line */
#define REC_STDOUT	'\002'	/* a JSON line */
#define REC_RESULT	'\003'	/* CODE SP a SARIF result object */

enum fmt { FMT_GNU, FMT_JSON, FMT_SARIF };

/* A SARIF result or notification, already written as JSON. */
struct item {
	char		*json;
	char		*file;		/* sort key (build -j), or NULL */
	size_t		 seq;
	teikit_code	 code;
};

struct items {
	struct item	*v;
	size_t		 n, cap;
};

static enum fmt	 fmt;
static int	 to_stdout;	/* the report is the command's output */
static int	 unordered;	/* results came from several threads */
static int	 lost;		/* out of memory: an item is missing */
static struct items results, notes;

/* What each code means, for SARIF's rules: teikit.h's comments. */
static const char *const descr[TK_S__MAX] = {
	[TK_N_BOM] = "Byte-order mark removed and declared",
	[TK_N_CRLF] = "CR LF line ends normalised and declared",
	[TK_N_SCHEMATRON] = "Declared Schematron rules not checked",
	[TK_N_SCH_INFO] = "Schematron finding (role info)",
	[TK_W_YEAR_MARKER] = "Digits after a year read as a footnote marker",
	[TK_W_SPEAKER] = "Speaker label resolved to no person",
	[TK_W_WS_LINE] = "Whitespace-only line inside a block",
	[TK_W_XML] = "XML parser warning",
	[TK_W_EMPTY_P] = "Empty paragraph",
	[TK_W_NOTE_SPACE] = "White space before a footnote",
	[TK_W_DOCNUM] = "Document numbers not consecutive",
	[TK_W_QUOTES] = "Straight quotes in text (frus rules)",
	[TK_W_XSLT] = "A stylesheet's message",
	[TK_W_EXTERNAL] = "External entity or DTD left unread",
	[TK_W_CLOSER] = "<closer> without <signed> (frus rules)",
	[TK_W_DATE] = "date/@when not ISO 8601 (frus rules)",
	[TK_W_SKIPPED] = "An input whose outputs clash, skipped",
	[TK_W_MODEL] = "An <?xml-model?> teikit cannot use",
	[TK_W_ID_DUP] = "xml:id used twice",
	[TK_W_POINTER] = "#pointer that resolves nowhere",
	[TK_W_SCHEMATRON] = "Schematron finding (role warning)",
	[TK_E_EMPTY] = "Empty or whitespace-only input",
	[TK_E_UTF8] = "Invalid UTF-8",
	[TK_E_NUL] = "NUL byte",
	[TK_E_CONTROL] = "Character XML 1.0 forbids",
	[TK_E_EOL_MIXED] = "CR LF and LF line ends mixed",
	[TK_E_PAGE_OPEN] = "\"[Page\" without \"]\"",
	[TK_E_NOTE_ORPHAN] = "Note text whose number has no marker",
	[TK_E_NOTE_LINE] = "Notes section: no \"N. \" first, or an empty line",
	[TK_E_NOTE_DUP] = "Note number given twice",
	[TK_E_NOTE_ORDER] = "Notes section out of marker order",
	[TK_E_NOTES_EMPTY] = "\"---\" with no notes after it",
	[TK_E_XML] = "XML not well-formed",
	[TK_E_NOT_TEI] = "XML but not a TEI document",
	[TK_E_XSLT] = "Stylesheet reported an error",
	[TK_E_SPEAKER_MAP] = "--speaker mapping names no label",
	[TK_E_SCHEMA] = "Not valid against the RELAX NG schema",
	[TK_E_ID_DUP] = "xml:id used twice",
	[TK_E_POINTER] = "#pointer that resolves nowhere",
	[TK_E_SP_SPEAKER] = "<sp> without <speaker>",
	[TK_E_SP_WHO] = "<sp who> names no person",
	[TK_E_NOTE_SEQ] = "Footnote numbers out of sequence",
	[TK_E_NOTE_ID] = "Footnote id not of its <div>",
	[TK_E_PAGE_ORDER] = "Page numbers not ascending",
	[TK_E_XINCLUDE] = "XInclude refused or failed",
	[TK_E_LATEX] = "pdflatex failed on the LaTeX view",
	[TK_E_NO_SCHEMA] = "Not TEI, and no schema declared or given",
	[TK_E_SCHEMATRON] = "Schematron assertion failed or report fired",
	[TK_U_OPTION] = "Unknown option or missing argument",
	[TK_U_ARGUMENT] = "Bad option argument",
	[TK_U_SAME_FILE] = "Output would overwrite an input",
	[TK_S_READ] = "Cannot read a file",
	[TK_S_WRITE] = "Cannot write a file",
	[TK_S_NOMEM] = "Out of memory",
	[TK_S_DATA] = "Schema or stylesheet missing or broken",
	[TK_S_INTERNAL] = "teikit's own output failed its checks",
	[TK_S_URL] = "A schema URL no catalog maps to a file",
};

/* ---- strings ---- */

/* The length of the UTF-8 sequence at `s`, or 0 when it is not one
 * (overlong, a surrogate, past U+10FFFF, cut short). */
static size_t
S_utf8(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[0] == 0xe0 && s[1] < 0xa0) ||
		    (s[0] == 0xed && s[1] >= 0xa0))
			return 0;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80 || (s[0] == 0xf0 && s[1] < 0x90) ||
		    (s[0] == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* A JSON string: valid JSON whatever the bytes, each byte that is not
 * UTF-8 written as U+FFFD, control characters as \u00XX. */
static void
S_json(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t	 n;

	putc('"', f);
	while (*s != '\0') {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else if ((n = S_utf8(s)) == 0) {
			fputs("\\ufffd", f);
			s++;
			continue;
		} else {
			fwrite(s, 1, n, f);
			s += n;
			continue;
		}
		s++;
	}
	putc('"', f);
}

/* A file name as a URI reference: relative for a relative path, file:
 * for an absolute one; every byte but the unreserved ones and '/'
 * percent-encoded (a ':' too, which would look like a scheme). */
static void
S_uri(FILE *f, const char *path)
{
	const unsigned char *s = (const unsigned char *)path;

	if (*s == '/')
		fputs("file://", f);
	for (; *s != '\0'; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~/", *s) != NULL)
			putc(*s, f);
		else
			fprintf(f, "%%%02X", *s);
}

/* A message with its control characters as \xNN: one line, always. */
static void
S_controls(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			putc(*s, f);
}

static const char *
S_level(teikit_level lvl)
{
	return lvl == TEIKIT_LEVEL_NOTE ? "note" :
	    lvl == TEIKIT_LEVEL_WARNING ? "warning" : "error";
}

/* ---- the shapes ---- */

/* FILE:LINE:COL: level: message [CODE] */
static void
S_gnu(FILE *out, const teikit_diag *d, teikit_level lvl)
{
	char	*line = NULL;
	size_t	 len = 0;
	FILE	*f;

	/* made whole, then written at once: stderr is unbuffered, and a
	 * character a write would cost a system call each */
	if ((f = open_memstream(&line, &len)) == NULL)
		f = out;
	/* a newline in a file name cannot fake a diagnostic */
	guard_escape(f, d->file);
	if (d->line > 0 && d->col > 0)
		fprintf(f, ":%u:%u: ", d->line, d->col);
	else if (d->line > 0)
		fprintf(f, ":%u: ", d->line);
	else
		fputs(": ", f);
	fprintf(f, "%s: ", teikit_level_name(lvl));
	S_controls(f, d->message);
	fprintf(f, " [%s]\n", teikit_code_name(d->code));
	if (f != out) {
		if (fclose(f) == 0)
			fwrite(line, 1, len, out);
		free(line);
	}
}

/* One JSON object on a line. */
static void
S_jsonl(FILE *f, const teikit_diag *d, teikit_level lvl)
{
	fputs("{\"file\":", f);
	S_json(f, d->file);
	fprintf(f, ",\"line\":%u,\"column\":%u,\"severity\":\"%s\","
	    "\"code\":\"%s\",\"message\":", d->line, d->col, S_level(lvl),
	    teikit_code_name(d->code));
	S_json(f, d->message);
	if (d->rule != NULL) {
		fputs(",\"rule\":", f);
		S_json(f, d->rule);
	}
	if (d->xpath != NULL) {
		fputs(",\"xpath\":", f);
		S_json(f, d->xpath);
	}
	fputs("}\n", f);
}

/* A SARIF location: the file (standard input has no URI: a description
 * names it) and, when known, the line and column. */
static void
S_location(FILE *f, const teikit_diag *d)
{
	fputs("{\"physicalLocation\":{\"artifactLocation\":{", f);
	if (strcmp(d->file, "-") == 0 || d->file[0] == '\0')
		fputs("\"description\":{\"text\":\"standard input\"}}", f);
	else {
		fputs("\"uri\":\"", f);
		S_uri(f, d->file);
		fputs(d->file[0] == '/' ? "\"}" :
		    "\",\"uriBaseId\":\"%SRCROOT%\"}", f);
	}
	if (d->line > 0) {
		fprintf(f, ",\"region\":{\"startLine\":%u", d->line);
		if (d->col > 0)
			fprintf(f, ",\"startColumn\":%u", d->col);
		putc('}', f);
	}
	putc('}', f);
	/* a Schematron finding's node, as an XPath, and its kind (SARIF's
	 * for XML) read from the path's last step */
	if (d->xpath != NULL) {
		const char	*last = strrchr(d->xpath, '/');
		const char	*kind = NULL;

		if (last == NULL || last[1] == '\0')
			kind = NULL;	/* the document node */
		else if (last[1] == '@')
			kind = "attribute";
		else if (strncmp(last + 1, "text()", 6) == 0)
			kind = "text";
		else if (strncmp(last + 1, "comment()", 9) == 0)
			kind = "comment";
		else if (strncmp(last + 1, "processing-instruction(", 23) == 0)
			kind = "processingInstruction";
		else
			kind = "element";
		fputs(",\"logicalLocations\":[{\"fullyQualifiedName\":", f);
		S_json(f, d->xpath);
		if (kind != NULL)
			fprintf(f, ",\"kind\":\"%s\"", kind);
		fputs("}]", f);
	}
	putc('}', f);
}

/* A result (or, with `note`, a notification) object. */
static void
S_sarif(FILE *f, const teikit_diag *d, teikit_level lvl, int note)
{
	if (note)
		fprintf(f, "{\"descriptor\":{\"id\":\"%s\"}",
		    teikit_code_name(d->code));
	else
		fprintf(f, "{\"ruleId\":\"%s\"", teikit_code_name(d->code));
	fprintf(f, ",\"level\":\"%s\",\"message\":{\"text\":",
	    S_level(lvl));
	S_json(f, d->message);
	putc('}', f);
	/* teikit's own pseudo-files ("teikit", "<stdout>") are no place */
	if (!note || (strcmp(d->file, "teikit") != 0 && d->file[0] != '<')) {
		fputs(",\"locations\":[", f);
		S_location(f, d);
		putc(']', f);
	}
	if (d->rule != NULL) {
		fputs(",\"properties\":{\"schematronPattern\":", f);
		S_json(f, d->rule);
		putc('}', f);
	}
	putc('}', f);
}

/* ---- what is kept for the SARIF log ---- */

static void
S_keep(struct items *it, char *json, const char *file, teikit_code code)
{
	struct item	*v;
	size_t		 cap;

	if (json == NULL) {
		lost = 1;
		return;
	}
	if (it->n == it->cap) {
		cap = it->cap ? it->cap * 2 : 64;
		if ((v = realloc(it->v, cap * sizeof(*v))) == NULL) {
			free(json);
			lost = 1;
			return;
		}
		it->v = v;
		it->cap = cap;
	}
	v = &it->v[it->n];
	v->json = json;
	v->code = code;
	v->seq = it->n++;
	v->file = NULL;
	if (file != NULL && (v->file = strdup(file)) == NULL)
		lost = 1;
}

/* The object S_sarif() writes, as a string of its own; NULL when out
 * of memory. */
static char *
S_sarif_string(const teikit_diag *d, teikit_level lvl, int note)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	S_sarif(f, d, lvl, note);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void
S_items_free(struct items *it)
{
	size_t	 i;

	for (i = 0; i < it->n; i++) {
		free(it->v[i].json);
		free(it->v[i].file);
	}
	free(it->v);
	memset(it, 0, sizeof(*it));
}

/* ---- the interface (cmd.h) ---- */

/* A run starts: gnu lines on stderr, nothing kept. */
void
report_reset(void)
{
	fmt = FMT_GNU;
	to_stdout = unordered = lost = 0;
	S_items_free(&results);
	S_items_free(&notes);
}

/* --format gnu|json|sarif; -1 after saying why not. */
int
report_format(const char *name)
{
	if (strcmp(name, "gnu") == 0)
		fmt = FMT_GNU;
	else if (strcmp(name, "json") == 0)
		fmt = FMT_JSON;
	else if (strcmp(name, "sarif") == 0)
		fmt = FMT_SARIF;
	else {
		usage(TK_U_ARGUMENT, "unknown format \"%s\" (gnu, json or "
		    "sarif)", name);
		return -1;
	}
	return 0;
}

/* The command's output is its report (validate). */
void
report_to_stdout(void)
{
	to_stdout = 1;
}

/*
 * One diagnostic, with print_diag()'s lock held: into this thread's
 * `capture` when there is one (validate -j: records, in the files'
 * order later; build: as they will be printed), else where it goes.
 */
void
report_diag(const teikit_diag *d, teikit_level lvl, FILE *capture)
{
	int	 tag = capture != NULL && to_stdout && fmt != FMT_GNU;
	char	*json;

	if (fmt == FMT_GNU || lvl >= TEIKIT_LEVEL_USAGE) {
		if (tag)
			putc(REC_STDERR, capture);
		S_gnu(capture != NULL ? capture : stderr, d, lvl);
		if (fmt == FMT_SARIF)
			S_keep(&notes, S_sarif_string(d, lvl, 1), NULL,
			    d->code);
		return;
	}
	if (fmt == FMT_JSON) {
		if (tag)
			putc(REC_STDOUT, capture);
		S_jsonl(capture != NULL ? capture : to_stdout ? stdout :
		    stderr, d, lvl);
		return;
	}
	if (tag) {
		fprintf(capture, "%c%d ", REC_RESULT, (int)d->code);
		S_sarif(capture, d, lvl, 0);
		putc('\n', capture);
		return;
	}
	/* kept; build's threads' sorted by file at the end, for one order */
	json = S_sarif_string(d, lvl, 0);
	S_keep(&results, json, d->file, d->code);
	if (capture != NULL)
		unordered = 1;
}

/* What a capture of validate -j holds, in its place in the order. */
void
report_flush(const char *buf, size_t len)
{
	const char	*p, *nl, *body, *end = buf + len;
	char		*json, *rest;
	size_t		 blen;
	long		 code;

	if (!to_stdout || fmt == FMT_GNU) {
		fwrite(buf, 1, len, stderr);
		return;
	}
	for (p = buf; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;	/* cut short: out of memory */
		body = p + (*p == REC_STDERR || *p == REC_STDOUT ||
		    *p == REC_RESULT);
		blen = (size_t)(nl - body);
		if (*p == REC_STDOUT) {
			fwrite(body, 1, blen, stdout);
			putc('\n', stdout);
		} else if (*p == REC_RESULT) {
			if ((json = strndup(body, blen)) == NULL) {
				lost = 1;
				continue;
			}
			code = strtol(json, &rest, 10);
			if (*rest != ' ') {
				free(json);
				lost = 1;
				continue;
			}
			memmove(json, rest + 1, strlen(rest + 1) + 1);
			S_keep(&results, json, NULL, (teikit_code)code);
		} else {
			fwrite(body, 1, blen, stderr);
			putc('\n', stderr);
		}
	}
}

static int
S_by_file(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int	 c;

	if ((c = strcmp(x->file ? x->file : "", y->file ? y->file : "")) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The descriptors of the codes in `it`, in the codes' order. */
static void
S_descriptors(FILE *f, const struct items *it)
{
	unsigned char	 used[TK_S__MAX];
	size_t		 i;
	int		 c, first = 1;

	memset(used, 0, sizeof(used));
	for (i = 0; i < it->n; i++)
		if ((int)it->v[i].code >= 0 && it->v[i].code < TK_S__MAX)
			used[it->v[i].code] = 1;
	putc('[', f);
	for (c = 0; c < TK_S__MAX; c++) {
		if (!used[c])
			continue;
		fprintf(f, "%s{\"id\":\"%s\",\"shortDescription\":{\"text\":",
		    first ? "" : ",", teikit_code_name((teikit_code)c));
		S_json(f, descr[c] != NULL ? descr[c] : "A teikit diagnostic");
		fprintf(f, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
		    S_level(teikit_code_level((teikit_code)c)));
		first = 0;
	}
	putc(']', f);
}

static void
S_array(FILE *f, const struct items *it)
{
	size_t	 i;

	putc('[', f);
	for (i = 0; i < it->n; i++)
		fprintf(f, "%s%s", i ? "," : "", it->v[i].json);
	putc(']', f);
}

/* The SARIF log: one run of teikit. */
static void
S_log(FILE *f, int status)
{
	char	 cwd[PATH_MAX];

	if (unordered)
		qsort(results.v, results.n, sizeof(*results.v), S_by_file);
	fprintf(f, "{\"$schema\":\"%s\",\"version\":\"2.1.0\",\"runs\":["
	    "{\"tool\":{\"driver\":{\"name\":\"teikit\",\"version\":",
	    SARIF_SCHEMA);
	S_json(f, teikit_version());
	fputs(",\"semanticVersion\":", f);
	S_json(f, teikit_version());
	if (PACKAGE_URL[0] != '\0') {
		fputs(",\"informationUri\":", f);
		S_json(f, PACKAGE_URL);
	}
	fputs(",\"rules\":", f);
	S_descriptors(f, &results);
	if (notes.n > 0) {
		fputs(",\"notifications\":", f);
		S_descriptors(f, &notes);
	}
	fprintf(f, "}},\"invocations\":[{\"executionSuccessful\":%s,"
	    "\"exitCode\":%d", status < EXIT_USAGE ? "true" : "false", status);
	if (notes.n > 0) {
		fputs(",\"toolExecutionNotifications\":", f);
		S_array(f, &notes);
	}
	fputs("}]", f);
	if (getcwd(cwd, sizeof(cwd) - 1) != NULL) {
		if (strcmp(cwd, "/") != 0)
			strcat(cwd, "/");
		fputs(",\"originalUriBaseIds\":{\"%SRCROOT%\":{\"uri\":\"", f);
		S_uri(f, cwd);
		fputs("\"}}", f);
	}
	fputs(",\"columnKind\":\"unicodeCodePoints\",\"results\":", f);
	S_array(f, &results);
	fputs("}]}\n", f);
}

/* The run is over: the SARIF log, and whether the report could be
 * written; returns the exit status. */
int
report_end(int status)
{
	FILE		*out = to_stdout ? stdout : stderr;
	teikit_diag	 d = { 0 };
	char		 msg[256];

	if (fmt == FMT_GNU) {
		report_reset();
		return status;
	}
	if (lost) {
		memset(&d, 0, sizeof(d));
		d.file = "teikit";
		d.code = TK_S_NOMEM;
		d.message = "out of memory: the report misses diagnostics";
		S_gnu(stderr, &d, TEIKIT_LEVEL_SYSTEM);
		status = EXIT_SYSTEM;
	}
	if (fmt == FMT_SARIF)
		S_log(out, status);
	if (out == stdout && (fflush(stdout) != 0 || ferror(stdout))) {
		memset(&d, 0, sizeof(d));
		d.file = "<stdout>";
		d.code = TK_S_WRITE;
		snprintf(msg, sizeof(msg), "cannot write the report: %s",
		    strerror(errno));
		d.message = msg;
		S_gnu(stderr, &d, TEIKIT_LEVEL_SYSTEM);
		status = EXIT_SYSTEM;
	}
	report_reset();
	return status;
}
