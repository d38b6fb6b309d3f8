/*
 * build.c -- `teikit build`: a whole corpus into a browsable edition,
 * and the engine under `teikit render` of many files.  Plaintext is
 * encoded, everything is validated, the chosen views are rendered (one
 * per document of a volume with --split), and index.html lists every
 * document.  The schema and the stylesheets are compiled once;
 * documents go to worker threads, each with its own encoder and
 * contexts; every document's results land in its own slot, and what it
 * prints is held until the documents before it have been told, so the
 * output does not depend on -j.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "teikit.h"
#include "cmd.h"

#define MAX_VIEWS 4

/* One document of a volume split with --split. */
struct part {
	char		*base;		/* "VOLUME/NAME" */
	char		*title, *number;
};

struct job {
	char		*path;		/* input */
	char		*rel;		/* its path under the inputs' root */
	char		*top;		/* the directory named it was found in */
	char		*base;		/* output name, without extension */
	int		 plaintext;
	/* results */
	char		*title, *number;
	int		 errors, warnings;
	int		 failed;	/* nothing could be made */
	size_t		 bytes;
	struct part	*parts;		/* --split: one per document */
	size_t		 nparts;
	/* held until the jobs before it are told */
	char		*diags, *out;
	size_t		 dlen, olen;
	int		 finished;
};

/* A set of names: the outputs' names taken, directories made. */
struct names {
	char		**v;
	size_t		 n, cap;	/* cap: a power of two, or 0 */
	int		 fold;		/* compared with ASCII case folded */
};

struct build {
	struct job	*jobs;
	size_t		 njobs;
	const char	*outdir;	/* NULL: the one view to stdout */
	const char	*views[MAX_VIEWS];
	teikit_view	*sheets[MAX_VIEWS];
	size_t		 nviews;
	teikit_schema	*schema;	/* NULL: no validation (render) */
	struct assoc	*assoc;		/* the schemas of TEI given as XML */
	int		 split;
	long		 nthreads;	/* -j */
	atomic_size_t	 next, done, bytes;
	int		 progress;
	struct timespec	 start;
	pthread_mutex_t	 lock;		/* told */
	size_t		 told;		/* jobs whose output is out */
	pthread_mutex_t	 names_lock;
	struct names	 taken;		/* output bases */
	struct names	 dirs;		/* output directories made */
};

/* ---- names ---- */

/* Names are compared with ASCII case folded: outputs that differ only
 * in case would be one file on a file system that folds case (APFS,
 * exFAT, SMB shares), so they are never both chosen, on any. */
static size_t
S_strhash(const char *s, int fold)
{
	size_t	 h = 5381;

	for (; *s != '\0'; s++)
		h = h * 33 ^ (unsigned char)(fold ? tolower((unsigned char)*s) :
		    *s);
	return h;
}

static int
S_has(const struct names *ns, const char *s)
{
	size_t	 i;

	if (ns->cap == 0)
		return 0;
	for (i = S_strhash(s, ns->fold) & (ns->cap - 1); ns->v[i] != NULL;
	    i = (i + 1) & (ns->cap - 1))
		if ((ns->fold ? strcasecmp : strcmp)(ns->v[i], s) == 0)
			return 1;
	return 0;
}

/* Add a copy of `s`: 1, or 0 when it was there, -1 out of memory. */
static int
S_name_add(struct names *ns, const char *s)
{
	char	**v;
	size_t	 i, k, cap;

	if (S_has(ns, s))
		return 0;
	if (2 * (ns->n + 1) > ns->cap) {
		cap = ns->cap ? 2 * ns->cap : 256;
		if ((v = calloc(cap, sizeof(*v))) == NULL)
			return -1;
		for (i = 0; i < ns->cap; i++) {
			if (ns->v[i] == NULL)
				continue;
			for (k = S_strhash(ns->v[i], ns->fold) & (cap - 1);
			    v[k] != NULL;
			    k = (k + 1) & (cap - 1))
				continue;
			v[k] = ns->v[i];
		}
		free(ns->v);
		ns->v = v;
		ns->cap = cap;
	}
	for (i = S_strhash(s, ns->fold) & (ns->cap - 1); ns->v[i] != NULL;
	    i = (i + 1) & (ns->cap - 1))
		continue;
	if ((ns->v[i] = strdup(s)) == NULL)
		return -1;
	ns->n++;
	return 1;
}

static void
S_names_free(struct names *ns)
{
	size_t	 i;
	int	 fold = ns->fold;

	for (i = 0; i < ns->cap; i++)
		free(ns->v[i]);
	free(ns->v);
	memset(ns, 0, sizeof(*ns));
	ns->fold = fold;
}

/* `want`, or want-2, want-3... the first not taken, claimed and
 * returned (to free); NULL out of memory. */
static char *
S_claim(struct build *b, const char *want)
{
	char	*name;
	size_t	 k, sz = strlen(want) + 24;
	int	 rc;

	if ((name = malloc(sz)) == NULL)
		return NULL;
	pthread_mutex_lock(&b->names_lock);
	snprintf(name, sz, "%s", want);
	for (k = 2; (rc = S_name_add(&b->taken, name)) == 0; k++)
		snprintf(name, sz, "%s-%zu", want, k);
	pthread_mutex_unlock(&b->names_lock);
	if (rc == -1) {
		free(name);
		return NULL;
	}
	return name;
}

/* ---- collecting the inputs ---- */

static int
S_cmp_jobs(const void *a, const void *b)
{
	return strcmp(((const struct job *)a)->rel,
	    ((const struct job *)b)->rel);
}

static struct job *
S_push(struct job **jobs, size_t *n, size_t *cap)
{
	struct job	*j;

	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		if ((j = realloc(*jobs, *cap * sizeof(*j))) == NULL)
			return NULL;
		*jobs = j;
	}
	j = &(*jobs)[(*n)++];
	memset(j, 0, sizeof(*j));
	return j;
}

static int
S_ext_is(const char *path, const char *ext)
{
	const char	*dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	return dot != NULL && (slash == NULL || dot > slash + 1) &&
	    dot != path && strcmp(dot, ext) == 0;
}

/* An input: `path` as it will be read, found in the directory `top`
 * (or named: NULL); -1 out of memory. */
static int
S_add(struct job **jobs, size_t *n, size_t *cap, const char *path,
    const char *top)
{
	struct job	*j;

	if ((j = S_push(jobs, n, cap)) == NULL)
		return -1;
	j->path = strdup(path);
	j->top = top ? strdup(top) : NULL;
	j->plaintext = S_ext_is(path, ".txt");
	return j->path && (top == NULL || j->top) ? 0 : -1;
}

/* A file found or named: once, whatever its names. */
static int
S_take(struct job **jobs, size_t *n, size_t *cap, const char *path,
    const char *top, const struct stat *st)
{
	const char	*first;

	if ((first = guard_input_of(st)) != NULL) {
		say(path, TK_W_SKIPPED, "skipped: the same file as %s", first);
		return 0;
	}
	if (guard_input(path) == -1)
		return -1;
	return S_add(jobs, n, cap, path, top);
}

static int
S_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories still to read: a stack, so any depth is fine. */
struct dirstack {
	char		**v;
	size_t		 n, cap;
};

static int
S_dpush(struct dirstack *ds, const char *dir)
{
	char	**v;

	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? 2 * ds->cap : 16;
		if ((v = realloc(ds->v, ds->cap * sizeof(*v))) == NULL)
			return -1;
		ds->v = v;
	}
	return (ds->v[ds->n++] = strdup(dir)) ? 0 : -1;
}

/*
 * The .txt and .xml files under `top`, at any depth: regular files
 * only (a FIFO would block), not those teikit wrote and no one changed
 * since (each directory's .teikit-outputs says), not hidden ones, not
 * the output directory `out` (or NULL), and never through a link to a
 * directory (no loops).
 */
static int
S_scan(const char *top, const struct stat *out, struct job **jobs,
    size_t *n, size_t *cap)
{
	struct dirstack	 ds = { NULL, 0, 0 };
	struct dirent	*de;
	struct stat	 st;
	char		*dir, *path = NULL, **ents = NULL;
	size_t		 plen, nents = 0, entcap = 0, e;
	DIR		*d;
	int		 rc = 0;

	if (S_dpush(&ds, top) == -1)
		return -1;
	while (ds.n > 0 && rc == 0) {
		dir = ds.v[--ds.n];
		if ((d = opendir(dir)) == NULL) {
			say(dir, TK_S_READ, "cannot read: %s", strerror(errno));
			free(dir);
			continue;
		}
		guard_load(dir);
		/* in sorted order, so which of two names of one file is
		 * taken does not depend on the file system */
		nents = 0;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if (nents == entcap) {
				char	**v;

				entcap = entcap ? 2 * entcap : 64;
				if ((v = realloc(ents, entcap * sizeof(*v))) ==
				    NULL) {
					rc = -1;
					break;
				}
				ents = v;
			}
			if ((ents[nents] = strdup(de->d_name)) == NULL) {
				rc = -1;
				break;
			}
			nents++;
		}
		closedir(d);
		if (nents > 0)
			qsort(ents, nents, sizeof(*ents), S_cmp_names);
		for (e = 0; rc == 0 && e < nents; e++) {
			plen = strlen(dir) + strlen(ents[e]) + 2;
			free(path);
			if ((path = malloc(plen)) == NULL) {
				rc = -1;
				break;
			}
			snprintf(path, plen, "%s/%s", dir, ents[e]);
			if (lstat(path, &st) == -1)
				continue;
			if (S_ISDIR(st.st_mode)) {
				if (out == NULL || st.st_dev != out->st_dev ||
				    st.st_ino != out->st_ino)
					rc = S_dpush(&ds, path);
				continue;
			}
			if (!S_ext_is(path, ".txt") && !S_ext_is(path, ".xml"))
				continue;
			if (S_ISLNK(st.st_mode) && stat(path, &st) == -1)
				continue;
			if (!S_ISREG(st.st_mode)) {
				say(path, TK_W_SKIPPED, "skipped: not a "
				    "regular file");
				continue;
			}
			if (guard_is_own(&st))	/* an earlier build's */
				continue;
			rc = S_take(jobs, n, cap, path, top, &st);
		}
		for (e = 0; e < nents; e++)
			free(ents[e]);
		free(dir);
	}
	free(ents);
	free(path);
	while (ds.n > 0)
		free(ds.v[--ds.n]);
	free(ds.v);
	return rc;
}

/* Files named, and the .txt and .xml files of directories named; the
 * number of named files that cannot be read, or -1 out of memory. */
static int
S_collect(char *argv[], int argc, const char *outdir, struct job **jobs,
    size_t *n)
{
	size_t		 cap = 0;
	struct stat	 st, out;
	int		 i, bad = 0, have_out;

	have_out = stat(outdir, &out) == 0;
	for (i = 0; i < argc; i++) {
		if (stat(argv[i], &st) == -1) {
			say(argv[i], TK_S_READ, "cannot read: %s",
			    strerror(errno));
			bad++;
		} else if (S_ISDIR(st.st_mode)) {
			if (S_scan(argv[i], have_out ? &out : NULL, jobs, n,
			    &cap) == -1)
				return -1;
		} else if (!S_ISREG(st.st_mode)) {
			say(argv[i], TK_S_READ, "cannot read: not a regular "
			    "file");
			bad++;
		} else if (S_take(jobs, n, &cap, argv[i], NULL, &st) == -1)
			return -1;
	}
	return bad;
}

static void
S_free_job(struct job *j)
{
	size_t	 i;

	free(j->path);
	free(j->rel);
	free(j->top);
	free(j->base);
	free(j->title);
	free(j->number);
	for (i = 0; i < j->nparts; i++) {
		free(j->parts[i].base);
		free(j->parts[i].title);
		free(j->parts[i].number);
	}
	free(j->parts);
	free(j->diags);
	free(j->out);
}

/* Where `path` really is: its directory made absolute without links,
 * then its file name ("-" is "stdin" in the current directory). */
static char *
S_abs(const char *path)
{
	char		*dir, *res, real[PATH_MAX];
	const char	*file, *slash;
	size_t		 sz;

	if (strcmp(path, "-") == 0)
		path = "stdin";
	slash = strrchr(path, '/');
	file = slash ? slash + 1 : path;
	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		return NULL;
	if (realpath(dir, real) == NULL) {	/* never a path mirrored raw */
		free(dir);
		return NULL;
	}
	free(dir);
	sz = strlen(real) + strlen(file) + 2;
	if ((res = malloc(sz)) != NULL)
		snprintf(res, sz, "%s/%s", strcmp(real, "/") ? real : "", file);
	return res;
}

/*
 * Each input's output name: its path under the inputs' common
 * directory, without its extension (de/L001.xml: de/L001), so that the
 * outputs mirror the inputs.  Where two inputs would share a name (x.txt
 * and x.xml, x.tei and x.xml) or one would be the index, each keeps its
 * extension (x.txt.html, x.xml.html); a name still taken gets -2, -3...
 * Returns -1 out of memory.
 */
static int
S_name_jobs(struct build *b)
{
	struct names	 seen = { NULL, 0, 0, 1 }, twice = { NULL, 0, 0, 1 };
	char		*stem, *dot, *slash, *a = NULL, *c, real[PATH_MAX];
	size_t		 i, m, k, root = 0, last;
	int		 rc = -1;

	for (i = k = 0; i < b->njobs; i++) {
		if ((b->jobs[i].rel = S_abs(b->jobs[i].path)) == NULL) {
			if (errno == ENOMEM)
				return -1;
			say(b->jobs[i].path, TK_S_READ, "cannot read: its "
			    "directory cannot be resolved: %s", strerror(errno));
			S_free_job(&b->jobs[i]);
			continue;
		}
		b->jobs[k++] = b->jobs[i];
	}
	b->njobs = k;
	/* The longest common directory (up to and with a '/') of the files
	 * named and the directories named: a corpus keeps its layout
	 * whichever of its folders hold files today. */
	for (i = 0; i < b->njobs; i++) {
		c = b->jobs[i].rel;
		k = (size_t)(strrchr(c, '/') - c) + 1;
		if (b->jobs[i].top != NULL &&
		    realpath(b->jobs[i].top, real) != NULL &&
		    (m = strlen(real)) > 0 && strncmp(real, c, m) == 0 &&
		    (real[m - 1] == '/' || c[m] == '/'))
			k = real[m - 1] == '/' ? m : m + 1;
		if (i == 0) {
			a = c;
			root = k;
			continue;
		}
		if (k < root)
			root = k;
		for (m = last = 0; m < root && a[m] == c[m]; m++)
			if (a[m] == '/')
				last = m + 1;
		if (m < root)
			root = last;
	}
	for (i = 0; i < b->njobs; i++)
		memmove(b->jobs[i].rel, b->jobs[i].rel + root,
		    strlen(b->jobs[i].rel + root) + 1);
	if (b->njobs > 0)
		qsort(b->jobs, b->njobs, sizeof(*b->jobs), S_cmp_jobs);
	if (S_name_add(&seen, "index") == -1 ||
	    S_name_add(&twice, "index") == -1)
		goto out;
	for (i = 0; i < b->njobs; i++) {
		if ((stem = strdup(b->jobs[i].rel)) == NULL)
			goto out;
		slash = strrchr(stem, '/');
		slash = slash ? slash + 1 : stem;
		if ((dot = strrchr(slash, '.')) != NULL && dot != slash)
			*dot = '\0';
		b->jobs[i].base = stem;
		if ((rc = S_name_add(&seen, stem)) == 0)
			rc = S_name_add(&twice, stem);
		if (rc == -1)
			goto out;
		rc = -1;
	}
	for (i = 0; i < b->njobs; i++) {
		const char *want = S_has(&twice, b->jobs[i].base) ?
		    b->jobs[i].rel : b->jobs[i].base;

		if ((stem = S_claim(b, want)) == NULL)
			goto out;
		free(b->jobs[i].base);
		b->jobs[i].base = stem;
	}
	rc = 0;
out:
	S_names_free(&seen);
	S_names_free(&twice);
	return rc;
}

/* ---- the outputs ---- */

static const char *
S_ext(const char *view)
{
	if (view == NULL)	/* render --stylesheet */
		return "out";
	return strcmp(view, "text") == 0 ? "txt" : strcmp(view, "latex") == 0 ?
	    "tex" : view;
}

/* outdir/base.ext, to free; NULL out of memory. */
static char *
S_out_path(const struct build *b, const char *base, const char *ext)
{
	size_t	 sz = strlen(b->outdir) + strlen(base) + strlen(ext) + 3;
	char	*p;

	if ((p = malloc(sz)) != NULL)
		snprintf(p, sz, "%s/%s.%s", b->outdir, base, ext);
	return p;
}

/*
 * The directory that `path` (a file in the output directory) goes
 * into, made with its parents as needed; the first time, the leftovers
 * of killed runs in it are removed.  -1 when it cannot be made.  Every
 * output goes through here before it is written.
 */
static int
S_out_dir(struct build *b, const char *path)
{
	char	*dir, *p;
	int	 rc = 0, isnew;

	if ((p = strrchr(path, '/')) == NULL)
		return 0;
	if ((dir = strndup(path, (size_t)(p - path))) == NULL)
		return -1;
	/* made under the lock: no thread writes into it half made */
	pthread_mutex_lock(&b->names_lock);
	isnew = !S_has(&b->dirs, dir);
	for (p = dir + 1; isnew && rc == 0 && (p = strchr(p, '/')) != NULL;
	    p++) {
		*p = '\0';
		if (mkdir(dir, 0777) == -1 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (isnew && rc == 0 && mkdir(dir, 0777) == -1 && errno != EEXIST)
		rc = -1;
	if (isnew && rc == 0 && S_name_add(&b->dirs, dir) == -1)
		rc = -1;
	/* Swept under the lock too: every writer comes through here
	 * first, so none can have a temporary file in it, not yet locked
	 * (mkstemps, then flock), that the sweep would take for a dead
	 * one's (seen under ASan as "cannot write: No such file"). */
	if (isnew && rc == 0)
		(void)teikit_file_sweep(dir);
	pthread_mutex_unlock(&b->names_lock);
	if (rc == -1)
		say(dir, TK_S_WRITE, "cannot make the directory: %s",
		    strerror(errno));
	free(dir);
	return rc;
}

static int S_where(struct names *, const char *);

/* "the html view of x.xml" for an output of extension `ext`. */
static void
S_what(char *buf, size_t sz, const char *in, const char *ext)
{
	snprintf(buf, sz, "%s%s of %s", strcmp(ext, "xml") == 0 ?
	    "the encoding" : "the ", strcmp(ext, "xml") == 0 ? "" :
	    strcmp(ext, "txt") == 0 ? "text view" : strcmp(ext, "tex") == 0 ?
	    "latex view" : strcmp(ext, "html") == 0 ? "html view" :
	    strcmp(ext, "pdf") == 0 ? "pdf view" : "view", in);
}

/*
 * Before anything is written: may every output be written?  Each that
 * may not is said, naming both files; the number refused, or -1 out of
 * memory.
 */
static int
S_check_outputs(const struct build *b, int index)
{
	struct names	 where = { NULL, 0, 0, 0 };
	char		*path, what[PATH_MAX + 64];
	const char	*ext;
	size_t		 i, v;
	int		 bad = 0, rc;

	for (i = 0; i < b->njobs + (index != 0); i++) {
		const struct job *j = i < b->njobs ? &b->jobs[i] : NULL;

		for (v = 0; v <= (j ? b->nviews : 1); v++) {
			if (j == NULL)	/* the index */
				ext = v ? "tsv" : "html";
			else if (v == b->nviews && !j->plaintext)
				break;
			else
				ext = v == b->nviews ? "xml" :
				    S_ext(b->views[v]);
			if ((path = S_out_path(b, j ? j->base : "index",
			    ext)) == NULL)
				goto nomem;
			if (j != NULL)
				S_what(what, sizeof(what), j->path, ext);
			else
				snprintf(what, sizeof(what), "the index");
			if (guard_output(path, 0, what) == -1)
				bad++;
			else if ((rc = S_where(&where, path)) != 1) {
				if (rc == -1) {
					free(path);
					goto nomem;
				}
				say(path, TK_U_SAME_FILE, "refusing to write "
				    "%s: another output of this run is the "
				    "same file (a link in the output "
				    "directory)", what);
				bad++;
			}
			free(path);
		}
	}
	S_names_free(&where);
	return bad;
nomem:
	S_names_free(&where);
	return -1;
}

/* Where `path` will really be: its directory without links (when it
 * exists), and its name; 1 when first seen, 0 when another output of
 * the run is there already, -1 out of memory. */
static int
S_where(struct names *where, const char *path)
{
	char		 real[PATH_MAX], *dir, *key;
	const char	*slash = strrchr(path, '/');
	size_t		 sz;
	int		 rc;

	if (slash == NULL || (dir = strndup(path, (size_t)(slash - path))) ==
	    NULL)
		return slash == NULL ? S_name_add(where, path) : -1;
	if (realpath(dir, real) == NULL)
		snprintf(real, sizeof(real), "%s", dir);
	free(dir);
	sz = strlen(real) + strlen(slash) + 1;
	if ((key = malloc(sz)) == NULL)
		return -1;
	snprintf(key, sz, "%s%s", real, slash);
	rc = S_name_add(where, key);
	free(key);
	return rc;
}

/* ---- one document ---- */

/* Counts a document's diagnostics, then prints them. */
static void
S_count(const teikit_diag *d, void *arg)
{
	struct job	*j = arg;
	teikit_level	 l = teikit_code_level(d->code);

	if (l >= TEIKIT_LEVEL_ERROR)
		j->errors++;
	else if (l == TEIKIT_LEVEL_WARNING)
		j->warnings++;
	print_diag(d, NULL);
}

/* One output, into its directory, if the guard allows it. */
static int
S_write(struct build *b, const struct job *j, const char *base,
    const char *ext, const char *buf, size_t len)
{
	char	*path, what[PATH_MAX + 64];
	int	 rc = -1;

	if ((path = S_out_path(b, base, ext)) == NULL) {
		say(b->outdir, TK_S_NOMEM, "out of memory");
		return -1;
	}
	S_what(what, sizeof(what), j->path, ext);
	if (S_out_dir(b, path) == 0)
		rc = guard_write(path, buf, len, 0, what);
	free(path);
	return rc;
}

/* The views of `doc`, written as `base`.EXT (or kept for stdout); the
 * number that failed. */
static int
S_views(struct build *b, struct job *j, const teikit_doc *doc,
    const char *base)
{
	char	*out;
	size_t	 olen, v;
	int	 failed = 0;

	if (b->nviews > 0)
		view_check_text(b->views[0], doc, j->path);
	for (v = 0; v < b->nviews; v++) {
		if (render_view(b->sheets[v], b->views[v], doc, j->path, &out,
		    &olen) == -1) {
			failed++;
			continue;
		}
		if (b->outdir == NULL) {	/* told in the inputs' order */
			free(j->out);
			j->out = out;
			j->olen = olen;
			continue;
		}
		if (S_write(b, j, base, S_ext(b->views[v]), out, olen) == -1)
			failed++;
		free(out);
	}
	return failed;
}

/*
 * A volume's documents, made one after the other by teikit_doc_split()
 * and rendered as they come by the thread that read the volume and by
 * helpers, when there are fewer inputs than threads.  What each
 * document's rendering says is kept, and told in the documents' order.
 */
struct split {
	struct build	*b;
	struct job	*j;
	pthread_mutex_t	 lock;
	pthread_cond_t	 more;
	size_t		 cap, taken;	/* parts made room for, handed out */
	int		 done;		/* no more parts will come */
	teikit_doc	**docs;		/* per part, until it is taken */
	char		**diags;	/* per part, what it said */
	size_t		*dlen;
	int		*errors;
};

static int
S_split_grow(struct split *s)
{
	size_t	 cap = s->cap ? 2 * s->cap : 64;
	void	*p;

	if ((p = realloc(s->j->parts, cap * sizeof(*s->j->parts))) == NULL)
		return -1;
	s->j->parts = p;
	if ((p = realloc(s->docs, cap * sizeof(*s->docs))) == NULL)
		return -1;
	s->docs = p;
	if ((p = realloc(s->diags, cap * sizeof(*s->diags))) == NULL)
		return -1;
	s->diags = p;
	if ((p = realloc(s->dlen, cap * sizeof(*s->dlen))) == NULL)
		return -1;
	s->dlen = p;
	if ((p = realloc(s->errors, cap * sizeof(*s->errors))) == NULL)
		return -1;
	s->errors = p;
	s->cap = cap;
	return 0;
}

#define QUEUED_MAX 8	/* documents made and not yet rendered */

static int S_part_one(struct split *, int);

static size_t
S_queued(struct split *s)
{
	size_t	 n;

	pthread_mutex_lock(&s->lock);
	n = s->j->nparts - s->taken;
	pthread_mutex_unlock(&s->lock);
	return n;
}

/* teikit_doc_split() made a document: queue it. */
static int
S_part(teikit_doc *doc, const char *name, void *arg)
{
	struct split	*s = arg;
	struct job	*j = s->j;
	struct part	*p;
	char		*want, *base;
	int		 rc = -1;

	/* VOLUME/NAME, unique among every output of the run */
	if ((want = malloc(strlen(j->base) + strlen(name) + 2)) == NULL) {
		teikit_doc_free(doc);
		return -1;
	}
	sprintf(want, "%s/%s", j->base, name);
	base = S_claim(s->b, want);
	free(want);
	if (base == NULL) {
		teikit_doc_free(doc);
		return -1;
	}
	pthread_mutex_lock(&s->lock);
	if (j->nparts < s->cap || S_split_grow(s) == 0) {
		p = &j->parts[j->nparts];
		memset(p, 0, sizeof(*p));
		p->base = base;
		s->docs[j->nparts] = doc;
		s->diags[j->nparts] = NULL;
		s->dlen[j->nparts] = 0;
		s->errors[j->nparts] = 0;
		j->nparts++;
		pthread_cond_signal(&s->more);
		rc = 0;
	}
	pthread_mutex_unlock(&s->lock);
	if (rc == -1) {
		free(base);
		teikit_doc_free(doc);
		return -1;
	}
	/* Memory stays flat: while the helpers are behind (or when there
	 * are none), the thread that makes the documents renders too. */
	while (S_queued(s) > QUEUED_MAX && S_part_one(s, 0))
		continue;
	return 0;
}

/*
 * Render one queued document; with `wait`, wait for one to come.
 * Returns 0 when there is none (and, waiting, none will come).
 */
static int
S_part_one(struct split *s, int wait)
{
	struct job	*j = s->j;
	teikit_doc	*doc;
	char		*base, *title, *number, *d = NULL;
	size_t		 i, dlen = 0;
	int		 errors;
	FILE		*f;

	pthread_mutex_lock(&s->lock);
	while (wait && s->taken == j->nparts && !s->done)
		pthread_cond_wait(&s->more, &s->lock);
	if (s->taken == j->nparts) {
		pthread_mutex_unlock(&s->lock);
		return 0;
	}
	i = s->taken++;
	doc = s->docs[i];
	s->docs[i] = NULL;
	base = j->parts[i].base;
	pthread_mutex_unlock(&s->lock);
	diag_capture(f = open_memstream(&d, &dlen));
	errors = S_views(s->b, j, doc, base);
	diag_capture(NULL);
	if (f != NULL)
		fclose(f);
	title = teikit_doc_title(doc);
	number = teikit_doc_number(doc);
	teikit_doc_free(doc);
	pthread_mutex_lock(&s->lock);
	j->parts[i].title = title;
	j->parts[i].number = number;
	s->diags[i] = d;
	s->dlen[i] = dlen;
	s->errors[i] = errors;
	pthread_mutex_unlock(&s->lock);
	return 1;
}

static void *
S_part_worker(void *arg)
{
	while (S_part_one(arg, 1))
		continue;
	return NULL;
}

/* The documents of the volume `doc`, in parallel; how many there were. */
static size_t
S_split(struct build *b, struct job *j, const teikit_doc *doc,
    FILE *capture)
{
	struct split	 s;
	pthread_t	 helper[16];
	size_t		 i, nhelpers = 0, want;

	memset(&s, 0, sizeof(s));
	s.b = b;
	s.j = j;
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.more, NULL);
	/* the threads that no other input will keep busy */
	want = ((size_t)b->nthreads + b->njobs - 1) / b->njobs - 1;
	while (nhelpers < want && nhelpers < 16 && pthread_create(
	    &helper[nhelpers], NULL, S_part_worker, &s) == 0)
		nhelpers++;
	if (teikit_doc_split(doc, S_part, &s) == -1) {
		say(j->path, TK_S_NOMEM, "out of memory");
		j->errors++;
	}
	pthread_mutex_lock(&s.lock);
	s.done = 1;
	pthread_cond_broadcast(&s.more);
	pthread_mutex_unlock(&s.lock);
	(void)S_part_worker(&s);
	for (i = 0; i < nhelpers; i++)
		pthread_join(helper[i], NULL);
	diag_capture(capture);
	for (i = 0; i < j->nparts; i++) {
		if (s.dlen[i] > 0)
			fwrite(s.diags[i], 1, s.dlen[i], capture ? capture :
			    stderr);
		free(s.diags[i]);
		j->errors += s.errors[i];
	}
	free(s.docs);
	free(s.diags);
	free(s.dlen);
	free(s.errors);
	pthread_cond_destroy(&s.more);
	pthread_mutex_destroy(&s.lock);
	return j->nparts;
}

/*
 * What teikit encoded is held to its own schema and rules; TEI given as
 * XML to the schemas it declares (tei_all when none), as validate does,
 * and to teikit's rules only when teikit encoded it, else to the
 * integrity checks.
 */
static void
S_validate(struct build *b, struct job *j, const teikit_doc *doc,
    const char *buf, size_t len)
{
	struct held	 h;
	int		 k;

	if (j->plaintext) {
		(void)teikit_schema_validate(b->schema, doc, j->path);
		(void)teikit_rules_check(doc, TEIKIT_RULES_TEIKIT, j->path,
		    S_count, j);
		return;
	}
	if (assoc_schemas(b->assoc, j->path, buf, len, -1, &h) < 0)
		h.nrng = h.nsch = 0;
	for (k = 0; k < h.nrng; k++)
		(void)teikit_schema_validate(h.rng[k], doc, j->path);
	for (k = 0; k < h.nsch; k++)
		(void)teikit_schematron_check(h.sch[k], doc, j->path,
		    S_count, NULL, j);
	(void)teikit_rules_check(doc, teikit_doc_is_teikit(doc) ?
	    TEIKIT_RULES_TEIKIT : TEIKIT_RULES_INTEGRITY, j->path, S_count, j);
}

static void
S_one(struct build *b, struct job *j, teikit_encoder *enc, FILE *capture)
{
	char		*buf, *out;
	size_t		 len, olen;
	teikit_doc	*doc;

	/* build reads regular files only; render what it is given */
	if ((buf = b->schema ? slurp_regular(j->path, &len) :
	    slurp(j->path, &len)) == NULL) {
		say(j->path, TK_S_READ, "cannot read: %s", errno == EINVAL ?
		    "not a regular file" : strerror(errno));
		j->failed = j->errors = 1;
		return;
	}
	j->bytes = len;
	if (j->plaintext) {
		teikit_encoder_set_diag(enc, S_count, j);
		doc = teikit_encoder_run(enc, buf, len, j->path);
		if (doc != NULL && teikit_doc_serialize(doc, &out, &olen) == 0) {
			if (S_write(b, j, j->base, "xml", out, olen) == -1)
				j->errors++;
			free(out);
		}
	} else
		doc = teikit_doc_parse(buf, len, j->path, S_count, j);
	if (doc == NULL) {
		free(buf);
		j->failed = 1;
		j->errors += j->errors == 0;
		return;
	}
	if (b->schema != NULL)
		S_validate(b, j, doc, buf, len);
	free(buf);
	if (b->split && !j->plaintext)
		(void)S_split(b, j, doc, capture);
	if (j->nparts == 0)	/* not split, or no document division */
		j->errors += S_views(b, j, doc, j->base);
	j->title = teikit_doc_title(doc);
	j->number = teikit_doc_number(doc);
	teikit_doc_free(doc);
}

static double
S_elapsed(const struct build *b)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - b->start.tv_sec) +
	    (double)(now.tv_nsec - b->start.tv_nsec) / 1e9;
}

static void
S_progress(struct build *b, int final)
{
	size_t	 done = atomic_load(&b->done);
	double	 t = S_elapsed(b), mb = (double)atomic_load(&b->bytes) / 1e6;
	double	 left = done ? t * (double)(b->njobs - done) / (double)done : 0;

	if (!b->progress)
		return;
	fprintf(stderr, "\r%zu of %zu documents  %.1f MB/s  %.0f s left ",
	    done, b->njobs, t > 0 ? mb / t : 0.0, left);
	if (final)
		fputs("\n", stderr);
}

/* Job i is done: print what it and the finished jobs after it said,
 * as far as every job before them is done too. */
static void
S_tell(struct build *b, size_t i)
{
	struct job	*j;

	pthread_mutex_lock(&b->lock);
	b->jobs[i].finished = 1;
	while (b->told < b->njobs && b->jobs[b->told].finished) {
		j = &b->jobs[b->told++];
		if (j->dlen > 0) {
			if (b->progress)	/* over the progress line */
				fputs("\r\033[K", stderr);
			fwrite(j->diags, 1, j->dlen, stderr);
		}
		if (j->olen > 0 && (fwrite(j->out, 1, j->olen, stdout) !=
		    j->olen || fflush(stdout) != 0))
			say("<stdout>", TK_S_WRITE, "cannot write: %s",
			    strerror(errno));
		free(j->diags);
		free(j->out);
		j->diags = j->out = NULL;
		j->dlen = j->olen = 0;
	}
	pthread_mutex_unlock(&b->lock);
}

/* Per-thread schema diagnostics go to the job being done. */
static _Thread_local struct job *current;

static void
S_schema_diag(const teikit_diag *d, void *arg)
{
	(void)arg;
	if (current != NULL)
		S_count(d, current);
	else
		print_diag(d, NULL);
}

static void *
S_worker(void *arg)
{
	struct build	*b = arg;
	teikit_encoder	*enc = teikit_encoder_new();
	struct job	*j;
	size_t		 i;
	FILE		*f;

	while (enc != NULL && (i = atomic_fetch_add(&b->next, 1)) < b->njobs) {
		current = j = &b->jobs[i];
		diag_capture(f = open_memstream(&j->diags, &j->dlen));
		S_one(b, j, enc, f);
		diag_capture(NULL);
		if (f != NULL)
			fclose(f);
		current = NULL;
		atomic_fetch_add(&b->bytes, j->bytes);
		atomic_fetch_add(&b->done, 1);
		S_tell(b, i);
	}
	teikit_encoder_free(enc);
	return NULL;
}

/* The jobs to `jobs` threads (and a progress line); 0, or -1 when not
 * one thread could start. */
static int
S_run(struct build *b, long jobs)
{
	pthread_t	*threads;
	long		 i, started = 0;

	b->nthreads = jobs;
	if (jobs > (long)b->njobs)
		jobs = b->njobs > 0 ? (long)b->njobs : 1;
	pthread_mutex_init(&b->lock, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b->start);
	if ((threads = calloc((size_t)jobs, sizeof(*threads))) == NULL)
		return -1;
	for (i = 0; i < jobs; i++)
		if (pthread_create(&threads[started], NULL, S_worker, b) == 0)
			started++;
	if (started == 0) {
		say(NULL, TK_S_NOMEM, "cannot start a thread");
		free(threads);
		return -1;
	}
	while (b->progress && atomic_load(&b->done) < b->njobs) {
		S_progress(b, 0);
		usleep(200000);
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	S_progress(b, 1);
	free(threads);
	pthread_mutex_destroy(&b->lock);
	return 0;
}

/* ---- the index ---- */

/* Text for HTML: markup escaped; control characters and bytes that are
 * not UTF-8 shown as \xNN, so a name cannot hide or fake anything. */
static void
S_html(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 n, k;

	for (; p != NULL && *p; p++) {
		switch (*p) {
		case '<': fputs("&lt;", f); continue;
		case '>': fputs("&gt;", f); continue;
		case '&': fputs("&amp;", f); continue;
		case '"': fputs("&quot;", f); continue;
		case '\'': fputs("&#39;", f); continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			fprintf(f, "\\x%02x", *p);
			continue;
		}
		if (*p < 0x80) {
			putc(*p, f);
			continue;
		}
		/* a whole, shortest-form UTF-8 sequence, or \xNN */
		n = *p >= 0xf0 && *p <= 0xf4 ? 3 : *p >= 0xe0 ? 2 :
		    *p >= 0xc2 && *p < 0xe0 ? 1 : 0;
		for (k = 1; n > 0 && k <= n; k++)
			if ((p[k] & 0xc0) != 0x80)
				break;
		if (n == 0 || k <= n || (*p == 0xe0 && p[1] < 0xa0) ||
		    (*p == 0xed && p[1] >= 0xa0) ||
		    (*p == 0xf0 && p[1] < 0x90) ||
		    (*p == 0xf4 && p[1] >= 0x90)) {
			fprintf(f, "\\x%02x", *p);
			continue;
		}
		fwrite(p, 1, n + 1, f);
		p += n;
	}
}

/* A path as a relative URL: every byte but letters, digits, "-._~"
 * and "/" percent-encoded, so no name becomes a scheme ("javascript:")
 * or breaks out of the attribute. */
static void
S_href(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p != NULL && *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			putc(*p, f);
		else
			fprintf(f, "%%%02X", *p);
}

/* A file written as a stream, atomically (a temporary file beside it,
 * renamed over it when complete), if the guard allows it. */
static int tmp_slot = -1;	/* one stream at a time, for cleanup */

static FILE *
S_open_atomic(const char *path, int named, char *tmp, size_t sz)
{
	int	 fd;
	FILE	*f;

	if (guard_output(path, named, "the index") == -1)
		return NULL;
	if ((fd = teikit_file_temp(path, tmp, sz, &tmp_slot)) == -1) {
		say(path, TK_S_WRITE, "cannot write: %s", strerror(errno));
		return NULL;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		say(path, TK_S_WRITE, "cannot write: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		teikit_file_untrack(tmp_slot);
	}
	return f;
}

static int
S_close_atomic(FILE *f, const char *tmp, const char *path)
{
	int	 bad = ferror(f);

	if (fflush(f) != 0 || bad || guard_wrote(path, fileno(f)) == -1 ||
	    fclose(f) != 0 || rename(tmp, path) == -1) {
		say(path, TK_S_WRITE, "cannot write: %s", strerror(errno));
		unlink(tmp);
		teikit_file_untrack(tmp_slot);
		return -1;
	}
	teikit_file_untrack(tmp_slot);
	return 0;
}

/* One line of index.tsv: what `teikit index` merges.  Fields are
 * escaped (\t, \n, \\...): a name cannot add a row or a column.  A
 * document not validated (teikit render) has "-" for its counts. */
static void
S_row(FILE *f, const struct build *b, const struct job *j, const char *base,
    const char *number, const char *title, int xml)
{
	size_t	 v;

	guard_escape(f, base);
	putc('\t', f);
	guard_escape(f, number);
	putc('\t', f);
	guard_escape(f, title);
	putc('\t', f);
	if (b->schema == NULL && j->errors == 0)
		fputs("-\t-\t", f);
	else
		fprintf(f, "%d\t%d\t", j->errors, j->warnings);
	fputs(xml ? "xml" : "", f);
	for (v = 0; v < b->nviews && !j->failed; v++)
		fprintf(f, ",%s", S_ext(b->views[v]));
	fputc('\n', f);
}

/* A line per document: per input, or per document of a split volume. */
static int
S_write_tsv(const struct build *b)
{
	char	 path[PATH_MAX], tmp[PATH_MAX + 64];
	size_t	 i, k;
	FILE	*f;

	snprintf(path, sizeof(path), "%s/index.tsv", b->outdir);
	if ((f = S_open_atomic(path, 0, tmp, sizeof(tmp))) == NULL)
		return -1;
	for (i = 0; i < b->njobs; i++) {
		const struct job *j = &b->jobs[i];

		for (k = 0; k < j->nparts; k++)
			S_row(f, b, j, j->parts[k].base, j->parts[k].number,
			    j->parts[k].title, 0);
		if (j->nparts == 0)
			S_row(f, b, j, j->base, j->number, j->title,
			    j->plaintext && !j->failed);
	}
	return S_close_atomic(f, tmp, path);
}

/*
 * An index page `file` from the index.tsv files of `dirs`: a table of
 * every document with its number, title, status and links to its
 * views.  Links lead into each directory as named, except `self`, the
 * directory the page itself is in.
 */
static int
S_write_index(const char *file, int named, const char *self, char *dirs[],
    int ndirs)
{
	char	 path[PATH_MAX], *line = NULL, *fields[6], *p;
	char	 rel[PATH_MAX], tmp[PATH_MAX + 64];
	size_t	 ndocs = 0, nerr = 0, cap = 0;
	FILE	*f, *in;
	int	 d, k;

	for (d = 0; d < ndirs; d++) {
		snprintf(path, sizeof(path), "%s/index.tsv", dirs[d]);
		(void)guard_input(path);
	}
	if ((f = S_open_atomic(file, named, tmp, sizeof(tmp))) == NULL)
		return -1;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset="
	    "\"utf-8\">\n<title>Edition index</title>\n<style>\nbody { font:"
	    " 1rem/1.5 Georgia, serif; margin: 2rem auto; max-width: 60rem; "
	    "padding: 0 1rem; }\ntable { border-collapse: collapse; width: "
	    "100%; }\ntd, th { border-bottom: 1px solid #ddd; padding: .3rem "
	    ".5rem; text-align: left; vertical-align: top; }\n.error { color:"
	    " #a00; } .warning { color: #a60; } .valid { color: #070; }\n"
	    ".unchecked { color: #666; }\n"
	    "</style>\n</head>\n<body>\n<main>\n<h1>Edition index</h1>\n"
	    "<table>\n<thead><tr><th>No.</th><th>Title</th><th>Status</th>"
	    "<th>Views</th></tr></thead>\n<tbody>\n", f);
	for (d = 0; d < ndirs; d++) {
		snprintf(path, sizeof(path), "%s/index.tsv", dirs[d]);
		if ((in = fopen(path, "r")) == NULL) {
			say(path, TK_S_READ, "cannot read: %s", strerror(errno));
			continue;
		}
		/* Links from outdir to the shard's directory. */
		if (self != NULL && strcmp(dirs[d], self) == 0)
			rel[0] = '\0';
		else
			snprintf(rel, sizeof(rel), "%s/", dirs[d]);
		while (getline(&line, &cap, in) > 0) {
			line[strcspn(line, "\n")] = '\0';
			for (k = 0, p = line; k < 6; k++) {
				fields[k] = p;
				p += strcspn(p, "\t");
				if (*p != '\0')
					*p++ = '\0';
				guard_unescape(fields[k]);
			}
			ndocs++;
			nerr += atoi(fields[3]) > 0;
			fputs("<tr><td>", f);
			S_html(f, fields[1]);
			fputs("</td><td>", f);
			S_html(f, fields[2][0] ? fields[2] : fields[0]);
			fprintf(f, "</td><td class=\"%s\">%s</td><td>",
			    atoi(fields[3]) ? "error" : atoi(fields[4]) ?
			    "warning" : fields[3][0] == '-' ? "unchecked" :
			    "valid", atoi(fields[3]) ? "errors" :
			    atoi(fields[4]) ? "warnings" : fields[3][0] == '-' ?
			    "not validated" : "valid");
			for (p = fields[5]; *p != '\0';) {
				size_t n = strcspn(p, ",");

				char c = p[n];

				p[n] = '\0';
				if (n > 0) {
					fputs("<a href=\"", f);
					S_href(f, rel);
					S_href(f, fields[0]);
					fputc('.', f);
					S_href(f, p);
					fputs("\">", f);
					S_html(f, p);
					fputs("</a> ", f);
				}
				p[n] = c;
				p += n + (c == ',');
			}
			fputs("</td></tr>\n", f);
		}
		fclose(in);
	}
	free(line);
	fprintf(f, "</tbody>\n</table>\n<p>%zu documents, %zu with errors."
	    "</p>\n</main>\n</body>\n</html>\n", ndocs, nerr);
	return S_close_atomic(f, tmp, file);
}

/* ---- the commands ---- */

static int
S_view_list(struct build *b, char *list)
{
	char	*tok, *save;

	for (tok = strtok_r(list, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (view_sheet(tok) == NULL || b->nviews == MAX_VIEWS)
			return -1;
		b->views[b->nviews++] = tok;
	}
	return 0;
}

static int
S_mkdir(const char *dir)
{
	if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
		say(dir, TK_S_WRITE, "cannot make the directory: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Documents (counting those of split volumes) and those of them in
 * files with errors and with warnings only. */
static void
S_tally(const struct build *b, size_t *ndocs, size_t *nerr, size_t *nwarn)
{
	size_t	 i, n;

	*ndocs = *nerr = *nwarn = 0;
	for (i = 0; i < b->njobs; i++) {
		n = b->jobs[i].nparts ? b->jobs[i].nparts : 1;
		*ndocs += n;
		if (b->jobs[i].errors > 0)
			*nerr += n;
		else if (b->jobs[i].warnings > 0)
			*nwarn += n;
	}
}

static void
S_build_free(struct build *b)
{
	size_t	 i;

	for (i = 0; i < b->njobs; i++)
		S_free_job(&b->jobs[i]);
	free(b->jobs);
	b->jobs = NULL;
	b->njobs = 0;
	S_names_free(&b->taken);
	S_names_free(&b->dirs);
}
int
cmd_build(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ "views", required_argument, NULL, OPT_VIEWS },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "split", no_argument, NULL, OPT_SPLIT },
		COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct build	 b;
	char		 path[PATH_MAX], views[] = "html,text";
	char		*viewlist = views;
	const char	*rng;
	long		 jobs = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned	 shard_k = 1, shard_n = 1;
	int		 c, quiet = 0, rc = EXIT_SYSTEM;
	size_t		 i, kept, ndocs, nerr, nwarn;

	memset(&b, 0, sizeof(b));
	b.outdir = "edition";
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:j:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return command_help("build");
		case OPT_FORMAT:
			if (report_format(optarg) == -1)
				return EXIT_USAGE;
			break;
		case 'j':
			if (jobs_option(optarg, &jobs) == -1)
				return EXIT_USAGE;
			break;
		case 'o':
			b.outdir = optarg;
			break;
		case OPT_VIEWS:
			viewlist = optarg;
			break;
		case OPT_QUIET:
			quiet = 1;
			break;
		case OPT_SPLIT:
			b.split = 1;
			break;
		case OPT_SHARD:
			if (sscanf(optarg, "%u/%u", &shard_k, &shard_n) != 2 ||
			    shard_k < 1 || shard_k > shard_n)
				return usage(TK_U_ARGUMENT, "--shard wants K/N "
				    "with 1 <= K <= N, not \"%s\"", optarg);
			break;
		default:
			return bad_option(c, argv);
		}
	}
	if (jobs < 1)
		jobs = 1;
	if (optind == argc)
		return usage(TK_U_OPTION, "build needs at least one file or "
		    "directory");
	if (S_view_list(&b, viewlist) == -1)
		return usage(TK_U_ARGUMENT, "--views wants a list of html, "
		    "text, latex, pdf, not \"%s\"", viewlist);
	pthread_mutex_init(&b.names_lock, NULL);
	b.taken.fold = 1;
	guard_load(b.outdir);
	if (S_collect(argv + optind, argc - optind, b.outdir, &b.jobs,
	    &b.njobs) == -1 || S_name_jobs(&b) == -1) {
		say(NULL, TK_S_NOMEM, "out of memory");
		goto out;
	}
	/* --shard K/N: every N-th input, from the K-th, of the sorted list
	 * (named from all of them, so every shard names alike). */
	for (i = kept = 0; i < b.njobs; i++) {
		if (i % shard_n == shard_k - 1)
			b.jobs[kept++] = b.jobs[i];
		else
			S_free_job(&b.jobs[i]);
	}
	b.njobs = kept;
	/* Nothing is written unless everything may be. */
	if ((c = S_check_outputs(&b, 1)) != 0) {
		if (c > 0)
			say(b.outdir, TK_U_SAME_FILE, "nothing was written: "
			    "%d output%s would replace a file teikit must not "
			    "touch", c, c == 1 ? "" : "s");
		rc = c > 0 ? EXIT_USAGE : EXIT_SYSTEM;
		goto out;
	}
	if (S_mkdir(b.outdir) == -1 || guard_begin(b.outdir) == -1)
		goto out;
	(void)teikit_file_sweep(b.outdir);
	/* Compiled once, shared read-only by the workers. */
	if ((rng = data_file(NULL, DEFAULT_SCHEMA, path, sizeof(path))) == NULL ||
	    (b.schema = teikit_schema_new(rng, S_schema_diag, NULL)) == NULL ||
	    (b.assoc = assoc_new(NULL, 0, TEIKIT_ENGINE_TEIKIT,
	    S_schema_diag)) == NULL)
		goto out;
	for (i = 0; i < b.nviews; i++) {
		char	 sp[PATH_MAX];
		const char *sheet = data_file(NULL, view_sheet(b.views[i]), sp,
		    sizeof(sp));

		if (sheet == NULL || (b.sheets[i] = teikit_view_new(sheet,
		    print_diag, NULL)) == NULL)
			goto out;
	}
	b.progress = !quiet && isatty(2);
	if (S_run(&b, jobs) == -1)
		goto out;
	snprintf(path, sizeof(path), "%s/index.html", b.outdir);
	if (S_write_tsv(&b) == 0)
		(void)S_write_index(path, 0, b.outdir,
		    (char *[]){ (char *)b.outdir }, 1);
	S_tally(&b, &ndocs, &nerr, &nwarn);
	if (!quiet)
		fprintf(stderr, "teikit build: %zu documents, %zu with errors, "
		    "%zu with warnings, %.2f s; %s/index.html\n", ndocs,
		    nerr, nwarn, S_elapsed(&b), b.outdir);
	rc = teikit_level_exit(worst_level());
out:
	guard_end();
	for (i = 0; i < b.nviews; i++)
		teikit_view_free(b.sheets[i]);
	teikit_schema_free(b.schema);
	assoc_free(b.assoc);
	S_build_free(&b);
	return rc;
}

/*
 * teikit render of files through a compiled `view` (`to` names it, or
 * NULL for a --stylesheet): to stdout in the files' order, or into
 * `outdir` as BASE.EXT, or with `split` as BASE/NAME.EXT per document
 * with index.html and index.tsv.  Returns the exit status.
 */
int
render_files(teikit_view *view, const char *to, char *files[], size_t n,
    const char *outdir, int split, long jobs)
{
	struct build	 b;
	char		 path[PATH_MAX];
	size_t		 i, cap = 0;
	int		 bad, rc = EXIT_SYSTEM;

	memset(&b, 0, sizeof(b));
	b.outdir = outdir;
	b.views[0] = to;
	b.sheets[0] = view;
	b.nviews = 1;
	b.split = split;
	b.taken.fold = 1;
	pthread_mutex_init(&b.names_lock, NULL);
	for (i = 0; i < n; i++)
		if (guard_input(files[i]) == -1 ||
		    S_add(&b.jobs, &b.njobs, &cap, files[i], NULL) == -1)
			goto nomem;
	if (outdir != NULL) {
		guard_load(outdir);
		if (S_name_jobs(&b) == -1)
			goto nomem;
		if ((bad = S_check_outputs(&b, split)) != 0) {
			if (bad > 0)
				say(outdir, TK_U_SAME_FILE, "nothing was "
				    "written: %d output%s would replace a file "
				    "teikit must not touch", bad, bad == 1 ?
				    "" : "s");
			rc = bad > 0 ? EXIT_USAGE : EXIT_SYSTEM;
			goto out;
		}
		if (S_mkdir(outdir) == -1 || guard_begin(outdir) == -1)
			goto out;
		(void)teikit_file_sweep(outdir);
	}
	if (S_run(&b, jobs) == 0 && split) {
		snprintf(path, sizeof(path), "%s/index.html", outdir);
		if (S_write_tsv(&b) == 0)
			(void)S_write_index(path, 0, outdir,
			    (char *[]){ (char *)outdir }, 1);
	}
	rc = teikit_level_exit(worst_level());
	goto out;
nomem:
	say(NULL, TK_S_NOMEM, "out of memory");
out:
	guard_end();
	S_build_free(&b);
	pthread_mutex_destroy(&b.names_lock);
	return rc;
}

/* teikit index [-o FILE] DIR...: one index page over shards' outputs,
 * index.html in the current directory by default. */
int
cmd_index(int argc, char *argv[])
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char	*out = NULL;
	int		 c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return command_help("index");
		case OPT_FORMAT:
			if (report_format(optarg) == -1)
				return EXIT_USAGE;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return bad_option(c, argv);
		}
	}
	if (optind == argc)
		return usage(TK_U_OPTION, "index needs the output directories "
		    "of one or more builds");
	/* -o FILE is the user's to name; the default ./index.html may
	 * replace only an index teikit wrote there (.teikit-outputs). */
	if (out == NULL) {
		guard_load(".");
		if (guard_begin(".") == -1)
			return EXIT_SYSTEM;
	}
	c = S_write_index(out ? out : "./index.html", out != NULL, NULL,
	    argv + optind, argc - optind);
	guard_end();
	/* a refusal or a failed write has been said: exit 3 or 4 */
	return c == -1 && worst_level() < TEIKIT_LEVEL_ERROR ? EXIT_SYSTEM :
	    teikit_level_exit(worst_level());
}
