"""The registers' encoding (the team's contract): register files, the entries a converted file embeds, and the links to them.

A converted file carries the register entries it links to in a ``standOff`` between its header and its text;
a register file is a header and a ``standOff``, no text. Names link to entries of their own kind with ``@ref``
(``persName`` to a person, ``orgName`` to an org, ``placeName``/``settlement``/``country`` to a place), a hand to
its writer with ``handNote/@scribeRef``, with ``@cert`` where the match is a guess. Both kinds of file are valid
against the project's schema and against tei_all; every wrong link gets one message naming the rule.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from pipeline.odd.compile import DEFAULT_ODD, DEFAULT_OUT
from pipeline.odd.load import load_odd
from pipeline.odd.teisource import DEFAULT_SOURCE

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "validation"
LINKED = CORPUS / "valid" / "registers-linked.xml"
REGISTER = CORPUS / "valid" / "register-file.xml"
SCH = "http://purl.oclc.org/dsdl/schematron"

pytestmark = pytest.mark.skipif(not DEFAULT_SOURCE.exists(), reason="tei_all.rng is fetched by scripts/setup")


def register_of(kind: str) -> bytes:
    """A register file of one kind, as registers/organisations.xml or places.xml hold them."""
    entries = {
        "listOrg": '<org xml:id="org-fco"><orgName type="standard">Foreign and Commonwealth Office</orgName><orgName type="variant">FCO</orgName><idno type="wikidata">Q1192186</idno></org>',
        "listPlace": '<place xml:id="pla-moscow"><placeName type="standard">Moscow</placeName><placeName type="variant">MOSCOW</placeName><idno type="wikidata">Q649</idno></place>',
    }[kind]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Register</title></titleStmt>
<publicationStmt><publisher>PMO Papers edition</publisher></publicationStmt><sourceDesc><p>Compiled by the editors.</p></sourceDesc></fileDesc></teiHeader>
<standOff><{kind}>{entries}</{kind}></standOff></TEI>
""".encode()


def jing_errors(schema: Path, paths: list[Path]) -> list[str]:
    result = subprocess.run(["jing", str(schema), *map(str, paths)], capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return [line for line in result.stdout.splitlines() if re.match(r".*?:\d+:\d+: (error|fatal)", line)]


def test_a_converted_file_with_its_register_entries_is_valid(validator):
    tree = etree.parse(str(LINKED))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert [etree.QName(c).localname for c in tree.getroot()] == ["teiHeader", "standOff", "text"]
    assert tree.xpath("//t:persName[@ref][@cert]|//t:handNote[@scribeRef][@cert]|//t:settlement[@ref]|//t:orgName[@ref]|//t:placeName[@ref]", namespaces=ns)
    assert [str(m) for m in validator.iter_errors(LINKED)] == []


@pytest.mark.parametrize("kind", ["listOrg", "listPlace"])
def test_register_files_of_every_kind_are_valid(validator, kind):
    assert [str(m) for m in validator.iter_errors(register_of(kind), name=f"{kind}.xml")] == []
    assert [str(m) for m in validator.iter_errors(REGISTER)] == []


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is installed by scripts/setup")
def test_the_contract_samples_are_valid_tei_all_and_valid_for_jing_on_the_compiled_grammar(tmp_path):
    paths = [LINKED, REGISTER]
    for kind in ("listOrg", "listPlace"):
        path = tmp_path / f"{kind}.xml"
        path.write_bytes(register_of(kind))
        paths.append(path)
    assert jing_errors(DEFAULT_SOURCE, paths) == []
    assert jing_errors(DEFAULT_OUT / "pmo.rng", paths) == []


def test_a_standoff_with_no_list_is_refused_as_tei_all_refuses_it(validator):
    data = register_of("listOrg").replace(b"<listOrg>", b"").replace(b"</listOrg>", b"")
    messages = list(validator.iter_errors(data, name="r.xml"))
    assert len(messages) == 1 and "<org>" in messages[0].message and "<standOff>" in messages[0].message


#: (the linking element as written in registers-linked.xml, its pointer attribute, an entry of the right kind, one of a wrong kind)
LINKS = [
    ('<persName ref="#per-wall-stephen">', "ref", "#per-wall-stephen", "#org-fco"),
    ('<orgName ref="#org-fco">', "ref", "#org-fco", "#per-wall-stephen"),
    ('<placeName ref="#pla-moscow" cert="low">', "ref", "#pla-moscow", "#per-powell-charles"),
    ('<settlement ref="#pla-kew">', "ref", "#pla-kew", "#org-fco"),
    ('scribeRef="#per-powell-charles"', "scribeRef", "#per-powell-charles", "#pla-moscow"),
]


@pytest.mark.parametrize("written, attribute, right, wrong", LINKS, ids=[w.split()[0].strip("<") for w, *_ in LINKS])
def test_a_link_to_an_entry_of_another_kind_is_one_message(validator, written, attribute, right, wrong):
    text = LINKED.read_text(encoding="utf-8")
    assert written in text
    messages = list(validator.iter_errors(text.replace(written, written.replace(right, wrong)).encode(), name="m.xml"))
    assert [(m.rule, m.line) for m in messages] == [("pmo-register-links", text[: text.index(written)].count("\n") + 1)]
    assert f'@{attribute}="{wrong}"' in messages[0].message and "expected # followed by the xml:id of a <" in messages[0].message
    dangling = list(validator.iter_errors(text.replace(written, written.replace(right, "#nowhere")).encode(), name="m.xml"))
    assert [m.rule for m in dangling] == ["pmo-pointers-resolve"]


def test_a_country_links_to_a_place(validator):
    text = LINKED.read_text(encoding="utf-8").replace("<country>United Kingdom</country>", '<country ref="#pla-kew" cert="low">United Kingdom</country>')
    assert list(validator.iter_errors(text.encode(), name="c.xml")) == []
    assert [m.rule for m in validator.iter_errors(text.replace('<country ref="#pla-kew"', '<country ref="#per-wall-stephen"').encode(), name="c.xml")] == ["pmo-register-links"]


@pytest.mark.parametrize("kind, value, good", [
    ("wikidata", "Q334316", True), ("wikidata", "Q1", True), ("wikidata", "Q0", False), ("wikidata", "q334316", False),
    ("wikidata", "334316", False), ("wikidata", " Q334316", False), ("wikidata", "https://www.wikidata.org/wiki/Q334316", False),
    ("viaf", "27063124", True), ("viaf", "027063124", False), ("viaf", "Q27063124", False), ("viaf", "", False),
])
def test_authority_identifiers_are_checked_for_form(validator, kind, value, good):
    text = LINKED.read_text(encoding="utf-8")
    old = '<idno type="wikidata">Q334316</idno>' if kind == "wikidata" else '<idno type="viaf">27063124</idno>'
    messages = list(validator.iter_errors(text.replace(old, f'<idno type="{kind}">{value}</idno>').encode(), name="a.xml"))
    assert [m.rule for m in messages] == ([] if good else ["pmo-authority-id"])


def test_the_name_types_of_entries_are_closed_lists():
    schema = load_odd(DEFAULT_ODD)

    def values(element):
        att = next(a for a in schema.elements[element].attributes if a.name == "type")
        assert att.closed and all(v.gloss and v.desc for v in att.values)
        return {v.ident for v in att.values}

    assert values("persName") == {"standard", "variant", "initials"}
    assert values("orgName") == values("placeName") == {"standard", "variant"}
    assert {"wikidata", "viaf"} <= values("idno")


def test_the_register_rules_use_element_contexts_only():
    """The classic ISO skeleton never visits attributes: a rule whose context is an attribute would be skipped there."""
    tree = etree.parse(str(DEFAULT_OUT / "pmo.sch"))
    for rule in tree.iter(f"{{{SCH}}}rule"):
        for step in rule.get("context").split("|"):
            last = re.sub(r"\[[^\]]*\]", "", step).strip().split("/")[-1]
            assert not last.startswith(("@", "attribute::")), rule.get("context")
    idents = {p.get("id") for p in tree.iter(f"{{{SCH}}}pattern")}
    assert {"pmo-register-links", "pmo-register-entry", "pmo-authority-id"} <= idents
