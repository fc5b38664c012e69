"""Cutting inline content: at offsets of its plain text, into lines, trimmed."""

from __future__ import annotations

from pipeline.convert.model import Inline, LineBreak, Text
from pipeline.convert.reader.inline import plain_text


def split_inlines(nodes: list[Inline], offsets: list[int]) -> list[list[Inline]]:
    """Inline nodes cut at offsets of their plain text; a cut inside a node other than text falls before it."""
    parts: list[list[Inline]] = [[]]
    position = 0
    cuts = list(offsets)
    for node in nodes:
        length = len(plain_text([node]))
        while cuts and cuts[0] <= position:
            cuts.pop(0)
            if parts[-1]:
                parts.append([])
        if isinstance(node, Text):
            text, start = node.text, position
            while cuts and cuts[0] < start + len(text):
                at = cuts.pop(0) - start
                parts[-1].append(Text(text[:at]))
                parts.append([])
                text, start = text[at:], start + at
            parts[-1].append(Text(text))
        else:  # a cut inside a deletion, a hand or a bold run falls after it
            parts[-1].append(node)
        position += length
    return [part for part in parts if part]


def trim(nodes: list[Inline]) -> list[Inline]:
    """A piece without the spaces at its ends."""
    if nodes and isinstance(nodes[0], Text):
        nodes[0] = Text(nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text.rstrip())
    return [node for node in nodes if not (isinstance(node, Text) and not node.text)]


def lines_of_inlines(nodes: list[Inline]) -> list[list[Inline]]:
    """Inline content split at its top-level line breaks."""
    lines: list[list[Inline]] = [[]]
    for node in nodes:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return lines
