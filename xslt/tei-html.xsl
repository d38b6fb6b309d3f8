<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-html.xsl: the HTML reading view of a TEI document.  One standalone
  HTML5 page: CSS embedded, no script, nothing fetched.  Footnotes as the
  Office of the Historian sets them: a superscript reference at the
  marker, readable in place (on hover or keyboard focus), linking to a
  numbered list at the end whose entries link back.  Page breaks of the
  original are marginal markers "[p. N]" with an anchor (#pg_N) to cite.
  Output is deterministic: ids come from the document (xml:id, n) or
  from counting, never from generate-id().

  Any TEI, not only teikit's: a title block from the header (title,
  author, editor; a letter's sender, addressee, place and date from
  correspDesc); every word of the text shown (only teiHeader, fw,
  binaryObject and the alternatives of a choice not chosen are left
  out, the last on hover); a critical apparatus as a numbered list
  linked both ways, its lemma marked in the text; drama (cast list,
  stage directions, speeches, verse numbered every fifth line); a
  teiCorpus as one page with a section per TEI; a register (standOff)
  as a table; a sourceDoc as its lines.

  Valid HTML5: a TEI element that is a paragraph or a phrase in TEI but
  holds a block (a list, a block quotation, verse) becomes a <div> of
  the same class, never a <p> or <span> holding a block.  Inside a
  note's pop-up (phrasing only) every block is a span (mode "pop").

  Parameters: css (extra CSS appended to the built-in style).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    extension-element-prefixes="exsl str"
    exclude-result-prefixes="tei exsl str">

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:param name="css" select="''"/>

  <xsl:key name="id" match="*[@xml:id]" use="@xml:id"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <xsl:variable name="tei" select="'http://www.tei-c.org/ns/1.0'"/>
  <!-- The TEI elements shown as blocks (quotations: when block, see
       tei:quote), by name: a phrase or paragraph that holds one is a
       div.  One string test per element, where fifty name tests cost
       more than the rest of the page.  Where descendants are searched
       for a block, hi and anchor (most of them) are ruled out first by
       name: two name tests cost less than the string test. -->
  <xsl:variable name="blocks" select="'|p|ab|div|div1|div2|div3|div4|div5|div6|div7|head|lg|l|list|listBibl|table|figure|sp|spGrp|speaker|castList|opener|closer|postscript|argument|epigraph|byline|docAuthor|docTitle|titlePart|docImprint|docEdition|trailer|dateline|salute|signed|floatingText|text|group|body|front|back|titlePage|listPerson|listPlace|listOrg|listEvent|address|addrLine|'"/>
  <!-- Quotation marks: a quotation that begins or ends with one, or
       stands between them, gets no more. -->
  <xsl:variable name="marks">"“”„‟«»‹›‘’‚‛「」『』'</xsl:variable>
  <xsl:variable name="corpus" select="boolean(/tei:teiCorpus)"/>
  <!-- The document, for key() from inside a node-set of another
       (str:tokenize's). -->
  <xsl:variable name="root" select="/"/>

  <!-- The footnotes of a lone TEI, looked for once for this table and
       the list of notes. -->
  <xsl:variable name="top-fn" select="/tei:TEI/tei:text//tei:note
      [not(@place = 'inline' or @rend = 'inline')]
      [not(@type = 'source' and not(@n) and parent::tei:div)]
      [not(parent::tei:person or parent::tei:place or parent::tei:org
           or parent::tei:event)]"/>
  <!-- What is numbered, per TEI (each TEI of a teiCorpus counts its
       own): footnotes (notes not set inline, except an unnumbered
       source note of a division, shown in its header), those without
       @n (their label), and apparatus entries.  Counted once into a
       table: xsl:number level="any" walks back over the document for
       each note, which is quadratic (20,000 notes took minutes). -->
  <xsl:variable name="scopes" select="/tei:TEI | /tei:teiCorpus//tei:TEI
      | /*[not(self::tei:TEI or self::tei:teiCorpus)]"/>
  <xsl:variable name="numbers-rtf">
    <xsl:for-each select="$scopes">
      <xsl:variable name="in" select="self::tei:TEI/tei:text
          | self::*[not(self::tei:TEI)]"/>
      <xsl:variable name="fn" select="$top-fn | $in[not(/tei:TEI)]//tei:note
          [not(@place = 'inline' or @rend = 'inline')]
          [not(@type = 'source' and not(@n) and parent::tei:div)]
          [not(parent::tei:person or parent::tei:place or parent::tei:org
               or parent::tei:event)]"/>
      <!-- A note's number makes its id only where it has no xml:id. -->
      <xsl:if test="$fn[not(@xml:id)]">
        <xsl:for-each select="$fn"><k id="{generate-id()}"><xsl:value-of select="position()"/></k></xsl:for-each>
      </xsl:if>
      <xsl:for-each select="$fn[not(@n)]"><u id="{generate-id()}"><xsl:value-of select="position()"/></u></xsl:for-each>
      <xsl:for-each select="$in//tei:app"><a id="{generate-id()}"><xsl:value-of select="position()"/></a></xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="/tei:teiCorpus//tei:TEI"><t id="{generate-id()}"><xsl:value-of select="position()"/></t></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="numbers" select="exsl:node-set($numbers-rtf)"/>
  <xsl:key name="fn-k" match="k" use="@id"/>
  <xsl:key name="fn-u" match="u" use="@id"/>
  <xsl:key name="app-k" match="a" use="@id"/>
  <xsl:key name="tei-k" match="t" use="@id"/>

  <!-- Verse is numbered from l/@n when the text gives any. -->
  <xsl:variable name="l-given" select="boolean(//tei:text//tei:l[@n])"/>

  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="/*/@xml:lang"><xsl:value-of select="/*/@xml:lang"/></xsl:when>
      <xsl:when test="//tei:text/@xml:lang"><xsl:value-of select="(//tei:text/@xml:lang)[1]"/></xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="teikit"/>
        <title><xsl:call-template name="page-title"/></title>
        <style><xsl:call-template name="style"/><xsl:value-of select="$css"/></style>
      </head>
      <body>
        <xsl:text>&#10;</xsl:text>
        <xsl:choose>
          <xsl:when test="tei:teiCorpus">
            <xsl:for-each select="tei:teiCorpus">
              <xsl:call-template name="titleblock"/>
            </xsl:for-each>
            <main id="text">
              <xsl:text>&#10;</xsl:text>
              <xsl:for-each select="tei:teiCorpus//tei:TEI">
                <section class="tei">
                  <xsl:attribute name="id">
                    <xsl:choose>
                      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
                      <xsl:otherwise>tei-<xsl:value-of select="position()"/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:attribute>
                  <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
                  <xsl:text>&#10;</xsl:text>
                  <xsl:call-template name="titleblock">
                    <xsl:with-param name="h" select="'h2'"/>
                  </xsl:call-template>
                  <xsl:call-template name="content"/>
                  <xsl:call-template name="notes-list"/>
                  <xsl:call-template name="apparatus"/>
                </section>
                <xsl:text>&#10;</xsl:text>
              </xsl:for-each>
            </main>
          </xsl:when>
          <xsl:when test="tei:TEI">
            <xsl:for-each select="tei:TEI">
              <xsl:call-template name="titleblock"/>
              <xsl:if test="tei:text | tei:standOff | tei:sourceDoc">
                <main id="text">
                  <xsl:call-template name="content"/>
                </main>
                <xsl:text>&#10;</xsl:text>
              </xsl:if>
              <xsl:call-template name="notes-list"/>
              <xsl:call-template name="apparatus"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="tei:text">
            <xsl:for-each select="tei:text">
              <main id="text"><xsl:apply-templates select="node()[self::* or self::text()[normalize-space()]]"/></main>
              <xsl:text>&#10;</xsl:text>
              <xsl:call-template name="notes-list"/>
              <xsl:call-template name="apparatus"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="*">
              <main id="text"><xsl:apply-templates select="."/></main>
              <xsl:text>&#10;</xsl:text>
              <xsl:call-template name="notes-list"/>
              <xsl:call-template name="apparatus"/>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <!-- What a TEI shows: its text; without one, its registers
       (standOff) or its source document's lines. -->
  <xsl:template name="content">
    <xsl:choose>
      <xsl:when test="tei:text">
        <xsl:apply-templates select="tei:text/node()[self::* or self::text()[normalize-space()]]"/>
      </xsl:when>
      <xsl:when test="tei:standOff">
        <xsl:apply-templates select="tei:standOff/*"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="tei:sourceDoc"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="page-title">
    <xsl:variable name="t" select="(/*/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($t)">
        <xsl:call-template name="plain"><xsl:with-param name="node" select="$t"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="//tei:titleStmt/tei:title[normalize-space()]">
        <xsl:value-of select="normalize-space((//tei:titleStmt/tei:title[normalize-space()])[1])"/>
      </xsl:when>
      <xsl:when test="//tei:head">
        <xsl:call-template name="plain">
          <xsl:with-param name="node" select="(//tei:head)[1]"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>TEI document</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text without notes, for titles and attributes. -->
  <xsl:template match="tei:note | tei:fw" mode="plain"/>
  <xsl:template match="tei:choice" mode="plain">
    <xsl:apply-templates select="(tei:corr | tei:reg[not(../tei:corr)]
        | tei:expan[not(../tei:corr or ../tei:reg)]
        | *[1][not(../tei:corr or ../tei:reg or ../tei:expan)])[1]" mode="plain"/>
  </xsl:template>
  <xsl:template match="tei:app" mode="plain">
    <xsl:apply-templates select="(tei:lem | tei:rdg[not(../tei:lem)])[1]" mode="plain"/>
  </xsl:template>
  <xsl:template match="*" mode="plain"><xsl:apply-templates mode="plain"/></xsl:template>
  <xsl:template match="text()" mode="plain"><xsl:value-of select="."/></xsl:template>

  <!-- The text of `node`, notes left out, white space collapsed. -->
  <xsl:template name="plain">
    <xsl:param name="node"/>
    <xsl:variable name="raw"><xsl:apply-templates select="$node" mode="plain"/></xsl:variable>
    <xsl:value-of select="normalize-space($raw)"/>
  </xsl:template>

  <!-- ============ the title block ============ -->

  <!-- From the header of the context (TEI or teiCorpus): its titles,
       authors and editors, and a letter's correspondents.  A title that
       the text's first heading already gives (teikit's documents) is
       not repeated. -->
  <xsl:template name="titleblock">
    <xsl:param name="h" select="'h1'"/>
    <xsl:variable name="ts" select="tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="titles" select="$ts/tei:title[normalize-space()]
        [not(@type = 'short' or @type = 'sort' or @type = 'alt')]"/>
    <xsl:variable name="cd" select="tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction"/>
    <xsl:variable name="first-head">
      <xsl:call-template name="plain">
        <xsl:with-param name="node" select="(tei:text//tei:head)[1]"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="t1">
      <xsl:call-template name="plain"><xsl:with-param name="node" select="$titles[1]"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="show-title" select="$t1 != '' and not($first-head != '' and contains($first-head, $t1))"/>
    <xsl:variable name="authors" select="$ts/tei:author[normalize-space()]"/>
    <xsl:variable name="editors" select="$ts/tei:editor[normalize-space()]"/>
    <xsl:if test="$show-title or $authors or $editors or $cd">
      <header class="titleblock">
        <xsl:if test="$show-title">
          <xsl:element name="{$h}">
            <xsl:attribute name="class">title</xsl:attribute>
            <xsl:value-of select="$t1"/>
          </xsl:element>
          <xsl:for-each select="$titles[position() > 1]">
            <p class="subtitle"><xsl:call-template name="plain"><xsl:with-param name="node" select="."/></xsl:call-template></p>
          </xsl:for-each>
        </xsl:if>
        <xsl:if test="$authors">
          <p class="author">
            <xsl:for-each select="$authors">
              <xsl:if test="position() > 1">; </xsl:if>
              <xsl:call-template name="agent"/>
            </xsl:for-each>
          </p>
        </xsl:if>
        <xsl:if test="$editors">
          <p class="editor">
            <span class="label">Edited by </span>
            <xsl:for-each select="$editors">
              <xsl:if test="position() > 1">; </xsl:if>
              <xsl:call-template name="agent"/>
            </xsl:for-each>
          </p>
        </xsl:if>
        <xsl:variable name="from" select="$cd[@type = 'sent']/*[self::tei:persName or self::tei:orgName or self::tei:name][not(@type = 'addressee')]
            | $cd/tei:persName[@type = 'sender']"/>
        <xsl:variable name="to" select="$cd[@type = 'received']/*[self::tei:persName or self::tei:orgName or self::tei:name]
            | $cd/tei:persName[@type = 'addressee']"/>
        <xsl:if test="$from or $cd[@type = 'sent']/tei:placeName or $cd[@type = 'sent']/tei:date">
          <p class="corresp sent">
            <span class="label">From </span>
            <xsl:for-each select="$from">
              <xsl:if test="position() > 1">, </xsl:if>
              <xsl:call-template name="plain"><xsl:with-param name="node" select="."/></xsl:call-template>
            </xsl:for-each>
            <xsl:for-each select="$cd[@type = 'sent']/tei:placeName | $cd[@type = 'sent']/tei:date">
              <xsl:text> · </xsl:text>
              <xsl:call-template name="when"/>
            </xsl:for-each>
          </p>
        </xsl:if>
        <xsl:if test="$to">
          <p class="corresp received">
            <span class="label">To </span>
            <xsl:for-each select="$to">
              <xsl:if test="position() > 1">, </xsl:if>
              <xsl:call-template name="plain"><xsl:with-param name="node" select="."/></xsl:call-template>
            </xsl:for-each>
            <xsl:for-each select="$cd[@type = 'received']/tei:placeName | $cd[@type = 'received']/tei:date">
              <xsl:text> · </xsl:text>
              <xsl:call-template name="when"/>
            </xsl:for-each>
          </p>
        </xsl:if>
      </header>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A person of the header: the first of its names, else its text. -->
  <xsl:template name="agent">
    <xsl:call-template name="plain">
      <xsl:with-param name="node" select="(tei:persName | tei:orgName | tei:name)[1]
          | self::*[not(tei:persName or tei:orgName or tei:name)]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A date or place: its text, else its @when. -->
  <xsl:template name="when">
    <xsl:variable name="t"><xsl:call-template name="plain"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="$t != ''"><xsl:value-of select="$t"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@when | @from | @notBefore"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ block or phrase ============ -->

  <!-- "div" when the context holds a block of the text (a paragraph
       or phrase holding one is a div of its class), else `el`.  A note
       is shown apart (its blocks are spans in its pop-up), so its
       blocks do not count for an element outside it.  Only elements
       with element children look; a paragraph found flat passes
       flat=true() to what it holds, which need not look again. -->
  <xsl:template name="el">
    <xsl:param name="el"/>
    <xsl:param name="flat" select="false()"/>
    <xsl:choose>
      <xsl:when test="$flat or not(*)"><xsl:value-of select="$el"/></xsl:when>
      <xsl:when test="ancestor-or-self::tei:note and .//*[not(self::tei:hi or self::tei:anchor) and (contains($blocks, concat('|', local-name(), '|')) and namespace-uri() = $tei or self::tei:quote[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table] or self::tei:q[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table] or self::tei:said[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table])]">div</xsl:when>
      <xsl:when test=".//*[not(self::tei:hi or self::tei:anchor) and (contains($blocks, concat('|', local-name(), '|')) and namespace-uri() = $tei or self::tei:quote[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table] or self::tei:q[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table] or self::tei:said[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table])][not(ancestor::tei:note)]">div</xsl:when>
      <xsl:otherwise><xsl:value-of select="$el"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ the page ============ -->

  <!-- A text inside a text (group, floatingText): a division. -->
  <xsl:template match="tei:text">
    <div class="text"><xsl:call-template name="id"/><xsl:apply-templates select="node()[self::* or self::text()[normalize-space()]]"/></div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back | tei:group">
    <xsl:apply-templates select="node()[self::* or self::text()[normalize-space()]]"/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4
      | tei:div5 | tei:div6 | tei:div7">
    <xsl:apply-templates select="." mode="div"/>
  </xsl:template>

  <!-- A document: its number, head and source note make the header. -->
  <xsl:template match="*" mode="div">
    <xsl:variable name="doc" select="@type = 'document'"/>
    <article>
      <xsl:attribute name="class">
        <xsl:value-of select="normalize-space(concat('div ', @type))"/>
      </xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:if test="tei:head[normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr or self::tei:date[@when] or self::tei:graphic[tei:desc]]]
          or ($doc and @n) or tei:note[@type = 'source'][not(@n)]">
        <header>
          <xsl:if test="$doc and @n and not(starts-with(normalize-space(tei:head), concat(@n, '. ')))">
            <p class="docnum"><xsl:value-of select="concat('No. ', @n)"/></p>
          </xsl:if>
          <xsl:apply-templates select="tei:head"/>
          <xsl:for-each select="tei:note[@type = 'source'][not(@n)]">
            <p class="source">
              <span class="label">Source: </span>
              <xsl:apply-templates/>
            </p>
          </xsl:for-each>
        </header>
        <xsl:text>&#10;</xsl:text>
      </xsl:if>
      <xsl:apply-templates select="node()[self::* or self::text()[normalize-space()]][not(self::tei:head)]
          [not(self::tei:note[@type = 'source'][not(@n)])]"/>
    </article>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- Heads: a division's by its depth (in a teiCorpus one lower,
       under the TEI's title); a cast list's below its division's;
       others as a paragraph of their own. -->
  <xsl:template match="tei:head">
    <xsl:param name="flat" select="false()"/>
    <xsl:variable name="depth" select="count(ancestor::*[self::tei:div or self::tei:div1
        or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5
        or self::tei:div6 or self::tei:div7]) + number($corpus)
        + count(parent::tei:castList) + count(parent::tei:castList[not(ancestor::tei:div)])"/>
    <xsl:variable name="h">
      <xsl:choose>
        <xsl:when test="not(parent::tei:div or parent::tei:div1 or parent::tei:div2
            or parent::tei:div3 or parent::tei:div4 or parent::tei:div5 or parent::tei:div6
            or parent::tei:div7 or parent::tei:body or parent::tei:front or parent::tei:back
            or parent::tei:group or parent::tei:castList)">p</xsl:when>
        <xsl:when test="$depth &lt;= 1">h1</xsl:when>
        <xsl:when test="$depth &gt;= 6">h6</xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('h', $depth)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="el">
      <xsl:call-template name="el">
        <xsl:with-param name="el" select="$h"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="text()[normalize-space()][1] or normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr or self::tei:date[@when] or self::tei:graphic[tei:desc]]">
    <xsl:element name="{$el}">
      <xsl:call-template name="id"/>
      <xsl:if test="$h = 'p' or $el = 'div'">
        <xsl:attribute name="class">
          <xsl:value-of select="concat(local-name(..), '-head')"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="flat" select="$el != 'div'"/>
      </xsl:apply-templates>
    </xsl:element>
    <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ============ blocks ============ -->

  <xsl:template match="tei:p | tei:ab">
    <xsl:if test="text()[normalize-space()][1] or normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb
        or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr
        or self::tei:date[@when] or self::tei:graphic[tei:desc]]">
      <xsl:variable name="div" select="* and (*[not(self::tei:note)]/descendant-or-self::*[not(self::tei:hi or self::tei:anchor) and (contains($blocks, concat('|', local-name(), '|')) and namespace-uri() = $tei or self::tei:quote[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table] or self::tei:q[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table] or self::tei:said[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table])][not(ancestor::tei:note)]
          or (ancestor::tei:note and .//*[not(self::tei:hi or self::tei:anchor) and (contains($blocks, concat('|', local-name(), '|')) and namespace-uri() = $tei or self::tei:quote[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table] or self::tei:q[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table] or self::tei:said[contains(@rend, 'block') or contains(@rend, 'display') or tei:p or tei:lg or tei:l or tei:list or tei:ab or tei:sp or tei:table])]))"/>
      <!-- Literal elements: a name computed ({$el}) is an expression
           that libxslt compiles at each paragraph. -->
      <xsl:choose>
        <xsl:when test="$div">
          <div>
            <xsl:call-template name="id"/>
            <xsl:attribute name="class"><xsl:value-of select="normalize-space(concat('p ', translate(@rend, '#', '')))"/></xsl:attribute>
            <xsl:apply-templates/>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p>
            <xsl:call-template name="id"/>
            <xsl:if test="@rend">
              <xsl:attribute name="class"><xsl:value-of select="normalize-space(translate(@rend, '#', ''))"/></xsl:attribute>
            </xsl:if>
            <xsl:apply-templates>
              <xsl:with-param name="flat" select="true()"/>
            </xsl:apply-templates>
          </p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A turn: the speaker's label set apart, then what was said. -->
  <xsl:template match="tei:sp">
    <section class="sp">
      <xsl:call-template name="id"/>
      <xsl:apply-templates select="node()[self::* or self::text()[normalize-space()]]"/>
    </section>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:spGrp">
    <div class="spGrp"><xsl:call-template name="id"/><xsl:apply-templates select="node()[self::* or self::text()[normalize-space()]]"/></div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <xsl:variable name="el">
      <xsl:call-template name="el"><xsl:with-param name="el" select="'p'"/></xsl:call-template>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:attribute name="class">speaker</xsl:attribute>
      <xsl:variable name="who" select="key('id', substring-after(../@who, '#'))"/>
      <xsl:if test="$who">
        <xsl:attribute name="title">
          <xsl:call-template name="person-name">
            <xsl:with-param name="p" select="$who"/>
          </xsl:call-template>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="flat" select="$el = 'p'"/>
      </xsl:apply-templates>
    </xsl:element>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- A stage direction: set apart between speeches, in italics
       inside a line or a paragraph. -->
  <xsl:template match="tei:stage">
    <xsl:param name="flat" select="false()"/>
    <xsl:variable name="block" select="parent::tei:sp or parent::tei:div
        or parent::tei:div1 or parent::tei:div2 or parent::tei:div3 or parent::tei:div4
        or parent::tei:div5 or parent::tei:div6 or parent::tei:div7 or parent::tei:body
        or parent::tei:front or parent::tei:back or parent::tei:lg or parent::tei:spGrp
        or parent::tei:castList"/>
    <xsl:variable name="el">
      <xsl:call-template name="el">
        <xsl:with-param name="el">
          <xsl:choose>
            <xsl:when test="$block">p</xsl:when>
            <xsl:otherwise>span</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="flat" select="$flat"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:attribute name="class">stage</xsl:attribute>
      <xsl:call-template name="id"/>
      <xsl:apply-templates>
        <xsl:with-param name="flat" select="$el != 'div'"/>
      </xsl:apply-templates>
    </xsl:element>
    <xsl:if test="$block"><xsl:text>&#10;</xsl:text></xsl:if>
  </xsl:template>

  <!-- The cast: a list of roles with their descriptions; a group's
       head heads a sub-list, below the act heads. -->
  <xsl:template match="tei:castList">
    <section class="castList">
      <xsl:call-template name="id"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:if test="*[not(self::tei:head)]">
        <ul class="castList"><xsl:apply-templates select="*[not(self::tei:head)]" mode="li"/></ul>
      </xsl:if>
    </section>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:castGroup" mode="li">
    <xsl:if test="text()[normalize-space()][1] or normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr or self::tei:date[@when] or self::tei:graphic[tei:desc]]">
    <li class="castGroup">
      <xsl:call-template name="id"/>
      <xsl:for-each select="tei:head">
        <span class="castGroup-head"><xsl:apply-templates/></span>
      </xsl:for-each>
      <xsl:if test="tei:castItem or tei:castGroup">
        <ul><xsl:apply-templates select="*[self::tei:castItem or self::tei:castGroup]" mode="li"/></ul>
      </xsl:if>
      <xsl:for-each select="*[not(self::tei:head or self::tei:castItem or self::tei:castGroup)]">
        <div class="{local-name()}"><xsl:apply-templates/></div>
      </xsl:for-each>
    </li>
    <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:castItem" mode="li">
    <xsl:if test="text()[normalize-space()][1] or normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr or self::tei:date[@when] or self::tei:graphic[tei:desc]]">
    <li class="castItem"><xsl:call-template name="id"/><xsl:apply-templates/></li>
    <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="*" mode="li">
    <xsl:if test="text()[normalize-space()][1] or normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr or self::tei:date[@when] or self::tei:graphic[tei:desc]]">
    <li class="{local-name()}"><xsl:apply-templates select="."/></li>
    <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:role | tei:roleDesc | tei:actor" mode="phr">
    <xsl:param name="flat" select="false()"/>
    <span>
      <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:apply-templates/>
    </span>
    <xsl:if test="following-sibling::node()[1][self::*]"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument
      | tei:epigraph | tei:byline | tei:docAuthor | tei:trailer | tei:titlePage
      | tei:docTitle | tei:titlePart | tei:docImprint | tei:docEdition
      | tei:address | tei:addrLine | tei:floatingText">
    <div class="{local-name()}">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed">
    <xsl:variable name="el">
      <xsl:call-template name="el"><xsl:with-param name="el" select="'p'"/></xsl:call-template>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:apply-templates>
        <xsl:with-param name="flat" select="$el = 'p'"/>
      </xsl:apply-templates>
    </xsl:element>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- Lists.  Children of one kind or another as one step with a
       predicate, not a union (tei:label | tei:item): libxml2 merges a
       union by comparing every node of one with every node of the
       other.  Anything else between the items (a page break) gets an
       item of its own. -->
  <xsl:template match="tei:list | tei:listBibl">
    <xsl:variable name="ordered" select="@type = 'ordered' or @rend = 'numbered'"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:choose>
      <xsl:when test="not(*[not(self::tei:head)][normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr or self::tei:date[@when] or self::tei:graphic[tei:desc]]])"/>
      <xsl:when test="tei:label">
        <dl class="list"><xsl:apply-templates select="*[not(self::tei:head)]" mode="dl"/></dl>
      </xsl:when>
      <xsl:when test="$ordered">
        <ol><xsl:apply-templates select="*[not(self::tei:head)]" mode="li"/></ol>
      </xsl:when>
      <xsl:otherwise>
        <ul><xsl:apply-templates select="*[not(self::tei:head)]" mode="li"/></ul>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:item" mode="li">
    <xsl:if test="text()[normalize-space()][1] or normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr or self::tei:date[@when] or self::tei:graphic[tei:desc]]">
    <li><xsl:call-template name="id"/><xsl:apply-templates/></li>
    <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:item">
    <div class="item"><xsl:call-template name="id"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:label" mode="dl">
    <xsl:if test="text()[normalize-space()][1] or normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr or self::tei:date[@when] or self::tei:graphic[tei:desc]]"><dt><xsl:apply-templates/></dt><xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="*" mode="dl">
    <xsl:if test="text()[normalize-space()][1] or normalize-space() or .//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr or self::tei:date[@when] or self::tei:graphic[tei:desc]]"><dd><xsl:apply-templates select="self::tei:item/node() | self::*[not(self::tei:item)]"/></dd><xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Quotations: a block one as blockquote; a phrase marked by the
       browser (<q>) unless the text or @rend gives its marks. -->
  <xsl:template match="tei:quote | tei:q | tei:said">
    <xsl:param name="flat" select="false()"/>
    <xsl:variable name="el">
      <xsl:call-template name="el">
        <xsl:with-param name="el" select="'q'"/>
        <xsl:with-param name="flat" select="$flat"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$el = 'div' or contains(@rend, 'block') or contains(@rend, 'display')">
        <blockquote>
          <xsl:call-template name="id"/>
          <xsl:apply-templates/>
        </blockquote>
        <xsl:text>&#10;</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="quote-inline">
          <xsl:with-param name="flat" select="true()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="quote-inline">
    <xsl:param name="pop" select="false()"/>
    <xsl:param name="flat"/>
    <xsl:variable name="s" select="normalize-space()"/>
    <xsl:variable name="before" select="preceding-sibling::node()[1][self::text()]"/>
    <xsl:variable name="after" select="following-sibling::node()[1][self::text()]"/>
    <xsl:variable name="pre">
      <xsl:if test="contains(@rend, 'pre(')">
        <xsl:value-of select="substring-before(substring-after(@rend, 'pre('), ')')"/>
      </xsl:if>
      <xsl:for-each select="str:tokenize(@rendition, ' ')">
        <xsl:variable name="tok" select="substring-after(., '#')"/>
        <xsl:for-each select="$root">
          <xsl:for-each select="key('id', $tok)[@scope = 'before']">
          <xsl:value-of select="substring-before(substring-after(., 'content:&quot;'), '&quot;')"/>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="post">
      <xsl:if test="contains(@rend, 'post(')">
        <xsl:value-of select="substring-before(substring-after(@rend, 'post('), ')')"/>
      </xsl:if>
      <xsl:for-each select="str:tokenize(@rendition, ' ')">
        <xsl:variable name="tok" select="substring-after(., '#')"/>
        <xsl:for-each select="$root">
          <xsl:for-each select="key('id', $tok)[@scope = 'after']">
          <xsl:value-of select="substring-before(substring-after(., 'content:&quot;'), '&quot;')"/>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="plain" select="$pre != '' or $post != ''
        or contains(@rend, 'noquote') or contains(@rend, 'none')
        or contains($marks, substring($s, 1, 1))
        or contains($marks, substring($s, string-length($s), 1))
        or ($before and contains($marks, substring($before, string-length($before), 1)))
        or ($after and contains($marks, substring($after, 1, 1)))"/>
    <xsl:choose>
      <xsl:when test="$plain">
        <xsl:value-of select="$pre"/>
        <span class="{local-name()}">
          <xsl:choose>
            <xsl:when test="$pop"><xsl:apply-templates mode="pop"/></xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="id"/>
              <xsl:apply-templates><xsl:with-param name="flat" select="$flat"/></xsl:apply-templates>
            </xsl:otherwise>
          </xsl:choose>
        </span>
        <xsl:value-of select="$post"/>
      </xsl:when>
      <xsl:otherwise>
        <q class="{local-name()}">
          <xsl:choose>
            <xsl:when test="$pop"><xsl:apply-templates mode="pop"/></xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="id"/>
              <xsl:apply-templates><xsl:with-param name="flat" select="$flat"/></xsl:apply-templates>
            </xsl:otherwise>
          </xsl:choose>
        </q>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Verse: a line numbered every fifth: its @n, else its place in
       its group (lg), or among its siblings when the text numbers no
       line. -->
  <xsl:template match="tei:lg">
    <div class="lg">
      <xsl:call-template name="id"/>
      <xsl:apply-templates select="node()[self::* or self::text()[normalize-space()]]"/>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:l">
    <xsl:variable name="n">
      <xsl:choose>
        <xsl:when test="@n"><xsl:value-of select="@n"/></xsl:when>
        <xsl:when test="parent::tei:lg or not($l-given)"><xsl:value-of select="count(preceding-sibling::tei:l) + 1"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <div class="l">
      <xsl:call-template name="id"/>
      <xsl:if test="$n != '' and number($n) mod 5 = 0">
        <span class="lnum"><xsl:value-of select="$n"/><xsl:text> </xsl:text></span>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:table">
    <xsl:if test="*[not(self::tei:head)]">
      <table>
        <xsl:call-template name="id"/>
        <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()"/></caption></xsl:if>
        <xsl:for-each select="*[not(self::tei:head)]">
          <xsl:choose>
            <xsl:when test="self::tei:row"><xsl:apply-templates select="."/></xsl:when>
            <xsl:otherwise><tr class="{local-name()}"><td><xsl:apply-templates select="."/></td></tr></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </table>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:row">
    <tr>
      <xsl:for-each select="*">
        <xsl:choose>
          <xsl:when test="self::tei:cell"><xsl:apply-templates select="."/></xsl:when>
          <xsl:otherwise><td class="{local-name()}"><xsl:apply-templates select="."/></td></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </tr>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:cell">
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="@role = 'label' or ../@role = 'label'">th</xsl:when>
        <xsl:otherwise>td</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:if test="@cols"><xsl:attribute name="colspan"><xsl:value-of select="@cols"/></xsl:attribute></xsl:if>
      <xsl:if test="@rows"><xsl:attribute name="rowspan"><xsl:value-of select="@rows"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:figure">
    <xsl:if test="*[not(self::tei:graphic or self::tei:binaryObject)] or normalize-space()">
      <figure>
        <xsl:call-template name="id"/>
        <xsl:apply-templates select="node()[self::* or self::text()[normalize-space()]]"/>
      </figure>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:graphic | tei:binaryObject"/>
  <!-- A figure's head: its caption, which HTML wants first or last. -->
  <xsl:template match="tei:figure/tei:head">
    <xsl:choose>
      <xsl:when test="not(preceding-sibling::*[not(self::tei:graphic or self::tei:binaryObject)])
          or not(following-sibling::*[not(self::tei:graphic or self::tei:binaryObject)])">
        <figcaption><xsl:apply-templates/></figcaption>
      </xsl:when>
      <xsl:otherwise>
        <div class="figure-head"><xsl:apply-templates/></div>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:graphic[tei:desc]">
    <span class="graphic-desc"><xsl:apply-templates select="tei:desc/node()"/></span>
  </xsl:template>

  <!-- A register (listPerson, listPlace, listOrg, listEvent): a table
       of names, dates and the rest (notes, occupations...). -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent
      | tei:listNym">
    <xsl:if test="*[not(self::tei:head)]">
      <table class="register {local-name()}">
        <xsl:call-template name="id"/>
        <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()"/></caption></xsl:if>
        <thead><tr><th>Name</th><th>Dates</th><th>Notes</th></tr></thead>
        <xsl:text>&#10;</xsl:text>
        <tbody>
          <xsl:apply-templates select="*[not(self::tei:head)]" mode="register"/>
        </tbody>
      </table>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="*" mode="register">
    <xsl:variable name="names" select="*[self::tei:persName or self::tei:placeName
        or self::tei:orgName or self::tei:name or self::tei:eventName or self::tei:nym
        or self::tei:geogName or self::tei:label]"/>
    <xsl:variable name="dates" select="*[self::tei:birth or self::tei:death
        or self::tei:floruit or self::tei:date]"/>
    <tr>
      <xsl:call-template name="id"/>
      <td class="names">
        <xsl:for-each select="$names">
          <xsl:if test="position() > 1"><br/></xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
        <xsl:if test="not($names)"><xsl:apply-templates select="text()"/></xsl:if>
      </td>
      <td class="dates">
        <xsl:for-each select="$dates">
          <xsl:if test="position() > 1"><br/></xsl:if>
          <span class="{local-name()}">
            <xsl:choose>
              <xsl:when test="self::tei:birth">* </xsl:when>
              <xsl:when test="self::tei:death">† </xsl:when>
              <xsl:when test="self::tei:floruit">fl. </xsl:when>
            </xsl:choose>
            <xsl:call-template name="date-text"/>
          </span>
        </xsl:for-each>
      </td>
      <td class="notes">
        <xsl:for-each select="*[count(. | $names) != count($names)][count(. | $dates) != count($dates)]">
          <div class="{local-name()}"><xsl:apply-templates select="." mode="register-cell"/></div>
        </xsl:for-each>
      </td>
    </tr>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:note | tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent"
      mode="register-cell">
    <xsl:choose>
      <xsl:when test="self::tei:note"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="*" mode="register-cell"><xsl:apply-templates select="."/></xsl:template>
  <xsl:template name="date-text">
    <xsl:apply-templates/>
    <xsl:if test="not(normalize-space()) and not(tei:date)">
      <xsl:value-of select="@when | @from | @notBefore"/>
      <xsl:if test="@to | @notAfter">–<xsl:value-of select="@to | @notAfter"/></xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A source document: its surfaces, zones and lines as text. -->
  <xsl:template match="tei:sourceDoc | tei:surfaceGrp | tei:surface | tei:zone">
    <div class="{local-name()}">
      <xsl:call-template name="id"/>
      <xsl:if test="self::tei:surface and @n">
        <p class="surface-n">[<xsl:value-of select="@n"/>]</p>
      </xsl:if>
      <xsl:apply-templates select="node()[self::* or self::text()[normalize-space()]]"/>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:line">
    <div class="line"><xsl:apply-templates/></div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- ============ inline ============ -->

  <!-- A page of the original begins: a marker in the margin to cite. -->
  <xsl:template match="tei:pb">
    <xsl:if test="not(@n) and not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
    <xsl:if test="@n">
      <xsl:variable name="id">
        <xsl:choose>
          <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="prefix"/>pg_<xsl:value-of select="@n"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <a class="pb" id="{$id}" href="#{$id}" title="page {@n} of the printed edition">[p.&#160;<xsl:value-of select="@n"/>]</a>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb">
    <br/>
    <xsl:if test="not(@break = 'no')"><xsl:text>&#10;</xsl:text></xsl:if>
  </xsl:template>

  <!-- A phrase (mode phr), or a division of its class when it holds a
       block; an empty one shows nothing but stands between words.
       Inside a paragraph found flat ($flat) it need not look. -->
  <xsl:template match="tei:hi | tei:emph | tei:persName | tei:placeName | tei:orgName
      | tei:date | tei:name | tei:term | tei:gloss | tei:title | tei:idno | tei:num
      | tei:seg | tei:rs | tei:foreign | tei:ref | tei:ptr | tei:del | tei:role
      | tei:roleDesc | tei:actor" name="phrase">
    <xsl:param name="flat" select="false()"/>
    <xsl:choose>
      <xsl:when test="not(text()[normalize-space()][1]) and not(normalize-space())
          and not(.//*[self::tei:pb[@n] or self::tei:lb or self::tei:gap or self::tei:note
          or self::tei:app or self::tei:ptr or self::tei:graphic[tei:desc]])
          and not(self::tei:date[@when] or self::tei:ptr)">
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:when test="$flat or not(*)">
        <xsl:apply-templates select="." mode="phr"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="el">
          <xsl:call-template name="el"><xsl:with-param name="el" select="'span'"/></xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$el = 'div'">
            <div class="{local-name()}"><xsl:apply-templates/></div>
          </xsl:when>
          <xsl:otherwise><xsl:apply-templates select="." mode="phr"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The commonest phrases, of text only, at once (no dispatch); any
       other as a phrase.  Tested here, not in the match pattern: a
       predicate in a pattern costs libxslt more than the template. -->
  <xsl:template match="tei:hi | tei:emph" priority="3">
    <xsl:param name="flat" select="false()"/>
    <xsl:choose>
      <xsl:when test="* or not(normalize-space())">
        <xsl:call-template name="phrase"><xsl:with-param name="flat" select="$flat"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="contains(@rend, 'italic') or (self::tei:emph and not(@rend))"><em><xsl:apply-templates/></em></xsl:when>
      <xsl:when test="contains(@rend, 'bold') or contains(@rend, 'strong')"><strong><xsl:apply-templates/></strong></xsl:when>
      <xsl:when test="contains(@rend, 'sup')"><sup><xsl:apply-templates/></sup></xsl:when>
      <xsl:when test="contains(@rend, 'sub')"><sub><xsl:apply-templates/></sub></xsl:when>
      <xsl:otherwise><span class="{normalize-space(concat('hi ', translate(@rend, '#', '')))}"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:ref" priority="3">
    <xsl:param name="flat" select="false()"/>
    <xsl:choose>
      <xsl:when test="* or not(normalize-space())">
        <xsl:call-template name="phrase"><xsl:with-param name="flat" select="$flat"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="(starts-with(@target, '#') or starts-with(@target, 'http')) and not(ancestor::tei:ref)">
        <a href="{@target}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A person: who is meant, from the header, on hover. -->
  <xsl:template match="tei:persName | tei:name[@type = 'person']" mode="phr">
    <xsl:param name="flat" select="false()"/>
    <xsl:variable name="ptr" select="substring-after(concat(@ref, @corresp), '#')"/>
    <xsl:variable name="p" select="key('id', $ptr)"/>
    <span>
      <xsl:attribute name="class">persName</xsl:attribute>
      <xsl:if test="@type = 'from' or @type = 'to'">
        <xsl:attribute name="class">persName <xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$p and not($p/ancestor-or-self::tei:text)">
        <xsl:attribute name="title">
          <xsl:call-template name="person-name">
            <xsl:with-param name="p" select="$p"/>
          </xsl:call-template>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="flat" select="true()"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <xsl:template match="tei:placeName | tei:orgName | tei:date | tei:name
      | tei:term | tei:gloss | tei:title | tei:idno | tei:num | tei:seg | tei:rs" mode="phr">
    <xsl:param name="flat" select="false()"/>
    <span>
      <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:if test="@when"><xsl:attribute name="title"><xsl:value-of select="@when"/></xsl:attribute></xsl:if>
      <xsl:attribute name="class"><xsl:value-of select="normalize-space(concat(local-name(), ' ', translate(@rend, '#', '')))"/></xsl:attribute>
      <xsl:apply-templates>
        <xsl:with-param name="flat" select="true()"/>
      </xsl:apply-templates>
      <xsl:if test="self::tei:date and not(node())"><xsl:value-of select="@when"/></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph" mode="phr">
    <xsl:choose>
      <xsl:when test="contains(@rend, 'italic') or (self::tei:emph and not(@rend))">
        <em><xsl:apply-templates><xsl:with-param name="flat" select="true()"/></xsl:apply-templates></em>
      </xsl:when>
      <xsl:when test="contains(@rend, 'bold') or contains(@rend, 'strong')">
        <strong><xsl:apply-templates><xsl:with-param name="flat" select="true()"/></xsl:apply-templates></strong>
      </xsl:when>
      <xsl:when test="contains(@rend, 'sup')">
        <sup><xsl:apply-templates><xsl:with-param name="flat" select="true()"/></xsl:apply-templates></sup>
      </xsl:when>
      <xsl:when test="contains(@rend, 'sub')">
        <sub><xsl:apply-templates><xsl:with-param name="flat" select="true()"/></xsl:apply-templates></sub>
      </xsl:when>
      <xsl:otherwise>
        <span class="{normalize-space(concat('hi ', translate(@rend, '#', '')))}"><xsl:apply-templates><xsl:with-param name="flat" select="true()"/></xsl:apply-templates></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:foreign" mode="phr">
    <xsl:param name="flat" select="false()"/>
    <i>
      <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
      <xsl:apply-templates>
        <xsl:with-param name="flat" select="true()"/>
      </xsl:apply-templates>
    </i>
  </xsl:template>

  <!-- A link, unless it holds a link of its own (a note's marker, a
       page break): links do not nest. -->
  <xsl:template match="tei:ref | tei:ptr" mode="phr">
    <xsl:param name="flat" select="false()"/>
    <xsl:variable name="target" select="@target"/>
    <xsl:choose>
      <xsl:when test="(starts-with($target, '#') or starts-with($target, 'http'))
          and not(* and .//*[self::tei:note or self::tei:pb[@n] or self::tei:app
              or self::tei:ref or self::tei:ptr]) and not(ancestor::tei:ref)">
        <a href="{$target}"><xsl:apply-templates><xsl:with-param name="flat" select="true()"/></xsl:apply-templates><xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates><xsl:with-param name="flat" select="true()"/></xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="gap" title="{concat('gap: ', @reason)}">[…]</span>
  </xsl:template>
  <xsl:template match="tei:gap[tei:desc]">
    <span class="gap" title="{concat('gap: ', @reason)}"><xsl:apply-templates select="tei:desc/node()"/></span>
  </xsl:template>
  <xsl:template match="tei:note/tei:gap[@reason = 'missing']">
    <span class="missing">The text of this note is missing from the transcription.</span>
  </xsl:template>

  <xsl:template match="tei:del" mode="phr">
    <xsl:param name="flat" select="false()"/>
    <del>
      <xsl:apply-templates>
        <xsl:with-param name="flat" select="true()"/>
      </xsl:apply-templates>
    </del>
  </xsl:template>

  <!-- A choice: the chosen alternative (corr, reg, expan, else the
       first) shown, the others on hover. -->
  <xsl:template match="tei:choice">
    <xsl:param name="flat" select="false()"/>
    <xsl:variable name="el">
      <xsl:call-template name="el">
        <xsl:with-param name="el" select="'span'"/>
        <xsl:with-param name="flat" select="$flat"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="chosen" select="(tei:corr | tei:reg[not(../tei:corr)]
        | tei:expan[not(../tei:corr or ../tei:reg)]
        | *[1][not(../tei:corr or ../tei:reg or ../tei:expan)])[1]"/>
    <xsl:element name="{$el}">
      <xsl:attribute name="class">choice</xsl:attribute>
      <xsl:call-template name="choice-title"><xsl:with-param name="chosen" select="$chosen"/></xsl:call-template>
      <xsl:apply-templates select="$chosen">
        <xsl:with-param name="flat" select="$el != 'div'"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>
  <xsl:template name="choice-title">
    <xsl:param name="chosen"/>
    <xsl:variable name="others" select="*[count(. | $chosen) != 1]"/>
    <xsl:if test="$others">
      <xsl:attribute name="title">
        <xsl:for-each select="$others">
          <xsl:if test="position() > 1">; </xsl:if>
          <xsl:value-of select="local-name()"/>
          <xsl:text>: </xsl:text>
          <xsl:call-template name="plain"><xsl:with-param name="node" select="."/></xsl:call-template>
        </xsl:for-each>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Critical apparatus: the base reading (lem, else the first rdg)
       in the text, marked, its number linking to its entry in the
       apparatus; the other readings on hover. -->
  <xsl:template match="tei:app">
    <xsl:param name="flat" select="false()"/>
    <xsl:variable name="base" select="(tei:lem | tei:rdg[not(../tei:lem)])[1]"/>
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="$flat">span</xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$base">
            <xsl:call-template name="el"><xsl:with-param name="el" select="'span'"/></xsl:call-template>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="id"><xsl:call-template name="app-id"/></xsl:variable>
    <xsl:variable name="title"><xsl:call-template name="app-title"/></xsl:variable>
    <xsl:element name="{concat(substring('span', 1, 4 * ($el != 'div')), substring('div', 1, 3 * ($el = 'div')))}">
      <xsl:attribute name="class">app</xsl:attribute>
      <xsl:if test="$base/node()">
        <xsl:element name="{concat(substring('span', 1, 4 * ($el != 'div')), substring('div', 1, 3 * ($el = 'div')))}">
          <xsl:attribute name="class">lem</xsl:attribute>
          <xsl:if test="$title != ''"><xsl:attribute name="title"><xsl:value-of select="$title"/></xsl:attribute></xsl:if>
          <xsl:apply-templates select="$base/node()">
            <xsl:with-param name="flat" select="$el != 'div'"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:if>
      <sup class="appref"><a href="#{$id}" id="{$id}-ref"><xsl:call-template name="app-number"/></a></sup>
    </xsl:element>
  </xsl:template>

  <xsl:template name="app-number">
    <xsl:variable name="g" select="generate-id()"/>
    <xsl:for-each select="$numbers"><xsl:value-of select="key('app-k', $g)"/></xsl:for-each>
  </xsl:template>
  <xsl:template name="app-id">
    <xsl:call-template name="prefix"/>
    <xsl:text>app-</xsl:text>
    <xsl:call-template name="app-number"/>
  </xsl:template>
  <xsl:template name="app-title">
    <xsl:for-each select="*[self::tei:rdg or self::tei:rdgGrp][not(self::tei:rdg and not(../tei:lem) and not(preceding-sibling::tei:rdg))]">
      <xsl:if test="position() > 1">; </xsl:if>
      <xsl:call-template name="plain"><xsl:with-param name="node" select="."/></xsl:call-template>
      <xsl:if test="@wit"> (<xsl:value-of select="normalize-space(translate(@wit, '#', ''))"/>)</xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- A footnote: the reference at its marker, readable in place.  An
       inline note (rend or place inline) stays in the text, told apart
       here, not by a predicate in the match pattern (costlier). -->
  <xsl:template match="tei:note">
    <!-- A given @xml:id and @n as they are (see notes-list). -->
    <xsl:choose>
      <xsl:when test="@place = 'inline' or @rend = 'inline'">
        <span class="note-inline"><xsl:apply-templates mode="pop"/></span>
      </xsl:when>
      <xsl:when test="@xml:id and @n">
        <xsl:call-template name="note-ref">
          <xsl:with-param name="id" select="string(@xml:id)"/>
          <xsl:with-param name="label" select="string(@n)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="note-ref">
          <xsl:with-param name="id"><xsl:call-template name="note-id"/></xsl:with-param>
          <xsl:with-param name="label"><xsl:call-template name="note-label"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="note-ref">
    <xsl:param name="id"/>
    <xsl:param name="label"/>
    <sup class="fnref">
      <a href="#{$id}" id="{$id}-ref" aria-describedby="{$id}-pop">
        <xsl:value-of select="$label"/>
      </a>
      <span class="fnpop" id="{$id}-pop" role="tooltip">
        <xsl:apply-templates mode="pop"/>
      </span>
    </sup>
  </xsl:template>

  <xsl:template name="prefix">
    <xsl:if test="$corpus">
      <xsl:variable name="g" select="generate-id(ancestor-or-self::tei:TEI[1])"/>
      <xsl:for-each select="$numbers">t<xsl:value-of select="key('tei-k', $g)"/>-</xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template name="note-id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="prefix"/>
        <xsl:text>note-</xsl:text>
        <xsl:variable name="g" select="generate-id()"/>
        <xsl:for-each select="$numbers"><xsl:value-of select="key('fn-k', $g)"/></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note's label: its @n, else its place among its TEI's notes
       that have none. -->
  <xsl:template name="note-label">
    <xsl:choose>
      <xsl:when test="@n"><xsl:value-of select="@n"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="g" select="generate-id()"/>
        <xsl:for-each select="$numbers"><xsl:value-of select="key('fn-u', $g)"/></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ the pop-up: phrasing only, no ids ============ -->

  <xsl:template match="tei:p | tei:ab | tei:quote[tei:p or tei:lg or tei:l or tei:list or tei:ab]
      | tei:list | tei:item | tei:lg | tei:l | tei:table | tei:row | tei:cell | tei:figure
      | tei:head | tei:sp | tei:speaker | tei:stage | tei:div" mode="pop">
    <span class="{local-name()}"><xsl:apply-templates mode="pop"/><xsl:text> </xsl:text></span>
  </xsl:template>
  <xsl:template match="tei:quote | tei:q | tei:said" mode="pop">
    <xsl:call-template name="quote-inline"><xsl:with-param name="pop" select="true()"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:hi | tei:emph" mode="pop">
    <xsl:choose>
      <xsl:when test="contains(@rend, 'italic') or (self::tei:emph and not(@rend))"><em><xsl:apply-templates mode="pop"/></em></xsl:when>
      <xsl:when test="contains(@rend, 'bold') or contains(@rend, 'strong')"><strong><xsl:apply-templates mode="pop"/></strong></xsl:when>
      <xsl:when test="contains(@rend, 'sup')"><sup><xsl:apply-templates mode="pop"/></sup></xsl:when>
      <xsl:when test="contains(@rend, 'sub')"><sub><xsl:apply-templates mode="pop"/></sub></xsl:when>
      <xsl:otherwise><span class="{normalize-space(concat('hi ', translate(@rend, '#', '')))}"><xsl:apply-templates mode="pop"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:foreign" mode="pop"><i lang="{@xml:lang}"><xsl:apply-templates mode="pop"/></i></xsl:template>
  <xsl:template match="tei:lb" mode="pop"><br/></xsl:template>
  <xsl:template match="tei:pb" mode="pop">
    <xsl:if test="@n"><span class="pb">[p.&#160;<xsl:value-of select="@n"/>]</span></xsl:if>
  </xsl:template>
  <xsl:template match="tei:note" mode="pop">
    <xsl:choose>
      <xsl:when test="@place = 'inline' or @rend = 'inline'">
        <span class="note-inline"><xsl:apply-templates mode="pop"/></span>
      </xsl:when>
      <xsl:otherwise>
        <sup class="fnref-inner"><xsl:call-template name="note-label"/></sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:choice" mode="pop">
    <xsl:variable name="chosen" select="(tei:corr | tei:reg[not(../tei:corr)]
        | tei:expan[not(../tei:corr or ../tei:reg)]
        | *[1][not(../tei:corr or ../tei:reg or ../tei:expan)])[1]"/>
    <span class="choice">
      <xsl:call-template name="choice-title"><xsl:with-param name="chosen" select="$chosen"/></xsl:call-template>
      <xsl:apply-templates select="$chosen" mode="pop"/>
    </span>
  </xsl:template>
  <xsl:template match="tei:app" mode="pop">
    <xsl:variable name="base" select="(tei:lem | tei:rdg[not(../tei:lem)])[1]"/>
    <span class="app">
      <xsl:if test="$base/node()">
        <span class="lem"><xsl:apply-templates select="$base/node()" mode="pop"/></span>
      </xsl:if>
      <sup class="appref"><xsl:call-template name="app-number"/></sup>
    </span>
  </xsl:template>
  <xsl:template match="tei:ref" mode="pop">
    <xsl:choose>
      <xsl:when test="starts-with(@target, '#') or starts-with(@target, 'http')">
        <a href="{@target}"><xsl:apply-templates mode="pop"/></a>
      </xsl:when>
      <xsl:when test="node()">
        <span class="ref"><xsl:apply-templates mode="pop"/></span>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:gap | tei:note/tei:gap[@reason = 'missing']" mode="pop">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="tei:del" mode="pop"><del><xsl:apply-templates mode="pop"/></del></xsl:template>
  <xsl:template match="tei:teiHeader | tei:fw | tei:facsimile | tei:graphic
      | tei:binaryObject" mode="pop"/>
  <xsl:template match="*" mode="pop">
    <xsl:if test="node()">
      <span class="{local-name()}"><xsl:apply-templates mode="pop"/></span>
    </xsl:if>
  </xsl:template>

  <!-- ============ lists at the end ============ -->

  <!-- The context's (a TEI, or the root) notes, numbered; each links
       back. -->
  <xsl:template name="notes-list">
    <xsl:variable name="in" select="self::tei:TEI/tei:text | self::*[not(self::tei:TEI)]"/>
    <xsl:variable name="fn" select="$top-fn | $in[not(/tei:TEI)]//tei:note
        [not(@place = 'inline' or @rend = 'inline')]
        [not(@type = 'source' and not(@n) and parent::tei:div)]
        [not(parent::tei:person or parent::tei:place or parent::tei:org
             or parent::tei:event)]"/>
    <xsl:if test="$fn">
      <xsl:variable name="p"><xsl:call-template name="prefix"/></xsl:variable>
      <section class="notes" aria-labelledby="{$p}notes-h">
        <h2 id="{$p}notes-h">Notes</h2>
        <ol>
          <xsl:for-each select="$fn">
            <!-- A given @xml:id and @n as they are: a result tree
                 fragment per note costs more than the note. -->
            <xsl:choose>
              <xsl:when test="@xml:id and @n">
                <li id="{@xml:id}">
                  <xsl:variable name="v" select="translate(@n, 'abcdefghijklmnopqrstuvwxyz', '')"/>
                  <xsl:if test="string(number($v)) = $v">
                    <xsl:attribute name="value"><xsl:value-of select="$v"/></xsl:attribute>
                  </xsl:if>
                  <span class="fnnum"><xsl:value-of select="@n"/>.</span>
                  <xsl:text> </xsl:text>
                  <xsl:apply-templates/>
                  <xsl:text> </xsl:text>
                  <a class="back" href="#{@xml:id}-ref" aria-label="Back to the text of note {@n}">↩</a>
                </li>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="note-item">
                  <xsl:with-param name="id"><xsl:call-template name="note-id"/></xsl:with-param>
                  <xsl:with-param name="label"><xsl:call-template name="note-label"/></xsl:with-param>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:text>&#10;</xsl:text>
          </xsl:for-each>
        </ol>
      </section>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A note of the list: its number, its text, the way back. -->
  <xsl:template name="note-item">
    <xsl:param name="id"/>
    <xsl:param name="label"/>
    <li id="{$id}">
      <xsl:variable name="v" select="translate(@n, 'abcdefghijklmnopqrstuvwxyz', '')"/>
      <xsl:if test="$v != '' and string(number($v)) = $v">
        <xsl:attribute name="value"><xsl:value-of select="$v"/></xsl:attribute>
      </xsl:if>
      <span class="fnnum"><xsl:value-of select="$label"/>.</span>
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
      <xsl:text> </xsl:text>
      <a class="back" href="#{$id}-ref" aria-label="Back to the text of note {$label}">↩</a>
    </li>
  </xsl:template>

  <!-- The apparatus: per entry, the lemma, then each other reading
       with its witnesses (sigla, or the witness's @n from listWit,
       its description on hover); each links back. -->
  <xsl:template name="apparatus">
    <xsl:variable name="in" select="self::tei:TEI/tei:text | self::*[not(self::tei:TEI)]"/>
    <xsl:variable name="apps" select="$in//tei:app"/>
    <xsl:if test="$apps">
      <xsl:variable name="p"><xsl:call-template name="prefix"/></xsl:variable>
      <section class="apparatus" aria-labelledby="{$p}apparatus-h">
        <h2 id="{$p}apparatus-h">Apparatus</h2>
        <ol>
          <xsl:for-each select="$apps">
            <xsl:variable name="id"><xsl:call-template name="app-id"/></xsl:variable>
            <xsl:variable name="base" select="(tei:lem | tei:rdg[not(../tei:lem)])[1]"/>
            <li id="{$id}">
              <a class="appnum" href="#{$id}-ref"><xsl:call-template name="app-number"/></a>
              <xsl:text> </xsl:text>
              <span class="lem">
                <xsl:variable name="lem"><xsl:call-template name="plain"><xsl:with-param name="node" select="$base"/></xsl:call-template></xsl:variable>
                <xsl:choose>
                  <xsl:when test="$lem != ''"><xsl:value-of select="$lem"/></xsl:when>
                  <xsl:otherwise>⟨om.⟩</xsl:otherwise>
                </xsl:choose>
              </span>
              <xsl:for-each select="$base[@wit]"><xsl:text> </xsl:text><xsl:call-template name="wit"/></xsl:for-each>
              <xsl:text>] </xsl:text>
              <xsl:for-each select="*[count(. | $base) != 1]">
                <xsl:apply-templates select="." mode="app-entry"/>
              </xsl:for-each>
              <xsl:text> </xsl:text>
              <a class="back" href="#{$id}-ref" aria-label="Back to the text">↩</a>
            </li>
            <xsl:text>&#10;</xsl:text>
          </xsl:for-each>
        </ol>
      </section>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:rdg | tei:lem" mode="app-entry">
    <span class="rdg">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
      <xsl:if test="not(node())">⟨om.⟩</xsl:if>
    </span>
    <xsl:if test="@wit"><xsl:text> </xsl:text><xsl:call-template name="wit"/></xsl:if>
    <xsl:if test="following-sibling::*[self::tei:rdg or self::tei:rdgGrp]">; </xsl:if>
  </xsl:template>
  <xsl:template match="tei:rdgGrp" mode="app-entry">
    <xsl:apply-templates select="*" mode="app-entry"/>
  </xsl:template>
  <xsl:template match="*" mode="app-entry">
    <xsl:text> </xsl:text>
    <span class="{local-name()}"><xsl:apply-templates select="."/></span>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:note | tei:app" mode="app-entry">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template name="wit">
    <span class="wit">
      <xsl:for-each select="str:tokenize(@wit, ' ')">
        <xsl:variable name="tok" select="substring-after(., '#')"/>
        <xsl:variable name="w-rtf"><xsl:for-each select="$root"><xsl:for-each select="key('id', $tok)"><xsl:value-of select="@n"/>|<xsl:call-template name="plain"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:for-each></xsl:for-each></xsl:variable>
        <xsl:variable name="w" select="string($w-rtf)"/>
        <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:choose>
          <xsl:when test="$w != ''">
            <abbr title="{substring-after($w, '|')}">
              <xsl:choose>
                <xsl:when test="substring-before($w, '|') != ''"><xsl:value-of select="substring-before($w, '|')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="translate(., '#', '')"/></xsl:otherwise>
              </xsl:choose>
            </abbr>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="translate(., '#', '')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- Header matter and editorial furniture are not part of the view. -->
  <xsl:template match="tei:teiHeader | tei:fw | tei:facsimile | tei:standOff"/>
  <xsl:template match="processing-instruction() | comment()"/>

  <!-- Any other element: a phrase, or a division when it holds a block
       or stands among blocks; when empty, a space (TEI's milestones,
       cb, gb... stand between words).  One that TEI sets apart (a
       label, a form, an utterance) is followed by a space. -->
  <xsl:template match="*">
    <xsl:param name="flat" select="false()"/>
    <xsl:choose>
      <xsl:when test="not(normalize-space()) and not(.//*[self::tei:pb[@n] or self::tei:lb
          or self::tei:gap or self::tei:note or self::tei:app or self::tei:ptr
          or self::tei:date[@when] or self::tei:graphic[tei:desc]])">
        <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="among" select="parent::tei:body or parent::tei:front
            or parent::tei:back or parent::tei:div or parent::tei:div1 or parent::tei:div2
            or parent::tei:div3 or parent::tei:div4 or parent::tei:div5 or parent::tei:div6
            or parent::tei:div7 or parent::tei:sp or parent::tei:lg or parent::tei:text
            or parent::tei:group or parent::tei:castList or parent::tei:titlePage"/>
        <xsl:variable name="el">
          <xsl:choose>
            <xsl:when test="$among">div</xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="el">
                <xsl:with-param name="el" select="'span'"/>
                <xsl:with-param name="flat" select="$flat"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:element name="{$el}">
          <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
          <xsl:apply-templates>
            <xsl:with-param name="flat" select="$el = 'span'"/>
          </xsl:apply-templates>
        </xsl:element>
        <xsl:if test="$el = 'div'"><xsl:text>&#10;</xsl:text></xsl:if>
        <xsl:if test="$el != 'div' and self::tei:*
            and contains(' label move set entry form sense u figDesc docDate ', concat(' ', local-name(), ' '))">
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ helpers ============ -->

  <!-- A person's name from the header: its persName, else its text. -->
  <xsl:template name="person-name">
    <xsl:param name="p"/>
    <xsl:call-template name="plain">
      <xsl:with-param name="node" select="$p/tei:persName[1] | $p[not(tei:persName)]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="id">
    <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template name="style">
:root { --ink: #1d1d1b; --faint: #6b6b66; --rule: #d8d4cc; --accent: #7a2e12; --paper: #fdfcf8; }
html { background: var(--paper); color: var(--ink); }
body { font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; margin: 0 auto; max-width: 42rem; padding: 2rem 3.5rem 4rem 5rem; }
header { border-bottom: 1px solid var(--rule); margin-bottom: 1.5rem; padding-bottom: .75rem; }
.titleblock .title { font-size: 1.6rem; font-weight: normal; line-height: 1.3; margin: 0 0 .4rem; font-style: normal; }
.titleblock p { margin: .1rem 0; text-align: left; }
.titleblock .subtitle { font-style: italic; }
.titleblock .label, .corresp .label { font-variant: small-caps; color: var(--faint); }
section.tei { margin: 0 0 3rem; }
section.tei + section.tei { border-top: 2px solid var(--rule); padding-top: 1.5rem; }
.docnum { font-variant: small-caps; letter-spacing: .05em; color: var(--faint); margin: 0; }
h1 { font-size: 1.35rem; font-weight: normal; line-height: 1.35; margin: .25rem 0 .5rem; }
h2, h3, h4, h5, h6 { font-size: 1.1rem; font-weight: normal; font-style: italic; }
.source { font-size: .875rem; color: var(--faint); margin: 0; }
.source .label { font-variant: small-caps; }
p, div.p { margin: 0 0 .9rem; text-align: justify; hyphens: auto; }
.center { text-align: center; }
.right, .dateline { text-align: right; }
.smallcaps { font-variant: small-caps; }
.sp { margin: 0 0 .9rem; }
.sp > * { margin-top: 0; margin-bottom: .3rem; }
.sp > :last-child, .sp > .l { margin-bottom: 0; }
.sp .speaker { font-variant: small-caps; font-weight: bold; margin: 0 0 .2rem; letter-spacing: .03em; }
.sp .speaker + p { text-indent: 0; }
.sp > .speaker + * { margin-top: 0; }
.stage { font-style: italic; }
p.stage, div.stage { color: var(--faint); margin: .4rem 0 .6rem 1.5rem; }
section.castList { margin: 0 0 1.5rem; }
ul.castList, ul.castList ul { list-style: none; padding-left: 0; margin: 0 0 .9rem; }
ul.castList ul { padding-left: 1.5rem; margin: .2rem 0 .4rem; }
.castGroup-head { font-style: italic; }
.role { font-variant: small-caps; letter-spacing: .03em; }
.roleDesc { font-style: italic; }
.lg { margin: 0 0 .9rem; }
.l { position: relative; }
.lnum { position: absolute; right: -3rem; width: 2.5rem; text-align: right; font: .75rem/1.6 system-ui, sans-serif; color: var(--faint); }
.lg-head { font-style: italic; margin: 0 0 .3rem; }
.persName[title] { text-decoration: underline dotted var(--faint); text-underline-offset: .2em; cursor: help; }
.choice[title], .lem[title] { text-decoration: underline dotted var(--accent); text-underline-offset: .2em; cursor: help; }
.opener, .closer, .postscript { margin: 0 0 .9rem; }
.closer .signed, .signed { text-align: right; font-style: italic; }
a { color: var(--accent); }
a.pb { position: absolute; left: -4.5rem; width: 3.75rem; text-align: right; font: .75rem/1.6 system-ui, sans-serif; color: var(--faint); text-decoration: none; white-space: nowrap; }
a.pb::after { content: ""; position: absolute; right: -.55rem; top: .2em; height: 1.1em; border-right: 1px solid var(--rule); }
a.pb:hover, a.pb:focus, a.pb:target { color: var(--accent); text-decoration: underline; }
main { position: relative; }
sup.fnref, sup.appref { position: relative; line-height: 0; font-size: .75em; }
sup.fnref > a, sup.appref > a { text-decoration: none; padding: 0 .1em; }
sup.appref > a { font-style: italic; }
.fnpop { display: none; position: absolute; z-index: 2; left: -1rem; top: 1.4em; width: min(24rem, 80vw); padding: .6rem .8rem; background: #fff; border: 1px solid var(--rule); box-shadow: 0 .3rem 1rem rgba(0,0,0,.12); font-size: .875rem; line-height: 1.45; text-align: left; color: var(--ink); font-style: normal; font-weight: normal; }
sup.fnref:hover .fnpop, sup.fnref:focus-within .fnpop { display: block; }
.missing { font-style: italic; color: var(--faint); }
.notes, .apparatus { border-top: 1px solid var(--rule); margin-top: 2rem; font-size: .9rem; }
.notes h2, .apparatus h2 { font-style: normal; font-variant: small-caps; letter-spacing: .05em; font-size: 1rem; }
.notes ol, .apparatus ol { list-style: none; padding: 0; }
.notes li, .apparatus li { margin: 0 0 .5rem; }
.notes li > p { margin: .3rem 0 0; }
.notes li > p:first-of-type { display: inline; }
.titlePage { margin: 0 0 1.5rem; }
.notes li:target, .apparatus li:target { background: #f5ecd9; }
.fnnum, .appnum { font-weight: bold; }
.apparatus .wit { font-style: italic; color: var(--faint); }
a.back { text-decoration: none; }
blockquote { margin: 0 0 .9rem 1.5rem; }
table { border-collapse: collapse; margin: 0 0 .9rem; }
td, th { border: 1px solid var(--rule); padding: .2rem .4rem; vertical-align: top; }
.register td.names { font-weight: bold; }
.line { white-space: pre-wrap; }
.surface { border-top: 1px solid var(--rule); margin: 0 0 1rem; }
@media (max-width: 40rem) { body { padding: 1rem 1rem 3rem 3.25rem; } a.pb { left: -3.25rem; width: 2.75rem; } .lnum { right: -.5rem; } }
@media print {
  html { background: none; }
  body { max-width: none; padding: 0 0 0 3rem; font-size: 11pt; }
  .fnpop { display: none !important; }
  a { color: inherit; text-decoration: none; }
  a.back { display: none; }
  a.pb { color: #555; }
  .notes { break-before: auto; }
}
  </xsl:template>

</xsl:stylesheet>
