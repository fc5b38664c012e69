"""Inline tokens of the parsed Markdown layer → inline nodes of the model.

The Markdown layer says `*…*` (handwriting), `**…**` (bold), `~~…~~` (struck
out) and `<sup>…</sup>` (written above the line); the parser has already
matched the delimiters, so this module only builds the tree, pairs the
`<sup>` tags (which CommonMark sees as raw HTML), and then applies the
phenomenon rules that live inside running text: substitutions, redactions and
illegible runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it.token import Token

from pipeline.convert.script import latin_reading
from pipeline.convert.model import (
    Addition, Bold, Correction, Deletion, EditorialNote, Gap, Handwriting, Inline, LineBreak, RuleLine, Substitution, Text, Unclear,
    child_lists, walk,
)

RULE_LINE = re.compile(r"^\s*[-_=]{3,}\s*$")
SUP_OPEN = re.compile(r"^<sup\s*>$", re.IGNORECASE)
SUP_CLOSE = re.compile(r"^</sup\s*>$", re.IGNORECASE)

#: redaction markers as archives print them; the named group `basis` keeps a stated legal basis
REDACTION = re.compile(
    r"\[\s*(?:REDACTED|DELETED|WITHHELD)\s*\]"
    r"|\[(?P<basis>[^\[\]\n]{0,80}?\b(?:withheld|redacted|exempt(?:ed)?|closed)\b[^\[\]\n]{0,80})\]"
    r"|\[\s*\]|\[\s*(?:\.\s*){2,}\]|\[\s*\u2026\s*\]"
    r"|(?P<blocks>[\u2588\u2589\u258a\u258b\u258c\u258d\u258e\u258f\u25a0]+)"
    r"|\[\s*(?P<illegible>illegible|indecipherable|unreadable|undecipherable)(?:\s+(?:word|words|signature|initials|line))?\s*\]",
    re.IGNORECASE,
)
#: a run of words with Cyrillic letters in them, with the numbers and marks between them (`Шкщз ЖЖ вхд 11.III Cекретно окн`)
_CYRILLIC_WORD = r"[\w'.-]*[\u0400-\u04ff][\w'.-]*"
CYRILLIC_RUN = re.compile(rf"{_CYRILLIC_WORD}(?:[\s,.;:]+(?:[\d.,:/IVXivx]+[\s,.;:]+)*{_CYRILLIC_WORD})*")

Warn = Callable[..., None]  # (line, code, message, **review) -> None


class _Open:
    """An open container while the tree is built: the node and the literal that opened it."""

    def __init__(self, node: Inline | None, literal: str = "") -> None:
        self.node = node
        self.literal = literal
        self.children: list[Inline] = []


def build_inlines(tokens: Sequence[Token], first_line: int, warn: Warn) -> list[Inline]:
    """Build the inline tree of one block from markdown-it's inline tokens."""
    line = first_line
    stack: list[_Open] = [_Open(None)]

    def unwrap_unclosed_sup() -> None:
        opened = stack.pop()
        warn(line, "unmatched-sup", "<sup> without a matching </sup>: kept as text")
        stack[-1].children.append(Text(opened.literal))
        stack[-1].children.extend(opened.children)

    def close(kind: type) -> None:
        while isinstance(stack[-1].node, Addition) and kind is not Addition:
            unwrap_unclosed_sup()
        opened = stack.pop()
        node = opened.node
        node.children = opened.children  # type: ignore[union-attr]
        stack[-1].children.append(node)  # type: ignore[arg-type]

    for token in tokens:
        kind = token.type
        if kind == "text":
            stack[-1].children.append(Text(token.content))
        elif kind in ("softbreak", "hardbreak"):
            stack[-1].children.append(LineBreak())
            line += 1
        elif kind == "em_open":
            stack.append(_Open(Handwriting([]), token.markup))
        elif kind == "strong_open":
            stack.append(_Open(Bold([]), token.markup))
        elif kind == "s_open":
            stack.append(_Open(Deletion([]), token.markup))
        elif kind == "em_close":
            close(Handwriting)
        elif kind == "strong_close":
            close(Bold)
        elif kind == "s_close":
            close(Deletion)
        elif kind == "html_inline" and SUP_OPEN.match(token.content):
            stack.append(_Open(Addition([]), token.content))
        elif kind == "html_inline" and SUP_CLOSE.match(token.content):
            if isinstance(stack[-1].node, Addition):
                close(Addition)
            else:
                warn(line, "unmatched-sup", "</sup> without a matching <sup>: kept as text")
                stack[-1].children.append(Text(token.content))
        else:  # any other raw HTML is text of the transcript, never markup
            stack[-1].children.append(Text(token.content))
    while len(stack) > 1:
        if isinstance(stack[-1].node, Addition):
            unwrap_unclosed_sup()
        else:  # the parser closes what it opens; keep the text if it ever does not
            opened = stack.pop()
            stack[-1].children.append(Text(opened.literal))
            stack[-1].children.extend(opened.children)
    return stack[0].children


def merge_text(nodes: list[Inline]) -> list[Inline]:
    """Join neighbouring text nodes, recursively."""
    merged: list[Inline] = []
    for node in nodes:
        for child_list in child_lists(node):
            child_list[:] = merge_text(child_list)
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        elif not (isinstance(node, Text) and node.text == ""):
            merged.append(node)
    return merged


def mark_rule_lines(nodes: list[Inline]) -> list[Inline]:
    """A top-level line of nothing but dashes inside a paragraph is a ruled line, not text."""
    out: list[Inline] = []
    for index, node in enumerate(nodes):
        at_line_start = index == 0 or isinstance(nodes[index - 1], LineBreak)
        at_line_end = index + 1 == len(nodes) or isinstance(nodes[index + 1], LineBreak)
        if isinstance(node, Text) and at_line_start and at_line_end and RULE_LINE.match(node.text):
            out.append(RuleLine(node.text.strip()))
        else:
            out.append(node)
    return out


def group_substitutions(nodes: list[Inline]) -> list[Inline]:
    """A deletion directly followed by additions is one substitution; adjacent additions are one insertion."""
    out: list[Inline] = []
    i = 0
    while i < len(nodes):
        node = nodes[i]
        for child_list in child_lists(node):
            child_list[:] = group_substitutions(child_list)
        if isinstance(node, Addition):
            j = i + 1
            while j + 1 < len(nodes) and _is_space(nodes[j]) and isinstance(nodes[j + 1], Addition):
                node = Addition(node.children + [nodes[j], *nodes[j + 1].children], node.place)
                j += 2
            i = j
            if out and isinstance(out[-1], Deletion):
                out[-1] = Substitution(out[-1], [node])
            elif len(out) >= 2 and _is_space(out[-1]) and isinstance(out[-2], Deletion):
                out.pop()  # the space between the struck text and the insertion: a subst holds no text
                out.append(Substitution(out.pop(), [node]))  # type: ignore[arg-type]
            else:
                out.append(node)
            continue
        out.append(node)
        i += 1
    return out


def _is_space(node: Inline) -> bool:
    return isinstance(node, Text) and node.text.strip() == ""


def mark_redactions(nodes: list[Inline]) -> list[Inline]:
    """Redaction markers in running text become gaps with their extent where it can be told."""
    return _split_text(nodes, REDACTION, _redaction_gap)


def _redaction_gap(match: re.Match[str]) -> Inline:
    if match.group("illegible"):
        return Gap("illegible", desc=[Text(match.group(0).strip("[] "))], replaces=match.group(0))
    if match.group("blocks"):
        return Gap("redacted", "chars", len(match.group("blocks")), replaces=match.group(0))
    basis = match.group("basis")
    desc = [Text(basis.strip())] if basis else []
    return Gap("redacted", desc=desc, replaces=match.group(0))


def mark_illegible(nodes: list[Inline], latin_share: float) -> list[Inline]:
    """Cyrillic runs in a Latin-script transcript are OCR readings of stamps or scrawl: `<unclear>`.
    A word whose Cyrillic letters are Latin look-alikes (`СONFIDENTIAL`) is a misread word, not scrawl."""
    if latin_share < 0.5:
        return nodes

    def unclear(match: re.Match[str]) -> Inline:
        text = match.group(0)
        return Text(text) if latin_reading(text).isascii() else Unclear(text)

    return _split_text(nodes, CYRILLIC_RUN, unclear)


def _split_text(nodes: list[Inline], pattern: re.Pattern[str], make: Callable[[re.Match[str]], Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        for child_list in child_lists(node):
            child_list[:] = _split_text(child_list, pattern, make)
        if not isinstance(node, Text):
            out.append(node)
            continue
        position = 0
        for match in pattern.finditer(node.text):
            if match.start() > position:
                out.append(Text(node.text[position : match.start()]))
            out.append(make(match))
            position = match.end()
        if position < len(node.text):
            out.append(Text(node.text[position:]))
    return out


def plain_text(nodes: Sequence[Inline]) -> str:
    """The text of inline nodes as read (deletions included, line breaks as spaces)."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, RuleLine):
            continue
        elif isinstance(node, Unclear):
            parts.append(node.text)
        elif isinstance(node, Gap):
            parts.append(node.replaces)
        elif isinstance(node, Correction):
            parts.append(node.sic)
        elif isinstance(node, EditorialNote):
            continue
        elif isinstance(node, Substitution):
            parts.append(plain_text(node.deletion.children))
            for add in node.additions:
                parts.append(plain_text(add.children))
        else:
            children = getattr(node, "children", None)
            if children is not None:
                parts.append(plain_text(children))
            elif hasattr(node, "text"):
                parts.append(node.text)  # type: ignore[union-attr]
            elif hasattr(node, "orig"):
                parts.append(plain_text(node.orig))  # type: ignore[union-attr]
    return "".join(parts)


LETTERS = re.compile(r"[^\W\d_]+")
LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def latin_share(text: str) -> float:
    """The share of Latin letters among all letters of a text (1.0 when it has none)."""
    if text.isascii():
        return 1.0
    letters = sum(map(len, LETTERS.findall(text)))
    return sum(map(len, LATIN_LETTERS.findall(text))) / letters if letters else 1.0


def inline_pipeline(tokens: Sequence[Token], first_line: int, warn: Warn, latin: float = 1.0) -> list[Inline]:
    """All inline rules in order: tree, text merge, substitutions, redactions, illegible runs.
    `latin`: the share of Latin letters in the whole transcript."""
    nodes = mark_rule_lines(merge_text(build_inlines(tokens, first_line, warn)))
    nodes = group_substitutions(nodes)
    text = plain_text(nodes)
    if REDACTION_SIGN.search(text):
        nodes = mark_redactions(nodes)
    if "~~" in text:
        warn(first_line, "unmatched-strike", "~~ without a matching ~~: kept as text")
    if latin < 1.0 and CYRILLIC.search(text):
        before = _count_unclear(nodes)
        nodes = mark_illegible(nodes, latin)
        if _count_unclear(nodes) > before:
            warn(first_line, "illegible", "unreadable OCR run (stray Cyrillic) encoded as <unclear>")
    return nodes


#: a character a redaction marker or an illegible run needs (the rules run only where one is)
REDACTION_SIGN = re.compile("[\\[\u2588-\u258f\u25a0]")
CYRILLIC = re.compile("[\u0400-\u04ff]")


def _count_unclear(nodes: list[Inline]) -> int:
    return sum(isinstance(node, Unclear) for node in walk(nodes))
