"""Telegram routing lines: precedence and date-time group, FM, TO/INFO, BT, classification."""

from __future__ import annotations

import re

from pipeline.convert.dates import DTG
from pipeline.convert.model import Block
from pipeline.convert.rules.text import is_marking, lines_of

PRECEDENCE_DTG = re.compile(r"^(?P<precedence>[ZOPIRF]{1,2})\s+(?P<dtg>\d{6}Z\s+[A-Z]{3}\s+\d{2,4})$")
ROUTING = re.compile(r"^(?P<key>FM|FROM|TO|INFO|BT)\b\s*(?P<value>.*)$")


def routing_fields(line: str) -> tuple[str, str] | None:
    """The kind and value of one routing line, or None for another line."""
    match = PRECEDENCE_DTG.match(line)
    if match:
        return "precedence-dtg", line
    match = ROUTING.match(line)
    if match:
        key = {"FROM": "FM"}.get(match["key"], match["key"])
        return key.lower(), match["value"]
    if is_marking(line):
        return "classification", line
    return None


def is_telegram_header(block: Block) -> bool:
    """A block of routing lines: it opens with a precedence and date-time group, or holds FM and TO lines."""
    lines = lines_of(block)
    if block.kind != "paragraph" or not lines:
        return False
    kinds = [fields[0] for fields in map(routing_fields, lines) if fields]
    return bool(PRECEDENCE_DTG.match(lines[0])) or ("fm" in kinds and "to" in kinds)


def is_break_line(block: Block) -> bool:
    """`BT`: the telegram's break line, closing its text."""
    return block.kind == "paragraph" and lines_of(block) == ["BT"]


def dtg_of(text: str) -> re.Match[str] | None:
    return DTG.search(text)
