/*
 * fuzz/cli.c -- libFuzzer target for the whole teikit command line.
 * The input is the arguments, one a line, up to the first NUL byte; the
 * bytes after it are the contents of in.txt and in.xml, the files the
 * arguments may name.  The command runs in a scratch directory emptied
 * before each run; an argument with a '/' (a path out of it; "K/N" of
 * --shard excepted) or naming
 * the PDF view (pdflatex: seconds a run) is not run.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include "config.h"

#include "scratch.h"
#include "common.h"
#include "cmd.h"

#define MAX_ARGS 32

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_scratch("cli");
	return 0;
}

static void
S_put(const char *name, const uint8_t *data, size_t size)
{
	FILE	*f = fopen(name, "wb");

	if (f == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
}

/* A path out of the scratch directory?  ("K/N" is a shard.) */
static int
S_escapes(const char *p)
{
	size_t	 n = strspn(p, "0123456789");

	if (n > 0 && p[n] == '/' && p[n + 1 + strspn(p + n + 1,
	    "0123456789")] == '\0')
		return 0;
	return strchr(p, '/') != NULL || strcmp(p, "..") == 0;
}

/* Split the arguments; 0 when the input is not to be run. */
static int
S_args(char *s, char *argv[], int *argc)
{
	char	*p;

	*argc = 0;
	argv[(*argc)++] = "teikit";
	for (p = strtok(s, "\n"); p != NULL; p = strtok(NULL, "\n")) {
		if (*argc == MAX_ARGS || S_escapes(p) ||
		    strstr(p, "pdf") != NULL)
			return 0;
		argv[(*argc)++] = p;
	}
	argv[*argc] = NULL;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*nul = memchr(data, '\0', size);
	char		*args, *argv[MAX_ARGS + 1];
	int		 argc, here;
	size_t		 alen = nul != NULL ? (size_t)(nul - data) : size;

	if (scratch[0] == '\0')
		(void)LLVMFuzzerInitialize(NULL, NULL);
	if ((args = strndup((const char *)data, alen)) == NULL)
		return 0;
	if (!S_args(args, argv, &argc)) {
		free(args);
		return 0;
	}
	here = fuzz_enter();
	data += nul != NULL ? alen + 1 : alen;
	size -= nul != NULL ? alen + 1 : alen;
	S_put("in.txt", data, size);
	S_put("in.xml", data, size);
	(void)teikit_main(argc, argv);
	fflush(stdout);
	fuzz_leave(here);
	free(args);
	return 0;
}
