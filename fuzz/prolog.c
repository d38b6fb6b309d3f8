/*
 * fuzz/prolog.c -- libFuzzer target for schema association: arbitrary
 * bytes as a document's prolog (its <?xml-model?> instructions and
 * their pseudo-attributes, a DOCTYPE, any encoding), through the public
 * API: read the prolog from memory and from a descriptor, which must
 * agree, then locate each href as validate does, against a catalog of
 * one entry.  Nothing may be fetched: a URL the catalog does not map
 * comes back as a URL.
 */
#include "config.h"

#include <unistd.h>

#include "common.h"

static teikit_catalog *cat;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	cat = teikit_catalog_new();
	if (cat == NULL || teikit_catalog_add(cat,
	    fuzz_data_file("schema/tei-catalog.xml")) != 0) {
		fprintf(stderr, "fuzz/prolog: cannot read %s\n",
		    fuzz_data_file("schema/tei-catalog.xml"));
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	teikit_prolog	*a, *b;
	FILE		*f;
	char		*path, *url;
	size_t		 i;

	if ((a = teikit_prolog_read((const char *)data, size, "fuzz.xml",
	    fuzz_diag, NULL)) == NULL)
		return 0;
	/* the same prolog, read from a descriptor a chunk at a time */
	if ((f = tmpfile()) != NULL) {
		if (fwrite(data, 1, size, f) == size && fflush(f) == 0 &&
		    lseek(fileno(f), 0, SEEK_SET) == 0 &&
		    (b = teikit_prolog_read_fd(fileno(f), "fuzz.xml",
		    fuzz_diag, NULL)) != NULL) {
			if (teikit_prolog_models(a) != teikit_prolog_models(b) ||
			    teikit_prolog_is_tei(a) != teikit_prolog_is_tei(b))
				abort();
			teikit_prolog_free(b);
		}
		fclose(f);
	}
	for (i = 0; i < teikit_prolog_models(a); i++) {
		const char *href = teikit_prolog_model_href(a, i);

		(void)teikit_prolog_model_kind(a, i);
		(void)strlen(teikit_prolog_model_lang(a, i));
		path = teikit_href_locate(href, "dir/fuzz.xml", cat, &url);
		if (path != NULL && url != NULL)
			abort();
		free(path);
		free(url);
	}
	teikit_prolog_free(a);
	return 0;
}
