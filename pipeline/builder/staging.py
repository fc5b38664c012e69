"""A private copy of the output directory, changed freely, then swapped in with one rename.

The copy starts as hard links to the published files (cheap, whatever the
edition's size); a file is only ever replaced in it by unlinking first, so
the published inode is never written. Publishing exchanges the two
directories atomically (Linux renameat2 RENAME_EXCHANGE); where that is not
available, two renames, which the next build repairs if it is killed between
them. A killed build leaves a staging directory behind; the next one removes it.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from pipeline.builder.toolchain import EnvironmentProblem
from pipeline.output import TEMPORARY_PREFIX

#: Called as hook(point, path) at each write point of a publish: "staged", "written", "before-exchange",
#: "half-exchanged" (the fallback's two renames), "exchanged". For tests: a hook may end the process there.
publish_hooks: list = []


def _point(name: str, path: Path) -> None:
    for hook in list(publish_hooks):
        hook(name, path)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _prefix(output_dir: Path, kind: str) -> str:
    return f".{output_dir.name}.{kind}-"


def is_temporary(name: str) -> bool:
    """Whether a file name is a temporary file's (ours, or an earlier version's `.NAME.PID.tmp`)."""
    return name.startswith(TEMPORARY_PREFIX) or (name.startswith(".") and name.endswith(".tmp"))


def clean_leftovers(output_dir: Path) -> list[Path]:
    """Remove what killed builds left beside and in `output_dir`; restore it if a publish was cut in half."""
    parent = output_dir.parent
    if not parent.is_dir():
        return []
    removed = []
    olds = sorted(parent.glob(_prefix(output_dir, "old") + "*"))
    if olds and not output_dir.exists():
        os.rename(olds[-1], output_dir)  # killed between the two renames of the fallback publish
        olds = olds[:-1]
    for path in olds + sorted(parent.glob(_prefix(output_dir, "staging") + "*")) + sorted(parent.glob(_prefix(output_dir, "work") + "*")):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    if output_dir.is_dir():
        for entry in os.scandir(output_dir):
            if is_temporary(entry.name) and not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


class Staging:
    """The next version of the output directory, being made."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.path = output_dir.parent / (_prefix(output_dir, "staging") + os.urandom(6).hex())
        self._made_dirs: set[Path] = set()

    def create(self) -> None:
        """Make the staging directory as hard links to the published outputs."""
        try:
            if self.output_dir.is_dir():
                shutil.copytree(self.output_dir, self.path, copy_function=_link_or_copy, symlinks=True,
                                ignore=_temporaries)
            else:
                self.path.mkdir(parents=True)
        except OSError as error:
            self.discard()
            raise EnvironmentProblem(_explain(error, f"cannot prepare the new outputs next to {self.output_dir}")) from None
        _point("staged", self.path)

    def write(self, relative: str, data: bytes) -> None:
        """Put a file in the staging directory (never writing through to a published file)."""
        target = self.path / relative
        try:
            parent = target.parent
            if parent not in self._made_dirs:
                parent.mkdir(parents=True, exist_ok=True)
                self._made_dirs.add(parent)
            try:
                target.unlink()
            except FileNotFoundError:
                pass
            with open(target, "xb") as handle:
                handle.write(data)
            _point("written", target)
        except OSError as error:
            raise EnvironmentProblem(_explain(error, f"cannot write {relative}")) from None

    def move_in(self, relative: str, path: Path) -> None:
        """Put a file made elsewhere on this file system (a step's work folder) in the staging directory."""
        target = self.path / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(target.parent)
            os.replace(path, target)  # replaces the link to a published file, never writes through it
            _point("written", target)
        except OSError as error:
            raise EnvironmentProblem(_explain(error, f"cannot write {relative}")) from None

    def remove(self, relative: str) -> None:
        """Drop a file from the staging directory, and the folders it leaves empty."""
        target = self.path / relative
        try:
            target.unlink()
        except FileNotFoundError:
            return
        except OSError as error:
            raise EnvironmentProblem(_explain(error, f"cannot remove {relative}")) from None
        parent = target.parent
        while parent != self.path:
            try:
                parent.rmdir()
            except OSError:
                break
            self._made_dirs.discard(parent)
            parent = parent.parent

    def exists(self, relative: str) -> bool:
        return (self.path / relative).is_file()

    def publish(self) -> None:
        """Make the staging directory the output directory, in one step; then drop the old one."""
        _point("before-exchange", self.path)
        if not self.output_dir.exists():
            os.rename(self.path, self.output_dir)
            _point("exchanged", self.output_dir)
            return
        if _exchange(self.path, self.output_dir):
            _point("exchanged", self.output_dir)
            shutil.rmtree(self.path, ignore_errors=True)  # now the previous outputs
            return
        old = self.output_dir.parent / (_prefix(self.output_dir, "old") + os.urandom(6).hex())
        os.rename(self.output_dir, old)
        _point("half-exchanged", self.output_dir)
        os.rename(self.path, self.output_dir)
        _point("exchanged", self.output_dir)
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _temporaries(directory: str, names: list[str]) -> list[str]:
    """Never carried into a new version of the outputs: temporary files."""
    return [name for name in names if is_temporary(name)]


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


_libc = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically; False where the system cannot."""
    global _libc
    import ctypes

    try:
        if _libc is None:
            _libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = _libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise EnvironmentProblem(_explain(OSError(err, os.strerror(err)), f"cannot publish {b}"))


def _explain(error: OSError, what: str) -> str:
    """A one-line message for a file-system error, naming the usual causes plainly."""
    if error.errno == errno.ENOSPC:
        return f"{what}: the disk is full (nothing was published; the previous outputs are intact)"
    if error.errno == errno.EDQUOT:
        return f"{what}: disk quota exceeded (nothing was published; the previous outputs are intact)"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{what}: the output location is read-only or not writable ({error.strerror})"
    return f"{what}: {error.strerror or error}"
