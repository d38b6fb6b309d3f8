/*
 * pdf.c -- the PDF view: the LaTeX view compiled by pdflatex in a
 * temporary directory (no shell escape, nothing written elsewhere),
 * its log read back for the first error when it fails.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

static int
S_write_file(const char *path, const char *buf, size_t len)
{
	FILE	*f;
	int	 rc;

	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	rc = fwrite(buf, 1, len, f) == len ? 0 : -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

static char *
S_read_file(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
			*len = (size_t)n;
		}
	}
	fclose(f);
	return buf;
}

static void
S_remove_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		 path[4096];

	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* Run pdflatex on doc.tex in `dir`; its exit status, 127 when it is
 * not installed, or -1. */
static int
S_pdflatex(const char *dir)
{
	pid_t	 pid;
	int	 status, fd;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		if (chdir(dir) == -1)
			_exit(126);
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execlp("pdflatex", "pdflatex", "-interaction=nonstopmode",
		    "-halt-on-error", "-no-shell-escape", "doc.tex",
		    (char *)NULL);
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The first "! message" of a LaTeX log, and the "l.N" line after it. */
static void
S_log_error(const char *dir, char *out, size_t sz)
{
	char	 path[4200], *log, *bang, *end, *l;
	size_t	 len = 0;

	snprintf(out, sz, "see the LaTeX log");
	snprintf(path, sizeof(path), "%s/doc.log", dir);
	if ((log = S_read_file(path, &len)) == NULL)
		return;
	if ((bang = strstr(log, "\n! ")) != NULL) {
		bang += 3;
		end = strchr(bang, '\n');
		l = strstr(bang, "\nl.");
		snprintf(out, sz, "%.*s%s%.*s", end ? (int)(end - bang) :
		    (int)strlen(bang), bang, l ? " (LaTeX line " : "",
		    l ? (int)strcspn(l + 3, " ") : 0, l ? l + 3 : "");
		if (l != NULL)
			snprintf(out + strlen(out), sz - strlen(out), ")");
	}
	free(log);
}

int
teikit_pdf_compile(const char *tex, size_t len, const char *name,
    char **pdf, size_t *plen, teikit_diag_fn fn, void *arg)
{
	struct tk_report rep;
	char		 dir[2048], path[4096], why[512];
	const char	*tmpdir = getenv("TMPDIR");
	int		 rc;

	memset(&rep, 0, sizeof(rep));
	rep.fn = fn;
	rep.arg = arg;
	rep.file = name;
	*pdf = NULL;
	snprintf(dir, sizeof(dir), "%s/teikit-pdf.XXXXXX",
	    tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL) {
		tk_diag(&rep, 0, 0, TK_S_WRITE, "cannot make a temporary "
		    "directory: %s", strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/doc.tex", dir);
	if (S_write_file(path, tex, len) == -1) {
		tk_diag(&rep, 0, 0, TK_S_WRITE, "cannot write %s: %s", path,
		    strerror(errno));
		S_remove_dir(dir);
		return -1;
	}
	rc = S_pdflatex(dir);
	if (rc == 127)
		tk_diag(&rep, 0, 0, TK_S_DATA, "pdflatex is not installed; "
		    "install Debian's texlive-latex-base (apt-get install "
		    "texlive-latex-base), or use --to latex");
	else if (rc != 0) {
		S_log_error(dir, why, sizeof(why));
		tk_diag(&rep, 0, 0, TK_E_LATEX, "pdflatex failed: %s", why);
	} else {
		snprintf(path, sizeof(path), "%s/doc.pdf", dir);
		if ((*pdf = S_read_file(path, plen)) == NULL)
			tk_diag(&rep, 0, 0, TK_E_LATEX, "pdflatex wrote no PDF");
	}
	S_remove_dir(dir);
	return *pdf != NULL ? 0 : -1;
}
