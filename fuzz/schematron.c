/*
 * fuzz/schematron.c -- libFuzzer target for ISO Schematron, as a user
 * hands it to `teikit validate --schematron x.sch`: arbitrary bytes
 * written to a file in a scratch folder (and again as inc.sch beside
 * it, so that an include finds something, itself included), compiled
 * through the public API for the default phase and for #ALL (the
 * reader, includes, abstract patterns and rules, phases, lets and every
 * XPath 2.0 expression); a schema that compiles then checks a small TEI
 * document whose nodes are of every kind a rule can match.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include "config.h"

#include "scratch.h"
#include "common.h"

static teikit_doc *tei;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char t[] = "<?xml version=\"1.0\"?>\n"
	    "<?xml-stylesheet href=\"x.css\"?>\n"
	    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:lang=\"en\">\n"
	    "<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>"
	    "<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p>"
	    "</sourceDesc></fileDesc></teiHeader>\n"
	    "<text><body>\n<div n=\"1\" type=\"a\"><head>H</head>"
	    "<!-- c --><p xml:id=\"p1\" rend=\"it\">one <hi>two</hi> 3"
	    "</p><p n=\"2\"><date when=\"2024-01-15\">x</date><![CDATA[<y>]]>"
	    "</p></div>\n<ab xmlns:x=\"urn:x\" x:a=\"b\"/>\n"
	    "</body></text></TEI>\n";

	(void)argc;
	(void)argv;
	fuzz_scratch("schematron");
	tei = teikit_doc_parse(t, sizeof(t) - 1, "t.xml", fuzz_diag, NULL);
	if (tei == NULL)
		abort();
	return 0;
}

static void
S_write(const char *name, const uint8_t *data, size_t size)
{
	FILE	*f;

	if ((f = fopen(name, "wb")) == NULL)
		abort();
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
}

static void
S_fired(const char *context, unsigned line, unsigned long times, void *arg)
{
	(void)line;
	(void)arg;
	if (context == NULL || times == 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const phases[] = { NULL, "#ALL" };
	teikit_schematron *s;
	size_t		 i, np, nr, nc;
	int		 here;

	here = fuzz_enter();
	S_write("s.sch", data, size);
	S_write("inc.sch", data, size);
	for (i = 0; i < sizeof(phases) / sizeof(phases[0]); i++) {
		if ((s = teikit_schematron_new("s.sch", phases[i], fuzz_diag,
		    NULL)) == NULL)
			continue;
		teikit_schematron_counts(s, &np, &nr, &nc);
		(void)teikit_schematron_check(s, tei, "t.xml", fuzz_diag,
		    S_fired, NULL);
		teikit_schematron_free(s);
	}
	fuzz_leave(here);
	return 0;
}
