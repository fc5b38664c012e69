"""Binding a book: its typeset pieces (front matter, one part per archival file, back matter) made
into one PDF, and the page numbers they get there.

Each piece is typeset on its own (pipeline.print.pdf), so that an edit to one file typesets only its
part again, never the whole edition. The book's page numbers therefore cannot be set by WeasyPrint
in the parts: binding sets them, as a printer's imposition does.

- The front matter is numbered in roman numerals (set by WeasyPrint: its length changes no other
  number); the parts and the back matter in arabic numerals from 1.
- Every part begins on a recto: a part of an odd number of pages is followed by a blank verso, and so
  is an odd front matter. A part's first page (the file's title page), the blank verso behind it and
  blank pages carry no folio.
- The folio is set in the font, size and place that print.css gives it, taken from a folio sheet
  (PdfMaker.folio_sheet) typeset with the same CSS; it is marked as a pagination artifact.
- The pieces' structure trees become parts of one tagged document (PDF/UA; each piece's tree first
  made whole by pipeline.print.tagging), their named destinations one name tree (a destination for
  every file, document and part of the book; the links of the contents lead there, and say where in
  their /Contents), their outlines one outline, and the page labels say "iv" and "12" as the folios do.

The book is written object by object (pipeline.print.pdfwrite): one piece is open at a time and its
objects go straight to the output, so binding a thousand files holds no more than one file's
objects, the book's page list, its destinations and its outline.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO, Callable, Sequence

from pipeline.print.pdf import Typeset
from pipeline.print.pdfwrite import PdfWriter, Renumbering, copy_objects, reachable

#: The name the folio font is given in a page's resources.
FOLIO_FONT = "/PipelineFolio"
#: Anchors that name a place in the book (the rest are headings' own ids).
_DESTINATION_PREFIXES = ("file:", "doc:", "print:")


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
    out = io.BytesIO()
    bind_to(out, front, parts, back, folio_sheet)
    return out.getvalue()


def bind_to(out: BinaryIO, front: Typeset, parts: Sequence[Typeset], back: Typeset, folio_sheet: bytes,
            *, pdf_of: Callable[[Typeset], bytes] = lambda piece: piece.pdf) -> None:
    """Write the book's PDF to `out`, one piece at a time. `pdf_of` gives a piece's PDF bytes (a
    caller that keeps the parts' PDFs on disk reads each only when it is bound)."""
    _Binder(out, front, parts, back, folio_sheet, pdf_of).bind()


@dataclass
class _Outline:
    title: str
    page: int  # object number of the page
    left: float | None
    top: float | None
    children: list["_Outline"] = field(default_factory=list)


class _Binder:
    def __init__(self, out, front, parts, back, folio_sheet, pdf_of) -> None:
        import pikepdf

        self.pikepdf = pikepdf
        self.writer = PdfWriter(out)
        self.front, self.parts, self.back, self.pdf_of = front, parts, back, pdf_of
        # the book's pages: where each piece begins (index), and the first arabic page
        self.first_arabic = front.pages + front.pages % 2
        self.part_index = []
        index = self.first_arabic
        for part in parts:
            self.part_index.append(index)
            index += part.pages + part.pages % 2
        self.back_index = index
        self.page_count = index + back.pages
        self.titles: dict[str, str] = {}
        self.places: dict[str, tuple[int, int]] = {}  # anchor -> (book page index, priority)
        for priority, (piece, start) in enumerate([(front, 0), (back, self.back_index), *zip(parts, self.part_index)]):
            for anchor, page in piece.anchors.items():
                if anchor.startswith(_DESTINATION_PREFIXES) and not anchor.endswith(":h"):
                    self.places[anchor] = (start + page, min(priority, 2))
            self.titles.update(piece.titles)
        w = self.writer
        self.pages_root, self.struct_root, self.document, self.catalog = w.reserve(), w.reserve(), w.reserve(), w.reserve()
        self.page_objects: list[int] = [0] * self.page_count
        self.parent_tree: list[tuple[int, bytes]] = []
        self.next_key = 0
        self.part_elements: list[int] = []  # the pieces' structure elements, in book order
        self.ids: list[tuple[str, int]] = []
        self.destinations: dict[str, tuple[int, float | None, float | None, int]] = {}
        self.outlines: dict[str, list[_Outline]] = {}
        self.front_catalog: dict[str, bytes] = {}
        self.info: int | None = None
        self.identifiers: list[bytes] = []
        self.box = (0.0, 0.0, 0.0, 0.0)
        self.folios = _Folios(folio_sheet, self.writer)

    # -- the pieces, each copied whole and closed before the next ---------------------------------

    def bind(self) -> None:
        elements: dict[str, list[int]] = {}
        # the front and back matter first: the largest pieces of an edition (its contents, its index),
        # copied while what the binder keeps of the parts is still small
        elements["front"] = self._copy(self.front, 0, kind="front", key="front", ids="f-")
        elements["back"] = self._copy(self.back, self.back_index, kind="back", key="back", ids="b-")
        for number, (part, start) in enumerate(zip(self.parts, self.part_index)):
            elements[f"part{number}"] = self._copy(part, start, kind="part", key=f"part{number}", ids=f"p{number}-")
        for index in range(self.page_count):  # blank versos
            if not self.page_objects[index]:
                self.page_objects[index] = self.writer.add(
                    b"<< /Type /Page /Parent %d 0 R /MediaBox [%s] /Resources << >> >>" % (
                        self.pages_root, b" ".join(_number(v) for v in self.box)))
        order = ["front", *(f"part{n}" for n in range(len(self.parts))), "back"]
        self._finish([e for key in order for e in elements[key]], order)

    def _copy(self, piece: Typeset, start: int, *, kind: str, key: str, ids: str) -> list[int]:
        """Copy one piece into the book from page index `start`; its top structure element(s)."""
        from pipeline.print.tagging import division_starts, fix_structure, noted

        pikepdf = self.pikepdf
        with pikepdf.open(io.BytesIO(self.pdf_of(piece))) as source:
            self.identifiers.append(bytes(source.trailer.ID[0]) if "/ID" in source.trailer else b"")
            self.folios.begin(source)
            root = source.Root.StructTreeRoot
            if piece.tagged:  # made whole when it was typeset (pipeline.print.tagging.tag_piece)
                notes = noted(source)
            else:
                notes = fix_structure(source, starts=division_starts(piece.anchors, kind), ids=ids, continued=piece.continued)
            document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
            document.S = pikepdf.Name.Part
            offset = self.next_key
            source_pages = list(source.pages)
            box = source_pages[0].mediabox
            self.box = tuple(float(v) for v in box)
            page_index = {page.obj.objgen: start + i for i, page in enumerate(source_pages)}
            # destinations and outline, read before their objects are left behind
            destinations = _destinations(source, page_index, pikepdf)
            outline = _outline(source, page_index, pikepdf)
            first_document = min((p for a, p in piece.anchors.items() if a.startswith("doc:")), default=0)
            for i, page in enumerate(source_pages):
                obj = page.obj
                if "/StructParents" in obj:
                    obj.StructParents = int(obj.StructParents) + offset
                for annotation in obj.get("/Annots", ()):
                    if "/StructParent" in annotation:
                        annotation.StructParent = int(annotation.StructParent) + offset
                    self._describe(annotation)
                folio = self._folio(start + i, kind, i, first_document)
                if folio is not None:
                    self.folios.set(page, folio)
            # the parent tree: each page's array an object of its own
            nums = root.ParentTree.Nums
            skip = {source.Root.objgen, source.Root.Pages.objgen, root.objgen, root.ParentTree.objgen}
            skip |= _id_tree_objects(root, pikepdf)
            skip |= _outline_objects(source, pikepdf) | _name_tree_objects(source, pikepdf)
            if kind != "front":
                skip |= {o.objgen for o in (source.trailer.get("/Info"), source.Root.get("/Metadata")) if o is not None}
            redirect = {source.Root.Pages.objgen: self.pages_root, root.objgen: self.document, **self.folios.redirect()}
            objects = [o for o in source.objects if o is not None and o.is_indirect and o.objgen not in skip and o.objgen not in redirect]
            renumbering = Renumbering(self.writer, (o.objgen for o in objects), redirect)
            for i in range(0, len(nums), 2):
                value = nums[i + 1]
                number = int(nums[i]) + offset
                if isinstance(value, pikepdf.Array):
                    self.parent_tree.append((number, b"%d 0 R" % self.writer.add(renumbering(value.unparse(resolved=False)))))
                elif value.is_indirect and value.objgen in renumbering.numbers:
                    self.parent_tree.append((number, b"%d 0 R" % renumbering.numbers[value.objgen]))
            self.next_key = offset + _next_key(root)
            copy_objects(self.writer, objects, renumbering)
            for page in source_pages:
                self.page_objects[page_index[page.obj.objgen]] = renumbering.numbers[page.obj.objgen]
            for name, (index, left, top) in destinations.items():
                self.destinations[name] = (self.page_objects[index], left, top, index)
            self.outlines[key] = _renumber_outline(outline, self.page_objects)
            self.ids.extend((note_id, renumbering.numbers[objgen]) for note_id, objgen in notes)
            if kind == "front":
                for entry in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata"):
                    if entry in source.Root:
                        self.front_catalog[entry] = renumbering(source.Root[entry].unparse(resolved=False))
                if "/Info" in source.trailer:
                    self.info = renumbering.numbers.get(source.trailer.Info.objgen)
            return [renumbering.numbers[document.objgen]]

    def _folio(self, index: int, kind: str, page_in_piece: int, first_document: int) -> int | None:
        """The folio of a page of the book, or None: front matter (WeasyPrint numbers it), a file's
        title page and the blank verso behind it."""
        if kind == "front":
            return None
        if kind == "part" and (page_in_piece == 0 or 0 < page_in_piece < first_document):
            return None
        return index - self.first_arabic + 1

    def _label(self, index: int) -> str:
        return _roman(index + 1) if index < self.first_arabic else str(index - self.first_arabic + 1)

    def _describe(self, annotation) -> None:
        """A link's /Contents: where it leads, in words."""
        pikepdf = self.pikepdf
        if annotation.get("/Subtype") != "/Link":
            return
        if isinstance(annotation.get("/Dest"), pikepdf.String):
            name = str(annotation.Dest)
            place = self.places.get(name)
            title = self.titles.get(name)
            words = "Go to " + (title or "the page") + (f", page {self._label(place[0])}" if place else "")
            annotation.Contents = pikepdf.String(words)
        elif "/A" in annotation and "/URI" in annotation.A:
            annotation.Contents = pikepdf.String("Link to " + str(annotation.A.URI))

    # -- the book's own objects ---------------------------------------------------------------

    def _finish(self, elements: list[int], order: list[str]) -> None:
        w = self.writer
        string = lambda text: self.pikepdf.String(text).unparse()  # noqa: E731
        w.write(self.pages_root, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
            len(self.page_objects), b" ".join(b"%d 0 R" % n for n in self.page_objects)))
        # structure: the book's Document holds each piece's Part
        w.write(self.document, b"<< /Type /StructElem /S /Document /P %d 0 R /K [%s] >>" % (
            self.struct_root, b" ".join(b"%d 0 R" % e for e in elements)))
        nums = b" ".join(b"%d %s" % (key, value) for key, value in sorted(self.parent_tree))
        parent_tree = w.add(b"<< /Nums [%s] >>" % nums)
        id_tree = w.add(b"<< /Names [%s] >>" % b" ".join(string(i) + b" %d 0 R" % n for i, n in sorted(self.ids))) if self.ids else None
        w.write(self.struct_root, b"<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d%s >>" % (
            self.document, parent_tree, self.next_key, b" /IDTree %d 0 R" % id_tree if id_tree else b""))
        # named destinations: every file, document and part of the book, where it really is
        names = []
        for name in sorted(self.places):
            index = self.places[name][0]
            if name in self.destinations and self.destinations[name][3] == index:
                page, left, top, _ = self.destinations[name]
            else:
                page, left, top = self.page_objects[index], None, None
            names.append(string(name) + b" [%d 0 R /XYZ %s %s 0]" % (page, _number_or_null(left), _number_or_null(top)))
        dests = w.add(b"<< /Names [%s] >>" % b" ".join(names))
        outline = self._write_outline([item for key in order for item in self.outlines.get(key, [])])
        labels = b"<< /Nums [0 << /S /r >> %d << /S /D /St 1 >>] >>" % self.first_arabic
        entries = b"".join(b" %s %s" % (k.encode("ascii"), v) for k, v in self.front_catalog.items())
        w.write(self.catalog, b"<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /Names << /Dests %d 0 R >> /PageLabels %s%s%s >>" % (
            self.pages_root, self.struct_root, dests, labels,
            b" /Outlines %d 0 R /PageMode /UseOutlines" % outline if outline else b"", entries))
        identifier = hashlib.sha256(b"".join(self.identifiers)).digest()[:16]
        w.finish(self.catalog, self.info, identifier)

    def _write_outline(self, items: list[_Outline]) -> int | None:
        if not items:
            return None
        w = self.writer
        root = w.reserve()
        count = self._write_items(items, root)
        w.write(root, b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (items[0].number, items[-1].number, count))
        return root

    def _write_items(self, items: list[_Outline], parent: int) -> int:
        """Write outline items (numbers reserved first, so that each knows its neighbours); how many
        items are open below `parent`."""
        w = self.writer
        string = lambda text: self.pikepdf.String(text).unparse()  # noqa: E731
        for item in items:
            item.number = w.reserve()
        total = 0
        for i, item in enumerate(items):
            below = self._write_items(item.children, item.number) if item.children else 0
            entries = [b"/Title " + string(item.title), b"/Parent %d 0 R" % parent,
                       b"/Dest [%d 0 R /XYZ %s %s 0]" % (item.page, _number_or_null(item.left), _number_or_null(item.top))]
            if i:
                entries.append(b"/Prev %d 0 R" % items[i - 1].number)
            if i + 1 < len(items):
                entries.append(b"/Next %d 0 R" % items[i + 1].number)
            if item.children:
                entries.append(b"/First %d 0 R /Last %d 0 R /Count %d" % (item.children[0].number, item.children[-1].number, below))
            w.write(item.number, b"<< " + b" ".join(entries) + b" >>")
            total += 1 + below
        return total


class _Folios:
    """Sets folios as the folio sheet shows them: its font, size and baseline, centred where it centres them."""

    def __init__(self, sheet: bytes, writer: PdfWriter) -> None:
        import pikepdf

        self.places = {}  # page parity (0: recto, 1: verso) -> (centre x, baseline y)
        with pikepdf.open(io.BytesIO(sheet)) as pdf:
            for parity, page in enumerate(pdf.pages[:2]):
                font_name, size, codes, x, y = _digits_on(page)
                font = page.Resources.Font[font_name]
                widths = _widths(font)
                self.advance = [widths.get(int.from_bytes(c, "big"), 1000) * size / 1000 for c in codes]
                self.size, self.codes = size, codes
                self.places[parity] = (x + sum(self.advance) / 2, y)
            objects = reachable(font)
            renumbering = Renumbering(writer, (o.objgen for o in objects), {})
            copy_objects(writer, objects, renumbering)
            self.font = renumbering.numbers[font.objgen]
        self.save_state = writer.add(b"<< >>", b"q")  # one "q" stream for every page

    def begin(self, source) -> None:
        """The next source to set folios in: two objects of it stand for the book's folio font and
        "q" stream (binding redirects them)."""
        self.source = source
        self.placeholders = (source.make_stream(b""), source.make_stream(b""))

    def redirect(self) -> dict[tuple[int, int], int]:
        font, save = self.placeholders
        return {font.objgen: self.font, save.objgen: self.save_state}

    def set(self, page, number: int) -> None:
        """Set `number` as the folio of `page` (odd numbers stand on rectos)."""
        import pikepdf

        source = self.source
        font, save = self.placeholders
        digits = [int(d) for d in str(number)]
        width = sum(self.advance[d] for d in digits)
        centre, baseline = self.places[(number + 1) % 2]
        glyphs = b"".join(self.codes[d] for d in digits).hex().encode("ascii")
        x = _number(centre - width / 2)
        folio = (b"Q /Artifact <</Type /Pagination /Subtype /Footer>> BDC q BT " + FOLIO_FONT.encode("ascii") + b" "
                 + _number(self.size) + b" Tf 1 0 0 1 " + x + b" " + _number(baseline) + b" Tm <" + glyphs
                 + b"> Tj ET Q EMC")
        resources = page.obj.get("/Resources")
        if resources is None:
            page.obj.Resources = resources = pikepdf.Dictionary()
        if "/Font" not in resources:
            resources.Font = pikepdf.Dictionary()
        resources.Font[FOLIO_FONT] = font  # WeasyPrint's pages share these resources
        contents = page.obj.Contents
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        page.obj.Contents = pikepdf.Array([save, *streams, source.make_stream(folio)])


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


def _number_or_null(value: float | None) -> bytes:
    return b"null" if value is None else _number(value)


def _roman(number: int) -> str:
    result = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            result += letters
            number -= value
    return result


def _next_key(struct_tree_root) -> int:
    """The first key of a parent tree after its last."""
    nums = struct_tree_root.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    return max([int(struct_tree_root.get("/ParentTreeNextKey", 0)), *(k + 1 for k in keys)])


def _destinations(source, page_index: dict, pikepdf) -> dict[str, tuple[int, float | None, float | None]]:
    """The source's named destinations: name -> (page index in the book, left, top)."""
    names = source.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    return {str(name): _place(value, page_index, pikepdf) for name, value in pikepdf.NameTree(names.Dests).items()}


def _place(value, page_index: dict, pikepdf) -> tuple[int, float | None, float | None]:
    """Where a destination [page /XYZ left top zoom] of a source leads in the book."""
    if isinstance(value, pikepdf.Array) and len(value) >= 4:
        left, top = value[2], value[3]
        return (page_index.get(value[0].objgen, min(page_index.values())),
                None if left is None or isinstance(left, pikepdf.Object) and left.is_null else float(left),
                None if top is None or isinstance(top, pikepdf.Object) and top.is_null else float(top))
    return min(page_index.values()), None, None


def _outline(source, page_index: dict, pikepdf) -> list[_Outline]:
    """The source's outline, pages as book page indices (renumbered once the pages are copied)."""
    def item(entry) -> _Outline:
        index, left, top = _place(entry.destination, page_index, pikepdf)
        return _Outline(" ".join(entry.title.split()), index, left, top, [item(child) for child in entry.children])

    with source.open_outline() as outline:
        return [item(entry) for entry in outline.root]


def _renumber_outline(items: list[_Outline], page_objects: list[int]) -> list[_Outline]:
    for entry in items:
        entry.page = page_objects[entry.page]
        _renumber_outline(entry.children, page_objects)
    return items


def _outline_objects(source, pikepdf) -> set[tuple[int, int]]:
    """The objects of the source's outline (left behind: the book writes its own)."""
    root = source.Root.get("/Outlines")
    found: set[tuple[int, int]] = set()
    stack = [root] if root is not None else []
    while stack:
        item = stack.pop()
        if not item.is_indirect or item.objgen in found:
            continue
        found.add(item.objgen)
        for key in ("/First", "/Next"):
            if key in item:
                stack.append(item[key])
    return found


def _id_tree_objects(struct_tree_root, pikepdf) -> set[tuple[int, int]]:
    """The nodes of a tagged piece's ID tree (left behind: the book writes its own)."""
    return _tree_nodes(struct_tree_root.get("/IDTree"), ("/Kids",), pikepdf)


def _name_tree_objects(source, pikepdf) -> set[tuple[int, int]]:
    """The nodes of the source's name trees (left behind: the book writes its own)."""
    return _tree_nodes(source.Root.get("/Names"), ("/Dests", "/Kids"), pikepdf)


def _tree_nodes(top, keys: tuple[str, ...], pikepdf) -> set[tuple[int, int]]:
    """The indirect objects of a tree of dictionaries, from `top` (None: no tree) down through `keys`."""
    found: set[tuple[int, int]] = set()
    stack = [top] if top is not None else []
    while stack:
        node = stack.pop()
        if node.is_indirect:
            if node.objgen in found:
                continue
            found.add(node.objgen)
        for key in keys:
            if key in node:
                value = node[key]
                stack.extend(value if isinstance(value, pikepdf.Array) else [value])
    return found
