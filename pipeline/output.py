"""Writing TEI files without ever losing an editor's work.

`tei/` is the edition: editors correct it by hand. The converter records the
SHA-256 of every file it writes, and never overwrites a file whose bytes match
no hash it recorded for it (or that it never recorded): such a file was edited
after it was generated. `--force` replaces it, after a backup.

The record is `.generated.json` ({file: sha256}). Every change to a TEI folder
(`pipeline convert`, `pipeline build`, or a script calling `write_tei`) holds
the folder's lock: an exclusive `flock` on the folder itself (resolved through
symlinks, so two names of one folder are one lock), taken for one file's
check, write and record at a time. So two commands writing one folder at once
never lose each other's entries.

A write first appends `{"file", "writing": new hash}` to a journal beside the
record (`.generated.journal`, flushed to disk), then replaces the file, then
the record, then deletes the journal: a command killed at any point leaves the
file with a hash the record (with the journal) accepts, so it never looks
hand-edited, and at rest there is only the record. Every file is written to a
temporary file beside it (`.pipeline-tmp-…`) and then put in place, so none is
ever half-written; every command writing the folder starts by removing, under
its lock, any temporary file a killed one left (`clean_folder`: none can be in
use, they exist only while their writer holds the lock).

The hand-edit check is repeated at the moment of replacement, which is a
compare-and-swap on the file's hash: the new file is exchanged with the old
one atomically (Linux `renameat2(RENAME_EXCHANGE)`), and if what it replaced
is not what was checked (an editor saved in between), the editor's file is
put back, the new one is written beside it (`NAME.xml.new`) and the write
fails with `EditedDuringWrite`, naming both.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

MANIFEST = ".generated.json"
JOURNAL = ".generated.journal"
#: Every temporary file a command writes starts so; the next command removes those a killed one left.
TEMPORARY_PREFIX = ".pipeline-tmp-"
#: Where the new version goes when an editor saved the file while it was being replaced.
BESIDE_SUFFIX = ".new"

#: Called as hook(point, path) at each write point: "journal", "temporary", "before-replace",
#: "replaced", "recorded". For tests: a hook may edit the file, or end the process, there.
write_hooks: list[Callable[[str, Path], None]] = []


class HandEditedError(Exception):
    """The TEI file was edited after it was generated; str() names it."""


class EditedDuringWrite(HandEditedError):
    """The TEI file was edited while it was being replaced: kept, the new version written beside it."""

    def __init__(self, path: Path, beside: Path) -> None:
        super().__init__(
            f"{path}: edited by hand while it was being replaced; the edited file is kept and the new "
            f"version written beside it, as {beside}"
        )
        self.path = path
        self.beside = beside


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _point(name: str, path: Path) -> None:
    for hook in list(write_hooks):
        hook(name, path)


# ---- the folder's lock, and what killed commands left -------------------------------------------

@contextmanager
def folder_lock(folder: Path):
    """Hold the TEI folder's lock (blocking): a `flock` on the folder, resolved through symlinks.

    Yields the resolved folder.
    """
    folder = Path(folder).resolve()
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        os.close(fd)  # closing releases the lock


def clean_folder(folder: Path) -> list[Path]:
    """What every command writing a TEI folder does first: under its lock, remove the temporary files a
    killed command left, and settle the record of a write it left unfinished. Returns what went."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    with folder_lock(folder) as resolved:
        _recover(resolved)
        return remove_temporaries(resolved)


def remove_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files in `folder` (call with its lock held: none is then in use)."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(TEMPORARY_PREFIX) and not entry.is_dir(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except FileNotFoundError:
                pass
    return removed


# ---- the record ---------------------------------------------------------------------------------


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
    folder = Path(folder)
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
    path = Path(path)
    if not path.exists():
        return False
    hashes = (accepted if accepted is not None else accepted_hashes(path.parent)).get(path.name, set())
    return sha256(path.read_bytes()) not in hashes


# ---- writing and removing -----------------------------------------------------------------------


def write_tei(path: Path, data: bytes, *, force: bool = False) -> str:
    """Write a generated TEI file; returns "unchanged", "written" or "replaced (backup: NAME)".

    Raises HandEditedError, leaving the file byte-identical, when it was edited by hand and not
    `force`; EditedDuringWrite when an editor saved it while it was being replaced.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(path.parent) as folder:
        path = folder / path.name
        _recover(folder)
        accepted = accepted_hashes(folder)
        digest = sha256(data)
        outcome = "written"
        expected = None
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current is not None:
            expected = sha256(current)
            if current == data:
                if accepted.get(path.name) != {digest}:
                    _settle(folder, {path.name: digest})
                return "unchanged"
            if expected not in accepted.get(path.name, set()):
                if not force:
                    raise HandEditedError(f"{path}: edited by hand since it was generated; not overwritten (use --force to replace it, keeping a backup)")
                backup = _backup_path(path)
                atomic_write(backup, current)
                outcome = f"replaced (backup: {backup.name})"
        _append(folder, {"file": path.name, "writing": digest})
        _point("journal", path)
        if not _replace_if_unchanged(path, data, expected):
            beside = path.with_name(path.name + BESIDE_SUFFIX)
            atomic_write(beside, data)
            _settle(folder, {})
            raise EditedDuringWrite(path, beside)
        _point("replaced", path)
        _settle(folder, {path.name: digest})
        _point("recorded", path)
        return outcome


def remove_tei(path: Path) -> bool:
    """Remove a generated file (its transcript is gone); False, leaving it, if it was edited by hand."""
    path = Path(path)
    if not path.exists():
        return True
    with folder_lock(path.parent) as folder:
        path = folder / path.name
        _recover(folder)
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            return True
        if sha256(current) not in accepted_hashes(folder).get(path.name, set()):
            return False
        aside = _temporary_path(path)
        os.rename(path, aside)  # out of place at once; then the same compare-and-swap as a write
        if sha256(aside.read_bytes()) != sha256(current):  # an editor saved it meanwhile: put it back
            _put_back(aside, path)
            return False
        aside.unlink()
        _settle(folder, {path.name: None})
        return True


def _replace_if_unchanged(path: Path, data: bytes, expected: str | None) -> bool:
    """Put `data` at `path` if `path` still holds the bytes hashed `expected` (None: no file).

    False, leaving the file as it is, otherwise. The comparison and the replacement are one step: the
    new file is exchanged with the old one, which is then compared and put back if it was not the one
    checked.
    """
    temporary = _write_temporary(path, data)
    try:
        _point("before-replace", path)
        if expected is None or not path.exists():
            return _create(temporary, path)
        if not _exchange(temporary, path):  # no atomic exchange here: check, then rename at once
            try:
                current = sha256(path.read_bytes())
            except FileNotFoundError:
                return _create(temporary, path)
            if current != expected:
                return False
            os.replace(temporary, path)
            return True
        if sha256(temporary.read_bytes()) == expected:  # `temporary` now holds what was replaced
            return True
        _exchange(temporary, path)  # the editor's file back in place; the new one in `temporary`
        return False
    finally:
        temporary.unlink(missing_ok=True)


def _create(temporary: Path, path: Path) -> bool:
    """Put `temporary` at `path` only if nothing is there (a hard link fails if it is)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links
        if path.exists():
            return False
        os.replace(temporary, path)
    return True


def _put_back(aside: Path, path: Path) -> None:
    """Return a file moved aside to its place; if its place was taken meanwhile, keep it as a backup."""
    if not _create(aside, path):
        os.replace(aside, _backup_path(path))


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


def _temporary_path(path: Path) -> Path:
    return path.with_name(f"{TEMPORARY_PREFIX}{path.name}-{os.urandom(6).hex()}")


def _write_temporary(path: Path, data: bytes) -> Path:
    """Write bytes, flushed to disk, to a new temporary file beside `path`; returns its path."""
    temporary = _temporary_path(path)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _point("temporary", path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    temporary = _write_temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_renameat2 = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two files atomically; False where the system cannot (then nothing changed)."""
    global _renameat2
    import ctypes

    if _renameat2 is None:
        try:
            _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
        except (OSError, AttributeError):
            _renameat2 = False
    if _renameat2 is False:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))
