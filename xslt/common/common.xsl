<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common: what each TEI element of the edition *is*; shared by the web and the print edition.

  An edition's entry stylesheet includes this file (xsl:include, never xsl:import: no behaviour
  hides in import precedence). The common layer decides, for every TEI element, which hook renders
  it and in which ROLE; the edition decides only how a role looks. The roles are a closed list: an
  edition must answer every one.

  To render TEI text:  <xsl:apply-templates select="…" mode="c:text"/>
  The mode is strict (on-multiple-match="fail"); every TEI element has exactly one rule. The
  mode c:text relies on the accumulator c:hand: declare your initial mode with
  use-accumulators="#all" (or "c:hand").

  An edition answers the seven hooks below in one of two ways:

  - TEMPLATE RULES (the web edition): a rule in the hook's mode (hook:block, hook:inline,
    hook:milestone, hook:forme-work, hook:gap, hook:note, hook:hand) matching the TEI element, with
    the parameters named below ($tei is the context item). Where the rule wants the element's
    content ($content below) it applies templates to the element in mode c:content: the content is
    written in place, straight into the result, never built as a value and copied. The hand in
    effect travels as the tunnel parameter c:hand.
  - FUNCTIONS (the print edition): the functions below, in the namespace urn:x-pmo:hook; the rules of
    last resort in hook-functions.xsl build $content as a value and call them.

  An element whose hook the edition answers neither way stops the transformation (c:no-hook).

  hook:block($tei as element(), $role as xs:string, $content as item()*) as item()*
      A block of text. Roles:
        document     a document of the edition (body/div[@xml:id]): the letter, telegram, card…
        section      a division inside a document (div type="section" and any other inner div)
        heading      head
        paragraph    p (in the text and in the header)
        subject      ab type="subject"
        block        any other ab
        list         list (its children are label/item pairs or items)
        item         item
        label        label (of a list item)
        table  row  cell
        opener  closer  postscript  trailer
        address      address (a letterhead in an opener, the addressee block in a closer)
        address-line addrLine
        dateline  salute  signature (signed)  byline
        quotation    quote, q used as a block (cit)

  hook:inline($tei as element(), $role as xs:string, $content as item()*) as item()*
      A phrase. Roles:
        deletion     del (the struck text is $content; del/@rend says how it was struck)
        addition     add (add/@place says where it was written)
        substitution subst (content: its del and add, already rendered)
        highlight    hi (hi/@rend: bold, italic, underline, superscript, caps…)
        person  organisation  place  name    persName  orgName  placeName  name (name/@type="initials")
        date         date (date/@when etc.; use c:format-date for a label)
        unclear      unclear (the OCR reading kept; unclear/@reason)
        segment      seg (seg/@type: precedence, to, bt, classification…)
        title        title
        identifier   idno
        choice       choice (content: its orig/reg/sic/corr/abbr/expan, already rendered)
        original  regularised  sic  correction  abbreviation  expansion
        supplied     supplied
        quotation    q, quote, said inside a phrase
        foreign  emphasis  term  number  measure  reference (ref, with c:safe-url(@target))

  hook:milestone($tei as element(), $role as xs:string) as item()*
      A point in the text. Roles:
        page-break   pb (pb/@n is the page number; c:page-label)
        line-break   lb
        column-break cb
        rule         milestone unit="rule"
        milestone    any other milestone
        hand-shift   handShift (the run that follows is in c:hand-id(@new); see hook:hand)
        anchor       anchor

  hook:forme-work($tei as element(tei:fw), $role as xs:string, $content as item()*) as item()*
      Text printed on the page that is not the document's text. Roles:
        running-head (fw type="header")  running-foot (fw type="footer")  catchword (type="catch")
        page-number (type="pageNum")  signature-mark (type="sig")  forme-work (any other)
        fw/@subtype="classification" marks a classification marking.

  hook:gap($tei as element(tei:gap), $role as xs:string, $facts as map(xs:string, item()*)) as item()*
      Something not transcribed. Roles:
        withheld-document  the whole document is withheld (unit="document": a closure card)
        redaction          text withheld inside a document (reason="redacted")
        illegible          reason="illegible"
        ocr-repetition     an OCR repetition loop, kept once (quantity = lines dropped)
        omission           any other reason
      $facts (see c:gap-facts; as a template rule, the parameter $facts): 'reason' (label), 'reason-code', 'extent' (e.g. "5 characters"),
        'basis' (legal basis, e.g. "FOI exemptions 27(1), 40(2)"), 'date' (ISO), 'date-label',
        'extract' (the extract details), 'reference' (normalised series and piece, as written if not
        normalised), 'description' (the desc, rendered in c:text, item()*).

  hook:note($tei as element(tei:note), $role as xs:string, $content as item()*) as item()*
      A note. Roles: annotation (note type="annotation": a handwritten annotation on the document, part of
      what the reader must see, in place), editorial (any other note in the text), boilerplate
      (note type="boilerplate": what the converter dropped), ocr-warning (note type="ocr"),
      classification (note type="classification").

  hook:hand($hand as xs:string, $content as item()*) as item()*
      A run of text written in hand $hand (a handNote/@xml:id, without '#') other than the hand of
      the text around it. Called inside the element whose content the run is, never around blocks.
      As a template rule: the context is that element, with $hand and $run (the run's nodes, to
      render with apply-templates in mode c:text).

  Shared functions (metadata.xsl): c:documents, c:corresp, c:doc-type-label, c:doc-title, c:doc-date,
  c:format-date, c:senders, c:addressees, c:classification, c:reference, c:is-withheld, c:hands,
  c:hand-label, c:hand-id, c:gap-facts, c:reason-label, c:page-label, c:safe-url, c:year.
-->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:c="urn:x-pmo:common"
    exclude-result-prefixes="#all">

  <xsl:mode name="c:text" on-multiple-match="fail" on-no-match="fail" use-accumulators="#all"/>

  <xsl:include href="hands.xsl"/>
  <xsl:include href="hook-functions.xsl"/>
  <xsl:include href="metadata.xsl"/>
  <xsl:include href="structure.xsl"/>
  <xsl:include href="phrases.xsl"/>
  <xsl:include href="transcription.xsl"/>
  <xsl:include href="header.xsl"/>

</xsl:stylesheet>
