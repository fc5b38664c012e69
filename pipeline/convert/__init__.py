"""Convert one OCR transcript into TEI: the library API behind `pipeline convert`.

    conversion = convert_bytes(data, "001_2bcad8b2cf3253a8.txt")
    conversion.tei        # bytes of the TEI file
    conversion.warnings   # ConverterWarning(line, code, message), each located in the transcript
    conversion.drops      # what was deliberately left out of the TEI text, and why

The names below load lazily (`pipeline.convert.converter` and the rules it imports are the
converter's cost), so a command that only needs `pipeline.convert.inputs` pays nothing for them.
"""

from __future__ import annotations

import importlib
from typing import Any

#: public name -> the module that defines it
_API = {
    "Conversion": "converter", "convert_bytes": "converter",
    "ConversionError": "decode", "DecisionError": "decisions", "InvalidTEIError": "check",
    "CatalogueError": "catalogue", "Entry": "catalogue", "read_catalogue": "catalogue",
}
_OUTPUT = {"HandEditedError", "write_tei"}

__all__ = sorted([*_API, *_OUTPUT])


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(f"pipeline.convert.{_API[name]}"), name)
    if name in _OUTPUT:
        return getattr(importlib.import_module("pipeline.output"), name)
    raise AttributeError(f"module 'pipeline.convert' has no attribute {name!r}")
