"""The print edition's library: TEI files → paged HTML → PDF, for one archival file or the whole edition."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from lxml import etree

from pipeline.safexml import XMLInputError, parse

TEI_ROOT = "{http://www.tei-c.org/ns/1.0}TEI"

#: The entry stylesheet of the print edition.
STYLESHEET = Path(__file__).resolve().parents[2] / "xslt" / "print" / "print.xsl"
#: The project's ODD, whose documentation gives the introduction's editorial conventions.
DEFAULT_ODD = Path(__file__).resolve().parents[2] / "schema" / "pmo.odd"


@dataclass(frozen=True)
class TeiFile:
    """One checked TEI file: its name (for messages and the PDF's name) and its XML text."""

    name: str
    text: str

    @property
    def stem(self) -> str:
        return Path(self.name).stem


def read_tei(data: bytes, *, name: str) -> TeiFile:
    """Check untrusted TEI bytes with pipeline.safexml and keep them as text; raises XMLInputError
    for anything safexml refuses and for a root that is not a TEI <TEI>."""
    root = parse(data, name=name).getroot()
    if root.tag != TEI_ROOT:
        raise XMLInputError(name, root.sourceline, None, f"the root element is <{etree.QName(root).localname}>, not a TEI <TEI> in the TEI namespace")
    return TeiFile(name=name, text=etree.tostring(root, encoding="unicode"))


def read_odd(path: Path = DEFAULT_ODD) -> str | None:
    """The ODD as checked text, or None when the project has none (yet)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return etree.tostring(parse(data, name=path.name).getroot(), encoding="unicode")


class Printer:
    """Makes the print edition. Create one per process (e.g. in a pool initializer) and reuse it:
    the stylesheet is compiled when it is made, WeasyPrint loaded on the first PDF."""

    def __init__(self, odd: str | None | Path = DEFAULT_ODD) -> None:
        from pipeline.xslt import XsltRunner

        self._xslt = XsltRunner({"print": STYLESHEET})
        self._odd = read_odd(odd) if isinstance(odd, Path) else odd
        self._pdf_maker = None
        #: What the stylesheets warned about (e.g. an element they do not know), "NAME: message".
        self.warnings: list[str] = []

    def paged_html(self, files: Sequence[TeiFile], *, scope: str = "edition") -> str:
        """The paged HTML of a book of these files; scope is 'edition' or 'file'."""
        if scope not in ("edition", "file"):
            raise ValueError("scope is 'edition' or 'file'")
        if not files:
            raise ValueError("a book needs at least one TEI file")
        name = files[0].name if len(files) == 1 else "edition"
        result = self._xslt.transform(
            "print",
            template="book",
            name=name,
            params={"files": [f.text for f in files], "scope": scope, "odd": self._odd},
        )
        for message in result.messages:
            if f"{name}: {message}" not in self.warnings:
                self.warnings.append(f"{name}: {message}")
        return result.output

    def pdf(self, html: str) -> bytes:
        """The PDF of paged HTML (see pipeline.print.pdf)."""
        if self._pdf_maker is None:
            from pipeline.print.pdf import PdfMaker

            self._pdf_maker = PdfMaker()
        return self._pdf_maker.pdf(html)

    def file_pdf(self, tei: TeiFile) -> bytes:
        """One archival file's own PDF."""
        return self.pdf(self.paged_html([tei], scope="file"))

    def edition_pdf(self, files: Sequence[TeiFile]) -> bytes:
        """The whole edition's PDF: the files in the order given."""
        return self.pdf(self.paged_html(files, scope="edition"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sorted_tei_paths(paths: Iterable[Path]) -> list[Path]:
    """TEI files in edition order: by file name."""
    return sorted(paths, key=lambda p: p.name)
