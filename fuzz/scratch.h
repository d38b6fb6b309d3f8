/*
 * fuzz/scratch.h -- for the targets that run the whole command (cli,
 * tree): a scratch directory, emptied and entered before each run.
 * Include it first, after defining _XOPEN_SOURCE 700 (for nftw).
 */
#ifndef TEIKIT_FUZZ_SCRATCH_H
#define TEIKIT_FUZZ_SCRATCH_H

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char scratch[PATH_MAX];

static int
fuzz_remove(const char *path, const struct stat *st, int flag,
    struct FTW *f)
{
	(void)st;
	(void)flag;
	if (f->level > 0)
		(void)remove(path);
	return 0;
}

/* $TMPDIR/teikit-fuzz-NAME-XXXXXX made; the data files found; nothing
 * waits on a terminal and what the command prints is lost. */
static void
fuzz_scratch(const char *name)
{
	const char	*tmp = getenv("TMPDIR");

	snprintf(scratch, sizeof(scratch), "%s/teikit-fuzz-%s-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp", name);
	if (mkdtemp(scratch) == NULL)
		abort();
	if (getenv("TEIKIT_DATADIR") == NULL)
		setenv("TEIKIT_DATADIR", TEIKIT_SRCDIR, 1);
	if (freopen("/dev/null", "r", stdin) == NULL ||
	    freopen("/dev/null", "w", stdout) == NULL)
		abort();
}

/* Into the emptied scratch directory; returns the way back (fchdir). */
static int
fuzz_enter(void)
{
	int	 here;

	if ((here = open(".", O_RDONLY | O_DIRECTORY)) == -1 ||
	    nftw(scratch, fuzz_remove, 16, FTW_DEPTH | FTW_PHYS) == -1 ||
	    chdir(scratch) == -1)
		abort();
	return here;
}

static void
fuzz_leave(int here)
{
	if (fchdir(here) == -1)
		abort();
	close(here);
}

#endif /* !TEIKIT_FUZZ_SCRATCH_H */
