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
    <xsl:variable name="first" as="xs:string" select="substring-before(normalize-space($pointer) || ' ', ' ')"/>
    <xsl:sequence select="if (starts-with($first, '#')) then substring($first, 2) else $first"/>
  </xsl:function>

  <!-- The hand a child node starts in: a handShift belongs to the run it opens. -->
  <xsl:function name="c:hand-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($node instance of element(tei:handShift)) then $node/accumulator-after('c:hand')
                          else $node/accumulator-before('c:hand')"/>
  </xsl:function>

  <!-- ============================== content ==============================
       Mode c:content, applied to an element, renders its content in place: its child nodes in c:text,
       in the hand in effect (tunnel param c:hand). The content of a block of mixed content is cut into
       runs of hands: a run in a hand other than the one around it goes to the hook hook:hand (a rule
       in mode hook:hand on the element, with $hand and the $run's nodes). A container of blocks (a
       division, list, table, row, block quotation) passes its hand down: no runs are made in it. -->
  <xsl:mode name="c:content" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="*" mode="c:content" as="item()*">
    <xsl:param name="c:hand" as="xs:string" tunnel="yes" select="$c:default-hand"/>
    <!-- false when the document being rendered has no hand shift: every node of it is in the default hand -->
    <xsl:param name="c:shifts" as="xs:boolean" tunnel="yes" select="true()"/>
    <xsl:variable name="tei" as="element()" select="."/>
    <xsl:choose>
      <!-- no hand shifts inside: one run, in the hand the element starts in -->
      <xsl:when test="empty(descendant::tei:handShift) and (not($c:shifts) or accumulator-before('c:hand') eq $c:hand)">
        <xsl:apply-templates mode="c:text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each-group select="node()" group-adjacent="c:hand-of(.)">
          <xsl:choose>
            <xsl:when test="current-grouping-key() eq $c:hand">
              <xsl:apply-templates select="current-group()" mode="c:text"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="$tei" mode="hook:hand">
                <xsl:with-param name="hand" select="current-grouping-key()"/>
                <xsl:with-param name="run" select="current-group()"/>
                <xsl:with-param name="c:hand" tunnel="yes" select="current-grouping-key()"/>
              </xsl:apply-templates>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:body/tei:div | tei:group/tei:text/tei:body/tei:div" mode="c:content" priority="2" as="item()*">
    <xsl:apply-templates mode="c:text">
      <xsl:with-param name="c:hand" tunnel="yes" select="$c:default-hand"/>
      <xsl:with-param name="c:shifts" tunnel="yes" select="exists(descendant::tei:handShift)"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:text | tei:body | tei:front | tei:back | tei:group | tei:div | tei:list | tei:table
                       | tei:row | tei:quote[c:is-block-quote(.)] | tei:q[c:is-block-quote(.)]
                       | tei:said[c:is-block-quote(.)] | tei:cit[c:is-block-quote(.)]" mode="c:content" priority="1" as="item()*">
    <xsl:apply-templates mode="c:text"/>
  </xsl:template>

  <!-- A quotation that holds paragraphs is a block; otherwise a phrase. -->
  <xsl:function name="c:is-block-quote" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="exists($tei/(tei:p | tei:ab | tei:lg | tei:list | tei:quote[tei:p]))"/>
  </xsl:function>

  <!-- The content of $tei rendered as a value, the hand around it being $hand (for an edition that
       needs it as a value: a hook function, a gap's description). -->
  <xsl:function name="c:runs" as="item()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="hand" as="xs:string"/>
    <xsl:apply-templates select="$tei" mode="c:content">
      <xsl:with-param name="c:hand" tunnel="yes" select="$hand"/>
    </xsl:apply-templates>
  </xsl:function>

</xsl:stylesheet>
