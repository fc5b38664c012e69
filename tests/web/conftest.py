"""Fixtures of the web tests: one site built per session from the contract sample and our fixtures
(plus the edition's real TEI files when the converter has written them, in a second site)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from webpaths import ARTIFACTS, DATA, GUIDELINES, ROOT, SAMPLE  # noqa: F401  (re-exported)


@dataclass
class Site:
    """A built site: its folder, and the TEI folder it came from."""

    root: Path
    tei: Path
    warnings: list[str]

    def page(self, relative: str) -> Path:
        return self.root / relative

    def html_pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def build(tei: Path, out: Path) -> Site:
    from pipeline.web import build_site

    warnings: list[str] = []
    build_site(tei, out, guidelines=GUIDELINES, on_warning=warnings.append)
    return Site(root=out, tei=tei, warnings=warnings)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The site of the sample (900), a second file (901, for links across files) and a hostile file (999)."""
    return _site_of(tmp_path_factory.mktemp("web"), {"999_hostile.xml": DATA / "hostile.xml"})


@pytest.fixture(scope="session")
def cases_site(tmp_path_factory) -> Site:
    """The site of the sample (900), the second file (901) and the file of the search and reading cases
    of issue 15 (902: a phrase, a possessive, deleted-only words, line breaks, hyphenated line ends), and
    names linked to the registers (903)."""
    return _site_of(tmp_path_factory.mktemp("cases"), {"902_search.xml": DATA / "search.xml",
                                                       "903_registers.xml": DATA / "registers.xml"})


def _site_of(folder, more: dict) -> Site:
    """The site of the sample (900), the second file (901) and `more` (name in tei/ -> file)."""
    tei = folder / "tei"
    tei.mkdir()
    for name, source in {"900_sample.xml": SAMPLE, "901_second.xml": DATA / "second.xml", **more}.items():
        shutil.copy(source, tei / name)
    return build(tei, folder / "site")


@pytest.fixture(scope="session")
def sites(site, tmp_path_factory) -> list[Site]:
    """The fixture site, and the edition's site when the converter has written tei/*.xml."""
    real = sorted((ROOT / "tei").glob("*.xml"))
    if not real:
        return [site]
    folder = tmp_path_factory.mktemp("edition")
    tei = folder / "tei"
    tei.mkdir()
    for path in real:
        shutil.copy(path, tei / path.name)
    return [site, build(tei, folder / "site")]
