"""A typeset piece's structure tree made what PDF/UA-1 asks of a book (pikepdf, in memory, before
binding copies the piece).

WeasyPrint tags page by page: a document over three pages is three `Art` elements, the running
heads and folios it draws are marked content that no structure element of the tree holds (neither
in the tree nor artifacts), and footnotes are spans in a page-level `NonStruct`. Here:

- marked content that the tree does not reach (the page's margin boxes: running heads, folios)
  becomes a pagination artifact, and leaves the parent tree;
- an element continued on the next page is one element: consecutive `Part`, `Sect` and `Art`
  elements (and the one `Div` of an article's text) are merged unless the later one begins a new
  division there, which the piece's anchors tell (`starts`: by the structure types of the division and
  of its parent, "/Sect/Art", how many begin on each page: when a page holds more elements of the
  type than begin there, its first continues the one before);
- a paragraph continued on the next page is one `P` (`continued`: the pages whose first paragraph
  continues the last one of the page before, as the typesetter found them, pipeline.print.pdf): the
  later element's content joins the earlier one, its marked content by reference (`MCR`) to its page;
- each footnote is a `Note` with a unique ID (prefixed with `ids`), its number a `Lbl`, inside the
  article it belongs to; its call in the text is a `Reference`.
"""

from __future__ import annotations

import re
import zlib
from typing import Iterable, Mapping

#: Marked content as WeasyPrint writes it: "/Span <</MCID 3>> BDC".
_MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID (\d+)\s*>>\s*BDC")
#: What may merge across a page break.
_CONTAINERS = ("/Part", "/Sect", "/Art")


def fix_structure(pdf, *, starts: Mapping[str, Mapping[int, int]], ids: str,
                  continued: Iterable[int] = ()) -> list[tuple[str, tuple[int, int]]]:
    """Rework the structure tree of a piece WeasyPrint typeset (see the module's doc); the notes'
    IDs and their elements (object numbers), for the book's ID tree."""
    import pikepdf

    root = pdf.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    _artifacts(pdf, root, document, pikepdf)
    notes = [kid for kid in document.K if kid.get("/S") == "/NonStruct"]  # the pages' footnote areas
    kept = pikepdf.Array([kid for kid in document.K if kid.get("/S") != "/NonStruct"])
    document.K = kept
    articles: dict[int, object] = {}
    paragraphs = _paragraphs_by_page(document, pages, pikepdf)
    _merge(document, pages, starts, articles, pikepdf)
    _join_paragraphs(root, paragraphs, sorted(continued), pikepdf)
    count = 0
    identified = []
    for area in notes:
        page = pages.get(area.Pg.objgen) if "/Pg" in area else None
        owner = articles.get(page) if page is not None else None
        if owner is None:  # no article on the page: the notes stay where they are
            owner = document
        area.S = pikepdf.Name.Div
        area.P = owner
        owner.K.append(area)
        for note in _kids(area, pikepdf):
            count += 1
            note.S = pikepdf.Name.Note
            note.ID = pikepdf.String(f"{ids}note{count}")
            identified.append((f"{ids}note{count}", note.objgen))
            for kid in _kids(note, pikepdf)[:1]:
                if kid.get("/S") == "/NonStruct":
                    kid.S = pikepdf.Name.Lbl
    # calls: the text-bearing NonStruct of the reading text (the ::footnote-call pseudo-elements; the
    # stylesheet generates no other text)
    for article in {a.objgen: a for a in articles.values()}.values():
        _mark_references(article, pikepdf)
    return identified


def division_starts(anchors: Mapping[str, int], kind: str) -> dict[str, dict[int, int]]:
    """Where the divisions of a piece of this kind ("front", "part", "back") begin, from its anchors, by the structure type of the division and
    of its parent ("/Sect/Art"): a document at "doc:NAME:N"; the file's section at "file:NAME"; a
    document's section at "doc:NAME:N:sK"; a part of the book at "print:…" (the front and back
    matter's stand-ins for other pieces' anchors are not theirs)."""
    starts: dict[str, dict[int, int]] = {}
    for anchor, page in anchors.items():
        fields = anchor.split(":")
        if fields[-1] == "h":
            continue
        if kind != "part":
            keys = ("/Document/Sect", "/Div/Sect", "/Part/Sect") if fields[0] == "print" else ()
        elif fields[0] == "file":
            keys = ("/Part/Sect",)
        elif fields[0] == "doc":
            keys = ("/Sect/Art",) if len(fields) == 3 else ("/Div/Sect", "/Sect/Sect")
        else:
            keys = ()
        for key in keys:
            counts = starts.setdefault(key, {})
            counts[page] = counts.get(page, 0) + 1
    return starts


def tag_piece(piece, *, kind: str, ids: str):
    """A typeset piece (pipeline.print.pdf.Typeset) with its structure tree made whole (fix_structure)
    once, where it is typeset, rather than each time a book is bound from it: its notes' IDs in the
    piece's own ID tree (see noted), and the piece marked `tagged`."""
    import io
    from dataclasses import replace

    import pikepdf

    with pikepdf.open(io.BytesIO(piece.pdf)) as pdf:
        notes = fix_structure(pdf, starts=division_starts(piece.anchors, kind), ids=ids, continued=piece.continued)
        if notes:
            pdf.Root.StructTreeRoot.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(
                [item for note_id, objgen in sorted(notes) for item in (pikepdf.String(note_id), pdf.get_object(objgen))])))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none, fix_metadata_version=False)
    return replace(piece, pdf=out.getvalue(), tagged=True)


def noted(pdf) -> list[tuple[str, tuple[int, int]]]:
    """The notes' IDs of a piece tag_piece made whole, and their elements (object numbers)."""
    root = pdf.Root.StructTreeRoot
    if "/IDTree" not in root:
        return []
    import pikepdf

    return [(str(note_id), element.objgen) for note_id, element in pikepdf.NameTree(root.IDTree).items()]


def _kids(element, pikepdf) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and k.get("/Type") != "/OBJR"]


def _artifacts(pdf, root, document, pikepdf) -> None:
    """Marked content the tree does not reach becomes an artifact; its parent-tree entry null."""
    reached: set[tuple[int, int]] = set()
    stack = [document]
    while stack:
        element = stack.pop()
        if element.objgen in reached:
            continue
        reached.add(element.objgen)
        stack.extend(_kids(element, pikepdf))
    nums = root.ParentTree.Nums
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        entry = entries.get(int(key)) if key is not None else None
        if not isinstance(entry, pikepdf.Array):
            continue
        loose = {mcid for mcid, element in enumerate(entry)
                 if isinstance(element, pikepdf.Dictionary) and element.objgen not in reached}
        if not loose:
            continue
        for mcid in loose:
            entry[mcid] = None
        contents = page.obj.Contents
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        for stream in streams:
            data = stream.read_bytes()
            rewritten = _MARKED.sub(
                lambda m: b"/Artifact <</Type /Pagination>> BDC" if int(m.group(2)) in loose else m.group(0), data)
            if rewritten != data:
                stream.write(zlib.compress(rewritten, 6), filter=pikepdf.Name.FlateDecode)


def _merge(element, pages: dict, starts: dict[str, dict[int, int]], articles: dict, pikepdf) -> None:
    """Merge the children of `element` continued across pages, then theirs."""
    kids = element.get("/K")
    if not isinstance(kids, pikepdf.Array):
        return
    merged = pikepdf.Array()
    previous = None
    # how many children of each type stand on each page: more than begin there means the first continues
    on_page: dict[tuple[str, int | None], int] = {}
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
            at = (str(kid.get("/S")), pages.get(kid.Pg.objgen) if "/Pg" in kid else None)
            on_page[at] = on_page.get(at, 0) + 1
    for kid in list(kids):
        if not isinstance(kid, pikepdf.Dictionary) or kid.get("/Type") == "/OBJR":
            merged.append(kid)
            previous = None
            continue
        page = pages.get(kid.Pg.objgen) if "/Pg" in kid else None
        same = previous is not None and previous.get("/S") == kid.get("/S")
        mergeable = kid.get("/S") in _CONTAINERS or (kid.get("/S") == "/Div" and element.get("/S") in ("/Art", "/Document"))
        begins = starts.get(str(element.get("/S")) + str(kid.get("/S")), {}).get(page, 0)
        continues = on_page.get((str(kid.get("/S")), page), 0) > begins
        if same and mergeable and page is not None and continues and page != _page_of(previous, pages):
            for grandchild in _all_kids(kid, pikepdf):
                if isinstance(grandchild, pikepdf.Dictionary) and grandchild.get("/Type") != "/OBJR":
                    grandchild.P = previous
                previous.K.append(grandchild)
            previous.LastPage = page  # where it ends, for the next page's test (removed below)
            continue
        merged.append(kid)
        previous = kid
    element.K = merged
    for kid in merged:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") in (*_CONTAINERS, "/Div", "/Document"):
            if "/LastPage" in kid:
                first, last = pages.get(kid.Pg.objgen), int(kid.LastPage)
                del kid["/LastPage"]
            else:
                first = last = pages.get(kid.Pg.objgen) if "/Pg" in kid else None
            if kid.get("/S") == "/Art" and first is not None:
                for page in range(first, last + 1):
                    articles[page] = kid
            _merge(kid, pages, starts, articles, pikepdf)


def _paragraphs_by_page(document, pages: dict, pikepdf) -> dict[int, list]:
    """The `P` elements of each page, in tree order (the order in which WeasyPrint made them)."""
    found: dict[int, list] = {}
    stack = [document]
    while stack:
        element = stack.pop()
        if element.get("/S") == "/P" and "/Pg" in element and element.Pg.objgen in pages:
            found.setdefault(pages[element.Pg.objgen], []).append(element)
        stack.extend(reversed(_kids(element, pikepdf)))
    return found


def _join_paragraphs(root, paragraphs: dict[int, list], continued: list[int], pikepdf) -> None:
    """Each paragraph continued on a page (its first `P` there) joined to the one it continues, when
    the merging of their divisions made them siblings."""
    joined: dict[tuple[int, int], object] = {}  # a P joined to another -> that one
    nums = root.ParentTree.Nums
    for page in continued:
        if not paragraphs.get(page) or not paragraphs.get(page - 1):
            continue
        later, earlier = paragraphs[page][0], paragraphs[page - 1][-1]
        while earlier.objgen in joined:
            earlier = joined[earlier.objgen]
        parent = later.get("/P")
        if earlier.objgen == later.objgen or parent is None or earlier.get("/P") is None or parent.objgen != earlier.P.objgen:
            continue
        kids = earlier.get("/K")
        if not isinstance(kids, pikepdf.Array):
            earlier.K = kids = pikepdf.Array([] if kids is None else [kids])
        for kid in _all_kids(later, pikepdf):
            if isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") == "/MCR":
                    kids.append(kid)
                    continue
                if kid.get("/Type") != "/OBJR":
                    kid.P = earlier
                kids.append(kid)
            else:  # an MCID of the later element's page
                kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=later.Pg, MCID=int(kid)))
        parent.K = pikepdf.Array([k for k in parent.K if not (isinstance(k, pikepdf.Dictionary) and k.objgen == later.objgen)])
        _repoint(nums, later, earlier, pikepdf)
        joined[later.objgen] = earlier


def _repoint(nums, old, new, pikepdf) -> None:
    """Parent-tree entries that name `old` name `new` instead."""
    for i in range(1, len(nums), 2):
        value = nums[i]
        if isinstance(value, pikepdf.Array):
            for k, element in enumerate(value):
                if isinstance(element, pikepdf.Dictionary) and element.objgen == old.objgen:
                    value[k] = new
        elif isinstance(value, pikepdf.Dictionary) and value.objgen == old.objgen:
            nums[i] = new


def _page_of(element, pages: dict) -> int | None:
    if "/LastPage" in element:
        return int(element.LastPage)
    return pages.get(element.Pg.objgen) if "/Pg" in element else None


def _all_kids(element, pikepdf) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _mark_references(element, pikepdf) -> None:
    """Text-bearing NonStruct elements inside an article's text: its note calls."""
    stack = list(_kids(element, pikepdf))
    while stack:
        kid = stack.pop()
        if kid.get("/S") == "/Note":
            continue
        if kid.get("/S") == "/NonStruct" and any(k.get("/S") == "/Span" for k in _kids(kid, pikepdf)) \
                and all(not _kids(k, pikepdf) for k in _kids(kid, pikepdf)) and kid.P.get("/S") not in ("/Art", "/Document"):
            kid.S = pikepdf.Name.Reference
            continue
        stack.extend(_kids(kid, pikepdf))
