"""The parts of letters and minutes: letterheads, datelines, salutations, closings, signatures, addresses."""

from __future__ import annotations

import re

from pipeline.convert.dates import find_dates, whole_date
from pipeline.convert.model import Block, Deletion, Handwriting, Text
from pipeline.convert.registers import register
from pipeline.convert.rules.text import (
    fold, is_capitals, is_marking, is_letterhead_line, is_office_line, is_postal_line, lines_of, office_in,
    text_of, within_one_edit, words,
)

#: a typed name in brackets, perhaps with the office after it: `(J S Wall)`, `(R N Peirce) Private Secretary`
TYPED_NAME = re.compile(r"^\((?:[A-Z][.]?\s*){1,4}[A-Z][A-Za-z'-]+\)(?:\s+[A-Z][a-z]+(?:\s+[A-Za-z][a-z]+){0,4})?$")
#: a typed name as it closes a document: `C D POWELL`, `V. KUZNETSOV`, `ROBERT ARMSTRONG`,
#: `M O'D B ALEXANDER`, `KEEBLE`, `(R C TRESHAM)`, or typed initials `A.J.C.`
NAME_WORD = r"[A-Z](?:[A-Z'\u2019-]*[A-Z]|[a-z'\u2019-]*[a-z])?\.?"
NAME_LINE = re.compile(rf"^\(?(?:{NAME_WORD}\s+){{0,4}}{NAME_WORD}\)?$")
TYPED_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){2,5}$|^[A-Z]{2,5}\.$")
#: words no name is made of: they make a line a heading (`DEATH OF CHERNENKO`) or a marking
NOT_NAME_WORDS = {
    "OF", "THE", "AND", "ON", "TO", "FOR", "IN", "AT", "WITH", "BY", "FROM", "A", "AN", "OR", "NOT", "NO",
    "SUMMARY", "DETAIL", "DRAFT", "NOTE", "RECORD", "MESSAGE", "TEXT", "ENDS", "END", "COMMENT", "BT", "NNNN",
    "GRS", "TELNO", "INFO", "FM", "TO", "PAGE", "ANNEX", "COPY", "CONFIDENTIAL", "SECRET", "RESTRICTED",
    "UNCLASSIFIED", "PERSONAL", "PRIME", "MINISTER", "SECRETARY", "PRESIDENT", "MR", "MRS", "MINISTRY",
    "DEPARTMENT", "OFFICE", "EMBASSY", "STREET", "LONDON", "PRESENT", "DISTRIBUTION", "TRANSLATION", "UNOFFICIAL",
    "SUBJECT", "REF", "REFERENCE", "CC", "COPIES", "DEPT", "UNIT", "STAFF",
}
#: an office or title under a typed name: `Private Secretary`, `Cabinet Office`, `First Vice-President …`
TITLE_LINE_WORDS = 12
CLOSING_PHRASE = re.compile(
    r"^(?:with\s+)?(?:(?:warm(?:est)?|kind(?:est)?|best|all\s+good)(?:\s+personal)?\s+(?:regards|wishes)"
    r"|(?:my\s+)?(?:deep(?:est)?\s+)?respect(?:fully)?|respectfully(?:\s+yours)?|sincerely(?:\s+yours)?|faithfully(?:\s+yours)?"
    r"|(?:with\s+)?(?:best|warm(?:est)?)\s+(?:personal\s+)?greetings|yours\s+(?:sincerely|faithfully|ever|aye|truly))[,.]?$",
    re.IGNORECASE,
)
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


PLACE_DATE = re.compile(r"^(?P<place>[A-Z][\w'.-]*(?:[ ,]+(?:the\s+)?[A-Z][\w'.-]*){0,3}),\s+(?P<date>.+)$")


def is_dateline(block: Block) -> bool:
    """A date alone on its line, or a place and a date (`Moscow, the Kremlin, 19 March 1985`)."""
    text = text_of(block).strip()
    if block.kind != "paragraph" or "\n" in text:
        return False
    if whole_date(text) is not None:
        return True
    match = PLACE_DATE.match(text)
    return bool(match) and whole_date(match["date"]) is not None


def _first_word(text: str) -> str:
    stripped = text.lstrip("\"'\u201c\u2018 ")
    return fold(stripped.split()[0]).strip(",.") if stripped.split() else ""


def is_salute(block: Block) -> bool:
    """`Dear Charles,` (and OCR misreadings one letter off: `Vear General Seculary,`)."""
    text = text_of(block)
    if block.kind != "paragraph" or "\n" in text or not 2 <= len(words(text)) <= 5:
        return False
    first = _first_word(text)
    if within_one_edit(first, "dear"):
        return text.rstrip().endswith((",", ":")) or len(words(text)) <= 3
    opening = first in SALUTE_WORDS or fold(text).startswith(("my dear", "mr president", "madam", "your excellency", "your majesty"))
    return opening and text.rstrip().endswith((",", ":"))


#: words other than `Dear` that open a salutation (the translations' `Esteemed Madam Prime Minister,`)
SALUTE_WORDS = {"esteemed", "respected", "honoured", "honored", "sir", "madam", "excellency"}


def is_closing(block: Block) -> bool:
    """`Yours sincerely`, `Yours ever`, `Warm regards,` (the first line of the block)."""
    lines = lines_of(block)
    if block.kind != "paragraph" or not lines or len(lines) > 4:
        return False
    first = lines[0]
    if CLOSING_PHRASE.match(first.strip()):
        return True
    if fold(first).startswith(("your excellency", "your majesty", "your royal")):
        return False  # a salutation
    return len(words(first)) <= 3 and (within_one_edit(_first_word(first), "yours") or _first_word(first) == "your")


def is_signature_block(block: Block) -> bool:
    """A typed name in brackets under a signature (`(J S Wall)`), or a name with the date signed,
    or a typed name (or initials) followed by an office, a place or a date (`C D POWELL / 11 March 1985`)."""
    lines = lines_of(block)
    if block.kind != "paragraph" or not lines:
        return False
    if any(TYPED_NAME.match(line) for line in lines) or (len(lines) == 1 and _name_and_date(lines[0])):
        return True
    return 2 <= len(lines) <= 4 and is_name_line(lines[0]) and all(_signature_extra(line) for line in lines[1:])


def is_name_line(line: str) -> bool:
    """A line that is a typed name or typed initials, nothing else: `C D POWELL`, `KEEBLE`, `A.J.C.`."""
    line = line.strip()
    if TYPED_INITIALS.match(line) or TYPED_NAME.match(line):
        return True
    if not NAME_LINE.match(line) or len(line) < 3:
        return False
    tokens = [t.strip("().") for t in line.split()]
    if any(t.upper() in NOT_NAME_WORDS for t in tokens):
        return False
    if not is_capitals(line, 0.99):  # a name typed in mixed case is a name only with initials: `P M Strachan`
        return len(tokens) >= 2 and all(len(t) == 1 for t in tokens[:-1])
    full_words = [t for t in tokens if len(t) > 1]
    if len(full_words) > 3 or any("-" in t and len(t.split("-")[-1]) < 2 for t in tokens):
        return False  # `MOSCOW HUMAN RIGHTS CONFERENCE` is a heading; `SA-C` an OCR scrap
    return not is_marking(line)


def _signature_extra(line: str) -> bool:
    """A line under a typed name: an office or title, a place and date, a date."""
    if whole_date(line) or find_dates(line):
        return len(words(line)) <= 8
    return len(words(line)) <= TITLE_LINE_WORDS and not line.rstrip().endswith((".", ":", ";")) and line[:1].isupper()


def is_name_alone(block: Block) -> bool:
    """A paragraph that is one typed name line (`KEEBLE`, `SUTHERLAND`): a signature where it closes a text."""
    lines = lines_of(block)
    return block.kind == "paragraph" and len(lines) == 1 and is_name_line(lines[0])


def _name_and_date(line: str) -> bool:
    """`CHARLES POWELL 2 January 1989`: a name of two to four words, then a date."""
    dates = find_dates(line)
    if not dates or dates[-1].end != len(line.rstrip(" .")):
        return False
    name = line[: dates[-1].start].split()
    return 2 <= len(name) <= 4 and all(word[0].isupper() for word in name) and not any(ch.isdigit() for ch in "".join(name))


RECORD_TITLE = re.compile(
    r"^(?:RECORD|NOTE|MINUTES?)\s+OF\s+(?:A|THE)\s+(?:CONVERSATION|MEETING|DISCUSSION|TELEPHONE\s+CONVERSATION|TALK)"
    r"|^NOTE\s+FOR\s+(?:THE\s+)?RECORD\b|^RECORD\s+OF\s+(?:A\s+|THE\s+)?(?:TELEPHONE\s+)?(?:CONVERSATION|MEETING|TALKS?|DISCUSSION)",
    re.IGNORECASE,
)
TRANSLATION_TITLE = re.compile(r"^(?:UNOFFICIAL|INFORMAL|OFFICIAL)?\s*TRANSLATION\b\.?$|^TRANSLATION\s+FROM\s+(?:THE\s+)?\w+$", re.IGNORECASE)
COPIES = re.compile(r"^(?:cc|c\.c\.|copy to|copies to|copies)\s*[:.]", re.IGNORECASE)
#: a typed file reference: `MO 8/2/13`, `Ref. A06841`, `PM/88/71`, `FCS/83/212`
REFERENCE = re.compile(r"^(?:(?:Our\s+|Your\s+)?Ref(?:erence)?\.?:?\s*\S+|[A-Z]{1,5}(?:\s?[A-Z]{1,4})?\s?\d{1,4}(?:/\d{1,4}){1,3}|[A-Z]{1,5}/\d{1,4}(?:/\d{1,4}){1,3})$")


def is_record_title(block: Block) -> bool:
    """`RECORD OF A CONVERSATION BETWEEN …`, `NOTE FOR THE RECORD`: a record opens."""
    text = " ".join(text_of(block).split())
    return block.kind in ("paragraph", "heading") and bool(RECORD_TITLE.match(text)) and len(words(text)) <= 45


def is_translation_title(block: Block) -> bool:
    """`UNOFFICIAL TRANSLATION` above a translated message."""
    return block.kind in ("paragraph", "heading") and bool(TRANSLATION_TITLE.match(text_of(block).strip()))


MEMO_LINE = re.compile(r"^(?P<key>FROM|TO|DATE|SUBJECT|SUBJ|REF(?:ERENCE)?|COPIES\s+TO|CC)\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)


def memo_fields(block: Block) -> list[tuple[str, str]]:
    """A memo's heading lines (`FROM: C D Powell`, `DATE: 21 June 1988`, `TO: Prime Minister`) as (key, value)."""
    return [(m["key"].upper(), m["value"].strip()) for line in lines_of(block) if (m := MEMO_LINE.match(line))]


def is_memo_header(block: Block) -> bool:
    """A minute's or submission's heading of labelled lines, with a FROM or a TO among them."""
    lines = lines_of(block)
    fields = memo_fields(block)
    return block.kind == "paragraph" and len(fields) >= 2 and len(fields) == len(lines) and any(k in ("FROM", "TO") for k, _ in fields)


def is_copies(block: Block) -> bool:
    """`cc: PS/Foreign Secretary / …`: the copy list under a letter or minute."""
    return block.kind == "paragraph" and bool(COPIES.match(text_of(block)))


def is_reference(block: Block) -> bool:
    """A typed file reference alone on its line (`MO 8/2/13`, `Ref. A06841`) — not initials and a date."""
    text = text_of(block)
    return block.kind == "paragraph" and "\n" not in text and bool(REFERENCE.match(text.strip())) and not is_handwritten(block)


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
    if 2 <= len(lines) <= 5 and fold(lines[0]).startswith(TITLES) and not any(line.rstrip().endswith((".", ",", ":")) for line in lines):
        return True  # `His Excellency / The Right Honourable Margaret Thatcher MP / Prime Minister`
    return len(words(text)) <= 5 and fold(text).startswith(TITLES) and text[0].isupper() and not text.rstrip().endswith(".")


def is_minute_addressee(block: Block) -> bool:
    """`PRIME MINISTER` alone at the head of a minute."""
    text = text_of(block).strip(" .:,")
    return (block.kind == "paragraph" and (text.isupper() or text.istitle()) and text.upper() in register("addressees")["minute"]
            and not is_handwritten(block))


#: a minute's addressee by name, typed in capitals at its head: `MR POWELL`, `SIR ROBERT ARMSTRONG`
MINUTE_TO_NAME = re.compile(r"^(?:MR|MRS|MISS|MS|SIR|DR|LORD|LADY)\.?\s+(?:[A-Z]\.?\s*){0,3}[A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]+)?$")


def is_message_instruction(block: Block) -> bool:
    """`Please pass following message to President Reagan from Prime Minister Thatcher.` (typed, not struck out)."""
    first = next((node for node in block.inlines if not (isinstance(node, Text) and not node.text.strip())), None)
    return block.kind == "paragraph" and not isinstance(first, Deletion) and bool(MESSAGE_INSTRUCTION.match(text_of(block)))


def is_draft_title(block: Block) -> bool:
    """`[DRAFT MESSAGE FROM THE PRIME MINISTER TO PRESIDENT REAGAN]`."""
    text = text_of(block)
    return block.kind == "paragraph" and len(words(text)) <= 20 and bool(DRAFT_TITLE.search(text)) and is_capitals(text)


def is_caps_line(block: Block) -> bool:
    """A short line in capitals that is no sentence: a subject or a section heading (a reference code has digits)."""
    text = text_of(block)
    count = len(words(text))
    return (
        block.kind == "paragraph" and "\n" not in text and 1 <= count <= 10 and (count > 1 or len(text) >= 4)
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
    if block.kind != "paragraph" or len(text.split(None, RUN_ON_MIN_WORDS)) <= RUN_ON_MIN_WORDS:
        return None
    head = " ".join(text.split(None, RUN_ON_LOOKAHEAD)[:RUN_ON_LOOKAHEAD])
    for addressee in register("addressees")["minute"]:
        if re.search(rf"\b{re.escape(addressee)}\b", head):
            return "minute"
    for start in range(len(words(head))):
        if office_in(" ".join(words(head)[start:])) and is_capitals(" ".join(words(head)[:start]) or "X"):
            return "letter"
    return None
