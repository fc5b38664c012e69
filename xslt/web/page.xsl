<?xml version="1.0" encoding="UTF-8"?>
<!-- The page around every page of the site: head (CSP, styles, scripts), header, navigation, footer. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:w="urn:x-pmo:web"
    exclude-result-prefixes="#all">

  <!-- Scripts and styles only from the site itself; nothing inline; no forms posting elsewhere. -->
  <xsl:variable name="w:csp" as="xs:string"
      select="&quot;default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'&quot;"/>

  <!-- HTML in the XHTML syntax (HTML5's void elements closed with "/>"), in UTF-8 (the frame's first element says so),
       URLs as they are (HTML takes them so): valid HTML, and the cheapest for SaxonC to write. US-ASCII, every
       character beyond it a character reference, cost some 30 % more an element (measured in session 11: 4.4 of
       a file's 54 million instructions).
       The pages are written with the output format w:html, their frames (w:frame) with the map: the two say the same. -->
  <xsl:output name="w:html" method="xhtml" html-version="5.0" include-content-type="no" indent="no"
      omit-xml-declaration="yes" encoding="UTF-8" escape-uri-attributes="no"/>
  <xsl:variable name="w:serialization" as="map(*)"
      select="map{'method': 'xhtml', 'html-version': 5.0, 'include-content-type': false(), 'indent': false(),
                   'omit-xml-declaration': true(), 'encoding': 'UTF-8', 'escape-uri-attributes': false()}"/>

  <xsl:variable name="w:sections" as="array(map(xs:string, xs:string))"
      select="[map{'key': 'browse', 'href': 'index.html', 'label': 'Documents'},
               map{'key': 'persons', 'href': 'persons.html', 'label': 'People'},
               map{'key': 'search', 'href': 'search.html', 'label': 'Search'},
               map{'key': 'about', 'href': 'about.html', 'label': 'About'},
               map{'key': 'encoding', 'href': 'encoding.html', 'label': 'Encoding'}]"/>

  <!-- The pages of a transformation are written one after another to one output, the principal one, in the format
       w:html (xsl:result-document without href): written straight to the serialiser, a page's elements are never
       built as a tree first. Of each page only its own part is written there: the comment that names it and its
       frame, the head's own elements, the comment w:main, and its main part. The frames, which the pages of
       a kind share (head, header, navigation, footer), are made once per transformation (w:frames), and
       pipeline/web/pages.py puts each page together. No other comment is written (the TEI's are not copied), and
       "<!-" in text or in an attribute value is written escaped. -->

  <!-- A kind of page: what its frame is made of. $root leads from the page to the site's root ('' or '../'); the
       footer's elements (the licence of a TEI file's pages) are part of the frame. -->
  <xsl:function name="w:frame-kind" as="map(*)">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="section" as="xs:string"/>
    <xsl:param name="scripts" as="xs:string*"/>
    <xsl:param name="footer" as="element()*"/>
    <xsl:sequence select="map{'key': $key, 'root': $root, 'section': $section, 'scripts': $scripts, 'footer': $footer}"/>
  </xsl:function>

  <!-- The frames of the kinds of page a transformation wrote, each as the result document frames/KEY. -->
  <xsl:template name="w:frames" as="empty-sequence()">
    <xsl:param name="kinds" as="map(*)*"/>
    <xsl:for-each select="$kinds">
      <xsl:result-document href="frames/{?key}" method="text">
        <xsl:sequence select="w:frame(?root, ?section, ?scripts, ?footer)"/>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- A whole page of a kind (w:frame-kind), its main part given. -->
  <xsl:template name="w:page" as="item()*">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="kind" as="map(*)"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="main" as="item()*"/>
    <xsl:call-template name="w:page-start">
      <xsl:with-param name="href" select="$href"/>
      <xsl:with-param name="kind" select="$kind"/>
      <xsl:with-param name="title" select="$title"/>
    </xsl:call-template>
    <xsl:sequence select="$main"/>
  </xsl:template>

  <!-- A page up to the start of its main part, which follows (w:page-head, w:page-main). -->
  <xsl:template name="w:page-start" as="item()*">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="kind" as="map(*)"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:call-template name="w:page-head">
      <xsl:with-param name="href" select="$href"/>
      <xsl:with-param name="kind" select="$kind"/>
      <xsl:with-param name="title" select="$title"/>
    </xsl:call-template>
    <xsl:call-template name="w:page-main"/>
  </xsl:template>

  <!-- A page's start: the comment that names the page and its kind, and the head's own elements; more may follow
       (metadata of a document page) before w:page-main. -->
  <xsl:template name="w:page-head" as="item()*">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="kind" as="map(*)"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:comment select="'w:page ' || $href || ' ' || $kind?key"/>
    <title><xsl:value-of select="$title || ' · ' || $edition-title"/></title>
    <link rel="icon" href="{$kind?root}assets/favicon.svg" type="image/svg+xml"/>
    <link rel="stylesheet" href="{$kind?root}assets/site.css"/>
  </xsl:template>

  <!-- Where a page's main part starts (after its head's own elements). -->
  <xsl:template name="w:page-main" as="comment()">
    <xsl:comment>w:main</xsl:comment>
  </xsl:template>

  <!-- A page's frame as text: the comment w:head marks where the head's own elements go, the comment
       w:main where the main part goes. -->
  <xsl:function name="w:frame" as="xs:string">
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="section" as="xs:string"/>
    <xsl:param name="scripts" as="xs:string*"/>
    <xsl:param name="footer" as="element()*"/>
    <xsl:variable name="html" as="element()">
      <html lang="en">
        <head>
          <meta charset="utf-8"/>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <meta http-equiv="Content-Security-Policy" content="{$w:csp}"/>
          <meta name="referrer" content="no-referrer"/>
          <xsl:if test="$section eq 'document'">
            <!-- what every document page tells reference managers alike (the rest: w:document-page) -->
            <meta name="citation_publisher" content="{$edition-title}"/>
            <meta name="citation_archive" content="The National Archives"/>
            <xsl:for-each select="$editors?*"><meta name="citation_editor" content="{.}"/></xsl:for-each>
          </xsl:if>
          <xsl:comment>w:head</xsl:comment>
          <xsl:for-each select="($scripts, 'site.js')">
            <script src="{$root}assets/{.}" defer=""></script>
          </xsl:for-each>
        </head>
        <body class="section-{$section}">
          <a class="skip" href="#main">Skip to the content</a>
          <header class="site-header">
            <p class="site-title"><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
            <nav class="site-nav" aria-label="Site">
              <ul>
                <xsl:for-each select="$w:sections?*">
                  <li>
                    <a href="{$root}{?href}">
                      <xsl:if test="?key eq $section"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                      <xsl:value-of select="?label"/>
                    </a>
                  </li>
                </xsl:for-each>
              </ul>
            </nav>
            <xsl:if test="$section ne 'search'">
              <form class="site-search" role="search" action="{$root}search.html" method="get">
                <label for="site-q" class="vh">Search the edition</label>
                <input type="search" id="site-q" name="q" placeholder="Search the edition"/>
                <button type="submit">Search</button>
              </form>
            </xsl:if>
          </header>
          <main id="main" tabindex="-1"><xsl:comment>w:main</xsl:comment></main>
          <footer class="site-footer">
            <p><xsl:value-of select="$edition-title"/>: a digital edition of papers of the UK Prime Minister's Office
              (The National Archives, PREM 19), encoded in TEI P5. <a href="{$root}about.html">About the edition</a>.</p>
            <xsl:sequence select="$footer"/>
          </footer>
        </body>
      </html>
    </xsl:variable>
    <xsl:sequence select="serialize($html, $w:serialization)"/>
  </xsl:function>

</xsl:stylesheet>
