<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-text.xsl: the plaintext view of a TEI document, in the FRUS
  web-copy convention that `teikit encode` reads.  For teikit's own
  output it is the encoder's inverse: it gives back the input byte for
  byte.  Any other TEI document gets a readable plaintext of its body.

  Blocks (paragraphs, heads, page breaks alone, turns) are separated by
  one empty line; markup that stood for text in the plaintext gives that
  text back:
    <pb n="N"/>                 [Page N]
    <note n="N"> (a footnote)   N at its marker, and "N. text" in the
                                notes section after a line "-\-\-"
    <lb/>                       a line end inside a block
    <sp>                        the speaker's label, a space, the turn
    <div type="document" n="N"> "No. N" before its head
  and teikit's processing instructions give back what is not text:
    <?teikit-esc?>              a backslash escape
    <?teikit-blank?>            one more empty line
    <?teikit-source eol="crlf" bom="yes" final-eols="N"?>
                                line ends, byte-order mark, final line ends
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="tei exsl str">

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Which side of a choice the view shows, for any TEI but teikit's
       own: "orig" shows sic, orig or abbr; anything else corr, reg or
       expan. -->
  <xsl:param name="choice" select="'reg'"/>

  <xsl:variable name="source"
      select="string(/processing-instruction('teikit-source'))"/>

  <xsl:variable name="nl">
    <xsl:choose>
      <xsl:when test="contains($source, 'eol=&quot;crlf&quot;')">
        <xsl:text>&#13;&#10;</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:text>&#10;</xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Footnotes: numbered notes (teikit's source note has no number;
       FRUS numbers its source notes among the footnotes).  Looked for
       in teikit's own output only: a global variable is computed for
       every document, and any other TEI has its own notes section. -->
  <xsl:variable name="footnotes"
      select="/self::node()[$teikit]//tei:text/descendant::tei:note[@n]"/>

  <!-- teikit's own output: the encoder's processing instruction, or the
       header naming teikit as the application. -->
  <xsl:variable name="teikit" select="boolean(
      /processing-instruction('teikit-source')
      or /*/tei:teiHeader/tei:encodingDesc/tei:appInfo
          /tei:application[@ident = 'teikit'])"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$teikit">
        <xsl:if test="contains($source, 'bom=&quot;yes&quot;')">
          <xsl:text>&#xFEFF;</xsl:text>
        </xsl:if>
        <xsl:apply-templates select="(tei:TEI | tei:teiCorpus)/tei:text"
            mode="block"/>
        <xsl:call-template name="notes-section"/>
        <xsl:call-template name="final-eols"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="g-document"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ blocks ============ -->

  <!-- The separator before a block: one empty line, unless it is the
       first block of its container. -->
  <xsl:template name="separator">
    <!-- The nearest siblings only, each step with one positional
         predicate, which libxml2 stops at (when it is the last one):
         testing every preceding sibling is quadratic in a long
         division. -->
    <xsl:variable name="prev" select="preceding-sibling::*[1]"/>
    <xsl:if test="$prev[not(self::tei:teiHeader)] or preceding-sibling::*[2]">
      <xsl:value-of select="concat($nl, $nl)"/>
    </xsl:if>
  </xsl:template>

  <!-- Containers: their children are blocks. -->
  <xsl:template match="tei:text | tei:front | tei:body | tei:back
      | tei:div | tei:group | tei:div1 | tei:div2 | tei:div3 | tei:div4
      | tei:opener | tei:closer | tei:postscript | tei:list[not(tei:label)]"
      mode="block">
    <xsl:call-template name="separator"/>
    <xsl:apply-templates mode="block"/>
  </xsl:template>

  <!-- Children are walked without a select: libxml2 sorts what a select
       gives, and placing a processing instruction in document order
       walks back to the element before it, so a union of elements and
       100,000 blank lines in a row took minutes.  What is not a block
       is left out by these templates instead. -->
  <xsl:template match="processing-instruction('teikit-blank')" mode="block">
    <xsl:value-of select="$nl"/>
  </xsl:template>
  <xsl:template match="tei:note[@n]" mode="block"/>
  <xsl:template match="text() | comment() | processing-instruction()"
      mode="block"/>

  <!-- A document's number stands on its own line before its head,
       unless the head already begins with it ("126. Memorandum"). -->
  <xsl:template match="tei:div[@type = 'document'][@n]/tei:head[1]"
      mode="block">
    <xsl:call-template name="separator"/>
    <xsl:if test="not(starts-with(normalize-space(.), concat(../@n, '. ')))">
      <xsl:value-of select="concat('No. ', ../@n, $nl)"/>
    </xsl:if>
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

  <!-- A turn: "Label: " and its first paragraph on one line, then any
       further paragraphs as blocks. -->
  <xsl:template match="tei:sp" mode="block">
    <xsl:call-template name="separator"/>
    <xsl:apply-templates mode="turn"/>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="turn">
    <xsl:apply-templates mode="inline"/>
  </xsl:template>
  <xsl:template match="*" mode="turn">
    <xsl:variable name="prev" select="preceding-sibling::*[1]"/>
    <xsl:choose>
      <xsl:when test="$prev[self::tei:speaker]">
        <xsl:text> </xsl:text>
        <xsl:apply-templates mode="inline"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="block"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="processing-instruction('teikit-blank')" mode="turn">
    <xsl:value-of select="$nl"/>
  </xsl:template>
  <xsl:template match="tei:note[@n]" mode="turn"/>
  <xsl:template match="text() | comment() | processing-instruction()"
      mode="turn"/>

  <!-- A list of labelled items: "a. text", one block each. -->
  <xsl:template match="tei:list[tei:label]" mode="block">
    <xsl:call-template name="separator"/>
    <xsl:apply-templates mode="labelled">
      <xsl:with-param name="first"
          select="*[self::tei:head or self::tei:item or self::tei:pb][1]"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- Every block but the first is separated: testing for one before
       it (preceding-sibling::tei:item) is quadratic in a long list. -->
  <xsl:template match="tei:head | tei:item | tei:pb" mode="labelled">
    <xsl:param name="first"/>
    <xsl:if test="count(. | $first) = 2">
      <xsl:value-of select="concat($nl, $nl)"/>
    </xsl:if>
    <!-- The sibling before, then its test: libxml2 stops at [1] only
         when it is the last predicate. -->
    <xsl:variable name="prev" select="preceding-sibling::*[1]"/>
    <xsl:for-each select="$prev[self::tei:label][current()/self::tei:item]">
      <xsl:apply-templates mode="inline"/>
      <xsl:text> </xsl:text>
    </xsl:for-each>
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>
  <xsl:template match="processing-instruction('teikit-blank')"
      mode="labelled">
    <xsl:value-of select="$nl"/>
  </xsl:template>
  <xsl:template match="node()" mode="labelled"/>

  <xsl:template match="tei:pb" mode="block">
    <xsl:call-template name="separator"/>
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>

  <!-- Elements that hold blocks of their own (lists, letters' openers,
       quotations of several paragraphs) are containers; others are
       one block of inline text. -->
  <xsl:template match="*" mode="block">
    <xsl:call-template name="separator"/>
    <xsl:choose>
      <!-- "or", not a union: libxml2 merges a union by comparing every
           node of one with every node of the other. -->
      <xsl:when test="tei:p or tei:ab or tei:div or tei:sp or tei:lg
          or tei:list or tei:item or tei:opener or tei:closer
          or tei:dateline or tei:salute or tei:signed or tei:postscript
          or tei:quote/tei:p or tei:floatingText">
        <xsl:apply-templates mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="inline"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- FRUS's signature: <closer><signed>name</signed><lb/>title
       </closer>.  The titles after it are inline text of the closer
       (the layout after the last one, a line end and indentation, is
       not theirs); a bare gap between blocks is FRUS's own row of
       seven dots, which the frus profile writes without its desc. -->
  <xsl:template match="tei:closer/text()" mode="block">
    <xsl:value-of select="substring-before(concat(., $nl), $nl)"/>
  </xsl:template>
  <xsl:template match="tei:closer/*[not(self::tei:salute or self::tei:signed
      or self::tei:dateline or self::tei:seg)]" mode="block">
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>
  <xsl:template match="tei:gap[not(tei:desc)]" mode="block">
    <xsl:call-template name="separator"/>
    <xsl:text>. . . . . . .</xsl:text>
  </xsl:template>

  <!-- A footnote standing between blocks gives its marker only. -->

  <!-- ============ inline ============ -->

  <xsl:template match="tei:lb" mode="inline">
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="inline">
    <xsl:value-of select="concat('[Page ', @n, ']')"/>
  </xsl:template>

  <xsl:template match="tei:note[@n]" mode="inline">
    <xsl:value-of select="@n"/>
  </xsl:template>

  <xsl:template match="processing-instruction('teikit-esc')" mode="inline">
    <xsl:text>\</xsl:text>
  </xsl:template>

  <!-- A gap gives back the editors' words for it, "[Omission]". -->
  <xsl:template match="tei:gap" mode="inline">
    <xsl:apply-templates select="tei:desc/node()" mode="inline"/>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="inline"/>

  <!-- Text and all other elements: their text. -->

  <!-- ============ the notes section ============ -->

  <!-- Notes with text, after a line "-\-\-", one per line as "N. text";
       a note that holds only <gap reason="missing"/> had no text. -->
  <xsl:template name="notes-section">
    <xsl:variable name="with-text"
        select="$footnotes[not(tei:gap[@reason = 'missing'] and
                count(node()[normalize-space() or self::*]) = 1)]"/>
    <xsl:if test="$with-text">
      <xsl:value-of select="concat($nl, $nl, '---')"/>
      <xsl:for-each select="$with-text">
        <xsl:value-of select="concat($nl, @n, '. ')"/>
        <xsl:apply-templates mode="note-text"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Inside a note's text, a nested note gives its own text. -->
  <xsl:template match="node()" mode="note-text">
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>

  <!-- ============ the end ============ -->

  <xsl:template name="final-eols">
    <xsl:variable name="n">
      <xsl:choose>
        <xsl:when test="contains($source, 'final-eols=&quot;')">
          <xsl:value-of select="substring-before(substring-after($source,
              'final-eols=&quot;'), '&quot;')"/>
        </xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <!-- More than any string libxml2 can hold. -->
      <xsl:when test="number($n) &gt; 2147483647">
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('the teikit-source processing ',
              'instruction declares ', $n, ' final line ends; the text ',
              'view writes at most 2147483647')"/>
        </xsl:message>
      </xsl:when>
      <xsl:when test="number($n) &gt; 0">
        <xsl:call-template name="repeat">
          <xsl:with-param name="n" select="ceiling(number($n))"/>
          <xsl:with-param name="s" select="$nl"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- `s` written `n` times, by doubling: the depth is log2(n), not n
       (libxslt stops at 3000 nested calls). -->
  <xsl:template name="repeat">
    <xsl:param name="n"/>
    <xsl:param name="s"/>
    <xsl:if test="$n mod 2 = 1">
      <xsl:value-of select="$s"/>
    </xsl:if>
    <xsl:if test="$n &gt;= 2">
      <xsl:call-template name="repeat">
        <xsl:with-param name="n" select="floor($n div 2)"/>
        <xsl:with-param name="s" select="concat($s, $s)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ============ any other TEI ============ -->

  <!-- A document teikit did not write is shown as a reader would want
       it: a title block from the header, every word of the text, the
       source's indentation collapsed into clean paragraphs, notes and
       the critical apparatus numbered after the text, a teiCorpus as
       one section per TEI, a register (standOff) or a transcription of
       the source (sourceDoc) when there is no text.

       It is written in two passes.  The first walks the document and
       writes a string in which U+FDD0 ends a block, a line end ends a
       line, U+FDD1 is a space kept (before a line number) and U+FDD2 one
       of indentation (nested lists); a text node that spans lines gives
       its words with single spaces between.  The second cuts the string
       into blocks and lines, trims each line, and joins the blocks that
       are not empty with one empty line: no run of blank lines, no line
       that begins with a space, however the source was indented.  The
       three characters are non-characters; one in a source would only
       move a line break or a space.

       The empty <g-cut/> after each block and each flattened part
       starts a new text node in the first pass's tree: libxslt appends
       to a text node it did not write last by measuring it (strlen),
       and one text node for the whole document made that quadratic. -->

  
  <!-- Numbers given by position, computed once (xsl:number or a count
       of the preceding notes for each note is quadratic): the notes
       without @n and the apparatus entries of each TEI, and the verse
       lines of a TEI whose editors numbered none, counted within their
       lg, or within the text when not in one. -->
  <xsl:key name="g-num" match="g-n" use="@id"/>
  <xsl:variable name="g-map-rtf">
    <xsl:if test="not($teikit)">
      <xsl:for-each select="//tei:TEI">
        <!-- The notes the HTML view numbers, in the same order: all
             but those placed inline, a division's source note and a
             register entry's notes, which stand where they are. -->
        <xsl:for-each select="tei:text/descendant::tei:note[not(@n)]
            [not(@place = 'inline' or @rend = 'inline')]
            [not(@type = 'source' and parent::tei:div)]
            [not(parent::tei:person or parent::tei:place or parent::tei:org
                 or parent::tei:event)]">
          <g-n id="{generate-id()}" n="{position()}"/>
        </xsl:for-each>
        <xsl:for-each select="tei:text/descendant::tei:app">
          <g-n id="{generate-id()}" n="{position()}"/>
        </xsl:for-each>
        <!-- Lines are counted only where the editors numbered none. -->
        <!-- The verse lines found once: each descendant step walks the
             whole text. -->
        <xsl:variable name="ls" select="tei:text/descendant::tei:l"/>
        <xsl:if test="not($ls[@n])">
          <xsl:for-each select="$ls[not(parent::tei:lg)]">
            <g-n id="{generate-id()}" n="{position()}"/>
          </xsl:for-each>
          <xsl:for-each select="$ls/parent::tei:lg">
            <xsl:for-each select="tei:l">
              <g-n id="{generate-id()}" n="{position()}"/>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="g-map" select="exsl:node-set($g-map-rtf)"/>

  <xsl:template name="g-number">
    <xsl:param name="node" select="."/>
    <xsl:variable name="id" select="generate-id($node)"/>
    <xsl:for-each select="$g-map">
      <xsl:value-of select="key('g-num', $id)/@n"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ============ the second pass ============ -->

  <xsl:template name="g-document">
    <xsl:variable name="raw">
      <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="g-doc"/>
    </xsl:variable>
    <!-- string(), not ".": "." is a location path, a node-set built
         and cast for each use. -->
    <xsl:for-each select="str:split(string($raw), '&#xFDD0;')[
        normalize-space(substring(string(), 1, 64)) or normalize-space()]">
      <xsl:if test="position() &gt; 1">
        <xsl:text>&#10;&#10;</xsl:text>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="contains(string(), '&#10;')">
          <!-- Whether a line may hold U+FDD1 or U+FDD2, asked once of
               the block: an XPath function call costs more than the
               scan it makes, and a block has many lines. -->
          <xsl:variable name="k" select="contains(string(), '&#xFDD1;')
              or contains(string(), '&#xFDD2;')"/>
          <xsl:for-each select="str:split(., '&#10;')[normalize-space()]">
            <xsl:if test="position() &gt; 1">
              <xsl:text>&#10;</xsl:text>
            </xsl:if>
            <xsl:choose>
              <!-- Most lines: no space to keep (g-trim's last case). -->
              <xsl:when test="not(contains(string(), '  ') or $k and (
                  contains(string(), '&#xFDD1;') or contains(string(), '&#xFDD2;')))">
                <xsl:value-of select="normalize-space()"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="g-trim">
                  <xsl:with-param name="s" select="string(.)"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="contains(string(), '  ')">
          <xsl:call-template name="g-trim">
            <xsl:with-param name="s" select="string(.)"/>
          </xsl:call-template>
        </xsl:when>
        <!-- Most blocks: one line, no space to keep. -->
        <xsl:otherwise>
          <xsl:value-of select="normalize-space()"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- A line without its spaces at either end; the spaces it holds are
       kept (but a run of three or more makes every run one space), and U+FDD1 and
       U+FDD2 become spaces. -->
  <xsl:template name="g-trim">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '  ') and not(contains($s, '   '))">
        <!-- Each step below walks the whole line (a paragraph of one
             line is a block): the leading space is looked for only
             when the line begins with white space, and the two
             characters are translated (character by character) only
             when the line holds one. -->
        <xsl:choose>
          <xsl:when test="contains($s, '&#xFDD1;')
              or contains($s, '&#xFDD2;')">
            <xsl:variable name="lead" select="substring-before($s,
                substring(normalize-space($s), 1, 1))"/>
            <xsl:call-template name="g-rtrim">
              <xsl:with-param name="s" select="translate(substring($s,
                  string-length($lead) + 1), '&#xFDD1;&#xFDD2;', '  ')"/>
            </xsl:call-template>
          </xsl:when>
          <!-- No run of three spaces: the spaces that end the line
               are one or two, taken off at once (g-rtrim takes them
               one by one, walking the line each time). -->
          <xsl:when test="contains(' &#9;&#10;&#13;', substring($s, 1, 1))">
            <xsl:call-template name="g-rtrim2">
              <xsl:with-param name="s" select="substring($s,
                  string-length(substring-before($s,
                  substring(normalize-space($s), 1, 1))) + 1)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="n" select="string-length($s)"/>
            <xsl:value-of select="substring($s, 1, $n
                - (substring($s, $n) = ' ') - (substring($s, $n - 1) = '  '))"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="contains($s, '&#xFDD1;') or contains($s, '&#xFDD2;')">
        <xsl:value-of select="translate(normalize-space($s),
            '&#xFDD1;&#xFDD2;', '  ')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($s)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- `s` without the one or two spaces that end it (it has no run
       of three). -->
  <xsl:template name="g-rtrim2">
    <xsl:param name="s"/>
    <xsl:variable name="n" select="string-length($s)"/>
    <xsl:value-of select="substring($s, 1, $n
        - (substring($s, $n) = ' ') - (substring($s, $n - 1) = '  '))"/>
  </xsl:template>

  <xsl:template name="g-rtrim">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="substring($s, string-length($s)) = ' '">
        <xsl:call-template name="g-rtrim">
          <xsl:with-param name="s"
              select="substring($s, 1, string-length($s) - 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$s"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ documents ============ -->

  <xsl:template match="tei:teiCorpus" mode="g-doc">
    <xsl:apply-templates select="tei:teiHeader" mode="g-title"/>
    <xsl:for-each select="tei:TEI | tei:teiCorpus">
      <xsl:text>&#xFDD0;</xsl:text><g-cut/>
      <xsl:text>==========</xsl:text>
      <xsl:text>&#xFDD0;</xsl:text><g-cut/>
      <xsl:apply-templates select="." mode="g-doc"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A TEI: its title block, its text with its notes and apparatus;
       without a text, its register or its source transcription. -->
  <xsl:template match="tei:TEI" mode="g-doc">
    <xsl:apply-templates select="tei:teiHeader" mode="g-title"/>
    <xsl:choose>
      <xsl:when test="tei:text">
        <xsl:apply-templates select="tei:text" mode="g"/>
        <xsl:call-template name="g-notes"/>
        <xsl:call-template name="g-apparatus"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="tei:standOff | tei:sourceDoc"
            mode="g"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>

  <!-- The title block: titles, authors and editors of the titleStmt;
       for a letter, who sent it, where and when, and to whom. -->
  <xsl:template match="tei:teiHeader" mode="g-title">
    <xsl:variable name="ts" select="tei:fileDesc/tei:titleStmt"/>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    <xsl:for-each select="$ts/tei:title[normalize-space()]">
      <xsl:value-of select="concat('&#10;', normalize-space(
          translate(., '&#xFDD0;&#xFDD1;&#xFDD2;', '')))"/>
    </xsl:for-each>
    <xsl:call-template name="g-names">
      <xsl:with-param name="label" select="'Author: '"/>
      <xsl:with-param name="names" select="$ts/tei:author[normalize-space()]"/>
    </xsl:call-template>
    <xsl:call-template name="g-names">
      <xsl:with-param name="label" select="'Editor: '"/>
      <xsl:with-param name="names" select="$ts/tei:editor[normalize-space()]"/>
    </xsl:call-template>
    <xsl:for-each select="tei:profileDesc/tei:correspDesc/tei:correspAction[
        @type = 'sent' or @type = 'received']">
      <xsl:text>&#10;</xsl:text>
      <xsl:choose>
        <xsl:when test="@type = 'sent'">From: </xsl:when>
        <xsl:otherwise>To: </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="(tei:persName | tei:orgName | tei:name
          | tei:placeName | tei:settlement | tei:date)[normalize-space()
          or @when]">
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:choose>
          <xsl:when test="normalize-space()">
            <xsl:value-of select="normalize-space(translate(., '&#xFDD0;&#xFDD1;&#xFDD2;', ''))"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="@when"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>

  <!-- A name: its persName (or name, orgName) when it holds one, the
       words of its parts apart ("<forename/><surname/>"). -->
  <xsl:template name="g-name">
    <xsl:variable name="p" select="(tei:persName | tei:name
        | tei:orgName)[1]"/>
    <xsl:for-each select="$p | self::*[not($p)]">
      <xsl:call-template name="g-name-words"/>
    </xsl:for-each>
  </xsl:template>
  <!-- The words of a header's or a register's element, its parts apart
       and its spaces collapsed. -->
  <xsl:template name="g-name-words">
    <xsl:variable name="s">
      <xsl:for-each select=".//text()">
        <xsl:value-of select="concat(' ', .)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="normalize-space(translate($s, '&#xFDD0;&#xFDD1;&#xFDD2;', ''))"/>
  </xsl:template>

  <xsl:template name="g-names">
    <xsl:param name="label"/>
    <xsl:param name="names"/>
    <xsl:if test="$names">
      <xsl:value-of select="concat('&#10;', $label)"/>
      <xsl:for-each select="$names">
        <xsl:if test="position() &gt; 1">; </xsl:if>
        <xsl:call-template name="g-name"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- ============ blocks and inline ============ -->

  <!-- Mode g: a child of an element without text of its own, so a
       block; mode gi: a child of an element with text, so inline:
       unless it is a block by its nature (a p, a list, a quotation of
       paragraphs), which ends the paragraph around it and begins it
       again after, so that no word beside it is lost. -->
  <xsl:template name="g-content">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()][1]">
        <xsl:apply-templates mode="gi"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="g"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="g-block">
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    <xsl:call-template name="g-content"/>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>

  <xsl:template match="*" mode="g">
    <xsl:call-template name="g-block"/>
  </xsl:template>
  <xsl:template match="*" mode="gi">
    <xsl:apply-templates mode="gi"/>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:head | tei:div | tei:div1
      | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
      | tei:lg | tei:floatingText | tei:text | tei:group | tei:body
      | tei:front | tei:back | tei:dateline
      | tei:salute | tei:signed | tei:postscript | tei:byline
      | tei:trailer | tei:epigraph | tei:argument | tei:figure
      | tei:titlePage | tei:docTitle | tei:docAuthor | tei:docImprint
      | tei:docDate | tei:docEdition | tei:titlePart | tei:listBibl
      | tei:spGrp | tei:eg | tei:egXML | tei:u | tei:entry"
      mode="gi">
    <xsl:call-template name="g-block"/>
  </xsl:template>

  <!-- A FRUS document's number on its own line before its head,
       unless the head already begins with it. -->
  <xsl:template match="tei:div[@type = 'document'][@n]/tei:head[1]"
      mode="g">
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    <xsl:if test="not(starts-with(normalize-space(.), concat(../@n, '. ')))">
      <xsl:value-of select="concat('No. ', ../@n, '&#10;')"/>
    </xsl:if>
    <xsl:call-template name="g-content"/>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>

  <!-- Text: its words, what spans lines with single spaces.  A text
       node that spans lines gives its words, and one space for the
       white space at either end: normalize-space() of the text between
       two U+FDD3 keeps the space after the first and before the last,
       and substring() takes the marks off, whatever the text holds.
       Two XPath evaluations in all: each costs more than the scans it
       makes on a text node (string-length() of "." walks it, and each
       use of "." copies it); string() costs less than ".", a location
       path. -->
  <xsl:template match="text()" mode="g"/>
  <xsl:template match="text()" mode="gi">
    <xsl:choose>
      <xsl:when test="contains(string(), '&#10;')
          or contains(string(), '&#13;') or contains(string(), '&#9;')">
        <xsl:variable name="r" select="normalize-space(
            concat('&#xFDD3;', string(), '&#xFDD3;'))"/>
        <xsl:value-of select="substring($r, 2, string-length($r) - 2)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="string()"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="g"/>
  <xsl:template match="comment() | processing-instruction()" mode="gi"/>

  <!-- Not shown: the header (the title block instead), forme work,
       binary data, facsimiles (a graphic shows its desc only), and the standOff and sourceDoc of a
       document with a text. -->
  <xsl:template match="tei:teiHeader | tei:fw | tei:binaryObject
      | tei:facsimile | tei:anchor | tei:cb | tei:gb | tei:milestone
      | tei:ptr[not(node())]" mode="g"/>
  <xsl:template match="tei:teiHeader | tei:fw | tei:binaryObject
      | tei:facsimile | tei:anchor | tei:cb | tei:gb | tei:milestone
      | tei:ptr[not(node())]" mode="gi"/>

  <!-- Breaks. -->
  <xsl:template match="tei:lb" mode="g">
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:lb" mode="gi">
    <xsl:if test="not(@break = 'no')">
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:pb" mode="g">
    <xsl:if test="normalize-space(@n)">
      <xsl:value-of select="concat('&#xFDD0;', '[Page ', normalize-space(@n), ']',
          '&#xFDD0;')"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:pb" mode="gi">
    <xsl:if test="normalize-space(@n)">
      <xsl:value-of select="concat(' [Page ', normalize-space(@n), '] ')"/>
    </xsl:if>
  </xsl:template>

  <!-- A gap: the editors' description, else an ellipsis. -->
  <xsl:template match="tei:gap" mode="g">
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    <xsl:apply-templates select="." mode="gi"/>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="gi">
    <xsl:choose>
      <xsl:when test="tei:desc">
        <xsl:apply-templates select="tei:desc/node()" mode="gi"/>
      </xsl:when>
      <xsl:otherwise>[…]</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Verse: a line of its own, with its number every fifth line (from
       @n when given, else counted). -->
  <xsl:template match="tei:l" mode="g">
    <xsl:call-template name="g-line"/>
  </xsl:template>
  <xsl:template match="tei:l" mode="gi">
    <xsl:call-template name="g-line"/>
  </xsl:template>
  <xsl:template name="g-line">
    <xsl:text>&#10;</xsl:text>
    <xsl:call-template name="g-flat-line"/>
    <xsl:variable name="n">
      <xsl:choose>
        <xsl:when test="@n">
          <xsl:value-of select="normalize-space(@n)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="g-number"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="string(number($n)) != 'NaN' and $n mod 5 = 0 and $n &gt; 0">
      <xsl:value-of select="concat('&#xFDD1;&#xFDD1;&#xFDD1;&#xFDD1;', $n)"/>
    </xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- The content of the context node on one line (a table cell, a
       verse line): its blocks and lines made spaces and its spaces
       collapsed (normalize-space() makes the line ends spaces itself). -->
  <xsl:template name="g-flat-line">
    <xsl:variable name="c">
      <xsl:call-template name="g-content"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($c, '&#xFDD0;')">
        <xsl:value-of select="normalize-space(str:replace($c, '&#xFDD0;',
            ' '))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($c)"/>
      </xsl:otherwise>
    </xsl:choose>
    <g-cut/>
  </xsl:template>

  <!-- The content of the context node with its blocks made lines,
       without the white space that begins it.  translate() is asked
       only of content that holds a block: it costs far more a
       character than contains(). -->
  <xsl:template name="g-flat-leave">
    <xsl:variable name="c">
      <xsl:call-template name="g-content"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($c, '&#xFDD0;')">
        <xsl:call-template name="g-lstrip">
          <xsl:with-param name="s" select="str:replace($c, '&#xFDD0;',
              '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="not(contains(' &#9;&#10;&#13;', substring($c, 1, 1)))">
        <xsl:value-of select="$c"/>
        <g-cut/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="g-lstrip">
          <xsl:with-param name="s" select="string($c)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- `s` without the white space that begins it. -->
  <xsl:template name="g-lstrip">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="not(contains(' &#9;&#10;&#13;', substring($s, 1, 1)))">
        <xsl:value-of select="$s"/>
        <g-cut/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="first" select="substring(normalize-space($s),
            1, 1)"/>
        <xsl:if test="$first">
          <xsl:value-of select="substring($s, string-length(substring-before(
              $s, $first)) + 1)"/>
          <g-cut/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>



  <!-- Lists: an item a line, "- " or its label before it; an item of
       a nested list one more dash before it (no line begins with a
       space). -->
  <xsl:template match="tei:list | tei:castList | tei:listPerson
      | tei:listPlace | tei:listOrg | tei:listEvent" mode="gi">
    <xsl:call-template name="g-block"/>
  </xsl:template>
  <xsl:template match="tei:list/tei:label" mode="g"/>
  <xsl:template match="tei:list/tei:label" mode="gi"/>
  <xsl:template match="tei:item | tei:castItem" mode="g">
    <xsl:call-template name="g-item"/>
  </xsl:template>
  <xsl:template match="tei:item | tei:castItem" mode="gi">
    <xsl:call-template name="g-item"/>
  </xsl:template>
  <xsl:template name="g-item">
    <xsl:text>&#10;</xsl:text>
    <xsl:call-template name="g-indent">
      <xsl:with-param name="n" select="count(ancestor::tei:list
          | ancestor::tei:castGroup) - 1 + count(self::tei:castItem)"/>
    </xsl:call-template>
    <xsl:variable name="label" select="preceding-sibling::*[1]"/>
    <xsl:choose>
      <xsl:when test="$label[self::tei:label]">
        <xsl:if test="count(ancestor::tei:list) &gt; 1">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:for-each select="$label">
          <xsl:call-template name="g-flat-line"/>
        </xsl:for-each>
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>- </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="g-flat-leave"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template name="g-indent">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0 and $n &lt; 40">
      <xsl:text>-</xsl:text>
      <xsl:call-template name="g-indent">
        <xsl:with-param name="n" select="$n - 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Cast lists: role, description, actor; a group's head a line, its
       items under it. -->
  <xsl:template match="tei:castGroup" mode="g">
    <xsl:call-template name="g-castgroup"/>
  </xsl:template>
  <xsl:template match="tei:castGroup" mode="gi">
    <xsl:call-template name="g-castgroup"/>
  </xsl:template>
  <xsl:template name="g-castgroup">
    <xsl:for-each select="tei:head">
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="g-indent">
        <xsl:with-param name="n" select="count(ancestor::tei:castGroup) - 1"/>
      </xsl:call-template>
      <xsl:text>- </xsl:text>
      <xsl:call-template name="g-flat-line"/>
    </xsl:for-each>
    <xsl:apply-templates select="*[not(self::tei:head)]" mode="gi"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:castGroup/tei:roleDesc" mode="gi">
    <xsl:text>&#10;</xsl:text>
    <xsl:call-template name="g-flat-line"/>
  </xsl:template>
  <!-- ", " between the parts of a cast item, unless the source has
       its own words between them. -->
  <xsl:template match="tei:castItem/tei:roleDesc | tei:castItem/tei:actor
      | tei:castItem/tei:role" mode="gi">
    <xsl:apply-templates select="." mode="g"/>
  </xsl:template>
  <xsl:template match="tei:castItem/tei:roleDesc | tei:castItem/tei:actor
      | tei:castItem/tei:role" mode="g">
    <xsl:variable name="prev" select="preceding-sibling::node()[1]"/>
    <xsl:if test="$prev[self::*] or ($prev[self::text()][not(normalize-space())]
        and preceding-sibling::node()[2][self::*])">, </xsl:if>
    <xsl:apply-templates mode="gi"/>
  </xsl:template>

  <!-- Tables: a row a line, its cells between " | ". -->
  <xsl:template match="tei:table" mode="gi">
    <xsl:call-template name="g-block"/>
  </xsl:template>
  <xsl:template match="tei:row" mode="g">
    <xsl:call-template name="g-row"/>
  </xsl:template>
  <xsl:template match="tei:row" mode="gi">
    <xsl:call-template name="g-row"/>
  </xsl:template>
  <xsl:template name="g-row">
    <xsl:text>&#10;</xsl:text>
    <xsl:for-each select="*">
      <xsl:if test="position() &gt; 1"> | </xsl:if>
      <xsl:call-template name="g-flat-line"/>
    </xsl:for-each>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- A turn: the speaker, then the speech: prose on the speaker's
       line, verse on the lines below; its paragraphs, lines and stage
       directions one a line. -->
  <xsl:template match="tei:sp" mode="g">
    <xsl:call-template name="g-sp"/>
  </xsl:template>
  <xsl:template match="tei:sp" mode="gi">
    <xsl:call-template name="g-sp"/>
  </xsl:template>
  <xsl:template match="tei:sp/tei:speaker" mode="g"/>
  <xsl:template match="tei:sp/tei:speaker" mode="gi"/>
  <xsl:template name="g-sp">
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    <xsl:variable name="who">
      <xsl:for-each select="tei:speaker">
        <xsl:if test="position() &gt; 1">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:call-template name="g-flat-line"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="w" select="normalize-space($who)"/>
    <xsl:value-of select="$w"/>
    <xsl:if test="$w != '' and not(contains('.:;,!?)]',
        substring($w, string-length($w))))">:</xsl:if>
    <xsl:variable name="next"
        select="*[not(self::tei:speaker)][1]"/>
    <xsl:choose>
      <xsl:when test="$w = ''"/>
      <xsl:when test="$next[self::tei:l or self::tei:lg]">
        <xsl:text>&#10;</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text> </xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="g-flat-leave"/>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>

  <!-- A letter's opening and closing: a line each for the dateline,
       the salute, the signature and what stands between them. -->
  <xsl:template match="tei:opener | tei:closer" mode="g">
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    <xsl:call-template name="g-flat-leave"/>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>
  <xsl:template match="tei:opener | tei:closer" mode="gi">
    <xsl:apply-templates select="." mode="g"/>
  </xsl:template>

  <!-- Stage directions: apart, in brackets unless they have their own. -->
  <xsl:template match="tei:stage" mode="g">
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    <xsl:call-template name="g-stage"/>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>
  <xsl:template match="tei:stage" mode="gi">
    <xsl:text> </xsl:text>
    <xsl:call-template name="g-stage"/>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template name="g-stage">
    <xsl:variable name="s" select="normalize-space(.)"/>
    <xsl:variable name="own" select="contains('([', substring($s, 1, 1))"/>
    <xsl:if test="not($own)">[</xsl:if>
    <xsl:call-template name="g-flat-line"/>
    <xsl:if test="not($own)">]</xsl:if>
  </xsl:template>

  <!-- Quotations: a block when rend says so or it holds blocks;
       inline, in marks unless its text has its own or rend names
       them. -->
  <xsl:variable name="g-qmarks">"“”‘’«»„‚‹›'</xsl:variable>
  <xsl:template match="tei:quote | tei:q | tei:said" mode="gi">
    <xsl:choose>
      <xsl:when test="contains(@rend, 'block') or tei:p or tei:lg
          or tei:l or tei:list or tei:sp or tei:ab or tei:table">
        <xsl:call-template name="g-block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="s" select="normalize-space(.)"/>
        <xsl:variable name="own" select="$s = ''
            or contains(@rend, 'pre(') or contains(@rend, 'post(')
            or contains(@rend, 'noquote') or contains(@rend, 'inline')
            or contains($g-qmarks, substring($s, 1, 1))
            or contains($g-qmarks, substring($s, string-length($s)))"/>
        <xsl:if test="not($own)">“</xsl:if>
        <xsl:call-template name="g-content"/>
        <xsl:if test="not($own)">”</xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- choice: one side (the param `choice`). -->
  <xsl:template match="tei:choice" mode="g">
    <xsl:apply-templates select="." mode="gi"/>
  </xsl:template>
  <xsl:template match="tei:choice" mode="gi">
    <xsl:variable name="reg" select="(tei:corr | tei:reg | tei:expan)[1]"/>
    <xsl:variable name="orig" select="(tei:sic | tei:orig | tei:abbr)[1]"/>
    <xsl:variable name="chosen" select="(tei:corr[1] | tei:reg[1][not(../tei:corr)]
        | tei:expan[1][not(../tei:corr or ../tei:reg)])"/>
    <xsl:choose>
      <xsl:when test="$choice = 'orig' and $orig">
        <xsl:for-each select="(tei:sic[1] | tei:orig[1][not(../tei:sic)]
            | tei:abbr[1][not(../tei:sic or ../tei:orig)])">
          <xsl:call-template name="g-content"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$chosen">
        <xsl:for-each select="$chosen">
          <xsl:call-template name="g-content"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*[1]">
          <xsl:call-template name="g-content"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Notes: "[N]" at their place (N is @n, or the note's number among
       the notes of its TEI without one); the text after the text. -->
  <!-- A note standing between blocks, attached to no text: numbered
       (by @n, or among the notes without one, as in the HTML view), in
       the notes section only.  A division's source note without @n and
       a note placed inline are shown where they stand, as the HTML
       view shows them: a paragraph of its own between blocks, words in
       the line inside one. -->
  <xsl:template match="tei:note[@n]" mode="g"/>
  <xsl:template match="tei:note" mode="g">
    <xsl:if test="@place = 'inline' or @rend = 'inline'
        or (@type = 'source' and parent::tei:div)
        or parent::tei:person or parent::tei:place or parent::tei:org
        or parent::tei:event">
      <xsl:call-template name="g-block"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:note" mode="gi">
    <xsl:choose>
      <xsl:when test="not(@n) and (@place = 'inline' or @rend = 'inline')">
        <xsl:apply-templates mode="gi"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>[</xsl:text>
        <xsl:call-template name="g-note-label"/>
        <xsl:text>]</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="g-note-label">
    <xsl:choose>
      <xsl:when test="@n">
        <xsl:value-of select="normalize-space(@n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="g-number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- After a line "-\-\-", each note of the TEI "N. text" (a FRUS note
       holding only <gap reason="missing"/> had no text). -->
  <xsl:template name="g-notes">
    <xsl:variable name="notes" select="tei:text/descendant::tei:note[@n or
        (not(@place = 'inline' or @rend = 'inline')
        and not(@type = 'source' and parent::tei:div)
        and not(parent::tei:person or parent::tei:place or parent::tei:org
                or parent::tei:event))][not(
        tei:gap[@reason = 'missing'] and
        count(node()[normalize-space() or self::*]) = 1)]"/>
    <xsl:if test="$notes">
      <xsl:value-of select="concat('&#xFDD0;', '---')"/>
      <xsl:for-each select="$notes">
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="g-note-label"/>
        <xsl:text>. </xsl:text>
        <xsl:call-template name="g-content"/>
        <g-cut/>
      </xsl:for-each>
      <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    </xsl:if>
  </xsl:template>

  <!-- The critical apparatus: the base reading (the lem, else the first
       rdg) in the text, marked "[vN]"; the other readings with their
       witnesses in the apparatus after the text. -->
  <xsl:template match="tei:app" mode="g">
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    <xsl:apply-templates select="." mode="gi"/>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>
  <xsl:template match="tei:app" mode="gi">
    <xsl:for-each select="(tei:lem | tei:rdg[not(../tei:lem)])[1]">
      <xsl:call-template name="g-content"/>
    </xsl:for-each>
    <xsl:text>[v</xsl:text>
    <xsl:call-template name="g-number"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template name="g-apparatus">
    <xsl:variable name="apps" select="tei:text/descendant::tei:app"/>
    <xsl:if test="$apps">
      <xsl:value-of select="concat('&#xFDD0;', 'Apparatus')"/>
      <xsl:for-each select="$apps">
        <xsl:variable name="base"
            select="(tei:lem | tei:rdg[not(../tei:lem)])[1]"/>
        <xsl:text>&#10;v</xsl:text>
        <xsl:call-template name="g-number"/>
        <xsl:text>. </xsl:text>
        <xsl:for-each select="$base">
          <xsl:call-template name="g-flat-line"/>
          <xsl:call-template name="g-wit"/>
        </xsl:for-each>
        <xsl:text>]</xsl:text>
        <xsl:for-each select="*[count(. | $base) != 1]">
          <xsl:if test="position() &gt; 1">;</xsl:if>
          <xsl:text> </xsl:text>
          <xsl:choose>
            <xsl:when test="self::tei:rdgGrp">
              <xsl:for-each select="tei:rdg | tei:lem">
                <xsl:if test="position() &gt; 1">; </xsl:if>
                <xsl:call-template name="g-reading"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="g-reading"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="g-reading">
    <xsl:variable name="r">
      <xsl:call-template name="g-flat-line"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space($r) = '' and
          (self::tei:rdg or self::tei:lem)">om.</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$r"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="g-wit"/>
  </xsl:template>

  <!-- A reading's witnesses, "#" taken off, their names when the
       document lists them. -->
  <xsl:key name="g-wit" match="tei:witness" use="@xml:id"/>
  <xsl:variable name="g-root" select="/"/>
  <xsl:template name="g-wit">
    <xsl:if test="normalize-space(@wit)">
      <xsl:text> (</xsl:text>
      <xsl:for-each select="str:tokenize(normalize-space(@wit), ' ')">
        <xsl:variable name="id" select="substring-after(., '#')"/>
        <xsl:variable name="name">
          <xsl:for-each select="$g-root">
            <xsl:variable name="w" select="key('g-wit', $id)[1]"/>
            <xsl:choose>
              <xsl:when test="$w/@n">
                <xsl:value-of select="normalize-space($w/@n)"/>
              </xsl:when>
              <xsl:when test="string-length(normalize-space($w)) &lt;= 40">
                <xsl:value-of select="normalize-space($w)"/>
              </xsl:when>
            </xsl:choose>
          </xsl:for-each>
        </xsl:variable>
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:choose>
          <xsl:when test="normalize-space($name)">
            <xsl:value-of select="translate($name, '&#xFDD0;&#xFDD1;&#xFDD2;', '')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="translate(., '#', '')"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ============ registers and sources ============ -->

  <!-- An entry of a register: its name, then each other part on a
       line in the source's order: "born: date place", "also: another
       name", "part: text" (the names for sorting left out). -->
  <xsl:template match="tei:standOff//*[self::tei:person or self::tei:personGrp
      or self::tei:place or self::tei:org or self::tei:event
      or self::tei:bibl or self::tei:biblStruct or self::tei:relation
      or self::tei:nym or self::tei:object]" mode="g">
    <xsl:variable name="main" select="*[self::tei:persName or
        self::tei:placeName or self::tei:orgName or self::tei:name
        or self::tei:geogName or self::tei:label or self::tei:title]
        [not(@type = 'sort')][1]"/>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
    <xsl:for-each select="$main">
      <xsl:call-template name="g-name"/>
    </xsl:for-each>
    <xsl:for-each select="*[count(. | $main) != 1][not(@type = 'sort')]
        [normalize-space() or .//@when or .//@from or .//@notBefore]">
      <xsl:text>&#10;</xsl:text>
      <xsl:choose>
        <xsl:when test="self::tei:birth">born: </xsl:when>
        <xsl:when test="self::tei:death">died: </xsl:when>
        <xsl:when test="self::tei:persName or self::tei:placeName
            or self::tei:orgName or self::tei:name or self::tei:geogName">also: </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat(local-name(), ': ')"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="self::tei:birth or self::tei:death or self::tei:floruit
            or self::tei:date">
          <xsl:call-template name="g-when"/>
        </xsl:when>
        <xsl:when test="self::tei:persName or self::tei:placeName
            or self::tei:orgName or self::tei:name or self::tei:geogName">
          <xsl:call-template name="g-name-words"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="g-flat-line"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:text>&#xFDD0;</xsl:text><g-cut/>
  </xsl:template>

  <!-- A date: its @when (@from-@to, @notBefore) when its date element
       has no words, then its words. -->
  <xsl:template name="g-when">
    <xsl:variable name="d" select="(descendant-or-self::*[@when
        or @from or @notBefore or @to or @notAfter])[1]"/>
    <xsl:if test="$d and not(normalize-space($d))">
      <xsl:value-of select="concat(normalize-space($d/@when),
          normalize-space($d/@from), normalize-space($d/@notBefore))"/>
      <xsl:if test="$d/@to or $d/@notAfter">
        <xsl:value-of select="concat('–', $d/@to, $d/@notAfter)"/>
      </xsl:if>
      <xsl:if test="normalize-space()">
        <xsl:text> </xsl:text>
      </xsl:if>
    </xsl:if>
    <xsl:call-template name="g-name-words"/>
  </xsl:template>

  <!-- The lines of a transcribed source (sourceDoc), a line each. -->
  <xsl:template match="tei:line" mode="g">
    <xsl:text>&#10;</xsl:text>
    <xsl:call-template name="g-flat-line"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:line" mode="gi">
    <xsl:apply-templates select="." mode="g"/>
  </xsl:template>
  <xsl:template match="tei:surface[@n] | tei:zone[@n]" mode="g">
    <xsl:value-of select="concat('&#xFDD0;', '[', local-name(), ' ',
        normalize-space(@n), ']')"/>
    <xsl:call-template name="g-block"/>
  </xsl:template>

</xsl:stylesheet>
