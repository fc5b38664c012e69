<?xml version="1.0" encoding="UTF-8"?>
<!-- The header: metadata, shown through the functions of metadata.xsl, never as running text.
     Its elements still render in c:text when an edition shows one (a hand's note, a licence):
     their content stands in place, phrases and paragraphs rendered as everywhere else. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:teiHeader" mode="c:text" as="empty-sequence()"/>

  <!-- The register entries a file embeds (standOff) are data the editions look names up in, never running text. -->
  <xsl:template match="tei:standOff | tei:listPerson | tei:person | tei:occupation | tei:listOrg | tei:org
                       | tei:listPlace | tei:place" mode="c:text" as="empty-sequence()"/>

  <!-- Containers of metadata: their content in place, without the whitespace between their children. -->
  <xsl:template match="tei:fileDesc | tei:titleStmt | tei:respStmt | tei:publicationStmt | tei:availability
                       | tei:sourceDesc | tei:msDesc | tei:msIdentifier | tei:encodingDesc | tei:projectDesc
                       | tei:editorialDecl | tei:appInfo | tei:application | tei:profileDesc | tei:handNotes
                       | tei:correspDesc | tei:correspAction | tei:correspContext | tei:msContents | tei:msItem
                       | tei:revisionDesc | tei:editionStmt | tei:seriesStmt
                       | tei:notesStmt | tei:langUsage | tei:textClass | tei:keywords | tei:classDecl | tei:taxonomy
                       | tei:listPrefixDef | tei:tagsDecl | tei:schemaRef | tei:prefixDef | tei:namespace
                       | tei:history | tei:origin | tei:additional | tei:adminInfo | tei:surrogates"
                mode="c:text" as="item()*">
    <xsl:apply-templates select="* | text()[normalize-space()]" mode="c:text"/>
  </xsl:template>

  <!-- Metadata phrases: their text in place. -->
  <xsl:template match="tei:resp | tei:publisher | tei:distributor | tei:authority | tei:pubPlace | tei:licence
                       | tei:country | tei:settlement | tei:region | tei:institution | tei:repository | tei:collection
                       | tei:handNote | tei:change | tei:language | tei:edition | tei:extent | tei:category | tei:catDesc
                       | tei:rendition | tei:tagUsage | tei:creation | tei:origDate"
                mode="c:text" as="item()*">
    <xsl:apply-templates select="." mode="c:content"/>
  </xsl:template>

</xsl:stylesheet>
