"""OCR structure rules over the parsed blocks: each block gets the role it plays in the archive.

The rules are small named predicates tried in a fixed order (first match
wins); a few look at their neighbours (a letterhead's continuation, the
heading above a card, a folio mark at a page top).
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.convert.model import Block, Node
from pipeline.convert.reader.inline import Warn
from pipeline.convert.rules import cards, endings, forms, initials, letter, running, runon, telegram
from pipeline.convert.rules.text import text_of

#: (role, predicate) for paragraphs, in the order they are tried
PARAGRAPH_RULES: list[tuple[str, Callable[[Block], bool]]] = [
    ("card-boilerplate", cards.is_instruction),
    ("telegram-header", telegram.is_telegram_header),
    ("telegram-bt", telegram.is_break_line),
    ("us-fields", telegram.is_us_fields),
    ("distribution", telegram.is_distribution),
    ("memo-header", letter.is_memo_header),
    ("copies", letter.is_copies),
    ("letterhead", letter.is_letterhead),
    ("dateline", letter.is_dateline),
    ("salute", letter.is_salute),
    ("closing", letter.is_closing),
    ("signature", letter.is_signature_block),
    ("minute-to", letter.is_minute_addressee),
    ("message-instruction", letter.is_message_instruction),
    ("record-title", letter.is_record_title),
    ("translation-title", letter.is_translation_title),
    ("draft-title", letter.is_draft_title),
    ("reference", letter.is_reference),
    ("address", letter.is_address),
    ("annotation", letter.is_handwritten),
    ("annotation", initials.is_initialled_note),
    ("name", letter.is_name_alone),
    ("caps-line", letter.is_caps_line),
    ("subject", letter.is_subject_line),
]


def assign_roles(nodes: list[Node], warn: Warn) -> list[Node]:
    """Give every block its role (a run-on paragraph first cut into the parts it ran together)."""
    nodes = endings.split_endings(runon.split_run_ons(nodes))
    running.mark_page_furniture(nodes)
    running.place_markings(nodes)
    running.flag_unmarked_page_changes(nodes, warn)
    blocks = [node for node in nodes if isinstance(node, Block)]
    for index, block in enumerate(blocks):
        if block.role != "p":
            continue
        block.role = _role(block)
        previous = blocks[index - 1] if index else None
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "paragraph" and following is not None and following.role == "p" and cards.is_card(following) and cards.is_card_heading(block):
            block.role = "card-heading"
        if previous is not None and previous.role in ("letterhead", "letterhead-line") and letter.is_letterhead_continuation(block):
            block.role = "letterhead-line"
        if block.role == "p":
            opening = letter.run_on_opening(block)
            if opening:
                block.role = "run-on"
                block.data["type"] = opening
    for index, block in enumerate(blocks):
        if block.role == "name":
            block.role = "signature" if _closes_text(blocks, index) else "caps-line"
    for index, block in enumerate(blocks):
        if block.role in ("address", "caps-line") and letter.MINUTE_TO_NAME.match(text_of(block)) and _heads_its_page(blocks, index):
            block.role = "minute-to"
        elif (index and blocks[index - 1].role == "distribution" and blocks[index - 1].page == block.page
              and block.role in ("p", "caps-line") and _distribution_line(block)):
            block.role = "distribution"
    return nodes


LONG_BLOCK = 4000  # characters: longer than any letterhead, routing block, signature or heading

#: what may follow a document's closing name: its ending, its copies, notes on it, the next document
AFTER_SIGNATURE = {
    "telegram-bt", "distribution", "copies", "address", "annotation", "dateline", "telegram-header", "card",
    "card-heading", "letterhead", "record-title", "draft-title", "minute-to", "form", "signature", "closing",
}


def _heads_its_page(blocks: list[Block], index: int) -> bool:
    """Nothing but furniture and reference lines before the block on its page, and text after it."""
    page = blocks[index].page
    before = [b for b in blocks[:index] if b.page == page and not b.role.startswith("fw-") and b.role != "reference"]
    after = next((b for b in blocks[index + 1 :] if not b.role.startswith("fw-")), None)
    return not before and after is not None and after.role in ("p", "list", "caps-line", "subject")


def _distribution_line(block: Block) -> bool:
    """`MAIN  40`, `SOVIET DEPT`: a short line in capitals going on with the distribution above it."""
    text = text_of(block)
    return len(text.split()) <= 5 and text.upper() == text and not text.endswith(".")


def _closes_text(blocks: list[Block], index: int) -> bool:
    """A name line closes a text when text came before it and what follows is no more of that text."""
    before = [b for b in blocks[:index] if not b.role.startswith("fw-")]
    if not before or before[-1].role not in ("p", "list", "gap", "caps-line", "subject", "annotation", "table"):
        return False
    if before[-1].page != blocks[index].page:  # a name atop a page closes nothing on it
        return False
    following = next((b for b in blocks[index + 1 :] if not b.role.startswith("fw-")), None)
    return following is None or following.role in AFTER_SIGNATURE


def _role(block: Block) -> str:
    if block.kind == "table":
        return "card" if cards.is_card(block) else "form" if forms.is_printed_form(block) else "table"
    if block.kind == "heading":
        return "letterhead" if letter.is_letterhead(block) else "heading"
    if block.kind == "list":
        return "list"
    if block.kind != "paragraph":
        return block.role
    if len(text_of(block)) > LONG_BLOCK:  # opening and closing parts are short: a long block is text, or handwriting
        return "annotation" if letter.is_handwritten(block) else "p"
    for role, predicate in PARAGRAPH_RULES:
        if predicate(block):
            return role
    return "p"
