<?xml version="1.0" encoding="UTF-8"?>
<!-- Small functions of the web edition: safe tokens for classes and URLs, ids, hands. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:w="urn:x-pmo:web"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- A source value as a class-name token ("x" when it is not a plain token). -->
  <xsl:function name="w:token" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="if (matches(string($value), '^[A-Za-z][A-Za-z0-9\-]{0,40}$')) then string($value) else 'x'"/>
  </xsl:function>

  <!-- Each plain token of a source attribute, with a prefix: " rend-strikethrough". -->
  <xsl:function name="w:tokens" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($value), ' ')[matches(., '^[A-Za-z][A-Za-z0-9\-]{0,40}$')][position() le 5] ! ($prefix || .))"/>
  </xsl:function>

  <!-- Whether a text node ends a line with a hyphenated word: "UNDER-" + lb + "STAND". -->
  <xsl:function name="w:hyphen-before-lb" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <!-- cheapest test first -->
    <xsl:sequence select="$node instance of text() and $node/following-sibling::node()[1] instance of element(tei:lb)
        and contains($node, '-') and w:ends-hyphenated(string($node))
        and matches(string($node/following-sibling::node()[2][self::text()]), '^\s*\p{L}')"/>
  </xsl:function>

  <!-- Whether a text ends in a letter and a hyphen (then only white space): matches($text, '\p{L}-\s*$') without the
       regular expression on the whole text (Saxon's costs some thousands of instructions a character). -->
  <xsl:function name="w:ends-hyphenated" as="xs:boolean">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="words" as="xs:string" select="normalize-space($text)"/>
    <xsl:sequence select="ends-with($words, '-') and matches(substring($words, string-length($words) - 1, 1), '\p{L}')"/>
  </xsl:function>

  <!-- The text before a hyphen at its end (and the white space after it), for a text w:ends-hyphenated says so
       of: replace($text, '-\s*$', ''), the regular expression on the text's last 64 characters only (the whole
       text when they are all white space). -->
  <xsl:function name="w:unhyphenated" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="cut" as="xs:integer" select="max((0, string-length($text) - 64))"/>
    <xsl:variable name="tail" as="xs:string" select="substring($text, $cut + 1)"/>
    <xsl:sequence select="if (normalize-space($tail)) then substring($text, 1, $cut) || replace($tail, '-\s*$', '')
                          else replace($text, '-\s*$', '')"/>
  </xsl:function>

  <!-- A lang attribute from xml:lang, when it is a well-formed language tag. -->
  <xsl:function name="w:lang" as="attribute()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:if test="matches(string($tei/@xml:lang), '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$')">
      <xsl:attribute name="lang" select="$tei/@xml:lang"/>
    </xsl:if>
  </xsl:function>

  <!-- An ISO date or date-time from the source as a valid HTML datetime value, or nothing. -->
  <xsl:function name="w:html-datetime" as="xs:string?">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:variable name="w" as="xs:string" select="normalize-space($when)"/>
    <xsl:sequence select="if ($w castable as xs:date and matches($w, '^\d{4}-\d\d-\d\d$')
                              or $w castable as xs:gYearMonth and matches($w, '^\d{4}-\d\d$')
                              or $w castable as xs:gYear and matches($w, '^\d{4}$')
                              or $w castable as xs:dateTime and matches($w, '^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+\-]\d\d:\d\d)?$'))
                          then $w else ()"/>
  </xsl:function>

  <!-- A document's key, used in its URL and ids: its xml:id when safe, else FILE-dN. -->
  <xsl:function name="w:doc-key" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:sequence select="if (matches(string($div/@xml:id), '^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,120}$'))
                          then string($div/@xml:id)
                          else $file || '-d' || (count($div/preceding-sibling::tei:div) + 1)"/>
  </xsl:function>

  <!-- A file's key, from the TEI file's name (given by the caller, already safe). -->
  <xsl:function name="w:file-key" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="if (matches($name, '^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,120}$')) then $name else 'file'"/>
  </xsl:function>

  <!-- Passages (what search results link to) are numbered within their document. -->
  <xsl:accumulator name="w:passage" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:body/tei:div" select="0"/>
    <xsl:accumulator-rule match="tei:body/tei:div//(tei:p | tei:ab | tei:head | tei:item | tei:cell | tei:dateline
                                 | tei:salute | tei:signed | tei:byline | tei:address | tei:trailer | tei:gap[@unit = 'document']
                                 | tei:note[@type = 'annotation'])"
                          select="$value + 1"/>
  </xsl:accumulator>

  <xsl:variable name="w:passage-names" as="xs:string*"
      select="('p', 'ab', 'head', 'item', 'cell', 'dateline', 'salute', 'signed', 'byline', 'address', 'trailer')"/>

  <!-- Whether an element of the text is a passage (the blocks search results link to). -->
  <xsl:function name="w:is-passage" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="namespace-uri($tei) eq 'http://www.tei-c.org/ns/1.0'
                          and (local-name($tei) = $w:passage-names
                               or $tei/self::tei:gap/@unit = 'document' or $tei/self::tei:note/@type = 'annotation')"/>
  </xsl:function>

  <!-- The outermost passages inside an element (a document), in document order. -->
  <xsl:function name="w:outer-passages" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:for-each select="$tei/*">
      <xsl:sequence select="if (w:is-passage(.)) then . else w:outer-passages(.)"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The numbers of a document's passages (as the accumulator w:passage counts them), by generate-id(): made once
       per document, for its search records and for its page, whose rules get it as the tunnel parameter w:numbers;
       a number is looked up in a map, not in the accumulator (which Saxon computes over the whole file, header and
       registers included). -->
  <xsl:function name="w:passage-numbers" as="map(xs:string, xs:integer)">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="passages" as="element()*" select="$div/descendant::*[w:is-passage(.)]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($passages) return map{generate-id($passages[$i]): $i})"/>
  </xsl:function>

  <!-- A passage's id: its number in $numbers (w:passage-numbers), else from the accumulator. -->
  <xsl:function name="w:passage-number" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="numbers" as="map(xs:string, xs:integer)"/>
    <xsl:sequence select="'p' || ($numbers(generate-id($tei)), $tei/accumulator-before('w:passage'))[1]"/>
  </xsl:function>

  <xsl:function name="w:passage-id" as="attribute()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="numbers" as="map(xs:string, xs:integer)"/>
    <xsl:if test="w:is-passage($tei) and exists($tei/ancestor::tei:body)">
      <xsl:attribute name="id" select="w:passage-number($tei, $numbers)"/>
    </xsl:if>
  </xsl:function>

  <!-- Page breaks and notes are numbered within their document. -->
  <xsl:accumulator name="w:page" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:body/tei:div" select="0"/>
    <xsl:accumulator-rule match="tei:pb" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="w:note" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:body/tei:div" select="0"/>
    <xsl:accumulator-rule match="tei:note[not(@type = 'annotation')]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:key name="w:pb-label" match="tei:pb" use="normalize-space(@n)"/>

  <xsl:function name="w:page-id" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <!-- named by the page label ("page-3") when that is a plain token and no other page break of the
         document has it; else by its number among the document's pages -->
    <xsl:variable name="n" as="xs:string" select="normalize-space($pb/@n)"/>
    <xsl:variable name="doc" as="node()" select="($pb/ancestor::tei:div[@xml:id][1], root($pb))[1]"/>
    <xsl:sequence select="if (matches($n, '^[A-Za-z0-9][A-Za-z0-9._\-]{0,30}$')
                              and count(key('w:pb-label', $n, $doc)) eq 1)
                          then 'page-' || $n else 'page-at-' || $pb/accumulator-before('w:page')"/>
  </xsl:function>

  <xsl:function name="w:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string($note/accumulator-before('w:note'))"/>
  </xsl:function>

  <!-- The hands of the file being rendered, in header order; each gets one of eight styles. -->
  <xsl:variable name="w:hand-ids" as="xs:string*" select="c:hands(/) ! string(@xml:id)"/>

  <xsl:function name="w:hand-class" as="xs:string">
    <xsl:param name="hand" as="xs:string"/>
    <xsl:variable name="at" as="xs:integer?" select="index-of($w:hand-ids, $hand)[1]"/>
    <xsl:sequence select="if ($hand eq $c:default-hand) then 'hand-default'
                          else if (exists($at)) then 'hand-' || (($at - 1) mod 8 + 1)
                          else 'hand-unknown'"/>
  </xsl:function>

  <xsl:function name="w:hand-label" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="hand" as="xs:string"/>
    <xsl:sequence select="c:hand-label((c:hands($context)[@xml:id = $hand])[1], $hand)"/>
  </xsl:function>

  <!-- The register entry (person, org or place in the file's standOff) a name's @ref points at, if any
       (see REGISTERS.md: @ref="#per-…", the entry embedded in the same file). -->
  <xsl:function name="w:register-entry" as="element()?">
    <xsl:param name="name" as="attribute()?"/>
    <xsl:variable name="id" as="xs:string?" select="(tokenize(normalize-space($name), ' ')[starts-with(., '#')])[1] ! substring(., 2)"/>
    <xsl:sequence select="if ($id) then key('c:id', $id, root($name))[self::tei:person | self::tei:org | self::tei:place][ancestor::tei:standOff][1] else ()"/>
  </xsl:function>

  <!-- A person or organisation as the edition keys it: the register id ('' when the name has none), the
       standard name (else the name as written), and the sort key (@sortKey, else that name). -->
  <xsl:function name="w:party" as="map(*)">
    <xsl:param name="entry" as="element()?"/>
    <xsl:param name="written" as="xs:string"/>
    <xsl:variable name="standard" as="xs:string?"
        select="($entry/(tei:persName | tei:orgName | tei:placeName)[@type = 'standard'], $entry/(tei:persName | tei:orgName | tei:placeName))[1] ! normalize-space(.)[.]"/>
    <xsl:variable name="name" as="xs:string" select="($standard, $written)[1]"/>
    <xsl:sequence select="map{'id': string($entry/@xml:id), 'name': $name, 'sort': string(($entry/@sortKey[normalize-space()], $name)[1])}"/>
  </xsl:function>

</xsl:stylesheet>
