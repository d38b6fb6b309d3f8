/*
 * fuzz/rngdiff.c -- libFuzzer target comparing teikit's RELAX NG engine
 * with libxml2's: arbitrary bytes parsed as TEI, validated against
 * schema/teikit.rng by each, and the verdicts compared (a difference is
 * a crash).  Only schema errors (TK-E016) count: a duplicate ID, which
 * libxml2 leaves unreported, is teikit's TK-E017 and not compared.
 * Both engines must also survive whatever the document is.
 */
#include "config.h"

#include "common.h"

static teikit_schema	*ours, *theirs;
static int		 errors;	/* TK-E016 seen in this run */

static void
count_diag(const teikit_diag *d, void *arg)
{
	fuzz_diag(d, arg);
	if (d->code == TK_E_SCHEMA)
		errors++;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*rng = fuzz_data_file("schema/teikit.rng");

	(void)argc;
	(void)argv;
	ours = teikit_schema_new_engine(rng, TEIKIT_ENGINE_TEIKIT,
	    count_diag, NULL);
	theirs = teikit_schema_new_engine(rng, TEIKIT_ENGINE_LIBXML2,
	    count_diag, NULL);
	if (ours == NULL || theirs == NULL) {
		fprintf(stderr, "fuzz/rngdiff: cannot compile %s\n", rng);
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	teikit_doc	*doc;
	int		 a, b, ra, rb;

	if ((doc = teikit_doc_parse((const char *)data, size, "fuzz.xml",
	    fuzz_diag, NULL)) == NULL)
		return 0;
	errors = 0;
	ra = teikit_schema_validate(ours, doc, "fuzz.xml");
	a = errors;
	errors = 0;
	rb = teikit_schema_validate(theirs, doc, "fuzz.xml");
	b = errors;
	teikit_doc_free(doc);
	if (ra < 0 || rb < 0)
		return 0;	/* out of memory: no verdict */
	if ((a > 0) != (b > 0)) {
		fprintf(stderr, "fuzz/rngdiff: teikit's engine says %s, "
		    "libxml2's %s\n", a ? "invalid" : "valid",
		    b ? "invalid" : "valid");
		abort();
	}
	return 0;
}
