"""The folder where `pipeline print` keeps each file's typeset part until the edition is bound.

It lies beside the output folder (`.NAME.print-work-XXXX` in its parent), not in /tmp, so that what a
killed run leaves is found by the next one: the live run holds a lock on the folder's `lock` file,
and a run removes every such folder whose lock nobody holds. SIGTERM ends a run as Ctrl-C does, so
the folder goes with it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
from pathlib import Path

_LOCK = "lock"


def _prefix(out: Path) -> str:
    return f".{out.name}.print-work-"


def clean_stale(out: Path) -> list[Path]:
    """Remove the work folders of earlier runs into `out` that are no longer running."""
    out = Path(os.path.abspath(out))
    removed = []
    if not out.parent.is_dir():
        return removed
    for folder in sorted(out.parent.glob(_prefix(out) + "*")):
        if folder.is_symlink() or not folder.is_dir():
            continue
        try:
            fd = os.open(folder / _LOCK, os.O_RDONLY)
        except FileNotFoundError:
            fd = None  # killed before it took its lock: only a run being made right now has none
        except OSError:
            continue
        try:
            if fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a live run's
            elif _young(folder):
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            if fd is not None:
                os.close(fd)
    return removed


def _young(folder: Path, seconds: float = 60.0) -> bool:
    """Whether a folder was made in the last minute (a lock-less one may be a run starting)."""
    import time

    try:
        return time.time() - folder.stat().st_mtime < seconds
    except OSError:
        return False


class WorkFolder:
    """`with WorkFolder(out) as folder:` a fresh folder beside `out`, locked while in use, removed at the
    end (also on Ctrl-C or SIGTERM); earlier runs' stale folders are removed first."""

    def __init__(self, out: Path) -> None:
        self.out = Path(os.path.abspath(out))

    def __enter__(self) -> Path:
        clean_stale(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=_prefix(self.out), dir=self.out.parent))
        self._fd = os.open(self.path / _LOCK, os.O_WRONLY | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        self._previous = signal.getsignal(signal.SIGTERM)
        if self._previous in (signal.SIG_DFL, None):
            signal.signal(signal.SIGTERM, _interrupt)
        return self.path

    def __exit__(self, *exc: object) -> None:
        try:
            shutil.rmtree(self.path, ignore_errors=True)
            os.close(self._fd)
        finally:
            if self._previous in (signal.SIG_DFL, None):
                signal.signal(signal.SIGTERM, self._previous)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
