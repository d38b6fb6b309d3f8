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
    exclude-result-prefixes="tei">

  <xsl:output method="text" encoding="UTF-8"/>

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
       FRUS numbers its source notes among the footnotes). -->
  <xsl:variable name="footnotes" select="//tei:text//tei:note[@n]"/>

  <xsl:template match="/">
    <xsl:if test="contains($source, 'bom=&quot;yes&quot;')">
      <xsl:text>&#xFEFF;</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="(tei:TEI | tei:teiCorpus)/tei:text"
        mode="block"/>
    <xsl:call-template name="notes-section"/>
    <xsl:call-template name="final-eols"/>
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

</xsl:stylesheet>
