"""The reading view in Debian's chromium, from disk and over HTTP: copied text keeps its words apart at line
breaks and joins hyphenated words; inferred page breaks and uncertain attributions say so; fonts are
bundled; links to passages and pages; phone layout and axe-core on every kind of page, in both views."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browserkit import AXE, axe_violations, base, browser, page, server  # noqa: F401

pytestmark = pytest.mark.browser

CASES = "documents/f902_search.d01.html"


@pytest.fixture(scope="module")
def site(cases_site):
    return cases_site


def selected_text(page, selector: str) -> str:
    return page.evaluate("""s => { const r = document.createRange(); r.selectNodeContents(document.querySelector(s));
        const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r); return sel.toString(); }""", selector)


def test_copying_a_paragraph_gives_its_words_with_spaces(page, base):
    page.goto(base + CASES)
    assert selected_text(page, "#p5").strip() == "IF THE MEETING IS TO BE CONCLUDED DURING YOUR ADMINISTRATION, WE UNDERSTAND THE POSITION."
    assert selected_text(page, "#p3").strip() == "WE ASSUME FROM MINISTER SHEVARDNADZE'S STATEMENT THAT THE AUTHORITIES PLAN TO PROCEED."
    # the diplomatic view keeps the lines and the hyphen
    page.check("#view-diplomatic")
    assert "UNDER-\nSTAND" in page.inner_text("#p5")


def test_inferred_page_breaks_and_uncertain_hands_say_so(page, base):
    page.goto(base + CASES)
    expect(page.locator("#page-2")).to_contain_text("Page 2 (break inferred)")
    assert page.locator("#page-2 a").get_attribute("href") == "#page-2"
    expect(page.locator(".hands-legend")).to_contain_text("M. O'D. B. Alexander (attribution uncertain)")


def test_every_passage_has_a_link_and_nested_lists_one_bullet(page, base):
    page.goto(base + CASES)
    ids = page.eval_on_selector_all(".text [id]", "es => es.map(e => e.id).filter(i => /^p[0-9]+$/.test(i))")
    assert len(ids) >= 6
    for pid in ids:
        passage = page.locator(f"#{pid}")
        assert passage.locator(f'a.pilcrow[href="#{pid}"]').count() == 1, pid
    markers = page.evaluate("""() => [...document.querySelectorAll('.text li')].map(li => {
        const before = getComputedStyle(li, '::before').content;
        return [getComputedStyle(li).listStyleType, before === 'none' || before === 'normal' ? '' : before]; })""")
    assert markers and all(not (kind != "none" and before) for kind, before in markers), markers


def test_the_font_is_bundled(page, base):
    page.goto(base + CASES)
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert page.evaluate("document.fonts.check('16px \"EB Garamond\"')")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('EB Garamond') && f.status === 'loaded')")


KINDS = ["index.html", "persons.html", CASES, "documents/f900_sample.d03.html", "files/902_search.html", "browse/year-1988.html",
         "browse/correspondent-per-cradock-percy.html",
         "search.html?q=minister", "about.html", "encoding.html", "guidelines.html"]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_kind_of_page_fits_and_axe_finds_nothing_in_both_views(page, server, width):
    page.set_viewport_size({"width": width, "height": 900})
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    for relative in KINDS:
        for view in ("reading", "diplomatic", "both"):
            if view != "reading" and not relative.startswith("documents/") or view == "both" and width < 1120:
                continue
            page.goto(server + relative)
            if relative.startswith("search"):
                page.wait_for_selector("#search-results li")
            if view != "reading":
                page.check(f"#view-{view}")
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (relative, view)
            violations = axe_violations(page, axe)
            if violations:
                found[f"{relative} ({view}, {width})"] = violations
    assert found == {}


def test_dark_mode(browser, server):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server + CASES)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(27, 26, 23)", background
    page.evaluate(AXE.read_text(encoding="utf-8"))
    contrast = page.evaluate("axe.run(document, {runOnly: ['color-contrast']}).then(r => r.violations.map(v => v.nodes.length))")
    assert contrast == []
    context.close()


def test_people_dates_and_sorting(page, base):
    page.goto(base + "persons.html")
    section = page.locator("section.person", has=page.locator("h2", has_text="Charles Powell"))
    expect(section).to_contain_text("Sent (1)")
    section.locator("a").first.click()
    page.wait_for_url("**/documents/f902_search.d01.html")
    page.goto(base + "index.html")
    rows = page.locator("table.documents tbody tr:not([hidden])")
    total = rows.count()
    page.fill("#date-from", "1988-12-20")
    page.fill("#date-to", "1988-12-20")
    expect(rows).to_have_count(1)
    assert rows.first.locator("a").get_attribute("href") == "documents/f902_search.d01.html"
    page.click("#facets-reset")
    expect(rows).to_have_count(total)
    page.click("table.documents thead th:nth-child(2) button.sort")
    titles = page.eval_on_selector_all("table.documents tbody th", "ths => ths.map(t => t.textContent.trim().toLowerCase())")
    assert titles == sorted(titles)
    assert page.get_attribute("table.documents thead th:nth-child(2)", "aria-sort") == "ascending"


def test_side_by_side_on_a_wide_screen(page, base):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(base + CASES)
    page.check("#view-both")
    copy = page.locator(".text.as-diplomatic")
    expect(copy).to_be_visible()
    assert copy.locator("del").first.is_visible() and not page.locator("article .text:not(.as-diplomatic) del").first.is_visible()
    assert copy.locator("[id]").count() == 0
    boxes = page.eval_on_selector_all(".text-pair > *", "es => es.map(e => e.getBoundingClientRect().left)")
    assert len(boxes) == 2 and boxes[1] > boxes[0] + 300
    page.set_viewport_size({"width": 390, "height": 844})
    assert not copy.is_visible() and not page.locator("#view-both").is_visible()


def test_related_documents_the_tei_records_are_linked(page, base):
    page.goto(base + CASES)
    link = page.locator(".related a")
    expect(page.locator(".related")).to_contain_text("Answered by: ")
    link.click()
    page.wait_for_url("**/documents/f902_search.d02.html")



def test_a_person_of_the_registers_is_one_entry_with_a_stable_address(page, base):
    """Names linked to the registers (903: "P CRADOCK", "Sir Percy Cradock", and his hand) are one person,
    under the register's standard name, in the facet, its page and the people page."""
    page.goto(base + "index.html")
    link = page.locator('fieldset[data-facet="correspondent"] a', has_text="Percy Cradock")
    expect(link).to_have_count(1)
    expect(link).to_have_text("Percy Cradock (2)")
    assert link.get_attribute("href") == "browse/correspondent-per-cradock-percy.html"
    page.goto(base + link.get_attribute("href"))
    expect(page.locator("table.documents tbody tr")).to_have_count(2)
    page.goto(base + "persons.html")
    section = page.locator("section.person", has=page.locator("h2", has_text="Percy Cradock"))
    expect(section).to_have_count(1)
    expect(section).to_contain_text("Wrote in (hand)")
    assert section.get_attribute("id") == "person-per-cradock-percy"
