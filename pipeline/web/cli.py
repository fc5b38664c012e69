"""The `pipeline web` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("tei_dir", required=False, default="tei", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", default="build/web", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write the site to (replaced atomically).")
@click.option("--title", "edition_title", default=None, help="The edition's name (default: the project file's).")
@click.option("--base-url", default=None,
              help="The address the site is published at (citations, canonical links, sitemap); "
                   "default: the project file's, else pipeline.web.settings.DEFAULT_BASE_URL.")
@click.option("--editor", "editors", multiple=True,
              help="An editor of the edition, cited (repeat for each; default: the project file's).")
@click.option("--release", default=None, help="The edition's release, cited (default: the pipeline's version).")
def web(tei_dir: Path, out_dir: Path, edition_title: str, base_url: str | None, editors: tuple[str, ...],
        release: str | None) -> None:
    """Make the static web edition from the TEI files in TEI_DIR (default: tei/).

    The site needs no server: open index.html in the output folder from disk, or serve the folder.
    """
    from pipeline.web.renderer import WebError
    from pipeline.web.site import build_site

    if not tei_dir.is_dir():
        raise click.ClickException(f"{tei_dir}: no such folder")
    from pipeline.project import ProjectError, load_project

    try:  # the project file's edition, under the options given
        edition = load_project().override(title=edition_title, editors=editors or None).edition
    except ProjectError as error:
        raise click.UsageError(str(error)) from None
    edition_title, editors = edition.title, edition.editors
    base_url = base_url if base_url is not None else edition.base_url or None
    from pipeline.web.settings import normalise_base_url

    if base_url is not None:
        try:
            base_url = normalise_base_url(base_url)
        except ValueError as error:
            raise click.ClickException(f"--base-url: {error}") from None
    try:
        counts = build_site(
            tei_dir, out_dir, edition_title=edition_title, base_url=base_url, editors=editors or None, release=release,
            on_warning=lambda message: click.echo(f"warning: {message}", err=True),
        )
    except (WebError, OSError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"web: {counts['documents']} documents from {counts['files']} files, {counts['pages']} pages in {out_dir}",
        err=True,
    )
    sys.stdout.flush()
