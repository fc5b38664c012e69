"""`pipeline print` end to end, hostile input, and the URL fetcher that reads only the edition's assets."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from printpaths import FIXTURES, ROOT, SAMPLE

PIPELINE = [sys.executable, "-c", "from pipeline.cli import main; main()"]


def _run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*PIPELINE, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_print_writes_each_file_and_the_edition_with_the_same_bytes_as_the_library(printer, tmp_path):
    fixture = FIXTURES / "f901_fixture.xml"
    result = _run("print", SAMPLE, fixture, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["edition.pdf", "f901_fixture.pdf", "sample.pdf"]
    from pipeline.print import read_tei

    files = [read_tei(p.read_bytes(), name=p.name) for p in (fixture, SAMPLE)]
    files.sort(key=lambda f: f.name)
    # another process, the same TEI: the same bytes
    assert (tmp_path / "out" / "edition.pdf").read_bytes() == printer.edition_pdf(files)
    # the books' front and back matter kept beside the output: a second run binds from them, the same bytes
    kept = sorted(p.name.split(".")[0] for p in (tmp_path / ".out.print-cache").glob("*.pdf"))
    assert kept == ["edition-back-edition", "edition-front-edition", "file-back-f901_fixture", "file-back-sample",
                    "file-front-f901_fixture", "file-front-sample", "folios"]
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / ".out.print-cache").iterdir()}
    first = (tmp_path / "out" / "edition.pdf").read_bytes()
    assert _run("print", SAMPLE, fixture, "-o", tmp_path / "out").returncode == 0
    assert (tmp_path / "out" / "edition.pdf").read_bytes() == first
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / ".out.print-cache").iterdir()} == before


def _started(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """`pipeline print` running, once it has made its work folder (beside its output) and a part in it."""
    process = subprocess.Popen([*PIPELINE, "print", SAMPLE, FIXTURES / "f901_fixture.xml", "-o", tmp_path / "out"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        folders = list(tmp_path.glob(".out.print-work-*"))
        if folders and list(folders[0].glob("*.html")):
            return process, folders[0]
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.05)
    process.kill()
    raise AssertionError("no work folder")


@pytest.mark.slow
def test_a_killed_print_leaves_its_work_folder_only_until_the_next_run(tmp_path):
    process, folder = _started(tmp_path)
    children = [int(c) for task in Path(f"/proc/{process.pid}/task").iterdir()
                for c in (task / "children").read_text().split()]
    assert children  # Saxon's and WeasyPrint's processes
    process.kill()
    process.wait()
    assert folder.is_dir()  # beside the output, not in /tmp
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{c}").exists() for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{c}").exists() for c in children), "its processes outlived it"
    result = _run("print", SAMPLE, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob(".out.print-work-*"))


@pytest.mark.slow
def test_a_print_ended_by_sigterm_removes_its_work_folder(tmp_path):
    process, folder = _started(tmp_path)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=120) != 0
    assert "Traceback" not in process.stderr.read().decode()
    assert not folder.exists() and not (tmp_path / "out" / "edition.pdf").exists()


def test_a_running_prints_work_folder_is_not_removed(tmp_path):
    from pipeline.print.workdir import WorkFolder, clean_stale

    with WorkFolder(tmp_path / "out") as folder:
        assert folder.parent == tmp_path and clean_stale(tmp_path / "out") == [] and folder.is_dir()
    assert not folder.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI>&x;</TEI>', "DOCTYPE"),
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", "bad.xml:1"),
        (b"\xff\xfe\x00garbage", "bad.xml"),
    ],
)
def test_hostile_input_is_refused_in_one_line_and_nothing_is_written(tmp_path, content, message):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    result = _run("print", SAMPLE, bad, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_two_files_that_would_make_the_same_pdf_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "sample.xml").write_bytes(SAMPLE.read_bytes())
    result = _run("print", SAMPLE, tmp_path / "a" / "sample.xml", "-o", tmp_path / "out")
    assert result.returncode == 2 and "same PDF" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    result = _run("print", tmp_path / "nothing.xml", "-o", tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_the_fetcher_serves_only_the_editions_assets():
    from pipeline.print.pdf import ASSETS_DIR, PdfMaker, asset_urls

    maker = PdfMaker()
    css = (ASSETS_DIR / "print.css").as_uri()
    assert maker._fetcher.fetch(css).read() == (ASSETS_DIR / "print.css").read_bytes()
    for url in ("file:///etc/passwd", "http://example.com/x.css", "https://example.com/font.otf",
                css.replace("print.css", "../../pyproject.toml"), "data:text/css,body{}", "file://remote/etc/hosts"):
        with pytest.raises(ValueError):
            maker._fetcher.fetch(url)
    assert all(Path(url[len("file://"):]).is_file() for url in asset_urls())


def test_a_page_that_asks_for_other_files_gets_none_of_them():
    from pipeline.print.pdf import PdfMaker

    page = ('<!DOCTYPE html><html lang="en"><head><title>t</title><link rel="stylesheet" href="print.css">'
            '<link rel="stylesheet" href="file:///etc/passwd"><style>@import url("http://example.com/a.css");</style>'
            '</head><body><p>Text <img src="file:///etc/hostname" alt="x"></p>'
            '<iframe src="file:///etc/passwd"></iframe></body></html>')
    pdf = PdfMaker().pdf(page)
    assert pdf.startswith(b"%PDF") and b"root:" not in pdf


def test_a_character_no_font_has_is_an_error_not_a_box():
    from pipeline.print.pdf import MissingGlyphs, PdfMaker

    page = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>Private use: \ue000</p></body></html>'
    with pytest.raises(MissingGlyphs) as caught:
        PdfMaker().pdf(page)
    assert "U+E000" in str(caught.value)


def test_pipeline_help_stays_light():
    code = "import sys; from pipeline.cli import main; from pipeline.print import cli; print('weasyprint' in sys.modules, 'saxonche' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_an_element_the_stylesheets_do_not_know_is_reported_and_its_text_kept(printer):
    from pipeline.print import read_tei

    path = FIXTURES / "structures" / "f902_structures.xml"
    html = printer.paged_html([read_tei(path.read_bytes(), name=path.name)], scope="file")
    assert "unknown element text" in html
    assert any(w.startswith("f902_structures.xml: ") and "unknownThing" in w for w in printer.warnings)
