/*
 * validate.c -- teikit validate: each document against the schemas it
 * is held to (associate.c), then the rules; -j N threads, the output in
 * the order of the files.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teikit.h"
#include "cmd.h"

/* ---- teikit validate ---- */

struct vjob {
	struct assoc	*assoc;
	int		 rules;		/* -1: by the document */
	int		 explain;	/* --explain: the rules that fired */
	int		 schema_given;	/* --schema */
	int		 any_xml_given;	/* --schema FILE: documents any XML */
	char		**files;
	size_t		 n;
	atomic_size_t	 next;
	char		**out;		/* per file, what it printed */
	size_t		*outlen;
};

/*
 * The bytes of the input `name` on a descriptor that can be read again
 * from the start: the file itself when it is a regular one; standard
 * input, a pipe or a device copied into an unnamed temporary file, and
 * so is standard input on a regular file read partly already (its
 * bytes are those from where it stands, not from the file's start).
 */
static int
validate_input(const char *name)
{
	char		 buf[65536];
	struct stat	 st;
	ssize_t		 k;
	FILE		*tmp;
	int		 fd, copy;

	fd = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC) :
	    dup(STDIN_FILENO);
	if (fd == -1 || fstat(fd, &st) == -1) {
		say(name, TK_S_READ, "cannot read: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && lseek(fd, 0, SEEK_CUR) == 0)
		return fd;
	if (S_ISDIR(st.st_mode)) {
		say(name, TK_S_READ, "cannot read: %s", strerror(EISDIR));
		close(fd);
		return -1;
	}
	/* a device (/dev/zero, /dev/urandom) would fill the copy for ever;
	 * a pipe or a socket is read to its end, as the writer decides */
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
		say(name, TK_S_READ, "cannot read: a device, not a document "
		    "(teikit reads files, pipes and standard input)");
		close(fd);
		return -1;
	}
	if ((tmp = tmpfile()) == NULL || (copy = dup(fileno(tmp))) == -1) {
		say(name, TK_S_WRITE, "cannot make a temporary file: %s",
		    strerror(errno));
		if (tmp != NULL)
			fclose(tmp);
		close(fd);
		return -1;
	}
	fclose(tmp);
	while ((k = read(fd, buf, sizeof(buf))) != 0) {
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1 || write(copy, buf, (size_t)k) != k) {
			say(name, TK_S_READ, "cannot read: %s",
			    strerror(errno));
			close(fd);
			close(copy);
			return -1;
		}
	}
	close(fd);
	(void)lseek(copy, 0, SEEK_SET);
	return copy;
}

/* A document parsed from buf (XInclude beside `name`, when asked). */
static teikit_doc *
read_doc_buf(const char *buf, size_t len, const char *name, int flags)
{
	teikit_doc	*doc;
	char		*copy;

	if (xinclude && (copy = strdup(strcmp(name, "-") ? name : "."))) {
		doc = teikit_doc_parse_flags(buf, len, name,
		    strcmp(name, "-") ? dirname(copy) : ".", flags,
		    print_diag, NULL);
		free(copy);
	} else
		doc = teikit_doc_parse_flags(buf, len, name, NULL, flags,
		    print_diag, NULL);
	return doc;
}

/* The bytes fd reads from its start, NUL-terminated; NULL after saying
 * why. */
static char *
read_fd(int fd, const char *name, size_t *len)
{
	char		*buf = NULL;
	FILE		*f;
	int		 d = dup(fd);

	if (d != -1)
		(void)lseek(d, 0, SEEK_SET);
	if (d == -1 || (f = fdopen(d, "rb")) == NULL ||
	    (buf = slurp_file(f, len)) == NULL) {
		say(name, TK_S_READ, "cannot read: %s", strerror(errno));
		if (d != -1)
			close(d);
		return NULL;
	}
	return buf;
}

/* A document read from fd. */
static teikit_doc *
read_doc_fd(int fd, const char *name, int flags)
{
	teikit_doc	*doc;
	size_t		 len = 0;
	char		*buf;

	if ((buf = read_fd(fd, name, &len)) == NULL)
		return NULL;
	doc = read_doc_buf(buf, len, name, flags);
	free(buf);
	return doc;
}

/*
 * The schemas for a document and its tree, at the same time: the
 * schemas (compiled the first time they are named) in a thread of
 * their own while the document is parsed in this one, each's
 * diagnostics held, then said in that order, as if one after the
 * other.  The tree is any XML's: a document that is not TEI either
 * declares a schema, which takes any XML, or is not validated at all;
 * only --schema teikit and tei_all ask for TEI.
 */
struct assoc_job {
	struct assoc	*assoc;
	const char	*name, *buf;
	size_t		 len;
	struct held	 h;
	int		 n;
	char		*out;
	size_t		 outlen;
};

static void *
assoc_thread(void *arg)
{
	struct assoc_job *j = arg;
	FILE		*f = open_memstream(&j->out, &j->outlen);

	diag_capture(f);
	j->n = assoc_schemas(j->assoc, j->name, j->buf, j->len, -1, &j->h);
	diag_capture(NULL);
	if (f != NULL)
		fclose(f);
	return NULL;
}

/* Say what was held: into this thread's capture, or out. */
static void
said(FILE *cap, const char *buf, size_t len)
{
	if (buf == NULL || len == 0)
		return;
	if (cap != NULL)
		fwrite(buf, 1, len, cap);
	else
		report_flush(buf, len);
}

static teikit_doc *
validate_tree(struct vjob *v, const char *name, int fd, struct held *h)
{
	struct assoc_job j;
	pthread_t	 t;
	teikit_doc	*doc = NULL;
	FILE		*cap = diag_captured(), *f;
	char		*buf, *out = NULL;
	size_t		 len = 0, outlen = 0;
	int		 started;

	if ((buf = read_fd(fd, name, &len)) == NULL)
		return NULL;
	memset(&j, 0, sizeof(j));
	j.assoc = v->assoc;
	j.name = name;
	j.buf = buf;
	j.len = len;
	started = pthread_create(&t, NULL, assoc_thread, &j) == 0;
	if (!started)
		assoc_thread(&j);
	f = open_memstream(&out, &outlen);
	diag_capture(f);
	doc = read_doc_buf(buf, len, name, !v->schema_given ||
	    v->any_xml_given ? TEIKIT_DOC_ANY_XML : 0);
	diag_capture(cap);
	if (f != NULL)
		fclose(f);
	if (started)
		pthread_join(t, NULL);
	said(cap, j.out, j.outlen);
	free(j.out);
	*h = j.h;
	if (j.n < 0) {
		/* not to be validated: what reading it said is not said */
		teikit_doc_free(doc);
		free(out);
		free(buf);
		return NULL;
	}
	said(cap, out, outlen);
	free(out);
	free(buf);
	return doc;
}

/* --explain: a rule that fired, and how often */
static void
validate_fired(const char *context, unsigned line, unsigned long times,
    void *arg)
{
	explain_line("%s: Schematron: rule %s (line %u) fired %lu time%s",
	    (const char *)arg, context, line, times, times == 1 ? "" : "s");
}

static void
validate_one(struct vjob *v, size_t i)
{
	const char	*name = v->files[i];
	struct held	 h;
	teikit_doc	*doc;
	int		 fd, k, flags, rules;

	if ((fd = validate_input(name)) == -1)
		return;
	/* a tree, for the rules: read while the schemas compile */
	if (v->rules != TEIKIT_RULES_NONE) {
		doc = validate_tree(v, name, fd, &h);
		close(fd);
		if (doc == NULL)
			return;
		goto check;
	}
	if (assoc_schemas(v->assoc, name, NULL, 0, fd, &h) < 0) {
		close(fd);
		return;
	}
	flags = h.any_xml ? TEIKIT_DOC_ANY_XML : 0;
	/* Without rules, Schematron and XInclude there is no need for a
	 * tree: the schema is checked as the file is read, in flat
	 * memory. */
	if (v->rules == TEIKIT_RULES_NONE && !xinclude && h.nrng > 0 &&
	    h.nsch == 0) {
		for (k = 0; k < h.nrng; k++) {
			(void)lseek(fd, 0, SEEK_SET);
			if (teikit_schema_validate_fd_flags(h.rng[k], fd,
			    name, flags) < 0)
				say(name, TK_S_INTERNAL, "the schema validator "
				    "failed");
		}
		close(fd);
		return;
	}
	doc = read_doc_fd(fd, name, flags);
	close(fd);
	if (doc == NULL)
		return;
check:
	for (k = 0; k < h.nrng; k++)
		if (teikit_schema_validate(h.rng[k], doc, name) < 0)
			say(name, TK_S_INTERNAL, "the schema validator failed");
	/* then the Schematron rules: the schema's, the document's */
	for (k = 0; k < h.nsch; k++)
		if (teikit_schematron_check(h.sch[k], doc, name, print_diag,
		    v->explain ? validate_fired : NULL, (void *)name) < 0)
			say(name, TK_S_NOMEM, "out of memory");
	/* teikit's own rules for what teikit encoded, or when asked;
	 * for other TEI, its integrity only */
	rules = v->rules != -1 ? v->rules : teikit_doc_is_teikit(doc) ?
	    TEIKIT_RULES_TEIKIT : TEIKIT_RULES_INTEGRITY;
	/* rules.c reports its own failures; they are TEI's */
	if (teikit_doc_is_tei(doc))
		(void)teikit_rules_check(doc, (teikit_rules)rules, name,
		    print_diag, NULL);
	teikit_doc_free(doc);
}

static void *
validate_worker(void *arg)
{
	struct vjob	*v = arg;
	size_t		 i;
	FILE		*f;

	while ((i = atomic_fetch_add(&v->next, 1)) < v->n) {
		f = open_memstream(&v->out[i], &v->outlen[i]);
		diag_capture(f);
		validate_one(v, i);
		diag_capture(NULL);
		if (f != NULL)
			fclose(f);
	}
	return NULL;
}

/* Files to threads; their diagnostics printed in the files' order. */
static int
validate_parallel(struct vjob *v, long jobs)
{
	pthread_t	*t = calloc((size_t)jobs, sizeof(*t));
	long		 k, started = 0;
	size_t		 i;

	v->out = calloc(v->n, sizeof(*v->out));
	v->outlen = calloc(v->n, sizeof(*v->outlen));
	if (t == NULL || v->out == NULL || v->outlen == NULL) {
		free(t);
		free(v->out);
		free(v->outlen);
		return -1;
	}
	for (k = 0; k < jobs; k++)
		if (pthread_create(&t[k], NULL, validate_worker, v) == 0)
			started++;
	if (started == 0)
		validate_worker(v);
	for (k = 0; k < started; k++)
		pthread_join(t[k], NULL);
	for (i = 0; i < v->n; i++) {
		if (v->out[i] != NULL)
			report_flush(v->out[i], v->outlen[i]);
		free(v->out[i]);
	}
	free(v->out);
	free(v->outlen);
	free(t);
	return 0;
}

int
cmd_validate(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "schema", required_argument, NULL, OPT_SCHEMA },
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "xinclude", no_argument, NULL, OPT_XINCLUDE },
		{ "jobs", required_argument, NULL, 'j' },
		{ "engine", required_argument, NULL, OPT_ENGINE },
		{ "schematron", required_argument, NULL, OPT_SCHEMATRON },
		{ "phase", required_argument, NULL, OPT_PHASE },
		{ "explain", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*rng = NULL, *catalogs[64], *sch = NULL;
	const char	*phase = NULL;
	char		 path[PATH_MAX];
	int		 c, i, rules = -1, ncatalogs = 0, any_xml = 1;
	int		 engine = TEIKIT_ENGINE_TEIKIT;
	long		 jobs = sysconf(_SC_NPROCESSORS_ONLN);
	struct vjob	 v;

	memset(&v, 0, sizeof(v));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:j:eh", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return command_help("validate");
		case 'j':
			if (jobs_option(optarg, &jobs) == -1)
				return EXIT_USAGE;
			break;
		case OPT_SCHEMA:
			rng = optarg;
			break;
		case OPT_SCHEMATRON:
			sch = optarg;
			break;
		case OPT_PHASE:
			phase = optarg;
			break;
		case 'e':
			v.explain = 1;
			break;
		case OPT_CATALOG:
			if (ncatalogs == (int)(sizeof(catalogs) /
			    sizeof(catalogs[0])))
				return usage(TK_U_ARGUMENT, "more than %d "
				    "--catalog options", ncatalogs);
			catalogs[ncatalogs++] = optarg;
			break;
		case OPT_RULES:
			if ((rules = teikit_rules_parse(optarg)) == -1)
				return usage(TK_U_ARGUMENT, "unknown rule set "
				    "\"%s\" (none, integrity, teikit or frus)",
				    optarg);
			break;
		case OPT_FORMAT:
			if (report_format(optarg) == -1)
				return EXIT_USAGE;
			break;
		case OPT_XINCLUDE:
			xinclude = 1;
			break;
		case OPT_ENGINE:
			if ((engine = teikit_engine_parse(optarg)) == -1)
				return usage(TK_U_ARGUMENT, "unknown engine "
				    "\"%s\" (teikit or libxml2)", optarg);
			break;
		default:
			return bad_option(c, argv);
		}
	}
	if (optind == argc)
		return usage(TK_U_OPTION, "validate needs at least one FILE");
	if (rng != NULL &&
	    (rng = schema_named(rng, path, sizeof(path), &any_xml)) == NULL)
		return EXIT_SYSTEM;
	if ((v.assoc = assoc_new(rng, any_xml, engine, print_diag)) == NULL) {
		say(NULL, TK_S_NOMEM, "out of memory");
		return EXIT_SYSTEM;
	}
	if (sch != NULL && sch[0] == '\0') {
		assoc_free(v.assoc);
		return usage(TK_U_ARGUMENT, "--schematron wants a file or "
		    "\"none\"");
	}
	assoc_schematron(v.assoc, sch, phase, v.explain);
	for (i = 0; i < ncatalogs; i++)
		if (assoc_catalog(v.assoc, catalogs[i]) == -1) {
			assoc_free(v.assoc);
			return EXIT_USAGE;
		}
	v.rules = rules;
	v.schema_given = rng != NULL;
	v.any_xml_given = rng != NULL && any_xml;
	v.files = argv + optind;
	v.n = (size_t)(argc - optind);
	/* standard input is there once: threads would share its bytes */
	for (i = 0, c = 0; i < (int)v.n; i++)
		if (strcmp(v.files[i], "-") == 0 && c++ > 0) {
			assoc_free(v.assoc);
			return usage(TK_U_ARGUMENT, "standard input (-) named "
			    "twice: it can be read only once");
		}
	if (jobs > (long)v.n)
		jobs = (long)v.n;
	if (jobs <= 1) {
		for (i = 0; i < (int)v.n; i++)
			validate_one(&v, (size_t)i);
	} else if (validate_parallel(&v, jobs) == -1)
		say(NULL, TK_S_NOMEM, "cannot start threads");
	assoc_free(v.assoc);
	return teikit_level_exit(worst_level());
}
