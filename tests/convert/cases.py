"""Small helpers for converting a snippet of transcript in a test."""

from __future__ import annotations

from lxml import etree

from pipeline.convert import Conversion, convert_bytes

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def convert(text: str) -> Conversion:
    return convert_bytes(text.encode("utf-8"), "900_case.txt")


def body(text: str) -> etree._Element:
    return etree.fromstring(convert(text).tei).find("t:text/t:body", NS)


def xml(element: etree._Element) -> str:
    """An element's serialisation without namespace declarations, for readable assertions."""
    return etree.tostring(element, encoding="unicode").replace(' xmlns="http://www.tei-c.org/ns/1.0"', "")


def flat(markup: str) -> str:
    """Markup without the indentation between tags."""
    import re

    return re.sub(r">\n\s*<", "><", markup)
