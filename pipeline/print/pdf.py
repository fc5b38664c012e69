"""HTML for paged media → PDF bytes, with WeasyPrint (imported here, and only when first used).

WeasyPrint is given a URL fetcher that serves only the edition's own assets
(xslt/print/print.css and the EB Garamond files it names), from memory:
no other file, and no network, is ever read on a document's behalf.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: The print edition's assets: the CSS for paged media lives beside the entry stylesheet.
ASSETS_DIR = Path(__file__).resolve().parents[2] / "xslt" / "print"
#: The CSS the paged HTML links to (relative to ASSETS_DIR).
STYLESHEET = "print.css"
#: The text face: EB Garamond from Debian's fonts-ebgaramond (Latin, accented Latin, Cyrillic, Greek).
FONT_DIR = Path("/usr/share/fonts/opentype/ebgaramond")
FONT_FILES = ("EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf", "EBGaramond12-Bold.otf", "EBGaramond08-Regular.otf", "EBGaramond08-Italic.otf")


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
        logger = logging.getLogger("weasyprint")
        watch = _GlyphWatch()
        logger.addHandler(watch)
        try:
            document = self._weasyprint.HTML(string=html, base_url=self.base_url, url_fetcher=self._fetcher)
            pdf = document.write_pdf(
                pdf_variant="pdf/ua-1",
                pdf_identifier=hashlib.sha256(html.encode("utf-8")).digest()[:16],
                hinting=False,
            )
        finally:
            logger.removeHandler(watch)
        if watch.missing:
            raise MissingGlyphs(watch.missing)
        return pdf


def _normalise(url: str) -> str:
    """A file URL in the form asset_urls() uses (query and fragment dropped, dots resolved)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return ""
    path = unquote(parts.path)
    return Path(posixpath.normpath(path)).as_uri() if path.startswith("/") else ""

