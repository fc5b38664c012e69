"""Related documents in a file: drafts and the versions sent, copies of one text, replies.

Two documents share a text when a good part of the shorter one's runs of five words (its reading
text: deletions out, additions in) stands in the other. Of two such documents, a draft (or a draft
form) is the draft of the other; two of the same kind are copies, the later in the file a copy of the
earlier. A letter is a reply to an earlier one in the file when its addressee wrote the earlier one
and its sender received it. Each relation is recorded on both documents, so each edition can say
"Draft of No. 5" and "Draft at No. 2".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.convert.model import Addition, Block, Deletion, Document, Inline, Substitution, Text, child_lists

SHINGLE = 5
SHARED = 0.35  # of the shorter text's five-word runs, in the other
MIN_WORDS = 25  # too short a text to tell a copy by
MAX_WORDS = 5000  # enough of a text to tell a copy by
DRAFT_TYPES = {"draft", "form"}
WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Relation:
    """`source` is `kind` of `target` (documents by number): 2 is a draft of 5, 3 a copy of 1, 4 a reply to 1."""

    source: int
    kind: str  # "draft", "copy" or "reply"
    target: int
    share: float = 1.0


def find_relations(documents: list[Document]) -> list[Relation]:
    """The relations among a file's documents, in document order."""
    if sum(d.type != "closureCard" for d in documents) < 2:
        return []
    texts = {d.n: _shingles(_reading_words(d)[:MAX_WORDS]) for d in documents if d.type != "closureCard"}
    relations: list[Relation] = []
    described = [d for d in documents if d.n in texts]
    versioned: set[int] = set()
    for index, later in enumerate(described):
        for earlier in described[:index]:
            share = _share(texts[earlier.n], texts[later.n])
            if share >= SHARED and later.n not in versioned:
                relations.append(_version(earlier, later, share))
                versioned.add(later.n)  # a copy is related to the first copy only
            elif share < SHARED and _replies(later, earlier):
                relations.append(Relation(later.n, "reply", earlier.n))
    return relations


def _version(earlier: Document, later: Document, share: float) -> Relation:
    if earlier.type in DRAFT_TYPES and later.type not in DRAFT_TYPES:
        return Relation(earlier.n, "draft", later.n, share)
    if later.type in DRAFT_TYPES and earlier.type not in DRAFT_TYPES:
        return Relation(later.n, "draft", earlier.n, share)
    return Relation(later.n, "copy", earlier.n, share)


def _replies(later: Document, earlier: Document) -> bool:
    """The later document's addressee sent the earlier, and its sender received it."""
    def surname(name: str | None) -> str | None:
        return name.split()[-1].lower() if name else None

    return (
        bool(later.date and earlier.date and later.date[:10] >= earlier.date[:10])
        and surname(later.addressee.person) is not None and surname(later.addressee.person) == surname(earlier.sender.person)
        and surname(later.sender.person) is not None and surname(later.sender.person) == surname(earlier.addressee.person)
    )


def _share(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < MIN_WORDS:
        return set()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _reading_words(document: Document) -> list[str]:
    """The words of the document's text as finally read (deletions out, additions in), lower case."""
    parts: list[str] = []
    for node in document.nodes:
        if isinstance(node, Block) and node.role in ("p", "list", "form", "table", "run-on"):
            parts.append(_reading(node.inlines))
            for item in node.items:
                parts.extend(_reading(child.inlines) for child in item.blocks)
            columns = max((len(row) for row in node.rows), default=0)
            for column in range(columns):  # a form's text runs down its column, line by line
                parts.extend(_reading(row[column]) for row in node.rows if column < len(row))
    return WORD.findall(" ".join(parts).lower())


def _reading(nodes: list[Inline]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Deletion):
            continue
        elif isinstance(node, Substitution):
            out.extend(_reading(addition.children) for addition in node.additions)
        elif isinstance(node, Addition):
            out.append(_reading(node.children))
        else:
            for children in child_lists(node):
                out.append(_reading(children))
        out.append(" ")
    return "".join(out)
