"""The PDF print edition: TEI → paged HTML (XSLT 3.0, xslt/print/) → PDF pieces (WeasyPrint) → a
bound book (pikepdf, pipeline.print.binding).

The API, for the build and for the ``pipeline print`` command::

    from pipeline.print import Printer, read_tei

    printer = Printer()                      # compiles the stylesheet once; make one per worker
    tei = read_tei(path.read_bytes(), name=path.name)       # checked by pipeline.safexml
    part = printer.part(tei)                 # the file's part of any book, typeset once
    pdf = printer.file_pdf(tei, part)        # one archival file's own PDF, as bytes
    pdf = printer.edition_pdf([tei, …], [part, …])          # the whole edition, files in the order given
    html = printer.paged_html([tei], scope="file", piece="part")   # the paged HTML of a piece alone

The PDFs are the same bytes for the same TEI. WeasyPrint is imported only when the first piece
is typeset (it costs most of a second), and it reads nothing but the edition's own assets.
"""

from pipeline.print.edition import Book, Printer, TeiFile, read_tei, write_atomically

__all__ = ["Book", "Printer", "TeiFile", "read_tei", "write_atomically"]
