/*
 * common.c -- what the commands share: the one printer of diagnostics
 * (the worst of them is the exit status), option helpers, reading
 * files and documents, where the schemas and stylesheets are, and the
 * views by name.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teikit.h"
#include "cmd.h"


static teikit_level worst = TEIKIT_LEVEL_NOTE;
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;
/* When set, this thread's diagnostics go here, to be printed later in
 * the order of the inputs (validate -j). */
static _Thread_local FILE *capture;

teikit_level
worst_level(void)
{
	return worst;
}

/* This thread's diagnostics into `f`, or to stderr again (NULL). */
void
diag_capture(FILE *f)
{
	capture = f;
}

FILE *
diag_captured(void)
{
	return capture;
}

/* ---- the one printer ---- */

/* -j N, 1 to 256; -1 after saying why not. */
int
jobs_option(const char *arg, long *jobs)
{
	char	*end;

	*jobs = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || *jobs < 1 || *jobs > 256) {
		usage(TK_U_ARGUMENT, "-j wants 1 to 256, not \"%s\"", arg);
		return -1;
	}
	return 0;
}

/* One diagnostic, in the shape of --format (report.c). */
void
print_diag(const teikit_diag *d, void *arg)
{
	teikit_level	 lvl = teikit_code_level(d->code);

	(void)arg;
	pthread_mutex_lock(&print_lock);
	if (lvl > worst)
		worst = lvl;
	report_diag(d, lvl, capture);
	pthread_mutex_unlock(&print_lock);
}

/* A line of --explain, on stderr, whole. */
void
explain_line(const char *fmt, ...)
{
	va_list	 ap;

	pthread_mutex_lock(&print_lock);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&print_lock);
}

void
say(const char *file, teikit_code code, const char *fmt, ...)
{
	teikit_diag	 d = { 0 };
	char		 msg[1024];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(&d, 0, sizeof(d));
	d.file = file ? file : "teikit";
	d.code = code;
	d.message = msg;
	print_diag(&d, NULL);
}

int
usage(teikit_code code, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	say("teikit", code, "%s (teikit --help lists the options)", msg);
	return EXIT_USAGE;
}

/* getopt_long said '?' or ':': say which option, in one shape. */
int
bad_option(int c, char *argv[])
{
	const char *opt = argv[optind - 1];

	if (c == ':')
		return usage(TK_U_OPTION, "option %s needs an argument", opt);
	if (strncmp(opt, "--", 2) == 0)	/* unknown, or "=value" unwanted */
		return usage(TK_U_OPTION, "bad option %s", opt);
	if (optopt > ' ' && optopt < 0x7F)
		return usage(TK_U_OPTION, "unknown option -%c", optopt);
	return usage(TK_U_OPTION, "bad option %s", opt);
}
/* A new run (teikit_main): nothing said yet. */
void
diag_reset(void)
{
	worst = TEIKIT_LEVEL_NOTE;
}

/* ---- files ---- */

/* The whole of a file, or of stdin for "-"; NUL-terminated. */
char *
slurp(const char *path, size_t *len)
{
	FILE	*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");

	*len = 0;
	return f ? slurp_file(f, len) : NULL;
}

/* As slurp(), of a regular file only: opening a FIFO found in a corpus
 * must not block (errno EINVAL for anything else). */
char *
slurp_regular(const char *path, size_t *len)
{
	struct stat	 st;
	FILE		*f;
	int		 fd;

	*len = 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    fcntl(fd, F_SETFL, 0) == -1 || (f = fdopen(fd, "rb")) == NULL) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	return slurp_file(f, len);
}

/* The rest of the stream f, NUL-terminated; f is closed (unless it is
 * stdin).  *len must be 0 on entry. */
char *
slurp_file(FILE *f, size_t *len)
{
	char	*buf = NULL, *p;
	size_t	 cap = 0, n;
	struct stat st;

	/* A regular file is read into one buffer of its size (and one
	 * more read to see the end): no copies as the buffer grows. */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (buf = malloc((size_t)st.st_size + 2)) != NULL)
		cap = (size_t)st.st_size + 1;
	for (;;) {
		if (cap == *len) {
			cap = cap ? cap * 2 : 65536;
			if ((p = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0) {
			if (ferror(f)) {
				free(buf);
				buf = NULL;
			}
			break;
		}
	}
	if (buf != NULL)
		buf[*len] = '\0';
	if (f != stdin)
		fclose(f);
	return buf;
}

/* The inputs named, then may `out` (named with -o) be written? */
int
refuse_same(int n, const char *const in[], const char *out)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (guard_input(in[i]) == -1) {
			say(NULL, TK_S_NOMEM, "out of memory");
			return 1;
		}
	return out != NULL && guard_output(out, 1, NULL) == -1;
}

int
emit(const char *out, const char *buf, size_t len)
{
	if (out == NULL || strcmp(out, "-") == 0) {
		if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
			say("<stdout>", TK_S_WRITE, "cannot write: %s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	return guard_write(out, buf, len, 1, NULL);
}

/* ---- where schemas and stylesheets are ---- */

const char *datadir_opt;

/* Run from the build tree (uninstalled)?  Then use the source tree. */
int
run_uninstalled(void)
{
	char	 exe[PATH_MAX];
	ssize_t	 n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t	 bl = strlen(TEIKIT_BUILDDIR);

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	return strncmp(exe, TEIKIT_BUILDDIR, bl) == 0 && exe[bl] == '/';
}

const char *
data_dir(void)
{
	const char	*env;

	if (datadir_opt != NULL)
		return datadir_opt;
	if ((env = getenv("TEIKIT_DATADIR")) != NULL && env[0] != '\0')
		return env;
	return run_uninstalled() ? TEIKIT_SRCDIR : TEIKIT_PKGDATADIR;
}

/* A data file: `given` when not NULL, else `rel` in the data directory;
 * NULL after saying why it cannot be read. */
const char *
data_file(const char *given, const char *rel, char *buf, size_t sz)
{
	if (given == NULL) {
		snprintf(buf, sz, "%s/%s", data_dir(), rel);
		given = buf;
	}
	if (access(given, R_OK) == -1) {
		say(given, TK_S_DATA, "cannot read: %s%s", strerror(errno),
		    given == buf ? " (set TEIKIT_DATADIR or --datadir)" : "");
		return NULL;
	}
	(void)guard_input(given);	/* a schema or stylesheet is read */
	return given;
}


/* The views, by name. */
static const struct {
	const char	*name;
	const char	*sheet;	/* under the data directory */
	int		 pdf;	/* compile the result with pdflatex */
} views[] = {
	{ "text", "xslt/tei-text.xsl", 0 },
	{ "html", "xslt/tei-html.xsl", 0 },
	{ "latex", "xslt/tei-latex.xsl", 0 },
	{ "pdf", "xslt/tei-latex.xsl", 1 },
};

const char *
view_sheet(const char *to)
{
	size_t	 i;

	for (i = 0; to != NULL && i < sizeof(views) / sizeof(views[0]); i++)
		if (strcmp(views[i].name, to) == 0)
			return views[i].sheet;
	return NULL;
}

int
view_is_pdf(const char *to)
{
	size_t	 i;

	for (i = 0; to != NULL && i < sizeof(views) / sizeof(views[0]); i++)
		if (strcmp(views[i].name, to) == 0)
			return views[i].pdf;
	return 0;
}

/*
 * A warning when a built-in view (`to`; not a --stylesheet) would show
 * nothing but a title block: no text, sourceDoc or standOff holds a
 * character.  A page that looks empty must never pass in silence.
 */
void
view_check_text(const char *to, const teikit_doc *doc, const char *name)
{
	if (to != NULL && !teikit_doc_has_text(doc))
		say(name, TK_W_NO_TEXT, "nothing to show: the document has "
		    "no text, sourceDoc or standOff with any text in it, "
		    "so its views hold the title block only");
}

/* Apply the view (and pdflatex for --to pdf); 0 or -1, reported. */
int
render_view(teikit_view *view, const char *to, const teikit_doc *doc,
    const char *name, char **res, size_t *rlen)
{
	char	*tex;
	size_t	 tlen;
	int	 rc;

	if (!view_is_pdf(to))
		return teikit_view_render(view, doc, name, res, rlen);
	if (teikit_view_render(view, doc, name, &tex, &tlen) == -1)
		return -1;
	rc = teikit_pdf_compile(tex, tlen, name, res, rlen, print_diag, NULL);
	free(tex);
	return rc;
}

teikit_view *
open_view(const char *to, const char *sheet)
{
	char	 path[PATH_MAX];

	if ((sheet = data_file(sheet, view_sheet(to), path,
	    sizeof(path))) == NULL)
		return NULL;
	return teikit_view_new(sheet, print_diag, NULL);
}

/* ---- reading TEI ---- */

/* validate --xinclude: documents are read with XInclude */
int xinclude;


teikit_doc *
read_tei(const char *in)
{
	return read_doc(in, 0);
}

/* A TEI document, or with TEIKIT_DOC_ANY_XML any XML document. */
teikit_doc *
read_doc(const char *in, int flags)
{
	char		*buf, *copy;
	size_t		 len;
	teikit_doc	*doc;

	if ((buf = slurp(in, &len)) == NULL) {
		say(in, TK_S_READ, "cannot read: %s", strerror(errno));
		return NULL;
	}
	if (xinclude && (copy = strdup(strcmp(in, "-") ? in : "."))) {
		doc = teikit_doc_parse_flags(buf, len, in,
		    strcmp(in, "-") ? dirname(copy) : ".", flags, print_diag,
		    NULL);
		free(copy);
	} else
		doc = teikit_doc_parse_flags(buf, len, in, NULL, flags,
		    print_diag, NULL);
	free(buf);
	return doc;
}

