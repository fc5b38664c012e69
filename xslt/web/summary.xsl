<?xml version="1.0" encoding="UTF-8"?>
<!-- The summary of a TEI file (task 'summary') and the plain reading text of a passage (for search). -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:w="urn:x-pmo:web"
    exclude-result-prefixes="#all">

  <!-- A file and its documents as JSON-ready maps: what browse, facets and search need. -->
  <xsl:function name="w:summary" as="map(*)">
    <xsl:param name="tei" as="document-node()"/>
    <xsl:sequence select="map{
        'file': w:file-key($file),
        'id': string($tei/tei:TEI/@xml:id),
        'title': normalize-space(($tei//tei:fileDesc/tei:titleStmt/tei:title)[1]),
        'reference': string(c:reference($tei)),
        'documents': array{ c:documents($tei) ! w:doc-summary(.) }
      }"/>
  </xsl:function>

  <xsl:function name="w:doc-summary" as="map(*)">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="gap" as="element(tei:gap)?" select="($div//tei:gap[@unit = 'document'])[1]"/>
    <xsl:variable name="stated" as="xs:string" select="string(c:doc-date($div))"/>
    <!-- a withheld document without a date: the date its closure card's extract details give -->
    <xsl:variable name="date" as="xs:string" select="if ($stated or empty($gap)) then $stated else w:extract-date($gap)"/>
    <xsl:variable name="corresp" as="element(tei:correspDesc)?" select="c:corresp($div)"/>
    <xsl:sequence select="map{
        'key': w:doc-key($div, w:file-key($file)),
        'n': string(($div/@n, count($div/preceding-sibling::tei:div) + 1)[1]),
        'type': string($div/@type),
        'typeLabel': c:doc-type-label($div/@type),
        'title': c:doc-title($div),
        'date': $date,
        'dateLabel': if ($date) then c:format-date($date) || (' (from the extract details)'[not($stated)]) else 'Undated',
        'year': string(c:year($date)),
        'from': array{ c:senders($div) },
        'to': array{ c:addressees($div) },
        'correspondents': array{ distinct-values($corresp/tei:correspAction/(tei:persName | tei:orgName | tei:name) ! normalize-space(.)[.]) },
        'classification': string(c:classification($div)),
        'hands': array{ distinct-values(c:hands-in($div)[. ne $c:default-hand] ! w:hand-label($div, .)) },
        'people': array{ $corresp/tei:correspAction[@type = ('sent', 'received')]/(tei:persName | tei:orgName | tei:name)[normalize-space()]
                         ! map:put(w:party(w:register-entry(@ref), normalize-space(.)), 'role', string(../@type)) },
        'handPeople': array{ (c:hands-in($div)[. ne $c:default-hand] ! w:hand-party($div, .)) },
        'withheld': c:is-withheld($div),
        'reason': if ($gap) then c:reason-label($gap/@reason) else '',
        'reference': string(c:reference($div))
      }"/>
  </xsl:function>

  <!-- A hand as a person (w:party): its writer's register entry (handNote/@scribeRef), else its label. -->
  <xsl:function name="w:hand-party" as="map(*)">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:param name="hand" as="xs:string"/>
    <xsl:variable name="note" as="element(tei:handNote)?" select="(c:hands($div)[@xml:id = $hand])[1]"/>
    <xsl:sequence select="w:party(w:register-entry($note/@scribeRef), w:hand-label($div, $hand))"/>
  </xsl:function>

  <!-- A date in a closure card's extract details ("2 Jan 89", "2/1/89", "5 January 1989"), as xs:date text, or ''. -->
  <xsl:function name="w:extract-date" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="text" as="xs:string" select="string-join($gap//tei:title[@type = 'extract'], ' ')"/>
    <xsl:variable name="months" as="xs:string*" select="('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')"/>
    <xsl:variable name="found" as="xs:string*">
      <xsl:analyze-string select="$text" regex="(?:^|[^0-9])(\d{{1,2}})\s+([A-Za-z]{{3}})[a-z]*\.?\s+(\d{{4}}|\d{{2}})(?:[^0-9]|$)|(?:^|[^0-9/])(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}|\d{{2}})(?:[^0-9/]|$)">
        <xsl:matching-substring>
          <xsl:variable name="day" as="xs:string" select="(regex-group(1)[.], regex-group(4))[1]"/>
          <xsl:variable name="month" as="xs:integer?" select="if (regex-group(2)) then index-of($months, lower-case(regex-group(2)))[1]
                                                              else xs:integer(regex-group(5))"/>
          <xsl:variable name="year" as="xs:string" select="(regex-group(3)[.], regex-group(6))[1]"/>
          <xsl:variable name="iso" as="xs:string" select="(if (string-length($year) eq 2) then '19' || $year else $year)
              || '-' || format-number(($month, 0)[1], '00') || '-' || format-number(xs:integer($day), '00')"/>
          <xsl:sequence select="$iso[. castable as xs:date]"/>
        </xsl:matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="($found, '')[1]"/>
  </xsl:function>

  <!-- The reading text of an element: deletions, forme work, notes and unselected readings left out. -->
  <xsl:function name="w:plain" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="if (w:is-plain($tei)) then normalize-space($tei) else w:plain-walk($tei)"/>
  </xsl:function>

  <!-- Whether an element's reading text is its string value (most passages): none of the elements the rules of
       mode w:plain handle in it; and so none of the words only the diplomatic layer has (w:diplomatic-only). -->
  <xsl:function name="w:is-plain" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="empty($tei//(tei:del | tei:fw | tei:note | tei:choice | tei:lb | tei:cb | tei:pb | tei:gap
                                       | tei:milestone | tei:cell | tei:item | tei:label | tei:addrLine))"/>
  </xsl:function>

  <!-- The reading text of an element, by the rules of mode w:plain. -->
  <xsl:function name="w:plain-walk" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$tei/node()" mode="w:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts))"/>
  </xsl:function>

  <!-- The words only the diplomatic layer has: deleted text, original spellings, errors, abbreviations. -->
  <xsl:function name="w:diplomatic-only" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="normalize-space(string-join(
        $tei//(tei:del | tei:choice/tei:orig | tei:choice/tei:sic | tei:choice/tei:abbr)
            [not(ancestor::tei:fw | ancestor::tei:note[not(@type = 'annotation')]
                 | ancestor::tei:del | ancestor::tei:orig | ancestor::tei:sic | ancestor::tei:abbr)]
          ! w:dipl-text(.), ' '))"/>
  </xsl:function>

  <xsl:function name="w:dipl-text" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="string-join($tei//(text() | tei:lb) ! (if (self::tei:lb) then ' ' else string(.)))"/>
  </xsl:function>

  <xsl:mode name="w:plain" on-no-match="shallow-skip" on-multiple-match="fail"/>
  <!-- A word hyphenated at a line end is joined: the hyphen and the line break are dropped (tested in the rules'
       bodies: a predicate in a pattern is evaluated for every node). -->
  <xsl:template match="text()" mode="w:plain" as="xs:string">
    <xsl:sequence select="if (following-sibling::node()[1] instance of element(tei:lb) and w:hyphen-before-lb(.))
                          then w:unhyphenated(.) else string(.)"/>
  </xsl:template>
  <xsl:template match="tei:lb" mode="w:plain" as="xs:string">
    <xsl:sequence select="if (w:hyphen-before-lb(preceding-sibling::node()[1])) then '' else ' '"/>
  </xsl:template>
  <xsl:template match="tei:del | tei:fw | tei:note | tei:choice/tei:orig | tei:choice/tei:sic | tei:choice/tei:abbr"
                mode="w:plain" as="empty-sequence()"/>
  <xsl:template match="tei:cb | tei:pb | tei:gap | tei:milestone" mode="w:plain" as="xs:string"><xsl:sequence select="' '"/></xsl:template>
  <xsl:template match="tei:cell | tei:item | tei:label | tei:addrLine | tei:note[@type = 'annotation']" mode="w:plain" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="w:plain"/>
  </xsl:template>

</xsl:stylesheet>
