/*
 * encode.c -- teikit encode: a plaintext transcription to TEI P5 (or
 * straight to a view), checked against teikit's own schema and rules
 * before anything is written.
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


static void
print_explain(unsigned line, unsigned col, const char *what, void *arg)
{
	(void)arg;
	if (line > 0)
		fprintf(stderr, "%u:%u %s\n", line, col, what);
	else
		fprintf(stderr, "- %s\n", what);
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

int
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
		rc = teikit_level_exit(worst_level());
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
	rc = teikit_level_exit(worst_level());
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
