"""The CommonMark parser for the OCR's Markdown layer, configured for transcripts.

markdown-it-py keeps source line maps on every block token. Everything that
would rewrite the transcript's characters is switched off (entities,
backslash escapes, code, links, raw HTML blocks), setext headings and
indented code are off (an OCR line under a dash line or after four spaces is
not a heading or code), and a block rule reads tab-separated lines as a table.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

DISABLED_BLOCK_RULES = ["code", "fence", "lheading", "html_block", "reference"]
DISABLED_INLINE_RULES = ["entity", "escape", "backticks", "link", "image", "autolink"]


def tab_table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: consecutive lines holding a tab are the rows of a printed form or card."""
    if _line_text(state, start_line).find("\t") < 0:
        return False
    if silent:
        return True
    line = start_line
    rows: list[str] = []
    while line < end_line and "\t" in _line_text(state, line) and not state.isEmpty(line):
        rows.append(_line_text(state, line))
        line += 1
    token = state.push("table_open", "table", 1)
    token.map = [start_line, line]
    for offset, row in enumerate(rows):
        tr = state.push("tr_open", "tr", 1)
        tr.map = [start_line + offset, start_line + offset + 1]
        cells = row.rstrip("\t").split("\t")
        for cell in cells:
            state.push("td_open", "td", 1)
            inline = state.push("inline", "", 0)
            inline.content = cell.strip()
            inline.map = [start_line + offset, start_line + offset + 1]
            inline.children = []
            state.push("td_close", "td", -1)
        state.push("tr_close", "tr", -1)
    state.push("table_close", "table", -1)
    state.line = line
    return True


def _line_text(state: StateBlock, line: int) -> str:
    """A line's content: inside a list item after its marker; at the top level the whole line,
    so that a row's leading tab (an empty first cell) is kept."""
    start = state.bMarks[line] + (state.tShift[line] if state.blkIndent > 0 else 0)
    return state.src[start : state.eMarks[line]]


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The configured parser (built once per process)."""
    md = MarkdownIt("commonmark", {"html": True})
    md.enable("strikethrough")
    md.disable(DISABLED_BLOCK_RULES)
    md.disable(DISABLED_INLINE_RULES)
    md.block.ruler.before("paragraph", "tab_table", tab_table, {"alt": []})
    return md
