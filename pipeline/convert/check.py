"""The converter's own check: every TEI file it makes is valid against the project grammar.

The compiled RELAX NG (the committed `schema/compiled/pmo.rng`, or the package's copy) is compiled
once per process. An invalid result is a ConversionError naming the document and its transcript
lines, carrying the TEI so the caller can keep it aside for the editor; it is never written as if
it were good.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from pipeline.convert.decode import ConversionError
from pipeline.convert.model import Transcript

TEI_NS = "{http://www.tei-c.org/ns/1.0}"


class InvalidTEIError(ConversionError):
    """The converter made TEI its schema rejects; `tei` holds it, for keeping aside."""

    def __init__(self, message: str, tei: bytes) -> None:
        super().__init__(message)
        self.tei = tei


@lru_cache(maxsize=1)
def grammar() -> etree.RelaxNG:
    """The project's compiled RELAX NG grammar, compiled once per process."""
    from pipeline.validate import COMPILED, SCHEMA_NAME

    return etree.RelaxNG(etree.parse(str(COMPILED / f"{SCHEMA_NAME}.rng")))


def check(root: etree._Element, tei: bytes, transcript: Transcript) -> None:
    """Raise InvalidTEIError if the TEI tree `root` (serialised as `tei`) is not valid against the project
    grammar. The tree is validated as built; only an invalid file is parsed again, to locate the fault."""
    relaxng = grammar()
    if relaxng.validate(root):
        return
    parsed = etree.fromstring(tei)
    relaxng.validate(parsed)
    error = relaxng.error_log.last_error
    where = _document_at(parsed, error.line if error else 0, transcript)
    raise InvalidTEIError(f"{where}: the converter made TEI its schema rejects ({error.message if error else 'invalid'}); "
                          "kept aside, not written", tei)


def _document_at(root: etree._Element, line: int, transcript: Transcript) -> str:
    """`line 34 (document 2)`: the transcript line of the document holding the TEI line."""
    divisions = root.findall(f"{TEI_NS}text/{TEI_NS}body/{TEI_NS}div")
    index = 0
    for position, division in enumerate(divisions):
        if division.sourceline is not None and division.sourceline <= line:
            index = position
    if line and divisions and transcript.documents and index < len(transcript.documents):
        document = transcript.documents[index]
        return f"line {document.span.first} (document {document.n})"
    return "line 1"
