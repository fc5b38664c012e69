"""Turn an editor's hand edits to a TEI file into decisions, so the file can be generated again.

The hand-edited TEI is compared with what the converter makes of the same transcript (with the
decisions already made): where a document opens (a division whose first words stand on a transcript
line the converter does not open a document at: `split`; one it does not open: `join`), and each
document's type, date, sender and recipient (`set`) and the hand of each handwritten passage (`hand`).
Every other difference (a changed word, a moved element) is listed as what could not be turned into a
decision: the editor makes it a decision by hand (a reading, a note) or keeps the file hand-edited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from pipeline.convert.catalogue import Entry
from pipeline.convert.entities import Registers

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SNIPPET_WORDS = 6


@dataclass
class Extracted:
    """Decisions found in a hand-edited file (as TOML tables) and the differences no decision expresses."""

    decisions: list[dict[str, object]] = field(default_factory=list)
    cannot: list[str] = field(default_factory=list)

    def toml(self) -> str:
        """The decisions as `[[decision]]` tables, to append to the transcript's decisions file."""
        out = []
        for decision in self.decisions:
            out.append("[[decision]]")
            for key, value in decision.items():
                out.append(f"{key} = {value}" if isinstance(value, int) else f"{key} = {_quote(str(value))}")
            out.append("")
        return "\n".join(out)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def extract(transcript: bytes, source_name: str, edited: bytes, decisions: bytes | None = None,
            catalogue: Entry | None = None, registers: Registers | None = None) -> Extracted:
    """The decisions that make the converter's output agree with the hand-edited TEI, where they can
    (the output made as the build makes it: with the file's catalogue entry and the registers)."""
    from pipeline.convert import convert_bytes
    from pipeline.convert.decode import decode

    lines = decode(transcript, lambda *_: None).split("\n")
    generated = etree.fromstring(convert_bytes(transcript, source_name, decisions, catalogue, registers).tei)
    edited_root = etree.fromstring(edited)
    result = Extracted()  # the existing decisions are already applied in `generated`
    edited_starts = _starts(edited_root, lines)
    generated_starts = _starts(generated, lines)
    for line in sorted(set(edited_starts) - set(generated_starts)):
        result.decisions.append({"action": "split", "line": line, "expect": lines[line - 1].strip()})
    for line in sorted(set(generated_starts) - set(edited_starts)):
        result.decisions.append({"action": "join", "line": line, "expect": lines[line - 1].strip()})
    for line, division in edited_starts.items():
        setting = _settings(edited_root, division, generated, generated_starts.get(line))
        if setting:
            result.decisions.append({"action": "set", "line": line, "expect": lines[line - 1].strip(), **setting})
    result.decisions += _hands(edited_root, generated, lines)
    result.cannot = _other_differences(edited_root, generated)
    return result


def _first_words(division: etree._Element) -> str:
    text = " ".join(t for t in division.xpath(".//text()[not(ancestor::t:fw) and not(ancestor::t:note)]", namespaces=NS))
    return " ".join(text.split()[:SNIPPET_WORDS])


def _starts(root: etree._Element, lines: list[str]) -> dict[int, etree._Element]:
    """The transcript line each division's first words stand on."""
    starts: dict[int, etree._Element] = {}
    position = 0
    for division in root.iterfind("t:text/t:body/t:div", NS):
        words = _first_words(division).split()
        for size in range(len(words), 0, -1):
            snippet = " ".join(words[:size])
            line = next((n for n in range(position, len(lines)) if snippet in " ".join(lines[n].split())), None)
            if line is not None:
                starts[line + 1] = division
                position = line + 1
                break
    return starts


def _corresp(root: etree._Element, division: etree._Element) -> etree._Element | None:
    ident = division.get(XML_ID)
    return root.find(f".//t:correspDesc[@corresp='#{ident}']", NS) if ident else None


def _party(corresp: etree._Element | None, action: str) -> str | None:
    if corresp is None:
        return None
    name = corresp.find(f"t:correspAction[@type='{action}']/t:persName", NS)
    return " ".join("".join(name.itertext()).split()) if name is not None else None


def _date(corresp: etree._Element | None) -> str | None:
    if corresp is None:
        return None
    date = corresp.find("t:correspAction[@type='sent']/t:date", NS)
    return date.get("when") if date is not None else None


def _settings(edited: etree._Element, division: etree._Element, generated: etree._Element,
              generated_division: etree._Element | None) -> dict[str, str]:
    """The metadata of an edited document that differ from the generated one's (or all, if it is new)."""
    mine, theirs = _corresp(edited, division), _corresp(generated, generated_division) if generated_division is not None else None
    setting: dict[str, str] = {}
    if generated_division is None or division.get("type") != generated_division.get("type"):
        if division.get("type") and division.get("type") != "closureCard":
            setting["type"] = division.get("type")
    for key, value, other in (("date", _date(mine), _date(theirs)), ("sender", _party(mine, "sent"), _party(theirs, "sent")),
                              ("recipient", _party(mine, "received"), _party(theirs, "received"))):
        if value and value != other:
            setting[key] = value[:10] if key == "date" else value
    return setting


def _hands(edited: etree._Element, generated: etree._Element, lines: list[str]) -> list[dict[str, object]]:
    """Handwritten passages whose hand the editor changed: a `hand` decision on the passage's line."""
    def passages(root: etree._Element) -> dict[str, str]:
        found = {}
        for shift in root.iterfind(".//t:text//t:handShift", NS):
            new = (shift.get("new") or "").lstrip("#")
            if new and new != "typescript":
                text = (shift.tail or "").strip()
                if text:
                    found[text] = new
        return found

    decisions = []
    theirs = passages(generated)
    initials = {note.get(XML_ID): note.findtext("t:name[@type='initials']", namespaces=NS)
                for note in edited.iterfind(".//t:handNote", NS)}
    for text, hand in passages(edited).items():
        if theirs.get(text) not in (None, hand) and initials.get(hand):
            line = next((n for n, l in enumerate(lines, start=1) if text[:40] in l), None)
            if line is not None:
                decisions.append({"action": "hand", "line": line, "expect": text[:40], "initials": initials[hand]})
    return decisions


def _other_differences(edited: etree._Element, generated: etree._Element) -> list[str]:
    """Text that differs between the two bodies, word for word (what no decision here expresses)."""
    def words(root: etree._Element) -> list[str]:
        return " ".join(root.find("t:text", NS).itertext()).split()

    mine, theirs = words(edited), words(generated)
    if mine == theirs:
        return []
    from difflib import SequenceMatcher

    out = []
    for tag, a1, a2, b1, b2 in SequenceMatcher(None, theirs, mine, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(f"text {tag}: {' '.join(theirs[a1:a2])!r} → {' '.join(mine[b1:b2])!r}")
    return out
