"""The build's print-edition step (pipeline.builder.steps): the edition's PDF written as it is bound,
each file's part read from where the build keeps it, the same bytes as the PDF made in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from printpaths import FIXTURES, SAMPLE


@pytest.mark.slow
def test_the_edition_written_into_a_folder_from_kept_parts_is_the_edition_made_in_memory(tmp_path: Path) -> None:
    from pipeline.builder.steps import EditionWorker
    from pipeline.builder.toolchain import SiteDocument

    worker = EditionWorker(frozenset({"print"}))
    kept = tmp_path / "kept"
    kept.mkdir()
    in_memory, on_disk = [], []
    for path in (FIXTURES / "f901_fixture.xml", SAMPLE):
        tei = path.read_bytes()
        outputs = worker.print_document(tei, path.stem)
        private = {relative.removeprefix(".cache/"): data for relative, data in outputs.items() if relative.startswith(".cache/")}
        in_memory.append(SiteDocument(path.stem, tei, None, private))
        paths = {}
        for relative, data in private.items():
            (kept / relative.replace("/", "_")).write_bytes(data)
            paths[relative] = str(kept / relative.replace("/", "_"))
        on_disk.append(SiteDocument(path.stem, tei, None, paths))
    work = tmp_path / "work"
    work.mkdir()
    written = worker.write_print_edition(on_disk, str(work))
    assert list(written) == ["print/edition.pdf"]
    path = written["print/edition.pdf"]
    assert isinstance(path, Path) and path.is_relative_to(work) and path.stat().st_mode & 0o777 == 0o644
    assert path.read_bytes() == worker.print_edition(in_memory)["print/edition.pdf"]
