/*
 * cmd_lsp.c -- teikit lsp: the Language Server Protocol server
 * (server.c) on standard input and output, for any editor with an LSP
 * client.  Each document is validated as `teikit validate` validates
 * it: the schemas it declares (<?xml-model?>, through catalogs), else
 * tei_all for TEI, then their Schematron and teikit's rules; each
 * schema compiled once for the whole session.  Protocol errors are
 * logged on standard error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "teikit.h"
#include "cmd.h"
#include "lsp.h"

struct lsp_checker {
	struct assoc	*assoc;
	int		 flags;		/* for teikit_doc_parse_flags */
};

/* The schemas report through the function they were compiled with:
 * this one, which passes each diagnostic to the document's run. */
static teikit_diag_fn	 cur_fn;
static void		*cur_arg;

static void
S_relay(const teikit_diag *d, void *arg)
{
	if (cur_fn != NULL)
		cur_fn(d, cur_arg);
}

/* validate.c's validate_one(), for a document in memory */
static void
S_check(void *arg, const char *name, const char *buf, size_t len,
    teikit_diag_fn fn, void *fnarg)
{
	struct lsp_checker	*c = arg;
	struct held		 h;
	teikit_doc		*doc;
	int			 k;

	cur_fn = fn;
	cur_arg = fnarg;
	if (assoc_schemas(c->assoc, name, buf, len, -1, &h) < 0)
		goto done;
	if ((doc = teikit_doc_parse_flags(buf, len, name, NULL, c->flags,
	    fn, fnarg)) == NULL)
		goto done;
	for (k = 0; k < h.nrng; k++)
		(void)teikit_schema_validate(h.rng[k], doc, name);
	for (k = 0; k < h.nsch; k++)
		(void)teikit_schematron_check(h.sch[k], doc, name, fn, NULL,
		    fnarg);
	if (teikit_doc_is_tei(doc))
		(void)teikit_rules_check(doc, teikit_doc_is_teikit(doc) ?
		    TEIKIT_RULES_TEIKIT : TEIKIT_RULES_INTEGRITY, name, fn,
		    fnarg);
	teikit_doc_free(doc);
done:
	cur_fn = NULL;
	cur_arg = NULL;
}

/* What the document's first RELAX NG schema allows at off. */
static int
S_complete(void *arg, const char *name, const char *buf, size_t len,
    size_t off, teikit_expect_fn fn, void *fnarg)
{
	struct lsp_checker	*c = arg;
	struct held		 h;

	if (assoc_schemas(c->assoc, name, buf, len, -1, &h) < 0 ||
	    h.nrng == 0)
		return -1;
	return teikit_schema_expected(h.rng[0], buf, len, off, fn, fnarg);
}

static int	 out_failed;

static void
S_write(void *arg, const char *buf, size_t n)
{
	ssize_t	 k;

	while (n > 0 && !out_failed) {
		if ((k = write(STDOUT_FILENO, buf, n)) == -1) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "teikit lsp: cannot write: %s\n",
			    strerror(errno));
			out_failed = 1;
			return;
		}
		buf += k;
		n -= (size_t)k;
	}
}

static void
S_log(void *arg, const char *msg)
{
	fprintf(stderr, "teikit lsp: %s\n", msg);
}

/* Is there input to read now? */
static int
S_readable(void)
{
	struct pollfd	 p = { STDIN_FILENO, POLLIN, 0 };

	return poll(&p, 1, 0) > 0;
}

int
cmd_lsp(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "schema", required_argument, NULL, OPT_SCHEMA },
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "stdio", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct lsp_checker	 c;
	struct lsp		*l;
	const char		*rng = NULL, *catalogs[64];
	char			 path[PATH_MAX], buf[65536];
	int			 ch, i, ncatalogs = 0, any_xml = 1, status;
	ssize_t			 n;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			return command_help("lsp");
		case 's':
			break;		/* what editors pass; the only way */
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
		default:
			return bad_option(ch, argv);
		}
	}
	if (optind != argc)
		return usage(TK_U_OPTION, "lsp takes no FILE: the editor "
		    "sends the documents");
	if (rng != NULL &&
	    (rng = schema_named(rng, path, sizeof(path), &any_xml)) == NULL)
		return EXIT_SYSTEM;
	memset(&c, 0, sizeof(c));
	c.flags = rng == NULL || any_xml ? TEIKIT_DOC_ANY_XML : 0;
	if ((c.assoc = assoc_new(rng, any_xml, TEIKIT_ENGINE_TEIKIT,
	    S_relay)) == NULL) {
		say(NULL, TK_S_NOMEM, "out of memory");
		return EXIT_SYSTEM;
	}
	assoc_schematron(c.assoc, NULL, NULL, 0);
	for (i = 0; i < ncatalogs; i++)
		if (assoc_catalog(c.assoc, catalogs[i]) == -1) {
			assoc_free(c.assoc);
			return EXIT_USAGE;
		}
	if ((l = lsp_new(S_check, &c, S_write, S_log, NULL)) == NULL) {
		assoc_free(c.assoc);
		say(NULL, TK_S_NOMEM, "out of memory");
		return EXIT_SYSTEM;
	}
	lsp_set_complete(l, S_complete, &c);
	/* a client gone is the end of the session, not a signal */
	(void)signal(SIGPIPE, SIG_IGN);
	status = -1;
	while (!out_failed) {
		n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == -1)
				fprintf(stderr, "teikit lsp: cannot read: "
				    "%s\n", strerror(errno));
			/* a session from a file or a script: its last
			 * changes validated all the same */
			lsp_idle(l);
			break;
		}
		if (lsp_feed(l, buf, (size_t)n)) {
			status = lsp_status(l);
			break;
		}
		/* the changes that came together, then validated once */
		if (!S_readable())
			lsp_idle(l);
	}
	if (status == -1)
		status = lsp_status(l);
	lsp_free(l);
	assoc_free(c.assoc);
	return status;
}
