"""What the last published build made: per target, the hashes of its inputs, its outputs, its messages.

The state is stored inside the published output directory, so that it is
swapped in with the outputs it describes, in the same step. It holds no
clock time: a clean build and an incremental build of the same inputs
write the same state, byte for byte.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.builder.hashing import combine

#: The state file, inside the output directory.
STATE_NAME = ".pipeline-build.json"
FORMAT = 1


@dataclass
class Record:
    """One target as built: its input hashes, whether it succeeded, and what it wrote."""

    inputs: dict[str, str]
    ok: bool = True
    outputs: dict[str, str] = field(default_factory=dict)  # path relative to the output dir -> sha256
    messages: list[dict[str, Any]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def key(self) -> str:
        return key_of(self.inputs)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"inputs": self.inputs, "ok": self.ok}
        for name in ("outputs", "messages", "data"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.error:
            out["error"] = self.error
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Record:
        return cls(
            inputs=dict(raw["inputs"]),
            ok=bool(raw.get("ok", True)),
            outputs=dict(raw.get("outputs", {})),
            messages=list(raw.get("messages", [])),
            data=dict(raw.get("data", {})),
            error=raw.get("error"),
        )


def key_of(inputs: dict[str, str]) -> str:
    """The key of a target: one hash of its named input hashes."""
    return combine(*(f"{name}={inputs[name]}" for name in sorted(inputs)))


def changed_inputs(old: Record | None, inputs: dict[str, str]) -> list[str]:
    """Which named inputs differ from the recorded ones ("new" when nothing was recorded)."""
    if old is None:
        return ["new"]
    names = sorted(set(old.inputs) | set(inputs))
    return [name for name in names if old.inputs.get(name) != inputs.get(name)]


@dataclass
class State:
    """Per document, per step, the record of what was built; and the same for site-wide targets."""

    documents: dict[str, dict[str, Record]] = field(default_factory=dict)
    site: dict[str, Record] = field(default_factory=dict)
    raw: bytes = b""  # the file it was loaded from

    def record(self, document: str, step: str) -> Record | None:
        return self.documents.get(document, {}).get(step)

    def dump(self) -> bytes:
        raw = {
            "format": FORMAT,
            "documents": {
                name: {step: rec.as_dict() for step, rec in sorted(steps.items())}
                for name, steps in sorted(self.documents.items())
            },
            "site": {step: rec.as_dict() for step, rec in sorted(self.site.items())},
        }
        # No indent: the C encoder is used, which matters for a no-op build of thousands of files.
        return (json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def load(cls, output_dir: Path) -> State:
        """The state of the build published in `output_dir`; empty when there is none or it is unreadable."""
        try:
            data = (output_dir / STATE_NAME).read_bytes()
            raw = json.loads(data)
            if raw.get("format") != FORMAT:
                return cls()
            return cls(
                raw=data,
                documents={
                    name: {step: Record.from_dict(rec) for step, rec in steps.items()}
                    for name, steps in raw["documents"].items()
                },
                site={step: Record.from_dict(rec) for step, rec in raw["site"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def all_outputs(self) -> set[str]:
        """Every output path any record names."""
        paths = {p for rec in self.site.values() for p in rec.outputs}
        for steps in self.documents.values():
            for rec in steps.values():
                paths.update(rec.outputs)
        return paths
