"""The build report: report.json for machines, report.html for people (one self-contained page)."""

from __future__ import annotations

import json
from typing import Any

from pipeline.builder.review import CSS as REVIEW_CSS
from pipeline.builder.review import charts_html, review_queue_html


def escape(text: str, quote: bool = True) -> str:
    """HTML-escape text (as html.escape, without importing html.entities at start-up)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;") if quote else text

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right}.failed{color:#a00;font-weight:bold}.ok{color:#060}
code{font-size:.9em}details{margin:.3rem 0}summary{cursor:pointer}.line{color:#555;white-space:pre-wrap}
""" + REVIEW_CSS


def to_json(report: dict[str, Any]) -> bytes:
    return (json.dumps(report, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def to_html(report: dict[str, Any], json_digest: str | None = None) -> bytes:
    """The report as one valid HTML page; every value from a document is escaped.

    `json_digest`: the SHA-256 of the report.json made from the same report, named in the page (a
    `<meta name="report-json-sha256">`), so that anyone can check the two agree.
    """
    e = _e
    summary = report["summary"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta name="report-json-sha256" content="{e(json_digest)}">' if json_digest else "",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Build report: {e(report['result'])}</title><style>{_CSS}</style></head><body>",
        "<h1>Build report</h1>",
        f"<p>Result: <span class=\"{'ok' if report['result'] == 'success' else 'failed'}\">{e(report['result'])}</span>"
        f" (exit code {e(report['exit_code'])}), pipeline {e(report['pipeline'])}.</p>",
        "<h2>Summary</h2>",
        _table(["", "count"], [
            ["files", summary["files"]],
            ["documents in them", report["statistics"]["documents"]],
            ["failed files", summary["failed"]],
            ["errors", summary["errors"]],
            ["warnings", summary["warnings"]],
            ["targets rebuilt", len(report["rebuilt"])],
            ["targets removed", len(report["removed"])],
        ], numeric={1}),
        "<h2>Time per stage</h2>",
        _table(["stage", "wall seconds", "work seconds", "targets", "peak memory of a process (MiB)"], [
            [stage, f"{t['wall']:.3f}", f"{t['work']:.3f}", t["targets"], t.get("peak_mib", "")]
            for stage, t in report["timings"].items()
        ], numeric={1, 2, 3, 4}),
    ]
    if report.get("conflicts"):
        parts.append("<h2>Conflicts: transcripts changed under hand-edited TEI files</h2>")
        parts.append(_table(["document", "transcript", "TEI file", "message"], [
            [c["document"], c["source"], c["tei"], c["message"]] for c in report["conflicts"]
        ]))
    if report.get("skipped"):
        parts.append("<h2>Skipped inputs</h2>")
        parts.append("<ul>" + "".join(f"<li>{e(text)}</li>" for text in report["skipped"]) + "</ul>")
    parts.append("<h2>Rebuilt, and why</h2>")
    if report["rebuilt"]:
        why: dict[tuple[str, str], int] = {}
        for item in report["rebuilt"]:
            reason = ", ".join(item["reasons"])
            why[(item["step"], reason)] = why.get((item["step"], reason), 0) + 1
        parts.append(_table(["step", "why", "targets"], [[s, r, n] for (s, r), n in sorted(why.items())], numeric={2}))
        parts.append("<details><summary>every rebuilt target</summary>")
        parts.append(_table(["step", "document", "why"], [
            [i["step"], i.get("document") or "(edition)", ", ".join(i["reasons"])] for i in report["rebuilt"]
        ]))
        parts.append("</details>")
    else:
        parts.append("<p>Nothing: every output was up to date.</p>")
    if report["removed"]:
        parts.append("<h2>Removed</h2>")
        parts.append(_table(["document", "why"], [[i["document"], i["reason"]] for i in report["removed"]]))
    stats = report["statistics"]
    parts.append(review_queue_html(report["documents"]))
    parts += [
        "<h2>The edition</h2>",
        f"<p>{e(stats['files'])} files, {e(stats['documents'])} documents, {e(stats['pages'])} pages, "
        f"{e(stats['redactions'])} redactions.</p>",
        charts_html(stats),
        "<h3>Documents by type</h3>",
        _table(["type", "documents"], list(stats["documents_by_type"].items()), numeric={1}),
        "<h3>Documents by year</h3>",
        _table(["year", "documents"], list(stats["documents_by_year"].items()), numeric={1}),
        "<h3>Documents by type and year</h3>",
        _table(["type", "year", "documents"], [[r["type"], r["year"], r["count"]] for r in stats["documents_by_type_and_year"]], numeric={2}),
        "<h3>Withheld documents by closure reason</h3>",
        _table(["reason", "documents"], list(stats["withheld_by_reason"].items()), numeric={1}),
        "<h3>Annotations by hand</h3>",
        _table(["hand", "who", "changes of hand"], [
            [hand, stats["hand_names"].get(hand, ""), n] for hand, n in stats["annotations_by_hand"].items()
        ], numeric={2}),
    ]
    failed_site = [s for s in report["site"] if not s["ok"]]
    if failed_site:
        parts.append("<h2>Edition-wide steps that failed</h2>")
        parts.append(_table(["step", "error"], [[s["step"], s.get("error") or ""] for s in failed_site]))
    parts.append("<h2>Documents</h2>")
    parts.append(_table(["file", "result", "errors", "warnings"], [
        [d["name"], "ok" if d["ok"] else "failed", d["errors"], d["warnings"]] for d in report["documents"]
    ], numeric={2, 3}, linked={d["name"] for d in report["documents"] if not d["ok"] or d["messages"]}))
    for doc in report["documents"]:
        if doc["ok"] and not doc["messages"]:
            continue
        parts.append(f'<h3 id="doc-{e(doc["name"])}">{e(doc["name"])}</h3>')
        where = [f"transcript <code>{e(doc['source'])}</code>"] if doc.get("source") else []
        where.append(f"TEI <code>{e(doc['tei'])}</code>")
        parts.append(f"<p>{', '.join(where)}.</p>")
        if doc.get("error"):
            parts.append(f'<p class="failed">{e(doc["error"])}</p>')
        if doc["messages"]:
            rows = []
            for m in doc["messages"]:
                place = f"{m.get('file', '')}:{m.get('line', '?')}" + (f":{m['column']}" if m.get("column") else "")
                text = e(m.get("message", ""))
                if m.get("text"):
                    text += f'<br><span class="line">{e(m["text"])}</span>'
                rows.append([m.get("step", ""), m.get("severity", ""), place, m.get("code", ""), _Raw(text)])
            parts.append(_table(["step", "severity", "where", "code", "message"], rows))
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")


class _Raw(str):
    """Markup already escaped."""


def _e(value: Any) -> str:
    return value if isinstance(value, _Raw) else escape(str(value), quote=True)


def _table(head: list[str], rows: list[list[Any]], *, numeric: set[int] = frozenset(), linked: set[str] = frozenset()) -> str:
    if not rows:
        return "<p>None.</p>"
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            cls = ' class="num"' if i in numeric else ""
            text = _e(cell)
            if i == 0 and cell in linked:
                text = f'<a href="#doc-{_e(cell)}">{text}</a>'
            out.append(f"<td{cls}>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)
