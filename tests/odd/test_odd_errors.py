"""The compiler refuses ODD features it does not handle, naming the spec and the line; never a silently wrong schema."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.odd.cli import schema as schema_command
from pipeline.odd.compile import compile_odd
from pipeline.odd.load import OddError, load_odd

HEAD = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:sch="http://purl.oclc.org/dsdl/schematron" xmlns:rng="http://relaxng.org/ns/structure/1.0">
<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body>
<schemaSpec ident="t" start="TEI">
"""
TAIL = "</schemaSpec></body></text></TEI>\n"
DATA = '<dataSpec ident="teidata.text"><gloss>g</gloss><desc>d</desc><content><dataRef name="string"/></content></dataSpec>\n'
EX = '<exemplum><egXML xmlns="http://www.tei-c.org/ns/Examples"><x/></egXML></exemplum>'


def element(ident: str, content: str = "<empty/>", extra: str = "", attributes: str = "", mode: str = "") -> str:
    att_list = f"<attList>{attributes}</attList>" if attributes else ""
    return f'<elementSpec ident="{ident}"{mode}><gloss>g</gloss><desc>d</desc>{extra}<content>{content}</content>{att_list}{EX}</elementSpec>\n'


GOOD_TEI = element("TEI", '<elementRef key="p" minOccurs="0" maxOccurs="unbounded"/>')
GOOD_P = element("p", "<alternate minOccurs=\"0\" maxOccurs=\"unbounded\"><textNode/></alternate>")


def odd(tmp_path, body: str):
    path = tmp_path / "t.odd"
    path.write_text(HEAD + DATA + body + TAIL, encoding="utf-8")
    return path


def test_a_minimal_odd_compiles(tmp_path):
    outputs = compile_odd(odd(tmp_path, GOOD_TEI + GOOD_P))
    assert set(outputs) == {"t.rng", "t.sch", "t.sch.xsl", "t.xsd", "t-guidelines.html"}


CASES = [
    ("moduleRef", '<moduleRef key="core"/>\n', 'moduleRef "', "moduleRef needs the TEI sources"),
    ("change mode", element("p", mode=' mode="change"'), 'elementSpec "p"', 'mode="change" needs the TEI sources'),
    ("RELAX NG content", element("p", '<rng:element name="x"><rng:empty/></rng:element>'), 'elementSpec "p"', "RELAX NG in a content model is not supported"),
    ("anyElement", element("p", "<anyElement/>"), 'elementSpec "p"', "<anyElement> is not supported in a content model"),
    ("classRef expand", element("p", '<classRef key="model.x" expand="sequence"/>'), 'elementSpec "p"', "classRef/@expand is not supported"),
    ("unknown element", element("p", '<elementRef key="nowhere"/>'), 'elementSpec "p"', 'elementRef "nowhere": no elementSpec specifies that element'),
    ("unknown class", element("p", '<classRef key="model.nowhere"/>'), 'elementSpec "p"', 'classRef "model.nowhere": no model classSpec'),
    ("unknown membership", element("p", extra='<classes><memberOf key="att.nowhere"/></classes>'), 'elementSpec "p"', 'memberOf "att.nowhere": no classSpec'),
    ("occurrences", element("p", '<elementRef key="TEI" minOccurs="2" maxOccurs="3"/>'), 'elementSpec "p"', 'minOccurs="2" maxOccurs="3"'),
    ("no datatype", element("p", attributes='<attDef ident="a"><gloss>g</gloss><desc>d</desc></attDef>'), 'elementSpec "p"', 'attribute "a" needs a datatype or a closed valList'),
    ("unknown datatype", element("p", attributes='<attDef ident="a"><gloss>g</gloss><desc>d</desc><datatype><dataRef key="teidata.nowhere"/></datatype></attDef>'), 'elementSpec "p"', 'dataRef key="teidata.nowhere"'),
    ("unsupported XSD type", element("p", attributes='<attDef ident="a"><gloss>g</gloss><desc>d</desc><datatype><dataRef name="QName"/></datatype></attDef>'), 'elementSpec "p"', 'dataRef name="QName" is not an XML Schema datatype this compiler supports'),
    ("defaultVal", element("p", attributes='<attDef ident="a"><gloss>g</gloss><desc>d</desc><datatype><dataRef key="teidata.text"/></datatype><defaultVal>x</defaultVal></attDef>'), 'elementSpec "p"', "<defaultVal> is not supported"),
    ("attDef change", element("p", attributes='<attDef ident="a" mode="change"><gloss>g</gloss><desc>d</desc></attDef>'), 'elementSpec "p"', 'mode="change" is not supported'),
    ("no gloss", '<elementSpec ident="p"><desc>d</desc><content><empty/></content>' + EX + "</elementSpec>\n", 'elementSpec "p"', "every elementSpec needs a gloss and a desc"),
    ("no example", '<elementSpec ident="p"><gloss>g</gloss><desc>d</desc><content><empty/></content></elementSpec>\n', 'elementSpec "p"', "every element needs a gloss, a desc and an exemplum"),
    ("processing model", element("p", extra='<model behaviour="inline"/>'), 'elementSpec "p"', "<model> in a elementSpec is not supported"),
    ("non-Schematron constraint", element("p", extra="") .replace("<content>", '<constraintSpec ident="c" scheme="xsd"><constraint/></constraintSpec><content>'), 'constraintSpec "c"', 'scheme="xsd" is not supported'),
    ("twice", GOOD_P, "", "p is specified twice"),
    ("text outside an alternation (XSD)", element("p", "<sequence><textNode/><elementRef key=\"TEI\"/></sequence>"), 'schemaSpec "t"', "text outside a repeatable alternation cannot be written to XSD"),
    ("attribute without example", element("p", attributes='<attDef ident="a"><gloss>g</gloss><desc>d</desc><datatype><dataRef key="teidata.text"/></datatype></attDef>'), 'elementSpec "p"', 'attribute "a" needs an exemplum'),
    ("undocumented value", element("p", attributes='<attDef ident="a"><gloss>g</gloss><desc>d</desc><valList type="closed"><valItem ident="x"/></valList>' + EX + "</attDef>"), 'elementSpec "p"', 'value "x" needs a gloss and a desc'),
    ("undocumented rule", element("p").replace("<content>", '<constraintSpec ident="c" scheme="schematron"><constraint><sch:rule context="tei:p"><sch:assert test="1">x</sch:assert></sch:rule></constraint></constraintSpec><content>'), 'constraintSpec "c"', "a rule needs a gloss and a desc"),
    ("undocumented class", '<classSpec ident="model.x" type="model"/>\n', 'classSpec "model.x"', "every classSpec needs a gloss and a desc"),
    ("empty content", '<elementSpec ident="p"><gloss>g</gloss><desc>d</desc><content/>' + EX + "</elementSpec>\n", 'elementSpec "p"', "an empty <content> is ambiguous"),
]


@pytest.mark.parametrize("label, body, spec, words", CASES, ids=[c[0] for c in CASES])
def test_unsupported_features_are_refused_with_spec_and_line(tmp_path, label, body, spec, words):
    defines_p = body.startswith('<elementSpec ident="p"') and label != "twice"
    path = odd(tmp_path, GOOD_TEI + ("" if defines_p else GOOD_P) + body)
    with pytest.raises(OddError) as info:
        compile_odd(path)
    message = str(info.value)
    assert words in message
    assert spec in message
    assert message.startswith(f"{path}:")
    line = info.value.line
    if label != "text outside an alternation (XSD)":
        assert line and line > 5, message  # the line of the offending spec, not of the document


def test_the_command_reports_an_odd_error_in_one_line(tmp_path):
    path = odd(tmp_path, GOOD_TEI + '<moduleRef key="core"/>\n')
    result = CliRunner().invoke(schema_command, [str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "moduleRef needs the TEI sources" in result.output
    assert not (tmp_path / "out").exists()


def test_hostile_odd_is_refused(tmp_path):
    path = tmp_path / "t.odd"
    path.write_bytes(b'<!DOCTYPE TEI SYSTEM "/etc/passwd"><TEI/>')
    with pytest.raises(OddError, match="DOCTYPE"):
        load_odd(path)
    missing = CliRunner().invoke(schema_command, [str(tmp_path / "none.odd")])
    assert missing.exit_code == 2
