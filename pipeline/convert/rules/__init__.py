"""OCR structure rules over the parsed blocks: each block gets the role it plays in the archive.

The rules are small named predicates tried in a fixed order (first match
wins); a few look at their neighbours (a letterhead's continuation, the
heading above a card, a folio mark at a page top).
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.convert.model import Block, Node
from pipeline.convert.rules import cards, initials, letter, running, telegram

#: (role, predicate) for paragraphs, in the order they are tried
PARAGRAPH_RULES: list[tuple[str, Callable[[Block], bool]]] = [
    ("card-boilerplate", cards.is_instruction),
    ("telegram-header", telegram.is_telegram_header),
    ("telegram-bt", telegram.is_break_line),
    ("letterhead", letter.is_letterhead),
    ("dateline", letter.is_dateline),
    ("salute", letter.is_salute),
    ("closing", letter.is_closing),
    ("signature", letter.is_signature_block),
    ("minute-to", letter.is_minute_addressee),
    ("message-instruction", letter.is_message_instruction),
    ("draft-title", letter.is_draft_title),
    ("address", letter.is_address),
    ("annotation", letter.is_handwritten),
    ("annotation", initials.is_initialled_note),
    ("caps-line", letter.is_caps_line),
    ("subject", letter.is_subject_line),
]


def assign_roles(nodes: list[Node]) -> list[Node]:
    """Give every block its role; returns the nodes with inferred page breaks added."""
    running.mark_page_furniture(nodes)
    nodes = running.infer_page_breaks(nodes)
    running.place_markings(nodes)
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
    return nodes


def _role(block: Block) -> str:
    if block.kind == "table":
        return "card" if cards.is_card(block) else "form"
    if block.kind == "heading":
        return "letterhead" if letter.is_letterhead(block) else "heading"
    if block.kind == "list":
        return "list"
    if block.kind != "paragraph":
        return block.role
    for role, predicate in PARAGRAPH_RULES:
        if predicate(block):
            return role
    return "p"
