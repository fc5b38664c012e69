"""Write the ODD's constraintSpecs as one ISO Schematron schema: one pattern per constraintSpec.

The pattern's id is the constraintSpec's ident, which every message carries. A bare
``sch:assert``/``sch:report`` in an elementSpec's constraint gets a rule whose context
is that element.
"""

from __future__ import annotations

from lxml import etree

from pipeline.odd import model as m
from pipeline.odd.rng import plain

SCH = "http://purl.oclc.org/dsdl/schematron"


def _s(tag: str, parent: etree._Element | None = None, **attributes: str) -> etree._Element:
    if parent is None:
        return etree.Element(f"{{{SCH}}}{tag}", attributes)
    return etree.SubElement(parent, f"{{{SCH}}}{tag}", attributes)


def to_schematron(schema: m.Schema, source: str) -> bytes:
    """The Schematron schema for the rules of `schema`, compiled from the ODD at `source`."""
    root = etree.Element(f"{{{SCH}}}schema", {"queryBinding": "xslt2"}, nsmap={"sch": SCH})
    _s("title", root).text = f"{schema.title}: the rules a grammar cannot say"
    _s("p", root).text = f"Generated from {source} by `pipeline schema`: do not edit; edit the ODD and recompile."
    for prefix, uri in schema.schematron_ns:
        _s("ns", root, prefix=prefix, uri=uri)
    for rule in schema.rules:
        parts = [etree.fromstring(xml) for xml in rule.xml]
        parts = [p for p in parts if etree.QName(p).localname != "ns"]
        if not parts:
            continue  # namespace declarations only: they are the schema's
        if len(parts) == 1 and etree.QName(parts[0]).localname == "pattern":
            pattern = parts[0]
            pattern.set("id", rule.ident)
            root.append(pattern)
            continue
        pattern = _s("pattern", root, id=rule.ident)
        _s("title", pattern).text = plain(rule.gloss) or rule.ident
        bare: etree._Element | None = None
        for part in parts:
            local = etree.QName(part).localname
            if local in ("assert", "report"):
                if bare is None:
                    bare = _s("rule", pattern, context=f"tei:{rule.context_element}")
                bare.append(part)
            else:
                pattern.append(part)
    etree.cleanup_namespaces(root, top_nsmap={"sch": SCH})
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
