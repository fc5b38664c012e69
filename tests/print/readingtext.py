"""The reading text of a TEI document, as the editions must show it, and what its apparatus must report."""

from __future__ import annotations

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": TEI[1:-1]}

#: Text under these is not reading text: deletions (reported in notes), forme work of the original,
#: the original side of a choice, illegible OCR readings, what a gap's desc says and editorial notes
#: (all reported in notes at the foot of the page). Handwritten annotations are reading text.
_READING = etree.XPath(
    ".//text()[not(ancestor::tei:del | ancestor::tei:fw | ancestor::tei:orig[parent::tei:choice]"
    " | ancestor::tei:sic[parent::tei:choice] | ancestor::tei:abbr[parent::tei:choice]"
    " | ancestor::tei:unclear[@reason = 'illegible'] | ancestor::tei:gap[not(@unit = 'document')] | ancestor::tei:teiHeader"
    " | ancestor::tei:note[not(@type = 'boilerplate' or @type = 'annotation')])]",
    namespaces=NS,
)


def documents(tei_text: str) -> list[etree._Element]:
    root = etree.fromstring(tei_text.encode("utf-8"))
    return root.findall(f"{TEI}text/{TEI}body/{TEI}div")


def reading_text(div: etree._Element) -> str:
    """The document's reading text: its text nodes in order, less what the apparatus reports instead."""
    return " ".join(str(t) for t in _READING(div))


def apparatus_texts(div: etree._Element) -> list[str]:
    """Texts the notes must carry: deleted words and illegible OCR readings."""
    return [" ".join(e.itertext()) for e in div.xpath(
        ".//tei:del[not(ancestor::tei:fw)] | .//tei:unclear[@reason = 'illegible'] | .//tei:gap[not(@unit = 'document')]/tei:desc"
        " | .//tei:note[not(@type = 'boilerplate' or @type = 'classification' or @type = 'annotation')]", namespaces=NS)
            if "".join(e.itertext()).strip()]


def apparatus_count(div: etree._Element) -> int:
    """How many notes the print edition must give a document (forme work of the original, which
    it does not reproduce, apart)."""
    count = len(div.xpath(
        ".//tei:del[not(parent::tei:subst)] | .//tei:add[not(parent::tei:subst)] | .//tei:subst"
        " | .//tei:unclear | .//tei:gap[not(@unit = 'document')]"
        " | .//tei:choice[tei:orig or tei:sic or tei:abbr][not(ancestor::tei:gap)]"
        " | .//tei:note[not(@type = 'boilerplate' or @type = 'classification' or @type = 'annotation')]",
        namespaces=NS)) - len(div.xpath(
        ".//tei:fw//tei:del[not(parent::tei:subst)] | .//tei:fw//tei:add[not(parent::tei:subst)] | .//tei:fw//tei:subst"
        " | .//tei:fw//tei:unclear | .//tei:fw//tei:gap | .//tei:fw//tei:note", namespaces=NS))
    hands = {h.get(f"{{http://www.w3.org/XML/1998/namespace}}id"): h for h in div.getroottree().iter(f"{TEI}handNote")}
    for shift in div.xpath(".//tei:handShift[not(ancestor::tei:note[not(@type = 'annotation')] or ancestor::tei:fw)]", namespaces=NS):
        hand = (shift.get("new") or "").lstrip("#")
        note = hands.get(hand)
        if hand and hand != "typescript" and not (note is not None and note.get("script") in ("typewritten", "printed")):
            count += 1
    return count
