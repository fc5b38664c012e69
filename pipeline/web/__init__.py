"""The web edition: a static site (no server, no database) made from the TEI by XSLT 3.0 on Saxon.

The work splits into per-file steps, which are pure and run anywhere (a process pool), and
cross-file steps, which take what the per-file steps returned:

    renderer = WebRenderer()                                  # compiles xslt/web once; make one per worker
    source   = renderer.load(data, name="001_x.xml")          # parse (safely) once: SourceFile
    summary  = renderer.summarise(source)                     # per file: FileSummary (picklable)
    links    = neighbours([summary, ...])                     # cross-file: {file key: Neighbours}
    pages    = renderer.render(source, links[summary.file])   # per file: RenderedFile (pages, search passages)
    site     = renderer.render_site(catalogue(summaries), has_guidelines=...)   # cross-file pages
    shard    = search_shard(summary.file, pages.passages)          # per file: its search index (a script)
    files    = {**pages.files, **shard, ..., **search_list(file keys), **asset_files()}
    publish(files, out_dir)                                   # atomic

or all of it at once: ``build_site(tei_dir, out_dir)`` (what ``pipeline web`` runs).

For ``pipeline build``, pipeline.web.edition wraps these as steps on plain data (bytes in, files out,
JSON-ready summaries and links): ``WebEdition().summary / .document / .site`` and ``document_links``.
"""

import importlib

#: Public name -> the module that defines it (imported on first use, so that `pipeline --help`,
#: which looks up pipeline.web.cli, imports nothing heavy).
_EXPORTS = {
    "FileSummary": "renderer", "RenderedFile": "renderer", "SourceFile": "renderer", "WebError": "renderer",
    "WebRenderer": "renderer", "Neighbours": "catalogue", "catalogue": "catalogue", "neighbours": "catalogue",
    "WebEdition": "edition", "document_links": "edition",
    "asset_files": "site", "build_site": "site", "publish": "site", "search_list": "site", "search_shard": "site",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'pipeline.web' has no attribute {name!r}")
    return getattr(importlib.import_module(f"pipeline.web.{_EXPORTS[name]}"), name)
