"""Content hashes: of bytes, files, directory trees, and of several hashes together."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

#: Names never part of a code or stylesheet fingerprint.
_IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache"}
_IGNORED_SUFFIXES = (".pyc", ".pyo", "~", ".swp")


def digest_bytes(data: bytes) -> str:
    """The SHA-256 of `data`, in hex."""
    return hashlib.sha256(data).hexdigest()


def digest_file(path: Path) -> str:
    """The SHA-256 of a file's content, in hex."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def combine(*parts: object) -> str:
    """One hash standing for several values (strings, hashes, numbers), order kept."""
    h = hashlib.sha256()
    for part in parts:
        text = str(part).encode("utf-8", "surrogateescape")
        h.update(len(text).to_bytes(8, "big"))
        h.update(text)
    return h.hexdigest()


def tree_files(root: Path) -> list[Path]:
    """Every regular file under `root` (or `root` itself), sorted, skipping caches."""
    if root.is_file():
        return [root]
    found: list[Path] = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _IGNORED_PARTS and not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(_IGNORED_SUFFIXES) or name.startswith("."):
                continue
            found.append(Path(directory, name))
    return found


def digest_paths(paths: Iterable[Path], base: Path, cache: "DigestCache | None" = None) -> str:
    """One hash for the names (relative to `base`) and contents of every file under `paths`.

    A missing path counts as empty, so a step whose code has not been written
    yet still has a fingerprint, and a new file changes it.
    """
    h = hashlib.sha256()
    for root in paths:
        h.update(b"\0root\0" + str(root).encode())
        if not root.exists():
            continue
        for path in tree_files(root):
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                rel = path.as_posix()
            h.update(b"\0file\0" + rel.encode("utf-8", "surrogateescape") + b"\0")
            h.update((cache.digest(path)[0] if cache is not None else digest_file(path)).encode())
    return h.hexdigest()


def library_versions(names: Iterable[str]) -> dict[str, str]:
    """The installed versions of Python distributions, read from their dist-info folder names.

    Much cheaper than importlib.metadata (one directory listing per sys.path
    entry); a distribution that is not installed is "absent".
    """
    import re
    import sys

    wanted = {re.sub(r"[-_.]+", "_", n).lower(): n for n in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for item in listing:
            if not item.endswith(".dist-info"):
                continue
            stem = item[: -len(".dist-info")]
            name, _, version = stem.partition("-")
            key = re.sub(r"[-_.]+", "_", name).lower()
            if key in wanted and wanted[key] not in found:
                found[wanted[key]] = version
    return {n: found.get(n, "absent") for n in names}


class DigestCache:
    """File digests remembered with the file's size, times and inode, as git's index does.

    A file whose `stat` is unchanged is not read again; one that was touched
    is read and hashed again (and gives the same digest if its content is the
    same). Kept in a small JSON file; entries not asked for in a run are dropped.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._old: dict[str, list] = {}
        self._new: dict[str, list] = {}
        if path is not None:
            try:
                import json

                loaded = json.loads(path.read_bytes())
                if isinstance(loaded, dict):
                    self._old = loaded
            except (OSError, ValueError):
                pass

    def digest(self, path: Path, *, regular_only: bool = False) -> tuple[str, bytes | None]:
        """The file's SHA-256, and its bytes when it had to be read (else None).

        `regular_only`: the file is read only if it is a regular file, never through a link (a
        transcript: pipeline.builder.sources); otherwise OSError.
        """
        key = os.path.abspath(path)
        st = os.lstat(key) if regular_only else os.stat(key)
        signature = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        known = self._new.get(key) or self._old.get(key)
        if known is not None and known[:4] == signature and (not regular_only or stat.S_ISREG(st.st_mode)):
            self._new[key] = known
            return known[4], None
        if regular_only:
            from pipeline.builder.sources import read_transcript

            data = read_transcript(Path(key))
        else:
            with open(key, "rb") as handle:
                data = handle.read()
        digest = digest_bytes(data)
        self._new[key] = signature + [digest]
        return digest, data

    def dump(self) -> bytes:
        """The cache as its file holds it (published with the build's outputs)."""
        import json

        return json.dumps(self._new, separators=(",", ":")).encode()
