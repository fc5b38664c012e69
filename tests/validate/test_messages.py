"""Each message case in the project's words: where it points, what it says, and one message per fault."""

from __future__ import annotations

from click.testing import CliRunner

from pipeline.safexml import MAX_BYTES
from pipeline.validate_cli import validate
from validation_corpus import CORPUS

BASE = (CORPUS / "valid" / "base.xml").read_text(encoding="utf-8")
JARGON = ("XML_PARSE", "Blank needed", "Expecting", "Did not expect", "Excessive depth", "Input is not proper", "Element '{")


def check(validator, text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return list(validator.iter_errors(data, name="c.xml"))


def position(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_text_not_allowed_is_located_at_the_text_with_what_may_stand_there(validator):
    text = BASE.replace("</closer>", "</closer>\n        stray words after the closer", 1)
    [message] = check(validator, text)
    assert (message.line, message.column) == position(text, "stray words")
    assert "(after <closer>)" in message.message
    assert message.expected[-1] == "the end of <div>" and "<postscript>" in message.expected and "<p>" not in message.expected


def test_text_in_an_empty_element_is_located_at_the_text(validator):
    text = BASE.replace("<lb/>", "<lb>break</lb>", 1) if "<lb/>" in BASE else BASE.replace('<milestone unit="rule"/>', '<milestone unit="rule">break</milestone>', 1)
    [message] = check(validator, text)
    assert (message.line, message.column) == position(text, "break<")
    assert "must be empty" in message.message


def test_a_second_id_names_both_places(validator):
    text = BASE.replace('<correspDesc xml:id="cd-d01"', '<correspDesc xml:id="pipeline"', 1)
    duplicate = [m for m in check(validator, text) if m.rule == "pmo-id-unique"]
    assert len(duplicate) == 1
    first_line, first_column = position(text, 'xml:id="pipeline"')
    assert duplicate[0].line == position(text, '<correspDesc xml:id="pipeline"')[0]
    assert f"(line {first_line}, column {first_column})" in duplicate[0].message


def test_two_pointers_in_handshift_new_is_one_message_in_words(validator):
    text = BASE.replace('<handShift new="#hand-CDP"/>', '<handShift new="#hand-CDP #typescript"/>', 1)
    [message] = check(validator, text)
    assert message.node == "@new on <handShift>" and "not empty and without spaces" in message.message
    assert (message.line, message.column) == position(text, 'new="#hand-CDP #typescript"')


def test_deep_nesting_is_refused_in_words(validator):
    text = BASE.replace("<p>We ", "<p>" + '<hi rend="bold">' * 300 + "x" + "</hi>" * 300 + "We ", 1)
    [message] = check(validator, text)
    assert "nested more than 100 elements deep" in message.message and message.source == "xml"
    assert not any(word in message.message for word in JARGON)


def test_an_encoding_declaration_that_does_not_match_the_bytes(validator):
    [message] = check(validator, BASE.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1))
    assert (message.line, message.source) == (1, "xml")
    assert 'says encoding="UTF-16", but the file is written one byte per character' in message.message


def test_a_file_over_the_size_limit_says_its_size_at_line_1(tmp_path):
    path = tmp_path / "big.xml"
    path.write_bytes(BASE.encode("utf-8").replace(b"</TEI>", b"<!--" + b"x" * MAX_BYTES + b"--></TEI>"))
    result = CliRunner().invoke(validate, [str(path), "--quiet"])
    assert result.exit_code == 2
    line = result.output.strip()
    size = path.stat().st_size
    assert line.startswith(f"{path}:1:1: the file is {size:,} bytes") and "more than the 33,554,432 bytes (32 MiB) accepted" in line


def test_a_rule_says_nothing_where_the_grammar_has_spoken(validator):
    for changed in ('<handShift new=""/>', '<handShift new="#hand CDP"/>'):
        messages = check(validator, BASE.replace('<handShift new="#hand-CDP"/>', changed, 1))
        assert len(messages) == 1 and messages[0].source == "relaxng", [str(m) for m in messages]


def test_what_only_libxml2_refuses_is_still_said_in_the_projects_words(monkeypatch):
    """Should the explainer ever pass a file libxml2 refuses, the message names the element and the guidelines, not libxml2."""
    from pipeline.odd.explain import Grammar
    from pipeline.validate import Validator

    validator = Validator()
    monkeypatch.setattr(Grammar, "explain", lambda self, root: [])
    text = BASE.replace('<correspAction type="received">', '<correspAction type="forwarded">', 1)
    messages = list(validator.iter_errors(text.encode("utf-8"), name="c.xml"))
    assert len(messages) == 1 and messages[0].source == "relaxng"
    assert "does not match the schema here" in messages[0].message and "guidelines" in messages[0].message
    assert messages[0].line == position(text, '<correspAction type="forwarded">')[0]
    assert not any(word in messages[0].message for word in JARGON)
