<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-latex.xsl: the print view of a TEI document, as a LaTeX document
  for pdflatex (Debian's texlive-latex-base is enough; Greek is set when
  texlive-lang-greek is installed too).  Each TEI (of a teiCorpus too)
  opens with a title block from its header: titles, authors, editors,
  and a letter's sender, addressee, places and dates from correspDesc.
  FRUS documents keep their own block (number, head, source).  Notes
  are real footnotes at their markers, numbered as in the original (12,
  16a), else 1, 2, 3 in each text; a critical apparatus is a second
  series of footnotes (the lemma stays in the text; readings with their
  witnesses below); choice shows the corrected, regularised or expanded
  side (the original with the parameter choice=orig).  Verse is numbered every fifth line; a cast list is a list,
  stage directions are italic; a standOff register is a table.  Page
  breaks of the original are marginal page numbers.  Every LaTeX special
  character is escaped, the apostrophe and grave accent are the straight
  ones, and the fonts' ligatures are off, so that a transcription's
  characters are printed as typed (two hyphens are not a dash, nor two
  apostrophes a curly quote); the text is UTF-8, read with inputenc; a
  character no font has prints as "?" rather than stopping pdflatex.  Hyphenation is off:
  every word is whole in the PDF.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="tei exsl">

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Which side of a choice the view shows, as in the text view:
       "orig" shows sic, orig or abbr; anything else corr, reg or
       expan. -->
  <xsl:param name="choice" select="'reg'"/>

  <xsl:key name="id" match="*[@xml:id]" use="@xml:id"/>

  <!-- Footnote numbers, counted once: xsl:number level="any" walks
       back over the document for each note, which is quadratic (20,000
       notes took minutes).  A note without @n is numbered by its place
       among such notes of its text (of each TEI of a corpus); an
       apparatus entry by its place among the entries of its text.
       Notes and apparatus entries inside a reading are part of its
       footnote and not counted.  (A global variable: one made for each
       note would cost a copy of the output so far, see "specials".) -->
  <xsl:variable name="numbered-rtf">
    <xsl:for-each select="//tei:text[not(ancestor::tei:text)]
        | /*[not(self::tei:TEI or self::tei:teiCorpus)][not(.//tei:text)]">
      <xsl:for-each select=".//tei:note[not(@n)]
          [not(@type = 'source' and parent::tei:div)]
          [not(@place = 'inline') and not(@rend = 'inline')]
          [not(ancestor::tei:rdg or ancestor::tei:rdgGrp
               or ancestor::tei:witDetail or parent::tei:app)]">
        <n id="{generate-id()}"><xsl:value-of select="position()"/></n>
      </xsl:for-each>
      <!-- Apparatus entries in the order of their markers: an entry
           inside a lemma comes before the lemma's own. -->
      <xsl:variable name="apps-rtf">
        <xsl:apply-templates mode="apps" select=".//tei:app[not(ancestor::tei:app)]
            [not(ancestor::tei:rdg or ancestor::tei:rdgGrp or ancestor::tei:note)]"/>
      </xsl:variable>
      <xsl:for-each select="exsl:node-set($apps-rtf)/a">
        <n id="{@id}"><xsl:value-of select="position()"/></n>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="numbered" select="exsl:node-set($numbered-rtf)"/>
  <xsl:template match="tei:app" mode="apps">
    <xsl:variable name="me" select="generate-id()"/>
    <xsl:apply-templates mode="apps" select="tei:lem//tei:app
        [generate-id(ancestor::tei:app[1]) = $me]
        [not(ancestor::tei:rdg or ancestor::tei:rdgGrp or ancestor::tei:note)]"/>
    <a id="{$me}"/>
  </xsl:template>
  <xsl:key name="note-number" match="n" use="@id"/>

  <xsl:template match="/">
    <xsl:text>% Written by teikit's print view (tei-latex.xsl); compile with pdflatex.
\documentclass[11pt,a4paper]{article}
\usepackage[utf8]{inputenc}
% Greek where texlive-lang-greek is installed; else a "?" for it.
\IfFileExists{lgrenc.def}{\IfFileExists{textalpha.sty}{%
\usepackage[LGR,OT1]{fontenc}\usepackage{textalpha}}{}}{}
\usepackage[margin=30mm,marginparwidth=18mm]{geometry}
\usepackage{longtable}
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
% A character no font here has: a "?", not a stop.
\makeatletter
\def\UTFviii@undefined@err#1{{\ttfamily ?}}
\makeatother
% What OT1 lacks, from T1 (guillemets, low quotes, thorn, eth, eng).
\newcommand{\teiTone}[1]{{\fontencoding{T1}\selectfont#1}}
\ProvideTextCommandDefault{\guillemotleft}{\teiTone{\guillemotleft}}
\ProvideTextCommandDefault{\guillemotright}{\teiTone{\guillemotright}}
\ProvideTextCommandDefault{\guillemetleft}{\teiTone{\guillemetleft}}
\ProvideTextCommandDefault{\guillemetright}{\teiTone{\guillemetright}}
\ProvideTextCommandDefault{\guilsinglleft}{\teiTone{\guilsinglleft}}
\ProvideTextCommandDefault{\guilsinglright}{\teiTone{\guilsinglright}}
\ProvideTextCommandDefault{\quotedblbase}{\teiTone{\quotedblbase}}
\ProvideTextCommandDefault{\quotesinglbase}{\teiTone{\quotesinglbase}}
\ProvideTextCommandDefault{\th}{\teiTone{\th}}
\ProvideTextCommandDefault{\TH}{\teiTone{\TH}}
\ProvideTextCommandDefault{\dh}{\teiTone{\dh}}
\ProvideTextCommandDefault{\DH}{\teiTone{\DH}}
\ProvideTextCommandDefault{\dj}{\teiTone{\dj}}
\ProvideTextCommandDefault{\DJ}{\teiTone{\DJ}}
\ProvideTextCommandDefault{\ng}{\teiTone{\ng}}
\ProvideTextCommandDefault{\NG}{\teiTone{\NG}}
\ProvideTextCommandDefault{\k}[1]{\teiTone{\k{#1}}}
\DeclareUnicodeCharacter{0141}{\teiTone{\L}}
\DeclareUnicodeCharacter{0142}{\teiTone{\l}}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6\baselineskip}
% No ligatures: "--", ",,", "!`" print as typed, not as a dash, a low
% quote or an inverted mark.  No hyphenation: every word whole.
\AddToHook{selectfont}{\pdfnoligatures\font}
\lefthyphenmin=64 \hyphenpenalty=10000 \sloppy \emergencystretch=3em
\newcommand{\teipb}[1]{\leavevmode\marginpar{\footnotesize\raggedright p.~#1}}
\newcommand{\teipbin}[1]{\leavevmode{\footnotesize [p.~#1]} }
\newcommand{\teilb}{\ifhmode\newline\fi}
\newcommand{\teinote}[2]{\ifhmode\kern0.05em\fi{\renewcommand{\thefootnote}{#1}\footnote{#2}\addtocounter{footnote}{-1}}}
\newcommand{\teiapp}[2]{\ifhmode\kern0.05em\fi{\renewcommand{\thefootnote}{\textit{#1}}\footnote{#2}\addtocounter{footnote}{-1}}}
\newcommand{\teiwit}[1]{\textit{#1}}
\newcommand{\teispeaker}[1]{\textsc{#1}}
\newcommand{\teistage}[1]{\par{\itshape\leftskip=2em #1\par}}
\newcommand{\teil}[1]{\par\leavevmode\llap{\scriptsize #1\hspace{1.5em}}}
\newcommand{\teilnext}[1]{\par\vskip-\parskip\leavevmode\llap{\scriptsize #1\hspace{1.5em}}}
\newcommand{\teimissing}{\emph{The text of this note is missing from the transcription.}}
\begin{document}
</xsl:text>
    <xsl:choose>
      <xsl:when test="tei:TEI | tei:teiCorpus">
        <xsl:apply-templates select="*" mode="doc"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="tei:text | tei:div"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>
\end{document}
</xsl:text>
  </xsl:template>

  <!-- ============ documents, corpora, title blocks ============ -->

  <xsl:template match="tei:teiCorpus" mode="doc">
    <xsl:apply-templates select="tei:teiHeader" mode="title"/>
    <xsl:for-each select="tei:TEI | tei:teiCorpus">
      <xsl:text>&#10;\clearpage&#10;</xsl:text>
      <xsl:apply-templates select="." mode="doc"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:TEI" mode="doc">
    <xsl:apply-templates select="tei:teiHeader" mode="title"/>
    <xsl:apply-templates select="tei:text | tei:standOff | tei:sourceDoc"/>
  </xsl:template>

  <xsl:template match="*" mode="doc"/>

  <!-- Titles, authors, editors; a letter's sender and addressee with
       their places and dates. -->
  <xsl:template match="tei:teiHeader" mode="title">
    <xsl:variable name="ts" select="tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="cd" select="tei:profileDesc/tei:correspDesc"/>
    <xsl:if test="$ts/tei:title[normalize-space()] or $ts/tei:author or $ts/tei:editor or $cd/tei:correspAction">
      <xsl:text>&#10;\begin{center}&#10;</xsl:text>
      <xsl:for-each select="$ts/tei:title[normalize-space()]">
        <xsl:choose>
          <xsl:when test="position() = 1">{\Large\bfseries </xsl:when>
          <xsl:otherwise>{\large </xsl:otherwise>
        </xsl:choose>
        <xsl:apply-templates mode="plain"/>
        <xsl:text>\par}&#10;</xsl:text>
      </xsl:for-each>
      <xsl:if test="$ts/tei:author[normalize-space()]">
        <xsl:text>\medskip{\large </xsl:text>
        <xsl:for-each select="$ts/tei:author[normalize-space()]">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:apply-templates mode="plain"/>
        </xsl:for-each>
        <xsl:text>\par}&#10;</xsl:text>
      </xsl:if>
      <xsl:if test="$ts/tei:editor[normalize-space()]">
        <xsl:text>\smallskip Edited by </xsl:text>
        <xsl:for-each select="$ts/tei:editor[normalize-space()]">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:apply-templates mode="plain"/>
        </xsl:for-each>
        <xsl:text>\par&#10;</xsl:text>
      </xsl:if>
      <xsl:for-each select="$cd/tei:correspAction[@type = 'sent' or @type = 'received']">
        <xsl:text>\smallskip\textsc{</xsl:text>
        <xsl:choose>
          <xsl:when test="@type = 'sent'">From:</xsl:when>
          <xsl:otherwise>To:</xsl:otherwise>
        </xsl:choose>
        <xsl:text>} </xsl:text>
        <xsl:for-each select="tei:persName | tei:orgName | tei:name | tei:placeName | tei:date">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:choose>
            <xsl:when test="self::tei:date and not(normalize-space())">
              <xsl:call-template name="esc">
                <xsl:with-param name="s" select="@when | @from | @notBefore"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates mode="plain"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:text>\par&#10;</xsl:text>
      </xsl:for-each>
      <xsl:text>\end{center}&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Header text: words only, no notes, breaks or apparatus. -->
  <xsl:template match="tei:note | tei:lb | tei:pb" mode="plain"/>
  <xsl:template match="*" mode="plain">
    <xsl:apply-templates mode="plain"/>
  </xsl:template>
  <xsl:template match="text()" mode="plain">
    <xsl:call-template name="esc"><xsl:with-param name="s" select="."/></xsl:call-template>
  </xsl:template>

  <!-- Blocks apply templates to elements and text only: processing
       instructions between them (teikit's blank lines, 100,000 of them
       in a test) cost libxslt time that grows with their number.  One
       axis with a predicate, never a union such as "* | text()":
       libxml2 merges a union by testing each node of one side against
       every node of the other, quadratic in 100,000 paragraphs. -->
  <xsl:template match="tei:text">
    <xsl:apply-templates select="node()[self::* or self::text()]"/>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back | tei:group">
    <xsl:apply-templates select="node()[self::* or self::text()]"/>
  </xsl:template>

  <!-- A document: its number, head and source note as a title block. -->
  <xsl:template match="tei:div">
    <xsl:variable name="source" select="tei:note[@type = 'source'][not(@n)]"/>
    <xsl:if test="@type = 'document' or tei:head or $source">
      <xsl:text>&#10;\begin{center}&#10;</xsl:text>
      <xsl:if test="@type = 'document' and @n and
          not(starts-with(normalize-space(tei:head), concat(@n, '. ')))">
        <xsl:text>{\small\textsc{No.~</xsl:text>
        <xsl:call-template name="esc"><xsl:with-param name="s" select="@n"/></xsl:call-template>
        <xsl:text>}}\\[0.5ex]&#10;</xsl:text>
      </xsl:if>
      <xsl:for-each select="tei:head">
        <xsl:text>{\large\leavevmode </xsl:text>
        <xsl:apply-templates/>
        <xsl:text>}\\[0.5ex]&#10;</xsl:text>
      </xsl:for-each>
      <xsl:for-each select="$source">
        <xsl:text>{\footnotesize Source: </xsl:text>
        <xsl:apply-templates/>
        <xsl:text>}&#10;</xsl:text>
      </xsl:for-each>
      <xsl:text>\end{center}&#10;</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="node()[self::text() or self::*[not(self::tei:head)]
        [not(self::tei:note[@type = 'source'][not(@n)])]]"/>
  </xsl:template>

  <xsl:template match="tei:head">
    <xsl:text>&#10;\par\textbf{</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>}\par&#10;</xsl:text>
  </xsl:template>

  <!-- ============ blocks ============ -->

  <!-- Other blocks: paragraphs of their own; lines of an address. -->
  <xsl:template match="tei:titlePage | tei:docTitle | tei:titlePart
      | tei:docAuthor | tei:docDate | tei:docEdition | tei:docImprint
      | tei:address | tei:entry | tei:sense | tei:u | tei:spGrp
      | tei:listBibl | tei:set | tei:move | tei:bibl[parent::tei:listBibl]">
    <xsl:text>&#10;\par </xsl:text>
    <xsl:apply-templates/>
    <xsl:text>\par&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:addrLine">
    <xsl:apply-templates/>
    <xsl:text>\teilb{}&#10;</xsl:text>
  </xsl:template>
  <!-- Parts that end a word: a space after them. -->
  <xsl:template match="tei:label | tei:role | tei:roleDesc | tei:actor
      | tei:form | tei:person | tei:place | tei:org | tei:event | tei:birth
      | tei:death | tei:cb | tei:gb | tei:milestone">
    <xsl:apply-templates/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" name="p">
    <xsl:text>&#10;</xsl:text>
    <xsl:if test="contains(@rend, 'center')">\begin{center}</xsl:if>
    <xsl:apply-templates/>
    <xsl:if test="contains(@rend, 'center')">\end{center}</xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:sp">
    <xsl:text>&#10;\par </xsl:text>
    <xsl:apply-templates select="node()[self::* or self::text()]"/>
    <xsl:text>\par&#10;</xsl:text>
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

  <!-- A stage direction: an italic block of its own between speeches
       and paragraphs, italic words inside a line or a paragraph. -->
  <xsl:template match="tei:stage">
    <xsl:choose>
      <xsl:when test="parent::tei:sp or parent::tei:div or parent::tei:body
          or parent::tei:front or parent::tei:back or parent::tei:lg
          or parent::tei:spGrp or parent::tei:castList">
        <xsl:text>&#10;\teistage{</xsl:text>
        <xsl:apply-templates/>
        <xsl:text>}&#10;</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>\textit{</xsl:text>
        <xsl:apply-templates/>
        <xsl:text>}</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The cast list as a list: role, description; a group as an item
       with its head in italics and its members below. -->
  <xsl:template match="tei:castList">
    <xsl:apply-templates select="tei:head"/>
    <xsl:text>&#10;\begin{itemize}&#10;</xsl:text>
    <xsl:apply-templates select="node()[not(self::tei:head)]" mode="item"/>
    <xsl:text>\end{itemize}&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:castGroup" mode="item">
    <xsl:text>\item </xsl:text>
    <xsl:for-each select="tei:head">
      <xsl:text>\textit{</xsl:text><xsl:apply-templates/><xsl:text>} </xsl:text>
    </xsl:for-each>
    <xsl:if test="tei:castItem | tei:castGroup">
      <xsl:text>&#10;\begin{itemize}&#10;</xsl:text>
      <xsl:apply-templates select="*[self::tei:castItem or self::tei:castGroup]" mode="item"/>
      <xsl:text>\end{itemize}&#10;</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="node()[not(self::tei:head or self::tei:castItem or self::tei:castGroup)]"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:castItem" mode="item">
    <xsl:text>\item </xsl:text>
    <xsl:apply-templates/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="text()" mode="item">
    <xsl:if test="normalize-space()">
      <xsl:text>\item[] </xsl:text>
      <xsl:apply-templates select="."/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="*" mode="item">
    <xsl:text>\item[] </xsl:text>
    <xsl:apply-templates select="."/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:castItem/tei:roleDesc | tei:castGroup/tei:roleDesc">
    <!-- A comma after the role, unless the source has put one. -->
    <xsl:variable name="before" select="preceding-sibling::node()[1]"/>
    <xsl:if test="preceding-sibling::* and not($before[self::text()][normalize-space()])">, </xsl:if>
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template match="tei:castItem/tei:role">
    <xsl:text>\textsc{</xsl:text><xsl:apply-templates/><xsl:text>}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument
      | tei:epigraph | tei:byline | tei:trailer">
    <xsl:text>&#10;\par </xsl:text>
    <xsl:apply-templates/>
    <xsl:text>\par&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:signed">
    <xsl:text>&#10;\begin{flushright}</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>\end{flushright}&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:salute">
    <xsl:text>&#10;\par </xsl:text>
    <xsl:apply-templates/>
    <xsl:text>\par&#10;</xsl:text>
  </xsl:template>

  <!-- A list: its items, a label before an item as the item's label;
       anything else (text, notes, breaks) as an unlabelled item. -->
  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:text>&#10;\begin{itemize}&#10;</xsl:text>
    <xsl:apply-templates select="node()[not(self::tei:head)]" mode="list"/>
    <xsl:text>\end{itemize}&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:item" mode="list">
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
  </xsl:template>
  <xsl:template match="tei:label" mode="list">
    <xsl:variable name="next" select="following-sibling::*[1]"/>
    <xsl:if test="not($next[self::tei:item])">
      <xsl:text>\item[] </xsl:text>
      <xsl:apply-templates/>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="text()" mode="list">
    <xsl:if test="normalize-space()">
      <xsl:text>\item[] </xsl:text>
      <xsl:apply-templates select="."/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="*" mode="list">
    <xsl:text>\item[] </xsl:text>
    <xsl:apply-templates select="."/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="processing-instruction() | comment()" mode="list"/>
  <xsl:template match="tei:list/tei:head">
    <xsl:text>&#10;\textit{</xsl:text><xsl:apply-templates/><xsl:text>}&#10;</xsl:text>
  </xsl:template>

  <!-- Block quotations: a quote environment. -->
  <xsl:template match="tei:floatingText
      | tei:quote[tei:p or tei:lg or tei:list or tei:l or tei:ab
                  or contains(@rend, 'block')]
      | tei:q[tei:p or tei:lg or tei:list or tei:l or tei:ab
              or contains(@rend, 'block')]
      | tei:said[tei:p or tei:lg or tei:list or tei:l or tei:ab
                 or contains(@rend, 'block')]
      | tei:cit[tei:quote[tei:p or tei:lg or tei:list or tei:l or tei:ab
                          or contains(@rend, 'block')]]">
    <xsl:text>&#10;\begin{quote}</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>\end{quote}&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:cit/tei:quote[tei:p or tei:lg or tei:list or tei:l
      or tei:ab or contains(@rend, 'block')]">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Verse: a block, one line a paragraph, numbered every fifth line
       (from @n where given, else counted in its poem or speech). -->
  <xsl:template match="tei:lg">
    <xsl:text>&#10;\par{\leftskip=2em </xsl:text>
    <xsl:apply-templates select="node()[self::* or self::text()]"/>
    <xsl:text>\par}&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:l">
    <xsl:variable name="prev" select="preceding-sibling::*[1]"/>
    <xsl:variable name="n">
      <xsl:choose>
        <xsl:when test="@n">
          <xsl:if test="number(@n) mod 5 = 0"><xsl:value-of select="number(@n)"/></xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="k">
            <xsl:number level="any" count="tei:l" from="tei:lg[not(ancestor::tei:lg)] | tei:sp | tei:p | tei:div | tei:body"/>
          </xsl:variable>
          <xsl:if test="$k mod 5 = 0"><xsl:value-of select="$k"/></xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$prev[self::tei:l]">\teilnext{</xsl:when>
      <xsl:otherwise>\teil{</xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="$n"/>
    <xsl:text>}</xsl:text>
    <xsl:apply-templates/>
    <xsl:if test="not(following-sibling::*[1][self::tei:l])">\par </xsl:if>
  </xsl:template>

  <!-- A table: longtable, one column a share of the width; a table in
       a table, a tabular. -->
  <xsl:template match="tei:table">
    <xsl:variable name="cols">
      <xsl:for-each select="tei:row">
        <xsl:sort select="count(tei:cell) + sum(tei:cell/@cols) - count(tei:cell[@cols])" data-type="number" order="descending"/>
        <xsl:if test="position() = 1">
          <xsl:value-of select="count(tei:cell) + sum(tei:cell/@cols) - count(tei:cell[@cols])"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="n">
      <xsl:choose>
        <xsl:when test="number($cols) &gt;= 1"><xsl:value-of select="number($cols)"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="env">
      <xsl:choose>
        <xsl:when test="ancestor::tei:table | ancestor::tei:note | ancestor::tei:item | ancestor::tei:quote">tabular</xsl:when>
        <xsl:otherwise>longtable</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:apply-templates select="tei:head"/>
    <xsl:text>&#10;\par\begin{</xsl:text>
    <xsl:value-of select="$env"/>
    <xsl:text>}{*{</xsl:text>
    <xsl:value-of select="$n"/>
    <xsl:text>}{p{\dimexpr(\linewidth-</xsl:text>
    <xsl:value-of select="2 * $n"/>
    <xsl:text>\tabcolsep)/</xsl:text>
    <xsl:value-of select="$n"/>
    <xsl:text>\relax}}}&#10;</xsl:text>
    <xsl:for-each select="tei:row">
      <xsl:variable name="have" select="count(tei:cell) + sum(tei:cell/@cols) - count(tei:cell[@cols])"/>
      <xsl:for-each select="tei:cell">
        <xsl:if test="position() &gt; 1"> &amp; </xsl:if>
        <xsl:choose>
          <xsl:when test="@cols &gt; 1">
            <xsl:text>\multicolumn{</xsl:text>
            <xsl:value-of select="@cols"/>
            <xsl:text>}{p{\dimexpr(\linewidth-</xsl:text>
            <xsl:value-of select="2 * $n"/>
            <xsl:text>\tabcolsep)*</xsl:text>
            <xsl:value-of select="@cols"/>
            <xsl:text>/</xsl:text>
            <xsl:value-of select="$n"/>
            <xsl:text>\relax}}{</xsl:text>
            <xsl:apply-templates/>
            <xsl:text>}</xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:if test="ancestor-or-self::*[@role = 'label'][1]/self::tei:row or @role = 'label'">\bfseries </xsl:if>
            <xsl:apply-templates/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:call-template name="amps">
        <xsl:with-param name="k" select="$n - $have"/>
      </xsl:call-template>
      <xsl:text>\\&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>\end{</xsl:text>
    <xsl:value-of select="$env"/>
    <xsl:text>}&#10;</xsl:text>
    <xsl:apply-templates select="node()[not(self::tei:row or self::tei:head)]"/>
  </xsl:template>
  <xsl:template name="amps">
    <xsl:param name="k"/>
    <xsl:if test="$k &gt; 0">
      <xsl:text> &amp;</xsl:text>
      <xsl:call-template name="amps"><xsl:with-param name="k" select="$k - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:figure">
    <xsl:apply-templates select="node()[not(self::tei:graphic)]"/>
  </xsl:template>
  <xsl:template match="tei:figDesc">
    <xsl:text>&#10;\par{\small </xsl:text>
    <xsl:apply-templates/>
    <xsl:text>\par}&#10;</xsl:text>
  </xsl:template>

  <!-- A register (standOff, or a list of persons, places, organisations,
       events, books): a table of names, dates and notes. -->
  <xsl:template match="tei:standOff">
    <xsl:apply-templates select="*"/>
  </xsl:template>
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg
      | tei:listEvent | tei:listNym | tei:listBibl[ancestor::tei:standOff]">
    <xsl:apply-templates select="tei:head"/>
    <xsl:if test="not(parent::tei:listPerson or parent::tei:listPlace
        or parent::tei:listOrg or parent::tei:listEvent)">
      <xsl:text>&#10;\par\begin{longtable}{p{0.3\linewidth}p{0.2\linewidth}p{0.4\linewidth}}&#10;</xsl:text>
      <xsl:text>\textbf{Name} &amp; \textbf{Dates} &amp; \textbf{Notes}\\&#10;\hline\endhead&#10;</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="*[not(self::tei:head)]" mode="register"/>
    <xsl:if test="not(parent::tei:listPerson or parent::tei:listPlace
        or parent::tei:listOrg or parent::tei:listEvent)">
      <xsl:text>\end{longtable}&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg
      | tei:listEvent | tei:listNym | tei:listBibl" mode="register">
    <xsl:apply-templates select="*[not(self::tei:head)]" mode="register"/>
  </xsl:template>
  <xsl:template match="*" mode="register">
    <xsl:variable name="name" select="(tei:persName | tei:placeName | tei:orgName | tei:name | tei:label | tei:title | tei:form)[1]"/>
    <xsl:choose>
      <xsl:when test="$name">
        <xsl:apply-templates select="$name" mode="name"/>
      </xsl:when>
      <xsl:when test="not(*)"><xsl:apply-templates/></xsl:when>
    </xsl:choose>
    <xsl:text> &amp; </xsl:text>
    <xsl:for-each select="(tei:birth | tei:floruit | tei:death | tei:date
        | @when)">
      <xsl:if test="position() &gt; 1"> \textendash{} </xsl:if>
      <xsl:if test="self::tei:birth">*</xsl:if>
      <xsl:if test="self::tei:death">\dag{}</xsl:if>
      <xsl:choose>
        <xsl:when test="normalize-space(.)"><xsl:apply-templates mode="name" select="."/></xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="esc">
            <xsl:with-param name="s" select="(@when | tei:date/@when | @notBefore)[1]"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:text> &amp; </xsl:text>
    <xsl:for-each select="*[not(generate-id() = generate-id($name))][not(self::tei:birth or self::tei:death
        or self::tei:floruit or self::tei:date)][normalize-space()]">
      <xsl:if test="position() &gt; 1">\newline </xsl:if>
      <xsl:apply-templates select="." mode="name"/>
    </xsl:for-each>
    <xsl:text>\\&#10;</xsl:text>
  </xsl:template>
  <!-- A name's parts with a space between them. -->
  <xsl:template match="*" mode="name">
    <xsl:choose>
      <xsl:when test="* and not(text()[normalize-space()])">
        <xsl:for-each select="*">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates select="." mode="name"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="plain"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A document of the source only: its zones and lines as text. -->
  <xsl:template match="tei:sourceDoc">
    <xsl:apply-templates select="*"/>
  </xsl:template>
  <xsl:template match="tei:surface | tei:surfaceGrp | tei:zone">
    <xsl:text>&#10;\par </xsl:text>
    <xsl:apply-templates/>
    <xsl:text>\par&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:sourceDoc//tei:line">
    <xsl:apply-templates/>
    <xsl:text>\teilb{}&#10;</xsl:text>
  </xsl:template>

  <!-- ============ inline ============ -->

  <!-- A marginal page number where LaTeX allows one, else in the line. -->
  <xsl:template match="tei:pb">
    <xsl:if test="@n and not(ancestor::tei:note)">
      <xsl:choose>
        <xsl:when test="ancestor::tei:cell or ancestor::tei:hi or ancestor::tei:rdg
            or ancestor::tei:rdgGrp or ancestor::tei:speaker or ancestor::tei:label
            or ancestor::tei:head or ancestor::tei:role or ancestor::tei:stage
            or ancestor::tei:l">\teipbin{</xsl:when>
        <xsl:otherwise>\teipb{</xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="esc"><xsl:with-param name="s" select="@n"/></xsl:call-template>
      <xsl:text>}</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A line break inside a word (break="no") keeps the word whole. -->
  <xsl:template match="tei:lb[@break = 'no']"/>
  <xsl:template match="tei:lb">
    <xsl:choose>
      <xsl:when test="ancestor::tei:cell">\newline{}</xsl:when>
      <xsl:otherwise>\teilb{}</xsl:otherwise>
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

  <!-- A quotation in the line: marks added only where it has none of
       its own, neither in its text nor named by @rend. -->
  <xsl:template match="tei:q | tei:quote | tei:said">
    <xsl:variable name="t" select="normalize-space(.)"/>
    <xsl:variable name="marks" select="'&quot;“”„«»‘’‚‹›「」『』'"/>
    <xsl:variable name="own" select="contains(@rend, 'inline') or contains(@rend, 'noquote')
        or contains(@rend, 'no-quote') or contains(@rend, 'pre(') or contains(@rend, 'post(')
        or ($t != '' and contains($marks, substring($t, 1, 1)))
        or ($t != '' and contains($marks, substring($t, string-length($t), 1)))
        or contains(&quot;'&quot;, substring($t, 1, 1))"/>
    <xsl:if test="contains(@rend, 'pre(')">
      <xsl:call-template name="esc">
        <xsl:with-param name="s" select="substring-before(substring-after(@rend, 'pre('), ')')"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="not($own)">\textquotedblleft{}</xsl:if>
    <xsl:apply-templates/>
    <xsl:if test="not($own)">\textquotedblright{}</xsl:if>
    <xsl:if test="contains(@rend, 'post(')">
      <xsl:call-template name="esc">
        <xsl:with-param name="s" select="substring-before(substring-after(@rend, 'post('), ')')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:gap">
    <xsl:text>[\ldots]</xsl:text>
  </xsl:template>
  <xsl:template match="tei:gap[tei:desc]">
    <xsl:apply-templates select="tei:desc/node()"/>
  </xsl:template>
  <xsl:template match="tei:note/tei:gap[@reason = 'missing']">\teimissing{}</xsl:template>

  <!-- choice: the corrected, regularised or expanded side, else the
       first; with choice=orig the original side (sic, orig, abbr). -->
  <xsl:template match="tei:choice">
    <xsl:choose>
      <xsl:when test="$choice = 'orig' and (tei:sic or tei:orig or tei:abbr)">
        <xsl:apply-templates select="(tei:sic[1] | tei:orig[1][not(../tei:sic)]
            | tei:abbr[1][not(../tei:sic or ../tei:orig)])"/>
      </xsl:when>
      <xsl:when test="tei:corr"><xsl:apply-templates select="tei:corr[1]"/></xsl:when>
      <xsl:when test="tei:reg"><xsl:apply-templates select="tei:reg[1]"/></xsl:when>
      <xsl:when test="tei:expan"><xsl:apply-templates select="tei:expan[1]"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="*[1]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The apparatus: the base reading (lem, else the first rdg) in the
       text, the other readings with their witnesses in a footnote
       numbered 1, 2, 3 in italics.  Inside a footnote, the readings
       follow the base in brackets. -->
  <xsl:template match="tei:app">
    <xsl:variable name="base" select="(tei:lem | tei:rdg[not(../tei:lem)][1])[1]"/>
    <xsl:apply-templates select="$base/node()"/>
    <xsl:variable name="id" select="generate-id()"/>
    <xsl:choose>
      <xsl:when test="$numbered[key('note-number', $id)]">
        <xsl:text>\teiapp{</xsl:text>
        <xsl:for-each select="$numbered">
          <xsl:value-of select="key('note-number', $id)"/>
        </xsl:for-each>
        <xsl:text>}{</xsl:text>
        <xsl:choose>
          <xsl:when test="string-length(normalize-space($base)) &lt;= 60
              and not($base//tei:app or $base//tei:note)">
            <xsl:apply-templates select="$base/node()" mode="note"/>
            <xsl:text>]</xsl:text>
          </xsl:when>
          <xsl:otherwise>\textit{text}</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="readings">
          <xsl:with-param name="base" select="$base"/>
        </xsl:call-template>
        <xsl:text>}</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text> [</xsl:text>
        <xsl:call-template name="readings">
          <xsl:with-param name="base" select="$base"/>
        </xsl:call-template>
        <xsl:text>]</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="readings">
    <xsl:param name="base"/>
    <xsl:for-each select="$base">
      <xsl:call-template name="wits"/>
    </xsl:for-each>
    <xsl:for-each select="(tei:rdg | tei:rdgGrp/tei:rdg | tei:rdgGrp/tei:lem)[not(generate-id() = generate-id($base))]
        | tei:witDetail | tei:note | tei:rdgGrp/tei:witDetail | tei:rdgGrp/tei:note">
      <xsl:if test="position() &gt; 1 or $base/@wit">; </xsl:if>
      <xsl:choose>
        <xsl:when test="self::tei:rdg or self::tei:lem">
          <xsl:apply-templates mode="note"/>
          <xsl:if test="not(normalize-space())">\textit{om.}</xsl:if>
          <xsl:call-template name="wits"/>
        </xsl:when>
        <xsl:when test="self::tei:witDetail">
          <xsl:call-template name="wits"/>
          <xsl:text>: </xsl:text>
          <xsl:apply-templates mode="note"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="note"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
  <!-- Witness sigla, '#' stripped, a witness's @n where it has one. -->
  <xsl:template name="wits">
    <xsl:if test="@wit">
      <xsl:text> \teiwit{</xsl:text>
      <xsl:call-template name="sigla">
        <xsl:with-param name="s" select="concat(normalize-space(@wit), ' ')"/>
      </xsl:call-template>
      <xsl:text>}</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template name="sigla">
    <xsl:param name="s"/>
    <xsl:if test="$s != ''">
      <xsl:variable name="w" select="substring-before($s, ' ')"/>
      <xsl:variable name="id" select="substring-after($w, '#')"/>
      <xsl:variable name="wit" select="key('id', $id)[self::tei:witness]"/>
      <xsl:call-template name="esc">
        <xsl:with-param name="s">
          <xsl:choose>
            <xsl:when test="$wit/@n"><xsl:value-of select="$wit/@n"/></xsl:when>
            <xsl:when test="$id != ''"><xsl:value-of select="$id"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$w"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:if test="substring-after($s, ' ') != ''"><xsl:text> </xsl:text></xsl:if>
      <xsl:call-template name="sigla">
        <xsl:with-param name="s" select="substring-after($s, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note[@place = 'inline' or @rend = 'inline']">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- A footnote at its marker, numbered as in the original, else by
       its place among the notes without a number of its text. -->
  <xsl:template match="tei:note">
    <xsl:variable name="id" select="generate-id()"/>
    <xsl:choose>
      <xsl:when test="@n or $numbered[key('note-number', $id)]">
        <xsl:text>\teinote{</xsl:text>
        <xsl:choose>
          <xsl:when test="@n">
            <xsl:call-template name="esc"><xsl:with-param name="s" select="@n"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <!-- key() looks in the document of the context node: the
                 table of numbers. -->
            <xsl:for-each select="$numbered">
              <xsl:value-of select="key('note-number', $id)"/>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>}{</xsl:text>
        <xsl:apply-templates mode="note"/>
        <xsl:text>}</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <!-- Inside a reading's footnote: in brackets. -->
        <xsl:text> [</xsl:text>
        <xsl:apply-templates mode="note"/>
        <xsl:text>]</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Inside a footnote, paragraphs are separated by \par only. -->
  <xsl:template match="tei:p" mode="note">
    <xsl:apply-templates/>
    <xsl:if test="following-sibling::tei:p"><xsl:text>\par </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="node()" mode="note">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="tei:teiHeader | tei:fw | tei:facsimile | tei:graphic
      | tei:binaryObject"/>
  <xsl:template match="processing-instruction() | comment()"/>

  <!-- Layout between elements: one space, the same to TeX, at no cost
       of escaping.  A test in the template, not a pattern predicate:
       libxslt matches text()[...] by counting all the text siblings of
       each node, quadratic in a division of 100,000 paragraphs. -->
  <xsl:template match="text()">
    <xsl:choose>
      <xsl:when test="not(normalize-space())">
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="esc">
          <xsl:with-param name="s" select="."/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ escaping ============ -->

  <!-- LaTeX's special characters.  A string, not a variable with
       content: a result tree fragment made for each text node costs a
       copy of all the output written so far (libxslt then appends to
       the output's one text node anew), which is quadratic.  The
       apostrophe and the grave accent too: the roman fonts have only
       curly quotes there. -->
  <xsl:variable name="specials" select="concat('\{}$&amp;#^_%~&lt;&gt;|&quot;[]`', &quot;'&quot;)"/>
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
        '\\\\\\\\\\\\\\\\\\'), '\')"/>
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
      <!-- The apostrophe and the grave accent of the keyboard, straight,
           as upquote prints them. -->
      <xsl:when test="$c = &quot;'&quot;">{\ttfamily\char13}</xsl:when>
      <xsl:when test="$c = '`'">{\ttfamily\char18}</xsl:when>
      <xsl:when test="$c = '['">{[}</xsl:when>
      <xsl:when test="$c = ']'">{]}</xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
