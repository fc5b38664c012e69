"""Reading a PDF's tagging back with pikepdf (PDF/UA-1 as far as it can be checked here), and its
lines with their positions with poppler (pdftotext -bbox-layout)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pdftext import run

#: Operators that paint (text, paths, images, shadings): outside marked content they are untagged.
PAINTING = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "EI"}


def elements(root) -> list:
    """Every structure element reachable from the structure tree root, each once, in tree order."""
    import pikepdf

    found, seen = [], set()
    kids = root.K
    stack = list(reversed(list(kids) if isinstance(kids, pikepdf.Array) else [kids]))
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") == "/OBJR" or element.objgen in seen:
            continue
        seen.add(element.objgen)
        found.append(element)
        kids = element.get("/K")
        if kids is not None:
            stack.extend(reversed(list(kids) if isinstance(kids, pikepdf.Array) else [kids]))
    return found


@dataclass
class Marking:
    """What a page's content stream marks: MCIDs of tagged content, how many artifacts, and painting
    operators outside any marked content."""

    mcids: list[int]
    artifacts: int
    untagged: list[str]


def marking(page) -> Marking:
    import pikepdf

    depth, mcids, artifacts, untagged = 0, [], 0, []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            depth += 1
            tag = str(operands[0])
            if tag == "/Artifact":
                artifacts += 1
            elif op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcids.append(int(operands[1].MCID))
        elif op == "EMC":
            depth -= 1
        elif op in PAINTING and depth == 0:
            untagged.append(op)
    return Marking(mcids, artifacts, untagged)


@dataclass
class Line:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


def page_lines(pdf: Path) -> list[tuple[float, list[Line]]]:
    """Each page's height and its lines as pdftotext finds them, with their boxes (points, y downwards)."""
    xhtml = run("pdftotext", "-bbox-layout", pdf, "-")
    tree = etree.fromstring(xhtml.encode("utf-8"), etree.XMLParser(recover=True, huge_tree=True))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in tree.iterfind(".//h:page", ns):
        lines = []
        for line in page.iterfind(".//h:line", ns):
            words = [w.text or "" for w in line.iterfind("h:word", ns)]
            lines.append(Line(" ".join(words), float(line.get("xMin")), float(line.get("yMin")),
                              float(line.get("xMax")), float(line.get("yMax"))))
        pages.append((float(page.get("height")), lines))
    return pages
