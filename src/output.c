/*
 * output.c -- write a file atomically: a temporary file beside it,
 * written in full and flushed to disk, then renamed over the target,
 * so a failed or interrupted write never leaves a partial file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
	char		*tmp;
	size_t		 plen = strlen(path);
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
	if ((tmp = malloc(plen + 16)) == NULL)
		return -1;
	snprintf(tmp, plen + 16, "%s.tmp-XXXXXX", path);
	if ((fd = S_create(tmp, &slot)) == -1) {
		free(tmp);
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
	if (S_write_all(fd, buf, len) == -1 || fsync(fd) == -1) {
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
