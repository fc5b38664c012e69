"""Write the validation corpus: valid/, invalid/, hostile/ and manifest.json.

Each case is one file; manifest.json gives, per file, the verdict and the messages
expected (line, rule id or null for the grammar, and words the message must contain).
Invalid cases are the base document with one change. Run this to regenerate the
files after changing a case (the files are committed):

    .venv/bin/python tests/data/validation/make_cases.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

BASE = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="../../../../schema/compiled/pmo.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="../../../../schema/compiled/pmo.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="f950_case" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main">Validation case</title>
        <respStmt><resp>Converted from OCR by</resp><name xml:id="pipeline">pipeline 0.1.0</name></respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher>PMO Papers edition</publisher>
        <availability status="free"><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability>
        <idno type="transcript">950_case.txt</idno>
      </publicationStmt>
      <sourceDesc>
        <msDesc>
          <msIdentifier>
            <country>United Kingdom</country>
            <settlement>Kew</settlement>
            <repository>The National Archives</repository>
            <collection>PREM 19</collection>
            <idno type="piece">2182</idno>
          </msIdentifier>
        </msDesc>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <projectDesc><p>Converted by pipeline from an OCR transcript.</p></projectDesc>
      <schemaRef type="project" url="../schema/compiled/pmo.rng"/>
      <appInfo><application ident="pipeline" version="0.1.0"><label>pipeline convert</label></application></appInfo>
    </encodingDesc>
    <profileDesc>
      <handNotes>
        <handNote xml:id="typescript" script="typewritten" medium="typescript">Typescript.</handNote>
        <handNote xml:id="hand-CDP" script="handwritten">Hand of <persName>C. D. Powell</persName>.</handNote>
      </handNotes>
      <correspDesc xml:id="cd-d01" corresp="#f950_case.d01">
        <correspAction type="sent"><persName>J S Wall</persName><date when="1988-12-21"/></correspAction>
        <correspAction type="received"><persName>C D Powell</persName></correspAction>
        <note type="classification">CONFIDENTIAL</note>
      </correspDesc>
    </profileDesc>
    <revisionDesc>
      <change who="#pipeline" when="2026-11-23">Converted from the OCR transcript.</change>
    </revisionDesc>
  </teiHeader>
  <text>
    <body>
      <div type="letter" xml:id="f950_case.d01" n="1" decls="#cd-d01">
        <pb n="1"/>
        <opener>
          <address><addrLine>Foreign and Commonwealth Office</addrLine><addrLine>London SW1A 2AH</addrLine></address>
          <dateline><date when="1988-12-21">21 December 1988</date></dateline>
          <salute>Dear Charles,</salute>
        </opener>
        <ab type="subject">CSCE: Moscow Conference</ab>
        <p>The main elements are as follows:</p>
        <list>
          <label>(a)</label><item>the resolution of some 20 remaining cases;</item>
          <label>(b)</label><item>permission for dual nationals to leave.</item>
        </list>
        <p>We <subst><del rend="strikethrough">can no longer delay</del><add place="above">shall have to reach</add></subst> a decision.</p>
        <p><handShift new="#hand-CDP"/>Agree? <name type="initials" ref="#hand-CDP">CDP</name> <date when="1988-12-21">21/xii</date><handShift new="#typescript"/></p>
        <fw type="catch">/According</fw>
        <pb n="2"/>
        <fw type="pageNum">- 2 -</fw>
        <p>Text with a redaction <gap reason="redacted" unit="chars" quantity="5"/> and <unclear reason="illegible">кукчен</unclear>.</p>
        <closer>
          <salute>Yours sincerely</salute>
          <signed>(J S Wall)<lb/>Private Secretary</signed>
        </closer>
      </div>
      <div type="closureCard" xml:id="f950_case.d02" n="2">
        <pb n="3"/>
        <gap reason="temporarily-retained" unit="document" quantity="1">
          <desc>DEPARTMENT/SERIES <choice><orig><idno type="series">PLAM 19</idno></orig><reg><idno type="series">PREM 19</idno></reg></choice> Extract details: <title type="extract">T 2/89 PM + US President 2 Jan 89</title> TEMPORARILY RETAINED <date when="2016-12-13">13/12/16</date></desc>
        </gap>
        <note type="boilerplate">The card's printed instructions and unmarked reasons are omitted.</note>
      </div>
    </body>
  </text>
</TEI>
"""

#: The register entries a converted file embeds and the links to them (the encoding contract of the registers).
REGISTERS = [
    ("  </teiHeader>\n", """  </teiHeader>
  <standOff>
    <listPerson>
      <person xml:id="per-powell-charles" sortKey="Powell,Charles">
        <persName type="standard">Charles Powell</persName>
        <persName type="variant">C D Powell</persName>
        <persName type="initials">CDP</persName>
        <occupation from="1983" to="1991">Private Secretary to the Prime Minister</occupation>
        <idno type="wikidata">Q334316</idno>
      </person>
      <person xml:id="per-wall-stephen" sortKey="Wall,Stephen">
        <persName type="standard">Stephen Wall</persName>
        <persName type="variant">J S Wall</persName>
        <idno type="viaf">27063124</idno>
      </person>
    </listPerson>
    <listOrg>
      <org xml:id="org-fco"><orgName type="standard">Foreign and Commonwealth Office</orgName><orgName type="variant">FCO</orgName></org>
    </listOrg>
    <listPlace>
      <place xml:id="pla-kew"><placeName type="standard">Kew</placeName></place>
      <place xml:id="pla-moscow"><placeName type="standard">Moscow</placeName><placeName type="variant">MOSCOW</placeName><idno type="wikidata">Q649</idno></place>
    </listPlace>
  </standOff>
"""),
    ("<settlement>Kew</settlement>", '<settlement ref="#pla-kew">Kew</settlement>'),
    ('<handNote xml:id="hand-CDP" script="handwritten">', '<handNote xml:id="hand-CDP" script="handwritten" scribeRef="#per-powell-charles" cert="medium">'),
    ("<persName>C. D. Powell</persName>", '<persName ref="#per-powell-charles">C. D. Powell</persName>'),
    ("<persName>J S Wall</persName>", '<persName ref="#per-wall-stephen">J S Wall</persName>'),
    ("<persName>C D Powell</persName>", '<persName ref="#per-powell-charles" cert="high">C D Powell</persName>'),
    ("<addrLine>Foreign and Commonwealth Office</addrLine>", '<addrLine><orgName ref="#org-fco">Foreign and Commonwealth Office</orgName></addrLine>'),
    ("<p>The main elements are as follows:</p>", '<p>The main elements for <placeName ref="#pla-moscow" cert="low">Moscow</placeName> are as follows:</p>'),
]

#: A register file (registers/persons.xml): a header and the register itself, no text.
REGISTER_FILE = [(BASE, """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title type="main">Register of persons</title></titleStmt>
      <publicationStmt><publisher>PMO Papers edition</publisher></publicationStmt>
      <sourceDesc><p>Compiled by the editors from the papers.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <standOff>
    <listPerson>
      <person xml:id="per-powell-charles" sortKey="Powell,Charles">
        <persName type="standard">Charles Powell</persName>
        <persName type="variant">C D Powell</persName>
        <persName type="initials">CDP</persName>
        <occupation from="1983" to="1991">Private Secretary to the Prime Minister</occupation>
        <idno type="wikidata">Q334316</idno>
      </person>
      <person xml:id="per-thatcher-margaret" sortKey="Thatcher,Margaret">
        <persName type="standard">Margaret Thatcher</persName>
        <persName type="variant">MARGARET THATCHER</persName>
        <occupation when="1979">Prime Minister</occupation>
      </person>
    </listPerson>
  </standOff>
</TEI>
""")]

#: Valid variations: (file name, [(old, new)] replacements).
VALID = [
    ("base.xml", []),
    ("telegram.xml", [("""      <div type="closureCard\"""", """      <div type="telegram" xml:id="f950_case.d03" n="3">
        <opener>
          <dateline><seg type="precedence">O</seg> <date when="1988-12-21T21:30:00Z">212130Z DEC 88</date></dateline>
          <byline>FM <orgName>CABINET OFFICE LONDON</orgName></byline>
          <seg type="to">TO <orgName>THE WHITE HOUSE</orgName></seg>
          <seg type="bt">BT</seg>
        </opener>
        <div type="section">
          <head>VIENNA ISSUES</head>
          <milestone unit="rule"/>
          <p>WE ALSO NEED TO RESOLVE THE ISSUES.</p>
        </div>
        <gap reason="ocr-repetition" unit="lines" quantity="5"/>
        <closer><seg type="bt">BT</seg></closer>
      </div>
      <div type="closureCard\"""")]),
    ("form-and-postscript.xml", [("""        </closer>
      </div>""", """        </closer>
        <postscript><p>I feel sure that you will agree.</p></postscript>
      </div>
      <div type="form" xml:id="f950_case.d03" n="3">
        <table rows="1" cols="2"><row><cell>SECURITY CLASSIFICATION</cell><cell>TO: PRESIDENT GORBACHEV</cell></row></table>
      </div>""")]),
    ("date-ranges.xml", [("<date when=\"1988-12-21\">21/xii</date>", "<date notBefore=\"1988-12\" notAfter=\"1989-01-02\">undated</date> <date from=\"1988\" to=\"1989-01\">1988–9</date>")]),
    ("no-hands-used.xml", [("<handShift new=\"#hand-CDP\"/>", ""), ("<handShift new=\"#typescript\"/>", "")]),
    ("every-closure-reason.xml", [("""        <note type="boilerplate">The card's printed instructions and unmarked reasons are omitted.</note>
      </div>""", """        <note type="boilerplate">The card's printed instructions and unmarked reasons are omitted.</note>
      </div>""" + "".join(f"""
      <div type="closureCard" xml:id="f950_case.d{n:02d}" n="{n}">
        <gap reason="{reason}" unit="document" quantity="1"><desc>{reason.upper()} <date when="2016-12-13">13/12/16</date></desc></gap>
      </div>""" for n, reason in enumerate(("closed-foi", "retained-3-4", "missing-at-transfer", "number-not-used", "missing-tna", "put-in-place-tna"), 3)))]),
    ("registers-linked.xml", REGISTERS),
    ("register-file.xml", REGISTER_FILE),
]

#: Invalid variations: (file name, [(old, new)], [(needle for the line, rule or None, words in the message)]).
INVALID = [
    # ---- the grammar
    ("div-type-unknown.xml", [('<div type="letter"', '<div type="lettre"')],
     [('<div type="lettre"', None, '@type="lettre" on <div> is not a valid value; expected one of "letter", "minute", "telegram"')]),
    ("gap-without-reason.xml", [('<gap reason="redacted" unit="chars"', '<gap unit="chars"')],
     [('<gap unit="chars"', None, '<gap> lacks the required attribute @reason; expected one of "closed-foi"')]),
    ("gap-reason-unknown.xml", [('<gap reason="redacted"', '<gap reason="mislaid"')],
     [('<gap reason="mislaid"', None, '@reason="mislaid" on <gap> is not a valid value; expected one of "closed-foi"')]),
    ("fw-type-unknown.xml", [('<fw type="catch">', '<fw type="running">')],
     [('<fw type="running">', None, '@type="running" on <fw> is not a valid value; expected one of "header", "footer", "catch", "pageNum", "letterhead"')]),
    ("head-after-paragraph.xml", [('<p>The main elements are as follows:</p>', '<p>The main elements are as follows:</p>\n        <head>Heading</head>')],
     [('<head>Heading</head>', None, "element <head> is not allowed here in <div> (after <p>); expected one of")]),
    ("paragraph-in-body.xml", [("    <body>\n", "    <body>\n      <p>Loose text.</p>\n")],
     [("<p>Loose text.</p>", None, "element <p> is not allowed here in <body> (as its first child); expected one of <div>")]),
    ("unknown-element.xml", [("as follows:</p>", "as <foo>follows</foo>:</p>")],
     [("<foo>follows</foo>", None, "element <foo> is not allowed here in <p> (as its first child): the schema defines no such element; expected one of <add>")]),
    ("tei-element-not-in-schema.xml", [("as follows:</p>", "as <emph>follows</emph>:</p>")],
     [("<emph>follows</emph>", None, "element <emph> is not allowed here in <p>")]),
    ("wrong-namespace.xml", [("<p>The main elements are as follows:</p>", '<p xmlns="http://www.w3.org/1999/xhtml">The main elements are as follows:</p>')],
     [('<p xmlns="http://www.w3.org/1999/xhtml">', None, "it is in the namespace http://www.w3.org/1999/xhtml, not in the schema's namespace http://www.tei-c.org/ns/1.0")]),
    ("text-in-list.xml", [("<list>\n", "<list>Items:\n")],
     [("<list>Items:", None, 'text "Items:" is not allowed here in <list> (before its first child), which holds elements only; expected one of <fw>, <gap>, <head>, <item>, <label>')]),
    ("text-after-closer.xml", [("""        </closer>
      </div>""", """        </closer>
        stray words after the closer
      </div>""")],
     [("stray words after the closer", None, 'text "stray words after the closer" is not allowed here in <div> (after <closer>), which holds elements only; expected one of <closer>, <fw>, <gap>, <lb>, <milestone>, <note>, <pb>, <postscript> or the end of <div>')]),
    ("empty-list.xml", [("""        <list>
          <label>(a)</label><item>the resolution of some 20 remaining cases;</item>
          <label>(b)</label><item>permission for dual nationals to leave.</item>
        </list>""", "        <list>\n        </list>")],
     [("<list>", None, "<list> is incomplete (but it has no child elements); expected one of")]),
    ("attribute-not-allowed.xml", [("<p>The main elements", '<p align="left">The main elements')],
     [('<p align="left">', None, "attribute @align is not allowed on <p>; expected one of @xml:id")]),
    ("handshift-without-new.xml", [('<handShift new="#hand-CDP"/>', "<handShift/>")],
     [("<handShift/>", None, "<handShift> lacks the required attribute @new")]),
    ("milestone-without-unit.xml", [('<pb n="2"/>', '<pb n="2"/>\n        <milestone/>')],
     [("<milestone/>", None, "<milestone> lacks the required attribute @unit")]),
    ("quantity-not-a-number.xml", [('quantity="5"', 'quantity="five"')],
     [('quantity="five"', None, '@quantity="five" on <gap> is not a valid value; expected a whole number')]),
    ("text-in-empty-element.xml", [("(J S Wall)<lb/>", "(J S Wall)<lb>break</lb>")],
     [("<lb>break</lb>", None, 'text "break" is not allowed in <lb>, which must be empty')]),
    ("source-missing.xml", [("""      <sourceDesc>
        <msDesc>
          <msIdentifier>
            <country>United Kingdom</country>
            <settlement>Kew</settlement>
            <repository>The National Archives</repository>
            <collection>PREM 19</collection>
            <idno type="piece">2182</idno>
          </msIdentifier>
        </msDesc>
      </sourceDesc>
""", "")],
     [("<fileDesc>", None, "<fileDesc> is incomplete (after <publicationStmt>); expected <sourceDesc>")]),
    ("wrong-root.xml", [('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="f950_case" xml:lang="en">', '<TEI xmlns="http://example.org/not-tei" xml:id="f950_case" xml:lang="en">')],
     [("<TEI xmlns=", None, "the root element <TEI> is not allowed: it is in the namespace http://example.org/not-tei")]),
    ("correspaction-type-unknown.xml", [('<correspAction type="received">', '<correspAction type="forwarded">')],
     [('<correspAction type="forwarded">', None, '@type="forwarded" on <correspAction> is not a valid value; expected one of "sent", "received"')]),
    ("date-not-iso.xml", [('<dateline><date when="1988-12-21">', '<dateline><date when="21/12/88">')],
     [('<date when="21/12/88">', None, '@when="21/12/88" on <date> is not a valid value; expected an ISO date')]),
    ("date-does-not-exist.xml", [('<dateline><date when="1988-12-21">', '<dateline><date when="1988-02-30">')],
     [('<date when="1988-02-30">', None, '@when="1988-02-30" on <date> is not a valid value')]),
    ("paragraph-in-subst.xml", [('<add place="above">shall have to reach</add>', '<add place="above">shall have to reach</add><p>x</p>')],
     [("<p>x</p>", None, "element <p> is not allowed here in <subst> (after <add>); expected one of <add>, <del> or the end of <subst>")]),
    ("id-not-a-name.xml", [('xml:id="f950_case.d02"', 'xml:id="2nd-card"')],
     [('xml:id="2nd-card"', None, '@xml:id="2nd-card" on <div> is not a valid value; expected an identifier')]),
    ("availability-status-unknown.xml", [('<availability status="free">', '<availability status="open">')],
     [('<availability status="open">', None, '@status="open" on <availability> is not a valid value; expected one of "free", "unknown", "restricted"')]),
    ("paragraph-after-closer.xml", [("""        </closer>
      </div>""", """        </closer>
        <p>After the closer.</p>
      </div>""")],
     [("<p>After the closer.</p>", None, "element <p> is not allowed here in <div> (after <closer>)")]),
    # ---- the Schematron
    ("hand-not-declared.xml", [('<handShift new="#hand-CDP"/>', '<handShift new="#hand-XYZ"/>')],
     [('<handShift new="#hand-XYZ"/>', "pmo-hands-declared", '@new="#hand-XYZ" is not a declared hand; expected one of #typescript, #hand-CDP')]),
    ("hand-not-a-handnote.xml", [('<add place="above">', '<add place="above" hand="#cd-d01">')],
     [('hand="#cd-d01"', "pmo-hands-declared", '@hand="#cd-d01" is not a declared hand')]),
    ("duplicate-id.xml", [('<correspDesc xml:id="cd-d01"', '<correspDesc xml:id="pipeline"')],
     [('<correspDesc xml:id="pipeline"', "pmo-id-unique", 'xml:id "pipeline" is already used by an earlier <name>'),
      ('decls="#cd-d01"', "pmo-pointers-resolve", "@decls points at #cd-d01, but no element has that xml:id")]),
    ("range-backwards.xml", [('<date when="1988-12-21">21/xii</date>', '<date notBefore="1989-01-02" notAfter="1988-12-21">21/xii</date>')],
     [('notBefore="1989-01-02"', "pmo-date-order", "@notBefore (1989-01-02) is later than @notAfter (1988-12-21)")]),
    ("closure-card-without-date.xml", [(' TEMPORARILY RETAINED <date when="2016-12-13">13/12/16</date>', " TEMPORARILY RETAINED")],
     [('<gap reason="temporarily-retained"', "pmo-closure-card", 'the closure card\'s gap (reason="temporarily-retained") has no date')]),
    ("closure-card-wrong-reason.xml", [('<gap reason="temporarily-retained" unit="document" quantity="1">', '<gap reason="redacted" unit="document" quantity="1">')],
     [('<div type="closureCard"', "pmo-closure-card", "a closure card must hold a gap whose @reason is a closure reason")]),
    ("subst-without-del.xml", [('<subst><del rend="strikethrough">can no longer delay</del>', "<subst>")],
     [("<subst>", "pmo-subst-del-add", "a subst must hold both a del (what was struck out) and an add")]),
    ("correspdesc-points-at-handnote.xml", [('corresp="#f950_case.d01"', 'corresp="#hand-CDP"')],
     [('corresp="#hand-CDP"', "pmo-corresp-division", "correspDesc must point with @corresp at the division it describes")]),
    ("div-decls-dangling.xml", [('decls="#cd-d01"', 'decls="#cd-d09"')],
     [('decls="#cd-d09"', "pmo-pointers-resolve", "@decls points at #cd-d09, but no element has that xml:id")]),
    ("quantity-without-unit.xml", [('<gap reason="redacted" unit="chars" quantity="5"/>', '<gap reason="redacted" quantity="5"/>')],
     [('<gap reason="redacted" quantity="5"/>', "pmo-gap-extent", 'gap has quantity="5" but no @unit')]),
    ("ref-dangling.xml", [('ref="#hand-CDP"', 'ref="#person-CDP"')],
     [('ref="#person-CDP"', "pmo-pointers-resolve", "@ref points at #person-CDP, but no element has that xml:id")]),
    # ---- the TEI's own constraints, kept by the customisation
    ("when-with-a-range.xml", [('<dateline><date when="1988-12-21">', '<dateline><date when="1988-12-21" notBefore="1988-12-01">')],
     [('<date when="1988-12-21" notBefore', "tei-att.datable.w3c-att-datable-w3c-when", "The @when attribute cannot be used with any other att.datable.w3c attributes")]),
    ("subtype-without-type.xml", [("<persName>J S Wall</persName>", '<persName subtype="classification">J S Wall</persName>')],
     [('<persName subtype=', "tei-att.typed-subtypeTyped", "The persName element should not be categorized in detail with @subtype unless also categorized in general with @type")]),
    # ---- the registers
    ("register-persname-points-at-org.xml", REGISTERS + [('<persName ref="#per-wall-stephen">', '<persName ref="#org-fco">')],
     [('<persName ref="#org-fco">', "pmo-register-links", '@ref="#org-fco" on <persName> points at <org>, not at a <person>; expected # followed by the xml:id of a <person>')]),
    ("register-scriberef-points-at-place.xml", REGISTERS + [('scribeRef="#per-powell-charles"', 'scribeRef="#pla-moscow"')],
     [('scribeRef="#pla-moscow"', "pmo-register-links", '@scribeRef="#pla-moscow" on <handNote> points at <place>, not at a <person>')]),
    ("register-settlement-points-at-person.xml", REGISTERS + [('<settlement ref="#pla-kew">', '<settlement ref="#per-wall-stephen">')],
     [('<settlement ref="#per-wall-stephen">', "pmo-register-links", "expected # followed by the xml:id of a <place>")]),
    ("register-scriberef-dangling.xml", REGISTERS + [('scribeRef="#per-powell-charles"', 'scribeRef="#per-nobody"')],
     [('scribeRef="#per-nobody"', "pmo-pointers-resolve", "@scribeRef points at #per-nobody, but no element has that xml:id")]),
    ("register-wikidata-malformed.xml", REGISTERS + [('<idno type="wikidata">Q334316</idno>', '<idno type="wikidata">Q0334316</idno>')],
     [('<idno type="wikidata">Q0334316', "pmo-authority-id", 'idno type="wikidata" "Q0334316" is not a Wikidata identifier; expected Q followed by its number')]),
    ("register-viaf-malformed.xml", REGISTERS + [('<idno type="viaf">27063124</idno>', '<idno type="viaf">viaf/27063124</idno>')],
     [('<idno type="viaf">viaf', "pmo-authority-id", 'idno type="viaf" "viaf/27063124" is not a VIAF identifier')]),
    ("register-two-standard-names.xml", REGISTERS + [('<persName type="variant">J S Wall</persName>', '<persName type="standard">J S Wall</persName>')],
     [('<person xml:id="per-wall-stephen"', "pmo-register-entry", '<person xml:id="per-wall-stephen"> has 2 names of type "standard"; expected exactly one')]),
    ("register-name-without-type.xml", REGISTERS + [('<placeName type="variant">MOSCOW</placeName>', "<placeName>MOSCOW</placeName>")],
     [('<place xml:id="pla-moscow"', "pmo-register-entry", '<place xml:id="pla-moscow"> has a name without @type')]),
    ("register-name-type-unknown.xml", REGISTERS + [('<persName type="initials">CDP</persName>', '<persName type="nickname">CDP</persName>')],
     [('<persName type="nickname">', None, '@type="nickname" on <persName> is not a valid value; expected one of "standard", "variant", "initials"')]),
    ("register-person-without-id.xml", REGISTERS + [("    </listPerson>", '      <person><persName type="standard">Unnamed</persName></person>\n    </listPerson>')],
     [("<person><persName", None, "<person> lacks the required attribute @xml:id")]),
    ("register-sortkey-with-space.xml", REGISTERS + [('sortKey="Wall,Stephen"', 'sortKey="Wall, Stephen"')],
     [('sortKey="Wall, Stephen"', None, '@sortKey="Wall, Stephen" on <person> is not a valid value')]),
    ("register-lists-out-of-order.xml", REGISTERS + [("""    <listOrg>
      <org xml:id="org-fco"><orgName type="standard">Foreign and Commonwealth Office</orgName><orgName type="variant">FCO</orgName></org>
    </listOrg>
""", ""), ("""    </listPlace>
""", """    </listPlace>
    <listOrg>
      <org xml:id="org-fco"><orgName type="standard">Foreign and Commonwealth Office</orgName><orgName type="variant">FCO</orgName></org>
    </listOrg>
""")],
     [("    <listOrg>", None, "element <listOrg> is not allowed here in <standOff> (after <listPlace>)")]),
]

#: Hostile inputs: refused before validation (exit 2); (file name, bytes, line, words in the message).
HOSTILE = [
    ("doctype-entity.xml", b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>\n', 2, "a DOCTYPE declaration is not accepted"),
    ("billion-laughs.xml", b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&lol3;</TEI>\n', 2, "a DOCTYPE declaration is not accepted"),
    ("xinclude.xml", b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n<xi:include href="/etc/passwd" parse="text"/></TEI>\n', 3, "XInclude"),
    ("too-deep.xml", b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">' + b"<p>" * 100 + b"</p>" * 100 + b"</TEI>\n", 2, "nested more than 100 elements deep"),
    ("not-well-formed.xml", b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p>unclosed\n</TEI>\n', 4, "mismatch"),
    ("bad-encoding.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p>caf\xe9</p>\n</TEI>\n', 3, "the text here is not valid UTF-8 (byte 0xE9"),
    ("far-too-deep.xml", b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">' + b"<p>" * 300 + b"</p>" * 300 + b"</TEI>\n", 2, "nested more than 100 elements deep here"),
    ("encoding-declared-wrong.xml", b'<?xml version="1.0" encoding="UTF-16"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n', 1, 'the XML declaration says encoding="UTF-16", but the file is written one byte per character'),
    ("encoding-unknown.xml", b'<?xml version="1.0" encoding="klingon"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n', 1, 'the XML declaration names the encoding "klingon", which is not known'),
    ("undeclared-entity.xml", b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p>&nbsp;</p>\n</TEI>\n', 3, "Entity 'nbsp' not defined"),
]


def _apply(text: str, changes: list[tuple[str, str]], name: str) -> str:
    for old, new in changes:
        if old not in text:
            raise SystemExit(f"{name}: {old!r} is not in the base document")
        text = text.replace(old, new, 1)
    return text


def _line(text: str, needle: str, name: str) -> int:
    at = text.find(needle)
    if at < 0:
        raise SystemExit(f"{name}: {needle!r} is not in the case")
    return text.count("\n", 0, at) + 1


def main() -> None:
    manifest = []
    for folder in ("valid", "invalid", "hostile"):
        (HERE / folder).mkdir(exist_ok=True)
        for old in (HERE / folder).glob("*.xml"):
            old.unlink()
    for name, changes in VALID:
        (HERE / "valid" / name).write_text(_apply(BASE, changes, name), encoding="utf-8")
        manifest.append({"file": f"valid/{name}", "valid": True, "readable": True, "messages": []})
    for name, changes, expected in INVALID:
        text = _apply(BASE, changes, name)
        (HERE / "invalid" / name).write_text(text, encoding="utf-8")
        messages = [{"line": _line(text, needle, name), "rule": rule, "contains": words} for needle, rule, words in expected]
        manifest.append({"file": f"invalid/{name}", "valid": False, "readable": True, "messages": messages})
    for name, data, line, words in HOSTILE:
        (HERE / "hostile" / name).write_bytes(data)
        manifest.append({"file": f"hostile/{name}", "valid": False, "readable": False, "messages": [{"line": line, "rule": None, "contains": words}]})
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
