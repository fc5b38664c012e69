"""Per-document downloads: the TEI of one document (its file's header, its own division) and its reading
text as plain text."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

TEI_NS = "http://www.tei-c.org/ns/1.0"


def document_tei(root, documents: Sequence[Mapping[str, Any]]) -> dict[str, bytes]:
    """``documents/<key>.xml`` for each document: the file's TEI with only that division in its body.

    `root` is the checked TEI element (pipeline.safexml); the divisions of body are the documents, in
    the order of the summary's (xslt/common: c:documents).
    """
    from lxml import etree

    body = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    if body is None:
        return {}
    divs = body.findall(f"{{{TEI_NS}}}div")
    out = {}
    for div, doc in zip(divs, documents):
        tree = copy.deepcopy(root)
        new_body = tree.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
        for child in list(new_body):
            new_body.remove(child)
        new_body.append(copy.deepcopy(div))
        out[f"documents/{doc['key']}.xml"] = (
            b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(tree, encoding="UTF-8") + b"\n")
    return out


def document_text(doc: Mapping[str, Any], reference: str, citation_text: str,
                  passages: Sequence[Mapping[str, str]]) -> bytes:
    """``documents/<key>.txt``: the title, the facts, the reading text (a paragraph a passage), the citation."""
    lines = [doc["title"], "=" * min(len(doc["title"]), 78), ""]
    for label, value in (("Type", doc.get("typeLabel")), ("Date", doc.get("dateLabel")),
                         ("From", "; ".join(doc.get("from") or ())), ("To", "; ".join(doc.get("to") or ())),
                         ("Classification", doc.get("classification")), ("Reference", reference)):
        if value:
            lines.append(f"{label}: {value}")
    lines.append("")
    for passage in passages:
        if passage.get("text"):
            lines += [passage["text"], ""]
    lines += ["--", citation_text, ""]
    return "\n".join(lines).encode("utf-8")
