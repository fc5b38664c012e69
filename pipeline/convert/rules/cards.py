"""The National Archives' closure cards ("Dummy Cards") that stand in for withheld documents.

A card is a printed form the OCR writes as tab-separated lines: the department
and series, piece and item, extract details, and the printed closure reasons,
one of which is dated or signed. The card becomes a withheld-document record;
its printed labels of unmarked reasons, its hints and the printed
instructions under it are boilerplate, dropped and recorded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.convert.dates import find_dates
from pipeline.convert.model import Block, Choice, DateRef, Drop, Field, Gap, Inline, Span, Text
from pipeline.convert.reader.inline import plain_text
from pipeline.convert.registers import register
from pipeline.convert.rules.text import alike, fold, text_of

MIN_REASON_ROWS = 3
REASON_SIMILARITY = 0.8
INSTRUCTION_SIMILARITY = 0.8
FOI_EXEMPTION = re.compile(r"\b\d{1,2}\(\d{1,2}\)(?:\([a-z]\))?")
#: exemption numbers written after the FOI reason: `27(1)(a)`, `23`, `27(1), 40(2)`
EXEMPTION_NUMBER = re.compile(r"(?<![\w/])\d{1,2}(?:\(\d{1,2}\))?(?:\([a-z]\))?(?![\w/])")
#: OCR readings of digits in a series number (`PREM I9`)
DIGIT_CONFUSIONS = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "S": "5", "B": "8", "Z": "2"})
SERIES = re.compile(r"^(?P<department>[A-Z]{1,5})\s*(?P<number>\S.*)?$")


@dataclass
class Card:
    """What one closure card says."""

    series: str = ""
    series_reg: str | None = None
    piece: str = ""
    extract: list[Inline] = field(default_factory=list)
    extract_label: str = ""
    reason: str = "withheld"
    #: (printed reason as read, mark as written, the reason cell's inline nodes, the mark cells' inline nodes)
    marked: list[tuple[str, str, list[Inline], list[Inline]]] = field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    exemptions: list[str] = field(default_factory=list)
    series_row: bool = False  # the card's DEPARTMENT/SERIES row was read
    piece_label: bool = False  # it prints PIECE/ITEM (some cards give `PREM 19 / 1394` in one cell)


def _reason_code(label: str) -> str | None:
    return _reason(label)[0]


def _reason(cell: str) -> tuple[str | None, str]:
    """The reason code a cell's printed label names, and what was written after the label
    (`CLOSED UNDER FOI EXEMPTION 27(1)(a)` → `closed-foi`, `27(1)(a)`)."""
    for reason in register("closure")["reasons"]:
        printed = reason["printed"]
        head = cell[: len(printed)]
        if len(cell) > len(printed) and cell[len(printed)].isspace() and alike(head, printed, REASON_SIMILARITY):
            return reason["code"], cell[len(printed) :].strip()
        if alike(cell, printed, REASON_SIMILARITY):
            return reason["code"], ""
    return None, ""


def is_card(block: Block) -> bool:
    """A tab table with at least three rows that are the card's printed closure reasons."""
    if block.kind != "table":
        return False
    return sum(1 for row in block.rows if row and _reason_code(plain_text(row[0])) is not None) >= MIN_REASON_ROWS


def is_card_heading(block: Block) -> bool:
    """`The National Archives` printed above a card."""
    return block.kind == "paragraph" and fold(text_of(block)) in {fold(h) for h in register("closure")["card_heading"]}


def is_instruction(block: Block) -> bool:
    """A line of the card's printed 'Instructions for completion of Dummy Card'."""
    if block.kind != "paragraph":
        return False
    closure = register("closure")
    text = text_of(block)
    return any(alike(text, printed, INSTRUCTION_SIMILARITY) for printed in [closure["instructions_heading"], *closure["instructions"]])


def read_card(block: Block) -> tuple[Card, list[Drop]]:
    """The card's fields, and the printed text it drops as boilerplate."""
    closure = register("closure")
    labels = closure["labels"]
    card = Card()
    drops: list[Drop] = []
    block.rows = [[_markers_as_text(cell) for cell in row] for row in block.rows]
    for offset, row in enumerate(block.rows):
        line = block.span.first + offset
        cells = [plain_text(cell).strip() for cell in row]
        first = cells[0] if cells else ""
        code, written = _reason(first)
        marks = " ".join(cell for cell in cells[1:] if cell)
        if any(labels["series"] in cell for cell in cells):
            _read_series_row(card, cells, labels, closure["hints"], drops, line)
        elif code is not None:
            if marks or written or not all(isinstance(node, Text) for node in row[0]):
                card.marked.append((first, marks, list(row[0]), _mark_cells(row)))
                _take_reason(card, code, marks, written)
            else:
                drops.append(Drop(_line(line), "boilerplate", " ".join(cells)))
        elif not card.extract:
            card.extract = list(row[0]) if row else []
            if first.startswith(labels["extract"]):
                card.extract_label = labels["extract"]
                _strip_prefix(card.extract, labels["extract"])
            for cell in cells[1:]:
                if cell:
                    drops.append(Drop(_line(line), "boilerplate", cell))
        else:
            card.marked.append((first, marks, list(row[0]) if row else [], _mark_cells(row)))
    return card, drops


def _markers_as_text(cell: list[Inline]) -> list[Inline]:
    """A redaction marker on a card is the card's text (a card's description can hold no gap)."""
    return [Text(node.replaces) if isinstance(node, Gap) else node for node in cell]


def _line(line: int) -> Span:
    return Span(line, line)


def _read_series_row(card: Card, cells: list[str], labels: dict, hints: list[str], drops: list[Drop], line: int) -> None:
    """`DEPARTMENT/SERIES PREM 19 <tab> PIECE/ITEM 871 (one piece/item number) <tab> Date and sign`, or the
    series and piece in one cell of their own (`PREM 19 / 1394`)."""
    card.series_row = True
    text = "  ".join(cells)
    for printed in [labels["sign"], *hints]:
        if printed in text:
            text = text.replace(printed, " ")
            drops.append(Drop(_line(line), "boilerplate", printed))
    after = text.split(labels["series"], 1)[1]
    series, has_piece, piece = after.partition(labels["piece"])
    card.piece_label = bool(has_piece)
    if not has_piece and "/" in series:
        series, _, piece = series.partition("/")
    card.series = " ".join(series.split())
    card.piece = " ".join(piece.split())
    card.series_reg = normalise_series(card.series)


def _take_reason(card: Card, code: str, marks: str, written: str = "") -> None:
    """The reason marked (dated or signed); exemption numbers written after the FOI reason."""
    if code == "closed-foi":
        card.exemptions += EXEMPTION_NUMBER.findall(written) + FOI_EXEMPTION.findall(marks)
    dates = [d for d in find_dates(marks) if d.kind in ("numeric", "date")]
    if dates and card.date is None:
        card.reason, card.date, card.date_text = code, dates[0].when, dates[0].text
    elif card.date is None and card.reason == "withheld":
        card.reason = code


def _strip_prefix(nodes: list[Inline], prefix: str) -> None:
    if nodes and isinstance(nodes[0], Text) and nodes[0].text.lstrip().startswith(prefix):
        nodes[0] = Text(nodes[0].text.lstrip()[len(prefix) :].lstrip())


def normalise_series(written: str) -> str | None:
    """`PLAM 19` → `PREM 19`: an OCR reading of a known department code, and a series number."""
    match = SERIES.match(written.strip())
    if not match:
        return None
    department = _department(match["department"])
    number = (match["number"] or "").strip().translate(DIGIT_CONFUSIONS)
    if department and number.isdigit():
        return f"{department} {number}"
    return None


def _department(letters: str) -> str | None:
    known = register("closure")["departments"]
    if letters in known:
        return letters
    close = [code for code in known if _garbled_form(code, letters)]
    return close[0] if len(close) == 1 else None


def _garbled_form(code: str, letters: str) -> bool:
    """An OCR reading of a department code: same length and first letter, at most half the letters wrong."""
    if len(code) != len(letters) or len(code) < 3 or code[0] != letters[0]:
        return False
    return sum(a != b for a, b in zip(code, letters)) <= len(code) // 2


def folder_series(cards: list[Card]) -> str | None:
    """The series most cards of a folder name, to normalise a card whose number is garbled."""
    counts = Counter(card.series_reg for card in cards if card.series_reg)
    return counts.most_common(1)[0][0] if counts else None


def folder_piece(cards: list[Card]) -> str | None:
    """The file's piece number as its closure cards give it (the piece most of them name, digits only)."""
    pieces = [re.sub(r"(?<=\d)\s+(?=\d)", "", card.piece).split() for card in cards if card.piece]  # `31 74`: OCR spaced 3174
    counts = Counter(words[0] for words in pieces if words and words[0].isdigit())
    return counts.most_common(1)[0][0] if counts else None


def complete_series(cards: list[Card]) -> None:
    """Give a card with a recognisable department but garbled number the folder's series."""
    series = folder_series(cards)
    if series is None:
        return
    for card in cards:
        match = SERIES.match(card.series.strip())
        if card.series_reg is None and match and _department(match["department"]) == series.split()[0]:
            card.series_reg = series


def card_description(card: Card) -> list[Inline]:
    """The card's entries as the gap's description: labels as printed, values typed and normalised."""
    labels = register("closure")["labels"]
    desc: list[Inline] = []
    if card.series_row:
        desc.append(Text(labels["series"] + " "))
        if card.series:
            series: Inline = Field("series", [Text(card.series)])
            if card.series_reg and card.series_reg != card.series:
                series = Choice([Text(card.series)], card.series_reg, idno_type="series")
            desc += [series, Text(" ")]
        if card.piece_label:
            desc.append(Text(labels["piece"] + (" " if card.piece else "")))
        elif card.piece:
            desc.append(Text("/ "))
        if card.piece:
            desc.append(Field("piece", [Text(card.piece)]))
    if card.extract:
        desc += [Text(" " + (card.extract_label + " " if card.extract_label else ""))]
        desc.append(Field("extract", card.extract))
    for printed, mark, cell, mark_cells in card.marked:
        code, written = _reason(printed)
        if written and all(isinstance(node, Text) for node in cell):
            desc += [Text(f" {printed[: len(printed) - len(written)].rstrip()} "), *_exemptions(written)]
        else:  # the cell as read, with whatever it holds (a redaction, a struck word)
            desc += [Text(" "), *cell]
        if mark and all(isinstance(node, Text) for node in mark_cells):
            desc += [Text(" "), *_mark(mark)]
        elif mark:
            desc += [Text(" "), *mark_cells]
    return desc


def _mark_cells(row: list[list[Inline]]) -> list[Inline]:
    """The inline nodes of a row's cells after the first, a space between cells."""
    out: list[Inline] = []
    for cell in row[1:]:
        if plain_text(cell).strip():
            out += ([Text(" ")] if out else []) + list(cell)
    return out


def _exemptions(written: str) -> list[Inline]:
    """`27(1), 40(2)` written after the FOI reason: each number typed as an exemption."""
    out: list[Inline] = []
    position = 0
    for match in EXEMPTION_NUMBER.finditer(written):
        out += [Text(written[position : match.start()]), Field("foi-exemption", [Text(match.group(0))])]
        position = match.end()
    out.append(Text(written[position:]))
    return [node for node in out if not (isinstance(node, Text) and not node.text)]


def _mark(mark: str) -> list[Inline]:
    """A mark beside a reason: its date and FOI exemption numbers typed, the rest as written."""
    spans = [(d.start, d.end, DateRef(d.text, d.when)) for d in find_dates(mark) if d.kind in ("numeric", "date")]
    spans += [(m.start(), m.end(), Field("foi-exemption", [Text(m.group(0))])) for m in FOI_EXEMPTION.finditer(mark)]
    out: list[Inline] = []
    position = 0
    for start, end, node in sorted(spans, key=lambda s: s[0]):
        if start < position:
            continue
        out += [Text(mark[position:start]), node]
        position = end
    out.append(Text(mark[position:]))
    return [node for node in out if not (isinstance(node, Text) and not node.text)]
