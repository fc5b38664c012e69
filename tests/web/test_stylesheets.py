"""The stylesheets keep their own rules: strict modes, everything typed, nothing copied or unescaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
XSL = "{http://www.w3.org/1999/XSL/Transform}"
STYLESHEETS = sorted([*(ROOT / "xslt" / "common").glob("*.xsl"), *(ROOT / "xslt" / "web").glob("*.xsl")])


@pytest.fixture(params=STYLESHEETS, ids=lambda p: f"{p.parent.name}/{p.name}")
def stylesheet(request) -> etree._ElementTree:
    return etree.parse(str(request.param))


def test_every_template_function_parameter_and_variable_is_typed(stylesheet):
    untyped = [
        (e.sourceline, etree.QName(e).localname, e.get("name") or e.get("match"))
        for e in stylesheet.iter(f"{XSL}template", f"{XSL}function", f"{XSL}param", f"{XSL}variable")
        if e.get("as") is None
    ]
    assert untyped == []


def test_every_mode_fails_on_ambiguity(stylesheet):
    for mode in stylesheet.iter(f"{XSL}mode"):
        assert mode.get("on-multiple-match") == "fail", mode.sourceline


def test_no_source_is_copied_through_or_unescaped(stylesheet):
    assert not list(stylesheet.iter(f"{XSL}copy-of", f"{XSL}copy"))
    assert not stylesheet.xpath("//@disable-output-escaping")
    # Literal <script> and <style> only as empty elements that load the site's own files.
    for element in stylesheet.iter("script", "style"):
        assert element.tag == "script" and len(element) == 0 and not (element.text or "").strip()
        assert element.get("src", "").startswith("{$root}assets/")


def test_the_entry_stylesheet_includes_the_common_layer_and_never_imports():
    for path in STYLESHEETS:
        assert not list(etree.parse(str(path)).iter(f"{XSL}import")), path
    includes = [e.get("href") for e in etree.parse(str(ROOT / "xslt" / "web" / "web.xsl")).iter(f"{XSL}include")]
    assert includes[0] == "../common/common.xsl"
