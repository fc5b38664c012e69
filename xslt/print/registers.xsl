<?xml version="1.0" encoding="UTF-8"?>
<!-- Names and the registers (the encoding contract of the registers: each TEI file embeds the
     entries it uses in its standOff; a name points at one with @ref="#per-…", "#org-…", "#pla-…").
     A name that points at an entry is the entry: the index keys it by the entry's id, labels it with
     the standard name and sorts it by the person's @sortKey (else the standard name); a name without
     @ref, or whose @ref resolves to nothing in its file, is the name as written. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:p="urn:pipeline:print"
    exclude-result-prefixes="#all">

  <!-- The register entry (person, org or place in the file's standOff) an element points at, or nothing. -->
  <xsl:function name="p:register-entry" as="element()?">
    <xsl:param name="name" as="element()?"/>
    <xsl:variable name="ref" select="normalize-space($name/(@ref, @scribeRef)[1])"/>
    <xsl:sequence select="if (matches($ref, '^#[\i-[:]][\c-[:]]*$'))
      then key('c:id', substring($ref, 2), root($name))[self::tei:person | self::tei:org | self::tei:place][ancestor::tei:standOff][1]
      else ()"/>
  </xsl:function>

  <!-- An entry's standard name (the element), or nothing. -->
  <xsl:function name="p:standard-name" as="element()?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="$entry/(tei:persName | tei:orgName | tei:placeName)[@type = 'standard'][normalize-space()][1]"/>
  </xsl:function>

  <!-- A name as the reader is given it: the standard name of its entry, else its own words. -->
  <xsl:function name="p:name-text" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="(p:standard-name(p:register-entry($name)), $name)[1] ! c:line-text(.)"/>
  </xsl:function>

  <!-- The people and offices of correspondence actions, as c:party gives them, their names standard. -->
  <xsl:function name="p:party" as="xs:string*">
    <xsl:param name="action" as="element(tei:correspAction)*"/>
    <xsl:for-each select="$action">
      <xsl:variable name="people" as="xs:string*" select="(tei:persName | tei:name)[normalize-space()] ! p:name-text(.)"/>
      <xsl:variable name="offices" as="xs:string*" select="tei:orgName[normalize-space()] ! p:name-text(.)"/>
      <xsl:sequence select="if (exists($people) and exists($offices)) then string-join($people, ', ') || ' (' || string-join($offices, ', ') || ')'
                            else if (exists($people)) then string-join($people, ', ')
                            else $offices"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="p:senders" as="xs:string*">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="p:party(c:corresp($div)/tei:correspAction[@type = 'sent'])"/>
  </xsl:function>

  <!-- What the index of correspondents groups a name under: its entry's id, else its index form. -->
  <xsl:function name="p:index-group" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="p:register-entry($name)"/>
    <xsl:sequence select="if ($entry) then 'ref ' || $entry/@xml:id
      else 'name ' || normalize-space(replace(lower-case(p:index-form($name)), '[.\s]+', ' '))"/>
  </xsl:function>

  <!-- The index's label for a name: its standard name (a person's inverted), else its own index form. -->
  <xsl:function name="p:index-label" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="p:index-form((p:standard-name(p:register-entry($name)), $name)[1])"/>
  </xsl:function>

  <!-- Where a name is sorted in the index: by its person's @sortKey, else its label, letters and digits only. -->
  <xsl:function name="p:index-sort" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="p:register-entry($name)"/>
    <xsl:sequence select="normalize-space(replace(lower-case(($entry/@sortKey[normalize-space()], p:index-label($name))[1]), '[^\p{L}\p{N}]+', ' '))"/>
  </xsl:function>

  <!-- Who a hand is: its register entry's standard name (handNote/@scribeRef), else c:hand-label. -->
  <xsl:function name="p:hand-name" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="note" select="c:hands($context)[@xml:id = $id][1]"/>
    <xsl:sequence select="(p:standard-name(p:register-entry($note)) ! c:line-text(.), c:hand-label($note, $id))[1]"/>
  </xsl:function>
</xsl:stylesheet>
