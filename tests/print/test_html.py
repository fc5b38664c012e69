"""The paged HTML the PDFs are made from (each piece of a book) is valid HTML (checked with the Nu validator, vnu.jar)."""

from __future__ import annotations

import json
import subprocess

from printpaths import VNU


def test_the_paged_html_is_valid(sample_book, edition_book, tmp_path):
    pages = []
    for name, book in (("sample", sample_book), ("edition", edition_book)):
        for number, piece in enumerate(book.pieces):  # front matter, each file's part, back matter
            page = tmp_path / f"{name}-{number}.html"
            page.write_text(piece, encoding="utf-8")
            pages.append(str(page))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f'{m.get("url", "").rsplit("/", 1)[-1]}:{m.get("lastLine")}: {m["message"]}' for m in messages] == []
