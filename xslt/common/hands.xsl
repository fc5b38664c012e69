<?xml version="1.0" encoding="UTF-8"?>
<!-- Hands: which hand wrote each node (accumulator c:hand), and runs of text grouped by hand. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:hook="urn:x-pmo:hook"
    exclude-result-prefixes="#all">

  <!-- The hand assumed at the start of every document of the edition. -->
  <xsl:variable name="c:default-hand" as="xs:string" select="'typescript'"/>

  <!-- The hand in effect: set by every handShift, back to the default at each document. -->
  <xsl:accumulator name="c:hand" as="xs:string" initial-value="$c:default-hand">
    <xsl:accumulator-rule match="tei:body/tei:div" select="$c:default-hand"/>
    <xsl:accumulator-rule match="tei:handShift[@new]" select="c:hand-id(@new)"/>
  </xsl:accumulator>

  <!-- A hand pointer ("#hand-CDP") as the handNote's id ("hand-CDP"); the first of several. -->
  <xsl:function name="c:hand-id" as="xs:string">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="(tokenize(normalize-space($pointer), ' ')[1] => replace('^#', ''), '')[1]"/>
  </xsl:function>

  <!-- The hand a child node starts in: a handShift belongs to the run it opens. -->
  <xsl:function name="c:hand-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($node instance of element(tei:handShift)) then $node/accumulator-after('c:hand')
                          else $node/accumulator-before('c:hand')"/>
  </xsl:function>

  <!-- The content of $tei rendered in c:text, each run in a hand other than $hand passed to hook:hand. -->
  <xsl:function name="c:runs" as="item()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="hand" as="xs:string"/>
    <xsl:for-each-group select="$tei/node()" group-adjacent="c:hand-of(.)">
      <xsl:variable name="rendered" as="item()*">
        <xsl:apply-templates select="current-group()" mode="c:text">
          <xsl:with-param name="c:hand" tunnel="yes" select="current-grouping-key()"/>
        </xsl:apply-templates>
      </xsl:variable>
      <xsl:sequence select="if (current-grouping-key() eq $hand) then $rendered
                            else hook:hand(current-grouping-key(), $rendered)"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The content of a container of blocks (div, list, table, opener…): no runs, the hand passes down. -->
  <xsl:function name="c:blocks" as="item()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="hand" as="xs:string"/>
    <xsl:apply-templates select="$tei/node()" mode="c:text">
      <xsl:with-param name="c:hand" tunnel="yes" select="$hand"/>
    </xsl:apply-templates>
  </xsl:function>

</xsl:stylesheet>
