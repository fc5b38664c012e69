"""Search in Debian's chromium, from disk and over HTTP: each case of issue 15 finds what it must.

The cases are in tests/web/data/search.xml (f902_search.d01): a phrase ("human rights", and a passage
with both words apart), a possessive only ("SHEVARDNADZE'S"), words only in deleted text, a misspelling.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browserkit import base, browser, page, server  # noqa: F401

pytestmark = pytest.mark.browser

SEARCH = "documents/f902_search.d01.html"


@pytest.fixture(scope="module")
def site(cases_site):
    return cases_site


def hrefs(page) -> list[str]:
    page.wait_for_function("document.getElementById('search-status').textContent.indexOf(' for ') > 0")
    return page.eval_on_selector_all("#search-results .hits a", "as => as.map(a => a.getAttribute('href'))")


def test_a_phrase_finds_the_words_together_only(page, base):
    page.goto(base + 'search.html?q="human rights"')
    found = hrefs(page)
    assert found == ["documents/f902_search.d01.html?hl=human%20right#p1"], found
    # the same words without quotes: both passages
    page.goto(base + "search.html?q=human+rights")
    found = hrefs(page)
    assert {"documents/f902_search.d01.html?hl=human%20right#p1",
            "documents/f902_search.d01.html?hl=human%20right#p2"} <= set(found), found


def test_a_name_finds_its_possessive(page, base):
    page.goto(base + "search.html?q=Shevardnadze")
    assert hrefs(page) == ["documents/f902_search.d01.html?hl=shevardnadz#p3"]
    expect(page.locator("#search-results mark").first).to_have_text("SHEVARDNADZE")


def test_a_word_only_in_deleted_text_is_found_and_marked_unless_reading_text_only(page, base):
    page.goto(base + "search.html?q=backsliding")
    assert hrefs(page) == ["documents/f902_search.d01.html?hl=backslid#p4"]
    expect(page.locator("#search-results .diplomatic-hit")).to_contain_text("In deleted text")
    page.check("#reading")
    expect(page.locator("#search-status")).to_contain_text("No results")
    assert page.locator("#search-results li").count() == 0
    assert "reading=1" in page.url or page.url.startswith("file:")


def test_a_misspelling_finds_similar_words_and_suggests_one(page, base):
    page.goto(base + "search.html?q=Shevardnadse")
    found = hrefs(page)
    assert found == ["documents/f902_search.d01.html?hl=shevardnads#p3"], found
    expect(page.locator("#search-suggestion")).to_contain_text("Did you mean shevardnadze?")
    page.click("#search-suggestion a.did-you-mean")
    expect(page.locator("#q")).to_have_value("shevardnadze")
    expect(page.locator("#search-suggestion")).to_be_hidden()


def test_a_prefix(page, base):
    page.goto(base + "search.html?q=Shevard*")
    assert hrefs(page) == ["documents/f902_search.d01.html?hl=shevard*#p3"]


def test_the_facets_apply_to_the_results(page, base):
    page.goto(base + "search.html?q=minister")
    hrefs(page)
    documents = page.locator("#search-results > li").count()
    assert documents >= 2
    page.select_option("#facet-classification", "secret")
    page.wait_for_function("document.querySelectorAll('#search-results > li').length === 1")
    assert page.locator("#search-results a.result-title").first.get_attribute("href").startswith(SEARCH)
    expect(page.locator("#search-status")).to_contain_text("with the filters chosen")
    # the facet is in the address: the same results when it is opened again
    if base.startswith("http"):
        page.goto(page.url)
        page.wait_for_function("document.querySelectorAll('#search-results > li').length === 1")


def test_the_page_a_result_opens_marks_the_words(page, base):
    page.goto(base + "search.html?q=Shevardnadze")
    hrefs(page)
    page.click("#search-results .hits a")
    page.wait_for_url("**/f902_search.d01.html?hl=shevardnadz#p3")
    expect(page.locator("#p3 mark.search-hit")).to_have_text("SHEVARDNADZE'S")


def test_the_index_is_loaded_by_term(page, base):
    """Only meta.js and the shards of the query's terms are loaded, and the stores of the results' files;
    then the facets (with the documents' keys)."""
    loaded = []
    page.on("request", lambda r: loaded.append(r.url.split("/assets/search/")[-1]) if "/assets/search/" in r.url else None)
    page.goto(base + "search.html?q=Shevardnadze")
    hrefs(page)
    page.wait_for_selector("#facet-classification", state="attached")
    assert sorted(loaded) == ["docs.js", "facets.js", "meta.js", "store/902_search.js", "terms/sh.js"], loaded


def test_a_phrase_is_answered_from_the_index(page, base):
    """A phrase loads the pairs of its words (not the text of every passage that has them), and finds the
    words in order with the same stop words between, in the reading text or the diplomatic words."""
    loaded = []
    page.on("request", lambda r: loaded.append(r.url.split("/assets/search/")[-1]) if "/assets/search/" in r.url else None)
    page.goto(base + 'search.html?q="the rights of the human person"')
    assert hrefs(page) == ["documents/f902_search.d01.html?hl=right%20human%20person#p2"]
    page.wait_for_selector("#facet-classification", state="attached")
    assert sorted(loaded) == ["docs.js", "facets.js", "meta.js", "pairs/hu.js", "pairs/ri.js", "store/902_search.js",
                              "terms/hu.js", "terms/pe.js", "terms/ri.js"], loaded
    page.goto(base + 'search.html?q="human person rights"')
    page.wait_for_function("document.getElementById('search-status').textContent.indexOf('No results') === 0")
    page.goto(base + 'search.html?q="backsliding in the Kremlin"')
    assert hrefs(page) == ["documents/f902_search.d01.html?hl=backslid%20kremlin#p4"]
    page.goto(base + 'search.html?q="backsliding in the Kremlin"&reading=1')
    page.wait_for_function("document.getElementById('search-status').textContent.indexOf('No results') === 0")


def test_without_the_merged_index_a_phrase_finds_the_same(browser, site, tmp_path):
    """A site whose index was not merged (no meta.js) loads every file's postings, pairs included (its own
    page: the missing meta.js is a failed request, which the `page` fixture refuses)."""
    import shutil

    page = browser.new_page()
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    (copy / "assets" / "search" / "meta.js").unlink()
    page.goto(copy.as_uri() + '/search.html?q="the rights of the human person"')
    assert hrefs(page) == ["documents/f902_search.d01.html?hl=right%20human%20person#p2"]
    page.goto(copy.as_uri() + '/search.html?q="human person rights"')
    page.wait_for_function("document.getElementById('search-status').textContent.indexOf('No results') === 0")
    page.close()
