"""A project's own ODD chained onto the pipeline's: compiled by the build, validating the edition,
named by the TEI files' xml-model instructions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.project_odd import ChainError, chained_odd

DEV = Path(__file__).resolve().parents[1] / "convert" / "dev"

ODD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:sch="http://purl.oclc.org/dsdl/schematron">
  <teiHeader><fileDesc><titleStmt><title>The Chained Papers' encoding</title></titleStmt>
    <publicationStmt><p>A test.</p></publicationStmt><sourceDesc><p>Written for a test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <div><head>What this edition adds</head><p>One rule of its own.</p></div>
    <div>
      <schemaSpec ident="chained" start="TEI" source="pmo">
        <constraintSpec ident="chained-publisher" scheme="schematron">
          <gloss>the edition's publisher</gloss>
          <desc>Every file names <val>The Other Press</val> as its publisher.</desc>
          <constraint>
            <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
            <sch:rule context="tei:publicationStmt">
              <sch:assert test="tei:publisher = 'The Other Press'">the publisher must be The Other Press</sch:assert>
            </sch:rule>
          </constraint>
        </constraintSpec>
        SPEC
      </schemaSpec>
    </div>
  </body></text>
</TEI>
"""


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / "pipeline.toml").write_text('[edition]\ntitle = "Chained"\n\n[paths]\nodd = "schema/chained.odd"\n')
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "chained.odd").write_text(ODD.replace("SPEC", ""))
    (tmp_path / "sources").mkdir()
    shutil.copy(DEV / "dev_01.txt", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_build_compiles_it_and_validates_against_it(project):
    result = CliRunner().invoke(main, ["build", "--only", "tei", "-q", "-j", "1"])
    assert result.exit_code == 1, result.output  # the project's own rule fails every file
    report = json.loads((project / "build" / "report.json").read_text())
    rules = {m.get("code") for doc in report["documents"] for m in doc["messages"]}
    assert "chained-publisher" in rules
    assert (project / "schema" / "chained.rng").is_file() and (project / "schema" / "chained-guidelines.html").is_file()
    assert "What this edition adds" in (project / "schema" / "chained-guidelines.html").read_text()
    tei = (project / "tei" / "dev_01.xml").read_text()
    assert '<?xml-model href="../schema/chained.rng"' in tei and '<?xml-model href="../schema/chained.sch"' in tei
    # the pipeline's own rules still hold in the chain
    assert "pmo-subst-del-add" in (project / "schema" / "chained.sch").read_text()
    # pipeline validate (and so the pre-commit hook) checks against the project's schema too
    result = CliRunner().invoke(main, ["validate", "-q", "tei/dev_01.xml"])
    assert result.exit_code == 1 and "[chained-publisher]" in result.output


def test_changing_what_the_pipelines_odd_changes_is_refused(project):
    odd = project / "schema" / "chained.odd"
    odd.write_text(ODD.replace("SPEC", '<elementSpec ident="div" mode="change"/>'))
    with pytest.raises(ChainError, match='elementSpec "div": the pipeline\'s ODD already changes it'):
        chained_odd(odd)
    result = CliRunner().invoke(main, ["build", "--only", "tei", "-q"])
    assert result.exit_code == 2 and "already changes it" in result.stderr


def test_a_whole_customisation_of_tei_is_not_chained(project):
    odd = project / "schema" / "chained.odd"
    odd.write_text(ODD.replace('source="pmo"', 'source="tei:4.3.0"'))
    assert chained_odd(odd) is None


def test_the_print_edition_gives_the_chained_odds_documentation(project):
    from pipeline.builder.steps import _print_odd
    from pipeline.project import load_project

    text = _print_odd(load_project().edition)
    assert "What this edition adds" in text and "chained-publisher" in text and "pmo-subst-del-add" in text
