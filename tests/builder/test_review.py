"""The report's review queue and charts, alone: escaped, linked, drawn as inline SVG with text alternatives."""

from __future__ import annotations

from lxml import etree

from pipeline.builder.review import bar_chart, charts_html, review_entries, review_queue_html

DOCS = [{
    "name": "001_x",
    "messages": [
        {"code": "review-boundary", "line": 130, "last_line": 131, "chosen": "a new document opens here",
         "runner_up": "the same document goes on", "lines": ["MOSCOW <HUMAN> RIGHTS", "15 DECEMBER 1988"],
         "page": "documents/f001_x.d03.html", "message": "…"},
        {"code": "illegible", "line": 4, "message": "unreadable OCR run"},
    ],
}]


def test_review_queue_lists_decisions_with_lines_choice_runner_up_and_link() -> None:
    assert [e["line"] for e in review_entries(DOCS)] == [130]
    html = review_queue_html(DOCS)
    table = etree.fromstring(html[html.index("<table"):], etree.HTMLParser()).find(".//table")
    cells = [" ".join(td.itertext()) for td in table.iter("td")]
    assert "001_x, line 130–131" in cells[0] and "MOSCOW <HUMAN> RIGHTS" in cells[1]
    assert cells[2:4] == ["a new document opens here", "the same document goes on"]
    assert table.find(".//a").get("href") == "web/documents/f001_x.d03.html"


def test_bar_chart_is_inline_svg_with_its_numbers_and_a_text_alternative() -> None:
    svg = etree.fromstring(bar_chart("Documents by year", [("1988", 4), ("1989", 2)]).removeprefix("<figure>").split("<figcaption>")[0])
    assert svg.get("role") == "img" and "1988: 4" in svg.get("aria-label")
    assert [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")] == ["1988", "4", "1989", "2"]
    widths = [int(r.get("width")) for r in svg.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths[0] == 2 * widths[1]


def test_charts_cover_year_type_withheld_and_hands() -> None:
    html = charts_html({"documents_by_year": {"1988": 3}, "documents_by_type": {"letter": 2, "minute": 1},
                        "withheld_by_reason": {"closed-foi": 1}, "annotations_by_hand": {"hand-CDP": 5},
                        "hand_names": {"hand-CDP": "Charles Powell: C. D. Powell, Private Secretary"}})
    assert html.count("<svg") == 4 and "Charles Powell" in html and "<script" not in html
