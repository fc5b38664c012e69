"""Annotators' initials, with or without the date they wrote beside them (`CDP 19/x`, `MODBA`)."""

from __future__ import annotations

import re

from pipeline.convert.model import Block
from pipeline.convert.registers import register
from pipeline.convert.rules.text import text_of, words

INITIALLED = re.compile(
    r"(?P<initials>\b[A-Z](?:[A-Z]|[.'\u2019](?=[A-Z])){1,7})\.?\s+"
    r"(?P<date>\d{1,2}(?P<sep>[./-])(?:[ivxIVX]{1,4}|\d{1,2})(?:(?P=sep)\d{2,4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4})\.?\s*$"
)
INITIALS_ALONE = re.compile(r"(?:^|\s)(?P<initials>[A-Z][A-Z.'\u2019]{1,7})\.?\s*$")
MAX_NOTE_WORDS = 15


def letters(initials: str) -> str:
    """Initials reduced to their letters: `M.O'D.B.A.` → `MODBA`."""
    return re.sub(r"[^A-Z]", "", initials.upper())


def is_initialled_note(block: Block) -> bool:
    """A short note ending in initials and a date (`CDC 20/x.`), or known initials alone (`MODBA`)."""
    text = text_of(block)
    if block.kind != "paragraph" or not text or len(words(text)) > MAX_NOTE_WORDS or "\n" in text:
        return False
    if INITIALLED.search(text):
        return True
    return len(words(text)) == 1 and letters(text) in register("hands")
