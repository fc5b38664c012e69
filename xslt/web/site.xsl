<?xml version="1.0" encoding="UTF-8"?>
<!-- The pages made from the whole catalogue (template 'site'): browse with facets, facet pages, search,
     about and encoding. The catalogue (JSON) is made by pipeline/web/catalogue.py from the summaries. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:w="urn:x-pmo:web"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    exclude-result-prefixes="#all">

  <!-- The pages, written one after another (see page.xsl), and their frames. -->
  <xsl:template name="site" as="empty-sequence()">
    <xsl:variable name="cat" as="map(*)" select="parse-json($catalogue)"/>
    <xsl:variable name="docs" as="map(*)*" select="$cat?documents?*"/>
    <xsl:variable name="facets" as="map(*)*" select="$cat?facets?*"/>
    <xsl:variable name="browse" as="map(*)" select="w:frame-kind('browse', '', 'browse', (), ())"/>
    <xsl:variable name="facet-page" as="map(*)" select="w:frame-kind('facet', '../', 'browse', (), ())"/>
    <xsl:variable name="search" as="map(*)" select="w:frame-kind('search', '', 'search',
        ('lunr.min.js', 'minisearch.js', 'search-terms.js', 'search-files.js', 'search.js'), ())"/>
    <xsl:variable name="about" as="map(*)" select="w:frame-kind('about', '', 'about', (), ())"/>
    <xsl:variable name="encoding" as="map(*)" select="w:frame-kind('encoding', '', 'encoding', (), ())"/>
    <xsl:variable name="persons" as="map(*)" select="w:frame-kind('persons', '', 'persons', (), ())"/>
    <xsl:variable name="guidelines-page" as="map(*)" select="w:frame-kind('guidelines', '', 'encoding', 'guidelines.js', ())"/>
    <xsl:result-document format="w:html">
      <xsl:call-template name="w:page">
        <xsl:with-param name="href" select="'index.html'"/>
        <xsl:with-param name="kind" select="$browse"/>
        <xsl:with-param name="title" select="'Documents'"/>
        <xsl:with-param name="main" select="w:browse-main($cat, $docs, $facets)"/>
      </xsl:call-template>

      <xsl:for-each select="$facets">
        <xsl:variable name="facet" as="map(*)" select="."/>
        <!-- A value marked render: false has its page already (made from the same rows). -->
        <xsl:for-each select="?values?*[not(?render = false())]">
          <xsl:variable name="value" as="map(*)" select="."/>
          <xsl:variable name="title" as="xs:string" select="$facet?label || ': ' || $value?label"/>
          <xsl:call-template name="w:page-start">
            <xsl:with-param name="href" select="'browse/' || w:token($facet?key) || '-' || $value?n || '.html'"/>
            <xsl:with-param name="kind" select="$facet-page"/>
            <xsl:with-param name="title" select="'Documents: ' || $title"/>
          </xsl:call-template>
          <nav class="breadcrumb" aria-label="Breadcrumb">
            <ol>
              <li><a href="../index.html">Documents</a></li>
              <li><a href="#browse-title" aria-current="page"><xsl:value-of select="$title"/></a></li>
            </ol>
          </nav>
          <h1 id="browse-title">Documents · <xsl:value-of select="$title"/></h1>
          <p><a href="../index.html">All documents</a> ·
            <xsl:value-of select="$value?count"/> document<xsl:value-of select="if ($value?count ne 1) then 's' else ''"/>, in date order.</p>
          <xsl:sequence select="w:document-table(for $i in $value?docs?* return $docs[xs:integer($i)], '../',
                                $title || ', in date order')"/>
        </xsl:for-each>
      </xsl:for-each>

      <xsl:call-template name="w:page">
        <xsl:with-param name="href" select="'search.html'"/>
        <xsl:with-param name="kind" select="$search"/>
        <xsl:with-param name="title" select="'Search'"/>
        <xsl:with-param name="main" select="w:search-main()"/>
      </xsl:call-template>

      <xsl:call-template name="w:page">
        <xsl:with-param name="href" select="'about.html'"/>
        <xsl:with-param name="kind" select="$about"/>
        <xsl:with-param name="title" select="'About the edition'"/>
        <xsl:with-param name="main" select="w:about-main($cat)"/>
      </xsl:call-template>

      <xsl:call-template name="w:page">
        <xsl:with-param name="href" select="'encoding.html'"/>
        <xsl:with-param name="kind" select="$encoding"/>
        <xsl:with-param name="title" select="'How the edition is encoded'"/>
        <xsl:with-param name="main" select="w:encoding-main()"/>
      </xsl:call-template>

      <xsl:call-template name="w:page">
        <xsl:with-param name="href" select="'persons.html'"/>
        <xsl:with-param name="kind" select="$persons"/>
        <xsl:with-param name="title" select="'People and organisations'"/>
        <xsl:with-param name="main" select="w:persons-main($cat)"/>
      </xsl:call-template>

      <xsl:if test="$guidelines">
        <xsl:call-template name="w:page-start">
          <xsl:with-param name="href" select="'guidelines.html'"/>
          <xsl:with-param name="kind" select="$guidelines-page"/>
          <xsl:with-param name="title" select="'Encoding guidelines'"/>
        </xsl:call-template>
        <h1>Encoding guidelines</h1>
        <xsl:sequence select="parse-xml($guidelines)/*"/>
      </xsl:if>
    </xsl:result-document>
    <xsl:call-template name="w:frames">
      <xsl:with-param name="kinds" select="$browse, $facet-page[exists($facets)], $search, $about, $encoding, $persons,
                                           $guidelines-page[$guidelines]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================== browse ============================== -->

  <xsl:function name="w:browse-main" as="element()*">
    <xsl:param name="cat" as="map(*)"/>
    <xsl:param name="docs" as="map(*)*"/>
    <xsl:param name="facets" as="map(*)*"/>
    <h1 id="browse-title"><xsl:value-of select="$edition-title"/></h1>
    <p class="lead">Papers of the UK Prime Minister's Office from The National Archives (PREM 19), transcribed and
      encoded in TEI: <xsl:value-of select="count($docs)"/> documents in <xsl:value-of select="array:size($cat?files)"
     /> files, listed here in date order. Withheld documents
      are listed in their place, marked as withheld.</p>
    <div class="browse">
      <form class="facets" aria-labelledby="facets-title" action="index.html" method="get">
        <h2 id="facets-title">Filter</h2>
        <p class="js-only facet-help">Tick values to narrow the list; within a group any ticked value matches.</p>
        <xsl:for-each select="$facets">
          <xsl:variable name="facet" as="map(*)" select="."/>
          <fieldset class="facet" data-facet="{w:token(?key)}">
            <legend><xsl:value-of select="?label"/></legend>
            <ul>
              <xsl:for-each select="?values?*">
                <xsl:variable name="id" as="xs:string" select="'f-' || w:token($facet?key) || '-' || ?n"/>
                <li>
                  <input class="js-only" type="checkbox" id="{$id}" value="{?n}" data-facet="{w:token($facet?key)}"/>
                  <label class="js-only" for="{$id}"><xsl:value-of select="?label"/><xsl:text> </xsl:text><span class="count">(<xsl:value-of select="?count"/>)</span></label>
                  <a class="no-js-only" href="browse/{w:token($facet?key)}-{?n}.html"><xsl:value-of select="?label"/><xsl:text> </xsl:text><span class="count">(<xsl:value-of select="?count"/>)</span></a>
                </li>
              </xsl:for-each>
            </ul>
          </fieldset>
        </xsl:for-each>
        <fieldset class="facet js-only date-range">
          <legend>Dates</legend>
          <p><label for="date-from">From</label> <input type="date" id="date-from" data-range="from"/></p>
          <p><label for="date-to">To</label> <input type="date" id="date-to" data-range="to"/></p>
        </fieldset>
        <p class="js-only"><button type="reset" id="facets-reset">Clear the filters</button></p>
      </form>
      <div class="browse-list">
        <p id="browse-status" class="status" role="status" aria-live="polite"><xsl:value-of select="count($docs)"/> documents.</p>
        <xsl:sequence select="w:document-table($docs, '', 'All documents, in date order', true())"/>
      </div>
    </div>
    <section class="files" aria-labelledby="files-title">
      <h2 id="files-title">Files</h2>
      <ul>
        <xsl:for-each select="$cat?files?*">
          <li><a href="files/{?file}.html"><xsl:value-of select="string-join((?reference[.], ?title[.]), ': ')"/></a>
            (<xsl:value-of select="?count"/> document<xsl:value-of select="if (?count ne 1) then 's' else ''"/>)</li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:function>

  <!-- ============================== persons ============================== -->

  <xsl:function name="w:persons-main" as="element()*">
    <xsl:param name="cat" as="map(*)"/>
    <xsl:variable name="docs" as="map(*)*" select="$cat?documents?*"/>
    <h1>People and organisations</h1>
    <p>Everyone the documents name as sender or addressee, and every hand that wrote in them, with their
      documents in date order.</p>
    <ul class="person-index">
      <xsl:for-each select="$cat?persons?*">
        <li><a href="#{?id}"><xsl:value-of select="?name"/></a></li>
      </xsl:for-each>
    </ul>
    <xsl:for-each select="$cat?persons?*">
      <xsl:variable name="person" as="map(*)" select="."/>
      <section class="person" id="{?id}" aria-labelledby="{?id}-name">
        <h2 id="{?id}-name"><xsl:value-of select="?name"/></h2>
        <xsl:for-each select="('sent', 'received', 'hand')[array:size($person(.)) gt 0]">
          <xsl:variable name="role" as="xs:string" select="."/>
          <h3><xsl:value-of select="map{'sent': 'Sent', 'received': 'Received', 'hand': 'Wrote in (hand)'}($role)"/>
            (<xsl:value-of select="array:size($person($role))"/>)</h3>
          <ul>
            <xsl:for-each select="$person($role)?*">
              <xsl:variable name="doc" as="map(*)" select="$docs[current()]"/>
              <li><a href="documents/{$doc?key}.html"><xsl:value-of select="$doc?title"/></a>, <xsl:value-of select="$doc?dateLabel"/></li>
            </xsl:for-each>
          </ul>
        </xsl:for-each>
      </section>
    </xsl:for-each>
  </xsl:function>

  <!-- ============================== search ============================== -->

  <xsl:function name="w:search-main" as="element()*">
    <h1 id="search-title">Search</h1>
    <form id="search-form" class="search-form" role="search" action="search.html" method="get">
      <p class="search-box">
        <label for="q">Search the text and the metadata (names, dates, classifications, references)</label>
        <input type="search" id="q" name="q"/>
        <button type="submit">Search</button>
      </p>
      <p class="search-option">
        <input type="checkbox" id="reading" name="reading" value="1"/>
        <label for="reading">Reading text only (leave out deleted words and original spellings)</label>
      </p>
      <fieldset id="search-facets" class="search-facets" hidden="">
        <legend>Filter the results</legend>
      </fieldset>
    </form>
    <p class="hint">Words are matched in any form (“rights” finds “right”, “Gorbachev” finds “Gorbachev’s”);
      put a phrase in quotes (<code>"human rights"</code>); add <code>*</code> for a prefix (<code>Gorb*</code>).
      A misspelt word finds similar words of the edition, with a suggestion.</p>
    <p id="search-status" class="status" role="status" aria-live="polite"></p>
    <p id="search-suggestion" class="suggestion" hidden=""></p>
    <noscript><p>Search needs JavaScript. Without it, <a href="index.html">browse the documents</a>.</p></noscript>
    <ol id="search-results" class="search-results" aria-labelledby="search-title"></ol>
  </xsl:function>

  <!-- ============================== about and encoding ============================== -->

  <xsl:function name="w:about-main" as="element()*">
    <xsl:param name="cat" as="map(*)"/>
    <h1>About the edition</h1>
    <p><xsl:value-of select="$edition-title"/> publishes papers of the UK Prime Minister's Office held by The National
      Archives at Kew in the series PREM 19: letters, minutes, telegrams, drafts and forms, and the closure cards that
      stand in the place of documents still withheld.</p>
    <p>Each file of the archive was transcribed by OCR and encoded in TEI P5: one division per document, with its
      date, sender, addressee and classification in the header; deletions, additions, changes of hand, pages and
      withheld material encoded as data. Every page of this site is made from that encoding, and the TEI of every
      file can be downloaded from its documents' pages.</p>
    <h2>Reading a document</h2>
    <ul>
      <li>The <strong>reading view</strong> shows the final text: deletions hidden, additions in place, lines run on.</li>
      <li>The <strong>diplomatic view</strong> shows the page as written: deletions struck through, additions raised
        where they were written, line breaks, running heads, catchwords and page numbers, each hand in its own style.</li>
      <li>The choice of view is remembered. The hands legend names every hand in the document and can highlight one.</li>
      <li>Withheld documents are shown by their closure card: the reason, the legal basis, the extract details and the
        card's date. Redactions inside a text are marked with their extent.</li>
    </ul>
    <h2>What the edition holds</h2>
    <p><xsl:value-of select="$cat?stats?documents"/> documents in <xsl:value-of select="$cat?stats?files"/> files;
      <xsl:value-of select="$cat?stats?withheld"/> of them withheld.</p>
    <p>The site needs no server: it can be opened from a folder on disk. Search runs in the browser.</p>
    <h2>Citing the edition</h2>
    <p>Every document page has a suggested citation (with the archival reference, the edition's editors —
      <xsl:value-of select="string-join($editors?*, ', ')"/> — and its release, <xsl:value-of select="$release"/>),
      downloads of it as BibTeX, RIS and CSL-JSON, the document's TEI and plain text, and a link (¶) to each passage.</p>
    <h2>Type and software</h2>
    <p>The text is set in EB Garamond by Georg Duffner and Octavio Pardo, bundled with the site from the npm package
      <code>@fontsource/eb-garamond</code> under the SIL Open Font License 1.1 (<a href="assets/fonts/LICENSE.txt">the licence</a>).
      Search uses MiniSearch (MIT licence) and the stemmer of lunr.js (MIT licence).</p>
  </xsl:function>

  <xsl:function name="w:encoding-main" as="element()*">
    <h1>How the edition is encoded</h1>
    <p>The texts are encoded in TEI P5 and validated against the project's schema, a customisation of the TEI
      written as an ODD; every file is also valid against the TEI's own <code>tei_all</code>.</p>
    <xsl:choose>
      <xsl:when test="$has-guidelines">
        <p><a href="guidelines.html">The encoding guidelines</a>, compiled from the ODD, list every element the
          edition uses, with its attributes and examples.</p>
      </xsl:when>
      <xsl:otherwise>
        <p>The encoding guidelines compiled from the ODD are not part of this build.</p>
      </xsl:otherwise>
    </xsl:choose>
    <h2>The encoding in brief</h2>
    <dl class="encoding">
      <dt>Documents</dt><dd>one <code>div</code> per document, typed letter, minute, telegram, draft, form, closure card or note;
        its sender, addressee, date and classification in a <code>correspDesc</code> of the header.</dd>
      <dt>Letter parts</dt><dd><code>opener</code>, <code>dateline</code>, <code>salute</code>, <code>closer</code>,
        <code>signed</code>, <code>address</code>; telegram routing lines as segments of the opener.</dd>
      <dt>Changes to the text</dt><dd><code>del</code> for struck text, <code>add</code> for additions with the place
        they were written, <code>subst</code> for a deletion replaced by an addition.</dd>
      <dt>Hands</dt><dd>every hand declared once as a <code>handNote</code>; <code>handShift</code> where the writing
        changes between typescript and a hand.</dd>
      <dt>Pages</dt><dd><code>pb</code> with its number, <code>fw</code> for running heads, footers, catchwords and page
        numbers, <code>lb</code> for line breaks.</dd>
      <dt>Withheld and unreadable text</dt><dd><code>gap</code> with the reason (the closure reasons of The National
        Archives' cards, redaction, illegible, OCR repetition) and its extent; <code>unclear</code> keeps an uncertain
        OCR reading.</dd>
    </dl>
  </xsl:function>

</xsl:stylesheet>
