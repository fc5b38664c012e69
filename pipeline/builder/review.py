"""The report's editor-facing parts: the review queue of the converter's low-confidence decisions, and
small charts of the corpus (inline SVG, no script), so report.html reads as a page for editors.

Every value from a document is escaped; the charts are bars with their numbers written beside them,
and each chart carries a text alternative (`role="img"`, `<title>`), so nothing is known only by sight.
"""

from __future__ import annotations

from typing import Any

BAR_HEIGHT = 18
BAR_GAP = 6
LABEL_WIDTH = 210
BAR_WIDTH = 360
MAX_LINES = 6  # transcript lines shown beside a decision


def escape(text: Any) -> str:
    text = "" if text is None else str(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def review_entries(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The converter's review warnings of every file, in file and line order."""
    entries = []
    for doc in documents:
        for message in doc.get("messages", []):
            if str(message.get("code", "")).startswith("review-"):
                entries.append({**message, "file": doc["name"]})
    return sorted(entries, key=lambda m: (m["file"], m.get("line") or 0))


def review_queue_html(documents: list[dict[str, Any]], web_prefix: str = "web/") -> str:
    """The review queue: each decision near the line, its transcript lines, the encoding chosen and the
    runner-up, with a link to the document's page in the web edition."""
    entries = review_entries(documents)
    if not entries:
        return "<h2>Review queue</h2><p>The converter made no decision it was unsure of.</p>"
    rows = []
    for entry in entries:
        lines = entry.get("lines") or ([entry["text"]] if entry.get("text") else [])
        first = entry.get("line") or "?"
        where = f"{escape(entry['file'])}, line {escape(first)}"
        if entry.get("last_line") and entry.get("last_line") != entry.get("line"):
            where += f"–{escape(entry['last_line'])}"
        page = entry.get("page")
        link = f'<a href="{escape(web_prefix + page)}">the document’s page</a>' if page else ""
        rows.append(
            "<tr>"
            f"<td>{where}<br>{link}</td>"
            f'<td><pre class="line">{escape(chr(10).join(lines[:MAX_LINES]))}</pre></td>'
            f"<td>{escape(entry.get('chosen') or entry.get('message'))}</td>"
            f"<td>{escape(entry.get('runner_up') or '')}</td>"
            f"<td><code>{escape(entry.get('code'))}</code></td>"
            "</tr>"
        )
    return (
        f"<h2>Review queue: {len(entries)} decision{'s' if len(entries) != 1 else ''} to check</h2>"
        "<p>Where the converter weighed its evidence and found it close, it says what it chose and what came "
        "second. Check each against the transcript; a wrong one is corrected by an editor's decision.</p>"
        '<table class="review"><thead><tr><th scope="col">where</th><th scope="col">transcript</th>'
        '<th scope="col">encoded as</th><th scope="col">runner-up</th><th scope="col">kind</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table>"
    )


def bar_chart(title: str, items: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG, the count written at each bar's end."""
    if not items:
        return f"<p>{escape(title)}: none.</p>"
    largest = max(count for _, count in items) or 1
    height = len(items) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + BAR_WIDTH + 60
    summary = "; ".join(f"{label}: {count}" for label, count in items)
    bars = []
    for index, (label, count) in enumerate(items):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        length = max(1, round(BAR_WIDTH * count / largest))
        bars.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 5}" text-anchor="end">{escape(label)[:40]}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" class="bar"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + BAR_HEIGHT - 5}">{count}</text>'
        )
    return (
        f'<figure><svg role="img" aria-label="{escape(title)}: {escape(summary)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        + "".join(bars) + f"</svg><figcaption>{escape(title)}</figcaption></figure>"
    )


def charts_html(stats: dict[str, Any]) -> str:
    """The corpus in four charts: documents by year, by type, withheld documents by reason, annotations by hand."""
    by_year = sorted(stats.get("documents_by_year", {}).items())
    by_type = sorted(stats.get("documents_by_type", {}).items(), key=lambda item: (-item[1], item[0]))
    withheld = sorted(stats.get("withheld_by_reason", {}).items(), key=lambda item: (-item[1], item[0]))
    names = stats.get("hand_names", {})
    hands = sorted(((_short_hand(names.get(hand) or hand), n) for hand, n in stats.get("annotations_by_hand", {}).items()),
                   key=lambda item: (-item[1], item[0]))
    return (
        '<div class="charts">'
        + bar_chart("Documents by year", by_year)
        + bar_chart("Documents by type", by_type)
        + bar_chart("Withheld documents by closure reason", withheld)
        + bar_chart("Changes into each hand", hands)
        + "</div>"
    )


def _short_hand(name: str) -> str:
    """A hand's description cut to the person (`Charles Powell: C. D. Powell, …` → `Charles Powell`)."""
    return name.split(":")[0].split(",")[0].strip() or name


CSS = (
    ".charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}svg text{font:12px system-ui,sans-serif;fill:#222}"
    "svg .bar{fill:#4a6fa5}table.review pre{margin:0;white-space:pre-wrap;font-size:.85em}"
)
