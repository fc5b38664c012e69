"""`pipeline decisions`: turn the hand edits of TEI files into editors' decisions on their transcripts."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("tei_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sources", type=click.Path(file_okay=False, path_type=Path), default=Path("sources"), show_default=True,
              help="Folder of the transcripts (each TEI file names its transcript).")
@click.option("--registers", "registers_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The registers the conversion links names to (default: the project file's, else registers/; used if it exists).")
@click.option("--write", is_flag=True, help="Append the decisions to each transcript's NAME.decisions.toml.")
def decisions(tei_files: tuple[Path, ...], sources: Path, registers_dir: Path, write: bool) -> None:
    """Turn the differences between hand-edited TEI files and the converter's output into decisions.

    Prints each file's decisions as TOML (with --write, appends them to the transcript's decisions
    file, so the TEI can be generated again), and lists the edits no decision expresses. Exit status
    1 when a file has such edits, or cannot be compared.
    """
    from lxml import etree

    from pipeline.convert import ConversionError
    from pipeline.convert.extract import extract
    from pipeline.convert.inputs import editorial_inputs
    from pipeline.safexml import XMLInputError, parse

    from pipeline.project import ProjectError, load_project

    try:
        registers_dir = load_project().override(registers=registers_dir).registers
    except ProjectError as error:
        click.echo(f"pipeline decisions: {error}", err=True)
        sys.exit(2)
    left_over = False
    for tei in tei_files:
        try:
            data = tei.read_bytes()
            root = parse(data, name=str(tei)).getroot()
        except (OSError, XMLInputError) as error:
            click.echo(f"pipeline decisions: {tei}: {error}", err=True)
            left_over = True
            continue
        name = root.findtext(".//{http://www.tei-c.org/ns/1.0}publicationStmt/{http://www.tei-c.org/ns/1.0}idno[@type='transcript']")
        source = sources / name if name and Path(name).name == name else None
        if source is None or not source.is_file() or source.is_symlink():
            click.echo(f"pipeline decisions: {tei}: its transcript {name!r} is not in {sources}/", err=True)
            left_over = True
            continue
        existing_path = source.with_name(source.stem + ".decisions.toml")
        try:
            editorial = editorial_inputs(source, registers=registers_dir)
            found = extract(source.read_bytes(), source.name, etree.tostring(root), editorial.decisions,
                            editorial.catalogue, editorial.registers)
        except (ConversionError, OSError) as error:
            click.echo(f"pipeline decisions: {tei}: {error}", err=True)
            left_over = True
            continue
        text = found.toml()
        if write and text:
            with existing_path.open("a", encoding="utf-8") as out:
                out.write(("\n" if editorial.decisions else "") + text)
            click.echo(f"{existing_path}: {len(found.decisions)} decision(s) added")
        elif text:
            click.echo(f"# {existing_path}\n{text}")
        for difference in found.cannot:
            click.echo(f"{tei}: no decision expresses this edit: {difference}", err=True)
        left_over |= bool(found.cannot)
    if left_over:
        sys.exit(1)
