"""Processes of their own for WeasyPrint and for Saxon, so that no process holds two of Saxon,
WeasyPrint and the binding.

Saxon (saxonche) takes about 90 MiB once loaded, and its heap grows to some 200 MiB over a hundred
files before it collects; WeasyPrint takes about 35 MiB plus its layout of the piece it typesets.
`pipeline print` binds in its own process and runs each of the others in a process of its own. Use::

    with PdfProcess() as pdfs, HtmlProcess() as htmls:
        pdf = pdfs.pdf(html)          # the same bytes as PdfMaker().pdf(html) in this process
        printer = Printer(typesetter=pdfs, xslt=htmls)   # pieces made and typeset there
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

_maker = None
_runner = None


def _orphan_watch(parent: int) -> None:
    """End this process when the one that started it is gone, even killed with SIGKILL (a pool process
    waiting for work would wait for ever, holding Saxon or WeasyPrint): the build's workers' watch."""
    from pipeline.builder.worker import _exit_with_parent

    _exit_with_parent(parent)


def _start(parent: int) -> None:
    global _maker
    from pipeline.print.pdf import PdfMaker

    _orphan_watch(parent)
    _maker = PdfMaker()


def _typeset(html: str, kwargs: dict):
    return _maker.typeset(html, **kwargs)


def _folio_sheet() -> bytes:
    return _maker.folio_sheet()


#: Pieces a typesetting process makes before a fresh one takes over: WeasyPrint's process grows by
#: about half a MiB a piece and never gives it back (at 1,000 files it passed 300 MiB), and a fresh
#: process costs about a second (importing WeasyPrint, reading the fonts).
PIECES_PER_PROCESS = 60


class PdfProcess:
    """One spawned worker process that makes PDFs from paged HTML (WeasyPrint loaded there once,
    and again in a fresh process every PIECES_PER_PROCESS pieces: the same bytes either way)."""

    def __init__(self, pieces: int = PIECES_PER_PROCESS) -> None:
        self.pieces = pieces  # 1 for an edition's front and back matter: each large, each in a fresh process

    def __enter__(self) -> "PdfProcess":
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start,
                                         initargs=(os.getpid(),), max_tasks_per_child=self.pieces)
        return self

    def pdf(self, html: str) -> bytes:
        """The PDF of one paged HTML document; errors (PrintError, MissingGlyphs) are raised here."""
        return self.typeset(html).pdf

    def typeset(self, html: str, **kwargs):
        """As PdfMaker.typeset, in the PDF process."""
        return self._pool.submit(_typeset, html, kwargs).result()

    def folio_sheet(self) -> bytes:
        """As PdfMaker.folio_sheet, in the PDF process."""
        return self._pool.submit(_folio_sheet).result()

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _start_xslt(parent: int) -> None:
    global _runner
    from pipeline.print.edition import STYLESHEET
    from pipeline.xslt import XsltRunner

    _orphan_watch(parent)
    _runner = XsltRunner({"print": STYLESHEET})  # compiled once, in this process


def _transform(args, kwargs):
    return _runner.transform(*args, **kwargs)


#: Transformations a stylesheet process runs before a fresh one takes over in pipeline print (three a
#: file: its part, its own front and back matter): Saxon's heap grows to some 250 MiB over hundreds of
#: files before it collects, and compiling the stylesheet again costs a few seconds.
TRANSFORMS_PER_XSLT_PROCESS = 400


class HtmlProcess:
    """One spawned worker process that runs the print stylesheet (Saxon loaded and the stylesheet
    compiled there once); it answers XsltRunner.transform. With `transforms`, a fresh process takes
    over after that many (1 for an edition's front and back matter: Saxon's heap, grown by one of
    them, is not carried into the other; the same output either way)."""

    def __init__(self, transforms: int | None = None) -> None:
        self.transforms = transforms

    def __enter__(self) -> "HtmlProcess":
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_xslt,
                                         initargs=(os.getpid(),), max_tasks_per_child=self.transforms)
        return self

    def transform(self, *args, **kwargs):
        """As XsltRunner.transform, in the stylesheet's process; its errors (XsltError) are raised here."""
        return self._pool.submit(_transform, args, kwargs).result()

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
