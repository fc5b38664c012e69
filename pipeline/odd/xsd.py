"""Write the schema as W3C XML Schema 1.0: one global element declaration per element.

Model classes and macros are expanded in place (XSD has no equivalent that keeps the
Unique Particle Attribution rule), alternations are flattened and de-duplicated.
Content that XSD cannot express the same way as RELAX NG (text outside a repeated
alternation) is refused with the element's name, never approximated.
"""

from __future__ import annotations

from lxml import etree

from pipeline.odd import model as m
from pipeline.odd.rng import plain

XS = "http://www.w3.org/2001/XMLSchema"
XML_NS = m.XML_NS
#: Only these xml:* attributes exist in the XML namespace schema that XSD imports.
XML_ATTRIBUTES = {"xml:id", "xml:lang", "xml:space", "xml:base"}


class XsdError(ValueError):
    """The ODD says something this XSD writer cannot express exactly."""


def _x(tag: str, parent: etree._Element | None = None, **attributes: str) -> etree._Element:
    if parent is None:
        return etree.Element(f"{{{XS}}}{tag}", attributes)
    return etree.SubElement(parent, f"{{{XS}}}{tag}", attributes)


def _occurs(node: etree._Element, particle_min: int, particle_max: int) -> None:
    if particle_min != 1:
        node.set("minOccurs", str(particle_min))
    if particle_max != 1:
        node.set("maxOccurs", "unbounded" if particle_max == m.UNBOUNDED else str(particle_max))


def to_xsd(schema: m.Schema, source: str) -> bytes:
    """The XML Schema for `schema`, compiled from the ODD at `source`."""
    root = etree.Element(
        f"{{{XS}}}schema",
        {"targetNamespace": schema.namespace, "elementFormDefault": "qualified"},
        nsmap={"xs": XS, "tei": schema.namespace},
    )
    annotation = _x("annotation", root)
    _x("documentation", annotation).text = (
        f"{schema.title}. Generated from {source} by `pipeline schema`: do not edit; edit the ODD and recompile."
    )
    _x("import", root, namespace=XML_NS, schemaLocation="http://www.w3.org/2001/xml.xsd")
    writer = _Writer(schema)
    # One named simple type per dataSpec: a pattern is then compiled once, not per attribute.
    for spec in schema.datatypes.values():
        simple = _x("simpleType", root, name=spec.ident)
        _x("documentation", _x("annotation", simple)).text = f"({plain(spec.gloss)}) {plain(spec.desc)}"
        writer.simple_type(simple, spec.datatype)
    for element in schema.elements.values():
        declaration = _x("element", root, name=element.ident)
        doc = _x("annotation", declaration)
        _x("documentation", doc).text = f"({plain(element.gloss)}) {plain(element.desc)}"
        complex_type = _x("complexType", declaration)
        mixed, particle = writer.content(element)
        if mixed:
            complex_type.set("mixed", "true")
        if particle is not None:
            # A complex type holds one model group: anything but a sequence goes inside one.
            holder = complex_type if isinstance(particle, m.Sequence) else _x("sequence", complex_type)
            writer.particle(holder, particle, element.ident)
        for att in element.attributes:
            writer.attribute(complex_type, att, element.ident)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


class _Writer:
    def __init__(self, schema: m.Schema) -> None:
        self.schema = schema

    def expand(self, particle: m.Particle) -> m.Particle:
        """Replace macros by their content and classes by an alternation of their elements."""
        if isinstance(particle, m.MacroRef):
            inner = self.expand(self.schema.macros[particle.key].content)
            if (particle.min_occurs, particle.max_occurs) == (1, 1):
                return inner
            return m.Sequence(particle.min_occurs, particle.max_occurs, (inner,))
        if isinstance(particle, m.ClassRef):
            members = tuple(m.ElementRef(key=name) for name in self.schema.class_members(particle.key))
            return m.Alternate(particle.min_occurs, particle.max_occurs, members)
        if isinstance(particle, (m.Sequence, m.Alternate)):
            return type(particle)(particle.min_occurs, particle.max_occurs, tuple(self.expand(i) for i in particle.items))
        return particle

    def content(self, element: m.ElementSpec) -> tuple[bool, m.Particle | None]:
        particle = self.expand(element.content)
        if isinstance(particle, m.TextNode):
            return True, None
        if isinstance(particle, m.Empty):
            return False, None
        if isinstance(particle, m.Alternate) and any(isinstance(i, m.TextNode) for i in particle.items):
            if (particle.min_occurs, particle.max_occurs) != (0, m.UNBOUNDED):
                raise XsdError(f"<{element.ident}>: text in an alternation that is not repeatable (0..unbounded) cannot be written to XSD")
            items = tuple(i for i in particle.items if not isinstance(i, m.TextNode))
            self.refuse_text(items, element.ident)
            return True, m.Alternate(0, m.UNBOUNDED, items) if items else None
        self.refuse_text((particle,), element.ident)
        return False, particle

    def refuse_text(self, items, ident: str) -> None:
        for item in items:
            if isinstance(item, m.TextNode):
                raise XsdError(f"<{ident}>: text outside a repeatable alternation cannot be written to XSD")
            if isinstance(item, (m.Sequence, m.Alternate)):
                self.refuse_text(item.items, ident)
            if isinstance(item, m.Empty) and len(items) > 1:
                raise XsdError(f"<{ident}>: <empty/> among other particles cannot be written to XSD")

    def flatten(self, particle: m.Alternate) -> list[m.Particle]:
        """An alternation's items with nested single alternations merged and duplicate elements dropped."""
        found: list[m.Particle] = []
        seen: set[str] = set()
        for item in particle.items:
            if isinstance(item, m.Alternate) and (item.min_occurs, item.max_occurs) == (1, 1):
                candidates = self.flatten(item)
            else:
                candidates = [item]
            for candidate in candidates:
                if isinstance(candidate, m.ElementRef) and (candidate.min_occurs, candidate.max_occurs) == (1, 1):
                    if candidate.key in seen:
                        continue
                    seen.add(candidate.key)
                found.append(candidate)
        return found

    def particle(self, parent: etree._Element, particle: m.Particle, ident: str) -> None:
        if isinstance(particle, m.ElementRef):
            node = _x("element", parent, ref=f"tei:{particle.key}")
            _occurs(node, particle.min_occurs, particle.max_occurs)
        elif isinstance(particle, m.Alternate):
            items = self.flatten(particle)
            if len(items) == 1 and isinstance(items[0], m.ElementRef) and (items[0].min_occurs, items[0].max_occurs) == (1, 1):
                node = _x("element", parent, ref=f"tei:{items[0].key}")
                _occurs(node, particle.min_occurs, particle.max_occurs)
                return
            node = _x("choice", parent)
            _occurs(node, particle.min_occurs, particle.max_occurs)
            for item in items:
                self.particle(node, item, ident)
        elif isinstance(particle, m.Sequence):
            node = _x("sequence", parent)
            _occurs(node, particle.min_occurs, particle.max_occurs)
            for item in particle.items:
                self.particle(node, item, ident)
        elif isinstance(particle, m.Empty):
            return
        else:
            raise XsdError(f"<{ident}>: {type(particle).__name__} cannot be written to XSD here")

    def attribute(self, parent: etree._Element, att: m.AttDef, ident: str) -> None:
        use = "required" if att.required else "optional"
        if att.namespace:
            if att.name not in XML_ATTRIBUTES:
                raise XsdError(f"<{ident}>: @{att.name} is not in the XML namespace schema")
            node = _x("attribute", parent, ref=att.name)
            if att.required:
                node.set("use", use)
            return
        node = _x("attribute", parent, name=att.name)
        if att.required:
            node.set("use", use)
        doc = _x("annotation", node)
        _x("documentation", doc).text = f"({plain(att.gloss)}) {plain(att.desc)}"
        named = None if att.closed else self.type_name(att)
        if att.list_of:
            simple = _x("simpleType", node)
            restriction = _x("restriction", simple)
            listing = _x("list", _x("simpleType", restriction))
            if named:
                listing.set("itemType", named)
            else:
                self.simple_type(_x("simpleType", listing), att.datatype)
            _x("minLength", restriction, value="1")
        elif named:
            node.set("type", named)
        else:
            self.simple_type(_x("simpleType", node), att.datatype)

    def type_name(self, att: m.AttDef) -> str | None:
        """The XSD name of the attribute's datatype, if it is a dataSpec or a plain built-in type."""
        if att.datatype_name in self.schema.datatypes:
            return f"tei:{att.datatype_name}"
        if isinstance(att.datatype, m.XsdType) and not att.datatype.pattern:
            return f"xs:{att.datatype.name}"
        return None

    def simple_type(self, simple: etree._Element, value: m.Datatype) -> None:
        if isinstance(value, m.XsdType):
            restriction = _x("restriction", simple, base=f"xs:{value.name}")
            if value.pattern:
                _x("pattern", restriction, value=value.pattern)
        elif isinstance(value, m.Enumeration):
            restriction = _x("restriction", simple, base="xs:token")
            for item in value.values:
                _x("enumeration", restriction, value=item.ident)
        elif isinstance(value, m.Union):
            union = _x("union", simple)
            for member in value.members:
                self.simple_type(_x("simpleType", union), member)
