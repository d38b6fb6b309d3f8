/*
 * output.c -- write a file atomically: a temporary file beside it,
 * written in full and flushed to disk, then renamed over the target,
 * so a failed or interrupted write never leaves a partial file.
 *
 * The temporary file is DIR/.teikit-PID-XXXXXX whatever the target's
 * name, so a name up to the file system's limit can be written, and a
 * later run can tell the leftovers of a killed process (its PID no
 * longer runs) from a running one's, and remove them.
 */
#include "config.h"

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
	else if ((fd = mkstemp(tmp)) != -1)
		*slot = S_track(tmp);
	atomic_fetch_sub(&creating, 1);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return fd;
}

#define TMP_PREFIX ".teikit-"

/* DIR/.teikit-PID-XXXXXX for `path`, in tmp (of size sz); -1 when it
 * does not fit. */
static int
S_tmp_name(const char *path, char *tmp, size_t sz)
{
	const char	*slash = strrchr(path, '/');
	int		 dlen = slash ? (int)(slash - path) + 1 : 0;
	int		 n;

	n = snprintf(tmp, sz, "%.*s" TMP_PREFIX "%ld-XXXXXX", dlen, path,
	    (long)getpid());
	if (n < 0 || (size_t)n >= sz) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
teikit_file_temp(const char *path, char *tmp, size_t sz, int *slot)
{
	*slot = -1;
	if (S_tmp_name(path, tmp, sz) == -1)
		return -1;
	return S_create(tmp, slot);
}

/* Is `name` one of our temporary files, of a process that is gone? */
static int
S_stale(const char *name)
{
	const char	*p;
	char		*end;
	long		 pid;

	if (strncmp(name, TMP_PREFIX, strlen(TMP_PREFIX)) != 0)
		return 0;
	p = name + strlen(TMP_PREFIX);
	pid = strtol(p, &end, 10);
	if (end == p || pid <= 0 || *end != '-' || strlen(end + 1) != 6)
		return 0;
	if (pid == (long)getpid())
		return 0;
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

int
teikit_file_sweep(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		 path[PATH_MAX];
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (!S_stale(de->d_name))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path))
			continue;
		/* Only a regular file we could have made. */
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_uid == geteuid() && unlink(path) == 0)
			n++;
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

int
teikit_file_write(const char *path, const char *buf, size_t len)
{
	return teikit_file_write_hook(path, buf, len, NULL, NULL);
}

int
teikit_file_write_hook(const char *path, const char *buf, size_t len,
    int (*hook)(const char *, int, void *), void *arg)
{
	char		*tmp;
	size_t		 tlen = strlen(path) + 64;
	int		 fd, saved, slot;
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
	/* Keep the mode of a file we replace; else the umask's 0666. */
	if (stat(path, &st) == 0)
		(void)fchmod(fd, st.st_mode & 07777);
	else {
		mode_t	 mask = umask(0);

		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
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
	if (rename(tmp, path) == -1) {
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
