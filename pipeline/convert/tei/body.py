"""A laid-out document → its TEI division: opener and heads, text, sections, closers, postscript.

A subject or title line in the front matter is a head; above a letterhead it is
not a subject (those follow the letterhead) but a stamp or a reference line, kept
in the opener as a line of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from pipeline.convert.layout import HEAD_ROLES, Layout
from pipeline.convert.model import Block, DateRef, Inline, ListItem, Node, PageBreak, Text
from pipeline.convert.reader.inline import plain_text
from pipeline.convert.dates import find_dates
from pipeline.convert.inlines import lines_of_inlines
from pipeline.convert.rules.letter import is_name_line
from pipeline.convert.rules.telegram import Routing, routing_fields
from pipeline.convert.tei.inline import render
from pipeline.convert.tei.tree import append_text, el

HEAD_TYPES = {"caps-line": "subject", "subject": "subject", "draft-title": "title", "record-title": "title", "heading": None}
#: opener and closer parts found inside the text, where TEI allows no opener: kept as typed blocks
AB_ROLES = {
    "salute", "dateline", "letterhead", "letterhead-line", "address", "minute-to", "message-instruction",
    "draft-title", "telegram-header", "card-heading", "signature", "closing", "telegram-bt", "distribution", "copies",
    "us-fields", "reference", "translation-title", "record-title", "memo-header",
}
FW_TYPES = {"fw-marking": None, "fw-catch": "catch", "fw-pageNum": "pageNum", "fw-running": "header", "card-heading": "letterhead"}


def division(parent: etree._Element, layout: Layout, attrs: dict[str, str | None]) -> etree._Element:
    """Write one document's division."""
    div = el(parent, "div", attrs)
    _front(div, layout.front)
    for node in layout.body:
        _body_node(div, node)
    for section in layout.sections:
        part = el(div, "div", {"type": "translation" if section.head.role == "translation-title" else "section"})
        render(el(part, "head"), section.head.inlines)
        for node in section.nodes:
            _body_node(part, node)
    if layout.closer:
        _closer(div, layout.closer)
    if layout.postscript:
        postscript = el(div, "postscript")
        for node in layout.postscript:
            _body_node(postscript, node)
    if layout.final_closer:
        _closer(div, layout.final_closer)
    return div


# --- shared ------------------------------------------------------------------


def _global(parent: etree._Element, node: Node) -> bool:
    """Page breaks, page furniture, notes and gaps, allowed anywhere; True if the node was one."""
    if isinstance(node, PageBreak):
        el(parent, "pb", {"n": str(node.n), "type": "inferred" if node.inferred else None})
        return True
    if node.role in FW_TYPES:
        _fw(parent, node)
        return True
    if node.role == "annotation":
        render(el(parent, "note", {"type": "annotation"}), node.inlines)
        return True
    if node.role == "gap":
        render(parent, node.inlines)
        return True
    if node.role == "rule":
        el(parent, "milestone", {"unit": "rule"})
        return True
    return False


def _fw(parent: etree._Element, block: Block) -> None:
    kind = FW_TYPES[block.role]
    if block.role == "fw-marking":
        kind = block.data.get("place", "header")
    render(el(parent, "fw", {"type": kind, "subtype": "classification" if block.role == "fw-marking" else None}), block.inlines)


def split_lines(nodes: Sequence[Inline]) -> list[list[Inline]]:
    """The inline content of a block, line by line (at its top-level line breaks), blank lines left out."""
    return [line for line in lines_of_inlines(list(nodes)) if plain_text(line).strip() or any(not isinstance(n, Text) for n in line)]


def _lines_into(parent: etree._Element, lines: list[list[Inline]]) -> None:
    for index, line in enumerate(lines):
        if index:
            el(parent, "lb")
        render(parent, line)


def _address(parent: etree._Element, blocks: list[Block]) -> None:
    address = el(parent, "address")
    for block in blocks:
        for line in split_lines(block.inlines):
            render(el(address, "addrLine"), line)


# --- front matter --------------------------------------------------------------


def _front(div: etree._Element, nodes: list[Node]) -> None:
    opener: etree._Element | None = None
    letterhead_at = next((i for i, n in enumerate(nodes) if isinstance(n, Block) and n.role == "letterhead"), -1)
    index = 0
    while index < len(nodes):
        node = nodes[index]
        if isinstance(node, Block) and node.role in HEAD_ROLES and index > letterhead_at:
            render(el(div, "head", {"type": HEAD_TYPES[node.role]}), node.inlines)
            opener = None
            index += 1
            continue
        if opener is None:
            if _global(div, node):
                index += 1
                continue
            opener = el(div, "opener")
        if _global(opener, node):
            index += 1
            continue
        if node.role in ("letterhead", "letterhead-line"):
            run = [node]
            while index + 1 < len(nodes) and isinstance(nodes[index + 1], Block) and nodes[index + 1].role == "letterhead-line":
                index += 1
                run.append(nodes[index])  # type: ignore[arg-type]
            _address(opener, run)
        else:
            _opener_part(opener, node)
        index += 1


def _opener_part(opener: etree._Element, block: Block) -> None:
    role = block.role
    if role == "dateline":
        render(el(opener, "dateline"), block.inlines)
    elif role in ("salute", "minute-to"):
        render(el(opener, "salute"), block.inlines)
    elif role == "address":
        _address(opener, [block])
    elif role == "telegram-header":
        _telegram_header(opener, block)
    elif role == "message-instruction":
        _lines_into(el(opener, "seg", {"type": "instruction"}), split_lines(block.inlines))
    elif role == "us-fields":
        _telegram_header(opener, block)
    elif role in SEG_ROLES:
        _lines_into(el(opener, "seg", {"type": SEG_ROLES[role]}), split_lines(block.inlines))
    else:
        seg = el(opener, "seg")
        _lines_into(seg, split_lines(block.inlines))
        el(opener, "lb")


#: opener and closer parts written as a typed `<seg>`, line breaks kept
SEG_ROLES = {"memo-header": "memo", "reference": "reference", "translation-title": "translation", "distribution": "distribution", "copies": "copies"}


def _telegram_header(opener: etree._Element, block: Block) -> None:
    """Routing lines, one `<seg>` a line typed by what it is: offices as `<orgName>`, precedence as a
    precedence, the date-time group as a `<date>`."""
    lines = split_lines(block.inlines)
    if len(opener) and etree.QName(opener[-1]).localname == "seg":
        el(opener, "lb")  # routing lines of the block before
    for index, line in enumerate(lines):
        if index:
            el(opener, "lb")
        text = plain_text(line).strip()
        fields = routing_fields(text, in_header=True)
        seg = el(opener, "seg", {"type": ROUTING_SEG.get(fields.kind, fields.kind) if fields else "routing"})
        if fields is None or not all(isinstance(node, (Text, DateRef)) for node in line):
            render(seg, line)
            continue
        _routing_line(seg, text, fields)


#: a routing line's kind → the seg type it is written as
ROUTING_SEG = {"fm": "from", "precedence-dtg": "dtg", "dtg": "dtg", "bt": "bt", "nnnn": "end", "yyyy": "end", "serial": "serial"}


def _routing_line(seg: etree._Element, text: str, fields: Routing) -> None:
    """A routing line's text, whole (a search for `FM SECSTATE WASHDC` finds it), with its date-time
    group as a `<date>` and a leading precedence letter as a precedence; the offices named are the
    document's correspondents in its `correspDesc`."""
    position = 0
    if fields.kind == "precedence-dtg" and fields.precedence and text.startswith(fields.precedence):
        el(seg, "seg", {"type": "precedence"}, fields.precedence)
        position = len(fields.precedence)
    found = find_dates(fields.dtg) if fields.dtg else []
    at = text.find(fields.dtg, position) if fields.dtg else -1
    if found and at >= 0:
        append_text(seg, text[position:at])
        el(seg, "date", {"when": found[0].when}, fields.dtg)
        position = at + len(fields.dtg)
    append_text(seg, text[position:])


# --- text ----------------------------------------------------------------------


def _body_node(parent: etree._Element, node: Node) -> None:
    if _global(parent, node):
        return
    role = node.role
    if role == "card":
        _card(parent, node)
    elif node.kind == "list":
        _list(parent, node)
    elif node.kind == "table":
        _table(parent, node)
    elif role in AB_ROLES:
        _lines_into(el(parent, "ab", {"type": role}), split_lines(node.inlines))
    else:
        render(el(parent, "p"), node.inlines)


def _list(parent: etree._Element, block: Block) -> None:
    lst = el(parent, "list")
    labelled = all(item.label for item in block.items)
    for item in block.items:
        if labelled:
            el(lst, "label", text=item.label)
        _item(el(lst, "item"), item, show_label=not labelled)


def _item(element: etree._Element, item: ListItem, show_label: bool) -> None:
    if show_label and item.label:
        element.text = item.label + " "
    if len(item.blocks) == 1 and item.blocks[0].kind == "paragraph":
        render(element, item.blocks[0].inlines)
        return
    for child in item.blocks:
        _body_node(element, child)


def _table(parent: etree._Element, block: Block) -> None:
    table = el(parent, "table", {"rows": str(len(block.rows)), "cols": str(max((len(r) for r in block.rows), default=0))})
    for row in block.rows:
        row_element = el(table, "row")
        for cell in row:
            render(el(row_element, "cell"), cell)


def _card(parent: etree._Element, block: Block) -> None:
    """A closure card: the withheld document as a gap whose description is the card's entries."""
    card = block.data["card"]
    gap = el(parent, "gap", {"reason": card.reason, "unit": "document", "quantity": "1"})
    render(el(gap, "desc"), block.inlines)
    dropped = block.data.get("boilerplate_lines", 0)
    note = el(parent, "note", {"type": "boilerplate"})
    note.text = (
        "The card's printed labels of the reasons not marked"
        + (f" and its printed instructions ({dropped} lines)" if dropped else "")
        + " are omitted as boilerplate."
    )


# --- closers -------------------------------------------------------------------


def _closer(div: etree._Element, nodes: list[Node]) -> None:
    closer = el(div, "closer")
    for node in nodes:
        if _global(closer, node):
            continue
        role = node.role
        lines = split_lines(node.inlines)
        if role == "closing":
            render(el(closer, "salute"), lines[0] if lines else [])
            if lines[1:]:
                _lines_into(el(closer, "signed"), lines[1:])
        elif role == "address":
            _address(closer, [node])
        elif role == "dateline":
            render(el(closer, "dateline"), node.inlines)
        elif role == "telegram-bt":
            _telegram_header(closer, node)
        elif role in SEG_ROLES:
            if len(closer):
                el(closer, "lb")
            _lines_into(el(closer, "seg", {"type": SEG_ROLES[role]}), lines)
        else:
            _signed(closer, lines)


def _signed(closer: etree._Element, lines: list[list[Inline]]) -> None:
    """A signature block: the name and the office under it in `<signed>`, a (place and) date line as a `<dateline>`."""
    names = [line for line in lines if not _is_date_line(line)]
    if names:
        _lines_into(el(closer, "signed"), names)
    for line in lines:
        if _is_date_line(line):
            render(el(closer, "dateline"), line)


def _is_date_line(line: list[Inline]) -> bool:
    """A date, or a place and a date (`Moscow, 22 November 1982`) — not a name with its date."""
    if not any(isinstance(node, DateRef) for node in line):
        return False
    rest = plain_text([node for node in line if not isinstance(node, DateRef)]).strip(" ,.;")
    return not rest or (len(rest.split()) <= 4 and not is_name_line(rest))
