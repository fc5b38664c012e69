"""Parse untrusted XML safely, within the limits the rest of the build can process.

Every command that reads a TEI file goes through :func:`parse`. It refuses what
a contributed file must not do (declare a DTD or entities, include other files)
and what Saxon's parser would refuse later (nesting deeper than 100 elements,
more than 200 attributes on one element, names longer than 1000 characters),
and it never reads a file or the network on the document's behalf.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

#: Largest input accepted, in bytes.
MAX_BYTES = 32 * 1024 * 1024
#: Deepest element nesting accepted (the root is at depth 1); Saxon refuses deeper.
MAX_DEPTH = 100
#: Most attributes (namespace declarations included) on one element; Saxon refuses more.
MAX_ATTRIBUTES = 200
#: Longest element or attribute name; Saxon refuses longer.
MAX_NAME_LENGTH = 1000

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"


class XMLInputError(Exception):
    """Unsafe or unreadable XML input; str() is a one-line message 'NAME:LINE:COL: what is wrong'."""

    def __init__(self, name: str, line: int | None, column: int | None, message: str) -> None:
        self.name = name
        self.line = line or 1  # a whole-file problem is reported at the start of the file
        self.column = column or 1  # libxml2 gives no column for some errors: point at the line
        self.message = " ".join(message.split())
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.name}:{self.line}:{self.column}: {self.message}"


def _parser(collect_ids: bool) -> etree.XMLParser:
    # collect_ids=False lets duplicate xml:id values through to validation (where they get a
    # rule's message), but libxml2 then reads a DOCTYPE's external subset, whatever load_dtd
    # says: so it is used only when the prolog has been seen to hold no DOCTYPE.
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        no_network=True,
        huge_tree=False,
        collect_ids=collect_ids,
    )


def _prolog(data: bytes) -> str | None:
    """The document's first characters decoded, or None when the encoding is not recognised."""
    head = data[:65536]
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("latin-1")
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom) and not head.startswith(codecs.BOM_UTF32_LE):
            return head[2:].decode(encoding, errors="replace")
    if head[:2] == b"<\x00":
        return head.decode("utf-16-le", errors="replace")
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", errors="replace")
    if head.lstrip()[:1] == b"<":
        return head.decode("latin-1")
    return None


def _scan_prolog(prolog: str) -> tuple[str, int]:
    """What follows the prolog's declarations, comments and PIs: ("doctype", line), ("element", line) or ("unknown", line)."""
    at = 0
    while True:
        while at < len(prolog) and prolog[at] in " \t\r\n":
            at += 1
        line = prolog.count("\n", 0, at) + 1
        if prolog.startswith("<?", at):
            end, length = prolog.find("?>", at + 2), 2
        elif prolog.startswith("<!--", at):
            end, length = prolog.find("-->", at + 4), 3
        elif prolog.startswith("<!DOCTYPE", at):
            return "doctype", line
        elif prolog.startswith("<", at) and at + 1 < len(prolog) and (prolog[at + 1].isalpha() or prolog[at + 1] in "_:"):
            return "element", line
        else:
            return "unknown", line
        if end < 0:
            return "unknown", line
        at = end + length


_TOO_DEEP = etree.XPath("/*" * (MAX_DEPTH + 1))
_MANY_ATTRIBUTES = etree.XPath(f"//*[count(@*) + count(namespace::*) - 1 > {MAX_ATTRIBUTES}]")
_LONG_NAMES = etree.XPath(
    f"(//*[string-length(name()) > {MAX_NAME_LENGTH}] | //@*[string-length(name()) > {MAX_NAME_LENGTH}])[1]"
)
_XINCLUDE = etree.XPath("(//xi:*)[1]", namespaces={"xi": XINCLUDE_NS})


def parse(data: bytes, *, name: str) -> etree._ElementTree:
    """Parse untrusted XML: no DTD or entity declarations (refused with a message saying why), no XInclude, no network, no external file, size/depth/attribute limits, encoding errors reported by line."""
    if not isinstance(data, bytes):
        raise TypeError("parse() takes the document as bytes")
    if len(data) > MAX_BYTES:
        raise XMLInputError(name, 1, 1, size_message(len(data)))
    if not data.strip():
        raise XMLInputError(name, 1, 1, "the file is empty: an XML document was expected")
    prolog = _prolog(data)
    _check_declared_encoding(data, prolog, name)
    found, line = _scan_prolog(prolog) if prolog is not None else ("unknown", 1)
    if found == "doctype":
        raise _doctype_error(name, line)
    try:
        root = etree.fromstring(data, _parser(collect_ids=found != "element"))
    except etree.XMLSyntaxError as error:
        raise _syntax_error(name, data, error) from None
    except (ValueError, LookupError, OSError) as error:  # unknown or broken encoding
        raise XMLInputError(name, 1, 1, f"cannot read the file: {error}") from None
    if root is None:
        raise XMLInputError(name, 1, 1, "no root element")
    tree = root.getroottree()
    _refuse_dtd(tree, name, data)
    _check_limits(root, name)
    return tree


def size_message(size: int) -> str:
    """The refusal of a file of `size` bytes, with its size and the limit."""
    return f"the file is {size:,} bytes ({size / 1048576:.1f} MiB), more than the {MAX_BYTES:,} bytes ({MAX_BYTES // 1048576} MiB) accepted: the build's XSLT processor could not read it"


_DECLARATION = re.compile(r"""<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")


def _check_declared_encoding(data: bytes, prolog: str | None, name: str) -> None:
    """Refuse, in words, an XML declaration whose encoding is unknown or does not match the bytes."""
    if prolog is None:
        return
    found = _DECLARATION.match(prolog.lstrip("\ufeff"))
    if not found:
        return
    declared = found.group(1)
    try:
        family = codecs.lookup(declared).name
    except LookupError:
        raise XMLInputError(name, 1, found.start(1) + 1, f'the XML declaration names the encoding "{declared}", which is not known; expected encoding="UTF-8"') from None
    sixteen = data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"<\x00", b"\x00<")
    if family.startswith(("utf-16", "utf-32")) and not sixteen:
        raise XMLInputError(name, 1, found.start(1) + 1, f'the XML declaration says encoding="{declared}", but the file is written one byte per character (as UTF-8 is); correct the declaration to encoding="UTF-8" or save the file as {declared}')
    if sixteen and not family.startswith("utf-16"):
        raise XMLInputError(name, 1, found.start(1) + 1, f'the XML declaration says encoding="{declared}", but the file is written in UTF-16; correct the declaration to encoding="UTF-16" or save the file as {declared}')


def _syntax_error(name: str, data: bytes, error: etree.XMLSyntaxError) -> XMLInputError:
    line, column = error.lineno, error.offset
    message = (error.msg or str(error)).strip()
    # libxml2 appends ", line N, column M" to some messages; the location is already given.
    message = message.split(", line ")[0]
    lower = message.lower()
    if "excessive depth" in lower:
        return XMLInputError(name, line, column, f"elements are nested more than {MAX_DEPTH} elements deep here (the parser stopped at 256), the most the build can process is {MAX_DEPTH}; flatten the nesting")
    if "not proper utf-8" in lower or "invalid bytes in character encoding" in lower:
        detail = ""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            detail = f" (byte 0x{data[bad.start]:02X}, which {'Windows-1252 and ISO-8859-1 read as ' + repr(bytes([data[bad.start]]).decode('cp1252', errors='replace')) if data[bad.start] >= 0x80 else 'UTF-8 does not allow here'})"
            line = data.count(b"\n", 0, bad.start) + 1
            column = bad.start - data.rfind(b"\n", 0, bad.start)
        return XMLInputError(name, line, column, f"the text here is not valid UTF-8{detail}: save the file as UTF-8, or name its encoding in the XML declaration")
    if "entity" in lower and ("not defined" in lower or "undeclared" in lower):
        message += " (entities other than &amp; &lt; &gt; &quot; &apos; and character references are not accepted: write the character itself)"
    elif "encoding" in lower or "utf-8" in lower or "bytes" in lower and "input" in lower:
        message = f"encoding error: {message}"
    elif "huge" in lower or "limit" in lower:
        message += " (the input exceeds a parser limit)"
    return XMLInputError(name, line, column, message)


def _refuse_dtd(tree: etree._ElementTree, name: str, data: bytes) -> None:
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _doctype_error(name, None)


def _doctype_error(name: str, line: int | None) -> XMLInputError:
    return XMLInputError(
        name,
        line,
        1,
        "a DOCTYPE declaration is not accepted: DTDs and entity declarations can read other files "
        "or expand without bound, so contributed files must not have one; remove the <!DOCTYPE …> "
        "and write characters instead of entities",
    )


def _check_limits(root: etree._Element, name: str) -> None:
    too_deep = _TOO_DEEP(root)
    if too_deep:
        _refuse(name, too_deep[0], f"element <{_qname(too_deep[0])}> is nested more than {MAX_DEPTH} elements deep, the most the build can process")
    for element in _MANY_ATTRIBUTES(root):
        count = len(element.attrib) + _local_namespace_count(element)
        if count > MAX_ATTRIBUTES:
            _refuse(name, element, f"element <{_qname(element)}> has {count} attributes and namespace declarations, "
                                   f"more than the {MAX_ATTRIBUTES} the build can process")
    long_names = _LONG_NAMES(root)
    if long_names:
        node = long_names[0]
        element = node.getparent() if getattr(node, "is_attribute", False) else node
        _refuse(name, element, f"a name longer than {MAX_NAME_LENGTH} characters, the most the build can process")
    xinclude = _XINCLUDE(root)
    if xinclude:
        _refuse(name, xinclude[0], f"<xi:{etree.QName(xinclude[0]).localname}> is not accepted: XInclude would read other files; "
                                   "put the included text in the file itself")


def _refuse(name: str, element: etree._Element, message: str) -> None:
    """Refuse the input at an element's line."""
    raise XMLInputError(name, element.sourceline, None, message)


def _local_namespace_count(element: etree._Element) -> int:
    parent = element.getparent()
    inherited = parent.nsmap if parent is not None else {}
    return sum(1 for prefix, uri in element.nsmap.items() if inherited.get(prefix) != uri)


def _qname(element: etree._Element) -> str:
    return element.prefix + ":" + etree.QName(element).localname if element.prefix else etree.QName(element).localname
