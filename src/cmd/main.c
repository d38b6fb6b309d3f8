/*
 * main.c -- the teikit command: parse the command line, call libteikit,
 * print its diagnostics in one shape, and map the worst of them to the
 * exit status.  No encoding, validation or rendering logic lives here.
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

#include <libxml/xmlversion.h>
#include <libxslt/xsltconfig.h>

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

void
say(const char *file, teikit_code code, const char *fmt, ...)
{
	teikit_diag	 d;
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

static void
print_explain(unsigned line, unsigned col, const char *what, void *arg)
{
	(void)arg;
	if (line > 0)
		fprintf(stderr, "%u:%u %s\n", line, col, what);
	else
		fprintf(stderr, "- %s\n", what);
}

/* ---- the commands, and what they take ---- */

static int	 cmd_encode(int, char *[]);
static int	 cmd_validate(int, char *[]);
static int	 cmd_render(int, char *[]);
static int	 cmd_help(int, char *[]);

/*
 * Every command, with the one text of its usage: `teikit COMMAND --help`
 * prints it, and `teikit --help` prints them all, so neither can drift
 * from the other.
 */
static const struct command {
	const char	*name;
	int		(*run)(int, char *[]);
	int		 report_out;	/* its output is its diagnostics */
	const char	*synopsis;	/* after "teikit " */
	const char	*what;
	const char	*options;	/* a line or two each */
} commands[] = {
	{ "encode", cmd_encode, 0, "encode [OPTIONS] FILE|-",
"plaintext transcription -> TEI P5",
"      -o, --output OUT        write OUT atomically instead of stdout\n"
"      -e, --explain           list every decision on stderr\n"
"      --to xml|VIEW           write the TEI (default), or a view of it\n"
"      --series TEXT           series named in the source description\n"
"      --lang TAG              language of the text (default en)\n"
"      --speaker LABEL=NAME    resolve a speaker label to a person\n"
"      --first-note N          number of the first footnote marker\n"
"      --profile tei|frus      TEI with <sp> (default), or the Office of\n"
"                              the Historian's encoding\n" },
	{ "validate", cmd_validate, 1, "validate [OPTIONS] FILE.xml|-...",
"the schemas it declares (else tei_all), then rules",
"      --schema FILE.rng|teikit|tei_all   this schema, whatever the\n"
"                              documents declare (<?xml-model?>)\n"
"      --catalog FILE          an XML catalog for schema URLs (before\n"
"                              XML_CATALOG_FILES and teikit's own)\n"
"      --rules none|integrity|teikit|frus   rules beyond the schema\n"
"                              (default: teikit for what teikit encoded,\n"
"                              else integrity)\n"
"      --engine teikit|libxml2    RELAX NG engine (default teikit's own)\n"
"      --xinclude              process XInclude (files beside the input)\n"
"      -j N                    N threads (default: the cores); output in\n"
"                              the order of the files\n" },
	{ "render", cmd_render, 0,
"render (--to VIEW | --stylesheet FILE.xsl) [OPTIONS] FILE.xml|-...",
"TEI -> a view, or a stylesheet's output",
"      -j N                    N threads (default: the cores); output in\n"
"                              the order of the files\n"
"      --to text               the plaintext view (the encoder's inverse)\n"
"      --to html               the reading edition: one standalone page\n"
"      --to latex|pdf          the print edition (pdf needs pdflatex)\n"
"      -o, --output OUT        write OUT atomically instead of stdout;\n"
"                              a directory for several files: OUT/BASE.EXT\n"
"      --split                 a view per div type=\"document\", as\n"
"                              OUT/BASE/ID.EXT, and OUT/index.html\n"
"      --stylesheet FILE.xsl   use this stylesheet instead of a view's\n"
"      --param NAME=VALUE      pass a string parameter to the stylesheet\n" },
	{ "build", cmd_build, 0, "build [OPTIONS] FILE|DIR...",
"a corpus -> a browsable edition, DIR/index.html",
"      -j N                    N threads (default: the cores)\n"
"      -o DIR                  the edition's directory (default: edition)\n"
"      --views LIST            the views, of html,text,latex,pdf\n"
"                              (default html,text)\n"
"      --shard K/N             every N-th input from the K-th, of all\n"
"      --split                 a view per div type=\"document\"\n"
"      --quiet                 no progress line and no summary\n" },
	{ "index", cmd_index, 0, "index [-o FILE] DIR...",
"one index page over builds (shards)",
"      -o FILE                 the page (default: ./index.html)\n" },
	{ "help", cmd_help, 0, "help [COMMAND]",
"this text, or a command's", "" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char usage_head[] =
"usage: teikit [--datadir DIR] [--format gnu|json|sarif] COMMAND [OPTIONS]"
" FILE...\n"
"       teikit COMMAND --help\n";
static const char usage_common[] =
"      --format gnu|json|sarif diagnostics as lines (default), JSON Lines\n"
"                              or a SARIF 2.1.0 log; validate prints them\n"
"                              on stdout, the others on stderr\n";
static const char usage_tail[] =
"\n"
"Exit status: 0 clean, 1 warnings, 2 errors in the input, 3 usage,\n"
"4 system or internal errors.  See teikit(1).\n";

/* The synopsis, and what the command does: on one line when it fits. */
static void
S_synopsis(FILE *f, const struct command *c)
{
	if (strlen(c->synopsis) <= 24)
		fprintf(f, "  %-24s  %s\n", c->synopsis, c->what);
	else
		fprintf(f, "  %s\n                              %s\n",
		    c->synopsis, c->what);
}

static void
S_usage_all(FILE *f)
{
	size_t	 i;

	fputs(usage_head, f);
	fputs("\ncommands:\n", f);
	for (i = 0; i < NCOMMANDS; i++) {
		S_synopsis(f, &commands[i]);
		fputs(commands[i].options, f);
	}
	fputs("\nevery command takes:\n", f);
	fputs(usage_common, f);
	fputs("      -h, --help              its own usage\n", f);
	fputs("\n"
	    "  -h, --help      this text      -V, --version   the version\n"
	    "  --datadir DIR   where the schema and the stylesheets are\n", f);
	fputs(usage_tail, f);
}

/* teikit COMMAND --help, teikit help COMMAND: its usage on stdout. */
int
command_help(const char *name)
{
	size_t	 i;

	report_reset();		/* help is no run: no SARIF log after it */
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			break;
	if (i == NCOMMANDS)
		return usage(TK_U_ARGUMENT, "no command \"%s\" (encode, "
		    "validate, render, build, index, help)", name);
	printf("usage: teikit [--datadir DIR] %s\n", commands[i].synopsis);
	printf("%s\n\noptions:\n", commands[i].what);
	fputs(commands[i].options, stdout);
	if (commands[i].run != cmd_help)
		fputs(usage_common, stdout);
	fputs("      -h, --help              this text\n", stdout);
	fputs(usage_tail, stdout);
	return EXIT_CLEAN;
}

/* ---- files ---- */

static char *S_slurp(FILE *, size_t *);

/* The whole of a file, or of stdin for "-"; NUL-terminated. */
char *
slurp(const char *path, size_t *len)
{
	FILE	*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");

	*len = 0;
	return f ? S_slurp(f, len) : NULL;
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
	return S_slurp(f, len);
}

static char *
S_slurp(FILE *f, size_t *len)
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
static int
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
#define VIEW_NAMES "text, html, latex or pdf"

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

static teikit_view *
open_view(const char *to, const char *sheet)
{
	char	 path[PATH_MAX];

	if ((sheet = data_file(sheet, view_sheet(to), path,
	    sizeof(path))) == NULL)
		return NULL;
	return teikit_view_new(sheet, print_diag, NULL);
}

/* ---- teikit encode ---- */


/*
 * teikit checks what it wrote: its own schema and rules.  A finding is
 * teikit's fault, not the input's: each is re-said as TK-S005.
 */
static void
self_check_diag(const teikit_diag *d, void *arg)
{
	int	*bad = arg;

	if (teikit_code_level(d->code) == TEIKIT_LEVEL_SYSTEM) {
		print_diag(d, NULL);	/* the schema itself is missing */
		(*bad)++;
		return;
	}
	if (teikit_code_level(d->code) < TEIKIT_LEVEL_ERROR)
		return;
	(*bad)++;
	say(d->file, TK_S_INTERNAL, "teikit's own output is invalid, so "
	    "nothing was written (please report this): %s [%s]", d->message,
	    teikit_code_name(d->code));
}

/*
 * The check runs beside the encoder: the schema is compiled in a thread
 * while the input is encoded, and the document is validated in one
 * while it is serialised.  `bad` counts what is wrong.
 */
struct self_check {
	const char	*rng;
	teikit_schema	*schema;
	const teikit_doc *doc;
	const char	*name;
	int		 bad;
	pthread_t	 thread;
	int		 running;
};

static void *
self_check_compile(void *arg)
{
	struct self_check *c = arg;

	c->schema = teikit_schema_new(c->rng, self_check_diag, &c->bad);
	return NULL;
}

static void *
self_check_run(void *arg)
{
	struct self_check *c = arg;

	if (c->schema == NULL ||
	    teikit_schema_validate(c->schema, c->doc, c->name) < 0)
		c->bad++;
	if (teikit_rules_check(c->doc, TEIKIT_RULES_TEIKIT, c->name,
	    self_check_diag, &c->bad) < 0)
		c->bad++;
	return NULL;
}

/* fn(c) in a thread, or here when none can start. */
static void
self_check_start(struct self_check *c, void *(*fn)(void *))
{
	if (pthread_create(&c->thread, NULL, fn, c) == 0)
		c->running = 1;
	else
		fn(c);
}

static void
self_check_wait(struct self_check *c)
{
	if (c->running)
		pthread_join(c->thread, NULL);
	c->running = 0;
}

static int
cmd_encode(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "explain", no_argument, NULL, 'e' },
		{ "series", required_argument, NULL, OPT_SERIES },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "speaker", required_argument, NULL, OPT_SPEAKER },
		{ "first-note", required_argument, NULL, OPT_FIRST_NOTE },
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ "to", required_argument, NULL, OPT_TO },
		COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	static const char *const setting[] = {
		[OPT_SERIES - OPT_SERIES] = "series",
		[OPT_LANG - OPT_SERIES] = "lang",
		[OPT_SPEAKER - OPT_SERIES] = "speaker",
		[OPT_FIRST_NOTE - OPT_SERIES] = "first-note",
	};
	teikit_encoder	*enc;
	teikit_doc	*doc = NULL;
	teikit_view	*view = NULL;
	const char	*out = NULL, *in, *to = "xml";
	char		*buf = NULL, *res = NULL, rng[PATH_MAX];
	size_t		 len, rlen;
	int		 c, rc = EXIT_SYSTEM;
	struct self_check chk;

	if ((enc = teikit_encoder_new()) == NULL) {
		say(NULL, TK_S_NOMEM, "out of memory");
		return EXIT_SYSTEM;
	}
	teikit_encoder_set_diag(enc, print_diag, NULL);
	memset(&chk, 0, sizeof(chk));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:eh", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			rc = command_help("encode");
			goto out;
		case OPT_FORMAT:
			if (report_format(optarg) == -1) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case 'o':
			out = optarg;
			break;
		case 'e':
			teikit_encoder_set_explain(enc, print_explain, NULL);
			break;
		case OPT_SERIES: case OPT_LANG: case OPT_SPEAKER:
		case OPT_FIRST_NOTE:
			if (teikit_encoder_set(enc, setting[c - OPT_SERIES],
			    optarg) == -1) {
				rc = usage(TK_U_ARGUMENT, "bad value for --%s: "
				    "\"%s\"", setting[c - OPT_SERIES], optarg);
				goto out;
			}
			break;
		case OPT_PROFILE:
			if (teikit_encoder_set(enc, "profile", optarg) == -1) {
				rc = usage(TK_U_ARGUMENT, "unknown profile "
				    "\"%s\" (tei or frus)", optarg);
				goto out;
			}
			break;
		case OPT_TO:
			to = optarg;
			if (strcmp(to, "xml") != 0 && view_sheet(to) == NULL) {
				rc = usage(TK_U_ARGUMENT, "unknown view \"%s\" "
				    "(xml, " VIEW_NAMES ")", to);
				goto out;
			}
			break;
		default:
			rc = bad_option(c, argv);
			goto out;
		}
	}
	if (argc - optind != 1) {
		rc = usage(TK_U_OPTION, "encode takes one FILE (or - for "
		    "stdin)");
		goto out;
	}
	in = argv[optind];
	if (refuse_same(1, &in, out)) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (strcmp(to, "xml") != 0 && (view = open_view(to, NULL)) == NULL)
		goto out;
	if ((chk.rng = data_file(NULL, DEFAULT_SCHEMA, rng,
	    sizeof(rng))) == NULL)
		goto out;
	self_check_start(&chk, self_check_compile);
	if ((buf = slurp(in, &len)) == NULL) {
		say(in, TK_S_READ, "cannot read: %s", strerror(errno));
		goto out;
	}
	if ((doc = teikit_encoder_run(enc, buf, len, in)) == NULL) {
		rc = teikit_level_exit(worst);
		goto out;
	}
	self_check_wait(&chk);
	chk.doc = doc;
	chk.name = in;
	if (view != NULL) {
		/* a stylesheet may touch its source: check first */
		self_check_run(&chk);
		if (chk.bad || render_view(view, to, doc, in, &res,
		    &rlen) == -1)
			goto out;
	} else {
		/* serialising only reads the document */
		self_check_start(&chk, self_check_run);
		if (teikit_doc_serialize(doc, &res, &rlen) == -1) {
			say(in, TK_S_NOMEM, "out of memory");
			goto out;
		}
		self_check_wait(&chk);
	}
	if (chk.bad || emit(out, res, rlen) == -1)
		goto out;
	rc = teikit_level_exit(worst);
out:
	self_check_wait(&chk);
	teikit_schema_free(chk.schema);
	free(res);
	free(buf);
	teikit_doc_free(doc);
	teikit_view_free(view);
	teikit_encoder_free(enc);
	return rc;
}

/* ---- reading TEI ---- */

static int xinclude;

static teikit_doc *read_doc(const char *, int);

static teikit_doc *
read_tei(const char *in)
{
	return read_doc(in, 0);
}

/* A TEI document, or with TEIKIT_DOC_ANY_XML any XML document. */
static teikit_doc *
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

/* ---- teikit validate ---- */

#define MAX_SCHEMAS 16	/* <?xml-model?>s one document is held to */

struct vjob {
	struct assoc	*assoc;
	int		 rules;		/* -1: by the document */
	char		**files;
	size_t		 n;
	atomic_size_t	 next;
	char		**out;		/* per file, what it printed */
	size_t		*outlen;
};

/*
 * The bytes of the input `name` on a descriptor that can be read again
 * from the start: the file itself when it is a regular one; standard
 * input, a pipe or a device copied into an unnamed temporary file, and
 * so is standard input on a regular file read partly already (its
 * bytes are those from where it stands, not from the file's start).
 */
static int
validate_input(const char *name)
{
	char		 buf[65536];
	struct stat	 st;
	ssize_t		 k;
	FILE		*tmp;
	int		 fd, copy;

	fd = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC) :
	    dup(STDIN_FILENO);
	if (fd == -1 || fstat(fd, &st) == -1) {
		say(name, TK_S_READ, "cannot read: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && lseek(fd, 0, SEEK_CUR) == 0)
		return fd;
	if (S_ISDIR(st.st_mode)) {
		say(name, TK_S_READ, "cannot read: %s", strerror(EISDIR));
		close(fd);
		return -1;
	}
	/* a device (/dev/zero, /dev/urandom) would fill the copy for ever;
	 * a pipe or a socket is read to its end, as the writer decides */
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
		say(name, TK_S_READ, "cannot read: a device, not a document "
		    "(teikit reads files, pipes and standard input)");
		close(fd);
		return -1;
	}
	if ((tmp = tmpfile()) == NULL || (copy = dup(fileno(tmp))) == -1) {
		say(name, TK_S_WRITE, "cannot make a temporary file: %s",
		    strerror(errno));
		if (tmp != NULL)
			fclose(tmp);
		close(fd);
		return -1;
	}
	fclose(tmp);
	while ((k = read(fd, buf, sizeof(buf))) != 0) {
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1 || write(copy, buf, (size_t)k) != k) {
			say(name, TK_S_READ, "cannot read: %s",
			    strerror(errno));
			close(fd);
			close(copy);
			return -1;
		}
	}
	close(fd);
	(void)lseek(copy, 0, SEEK_SET);
	return copy;
}

/* A document read from fd (XInclude beside `name`, when asked). */
static teikit_doc *
read_doc_fd(int fd, const char *name, int flags)
{
	char		*buf, *copy;
	size_t		 len = 0;
	teikit_doc	*doc;
	FILE		*f;
	int		 d = dup(fd);

	if (d == -1 || (f = fdopen(d, "rb")) == NULL ||
	    (buf = S_slurp(f, &len)) == NULL) {
		say(name, TK_S_READ, "cannot read: %s", strerror(errno));
		if (d != -1)
			close(d);
		return NULL;
	}
	if (xinclude && (copy = strdup(strcmp(name, "-") ? name : "."))) {
		doc = teikit_doc_parse_flags(buf, len, name,
		    strcmp(name, "-") ? dirname(copy) : ".", flags,
		    print_diag, NULL);
		free(copy);
	} else
		doc = teikit_doc_parse_flags(buf, len, name, NULL, flags,
		    print_diag, NULL);
	free(buf);
	return doc;
}

static void
validate_one(struct vjob *v, size_t i)
{
	const char	*name = v->files[i];
	teikit_schema	*schemas[MAX_SCHEMAS];
	teikit_doc	*doc;
	int		 fd, n, k, any_xml, flags, rules;

	if ((fd = validate_input(name)) == -1)
		return;
	if ((n = assoc_schemas(v->assoc, name, NULL, 0, fd, schemas,
	    MAX_SCHEMAS, &any_xml)) < 0) {
		close(fd);
		return;
	}
	flags = any_xml ? TEIKIT_DOC_ANY_XML : 0;
	/* Without rules and XInclude there is no need for a tree: the
	 * schema is checked as the file is read, in flat memory. */
	if (v->rules == TEIKIT_RULES_NONE && !xinclude && n > 0) {
		for (k = 0; k < n; k++) {
			(void)lseek(fd, 0, SEEK_SET);
			if (teikit_schema_validate_fd_flags(schemas[k], fd,
			    name, flags) < 0)
				say(name, TK_S_INTERNAL, "the schema validator "
				    "failed");
		}
		close(fd);
		return;
	}
	doc = read_doc_fd(fd, name, flags);
	close(fd);
	if (doc == NULL)
		return;
	for (k = 0; k < n; k++)
		if (teikit_schema_validate(schemas[k], doc, name) < 0)
			say(name, TK_S_INTERNAL, "the schema validator failed");
	/* teikit's own rules for what teikit encoded, or when asked;
	 * for other TEI, its integrity only */
	rules = v->rules != -1 ? v->rules : teikit_doc_is_teikit(doc) ?
	    TEIKIT_RULES_TEIKIT : TEIKIT_RULES_INTEGRITY;
	/* rules.c reports its own failures; they are TEI's */
	if (teikit_doc_is_tei(doc))
		(void)teikit_rules_check(doc, (teikit_rules)rules, name,
		    print_diag, NULL);
	teikit_doc_free(doc);
}

static void *
validate_worker(void *arg)
{
	struct vjob	*v = arg;
	size_t		 i;

	while ((i = atomic_fetch_add(&v->next, 1)) < v->n) {
		capture = open_memstream(&v->out[i], &v->outlen[i]);
		validate_one(v, i);
		if (capture != NULL)
			fclose(capture);
		capture = NULL;
	}
	return NULL;
}

/* Files to threads; their diagnostics printed in the files' order. */
static int
validate_parallel(struct vjob *v, long jobs)
{
	pthread_t	*t = calloc((size_t)jobs, sizeof(*t));
	long		 k, started = 0;
	size_t		 i;

	v->out = calloc(v->n, sizeof(*v->out));
	v->outlen = calloc(v->n, sizeof(*v->outlen));
	if (t == NULL || v->out == NULL || v->outlen == NULL) {
		free(t);
		free(v->out);
		free(v->outlen);
		return -1;
	}
	for (k = 0; k < jobs; k++)
		if (pthread_create(&t[k], NULL, validate_worker, v) == 0)
			started++;
	if (started == 0)
		validate_worker(v);
	for (k = 0; k < started; k++)
		pthread_join(t[k], NULL);
	for (i = 0; i < v->n; i++) {
		if (v->out[i] != NULL)
			report_flush(v->out[i], v->outlen[i]);
		free(v->out[i]);
	}
	free(v->out);
	free(v->outlen);
	free(t);
	return 0;
}

static int
cmd_validate(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "schema", required_argument, NULL, OPT_SCHEMA },
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "xinclude", no_argument, NULL, OPT_XINCLUDE },
		{ "jobs", required_argument, NULL, 'j' },
		{ "engine", required_argument, NULL, OPT_ENGINE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*rng = NULL, *catalogs[64];
	char		 path[PATH_MAX], dir[PATH_MAX];
	int		 c, i, rules = -1, ncatalogs = 0, any_xml = 1;
	int		 engine = TEIKIT_ENGINE_TEIKIT;
	long		 jobs = sysconf(_SC_NPROCESSORS_ONLN);
	struct vjob	 v;

	memset(&v, 0, sizeof(v));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return command_help("validate");
		case 'j':
			if (jobs_option(optarg, &jobs) == -1)
				return EXIT_USAGE;
			break;
		case OPT_SCHEMA:
			rng = optarg;
			break;
		case OPT_CATALOG:
			if (ncatalogs == (int)(sizeof(catalogs) /
			    sizeof(catalogs[0])))
				return usage(TK_U_ARGUMENT, "more than %d "
				    "--catalog options", ncatalogs);
			catalogs[ncatalogs++] = optarg;
			break;
		case OPT_RULES:
			if ((rules = teikit_rules_parse(optarg)) == -1)
				return usage(TK_U_ARGUMENT, "unknown rule set "
				    "\"%s\" (none, integrity, teikit or frus)",
				    optarg);
			break;
		case OPT_FORMAT:
			if (report_format(optarg) == -1)
				return EXIT_USAGE;
			break;
		case OPT_XINCLUDE:
			xinclude = 1;
			break;
		case OPT_ENGINE:
			if ((engine = teikit_engine_parse(optarg)) == -1)
				return usage(TK_U_ARGUMENT, "unknown engine "
				    "\"%s\" (teikit or libxml2)", optarg);
			break;
		default:
			return bad_option(c, argv);
		}
	}
	if (optind == argc)
		return usage(TK_U_OPTION, "validate needs at least one FILE");
	/* --schema teikit and --schema tei_all name the schemas teikit
	 * carries; any other value is a file */
	if (rng != NULL && strcmp(rng, "teikit") == 0) {
		if ((rng = data_file(NULL, DEFAULT_SCHEMA, path,
		    sizeof(path))) == NULL)
			return EXIT_SYSTEM;
		any_xml = 0;
	} else if (rng != NULL && strcmp(rng, "tei_all") == 0) {
		snprintf(path, sizeof(path), "%s/tei_all.rng", tei_dir(dir,
		    sizeof(dir)));
		if (access(path, R_OK) == -1) {
			say(path, TK_S_DATA, "cannot read: %s (TEI's tei_all "
			    "is installed with teikit when it is built with "
			    "configure --with-tei-schema=DIR)",
			    strerror(errno));
			return EXIT_SYSTEM;
		}
		rng = path;
		any_xml = 0;
	}
	if ((v.assoc = assoc_new(rng, any_xml, engine, print_diag)) == NULL) {
		say(NULL, TK_S_NOMEM, "out of memory");
		return EXIT_SYSTEM;
	}
	for (i = 0; i < ncatalogs; i++)
		if (assoc_catalog(v.assoc, catalogs[i]) == -1) {
			assoc_free(v.assoc);
			return EXIT_USAGE;
		}
	v.rules = rules;
	v.files = argv + optind;
	v.n = (size_t)(argc - optind);
	/* standard input is there once: threads would share its bytes */
	for (i = 0, c = 0; i < (int)v.n; i++)
		if (strcmp(v.files[i], "-") == 0 && c++ > 0) {
			assoc_free(v.assoc);
			return usage(TK_U_ARGUMENT, "standard input (-) named "
			    "twice: it can be read only once");
		}
	if (jobs > (long)v.n)
		jobs = (long)v.n;
	if (jobs <= 1) {
		for (i = 0; i < (int)v.n; i++)
			validate_one(&v, (size_t)i);
	} else if (validate_parallel(&v, jobs) == -1)
		say(NULL, TK_S_NOMEM, "cannot start threads");
	assoc_free(v.assoc);
	return teikit_level_exit(worst);
}

/* ---- teikit render ---- */

static int
render_one(teikit_view *view, const char *to, const char *in,
    const char *out)
{
	char		*res = NULL;
	size_t		 rlen;
	teikit_doc	*doc;
	int		 rc = -1;

	if ((doc = read_tei(in)) == NULL)
		return -1;
	if (render_view(view, to, doc, in, &res, &rlen) == 0 &&
	    emit(out, res, rlen) == 0)
		rc = 0;
	free(res);
	teikit_doc_free(doc);
	return rc;
}

#define MAX_PARAMS 32

static int
cmd_render(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "to", required_argument, NULL, OPT_TO },
		{ "stylesheet", required_argument, NULL, OPT_STYLESHEET },
		{ "param", required_argument, NULL, OPT_PARAM },
		{ "jobs", required_argument, NULL, 'j' },
		{ "split", no_argument, NULL, OPT_SPLIT },
		COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char	*out = NULL, *to = NULL, *sheet = NULL;
	char		*params[MAX_PARAMS], *eq;
	size_t		 np = 0, i;
	teikit_view	*view;
	int		 c, rc, split = 0, todir;
	long		 jobs = sysconf(_SC_NPROCESSORS_ONLN);
	struct stat	 st;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return command_help("render");
		case OPT_FORMAT:
			if (report_format(optarg) == -1)
				return EXIT_USAGE;
			break;
		case 'o':
			out = optarg;
			break;
		case 'j':
			if (jobs_option(optarg, &jobs) == -1)
				return EXIT_USAGE;
			break;
		case OPT_SPLIT:
			split = 1;
			break;
		case OPT_TO:
			to = optarg;
			break;
		case OPT_STYLESHEET:
			sheet = optarg;
			break;
		case OPT_PARAM:
			if (strchr(optarg, '=') == NULL || optarg[0] == '=')
				return usage(TK_U_ARGUMENT, "--param wants "
				    "NAME=VALUE, not \"%s\"", optarg);
			if (np == MAX_PARAMS)
				return usage(TK_U_ARGUMENT, "more than %d "
				    "--param options", MAX_PARAMS);
			params[np++] = optarg;
			break;
		default:
			return bad_option(c, argv);
		}
	}
	if (to == NULL && sheet == NULL)
		return usage(TK_U_OPTION, "render needs --to VIEW (" VIEW_NAMES
		    ") or --stylesheet FILE.xsl");
	if (to != NULL && sheet != NULL)
		return usage(TK_U_OPTION, "give --to or --stylesheet, not both");
	if (sheet == NULL && view_sheet(to) == NULL)
		return usage(TK_U_ARGUMENT, "unknown view \"%s\" (" VIEW_NAMES
		    ")", to);
	if (optind == argc)
		return usage(TK_U_OPTION, "render needs at least one FILE.xml");
	/* -o names a directory for several files, a split, or when it is
	 * one: the views are written into it, BASE.EXT each. */
	todir = out != NULL && (argc - optind > 1 || split ||
	    (stat(out, &st) == 0 && S_ISDIR(st.st_mode)));
	if (split && out == NULL)
		return usage(TK_U_OPTION, "--split writes a file per document: "
		    "give -o DIR");
	if (sheet != NULL && guard_input(sheet) == -1)
		return EXIT_SYSTEM;
	if (!todir && refuse_same(argc - optind,
	    (const char *const *)argv + optind, out))
		return EXIT_USAGE;
	if ((view = open_view(to, sheet)) == NULL)
		return EXIT_SYSTEM;
	for (i = 0; i < np; i++) {
		eq = strchr(params[i], '=');
		*eq = '\0';
		if (teikit_view_param(view, params[i], eq + 1) == -1) {
			teikit_view_free(view);
			return usage(TK_U_ARGUMENT, "--param %s: a value may "
			    "not hold both kinds of quote", params[i]);
		}
	}
	if (out != NULL && !todir) {
		(void)render_one(view, to, argv[optind], out);
		rc = teikit_level_exit(worst);
	} else
		rc = render_files(view, to, argv + optind,
		    (size_t)(argc - optind), todir ? out : NULL, split, jobs);
	teikit_view_free(view);
	return rc;
}

/* teikit help [COMMAND] */
static int
cmd_help(int argc, char *argv[])
{
	if (argc > 2)
		return usage(TK_U_OPTION, "help takes one COMMAND at most");
	if (argc == 2)
		return command_help(strcmp(argv[1], "-h") == 0 ||
		    strcmp(argv[1], "--help") == 0 ? "help" : argv[1]);
	report_reset();
	S_usage_all(stdout);
	return EXIT_CLEAN;
}

/* The command, callable more than once in a process (the fuzz target
 * fuzz/cli.c runs it per input): the state of one run starts afresh. */
int
teikit_main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "datadir", required_argument, NULL, OPT_DATADIR },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	size_t	 i;
	int	 c;

	worst = TEIKIT_LEVEL_NOTE;
	report_reset();
	xinclude = 0;
	guard_reset();
	datadir_opt = NULL;
	optind = 0;		/* glibc: start getopt over */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cmd_help(1, argv);
		case 'V':
			report_reset();
			printf("teikit %s (libxml2 %s, libxslt %s)\n",
			    teikit_version(), LIBXML_DOTTED_VERSION,
			    LIBXSLT_DOTTED_VERSION);
			return EXIT_CLEAN;
		case OPT_DATADIR:
			datadir_opt = optarg;
			break;
		case OPT_FORMAT:
			if (report_format(optarg) == -1)
				return report_end(EXIT_USAGE);
			break;
		default:
			return report_end(bad_option(c, argv));
		}
	}
	if (optind == argc)
		return report_end(usage(TK_U_OPTION, "no command given "
		    "(encode, validate, render, build, index)"));
	argc -= optind;
	argv += optind;
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[0], commands[i].name) == 0) {
			if (commands[i].report_out)
				report_to_stdout();
			return report_end(commands[i].run(argc, argv));
		}
	return report_end(usage(TK_U_OPTION, "unknown command \"%s\" "
	    "(encode, validate, render, build, index)", argv[0]));
}

#ifndef TEIKIT_NO_MAIN
/* Interrupted (build, or any -o): remove the temporary files of the
 * writes in progress, then die of the signal as if unhandled.  Only
 * complete files remain, each renamed into place whole. */
static void
on_signal(int sig)
{
	teikit_file_cleanup();
	raise(sig);		/* SA_RESETHAND: the default action now */
}

int
main(int argc, char *argv[])
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t	 i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		(void)sigaction(sigs[i], &sa, NULL);
	return teikit_main(argc, argv);
}
#endif
