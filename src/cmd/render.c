/*
 * render.c -- teikit render: TEI through a view (or any stylesheet),
 * one file or many (-j N, -o DIR), a volume split into its documents.
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
	view_check_text(to, doc, in);
	if (render_view(view, to, doc, in, &res, &rlen) == 0 &&
	    emit(out, res, rlen) == 0)
		rc = 0;
	free(res);
	teikit_doc_free(doc);
	return rc;
}

#define MAX_PARAMS 32

int
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
		rc = teikit_level_exit(worst_level());
	} else
		rc = render_files(view, to, argv + optind,
		    (size_t)(argc - optind), todir ? out : NULL, split, jobs);
	teikit_view_free(view);
	return rc;
}
