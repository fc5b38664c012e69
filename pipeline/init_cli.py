"""`pipeline init DIR`: a new edition project, ready for `pipeline build`."""

from __future__ import annotations

import json
from pathlib import Path

import click

#: Template (in pipeline/init/, package data) -> where it goes in the new project.
FILES = {
    "pipeline.toml": "pipeline.toml",
    "catalogue.csv": "sources/catalogue.csv",
    "persons.xml": "registers/persons.xml",
    "organisations.xml": "registers/organisations.xml",
    "places.xml": "registers/places.xml",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "ci-workflow.yml": ".github/workflows/edition.yml",
}
FOLDERS = ("sources", "tei", "registers", "schema")


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="A digital edition", show_default=True, help="The edition's title.")
@click.option("--editor", default="The editors", show_default=True, help="Who edits it (cited as its editors).")
def init(directory: Path, title: str, editor: str) -> None:
    """Make a new edition project in DIRECTORY: its project file (pipeline.toml, commented), empty
    sources/ and tei/, a catalogue and registers with one worked example each, the compiled schemas
    in schema/, a .gitignore, a pre-commit configuration validating the TEI, and a CI example.
    `pipeline build` works in it at once.

    Refuses to write over a file that is already there.
    """
    from importlib.resources import files

    from pipeline.builder.toolchain import EnvironmentProblem

    templates = files("pipeline").joinpath("init")
    targets = {directory / target: source for source, target in FILES.items()}
    existing = [str(path) for path in [directory / "pipeline.toml", *targets] if path.exists()]
    if existing:
        raise click.UsageError(f"{existing[0]} exists: pipeline init makes a new project (choose an empty folder)")
    values = {'"{title}"': json.dumps(title, ensure_ascii=False), '"{editor}"': json.dumps(editor, ensure_ascii=False)}
    try:
        for folder in FOLDERS:
            (directory / folder).mkdir(parents=True, exist_ok=True)
        for target, source in targets.items():
            text = templates.joinpath(source).read_text(encoding="utf-8")
            for placeholder, value in values.items():
                text = text.replace(placeholder, value)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _copy_schemas(directory)
    except OSError as error:
        click.echo(f"pipeline init: cannot write {error.filename or directory}: {error.strerror}", err=True)
        raise SystemExit(2) from None
    except EnvironmentProblem as error:  # the schemas could not be copied
        click.echo(f"pipeline init: {error}", err=True)
        raise SystemExit(2) from None
    click.echo(f"made the edition project {directory}: put transcripts (*.txt) in {directory / 'sources'}, "
               f"then run `pipeline build` there", err=True)


def _copy_schemas(directory: Path) -> None:
    """The compiled schemas into the project's schema folder, where its TEI files will point (the build keeps them up to date)."""
    from pipeline.builder.steps import publish_schemas
    from pipeline.project import load_project

    publish_schemas(load_project(directory).edition)
