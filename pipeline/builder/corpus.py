"""Which documents make the edition: transcripts (*.txt) and TEI files (*.xml), each under one name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.builder.toolchain import EnvironmentProblem


class UsageProblem(Exception):
    """The command line names something that cannot be built; exit code 2."""


@dataclass(frozen=True)
class Document:
    """One document of the edition: its name, its transcript (if any) and its TEI file."""

    name: str
    source: Path | None
    tei: Path


def find_documents(paths: list[Path], tei_dir: Path, *, default_sources: Path, output: Path | None = None,
                   skipped: list[str] | None = None) -> list[Document]:
    """The documents named by `paths` (files or folders, searched recursively).

    With no paths, the edition is every transcript in `default_sources` and
    every TEI file in `tei_dir`. Folders are searched without entering
    `output` (the build's own outputs are not its inputs). A transcript's TEI file is `tei_dir/NAME.xml`;
    a TEI file without a transcript is a document of its own. Two transcripts
    with one name are a usage error: their TEI files would collide.
    Transcripts and TEI files are found by the rule of pipeline.builder.sources (the same as
    `pipeline convert`'s): links and special files are skipped, each with a warning added to `skipped`.
    """
    from pipeline.builder.sources import Found, check_named, list_folder, search_folder

    skip = output.resolve() if output is not None else None
    found = Found()
    tei_found = Found()
    if not paths:
        if default_sources.is_dir():
            search_folder(default_sources, ".txt", found, skip)
        if tei_dir.is_dir():
            list_folder(tei_dir, ".xml", tei_found)
        if not default_sources.is_dir() and not tei_dir.is_dir():
            raise UsageProblem(f"nothing to build: neither {default_sources} nor {tei_dir} exists")
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            search_folder(path, ".txt", found, skip)
            search_folder(path, ".xml", tei_found, skip)
        elif path.suffix == ".txt" and check_named(path, found):
            pass
        elif path.suffix == ".xml" and check_named(path, tei_found):
            pass
        elif not path.exists():
            raise UsageProblem(f"{path}: no such file or folder")
        else:
            raise UsageProblem(f"{path}: not a transcript (.txt), a TEI file (.xml) or a folder")
    teis = tei_found.files
    if skipped is not None:
        skipped.extend(found.skipped + tei_found.skipped)
    documents: dict[str, Document] = {}
    for source in found.files:
        name = source.stem
        if name in documents:
            raise UsageProblem(f"two transcripts are named {name}: {documents[name].source} and {source}")
        documents[name] = Document(name, source, tei_dir / f"{name}.xml")
    for tei in teis:
        name = tei.stem
        if name in documents:
            known = documents[name]
            if known.tei.resolve() == tei.resolve():
                continue
            raise UsageProblem(f"two documents are named {name}: {known.source or known.tei} and {tei}")
        documents[name] = Document(name, None, tei)
    for name in documents:
        if not name or name.startswith(".") or "/" in name:
            raise UsageProblem(f"{name!r} cannot name a document")
    if tei_dir.exists() and not tei_dir.is_dir():
        raise EnvironmentProblem(f"{tei_dir} is not a folder")
    return [documents[name] for name in sorted(documents)]
