"""The Schematron compiler: ISO Schematron semantics on saxonche, and refusals of what it does not support."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.odd.sch2xslt import SchematronError, compile_schematron
from pipeline.xslt import XsltRunner

SCH = "http://purl.oclc.org/dsdl/schematron"


def run(tmp_path, schema: str, document: str) -> list[dict]:
    xsl = tmp_path / "s.xsl"
    xsl.write_bytes(compile_schematron(f'<schema xmlns="{SCH}" queryBinding="xslt2"><ns prefix="t" uri="urn:t"/>{schema}</schema>'.encode()))
    output = XsltRunner({"s": xsl}).transform("s", document).output
    report = etree.fromstring(output.encode())
    return [dict(f.attrib, text=" ".join("".join(f.itertext()).split())) for f in report.iter("failed")]


DOC = '<t:a xmlns:t="urn:t"><t:b n="1"/><t:b n="2"/><t:c when="x"/></t:a>'


def test_assert_fails_and_report_fires_with_ids_and_locations(tmp_path):
    found = run(tmp_path, """
      <pattern id="p1"><rule context="t:b"><assert test="@n = '1'" id="one">b has n=<value-of select="@n"/>, in <name path=".."/></assert></rule></pattern>
      <pattern id="p2"><rule context="t:c" id="r2"><report test="@when">a <name/> with a date</report></rule></pattern>""", DOC)
    assert found == [
        {"pattern": "p1", "id": "one", "role": "error", "location": "1/2", "text": "b has n=2, in t:a"},
        {"pattern": "p2", "id": "r2", "role": "error", "location": "1/3", "text": "a t:c with a date"},
    ]


def test_first_matching_rule_of_a_pattern_wins(tmp_path):
    found = run(tmp_path, """
      <pattern id="p"><rule context="t:b[@n='1']"><assert test="false()">first</assert></rule>
        <rule context="t:b"><assert test="false()">second</assert></rule></pattern>""", DOC)
    assert [f["text"] for f in found] == ["first", "second"]  # b[1] matched by the first rule only, b[2] by the second


def test_patterns_are_independent(tmp_path):
    found = run(tmp_path, """
      <pattern id="p1"><rule context="t:b"><assert test="false()">one</assert></rule></pattern>
      <pattern id="p2"><rule context="t:b"><assert test="false()">two</assert></rule></pattern>""", DOC)
    assert sorted(f["text"] for f in found) == ["one", "one", "two", "two"]


def test_lets_and_attribute_contexts(tmp_path):
    found = run(tmp_path, """
      <let name="limit" value="1"/>
      <pattern id="p"><let name="all" value="count(//t:b)"/>
        <rule context="@n"><let name="v" value="number(.)"/>
          <assert test="$v le $limit" role="warning">n=<value-of select="$v"/> of <value-of select="$all"/></assert></rule></pattern>""", DOC)
    assert found == [{"pattern": "p", "id": "p", "role": "warning", "location": "1/2/@{}n", "text": "n=2 of 2"}]


def test_xpath2_features_work(tmp_path):
    found = run(tmp_path, """<pattern id="p"><rule context="t:c">
        <assert test="@when castable as xs:date">not a date: <value-of select="string-join(for $x in 1 to 3 return string($x), '-')"/></assert>
      </rule></pattern>""", DOC)
    assert found[0]["text"] == "not a date: 1-2-3"


def test_a_valid_document_gives_an_empty_report(tmp_path):
    assert run(tmp_path, '<pattern id="p"><rule context="t:b"><assert test="@n">n</assert></rule></pattern>', DOC) == []


@pytest.mark.parametrize(
    "schema, words",
    [
        ('<pattern abstract="true" id="a"><rule context="x"><assert test="1">x</assert></rule></pattern>', "abstract patterns"),
        ('<pattern id="p"><rule abstract="true" id="r"><assert test="1">x</assert></rule></pattern>', "abstract rules"),
        ('<pattern id="p"><rule context="x"><extends rule="r"/></rule></pattern>', "rule/extends"),
        ('<pattern id="p"><rule context="x"><assert test="1" diagnostics="d">x</assert></rule></pattern>', "assert/@diagnostics"),
        ('<phase id="ph"/>', "<phase> is not supported"),
        ('<include href="other.sch"/>', "<include> is not supported"),
        ('<pattern id="p"><rule><assert test="1">x</assert></rule></pattern>', "a rule needs @context"),
        ('<pattern id="p"><rule context="x"><assert>x</assert></rule></pattern>', "<assert> needs @test"),
        ('<pattern id="p"><rule context="x"><assert test="1">x <foo/></assert></rule></pattern>', "not supported in a message"),
    ],
)
def test_unsupported_schematron_is_refused(schema, words):
    with pytest.raises(SchematronError, match=words):
        compile_schematron(f'<schema xmlns="{SCH}">{schema}</schema>'.encode())


def test_other_query_bindings_are_refused():
    with pytest.raises(SchematronError, match="queryBinding"):
        compile_schematron(f'<schema xmlns="{SCH}" queryBinding="exslt"/>'.encode())
