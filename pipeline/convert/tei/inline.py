"""Inline nodes of the model → TEI phrase-level markup, one function per node type."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml import etree

from pipeline.convert.hands import TYPESCRIPT
from pipeline.convert.model import (
    Addition, Bold, Choice, Correction, DateRef, Deletion, EditorialNote, Field, Furniture, Gap, PageMark, HandShift, Handwriting, Inline, Initials, LineBreak,
    RuleLine, Seg, Substitution, Text, Unclear,
)
from pipeline.convert.tei.tree import append_text, el


def render(parent: etree._Element, nodes: Sequence[Inline]) -> None:
    """Append inline nodes to an element's content, in order."""
    for node in nodes:
        RENDERERS[type(node)](parent, node)


def _text(parent, node: Text) -> None:
    append_text(parent, node.text)


def _line_break(parent, node: LineBreak) -> None:
    el(parent, "lb")


def _rule_line(parent, node: RuleLine) -> None:
    el(parent, "milestone", {"unit": "rule"})


def _deletion(parent, node: Deletion) -> None:
    render(el(parent, "del", {"rend": node.rend}), node.children)


def _addition(parent, node: Addition) -> None:
    render(el(parent, "add", {"place": node.place}), node.children)


def _substitution(parent, node: Substitution) -> None:
    subst = el(parent, "subst")
    _deletion(subst, node.deletion)
    for addition in node.additions:
        _addition(subst, addition)


def _handwriting(parent, node: Handwriting) -> None:
    el(parent, "handShift", {"new": f"#{node.hand or 'hand-unidentified'}", "cert": node.cert})
    render(parent, node.children)
    el(parent, "handShift", {"new": f"#{TYPESCRIPT}"})


def _hand_shift(parent, node: HandShift) -> None:
    el(parent, "handShift", {"new": f"#{node.new}", "cert": node.cert})


def _bold(parent, node: Bold) -> None:
    render(el(parent, "hi", {"rend": "bold"}), node.children)


def _gap(parent, node: Gap) -> None:
    gap = el(parent, "gap", {"reason": node.reason, "unit": node.unit, "quantity": str(node.quantity) if node.quantity is not None else None})
    if node.desc:
        render(el(gap, "desc"), node.desc)


def _unclear(parent, node: Unclear) -> None:
    el(parent, "unclear", {"reason": node.reason}, node.text)


def _date(parent, node: DateRef) -> None:
    el(parent, "date", {"when": node.when}, node.text)


def _initials(parent, node: Initials) -> None:
    el(parent, "name", {"type": "initials", "ref": f"#{node.hand}" if node.hand else None}, node.text)


def _choice(parent, node: Choice) -> None:
    choice = el(parent, "choice")
    orig = el(choice, "orig")
    reg = el(choice, "reg")
    if node.idno_type:
        render(el(orig, "idno", {"type": node.idno_type}), node.orig)
        el(reg, "idno", {"type": node.idno_type}, node.reg)
    else:
        render(orig, node.orig)
        reg.text = node.reg


def _field(parent, node: Field) -> None:
    name = "title" if node.kind == "extract" else "idno"
    render(el(parent, name, {"type": node.kind}), node.children)


def _seg(parent, node: Seg) -> None:
    render(el(parent, "seg", {"type": node.kind}), node.children)


def _page_mark(parent, node: PageMark) -> None:
    el(parent, "pb", {"n": str(node.n)})


def _furniture(parent, node: Furniture) -> None:
    render(el(parent, "fw", {"type": node.kind, "subtype": node.subtype}), node.children)


def _correction(parent, node: Correction) -> None:
    choice = el(parent, "choice")
    el(choice, "sic", text=node.sic)
    el(choice, "corr", text=node.corr)


def _editorial_note(parent, node: EditorialNote) -> None:
    el(parent, "note", {"type": "editorial"}, node.text)


RENDERERS: dict[type, Callable] = {
    Text: _text, LineBreak: _line_break, RuleLine: _rule_line, Deletion: _deletion, Addition: _addition,
    Substitution: _substitution, Handwriting: _handwriting, HandShift: _hand_shift, Bold: _bold, Gap: _gap,
    Unclear: _unclear, DateRef: _date, Initials: _initials, Choice: _choice, Field: _field, Seg: _seg,
    PageMark: _page_mark, Furniture: _furniture, Correction: _correction, EditorialNote: _editorial_note,
}
