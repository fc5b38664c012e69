"""A PDF written object by object: the pieces of a book are copied into it one at a time, so that
binding holds one piece's objects in memory, never the whole book's (pipeline.print.binding).

Objects are numbered as they are reserved and written straight to the output (those that are not
streams packed a hundred at a time into compressed object streams); the cross-reference stream is
written at the end from their places (12 bytes an object in memory). Objects of a source
PDF (opened with pikepdf) are copied by serialising each with qpdf (`unparse`) and renumbering its
references, which a `Renumbering` maps from the source's numbers to the book's.
"""

from __future__ import annotations

import re
import zlib
from array import array
from typing import BinaryIO, Callable, Iterable

#: A reference "12 0 R", or a string (literal, with its parentheses escaped as qpdf writes them, or
#: hexadecimal), which may hold text that looks like one and must be left alone.
_TOKENS = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|(?<![\w.+-])(\d+) (\d+) R(?![\w])", re.S)


class PdfWriter:
    """Writes a PDF to `out` one object at a time; objects that are not streams are packed, a hundred
    at a time, into compressed object streams (with a cross-reference stream), as qpdf would."""

    BATCH = 100

    def __init__(self, out: BinaryIO, version: bytes = b"1.7") -> None:
        self.out = out
        self.position = 0
        # object number -> offset in the file, or the number of the object stream holding it
        self.offsets = array("Q", [0])
        self.index = array("l", [-1])  # -1: at an offset; else its index in its object stream
        self.batch: list[tuple[int, bytes]] = []
        self._put(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")

    def _put(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)

    def reserve(self) -> int:
        """A new object number, for an object written later."""
        self.offsets.append(0)
        self.index.append(-2)  # -2: not written yet
        return len(self.offsets) - 1

    def write(self, number: int, body: bytes, stream: bytes | None = None) -> int:
        """Write object `number`: `body` is its serialised value (a stream's dictionary when `stream`
        is given, without /Length: it is set here)."""
        if stream is None:
            self.batch.append((number, body))
            self.index[number] = -3  # packed when the batch is written
            if len(self.batch) >= self.BATCH:
                self._flush()
            return number
        if not body.endswith(b">>"):
            raise ValueError("a stream's dictionary must be serialised as << … >>")
        self.offsets[number] = self.position
        self.index[number] = -1
        self._put(b"%d 0 obj\n%s /Length %d >>\nstream\n" % (number, body[:-2].rstrip(), len(stream)))
        self._put(stream)
        self._put(b"\nendstream\nendobj\n")
        return number

    def _flush(self) -> None:
        """The pending objects as one compressed object stream."""
        if not self.batch:
            return
        header, bodies, at = [], [], 0
        for number, body in self.batch:
            header.append(b"%d %d" % (number, at))
            bodies.append(body)
            at += len(body) + 1
        first = b" ".join(header) + b"\n"
        container = self.reserve()
        for k, (number, _) in enumerate(self.batch):
            self.offsets[number] = container
            self.index[number] = k
        self.batch = []
        data = zlib.compress(first + b"\n".join(bodies) + b"\n", 6)
        self.write(container, b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode >>" % (len(header), len(first)), data)

    def add(self, body: bytes, stream: bytes | None = None) -> int:
        """Write a new object; its number."""
        return self.write(self.reserve(), body, stream)

    def _xref_rows(self) -> bytes:
        """The cross-reference stream's rows, compressed as they are made (a book has hundreds of
        thousands of objects: a bytes object a row would cost more memory than all the rest)."""
        packer = zlib.compressobj(6)
        chunks = [packer.compress(b"\x00" + (0).to_bytes(8, "big") + (65535).to_bytes(4, "big"))]
        rows = bytearray()
        for number in range(1, len(self.offsets)):
            index = self.index[number]
            rows += b"\x01" if index == -1 else b"\x02"
            rows += self.offsets[number].to_bytes(8, "big")
            rows += (0 if index == -1 else index).to_bytes(4, "big")
            if len(rows) >= 1 << 16:
                chunks.append(packer.compress(bytes(rows)))
                rows.clear()
        chunks.append(packer.compress(bytes(rows)))
        chunks.append(packer.flush())
        return b"".join(chunks)

    def finish(self, root: int, info: int | None, file_id: bytes) -> None:
        """The cross-reference stream and trailer; a reserved object never written is null."""
        for number in range(1, len(self.offsets)):
            if self.index[number] == -2:
                self.write(number, b"null")
        self._flush()
        xref = self.reserve()
        self.offsets[xref] = self.position
        self.index[xref] = -1
        data = self._xref_rows()
        identifier = file_id.hex().encode("ascii")
        self._put(b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 8 4] /Root %d 0 R%s /ID [<%s> <%s>] /Filter /FlateDecode /Length %d >>\nstream\n" % (
            xref, len(self.offsets), root, b" /Info %d 0 R" % info if info else b"", identifier, identifier, len(data)))
        self._put(data)
        self._put(b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % self.offsets[xref])


class Renumbering:
    """The book's number for each object of one source PDF: copied objects get new numbers as they
    are first met; `redirect` sends some to objects of the book (the source's page tree to the
    book's); references to anything else not copied become null."""

    def __init__(self, writer: PdfWriter, copied: Iterable[tuple[int, int]], redirect: dict[tuple[int, int], int]) -> None:
        self.numbers: dict[tuple[int, int], int] = dict(redirect)
        for objgen in copied:
            if objgen not in self.numbers:
                self.numbers[objgen] = writer.reserve()

    def __call__(self, serialised: bytes) -> bytes:
        return _TOKENS.sub(self._replace, serialised)

    def _replace(self, match: re.Match) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        number = self.numbers.get((int(match.group(1)), int(match.group(2))))
        return b"null" if number is None else b"%d 0 R" % number


def serialise(obj, renumber: Callable[[bytes], bytes]) -> tuple[bytes, bytes | None]:
    """An indirect object of a source PDF as (body, stream data or None), its references renumbered."""
    import pikepdf

    if isinstance(obj, pikepdf.Stream):
        data = obj.read_raw_bytes()
        dictionary = obj.stream_dict  # the source's, in memory: its /Length is set when written
        if "/Length" in dictionary:
            del dictionary["/Length"]
        return renumber(dictionary.unparse(resolved=True)), data
    return renumber(obj.unparse(resolved=True)), None


def copy_objects(writer: PdfWriter, objects: Iterable, renumbering: Renumbering) -> None:
    """Write each source object under the number renumbering gave it."""
    for obj in objects:
        body, stream = serialise(obj, renumbering)
        writer.write(renumbering.numbers[obj.objgen], body, stream)


def reachable(root) -> list:
    """The indirect objects reachable from a source object (itself included when indirect), each once."""
    import pikepdf

    seen: dict[tuple[int, int], object] = {}
    stack = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)) or (isinstance(obj, pikepdf.Object) and obj.is_indirect):
            if obj.is_indirect:
                if obj.objgen in seen:
                    continue
                seen[obj.objgen] = obj
            if isinstance(obj, pikepdf.Stream):
                stack.extend(obj.stream_dict.values())
            elif isinstance(obj, pikepdf.Dictionary):
                stack.extend(obj.values())
            elif isinstance(obj, pikepdf.Array):
                stack.extend(obj)
    return list(seen.values())
