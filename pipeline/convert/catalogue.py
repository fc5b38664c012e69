"""The file catalogue: what the archive says of each transcript's file, kept by the editors.

`catalogue.csv` beside the transcripts, one row a transcript (a spreadsheet editors can keep):

    transcript,reference,title,from,to,facsimile,notes
    001_2bcad8b2cf3253a8.txt,PREM 19/2345,"USSR: human rights; CSCE meeting in Moscow",1988-12-15,1988-12-21,,

`reference` is the archival reference (series and piece, `PREM 19/2345`), `from` and `to` the
file's covering dates (ISO), `facsimile` a URL of page images or a IIIF manifest, `notes` free text.
Only `transcript` is required. Where the catalogue is silent, the converter uses what the transcript
shows (a closure card's series and piece) and says so.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass

from pipeline.convert.decode import ConversionError

COLUMNS = ("transcript", "reference", "title", "from", "to", "facsimile", "notes")
REFERENCE = re.compile(r"^(?P<series>[A-Z]{1,5}\s?\d{1,4})\s*/\s*(?P<piece>\d{1,6}[A-Za-z]?)$")
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
URL = re.compile(r"^https?://\S+$")
MAX_BYTES = 4 * 1024 * 1024


class CatalogueError(ConversionError):
    """A catalogue that cannot be read, located at its row and column."""


@dataclass(frozen=True)
class Entry:
    """One transcript's catalogue row."""

    transcript: str
    reference: str | None = None
    title: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    facsimile: str | None = None
    notes: str | None = None

    @property
    def series(self) -> str | None:
        match = REFERENCE.match(self.reference or "")
        return " ".join(match["series"].split()) if match else None

    @property
    def piece(self) -> str | None:
        match = REFERENCE.match(self.reference or "")
        return match["piece"] if match else None


def read_catalogue(data: bytes, name: str = "catalogue.csv") -> dict[str, Entry]:
    """The catalogue's rows by transcript name; CatalogueError naming the row and column of a bad value."""
    if len(data) > MAX_BYTES:
        raise CatalogueError(f"{name}: {len(data):,} bytes, more than the {MAX_BYTES:,} a catalogue may have")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogueError(f"{name}: not UTF-8 (byte {error.start})") from None
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None:
        return {}
    header = [cell.strip().lower() for cell in header]
    if "transcript" not in header or set(header) - set(COLUMNS):
        raise CatalogueError(f"{name}:1: the header row must name columns of {', '.join(COLUMNS)} (transcript required); "
                             f"it has {', '.join(header)}")
    entries: dict[str, Entry] = {}
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {column: (row[index].strip() if index < len(row) else "") for index, column in enumerate(header)}
        entry = _entry(values, f"{name}:{number}")
        if entry.transcript in entries:
            raise CatalogueError(f"{name}:{number}: {entry.transcript} is catalogued twice")
        entries[entry.transcript] = entry
    return entries


def _real_date(value: str) -> bool:
    """An ISO year, month or day that exists (`1988-02-30` does not)."""
    if not ISO_DATE.match(value):
        return False
    parts = [int(part) for part in value.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _entry(values: dict[str, str], where: str) -> Entry:
    transcript = values.get("transcript", "")
    if not transcript or "/" in transcript or "\\" in transcript:
        raise CatalogueError(f"{where}: transcript must be a transcript's file name, as in sources/")
    reference = values.get("reference") or None
    if reference and not REFERENCE.match(reference):
        raise CatalogueError(f"{where}: reference {reference!r} is not series and piece (expected like PREM 19/2345)")
    for column in ("from", "to"):
        if values.get(column) and not _real_date(values[column]):
            raise CatalogueError(f"{where}: {column} {values[column]!r} is not a date in ISO form (YYYY, YYYY-MM or YYYY-MM-DD)")
    if values.get("from") and values.get("to") and values["from"] > values["to"]:
        raise CatalogueError(f"{where}: the covering dates run backwards ({values['from']} to {values['to']})")
    facsimile = values.get("facsimile") or None
    if facsimile and not URL.match(facsimile):
        raise CatalogueError(f"{where}: facsimile {facsimile!r} is not an http(s) URL")
    return Entry(transcript, reference, values.get("title") or None, values.get("from") or None, values.get("to") or None,
                 facsimile, values.get("notes") or None)
