"""`pipeline schema`: compile the ODD into schema/compiled/."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("schema")
@click.argument("odd", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(file_okay=False, path_type=Path), help="Where to write the compiled files (default: schema/compiled/ beside the project's ODD).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the compiled files are stale against the ODD.")
def schema(odd: Path | None, out: Path | None, check: bool) -> None:
    """Compile the ODD into RELAX NG, Schematron (and its XSLT 3.0), XSD and an HTML guidelines page.

    ODD defaults to the project's schema/pmo.odd. The output is the same, byte for
    byte, whenever the ODD is the same, so the compiled files can be committed.
    """
    from pipeline.odd.compile import DEFAULT_ODD, DEFAULT_OUT, stale_outputs, write_outputs
    from pipeline.odd.load import OddError
    from pipeline.project import ProjectError, load_project
    from pipeline.project_odd import ChainError, compile_project_odd

    if odd is None:  # the project file's ODD and schema folder, if it names one
        try:
            project = load_project()
        except ProjectError as error:
            raise click.UsageError(str(error)) from None
        if project.odd is not None:
            odd, out = project.odd, out or project.schema
    odd = odd or DEFAULT_ODD
    out = out or (DEFAULT_OUT if odd == DEFAULT_ODD else odd.parent / "compiled")
    if not odd.is_file():
        raise click.UsageError(f"{odd}: no such ODD file")
    try:
        outputs = compile_project_odd(odd)
    except (OddError, ChainError) as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    if check:
        stale = stale_outputs(outputs, out)
        for name in stale:
            click.echo(f"{out / name}: stale; run `pipeline schema`", err=True)
        raise SystemExit(1 if stale else 0)
    try:
        changed = write_outputs(outputs, out)
    except OSError as error:
        click.echo(f"error: cannot write to {out}: {error.strerror}", err=True)
        raise SystemExit(2) from None
    for path in changed:
        click.echo(f"wrote {path}")
    if not changed:
        click.echo(f"{out}: up to date")
