/*
 * pdf.c -- the PDF view: the LaTeX view compiled by pdflatex in a
 * temporary directory (no shell escape, nothing written elsewhere),
 * its log (or what it said on the terminal) read back for the first
 * error when it fails.
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

/*
 * TeX reads a line into a buffer of 200,000 bytes (buf_size) and stops
 * at a longer one, and a paragraph of the LaTeX view is one line.  A
 * line longer than TEX_LINE is broken: at a space between two other
 * characters (not after a backslash), which TeX reads as the line end
 * it becomes; else after a "}" not followed by a space, with "%" before
 * the line end, which TeX then ignores; never inside a comment.  What
 * is typeset is the same; shorter lines are left as they are.  A copy,
 * or NULL.
 */
#define TEX_LINE	65536

static char *
S_wrap(const char *tex, size_t len, size_t *olen)
{
	char	*out, *p;
	size_t	 i, n = 0, start = 0, cut = 0, bs = 0;
	size_t	 cap = len + 2 * (len / TEX_LINE + 1) + 1;
	int	 brace = 0, comment = 0;

	if ((out = malloc(cap)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		out[n++] = tex[i];
		if (tex[i] == '\n') {
			start = n;
			cut = 0;
			bs = 0;
			comment = 0;
			continue;
		}
		/* A "%" after an even number of backslashes: a comment. */
		if (tex[i] == '%' && bs % 2 == 0)
			comment = 1;
		bs = tex[i] == '\\' ? bs + 1 : 0;
		if (comment)
			continue;
		if (tex[i] == ' ' && n - 1 > start && i + 1 < len &&
		    strchr(" \n\\", tex[i - 1]) == NULL &&
		    strchr(" \n", tex[i + 1]) == NULL) {
			cut = n - 1;
			brace = 0;
		} else if (tex[i] == '}' && i + 1 < len &&
		    strchr(" \n", tex[i + 1]) == NULL) {
			cut = n;
			brace = 1;
		}
		if (n - start < TEX_LINE || cut == 0)
			continue;
		if (brace) {
			/* Room for the "%" and the rest of the input. */
			if (n + 2 + (len - i) > cap) {
				cap = n + 2 + (len - i) + len / 8 + 1;
				if ((p = realloc(out, cap)) == NULL) {
					free(out);
					return NULL;
				}
				out = p;
			}
			memmove(out + cut + 2, out + cut, n - cut);
			out[cut] = '%';
			out[cut + 1] = '\n';
			n += 2;
			start = cut + 2;
		} else {
			out[cut] = '\n';
			start = cut + 1;
		}
		cut = 0;
	}
	out[n] = '\0';
	*olen = n;
	return out;
}

/* Run pdflatex on doc.tex in `dir`, what it says on the terminal to
 * doc.term; its exit status, 127 when it is not installed, or -1. */
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
		if ((fd = open("/dev/null", O_RDONLY)) != -1)
			dup2(fd, 0);
		if ((fd = open("doc.term", O_WRONLY | O_CREAT | O_TRUNC,
		    0600)) != -1) {
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

/* The first "! message" of a LaTeX log, and the "l.N" line after it;
 * of the terminal's when the log has none (TeX writes some errors, a
 * line too long to read among them, to the terminal only). */
static void
S_log_error(const char *dir, char *out, size_t sz)
{
	char	 path[4200], *log, *bang, *end, *l;
	size_t	 len = 0;
	int	 k;

	snprintf(out, sz, "pdflatex said nothing of why");
	for (k = 0; k < 2; k++) {
		snprintf(path, sizeof(path), "%s/doc.%s", dir,
		    k == 0 ? "log" : "term");
		if ((log = S_read_file(path, &len)) == NULL)
			continue;
		if ((bang = strstr(log, "\n! ")) != NULL ||
		    (bang = strstr(log, ")! ")) != NULL)
			break;
		free(log);
		log = NULL;
	}
	if (log == NULL)
		return;
	bang += 3;
	end = strchr(bang, '\n');
	l = strstr(bang, "\nl.");
	snprintf(out, sz, "%.*s%s%.*s", end ? (int)(end - bang) :
	    (int)strlen(bang), bang, l ? " (LaTeX line " : "",
	    l ? (int)strcspn(l + 3, " ") : 0, l ? l + 3 : "");
	if (l != NULL)
		snprintf(out + strlen(out), sz - strlen(out), ")");
	free(log);
}

int
teikit_pdf_compile(const char *tex, size_t len, const char *name,
    char **pdf, size_t *plen, teikit_diag_fn fn, void *arg)
{
	struct tk_report rep;
	char		 dir[2048], path[4096], why[512], *wrapped;
	const char	*tmpdir = getenv("TMPDIR");
	size_t		 wlen;
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
	if ((wrapped = S_wrap(tex, len, &wlen)) == NULL) {
		tk_diag(&rep, 0, 0, TK_S_NOMEM, "out of memory");
		S_remove_dir(dir);
		return -1;
	}
	rc = S_write_file(path, wrapped, wlen);
	free(wrapped);
	if (rc == -1) {
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
