<?xml version="1.0" encoding="UTF-8"?>
<!-- The pages of one TEI file (task 'render'): a page per document, the file's page, and the search passages. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:w="urn:x-pmo:web"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    exclude-result-prefixes="#all">

  <xsl:template name="w:render-file" as="empty-sequence()">
    <xsl:context-item as="document-node()" use="required"/>
    <xsl:variable name="tei" as="document-node()" select="."/>
    <xsl:variable name="summary" as="map(*)" select="parse-json($summary-json)"/>
    <xsl:variable name="docs" as="map(*)*" select="$summary?documents?*"/>
    <xsl:variable name="divs" as="element(tei:div)*" select="c:documents($tei)"/>
    <!-- the numbers of each document's passages: the ids of its page and the numbers of its search records -->
    <xsl:variable name="numbers" as="map(xs:string, xs:integer)*" select="$divs ! w:passage-numbers(.)"/>
    <!-- the footer of every page of the file: the licence of its text -->
    <xsl:variable name="footer" as="element()?" select="w:licence-note($tei)"/>
    <xsl:variable name="document-page" as="map(*)"
        select="w:frame-kind('document', '../', 'document', ('lunr.min.js', 'search-terms.js'), $footer)"/>
    <xsl:variable name="file-page" as="map(*)" select="w:frame-kind('file', '../', 'browse', (), $footer)"/>
    <xsl:result-document format="w:html">
      <xsl:for-each select="$divs">
        <xsl:variable name="i" as="xs:integer" select="position()"/>
        <xsl:call-template name="w:document-page">
          <xsl:with-param name="kind" select="$document-page"/>
          <xsl:with-param name="div" select="."/>
          <xsl:with-param name="numbers" select="$numbers[$i]"/>
          <xsl:with-param name="doc" select="$docs[$i]"/>
          <xsl:with-param name="file-summary" select="$summary"/>
          <xsl:with-param name="citation" select="$citations($docs[$i]?key)"/>
          <xsl:with-param name="prev" select="if ($i gt 1) then map{'key': $docs[$i - 1]?key, 'title': $docs[$i - 1]?title} else $neighbours?prev"/>
          <xsl:with-param name="next" select="if ($i lt count($divs)) then map{'key': $docs[$i + 1]?key, 'title': $docs[$i + 1]?title} else $neighbours?next"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="w:file-page">
        <xsl:with-param name="kind" select="$file-page"/>
        <xsl:with-param name="tei" select="$tei"/>
        <xsl:with-param name="summary" select="$summary"/>
      </xsl:call-template>
    </xsl:result-document>
    <xsl:call-template name="w:frames">
      <xsl:with-param name="kinds" select="($document-page[exists($divs)], $file-page)[not(?key = $known-frames)]"/>
    </xsl:call-template>
    <xsl:result-document href="{$w:passages-href}" method="text">
      <xsl:sequence select="string-join(for $i in 1 to count($divs) return w:passages($divs[$i], $docs[$i], $numbers[$i]), '&#10;')"/>
    </xsl:result-document>
  </xsl:template>

  <!-- What search needs of the file's documents, as lines of fields apart by tabs (pipeline/web/renderer.py makes
       its records of them): a line "D, the document's key, the text of its metadata", then a line "P, number,
       reading text, words only the diplomatic layer has" for each outermost passage, numbered as on the page
       (w:passage-numbers). Every field is normalised text, which holds no tab and no line end; text costs SaxonC
       less to write than JSON. -->
  <xsl:variable name="w:passages-href" as="xs:string" select="'search-passages.tsv'"/>

  <xsl:function name="w:passages" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:param name="doc" as="map(*)"/>
    <xsl:param name="numbers" as="map(xs:string, xs:integer)"/>
    <xsl:sequence select="string-join((
        string-join(('D', normalize-space($doc?key), normalize-space(string-join(($doc?typeLabel, $doc?dateLabel, $doc?from?*,
            $doc?to?*, $doc?classification, $doc?reference, $doc?hands?*, $doc?reason)[.], ' · '))), '&#9;'),
        w:outer-passages($div) ! w:passage-texts(., 'p' || $numbers(generate-id(.)))), '&#10;')"/>
  </xsl:function>

  <xsl:function name="w:passage-texts" as="xs:string?">
    <xsl:param name="passage" as="element()"/>
    <xsl:param name="number" as="xs:string"/>
    <xsl:variable name="plain" as="xs:boolean" select="w:is-plain($passage)"/>
    <xsl:variable name="text" as="xs:string" select="if ($passage/self::tei:gap) then string-join((c:reason-label($passage/@reason), w:plain($passage)), ' ')
                                                     else if ($plain) then normalize-space($passage) else w:plain-walk($passage)"/>
    <xsl:variable name="dipl" as="xs:string" select="if ($plain) then '' else w:diplomatic-only($passage)"/>
    <xsl:sequence select="string-join(('P', $number, $text, $dipl), '&#9;')[$text or $dipl]"/>
  </xsl:function>

  <!-- ============================== the document page ============================== -->

  <xsl:template name="w:document-page" as="item()*">
    <xsl:param name="kind" as="map(*)"/>
    <xsl:param name="div" as="element(tei:div)"/>
    <!-- the numbers of its passages (w:passage-numbers) -->
    <xsl:param name="numbers" as="map(xs:string, xs:integer)"/>
    <xsl:param name="doc" as="map(*)"/>
    <xsl:param name="file-summary" as="map(*)"/>
    <xsl:param name="citation" as="xs:string"/>
    <xsl:param name="prev" as="map(*)?"/>
    <xsl:param name="next" as="map(*)?"/>
    <xsl:variable name="file-key" as="xs:string" select="$file-summary?file"/>
    <xsl:variable name="hands" as="xs:string*" select="c:hands-in($div)"/>
    <xsl:call-template name="w:page-head">
      <xsl:with-param name="href" select="'documents/' || $doc?key || '.html'"/>
      <xsl:with-param name="kind" select="$kind"/>
      <xsl:with-param name="title" select="$doc?title"/>
    </xsl:call-template>
    <!-- the page's own metadata (what every document page has alike: w:frame) -->
    <meta name="description" content="{string-join(($doc?typeLabel, $doc?dateLabel, $doc?from?*, $doc?to?*), ', ')}"/>
    <meta name="citation_title" content="{$doc?title}"/>
    <xsl:if test="w:html-datetime($doc?date)">
      <meta name="citation_date" content="{substring($doc?date, 1, 10)}"/>
    </xsl:if>
    <xsl:if test="$doc?reference"><meta name="citation_archive_location" content="{$doc?reference}"/></xsl:if>
    <xsl:for-each select="c:safe-url(w:document-url($doc?key))[starts-with(., 'http')]">
      <link rel="canonical" href="{.}"/>
    </xsl:for-each>
    <link rel="alternate" type="application/tei+xml" href="{$doc?key}.xml"/>
    <link rel="alternate" type="application/ld+json" href="{$doc?key}.jsonld"/>
    <xsl:call-template name="w:page-main"/>
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <ol>
        <li><a href="../index.html">Documents</a></li>
        <li><a href="../files/{$file-key}.html">File <xsl:value-of select="($file-summary?reference[.], $file-key)[1]"/></a></li>
        <li><a href="#doc-title" aria-current="page">Document <xsl:value-of select="$doc?n"/></a></li>
      </ol>
    </nav>
    <article class="document{if ($doc?withheld) then ' is-withheld' else ''}" aria-labelledby="doc-title">
      <header class="doc-head">
        <p class="doc-type"><xsl:value-of select="$doc?typeLabel"/>
          <xsl:if test="$doc?classification"> · <span class="classification"><xsl:value-of select="$doc?classification"/></span></xsl:if>
        </p>
        <h1 id="doc-title"><xsl:value-of select="$doc?title"/></h1>
        <dl class="doc-meta">
          <dt>Date</dt><dd><xsl:sequence select="w:date($doc?date, $doc?dateLabel)"/></dd>
          <xsl:if test="array:size($doc?from) gt 0">
            <dt>From</dt><dd><xsl:value-of select="$doc?from?*" separator="; "/></dd>
          </xsl:if>
          <xsl:if test="array:size($doc?to) gt 0">
            <dt>To</dt><dd><xsl:value-of select="$doc?to?*" separator="; "/></dd>
          </xsl:if>
          <xsl:if test="$doc?classification"><dt>Classification</dt><dd><xsl:value-of select="$doc?classification"/></dd></xsl:if>
          <dt>Archival reference</dt>
          <dd><xsl:value-of select="($doc?reference[.], 'not recorded in the transcript')[1]"/>, document <xsl:value-of select="$doc?n"/>
            of <xsl:value-of select="array:size($file-summary?documents)"/> in the file</dd>
          <dt>File</dt>
          <dd><a href="../files/{$file-key}.html"><xsl:value-of select="($file-summary?title[.], $file-key)[1]"/></a></dd>
        </dl>
      </header>

      <div class="doc-tools">
        <fieldset class="view-switch">
          <legend>View</legend>
          <span class="view-option">
            <input type="radio" name="view" id="view-reading" value="reading" checked=""/>
            <label for="view-reading">Reading <span class="hint">(final text)</span></label>
          </span>
          <span class="view-option">
            <input type="radio" name="view" id="view-diplomatic" value="diplomatic"/>
            <label for="view-diplomatic">Diplomatic <span class="hint">(as written)</span></label>
          </span>
          <span class="view-option view-both-option js-only">
            <input type="radio" name="view" id="view-both" value="both"/>
            <label for="view-both">Side by side</label>
          </span>
        </fieldset>
        <xsl:if test="count($hands) gt 1 or $hands[. ne $c:default-hand]">
          <section class="hands-legend" aria-labelledby="hands-title">
            <h2 id="hands-title">Hands</h2>
            <ul>
              <xsl:variable name="shifts" as="element(tei:handShift)*" select="$div//tei:handShift"/>
              <xsl:for-each select="$hands">
                <li>
                  <span class="swatch {w:hand-class(.)}" aria-hidden="true">Aa</span>
                  <xsl:variable name="note" as="element(tei:handNote)?" select="(c:hands($div)[@xml:id = current()])[1]"/>
                  <xsl:variable name="label" as="xs:string" select="c:hand-label($note, .)"/>
                  <xsl:variable name="own" as="element(tei:handShift)*" select="$shifts[c:hand-id(@new) eq current()]"/>
                  <span class="hand-name"><xsl:value-of select="$label"/><xsl:if test="exists($own) and
                      (every $shift in $own satisfies $shift/@cert = ('low', 'medium', 'unknown'))"><xsl:value-of select="w:cert-label($own[1]/@cert)"/></xsl:if></span>
                  <xsl:if test=". ne $c:default-hand">
                    <button type="button" class="highlight-hand js-only" data-hand="{.}" aria-pressed="false">
                      Highlight<span class="vh"> the hand of <xsl:value-of select="$label"/></span>
                    </button>
                  </xsl:if>
                  <xsl:if test="$note and not(normalize-space($note) = ($label, $label || '.'))">
                    <span class="hand-note"><xsl:apply-templates select="$note" mode="c:content"><xsl:with-param name="c:hand" tunnel="yes" select="$c:default-hand"/></xsl:apply-templates></span>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
      </div>

      <p id="search-note" class="search-note" role="status" hidden=""></p>
      <xsl:apply-templates select="$div" mode="c:text">
        <xsl:with-param name="w:numbers" tunnel="yes" select="$numbers"/>
      </xsl:apply-templates>

      <xsl:variable name="notes" as="element(tei:note)*" select="$div//tei:note[not(@type = 'annotation')]"/>
      <xsl:if test="exists($notes)">
        <section class="notes" aria-labelledby="notes-title">
          <h2 id="notes-title">Notes</h2>
          <ol>
            <xsl:for-each select="$notes">
              <xsl:variable name="n" as="xs:string" select="w:note-number(.)"/>
              <li id="note-{$n}">
                <xsl:if test="@type = 'boilerplate'"><strong>Editorial note: </strong></xsl:if>
                <xsl:apply-templates select="." mode="c:content"><xsl:with-param name="c:hand" tunnel="yes" select="$c:default-hand"/></xsl:apply-templates>
                <xsl:text> </xsl:text>
                <xsl:if test="w:note-marked(.)">
                  <a class="back" href="#note-ref-{$n}">Back to the text<span class="vh"> (note <xsl:value-of select="$n"/>)</span></a>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </section>
      </xsl:if>

      <xsl:variable name="warnings" as="element()*"
          select="$div//(tei:unclear | tei:gap[@reason = ('ocr-repetition', 'illegible')])"/>
      <xsl:if test="exists($warnings)">
        <details class="ocr-warnings">
          <summary>OCR warnings (<xsl:value-of select="count($warnings)"/>)</summary>
          <ul>
            <xsl:for-each select="$warnings">
              <xsl:variable name="at" as="element()?" select="ancestor::*[w:is-passage(.)][1]"/>
              <li>
                <xsl:value-of select="if (self::tei:unclear) then 'Uncertain reading “' || normalize-space(.) || '”'
                                      else c:reason-label(@reason) || (c:extent(.) ! (' (' || . || ')'))"/>
                <xsl:if test="$at"> — <a href="#{w:passage-number($at, $numbers)}">in context</a></xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </details>
      </xsl:if>

      <xsl:variable name="related" as="element()*" select="(c:corresp($div)/tei:correspContext/tei:ref[@target],
          $div//tei:relatedItem[@target], $div//tei:ptr[@type][@target])"/>
      <xsl:if test="exists($related)">
        <section class="related" aria-labelledby="related-title">
          <h2 id="related-title">Related documents</h2>
          <ul>
            <xsl:for-each select="$related">
              <xsl:variable name="label" as="xs:string" select="c:relation-label(string((@type, @subtype, 'related')[1]))"/>
              <xsl:variable name="id" as="xs:string" select="substring-after(normalize-space(@target), '#')"/>
              <!-- a document of this file: a link; any other target: named only (it may not be in this edition) -->
              <xsl:variable name="other" as="element(tei:div)?" select="key('c:id', $id, root($div))[. intersect c:documents($div)][1]"/>
              <li>
                <span class="related-kind"><xsl:value-of select="upper-case(substring($label, 1, 1)) || substring($label, 2)"/>: </span>
                <xsl:choose>
                  <xsl:when test="$other"><a href="{w:doc-key($other, $file-key)}.html"><xsl:value-of select="c:doc-title($other)"/></a></xsl:when>
                  <xsl:otherwise><xsl:value-of select="(normalize-space(.)[.], normalize-space(@target))[1]"/></xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>

      <nav class="doc-nav" aria-label="Previous and next document">
        <ul>
          <li class="prev">
            <xsl:choose>
              <xsl:when test="exists($prev)"><a rel="prev" href="{$prev?key}.html"><span class="dir">Previous</span><xsl:text> </xsl:text><xsl:value-of select="$prev?title"/></a></xsl:when>
              <xsl:otherwise><span class="dir">First document of the edition</span></xsl:otherwise>
            </xsl:choose>
          </li>
          <li class="next">
            <xsl:choose>
              <xsl:when test="exists($next)"><a rel="next" href="{$next?key}.html"><span class="dir">Next</span><xsl:text> </xsl:text><xsl:value-of select="$next?title"/></a></xsl:when>
              <xsl:otherwise><span class="dir">Last document of the edition</span></xsl:otherwise>
            </xsl:choose>
          </li>
        </ul>
      </nav>

      <section class="cite" id="cite" aria-labelledby="cite-title">
        <h2 id="cite-title">Cite this document</h2>
        <p class="citation"><xsl:value-of select="$citation"/><span class="accessed" hidden=""> Accessed <span class="accessed-date"></span>.</span></p>
        <ul class="downloads">
          <li><a href="{$doc?key}.bib" download="">BibTeX</a></li>
          <li><a href="{$doc?key}.ris" download="">RIS</a></li>
          <li><a href="{$doc?key}.csl.json" download="">CSL-JSON</a></li>
          <li><a href="{$doc?key}.xml" download="">TEI of this document</a></li>
          <li><a href="{$doc?key}.txt" download="">Plain text</a></li>
          <li><a href="../tei/{$file-key}.xml" download="{$file-key}.xml">TEI of the whole file</a></li>
        </ul>
      </section>
    </article>
  </xsl:template>

  <!-- The licence of a TEI file's pages, for their footer. -->
  <xsl:function name="w:licence-note" as="element()?">
    <xsl:param name="tei" as="document-node()"/>
    <xsl:for-each select="($tei/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence)[1]">
      <p class="licence">Licence of the text: <xsl:variable name="url" as="xs:string?" select="c:safe-url(@target)"/>
        <xsl:choose>
          <xsl:when test="$url"><a href="{$url}" rel="license"><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="w:document-url" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$base-url || 'documents/' || $key || '.html'"/>
  </xsl:function>

</xsl:stylesheet>
