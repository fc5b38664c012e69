"""The `pipeline` command: a thin click group whose commands load lazily.

Each command lives in the module that owns its work; this file only names
them, so `pipeline --help` imports no heavy library.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from pipeline import __version__

#: command name -> "module:attribute" of its click command, and a one-line help.
COMMANDS: dict[str, tuple[str, str]] = {
    "convert": ("pipeline.convert_cli:convert", "Convert OCR transcripts into TEI."),
    "decisions": ("pipeline.decisions_cli:decisions", "Turn hand edits of TEI files into editors' decisions."),
    "registers": ("pipeline.registers_cli:registers", "List the registers of persons, organisations and places; add to them."),
    "schema": ("pipeline.odd.cli:schema", "Compile the ODD into RELAX NG, Schematron, XSD and guidelines."),
    "validate": ("pipeline.validate_cli:validate", "Validate TEI files against the project schema."),
    "web": ("pipeline.web.cli:web", "Make the static web edition from the TEI."),
    "print": ("pipeline.print.cli:print_", "Make the PDF print edition from the TEI."),
    "build": ("pipeline.builder.cli:build", "Build the whole edition, incrementally and in parallel."),
    "init": ("pipeline.init_cli:init", "Make a new edition project: project file, folders, examples."),
    "doctor": ("pipeline.doctor_cli:doctor", "List what the environment has and lacks."),
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(name):
            return None
        target, _ = COMMANDS[name]
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(name: str) -> bool:
    """Whether the module behind a command is installed (looked up on disk: importing it would be slow)."""
    parts = COMMANDS[name][0].split(":")[0].split(".")[1:]
    base = Path(__file__).parent.joinpath(*parts)
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pipeline")
def main() -> None:
    """Turn OCR transcripts into a TEI P5 edition, validate it, publish it."""
