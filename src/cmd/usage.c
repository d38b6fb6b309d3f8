/*
 * usage.c -- what each command takes, in one text per command: `teikit
 * COMMAND --help` prints its own, `teikit --help` all of them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "teikit.h"
#include "cmd.h"

/*
 * Every command, with the one text of its usage: `teikit COMMAND --help`
 * prints it, and `teikit --help` prints them all, so neither can drift
 * from the other.
 */
static const struct command {
	const char	*name;
	const char	*synopsis;	/* after "teikit " */
	const char	*what;
	const char	*options;	/* a line or two each */
} commands[] = {
	{ "encode", "encode [OPTIONS] FILE|-",
"plaintext transcription -> TEI P5",
"      -o, --output OUT        write OUT atomically instead of stdout\n"
"      -e, --explain           list every decision on stderr\n"
"      --to xml|VIEW           write the TEI (default), or a view of it\n"
"      --series TEXT           series named in the source description\n"
"      --lang TAG              language of the text (default en)\n"
"      --speaker LABEL=NAME    resolve a speaker label to a person\n"
"      --first-note N          number of the first footnote marker\n"
"      --profile tei|frus      TEI with <sp> (default), or the Office of\n"
"                              the Historian's encoding\n" },
	{ "validate", "validate [OPTIONS] FILE.xml|-...",
"the schemas it declares (else tei_all), their Schematron, then rules",
"      --schema FILE.rng|teikit|tei_all   this schema, whatever the\n"
"                              documents declare (<?xml-model?>)\n"
"      --schematron FILE.sch|none   these Schematron rules instead of\n"
"                              the schemas' and the documents' own\n"
"      --phase NAME            the Schematron phase (default: the\n"
"                              schema's defaultPhase, else #ALL)\n"
"      -e, --explain           Schematron rules compiled, and fired\n"
"      --catalog FILE          an XML catalog for schema URLs (before\n"
"                              XML_CATALOG_FILES and teikit's own)\n"
"      --rules none|integrity|teikit|frus   rules beyond the schema\n"
"                              (default: teikit for what teikit encoded,\n"
"                              else integrity)\n"
"      --engine teikit|libxml2    RELAX NG engine (default teikit's own)\n"
"      --xinclude              process XInclude (files beside the input)\n"
"      -j N                    N threads (default: the cores); output in\n"
"                              the order of the files\n" },
	{ "render",
"render (--to VIEW | --stylesheet FILE.xsl) [OPTIONS] FILE.xml|-...",
"TEI -> a view, or a stylesheet's output",
"      -j N                    N threads (default: the cores); output in\n"
"                              the order of the files\n"
"      --to text               the plaintext view (the encoder's inverse)\n"
"      --to html               the reading edition: one standalone page\n"
"      --to latex|pdf          the print edition (pdf needs pdflatex)\n"
"      -o, --output OUT        write OUT atomically instead of stdout;\n"
"                              a directory for several files: OUT/BASE.EXT\n"
"      --split                 a view per div type=\"document\", as\n"
"                              OUT/BASE/ID.EXT, and OUT/index.html\n"
"      --stylesheet FILE.xsl   use this stylesheet instead of a view's\n"
"      --param NAME=VALUE      pass a string parameter to the stylesheet\n" },
	{ "build", "build [OPTIONS] FILE|DIR...",
"a corpus -> a browsable edition, DIR/index.html",
"      -j N                    N threads (default: the cores)\n"
"      -o DIR                  the edition's directory (default: edition)\n"
"      --views LIST            the views, of html,text,latex,pdf\n"
"                              (default html,text)\n"
"      --shard K/N             every N-th input from the K-th, of all\n"
"      --split                 a view per div type=\"document\"\n"
"      --quiet                 no progress line and no summary\n" },
	{ "index", "index [-o FILE] DIR...",
"one index page over builds (shards)",
"      -o FILE                 the page (default: ./index.html)\n" },
	{ "lsp", "lsp [OPTIONS]",
"a Language Server on stdin/stdout: diagnostics as you type",
"      --schema FILE.rng|teikit|tei_all   this schema for every document\n"
"      --catalog FILE          an XML catalog for schema URLs\n"
"      --stdio                 accepted, and the only transport\n" },
	{ "help", "help [COMMAND]",
"this text, or a command's", "" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char usage_head[] =
"usage: teikit [--datadir DIR] [--format gnu|json|sarif] COMMAND [OPTIONS]"
" FILE...\n"
"       teikit COMMAND --help\n";
static const char usage_common[] =
"      --format gnu|json|sarif diagnostics as lines (default), JSON Lines\n"
"                              or a SARIF 2.1.0 log; validate prints them\n"
"                              on stdout, the others on stderr\n";
static const char usage_tail[] =
"\n"
"Exit status: 0 clean, 1 warnings, 2 errors in the input, 3 usage,\n"
"4 system or internal errors.  See teikit(1).\n";

/* The synopsis, and what the command does: on one line when it fits. */
static void
S_synopsis(FILE *f, const struct command *c)
{
	if (strlen(c->synopsis) <= 24)
		fprintf(f, "  %-24s  %s\n", c->synopsis, c->what);
	else
		fprintf(f, "  %s\n                              %s\n",
		    c->synopsis, c->what);
}

void
usage_all(FILE *f)
{
	size_t	 i;

	fputs(usage_head, f);
	fputs("\ncommands:\n", f);
	for (i = 0; i < NCOMMANDS; i++) {
		S_synopsis(f, &commands[i]);
		fputs(commands[i].options, f);
	}
	fputs("\nevery command takes:\n", f);
	fputs(usage_common, f);
	fputs("      -h, --help              its own usage\n", f);
	fputs("\n"
	    "  -h, --help      this text      -V, --version   the version\n"
	    "  --datadir DIR   where the schema and the stylesheets are\n", f);
	fputs(usage_tail, f);
}

/* teikit COMMAND --help, teikit help COMMAND: its usage on stdout. */
int
command_help(const char *name)
{
	size_t	 i;

	report_reset();		/* help is no run: no SARIF log after it */
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			break;
	if (i == NCOMMANDS)
		return usage(TK_U_ARGUMENT, "no command \"%s\" (encode, "
		    "validate, render, build, index, lsp, help)", name);
	printf("usage: teikit [--datadir DIR] %s\n", commands[i].synopsis);
	printf("%s\n\noptions:\n", commands[i].what);
	fputs(commands[i].options, stdout);
	if (strcmp(name, "help") != 0)
		fputs(usage_common, stdout);
	fputs("      -h, --help              this text\n", stdout);
	fputs(usage_tail, stdout);
	return EXIT_CLEAN;
}

