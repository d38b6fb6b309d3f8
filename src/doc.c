/*
 * doc.c -- TEI documents in memory: parse XML safely (no network, no
 * DTD, no external entities, libxml2's messages routed to the
 * diagnostic callback) and serialise it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "internal.h"

/* XML_PARSE_NONET: no network.  Neither XML_PARSE_NOENT nor
 * XML_PARSE_DTDLOAD: no external entity or DTD is read. */
#define SAFE_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

teikit_doc *
tk_doc_wrap(xmlDocPtr xml)
{
	teikit_doc	*doc;

	if ((doc = malloc(sizeof(*doc))) == NULL)
		return NULL;
	doc->xml = xml;
	return doc;
}

static void
S_xml_error(void *arg, xmlErrorPtr err)
{
	struct tk_report *rep = arg;
	char		 msg[512];
	size_t		 n;

	if (err == NULL || err->level == XML_ERR_NONE)
		return;
	strncpy(msg, err->message ? err->message : "XML error",
	    sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	tk_diag(rep, err->line > 0 ? (unsigned)err->line : 0,
	    err->int2 > 0 ? (unsigned)err->int2 : 0,
	    err->level == XML_ERR_WARNING ? TK_W_XML : TK_E_XML, "%s", msg);
}

teikit_doc *
teikit_doc_parse(const char *buf, size_t len, const char *name,
    teikit_diag_fn fn, void *arg)
{
	struct tk_report rep;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr	 xml = NULL;
	xmlNodePtr	 root;
	teikit_doc	*doc = NULL;

	memset(&rep, 0, sizeof(rep));
	rep.fn = fn;
	rep.arg = arg;
	rep.file = name;
	if (len > (size_t)INT_MAX) {
		tk_diag(&rep, 0, 0, TK_S_READ, "file too large");
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		tk_diag(&rep, 0, 0, TK_S_NOMEM, "out of memory");
		return NULL;
	}
	xmlSetStructuredErrorFunc(&rep, S_xml_error);
	xml = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
	    SAFE_PARSE_OPTIONS);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (xml != NULL && !ctxt->wellFormed)
		rep.errors++;
	xmlFreeParserCtxt(ctxt);
	if (xml == NULL || rep.errors) {
		if (rep.errors == 0)
			tk_diag(&rep, 0, 0, TK_E_XML, "not well-formed XML");
		xmlFreeDoc(xml);
		return NULL;
	}
	root = xmlDocGetRootElement(xml);
	if (root == NULL || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, TEI_NS) != 0) {
		tk_diag(&rep, root ? (unsigned)xmlGetLineNo(root) : 0, 0,
		    TK_E_NOT_TEI, "the root element is not in the TEI "
		    "namespace (%s)", TEI_NS);
		xmlFreeDoc(xml);
		return NULL;
	}
	if ((doc = tk_doc_wrap(xml)) == NULL) {
		tk_diag(&rep, 0, 0, TK_S_NOMEM, "out of memory");
		xmlFreeDoc(xml);
	}
	return doc;
}

int
teikit_doc_serialize(const teikit_doc *doc, char **buf, size_t *len)
{
	xmlChar	*out = NULL;
	int	 n = 0;

	xmlDocDumpMemoryEnc(doc->xml, &out, &n, "UTF-8");
	if (out == NULL)
		return -1;
	if ((*buf = malloc((size_t)n + 2)) == NULL) {
		xmlFree(out);
		return -1;
	}
	memcpy(*buf, out, (size_t)n);
	/* libxml2 ends the document with a line end already. */
	*len = (size_t)n;
	(*buf)[n] = '\0';
	xmlFree(out);
	return 0;
}

void
teikit_doc_free(teikit_doc *doc)
{
	if (doc == NULL)
		return;
	xmlFreeDoc(doc->xml);
	free(doc);
}
