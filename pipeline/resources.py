"""Where the pipeline's own files are: its stylesheets, its ODD and compiled schemas, the npm assets.

Every command finds them here, as package data of `pipeline` (importlib.resources), never through
the repository's root. In a checkout (the editable install) `pipeline/data/` holds symbolic links to
the repository's `xslt/`, `schema/` and `node_modules/`; a wheel carries copies of them, the npm
assets with their licences, copied when the wheel is built (see pyproject.toml's package data).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

#: The name of the package's schema (its ODD is schema/pmo.odd, compiled into schema/compiled/pmo.*).
SCHEMA_NAME = "pmo"


class MissingResource(Exception):
    """A file the pipeline needs is not installed; str() is one line naming the fix."""


@lru_cache(maxsize=1)
def data_dir() -> Path:
    """The package's data folder (a real folder: the package is installed as files, not zipped)."""
    return Path(str(files("pipeline").joinpath("data")))


def xslt(*parts: str) -> Path:
    """A stylesheet or asset of xslt/ (common/, web/, print/)."""
    return data_dir().joinpath("xslt", *parts)


def schema(*parts: str) -> Path:
    """A file of the package's schema/ folder: its ODD (pmo.odd) and compiled/."""
    return data_dir().joinpath("schema", *parts)


def compiled(*parts: str) -> Path:
    """A file compiled from the package's ODD (schema/compiled/: pmo.rng, pmo.sch, pmo.sch.xsl, pmo.xsd, guidelines)."""
    return schema("compiled", *parts)


def npm(*parts: str) -> Path:
    """A file of an npm package the web edition copies (installed by `npm ci` in a checkout, copied into the wheel)."""
    return data_dir().joinpath("npm", *parts)


@dataclass(frozen=True)
class NpmAsset:
    """An npm package's file the web edition needs, and its licence."""

    package: str
    path: str
    licence: str

    @property
    def file(self) -> Path:
        return npm(self.package, self.path)


#: The npm files the web edition copies into every site (the same list pyproject.toml packages).
NPM_ASSETS = (
    NpmAsset("lunr", "lunr.min.js", "LICENSE"),
    NpmAsset("minisearch", "dist/umd/index.js", "LICENSE.txt"),
    NpmAsset("@fontsource/eb-garamond", "files/eb-garamond-latin-400-normal.woff2", "LICENSE"),
)


def missing_npm_assets() -> list[NpmAsset]:
    """The npm assets (or their licences) that are not installed."""
    return [a for a in NPM_ASSETS if not (a.file.is_file() and npm(a.package, a.licence).is_file())]


def require_npm_assets() -> None:
    """Raise MissingResource (one line, naming the fix) unless every npm asset is installed."""
    missing = missing_npm_assets()
    if missing:
        raise MissingResource(f"the web edition's npm assets are missing ({', '.join(a.package for a in missing)}): "
                              f"{NPM_FIX}")


#: How to get the npm assets: in a checkout, npm; an installed wheel carries them.
NPM_FIX = ("run `npm ci` in the pipeline's checkout (scripts/setup does), or install a pipeline wheel built "
           "after it (the wheel carries them)")
