"""OCR transcript text → a flat sequence of blocks and page breaks (the model's raw material)."""

from __future__ import annotations

from pipeline.convert.model import Node
from pipeline.convert.reader.blocks import paginate, read_blocks
from pipeline.convert.reader.inline import Warn, latin_share
from pipeline.convert.reader.markdown import parser


def read(text: str, warn: Warn) -> list[Node]:
    """Parse a transcript (already decoded, newlines normalised) into blocks and page breaks."""
    tokens = parser().parse(text)
    return paginate(read_blocks(tokens, warn, latin_share(text)), text.split("\n"))
