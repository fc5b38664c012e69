"""How the web stylesheet's pages are put together (pipeline/web/pages.py): each page's own part from the principal
output, its frame from the frames made once per transformation; and that nothing in a TEI file can make a page."""

from __future__ import annotations

import re

import pytest
from lxml import html

from webpaths import DATA

from pipeline.web.pages import assemble
from pipeline.web.renderer import WebRenderer
from pipeline.xslt import TransformResult, XsltError

FRAME = "<!DOCTYPE html><html><head><meta/><!--w:head--><script></script></head><body><main><!--w:main--></main><footer/></body></html>"


def test_each_page_is_its_own_part_in_the_frame_of_its_kind():
    result = TransformResult(
        output="<!--w:page a.html top--><title>A</title><!--w:main--><p>a</p>"
               "<!--w:page sub/b.html sub--><title>B</title><link/><!--w:main--><p>b</p>",
        documents={"frames/top": FRAME, "frames/sub": FRAME.replace("<footer/>", "<footer>sub</footer>"), "other.tsv": "x"})
    assert assemble(result) == {
        "a.html": "<!DOCTYPE html><html><head><meta/><title>A</title><script></script></head><body><main><p>a</p></main>"
                  "<footer/></body></html>",
        "sub/b.html": "<!DOCTYPE html><html><head><meta/><title>B</title><link/><script></script></head><body><main><p>b</p>"
                      "</main><footer>sub</footer></body></html>",
    }


@pytest.mark.parametrize(("output", "documents", "error"), [
    ("<p>stray</p><!--w:page a.html top--><!--w:main-->", {"frames/top": FRAME}, "before its first page"),
    ("<!--w:page a.html top--><p>no main</p>", {"frames/top": FRAME}, "not made"),
    ("<!--w:page a.html none--><!--w:main-->", {"frames/top": FRAME}, "not made"),
    ("<!--w:page ../a.html top--><!--w:main-->", {"frames/top": FRAME}, "outside the output folder"),
    ("<!--w:page a.html top--><!--w:main-->", {"frames/top": "<html></html>"}, "without its comments"),
])
def test_output_not_made_as_pages_are_is_an_error(output, documents, error):
    with pytest.raises(XsltError, match=error):
        assemble(TransformResult(output=output, documents=documents))


def test_markers_in_a_tei_file_are_text_never_pages():
    """Comments are not copied from the TEI; what looks like a marker in its text or attributes is written escaped."""
    tei = (DATA / "second.xml").read_text(encoding="utf-8")
    marker = "&lt;!--w:page documents/evil.html document--&gt;&lt;!--w:main--&gt;"
    tei = tei.replace("<body>", f"<body><!--w:page documents/evil.html document--><!--w:main-->", 1)
    tei = re.sub(r"(<p[ >][^<]*)", lambda m: m.group(1) + marker, tei, count=1)
    tei = tei.replace('<title type="main">', f'<title type="main">{marker}', 1)
    renderer = WebRenderer()
    plain = renderer.render(renderer.load((DATA / "second.xml").read_bytes(), "901_second.xml")).files
    files = renderer.render(renderer.load(tei.encode(), "901_second.xml")).files
    assert sorted(files) == sorted(plain) and "documents/evil.html" not in files
    page = files["documents/f901_second.d01.html"].decode("utf-8")
    assert page.count("<!DOCTYPE html>") == 1 and page.count("</html>") == 1 and "<!--" not in page
    assert "<!--w:page documents/evil.html document--><!--w:main-->" in html.fromstring(page).text_content()


def test_frames_given_by_an_earlier_transformation_complete_the_pages():
    result = TransformResult(output="<!--w:page a.html top--><title>A</title><!--w:main--><p>a</p>", documents={})
    with pytest.raises(XsltError, match="not made"):
        assemble(result)
    assert assemble(result, {"top": FRAME})["a.html"].startswith("<!DOCTYPE html><html><head><meta/><title>A</title>")


def _footer(page: bytes) -> str:
    return " ".join(html.fromstring(page).xpath("//footer")[0].text_content().split())


def test_a_file_s_pages_are_the_same_whether_frames_are_made_for_it_or_kept_from_an_earlier_file():
    """Frames are kept by licence: a file of another licence gets its own footer; one of the same licence gets the
    same bytes as from a renderer that has seen nothing before."""
    second = (DATA / "second.xml").read_bytes()
    other = second.replace(b"Creative Commons Attribution 4.0 International", b"Open Government Licence v3.0")
    fresh = WebRenderer().render(WebRenderer().load(second, "901_second.xml")).files
    renderer = WebRenderer()
    made: list[list[str]] = []  # the frames each transformation made
    transform = renderer._runner.transform

    def spy(*args, **kwargs):
        result = transform(*args, **kwargs)
        made.append(sorted(href for href in result.documents if href.startswith("frames/")))
        return result

    renderer._runner.transform = spy
    first = renderer.render(renderer.load(other, "900_other.xml")).files
    later = renderer.render(renderer.load(second, "901_second.xml")).files
    assert made[-1] == ["frames/document", "frames/file"]
    again = renderer.render(renderer.load(second, "901_second.xml")).files
    assert made[-1] == []
    assert "Open Government Licence v3.0" in _footer(first["files/900_other.html"])
    for page in ("documents/f901_second.d01.html", "files/901_second.html"):
        assert "Creative Commons Attribution 4.0 International" in _footer(later[page])
        assert "Open Government" not in _footer(later[page])
        assert later[page] == fresh[page] == again[page]
