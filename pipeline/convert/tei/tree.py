"""lxml helpers for building TEI: namespaced elements, mixed-content text, safe indentation."""

from __future__ import annotations

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: containers the writer fills with elements only: indenting them never changes the text
ELEMENT_ONLY = {
    "TEI", "teiHeader", "fileDesc", "titleStmt", "publicationStmt", "sourceDesc", "msDesc", "msIdentifier",
    "encodingDesc", "profileDesc", "handNotes", "correspDesc", "revisionDesc", "text", "body", "div",
    "opener", "closer", "postscript", "list", "table", "row", "address", "respStmt", "appInfo", "application",
    "availability", "projectDesc", "editorialDecl", "correspAction", "msContents", "msItem", "correspContext",
    "standOff", "listPerson", "listOrg", "listPlace", "person", "org", "place", "history", "origin", "additional", "adminInfo",
}


def el(parent: etree._Element | None, name: str, attrs: dict[str, str | None] | None = None, text: str | None = None) -> etree._Element:
    """A TEI element (appended to `parent` if given); attributes whose value is None are left out."""
    qname = f"{{{TEI_NS}}}{name}"
    clean = {_attr(k): v for k, v in (attrs or {}).items() if v is not None}
    element = etree.SubElement(parent, qname, clean) if parent is not None else etree.Element(qname, clean, nsmap={None: TEI_NS})
    if text:
        element.text = text
    return element


def _attr(name: str) -> str:
    return f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml:") else name


def append_text(parent: etree._Element, text: str) -> None:
    """Add text at the end of an element's content (after its last child, if any)."""
    if not text:
        return
    try:
        last = parent[-1]  # constant time, where len(parent) counts every child
    except IndexError:
        parent.text = (parent.text or "") + text
        return
    last.tail = (last.tail or "") + text


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent the children of element-only containers; mixed content is left as it is."""
    if etree.QName(element).localname not in ELEMENT_ONLY or not len(element):
        return
    if (element.text or "").strip() or any((child.tail or "").strip() for child in element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        child.tail = pad
        indent(child, level + 1)
    element[-1].tail = "\n" + "  " * level
