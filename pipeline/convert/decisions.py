"""Editors' decisions: corrections kept outside the generated TEI and applied at every conversion.

An editor who finds the converter wrong (a document boundary, a date, a sender, a hand) writes a
decision instead of editing the TEI, so the file goes on benefiting from a better converter. The
decisions of `NAME.txt` live beside it in `NAME.decisions.toml`:

    [[decision]]
    action = "split"              # a new document opens at this line
    line = 57
    expect = "10 DOWNING STREET"  # the text the transcript has at that line: the decision's anchor

    [[decision]]
    action = "set"                # a document's metadata: type, date, sender, recipient, title
    line = 12                     # any line of the document
    expect = "Dear Charles,"
    type = "minute"
    date = "1988-12-21"
    sender = "C D Powell"

Actions: `split`, `join` (the document opening at the line continues the one before), `set`,
`hand` (the handwriting on the line is in the hand of `initials`), `reading` (the garbled `expect`
reads `reading`), `note` (an editors' note, `text`, on the line's block).

Each decision is anchored by its line and the text it expects there. When the transcript changed
elsewhere and the text moved, the decision follows it (the one line that has it); when the text is
gone or stands on several lines, the decision is a located error and nothing of the file is written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from pipeline.convert.decode import ConversionError

ACTIONS = {"split", "join", "set", "hand", "reading", "note"}
SETTABLE = {"type", "date", "sender", "recipient", "title"}
DOCUMENT_TYPES = {"letter", "minute", "telegram", "draft", "form", "record", "note", "translation", "closureCard"}
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class DecisionError(ConversionError):
    """A decision that cannot be applied: its anchor is gone, ambiguous, or it is malformed."""


@dataclass(frozen=True)
class Decision:
    """One editor's decision, anchored at a transcript line by the text it expects there."""

    number: int  # its place in the decisions file, from 1
    action: str
    line: int
    expect: str
    values: dict[str, str] = field(default_factory=dict)


def parse_decisions(data: bytes, name: str = "decisions") -> list[Decision]:
    """Read a decisions file (TOML); raises DecisionError naming the decision that is malformed."""
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise DecisionError(f"{name}: not a decisions file: {error}") from None
    decisions = []
    for number, raw in enumerate(table.get("decision", []), start=1):
        decisions.append(_decision(number, raw, name))
    return decisions


def _decision(number: int, raw: Any, name: str) -> Decision:
    where = f"{name}: decision {number}"
    if not isinstance(raw, dict):
        raise DecisionError(f"{where}: expected a table of action, line, expect")
    action, line, expect = raw.get("action"), raw.get("line"), raw.get("expect")
    if action not in ACTIONS:
        raise DecisionError(f"{where}: action {action!r} is not one of {', '.join(sorted(ACTIONS))}")
    if not isinstance(line, int) or line < 1:
        raise DecisionError(f"{where}: line must be a line number of the transcript")
    if not isinstance(expect, str) or not expect.strip():
        raise DecisionError(f"{where}: expect must give the text the transcript has at line {line}")
    values = {k: str(v) for k, v in raw.items() if k not in ("action", "line", "expect")}
    if action == "set":
        unknown = set(values) - SETTABLE
        if unknown or not values:
            raise DecisionError(f"{where}: set takes {', '.join(sorted(SETTABLE))}; got {', '.join(sorted(unknown)) or 'nothing'}")
        if "type" in values and values["type"] not in DOCUMENT_TYPES:
            raise DecisionError(f"{where}: type {values['type']!r} is not one of {', '.join(sorted(DOCUMENT_TYPES))}")
        if "date" in values and not ISO_DATE.match(values["date"]):
            raise DecisionError(f"{where}: date {values['date']!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    required = {"hand": "initials", "reading": "reading", "note": "text"}.get(action)
    if required and not values.get(required, "").strip():
        raise DecisionError(f"{where}: {action} needs {required}")
    return Decision(number, action, line, expect, values)


def anchor(decisions: list[Decision], lines: list[str], name: str = "decisions") -> list[Decision]:
    """The decisions with their lines as the transcript has them now (each moved to the one line with
    its expected text if that line moved); DecisionError for a decision whose text is gone or ambiguous."""
    placed = []
    for decision in decisions:
        if 0 < decision.line <= len(lines) and decision.expect in lines[decision.line - 1]:
            placed.append(decision)
            continue
        found = [number for number, line in enumerate(lines, start=1) if decision.expect in line]
        where = f"{name}: decision {decision.number} ({decision.action} at line {decision.line})"
        now = lines[decision.line - 1].strip() if 0 < decision.line <= len(lines) else "nothing (the transcript is shorter)"
        if len(found) == 1:
            placed.append(Decision(decision.number, decision.action, found[0], decision.expect, decision.values))
        elif not found:
            raise DecisionError(f"{where}: expects {decision.expect!r}, but the transcript no longer has it "
                                f"(line {decision.line} reads {now!r}); nothing of this file was written")
        else:
            raise DecisionError(f"{where}: expects {decision.expect!r}, which line {decision.line} no longer has and "
                                f"lines {', '.join(map(str, found))} all have; nothing of this file was written")
    return placed
