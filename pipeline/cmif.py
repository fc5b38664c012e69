"""The edition's letters as CMIF, the Correspondence Metadata Interchange Format that correspSearch harvests.

One `correspDesc` per letter, telegram, minute, record or note with a sender or an addressee (a draft
or a further copy of a letter is not listed again), taken
from the edition's TEI: who sent it, to whom, where and when, each person and place with its
authority identifier where the file's register entry gives one (`@ref` to its `standOff`), and a link to the document's page in the web
edition. The result is a TEI document (valid against `tei_all`) with an empty text, as CMIF asks.

    data = cmif_document(tei_trees, title=..., base_url=..., editor=..., today="2026-12-03")
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from pipeline.convert.entities import AUTHORITY_PREFERENCE, AUTHORITY_URIS

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
#: correspondence kinds CMIF lists (a closure card stands for a document no one can read)
CORRESPONDENCE = {"letter", "telegram", "minute", "record", "note", "translation", "draft"}


def _el(parent: etree._Element | None, name: str, attrs: dict[str, str | None] | None = None, text: str | None = None) -> etree._Element:
    tag = f"{{{TEI_NS}}}{name}"
    clean = {key: value for key, value in (attrs or {}).items() if value is not None}
    element = etree.Element(tag, clean, nsmap={None: TEI_NS}) if parent is None else etree.SubElement(parent, tag, clean)
    if text:
        element.text = text
    return element


def cmif_fragment(tei: bytes, base_url: str) -> bytes:
    """One TEI file's CMIF entries (a `profileDesc` of `correspDesc`s), to assemble later with others."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    profile = _el(None, "profileDesc")
    for corresp in _letters(etree.fromstring(tei)):
        profile.append(_cmif_corresp(corresp, base))
    return etree.tostring(profile, encoding="UTF-8")


def cmif_document(trees: Iterable[etree._ElementTree | etree._Element] = (), *, title: str, base_url: str, editor: str,
                  today: str, publisher: str | None = None, fragments: Iterable[bytes] = ()) -> bytes:
    """The CMIF file for the edition made of these TEI documents, or of fragments made by
    `cmif_fragment` (UTF-8 bytes)."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    root = _el(None, "TEI")
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", text=f"{title}: correspondence metadata")
    _el(title_stmt, "editor", text=editor)
    publication = _el(file_desc, "publicationStmt")
    publisher_element = _el(publication, "publisher")
    if base:
        _el(publisher_element, "ref", {"target": base}, publisher or title)
    else:
        publisher_element.text = publisher or title
    _el(publication, "idno", {"type": "url"}, f"{base}cmif.xml" if base else "cmif.xml")
    _el(publication, "date", {"when": today})
    availability = _el(publication, "availability")
    _el(availability, "licence", {"target": LICENCE}, "This file is licensed under the terms of the Creative Commons License CC BY 4.0")
    bibl = _el(_el(file_desc, "sourceDesc"), "bibl", {"type": "online", XML_ID: "edition"}, f"{title}. ")
    if base:
        _el(bibl, "ref", {"target": base}, base)
    profile = _el(header, "profileDesc")
    for tree in trees:
        for corresp in _letters(tree.getroot() if isinstance(tree, etree._ElementTree) else tree):
            profile.append(_cmif_corresp(corresp, base))
    for fragment in fragments:
        profile.extend(etree.fromstring(fragment))
    if not len(profile):  # a profileDesc may not be empty
        header.remove(profile)
    body = _el(_el(root, "text"), "body")
    _el(body, "p")
    return etree.tostring(etree.ElementTree(root), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _letters(tei: etree._Element) -> list[tuple[etree._Element, str]]:
    """(correspDesc, the document's xml:id) for each document of a TEI file that is correspondence."""
    found = []
    for div in tei.iterfind("t:text/t:body/t:div", NS):
        if div.get("type") not in CORRESPONDENCE or not div.get("decls"):
            continue
        corresp = tei.find(f".//t:correspDesc[@xml:id='{div.get('decls').lstrip('#')}']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
        if corresp is None or corresp.find("t:correspContext/t:ref[@type='draft-of']", NS) is not None \
                or corresp.find("t:correspContext/t:ref[@type='copy-of']", NS) is not None:
            continue  # a draft, or another copy of a letter listed once: not a letter sent of its own
        if corresp.find("t:correspAction/t:persName", NS) is not None or corresp.find("t:correspAction/t:orgName", NS) is not None:
            found.append((corresp, div.get(XML_ID)))
    return found


def _register_entry(element: etree._Element, ref: str | None) -> tuple[str | None, str | None]:
    """The standard name and authority URI of the register entry a `#id` pointer names in the file's standOff."""
    if not ref or not ref.startswith("#"):
        return None, ref if ref and ref.startswith("http") else None
    root = element.getroottree().getroot()
    found = root.xpath("t:standOff//*[@xml:id=$id]", namespaces=NS, id=ref[1:])
    if not found:
        return None, None
    entry = found[0]
    standard = entry.xpath("string(*[@type='standard'])", namespaces=NS).strip() or None
    for kind in AUTHORITY_PREFERENCE:
        value = entry.findtext(f"t:idno[@type='{kind}']", namespaces=NS)
        if value and value.strip():
            return standard, AUTHORITY_URIS[kind].format(value.strip())
    return standard, None


def _cmif_corresp(item: tuple[etree._Element, str], base: str) -> etree._Element:
    corresp, document_id = item
    out = _el(None, "correspDesc", {"ref": f"{base}documents/{document_id}.html" if base else None, "source": "#edition"})
    for action in corresp.iterfind("t:correspAction", NS):
        if action.get("type") not in ("sent", "received"):
            continue
        copy = _el(out, "correspAction", {"type": action.get("type")})
        for party in action:
            name = etree.QName(party).localname
            if name in ("persName", "orgName", "placeName") and "".join(party.itertext()).strip():
                standard, uri = _register_entry(corresp, party.get("ref"))
                _el(copy, name, {"ref": uri}, standard or " ".join("".join(party.itertext()).split()))
            elif name == "date" and party.get("when"):
                _el(copy, "date", {"when": party.get("when")[:10]})
        if not len(copy):
            out.remove(copy)
    return out
