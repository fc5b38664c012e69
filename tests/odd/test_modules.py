"""moduleRef as TEI reads it: @include, @except or the whole module, given the module membership the TEI's ODD source records.

tei_all.rng does not say which module an element belongs to; the TEI's p5subset.xml does
(``elementSpec/@module``). Given such a source ($PMO_TEI_MODULES), the compiler reads @except and a
bare moduleRef, and checks that @include and @except name elements of their module. Without one,
@include alone can be read, and @except is refused saying what is missing.
"""

from __future__ import annotations

import pytest

from pipeline.odd.load import OddError, load_odd
from pipeline.odd.teisource import DEFAULT_SOURCE, load_modules

pytestmark = pytest.mark.skipif(not DEFAULT_SOURCE.exists(), reason="tei_all.rng is fetched by scripts/setup")

#: Part of the TEI's module membership, as p5subset.xml records it (TEI 4.3.0).
MEMBERS = {
    "textstructure": "TEI text body div",
    "core": "p hi lb emph name",
    "namesdates": "persName orgName placeName person listPerson",
}


def odd_source(tmp_path, version: str = "4.3.0"):
    """A TEI ODD source in p5subset.xml's form: an edition statement and one elementSpec per element, with its module."""
    specs = "".join(f'<elementSpec module="{module}" ident="{name}"><desc>{name}</desc></elementSpec>\n'
                    for module, names in MEMBERS.items() for name in names.split())
    path = tmp_path / "p5subset.xml"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>The TEI Guidelines</title></titleStmt>
<editionStmt><edition><ref target="#ABTEI4">Version</ref> <ref target="readme">{version}</ref>. Last updated</edition></editionStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div><div>{specs}</div></div></body></text></TEI>
""", encoding="utf-8")
    return path


def odd(tmp_path, modules: str):
    path = tmp_path / "t.odd"
    path.write_text(f"""<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><schemaSpec ident="t" start="TEI" source="tei:4.3.0">
{modules}
<dataSpec ident="teidata.text" mode="change"><gloss>g</gloss><desc>d</desc><content><dataRef name="string"/></content></dataSpec>
<elementSpec ident="TEI" mode="change"><content><elementRef key="p" minOccurs="0" maxOccurs="unbounded"/></content></elementSpec>
</schemaSpec></body></text></TEI>
""", encoding="utf-8")
    return path


@pytest.fixture
def membership(tmp_path, monkeypatch):
    monkeypatch.setenv("PMO_TEI_MODULES", str(odd_source(tmp_path)))


def test_the_odd_source_gives_each_element_its_module(tmp_path):
    modules = load_modules(odd_source(tmp_path))
    assert modules.version == "4.3.0"
    assert modules.members["core"] == ("p", "hi", "lb", "emph", "name")
    assert modules.module_of("persName") == "namesdates" and modules.module_of("nowhere") is None


def test_except_takes_the_module_but_the_names_given(tmp_path, membership):
    schema = load_odd(odd(tmp_path, '<moduleRef key="textstructure" include="TEI"/><moduleRef key="core" except="emph name"/>'))
    assert set(schema.elements) == {"TEI", "p", "hi", "lb"}
    assert schema.elements["hi"].module == "core"


def test_a_bare_moduleref_takes_the_whole_module(tmp_path, membership):
    schema = load_odd(odd(tmp_path, '<moduleRef key="textstructure" include="TEI"/><moduleRef key="core"/>'))
    assert {"p", "hi", "lb", "emph", "name"} <= set(schema.elements)


@pytest.mark.parametrize("refs, words", [
    ('<moduleRef key="core" include="p persName"/>', '@include names "persName", which module "core" does not define: it is in module "namesdates"'),
    ('<moduleRef key="core" except="persName"/>', '@except names "persName", which module "core" does not define'),
    ('<moduleRef key="core" include="p" except="hi"/>', "@include and @except exclude each other"),
    ('<moduleRef key="nowhere" include="p"/>', 'no TEI 4.3.0 module "nowhere"'),
])
def test_a_name_outside_its_module_is_refused(tmp_path, membership, refs, words):
    with pytest.raises(OddError) as info:
        load_odd(odd(tmp_path, '<moduleRef key="textstructure" include="TEI"/>' + refs))
    assert words in str(info.value) and info.value.line and info.value.spec.startswith("moduleRef")


def test_without_module_membership_except_is_refused_saying_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.delenv("PMO_TEI_MODULES", raising=False)
    monkeypatch.setattr("pipeline.odd.load.load_modules", lambda: None)
    with pytest.raises(OddError, match=r"@except needs the TEI's module membership, which tei_all.rng does not record: put the TEI's p5subset.xml \(version 4.3.0\)"):
        load_odd(odd(tmp_path, '<moduleRef key="textstructure" include="TEI"/><moduleRef key="core" except="emph"/>'))
    schema = load_odd(odd(tmp_path, '<moduleRef key="tei"/><moduleRef key="textstructure" include="TEI"/><moduleRef key="core" include="p hi"/>'))
    assert set(schema.elements) == {"TEI", "p", "hi"}  # the tei module (classes, macros, datatypes) has no element


def test_module_membership_of_another_tei_version_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("PMO_TEI_MODULES", str(odd_source(tmp_path, version="4.4.0")))
    with pytest.raises(OddError, match="is TEI 4.4.0, but .* is TEI 4.3.0"):
        load_odd(odd(tmp_path, '<moduleRef key="textstructure" include="TEI"/>'))


def test_a_named_source_that_is_missing_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PMO_TEI_MODULES", str(tmp_path / "none.xml"))
    with pytest.raises(OddError, match="no TEI ODD source there"):
        load_odd(odd(tmp_path, '<moduleRef key="textstructure" include="TEI"/>'))
