"""A document's citation: the suggested citation its page shows ("cite this", xslt/web/document.xsl), and the same
facts in the formats reference managers read: BibTeX, RIS, CSL-JSON, and schema.org JSON-LD for search engines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from pipeline.web.settings import Citation

ARCHIVE = "The National Archives"
ARCHIVE_PLACE = "Kew"


def document_url(citation: Citation, key: str) -> str:
    return f"{citation.base_url}documents/{key}.html"


def archival_reference(doc: Mapping[str, Any], file: Mapping[str, Any]) -> str:
    """"PREM 19/2184, document 1 of 5" (or the file's key when the transcript names no piece)."""
    reference = doc.get("reference") or file.get("reference") or file.get("file", "")
    return f"{reference}, document {doc['n']} of {len(file.get('documents') or ()) or 1}"


def suggested(doc: Mapping[str, Any], file: Mapping[str, Any], citation: Citation) -> str:
    """The suggested citation: the document, its archival reference, the edition, editors, release, address."""
    senders = "; ".join(doc.get("from") or ())
    parts = [senders + ","] if senders else []
    parts += [f"\u201c{doc['title']}\u201d,", (doc["dateLabel"] if doc.get("date") else "undated") + ".",
              f"{ARCHIVE}, {ARCHIVE_PLACE},", archival_reference(doc, file) + ".", "In", citation.edition_title + ","]
    if citation.editors:
        parts.append("edited by " + ", ".join(citation.editors) + ",")
    parts.append(f"release {citation.release}.")
    if citation.base_url:
        parts.append(document_url(citation, doc["key"]) + ".")
    return " ".join(parts)


def formats(doc: Mapping[str, Any], file: Mapping[str, Any], citation: Citation) -> dict[str, bytes]:
    """The document's citation files, by suffix: .bib, .ris, .csl.json, .jsonld."""
    key = doc["key"]
    return {
        f"documents/{key}.bib": bibtex(doc, file, citation).encode("utf-8"),
        f"documents/{key}.ris": ris(doc, file, citation).encode("utf-8"),
        f"documents/{key}.csl.json": _json([csl(doc, file, citation)]),
        f"documents/{key}.jsonld": _json(json_ld(doc, file, citation)),
    }


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _date_parts(date: str) -> list[int]:
    return [int(part) for part in re.findall(r"\d+", date[:10])][:3]


def csl(doc: Mapping[str, Any], file: Mapping[str, Any], citation: Citation) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": doc["key"],
        "type": "manuscript",
        "title": doc["title"],
        "genre": doc.get("typeLabel") or "Document",
        "archive": ARCHIVE,
        "archive-place": ARCHIVE_PLACE,
        "archive_location": archival_reference(doc, file),
        "container-title": citation.edition_title,
        "editor": [{"literal": name} for name in citation.editors],
        "version": citation.release,
        "URL": document_url(citation, doc["key"]),
    }
    if doc.get("from"):
        item["author"] = [{"literal": name} for name in doc["from"]]
    if doc.get("to"):
        item["recipient"] = [{"literal": name} for name in doc["to"]]
    if doc.get("date"):
        item["issued"] = {"date-parts": [_date_parts(doc["date"])]}
    return item


def _bib_escape(value: str) -> str:
    value = value.replace("\\", "\\textbackslash{}")
    return re.sub(r"([{}%&$#_^~])", r"\\\1", value)


def bibtex(doc: Mapping[str, Any], file: Mapping[str, Any], citation: Citation) -> str:
    fields = [("title", doc["title"])]
    if doc.get("from"):
        fields.append(("author", " and ".join("{" + name + "}" for name in doc["from"])))
    fields += [
        ("editor", " and ".join("{" + name + "}" for name in citation.editors)),
        ("booktitle", citation.edition_title),
        ("howpublished", f"{ARCHIVE}, {ARCHIVE_PLACE}, {archival_reference(doc, file)}"),
        ("note", ", ".join(p for p in (doc.get("typeLabel"), f"release {citation.release}") if p)),
        ("url", document_url(citation, doc["key"])),
    ]
    if doc.get("date"):
        parts = _date_parts(doc["date"])
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        fields.append(("date", doc["date"][:10]))
    key = re.sub(r"[^A-Za-z0-9_.:-]", "-", doc["key"])
    body = ",\n".join(f"  {name} = {{{value if name in ('author', 'editor', 'url') else _bib_escape(value)}}}"
                      for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(doc: Mapping[str, Any], file: Mapping[str, Any], citation: Citation) -> str:
    lines = [("TY", "MANSCPT"), ("TI", doc["title"])]
    lines += [("AU", name) for name in doc.get("from") or ()]
    lines += [("A2", name) for name in citation.editors]
    lines += [("T2", citation.edition_title), ("M3", doc.get("typeLabel") or "Document")]
    if doc.get("date"):
        parts = _date_parts(doc["date"]) + [0, 0]
        lines.append(("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts[:3]) if p)))
        lines.append(("PY", str(parts[0])))
    lines += [("AV", f"{ARCHIVE}, {ARCHIVE_PLACE}, {archival_reference(doc, file)}"), ("ET", citation.release),
              ("UR", document_url(citation, doc["key"])), ("ER", "")]
    return "".join(f"{tag}  - {value}".rstrip() + "\r\n" for tag, value in lines)


def json_ld(doc: Mapping[str, Any], file: Mapping[str, Any], citation: Citation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ArchiveComponent",
        "@id": document_url(citation, doc["key"]),
        "url": document_url(citation, doc["key"]),
        "name": doc["title"],
        "genre": doc.get("typeLabel") or "Document",
        "identifier": archival_reference(doc, file),
        "holdingArchive": {"@type": "ArchiveOrganization", "name": ARCHIVE, "address": ARCHIVE_PLACE},
        "isPartOf": {"@type": "Collection", "name": citation.edition_title, "url": citation.base_url,
                     "editor": [{"@type": "Person", "name": name} for name in citation.editors],
                     "version": citation.release},
        "encoding": {"@type": "MediaObject", "encodingFormat": "application/tei+xml",
                     "contentUrl": f"{citation.base_url}documents/{doc['key']}.xml"},
    }
    if doc.get("date"):
        data["dateCreated"] = doc["date"][:10]
    if doc.get("from"):
        data["author"] = [{"@type": "Person", "name": name} for name in doc["from"]]
    if doc.get("to"):
        data["recipient"] = [{"@type": "Person", "name": name} for name in doc["to"]]
    return data
