<?xml version="1.0" encoding="UTF-8"?>
<!-- The print edition's entry stylesheet: TEI files → HTML documents for paged media, which
     WeasyPrint typesets with print.css (pipeline/print/pdf.py). A book is made in three kinds of
     pieces, each typeset on its own and then bound together (pipeline/print/binding.py): its front
     matter, one part per archival file, its back matter.

     Call the named template "book" with
       files  the TEI files of the book, as XML text already checked by pipeline.safexml (an array)
       names  each file's name without ".xml" (an array, in the same order): anchors are made of it,
              so that a file's part has the same anchors whatever book it is bound in
       scope  'edition' (the whole edition) or 'file' (one archival file's own PDF)
       piece  'front' (title page, edition statement, contents, introduction), 'part' (the one file
              given: its title page and documents) or 'back' (withheld documents, index)
       pages  for the front and back matter: the page number (a string) on which each anchor of the
              book stands, as the typeset parts gave them (a map)
       odd    the project's ODD as checked XML text, or nothing: its documentation gives the
              introduction's editorial conventions and the descriptions of closure reasons.
     Each file is parsed as its own document (parse-xml), so the common layer's keys and root()
     lookups stay within one file. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:p="urn:pipeline:print"
    exclude-result-prefixes="#all">

  <xsl:include href="../common/common.xsl"/>
  <xsl:include href="hooks.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="book.xsl"/>
  <xsl:include href="labels.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="finish.xsl"/>

  <xsl:output method="html" version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:param name="files" as="array(xs:string)" select="[]"/>
  <xsl:param name="names" as="array(xs:string)" select="[]"/>
  <xsl:param name="scope" as="xs:string" select="'edition'"/>
  <xsl:param name="piece" as="xs:string" select="'part'"/>
  <xsl:param name="pages" as="map(xs:string, xs:string)" select="map{}"/>
  <xsl:param name="odd" as="xs:string?" select="()"/>

  <!-- The files: whole for a file's part; for the front and back matter, which need of each document
       only what names, dates and places it, each file's outline (p:outline), so that the matter of
       a thousand files does not hold a thousand whole texts. -->
  <xsl:variable name="p:files" as="element(tei:TEI)*"
    select="array:flatten($files) ! (if ($piece = 'part') then parse-xml(.) else p:outline(parse-xml(.)))/tei:TEI"/>

  <!-- A TEI file with its header and standOff whole, and of each document (body/div) only what the
       contents, the index and the list of withheld documents read (see c:doc-title, c:doc-date,
       c:is-withheld, c:gap-facts): its headings, subject, datelines, classification marks, first
       paragraph and closure card, each whole and where it stands, inside shallow copies of the
       elements around it. -->
  <xsl:function name="p:outline" as="document-node()">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="documents" as="element()*" select="$doc/tei:TEI/tei:text/tei:body/tei:div"/>
    <xsl:variable name="kept" as="element()*" select="$documents ! (
      (.//tei:p)[1], .//(tei:head | tei:ab[@type = 'subject'] | tei:dateline | tei:fw[@subtype = 'classification']),
      tei:gap[@unit = 'document'], tei:opener/tei:seg[@type = 'classification'])"/>
    <xsl:document>
      <xsl:apply-templates select="$doc/node()" mode="p:outline">
        <xsl:with-param name="whole" tunnel="yes" select="map:merge($kept ! map{generate-id(.): true()}, map{'duplicates': 'use-first'})"/>
        <xsl:with-param name="around" tunnel="yes" select="map:merge(($documents, $kept/ancestor::*) ! map{generate-id(.): true()}, map{'duplicates': 'use-first'})"/>
      </xsl:apply-templates>
    </xsl:document>
  </xsl:function>

  <xsl:mode name="p:outline" on-no-match="shallow-copy"/>
  <!-- the transcript's checksum is printed with its part, not in the front or back matter -->
  <xsl:template match="tei:publicationStmt/tei:idno[@type = 'sha256']" mode="p:outline"/>
  <xsl:template match="tei:text//node()" mode="p:outline">
    <xsl:param name="whole" tunnel="yes" as="map(*)"/>
    <xsl:param name="around" tunnel="yes" as="map(*)"/>
    <xsl:choose>
      <xsl:when test="$whole(generate-id(.))"><xsl:copy-of select="."/></xsl:when>
      <xsl:when test="$around(generate-id(.))">
        <xsl:copy><xsl:copy-of select="@*"/><xsl:apply-templates select="*" mode="p:outline"/></xsl:copy>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
  <!-- Each file's name, by the generated id of its root element. -->
  <xsl:variable name="p:names" as="map(xs:string, xs:string)"
    select="map:merge(for $i in 1 to count($p:files) return map{generate-id($p:files[$i]): replace(($names($i)), '\s', '_')})"/>
  <xsl:variable name="p:odd" as="document-node()?" select="$odd ! parse-xml(.)"/>

  <xsl:template name="book">
    <xsl:if test="not($scope = ('edition', 'file'))">
      <xsl:message terminate="yes" select="'scope must be edition or file, not ' || $scope"/>
    </xsl:if>
    <xsl:if test="not($piece = ('front', 'part', 'back'))">
      <xsl:message terminate="yes" select="'piece must be front, part or back, not ' || $piece"/>
    </xsl:if>
    <xsl:if test="array:size($names) ne count($p:files) or ($piece = 'part' and count($p:files) ne 1)">
      <xsl:message terminate="yes" select="'give one name per file, and one file for a part'"/>
    </xsl:if>
    <xsl:call-template name="p:book">
      <xsl:with-param name="files" select="$p:files"/>
      <xsl:with-param name="scope" select="$scope"/>
      <xsl:with-param name="piece" select="$piece"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
