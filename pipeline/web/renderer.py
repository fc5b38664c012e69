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
#: The render task's citations of the file's documents (and its summary, when not given), as JSON.
RENDER_DATA = "render.json"


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
                 editors: tuple[str, ...] | None = None, release: str | None = None) -> None:
        from pipeline.web.settings import Citation
        from pipeline.xslt import XsltRunner

        self._runner = XsltRunner({"web": STYLESHEET})
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
        params: dict[str, Any] = {"task": "render"}
        if links is not None:
            params["neighbours"] = links.as_param()
        given = None if summary is None else {**summary.__dict__, "documents": list(summary.documents)}
        if given is not None:
            params["summary-json"] = json.dumps(given, ensure_ascii=False)
        result = self._run(source, params)
        files = _pages(result, source.name)
        files[f"tei/{source.key}.xml"] = source.download
        lines = result.documents.get(PASSAGES, "")
        output = json.loads(result.documents[RENDER_DATA])
        # the stylesheet gives the summary back only when it had to make it
        file_summary = output["summary"] if given is None else given
        passages = _passages(lines, file_summary)
        files.update(self._downloads(source, file_summary, output["citations"], passages))
        return RenderedFile(file=source.key, files=files, passages=passages, warnings=result.messages)


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


def _pages(result, name: str) -> dict[str, bytes]:
    """The pages of a transformation, put together (pipeline.web.pages); WebError when they cannot be."""
    from pipeline.web.pages import assemble
    from pipeline.xslt import XsltError

    try:
        return {path: text.encode("utf-8") for path, text in assemble(result).items()}
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
