<?xml version="1.0" encoding="UTF-8"?>
<!-- Metadata: what the header says about each document (dates, correspondents, classification,
     archival reference, hands) and the labels both editions show for codes. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    exclude-result-prefixes="#all">

  <xsl:key name="c:id" match="*[@xml:id]" use="string(@xml:id)"/>
  <xsl:key name="c:corresp-of" match="tei:correspDesc[@corresp]" use="tokenize(normalize-space(@corresp), ' ')"/>
  <xsl:key name="c:item-of" match="tei:msItem[@corresp]" use="tokenize(normalize-space(@corresp), ' ')"/>

  <!-- The documents of a TEI file: the divisions of its body. -->
  <xsl:function name="c:documents" as="element(tei:div)*">
    <xsl:param name="tei" as="node()"/>
    <xsl:sequence select="root($tei)/tei:TEI/tei:text/tei:body/tei:div"/>
  </xsl:function>

  <!-- The correspDesc describing a document (by its decls, or pointing at it by corresp). -->
  <xsl:function name="c:corresp" as="element(tei:correspDesc)?">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="by-decls" as="element()*"
        select="for $t in tokenize(normalize-space($div/@decls), ' ')[starts-with(., '#')]
                return key('c:id', substring($t, 2), root($div))[self::tei:correspDesc]"/>
    <xsl:sequence select="($by-decls, key('c:corresp-of', '#' || $div/@xml:id, root($div)))[1]"/>
  </xsl:function>

  <!-- A document's type as a label: Letter, Telegram, Withheld document… -->
  <xsl:function name="c:doc-type-label" as="xs:string">
    <xsl:param name="type" as="xs:string?"/>
    <xsl:sequence select="(map{'letter': 'Letter', 'minute': 'Minute', 'telegram': 'Telegram', 'draft': 'Draft',
                                'form': 'Form', 'closureCard': 'Withheld document', 'note': 'Note',
                                'memorandum': 'Memorandum', 'enclosure': 'Enclosure'}(string($type)),
                           if ($type) then upper-case(substring($type, 1, 1)) || substring($type, 2) else 'Document')[1]"/>
  </xsl:function>

  <!-- The people and offices of one correspondence action, e.g. "J S Wall (Foreign and Commonwealth Office)". -->
  <xsl:function name="c:party" as="xs:string*">
    <xsl:param name="action" as="element(tei:correspAction)*"/>
    <xsl:for-each select="$action">
      <xsl:variable name="people" as="xs:string*" select="(tei:persName | tei:name) ! normalize-space(.)[.]"/>
      <xsl:variable name="offices" as="xs:string*" select="tei:orgName ! normalize-space(.)[.]"/>
      <xsl:sequence select="if (exists($people) and exists($offices)) then string-join($people, ', ') || ' (' || string-join($offices, ', ') || ')'
                            else if (exists($people)) then string-join($people, ', ')
                            else $offices ! string(.)"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="c:senders" as="xs:string*">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="c:party(c:corresp($div)/tei:correspAction[@type = 'sent'])"/>
  </xsl:function>

  <xsl:function name="c:addressees" as="xs:string*">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="c:party(c:corresp($div)/tei:correspAction[@type = 'received'])"/>
  </xsl:function>

  <!-- The document's classification (SECRET, CONFIDENTIAL…), if it has one. -->
  <xsl:function name="c:classification" as="xs:string?">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="(c:corresp($div)/tei:note[@type = 'classification'] ! normalize-space(.)[.])[1]"/>
  </xsl:function>

  <!-- The document's date in ISO form (when it was sent, else its dateline), or nothing. -->
  <xsl:function name="c:doc-date" as="xs:string?">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="(c:corresp($div)/tei:correspAction[@type = 'sent']/tei:date/@when,
                           $div//tei:dateline//tei:date/@when)[matches(., '^\d{4}')][1] ! string(.)"/>
  </xsl:function>

  <!-- The year of an ISO date, or nothing. -->
  <xsl:function name="c:year" as="xs:string?">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:sequence select="if (matches(string($when), '^\d{4}')) then substring($when, 1, 4) else ()"/>
  </xsl:function>

  <!-- An ISO date, date-time, year-month or year as a reader writes it: "21 December 1988". -->
  <xsl:function name="c:format-date" as="xs:string">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:variable name="w" as="xs:string" select="normalize-space($when)"/>
    <xsl:sequence select="
      if ($w castable as xs:date) then c:day-month-year(xs:date($w))
      else if ($w castable as xs:dateTime) then
        format-dateTime(xs:dateTime($w), '[D] [MNn] [Y], [H01]:[m01]', 'en', (), ())
        || (if (ends-with($w, 'Z')) then ' GMT' else '')
      else if ($w castable as xs:gYearMonth) then substring-after(c:day-month-year(xs:date($w || '-01')), ' ')
      else $w"/>
  </xsl:function>

  <!-- format-date($date, '[D] [MNn] [Y]', 'en'), spelled out: format-date costs some 20 µs a call in Saxon. -->
  <xsl:variable name="c:months" as="xs:string+" select="('January', 'February', 'March', 'April', 'May', 'June', 'July',
      'August', 'September', 'October', 'November', 'December')"/>
  <xsl:function name="c:day-month-year" as="xs:string">
    <xsl:param name="date" as="xs:date"/>
    <xsl:sequence select="day-from-date($date) || ' ' || $c:months[month-from-date($date)] || ' ' || year-from-date($date)"/>
  </xsl:function>

  <!-- A document's title: "Letter from J S Wall to C D Powell", "Withheld document: T 2/89 PM + US President 2 Jan 89". -->
  <xsl:function name="c:doc-title" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <!-- the editors' title the converter gives each document (msContents/msItem), else one made here -->
    <xsl:variable name="editorial" as="xs:string?" select="(key('c:item-of', '#' || $div/@xml:id, root($div))/tei:title
        ! normalize-space(.)[.])[1]"/>
    <xsl:sequence select="if (exists($editorial)) then $editorial else c:made-title($div)"/>
  </xsl:function>

  <!-- How a related document is related, in words: draft-of is "Draft of", prev "In reply to". -->
  <xsl:function name="c:relation-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="(map{'draft-of': 'Draft of', 'has-draft': 'Draft at', 'copy-of': 'Another copy of',
        'has-copy': 'Another copy at', 'prev': 'In reply to', 'next': 'Answered by'}($type), $type)[1]"/>
  </xsl:function>

  <xsl:function name="c:made-title" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="type" as="xs:string" select="c:doc-type-label($div/@type)"/>
    <xsl:variable name="from" as="xs:string*" select="c:senders($div)"/>
    <xsl:variable name="to" as="xs:string*" select="c:addressees($div)"/>
    <xsl:variable name="extract" as="xs:string?" select="($div//tei:gap[@unit = 'document']//tei:title[@type = 'extract'] ! normalize-space(.)[.])[1]"/>
    <xsl:sequence select="
      if (c:is-withheld($div)) then 'Withheld document' || (if ($extract) then ': ' || $extract else '')
      else $type
        || (if (exists($from)) then ' from ' || string-join($from, ' and ') else '')
        || (if (exists($to)) then ' to ' || string-join($to, ' and ') else '')
        || (if (empty(($from, $to))) then
              (($div/tei:head, $div//tei:ab[@type = 'subject'], $div//tei:head)[1] ! c:line-text(.)[.] ! (': ' || .),
               c:opening-words($div) ! (': “' || . || '”'),
               ' ' || $div/@n)[1]
            else '')"/>
  </xsl:function>

  <!-- An element's text on one line: a line break reads as a space (a head on two lines is one title). -->
  <xsl:function name="c:line-text" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($element//(text() | tei:lb) ! (if (self::tei:lb) then ' ' else string(.)), ''))"/>
  </xsl:function>

  <!-- The first words of a document's text (its final reading), to name a document nothing else names. -->
  <xsl:function name="c:opening-words" as="xs:string?">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="text" as="xs:string" select="normalize-space(string-join(
        ($div//tei:p)[1]//text()[not(ancestor::tei:del | ancestor::tei:fw | ancestor::tei:note | ancestor::tei:orig)], ''))"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize($text, ' ')[. ne '']"/>
    <xsl:sequence select="if (empty($words)) then ()
                          else string-join(subsequence($words, 1, 8), ' ') || (if (count($words) gt 8) then '…' else '')"/>
  </xsl:function>

  <!-- Whether the document is withheld (a closure card stands in its place). -->
  <xsl:function name="c:is-withheld" as="xs:boolean">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="$div/@type = 'closureCard' or exists($div/tei:gap[@unit = 'document'])"/>
  </xsl:function>

  <!-- The archival reference of a file: "PREM 19/2182". -->
  <xsl:function name="c:reference" as="xs:string?">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="ms" as="element(tei:msIdentifier)?" select="(root($tei)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msIdentifier)[1]"/>
    <xsl:variable name="collection" as="xs:string?" select="($ms/tei:collection ! normalize-space(.)[.])[1]"/>
    <xsl:variable name="piece" as="xs:string?" select="($ms/tei:idno[@type = 'piece'] ! normalize-space(.)[.], $ms/tei:idno[not(@type)] ! normalize-space(.)[.])[1]"/>
    <xsl:variable name="full" as="xs:string?" select="($ms/tei:idno[@type = 'reference'] ! normalize-space(.)[.])[1]"/>
    <xsl:sequence select="if ($full) then $full else if ($collection and $piece) then $collection || '/' || $piece else ($collection, $piece)[1]"/>
  </xsl:function>

  <!-- The hands declared in a file's header. -->
  <xsl:function name="c:hands" as="element(tei:handNote)*">
    <xsl:param name="tei" as="node()"/>
    <xsl:sequence select="root($tei)/tei:TEI/tei:teiHeader/tei:profileDesc/tei:handNotes/tei:handNote[@xml:id]"/>
  </xsl:function>

  <!-- The ids of the hands a document uses, the default hand first (when the file declares it). -->
  <xsl:function name="c:hands-in" as="xs:string*">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="distinct-values((c:hands($div)[@xml:id = $c:default-hand] ! string(@xml:id),
                                           $div//tei:handShift/@new ! c:hand-id(.)))[.]"/>
  </xsl:function>

  <!-- A hand's short name: "Typescript", "C. D. Powell", "An unidentified hand". -->
  <xsl:function name="c:hand-label" as="xs:string">
    <xsl:param name="note" as="element(tei:handNote)?"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="
      if ($note/tei:persName) then normalize-space($note/tei:persName[1])
      else if ($note and normalize-space($note)) then normalize-space($note) ! (if (ends-with(., '.')) then substring(., 1, string-length(.) - 1) else .)
      else if ($id eq 'typescript') then 'Typescript'
      else $id"/>
  </xsl:function>

  <!-- The label of a page break: "Page 2", or "Page" when unnumbered. -->
  <xsl:function name="c:page-label" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="'Page' || (normalize-space($pb/@n)[.] ! (' ' || .))"/>
  </xsl:function>

  <!-- The label of a gap's reason: the closure reasons of The National Archives' cards, and the rest. -->
  <xsl:function name="c:reason-label" as="xs:string">
    <xsl:param name="reason" as="xs:string?"/>
    <xsl:sequence select="(map{
        'closed-foi': 'Closed under FOI exemption',
        'retained-3-4': 'Retained under section 3(4) of the Public Records Act 1958',
        'temporarily-retained': 'Temporarily retained',
        'missing-at-transfer': 'Missing at transfer',
        'number-not-used': 'Number not used',
        'missing-tna': 'Missing (TNA use only)',
        'put-in-place-tna': 'Document put in place (TNA use only)',
        'redacted': 'Redacted',
        'illegible': 'Illegible',
        'ocr-repetition': 'Repeated OCR text omitted'
      }(string($reason)), if ($reason) then replace($reason, '-', ' ') else 'Not transcribed')[1]"/>
  </xsl:function>

  <!-- The extent of a gap, e.g. "5 characters", "1 document". -->
  <xsl:function name="c:extent" as="xs:string?">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="q" as="xs:string" select="normalize-space($gap/@quantity)"/>
    <xsl:variable name="unit" as="xs:string" select="normalize-space($gap/@unit)"/>
    <xsl:variable name="name" as="xs:string" select="(map{'chars': 'character', 'char': 'character', 'lines': 'line',
        'line': 'line', 'words': 'word', 'word': 'word', 'pages': 'page', 'page': 'page', 'document': 'document',
        'documents': 'document'}($unit), $unit)[1]"/>
    <xsl:sequence select="
      if ($q and $name) then $q || ' ' || $name || (if ($q ne '1') then 's' else '')
      else if (normalize-space($gap/@extent)) then normalize-space($gap/@extent)
      else ()"/>
  </xsl:function>

  <!-- What a gap tells: see hook:gap in common.xsl for the keys. -->
  <xsl:function name="c:gap-facts" as="map(xs:string, item()*)">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="desc" as="element(tei:desc)*" select="$gap/tei:desc"/>
    <xsl:variable name="exemptions" as="xs:string*" select="$desc//tei:idno[@type = 'foi-exemption'] ! normalize-space(.)[.]"/>
    <xsl:variable name="series" as="xs:string?"
        select="($desc//tei:reg//tei:idno[@type = 'series'], $desc//tei:idno[@type = 'series'])[1] ! normalize-space(.)"/>
    <xsl:variable name="piece" as="xs:string?"
        select="($desc//tei:reg//tei:idno[@type = 'piece'], $desc//tei:idno[@type = 'piece'])[1] ! normalize-space(.)"/>
    <xsl:variable name="when" as="xs:string?" select="($desc//tei:date/@when)[1] ! string(.)"/>
    <xsl:variable name="desc-text" as="xs:string" select="normalize-space(string-join($desc, ' '))"/>
    <xsl:variable name="basis" as="xs:string?" select="
      if (exists($exemptions)) then 'FOI Act 2000, exemption' || (if (count($exemptions) gt 1) then 's ' else ' ') || string-join($exemptions, ', ')
      else if ($gap/@reason = 'retained-3-4') then 'Public Records Act 1958, section 3(4)'
      else if ($gap/@reason = 'closed-foi') then 'FOI Act 2000 (exemptions not stated on the card)'
      else if (contains(lower-case($desc-text), 'section') and matches(lower-case($desc-text), 'section\s+\d')
               and empty($desc//tei:title)) then $desc-text
      else ()"/>
    <xsl:sequence select="map{
        'reason': c:reason-label($gap/@reason),
        'reason-code': string($gap/@reason),
        'extent': c:extent($gap),
        'basis': $basis,
        'date': $when,
        'date-label': $when ! c:format-date(.),
        'extract': ($desc//tei:title[@type = 'extract'] ! normalize-space(.)[.])[1],
        'reference': if ($series) then string-join(($series, $piece), '/') else $piece,
        'description': $desc ! c:runs(., $c:default-hand)
      }"/>
  </xsl:function>

</xsl:stylesheet>
