/*
 * fuzz/rnc.c -- libFuzzer target for the RELAX NG compact syntax, as a
 * user hands it to `teikit validate --schema x.rnc`: arbitrary bytes
 * written to a file named .rnc and compiled through the public API (the
 * reader, then the compiler and the specification's checks); a schema
 * that compiles then validates a small TEI document and a non-TEI one.
 */
#include "config.h"

#include <unistd.h>

#include "common.h"

static char	 path[4096];
static teikit_doc *tei, *memo;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char t[] = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"
	    "<teiHeader/><text><body><p xml:id=\"a\">x</p></body></text></TEI>";
	static const char m[] = "<memo><line who=\"a\">x</line></memo>";
	const char	*dir = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "%s/teikit-fuzz-rnc-%ld.rnc",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp", (long)getpid());
	tei = teikit_doc_parse(t, sizeof(t) - 1, "t.xml", fuzz_diag, NULL);
	memo = teikit_doc_parse_flags(m, sizeof(m) - 1, "m.xml", NULL,
	    TEIKIT_DOC_ANY_XML, fuzz_diag, NULL);
	if (tei == NULL || memo == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	teikit_schema	*s;
	FILE		*f;

	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	if ((s = teikit_schema_new(path, fuzz_diag, NULL)) != NULL) {
		(void)teikit_schema_validate(s, tei, "t.xml");
		(void)teikit_schema_validate(s, memo, "m.xml");
		teikit_schema_free(s);
	}
	unlink(path);
	return 0;
}
