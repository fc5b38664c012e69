"""Transcript bytes → text the converter can trust, or a one-line reason why not.

Read: UTF-8 (with or without a byte-order mark), and UTF-16 with a byte-order mark (with a warning).
Refused: empty files, binary files, text that is not UTF-8 (with the line of
the first bad byte), files over the size limit, lines over the line limit. Repaired with a located
warning: CRLF and CR line endings, characters XML 1.0 forbids (replaced by
U+FFFD, so the TEI stays well-formed and the place stays visible).
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: the largest transcript converted: its TEI (about 1.1 times its size) stays within what
#: `pipeline validate` and the build's XSLT processor accept (pipeline.safexml.MAX_BYTES, 32 MiB)
MAX_BYTES = 16 * 1024 * 1024
MAX_LINE_CHARS = 1_000_000  # no OCR line is this long; XML tools refuse longer text nodes
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
REPLACEMENT = "\ufffd"


class ConversionError(Exception):
    """A transcript that cannot be converted; str() is a one-line reason."""


def decode(data: bytes, warn: Callable[[int, str, str], None]) -> str:
    """Decode and normalise a transcript, or raise ConversionError."""
    if len(data) > MAX_BYTES:
        raise ConversionError(f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
    if not data.strip():
        raise ConversionError("empty transcript: nothing to convert")
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                data = data[len(bom) :].decode(codec).encode("utf-8")
            except UnicodeDecodeError:
                raise ConversionError("UTF-16 byte-order mark, but not valid UTF-16: expected UTF-8") from None
            warn(1, "encoding", f"UTF-16 ({codec[-2:].upper()}) with a byte-order mark, read as such; transcripts are expected in UTF-8")
            break
    if b"\x00" in data[:8192] or data.count(b"\x00") > len(data) // 100:
        raise ConversionError("binary file (NUL bytes): not a text transcript")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConversionError(f"line {line}: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})") from None
    longest = max(text.split("\n"), key=len)
    if len(longest) > MAX_LINE_CHARS:
        line = text.split("\n").index(longest) + 1
        raise ConversionError(f"line {line}: {len(longest):,} characters long; the limit is {MAX_LINE_CHARS:,} (not an OCR transcript line)")
    if "\r" in text:
        warn(1, "line-endings", "CRLF or CR line endings normalised to LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for match in XML_ILLEGAL.finditer(text):
        warn(text.count("\n", 0, match.start()) + 1, "control-character", f"character U+{ord(match.group()):04X} is not allowed in XML: replaced by U+FFFD")
    return XML_ILLEGAL.sub(REPLACEMENT, text)
