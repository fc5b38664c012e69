"""Titles in the editors' style, made from clean metadata, never from OCR noise.

`Powell to the Prime Minister, 2 January 1989`; `Telegram 2547 from Washington to FCO, 12 September 1986`;
`Record of a conversation between the Prime Minister and Mr Eduard Shevardnadze, 10 April 1990`;
`Draft message of condolence from the Prime Minister to Mr V V Kuznetsov`; `Withheld document: Folio 41`.
A heading typed in capitals is given in sentence case, each word keeping the case the document's own
running text gives it (`SOVIET` → `Soviet`, `RELATIONS` → `relations`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter

from pipeline.convert.model import Block, Correspondent, Document, Field
from pipeline.convert.names import is_office_title, noise_share, office_title, surname
from pipeline.convert.reader.inline import plain_text
from pipeline.convert.rules.telegram import TELNO, routing_fields
from pipeline.convert.rules.text import is_capitals, lines_of, text_of

TYPE_NAMES = {
    "letter": "Letter", "minute": "Minute", "telegram": "Telegram", "draft": "Draft", "form": "Form", "record": "Record",
    "translation": "Translation", "note": "Note", "closureCard": "Withheld document",
}
#: telegram office codes kept as typed
OFFICE_CODES = {"FCO", "SECSTATE", "WASHDC", "AMEMBASSY", "USMISSION", "USNATO", "UKDEL", "UKMIS", "NATO", "UKREP", "USDEL"}
RECORD_TAIL = re.compile(r",?\s+(?:AT|ON|IN)\s+(?:\d|10 DOWNING|CHEQUERS|NO\.? 10)\b.*$", re.IGNORECASE)
MAX_HEAD_WORDS = 16
CASE_SAMPLE = 20_000  # characters of each block read for how its words are written


FUNCTION_WORDS = {"of", "the", "and", "to", "a", "an", "at", "on", "in", "for", "by", "with", "from", "between", "about"}


def document_title(document: Document, cases: dict[str, str] | None = None) -> str:
    """The document's title with its date (`Powell to the Prime Minister, 2 January 1989`).
    `cases`: how the transcript's running text writes its words (see `word_cases`)."""
    if document.title:
        return document.title
    blocks = [node for node in document.nodes if isinstance(node, Block)]
    base = _base(document, blocks, cases if cases is not None else word_cases(blocks))
    date = format_date(document.date) if document.type != "closureCard" else None
    title = f"{base}, {date}" if date else base
    return title[:1].upper() + title[1:]  # a title opens with a capital ("The Prime Minister to Gorbachev")


def file_title(documents: list[Document], cases: dict[str, str] | None = None) -> str:
    """The folder's title: its first document's, and how many more it holds."""
    described = [d for d in documents if d.type != "closureCard"] or documents
    if not described:
        return "Untitled transcript"
    if cases is None:
        cases = word_cases([node for d in documents for node in d.nodes if isinstance(node, Block)])
    text = document_title(described[0], cases)
    further = len(documents) - 1
    return text + (f", and {further} further document{'s' if further > 1 else ''}" if further else "")


def _base(document: Document, blocks: list[Block], cases: dict[str, str]) -> str:
    kind = document.type
    if kind == "closureCard":
        extract = _card_extract(blocks)
        return f"Withheld document: {extract}" if extract else "Withheld document"
    if kind == "telegram":
        return _telegram(document, blocks)
    if kind == "record":
        head = next((b for b in blocks if b.role == "record-title"), None)
        if head is not None and (text := _sentence(RECORD_TAIL.sub("", " ".join(text_of(head).split())), cases)):
            return text + (f" by {_party(document.sender)}" if text.lower().startswith("note for") and _party(document.sender) else "")
    if kind == "draft":
        head = next((b for b in blocks if b.role == "draft-title"), None)
        if head is not None and len(text_of(head).split()) >= 3 and (text := _sentence(text_of(head).strip("[] "), cases)):
            return text
    parties = _parties(document)
    if parties:
        return parties if kind == "letter" else f"{TYPE_NAMES.get(kind, kind.capitalize())}, {parties}"
    head = next((b for b in blocks if b.role in ("caps-line", "subject", "heading")), None)
    subject = _sentence(text_of(head), cases) if head is not None else None
    return f"{TYPE_NAMES.get(kind, kind.capitalize())}: {subject}" if subject else TYPE_NAMES.get(kind, kind.capitalize())


def _parties(document: Document) -> str | None:
    sender, addressee = _party(document.sender), _party(document.addressee)
    if sender and addressee:
        return f"{sender} to {addressee}"
    if sender:
        return f"from {sender}"
    if addressee:
        return f"to {addressee}"
    return None


def _party(party: Correspondent) -> str | None:
    if party.person and noise_share(party.person) == 0:
        return office_title(party.person) if is_office_title(party.person) else surname(party.standard or party.person)
    if party.org and noise_share(party.org) == 0:
        return _office(party.org)
    return None


def _office(name: str) -> str:
    """`MOSCOW` → `Moscow`; office codes (`FCO`, `SECSTATE WASHDC`) as typed."""
    if not name.isupper():
        return name
    return " ".join(word.lower() if word.lower() in FUNCTION_WORDS else word if word in OFFICE_CODES or len(word) <= 3
                    else word.capitalize() for word in name.split())


def _telegram(document: Document, blocks: list[Block]) -> str:
    number = None
    for block in blocks:
        if block.role == "telegram-header":
            for line in lines_of(block):
                if (match := TELNO.match(line)) and routing_fields(line, in_header=True):
                    number = match["number"]
                    break
    sender = _office(document.sender.org) if document.sender.org else None
    addressee = _office(document.addressee.org) if document.addressee.org else None
    text = "Telegram" + (f" {number}" if number else "")
    text += f" from {sender}" if sender else ""
    text += f" to {addressee}" if addressee else ""
    return text


def _card_extract(blocks: list[Block]) -> str | None:
    for block in blocks:
        if block.role == "card":
            card = block.data.get("card")
            if card is not None and card.extract:
                return " ".join(plain_text(card.extract).split())
            for node in block.inlines:
                if isinstance(node, Field) and node.kind == "extract":
                    return " ".join(plain_text(node.children).split())
    return None


def _sentence(text: str | None, cases: dict[str, str]) -> str | None:
    """A heading as a title: noise refused, capitals given the case the document's text gives each word."""
    if not text:
        return None
    text = " ".join(text.split()).strip(" .:;")
    if not text or noise_share(text) > 0 or len(text.split()) > MAX_HEAD_WORDS * 2:
        return None
    if not is_capitals(text):
        return text
    words = []
    for index, word in enumerate(text.split()):
        core = word.strip(",.:;()'\"")
        known = cases.get(core.lower())
        cased = known or (core.lower() if core.lower() in FUNCTION_WORDS else core if len(core) <= 3 else core.capitalize())
        if index == 0:
            cased = cased[:1].upper() + cased[1:]
        words.append(word.replace(core, cased, 1) if core else word)
    return " ".join(words)


def word_cases(blocks: list[Block]) -> dict[str, str]:
    """How the document's mixed-case text writes each word (not counting the first word of a sentence)."""
    counts: Counter[str] = Counter()
    for block in blocks:
        if block.role not in ("p", "list", "letterhead", "address", "closing", "signature", "salute"):
            continue
        text = text_of(block)[:CASE_SAMPLE]
        if is_capitals(text):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            for word in sentence.split()[1:]:
                core = word.strip(",.:;()'\"\u2019")
                if core.isalpha():
                    counts[core] += 1
    cases: dict[str, str] = {}
    for word, _ in counts.most_common():
        cases.setdefault(word.lower(), word)
    return cases


def format_date(when: str | None) -> str | None:
    """`1988-12-21` (or a date-time) → `21 December 1988`; a partial date as far as it goes."""
    if not when:
        return None
    try:
        day = _dt.date.fromisoformat(when[:10])
    except ValueError:
        return None
    return f"{day.day} {day.strftime('%B')} {day.year}"
