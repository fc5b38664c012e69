"""Telegram routing lines (UK and US): what each line of a telegram's heading and ending is.

UK: `GRS 420`, a classification, `FM MOSCOW 231140Z JAN 80` (or `FM WASHINGTON TO IMMEDIATE FCO`),
`TO IMMEDIATE FCO`, `TELNO 2547` / `TELEGRAM NUMBER 61 OF 23 JANUARY`, `OF 122250Z SEPTEMBER 86`,
`INFO PRIORITY WASHINGTON, PARIS`, `INFO SAVING …`. US: `O 041830Z DEC 85` (precedence and
date-time group), `FM SECSTATE WASHDC`, `TO AMEMBASSY LONDON IMMEDIATE 6120`, `INFO …` with its
continuation lines, `BT`, `E.O. 12356: DECL: OADR`, `TAGS: …`, `SUBJECT: …`, and at the end
`#4512` and `NNNN`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.convert.dates import DTG
from pipeline.convert.model import Block
from pipeline.convert.rules.text import is_marking, latin_reading, lines_of

PRECEDENCES = ("FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE", "SAVING", "DEFERRED", "CRITIC", "NIACT IMMEDIATE")
_PRECEDENCE = r"(?:NIACT\s+IMMEDIATE|DESKBY\s+\d{6}Z|FLASH|IMMEDIATE|PRIORITY|ROUTINE|SAVING|DEFERRED|CRITIC)"
_DTG = r"\d{6}Z\s+[A-Z]{3,9}\s+\d{2,4}"
PRECEDENCE_DTG = re.compile(rf"^(?P<precedence>[ZOPIRF]{{1,2}})\s+(?P<dtg>{_DTG})$")
FM = re.compile(rf"^(?:FM|FROM)\s+(?P<office>.+?)(?:\s+(?P<dtg>{_DTG}))?(?:\s+TO\s+(?P<to>.+))?$")
TO = re.compile(r"^TO\s+(?P<to>.+)$")
PARTY = re.compile(rf"^(?:(?P<before>{_PRECEDENCE})\s+)?(?P<office>.+?)(?:\s+(?P<after>{_PRECEDENCE}))?(?:\s+(?P<serial>\d{{1,5}}))?$")
INFO = re.compile(r"^(?:INFO|AND\s+TO|SAVING\s+TO|REPEATED\s+TO|REPEATED\s+FOR\s+INFORMATION\s+TO)\s+(?P<value>.+)$")
TELNO = re.compile(r"^(?:TELNO|TEL\s+NO\.?|TELEGRAM\s+NUMBER|TELEGRAM\s+NO\.?)\s+(?P<number>\d{1,5})(?:\s+OF\s+(?P<date>.+))?$")
OF_DTG = re.compile(rf"^OF\s+(?P<dtg>{_DTG})$")
GRS = re.compile(r"^GRS\s+\d{1,5}$")
US_FIELD = re.compile(r"^(?P<key>E\.\s?O\.|TAGS|SUBJECT|SUBJ|REF|REFS)\s*:?\s*(?P<value>.*)$")
SERIAL = re.compile(r"^#\d{2,6}$")
US_CONTINUATION = re.compile(rf"^[A-Z][A-Z0-9 .,/&'-]*\s+{_PRECEDENCE}(?:\s+\d{{1,5}})?$")
ENDINGS = {"BT", "NNNN", "YYYY"}
#: a US cable's classification line: the classification, then the sending post and the serial
CABLE_CLASSIFICATION = re.compile(r"^(?P<marking>.+?)\s+[A-Z][A-Z ]{1,30}\s\d{3,7}$")
DISTRIBUTION = re.compile(r"^(?:[A-Z]+\s+)*(?:DISTRIBUTION|DISTN)(?:\s+\d{1,4})?$|^ADVANCE\s+COP(?:Y|IES)(?:\s+\d{1,4})?$", re.IGNORECASE)


@dataclass(frozen=True)
class Routing:
    """One routing line read: its kind and, where it names them, office, precedence, serial, dtg."""

    kind: str
    office: str | None = None
    precedence: str | None = None
    serial: str | None = None
    dtg: str | None = None
    to: str | None = None


def party(value: str) -> Routing:
    """`IMMEDIATE FCO`, `AMEMBASSY LONDON IMMEDIATE 6120`: the office with its precedence and serial."""
    match = PARTY.match(value.strip(" .,"))
    if not match:
        return Routing("party", office=value.strip())
    return Routing("party", office=match["office"].strip(" ,"), precedence=match["before"] or match["after"], serial=match["serial"])


def routing_fields(line: str, in_header: bool = False) -> Routing | None:
    """What one line of a telegram's heading or ending is, or None for another line.

    `in_header`: the line stands among other routing lines, so a bare `OFFICE PRIORITY 4471`
    continues an INFO list.
    """
    line = line.strip()
    if not line:
        return None
    if match := OF_DTG.match(line):
        return Routing("dtg", dtg=match["dtg"])
    if match := PRECEDENCE_DTG.match(line):
        return Routing("precedence-dtg", precedence=match["precedence"], dtg=match["dtg"])
    if match := FM.match(line):
        return Routing("fm", office=match["office"].strip(" ,"), dtg=match["dtg"], to=match["to"])
    if match := TO.match(line):
        return Routing("to", **_party_fields(match["to"]))
    if match := INFO.match(line):
        return Routing("info", office=match["value"])
    if TELNO.match(line):
        return Routing("telno", serial=TELNO.match(line)["number"])
    if GRS.match(line):
        return Routing("grs")
    if line in ENDINGS:
        return Routing(line.lower())
    if SERIAL.match(line):
        return Routing("serial")
    if match := US_FIELD.match(line):
        key = match["key"].replace(" ", "").replace(".", "").lower()
        return Routing({"subj": "subject", "refs": "ref", "reference": "ref"}.get(key, key))
    if is_marking(line) or ((cable := CABLE_CLASSIFICATION.match(latin_reading(line))) and is_marking(cable["marking"])):
        return Routing("classification")
    if in_header and US_CONTINUATION.match(line):
        return Routing("info", office=line)
    return None


def _party_fields(value: str) -> dict:
    read = party(value)
    return {"office": read.office, "precedence": read.precedence, "serial": read.serial}


HEADER_KINDS = {"precedence-dtg", "fm", "to"}
MAX_HEADER_LINES = 40  # no telegram's routing block is longer


def is_telegram_header(block: Block) -> bool:
    """A block of routing lines: it holds a precedence and date-time group, an FM or a TO line, and
    most of its lines are routing lines."""
    lines = lines_of(block)
    if block.kind != "paragraph" or not 2 <= len(lines) <= MAX_HEADER_LINES:
        return False
    fields = [routing_fields(line, in_header=True) for line in lines]
    kinds = {f.kind for f in fields if f}
    return bool(kinds & HEADER_KINDS) and len(kinds) >= 2 and sum(f is not None for f in fields) >= 0.6 * len(lines)


def is_us_fields(block: Block) -> bool:
    """`E.O. 12356: DECL: OADR` / `TAGS: …` / `SUBJECT: …`: a US cable's caption lines."""
    lines = lines_of(block)
    if block.kind != "paragraph" or not 0 < len(lines) <= MAX_HEADER_LINES:
        return False
    kinds = [routing_fields(line) for line in lines]
    return all(k is not None and k.kind in ("eo", "tags", "subject", "ref") for k in kinds) and any(
        k.kind in ("eo", "tags") for k in kinds if k)


def is_break_line(block: Block) -> bool:
    """`BT`, `NNNN`, `#4512`: the lines that end a telegram's text."""
    lines = lines_of(block)
    if block.kind != "paragraph" or not lines:
        return False
    return all((f := routing_fields(line)) is not None and f.kind in ("bt", "nnnn", "yyyy", "serial") for line in lines)


def is_distribution(block: Block) -> bool:
    """`DEPARTMENTAL DISTRIBUTION / EASTERN EUROPEAN AND SOVIET DEPT / …`, `ADVANCE COPY / …`."""
    lines = lines_of(block)
    return block.kind == "paragraph" and bool(lines) and bool(DISTRIBUTION.match(lines[0]))


def dtg_of(text: str) -> re.Match[str] | None:
    return DTG.search(text)
