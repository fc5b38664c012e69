"""Fixtures for the build engine's tests: a project folder with transcripts and the fake toolchain."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder (cwd) with sources/, the fake toolchain's code/, and nothing built."""
    code = tmp_path / "code"
    code.mkdir()
    for name, text in {"convert.txt": "conv-1", "web.txt": "web-1", "print.txt": "print-1", "schema.odd": "odd-1",
                       "compiled.rng": "compiled from odd-1"}.items():  # the schema compiled, as committed
        (code / name).write_text(text)
    (tmp_path / "sources").mkdir()
    for i in range(6):
        (tmp_path / "sources" / f"doc{i:02d}.txt").write_text(
            f"Letter {i}\nDATE 19{80 + i % 3}-0{1 + i % 9}-1{i % 9}\nHAND hand-CDP\nCARD temporarily-retained\n"
        )
    monkeypatch.setenv("BUILD_FAKE_CODE", str(code))
    monkeypatch.chdir(tmp_path)
    return tmp_path
