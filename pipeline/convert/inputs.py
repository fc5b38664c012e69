"""What a transcript's conversion reads beside it: its editors' decisions, the folder's catalogue and
the edition's registers.

`sources/NAME.txt` has its decisions in `sources/NAME.decisions.toml` and its catalogue row in
`sources/catalogue.csv`; the registers are the `*.xml` files of the project's `registers/` folder.
Like transcripts, all must be regular files (a symbolic link is not read).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.convert.catalogue import Entry, read_catalogue
from pipeline.convert.entities import MAX_BYTES, Registers, RegisterError, registers_from

CATALOGUE_NAME = "catalogue.csv"
DECISIONS_SUFFIX = ".decisions.toml"


@dataclass(frozen=True)
class Editorial:
    """A transcript's decisions file (bytes), catalogue entry and the registers' files, each possibly absent."""

    decisions: bytes | None = None
    catalogue: Entry | None = None
    register_files: tuple[tuple[str, bytes], ...] | None = None  # (name, bytes) of each register file

    def digest(self) -> str:
        """What changes when the decisions, the catalogue entry or the registers change (for incremental builds)."""
        return hashlib.sha256(repr((self.decisions, self.catalogue, self.register_files)).encode()).hexdigest()[:16]

    @property
    def registers(self) -> Registers | None:
        """The registers, parsed once per process; RegisterError (located) for a register that cannot be used."""
        return registers_from(self.register_files) if self.register_files is not None else None


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def decisions_path(source: Path) -> Path:
    return source.with_name(source.stem + DECISIONS_SUFFIX)


def editorial_inputs(source: Path, catalogues: dict[Path, dict[str, Entry]] | None = None,
                     registers: Path | None = None) -> Editorial:
    """The decisions and catalogue entry of a transcript, and the register files of the folder
    `registers` (none when it is not given or does not exist); `catalogues` caches each folder's
    catalogue and the registers' files, so each is read once.

    Raises CatalogueError or RegisterError (located) for an unusable catalogue or register, OSError
    for an unreadable file."""
    decisions = decisions_path(source)
    folder = source.parent
    cache = catalogues if catalogues is not None else {}
    if folder not in cache:
        catalogue = folder / CATALOGUE_NAME
        cache[folder] = read_catalogue(catalogue.read_bytes(), str(catalogue)) if _regular(catalogue) else {}
    register_files = None
    if registers is not None:
        key = ("registers", registers)
        if key not in cache:
            cache[key] = read_register_files(registers)
        register_files = cache[key]
    return Editorial(decisions.read_bytes() if _regular(decisions) else None, cache[folder].get(source.name), register_files)


def read_register_files(folder: Path) -> tuple[tuple[str, bytes], ...] | None:
    """(name, bytes) of the register files in a folder (its regular `*.xml` files), None if it does not
    exist; RegisterError for one too large to be a register, and the registers are checked as parsed."""
    if not folder.is_dir():
        return None
    files = []
    for path in sorted(folder.glob("*.xml")):
        if path.is_symlink():
            raise RegisterError(f"{path} is a symbolic link: register files must be regular files in the registers folder")
        if not path.is_file():
            continue
        if path.stat().st_size > MAX_BYTES:
            raise RegisterError(f"{path}: {path.stat().st_size:,} bytes, more than the {MAX_BYTES:,} a register may have")
        files.append((str(path), path.read_bytes()))
    found = tuple(files)
    registers_from(found)  # a register that cannot be used is an error now, once, not once a transcript
    return found
