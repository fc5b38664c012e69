"""`pipeline print`: the PDF print edition, one PDF per archival file and one for the whole edition."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

import click

#: Where the TEI files are, and where the PDFs go, by default.
DEFAULT_TEI = Path("tei")
DEFAULT_OUT = Path("build/print")


@click.command(name="print")
@click.argument("tei", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="Folder for the PDFs.")
@click.option("--odd", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The ODD whose documentation gives the editorial conventions [default: schema/pmo.odd].")
@click.option("--html", is_flag=True, help="Also write the paged HTML of each PDF's pieces beside it (NAME.front.html, NAME.part.html, NAME.back.html), for inspection.")
def print_(tei: tuple[Path, ...], out: Path, odd: Path | None, html: bool) -> None:
    """Make the PDF print edition from TEI files (default: every tei/*.xml).

    Writes OUT/edition.pdf for the whole edition and OUT/<name>.pdf for each archival file,
    each whole or not at all. The same TEI gives the same PDF bytes.
    """
    from pipeline.print.cache import TypesetCache, cache_beside
    from pipeline.print.edition import DEFAULT_ODD, Printer, part_ids, read_odd, read_tei, sorted_tei_paths, write_atomically
    from pipeline.print.pdf import ASSETS_DIR, STYLESHEET, PrintError
    from pipeline.print.process import TRANSFORMS_PER_XSLT_PROCESS, HtmlProcess, PdfProcess
    from pipeline.print.workdir import WorkFolder
    from pipeline.safexml import XMLInputError
    from pipeline.xslt import XsltError

    paths = sorted_tei_paths(tei or DEFAULT_TEI.glob("*.xml"))
    if not paths:
        raise click.UsageError(f"no TEI files given, and none in {DEFAULT_TEI}/")
    if any(p.stem == "edition" for p in paths):
        raise click.UsageError("a TEI file may not be named edition.xml: edition.pdf is the whole edition")
    stems = [p.stem for p in paths]
    if len(set(stems)) < len(stems):
        twice = sorted({s for s in stems if stems.count(s) > 1})
        raise click.UsageError(f"two TEI files would make the same PDF: {', '.join(twice)}")
    try:
        odd_text = read_odd(odd or DEFAULT_ODD)
        if odd is not None and odd_text is None:
            raise click.UsageError(f"cannot read the ODD {odd}")
        # WeasyPrint and Saxon run in processes of their own: this one binds
        # (the folder where the parts are kept lies beside the output: a killed run's is removed next time)
        with PdfProcess() as pdfs, HtmlProcess(TRANSFORMS_PER_XSLT_PROCESS) as htmls, WorkFolder(out) as kept:
            cache = TypesetCache(cache_beside(out))  # the books' front and back matter, kept for the next run
            printer = Printer(odd=odd_text, typesetter=pdfs, xslt=htmls, cache=cache)
            # every file's part first, so that a file the stylesheets fail on stops the command
            # before any PDF; kept on disk, as each typeset part is until the edition is bound
            # from them (the edition is written as it is bound, one part in memory at a time)
            # (each file read, checked and made into its part's HTML in turn: what is kept of it is its
            # outline, all the books' front and back matter read of it)
            files = []
            for number, path in enumerate(paths):
                try:
                    data = path.read_bytes()
                except OSError as error:
                    raise click.ClickException(f"{path}: cannot read: {error.strerror}") from None
                file = read_tei(data, name=path.name)
                (Path(kept) / f"{number}.html").write_text(printer.paged_html([file], scope="file", piece="part"), encoding="utf-8")
                files.append(replace(file, text=""))
            for warning in printer.warnings:
                click.echo(warning, err=True)
            parts = []
            for number, file in enumerate(files):
                part_html = (Path(kept) / f"{number}.html").read_text(encoding="utf-8")
                part = printer.typeset(part_html, kind="part", ids=part_ids(file))
                _write(out, file.stem, printer.book([file], [part], scope="file"), html, part_html)
                (Path(kept) / f"{number}.pdf").write_bytes(part.pdf)
                parts.append(replace(part, pdf=b""))  # its PDF read again when bound
            where = {id(part): Path(kept) / f"{number}.pdf" for number, part in enumerate(parts)}
            # the edition's front and back matter: each, being large, made and typeset in fresh processes
            with PdfProcess(pieces=1) as edition_pdfs, HtmlProcess(transforms=1) as edition_htmls:
                book = Printer(odd=odd_text, typesetter=edition_pdfs, xslt=edition_htmls, cache=cache).write_book(
                    out / "edition.pdf", files, parts, scope="edition", pdf_of=lambda piece: where[id(piece)].read_bytes())
            _write(out, "edition", book, html)
        if html:  # the paged HTML links to its stylesheet
            write_atomically(out / STYLESHEET, (ASSETS_DIR / STYLESHEET).read_bytes())
    except (XMLInputError, XsltError, PrintError) as error:
        raise click.ClickException(str(error)) from None
    except BrokenProcessPool:
        raise click.ClickException("the PDF process stopped unexpectedly (out of memory?); no PDF was left half-written") from None
    except OSError as error:
        raise click.ClickException(f"cannot write the PDFs: {error.strerror or error}") from None


def _write(out: Path, stem: str, book, html: bool, part_html: str | None = None) -> None:
    """A book's PDF, and with --html the paged HTML of its pieces beside it, each whole or not at all."""
    from pipeline.print.edition import write_atomically

    if html:
        pieces = {"front": book.front, "part": part_html, "back": book.back}
        for piece, text in pieces.items():
            if text is not None:
                write_atomically(out / f"{stem}.{piece}.html", text.encode("utf-8"))
    if book.pdf:  # else written as it was bound
        write_atomically(out / f"{stem}.pdf", book.pdf)
    click.echo(f"wrote {out / (stem + '.pdf')}", err=True)

