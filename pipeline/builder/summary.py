"""The few lines a build prints when it ends: counts, what was rebuilt and why, time per stage."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any


def summary_lines(report: dict[str, Any], output: Path) -> list[str]:
    s = report["summary"]
    stats = report["statistics"]
    why = failure_reason(report)
    lines = [
        f"build {report['result']}{f' ({why})' if why else ''}: {s['files']} files ({stats['documents']} documents), "
        f"{s['failed']} failed, {s['errors']} errors, {s['warnings']} warnings"
    ]
    if report["rebuilt"]:
        by_step: Counter = Counter()
        why: dict[str, Counter] = {}
        for item in report["rebuilt"]:
            by_step[item["step"]] += 1
            why.setdefault(item["step"], Counter()).update(item["reasons"])
        parts = []
        for step, count in by_step.items():
            reasons = ", ".join(f"{r}" + (f" ×{n}" if n != count else "") for r, n in why[step].most_common())
            parts.append(f"{step} {count} ({reasons})")
        lines.append("rebuilt: " + "; ".join(parts))
    else:
        lines.append("rebuilt: nothing (every output was up to date)")
    if report["removed"]:
        lines.append(f"removed: {len(report['removed'])} documents no longer in the edition")
    for conflict in report.get("conflicts", ()):
        lines.append(f"  {conflict['message']}")
    for skipped in report.get("skipped", ()):
        lines.append(f"  warning: {skipped}")
    for doc in report["documents"]:
        if not doc["ok"]:
            lines.append(f"  failed: {doc['name']}: {doc['error']}")
    walls = [f"{stage} {t['wall']:.2f}s" for stage, t in report["timings"].items() if t["wall"] >= 0.005]
    work = [f"{stage} {t['work']:.2f}s" for stage, t in report["timings"].items() if t["work"] >= 0.005]
    lines.append("time: " + (", ".join(walls) or "nothing to speak of") + (f" (work in the steps: {', '.join(work)})" if work else ""))
    lines.append(f"report: {output / 'report.html'}")
    return lines


def failure_reason(report: dict[str, Any]) -> str | None:
    """Why a build failed, in a few words (None when it did not): an edition-wide step, or its documents."""
    if report["result"] == "success":
        return None
    for step in report.get("site", ()):
        if not step["ok"]:
            return f"{step['step']}: {step['error']}"
    failed = report["summary"]["failed"]
    if failed:
        return f"{failed} file{'s' if failed != 1 else ''} failed"
    if report.get("conflicts"):
        return f"{len(report['conflicts'])} conflicts between transcripts and hand-edited TEI"
    return None
