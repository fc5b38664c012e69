"""Corpus statistics for the report: documents by type and year, withheld documents by reason, annotations by hand."""

from __future__ import annotations

from collections import Counter
from typing import Any

TEI = "http://www.tei-c.org/ns/1.0"
_NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def document_stats(root) -> dict[str, Any]:
    """Statistics of one TEI file (an lxml element): plain data, small, JSON-ready."""
    divs = []
    for div in root.xpath("t:text/t:body/t:div", namespaces=_NS):
        divs.append({"type": div.get("type") or "untyped", "year": _year(root, div)})
    withheld = Counter(
        gap.get("reason") or "unspecified"
        for gap in root.xpath("t:text//t:gap[@unit='document']", namespaces=_NS)
    )
    redactions = len(root.xpath("t:text//t:gap[@reason='redacted']", namespaces=_NS))
    hands = Counter()
    for shift in root.xpath("t:text//t:handShift[@new]", namespaces=_NS):
        new = shift.get("new", "").lstrip("#")
        if new and new != "typescript":
            hands[new] += 1
    names = {}
    for note in root.xpath("t:teiHeader//t:handNote[@xml:id]", namespaces=_NS):
        names[note.get(XML_ID)] = " ".join("".join(note.itertext()).split())[:200]
    return {
        "divisions": divs,
        "withheld": dict(sorted(withheld.items())),
        "redactions": redactions,
        "annotations": dict(sorted(hands.items())),
        "hand_names": {k: names[k] for k in sorted(hands) if k in names},
        "pages": len(root.xpath("t:text//t:pb", namespaces=_NS)),
    }


def _year(root, div) -> str | None:
    """The year of a document: from its correspondence metadata, else its first dated element."""
    ident = div.get(XML_ID)
    candidates = []
    if ident:
        candidates += root.xpath(
            "t:teiHeader//t:correspDesc[@corresp=$ref]//t:date/@when", namespaces=_NS, ref="#" + ident
        )
    candidates += div.xpath(".//t:dateline//t:date/@when | .//t:date/@when", namespaces=_NS)
    for when in candidates:
        year = str(when)[:4]
        if year.isdigit():
            return year
    return None


def corpus_stats(per_document: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The statistics of the edition, summed over its documents' statistics."""
    by_type: Counter = Counter()
    by_year: Counter = Counter()
    by_type_year: Counter = Counter()
    withheld: Counter = Counter()
    annotations: Counter = Counter()
    hand_names: dict[str, str] = {}
    redactions = pages = 0
    for stats in per_document.values():
        for div in stats.get("divisions", []):
            year = div.get("year") or "undated"
            by_type[div["type"]] += 1
            by_year[year] += 1
            by_type_year[(div["type"], year)] += 1
        withheld.update(stats.get("withheld", {}))
        annotations.update(stats.get("annotations", {}))
        hand_names.update(stats.get("hand_names", {}))
        redactions += stats.get("redactions", 0)
        pages += stats.get("pages", 0)
    return {
        "files": len(per_document),
        "documents": sum(by_type.values()),
        "pages": pages,
        "redactions": redactions,
        "documents_by_type": dict(sorted(by_type.items())),
        "documents_by_year": dict(sorted(by_year.items())),
        "documents_by_type_and_year": [
            {"type": t, "year": y, "count": n} for (t, y), n in sorted(by_type_year.items())
        ],
        "withheld_by_reason": dict(sorted(withheld.items())),
        "annotations_by_hand": dict(sorted(annotations.items())),
        "hand_names": dict(sorted(hand_names.items())),
    }
