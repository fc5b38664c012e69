"""The edition's registers of persons, organisations and places (`registers/*.xml`, TEI), and
matching the names the papers write against them.

A register file is a TEI document whose `standOff` holds a `listPerson`, `listOrg` or `listPlace`.
Each entry has an `xml:id`, one standard name (`persName|orgName|placeName[@type='standard']`),
the variants and initials the papers use, and, for persons, offices with dates (`occupation`).
The registers are parsed once per process (keyed by their bytes) and matched by normalised name.

How sure a match is:

- the standard name or a variant, written as the register has it (with its form of address, if it
  has one: "President Gorbachev"), or a name of several words with a form of address: sure (no @cert);
- a person's name of one word without the form of address the register gives it ("Margaret",
  "Gorbachev"), or with one where the register has none ("Mr Shultz"): `high`;
- initials and surname that fit a registered name ("C Powell" for "C D Powell"; a forename written
  out must be the registered one, so "Colin Powell" is not Charles): `medium`;
- an office ("Prime Minister") held by one registered person at the document's date: `high`;
  `medium` in a year the register dates only by the year, or with no date when one person held it;
- a hand's initials ("CDP"): `medium`.

A form of address is never ignored: "Mrs Reagan" is not President Reagan, and "Lady Carrington" not
Lord Carrington.
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
AUTHORITY_PREFERENCE = ("viaf", "wikidata")  # the identifier CMIF gets when an entry has several
MAX_BYTES = 8 * 1024 * 1024
ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")  # an NCName, used with fullmatch
#: the prefix of each kind's ids, which no id the converter gives has
PREFIXES = {"person": "per-", "org": "org-", "place": "pla-"}


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


@dataclass(frozen=True)
class Match:
    entry: Entry
    cert: str | None  # None: sure


@dataclass
class Registers:
    """Every register entry, with indexes of their names for matching."""

    entries: dict[str, Entry] = field(default_factory=dict)
    digest: str = ""
    #: (kind, key) → (entry, one word, form of address) of every registered name
    _names: dict[tuple[str, str], list[tuple[Entry, bool, str | None]]] = field(default_factory=dict)
    _initials: dict[str, list[Entry]] = field(default_factory=dict)
    #: surname → (entry, given names) of every registered person's name of several words
    _surnames: dict[str, list[tuple[Entry, tuple[str, ...]]]] = field(default_factory=dict)
    _offices: dict[str, list[tuple[Entry, str | None, str | None]]] = field(default_factory=dict)
    _forms: dict[str, set[str]] = field(default_factory=dict)  # entry id → the forms of address its names use
    _longest: dict[str, int] = field(default_factory=dict)  # the most words a name of each kind has, with forms

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        for name in (entry.standard, *entry.variants):
            form, key = name_parts(name)
            if key:
                self._names.setdefault((entry.kind, key), []).append((entry, len(key.split()) == 1, form))
                if form:
                    self._forms.setdefault(entry.id, set()).add(form)
        if entry.kind == "person":
            for initials in entry.initials:
                self._initials.setdefault(_squeezed(initials), []).append(entry)
            for name in (entry.standard, *entry.variants):
                words = name_key(name).split()
                if len(words) > 1:
                    self._surnames.setdefault(words[-1], []).append((entry, tuple(words[:-1])))
            for office, start, end in entry.offices:
                self._offices.setdefault(name_key(office), []).append((entry, start, end))

    def match(self, kind: str, text: str, date: str | None = None) -> Match | None:
        """The one entry of `kind` the name `text` stands for, or None (unknown or ambiguous)."""
        form, key = name_parts(text)
        if not key:
            return None
        fitting = [(entry, one_word, registered) for entry, one_word, registered in self._names.get((kind, key), [])
                   if self._addressed_alike(form, registered, entry)]
        found = _unique(entry for entry, _, _ in fitting)
        if found:
            exact = any((registered == form or (registered is None and not one_word))
                        and not (one_word and kind == "person" and not form)
                        for entry, one_word, registered in fitting if entry is found)
            return Match(found, None if exact or kind != "person" else "high")
        if kind != "person":
            return None
        words = key.split()
        if len(words) > 1:
            fitting_names = _unique(entry for entry, given in self._surnames.get(words[-1], [])
                                    if _given_fit(words[:-1], given) and self._addressed_alike(form, None, entry))
            if fitting_names:
                return Match(fitting_names, "medium")
        return self.match_office(text, date)

    def _addressed_alike(self, form: str | None, registered: str | None, entry: Entry) -> bool:
        """Whether a name addressed with `form` ("MRS") may be the entry's name registered with `registered`:
        the same form, or no form in the text; a registered name without one only when none of the entry's
        names is addressed as the other sex ("Lady Carrington" is not Lord Carrington)."""
        if form is None or form == registered:
            return True
        if registered is not None:
            return False
        sex = _SEX.get(form)
        return sex is None or all(_SEX.get(other) in (None, sex) for other in self._forms.get(entry.id, ()))

    def match_office(self, text: str, date: str | None) -> Match | None:
        """The one holder of an office at a date (`high`; `medium` in a year the register gives only as a year,
        or with no date)."""
        holders = self._offices.get(name_key(text), [])
        if date:
            spans = [(e, start, end) for e, start, end in holders if _within(date, start, end)]
            entry = _unique(e for e, _, _ in spans)
            if entry is None:
                return None
            rough = any(_in_bound_year(date, start, end) for e, start, end in spans if e is entry)
            return Match(entry, "medium" if rough else "high")
        entry = _unique(e for e, start, end in holders)
        return Match(entry, "medium") if entry else None

    def match_initials(self, initials: str) -> Match | None:
        entry = _unique(self._initials.get(_squeezed(initials), []))
        return Match(entry, "medium") if entry else None

    def find(self, kind: str, text: str) -> list[tuple[int, int]]:
        """(start, end) of each name of a kind the registers know in a text, longest first at each word,
        not overlapping: words joined by spaces or full stops, whole words (not part of a hyphenated one).
        Looked up word sequence by word sequence, so a large register costs no more than a small one."""
        longest = self._longest.get(kind)
        if longest is None:
            longest = self._longest[kind] = max((len(key.split()) + 2 for (k, key) in self._names if k == kind), default=0)
        words = [w for w in WORD.finditer(text) if not _hyphenated(text, w.start(), w.end())]
        found: list[tuple[int, int]] = []
        index = 0
        while index < len(words):
            for length in range(min(longest, len(words) - index), 0, -1):
                run = words[index:index + length]
                if any(not JOIN.fullmatch(text, a.end(), b.start()) for a, b in zip(run, run[1:])):
                    continue
                key = name_key(text[run[0].start():run[-1].end()])
                if key and (kind, key) in self._names and _unique(e for e, _, _ in self._names[(kind, key)]):
                    found.append((run[0].start(), run[-1].end()))
                    index += length
                    break
            else:
                index += 1
        return found


WORD = re.compile(r"[^\W_](?:[\w']*[^\W_])?")
JOIN = re.compile(r"\.?[ \t]*|[ \t]+")  # what may stand between the words of one name


def _hyphenated(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] == "-") or (end < len(text) and text[end] == "-")


#: forms of address that say a person's sex
_SEX = {"MR": "m", "SIR": "m", "LORD": "m", "MRS": "f", "MS": "f", "MISS": "f", "LADY": "f", "DAME": "f"}
#: forms of address a name may open with (the first one kept as the name's form), and letters after it
FORMS = {"MR", "MRS", "MS", "MISS", "DR", "SIR", "DAME", "LORD", "LADY", "PRESIDENT", "HE", "HON", "RT", "THE"}
POST_NOMINALS = {"ESQ", "CMG", "KCMG", "GCMG", "CBE", "OBE", "MBE", "KBE", "MVO", "CVO", "LVO", "MP", "QC"}


def name_parts(name: str) -> tuple[str | None, str]:
    """A name's form of address (`MRS`; None) and the name as matched: capitals, full stops and commas
    gone, forms of address and letters after the name dropped, spaces single."""
    words = re.sub(r"[.,()]", " ", name).upper().split()
    form = None
    while words and words[0] in FORMS:
        word = words.pop(0)
        form = form or (word if word not in ("THE", "RT", "HON", "HE") else None)
    while words and words[-1] in POST_NOMINALS | FORMS:
        words.pop()
    return form, " ".join(words)


def name_key(name: str) -> str:
    """A name as matched (see name_parts), without its form of address."""
    return name_parts(name)[1]


def _squeezed(initials: str) -> str:
    return initials.upper().replace(".", "").replace(" ", "")


def _is_initial(word: str) -> bool:
    """`C`, `O'D`: an initial, not a forename written out."""
    return len(word) == 1 or (len(word) <= 3 and "'" in word)


def _given_fit(given: list[str], registered: tuple[str, ...]) -> bool:
    """Whether given names fit a registered name's: position by position, an initial fits a name with
    that initial, a forename written out only the same forename ("Colin" is not "C" Powell)."""
    if len(given) > len(registered):
        return False
    for mine, theirs in zip(given, registered):
        if _is_initial(mine):
            if mine[0] != theirs[0]:
                return False
        elif mine != theirs:
            return False
    return True


def _unique(entries) -> Entry | None:
    found = {entry.id: entry for entry in entries}
    return next(iter(found.values())) if len(found) == 1 else None


def _within(date: str, start: str | None, end: str | None) -> bool:
    """Whether an ISO date falls in an office's span (a year or month bound covers its whole year or month)."""
    day = date[:10]
    return (start is None or day >= start[:10]) and (end is None or day[:len(end)] <= end[:10])


def _in_bound_year(date: str, start: str | None, end: str | None) -> bool:
    """Whether the date falls in a span's first or last period that the register gives less than a day of."""
    return any(bound and len(bound) < 10 and date.startswith(bound) for bound in (start, end))


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
    if not entry_id or not ID.fullmatch(entry_id) or not entry_id.startswith(PREFIXES[kind]):
        raise RegisterError(f"{where}: a {kind} entry needs an xml:id starting {PREFIXES[kind]!r} "
                            "(then letters, digits, '-', '_', '.')")
    nested = next((node for node in element.iterdescendants(*(f"{{{TEI}}}{e}" for _, e, _ in KINDS.values()))), None)
    if nested is not None or etree.QName(element.getparent()).localname != KINDS[kind][0]:
        inner = nested if nested is not None else element
        raise RegisterError(f"{file}:{inner.sourceline}: {inner.get(XML_ID) or 'an entry'} is inside another entry; "
                            "give each entry in the list itself")
    inner = next((node for node in element.iterdescendants() if node.get(XML_ID) is not None), None)
    if inner is not None:
        raise RegisterError(f"{file}:{inner.sourceline}: an xml:id inside the entry {entry_id}; "
                            "only the entry itself has one (the files that use it carry a copy)")
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
