"""Shared fixtures for the ODD's tests: one validator per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def validator():
    from pipeline.validate import Validator

    return Validator()
