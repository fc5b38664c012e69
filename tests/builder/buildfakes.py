"""A small toolchain for the build engine's tests: real files, real TEI, real failures, no Saxon.

Its "stylesheets" are text files under $BUILD_FAKE_CODE (convert.txt, web.txt,
print.txt, schema.odd): they are read once when a worker opens, are part of
the fingerprints, and are copied into every output, so a change to one shows
in exactly the outputs that depend on it. The "schema" compiles to
compiled.rng (replaced atomically, as the real one is), which workers read
when they open: a line "FORBID <text>" in it makes a TEI file holding <text>
invalid. Directives in a transcript make a step fail or take its time:
FAIL-CONVERT, INVALID, FAIL-PRINT, FAIL-WEB, SLEEP=<seconds>.
Each opened worker leaves a file in $BUILD_FAKE_CODE/opened/ named after its
pid; each run of an edition-wide step, a file in $BUILD_FAKE_CODE/site-runs/
named after the step.
With $BUILD_FAKE_NO_PASSAGES set, pages have no private files.
"""

from __future__ import annotations

import json
import os
import re
import time
from html import escape
from pathlib import Path

from lxml import etree

from pipeline.builder.hashing import digest_bytes, digest_paths
from pipeline.builder.stats import document_stats
from pipeline.builder.toolchain import Converted, Message, StepError, Validated

TEI = "http://www.tei-c.org/ns/1.0"
MANIFEST = ".generated.json"


def _code() -> Path:
    return Path(os.environ["BUILD_FAKE_CODE"])


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


def _save_manifest(folder: Path, manifest: dict) -> None:
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, sort_keys=True))
    os.replace(tmp, folder / MANIFEST)


class FakeToolchain:
    def fingerprints(self, cache=None) -> dict[str, str]:
        code = _code()
        return {
            step: digest_paths([code / name for name in files], code)
            for step, files in {
                "convert": ["convert.txt"],
                "schema": ["schema.odd"],
                "validate": ["compiled.rng"],
                "web": ["web.txt"],
                "print": ["print.txt"],
            }.items()
        }

    def compile_schema(self) -> list[Message]:
        code = _code()
        text = (code / "schema.odd").read_text()
        if "BROKEN" in text:
            raise StepError("schema.odd: BROKEN")
        compiled = "compiled from " + text
        target = code / "compiled.rng"
        if not target.exists() or target.read_text() != compiled:
            tmp = target.with_suffix(".tmp")
            tmp.write_text(compiled)
            os.replace(tmp, target)
        return []

    def file_id(self, source_name: str) -> str:
        from pipeline.convert.tei import file_id

        return file_id(source_name)

    def write_tei(self, path: Path, data: bytes) -> Message | None:
        if os.environ.get("BUILD_FAKE_REAL_WRITES"):  # the project's own writer (lock, compare-and-swap)
            from pipeline.builder.steps import EditionToolchain

            return EditionToolchain().write_tei(path, data)
        manifest = _manifest(path.parent)
        if path.exists():
            current = digest_bytes(path.read_bytes())
            if current != manifest.get(path.name) and current != digest_bytes(data):
                return Message("warning", f"{path} was edited by hand: not overwritten", code="hand-edited")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        manifest[path.name] = digest_bytes(data)
        _save_manifest(path.parent, manifest)
        return None

    def clean_tei(self, folder: Path) -> None:
        from pipeline.output import clean_folder

        clean_folder(folder)

    def remove_tei(self, path: Path) -> bool:
        if os.environ.get("BUILD_FAKE_REAL_WRITES"):
            from pipeline.output import remove_tei

            return remove_tei(path)
        manifest = _manifest(path.parent)
        if digest_bytes(path.read_bytes()) != manifest.get(path.name):
            return False
        path.unlink()
        del manifest[path.name]
        _save_manifest(path.parent, manifest)
        return True

    def web_links(self, summaries: dict) -> dict:
        names = sorted(summaries)
        return {
            name: {"prev": names[i - 1] if i else None, "next": names[i + 1] if i + 1 < len(names) else None,
                   "next_title": summaries[names[i + 1]]["title"] if i + 1 < len(names) else None}
            for i, name in enumerate(names)
        }

    def open_worker(self, outputs=frozenset()) -> FakeWorker:
        return FakeWorker()


class FakeWorker:
    def __init__(self) -> None:
        code = _code()
        self.code = {name: (code / f"{name}.txt").read_text() for name in ("convert", "web", "print")}
        schema = (code / "compiled.rng").read_text() if (code / "compiled.rng").exists() else ""
        self.forbidden = [line[len("FORBID "):].encode() for line in schema.splitlines() if line.startswith("FORBID ")]
        opened = code / "opened"
        opened.mkdir(exist_ok=True)
        (opened / f"{os.getpid()}-{time.monotonic_ns()}").write_text("")

    @staticmethod
    def _sleep(text: str) -> None:
        match = re.search(r"SLEEP=([0-9.]+)", text)
        if match:
            time.sleep(float(match.group(1)))

    def convert(self, data: bytes, source_name: str, editorial=None) -> Converted:
        text = data.decode("utf-8")
        self._sleep(text)
        if "FAIL-CONVERT" in text:
            raise StepError(f"{source_name}: cannot convert")
        name = source_name.rsplit(".", 1)[0]
        tei = etree.Element(f"{{{TEI}}}TEI", nsmap={None: TEI})
        header = etree.SubElement(tei, f"{{{TEI}}}teiHeader")
        etree.SubElement(header, f"{{{TEI}}}note").text = self.code["convert"]
        body = etree.SubElement(etree.SubElement(tei, f"{{{TEI}}}text"), f"{{{TEI}}}body")
        div = etree.SubElement(body, f"{{{TEI}}}div", type="letter")
        div.set("{http://www.w3.org/XML/1998/namespace}id", f"d-{name}")
        warnings = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith("DATE "):
                etree.SubElement(div, f"{{{TEI}}}date", when=line[5:].strip())
            elif line.startswith("HAND "):
                etree.SubElement(div, f"{{{TEI}}}handShift", new="#" + line[5:].strip())
            elif line.startswith("CARD "):
                etree.SubElement(body, f"{{{TEI}}}div", type="closureCard").append(
                    etree.Element(f"{{{TEI}}}gap", reason=line[5:].strip(), unit="document", quantity="1"))
            else:
                etree.SubElement(div, f"{{{TEI}}}p").text = line
            if "WARN" in line:
                warnings.append(Message("warning", "a warning", line=number, code="fake-warning"))
        return Converted(etree.tostring(tei, xml_declaration=True, encoding="UTF-8"), warnings)

    def validate(self, tei: bytes, name: str) -> Validated:
        root = etree.fromstring(tei)
        if b"INVALID" in tei:
            return Validated([Message("error", "INVALID found", line=1, column=1, code="fake-rule")], {})
        if any(text in tei for text in self.forbidden):
            return Validated([Message("error", "forbidden by the schema", line=1, column=1, code="fake-schema")], {})
        return Validated([], document_stats(root))

    def web_summary(self, tei: bytes, name: str) -> dict:
        root = etree.fromstring(tei)
        first = root.find(f".//{{{TEI}}}p")
        return {"title": first.text if first is not None else name}

    def web_document(self, tei: bytes, name: str, links: dict, summary: dict | None = None) -> dict[str, bytes]:
        self._sleep(tei.decode())
        if b"FAIL-WEB" in tei:
            raise StepError(f"{name}: cannot make its pages")
        body = escape(tei.decode("utf-8"))
        nav = escape(json.dumps(links, sort_keys=True))
        page = {f"web/{name}.html": f"<html>{self.code['web']}<nav>{nav}</nav><pre>{body}</pre></html>".encode()}
        if os.environ.get("BUILD_FAKE_NO_PASSAGES"):
            return page
        return {**page, f".cache/passages/{name}.json": json.dumps({"text": body[:200]}).encode()}

    def print_document(self, tei: bytes, name: str) -> dict[str, bytes]:
        if b"FAIL-PRINT" in tei:
            raise StepError(f"{name}: cannot print")
        return {f"print/{name}.pdf": b"%PDF " + self.code["print"].encode() + digest_bytes(tei).encode()}

    @staticmethod
    def _ran(step: str) -> None:
        runs = _code() / "site-runs"
        runs.mkdir(exist_ok=True)
        (runs / f"{step}-{os.getpid()}-{time.monotonic_ns()}").write_text("")

    def web_site(self, documents) -> dict[str, bytes]:
        self._ran("web-site")
        listing = "".join(f"<li>{d.name} {escape(d.summary['title'])}</li>" for d in documents)
        search = b"".join(data for d in documents for data in d.private.values())
        return {"web/index.html": f"<ul>{self.code['web']}{listing}</ul>".encode(), "web/site.css": b"body{}",
                "web/search.js": search}

    def print_edition(self, documents) -> dict[str, bytes]:
        self._ran("print-edition")
        return {"print/edition.pdf": b"%PDF " + b"".join(digest_bytes(d.tei_bytes()).encode() for d in documents)}
