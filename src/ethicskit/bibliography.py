"""The book's bibliography, read once so reading lists can be checked and printed without Sphinx.

The book's references page is built by sphinxcontrib-bibtex from the same file; this module formats
single entries with pybtex (which that extension runs on) in the same plain style, as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pybtex.backends.plaintext import Backend as TextBackend  # type: ignore[import-untyped]
from pybtex.database import BibliographyData, parse_string  # type: ignore[import-untyped]
from pybtex.exceptions import PybtexError  # type: ignore[import-untyped]
from pybtex.style.formatting.plain import Style  # type: ignore[import-untyped]

from .problems import Problem, ProblemCode
from .words import _

BIBLIOGRAPHY = "book/references.bib"
"""Where the bibliography lives, relative to the kit's root; _config.yml names the same file."""

MAX_BYTES = 2_000_000
"""A bibliography larger than this is refused rather than parsed: the file is untrusted input."""


@dataclass(frozen=True)
class Bibliography:
    """Every entry of the bibliography as one line of formatted text, by key."""

    path: str
    entries: dict[str, str] = field(default_factory=dict)
    readable: bool = True
    """False when the file is missing or could not be parsed (a broken file is reported once)."""
    missing: bool = False


def _format(data: BibliographyData) -> dict[str, str]:
    style, backend = Style(), TextBackend()
    formatted: dict[str, str] = {}
    for key, entry in data.entries.items():
        # One entry at a time: formatting a list would re-sort it by author.
        (item,) = style.format_entries([entry])
        formatted[key] = item.text.render(backend)
    return formatted


def load_bibliography(root: Path) -> tuple[Bibliography, list[Problem]]:
    """The kit's bibliography, or an empty one and a problem saying why it could not be read."""
    file = root / BIBLIOGRAPHY
    if not file.is_file():
        return Bibliography(BIBLIOGRAPHY, readable=False, missing=True), []
    if file.stat().st_size > MAX_BYTES:
        message = _(
            "the bibliography is larger than {max_bytes} bytes; split or trim it",
            max_bytes=f"{MAX_BYTES:,}",
        )
        return Bibliography(BIBLIOGRAPHY, readable=False), [
            Problem(BIBLIOGRAPHY, None, ProblemCode.BIBLIOGRAPHY, message)
        ]
    try:
        data = parse_string(file.read_text(encoding="utf-8"), "bibtex")
        entries = _format(data)
    except (PybtexError, UnicodeDecodeError, ValueError, KeyError) as error:
        message = _("the bibliography could not be read: {error}", error=str(error)[:200])
        return Bibliography(BIBLIOGRAPHY, readable=False), [
            Problem(BIBLIOGRAPHY, None, ProblemCode.BIBLIOGRAPHY, message)
        ]
    return Bibliography(BIBLIOGRAPHY, entries), []
