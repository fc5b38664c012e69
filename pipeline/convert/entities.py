"""The edition's registers of persons, organisations and places (`registers/*.xml`, TEI), and
matching the names the papers write against them.

A register file is a TEI document whose `standOff` holds a `listPerson`, `listOrg` or `listPlace`.
Each entry has an `xml:id`, one standard name (`persName|orgName|placeName[@type='standard']`),
the variants and initials the papers use, and, for persons, offices with dates (`occupation`).
The registers are parsed once per process (keyed by their bytes) and matched by normalised name.

How sure a match is:

- the standard name or a variant of several words, written as the register has it: sure (no @cert);
- a person's variant of one word (a forename a letter is signed with, "Margaret"): `high`;
- initials and surname that fit a registered name ("C Powell" for "C D Powell"): `medium`;
- an office ("Prime Minister") held by one registered person at the document's date: `high`;
  with no date, by the only person the register gives that office: `medium`;
- a hand's initials ("CDP"): `medium`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from pipeline.convert.decode import ConversionError
from pipeline.safexml import XMLInputError, parse

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": TEI}
#: register kind → (list element, entry element, name element)
KINDS = {"person": ("listPerson", "person", "persName"), "org": ("listOrg", "org", "orgName"),
         "place": ("listPlace", "place", "placeName")}
#: the register file each kind is kept in by default
FILES = {"person": "persons.xml", "org": "organisations.xml", "place": "places.xml"}
#: authority identifiers an entry may carry, with the form each must have
AUTHORITIES = {"wikidata": re.compile(r"Q[1-9][0-9]*"), "viaf": re.compile(r"[1-9][0-9]*")}
AUTHORITY_URIS = {"wikidata": "http://www.wikidata.org/entity/{}", "viaf": "http://viaf.org/viaf/{}"}
#: words around a name that are not part of it (forms of address, honours)
HONORIFICS = {"MR", "MRS", "MS", "MISS", "DR", "SIR", "DAME", "LORD", "LADY", "PRESIDENT", "ESQ", "CMG", "KCMG",
              "GCMG", "CBE", "OBE", "MBE", "KBE", "MVO", "CVO", "LVO", "HE", "HON", "RT", "THE"}
MAX_BYTES = 8 * 1024 * 1024
ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


class RegisterError(ConversionError):
    """A register file that cannot be used, located at its file and line."""


@dataclass(frozen=True)
class Entry:
    """One register entry: its kind, id, standard name, the forms of its name, offices and identifiers."""

    kind: str
    id: str
    standard: str
    variants: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()
    offices: tuple[tuple[str, str | None, str | None], ...] = ()  # (office, from, to), ISO dates or years
    authorities: tuple[tuple[str, str], ...] = ()  # (type, value)
    xml: bytes = b""  # the entry as its register has it, copied into the TEI files that use it

    def authority_uri(self) -> str | None:
        """The entry's first authority identifier as a URI (VIAF before Wikidata), for CMIF."""
        by_type = dict(self.authorities)
        for kind in ("viaf", "wikidata"):
            if kind in by_type:
                return AUTHORITY_URIS[kind].format(by_type[kind])
        return None


@dataclass(frozen=True)
class Match:
    entry: Entry
    cert: str | None  # None: sure


@dataclass
class Registers:
    """Every register entry, with indexes of their names for matching."""

    entries: dict[str, Entry] = field(default_factory=dict)
    digest: str = ""
    _names: dict[tuple[str, str], list[tuple[Entry, bool]]] = field(default_factory=dict)  # (kind, key) → (entry, one word)
    _initials: dict[str, list[Entry]] = field(default_factory=dict)
    _surnames: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    _offices: dict[str, list[tuple[Entry, str | None, str | None]]] = field(default_factory=dict)
    _finders: dict[str, re.Pattern[str] | None] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        for name in (entry.standard, *entry.variants):
            key = name_key(name)
            if key:
                self._names.setdefault((entry.kind, key), []).append((entry, len(key.split()) == 1))
        if entry.kind == "person":
            for initials in entry.initials:
                self._initials.setdefault(initials.upper().replace(".", "").replace(" ", ""), []).append(entry)
            for name in (entry.standard, *entry.variants):
                words = name_key(name).split()
                if len(words) > 1:
                    self._surnames.setdefault((words[-1], _initials_of(words[:-1])), []).append(entry)
            for office, start, end in entry.offices:
                self._offices.setdefault(name_key(office), []).append((entry, start, end))

    def match(self, kind: str, text: str, date: str | None = None) -> Match | None:
        """The one entry of `kind` the name `text` stands for, or None (unknown or ambiguous)."""
        key = name_key(text)
        if not key:
            return None
        found = _unique(entry for entry, one_word in self._names.get((kind, key), []))
        if found:
            one_word = all(single for entry, single in self._names[(kind, key)] if entry is found)
            return Match(found, "high" if one_word and kind == "person" else None)
        if kind != "person":
            return None
        words = key.split()
        if len(words) > 1:
            fitting = _unique(e for initials, entries in self._surname_candidates(words) for e in entries)
            if fitting:
                return Match(fitting, "medium")
        return self.match_office(text, date)

    def match_office(self, text: str, date: str | None) -> Match | None:
        holders = self._offices.get(name_key(text), [])
        if date:
            entry = _unique(e for e, start, end in holders if _within(date, start, end))
            return Match(entry, "high") if entry else None
        entry = _unique(e for e, start, end in holders)
        return Match(entry, "medium") if entry else None

    def match_initials(self, initials: str) -> Match | None:
        entry = _unique(self._initials.get(initials.upper().replace(".", "").replace(" ", ""), []))
        return Match(entry, "medium") if entry else None

    def _surname_candidates(self, words: list[str]):
        """Entries whose surname is the name's last word and whose given names fit its initials."""
        given = _initials_of(words[:-1])
        for (surname, initials), entries in self._surnames.items():
            if surname == words[-1] and given and (initials.startswith(given) or given.startswith(initials)):
                yield initials, entries

    def finder(self, kind: str) -> re.Pattern[str] | None:
        """One pattern finding every unambiguous name of a kind in text (longest first), made once."""
        if kind not in self._finders:
            names = sorted({name for entry in self.entries.values() if entry.kind == kind
                            for name in (entry.standard, *entry.variants)
                            if name_key(name) and _unique(e for e, _ in self._names[(kind, name_key(name))])},
                           key=lambda n: -len(n))
            self._finders[kind] = re.compile(
                r"(?<![\w'])(?:" + "|".join(_written(name) for name in names) + r")(?![\w'])", re.IGNORECASE) if names else None
        return self._finders[kind]


def _written(name: str) -> str:
    """A name as it may be written: any case, full stops or spaces between initials."""
    return r"(?:\.[ \t]*|[ \t]+)".join(re.escape(word) for word in re.sub(r"[.,]", " ", name).split())


def name_key(name: str) -> str:
    """A name as matched: capitals, full stops and commas gone, honorifics dropped, spaces single."""
    words = re.sub(r"[.,()]", " ", name).upper().split()
    while words and words[0] in HONORIFICS:
        words.pop(0)
    while words and words[-1] in HONORIFICS:
        words.pop()
    return " ".join(words)


def _initials_of(words: list[str]) -> str:
    """The initials of given names (`CHARLES DAVID` → `CD`, `C D` → `CD`, `O'D` → `O`)."""
    return "".join(word[0] for word in words if word[0].isalpha())


def _unique(entries) -> Entry | None:
    found = {entry.id: entry for entry in entries}
    return next(iter(found.values())) if len(found) == 1 else None


def _within(date: str, start: str | None, end: str | None) -> bool:
    """Whether an ISO date falls in an office's span (a year bound covers its whole year)."""
    day = date[:10]
    return (start is None or day >= start[:10]) and (end is None or day[:len(end)] <= end[:10])


def read_register(data: bytes, name: str) -> list[Entry]:
    """The entries of one register file; RegisterError (file and line) for what cannot be used."""
    if len(data) > MAX_BYTES:
        raise RegisterError(f"{name}: {len(data):,} bytes, more than the {MAX_BYTES:,} a register may have")
    try:
        root = parse(data, name=name).getroot()
    except XMLInputError as error:
        raise RegisterError(str(error)) from None
    if root.tag != f"{{{TEI}}}TEI":
        raise RegisterError(f"{name}:{root.sourceline}: the root element is not a TEI `TEI` element")
    entries = []
    for kind, (_, entry_name, name_element) in KINDS.items():
        for element in root.iterfind(f"t:standOff//t:{entry_name}", NS):
            entries.append(_entry(kind, element, name_element, name))
    return entries


def _entry(kind: str, element: etree._Element, name_element: str, file: str) -> Entry:
    where = f"{file}:{element.sourceline}"
    entry_id = element.get(XML_ID)
    if not entry_id or not ID.match(entry_id):
        raise RegisterError(f"{where}: a {kind} entry needs an xml:id "
                            "(letters, digits, '-', '_', '.'; not starting with a digit)")
    names = {"standard": [], "variant": [], "initials": []}
    for child in element.iterfind(f"t:{name_element}", NS):
        text = " ".join("".join(child.itertext()).split())
        if child.get("type") not in names:
            raise RegisterError(f"{file}:{child.sourceline}: {name_element} of {entry_id} "
                                "needs type 'standard', 'variant' or 'initials'")
        if text:
            names[child.get("type")].append(text)
    if len(names["standard"]) != 1:
        raise RegisterError(f"{where}: {entry_id} needs exactly one {name_element} of type 'standard'")
    authorities = []
    for idno in element.iterfind("t:idno", NS):
        kind_of, value = idno.get("type"), (idno.text or "").strip()
        if kind_of not in AUTHORITIES or not AUTHORITIES[kind_of].fullmatch(value):
            raise RegisterError(f"{file}:{idno.sourceline}: {entry_id}'s identifier {value!r} (type {kind_of!r}) is not "
                                "a Wikidata id (Q123) or a VIAF id (digits)")
        authorities.append((kind_of, value))
    offices = tuple((" ".join("".join(o.itertext()).split()), o.get("from") or o.get("when"), o.get("to") or o.get("when"))
                    for o in element.iterfind("t:occupation", NS))
    copy = etree.fromstring(etree.tostring(element, with_tail=False))
    etree.strip_elements(copy, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for node in copy.iter():  # the register's indentation: the TEI writer indents its own way
        if len(node) and not (node.text or "").strip():
            node.text = None
        if not (node.tail or "").strip():
            node.tail = None
    return Entry(kind, entry_id, names["standard"][0], tuple(names["variant"]), tuple(names["initials"]), offices,
                 tuple(authorities), etree.tostring(copy, with_tail=False))


def registers_from(files: tuple[tuple[str, bytes], ...]) -> Registers:
    """The registers made of (name, bytes) register files, parsed once per process for the same bytes."""
    return _compiled(files)


@lru_cache(maxsize=4)
def _compiled(files: tuple[tuple[str, bytes], ...]) -> Registers:
    registers = Registers(digest=hashlib.sha256(repr(files).encode()).hexdigest()[:16])
    for name, data in files:
        for entry in read_register(data, name):
            if entry.id in registers.entries:
                raise RegisterError(f"{name}: the id {entry.id!r} is used by two register entries")
            registers.add(entry)
    return registers
