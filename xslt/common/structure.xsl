<?xml version="1.0" encoding="UTF-8"?>
<!-- Structure: documents, divisions, paragraphs, lists, tables and the parts of a letter. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:hook="urn:x-pmo:hook"
    exclude-result-prefixes="#all">

  <!-- Wrappers with no rendering of their own: their content is rendered in place. -->
  <xsl:template match="tei:TEI | tei:text | tei:body | tei:front | tei:back | tei:group" mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="c:content"/>
  </xsl:template>

  <xsl:template match="tei:body/tei:div | tei:group/tei:text/tei:body/tei:div" mode="c:text" priority="1" as="item()*">
    <xsl:apply-templates select="." mode="hook:block">
      <xsl:with-param name="role" select="'document'"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- Containers of blocks, and blocks of mixed content (their runs of hands are marked). -->
  <xsl:template match="tei:div | tei:list | tei:table | tei:row
                       | tei:head | tei:p | tei:ab | tei:item | tei:label | tei:cell
                       | tei:opener | tei:closer | tei:postscript | tei:trailer
                       | tei:address | tei:addrLine | tei:dateline | tei:salute | tei:signed | tei:byline"
                mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="hook:block">
      <xsl:with-param name="role" select="c:block-role(.)"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The role of a block (see common.xsl). -->
  <xsl:function name="c:block-role" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="name" as="xs:string" select="local-name($tei)"/>
    <xsl:sequence select="
      if ($name eq 'ab') then (if ($tei/@type = 'subject') then 'subject' else 'block')
      else map{
        'div': 'section', 'list': 'list', 'table': 'table', 'row': 'row',
        'head': 'heading', 'p': 'paragraph', 'item': 'item', 'label': 'label', 'cell': 'cell',
        'opener': 'opener', 'closer': 'closer', 'postscript': 'postscript', 'trailer': 'trailer',
        'address': 'address', 'addrLine': 'address-line', 'dateline': 'dateline', 'salute': 'salute',
        'signed': 'signature', 'byline': 'byline'
      }($name)"/>
  </xsl:function>

  <!-- A quotation: a block when it holds paragraphs, a phrase otherwise. -->
  <xsl:template match="tei:quote | tei:q | tei:said | tei:cit" mode="c:text" as="item()*">
    <xsl:choose>
      <xsl:when test="c:is-block-quote(.)">
        <xsl:apply-templates select="." mode="hook:block"><xsl:with-param name="role" select="'quotation'"/></xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="hook:inline"><xsl:with-param name="role" select="'quotation'"/></xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
