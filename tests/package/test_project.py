"""The project file: found by walking up, its settings and paths, and options overriding it (file < option)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.project import ProjectError, find_project_file, load_project

DEV = Path(__file__).resolve().parents[1] / "convert" / "dev"

PROJECT = """
[edition]
title = "The File's Title"
editors = ["Ann Editor", "Bo Editor"]
publisher = "The File's Press"
base_url = "https://example.org/papers"

[paths]
tei = "encoded"
output = "site"
"""


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / "pipeline.toml").write_text(PROJECT)
    (tmp_path / "sources" / "deep").mkdir(parents=True)
    shutil.copy(DEV / "dev_01.txt", tmp_path / "sources" / "dev_01.txt")
    monkeypatch.chdir(tmp_path / "sources" / "deep")
    return tmp_path


def test_found_by_walking_up_with_paths_relative_to_its_folder(project):
    loaded = load_project()
    assert loaded.file == project / "pipeline.toml"
    assert loaded.edition.title == "The File's Title" and loaded.edition.editors == ("Ann Editor", "Bo Editor")
    assert loaded.edition.base_url == "https://example.org/papers/"
    assert loaded.tei.resolve() == project / "encoded" and loaded.output.resolve() == project / "site"
    assert loaded.sources.resolve() == project / "sources" and loaded.registers.resolve() == project / "registers"


def test_a_pyproject_tool_table_is_a_project_file(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.pipeline.edition]\ntitle = "From pyproject"\n')
    monkeypatch.chdir(tmp_path)
    assert find_project_file() == tmp_path / "pyproject.toml"
    assert load_project().edition.title == "From pyproject"


def test_no_file_gives_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    loaded = load_project()
    assert loaded.file is None and loaded.edition.title and loaded.tei == Path("tei") and loaded.output == Path("build")


def test_options_override_the_file(project):
    loaded = load_project().override(title="The Option's Title", output="elsewhere", tei=None)
    assert loaded.edition.title == "The Option's Title" and loaded.edition.publisher == "The File's Press"
    assert loaded.output == Path("elsewhere") and loaded.tei.resolve() == project / "encoded"


@pytest.mark.parametrize("text, fault", [
    ("[edition\n", "not TOML"),
    ('[edition]\ntitel = "x"\n', "titel: not a setting"),
    ('[edition]\neditors = "one"\n', "editors must be a list"),
    ('[edition]\nbase_url = "example.org"\n', "must start with https://"),
    ('[paths]\nodd = "missing.odd"\n', "is not a file"),
    ('[other]\n', "unknown table"),
])
def test_a_bad_project_file_is_one_line_and_exit_2(tmp_path, monkeypatch, text, fault):
    (tmp_path / "pipeline.toml").write_text(text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProjectError, match=fault):
        load_project()
    result = CliRunner().invoke(main, ["build", "--only", "tei"])
    assert result.exit_code == 2 and fault in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "build").exists() and not (tmp_path / "tei").exists()


def test_build_takes_paths_and_settings_from_the_file_and_options_win(project):
    result = CliRunner().invoke(main, ["build", "--only", "tei", "-q"])
    assert result.exit_code == 0, result.output
    tei = (project / "encoded" / "dev_01.xml").read_text()
    assert "<publisher>The File's Press</publisher>" in tei
    # a base URL: the xml-model instructions name the published schemas
    assert '<?xml-model href="https://example.org/papers/schema/pmo.rng"' in tei
    assert '<?xml-model href="https://example.org/papers/schema/pmo.sch"' in tei
    assert (project / "site" / "report.json").is_file() and not (project / "build").exists()

    result = CliRunner().invoke(main, ["build", "--only", "tei", "-q", "--tei-dir", str(project / "option-tei"),
                                       "-o", str(project / "option-out"), "--base-url", "https://other.example/ed/"])
    assert result.exit_code == 0, result.output
    tei = (project / "option-tei" / "dev_01.xml").read_text()
    assert '<?xml-model href="https://other.example/ed/schema/pmo.rng"' in tei
    assert (project / "option-out" / "report.json").is_file()


def test_without_a_base_url_the_instructions_reach_the_projects_schema_folder(project):
    (project / "pipeline.toml").write_text(PROJECT.replace('base_url = "https://example.org/papers"', ""))
    result = CliRunner().invoke(main, ["build", "--only", "tei", "-q"])
    assert result.exit_code == 0, result.output
    tei = (project / "encoded" / "dev_01.xml").read_text()
    assert '<?xml-model href="../schema/pmo.rng"' in tei
    assert (project / "encoded" / "../schema/pmo.rng").is_file() and (project / "schema" / "pmo.sch").is_file()


def test_convert_names_the_projects_publisher_and_schemas(project):
    result = CliRunner().invoke(main, ["convert", "-q", "-o", str(project / "converted"), str(project / "sources" / "dev_01.txt")])
    assert result.exit_code == 0, result.output
    tei = (project / "converted" / "dev_01.xml").read_text()
    assert "<publisher>The File's Press</publisher>" in tei
    assert '<?xml-model href="https://example.org/papers/schema/pmo.rng"' in tei


def test_this_repositorys_own_project_file():
    root = Path(__file__).resolve().parents[2]
    loaded = load_project(root)
    assert loaded.file == root / "pipeline.toml" and loaded.edition.title == "PMO Papers"
    # its TEI files keep pointing at the committed compiled schemas
    assert loaded.override().edition.schema_location in ("../schema/compiled/",)


def test_the_catalogue_where_the_project_file_puts_it(project):
    (project / "pipeline.toml").write_text(PROJECT + 'catalogue = "meta/files.csv"\n')
    (project / "meta").mkdir()
    (project / "meta" / "files.csv").write_text('transcript,reference,title\ndev_01.txt,PREM 19/4321,"A title from the catalogue"\n')
    result = CliRunner().invoke(main, ["build", "--only", "tei", "-q"])
    assert result.exit_code == 0, result.output
    tei = (project / "encoded" / "dev_01.xml").read_text()
    assert "A title from the catalogue" in tei and "PREM 19/4321" in tei
    result = CliRunner().invoke(main, ["convert", "-q", "-o", str(project / "converted")])
    assert result.exit_code == 0, result.output
    assert "A title from the catalogue" in (project / "converted" / "dev_01.xml").read_text()
