"""The web stylesheet's pages put together (see xslt/web/page.xsl).

The stylesheet writes each page's own part to its principal output, one page after another, serialised by Saxon:

    <!--w:page documents/f001.d01.html document--><title>…</title>…<!--w:main--><nav …>…

(the page's path and the kind of page, the head's own elements, the main part), and the frame of each kind of page
(head, header, navigation, footer) once, as the result document frames/KIND: the frame's text, with a comment
<!--w:head--> where the head's own elements go and <!--w:main--> where the main part goes. Serialisers write "<!-"
in text and in attribute values escaped, and the stylesheet copies no comment of its source, so these comments are
the only ones.
"""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.xslt import TransformResult, XsltError, output_path

PAGE = "<!--w:page "
HEAD = "<!--w:head-->"
MAIN = "<!--w:main-->"
FRAMES = "frames/"


def frames_of(result: TransformResult) -> dict[str, str]:
    """The frames a transformation made, by kind of page."""
    return {href[len(FRAMES):]: text for href, text in result.documents.items() if href.startswith(FRAMES)}


def assemble(result: TransformResult, frames: Mapping[str, str] | None = None) -> dict[str, str]:
    """The pages of a transformation, by path in the site, in the frames it made and `frames` (made by an earlier
    one); XsltError when its output is not made as above."""
    frames = {kind: _frame(f"{FRAMES}{kind}", text) for kind, text in {**(frames or {}), **frames_of(result)}.items()}
    before, *chunks = result.output.split(PAGE)
    if before.strip():
        raise XsltError("the pages' output holds text before its first page")
    pages: dict[str, str] = {}
    for chunk in chunks:
        label, closed, page = chunk.partition("-->")
        href, _, kind = label.rpartition(" ")
        head, marked, main = page.partition(MAIN)
        if not closed or not marked or kind not in frames:
            raise XsltError(f"a page is not made as the web stylesheet makes them: {label[:80]!r}")
        start, middle, end = frames[kind]
        pages[output_path(href)] = start + head + middle + main + end
    return pages


def _frame(href: str, text: str) -> tuple[str, str, str]:
    start, head, rest = text.partition(HEAD)
    middle, main, end = rest.partition(MAIN)
    if not head or not main:
        raise XsltError(f"{href}: a frame without its comments w:head and w:main")
    return start, middle, end
