"""The project's real steps for the build tests, except that the schema is never written.

(schema/compiled/ belongs to the working tree the tests run in; the build's
schema stage itself is tested with the fake toolchain.)
"""

from __future__ import annotations

from pipeline.builder.steps import EditionToolchain
from pipeline.builder.toolchain import Message


class RealToolchain(EditionToolchain):
    def compile_schema(self) -> list[Message]:
        return [Message("info", "schema left as it is in the working tree (test)", code="schema")]
