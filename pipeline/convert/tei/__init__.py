"""The model → a TEI P5 document (lxml tree → bytes). No file I/O, no clock: same model, same bytes."""

from __future__ import annotations

import re

from lxml import etree

from pipeline.convert.catalogue import Entry
from pipeline.convert.layout import Layout
from pipeline.convert.model import Transcript
from pipeline.convert.tei.body import division
from pipeline.convert.tei.header import SCHEMA_URL, Publication, header
from pipeline.convert.tei.tree import el, indent


def file_id(name: str) -> str:
    """An xml:id for a transcript file: its stem, made an NCName (`001_2bc…` → `f001_2bc…`)."""
    stem = re.sub(r"\.[^.]*$", "", name)
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", stem) or "transcript"
    return stem if re.match(r"[A-Za-z_]", stem) else f"f{stem}"


def document_ids(transcript: Transcript) -> dict[int, str]:
    base = file_id(transcript.name)
    return {document.n: f"{base}.d{document.n:02d}" for document in transcript.documents}


def to_tei(transcript: Transcript, layouts: list[Layout], series: str | None = None, piece: str | None = None,
           catalogue: Entry | None = None, publication: Publication = Publication()) -> bytes:
    """Serialise a converted transcript as a TEI file (UTF-8, with xml-model instructions)."""
    return serialise(tei_tree(transcript, layouts, series, piece, catalogue, publication), publication.schema)


def tei_tree(transcript: Transcript, layouts: list[Layout], series: str | None = None, piece: str | None = None,
             catalogue: Entry | None = None, publication: Publication = Publication()) -> etree._Element:
    """A converted transcript as a TEI tree (its root `TEI` element); `catalogue`: the file's catalogue entry."""
    ids = document_ids(transcript)
    root = el(None, "TEI", {"xml:id": file_id(transcript.name), "xml:lang": "en"})
    header(root, transcript, ids, series, piece, catalogue, publication)
    body = el(el(root, "text"), "body")
    for document, layout in zip(transcript.documents, layouts):
        attrs = {"type": document.type, "xml:id": ids[document.n], "n": str(document.n)}
        if document.type != "closureCard":
            attrs["decls"] = f"#cd-d{document.n:02d}"
        division(body, layout, attrs)
    indent(root)
    return root


def serialise(root: etree._Element, schema: str = SCHEMA_URL) -> bytes:
    """The TEI file's bytes (UTF-8), with the xml-model instructions naming its schemas (`schema`: the
    RELAX NG's address; the Schematron's is beside it)."""
    tree = etree.ElementTree(root)
    schematron = re.sub(r"\.rng$", ".sch", schema)
    for href, namespace in ((schema, "http://relaxng.org/ns/structure/1.0"), (schematron, "http://purl.oclc.org/dsdl/schematron")):
        root.addprevious(etree.ProcessingInstruction("xml-model", f'href="{href}" type="application/xml" schematypens="{namespace}"'))
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
