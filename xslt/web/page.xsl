<?xml version="1.0" encoding="UTF-8"?>
<!-- The page around every page of the site: head (CSP, styles, scripts), header, navigation, footer. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:w="urn:x-pmo:web"
    exclude-result-prefixes="#all">

  <!-- Scripts and styles only from the site itself; nothing inline; no forms posting elsewhere. -->
  <xsl:variable name="w:csp" as="xs:string"
      select="&quot;default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'&quot;"/>

  <xsl:variable name="w:serialization" as="map(*)"
      select="map{'method': 'html', 'html-version': 5.0, 'include-content-type': false(), 'indent': false(), 'encoding': 'UTF-8'}"/>

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
    <xsl:sequence select="w:page($title, $root, $section, $main, $scripts, ())"/>
  </xsl:function>

  <!-- The same, with more elements for the head (metadata of a document page). -->
  <xsl:function name="w:page" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="section" as="xs:string"/>
    <xsl:param name="main" as="item()*"/>
    <xsl:param name="scripts" as="xs:string*"/>
    <xsl:param name="head" as="element()*"/>
    <xsl:variable name="html" as="element()">
      <html lang="en">
        <head>
          <meta charset="utf-8"/>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <meta http-equiv="Content-Security-Policy" content="{$w:csp}"/>
          <meta name="referrer" content="no-referrer"/>
          <title><xsl:value-of select="$title || ' · ' || $edition-title"/></title>
          <link rel="icon" href="{$root}assets/favicon.svg" type="image/svg+xml"/>
          <link rel="stylesheet" href="{$root}assets/site.css"/>
          <xsl:sequence select="$head"/>
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
          <main id="main" tabindex="-1">
            <xsl:sequence select="$main"/>
          </main>
          <footer class="site-footer">
            <p><xsl:value-of select="$edition-title"/>: a digital edition of papers of the UK Prime Minister's Office
              (The National Archives, PREM 19), encoded in TEI P5. <a href="{$root}about.html">About the edition</a>.</p>
          </footer>
        </body>
      </html>
    </xsl:variable>
    <xsl:sequence select="serialize($html, $w:serialization)"/>
  </xsl:function>

</xsl:stylesheet>
