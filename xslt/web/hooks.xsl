<?xml version="1.0" encoding="UTF-8"?>
<!-- The web edition's answers to the hooks of xslt/common (see the interface at the top of common.xsl): template
     rules in the hooks' modes, each writing its element straight into the page, its content rendered in place
     (mode c:content). One rendering per role; the view switch (diplomatic / reading) is CSS over the same markup. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:hook="urn:x-pmo:hook"
    xmlns:w="urn:x-pmo:web"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    exclude-result-prefixes="#all">

  <!-- HTML elements that may not stand inside a phrase (a <span>). -->
  <xsl:variable name="w:flow-only" as="xs:string*"
      select="('div', 'p', 'ul', 'ol', 'dl', 'table', 'section', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'hr', 'details', 'caption')"/>

  <!-- Whether TEI nodes render as flow content at their top (a paragraph holding one is a div, a phrase a div):
       what may not stand inside a <p> or a <span>. -->
  <xsl:function name="w:has-flow" as="xs:boolean">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="some $e in $nodes[. instance of element()] satisfies w:is-flow($e)"/>
  </xsl:function>

  <xsl:function name="w:is-flow" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="
      if ($tei/(self::tei:p | self::tei:ab | self::tei:list | self::tei:table | self::tei:div | self::tei:head
                | self::tei:opener | self::tei:closer | self::tei:postscript | self::tei:trailer)) then true()
      else if ($tei/self::tei:gap) then $tei/@unit = 'document'
      else if ($tei/(self::tei:quote | self::tei:q | self::tei:said | self::tei:cit)) then c:is-block-quote($tei)
      else if ($tei/(self::tei:address | self::tei:addrLine | self::tei:dateline | self::tei:salute | self::tei:signed
                     | self::tei:byline | self::tei:note[@type = 'annotation'] | self::tei:desc)) then w:has-flow($tei/node())
      else false()"/>
  </xsl:function>

  <!-- ============================== blocks ============================== -->

  <xsl:template match="*" mode="hook:block" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:param name="w:numbers" as="map(xs:string, xs:integer)" tunnel="yes" select="map{}"/>
    <xsl:variable name="tei" as="element()" select="."/>
    <xsl:variable name="id" as="attribute()?" select="w:passage-id($tei, $w:numbers)"/>
    <xsl:choose>
      <xsl:when test="$role eq 'document'">
        <div class="text doc-{w:token($tei/@type)}">
          <xsl:sequence select="w:lang($tei)"/><xsl:apply-templates select="." mode="c:content"/>
        </div>
      </xsl:when>
      <xsl:when test="$role eq 'section'">
        <section class="section">
          <xsl:sequence select="w:lang($tei)"/><xsl:apply-templates select="." mode="c:content"/>
        </section>
      </xsl:when>
      <xsl:when test="$role eq 'heading'">
        <xsl:choose>
          <xsl:when test="$tei/parent::tei:table">
            <caption class="head"><xsl:sequence select="$id"/><xsl:apply-templates select="." mode="c:content"/></caption>
          </xsl:when>
          <xsl:when test="$tei/parent::tei:div">
            <xsl:element name="h{min((6, 1 + count($tei/ancestor::tei:div[tei:head])))}">
              <xsl:attribute name="class" select="'head'"/>
              <xsl:sequence select="$id"/><xsl:apply-templates select="." mode="c:content"/>
            </xsl:element>
          </xsl:when>
          <xsl:otherwise>
            <p class="head"><xsl:sequence select="$id"/><xsl:apply-templates select="." mode="c:content"/></p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$role = ('paragraph', 'subject', 'block')">
        <xsl:element name="{if (w:has-flow($tei/node())) then 'div' else 'p'}">
          <xsl:attribute name="class" select="map{'paragraph': 'p', 'subject': 'subject', 'block': 'ab'}($role)"/>
          <xsl:sequence select="$id, w:lang($tei)"/><xsl:apply-templates select="." mode="c:content"/><xsl:sequence select="w:pilcrow($id)"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role eq 'list'">
        <xsl:apply-templates select="tei:head" mode="c:text"/>
        <xsl:element name="{if ($tei/tei:label) then 'dl' else 'ul'}">
          <xsl:attribute name="class" select="'list'"/>
          <xsl:apply-templates select="* except tei:head" mode="c:text"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role eq 'item'">
        <xsl:element name="{if ($tei/parent::tei:list/tei:label) then 'dd' else 'li'}">
          <xsl:sequence select="$id"/><xsl:apply-templates select="." mode="c:content"/><xsl:sequence select="w:pilcrow($id)"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role eq 'label'">
        <xsl:element name="{if ($tei/parent::tei:list) then 'dt' else 'span'}">
          <xsl:attribute name="class" select="'label'"/>
          <xsl:apply-templates select="." mode="c:content"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role eq 'table'">
        <table class="table">
          <xsl:apply-templates select="tei:head" mode="c:text"/>
          <tbody><xsl:apply-templates select="tei:row" mode="c:text"/></tbody>
        </table>
      </xsl:when>
      <xsl:when test="$role eq 'row'">
        <tr><xsl:apply-templates select="*" mode="c:text"/></tr>
      </xsl:when>
      <xsl:when test="$role eq 'cell'">
        <xsl:element name="{if ($tei/@role = 'label') then 'th' else 'td'}">
          <xsl:if test="$tei/@cols castable as xs:positiveInteger and xs:integer($tei/@cols) le 100">
            <xsl:attribute name="colspan" select="xs:integer($tei/@cols)"/>
          </xsl:if>
          <xsl:sequence select="$id"/><xsl:apply-templates select="." mode="c:content"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role = ('opener', 'closer', 'postscript', 'trailer')">
        <div class="{$role}"><xsl:sequence select="$id"/><xsl:apply-templates select="." mode="c:content"/></div>
      </xsl:when>
      <xsl:when test="$role = ('address', 'address-line', 'dateline', 'salute', 'signature', 'byline')">
        <xsl:element name="{if (w:has-flow($tei/node())) then 'div' else 'span'}">
          <xsl:attribute name="class" select="'block ' || $role"/>
          <xsl:sequence select="$id"/><xsl:apply-templates select="." mode="c:content"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role eq 'quotation'">
        <blockquote class="quote"><xsl:sequence select="$id"/><xsl:apply-templates select="." mode="c:content"/></blockquote>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" select="'hook:block: no rendering for role ' || $role"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The legal basis of a closure card that marks none: its printed reasons are the form's labels. -->
  <xsl:function name="w:unmarked-basis" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="card" as="xs:string" select="upper-case(string-join($gap/tei:desc, ' '))"/>
    <!-- matches($card, 'RETAINED UNDER|CLOSED UNDER|SECTION \d'), the regular expression only where it can match -->
    <xsl:sequence select="if (contains($card, 'RETAINED UNDER') or contains($card, 'CLOSED UNDER')
                              or contains($card, 'SECTION ') and matches($card, 'SECTION \d')
                              or $gap/../tei:note[@type = 'boilerplate'][contains(., 'printed labels')])
                          then 'Not marked on the card (the reasons it prints are the labels of the form, none of them marked)'
                          else 'Not stated on the card'"/>
  </xsl:function>

  <!-- Whether a note has a marker in the text: not the editorial note on a closure card's printed form,
       which stands under the card's notice, not at a point of a text. -->
  <xsl:function name="w:note-marked" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not($note/@type = 'boilerplate' and $note/../tei:gap[@unit = 'document'])"/>
  </xsl:function>

  <!-- What the TEI's @cert says of an attribution: nothing when it is high or absent. -->
  <xsl:function name="w:cert-label" as="xs:string">
    <xsl:param name="cert" as="attribute()?"/>
    <xsl:sequence select="if ($cert = ('low', 'medium', 'unknown')) then ' (attribution ' || (if ($cert = 'medium') then 'probable' else 'uncertain') || ')' else ''"/>
  </xsl:function>

  <!-- A link to a passage ("¶", drawn by CSS: nothing of it is copied with the text). -->
  <xsl:function name="w:pilcrow" as="element()?">
    <xsl:param name="id" as="attribute()?"/>
    <xsl:if test="$id">
      <a class="pilcrow" href="#{$id}" aria-label="Link to this passage ({$id})"></a>
    </xsl:if>
  </xsl:function>

  <!-- ============================== phrases ============================== -->

  <xsl:template match="*" mode="hook:inline" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:variable name="tei" as="element()" select="."/>
    <xsl:choose>
      <xsl:when test="$role eq 'deletion'">
        <del class="del{w:tokens($tei/@rend, ' rend-')}"><xsl:apply-templates select="." mode="c:content"/></del>
      </xsl:when>
      <xsl:when test="$role eq 'addition'">
        <ins class="add{w:tokens($tei/@place, ' place-')}"><xsl:apply-templates select="." mode="c:content"/></ins>
      </xsl:when>
      <xsl:when test="$role = ('substitution', 'choice')">
        <span class="{if ($role eq 'choice') then 'choice' else 'subst'}"><xsl:apply-templates select="." mode="c:content"/></span>
      </xsl:when>
      <xsl:when test="$role eq 'highlight'">
        <xsl:variable name="rend" as="xs:string*" select="tokenize(normalize-space($tei/@rend), ' ')"/>
        <xsl:element name="{if ($rend = 'bold') then 'b' else if ($rend = ('italic', 'italics')) then 'i'
                            else if ($rend = 'underline') then 'u' else if ($rend = ('superscript', 'sup')) then 'sup'
                            else if ($rend = ('subscript', 'sub')) then 'sub' else 'span'}">
          <xsl:attribute name="class" select="'hi' || w:tokens($tei/@rend, ' rend-')"/>
          <xsl:apply-templates select="." mode="c:content"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$role = ('person', 'organisation', 'place', 'name')">
        <span class="{$role}{w:tokens($tei/@type, ' type-')}"><xsl:apply-templates select="." mode="c:content"/></span>
      </xsl:when>
      <xsl:when test="$role eq 'date'">
        <xsl:variable name="when" as="xs:string?" select="w:html-datetime($tei/@when)"/>
        <xsl:choose>
          <xsl:when test="$when"><time class="date" datetime="{$when}"><xsl:apply-templates select="." mode="c:content"/></time></xsl:when>
          <xsl:otherwise><span class="date"><xsl:apply-templates select="." mode="c:content"/></span></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$role eq 'unclear'">
        <span class="unclear">
          <span class="vh">[uncertain reading: </span>
          <xsl:apply-templates select="." mode="c:content"/>
          <span class="vh">]</span>
        </span>
      </xsl:when>
      <xsl:when test="$role eq 'segment'">
        <span class="seg{w:tokens($tei/@type, ' seg-')}"><xsl:apply-templates select="." mode="c:content"/></span>
      </xsl:when>
      <xsl:when test="$role eq 'title'">
        <cite class="title{w:tokens($tei/@type, ' title-')}"><xsl:apply-templates select="." mode="c:content"/></cite>
      </xsl:when>
      <xsl:when test="$role eq 'identifier'">
        <span class="idno{w:tokens($tei/@type, ' idno-')}"><xsl:apply-templates select="." mode="c:content"/></span>
      </xsl:when>
      <xsl:when test="$role = ('original', 'sic', 'abbreviation')">
        <span class="orig {$role}"><xsl:apply-templates select="." mode="c:content"/></span>
      </xsl:when>
      <xsl:when test="$role = ('regularised', 'correction', 'expansion')">
        <span class="reg {$role}"><xsl:apply-templates select="." mode="c:content"/></span>
      </xsl:when>
      <xsl:when test="$role eq 'supplied'">
        <span class="supplied"><xsl:apply-templates select="." mode="c:content"/></span>
      </xsl:when>
      <xsl:when test="$role eq 'quotation'">
        <q class="quote"><xsl:apply-templates select="." mode="c:content"/></q>
      </xsl:when>
      <xsl:when test="$role eq 'foreign'">
        <i class="foreign"><xsl:sequence select="w:lang($tei)"/><xsl:apply-templates select="." mode="c:content"/></i>
      </xsl:when>
      <xsl:when test="$role eq 'emphasis'">
        <em><xsl:apply-templates select="." mode="c:content"/></em>
      </xsl:when>
      <xsl:when test="$role = ('term', 'number', 'measure')">
        <span class="{$role}"><xsl:apply-templates select="." mode="c:content"/></span>
      </xsl:when>
      <xsl:when test="$role eq 'reference'">
        <xsl:variable name="url" as="xs:string?" select="c:safe-url($tei/@target)"/>
        <xsl:choose>
          <xsl:when test="$url">
            <a class="ref" href="{$url}"><xsl:choose><xsl:when test="node()"><xsl:apply-templates select="." mode="c:content"/></xsl:when><xsl:otherwise><xsl:value-of select="$url"/></xsl:otherwise></xsl:choose></a>
          </xsl:when>
          <xsl:otherwise><span class="ref"><xsl:apply-templates select="." mode="c:content"/></span></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" select="'hook:inline: no rendering for role ' || $role"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================== milestones ============================== -->

  <xsl:template match="*" mode="hook:milestone" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:variable name="tei" as="element()" select="."/>
    <xsl:choose>
      <xsl:when test="$role eq 'page-break'">
        <xsl:variable name="inferred" as="xs:boolean" select="$tei/@type = 'inferred'"/>
        <span class="pb{' inferred'[$inferred]}" id="{w:page-id($tei)}">
          <a class="pb-label" href="#{w:page-id($tei)}"><xsl:value-of select="c:page-label($tei)"/><xsl:if test="$inferred"><span class="pb-inferred"> (break inferred)</span></xsl:if></a>
        </span>
      </xsl:when>
      <xsl:when test="$role eq 'line-break' and w:hyphen-before-lb($tei/preceding-sibling::node()[1])">
        <!-- a hyphenated word: joined in the reading view (no space; the hyphen before is hidden) -->
        <span class="lb lb-join"><br/></span>
      </xsl:when>
      <xsl:when test="$role = ('line-break', 'column-break')">
        <!-- a real space, so that copied text keeps its words apart; the break shows in the diplomatic view -->
        <span class="lb"><xsl:text> </xsl:text><br/></span>
      </xsl:when>
      <xsl:when test="$role eq 'rule'">
        <span class="rule" role="separator"></span>
      </xsl:when>
      <xsl:when test="$role eq 'hand-shift'">
        <xsl:variable name="hand" as="xs:string" select="c:hand-id($tei/@new)"/>
        <span class="handshift"><span class="vh">[hand: <xsl:value-of select="w:hand-label($tei, $hand)"/><xsl:value-of select="w:cert-label($tei/@cert)"/>] </span></span>
      </xsl:when>
      <xsl:when test="$role = ('milestone', 'anchor')">
        <span class="{$role}"></span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" select="'hook:milestone: no rendering for role ' || $role"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text (before the common rule): the hyphen of a word broken at a line end gets its own span, hidden in the
       reading view. Tested in the rule's body, not in its pattern: a predicate on every text node costs more. -->
  <xsl:template match="text()" mode="c:text" priority="1" as="item()*">
    <xsl:choose>
      <xsl:when test="following-sibling::node()[1] instance of element(tei:lb) and w:hyphen-before-lb(.)">
        <xsl:value-of select="w:unhyphenated(.)"/>
        <span class="hy">-</span>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================== forme work ============================== -->

  <xsl:template match="tei:fw" mode="hook:forme-work" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:variable name="tei" as="element(tei:fw)" select="."/>
    <span class="fw {$role}{if ($tei/@subtype = 'classification') then ' classification' else ''}">
      <span class="vh"><xsl:value-of select="map{'running-head': 'Running head', 'running-foot': 'Running foot',
          'catchword': 'Catchword', 'page-number': 'Page number', 'signature-mark': 'Signature mark',
          'forme-work': 'Printed on the page'}($role)"/>: </span>
      <xsl:apply-templates select="." mode="c:content"/>
    </span>
  </xsl:template>

  <!-- ============================== gaps ============================== -->

  <xsl:template match="tei:gap" mode="hook:gap" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:param name="facts" as="map(xs:string, item()*)" required="yes"/>
    <xsl:param name="w:numbers" as="map(xs:string, xs:integer)" tunnel="yes" select="map{}"/>
    <xsl:variable name="tei" as="element(tei:gap)" select="."/>
    <xsl:choose>
      <xsl:when test="$role eq 'withheld-document'">
        <xsl:variable name="id" as="attribute()?" select="w:passage-id($tei, $w:numbers)"/>
        <div class="withheld" role="note">
          <xsl:sequence select="$id"/>
          <p class="withheld-title"><strong>This document is withheld.</strong>
            The National Archives' closure card stands in its place.</p>
          <dl>
            <dt>Closure reason</dt><dd><xsl:value-of select="$facts?reason"/></dd>
            <dt>Legal basis</dt><dd><xsl:value-of select="($facts?basis, w:unmarked-basis($tei))[1]"/></dd>
            <dt>Extract details</dt><dd><xsl:value-of select="($facts?extract, 'Not stated on the card')[1]"/></dd>
            <dt>Card dated</dt>
            <dd>
              <xsl:variable name="datetime" as="xs:string?" select="w:html-datetime($facts?date)"/>
              <xsl:choose>
                <xsl:when test="$datetime"><time datetime="{$datetime}"><xsl:value-of select="$facts?date-label"/></time></xsl:when>
                <xsl:otherwise><xsl:value-of select="($facts?date-label, 'Not dated')[1]"/></xsl:otherwise>
              </xsl:choose>
            </dd>
            <xsl:if test="exists($facts?reference)"><dt>Reference on the card</dt><dd><xsl:value-of select="$facts?reference"/></dd></xsl:if>
            <xsl:if test="exists($facts?extent)"><dt>Extent</dt><dd><xsl:value-of select="$facts?extent"/></dd></xsl:if>
            <xsl:if test="exists($facts?description)"><dt>The card reads</dt><dd class="card-text"><xsl:sequence select="$facts?description"/></dd></xsl:if>
          </dl>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="label" as="xs:string" select="string-join((
            map{'redaction': 'redacted', 'illegible': 'illegible', 'ocr-repetition': 'repeated OCR text omitted'}($role),
            if ($role eq 'omission') then 'not transcribed: ' || lower-case($facts?reason) else (),
            $facts?extent, $facts?basis), ', ')"/>
        <span class="gap {$role}" data-reason="{$facts?reason-code}">[<xsl:value-of select="$label"/>]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================== notes ============================== -->

  <!-- A handwritten annotation stands in place, labelled with its hand. Any other note in place is a
       numbered marker; its text is listed under the document (see document.xsl). -->
  <xsl:template match="tei:note" mode="hook:note" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:param name="w:numbers" as="map(xs:string, xs:integer)" tunnel="yes" select="map{}"/>
    <xsl:variable name="tei" as="element(tei:note)" select="."/>
    <xsl:choose>
      <xsl:when test="$role eq 'annotation'">
        <xsl:variable name="hand" as="xs:string?" select="($tei//tei:handShift/@new ! c:hand-id(.))[. ne $c:default-hand][1]"/>
        <xsl:element name="{if (w:has-flow($tei/node())) then 'div' else 'span'}">
          <xsl:attribute name="class" select="'annotation'"/>
          <xsl:sequence select="w:passage-id($tei, $w:numbers)"/>
          <span class="annotation-label">Annotation<xsl:value-of select="$hand ! (' · ' || w:hand-label($tei, .)
              || w:cert-label(($tei//tei:handShift[c:hand-id(@new) eq $hand])[1]/@cert))"/><span class="vh">: </span></span>
          <xsl:apply-templates select="." mode="c:content"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="not(w:note-marked($tei))"/>
      <xsl:when test="$role = ('editorial', 'boilerplate', 'ocr-warning', 'classification')">
        <xsl:variable name="n" as="xs:string" select="w:note-number($tei)"/>
        <a class="note-ref {$role}" id="note-ref-{$n}" href="#note-{$n}"><span class="vh">note </span><xsl:value-of select="$n"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" select="'hook:note: no rendering for role ' || $role"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================== hands ============================== -->

  <!-- A run of nodes of $tei's content in $hand (see hands.xsl). -->
  <xsl:template match="*" mode="hook:hand" as="item()*">
    <xsl:param name="hand" as="xs:string" required="yes"/>
    <xsl:param name="run" as="node()*" required="yes"/>
    <xsl:element name="{if (w:has-flow($run)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'hand ' || w:hand-class($hand)"/>
      <xsl:attribute name="data-hand" select="$hand"/>
      <xsl:apply-templates select="$run" mode="c:text"/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
