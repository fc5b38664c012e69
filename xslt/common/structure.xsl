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
    <xsl:param name="c:hand" as="xs:string" tunnel="yes" select="$c:default-hand"/>
    <xsl:sequence select="c:blocks(., $c:hand)"/>
  </xsl:template>

  <xsl:template match="tei:body/tei:div | tei:group/tei:text/tei:body/tei:div" mode="c:text" as="item()*" priority="1">
    <xsl:sequence select="hook:block(., 'document', c:blocks(., $c:default-hand))"/>
  </xsl:template>

  <xsl:template match="tei:div" mode="c:text" as="item()*">
    <xsl:param name="c:hand" as="xs:string" tunnel="yes" select="$c:default-hand"/>
    <xsl:sequence select="hook:block(., 'section', c:blocks(., $c:hand))"/>
  </xsl:template>

  <xsl:template match="tei:list" mode="c:text" as="item()*">
    <xsl:param name="c:hand" as="xs:string" tunnel="yes" select="$c:default-hand"/>
    <xsl:sequence select="hook:block(., 'list', c:blocks(., $c:hand))"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="c:text" as="item()*">
    <xsl:param name="c:hand" as="xs:string" tunnel="yes" select="$c:default-hand"/>
    <xsl:sequence select="hook:block(., 'table', c:blocks(., $c:hand))"/>
  </xsl:template>

  <xsl:template match="tei:row" mode="c:text" as="item()*">
    <xsl:param name="c:hand" as="xs:string" tunnel="yes" select="$c:default-hand"/>
    <xsl:sequence select="hook:block(., 'row', c:blocks(., $c:hand))"/>
  </xsl:template>

  <!-- Blocks of mixed content: their runs of hands are marked. -->
  <xsl:template match="tei:head | tei:p | tei:ab | tei:item | tei:label | tei:cell
                       | tei:opener | tei:closer | tei:postscript | tei:trailer
                       | tei:address | tei:addrLine | tei:dateline | tei:salute | tei:signed | tei:byline"
                mode="c:text" as="item()*">
    <xsl:param name="c:hand" as="xs:string" tunnel="yes" select="$c:default-hand"/>
    <xsl:sequence select="hook:block(., c:block-role(.), c:runs(., $c:hand))"/>
  </xsl:template>

  <!-- The role of a block of mixed content (see common.xsl). -->
  <xsl:function name="c:block-role" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="name" as="xs:string" select="local-name($tei)"/>
    <xsl:sequence select="
      if ($name eq 'ab') then (if ($tei/@type = 'subject') then 'subject' else 'block')
      else map{
        'head': 'heading', 'p': 'paragraph', 'item': 'item', 'label': 'label', 'cell': 'cell',
        'opener': 'opener', 'closer': 'closer', 'postscript': 'postscript', 'trailer': 'trailer',
        'address': 'address', 'addrLine': 'address-line', 'dateline': 'dateline', 'salute': 'salute',
        'signed': 'signature', 'byline': 'byline'
      }($name)"/>
  </xsl:function>

  <!-- A quotation: a block when it holds paragraphs, a phrase otherwise. -->
  <xsl:template match="tei:quote | tei:q | tei:said | tei:cit" mode="c:text" as="item()*">
    <xsl:param name="c:hand" as="xs:string" tunnel="yes" select="$c:default-hand"/>
    <xsl:sequence select="if (tei:p | tei:ab | tei:lg | tei:list | tei:quote[tei:p]) then hook:block(., 'quotation', c:blocks(., $c:hand))
                          else hook:inline(., 'quotation', c:runs(., $c:hand))"/>
  </xsl:template>

</xsl:stylesheet>
