"""`pipeline init DIR`: a new edition project that builds at once."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from pipeline.cli import main
from pipeline.convert.catalogue import read_catalogue
from pipeline.project import load_project

TEI_ALL = Path(__file__).resolve().parents[2] / ".cache" / "tei_all.rng"


@pytest.fixture
def made(tmp_path) -> Path:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ed"), "--title", 'The "Quoted" Papers', "--editor", "Zoë Editor"])
    assert result.exit_code == 0, result.output
    return tmp_path / "ed"


def test_the_project_it_makes(made):
    for path in ("pipeline.toml", "sources", "tei", "registers/persons.xml", "registers/organisations.xml",
                 "registers/places.xml", "sources/catalogue.csv", ".gitignore", ".pre-commit-config.yaml",
                 ".github/workflows/edition.yml"):
        assert (made / path).exists(), path
    assert not list((made / "sources").glob("*.txt"))
    assert (made / "schema" / "pmo.rng").is_file() and (made / "schema" / "pmo.sch").is_file()
    text = (made / "pipeline.toml").read_text()
    assert text.count("\n#") > 10  # commented
    project = load_project(made)
    assert project.edition.title == 'The "Quoted" Papers' and project.edition.editors == ("Zoë Editor",)
    assert tomllib.loads(text)["paths"]["registers"] == "registers"
    entries = read_catalogue((made / "sources" / "catalogue.csv").read_bytes())
    assert len(entries) == 1 and next(iter(entries.values())).reference == "PREM 19/2345"
    assert "pipeline validate" in (made / ".pre-commit-config.yaml").read_text()
    assert "pipeline build" in (made / ".github" / "workflows" / "edition.yml").read_text()


def test_its_registers_are_tei_with_one_worked_example_each(made, jing):
    for name, entry in (("persons", "person"), ("organisations", "org"), ("places", "place")):
        root = etree.parse(str(made / "registers" / f"{name}.xml")).getroot()
        assert len(root.findall(f".//{{http://www.tei-c.org/ns/1.0}}{entry}")) == 1
    result = subprocess.run([jing, str(TEI_ALL), *sorted(map(str, (made / "registers").glob("*.xml")))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_it_never_writes_over_a_project(made):
    before = (made / "pipeline.toml").read_bytes()
    result = CliRunner().invoke(main, ["init", str(made)])
    assert result.exit_code == 2 and "exists" in result.output
    assert (made / "pipeline.toml").read_bytes() == before


def test_build_works_in_it_at_once(made, monkeypatch):
    monkeypatch.chdir(made)
    result = CliRunner().invoke(main, ["build", "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (made / "build" / "web" / "index.html").is_file()
    assert 'The "Quoted" Papers' in (made / "build" / "web" / "index.html").read_text().replace("&quot;", '"')
    assert (made / "schema" / "pmo.rng").is_file()  # where its TEI files will point


def test_a_folder_it_cannot_make_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "a-file" / "ed")])
    assert result.exit_code == 2 and "cannot write" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
