<?xml version="1.0" encoding="UTF-8"?>
<!-- The print edition's own words, beyond the common layer's labels: closure reasons as the ODD
     documents them, places of additions, kinds of deletion, index forms of names. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:p="urn:pipeline:print"
    exclude-result-prefixes="#all">

  <!-- Why something is withheld (gap/@reason): the ODD's gloss of the value where it gives one. -->
  <xsl:function name="p:reason-label" as="xs:string">
    <xsl:param name="reason" as="xs:string?"/>
    <xsl:variable name="item" select="p:reason-item($reason)"/>
    <xsl:variable name="documented" select="($item/tei:gloss[normalize-space()], $item/tei:desc[normalize-space()])[1]"/>
    <xsl:variable name="label" select="if ($documented) then replace(normalize-space($documented), '\.$', '') else c:reason-label($reason)"/>
    <xsl:sequence select="upper-case(substring($label, 1, 1)) || substring($label, 2)"/>
  </xsl:function>

  <!-- The ODD's documentation of a value of gap/@reason. -->
  <xsl:function name="p:reason-item" as="element(tei:valItem)?">
    <xsl:param name="reason" as="xs:string?"/>
    <xsl:sequence select="($p:odd//tei:elementSpec[@ident = 'gap']//tei:attDef[@ident = 'reason']//tei:valItem[@ident = $reason])[1]"/>
  </xsl:function>

  <!-- The ODD's gloss of a value of an attribute (on the element's own spec first, else on a class). -->
  <xsl:function name="p:odd-gloss" as="xs:string?">
    <xsl:param name="element" as="xs:string"/>
    <xsl:param name="attribute" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="items" select="$p:odd//tei:attDef[@ident = $attribute]//tei:valItem[@ident = $value][tei:gloss[normalize-space()]]"/>
    <xsl:sequence select="($items[ancestor::tei:elementSpec/@ident = $element], $items)[1]/tei:gloss[1]/normalize-space()"/>
  </xsl:function>

  <!-- Where an addition was written, as a phrase: the ODD's gloss, else ours. -->
  <xsl:function name="p:place" as="xs:string">
    <xsl:param name="place" as="xs:string?"/>
    <xsl:variable name="key" select="normalize-space($place)"/>
    <xsl:sequence select="(p:odd-gloss('add', 'place', $key), map {
        'above': 'above the line', 'below': 'below the line', 'margin': 'in the margin',
        'left': 'in the left margin', 'right': 'in the right margin', 'inline': 'in the line',
        'top': 'at the top of the page', 'bottom': 'at the foot of the page', 'end': 'at the end'
      }($key), if ($key) then $key else 'in the text')[1]"/>
  </xsl:function>

  <!-- How a deletion was made, as a phrase: the ODD's gloss, else ours. -->
  <xsl:function name="p:deletion" as="xs:string">
    <xsl:param name="rend" as="xs:string?"/>
    <xsl:sequence select="(p:odd-gloss('del', 'rend', normalize-space($rend)), map {
        'strikethrough': 'struck through', 'overstrike': 'struck through', 'erasure': 'erased',
        'overwritten': 'overwritten', 'crossout': 'crossed out'
      }(normalize-space($rend)), 'deleted')[1]"/>
  </xsl:function>

  <!-- Words that make up the name of an office rather than of a person ("Prime Minister", "Resident Clerk"). -->
  <xsl:variable name="p:office-words" as="xs:string*" select="('the', 'prime', 'minister', 'secretary', 'private', 'foreign',
    'home', 'resident', 'clerk', 'president', 'ambassador', 'chancellor', 'of', 'state', 'deputy', 'permanent', 'under',
    'assistant', 'head', 'department', 'office', 'embassy', 'mr', 'mrs', 'sir', 'lord', 'lady', 'dr')"/>

  <!-- A name as an index gives it: a person inverted ("Wall, J S"; "Gorbachev, President M. S."),
       an office or an organisation as it is. -->
  <xsl:function name="p:index-form" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="words" select="tokenize(normalize-space($name))"/>
    <xsl:sequence select="
      if ($name/self::tei:persName and count($words) gt 1 and not(matches($words[last()], '^\(|\)$|^(Esq|Jr|Sr)\.?$'))
          and not(every $w in $words satisfies lower-case(replace($w, '\W', '')) = $p:office-words))
      then $words[last()] || ', ' || string-join($words[position() lt last()], ' ')
      else string-join($words, ' ')"/>
  </xsl:function>
</xsl:stylesheet>
