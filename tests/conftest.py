"""Shared test configuration: paths, the golden-file accept switch, the reference validator."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
TEI_ALL = ROOT / ".cache" / "tei_all.rng"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--accept-golden", action="store_true", help="Rewrite golden files from the current output (review the diff!).")


@pytest.fixture(scope="session")
def accept_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--accept-golden"))


@pytest.fixture(scope="session")
def jing() -> str:
    """The reference RELAX NG validator (Debian's jing, installed by scripts/setup)."""
    path = shutil.which("jing")
    if path is None:
        pytest.fail("jing is not installed: run scripts/setup")
    return path


@pytest.fixture(scope="session")
def tei_all() -> Path:
    if not TEI_ALL.is_file():
        pytest.fail(f"{TEI_ALL} is missing: run scripts/setup")
    return TEI_ALL
