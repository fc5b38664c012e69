"""The five bundled transcripts and the development corpus: golden encodings, tei_all validity,
determinism, nothing lost, no OCR noise in the metadata."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import etree

from pipeline.convert import convert_bytes
from pipeline.convert.decode import decode
from tests.conftest import SOURCES
from tests.convert.accounting import unaccounted

GOLDEN = Path(__file__).parent / "golden"
TRANSCRIPTS = sorted(SOURCES.glob("*.txt")) + sorted((Path(__file__).parent / "dev").glob("dev_*.txt"))
NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def converted() -> dict[str, object]:
    return {path.name: convert_bytes(path.read_bytes(), path.name) for path in TRANSCRIPTS}


def test_the_corpus_is_bundled() -> None:
    assert len(sorted(SOURCES.glob("*.txt"))) == 5 and len(TRANSCRIPTS) == 20


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_no_ocr_noise_in_titles_senders_recipients_or_hands(path: Path, converted: dict) -> None:
    from pipeline.convert.names import noise_share

    root = etree.fromstring(converted[path.name].tei)
    metadata = root.xpath("//t:titleStmt/t:title | //t:correspAction/t:persName | //t:correspAction/t:orgName"
                          " | //t:handNote/t:persName", namespaces=NS)
    noisy = [" ".join(e.itertext()) for e in metadata if noise_share(" ".join(e.itertext())) > 0]
    assert not noisy
    for document in converted[path.name].transcript.documents:
        for name in (document.sender.person, document.addressee.person):
            assert name is None or name[:1].isupper(), name  # a name, not a lower-case OCR misreading


def canonical(data: bytes) -> bytes:
    """C14N of the document, so goldens compare content, not serialisation details."""
    return etree.tostring(etree.fromstring(data), method="c14n")


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_golden_encoding(path: Path, converted: dict, accept_golden: bool) -> None:
    golden = GOLDEN / (path.stem + ".xml")
    tei = converted[path.name].tei
    if accept_golden:
        golden.write_bytes(tei)
    assert golden.is_file(), f"no golden file for {path.name}: run pytest --accept-golden and review the diff"
    assert canonical(tei) == canonical(golden.read_bytes()), f"{path.name} encodes differently from {golden.name}; if on purpose, rerun with --accept-golden and review the diff"


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_byte_identical_on_a_second_run(path: Path, converted: dict) -> None:
    assert convert_bytes(path.read_bytes(), path.name).tei == converted[path.name].tei


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_nothing_is_lost(path: Path, converted: dict) -> None:
    data = path.read_bytes()
    lost, invented = unaccounted(decode(data, lambda *_: None), converted[path.name])
    assert not lost, f"characters of {path.name} missing from the TEI: {dict(lost)}"
    assert not invented, f"characters in the TEI that {path.name} does not have: {dict(invented)}"


def test_all_valid_against_tei_all(converted: dict, tmp_path: Path, jing: str, tei_all: Path) -> None:
    files = []
    for name, conversion in converted.items():
        target = tmp_path / (Path(name).stem + ".xml")
        target.write_bytes(conversion.tei)
        files.append(str(target))
    result = subprocess.run([jing, str(tei_all), *files], capture_output=True, text=True)
    errors = [line for line in result.stdout.splitlines() if "error" in line]
    assert result.returncode == 0 and not errors, "\n".join(errors)


def test_every_document_has_a_type_and_id(converted: dict) -> None:
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    for conversion in converted.values():
        root = etree.fromstring(conversion.tei)
        divs = root.findall("t:text/t:body/t:div", ns)
        assert divs and all(d.get("type") and d.get("{http://www.w3.org/XML/1998/namespace}id") for d in divs)
        ids = {d.get("{http://www.w3.org/XML/1998/namespace}id") for d in divs}
        for corresp in root.findall(".//t:correspDesc", ns):
            assert corresp.get("corresp")[1:] in ids


def test_header_records_source_and_checksum(converted: dict) -> None:
    import hashlib

    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    for path in TRANSCRIPTS:
        root = etree.fromstring(converted[path.name].tei)
        assert root.findtext(".//t:publicationStmt/t:idno[@type='transcript']", namespaces=ns) == path.name
        assert root.findtext(".//t:publicationStmt/t:idno[@type='sha256']", namespaces=ns) == hashlib.sha256(path.read_bytes()).hexdigest()
        assert root.find(".//t:revisionDesc/t:change", ns) is not None
