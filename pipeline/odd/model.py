"""The ODD as the compiler sees it: small frozen dataclasses, resolved and ready to write out."""

from __future__ import annotations

from dataclasses import dataclass, field

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
UNBOUNDED = -1


# ---------------------------------------------------------------- content models


@dataclass(frozen=True)
class Particle:
    """Base of content particles; min_occurs/max_occurs as in pure ODD (max UNBOUNDED = no limit)."""

    min_occurs: int = 1
    max_occurs: int = 1


@dataclass(frozen=True)
class Sequence(Particle):
    """Items in this order."""

    items: tuple[Particle, ...] = ()


@dataclass(frozen=True)
class Alternate(Particle):
    """One of the items."""

    items: tuple[Particle, ...] = ()


@dataclass(frozen=True)
class ElementRef(Particle):
    """An element of the schema, by name."""

    key: str = ""


@dataclass(frozen=True)
class ClassRef(Particle):
    """Any member of a model class (an alternation of its members)."""

    key: str = ""


@dataclass(frozen=True)
class MacroRef(Particle):
    """The content of a macro."""

    key: str = ""


@dataclass(frozen=True)
class TextNode(Particle):
    """Character data."""


@dataclass(frozen=True)
class Empty(Particle):
    """No content at all."""


# ---------------------------------------------------------------- datatypes


@dataclass(frozen=True)
class Value:
    """One value of a value list, with its documentation."""

    ident: str
    gloss: str = ""
    desc: str = ""


@dataclass(frozen=True)
class XsdType:
    """An XML Schema built-in datatype, optionally restricted by a pattern."""

    name: str
    pattern: str | None = None


@dataclass(frozen=True)
class Enumeration:
    """A closed list of values."""

    values: tuple[Value, ...]


@dataclass(frozen=True)
class Union:
    """Any of several datatypes."""

    members: tuple[XsdType | Enumeration, ...]


Datatype = XsdType | Enumeration | Union


@dataclass(frozen=True)
class AttDef:
    """One attribute of an element, fully resolved."""

    name: str  # qualified as written: "type", "xml:id"
    required: bool
    datatype: Datatype
    list_of: bool  # a space-separated list of one or more values
    values: tuple[Value, ...]  # documented values (closed or suggested)
    closed: bool
    datatype_name: str  # the dataSpec's ident or the XSD type, for the guidelines
    gloss: str
    desc: str
    examples: tuple[str, ...]
    origin: str  # the class that declared it, or the element itself

    @property
    def namespace(self) -> str:
        return XML_NS if self.name.startswith("xml:") else ""

    @property
    def local_name(self) -> str:
        return self.name.split(":", 1)[1] if ":" in self.name else self.name


# ---------------------------------------------------------------- specs


@dataclass(frozen=True)
class Rule:
    """A Schematron rule set from a constraintSpec: its id, documentation and the rule's XML (sch namespace)."""

    ident: str
    gloss: str
    desc: str
    context_element: str | None  # the elementSpec it belongs to, if any
    xml: tuple[str, ...]  # serialised sch:rule / sch:pattern / sch:let elements


@dataclass(frozen=True)
class ElementSpec:
    """An element: its documentation, classes, content and attributes."""

    ident: str
    module: str
    gloss: str
    desc: str
    classes: tuple[str, ...]  # model classes it is a member of (directly)
    content: Particle
    attributes: tuple[AttDef, ...]
    examples: tuple[str, ...]
    remarks: str
    line: int


@dataclass(frozen=True)
class ClassSpec:
    """A model or attribute class."""

    ident: str
    type: str  # "model" or "atts"
    module: str
    gloss: str
    desc: str
    member_of: tuple[str, ...]
    attributes: tuple[AttDef, ...]  # own attributes (atts classes)
    line: int


@dataclass(frozen=True)
class MacroSpec:
    """A named content model."""

    ident: str
    gloss: str
    desc: str
    content: Particle
    line: int


@dataclass(frozen=True)
class DataSpec:
    """A named datatype."""

    ident: str
    gloss: str
    desc: str
    datatype: Datatype
    line: int


@dataclass(frozen=True)
class Recipe:
    """A task-oriented recipe of the guidelines: how to encode one thing, with examples."""

    ident: str
    heading: str
    html: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Schema:
    """The whole customisation, resolved: elements in ODD order, classes, macros, datatypes, rules."""

    ident: str
    start: tuple[str, ...]
    namespace: str
    title: str
    gloss: str
    desc: str
    elements: dict[str, ElementSpec] = field(default_factory=dict)
    classes: dict[str, ClassSpec] = field(default_factory=dict)
    macros: dict[str, MacroSpec] = field(default_factory=dict)
    datatypes: dict[str, DataSpec] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    schematron_ns: tuple[tuple[str, str], ...] = ()
    prose: tuple[tuple[str, str], ...] = ()  # (heading, html) sections of the ODD's own documentation
    recipes: tuple[Recipe, ...] = ()
    source: str = ""  # the TEI version customised, as schemaSpec/@source gives it ("tei:4.3.0")
    changes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # spec ident -> what the ODD changes in TEI's, in words

    def class_members(self, key: str) -> tuple[str, ...]:
        """The elements of a model class, directly or through its subclasses, in ODD order."""
        found: list[str] = []
        for name, element in self.elements.items():
            if any(self._in_class(c, key, set()) for c in element.classes):
                found.append(name)
        return tuple(found)

    def _in_class(self, klass: str, key: str, seen: set[str]) -> bool:
        if klass == key:
            return True
        if klass in seen or klass not in self.classes:
            return False
        seen.add(klass)
        return any(self._in_class(parent, key, seen) for parent in self.classes[klass].member_of)
