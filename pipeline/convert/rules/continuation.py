"""Paragraphs broken by a page end: one paragraph, with the page break (and the furniture crossed) inside it.

A paragraph runs on to the next page when its last line ends mid-sentence (no closing punctuation, or a
hyphen) and the next page's first text begins in lower case, or when the page ends in a catchword the
next page's text begins with. Only blank-line page breaks are crossed.
"""

from __future__ import annotations

from pipeline.convert.model import Block, Furniture, LineBreak, Node, PageBreak, PageMark, Text
from pipeline.convert.rules.text import text_of

SENTENCE_END = (".", "!", "?", ":", ";", '"', "'", "\u201d", ")", "]")
FW_KINDS = {"fw-marking": "header", "fw-catch": "catch", "fw-pageNum": "pageNum", "fw-running": "header"}


def join_broken_paragraphs(nodes: list[Node]) -> list[Node]:
    """Merge each paragraph broken by a page end with its continuation; the nodes between move inside it."""
    out: list[Node] = []
    index = 0
    while index < len(nodes):
        node = nodes[index]
        end = _continuation(nodes, index) if isinstance(node, Block) else None
        if end is None:
            out.append(node)
            index += 1
            continue
        between, tail = nodes[index + 1 : end], nodes[end]
        inlines = list(node.inlines)
        for crossed in between:
            if isinstance(crossed, PageBreak):
                inlines.append(PageMark(crossed.n))
            else:
                inlines.append(_furniture(crossed))
        inlines += [Text(" ") if not _ends_hyphenated(node) else Text(""), *tail.inlines]  # type: ignore[union-attr]
        merged = Block(node.kind, node.span.__class__(node.span.first, tail.span.last), inlines, role=node.role, page=node.page)
        nodes = [*nodes[:index], merged, *nodes[end + 1 :]]
        continue
    return out


def _furniture(block: Block) -> Furniture:
    kind = FW_KINDS.get(block.role, "header")
    if block.role == "fw-marking":
        kind = block.data.get("place", "header")
    subtype = "classification" if block.role == "fw-marking" else None
    return Furniture(kind, subtype, [node for node in block.inlines if not isinstance(node, LineBreak)])


def _continuation(nodes: list[Node], index: int) -> int | None:
    """The index of the paragraph that continues the one at `index` on the next page, if one does."""
    first = nodes[index]
    if not (isinstance(first, Block) and first.kind == "paragraph" and first.role == "p"):
        return None
    crossed_page = False
    catchword = None
    for later in range(index + 1, len(nodes)):
        node = nodes[later]
        if isinstance(node, PageBreak):
            if crossed_page:
                return None
            crossed_page = True
        elif node.role.startswith("fw-"):
            if node.role == "fw-catch" and not crossed_page:
                catchword = text_of(node).lstrip("/").strip()
        elif crossed_page and node.kind == "paragraph" and node.role == "p":
            return later if _runs_on(first, node, catchword) else None
        else:
            return None
    return None


def _runs_on(first: Block, second: Block, catchword: str | None) -> bool:
    end = text_of(first).rstrip()
    start = text_of(second).lstrip()
    if not end or not start:
        return False
    if catchword:
        return start.startswith(catchword) and not end.endswith(SENTENCE_END)
    return (not end.endswith(SENTENCE_END) and start[0].islower()) or (_ends_hyphenated(first) and start[0].isalpha())


def _ends_hyphenated(block: Block) -> bool:
    end = text_of(block).rstrip()
    return end.endswith("-") and len(end) > 1 and end[-2].isalpha()
