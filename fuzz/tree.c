/*
 * fuzz/tree.c -- libFuzzer target for what users hand `teikit build`:
 * whole folders.  The input describes a tree of entries, each a kind
 * byte, a name (any bytes but '/' and NUL, ended by NUL) and, for a
 * file, a length byte and that many bytes of contents:
 *
 *	kind % 6:  0 a .txt file, 1 a .xml file, 2 a file of any name,
 *	           3 a folder (the entries after it go in it, up to the
 *	           next kind 4), 4 back up a folder, 5 a symbolic link to
 *	           an earlier entry or to ".."
 *
 * The tree is built in a scratch folder, then built in place twice,
 * into a folder inside it, and rendered into it.  Whatever happens,
 * every file of the tree must keep its bytes and no input may be
 * replaced: anything else aborts (a crash for libFuzzer).
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include "config.h"

#include "scratch.h"
#include "common.h"
#include "cmd.h"

#define MAX_ENTRIES 48
#define MAX_DEPTH 4

/* What the tree held before teikit ran. */
static struct file {
	char		 path[PATH_MAX + 80];
	char		*data;
	size_t		 len;
} files[MAX_ENTRIES];
static size_t nfiles;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* run.sh passes -close_fd_mask=2 for the command's diagnostics */
	fuzz_scratch("tree");
	return 0;
}

/* Every file recorded still holds its bytes. */
static void
S_verify(void)
{
	size_t	 i, len;
	char	*now;

	for (i = 0; i < nfiles; i++) {
		if ((now = slurp(files[i].path, &len)) == NULL)
			abort();	/* removed or replaced by a folder */
		if (len != files[i].len || memcmp(now, files[i].data, len))
			abort();	/* overwritten */
		free(now);
	}
}

static void
S_run(const char *a, const char *b, const char *c, const char *d)
{
	char	*argv[] = { "teikit", (char *)a, "--quiet", "-j", "2",
	    (char *)b, (char *)c, (char *)d, NULL };

	(void)teikit_main(8, argv);
	fflush(stdout);
	S_verify();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 dir[PATH_MAX], path[PATH_MAX + 80], name[256];
	char		*made[MAX_ENTRIES];
	size_t		 i, n, k, nmade = 0, depth = 0, len;
	int		 here, fd;

	if (scratch[0] == '\0')
		(void)LLVMFuzzerInitialize(NULL, NULL);
	here = fuzz_enter();
	if (mkdir("in", 0777) == -1)
		abort();
	nfiles = 0;
	snprintf(dir, sizeof(dir), "in");
	for (i = 0; i < size && nmade < MAX_ENTRIES;) {
		int kind = data[i++] % 6;

		if (kind == 4) {		/* up */
			if (depth > 0) {
				*strrchr(dir, '/') = '\0';
				depth--;
			}
			continue;
		}
		for (n = 0; i < size && data[i] != '\0' && n < 60; i++)
			if (data[i] != '/')
				name[n++] = (char)data[i];
		name[n] = '\0';
		i += i < size;			/* the NUL */
		if (n == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s%s", dir, name,
		    kind == 0 ? ".txt" : kind == 1 ? ".xml" : "");
		if (kind == 3) {
			if (depth == MAX_DEPTH || mkdir(path, 0777) == -1)
				continue;
			if (strlen(path) >= sizeof(dir))
				continue;
			snprintf(dir, sizeof(dir), "%s", path);
			depth++;
			continue;
		}
		if (kind == 5) {
			k = i < size ? data[i++] : 0;
			if (symlink(nmade > 0 && k % 4 ? made[k % nmade] + 3 :
			    "..", path) == -1)	/* relative to in/ */
				continue;
			continue;
		}
		len = i < size ? data[i++] : 0;
		if (len > size - i)
			len = size - i;
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1)
			continue;
		if (len > 0 && write(fd, data + i, len) != (ssize_t)len)
			abort();
		close(fd);
		snprintf(files[nfiles].path, sizeof(files[nfiles].path), "%s",
		    path);
		if ((files[nfiles].data = malloc(len + 1)) == NULL)
			abort();
		memcpy(files[nfiles].data, data + i, len);
		files[nfiles].len = len;
		nfiles++;
		made[nmade++] = files[nfiles - 1].path;
		i += len;
	}
	S_run("build", "-o", "in", "in");
	S_run("build", "-o", "in", "in");
	S_run("build", "-o", "in/edition", "in");
	{
		char	*argv[MAX_ENTRIES + 8];
		int	 argc = 0;

		argv[argc++] = "teikit";
		argv[argc++] = "render";
		argv[argc++] = "--to";
		argv[argc++] = "text";
		argv[argc++] = "-o";
		argv[argc++] = "in";
		for (k = 0; k < nfiles; k++)
			argv[argc++] = files[k].path;
		argv[argc] = NULL;
		(void)teikit_main(argc, argv);
		S_verify();
	}
	for (k = 0; k < nfiles; k++)
		free(files[k].data);
	fuzz_leave(here);
	return 0;
}
