"""The converter's registers (known hands, offices, markings, closure-card vocabulary), loaded once."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def register(name: str) -> Any:
    """The parsed JSON register `pipeline/convert/data/<name>.json`."""
    return json.loads(resources.files("pipeline.convert.data").joinpath(f"{name}.json").read_text("utf-8"))
