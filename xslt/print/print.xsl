<?xml version="1.0" encoding="UTF-8"?>
<!-- The print edition's entry stylesheet: TEI files → one HTML document for paged media, which
     WeasyPrint typesets with print.css (pipeline/print/pdf.py).

     Call the named template "book" with
       files  the TEI files of the book, as XML text already checked by pipeline.safexml (an array)
       scope  'edition' (the whole edition) or 'file' (one archival file's own PDF)
       odd    the project's ODD as checked XML text, or nothing: its documentation gives the
              introduction's editorial conventions and the descriptions of closure reasons.
     Each file is parsed as its own document (parse-xml), so the common layer's keys and root()
     lookups stay within one file. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:p="urn:pipeline:print"
    exclude-result-prefixes="#all">

  <xsl:include href="../common/common.xsl"/>
  <xsl:include href="hooks.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="book.xsl"/>
  <xsl:include href="labels.xsl"/>

  <xsl:output method="html" version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:param name="files" as="array(xs:string)" select="[]"/>
  <xsl:param name="scope" as="xs:string" select="'edition'"/>
  <xsl:param name="odd" as="xs:string?" select="()"/>

  <xsl:variable name="p:files" as="element(tei:TEI)*" select="array:flatten($files) ! parse-xml(.)/tei:TEI"/>
  <xsl:variable name="p:odd" as="document-node()?" select="$odd ! parse-xml(.)"/>

  <xsl:template name="book">
    <xsl:if test="not($scope = ('edition', 'file'))">
      <xsl:message terminate="yes" select="'scope must be edition or file, not ' || $scope"/>
    </xsl:if>
    <xsl:call-template name="p:book">
      <xsl:with-param name="files" select="$p:files"/>
      <xsl:with-param name="scope" select="$scope"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
