<?xml version="1.0" encoding="UTF-8"?>
<!-- The last pass over an archival file's part, on the paged HTML (mode p:finish): what can only be
     decided once the text around a point is known.

     - A line break of the original (p:lb) is a space in the reading text; at a hyphenated line end
       (p:lb join="yes") the hyphen goes and the word is joined.
     - A note anchored to a passage that is wholly deleted (a block holding nothing but its notes)
       sits at the end of the preceding text of the document (at the start of the following text
       when nothing precedes it), never on a line of its own.
     - No space before a note's number: "With⁸ warm", not "With ⁸ warm".
     - A paragraph split by a page break of the original is one paragraph with the page marked.
     - Typewriter quotes and apostrophes become typographic ones (“ ” ‘ ’): the convention the
       introduction states.
     - Initials stay with each other and with the name they belong to ("M. S. Gorbachev", "J S Wall"):
       the spaces between them do not break. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:p="urn:pipeline:print"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:mode name="p:finish" on-no-match="shallow-copy"/>

  <!-- Whether an element is a note's number and nothing else: a block whose every written character is in notes. -->
  <xsl:function name="p:notes-only" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::h:p or self::h:li or self::h:span[tokenize(@class) = ('address', 'dateline', 'salute', 'signature', 'byline', 'phrases', 'subject', 'notes-only')]])
      and exists($e//h:span[contains-token(@class, 'note')])
      and empty($e//text()[normalize-space()][not(ancestor::h:span[contains-token(@class, 'note')])])"/>
  </xsl:function>

  <!-- The reading text of the document around a point: text nodes in div.text, notes apart. -->
  <xsl:function name="p:text-before" as="text()?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/preceding::text()[normalize-space()][not(ancestor::h:span[contains-token(@class, 'note')])]
      [ancestor::h:div[contains-token(@class, 'text')] intersect $e/ancestor::h:div[contains-token(@class, 'text')]][1]"/>
  </xsl:function>
  <xsl:function name="p:text-after" as="text()?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/following::text()[normalize-space()][not(ancestor::h:span[contains-token(@class, 'note')])]
      [not(ancestor::*[p:notes-only(.)])]
      [ancestor::h:div[contains-token(@class, 'text')] intersect $e/ancestor::h:div[contains-token(@class, 'text')]][1]"/>
  </xsl:function>

  <xsl:key name="p:notes-after" match="*[p:notes-only(.)][not(ancestor::*[p:notes-only(.)])]" use="p:text-before(.) ! generate-id(.)"/>
  <xsl:key name="p:notes-before" match="*[p:notes-only(.)][not(ancestor::*[p:notes-only(.)])][empty(p:text-before(.))]"
           use="p:text-after(.) ! generate-id(.)"/>

  <!-- A block of notes only: moved (see the keys); kept where it is only when the document has no text at all. -->
  <xsl:template match="*[p:notes-only(.)][not(ancestor::*[p:notes-only(.)])]" mode="p:finish" priority="3">
    <xsl:if test="empty(p:text-before(.)) and empty(p:text-after(.))">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>

  <!-- A paragraph that the original's page break split (the TEI ends it at the page's foot) is one
       paragraph, the page marked where it turns: a paragraph followed by a page mark and a paragraph
       that continues its sentence (it begins in lower case, or the first ends without a stop). -->
  <xsl:function name="p:continued-by" as="element()?">
    <xsl:param name="para" as="element()"/>
    <xsl:variable name="mark" select="$para[self::h:p][not(@class) or @class = 'phrases']/following-sibling::*[1][self::h:p[@class = 'pb-line']]"/>
    <xsl:variable name="next" select="$mark/following-sibling::*[1][self::h:p][not(@class) or @class = 'phrases']"/>
    <xsl:variable name="end" select="normalize-space(string-join($para//text()[not(ancestor::h:span[contains-token(@class, 'note')])]))"/>
    <xsl:variable name="start" select="normalize-space(string-join($next//text()[not(ancestor::h:span[contains-token(@class, 'note')])]))"/>
    <xsl:sequence select="$next[matches($start, '^\p{Ll}') or (matches($end, '[\p{L},\-]$') and matches($start, '^\p{L}'))]"/>
  </xsl:function>

  <xsl:template match="h:p[exists(p:continued-by(.))][not(preceding-sibling::*[2][self::h:p][exists(p:continued-by(.))])]" mode="p:finish" priority="2">
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="p:finish"/>
      <xsl:call-template name="p:joined">
        <xsl:with-param name="para" select="."/>
      </xsl:call-template>
    </xsl:copy>
  </xsl:template>

  <!-- The content of a paragraph and of those continuing it, each page mark between. -->
  <xsl:template name="p:joined">
    <xsl:param name="para" as="element()"/>
    <xsl:apply-templates select="$para/node()" mode="p:finish"/>
    <xsl:variable name="next" select="p:continued-by($para)"/>
    <xsl:if test="$next">
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="$para/following-sibling::*[1]/node()" mode="p:finish"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="p:joined">
        <xsl:with-param name="para" select="$next"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- the page mark and the continuation, printed inside the paragraph they continue -->
  <xsl:template match="h:p[@class = 'pb-line'][preceding-sibling::*[1][self::h:p][exists(p:continued-by(.))]]" mode="p:finish" priority="2"/>
  <xsl:template match="h:p[preceding-sibling::*[2][self::h:p][exists(p:continued-by(.))]][preceding-sibling::*[1][self::h:p[@class = 'pb-line']]]" mode="p:finish" priority="2.5"/>

  <xsl:template match="p:lb" mode="p:finish">
    <xsl:if test="not(@join = 'yes')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="text()" mode="p:finish">
    <xsl:variable name="next" select="following::node()[not(self::p:lb[not(@join = 'yes')])][1]"/>
    <xsl:variable name="joined" select="exists(following::node()[1][self::p:lb[@join = 'yes']])"/>
    <xsl:variable name="before-note" select="exists($next[self::h:span[contains-token(@class, 'note')]]) and not(ancestor::h:span[contains-token(@class, 'note')])"/>
    <xsl:variable name="text" select="if ($joined) then replace(., '-\s*$', '') else if ($before-note) then replace(., '\s+$', '') else string(.)"/>
    <xsl:sequence select="key('p:notes-before', generate-id())/p:notes(.)"/>
    <xsl:value-of select="p:typography($text, substring(string(preceding::text()[1]), string-length(string(preceding::text()[1]))))"/>
    <xsl:sequence select="key('p:notes-after', generate-id())/p:notes(.)"/>
  </xsl:template>

  <!-- The notes of a block of notes only, finished. -->
  <xsl:function name="p:notes" as="node()*">
    <xsl:param name="block" as="element()"/>
    <xsl:apply-templates select="$block//h:span[contains-token(@class, 'note')][not(ancestor::h:span[contains-token(@class, 'note')])]" mode="p:finish"/>
  </xsl:function>

  <!-- Typographic quotes and apostrophes, and no break inside initials-and-name; $before is the
       character before the text (the end of the preceding text node), for a quote at its start. -->
  <xsl:function name="p:typography" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="before" as="xs:string"/>
    <xsl:variable name="open" select="'(^|[\s(\[&#x2014;&#x2013;/&#xA0;])'"/>
    <xsl:variable name="quoted" select="if (matches($text, '[''&quot;]')) then
      substring(replace(replace(replace(replace(($before, ' ')[.][1] || $text,
        $open || '&quot;', '$1“'), '&quot;', '”'), $open || '''', '$1‘'), '''', '’'), 2)
      else $text"/>
    <xsl:variable name="initial" select="'(^|[\s(&#xA0;])(\p{Lu}\.?) (\p{Lu})'"/>
    <xsl:sequence select="if (matches($quoted, '\p{Lu}\.? \p{Lu}')) then
      replace(replace($quoted, $initial, '$1$2&#xA0;$3'), $initial, '$1$2&#xA0;$3') else $quoted"/>
  </xsl:function>
</xsl:stylesheet>
