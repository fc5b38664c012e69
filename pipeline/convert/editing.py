"""Applying editors' decisions to the converted model: metadata set, hands attributed.

(Document boundaries are decided in segmentation, which takes the `split` and `join` decisions.)
"""

from __future__ import annotations

from pipeline.convert.decisions import Decision, DecisionError
from pipeline.convert.hands import HandRegister
from pipeline.convert.model import Block, Correction, Correspondent, Document, EditorialNote, Handwriting, Text, child_lists, walk
from pipeline.convert.titles import format_date


def document_at(documents: list[Document], line: int) -> Document | None:
    """The document whose transcript lines hold `line`."""
    return next((d for d in documents if d.span.first <= line <= d.span.last), None)


def apply_settings(decisions: list[Decision], documents: list[Document]) -> None:
    """`set` decisions: a document's type, date, sender, recipient or title, as the editor gives it."""
    for decision in decisions:
        if decision.action != "set" or (document := document_at(documents, decision.line)) is None:
            continue
        values = decision.values
        if "type" in values:
            document.type = values["type"]
        if "date" in values:
            document.date, document.date_text = values["date"], format_date(values["date"]) or values["date"]
        if "sender" in values:
            document.sender = Correspondent(person=values["sender"], org=document.sender.org)
        if "recipient" in values:
            document.addressee = Correspondent(person=values["recipient"], org=document.addressee.org)
        if "title" in values:
            document.title = values["title"]


def apply_readings(decisions: list[Decision], documents: list[Document]) -> None:
    """`reading` and `note` decisions: the garbled text on the line read as the editors give it; an
    editors' note at the end of the line's block. DecisionError if the block does not hold the text."""
    for decision in decisions:
        if decision.action not in ("reading", "note") or (document := document_at(documents, decision.line)) is None:
            continue
        block = next((n for n in document.nodes if isinstance(n, Block) and n.span.first <= decision.line <= n.span.last), None)
        if block is None:
            raise DecisionError(f"decision {decision.number} ({decision.action} at line {decision.line}): no text there to apply it to")
        if decision.action == "note":
            block.inlines.append(EditorialNote(decision.values["text"]))
        elif not _replace(block.inlines, decision.expect, decision.values["reading"]):
            raise DecisionError(f"decision {decision.number} (reading at line {decision.line}): {decision.expect!r} does not stand "
                                "in one run of the text there (it crosses a deletion, an addition or a change of hand)")


def _replace(nodes: list, expect: str, reading: str) -> bool:
    """Replace the first text node holding `expect` by text, the correction, text (searching nested runs too)."""
    for index, node in enumerate(nodes):
        if isinstance(node, Text) and expect in node.text:
            before, _, after = node.text.partition(expect)
            nodes[index : index + 1] = [n for n in (Text(before), Correction(expect, reading), Text(after)) if not (isinstance(n, Text) and not n.text)]
            return True
        for children in child_lists(node):
            if _replace(children, expect, reading):
                return True
    return False


def apply_hands(decisions: list[Decision], documents: list[Document], hands: HandRegister) -> None:
    """`hand` decisions: the handwriting of the block at the line is in the hand of the initials given."""
    for decision in decisions:
        if decision.action != "hand" or (document := document_at(documents, decision.line)) is None:
            continue
        hand, cert = hands.hand_for(decision.values["initials"])
        for node in document.nodes:
            if isinstance(node, Block) and node.span.first <= decision.line <= node.span.last:
                for run in (n for n in walk(node.inlines) if isinstance(n, Handwriting)):
                    run.hand, run.cert = hand, None if cert is None else cert
