"""The site in a real browser (Debian's chromium driven by Playwright), opened from disk and from a local
HTTP server: views, hands, filters, search, links; no console errors; axe-core finds no WCAG A/AA violation.
Screenshots of a document page in both views go to test-artifacts/web/ for a person to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browserkit import AXE, DOC, axe_violations, base, browser, page, server, shown  # noqa: F401
from webpaths import ARTIFACTS

pytestmark = pytest.mark.browser


def test_view_switch_by_keyboard_is_remembered(page, base):
    page.goto(base + DOC)
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert page.is_checked("#view-reading")
    assert not shown(page, ".text del") and not shown(page, ".text .fw.catchword") and shown(page, ".text ins")
    page.focus("#view-reading")
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#view-diplomatic")
    assert shown(page, ".text del") and shown(page, ".text .fw.catchword")
    assert page.eval_on_selector(".text del", "e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert page.eval_on_selector(".text ins.place-above", "e => getComputedStyle(e).verticalAlign") != "baseline"
    page.goto(base + "documents/f900_sample.d02.html")
    assert page.is_checked("#view-diplomatic"), "the view is remembered from page to page"
    page.focus("#view-diplomatic")
    page.keyboard.press("ArrowLeft")
    page.reload()
    assert page.is_checked("#view-reading")


def test_screenshots_of_both_views(page, site):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(site.root.resolve().as_uri() + "/" + DOC)
    page.check("#view-reading")
    page.screenshot(path=str(ARTIFACTS / "document-reading.png"), full_page=True)
    page.check("#view-diplomatic")
    page.screenshot(path=str(ARTIFACTS / "document-diplomatic.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "document-diplomatic-phone.png"), full_page=True)
    assert (ARTIFACTS / "document-reading.png").stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scrolling on a phone"


def test_every_kind_of_page_fits_a_phone(page, server):
    page.set_viewport_size({"width": 390, "height": 844})
    for relative in ("index.html", DOC, "documents/f900_sample.d03.html", "files/900_sample.html",
                     "search.html?q=decision", "about.html", "encoding.html"):
        page.goto(server + relative)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), relative


def test_printing_from_the_browser_keeps_the_text_and_drops_the_controls(page, site):
    page.goto(site.root.resolve().as_uri() + "/" + DOC)
    page.emulate_media(media="print")
    assert not shown(page, ".site-header") and not shown(page, ".doc-tools") and not shown(page, ".doc-nav")
    assert shown(page, "#doc-title") and shown(page, ".text .subject") and shown(page, ".citation")
    assert len(page.pdf()) > 10_000


def test_highlight_one_hand(page, base):
    page.goto(base + DOC)
    button = page.locator('button.highlight-hand[data-hand="hand-CDP"]')
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".text .highlighted").count() == 1
    assert page.locator('.text .highlighted[data-hand="hand-CDP"]').count() == 1
    button.press("Enter")
    assert page.locator(".text .highlighted").count() == 0


def test_filter_by_facets(page, base):
    page.goto(base + "index.html")
    rows = page.locator("table.documents tbody tr")
    assert rows.count() == 7
    page.check("#f-type-" + page.eval_on_selector(
        'fieldset[data-facet="type"] label:has-text("Telegram")', "l => l.htmlFor.split('-').pop()"))
    visible = [r for r in rows.all() if r.is_visible()]
    assert [r.locator("a").get_attribute("href") for r in visible] == ["documents/f900_sample.d02.html"]
    assert "1 of 7 documents" in page.inner_text("#browse-status")
    page.locator('fieldset[data-facet="year"] label', has_text="1989").click()
    assert [r for r in rows.all() if r.is_visible()] == []
    page.click("#facets-reset")
    expect(page.locator("table.documents tbody tr:not([hidden])")).to_have_count(7)


def test_search_links_to_the_passage(page, base):
    page.goto(base + "search.html?q=decision")
    page.wait_for_selector("#search-results li")
    results = page.locator("#search-results a.result-title")
    assert results.count() >= 1
    href = results.first.get_attribute("href")
    assert href == "documents/f900_sample.d01.html?hl=decis#p10"
    assert page.locator("#search-results .hits a").first.get_attribute("href") == href
    assert page.locator("#search-results mark").first.inner_text().lower().startswith("decision")
    results.first.click()
    page.wait_for_url("**/f900_sample.d01.html?hl=decis#p10")
    assert "decision" in page.inner_text("#p10")
    # the words searched are marked on the page the result opens
    assert page.locator("#p10 mark.search-hit").first.inner_text() == "decision"
    expect(page.locator("#search-note")).to_contain_text("marked")


def test_search_merges_every_files_index_most_terms_matched_first(page, base):
    # "Prime Minister" (both words) is in the second file; "Ria Minister" (one of them) in the first:
    # each file has its own index, and a passage matching more of the query ranks first whatever its file.
    page.goto(base + "search.html?q=prime+minister")
    page.wait_for_selector("#search-results li")
    hrefs = page.eval_on_selector_all("#search-results a.result-title", "as => as.map(a => a.getAttribute('href'))")
    assert [h.split(".html")[0] for h in hrefs] == ["documents/f901_second.d01", "documents/f900_sample.d01"]
    assert hrefs[1] == "documents/f900_sample.d01.html?hl=prime%20minist#p4"
    expect(page.locator("#search-status")).to_contain_text("2 documents (4 passages)")


def test_search_metadata_and_the_search_box(page, base):
    page.goto(base + "index.html")
    page.fill("#site-q", "Gorbachev")
    page.press("#site-q", "Enter")
    page.wait_for_selector("#search-results li")
    assert page.locator("#search-results a.result-title").first.get_attribute("href").startswith("documents/f900_sample.d04.html?hl=gorbachev#")
    page.fill("#q", "Alexander")
    page.press("#q", "Enter")
    expect(page.locator("#search-status")).to_contain_text("Alexander")
    hrefs = page.eval_on_selector_all("#search-results a.result-title", "as => as.map(a => a.getAttribute('href'))")
    assert [h for h in hrefs if h.startswith("documents/f901_second.d01.html")], hrefs
    page.fill("#q", 'title:"unbalanced')
    page.press("#q", "Enter")
    expect(page.locator("#search-status")).to_contain_text("unbalanced")


def test_follow_links_through_the_site(page, base):
    page.goto(base + "index.html")
    page.click("text=Letter from J S Wall")
    page.wait_for_url("**/documents/f900_sample.d01.html")
    page.click(".doc-nav a[rel=next]")
    page.wait_for_url("**/documents/f900_sample.d02.html")
    page.click(".breadcrumb a >> nth=1")
    page.wait_for_url("**/files/900_sample.html")
    page.click("text=Withheld document: T 2/89")
    page.wait_for_url("**/documents/f900_sample.d03.html")
    assert "Temporarily retained" in page.inner_text(".withheld")
    for name in ("About", "Encoding", "Search", "Documents"):
        page.click(f'.site-nav a:text-is("{name}")')
        assert page.locator(".site-nav a[aria-current=page]").inner_text() == name


def test_hostile_page_is_inert(page, base):
    page.goto(base + "documents/f999_hostile.d01.html")
    page.check("#view-diplomatic")
    page.hover(".text .hi")
    page.click("#p3")
    assert "<script>alert(1)</script>" in page.inner_text(".text")
    assert page.evaluate("document.scripts.length") == 3  # lunr.min.js, search-terms.js, site.js: none added


def test_without_javascript_the_views_and_facet_pages_still_work(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.root.resolve().as_uri() + "/" + DOC)
    assert not shown(page, ".text del")
    page.check("#view-diplomatic")
    assert shown(page, ".text del")
    assert not shown(page, "button.highlight-hand")
    page.goto(site.root.resolve().as_uri() + "/index.html")
    assert not shown(page, ".facets input") and shown(page, ".facets a")
    context.close()


PAGES = ["index.html", DOC, DOC + "#p9", "documents/f900_sample.d02.html", "documents/f900_sample.d03.html",
         "documents/f901_second.d01.html", "documents/f999_hostile.d01.html", "files/900_sample.html",
         "browse/type-telegram.html", "search.html?q=decision", "about.html", "encoding.html"]


def test_axe_finds_no_wcag_a_or_aa_violation(page, server):
    # Over HTTP: axe reads the stylesheets with XMLHttpRequest, which file:// pages may not do.
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    for relative in PAGES:
        for view in ("reading", "diplomatic"):
            if view == "diplomatic" and not relative.startswith("documents/"):
                continue
            page.goto(server + relative)
            if view == "diplomatic":
                page.check("#view-diplomatic")
            violations = axe_violations(page, axe)
            if violations:
                found[f"{relative} ({view})"] = violations
    assert found == {}


def test_every_page_of_the_edition_fits_a_phone(browser, sites):
    """The edition's own TEI (when the converter has written tei/*.xml): every page, both views, at 390 px."""
    edition = sites[-1]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    wide = []
    for path in edition.html_pages():
        if path.parent.name == "browse" and path.name > "c":  # the facet pages share one layout: a few suffice
            continue
        for view in ("reading", "diplomatic"):
            if view == "diplomatic" and path.parent.name != "documents":
                continue
            page.goto(path.resolve().as_uri())
            if view == "diplomatic":
                page.check("#view-diplomatic")
            over = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if over > 1:
                wide.append((str(path.relative_to(edition.root)), view, over))
    context.close()
    assert wide == []
