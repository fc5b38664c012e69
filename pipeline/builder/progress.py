"""What a build says while it runs: a progress bar on a terminal, plain lines in CI, JSON events for machines.

Human output goes to stderr; `--json` events go to stdout, one JSON object a line.
rich is imported only for a terminal, and only once there is work to show.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, TextIO


class Progress:
    """Plain lines: one per finished target, then the summary."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def add(self, extra: int) -> None:
        self.total += extra

    def step(self, document: str, step: str, ok: bool, detail: str = "") -> None:
        self.done += 1
        mark = "ok" if ok else "FAILED"
        suffix = f": {detail}" if detail else ""
        self.stream.write(f"[{self.done}/{self.total}] {step} {document} {mark}{suffix}\n")
        self.stream.flush()

    def note(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def event(self, kind: str, **fields: Any) -> None:
        """A machine event; human modes ignore it."""

    def finish(self) -> None:
        pass


class QuietProgress(Progress):
    """Says only what goes wrong."""

    def step(self, document: str, step: str, ok: bool, detail: str = "") -> None:
        self.done += 1
        if not ok:
            self.stream.write(f"{step} {document} FAILED: {detail}\n")


class JsonProgress(Progress):
    """One JSON object a line on stdout, each with an "event" field and a time since start."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(stream or sys.stdout)
        self._t0 = time.perf_counter()

    def event(self, kind: str, **fields: Any) -> None:
        record = {"event": kind, "t": round(time.perf_counter() - self._t0, 3), **fields}
        self.stream.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        self.stream.flush()

    def start(self, total: int) -> None:
        super().start(total)
        self.event("start", targets=total)

    def add(self, extra: int) -> None:
        if not self.total:
            self.start(extra)
            return
        super().add(extra)
        self.event("planned", targets=self.total)

    def step(self, document: str, step: str, ok: bool, detail: str = "") -> None:
        self.done += 1
        self.event("target", document=document, step=step, ok=ok, detail=detail, done=self.done, total=self.total)

    def note(self, text: str) -> None:
        self.event("note", text=text)


class BarProgress(Progress):
    """A rich progress bar on stderr, with failures printed above it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(stream)
        self._bar = None
        self._task = None

    def start(self, total: int) -> None:
        super().start(total)
        if total == 0:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn

        self._bar = Bar(
            TextColumn("[bold]build[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=Console(file=self.stream), transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("", total=total)

    def add(self, extra: int) -> None:
        super().add(extra)
        if self._bar is None:
            self.start(self.total)
        else:
            self._bar.update(self._task, total=self.total)

    def step(self, document: str, step: str, ok: bool, detail: str = "") -> None:
        self.done += 1
        if self._bar is None:
            return
        if not ok:
            from rich.text import Text

            self._bar.console.print(Text(f"{step} {document} failed: {detail}", style="red"), highlight=False)
        self._bar.update(self._task, advance=1, description=f"{step} {document}")

    def note(self, text: str) -> None:
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False)
        else:
            super().note(text)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def make_progress(mode: str) -> Progress:
    """`auto` (a bar on a terminal, else lines), `plain`, `json` or `quiet`."""
    if mode == "json":
        return JsonProgress()
    if mode == "quiet":
        return QuietProgress()
    if mode == "auto" and sys.stderr.isatty():
        return BarProgress()
    return Progress()
