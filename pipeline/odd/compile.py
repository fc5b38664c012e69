"""Compile the ODD into schema/compiled/: RELAX NG, Schematron, its XSLT, XSD and the guidelines page."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline import resources
from pipeline.odd.digest import odd_digest
from pipeline.odd.guidelines import to_html
from pipeline.odd.load import OddError, load_odd
from pipeline.odd.rng import to_rng
from pipeline.odd.sch2xslt import SchematronError, compile_schematron
from pipeline.odd.schematron import to_schematron
from pipeline.odd.xsd import XsdError, to_xsd

#: The project's ODD and where its compiled schemas go (both committed).
SCHEMA_DIR = resources.schema()
DEFAULT_ODD = SCHEMA_DIR / "pmo.odd"
DEFAULT_OUT = SCHEMA_DIR / "compiled"


def compile_odd(odd: Path | str) -> dict[str, bytes]:
    """Every compiled file for the ODD at `odd`, by file name; the same bytes whenever the ODD is the same."""
    odd = Path(odd)
    schema = load_odd(odd)
    name = schema.ident
    try:
        schematron = to_schematron(schema, odd.name)
        outputs = {
            f"{name}.rng": to_rng(schema, f"{odd.name} (sha256 {odd_digest(odd)})"),
            f"{name}.sch": schematron,
            f"{name}.sch.xsl": compile_schematron(schematron),
            f"{name}.xsd": to_xsd(schema, odd.name),
            f"{name}-guidelines.html": to_html(schema),
        }
    except (XsdError, SchematronError) as error:
        raise OddError(str(odd), None, f'schemaSpec "{name}"', str(error)) from None
    return outputs


def write_outputs(outputs: dict[str, bytes], directory: Path | str) -> list[Path]:
    """Write each output atomically (a temporary file renamed into place); returns the files that changed."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, data in sorted(outputs.items()):
        target = directory / name
        if target.exists() and target.read_bytes() == data:
            continue
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        changed.append(target)
    return changed


def stale_outputs(outputs: dict[str, bytes], directory: Path | str) -> list[str]:
    """The names of compiled files that are missing or differ from what the ODD compiles to."""
    directory = Path(directory)
    return [name for name, data in sorted(outputs.items()) if not (directory / name).is_file() or (directory / name).read_bytes() != data]
