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


ROLE_FUNCTIONS = ("block-role", "phrase-role", "transcription-role", "milestone-role", "forme-work-role",
                  "gap-role", "note-role")


def roles_of_common() -> set[str]:
    """Every role the common layer can hand to a hook: the string results of its role functions, and
    the roles it passes literally."""
    import re

    roles: set[str] = set()
    for path in (ROOT / "xslt" / "common").glob("*.xsl"):
        tree = etree.parse(str(path))
        for function in tree.iter(f"{XSL}function"):
            if function.get("name", "").removeprefix("c:") in ROLE_FUNCTIONS:
                text = " ".join(e.get("select", "") for e in function.iter(f"{XSL}sequence"))
                roles |= set(re.findall(r":\s*'([a-z-]+)'", text))  # map values
                roles |= set(re.findall(r"(?:then|else)\s*'([a-z-]+)'", text))  # if/else results
                roles |= set(re.findall(r"\[1\]|,\s*'([a-z-]+)'\)\[1\]", text)) - {""}  # defaults
        for element in tree.iter(f"{XSL}with-param"):  # <xsl:with-param name="role" select="'document'"/>
            if element.get("name") == "role":
                roles |= set(re.findall(r"^'([a-z-]+)'$", element.get("select", "")))
    return roles


def test_the_web_hooks_answer_every_role_the_common_layer_gives():
    roles = roles_of_common()
    assert {"document", "paragraph", "deletion", "page-break", "catchword", "withheld-document", "annotation",
            "editorial", "forme-work", "omission", "quotation", "reference"} <= roles
    hooks = (ROOT / "xslt" / "web" / "hooks.xsl").read_text(encoding="utf-8")
    assert sorted(r for r in roles if f"'{r}'" not in hooks) == []
