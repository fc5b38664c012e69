"""The encoding's closed value lists, choice with two alternatives, non-empty pointers, and the ODD as plain XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.odd.compile import DEFAULT_ODD
from pipeline.odd.load import load_odd
from pipeline.odd.teisource import DEFAULT_SOURCE

pytestmark = pytest.mark.skipif(not DEFAULT_SOURCE.exists(), reason="tei_all.rng is fetched by scripts/setup")

BASE = Path(__file__).resolve().parents[1] / "data" / "validation" / "valid" / "base.xml"
SCHEMA = load_odd(DEFAULT_ODD)

#: element, attribute -> values the converter and the editions depend on (each must be in the closed list).
CLOSED = {
    ("del", "rend"): {"strikethrough"},
    ("hi", "rend"): {"bold"},
    ("add", "place"): {"above"},
    ("note", "type"): {"classification", "boilerplate", "annotation", "status", "ocr"},
    ("head", "type"): {"subject", "title"},
    ("div", "type"): {"letter", "minute", "telegram", "draft", "form", "closureCard", "note", "section"},
    ("gap", "reason"): {"closed-foi", "retained-3-4", "temporarily-retained", "missing-at-transfer", "number-not-used",
                        "missing-tna", "put-in-place-tna", "withheld", "redacted", "illegible", "ocr-repetition"},
    ("gap", "unit"): {"document", "chars", "lines"},
    ("fw", "type"): {"header", "footer", "catch", "pageNum", "letterhead"},
    ("fw", "subtype"): {"classification"},
    ("seg", "type"): {"precedence", "to", "info", "bt", "classification", "instruction"},
    ("ab", "type"): {"subject", "dateline", "salute", "address", "signature", "closing"},
    ("idno", "type"): {"transcript", "sha256", "series", "piece", "foi-exemption"},
    ("title", "type"): {"main", "extract"},
    ("name", "type"): {"initials"},
    ("pb", "type"): {"inferred"},
    ("milestone", "unit"): {"rule"},
    ("unclear", "reason"): {"illegible"},
    ("correspAction", "type"): {"sent", "received"},
    ("handNote", "script"): {"typewritten", "handwritten"},
    ("handNote", "medium"): {"typescript"},
    ("schemaRef", "type"): {"project"},
}


def attribute(element: str, name: str):
    return next(a for a in SCHEMA.elements[element].attributes if a.name == name)


@pytest.mark.parametrize("element, name", sorted(CLOSED), ids=[f"{e}@{a}" for e, a in sorted(CLOSED)])
def test_the_list_is_closed_and_holds_what_the_edition_uses(element, name):
    att = attribute(element, name)
    assert att.closed, f"{element}/@{name} accepts any value"
    assert CLOSED[(element, name)] <= {v.ident for v in att.values}
    assert all(v.gloss and v.desc for v in att.values), "every value is documented for the guidelines"


def mutate(xpath: str, change) -> bytes:
    tree = etree.parse(str(BASE))
    node = tree.xpath(xpath, namespaces={"tei": "http://www.tei-c.org/ns/1.0"})[0]
    change(node)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def _set(name, value):
    return lambda node: node.set(name, value)


def _drop_last_child(node):
    node.remove(node[-1])


MUTANTS = [
    ("del rend not in the list", "//tei:del", _set("rend", "wavy"), '@rend="wavy" on <del> is not a valid value'),
    ("add place not in the list", "//tei:add", _set("place", "overleaf"), '@place="overleaf" on <add>'),
    ("note type not in the list", "//tei:note", _set("type", "gossip"), '@type="gossip" on <note>'),
    ("ab type not in the list", "//tei:ab", _set("type", "sermon"), '@type="sermon" on <ab>'),
    ("choice with one alternative", "//tei:choice", _drop_last_child, "<choice>"),
    ("empty pointer on handShift", "//tei:handShift", _set("new", ""), '@new="" on <handShift>'),
    ("two pointers in handShift/@new", "//tei:handShift", _set("new", "#typescript #hand-CDP"), "@new="),
    ("empty schemaRef url", "//tei:schemaRef", _set("url", ""), '@url="" on <schemaRef>'),
]


@pytest.mark.parametrize("label, xpath, change, words", MUTANTS, ids=[m[0] for m in MUTANTS])
def test_the_grammar_refuses_it_in_one_message(validator, label, xpath, change, words):
    messages = list(validator.iter_errors(mutate(xpath, change), name="m.xml"))
    assert len(messages) == 1, [str(m) for m in messages]
    assert words in messages[0].message
    assert messages[0].source == "relaxng"


def test_the_odd_reads_as_plain_xml_with_id_checking():
    """egXML examples never repeat an xml:id, so a parser that checks ids (libxml2's default) reads the ODD."""
    etree.parse(str(DEFAULT_ODD), etree.XMLParser(collect_ids=True))
    ids = [n.get("{http://www.w3.org/XML/1998/namespace}id") for n in etree.parse(str(DEFAULT_ODD)).iter() if isinstance(n.tag, str)]
    ids = [i for i in ids if i]
    assert len(ids) == len(set(ids))


def test_the_odd_is_a_customisation_of_a_pinned_tei():
    tree = etree.parse(str(DEFAULT_ODD))
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    spec = tree.find(".//tei:schemaSpec", ns)
    assert spec.get("source", "").startswith("tei:")
    assert tree.findall(".//tei:schemaSpec/tei:moduleRef[@include]", ns)
    modes = {n.get("mode", "add") for n in tree.iterfind(".//tei:schemaSpec/tei:elementSpec", ns)}
    assert modes <= {"change", "delete"}, "every element is TEI's, narrowed"
    assert tree.findall(".//tei:classSpec[@mode='delete']", ns) and tree.findall(".//tei:attDef[@mode='delete']", ns)
