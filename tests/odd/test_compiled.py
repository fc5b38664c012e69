"""The committed schema/compiled/ files are what the ODD compiles to, byte for byte, and each works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.odd.cli import schema as schema_command
from pipeline.odd.compile import DEFAULT_ODD, DEFAULT_OUT, compile_odd
from pipeline.xslt import XsltRunner

ROOT = Path(__file__).resolve().parents[2]
TEI_ALL = ROOT / ".cache" / "tei_all.rng"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PIPELINE = Path(sys.executable).parent / "pipeline"
NAMES = ["pmo.rng", "pmo.sch", "pmo.sch.xsl", "pmo.xsd", "pmo-guidelines.html"]


@pytest.fixture(scope="module")
def outputs():
    return compile_odd(DEFAULT_ODD)


def test_compiled_files_are_not_stale(outputs):
    assert sorted(outputs) == sorted(NAMES)
    stale = [name for name, data in outputs.items() if (DEFAULT_OUT / name).read_bytes() != data]
    assert not stale, f"schema/compiled/ is stale against schema/pmo.odd: run `pipeline schema` ({stale})"


def test_the_command_regenerates_byte_identical_files_in_a_fresh_process(tmp_path):
    for run in ("first", "second"):
        out = tmp_path / run
        result = subprocess.run([str(PIPELINE), "schema", "--out", str(out)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    for name in NAMES:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes() == (DEFAULT_OUT / name).read_bytes()


def test_check_reports_stale_files(tmp_path):
    runner = CliRunner()
    assert runner.invoke(schema_command, ["--check"]).exit_code == 0
    (tmp_path / "pmo.rng").write_text("stale")
    result = runner.invoke(schema_command, ["--check", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "pmo.rng: stale" in result.output


def test_writing_is_idempotent(tmp_path, outputs):
    runner = CliRunner()
    first = runner.invoke(schema_command, ["--out", str(tmp_path)])
    assert first.exit_code == 0 and first.output.count("wrote") == len(NAMES)
    again = runner.invoke(schema_command, ["--out", str(tmp_path)])
    assert again.exit_code == 0 and "up to date" in again.output
    assert not list(tmp_path.glob(".*.tmp"))


def test_lxml_compiles_the_relaxng_quickly():
    """libxml2 never finishes a grammar with the TEI's <state>/<trait> models: fail rather than hang."""
    code = "from lxml import etree; etree.RelaxNG(etree.parse(%r))" % str(DEFAULT_OUT / "pmo.rng")
    try:
        subprocess.run([sys.executable, "-c", code], check=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("lxml takes more than 10 s to compile pmo.rng: a self-recursive optional content model (like TEI's <state>) is back")


def test_jing_compiles_the_relaxng():
    result = subprocess.run(["jing", str(DEFAULT_OUT / "pmo.rng"), str(ROOT / "tests/data/validation/valid/base.xml")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout


def test_the_xsd_is_a_valid_schema():
    import xmlschema

    schema = xmlschema.XMLSchema(str(DEFAULT_OUT / "pmo.xsd"), allow="local")
    assert schema.validity == "valid"
    assert len(schema.elements) == len(compile_odd.__globals__["load_odd"](DEFAULT_ODD).elements)


def test_the_schematron_xslt_compiles_on_saxon():
    runner = XsltRunner({"schematron": DEFAULT_OUT / "pmo.sch.xsl"})
    result = runner.transform("schematron", '<TEI xmlns="http://www.tei-c.org/ns/1.0"><subst/></TEI>')
    assert 'id="pmo-subst-del-add"' in result.output


@pytest.mark.skipif(not TEI_ALL.exists(), reason="tei_all.rng is fetched by scripts/setup")
def test_the_odd_is_itself_valid_tei():
    result = subprocess.run(["jing", str(TEI_ALL), str(DEFAULT_ODD)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(not TEI_ALL.exists(), reason="tei_all.rng is fetched by scripts/setup")
def test_the_odd_and_the_edition_keep_the_tei_own_schematron_constraints(tmp_path):
    """What can be checked of tei_odds: tei_all's grammar (it has the ODD elements) above, and here the TEI's own
    Schematron constraints tei_all.rng embeds (jing skips them): on the ODD (a module named by a spec must be
    included, moduleRef's include/except, …) and on the files the edition writes."""
    from pipeline.odd.sch2xslt import compile_schematron
    from pipeline.odd.teisource import tei_schematron
    from pipeline.safexml import parse

    xsl = tmp_path / "tei.sch.xsl"
    xsl.write_bytes(compile_schematron(tei_schematron(TEI_ALL)))
    runner = XsltRunner({"tei": xsl})
    corpus = ROOT / "tests" / "data" / "validation" / "valid"
    files = [DEFAULT_ODD, *sorted(corpus.glob("*.xml")), *sorted((ROOT / "tei").glob("*.xml"))]
    failures = {}
    for path in files:
        report = runner.transform("tei", parse(path.read_bytes(), name=path.name), name=path.name).output
        found = [" ".join(f.split()) for f in re.findall(r"<failed [^>]*>(.*?)</failed>", report, re.S)]
        if found:
            failures[path.name] = found[:3]
    assert not failures
    broken = DEFAULT_ODD.read_text(encoding="utf-8").replace('<moduleRef key="tei"/>', "", 1)
    report = runner.transform("tei", parse(broken.encode(), name="broken.odd"), name="broken.odd").output
    assert "should correspond to an existing module" in report  # the rules can fail


@pytest.mark.skipif(not VNU.exists(), reason="vnu.jar comes from npm")
def test_the_guidelines_page_is_valid_html():
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", str(DEFAULT_OUT / "pmo-guidelines.html")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_the_guidelines_document_every_element_and_the_vocabularies(outputs):
    from pipeline.odd.load import load_odd

    page = outputs["pmo-guidelines.html"].decode("utf-8")
    schema = load_odd(DEFAULT_ODD)
    for name, element in schema.elements.items():
        assert f'id="el-{name}"' in page
    for heading in ("Contains:", "May appear in:", "Attributes", "Example"):
        assert heading in page
    for reason in ("closed-foi", "retained-3-4", "temporarily-retained", "missing-at-transfer", "number-not-used", "missing-tna", "put-in-place-tna"):
        assert f"<code class=\"val\">{reason}</code>" in page or f"<code>{reason}</code>" in page
    assert "boilerplate" in page and "Instructions for completion of Dummy Card" in page
    for rule in schema.rules:
        assert f'id="rule-{rule.ident}"' in page


def test_the_guidelines_page_keeps_its_contract_with_the_web_edition(outputs):
    """No inline style or script, no on* attributes; nav#guidelines-toc, main#guidelines, el-/rule-/mod- ids; relative schema links."""
    from lxml import html as lxml_html

    from pipeline.odd.load import load_odd

    page = outputs["pmo-guidelines.html"].decode("utf-8")
    document = lxml_html.fromstring(page)
    assert not document.xpath("//*[@style] | //style | //script[normalize-space()] | //@*[starts-with(name(), 'on')]")
    assert document.xpath("//nav[@id='guidelines-toc']") and document.xpath("//main[@id='guidelines']")
    schema = load_odd(DEFAULT_ODD)
    ids = set(document.xpath("//@id"))
    assert {f"el-{n}" for n in schema.elements} <= ids and {f"rule-{r.ident}" for r in schema.rules} <= ids
    assert {f"mod-{e.module}" for e in schema.elements.values()} <= ids
    targets = {h[1:] for h in document.xpath("//a/@href") if h.startswith("#")}
    assert targets <= ids, sorted(targets - ids)[:5]
    for link in ("schema/pmo.rng", "schema/pmo.sch", "schema/pmo.xsd", "schema/pmo.odd"):
        assert document.xpath(f"//a[@href='{link}']")
    handshift = document.get_element_by_id("el-handShift")
    assert handshift.xpath(".//a[@href='#rule-pmo-hands-declared']"), "each rule is shown on the elements it constrains"
    assert handshift.xpath(".//a[@href='https://tei-c.org/release/doc/tei-p5-doc/en/html/ref-handShift.html']")
    assert "Project changes:" in handshift.text_content()
    for recipe in ("recipe-annotation", "recipe-redaction", "recipe-closure-card", "recipe-change-of-hand"):
        assert document.get_element_by_id(recipe).xpath(".//pre")
