"""Cross-file data of the web edition: previous/next links across files, and the catalogue for browse."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.web.renderer import FileSummary

#: The facets of the browse page: key, label, and how a document's values are read from its summary.
FACETS: tuple[tuple[str, str], ...] = (
    ("year", "Year"),
    ("type", "Type"),
    ("correspondent", "Correspondent"),
    ("hand", "Hand"),
    ("classification", "Classification"),
)


@dataclass(frozen=True)
class Neighbours:
    """The documents just before and after a file in the edition: (key, title) or None."""

    prev: tuple[str, str] | None = None
    next: tuple[str, str] | None = None

    def as_param(self) -> dict[str, dict[str, str]]:
        """The stylesheet parameter 'neighbours'."""
        param = {}
        for name, doc in (("prev", self.prev), ("next", self.next)):
            if doc is not None:
                param[name] = {"key": doc[0], "title": doc[1]}
        return param


def neighbours(summaries: Sequence[FileSummary]) -> dict[str, Neighbours]:
    """For each file (in edition order), the last document of the file before and the first of the file after."""
    result: dict[str, Neighbours] = {}
    for i, summary in enumerate(summaries):
        prev = next((s.documents[-1] for s in reversed(summaries[:i]) if s.documents), None)
        nxt = next((s.documents[0] for s in summaries[i + 1 :] if s.documents), None)
        result[summary.file] = Neighbours(
            prev=(prev["key"], prev["title"]) if prev else None,
            next=(nxt["key"], nxt["title"]) if nxt else None,
        )
    return result


def _values(doc: dict[str, Any], facet: str) -> list[str]:
    if facet == "year":
        return [doc["year"] or "Undated"]
    if facet == "type":
        return [doc["typeLabel"]]
    if facet == "correspondent":
        return list(doc["correspondents"])
    if facet == "hand":
        return list(doc["hands"])
    if facet == "classification":
        return [doc["classification"]] if doc["classification"] else ["Unclassified"]
    raise ValueError(facet)


def _fold(value: str) -> str:
    """What tells two spellings of a name apart: not case, spaces or full stops ("C. D. Powell" = "C D POWELL")."""
    return " ".join(value.replace(".", " ").casefold().split())


def _merge_spellings(counts: dict[str, int]) -> dict[str, int]:
    """Values that differ only in case, spacing or full stops counted as one, under the spelling
    with the most capitals-and-lower-case (a reader's spelling rather than a telegram's)."""
    groups: dict[str, list[str]] = {}
    for value in counts:
        groups.setdefault(_fold(value), []).append(value)
    merged = {}
    for spellings in groups.values():
        best = max(spellings, key=lambda v: (not v.isupper(), counts[v], v))
        merged[best] = sum(counts[v] for v in spellings)
    return merged


def _slug(value: str) -> str:
    """A facet value as a URL token made from the value itself: "C. D. Powell" -> "c-d-powell"."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", _fold(value)).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:60].strip("-") or "value"


def _slugs(values: Sequence[str]) -> dict[str, str]:
    """Each value's slug, unique within its facet (a second value with the same slug gets "-2", …)."""
    taken: dict[str, int] = {}
    out = {}
    for value in values:
        slug = _slug(value)
        taken[slug] = taken.get(slug, 0) + 1
        out[value] = slug if taken[slug] == 1 else f"{slug}-{taken[slug]}"
    return out


def catalogue(summaries: Sequence[FileSummary]) -> str:
    """The catalogue the site pages are made from, as JSON (see catalogue_data)."""
    return json.dumps(catalogue_data(summaries), ensure_ascii=False)


def catalogue_data(summaries: Sequence[FileSummary]) -> dict[str, Any]:
    """The catalogue the site pages are made from: documents in date order with their facet
    values' numbers, the facets with their values, counts and documents (positions in date order),
    the files, and counts.

    A document without a date takes, for ordering, the date of the document before it in the edition,
    so withheld and undated documents stay in their place.
    """
    documents: list[dict[str, Any]] = []
    last_date = ""
    for summary in summaries:
        for doc in summary.documents:
            last_date = doc["date"] or last_date
            documents.append({**doc, "file": summary.file, "order": len(documents), "sortDate": last_date})
    first_date = next((d["date"] for d in documents if d["date"]), "")
    for doc in documents:  # undated documents before the first dated one stay at the start
        doc["sortDate"] = doc["sortDate"] or first_date

    facets = []
    numbers: dict[str, dict[str, int]] = {}
    for key, label in FACETS:
        counts: dict[str, int] = {}
        for doc in documents:
            for value in dict.fromkeys(_values(doc, key)):
                counts[value] = counts.get(value, 0) + 1
        counts = _merge_spellings(counts)
        ordered = sorted(counts, key=lambda v: (v == "Undated", v.casefold(), v))
        numbers[key] = _slugs(ordered)
        if ordered:
            facets.append(
                {
                    "key": key,
                    "label": label,
                    "values": [{"n": numbers[key][v], "label": v, "count": counts[v]} for v in ordered],
                }
            )
    by_fold = {key: {_fold(v): n for v, n in values.items()} for key, values in numbers.items()}
    for doc in documents:
        doc["facets"] = {
            key: " ".join(dict.fromkeys(str(by_fold[key][_fold(v)]) for v in _values(doc, key))) for key, _ in FACETS
        }
    documents.sort(key=lambda d: (d["sortDate"][:10], d["order"]))
    members: dict[tuple[str, str], list[int]] = {}  # (facet, value number) -> positions (1-based) in date order
    for position, doc in enumerate(documents, start=1):
        for key, numbers_of_doc in doc["facets"].items():
            for n in numbers_of_doc.split():
                members.setdefault((key, n), []).append(position)
    for facet in facets:
        for value in facet["values"]:
            value["docs"] = members.get((facet["key"], value["n"]), [])

    files = [
        {"file": s.file, "title": s.title, "reference": s.reference, "count": len(s.documents)} for s in summaries
    ]
    stats = {
        "files": len(summaries),
        "documents": len(documents),
        "withheld": sum(1 for d in documents if d["withheld"]),
    }
    return {"documents": documents, "facets": facets, "files": files, "stats": stats, "persons": persons(documents)}


def persons(documents: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The persons and organisations of the edition: each correspondent and hand, keyed by its name
    folded (see _fold; the TEI gives no register yet), with the documents (positions in date order,
    1-based) it sent, received, or wrote in."""
    found: dict[str, dict[str, Any]] = {}
    for position, doc in enumerate(documents, start=1):
        for role, names in (("sent", doc["from"]), ("received", doc["to"]), ("hand", doc["hands"])):
            for name in dict.fromkeys(names):
                entry = found.setdefault(_fold(name), {"spellings": {}, "sent": [], "received": [], "hand": []})
                entry["spellings"][name] = entry["spellings"].get(name, 0) + 1
                if position not in entry[role]:
                    entry[role].append(position)
    out = []
    for fold in sorted(found, key=lambda f: (f, f)):
        entry = found[fold]
        name = max(entry["spellings"], key=lambda v: (not v.isupper(), entry["spellings"][v], v))
        out.append({"name": name, "sent": entry["sent"], "received": entry["received"], "hand": entry["hand"]})
    slugs = _slugs([p["name"] for p in out])
    for person in out:
        person["id"] = "person-" + slugs[person["name"]]
    return out


def facet_pages(data: dict[str, Any]) -> dict[str, bytes]:
    """Each facet page's path (browse/FACET-N.html) and what it shows, as canonical JSON: its facet,
    its value, and its documents' rows (without what only the index page's filter uses)."""
    canonical = lambda value: json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    rows = [
        canonical({k: v for k, v in doc.items() if k not in ("facets", "order")}).encode("utf-8")
        for doc in data["documents"]
    ]
    pages = {}
    for facet in data["facets"]:
        for value in facet["values"]:
            head = canonical([facet["key"], facet["label"], value["n"], value["label"], value["count"]])
            pages[f"browse/{facet['key']}-{value['n']}.html"] = (
                head.encode("utf-8") + b"\n" + b"\n".join(rows[i - 1] for i in value["docs"]))
    return pages
