"""Paths and choices the print tests share (a module of its own: conftest is not importable by name
when several test folders have one)."""

from __future__ import annotations

from pathlib import Path

from pdftext import pages

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "contract" / "sample.xml"
FIXTURES = Path(__file__).resolve().parent / "data"
ARTIFACTS = ROOT / "test-artifacts" / "print"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def tei_inputs() -> list[Path]:
    """The edition's TEI files when the converter has written them, else the contract sample and our fixtures."""
    real = sorted((ROOT / "tei").glob("*.xml"))
    return real or [SAMPLE, *sorted(FIXTURES.glob("*.xml"))]


def sample_pages(pdf: Path) -> list[int]:
    """Pages worth a look (1-based): the front matter, a document's page with its source note, a
    telegram, a draft, a heavy deletion, pages with each kind of note, a withheld notice, the back matter."""
    texts = pages(pdf)
    wanted = [1, 2, 3, 4]
    for mark in ("Source:", "Telegram", "Draft", "Struck through", "added above the line", "Handwritten", "Annotation, handwritten", "Redacted in the original",
                 "Document withheld", "Withheld documents", "Index of correspondents"):
        found = [i + 1 for i, t in enumerate(texts) if mark.lower() in t.lower() and i + 1 > 4]
        if found:
            wanted.append(found[0] if mark not in ("Withheld documents", "Index of correspondents") else found[-1])
    return sorted(set(wanted))
