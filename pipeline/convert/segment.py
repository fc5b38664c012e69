"""Split a folder's blocks into its documents.

A document opens where something opens one: a letterhead, a telegram's
routing lines, a closure card, a printed form, a minute's addressee, a
transmission instruction, a draft's title, or a paragraph the OCR ran into the
previous one that begins with an office or an addressee (strong openings).
Once the current document has closed (a closing, signature or addressee
block), a dateline or a subject or heading line opens the next one too (weak
openings). An opening splits only a document that already has substance, so a
letterhead followed by a form is one document. The page furniture and short
reference lines at the top of the page an opening is on belong to the new
document.
"""

from __future__ import annotations

from pipeline.convert.model import Block, Node, PageBreak
from pipeline.convert.rules.text import text_of, words

STRONG_OPENINGS = {"letterhead", "telegram-header", "card", "card-heading", "form", "minute-to", "message-instruction", "draft-title", "run-on"}
WEAK_OPENINGS = {"dateline", "caps-line", "heading", "subject"}
CLOSINGS = {"closing", "signature", "address", "telegram-bt", "card", "card-boilerplate"}
SUBSTANCE_WORDS = 12  # a paragraph this long gives a document substance
PULLABLE_WORDS = 4  # short lines at a page top that go with the document below them


def segment(nodes: list[Node]) -> list[list[Node]]:
    """The nodes of each document, in order; every node belongs to exactly one document."""
    documents: list[list[Node]] = [[]]
    for node in nodes:
        current = documents[-1]
        if isinstance(node, Block) and _opens(node, current):
            moved = _pull_back(current)
            documents.append(moved)
        documents[-1].append(node)
    return [document for document in documents if document]


def _opens(block: Block, current: list[Node]) -> bool:
    if not _has_substance(current):
        return False
    if block.role in STRONG_OPENINGS:
        return True
    return block.role in WEAK_OPENINGS and _has_closed(current) and not _awaits_signature(current)


def _has_substance(nodes: list[Node]) -> bool:
    for node in nodes:
        if not isinstance(node, Block):
            continue
        if node.role in ("list", "form", "card", "run-on", "gap"):
            return True
        if node.role == "p" and len(words(text_of(node))) >= SUBSTANCE_WORDS:
            return True
    return False


def _awaits_signature(nodes: list[Node]) -> bool:
    """Right after `Yours sincerely` comes the signature, not a new document."""
    last = next((node for node in reversed(nodes) if isinstance(node, Block) and not node.role.startswith("fw-")), None)
    return last is not None and last.role == "closing"


def _has_closed(nodes: list[Node]) -> bool:
    return any(isinstance(node, Block) and node.role in CLOSINGS for node in nodes)


def _pull_back(current: list[Node]) -> list[Node]:
    """Take the page-top furniture and short reference lines before an opening off the current document."""
    index = len(current)
    crossed_page = False
    while index > 1:
        node = current[index - 1]
        if isinstance(node, PageBreak):
            crossed_page = True
        elif not _pullable(node):
            break
        index -= 1
    if not crossed_page:
        index = _keep_only_short_codes(current, index)
    moved = current[index:]
    del current[index:]
    return moved


def _pullable(block: Block) -> bool:
    if block.role == "fw-marking":
        return block.data.get("place") == "header"
    if block.role in ("fw-pageNum", "fw-running"):
        return True
    return block.role in ("p", "caps-line") and len(words(text_of(block))) <= PULLABLE_WORDS


def _keep_only_short_codes(current: list[Node], index: int) -> int:
    """Without a page break, only headers and one- or two-word reference lines move."""
    start = len(current)
    while start > index:
        node = current[start - 1]
        if not (isinstance(node, Block) and (node.role.startswith("fw-") or len(words(text_of(node))) <= 2)):
            break
        start -= 1
    return start
