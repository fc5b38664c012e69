"""Hands: who wrote each handwritten run, from the initials annotators put at its end.

Private secretaries initial and date their minutes on a paper (`CDP 19/x`:
C. D. Powell, 19 October). The initials are looked up in the register of
known hands (`pipeline/convert/data/hands.json`): an exact match attributes the hand;
a reading one letter off a known set (`CDD` for `CDP`) attributes it with low
certainty; other initials get a hand of their own, unidentified. Runs with no
initials are in an unidentified hand. The annotation's date is encoded, its
year taken from the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.convert.dates import find_dates, short_date
from pipeline.convert.model import Block, DateRef, HandDecl, Handwriting, Inline, Initials, Text, walk
from pipeline.convert.names import initials_of, person_name
from pipeline.convert.reader.inline import plain_text
from pipeline.convert.registers import register
from pipeline.convert.rules.initials import INITIALLED, INITIALS_ALONE, letters
from pipeline.convert.rules.text import within_one_edit

TYPESCRIPT = "typescript"
UNIDENTIFIED = "hand-unidentified"


@dataclass
class HandRegister:
    """The hands declared for one transcript, in the order first used."""

    declared: dict[str, HandDecl] = field(default_factory=dict)
    #: personal names written in the same transcript (signatures, addresses), to read initials by
    names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.declared[TYPESCRIPT] = HandDecl(TYPESCRIPT, "typewritten", "Typescript: the typed text of the papers.")

    def hand_for(self, initials: str | None) -> tuple[str, str | None]:
        """The hand id for initials as written, and the certainty of the attribution."""
        if not initials:
            return self._declare(UNIDENTIFIED, "An unidentified hand."), None
        key = letters(initials)
        known = register("hands")
        if key in known:
            return self._known(key, known[key]), None
        near = [k for k in known if not k.startswith("_") and len(k) == len(key) >= 3 and within_one_edit(k, key)]
        if len(near) == 1:
            return self._known(near[0], known[near[0]]), "low"
        named = sorted({name for name in self.names if initials_of(name) == key})
        if len(named) == 1:
            description = f"{named[0]}, whose initials these are (identified from the name as written in these papers)."
            return self._declare(f"hand-{key}", description, person=named[0], initials=key), "medium"
        return self._declare(f"hand-{key}", f"An unidentified hand initialling {key}.", initials=key), None

    def hand_of_person(self, person: str) -> tuple[str, str]:
        """The hand of a person who signs by name (`Paul` over `(P M Strachan)`): a known hand whose person
        has that surname (or that first name, for a name signed alone), else a hand of their own."""
        tokens = person.replace(".", " ").split()
        for key, entry in register("hands").items():
            if key.startswith("_"):
                continue
            known = entry["person"].split()
            if (len(tokens) > 1 and tokens[-1].lower() == known[-1].lower() and tokens[0][0].lower() == known[0][0].lower()) or (
                    len(tokens) == 1 and tokens[0].lower() == known[0].lower()):
                return self._known(key, entry), "medium"
        for hand in self.declared.values():
            if hand.person and hand.person.split()[-1].lower() == tokens[-1].lower() and len(tokens) > 1:
                return hand.id, "medium"
        key = initials_of(person)
        return self._declare(f"hand-{key}", f"{person}, in signing.", person=person, initials=key), "medium"

    def _known(self, key: str, entry: dict) -> str:
        return self._declare(f"hand-{key}", f"{entry['full']}, {entry['role']}.", person=entry["person"], initials=key)

    def _declare(self, hand_id: str, description: str, person: str | None = None, initials: str | None = None) -> str:
        if hand_id not in self.declared:
            self.declared[hand_id] = HandDecl(hand_id, "handwritten", description, person, initials)
        return hand_id


def attribute(block: Block, hands: HandRegister, year: int | None) -> None:
    """Resolve the hands of a block's handwritten runs; mark initials and dates in them."""
    if block.role == "annotation" and not all(isinstance(n, Handwriting) for n in block.inlines if not _blank(n)):
        block.inlines = [Handwriting(block.inlines)]
    elif block.role != "annotation":
        _wrap_initialled_tail(block, hands)
    for run in _runs(block.inlines):
        initials = _split_initials(run, year)
        hand, cert = hands.hand_for(initials.text if initials else None)
        run.hand, run.cert = hand, cert
        if initials:
            initials.hand = hand


def _blank(node: Inline) -> bool:
    return isinstance(node, Text) and not node.text.strip()


def _runs(nodes: list[Inline]) -> list[Handwriting]:
    return [node for node in walk(nodes) if isinstance(node, Handwriting)]


def _split_initials(run: Handwriting, year: int | None) -> Initials | None:
    """Turn `… CDD 21/xii` at the end of a run into Initials and a DateRef."""
    if not run.children or not isinstance(run.children[-1], Text):
        return None
    last = run.children[-1]
    match = INITIALLED.search(last.text)
    if match:
        when = short_date(match["date"], year) or next((d.when for d in find_dates(match["date"], year)), None)
        tail: list[Inline] = [Initials(match["initials"])]
        between = last.text[match.end("initials") : match.start("date")]
        tail.append(Text(between))
        tail.append(DateRef(match["date"], when) if when else Text(match["date"]))
        rest = last.text[match.end("date") :]
    else:
        match = INITIALS_ALONE.search(last.text)
        if not match or letters(match["initials"]) not in register("hands"):
            return None
        tail = [Initials(match["initials"])]
        rest = last.text[match.end("initials") :]
    head = last.text[: match.start("initials")]
    run.children[-1:] = [node for node in [Text(head), *tail, Text(rest)] if not (isinstance(node, Text) and not node.text)]
    return tail[0]  # type: ignore[return-value]


def _wrap_initialled_tail(block: Block, hands: HandRegister) -> None:
    """Known initials and a date typed into the end of a paragraph are the annotator's hand."""
    if not block.inlines or not isinstance(block.inlines[-1], Text):
        return
    last = block.inlines[-1]
    match = INITIALLED.search(last.text)
    if not match or letters(match["initials"]) not in register("hands"):
        return
    block.inlines[-1:] = [Text(last.text[: match.start()]), Handwriting([Text(last.text[match.start() :])])]


def share_signed_hands(blocks: list[Block]) -> None:
    """Handwritten paragraphs that follow one another, only the last initialled, are one annotation in the
    hand those initials name (`Michael –` … `This is a disgrace …` … `MT 23.i.80`)."""
    group: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.role == "annotation":
            group.append(block)
            continue
        runs = [run for member in group for run in _runs(member.inlines)]
        signer: Handwriting | None = None
        for run in reversed(runs):
            if any(isinstance(node, Initials) for node in walk(run.children)):
                signer = run
            elif signer is not None and run.hand == UNIDENTIFIED:
                run.hand, run.cert = signer.hand, signer.cert
            elif signer is not None:
                signer = None
        group = []


def attribute_signatures(blocks: list[Block], hands: HandRegister, signatory: str | None) -> None:
    """A handwritten signature in a closing (an autograph over the typed name) is in the signatory's hand."""
    for block in blocks:
        if block.role not in ("closing", "signature"):
            continue
        typed = next((name for line in plain_text(block.inlines).split("\n") if (name := person_name(line.strip()))
                      and (line.strip().startswith("(") or line.strip().isupper())), None)
        person = typed or signatory
        if not person:
            continue
        for run in _runs(block.inlines):
            if run.hand == UNIDENTIFIED:
                run.hand, run.cert = hands.hand_of_person(person)
