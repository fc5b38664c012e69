"""`pipeline convert`: OCR transcripts → TEI files, one per transcript, never overwriting an editor's work."""

from __future__ import annotations

import sys
from pathlib import Path

import click

DEFAULT_SOURCES = Path("sources")


def source_files(paths: tuple[Path, ...]) -> list[Path]:
    """The transcripts named: files as given, folders' `*.txt` (searched as `pipeline build` does), sorted.

    Symbolic links and special files are skipped with a warning (pipeline.builder.sources: the one
    rule of both commands).
    """
    from pipeline.builder.sources import Found, check_named, search_folder

    found = Found()
    for path in paths or (DEFAULT_SOURCES,):
        if path.is_dir() and not path.is_symlink():
            search_folder(path, ".txt", found)
        elif not check_named(path, found):
            raise click.UsageError(f"{path}: no such file or folder")
    for warning in found.skipped:
        click.echo(f"pipeline convert: warning: {warning}", err=True)
    return found.files


@click.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the TEI files (default: the project file's, else tei/).")
@click.option("--force", is_flag=True, help="Replace TEI files edited by hand (a backup is kept beside each).")
@click.option("--registers", "registers_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The registers of persons, organisations and places names are linked to (default: the project file's, else registers/; used if it exists).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print converter warnings.")
def convert(sources: tuple[Path, ...], output: Path, force: bool, registers_dir: Path | None, quiet: bool) -> None:
    """Convert OCR transcripts (default: all of the project's sources/) into TEI files in OUTPUT.

    Each transcript becomes OUTPUT/<name>.xml. A TEI file edited by hand since
    it was generated is left as it is (exit status 1) unless --force is given.
    Every write holds OUTPUT's lock (shared with pipeline build), so commands
    running at once never lose each other's record of what they generated.
    """
    from pipeline.builder.sources import read_transcript
    from pipeline.convert import ConversionError, HandEditedError, InvalidTEIError, convert_bytes, write_tei
    from pipeline.convert.inputs import editorial_inputs
    from pipeline.output import atomic_write, clean_folder

    publication, catalogues, default_sources, output, registers_dir = _project_inputs(output, registers_dir)
    try:
        clean_folder(output)  # what a killed command left
    except OSError as error:
        click.echo(f"pipeline convert: {output}: {_reason(error)}", err=True)
        sys.exit(2)
    found = source_files(sources or (default_sources,))
    clash = _clashing_ids(found)
    if clash:
        raise click.UsageError(clash)
    failed = 0
    names: dict[str, Path] = {}
    for source in found:
        target = output / (source.stem + ".xml")
        if source.stem in names:
            click.echo(f"pipeline convert: {source}: not converted, {names[source.stem]} is converted to {target} too", err=True)
            failed += 1
            continue
        names[source.stem] = source
        try:
            data = read_transcript(source)
            editorial = editorial_inputs(source, catalogues, registers_dir)
            conversion = convert_bytes(data, source.name, editorial.decisions, editorial.catalogue, editorial.registers, publication)
        except InvalidTEIError as error:  # kept aside for the editor, never written as the TEI file
            aside = target.with_name(target.name + ".invalid")
            output.mkdir(parents=True, exist_ok=True)
            atomic_write(aside, error.tei)
            click.echo(f"pipeline convert: {source}: {error} (the TEI made is in {aside})", err=True)
            failed += 1
            continue
        except (ConversionError, OSError) as error:
            click.echo(f"pipeline convert: {source}: {_reason(error)}", err=True)
            failed += 1
            continue
        if not quiet:
            for warning in conversion.warnings:
                click.echo(f"{source}:{warning.line}: warning: {warning.message} [{warning.code}]", err=True)
        try:
            outcome = write_tei(target, conversion.tei, force=force)
        except HandEditedError as error:
            click.echo(f"pipeline convert: {error}", err=True)
            failed += 1
            continue
        except OSError as error:
            click.echo(f"pipeline convert: {target}: cannot write: {_reason(error)}", err=True)
            failed += 1
            continue
        click.echo(f"{target}: {outcome} ({len(conversion.transcript.documents)} documents)")
    if failed:
        sys.exit(1)


def _clashing_ids(found: list[Path]) -> str | None:
    """Two transcripts whose TEI files would get one xml:id (or ids differing only in case), named."""
    from pipeline.convert.tei import file_id

    seen: dict[str, Path] = {}
    for source in found:
        identifier = file_id(source.name)
        other = seen.setdefault(identifier.casefold(), source)
        if other is not source:
            return f"{other} and {source} would have one xml:id, {identifier} (or ids differing only in case): rename one of them"
    return None


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


def _project_inputs(output: Path | None, registers: Path | None):
    """From the project file (pipeline.project): what the TEI headers say of the edition (their xml-model
    instructions pointing at the project's schemas from `output`), and its catalogue when the file puts
    it elsewhere than beside the transcripts (a cache for editorial_inputs); its sources, TEI and registers folders."""
    from pipeline.convert.catalogue import CatalogueError
    from pipeline.project import ProjectError, catalogue_cache, load_project

    try:
        project = load_project().override(tei=output, registers=registers)
        return (project.edition.publication(), catalogue_cache(project.sources, project.catalogue), project.sources,
                project.tei, project.registers)
    except (ProjectError, CatalogueError) as error:
        click.echo(f"pipeline convert: {error}", err=True)
        sys.exit(2)
