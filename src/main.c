/*
 * main.c -- the teikit command: parse the command line, call libteikit,
 * print its diagnostics in one shape, and map the worst of them to the
 * exit status.  No encoding or rendering logic lives here.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
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

/* The exit statuses, worst wins; see teikit(1). */
enum exit_status {
	EXIT_CLEAN = 0,		/* nothing worse than a note */
	EXIT_WARNINGS = 1,
	EXIT_INPUT = 2,		/* errors in the input */
	EXIT_USAGE = 3,
	EXIT_SYSTEM = 4		/* I/O, memory, internal */
};

static teikit_level worst = TEIKIT_LEVEL_NOTE;
static int saw_diag;

/* The one printer: FILE:LINE:COL: level: message [CODE] */
static void
print_diag(const teikit_diag *d, void *arg)
{
	teikit_level	 lvl = teikit_code_level(d->code);

	(void)arg;
	if (lvl > worst || !saw_diag)
		worst = lvl > worst ? lvl : worst;
	saw_diag = 1;
	if (d->line > 0 && d->col > 0)
		fprintf(stderr, "%s:%u:%u: ", d->file, d->line, d->col);
	else if (d->line > 0)
		fprintf(stderr, "%s:%u: ", d->file, d->line);
	else
		fprintf(stderr, "%s: ", d->file);
	fprintf(stderr, "%s: %s [%s]\n", teikit_level_name(lvl), d->message,
	    teikit_code_name(d->code));
}

static void
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

static void
print_explain(unsigned line, unsigned col, const char *what, void *arg)
{
	(void)arg;
	if (line > 0)
		fprintf(stderr, "%u:%u %s\n", line, col, what);
	else
		fprintf(stderr, "- %s\n", what);
}

static const char usage_text[] =
"usage: teikit [--datadir DIR] COMMAND [OPTIONS] FILE...\n"
"\n"
"commands:\n"
"  encode [OPTIONS] FILE|-   plaintext transcription -> TEI P5\n"
"      -o, --output OUT        write OUT atomically instead of stdout\n"
"      -e, --explain           list every decision on stderr\n"
"      --to xml|text           write the TEI (default) or its text view\n"
"      --series TEXT           series named in the source description\n"
"      --lang TAG              language of the text (default en)\n"
"      --speaker LABEL=NAME    resolve a speaker label to a person\n"
"      --first-note N          number of the first footnote marker\n"
"      --profile tei           encoding profile (default tei)\n"
"  render --to VIEW [OPTIONS] FILE.xml...   TEI -> a view\n"
"      --to text               the plaintext view (the encoder's inverse)\n"
"      -o, --output OUT        write OUT atomically instead of stdout\n"
"      --stylesheet FILE.xsl   use this stylesheet instead of the view's\n"
"      --param NAME=VALUE      pass a string parameter to the stylesheet\n"
"\n"
"  -h, --help      this text      -V, --version   the version\n"
"\n"
"Exit status: 0 clean, 1 warnings, 2 errors in the input, 3 usage,\n"
"4 system or internal errors.  See teikit(1).\n";

static int
usage(const char *fmt, const char *arg)
{
	char	 msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	say("teikit", TK_U_OPTION, "%s (teikit --help lists the options)",
	    msg);
	return EXIT_USAGE;
}

/* The whole of a file, or of stdin for "-"; NUL-terminated. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char	*buf = NULL, *p;
	size_t	 cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	for (;;) {
		if (cap - *len < 65536) {
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

/* Would writing `out` overwrite `in`? */
static int
same_file(const char *in, const char *out)
{
	struct stat	 a, b;

	if (strcmp(in, "-") == 0)
		return 0;
	if (strcmp(in, out) == 0)
		return 1;
	return stat(in, &a) == 0 && stat(out, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static int
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
	if (teikit_file_write(out, buf, len) == -1) {
		say(out, TK_S_WRITE, "cannot write: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- where schemas and stylesheets are ---- */

static const char *datadir_opt;

/* Run from the build tree (uninstalled)?  Then use the source tree. */
static int
uninstalled(void)
{
	char	 exe[PATH_MAX];
	ssize_t	 n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t	 bl = strlen(TEIKIT_BUILDDIR);

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	return strncmp(exe, TEIKIT_BUILDDIR, bl) == 0 && exe[bl] == '/';
}

static const char *
datadir(void)
{
	const char	*env;

	if (datadir_opt != NULL)
		return datadir_opt;
	if ((env = getenv("TEIKIT_DATADIR")) != NULL && env[0] != '\0')
		return env;
	return uninstalled() ? TEIKIT_SRCDIR : TEIKIT_PKGDATADIR;
}

/* The views, by name. */
static const struct {
	const char	*name;
	const char	*sheet;	/* under the data directory */
} views[] = {
	{ "text", "xslt/tei-text.xsl" },
};

static teikit_view *
open_view(const char *to, const char *sheet)
{
	char	 path[PATH_MAX];
	size_t	 i;

	if (sheet == NULL) {
		for (i = 0; i < sizeof(views) / sizeof(views[0]); i++)
			if (strcmp(views[i].name, to) == 0)
				break;
		if (i == sizeof(views) / sizeof(views[0]))
			return NULL;
		snprintf(path, sizeof(path), "%s/%s", datadir(),
		    views[i].sheet);
		sheet = path;
	}
	if (access(sheet, R_OK) == -1) {
		say(sheet, TK_S_DATA, "cannot read the stylesheet: %s "
		    "(set TEIKIT_DATADIR or --datadir)", strerror(errno));
		return NULL;
	}
	return teikit_view_new(sheet, print_diag, NULL);
}

static int
known_view(const char *to)
{
	size_t	 i;

	for (i = 0; i < sizeof(views) / sizeof(views[0]); i++)
		if (strcmp(views[i].name, to) == 0)
			return 1;
	return 0;
}

/* ---- teikit encode ---- */

enum { OPT_SERIES = 256, OPT_LANG, OPT_SPEAKER, OPT_FIRST_NOTE,
	OPT_PROFILE, OPT_TO, OPT_STYLESHEET, OPT_PARAM, OPT_DATADIR };

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
	char		*buf = NULL, *xml = NULL;
	size_t		 len, xlen;
	int		 c, rc = EXIT_SYSTEM;

	if ((enc = teikit_encoder_new()) == NULL) {
		say(NULL, TK_S_NOMEM, "out of memory");
		return EXIT_SYSTEM;
	}
	teikit_encoder_set_diag(enc, print_diag, NULL);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:e", longopts, NULL)) != -1) {
		switch (c) {
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
				say("teikit", TK_U_ARGUMENT, "bad value for "
				    "--%s: \"%s\"", setting[c - OPT_SERIES],
				    optarg);
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_PROFILE:
			if (strcmp(optarg, "tei") != 0) {
				say("teikit", TK_U_ARGUMENT, "unknown profile "
				    "\"%s\" (this version has: tei)", optarg);
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_TO:
			to = optarg;
			if (strcmp(to, "xml") != 0 && !known_view(to)) {
				say("teikit", TK_U_ARGUMENT, "unknown view "
				    "\"%s\" (xml or text)", to);
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		default:
			rc = usage("encode: bad option %s", argv[optind - 1]);
			goto out;
		}
	}
	if (argc - optind != 1) {
		rc = usage("encode takes one FILE (or - for stdin)%s", "");
		goto out;
	}
	in = argv[optind];
	if (out != NULL && same_file(in, out)) {
		say(out, TK_U_SAME_FILE, "refusing to overwrite the input "
		    "file");
		rc = EXIT_USAGE;
		goto out;
	}
	if (strcmp(to, "xml") != 0 && (view = open_view(to, NULL)) == NULL)
		goto out;
	if ((buf = slurp(in, &len)) == NULL) {
		say(in, TK_S_READ, "cannot read: %s", strerror(errno));
		goto out;
	}
	if ((doc = teikit_encoder_run(enc, buf, len, in)) == NULL) {
		rc = teikit_level_exit(worst);
		goto out;
	}
	if (view != NULL ? teikit_view_render(view, doc, in, &xml, &xlen) :
	    teikit_doc_serialize(doc, &xml, &xlen)) {
		say(in, TK_S_NOMEM, "cannot serialise the document");
		goto out;
	}
	if (emit(out, xml, xlen) == -1)
		goto out;
	rc = teikit_level_exit(worst);
out:
	free(xml);
	free(buf);
	teikit_doc_free(doc);
	teikit_view_free(view);
	teikit_encoder_free(enc);
	return rc;
}

/* ---- teikit render ---- */

static int
render_one(teikit_view *view, const char *in, const char *out)
{
	char		*buf, *res = NULL;
	size_t		 len, rlen;
	teikit_doc	*doc;
	int		 rc = -1;

	if ((buf = slurp(in, &len)) == NULL) {
		say(in, TK_S_READ, "cannot read: %s", strerror(errno));
		return -1;
	}
	doc = teikit_doc_parse(buf, len, in, print_diag, NULL);
	free(buf);
	if (doc == NULL)
		return -1;
	if (teikit_view_render(view, doc, in, &res, &rlen) == 0 &&
	    emit(out, res, rlen) == 0)
		rc = 0;
	free(res);
	teikit_doc_free(doc);
	return rc;
}

static int
cmd_render(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "to", required_argument, NULL, OPT_TO },
		{ "stylesheet", required_argument, NULL, OPT_STYLESHEET },
		{ "param", required_argument, NULL, OPT_PARAM },
		{ NULL, 0, NULL, 0 }
	};
	const char	*out = NULL, *to = NULL, *sheet = NULL;
	char		*params[32];
	size_t		 np = 0, i;
	teikit_view	*view;
	int		 c, j;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case OPT_TO:
			to = optarg;
			break;
		case OPT_STYLESHEET:
			sheet = optarg;
			break;
		case OPT_PARAM:
			if (strchr(optarg, '=') == NULL || optarg[0] == '=' ||
			    np == 32)
				return usage("--param wants NAME=VALUE, "
				    "not \"%s\"", optarg);
			params[np++] = optarg;
			break;
		default:
			return usage("render: bad option %s", argv[optind - 1]);
		}
	}
	if (to == NULL && sheet == NULL)
		return usage("render needs --to VIEW (text)%s", "");
	if (sheet == NULL && !known_view(to))
		return usage("unknown view \"%s\" (this version has: text)", to);
	if (optind == argc)
		return usage("render needs at least one FILE.xml%s", "");
	if (out != NULL && argc - optind > 1)
		return usage("-o takes one input file; %s were given", "several");
	for (j = optind; out != NULL && j < argc; j++)
		if (same_file(argv[j], out)) {
			say(out, TK_U_SAME_FILE, "refusing to overwrite the "
			    "input file");
			return EXIT_USAGE;
		}
	if ((view = open_view(to, sheet)) == NULL)
		return EXIT_SYSTEM;
	for (i = 0; i < np; i++) {
		char *eq = strchr(params[i], '=');

		*eq = '\0';
		if (teikit_view_param(view, params[i], eq + 1) == -1) {
			say("teikit", TK_U_ARGUMENT, "--param %s: a value may "
			    "not hold both kinds of quote", params[i]);
			teikit_view_free(view);
			return EXIT_USAGE;
		}
	}
	for (j = optind; j < argc; j++)
		(void)render_one(view, argv[j], out);
	teikit_view_free(view);
	return teikit_level_exit(worst);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "datadir", required_argument, NULL, OPT_DATADIR },
		{ NULL, 0, NULL, 0 }
	};
	int	 c;

	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_CLEAN;
		case 'V':
			printf("teikit %s (libxml2 %s, libxslt %s)\n",
			    teikit_version(), LIBXML_DOTTED_VERSION,
			    LIBXSLT_DOTTED_VERSION);
			return EXIT_CLEAN;
		case OPT_DATADIR:
			datadir_opt = optarg;
			break;
		default:
			return usage("bad option %s", argv[optind - 1]);
		}
	}
	if (optind == argc)
		return usage("no command given (encode, render)%s", "");
	argc -= optind;
	argv += optind;
	if (strcmp(argv[0], "encode") == 0)
		return cmd_encode(argc, argv);
	if (strcmp(argv[0], "render") == 0)
		return cmd_render(argc, argv);
	if (strcmp(argv[0], "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_CLEAN;
	}
	return usage("unknown command \"%s\" (encode, render)", argv[0]);
}
