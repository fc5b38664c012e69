"""sitemap.xml: every page of the site at its published address (the base URL)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape


def sitemap(catalogue: Mapping[str, Any], base_url: str, has_guidelines: bool) -> dict[str, bytes]:
    """``sitemap.xml`` from the catalogue (pipeline.web.catalogue): the edition's pages, each document's
    and file's page, and each facet page. Nothing when the edition has no http(s) address."""
    if not base_url.startswith(("https://", "http://")):
        return {}
    paths = ["index.html", "persons.html", "search.html", "about.html", "encoding.html"]
    if has_guidelines:
        paths.append("guidelines.html")
    paths += [f"documents/{doc['key']}.html" for doc in catalogue["documents"]]
    paths += [f"files/{f['file']}.html" for f in catalogue["files"]]
    paths += [f"browse/{facet['key']}-{value['n']}.html" for facet in catalogue["facets"] for value in facet["values"]]
    urls = "".join(f"  <url><loc>{escape(base_url + path)}</loc></url>\n" for path in paths)
    return {"sitemap.xml": ('<?xml version="1.0" encoding="UTF-8"?>\n'
                            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                            f"{urls}</urlset>\n").encode("utf-8")}
