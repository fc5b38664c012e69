"""The web edition as build steps: TEI bytes in, site files out, JSON-ready data in between.

For `pipeline build` (and `pipeline web`): each function takes and returns only plain data
(bytes, str, dict, list), so the per-document steps can run in worker processes.

    worker:  web = WebEdition()                       # once per process (compiles the stylesheet)
             summary = web.summary(tei, name)          # per document: JSON-ready dict
    main:    links = document_links(summaries)         # {file key: JSON-ready neighbours}
    worker:  files = web.document(tei, name, links[summary["file"]])
             # pages, downloads (TEI, text, citations), the file's search store and postings
    after:   files = web.site(summaries)               # index, browse, people, search page, facets of
                                                       # results, about, encoding, guidelines, sitemap, assets
    after:   files = web.search_index(postings)        # the edition's search index split by term, from
                                                       # every file's assets/search/postings/<file>.js

A file's search store and postings are made with its pages, so that one changed file costs one file's;
the index split by term is made from all of them (pipeline.web.search).
The edition-wide pages depend on the summaries only: an edit that leaves a file's summary as it was
(its text, not its metadata) needs no edition-wide step.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.web.catalogue import Neighbours, catalogue_data, facet_pages, neighbours
from pipeline.web.renderer import FileSummary, SourceFile, WebRenderer
from pipeline.web.search import file_search, search_facets, search_index
from pipeline.web.guidelines import guidelines_fragment, schema_files
from pipeline.web.sitemap import sitemap
from pipeline.web.site import GUIDELINES, asset_files, search_list


def document_links(summaries: Sequence[Mapping[str, Any]]) -> dict[str, dict]:
    """Previous/next across files: for each file key (summaries in edition order), its JSON-ready neighbours."""
    found = neighbours([_summary(s) for s in summaries])
    return {key: links.as_param() for key, links in found.items()}


class WebEdition:
    """The per-document and site steps of the web edition, with the stylesheet compiled once."""

    def __init__(self, *, edition_title: str = "PMO Papers", base_url: str | None = None,
                 editors: Sequence[str] | None = None, release: str | None = None,
                 guidelines: Path | None = GUIDELINES):
        self.renderer = WebRenderer(edition_title=edition_title, base_url=base_url,
                                    editors=None if editors is None else tuple(editors), release=release)
        self.guidelines = guidelines
        self._loaded: OrderedDict[tuple[str, str], SourceFile] = OrderedDict()

    def _load(self, tei: bytes, name: str) -> SourceFile:
        """A TEI file checked once: the summary and the pages of the same bytes share one parse."""
        key = (name, hashlib.sha256(tei).hexdigest())
        if key not in self._loaded:
            self._loaded[key] = self.renderer.load(tei, name)
            while len(self._loaded) > 8:
                self._loaded.popitem(last=False)
        return self._loaded[key]

    def summary(self, tei: bytes, name: str) -> dict[str, Any]:
        """What browse, facets and links need of one TEI file (raises WebError on a bad file)."""
        summary = self.renderer.summarise(self._load(tei, name))
        return {**summary.__dict__, "documents": list(summary.documents)}

    def document(self, tei: bytes, name: str, links: Mapping[str, Any] | None = None,
                 summary: Mapping[str, Any] | None = None) -> dict[str, bytes]:
        """One TEI file's pages, its TEI download, and its search index (assets/search/<file>.js).

        `summary` is what .summary() gave for the same bytes, when the caller has it (else it is made again)."""
        source = self._load(tei, name)
        rendered = self.renderer.render(source, _neighbours(links), _summary(summary) if summary else None)
        files = dict(rendered.files)
        files.update(file_search(source.key, rendered.passages))
        return files

    def search_index(self, postings: Mapping[str, bytes]) -> dict[str, bytes]:
        """The edition's search index, split by the first letters of each term (pipeline.web.search),
        from every file's postings script (file key -> the bytes of assets/search/postings/<file>.js).
        Without it (until the build runs it), search.html loads every file's postings instead."""
        return search_index(postings)

    def site(self, summaries: Sequence[Mapping[str, Any]]) -> dict[str, bytes]:
        """The pages made from the whole edition, the list of the files' search indexes, the assets
        (and the guidelines page)."""
        return self.site_pages(summaries)[0]

    def site_pages(
        self, summaries: Sequence[Mapping[str, Any]], previous: Mapping[str, str] | None = None
    ) -> tuple[dict[str, bytes], dict[str, str], list[str]]:
        """The same, remaking only the facet pages whose rows changed: (files, pages, kept).

        `pages` maps each facet page to the hash of what it shows; `previous` is that map from the
        build whose pages are published, made by the same code. A facet page whose hash is in
        `previous` is not made again: it is listed in `kept` (the caller keeps its published file).
        """
        ordered = sorted((_summary(s) for s in summaries), key=lambda s: s.file)
        has_guidelines = self.guidelines is not None and Path(self.guidelines).is_file()
        data = catalogue_data(ordered)
        common = json.dumps(self.renderer._common, sort_keys=True).encode("utf-8")
        pages = {path: hashlib.sha256(common + b"\0" + shown).hexdigest() for path, shown in facet_pages(data).items()}
        kept = sorted(path for path, digest in pages.items() if previous and previous.get(path) == digest)
        if kept:
            unchanged = set(kept)
            for facet in data["facets"]:
                for value in facet["values"]:
                    value["render"] = f"browse/{facet['key']}-{value['n']}.html" not in unchanged
        fragment = guidelines_fragment(Path(self.guidelines).read_bytes()) if has_guidelines else ""
        files = self.renderer.render_site(json.dumps(data, ensure_ascii=False), has_guidelines=has_guidelines,
                                          guidelines=fragment)
        if has_guidelines:
            files.update(schema_files(Path(self.guidelines)))
        files.update(search_list(s.file for s in ordered))
        files.update(search_facets(data))
        files.update(sitemap(data, self.renderer.citation.base_url, has_guidelines))
        files.update(asset_files())
        return files, pages, kept


def _summary(data: Mapping[str, Any] | FileSummary) -> FileSummary:
    if isinstance(data, FileSummary):
        return data
    return FileSummary(
        file=data["file"], id=data["id"], title=data["title"], reference=data["reference"],
        documents=tuple(data["documents"]),
    )


def _neighbours(links: Mapping[str, Any] | None) -> Neighbours | None:
    if not links:
        return None
    pick = lambda name: (links[name]["key"], links[name]["title"]) if links.get(name) else None  # noqa: E731
    return Neighbours(prev=pick("prev"), next=pick("next"))
