"""The schema narrows TEI P5: every element exists in tei_all, with no attribute and no child it does not allow there."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

from pipeline.odd.compile import DEFAULT_ODD
from pipeline.odd.load import load_odd

TEI_ALL = Path(__file__).resolve().parents[2] / ".cache" / "tei_all.rng"
RNG = "{http://relaxng.org/ns/structure/1.0}"

pytestmark = pytest.mark.skipif(not TEI_ALL.exists(), reason="tei_all.rng is fetched by scripts/setup")


@lru_cache(maxsize=1)
def tei_all() -> dict[str, etree._Element]:
    tree = etree.parse(str(TEI_ALL))
    return {d.get("name"): d for d in tree.iter(f"{RNG}define")}


def _reach(node: etree._Element, seen: set[str]) -> tuple[set[str], set[str]]:
    """Child element names and attribute names reachable from a TEI pattern, without entering child elements."""
    defines = tei_all()
    children: set[str] = set()
    attributes: set[str] = set()
    for child in node:
        if not isinstance(child.tag, str) or not child.tag.startswith(RNG):
            continue
        local = child.tag[len(RNG):]
        if local == "element":
            children.add(child.get("name"))
        elif local == "attribute":
            attributes.add(child.get("name"))
        elif local == "ref":
            name = child.get("name")
            if name in seen:
                continue
            seen.add(name)
            target = defines[name]
            inner = target.find(f"{RNG}element")
            if inner is not None:
                children.add(inner.get("name"))
            else:
                more = _reach(target, seen)
                children |= more[0]
                attributes |= more[1]
        else:
            more = _reach(child, seen)
            children |= more[0]
            attributes |= more[1]
    return children, attributes


@lru_cache(maxsize=None)
def tei_element(name: str) -> tuple[frozenset[str], frozenset[str]]:
    element = tei_all()[name].find(f"{RNG}element")
    children, attributes = _reach(element, set())
    return frozenset(children), frozenset(attributes)


SCHEMA = load_odd(DEFAULT_ODD)


def _our_children(particle) -> set[str]:
    from pipeline.odd import model as m

    if isinstance(particle, m.ElementRef):
        return {particle.key}
    if isinstance(particle, m.ClassRef):
        return set(SCHEMA.class_members(particle.key))
    if isinstance(particle, m.MacroRef):
        return _our_children(SCHEMA.macros[particle.key].content)
    if isinstance(particle, (m.Sequence, m.Alternate)):
        return set().union(*(_our_children(i) for i in particle.items))
    return set()


@pytest.mark.parametrize("name", sorted(SCHEMA.elements))
def test_element_narrows_tei(name):
    assert name in tei_all(), f"<{name}> is not a TEI element"
    tei_children, tei_attributes = tei_element(name)
    element = SCHEMA.elements[name]
    extra_children = _our_children(element.content) - tei_children
    assert not extra_children, f"<{name}> allows children TEI does not: {sorted(extra_children)}"
    extra_attributes = {a.name for a in element.attributes} - tei_attributes
    assert not extra_attributes, f"<{name}> allows attributes TEI does not: {sorted(extra_attributes)}"
