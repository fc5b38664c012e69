"""Which documents make the edition: transcripts (*.txt) and TEI files (*.xml), each under one name."""

from __future__ import annotations

import os
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


def _files_under(directory: Path, suffix: str, skip: Path | None = None) -> list[Path]:
    found = []
    for root, dirnames, filenames in os.walk(directory):
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (skip is None or Path(root, d).resolve() != skip)
        )
        found.extend(Path(root, f) for f in sorted(filenames) if f.endswith(suffix) and not f.startswith("."))
    return found


def find_documents(paths: list[Path], tei_dir: Path, *, default_sources: Path, output: Path | None = None) -> list[Document]:
    """The documents named by `paths` (files or folders, searched recursively).

    With no paths, the edition is every transcript in `default_sources` and
    every TEI file in `tei_dir`. Folders are searched without entering
    `output` (the build's own outputs are not its inputs). A transcript's TEI file is `tei_dir/NAME.xml`;
    a TEI file without a transcript is a document of its own. Two transcripts
    with one name are a usage error: their TEI files would collide.
    """
    skip = output.resolve() if output is not None else None
    sources: list[Path] = []
    teis: list[Path] = []
    if not paths:
        if default_sources.is_dir():
            sources.extend(_files_under(default_sources, ".txt", skip))
        if tei_dir.is_dir():
            teis.extend(p for p in sorted(tei_dir.glob("*.xml")) if p.is_file())
        if not default_sources.is_dir() and not tei_dir.is_dir():
            raise UsageProblem(f"nothing to build: neither {default_sources} nor {tei_dir} exists")
    for path in paths:
        if path.is_dir():
            sources.extend(_files_under(path, ".txt", skip))
            teis.extend(_files_under(path, ".xml", skip))
        elif path.is_file() and path.suffix == ".txt":
            sources.append(path)
        elif path.is_file() and path.suffix == ".xml":
            teis.append(path)
        elif not path.exists():
            raise UsageProblem(f"{path}: no such file or folder")
        else:
            raise UsageProblem(f"{path}: not a transcript (.txt), a TEI file (.xml) or a folder")
    documents: dict[str, Document] = {}
    for source in sources:
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
