"""The document model between the transcript reader and the TEI writer.

Every editorial decision of the converter is made on these objects, so it can
be tested without XML. Blocks carry the transcript lines they came from
(`Span`, 1-based and inclusive); inline nodes are small and immutable-ish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Span:
    """Transcript lines a node came from, 1-based, both ends included."""

    first: int
    last: int


# --- inline nodes ------------------------------------------------------------


@dataclass
class Text:
    """Running text as the transcript has it."""

    text: str


@dataclass
class LineBreak:
    """A hard line break in the source (two trailing spaces, or a line inside a block we keep)."""


@dataclass
class RuleLine:
    """A ruled line typed as dashes on a line of its own inside a block (`-----`)."""

    text: str


@dataclass
class Deletion:
    """Text struck out in the source (`~~…~~`)."""

    children: list[Inline]
    rend: str = "strikethrough"


@dataclass
class Addition:
    """Text written in above the line (`<sup>…</sup>`)."""

    children: list[Inline]
    place: str = "above"


@dataclass
class Substitution:
    """A deletion directly replaced by one or more additions."""

    deletion: Deletion
    additions: list[Addition]


@dataclass
class Handwriting:
    """A run in a hand other than the typescript (`*…*`); `hand` is set by the hands pass."""

    children: list[Inline]
    hand: str | None = None
    cert: str | None = None


@dataclass
class HandShift:
    """A change of hand: from here on the text is in hand `new` (an id of a declared hand)."""

    new: str
    cert: str | None = None


@dataclass
class Bold:
    """Bold text (`**…**`) whose structural meaning is not known."""

    children: list[Inline]


@dataclass
class Gap:
    """Material left out: withheld, redacted, illegible or an OCR repetition."""

    reason: str
    unit: str | None = None
    quantity: int | None = None
    desc: list[Inline] = field(default_factory=list)
    #: the transcript text this gap stands for (what the loss check accounts for)
    replaces: str = ""


@dataclass
class Unclear:
    """An unreadable OCR run, kept as read."""

    text: str
    reason: str = "illegible"


@dataclass
class DateRef:
    """A date in the text with its normalised ISO value (may be partial: `1988-12`)."""

    text: str
    when: str


@dataclass
class Initials:
    """An annotator's initials; `hand` names the declared hand they identify, if any."""

    text: str
    hand: str | None = None


@dataclass
class Choice:
    """A reading as written (`orig`) with its normalised form (`reg`), e.g. `PLAM 19` / `PREM 19`."""

    orig: list[Inline]
    reg: str
    idno_type: str | None = None


@dataclass
class Field:
    """A value of a printed form or card, typed (`series`, `piece`, `extract`, `foi-exemption`)."""

    kind: str
    children: list[Inline]


@dataclass
class Seg:
    """A typed segment of a structured line (telegram routing: `precedence`, `to`, `bt` …)."""

    kind: str
    children: list[Inline]


@dataclass
class PageMark:
    """A page break inside a block: the paragraph runs on from one page (or scan) to the next."""

    n: int


@dataclass
class Furniture:
    """Page furniture a paragraph runs across (the footer and header between its two halves)."""

    kind: str
    subtype: str | None
    children: list[Inline]


@dataclass
class Correction:
    """A garbled passage as the transcript reads it (`sic`) with the editors' reading (`corr`)."""

    sic: str
    corr: str


@dataclass
class EditorialNote:
    """An editors' note on a passage, from an editors' decision."""

    text: str


Inline = Union[
    Text, LineBreak, RuleLine, Deletion, Addition, Substitution, Handwriting, HandShift, Bold,
    Gap, Unclear, DateRef, Initials, Choice, Field, Seg, PageMark, Furniture, Correction, EditorialNote,
]


def child_lists(node: Inline) -> list[list[Inline]]:
    """The lists of inline children a node holds (a substitution holds its deletion's and additions')."""
    if isinstance(node, Substitution):
        return [node.deletion.children] + [addition.children for addition in node.additions]
    children = getattr(node, "children", None)
    return [children] if isinstance(children, list) else []


def walk(nodes: list[Inline]):
    """Every inline node of a tree, depth first, in document order."""
    for node in nodes:
        yield node
        for children in child_lists(node):
            yield from walk(children)


# --- blocks ------------------------------------------------------------------


@dataclass
class Block:
    """One parsed block of the transcript with the role the structure rules gave it.

    `kind` is what the Markdown layer says (paragraph, heading, list, table, rule);
    `role` is what the block *is* in the archive (dateline, salute, catchword …).
    """

    kind: str
    span: Span
    inlines: list[Inline] = field(default_factory=list)
    role: str = "p"
    level: int = 0
    items: list[ListItem] = field(default_factory=list)
    rows: list[list[list[Inline]]] = field(default_factory=list)
    #: extra facts a rule found (date, telegram fields, card fields …)
    data: dict = field(default_factory=dict)
    page: int = 1


@dataclass
class ListItem:
    """An item of a list with its label (`(a)`, `1.`) where the source gives one."""

    label: str | None
    blocks: list[Block]
    span: Span


@dataclass
class PageBreak:
    """The start of a new page or scan (three blank lines, or a page change the rules inferred)."""

    n: int
    span: Span
    inferred: bool = False


Node = Union[Block, PageBreak]


@dataclass
class HandDecl:
    """A hand declared in the header: the typescript, a known annotator, or an unidentified hand."""

    id: str
    script: str
    description: str
    person: str | None = None
    initials: str | None = None


@dataclass
class Correspondent:
    """A sender or addressee as the document gives it (`standard`: the person's name in the registers)."""

    person: str | None = None
    org: str | None = None
    standard: str | None = None


@dataclass
class Document:
    """One document of the folder: a letter, minute, telegram, draft, form or closure card."""

    type: str
    nodes: list[Node]
    n: int = 0
    date: str | None = None
    date_text: str | None = None
    sender: Correspondent = field(default_factory=Correspondent)
    addressee: Correspondent = field(default_factory=Correspondent)
    classification: str | None = None
    #: relations to other documents of the file: (kind, other document's number, direction)
    #: such as ("draft", 5, "of") — this is a draft of No. 5 — or ("draft", 2, "at"): its draft is No. 2
    relations: list[tuple[str, int, str]] = field(default_factory=list)
    #: the title an editor's decision gives the document (else it is made from its metadata)
    title: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.nodes[0].span.first, self.nodes[-1].span.last)


@dataclass
class ConverterWarning:
    """A converter warning located at a transcript line.

    A low-confidence decision (code `review-…`) also says what was chosen and the runner-up, the
    transcript lines it concerns, and the document they fell in: an editor's review queue entry.
    """

    line: int
    code: str
    message: str
    chosen: str | None = None
    runner_up: str | None = None
    last_line: int | None = None
    document: int | None = None

    @property
    def review(self) -> bool:
        return self.code.startswith("review-")


@dataclass
class Drop:
    """Transcript text deliberately left out of the TEI text, and why (boilerplate, repetition)."""

    span: Span
    reason: str
    text: str


@dataclass
class Transcript:
    """A whole converted transcript: its documents, hands, warnings and what was dropped."""

    name: str
    sha256: str
    documents: list[Document]
    hands: list[HandDecl]
    warnings: list[ConverterWarning]
    drops: list[Drop]
    pages: int
