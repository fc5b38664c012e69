"""Paths the web tests share (a module of its own: every test folder has a conftest)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "contract" / "sample.xml"
DATA = Path(__file__).resolve().parent / "data"
ARTIFACTS = ROOT / "test-artifacts" / "web"
#: A stand-in for the guidelines page compiled from the ODD (which is rewritten while the schema is worked on).
GUIDELINES = DATA / "guidelines.html"
