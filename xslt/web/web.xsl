<?xml version="1.0" encoding="UTF-8"?>
<!--
  The web edition: the one entry stylesheet. Three tasks, chosen by the caller (pipeline/web/renderer.py):

  - task='summary', on a TEI file: a JSON map describing the file and its documents (for browse, facets,
    previous/next links across files, search metadata). Cheap: reads the header and the divisions' metadata.
  - task='render', on a TEI file: the file's pages (documents/KEY.html for each document, files/FILE.html for
    the file), one after another as the principal output (see w:page-start in page.xsl), and as result
    documents, the search passages (lines of text, search-passages.tsv: see w:passages) and the pages' frames
    (frames/KIND). The caller gives the file's summary and its documents' citations.
  - template 'site' (no source): the pages made from the whole catalogue, as the principal output:
    index.html (browse with facets), browse/*.html (one page per facet value, for readers without
    JavaScript), search.html, about.html, encoding.html, persons.html, guidelines.html.
-->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:c="urn:x-pmo:common"
    xmlns:w="urn:x-pmo:web"
    exclude-result-prefixes="#all">

  <xsl:include href="../common/common.xsl"/>
  <xsl:include href="hooks.xsl"/>
  <xsl:include href="helpers.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="summary.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="listing.xsl"/>
  <xsl:include href="site.xsl"/>

  <!-- Each task writes its principal output with a format of its own (xsl:result-document without href): the
       pages with w:html (page.xsl), the summary with w:json. -->
  <xsl:output method="xhtml" encoding="UTF-8"/>
  <xsl:output name="w:json" method="json" indent="no" encoding="UTF-8"/>
  <xsl:mode on-multiple-match="fail" on-no-match="fail" use-accumulators="#all"/>

  <!-- 'summary' or 'render' (see above). -->
  <xsl:param name="task" as="xs:string" select="'render'"/>
  <!-- The TEI file's key (its file name without .xml): the URL of its file page and of its TEI download. -->
  <xsl:param name="file" as="xs:string" select="'file'"/>
  <!-- Task 'render': the file's summary as the task 'summary' made it (JSON), and the suggested citation of each of its
       documents, by key (pipeline/web/citation.py). -->
  <xsl:param name="summary-json" as="xs:string" select="''"/>
  <xsl:param name="citations" as="map(xs:string, xs:string)" select="map{}"/>
  <!-- Task 'render': the kinds of page whose frames the caller has already (made for a file of the same licence). -->
  <xsl:param name="known-frames" as="xs:string*" select="()"/>
  <!-- The documents just before and after this file in the edition: map{'prev': map{'key', 'title'}, 'next': …}. -->
  <xsl:param name="neighbours" as="map(xs:string, map(xs:string, xs:string))" select="map{}"/>
  <!-- The edition's name, and its published address (for citations; empty when unknown). -->
  <xsl:param name="edition-title" as="xs:string" select="'PMO Papers'"/>
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <!-- The edition's editors and release (pipeline/web/settings.py), for the pages' metadata and the about page. -->
  <xsl:param name="editors" as="array(xs:string)" select="[]"/>
  <xsl:param name="release" as="xs:string" select="''"/>
  <!-- Site task: the catalogue (JSON, made by pipeline/web/catalogue.py) and whether the guidelines page exists. -->
  <xsl:param name="catalogue" as="xs:string" select="'{}'"/>
  <xsl:param name="has-guidelines" as="xs:boolean" select="false()"/>
  <!-- The guidelines' table of contents and content (pipeline/web/guidelines.py), as XML; '' when none. -->
  <xsl:param name="guidelines" as="xs:string" select="''"/>

  <xsl:template match="/" as="empty-sequence()">
    <xsl:choose>
      <xsl:when test="$task eq 'summary'">
        <xsl:result-document format="w:json">
          <xsl:sequence select="w:summary(.)"/>
        </xsl:result-document>
      </xsl:when>
      <xsl:when test="$task eq 'render'">
        <xsl:call-template name="w:render-file"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" select="'unknown task: ' || $task"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
