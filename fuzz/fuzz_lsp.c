/*
 * fuzz/fuzz_lsp.c -- libFuzzer target for teikit lsp's protocol
 * (src/lsp/server.c): arbitrary bytes as what a client sends, fed in
 * pieces whose size the first byte chooses (framing must not depend on
 * where reads end), the changed documents validated against
 * schema/teikit.rng whenever a piece leaves no whole message pending.
 * Every message the server writes must be framed, its content JSON in
 * UTF-8: a frame, JSON or UTF-8 that is not is a crash.  Its seeds and dictionary are
 * in tests/lsp/ (tests/lsp-fuzz.sh runs the seeds in make check):
 *	./configure --enable-fuzzing CC=clang && make fuzz/lsp
 *	TEIKIT_DATADIR=. fuzz/lsp -dict=tests/lsp/fuzz_lsp.dict \
 *	    -max_len=4096 CORPUS tests/lsp/fuzz
 */
#include "config.h"

#include <json-c/json.h>

#include "common.h"
#include "lsp.h"

static teikit_schema *schema;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	schema = fuzz_teikit_schema("lsp");
	return 0;
}

/* The schema reports through fuzz_diag; the document's parse through
 * the server's function, whose ranges are what is fuzzed. */
static void
S_check(void *arg, const char *name, const char *buf, size_t len,
    teikit_diag_fn fn, void *fnarg)
{
	teikit_doc	*doc;

	(void)arg;
	if ((doc = teikit_doc_parse_flags(buf, len, name, NULL,
	    TEIKIT_DOC_ANY_XML, fn, fnarg)) == NULL)
		return;
	(void)teikit_schema_validate(schema, doc, name);
	(void)teikit_rules_check(doc, TEIKIT_RULES_INTEGRITY, name, fn, fnarg);
	teikit_doc_free(doc);
}

/* Completion against the same schema: the lenient scan of the text
 * before the cursor and the derivative's expected names, on whatever
 * text and offset the input gives. */
static int
S_complete(void *arg, const char *name, const char *buf, size_t len,
    size_t off, teikit_expect_fn fn, void *fnarg)
{
	(void)arg;
	(void)name;
	return teikit_schema_expected(schema, buf, len, off, fn, fnarg);
}

/* One whole message: a header, its blank line, then JSON of the
 * length it says. */
static void
S_write(void *arg, const char *buf, size_t n)
{
	const char	*body;
	json_tokener	*tok;
	json_object	*o;
	unsigned long	 len;

	(void)arg;
	if (n < 20 || strncmp(buf, "Content-Length: ", 16) != 0)
		abort();
	len = strtoul(buf + 16, NULL, 10);
	for (body = buf; body + 4 <= buf + n && memcmp(body, "\r\n\r\n",
	    4) != 0; body++)
		continue;
	if (body + 4 > buf + n || (size_t)(body + 4 - buf) + len != n)
		abort();
	body += 4;
	if ((tok = json_tokener_new()) == NULL)
		abort();
	/* and UTF-8 a client can decode */
	json_tokener_set_flags(tok, JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, body, (int)len);
	if (o == NULL || json_tokener_get_parse_end(tok) != len ||
	    !json_object_is_type(o, json_type_object))
		abort();
	json_object_put(o);
	json_tokener_free(tok);
}

static void
S_log(void *arg, const char *msg)
{
	(void)arg;
	(void)strlen(msg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lsp	*l;
	size_t		 piece, k;

	if (size == 0)
		return 0;
	piece = data[0] % 4 == 0 ? size : (size_t)data[0] + 1;
	data++;
	size--;
	if ((l = lsp_new(S_check, NULL, S_write, S_log, NULL)) == NULL)
		return 0;
	lsp_set_complete(l, S_complete, NULL);
	while (size > 0) {
		k = size < piece ? size : piece;
		if (lsp_feed(l, (const char *)data, k))
			break;
		if (!lsp_pending(l))
			lsp_idle(l);
		data += k;
		size -= k;
	}
	lsp_idle(l);
	(void)lsp_status(l);
	lsp_free(l);
	return 0;
}
