"""What to rebuild and why: pure decisions from the last build's records and this build's input hashes.

Nothing here reads or writes a file or runs a step: each function takes the
records, the hashes and what is published (as a predicate) and returns a
decision, so that every rule of incremental building is tested alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.builder.corpus import Document, UsageProblem
from pipeline.builder.hashing import combine, digest_bytes
from pipeline.builder.state import Record, State, changed_inputs

#: A document's steps, in the order a failure is looked for; the rendering steps of its first task.
STEPS = ("convert", "validate", "summary", "print", "web")
RENDER_STEPS = ("validate", "summary", "print")

Published = Callable[[str], bool]


def stale(old: Record | None, inputs: dict[str, str], published: Published) -> list[str]:
    """Why a target must be made again (changed inputs, or an output missing); [] when it is up to date."""
    reasons = changed_inputs(old, inputs)
    if not reasons and any(not published(path) for path in old.outputs):
        reasons = ["output missing"]
    return reasons


def describe(step: str, changed: Iterable[str]) -> list[str]:
    """The reasons as the report words them."""
    words = {
        "new": "new",
        "source": "transcript changed",
        "tei": "TEI changed",
        "documents": "documents changed",
        "code": "code, stylesheets or schema changed" if step != "convert" else "converter changed",
        "output missing": "output missing",
        "editorial": "editors' decisions, catalogue entry or registers changed",
    }
    return [words.get(c, f"{c} changed") for c in changed]


def convert_reasons(old: Record | None, inputs: dict[str, str], tei_exists: bool) -> list[str]:
    """Why a transcript must be converted again ([] when its TEI file is up to date)."""
    reasons = changed_inputs(old, inputs)
    if not tei_exists and not reasons:
        reasons = ["output missing"]
    return reasons


def is_conflict(reasons: Iterable[str]) -> bool:
    """Whether a conversion refused by a hand-edited TEI file is a conflict: its transcript changed.

    A converter change under a hand edit is not (the editor's file is the better one); a transcript
    change is: the editor's file and the transcript now say different things, and neither may go.
    """
    return "source" in reasons


@dataclass
class RenderPlan:
    """A document's rendering steps: which to run (and why), which to keep, or its recorded failure."""

    run: list[str] = field(default_factory=list)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    kept: dict[str, Record] = field(default_factory=dict)
    failed: str | None = None  # a step that failed before on these very inputs
    dropped: list[str] = field(default_factory=list)  # steps whose old outputs go (after a recorded failure)


def plan_render(old: dict[str, Record], inputs_of: Callable[[str], dict[str, str]], wanted: Callable[[str], bool],
                published: Published) -> RenderPlan:
    """Decide which of validate/summary/print to run on a document whose TEI hash is known."""
    plan = RenderPlan()
    for step in RENDER_STEPS:
        record = old.get(step)
        if not wanted(step):
            if record is not None:
                plan.kept[step] = record  # not asked for: left as it was
            continue
        reasons = stale(record, inputs_of(step), published)
        if reasons:
            plan.run.append(step)
            plan.reasons[step] = describe(step, reasons)
        else:
            plan.kept[step] = record
    plan.failed = next((step for step in RENDER_STEPS if step in plan.kept and not plan.kept[step].ok), None)
    if plan.failed is not None:  # the same inputs fail the same way, and the document stays out
        plan.dropped = [step for step in ("summary", "web", "print") if step != plan.failed]
        plan.run, plan.reasons = [], {}
        plan.kept = {step: record for step, record in plan.kept.items() if step not in plan.dropped}
    return plan


def check_names(documents: list[Document], file_id: Callable[[str], str]) -> None:
    """Refuse two transcripts whose TEI files would get one xml:id (and so one set of web pages).

    Raises UsageProblem naming both files.
    """
    seen: dict[str, Document] = {}
    for doc in documents:
        if doc.source is None:
            continue
        identifier = file_id(doc.source.name)
        other = seen.get(identifier.casefold())
        if other is not None:
            theirs = file_id(other.source.name)
            clash = (f"one xml:id, {identifier}" if theirs == identifier
                     else f"xml:ids that differ only in case ({theirs}, {identifier})")
            raise UsageProblem(
                f"{other.source} and {doc.source} would have {clash}, and so one set of output files: "
                "rename one of them"
            )
        seen[identifier.casefold()] = doc


def deleted_transcripts(documents: list[Document], old: State, exists: Callable[[str], bool]) -> list[Document]:
    """TEI files whose transcript was deleted since the last build (they go, unless edited by hand)."""
    orphans = []
    for doc in documents:
        convert = old.record(doc.name, "convert")
        recorded = convert.data.get("source") if convert is not None else None
        if doc.source is None and recorded and not exists(recorded):
            orphans.append(doc)
    return orphans


def gone(old: State, present: set[str]) -> list[str]:
    """Documents of the last build no longer in the edition."""
    return sorted(set(old.documents) - present)


def web_inputs(tei_hash: str, code: str, links_hash: str | None) -> dict[str, str]:
    return {"tei": tei_hash, "code": code, "links": links_hash}


def links_inputs(summary_keys: list[tuple[str, str]], code: str) -> dict[str, str]:
    """What the pages' links depend on: every included document's summary."""
    return {"summaries": combine(*(f"{name}={key}" for name, key in summary_keys)), "code": code}


def site_inputs(members: list[tuple[str, str]], code: str) -> dict[str, str]:
    """A cross-document step's inputs: (name, what it depends on) of each document, and its code."""
    return {"documents": combine(*(f"{name}={digest}" for name, digest in members)), "code": code}


def web_member(summary: Any, private: list[tuple[str, str]]) -> str:
    """What the edition-wide web step depends on of one document: its summary and private files (path, hash)."""
    return digest_bytes(canonical([summary, private]))


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def previous_pages(old: Record | None, code: str, published: Published) -> dict[str, str]:
    """What an edition-wide step made its published pages from (path -> hash), for the pages it may keep:
    made by the same code, and still published."""
    if old is None or not old.ok or old.inputs.get("code") != code:
        return {}
    pages = old.data.get("pages") or {}
    return {path: digest for path, digest in pages.items() if path in old.outputs and published(path)}


def exists_on_disk(path: str) -> bool:
    return Path(path).exists()
