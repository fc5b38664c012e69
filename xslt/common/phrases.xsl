<?xml version="1.0" encoding="UTF-8"?>
<!-- Phrases: names, dates, highlighting, identifiers and the other phrase-level elements. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:hook="urn:x-pmo:hook"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:hi | tei:persName | tei:orgName | tei:placeName | tei:name | tei:date
                       | tei:seg | tei:title | tei:idno | tei:foreign | tei:emph | tei:term
                       | tei:num | tei:measure | tei:ref | tei:rs | tei:roleName | tei:forename | tei:surname"
                mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="hook:inline">
      <xsl:with-param name="role" select="c:phrase-role(.)"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- A pointer has no content: its target is shown as a reference. -->
  <xsl:template match="tei:ptr" mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="hook:inline">
      <xsl:with-param name="role" select="'reference'"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The role of a phrase-level element (see common.xsl). -->
  <xsl:function name="c:phrase-role" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="map{
        'hi': 'highlight', 'persName': 'person', 'orgName': 'organisation', 'placeName': 'place',
        'name': 'name', 'rs': 'name', 'roleName': 'name', 'forename': 'name', 'surname': 'name',
        'date': 'date', 'seg': 'segment', 'title': 'title', 'idno': 'identifier',
        'foreign': 'foreign', 'emph': 'emphasis', 'term': 'term', 'num': 'number', 'measure': 'measure',
        'ref': 'reference'
      }(local-name($tei))"/>
  </xsl:function>

  <!-- A URL from the source, or nothing when its scheme is not on the allow-list. -->
  <xsl:function name="c:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" as="xs:string" select="normalize-space($url)"/>
    <xsl:sequence select="if (matches($u, '^(https?|mailto):[^\s&quot;&lt;&gt;\\]+$', 'i')
                              or matches($u, '^#[\p{L}\p{N}_.\-]+$')) then $u else ()"/>
  </xsl:function>

  <!-- Text as it is; comments and processing instructions are never copied through. -->
  <xsl:template match="text()" mode="c:text" as="text()?">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="c:text" as="empty-sequence()"/>

  <!-- An element the edition does not know: its text is kept, and the build warns. -->
  <xsl:template match="*" mode="c:text" priority="-10" as="item()*">
    <xsl:message select="'warning: no rendering for element ' || name() || '; its text is shown plainly'"/>
    <xsl:apply-templates select="." mode="c:content"/>
  </xsl:template>

</xsl:stylesheet>
