"""Lay a document's blocks out as TEI divides a division: front matter, body, closer, postscript.

TEI lets a division open with its heads and opener (letterhead, dateline,
salutation), then the text, then its closers; nothing of the text may follow a
closer but a postscript. This pass decides which blocks form each zone, and
where a heading opens a section, so the writer only renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.convert.model import Block, Node, PageBreak
from pipeline.convert.rules.text import text_of, words

FRONT_ROLES = {
    "letterhead", "letterhead-line", "dateline", "salute", "address", "minute-to", "message-instruction", "memo-header",
    "draft-title", "record-title", "translation-title", "telegram-header", "us-fields", "reference", "caps-line",
    "subject", "heading", "card-heading", "annotation",
}
HEAD_ROLES = {"caps-line", "subject", "heading", "draft-title", "record-title"}
CLOSER_ROLES = {"closing", "signature", "address", "telegram-bt", "distribution", "copies"}
SHORT_WORDS = 8
FRONT_LINE_WORDS = 15  # a stamp or reference line above the opener parts can be this long


@dataclass
class Section:
    """A part of a document's text under its own heading."""

    head: Block
    nodes: list[Node] = field(default_factory=list)


@dataclass
class Layout:
    """The zones of one document division."""

    front: list[Node] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closer: list[Node] = field(default_factory=list)
    postscript: list[Node] = field(default_factory=list)
    final_closer: list[Node] = field(default_factory=list)


def _is_block(node: Node, roles: set[str]) -> bool:
    return isinstance(node, Block) and node.role in roles


def _furniture(node: Node) -> bool:
    return isinstance(node, PageBreak) or node.role.startswith("fw-")


def _short(node: Node, limit: int = SHORT_WORDS) -> bool:
    if not (isinstance(node, Block) and node.role in ("p", "caps-line", "subject")):
        return False
    text = text_of(node)
    return len(text) <= limit * 40 and len(words(text)) <= limit


def lay_out(nodes: list[Node]) -> Layout:
    """Split a document's nodes into its zones."""
    layout = Layout()
    front_end = _front_end(nodes)
    back_start = max(front_end, _back_start(nodes))
    layout.front = nodes[:front_end]
    layout.final_closer = nodes[back_start:]
    body = nodes[front_end:back_start]
    closing = next((i for i, node in enumerate(body) if _is_block(node, {"closing"})), None)
    if closing is not None:
        after = closing + 1
        while after < len(body) and (_furniture(body[after]) or _short(body[after]) or _is_block(body[after], CLOSER_ROLES)):
            after += 1
        layout.closer = body[closing:after]
        layout.postscript = body[after:]
        body = body[:closing]
    layout.body, layout.sections = _sections(body)
    if not _has_text(layout.body) and not layout.sections and (layout.closer or layout.postscript or layout.final_closer):
        _make_room(layout)
    return layout


def _has_text(nodes: list[Node]) -> bool:
    return any(isinstance(node, Block) and not _furniture(node) for node in nodes)


#: opener parts that only an opener can hold (the rest can stand in the text as a typed block)
OPENER_ONLY = {"letterhead", "letterhead-line", "dateline", "salute", "telegram-header", "us-fields"}


def _make_room(layout: Layout) -> None:
    """TEI allows no closer straight after an opener: with no text between them, the front's last part
    that can stand in the text (else the first closing part) becomes the text, as a typed block."""
    for index in range(len(layout.front) - 1, -1, -1):
        node = layout.front[index]
        if isinstance(node, Block) and not _furniture(node):
            if node.role not in OPENER_ONLY:
                layout.body[:0] = layout.front[index:]
                del layout.front[index:]
                return
            break
    for zone in (layout.closer, layout.postscript, layout.final_closer):
        for index, node in enumerate(zone):
            if isinstance(node, Block) and not _furniture(node):
                layout.body.extend(zone[: index + 1])
                del zone[: index + 1]
                return


def _front_end(nodes: list[Node]) -> int:
    """Where the front matter ends: after its last opener-like block, before the first text.

    Short lines between opener parts belong to the opener; a longer line (a stamp or
    reference line) only when an opener part such as the letterhead or salutation
    follows it, never because a heading does.
    """
    end = 0
    longer_line_seen = short_line_pending = False
    for index, node in enumerate(nodes):
        if _is_block(node, FRONT_ROLES - HEAD_ROLES):
            end = index + 1
            short_line_pending = False
        elif _furniture(node) or _is_block(node, HEAD_ROLES):
            if not longer_line_seen and not (short_line_pending and _furniture(node)):
                end = index + 1
        elif _short(node):
            short_line_pending = True  # in the opener only if an opener part follows it
            continue
        elif _short(node, FRONT_LINE_WORDS):
            longer_line_seen = True
        else:
            break
    return end


def _back_start(nodes: list[Node]) -> int:
    """Where the closing matter starts: signatures, addressee, and the short lines that belong to them."""
    start = len(nodes)
    for index in range(len(nodes) - 1, -1, -1):
        node = nodes[index]
        if _furniture(node) or _short(node) or _is_block(node, CLOSER_ROLES | {"annotation", "dateline"}):
            start = index
            continue
        break
    while start < len(nodes) and not _is_block(nodes[start], CLOSER_ROLES):
        following = next((n for n in nodes[start + 1 :] if not _furniture(n)), None)
        if _short(nodes[start]) and following is not None and _is_block(following, CLOSER_ROLES):
            break
        start += 1
    return start if any(_is_block(node, CLOSER_ROLES) for node in nodes[start:]) else len(nodes)


def opens_section(nodes: list[Node], index: int) -> bool:
    """A Markdown heading in the text, or a line in capitals followed by a rule or by text, opens a section."""
    node = nodes[index]
    if _is_block(node, {"heading", "translation-title"}):
        return True  # a translation inside a document (a telegram carrying a message) is a division of its own
    if not _is_block(node, {"caps-line"}):
        return False
    following = next((n for n in nodes[index + 1 :] if not isinstance(n, PageBreak)), None)
    if following is None:
        return False
    return following.role in ("rule", "list") or (following.role == "p" and len(words(text_of(following))) > SHORT_WORDS)


def _sections(body: list[Node]) -> tuple[list[Node], list[Section]]:
    sections: list[Section] = []
    lead: list[Node] = []
    for index, node in enumerate(body):
        if opens_section(body, index):
            sections.append(Section(node))  # type: ignore[arg-type]
        elif sections:
            sections[-1].nodes.append(node)
        else:
            lead.append(node)
    return lead, sections
