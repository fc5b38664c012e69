"""What an edition-wide step gets of a document: its TEI read where it is, only if the build made it from that TEI."""

from __future__ import annotations

import pytest

from pipeline.builder.hashing import digest_bytes
from pipeline.builder.toolchain import SiteDocument, StepError


def test_the_tei_is_read_where_it_is_when_it_is_the_one_built(tmp_path) -> None:
    tei = tmp_path / "doc.xml"
    tei.write_bytes(b"<TEI/>")
    document = SiteDocument("doc", None, tei_path=str(tei), tei_hash=digest_bytes(b"<TEI/>"))
    assert document.tei_bytes() == b"<TEI/>"
    tei.write_bytes(b"<TEI>edited meanwhile</TEI>")
    with pytest.raises(StepError, match="changed during the build"):
        document.tei_bytes()


def test_a_tei_given_is_the_one_used() -> None:
    assert SiteDocument("doc", b"<TEI/>").tei_bytes() == b"<TEI/>"
