"""The whole web edition: assets (the site's and npm's), the list of files, atomic publishing, and build_site (what
`pipeline web` runs: the steps of pipeline.web.edition, then the search index of pipeline.web.search)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pipeline import resources

#: The site's own CSS and JavaScript.
ASSETS = resources.xslt("web", "assets")
#: lunr.js, installed from npm (node_modules), copied into the site at build time.
LUNR_JS = resources.npm("lunr", "lunr.min.js")
#: MiniSearch (npm "minisearch"), its browser build, copied into the site at build time.
MINISEARCH_JS = resources.npm("minisearch", "dist", "umd", "index.js")
#: EB Garamond (npm "@fontsource/eb-garamond", SIL Open Font License): the Latin files the site uses.
FONT_DIR = resources.npm("@fontsource", "eb-garamond")
FONT_FILES = tuple(f"eb-garamond-latin{ext}-{weight}-{style}.woff2"
                   for ext in ("", "-ext") for weight in (400, 700) for style in ("normal", "italic"))
#: The guidelines page compiled from the ODD, when the schema has been compiled.
GUIDELINES = resources.compiled("pmo-guidelines.html")


def asset_files() -> dict[str, bytes]:
    """The static assets: the site's CSS/JS, and what npm installed (node_modules): MiniSearch, lunr (its
    stemmer, the same as the index's), EB Garamond (its woff2 files and licence)."""
    missing = [str(path) for path in (LUNR_JS, MINISEARCH_JS, FONT_DIR) if not path.exists()]
    if missing:
        raise FileNotFoundError(f"{missing[0]} is missing: {resources.NPM_FIX}")
    files = {f"assets/{path.name}": path.read_bytes() for path in sorted(ASSETS.iterdir()) if path.is_file()}
    files["assets/lunr.min.js"] = LUNR_JS.read_bytes()
    files["assets/minisearch.js"] = MINISEARCH_JS.read_bytes()
    for name in FONT_FILES:
        files[f"assets/fonts/{name}"] = (FONT_DIR / "files" / name).read_bytes()
    files["assets/fonts/LICENSE.txt"] = (FONT_DIR / "LICENSE").read_bytes()
    return files


#: The list of the files (their search postings and stores), made with the edition-wide pages.
SEARCH_LIST = "assets/search-files.js"


def search_list(keys: Iterable[str]) -> dict[str, bytes]:
    """The list of the edition's files, for search.html: window.PMO_SEARCH_FILES."""
    from pipeline.web.search import script

    return {SEARCH_LIST: script("PMO_SEARCH_FILES", None, sorted(set(keys)))}


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
    base_url: str | None = None,
    editors: Sequence[str] | None = None,
    release: str | None = None,
    guidelines: Path | None = GUIDELINES,
    on_warning=None,
) -> dict[str, int]:
    """Make the whole site from tei_dir/*.xml into out_dir, in one process (the steps of
    pipeline.web.edition, run in order). Returns counts.

    A file that cannot be rendered stops the build (WebError) and nothing is published.
    """
    from pipeline.web.edition import WebEdition, document_links
    from pipeline.web.renderer import WebError
    from pipeline.web.search import SEARCH_DIR

    paths = sorted(Path(tei_dir).glob("*.xml"))
    edition = WebEdition(edition_title=edition_title, base_url=base_url, editors=editors, release=release,
                         guidelines=guidelines)
    data = {path.name: path.read_bytes() for path in paths}
    summaries = [edition.summary(data[path.name], path.name) for path in paths]
    links = document_links(summaries)
    files: dict[str, bytes] = {}
    owners: dict[str, str] = {}
    for path, summary in zip(paths, summaries):
        for relative, content in edition.document(data[path.name], path.name, links.get(summary["file"]), summary).items():
            if relative in owners:
                raise WebError(f"{path.name}: would overwrite {relative} of {owners[relative]}: "
                               "two documents (or files) have the same id")
            owners[relative] = path.name
            files[relative] = content
    files.update(edition.site(summaries))
    postings = {name[len(SEARCH_DIR) + 10:-3]: data for name, data in files.items()
                if name.startswith(f"{SEARCH_DIR}/postings/")}
    files.update(edition.search_index(postings))
    if on_warning:
        for warning in edition.renderer.warnings:
            on_warning(warning)
    publish(files, out_dir)
    return {
        "files": len(paths),
        "documents": sum(len(s["documents"]) for s in summaries),
        "pages": sum(1 for name in files if name.endswith(".html")),
    }
