"""The PDFs read back with poppler: headings, apparatus, reading text, fonts, contents, metadata."""

from __future__ import annotations

import re

import pytest

from pdftext import fonts, heading_page, html_tree, missing_from_bag, missing_words, page_labels, pages, pdf_objects_text, run, squash, words
from printpaths import ARTIFACTS, sample_pages
from readingtext import apparatus_count, apparatus_texts, documents, reading_text


@pytest.fixture(params=["sample_book", "edition_book"])
def book(request):
    return request.getfixturevalue(request.param)


def _document_pages(book, *, layout: bool = True):
    """For each document heading of the HTML, the PDF text from its first page up to the next document
    (laid out as printed, or in pdftotext's reading order)."""
    texts = pages(book.pdf, layout=layout)
    headings = [h.text_content() for h in html_tree(book.html).xpath("//article/header/h2")]
    starts, at = [], 0
    for heading in headings:
        wanted = squash(heading)
        page = next(i for i in range(at, len(texts)) if wanted in squash(texts[i]) and not texts[i].lstrip().startswith("Contents"))
        starts.append(page)
        at = page + 1
    back = next(i for i in range(at, len(texts)) if "Withhelddocuments" in squash(texts[i]) or "Indexofcorrespondents" in squash(texts[i]))
    return ["\n".join(texts[s:e]) for s, e in zip(starts, starts[1:] + [back])]


def test_every_document_heading_is_in_the_pdf(book):
    tree = html_tree(book.html)
    headings = tree.xpath("//article/header/h2")
    assert len(headings) == sum(len(documents(f.text)) for f in book.files)
    text = squash("\n".join(pages(book.pdf)))
    for heading in headings:
        assert squash(heading.text_content()) in text


def test_each_document_starts_a_page_with_its_heading_on_it(book):
    assert len(_document_pages(book)) == sum(len(documents(f.text)) for f in book.files)


def test_no_text_of_the_reading_text_is_missing(book):
    divs = [div for f in book.files for div in documents(f.text)]
    # In order as laid out (list labels beside their items); where a table's cells are read line by
    # line, every word as often as the TEI has it.
    for div, laid_out in zip(divs, _document_pages(book)):
        expected = words(reading_text(div))
        if missing_words(expected, laid_out):
            assert missing_from_bag(expected, laid_out) == [], div.get("{http://www.w3.org/XML/1998/namespace}id")


def test_every_apparatus_note_is_in_the_pdf(book):
    text = squash("\n".join(pages(book.pdf)))
    tree = html_tree(book.html)
    notes = tree.xpath("//span[contains(concat(' ', @class, ' '), ' note ')]")
    divs = [div for f in book.files for div in documents(f.text)]
    assert len(notes) == sum(apparatus_count(div) for div in divs)
    for note in notes:
        assert squash(note.text_content()) in text, note.text_content()
    # a line break inside quoted words is printed as " / "
    text = text.replace("/", "")
    for div in divs:
        for reported in apparatus_texts(div):
            assert squash(reported).replace("/", "") in text, reported


def test_notes_are_footnotes_numbered_through_each_document(sample_book):
    texts = pages(sample_book.pdf)
    page = next(t for t in texts if "Redacted in the original" in t)
    # a footnote line starts with its number, at the foot of the page, after the text
    assert re.search(r"^\s*\d+\s*Redacted in the original \(5 characters\)", page, re.M)
    assert page.index("Text with a redaction") < page.index("Redacted in the original")


def test_fonts_are_embedded_and_no_glyph_fell_back_to_a_box(book):
    rows = fonts(book.pdf)
    assert rows
    assert all(row["emb"] == "yes" for row in rows)
    # WeasyPrint gives a font with .notdef glyphs a Custom encoding instead of Identity-H
    assert all(row["encoding"] == "Identity-H" for row in rows), rows
    assert any("Edition-Serif" in row["name"] for row in rows)


def test_long_words_are_hyphenated_at_line_ends(edition_book):
    # WeasyPrint marks the breaks it makes with U+2010 (a hyphen the text had stays U+002D)
    assert "\u2010\n" in "\n".join(pages(edition_book.pdf))


def test_the_text_face_sets_cyrillic_and_accented_latin(edition_book):
    text = "\n".join(pages(edition_book.pdf))
    cyrillic = [c for c in "".join(f.text for f in edition_book.files) if "\u0400" <= c <= "\u04ff"]
    assert cyrillic and all(c in text for c in set(cyrillic))


def test_contents_page_numbers_match_the_pages(book):
    texts = pages(book.pdf)
    labels = page_labels(book.pdf)
    tree = html_tree(book.html)
    contents_pages = [i for i, t in enumerate(texts) if t.lstrip().startswith("Contents")]
    assert contents_pages
    # as laid out: each page number stands flush right on the last line of its entry
    toc = "\n".join(pages(book.pdf, layout=True)[contents_pages[0]: contents_pages[0] + 3])
    checked = 0
    for link in tree.xpath("//nav[@class='contents']//a"):
        target = link.get("href")[1:]
        # pdftotext drops a hyphen-minus that ends a line when it joins the lines: compare without them
        entry = link.text_content().replace("-", "").split()
        match = re.search(r"\s+".join(map(re.escape, entry)) + r"\s*?([0-9ivxlc]+)\s*$", toc.replace("-", ""), re.M)
        assert match, entry
        page = labels.index(match.group(1))
        element = tree.get_element_by_id(target)
        heading = element.xpath("(.//h1 | .//h2)[1]")[0]
        assert squash(heading.text_content()) in squash(texts[page]), (entry, match.group(1))
        checked += 1
    assert checked >= 4


def test_pages_are_numbered_roman_then_arabic_and_each_file_begins_on_a_recto(book):
    texts = pages(book.pdf)
    labels = page_labels(book.pdf)
    first = labels.index("1")
    assert labels[:first] == [_roman(n) for n in range(1, first + 1)]
    assert labels[first:] == [str(n) for n in range(1, len(labels) - first + 1)]
    title_pages = [i for i, t in enumerate(texts) if re.search(r"^\s*\d+ documents?\s*$", t.strip().splitlines()[-1] if t.strip() else "")]
    assert len(title_pages) == len(book.files)
    assert all(int(labels[i]) % 2 == 1 for i in title_pages)  # each file begins on a recto
    for i in range(first, len(texts)):
        folio = re.search(r"^\s*" + labels[i] + r"\s*$", texts[i], re.M)
        # every page has its folio but a file's title page and a blank verso
        assert bool(folio) == (i not in title_pages and bool(texts[i].strip())), (i, labels[i])


def _roman(n: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def test_running_heads(sample_book):
    texts = pages(sample_book.pdf)
    letter = heading_page(texts, "1. Letter from J S Wall")
    both = texts[letter] + texts[letter + 1]
    assert "PREM 19/2182" in both and "21 December 1988" in both


def test_withheld_document_is_a_boxed_notice_and_listed_at_the_end(sample_book):
    texts = pages(sample_book.pdf)
    labels = page_labels(sample_book.pdf)
    card = heading_page(texts, "3. Withheld document")
    notice = squash(texts[card])
    for expected in ("Document withheld", "Reason", "Legal basis", "27(1), 40(2)", "T 2/89 PM + US President 2 Jan 89", "13 December 2016", "PLAM 19"):
        assert squash(expected) in notice
    listing = squash(next(t for t in texts if "Withheld documents" in t and "Extract details" in t))
    # the entry of the card gives the page the card is on, its reason, basis, date and extract
    assert squash(f"PREM 19/2182, no. 3, page {labels[card]}. Temporarily retained; FOI Act 2000, exemptions 27(1), 40(2); "
                  "card dated 13 December 2016. Extract details: T 2/89 PM + US President 2 Jan 89.") in listing


def test_index_of_correspondents_gives_pages(sample_book):
    texts = pages(sample_book.pdf)
    labels = page_labels(sample_book.pdf)
    index = next(t for t in texts if t.lstrip().startswith("Index of correspondents"))
    letter = labels[heading_page(texts, "1. Letter from J S Wall")]
    assert re.search(r"Wall, J S\s+from\s+" + letter + r"\b", index)
    assert re.search(r"Powell, C D\s+to\s+" + letter + r"\b", index)


def test_links_of_the_contents_and_index_lead_to_their_pages(book):
    import pikepdf

    texts = pages(book.pdf)
    with pikepdf.open(book.pdf) as pdf:
        destinations = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
        numbers = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        followed = 0
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                    name = str(annotation.Dest)
                    target = numbers[destinations[name][0].objgen]
                    if name.startswith("doc:"):
                        heading = html_tree(book.html).get_element_by_id(name).xpath(".//h2")[0]
                        assert squash(heading.text_content()) in squash(texts[target]), name
                    followed += 1
        assert followed >= 10


def test_one_structure_tree_for_the_bound_book(book):
    import pikepdf

    with pikepdf.open(book.pdf) as pdf:
        root = pdf.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert len(keys) == len(set(keys)) and int(root.ParentTreeNextKey) > max(keys)
        for page in pdf.pages:
            if "/StructParents" in page.obj:
                assert int(page.obj.StructParents) in keys
            for annotation in page.obj.get("/Annots", []):
                assert int(annotation.StructParent) in keys
        document = root.K[0]
        parts = [kid for kid in document.K if kid.get("/S") == "/Part"]
        assert len(parts) == len(book.files) + 2  # the front matter, each file's part and the back matter
        assert all(kid.P.objgen == document.objgen for kid in parts)


def test_tagged_pdf_with_metadata(sample_book):
    info = run("pdfinfo", sample_book.pdf)
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert re.search(r"^Title:\s+Letter from the Foreign and Commonwealth Office", info, re.M)
    assert re.search(r"^Author:\s+PMO Papers edition", info, re.M)
    meta = run("pdfinfo", "-meta", sample_book.pdf)
    assert "pdfuaid" in meta
    assert b"/Lang (en)" in pdf_objects_text(sample_book.pdf)


def test_front_matter(sample_book):
    texts = pages(sample_book.pdf)
    assert squash("Letter from the Foreign and Commonwealth Office").upper() in squash(texts[0]).upper()
    statement = texts[1]
    assert "Creative Commons Attribution 4.0 International" in statement and "Edition" in statement
    intro = squash("\n".join(texts))
    assert squash("[redacted]") in intro and squash("Temporarily retained") in intro
    # written for readers: no markup names, no machine codes, each list once
    for word in ("<gap>", "<desc>", "@quantity", "tei_all", "temporarily-retained", "closed-foi"):
        assert squash(word) not in intro, word
    assert intro.count(squash("Missing at transfer")) == 1


def test_the_same_tei_gives_the_same_bytes(printer, sample_book):
    assert printer.file_pdf(sample_book.files[0]) == sample_book.pdf.read_bytes()


def test_sample_pages_are_rendered_for_a_person_to_look_at(edition_book):
    wanted = sample_pages(edition_book.pdf)
    assert len(wanted) >= 8
    assert len(list(ARTIFACTS.glob("edition-*.png"))) == len(wanted)


def test_note_numbers_begin_again_with_each_document(sample_book):
    texts = pages(sample_book.pdf)
    telegram = heading_page(texts, "2. Telegram from")
    # the telegram's only note (the OCR repetition) is its note 1, though the letter before had seven
    assert re.search(r"^\s*1\s+The OCR transcript repeats", "\n".join(texts[telegram:telegram + 2]), re.M)
