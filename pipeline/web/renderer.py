"""Per-file steps of the web edition: parse a TEI file safely, summarise it, render its pages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import resources
from pipeline.safexml import XMLInputError, parse

#: The web edition's entry stylesheet.
STYLESHEET = resources.xslt("web", "web.xsl")
TEI_NS = "http://www.tei-c.org/ns/1.0"
#: The render task's search passages: lines of text, in memory only (see w:passages in xslt/web/document.xsl).
PASSAGES = "search-passages.tsv"


class WebError(Exception):
    """A TEI file cannot be made into pages; str() says which file and why, in one line."""


@dataclass(frozen=True)
class SourceFile:
    """A TEI file, checked: its key (file name without .xml), its text for Saxon, its bytes for download."""

    key: str
    name: str
    text: str
    download: bytes
    root: Any = field(default=None, compare=False, repr=False)  # the checked TEI element (lxml)


@dataclass(frozen=True)
class FileSummary:
    """What browse, facets, search and previous/next links need to know of one TEI file."""

    file: str
    id: str
    title: str
    reference: str
    documents: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class RenderedPages:
    """What the web stylesheet makes of one TEI file: its pages (site path -> bytes), its search lines (see
    w:passages), its documents' suggested citations (by key), the stylesheet's messages."""

    pages: dict[str, bytes]
    lines: str
    citations: dict[str, str]
    messages: tuple[str, ...]


@dataclass(frozen=True)
class RenderedFile:
    """The pages of one TEI file (site path -> bytes) and its search passages."""

    file: str
    files: dict[str, bytes]
    passages: tuple[dict[str, str], ...]
    warnings: tuple[str, ...] = field(default=())


def file_key(name: str) -> str:
    """A TEI file name as a safe key for URLs: '001_2bcad8.xml' -> '001_2bcad8'."""
    stem = Path(name).name
    stem = stem[:-4] if stem.lower().endswith(".xml") else stem
    key = re.sub(r"[^A-Za-z0-9_.-]", "-", stem).lstrip(".-") or "file"
    return key[:120]


class WebRenderer:
    """The web stylesheet compiled once (per process); the per-file steps."""

    def __init__(self, *, edition_title: str = "PMO Papers", base_url: str | None = None,
                 editors: tuple[str, ...] | None = None, release: str | None = None, runner: Any = None) -> None:
        """`runner`, an XsltRunner holding the web stylesheet as "web" (the benchmark's holds its baseline too)."""
        from pipeline.web.settings import Citation
        from pipeline.xslt import XsltRunner

        self._runner = runner or XsltRunner({"web": STYLESHEET})
        #: The pages' frames made so far, by kind of page and licence (see render_pages).
        self._frames: dict[tuple[str, bytes], str] = {}
        defaults = Citation()
        #: What citations name (pipeline.web.settings): the edition, its address, editors, release.
        self.citation = Citation(edition_title=edition_title,
                                 # an address that is not http(s) is left out (never a link, never cited)
                                 base_url=defaults.base_url if base_url is None else
                                 (base_url if re.match(r"https?://[^\s\"<>\\]+$", base_url) else ""),
                                 editors=defaults.editors if editors is None else tuple(editors),
                                 release=defaults.release if release is None else release)
        self._common = self.citation.as_params()
        #: Warnings of the stylesheet (e.g. an element it has no rendering for), "file: message", as they come.
        self.warnings: list[str] = []

    def load(self, data: bytes, name: str) -> SourceFile:
        """Check a TEI file (pipeline.safexml) once; the result feeds both summarise and render."""
        try:
            tree = parse(data, name=name)
        except XMLInputError as error:
            raise WebError(str(error)) from None
        root = tree.getroot()
        if root.tag != f"{{{TEI_NS}}}TEI":
            raise WebError(f"{name}: not a TEI file (the root element is not TEI's <TEI>)")
        from lxml import etree

        text = etree.tostring(root, encoding="unicode")
        download = b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8") + b"\n"
        return SourceFile(key=file_key(name), name=name, text=text, download=download, root=root)

    def summarise(self, source: SourceFile) -> FileSummary:
        """The file's summary: its documents' metadata (cheap: no page is rendered)."""
        result = self._run(source, {"task": "summary"})
        data = json.loads(result.output)
        return FileSummary(
            file=data["file"],
            id=data["id"],
            title=data["title"],
            reference=data["reference"],
            documents=tuple(data["documents"]),
        )

    def render(self, source: SourceFile, links: "Neighbours | None" = None,
               summary: FileSummary | None = None) -> RenderedFile:
        """The file's pages (documents/KEY.html, files/FILE.html, tei/FILE.xml) and search passages.

        `links` gives the documents before and after this file in the edition (see catalogue.neighbours);
        `summary`, what summarise() gave for this source, saves making it again.
        """
        summary = summary or self.summarise(source)
        made = self.render_pages(source, summary, links)
        files = dict(made.pages)
        files[f"tei/{source.key}.xml"] = source.download
        file_summary = _as_dict(summary)
        passages = _passages(made.lines, file_summary)
        files.update(self._downloads(source, file_summary, made.citations, passages))
        return RenderedFile(file=source.key, files=files, passages=passages, warnings=made.messages)

    def render_pages(self, source: SourceFile, summary: FileSummary, links: "Neighbours | None" = None) -> RenderedPages:
        """What render() takes from the stylesheet: the render task on the file, its pages put together.

        The task is given the file's summary and its documents' suggested citations (pipeline.web.citation). The
        pages' frames (pipeline.web.pages) depend on the file only through its licence, which their footer shows:
        the frames made for one file serve the later files with the same licence, and are not made again.
        """
        from pipeline.web.citation import suggested
        from pipeline.web.pages import frames_of

        file_summary = _as_dict(summary)
        citations = {doc["key"]: suggested(doc, file_summary, self.citation) for doc in summary.documents}
        licence = _licence(source)
        known = {kind: text for (kind, of), text in self._frames.items() if of == licence and licence is not None}
        params: dict[str, Any] = {"task": "render", "summary-json": json.dumps(file_summary, ensure_ascii=False),
                                  "citations": citations, "known-frames": list(known)}
        if links is not None:
            params["neighbours"] = links.as_param()
        result = self._run(source, params)
        if licence is not None:
            if len(self._frames) > 32:  # a corpus of many licences: the frames of the latest only
                self._frames.clear()
            self._frames.update({(kind, licence): text for kind, text in frames_of(result).items()})
        return RenderedPages(pages=_pages(result, source.name, known), lines=result.documents.get(PASSAGES, ""),
                             citations=citations, messages=result.messages)

    def _downloads(self, source: SourceFile, summary: dict, citations: dict[str, str], passages) -> dict[str, bytes]:
        """Each document's TEI, plain text and citation files (pipeline.web.downloads, .citation)."""
        from pipeline.web import citation, downloads

        files = downloads.document_tei(source.root, summary["documents"]) if source.root is not None else {}
        for doc in summary["documents"]:
            own = [p for p in passages if p["doc"] == doc["key"] and "#" in p["id"]]
            files[f"documents/{doc['key']}.txt"] = downloads.document_text(
                doc, citation.archival_reference(doc, summary), citations[doc["key"]], own)
            files.update(citation.formats(doc, summary, self.citation))
        return files

    def render_site(self, catalogue_json: str, *, has_guidelines: bool = False, guidelines: str = "") -> dict[str, bytes]:
        """The cross-file pages: index.html, browse/*.html, search.html, about.html, encoding.html."""
        from pipeline.xslt import XsltError

        params = {**self._common, "catalogue": catalogue_json, "has-guidelines": has_guidelines, "guidelines": guidelines}
        try:
            result = self._runner.transform("web", template="site", name="catalogue", params=params)
        except XsltError as error:
            raise WebError(str(error)) from None
        return _pages(result, "catalogue")

    def _run(self, source: SourceFile, params: dict[str, Any]):
        from pipeline.xslt import XsltError

        try:
            result = self._runner.transform(
                "web", source.text, name=source.name, params={**self._common, "file": source.key, **params}
            )
        except XsltError as error:
            raise WebError(str(error)) from None
        self.warnings.extend(f"{source.name}: {message}" for message in result.messages)
        return result


from pipeline.web.catalogue import Neighbours  # noqa: E402  (for the annotation above)


def _as_dict(summary: FileSummary) -> dict[str, Any]:
    return {**summary.__dict__, "documents": list(summary.documents)}


def _licence(source: SourceFile) -> bytes | None:
    """What the frames of a file's pages depend on: its licence (w:licence-note in xslt/web/document.xsl), as XML;
    None when the checked tree is not at hand."""
    if source.root is None:
        return None
    from lxml import etree

    tei = f"{{{TEI_NS}}}"
    licence = source.root.find(f"{tei}teiHeader/{tei}fileDesc/{tei}publicationStmt/{tei}availability/{tei}licence")
    return b"" if licence is None else etree.tostring(licence, with_tail=False)


def _pages(result, name: str, frames: dict[str, str] | None = None) -> dict[str, bytes]:
    """The pages of a transformation, put together (pipeline.web.pages) with the frames it made and `frames`;
    WebError when they cannot be."""
    from pipeline.web.pages import assemble
    from pipeline.xslt import XsltError

    try:
        return {path: text.encode("utf-8") for path, text in assemble(result, frames or {}).items()}
    except XsltError as error:
        raise WebError(f"{name}: {error}") from None


def _passages(lines: str, summary: dict) -> tuple[dict[str, str], ...]:
    """The file's search records, from the lines the stylesheet gives of its documents (w:passages): one record
    for a document's metadata ("D", key, metadata), then one per passage of text ("P", number, text, the words
    only the diplomatic layer has)."""
    documents = {doc["key"]: doc for doc in summary["documents"]}
    records: list[dict[str, str]] = []
    key = title = date = ""
    for line in lines.split("\n"):
        kind, *fields = line.split("\t")
        if kind == "D":
            doc = documents[fields[0]]
            key, title, date = doc["key"], doc["title"], doc["dateLabel"]
            records.append({"id": key, "doc": key, "title": title, "meta": fields[1], "date": date, "text": ""})
        elif kind == "P":
            number, text, dipl = fields
            records.append({"id": f"{key}#{number}", "doc": key, "title": title, "meta": "", "date": date,
                            "text": text, "dipl": dipl})
    return tuple(records)
