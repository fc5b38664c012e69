"""The print edition's library: TEI files → paged HTML → PDF pieces → a bound book, for one archival file or the whole edition."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from lxml import etree

from pipeline import resources
from pipeline.safexml import XMLInputError, parse

if TYPE_CHECKING:
    from pipeline.print.pdf import Typeset

TEI_ROOT = "{http://www.tei-c.org/ns/1.0}TEI"

#: The entry stylesheet of the print edition.
STYLESHEET = resources.xslt("print", "print.xsl")
#: The project's ODD, whose documentation gives the introduction's editorial conventions.
DEFAULT_ODD = resources.schema("pmo.odd")


@dataclass(frozen=True)
class TeiFile:
    """One checked TEI file: its name (for messages and the PDF's name), its XML text, and its outline
    (what the front and back matter read of it, see outline())."""

    name: str
    text: str
    outline: str | None = None

    @property
    def stem(self) -> str:
        return Path(self.name).stem


def read_tei(data: bytes, *, name: str) -> TeiFile:
    """Check untrusted TEI bytes with pipeline.safexml and keep them as text; raises XMLInputError
    for anything safexml refuses and for a root that is not a TEI <TEI>."""
    root = parse(data, name=name).getroot()
    if root.tag != TEI_ROOT:
        raise XMLInputError(name, root.sourceline, None, f"the root element is <{etree.QName(root).localname}>, not a TEI <TEI> in the TEI namespace")
    return TeiFile(name=name, text=etree.tostring(root, encoding="unicode"), outline=etree.tostring(outline(root), encoding="unicode"))


_TEI = "{http://www.tei-c.org/ns/1.0}"


def outline(root: etree._Element) -> etree._Element:
    """A TEI file as the front and back matter read it: its header (but the transcript's checksum) and standOff whole, and of each
    document (body/div) only its headings, subject, datelines, classification marks, first paragraph
    and closure card, each where it stands inside bare copies of the elements around it. The
    stylesheet makes the same outline of a whole file (p:outline in xslt/print/print.xsl), so this is
    only what spares sending it a thousand whole texts; the front and back matter are the same."""
    copy = etree.fromstring(etree.tostring(root))  # the same tree, to be pruned
    for checksum in copy.iterfind(f"{_TEI}teiHeader/{_TEI}fileDesc/{_TEI}publicationStmt/{_TEI}idno[@type='sha256']"):
        checksum.getparent().remove(checksum)  # printed with the file's part: an edit leaves the matter as it was
    text = copy.find(f"{_TEI}text")
    if text is None:
        return copy
    whole: set = set()
    around: set = set()
    for div in copy.iterfind(f"{_TEI}text/{_TEI}body/{_TEI}div"):
        around.add(div)
        found = [next(div.iter(f"{_TEI}p"), None)]
        found += [e for e in div.iter(f"{_TEI}head", f"{_TEI}ab", f"{_TEI}dateline", f"{_TEI}fw") if e is not div and (
            e.tag in (f"{_TEI}head", f"{_TEI}dateline") or (e.tag == f"{_TEI}ab" and e.get("type") == "subject")
            or (e.tag == f"{_TEI}fw" and e.get("subtype") == "classification"))]
        found += [e for e in div.iterfind(f"{_TEI}gap") if e.get("unit") == "document"]
        found += [e for e in div.iterfind(f"{_TEI}opener/{_TEI}seg") if e.get("type") == "classification"]
        for element in found:
            if element is not None and element is not div:
                whole.add(element)
                around.update(element.iterancestors())
    _prune(text, whole, around)
    return copy


def _prune(element, whole: set, around: set) -> None:
    """Keep `element` bare (no text of its own) with those of its children kept whole or around kept ones."""
    element.text = None
    for child in list(element):
        if child in whole:
            child.tail = None
        elif child in around and isinstance(child.tag, str):
            child.tail = None
            _prune(child, whole, around)
        else:
            element.remove(child)


def read_odd(path: Path = DEFAULT_ODD) -> str | None:
    """The ODD as checked text, or None when the project has none (yet)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return etree.tostring(parse(data, name=path.name).getroot(), encoding="unicode")


@dataclass(frozen=True)
class Book:
    """A bound book: its PDF, and the paged HTML of its front and back matter (for inspection)."""

    pdf: bytes
    front: str
    back: str


class Printer:
    """Makes the print edition. Create one per process (e.g. in a pool initializer) and reuse it:
    the stylesheet is compiled when it is made, WeasyPrint loaded on the first PDF.

    A book is typeset in pieces and bound (pipeline.print.binding): each archival file's part is
    typeset on its own, once, and serves both the file's own PDF and the whole edition's.
    `typesetter` is what turns paged HTML into PDF (PdfMaker by default) and `xslt` what runs the
    stylesheet (an XsltRunner by default); pipeline print gives a PdfProcess and an HtmlProcess, so
    that the process that binds holds neither WeasyPrint nor Saxon.

    `cache` (a folder, or a pipeline.print.cache.TypesetCache) keeps the books' front and back matter
    between runs: a book whose files' outlines and page numbers are those of the last run is bound
    from the kept pieces, with neither the stylesheet nor WeasyPrint run again.
    """

    def __init__(self, odd: str | None | Path = DEFAULT_ODD, typesetter=None, xslt=None, cache=None) -> None:
        if xslt is None:
            from pipeline.xslt import XsltRunner

            xslt = XsltRunner({"print": STYLESHEET})
        self._xslt = xslt  # or an HtmlProcess: the stylesheet run in a process of its own
        self._odd = read_odd(odd) if isinstance(odd, Path) else odd
        self._typesetter = typesetter
        self._folio_sheet: bytes | None = None
        if cache is not None and not hasattr(cache, "get"):
            from pipeline.print.cache import TypesetCache

            cache = TypesetCache(Path(cache))
        self._cache = cache
        #: What the stylesheets warned about (e.g. an element they do not know), "NAME: message".
        self.warnings: list[str] = []

    def paged_html(self, files: Sequence[TeiFile], *, scope: str = "edition", piece: str = "part",
                   pages: Mapping[str, str] | None = None) -> str:
        """The paged HTML of one piece of a book of these files: its 'front' or 'back' matter (scope
        'edition' or 'file'), with `pages` giving the page each anchor of the parts stands on, or the
        'part' of the one file given."""
        if scope not in ("edition", "file"):
            raise ValueError("scope is 'edition' or 'file'")
        if not files:
            raise ValueError("a book needs at least one TEI file")
        name = files[0].name if len(files) == 1 else "edition"
        result = self._xslt.transform(
            "print",
            template="book",
            name=name,
            params={"files": [f.text if piece == "part" or f.outline is None else f.outline for f in files], "names": [f.stem for f in files], "scope": scope,
                    "piece": piece, "pages": dict(pages or {}), "odd": self._odd},
        )
        for message in result.messages:
            if f"{name}: {message}" not in self.warnings:
                self.warnings.append(f"{name}: {message}")
        return result.output

    def typeset(self, html: str, *, kind: str | None = None, ids: str = "") -> Typeset:
        """The PDF of paged HTML, with its page count and anchors (see pipeline.print.pdf); with `kind`
        ("front", "part", "back"), its structure made whole for binding once, here (see part_ids)."""
        if kind is None:
            return self._maker().typeset(html)
        return self._maker().typeset(html, kind=kind, ids=ids)

    def pdf(self, html: str) -> bytes:
        """The PDF of paged HTML alone."""
        return self.typeset(html).pdf

    def part(self, tei: TeiFile) -> Typeset:
        """One archival file's part of a book, typeset: its title page and its documents."""
        return self.typeset(self.paged_html([tei], scope="file", piece="part"), kind="part", ids=part_ids(tei))

    def book(self, files: Sequence[TeiFile], parts: Sequence[Typeset], *, scope: str) -> Book:
        """The book of these files, bound from their typeset parts (in the same order) and its front
        and back matter, typeset now with the page numbers the parts get in it."""
        from pipeline.print.binding import bind

        front, back, front_html, back_html = self._front_and_back(files, parts, scope)
        return Book(bind(front, parts, back, self._folio_sheet), front_html, back_html)

    def _front_and_back(self, files: Sequence[TeiFile], parts: Sequence[Typeset], scope: str):
        """The book's front and back matter, typeset with the page numbers the parts get in it, and their HTML."""
        from pipeline.print.binding import page_numbers, part_starts

        if len(parts) != len(files):
            raise ValueError("one typeset part per file")
        starts, back_start = part_starts(parts)
        numbers = page_numbers(parts, starts)
        back, back_html = self._matter(files, scope, "back", numbers)
        for anchor, number in page_numbers([back], [back_start]).items():
            numbers.setdefault(anchor, number)  # the back matter's own sections, not its stand-ins
        front, front_html = self._matter(files, scope, "front", numbers)
        if self._folio_sheet is None:
            self._folio_sheet = self._folios()
        return front, back, front_html, back_html

    def _folios(self) -> bytes:
        """The folio sheet (PdfMaker.folio_sheet), kept in the cache as the front and back matter are."""
        if self._cache is None:
            return self._maker().folio_sheet()
        from pipeline.print.cache import Entry, piece_key
        from pipeline.print.pdf import Typeset

        key = piece_key(texts=[], names=[], scope="book", piece="folios", pages={}, odd=None)
        entry = self._cache.get("folios", key)
        if entry is None:
            entry = Entry(Typeset(self._maker().folio_sheet(), 2, {}), "", [])
            self._cache.put("folios", key, entry)
        return entry.typeset.pdf

    def _matter(self, files: Sequence[TeiFile], scope: str, piece: str, pages: Mapping[str, str]) -> tuple[Typeset, str]:
        """A book's front or back matter typeset, and its HTML: kept from an earlier run when its inputs
        are the same (see pipeline.print.cache), else made and kept."""
        if self._cache is None:
            html = self.paged_html(files, scope=scope, piece=piece, pages=pages)
            return self.typeset(html, kind=piece, ids=piece[0] + "-"), html
        from pipeline.print.cache import Entry, piece_key

        label = f"{scope}-{piece}-{files[0].stem if scope == 'file' else 'edition'}"
        key = piece_key(texts=[f.outline if f.outline is not None else f.text for f in files], names=[f.stem for f in files],
                        scope=scope, piece=piece, pages=pages, odd=self._odd)
        entry = self._cache.get(label, key)
        if entry is None:
            before = len(self.warnings)
            html = self.paged_html(files, scope=scope, piece=piece, pages=pages)
            entry = Entry(self.typeset(html, kind=piece, ids=piece[0] + "-"), html, self.warnings[before:])
            self._cache.put(label, key, entry)
        else:
            self.warnings.extend(w for w in entry.messages if w not in self.warnings)
        return entry.typeset, entry.html

    def write_book(self, path: Path, files: Sequence[TeiFile], parts: Sequence[Typeset], *, scope: str,
                   pdf_of=None) -> Book:
        """As book(), but the PDF is written to `path` (whole or not at all) as it is bound, one piece
        at a time: neither the book nor more than one part's PDF is ever in memory. `pdf_of` gives a
        part's PDF bytes (e.g. read from where the caller keeps it); the Book returned has no pdf."""
        from pipeline.print.binding import bind_to

        front, back, front_html, back_html = self._front_and_back(files, parts, scope)
        own = {id(front): front.pdf, id(back): back.pdf}
        reader = pdf_of or (lambda piece: piece.pdf)
        with atomic_output(path) as out:
            bind_to(out, front, parts, back, self._folio_sheet, pdf_of=lambda piece: own.get(id(piece)) or reader(piece))
        return Book(b"", front_html, back_html)

    def file_pdf(self, tei: TeiFile, part: Typeset | None = None) -> bytes:
        """One archival file's own PDF (from its typeset part, when already made)."""
        return self.book([tei], [part or self.part(tei)], scope="file").pdf

    def edition_pdf(self, files: Sequence[TeiFile], parts: Sequence[Typeset] | None = None) -> bytes:
        """The whole edition's PDF: the files in the order given (their typeset parts, when already made)."""
        return self.book(files, parts or [self.part(f) for f in files], scope="edition").pdf

    def _maker(self):
        if self._typesetter is None:
            from pipeline.print.pdf import PdfMaker

            self._typesetter = PdfMaker()
        return self._typesetter


def part_ids(tei: TeiFile) -> str:
    """How the IDs of a file's notes begin (unique in a book: the files' names are)."""
    return f"file-{tei.stem}-"


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)  # like every other output (mkstemp makes it 0600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class atomic_output:
    """A file written whole or not at all: a temporary file beside it, renamed into place on success."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        self.file = os.fdopen(fd, "wb")
        return self.file

    def __exit__(self, kind, error, traceback) -> None:
        self.file.close()
        if kind is None:
            os.chmod(self.temporary, 0o644)
            os.replace(self.temporary, self.path)
        else:
            Path(self.temporary).unlink(missing_ok=True)


def sorted_tei_paths(paths: Iterable[Path]) -> list[Path]:
    """TEI files in edition order: by file name."""
    return sorted(paths, key=lambda p: p.name)
