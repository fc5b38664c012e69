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

from dataclasses import dataclass

from pipeline.convert.model import Block, Node, PageBreak
from pipeline.convert.reader.inline import Warn
from pipeline.convert.rules.text import is_capitals, text_of, words

STRONG_OPENINGS = {
    "letterhead", "telegram-header", "card", "card-heading", "form", "minute-to", "message-instruction", "draft-title",
    "record-title", "run-on", "memo-header",
}
WEAK_OPENINGS = {"dateline", "caps-line", "heading", "subject", "translation-title", "salute", "reference"}
CLOSINGS = {"closing", "signature", "address", "telegram-bt", "card", "card-boilerplate", "distribution", "copies"}
SUBSTANCE_WORDS = 12  # a paragraph this long gives a document substance
PULLABLE_WORDS = 4  # short lines at a page top that go with the document below them


@dataclass(frozen=True)
class Boundary:
    """A decision at a candidate point: open a new document here or not, with the evidence weighed."""

    block: Block
    score: int
    evidence: tuple[str, ...]

    @property
    def opens(self) -> bool:
        return self.score >= SPLIT_SCORE

    @property
    def confident(self) -> bool:
        return abs(self.score - SPLIT_SCORE + 0.5) >= 1.5


SPLIT_SCORE = 3
STRONG, WEAK, PAGE_TOP, CLOSED, HAND_PAGE, CONTINUES, STYLE = 3, 1, 1, 1, 3, -3, 1


def segment(nodes: list[Node], warn: Warn | None = None, forced: dict[int, str] | None = None) -> list[list[Node]]:
    """The nodes of each document, in order; every node belongs to exactly one document.

    At each block, the evidence for a new document (an opening part, a page top, the previous
    document closed, a page wholly in handwriting) is weighed against the evidence that the text runs
    on (a catchword, a sentence running over the page). A decision near the line is a review warning.
    """
    documents: list[list[Node]] = [[]]
    for index, node in enumerate(nodes):
        current = documents[-1]
        decided = _decided(node, forced or {})
        if decided == "split" and any(isinstance(n, Block) for n in current):
            documents.append(_pull_back(current))
        elif decided is None and isinstance(node, Block) and not node.role.startswith("fw-") and _has_substance(current):
            boundary = weigh(nodes, index, current)
            if boundary.score > 0 and not boundary.confident and warn is not None:
                chosen = "a new document opens here" if boundary.opens else "the same document goes on"
                runner_up = "the same document goes on" if boundary.opens else "a new document opens here"
                warn(node.span.first, "review-boundary", f"{chosen} ({', '.join(boundary.evidence)}); runner-up: {runner_up}",
                     chosen=chosen, runner_up=runner_up, last_line=node.span.last)
            if boundary.opens:
                documents.append(_pull_back(current))
        documents[-1].append(node)
    return [document for document in documents if document]


def _decided(node: Node, forced: dict[int, str]) -> str | None:
    """An editor's decision (`split` or `join`) on a line of this block, if there is one."""
    if not forced or not isinstance(node, Block):
        return None
    return next((action for line, action in forced.items() if node.span.first <= line <= node.span.last), None)


def weigh(nodes: list[Node], index: int, current: list[Node]) -> Boundary:
    """The evidence for and against a document opening at block `index`."""
    block = nodes[index]
    score, evidence = 0, []

    def add(points: int, why: str) -> None:
        nonlocal score
        score += points
        evidence.append(f"{why} {points:+d}")

    if block.role in STRONG_OPENINGS:
        add(STRONG, block.role)
    elif block.role in WEAK_OPENINGS and not _awaits_signature(current):
        add(WEAK, block.role)
    at_page_top = _at_page_top(nodes, index)
    if at_page_top and score:
        add(PAGE_TOP, "page top")
    if _has_closed(current) and score:
        add(CLOSED, "previous closed")
    if score and _style_changes(nodes, index, current):
        add(STYLE, "text changes from mixed case to capitals or back")
    if at_page_top and _hand_page(nodes, index):
        add(HAND_PAGE, "page wholly in handwriting")
    if block.role == "letterhead" and not at_page_top and _inside_address(nodes, index):
        add(CONTINUES, "an inside address under a signature")
    if at_page_top and _catchword_matches(nodes, index):
        add(CONTINUES, "catchword continues")
    return Boundary(block, score, tuple(evidence))


def _at_page_top(nodes: list[Node], index: int) -> bool:
    """Only furniture between the last page break and this block (a page break having been passed)."""
    for node in reversed(nodes[:index]):
        if isinstance(node, PageBreak):
            return True
        if not node.role.startswith("fw-"):
            return False
    return False


def _page_blocks(nodes: list[Node], index: int) -> list[Block]:
    page: list[Block] = []
    for node in nodes[index:]:
        if isinstance(node, PageBreak):
            break
        if not node.role.startswith("fw-"):
            page.append(node)
    return page


def _hand_page(nodes: list[Node], index: int) -> bool:
    """A page wholly in handwriting, of some length: a note of its own, not a comment on the page before."""
    page = _page_blocks(nodes, index)
    return len(page) >= 2 and all(b.role == "annotation" for b in page) and sum(len(words(text_of(b))) for b in page) >= SUBSTANCE_WORDS


OPENER_PARTS = {"dateline", "salute", "letterhead-line", "reference", "caps-line", "subject", "record-title", "minute-to"}


def _inside_address(nodes: list[Node], index: int) -> bool:
    """An office's name and address right under a signature, with no opening part after it: the
    addressee's inside address, not a letterhead."""
    before = next((n for n in reversed(nodes[:index]) if isinstance(n, Block) and not n.role.startswith("fw-")), None)
    after = next((n for n in nodes[index + 1 :] if isinstance(n, Block) and not n.role.startswith("fw-")), None)
    return (before is not None and before.role in ("signature", "closing", "address")
            and (after is None or after.role not in OPENER_PARTS))


def _style_changes(nodes: list[Node], index: int, current: list[Node]) -> bool:
    """The text after this block is typed in capitals (a cable) and the current document's in mixed case, or back."""
    before = next((b for b in reversed(current) if _text_paragraph(b)), None)
    after = next((b for b in nodes[index + 1 :] if _text_paragraph(b)), None)
    return before is not None and after is not None and is_capitals(text_of(before)) != is_capitals(text_of(after))


def _text_paragraph(node: Node) -> bool:
    return isinstance(node, Block) and node.role == "p" and len(words(text_of(node))) >= SUBSTANCE_WORDS


def _catchword_matches(nodes: list[Node], index: int) -> bool:
    """The page before ended with a catchword this block's text begins with."""
    for node in reversed(nodes[:index]):
        if isinstance(node, Block) and node.role == "fw-catch":
            catch = text_of(node).lstrip("/").strip()
            return bool(catch) and text_of(nodes[index]).startswith(catch)
        if isinstance(node, Block) and not node.role.startswith("fw-"):
            return False
    return False


def _has_substance(nodes: list[Node]) -> bool:
    for node in nodes:
        if not isinstance(node, Block):
            continue
        if node.role in ("list", "form", "card", "run-on", "gap", "table"):
            return True
        if node.role in ("p", "annotation") and len(words(text_of(node))) >= SUBSTANCE_WORDS:
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
            index -= 1
            break  # what stands before the page break is the foot of the page before
        if not _pullable(node):
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
    """Without a page break, only headers and short reference lines (`JD3BPH 4 (A-C)`, `MO 8/2/13`) move."""
    start = len(current)
    while start > index:
        node = current[start - 1]
        if not (isinstance(node, Block) and (node.role.startswith("fw-") or node.role == "reference" or _code_line(node))):
            break
        start -= 1
    return start


def _code_line(block: Block) -> bool:
    """One or two words, or up to four words in capitals with a figure among them: a reference line."""
    text = text_of(block)
    count = len(words(text))
    return count <= 2 or (count <= 4 and text.upper() == text and any(c.isdigit() for c in text))
