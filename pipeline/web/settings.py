"""The web edition's settings for citations: its published address, editors and release.

A project settings file is to come (another issue); until then these defaults hold, and `pipeline web
--base-url/--editor/--release` override them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import __version__

#: Where the edition is published (a placeholder address, reserved for examples: set the real one
#: with --base-url until the project's settings file carries it).
DEFAULT_BASE_URL = "https://pmo-papers.example.org/"
#: Who edits the edition (cited as its editors).
DEFAULT_EDITORS = ("PMO Papers project",)


@dataclass(frozen=True)
class Citation:
    """What a citation of the edition names: its title, address, editors and release."""

    edition_title: str = "PMO Papers"
    base_url: str = DEFAULT_BASE_URL
    editors: tuple[str, ...] = DEFAULT_EDITORS
    release: str = __version__

    def as_params(self) -> dict:
        return {"edition-title": self.edition_title, "base-url": self.base_url,
                "editors": list(self.editors), "release": self.release}


def normalise_base_url(url: str) -> str:
    """An http(s) address ending in "/" (ValueError otherwise)."""
    if not url.startswith(("https://", "http://")):
        raise ValueError("the base URL must start with https:// or http://")
    return url if url.endswith("/") else url + "/"
