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
    if facet == "classification":
        return [doc["classification"]] if doc["classification"] else ["Unclassified"]
    raise ValueError(facet)


#: A value of a facet: (key, label, sort). A person's key is its register id ("ref:per-…") when the TEI
#: links the name to the register, else its name folded ("name:c d powell"); see REGISTERS.md.
Value = tuple[str, str, str]


def _parties(doc: dict[str, Any], roles: Sequence[str]) -> list[Value]:
    """The persons and organisations of a document in these roles ("sent", "received", "hand")."""
    people = [p for p in doc.get("people", ()) if p["role"] in roles]
    if "hand" in roles:
        people += [{**p, "role": "hand"} for p in doc.get("handPeople", ())]
    if "people" not in doc:  # a summary made before the registers: names only
        names = [n for role in roles for n in (doc["correspondents"] if role != "hand" else doc["hands"])]
        people = [{"id": "", "name": n, "sort": n} for n in dict.fromkeys(names)]
    return [(f"ref:{p['id']}" if p["id"] else f"name:{_fold(p['name'])}", p["name"], p["sort"]) for p in people]


def _facet_values(doc: dict[str, Any], facet: str) -> list[Value]:
    """A document's values of a facet, each (key, label, sort)."""
    if facet == "correspondent":
        return _parties(doc, ("sent", "received"))
    if facet == "hand":
        return _parties(doc, ("hand",))
    return [(f"name:{_fold(v)}", v, v) for v in _values(doc, facet)]


def _fold(value: str) -> str:
    """What tells two spellings of a name apart: not case, spaces or full stops ("C. D. Powell" = "C D POWELL")."""
    return " ".join(value.replace(".", " ").casefold().split())


def _labels(found: dict[str, dict[str, int]]) -> dict[str, str]:
    """Each key's label: a register's standard name, or of a name's spellings (which differ only in case,
    spacing or full stops) the one with the most capitals-and-lower-case (a reader's rather than a
    telegram's), then the commonest."""
    return {key: max(spellings, key=lambda v: (not v.isupper(), spellings[v], v)) for key, spellings in found.items()}


def _slug(value: str) -> str:
    """A facet value as a URL token made from the value itself: "C. D. Powell" -> "c-d-powell"."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", _fold(value)).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:60].strip("-") or "value"


def _slugs_of(keys: Sequence[str], labels: dict[str, str]) -> dict[str, str]:
    """Each value's slug, unique within its facet (a second value with the same slug gets "-2", …): made
    from the register id for a value that has one ("ref:per-powell-charles" -> "per-powell-charles"),
    else from its label, so that a value's address stays when other values come and go."""
    taken: dict[str, int] = {}
    out = {}
    for key in sorted(keys, key=lambda k: (not k.startswith("ref:"), k)):  # ids first: theirs never change
        slug = _slug(key[4:] if key.startswith("ref:") else labels[key])
        taken[slug] = taken.get(slug, 0) + 1
        out[key] = slug if taken[slug] == 1 else f"{slug}-{taken[slug]}"
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
    numbers: dict[str, dict[str, str]] = {}  # facet -> value key -> its slug
    for key, label in FACETS:
        counts: dict[str, int] = {}
        spellings: dict[str, dict[str, int]] = {}
        sorts: dict[str, str] = {}
        for doc in documents:
            seen = set()
            for value, shown, sort in _facet_values(doc, key):
                sorts.setdefault(value, sort)
                spellings.setdefault(value, {}).setdefault(shown, 0)
                spellings[value][shown] += 1
                if value not in seen:
                    seen.add(value)
                    counts[value] = counts.get(value, 0) + 1
        labels = _labels(spellings)
        ordered = sorted(counts, key=lambda v: (labels[v] == "Undated", sorts[v].casefold(), labels[v], v))
        numbers[key] = _slugs_of(ordered, labels)
        if ordered:
            facets.append(
                {
                    "key": key,
                    "label": label,
                    "values": [{"n": numbers[key][v], "label": labels[v], "count": counts[v]} for v in ordered],
                }
            )
    for doc in documents:
        doc["facets"] = {
            key: " ".join(dict.fromkeys(numbers[key][v] for v, _, _ in _facet_values(doc, key))) for key, _ in FACETS
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
    """The persons and organisations of the edition: each correspondent and hand, keyed by its register id
    (else by its name folded: see _fold), labelled by its standard name, in the order of its sort key, with
    the documents (positions in date order, 1-based) it sent, received, or wrote in."""
    found: dict[str, dict[str, Any]] = {}
    for position, doc in enumerate(documents, start=1):
        for role in ("sent", "received", "hand"):
            for key, name, sort in _parties(doc, (role,)):
                entry = found.setdefault(key, {"spellings": {}, "sort": sort, "sent": [], "received": [], "hand": []})
                entry["spellings"][name] = entry["spellings"].get(name, 0) + 1
                if position not in entry[role]:
                    entry[role].append(position)
    labels = _labels({key: entry["spellings"] for key, entry in found.items()})
    ordered = sorted(found, key=lambda k: (found[k]["sort"].casefold(), labels[k], k))
    slugs = _slugs_of(ordered, labels)
    return [{"id": "person-" + slugs[key], "name": labels[key], "sent": found[key]["sent"],
             "received": found[key]["received"], "hand": found[key]["hand"]} for key in ordered]


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
