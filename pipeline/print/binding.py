"""Binding a book: its typeset pieces (front matter, one part per archival file, back matter) made
into one PDF with pikepdf, and the page numbers they get there.

Each piece is typeset on its own (pipeline.print.pdf), so that an edit to one file typesets only its
part again, never the whole edition. The book's page numbers therefore cannot be set by WeasyPrint
in the parts: binding sets them, as a printer's imposition does.

- The front matter is numbered in roman numerals (set by WeasyPrint: its length changes no other
  number); the parts and the back matter in arabic numerals from 1.
- Every part begins on a recto: a part of an odd number of pages is followed by a blank verso, and so
  is an odd front matter. A part's first page (the file's title page) and blank pages carry no folio.
- The folio is set in the font, size and place that print.css gives it, taken from a folio sheet
  (PdfMaker.folio_sheet) typeset with the same CSS; it is marked as a pagination artifact.
- The pieces' structure trees become parts of one tagged document (PDF/UA), their named destinations
  one name tree (so the contents and index link to the pages of the parts), their outlines one
  outline, and the page labels say "iv" and "12" as the folios do.
"""

from __future__ import annotations

import io
import warnings
from decimal import Decimal
from typing import Sequence

from pipeline.print.pdf import Typeset

#: The name the folio font is given in a page's resources.
FOLIO_FONT = "/PipelineFolio"


def part_starts(parts: Sequence[Typeset]) -> tuple[list[int], int]:
    """The page number on which each part begins, and the one on which the back matter begins."""
    starts, number = [], 1
    for part in parts:
        starts.append(number)
        number += part.pages + part.pages % 2
    return starts, number


def page_numbers(pieces: Sequence[Typeset], starts: Sequence[int]) -> dict[str, str]:
    """Anchor -> the page number it stands on in the book, for pieces beginning at these pages."""
    numbers: dict[str, str] = {}
    for piece, start in zip(pieces, starts):
        for anchor, page in piece.anchors.items():
            numbers.setdefault(anchor, str(start + page))
    return numbers


def bind(front: Typeset, parts: Sequence[Typeset], back: Typeset, folio_sheet: bytes) -> bytes:
    """The book's PDF: the front matter, the parts, the back matter, numbered and tagged as one."""
    import pikepdf

    with pikepdf.open(io.BytesIO(front.pdf)) as book:
        binder = _Binder(book, _Folios(folio_sheet, book))
        if front.pages % 2:
            binder.blank(numbered=False)
        first_arabic = len(book.pages)
        for part in parts:
            binder.add(part, kind="part")
            if part.pages % 2:
                binder.blank()
        binder.add(back, kind="back")
        binder.finish(first_arabic)
        out = io.BytesIO()
        book.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


class _Binder:
    """Appends typeset pieces to a book that begins with its front matter (already open)."""

    def __init__(self, book, folios: "_Folios") -> None:
        import pikepdf

        self.pikepdf = pikepdf
        self.book = book
        self.folios = folios
        self.number = 1  # the folio of the next arabic page
        root = book.Root.StructTreeRoot
        self.document = _document_element(root)
        self.nums = root.ParentTree.Nums
        self.next_key = _next_key(root)
        # Named destinations by who may set them: the front and back matter hold stand-ins for the
        # anchors of the other pieces (book.xsl), which the parts' real ones and then the back's replace.
        self.destinations: dict[str, dict[str, tuple]] = {"front": _destinations(book, 0), "back": {}, "part": {}}
        self.outline = _outline_items(book, book, 0)

    def blank(self, *, numbered: bool = True) -> None:
        """A blank verso: no folio and no content; counted, unless it ends the front matter."""
        box = self.book.pages[-1].mediabox
        self.book.add_blank_page(page_size=(box[2], box[3]))
        self.number += numbered

    def add(self, piece: Typeset, *, kind: str) -> None:
        """Append a part ("part": its first page, the file's title page, has no folio) or the back matter."""
        with self.pikepdf.open(io.BytesIO(piece.pdf)) as source:
            start = len(self.book.pages)
            with warnings.catch_warnings():  # named destinations are carried over below
                warnings.simplefilter("ignore")
                self.book.pages.extend(source.pages)
            offset = self.next_key
            self._graft_structure(source, offset)
            self.destinations[kind].update(_destinations(source, start))
            self.outline.extend(_outline_items(source, self.book, start))
        for index in range(start, len(self.book.pages)):
            page = self.book.pages[index]
            _shift_struct_parents(page, offset)
            if not (kind == "part" and index == start):
                self.folios.set(page, self.number)
            self.number += 1

    def _graft_structure(self, source, offset: int) -> None:
        """The source's structure tree as a Part of the book's Document element; its keys moved by offset."""
        root = source.Root.StructTreeRoot
        element = self.book.copy_foreign(_document_element(root))
        element.S = self.pikepdf.Name.Part
        element.P = self.document
        self.document.K.append(element)
        nums = self.book.copy_foreign(root.ParentTree).Nums
        for i in range(0, len(nums), 2):
            self.nums.append(int(nums[i]) + offset)
            self.nums.append(nums[i + 1])
        self.next_key = offset + _next_key(root)

    def finish(self, first_arabic: int) -> None:
        pikepdf = self.pikepdf
        book = self.book
        root = book.Root.StructTreeRoot
        root.ParentTreeNextKey = self.next_key
        destinations = {**self.destinations["front"], **self.destinations["back"], **self.destinations["part"]}
        names = pikepdf.NameTree.new(book)
        for name in sorted(_linked_names(book) & set(destinations)):  # the places links lead to, no more
            index, left, top = destinations[name]
            names[name] = pikepdf.make_page_destination(book, index, "XYZ", left=left, top=top)
        if "/Names" not in book.Root:
            book.Root.Names = pikepdf.Dictionary()
        book.Root.Names.Dests = names.obj
        with book.open_outline() as outline:
            outline.root.clear()
            outline.root.extend(self.outline)
        book.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([
            0, pikepdf.Dictionary(S=pikepdf.Name.r),
            first_arabic, pikepdf.Dictionary(S=pikepdf.Name.D, St=1),
        ]))


class _Folios:
    """Sets folios as the folio sheet shows them: its font, size and baseline, centred where it centres them."""

    def __init__(self, sheet: bytes, book) -> None:
        import pikepdf

        self.book = book
        self.places = {}  # page parity (0: recto, 1: verso) -> (centre x, baseline y)
        with pikepdf.open(io.BytesIO(sheet)) as pdf:
            for parity, page in enumerate(pdf.pages[:2]):
                font_name, size, codes, x, y = _digits_on(page)
                font = page.Resources.Font[font_name]
                widths = _widths(font)
                self.advance = [widths.get(int.from_bytes(c, "big"), 1000) * size / 1000 for c in codes]
                self.size, self.codes = size, codes
                self.places[parity] = (x + sum(self.advance) / 2, y)
            self.font = book.copy_foreign(font)
        self.save_state = book.make_indirect(book.make_stream(b"q"))  # one "q" stream for every page

    def set(self, page, number: int) -> None:
        """Set `number` as the folio of `page` (odd numbers stand on rectos)."""
        import pikepdf

        book = self.book
        digits = [int(d) for d in str(number)]
        width = sum(self.advance[d] for d in digits)
        centre, baseline = self.places[(number + 1) % 2]
        glyphs = b"".join(self.codes[d] for d in digits).hex().encode("ascii")
        x = _number(centre - width / 2)
        folio = (b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q BT " + FOLIO_FONT.encode("ascii") + b" "
                 + _number(self.size) + b" Tf 1 0 0 1 " + x + b" " + _number(baseline) + b" Tm <" + glyphs
                 + b"> Tj ET Q EMC")
        resources = page.obj.get("/Resources")
        if resources is None:
            page.obj.Resources = resources = pikepdf.Dictionary()
        if "/Font" not in resources:
            resources.Font = pikepdf.Dictionary()
        resources.Font[FOLIO_FONT] = self.font  # WeasyPrint's pages share these resources
        page.contents_add(self.save_state, prepend=True)
        page.contents_add(book.make_stream(b"Q " + folio), prepend=False)


def _digits_on(page) -> tuple[str, float, list[bytes], float, float]:
    """The folio sheet's digits on one page: font name, size (pt), the code of each digit, and the
    start of the baseline (x, y in default user space)."""
    import pikepdf

    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    font, size, text_matrix = None, None, None
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif op == "Tf":
            font, size = str(operands[0]), float(operands[1])
        elif op == "Tm":
            text_matrix = tuple(float(v) for v in operands)
        elif op in ("TJ", "Tj") and font is not None and text_matrix is not None:
            strings = [bytes(v) for v in (operands[0] if op == "TJ" else operands) if isinstance(v, pikepdf.String)]
            codes = b"".join(strings)
            if len(codes) != 20:
                raise ValueError("the folio sheet does not show the ten digits in two-byte codes")
            matrix = _multiply(text_matrix, ctm)
            scale = (matrix[0] ** 2 + matrix[1] ** 2) ** 0.5
            return font, size * scale, [codes[i:i + 2] for i in range(0, 20, 2)], matrix[4], matrix[5]
    raise ValueError("the folio sheet shows no folio")


def _widths(font) -> dict[int, float]:
    """A Type0 font's glyph widths (its descendant's /W array), by code."""
    import pikepdf

    descendant = font.DescendantFonts[0]
    widths: dict[int, float] = {}
    w = list(descendant.get("/W", []))
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], pikepdf.Array):  # first [w1 w2 …]
            for k, width in enumerate(w[i + 1]):
                widths[first + k] = float(width)
            i += 2
        else:  # first last width
            for code in range(first, int(w[i + 1]) + 1):
                widths[code] = float(w[i + 2])
            i += 3
    return widths


def _multiply(a, b):
    """The product of two PDF matrices (a then b)."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _number(value: float) -> bytes:
    return format(Decimal(value).quantize(Decimal("0.001")).normalize(), "f").encode("ascii")


def _document_element(struct_tree_root):
    """The structure tree's one top element (WeasyPrint's Document)."""
    import pikepdf

    kids = struct_tree_root.K
    return kids[0] if isinstance(kids, pikepdf.Array) else kids


def _next_key(struct_tree_root) -> int:
    """The first key of a parent tree after its last."""
    nums = struct_tree_root.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    return max([int(struct_tree_root.get("/ParentTreeNextKey", 0)), *(k + 1 for k in keys)])


def _shift_struct_parents(page, offset: int) -> None:
    if "/StructParents" in page.obj:
        page.obj.StructParents = int(page.obj.StructParents) + offset
    for annotation in page.obj.get("/Annots", []):
        if "/StructParent" in annotation:
            annotation.StructParent = int(annotation.StructParent) + offset


def _destinations(source, start: int) -> dict[str, tuple[int, float | None, float | None]]:
    """The source's named destinations: name -> (page in the book, left, top), its pages counted from `start`."""
    import pikepdf

    names = source.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    pages = {page.obj.objgen: index for index, page in enumerate(source.pages)}
    return {str(name): _place(value, pages, start, pikepdf) for name, value in pikepdf.NameTree(names.Dests).items()}


def _place(value, pages, start, pikepdf) -> tuple[int, float | None, float | None]:
    """Where a destination [page /XYZ left top zoom] of a source leads in the book: (page, left, top)."""
    if isinstance(value, pikepdf.Array) and len(value) >= 4:
        return start + pages.get(value[0].objgen, 0), float(value[2]), float(value[3])
    return start, None, None


def _linked_names(book) -> set[str]:
    """The named destinations the book's links lead to."""
    return {str(annotation.Dest) for page in book.pages for annotation in page.obj.get("/Annots", ())
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation}


def _outline_items(source, book, start: int) -> list:
    """The source's outline as new items of the book's outline (pages counted from `start`)."""
    import pikepdf

    pages = {page.obj.objgen: index for index, page in enumerate(source.pages)}
    with source.open_outline() as outline:
        return [_copy_item(item, pages, book, start, pikepdf) for item in outline.root]


def _copy_item(item, pages, book, start, pikepdf):
    index, left, top = _place(item.destination, pages, start, pikepdf)
    copy = pikepdf.OutlineItem(item.title, pikepdf.make_page_destination(book, index, "XYZ", left=left, top=top))
    copy.children.extend(_copy_item(child, pages, book, start, pikepdf) for child in item.children)
    return copy
