"""Typeset pieces kept on disk between runs, keyed by a digest of exactly what they are made from.

A book's front and back matter (title, contents, introduction, indexes) read every file's outline and
the page each anchor of the parts stands on: at a thousand files they are the largest pieces of the
edition, and an edit to one document usually changes neither. A `TypesetCache` keeps each piece it is
given (its PDF, its layout, its paged HTML and what the stylesheet said making it) under a key that
digests the stylesheet's parameters (the files' outlines, their names, the scope, the piece, the page
numbers, the ODD) and the toolchain that typesets them (the stylesheets, pipeline.print's code,
the libraries' versions, the fonts), so a hit is the piece the same inputs would make again.

The folder holds one entry per piece and file (a newer entry replaces the older), each written whole
or not at all; a damaged or half-missing entry is a miss. `cache_beside(out)` is where `pipeline print`
keeps it: `.NAME.print-cache` beside the output folder `NAME`.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from pipeline import resources
from pipeline.print.pdf import FONT_DIR, Typeset

#: The files whose content changes what a piece looks like.
_CODE = [resources.xslt("print"), resources.xslt("common"), Path(__file__).parent, Path(__file__).parents[1] / "xslt.py"]
#: The libraries that make the HTML and the PDF.
_LIBRARIES = ["saxonche", "lxml", "weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools"]
#: Where the text face and the fallbacks print.css names live (their names, sizes and times count).
_FONT_DIRS = [FONT_DIR, Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto")]


def cache_beside(out: Path) -> Path:
    """The typeset-piece cache of an output folder: `.NAME.print-cache` beside it."""
    out = Path(os.path.abspath(out))
    return out.parent / f".{out.name}.print-cache"


@lru_cache(maxsize=1)
def toolchain_digest() -> str:
    """One digest of everything besides a piece's parameters that makes it (computed once a process)."""
    from pipeline.builder.hashing import library_versions

    h = hashlib.sha256()
    for root in _CODE:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if root.is_dir() else [root]
        for path in files:
            h.update(b"\0file\0" + str(path.relative_to(root.parent)).encode("utf-8", "surrogateescape") + b"\0")
            h.update(path.read_bytes() if path.exists() else b"")
    h.update(json.dumps(library_versions(_LIBRARIES), sort_keys=True).encode("utf-8"))
    for folder in _FONT_DIRS:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            stat = path.stat()
            h.update(f"\0font\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def piece_key(*, texts: Iterable[str], names: Iterable[str], scope: str, piece: str, pages: Mapping[str, str],
              odd: str | None) -> str:
    """The key of a piece: a digest of the stylesheet's parameters for it and of the toolchain."""
    h = hashlib.sha256(toolchain_digest().encode("ascii"))

    def field(label: str, value: str) -> None:
        data = value.encode("utf-8", "surrogatepass")
        h.update(b"\0%s\0%d\0" % (label.encode("ascii"), len(data)) + data)

    field("scope", scope)
    field("piece", piece)
    field("odd", odd if odd is not None else "\0none")
    for name, text in zip(names, texts, strict=True):
        field("name", name)
        field("text", text)
    field("pages", json.dumps(dict(pages), sort_keys=True))
    return h.hexdigest()


@dataclass(frozen=True)
class Entry:
    """A cached piece: as typeset, its paged HTML, and the stylesheet's messages making it."""

    typeset: Typeset
    html: str
    messages: list[str]


class TypesetCache:
    """Typeset pieces in a folder (made when first written to), by label ("edition-front-edition",
    one per piece and file) and key (piece_key)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, label: str, key: str, suffix: str) -> Path:
        return self.folder / f"{_safe(label)}.{key}{suffix}"

    def get(self, label: str, key: str) -> Entry | None:
        """The entry stored under this label and key, or None (missing, damaged or made otherwise)."""
        try:
            meta = json.loads(self._path(label, key, ".json").read_bytes())
            html = self._path(label, key, ".html").read_text(encoding="utf-8")
            pdf = self._path(label, key, ".pdf").read_bytes()
            typeset = Typeset.from_layout(pdf, json.dumps(meta["layout"]).encode("utf-8"))
            messages = [str(m) for m in meta["messages"]]
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            return None
        if not pdf.startswith(b"%PDF-") or hashlib.sha256(pdf).hexdigest() != meta.get("pdf"):
            return None
        return Entry(typeset, html, messages)

    def put(self, label: str, key: str, entry: Entry) -> None:
        """Store an entry (each file whole or not at all), replacing the label's older ones. A folder
        that cannot be written is no error: the cache only spares work."""
        from pipeline.print.edition import write_atomically

        meta = {"layout": json.loads(entry.typeset.layout()), "messages": entry.messages,
                "pdf": hashlib.sha256(entry.typeset.pdf).hexdigest()}
        try:
            write_atomically(self._path(label, key, ".html"), entry.html.encode("utf-8"))
            write_atomically(self._path(label, key, ".pdf"), entry.typeset.pdf)
            write_atomically(self._path(label, key, ".json"), json.dumps(meta, sort_keys=True).encode("utf-8"))
            self._forget_others(label, key)
        except OSError:
            pass

    def _forget_others(self, label: str, key: str) -> None:
        prefix = _safe(label) + "."
        for entry in os.scandir(self.folder):
            name = entry.name
            stem = name.rsplit(".", 1)[0] if name.endswith((".pdf", ".json", ".html")) else None
            if stem is None or not stem.startswith(prefix):
                continue
            other = stem[len(prefix):]
            if other != key and len(other) == 64 and all(c in "0123456789abcdef" for c in other):
                os.unlink(entry.path)


def _safe(label: str) -> str:
    """A label as part of a file name (a file's name may hold any character but '/')."""
    return label.replace("/", "_").replace("\0", "_")
