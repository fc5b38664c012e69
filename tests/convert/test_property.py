"""Any text, and any Markdown-like markup: well-formed TEI, nothing lost, no exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.convert import ConversionError, convert_bytes
from pipeline.convert.decode import decode
from tests.convert.accounting import unaccounted

PIECES = st.sampled_from([
    "~~", "*", "**", "<sup>", "</sup>", "# ", "#### ", "- ", "- (a) ", "1. ", "> ", "-----", "\n", "\n\n", "\n\n\n\n",
    "  \n", "\t", "[REDACTED]", "[ ]", "██", "[withheld under section 40]", "кукчен", "SECRET", "/According",
    "Dear Charles,", "Yours sincerely", "(J S Wall)", "10 DOWNING STREET", "London SW1A 2AA", "21 December 1988",
    "CDP 21/xii", "O 212130Z DEC 88", "FM CABINET OFFICE", "TO THE WHITE HOUSE", "BT", "PRIME MINISTER",
    "DEPARTMENT/SERIES PREM 19 PIECE/ITEM\t", "TEMPORARILY RETAINED\t13/12/16", "CLOSED UNDER FOI EXEMPTION\t",
    "NUMBER NOT USED\t", "<script>", "&amp;", "\\", "`", "[x](y)", "<http://a>", "\x0c", "\r\n", "\r",
])
TEXT = st.lists(st.one_of(PIECES, st.text(min_size=1, max_size=12)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_transcript_converts_whole(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        conversion = convert_bytes(data, "900_property.txt")
    except ConversionError:
        return
    etree.fromstring(conversion.tei)
    lost, invented = unaccounted(decode(data, lambda *_: None), conversion)
    assert not lost and not invented, (lost, invented)
