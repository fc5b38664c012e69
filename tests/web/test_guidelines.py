"""The encoding guidelines inside the site (pipeline/web/guidelines.py): the compiled page's contents and
table of contents in the site's page, its schema links pointed at the schemas published under schema/."""

from __future__ import annotations

from lxml import etree, html

from webpaths import ROOT

CONTRACT_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>G</title>
<link rel="stylesheet" href="x.css"></head><body>
<nav id="guidelines-toc"><ul><li><a href="#el-div">div</a></li><li><a href="#rule-pmo-date">pmo-date</a></li></ul></nav>
<main id="guidelines"><h1>Guidelines</h1><section id="el-div"><h2>div</h2><pre>&lt;div/&gt;</pre>
<p>Schemas: <a href="schema/pmo.rng">RNG</a> <a href="schema/pmo.odd">ODD</a> <a href="javascript:alert(1)" onclick="x()">x</a></p>
<section id="rule-pmo-date" style="color:red"><h3>pmo-date</h3><script>alert(1)</script></section></section></main></body></html>"""


def test_the_contract_layout_is_taken_apart_and_made_safe():
    from pipeline.web.guidelines import guidelines_fragment

    layout = etree.fromstring(guidelines_fragment(CONTRACT_PAGE))
    assert [e.get("id") for e in layout] == ["guidelines-toc", "guidelines"]
    assert layout[1].tag == "div" and not layout.xpath("//main | //script | //style | //link | //h1")
    assert layout.xpath("//a/@href") == ["#el-div", "#rule-pmo-date", "schema/pmo.rng", "schema/pmo.odd"]
    assert not layout.xpath("//@onclick | //@style") and layout.xpath("//pre/@tabindex") == ["0"]


def test_the_earlier_layout_gets_a_table_of_contents_and_schema_links():
    from pipeline.web.guidelines import guidelines_fragment

    compiled = ROOT / "schema" / "compiled" / "pmo-guidelines.html"
    page = compiled.read_bytes() if compiled.is_file() else (
        b'<html><body><header><p><a href="pmo.rng">RNG</a></p></header><main><section id="a"><h2>A</h2></section></main></body></html>')
    layout = etree.fromstring(guidelines_fragment(page))
    toc, content = layout
    assert toc.get("id") == "guidelines-toc" and toc.xpath(".//a/@href")
    targets = {href[1:] for href in toc.xpath(".//a/@href")}
    assert targets <= set(content.xpath(".//@id"))
    assert "schema/pmo.rng" in content.xpath(".//a/@href")


def test_the_site_page_and_the_schemas(tmp_path):
    from pipeline.web import build_site

    compiled = ROOT / "schema" / "compiled" / "pmo-guidelines.html"
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "900_sample.xml").write_bytes((ROOT / "tests" / "data" / "contract" / "sample.xml").read_bytes())
    build_site(tei, tmp_path / "site", guidelines=compiled)
    page = html.fromstring((tmp_path / "site" / "guidelines.html").read_bytes())
    assert page.xpath('//meta[@http-equiv="Content-Security-Policy"]') and page.xpath('//header[@class="site-header"]')
    assert page.xpath('//main[@id="main"]//nav[@id="guidelines-toc"]') and len(page.xpath("//main")) == 1
    assert not page.xpath("//style | //@style | //script[not(@src)]")
    for href in page.xpath('//a[starts-with(@href, "schema/")]/@href'):
        assert (tmp_path / "site" / href).is_file(), href
    assert sorted(p.name for p in (tmp_path / "site" / "schema").iterdir()) == ["pmo.odd", "pmo.rng", "pmo.sch", "pmo.xsd"]
