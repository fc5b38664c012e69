<?xml version="1.0" encoding="UTF-8"?>
<!-- The reading text and its apparatus (mode "text"), and the words of an apparatus note (mode "note").

     The page gives an edited reading text: what the writer meant the document to say at the end.
     Everything else the TEI records (deletions, additions, changes of hand and their dates,
     illegible passages, redactions, OCR repetitions, regularised readings) goes into a numbered
     note at the foot of the page (<span class="note">, a CSS footnote), so the page reads cleanly
     and loses nothing. Handwriting is set apart (class "hand"). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:p="urn:pipeline:print"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- The hand in force: the @new of the last handShift in the document, '' before the first. -->
  <xsl:accumulator name="hand" as="xs:string" initial-value="''">
    <xsl:accumulator-rule match="tei:body/tei:div" select="''"/>
    <xsl:accumulator-rule match="tei:handShift" select="normalize-space(@new)"/>
  </xsl:accumulator>

  <xsl:key name="p:hand" match="tei:handNote" use="@xml:id"/>

  <xsl:mode name="text" on-no-match="shallow-skip" use-accumulators="hand"/>
  <xsl:mode name="note" on-no-match="shallow-skip" use-accumulators="hand"/>

  <!-- Elements whose children are blocks; anything else holds phrases. -->
  <xsl:function name="p:in-block" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/parent::*[self::tei:div or self::tei:body or self::tei:opener
      or self::tei:closer or self::tei:list or self::tei:table or self::tei:row or self::tei:postscript
      or self::tei:front or self::tei:back or self::tei:text])"/>
  </xsl:function>

  <!-- Whether the hand in force at a node is a handwritten one. -->
  <xsl:function name="p:in-hand" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="pointer" select="$node/accumulator-before('hand')"/>
    <xsl:sequence select="$pointer ne '' and $pointer ne '#typescript' and
      not(key('p:hand', substring-after($pointer, '#'), $node/ancestor::tei:TEI[1])/@script = ('typewritten', 'printed'))"/>
  </xsl:function>

  <!-- A number and unit ("5 characters") for a gap, or ''. -->
  <xsl:function name="p:extent" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="unit" select="normalize-space($gap/@unit)"/>
    <xsl:variable name="quantity" select="normalize-space($gap/@quantity)"/>
    <xsl:variable name="words" select="map {'chars': 'character', 'char': 'character', 'lines': 'line',
      'line': 'line', 'words': 'word', 'word': 'word', 'document': 'document', 'documents': 'document',
      'pages': 'page', 'page': 'page'}"/>
    <xsl:variable name="word" select="($words($unit), $unit)[1]"/>
    <xsl:sequence select="
      if ($quantity and $word) then $quantity || ' ' || $word || (if ($quantity = ('1', '1.0')) then '' else 's')
      else if ($word) then 'of unstated extent (' || $word || 's)'
      else ''"/>
  </xsl:function>

  <!-- ============================================================ blocks -->

  <xsl:template match="tei:p | tei:ab" mode="text">
    <xsl:variable name="blocky" select="exists(tei:list | tei:table | tei:quote[tei:p] | tei:lg)"/>
    <xsl:element name="{if ($blocky) then 'div' else 'p'}">
      <xsl:attribute name="class" select="string-join((
        if ($blocky) then 'p' else (),
        if (@type = 'subject') then 'subject' else (),
        if (self::tei:ab and @type and not(@type = 'subject')) then 'ab-' || @type else (),
        if (p:all-in-hand(.)) then 'hand-block' else ()), ' ')"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- True when every written character of an element is in a handwritten hand. -->
  <xsl:function name="p:all-in-hand" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="texts" select="$element//text()[normalize-space()][not(ancestor::tei:del | ancestor::tei:note | ancestor::tei:fw)]"/>
    <xsl:sequence select="exists($texts) and (every $t in $texts satisfies p:in-hand($t))"/>
  </xsl:function>

  <xsl:template match="tei:div" mode="text">
    <section class="doc-section{if (@type) then ' section-' || @type else ''}">
      <xsl:apply-templates mode="text"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head" mode="text">
    <h3 class="section-head"><xsl:apply-templates mode="text"/></h3>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript" mode="text">
    <div class="{local-name()}"><xsl:apply-templates mode="text"/></div>
  </xsl:template>

  <xsl:template match="tei:opener/tei:address | tei:closer/tei:address | tei:div/tei:address" mode="text">
    <p class="address{if (parent::tei:opener and not(preceding-sibling::*[not(self::tei:pb | self::tei:fw)])) then ' letterhead' else ''}">
      <xsl:for-each select="tei:addrLine">
        <span class="line"><xsl:apply-templates mode="text"/></span>
      </xsl:for-each>
      <xsl:apply-templates select="node() except tei:addrLine" mode="text"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:address" mode="text" priority="-1">
    <xsl:for-each select="tei:addrLine">
      <xsl:if test="position() gt 1"><br/></xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed | tei:byline | tei:opener/tei:seg | tei:closer/tei:seg
                       | tei:docAuthor | tei:docDate" mode="text">
    <p class="{if (self::tei:seg) then 'routing' else local-name()}{if (p:all-in-hand(.)) then ' hand-block' else ''}">
      <xsl:apply-templates mode="text"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:list" mode="text">
    <ul class="list{if (tei:label) then '' else ' unlabelled'}">
      <xsl:for-each select="tei:item">
        <li>
          <xsl:variable name="label" select="preceding-sibling::*[1][self::tei:label]"/>
          <xsl:if test="$label or @n">
            <span class="item-label">
              <xsl:choose>
                <xsl:when test="$label"><xsl:apply-templates select="$label/node()" mode="text"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="@n"/></xsl:otherwise>
              </xsl:choose>
            </span>
          </xsl:if>
          <xsl:apply-templates mode="text"/>
        </li>
      </xsl:for-each>
    </ul>
    <!-- Milestones and gaps between the items keep their place after the list. -->
    <xsl:apply-templates select="* except (tei:item | tei:label | tei:head)" mode="text"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="text">
    <table class="form">
      <tbody>
        <xsl:for-each select="tei:row">
          <tr>
            <xsl:for-each select="tei:cell">
              <td>
                <xsl:if test="@cols castable as xs:positiveInteger and xs:integer(@cols) gt 1 and xs:integer(@cols) le 1000">
                  <xsl:attribute name="colspan" select="xs:integer(@cols)"/>
                </xsl:if>
                <xsl:if test="@rows castable as xs:positiveInteger and xs:integer(@rows) gt 1 and xs:integer(@rows) le 65534">
                  <xsl:attribute name="rowspan" select="xs:integer(@rows)"/>
                </xsl:if>
                <xsl:apply-templates mode="text"/>
              </td>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="tei:quote[tei:p] | tei:lg" mode="text">
    <blockquote><xsl:apply-templates mode="text"/></blockquote>
  </xsl:template>

  <xsl:template match="tei:l" mode="text">
    <p class="verse-line"><xsl:apply-templates mode="text"/></p>
  </xsl:template>

  <!-- Text standing directly among blocks becomes a paragraph of its own. -->
  <xsl:template match="text()[normalize-space()][p:in-block(.)]" mode="text" priority="2">
    <p><xsl:next-match/></p>
  </xsl:template>

  <!-- ============================================================ phrases -->

  <xsl:template match="text()" mode="text">
    <xsl:choose>
      <xsl:when test="normalize-space() and p:in-hand(.)"><span class="hand"><xsl:value-of select="."/></span></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lb" mode="text">
    <xsl:if test="not(p:in-block(.))"><br/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:hi" mode="text">
    <xsl:variable name="rend" select="tokenize(normalize-space(@rend))"/>
    <span class="{string-join(('hi', $rend[. = ('bold', 'italic', 'underline')]), ' ')}"><xsl:apply-templates mode="text"/></span>
  </xsl:template>

  <xsl:template match="tei:q | tei:quote[not(tei:p)] | tei:said" mode="text">
    <xsl:text>“</xsl:text><xsl:apply-templates mode="text"/><xsl:text>”</xsl:text>
  </xsl:template>

  <!-- Original pages: a small marker where a new page of the original begins. -->
  <xsl:template match="tei:pb" mode="text">
    <xsl:variable name="marker">
      <span class="page-break" title="page {@n} of the original">p. <xsl:value-of select="(@n[normalize-space()], '?')[1]"/></span>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="p:in-block(.)"><p class="pb-line"><xsl:sequence select="$marker"/></p></xsl:when>
      <xsl:otherwise><xsl:sequence select="$marker"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Running heads, catchwords and page numbers of the original are not part of the reading text. -->
  <xsl:template match="tei:fw" mode="text"/>

  <xsl:template match="tei:milestone" mode="text">
    <xsl:if test="p:in-block(.)"><hr class="rule"/></xsl:if>
  </xsl:template>

  <!-- A note of the original (or of the encoder) goes to the foot of the page. -->
  <xsl:template match="tei:note" mode="text">
    <xsl:call-template name="p:note">
      <xsl:with-param name="content"><xsl:apply-templates mode="note"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ======================================================== apparatus -->

  <!-- One apparatus note: a footnote in the PDF. -->
  <xsl:template name="p:note">
    <xsl:param name="content" as="item()*"/>
    <span class="note"><xsl:sequence select="$content"/></span>
  </xsl:template>

  <xsl:template match="tei:add" mode="text">
    <xsl:apply-templates mode="text"/>
    <xsl:call-template name="p:note">
      <xsl:with-param name="content">
        <span class="lemma"><xsl:apply-templates mode="note"/></span>
        <xsl:text> added </xsl:text>
        <xsl:value-of select="p:place(@place)"/>
        <xsl:call-template name="p:add-hand"/>
        <xsl:text>.</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:del" mode="text">
    <xsl:call-template name="p:note">
      <xsl:with-param name="content">
        <xsl:value-of select="p:capital(p:deletion(@rend))"/>
        <xsl:text>: </xsl:text>
        <i><xsl:apply-templates mode="note"/></i>
        <xsl:text>.</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:subst" mode="text">
    <xsl:apply-templates select="tei:add" mode="text-in-subst"/>
    <xsl:call-template name="p:note">
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="tei:add[normalize-space()]">
            <span class="lemma"><xsl:apply-templates select="tei:add" mode="note"/></span>
            <xsl:text> added </xsl:text>
            <xsl:value-of select="string-join(distinct-values(tei:add/p:place(@place)), ' and ')"/>
            <xsl:for-each select="tei:add[1]"><xsl:call-template name="p:add-hand"/></xsl:for-each>
            <xsl:text>, replacing </xsl:text>
          </xsl:when>
          <xsl:otherwise><xsl:text>Replaced: </xsl:text></xsl:otherwise>
        </xsl:choose>
        <i><xsl:apply-templates select="tei:del" mode="note"/></i>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="string-join(distinct-values(tei:del/p:deletion(@rend)), ' and ')"/>
        <xsl:text>.</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:add" mode="text-in-subst">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <xsl:template name="p:add-hand">
    <xsl:if test="@hand">
      <xsl:text> </xsl:text>
      <xsl:value-of select="p:hand-label(key('p:hand', substring-after(current()/@hand, '#'), ancestor::tei:TEI[1])[1], string(@hand))"/>
    </xsl:if>
  </xsl:template>

  <!-- A change of hand: the text that follows is set apart; a note says whose hand, its initials and date. -->
  <xsl:template match="tei:handShift" mode="text">
    <xsl:variable name="pointer" select="normalize-space(@new)"/>
    <xsl:variable name="notes" select="ancestor::tei:TEI[1]/tei:teiHeader//tei:handNote"/>
    <xsl:if test="p:handwritten($pointer, $notes)">
      <xsl:variable name="document" select="ancestor::tei:div[parent::tei:body][1]"/>
      <xsl:variable name="next" select="(following::tei:handShift intersect $document//tei:handShift)[1]"/>
      <xsl:variable name="passage" select="($document//node() intersect following::node())[empty($next) or . &lt;&lt; $next]"/>
      <xsl:variable name="initials" select="$passage[self::tei:name[@type = 'initials']]"/>
      <xsl:variable name="date" select="$passage[self::tei:date][1]"/>
      <xsl:call-template name="p:note">
        <xsl:with-param name="content">
          <xsl:text>Handwritten, </xsl:text>
          <xsl:value-of select="p:hand-label($notes[@xml:id = substring-after($pointer, '#')][1], $pointer)"/>
          <xsl:if test="$initials">
            <xsl:text>, initialled </xsl:text><i><xsl:value-of select="normalize-space($initials[1])"/></i>
          </xsl:if>
          <xsl:if test="$date">
            <xsl:text>, dated </xsl:text><xsl:value-of select="p:date-of($date)"/>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:gap" mode="text">
    <xsl:variable name="reason" select="string(@reason)"/>
    <xsl:variable name="siglum" select="if ($reason = 'redacted') then '[redacted]'
      else if ($reason = 'illegible') then '[illegible]' else '[…]'"/>
    <xsl:variable name="extent" select="p:extent(.)"/>
    <xsl:variable name="marker" as="element()+">
      <span class="editorial"><xsl:value-of select="$siglum"/></span>
      <xsl:call-template name="p:note">
        <xsl:with-param name="content">
          <xsl:choose>
            <xsl:when test="$reason = 'ocr-repetition'">
              <xsl:text>The OCR transcript repeats the preceding text here</xsl:text>
              <xsl:if test="$extent"><xsl:text>; </xsl:text><xsl:value-of select="$extent"/><xsl:text> of repetition</xsl:text></xsl:if>
              <xsl:text> omitted</xsl:text>
            </xsl:when>
            <xsl:when test="$reason = 'redacted'">
              <xsl:text>Redacted in the original</xsl:text>
              <xsl:if test="$extent"><xsl:text> (</xsl:text><xsl:value-of select="$extent"/><xsl:text>)</xsl:text></xsl:if>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="p:reason-label($reason, ())"/>
              <xsl:if test="$extent"><xsl:text> (</xsl:text><xsl:value-of select="$extent"/><xsl:text>)</xsl:text></xsl:if>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="tei:desc[normalize-space()]">
            <xsl:text>: </xsl:text><xsl:apply-templates select="tei:desc" mode="note"/>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="p:in-block(.)"><p class="gap-block"><xsl:sequence select="$marker"/></p></xsl:when>
      <xsl:otherwise><xsl:sequence select="$marker"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="text">
    <xsl:choose>
      <xsl:when test="@reason = 'illegible'">
        <span class="editorial">[illegible]</span>
        <xsl:call-template name="p:note">
          <xsl:with-param name="content">
            <xsl:text>Illegible in the original</xsl:text>
            <xsl:if test="normalize-space()">
              <xsl:text>; the OCR reads </xsl:text><i><xsl:apply-templates mode="note"/></i>
            </xsl:if>
            <xsl:text>.</xsl:text>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="text"/>
        <xsl:call-template name="p:note">
          <xsl:with-param name="content">
            <span class="lemma"><xsl:apply-templates mode="note"/></span>
            <xsl:text> reading uncertain</xsl:text>
            <xsl:if test="normalize-space(@reason)"><xsl:text> (</xsl:text><xsl:value-of select="translate(@reason, '-', ' ')"/><xsl:text>)</xsl:text></xsl:if>
            <xsl:text>.</xsl:text>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A regularised, corrected or expanded reading: the edited form in the text, the original in a note. -->
  <xsl:template match="tei:choice" mode="text">
    <xsl:variable name="edited" select="(tei:reg, tei:corr, tei:expan)[1]"/>
    <xsl:variable name="original" select="(tei:orig, tei:sic, tei:abbr)[1]"/>
    <xsl:apply-templates select="($edited, $original)[1]/node()" mode="text"/>
    <xsl:if test="$edited and $original">
      <xsl:call-template name="p:note">
        <xsl:with-param name="content">
          <span class="lemma"><xsl:apply-templates select="$edited/node()" mode="note"/></span>
          <xsl:text> </xsl:text>
          <xsl:value-of select="if ($edited/self::tei:reg) then 'regularised; the original reads'
            else if ($edited/self::tei:corr) then 'corrected; the original reads' else 'expanded from'"/>
          <xsl:text> </xsl:text>
          <i><xsl:apply-templates select="$original/node()" mode="note"/></i>
          <xsl:text>.</xsl:text>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:sic[not(parent::tei:choice)] | tei:orig[not(parent::tei:choice)]
                       | tei:reg[not(parent::tei:choice)] | tei:corr[not(parent::tei:choice)]" mode="text">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <!-- Elements that only name what their text is (names, dates, references) keep their text. -->
  <xsl:template match="*" mode="text" priority="-2">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <!-- ========================================================= note words -->

  <xsl:template match="text()" mode="note"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="tei:lb" mode="note"><xsl:text> / </xsl:text></xsl:template>
  <xsl:template match="tei:fw | tei:pb | tei:note | tei:handShift" mode="note"/>
  <xsl:template match="tei:choice" mode="note">
    <xsl:apply-templates select="(tei:reg, tei:corr, tei:expan, *)[1]" mode="note"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="note"><xsl:text>[…]</xsl:text></xsl:template>
  <xsl:template match="tei:subst" mode="note"><xsl:apply-templates select="tei:add" mode="note"/></xsl:template>
  <xsl:template match="tei:del[not(parent::tei:subst)]" mode="note" priority="1"/>
  <xsl:template match="*" mode="note" priority="-2"><xsl:apply-templates mode="note"/></xsl:template>

  <xsl:function name="p:capital" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>
</xsl:stylesheet>
