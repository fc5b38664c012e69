<?xml version="1.0" encoding="UTF-8"?>
<!-- One document of an archival file (a body/div) on the printed page: a heading giving its type,
     sender, addressee, date, classification and archival reference, then its text; a withheld
     document as a boxed notice (reason, legal basis, extract details, date of the card). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:p="urn:pipeline:print"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- An anchor id for a document, unique in the edition and the same in every piece of a book:
       "doc:" + its file's name + its position in the file's body (see p:file-id). -->
  <xsl:function name="p:doc-id" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="'doc:' || p:file-name(root($div)/tei:TEI) || ':' || (count($div/preceding-sibling::tei:div) + 1)"/>
  </xsl:function>

  <!-- The document's number in its file: @n, else its position. -->
  <xsl:function name="p:doc-number" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="(normalize-space($div/@n)[.], string(count($div/preceding-sibling::tei:div) + 1))[1]"/>
  </xsl:function>

  <!-- The heading of a document, as the contents repeat it: "1. Letter from J S Wall to C D Powell". -->
  <xsl:function name="p:doc-heading" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="title" select="c:doc-title($div)"/>
    <!-- The common title ends in the number when nothing else names the document: say it once. -->
    <xsl:sequence select="p:doc-number($div) || '. ' ||
      (if ($div/@n and ends-with($title, ' ' || $div/@n)) then substring($title, 1, string-length($title) - string-length($div/@n) - 1) else $title)"/>
  </xsl:function>

  <!-- The document's date in words, or ''. -->
  <xsl:function name="p:doc-date" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="(c:doc-date($div) ! c:format-date(.), '')[1]"/>
  </xsl:function>

  <xsl:function name="p:classification" as="xs:string?">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="(c:classification($div), ($div//tei:fw[@subtype = 'classification'],
      $div/tei:opener/tei:seg[@type = 'classification'])[normalize-space()][1]/normalize-space())[1]"/>
  </xsl:function>

  <!-- The archival reference of a document: "The National Archives, PREM 19/2182, document 1". -->
  <xsl:function name="p:doc-reference" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="string-join((
      (root($div)//tei:msIdentifier/tei:repository)[1]/normalize-space()[.],
      p:file-label(root($div)/tei:TEI) || ', document ' || p:doc-number($div)), ', ')"/>
  </xsl:function>

  <!-- A file's name for the reader: its archival reference ("PREM 19/2182"); when that names no piece,
       its series and the file's own name ("PREM 19, file 000_c7bc…"), so that no two files share one. -->
  <xsl:function name="p:file-label" as="xs:string">
    <xsl:param name="tei" as="element()?"/>
    <xsl:variable name="reference" as="xs:string?" select="c:reference($tei)[.]"/>
    <xsl:variable name="own" as="xs:string" select="(
      $tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'transcript'][1]/normalize-space()[.] ! replace(., '\.txt$', ''),
      string($tei/@xml:id)[.], 'unnamed')[1]"/>
    <xsl:sequence select="if (contains($reference, '/')) then $reference
      else if ($reference) then $reference || ', file ' || $own else 'File ' || $own"/>
  </xsl:function>

  <!-- ===================================================== the document -->

  <!-- The place a document was written, as its header or its dateline gives it, or nothing. -->
  <xsl:function name="p:doc-place" as="xs:string?">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="(c:corresp($div)/tei:correspAction[@type = 'sent']/(tei:placeName | tei:settlement),
      $div/tei:opener/tei:dateline/tei:placeName)[normalize-space()][1]/normalize-space()"/>
  </xsl:function>

  <!-- The date line under a document's title: "London, 21 December 1988"; an undated document gets
       the editors' date in brackets, from the dated documents around it in its file:
       "[Between 12 and 15 December 1988]", "[After 21 December 1988]", "[Undated]". -->
  <xsl:function name="p:date-line" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="date" select="p:doc-date($div)"/>
    <xsl:variable name="place" select="p:doc-place($div)"/>
    <xsl:sequence select="if ($date) then string-join(($place, $date), ', ')
      else string-join(($place, p:editorial-date($div)), ', ')"/>
  </xsl:function>

  <xsl:function name="p:editorial-date" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="before" select="($div/preceding-sibling::tei:div ! c:doc-date(.))[matches(., '^\d{4}-\d{2}-\d{2}')][last()] ! substring(., 1, 10)"/>
    <xsl:variable name="after" select="($div/following-sibling::tei:div ! c:doc-date(.))[matches(., '^\d{4}-\d{2}-\d{2}')][1] ! substring(., 1, 10)"/>
    <xsl:sequence select="'[' || (
      if ($before and $after and $before = $after) then c:format-date($before)
      else if ($before and $after and $before lt $after) then 'Between ' || c:format-date($before) || ' and ' || c:format-date($after)
      else if ($before) then 'Undated; after ' || c:format-date($before)
      else if ($after) then 'Undated; before ' || c:format-date($after)
      else 'Undated') || ']'"/>
  </xsl:function>

  <!-- A title short enough for a running head: its first words, up to about 48 characters. -->
  <xsl:function name="p:short" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:sequence select="if (string-length($title) le 48) then $title
      else replace(substring($title, 1, 48), '[\s,;:]+\S*$', '') || '…'"/>
  </xsl:function>

  <!-- The recto's running head: the document's number and short title. -->
  <xsl:function name="p:doc-running-head" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="'No. ' || p:doc-number($div) || ' · ' || p:short(p:doc-title($div))"/>
  </xsl:function>

  <!-- The editors' title without its number: the common title, the number said once. -->
  <xsl:function name="p:doc-title" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="substring-after(p:doc-heading($div), '. ')"/>
  </xsl:function>

  <!-- The full archival reference the TEI holds: repository, place, collection, piece and any other
       identifiers of the file, and the document's number in it. -->
  <xsl:function name="p:full-reference" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="ms" select="(root($div)//tei:sourceDesc//tei:msIdentifier)[1]"/>
    <xsl:variable name="others" select="$ms/tei:idno[@type and not(@type = ('piece', 'reference'))][normalize-space()] ! (
      (if (@type = 'folio') then 'f. ' else normalize-space(@type) || ' ') || normalize-space(.))"/>
    <xsl:sequence select="string-join((
      string-join(($ms/tei:repository, $ms/tei:settlement)[normalize-space()] ! normalize-space(.), ', ')[.],
      p:file-label(root($div)/tei:TEI),
      $others,
      root($div)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'transcript'][normalize-space()][1] ! ('transcript ' || normalize-space(.)),
      'document ' || p:doc-number($div)), ', ')"/>
  </xsl:function>

  <!-- The source note at a document's foot (as FRUS and DBPO give it): where the original is, its
       classification, who sent and signed it, and for a telegram its routing. -->
  <xsl:function name="p:source-note" as="element()">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="classification" select="p:classification($div)"/>
    <xsl:variable name="routing" select="$div/tei:opener//(tei:seg[@type = ('precedence', 'to', 'info', 'bt')] | tei:byline)[normalize-space()]"/>
    <xsl:variable name="signed" select="($div/tei:closer//tei:signed)[normalize-space()][1]"/>
    <p class="source-note">
      <span class="source-label">Source: </span>
      <xsl:value-of select="p:full-reference($div) || '.'"/>
      <xsl:for-each select="$classification">
        <xsl:value-of select="' ' || p:capital(lower-case(.)) || '.'"/>
      </xsl:for-each>
      <xsl:variable name="senders" select="p:senders($div)"/>
      <xsl:if test="exists($senders)">
        <xsl:value-of select="(if ($div/@type = 'draft') then ' Drafted for ' else ' Sent by ') || string-join($senders, ' and ') || '.'"/>
      </xsl:if>
      <xsl:variable name="drafters" select="p:drafters($div)"/>
      <xsl:if test="exists($drafters)">
        <xsl:value-of select="' Amended in the hand' || (if (count($drafters) gt 1) then 's' else '') || ' of ' || p:and($drafters) || '.'"/>
      </xsl:if>
      <xsl:for-each select="$signed">
        <xsl:value-of select="' Signed ' || replace(c:line-text(.), '[.\s]+$', '') || '.'"/>
      </xsl:for-each>
      <xsl:if test="$routing">
        <xsl:value-of select="' Routing: ' || string-join($routing ! replace(c:line-text(.), '[.\s]+$', ''), '; ') || '.'"/>
      </xsl:if>
      <xsl:for-each select="p:relations($div)">
        <xsl:value-of select="' ' || . || '.'"/>
      </xsl:for-each>
      <xsl:if test="c:is-withheld($div)"> Not printed: withheld from the archive (see the notice above).</xsl:if>
    </p>
  </xsl:function>

  <!-- Who worked on a draft: the hands that wrote in it (its amendments), by their standard names
       when the registers know them. -->
  <xsl:function name="p:drafters" as="xs:string*">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="if ($div/@type = 'draft')
      then distinct-values(c:hands-in($div)[. ne $c:default-hand][not(starts-with(., 'hand-unidentified'))] ! p:hand-name(., $div))
      else ()"/>
  </xsl:function>

  <!-- "A", "A and B", "A, B and C". -->
  <xsl:function name="p:and" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="if (count($items) le 2) then string-join($items, ' and ')
      else string-join($items[position() lt last()], ', ') || ' and ' || $items[last()]"/>
  </xsl:function>

  <!-- The documents a document is related to (correspContext/ref), as cross-references in the source
       note: "Draft of No. 1", "For its draft, see No. 2", "Another copy of No. 1", "In reply to No. 4";
       a document of another file by that file's reference. -->
  <xsl:function name="p:relations" as="xs:string*">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:for-each select="c:corresp($div)/tei:correspContext/tei:ref[@type][normalize-space(@target) or normalize-space()]">
      <xsl:variable name="target" select="normalize-space(@target)"/>
      <xsl:variable name="here" select="if (starts-with($target, '#')) then key('c:id', substring($target, 2), root($div))[self::tei:div][1] else ()"/>
      <xsl:variable name="which" select="if ($here) then 'No. ' || p:doc-number($here) else normalize-space(.)"/>
      <xsl:if test="$which">
        <xsl:sequence select="(map{'draft-of': 'Draft of ' || $which, 'has-draft': 'For its draft, see ' || $which,
          'copy-of': 'Another copy of ' || $which, 'has-copy': 'For another copy, see ' || $which,
          'prev': 'In reply to ' || $which, 'next': 'Answered by ' || $which}(string(@type)),
          c:relation-label(@type) || ' ' || $which)[1]"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- ===================================================== the document -->

  <xsl:template match="tei:div" mode="p:document">
    <xsl:param name="content" as="item()*"/>
    <xsl:variable name="id" select="p:doc-id(.)"/>
    <xsl:variable name="withheld" select="c:is-withheld(.)"/>
    <xsl:variable name="article" as="element()">
      <article class="document doc-{(@type[matches(., '^[\w\-]+$')], 'document')[1]}" id="{$id}" aria-labelledby="{$id}:h">
        <xsl:if test="@xml:id"><xsl:attribute name="data-xml-id" select="@xml:id"/></xsl:if>
        <xsl:if test="matches(@xml:lang, '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$')"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
        <header>
          <h2 id="{$id}:h" data-running-head="{p:doc-running-head(.)}" data-bookmark="{p:doc-heading(.)}">
            <span class="doc-number"><xsl:value-of select="p:doc-number(.) || '.'"/></span>
            <xsl:text> </xsl:text>
            <span class="doc-title"><xsl:value-of select="p:doc-title(.)"/></span>
          </h2>
          <p class="date-line"><xsl:value-of select="p:date-line(.)"/></p>
        </header>
        <div class="text">
          <xsl:sequence select="p:paragraphs($content)"/>
        </div>
        <footer><xsl:sequence select="p:source-note(.)"/></footer>
      </article>
    </xsl:variable>
    <xsl:sequence select="$article"/>
  </xsl:template>

  <!-- ============================================= a withheld document -->

  <!-- The boxed notice standing in a withheld document's place. -->
  <xsl:function name="p:withheld-box" as="element()">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:param name="facts" as="map(xs:string, item()*)"/>
    <xsl:variable name="orig" select="($gap/tei:desc//tei:orig//tei:idno[@type = 'series'])[1]/normalize-space()"/>
    <section class="withheld" aria-label="Withheld document">
      <h3>Document withheld</h3>
      <dl>
        <dt>Reason</dt>
        <dd><xsl:value-of select="p:reason-label($gap/@reason)"/></dd>
        <dt>Legal basis</dt>
        <dd><xsl:value-of select="($facts?basis, if ($gap/@reason = 'temporarily-retained') then 'Public Records Act 1958, section 3(4)' else 'None given on the card')[1]"/></dd>
        <xsl:for-each select="$facts?extract">
          <dt>Extract details</dt><dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:for-each select="$facts?reference">
          <dt>Reference</dt>
          <dd>
            <xsl:value-of select="."/>
            <xsl:if test="$orig and not(starts-with(., $orig))">
              <xsl:text> (the card reads </xsl:text><i class="mention"><xsl:value-of select="$orig"/></i><xsl:text>)</xsl:text>
            </xsl:if>
          </dd>
        </xsl:for-each>
        <xsl:for-each select="$facts?date-label">
          <dt>Date of the card</dt><dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
      </dl>
      <xsl:if test="normalize-space(string-join($facts?description ! string(.)))">
        <p class="card-text">
          <span class="card-label">The card reads: </span>
          <i><xsl:sequence select="p:plain($facts?description)"/></i>
        </p>
      </xsl:if>
    </section>
  </xsl:function>
</xsl:stylesheet>
