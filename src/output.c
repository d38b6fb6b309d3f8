/*
 * output.c -- write a file atomically: a temporary file beside it,
 * written in full and flushed to disk, then renamed over the target,
 * so a failed or interrupted write never leaves a partial file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

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
	int		 fd, saved;
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
	if ((fd = mkstemp(tmp)) == -1) {
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
	free(tmp);
	return 0;
fail:
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}
