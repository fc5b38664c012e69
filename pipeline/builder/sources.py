"""Which files are transcripts: the one rule of `pipeline convert` and `pipeline build` (and of the build's TEI files).

A transcript is a regular file whose name ends in `.txt` (and does not start
with a dot), named on the command line or found in a folder searched
recursively. Symbolic links and special files (FIFOs, devices, sockets) are
skipped with a warning, wherever they are: a link could put any file of the
machine into the edition. Folders are not entered through links either, nor
hidden folders. A transcript is read without following a link (`O_NOFOLLOW`)
and only if what was opened is a regular file, so a file swapped for a link
after it was found is not read either.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path


class NotATranscript(OSError):
    """A path found as a transcript is no longer a regular file when it is read."""


@dataclass
class Found:
    """What a search found: the transcripts, and one warning per file skipped."""

    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not a transcript, or None when it is a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def check_named(path: Path, found: Found) -> bool:
    """A transcript named on the command line: True if it is one; a warning if it is a link or special file."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    why = _kind(mode)
    if why is None:
        found.files.append(path)
        return True
    if not stat.S_ISDIR(mode):
        found.skipped.append(f"{path}: skipped, {why} (inputs must be regular files)")
        return True
    return False


def search_folder(folder: Path, suffix: str, found: Found, skip: Path | None = None) -> None:
    """Add the files ending in `suffix` under `folder` (recursively, entering no link nor hidden folder)."""
    for root, dirnames, filenames in os.walk(folder):  # os.walk enters no linked folder
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and not os.path.islink(os.path.join(root, d))
            and (skip is None or Path(root, d).resolve() != skip)
        )
        for name in sorted(filenames):
            if not name.endswith(suffix) or name.startswith("."):
                continue
            path = Path(root, name)
            try:
                why = _kind(os.lstat(path).st_mode)
            except OSError:
                continue
            if why is None:
                found.files.append(path)
            else:
                found.skipped.append(f"{path}: skipped, {why} (inputs must be regular files)")


def list_folder(folder: Path, suffix: str, found: Found) -> None:
    """Add the files ending in `suffix` directly in `folder` (not in its subfolders), by the same rule."""
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not entry.name.endswith(suffix) or entry.name.startswith("."):
            continue
        why = _kind(entry.stat(follow_symlinks=False).st_mode)
        if why is None:
            found.files.append(Path(entry.path))
        elif why != "a folder":
            found.skipped.append(f"{entry.path}: skipped, {why} (inputs must be regular files)")


def read_transcript(path: Path) -> bytes:
    """A transcript's bytes, read only from a regular file and never through a link."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotATranscript(error.errno, "a symbolic link, not read", str(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotATranscript(0, f"{_kind(info.st_mode)}, not read", str(path))
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(fd)
