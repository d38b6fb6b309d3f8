/*
 * fuzz/validate.c -- libFuzzer target for validation through the
 * public API only (so it outlives a change of RELAX NG engine): parse
 * arbitrary bytes as TEI, validate against schema/teikit.rng, then
 * check the FRUS rules (a superset of teikit's) and read the title and
 * number.
 */
#include "config.h"

#include "common.h"

static teikit_schema *schema;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	schema = fuzz_teikit_schema("validate");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	teikit_doc	*doc;
	char		*s;

	if ((doc = teikit_doc_parse((const char *)data, size, "fuzz.xml",
	    fuzz_diag, NULL)) == NULL)
		return 0;
	(void)teikit_schema_validate(schema, doc, "fuzz.xml");
	(void)teikit_rules_check(doc, TEIKIT_RULES_FRUS, "fuzz.xml",
	    fuzz_diag, NULL);
	free(teikit_doc_title(doc));
	if ((s = teikit_doc_number(doc)) != NULL)
		free(s);
	teikit_doc_free(doc);
	return 0;
}
