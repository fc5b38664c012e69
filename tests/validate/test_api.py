"""pipeline.validate as a library: validate() raises, is_valid() answers, iter_errors() yields message objects."""

from __future__ import annotations

import pytest

import pipeline.validate as api
from pipeline.validate import Message, ValidationError, Validator
from validation_corpus import CORPUS

VALID = CORPUS / "valid" / "base.xml"
INVALID = CORPUS / "invalid" / "gap-reason-unknown.xml"


def test_module_functions_on_paths_and_bytes():
    assert api.is_valid(VALID)
    assert not api.is_valid(INVALID.read_bytes(), name="x.xml")
    api.validate(VALID)
    with pytest.raises(ValidationError) as info:
        api.validate(INVALID)
    assert info.value.messages and all(isinstance(m, Message) for m in info.value.messages)
    assert str(info.value).startswith(f"{INVALID}:")


def test_messages_carry_position_node_expected_and_source(validator):
    [message] = list(validator.iter_errors(INVALID))
    assert (message.line, message.source, message.rule, message.node) == (68, "relaxng", None, "@reason on <gap>")
    assert message.column == INVALID.read_text().splitlines()[67].index("reason=") + 1
    assert "expected one of" in message.message and '"closed-foi"' in message.message


def test_one_validator_checks_many_documents_without_recompiling(validator, monkeypatch):
    import lxml.etree

    def refuse(*args, **kwargs):
        raise AssertionError("the schema was compiled again")

    monkeypatch.setattr(lxml.etree, "RelaxNG", refuse)
    for _ in range(3):
        assert validator.is_valid(VALID)
        assert not validator.is_valid(INVALID)


@pytest.mark.parametrize(
    "data, words",
    [
        (b'<!DOCTYPE TEI SYSTEM "/etc/passwd"><TEI/>', "DOCTYPE"),
        (b"<TEI><p></TEI>", "mismatch"),
        (b"\xff\xfe\x00garbage", ""),
        (b"", "empty"),
        (b'<TEI xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd"/></TEI>', "XInclude"),
    ],
)
def test_hostile_input_gives_a_message_not_an_exception(validator, data, words):
    messages = list(validator.iter_errors(data, name="hostile.xml"))
    assert len(messages) == 1
    assert messages[0].source == "xml" and messages[0].severity == "fatal"
    assert words in messages[0].message


def test_grammar_falls_back_to_libxml2_rather_than_saying_nothing(validator, monkeypatch):
    """If the explainer ever misses what libxml2 found, the file is still reported invalid, in libxml2's words."""
    import pipeline.odd.explain as explain

    monkeypatch.setattr(explain.Grammar, "explain", lambda self, root: [])
    fresh = Validator()
    messages = [m for m in fresh.iter_errors(INVALID) if m.source == "relaxng"]
    assert messages and all(m.line >= 1 for m in messages)


def test_malformed_identifiers_do_not_stop_the_schematron(validator):
    data = VALID.read_bytes().replace(b'xml:id="cd-d01"', b'xml:id="cd d01"')
    messages = list(validator.iter_errors(data, name="x.xml"))
    assert any(m.source == "relaxng" and "@xml:id" in m.message for m in messages)
    assert not any("could not be checked" in m.message or m.rule == "pmo-id-unique" for m in messages)


def test_a_schematron_failure_is_reported_as_a_message(monkeypatch):
    from pipeline.xslt import XsltError

    fresh = Validator()

    def fail(*args, **kwargs):
        raise XsltError("x.xml: schematron stylesheet failed: XPTY0004")

    monkeypatch.setattr(fresh._schematron, "transform", fail)
    [message] = list(fresh.iter_errors(VALID))
    assert message.source == "schematron" and "could not be checked" in message.message and message.line >= 1


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SOURCE = VALID.read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0, max_value=len(SOURCE)), length=st.integers(min_value=0, max_value=40), junk=st.binary(max_size=12))
def test_any_damage_to_a_file_gives_messages_never_an_exception(validator, position, length, junk):
    damaged = SOURCE[:position] + junk + SOURCE[position + length:]
    for message in validator.iter_errors(damaged, name="damaged.xml"):
        assert message.line >= 1 and message.column >= 1 and "\n" not in str(message)


def test_a_changed_odd_is_compiled_once_into_the_cache_and_reused(tmp_path, monkeypatch):
    from pipeline.validate import COMPILED, ODD, current_schema

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert current_schema(ODD, COMPILED) == COMPILED  # the committed files match the ODD
    odd = tmp_path / "pmo.odd"
    odd.write_bytes(ODD.read_bytes().replace(b'<valItem ident="section">', b'<valItem ident="enclosure"><gloss>enclosure</gloss><desc>An enclosure.</desc></valItem>\n                  <valItem ident="section">'))
    fresh = current_schema(odd, COMPILED)
    assert fresh != COMPILED and fresh.is_relative_to(tmp_path / "cache")
    made = (fresh / "pmo.rng").stat().st_mtime_ns
    assert current_schema(odd, COMPILED) == fresh and (fresh / "pmo.rng").stat().st_mtime_ns == made  # reused, not recompiled
    changed = Validator(fresh)
    enclosure = VALID.read_bytes().replace(b'<div type="letter"', b'<div type="enclosure"')
    assert changed.is_valid(enclosure, name="e.xml")
    assert not Validator(COMPILED).is_valid(enclosure, name="e.xml")


def test_a_broken_changed_odd_is_an_error(tmp_path, monkeypatch):
    from pipeline.odd.load import OddError
    from pipeline.validate import COMPILED, current_schema

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    odd = tmp_path / "pmo.odd"
    odd.write_text("<TEI/>")
    with pytest.raises(OddError):
        current_schema(odd, COMPILED)
