"""Small text predicates the structure rules share."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from pipeline.convert.model import Block
from pipeline.convert.reader.inline import plain_text
from pipeline.convert.registers import register
from pipeline.convert.script import latin_reading

POSTCODE_LINE = re.compile(r"^[A-Za-z][A-Za-z .,'-]*\s[A-Z]{1,2}[0-9IlO][A-Z0-9IlO]?\s?[0-9IlO][A-Z]{2}\.?$")


def text_of(block: Block) -> str:
    """The block's text as read, lines kept (computed once while the block's inlines stay the same list)."""
    key = (id(block.inlines), len(block.inlines))
    cached = block.data.get("_text")
    if cached is not None and cached[0] == key:
        return cached[1]
    text = plain_text(block.inlines).strip()
    block.data["_text"] = (key, text)
    return text


def lines_of(block: Block) -> list[str]:
    """The block's non-blank lines, stripped (computed once, like its text)."""
    text = text_of(block)
    cached = block.data.get("_lines")
    if cached is not None and cached[0] is text:
        return cached[1]
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    block.data["_lines"] = (text, lines)
    return lines


def words(text: str) -> list[str]:
    return text.split()


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case, spaces folded: the form registers are matched in."""
    return " ".join(text.lower().replace("\u2019", "'").split())


MAX_FUZZY_CHARS = 400  # longer texts (paragraphs, not lines) are compared exactly: fuzzy matching is quadratic


def alike(a: str, b: str, threshold: float) -> bool:
    """Whether two texts match at `threshold` (0 to 1), ignoring case and spacing.

    difflib's cheap upper bounds reject most pairs before the quadratic ratio is computed.
    """
    if max(len(a), len(b)) > 2 * MAX_FUZZY_CHARS:
        return False
    a, b = fold(a), fold(b)
    if a == b:
        return True
    if max(len(a), len(b)) > MAX_FUZZY_CHARS or 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:
        return False
    if not _share_words(a, b, threshold):
        return False
    matcher = _matcher(b)
    matcher.set_seq1(a)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


WORD_SHARE = 0.5  # texts alike at a character ratio share at least this much of that ratio in whole words


def _share_words(a: str, b: str, threshold: float) -> bool:
    """A cheap bound before difflib: texts of several words that are alike share many of them."""
    words_a, words_b = set(a.split()), set(b.split())
    if min(len(words_a), len(words_b)) < 4:
        return True
    return len(words_a & words_b) / max(len(words_a), len(words_b)) >= threshold * WORD_SHARE


@lru_cache(maxsize=256)
def _matcher(b: str) -> SequenceMatcher:
    """A matcher indexed on `b` (difflib indexes its second text once; registers' texts recur)."""
    return SequenceMatcher(None, "", b, autojunk=False)


CASE_SAMPLE = 4000  # characters enough to tell capitals from mixed case


def is_capitals(text: str, share: float = 0.9) -> bool:
    letters = [c for c in text[:CASE_SAMPLE] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= share


def within_one_edit(a: str, b: str) -> bool:
    """Whether two words differ by at most one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


#: an office's name not in the register: `Embassy of the Union of Soviet Socialist Republics`, `Ministry of …`
OFFICE_NAME = re.compile(
    r"^(?:(?:British|Royal|Soviet|United States|American|French|German)\s+)?(?:Embassy|High Commission|Consulate(?: General)?|Ministry|Department|"
    r"Office|Mission|Delegation|Permanent Representation)\s+(?:of|for|to)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+(?:of|and|the|for|[A-Z][\w'-]*))*$"
    r"|^(?:[A-Z][\w'-]*\s+){0,4}(?:Office|Ministry|Embassy|Department|Treasury)$",
    re.IGNORECASE,
)
ADDRESS_LINE = re.compile(
    r"^(?:\d{1,4}[A-Za-z]?\s+)?(?:[A-Z][\w'.-]*\s+){0,5}(?:Street|St|Road|Gardens|Square|Place|Lane|Terrace|Avenue|Whitehall|Building)\b.*$"
    r"|^(?:Telephone|Tel\.?|Telex|Fax)\b.*\d.*$|^London(?:\s+[A-Z]{1,2}\d{1,2}[A-Z]?)?\.?$",
    re.IGNORECASE,
)


def office_in(line: str) -> str | None:
    """The sending office a line starts with, per the register (or an office's name in form), if any."""
    folded = fold(line)
    for office, folded_office in _offices():
        if folded.startswith(folded_office):
            return office
    stripped = line.strip(" ,.")
    if OFFICE_NAME.match(stripped) and len(stripped.split()) <= 10 and stripped[0].isupper():
        return stripped if not stripped.isupper() else stripped.title().replace(" Of ", " of ").replace(" The ", " the ").replace(" And ", " and ")
    return None


@lru_cache(maxsize=1)
def _offices() -> list[tuple[str, str]]:
    return [(office, fold(office)) for office in register("offices")["offices"]]


def is_office_line(line: str) -> bool:
    """A line that is an office name, optionally followed by its postal address."""
    office = office_in(line)
    if office is None:
        return False
    rest = line.strip()[len(office) :].strip(" ,.")
    return not rest or is_postal_line(rest) or fold(rest) == "london"


def is_postal_line(line: str) -> bool:
    """A postal address line of a letterhead: a postcode, a street, a telephone number."""
    line = line.strip()
    return bool(POSTCODE_LINE.match(line)) or bool(ADDRESS_LINE.match(line))


def is_letterhead_line(line: str) -> bool:
    """A printed letterhead line other than the office: `From the Private Secretary`, `THE PRIME MINISTER`."""
    return fold(line).strip(".") in {fold(item) for item in register("offices")["letterhead_lines"]}


def is_marking(text: str) -> bool:
    """A security classification or privacy marking alone (`CONFIDENTIAL COVERING SECRET`)."""
    marking = register("markings")
    text = latin_reading(text)
    tokens = text.replace("-", " ").split()
    if not tokens or not text.isupper():
        return False
    if not all(token.strip(".,") in marking["words"] for token in tokens):
        return False
    return any(level in " ".join(tokens) for level in marking["levels"])


def marking_level(text: str) -> str | None:
    """The classification named in a text, highest first."""
    upper = latin_reading(text).upper()
    for level in register("markings")["levels"]:
        if re.search(rf"\b{level}\b", upper):
            return level
    return None
