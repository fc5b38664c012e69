"""The pages of the web edition, read as HTML: what a document page shows, and that it is safe."""

from __future__ import annotations

import json
import re

import pytest
from lxml import html

from webquery import select

from pipeline.web.renderer import WebError, WebRenderer


def doc(site, key: str) -> html.HtmlElement:
    return html.fromstring(site.page(f"documents/{key}.html").read_bytes())


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def seen(element) -> str:
    """The text a sighted reader sees (visually hidden labels for screen readers left out)."""
    copy = html.fromstring(html.tostring(element))
    for hidden in select(copy, ".vh"):
        hidden.drop_tree()
    if "vh" in (copy.get("class") or "").split():
        return ""
    return text_of(copy)


# ---------------------------------------------------------------- a document page


def test_every_document_has_a_page_at_a_url_from_its_xml_id(site):
    names = sorted(p.name for p in site.page("documents").iterdir() if p.suffix == ".html")
    assert names == [
        "f900_sample.d01.html", "f900_sample.d02.html", "f900_sample.d03.html", "f900_sample.d04.html",
        "f901_second.d01.html", "f901_second.d02.html", "f999_hostile.d01.html",
    ]


def test_heading_gives_the_metadata(site):
    page = doc(site, "f900_sample.d01")
    assert text_of(page.get_element_by_id("doc-title")) == "Letter from J S Wall (Foreign and Commonwealth Office) to C D Powell"
    meta = dict(zip((text_of(e) for e in select(page, ".doc-meta dt")), (text_of(e) for e in select(page, ".doc-meta dd"))))
    assert meta["Date"] == "21 December 1988"
    assert meta["From"] == "J S Wall (Foreign and Commonwealth Office)"
    assert meta["To"] == "C D Powell"
    assert meta["Classification"] == "CONFIDENTIAL COVERING SECRET"
    assert meta["Archival reference"] == "PREM 19/2182, document 1 of 4 in the file"
    assert {m.get("name"): m.get("content") for m in select(page, "meta[name]")}["citation_date"] == "1988-12-21"
    assert select(page, 'link[type="application/tei+xml"]')[0].get("href") == "f900_sample.d01.xml"
    assert select(page, ".doc-meta time")[0].get("datetime") == "1988-12-21"


def test_deletions_additions_and_substitutions_are_del_and_ins(site):
    page = doc(site, "f900_sample.d01")
    subst = select(page, ".text .subst")[0]
    assert [e.tag for e in subst] == ["del", "ins"]
    assert text_of(subst[0]) == "can no longer delay" and "rend-strikethrough" in subst[0].get("class")
    assert text_of(subst[1]) == "shall have to reach" and "place-above" in subst[1].get("class")


def test_pages_lines_and_forme_work(site):
    page = doc(site, "f900_sample.d01")
    assert [text_of(e) for e in select(page, ".text .pb")] == ["Page 1", "Page 2"]
    assert [e.get("id") for e in select(page, ".text .pb")] == ["page-1", "page-2"]
    kinds = [e.get("class") for e in select(page, ".text .fw")]
    assert "fw catchword" in kinds and "fw page-number" in kinds and "fw running-head classification" in kinds
    assert len(select(page, ".text .lb br")) == 3


def test_hands_are_runs_named_in_a_legend(site):
    page = doc(site, "f900_sample.d01")
    runs = {(e.get("data-hand"), seen(e)) for e in select(page, ".text [data-hand]")}
    assert ("hand-CDP", "with promises. Agree to send it attached message to decide Reagan? CDD 21/xii") in runs
    assert ("hand-unidentified", "Stephen Wall") in runs
    legend = [text_of(e) for e in select(page, ".hands-legend .hand-name")]
    assert legend == ["Typescript", "An unidentified hand", "C. D. Powell"]
    buttons = [b.get("data-hand") for b in select(page, ".hands-legend button")]
    assert buttons == ["hand-unidentified", "hand-CDP"]


def test_a_hand_inside_an_addition_is_marked_inside_it(site):
    page = doc(site, "f901_second.d01")
    ins = select(page, ".text ins")[0]
    assert [(e.get("data-hand"), seen(e)) for e in select(ins, "[data-hand]")] == [("hand-MODBA", "yes")]


def test_a_withheld_document_is_a_notice_with_its_facts(site):
    page = doc(site, "f900_sample.d03")
    notice = select(page, ".withheld")[0]
    facts = dict(zip((text_of(e) for e in select(notice, "dt")), (text_of(e) for e in select(notice, "dd"))))
    assert facts["Closure reason"] == "Temporarily retained"
    assert facts["Legal basis"] == "FOI Act 2000, exemptions 27(1), 40(2)"
    assert facts["Extract details"] == "T 2/89 PM + US President 2 Jan 89"
    assert facts["Card dated"] == "13 December 2016"
    assert facts["Reference on the card"] == "PREM 19/31 74"
    assert text_of(page.get_element_by_id("doc-title")) == "Withheld document: T 2/89 PM + US President 2 Jan 89"
    second = select(doc(site, "f901_second.d02"), ".withheld dd")
    assert "Public Records Act 1958, section 3(4)" in [text_of(e) for e in second]


def test_redactions_are_marked_gaps_with_their_extent(site):
    page = doc(site, "f900_sample.d01")
    assert [text_of(e) for e in select(page, ".text .gap.redaction")] == [
        "[redacted, 5 characters]", "[redacted, text withheld under section 27]",
    ]
    repetition = select(doc(site, "f900_sample.d02"), ".text .gap.ocr-repetition")
    assert [text_of(e) for e in repetition] == ["[repeated OCR text omitted, 5 lines]"]


def test_notes_and_ocr_warnings_are_listed_and_linked(site):
    page = doc(site, "f901_second.d01")
    refs = select(page, ".text a.note-ref")
    assert [r.get("href") for r in refs] == ["#note-1", "#note-2"]
    notes = select(page, ".notes li")
    assert [n.get("id") for n in notes] == ["note-1", "note-2"]
    assert "The minute is not in this file." in text_of(notes[0])
    warnings = select(doc(site, "f900_sample.d01"), ".ocr-warnings li")
    assert text_of(warnings[0]).startswith("Uncertain reading “кукчен”")
    assert select(warnings[0], "a")[0].get("href") == "#p11"


def test_a_handwritten_annotation_stands_in_place_in_its_hand(site):
    page = doc(site, "f901_second.d01")
    annotation = select(page, ".text .annotation")[0]
    assert seen(select(annotation, ".annotation-label")[0]) == "Annotation · M. O'D. B. Alexander"
    assert [(e.get("data-hand"), seen(e)) for e in select(annotation, "[data-hand]")] == [("hand-MODBA", "Prime Minister has seen")]
    assert annotation.get("id") == "p5"
    assert [n.get("id") for n in select(page, ".notes li")] == ["note-1", "note-2"]
    data = site.page("assets/search/store/901_second.js").read_text(encoding="ascii")
    assert '"documents/f901_second.d01.html#p5"' in data and "Prime Minister has seen" in data


def test_previous_and_next_cross_files_in_edition_order(site):
    def nav(key):
        page = doc(site, key)
        return [a.get("href") for a in select(page, ".doc-nav a[rel=prev]")], [
            a.get("href") for a in select(page, ".doc-nav a[rel=next]")
        ]

    assert nav("f900_sample.d01") == ([], ["f900_sample.d02.html"])
    assert nav("f900_sample.d04") == (["f900_sample.d03.html"], ["f901_second.d01.html"])
    assert nav("f901_second.d01") == (["f900_sample.d04.html"], ["f901_second.d02.html"])
    assert nav("f999_hostile.d01") == (["f901_second.d02.html"], [])


def test_file_link_tei_download_and_citation(site):
    page = doc(site, "f900_sample.d02")
    assert select(page, ".breadcrumb a")[1].get("href") == "../files/900_sample.html"
    downloads = {text_of(a): a.get("href") for a in select(page, ".cite a[download]")}
    assert downloads == {
        "BibTeX": "f900_sample.d02.bib", "RIS": "f900_sample.d02.ris", "CSL-JSON": "f900_sample.d02.csl.json",
        "TEI of this document": "f900_sample.d02.xml", "Plain text": "f900_sample.d02.txt",
        "TEI of the whole file": "../tei/900_sample.xml",
    }
    for href in downloads.values():
        assert (site.page("documents") / href).resolve().is_file(), href
    tei = site.page("tei/900_sample.xml").read_bytes()
    assert tei.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI ') and b"<?xml-model" not in tei
    citation = ("CABINET OFFICE LONDON, “Telegram from CABINET OFFICE LONDON to THE WHITE HOUSE”, 21 December 1988, 21:30 GMT. "
                "The National Archives, Kew, PREM 19/2182, document 2 of 4. In PMO Papers, edited by PMO Papers "
                "project, release 0.1.0. https://pmo-papers.example.org/documents/f900_sample.d02.html.")
    assert text_of(select(page, ".citation")[0]).startswith(citation)
    # the downloads hold the full reference too
    bib = site.page("documents/f900_sample.d02.bib").read_text("utf-8")
    ris = site.page("documents/f900_sample.d02.ris").read_text("utf-8")
    csl = json.loads(site.page("documents/f900_sample.d02.csl.json").read_text("utf-8"))[0]
    text = site.page("documents/f900_sample.d02.txt").read_text("utf-8")
    for data in (bib, ris, text):
        assert "The National Archives, Kew, PREM 19/2182, document 2 of 4" in data, data
        assert "https://pmo-papers.example.org/documents/f900_sample.d02.html" in data
    assert "editor = {{PMO Papers project}}" in bib and "A2  - PMO Papers project" in ris
    assert csl["archive_location"] == "PREM 19/2182, document 2 of 4" and csl["editor"] == [{"literal": "PMO Papers project"}]
    assert csl["issued"] == {"date-parts": [[1988, 12, 21]]} and csl["version"] == "0.1.0"
    one = site.page("documents/f900_sample.d02.xml").read_bytes()
    assert b'xml:id="f900_sample.d02"' in one and b'xml:id="f900_sample.d01"' not in one and b"<teiHeader>" in one
    ld = json.loads(site.page("documents/f900_sample.d02.jsonld").read_text("utf-8"))
    assert ld["@type"] == "ArchiveComponent" and ld["identifier"] == "PREM 19/2182, document 2 of 4"
    assert [link.get("href") for link in select(page, 'link[rel="canonical"]')] == [
        "https://pmo-papers.example.org/documents/f900_sample.d02.html"]


def test_file_page_lists_its_documents(site):
    page = html.fromstring(site.page("files/901_second.html").read_bytes())
    assert [a.get("href") for a in select(page, "table.documents a")] == [
        "../documents/f901_second.d01.html", "../documents/f901_second.d02.html",
    ]



def test_the_licence_of_a_files_text_is_in_the_footer_of_its_pages(site):
    for path in ("documents/f901_second.d01.html", "documents/f901_second.d02.html", "files/901_second.html"):
        page = html.fromstring(site.page(path).read_bytes())
        licence = select(page, "footer .licence")
        assert len(licence) == 1 and text_of(licence[0]) == "Licence of the text: Creative Commons Attribution 4.0 International", path
        assert [a.get("href") for a in select(licence[0], 'a[rel="license"]')] == ["https://creativecommons.org/licenses/by/4.0/"]
    # a target that is not a safe URL is not linked; the site's own pages name no licence of a text
    hostile = select(doc(site, "f999_hostile.d01"), "footer .licence")[0]
    assert text_of(hostile) == "Licence of the text: Click <b>me</b>" and not select(hostile, "a")
    assert not select(html.fromstring(site.page("index.html").read_bytes()), "footer .licence")

# ---------------------------------------------------------------- browse


def test_browse_lists_every_document_in_date_order_withheld_in_place(site):
    page = html.fromstring(site.page("index.html").read_bytes())
    rows = select(page, "table.documents tbody tr")
    keys = [select(r, "a")[0].get("href") for r in rows]
    assert keys == [
        "documents/f900_sample.d01.html", "documents/f900_sample.d02.html", "documents/f900_sample.d03.html",
        "documents/f900_sample.d04.html", "documents/f901_second.d01.html", "documents/f901_second.d02.html",
        "documents/f999_hostile.d01.html",
    ]
    withheld = [r for r in rows if "row-withheld" in r.get("class")]
    assert [text_of(select(r, ".badge")[0]) for r in withheld] == [
        "Withheld: Temporarily retained", "Withheld: Retained under section 3(4) of the Public Records Act 1958",
    ]
    first = [text_of(td) for td in select(rows[0], "td")]
    assert first[0] == "21 December 1988" and first[1] == "Letter"
    assert first[2] == "J S Wall (Foreign and Commonwealth Office) → C D Powell"
    assert first[3] == "CONFIDENTIAL COVERING SECRET" and first[4] == "PREM 19/2182 (1)"


def test_facets_cover_year_type_correspondent_hand_classification(site):
    page = html.fromstring(site.page("index.html").read_bytes())
    legends = [text_of(e) for e in select(page, ".facets legend")]
    assert legends == ["Year", "Type", "Correspondent", "Hand", "Classification", "Dates"]
    hands = [text_of(e) for e in select(page, 'fieldset[data-facet="hand"] a')]
    assert hands == ["An unidentified hand (1)", "C. D. Powell (1)", 'hand-evil" (1)', "M. O'D. B. Alexander (1)"]


def test_a_facet_page_lists_only_its_documents_without_javascript(site):
    index = html.fromstring(site.page("index.html").read_bytes())
    link = next(a for a in select(index, 'fieldset[data-facet="type"] a') if text_of(a).startswith("Telegram"))
    page = html.fromstring(site.page(link.get("href")).read_bytes())
    assert [a.get("href") for a in select(page, "table.documents tbody a")] == ["../documents/f900_sample.d02.html"]


def test_every_facet_page_lists_the_documents_the_filter_would_show(site):
    index = html.fromstring(site.page("index.html").read_bytes())
    rows = select(index, "table.documents tbody tr")
    links = select(index, "fieldset[data-facet] a")
    assert len(links) > 10
    for link in links:
        facet, n = link.get("href").removeprefix("browse/").removesuffix(".html").split("-", 1)
        expected = [select(r, "a")[0].get("href") for r in rows if n in r.get(f"data-f-{facet}", "").split()]
        page = html.fromstring(site.page(link.get("href")).read_bytes())
        assert expected and [a.get("href").removeprefix("../") for a in select(page, "table.documents tbody a")] == expected
        assert not [r for r in select(page, "table.documents tbody tr") if any(a.startswith("data-f-") for a in r.attrib)]
    # the facet pages' addresses are made from their values, so they stay when other values come and go
    hrefs = {a.get("href") for a in links}
    assert {"browse/year-1988.html", "browse/type-telegram.html", "browse/classification-confidential.html"} <= hrefs, hrefs


# ---------------------------------------------------------------- safety


def test_hostile_text_renders_as_text(site):
    source = site.page("documents/f999_hostile.d01.html").read_text(encoding="utf-8")
    page = html.fromstring(source)
    assert "Text: <script>alert(1)</script> and bold." in text_of(page)
    scripts = select(page, "script")
    assert [s.get("src") for s in scripts] == ["../assets/lunr.min.js", "../assets/search-terms.js", "../assets/site.js"] and all(not (s.text or "").strip() for s in scripts)
    assert not select(page, "style, iframe, img, svg, object, embed, [style]")
    for element in page.iter():
        for name, value in element.attrib.items():
            assert not name.startswith("on"), (element.tag, name)
            if name in ("href", "src", "action"):
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), value
    assert [a.get("href") for a in select(page, ".text a.ref")] == ["https://example.org/ok"]
    assert "<?" not in source and "<!--" not in source


def test_hostile_text_stays_out_of_scripts(site):
    scripts = sorted((site.root / "assets" / "search").rglob("*.js"))
    assert scripts
    for script in scripts:
        data = script.read_text(encoding="ascii")
        assert "<" not in data and ">" not in data
        assert re.match(r'(\(window\.PMO_SEARCH_\w+ = window\.PMO_SEARCH_\w+ \|\| \{\}\)\["[\w.-]+"\]|window\.PMO_SEARCH_\w+) = [\[{]', data), script
        assert data.endswith(";\n")
    stores = sorted((site.root / "assets" / "search" / "store").glob("*.js"))
    listed = site.page("assets/search-files.js").read_text(encoding="ascii")
    assert listed == "window.PMO_SEARCH_FILES = " + json.dumps([p.stem for p in stores], separators=(",", ":")) + ";\n"


def test_every_page_has_the_content_security_policy(site):
    for path in site.html_pages():
        page = html.fromstring(path.read_bytes())
        csp = select(page, 'meta[http-equiv="Content-Security-Policy"]')
        assert csp and "script-src 'self'" in csp[0].get("content") and "default-src 'none'" in csp[0].get("content"), path


def test_a_file_that_is_not_tei_or_not_safe_is_an_error_not_a_traceback():
    renderer = WebRenderer()
    with pytest.raises(WebError, match="not a TEI file"):
        renderer.load(b"<html/>", "x.xml")
    with pytest.raises(WebError, match="DOCTYPE"):
        renderer.load(b'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>', "x.xml")
    with pytest.raises(WebError):
        renderer.load(b"<TEI", "x.xml")


def test_a_tei_file_without_documents_renders_its_file_page(site):
    renderer = WebRenderer()
    source = renderer.load(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>x</p></body></text></TEI>', "empty.xml")
    assert renderer.summarise(source).documents == ()
    assert sorted(renderer.render(source).files) == ["files/empty.html", "tei/empty.xml"]



def test_given_the_summary_the_pages_are_the_ones_made_without_it():
    """The build and `pipeline web` pass the summary task's result to the render task (not made twice)."""
    from pathlib import Path

    renderer = WebRenderer()
    for path in sorted((Path(__file__).resolve().parents[2] / "tei").glob("*.xml"))[:3]:
        source = renderer.load(path.read_bytes(), path.name)
        alone, given = renderer.render(source), renderer.render(source, summary=renderer.summarise(source))
        assert given.files == alone.files and given.passages == alone.passages and len(given.files) > 4



def test_every_search_record_points_at_its_passage_on_the_page():
    """The stylesheet numbers the search passages by counting, the page's ids by an accumulator: they agree, nested
    passages (a list's items in a paragraph, an annotation's paragraphs) included."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    renderer = WebRenderer()
    for path in [*sorted((root / "tei").glob("*.xml")), root / "tests" / "web" / "data" / "search.xml"]:
        rendered = renderer.render(renderer.load(path.read_bytes(), path.name))
        records = [r for r in rendered.passages if "#" in r["id"]]
        assert records, path
        for record in records:
            key, number = record["id"].split("#")
            page = html.fromstring(rendered.files[f"documents/{key}.html"])
            passage = page.get_element_by_id(number)
            assert (record["text"] or record["dipl"]).split()[0] in text_of(passage), (path.name, record["id"])
            # the outermost passage of its place: no passage with an id around it
            assert not [a for a in passage.iterancestors() if re.fullmatch(r"p\d+", a.get("id") or "")], record["id"]

def test_pages_are_utf8_said_so_first_and_read_the_same():
    renderer = WebRenderer()
    source = renderer.load(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
                           b'</fileDesc></teiHeader><text><body><div xml:id="d1" type="letter"><head>Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d</head>'
                           b'<p>\xc2\xa3 5 &amp; na\xc3\xafve</p></div></body></text></TEI>', "u.xml")
    page = renderer.render(source).files["documents/d1.html"]
    assert page.decode("utf-8").index('<meta charset="utf-8"/>') < 1024  # where HTML looks for it
    assert "Café “quoted”".encode() in page and b"&#" not in page
    tree = html.fromstring(page.decode("utf-8"))
    assert tree.xpath("string(//h2[@class='head'])") == "Café “quoted”"
    assert "£ 5 & naïve" in tree.xpath("string(//p[@class='p'])")


HOSTILE_TRANSCRIPT = (
    "A letter with <script>alert(1)</script> and <b onclick=x>bold</b> in it for good measure.\n\n"
    "We ~~<img src=x onerror=alert(2)>~~ <sup>javascript:alert(3)</sup> agree.\n\n"
    "*<style>body{display:none}</style> CDP 19/x*\n\n"
    "Text [text withheld under section 27] and </script><!-- a comment --> and \"quotes' & ampersands.\n"
).encode()


def test_hostile_text_from_the_converter_renders_inert(tmp_path):
    from click.testing import CliRunner

    from pipeline.convert_cli import convert

    (tmp_path / "950_hostile.txt").write_bytes(HOSTILE_TRANSCRIPT)
    result = CliRunner().invoke(convert, [str(tmp_path / "950_hostile.txt"), "-o", str(tmp_path / "tei")])
    assert result.exit_code == 0, result.output
    renderer = WebRenderer()
    source = renderer.load((tmp_path / "tei" / "950_hostile.xml").read_bytes(), "950_hostile.xml")
    summary = renderer.summarise(source)
    files = renderer.render(source).files
    pages = [html.fromstring(data) for path, data in files.items() if path.startswith("documents/") and path.endswith(".html")]
    assert len(pages) == len(summary.documents) >= 1
    text = " ".join(text_of(select(page, "main")[0]) for page in pages)
    for visible in ("<script>alert(1)</script>", "<b onclick=x>bold</b>", "<style>body{display:none}</style>"):
        assert visible in text
    for page in pages:
        assert [s.get("src") for s in select(page, "script")] == ["../assets/lunr.min.js", "../assets/search-terms.js", "../assets/site.js"]
        assert not select(page, "style, img, iframe, b[onclick], [style]")
        assert not [name for e in page.iter() for name in e.attrib if name.startswith("on")]


@pytest.mark.parametrize(("base_url", "canonical"), [
    ("https://example.org/pmo/", "https://example.org/pmo/documents/f900_sample.d01.html"),
    ("javascript:alert(1)//", None),
])
def test_a_published_address_gives_canonical_links_and_citations(base_url, canonical):
    from webpaths import SAMPLE

    renderer = WebRenderer(base_url=base_url)
    page = html.fromstring(renderer.render(renderer.load(SAMPLE.read_bytes(), "900_sample.xml")).files["documents/f900_sample.d01.html"])
    links = [link.get("href") for link in select(page, 'link[rel="canonical"]')]
    assert links == ([canonical] if canonical else [])
    cited = text_of(select(page, ".citation")[0])
    assert cited.endswith("release 0.1.0. " + (canonical + ". " if canonical else "") + "Accessed .")
    assert "javascript" not in cited
