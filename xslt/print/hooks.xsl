<?xml version="1.0" encoding="UTF-8"?>
<!-- The print edition's answers to the common layer's hooks (see xslt/common/common.xsl):
     how each role looks on the printed page.

     The page gives an edited reading text: what the writer meant the document to say at the end.
     Everything else the TEI records (deletions, additions, changes of hand and their dates,
     illegible passages, redactions, OCR repetitions, regularised readings) goes into a numbered
     note at the foot of the page (span.note, a CSS footnote), so the page reads cleanly and loses
     nothing. Handwriting is set apart (span.hand, in italic; a paragraph all in hand gets a rule). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:hook="urn:x-pmo:hook"
    xmlns:p="urn:pipeline:print"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- ================================================================ blocks -->

  <xsl:function name="hook:block" as="item()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:variable name="hand" select="if (p:all-in-hand($content)) then ' hand-block' else ''"/>
    <xsl:choose>
      <xsl:when test="$role = 'document'">
        <xsl:apply-templates select="$tei" mode="p:document">
          <xsl:with-param name="content" select="$content"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:when test="$role = 'section'">
        <!-- an id (an anchor) so that binding knows where the section begins (pipeline/print/tagging.py) -->
        <xsl:variable name="document" select="$tei/ancestor::tei:div[parent::tei:body][1]"/>
        <section class="doc-section{$tei/@type ! (' section-' || .)}">
          <xsl:if test="$document">
            <xsl:attribute name="id" select="p:doc-id($document) || ':s' || count(($tei/preceding::tei:div, $tei/ancestor::tei:div) intersect $document//tei:div) + 1"/>
          </xsl:if>
          <xsl:sequence select="$content"/>
        </section>
      </xsl:when>
      <xsl:when test="$role = 'heading'">
        <h3 class="section-head" data-bookmark="{normalize-space(string-join(($content ! (descendant-or-self::text()))[not(ancestor::h:span[contains-token(@class, 'note')])]))}"><xsl:sequence select="$content"/></h3>
      </xsl:when>
      <xsl:when test="$role = ('paragraph', 'subject', 'block')">
        <xsl:variable name="blocky" select="some $item in $content satisfies p:is-block($item)"/>
        <xsl:element name="{if ($blocky) then 'div' else p:p-or-span($tei)}">
          <!-- a paragraph wholly deleted leaves only its note's number -->
          <xsl:variable name="notes-only" select="exists($content) and empty(($content ! (descendant-or-self::text()))[normalize-space()]
            [not(ancestor::h:span[contains-token(@class, 'note')])])"/>
          <xsl:variable name="class" select="normalize-space(string-join((if ($blocky) then 'p' else (),
            if ($role = 'subject') then 'subject' else (), if ($notes-only) then 'notes-only' else (), $hand), ' '))"/>
          <xsl:if test="$class"><xsl:attribute name="class" select="$class"/></xsl:if>
          <xsl:sequence select="$content"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role = 'list'">
        <ul class="list{if ($tei/tei:label) then '' else ' unlabelled'}">
          <!-- A label is the first thing of the item it labels; anything else between items joins the next. -->
          <xsl:for-each-group select="$content[self::element()]" group-ending-with="h:li">
            <xsl:variable name="item" select="current-group()[self::h:li]"/>
            <xsl:choose>
              <!-- an item with nothing written in it (a typed line the OCR split off) is not a bare dash -->
              <xsl:when test="$item and not(normalize-space(string-join(current-group() ! string(.))) or current-group()//h:span[contains-token(@class, 'note')])"/>
              <xsl:when test="$item">
                <li><xsl:sequence select="$item/@*, current-group()[not(. is $item)]"/>
                  <!-- an unlabelled item's dash; not before an item that is only a list of its own -->
                  <xsl:if test="empty($tei/tei:label) and not(p:is-block(($item/node()[not(self::text()[not(normalize-space())])])[1]))">
                    <span class="item-label">–</span>
                  </xsl:if>
                  <xsl:sequence select="$item/node()"/></li>
              </xsl:when>
              <xsl:otherwise>
                <li class="between"><xsl:sequence select="current-group()"/></li>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each-group>
        </ul>
      </xsl:when>
      <xsl:when test="$role = 'item'"><li><xsl:sequence select="$content"/></li></xsl:when>
      <xsl:when test="$role = 'label'"><span class="item-label"><xsl:sequence select="$content"/></span></xsl:when>
      <xsl:when test="$role = 'table'">
        <table class="form"><tbody><xsl:sequence select="$content[self::h:tr]"/></tbody></table>
        <xsl:sequence select="$content[self::element()][not(self::h:tr)]"/>
      </xsl:when>
      <xsl:when test="$role = 'row'"><tr><xsl:sequence select="$content[self::h:td]"/></tr></xsl:when>
      <xsl:when test="$role = 'cell'">
        <td>
          <xsl:if test="$tei/@cols castable as xs:integer and xs:integer($tei/@cols) = 2 to 1000">
            <xsl:attribute name="colspan" select="xs:integer($tei/@cols)"/>
          </xsl:if>
          <xsl:if test="$tei/@rows castable as xs:integer and xs:integer($tei/@rows) = 2 to 1000">
            <xsl:attribute name="rowspan" select="xs:integer($tei/@rows)"/>
          </xsl:if>
          <xsl:sequence select="$content"/>
        </td>
      </xsl:when>
      <xsl:when test="$role = ('opener', 'closer', 'postscript', 'trailer')">
        <div class="{$role}"><xsl:sequence select="p:paragraphs($content)"/></div>
      </xsl:when>
      <xsl:when test="$role = 'address'">
        <xsl:element name="{p:p-or-span($tei)}">
          <xsl:attribute name="class" select="'address' || (if ($tei/parent::tei:opener and empty($tei/preceding-sibling::*[not(self::tei:pb | self::tei:fw)])) then ' letterhead' else '') || $hand"/>
          <xsl:sequence select="$content"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role = 'address-line'"><span class="line"><xsl:sequence select="$content"/></span></xsl:when>
      <xsl:when test="$role = ('dateline', 'salute', 'signature', 'byline')">
        <xsl:element name="{p:p-or-span($tei)}">
          <xsl:attribute name="class" select="$role || $hand"/>
          <xsl:sequence select="$content"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role = 'quotation'"><blockquote><xsl:sequence select="$content"/></blockquote></xsl:when>
      <xsl:otherwise>
        <div class="{$role}"><xsl:sequence select="$content"/></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Content of a block container: phrases between its blocks are gathered into paragraphs. -->
  <xsl:function name="p:paragraphs" as="item()*">
    <xsl:param name="content" as="item()*"/>
    <xsl:for-each-group select="$content" group-adjacent="p:is-block(.)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()"><xsl:sequence select="current-group()"/></xsl:when>
        <xsl:when test="normalize-space(string-join(current-group() ! string(.))) or current-group()[self::h:span[contains-token(@class, 'note')]]">
          <p class="{if (p:all-in-hand(current-group())) then 'hand-block' else 'phrases'}"><xsl:sequence select="current-group()"/></p>
        </xsl:when>
        <xsl:otherwise/>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:function>

  <!-- Whether an item of rendered content is an HTML block (may not stand inside a <p>). -->
  <xsl:function name="p:is-block" as="xs:boolean">
    <xsl:param name="item" as="item()"/>
    <xsl:sequence select="$item instance of element() and local-name($item) = ('p', 'div', 'ul', 'ol', 'dl', 'table', 'hr',
      'blockquote', 'section', 'article', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'nav', 'figure')"/>
  </xsl:function>

  <!-- True when every written character of rendered content is in a hand (span.hand), notes apart. -->
  <xsl:function name="p:all-in-hand" as="xs:boolean">
    <xsl:param name="content" as="item()*"/>
    <xsl:variable name="texts" select="$content ! (descendant-or-self::text())[normalize-space()]
      [not(ancestor::h:span[contains-token(@class, 'note')])]"/>
    <xsl:sequence select="exists($texts) and (every $t in $texts satisfies exists($t/ancestor::h:span[contains-token(@class, 'hand')]))"/>
  </xsl:function>

  <!-- A paragraph-like block as HTML allows it where it stands: <p> where blocks may stand, else a
       <span> (displayed as a block), e.g. an address inside a paragraph. -->
  <xsl:function name="p:p-or-span" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="if ($tei/parent::*[self::tei:div or self::tei:body or self::tei:opener or self::tei:closer
      or self::tei:postscript or self::tei:trailer or self::tei:item or self::tei:cell or self::tei:front
      or self::tei:back or self::tei:quote or self::tei:note[@type = 'annotation']]) then 'p' else 'span'"/>
  </xsl:function>

  <!-- Whether a TEI node stands among blocks (its parent holds blocks, not phrases). -->
  <xsl:function name="p:in-block" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/parent::*[self::tei:div or self::tei:body or self::tei:list
      or self::tei:table or self::tei:row or self::tei:front or self::tei:back or self::tei:text])"/>
  </xsl:function>

  <!-- =============================================================== phrases -->

  <xsl:function name="hook:inline" as="item()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:choose>
      <!-- Inside a substitution or a choice, the parts are handed to it, which decides what shows. -->
      <xsl:when test="$tei/parent::tei:subst and $role = ('deletion', 'addition')">
        <xsl:element name="p:{$role}"><xsl:sequence select="$content"/></xsl:element>
      </xsl:when>
      <xsl:when test="$tei/parent::tei:choice and $role = ('original', 'regularised', 'sic', 'correction', 'abbreviation', 'expansion')">
        <xsl:element name="p:{$role}"><xsl:sequence select="$content"/></xsl:element>
      </xsl:when>
      <xsl:when test="$role = 'deletion'">
        <xsl:sequence select="p:note((p:capital(p:deletion($tei/@rend)), ': ', p:mention($content), '.'))"/>
      </xsl:when>
      <xsl:when test="$role = 'addition'">
        <xsl:sequence select="$content"/>
        <xsl:sequence select="p:note((p:lemma($content), ' added ', p:place($tei/@place), p:add-hand($tei), '.'))"/>
      </xsl:when>
      <xsl:when test="$role = 'substitution'">
        <xsl:variable name="added" select="$content[self::p:addition]"/>
        <xsl:variable name="deleted" select="$content[self::p:deletion]"/>
        <xsl:sequence select="$added/node()"/>
        <xsl:sequence select="p:note((
          if (normalize-space(string-join($added))) then
            (p:lemma($added/node()), ' added ', string-join(distinct-values($tei/tei:add/p:place(@place)), ' and '),
             p:add-hand($tei/tei:add[1]), ', replacing ')
          else 'Replaced: ',
          p:mention($deleted/node()), ', ', string-join(distinct-values($tei/tei:del/p:deletion(@rend)), ' and '), '.'))"/>
      </xsl:when>
      <xsl:when test="$role = 'choice'">
        <xsl:variable name="edited" select="$content[self::p:regularised | self::p:correction | self::p:expansion][1]"/>
        <xsl:variable name="original" select="$content[self::p:original | self::p:sic | self::p:abbreviation][1]"/>
        <xsl:sequence select="($edited, $original)[1]/node()"/>
        <xsl:if test="$edited and $original">
          <xsl:sequence select="p:note((p:lemma($edited/node()), ' ',
            if ($edited/self::p:regularised) then 'regularised; the original reads'
            else if ($edited/self::p:correction) then 'corrected; the original reads' else 'expanded from',
            ' ', p:mention($original/node()), '.'))"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$role = 'unclear'">
        <xsl:choose>
          <xsl:when test="$tei/@reason = 'illegible'">
            <span class="editorial">[illegible]</span>
            <xsl:sequence select="p:note(('Illegible in the original',
              if (normalize-space(string-join($content ! string(.)))) then ('; the OCR reads ', p:mention($content)) else (), '.'))"/>
          </xsl:when>
          <xsl:otherwise>
            <span class="unclear"><xsl:sequence select="$content"/></span>
            <xsl:sequence select="p:note((p:lemma($content), ' reading uncertain',
              normalize-space($tei/@reason)[.] ! (' (' || translate(., '-', ' ') || ')'), '.'))"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$role = 'supplied'">
        <span class="editorial">[</span><xsl:sequence select="$content"/><span class="editorial">]</span>
      </xsl:when>
      <xsl:when test="$role = 'highlight'">
        <xsl:variable name="rend" select="tokenize(normalize-space($tei/@rend))"/>
        <span class="{string-join(('hi', $rend[. = ('bold', 'italic', 'underline', 'superscript', 'caps', 'smallcaps')]), ' ')}">
          <xsl:sequence select="$content"/>
        </span>
      </xsl:when>
      <xsl:when test="$role = 'segment' and $tei/parent::*[self::tei:opener or self::tei:closer]">
        <p class="routing"><xsl:sequence select="$content"/></p>
      </xsl:when>
      <xsl:when test="$role = 'quotation'">
        <xsl:text>“</xsl:text><xsl:sequence select="$content"/><xsl:text>”</xsl:text>
      </xsl:when>
      <xsl:when test="$role = 'emphasis'"><em><xsl:sequence select="$content"/></em></xsl:when>
      <xsl:when test="$role = 'foreign'">
        <i>
          <xsl:if test="matches($tei/@xml:lang, '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$')"><xsl:attribute name="lang" select="$tei/@xml:lang"/></xsl:if>
          <xsl:sequence select="$content"/>
        </i>
      </xsl:when>
      <xsl:when test="$role = 'reference' and empty($content)">
        <xsl:sequence select="c:safe-url($tei/@target)"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- names, dates, titles, identifiers, numbers…: their text, as written -->
        <xsl:sequence select="$content"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ============================================================ milestones -->

  <xsl:function name="hook:milestone" as="item()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="role" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$role = 'page-break'">
        <xsl:variable name="marker" as="element()">
          <span class="page-break"><span class="bar">|</span>p. <xsl:value-of select="(normalize-space($tei/@n)[.], '?')[1]"/></span>
        </xsl:variable>
        <xsl:sequence select="if (p:in-block($tei)) then p:wrap-p($marker, 'pb-line') else $marker"/>
      </xsl:when>
      <!-- Lines as typed only where the layout carries meaning (an address, a routing block, a
           signature, a table cell); elsewhere a line break is a space, and a hyphenated line end is
           joined (p:lb, resolved by the finishing pass, finish.xsl). -->
      <xsl:when test="$role = 'line-break'">
        <xsl:choose>
          <xsl:when test="p:in-block($tei)"/>
          <xsl:when test="$tei/ancestor::*[self::tei:address or self::tei:cell or self::tei:signed or self::tei:opener
            or self::tei:closer or self::tei:byline or self::tei:dateline or self::tei:lg or self::tei:list[@type = 'verse']]"><br/></xsl:when>
          <xsl:otherwise>
            <p:lb>
              <xsl:if test="matches(string($tei/preceding::text()[1]), '\p{L}-$') and matches(string($tei/following::text()[1]), '^\p{Ll}')">
                <xsl:attribute name="join" select="'yes'"/>
              </xsl:if>
            </p:lb>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$role = 'rule'">
        <xsl:if test="p:in-block($tei)"><hr class="rule"/></xsl:if>
      </xsl:when>
      <xsl:when test="$role = 'hand-shift'">
        <xsl:sequence select="p:hand-note($tei)"/>
      </xsl:when>
      <xsl:otherwise/>
    </xsl:choose>
  </xsl:function>

  <!-- The note on a change into a handwritten hand: whose hand, its initials, its date.
       Inside an annotation the note says so; inside an editorial note, the note itself speaks. -->
  <xsl:function name="p:hand-note" as="element()?">
    <xsl:param name="shift" as="element(tei:handShift)"/>
    <xsl:variable name="phrase" select="p:hand-phrase($shift)"/>
    <xsl:if test="exists($phrase) and empty($shift/ancestor::tei:note[not(@type = 'annotation')])">
      <xsl:sequence select="p:note((if ($shift/ancestor::tei:note) then ('Annotation, ', $phrase) else (p:capital(string($phrase[1])), subsequence($phrase, 2)), '.'), 'hand-note')"/>
    </xsl:if>
  </xsl:function>

  <!-- "handwritten, in the hand of C. D. Powell, initialled CDP, dated 21 December 1988", or nothing
       for a shift back to the typescript. -->
  <xsl:function name="p:hand-phrase" as="item()*">
    <xsl:param name="shift" as="element(tei:handShift)"/>
    <xsl:variable name="id" select="c:hand-id($shift/@new)"/>
    <xsl:variable name="note" select="c:hands($shift)[@xml:id = $id][1]"/>
    <xsl:if test="$id ne $c:default-hand and not($note/@script = ('typewritten', 'printed'))">
      <xsl:variable name="document" select="$shift/ancestor::tei:div[parent::tei:body][1]"/>
      <xsl:variable name="next" select="($shift/following::tei:handShift intersect $document//tei:handShift)[1]"/>
      <xsl:variable name="passage" select="($document//tei:* intersect $shift/following::tei:*)[empty($next) or . &lt;&lt; $next]"/>
      <xsl:variable name="initials" select="$passage[self::tei:name[@type = 'initials']][1]"/>
      <xsl:variable name="date" select="$passage[self::tei:date][1]"/>
      <xsl:sequence select="'handwritten, ',
        if ($note/tei:persName) then 'in the hand of ' || normalize-space($note/tei:persName[1])
        else if ($id = 'hand-unidentified' or $note/@script = 'handwritten') then 'in an unidentified hand'
        else 'in the hand ' || c:hand-label($note, $id),
        if ($initials) then (', initialled ', p:mention(string($initials))) else (),
        if ($date/@when) then ', dated ' || c:format-date($date/@when) else if ($date) then ', dated ' || normalize-space($date) else ()"/>
    </xsl:if>
  </xsl:function>

  <!-- =========================================================== forme work -->

  <!-- Running heads, catchwords and page numbers of the original are not part of the reading text;
       the document heading gives the classification. -->
  <xsl:function name="hook:forme-work" as="item()*">
    <xsl:param name="tei" as="element(tei:fw)"/>
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:sequence select="()"/>
  </xsl:function>

  <!-- ================================================================== gaps -->

  <xsl:function name="hook:gap" as="item()*">
    <xsl:param name="tei" as="element(tei:gap)"/>
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="facts" as="map(xs:string, item()*)"/>
    <xsl:choose>
      <xsl:when test="$role = 'withheld-document'">
        <xsl:sequence select="p:withheld-box($tei, $facts)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="extent" select="$facts?extent"/>
        <xsl:variable name="marker" as="item()+">
          <span class="editorial">
            <xsl:value-of select="if ($role = 'redaction') then '[redacted]' else if ($role = 'illegible') then '[illegible]' else '[…]'"/>
          </span>
          <xsl:sequence select="p:note((
            if ($role = 'ocr-repetition') then
              ('The OCR transcript repeats the preceding text here', $extent ! ('; ' || . || ' of repetition'), ' omitted')
            else if ($role = 'redaction') then ('Redacted in the original', $extent ! (' (' || . || ')'))
            else ($facts?reason, $extent ! (' (' || . || ')')),
            if (normalize-space(string-join($facts?description ! string(.)))) then (': ', $facts?description) else (),
            '.'))"/>
        </xsl:variable>
        <xsl:sequence select="if (p:in-block($tei)) then p:wrap-p($marker, 'gap-block') else $marker"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ================================================================= notes -->

  <xsl:function name="hook:note" as="item()*">
    <xsl:param name="tei" as="element(tei:note)"/>
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:choose>
      <xsl:when test="$role = 'boilerplate'">
        <p class="withheld-note"><xsl:sequence select="p:plain($content)"/></p>
      </xsl:when>
      <xsl:when test="$role = 'classification'"/>
      <!-- A handwritten annotation on the document is part of what the reader must see: in place, set
           apart like all handwriting; the note on its change of hand names the annotator. -->
      <xsl:when test="$role = 'annotation'">
        <xsl:element name="{if (some $item in $content satisfies p:is-block($item)) then 'div'
                              else if ($tei/parent::*[self::tei:opener or self::tei:closer or self::tei:div or self::tei:body
                              or self::tei:postscript]) then 'p' else 'span'}">
          <xsl:attribute name="class" select="'annotation' || (if (p:all-in-hand($content)) then ' hand-block' else '')"/>
          <xsl:sequence select="$content"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role = 'ocr-warning'">
        <xsl:sequence select="p:note(('OCR: ', $content))"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- An annotation on the document goes to the foot of the page, saying whose hand wrote it. -->
        <xsl:variable name="shift" select="($tei//tei:handShift[exists(p:hand-phrase(.))])[1]"/>
        <xsl:sequence select="p:note((
          if ($tei/@type = 'annotation' or $shift) then ('Annotation', $shift ! (', ', p:hand-phrase(.)), ': ') else (),
          $content, if (($tei/@type = 'annotation' or $shift) and not(matches(string-join($content ! string(.)), '[.?!]\s*$'))) then '.' else ()))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ================================================================= hands -->

  <xsl:function name="hook:hand" as="item()*">
    <xsl:param name="hand" as="xs:string"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:choose>
      <xsl:when test="$hand = $c:default-hand"><xsl:sequence select="$content"/></xsl:when>
      <xsl:otherwise>
        <!-- The note on the change of hand follows the handwritten words, not precedes them. -->
        <xsl:variable name="notes" select="$content[self::h:span[contains-token(@class, 'hand-note')]]"/>
        <xsl:element name="{if (some $item in $content satisfies p:is-block($item)) then 'div' else 'span'}">
          <xsl:attribute name="class" select="'hand'"/>
          <xsl:attribute name="data-hand" select="$hand"/>
          <xsl:sequence select="$content[not(some $n in $notes satisfies $n is .)], $notes"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ============================================================ apparatus -->

  <!-- One apparatus note: a numbered footnote in the PDF. Notes never nest. -->
  <xsl:function name="p:note" as="element()">
    <xsl:param name="content" as="item()*"/>
    <xsl:sequence select="p:note($content, ())"/>
  </xsl:function>
  <xsl:function name="p:note" as="element()">
    <xsl:param name="content" as="item()*"/>
    <xsl:param name="class" as="xs:string?"/>
    <!-- a note's full stop is not doubled when its last words end in one ("place.", not "place..") -->
    <xsl:variable name="ends" select="normalize-space(string-join(subsequence($content, 1, count($content) - 1) ! string(.)))"/>
    <xsl:variable name="content" select="if ($content[last()] instance of xs:string and $content[last()] = '.' and matches($ends, '[.?!]$'))
      then subsequence($content, 1, count($content) - 1) else $content"/>
    <span class="{string-join(('note', $class), ' ')}"><xsl:sequence select="p:plain($content)"/></span>
  </xsl:function>

  <!-- Rendered content made fit for a note: no notes inside, no paragraphs. -->
  <xsl:function name="p:plain" as="node()*">
    <xsl:param name="content" as="item()*"/>
    <xsl:for-each select="$content">
      <xsl:choose>
        <xsl:when test=". instance of node()"><xsl:apply-templates select="." mode="p:plain"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>
  <xsl:mode name="p:plain" on-no-match="shallow-copy"/>
  <xsl:template match="h:span[contains-token(@class, 'note')]" mode="p:plain"/>
  <xsl:template match="h:p | h:div | h:li | h:ul | h:table | h:tbody | h:tr | h:td | h:blockquote | h:section" mode="p:plain">
    <xsl:if test="preceding-sibling::node()"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates mode="p:plain"/>
  </xsl:template>
  <xsl:template match="h:br" mode="p:plain"><xsl:text> / </xsl:text></xsl:template>
  <xsl:template match="h:hr" mode="p:plain"/>
  <xsl:template match="p:lb" mode="p:plain"><xsl:if test="not(@join = 'yes')"><xsl:text> </xsl:text></xsl:if></xsl:template>
  <xsl:template match="p:*" mode="p:plain"><xsl:apply-templates mode="p:plain"/></xsl:template>

  <!-- The words a note is about, followed by "]" in print. -->
  <xsl:function name="p:lemma" as="element()">
    <xsl:param name="content" as="item()*"/>
    <xsl:variable name="words" as="element()"><span><xsl:sequence select="p:plain($content)"/></span></xsl:variable>
    <span class="lemma"><xsl:apply-templates select="$words/node()" mode="p:trim"/>]</span>
  </xsl:function>

  <!-- Leading and trailing white space of a lemma dropped, wherever it stands in the markup. -->
  <xsl:mode name="p:trim" on-no-match="shallow-copy"/>
  <xsl:template match="text()" mode="p:trim">
    <xsl:variable name="first" select=". is (root()/descendant-or-self::text())[1]"/>
    <xsl:variable name="last" select=". is (root()/descendant-or-self::text())[last()]"/>
    <xsl:value-of select="replace(replace(., if ($first) then '^\s+' else '^$', ''), if ($last) then '\s+$' else '^$', '')"/>
  </xsl:template>

  <!-- Words of the original quoted in a note. -->
  <xsl:function name="p:mention" as="element()">
    <xsl:param name="content" as="item()*"/>
    <i class="mention"><xsl:sequence select="p:plain($content)"/></i>
  </xsl:function>

  <xsl:function name="p:wrap-p" as="element()">
    <xsl:param name="content" as="item()*"/>
    <xsl:param name="class" as="xs:string"/>
    <p class="{$class}"><xsl:sequence select="$content"/></p>
  </xsl:function>

  <xsl:function name="p:add-hand" as="xs:string?">
    <xsl:param name="add" as="element()?"/>
    <xsl:variable name="id" select="c:hand-id($add/@hand)"/>
    <xsl:sequence select="if ($id) then ' in the hand of ' || c:hand-label(c:hands($add)[@xml:id = $id][1], $id) else ()"/>
  </xsl:function>

  <xsl:function name="p:capital" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>
</xsl:stylesheet>
