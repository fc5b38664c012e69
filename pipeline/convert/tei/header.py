"""The TEI header: what the file is, where it came from, how it was encoded, hands and correspondence."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from pipeline import __version__
from pipeline.convert.catalogue import Entry
from pipeline.convert.model import Block, Correspondent, Document, HandDecl, Transcript
from pipeline.convert.registers import register
from pipeline.convert.titles import document_title, file_title, format_date, word_cases
from pipeline.convert.tei.tree import append_text, el

PUBLISHER = "The PREM 19 Papers: a digital edition"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_TEXT = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
SCHEMA_URL = "../schema/compiled/pmo.rng"


@dataclass(frozen=True)
class Publication:
    """What a TEI header says of the edition (the project file's, pipeline.project), and the address of
    the RELAX NG schema its xml-model instructions name (the Schematron's is beside it, .sch)."""

    publisher: str = PUBLISHER
    licence: str = LICENCE_TEXT
    licence_url: str = LICENCE_URL
    schema: str = SCHEMA_URL
    archive: str = ""  # the repository holding the papers ("": the converter's register, The National Archives)
    series: str = ""  # the series, where neither the catalogue nor the closure cards give it ("": the register's)


def header(parent: etree._Element, transcript: Transcript, ids: dict[int, str], series: str | None, piece: str | None = None,
           catalogue: Entry | None = None, publication: Publication = Publication()) -> None:
    """Write the teiHeader; `catalogue`, the file's catalogue entry, gives its title (else one is made
    from its documents), covering dates, facsimile and notes; `publication`, what it says of the edition."""
    title = catalogue.title if catalogue is not None else None
    head = el(parent, "teiHeader")
    file_desc = el(head, "fileDesc")
    title_stmt = el(file_desc, "titleStmt")
    cases = word_cases([node for d in transcript.documents for node in d.nodes if isinstance(node, Block)])
    el(title_stmt, "title", {"type": "main"}, title or file_title(transcript.documents, cases))
    resp = el(title_stmt, "respStmt")
    el(resp, "resp", text="Encoded from the OCR transcript by")
    el(resp, "name", {"xml:id": "pipeline"}, f"pipeline {__version__}")
    statement = el(file_desc, "publicationStmt")
    el(statement, "publisher", text=publication.publisher)
    availability = el(statement, "availability", {"status": "free"})
    el(availability, "licence", {"target": publication.licence_url}, publication.licence)
    el(statement, "idno", {"type": "transcript"}, transcript.name)
    el(statement, "idno", {"type": "sha256"}, transcript.sha256)
    archive = register("archive")
    series = series or publication.series or archive["series"]
    ms = el(el(file_desc, "sourceDesc"), "msDesc")
    identifier = el(ms, "msIdentifier")
    if publication.archive:
        el(identifier, "repository", text=publication.archive)
    else:
        el(identifier, "country", text=archive["country"])
        el(identifier, "settlement", text=archive["settlement"])
        el(identifier, "repository", text=archive["repository"])
    el(identifier, "collection", text=series)
    if piece:  # the file's piece, as the catalogue or its closure cards give it: the full archival reference
        el(identifier, "idno", {"type": "reference"}, f"{series}/{piece}")
    contents(ms, transcript, ids, cases)
    if catalogue is not None:
        _catalogued(ms, catalogue)
    _encoding(head)
    _profile(head, transcript, ids)
    revision = el(head, "revisionDesc")
    el(revision, "change", {"who": "#pipeline"}, f"Converted from the OCR transcript {transcript.name} by pipeline {__version__}.")


def _catalogued(ms: etree._Element, entry: Entry) -> None:
    """What the catalogue says of the file beyond its reference and title: its covering dates
    (`history/origin/origDate`), notes (`additional/adminInfo/note`) and facsimile (`surrogates/ref`)."""
    if entry.date_from or entry.date_to:
        dates = [format_date(d) or d for d in (entry.date_from, entry.date_to) if d]
        text = dates[0] if len(set(dates)) == 1 else " – ".join(dates)
        attrs = {"when": entry.date_from} if entry.date_from == entry.date_to else {"from": entry.date_from, "to": entry.date_to}
        el(el(el(ms, "history"), "origin"), "origDate", attrs, text)
    if entry.notes or entry.facsimile:
        additional = el(ms, "additional")
        if entry.notes:
            el(el(additional, "adminInfo"), "note", {"type": "catalogue"}, entry.notes)
        if entry.facsimile:
            el(el(additional, "surrogates"), "ref", {"type": "facsimile", "target": entry.facsimile}, "Images of the file's pages")


def _name(party: Correspondent) -> str | None:
    return party.person or party.org


def _encoding(head: etree._Element) -> None:
    encoding = el(head, "encodingDesc")
    el(el(encoding, "projectDesc"), "p", text=(
        "Converted by pipeline from an OCR transcript of a folder of the UK Prime Minister's Office papers: "
        "one division per document; deletions, additions, changes of hand, withheld documents and redactions "
        "encoded as data."
    ))
    el(el(encoding, "editorialDecl"), "p", text=(
        "Struck-out text is del, interlinear additions add (a deletion followed by additions is a subst), "
        "handwriting is marked by handShift at every change of hand, closure cards and redactions are gap "
        "with a reason from a closed list, OCR repetition loops are kept once and recorded as a gap, "
        "unreadable OCR runs are unclear. The closure cards' printed instructions and unmarked reasons are "
        "boilerplate, omitted and recorded in a note."
    ))
    el(encoding, "schemaRef", {"type": "project", "url": SCHEMA_URL})
    application = el(el(encoding, "appInfo"), "application", {"ident": "pipeline", "version": __version__})
    el(application, "label", text="pipeline convert")


def _profile(head: etree._Element, transcript: Transcript, ids: dict[int, str]) -> None:
    profile = el(head, "profileDesc")
    notes = el(profile, "handNotes")
    for hand in transcript.hands:
        _hand_note(notes, hand)
    for document in transcript.documents:
        if document.type == "closureCard":
            continue
        corresp = el(profile, "correspDesc", {"xml:id": f"cd-d{document.n:02d}", "corresp": f"#{ids[document.n]}"})
        if _name(document.sender) or document.date:
            sent = el(corresp, "correspAction", {"type": "sent"})
            _party(sent, document.sender)
            if document.date:
                el(sent, "date", {"when": document.date}, document.date_text)
        if _name(document.addressee):
            _party(el(corresp, "correspAction", {"type": "received"}), document.addressee)
        _context(corresp, document, transcript, ids)
        if document.classification:
            el(corresp, "note", {"type": "classification"}, document.classification)
        if not len(corresp):
            el(corresp, "note", {"type": "status"}, "The document names no sender, addressee, date or classification that could be read.")


#: (kind, direction) of a relation → the type of its `ref` in `correspContext`
RELATION_TYPES = {("draft", "of"): "draft-of", ("draft", "at"): "has-draft", ("copy", "of"): "copy-of",
                  ("copy", "at"): "has-copy", ("reply", "of"): "prev", ("reply", "at"): "next"}


def _context(corresp: etree._Element, document: Document, transcript: Transcript, ids: dict[int, str]) -> None:
    """The document's related documents of the same file (drafts, copies, replies)."""
    if not document.relations:
        return
    context = el(corresp, "correspContext")
    for kind, other, direction in document.relations:
        el(context, "ref", {"type": RELATION_TYPES[(kind, direction)], "target": f"#{ids[other]}"}, f"No. {other}")


def contents(ms: etree._Element, transcript: Transcript, ids: dict[int, str], cases: dict[str, str]) -> None:
    """The file's documents with the editors' titles (`Powell to the Prime Minister, 2 January 1989`);
    `cases`: how the transcript's text writes its words (titles.word_cases)."""
    contents_element = el(ms, "msContents")
    for document in transcript.documents:
        item = el(contents_element, "msItem", {"n": str(document.n), "corresp": f"#{ids[document.n]}"})
        el(item, "title", text=document_title(document, cases))


def _party(action: etree._Element, party: Correspondent) -> None:
    if party.person:
        el(action, "persName", text=party.person)
    if party.org:
        el(action, "orgName", text=party.org)


def _hand_note(parent: etree._Element, hand: HandDecl) -> None:
    """`<handNote>`: the person where known, the description, and the initials the hand writes."""
    medium = "typescript" if hand.script == "typewritten" else None
    note = el(parent, "handNote", {"xml:id": hand.id, "script": hand.script, "medium": medium})
    if hand.person:
        el(note, "persName", text=hand.person).tail = f": {hand.description}"
    else:
        note.text = hand.description
    if hand.initials:
        append_text(note, " Initials: ")
        el(note, "name", {"type": "initials"}, hand.initials).tail = "."
