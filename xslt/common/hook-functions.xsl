<?xml version="1.0" encoding="UTF-8"?>
<!-- The hooks for an edition that answers them with FUNCTIONS (hook:block($tei, $role, $content) …, see
     common.xsl): the rules of last resort in each hook's mode. Each builds the element's content as a value
     and calls the edition's function. An edition that answers a hook with template rules of its own never
     reaches these (its rules have the default priority, these -1). -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    xmlns:hook="urn:x-pmo:hook"
    exclude-result-prefixes="#all">

  <xsl:mode name="hook:block" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="hook:inline" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="hook:milestone" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="hook:forme-work" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="hook:gap" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="hook:note" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="hook:hand" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The edition's function hook:NAME of ARITY; an error naming the hook when the edition has neither it
       nor a rule in the hook's mode. -->
  <xsl:function name="c:hook" as="function(*)">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="arity" as="xs:integer"/>
    <xsl:sequence select="(function-lookup(QName('urn:x-pmo:hook', 'hook:' || $name), $arity),
        error(QName('urn:x-pmo:common', 'c:no-hook'), 'the edition answers neither the function hook:' || $name
              || ' nor template rules in mode hook:' || $name))[1]"/>
  </xsl:function>

  <xsl:template match="*" mode="hook:block" priority="-1" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:call-template name="c:call-hook"><xsl:with-param name="name" select="'block'"/><xsl:with-param name="role" select="$role"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="*" mode="hook:inline" priority="-1" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:call-template name="c:call-hook"><xsl:with-param name="name" select="'inline'"/><xsl:with-param name="role" select="$role"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="*" mode="hook:forme-work" priority="-1" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:call-template name="c:call-hook"><xsl:with-param name="name" select="'forme-work'"/><xsl:with-param name="role" select="$role"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="*" mode="hook:note" priority="-1" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:call-template name="c:call-hook"><xsl:with-param name="name" select="'note'"/><xsl:with-param name="role" select="$role"/></xsl:call-template>
  </xsl:template>

  <!-- hook:NAME(the element, $role, its content built as a value) -->
  <xsl:template name="c:call-hook" as="item()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="name" as="xs:string" required="yes"/>
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:variable name="content" as="item()*">
      <xsl:apply-templates select="." mode="c:content"/>
    </xsl:variable>
    <xsl:sequence select="c:hook($name, 3)(., $role, $content)"/>
  </xsl:template>

  <xsl:template match="*" mode="hook:milestone" priority="-1" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:sequence select="c:hook('milestone', 2)(., $role)"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="hook:gap" priority="-1" as="item()*">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:param name="facts" as="map(xs:string, item()*)" required="yes"/>
    <xsl:sequence select="c:hook('gap', 3)(., $role, $facts)"/>
  </xsl:template>

  <xsl:template match="*" mode="hook:hand" priority="-1" as="item()*">
    <xsl:param name="hand" as="xs:string" required="yes"/>
    <xsl:param name="run" as="node()*" required="yes"/>
    <xsl:variable name="content" as="item()*">
      <xsl:apply-templates select="$run" mode="c:text"/>
    </xsl:variable>
    <xsl:sequence select="c:hook('hand', 2)($hand, $content)"/>
  </xsl:template>

</xsl:stylesheet>
