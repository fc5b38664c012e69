<?xml version="1.0" encoding="UTF-8"?>
<!-- The book around the documents: title page, edition statement and licence, contents with page
     numbers, an introduction giving the editorial conventions (from the ODD's documentation), the
     archival files, a list of withheld documents and an index of correspondents with page numbers.
     Each is a piece of its own (see print.xsl); the page numbers of the other pieces come in $pages. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:p="urn:pipeline:print"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- A file's anchor id: "file:" + its name. The book's own ids have "print:", which no file name
       gives, so they never meet. -->
  <xsl:function name="p:file-id" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="'file:' || p:file-name($tei)"/>
  </xsl:function>

  <xsl:function name="p:file-name" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$p:names(generate-id($tei))"/>
  </xsl:function>

  <!-- The page number of an anchor, as the typeset parts gave it ("" if none did). -->
  <xsl:function name="p:page" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="($pages($id), '')[1]"/>
  </xsl:function>

  <xsl:function name="p:file-title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="(($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[not(@type) or @type = 'main'])[1]/normalize-space(), '')[1]"/>
  </xsl:function>

  <!-- ============================================================== the book -->

  <xsl:template name="p:book">
    <xsl:param name="files" as="element(tei:TEI)*"/>
    <xsl:param name="scope" as="xs:string"/>
    <xsl:param name="piece" as="xs:string"/>
    <xsl:variable name="first" select="$files[1]"/>
    <xsl:variable name="publisher" select="($files/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher/normalize-space()[.])[1]"/>
    <xsl:variable name="title" select="if ($scope = 'file' and count($files) = 1) then (p:file-title($first)[.], p:file-label($first))[1]
      else ($publisher, 'The edition')[1]"/>
    <xsl:variable name="documents" select="$files/tei:text/tei:body/tei:div"/>
    <html lang="{(($files/@xml:lang)[matches(., '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$')][1], 'en')[1]}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$title"/></title>
        <meta name="author" content="{($publisher, 'pipeline')[1]}"/>
        <meta name="description" content="{p:description($files)}"/>
        <meta name="keywords" content="{string-join(distinct-values(($files ! c:reference(.))), ', ')}"/>
        <meta name="generator" content="pipeline print"/>
        <link rel="stylesheet" href="print.css"/>
      </head>
      <body>
        <xsl:choose>
          <xsl:when test="$piece = 'front'">
            <div class="front">
              <!-- first: after the introduction's page break it would stand on a page of its own -->
              <xsl:call-template name="p:link-targets">
                <xsl:with-param name="ids" select="($files ! (p:file-id(.), tei:text/tei:body/tei:div[$scope = 'file'] ! p:doc-id(.)),
                  'print:withheld'[some $d in $documents satisfies c:is-withheld($d)], 'print:correspondents')"/>
              </xsl:call-template>
              <section class="title-page" id="print:title-page" aria-label="Title page">
                <h1><xsl:value-of select="$title"/></h1>
                <p class="subtitle"><xsl:value-of select="p:description($files)"/></p>
                <xsl:if test="$scope = 'file' and $publisher"><p class="series"><xsl:value-of select="$publisher"/></p></xsl:if>
              </section>
              <xsl:call-template name="p:edition-statement">
                <xsl:with-param name="files" select="$files"/>
                <xsl:with-param name="title" select="$title"/>
              </xsl:call-template>
              <xsl:call-template name="p:contents">
                <xsl:with-param name="files" select="$files"/>
                <xsl:with-param name="scope" select="$scope"/>
              </xsl:call-template>
              <xsl:call-template name="p:introduction">
                <xsl:with-param name="files" select="$files"/>
              </xsl:call-template>
            </div>
          </xsl:when>
          <xsl:when test="$piece = 'part'">
            <xsl:variable name="main">
              <main>
                <section class="file" id="{p:file-id($first)}" aria-labelledby="{p:file-id($first)}:h">
                  <header class="file-head">
                    <h1 id="{p:file-id($first)}:h" data-running-head="{string-join((p:file-label($first), p:short(p:file-title($first))[.]), ' · ')}"
                        data-bookmark="{string-join((p:file-label($first), p:file-title($first)[.]), ': ')}"><xsl:value-of select="p:file-label($first)"/></h1>
                    <xsl:if test="p:file-title($first)"><p class="file-title"><xsl:value-of select="p:file-title($first)"/></p></xsl:if>
                    <!-- the transcript's checksum here, in the part typeset again when it changes, not in
                         the front matter, which an edit then leaves as it was (pipeline.print.cache) -->
                    <xsl:for-each select="$first/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'sha256'][normalize-space()]">
                      <p class="file-checksum">Transcript SHA-256 <span class="checksum"><xsl:value-of select="normalize-space()"/></span></p>
                    </xsl:for-each>
                    <p class="file-source">
                      <xsl:value-of select="count($documents)"/>
                      <xsl:value-of select="if (count($documents) = 1) then ' document' else ' documents'"/>
                    </p>
                  </header>
                  <!-- the documents, and whatever else the body holds, in place -->
                  <xsl:sequence select="p:paragraphs($first/tei:text/tei:body/node() ! p:render(.))"/>
                </section>
              </main>
            </xsl:variable>
            <xsl:apply-templates select="$main/*" mode="p:finish"/>
          </xsl:when>
          <xsl:otherwise>
            <!-- a book without withheld documents has no list of them (not a page saying so) -->
            <xsl:if test="some $d in $documents satisfies c:is-withheld($d)">
              <xsl:call-template name="p:withheld-list">
                <xsl:with-param name="documents" select="$documents[c:is-withheld(.)]"/>
              </xsl:call-template>
            </xsl:if>
            <xsl:call-template name="p:correspondents">
              <xsl:with-param name="documents" select="$documents"/>
            </xsl:call-template>
            <xsl:call-template name="p:link-targets">
              <xsl:with-param name="ids" select="$documents ! p:doc-id(.)"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <!-- Stand-ins for the anchors of the other pieces of the book that this piece links to: WeasyPrint
       keeps a link only to an anchor of the same document. Binding the pieces points each name at
       its real place. -->
  <xsl:template name="p:link-targets">
    <xsl:param name="ids" as="xs:string*"/>
    <div class="link-targets" aria-hidden="true">
      <xsl:for-each select="$ids"><span id="{.}"></span></xsl:for-each>
    </div>
  </xsl:template>

  <!-- A node of a body rendered by the common layer. -->
  <xsl:function name="p:render" as="item()*">
    <xsl:param name="node" as="node()"/>
    <xsl:apply-templates select="$node" mode="c:text"/>
  </xsl:function>

  <!-- "The National Archives, PREM 19: 2 files, 9 documents". -->
  <xsl:function name="p:description" as="xs:string">
    <xsl:param name="files" as="element(tei:TEI)*"/>
    <xsl:variable name="ms" select="$files/tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msIdentifier"/>
    <xsl:variable name="where" select="string-join((($ms/tei:repository/normalize-space()[.])[1],
      string-join(distinct-values($ms/tei:collection/normalize-space()[.]), ', ')[.]), ', ')"/>
    <xsl:variable name="files-n" select="count($files)"/>
    <xsl:variable name="docs-n" select="count($files/tei:text/tei:body/tei:div)"/>
    <xsl:sequence select="string-join(($where[.],
      $files-n || (if ($files-n = 1) then ' file, ' else ' files, ') || $docs-n || (if ($docs-n = 1) then ' document' else ' documents')), ': ')"/>
  </xsl:function>

  <!-- "9 documents in 2 files of PREM 19, The National Archives". -->
  <xsl:function name="p:extent" as="xs:string">
    <xsl:param name="files" as="element(tei:TEI)*"/>
    <xsl:variable name="ms" select="$files/tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msIdentifier"/>
    <xsl:variable name="files-n" select="count($files)"/>
    <xsl:variable name="docs-n" select="count($files/tei:text/tei:body/tei:div)"/>
    <xsl:variable name="of" select="string-join((string-join(distinct-values($ms/tei:collection/normalize-space()[.]), ', ')[.],
      ($ms/tei:repository/normalize-space()[.])[1]), ', ')"/>
    <xsl:sequence select="$docs-n || (if ($docs-n = 1) then ' document in ' else ' documents in ')
      || $files-n || (if ($files-n = 1) then ' file' else ' files') || ($of[.] ! (' of ' || .))"/>
  </xsl:function>

  <!-- ================================================== edition statement -->

  <xsl:template name="p:edition-statement">
    <xsl:param name="files" as="element(tei:TEI)*"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="headers" select="$files/tei:teiHeader"/>
    <xsl:variable name="application" select="($headers//tei:appInfo/tei:application)[1]"/>
    <section class="edition-statement" id="print:edition-statement" aria-label="Edition statement">
      <p><i><xsl:value-of select="$title"/></i></p>
      <dl>
        <dt>Edition</dt>
        <dd>
          <xsl:value-of select="(($headers/tei:fileDesc/tei:editionStmt/tei:edition/normalize-space()[.])[1],
            'Print edition of the TEI encoding' || ($application ! (', made by ' || normalize-space(tei:label[1]) || ' ' || @version)))[1]"/>
        </dd>
        <xsl:for-each select="($headers/tei:fileDesc/tei:publicationStmt/tei:publisher/normalize-space()[.])[1]">
          <dt>Publisher</dt><dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:for-each-group select="$headers/tei:fileDesc/tei:publicationStmt/tei:availability" group-by="normalize-space(.) || (tei:licence/@target)[1]">
          <dt>Licence</dt>
          <dd>
            <xsl:value-of select="normalize-space(.)"/>
            <xsl:for-each select="(tei:licence/@target)[1][c:safe-url(.)]">
              <xsl:text> (</xsl:text><a href="{c:safe-url(.)}"><xsl:value-of select="."/></a><xsl:text>)</xsl:text>
            </xsl:for-each>
          </dd>
        </xsl:for-each-group>
        <xsl:for-each-group select="$headers/tei:fileDesc/tei:sourceDesc//tei:msIdentifier" group-by="string-join((tei:repository, tei:settlement, tei:country) ! normalize-space(.), ', ')">
          <dt>Originals</dt>
          <dd><xsl:value-of select="current-grouping-key()"/></dd>
        </xsl:for-each-group>
        <dt>Sources</dt>
        <dd>
          <xsl:for-each select="$files">
            <span class="source-file">
              <xsl:value-of select="p:file-label(.)"/>
              <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:publicationStmt">
                <xsl:for-each select="tei:idno[@type = 'transcript'][normalize-space()]">
                  <xsl:text>: transcript </xsl:text><xsl:value-of select="normalize-space()"/>
                </xsl:for-each>
              </xsl:for-each>
            </span>
          </xsl:for-each>
        </dd>
      </dl>
    </section>
  </xsl:template>

  <!-- =========================================================== contents -->

  <!-- The contents: a file's own book lists its documents; the edition's lists its files, as FRUS
       volumes list their chapters (the documents are in the PDF's outline, and each one heads its page):
       at a thousand files, a line for each document would make some three hundred pages of contents. -->
  <xsl:template name="p:contents">
    <xsl:param name="files" as="element(tei:TEI)*"/>
    <xsl:param name="scope" as="xs:string"/>
    <nav class="contents" aria-labelledby="print:contents">
      <h2 id="print:contents">Contents</h2>
      <ol>
        <li class="toc-part"><a class="own-page" href="#print:introduction">Introduction</a></li>
        <xsl:for-each select="$files">
          <li class="toc-file">
            <a href="#{p:file-id(.)}" data-page="{p:page(p:file-id(.))}"><xsl:value-of select="string-join((p:file-label(.), p:file-title(.)[.]), ': ')"/></a>
            <ol>
              <xsl:for-each select="tei:text/tei:body/tei:div[$scope = 'file']">
                <li class="toc-doc"><a href="#{p:doc-id(.)}" data-page="{p:page(p:doc-id(.))}"><xsl:value-of select="p:typography(string-join((p:doc-heading(.), p:doc-date(.)[.][not(c:is-withheld(current()))]), ', '), ' ')"/></a></li>
              </xsl:for-each>
            </ol>
          </li>
        </xsl:for-each>
        <xsl:if test="some $d in $files/tei:text/tei:body/tei:div satisfies c:is-withheld($d)">
          <li class="toc-part"><a href="#print:withheld" data-page="{p:page('print:withheld')}">Withheld documents</a></li>
        </xsl:if>
        <li class="toc-part"><a href="#print:correspondents" data-page="{p:page('print:correspondents')}">Index of correspondents</a></li>
      </ol>
    </nav>
  </xsl:template>

  <!-- ====================================================== introduction -->

  <xsl:template name="p:introduction">
    <xsl:param name="files" as="element(tei:TEI)*"/>
    <section class="introduction" id="print:introduction" aria-labelledby="print:introduction-h">
      <h2 id="print:introduction-h">Introduction</h2>
      <p>
        <xsl:text>This edition gives </xsl:text>
        <xsl:value-of select="p:extent($files)"/>
        <xsl:text>, transcribed from the originals and edited for reading. This introduction says how to read it.</xsl:text>
      </p>
      <h3>The documents</h3>
      <p>Each document begins on a new page, and each file’s first document on a right-hand page. Its heading gives the document’s number in its file, the editors’ title (what kind of document it is, who sent it and to whom, as the document names them) and a line with the place and date of writing. Where the document bears no date the editors give one in square brackets, inferred from the dated documents around it in the file. A source note at the foot of each document gives its archival reference, its security classification, who sent and signed it and, for a telegram, its routing. The running head of a left-hand page names the file, that of a right-hand page the document.</p>
      <h3>The text</h3>
      <p>The text printed is a reading text: what the writer meant the document to say at the end. Words deleted in the original are not printed; words added are printed where they belong. What the original shows besides (the deleted words and how they were deleted, where an addition was written and in whose hand, handwritten annotations and their dates, passages that cannot be read, the original form of a regularised reading) is reported in notes at the foot of the page, numbered afresh in each document. A note on a passage deleted whole stands at the end of the words before it.</p>
      <p>The lines of the original are not kept, except where their arrangement carries meaning: letterheads and addresses, the routing lines of telegrams, signatures and tables. A word divided at the end of a typed line is printed whole. Telegrams are printed in capitals as they were typed, and set with a ragged right margin. A paragraph that runs over a page of the original is printed as one paragraph, with the page marked where it turns. Typewriter quotation marks and apostrophes are printed as typographic ones (“ ” ‘ ’); the spelling and punctuation of the documents are otherwise theirs.</p>
      <h3>Signs used</h3>
      <dl>
        <dt>1, 2, 3 …</dt><dd>A note at the foot of the page.</dd>
        <dt>words]</dt><dd>In a note, the words of the text the note is about.</dd>
        <dt><i>italic</i></dt><dd>Handwriting: annotations, signatures and additions in a hand, with a rule in the margin when a whole paragraph is handwritten. The note names the hand, the initials and the date the annotator wrote.</dd>
        <dt>[redacted]</dt><dd>Text blacked out or removed in the original; the note gives its extent and the legal basis where known.</dd>
        <dt>[illegible]</dt><dd>Text that cannot be read; the note gives what the machine reading of the page made of it.</dd>
        <dt>[…]</dt><dd>Text left out by the editors, such as a passage the machine reading of the page repeated; the note says what and how much.</dd>
        <dt>[ ]</dt><dd>Words supplied by the editors, and editorial dates.</dd>
        <dt>| p. 2</dt><dd>The beginning of a page of the original. The original’s running heads, catchwords and page numbers are not printed.</dd>
      </dl>
      <h3>Withheld documents</h3>
      <p>A document withheld from the archive is represented by the card that stands in its place in the file, printed as a boxed notice giving the reason, the legal basis, the extract details and the date of the card; all are listed at the end of the edition. The reasons a card may give are:</p>
      <dl>
        <xsl:variable name="documented" select="$p:odd//tei:elementSpec[@ident = 'gap']//tei:attDef[@ident = 'reason']//tei:valItem[@ident]"/>
        <xsl:variable name="codes" select="if ($documented) then $documented/@ident/string()
          else ('closed-foi', 'retained-3-4', 'temporarily-retained', 'missing-at-transfer', 'number-not-used', 'missing-tna', 'put-in-place-tna')"/>
        <xsl:for-each select="$codes[not(. = ('redacted', 'illegible', 'ocr-repetition'))]">
          <dt><xsl:value-of select="p:reason-label(.)"/></dt>
          <dd><xsl:value-of select="p:reason-words(.)"/></dd>
        </xsl:for-each>
      </dl>
    </section>
  </xsl:template>

  <!-- What a closure reason means, in words: the ODD's description, its markup names left out. -->
  <xsl:function name="p:reason-words" as="xs:string">
    <xsl:param name="reason" as="xs:string"/>
    <xsl:variable name="text" select="normalize-space(string-join(p:reason-item($reason)/tei:desc[1]/node()[not(self::tei:gi or self::tei:att or self::tei:val or self::tei:code or self::tei:tag or self::tei:ident)]
      ! (if (self::tei:q) then '“' || string(.) || '”' else string(.))))"/>
    <xsl:sequence select="if ($text) then replace(replace($text, '\s+([,.;:)])', '$1'), '\(\s*\)', '') else 'As the card states.'"/>
  </xsl:function>

  <!-- ========================================================= back matter -->

  <xsl:template name="p:withheld-list">
    <xsl:param name="documents" as="element(tei:div)*"/>
    <section class="back" id="print:withheld" aria-labelledby="print:withheld-h">
      <h2 id="print:withheld-h">Withheld documents</h2>
      <xsl:choose>
        <xsl:when test="empty($documents)"><p>No document of this edition is withheld.</p></xsl:when>
        <xsl:otherwise>
          <!-- one entry a document, its facts as text: a table (six cells a row) would take longer to
               typeset than the rest of the back matter together -->
          <ol class="withheld-list">
            <xsl:for-each select="$documents">
              <xsl:variable name="gap" select="(.//tei:gap[@unit = 'document'])[1]"/>
              <xsl:variable name="facts" select="$gap ! c:gap-facts(.)"/>
              <li>
                <xsl:value-of select="string-join((
                  p:file-label(root(.)/tei:TEI) || ', no. ' || p:doc-number(.) || (p:page(p:doc-id(.))[.] ! (', page ' || .)) || '.',
                  string-join((p:reason-label($gap/@reason),
                    ($facts?basis, if ($gap/@reason = 'temporarily-retained') then 'Public Records Act 1958, section 3(4)' else ())[1],
                    $facts?date-label[.] ! ('card dated ' || .)), '; ') || '.',
                  $facts?extract[normalize-space()] ! ('Extract details: ' || normalize-space(.) || '.')), ' ')"/>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The most frequent of several spellings (the first of equally frequent ones). -->
  <xsl:function name="p:usual-form" as="xs:string">
    <xsl:param name="forms" as="xs:string*"/>
    <xsl:variable name="counts" select="for $f in distinct-values($forms) return count($forms[. = $f])"/>
    <xsl:sequence select="distinct-values($forms)[index-of($counts, max($counts))[1]]"/>
  </xsl:function>

  <xsl:template name="p:correspondents">
    <xsl:param name="documents" as="element(tei:div)*"/>
    <xsl:variable name="entries" as="element(p:entry)*">
      <xsl:for-each select="$documents">
        <xsl:variable name="div" select="."/>
        <xsl:for-each select="c:corresp(.)/tei:correspAction[@type = ('sent', 'received')]/(tei:persName | tei:orgName | tei:name)[normalize-space()]">
          <p:entry key="{p:index-label(.)}" group="{p:index-group(.)}" sort="{p:index-sort(.)}"
                   role="{if (parent::tei:correspAction/@type = 'sent') then 'from' else 'to'}"
                   doc="{p:doc-id($div)}" heading="{p:doc-heading($div)}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <section class="back" id="print:correspondents" aria-labelledby="print:correspondents-h">
      <h2 id="print:correspondents-h">Index of correspondents</h2>
      <p class="index-note">Senders and addressees of the documents, with the pages on which the documents begin; people and offices the edition identifies are given under their standard names, others as the documents name them.</p>
      <xsl:choose>
        <xsl:when test="empty($entries)"><p>No document of this edition names its sender or addressee.</p></xsl:when>
        <xsl:otherwise>
          <ol class="index">
            <!-- one entry for a person (an organisation, a place) of the registers, under the standard name,
                 however the documents write it; else one for the forms of a name that differ only in case,
                 full stops or spacing -->
            <xsl:for-each-group select="$entries" group-by="@group">
              <xsl:sort select="current-group()[1]/@sort"/>
              <xsl:sort select="current-grouping-key()"/>
              <li>
                <xsl:value-of select="p:typography(p:usual-form(current-group()/@key), ' ')"/>
                <xsl:for-each-group select="current-group()" group-by="@role">
                  <xsl:sort select="current-grouping-key()"/>
                  <xsl:text> </xsl:text>
                  <span class="role"><xsl:value-of select="current-grouping-key()"/></span>
                  <xsl:text> </xsl:text>
                  <!-- plain text: an element (a link) for each number would make the index the slowest pages of
                       the book to typeset, by far -->
                  <xsl:value-of select="string-join(distinct-values(current-group() ! p:page(@doc)), ', ')"/>
                </xsl:for-each-group>
              </li>
            </xsl:for-each-group>
          </ol>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
