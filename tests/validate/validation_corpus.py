"""Where the validator's tests find their data (imported by the tests and by conftest)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "validation"
COMPILED = ROOT / "schema" / "compiled"
TEI_ALL = ROOT / ".cache" / "tei_all.rng"


def cases() -> list[dict]:
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
