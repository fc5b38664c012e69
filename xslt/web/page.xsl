<?xml version="1.0" encoding="UTF-8"?>
<!-- The page around every page of the site: head (CSP, styles, scripts), header, navigation, footer. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:w="urn:x-pmo:web"
    exclude-result-prefixes="#all">

  <!-- Scripts and styles only from the site itself; nothing inline; no forms posting elsewhere. -->
  <xsl:variable name="w:csp" as="xs:string"
      select="&quot;default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'&quot;"/>

  <!-- HTML in the XHTML syntax (HTML5's void elements closed with "/>"), every character beyond ASCII written as a
       character reference, URLs as they are (HTML takes them so): valid HTML, and the cheapest for SaxonC to write
       (text beyond ASCII, even one quotation mark, makes it handle a page's whole text as wide characters). -->
  <xsl:variable name="w:serialization" as="map(*)"
      select="map{'method': 'xhtml', 'html-version': 5.0, 'include-content-type': false(), 'indent': false(),
                   'omit-xml-declaration': true(), 'encoding': 'US-ASCII', 'escape-uri-attributes': false()}"/>

  <xsl:variable name="w:sections" as="array(map(xs:string, xs:string))"
      select="[map{'key': 'browse', 'href': 'index.html', 'label': 'Documents'},
               map{'key': 'persons', 'href': 'persons.html', 'label': 'People'},
               map{'key': 'search', 'href': 'search.html', 'label': 'Search'},
               map{'key': 'about', 'href': 'about.html', 'label': 'About'},
               map{'key': 'encoding', 'href': 'encoding.html', 'label': 'Encoding'}]"/>

  <!-- A whole page as HTML text. $root leads from the page to the site's root ('' or '../'). -->
  <xsl:function name="w:page" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="section" as="xs:string"/>
    <xsl:param name="main" as="item()*"/>
    <xsl:param name="scripts" as="xs:string*"/>
    <xsl:sequence select="w:page($title, $root, $section, $main, $scripts, (), ())"/>
  </xsl:function>

  <!-- The same, with more elements for the head (metadata of a document page) and for the footer (the licence of
       a TEI file's pages): its own head and main part, serialised into its frame (w:frame). The footer's
       elements are part of the frame, which is made once for them: the same nodes on every page of a
       transformation (w:licence-note). -->
  <xsl:function name="w:page" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="section" as="xs:string"/>
    <xsl:param name="main" as="item()*"/>
    <xsl:param name="scripts" as="xs:string*"/>
    <xsl:param name="head" as="element()*"/>
    <xsl:param name="footer" as="element()*"/>
    <xsl:variable name="frame" as="xs:string+" select="w:frame($root, $section, $scripts, $footer)"/>
    <xsl:variable name="own-head" as="document-node()">
      <xsl:document>
        <title><xsl:value-of select="$title || ' · ' || $edition-title"/></title>
        <link rel="icon" href="{$root}assets/favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="{$root}assets/site.css"/>
        <xsl:comment>w:main</xsl:comment>
      </xsl:document>
    </xsl:variable>
    <!-- one serialisation (each costs some 170,000 instructions in SaxonC): the head's own elements, the
         comment that marks where the frame goes on, the main part -->
    <xsl:variable name="text" as="xs:string" select="serialize(($own-head/*, $head, $own-head/comment(), $main), $w:serialization)"/>
    <xsl:sequence select="$frame[1] || substring-before($text, '&lt;!--w:main--&gt;') || $frame[2]
                          || substring-after($text, '&lt;!--w:main--&gt;') || $frame[3]"/>
  </xsl:function>

  <!-- A page's frame as text, in three parts: up to its head's own elements, from there to its main part, and
       after it. Made once per kind of page in a transformation (cache: the document pages of a file share it). -->
  <xsl:function name="w:frame" as="xs:string+" cache="yes">
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
    <xsl:variable name="text" as="xs:string" select="serialize($html, $w:serialization)"/>
    <xsl:sequence select="substring-before($text, '&lt;!--w:head--&gt;'),
        substring-before(substring-after($text, '&lt;!--w:head--&gt;'), '&lt;!--w:main--&gt;'),
        substring-after($text, '&lt;!--w:main--&gt;')"/>
  </xsl:function>

</xsl:stylesheet>
