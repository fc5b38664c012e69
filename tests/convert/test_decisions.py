"""Editors' decisions: kept outside the TEI, anchored by line and expected text, applied at every conversion."""

from __future__ import annotations

import pytest

from pipeline.convert import DecisionError, convert_bytes

TRANSCRIPT = """10 DOWNING STREET

From the Private Secretary

21 December 1988

Dear Stephen,

The Prime Minister has seen your letter about the conference, and agrees with the line you propose.

Yours ever,
(Charles Powell)

S Wall Esq
Foreign and Commonwealth Office

MOSCOW HUMAN RIGHTS CONFERENCE

The Secretary has asked me to convey the following message, which is long enough to be text.

*with promises. CDD 21/xii*
"""

DECISIONS = b"""
[[decision]]
action = "split"
line = 17
expect = "MOSCOW HUMAN RIGHTS CONFERENCE"

[[decision]]
action = "set"
line = 19
expect = "The Secretary has asked me"
type = "telegram"
date = "1988-12-15"
sender = "George Shultz"
recipient = "Eduard Shevardnadze"
title = "Shultz to Shevardnadze, 15 December 1988"

[[decision]]
action = "hand"
line = 21
expect = "CDD 21/xii"
initials = "CDP"
"""


def convert(transcript: str, decisions: bytes | None = DECISIONS):
    return convert_bytes(transcript.encode(), "900_letter.txt", decisions)


def test_decisions_split_set_and_attribute() -> None:
    without = convert(TRANSCRIPT, None).transcript.documents
    documents = convert(TRANSCRIPT).transcript.documents
    assert len(without) == 1 and len(documents) == 2
    second = documents[1]
    assert (second.type, second.date, second.sender.person, second.addressee.person) == (
        "telegram", "1988-12-15", "George Shultz", "Eduard Shevardnadze")
    tei = convert(TRANSCRIPT).tei.decode()
    assert 'handShift new="#hand-CDP"' in tei and 'cert="low"' not in tei
    assert '<div type="telegram"' in tei


def test_a_decision_follows_its_text_when_the_transcript_changes_elsewhere() -> None:
    changed = "SECRET\n\n" + TRANSCRIPT.replace("agrees with the line", "agrees entirely with the line")
    documents = convert(changed).transcript.documents
    assert len(documents) == 2 and documents[1].sender.person == "George Shultz"


def test_a_decision_whose_anchor_text_changed_is_a_located_error_and_nothing_is_made() -> None:
    changed = TRANSCRIPT.replace("MOSCOW HUMAN RIGHTS CONFERENCE", "MOSCOW CONFERENCE ON HUMAN RIGHTS")
    with pytest.raises(DecisionError) as raised:
        convert(changed)
    message = str(raised.value)
    assert "900_letter.decisions.toml: decision 1 (split at line 17)" in message
    assert "'MOSCOW HUMAN RIGHTS CONFERENCE'" in message and "line 17 reads 'MOSCOW CONFERENCE ON HUMAN RIGHTS'" in message


def test_an_ambiguous_anchor_is_an_error() -> None:
    doubled = "MOSCOW HUMAN RIGHTS CONFERENCE\n\n" + TRANSCRIPT.replace("Dear Stephen,", "Dear Stephen,\n\nMOSCOW HUMAN RIGHTS CONFERENCE")
    with pytest.raises(DecisionError, match="lines .* all have"):
        convert(doubled)


@pytest.mark.parametrize(("decision", "says"), [
    (b'[[decision]]\naction = "move"\nline = 1\nexpect = "x"\n', "action 'move' is not one of"),
    (b'[[decision]]\naction = "split"\nline = 0\nexpect = "x"\n', "line must be a line number"),
    (b'[[decision]]\naction = "split"\nline = 3\n', "expect must give the text"),
    (b'[[decision]]\naction = "set"\nline = 3\nexpect = "x"\ncolour = "red"\n', "set takes date, recipient, sender, title, type; got colour"),
    (b'[[decision]]\naction = "set"\nline = 3\nexpect = "x"\ndate = "21/12/88"\n', "is not an ISO date"),
    (b'[[decision]]\naction = "hand"\nline = 3\nexpect = "x"\n', "hand needs initials"),
    (b"not = toml = at all", "not a decisions file"),
])
def test_malformed_decisions_are_named(decision: bytes, says: str) -> None:
    with pytest.raises(DecisionError, match=says.replace("(", r"\(").replace(")", r"\)")):
        convert(TRANSCRIPT, decision)


def test_a_join_keeps_a_document_whole() -> None:
    transcript = TRANSCRIPT.replace("S Wall Esq\nForeign and Commonwealth Office\n\n", "")
    text = transcript + "\n\n\n10 DOWNING STREET\n\nA second page of the same letter, long enough to be its text, goes on.\n"
    line = text.split("\n").index("10 DOWNING STREET", 2) + 1
    join = f'[[decision]]\naction = "join"\nline = {line}\nexpect = "10 DOWNING STREET"\n'.encode()
    assert len(convert(text, None).transcript.documents) > len(convert(text, join).transcript.documents)


def test_a_hand_edited_file_becomes_decisions_and_converts_back_to_its_edits() -> None:
    from lxml import etree

    from pipeline.convert.extract import extract

    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    source = TRANSCRIPT.encode()
    edited = etree.fromstring(convert(TRANSCRIPT, None).tei)
    division = edited.find(".//t:body/t:div", ns)
    division.set("type", "minute")  # the editor: a minute, not a letter, and of the 20th
    edited.find(".//t:correspAction[@type='sent']/t:date", ns).set("when", "1988-12-20")
    edited.find(".//t:correspAction[@type='received']/t:persName", ns).text = "Stephen Wall"
    edited.find(".//t:text//t:handShift[@new='#hand-CDP']", ns).set("new", "#hand-MT")
    hand = etree.SubElement(edited.find(".//t:handNotes", ns), "{http://www.tei-c.org/ns/1.0}handNote",
                            {"{http://www.w3.org/XML/1998/namespace}id": "hand-MT", "script": "handwritten"})
    etree.SubElement(hand, "{http://www.tei-c.org/ns/1.0}name", {"type": "initials"}).text = "MT"
    found = extract(source, "900_letter.txt", etree.tostring(edited))
    assert [d["action"] for d in found.decisions] == ["set", "hand"]
    assert found.decisions[0] == {"action": "set", "line": 1, "expect": "10 DOWNING STREET", "type": "minute",
                                  "date": "1988-12-20", "recipient": "Stephen Wall"}
    again = etree.fromstring(convert(TRANSCRIPT, found.toml().encode()).tei)
    assert again.find(".//t:body/t:div", ns).get("type") == "minute"
    assert again.find(".//t:correspAction[@type='sent']/t:date", ns).get("when") == "1988-12-20"
    assert again.find(".//t:correspAction[@type='received']/t:persName", ns).text == "Stephen Wall"
    assert again.find(".//t:text//t:handShift[@new='#hand-MT']", ns) is not None
    assert found.cannot == []


def test_text_edits_are_listed_as_what_no_decision_expresses() -> None:
    from pipeline.convert.extract import extract

    edited = convert(TRANSCRIPT, None).tei.replace(b"agrees with the line", b"agrees warmly with the line")
    found = extract(TRANSCRIPT.encode(), "900_letter.txt", edited)
    assert found.decisions == [] and found.cannot == ["text insert: '' → 'warmly'"]


def test_a_reading_and_a_note_from_the_editors() -> None:
    decisions = DECISIONS + b'''
[[decision]]
action = "reading"
line = 9
expect = "agrees with the line"
reading = "agrees with the line (sic)"

[[decision]]
action = "note"
line = 9
expect = "The Prime Minister has seen"
text = "The letter is not in this file."
'''
    tei = convert(TRANSCRIPT, decisions).tei.decode()
    assert "<choice><sic>agrees with the line</sic><corr>agrees with the line (sic)</corr></choice>" in tei
    assert '<note type="editorial">The letter is not in this file.</note>' in tei


def test_a_reading_whose_text_crosses_markup_is_a_located_error() -> None:
    transcript = TRANSCRIPT.replace("agrees with the line", "agrees ~~with~~ the line")
    decisions = b'[[decision]]\naction = "reading"\nline = 9\nexpect = "agrees ~~with"\nreading = "x"\n'
    with pytest.raises(DecisionError, match="does not stand in one run"):
        convert(transcript, decisions)


def test_with_the_registers_a_hand_edit_round_trips_and_its_names_are_linked() -> None:
    from lxml import etree

    from pipeline.convert import convert_bytes
    from pipeline.convert.entities import registers_from
    from pipeline.convert.extract import extract
    from pipeline.convert.inputs import read_register_files
    from tests.conftest import ROOT

    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    registers = registers_from(read_register_files(ROOT / "registers"))
    edited = etree.fromstring(convert_bytes(TRANSCRIPT.encode(), "900_letter.txt", registers=registers).tei)
    edited.find(".//t:correspAction[@type='received']/t:persName", ns).text = "Stephen Wall"
    found = extract(TRANSCRIPT.encode(), "900_letter.txt", etree.tostring(edited), registers=registers)
    assert found.cannot == [] and [d["action"] for d in found.decisions] == ["set"]
    again = etree.fromstring(convert_bytes(TRANSCRIPT.encode(), "900_letter.txt", found.toml().encode(), registers=registers).tei)
    recipient = again.find(".//t:correspAction[@type='received']/t:persName", ns)
    assert (recipient.text, recipient.get("ref")) == ("Stephen Wall", "#per-wall-stephen")
