"""OCR repetition loops: a block or run of blocks repeated many times in a row is kept once.

OCR engines sometimes loop over a line or two. A unit of one to three blocks
that recurs at least `MIN_REPEATS` times in a row is kept at its first
occurrence; the copies become one gap recording how many transcript lines were
dropped, with their text in its description. Copies are the same text when
they have the same words in the same order, each number exactly the same and
each other word the same but for an OCR letter or two (`proverfet`,
`provenfet`): numbered lines (`Line 1`, `Line 2` …) or a table of figures are
distinct text and are never collapsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.convert.model import Block, Drop, Gap, Node, Span, Text
from pipeline.convert.rules.text import alike, fold, text_of

MIN_REPEATS = 3
MAX_UNIT = 3
MIN_SIMILARITY = 0.85
MIN_UNIT_CHARS = 8


def collapse_repetitions(nodes: list[Node], source_lines: list[str], warn: Callable[[int, str, str], None]) -> tuple[list[Node], list[Drop]]:
    """Replace every repetition loop by its first copy and a gap block; return the drops."""
    out: list[Node] = []
    drops: list[Drop] = []
    index = 0
    while index < len(nodes):
        unit, repeats = _loop_at(nodes, index)
        if repeats < MIN_REPEATS:
            out.append(nodes[index])
            index += 1
            continue
        kept = nodes[index : index + unit]
        copies = nodes[index + unit : index + unit * repeats]
        span = Span(copies[0].span.first, copies[-1].span.last)
        dropped_lines = [line for line in source_lines[span.first - 1 : span.last] if line.strip()]
        gap = Gap("ocr-repetition", "lines", len(dropped_lines), desc=[Text(
            f"{repeats - 1} further cop{'y' if repeats == 2 else 'ies'} of the lines above, dropped: " + " / ".join(dropped_lines))],
        )
        block = Block("gap", span, [gap], role="gap", page=kept[0].page)  # type: ignore[union-attr]
        out.extend(kept)
        out.append(block)
        drops.append(Drop(span, "ocr-repetition", "\n".join(source_lines[span.first - 1 : span.last])))
        warn(kept[0].span.first, "ocr-repetition", f"OCR repetition loop: {unit} block(s) repeated {repeats} times; kept once, {len(dropped_lines)} lines dropped")
        index += unit * repeats
    return out, drops


def _loop_at(nodes: list[Node], index: int) -> tuple[int, int]:
    """The unit size and number of consecutive copies of the loop starting at `index`."""
    best = (1, 1)
    for unit in range(1, MAX_UNIT + 1):
        first = nodes[index : index + unit]
        if len(first) < unit or not all(isinstance(node, Block) and node.kind == "paragraph" for node in first):
            break
        if sum(len(text_of(node)) for node in first) < MIN_UNIT_CHARS:  # type: ignore[arg-type]
            continue
        repeats = 1
        while _same_unit(first, nodes[index + unit * repeats : index + unit * (repeats + 1)]):
            repeats += 1
        if repeats >= MIN_REPEATS and unit * repeats > best[0] * best[1]:
            best = (unit, repeats)
    return best


def _same_unit(unit: list[Node], candidate: list[Node]) -> bool:
    if len(candidate) != len(unit):
        return False
    for a, b in zip(unit, candidate):
        if not (isinstance(b, Block) and b.kind == "paragraph"):
            return False
        if not same_text(text_of(a), text_of(b)):  # type: ignore[arg-type]
            return False
    return True


def same_text(a: str, b: str) -> bool:
    """The same words in the same order; numbers exactly equal, other words alike but for OCR letters."""
    words_a, words_b = fold(a).split(), fold(b).split()
    if len(words_a) != len(words_b):
        return False
    for x, y in zip(words_a, words_b):
        if x == y:
            continue
        if DIGITS.findall(x) != DIGITS.findall(y) or not alike(x, y, MIN_SIMILARITY - 0.2):
            return False
    return True


DIGITS = re.compile(r"\d+")
