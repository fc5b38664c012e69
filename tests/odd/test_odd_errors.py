"""The compiler resolves a customisation against TEI and refuses what it cannot translate, naming the spec and the line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.odd.cli import schema as schema_command
from pipeline.odd.compile import compile_odd
from pipeline.odd.load import OddError, load_odd
from pipeline.odd.teisource import DEFAULT_SOURCE

pytestmark = pytest.mark.skipif(not DEFAULT_SOURCE.exists(), reason="tei_all.rng is fetched by scripts/setup")

HEAD = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:sch="http://purl.oclc.org/dsdl/schematron" xmlns:rng="http://relaxng.org/ns/structure/1.0">
<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body>
<schemaSpec ident="t" start="TEI" SOURCE>
"""
TAIL = "</schemaSpec></body></text></TEI>\n"
MODULES = '<moduleRef key="textstructure" include="TEI"/>\n<moduleRef key="core" include="p hi lb"/>\n'
DATA = '<dataSpec ident="teidata.text" mode="change"><gloss>g</gloss><desc>d</desc><content><dataRef name="string"/></content></dataSpec>\n'
EX = '<exemplum><egXML xmlns="http://www.tei-c.org/ns/Examples"><x/></egXML></exemplum>'
GOOD_TEI = '<elementSpec ident="TEI" mode="change"><content><elementRef key="p" minOccurs="0" maxOccurs="unbounded"/></content></elementSpec>\n'


def change(ident: str, inner: str) -> str:
    return f'<elementSpec ident="{ident}" mode="change">{inner}</elementSpec>\n'


def odd(tmp_path, body: str, modules: str = MODULES, source: str = 'source="tei:4.3.0"'):
    path = tmp_path / "t.odd"
    path.write_text(HEAD.replace("SOURCE", source) + modules + DATA + GOOD_TEI + body + TAIL, encoding="utf-8")
    return path


def test_a_minimal_customisation_takes_what_it_does_not_change_from_tei(tmp_path):
    path = odd(tmp_path, change("lb", '<attList><attDef ident="rend" mode="delete"/></attList>'))
    outputs = compile_odd(path)
    assert set(outputs) == {"t.rng", "t.sch", "t.sch.xsl", "t.xsd", "t-guidelines.html"}
    schema = load_odd(path)
    lb = schema.elements["lb"]
    assert lb.content.__class__.__name__ == "Empty" and lb.gloss == "line beginning"
    names = {a.name for a in lb.attributes}
    assert {"xml:id", "n", "break", "ed"} <= names and "rend" not in names
    p = schema.elements["p"]  # unchanged: TEI's content, pruned to the elements the schema has
    assert "model.phrase" in repr(p.content) or "macro.paraContent" in repr(p.content)
    assert {"hi", "lb"} <= set(schema.class_members("model.phrase")) | set(schema.class_members("model.global"))


def test_a_closed_value_list_narrows_a_tei_attribute(tmp_path):
    body = change("hi", '<attList><attDef ident="rend" mode="change"><valList type="closed"><valItem ident="bold"><gloss>b</gloss><desc>d</desc></valItem></valList></attDef></attList>')
    hi = load_odd(odd(tmp_path, body)).elements["hi"]
    rend = next(a for a in hi.attributes if a.name == "rend")
    assert rend.closed and [v.ident for v in rend.values] == ["bold"] and rend.list_of


def test_deleting_a_class_removes_its_attributes(tmp_path):
    body = '<classSpec ident="att.global.facs" type="atts" mode="delete"/>\n'
    schema = load_odd(odd(tmp_path, body))
    assert all(a.name != "facs" for a in schema.elements["p"].attributes)


CASES = [
    ("no source", "", 'schemaSpec "t"', "@source is required", dict(source="")),
    ("wrong pin", "", 'schemaSpec "t"', 'pins TEI 9.9.9, but the TEI definitions', dict(source='source="tei:9.9.9"')),
    ("no moduleRef", "", "schemaSpec", "no moduleRef", dict(modules="")),
    ("unknown element", "", 'moduleRef "core"', '"nowhere", which is not a TEI 4.3.0 element', dict(modules=MODULES + '<moduleRef key="core" include="nowhere"/>\n')),
    ("TEI element added", '<elementSpec ident="div"><gloss>g</gloss><desc>d</desc><content><empty/></content>' + EX + "</elementSpec>\n", 'elementSpec "div"', 'TEI already has <div>', {}),
    ("change not included", change("div", "<content><empty/></content>"), 'elementSpec "div"', "which no moduleRef includes", {}),
    ("RELAX NG content", change("p", '<content><rng:element name="x"><rng:empty/></rng:element></content>'), 'elementSpec "p"', "RELAX NG in a content model is not supported", {}),
    ("anyElement", change("p", "<content><anyElement/></content>"), 'elementSpec "p"', "<anyElement> is not supported in a content model", {}),
    ("classRef expand", change("p", '<content><classRef key="model.phrase" expand="sequence"/></content>'), 'elementSpec "p"', "classRef/@expand is not supported", {}),
    ("unknown elementRef", change("p", '<content><elementRef key="nowhere"/></content>'), 'elementSpec "p"', 'elementRef "nowhere": no elementSpec specifies that element', {}),
    ("unknown class", change("p", '<content><classRef key="model.nowhere"/></content>'), 'elementSpec "p"', 'classRef "model.nowhere": no model classSpec', {}),
    ("occurrences", change("p", '<content><elementRef key="hi" minOccurs="2" maxOccurs="3"/></content>'), 'elementSpec "p"', 'minOccurs="2" maxOccurs="3"', {}),
    ("delete what TEI lacks", change("p", '<attList><attDef ident="nowhere" mode="delete"/></attList>'), 'elementSpec "p"', 'attribute "nowhere" has mode="delete" but neither TEI nor a class gives it here', {}),
    ("add what TEI has", change("p", '<attList><attDef ident="n"><gloss>g</gloss><desc>d</desc><datatype><dataRef key="teidata.text"/></datatype>' + EX + "</attDef></attList>"), 'elementSpec "p"', 'attribute "n" is already given by', {}),
    ("unknown datatype", change("p", '<attList><attDef ident="n" mode="change"><datatype><dataRef key="teidata.nowhere"/></datatype></attDef></attList>'), 'elementSpec "p"', 'dataRef key="teidata.nowhere"', {}),
    ("unsupported XSD type", change("p", '<attList><attDef ident="n" mode="change"><datatype><dataRef name="QName"/></datatype></attDef></attList>'), 'elementSpec "p"', 'dataRef name="QName" is not an XML Schema datatype', {}),
    ("defaultVal", change("p", '<attList><attDef ident="n" mode="change"><defaultVal>x</defaultVal></attDef></attList>'), 'elementSpec "p"', "<defaultVal> is not supported", {}),
    ("undocumented value", change("p", '<attList><attDef ident="n" mode="change"><valList type="closed"><valItem ident="x"/></valList></attDef></attList>'), 'elementSpec "p"', 'value "x" needs a gloss and a desc', {}),
    ("processing model", change("p", '<model behaviour="inline"/>'), 'elementSpec "p"', "<model> in a elementSpec is not supported", {}),
    ("non-Schematron constraint", change("p", '<constraintSpec ident="c" scheme="xsd"><constraint/></constraintSpec>'), 'constraintSpec "c"', 'scheme="xsd" is not supported', {}),
    ("twice", change("p", "") + change("p", ""), 'elementSpec "p"', "p is specified twice", {}),
    ("text outside an alternation (XSD)", change("p", '<content><sequence><textNode/><elementRef key="hi"/></sequence></content>'), 'schemaSpec "t"', "text outside a repeatable alternation cannot be written to XSD", {}),
    ("undocumented rule", change("p", '<constraintSpec ident="c" scheme="schematron"><constraint><sch:rule context="tei:p"><sch:assert test="1">x</sch:assert></sch:rule></constraint></constraintSpec>'), 'constraintSpec "c"', "a rule needs a gloss and a desc", {}),
    ("undocumented new class", '<classSpec ident="model.x" type="model"/>\n', 'classSpec "model.x"', "every classSpec needs a gloss and a desc", {}),
    ("TEI class added", '<classSpec ident="model.pLike" type="model"><gloss>g</gloss><desc>d</desc></classSpec>\n', 'classSpec "model.pLike"', "TEI already has the class model.pLike", {}),
    ("unknown class deleted", '<classSpec ident="att.nowhere" type="atts" mode="delete"/>\n', 'classSpec "att.nowhere"', "TEI has no class att.nowhere to delete", {}),
    ("membership not held", change("p", '<classes><memberOf key="model.divPart" mode="delete"/></classes>'), 'elementSpec "p"', 'memberOf "model.divPart" mode="delete": it is not a member', {}),
    ("empty content", change("p", "<content/>"), 'elementSpec "p"', "an empty <content> is ambiguous", {}),
    ("unknown TEI constraint deleted", change("p", '<constraintSpec ident="nowhere" scheme="schematron" mode="delete"/>'), 'constraintSpec "nowhere"', 'TEI 4.3.0 has no constraint of that ident on p; expected one of abstractModel-structure-p, abstractModel-structure-l', {}),
]


def test_tei_constraints_on_what_is_kept_are_kept_unless_deleted(tmp_path):
    kept = {r.ident for r in load_odd(odd(tmp_path, "")).rules}
    assert {"tei-p-abstractModel-structure-p", "tei-p-abstractModel-structure-l"} <= kept
    assert not any(r.startswith("tei-div-") for r in kept)  # div is not in this schema
    dropped = {r.ident for r in load_odd(odd(tmp_path, change("p", '<constraintSpec ident="abstractModel-structure-l" scheme="schematron" mode="delete"/>'))).rules}
    assert "tei-p-abstractModel-structure-l" not in dropped and "tei-p-abstractModel-structure-p" in dropped


@pytest.mark.parametrize("label, body, spec, words, options", CASES, ids=[c[0] for c in CASES])
def test_what_the_compiler_cannot_translate_is_refused_with_spec_and_line(tmp_path, label, body, spec, words, options):
    path = odd(tmp_path, body, **options)
    with pytest.raises(OddError) as info:
        compile_odd(path)
    message = str(info.value)
    assert words in message
    assert spec in message
    assert message.startswith(f"{path}:")
    if label not in ("text outside an alternation (XSD)", "no moduleRef"):
        assert info.value.line and info.value.line >= 5, message  # the line of the offending spec, not of the document


def test_a_missing_tei_source_is_named_with_the_way_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PMO_TEI_SOURCE", str(tmp_path / "none.rng"))
    with pytest.raises(OddError, match="run scripts/setup"):
        load_odd(odd(tmp_path, ""))


def test_the_command_reports_an_odd_error_in_one_line(tmp_path):
    path = odd(tmp_path, "", source="")
    result = CliRunner().invoke(schema_command, [str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "@source is required" in result.output
    assert not (tmp_path / "out").exists()


def test_hostile_odd_is_refused(tmp_path):
    path = tmp_path / "t.odd"
    path.write_bytes(b'<!DOCTYPE TEI SYSTEM "/etc/passwd"><TEI/>')
    with pytest.raises(OddError, match="DOCTYPE"):
        load_odd(path)
    missing = CliRunner().invoke(schema_command, [str(tmp_path / "none.odd")])
    assert missing.exit_code == 2
