<?xml version="1.0" encoding="UTF-8"?>
<!--
  frus-features.xsl: the features of an encoded FRUS document that
  bench/frus-score.sh compares with the Office of the Historian's own
  encoding, one per line: the document number, head, source note,
  dateline and closer as normalised text, and every page break and
  footnote marker with the 30 characters of text before it.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="doc" select="(//tei:div[@type = 'document'])[1]"/>

  <xsl:template match="/">
    <xsl:value-of select="concat('number&#9;', $doc/@n, '&#10;')"/>
    <xsl:for-each select="$doc/tei:head[1]">
      <xsl:text>head&#9;</xsl:text>
      <xsl:call-template name="plain"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="($doc//tei:note[@type = 'source'])[1]">
      <xsl:text>source&#9;</xsl:text>
      <xsl:call-template name="plain"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="($doc//tei:dateline)[1]">
      <xsl:text>dateline&#9;</xsl:text>
      <xsl:call-template name="plain"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="($doc//tei:closer)[1]">
      <xsl:text>closer&#9;</xsl:text>
      <xsl:call-template name="plain"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="$doc//tei:pb">
      <xsl:value-of select="concat('pb&#9;', @n, '&#9;')"/>
      <xsl:call-template name="before"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="$doc//tei:note[@n][not(@type = 'source')]
        | $doc//tei:note[@n][@type = 'source'][ancestor::tei:head]">
      <xsl:value-of select="concat('note&#9;', @n, '&#9;')"/>
      <xsl:call-template name="before"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- Normalised text, notes left out. -->
  <xsl:template name="plain">
    <xsl:variable name="t">
      <xsl:for-each select=".//text()[not(ancestor::tei:note[ancestor::* = current()] and not(ancestor::tei:note = current()))]">
        <xsl:value-of select="."/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>

  <!-- The 30 characters of text before this element in the document,
       notes and the header left out, white space normalised. -->
  <xsl:template name="before">
    <xsl:variable name="t">
      <xsl:for-each select="preceding::text()[not(ancestor::tei:note)]
          [not(ancestor::tei:teiHeader)][position() &lt;= 8]">
        <xsl:value-of select="."/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="n" select="normalize-space($t)"/>
    <xsl:value-of select="substring($n, string-length($n) - 29)"/>
  </xsl:template>

</xsl:stylesheet>
