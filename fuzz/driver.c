/*
 * fuzz/driver.c -- run a fuzz target without libFuzzer: feed it each
 * file named, or each file of each directory named, once.  This is how
 * the regression corpora run under any compiler and sanitizer (make
 * check, the ASan+UBSan build of .ci/run).
 */
#include "config.h"

#include <dirent.h>
#include <sys/stat.h>

#include "common.h"

/* Only the targets that need it define it. */
__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int
S_run_file(const char *path)
{
	FILE	*f = fopen(path, "rb");
	uint8_t	*buf = NULL, *p;
	size_t	 len = 0, cap = 0, n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			if ((p = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	/* A copy of exactly the input's size, as libFuzzer gives, so that
	 * a read past the end is caught. */
	p = malloc(len ? len : 1);
	if (p == NULL) {
		free(buf);
		return -1;
	}
	memcpy(p, buf, len);
	free(buf);
	(void)LLVMFuzzerTestOneInput(p, len);
	free(p);
	return 0;
}

static int
S_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of `dir`, in name order so runs repeat. */
static int
S_run_dir(const char *dir, int *count)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	char		**names = NULL, **p, path[4096];
	size_t		 n = 0, i;
	int		 rc = 0;
	struct stat	 st;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((p = realloc(names, (n + 1) * sizeof(*names))) == NULL)
			break;
		names = p;
		if ((names[n] = strdup(e->d_name)) != NULL)
			n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), S_cmp);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (S_run_file(path) == -1)
				rc = -1;
			(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct stat	 st;
	int		 i, count = 0, rc = 0;

	(void)LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == -1) {
			perror(argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (S_run_dir(argv[i], &count) == -1)
				rc = 1;
		} else if (S_run_file(argv[i]) == -1)
			rc = 1;
		else
			count++;
	}
	fprintf(stderr, "%s: %d inputs run\n", argv[0], count);
	return rc;
}
