<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-latex.xsl: the print view of a TEI document, as a LaTeX document
  for pdflatex (Debian's texlive-latex-base is enough).  The header is a
  title block (document number, title, source); notes are real
  footnotes at their markers, numbered as in the original (12, 16a);
  page breaks of the original are marginal page numbers; speaker labels
  are in small caps.  Every LaTeX special character is escaped; the
  text is UTF-8, read with inputenc.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="tei exsl">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:key name="id" match="*[@xml:id]" use="@xml:id"/>

  <!-- Footnote numbers, counted once: xsl:number level="any" walks
       back over the document for each note, which is quadratic (20,000
       notes took minutes).  In a document with one <text> (or none) a
       note's number is its place among the notes counted; any other is
       left to xsl:number.  (A global variable: one made for each note
       would cost a copy of the output so far, see "specials".) -->
  <xsl:variable name="texts" select="count(//tei:text)"/>
  <xsl:variable name="numbered-rtf">
    <xsl:variable name="counted"
        select="//tei:text[$texts = 1]//tei:note
                    [not(@type = 'source' and not(@n))]
                    [not(@place = 'inline') and not(@rend = 'inline')]
                | //tei:note[$texts = 0][not(@type = 'source' and not(@n))]
                    [not(@place = 'inline') and not(@rend = 'inline')]"/>
    <xsl:for-each select="$counted">
      <n id="{generate-id()}"><xsl:value-of select="position()"/></n>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="numbered" select="exsl:node-set($numbered-rtf)"/>
  <xsl:key name="note-number" match="n" use="@id"/>

  <xsl:template match="/">
    <xsl:text>% Written by teikit's print view (tei-latex.xsl); compile with pdflatex.
\documentclass[11pt,a4paper]{article}
\usepackage[utf8]{inputenc}
\usepackage[margin=30mm,marginparwidth=18mm]{geometry}
\DeclareUnicodeCharacter{00A0}{~}
\DeclareUnicodeCharacter{2009}{\,}
\DeclareUnicodeCharacter{2002}{\enspace}
\DeclareUnicodeCharacter{2003}{\quad}
\DeclareUnicodeCharacter{2032}{\ensuremath{'}}
\DeclareUnicodeCharacter{2033}{\ensuremath{''}}
\DeclareUnicodeCharacter{2026}{\ldots}
\DeclareUnicodeCharacter{2212}{\ensuremath{-}}
\DeclareUnicodeCharacter{FEFF}{}
\DeclareUnicodeCharacter{21A9}{}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6\baselineskip}
\newcommand{\teipb}[1]{\leavevmode\marginpar{\footnotesize\raggedright p.~#1}}
\newcommand{\teinote}[2]{{\renewcommand{\thefootnote}{#1}\footnote{#2}\addtocounter{footnote}{-1}}}
\newcommand{\teispeaker}[1]{\textsc{#1}}
\newcommand{\teimissing}{\emph{The text of this note is missing from the transcription.}}
\begin{document}
</xsl:text>
    <xsl:apply-templates select="(tei:TEI | tei:teiCorpus)/tei:text | tei:text | tei:div"/>
    <xsl:text>
\end{document}
</xsl:text>
  </xsl:template>

  <xsl:template match="tei:text">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back | tei:group">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <!-- A document: its number, head and source note as a title block. -->
  <xsl:template match="tei:div">
    <xsl:if test="@type = 'document' or tei:head">
      <xsl:text>&#10;\begin{center}&#10;</xsl:text>
      <xsl:if test="@type = 'document' and @n and
          not(starts-with(normalize-space(tei:head), concat(@n, '. ')))">
        <xsl:text>{\small\textsc{No.~</xsl:text>
        <xsl:call-template name="esc"><xsl:with-param name="s" select="@n"/></xsl:call-template>
        <xsl:text>}}\\[0.5ex]&#10;</xsl:text>
      </xsl:if>
      <xsl:for-each select="tei:head">
        <xsl:text>{\large </xsl:text>
        <xsl:apply-templates/>
        <xsl:text>}\\[0.5ex]&#10;</xsl:text>
      </xsl:for-each>
      <xsl:for-each select="tei:note[@type = 'source'][not(@n)]">
        <xsl:text>{\footnotesize Source: </xsl:text>
        <xsl:apply-templates/>
        <xsl:text>}&#10;</xsl:text>
      </xsl:for-each>
      <xsl:text>\end{center}&#10;</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="*[not(self::tei:head)][not(self::tei:note[@type = 'source'][not(@n)])]"/>
  </xsl:template>

  <!-- ============ blocks ============ -->

  <xsl:template match="tei:p | tei:ab" name="p">
    <xsl:text>&#10;</xsl:text>
    <xsl:if test="contains(@rend, 'center')">\begin{center}</xsl:if>
    <xsl:apply-templates/>
    <xsl:if test="contains(@rend, 'center')">\end{center}</xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:sp">
    <xsl:text>&#10;</xsl:text>
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <xsl:text>\teispeaker{</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>} </xsl:text>
  </xsl:template>

  <!-- The first paragraph of a turn runs on after the speaker.  Not a
       pattern predicate: libxslt evaluates preceding-sibling::*[1] in a
       pattern over all the siblings, for each paragraph. -->
  <xsl:template match="tei:sp/tei:p">
    <xsl:variable name="prev" select="preceding-sibling::*[1]"/>
    <xsl:choose>
      <xsl:when test="$prev[self::tei:speaker]">
        <xsl:apply-templates/>
        <xsl:text>&#10;</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="p"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument
      | tei:epigraph | tei:byline | tei:trailer">
    <xsl:text>&#10;</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:signed">
    <xsl:text>&#10;\begin{flushright}</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>\end{flushright}&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:salute">
    <xsl:text>&#10;</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:text>&#10;\begin{itemize}&#10;</xsl:text>
    <xsl:for-each select="tei:item">
      <!-- The sibling before, then its test: libxml2 stops at [1]
           only when it is the last predicate. -->
      <xsl:variable name="prev" select="preceding-sibling::*[1]"/>
      <xsl:text>\item</xsl:text>
      <xsl:if test="$prev[self::tei:label]">
        <xsl:text>[</xsl:text>
        <xsl:apply-templates select="$prev/node()"/>
        <xsl:text>]</xsl:text>
      </xsl:if>
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>\end{itemize}&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:list/tei:head">
    <xsl:text>&#10;\textit{</xsl:text><xsl:apply-templates/><xsl:text>}&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:quote[tei:p or tei:lg or tei:list] | tei:floatingText">
    <xsl:text>&#10;\begin{quote}</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>\end{quote}&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:lg">
    <xsl:text>&#10;\begin{verse}</xsl:text>
    <xsl:for-each select="tei:l">
      <xsl:apply-templates/>
      <xsl:if test="following-sibling::tei:l"><xsl:text>\\&#10;</xsl:text></xsl:if>
    </xsl:for-each>
    <xsl:text>\end{verse}&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:table">
    <xsl:text>&#10;\begin{flushleft}&#10;</xsl:text>
    <xsl:for-each select="tei:row">
      <xsl:for-each select="tei:cell">
        <xsl:apply-templates/>
        <xsl:if test="following-sibling::tei:cell"><xsl:text> \quad </xsl:text></xsl:if>
      </xsl:for-each>
      <xsl:text>\\&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>\end{flushleft}&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:figure">
    <xsl:apply-templates select="*[self::tei:head or self::tei:p]"/>
  </xsl:template>

  <!-- ============ inline ============ -->

  <xsl:template match="tei:pb">
    <xsl:if test="@n and not(ancestor::tei:note)">
      <xsl:text>\teipb{</xsl:text>
      <xsl:call-template name="esc"><xsl:with-param name="s" select="@n"/></xsl:call-template>
      <xsl:text>}</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb">
    <xsl:choose>
      <xsl:when test="ancestor::tei:head">\\ </xsl:when>
      <xsl:otherwise>\newline </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph">
    <xsl:choose>
      <xsl:when test="contains(@rend, 'italic') or (self::tei:emph and not(@rend))">\emph{<xsl:apply-templates/>}</xsl:when>
      <xsl:when test="contains(@rend, 'bold')">\textbf{<xsl:apply-templates/>}</xsl:when>
      <xsl:when test="contains(@rend, 'smallcaps')">\textsc{<xsl:apply-templates/>}</xsl:when>
      <xsl:when test="contains(@rend, 'sup')">\textsuperscript{<xsl:apply-templates/>}</xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:title[ancestor::tei:text]">\emph{<xsl:apply-templates/>}</xsl:template>

  <xsl:template match="tei:q | tei:quote | tei:said">
    <xsl:text>``</xsl:text><xsl:apply-templates/><xsl:text>''</xsl:text>
  </xsl:template>

  <xsl:template match="tei:gap">
    <xsl:text>[\ldots]</xsl:text>
  </xsl:template>
  <xsl:template match="tei:gap[tei:desc]">
    <xsl:apply-templates select="tei:desc/node()"/>
  </xsl:template>
  <xsl:template match="tei:note/tei:gap[@reason = 'missing']">\teimissing{}</xsl:template>

  <xsl:template match="tei:note[@place = 'inline' or @rend = 'inline']">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- A footnote at its marker, numbered as in the original. -->
  <xsl:template match="tei:note">
    <xsl:text>\teinote{</xsl:text>
    <xsl:choose>
      <xsl:when test="@n">
        <xsl:call-template name="esc"><xsl:with-param name="s" select="@n"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="id" select="generate-id()"/>
        <xsl:choose>
          <!-- key() looks in the document of the context node: the
               table of numbers. -->
          <xsl:when test="$numbered[key('note-number', $id)]">
            <xsl:for-each select="$numbered">
              <xsl:value-of select="key('note-number', $id)"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:number level="any" count="tei:note[not(@type = 'source' and not(@n))][not(@place = 'inline') and not(@rend = 'inline')]" from="tei:text"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>}{</xsl:text>
    <xsl:apply-templates mode="note"/>
    <xsl:text>}</xsl:text>
  </xsl:template>

  <!-- Inside a footnote, paragraphs are separated by \par only. -->
  <xsl:template match="tei:p" mode="note">
    <xsl:apply-templates/>
    <xsl:if test="following-sibling::tei:p"><xsl:text>\par </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="node()" mode="note">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="tei:teiHeader | tei:fw | tei:facsimile | tei:graphic"/>
  <xsl:template match="processing-instruction() | comment()"/>

  <xsl:template match="text()">
    <xsl:call-template name="esc">
      <xsl:with-param name="s" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============ escaping ============ -->

  <!-- LaTeX's special characters.  A string, not a variable with
       content: a result tree fragment made for each text node costs a
       copy of all the output written so far (libxslt then appends to
       the output's one text node anew), which is quadratic. -->
  <xsl:variable name="specials" select="'\{}$&amp;#^_%~&lt;&gt;|&quot;[]'"/>

  <!-- Escape LaTeX's special characters; collapse line ends of the XML
       layout into spaces. -->
  <xsl:template name="esc">
    <xsl:param name="s"/>
    <xsl:call-template name="esc-chars">
      <xsl:with-param name="s" select="translate($s, '&#10;&#13;&#9;', '   ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A string with no special is copied whole; a long one is escaped
       in halves, so that the depth of the calls is log2 of its length
       (libxslt stops at 3000 nested calls), and a short one special by
       special (at most 64 deep). -->
  <xsl:template name="esc-chars">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="translate($s, $specials, '') = $s">
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:when test="string-length($s) &gt; 64">
        <xsl:variable name="half" select="floor(string-length($s) div 2)"/>
        <xsl:call-template name="esc-chars">
          <xsl:with-param name="s" select="substring($s, 1, $half)"/>
        </xsl:call-template>
        <xsl:call-template name="esc-chars">
          <xsl:with-param name="s" select="substring($s, $half + 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="esc-run">
          <xsl:with-param name="s" select="$s"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- At most 64 characters: the run of plain ones before the first
       special in one step, then the special, then the rest. -->
  <xsl:template name="esc-run">
    <xsl:param name="s"/>
    <xsl:variable name="plain" select="substring-before(translate($s, $specials,
        '\\\\\\\\\\\\\\\\'), '\')"/>
    <xsl:if test="$s != ''">
      <xsl:value-of select="$plain"/>
      <xsl:call-template name="esc-one">
        <xsl:with-param name="c" select="substring($s, string-length($plain) + 1, 1)"/>
      </xsl:call-template>
      <xsl:variable name="rest" select="substring($s, string-length($plain) + 2)"/>
      <xsl:choose>
        <xsl:when test="translate($rest, $specials, '') = $rest">
          <xsl:value-of select="$rest"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="esc-run">
            <xsl:with-param name="s" select="$rest"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="esc-one">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$c = '\'">\textbackslash{}</xsl:when>
      <xsl:when test="$c = '{'">\{</xsl:when>
      <xsl:when test="$c = '}'">\}</xsl:when>
      <xsl:when test="$c = '$'">\$</xsl:when>
      <xsl:when test="$c = '&amp;'">\&amp;</xsl:when>
      <xsl:when test="$c = '#'">\#</xsl:when>
      <xsl:when test="$c = '^'">\textasciicircum{}</xsl:when>
      <xsl:when test="$c = '_'">\_</xsl:when>
      <xsl:when test="$c = '%'">\%</xsl:when>
      <xsl:when test="$c = '~'">\textasciitilde{}</xsl:when>
      <xsl:when test="$c = '&lt;'">\textless{}</xsl:when>
      <xsl:when test="$c = '&gt;'">\textgreater{}</xsl:when>
      <xsl:when test="$c = '|'">\textbar{}</xsl:when>
      <!-- OT1, the default encoding, has no straight double quote but in
           its typewriter font: \textquotedbl is T1's (and stops pdflatex) -->
      <xsl:when test="$c = '&quot;'">{\ttfamily\char34}</xsl:when>
      <xsl:when test="$c = '['">{[}</xsl:when>
      <xsl:when test="$c = ']'">{]}</xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
