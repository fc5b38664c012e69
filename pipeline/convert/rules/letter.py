"""The parts of letters and minutes: letterheads, datelines, salutations, closings, signatures, addresses."""

from __future__ import annotations

import re

from pipeline.convert.dates import find_dates, whole_date
from pipeline.convert.model import Block, Handwriting, Text
from pipeline.convert.registers import register
from pipeline.convert.rules.text import (
    fold, is_capitals, is_letterhead_line, is_office_line, is_postal_line, lines_of, office_in,
    text_of, within_one_edit, words,
)

TYPED_NAME = re.compile(r"^\((?:[A-Z][.]?\s*){1,4}[A-Z][A-Za-z'-]+\)$")
CLOSING_PHRASE = re.compile(r"^(?:with\s+)?(?:warm(?:est)?|kind(?:est)?|best)(?:\s+personal)?\s+(?:regards|wishes),?$", re.IGNORECASE)
TITLES = ("president", "mr", "mrs", "miss", "ms", "sir", "dr", "lord", "lady", "general", "ambassador", "the rt hon", "rt hon", "his excellency", "her excellency")
MESSAGE_INSTRUCTION = re.compile(r"^(?:please\s+pass\s+(?:the\s+)?following\s+(?:message|text)|following\s+(?:message\s+)?for\b|following\s+mr\b)", re.IGNORECASE)
DRAFT_TITLE = re.compile(r"\bDRAFT\b")
RUN_ON_LOOKAHEAD = 12  # words at the start of a run-together paragraph searched for a document's opening
RUN_ON_MIN_WORDS = 40


def is_letterhead(block: Block) -> bool:
    """A printed letterhead: office name lines and postal address lines, at least one of them an office."""
    lines = lines_of(block)
    if block.kind not in ("paragraph", "heading") or not lines or len(lines) > 4:
        return False
    if not any(is_office_line(line) for line in lines):
        return False
    return all(is_office_line(line) or is_postal_line(line) or is_letterhead_line(line) for line in lines)


def is_letterhead_continuation(block: Block) -> bool:
    """A postal address or printed line (`From the Private Secretary`) under a letterhead."""
    lines = lines_of(block)
    return block.kind == "paragraph" and bool(lines) and all(is_postal_line(line) or is_letterhead_line(line) for line in lines)


def is_dateline(block: Block) -> bool:
    return block.kind == "paragraph" and "\n" not in text_of(block) and whole_date(text_of(block)) is not None


def _first_word(text: str) -> str:
    stripped = text.lstrip("\"'\u201c\u2018 ")
    return fold(stripped.split()[0]).strip(",.") if stripped.split() else ""


def is_salute(block: Block) -> bool:
    """`Dear Charles,` (and OCR misreadings one letter off: `Vear General Seculary,`)."""
    text = text_of(block)
    if block.kind != "paragraph" or "\n" in text or not 2 <= len(words(text)) <= 5:
        return False
    return within_one_edit(_first_word(text), "dear") and (text.rstrip().endswith(",") or len(words(text)) <= 3)


def is_closing(block: Block) -> bool:
    """`Yours sincerely`, `Yours ever`, `Warm regards,` (the first line of the block)."""
    lines = lines_of(block)
    if block.kind != "paragraph" or not lines or len(lines) > 4:
        return False
    first = lines[0]
    if CLOSING_PHRASE.match(first.strip()):
        return True
    return len(words(first)) <= 3 and (within_one_edit(_first_word(first), "yours") or _first_word(first) == "your")


def is_signature_block(block: Block) -> bool:
    """A typed name in brackets under a signature (`(J S Wall)`), or a name with the date signed."""
    lines = lines_of(block)
    if block.kind != "paragraph" or not lines:
        return False
    return any(TYPED_NAME.match(line) for line in lines) or (len(lines) == 1 and _name_and_date(lines[0]))


def _name_and_date(line: str) -> bool:
    """`CHARLES POWELL 2 January 1989`: a name of two to four words, then a date."""
    dates = find_dates(line)
    if not dates or dates[-1].end != len(line.rstrip(" .")):
        return False
    name = line[: dates[-1].start].split()
    return 2 <= len(name) <= 4 and all(word[0].isupper() for word in name) and not any(ch.isdigit() for ch in "".join(name))


def is_address(block: Block) -> bool:
    """An addressee block: `C D Powell Esq / 10 Downing Street`, `President M. S. Gorbachev`."""
    text = text_of(block)
    lines = lines_of(block)
    if block.kind != "paragraph" or not lines or len(words(text)) > 14:
        return False
    if re.search(r"\bEsq\b", text):
        return True
    if len(lines) >= 2 and any(office_in(line) for line in lines[1:]) and len(words(lines[0])) <= 4:
        return True
    return len(words(text)) <= 5 and fold(text).startswith(TITLES) and text[0].isupper() and not text.rstrip().endswith(".")


def is_minute_addressee(block: Block) -> bool:
    """`PRIME MINISTER` alone at the head of a minute."""
    text = text_of(block).strip(" .:,")
    return block.kind == "paragraph" and text in register("addressees")["minute"]


def is_message_instruction(block: Block) -> bool:
    """`Please pass following message to President Reagan from Prime Minister Thatcher.`"""
    return block.kind == "paragraph" and bool(MESSAGE_INSTRUCTION.match(text_of(block)))


def is_draft_title(block: Block) -> bool:
    """`[DRAFT MESSAGE FROM THE PRIME MINISTER TO PRESIDENT REAGAN]`."""
    text = text_of(block)
    return block.kind == "paragraph" and len(words(text)) <= 20 and bool(DRAFT_TITLE.search(text)) and is_capitals(text)


def is_caps_line(block: Block) -> bool:
    """A short line in capitals that is no sentence: a subject or a section heading (a reference code has digits)."""
    text = text_of(block)
    return (
        block.kind == "paragraph" and "\n" not in text and 2 <= len(words(text)) <= 10
        and is_capitals(text, 0.95) and not text.endswith(".") and not text.startswith(("-", "/", "("))
        and not any(char.isdigit() for char in text)
    )


def is_subject_line(block: Block) -> bool:
    """`CSCE: Moscow Conference`, `Anglo/Soviet Contacts`: a short title line, no sentence."""
    text = text_of(block)
    if block.kind != "paragraph" or "\n" in text or not 2 <= len(words(text)) <= 10 or text.endswith((".", "?", ",", ":", ";")):
        return False
    titled = all(word[0].isupper() or not word[0].isalpha() for word in words(text)) and len(words(text)) <= 6 and not any(c.isdigit() for c in text)
    return text[0].isupper() and (":" in text or titled)


def is_handwritten(block: Block) -> bool:
    """A block whose whole text is in a hand (the OCR's italics)."""
    content = [node for node in block.inlines if not (isinstance(node, Text) and not node.text.strip())]
    return bool(content) and all(isinstance(node, Handwriting) for node in content)


def run_on_opening(block: Block) -> str | None:
    """A paragraph the OCR ran several parts into, opening a new minute or letter in its first words."""
    text = text_of(block)
    if block.kind != "paragraph" or len(words(text)) < RUN_ON_MIN_WORDS:
        return None
    head = " ".join(words(text)[:RUN_ON_LOOKAHEAD])
    for addressee in register("addressees")["minute"]:
        if re.search(rf"\b{re.escape(addressee)}\b", head):
            return "minute"
    for start in range(len(words(head))):
        if office_in(" ".join(words(head)[start:])) and is_capitals(" ".join(words(head)[:start]) or "X"):
            return "letter"
    return None
