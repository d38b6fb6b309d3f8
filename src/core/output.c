/*
 * output.c -- write a file atomically: a temporary file beside it,
 * written in full and flushed to disk, then renamed over the target,
 * so a failed or interrupted write never leaves a partial file.
 *
 * The temporary file is DIR/.teikit-PID-XXXXXX.tmp whatever the
 * target's name, so a name up to the file system's limit can be
 * written.  The process that writes it holds a lock on it (flock),
 * which the kernel drops when the process ends however it ends: a
 * later run removes the leftovers it can lock, those of killed
 * processes, and never a running one's, whatever its PID namespace.
 */
#include "config.h"

#define _GNU_SOURCE		/* renameat2 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <dirent.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* The temporary files of the writes in progress, for
 * teikit_file_cleanup() from a signal handler: fixed slots (no malloc,
 * no locks), each free (0), being filled (1) or naming a file (2). */
#define TMP_SLOTS 320		/* -j 256, and the command's own */

static struct {
	atomic_int	 state;
	char		 path[PATH_MAX];
} tmp_slots[TMP_SLOTS];
static atomic_int closing;	/* cleanup began: create no more */
static atomic_int creating;	/* threads between mkstemp and tracking */

static int
S_track(const char *tmp)
{
	int	 i, free_;

	for (i = 0; i < TMP_SLOTS; i++) {
		free_ = 0;
		if (atomic_compare_exchange_strong(&tmp_slots[i].state, &free_,
		    1)) {
			snprintf(tmp_slots[i].path, PATH_MAX, "%s", tmp);
			atomic_store(&tmp_slots[i].state, 2);
			return i;
		}
	}
	return -1;	/* not tracked: a signal may leave it behind */
}

static void
S_untrack(int slot)
{
	if (slot >= 0)
		atomic_store(&tmp_slots[slot].state, 0);
}

void
teikit_file_cleanup(void)
{
	struct timespec	 ts = { 0, 1000 * 1000 };
	int		 i, waited;

	atomic_store(&closing, 1);
	/* Let the files being created be tracked (a second at most). */
	for (waited = 0; atomic_load(&creating) > 0 && waited < 1000;
	    waited++)
		(void)nanosleep(&ts, NULL);
	for (i = 0; i < TMP_SLOTS; i++)
		if (atomic_load(&tmp_slots[i].state) == 2)
			(void)unlink(tmp_slots[i].path);
}

/* mkstemp() and tracking as one step for teikit_file_cleanup(), with
 * the signals blocked in this thread so that its handler cannot wait
 * on the thread it interrupted. */
static int
S_create(char *tmp, int *slot)
{
	sigset_t	 all, old;
	int		 fd = -1;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	atomic_fetch_add(&creating, 1);
	if (atomic_load(&closing))
		errno = EINTR;
	else if ((fd = mkstemps(tmp, 4)) != -1) {
		*slot = S_track(tmp);
		(void)flock(fd, LOCK_EX | LOCK_NB);
	}
	atomic_fetch_sub(&creating, 1);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return fd;
}

#define TMP_PREFIX ".teikit-"

/* DIR/.teikit-PID-XXXXXX.tmp for `path`, in tmp (of size sz); -1 when it
 * does not fit. */
static int
S_tmp_name(const char *path, char *tmp, size_t sz)
{
	const char	*slash = strrchr(path, '/');
	int		 dlen = slash ? (int)(slash - path) + 1 : 0;
	int		 n;

	n = snprintf(tmp, sz, "%.*s" TMP_PREFIX "%ld-XXXXXX.tmp", dlen, path,
	    (long)getpid());
	if (n < 0 || (size_t)n >= sz) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* The mode of a new file: 0666 less the umask, read once without
 * changing it (umask(2) is the process's: setting it, even back, races
 * every other thread's creat and mkdir). */
static mode_t file_mode = 0644;
static pthread_once_t mode_once = PTHREAD_ONCE_INIT;

static void
S_mode_init(void)
{
	FILE		*f = fopen("/proc/self/status", "r");
	char		 line[128];
	unsigned	 mask;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "Umask: %o", &mask) == 1) {
			file_mode = 0666 & ~(mode_t)mask;
			break;
		}
	if (f != NULL)
		fclose(f);
}

int
teikit_file_temp(const char *path, char *tmp, size_t sz, int *slot)
{
	int	 fd;

	*slot = -1;
	if (S_tmp_name(path, tmp, sz) == -1)
		return -1;
	(void)pthread_once(&mode_once, S_mode_init);
	if ((fd = S_create(tmp, slot)) != -1)
		(void)fchmod(fd, file_mode);
	return fd;
}

/* Is `name` one of our temporary files (.teikit-PID-XXXXXX.tmp)? */
static int
S_ours(const char *name)
{
	const char	*p;
	size_t		 n;

	if (strncmp(name, TMP_PREFIX, strlen(TMP_PREFIX)) != 0)
		return 0;
	p = name + strlen(TMP_PREFIX);
	if ((n = strspn(p, "0123456789")) == 0 || p[n] != '-')
		return 0;
	p += n + 1;
	return strlen(p) == 10 && strcmp(p + 6, ".tmp") == 0;
}

int
teikit_file_sweep(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		 path[PATH_MAX];
	int		 n = 0, fd;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (!S_ours(de->d_name))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path))
			continue;
		/* A regular file of ours that no process holds locked: its
		 * writer is gone.  (Unlinked while locked, so no new writer
		 * can be given the name in between: mkstemps makes it anew.) */
		if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC)) == -1)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_uid == geteuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0 && unlink(path) == 0)
			n++;
		close(fd);
	}
	closedir(d);
	return n;
}

int
teikit_file_track(const char *tmp)
{
	return S_track(tmp);
}

void
teikit_file_untrack(int slot)
{
	S_untrack(slot);
}

static int
S_write_all(int fd, const char *buf, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, buf, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* rename(2); for a file that did not exist, one that fails (EEXIST)
 * if it has come into being since: two writers of one new file (two
 * names of it, on a file system that folds case) cannot both win. */
static int
S_rename(const char *tmp, const char *path, int isnew)
{
#ifdef RENAME_NOREPLACE
	if (isnew) {
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path,
		    RENAME_NOREPLACE) == 0)
			return 0;
		if (errno != EINVAL && errno != ENOSYS)
			return -1;	/* EEXIST among them */
	}
#else
	(void)isnew;
#endif
	return rename(tmp, path);
}

int
teikit_file_write(const char *path, const char *buf, size_t len)
{
	return teikit_file_write_hook(path, buf, len, 0, NULL, NULL);
}

int
teikit_file_write_hook(const char *path, const char *buf, size_t len,
    int flags, int (*hook)(const char *, int, void *), void *arg)
{
	char		*tmp;
	size_t		 tlen = strlen(path) + 64;
	int		 fd, saved, slot, isnew;
	struct stat	 st;

	/* A device or pipe (/dev/stdout, /dev/full) cannot be replaced:
	 * write to it directly. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((fd = open(path, O_WRONLY | O_TRUNC)) == -1)
			return -1;
		if (S_write_all(fd, buf, len) == -1) {
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		return close(fd);
	}
	if ((tmp = malloc(tlen)) == NULL)
		return -1;
	if ((fd = teikit_file_temp(path, tmp, tlen, &slot)) == -1) {
		saved = errno;
		free(tmp);
		errno = saved;
		return -1;
	}
	/* Keep the mode of a file we replace (else the umask's 0666, set
	 * by teikit_file_temp); a new one must stay new until renamed. */
	if ((isnew = lstat(path, &st) == -1) == 0)
		(void)fchmod(fd, st.st_mode & 07777);
	if (flags & TEIKIT_FILE_NEW)
		isnew = 1;
	if (S_write_all(fd, buf, len) == -1 || fsync(fd) == -1 ||
	    (hook != NULL && hook(path, fd, arg) == -1)) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) == -1) {
		saved = errno;
		goto fail;
	}
	if (S_rename(tmp, path, isnew) == -1) {
		saved = errno;
		goto fail;
	}
	S_untrack(slot);
	free(tmp);
	return 0;
fail:
	unlink(tmp);
	S_untrack(slot);
	free(tmp);
	errno = saved;
	return -1;
}
