"""Page furniture: classification markings, catchwords and page or folio numbers (`<fw>`)."""

from __future__ import annotations

import re

from pipeline.convert.model import Block, Node, PageBreak, Text
from pipeline.convert.reader.inline import Warn
from pipeline.convert.rules.text import is_marking, text_of, words

#: a US cable's running head: `PAGE 02 STATE 325114`, `PAGE 01 OF 03 MOSCOW 01234`
RUNNING_HEAD = re.compile(r"^PAGE\s+\d{1,3}(?:\s+OF\s+\d{1,3})?(?:\s+[A-Z][A-Z .]{1,30})?(?:\s+\d{2,8})?$")
PAGE_NUMBER = re.compile(
    r"^[-\u2013\u2014\s]*(?:(?:page|p\.)\s*)?(?:\d{1,4}[a-z]?|(?-i:[ivxlc]{1,6}))(?:\s+of\s+\d{1,4})?[-\u2013\u2014\s]*\.?$", re.IGNORECASE)
FOLIO_MARK = re.compile(r"^[A-Za-z]$")
MAX_CATCH_WORDS = 5


def is_marking_line(block: Block) -> bool:
    """`SECRET`, `CONFIDENTIAL COVERING SECRET`: the page's classification."""
    return block.kind == "paragraph" and "\n" not in text_of(block) and is_marking(text_of(block))


def is_catchword(block: Block) -> bool:
    """`/According`: the first word(s) of the next page, typed at the foot after a slash."""
    text = text_of(block)
    return block.kind == "paragraph" and text.startswith("/") and len(text) > 1 and not text[1].isspace() and len(words(text)) <= MAX_CATCH_WORDS


def is_page_number(block: Block) -> bool:
    """`- 2 -`, `11a`: a page or folio number alone on its line."""
    return block.kind == "paragraph" and bool(PAGE_NUMBER.match(text_of(block)))


def page_number_read_as_list(block: Block) -> bool:
    """`- 2 -`, which the Markdown layer reads as a one-item bullet list holding `2 -`."""
    if block.kind != "list" or len(block.items) != 1 or block.items[0].label:
        return False
    blocks = block.items[0].blocks
    return len(blocks) == 1 and blocks[0].kind == "paragraph" and bool(PAGE_NUMBER.match("- " + text_of(blocks[0])))


def mark_page_furniture(nodes: list[Node]) -> None:
    """Give markings, catchwords and page numbers their roles; a lone letter is a folio mark only at a page top."""
    for index, node in enumerate(nodes):
        if isinstance(node, Block) and page_number_read_as_list(node):
            node.inlines = [Text("- "), *node.items[0].blocks[0].inlines]
            node.kind, node.role, node.items = "paragraph", "fw-pageNum", []
            continue
        if not isinstance(node, Block) or node.role != "p":
            continue
        if is_marking_line(node):
            node.role = "fw-marking"
        elif is_catchword(node):
            node.role = "fw-catch"
        elif is_page_number(node):
            node.role = "fw-pageNum"
        elif node.kind == "paragraph" and RUNNING_HEAD.match(text_of(node)):
            node.role = "fw-running"
        elif node.kind == "paragraph" and FOLIO_MARK.match(text_of(node)) and _at_page_top(nodes, index):
            node.role = "fw-pageNum"


def _at_page_top(nodes: list[Node], index: int) -> bool:
    """Nothing but page furniture between the last page break (or a marking) and this block."""
    for node in reversed(nodes[:index]):
        if isinstance(node, PageBreak):
            return True
        if node.role == "fw-marking":
            return True
        if not node.role.startswith("fw-"):
            return False
    return True


def place_markings(nodes: list[Node]) -> None:
    """A marking with only page furniture before it on its page is the page's header; one with only
    furniture (or OCR scraps) after it, its footer; one in mid-page (a new document's heading) a header."""
    for index, node in enumerate(nodes):
        if isinstance(node, Block) and node.role == "fw-marking":
            at_top = _only_furniture(reversed(nodes[:index]))
            at_foot = _only_furniture(nodes[index + 1 :]) or _page_number_follows(nodes, index)
            node.data["place"] = "footer" if at_foot and not at_top else "header"


SCRAP_CHARS = 3  # a scrap of OCR (`le`) after the foot of a page does not make it a header


def _page_number_follows(nodes: list[Node], index: int) -> bool:
    """A page number of 2 or more right after a marking in mid-page: the marking ended the page before."""
    following = nodes[index + 1] if index + 1 < len(nodes) else None
    number = re.search(r"\d+", text_of(following)) if isinstance(following, Block) and following.role == "fw-pageNum" else None
    if not (isinstance(following, Block) and following.role == "fw-pageNum"):
        return False
    return number is None or int(number.group()) >= 2  # a folio letter, or page 2 on


def _only_furniture(nodes) -> bool:
    """Whether nothing but page furniture (or OCR scraps) stands before the next page break."""
    for node in nodes:
        if isinstance(node, PageBreak):
            return True
        if not node.role.startswith("fw-") and not _scrap(node):
            return False
    return True


def _scrap(block: Block) -> bool:
    return block.kind == "paragraph" and len(text_of(block)) <= SCRAP_CHARS


def flag_unmarked_page_changes(nodes: list[Node], warn: Warn) -> None:
    """A page number (2 or more) after a footer, in the middle of a chunk: a page change the scan shows no
    boundary for. Only blank-line runs make page breaks, so this is a review warning, never a `<pb>`."""
    for index, node in enumerate(nodes[1:], start=1):
        previous = nodes[index - 1]
        if (
            isinstance(node, Block) and node.role == "fw-pageNum" and isinstance(previous, Block)
            and previous.role == "fw-marking" and previous.data.get("place") == "footer"
            and (number := re.search(r"\d+", text_of(node))) and int(number.group()) >= 2
        ):
            warn(node.span.first, "review-page", f"page number {text_of(node)!r} after a footer inside one scan: "
                 "a page change without a scan boundary? (no page break encoded)",
                 chosen="no page break (the scan shows none)", runner_up=f"a page break before page {text_of(node)}")
