"""The loss check: every character of a transcript is in the TEI text or deliberately represented.

Compares, as multisets, the transcript's characters with the TEI text's,
ignoring white space and the Markdown layer's own syntax (`*`, `~`, `#`, `>`,
`-`, `_`, `+`, `<sup>` tags) on both sides. The transcript side first loses
what the converter reports it left out on purpose (boilerplate, repetition
loops, each with its transcript lines) and what a gap stands for (a redaction
marker); the TEI side leaves out editorial text the converter adds (a
normalised `<reg>`, a boilerplate note, a redaction gap's description, the description of an OCR
repetition, which repeats the dropped lines).
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from pipeline.convert import Conversion
from pipeline.convert.model import Block, Gap, Inline, walk

SYNTAX = set("*~#>-_+")
SUP_TAG = re.compile(r"</?sup\s*>", re.IGNORECASE)
TEI = "{http://www.tei-c.org/ns/1.0}"
EDITORIAL = {f"{TEI}reg", f"{TEI}corr"}


def characters(text: str) -> Counter:
    text = SUP_TAG.sub("", text)
    return Counter(c for c in text if not c.isspace() and c not in SYNTAX)


def represented(conversion: Conversion) -> Counter:
    """Characters the converter accounts for without writing them as text."""
    total = Counter()
    for drop in conversion.drops:
        total += characters(drop.text)
    for document in conversion.transcript.documents:
        for node in document.nodes:
            if isinstance(node, Block):
                for gap in _gaps_in_block(node):
                    total += characters(gap.replaces)
    return total


def _gaps_in_block(block: Block) -> list[Gap]:
    found = _gaps(block.inlines)
    for item in block.items:
        for child in item.blocks:
            found += _gaps_in_block(child)
    for row in block.rows:
        for cell in row:
            found += _gaps(cell)
    return found


def _gaps(nodes: list[Inline]) -> list[Gap]:
    return [node for node in walk(nodes) if isinstance(node, Gap)]


def tei_text(tei: bytes) -> str:
    """The text of the TEI `<text>`, without the editorial additions."""
    root = etree.fromstring(tei)
    text = root.find(f"{TEI}text")
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        skip = element.tag in EDITORIAL
        skip |= element.tag == f"{TEI}note" and element.get("type") in ("boilerplate", "editorial")
        skip |= element.tag == f"{TEI}desc" and element.getparent().get("reason") in ("redacted", "illegible", "ocr-repetition")
        if not skip:
            parts.append(element.text or "")
            for child in element:
                walk(child)
        parts.append(element.tail or "")

    walk(text)
    return "".join(parts)


def unaccounted(source_text: str, conversion: Conversion) -> tuple[Counter, Counter]:
    """(characters lost, characters invented): both empty when nothing is lost."""
    expected = characters(source_text) - represented(conversion)
    actual = characters(tei_text(conversion.tei))
    return expected - actual, actual - expected
