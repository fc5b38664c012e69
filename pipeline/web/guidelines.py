"""The encoding guidelines inside the site: the page compiled from the ODD (schema/compiled/
pmo-guidelines.html, made by pipeline/odd) taken apart, its table of contents and content put in the site's
page (header, navigation, CSP: xslt/web/site.xsl), and the schemas it links to published under schema/.

The compiled page's contract: its table of contents in <nav id="guidelines-toc">, its content in
<main id="guidelines">, the schemas linked as schema/pmo.rng, .sch, .xsd, .odd. A page without them (the
earlier layout: a <header> and a <main> of <section id> with <h2>) is read too: its header goes before the
content, a table of contents is made from its sections, and its links to pmo.rng etc. are pointed at schema/.
Nothing of the page is trusted: scripts, styles, event handlers and style attributes are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

#: The schemas the site publishes with the guidelines (site path -> where it is compiled).
SCHEMAS = {
    "schema/pmo.rng": ("compiled", "pmo.rng"),
    "schema/pmo.sch": ("compiled", "pmo.sch"),
    "schema/pmo.xsd": ("compiled", "pmo.xsd"),
    "schema/pmo.odd": ("", "pmo.odd"),
}
_SCHEMA_LINK = re.compile(r"^(?:\.\./)?(?:schema/)?(?:compiled/)?(pmo\.(?:rng|sch|xsd|odd))$")


def schema_files(guidelines: Path) -> dict[str, bytes]:
    """The schemas next to the compiled guidelines page (schema/compiled/) and the ODD (schema/)."""
    schema_dir = Path(guidelines).resolve().parent.parent
    out = {}
    for site_path, (folder, name) in SCHEMAS.items():
        path = schema_dir / folder / name if folder else schema_dir / name
        if path.is_file():
            out[site_path] = path.read_bytes()
    return out


def guidelines_fragment(data: bytes) -> str:
    """The compiled page's table of contents and content as XML (for the site stylesheet's parse-xml):
    ``<div class="guidelines-layout"><nav id="guidelines-toc">…</nav><div id="guidelines">…</div></div>``."""
    from lxml import etree, html

    page = html.document_fromstring(data)
    for bad in page.xpath("//script | //style | //link | //meta | //iframe | //object | //embed | //form"):
        bad.drop_tree()
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            if name.startswith("on") or name == "style":
                del element.attrib[name]
        href = element.get("href")
        if href is not None:
            match = _SCHEMA_LINK.match(href.strip())
            if match:
                element.set("href", "schema/" + match.group(1))
            elif re.match(r"\s*(javascript|data|vbscript):", href, re.I):
                del element.attrib["href"]
    for pre in page.iter("pre"):
        pre.set("tabindex", "0")  # a scrollable region is reachable by the keyboard
    main = (page.xpath('//main[@id="guidelines"]') or page.xpath("//main") or [page.body])[0]
    toc = (page.xpath('//nav[@id="guidelines-toc"]') or [None])[0]
    content = etree.Element("div", {"id": "guidelines", "class": "guidelines-body"})
    for header in page.xpath("//body/header"):  # the page's own header (its schema links) first
        for child in header:
            content.append(child)
    if toc is None:  # the earlier layout: a table of contents made from its sections
        toc = _toc(main)
    content.text = main.text
    for child in list(main):
        content.append(child)
    for heading in content.xpath(".//h1"):
        heading.tag = "h2"  # the site page has its own h1
    toc.set("id", "guidelines-toc")
    toc.set("class", "guidelines-toc")
    toc.set("aria-label", "Contents of the guidelines")
    layout = etree.Element("div", {"class": "guidelines-layout"})
    layout.append(toc)
    layout.append(content)
    return etree.tostring(layout, encoding="unicode", method="xml")


def _toc(main):
    from lxml import etree

    nav = etree.Element("nav")
    items = etree.SubElement(nav, "ul")
    for section in main.xpath("./section[@id] | ./*/section[@id]"):
        heading = section.xpath("./h2 | ./h3")
        if not heading:
            continue
        li = etree.SubElement(items, "li")
        a = etree.SubElement(li, "a", {"href": "#" + section.get("id")})
        a.text = " ".join(heading[0].text_content().split())
    return nav
