/*
 * fuzz/encode.c -- libFuzzer target for the plaintext encoder: the
 * first byte picks the options (profile, first note, a speaker, the
 * explain callback), the rest is the transcription.  What the encoder
 * returns must serialise to XML that teikit parses back.
 */
#include "config.h"

#include "common.h"

static void
S_explain(unsigned line, unsigned col, const char *what, void *arg)
{
	(void)line;
	(void)col;
	(void)arg;
	(void)strlen(what);
}

static void
S_options(teikit_encoder *enc, unsigned char o)
{
	static const char *const first[] = { "1", "16a", "99999999", "0" };

	if (o & 1)
		(void)teikit_encoder_set(enc, "profile", "frus");
	if (o & 2)
		(void)teikit_encoder_set(enc, "first-note", first[(o >> 4) & 3]);
	if (o & 4)
		(void)teikit_encoder_set(enc, "speaker", "L.=Lozovsky");
	if (o & 8)
		teikit_encoder_set_explain(enc, S_explain, NULL);
	if (o & 64)
		(void)teikit_encoder_set(enc, "lang", "de");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	teikit_encoder	*enc;
	teikit_doc	*doc, *back;
	char		*xml;
	size_t		 len;

	if (size < 1)
		return 0;
	if ((enc = teikit_encoder_new()) == NULL)
		return 0;
	teikit_encoder_set_diag(enc, fuzz_diag, NULL);
	S_options(enc, data[0]);
	doc = teikit_encoder_run(enc, (const char *)data + 1, size - 1,
	    "fuzz.txt");
	if (doc != NULL && teikit_doc_serialize(doc, &xml, &len) == 0) {
		/* The encoder's output is well-formed XML. */
		if ((back = teikit_doc_parse(xml, len, "fuzz.xml", fuzz_diag,
		    NULL)) == NULL)
			abort();
		teikit_doc_free(back);
		free(xml);
	}
	teikit_doc_free(doc);
	teikit_encoder_free(enc);
	return 0;
}
