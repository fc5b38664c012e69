"""`pipeline registers`: list the edition's registers, and add the names the converter could not match."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import click

REGISTERS_HELP = "The registers folder (default: the project file's, else registers/)."
TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title type="main">{title}</title></titleStmt>
      <publicationStmt><publisher>The editors of the edition</publisher></publicationStmt>
      <sourceDesc><p>Compiled by the editors from the papers of the edition.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <standOff>
    <{listing}>
    </{listing}>
  </standOff>
</TEI>
"""
TITLES = {"person": "Register of persons", "org": "Register of organisations and offices", "place": "Register of places"}
PREFIXES = {"person": "per", "org": "org", "place": "pla"}


@click.group()
def registers() -> None:
    """The registers of persons, organisations and places (registers/*.xml, TEI)."""


@registers.command("list")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None, help=REGISTERS_HELP)
def list_entries(folder: Path) -> None:
    """Print each entry: id, kind, standard name, and how many variants and authority ids it has."""
    registers_found = _load(_folder(folder))
    for entry in sorted(registers_found.entries.values(), key=lambda e: (e.kind, e.id)):
        ids = " ".join(f"{kind}:{value}" for kind, value in entry.authorities)
        click.echo(f"{entry.id}\t{entry.kind}\t{entry.standard}\t{len(entry.variants)} variants\t{ids}".rstrip())


@registers.command("add")
@click.argument("kind", type=click.Choice(["person", "org", "place"]))
@click.argument("name")
@click.option("--standard", help="The standard form of the name, if NAME is a variant of it (default: NAME).")
@click.option("--id", "entry_id", help="The entry's xml:id (default: made from the name).")
@click.option("--initials", multiple=True, help="Initials the person writes (repeatable).")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None, help=REGISTERS_HELP)
def add(kind: str, name: str, standard: str | None, entry_id: str | None, initials: tuple[str, ...], folder: Path) -> None:
    """Add NAME to the register of KIND (person, org, place), as the converter's candidates suggest.

    The entry gets NAME as its standard name (or --standard, with NAME as a variant); the
    file is rewritten whole or not at all. Refused when an entry already answers to NAME."""
    from lxml import etree

    from pipeline.convert.entities import FILES, KINDS, ID, NS, TEI, RegisterError, read_register
    from pipeline.output import atomic_write
    from pipeline.safexml import XMLInputError, parse

    folder = _folder(folder)
    name, standard = _clean(name), _clean(standard or name)
    if not name:
        _fail("the name is empty")
    known = _load(folder)
    found = known.match(kind, name)
    if found is not None and found.cert is None:
        _fail(f"{name!r} is already a name of {found.entry.id} ({found.entry.standard})")
    entry_id = entry_id or _new_id(kind, standard, known.entries)
    if not ID.match(entry_id) or entry_id in known.entries:
        _fail(f"the id {entry_id!r} is {'taken' if entry_id in known.entries else 'not an NCName'}")
    path = folder / FILES[kind]
    listing, entry_name, name_element = KINDS[kind]
    try:
        data = path.read_bytes() if path.is_file() else TEMPLATE.format(title=TITLES[kind], listing=listing).encode()
        tree = parse(data, name=str(path))
    except (OSError, XMLInputError) as error:
        _fail(f"{path}: {error}")
    parent = tree.getroot().find(f"t:standOff/t:{listing}", NS)
    if parent is None:
        _fail(f"{path}: no standOff/{listing} to add to")
    entry = etree.Element(f"{{{TEI}}}{entry_name}", {"{http://www.w3.org/XML/1998/namespace}id": entry_id})
    if kind == "person":
        entry.set("sortKey", _sort_key(standard))
    names = [("standard", standard)] + ([("variant", name)] if name != standard else []) + [("initials", i) for i in initials]
    for name_type, text in names:
        etree.SubElement(entry, f"{{{TEI}}}{name_element}", {"type": name_type}).text = text
    _append_indented(parent, entry)
    result = etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
    try:
        read_register(result, str(path))
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, result)
    except (RegisterError, OSError) as error:
        _fail(str(error))
    click.echo(f"{path}: added {entry_id} ({standard})")


def _folder(given: Path | None) -> Path:
    """The registers folder: the one given, else the project file's."""
    from pipeline.project import ProjectError, load_project

    try:
        return load_project().override(registers=given).registers
    except ProjectError as error:
        _fail(str(error))


def _load(folder: Path):
    from pipeline.convert.entities import Registers, RegisterError, registers_from
    from pipeline.convert.inputs import read_register_files

    try:
        files = read_register_files(folder)
        return registers_from(files) if files else Registers()
    except (RegisterError, OSError) as error:
        _fail(str(error))


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _new_id(kind: str, name: str, taken) -> str:
    """`per-powell-charles` for Charles Powell: the prefix, then the surname first, ASCII."""
    words = re.sub(r"[^A-Za-z0-9 ]", " ", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()).lower().split()
    if kind == "person" and len(words) > 1:
        words = words[-1:] + words[:-1]
    base = f"{PREFIXES[kind]}-{'-'.join(words) or 'entry'}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _sort_key(name: str) -> str:
    words = re.sub(r"[^\w' -]", "", name).split()
    return ",".join(words[-1:] + words[:-1]) if words else "entry"


def _append_indented(parent, entry) -> None:
    """Append an entry after the last one, indented two spaces a level as the register files are."""
    from pipeline.convert.tei.tree import indent

    depth = sum(1 for _ in parent.iterancestors()) + 1
    if len(parent):
        parent[-1].tail = "\n" + "  " * depth
    else:
        parent.text = "\n" + "  " * depth
    parent.append(entry)
    indent(entry, depth)
    entry.tail = "\n" + "  " * (depth - 1)


def _fail(message: str) -> None:
    click.echo(f"pipeline registers: {message}", err=True)
    sys.exit(1)
