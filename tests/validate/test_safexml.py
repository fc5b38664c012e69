"""pipeline.safexml refuses hostile input with one-line messages and reads nothing else."""

from __future__ import annotations

import pytest

from pipeline.safexml import MAX_ATTRIBUTES, MAX_DEPTH, XMLInputError, parse


def refused(data: bytes) -> XMLInputError:
    with pytest.raises(XMLInputError) as info:
        parse(data, name="in.xml")
    error = info.value
    assert str(error).startswith("in.xml:")
    assert "\n" not in str(error)
    return error


def test_parses_ordinary_xml_with_its_processing_instructions():
    tree = parse(b'<?xml-model href="x.rng"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>\xc3\xa9</p></TEI>', name="a.xml")
    assert tree.getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"
    assert tree.getroot().getprevious().target == "xml-model"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "y">]>\n<a>&x;</a>',
        b'<!DOCTYPE a SYSTEM "/etc/passwd"><a/>',
        b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        b'<!DOCTYPE a [<!ENTITY % x SYSTEM "file:///etc/passwd"> %x;]><a/>',
        b'<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><a>&c;&c;</a>',
    ],
)
def test_refuses_doctype_and_entity_declarations_saying_why(data):
    error = refused(data)
    assert "DOCTYPE" in error.message and "entit" in error.message
    assert "root:" not in error.message


def test_external_files_are_never_opened(tmp_path):
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY e "LEAKED">')
    with pytest.raises(XMLInputError):
        parse(f'<!DOCTYPE a SYSTEM "{secret}"><a>&e;</a>'.encode(), name="in.xml")
    secret.write_text("not a DTD at all")
    error = refused(f'<!DOCTYPE a SYSTEM "{secret}"><a/>'.encode())
    assert "DOCTYPE" in error.message


def test_undefined_entity_is_reported_with_position():
    error = refused(b"<a>\n&nbsp;</a>")
    assert error.line == 2 and "nbsp" in error.message


def test_xinclude_refused_and_not_followed():
    error = refused(b'<a xmlns:xi="http://www.w3.org/2001/XInclude">\n<xi:include href="/etc/passwd"/></a>')
    assert error.line == 2 and "XInclude" in error.message


def test_encoding_errors_reported_by_line():
    error = refused(b'<?xml version="1.0" encoding="UTF-8"?>\n<a>\nok\n\xff\xfe</a>')
    assert error.line == 4 and "encoding" in error.message.lower()
    assert "encoding" in refused(b'<?xml version="1.0" encoding="nonsense"?><a/>').message.lower()


def test_declared_encodings_are_honoured():
    assert parse('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>'.encode("latin-1"), name="x").getroot().text == "é"
    assert parse('<?xml version="1.0" encoding="UTF-16"?><a>é</a>'.encode("utf-16"), name="x").getroot().text == "é"


def test_depth_limit_matches_saxon():
    parse(b"<a>" * MAX_DEPTH + b"</a>" * MAX_DEPTH, name="x")
    error = refused(b"<a>" * (MAX_DEPTH + 1) + b"</a>" * (MAX_DEPTH + 1))
    assert str(MAX_DEPTH) in error.message
    refused(b"<a>" * 5000 + b"</a>" * 5000)


def test_attribute_limit_matches_saxon():
    def element(n, ns=0):
        attributes = [f'x{i}="1"' for i in range(n)] + [f'xmlns:p{i}="u{i}"' for i in range(ns)]
        return f"<r><a {' '.join(attributes)}/></r>".encode()

    parse(element(MAX_ATTRIBUTES), name="x")
    assert refused(element(MAX_ATTRIBUTES + 1)).line == 1
    refused(element(MAX_ATTRIBUTES - 1, ns=2))


def test_size_limit(monkeypatch):
    import pipeline.safexml as safexml

    monkeypatch.setattr(safexml, "MAX_BYTES", 100)
    with pytest.raises(XMLInputError, match="bytes"):
        safexml.parse(b"<a>" + b"x" * 200 + b"</a>", name="x")


@pytest.mark.parametrize("data", [b"", b"   ", b"hello", b"<a><b>", b"<a></b>", b"\x00\x01", b"<?xml version='1.0'?>"])
def test_malformed_input_gives_a_message_not_a_traceback(data):
    refused(data)


def test_rejects_str():
    with pytest.raises(TypeError):
        parse("<a/>", name="x")  # type: ignore[arg-type]


def test_duplicate_ids_are_left_to_validation():
    tree = parse(b'<a><b xml:id="x"/><b xml:id="x"/></a>', name="x")
    assert len(tree.getroot()) == 2


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?>\n<!-- c -->\n<?pi x?>\n<!DOCTYPE a SYSTEM "/etc/passwd">\n<a/>',
        b'\xef\xbb\xbf<!DOCTYPE a SYSTEM "/etc/passwd"><a/>',
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a SYSTEM "/etc/passwd"><a/>'.encode("utf-16"),
        '<!DOCTYPE a SYSTEM "/etc/passwd"><a/>'.encode("utf-16-le"),
        '<!DOCTYPE a SYSTEM "/etc/passwd"><a/>'.encode("utf-32"),
    ],
)
def test_doctype_refused_in_any_encoding(data):
    assert "DOCTYPE" in refused(data).message
