/*
 * tests/rngsuite.c -- the public RELAX NG conformance suites (from
 * jing-trang), run against teikit's own engine (src/rng*.c) straight
 * from their files in $TEIKIT_SHARED/conformance/relaxng/.  Prints TAP.
 *
 *   spectest.xml   James Clark's suite for the specification: each
 *                  testCase's resources are written to a directory of
 *                  their own, with the schema as c.rng (correct) or
 *                  i.rng (incorrect), as jing-trang's split.xsl does;
 *                  documents are numbered as there too: valid|invalid
 *                  together, so "document 2" is 2.v.xml or 2.i.xml.
 *   xsdtest.xml    the XSD datatypes: per datatype a <data> schema and
 *                  its valid/invalid values, then a case per equivalence
 *                  class (<value>), per length (the length facet: the
 *                  length given, one more, one less) and per lessThan or
 *                  incomparable pair (minExclusive), as xsdtest.xsl does.
 *   regextest.xml  XSD regular expressions, each as a pattern facet of
 *                  xsd:string.
 *   compacttest.xml  the compact syntax (src/rng/rnc.c): each case's schema
 *                  written as c.rnc or i.rnc, with its resources, in a
 *                  directory "c", and its XML-syntax twin as c.rng in
 *                  "x".  An incorrect schema must be refused (compiled:
 *                  some errors are the compiler's).  A correct one must
 *                  be read; its tree must be the twin's, once both are
 *                  normalised as S_norm() says (what the translation may
 *                  write either way: a name attribute or element, ns and
 *                  datatypeLibrary inherited or given, a group spelled
 *                  out or implied), included files compared as well;
 *                  and it must compile exactly when the twin compiles:
 *                  the suite tests the translation, and some of its
 *                  correct schemas are not correct RELAX NG (a lone
 *                  <ref>, a grammar without start).  <bug> cases are
 *                  skipped, as in jing-trang.
 *
 * Usage: rngsuite [-klv] [suite[:case]]...
 *        rngsuite -t schema1 schema2
 *   -l  list the failures only, one line each (the engines' scoreboard)
 *   -v  (or RNGSUITE_VERBOSE=1) say which case runs, and each test's
 *       first diagnostic, as TAP comments
 *   -k  keep the temporary directory (documents written as N.v.xml and
 *       N.i.xml too, for jing) and print its path
 *   suite[:case]  run only these, e.g. "spectest:12" or "regextest"
 *   -t  compare two schemas' trees instead, normalised as compacttest's
 *       are (tests/rnc.sh: tei_all.rnc against tei_all.rng)
 *
 * A crash of the engine ends the program, as it should: make check
 * reports it, and so does a sanitizer.  RNGSUITE_CATCH=1 (for a local
 * survey of a broken engine) catches SIGSEGV, SIGABRT... while a case
 * compiles or validates, and a validation longer than RNGSUITE_TIMEOUT
 * seconds (default 60; 0: no limit), fails that test and goes on: a
 * best effort (no fork; the engine compiles on a thread of its own),
 * after which the suite may still print "Bail out!" naming the case.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "internal.h"
#include "rng.h"

#define RNG_NS	"http://relaxng.org/ns/structure/1.0"
#define XSD_DT	"http://www.w3.org/2001/XMLSchema-datatypes"

enum suite { SPEC, XSD, REGEX, COMPACT, NSUITES };
static const char *const suite_name[NSUITES] = {
	"spectest", "xsdtest", "regextest", "compacttest"
};
static const char *const suite_file[NSUITES] = {
	"spectest.xml", "xsdtest.xml", "regextest.xml", "compacttest.xml"
};

/* ---- options and counts ---- */

static int	 opt_list, opt_verbose, opt_keep, opt_nocatch, opt_tree;
static unsigned	 opt_timeout = 60;
static char	**filters;
static int	 nfilters;

static int	 n_tests, n_failed;
static int	 passed[NSUITES], run[NSUITES], skipped[NSUITES];
static char	 tmproot[4096];

/* Crashes and timeouts, for the summary. */
static char	 crashes[4096];

static void
S_oom(void)
{
	fprintf(stderr, "rngsuite: out of memory\n");
	exit(99);
}

/* ---- a growable string ---- */

struct sb {
	char	*s;
	size_t	 n, cap;
};

static void
sb_add(struct sb *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t	 cap = b->cap ? b->cap : 256;
		char	*p;

		while (cap < b->n + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL)
			S_oom();
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
sb_puts(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
sb_printf(struct sb *b, const char *fmt, ...)
{
	char	 buf[1024];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_add(b, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* `s` as XML character data (also fit for a quoted attribute value):
 * CR, LF and tab as references, so that they survive the parser. */
static void
sb_esc(struct sb *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': sb_puts(b, "&amp;"); break;
		case '<': sb_puts(b, "&lt;"); break;
		case '>': sb_puts(b, "&gt;"); break;
		case '"': sb_puts(b, "&quot;"); break;
		case '\r': sb_puts(b, "&#xD;"); break;
		case '\n': sb_puts(b, "&#xA;"); break;
		case '\t': sb_puts(b, "&#x9;"); break;
		default: sb_add(b, s, 1); break;
		}
}

/* `s` for a test's description, between `q`s: short, one line, no "#"
 * (TAP would take what follows for a directive). */
static void
sb_quote_in(struct sb *b, const char *s, const char *q)
{
	size_t	 n = 0;

	sb_puts(b, q);
	for (; *s != '\0'; s++, n++) {
		unsigned char c = (unsigned char)*s;

		if (n >= 40 && (c & 0xC0) != 0x80) {
			sb_puts(b, "...");
			break;
		}
		if (c == '\n')
			sb_puts(b, "\\n");
		else if (c == '\r')
			sb_puts(b, "\\r");
		else if (c == '\t')
			sb_puts(b, "\\t");
		else if (c == '#')
			sb_puts(b, "\\#");
		else if (c < 0x20 || c == 0x7F)
			sb_printf(b, "\\x%02X", c);
		else
			sb_add(b, s, 1);
	}
	sb_puts(b, q);
}

static void
sb_quote(struct sb *b, const char *s)
{
	sb_quote_in(b, s, "\"");
}

/* Is `s` (UTF-8) made of characters XML 1.0 allows? */
static int
S_xml_chars_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long	 c;
	int		 len;

	while (*p != '\0') {
		if (*p < 0x80) {
			c = *p;
			len = 1;
		} else if ((*p & 0xE0) == 0xC0) {
			c = *p & 0x1F;
			len = 2;
		} else if ((*p & 0xF0) == 0xE0) {
			c = *p & 0x0F;
			len = 3;
		} else {
			c = *p & 0x07;
			len = 4;
		}
		for (int i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3F);
		}
		if (!(c == 0x9 || c == 0xA || c == 0xD ||
		    (c >= 0x20 && c <= 0xD7FF) ||
		    (c >= 0xE000 && c <= 0xFFFD) ||
		    (c >= 0x10000 && c <= 0x10FFFF)))
			return 0;
		p += len;
	}
	return 1;
}

/* ---- the tree of a suite file ---- */

static int
S_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr
S_first_elem(xmlNodePtr n)
{
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static int
S_count_elems(xmlNodePtr n)
{
	int	 c = 0;

	for (n = n->children; n != NULL; n = n->next)
		c += n->type == XML_ELEMENT_NODE;
	return c;
}

/* The node's text content: a malloc'd string, never NULL. */
static char *
S_text(xmlNodePtr n)
{
	xmlChar	*t = xmlNodeGetContent(n);
	char	*s = strdup(t != NULL ? (const char *)t : "");

	xmlFree(t);
	if (s == NULL)
		S_oom();
	return s;
}

/* The prefixed namespace declarations in scope at `n`, as attributes
 * (XSLT's copy-of namespace::*, less the default namespace). */
static void
sb_nsdecls(struct sb *b, xmlNodePtr n)
{
	xmlNsPtr	*list = xmlGetNsList(n->doc, n);

	if (list == NULL)
		return;
	for (size_t i = 0; list[i] != NULL; i++) {
		const char *p = (const char *)list[i]->prefix;

		if (p == NULL || strcmp(p, "xml") == 0)
			continue;
		sb_printf(b, " xmlns:%s=\"", p);
		sb_esc(b, (const char *)list[i]->href);
		sb_puts(b, "\"");
	}
	xmlFree(list);
}

/* The element `n` as a document of its own, with every namespace in
 * scope at it declared (its xml:base and other attributes kept). */
static char *
S_serialize(xmlNodePtr n, int *len)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 copy;
	xmlNsPtr	*list;
	xmlChar		*out = NULL;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (copy = xmlDocCopyNode(n, doc, 1)) == NULL)
		S_oom();
	xmlDocSetRootElement(doc, copy);
	if ((list = xmlGetNsList(n->doc, n)) != NULL) {
		for (size_t i = 0; list[i] != NULL; i++)
			if (list[i]->prefix != NULL)
				/* NULL when already declared there */
				xmlNewNs(copy, list[i]->href, list[i]->prefix);
		xmlFree(list);
	}
	xmlDocDumpMemoryEnc(doc, &out, len, "UTF-8");
	xmlFreeDoc(doc);
	if (out == NULL)
		S_oom();
	return (char *)out;
}

/* ---- files ---- */

static int
S_write(const char *path, const char *data, size_t len)
{
	FILE	*f;
	int	 ok;

	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	ok = fwrite(data, 1, len, f) == len;
	if (fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

static void
S_rmtree(const char *path)
{
	DIR		*d;
	struct dirent	*e;
	struct sb	 p = { 0 };
	struct stat	 st;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			p.n = 0;
			sb_printf(&p, "%s/%s", path, e->d_name);
			S_rmtree(p.s);
		}
		closedir(d);
	}
	rmdir(path);
	free(p.s);
}

/* ---- diagnostics ---- */

/* What one operation reported: the number of errors and the first
 * diagnostic (the first error if there is one), with the temporary
 * directory's path left out so that the lines are stable. */
struct cap {
	char	 first[600];
	int	 first_is_error;
	int	 count;
};

static void
S_strip_tmp(char *s)
{
	size_t	 n = strlen(tmproot);
	char	*p;

	if (n == 0)
		return;
	while ((p = strstr(s, tmproot)) != NULL) {
		char *q = p + n;

		/* ".../spec/012/" -> "" */
		while (*q != '\0' && *q != '/' && *q != ' ' && *q != ':' &&
		    *q != '\'' && *q != '"')
			q++;
		for (int skip = 0; skip < 2 && *q == '/'; skip++) {
			q++;
			while (*q != '\0' && *q != '/' && *q != ' ' &&
			    *q != ':' && *q != '\'' && *q != '"')
				q++;
		}
		if (*q == '/')
			q++;
		memmove(p, q, strlen(q) + 1);
	}
	for (p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
}

static void
S_diag(const teikit_diag *d, void *arg)
{
	struct cap	*c = arg;
	int		 err = teikit_code_level(d->code) >= TEIKIT_LEVEL_ERROR;

	c->count++;
	if (c->first[0] != '\0' && (c->first_is_error || !err))
		return;
	if (d->line > 0 && d->col > 0)
		snprintf(c->first, sizeof(c->first), "%s:%u:%u: %s",
		    d->file, d->line, d->col, d->message);
	else if (d->line > 0)
		snprintf(c->first, sizeof(c->first), "%s:%u: %s",
		    d->file, d->line, d->message);
	else
		snprintf(c->first, sizeof(c->first), "%s: %s", d->file,
		    d->message);
	c->first_is_error = err;
	S_strip_tmp(c->first);
}

/* ---- surviving the engine's crashes ---- */

static sigjmp_buf	 guard_jb;
static volatile sig_atomic_t guard_armed, guard_sig, guard_compiling;
static pthread_t	 main_thread;

/* The case running now, and the first the engine crashed in: a crash
 * outside the engine (the heap it corrupted) still says where. */
static char	 cur_case[128], first_crash[128];

static void
S_write_str(const char *s)
{
	ssize_t	 n = write(STDOUT_FILENO, s, strlen(s));

	(void)n;
}

/*
 * A crash while the engine runs: back to the guarded call.  rng_compile
 * works on a thread of its own: a crash there ends that thread, and
 * rng_compile returns NULL to the waiting guarded call.  A timeout while
 * that thread runs cannot be undone: the suite bails out.
 */
static void
S_on_signal(int sig)
{
	const char *why = "crashed";

	if (guard_armed && !pthread_equal(pthread_self(), main_thread)) {
		guard_sig = sig;
		guard_armed = 0;
		pthread_exit(NULL);
	}
	if (guard_armed && !(sig == SIGALRM && guard_compiling)) {
		guard_armed = 0;
		guard_sig = sig;
		siglongjmp(guard_jb, 1);
	}
	if (sig == SIGALRM) {
		if (!guard_armed)
			return;		/* late: the call has ended */
		why = "timed out";
	}
	S_write_str("Bail out! rngsuite ");
	S_write_str(why);
	S_write_str(" in ");
	S_write_str(cur_case[0] != '\0' ? cur_case : "its set-up");
	if (first_crash[0] != '\0') {
		S_write_str(", after the engine crashed in ");
		S_write_str(first_crash);
	}
	S_write_str("\n");
	if (sig == SIGALRM)
		_exit(99);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
S_guard_init(void)
{
	static const int sigs[] = {
		SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM
	};
	static char	 altstack[1 << 16];
	stack_t		 ss;
	struct sigaction sa;

	if (opt_nocatch)
		return;
	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = S_on_signal;
	sa.sa_flags = SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

static void
S_arm(void)
{
	guard_sig = 0;
	guard_armed = !opt_nocatch;
	if (guard_armed && opt_timeout > 0)
		alarm(opt_timeout);
}

static void
S_disarm(void)
{
	if (!opt_nocatch && opt_timeout > 0)
		alarm(0);
	guard_armed = 0;
}

/* After a crash: what the engine left set. */
static void
S_after_crash(void)
{
	tk_loader_allow(0);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

static void
S_crash_note(int suite, int caseno, const char *what, int sig)
{
	char	 buf[128];

	if (first_crash[0] == '\0') {
		snprintf(first_crash, sizeof(first_crash), "%s:%d",
		    suite_name[suite], caseno);
		fprintf(opt_list ? stderr : stdout, "# the engine crashed in "
		    "%s: what follows may suffer from memory it corrupted\n",
		    first_crash);
	}
	snprintf(buf, sizeof(buf), "%s%s:%d (%s, %s)",
	    crashes[0] != '\0' ? "; " : "", suite_name[suite], caseno, what,
	    sig == SIGALRM ? "timed out" : strsignal(sig));
	if (strlen(crashes) + strlen(buf) + 1 < sizeof(crashes))
		strcat(crashes, buf);
}

/* ---- the engine ---- */

/* Compile `path`; *sig is set when the engine crashed. */
static struct rng_schema *
S_compile(const char *path, const char *name, struct cap *cap, int *sig)
{
	struct tk_report rep;
	struct rng_schema *volatile s = NULL;

	memset(cap, 0, sizeof(*cap));
	memset(&rep, 0, sizeof(rep));
	rep.fn = S_diag;
	rep.arg = cap;
	rep.file = name;
	*sig = 0;
	if (sigsetjmp(guard_jb, 1) != 0) {
		guard_compiling = 0;
		S_after_crash();
		*sig = guard_sig;
		return NULL;
	}
	guard_compiling = 1;
	S_arm();
	tk_loader_allow(1);
	s = rng_compile(path, &rep);
	tk_loader_allow(0);
	S_disarm();
	guard_compiling = 0;
	if (guard_sig != 0) {
		/* the compiling thread crashed (and ended) */
		S_after_crash();
		*sig = guard_sig;
		return NULL;
	}
	if (s == NULL && cap->first[0] == '\0')
		snprintf(cap->first, sizeof(cap->first),
		    "(refused without a diagnostic)");
	return s;
}

#define V_NOTWF		(-1)	/* not well-formed */
#define V_FAILED	(-2)	/* rng_validate_doc returned -1 */
#define V_CRASHED	(-3)

/* Validate the document `xml`: its error count, or one of V_*. */
static int
S_validate(struct rng_schema *s, const char *xml, size_t len,
    const char *name, struct cap *cap, int *sig)
{
	struct tk_report rep;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr	 x;
	teikit_doc	*volatile doc;
	volatile int	 n;

	memset(cap, 0, sizeof(*cap));
	memset(&rep, 0, sizeof(rep));
	rep.fn = S_diag;
	rep.arg = cap;
	rep.file = name;
	*sig = 0;
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		S_oom();
	/* no network, no DTD or external entity read, entities kept */
	x = xmlCtxtReadMemory(ctxt, xml, (int)len, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (x == NULL) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char	 msg[400] = "";

		if (e != NULL)
			tk_xml_message(e, msg, sizeof(msg));
		if (e != NULL && e->line > 0)
			snprintf(cap->first, sizeof(cap->first),
			    "%s:%d: not well-formed: %s", name, e->line, msg);
		else
			snprintf(cap->first, sizeof(cap->first),
			    "%s: not well-formed: %s", name, msg);
		S_strip_tmp(cap->first);
		xmlFreeParserCtxt(ctxt);
		return V_NOTWF;
	}
	xmlFreeParserCtxt(ctxt);
	if ((doc = tk_doc_wrap(x)) == NULL)
		S_oom();
	if (sigsetjmp(guard_jb, 1) != 0) {
		S_after_crash();
		*sig = guard_sig;
		return V_CRASHED;	/* the document is leaked */
	}
	S_arm();
	n = rng_validate_doc(s, doc, &rep);
	S_disarm();
	teikit_doc_free(doc);
	if (n < 0)
		return V_FAILED;
	return n;
}

/* ---- one test ---- */

static void
S_result(int suite, int caseno, const char *label, int pass,
    const char *desc, const char *failure, const char *diag)
{
	n_tests++;
	run[suite]++;
	if (pass)
		passed[suite]++;
	else
		n_failed++;
	if (opt_list) {
		if (!pass)
			printf("%s case %d (%s): %s%s%s\n", suite_name[suite],
			    caseno, label, failure,
			    diag != NULL && diag[0] != '\0' ? " -- " : "",
			    diag != NULL ? diag : "");
		return;
	}
	printf("%sok %d - %s case %d (%s): %s\n", pass ? "" : "not ",
	    n_tests, suite_name[suite], caseno, label, desc);
	if (opt_verbose && diag != NULL && diag[0] != '\0')
		printf("# %s\n", diag);
}

static void
S_skip(int suite, int caseno, const char *label, const char *desc,
    const char *why)
{
	n_tests++;
	run[suite]++;
	skipped[suite]++;
	if (!opt_list)
		printf("ok %d - %s case %d (%s): %s # SKIP %s\n", n_tests,
		    suite_name[suite], caseno, label, desc, why);
}

/* A construct the harness does not know: a failure, never ignored. */
static void
S_unknown(int suite, int caseno, const xmlNode *n)
{
	char	 what[200];

	snprintf(what, sizeof(what), "harness does not know <%s> (line %ld)",
	    (const char *)n->name, xmlGetLineNo(n));
	S_result(suite, caseno, "harness", 0, what, what, NULL);
}

static int
S_selected(int suite, int caseno)
{
	if (nfilters == 0)
		return 1;
	for (int i = 0; i < nfilters; i++) {
		size_t	 n = strlen(suite_name[suite]);

		if (strncmp(filters[i], suite_name[suite], n) != 0)
			continue;
		if (filters[i][n] == '\0')
			return 1;
		if (filters[i][n] == ':' && atoi(filters[i] + n + 1) == caseno)
			return 1;
	}
	return 0;
}

static int
S_suite_selected(int suite)
{
	if (nfilters == 0)
		return 1;
	for (int i = 0; i < nfilters; i++)
		if (strncmp(filters[i], suite_name[suite],
		    strlen(suite_name[suite])) == 0)
			return 1;
	return 0;
}

/* ---- one case: a schema and documents ---- */

struct tdoc {
	char	*xml;		/* the document */
	size_t	 len;
	int	 valid;
	char	*what;		/* "valid document 2", "valid \"1.0\"" */
	char	*file;		/* "2.v.xml" */
	int	 unsafe;	/* holds characters XML 1.0 forbids: skipped */
};

struct tcase {
	int		 suite, caseno;
	char		*label;		/* "section 4.5", "datatype int" */
	const char	*noun;		/* "schema", "regex" */
	char		 dir[4200];
	const char	*schema_file;	/* "c.rng", "i.rng" */
	int		 correct;
	int		 unsafe;	/* the schema is not XML: skipped */
	struct tdoc	*docs;
	size_t		 ndocs;
};

static void
S_case_doc(struct tcase *c, int valid, char *xml, size_t len, char *what)
{
	struct tdoc	*d;
	struct sb	 f = { 0 };

	if ((d = realloc(c->docs, (c->ndocs + 1) * sizeof(*d))) == NULL)
		S_oom();
	c->docs = d;
	d += c->ndocs++;
	d->xml = xml;
	d->len = len;
	d->valid = valid;
	d->what = what;
	d->unsafe = 0;
	sb_printf(&f, "%zu.%c.xml", c->ndocs, valid ? 'v' : 'i');
	d->file = f.s;
}

static void
S_case_free(struct tcase *c)
{
	for (size_t i = 0; i < c->ndocs; i++) {
		free(c->docs[i].xml);
		free(c->docs[i].what);
		free(c->docs[i].file);
	}
	free(c->docs);
	free(c->label);
}

/* Make the case's directory, tmproot/SUITE/NNN. */
static int
S_case_dir(struct tcase *c)
{
	snprintf(c->dir, sizeof(c->dir), "%s/%s/%03d", tmproot,
	    suite_name[c->suite], c->caseno);
	if (mkdir(c->dir, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* Compile the case's schema (already written to its directory) and
 * check its documents. */
static void
S_run_case(struct tcase *c)
{
	struct cap	 cap;
	struct sb	 path = { 0 }, desc = { 0 }, fail = { 0 };
	struct rng_schema *s;
	int		 sig;

	snprintf(cur_case, sizeof(cur_case), "%s:%d", suite_name[c->suite],
	    c->caseno);
	if (opt_verbose && !opt_list)
		printf("# running %s case %d (%s)\n", suite_name[c->suite],
		    c->caseno, c->label);
	fflush(stdout);
	if (opt_keep)
		for (size_t i = 0; i < c->ndocs; i++) {
			sb_printf(&path, "%s/%s", c->dir, c->docs[i].file);
			S_write(path.s, c->docs[i].xml, c->docs[i].len);
			path.n = 0;
		}
	sb_printf(&desc, "%s %s %s", c->correct ? "correct" : "incorrect",
	    c->noun, c->correct ? "compiles" : "refused");
	if (c->unsafe) {
		S_skip(c->suite, c->caseno, c->label, desc.s,
		    "holds characters XML 1.0 forbids");
		for (size_t i = 0; i < c->ndocs; i++)
			S_skip(c->suite, c->caseno, c->label, c->docs[i].what,
			    "holds characters XML 1.0 forbids");
		goto done;
	}
	sb_printf(&path, "%s/%s", c->dir, c->schema_file);
	s = S_compile(path.s, c->schema_file, &cap, &sig);
	if (sig != 0) {
		sb_printf(&fail, "%s %s: engine crashed while compiling (%s)",
		    c->correct ? "correct" : "incorrect", c->noun,
		    sig == SIGALRM ? "timed out" : strsignal(sig));
		S_result(c->suite, c->caseno, c->label, 0, desc.s, fail.s,
		    cap.first);
		if (!opt_list)
			printf("# %s\n", fail.s);
		S_crash_note(c->suite, c->caseno, "compiling", sig);
	} else if (!c->correct) {
		sb_printf(&fail, "incorrect %s accepted", c->noun);
		S_result(c->suite, c->caseno, c->label, s == NULL, desc.s,
		    fail.s, cap.first);
	} else {
		sb_printf(&fail, "correct %s refused", c->noun);
		if (s == NULL && c->ndocs > 0)
			sb_printf(&fail, " (%zu document%s not checked)",
			    c->ndocs, c->ndocs > 1 ? "s" : "");
		S_result(c->suite, c->caseno, c->label, s != NULL, desc.s,
		    fail.s, cap.first);
	}
	if (!c->correct) {
		if (s != NULL)
			rng_schema_free(s);
		goto done;
	}
	for (size_t i = 0; i < c->ndocs; i++) {
		struct tdoc	*d = &c->docs[i];
		int		 n, pass;

		desc.n = fail.n = 0;
		sb_printf(&desc, "%s %s", d->what,
		    d->valid ? "accepted" : "rejected");
		if (d->unsafe) {
			S_skip(c->suite, c->caseno, c->label, desc.s,
			    "holds characters XML 1.0 forbids");
			continue;
		}
		if (s == NULL) {
			/* failed already: listed once, with the schema */
			if (opt_list) {
				n_tests++;
				run[c->suite]++;
				n_failed++;
				continue;
			}
			sb_printf(&fail, "%s not checked: %s", d->what,
			    sig != 0 ? "the engine crashed" :
			    "the schema was refused");
			S_result(c->suite, c->caseno, c->label, 0, desc.s,
			    fail.s, NULL);
			continue;
		}
		if (opt_verbose && !opt_list)
			printf("# validating %s\n", d->file);
		fflush(stdout);
		n = S_validate(s, d->xml, d->len, d->file, &cap, &sig);
		switch (n) {
		case V_CRASHED:
			pass = 0;
			sb_printf(&fail, "%s: engine crashed while validating "
			    "(%s)", d->what, sig == SIGALRM ? "timed out" :
			    strsignal(sig));
			S_crash_note(c->suite, c->caseno, d->file, sig);
			s = NULL;	/* leaked: it may be inconsistent */
			break;
		case V_FAILED:
			pass = 0;
			sb_printf(&fail, "%s: validation failed to run",
			    d->what);
			break;
		case V_NOTWF:
			pass = !d->valid;
			sb_printf(&fail, "%s not well-formed", d->what);
			break;
		default:
			pass = d->valid ? n == 0 : n > 0;
			sb_printf(&fail, "%s %s", d->what,
			    d->valid ? "rejected" : "accepted");
			break;
		}
		S_result(c->suite, c->caseno, c->label, pass, desc.s, fail.s,
		    cap.first);
		if (n == V_CRASHED && !opt_list)
			printf("# %s\n", fail.s);
	}
	if (s != NULL)
		rng_schema_free(s);
done:
	free(path.s);
	free(desc.s);
	free(fail.s);
}

/* ---- spectest.xml ---- */

/* Write a <resource> or <dir> into `dir`. */
static int
S_spec_resource(const char *dir, xmlNodePtr n)
{
	xmlChar		*name = xmlGetProp(n, BAD_CAST "name");
	struct sb	 path = { 0 };
	int		 rc = 0;

	if (name == NULL || name[0] == '\0' || strchr((char *)name, '/') ||
	    strcmp((char *)name, ".") == 0 || strcmp((char *)name, "..") == 0) {
		xmlFree(name);
		return -1;
	}
	sb_printf(&path, "%s/%s", dir, (const char *)name);
	xmlFree(name);
	if (S_is(n, "dir")) {
		if (mkdir(path.s, 0700) != 0 && errno != EEXIST)
			rc = -1;
		for (xmlNodePtr k = n->children; rc == 0 && k != NULL;
		    k = k->next)
			if (S_is(k, "resource") || S_is(k, "dir"))
				rc = S_spec_resource(path.s, k);
	} else if (S_first_elem(n) != NULL) {
		int	 len;
		char	*xml = S_serialize(S_first_elem(n), &len);

		rc = S_write(path.s, xml, (size_t)len);
		xmlFree(xml);
	} else {
		/* a text resource, as it is */
		char	*t = S_text(n);

		rc = S_write(path.s, t, strlen(t));
		free(t);
	}
	free(path.s);
	return rc;
}

/* The section(s) a testCase or testSuite names, or NULL. */
static char *
S_sections(xmlNodePtr n)
{
	struct sb	 b = { 0 };

	for (xmlNodePtr k = n->children; k != NULL; k = k->next)
		if (S_is(k, "section")) {
			char	*t = S_text(k);

			if (b.n > 0)
				sb_puts(&b, ", ");
			sb_puts(&b, t);
			free(t);
		}
	return b.s;
}

static int spec_caseno;

static void
S_spec_case(xmlNodePtr tc, const char *inherited)
{
	struct tcase	 c;
	struct sb	 label = { 0 };
	char		*sec;
	xmlNodePtr	 schema = NULL;
	int		 nvalid = 0, bad = 0;

	memset(&c, 0, sizeof(c));
	c.suite = SPEC;
	c.caseno = ++spec_caseno;
	if (!S_selected(SPEC, c.caseno))
		return;
	c.noun = "schema";
	sec = S_sections(tc);
	if (sec != NULL || inherited != NULL)
		sb_printf(&label, "section %s", sec ? sec : inherited);
	else
		sb_puts(&label, "no section");
	free(sec);
	c.label = label.s;
	if (S_case_dir(&c) != 0) {
		S_result(SPEC, c.caseno, c.label, 0, "case directory made",
		    "cannot make the case's directory", strerror(errno));
		S_case_free(&c);
		return;
	}
	for (xmlNodePtr k = tc->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || S_is(k, "section") ||
		    S_is(k, "documentation") || S_is(k, "requires"))
			continue;
		if (S_is(k, "resource") || S_is(k, "dir")) {
			if (S_spec_resource(c.dir, k) != 0) {
				S_result(SPEC, c.caseno, c.label, 0,
				    "resource written",
				    "cannot write a resource", NULL);
				bad = 1;
			}
		} else if (S_is(k, "correct") || S_is(k, "incorrect")) {
			schema = k;
			c.correct = S_is(k, "correct");
		} else if (S_is(k, "valid") || S_is(k, "invalid")) {
			struct sb	 what = { 0 };
			char		*xml;
			int		 len;

			if (S_count_elems(k) != 1) {
				S_unknown(SPEC, c.caseno, k);
				bad = 1;
				continue;
			}
			xml = S_serialize(S_first_elem(k), &len);
			nvalid++;
			sb_printf(&what, "%s document %zu",
			    S_is(k, "valid") ? "valid" : "invalid",
			    c.ndocs + 1);
			/* xmlFree is free unless libxml2 was told otherwise */
			S_case_doc(&c, S_is(k, "valid"), strdup(xml),
			    (size_t)len, what.s);
			if (c.docs[c.ndocs - 1].xml == NULL)
				S_oom();
			xmlFree(xml);
		} else {
			S_unknown(SPEC, c.caseno, k);
			bad = 1;
		}
	}
	if (schema == NULL || S_count_elems(schema) != 1) {
		S_result(SPEC, c.caseno, c.label, 0, "a schema to test",
		    "the case has no schema element", NULL);
		bad = 1;
	} else {
		struct sb	 path = { 0 };
		int		 len;
		char		*xml = S_serialize(S_first_elem(schema), &len);

		c.schema_file = c.correct ? "c.rng" : "i.rng";
		sb_printf(&path, "%s/%s", c.dir, c.schema_file);
		if (S_write(path.s, xml, (size_t)len) != 0)
			bad = 1;
		xmlFree(xml);
		free(path.s);
	}
	if (!bad)
		S_run_case(&c);
	S_case_free(&c);
}

static void
S_spec_walk(xmlNodePtr suite, const char *inherited)
{
	for (xmlNodePtr k = suite->children; k != NULL; k = k->next) {
		if (S_is(k, "testSuite")) {
			char	*sec = S_sections(k);

			S_spec_walk(k, sec != NULL ? sec : inherited);
			free(sec);
		} else if (S_is(k, "testCase"))
			S_spec_case(k, inherited);
	}
}

/* ---- xsdtest.xml ---- */

/* The document <doc>TEXT</doc> with the namespaces in scope at `ctx`,
 * and its internalSubset as a DOCTYPE (xsdtest.xsl's "valid"). */
static char *
S_xsd_doc(xmlNodePtr ctx, const char *text, size_t *len)
{
	struct sb	 b = { 0 };
	xmlChar		*subset = xmlGetProp(ctx, BAD_CAST "internalSubset");

	sb_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (subset != NULL)
		sb_printf(&b, "<!DOCTYPE doc [\n%s\n]>\n",
		    (const char *)subset);
	xmlFree(subset);
	sb_puts(&b, "<doc");
	sb_nsdecls(&b, ctx);
	sb_puts(&b, ">");
	sb_esc(&b, text);
	sb_puts(&b, "</doc>\n");
	*len = b.n;
	return b.s;
}

static int xsd_caseno;

/* Start an xsdtest case: its directory and its label. */
static int
S_xsd_begin(struct tcase *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int
S_xsd_begin(struct tcase *c, const char *fmt, ...)
{
	char	 buf[600];
	va_list	 ap;

	memset(c, 0, sizeof(*c));
	c->suite = XSD;
	c->caseno = ++xsd_caseno;
	if (!S_selected(XSD, c->caseno))
		return 0;
	c->noun = "schema";
	c->correct = 1;
	c->schema_file = "c.rng";
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if ((c->label = strdup(buf)) == NULL)
		S_oom();
	if (S_case_dir(c) != 0) {
		S_result(XSD, c->caseno, c->label, 0, "case directory made",
		    "cannot make the case's directory", strerror(errno));
		free(c->label);
		return 0;
	}
	return 1;
}

/* A document for the value element (or <valid>, ...) `n`. */
static void
S_xsd_add(struct tcase *c, xmlNodePtr n, int valid)
{
	struct sb	 what = { 0 };
	char		*text = S_text(n);
	size_t		 len;
	char		*xml = S_xsd_doc(n, text, &len);

	sb_printf(&what, "%s ", valid ? "valid" : "invalid");
	sb_quote(&what, text);
	S_case_doc(c, valid, xml, len, what.s);
	free(text);
}

/* Write the schema <element name="doc"> around `inner`, and run. */
static void
S_xsd_finish(struct tcase *c, const char *doctype, const char *inner)
{
	struct sb	 b = { 0 }, path = { 0 };

	sb_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (doctype != NULL)
		sb_printf(&b, "<!DOCTYPE element [\n%s\n]>\n", doctype);
	sb_puts(&b, "<element xmlns=\"" RNG_NS "\" name=\"doc\" "
	    "datatypeLibrary=\"" XSD_DT "\">\n  ");
	sb_puts(&b, inner);
	sb_puts(&b, "\n</element>\n");
	sb_printf(&path, "%s/%s", c->dir, c->schema_file);
	if (S_write(path.s, b.s, b.n) != 0)
		S_result(XSD, c->caseno, c->label, 0, "schema written",
		    "cannot write the schema", strerror(errno));
	else
		S_run_case(c);
	S_case_free(c);
	free(b.s);
	free(path.s);
}

/* <data type="T"> with one parameter (or the datatype's <param>s). */
static char *
S_xsd_data(const char *type, xmlNodePtr dt, const char *pname,
    const char *pvalue)
{
	struct sb	 b = { 0 };

	sb_puts(&b, "<data type=\"");
	sb_esc(&b, type);
	sb_puts(&b, "\">");
	if (dt != NULL)
		for (xmlNodePtr k = dt->children; k != NULL; k = k->next) {
			xmlChar	*name;
			char	*t;

			if (!S_is(k, "param"))
				continue;
			name = xmlGetProp(k, BAD_CAST "name");
			t = S_text(k);
			sb_puts(&b, "<param name=\"");
			sb_esc(&b, name != NULL ? (char *)name : "");
			sb_puts(&b, "\">");
			sb_esc(&b, t);
			sb_puts(&b, "</param>");
			xmlFree(name);
			free(t);
		}
	if (pname != NULL) {
		sb_printf(&b, "<param name=\"%s\">", pname);
		sb_esc(&b, pvalue);
		sb_puts(&b, "</param>");
	}
	sb_puts(&b, "</data>");
	return b.s;
}

/* The values of a lessThan or incomparable: both, or NULL. */
static int
S_xsd_pair(xmlNodePtr n, xmlNodePtr v[2])
{
	int	 i = 0;

	for (xmlNodePtr k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE) {
			if (!S_is(k, "value") || i == 2)
				return -1;
			v[i++] = k;
		}
	return i == 2 ? 0 : -1;
}

static void
S_xsd_datatype(xmlNodePtr dt)
{
	struct tcase	 c;
	xmlChar		*tp = xmlGetProp(dt, BAD_CAST "name");
	const char	*type = tp != NULL ? (const char *)tp : "";
	char		*inner;

	/* the datatype's own case: its valid and invalid values */
	if (S_xsd_begin(&c, "datatype %s", type)) {
		for (xmlNodePtr k = dt->children; k != NULL; k = k->next)
			if (S_is(k, "valid") || S_is(k, "invalid"))
				S_xsd_add(&c, k, S_is(k, "valid"));
		inner = S_xsd_data(type, dt, NULL, NULL);
		S_xsd_finish(&c, NULL, inner);
		free(inner);
	}
	/* then its equivalence classes, lengths and orderings in order */
	for (xmlNodePtr k = dt->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || S_is(k, "valid") ||
		    S_is(k, "invalid") || S_is(k, "param"))
			continue;
		if (S_is(k, "equiv")) {
			int	 ncls = 0;

			for (xmlNodePtr cl = k->children; cl != NULL;
			    cl = cl->next) {
				xmlNodePtr	 first = NULL;
				xmlChar		*subset;
				struct sb	 b = { 0 };
				char		*t;

				if (cl->type != XML_ELEMENT_NODE)
					continue;
				if (!S_is(cl, "class")) {
					xsd_caseno++;
					S_unknown(XSD, xsd_caseno, cl);
					continue;
				}
				ncls++;
				for (xmlNodePtr v = cl->children; v != NULL;
				    v = v->next)
					if (S_is(v, "value")) {
						first = v;
						break;
					}
				if (!S_xsd_begin(&c, "datatype %s, equiv "
				    "class %d", type, ncls))
					continue;
				if (first == NULL) {
					S_unknown(XSD, c.caseno, cl);
					S_case_free(&c);
					continue;
				}
				/* the rest of its class are equal to it */
				for (xmlNodePtr v = first->next; v != NULL;
				    v = v->next)
					if (S_is(v, "value"))
						S_xsd_add(&c, v, 1);
				/* other classes' values are not */
				for (xmlNodePtr o = k->children; o != NULL;
				    o = o->next) {
					if (!S_is(o, "class") || o == cl)
						continue;
					for (xmlNodePtr v = o->children;
					    v != NULL; v = v->next)
						if (S_is(v, "value"))
							S_xsd_add(&c, v, 0);
				}
				t = S_text(first);
				sb_puts(&b, "<value type=\"");
				sb_esc(&b, type);
				sb_puts(&b, "\"");
				sb_nsdecls(&b, first);
				sb_puts(&b, ">");
				sb_esc(&b, t);
				sb_puts(&b, "</value>");
				subset = xmlGetProp(first,
				    BAD_CAST "internalSubset");
				S_xsd_finish(&c, (const char *)subset, b.s);
				xmlFree(subset);
				free(b.s);
				free(t);
			}
		} else if (S_is(k, "length")) {
			xmlChar	*lv = xmlGetProp(k, BAD_CAST "value");
			long	 len = lv != NULL ? atol((char *)lv) : -1;
			char	 num[32];

			xmlFree(lv);
			if (len < 0) {
				S_unknown(XSD, ++xsd_caseno, k);
				continue;
			}
			/* the length it has; one more; one less */
			for (int delta = 0; delta <= 2; delta++) {
				long	 l = delta == 0 ? len :
				    delta == 1 ? len + 1 : len - 1;

				if (l < 0)
					continue;
				snprintf(num, sizeof(num), "%ld", l);
				if (!S_xsd_begin(&c, "datatype %s, length "
				    "%ld, value of length %ld", type, l, len))
					continue;
				S_xsd_add(&c, k, delta == 0);
				inner = S_xsd_data(type, NULL, "length", num);
				S_xsd_finish(&c, NULL, inner);
				free(inner);
			}
		} else if (S_is(k, "lessThan") || S_is(k, "incomparable")) {
			xmlNodePtr	 v[2];
			char		*t[2];
			int		 less = S_is(k, "lessThan");

			if (S_xsd_pair(k, v) != 0) {
				S_unknown(XSD, ++xsd_caseno, k);
				continue;
			}
			t[0] = S_text(v[0]);
			t[1] = S_text(v[1]);
			/* minExclusive=a: b is valid if a < b; a never */
			if (S_xsd_begin(&c, "datatype %s, %s %s %s, "
			    "minExclusive %s", type, t[0], less ? "<" : "<>",
			    t[1], t[0])) {
				S_xsd_add(&c, v[1], less);
				S_xsd_add(&c, v[0], 0);
				inner = S_xsd_data(type, NULL, "minExclusive",
				    t[0]);
				S_xsd_finish(&c, NULL, inner);
				free(inner);
			}
			/* minExclusive=b: neither */
			if (S_xsd_begin(&c, "datatype %s, %s %s %s, "
			    "minExclusive %s", type, t[0], less ? "<" : "<>",
			    t[1], t[1])) {
				S_xsd_add(&c, v[0], 0);
				S_xsd_add(&c, v[1], 0);
				inner = S_xsd_data(type, NULL, "minExclusive",
				    t[1]);
				S_xsd_finish(&c, NULL, inner);
				free(inner);
			}
			free(t[0]);
			free(t[1]);
		} else
			S_unknown(XSD, ++xsd_caseno, k);
	}
	xmlFree(tp);
}

static void
S_xsd_suite(xmlNodePtr root)
{
	for (xmlNodePtr k = root->children; k != NULL; k = k->next)
		if (S_is(k, "datatype"))
			S_xsd_datatype(k);
		else if (k->type == XML_ELEMENT_NODE)
			S_unknown(XSD, ++xsd_caseno, k);
}

/* ---- regextest.xml ---- */

static int regex_caseno;

static void
S_regex_case(xmlNodePtr tc)
{
	struct tcase	 c;
	struct sb	 label = { 0 }, b = { 0 }, path = { 0 };
	char		*regex = NULL;

	memset(&c, 0, sizeof(c));
	c.suite = REGEX;
	c.caseno = ++regex_caseno;
	if (!S_selected(REGEX, c.caseno))
		return;
	c.noun = "regex";
	for (xmlNodePtr k = tc->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (S_is(k, "correct") || S_is(k, "incorrect")) {
			free(regex);
			regex = S_text(k);
			c.correct = S_is(k, "correct");
		} else if (S_is(k, "valid") || S_is(k, "invalid")) {
			struct sb	 d = { 0 }, what = { 0 };
			char		*t = S_text(k);
			int		 valid = S_is(k, "valid");

			sb_puts(&d, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
			    "\n<doc>");
			sb_esc(&d, t);
			sb_puts(&d, "</doc>\n");
			sb_printf(&what, "%s ", valid ? "valid" : "invalid");
			sb_quote(&what, t);
			S_case_doc(&c, valid, d.s, d.n, what.s);
			c.docs[c.ndocs - 1].unsafe = !S_xml_chars_ok(t);
			free(t);
		} else {
			S_unknown(REGEX, c.caseno, k);
		}
	}
	if (regex == NULL) {
		S_result(REGEX, c.caseno, "harness", 0, "a regex to test",
		    "the case has no regex", NULL);
		S_case_free(&c);
		return;
	}
	sb_quote_in(&label, regex, "/");
	c.label = label.s;
	c.unsafe = !S_xml_chars_ok(regex);
	c.schema_file = c.correct ? "c.rng" : "i.rng";
	if (S_case_dir(&c) != 0) {
		S_result(REGEX, c.caseno, c.label, 0, "case directory made",
		    "cannot make the case's directory", strerror(errno));
		goto out;
	}
	sb_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<element xmlns=\"" RNG_NS "\" name=\"doc\" datatypeLibrary=\""
	    XSD_DT "\">\n  <data type=\"string\"><param name=\"pattern\">");
	sb_esc(&b, regex);
	sb_puts(&b, "</param></data>\n</element>\n");
	sb_printf(&path, "%s/%s", c.dir, c.schema_file);
	if (S_write(path.s, b.s, b.n) != 0)
		S_result(REGEX, c.caseno, c.label, 0, "schema written",
		    "cannot write the schema", strerror(errno));
	else
		S_run_case(&c);
out:
	S_case_free(&c);
	free(regex);
	free(b.s);
	free(path.s);
}

static void
S_regex_suite(xmlNodePtr root)
{
	for (xmlNodePtr k = root->children; k != NULL; k = k->next)
		if (S_is(k, "testCase"))
			S_regex_case(k);
		else if (k->type == XML_ELEMENT_NODE)
			S_unknown(REGEX, ++regex_caseno, k);
}

/* ---- compacttest.xml ---- */

#define XML_NS	"http://www.w3.org/XML/1998/namespace"

static int compact_caseno;

/* While normalising one side's tree (directory "c" or "x" of a case):
 * both sides' directories, for S_norm_file. */
static const char *norm_side, *norm_other;

/* The first error rng_read() raised, through the structured handler. */
static void
S_read_error(void *arg, xmlErrorPtr err)
{
	struct cap	*c = arg;
	char		 msg[400];

	if (err->level == XML_ERR_WARNING)
		return;
	c->count++;
	if (c->first[0] != '\0')
		return;
	tk_xml_message(err, msg, sizeof(msg));
	snprintf(c->first, sizeof(c->first), "%s:%d:%d: %s",
	    err->file != NULL ? err->file : "?", err->line, err->int2, msg);
	S_strip_tmp(c->first);
}

static struct rnode *
S_read_tree(const char *path, const char *ns, struct rarena **arena,
    struct cap *cap)
{
	struct rnode	*root;

	memset(cap, 0, sizeof(*cap));
	xmlSetStructuredErrorFunc(cap, S_read_error);
	tk_loader_allow(1);
	root = rng_read(path, ns, arena);
	tk_loader_allow(0);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (root == NULL && cap->first[0] == '\0')
		snprintf(cap->first, sizeof(cap->first), "(refused without "
		    "a diagnostic)");
	return root;
}

static int
S_rn_is(const struct rnode *n, const char *name)
{
	return n != NULL && n->rng && strcmp(n->name, name) == 0;
}

/* s without surrounding white space, in buf. */
static const char *
S_trim(const char *s, char *buf, size_t sz)
{
	size_t	 n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && strchr(" \t\n\r", s[n - 1]) != NULL)
		n--;
	snprintf(buf, sz, "%.*s", (int)n, s);
	return buf;
}

/* The ns in scope at n (section 4.7's inheritance). */
static const char *
S_inscope_ns(const struct rnode *n)
{
	const struct rdoc *doc = n->doc;
	const char	*v;

	for (; n != NULL; n = n->parent)
		if ((v = rnode_attr(n, "ns")) != NULL)
			return v;
	return doc->inherited_ns != NULL ? doc->inherited_ns : "";
}

static const char *
S_inscope_lib(const struct rnode *n)
{
	const char	*v;

	for (; n != NULL; n = n->parent)
		if ((v = rnode_attr(n, "datatypeLibrary")) != NULL)
			return v;
	return "";
}

/* A QName as {ns}local: its prefix's namespace, or dflt. */
static void
sb_qname(struct sb *b, const struct rnode *n, const char *qn,
    const char *dflt)
{
	char		 buf[512], prefix[256];
	const char	*colon, *ns;

	S_trim(qn, buf, sizeof(buf));
	if ((colon = strchr(buf, ':')) != NULL) {
		snprintf(prefix, sizeof(prefix), "%.*s", (int)(colon - buf),
		    buf);
		ns = strcmp(prefix, "xml") == 0 ? XML_NS :
		    rnode_ns_lookup(n, prefix);
		sb_printf(b, "{%s}%s", ns != NULL ? ns : "?UNBOUND", colon + 1);
	} else
		sb_printf(b, "{%s}%s", dflt, buf);
}

/* Containers whose several patterns are their group. */
static int
S_implicit_group(const char *name)
{
	static const char *const v[] = {
		"element", "attribute", "define", "start", "oneOrMore",
		"zeroOrMore", "optional", "list", "mixed", NULL
	};

	for (size_t i = 0; v[i] != NULL; i++)
		if (strcmp(name, v[i]) == 0)
			return 1;
	return 0;
}

/* A group, choice or interleave of one: the one. */
static const struct rnode *
S_single(const struct rnode *n)
{
	const struct rnode *c, *one;

	while (S_rn_is(n, "group") || S_rn_is(n, "choice") ||
	    S_rn_is(n, "interleave")) {
		one = NULL;
		for (c = n->children; c != NULL; c = c->next)
			if (c->rng) {
				if (one != NULL)
					return n;
				one = c;
			}
		if (one == NULL)
			return n;
		n = one;
	}
	return n;
}

static void	S_norm(struct sb *, const struct rnode *, int);

/* n's RELAX NG children from `from` on, as `kind` (group, choice,
 * interleave) would hold them: nested ones of the same kind spliced. */
static void
S_norm_kids(struct sb *b, const struct rnode *from, const char *kind,
    int depth)
{
	const struct rnode *c, *k;

	for (c = from; c != NULL; c = c->next) {
		if (!c->rng)
			continue;
		k = S_single(c);
		if (S_rn_is(k, kind)) {
			S_norm_kids(b, k->children, kind, depth);
			continue;
		}
		S_norm(b, k, depth);
	}
}

/* Does the file at path (on norm_side) have its counterpart, the same
 * name in the other syntax on norm_other? */
static int
S_counterpart(const char *path)
{
	size_t		 n = strlen(norm_side), len;
	struct sb	 o = { 0 };
	int		 ok;

	if (strncmp(path, norm_side, n) != 0 || path[n] != '/')
		return 1;
	sb_printf(&o, "%s%s", norm_other, path + n);
	len = strlen(o.s);
	if (len > 4 && strcmp(o.s + len - 4, ".rnc") == 0)
		o.s[len - 1] = 'g';
	else if (len > 4 && strcmp(o.s + len - 4, ".rng") == 0)
		o.s[len - 1] = 'c';
	ok = access(o.s, F_OK) == 0;
	free(o.s);
	return ok;
}

/* An included or external file's tree, normalised. */
static void
S_norm_file(struct sb *b, const struct rnode *n, int depth)
{
	const char	*href = rnode_attr(n, "href");
	char		 buf[512], *dir, *slash;
	struct sb	 path = { 0 };
	struct rarena	*arena = NULL;
	struct rnode	*root;
	struct cap	 cap;
	size_t		 len;

	if (href == NULL || depth > 16)
		return;
	S_trim(href, buf, sizeof(buf));
	/* x.rnc and x.rng are the same file in either syntax */
	len = strlen(buf);
	if (len > 4 && (strcmp(buf + len - 4, ".rnc") == 0 ||
	    strcmp(buf + len - 4, ".rng") == 0))
		buf[len - 4] = '\0';
	sb_printf(b, "href=%s", buf);
	if ((dir = strdup(n->doc->url)) == NULL)
		S_oom();
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	sb_printf(&path, "%s/%s", dir, S_trim(href, buf, sizeof(buf)));
	free(dir);
	if (access(path.s, F_OK) != 0 || !S_counterpart(path.s)) {
		/* a twin's resource may be missing: its tree is not known,
		 * and the other side's is not compared */
		sb_puts(b, "[?]");
		free(path.s);
		return;
	}
	if ((root = S_read_tree(path.s, S_inscope_ns(n), &arena, &cap)) ==
	    NULL)
		sb_printf(b, "[unreadable: %s]", cap.first);
	else {
		sb_puts(b, "[");
		S_norm(b, root, depth + 1);
		sb_puts(b, "]");
	}
	rng_arena_free(arena);
	free(path.s);
}

/*
 * The node as a string in which the translation's free choices no
 * longer show: names and namespaces resolved, datatypeLibrary given,
 * groups implied by a container or nested in their kind spliced, a
 * choice of one its one, an except's choice its children; annotations
 * (foreign nodes) left out.
 */
static void
S_norm(struct sb *b, const struct rnode *n, int depth)
{
	const struct rnode *c;
	const char	*v;
	char		 buf[512];

	if (!n->rng) {
		sb_printf(b, "FOREIGN:%s ", n->name);
		return;
	}
	n = S_single(n);
	sb_puts(b, n->name);
	c = n->children;
	if (strcmp(n->name, "element") == 0 ||
	    strcmp(n->name, "attribute") == 0) {
		sb_puts(b, " ");
		if ((v = rnode_attr(n, "name")) != NULL)
			sb_qname(b, n, v, n->name[0] == 'e' ?
			    S_inscope_ns(n) : rnode_attr(n, "ns") != NULL ?
			    rnode_attr(n, "ns") : "");
		else {
			while (c != NULL && !c->rng)
				c = c->next;
			if (c != NULL) {
				S_norm(b, c, depth);
				c = c->next;
			}
		}
	} else if (strcmp(n->name, "name") == 0) {
		/* as a name attribute is */
		b->n -= 4;
		sb_qname(b, n, n->text != NULL ? n->text : "",
		    S_inscope_ns(n));
		return;
	} else if (strcmp(n->name, "nsName") == 0)
		sb_printf(b, " {%s}", S_inscope_ns(n));
	else if (strcmp(n->name, "data") == 0 ||
	    strcmp(n->name, "value") == 0) {
		v = rnode_attr(n, "type");
		if (v == NULL && n->name[0] == 'v')
			sb_puts(b, " {}token");
		else
			sb_printf(b, " {%s}%s", S_inscope_lib(n),
			    S_trim(v != NULL ? v : "", buf, sizeof(buf)));
		if (n->name[0] == 'v') {
			/* its ns matters to a QName's or NOTATION's value */
			if (v != NULL && (strstr(v, "QName") != NULL ||
			    strstr(v, "NOTATION") != NULL))
				sb_printf(b, " ns={%s}", S_inscope_ns(n));
			sb_puts(b, " \"");
			sb_esc(b, n->text != NULL ? n->text : "");
			sb_puts(b, "\"");
		}
	} else if (strcmp(n->name, "param") == 0) {
		sb_printf(b, " %s=\"", S_trim(rnode_attr(n, "name") ?
		    rnode_attr(n, "name") : "", buf, sizeof(buf)));
		sb_esc(b, n->text != NULL ? n->text : "");
		sb_puts(b, "\"");
	} else if (strcmp(n->name, "ref") == 0 ||
	    strcmp(n->name, "parentRef") == 0 ||
	    strcmp(n->name, "define") == 0)
		sb_printf(b, " %s", S_trim(rnode_attr(n, "name") ?
		    rnode_attr(n, "name") : "", buf, sizeof(buf)));
	else if (strcmp(n->name, "include") == 0 ||
	    strcmp(n->name, "externalRef") == 0) {
		sb_printf(b, " ns={%s} ", S_inscope_ns(n));
		S_norm_file(b, n, depth);
	}
	if ((v = rnode_attr(n, "combine")) != NULL)
		sb_printf(b, " combine=%s", S_trim(v, buf, sizeof(buf)));
	sb_puts(b, "(");
	if (strcmp(n->name, "attribute") == 0) {
		/* no pattern: <text/> (section 4.12) */
		while (c != NULL && !c->rng)
			c = c->next;
		if (c == NULL)
			sb_puts(b, "text()");
	}
	if (S_implicit_group(n->name))
		S_norm_kids(b, c, "group", depth);
	else if (strcmp(n->name, "except") == 0)
		S_norm_kids(b, c, "choice", depth);
	else if (strcmp(n->name, "group") == 0 ||
	    strcmp(n->name, "choice") == 0 ||
	    strcmp(n->name, "interleave") == 0)
		S_norm_kids(b, c, n->name, depth);
	else
		for (; c != NULL; c = c->next)
			if (c->rng)
				S_norm(b, c, depth);
	sb_puts(b, ")");
}

/* Where a and b first differ, for a message: in *out. */
static void
S_first_diff(const char *a, const char *b, struct sb *out)
{
	size_t	 i = 0, from;

	while (a[i] != '\0' && a[i] == b[i])
		i++;
	from = i > 30 ? i - 30 : 0;
	sb_printf(out, "compact ...%.60s... / twin ...%.60s...", a + from,
	    b + from);
}

/* Write a compact case's <resource>s (text) or an xml one's (an
 * element, or text) into dir. */
static int
S_compact_resources(const char *dir, xmlNodePtr part)
{
	for (xmlNodePtr k = part->children; k != NULL; k = k->next)
		if ((S_is(k, "resource") || S_is(k, "dir")) &&
		    S_spec_resource(dir, k) != 0)
			return -1;
	return 0;
}

static void
S_compact_case(xmlNodePtr tc)
{
	struct sb	 dir = { 0 }, cdir = { 0 }, xdir = { 0 };
	struct sb	 cpath = { 0 }, xpath = { 0 }, desc = { 0 };
	struct sb	 fail = { 0 }, na = { 0 }, nb = { 0 };
	xmlNodePtr	 compact = NULL, xml = NULL, schema = NULL, twin = NULL;
	struct rarena	*ca = NULL, *xa = NULL;
	struct rnode	*ct, *xt;
	struct rng_schema *cs, *xs;
	struct cap	 cap, xcap;
	char		*text, label[64];
	int		 caseno = ++compact_caseno, correct, sig;

	if (!S_selected(COMPACT, caseno))
		return;
	snprintf(cur_case, sizeof(cur_case), "compacttest:%d", caseno);
	for (xmlNodePtr k = tc->children; k != NULL; k = k->next)
		if (S_is(k, "compact"))
			compact = k;
		else if (S_is(k, "xml"))
			xml = k;
		else if (k->type == XML_ELEMENT_NODE) {
			S_unknown(COMPACT, caseno, k);
			return;
		}
	if (compact != NULL)
		for (xmlNodePtr k = compact->children; k != NULL; k = k->next)
			if (S_is(k, "correct") || S_is(k, "incorrect"))
				schema = k;
	if (schema == NULL) {
		S_result(COMPACT, caseno, "harness", 0, "a schema to test",
		    "the case has no compact schema", NULL);
		return;
	}
	correct = S_is(schema, "correct");
	if (xml != NULL)
		for (xmlNodePtr k = xml->children; k != NULL; k = k->next)
			if (S_is(k, "correct"))
				twin = S_first_elem(k);
	snprintf(label, sizeof(label), "line %ld", xmlGetLineNo(schema));
	sb_printf(&dir, "%s/%s/%03d", tmproot, suite_name[COMPACT], caseno);
	sb_printf(&cdir, "%s/c", dir.s);
	sb_printf(&xdir, "%s/x", dir.s);
	sb_printf(&cpath, "%s/%s", cdir.s, correct ? "c.rnc" : "i.rnc");
	sb_printf(&xpath, "%s/c.rng", xdir.s);
	text = S_text(schema);
	if (mkdir(dir.s, 0700) != 0 || mkdir(cdir.s, 0700) != 0 ||
	    mkdir(xdir.s, 0700) != 0 ||
	    S_compact_resources(cdir.s, compact) != 0 ||
	    S_write(cpath.s, text, strlen(text)) != 0 ||
	    (xml != NULL && S_compact_resources(xdir.s, xml) != 0)) {
		S_result(COMPACT, caseno, label, 0, "case written",
		    "cannot write the case's files", strerror(errno));
		free(text);
		goto out;
	}
	free(text);
	if (twin != NULL) {
		int	 len;
		char	*x = S_serialize(twin, &len);

		if (S_write(xpath.s, x, (size_t)len) != 0) {
			xmlFree(x);
			S_result(COMPACT, caseno, label, 0, "twin written",
			    "cannot write the XML twin", strerror(errno));
			goto out;
		}
		xmlFree(x);
	}
	if (opt_verbose && !opt_list)
		printf("# running compacttest case %d (%s)\n", caseno, label);
	if (!correct) {
		cs = S_compile(cpath.s, "i.rnc", &cap, &sig);
		S_result(COMPACT, caseno, label, cs == NULL && sig == 0,
		    "incorrect compact schema refused", sig != 0 ?
		    "engine crashed" : "incorrect compact schema accepted",
		    cap.first);
		if (sig != 0)
			S_crash_note(COMPACT, caseno, "compiling", sig);
		rng_schema_free(cs);
		goto out;
	}
	/* 1: read */
	ct = S_read_tree(cpath.s, NULL, &ca, &cap);
	S_result(COMPACT, caseno, label, ct != NULL,
	    "correct compact schema read", "correct compact schema refused",
	    cap.first);
	if (twin == NULL) {
		S_result(COMPACT, caseno, label, 0, "an XML twin to compare",
		    "the case has no XML twin", NULL);
		goto out;
	}
	/* 2: the same tree as the twin's */
	xt = S_read_tree(xpath.s, NULL, &xa, &xcap);
	if (ct == NULL || xt == NULL) {
		S_result(COMPACT, caseno, label, 0, "same tree as its XML twin",
		    ct == NULL ? "not compared: the compact schema was "
		    "refused" : "not compared: the XML twin was refused",
		    ct == NULL ? cap.first : xcap.first);
	} else {
		norm_side = cdir.s;
		norm_other = xdir.s;
		S_norm(&na, ct, 0);
		norm_side = xdir.s;
		norm_other = cdir.s;
		S_norm(&nb, xt, 0);
		if (strcmp(na.s, nb.s) != 0)
			S_first_diff(na.s, nb.s, &fail);
		S_result(COMPACT, caseno, label, strcmp(na.s, nb.s) == 0,
		    "same tree as its XML twin", "a tree unlike its XML "
		    "twin's", fail.s);
		if (opt_verbose && !opt_list)
			printf("# %s\n", na.s);
	}
	/* 3: compiles exactly when the twin does */
	cs = S_compile(cpath.s, "c.rnc", &cap, &sig);
	if (sig == 0) {
		xs = S_compile(xpath.s, "c.rng", &xcap, &sig);
		sb_printf(&desc, "compiles as its XML twin does (%s)",
		    xs != NULL ? "it does" : "it does not");
		fail.n = 0;
		sb_printf(&fail, "the XML twin %s, the compact schema %s",
		    xs != NULL ? "compiles" : "does not",
		    cs != NULL ? "does" : "does not");
		S_result(COMPACT, caseno, label, sig == 0 &&
		    (cs != NULL) == (xs != NULL), desc.s, fail.s,
		    cs == NULL ? cap.first : xcap.first);
		rng_schema_free(xs);
	}
	if (sig != 0) {
		S_result(COMPACT, caseno, label, 0, "compiles as its XML twin "
		    "does", "engine crashed", NULL);
		S_crash_note(COMPACT, caseno, "compiling", sig);
	}
	rng_schema_free(cs);
out:
	rng_arena_free(ca);
	rng_arena_free(xa);
	free(dir.s);
	free(cdir.s);
	free(xdir.s);
	free(cpath.s);
	free(xpath.s);
	free(desc.s);
	free(fail.s);
	free(na.s);
	free(nb.s);
}

static void
S_compact_suite(xmlNodePtr root)
{
	for (xmlNodePtr k = root->children; k != NULL; k = k->next)
		if (S_is(k, "testCase"))
			S_compact_case(k);
		else if (S_is(k, "bug")) {
			/* jing-trang's own list of what it gets wrong */
			if (S_selected(COMPACT, ++compact_caseno))
				S_skip(COMPACT, compact_caseno, "bug",
				    "a case the suite marks <bug>",
				    "marked <bug> in compacttest.xml");
		} else if (k->type == XML_ELEMENT_NODE)
			S_unknown(COMPACT, ++compact_caseno, k);
}

/* ---- main ---- */

static void
S_usage(void)
{
	fprintf(stderr, "usage: rngsuite [-klv] [suite[:case]]...\n"
	    "       rngsuite -t schema1 schema2\n");
	exit(2);
}

/* -t: are the two schemas' trees the same, normalised as the compact
 * suite's are (tests/rnc.sh: tei_all.rnc and tei_all.rng)?  0 if so;
 * else 1, and where they first differ. */
static int
S_tree_cmp(const char *a, const char *b)
{
	struct rarena	*aa = NULL, *ba = NULL;
	struct rnode	*at, *bt;
	struct cap	 cap;
	struct sb	 na = { 0 }, nb = { 0 }, diff = { 0 };
	int		 rc = 1;

	tk_xml_init();
	norm_side = norm_other = "\001";	/* no counterparts */
	if ((at = S_read_tree(a, NULL, &aa, &cap)) == NULL)
		fprintf(stderr, "rngsuite: %s\n", cap.first);
	else if ((bt = S_read_tree(b, NULL, &ba, &cap)) == NULL)
		fprintf(stderr, "rngsuite: %s\n", cap.first);
	else {
		S_norm(&na, at, 0);
		S_norm(&nb, bt, 0);
		if (strcmp(na.s, nb.s) == 0) {
			printf("same trees (%zu characters normalised)\n", na.n);
			rc = 0;
		} else {
			S_first_diff(na.s, nb.s, &diff);
			printf("trees differ: %s\n", diff.s);
		}
	}
	rng_arena_free(aa);
	rng_arena_free(ba);
	free(na.s);
	free(nb.s);
	free(diff.s);
	return rc;
}

int
main(int argc, char **argv)
{
	const char	*shared = getenv("TEIKIT_SHARED");
	const char	*env;
	struct sb	 dir = { 0 }, path = { 0 };
	struct stat	 st;
	int		 ch;

	if ((env = getenv("RNGSUITE_VERBOSE")) != NULL && atoi(env) > 0)
		opt_verbose = 1;
	opt_nocatch = 1;
	if ((env = getenv("RNGSUITE_CATCH")) != NULL && atoi(env) > 0)
		opt_nocatch = 0;
	if ((env = getenv("RNGSUITE_TIMEOUT")) != NULL)
		opt_timeout = (unsigned)atoi(env);
	while ((ch = getopt(argc, argv, "klvt")) != -1)
		switch (ch) {
		case 'k': opt_keep = 1; break;
		case 'l': opt_list = 1; break;
		case 'v': opt_verbose = 1; break;
		case 't': opt_tree = 1; break;
		default: S_usage();
		}
	if (opt_tree) {
		if (argc - optind != 2)
			S_usage();
		return S_tree_cmp(argv[optind], argv[optind + 1]);
	}
	filters = argv + optind;
	nfilters = argc - optind;
	for (int i = 0; i < nfilters; i++) {
		int	 known = 0;

		for (int s = 0; s < NSUITES; s++) {
			size_t n = strlen(suite_name[s]);

			if (strncmp(filters[i], suite_name[s], n) == 0 &&
			    (filters[i][n] == '\0' || filters[i][n] == ':'))
				known = 1;
		}
		if (!known)
			S_usage();
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (shared != NULL && shared[0] != '\0')
		sb_printf(&dir, "%s/conformance/relaxng", shared);
	else {
		const char *srcdir = getenv("srcdir");

		sb_printf(&dir, "%s/../shared/conformance/relaxng",
		    srcdir != NULL && srcdir[0] != '\0' ? srcdir : ".");
	}
	sb_printf(&path, "%s/%s", dir.s, suite_file[SPEC]);
	if (stat(dir.s, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    stat(path.s, &st) != 0) {
		if (!opt_list)
			printf("1..0 # SKIP conformance suites not found\n");
		free(dir.s);
		free(path.s);
		return 0;
	}

	tk_xml_init();
	main_thread = pthread_self();
	S_guard_init();
	snprintf(tmproot, sizeof(tmproot), "%s/rngsuite.XXXXXX",
	    (env = getenv("TMPDIR")) != NULL && env[0] != '\0' ? env :
	    "/tmp");
	if (mkdtemp(tmproot) == NULL) {
		fprintf(stderr, "rngsuite: %s: %s\n", tmproot, strerror(errno));
		printf("Bail out! cannot make a temporary directory\n");
		return 99;
	}
	for (int s = 0; s < NSUITES; s++) {
		xmlDocPtr	 doc;
		xmlNodePtr	 root;
		struct sb	 sub = { 0 };

		if (!S_suite_selected(s))
			continue;
		path.n = 0;
		sb_printf(&path, "%s/%s", dir.s, suite_file[s]);
		sb_printf(&sub, "%s/%s", tmproot, suite_name[s]);
		mkdir(sub.s, 0700);
		free(sub.s);
		if (stat(path.s, &st) != 0) {
			n_tests++;
			skipped[s]++;
			if (!opt_list)
				printf("ok %d - %s # SKIP %s not found\n",
				    n_tests, suite_name[s], suite_file[s]);
			continue;
		}
		/* The suites are trusted: their internal entities (&dii;)
		 * are expanded; nothing from the network. */
		tk_loader_allow(1);
		doc = xmlReadFile(path.s, NULL, XML_PARSE_NOENT |
		    XML_PARSE_NONET);
		tk_loader_allow(0);
		if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
			n_tests++;
			n_failed++;
			run[s]++;
			if (opt_list)
				printf("%s: %s is not well-formed\n",
				    suite_name[s], suite_file[s]);
			else
				printf("not ok %d - %s: %s read\n", n_tests,
				    suite_name[s], suite_file[s]);
			xmlFreeDoc(doc);
			continue;
		}
		switch (s) {
		case SPEC:
			S_spec_walk(root, NULL);
			break;
		case XSD:
			S_xsd_suite(root);
			break;
		case REGEX:
			S_regex_suite(root);
			break;
		case COMPACT:
			S_compact_suite(root);
			break;
		}
		xmlFreeDoc(doc);
	}

	if (!opt_list)
		printf("1..%d\n", n_tests);
	for (int s = 0; s < NSUITES; s++) {
		if (!S_suite_selected(s))
			continue;
		fprintf(opt_list ? stderr : stdout,
		    "# %s: %d/%d passed%s", suite_name[s], passed[s], run[s],
		    skipped[s] > 0 ? "" : "\n");
		if (skipped[s] > 0)
			fprintf(opt_list ? stderr : stdout, " (%d skipped)\n",
			    skipped[s]);
	}
	if (crashes[0] != '\0')
		fprintf(opt_list ? stderr : stdout,
		    "# engine crashes: %s\n", crashes);
	if (opt_keep)
		fprintf(stderr, "rngsuite: files kept in %s\n", tmproot);
	else
		S_rmtree(tmproot);
	free(dir.s);
	free(path.s);
	xmlCleanupParser();
	return n_failed > 0 ? 1 : 0;
}
