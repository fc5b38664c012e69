"""What each document is (its type) and its metadata: date, sender, addressee, classification.

Everything is read from the roles the structure rules gave the blocks: the
letterhead names the sending office, the signature the sender, the addressee
block (or the salutation, or a minute's heading) the addressee, the dateline
(or the telegram's date-time group, or the date by a minute's signature) the
date. Values are kept as the document writes them.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.convert.dates import find_dates, whole_date
from pipeline.convert.layout import Layout
from pipeline.convert.model import Block, Correspondent, DateRef, Document, Initials, Node, walk
from pipeline.convert.names import is_office_title, person_name, title_case
from pipeline.convert.reader.inline import plain_text
from pipeline.convert.registers import register
from pipeline.convert.rules.initials import letters
from pipeline.convert.rules.initials import INITIALLED
from pipeline.convert.rules.letter import CLOSING_PHRASE, TYPED_INITIALS, TYPED_NAME, memo_fields
from pipeline.convert.rules.telegram import party, routing_fields
from pipeline.convert.rules.text import fold, is_capitals, is_office_line, lines_of, marking_level, office_in, text_of

SALUTE_NAME = re.compile(r"^[\"'\u201c]?\s*\w+\s+(?P<name>.+?)[,.]?$")
INSTRUCTION_PARTIES = re.compile(r"\bto\s+(?P<to>.+?)\s+from\s+(?P<from>.+?)\.?$", re.IGNORECASE)
STYLE_ONLY = re.compile(r"^(?:His|Her|Your)\s+Excellency$|^(?:The\s+)?(?:Right\s+Honourable|Rt\.?\s+Hon\.?)$", re.IGNORECASE)
ESQ = re.compile(r",?\s*\bEsq\b\.?,?", re.IGNORECASE)


def blocks(nodes: list[Node]) -> list[Block]:
    return [node for node in nodes if isinstance(node, Block)]


def document_type(nodes: list[Node]) -> str:
    """letter, minute, telegram, draft, form, closureCard or note."""
    roles = [block.role for block in blocks(nodes)]
    if "card" in roles:
        return "closureCard"
    forms = [block for block in blocks(nodes) if block.role == "form"]
    if forms:
        return "draft" if any("DRAFT" in plain_text(cell) for row in forms[0].rows for cell in row) else "form"
    if "telegram-header" in roles:
        return "telegram"
    if "draft-title" in roles:
        return "draft"
    if "record-title" in roles:
        return "record"
    if "translation-title" in roles:
        return "translation"
    if "minute-to" in roles or "memo-header" in roles or any(block.data.get("type") == "minute" for block in blocks(nodes)):
        return "minute"
    if {"letterhead", "salute", "closing", "signature", "address"} & set(roles) or any(block.data.get("type") == "letter" for block in blocks(nodes)):
        return "letter"
    if _reads_as_cable(nodes):
        return "telegram"
    return "note"


def _reads_as_cable(nodes: list[Node]) -> bool:
    """Text in capitals in paragraphs opening with `--`: a cable's text."""
    paragraphs = [text_of(b) for b in blocks(nodes) if b.role == "p" and len(text_of(b)) > 40]
    return len(paragraphs) >= 3 and sum(is_capitals(t) for t in paragraphs) / len(paragraphs) > 0.8


def fill_metadata(document: Document, layout: Layout) -> None:
    """Set the document's date, sender, addressee and classification."""
    all_blocks = blocks(document.nodes)
    document.classification = next((text_of(b) for b in all_blocks if b.role == "fw-marking"), None) or _telegram_marking(all_blocks)
    _date(document, layout, all_blocks)
    if document.type == "telegram":
        _telegram_parties(document, all_blocks)
    _form_parties(document, all_blocks)
    _memo_parties(document, all_blocks)
    _sender(document, layout, all_blocks)
    _addressee(document, layout, all_blocks)


def _telegram_marking(all_blocks: list[Block]) -> str | None:
    for block in all_blocks:
        if block.role == "telegram-header":
            for line in lines_of(block):
                fields = routing_fields(line, in_header=True)
                if fields and fields.kind == "classification":
                    return marking_level(line) or line
    return None


DATE_SEARCH_CHARS = 2000


def _date(document: Document, layout: Layout, all_blocks: list[Block]) -> None:
    candidates: list[Block] = [b for b in blocks(layout.front) if b.role in ("dateline", "telegram-header", "memo-header", "run-on")]
    candidates += [b for b in blocks(layout.final_closer + layout.closer) if b.role in ("signature", "dateline")]
    candidates += [b for b in all_blocks if b.role == "dateline"]
    candidates += [b for b in all_blocks if b.role == "run-on"]
    for block in candidates:
        found = [d for d in find_dates(text_of(block)) if d.kind in ("date", "dtg", "numeric")]
        if found:
            document.date, document.date_text = found[0].when, found[0].text
            return
    for block in all_blocks:  # no dateline: the first date written out in full near the start of a block
        found = [d for d in find_dates(text_of(block)[:DATE_SEARCH_CHARS]) if d.kind == "date"]
        if found:
            document.date, document.date_text = found[0].when, found[0].text
            return


def _telegram_parties(document: Document, all_blocks: list[Block]) -> None:
    for block in all_blocks:
        if block.role != "telegram-header":
            continue
        for line in lines_of(block):
            fields = routing_fields(line, in_header=True)
            if fields and fields.kind == "fm" and not document.sender.org:
                document.sender = Correspondent(org=fields.office)
                if fields.to and not document.addressee.org:
                    document.addressee = Correspondent(org=party(fields.to).office)
            elif fields and fields.kind == "to" and not document.addressee.org:
                document.addressee = Correspondent(org=fields.office)


def _sender(document: Document, layout: Layout, all_blocks: list[Block]) -> None:
    if document.type == "closureCard":
        return
    org = document.sender.org or next(
        (office_in(line) for b in blocks(layout.front) if b.role == "letterhead" for line in lines_of(b) if is_office_line(line)), None)
    closing_blocks = _before_address(blocks(layout.closer + layout.final_closer))
    candidates = [
        document.sender.person,
        _typed_name(closing_blocks),
        *_signed_lines([b for b in closing_blocks if b.role == "signature"]),
        *_signed_lines(closing_blocks),
        _initialled_by(all_blocks),
        _instruction_party(all_blocks, "from"),
        _letterhead_person(blocks(layout.front)),
    ]
    document.sender = Correspondent(person=_first_clean(candidates), org=org)


def _first_clean(candidates: list[str | None]) -> str | None:
    """The first candidate that is a clean name (an office's title as the papers give it, or a person's);
    typed initials (`A.J.C.`) are the person the hands register gives them to."""
    for candidate in candidates:
        last = candidate.split()[-1] if candidate and candidate.split() else ""
        if last and (TYPED_INITIALS.match(candidate.strip()) or re.fullmatch(r"[A-Z]{2,5}\.?", last)) and letters(last) in register("hands"):
            return register("hands")[letters(last)]["full"]
        if candidate and is_office_title(candidate):
            return title_case(candidate.strip(" .,")) if candidate.isupper() else candidate.strip(" .,")
        name = person_name(candidate)
        if name:
            return name
    return None


def _letterhead_person(front: list[Block]) -> str | None:
    """`THE PRIME MINISTER` printed under the No. 10 letterhead: the sender where no signature can be read."""
    for block in front:
        if block.role in ("letterhead", "letterhead-line"):
            for line in lines_of(block):
                if is_office_title(line) and fold(line).startswith("the "):
                    return line[4:]
    return None


FORM_PARTY = re.compile(r"^(?P<key>FROM|TO)\s*:\s*(?P<value>\S.*)$")


def _form_parties(document: Document, all_blocks: list[Block]) -> None:
    """A printed draft form's `FROM: PRIME MINISTER` and `TO: PRESIDENT REAGAN` cells."""
    for block in all_blocks:
        if block.role != "form":
            continue
        for row in block.rows:
            for cell in row:
                match = FORM_PARTY.match(" ".join(plain_text(cell).split()))
                if not match:
                    continue
                name = _first_clean([match["value"]])
                if match["key"] == "FROM" and name and not document.sender.person:
                    document.sender = Correspondent(person=name, org=document.sender.org)
                elif match["key"] == "TO" and name and not document.addressee.person:
                    document.addressee = Correspondent(person=name, org=document.addressee.org)


def _memo_parties(document: Document, all_blocks: list[Block]) -> None:
    """A memo heading's `FROM:` and `TO:` lines."""
    for block in all_blocks:
        if block.role != "memo-header":
            continue
        for key, value in memo_fields(block):
            name = _first_clean([value])
            if key == "FROM" and name and not document.sender.person:
                document.sender = Correspondent(person=name, org=document.sender.org)
            elif key == "TO" and name and not document.addressee.person:
                document.addressee = Correspondent(person=name, org=document.addressee.org)


def _before_address(closing_blocks: list[Block]) -> list[Block]:
    """The closing blocks up to the addressee block (what follows it is not a signature)."""
    for index, block in enumerate(closing_blocks):
        if block.role == "address":
            return closing_blocks[:index]
    return closing_blocks


def _typed_name(closing_blocks: list[Block]) -> str | None:
    for block in closing_blocks:
        typed = [line for line in lines_of(block) if TYPED_NAME.match(line)]
        if typed:
            return typed[0]
    return None


def _last_words(all_blocks: list[Block]) -> list[Block]:
    """The last two blocks of a document's own text and signature (not its furniture, copy lists,
    addressee block or OCR scraps)."""
    content = [b for b in all_blocks if not b.role.startswith("fw-") and b.role not in ("copies", "distribution", "address")
               and len(text_of(b).strip()) > 3 or b.role == "annotation"]
    return content[-2:]


MAX_INITIALLED_CHARS = 40  # initials with a date, perhaps a word or two


def _initialled_by(all_blocks: list[Block]) -> str | None:
    """A document signed with known initials (`MODBA`, `CDP 3/iv`) as its last words: the person the
    register names."""
    known = register("hands")
    for block in reversed(_last_words(all_blocks)):
        text = text_of(block).strip()
        if len(text) > MAX_INITIALLED_CHARS:
            continue
        match = INITIALLED.search(text)
        key = letters(match["initials"]) if match and len(text.split()) <= 3 else letters(text)
        if block.role in ("annotation", "signature") and key in known:
            return known[key]["full"]
    return None


def _signed_lines(closing_blocks: list[Block]) -> list[str]:
    """The lines signed under a closing (or alone where there is no closing), dates cut off, in order:
    the first clean name among them is the signatory."""
    found_lines: list[str] = []
    for block in closing_blocks:
        lines = lines_of(block)
        if block.role == "closing":
            lines = lines[1:]
        elif block.role not in ("signature", "p", "caps-line", "subject"):
            continue
        for line in lines:
            found = find_dates(line)
            name = line[: found[-1].start].strip() if found else line
            if name and not whole_date(line) and not CLOSING_PHRASE.match(name):
                found_lines.append(name.strip("'\"\u201d "))
    return found_lines


def _addressee(document: Document, layout: Layout, all_blocks: list[Block]) -> None:
    if document.type in ("closureCard",) or document.addressee.org or document.addressee.person:
        return
    minute_to = next((text_of(b) for b in all_blocks if b.role == "minute-to"), None)
    if minute_to:
        document.addressee = Correspondent(person=_first_clean([minute_to]))
        return
    address = next((b for b in blocks(layout.final_closer) + blocks(layout.front) if b.role == "address"), None)
    if address is not None:
        lines = lines_of(address)
        first = ESQ.split(lines[0])[0].strip(" ,.")
        org = next((office_in(line) for line in lines if office_in(line)), None) or (office_in(ESQ.split(lines[0])[-1].strip(" ,.")) if ESQ.search(lines[0]) else None)
        person = _first_clean([first]) if not STYLE_ONLY.match(first) else _first_clean(lines[1:2])
        document.addressee = Correspondent(person=person, org=org)
        if document.addressee.person or org:
            return
    salute = next((text_of(b) for b in all_blocks if b.role == "salute"), None)
    if salute:
        match = SALUTE_NAME.match(salute.strip())
        if match and _first_clean([match["name"].strip()]):
            document.addressee = Correspondent(person=_first_clean([match["name"].strip()]))
            return
    person = _first_clean([_instruction_party(all_blocks, "to")])
    if person:
        document.addressee = Correspondent(person=person)


def _instruction_party(all_blocks: list[Block], which: str) -> str | None:
    for block in all_blocks:
        if block.role == "message-instruction":
            match = INSTRUCTION_PARTIES.search(" ".join(text_of(block).split()))
            if match:
                return match[which].strip()
    return None


def folder_year(documents: list[Document]) -> int | None:
    """The year most documents of a folder are dated in."""
    years = Counter(int(d.date[:4]) for d in documents if d.date)
    return years.most_common(1)[0][0] if years else None


def classification_level(document: Document) -> str | None:
    return marking_level(document.classification or "")


def date_from_initials(document: Document) -> None:
    """An undated minute initialled and dated at its end (`CDP 3/iv`) is dated by its initials."""
    if document.date or document.type == "closureCard":
        return
    for block in reversed(_last_words(blocks(document.nodes))):
        if len(text_of(block)) > MAX_INITIALLED_CHARS * 50:
            continue  # initials close a note, not a long text
        refs = [node for node in walk(block.inlines) if isinstance(node, DateRef) and re.match(r"^\d{4}-\d{2}-\d{2}", node.when)]
        if refs and any(isinstance(node, Initials) for node in walk(block.inlines)):
            document.date, document.date_text = refs[-1].when, refs[-1].text
            return


FOLDER_YEARS = 4  # a folder's papers span a few years at most


def reconcile_dates(documents: list[Document], warn) -> None:
    """A document date decades from the rest of its folder (a stamp `12/11/80` on a 1988 draft) is no
    date of the document: a review warning, and the document stays undated."""
    years = sorted(int(d.date[:4]) for d in documents if d.date and d.type != "closureCard")
    if len(years) < 2:
        return
    median = years[len(years) // 2]
    for document in documents:
        if document.date and document.type != "closureCard" and abs(int(document.date[:4]) - median) > FOLDER_YEARS:
            warn(document.span.first, "review-date", f"date {document.date_text!r} ({document.date}) lies far from the folder's "
                 f"other documents (around {median}): not taken as the document's date",
                 chosen="undated", runner_up=f"dated {document.date}")
            document.date = document.date_text = None
