"""Editorial decisions on the bundled corpus, checked on the model (no XML)."""

from __future__ import annotations

import pytest

from pipeline.convert import convert_bytes
from tests.conftest import SOURCES


def documents(stem: str):
    path = next(SOURCES.glob(f"{stem}_*.txt"))
    return convert_bytes(path.read_bytes(), path.name).transcript.documents


def summary(stem: str) -> list[tuple]:
    return [(d.type, d.date, d.sender.person or d.sender.org, d.addressee.person or d.addressee.org) for d in documents(stem)]


def test_000_letter_then_the_same_text_on_a_draft_form() -> None:
    docs = summary("000")
    assert [d[0] for d in docs] == ["letter", "draft"]
    assert docs[0][1] == "1989-05-18" and docs[0][3] == "President M. S. Gorbachev"


def test_001_five_documents() -> None:
    docs = summary("001")
    assert [d[0] for d in docs] == ["letter", "draft", "telegram", "letter", "telegram"]
    assert docs[0][1:] == ("1988-12-21", "J S Wall", "C D Powell")
    assert docs[4][1:] == ("1988-12-21T21:30:00Z", "Margaret", "THE WHITE HOUSE")  # the message's signature
    telegram = documents("001")[4]
    assert (telegram.sender.org, telegram.addressee.org) == ("CABINET OFFICE LONDON", "THE WHITE HOUSE")


def test_002_copies_stay_separate() -> None:
    docs = summary("002")
    assert [d[0] for d in docs].count("letter") >= 4
    assert sum(1 for d in docs if d[3] == "Ron") == 3


def test_003_repetition_loop_and_reply() -> None:
    conversion = convert_bytes(next(SOURCES.glob("003_*.txt")).read_bytes(), "003.txt")
    assert any(w.code == "ocr-repetition" for w in conversion.warnings)
    docs = conversion.transcript.documents
    assert [d.type for d in docs] == ["letter", "letter"]
    assert docs[1].date == "1981-03-17"
    assert docs[1].sender.person == "M. O'D. B. Alexander"


def test_004_minute_letters_and_three_cards() -> None:
    docs = summary("004")
    assert [d[0] for d in docs].count("closureCard") == 3
    assert docs[0][:2] == ("minute", "1989-01-02") and docs[0][2:] == ("Charles Powell", "Prime Minister")


@pytest.mark.parametrize("stem", ["001", "002", "003", "004"])
def test_known_annotators_are_identified(stem: str) -> None:
    path = next(SOURCES.glob(f"{stem}_*.txt"))
    hands = convert_bytes(path.read_bytes(), path.name).transcript.hands
    assert hands[0].id == "typescript"
    assert len({h.id for h in hands}) == len(hands)


def test_related_documents_in_the_bundled_files() -> None:
    """The three copies of one message in 002; the draft form in 000 and its letter; 001's reply and its draft telegram."""
    copies = {d.n: d.relations for d in documents("002")}
    assert copies[3] == [("copy", 1, "of")] and copies[5] == [("copy", 1, "of")]
    assert ("copy", 3, "at") in copies[1] and ("copy", 5, "at") in copies[1]
    drafts = {d.n: d.relations for d in documents("000")}
    assert drafts == {1: [("draft", 2, "at")], 2: [("draft", 1, "of")]}
    exchange = {d.n: d.relations for d in documents("001")}
    assert ("reply", 1, "of") in exchange[4] and ("draft", 5, "of") in exchange[2]


def test_a_reply_is_told_by_its_parties_and_a_copy_by_its_text() -> None:
    from pipeline.convert.related import find_relations
    from tests.convert.cases import convert

    letter = "10 DOWNING STREET\n\n{date}\n\nDear {to},\n\n{text}\n\nYours sincerely,\n({sender})\n\n{addressee} Esq\n{office}\n"
    text = ("The Prime Minister has read your letter about the visit and agrees with the line proposed for it in every part. "
            "She would like the Foreign Secretary to raise the matter when he sees the Ambassador next week.")
    first = letter.format(date="3 May 1984", to="Charles", text=text, sender="P Q Ricketts", addressee="C D Powell", office="10 Downing Street")
    reply = letter.format(date="4 May 1984", to="Peter", text="Thank you for your letter of 3 May, which I have shown to the Prime Minister.",
                          sender="C D Powell", addressee="P Q Ricketts", office="Foreign and Commonwealth Office")
    kinds = {(r.source, r.kind, r.target) for r in find_relations(convert(first + "\n\n\n" + reply + "\n\n\n" + first).transcript.documents)}
    assert kinds == {(2, "reply", 1), (3, "copy", 1)}
