"""HTML for paged media → PDF bytes, with WeasyPrint (imported here, and only when first used).

WeasyPrint is given a URL fetcher that serves only the edition's own assets
(xslt/print/print.css and the EB Garamond files it names), from memory:
no other file, and no network, is ever read on a document's behalf.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline import resources

#: The print edition's assets: the CSS for paged media lives beside the entry stylesheet.
ASSETS_DIR = resources.xslt("print")
#: The CSS the paged HTML links to (relative to ASSETS_DIR).
STYLESHEET = "print.css"
#: The text face: EB Garamond from Debian's fonts-ebgaramond (Latin, accented Latin, Cyrillic, Greek).
FONT_DIR = Path("/usr/share/fonts/opentype/ebgaramond")
FONT_FILES = ("EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf", "EBGaramond12-Bold.otf", "EBGaramond08-Regular.otf", "EBGaramond08-Italic.otf")


#: The anchors a piece of a book reports: the files, the documents and the book's own sections.
ANCHOR_PREFIXES = ("file:", "doc:", "print:")


@dataclass(frozen=True)
class Typeset:
    """A piece of a book as WeasyPrint typeset it: its PDF, its number of pages, and the page
    (counted from 0) on which each of its anchors (see ANCHOR_PREFIXES) stands."""

    pdf: bytes
    pages: int
    anchors: dict[str, int]
    #: What stands at each anchor that has a title (a file's, a document's, a section of the book's),
    #: for the descriptions of the links that lead there.
    titles: dict[str, str] = field(default_factory=dict)
    #: The pages (from 0) whose first paragraph is the previous page's last one, continued: one `P` in
    #: the structure tree (pipeline.print.tagging), though WeasyPrint tags page by page.
    continued: list[int] = field(default_factory=list)
    #: Whether its structure tree was made whole when it was typeset (pipeline.print.tagging.tag_piece),
    #: so that binding copies it as it is.
    tagged: bool = False

    def layout(self) -> bytes:
        """Its page count, anchors, their titles, continued paragraphs and tagging as JSON (kept beside its PDF between builds)."""
        import json

        return json.dumps({"pages": self.pages, "anchors": self.anchors, "titles": self.titles,
                           "continued": self.continued, "tagged": self.tagged}, sort_keys=True).encode("utf-8")

    @classmethod
    def from_layout(cls, pdf: bytes, layout: bytes) -> "Typeset":
        """A typeset piece again, from its PDF and its layout(); ValueError if the layout is not one."""
        import json

        data = json.loads(layout)
        pages, anchors = data.get("pages"), data.get("anchors")
        if not isinstance(pages, int) or not isinstance(anchors, dict) or not all(
                isinstance(k, str) and isinstance(v, int) and 0 <= v < pages for k, v in anchors.items()):
            raise ValueError("not the layout of a typeset piece")
        titles = data.get("titles", {})
        if not isinstance(titles, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in titles.items()):
            raise ValueError("not the layout of a typeset piece")
        continued = data.get("continued", [])
        if not isinstance(continued, list) or not all(isinstance(v, int) and 0 < v < pages for v in continued):
            raise ValueError("not the layout of a typeset piece")
        tagged = data.get("tagged", False)
        if not isinstance(tagged, bool):
            raise ValueError("not the layout of a typeset piece")
        return cls(pdf, pages, anchors, titles, continued, tagged)


class PrintError(Exception):
    """A PDF could not be made; str() says why in one line."""


class MissingGlyphs(PrintError):
    """Some characters have no glyph in any installed font (they would print as boxes)."""

    def __init__(self, characters: list[str]) -> None:
        self.characters = characters
        listed = ", ".join(f"U+{ord(c):04X}" for c in characters)
        super().__init__(f"no installed font has a glyph for {listed}")

    def __reduce__(self):
        # raised in the PDF process, re-raised in the caller's
        return (MissingGlyphs, (self.characters,))


def asset_urls() -> dict[str, Path]:
    """The only URLs the PDF step may read: file URL → file."""
    paths = [ASSETS_DIR / STYLESHEET] + [FONT_DIR / name for name in FONT_FILES]
    return {path.as_uri(): path for path in paths}


class _GlyphWatch(logging.Handler):
    """Collects the characters WeasyPrint had to draw as .notdef boxes."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith(".notdef glyph") and record.args:
            character = record.args[0]
            if character not in self.missing:
                self.missing.append(character)


class PdfMaker:
    """Makes PDFs from paged HTML. Create one per process: it imports WeasyPrint and reads the assets once."""

    def __init__(self) -> None:
        import weasyprint  # costs most of a second: only the PDF step pays it
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        self._weasyprint = weasyprint
        self._assets: dict[str, bytes] = {}
        for url, path in asset_urls().items():
            try:
                self._assets[url] = path.read_bytes()
            except OSError as error:
                raise PrintError(f"cannot read the print asset {path}: {error.strerror} (run scripts/setup)") from None
        assets = self._assets

        class AssetFetcher(URLFetcher):
            """Serves the edition's own assets from memory and refuses every other URL."""

            def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
                key = _normalise(url)
                if key not in assets:
                    raise ValueError(f"the print edition reads only its own assets, not {url[:200]}")
                content_type = "text/css" if key.endswith(".css") else "font/otf"
                return URLFetcherResponse(key, assets[key], {"Content-Type": content_type})

        self._fetcher = AssetFetcher()
        self.base_url = (ASSETS_DIR / STYLESHEET).as_uri()

    def pdf(self, html: str) -> bytes:
        """The PDF of one paged HTML document: PDF/UA-1, tagged, fonts embedded, the same bytes for the same HTML."""
        return self.typeset(html).pdf

    def typeset(self, html: str, *, kind: str | None = None, ids: str = "") -> Typeset:
        """The PDF of one paged HTML document (as pdf()), with its page count and where its anchors fell;
        with `kind` (the piece of a book it is: "front", "part", "back"), its structure tree made whole
        for binding (pipeline.print.tagging.tag_piece, its notes' IDs beginning with `ids`)."""
        logger = logging.getLogger("weasyprint")
        watch = _GlyphWatch()
        logger.addHandler(watch)
        try:
            document = self._weasyprint.HTML(string=html, base_url=self.base_url, url_fetcher=self._fetcher).render()
            pdf = document.write_pdf(
                pdf_variant="pdf/ua-1",
                pdf_identifier=hashlib.sha256(html.encode("utf-8")).digest()[:16],
                hinting=False,
            )
        finally:
            logger.removeHandler(watch)
        if watch.missing:
            raise MissingGlyphs(watch.missing)
        anchors = {}
        for number, page in enumerate(document.pages):
            for name in page.anchors:
                if name.startswith(ANCHOR_PREFIXES):
                    anchors.setdefault(name, number)
        piece = Typeset(pdf, len(document.pages), anchors, _titles(html, anchors), _continued(document))
        if kind is None:
            return piece
        from pipeline.print.tagging import tag_piece

        del document  # its layout, before the tree is reworked
        return tag_piece(piece, kind=kind, ids=ids)

    def folio_sheet(self) -> bytes:
        """Two pages, a recto and a verso, with the ten digits set where and as print.css sets a folio
        (pipeline.print.binding takes the font, the glyphs and the place from it)."""
        html = ('<html lang="en"><head><title>Folios</title><link rel="stylesheet" href="print.css"/>'
                '<style>@page { @bottom-center { content: "0123456789"; } } p { break-after: page; }</style>'
                '</head><body><p></p><p></p></body></html>')
        return self.pdf(html)


def _continued(document) -> list[int]:
    """The pages whose first paragraph continues the last paragraph of the page before (both boxes of
    one HTML element), the paragraphs taken in the order WeasyPrint tags them (weasyprint.pdf.tags:
    block boxes depth first, margin boxes aside)."""
    from weasyprint.formatting_structure import boxes

    def paragraphs(box):
        if isinstance(box, boxes.MarginBox) or isinstance(box, boxes.TextBox):
            return
        if box.element is not None and box.element_tag == "p" and not isinstance(box, boxes.LineBox):
            yield box.element
        for child in getattr(box, "children", ()):
            yield from paragraphs(child)

    continued, last = [], None
    for number, page in enumerate(document.pages):
        found = list(paragraphs(page._page_box))
        if found and last is not None and found[0] is last:
            continued.append(number)
        last = found[-1] if found else None
    return continued


def _titles(html: str, anchors: dict[str, int]) -> dict[str, str]:
    """The title of what stands at each anchor: its data-bookmark, else its first heading's text."""
    from lxml import html as lxml_html

    titles = {}
    for element in lxml_html.document_fromstring(html).iter():
        anchor = element.get("id") if isinstance(element.tag, str) else None
        if not anchor or anchor not in anchors or anchor.endswith(":h") or element.get("class") == "link-targets":
            continue
        title = element.get("data-bookmark")
        if not title:
            heading = element if element.tag in ("h1", "h2", "h3") else next(element.iter("h1", "h2", "h3"), None)
            title = (heading.get("data-bookmark") or heading.text_content()) if heading is not None else None
        if title and title.strip():
            titles[anchor] = " ".join(title.split())
    return titles


def _normalise(url: str) -> str:
    """A file URL in the form asset_urls() uses (query and fragment dropped, dots resolved)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return ""
    path = unquote(parts.path)
    return Path(posixpath.normpath(path)).as_uri() if path.startswith("/") else ""

