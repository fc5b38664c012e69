<?xml version="1.0" encoding="UTF-8"?>
<!-- Lists of documents: the file page (task 'render') and the table of documents that the browse,
     facet and file pages share. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:w="urn:x-pmo:web"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- ============================== the file page ============================== -->

  <xsl:template name="w:file-page" as="item()*">
    <xsl:param name="kind" as="map(*)"/>
    <xsl:param name="tei" as="document-node()"/>
    <xsl:param name="summary" as="map(*)"/>
    <!-- a reference without a piece ("PREM 19") names no file: the file's own name then, with its series -->
    <xsl:variable name="title" as="xs:string" select="if (contains($summary?reference, '/')) then 'File ' || $summary?reference
        else 'File ' || $summary?file || ($summary?reference[.] ! (' (' || . || ')'))"/>
    <xsl:variable name="ms" as="element(tei:msDesc)?" select="$tei/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc"/>
    <xsl:call-template name="w:page-start">
      <xsl:with-param name="href" select="'files/' || w:file-key($file) || '.html'"/>
      <xsl:with-param name="kind" select="$kind"/>
      <xsl:with-param name="title" select="$title"/>
    </xsl:call-template>
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <ol>
        <li><a href="../index.html">Documents</a></li>
        <li><a href="#file-title" aria-current="page"><xsl:value-of select="$title"/></a></li>
      </ol>
    </nav>
    <h1 id="file-title"><xsl:value-of select="$title"/></h1>
    <xsl:if test="$summary?title"><p class="lead"><xsl:value-of select="$summary?title"/></p></xsl:if>
    <xsl:variable name="covering" as="xs:string?" select="$ms/tei:history/tei:origin/tei:origDate ! normalize-space(.)[.]"/>
    <xsl:variable name="note" as="xs:string?" select="$ms/tei:additional/tei:adminInfo/tei:note ! normalize-space(.)[.]"/>
    <xsl:variable name="facsimile" as="element(tei:ref)?" select="$ms/tei:additional/tei:surrogates/tei:ref[@target]"/>
    <xsl:if test="exists(($covering, $note, $facsimile))">
      <dl class="file-facts">
        <xsl:if test="$covering"><dt>Covering dates</dt><dd><xsl:value-of select="$covering"/></dd></xsl:if>
        <xsl:if test="$note"><dt>Catalogue note</dt><dd><xsl:value-of select="$note"/></dd></xsl:if>
        <xsl:if test="$facsimile">
          <dt>Facsimile</dt><dd><a href="{$facsimile/@target}" rel="external"><xsl:value-of select="normalize-space($facsimile)"/></a></dd>
        </xsl:if>
      </dl>
    </xsl:if>
    <xsl:sequence select="w:document-table($summary?documents?*, '../', 'Documents in this file, in archive order')"/>
    <p><a href="../tei/{$summary?file}.xml" download="{$summary?file}.xml">Download the TEI (XML) of this file</a></p>
    <xsl:variable name="source" as="xs:string?" select="($tei//tei:publicationStmt/tei:idno[@type = 'transcript'])[1] ! normalize-space(.)"/>
    <xsl:if test="$source">
      <p class="provenance">Encoded from the OCR transcript <code><xsl:value-of select="$source"/></code>.</p>
    </xsl:if>
  </xsl:template>

  <!-- A table of documents (browse, facets, file pages). -->
  <xsl:function name="w:document-table" as="element()">
    <xsl:param name="docs" as="map(*)*"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="caption" as="xs:string"/>
    <xsl:sequence select="w:document-table($docs, $root, $caption, false())"/>
  </xsl:function>

  <!-- The same; when $filterable, rows carry their facet values' numbers for the filter (the browse page). -->
  <xsl:function name="w:document-table" as="element()">
    <xsl:param name="docs" as="map(*)*"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="caption" as="xs:string"/>
    <xsl:param name="filterable" as="xs:boolean"/>
    <table class="documents">
      <caption><xsl:value-of select="$caption"/></caption>
      <thead>
        <tr><th scope="col">Date</th><th scope="col">Document</th><th scope="col">Type</th>
            <th scope="col">From → To</th><th scope="col">Classification</th><th scope="col">Reference</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$docs">
          <tr class="{if (?withheld) then 'row-withheld' else 'row'}">
            <xsl:variable name="facets" as="map(*)?" select="?facets[$filterable]"/>
            <xsl:for-each select="if (exists($facets)) then sort(map:keys($facets)) else ()">
              <xsl:attribute name="data-f-{w:token(.)}" select="$facets(.)"/>
            </xsl:for-each>
            <xsl:if test="$filterable"><xsl:attribute name="data-date" select="substring(?date, 1, 10)"/></xsl:if>
            <td><xsl:sequence select="w:date(?date, ?dateLabel)"/></td>
            <th scope="row"><a href="{$root}documents/{?key}.html"><xsl:value-of select="?title"/></a></th>
            <td><xsl:value-of select="?typeLabel"/>
              <xsl:if test="?withheld"><xsl:text> </xsl:text><span class="badge">Withheld<xsl:value-of select="?reason[.] ! (': ' || .)"/></span></xsl:if></td>
            <td><xsl:value-of select="string-join((string-join(?from?*, '; ')[.], string-join(?to?*, '; ')[.]), ' → ')"/></td>
            <td><xsl:value-of select="?classification"/></td>
            <td><xsl:value-of select="if (?reference) then ?reference || ' (' || ?n || ')' else 'doc. ' || ?n"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:function>

  <!-- A date for a reader, marked up for machines. -->
  <xsl:function name="w:date" as="element()">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:variable name="datetime" as="xs:string?" select="w:html-datetime($when)"/>
    <xsl:choose>
      <xsl:when test="$datetime"><time datetime="{$datetime}"><xsl:value-of select="$label"/></time></xsl:when>
      <xsl:otherwise><span><xsl:value-of select="$label"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

</xsl:stylesheet>
