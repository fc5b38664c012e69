"""A cable's ending typed on with its last paragraph: `… THE NEXT STAGE. SHULTZ  ⏎ BT  ⏎ #4512`.

The signature, the break line and the serial of a cable are often typed straight after its last
paragraph (or its last numbered point), with line breaks and no blank line. They are cut off into
blocks of their own before roles are given: the ending lines (`BT`, `NNNN`, `YYYY`, `#4512`), and a
name in capitals ending the last sentence just before them, which is the cable's signature.
"""

from __future__ import annotations

import re

from pipeline.convert.inlines import lines_of_inlines, split_inlines, trim
from pipeline.convert.model import Block, Inline, LineBreak, Node, Text
from pipeline.convert.reader.inline import plain_text
from pipeline.convert.rules.letter import is_name_line
from pipeline.convert.rules.telegram import routing_fields

ENDINGS = {"bt", "nnnn", "yyyy", "serial"}
SIGNED_AT_END = re.compile(r"(?<=[.!?:])\s+(?P<name>[A-Z][A-Z'-]{2,}(?:\s+[A-Z][A-Z'-]{2,})?)\s*$")


def split_endings(nodes: list[Node]) -> list[Node]:
    """Each block with a cable's ending typed on to it, followed by that ending as blocks of its own."""
    out: list[Node] = []
    for node in nodes:
        if not isinstance(node, Block):
            out.append(node)
        elif node.kind == "paragraph":
            out.extend(_split(node) or [node])
        elif node.kind == "list" and node.items and node.items[-1].blocks and node.items[-1].blocks[-1].kind == "paragraph":
            pieces = _split(node.items[-1].blocks[-1])
            if pieces:
                node.items[-1].blocks[-1] = pieces[0]
                out.extend([node, *pieces[1:]])
            else:
                out.append(node)
        else:
            out.append(node)
    return out


def _split(block: Block) -> list[Block] | None:
    if not _ending(_last_line(block.inlines)):
        return None
    lines = lines_of_inlines(block.inlines)
    count = 0
    while count < len(lines) and _ending(lines[len(lines) - 1 - count]):
        count += 1
    if not count or count == len(lines):
        return None
    head, tail = lines[: len(lines) - count], lines[len(lines) - count :]
    pieces = [head]
    last = plain_text(head[-1])
    match = SIGNED_AT_END.search(last)
    if match and is_name_line(match["name"]):
        before, name = split_inlines(head[-1], [match.start("name")])[:2] if match.start("name") else ([], head[-1])
        pieces = [head[:-1] + [before], [name]]
    pieces.append(tail)
    return [Block("paragraph", block.span, _joined(piece), page=block.page) for piece in pieces]


def _last_line(nodes: list[Inline]) -> list[Inline]:
    """The block's last line (found from its end: the rest of a long block is not read)."""
    line: list[Inline] = []
    for node in reversed(nodes):
        if isinstance(node, LineBreak):
            if any(not (isinstance(n, Text) and not n.text.strip()) for n in line):
                break
            line = []
            continue
        line.insert(0, node)
    return line


def _ending(line: list[Inline]) -> bool:
    fields = routing_fields(plain_text(line).strip())
    return fields is not None and fields.kind in ENDINGS


def _joined(lines: list[list[Inline]]) -> list[Inline]:
    """Lines as one block's content, a line break between them, each line trimmed."""
    out: list[Inline] = []
    for index, line in enumerate(line for line in lines if plain_text(line).strip()):
        if index:
            out.append(LineBreak())
        out.extend(trim(list(line)))
    return [node for node in out if not (isinstance(node, Text) and not node.text)]
