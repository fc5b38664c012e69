"""The site as a whole: valid HTML (vnu), no broken internal links, every ODD element rendered,
the catalogue's order and links, and the `pipeline web` command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

from webpaths import GUIDELINES, ROOT, SAMPLE
from pipeline.web.catalogue import catalogue, neighbours
from pipeline.web.renderer import FileSummary, WebRenderer

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ODD = ROOT / "schema" / "pmo.odd"
XSL = "{http://www.w3.org/1999/XSL/Transform}"


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(sites):
    pages = [str(p) for site in sites for p in site.html_pages()]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", *pages], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr[:4000]


def test_no_internal_link_is_broken(sites):
    for site in sites:
        check_links(site)


def check_links(site):
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(html.fromstring(path.read_bytes()).xpath("//@id"))
        return ids[path]

    checked = 0
    for page in site.html_pages():
        tree = html.fromstring(page.read_bytes())
        for element, attribute, link, _ in tree.iterlinks():
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                assert parts.scheme in ("https", "http", "mailto"), (page, link)
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file() and site.root.resolve() in target.parents, (page.name, link)
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in ids_of(target), (page.name, link)
            checked += 1
    assert checked > 500


def test_every_element_the_odd_allows_has_a_rendering():
    odd = etree.parse(str(ODD), etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True))
    allowed = set(odd.xpath("//t:elementSpec[not(@mode = 'delete')]/@ident", namespaces={"t": "http://www.tei-c.org/ns/1.0"}))
    assert len(allowed) > 40
    rendered: set[str] = set()
    for path in (ROOT / "xslt" / "common").glob("*.xsl"):
        for template in etree.parse(str(path)).iter(f"{XSL}template"):
            if template.get("mode") == "c:text" and template.get("match"):
                rendered |= set(re.findall(r"tei:([A-Za-z]+)", template.get("match")))
    assert sorted(allowed - rendered) == []


def test_each_element_has_one_rule_so_it_renders_the_same_everywhere():
    seen: dict[str, str] = {}
    for path in sorted((ROOT / "xslt" / "common").glob("*.xsl")):
        for template in etree.parse(str(path)).iter(f"{XSL}template"):
            if template.get("mode") != "c:text" or not template.get("match"):
                continue
            for alternative in template.get("match").split("|"):
                alternative = alternative.strip()
                if re.fullmatch(r"tei:[A-Za-z]+", alternative):
                    assert alternative not in seen, f"{alternative} in {path.name} and {seen[alternative]}"
                    seen[alternative] = path.name
    # The one context-dependent rule: a division directly in <body> is a document of the edition.
    assert "tei:div" in seen


def test_the_sites_build_without_warnings(sites):
    assert [w for site in sites for w in site.warnings] == []


def test_an_unknown_element_keeps_its_text_and_warns():
    renderer = WebRenderer()
    source = renderer.load(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><div xml:id="a.d1">'
        b"<p>kept <mystery>strange words</mystery></p></div></body></text></TEI>",
        "a.xml",
    )
    rendered = renderer.render(source)
    assert "strange words" in rendered.files["documents/a.d1.html"].decode()
    assert any("mystery" in w for w in rendered.warnings)


# ---------------------------------------------------------------- catalogue


def summary(file: str, *docs: tuple[str, str]) -> FileSummary:
    documents = tuple(
        {
            "key": key, "n": "1", "type": "letter", "typeLabel": "Letter", "title": key, "date": date,
            "dateLabel": date or "Undated", "year": date[:4], "from": [], "to": [], "correspondents": [],
            "classification": "", "hands": [], "withheld": not date, "reason": "", "reference": "",
        }
        for key, date in docs
    )
    return FileSummary(file=file, id=file, title=file, reference="", documents=documents)


def test_neighbours_skip_files_without_documents():
    files = [summary("a", ("a1", "1988-01-01"), ("a2", "")), summary("b"), summary("c", ("c1", "1987-01-01"))]
    links = neighbours(files)
    assert links["a"].prev is None and links["a"].next == ("c1", "c1")
    assert links["b"].prev == ("a2", "a2") and links["b"].next == ("c1", "c1")
    assert links["c"].prev == ("a2", "a2") and links["c"].next is None


def test_catalogue_orders_by_date_keeping_undated_documents_in_their_place():
    import json

    files = [summary("a", ("u0", ""), ("a1", "1989-03-01"), ("card", ""), ("a2", "1989-01-01T10:00:00Z"))]
    order = [d["key"] for d in json.loads(catalogue(files))["documents"]]
    assert order == ["a2", "u0", "a1", "card"]


# ---------------------------------------------------------------- the command


def run_web(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    pipeline = Path(sys.executable).parent / "pipeline"
    return subprocess.run([str(pipeline), "web", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_pipeline_web_writes_build_web_from_tei_by_default(tmp_path):
    (tmp_path / "tei").mkdir()
    shutil.copy(SAMPLE, tmp_path / "tei" / "900_sample.xml")
    result = run_web(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "build" / "web" / "index.html").is_file()
    assert (tmp_path / "build" / "web" / "documents" / "f900_sample.d01.html").is_file()
    assert (tmp_path / "build" / "web" / "assets" / "lunr.min.js").is_file()
    assert "4 documents from 1 files" in result.stderr


def test_pipeline_web_on_bad_input_fails_cleanly_and_keeps_the_old_site(tmp_path):
    (tmp_path / "tei").mkdir()
    shutil.copy(SAMPLE, tmp_path / "tei" / "900_sample.xml")
    assert run_web(tmp_path).returncode == 0
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "build").rglob("*"))
    (tmp_path / "tei" / "950_broken.xml").write_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>')
    result = run_web(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "950_broken.xml" in result.stderr
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "build").rglob("*")) == before


def test_the_encoding_page_links_the_guidelines(site):
    assert b'href="guidelines.html"' in site.page("encoding.html").read_bytes()
    page = site.page("guidelines.html").read_text("utf-8")
    assert "A stand-in for schema/compiled/pmo-guidelines.html." in page and 'class="site-header"' in page


def test_two_files_with_the_same_document_ids_are_an_error_not_an_overwrite(tmp_path):
    (tmp_path / "tei").mkdir()
    shutil.copy(SAMPLE, tmp_path / "tei" / "900_sample.xml")
    shutil.copy(SAMPLE, tmp_path / "tei" / "901_copy.xml")
    result = run_web(tmp_path)
    assert result.returncode == 1 and "same id" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "build" / "web").exists()


def test_pipeline_web_refuses_a_missing_folder(tmp_path):
    result = run_web(tmp_path, "nowhere")
    assert result.returncode != 0 and "Traceback" not in result.stderr


# ---------------------------------------------------------------- the steps for pipeline build


def test_build_steps_on_plain_data_make_the_same_site(site):
    import json

    from pipeline.web.edition import WebEdition, document_links

    web = WebEdition(guidelines=GUIDELINES)
    names = sorted(p.name for p in site.tei.iterdir())
    tei = {name: (site.tei / name).read_bytes() for name in names}
    summaries = [json.loads(json.dumps(web.summary(tei[n], n))) for n in names]  # JSON-ready
    links = json.loads(json.dumps(document_links(summaries)))
    files = {}
    for name, summary in zip(names, summaries):
        made = web.document(tei[name], name, links[summary["file"]])
        assert not set(made) & set(files)
        files.update(made)
    files.update(web.site(list(reversed(summaries))))
    files.update(web.search_index({path.split("/")[-1][:-3]: data for path, data in files.items()
                                   if path.startswith("assets/search/postings/")}))
    built = {str(p.relative_to(site.root)): p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(built)
    assert [path for path in files if files[path] != built[path]] == []


def test_the_site_step_remakes_only_the_facet_pages_whose_rows_changed(site):
    import copy
    import json

    from pipeline.web.edition import WebEdition

    web = WebEdition(guidelines=GUIDELINES)
    names = sorted(p.name for p in site.tei.iterdir())
    summaries = [json.loads(json.dumps(web.summary((site.tei / n).read_bytes(), n))) for n in names]
    files, pages, kept = web.site_pages(summaries, {})
    assert kept == [] and set(pages) == {p for p in files if p.startswith("browse/")} and len(pages) > 10
    again, same, kept = web.site_pages(summaries, pages)
    assert same == pages and kept == sorted(pages) and not set(kept) & set(again)
    assert set(again) | set(kept) == set(files) and all(again[p] == files[p] for p in again)

    edited = copy.deepcopy(summaries)
    document = edited[0]["documents"][0]
    document["title"] = "A title changed"
    changed, new_pages, kept = web.site_pages(edited, pages)
    remade = sorted(p for p in changed if p.startswith("browse/"))
    assert remade and kept and sorted(set(remade) | set(kept)) == sorted(new_pages)
    assert all(b"A title changed" in changed[p] for p in remade)
    clean = web.site(edited)
    assert all(changed[p] == clean[p] for p in changed) and all(clean[p] == files[p] for p in kept)


def test_a_file_without_passages_has_an_empty_search_index():
    from pipeline.web.search import file_search, read_script, search_index

    files = file_search("f1", [])
    assert sorted(files) == ["assets/search/postings/f1.js", "assets/search/store/f1.js"]
    assert read_script(files["assets/search/store/f1.js"]) == []
    assert read_script(files["assets/search/postings/f1.js"]) == {"docs": [], "terms": {}, "pairs": {"x": {}, "y": {}}, "words": {}}
    index = search_index({"f1": files["assets/search/postings/f1.js"]})
    assert sorted(index) == ["assets/search/docs.js", "assets/search/meta.js", "assets/search/vocabulary.js"]
    meta = read_script(index["assets/search/meta.js"])
    assert meta["count"] == 0 and meta["fileStart"] == [0] and meta["docStart"] == [] and meta["shards"] == []


def test_the_index_is_split_by_the_first_letters_of_each_term():
    from pipeline.web.search import file_search, read_script, search_index, terms

    assert terms("Gorbachev's rights, and the HUMAN rights") == ["gorbachev", "right", "human", "right"]
    passages = [
        {"id": "d1", "title": "Letter", "meta": "Letter · 1988", "text": "", "date": "1988"},
        {"id": "d1#p1", "title": "Letter", "meta": "", "text": "Human rights matter.", "dipl": "backsliding"},
    ]
    second = [{"id": "d2#p1", "title": "Minute", "meta": "", "text": "Rights and wrongs.", "date": ""}]
    one, two = file_search("a", passages), file_search("b", second)
    index = search_index({"a": one["assets/search/postings/a.js"], "b": two["assets/search/postings/b.js"]})
    meta = read_script(index["assets/search/meta.js"])
    assert meta["files"] == ["a", "b"] and read_script(index["assets/search/docs.js"]) == ["d1", "d2"]
    # passages 0 and 1 are file a's (document d1), passage 2 file b's (document d2)
    assert meta["count"] == 3 and meta["fileStart"] == [0, 2] and meta["docStart"] == [0, 2]
    shard = read_script(index["assets/search/terms/ri.js"])
    assert shard["entries"] == [["right", {"2": {"1": 1, "2": 1}}]]
    assert shard["words"] == {"right": "rights"}
    # the field lengths of the passages the shard names: passage 1 (+1), then passage 2 (+1)
    assert shard["lengths"] == [1, 0, 0, 3, 1, 1, 0, 0, 2, 0]
    assert ["right", "rights", 2] in read_script(index["assets/search/vocabulary.js"])
    assert read_script(index["assets/search/terms/ba.js"])["entries"] == [["backslid", {"3": {"1": 1}}]]
    assert "assets/search/terms/th.js" not in index  # stop words are not indexed
    # word pairs, for phrases: each term with the next and the stop words between, by the first term's letters
    assert read_script(index["assets/search/pairs/hu.js"]) == {"x": {"human/0/right": [1]}, "y": {}}
    assert read_script(index["assets/search/pairs/ri.js"]) == {"x": {"right/0/matter": [1], "right/1/wrong": [2]}, "y": {}}
    assert meta["pairShards"] == ["hu", "le", "ri"]  # "le": the record's "Letter · 1988"


def test_a_shard_too_big_is_split_by_one_letter_more(monkeypatch):
    from pipeline.web import search
    from pipeline.web.search import file_search, read_script, search_index

    monkeypatch.setattr(search, "SHARD_BYTES", 40)
    passages = [{"id": "d1#p1", "title": "", "meta": "", "text": "Conference confidence conferences cone.", "dipl": ""}]
    index = search_index({"a": file_search("a", passages)["assets/search/postings/a.js"]})
    meta = read_script(index["assets/search/meta.js"])
    assert meta["shards"] == ["cone", "confe", "confi"]  # "co" and "con" too big, "conf" too
    assert [term for term, _ in read_script(index["assets/search/terms/confe.js"])["entries"]] == ["confer"]


def test_looking_up_the_web_command_imports_nothing_heavy():
    code = (
        "import sys, importlib.util; importlib.util.find_spec('pipeline.web.cli'); import pipeline.web.cli; "
        "print(sorted(m for m in ('lxml', 'saxonche', 'lunr', 'pipeline.web.renderer') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_publish_replaces_the_site_whole_or_not_at_all(tmp_path):
    from pipeline.web.site import publish

    out = tmp_path / "web"
    publish({"index.html": b"one", "a/b.html": b"two"}, out)
    assert (out / "a" / "b.html").read_bytes() == b"two"
    with pytest.raises(ValueError):
        publish({"index.html": b"new", "../escape.html": b"x"}, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["web"]
    assert (out / "index.html").read_bytes() == b"one" and not (tmp_path / "escape.html").exists()
    publish({"index.html": b"three"}, out)
    assert [p.name for p in out.rglob("*")] == ["index.html"] and (out / "index.html").read_bytes() == b"three"
