"""An edition project: its project file (`pipeline.toml`, or `[tool.pipeline]` in `pyproject.toml`), found by
walking up from the working directory as git does, with defaults for a project that has none.

    project = load_project()                     # ProjectError (one line) for an unreadable file
    project = project.override(tei="other/")     # command-line options win over the file
    project.edition.title, project.tei, project.registers, project.schema_href("rng")

The file's keys (every one optional; paths are relative to the file's folder)::

    [edition]  title, subtitle, editors (a list), publisher, licence, licence_url, base_url, archive, series
    [paths]    sources, tei, catalogue, registers, output, schema (the compiled schemas contributors
               validate against, which the TEI files' xml-model instructions name), odd (the project's own ODD)
"""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import resources

PROJECT_FILE = "pipeline.toml"
#: The environment variable that hands the main process's edition settings to the build's workers.
EDITION_ENV = "PIPELINE_EDITION"


class ProjectError(Exception):
    """The project file cannot be used; str() is one line naming the file and the fault."""


@dataclass(frozen=True)
class Edition:
    """What the edition says of itself: in its pages, its PDFs, its TEI headers and citations."""

    title: str = "A digital edition"
    subtitle: str = ""
    editors: tuple[str, ...] = ()
    publisher: str = ""
    licence: str = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"
    #: Where the web edition is published ("" when not yet known), ending in "/".
    base_url: str = ""
    archive: str = ""
    series: str = ""
    #: What the TEI files' xml-model instructions point at: a URL or a path relative to the TEI folder, ending in "/".
    schema_location: str = "../schema/"
    #: The compiled schemas validation uses (a folder; "": the pipeline's), and their name (pmo.rng…).
    compiled: str = ""
    schema_name: str = resources.SCHEMA_NAME
    #: The project's schema folder (the compiled schemas its TEI files point at) and its own ODD ("": none).
    schema_dir: str = ""
    odd: str = ""

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Edition:
        data = json.loads(text)
        data["editors"] = tuple(data.get("editors", ()))
        return cls(**{k: v for k, v in data.items() if k in {f.name for f in dataclasses.fields(cls)}})

    def schema_href(self, kind: str) -> str:
        """The xml-model target of the RELAX NG ("rng") or Schematron ("sch") schema."""
        return f"{self.schema_location}{self.schema_name}.{kind}"

    def compiled_dir(self) -> Path:
        return Path(self.compiled) if self.compiled else resources.compiled()

    def publication(self):
        """What the converter writes of the edition in each TEI header (pipeline.convert.tei.header)."""
        from pipeline.convert.tei.header import Publication

        return Publication(publisher=self.publisher or self.title, licence=self.licence, licence_url=self.licence_url,
                           schema=self.schema_href("rng"), archive=self.archive, series=self.series)


_EDITION_KEYS = {f.name for f in dataclasses.fields(Edition)} - {"schema_location", "compiled", "schema_name", "schema_dir", "odd"}
_PATH_KEYS = ("sources", "tei", "catalogue", "registers", "output", "schema", "odd")


@dataclass(frozen=True)
class Project:
    """An edition project: its folder, its file (None when it has none), its edition and its paths."""

    root: Path
    file: Path | None = None
    edition: Edition = field(default_factory=Edition)
    sources: Path = Path("sources")
    tei: Path = Path("tei")
    catalogue: Path = Path("sources/catalogue.csv")
    registers: Path = Path("registers")
    output: Path = Path("build")
    #: Where the compiled schemas contributors validate against are kept (the xml-model targets).
    schema: Path = Path("schema")
    #: The project's own ODD (None: the pipeline's), compiled into `schema`.
    odd: Path | None = None

    def override(self, **options) -> Project:
        """This project with the options given (not None) in place of its file's values; edition keys
        (title, base_url, editors…) and paths (tei, output…) alike."""
        edition = {k: v for k, v in options.items() if k in _EDITION_KEYS and v is not None}
        paths = {k: _here(Path(v)) for k, v in options.items() if k in _PATH_KEYS and v is not None}
        unknown = set(options) - _EDITION_KEYS - set(_PATH_KEYS)
        if unknown:
            raise TypeError(f"not a project setting: {', '.join(sorted(unknown))}")
        if "base_url" in edition:
            edition["base_url"] = _base_url(edition["base_url"], "--base-url")
        if "editors" in edition:
            edition["editors"] = tuple(edition["editors"])
        project = dataclasses.replace(self, edition=dataclasses.replace(self.edition, **edition), **paths)
        return project.settled()

    def settled(self) -> Project:
        """The edition's schema location and compiled schemas, made from its base URL and paths."""
        if self.edition.base_url:
            location = f"{self.edition.base_url}schema/"
        else:
            location = Path(os.path.relpath(self.schema.resolve(), self.tei.resolve())).as_posix() + "/"
        compiled, name = "", resources.SCHEMA_NAME
        if self.odd is not None:
            compiled, name = str(self.schema.resolve()), odd_ident(self.odd)
        return dataclasses.replace(self, edition=dataclasses.replace(
            self.edition, schema_location=location, compiled=compiled, schema_name=name,
            schema_dir=str(self.schema.resolve()), odd=str(self.odd.resolve()) if self.odd is not None else ""))


def catalogue_cache(sources: Path, catalogue: Path | None) -> dict:
    """A cache for pipeline.convert.inputs.editorial_inputs holding the project's catalogue as the one of its
    sources folder, when the project file puts it elsewhere than beside the transcripts (CatalogueError
    when it cannot be read; no catalogue file is an empty catalogue)."""
    from pipeline.convert.catalogue import read_catalogue
    from pipeline.convert.inputs import CATALOGUE_NAME

    if catalogue is None or catalogue.resolve() == (sources / CATALOGUE_NAME).resolve():
        return {}
    if not catalogue.is_file() or catalogue.is_symlink():
        return {sources: {}}
    return {sources: read_catalogue(catalogue.read_bytes(), str(catalogue))}


def find_project_file(start: Path | None = None) -> Path | None:
    """The nearest `pipeline.toml`, or `pyproject.toml` with a [tool.pipeline] table, from `start` (the
    working directory) up to the filesystem's root."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "tool" in (data := _read_toml(pyproject)) and "pipeline" in data["tool"]:
            return pyproject
    return None


def load_project(start: Path | None = None) -> Project:
    """The project the working directory (or `start`) is in; defaults when there is no project file."""
    path = find_project_file(start)
    if path is None:
        return Project(root=(start or Path.cwd()).resolve()).settled()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data["tool"]["pipeline"]
    return _project(path, data).settled()


def _project(path: Path, data: dict) -> Project:
    unknown = set(data) - {"edition", "paths"}
    if unknown:
        raise ProjectError(f"{path}: unknown table {sorted(unknown)[0]!r} (expected [edition] and [paths])")
    edition_data, path_data = data.get("edition", {}), data.get("paths", {})
    for table, allowed in (("edition", _EDITION_KEYS), ("paths", set(_PATH_KEYS))):
        values = data.get(table, {})
        if not isinstance(values, dict):
            raise ProjectError(f"{path}: [{table}] must be a table")
        for key, value in values.items():
            if key not in allowed:
                raise ProjectError(f"{path}: [{table}] {key}: not a setting (expected one of {', '.join(sorted(allowed))})")
            if key == "editors":
                if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                    raise ProjectError(f"{path}: [edition] editors must be a list of names")
            elif not isinstance(value, str):
                raise ProjectError(f"{path}: [{table}] {key} must be a string")
    edition = dict(edition_data)
    if "editors" in edition:
        edition["editors"] = tuple(edition["editors"])
    if edition.get("base_url"):
        edition["base_url"] = _base_url(edition["base_url"], f"{path}: [edition] base_url")
    root = path.parent
    defaults = {f.name: f.default for f in dataclasses.fields(Project) if f.name in _PATH_KEYS}
    paths = {key: _here(root / value) for key, default in defaults.items()
             if (value := path_data.get(key) or default) is not None}
    project = Project(root=root, file=path, edition=Edition(**edition), **paths)
    if project.odd is not None and not project.odd.is_file():
        raise ProjectError(f"{path}: [paths] odd: {project.odd} is not a file")
    return project


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as stream:
            return tomllib.load(stream)
    except OSError as error:
        raise ProjectError(f"{path}: cannot read it ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise ProjectError(f"{path}: not TOML ({error})") from None


def _here(path: Path) -> Path:
    """A path relative to the working directory when it is inside it (shorter messages), else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd())
    except ValueError:
        return absolute


def _base_url(url: str, where: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise ProjectError(f"{where}: the base URL must start with https:// or http:// (not {url!r})")
    return url if url.endswith("/") else url + "/"


def odd_ident(odd: Path) -> str:
    """The name of the schema an ODD defines (its schemaSpec's @ident), which names its compiled files."""
    from pipeline.safexml import XMLInputError, parse

    try:
        spec = parse(odd.read_bytes(), name=str(odd)).getroot().find(".//{http://www.tei-c.org/ns/1.0}schemaSpec")
    except (OSError, XMLInputError) as error:
        raise ProjectError(f"{odd}: cannot read the project's ODD ({error})") from None
    if spec is None or not spec.get("ident"):
        raise ProjectError(f"{odd}: the project's ODD has no schemaSpec with an @ident")
    return spec.get("ident")


def current_edition() -> Edition:
    """The edition settings of this process: the main process's (handed over in $PIPELINE_EDITION), else the project's."""
    text = os.environ.get(EDITION_ENV)
    if text:
        return Edition.from_json(text)
    try:
        return load_project().edition
    except ProjectError:
        return Edition()


@contextmanager
def edition_settings(edition: Edition) -> Iterator[None]:
    """Within the block, this process and those it starts (the build's workers) use these edition settings."""
    previous = os.environ.get(EDITION_ENV)
    os.environ[EDITION_ENV] = edition.to_json()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(EDITION_ENV, None)
        else:
            os.environ[EDITION_ENV] = previous
