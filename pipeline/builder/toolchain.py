"""What a build needs of the pipeline's steps, behind one small interface.

A *toolchain* lives in the main process: it names each step's fingerprint
(the code, stylesheets, schemas and library versions its output depends on),
compiles the schema, and writes TEI files. Its *worker* lives in a pool
process: it is opened once per process (stylesheets and schemas compiled
then), and turns bytes into bytes, one document at a time. Workers never
read or write files of the edition, so they run the same on a cluster.

`pipeline.builder.steps.EditionToolchain` is the real one; tests may give a
small one of their own (by its "module:attribute" name, so that spawned
workers can import it).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

#: Per-document steps, in the order they run ("summary" is what the web edition's
#: cross-document pages and links need of a document; "web" makes its pages).
DOCUMENT_STEPS = ("convert", "validate", "summary", "print", "web")
#: Cross-document steps, run once every document is gathered. "web-search" (the edition's search index,
#: from every document's postings) runs only for a toolchain that names its postings (`search_postings`: a
#: prefix of output paths, or a tuple of them; the web site's step is not given those outputs).
SITE_STEPS = ("web-site", "web-search", "print-edition")
#: Which selectable output (`--only`) each step makes.
OUTPUT_OF_STEP = {
    "schema": "tei",
    "convert": "tei",
    "validate": "tei",
    "summary": "web",
    "web": "web",
    "print": "print",
    "web-site": "web",
    "web-search": "web",
    "print-edition": "print",
}
OUTPUTS = ("tei", "web", "print")

#: The default toolchain: the project's own steps.
DEFAULT_TOOLCHAIN = "pipeline.builder.steps:EditionToolchain"


class StepError(Exception):
    """A step could not make its output for one document; str() is one line saying why."""


class EnvironmentProblem(Exception):
    """The build cannot run here (missing step, unusable output directory…); exit code 2."""


@dataclass
class Message:
    """A located message from a step: a converter warning or a validation error."""

    severity: str  # "error" | "warning" | "info"
    message: str
    line: int | None = None
    column: int | None = None
    code: str | None = None
    #: a converter's review warning: what it chose, the runner-up, its last transcript line, and the
    #: page (relative to the web edition) of the document it concerns
    chosen: str | None = None
    runner_up: str | None = None
    last_line: int | None = None
    page: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Converted:
    """What converting one transcript gave."""

    tei: bytes
    warnings: list[Message] = field(default_factory=list)


@dataclass
class Validated:
    """What validating one TEI file gave: its messages, and its statistics for the report."""

    messages: list[Message] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(m.severity == "error" for m in self.messages)


@dataclass
class SiteDocument:
    """What a cross-document step gets of one document of the edition."""

    name: str
    tei: bytes | None  # given to the print edition (or only where it is: tei_path); the web site works from summaries
    summary: Any = None  # what web_summary returned
    private: dict[str, Any] = field(default_factory=dict)  # the document's private files (e.g. search passages): bytes, or their paths (print)
    tei_path: str | None = None  # where its TEI is, when not given as `tei`: read by the step, not passed through the build
    tei_hash: str | None = None  # the hash of the TEI it was built from, which the file at tei_path must still have

    def tei_bytes(self) -> bytes | None:
        """Its TEI: as given, or read where it is, refused if it is no longer the TEI the build made it from."""
        if self.tei is not None or self.tei_path is None:
            return self.tei
        from pipeline.builder.hashing import digest_bytes
        from pipeline.builder.sources import read_transcript

        data = read_transcript(Path(self.tei_path))
        if self.tei_hash is not None and digest_bytes(data) != self.tei_hash:
            raise StepError(f"{self.tei_path} changed during the build (build again)")
        return data


class Worker(Protocol):
    """The steps in one worker process; everything costly was compiled when it was opened."""

    def convert(self, data: bytes, source_name: str, editorial: Any = None) -> Converted:
        """Convert a transcript, applying `editorial` (pipeline.convert.inputs.Editorial: its
        decisions and catalogue entry) when given."""

    def validate(self, tei: bytes, name: str) -> Validated: ...

    def web_summary(self, tei: bytes, name: str) -> Any:
        """What the edition-wide pages and the links between pages need of a document (JSON-ready)."""

    def web_document(self, tei: bytes, name: str, links: Any, summary: Any = None) -> dict[str, bytes]:
        """A document's pages (paths relative to the output directory); paths under
        ".cache/" are kept for the cross-document steps but not published as part of the edition.
        `summary` is what web_summary gave for the same TEI, when it is at hand (None: made again)."""

    def print_document(self, tei: bytes, name: str) -> dict[str, bytes]: ...

    def web_site(self, documents: list[SiteDocument]) -> dict[str, bytes]: ...

    def web_search(self, documents: list[SiteDocument]) -> dict[str, bytes]:
        """The edition's search index (and what else is made from the pages' outputs), from each document's
        outputs under the toolchain's `search_postings` (given as its `private`: path -> bytes, or the path of
        the file where the build keeps them). Only for a toolchain that has `search_postings`."""

    def print_edition(self, documents: list[SiteDocument]) -> dict[str, bytes]: ...

    # optional: write_print_edition(documents, folder, cache=None) -> {output path: the file written in folder},
    # the edition's PDF written as it is made (the build moves the file into its outputs)


class Toolchain(Protocol):
    """The steps as seen from the main process."""

    def fingerprints(self, cache=None) -> dict[str, str]:
        """Step name -> one hash of everything its output depends on besides its input.

        `cache` (a pipeline.builder.hashing.DigestCache) may spare reading unchanged files."""

    def compile_schema(self) -> list[Message]:
        """Compile the ODD into the schemas validation uses (raises StepError)."""

    def web_links(self, summaries: dict[str, Any]) -> dict[str, Any]:
        """Per document (in name order), what its pages link to (its neighbours), from every summary."""

    def file_id(self, source_name: str) -> str:
        """The xml:id a transcript's TEI file gets (two transcripts may not share one)."""

    def write_tei(self, path, data: bytes) -> Message | None:
        """Write a converted TEI file, never over a hand-edited one (then say so: a Message coded
        "hand-edited", or "edited-during-write" when it was edited while being replaced)."""

    def clean_tei(self, folder) -> None:
        """Remove what a killed command left in the TEI folder (temporary files, an unfinished record)."""

    def remove_tei(self, path) -> bool:
        """Remove a TEI file whose transcript is gone, if it is exactly as generated."""

    def open_worker(self, outputs: frozenset[str]) -> Worker:
        """The steps making `outputs` (tei, web, print), compiled, for this process."""


def load_toolchain(spec: str) -> Toolchain:
    """The toolchain named "module:attribute" (a class or factory taking no argument)."""
    module_name, _, attribute = spec.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise EnvironmentProblem(f"cannot load the build toolchain {spec}: {error}") from None
    return factory()
