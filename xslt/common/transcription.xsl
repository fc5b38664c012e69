<?xml version="1.0" encoding="UTF-8"?>
<!-- Transcription: deletions, additions, withheld and unreadable text, pages, lines, hands, forme work, notes. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:hook="urn:x-pmo:hook"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:del | tei:add | tei:subst | tei:unclear | tei:supplied
                       | tei:choice | tei:orig | tei:reg | tei:sic | tei:corr | tei:abbr | tei:expan"
                mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="hook:inline">
      <xsl:with-param name="role" select="c:transcription-role(.)"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The role of a transcriptional phrase (see common.xsl). -->
  <xsl:function name="c:transcription-role" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="map{
        'del': 'deletion', 'add': 'addition', 'subst': 'substitution', 'unclear': 'unclear',
        'supplied': 'supplied', 'choice': 'choice', 'orig': 'original', 'reg': 'regularised',
        'sic': 'sic', 'corr': 'correction', 'abbr': 'abbreviation', 'expan': 'expansion'
      }(local-name($tei))"/>
  </xsl:function>

  <xsl:template match="tei:pb | tei:lb | tei:cb | tei:milestone | tei:handShift | tei:anchor" mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="hook:milestone">
      <xsl:with-param name="role" select="c:milestone-role(.)"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The role of an empty element marking a point (see common.xsl). -->
  <xsl:function name="c:milestone-role" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="
      if ($tei/self::tei:milestone) then (if ($tei/@unit = 'rule') then 'rule' else 'milestone')
      else map{'pb': 'page-break', 'lb': 'line-break', 'cb': 'column-break', 'handShift': 'hand-shift', 'anchor': 'anchor'}(local-name($tei))"/>
  </xsl:function>

  <xsl:template match="tei:fw" mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="hook:forme-work">
      <xsl:with-param name="role" select="c:forme-work-role(.)"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The role of a piece of forme work (see common.xsl). -->
  <xsl:function name="c:forme-work-role" as="xs:string">
    <xsl:param name="fw" as="element(tei:fw)"/>
    <xsl:sequence select="(map{'header': 'running-head', 'footer': 'running-foot', 'catch': 'catchword',
                                'pageNum': 'page-number', 'sig': 'signature-mark'}(string($fw/@type)), 'forme-work')[1]"/>
  </xsl:function>

  <xsl:template match="tei:gap" mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="hook:gap">
      <xsl:with-param name="role" select="c:gap-role(.)"/>
      <xsl:with-param name="facts" select="c:gap-facts(.)"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The role of a gap (see common.xsl). -->
  <xsl:function name="c:gap-role" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:sequence select="
      if ($gap/@unit = 'document') then 'withheld-document'
      else if ($gap/@reason = 'redacted') then 'redaction'
      else if ($gap/@reason = 'illegible') then 'illegible'
      else if ($gap/@reason = 'ocr-repetition') then 'ocr-repetition'
      else 'omission'"/>
  </xsl:function>

  <!-- A description is rendered where it is used (a gap's facts); elsewhere its text stands in place. -->
  <xsl:template match="tei:desc" mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="c:content"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="hook:note">
      <xsl:with-param name="role" select="c:note-role(.)"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The role of a note (see common.xsl). -->
  <xsl:function name="c:note-role" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(map{'annotation': 'annotation', 'boilerplate': 'boilerplate', 'ocr': 'ocr-warning', 'ocr-warning': 'ocr-warning',
                                'warning': 'ocr-warning', 'classification': 'classification'}(string($note/@type)), 'editorial')[1]"/>
  </xsl:function>

</xsl:stylesheet>
