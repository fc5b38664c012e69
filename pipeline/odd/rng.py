"""Write the schema as RELAX NG (XML syntax): one define per element, model class and macro.

Attribute classes and datatypes are expanded in place, so every element's define
shows all of its attributes. Documentation goes into ``a:documentation``.
"""

from __future__ import annotations

import html
import re

from lxml import etree

from pipeline.odd import model as m

RNG = "http://relaxng.org/ns/structure/1.0"
ANNOTATIONS = "http://relaxng.org/ns/compatibility/annotations/1.0"
XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"


def plain(fragment: str) -> str:
    """Documentation HTML as plain text."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _r(tag: str, parent: etree._Element | None = None, **attributes: str) -> etree._Element:
    node = etree.Element(f"{{{RNG}}}{tag}", attributes) if parent is None else etree.SubElement(parent, f"{{{RNG}}}{tag}", attributes)
    return node


def _doc(parent: etree._Element, text: str) -> None:
    if text:
        etree.SubElement(parent, f"{{{ANNOTATIONS}}}documentation").text = text


def _gloss_desc(gloss: str, desc: str) -> str:
    return f"({plain(gloss)}) {plain(desc)}" if gloss else plain(desc)


def to_rng(schema: m.Schema, source: str) -> bytes:
    """The RELAX NG grammar for `schema`, compiled from the ODD at `source` (named in a comment)."""
    grammar = etree.Element(
        f"{{{RNG}}}grammar",
        {"ns": schema.namespace, "datatypeLibrary": XSD_DATATYPES},
        nsmap={None: RNG, "a": ANNOTATIONS},
    )
    _doc(grammar, f"{schema.title}. Generated from {source} by `pipeline schema`: do not edit; edit the ODD and recompile.")
    start = _r("start", grammar)
    if len(schema.start) == 1:
        _r("ref", start, name=schema.start[0])
    else:
        choice = _r("choice", start)
        for name in schema.start:
            _r("ref", choice, name=name)
    for element in schema.elements.values():
        define = _r("define", grammar, name=element.ident)
        node = _r("element", define, name=element.ident)
        _doc(node, _gloss_desc(element.gloss, element.desc))
        _particle(node, element.content)
        for att in element.attributes:
            _attribute(node, att)
    used_classes = _used_classes(schema)
    for klass in schema.classes.values():
        if klass.type != "model" or klass.ident not in used_classes:
            continue
        define = _r("define", grammar, name=klass.ident)
        members = [e.ident for e in schema.elements.values() if klass.ident in e.classes]
        members += [c.ident for c in schema.classes.values() if klass.ident in c.member_of and c.ident in used_classes]
        if not members:
            _r("notAllowed", define)
        elif len(members) == 1:
            _r("ref", define, name=members[0])
        else:
            choice = _r("choice", define)
            for member in members:
                _r("ref", choice, name=member)
    for macro in schema.macros.values():
        define = _r("define", grammar, name=macro.ident)
        _particle(define, macro.content)
    return etree.tostring(grammar, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _used_classes(schema: m.Schema) -> set[str]:
    """Model classes referenced by a content model, and every class they contain."""
    used: set[str] = set()

    def visit(particle: m.Particle) -> None:
        if isinstance(particle, (m.Sequence, m.Alternate)):
            for item in particle.items:
                visit(item)
        elif isinstance(particle, m.ClassRef):
            used.add(particle.key)

    for element in schema.elements.values():
        visit(element.content)
    for macro in schema.macros.values():
        visit(macro.content)
    changed = True
    while changed:
        changed = False
        for klass in schema.classes.values():
            if klass.type == "model" and klass.ident not in used and any(p in used for p in klass.member_of):
                used.add(klass.ident)
                changed = True
    return used


def _wrap(parent: etree._Element, particle: m.Particle) -> etree._Element:
    occurrence = (particle.min_occurs, particle.max_occurs)
    if occurrence == (1, 1):
        return parent
    tag = {(0, 1): "optional", (0, m.UNBOUNDED): "zeroOrMore", (1, m.UNBOUNDED): "oneOrMore"}[occurrence]
    return _r(tag, parent)


def _particle(parent: etree._Element, particle: m.Particle) -> None:
    target = _wrap(parent, particle)
    if isinstance(particle, m.Sequence):
        group = _r("group", target) if target is parent and len(particle.items) > 1 else target
        for item in particle.items:
            _particle(group, item)
    elif isinstance(particle, m.Alternate):
        choice = _r("choice", target) if len(particle.items) > 1 else target
        for item in particle.items:
            _particle(choice, item)
    elif isinstance(particle, (m.ElementRef, m.ClassRef, m.MacroRef)):
        _r("ref", target, name=particle.key)
    elif isinstance(particle, m.TextNode):
        _r("text", target)
    elif isinstance(particle, m.Empty):
        _r("empty", target)
    else:  # pragma: no cover - the loader builds no other particle
        raise TypeError(particle)


def _attribute(parent: etree._Element, att: m.AttDef) -> None:
    holder = parent if att.required else _r("optional", parent)
    attributes = {"name": att.local_name}
    if att.namespace:
        attributes["ns"] = att.namespace
    node = _r("attribute", holder, **attributes)
    _doc(node, _gloss_desc(att.gloss, att.desc))
    target = node
    if att.list_of:
        target = _r("oneOrMore", _r("list", node))
    datatype(target, att.datatype)


def datatype(parent: etree._Element, value: m.Datatype) -> None:
    """Write a datatype as a RELAX NG pattern."""
    if isinstance(value, m.XsdType):
        data = _r("data", parent, type=value.name)
        if value.pattern:
            _r("param", data, name="pattern").text = value.pattern
    elif isinstance(value, m.Enumeration):
        target = _r("choice", parent) if len(value.values) > 1 else parent
        for item in value.values:
            _r("value", target).text = item.ident
    elif isinstance(value, m.Union):
        choice = _r("choice", parent)
        for member in value.members:
            datatype(choice, member)
