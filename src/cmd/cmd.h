/*
 * cmd.h -- what the teikit command's files share (src/cmd/); not
 * part of the library.
 */
#ifndef TEIKIT_CMD_H
#define TEIKIT_CMD_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

#include "teikit.h"

/* The exit statuses, worst wins; see teikit(1). */
enum exit_status {
	EXIT_CLEAN = 0,		/* nothing worse than a note */
	EXIT_WARNINGS = 1,
	EXIT_INPUT = 2,		/* errors in the input */
	EXIT_USAGE = 3,
	EXIT_SYSTEM = 4		/* I/O, memory, internal */
};

#define DEFAULT_SCHEMA "schema/teikit.rng"

enum { OPT_SERIES = 256, OPT_LANG, OPT_SPEAKER, OPT_FIRST_NOTE,
	OPT_PROFILE, OPT_TO, OPT_STYLESHEET, OPT_PARAM, OPT_DATADIR,
	OPT_SCHEMA, OPT_RULES, OPT_FORMAT, OPT_XINCLUDE, OPT_VIEWS,
	OPT_QUIET, OPT_SHARD, OPT_ENGINE, OPT_SPLIT, OPT_CATALOG,
	OPT_SCHEMATRON, OPT_PHASE };

/* In every command's option table. */
#define COMMON_LONGOPTS \
	{ "format", required_argument, NULL, OPT_FORMAT }, \
	{ "help", no_argument, NULL, 'h' }

extern const char *datadir_opt;

void	 print_diag(const teikit_diag *, void *);	/* thread-safe */
void	 say(const char *file, teikit_code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	 usage(teikit_code, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	 bad_option(int c, char *argv[]);
int	 jobs_option(const char *arg, long *jobs);
teikit_level worst_level(void);
void	 diag_reset(void);		/* a new run: nothing said */
void	 diag_capture(FILE *);		/* this thread's, NULL: stderr */
FILE	*diag_captured(void);		/* this thread's capture, or NULL */
char	*slurp(const char *path, size_t *len);
char	*slurp_regular(const char *path, size_t *len);
char	*slurp_file(FILE *, size_t *len);
int	 refuse_same(int n, const char *const in[], const char *out);
int	 emit(const char *out, const char *buf, size_t len);
const char *data_file(const char *given, const char *rel, char *buf,
	    size_t sz);
#define VIEW_NAMES "text, html, latex or pdf"	/* the views, for messages */
const char *view_sheet(const char *to);
int	 view_is_pdf(const char *to);
void	 view_check_text(const char *to, const teikit_doc *,
	    const char *name);
int	 render_view(teikit_view *, const char *to, const teikit_doc *,
	    const char *name, char **res, size_t *rlen);
teikit_view *open_view(const char *to, const char *sheet);
extern int xinclude;		/* validate --xinclude */
teikit_doc *read_tei(const char *in);
teikit_doc *read_doc(const char *in, int flags);

/* report.c: the diagnostics' shapes, and where they go (teikit(1)) */
void	 report_reset(void);		/* gnu lines on stderr, nothing kept */
int	 report_format(const char *name);	/* -1 after saying why */
void	 report_to_stdout(void);	/* the command's output is its report */
void	 report_diag(const teikit_diag *, teikit_level, FILE *capture);
void	 report_flush(const char *buf, size_t len);	/* a -j capture */
int	 report_end(int status);	/* the SARIF log; the exit status */
/* usage.c: what each command takes */
int	 command_help(const char *name);	/* teikit COMMAND --help */
void	 usage_all(FILE *);			/* teikit --help */

/* guard.c: never over an input, nor over a file teikit did not write */
int	 guard_input(const char *path);
const char *guard_input_of(const struct stat *);
int	 guard_is_own(const struct stat *);
void	 guard_load(const char *dir);
int	 guard_begin(const char *outdir);
void	 guard_end(void);
int	 guard_output(const char *out, int named, const char *what);
int	 guard_write(const char *out, const char *buf, size_t len, int named,
	    const char *what);
int	 guard_wrote(const char *out, int fd);
void	 guard_escape(FILE *, const char *);
void	 guard_unescape(char *);
void	 guard_reset(void);

/* associate.c: the schemas each document is validated against */
struct assoc;
struct assoc	*assoc_new(const char *given, int any_xml, int engine,
	    teikit_diag_fn);
int	 assoc_catalog(struct assoc *, const char *path);
#define ASSOC_MAX 16	/* schemas of each kind one document is held to */
struct held {
	teikit_schema	*rng[ASSOC_MAX];
	int		 nrng;
	teikit_schematron *sch[ASSOC_MAX];
	int		 nsch;
	int		 any_xml;	/* a schema named for it: any XML */
};
/* Schematron: given NULL (declared and embedded rules), "none", or a
 * file; phase NULL for the default; explain: say what was compiled */
void	 assoc_schematron(struct assoc *, const char *given,
	    const char *phase, int explain);
int	 assoc_schemas(struct assoc *, const char *name, const char *buf,
	    size_t len, int fd, struct held *);
void	 explain_line(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
void	 assoc_free(struct assoc *);
const char *tei_dir(char *buf, size_t sz);
const char *schema_named(const char *rng, char *path, size_t sz,
	    int *any_xml);
const char *data_dir(void);
int	 run_uninstalled(void);

/* the commands: main.c, encode.c, validate.c, render.c, build.c */
int	 teikit_main(int argc, char *argv[]);	/* the whole command */
int	 cmd_encode(int argc, char *argv[]);
int	 cmd_validate(int argc, char *argv[]);
int	 cmd_render(int argc, char *argv[]);
int	 cmd_build(int argc, char *argv[]);
int	 cmd_index(int argc, char *argv[]);
int	 cmd_lsp(int argc, char *argv[]);	/* src/lsp/cmd_lsp.c */
int	 render_files(teikit_view *, const char *to, char *files[], size_t n,
	    const char *outdir, int split, long jobs);

#endif /* !TEIKIT_CMD_H */
