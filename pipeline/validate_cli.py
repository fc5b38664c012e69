"""`pipeline validate PATH…`: check TEI files against the project schema (RELAX NG and Schematron)."""

from __future__ import annotations

import glob
import json
import os
import stat
import sys
from pathlib import Path

import click

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def expand(paths: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """The XML files the arguments name (files, directories searched for *.xml, globs), and the arguments that name nothing."""
    files: list[Path] = []
    missing: list[str] = []
    for argument in paths:
        path = Path(argument)
        if path.is_dir():
            top = path.resolve()
            for directory, subdirectories, names in os.walk(path):
                subdirectories.sort()
                for name in sorted(names):
                    candidate = Path(directory) / name
                    # A link that leads out of the directory named is not part of the input.
                    if name.endswith(".xml") and candidate.resolve().is_relative_to(top):
                        files.append(candidate)
        elif path.exists() or path.is_symlink():
            files.append(path)
        elif glob.has_magic(argument):
            found = sorted(glob.glob(argument, recursive=True))
            found = [Path(f) for f in found if not Path(f).is_dir()]
            if found:
                files.extend(found)
            else:
                missing.append(argument)
        else:
            missing.append(argument)
    unique = list(dict.fromkeys(files))
    return unique, missing


def read_input(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file or is too large (OSError with a reason)."""
    from pipeline.safexml import MAX_BYTES, size_message

    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError("not a regular file")
    if info.st_size > MAX_BYTES:
        raise OSError(size_message(info.st_size))
    return path.read_bytes()


@click.command("validate")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="text: one line per message; json: one object per file, for CI.")
@click.option("-q", "--quiet", is_flag=True, help="Print messages only, no summary.")
def validate(paths: tuple[str, ...], output_format: str, quiet: bool) -> None:
    """Validate TEI files against the project schema: RELAX NG and Schematron, one report.

    PATHS are files, directories (searched for *.xml) or globs ("tei/**/*.xml").
    Every message reads FILE:LINE:COL: what is wrong; expected what; a Schematron
    message carries its rule's id in brackets.

    Exit status: 0 when every file is valid, 1 when any is invalid, 2 for a usage
    error or a file that cannot be read as XML.
    """
    files, missing = expand(paths)
    for argument in missing:
        click.echo(f"error: {argument}: no such file, directory or matching glob", err=True)
    if missing and not files:
        raise SystemExit(EXIT_UNREADABLE)

    from lxml import etree

    from pipeline.odd.errors import OddError
    from pipeline.project import ProjectError
    from pipeline.xslt import XsltError

    def unloadable(error: Exception) -> SystemExit:
        click.echo(f"error: the compiled schema cannot be loaded ({' '.join(str(error).split())}); run `pipeline schema`", err=True)
        return SystemExit(EXIT_UNREADABLE)

    try:
        # the Schematron compiles in the background while the grammar loads and the first file is read
        validator = _validator() if files else None
    except ProjectError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_UNREADABLE) from None
    except OddError as error:
        click.echo(f"error: the ODD has changed and does not compile: {error}", err=True)
        raise SystemExit(EXIT_UNREADABLE) from None
    except (OSError, etree.LxmlError, XsltError) as error:  # a missing or broken compiled schema
        raise unloadable(error) from None
    if validator is not None and validator.stale:
        click.echo("note: schema/pmo.odd has changed since schema/compiled/ was made: validating against the ODD as it is now (run `pipeline schema` to update the committed files)", err=True)
    try:
        results = check_files(validator, files)
    except (OSError, XsltError) as error:  # the Schematron, compiled in the background, cannot be loaded
        raise unloadable(error) from None

    unreadable = bool(missing) or any(any(m.source == "xml" for m in messages) for _, messages in results)
    invalid = any(messages for _, messages in results)
    if output_format == "json":
        report = [
            {
                "file": name,
                "valid": not messages,
                "readable": not any(m.source == "xml" for m in messages),
                "messages": [m.as_dict() for m in messages],
            }
            for name, messages in results
        ]
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for _, messages in results:
            for message in messages:
                click.echo(str(message))
        if not quiet:
            bad = sum(1 for _, messages in results if messages)
            total = sum(len(messages) for _, messages in results)
            click.echo(
                f"{len(results)} file{'s' if len(results) != 1 else ''} checked: {len(results) - bad} valid, {bad} invalid"
                + (f" ({total} message{'s' if total != 1 else ''})" if total else ""),
                err=True,
            )
    raise SystemExit(EXIT_UNREADABLE if unreadable else EXIT_INVALID if invalid else EXIT_VALID)


#: From this many files on, a second process validates the tail of the list while this one does the head.
PARALLEL_FROM = 64
#: What the second process's start-up (interpreter, schemas) costs, in files this process validates meanwhile.
START_UP_IN_FILES = 40


def check_files(validator, files: list[Path]) -> list[tuple[str, list]]:
    """Each file's messages, in the order given; many files are shared with a second process when there is a second core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if len(files) < PARALLEL_FROM or cores < 2:
        return [check_file(validator, path) for path in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    split = (len(files) + START_UP_IN_FILES) // 2
    # spawn, not fork: this process may already run Saxon, which does not survive a fork
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        tail = pool.submit(_check_in_child, str(validator.compiled), validator.name, [str(p) for p in files[split:]])
        head = [check_file(validator, path) for path in files[:split]]
        return head + tail.result()


def _check_in_child(compiled: str, name: str, paths: list[str]) -> list[tuple[str, list]]:
    from pipeline.validate import Validator

    validator = Validator(compiled, name, background=True)
    return [check_file(validator, Path(path)) for path in paths]


def check_file(validator, path: Path) -> tuple[str, list]:
    """One file's name and messages; a file that cannot be read is one fatal message."""
    from pipeline.validate import Message

    name = str(path)
    try:
        data = read_input(path)
    except OSError as error:
        reason = error.strerror or str(error)
        return name, [Message(name, 1, 1, reason if reason.startswith("the file is") else f"cannot read the file: {reason}", source="xml", severity="fatal")]
    return name, list(validator.iter_errors(data, name=name))


def _validator():
    """The project's compiled schema when its project file names an ODD of its own, else the pipeline's."""
    from pipeline.project import load_project
    from pipeline.validate import ODD, Validator

    edition = load_project().edition
    if edition.odd and Path(edition.odd).resolve() != ODD.resolve():
        return Validator(edition.compiled_dir(), edition.schema_name, background=True)
    return Validator(background=True)
