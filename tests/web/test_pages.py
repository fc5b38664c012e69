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
    page = files["documents/f901_second.d01.html"].decode("ascii")
    assert page.count("<!DOCTYPE html>") == 1 and page.count("</html>") == 1 and "<!--" not in page
    assert "<!--w:page documents/evil.html document--><!--w:main-->" in html.fromstring(page).text_content()
