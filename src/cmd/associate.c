/*
 * associate.c -- which schemas `teikit validate` (and `build`) hold a
 * document to, in this order: the schema given with --schema; else the
 * RELAX NG schemas its <?xml-model?>s declare, each found relative to
 * the document or, for a URL, through XML catalogs (--catalog, then
 * XML_CATALOG_FILES, then teikit's own, which maps TEI's release URLs
 * of tei_all to the copy installed with teikit), never the network;
 * else, for TEI, tei_all; else an error.  Each schema is compiled once
 * per run, however many documents name it.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

/* The diagnostics of a schema: held while it compiles (in a thread of
 * the compiler's own, which is not the document's and so would print
 * out of the document's place), then said by the thread that asked. */
struct relay {
	teikit_diag_fn	 fn;
	int		 holding;
	teikit_diag	*v;
	size_t		 n;
};

struct compiled {
	char		*path;
	int		 sch;		/* its Schematron rules, not the
					 * RELAX NG schema (2: whether a
					 * compact one names Schematron) */
	teikit_schema	*schema;	/* NULL: it failed, and said why */
	teikit_schematron *rules;	/* (sch) NULL: failed, or none */
	int		 mentions;	/* (sch 2) compact syntax naming
					 * Schematron */
	struct relay	*relay;		/* its diagnostic function's */
};

struct assoc {
	const char	*given;		/* --schema, resolved; or NULL */
	int		 given_any_xml;	/* ...a user's, for any XML */
	teikit_diag_fn	 fn;		/* the schemas' diagnostics, and ours */
	int		 engine;
	teikit_catalog	*cat;		/* --catalog's, then (on the first
					 * URL) the others */
	int		 cat_loaded;	/* the others added */
	char		*consulted;	/* the catalogs, for messages */
	struct compiled	*v;
	size_t		 n;
	pthread_mutex_t	 lock;
	int		 sch_none;	/* --schematron none */
	const char	*sch_given;	/* --schematron FILE */
	const char	*phase;		/* --phase */
	int		 explain;
};

/* Where teikit's copy of tei_all and its catalog are: the data folder
 * when it has them; run uninstalled, the build tree, where make puts
 * them; else the installed data folder. */
const char *
tei_dir(char *buf, size_t sz)
{
	const char	*dir = data_dir();
	struct stat	 st;

	snprintf(buf, sz, "%s/schema/tei", dir);
	if (stat(buf, &st) == 0 || strcmp(dir, TEIKIT_PKGDATADIR) == 0)
		return buf;
	snprintf(buf, sz, "%s/schema/tei", run_uninstalled() ?
	    TEIKIT_BUILDDIR : TEIKIT_PKGDATADIR);
	return buf;
}

/*
 * --schema teikit and --schema tei_all name the schemas teikit carries:
 * their path in `path`, and *any_xml cleared (they judge TEI).  Any
 * other value, or NULL, is returned as given.  NULL after saying why a
 * named schema cannot be read.
 */
const char *
schema_named(const char *rng, char *path, size_t sz, int *any_xml)
{
	char	 dir[PATH_MAX];

	if (rng != NULL && strcmp(rng, "teikit") == 0) {
		*any_xml = 0;
		return data_file(NULL, DEFAULT_SCHEMA, path, sz);
	}
	if (rng == NULL || strcmp(rng, "tei_all") != 0)
		return rng;
	*any_xml = 0;
	snprintf(path, sz, "%s/tei_all.rng", tei_dir(dir, sizeof(dir)));
	if (access(path, R_OK) == -1) {
		say(path, TK_S_DATA, "cannot read: %s (TEI's tei_all is "
		    "installed with teikit when it is built with configure "
		    "--with-tei-schema=DIR)", strerror(errno));
		return NULL;
	}
	return path;
}

struct assoc *
assoc_new(const char *given, int any_xml, int engine, teikit_diag_fn fn)
{
	struct assoc	*a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	a->given = given;
	a->given_any_xml = any_xml;
	a->fn = fn;
	a->engine = engine;
	pthread_mutex_init(&a->lock, NULL);
	return a;
}

static void	 S_consulted(struct assoc *, const char *);

/* A catalog of the user's (--catalog): read now, in the order given,
 * before those S_load_catalogs() adds. */
int
assoc_catalog(struct assoc *a, const char *path)
{
	if (a->cat == NULL && (a->cat = teikit_catalog_new()) == NULL)
		return -1;
	if (teikit_catalog_add(a->cat, path) == -1) {
		usage(TK_U_ARGUMENT, "--catalog %s: %s", path, errno ==
		    EINVAL ? "not an XML catalog in a regular file" :
		    strerror(errno));
		return -1;
	}
	S_consulted(a, path);
	return 0;
}

void
assoc_schematron(struct assoc *a, const char *given, const char *phase,
    int explain)
{
	a->sch_none = given != NULL && strcmp(given, "none") == 0;
	a->sch_given = a->sch_none ? NULL : given;
	a->phase = phase;
	a->explain = explain;
}

void
assoc_free(struct assoc *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->v[i].path);
		teikit_schema_free(a->v[i].schema);
		teikit_schematron_free(a->v[i].rules);
		free(a->v[i].relay);
	}
	free(a->v);
	free(a->consulted);
	teikit_catalog_free(a->cat);
	pthread_mutex_destroy(&a->lock);
	free(a);
}

static void
S_consulted(struct assoc *a, const char *path)
{
	size_t	 n = a->consulted ? strlen(a->consulted) : 0;
	char	*p = realloc(a->consulted, n + strlen(path) + 3);

	if (p == NULL)
		return;
	a->consulted = p;
	snprintf(p + n, strlen(path) + 3, "%s%s", n ? ", " : "", path);
}

static void
S_add(struct assoc *a, const char *path)
{
	if (teikit_catalog_add(a->cat, path) == 0)
		S_consulted(a, path);
}

/* After --catalog's, in their order: XML_CATALOG_FILES (as libxml2
 * reads it: URLs or paths, apart by spaces; unset, the system's
 * /etc/xml/catalog), then teikit's own. */
static void
S_load_catalogs(struct assoc *a)
{
	const char	*env = getenv("XML_CATALOG_FILES");
	char		 dir[PATH_MAX], buf[PATH_MAX + 16], *list, *tok, *save;
	char		*path;

	a->cat_loaded = 1;
	if (a->cat == NULL && (a->cat = teikit_catalog_new()) == NULL)
		return;
	if (env == NULL)
		S_add(a, "/etc/xml/catalog");
	else if ((list = strdup(env)) != NULL) {
		for (tok = strtok_r(list, " \t\n", &save); tok != NULL;
		    tok = strtok_r(NULL, " \t\n", &save)) {
			char	*url = NULL;

			/* a file: URL or a path; another URL is not read */
			if ((path = teikit_href_locate(tok, NULL, NULL,
			    &url)) != NULL)
				S_add(a, path);
			free(path);
			free(url);
		}
		free(list);
	}
	snprintf(buf, sizeof(buf), "%s/catalog.xml", tei_dir(dir,
	    sizeof(dir)));
	S_add(a, buf);
}

static void
S_relay(const teikit_diag *d, void *arg)
{
	struct relay	*r = arg;
	teikit_diag	*v;

	if (!r->holding) {
		r->fn(d, NULL);
		return;
	}
	if ((v = realloc(r->v, (r->n + 1) * sizeof(*v))) == NULL)
		return;
	r->v = v;
	v[r->n] = *d;
	v[r->n].file = strdup(d->file);
	v[r->n].message = strdup(d->message);
	v[r->n].rule = v[r->n].xpath = NULL;
	if (v[r->n].file == NULL || v[r->n].message == NULL) {
		free((char *)v[r->n].file);
		free((char *)v[r->n].message);
		return;
	}
	r->n++;
}

/* The regular file at path, opened for reading; NULL for anything
 * else (a FIFO would block, a device never end). */
static FILE *
S_open_regular(const char *path)
{
	struct stat	 st;
	FILE		*f;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (f = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return NULL;
	}
	return f;
}

/* Is the file at path RELAX NG's compact syntax, whose annotations
 * teikit does not read?  So it is named, or its first character
 * other than white space (after a byte-order mark) is not '<', as
 * rngread.c decides. */
static int
S_compact(const char *path)
{
	size_t	 n = strlen(path);
	FILE	*f;
	int	 c;

	if (n >= 4 && strcmp(path + n - 4, ".rnc") == 0)
		return 1;
	if ((f = S_open_regular(path)) == NULL)
		return 0;
	while ((c = getc(f)) == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == 0xEF || c == 0xBB || c == 0xBF)
		continue;
	fclose(f);
	return c != '<' && c != EOF;
}

/* Say what the relay held, and hold no more. */
static void
S_flush(struct assoc *a, struct relay *r)
{
	size_t	 i;

	r->holding = 0;
	for (i = 0; i < r->n; i++) {
		a->fn(&r->v[i], NULL);
		free((char *)r->v[i].file);
		free((char *)r->v[i].message);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

/* Keep what was compiled from key (the schema, or its rules). */
static struct compiled *
S_keep(struct assoc *a, const char *key, const char *path, int sch,
    teikit_schema *s, teikit_schematron *rules, struct relay *r)
{
	struct compiled	*v;
	size_t		 np, nr, nc;

	if (rules != NULL && a->explain) {
		teikit_schematron_counts(rules, &np, &nr, &nc);
		explain_line("%s: Schematron: %zu patterns, %zu rules, %zu "
		    "asserts and reports compiled", path, np, nr, nc);
	}
	if (rules != NULL && (teikit_schematron_counts(rules, &np, NULL,
	    NULL), np == 0)) {
		/* a RELAX NG schema with no rules in it */
		teikit_schematron_free(rules);
		rules = NULL;
	}
	if ((v = realloc(a->v, (a->n + 1) * sizeof(*v))) == NULL ||
	    (v[a->n].path = strdup(key)) == NULL) {
		if (v != NULL)
			a->v = v;
		teikit_schema_free(s);
		teikit_schematron_free(rules);
		free(r);
		return NULL;
	}
	a->v = v;
	a->v[a->n].relay = r;
	a->v[a->n].sch = sch;
	a->v[a->n].rules = rules;
	a->v[a->n++].schema = s;
	return &a->v[a->n - 1];
}

/* The rules of a RELAX NG schema, compiled in a thread of their own
 * while the schema compiles in the caller's: both read the same file,
 * and a document waits for both. */
struct rules_job {
	const char	*path, *phase;
	struct relay	*r;
	teikit_schematron *rules;
};

static void *
S_rules_thread(void *arg)
{
	struct rules_job *j = arg;

	j->rules = teikit_schematron_new(j->path, j->phase, S_relay, j->r);
	return NULL;
}

static struct compiled *
S_find(struct assoc *a, const char *key, int sch)
{
	size_t	 i;

	for (i = 0; i < a->n; i++)
		if (a->v[i].sch == sch && strcmp(a->v[i].path, key) == 0)
			return &a->v[i];
	return NULL;
}

/* The schema at path (or, with sch, its Schematron rules), compiled
 * once for the run; NULL if it cannot be (said once, when first
 * tried), or has no rules. */
static struct compiled *
S_compile(struct assoc *a, const char *path, int sch)
{
	struct compiled	*c;
	struct relay	*r, *rr = NULL;
	struct rules_job j;
	pthread_t	 t;
	char		 real[PATH_MAX], buf[PATH_MAX];
	const char	*key = realpath(path, real) ? real : path;
	teikit_schema	*s = NULL;
	teikit_schematron *rules = NULL;
	int		 started = 0, readable;

	if ((c = S_find(a, key, sch)) != NULL)
		return c;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->fn = a->fn;
	readable = data_file(path, NULL, buf, 0) != NULL;
	memset(&j, 0, sizeof(j));
	/* a RELAX NG schema's own rules, at the same time */
	if (readable && !sch && !a->sch_none && a->sch_given == NULL &&
	    !S_compact(path) && S_find(a, key, 1) == NULL &&
	    (rr = calloc(1, sizeof(*rr))) != NULL) {
		rr->fn = a->fn;
		rr->holding = 1;
		j.path = path;
		j.phase = a->phase;
		j.r = rr;
		started = pthread_create(&t, NULL, S_rules_thread, &j) == 0;
		if (!started)
			S_rules_thread(&j);
	}
	if (readable) {
		r->holding = 1;
		if (sch)
			rules = teikit_schematron_new(path, a->phase, S_relay,
			    r);
		else
			s = teikit_schema_new_engine(path,
			    (teikit_engine)a->engine, S_relay, r);
	}
	if (started)
		pthread_join(t, NULL);
	S_flush(a, r);
	c = S_keep(a, key, path, sch, s, rules, r);
	if (rr != NULL) {
		if (s == NULL) {
			/* the schema is refused, and said why: its rules
			 * would only say it again */
			size_t	 i;

			for (i = 0; i < rr->n; i++) {
				free((char *)rr->v[i].file);
				free((char *)rr->v[i].message);
			}
			rr->n = 0;
			teikit_schematron_free(j.rules);
			j.rules = NULL;
		}
		S_flush(a, rr);
		if (S_keep(a, key, path, 1, NULL, j.rules, rr) == NULL)
			return NULL;
		/* a->v moved */
		c = S_find(a, key, sch);
	}
	return c;
}

static teikit_schema *
S_compiled(struct assoc *a, const char *path)
{
	struct compiled	*c = S_compile(a, path, 0);

	return c != NULL ? c->schema : NULL;
}

static void	 S_say(struct assoc *, const char *, unsigned, teikit_code,
		    const char *, ...) __attribute__((format(printf, 5, 6)));

/* Do the n bytes at b hold the m of s? */
static int
S_has(const char *b, size_t n, const char *s, size_t m)
{
	const char	*p;

	for (p = b; n >= m && (p = memchr(p, s[0], n - m + 1 - (size_t)(p -
	    b))) != NULL; p++)
		if (memcmp(p, s, m) == 0)
			return 1;
	return 0;
}

/* Does the compact-syntax schema at path hold Schematron rules (name
 * their namespace)?  Read once a run: the answer is kept as a "rules"
 * entry with none compiled, and a mark. */
static int
S_mentions_rules(struct assoc *a, const char *path)
{
	char		 real[PATH_MAX], buf[65536];
	const char	*key = realpath(path, real) ? real : path;
	struct compiled	*c;
	size_t		 n, keep = 0;
	FILE		*f;
	int		 found = 0;
	static const char ns[] = "http://purl.oclc.org/dsdl/schematron";

	if ((c = S_find(a, key, 2)) != NULL)
		return c->mentions;
	if ((f = S_open_regular(path)) != NULL) {
		/* the namespace, perhaps across two reads */
		while (!found && (n = fread(buf + keep, 1, sizeof(buf) - 1 -
		    keep, f)) > 0) {
			n += keep;
			buf[n] = '\0';
			found = S_has(buf, n, ns, sizeof(ns) - 1);
			keep = n < sizeof(ns) ? n : sizeof(ns) - 1;
			memmove(buf, buf + n - keep, keep);
		}
		fclose(f);
	}
	if ((c = S_keep(a, key, path, 2, NULL, NULL, NULL)) != NULL)
		c->mentions = found;
	return found;
}

/* Add the Schematron rules of the file at path to h (once). */
static void
S_add_rules(struct assoc *a, const char *name, unsigned line,
    const char *path, struct held *h)
{
	struct compiled	*c;
	int		 k;

	if (S_compact(path)) {
		if (S_mentions_rules(a, path))
			S_say(a, name, line, TK_N_SCHEMATRON, "the Schematron "
			    "rules of %s are not checked: teikit reads the "
			    "rules embedded in RELAX NG's XML syntax, not in "
			    "the compact syntax", path);
		return;
	}
	if ((c = S_compile(a, path, 1)) == NULL || c->rules == NULL)
		return;
	for (k = 0; k < h->nsch && h->sch[k] != c->rules; k++)
		continue;
	if (k == h->nsch && h->nsch < ASSOC_MAX)
		h->sch[h->nsch++] = c->rules;
}

/* Say it through the run's diagnostic function. */
static void
S_say(struct assoc *a, const char *file, unsigned line, teikit_code code,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
S_say(struct assoc *a, const char *file, unsigned line, teikit_code code,
    const char *fmt, ...)
{
	teikit_diag	 d;
	char		 msg[2048];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(&d, 0, sizeof(d));
	d.file = file;
	d.line = line;
	d.code = code;
	d.message = msg;
	a->fn(&d, NULL);
}

/* tei_all, for TEI that declares no schema; and its rules in h. */
static teikit_schema *
S_tei_all(struct assoc *a, const char *doc, struct held *h)
{
	teikit_schema	*s;
	char	 dir[PATH_MAX], path[PATH_MAX + 16];

	snprintf(path, sizeof(path), "%s/tei_all.rng", tei_dir(dir,
	    sizeof(dir)));
	if (access(path, R_OK) == -1) {
		S_say(a, doc, 0, TK_S_DATA, "declares no schema, and TEI's tei_all "
		    "is not installed with this teikit (%s: %s): give a "
		    "schema with --schema FILE, or build teikit with "
		    "configure --with-tei-schema=DIR", path, strerror(errno));
		return NULL;
	}
	if ((s = S_compiled(a, path)) != NULL && !a->sch_none &&
	    a->sch_given == NULL)
		S_add_rules(a, doc, 0, path, h);
	return s;
}

/* The file an <?xml-model?>'s href names: relative to the document,
 * or a URL through the catalogs; NULL after saying why. */
static char *
S_locate(struct assoc *a, const char *name, const char *href, unsigned line,
    const char *what)
{
	char	*path, *url;

	if (teikit_uri_has_scheme(href) && !a->cat_loaded)
		S_load_catalogs(a);
	if ((path = teikit_href_locate(href, name, a->cat, &url)) == NULL) {
		if (url != NULL)
			S_say(a, name, line, TK_S_URL, "the %s %s is not in "
			    "any XML catalog (%s), and teikit never reads the "
			    "network: give its local copy with --%s FILE, or "
			    "map it in a catalog of your own (<uri name=\"%s\" "
			    "uri=\"FILE\"/>) named with --catalog or "
			    "XML_CATALOG_FILES", what, url, a->consulted ?
			    a->consulted : "none could be read", strcmp(what,
			    "schema") == 0 ? "schema" : "schematron", url);
		else
			S_say(a, name, 0, TK_S_NOMEM, "out of memory");
		free(url);
		return NULL;
	}
	free(url);
	if (access(path, R_OK) == -1) {
		S_say(a, name, line, TK_S_DATA, "the %s it declares, %s, "
		    "cannot be read (%s: %s)", what, href, path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

/* The schemas the prolog pr declares, as assoc_schemas() says. */
static int
S_schemas(struct assoc *a, const char *name, teikit_prolog *pr,
    struct held *h)
{
	teikit_schema	*s;
	size_t		 i;
	int		 k, failed = 0, declared = 0;
	char		*path;
	char		*rules[ASSOC_MAX];
	unsigned	 rules_line[ASSOC_MAX];
	int		 nrules = 0;

	for (i = 0; i < teikit_prolog_models(pr); i++) {
		const char	*href = teikit_prolog_model_href(pr, i);
		const char	*lang = teikit_prolog_model_lang(pr, i);
		unsigned	 line = teikit_prolog_model_line(pr, i);

		if (href[0] == '\0') {
			S_say(a, name, line, TK_W_MODEL, "<?xml-model?> with an "
			    "empty href names the document itself, not a "
			    "schema: not used");
			continue;
		}
		switch (teikit_prolog_model_kind(pr, i)) {
		case TEIKIT_MODEL_RNG:
		case TEIKIT_MODEL_RNC:
			break;
		case TEIKIT_MODEL_SCHEMATRON:
			/* --schematron none or FILE: not these */
			if (a->sch_none || a->sch_given != NULL)
				continue;
			if (nrules == ASSOC_MAX) {
				S_say(a, name, line, TK_S_DATA, "declares more "
				    "than %d Schematron schemas: teikit holds "
				    "a document to %d at most, and does not "
				    "validate this one", ASSOC_MAX, ASSOC_MAX);
				return -1;
			}
			if ((path = S_locate(a, name, href, line,
			    "Schematron schema")) == NULL) {
				failed = 1;
				continue;
			}
			rules_line[nrules] = line;
			rules[nrules++] = path;
			continue;
		default:
			S_say(a, name, line, TK_W_MODEL, "%s is not validated "
			    "against: its language (%s) is not one teikit "
			    "reads (RELAX NG, XML or compact syntax, or "
			    "Schematron)", href,
			    lang[0] != '\0' ? lang : "not named");
			continue;
		}
		declared = 1;
		if ((path = S_locate(a, name, href, line, "schema")) == NULL) {
			failed = 1;
			continue;
		}
		s = S_compiled(a, path);
		if (s != NULL && !a->sch_none && a->sch_given == NULL)
			S_add_rules(a, name, line, path, h);
		free(path);
		if (s == NULL) {
			failed = 1;
			continue;
		}
		/* the same schema, named twice: checked once */
		for (k = 0; k < h->nrng && h->rng[k] != s; k++)
			continue;
		if (k < h->nrng)
			continue;
		if (h->nrng == ASSOC_MAX) {
			/* never a verdict on fewer schemas than declared */
			S_say(a, name, line, TK_S_DATA, "declares more "
			    "than %d RELAX NG schemas: teikit holds a "
			    "document to %d at most, and does not validate "
			    "this one", ASSOC_MAX, ASSOC_MAX);
			for (k = 0; k < nrules; k++)
				free(rules[k]);
			return -1;
		}
		h->rng[h->nrng++] = s;
	}
	if (!declared) {
		if (teikit_prolog_is_tei(pr)) {
			if ((s = S_tei_all(a, name, h)) == NULL)
				failed = 1;
			else
				h->rng[h->nrng++] = s;
			h->any_xml = 0;
		} else if (teikit_prolog_has_root(pr)) {
			S_say(a, name, 0, TK_E_NO_SCHEMA, "not a TEI document, "
			    "and it declares no schema (<?xml-model?>): give "
			    "one with --schema FILE");
			failed = 1;
		}
		/* no root: not well-formed, which reading it will say */
	}
	/* the declared Schematron after the RELAX NG schemas' own */
	for (k = 0; k < nrules; k++) {
		S_add_rules(a, name, rules_line[k], rules[k], h);
		free(rules[k]);
	}
	return failed && h->nrng == 0 ? -1 : h->nrng;
}

/*
 * The schemas for the document `name`, whose bytes are `buf` (len
 * bytes), or else those `fd` reads (from its start, and left there): up
 * to `max` in *out, their number returned; -1 when it is not to be
 * validated at all (said why).  *any_xml is set when the document may
 * be any XML (a schema named for it), not only TEI.
 */
int
assoc_schemas(struct assoc *a, const char *name, const char *buf,
    size_t len, int fd, struct held *h)
{
	teikit_prolog	*pr;
	teikit_schema	*s;
	int		 n;

	pthread_mutex_lock(&a->lock);
	memset(h, 0, sizeof(*h));
	h->any_xml = 1;
	if (a->sch_given != NULL)
		S_add_rules(a, name, 0, a->sch_given, h);
	if (a->given != NULL) {
		s = S_compiled(a, a->given);
		h->any_xml = a->given_any_xml;
		if (s != NULL && !a->sch_none && a->sch_given == NULL)
			S_add_rules(a, name, 0, a->given, h);
		pthread_mutex_unlock(&a->lock);
		if (s == NULL)
			return -1;
		h->rng[h->nrng++] = s;
		return 1;
	}
	if (buf != NULL)
		pr = teikit_prolog_read(buf, len, name, a->fn, NULL);
	else {
		pr = teikit_prolog_read_fd(fd, name, a->fn, NULL);
		(void)lseek(fd, 0, SEEK_SET);
	}
	if (pr == NULL) {
		S_say(a, name, 0, TK_S_NOMEM, "out of memory");
		n = -1;
	} else
		n = S_schemas(a, name, pr, h);
	teikit_prolog_free(pr);
	pthread_mutex_unlock(&a->lock);
	return n;
}
