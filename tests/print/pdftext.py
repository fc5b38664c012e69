"""Reading PDFs back with poppler (pdftotext, pdffonts, pdfinfo, pdftoppm), and comparing texts."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from lxml import etree, html as lxml_html


def run(*command: str | Path) -> str:
    return subprocess.run([str(c) for c in command], check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))


def pages(pdf: Path, *, layout: bool = False) -> list[str]:
    """The text of each page (pdftotext separates pages with form feeds); with layout, lines as printed."""
    options = ["-layout"] if layout else []
    return run("pdftotext", *options, "-enc", "UTF-8", pdf, "-").split("\f")[: page_count(pdf)]


def fonts(pdf: Path) -> list[dict[str, str]]:
    lines = run("pdffonts", pdf).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type… encoding emb sub uni object ID: the last five columns are fixed
        rows.append({"name": parts[0], "encoding": parts[-6], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def squash(text: str) -> str:
    """Text with line-end hyphenation undone and all whitespace removed: for finding phrases."""
    # the print edition sets typewriter quotes as typographic ones (its stated convention)
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").translate(_QUOTES)
    # WeasyPrint hyphenates with U+2010; a hyphen-minus at a line end is the text's own
    text = re.sub(r"(\w)\u2010\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", "", text)


def words(text: str) -> list[str]:
    """The words of a text, punctuation dropped, case kept."""
    return re.findall(r"[\w]+", unicodedata.normalize("NFC", text))


def missing_words(expected: list[str], pdf_text: str) -> list[str]:
    """Words of `expected` not found, in order, in the PDF text (which may interleave notes,
    running heads and note numbers, and hyphenate words at line ends). pdftotext joins a word
    broken at its own hyphen ("re-⏎emphasising" gives "reemphasising"): two expected words may
    stand as one token."""
    tokens = re.findall(r"[\w]+\u2010?", unicodedata.normalize("NFC", pdf_text).replace("\u00ad", ""))
    at, missing, k = 0, [], 0
    while k < len(expected):
        word = expected[k]
        joined = word + expected[k + 1] if k + 1 < len(expected) else None
        found, used = None, 1
        for i in range(at, len(tokens)):
            token = tokens[i].rstrip("\u2010")
            candidates = [token]
            if tokens[i].endswith("\u2010"):
                # the rest of a hyphenated word follows, perhaps after the foot of the page
                candidates += [token + rest.rstrip("\u2010") for rest in tokens[i + 1: i + 40]]
            for candidate in candidates:
                # a note number may follow a word directly ("reach1")
                if candidate == word or (candidate.startswith(word) and candidate[len(word):].isdigit()):
                    found = i
                elif joined and (candidate == joined or (candidate.startswith(joined) and candidate[len(joined):].isdigit())):
                    found, used = i, 2
                if found is not None:
                    break
            if found is not None:
                break
        if found is None:
            missing.append(word)
        else:
            at = found + 1
        k += used
    return missing


def missing_from_bag(expected: list[str], pdf_text: str) -> list[str]:
    """Words of `expected` that the PDF text does not hold as often, in any order (tables may be
    read cell by cell or line by line); a hyphenated word may end after the foot of the page."""
    from collections import Counter

    tokens = re.findall(r"[\w]+\u2010?", unicodedata.normalize("NFC", pdf_text).replace("\u00ad", ""))
    have = Counter(t.rstrip("\u2010") for t in tokens)
    for i, token in enumerate(tokens):
        if token.endswith("\u2010"):
            for rest in tokens[i + 1: i + 40]:
                have[token.rstrip("\u2010") + rest.rstrip("\u2010")] += 1
    # a note number may follow a word directly ("reach1")
    for token in list(have):
        stripped = token.rstrip("0123456789")
        if stripped and stripped != token:
            have[stripped] += have[token]
    need = Counter(expected)
    return sorted(word for word, count in need.items() if have[word] < count)


def html_tree(page: str) -> etree._Element:
    return lxml_html.document_fromstring(page)


def joined_html(pieces: list[str]) -> str:
    """The paged HTML of a book's pieces as one document: the first piece's head, every piece's body
    in order, without the stand-ins for the anchors of the other pieces."""
    trees = [html_tree(piece) for piece in pieces]
    body = trees[0].find("body")
    for tree in trees[1:]:
        body.extend(tree.find("body"))
    for stand_ins in body.xpath(".//div[@class = 'link-targets']"):
        stand_ins.drop_tree()
    return "<!DOCTYPE html>" + lxml_html.tostring(trees[0], encoding="unicode")


def page_labels(pdf: Path) -> list[str]:
    """Each page's label (its number as printed: "iv", "12")."""
    import pikepdf

    with pikepdf.open(pdf) as document:
        return [page.label for page in document.pages]


def article(tree: etree._Element, xml_id: str) -> etree._Element:
    """The printed document made from the TEI div with this xml:id."""
    return tree.xpath("//article[@data-xml-id = $id]", id=xml_id)[0]


def text_of(element: etree._Element, *, skip_classes: tuple[str, ...] = ()) -> str:
    """The text content of an HTML element, leaving out descendants with any of these classes;
    element boundaries count as spaces (address lines, table cells and list labels are separate words)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        classes = set((node.get("class") or "").split())
        if classes & set(skip_classes):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node.tail:
            parts.append(node.tail)

    walk(element)
    # the element's own tail is not its text
    if element.tail:
        parts.pop()
    return " ".join(parts)


def heading_page(texts: list[str], heading: str) -> int:
    """The index of the page on which a heading stands (not the contents that list it)."""
    wanted = squash(heading)
    return next(i for i, t in enumerate(texts) if wanted in squash(t) and not t.lstrip().startswith("Contents"))


def pdf_objects_text(pdf: Path) -> bytes:
    """The PDF's bytes with every Flate stream inflated, to look for catalogue entries."""
    import zlib

    data = pdf.read_bytes()
    inflated = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            inflated.append(zlib.decompressobj().decompress(data[match.end(): match.end() + 2_000_000]))
        except zlib.error:
            continue
    return b"\n".join(inflated)
