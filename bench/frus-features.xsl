<?xml version="1.0" encoding="UTF-8"?>
<!--
  frus-features.xsl: the features of an encoded FRUS document that
  bench/frus-score.sh compares with the Office of the Historian's own
  encoding, one a line: KIND, KEY, MODE and PROBE separated by tabs.
  KIND and KEY are what is compared (the scorer ignores white space in
  KEY); MODE and PROBE say how to tell whether the plaintext input can
  carry the feature at all (read by the scorer for the reference only):
    L  PROBE's first characters begin a line of the input (after a
       footnote number "N. " at most): headings, datelines, closers,
       list items, notes' text, speaker labels;
    A  PROBE occurs anywhere in the input, "[Page N]" markers left out:
       footnote markers (the text before them and the number), names;
    R  PROBE occurs anywhere in the input as it is: "[Page N]";
    N  the input has a line "No. PROBE" or "PROBE. ...".
  The element names are the Office of the Historian's, which teikit's
  two profiles share: a feature is its element, wherever it stands.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="doc" select="(//tei:div[@type = 'document'])[1]"/>
  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <xsl:template match="/">
    <xsl:if test="$doc/@n">
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'number'"/>
        <xsl:with-param name="key" select="$doc/@n"/>
        <xsl:with-param name="mode" select="'N'"/>
        <xsl:with-param name="probe" select="$doc/@n"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:for-each select="$doc/tei:head[1]">
      <xsl:call-template name="block">
        <xsl:with-param name="kind" select="'head'"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$doc//tei:note[@type = 'source']">
      <xsl:call-template name="block">
        <xsl:with-param name="kind" select="'source'"/>
      </xsl:call-template>
    </xsl:for-each>

    <!-- Page breaks and footnote markers: where they stand. -->
    <xsl:for-each select="$doc//tei:pb">
      <xsl:variable name="ctx">
        <xsl:call-template name="before"/>
      </xsl:variable>
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'pb'"/>
        <xsl:with-param name="key" select="concat(@n, ' ', $ctx)"/>
        <xsl:with-param name="mode" select="'R'"/>
        <xsl:with-param name="probe" select="concat('[Page ', @n, ']')"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$doc//tei:note[@n][not(@type = 'source')]
        | $doc//tei:note[@n][@type = 'source'][ancestor::tei:head]">
      <xsl:variable name="ctx">
        <xsl:call-template name="before"/>
      </xsl:variable>
      <xsl:variable name="s" select="translate($ctx, ' ', '')"/>
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'note'"/>
        <xsl:with-param name="key" select="concat(@n, ' ', $ctx)"/>
        <xsl:with-param name="mode" select="'A'"/>
        <xsl:with-param name="probe"
            select="concat(substring($s, string-length($s) - 11), @n)"/>
      </xsl:call-template>
      <!-- A note with no text (the input had none) claims none. -->
      <xsl:variable name="t">
        <xsl:call-template name="plain"/>
      </xsl:variable>
      <xsl:if test="string($t) != ''">
        <xsl:call-template name="emit">
          <xsl:with-param name="kind" select="'notetext'"/>
          <xsl:with-param name="key" select="concat(@n, ' ', $t)"/>
          <xsl:with-param name="mode" select="'L'"/>
          <xsl:with-param name="probe" select="$t"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>

    <!-- Datelines: the whole, where it stands, the place, the date's
         @when. -->
    <xsl:for-each select="$doc//tei:dateline">
      <xsl:variable name="t">
        <xsl:call-template name="plain"/>
      </xsl:variable>
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'dateline'"/>
        <xsl:with-param name="key" select="$t"/>
        <xsl:with-param name="mode" select="'L'"/>
        <xsl:with-param name="probe" select="$t"/>
      </xsl:call-template>
      <!-- In an opener, or free-standing as FRUS prints it after 1950. -->
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'dateline.where'"/>
        <xsl:with-param name="key">
          <xsl:choose>
            <xsl:when test="parent::tei:opener">
              <xsl:value-of select="concat('opener: ', $t)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="concat(local-name(..), ': ', $t)"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="mode" select="'L'"/>
        <xsl:with-param name="probe" select="$t"/>
      </xsl:call-template>
      <xsl:for-each select=".//tei:placeName">
        <xsl:call-template name="emit">
          <xsl:with-param name="kind" select="'dateline.place'"/>
          <xsl:with-param name="key" select="normalize-space(.)"/>
          <xsl:with-param name="mode" select="'L'"/>
          <xsl:with-param name="probe" select="$t"/>
        </xsl:call-template>
      </xsl:for-each>
      <!-- The date of the dateline, not when it was received: the
           Office of the Historian leaves "[Received September 11.]"
           unmarked in the dateline, teikit marks it date
           type="received"; the text is scored as part of the whole. -->
      <xsl:for-each select=".//tei:date[@when][not(@type = 'received')]">
        <xsl:call-template name="emit">
          <xsl:with-param name="kind" select="'dateline.when'"/>
          <xsl:with-param name="key" select="@when"/>
          <xsl:with-param name="mode" select="'L'"/>
          <xsl:with-param name="probe" select="$t"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>

    <!-- Sender and recipient: a person or an office. -->
    <xsl:for-each select="$doc//tei:persName[@type = 'from' or @type = 'to']">
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'fromto.persName'"/>
        <xsl:with-param name="key" select="concat(@type, ' ', normalize-space(.))"/>
        <xsl:with-param name="mode" select="'A'"/>
        <xsl:with-param name="probe" select="normalize-space(.)"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$doc//tei:gloss[@type = 'from' or @type = 'to']">
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'fromto.gloss'"/>
        <xsl:with-param name="key" select="concat(@type, ' ', normalize-space(.))"/>
        <xsl:with-param name="mode" select="'A'"/>
        <xsl:with-param name="probe" select="normalize-space(.)"/>
      </xsl:call-template>
    </xsl:for-each>

    <!-- Participant lists: each item. -->
    <xsl:for-each select="$doc//tei:list[@type = 'participants'
        or contains(translate(tei:head, $lower, $upper), 'PARTICIPANT')
        or contains(translate(tei:head, $lower, $upper), 'PRESENT')]/tei:item">
      <xsl:call-template name="block">
        <xsl:with-param name="kind" select="'participant'"/>
      </xsl:call-template>
    </xsl:for-each>

    <!-- A closer without its salute: the Office of the Historian puts
         "Respectfully yours," in a p before the closer, teikit's tei
         profile in the closer (issue 17); both mark the signature. -->
    <xsl:for-each select="$doc//tei:closer">
      <xsl:variable name="t">
        <xsl:for-each select=".//text()[not(ancestor::tei:note)]
            [not(ancestor::tei:salute)]">
          <xsl:value-of select="."/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'closer'"/>
        <xsl:with-param name="key" select="normalize-space($t)"/>
        <xsl:with-param name="mode" select="'L'"/>
        <xsl:with-param name="probe" select="normalize-space($t)"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$doc//tei:signed">
      <xsl:call-template name="block">
        <xsl:with-param name="kind" select="'signed'"/>
      </xsl:call-template>
    </xsl:for-each>

    <!-- Omissions in the text: where they stand.  A gap in a note
         stands for the note's text the input did not give. -->
    <xsl:for-each select="$doc//tei:gap[not(ancestor::tei:note)]">
      <xsl:variable name="ctx">
        <xsl:call-template name="before"/>
      </xsl:variable>
      <xsl:variable name="s" select="translate($ctx, ' ', '')"/>
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'gap'"/>
        <xsl:with-param name="key" select="$ctx"/>
        <xsl:with-param name="mode" select="'A'"/>
        <xsl:with-param name="probe"
            select="substring($s, string-length($s) - 11)"/>
      </xsl:call-template>
    </xsl:for-each>

    <!-- Persons, by surname (the last word of the name): those listed
         and those named in the text.  The scorer counts each once. -->
    <!-- Issue 17: signers and listed participants are persons too,
         where a file marks no persName for them (the Office of the
         Historian marks only those of its volume's list of persons):
         the name is the signature's first line, or a participant
         item's words before its first comma, when they read as a name
         (not "The Secretary of State"). -->
    <xsl:for-each select="$doc//tei:signed[not(.//tei:persName)]
        | $doc//tei:list[@type = 'participants']/tei:item[not(.//tei:persName)]">
      <xsl:variable name="raw">
        <xsl:choose>
          <xsl:when test="self::tei:signed and .//tei:lb">
            <xsl:for-each select=".//text()[following::tei:lb[ancestor::tei:signed]]">
              <xsl:value-of select="."/>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="self::tei:signed">
            <xsl:value-of select="."/>
          </xsl:when>
          <xsl:when test="contains(., ',')">
            <xsl:value-of select="substring-before(., ',')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="."/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="n" select="normalize-space(translate($raw, '.;:()[]', '       '))"/>
      <xsl:if test="$n != '' and not(starts-with($n, 'The '))
          and not(contains(concat(' ', $n, ' '), ' of '))">
        <xsl:variable name="last">
          <xsl:call-template name="lastword">
            <xsl:with-param name="s" select="$n"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="emit">
          <xsl:with-param name="kind" select="'person'"/>
          <xsl:with-param name="key" select="$last"/>
          <xsl:with-param name="mode" select="'A'"/>
          <xsl:with-param name="probe" select="$last"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="//tei:listPerson//tei:person/tei:persName[1]
        | $doc//tei:persName">
      <xsl:variable name="last">
        <xsl:call-template name="surname"/>
      </xsl:variable>
      <xsl:if test="string($last) != ''">
        <xsl:call-template name="emit">
          <xsl:with-param name="kind" select="'person'"/>
          <xsl:with-param name="key" select="$last"/>
          <xsl:with-param name="mode" select="'A'"/>
          <xsl:with-param name="probe" select="$last"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>

    <!-- Turns: the speaker's label where the turn begins, and the
         person its @who resolves to. -->
    <xsl:for-each select="$doc//tei:sp">
      <xsl:variable name="label"
          select="normalize-space(translate(tei:speaker, ':', ' '))"/>
      <xsl:variable name="t">
        <xsl:for-each select=".//text()[not(ancestor::tei:speaker)]
            [not(ancestor::tei:note)]">
          <xsl:value-of select="."/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="start" select="substring(normalize-space($t), 1, 30)"/>
      <xsl:variable name="id" select="substring-after(@who, '#')"/>
      <!-- teikit's person/persName, or the Office of the Historian's
           persons list: persName/@xml:id. -->
      <xsl:variable name="who">
        <xsl:choose>
          <xsl:when test="//tei:person[@xml:id = $id]/tei:persName">
            <xsl:for-each select="(//tei:person[@xml:id = $id]/tei:persName)[1]">
              <xsl:call-template name="surname"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="//tei:persName[@xml:id = $id]">
            <xsl:for-each select="(//tei:persName[@xml:id = $id])[1]">
              <xsl:call-template name="surname"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="@who"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'sp'"/>
        <xsl:with-param name="key" select="concat($label, ': ', $start)"/>
        <xsl:with-param name="mode" select="'L'"/>
        <xsl:with-param name="probe" select="tei:speaker"/>
      </xsl:call-template>
      <xsl:call-template name="emit">
        <xsl:with-param name="kind" select="'sp.who'"/>
        <xsl:with-param name="key" select="concat($who, ' &lt;- ', $start)"/>
        <xsl:with-param name="mode" select="'L'"/>
        <xsl:with-param name="probe" select="tei:speaker"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- One feature line. -->
  <xsl:template name="emit">
    <xsl:param name="kind"/>
    <xsl:param name="key"/>
    <xsl:param name="mode"/>
    <xsl:param name="probe"/>
    <xsl:value-of select="concat($kind, '&#9;',
        translate($key, '&#9;&#10;&#13;', '   '), '&#9;', $mode, '&#9;',
        translate($probe, '&#9;&#10;&#13;', '   '), '&#10;')"/>
  </xsl:template>

  <!-- A block's text as its KEY, probed at the start of a line. -->
  <xsl:template name="block">
    <xsl:param name="kind"/>
    <xsl:variable name="t">
      <xsl:call-template name="plain"/>
    </xsl:variable>
    <xsl:call-template name="emit">
      <xsl:with-param name="kind" select="$kind"/>
      <xsl:with-param name="key" select="$t"/>
      <xsl:with-param name="mode" select="'L'"/>
      <xsl:with-param name="probe" select="$t"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Normalised text, notes left out (but a note's own text kept). -->
  <xsl:template name="plain">
    <xsl:variable name="t">
      <xsl:for-each select=".//text()[not(ancestor::tei:note[ancestor::* = current()] and not(ancestor::tei:note = current()))]">
        <xsl:value-of select="."/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>

  <!-- About 40 characters of text before this element in the document:
       the six nearest text nodes that are not blank, notes and the
       header left out, white space normalised. -->
  <xsl:template name="before">
    <xsl:variable name="t">
      <xsl:for-each select="preceding::text()[not(ancestor::tei:note)]
          [not(ancestor::tei:teiHeader)][normalize-space()][position() &lt;= 6]">
        <xsl:value-of select="."/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="n" select="normalize-space($t)"/>
    <xsl:value-of select="substring($n, string-length($n) - 39)"/>
  </xsl:template>

  <!-- The surname in this name: the words before a comma ("Hale,
       James") or else the last word ("James Hale"). -->
  <xsl:template name="surname">
    <xsl:variable name="n" select="normalize-space(.)"/>
    <xsl:choose>
      <xsl:when test="contains($n, ',')">
        <xsl:value-of select="normalize-space(translate(
            substring-before($n, ','), '.;:()[]', '       '))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="lastword">
          <xsl:with-param name="s"
              select="normalize-space(translate($n, '.;:()[]', '       '))"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The last space-separated word of $s. -->
  <xsl:template name="lastword">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:call-template name="lastword">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$s"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
