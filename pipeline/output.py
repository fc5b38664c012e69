"""Writing TEI files without ever losing an editor's work.

`tei/` is the edition: editors correct it by hand. The converter records the
SHA-256 of every file it writes, and never overwrites a file whose bytes match
no hash it recorded for it (or that it never recorded): such a file was edited
after it was generated. `--force` replaces it, after a backup.

The record is `.generated.json` ({file: sha256}). A write first appends
`{"file", "writing": new hash}` to a journal beside it (`.generated.journal`,
flushed to disk), then replaces the file, then the record, then deletes the
journal: a build killed at any point leaves the file with a hash the record
(with the journal) accepts, so it never looks hand-edited, and at rest there
is only the record. Every file is written to a temporary file beside it and
renamed into place, so none is ever half-written.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

MANIFEST = ".generated.json"
JOURNAL = ".generated.journal"


class HandEditedError(Exception):
    """The TEI file was edited after it was generated; str() names it."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _snapshot(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _journal(folder: Path) -> list[dict]:
    try:
        lines = (folder / JOURNAL).read_text("utf-8").splitlines()
    except OSError:
        return []
    entries = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:  # a line cut short by a kill: the write it began never started
            continue
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            entries.append(entry)
    return entries


def accepted_hashes(folder: Path) -> dict[str, set[str]]:
    """For each generated file, the hashes it may have and still be as generated."""
    accepted = {name: {digest} for name, digest in _snapshot(folder).items()}
    for entry in _journal(folder):
        if isinstance(entry.get("writing"), str):
            accepted.setdefault(entry["file"], set()).add(entry["writing"])
    return accepted


def _recover(folder: Path) -> None:
    """After a killed write: record the files that hold what was being written, and drop the journal."""
    if not (folder / JOURNAL).exists():
        return
    finished = {}
    for entry in _journal(folder):
        path = folder / entry["file"]
        if isinstance(entry.get("writing"), str) and path.is_file() and sha256(path.read_bytes()) == entry["writing"]:
            finished[entry["file"]] = entry["writing"]
    _settle(folder, finished)


def read_manifest(folder: Path) -> dict[str, str]:
    """{file: sha256} of the generated files (for a file being written, one of its accepted hashes)."""
    return {name: sorted(hashes)[0] for name, hashes in accepted_hashes(folder).items() if hashes}


def is_hand_edited(path: Path, accepted: dict[str, set[str]] | None = None) -> bool:
    """Whether an existing file differs from what the converter wrote there."""
    if not path.exists():
        return False
    hashes = (accepted if accepted is not None else accepted_hashes(path.parent)).get(path.name, set())
    return sha256(path.read_bytes()) not in hashes


def write_tei(path: Path, data: bytes, *, force: bool = False) -> str:
    """Write a generated TEI file; returns "unchanged", "written" or "replaced (backup: NAME)".

    Raises HandEditedError, leaving the file byte-identical, when it was edited by hand and not `force`.
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    _recover(folder)
    accepted = accepted_hashes(folder)
    digest = sha256(data)
    outcome = "written"
    if path.exists():
        current = path.read_bytes()
        if current == data:
            if accepted.get(path.name) != {digest}:
                _settle(folder, {path.name: digest})
            return "unchanged"
        if sha256(current) not in accepted.get(path.name, set()):
            if not force:
                raise HandEditedError(f"{path}: edited by hand since it was generated; not overwritten (use --force to replace it, keeping a backup)")
            backup = _backup_path(path)
            atomic_write(backup, current)
            outcome = f"replaced (backup: {backup.name})"
    _append(folder, {"file": path.name, "writing": digest})
    atomic_write(path, data)
    _settle(folder, {path.name: digest})
    return outcome


def remove_tei(path: Path) -> bool:
    """Remove a generated file (its transcript is gone); False, leaving it, if it was edited by hand."""
    path = Path(path)
    if not path.exists():
        return True
    _recover(path.parent)
    if is_hand_edited(path):
        return False
    path.unlink()
    _settle(path.parent, {path.name: None})
    return True


def _append(folder: Path, entry: dict) -> None:
    """Append one entry to the journal, flushed to disk before anything else changes."""
    with open(folder / JOURNAL, "a", encoding="utf-8") as stream:
        stream.write(json.dumps(entry, sort_keys=True) + "\n")
        stream.flush()
        os.fsync(stream.fileno())


def _settle(folder: Path, changes: dict[str, str | None]) -> None:
    """Record files as written (a hash) or removed (None) in the snapshot, then drop the journal."""
    record = _snapshot(folder)
    for name, digest in changes.items():
        if digest is None:
            record.pop(name, None)
        else:
            record[name] = digest
    atomic_write(folder / MANIFEST, (json.dumps(dict(sorted(record.items())), indent=1) + "\n").encode("utf-8"))
    (folder / JOURNAL).unlink(missing_ok=True)


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
