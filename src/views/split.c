/*
 * split.c -- a volume into its documents: each div type="document" of
 * a TEI file becomes a standalone TEI document that any view renders
 * as a page of its own (its header is the volume's, titled with the
 * document's head; its body holds the division alone), so the
 * stylesheets need no mode for it and the text view stays exact.  A
 * teiCorpus is split into its TEI documents (at any depth of nested
 * corpora), each whole, with its own header.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "internal.h"

static int
S_is_tei(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST TEI_NS) &&
	    xmlStrEqual(n->name, BAD_CAST name);
}

static int
S_is_document(const xmlNode *n)
{
	xmlChar	*type;
	int	 yes;

	if (!S_is_tei(n, "div"))
		return 0;
	type = xmlGetNoNsProp(n, BAD_CAST "type");
	yes = type != NULL && xmlStrEqual(type, BAD_CAST "document");
	xmlFree(type);
	return yes;
}

static xmlNodePtr
S_child(const xmlNode *n, const char *name)
{
	xmlNodePtr	 c;

	for (c = n ? n->children : NULL; c != NULL; c = c->next)
		if (S_is_tei(c, name))
			return c;
	return NULL;
}

/* The text of `n` without its notes, white space collapsed, appended
 * to buf (of size sz, holding *len bytes). */
static void
S_plain(const xmlNode *n, char *buf, size_t sz, size_t *len)
{
	const xmlNode	*c;
	const xmlChar	*p;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !S_is_tei(c, "note"))
			S_plain(c, buf, sz, len);
		if (c->type != XML_TEXT_NODE || c->content == NULL)
			continue;
		for (p = c->content; *p != '\0' && *len + 1 < sz; p++) {
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				if (*len > 0 && buf[*len - 1] != ' ')
					buf[(*len)++] = ' ';
			} else
				buf[(*len)++] = (char)*p;
		}
	}
	buf[*len] = '\0';
}

/* The header's title becomes the document's head (or nothing). */
static void
S_retitle(xmlNodePtr header, const xmlNode *div)
{
	xmlNodePtr	 stmt = S_child(S_child(header, "fileDesc"), "titleStmt");
	xmlNodePtr	 t, next, head = S_child(div, "head");
	char		 title[4096];
	size_t		 len = 0;

	if (stmt == NULL)
		return;
	for (t = stmt->children; t != NULL; t = next) {
		next = t->next;
		if (S_is_tei(t, "title")) {
			xmlUnlinkNode(t);
			xmlFreeNode(t);
		}
	}
	title[0] = '\0';
	if (head != NULL)
		S_plain(head, title, sizeof(title), &len);
	if (len > 0 && title[len - 1] == ' ')
		title[--len] = '\0';
	t = xmlNewDocNode(header->doc, stmt->ns, BAD_CAST "title", NULL);
	if (t == NULL)
		return;
	xmlNodeAddContent(t, BAD_CAST title);
	if (stmt->children != NULL)
		xmlAddPrevSibling(stmt->children, t);
	else
		xmlAddChild(stmt, t);
}

/* teikit's <?teikit-source?> of a document gathered into a volume
 * stands just before its division: it goes with it. */
static const xmlNode *
S_source_pi(const xmlNode *div)
{
	const xmlNode	*p;

	for (p = div->prev; p != NULL && p->type == XML_TEXT_NODE;
	    p = p->prev)
		;
	if (p != NULL && p->type == XML_PI_NODE &&
	    xmlStrEqual(p->name, BAD_CAST "teikit-source"))
		return p;
	return NULL;
}

/* The standalone document for one division. */
static xmlDocPtr
S_part(const xmlDoc *vol, const xmlNode *div)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, header, text, body, copy, pi;
	const xmlNode	*vroot = xmlDocGetRootElement(vol), *src;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return NULL;
	/* the root with its attributes and namespaces, not its children */
	if ((root = xmlDocCopyNode((xmlNodePtr)vroot, doc, 2)) == NULL)
		goto fail;
	xmlDocSetRootElement(doc, root);
	if ((src = S_source_pi(div)) != NULL &&
	    (pi = xmlDocCopyNode((xmlNodePtr)src, doc, 1)) != NULL)
		xmlAddPrevSibling(root, pi);
	if ((src = S_child(vroot, "teiHeader")) != NULL) {
		if ((header = xmlDocCopyNode((xmlNodePtr)src, doc, 1)) == NULL)
			goto fail;
		xmlAddChild(root, header);
		S_retitle(header, div);
	}
	text = xmlNewDocNode(doc, root->ns, BAD_CAST "text", NULL);
	body = xmlNewDocNode(doc, root->ns, BAD_CAST "body", NULL);
	copy = xmlDocCopyNode((xmlNodePtr)div, doc, 1);
	if (text == NULL || body == NULL || copy == NULL) {
		xmlFreeNode(text);
		xmlFreeNode(body);
		xmlFreeNode(copy);
		goto fail;
	}
	xmlAddChild(root, text);
	xmlAddChild(text, body);
	xmlAddChild(body, copy);
	return doc;
fail:
	xmlFreeDoc(doc);
	return NULL;
}

/* The standalone document for one TEI of a corpus: the TEI whole
 * (namespaces declared on the corpus are declared again on it). */
static xmlDocPtr
S_whole(const xmlNode *tei)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, pi;
	const xmlNode	*src;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return NULL;
	if ((root = xmlDocCopyNode((xmlNodePtr)tei, doc, 1)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	if ((src = S_source_pi(tei)) != NULL &&
	    (pi = xmlDocCopyNode((xmlNodePtr)src, doc, 1)) != NULL)
		xmlAddPrevSibling(root, pi);
	return doc;
}

/* A file name from an xml:id or an n: letters, digits, '.', '-', '_';
 * anything else becomes '-'. */
static void
S_safe(const xmlChar *s, char *buf, size_t sz)
{
	size_t	 i;

	for (i = 0; s[i] != '\0' && i + 1 < sz; i++)
		buf[i] = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_' || (s[i] == '.' && i > 0) ?
		    (char)s[i] : '-';
	buf[i] = '\0';
}

struct names {
	char	**v;
	size_t	  n, cap;
};

static int
S_taken(const struct names *names, const char *name)
{
	size_t	 i;

	for (i = 0; i < names->n; i++)
		if (strcmp(names->v[i], name) == 0)
			return 1;
	return 0;
}

/* The division's name: its xml:id, else its n, else document-K; a name
 * given before gets -K.  -1 when out of memory. */
static int
S_name(struct names *names, const xmlNode *div, size_t k, char *buf,
    size_t sz)
{
	xmlChar	*id = xmlGetNsProp(div, BAD_CAST "id", XML_XML_NAMESPACE);
	xmlChar	*n = id ? NULL : xmlGetNoNsProp(div, BAD_CAST "n");
	char	**v;

	/* room kept for "-K-N" (two numbers of up to 20 digits) */
	if (id != NULL || n != NULL)
		S_safe(id ? id : n, buf, sz > 48 ? sz - 43 : sz);
	else
		buf[0] = '\0';
	xmlFree(id);
	xmlFree(n);
	if (buf[0] == '\0')
		snprintf(buf, sz, "document-%zu", k);
	/* NAME-K, then NAME-K-2...: never a name given before ("x-3",
	 * "x", "x" must not give "x-3" twice). */
	if (S_taken(names, buf)) {
		size_t	 len = strlen(buf), again;

		snprintf(buf + len, sz - len, "-%zu", k);
		for (again = 2; S_taken(names, buf); again++)
			snprintf(buf + len, sz - len, "-%zu-%zu", k, again);
	}
	if (names->n == names->cap) {
		names->cap = names->cap ? 2 * names->cap : 64;
		if ((v = realloc(names->v, names->cap * sizeof(*v))) == NULL)
			return -1;
		names->v = v;
	}
	if ((names->v[names->n] = strdup(buf)) == NULL)
		return -1;
	names->n++;
	return 0;
}

int
teikit_doc_split(const teikit_doc *doc, teikit_part_fn fn, void *arg)
{
	const xmlNode	*n = xmlDocGetRootElement(doc->xml);
	struct names	 names = { NULL, 0, 0 };
	char		 name[256];
	size_t		 k = 0, i;
	xmlDocPtr	 part;
	teikit_doc	*p;
	int		 rc = 0, corpus = S_is_tei(n, "teiCorpus");

	/* Document order, outermost divisions only: a document's own
	 * divisions stay in it.  In a corpus, its TEI documents: only its
	 * corpora are looked into. */
	while (n != NULL && rc == 0) {
		if (corpus ? S_is_tei(n, "TEI") : S_is_document(n)) {
			if (S_name(&names, n, ++k, name, sizeof(name)) == -1 ||
			    (part = corpus ? S_whole(n) :
			    S_part(doc->xml, n)) == NULL) {
				rc = -1;
				break;
			}
			if ((p = tk_doc_wrap(part)) == NULL) {
				xmlFreeDoc(part);
				rc = -1;
				break;
			}
			rc = fn(p, name, arg);
		} else if (n->children != NULL && n->type == XML_ELEMENT_NODE &&
		    (corpus ? S_is_tei(n, "teiCorpus") :
		    !S_is_tei(n, "teiHeader"))) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent != (xmlNodePtr)doc->xml ? n->parent : NULL;
		if (n != NULL)
			n = n->next;
	}
	for (i = 0; i < names.n; i++)
		free(names.v[i]);
	free(names.v);
	return rc;
}
