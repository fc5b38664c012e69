"""The project's own steps behind the build's toolchain interface (see pipeline.builder.toolchain).

- convert: pipeline.convert.convert_bytes, written by pipeline.output.write_tei (never over hand edits);
- schema: the ODD compiler (pipeline.odd), run when the ODD or the compiler changed;
- validate: pipeline.validate, plus the corpus statistics of the report;
- web: pipeline.web (a summary per file, pages and search postings per file, then the edition-wide pages,
  and the edition's search index from the files' postings);
- print: pipeline.print (per file: its part of the book typeset, kept as a private output, and the
  file's own PDF bound from it; then the whole edition's PDF, bound from every file's part).

Each step's fingerprint hashes the code, stylesheets, schemas, fonts and
library versions its output depends on, so that a change to any of them
rebuilds exactly what depends on it.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline import __version__, resources
from pipeline.builder.hashing import combine, digest_paths, library_versions
from pipeline.builder.toolchain import Converted, EnvironmentProblem, Message, SiteDocument, StepError, Validated
from pipeline.project import Edition, current_edition

#: The package's own files (its code, and its data: pipeline.resources), hashed into the fingerprints.
PACKAGE = Path(__file__).resolve().parents[1]
#: The fonts of the PDFs: the text face (pipeline.print.pdf reads it) and the fallbacks print.css
#: names; a new font package changes the PDFs.
FONT_DIRS = [Path("/usr/share/fonts/opentype/ebgaramond"), Path("/usr/share/fonts/truetype/noto"),
             Path("/usr/share/fonts/opentype/noto")]
SCHEMA_DIR = resources.schema()
COMPILED = resources.compiled()


def _converter_paths() -> list[Path]:
    """The converter's package, the TEI writer's bookkeeping, and the compiled grammar it checks its output by."""
    return [PACKAGE / "convert", PACKAGE / "output.py", COMPILED / "pmo.rng"]


def _step_paths() -> dict[str, list[Path]]:
    shared = [PACKAGE / "__init__.py", PACKAGE / "safexml.py"]
    return {
        "convert": _converter_paths(),
        "schema": [p for p in sorted(SCHEMA_DIR.glob("*")) if p.name != "compiled"] + [PACKAGE / "odd"] + shared,
        "validate": [PACKAGE / "validate.py", PACKAGE / "validate", PACKAGE / "odd", COMPILED,
                     PACKAGE / "builder" / "stats.py"] + shared,
        "web": [PACKAGE / "web", PACKAGE / "xslt.py", resources.xslt("common"), resources.xslt("web"),
                PACKAGE / "builder" / "steps.py", PACKAGE / "cmif.py",
                *(asset.file for asset in resources.NPM_ASSETS),
                COMPILED / "pmo-guidelines.html", COMPILED / "pmo.rng", COMPILED / "pmo.sch", COMPILED / "pmo.xsd",
                SCHEMA_DIR / "pmo.odd"] + shared,
        "print": [PACKAGE / "print", PACKAGE / "xslt.py", resources.xslt("common"), resources.xslt("print"),
                  SCHEMA_DIR / "pmo.odd", *FONT_DIRS] + shared,
    }


_LIBRARIES = {
    "convert": ["lxml", "markdown-it-py"],
    "schema": ["lxml", "saxonche"],
    "validate": ["lxml", "saxonche"],
    "web": ["lxml", "saxonche", "lunr"],
    "print": ["lxml", "saxonche", "weasyprint", "pikepdf"],
}


class EditionToolchain:
    """The steps of the edition, as the build's main process sees them."""

    #: The outputs of the web step that the edition-wide step after the pages (web-search) is made from: each
    #: file's search postings (the edition's index) and its letters' CMIF entries (cmif.xml), so that the web
    #: site's step needs only the summaries and runs beside the pages.
    search_postings = ("web/assets/search/postings/", ".cache/cmif/")

    def fingerprints(self, cache=None) -> dict[str, str]:
        versions = library_versions(sorted({lib for libs in _LIBRARIES.values() for lib in libs}))
        python = ".".join(map(str, sys.version_info[:3]))
        result = {}
        edition = current_edition()
        paths_of = _step_paths()
        if edition.odd:  # the project's own ODD is compiled, and its schemas validate
            paths_of["schema"].append(Path(edition.odd))
            paths_of["validate"].append(edition.compiled_dir())
            paths_of["print"].append(Path(edition.odd))  # its documentation: the print edition's conventions
        for step, paths in paths_of.items():
            libraries = ",".join(f"{lib}={versions[lib]}" for lib in _LIBRARIES[step])
            # the project file's settings change the TEI headers, the pages and the PDFs
            result[step] = combine(step, __version__, python, libraries, edition.to_json(),
                                   digest_paths(paths, PACKAGE, cache))
        return result

    def converts_with_schema(self) -> bool:
        """Whether conversion needs the schema the build compiles (a project's own ODD, whose rules it checks
        its TEI by): then conversions wait for a compile, instead of starting beside it."""
        return bool(current_edition().odd)

    def compile_schema(self) -> list[Message]:
        try:
            from pipeline.odd.compile import write_outputs
            from pipeline.project_odd import compile_project_odd
        except ImportError:
            return [Message("warning", "the ODD compiler (pipeline.odd.compile) is not installed: schema not compiled", code="no-odd-compiler")]
        edition = current_edition()
        messages = []
        if not edition.odd:  # the pipeline's schemas, put where the project's TEI files point
            return [Message("info", f"copied {path}", code="schema") for path in publish_schemas(edition)]
        odd = Path(edition.odd)
        try:
            outputs = compile_project_odd(odd)  # chained onto the pipeline's ODD when its source names it
        except Exception as error:  # noqa: BLE001 - any failure of the compiler is the schema's
            raise StepError(f"{odd.name}: {' '.join(str(error).split())}") from None
        try:
            changed = write_outputs(outputs, edition.compiled_dir())
        except OSError as error:
            raise EnvironmentProblem(f"cannot write the compiled schemas to {edition.compiled_dir()}: {error.strerror}") from None
        for path in changed:
            messages.append(Message("info", f"compiled {path}", code="schema"))
        return messages

    def web_links(self, summaries: dict[str, Any]) -> dict[str, Any]:
        from pipeline.web.edition import document_links

        names = sorted(summaries)
        links = document_links([summaries[name] for name in names])
        return {name: links.get(summaries[name]["file"]) for name in names}

    def file_id(self, source_name: str) -> str:
        from pipeline.convert.tei import file_id

        return file_id(source_name)

    def write_tei(self, path: Path, data: bytes) -> Message | None:
        from pipeline.output import EditedDuringWrite, HandEditedError, write_tei

        try:
            write_tei(path, data)
        except EditedDuringWrite as error:
            return Message("warning", str(error), code="edited-during-write")
        except HandEditedError as error:
            return Message("warning", str(error), code="hand-edited")
        return None

    def clean_tei(self, folder: Path) -> None:
        from pipeline.output import clean_folder

        try:
            clean_folder(folder)
        except OSError as error:
            raise EnvironmentProblem(f"cannot clean up {folder}: {error.strerror}") from None

    def remove_tei(self, path: Path) -> bool:
        from pipeline.output import remove_tei

        return remove_tei(path)

    def open_worker(self, outputs: frozenset[str] = frozenset(("tei", "web", "print"))) -> EditionWorker:
        return EditionWorker(outputs)


class EditionWorker:
    """The steps, compiled once for this process: the web and print stylesheets, the schemas."""

    def __init__(self, outputs: frozenset[str]) -> None:
        self.edition = current_edition()
        self.validator = _open_validator(self.edition)
        if "web" in outputs:
            from pipeline.web.edition import WebEdition

            edition = self.edition
            self.web = WebEdition(edition_title=edition.title, base_url=edition.base_url or None,
                                  editors=edition.editors or None,
                                  guidelines=edition.compiled_dir() / f"{edition.schema_name}-guidelines.html")
        if "print" in outputs:
            from pipeline.print import Printer

            self.printer = Printer(odd=_print_odd(self.edition))

    # -- convert ----------------------------------------------------------------------------

    def convert(self, data: bytes, source_name: str, editorial: Any = None) -> Converted:
        from pipeline.convert import ConversionError, InvalidTEIError, convert_bytes
        from pipeline.convert.tei import document_ids

        try:
            conversion = convert_bytes(data, source_name, editorial.decisions if editorial else None,
                                       editorial.catalogue if editorial else None, editorial.registers if editorial else None,
                                       self.edition.publication())
        except InvalidTEIError as error:
            raise StepError(f"{source_name}: {error} (pipeline convert keeps the TEI made aside as NAME.xml.invalid)") from None
        except ConversionError as error:
            raise StepError(f"{source_name}: {error}") from None
        ids = document_ids(conversion.transcript)
        warnings = [
            Message("warning", w.message, line=w.line, code=w.code, chosen=w.chosen, runner_up=w.runner_up,
                    last_line=w.last_line, page=f"documents/{ids[w.document]}.html" if w.document in ids else None)
            for w in conversion.warnings
        ]
        return Converted(conversion.tei, warnings)

    # -- validate ---------------------------------------------------------------------------

    def validate(self, tei: bytes, name: str) -> Validated:
        from pipeline.builder.stats import document_stats
        from pipeline.safexml import XMLInputError, parse

        try:
            tree = parse(tei, name=f"{name}.xml")
        except XMLInputError as error:
            return Validated([Message("error", error.message, line=error.line, column=error.column, code="xml")])
        messages = self.validator(tree, tei, f"{name}.xml")
        return Validated(messages, document_stats(tree.getroot()))

    # -- web --------------------------------------------------------------------------------

    def web_summary(self, tei: bytes, name: str) -> dict[str, Any]:
        from pipeline.web.renderer import WebError

        try:
            return self.web.summary(tei, f"{name}.xml")
        except WebError as error:
            raise StepError(str(error)) from None

    def web_document(self, tei: bytes, name: str, links: Any, summary: Any = None) -> dict[str, bytes]:
        from pipeline.web.renderer import WebError

        try:
            files = self.web.document(tei, f"{name}.xml", links, summary)
        except WebError as error:
            raise StepError(str(error)) from None
        # The site's files (its pages and its search index) go under web/; its letters' CMIF entries
        # are private, for the edition's cmif.xml.
        from pipeline.cmif import cmif_fragment

        outputs = {f"web/{path}": data for path, data in files.items()}
        outputs[f"{PRIVATE_CMIF}{name}.xml"] = cmif_fragment(tei, self.web.renderer.citation.base_url)
        return outputs

    def web_site(self, documents: list[SiteDocument]) -> dict[str, bytes]:
        return self.web_site_pages(documents, {})[0]

    def web_site_pages(
        self, documents: list[SiteDocument], previous: dict[str, str]
    ) -> tuple[dict[str, bytes], dict[str, str], list[str]]:
        """The edition-wide pages, remaking only the facet pages whose rows changed (see
        pipeline.web.edition.WebEdition.site_pages): (outputs, pages, kept), paths under web/."""
        from pipeline.web.renderer import WebError

        try:
            files, pages, kept = self.web.site_pages(
                [d.summary for d in documents], {path.removeprefix("web/"): h for path, h in previous.items()})
        except WebError as error:
            raise StepError(str(error)) from None
        except FileNotFoundError as error:  # lunr.js not installed
            raise EnvironmentProblem(str(error)) from None
        outputs = {f"web/{path}": data for path, data in files.items()}
        for name, data in schema_files(self.edition).items():  # a project ODD's too (the site has the pipeline's)
            outputs.setdefault(f"web/schema/{name}", data)
        return (outputs, {f"web/{path}": h for path, h in pages.items()}, [f"web/{path}" for path in kept])

    def web_search(self, documents: list[SiteDocument]) -> dict[str, bytes]:
        """The edition's search index (pipeline.web.search.search_index) from every document's postings, and
        cmif.xml from its letters' entries (`private` holds both here, under search_postings: path -> bytes, or
        where the build keeps them), so that an edit to a text remakes the index, not the pages. Each file's
        postings are read when the index takes them."""
        postings = _ReadOnDemand({path.rsplit("/", 1)[-1].removesuffix(".js"): data for d in documents
                                  for path, data in d.private.items() if not path.startswith(PRIVATE_CMIF)})
        outputs = {f"web/{path}": data for path, data in self.web.search_index(postings).items()}
        outputs["cmif.xml"] = self._cmif(documents)
        return outputs

    def _cmif(self, documents: list[SiteDocument]) -> bytes:
        """The edition's letters as CMIF (build/cmif.xml), for correspSearch to harvest."""
        import datetime
        import os

        from pipeline.cmif import cmif_document

        citation = self.web.renderer.citation
        stamp = os.environ.get("SOURCE_DATE_EPOCH")
        today = (datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc).date() if stamp and stamp.isdigit()
                 else datetime.date.today()).isoformat()
        fragments = [_private_bytes(data) for d in sorted(documents, key=lambda d: d.name)
                     for path, data in sorted(d.private.items()) if path.startswith(PRIVATE_CMIF)]
        return cmif_document(title=citation.edition_title, base_url=citation.base_url, editor=", ".join(citation.editors),
                             today=today, fragments=fragments)

    # -- print ------------------------------------------------------------------------------

    def print_document(self, tei: bytes, name: str) -> dict[str, bytes]:
        """The file's own PDF, and its typeset part of the edition (private: the edition's PDF binds it)."""
        from pipeline.print import read_tei

        try:
            file = read_tei(tei, name=f"{name}.xml")
            part = self.printer.part(file)
            return {
                f"print/{name}.pdf": self.printer.file_pdf(file, part),
                f"{_PART}{name}.pdf": part.pdf,
                f"{_PART}{name}.json": part.layout(),
            }
        except Exception as error:  # noqa: BLE001 - XMLInputError, XsltError, PrintError: this document's
            raise StepError(f"{name}: {' '.join(str(error).split())}") from None

    def print_edition(self, documents: list[SiteDocument]) -> dict[str, bytes]:
        """The whole edition's PDF, as bytes (small editions, the tests)."""
        return self._print_edition(documents, None)

    def write_print_edition(self, documents: list[SiteDocument], folder: str, cache: str | None = None) -> dict[str, Path]:
        """The whole edition's PDF written into `folder` as it is bound, each file's part read from
        where the build keeps it (its private file, given as a path) only when it is bound, so that
        no process holds the edition (pipeline.print.binding); the written file's path. `cache` keeps
        the typeset front and back matter between builds (pipeline.print.cache)."""
        return self._print_edition(documents, Path(folder), cache)

    def _print_edition(self, documents: list[SiteDocument], folder: Path | None, cache: str | None = None) -> dict[str, Any]:
        import tempfile
        from dataclasses import replace

        from pipeline.print import Printer, read_tei
        from pipeline.print.pdf import Typeset
        from pipeline.print.process import HtmlProcess, PdfProcess

        if not documents:
            return {}
        private = _PART.removeprefix(".cache/")
        try:
            # the front and back matter read only each file's outline: its text is not kept
            files = [replace(read_tei(d.tei_bytes(), name=f"{d.name}.xml"), text="") for d in documents]
            pdfs = [d.private[f"{private}{d.name}.pdf"] for d in documents]
            parts = [Typeset.from_layout(b"", _private_bytes(d.private[f"{private}{d.name}.json"])) for d in documents]
            if folder is None:
                return {"print/edition.pdf": self.printer.edition_pdf(
                    files, [replace(p, pdf=_private_bytes(pdf)) for pdf, p in zip(pdfs, parts)])}
            where = {id(part): pdf for part, pdf in zip(parts, pdfs)}
            path = Path(tempfile.mkdtemp(prefix="print-edition-", dir=folder)) / "edition.pdf"
            # the front and back matter of the whole edition made in processes of their own (a fresh Saxon
            # for each), as pipeline print makes them: this one binds, holding neither Saxon's nor
            # WeasyPrint's share of them; they are kept in `cache` and reused while their inputs hold
            with PdfProcess(pieces=1) as typesetter, HtmlProcess(transforms=1) as xslt:
                Printer(odd=_print_odd(self.edition), typesetter=typesetter, xslt=xslt, cache=cache).write_book(
                    path, files, parts, scope="edition", pdf_of=lambda part: _private_bytes(where[id(part)]))
            return {"print/edition.pdf": path}
        except Exception as error:  # noqa: BLE001
            raise StepError(f"the edition's PDF: {' '.join(str(error).split())}") from None


def _private_bytes(value: bytes | str | Path) -> bytes:
    """A private file's content, given as bytes or as the path where the build keeps it."""
    return value if isinstance(value, bytes) else Path(value).read_bytes()


class _ReadOnDemand(Mapping):
    """Private files by key (bytes, or where the build keeps them), each read when asked for, not kept."""

    def __init__(self, files: dict[str, bytes | str | Path]) -> None:
        self._files = files

    def __getitem__(self, key: str) -> bytes:
        return _private_bytes(self._files[key])

    def __iter__(self):
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


#: Where a file's typeset part is kept for the edition's PDF (private: not part of the edition).
_PART = ".cache/print/"
PRIVATE_CMIF = ".cache/cmif/"


def schema_files(edition: Edition) -> dict[str, bytes]:
    """The compiled schemas contributors validate against (RELAX NG, Schematron), by file name: published
    with the web edition (web/schema/) and copied into the project's schema folder."""
    folder = edition.compiled_dir()
    try:
        return {f"{edition.schema_name}.{kind}": (folder / f"{edition.schema_name}.{kind}").read_bytes()
                for kind in ("rng", "sch")}
    except OSError as error:
        raise EnvironmentProblem(f"cannot read the compiled schemas in {folder}: {error.strerror}") from None


def publish_schemas(edition: Edition) -> list[Path]:
    """Copy the pipeline's compiled schemas into the project's schema folder (where its TEI files'
    xml-model instructions point when no base URL is set), when they differ; the files changed."""
    from pipeline.odd.compile import write_outputs

    if not edition.schema_dir:
        return []
    target = Path(edition.schema_dir)
    if target.resolve() == edition.compiled_dir().resolve():
        return []
    try:
        return write_outputs(schema_files(edition), target)
    except OSError as error:
        raise EnvironmentProblem(f"cannot write the schemas to {target}: {error.strerror}") from None


def _print_odd(edition: Edition):
    """The ODD whose documentation the print edition's introduction gives: the project's (chained onto the
    pipeline's when it says so), else the pipeline's (pipeline.print's default)."""
    from pipeline.print.edition import DEFAULT_ODD, read_odd

    if not edition.odd:
        return DEFAULT_ODD
    from pipeline.project_odd import chained_odd
    from pipeline.safexml import parse

    odd = Path(edition.odd)
    merged = chained_odd(odd)
    if merged is None:
        return read_odd(odd)
    from lxml import etree

    return etree.tostring(parse(merged, name=odd.name).getroot(), encoding="unicode")


def _open_validator(edition: Edition):
    """The project's validator (RELAX NG + Schematron, compiled once): (tree, bytes, name) -> [Message]."""
    from pipeline.validate import Validator

    validator = Validator(edition.compiled_dir(), edition.schema_name) if edition.compiled else Validator()

    def run(tree, data: bytes, name: str) -> list[Message]:
        return [
            Message(
                "error" if m.severity in ("error", "fatal") else m.severity,
                m.message,
                line=m.line or None,
                column=m.column or None,
                code=m.rule or m.source,
            )
            for m in validator.check_tree(tree, data, name)
        ]

    return run
