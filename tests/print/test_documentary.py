"""Issue 16: the print edition as a documentary edition, checked on the PDFs `pipeline print` writes
(the edition's and every file's): headings, source notes, apparatus, breaks, and PDF/UA-1 tagging as
far as pikepdf can read it back."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from pdftext import html_tree, pages, squash
from pdfua import elements, marking, page_lines
from printpaths import ROOT, tei_inputs
from readingtext import documents

PIPELINE = [sys.executable, "-c", "from pipeline.cli import main; main()"]


@dataclass
class Printed:
    pdf: Path
    html: list[str]  # the paged HTML of its parts (the documents)
    files: list[Path]


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> list[Printed]:
    """Every PDF `pipeline print` writes for the edition's TEI: each file's, then the edition's."""
    out = tmp_path_factory.mktemp("printed")
    inputs = tei_inputs()
    result = subprocess.run([*PIPELINE, "print", *map(str, inputs), "-o", str(out), "--html"],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    books = [Printed(out / f"{p.stem}.pdf", [(out / f"{p.stem}.part.html").read_text()], [p]) for p in inputs]
    books.append(Printed(out / "edition.pdf", [b.html[0] for b in books], inputs))
    return books


def _each(printed):
    return printed


def test_pdfs_are_written_readable_by_all(printed):
    for book in printed:
        assert stat.S_IMODE(book.pdf.stat().st_mode) == 0o644, book.pdf


def test_every_marked_content_item_is_in_the_structure_tree_and_nothing_is_untagged(printed):
    import pikepdf

    for book in printed:
        with pikepdf.open(book.pdf) as pdf:
            root = pdf.Root.StructTreeRoot
            reached = {e.objgen for e in elements(root)}
            nums = root.ParentTree.Nums
            tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            for number, page in enumerate(pdf.pages, 1):
                marks = marking(page)
                assert marks.untagged == [], f"{book.pdf.name} page {number}: untagged {marks.untagged}"
                if not marks.mcids:
                    continue
                entry = tree[int(page.obj.StructParents)]
                for mcid in marks.mcids:
                    element = entry[mcid]
                    assert isinstance(element, pikepdf.Dictionary) and element.objgen in reached, \
                        f"{book.pdf.name} page {number}: MCID {mcid} is not in the structure tree"


def test_the_build_makes_the_same_pdfs(printed, tmp_path):
    """`pipeline build` makes each PDF with the same steps (pipeline.builder.steps, the edition written
    as it is bound from the kept parts): the same bytes, so every check here holds for its PDFs too."""
    from pipeline.builder.steps import EditionWorker
    from pipeline.builder.toolchain import SiteDocument

    worker = EditionWorker(frozenset({"print"}))
    documents = []
    for path in printed[-1].files:
        outputs = worker.print_document(path.read_bytes(), path.stem)
        assert outputs[f"print/{path.stem}.pdf"] == (printed[-1].pdf.parent / f"{path.stem}.pdf").read_bytes(), path.name
        kept = {}
        for relative, data in outputs.items():
            if relative.startswith(".cache/"):
                (tmp_path / relative.replace("/", "_")).write_bytes(data)
                kept[relative.removeprefix(".cache/")] = str(tmp_path / relative.replace("/", "_"))
        documents.append(SiteDocument(path.stem, path.read_bytes(), None, kept))
    written = worker.write_print_edition(documents, str(tmp_path))["print/edition.pdf"]
    assert written.is_relative_to(tmp_path) and stat.S_IMODE(written.stat().st_mode) == 0o644
    assert written.read_bytes() == printed[-1].pdf.read_bytes()


def test_running_heads_and_folios_are_artifacts(printed):
    import pikepdf

    for book in printed:
        with pikepdf.open(book.pdf) as pdf:
            texts = pages(book.pdf)
            for number, (page, text) in enumerate(zip(pdf.pages, texts), 1):
                if text.strip() and number > 1:
                    # every page with text but the title pages carries a folio or a running head: artifacts
                    lines = [line for line in text.splitlines() if line.strip()]
                    if len(lines) > 6:
                        assert marking(page).artifacts > 0, f"{book.pdf.name} page {number}"


def test_one_article_per_document_across_pages_and_notes_tagged_as_notes(printed):
    import pikepdf

    for book in printed:
        trees = [html_tree(h) for h in book.html]
        articles = sum(len(t.xpath("//article")) for t in trees)
        notes = sum(len(t.xpath("//span[contains(concat(' ', @class, ' '), ' note ')]")) for t in trees)
        with pikepdf.open(book.pdf) as pdf:
            found = elements(pdf.Root.StructTreeRoot)
            assert sum(1 for e in found if e.get("/S") == "/Art") == articles, book.pdf.name
            tagged = [e for e in found if e.get("/S") == "/Note"]
            assert len(tagged) == notes, book.pdf.name
            ids = [str(e.ID) for e in tagged]
            assert len(set(ids)) == len(ids) and all(ids)
            # each note inside the article it belongs to
            assert all(_ancestor(e, "/Art") for e in tagged)
            id_tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree) if tagged else {}
            assert set(id_tree.keys()) >= set(ids)


def test_a_paragraph_over_a_page_break_is_one_paragraph_element(printed):
    """WeasyPrint tags page by page: a paragraph the page break cuts would be two `P`; one per paragraph."""
    import pikepdf

    split = 0
    for book in printed:
        trees = [html_tree(h) for h in book.html]
        paragraphs = sum(len(t.xpath("//article//p")) for t in trees)
        with pikepdf.open(book.pdf) as pdf:
            found = elements(pdf.Root.StructTreeRoot)
            tagged = [e for e in found if e.get("/S") == "/P" and _ancestor(e, "/Art")]
            assert len(tagged) == paragraphs, book.pdf.name
            # those that run over a page hold content of the next page
            split += sum(1 for e in tagged if len({k.Pg.objgen for k in (e.K if isinstance(e.K, pikepdf.Array) else [e.K])
                                                   if isinstance(k, pikepdf.Dictionary) and "/Pg" in k}) > 1)
    assert split > 0


def _ancestor(element, kind: str) -> bool:
    while "/P" in element and element.P.get("/Type") == "/StructElem":
        element = element.P
        if element.get("/S") == kind:
            return True
    return False


def test_links_say_where_they_lead(printed):
    import pikepdf

    for book in printed:
        with pikepdf.open(book.pdf) as pdf:
            links = [a for page in pdf.pages for a in page.obj.get("/Annots", ()) if a.get("/Subtype") == "/Link"]
            assert links
            for link in links:
                words = str(link.get("/Contents", ""))
                assert words.startswith(("Go to ", "Link to ")), words
                assert not re.search(r"\b(file|doc|print):", words.removeprefix("Link to ")), words


def test_a_named_destination_for_every_document_on_its_page(printed):
    import pikepdf

    for book in printed:
        texts = pages(book.pdf)
        with pikepdf.open(book.pdf) as pdf:
            names = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
            index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
            for html in book.html:
                for article in html_tree(html).xpath("//article"):
                    destination = names[article.get("id")]
                    page = index[destination[0].objgen]
                    heading = squash(article.xpath("header/h2")[0].text_content())
                    assert heading in squash(texts[page]), (article.get("id"), page)


def test_bookmarks_are_the_titles_text(printed):
    import pikepdf

    for book in printed:
        wanted = [h.get("data-bookmark") for html in book.html for h in html_tree(html).xpath("//h1[@data-bookmark] | //h2[@data-bookmark]")]
        with pikepdf.open(book.pdf) as pdf, pdf.open_outline() as outline:
            titles = []
            stack = list(outline.root)
            while stack:
                item = stack.pop(0)
                titles.append(item.title)
                stack[:0] = list(item.children)
        assert [t for t in titles if t in wanted] == wanted, book.pdf.name


def test_note_numbers_stand_apart_from_words_when_the_text_is_copied(printed):
    book = printed[-1]
    text = "\n".join(pages(book.pdf))
    html_text = " ".join(html_tree(h).text_content() for h in book.html)
    glued = {w for w in re.findall(r"\b[A-Za-z]{2,}[.,;:’”)]?\d{1,2}\b", text) if w not in html_text}
    assert glued == set()


def test_every_document_has_number_title_date_line_and_source_note(printed):
    for book in printed:
        texts = pages(book.pdf)
        whole = squash("\n".join(texts))
        for html in book.html:
            for article in html_tree(html).xpath("//article"):
                number = article.xpath("header/h2/span[@class = 'doc-number']")[0].text_content()
                title = article.xpath("header/h2/span[@class = 'doc-title']")[0].text_content()
                date_line = article.xpath("header/p[@class = 'date-line']")[0].text_content()
                source = article.xpath("footer/p[@class = 'source-note']")[0].text_content()
                assert re.fullmatch(r"\d+\.", number) and title.strip() and date_line.strip()
                assert source.startswith("Source: ") and "PREM 19" in source
                for part in (number + title, date_line, source):
                    assert squash(part) in whole, part


def test_undated_documents_get_a_bracketed_editorial_date(printed):
    for html in printed[-1].html:
        for article in html_tree(html).xpath("//article"):
            date_line = article.xpath("header/p[@class = 'date-line']")[0].text_content()
            assert re.search(r"\d{4}(, \d\d:\d\d( GMT)?)?$", date_line) or re.fullmatch(r"(.*, )?\[[^\]]+\]", date_line), date_line


def test_no_forced_line_break_in_running_text(printed):
    # lines as typed only where the layout carries meaning
    allowed = {"address", "opener", "closer", "signed", "signature", "dateline", "byline", "routing", "salute"}
    for html in printed[-1].html:
        for br in html_tree(html).xpath("//article//br"):
            classes = {c for a in br.iterancestors() for c in (a.get("class") or "").split()}
            tags = {a.tag for a in br.iterancestors()}
            assert classes & allowed or "td" in tags, html_tree(html).getroottree().getpath(br)


def _body_pages(pdf: Path):
    """The pages of the documents: from the first document heading to the back matter."""
    texts = pages(pdf)
    first = next(i for i, t in enumerate(texts) if re.search(r"^\s*1\. ", t, re.M) and "Contents" not in t)
    end = next((i for i in range(first, len(texts)) if re.match(r"\s*(Withheld documents|Index of correspondents)", texts[i])), len(texts))
    return list(range(first, end))


def test_no_bare_note_number_on_a_line_of_its_own(printed):
    for book in printed:
        lines_by_page = page_lines(book.pdf)
        for index in _body_pages(book.pdf):
            height, lines = lines_by_page[index]
            text_lines = [l for l in lines if l.y_max < height - 50]  # the folio stands below the text
            # a note's number is set small (a line of text is over 9.5 pt high)
            bare = [l.text for l in text_lines if re.fullmatch(r"\d{1,3}", l.text.strip()) and l.height < 9.5]
            assert bare == [], f"{book.pdf.name} page {index + 1}: {bare}"


def test_no_heading_stranded_at_the_foot_of_a_page(printed):
    for book in printed:
        headings = {squash(h.text_content()) for html in book.html
                    for h in html_tree(html).xpath("//article//h3 | //article/header/h2")}
        lines_by_page = page_lines(book.pdf)
        for index in _body_pages(book.pdf):
            height, lines = lines_by_page[index]
            body = [l for l in lines if l.height > 9.5 and 40 < l.y_min < height - 50]
            for k, line in enumerate(body):
                if squash(line.text) in headings and line.y_min > 0.85 * height:
                    assert body[k + 1:], f"{book.pdf.name} page {index + 1}: {line.text!r} has no text after it"


def test_a_measure_of_about_seventy_characters(printed):
    import statistics

    lengths = []
    for height, lines in page_lines(printed[-1].pdf):
        body = [l for l in lines if 10.5 < l.height < 11.5]  # the text's lines (11 pt), not notes or headings
        if not body:
            continue
        right = max(l.x_max for l in body)
        # full lines of justified text in mixed case (telegrams are capitals, ragged right)
        lengths += [len(l.text) for l in body if l.x_max > right - 3 and l.x_max - l.x_min > 270
                    and sum(c.isupper() for c in l.text) < len(l.text) / 3]
    assert len(lengths) > 50 and 62 <= statistics.median(lengths) <= 75


def test_notes_end_in_one_stop_and_lists_have_no_empty_items(printed):
    for html in printed[-1].html:
        tree = html_tree(html)
        for note in tree.xpath("//span[contains(concat(' ', @class, ' '), ' note ')]"):
            assert not re.search(r"[.?!]\s*\.$", note.text_content().strip()), note.text_content()
        for item in tree.xpath("//article//ul/li"):
            assert item.text_content().strip() not in ("", "–"), html_tree(html).getroottree().getpath(item)
