"""The whole web edition: assets, search indexes (one per file), atomic publishing, and build_site (what `pipeline web` runs)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The site's own CSS and JavaScript.
ASSETS = ROOT / "xslt" / "web" / "assets"
#: lunr.js, installed from npm (node_modules), copied into the site at build time.
LUNR_JS = ROOT / "node_modules" / "lunr" / "lunr.min.js"
#: The guidelines page compiled from the ODD, when the schema has been compiled.
GUIDELINES = ROOT / "schema" / "compiled" / "pmo-guidelines.html"


def asset_files() -> dict[str, bytes]:
    """The static assets: the site's CSS/JS and lunr.js (from node_modules)."""
    if not LUNR_JS.is_file():
        raise FileNotFoundError(f"{LUNR_JS} is missing: run scripts/setup (npm install) first")
    files = {f"assets/{path.name}": path.read_bytes() for path in sorted(ASSETS.iterdir()) if path.is_file()}
    files["assets/lunr.min.js"] = LUNR_JS.read_bytes()
    return files


#: Where each TEI file's search index goes (one script per file, made with its pages).
SEARCH_DIR = "assets/search"
#: The list of the files' search indexes, made with the edition-wide pages.
SEARCH_LIST = "assets/search-files.js"


def search_shard(key: str, passages: Iterable[Mapping[str, str]]) -> dict[str, bytes]:
    """One TEI file's search index (lunr) and its passages' text, as a script that adds them to
    window.PMO_SEARCH_SHARDS under the file's key: ``{SEARCH_DIR}/{key}.js``.

    A script, not JSON fetched at run time, so that search works from pages opened from disk (file://).
    Made per file, so that an edition-wide search needs no work over every passage when one file changes.
    """
    from lunr import lunr

    _cache_stemming()
    records = []
    store = {}
    for number, passage in enumerate(sorted(passages, key=lambda p: p["id"])):
        # lunr repeats a record's ref for each of its words: a short one (its number in the file) keeps
        # the index a third smaller; the store gives the passage's address.
        ref = str(number)
        doc_key, _, anchor = passage["id"].partition("#")
        is_document = not anchor
        records.append(
            {"id": ref, "title": passage["title"] if is_document else "", "meta": passage["meta"], "text": passage["text"]}
        )
        store[ref] = {
            "k": doc_key,
            "t": passage["title"],
            "d": passage.get("date", ""),
            "u": f"documents/{doc_key}.html" + (f"#{anchor}" if anchor else ""),
            "x": passage["text"] or passage["meta"],
        }
    index = None  # a file without passages (lunr cannot index nothing)
    if records:
        index = lunr(
            ref="id",
            fields=[{"field_name": "title", "boost": 5}, {"field_name": "meta", "boost": 2}, "text"],
            documents=records,
        ).serialize()
    data = _script_json({"index": index, "store": store})
    name = _script_json(key)
    script = f"(window.PMO_SEARCH_SHARDS = window.PMO_SEARCH_SHARDS || {{}})[{name}] = {data};\n"
    return {f"{SEARCH_DIR}/{key}.js": script.encode("ascii")}


def search_list(keys: Iterable[str]) -> dict[str, bytes]:
    """The list of the files whose search index (search_shard) search.html loads: window.PMO_SEARCH_FILES."""
    data = _script_json(sorted(set(keys)))
    return {SEARCH_LIST: f"window.PMO_SEARCH_FILES = {data};\n".encode("ascii")}


def _script_json(value) -> str:
    """JSON that is inert inside a script: ASCII, and no "</script", no "<!--" can appear in it."""
    data = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return data.replace("<", "\\u003c").replace(">", "\\u003e")


def _cache_stemming() -> None:
    """Stem each distinct word once: lunr's Porter stemmer is pure, and most of the indexing time.

    (lunr's pipeline calls ``porter_stemmer.stem`` on its one shared instance; the cache stands in
    for that method, with the same results.)
    """
    from functools import lru_cache

    from lunr import stemmer

    if getattr(stemmer.porter_stemmer, "_pipeline_cached", False):
        return
    stem = lru_cache(maxsize=100_000)(stemmer.PorterStemmer().stem)
    stemmer.porter_stemmer.stem = lambda word, metadata=None: stem(word)
    stemmer.porter_stemmer._pipeline_cached = True


def publish(files: Mapping[str, bytes], out_dir: Path) -> None:
    """Write the site into out_dir atomically: all of it in a sibling folder, then swapped in."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for relative, data in files.items():
            target = _inside(staging, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chmod(staging, 0o755)
        old = None
        if out_dir.exists():
            old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _inside(folder: Path, relative: str) -> Path:
    parts = relative.split("/")
    if not relative or any(part in ("", ".", "..") for part in parts) or "\\" in relative:
        raise ValueError(f"refusing to write outside the site: {relative!r}")
    return folder.joinpath(*parts)


def build_site(
    tei_dir: Path,
    out_dir: Path,
    *,
    edition_title: str = "PMO Papers",
    base_url: str = "",
    guidelines: Path | None = GUIDELINES,
    on_warning=None,
) -> dict[str, int]:
    """Make the whole site from tei_dir/*.xml into out_dir, in one process (the steps of
    pipeline.web.edition, run in order). Returns counts.

    A file that cannot be rendered stops the build (WebError) and nothing is published.
    """
    from pipeline.web.edition import WebEdition, document_links
    from pipeline.web.renderer import WebError

    paths = sorted(Path(tei_dir).glob("*.xml"))
    edition = WebEdition(edition_title=edition_title, base_url=base_url, guidelines=guidelines)
    data = {path.name: path.read_bytes() for path in paths}
    summaries = [edition.summary(data[path.name], path.name) for path in paths]
    links = document_links(summaries)
    files: dict[str, bytes] = {}
    owners: dict[str, str] = {}
    for path, summary in zip(paths, summaries):
        for relative, content in edition.document(data[path.name], path.name, links.get(summary["file"])).items():
            if relative in owners:
                raise WebError(f"{path.name}: would overwrite {relative} of {owners[relative]}: "
                               "two documents (or files) have the same id")
            owners[relative] = path.name
            files[relative] = content
    files.update(edition.site(summaries))
    if on_warning:
        for warning in edition.renderer.warnings:
            on_warning(warning)
    publish(files, out_dir)
    return {
        "files": len(paths),
        "documents": sum(len(s["documents"]) for s in summaries),
        "pages": sum(1 for name in files if name.endswith(".html")),
    }
