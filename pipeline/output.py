"""Writing TEI files without ever losing an editor's work.

`tei/` is the edition: editors correct it by hand. The converter records the
SHA-256 of every file it writes in `.generated.json` beside them. A file whose
bytes no longer match that record (or that the record does not know) was
edited after it was generated, and is never overwritten unless forced, and
then only after a backup. Every write goes to a temporary file in the same
folder and is renamed into place, so a file is never half-written.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

MANIFEST = ".generated.json"


class HandEditedError(Exception):
    """The TEI file was edited after it was generated; str() names it."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def is_hand_edited(path: Path, manifest: dict[str, str] | None = None) -> bool:
    """Whether an existing file differs from what the converter last wrote there."""
    if not path.exists():
        return False
    recorded = (manifest if manifest is not None else read_manifest(path.parent)).get(path.name)
    return recorded is None or sha256(path.read_bytes()) != recorded


def write_tei(path: Path, data: bytes, *, force: bool = False) -> str:
    """Write a generated TEI file; returns "unchanged", "written" or "replaced (backup: NAME)".

    Raises HandEditedError, leaving the file byte-identical, when it was edited by hand and not `force`.
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(folder)
    outcome = "written"
    if path.exists():
        current = path.read_bytes()
        if current == data:
            if manifest.get(path.name) != sha256(data):
                manifest[path.name] = sha256(data)
                atomic_write(folder / MANIFEST, _manifest_bytes(manifest))
            return "unchanged"
        if manifest.get(path.name) != sha256(current):
            if not force:
                raise HandEditedError(f"{path}: edited by hand since it was generated; not overwritten (use --force to replace it, keeping a backup)")
            backup = _backup_path(path)
            atomic_write(backup, current)
            outcome = f"replaced (backup: {backup.name})"
    atomic_write(path, data)
    manifest[path.name] = sha256(data)
    atomic_write(folder / MANIFEST, _manifest_bytes(manifest))
    return outcome


def _manifest_bytes(manifest: dict[str, str]) -> bytes:
    return (json.dumps(dict(sorted(manifest.items())), indent=1) + "\n").encode("utf-8")


def _backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak{number}")
        number += 1
    return candidate


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then rename it into place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
