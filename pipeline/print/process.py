"""A process of its own for WeasyPrint, so that no process holds both Saxon and WeasyPrint.

Saxon (saxonche) takes about 90 MiB once loaded and WeasyPrint about 35 MiB plus its layout of
the book; apart, each process stays well under 150 MiB for the edition. Use::

    with PdfProcess() as pdfs:
        pdf = pdfs.pdf(html)          # the same bytes as PdfMaker().pdf(html) in this process
        printer = Printer(typesetter=pdfs)   # a printer whose pieces are typeset there
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

_maker = None


def _start() -> None:
    global _maker
    from pipeline.print.pdf import PdfMaker

    _maker = PdfMaker()


def _typeset(html: str):
    return _maker.typeset(html)


def _folio_sheet() -> bytes:
    return _maker.folio_sheet()


class PdfProcess:
    """One spawned worker process that makes PDFs from paged HTML (WeasyPrint loaded there once)."""

    def __enter__(self) -> "PdfProcess":
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start)
        return self

    def pdf(self, html: str) -> bytes:
        """The PDF of one paged HTML document; errors (PrintError, MissingGlyphs) are raised here."""
        return self.typeset(html).pdf

    def typeset(self, html: str):
        """As PdfMaker.typeset, in the PDF process."""
        return self._pool.submit(_typeset, html).result()

    def folio_sheet(self) -> bytes:
        """As PdfMaker.folio_sheet, in the PDF process."""
        return self._pool.submit(_folio_sheet).result()

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
