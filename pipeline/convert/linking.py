"""Link the names of a TEI file to the edition's registers, and embed the entries it uses.

Names already encoded (correspondents in `correspDesc`, offices in routing lines, persons in hand
notes) get `@ref` (and `@cert` where the match is a guess); names the registers know are found in
signatures and addresses and encoded there; each `handNote` whose person or initials the registers
know gets `@scribeRef`. The entries used are copied into the file's `standOff`, so every `@ref`
resolves within the file. Names the registers cannot match come back as candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from pipeline.convert.entities import KINDS, NS, TEI, XML_ID, Entry, Match, RegisterError, Registers
from pipeline.convert.tei.tree import indent

XML = "http://www.w3.org/XML/1998/namespace"
NAME_KINDS = {"persName": "person", "orgName": "org", "placeName": "place", "settlement": "place", "country": "place"}
#: where names are looked for in running text
FOUND_IN = ("signed", "addrLine")


@dataclass(frozen=True)
class Candidate:
    """A name no register entry matches: what it is, where it was, and the document it is in."""

    kind: str
    name: str
    where: str
    document: int | None


def link_names(root: etree._Element, registers: Registers) -> list[Candidate]:
    """Link the TEI tree's names to the registers (in place); the names left unmatched."""
    dates = _document_dates(root)
    used: dict[str, Entry] = {}
    candidates: list[Candidate] = []

    def record(match: Match | None, element: etree._Element, attribute: str = "ref") -> bool:
        if match is None:
            return False
        element.set(attribute, f"#{match.entry.id}")
        if match.cert:
            element.set("cert", match.cert)
        used[match.entry.id] = match.entry
        return True

    for element in list(root.iter(*(f"{{{TEI}}}{name}" for name in NAME_KINDS))):
        if element.get("ref") or _in_register(element):
            continue
        kind = NAME_KINDS[etree.QName(element).localname]
        text = " ".join("".join(element.itertext()).split())
        document = _document_of(element)
        match = registers.match(kind, text, dates.get(document))
        if match is None and kind == "person":
            match = registers.match("org", text)  # an office addressed as a person ("Resident Clerk")
            if match is not None:
                element.tag = f"{{{TEI}}}orgName"
        listed = _worth_listing(text) and _place_of(element) != "msIdentifier"  # the archive's own place is no candidate
        if not record(match, element) and listed:
            candidates.append(Candidate(kind, text, _place_of(element), document))
    for note in root.iterfind(".//t:handNotes/t:handNote", NS):
        person = note.find("t:persName", NS)
        initials = note.find("t:name[@type='initials']", NS)
        if person is not None and person.get("ref"):
            entry = used[person.get("ref")[1:]]
            record(Match(entry, person.get("cert")), note, "scribeRef")
        elif initials is not None and initials.text:
            if not record(registers.match_initials(initials.text), note, "scribeRef"):
                candidates.append(Candidate("person", initials.text, f"hand {note.get(XML_ID)}", None))
    for container in list(root.iter(*(f"{{{TEI}}}{name}" for name in FOUND_IN))):
        for match in _encode_names(container, registers):
            used[match.entry.id] = match.entry
    _places_of_sending(root)
    if used:
        taken = set(root.xpath("//@xml:id")) & set(used)
        if taken:
            raise RegisterError(f"the register id {sorted(taken)[0]!r} is an id the converter gives in this file "
                                "(a hand, a document, the pipeline): rename the register entry")
        _embed(root, used)
    return candidates


def _places_of_sending(root: etree._Element) -> None:
    """Each document's place of sending, in its correspDesc: the registered place of its letterhead
    (the first place linked in an address of its opener: "10 DOWNING STREET LONDON")."""
    for div in root.iterfind("t:text/t:body/t:div[@decls]", NS):
        place = div.find("t:opener/t:address//t:placeName[@ref]", NS)
        corresp = root.find(f"t:teiHeader/t:profileDesc/t:correspDesc[@xml:id='{div.get('decls')[1:]}']", {**NS, "xml": XML})
        sent = corresp.find("t:correspAction[@type='sent']", NS) if corresp is not None else None
        if place is None or sent is None or sent.find("t:placeName", NS) is not None:
            continue
        copy = etree.Element(f"{{{TEI}}}placeName", {"ref": place.get("ref")})
        copy.text = " ".join("".join(place.itertext()).split())
        date = sent.find("t:date", NS)
        if date is not None:
            date.addprevious(copy)
        else:
            sent.append(copy)
        indent(sent, sum(1 for _ in sent.iterancestors()))


def _worth_listing(text: str) -> bool:
    """Whether an unmatched name is a name (not an OCR scrap): two letters in a row at least."""
    return bool(re.search(r"[A-Za-z]{2}", text))


def _in_register(element: etree._Element) -> bool:
    return any(etree.QName(a).localname == "standOff" for a in element.iterancestors())


def _document_of(element: etree._Element) -> int | None:
    """The number of the document an element belongs to (its div, or the correspDesc naming one)."""
    for ancestor in element.iterancestors(f"{{{TEI}}}div", f"{{{TEI}}}correspDesc", f"{{{TEI}}}msItem"):
        if ancestor.get("n"):
            return int(ancestor.get("n"))
        match = re.search(r"(?:^|\.)d(\d+)$", ancestor.get("corresp", ""))
        if match:
            return int(match.group(1))
    return None


def _document_dates(root: etree._Element) -> dict[int, str]:
    """Each document's date (its correspDesc's, else the first date in its division)."""
    dates: dict[int, str] = {}
    for corresp in root.iterfind(".//t:correspDesc", NS):
        number = _document_of(corresp.find("t:correspAction", NS)) if corresp.find("t:correspAction", NS) is not None else None
        date = corresp.find("t:correspAction/t:date[@when]", NS)
        if number is not None and date is not None:
            dates[number] = date.get("when")
    for div in root.iterfind(".//t:body/t:div[@n]", NS):
        date = div.find(".//t:date[@when]", NS)
        if date is not None:
            dates.setdefault(int(div.get("n")), date.get("when"))
    return dates


def _place_of(element: etree._Element) -> str:
    parent = element.getparent()
    return etree.QName(parent).localname if parent is not None else "TEI"


def _encode_names(container: etree._Element, registers: Registers) -> list[Match]:
    """Encode the register names in a container's own text (its text and its children's tails; what
    is inside its children, a deletion say, is left alone) as name elements with @ref."""
    matches: list[Match] = []
    for owner, is_text in [(container, True)] + [(child, False) for child in container]:
        text = (owner.text if is_text else owner.tail) or ""
        hits = _hits(text, registers)
        if not hits:
            continue
        made = []
        for index, (start, end, kind, match) in enumerate(hits):
            element = etree.Element(f"{{{TEI}}}{KINDS[kind][2]}", {"ref": f"#{match.entry.id}"})
            if match.cert:
                element.set("cert", match.cert)
            element.text = text[start:end]
            element.tail = text[end:hits[index + 1][0] if index + 1 < len(hits) else len(text)] or None
            made.append(element)
            matches.append(match)
        if is_text:
            container.text = text[:hits[0][0]] or None
            for position, element in enumerate(made):
                container.insert(position, element)
        else:
            owner.tail = text[:hits[0][0]] or None
            for element in reversed(made):
                owner.addnext(element)
    return matches


def _hits(text: str, registers: Registers) -> list[tuple[int, int, str, Match]]:
    """Non-overlapping (start, end, kind, match) of register names in a text: persons, then organisations
    ("Foreign and Commonwealth Office"), then places in what is left ("London SW1A 2AH")."""
    if not re.search(r"[A-Za-z]{2}", text):
        return []
    hits: list[tuple[int, int, str, Match]] = []
    for kind in ("person", "org", "place"):
        for start, end in registers.find(kind, text):
            if any(start < taken_end and taken_start < end for taken_start, taken_end, _, _ in hits):
                continue
            if len(text[start:end].split()) == 1 and _in_longer_name(text, start, end, hits):
                continue
            match = registers.match(kind, text[start:end])
            if match is not None:
                hits.append((start, end, kind, match))
    return sorted(hits, key=lambda h: h[0])


NEXT_WORD = re.compile(r"[ \t]*([A-Z][\w']*)")
PREVIOUS_WORD = re.compile(r"([A-Z][\w']*)[ \t]*$")


def _in_longer_name(text: str, start: int, end: int, hits: list[tuple[int, int, str, Match]]) -> bool:
    """Whether a one-word name is part of a longer one: next to a capitalised word no register name
    took ("Margaret Beckett", "Lady Carrington", "Washington Street")."""
    after = NEXT_WORD.match(text, end)
    before = PREVIOUS_WORD.search(text[:start])
    for word in (after, before):
        if word is not None and word.group(1).isalpha() and not any(s <= word.start(1) < e for s, e, _, _ in hits):
            return True
    return False


def _embed(root: etree._Element, used: dict[str, Entry]) -> None:
    """The `standOff` after the header: the used entries, by kind, in id order."""
    stand_off = etree.Element(f"{{{TEI}}}standOff")
    for kind, (list_name, _, _) in KINDS.items():
        entries = sorted((e for e in used.values() if e.kind == kind), key=lambda e: e.id)
        if entries:
            listing = etree.SubElement(stand_off, f"{{{TEI}}}{list_name}")
            for entry in entries:
                listing.append(etree.fromstring(entry.xml))
    header = root.find("t:teiHeader", NS)
    header.addnext(stand_off)
    stand_off.tail = header.tail
    indent(stand_off, 1)
