"""Shared fixtures for the validator's tests: one validator and one XSD per session."""

from __future__ import annotations

import pytest

from validation_corpus import COMPILED


@pytest.fixture(scope="session")
def validator():
    from pipeline.validate import Validator

    return Validator()


@pytest.fixture(scope="session")
def xsd():
    import xmlschema

    return xmlschema.XMLSchema(str(COMPILED / "pmo.xsd"), allow="local")
