"""Block tokens of the parsed Markdown layer → blocks of the model, with page breaks.

A transcript marks a new page or scan with a run of three or more blank lines;
block tokens carry their line maps, so a page break is wherever two
neighbouring top-level blocks are that far apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from pipeline.convert.inlines import lines_of_inlines
from pipeline.convert.model import Block, ListItem, Node, PageBreak, Span, Text
from pipeline.convert.reader.inline import Warn, inline_pipeline, plain_text

PAGE_GAP = 3  # blank lines that make a page boundary
ITEM_LABEL = re.compile(r"^\s*(\((?:[a-z]{1,3}|[0-9]{1,3}|[ivxlc]{1,6})\)|(?:[a-z]|[0-9]{1,3})[.)])\s+", re.IGNORECASE)


def _span(token: Token) -> Span:
    start, end = token.map  # type: ignore[misc]
    return Span(start + 1, max(start + 1, end))


def _closing(tokens: Sequence[Token], start: int) -> int:
    """Index of the token closing the one at `start`."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def read_blocks(tokens: Sequence[Token], warn: Warn, latin: float = 1.0) -> list[Block]:
    """Blocks of a token range, in order (block quotes unwrapped: their marker is an OCR artefact)."""
    blocks: list[Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = _closing(tokens, index)
        if token.type == "paragraph_open":
            inline = tokens[index + 1]
            paragraph = Block("paragraph", _span(token), inline_pipeline(inline.children or [], _span(token).first, warn, latin))
            blocks.append(line_list(paragraph) or paragraph)
        elif token.type == "heading_open":
            inline = tokens[index + 1]
            block = Block("heading", _span(token), inline_pipeline(inline.children or [], _span(token).first, warn, latin))
            block.level = int(token.tag[1:])
            blocks.append(block)
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            blocks.append(_read_list(tokens[index : end + 1], warn, latin))
        elif token.type == "blockquote_open":
            blocks.extend(read_blocks(tokens[index + 1 : end], warn, latin))
        elif token.type == "hr":
            blocks.append(Block("rule", _span(token), [Text(token.markup)], role="rule"))
        elif token.type == "table_open":
            blocks.append(_read_table(tokens[index : end + 1], warn, latin))
        index = end + 1
    return blocks


#: a list marker at the start of a typed line: `-- `, `(a) `, `b) `, `3. `, `• `
LINE_MARKER = re.compile(r"^\s*(--|[-\u2022\u00b7]|\((?:[a-z]{1,2}|\d{1,3}|[ivx]{1,5})\)|(?:[a-z]|\d{1,3})[.)])\s+")


def line_list(paragraph: Block) -> Block | None:
    """A paragraph whose every line (two or more) opens with a list marker is a list, one item a line."""
    first = paragraph.inlines[0] if paragraph.inlines else None
    if not (isinstance(first, Text) and LINE_MARKER.match(first.text)):
        return None
    lines = [line for line in lines_of_inlines(paragraph.inlines) if plain_text(line).strip()]
    if len(lines) < 2 or not all(line and isinstance(line[0], Text) and LINE_MARKER.match(line[0].text) for line in lines):
        return None
    block = Block("list", paragraph.span, role="list")
    for offset, line in enumerate(lines):
        match = LINE_MARKER.match(line[0].text)
        rest = [Text(line[0].text[match.end() :]), *line[1:]]
        span = Span(min(paragraph.span.first + offset, paragraph.span.last), min(paragraph.span.first + offset, paragraph.span.last))
        item = Block("paragraph", span, [node for node in rest if not (isinstance(node, Text) and not node.text)])
        block.items.append(ListItem(match.group(1), [item], span))
    return block


def _read_list(tokens: Sequence[Token], warn: Warn, latin: float) -> Block:
    block = Block("list", _span(tokens[0]), role="list")
    ordered = tokens[0].type == "ordered_list_open"
    index = 1
    while index < len(tokens) - 1:
        token = tokens[index]
        end = _closing(tokens, index)
        if token.type == "list_item_open":
            children = read_blocks(tokens[index + 1 : end], warn, latin)
            label = f"{token.info}{token.markup}" if ordered else _take_label(children)
            block.items.append(ListItem(label, children, _span(token)))
        index = end + 1
    return block


def _take_label(children: list[Block]) -> str | None:
    """Split a typed item label (`(a)`, `1.`) off the start of the item's first paragraph."""
    if not children or children[0].kind != "paragraph" or not children[0].inlines:
        return None
    first = children[0].inlines[0]
    if not isinstance(first, Text):
        return None
    match = ITEM_LABEL.match(first.text)
    if not match:
        return None
    first.text = first.text[match.end() :]
    if not first.text:
        children[0].inlines.pop(0)
    return match.group(1)


def _read_table(tokens: Sequence[Token], warn: Warn, latin: float) -> Block:
    block = Block("table", _span(tokens[0]))
    row: list = []
    line = block.span.first
    for token in tokens:
        if token.type == "tr_open":
            row = []
            line = _span(token).first
        elif token.type == "inline":
            row.append(inline_pipeline(token.children or [], line, warn, latin))
        elif token.type == "tr_close":
            block.rows.append(row)
    return block


def paginate(blocks: list[Block], lines: Sequence[str]) -> list[Node]:
    """Insert a page break wherever blocks are three or more blank lines apart; number pages from 1.

    Only such a run of blank lines is a page (or scan) boundary; a chunk that holds nothing but
    OCR scraps (a stray letter or two) is no page: its scraps stay on the page before it.
    """
    chunks: list[list[Block]] = []
    previous_last = 0
    for block in blocks:
        if not chunks or _blank_run(lines, previous_last, block.span.first) >= PAGE_GAP:
            chunks.append([])
        chunks[-1].append(block)
        previous_last = _last_text_line(lines, block.span)
    nodes: list[Node] = []
    page = 1
    for index, chunk in enumerate(chunks):
        if index and not all(_scrap(block) for block in chunk):
            page += 1
            gap_first = nodes[-1].span.last + 1 if nodes else 1
            nodes.append(PageBreak(page, Span(gap_first, max(gap_first, chunk[0].span.first - 1))))
        for block in chunk:
            block.page = page
            nodes.append(block)
    return nodes


SCRAP_CHARS = 3  # a paragraph this short, without a digit, is an OCR scrap, not a page's content


def _scrap(block: Block) -> bool:
    text = plain_text(block.inlines).strip()
    return block.kind == "paragraph" and len(text) <= SCRAP_CHARS and not any(c.isdigit() for c in text)


def _last_text_line(lines: Sequence[str], span: Span) -> int:
    """A block's last line that is not blank (a list's line map runs on over the blank lines after it)."""
    last = span.last
    while last > span.first and not lines[last - 1].strip():
        last -= 1
    return last


def _blank_run(lines: Sequence[str], after: int, before: int) -> int:
    """How many blank lines lie between line `after` and line `before` (1-based)."""
    between = lines[after : before - 1]
    return len(between) if all(not line.strip() for line in between) else 0
