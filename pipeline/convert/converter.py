"""The converter's stages in order, for one transcript: see `convert_bytes`."""

from __future__ import annotations

import hashlib
import shlex
from dataclasses import dataclass

from pipeline.convert.catalogue import Entry
from pipeline.convert.check import check
from pipeline.convert.decisions import Decision, anchor, parse_decisions
from pipeline.convert.decode import ConversionError, decode
from pipeline.convert.editing import apply_hands, apply_readings, apply_settings
from pipeline.convert.documents import date_from_initials, document_type, fill_metadata, folder_year, reconcile_dates
from pipeline.convert.hands import HandRegister, attribute, attribute_signatures, share_signed_hands
from pipeline.convert.entities import Registers
from pipeline.convert.layout import lay_out
from pipeline.convert.linking import Candidate, link_names
from pipeline.convert.model import Block, ConverterWarning, Document, Drop, Node, Transcript
from pipeline.convert.reader import read
from pipeline.convert.related import find_relations
from pipeline.convert.rules import assign_roles
from pipeline.convert.rules.cards import Card, card_description, complete_series, folder_piece, folder_series, read_card
from pipeline.convert.rules.continuation import join_broken_paragraphs
from pipeline.convert.rules.dating import mark_dates
from pipeline.convert.rules.repetition import collapse_repetitions
from pipeline.convert.rules.text import text_of
from pipeline.convert.segment import segment
from pipeline.convert.tei import serialise, tei_tree
from pipeline.convert.tei.header import Publication



KIND_WORDS = {"person": "person", "org": "organisation", "place": "place"}


@dataclass
class Conversion:
    """The result of converting one transcript."""

    tei: bytes
    warnings: list[ConverterWarning]
    drops: list[Drop]
    transcript: Transcript


def convert_bytes(data: bytes, source_name: str, decisions: bytes | None = None, catalogue: Entry | None = None,
                  registers: Registers | None = None, publication: Publication = Publication()) -> Conversion:
    """Convert a transcript's bytes; raises ConversionError with a one-line reason for unusable input
    (InvalidTEIError, carrying the TEI, if the result fails the project grammar).

    `decisions`: the editors' decisions file for this transcript (`NAME.decisions.toml`), applied as
    it converts; a decision whose anchor is gone raises DecisionError, located, and nothing is made.
    `catalogue`: the file catalogue's entry for this transcript (its archival reference and title).
    `registers`: the edition's registers of persons, organisations and places; names are linked to
    them and the names they do not know are warned of as candidates.
    `publication`: what the TEI header says of the edition and where its schemas are (the project file's).
    """
    warnings: list[ConverterWarning] = []

    def warn(line: int, code: str, message: str, **review: str | int | None) -> None:
        warnings.append(ConverterWarning(line, code, message, **review))

    text = decode(data, warn)
    lines = text.split("\n")
    decided = anchor(parse_decisions(decisions, _decisions_name(source_name)), lines, _decisions_name(source_name)) if decisions else []
    nodes, drops = collapse_repetitions(read(text, warn), lines, warn)
    nodes = join_broken_paragraphs(assign_roles(nodes, warn))
    cards, nodes = _read_cards(nodes, drops)
    documents = [Document(document_type(part), part, n=index + 1) for index, part in enumerate(segment(nodes, warn, _boundaries(decided)))]
    if not documents:
        raise ConversionError("no text to convert: the transcript holds only Markdown marks or blank lines")
    layouts = [lay_out(document.nodes) for document in documents]
    for document, layout in zip(documents, layouts):
        for block in _blocks(document.nodes):
            mark_dates(block)
        fill_metadata(document, layout)
    hands = _attribute_hands(documents)
    apply_hands(decided, documents, hands)
    apply_readings(decided, documents)
    for document in documents:
        date_from_initials(document)
    reconcile_dates(documents, warn)
    apply_settings(decided, documents)
    for relation in find_relations(documents):
        documents[relation.source - 1].relations.append((relation.kind, relation.target, "of"))
        documents[relation.target - 1].relations.append((relation.kind, relation.source, "at"))
    _place_warnings(warnings, documents)
    if registers is not None:
        _standard_names(documents, registers)
    transcript = Transcript(
        name=source_name, sha256=hashlib.sha256(data).hexdigest(), documents=documents,
        hands=list(hands.declared.values()), warnings=sorted(warnings, key=lambda w: w.line), drops=drops,
        pages=max((block.page for block in _blocks(nodes)), default=1),
    )
    series, piece = folder_series(cards), folder_piece(cards)
    if catalogue is not None and catalogue.reference:
        series, piece = catalogue.series, catalogue.piece
    elif piece:
        warn(1, "reference-from-cards", f"the catalogue gives no reference for {source_name}: {series or 'the series'}/{piece} "
             "is read from its closure cards")
    else:
        warn(1, "reference-missing", f"neither the catalogue nor closure cards give the piece of {source_name}: "
             "editions cite it by its series alone until catalogue.csv gives its reference (e.g. PREM 19/2345)")
    transcript.warnings = sorted(warnings, key=lambda w: w.line)
    root = tei_tree(transcript, layouts, series, piece, catalogue, publication)
    if registers is not None:
        _warn_candidates(link_names(root, registers), documents, warn)
        transcript.warnings = sorted(warnings, key=lambda w: w.line)
    tei = serialise(root, publication.schema)
    check(root, tei, transcript)
    return Conversion(tei, transcript.warnings, drops, transcript)


def _standard_names(documents: list[Document], registers: Registers) -> None:
    """Give each correspondent the registers' standard name, for titles in the editors' style."""
    for document in documents:
        for party in (document.sender, document.addressee):
            match = registers.match("person", party.person, document.date) if party.person else None
            if match is not None:
                party.standard = match.entry.standard


def _warn_candidates(candidates: list[Candidate], documents: list[Document], warn) -> None:
    """One warning per name the registers do not know, at its document's first line, with the command adding it."""
    seen: set[tuple[str, str]] = set()
    for candidate in candidates:
        if (candidate.kind, candidate.name) in seen:
            continue
        seen.add((candidate.kind, candidate.name))
        line = documents[candidate.document - 1].span.first if candidate.document else 1
        command = (f"pipeline registers add person 'FULL NAME' --initials {shlex.quote(candidate.name)}"
                   if candidate.where.startswith("hand ") else f"pipeline registers add {candidate.kind} {shlex.quote(candidate.name)}")
        warn(line, "register-candidate", f"no register entry for the {KIND_WORDS[candidate.kind]} {candidate.name!r} "
             f"({candidate.where}); add one with: {command}", document=candidate.document)


def _decisions_name(source_name: str) -> str:
    return source_name.rsplit(".", 1)[0] + ".decisions.toml"


def _boundaries(decisions: list[Decision]) -> dict[int, str]:
    return {d.line: d.action for d in decisions if d.action in ("split", "join")}


def _place_warnings(warnings: list[ConverterWarning], documents: list[Document]) -> None:
    """Give each warning the number of the document its transcript line fell in."""
    for warning in warnings:
        warning.document = next((d.n for d in documents if d.span.first <= warning.line <= d.span.last), None)


def _read_cards(nodes: list[Node], drops: list[Drop]) -> tuple[list[Card], list[Node]]:
    """Read every closure card; drop its printed instructions, counting them on the card."""
    cards: list[Card] = []
    kept: list[Node] = []
    last_card: Block | None = None
    for node in nodes:
        if isinstance(node, Block) and node.role == "card":
            card, card_drops = read_card(node)
            node.data["card"] = card
            cards.append(card)
            drops.extend(card_drops)
            last_card = node
        if isinstance(node, Block) and node.role == "card-boilerplate":
            drops.append(Drop(node.span, "boilerplate", text_of(node)))
            if last_card is not None:
                last_card.data["boilerplate_lines"] = last_card.data.get("boilerplate_lines", 0) + 1
            continue
        kept.append(node)
    complete_series(cards)
    for node in kept:
        if isinstance(node, Block) and node.role == "card":
            node.inlines = card_description(node.data["card"])
    return cards, kept


def _blocks(nodes: list[Node]) -> list[Block]:
    """Every block, including those inside list items."""
    found: list[Block] = []
    for node in nodes:
        if isinstance(node, Block):
            found.append(node)
            for item in node.items:
                found.extend(_blocks(item.blocks))  # type: ignore[arg-type]
    return found


def _attribute_hands(documents: list[Document]) -> HandRegister:
    names = [party.person for d in documents for party in (d.sender, d.addressee) if party.person and " " in party.person]
    hands = HandRegister(names=names)
    default_year = folder_year(documents)
    for document in documents:
        year = int(document.date[:4]) if document.date else default_year
        for block in _blocks(document.nodes):
            attribute(block, hands, year)
            for row in block.rows:
                for cell in row:
                    attribute(Block("paragraph", block.span, cell), hands, year)
        share_signed_hands(_blocks(document.nodes))
        attribute_signatures(_blocks(document.nodes), hands, document.sender.person)
    return hands
