"""The compiler's one error, in a module of its own: `pipeline validate` catches it without importing the compiler."""

from __future__ import annotations


class OddError(Exception):
    """The ODD uses something the compiler does not handle, or is inconsistent; names the spec and line."""

    def __init__(self, path: str, line: int | None, spec: str, message: str) -> None:
        self.path, self.line, self.spec, self.message = path, line, spec, message
        super().__init__(f"{path}:{line or 0}: {spec}: {message}")
