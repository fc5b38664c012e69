"""What a transcript's conversion reads beside it: its editors' decisions and the folder's catalogue.

`sources/NAME.txt` has its decisions in `sources/NAME.decisions.toml` and its catalogue row in
`sources/catalogue.csv`. Like transcripts, both must be regular files (a symbolic link is not read).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.convert.catalogue import Entry, read_catalogue

CATALOGUE_NAME = "catalogue.csv"
DECISIONS_SUFFIX = ".decisions.toml"


@dataclass(frozen=True)
class Editorial:
    """A transcript's decisions file (bytes) and catalogue entry, either possibly absent."""

    decisions: bytes | None = None
    catalogue: Entry | None = None

    def digest(self) -> str:
        """What changes when the decisions or the catalogue entry change (for incremental builds)."""
        return hashlib.sha256(repr((self.decisions, self.catalogue)).encode()).hexdigest()[:16]


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def decisions_path(source: Path) -> Path:
    return source.with_name(source.stem + DECISIONS_SUFFIX)


def editorial_inputs(source: Path, catalogues: dict[Path, dict[str, Entry]] | None = None) -> Editorial:
    """The decisions and catalogue entry of a transcript; `catalogues` caches each folder's catalogue.

    Raises CatalogueError (located) for an unreadable catalogue, OSError for an unreadable file."""
    decisions = decisions_path(source)
    folder = source.parent
    cache = catalogues if catalogues is not None else {}
    if folder not in cache:
        catalogue = folder / CATALOGUE_NAME
        cache[folder] = read_catalogue(catalogue.read_bytes(), str(catalogue)) if _regular(catalogue) else {}
    return Editorial(decisions.read_bytes() if _regular(decisions) else None, cache[folder].get(source.name))
