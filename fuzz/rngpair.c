/*
 * fuzz/rngpair.c -- libFuzzer target mutating a RELAX NG schema and a
 * document together, to hold teikit's engine to three things: it
 * survives any schema and any document (no crash, leak or hang), its
 * two ways of validating (from the tree, and as the parser streams)
 * agree, and it agrees with libxml2's engine wherever libxml2 is right.
 *
 * The input is the schema (XML syntax), a line "--8<--", then the
 * document; precisely, the first "\n--8<--\n" splits it, and without
 * one the whole input is the schema and there is no document:
 *
 *	<element name="a" xmlns="http://relaxng.org/ns/structure/1.0">
 *	  <text/>
 *	</element>
 *	--8<--
 *	<a>hi</a>
 *
 * Inputs over 64 KB are skipped.  teikit reads a schema only from a
 * file, so each process writes it (and the document, for the streaming
 * path) to a directory of its own, made once under $TMPDIR.
 *
 * libxml2's verdict is compared only where both engines accept the
 * schema and it keeps to what libxml2 gets right, which rules out:
 * - interleave, and mixed (interleave with text: libxml2 loops for ever
 *   on a define that recurses through one);
 * - list; externalRef and include;
 * - anyName or nsName with an except; a name class's choice holding
 *   another choice (libxml2 overflows its stack);
 * - a oneOrMore or zeroOrMore of several patterns, one of which holds
 *   <empty/> (libxml2 refuses what matches);
 * - any datatype library but RELAX NG's own (so no XSD types, no
 *   ID/IDREF);
 * - a DOCTYPE in the schema, and an entity reference in the document
 *   (libxml2's engine expects entities substituted, as xmllint
 *   --relaxng does; teikit's parser leaves references).
 * libxml2 validates the very tree teikit parsed.  A disagreement prints
 * both verdicts and aborts, so libFuzzer keeps the input.
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "common.h"
#include "internal.h"	/* struct teikit_doc: libxml2 validates its tree */

#define INPUT_MAX	65536
#define SEPARATOR	"\n--8<--\n"
#define RNG_NS		"http://relaxng.org/ns/structure/1.0"

static char	 dir[4096], schema_path[4200], doc_path[4200];

/* What the diagnostics of one step said. */
static struct {
	int	 invalid;	/* schema errors: TK-E016, TK-E017 */
	int	 other;	/* any other error */
} seen;

static void
count_diag(const teikit_diag *d, void *arg)
{
	fuzz_diag(d, arg);
	if (d->code == TK_E_SCHEMA || d->code == TK_E_ID_DUP)
		seen.invalid++;
	else if (teikit_code_level(d->code) >= TEIKIT_LEVEL_ERROR)
		seen.other++;
}

static void
S_xml_silent(void *arg, xmlErrorPtr err)
{
	(void)arg;
	(void)err;
}

static void
S_cleanup(void)
{
	unlink(schema_path);
	unlink(doc_path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/rngpair.XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		abort();
	}
	snprintf(schema_path, sizeof(schema_path), "%s/schema.rng", dir);
	snprintf(doc_path, sizeof(doc_path), "%s/doc.xml", dir);
	atexit(S_cleanup);
	return 0;
}

static int
S_write(const char *path, const uint8_t *data, size_t size)
{
	int	 fd;
	ssize_t	 n;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return -1;
	while (size > 0) {
		if ((n = write(fd, data, size)) <= 0) {
			close(fd);
			return -1;
		}
		data += n;
		size -= (size_t)n;
	}
	return close(fd);
}

/* The first separator in data, or NULL (memmem is not C11). */
static const uint8_t *
S_separator(const uint8_t *data, size_t size)
{
	size_t	 n = strlen(SEPARATOR), i;

	for (i = 0; i + n <= size; i++)
		if (data[i] == '\n' && memcmp(data + i, SEPARATOR, n) == 0)
			return data + i;
	return NULL;
}

/* Two verdicts (0 valid, 1 invalid) that should agree and do not. */
static void
S_mismatch(const char *ours, int a, const char *theirs, int b)
{
	fprintf(stderr, "fuzz/rngpair: %s says %s, %s says %s\n", ours,
	    a ? "invalid" : "valid", theirs, b ? "invalid" : "valid");
	abort();
}

/* ---- which schemas libxml2 gets right ---- */

static int
S_is_rng(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	    (name == NULL || strcmp((const char *)n->name, name) == 0);
}

/* Is the datatypeLibrary in force at n (inherited) RELAX NG's own? */
static int
S_builtin_types(const xmlNode *n)
{
	xmlChar	*lib;
	int	 builtin;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		lib = xmlGetNoNsProp(n, BAD_CAST "datatypeLibrary");
		if (lib != NULL) {
			builtin = lib[0] == '\0';
			xmlFree(lib);
			return builtin;
		}
	}
	return 1;
}

static int
S_has_except(const xmlNode *n)
{
	for (n = n->children; n != NULL; n = n->next)
		if (S_is_rng(n, "except"))
			return 1;
	return 0;
}

/* Is there an <empty/> in these patterns, short of an element's or an
 * attribute's own content? */
static int
S_has_empty(const xmlNode *n)
{
	for (; n != NULL; n = n->next)
		if (S_is_rng(n, "empty") || (S_is_rng(n, NULL) &&
		    !S_is_rng(n, "element") && !S_is_rng(n, "attribute") &&
		    S_has_empty(n->children)))
			return 1;
	return 0;
}

/* libxml2 gets a oneOrMore or zeroOrMore of several patterns wrong when
 * one of them is (or holds) <empty/>: <oneOrMore><element name="c">
 * <empty/></element><empty/></oneOrMore> refuses <c/>. */
static int
S_bad_repeat(const xmlNode *n)
{
	const xmlNode	*c;
	int		 kids = 0;

	if (!S_is_rng(n, "oneOrMore") && !S_is_rng(n, "zeroOrMore"))
		return 0;
	for (c = n->children; c != NULL; c = c->next)
		kids += S_is_rng(c, NULL);
	return kids > 1 && S_has_empty(n->children);
}

/* Is n a name class's <choice> (one of names, not of patterns)? */
static int
S_is_nc_choice(const xmlNode *n)
{
	const xmlNode	*c;

	if (!S_is_rng(n, "choice"))
		return 0;
	for (c = n->children; c != NULL; c = c->next)
		if (S_is_rng(c, "name") || S_is_rng(c, "anyName") ||
		    S_is_rng(c, "nsName") || S_is_nc_choice(c))
			return 1;
	return 0;
}

/* libxml2 recurses until its stack overflows on a name class's choice
 * that holds another choice second: <choice><name>a</name><choice>
 * <name>b</name><name>c</name></choice></choice>. */
static int
S_nested_nc_choice(const xmlNode *n)
{
	const xmlNode	*c;

	if (!S_is_nc_choice(n))
		return 0;
	for (c = n->children; c != NULL; c = c->next)
		if (S_is_rng(c, "choice"))
			return 1;
	return 0;
}

static int
S_comparable_tree(const xmlNode *n)
{
	static const char *const banned[] = { "interleave", "mixed",
	    "list", "externalRef", "include", NULL };
	const char *const *b;

	for (; n != NULL; n = n->next) {
		if (!S_is_rng(n, NULL))
			continue;
		for (b = banned; *b != NULL; b++)
			if (strcmp((const char *)n->name, *b) == 0)
				return 0;
		if ((S_is_rng(n, "anyName") || S_is_rng(n, "nsName")) &&
		    S_has_except(n))
			return 0;
		if (S_bad_repeat(n) || S_nested_nc_choice(n))
			return 0;
		if ((S_is_rng(n, "data") || (S_is_rng(n, "value") &&
		    xmlHasProp(n, BAD_CAST "type") != NULL)) &&
		    !S_builtin_types(n))
			return 0;
		if (!S_comparable_tree(n->children))
			return 0;
	}
	return 1;
}

/* Does the tree below n hold an entity reference?  Iterative: a
 * document may nest as deep as its size allows. */
static int
S_has_refs(const xmlNode *n)
{
	const xmlNode	*top = n;

	while (n != NULL) {
		if (n->type == XML_ENTITY_REF_NODE)
			return 1;
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
	return 0;
}

/* ---- the engines ---- */

/* libxml2's verdict: 0 valid, 1 invalid, -1 none (schema refused,
 * out of memory). */
static int
S_libxml2(xmlDocPtr schema, xmlDocPtr doc)
{
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGValidCtxtPtr vc;
	xmlRelaxNGPtr	 rng;
	int		 rc = -1;

	if ((pc = xmlRelaxNGNewDocParserCtxt(schema)) == NULL)
		return -1;
	xmlRelaxNGSetParserStructuredErrors(pc, S_xml_silent, NULL);
	xmlSetStructuredErrorFunc(NULL, S_xml_silent);
	rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (rng != NULL && (vc = xmlRelaxNGNewValidCtxt(rng)) != NULL) {
		xmlRelaxNGSetValidStructuredErrors(vc, S_xml_silent, NULL);
		rc = xmlRelaxNGValidateDoc(vc, doc);
		rc = rc < 0 ? -1 : rc > 0;
		xmlRelaxNGFreeValidCtxt(vc);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (rng != NULL)
		xmlRelaxNGFree(rng);
	return rc;
}

/* The schema as libxml2's tree, if its verdict is worth comparing. */
static xmlDocPtr
S_comparable(const uint8_t *schema, size_t len)
{
	xmlDocPtr	 x;

	xmlSetStructuredErrorFunc(NULL, S_xml_silent);
	x = xmlReadMemory((const char *)schema, (int)len, "schema.rng", NULL,
	    XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (x != NULL && x->intSubset == NULL &&
	    S_comparable_tree(xmlDocGetRootElement(x)))
		return x;
	xmlFreeDoc(x);
	return NULL;
}

/* teikit's verdict from the tree: 0 valid, 1 invalid, -1 none. */
static int
S_tree(teikit_schema *ours, teikit_doc *doc)
{
	memset(&seen, 0, sizeof(seen));
	if (teikit_schema_validate(ours, doc, "doc.xml") < 0)
		return -1;
	return seen.invalid > 0;
}

/* ...and as the parser streams the document: -1 as well when it is
 * refused (not well-formed, an entity bomb), which the tree's parser
 * decides by rules of its own. */
static int
S_stream(teikit_schema *ours, const uint8_t *data, size_t size)
{
	int	 fd, rc;

	if (S_write(doc_path, data, size) != 0 ||
	    (fd = open(doc_path, O_RDONLY)) == -1)
		return -1;
	memset(&seen, 0, sizeof(seen));
	rc = teikit_schema_validate_fd_flags(ours, fd, "doc.xml",
	    TEIKIT_DOC_ANY_XML);
	close(fd);
	if (rc < 0 || seen.other > 0)
		return -1;
	return seen.invalid > 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*sep, *text = NULL;
	size_t		 slen = size, tlen = 0;
	teikit_schema	*ours;
	teikit_doc	*doc = NULL;
	xmlDocPtr	 x;
	int		 tree = -1, stream, theirs;

	if (size > INPUT_MAX)
		return 0;
	if ((sep = S_separator(data, size)) != NULL) {
		slen = (size_t)(sep - data);
		text = sep + strlen(SEPARATOR);
		tlen = size - slen - strlen(SEPARATOR);
	}
	if (S_write(schema_path, data, slen) != 0)
		abort();
	ours = teikit_schema_new_engine(schema_path, TEIKIT_ENGINE_TEIKIT,
	    count_diag, NULL);
	if (ours == NULL || text == NULL) {
		teikit_schema_free(ours);
		return 0;
	}
	doc = teikit_doc_parse_flags((const char *)text, tlen, "doc.xml",
	    NULL, TEIKIT_DOC_ANY_XML, count_diag, NULL);
	if (doc != NULL)
		tree = S_tree(ours, doc);
	stream = S_stream(ours, text, tlen);
	if (tree >= 0 && stream >= 0 && tree != stream)
		S_mismatch("teikit (tree)", tree, "teikit (stream)",
		    stream);
	if (tree >= 0 && !S_has_refs(xmlDocGetRootElement(doc->xml)) &&
	    (x = S_comparable(data, slen)) != NULL) {
		theirs = S_libxml2(x, doc->xml);
		xmlFreeDoc(x);
		if (theirs >= 0 && theirs != tree)
			S_mismatch("teikit", tree, "libxml2", theirs);
	}
	teikit_doc_free(doc);
	teikit_schema_free(ours);
	return 0;
}
