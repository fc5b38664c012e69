"""Reading Latin script through the OCR's confusions with Cyrillic look-alike letters."""

from __future__ import annotations

import re

#: Cyrillic letters the OCR reads for their Latin look-alikes (`СONFIDENTIAL` with a Cyrillic С)
HOMOGLYPHS = str.maketrans("АВСЕНІКМОРТХУЅЈаеорсухіјѕ", "ABCEHIKMOPTXYSJaeopcyxijs")
LETTER_SPACED = re.compile(r"\b(?:[A-Z] ){2,}[A-Z]\b")


def latin_reading(text: str) -> str:
    """A line as the typist typed it: Cyrillic look-alike letters read as Latin, letter-spaced words
    (`S E C R E T`) closed up."""
    return LETTER_SPACED.sub(lambda match: match.group(0).replace(" ", ""), text.translate(HOMOGLYPHS))
