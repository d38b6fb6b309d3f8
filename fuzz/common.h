/*
 * fuzz/common.h -- what the fuzz targets share: a diagnostic sink that
 * checks each diagnostic's shape, and where the data files are.
 */
#ifndef TEIKIT_FUZZ_COMMON_H
#define TEIKIT_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teikit.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int	LLVMFuzzerInitialize(int *argc, char ***argv);

/* Every diagnostic must carry a file, a message and a code of the
 * catalogue; anything else is a bug worth a crash report. */
static inline void
fuzz_diag(const teikit_diag *d, void *arg)
{
	(void)arg;
	if (d->file == NULL || d->message == NULL ||
	    strncmp(teikit_code_name(d->code), "TK-", 3) != 0)
		abort();
	(void)strlen(d->message);
}

/* The source tree's data, or $TEIKIT_DATADIR's; `rel` under it. */
static inline const char *
fuzz_data_file(const char *rel)
{
	static char	 path[4096];
	const char	*dir = getenv("TEIKIT_DATADIR");

	if (dir == NULL || dir[0] == '\0')
		dir = TEIKIT_SRCDIR;
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return path;
}

/* schema/teikit.rng compiled, or abort: a target that cannot load its
 * schema must not fuzz nothing.  `target` names it in the message. */
static inline teikit_schema *
fuzz_teikit_schema(const char *target)
{
	teikit_schema	*s;

	s = teikit_schema_new(fuzz_data_file("schema/teikit.rng"),
	    fuzz_diag, NULL);
	if (s == NULL) {
		fprintf(stderr, "fuzz/%s: cannot compile %s\n", target,
		    fuzz_data_file("schema/teikit.rng"));
		abort();
	}
	return s;
}

#endif /* !TEIKIT_FUZZ_COMMON_H */
