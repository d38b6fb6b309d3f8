/*
 * guard.c -- the one rule about the user's files: teikit never writes
 * over a file it read or found as input, nor over a file it did not
 * write itself.  Every output of encode, render and build passes
 * guard_output() before it is written.
 *
 * Files are known by identity (device and inode), so no spelling of a
 * path (links, "./", case on a case-insensitive file system) gets
 * round the rule.  What teikit wrote into an output directory is kept
 * in DIR/.teikit-outputs, a line per file: its identity, size and
 * modification time, and its path in DIR.  A later run may replace
 * such a file while it is unchanged; once someone edits it, it is
 * theirs, and it becomes an input like any other.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

#define MANIFEST ".teikit-outputs"

/* A file's identity; with the size and time of what teikit wrote. */
struct ident {
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	long long	 sec;
	long		 nsec;
	char		*path;	/* inputs: as named; outputs: in the dir */
};

/* Identities, hashed on device and inode. */
struct idset {
	struct ident	*v;
	size_t		 n, cap;	/* cap: a power of two, or 0 */
};

static struct idset inputs;	/* read or found as input */
static struct idset own;	/* written by teikit, from manifests */
static struct idset written;	/* written by this run */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static const char *outdir;	/* the manifest's directory, or NULL */
static FILE	*manifest;	/* appended to as files are written */

static size_t
S_hash(dev_t dev, ino_t ino)
{
	uint64_t	 h = (uint64_t)ino * 0x9e3779b97f4a7c15ULL ^
	    (uint64_t)dev * 0xff51afd7ed558ccdULL;

	return (size_t)(h ^ (h >> 29));
}

static struct ident *
S_find(const struct idset *s, dev_t dev, ino_t ino)
{
	size_t	 i;

	if (s->cap == 0)
		return NULL;
	for (i = S_hash(dev, ino) & (s->cap - 1); s->v[i].path != NULL;
	    i = (i + 1) & (s->cap - 1))
		if (s->v[i].dev == dev && s->v[i].ino == ino)
			return &s->v[i];
	return NULL;
}

/* Add (or replace) `id`, taking its path; -1 out of memory. */
static int
S_put(struct idset *s, struct ident *id)
{
	struct ident	*old, *v;
	size_t		 i, cap;

	if ((old = S_find(s, id->dev, id->ino)) != NULL) {
		free(old->path);
		*old = *id;
		return 0;
	}
	if (2 * (s->n + 1) > s->cap) {
		cap = s->cap ? 2 * s->cap : 64;
		if ((v = calloc(cap, sizeof(*v))) == NULL)
			return -1;
		for (i = 0; i < s->cap; i++) {
			size_t	 k;

			if (s->v[i].path == NULL)
				continue;
			for (k = S_hash(s->v[i].dev, s->v[i].ino) & (cap - 1);
			    v[k].path != NULL; k = (k + 1) & (cap - 1))
				continue;
			v[k] = s->v[i];
		}
		free(s->v);
		s->v = v;
		s->cap = cap;
	}
	for (i = S_hash(id->dev, id->ino) & (s->cap - 1); s->v[i].path != NULL;
	    i = (i + 1) & (s->cap - 1))
		continue;
	s->v[i] = *id;
	s->n++;
	return 0;
}

static void
S_clear(struct idset *s)
{
	size_t	 i;

	for (i = 0; i < s->cap; i++)
		free(s->v[i].path);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static void
S_ident(struct ident *id, const struct stat *st, char *path)
{
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	id->size = st->st_size;
	id->sec = (long long)st->st_mtim.tv_sec;
	id->nsec = st->st_mtim.tv_nsec;
	id->path = path;
}

/* Does the file `st` still hold what teikit wrote as `id` (its size
 * and modification time; the caller has matched the identity)? */
static int
S_same(const struct ident *id, const struct stat *st)
{
	return id->size == st->st_size &&
	    id->sec == (long long)st->st_mtim.tv_sec &&
	    id->nsec == st->st_mtim.tv_nsec;
}

/* ---- names in files: \\, \t, \n, \r and \xNN for other controls ---- */

void
guard_escape(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\')
			fputs("\\\\", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			putc(c, f);
	}
}

/* Undo guard_escape() in place. */
void
guard_unescape(char *s)
{
	char	*o = s;
	unsigned x;

	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*o++ = *s;
			continue;
		}
		switch (*++s) {
		case 't': *o++ = '\t'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 'x':
			if (sscanf(s + 1, "%2x", &x) == 1 && x > 0 &&
			    s[1] != '\0' && s[2] != '\0') {
				*o++ = (char)x;
				s += 2;
				break;
			}
			/* FALLTHROUGH */
		default: *o++ = *s; break;
		}
	}
	*o = '\0';
}

/* ---- inputs ---- */

int
guard_input(const char *path)
{
	struct stat	 st;
	struct ident	 id;
	char		*copy;
	int		 rc;

	/* stdin redirected from a file is that file */
	if (strcmp(path, "-") == 0 ? fstat(0, &st) == -1 ||
	    !S_ISREG(st.st_mode) : stat(path, &st) == -1)
		return 0;
	if ((copy = strdup(path)) == NULL)
		return -1;
	S_ident(&id, &st, copy);
	pthread_mutex_lock(&lock);
	rc = S_find(&inputs, id.dev, id.ino) ? (free(copy), 1) :
	    S_put(&inputs, &id);
	pthread_mutex_unlock(&lock);
	return rc == -1 ? -1 : rc;
}

const char *
guard_input_of(const struct stat *st)
{
	const struct ident *id;

	pthread_mutex_lock(&lock);
	id = S_find(&inputs, st->st_dev, st->st_ino);
	pthread_mutex_unlock(&lock);
	return id ? id->path : NULL;
}

/* Did teikit write this file, and has no one changed it since? */
int
guard_is_own(const struct stat *st)
{
	const struct ident *id;
	int		 yes;

	pthread_mutex_lock(&lock);
	id = S_find(&own, st->st_dev, st->st_ino);
	yes = id != NULL && S_same(id, st);
	pthread_mutex_unlock(&lock);
	return yes;
}

/* ---- the manifest ---- */

/* Is DIR/REL the file `id` names, unchanged?  REL is a path inside
 * DIR: no "..", not absolute. */
static int
S_here(const char *dir, const char *rel, const struct ident *id)
{
	char		 path[PATH_MAX];
	const char	*p;
	struct stat	 st;

	if (rel[0] == '/' || rel[0] == '\0')
		return 0;
	for (p = rel; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == rel || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return 0;
	return snprintf(path, sizeof(path), "%s/%s", dir, rel) <
	    (int)sizeof(path) && lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_dev == id->dev && st.st_ino == id->ino && S_same(id, &st);
}

/* The manifest of `dir`, if any, into `own`. */
void
guard_load(const char *dir)
{
	char		 path[PATH_MAX], *line = NULL, *p, *end;
	size_t		 cap = 0;
	struct ident	 id;
	struct stat	 st;
	FILE		*f;
	int		 fd;

	if (snprintf(path, sizeof(path), "%s/" MANIFEST, dir) >=
	    (int)sizeof(path) || (fd = open(path, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC)) == -1)
		return;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return;
	}
	while (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		memset(&id, 0, sizeof(id));
		p = line;
		id.dev = (dev_t)strtoull(p, &end, 10);
		if (*end != ' ')
			continue;
		id.ino = (ino_t)strtoull(end + 1, &end, 10);
		if (*end != ' ')
			continue;
		id.size = (off_t)strtoll(end + 1, &end, 10);
		if (*end != ' ')
			continue;
		id.sec = strtoll(end + 1, &end, 10);
		if (*end != '.')
			continue;
		id.nsec = strtol(end + 1, &end, 10);
		if (*end != '\t')
			continue;
		guard_unescape(end + 1);
		/* Only a file still where it was written, as it was written:
		 * one moved away (into a corpus, say) is the user's now. */
		if (!S_here(dir, end + 1, &id))
			continue;
		if ((id.path = strdup(end + 1)) == NULL)
			break;
		pthread_mutex_lock(&lock);
		if (S_put(&own, &id) == -1)
			free(id.path);
		pthread_mutex_unlock(&lock);
	}
	free(line);
	fclose(f);
}

static void
S_line(FILE *f, const struct ident *id)
{
	fprintf(f, "%llu %llu %lld %lld.%09ld\t", (unsigned long long)id->dev,
	    (unsigned long long)id->ino, (long long)id->size, id->sec,
	    id->nsec);
	guard_escape(f, id->path);
	putc('\n', f);
}

/* Outputs go into `dir` from now on: its manifest is read, and each
 * file written is added to it at once, so that a run killed half way
 * leaves its outputs known as its own. */
int
guard_begin(const char *dir)
{
	char		 path[PATH_MAX];
	struct stat	 st;
	int		 fd;

	outdir = dir;
	if (snprintf(path, sizeof(path), "%s/" MANIFEST, dir) >=
	    (int)sizeof(path)) {
		say(path, TK_S_WRITE, "cannot write: the name is too long");
		return -1;
	}
	/* Never through a link, never a FIFO, never an input (a hard
	 * link of one): it is appended to. */
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC, 0644)) == -1) {
		say(path, TK_S_WRITE, "cannot write: %s%s", strerror(errno),
		    errno == ELOOP ? " (it is a symbolic link)" : "");
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_nlink > 1 || guard_input_of(&st) != NULL) {
		say(path, TK_U_SAME_FILE, "refusing to write teikit's list of "
		    "its outputs: this is not a regular file of its own (a "
		    "link, an input or something else); move it away");
		close(fd);
		return -1;
	}
	/* One run at a time writes into a directory. */
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		say(dir, TK_S_WRITE, "another teikit is writing into this "
		    "directory; try again when it has finished");
		close(fd);
		return -1;
	}
	if ((manifest = fdopen(fd, "a")) == NULL) {
		say(path, TK_S_WRITE, "cannot write: %s", strerror(errno));
		close(fd);
		return -1;
	}
	guard_load(dir);	/* what the last run left, under the lock */
	return 0;
}

/* The path of `out` in the output directory, or NULL. */
static const char *
S_in_outdir(const char *out)
{
	size_t	 n;

	if (outdir == NULL)
		return NULL;
	n = strlen(outdir);
	while (n > 1 && outdir[n - 1] == '/')
		n--;
	if (strncmp(out, outdir, n) != 0 || out[n] != '/')
		return NULL;
	return out + n + 1;
}

/* teikit_file_write()'s hook: the finished temporary file of `path`
 * is recorded before it is renamed into place. */
static int
S_record(const char *path, int fd, void *arg)
{
	struct stat	 st;
	struct ident	 id;
	const char	*rel = S_in_outdir(path);
	char		*copy;

	(void)arg;
	if (fstat(fd, &st) == -1 || (copy = strdup(rel ? rel : path)) ==
	    NULL)
		return -1;
	S_ident(&id, &st, copy);
	pthread_mutex_lock(&lock);
	if (manifest != NULL && rel != NULL) {
		S_line(manifest, &id);
		(void)fflush(manifest);
	}
	if (S_put(&written, &id) == -1) {
		free(copy);
		pthread_mutex_unlock(&lock);
		return -1;
	}
	pthread_mutex_unlock(&lock);
	return 0;
}

/* The manifest rewritten: every file it names that is still as teikit
 * wrote it, once. */
void
guard_end(void)
{
	char		 path[PATH_MAX], tmp[PATH_MAX + 64];
	struct idset	*sets[2] = { &own, &written };
	struct ident	*id;
	size_t		 i, k;
	FILE		*f;
	int		 fd, slot;

	if (outdir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/" MANIFEST, outdir);
	if ((fd = teikit_file_temp(path, tmp, sizeof(tmp), &slot)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		if (fd != -1) {
			close(fd);
			unlink(tmp);
			teikit_file_untrack(slot);
		}
		if (manifest != NULL)
			fclose(manifest);
		manifest = NULL;
		outdir = NULL;
		return;
	}
	for (k = 0; k < 2; k++)
		for (i = 0; i < sets[k]->cap; i++) {
			id = &sets[k]->v[i];
			if (id->path == NULL || (k == 0 &&
			    S_find(&written, id->dev, id->ino)))
				continue;
			if (S_here(outdir, id->path, id))
				S_line(f, id);
		}
	if (fclose(f) != 0 || rename(tmp, path) == -1)
		unlink(tmp);
	teikit_file_untrack(slot);
	if (manifest != NULL)	/* the lock goes with it */
		fclose(manifest);
	manifest = NULL;
	outdir = NULL;
}

/* ---- outputs ---- */

/*
 * May `out` be written (`what` is written, as "the html view of x.xml",
 * or NULL)?  Not over an input, nor over a file written earlier in this
 * run (two names for one file), nor, unless `named` (the user named it
 * with -o), over anything but a regular file teikit wrote and no one
 * changed since: not a link, not a file of the user's.  Says why not
 * and returns -1; else 1 when `out` does not exist, 0 when it does.
 */
static int
S_check(const char *out, int named, const char *what)
{
	struct stat	 st;
	const char	*in;
	const struct ident *w;
	char		 was[PATH_MAX + 8];

	if (what == NULL)
		what = "the output";
	if (out == NULL || strcmp(out, "-") == 0)
		return 0;
	if (named ? stat(out, &st) == -1 : lstat(out, &st) == -1)
		return 1;
	if (S_ISLNK(st.st_mode)) {	/* not named: not followed */
		say(out, TK_U_SAME_FILE, "refusing to write %s: this is a "
		    "symbolic link teikit did not make", what);
		return -1;
	}
	if ((in = guard_input_of(&st)) != NULL) {
		if (strcmp(in, out) == 0)
			say(out, TK_U_SAME_FILE, "refusing to write %s over "
			    "this file, an input; choose another output", what);
		else
			say(out, TK_U_SAME_FILE, "refusing to write %s over "
			    "%s, an input (the same file); choose another "
			    "output", what, in);
		return -1;
	}
	pthread_mutex_lock(&lock);
	if ((w = S_find(&written, st.st_dev, st.st_ino)) != NULL)
		snprintf(was, sizeof(was), "%s%s%s", outdir &&
		    w->path[0] != '/' ? outdir : "", outdir &&
		    w->path[0] != '/' ? "/" : "", w->path);
	pthread_mutex_unlock(&lock);
	if (w != NULL) {
		say(out, TK_U_SAME_FILE, "refusing to write %s over %s, "
		    "written by this run (the same file)", what, was);
		return -1;
	}
	if (named)
		return 0;
	if (!S_ISREG(st.st_mode)) {
		say(out, TK_U_SAME_FILE, "refusing to write %s: this file "
		    "exists and is not a regular file", what);
		return -1;
	}
	if (!guard_is_own(&st)) {
		say(out, TK_U_SAME_FILE, "refusing to write %s over a file "
		    "teikit did not write (or that was changed since); move "
		    "it away or choose another output directory", what);
		return -1;
	}
	return 0;
}

int
guard_output(const char *out, int named, const char *what)
{
	return S_check(out, named, what) == -1 ? -1 : 0;
}

/* Write `out` as emit() does, once guard_output() allows it, and
 * remember what was written.  A file that was not there must still not
 * be there when it is renamed into place. */
int
guard_write(const char *out, const char *buf, size_t len, int named,
    const char *what)
{
	int	 isnew;

	if ((isnew = S_check(out, named, what)) == -1)
		return -1;
	if (teikit_file_write_hook(out, buf, len, isnew ? TEIKIT_FILE_NEW : 0,
	    S_record, NULL) == -1) {
		if (errno == EEXIST)
			say(out, TK_U_SAME_FILE, "refusing to write %s: this "
			    "file was made by another writer meanwhile", what ?
			    what : "the output");
		else
			say(out, TK_S_WRITE, "cannot write: %s",
			    strerror(errno));
		return -1;
	}
	return 0;
}

/* Record a file written as a stream (its descriptor, before it is
 * renamed to `out`). */
int
guard_wrote(const char *out, int fd)
{
	return S_record(out, fd, NULL);
}

void
guard_reset(void)
{
	if (manifest != NULL)
		fclose(manifest);
	manifest = NULL;
	outdir = NULL;
	S_clear(&inputs);
	S_clear(&own);
	S_clear(&written);
}
