"""`pipeline doctor`: what this environment has and lacks for each command, one line each."""

from __future__ import annotations

import sys

import click


@click.command()
def doctor() -> None:
    """List what the environment has and lacks: Python packages, system libraries and fonts, the
    pipeline's stylesheets, schemas and npm assets, and the project file in use.

    Exit status 0 when everything is there, 1 when something is missing (each line names the fix).
    """
    from pipeline import __version__, environment, resources
    from pipeline.project import ProjectError, find_project_file, load_project

    click.echo(f"pipeline {__version__} (Python {sys.version.split()[0]}), data in {resources.data_dir()}")
    missing = 0
    for name, problem in environment.report():
        click.echo(f"  ok       {name}" if problem is None else f"  MISSING  {name}: {problem}")
        missing += problem is not None
    try:
        project = load_project()
        where = project.file or f"none found from {project.root} up (defaults apply)"
        click.echo(f"  project  {where}: “{project.edition.title}”")
    except ProjectError as error:
        click.echo(f"  BROKEN   project file: {error}")
        missing += 1
    if find_project_file() and not missing:
        click.echo("everything `pipeline build` needs is here")
    sys.exit(1 if missing else 0)
