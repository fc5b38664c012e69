"""The ODD's digest, which the compiled RELAX NG records: how `pipeline validate` tells a stale schema, cheaply."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path


def odd_digest(odd: Path | str) -> str:
    """The SHA-256 of the ODD's bytes, recorded in the compiled RELAX NG so a stale schema can be told."""
    return hashlib.sha256(Path(odd).read_bytes()).hexdigest()


def recorded_digest(rng: Path | str) -> str | None:
    """The ODD digest a compiled RELAX NG records, or None."""
    try:
        with open(rng, "rb") as stream:
            head = stream.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return None
    found = re.search(r"\(sha256 ([0-9a-f]{64})\)", head)
    return found.group(1) if found else None
