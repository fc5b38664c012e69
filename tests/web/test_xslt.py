"""pipeline.xslt: compile once, typed parameters, result documents in memory, no reading after compiling."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.xslt import XsltError, XsltRunner

PROBE = """<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">
  <xsl:param name="label" as="xs:string" select="'none'"/>
  <xsl:param name="count" as="xs:integer" select="0"/>
  <xsl:param name="flag" as="xs:boolean" select="false()"/>
  <xsl:param name="facts" as="map(xs:string, item()*)" select="map{}"/>
  <xsl:param name="list" as="array(*)" select="[]"/>
  <xsl:param name="read" as="xs:string" select="''"/>
  <xsl:param name="href" as="xs:string" select="'page.html'"/>
  <xsl:template match="/">
    <out label="{$label}" count="{$count + 1}" flag="{$flag}" keys="{sort(map:keys($facts))}"
         size="{array:size($list)}" xmlns:array="http://www.w3.org/2005/xpath-functions/array">
      <xsl:copy-of select="/*"/>
      <xsl:if test="$read">
        <xsl:value-of select="unparsed-text($read)"/>
      </xsl:if>
    </out>
    <xsl:result-document href="{$href}" method="text">page of <xsl:value-of select="name(/*)"/></xsl:result-document>
    <xsl:message>seen <xsl:value-of select="name(/*)"/></xsl:message>
  </xsl:template>
  <xsl:template name="hello" as="xs:string"><xsl:sequence select="'hello ' || $label"/></xsl:template>
</xsl:stylesheet>
"""


@pytest.fixture(scope="module")
def runner(tmp_path_factory) -> XsltRunner:
    folder = tmp_path_factory.mktemp("xslt")
    (folder / "probe.xsl").write_text(PROBE, encoding="utf-8")
    return XsltRunner({"probe": folder / "probe.xsl"})


def test_typed_parameters_reach_the_stylesheet(runner):
    result = runner.transform(
        "probe", "<doc/>", params={"label": "x", "count": 41, "flag": True, "facts": {"b": 1, "a": "s"}, "list": [1, "2"]}
    )
    assert 'label="x"' in result.output and 'count="42"' in result.output and 'flag="true"' in result.output
    assert 'keys="a b"' in result.output and 'size="2"' in result.output


def test_parameters_do_not_leak_into_the_next_run(runner):
    runner.transform("probe", "<doc/>", params={"label": "first"})
    assert 'label="none"' in runner.transform("probe", "<doc/>").output


def test_a_wrong_parameter_type_is_an_error_not_a_crash(runner):
    with pytest.raises(XsltError):
        runner.transform("probe", "<doc/>", params={"count": "many"})


def test_result_documents_are_captured_in_memory_not_written(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.transform("probe", "<doc/>", params={"href": "sub/p.html"})
    assert result.documents == {"sub/p.html": "page of doc"}
    assert result.messages == ("seen doc",)
    assert list(tmp_path.iterdir()) == []
    assert not Path("/pipeline-output").exists()


@pytest.mark.parametrize("href", ["../escape.html", "/etc/passwd-copy", "file:///tmp/x.html", "a/../../b.html"])
def test_a_result_document_outside_the_output_folder_is_refused(runner, href):
    with pytest.raises(XsltError):
        runner.transform("probe", "<doc/>", params={"href": href})


def test_nothing_can_be_read_after_compiling(runner, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    with pytest.raises(XsltError) as caught:
        runner.transform("probe", "<doc/>", params={"read": secret.as_uri()})
    assert "TOP SECRET" not in str(caught.value)


def test_a_source_cannot_pull_in_an_external_entity(runner, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    hostile = f'<!DOCTYPE doc [<!ENTITY s SYSTEM "{secret.as_uri()}">]><doc>&s;</doc>'
    try:
        result = runner.transform("probe", hostile)
    except XsltError:
        return
    assert "TOP SECRET" not in result.output


def test_lxml_trees_are_accepted_without_their_prolog(runner):
    from lxml import etree

    tree = etree.ElementTree(etree.fromstring("<doc><?pi x?><a/></doc>"))
    assert "<doc><?pi x?><a/></doc>" in runner.transform("probe", tree).output


def test_named_template_without_a_source(runner):
    assert runner.transform("probe", template="hello", params={"label": "you"}).output.endswith("hello you")


def test_a_broken_stylesheet_is_reported_by_file(tmp_path):
    (tmp_path / "bad.xsl").write_text("<xsl:stylesheet xmlns:xsl='http://www.w3.org/1999/XSL/Transform' version='3.0'><xsl:bogus/></xsl:stylesheet>")
    with pytest.raises(XsltError, match="bad.xsl"):
        XsltRunner({"bad": tmp_path / "bad.xsl"})
