<?xml version='1.0' encoding='UTF-8'?>
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:loc="urn:pipeline:schematron" xmlns:tei="http://www.tei-c.org/ns/1.0" version="3.0" exclude-result-prefixes="#all">
  <xsl:output method="xml" indent="no" encoding="UTF-8"/>
  <xsl:function name="loc:location" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string-join($node/ancestor-or-self::*/string(count(preceding-sibling::*) + 1), '/') || (if ($node instance of attribute()) then '/@{' || namespace-uri($node) || '}' || local-name($node) else '')"/>
  </xsl:function>
  <xsl:template match="/">
    <report>
      <xsl:apply-templates select="//(tei:div)" mode="p1"/>
      <xsl:apply-templates select="//(tei:div)" mode="p2"/>
      <xsl:apply-templates select="//(tei:p)" mode="p3"/>
      <xsl:apply-templates select="//(tei:p)" mode="p4"/>
      <xsl:apply-templates select="//(tei:list[@type='gloss'])" mode="p5"/>
      <xsl:apply-templates select="//(tei:*[@notBefore and @notAfter]) | //(tei:*[@from and @to])" mode="p6"/>
      <xsl:apply-templates select="//(tei:gap[@quantity])" mode="p7"/>
      <xsl:apply-templates select="//(tei:div[@type = 'closureCard']) | //(tei:div[@type = 'closureCard']/tei:gap[@reason = ('closed-foi', 'retained-3-4', 'temporarily-retained', 'missing-at-transfer', 'number-not-used', 'missing-tna', 'put-in-place-tna')])" mode="p8"/>
      <xsl:apply-templates select="//(tei:desc[ @type eq 'deprecationInfo'])" mode="p9"/>
      <xsl:apply-templates select="//(tei:ref)" mode="p10"/>
      <xsl:apply-templates select="//(tei:msIdentifier)" mode="p11"/>
      <xsl:apply-templates select="//(tei:ab)" mode="p12"/>
      <xsl:apply-templates select="//(tei:ab)" mode="p13"/>
      <xsl:apply-templates select="//(tei:standOff)" mode="p14"/>
      <xsl:apply-templates select="//(tei:subst)" mode="p15"/>
      <xsl:apply-templates select="//(tei:*[@when])" mode="p16"/>
      <xsl:apply-templates select="//(tei:*[@from])" mode="p17"/>
      <xsl:apply-templates select="//(tei:*[@to])" mode="p18"/>
      <xsl:apply-templates select="//(tei:*[not(self::tei:schemaSpec)][@targetLang])" mode="p19"/>
      <xsl:apply-templates select="//(tei:*[@subtype])" mode="p20"/>
      <xsl:apply-templates select="//(tei:*[@xml:id])" mode="p21"/>
      <xsl:apply-templates select="//(tei:*[@corresp or @target or @decls or @ref or @scribeRef or @who])" mode="p22"/>
      <xsl:apply-templates select="//(tei:*[@hand] | tei:handShift[@new])" mode="p23"/>
      <xsl:apply-templates select="//(tei:correspDesc) | //(tei:div[@decls])" mode="p24"/>
      <xsl:apply-templates select="//(tei:persName[@ref] | tei:orgName[@ref] | tei:placeName[@ref] | tei:settlement[@ref] | tei:country[@ref] | tei:handNote[@scribeRef])" mode="p25"/>
      <xsl:apply-templates select="//(tei:person | tei:org | tei:place)" mode="p26"/>
      <xsl:apply-templates select="//(tei:idno[@type = 'wikidata']) | //(tei:idno[@type = 'viaf'])" mode="p27"/>
    </report>
  </xsl:template>
  <xsl:mode name="p1" on-no-match="deep-skip"/>
  <xsl:template match="tei:div" mode="p1" priority="1">
    <xsl:if test="((ancestor::tei:l or ancestor::tei:lg) and not(ancestor::tei:floatingText))">
      <failed pattern="tei-div-abstractModel-structure-l" id="tei-div-abstractModel-structure-l" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>
        Abstract model violation: Lines may not contain higher-level structural elements such as div, unless div is a descendant of floatingText.
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p2" on-no-match="deep-skip"/>
  <xsl:template match="tei:div" mode="p2" priority="1">
    <xsl:if test="((ancestor::tei:p or ancestor::tei:ab) and not(ancestor::tei:floatingText))">
      <failed pattern="tei-div-abstractModel-structure-p" id="tei-div-abstractModel-structure-p" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>
        Abstract model violation: p and ab may not contain higher-level structural elements such as div, unless div is a descendant of floatingText.
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p3" on-no-match="deep-skip"/>
  <xsl:template match="tei:p" mode="p3" priority="1">
    <xsl:if test="(not(ancestor::tei:floatingText) and (ancestor::tei:p or ancestor::tei:ab)          and not(parent::tei:exemplum                |parent::tei:item                |parent::tei:note                |parent::tei:q                |parent::tei:quote                |parent::tei:remarks                |parent::tei:said                |parent::tei:sp                |parent::tei:stage                |parent::tei:cell                |parent::tei:figure                ))">
      <failed pattern="tei-p-abstractModel-structure-p" id="tei-p-abstractModel-structure-p" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>
        Abstract model violation: Paragraphs may not occur inside other paragraphs or ab elements.
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p4" on-no-match="deep-skip"/>
  <xsl:template match="tei:p" mode="p4" priority="1">
    <xsl:if test="((ancestor::tei:l or ancestor::tei:lg) and not(parent::tei:figure or parent::tei:note or ancestor::tei:floatingText))">
      <failed pattern="tei-p-abstractModel-structure-l" id="tei-p-abstractModel-structure-l" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>
        Abstract model violation: Lines may not contain higher-level structural elements such as div, p, or ab, unless p is a child of figure or note, or is a descendant of floatingText.
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p5" on-no-match="deep-skip"/>
  <xsl:template match="tei:list[@type='gloss']" mode="p5" priority="1">
    <xsl:if test="not(tei:label)">
      <failed pattern="tei-list-gloss-list-must-have-labels" id="tei-list-gloss-list-must-have-labels" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>The content of a "gloss" list should include a sequence of one or more pairs of a label element followed by an item element</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p6" on-no-match="deep-skip"/>
  <xsl:template match="tei:*[@notBefore and @notAfter]" mode="p6" priority="2">
    <xsl:if test="not(every $earliest in (if (string(@notBefore) castable as xs:dateTime) then xs:dateTime(string(@notBefore)) else if (string(@notBefore) castable as xs:date) then dateTime(xs:date(string(@notBefore)), xs:time('00:00:00')) else if (string(@notBefore) castable as xs:gYearMonth) then xs:dateTime(concat(string(@notBefore), '-01T00:00:00')) else if (string(@notBefore) castable as xs:gYear) then xs:dateTime(concat(string(@notBefore), '-01-01T00:00:00')) else ()) satisfies every $latest in (if (string(@notAfter) castable as xs:dateTime) then xs:dateTime(string(@notAfter)) else if (string(@notAfter) castable as xs:date) then dateTime(xs:date(string(@notAfter)), xs:time('00:00:00')) else if (string(@notAfter) castable as xs:gYearMonth) then xs:dateTime(concat(string(@notAfter), '-01T00:00:00')) else if (string(@notAfter) castable as xs:gYear) then xs:dateTime(concat(string(@notAfter), '-01-01T00:00:00')) else ()) satisfies $earliest le $latest)">
      <failed pattern="pmo-date-order" id="pmo-date-order" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>@notBefore (</xsl:text>
        <xsl:value-of select="@notBefore" separator=" "/>
        <xsl:text>) is later than @notAfter (</xsl:text>
        <xsl:value-of select="@notAfter" separator=" "/>
        <xsl:text>): the range must run forwards</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:*[@from and @to]" mode="p6" priority="1">
    <xsl:if test="not(every $start in (if (string(@from) castable as xs:dateTime) then xs:dateTime(string(@from)) else if (string(@from) castable as xs:date) then dateTime(xs:date(string(@from)), xs:time('00:00:00')) else if (string(@from) castable as xs:gYearMonth) then xs:dateTime(concat(string(@from), '-01T00:00:00')) else if (string(@from) castable as xs:gYear) then xs:dateTime(concat(string(@from), '-01-01T00:00:00')) else ()) satisfies every $end in (if (string(@to) castable as xs:dateTime) then xs:dateTime(string(@to)) else if (string(@to) castable as xs:date) then dateTime(xs:date(string(@to)), xs:time('00:00:00')) else if (string(@to) castable as xs:gYearMonth) then xs:dateTime(concat(string(@to), '-01T00:00:00')) else if (string(@to) castable as xs:gYear) then xs:dateTime(concat(string(@to), '-01-01T00:00:00')) else ()) satisfies $start le $end)">
      <failed pattern="pmo-date-order" id="pmo-date-order" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>@from (</xsl:text>
        <xsl:value-of select="@from" separator=" "/>
        <xsl:text>) is later than @to (</xsl:text>
        <xsl:value-of select="@to" separator=" "/>
        <xsl:text>): the period must run forwards</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p7" on-no-match="deep-skip"/>
  <xsl:template match="tei:gap[@quantity]" mode="p7" priority="1">
    <xsl:if test="not(@unit)">
      <failed pattern="pmo-gap-extent" id="pmo-gap-extent" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>gap has quantity="</xsl:text>
        <xsl:value-of select="@quantity" separator=" "/>
        <xsl:text>" but no @unit: say what is counted (document, chars, words, lines, pages)</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p8" on-no-match="deep-skip"/>
  <xsl:template match="tei:div[@type = 'closureCard']" mode="p8" priority="2">
    <xsl:if test="not(tei:gap[@reason = ('closed-foi', 'retained-3-4', 'temporarily-retained', 'missing-at-transfer', 'number-not-used', 'missing-tna', 'put-in-place-tna', 'withheld')])">
      <failed pattern="pmo-closure-card" id="pmo-closure-card" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>a closure card must hold a gap whose @reason is a closure reason (closed-foi, retained-3-4, temporarily-retained, missing-at-transfer, number-not-used, missing-tna, put-in-place-tna, or withheld when the card marks none)</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:div[@type = 'closureCard']/tei:gap[@reason = ('closed-foi', 'retained-3-4', 'temporarily-retained', 'missing-at-transfer', 'number-not-used', 'missing-tna', 'put-in-place-tna')]" mode="p8" priority="1">
    <xsl:if test="not(@unit = 'document' and @quantity)">
      <failed pattern="pmo-closure-card" id="pmo-closure-card" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>the closure card's gap must say what is withheld: unit="document" and a quantity</xsl:text>
      </failed>
    </xsl:if>
    <xsl:if test="not(tei:desc//tei:date[@when])">
      <failed pattern="pmo-closure-card" id="pmo-closure-card" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>the closure card's gap (reason="</xsl:text>
        <xsl:value-of select="@reason" separator=" "/>
        <xsl:text>") has no date: give the card's date in its desc as &lt;date when="YYYY-MM-DD"&gt;</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p9" on-no-match="deep-skip"/>
  <xsl:template match="tei:desc[ @type eq 'deprecationInfo']" mode="p9" priority="1">
    <xsl:if test="not(../@validUntil)">
      <failed pattern="tei-desc-deprecationInfo-only-in-deprecated" id="tei-desc-deprecationInfo-only-in-deprecated" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>Information about a
        deprecation should only be present in a specification element
        that is being deprecated: that is, only an element that has a
        @validUntil attribute should have a child &lt;desc
        type="deprecationInfo"&gt;.</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p10" on-no-match="deep-skip"/>
  <xsl:template match="tei:ref" mode="p10" priority="1">
    <xsl:if test="(@target and @cRef)">
      <failed pattern="tei-ref-refAtts" id="tei-ref-refAtts" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>Only one of the
	attributes @target' and @cRef' may be supplied on </xsl:text>
        <xsl:value-of select="name()"/>
        <xsl:text>
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p11" on-no-match="deep-skip"/>
  <xsl:template match="tei:msIdentifier" mode="p11" priority="1">
    <xsl:if test="(not(parent::tei:msPart) and (local-name(*[1])='idno' or local-name(*[1])='altIdentifier' or normalize-space(.)=''))">
      <failed pattern="tei-msIdentifier-msId_minimal" id="tei-msIdentifier-msId_minimal" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>An msIdentifier must contain either a repository or location.</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p12" on-no-match="deep-skip"/>
  <xsl:template match="tei:ab" mode="p12" priority="1">
    <xsl:if test="(not(ancestor::tei:floatingText) and (ancestor::tei:p or ancestor::tei:ab)          and not(parent::tei:exemplum         |parent::tei:item         |parent::tei:note         |parent::tei:q         |parent::tei:quote         |parent::tei:remarks         |parent::tei:said         |parent::tei:sp         |parent::tei:stage         |parent::tei:cell         |parent::tei:figure))">
      <failed pattern="tei-ab-abstractModel-structure-ab" id="tei-ab-abstractModel-structure-ab" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>
        Abstract model violation: ab may not occur inside paragraphs or other ab elements.
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p13" on-no-match="deep-skip"/>
  <xsl:template match="tei:ab" mode="p13" priority="1">
    <xsl:if test="((ancestor::tei:l or ancestor::tei:lg) and not(parent::tei:figure or parent::tei:note or ancestor::tei:floatingText))">
      <failed pattern="tei-ab-abstractModel-structure-l" id="tei-ab-abstractModel-structure-l" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>
        Abstract model violation: Lines may not contain higher-level divisions such as p or ab, unless ab is a child of figure or note, or is a descendant of floatingText.
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p14" on-no-match="deep-skip"/>
  <xsl:template match="tei:standOff" mode="p14" priority="1">
    <xsl:if test="not(@type or not(ancestor::tei:standOff))">
      <failed pattern="tei-standOff-nested_standOff_should_be_typed" id="tei-standOff-nested_standOff_should_be_typed" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>This
      </xsl:text>
        <xsl:value-of select="name()"/>
        <xsl:text> element must have a @type attribute, since it is
      nested inside a </xsl:text>
        <xsl:value-of select="name()"/>
        <xsl:text>
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p15" on-no-match="deep-skip"/>
  <xsl:template match="tei:subst" mode="p15" priority="1">
    <xsl:if test="not(tei:del and tei:add)">
      <failed pattern="pmo-subst-del-add" id="pmo-subst-del-add" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>a subst must hold both a del (what was struck out) and an add (what replaced it); found </xsl:text>
        <xsl:value-of select="string-join(distinct-values(*/local-name()), ', ')" separator=" "/>
        <xsl:text>
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p16" on-no-match="deep-skip"/>
  <xsl:template match="tei:*[@when]" mode="p16" priority="1">
    <xsl:if test="(@notBefore|@notAfter|@from|@to)">
      <failed pattern="tei-att.datable.w3c-att-datable-w3c-when" id="tei-att.datable.w3c-att-datable-w3c-when" role="nonfatal">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>The @when attribute cannot be used with any other att.datable.w3c attributes.</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p17" on-no-match="deep-skip"/>
  <xsl:template match="tei:*[@from]" mode="p17" priority="1">
    <xsl:if test="(@notBefore)">
      <failed pattern="tei-att.datable.w3c-att-datable-w3c-from" id="tei-att.datable.w3c-att-datable-w3c-from" role="nonfatal">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>The @from and @notBefore attributes cannot be used together.</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p18" on-no-match="deep-skip"/>
  <xsl:template match="tei:*[@to]" mode="p18" priority="1">
    <xsl:if test="(@notAfter)">
      <failed pattern="tei-att.datable.w3c-att-datable-w3c-to" id="tei-att.datable.w3c-att-datable-w3c-to" role="nonfatal">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>The @to and @notAfter attributes cannot be used together.</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p19" on-no-match="deep-skip"/>
  <xsl:template match="tei:*[not(self::tei:schemaSpec)][@targetLang]" mode="p19" priority="1">
    <xsl:if test="not(@target)">
      <failed pattern="tei-att.pointing-targetLang-targetLang" id="tei-att.pointing-targetLang-targetLang" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>@targetLang should only be used on </xsl:text>
        <xsl:value-of select="name()"/>
        <xsl:text> if @target is specified.</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p20" on-no-match="deep-skip"/>
  <xsl:template match="tei:*[@subtype]" mode="p20" priority="1">
    <xsl:if test="not(@type)">
      <failed pattern="tei-att.typed-subtypeTyped" id="tei-att.typed-subtypeTyped" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>The </xsl:text>
        <xsl:value-of select="name()"/>
        <xsl:text> element should not be categorized in detail with @subtype unless also categorized in general with @type</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p21" on-no-match="deep-skip"/>
  <xsl:template match="tei:*[@xml:id]" mode="p21" priority="1">
    <xsl:if test="not(every $id in string(@xml:id) satisfies (//tei:*[@xml:id = $id])[1] is .)">
      <failed pattern="pmo-id-unique" id="pmo-id-unique" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>xml:id "</xsl:text>
        <xsl:value-of select="@xml:id" separator=" "/>
        <xsl:text>" is already used by an earlier &lt;</xsl:text>
        <xsl:value-of select="for $id in string(@xml:id) return local-name((//tei:*[@xml:id = $id])[1])" separator=" "/>
        <xsl:text>&gt;: identifiers must be unique in the file; expected a new identifier</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p22" on-no-match="deep-skip"/>
  <xsl:template match="tei:*[@corresp or @target or @decls or @ref or @scribeRef or @who]" mode="p22" priority="1">
    <xsl:if test="not(every $a in (@corresp, @target, @decls, @ref, @scribeRef, @who) satisfies every $t in tokenize(normalize-space($a), ' ')[starts-with(., '#')] satisfies substring($t, 2) = //@xml:id)">
      <failed pattern="pmo-pointers-resolve" id="pmo-pointers-resolve" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>
        </xsl:text>
        <xsl:value-of select="string-join(for $a in (@corresp, @target, @decls, @ref, @scribeRef, @who) return for $t in tokenize(normalize-space($a), ' ')[starts-with(., '#')] return (if (substring($t, 2) = //@xml:id) then () else concat('@', name($a), ' points at ', $t)), '; ')" separator=" "/>
        <xsl:text>, but no element has that xml:id; expected # followed by the xml:id of an element of this file</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p23" on-no-match="deep-skip"/>
  <xsl:template match="tei:*[@hand] | tei:handShift[@new]" mode="p23" priority="1">
    <xsl:if test="not(every $v in (@hand, self::tei:handShift/@new) satisfies (not(matches($v, '^\S+$')) or $v = (for $h in //tei:handNote/@xml:id return concat('#', $h))))">
      <failed pattern="pmo-hands-declared" id="pmo-hands-declared" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>
        </xsl:text>
        <xsl:value-of select="if (@hand) then '@hand' else '@new'" separator=" "/>
        <xsl:text>="</xsl:text>
        <xsl:value-of select="string-join(for $v in (@hand, self::tei:handShift/@new) return (if (matches($v, '^\S+$') and not($v = (for $h in //tei:handNote/@xml:id return concat('#', $h)))) then string($v) else ()), ' ')" separator=" "/>
        <xsl:text>" is not a declared hand; </xsl:text>
        <xsl:value-of select="if (//tei:handNote/@xml:id) then concat('expected one of ', string-join(for $h in //tei:handNote/@xml:id return concat('#', $h), ', ')) else 'the file declares no hand'" separator=" "/>
        <xsl:text> (declare a new hand as a handNote in profileDesc/handNotes)</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p24" on-no-match="deep-skip"/>
  <xsl:template match="tei:correspDesc" mode="p24" priority="2">
    <xsl:if test="not(@corresp and (every $t in tokenize(normalize-space(@corresp), ' ') satisfies (substring($t, 2) = //tei:div/@xml:id or not(substring($t, 2) = //tei:*/@xml:id))))">
      <failed pattern="pmo-corresp-division" id="pmo-corresp-division" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>correspDesc must point with @corresp at the division it describes (corresp="#DIV-ID"); </xsl:text>
        <xsl:value-of select="if (@corresp) then concat('&quot;', @corresp, '&quot; is not a div of this file') else 'it has no @corresp'" separator=" "/>
        <xsl:text>
      </xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:div[@decls]" mode="p24" priority="1">
    <xsl:if test="not(every $t in tokenize(normalize-space(@decls), ' ') satisfies (substring($t, 2) = //tei:correspDesc/@xml:id or not(substring($t, 2) = //tei:*/@xml:id)))">
      <failed pattern="pmo-corresp-division" id="pmo-corresp-division" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>div/@decls="</xsl:text>
        <xsl:value-of select="@decls" separator=" "/>
        <xsl:text>" must point at correspDesc elements of this file</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p25" on-no-match="deep-skip"/>
  <xsl:template match="tei:persName[@ref] | tei:orgName[@ref] | tei:placeName[@ref] | tei:settlement[@ref] | tei:country[@ref] | tei:handNote[@scribeRef]" mode="p25" priority="1">
    <xsl:if test="not(every $kind in (if (self::tei:orgName) then 'org' else if (self::tei:persName or self::tei:handNote) then 'person' else 'place') satisfies every $t in tokenize(normalize-space(string((@ref, @scribeRef)[1])), ' ')[starts-with(., '#')] satisfies (substring($t, 2) = //tei:*[local-name() = $kind]/@xml:id or not(substring($t, 2) = //@xml:id)))">
      <failed pattern="pmo-register-links" id="pmo-register-links" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>
        </xsl:text>
        <xsl:value-of select="string-join(for $kind in (if (self::tei:orgName) then 'org' else if (self::tei:persName or self::tei:handNote) then 'person' else 'place') return for $t in tokenize(normalize-space(string((@ref, @scribeRef)[1])), ' ')[starts-with(., '#')] return (if (substring($t, 2) = //tei:*[local-name() = $kind]/@xml:id or not(substring($t, 2) = //@xml:id)) then () else concat('@', name((@ref, @scribeRef)[1]), '=&quot;', $t, '&quot; on &lt;', local-name(), '&gt; points at &lt;', local-name((//tei:*[@xml:id = substring($t, 2)])[1]), '&gt;, not at a &lt;', $kind, '&gt;')), '; ')" separator=" "/>
        <xsl:text>; expected # followed by the xml:id of a &lt;</xsl:text>
        <xsl:value-of select="if (self::tei:orgName) then 'org' else if (self::tei:persName or self::tei:handNote) then 'person' else 'place'" separator=" "/>
        <xsl:text>&gt; of the file's standOff</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p26" on-no-match="deep-skip"/>
  <xsl:template match="tei:person | tei:org | tei:place" mode="p26" priority="1">
    <xsl:if test="not(count((tei:persName, tei:orgName, tei:placeName)[@type = 'standard']) = 1)">
      <failed pattern="pmo-register-entry" id="pmo-register-entry" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>&lt;</xsl:text>
        <xsl:value-of select="local-name()" separator=" "/>
        <xsl:text> xml:id="</xsl:text>
        <xsl:value-of select="@xml:id" separator=" "/>
        <xsl:text>"&gt; has </xsl:text>
        <xsl:value-of select="count((tei:persName, tei:orgName, tei:placeName)[@type = 'standard'])" separator=" "/>
        <xsl:text> names of type "standard"; expected exactly one</xsl:text>
      </failed>
    </xsl:if>
    <xsl:if test="not(every $n in (tei:persName, tei:orgName, tei:placeName) satisfies $n/@type)">
      <failed pattern="pmo-register-entry" id="pmo-register-entry" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>&lt;</xsl:text>
        <xsl:value-of select="local-name()" separator=" "/>
        <xsl:text> xml:id="</xsl:text>
        <xsl:value-of select="@xml:id" separator=" "/>
        <xsl:text>"&gt; has a name without @type; expected type="standard", "variant"</xsl:text>
        <xsl:value-of select="if (self::tei:person) then ' or &quot;initials&quot;' else ''" separator=" "/>
        <xsl:text> on each of its names</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:mode name="p27" on-no-match="deep-skip"/>
  <xsl:template match="tei:idno[@type = 'wikidata']" mode="p27" priority="2">
    <xsl:if test="not(matches(string(.), '^Q[1-9][0-9]*$'))">
      <failed pattern="pmo-authority-id" id="pmo-authority-id" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>idno type="wikidata" "</xsl:text>
        <xsl:value-of select="string(.)" separator=" "/>
        <xsl:text>" is not a Wikidata identifier; expected Q followed by its number, such as Q334316</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:idno[@type = 'viaf']" mode="p27" priority="1">
    <xsl:if test="not(matches(string(.), '^[1-9][0-9]*$'))">
      <failed pattern="pmo-authority-id" id="pmo-authority-id" role="error">
        <xsl:attribute name="location" select="loc:location(.)"/>
        <xsl:text>idno type="viaf" "</xsl:text>
        <xsl:value-of select="string(.)" separator=" "/>
        <xsl:text>" is not a VIAF identifier; expected its number, such as 27063124</xsl:text>
      </failed>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
