"""Dates in datelines, signatures and telegram routing lines become normalised date references."""

from __future__ import annotations

from pipeline.convert.dates import find_dates
from pipeline.convert.model import Block, DateRef, Inline, Text

DATED_ROLES = {"dateline", "signature", "telegram-header", "memo-header"}


def mark_dates(block: Block, year: int | None = None) -> None:
    """Wrap the dates in a dated block's text as DateRefs carrying their ISO value."""
    if block.role in DATED_ROLES:
        block.inlines = _split(block.inlines, year)


def _split(nodes: list[Inline], year: int | None) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if not isinstance(node, Text):
            out.append(node)
            continue
        position = 0
        for found in find_dates(node.text, year):
            if found.kind == "roman":
                continue
            out.append(Text(node.text[position : found.start]))
            out.append(DateRef(found.text, found.when))
            position = found.end
        out.append(Text(node.text[position:]))
    return [node for node in out if not (isinstance(node, Text) and not node.text)]
