"""The build's outputs: staged privately, published in one exchange with their state and report.

The publisher owns the output directory for one build: it holds its lock
(resolved through symlinks), removes what killed builds left (staging
directories, temporary files), stages every output in a private copy, and
publishes the copy with the build's state, its report (report.json and
report.html, from one report) and its digest cache in one atomic exchange.
Nothing is ever written into the published directory itself, so a report
always describes the outputs beside it, and nothing temporary is published.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from pipeline.builder.lock import OutputLock
from pipeline.builder.staging import Staging, _explain, _prefix, clean_leftovers
from pipeline.builder.state import STATE_NAME
from pipeline.builder.toolchain import EnvironmentProblem

REPORT_JSON = "report.json"
REPORT_HTML = "report.html"
#: File digests of the last build (a cache: published with the outputs, not part of them).
HASHES_NAME = ".pipeline-hashes.json"
RESERVED = frozenset({REPORT_JSON, REPORT_HTML, STATE_NAME, HASHES_NAME})
#: Files of a target kept for later steps but not part of the edition (e.g. search passages).
PRIVATE = ".cache/"


def unsafe(relative: str) -> str | None:
    """Why a step may not write `relative` in the output directory, or None."""
    if not relative or relative.startswith("/") or "\\" in relative or "\0" in relative:
        return "not a relative path"
    parts = relative.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "leaves the output directory"
    if relative in RESERVED or (parts[0].startswith(".") and not relative.startswith(PRIVATE)):
        return "reserved by the build"
    return None


class Publisher:
    """One build's hold on its output directory: `with Publisher(out) as publisher: ...`."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = Path(output_dir).resolve()  # a symlinked output is published where it points
        self.staging: Staging | None = None
        self.owners: dict[str, str] = {}  # output path -> the target that made it, this build
        self._lock = OutputLock(self.output_dir)
        self._work: Path | None = None

    def __enter__(self) -> Publisher:
        self._lock.__enter__()
        try:
            clean_leftovers(self.output_dir)
        except OSError as error:
            self._lock.__exit__()
            raise EnvironmentProblem(_explain(error, f"cannot clean up {self.output_dir}")) from None
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._work is not None:
                shutil.rmtree(self._work, ignore_errors=True)
                self._work = None
            if self.staging is not None:
                self.staging.discard()
                self.staging = None
        finally:
            self._lock.__exit__()

    # ---- outputs ----------------------------------------------------------------------------

    def _staged(self) -> Staging:
        if self.staging is None:
            self.staging = Staging(self.output_dir)
            self.staging.create()
        return self.staging

    def _base(self) -> Path:
        return self.staging.path if self.staging is not None else self.output_dir

    def published(self, relative: str) -> bool:
        """Whether an output is there (os.path, not pathlib: a no-op build asks this of every output)."""
        return os.path.isfile(os.path.join(self._base(), relative))

    def read(self, relative: str) -> bytes:
        return (self._base() / relative).read_bytes()

    def path(self, relative: str) -> Path:
        """Where an output is now (staged, or published): a step may read it there during this build."""
        return self._base() / relative

    def work_folder(self) -> Path:
        """A folder beside the output directory where a step may write an output as a file (moved
        into the outputs when gathered, see move); removed at the end, or by the next build if killed."""
        if self._work is None:
            try:
                self.output_dir.parent.mkdir(parents=True, exist_ok=True)
                self._work = Path(tempfile.mkdtemp(prefix=_prefix(self.output_dir, "work"), dir=self.output_dir.parent))
            except OSError as error:
                raise EnvironmentProblem(_explain(error, f"cannot make a work folder next to {self.output_dir}")) from None
        return self._work

    def claim(self, relative: str, owner: str) -> None:
        """Record that `owner` made (or keeps) an output."""
        self.owners[relative] = owner

    def refusal(self, outputs, owner: str) -> str | None:
        """Why these outputs cannot be written (an unsafe path, another target's file), or None."""
        for relative in outputs:
            problem = unsafe(relative)
            if problem:
                return f"refused output {relative!r}: {problem}"
            if self.owners.get(relative, owner) != owner:
                return f"output {relative} is also made by {self.owners[relative]}"
        return None

    def write(self, relative: str, data: bytes, owner: str) -> None:
        self._staged().write(relative, data)
        self.owners[relative] = owner

    def move(self, relative: str, path: Path, owner: str) -> None:
        """Stage a file a step wrote in the work folder as the output `relative`."""
        self._staged().move_in(relative, path)
        self.owners[relative] = owner

    def remove(self, relative: str) -> None:
        self._staged().remove(relative)

    def remove_unless_owned(self, relative: str, owner: str) -> None:
        """Remove an output `owner` made before, unless another target made it this time."""
        if self.owners.get(relative, owner) == owner:
            self.remove(relative)

    # ---- the publish ------------------------------------------------------------------------

    def publish(self, files: dict[str, bytes], gone: set[str],
                report: Callable[[], dict[str, bytes]] = dict) -> None:
        """Publish the staged outputs with the build's own files (state, cache), `gone` removed, and the
        report's files, made last (`report()`), in the same exchange."""
        staging = self._staged()
        for name, data in files.items():
            staging.write(name, data)
        for relative in sorted(gone):
            staging.remove(relative)
        for name, data in report().items():
            staging.write(name, data)
        try:
            staging.publish()
        except OSError as error:
            raise EnvironmentProblem(_explain(error, f"cannot publish {self.output_dir}")) from None
        self.staging = None
