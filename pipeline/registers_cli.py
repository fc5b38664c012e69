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


@click.group()
def registers() -> None:
    """The registers of persons, organisations and places (registers/*.xml, TEI)."""


@registers.command("list")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None, help=REGISTERS_HELP)
def list_entries(folder: Path) -> None:
    """Print each entry: id, kind, standard name, and how many variants and authority ids it has."""
    folder = _folder(folder)
    if not folder.is_dir():
        _fail(f"no registers folder at {folder} (pipeline registers add makes one)")
    registers_found = _load(folder)
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

    NAME becomes a new entry's standard name; with --standard naming an entry the register has,
    NAME (and --initials) become variants of that entry, else a new entry has --standard as its
    standard name and NAME as a variant. The file is rewritten whole or not at all. Refused when
    an entry already answers to NAME, or when NAME would make another entry's name ambiguous."""
    from lxml import etree

    from pipeline.convert.entities import FILES, ID, KINDS, NS, PREFIXES, TEI, name_key

    folder = _folder(folder)
    name, standard = _clean(name), _clean(standard or name)
    if initials and kind != "person":
        _fail("only a person has initials")
    for text in (name, standard, *initials):
        if not name_key(text) or INVALID_XML.search(text):
            _fail(f"{text!r} is not a name (empty, only a form of address, or characters XML does not allow)")
    known = _load(folder)
    found = known.match(kind, name)
    if found is not None and found.cert is None:
        _fail(f"{name!r} is already a name of {found.entry.id} ({found.entry.standard})")
    target = known.match(kind, standard) if standard != name else None
    target = target.entry if target is not None and target.cert is None else None
    others = {e.id: e.standard for e in known.entries.values() if e.kind == kind and (target is None or e.id != target.id)
              and name_key(name) in {name_key(n) for n in (e.standard, *e.variants)}}
    if others:
        other_id, other = next(iter(others.items()))
        _fail(f"{name!r} is also a name of {other_id} ({other}): adding it would leave both unmatched; "
              "give a fuller form of the name")
    listing, entry_name, name_element = KINDS[kind]
    if target is not None:  # a variant of an entry the register has
        path, tree = _register_file(folder, target.id)
        entry = tree.xpath("//*[@xml:id=$id]", id=target.id)[0]
        names = [("variant", name)] + [("initials", i) for i in initials]
        done = f"added {name!r} to {target.id} ({target.standard})"
    else:
        entry_id = entry_id or _new_id(kind, standard, known.entries)
        if entry_id in known.entries:
            _fail(f"the id {entry_id!r} is taken by {known.entries[entry_id].standard}")
        if not ID.fullmatch(entry_id) or not entry_id.startswith(PREFIXES[kind]):
            _fail(f"the id {entry_id!r} must start {PREFIXES[kind]!r}, then letters, digits, '-', '_', '.'")
        path = folder / FILES[kind]
        tree = _read_tree(path, TEMPLATE.format(title=TITLES[kind], listing=listing).encode())
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
        done = f"added {entry_id} ({standard})"
        names = []
    for name_type, text in names:
        _append_name(entry, f"{{{TEI}}}{name_element}", name_type, text)
    _write(path, tree, folder)
    click.echo(f"{path}: {done}")


#: characters XML 1.0 does not allow in text
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _register_file(folder: Path, entry_id: str):
    """(path, parsed tree) of the register file holding an entry."""
    for path in sorted(folder.glob("*.xml")):
        tree = _read_tree(path)
        if tree.xpath("//*[@xml:id=$id]", id=entry_id):
            return path, tree
    _fail(f"no register file in {folder} holds {entry_id}")


def _read_tree(path: Path, template: bytes | None = None):
    """A register file parsed (hostile input: no DTD, no entities), or the template when it does not exist."""
    from pipeline.safexml import XMLInputError, parse

    if path.is_symlink():
        _fail(f"{path} is a symbolic link: register files must be regular files in the registers folder")
    try:
        data = path.read_bytes() if path.exists() or template is None else template
        return parse(data, name=str(path))
    except (OSError, XMLInputError) as error:
        _fail(f"{path}: {error}")


def _append_name(entry, tag: str, name_type: str, text: str) -> None:
    """A name after the entry's last name (so variants follow the standard name), indented as its siblings."""
    from lxml import etree

    anchor = entry.findall(tag)[-1]
    element = etree.Element(tag, {"type": name_type})
    element.text = text
    element.tail = anchor.tail
    if anchor.getnext() is None:  # the last child: its tail closes the entry
        anchor.tail = entry.text
    anchor.addnext(element)


def _write(path: Path, tree, folder: Path) -> None:
    """Check the register file as it will be, then replace it whole."""
    from lxml import etree

    from pipeline.convert.entities import RegisterError, read_register
    from pipeline.output import atomic_write

    result = etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
    try:
        read_register(result, str(path))
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, result)
    except (RegisterError, OSError) as error:
        _fail(str(error))


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
    from pipeline.convert.entities import PREFIXES

    words = re.sub(r"[^A-Za-z0-9 ]", " ", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()).lower().split()
    if kind == "person" and len(words) > 1:
        words = words[-1:] + words[:-1]
    base = f"{PREFIXES[kind]}{'-'.join(words) or 'entry'}"
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
