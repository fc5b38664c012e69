"""One small invented case per rule the converter was made general with: variants the five bundled
files and the development corpus do not show, written for the phenomenon, not for any file's strings."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.convert import convert_bytes
from pipeline.convert.dates import short_date
from pipeline.convert.names import initials_of, noisy_token, person_name
from pipeline.convert.rules.telegram import party, routing_fields
from tests.convert.cases import NS, convert

TEI = "{http://www.tei-c.org/ns/1.0}"


def tree(text: str) -> etree._Element:
    return etree.fromstring(convert(text).tei)


def divisions(text: str) -> list[etree._Element]:
    return tree(text).findall("t:text/t:body/t:div", NS)


def documents(text: str):
    return convert(text).transcript.documents


# --- pages ---------------------------------------------------------------------------------------


def test_a_page_number_list_then_three_blank_lines_is_still_a_page_break() -> None:
    """`- 2 -` is read as a list, whose line map runs over the blank lines after it."""
    root = tree("Some text of the first page, long enough to be a paragraph of a letter.\n\n- 2 -\n\n\n\nThe second page's text.\n")
    assert len(root.findall(".//t:pb", NS)) == 1


def test_scraps_after_the_last_page_are_no_page() -> None:
    root = tree("A page of text, long enough to be a paragraph of the letter in question.\n\nCONFIDENTIAL\n\n\n\nle\n")
    assert root.findall(".//t:pb", NS) == []
    assert "le" in "".join(root.find("t:text", NS).itertext())


def test_a_classification_atop_a_page_is_a_header_not_a_second_page() -> None:
    root = tree("First page text that is long enough to be a paragraph of this letter.\n\nSECRET\n\n\n\nSECRET\n\n- 2 -\n\nSecond page text.\n")
    assert len(root.findall(".//t:pb", NS)) == 1
    assert [fw.get("type") for fw in root.iter(f"{TEI}fw") if fw.text == "SECRET"] == ["footer", "header"]


@pytest.mark.parametrize("head", ["PAGE 02 STATE 123456", "PAGE 3 OF 4 MOSCOW 01234", "PAGE 01"])
def test_us_running_heads_are_forme_work(head: str) -> None:
    root = tree(f"{head}\n\nTHE TEXT OF THE CABLE GOES ON HERE AT SOME LENGTH.\n")
    assert [fw.text for fw in root.iter(f"{TEI}fw")] == [head]


@pytest.mark.parametrize("marking", ["S E C R E T", "С O N F I D E N T I A L".replace(" ", ""), "CONFIDENTIAL AND PERSONAL"])
def test_letter_spaced_and_look_alike_markings_are_forme_work(marking: str) -> None:
    root = tree(f"{marking}\n\nThe text of the minute, long enough to be a paragraph of text in it.\n")
    assert root.find(".//t:fw", NS) is not None and root.find(".//t:fw", NS).get("subtype") == "classification"


def test_a_paragraph_running_over_the_page_is_one_paragraph_with_the_break_inside() -> None:
    root = tree("The Minister said that he would look at the figures again and\n\nSECRET\n\n\n\nSECRET\n\n- 2 -\n\n"
                "report to colleagues before the end of the month.\n")
    paragraphs = root.findall(".//t:body//t:p", NS)
    assert len(paragraphs) == 1 and paragraphs[0].find("t:pb", NS) is not None


def test_a_catchword_that_opens_the_next_page_keeps_the_paragraph_whole() -> None:
    root = tree("We should not, in my view, agree to the\n\n/meeting\n\n\n\nmeeting until the conditions are met in full.\n")
    assert len(root.findall(".//t:body//t:p", NS)) == 1


# --- annotators' initials and dates --------------------------------------------------------------


@pytest.mark.parametrize(("written", "year", "when"), [
    ("15/6", 1979, "1979-06-15"), ("8/12/88", 1988, "1988-12-08"), ("3.iv.85", None, "1985-04-03"),
    ("30/xii", 1981, "1981-12-30"), ("1-x-84", 1984, "1984-10-01"), ("7.xi", 1983, "1983-11-07"),
    ("23.i.80", 1980, "1980-01-23"), ("8/2/13", 1983, None), ("15/6", None, None), ("31/2", 1985, None),
])
def test_annotators_short_dates(written: str, year: int | None, when: str | None) -> None:
    assert short_date(written, year) == when


def test_initials_with_a_dated_note_name_their_hand_and_date() -> None:
    root = tree("CONFIDENTIAL\n\n14 March 1986\n\nDear John,\n\nA letter long enough to be the text of the letter itself.\n\n"
                "Yours ever,\n(A B Smith)\n\n*Content. RTA 15.iii*\n")
    date = root.find(".//t:note//t:date", NS)
    assert date.get("when") == "1986-03-15"
    assert root.find(".//t:handNote[@xml:id='hand-RTA']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"}) is not None


def test_a_typed_file_reference_is_not_initials_and_a_date() -> None:
    root = tree("MO 12/4/7\n\nMINISTRY OF DEFENCE\nWHITEHALL LONDON SW1A 2HB\n\n3 May 1984\n\nDear Charles,\n\n"
                "The text of the letter, long enough to be a paragraph of it.\n\nYours sincerely,\n(A B Smith)\n")
    assert not [h for h in root.iter(f"{TEI}handNote") if "MO" in (h.get("{http://www.w3.org/XML/1998/namespace}id") or "")]
    assert root.find(".//t:seg[@type='reference']", NS).text == "MO 12/4/7"


def test_initials_unknown_to_the_register_are_read_against_names_in_the_file() -> None:
    text = ("10 DOWNING STREET\n\n4 May 1984\n\nDear Peter,\n\nA letter long enough to be the text of the letter itself.\n\n"
            "Yours sincerely,\n(K R Tebbit)\n\nP Q Ricketts Esq\nForeign and Commonwealth Office\n\n*Seen. PQR 5/5*\n")
    hands = convert(text).transcript.hands
    assert [(h.id, h.person) for h in hands if h.id == "hand-PQR"] == [("hand-PQR", "P Q Ricketts")]


def test_an_autograph_over_the_typed_name_is_the_signatory_hand() -> None:
    root = tree("Dear Charles,\n\nThe text of the letter, long enough to be a paragraph of it.\n\nYours ever,  \n*Nigel*  \n(N H Brown)\n")
    shift = root.find(".//t:closer//t:handShift", NS)
    assert shift.get("new") == "#hand-NHB" and shift.get("cert") == "medium"


# --- closing matter --------------------------------------------------------------------------------


@pytest.mark.parametrize("signature", ["ACLAND", "C D POWELL", "V. KUZNETSOV", "ROBERT ARMSTRONG", "M O'D B ALEXANDER"])
def test_a_typed_name_closing_a_text_is_a_signature(signature: str) -> None:
    root = tree(f"PRIME MINISTER\n\n1. A minute's text, long enough to be its paragraph, ends here.\n\n{signature}\n\ncc: Mr Ingham\n")
    assert root.find(".//t:closer/t:signed", NS).text.strip() == signature


def test_a_heading_in_capitals_is_no_signature() -> None:
    root = tree("PRIME MINISTER\n\nDEATH OF THE PRESIDENT\n\nThe text of the minute under its heading, long enough to count.\n")
    assert root.find(".//t:closer", NS) is None


def test_a_name_signed_at_the_end_of_a_cable_line_before_bt() -> None:
    root = tree("O 010101Z JAN 86\nFM SECSTATE WASHDC\nTO AMEMBASSY LONDON IMMEDIATE\nBT\n\n"
                "1. THE TEXT OF THE CABLE, LONG ENOUGH TO BE ITS PARAGRAPH.\n\nSHULTZ\n\nBT\n")
    assert root.find(".//t:closer/t:signed", NS).text == "SHULTZ"


def test_distribution_and_copies_keep_their_lines_apart() -> None:
    root = tree("FM MOSCOW 010101Z JAN 86\nTO IMMEDIATE FCO\n\n1. THE TEXT OF THE TELEGRAM, LONG ENOUGH TO COUNT.\n\n"
                "SMITH\n\nLIMITED DISTRIBUTION  \nSOVIET DEPT  \nNEWS DEPT\n")
    seg = root.find(".//t:closer/t:seg[@type='distribution']", NS)
    assert seg is not None and len(seg.findall("t:lb", NS)) == 2


def test_place_and_date_under_a_translated_message() -> None:
    root = tree("UNOFFICIAL TRANSLATION\n\nDear Madam Prime Minister,\n\nThe text of the message, long enough to count as text.\n\n"
                "With respect,  \nA. GROMYKO\n\nMoscow, 2 February 1984\n")
    assert root.find(".//t:div", NS).get("type") == "translation"
    assert root.find(".//t:closer/t:dateline/t:date", NS).get("when") == "1984-02-02"


# --- telegrams -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "kind", "office", "precedence"), [
    ("FM WASHINGTON TO IMMEDIATE FCO", "fm", "WASHINGTON", None),
    ("TO AMEMBASSY LONDON IMMEDIATE 6120", "to", "AMEMBASSY LONDON", "IMMEDIATE"),
    ("TO FLASH FCO", "to", "FCO", "FLASH"),
    ("FM MOSCOW 231140Z JAN 80", "fm", "MOSCOW", None),
    ("TELEGRAM NUMBER 61 OF 23 JANUARY", "telno", None, None),
    ("OF 110612Z MARCH 85", "dtg", None, None),
    ("INFO PRIORITY WASHINGTON, BONN", "info", "PRIORITY WASHINGTON, BONN", None),
    ("GRS 420", "grs", None, None),
])
def test_routing_lines(line: str, kind: str, office: str | None, precedence: str | None) -> None:
    fields = routing_fields(line, in_header=True)
    assert (fields.kind, fields.office, fields.precedence) == (kind, office, precedence)


def test_fm_with_to_on_one_line_gives_both_parties() -> None:
    assert party(routing_fields("FM WASHINGTON TO IMMEDIATE FCO").to).office == "FCO"
    telegram = documents("GRS 180\nFM WASHINGTON TO IMMEDIATE FCO\nTELNO 2548\nOF 122255Z SEPTEMBER 86\n\n"
                         "1. THE TEXT OF THE TELEGRAM, LONG ENOUGH TO BE A PARAGRAPH.\n\nACLAND\n")[0]
    assert (telegram.type, telegram.sender.org, telegram.addressee.org, telegram.date[:10]) == ("telegram", "WASHINGTON", "FCO", "1986-09-12")


def test_two_telegrams_on_one_page_are_two_documents() -> None:
    one = "FM MOSCOW\nTO IMMEDIATE FCO\nTELNO {n}\nOF 0{n}1200Z MAY 87\n\n1. THE TEXT OF TELEGRAM {n}, LONG ENOUGH TO COUNT AS TEXT.\n\nCARTLEDGE"
    assert len(divisions(one.format(n=1) + "\n\n" + one.format(n=2) + "\n")) == 2


# --- documents -------------------------------------------------------------------------------------


def test_a_record_of_conversation_after_a_letter_is_its_own_document() -> None:
    text = ("Dear Charles,\n\nI enclose a record of the conversation, which is long enough to count.\n\nYours ever,\n(A B Smith)\n\n"
            "RECORD OF A CONVERSATION BETWEEN THE PRIME MINISTER AND MR GROMYKO AT 1000 ON 3 MAY 1984\n\n"
            "The Prime Minister welcomed Mr Gromyko and said that the talks were long overdue in her view.\n")
    assert [d.get("type") for d in divisions(text)] == ["letter", "record"]


def test_a_page_wholly_in_handwriting_is_a_note_of_its_own() -> None:
    text = ("PRIME MINISTER\n\nA minute's text, long enough to be its paragraph of the minute here.\n\nC D POWELL\n\n\n\n"
            "*Charles*\n\n*I want a full account of this before the meeting on Thursday, and the figures too.*\n\n*MT 4/v*\n")
    assert [d.get("type") for d in divisions(text)] == ["minute", "note"]


def test_a_handwritten_comment_at_the_foot_of_a_typed_page_belongs_to_it() -> None:
    text = "PRIME MINISTER\n\nA minute's text, long enough to be its paragraph of the minute here.\n\nC D POWELL\n\n*Agree. MT*\n"
    assert len(divisions(text)) == 1


def test_a_table_of_figures_stays_inside_its_letter() -> None:
    text = ("Dear Charles,\n\nThe figures are set out below, as the Minister asked for them last week.\n\n\tThen\tNow\nTanks\t10\t20\n"
            "Guns\t5\t8\n\nThe rest of the letter follows the table, and is long enough too.\n\nYours ever,\n(A B Smith)\n")
    divs = divisions(text)
    assert len(divs) == 1 and divs[0].find(".//t:table", NS) is not None


# --- metadata and titles ---------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "name"), [
    ("(J S Wall)", "J S Wall"), ("CHARLES POWELL", "Charles Powell"), ("Lyn Parker, Esq.,", "Lyn Parker"),
    ("againstaleter", None), ("SA-C", None), ("CDP", None), ("JD3BPH", None), ("G J Dorey CSCE Unit", "G J Dorey"),
    ("(R N Peirce) Private Secretary", "R N Peirce"), ("M O'D B ALEXANDER", "M O'D B Alexander"),
])
def test_metadata_names_are_clean_or_refused(written: str, name: str | None) -> None:
    assert person_name(written) == name


@pytest.mark.parametrize(("token", "noisy"), [("JD3BPH", True), ("Cекретно", True), ("Gorbachev", False), ("2nd", False), ("T231", False)])
def test_noise_tokens(token: str, noisy: bool) -> None:
    assert noisy_token(token) is noisy


def test_initials_of_names() -> None:
    assert [initials_of(n) for n in ("A J Coles", "M O'D B Alexander", "C. D. Powell")] == ["AJC", "MODBA", "CDP"]


def test_noise_never_becomes_a_sender_or_title() -> None:
    text = ("10 DOWNING STREET\n\nTHE PRIME MINISTER\n\n18 May 1989\n\nDear Mr President,\n\n"
            "The text of the letter, long enough to be a paragraph of the letter.\n\nYours sincerely\n\nagainstaleter\n\n"
            "President M. S. Gorbachev\n")
    conversion = convert(text)
    document = conversion.transcript.documents[0]
    assert document.sender.person == "Prime Minister"
    assert "againstaleter" not in etree.fromstring(conversion.tei).find(".//t:titleStmt/t:title", NS).text


def test_a_date_far_from_its_folder_is_a_review_warning_not_the_date() -> None:
    text = ("Dear John,\n\nA letter long enough to be the text of the letter itself, of 1988.\n\n21 December 1988\n\nYours ever,\n(A B Smith)\n"
            "\n\n\n\n[DRAFT MESSAGE FROM THE PRIME MINISTER TO THE PRESIDENT]\n\n12/11/80\n\n"
            "The text of the draft, long enough to be the text of a draft message.\n\n\n\n"
            "Dear Jim,\n\n2 January 1989\n\nAnother letter long enough to be the text of a letter.\n\nYours ever,\n(A B Smith)\n")
    conversion = convert(text)
    assert conversion.transcript.documents[1].date is None
    assert [w.code for w in conversion.warnings if w.code == "review-date"] == ["review-date"]


def test_titles_in_the_editors_style() -> None:
    text = ("PRIME MINISTER\n\nSOVIET TROOP CUTS\n\nThe Soviet announcement is welcome, and we should say so in public.\n\n"
            "C D POWELL\n8 December 1988\n")
    assert convert(text).tei.decode().count("<title type=\"main\">Minute, Powell to the Prime Minister, 8 December 1988</title>") == 1


def test_a_closure_card_with_exemptions_keeps_them_as_data() -> None:
    text = ("DEPARTMENT/SERIES PRME 19\tPIECE/ITEM 1234\tDate and sign\nExtract details: Folio 12\t\n"
            "CLOSED UNDER FOI EXEMPTION 27(1), 40(2)\t✓ 1/2/15\nRETAINED UNDER SECTION 3(4) OF THE PUBLIC RECORDS ACT 1958\t\n"
            "TEMPORARILY RETAINED\t\nMISSING AT TRANSFER\t\n")
    root = tree(text)
    gap = root.find(".//t:gap", NS)
    assert gap.get("reason") == "closed-foi"
    assert [i.text for i in gap.iter(f"{TEI}idno") if i.get("type") == "foi-exemption"] == ["27(1)", "40(2)"]
    assert root.find(".//t:reg/t:idno", NS).text == "PREM 19"
    assert root.find(".//t:idno[@type='piece']", NS).text == "1234"


def test_every_output_passes_the_project_grammar_or_is_an_error() -> None:
    """The converter checks what it writes: a transcript it cannot encode validly is an error, never bad TEI."""
    conversion = convert_bytes(b"Respectfully,\n", "900_case.txt")
    assert conversion.tei.count(b"<closer>") == 0 or b"<ab" in conversion.tei


def test_a_memo_heading_opens_a_minute_with_its_parties_and_date() -> None:
    text = ("FM UKDEL NATO\nTO DESKBY 210800Z FCO\nTELNO 245\nOF 201930Z JUNE 88\nAND TO ROUTINE WASHINGTON, MODUK\n\n"
            "1. THE COUNCIL AGREED THE TEXT OF THE COMMUNIQUE THIS AFTERNOON.\n\nALEXANDER\n\nYYYY\n\nDISTRIBUTION  42\n\nMAIN  40\n\n\n\n"
            "PERSONAL MINUTE\n\nFROM: C D Powell\nDATE: 21 June 1988\nTO: Prime Minister\nSUBJECT: NATO Communique\n\n"
            "1. The communique is agreed, and the French reservation is of no consequence.\n\nC.D.P.\n")
    telegram, minute = documents(text)
    assert (telegram.type, telegram.addressee.org, telegram.sender.person) == ("telegram", "FCO", "Alexander")
    assert (minute.type, minute.sender.person, minute.addressee.person, minute.date) == ("minute", "C D Powell", "Prime Minister", "1988-06-21")
    root = tree(text)
    assert root.find(".//t:closer/t:seg[@type='distribution']", NS) is not None
    assert "PERSONAL MINUTE" in "".join(root.findall(".//t:div", NS)[1].itertext())


def test_an_ambassadors_letter_with_styles_and_excellency() -> None:
    text = ("Soviet Embassy\n13 Kensington Palace Gardens\nLondon W8 4QX\n\nHis Excellency\nThe Right Honourable Margaret Thatcher MP\n"
            "Prime Minister\n\nYour Excellency,\n\nI have the honour to transmit to you the text of a message from the General Secretary.\n\n"
            "L. ZAMYATIN\nAmbassador\n")
    letter = documents(text)[0]
    assert (letter.sender.person, letter.sender.org, letter.addressee.person) == ("L. Zamyatin", "Soviet Embassy", "Margaret Thatcher")
    assert tree(text).find(".//t:opener/t:salute", NS).text == "Your Excellency,"


def test_an_inside_address_after_the_signature_opens_no_document() -> None:
    text = ("Dear Charles,\n\nThe text of the letter, long enough to be a paragraph of the letter.\n\nYours ever,\n(A B Smith)\n\n"
            "Foreign and Commonwealth Office\nLondon SW1A 2AH\n")
    assert len(divisions(text)) == 1


def test_a_translation_inside_a_telegram_is_a_division_of_its_own() -> None:
    text = ("FM MOSCOW 041200Z MAY 87\nTO IMMEDIATE FCO\n\n1. FOLLOWING IS THE TEXT OF THE MESSAGE HANDED OVER THIS MORNING.\n\n"
            "UNOFFICIAL TRANSLATION\n\nDear Madam Prime Minister, I thank you for your message of 1 May, which I read with care.\n\n"
            "CARTLEDGE\n")
    telegram = divisions(text)
    assert len(telegram) == 1 and telegram[0].find("t:div[@type='translation']", NS) is not None


@pytest.mark.parametrize("head", ["MR POWELL", "SIR ROBERT ARMSTRONG", "Prime Minister", "MR C D POWELL"])
def test_a_minutes_addressee_at_its_head(head: str) -> None:
    text = f"SECRET\n\n{head}\n\nSOVIET TROOP CUTS\n\nThe text of the minute, long enough to be a paragraph of it.\n\nJ S WALL\n4 March 1987\n"
    minute = documents(text)[0]
    assert minute.type == "minute" and minute.addressee.person


@pytest.mark.parametrize(("line", "when"), [("21.12.88", "1988-12-21"), ("21st December, 1988", "1988-12-21"), ("December 21, 1988", "1988-12-21")])
def test_datelines_in_other_styles(line: str, when: str) -> None:
    root = tree(f"Dear John,\n\n{line}\n\nThe text of the letter, long enough to be a paragraph.\n\nYours ever,\n(A B Smith)\n")
    assert root.find(".//t:dateline/t:date", NS).get("when") == when


def test_an_illegible_marker_is_a_gap_and_page_of_pages_is_a_page_number() -> None:
    root = tree("He said [illegible] and then left the room, which was the end of it all.\n\nPage 2 of 3\n\nMore text.\n")
    assert root.find(".//t:gap", NS).get("reason") == "illegible"
    assert root.find(".//t:fw", NS).get("type") == "pageNum"


def test_a_cable_ending_typed_on_to_its_last_point_is_cut_off() -> None:
    text = ("O 121500Z MAR 85\nFM AMEMBASSY MOSCOW\nTO SECSTATE WASHDC NIACT IMMEDIATE 3311\nBT\nUNCLAS MOSCOW 03311\n\n"
            "1. THE FIRST POINT OF THE CABLE, LONG ENOUGH TO BE A PARAGRAPH.\n\n"
            "2. EMBASSY WILL REPORT SEPTEL ON ARRANGEMENTS. HARTMAN  \nBT  \n#3311\n")
    root = tree(text)
    assert root.find(".//t:closer/t:signed", NS).text == "HARTMAN"
    assert [s.get("type") for s in root.findall(".//t:closer/t:seg", NS)] == ["bt", "serial"]
    assert "HARTMAN" not in "".join(root.find(".//t:list", NS).itertext())
    assert root.find(".//t:opener/t:seg[@type='classification']", NS).text == "UNCLAS MOSCOW 03311"
    assert documents(text)[0].sender.person == "Hartman"


def test_marked_lines_with_no_blank_line_between_are_list_items() -> None:
    root = tree("THE POINTS:\n\n-- THE FIRST POINT  \n-- THE SECOND POINT  \n-- THE THIRD POINT\n\nA closing paragraph of the cable, long enough.\n")
    items = root.findall(".//t:list/t:item", NS)
    assert [i.text for i in items] == ["THE FIRST POINT", "THE SECOND POINT", "THE THIRD POINT"]
    assert {l.text for l in root.findall(".//t:list/t:label", NS)} == {"--"}
