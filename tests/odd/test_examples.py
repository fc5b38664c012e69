"""Every example in the ODD (and so in the guidelines) is valid against the grammar it documents."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.odd.compile import DEFAULT_ODD, DEFAULT_OUT
from pipeline.odd.explain import Grammar
from pipeline.odd.load import load_odd

TEI = "http://www.tei-c.org/ns/1.0"
SCHEMA = load_odd(DEFAULT_ODD)
GRAMMAR = Grammar(DEFAULT_OUT / "pmo.rng")


def _examples():
    for element in SCHEMA.elements.values():
        for number, example in enumerate(element.examples, 1):
            yield f"{element.ident}#{number}", example
        for att in element.attributes:
            for number, example in enumerate(att.examples, 1):
                yield f"{element.ident}@{att.name}#{number}", example
    for recipe in SCHEMA.recipes:
        for number, example in enumerate(recipe.examples, 1):
            yield f"{recipe.ident}#{number}", example


EXAMPLES = dict(_examples())


@pytest.mark.parametrize("where", sorted(EXAMPLES))
def test_example_is_valid(where):
    fragment = etree.fromstring(f'<egXML xmlns="{TEI}">{EXAMPLES[where]}</egXML>')
    checked = 0
    for element in fragment:
        if not isinstance(element.tag, str):
            continue
        if any(isinstance(node, etree._Comment) for node in element.iter()):
            continue  # an example that elides part of its content with a comment is not complete
        assert [p.message for p in GRAMMAR.explain_fragment(element)] == []
        checked += 1
    assert checked or "<!--" in EXAMPLES[where]


def test_the_checker_can_fail():
    bad = etree.fromstring(f'<div xmlns="{TEI}" type="nonsense"><p/></div>')
    assert GRAMMAR.explain_fragment(bad)
