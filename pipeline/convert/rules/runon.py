"""Paragraphs the OCR ran a whole document into: cut back into the parts a page shows.

The OCR sometimes writes a page as one paragraph: `SECRET Foreign and Commonwealth Office London
SW1A 2AH 19 October 1988 CDP 19/x **CSCE Moscow Conference** Thank you for your letter … (R N Peirce)
Private Secretary C D Powell Esq 10 Downing Street SECRET`. Where such a paragraph opens with a
document's opening parts (a minute's addressee or an office's name among its first words), it is cut
at each part the page would have set on a line of its own: at the front a classification, a reference,
the addressee, the letterhead with its postcode, a date, initials with a date, a subject in capitals
or bold; at the end a classification, the addressee block (`… Esq` and an address), a typed name in
brackets with its office, initials with a date. The pieces are then given their roles like any block.
"""

from __future__ import annotations

import re

from pipeline.convert.dates import find_dates
from pipeline.convert.inlines import split_inlines, trim
from pipeline.convert.model import Block, Bold, Inline, Span
from pipeline.convert.reader.inline import plain_text
from pipeline.convert.registers import register
from pipeline.convert.rules.letter import run_on_opening
from pipeline.convert.rules.text import office_in

MARKING = re.compile(r"(?:TOP\s+SECRET|SECRET|CONFIDENTIAL|RESTRICTED)(?:\s+(?:AND\s+)?PERSONAL)?(?:\s+COVERING\s+\w+)?\b")
POSTCODE = re.compile(r"^(?:\s*London)?\s*[A-Z]{1,2}[0-9IlO][A-Z0-9IlO]?\s?[0-9IlO][A-Z]{2}\b")
INITIALS_DATE = re.compile(r"(?:[A-Z]{2,5}\.\s+)?[A-Z]{2,5}\s+(?:\d{1,2}/(?:[ivxIVX]{1,4}|\d{1,2})(?:/\d{2,4})?|\d{1,2}\s+[A-Z][a-z]+,?\s+\d{4})\.?")
TOKEN = re.compile(r"\S+")
ADDRESS_TAIL = re.compile(r"(?:(?:[A-Z]\.?\s+){1,4}|[A-Z][a-z]+\s+)[A-Z][\w'\u2019-]+,?\s+Esq\.?,?\s+[^()]{3,80}$")
TYPED_NAME_TAIL = re.compile(r"\((?:[A-Z]\.?\s*){1,4}[A-Z][A-Za-z'-]+\)(?:\s+(?:Private|Principal|Assistant)\s+(?:Private\s+)?Secretary)?$")
MIN_CAPS_TOKENS = 2
HEADING_SHARE = 0.3  # a bold run this near the start of a run-on paragraph is its subject line


def split_run_ons(nodes: list) -> list:
    """Each run-on paragraph replaced by its pieces (paragraph blocks with no role yet)."""
    out = []
    for node in nodes:
        if isinstance(node, Block) and node.role == "p" and run_on_opening(node):
            pieces = cut(node)
            out.extend(pieces if len(pieces) > 1 else [node])
        else:
            out.append(node)
    return out


def cut(block: Block) -> list[Block]:
    """The block cut at its opening and closing parts."""
    text = plain_text(block.inlines)
    bold = _bold_spans(block.inlines)
    headings = [at for start, end in bold.items() if start < HEADING_SHARE * len(text) for at in (start, end)]
    offsets = sorted(set(_front_cuts(text, bold) + _back_cuts(text) + headings))
    parts = split_inlines(block.inlines, offsets)
    pieces = []
    for part in parts:
        if plain_text(part).strip():
            pieces.append(Block("paragraph", Span(block.span.first, block.span.last), trim(part), page=block.page))
    return pieces


def _bold_spans(nodes: list[Inline]) -> dict[int, int]:
    """Where each top-level bold run starts and ends in the plain text (a bold line is a heading)."""
    spans, position = {}, 0
    for node in nodes:
        length = len(plain_text([node]))
        if isinstance(node, Bold):
            spans[position] = position + length
        position += length
    return spans


def _front_cuts(text: str, bold: dict[int, int]) -> list[int]:
    cuts: list[int] = []
    position = _skip_space(text, 0)
    addressees = sorted(register("addressees")["minute"], key=len, reverse=True)
    while position < len(text):
        rest = text[position:]
        end = bold[position] - position if position in bold else _front_part(rest, addressees)
        if end is None:
            break
        position = _skip_space(text, position + end)
        cuts.append(position)
    return cuts


def _front_part(rest: str, addressees: list[str]) -> int | None:
    """The length of the opening part `rest` starts with, if it starts with one."""
    if match := MARKING.match(rest):
        return match.end()
    for addressee in addressees:
        if rest.startswith(addressee) and (len(rest) == len(addressee) or not rest[len(addressee)].isalpha()):
            return len(addressee)
    office = office_in(rest)
    if office:
        after = rest[len(office) :]
        postcode = POSTCODE.match(after)
        return len(office) + (postcode.end() if postcode else 0)
    found = find_dates(rest[:40])
    if found and found[0].start == 0:
        return found[0].end + (1 if rest[found[0].end : found[0].end + 1] == "." else 0)
    if match := INITIALS_DATE.match(rest):
        return match.end()
    caps = _caps_run(rest, addressees)
    return caps


def _caps_run(rest: str, addressees: list[str]) -> int | None:
    """A run of words in capitals (a reference, a subject) up to the next addressee or sentence."""
    end, count = 0, 0
    for match in TOKEN.finditer(rest):
        token = match.group(0)
        if any(c.islower() for c in token) or not any(c.isalnum() for c in token):
            break
        if count and any(rest[match.start() :].startswith(a) for a in addressees):
            break
        end, count = match.end(), count + 1
    return end if count >= MIN_CAPS_TOKENS else None


def _back_cuts(text: str) -> list[int]:
    cuts: list[int] = []
    end = len(text.rstrip())
    for pattern in (MARKING, ADDRESS_TAIL, TYPED_NAME_TAIL, INITIALS_DATE):
        head = text[:end].rstrip()
        match = _last_match(pattern, head)
        if match is not None and match.end() == len(head) and match.start() > 0:
            cuts.append(match.start())
            end = match.start()
    return cuts


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The match of `pattern` that ends the text, starting as late as a word boundary allows."""
    for start in range(max(0, len(text) - 120), len(text)):
        if start and not text[start - 1].isspace():
            continue
        match = pattern.fullmatch(text, start)
        if match:
            return match
    return None


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
