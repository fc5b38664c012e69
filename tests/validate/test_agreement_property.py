"""Property: for random edits of a valid document, lxml's RELAX NG verdict equals the XSD's, and whenever
libxml2 rejects a document the explainer names at least one problem (so no message is ever vague)."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.odd.explain import Grammar
from pipeline.safexml import parse
from validation_corpus import COMPILED, CORPUS

BASE = parse((CORPUS / "valid" / "telegram.xml").read_bytes(), name="telegram.xml")
ELEMENT_COUNT = sum(1 for e in BASE.getroot().iter() if isinstance(e.tag, str))
RELAXNG = etree.RelaxNG(etree.parse(str(COMPILED / "pmo.rng")))
GRAMMAR = Grammar(COMPILED / "pmo.rng")

edits = st.lists(
    st.tuples(
        st.sampled_from(["remove", "duplicate", "swap", "move", "value", "wrap"]),
        st.integers(min_value=1, max_value=ELEMENT_COUNT - 1),
        st.integers(min_value=0, max_value=ELEMENT_COUNT - 1),
    ),
    min_size=1,
    max_size=3,
)


def _elements(root):
    return [e for e in root.iter() if isinstance(e.tag, str)]


def apply(edits_to_make) -> etree._Element:
    root = copy.deepcopy(BASE.getroot())
    for kind, first, second in edits_to_make:
        elements = _elements(root)
        a = elements[first % len(elements)]
        b = elements[second % len(elements)]
        parent = a.getparent()
        if parent is None:
            continue
        if kind == "remove":
            parent.remove(a)
        elif kind == "duplicate":
            a.addnext(copy.deepcopy(a))
        elif kind == "swap" and a.getnext() is not None:
            a.getnext().addnext(a)
        elif kind == "move" and a not in b.iterancestors() and a is not b:
            b.append(a)
        elif kind == "value" and a.attrib:
            key = sorted(a.attrib)[second % len(a.attrib)]
            a.set(key, "not a value")
        elif kind == "wrap":
            wrapper = etree.Element(b.tag)
            parent.replace(a, wrapper)
            wrapper.append(a)
    return root


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_relaxng_xsd_and_explainer_agree(xsd, edits_to_make):
    root = apply(edits_to_make)
    document = etree.ElementTree(root)
    relaxng_valid = bool(RELAXNG.validate(document))
    assert relaxng_valid == bool(xsd.is_valid(document))
    ids = root.xpath("//@xml:id")
    problems = GRAMMAR.explain(root)
    if relaxng_valid:
        assert problems == []
    elif len(ids) == len(set(ids)):
        assert problems, "libxml2 rejected the document but the explainer found nothing"
