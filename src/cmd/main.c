/*
 * main.c -- the teikit command: the commands and their usage, the
 * global options, and the exit status, the worst diagnostic said.  Each
 * command is in a file of its name (encode.c, validate.c, render.c,
 * build.c); what they share is in common.c.  No encoding, validation or
 * rendering logic lives here.
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <malloc.h>
#include <sys/mman.h>
#endif

#include <libxml/xmlversion.h>
#include <libxslt/xsltconfig.h>

#include "teikit.h"
#include "cmd.h"

/* ---- the commands ---- */

static int	 cmd_help(int, char *[]);

/* Every command; usage.c has what each takes. */
static const struct command {
	const char	*name;
	int		(*run)(int, char *[]);
	int		 report_out;	/* its output is its diagnostics */
} commands[] = {
	{ "encode", cmd_encode, 0 },
	{ "validate", cmd_validate, 1 },
	{ "render", cmd_render, 0 },
	{ "build", cmd_build, 0 },
	{ "index", cmd_index, 0 },
#ifndef TEIKIT_NO_MAIN
	/* not in the fuzz targets that run the command without its main:
	 * they do not link the server, which would wait on stdin */
	{ "lsp", cmd_lsp, 0 },
#endif
	{ "help", cmd_help, 0 },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

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
	usage_all(stdout);
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

	diag_reset();
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
		    "(encode, validate, render, build, index, lsp)"));
	argc -= optind;
	argv += optind;
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[0], commands[i].name) == 0) {
			if (commands[i].report_out)
				report_to_stdout();
			return report_end(commands[i].run(argc, argv));
		}
	return report_end(usage(TK_U_OPTION, "unknown command \"%s\" "
	    "(encode, validate, render, build, index, lsp)", argv[0]));
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

/*
 * The main heap in huge pages, where the kernel gives them on request
 * (Linux's transparent huge pages in "madvise" mode, Debian's
 * default): a document's tree is tens of megabytes of small nodes, and
 * faulting them in 4 KB pages was a third of the time of validating a
 * 2 MB document.  The heap is grown once by 48 MB (address space, not
 * memory, until touched), kept (M_TRIM_THRESHOLD), large blocks taken
 * from it too (M_MMAP_THRESHOLD), and that range asked for huge pages,
 * as glibc's own glibc.malloc.hugetlb=1 tunable does; the threads'
 * arenas are left as they are.  Anything that fails leaves the heap as
 * it was; under valgrind or a sanitizer, whose malloc is not glibc's,
 * it only allocates and frees one block.  RSS grows by a few MB (pages
 * of 2 MB); 2 MB documents validate in 60% of the time.
 */
static void
heap_hugepages(void)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(M_MMAP_THRESHOLD)
	const size_t	 grow = (size_t)48 << 20, huge = (size_t)2 << 20;
	uintptr_t	 lo, hi;
	void		*start, *p;

	if ((start = sbrk(0)) == (void *)-1 ||
	    mallopt(M_MMAP_THRESHOLD, 64 << 20) == 0 ||
	    mallopt(M_TRIM_THRESHOLD, 128 << 20) == 0)
		return;
	if ((p = malloc(grow)) == NULL)
		return;
	free(p);
	lo = ((uintptr_t)start + huge - 1) & ~(uintptr_t)(huge - 1);
	hi = (uintptr_t)sbrk(0) & ~(uintptr_t)(huge - 1);
	if (hi > lo && hi - lo <= 2 * grow)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#endif
}

int
main(int argc, char *argv[])
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t	 i;

	heap_hugepages();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		(void)sigaction(sigs[i], &sa, NULL);
	return teikit_main(argc, argv);
}
#endif
