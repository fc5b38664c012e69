"""Each phenomenon of the transcripts, one small case each (including those the five files do not show)."""

from __future__ import annotations

from tests.convert.cases import NS, body, convert, flat, xml

LETTER = """10 DOWNING STREET

LONDON SW1A 2AA

{body}

Yours sincerely

(A B Smith)

C D Jones Esq
Foreign and Commonwealth Office
"""


def letter(text: str) -> str:
    return flat(xml(body(LETTER.format(body=text))))


def test_strike_becomes_del() -> None:
    assert '<del rend="strikethrough">can no longer delay</del>' in letter("We ~~can no longer delay~~ a decision on the matter before us, said the Minister at length.")


def test_deletion_spanning_a_hard_line_break() -> None:
    out = letter("~~Please pass following message from  \nme to get on~~ and the rest of a paragraph that is long enough to be text.")
    assert '<del rend="strikethrough">Please pass following message from<lb/>me to get on</del>' in out


def test_deletion_then_additions_is_one_substitution() -> None:
    out = letter("we ~~can no longer delay~~ <sup>shall have to reach</sup> <sup>very soon</sup> a decision on whether to agree to it.")
    assert '<subst><del rend="strikethrough">can no longer delay</del><add place="above">shall have to reach very soon</add></subst> a decision' in out


def test_sup_alone_is_an_addition() -> None:
    assert '<add place="above">experts</add> people' in letter("our <sup>experts</sup> people have kept in close touch on the prior conditions of the talks.")


def test_italic_is_a_change_of_hand_and_back() -> None:
    out = letter("The typed text goes on here for a while. *Agree?* And the typing resumes after it.")
    assert '<handShift new="#hand-unidentified"/>Agree?<handShift new="#typescript"/>' in out


def test_initials_and_roman_date_identify_the_annotator() -> None:
    out = flat(xml(body("21 December 1988\n\nDear Charles,\n\nA long enough paragraph of typescript for the letter to have text.\n\n*Agree to send it? CDP 21/xii*\n")))
    assert '<handShift new="#hand-CDP"/>Agree to send it? <name type="initials" ref="#hand-CDP">CDP</name> <date when="1988-12-21">21/xii</date>' in out


def test_misread_initials_are_attributed_with_low_certainty() -> None:
    out = flat(xml(body("19 October 1988\n\nSome typed text of a minute that is long enough to count as text.\n\n*Agree? CDD 19/x*\n")))
    assert '<handShift new="#hand-CDP" cert="low"/>' in out


def test_unknown_initials_get_their_own_hand() -> None:
    tei = convert("Some typed text of a minute that is long enough to count as text.\n\n*Seen XQZ 2/i*\n").tei.decode()
    assert 'xml:id="hand-XQZ"' in tei and "#hand-XQZ" in tei


def test_bold_is_hi() -> None:
    assert '<hi rend="bold">PERSONAL MESSAGE</hi>' in letter("**PERSONAL MESSAGE** and then a sentence long enough to be the text of the letter.")


def test_heading_opens_a_section() -> None:
    out = letter("A first paragraph that is long enough to be the text of this letter here.\n\n#### VIENNA ISSUES\n\n-----\n\n-- FINALLY, I SHOULD MENTION THE ISSUES REMAINING IN VIENNA FOR THE DOCUMENT.")
    assert '<div type="section"><head>VIENNA ISSUES</head><milestone unit="rule"/>' in out


def test_labelled_list_keeps_its_labels() -> None:
    out = letter("The elements are these, set out at length for the Prime Minister's benefit:\n\n- (a) the first;\n- (b) the second.")
    assert "<label>(a)</label><item>the first;</item>" in out


def test_quote_marker_is_an_ordinary_paragraph() -> None:
    out = letter("> Lord Carrington therefore feels that the time is approaching for a visit.")
    assert "<p>Lord Carrington therefore feels" in out and "quote" not in out


def test_two_trailing_spaces_are_a_line_break() -> None:
    assert "the first line<lb/>and the second" in letter("A paragraph of text that is long enough to be the body of this letter.\n\nA paragraph with the first line  \nand the second, long enough to be text.")


def test_tab_separated_lines_are_a_table() -> None:
    out = flat(xml(body("DSK (Revised Sept 85)\tSECRET DRAFT: letter\tTYPE: Draft\nSECURITY\tTO: THE PRESIDENT\tCopies to:\n")))
    assert "<row><cell>DSK (Revised Sept 85)</cell><cell>SECRET DRAFT: letter</cell><cell>TYPE: Draft</cell></row>" in out
    assert "\t" not in out


def test_three_blank_lines_make_a_page_break() -> None:
    out = letter("A paragraph on the first page that is long enough to be some text.\n\n\n\nA paragraph on the second page, also long enough to be some text.")
    assert '<pb n="2"/>' in out


def test_running_heads_catchwords_and_page_numbers() -> None:
    out = letter("SECRET\n\nText of the first page that is long enough to be counted as the text.\n\n/According\n\nSECRET\n\n\n\nSECRET\n\n- 2 -\n\nAccording to the second page, which is long enough to be the text too.")
    assert '<fw type="header" subtype="classification">SECRET</fw>' in out
    assert '<fw type="footer" subtype="classification">SECRET</fw>' in out
    assert '<fw type="catch">/According</fw>' in out
    assert '<fw type="pageNum">- 2 -</fw>' in out


def test_letter_parts() -> None:
    out = flat(xml(body("Foreign and Commonwealth Office\n\nLondon SW1A 2AH\n\n21 December 1988\n\nDear Charles,\n\nA paragraph long enough to be the body of the letter, said the clerk.\n\nYours sincerely\n\n(J S Wall)\n\nC D Powell Esq  \n10 Downing Street\n")))
    assert "<opener><address><addrLine>Foreign and Commonwealth Office</addrLine><addrLine>London SW1A 2AH</addrLine></address>" in out
    assert '<dateline><date when="1988-12-21">21 December 1988</date></dateline>' in out
    assert "<salute>Dear Charles,</salute>" in out
    assert "<closer><salute>Yours sincerely</salute><signed>(J S Wall)</signed><address><addrLine>C D Powell Esq</addrLine><addrLine>10 Downing Street</addrLine></address></closer>" in out


def test_telegram_routing_lines_are_structure() -> None:
    out = flat(xml(body("O 212130Z DEC 88  \nFM CABINET OFFICE LONDON  \nTO THE WHITE HOUSE  \nBT  \nSECRET\n\nTHE FOLLOWING IS THE TEXT OF A MESSAGE FROM THE PRIME MINISTER TO THE PRESIDENT.\n\nBT\n")))
    assert '<div type="telegram"' in out
    assert '<seg type="dtg"><seg type="precedence">O</seg> <date when="1988-12-21T21:30:00Z">212130Z DEC 88</date></seg>' in out
    assert '<seg type="from">FM CABINET OFFICE LONDON</seg>' in out
    assert '<seg type="to">TO THE WHITE HOUSE</seg>' in out


def test_a_letterhead_opens_a_new_document() -> None:
    divs = body(LETTER.format(body="The first letter's text, which is long enough to give the document some substance.") + "\n\n\n" + LETTER.format(body="The second letter's text, which is long enough to give the document some substance.")).findall("t:div", NS)
    assert [d.get("type") for d in divs] == ["letter", "letter"]


CARD = """DEPARTMENT/SERIES PLAM 19 PIECE/ITEM\tDate and sign
Extract details: T 2/89 PM + US President 2 Jan 89\t
CLOSED UNDER FOI EXEMPTION\t{foi}
RETAINED UNDER SECTION 3(4) OF THE PUBLIC RECORDS ACT 1958\t
TEMPORARILY RETAINED\t{temp}
MISSING AT TRANSFER\t
NUMBER NOT USED\t

Instructions for completion of Dummy Card

Use black or blue pen to complete form.
"""


def test_closure_card_becomes_a_withheld_document() -> None:
    out = flat(xml(body(CARD.format(foi="", temp="13/12/16"))))
    assert '<div type="closureCard"' in out
    assert '<gap reason="temporarily-retained" unit="document" quantity="1">' in out
    assert '<choice><orig><idno type="series">PLAM 19</idno></orig><reg><idno type="series">PREM 19</idno></reg></choice>' in out
    assert '<title type="extract">T 2/89 PM + US President 2 Jan 89</title>' in out
    assert '<date when="2016-12-13">13/12/16</date>' in out
    assert "Use black or blue pen" not in out and '<note type="boilerplate">' in out


def test_closure_card_with_foi_exemptions() -> None:
    out = flat(xml(body(CARD.format(foi="27(1), 40(2) 1/2/15", temp=""))))
    assert '<gap reason="closed-foi"' in out
    assert '<idno type="foi-exemption">27(1)</idno>, <idno type="foi-exemption">40(2)</idno>' in out


def test_redactions_in_running_text() -> None:
    out = letter("He said [REDACTED] and then █████ and [ ] and [text withheld under section 27] to us all.")
    assert out.count('<gap reason="redacted"') == 4
    assert '<gap reason="redacted" unit="chars" quantity="5"/>' in out
    assert "<desc>text withheld under section 27</desc>" in out


def test_stray_cyrillic_is_unclear_and_warned() -> None:
    conversion = convert("A letter of ordinary English text with a stamp кукчен Secret Кеннички in it here.\n")
    assert '<unclear reason="illegible">кукчен</unclear>' in conversion.tei.decode()
    assert any(w.code == "illegible" and w.line == 1 for w in conversion.warnings)


def test_repetition_loop_kept_once_and_recorded() -> None:
    text = "\n\n".join(["I would be the provenfet or on balance 16 March 1981", "London SWIA 2AH"] * 5) + "\n\nAnd then the real text of the letter begins and goes on for a while.\n"
    conversion = convert(text)
    tei = conversion.tei.decode()
    assert tei.count("<p>I would be the provenfet") == 1
    assert '<gap reason="ocr-repetition" unit="lines" quantity="8"><desc>4 further copies of the lines above, dropped: ' in tei
    assert [w.line for w in conversion.warnings if w.code == "ocr-repetition"] == [1]


def test_numbered_lines_are_distinct_text_never_a_loop() -> None:
    text = "\n\n".join(f"Line {n} of the list of figures, typed as the others are" for n in range(1, 121)) + "\n"
    conversion = convert(text)
    tei = conversion.tei.decode()
    assert all(f"Line {n} of the list" in tei for n in range(1, 121))
    assert "ocr-repetition" not in tei and not [w for w in conversion.warnings if w.code == "ocr-repetition"]


def test_copies_differing_by_ocr_letters_are_one_loop() -> None:
    variants = ["I would be the provenfet or on balance 16 March 1981", "I would be the proverfet or on balance 16 March 1981"]
    text = "\n\n".join(variants[n % 2] for n in range(6)) + "\n\nThe letter's own text follows here and runs on.\n"
    assert '<gap reason="ocr-repetition" unit="lines" quantity="5">' in convert(text).tei.decode()


def test_card_with_no_reason_marked_is_withheld_and_valid(tmp_path) -> None:
    from pipeline.validate import Validator

    conversion = convert(CARD.format(foi="", temp=""))
    tei = conversion.tei.decode()
    assert '<gap reason="withheld" unit="document" quantity="1">' in tei
    target = tmp_path / "card.xml"
    target.write_bytes(conversion.tei)
    assert list(Validator().iter_errors(str(target))) == []
