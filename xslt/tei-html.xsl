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

  Parameters: css (extra CSS appended to the built-in style).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="tei exsl">

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:param name="css" select="''"/>

  <xsl:key name="id" match="*[@xml:id]" use="@xml:id"/>

  <!-- Footnotes: notes not set inline, except an unnumbered source
       note (teikit's, shown in the document's header); FRUS numbers its
       source notes among the footnotes. -->
  <xsl:variable name="footnotes"
      select="//tei:text//tei:note[not(@type = 'source' and not(@n))]
              [not(@place = 'inline') and not(@rend = 'inline')]"/>

  <!-- Footnote numbers, counted once: xsl:number level="any" walks
       back over the document for each note, which is quadratic (20,000
       notes took minutes).  In a document with one <text> (or none) a
       note's number is its place among the notes counted; any other is
       left to xsl:number. -->
  <xsl:variable name="texts" select="count(//tei:text)"/>
  <xsl:variable name="numbered-rtf">
    <xsl:variable name="counted" select="$footnotes[$texts = 1]
        | //tei:note[$texts = 0][not(@type = 'source' and not(@n))]
            [not(@place = 'inline') and not(@rend = 'inline')]"/>
    <xsl:for-each select="$counted">
      <n id="{generate-id()}"><xsl:value-of select="position()"/></n>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="numbered" select="exsl:node-set($numbered-rtf)"/>
  <xsl:key name="note-number" match="n" use="@id"/>

  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="/*/@xml:lang"><xsl:value-of select="/*/@xml:lang"/></xsl:when>
      <xsl:when test="//tei:text/@xml:lang"><xsl:value-of select="//tei:text/@xml:lang"/></xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="teikit"/>
        <title><xsl:call-template name="page-title"/></title>
        <style><xsl:call-template name="style"/><xsl:value-of select="$css"/></style>
      </head>
      <body>
        <xsl:apply-templates select="(tei:TEI | tei:teiCorpus)/tei:text
            | tei:text | tei:div"/>
        <xsl:if test="not(tei:TEI | tei:teiCorpus | tei:text | tei:div)">
          <main><xsl:apply-templates select="*"/></main>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="page-title">
    <xsl:choose>
      <xsl:when test="//tei:titleStmt/tei:title">
        <xsl:value-of select="normalize-space((//tei:titleStmt/tei:title)[1])"/>
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
  <xsl:template match="tei:note" mode="plain"/>
  <xsl:template match="*" mode="plain"><xsl:apply-templates mode="plain"/></xsl:template>
  <xsl:template match="text()" mode="plain"><xsl:value-of select="."/></xsl:template>

  <!-- The text of `node`, notes left out, white space collapsed. -->
  <xsl:template name="plain">
    <xsl:param name="node"/>
    <xsl:variable name="raw"><xsl:apply-templates select="$node" mode="plain"/></xsl:variable>
    <xsl:value-of select="normalize-space($raw)"/>
  </xsl:template>

  <!-- ============ the page ============ -->

  <xsl:template match="tei:text">
    <main id="text">
      <xsl:apply-templates select="*"/>
    </main>
    <xsl:call-template name="notes-list"/>
  </xsl:template>

  <xsl:template match="/tei:div">
    <main id="text"><xsl:apply-templates select="." mode="div"/></main>
    <xsl:call-template name="notes-list"/>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back | tei:group">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:div">
    <xsl:apply-templates select="." mode="div"/>
  </xsl:template>

  <!-- A document: its number, head and source note make the header. -->
  <xsl:template match="tei:div" mode="div">
    <xsl:variable name="doc" select="@type = 'document'"/>
    <article>
      <xsl:attribute name="class">
        <xsl:value-of select="concat('div ', @type)"/>
      </xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:if test="tei:head or ($doc and @n) or tei:note[@type = 'source'][not(@n)]">
        <header>
          <xsl:if test="$doc and @n">
            <p class="docnum">
              <xsl:choose>
                <xsl:when test="starts-with(normalize-space(tei:head), concat(@n, '. '))"/>
                <xsl:otherwise><xsl:value-of select="concat('No. ', @n)"/></xsl:otherwise>
              </xsl:choose>
            </p>
          </xsl:if>
          <xsl:apply-templates select="tei:head"/>
          <xsl:for-each select="tei:note[@type = 'source'][not(@n)]">
            <p class="source">
              <span class="label">Source: </span>
              <xsl:apply-templates/>
            </p>
          </xsl:for-each>
        </header>
      </xsl:if>
      <xsl:apply-templates select="*[not(self::tei:head)]
          [not(self::tei:note[@type = 'source'][not(@n)])]"/>
    </article>
  </xsl:template>

  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="count(ancestor::tei:div)"/>
    <xsl:variable name="h">
      <xsl:choose>
        <xsl:when test="$depth &lt;= 1">h1</xsl:when>
        <xsl:when test="$depth &gt;= 5">h6</xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('h', $depth)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$h}">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ============ blocks ============ -->

  <xsl:template match="tei:p | tei:ab">
    <p>
      <xsl:call-template name="id"/>
      <xsl:call-template name="rend-class"/>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- A turn: the speaker's label set apart, then what was said. -->
  <xsl:template match="tei:sp">
    <section class="sp">
      <xsl:call-template name="id"/>
      <xsl:apply-templates select="*"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <p class="speaker">
      <xsl:variable name="who" select="key('id', substring-after(../@who, '#'))"/>
      <xsl:if test="$who">
        <xsl:attribute name="title">
          <xsl:call-template name="person-name">
            <xsl:with-param name="p" select="$who"/>
          </xsl:call-template>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument
      | tei:epigraph | tei:byline | tei:docAuthor | tei:trailer">
    <div class="{local-name()}">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed">
    <p class="{local-name()}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:opener/tei:dateline | tei:opener/tei:salute
      | tei:closer/tei:salute | tei:closer/tei:signed | tei:closer/tei:dateline">
    <p class="{local-name()}"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- Children of one kind or another as one step with a predicate,
       not a union (tei:label | tei:item): libxml2 merges a union by
       comparing every node of one with every node of the other. -->
  <xsl:template match="tei:list">
    <xsl:variable name="ordered" select="@type = 'ordered' or @rend = 'numbered'"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:choose>
      <xsl:when test="tei:label">
        <dl class="list"><xsl:apply-templates select="*[self::tei:label or self::tei:item]" mode="dl"/></dl>
      </xsl:when>
      <xsl:when test="$ordered">
        <ol><xsl:apply-templates select="tei:item"/></ol>
      </xsl:when>
      <xsl:otherwise>
        <ul><xsl:apply-templates select="tei:item"/></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:list/tei:head">
    <p class="list-head"><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="tei:item"><li><xsl:call-template name="id"/><xsl:apply-templates/></li></xsl:template>
  <xsl:template match="tei:label" mode="dl"><dt><xsl:apply-templates/></dt></xsl:template>
  <xsl:template match="tei:item" mode="dl"><dd><xsl:apply-templates/></dd></xsl:template>

  <xsl:template match="tei:quote[tei:p or tei:lg or tei:list] | tei:floatingText">
    <blockquote><xsl:apply-templates/></blockquote>
  </xsl:template>

  <xsl:template match="tei:lg"><div class="lg"><xsl:apply-templates/></div></xsl:template>
  <xsl:template match="tei:l"><div class="l"><xsl:apply-templates/></div></xsl:template>

  <xsl:template match="tei:table">
    <table>
      <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()"/></caption></xsl:if>
      <xsl:apply-templates select="tei:row"/>
    </table>
  </xsl:template>
  <xsl:template match="tei:row">
    <tr><xsl:apply-templates select="tei:cell"/></tr>
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
  </xsl:template>

  <xsl:template match="tei:figure">
    <figure><xsl:apply-templates select="*[self::tei:head or self::tei:figDesc or self::tei:p]"/></figure>
  </xsl:template>
  <xsl:template match="tei:figure/tei:head"><figcaption><xsl:apply-templates/></figcaption></xsl:template>
  <xsl:template match="tei:graphic"/>

  <!-- ============ inline ============ -->

  <!-- A page of the original begins: a marker in the margin to cite. -->
  <xsl:template match="tei:pb">
    <xsl:variable name="id">
      <xsl:choose>
        <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('pg_', @n)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="@n">
      <a class="pb" id="{$id}" href="#{$id}" title="page {@n} of the printed edition">[p.&#160;<xsl:value-of select="@n"/>]</a>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb"><br/></xsl:template>

  <!-- A person: who is meant, from the header, on hover. -->
  <xsl:template match="tei:persName | tei:name[@type = 'person']">
    <xsl:variable name="ptr" select="substring-after(concat(@ref, @corresp), '#')"/>
    <xsl:variable name="p" select="key('id', $ptr)"/>
    <span class="persName">
      <xsl:if test="@type = 'from' or @type = 'to'">
        <xsl:attribute name="class">persName <xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$p">
        <xsl:attribute name="title">
          <xsl:call-template name="person-name">
            <xsl:with-param name="p" select="$p"/>
          </xsl:call-template>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:placeName | tei:orgName | tei:date | tei:name
      | tei:term | tei:gloss | tei:title | tei:idno | tei:num | tei:seg | tei:rs">
    <span class="{local-name()}">
      <xsl:if test="@when"><xsl:attribute name="title"><xsl:value-of select="@when"/></xsl:attribute></xsl:if>
      <xsl:call-template name="rend-class-extra">
        <xsl:with-param name="base" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph">
    <xsl:choose>
      <xsl:when test="contains(@rend, 'italic') or (self::tei:emph and not(@rend))"><em><xsl:apply-templates/></em></xsl:when>
      <xsl:when test="contains(@rend, 'bold') or contains(@rend, 'strong')"><strong><xsl:apply-templates/></strong></xsl:when>
      <xsl:when test="contains(@rend, 'sup')"><sup><xsl:apply-templates/></sup></xsl:when>
      <xsl:when test="contains(@rend, 'sub')"><sub><xsl:apply-templates/></sub></xsl:when>
      <xsl:otherwise>
        <span class="hi {translate(@rend, '#', '')}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <i lang="{@xml:lang}"><xsl:apply-templates/></i>
  </xsl:template>

  <xsl:template match="tei:q | tei:quote | tei:said">
    <q><xsl:apply-templates/></q>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="target" select="@target"/>
    <xsl:choose>
      <xsl:when test="starts-with($target, '#') or starts-with($target, 'http')">
        <a href="{$target}"><xsl:apply-templates/><xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
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

  <xsl:template match="tei:sic | tei:corr | tei:reg | tei:orig | tei:abbr
      | tei:expan | tei:add | tei:unclear | tei:supplied">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:del"><del><xsl:apply-templates/></del></xsl:template>
  <xsl:template match="tei:choice">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan)[1] | *[1][not(../tei:corr | ../tei:reg | ../tei:expan)]"/>
  </xsl:template>

  <!-- An inline note (rend or place inline) stays in the text. -->
  <xsl:template match="tei:note[@place = 'inline' or @rend = 'inline']">
    <span class="note-inline"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A footnote: the reference at its marker, readable in place. -->
  <xsl:template match="tei:note">
    <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
    <xsl:variable name="label"><xsl:call-template name="note-label"/></xsl:variable>
    <sup class="fnref">
      <a href="#{$id}" id="{$id}-ref" aria-describedby="{$id}-pop">
        <xsl:value-of select="$label"/>
      </a>
      <span class="fnpop" id="{$id}-pop" role="tooltip">
        <xsl:apply-templates mode="pop"/>
      </span>
    </sup>
  </xsl:template>

  <xsl:template name="note-id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:text>note-</xsl:text>
        <xsl:call-template name="note-number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="note-label">
    <xsl:choose>
      <xsl:when test="@n"><xsl:value-of select="@n"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="note-number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The note's number among the footnotes of its text.  key() looks
       in the document of the context node: the table of numbers. -->
  <xsl:template name="note-number">
    <xsl:variable name="id" select="generate-id()"/>
    <xsl:choose>
      <xsl:when test="$numbered[key('note-number', $id)]">
        <xsl:for-each select="$numbered">
          <xsl:value-of select="key('note-number', $id)"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:number level="any" count="tei:note[not(@type = 'source' and not(@n))][not(@place = 'inline') and not(@rend = 'inline')]" from="tei:text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- In the pop-up, a note's paragraphs are spans: it sits inside a
       paragraph of the text. -->
  <xsl:template match="tei:p | tei:ab | tei:quote | tei:list | tei:item
      | tei:lg | tei:l | tei:table | tei:row | tei:cell | tei:figure" mode="pop">
    <span class="{local-name()}"><xsl:apply-templates mode="pop"/><xsl:text> </xsl:text></span>
  </xsl:template>
  <xsl:template match="tei:note" mode="pop">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="node()" mode="pop">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- The notes, numbered, at the end; each links back. -->
  <xsl:template name="notes-list">
    <xsl:if test="$footnotes">
      <section class="notes" aria-labelledby="notes-h">
        <h2 id="notes-h">Notes</h2>
        <ol>
          <xsl:for-each select="$footnotes">
            <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
            <li id="{$id}">
              <xsl:attribute name="value">
                <xsl:value-of select="translate(@n, 'abcdefghijklmnopqrstuvwxyz', '')"/>
              </xsl:attribute>
              <span class="fnnum"><xsl:call-template name="note-label"/>.</span>
              <xsl:text> </xsl:text>
              <xsl:apply-templates/>
              <xsl:text> </xsl:text>
              <a class="back" href="#{$id}-ref" aria-label="Back to the text of note {@n}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Header matter and editorial furniture are not part of the view. -->
  <xsl:template match="tei:teiHeader | tei:fw | tei:facsimile"/>
  <xsl:template match="processing-instruction() | comment()"/>

  <xsl:template match="*">
    <span class="{local-name()}"><xsl:apply-templates/></span>
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

  <xsl:template name="rend-class">
    <xsl:if test="@rend"><xsl:attribute name="class"><xsl:value-of select="translate(@rend, '#', '')"/></xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template name="rend-class-extra">
    <xsl:param name="base"/>
    <xsl:if test="@rend"><xsl:attribute name="class"><xsl:value-of select="concat($base, ' ', translate(@rend, '#', ''))"/></xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template name="style">
:root { --ink: #1d1d1b; --faint: #6b6b66; --rule: #d8d4cc; --accent: #7a2e12; --paper: #fdfcf8; }
html { background: var(--paper); color: var(--ink); }
body { font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; margin: 0 auto; max-width: 42rem; padding: 2rem 3.5rem 4rem 5rem; }
header { border-bottom: 1px solid var(--rule); margin-bottom: 1.5rem; padding-bottom: .75rem; }
.docnum { font-variant: small-caps; letter-spacing: .05em; color: var(--faint); margin: 0; }
h1 { font-size: 1.35rem; font-weight: normal; line-height: 1.35; margin: .25rem 0 .5rem; }
h2, h3, h4, h5, h6 { font-size: 1.1rem; font-weight: normal; font-style: italic; }
.source { font-size: .875rem; color: var(--faint); margin: 0; }
.source .label { font-variant: small-caps; }
p { margin: 0 0 .9rem; text-align: justify; hyphens: auto; }
.center { text-align: center; }
.right, .dateline { text-align: right; }
.smallcaps { font-variant: small-caps; }
.sp { margin: 0 0 .9rem; }
.sp .speaker { font-variant: small-caps; font-weight: bold; margin: 0 0 .2rem; letter-spacing: .03em; }
.sp .speaker + p { text-indent: 0; }
.persName[title] { text-decoration: underline dotted var(--faint); text-underline-offset: .2em; cursor: help; }
.opener, .closer, .postscript { margin: 0 0 .9rem; }
.closer .signed, .signed { text-align: right; font-style: italic; }
a { color: var(--accent); }
a.pb { position: absolute; left: -4.5rem; width: 3.75rem; text-align: right; font: .75rem/1.6 system-ui, sans-serif; color: var(--faint); text-decoration: none; white-space: nowrap; }
a.pb::after { content: ""; position: absolute; right: -.55rem; top: .2em; height: 1.1em; border-right: 1px solid var(--rule); }
a.pb:hover, a.pb:focus, a.pb:target { color: var(--accent); text-decoration: underline; }
main { position: relative; }
sup.fnref { position: relative; line-height: 0; font-size: .75em; }
sup.fnref > a { text-decoration: none; padding: 0 .1em; }
.fnpop { display: none; position: absolute; z-index: 2; left: -1rem; top: 1.4em; width: min(24rem, 80vw); padding: .6rem .8rem; background: #fff; border: 1px solid var(--rule); box-shadow: 0 .3rem 1rem rgba(0,0,0,.12); font-size: .875rem; line-height: 1.45; text-align: left; color: var(--ink); }
sup.fnref:hover .fnpop, sup.fnref:focus-within .fnpop { display: block; }
.missing { font-style: italic; color: var(--faint); }
.notes { border-top: 1px solid var(--rule); margin-top: 2rem; font-size: .9rem; }
.notes h2 { font-style: normal; font-variant: small-caps; letter-spacing: .05em; font-size: 1rem; }
.notes ol { list-style: none; padding: 0; }
.notes li { margin: 0 0 .5rem; }
.notes li:target { background: #f5ecd9; }
.fnnum { font-weight: bold; }
a.back { text-decoration: none; }
blockquote { margin: 0 0 .9rem 1.5rem; }
table { border-collapse: collapse; margin: 0 0 .9rem; }
td, th { border: 1px solid var(--rule); padding: .2rem .4rem; vertical-align: top; }
@media (max-width: 40rem) { body { padding: 1rem 1rem 3rem 3.25rem; } a.pb { left: -3.25rem; width: 2.75rem; } }
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
