"""Hostile and broken transcripts: correct TEI with a located warning, or a one-line error and exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from pipeline.convert_cli import convert

ROOT = Path(__file__).resolve().parents[2]


def run(tmp_path: Path, data: bytes, name: str = "900_case.txt"):
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "tei"
    result = CliRunner().invoke(convert, [str(source), "-o", str(out)])
    target = out / (Path(name).stem + ".xml")
    return result, target


def well_formed(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty transcript"),
        (b"   \n\n  \n", "empty transcript"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (b"Good text on line one.\nBad \xff\xfe byte on line two.\n", "line 2: not UTF-8"),
    ],
    ids=["empty", "blank", "binary", "invalid-utf8"],
)
def test_refused_with_one_line_and_no_output(tmp_path: Path, data: bytes, message: str) -> None:
    result, target = run(tmp_path, data)
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not target.exists()


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        (b"A line of text.\r\nAnother line of text.\r\n", "line-endings", 1),
        (b"A line of text.\rAnother line of text.\r", "line-endings", 1),
        (b"Text on the first line.\n\nA form feed \x0c and a backspace \x08 here.\n", "control-character", 3),
        (b"Some ~~struck text never closed on this line.\n", "unmatched-strike", 1),
        (b"First line.\n\nAn <sup>insertion never closed here.\n", "unmatched-sup", 3),
        (b"First line.\n\nA closing </sup> with no opening.\n", "unmatched-sup", 3),
    ],
    ids=["crlf", "cr", "control", "unmatched-strike", "unmatched-sup", "stray-close-sup"],
)
def test_repaired_with_a_located_warning(tmp_path: Path, data: bytes, code: str, line: int) -> None:
    result, target = run(tmp_path, data)
    assert result.exit_code == 0, result.stderr
    assert f"900_case.txt:{line}: warning:" in result.stderr and f"[{code}]" in result.stderr
    well_formed(target)


def test_raw_script_is_text(tmp_path: Path) -> None:
    result, target = run(tmp_path, b"A letter with <script>alert(1)</script> and <b onclick=x>bold</b> in it for good measure.\n")
    assert result.exit_code == 0
    root = well_formed(target)
    text = "".join(root.itertext())
    assert "<script>alert(1)</script>" in text
    assert not root.xpath("//*[local-name()='script' or local-name()='b']")


def test_a_2_mb_line_is_refused_by_line(tmp_path: Path) -> None:
    data = b"A short first line.\n" + b"word " * (2 * 1024 * 1024 // 5) + b"\n"
    result, target = run(tmp_path, data)
    assert result.exit_code == 1
    assert "line 2:" in result.stderr and "limit" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not target.exists()


def test_a_transcript_over_the_size_limit_is_refused_up_front(tmp_path: Path) -> None:
    """One size story: a transcript over 16 MiB would make TEI over what validate and the build accept."""
    data = b"A line of an enormous transcript.\n" * (17 * 1024 * 1024 // 34)
    result, target = run(tmp_path, data)
    assert result.exit_code == 1
    assert "the limit is 16,777,216" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not target.exists()


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    result, target = run(tmp_path, "Dear Charles,\n\nA letter’s text.\n".encode("utf-16"))
    assert result.exit_code == 0, result.stderr
    assert "UTF-16" in result.stderr
    assert "A letter’s text." in "".join(well_formed(target).itertext())


def test_long_paragraph_within_the_limit(tmp_path: Path) -> None:
    result, target = run(tmp_path, b"word " * 150_000 + b"\n")
    assert result.exit_code == 0, result.stderr
    assert well_formed(target).xpath("count(//*[local-name()='body']//*[local-name()='p'])") == 1


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    source = tmp_path / "900_bad.txt"
    source.write_bytes(b"\xff\xfe\x00\x00 binary junk")
    result = subprocess.run([sys.executable, "-m", "pipeline", "convert", str(source), "-o", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.startswith("pipeline convert:")


def test_missing_source_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(convert, [str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.output + result.stderr
