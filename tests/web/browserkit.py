"""The browser fixtures of the web tests: Debian's chromium through Playwright, the site from disk and over a
local HTTP server (loopback only), a page that collects console errors and failed requests."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from webpaths import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DOC = "documents/f900_sample.d01.html"


def axe_violations(page, axe: str) -> list[str]:
    """axe-core's WCAG 2.1 AA findings on the page as it is: "rule: the elements it found"."""
    page.evaluate(axe)
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG,
    )


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(site):
    """The site served on 127.0.0.1 (a free port), for the length of the module."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site.root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(params=["file", "http"])
def base(request, site) -> str:
    """The site's root URL: from disk, or from the local server."""
    if request.param == "file":
        return site.root.resolve().as_uri() + "/"
    return request.getfixturevalue("server")


class Problems(list):
    """Console errors, page errors, dialogs and failed requests seen by a page."""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    problems = Problems()
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # A request cut short by the next navigation (net::ERR_ABORTED, e.g. a favicon) is not a failure.
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}")
            if "ERR_ABORTED" not in (r.failure or "") else None)

    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.problems = problems
    yield page
    context.close()
    assert list(problems) == [], list(problems)


def shown(page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()
