"""One build at a time per output directory: an advisory lock beside it."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from pipeline.builder.toolchain import EnvironmentProblem


class BuildLocked(EnvironmentProblem):
    """Another build holds the output directory."""


class OutputLock:
    """`flock` on `.NAME.lock` next to the output directory (resolved); released on exit, even by a killed build."""

    def __init__(self, output_dir: Path) -> None:
        # Resolved through symlinks: `-o link` and `-o build` of one folder take one lock.
        output_dir = Path(output_dir).resolve()
        self.path = output_dir.parent / f".{output_dir.name}.lock"
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            from pipeline.builder.staging import _explain

            raise EnvironmentProblem(_explain(error, f"cannot create {self.path}")) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            holder = _read_holder(fd)
            os.close(fd)
            if error.errno in (errno.EAGAIN, errno.EACCES):
                who = f" (process {holder})" if holder else ""
                raise BuildLocked(
                    f"another build is running on {self.path.parent / self.path.name[1:-5]}{who}; try again when it ends"
                ) from None
            raise EnvironmentProblem(f"cannot lock {self.path}: {error.strerror}") from None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the pid is only a courtesy to the next build's message
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock
            self._fd = None


def _read_holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
