"""Keeping each language's word catalogue in step with the template, and saying what it lacks.

`make messages` extracts the template (`locale/ethicskit.pot`) and then runs this module, which
brings every language's `ethicskit.po` up to date: a new English message appears untranslated, a
message gone from the sources is dropped (no obsolete entries are kept), and nothing is guessed
(no fuzzy matching, so a changed message is untranslated rather than wrongly translated). The file
is written the same way each time (no wrapping, no line numbers, the header's dates kept), so a
change to a catalogue shows only the messages that changed.

`problems(language)` lists what stops a catalogue from being complete and sound; a test fails on
any of them, so a Welsh build never shows an English interface message by accident.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from .words import DOMAIN, LOCALE_DIR, TEMPLATE, available_languages

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_MARKUP = re.compile(r"</?[A-Za-z][^>]*>")


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def write(catalogue: Catalog, path: Path) -> None:
    """Write a catalogue as `pybabel update --no-wrap` would, without line numbers or obsolete
    entries."""
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0, include_lineno=False, ignore_obsolete=True)


def update(language: str) -> Catalog:
    """Bring `language`'s catalogue in step with the template and write it back."""
    path = catalogue_path(language)
    catalogue = _read(path, language)
    kept_dates = catalogue.creation_date, catalogue.revision_date
    catalogue.update(_read(TEMPLATE), no_fuzzy_matching=True, update_header_comment=False)
    # The template carries no header (so extraction is stable), which would stamp the catalogue with
    # the time of each run: keep its own dates instead.
    catalogue.creation_date, catalogue.revision_date = kept_dates
    catalogue.obsolete.clear()
    write(catalogue, path)
    return catalogue


def _forms(message: Message) -> list[str]:
    if isinstance(message.string, (list, tuple)):
        return [form or "" for form in message.string]
    return [message.string or ""]


def _shape(text: str) -> tuple[list[str], list[str]]:
    return sorted(_PLACEHOLDER.findall(text)), sorted(_MARKUP.findall(text))


def problems(language: str) -> list[str]:
    """What keeps `language`'s catalogue from covering the template soundly: each missing, empty or
    fuzzy message, each translation whose placeholders or markup differ from the English, and each
    obsolete entry, named by its English text."""
    catalogue = _read(catalogue_path(language), language)
    template = _read(TEMPLATE)
    found: list[str] = []
    for wanted in template:
        if not wanted.id:
            continue
        key = wanted.id if isinstance(wanted.id, str) else wanted.id[0]
        message = catalogue.get(wanted.id)
        if message is None:
            found.append(f"missing: {key!r}")
            continue
        forms = _forms(message)
        if message.fuzzy:
            found.append(f"fuzzy: {key!r}")
        if isinstance(wanted.id, tuple) and len(forms) != catalogue.num_plurals:
            found.append(f"{len(forms)} plural forms, not {catalogue.num_plurals}: {key!r}")
        if not all(form.strip() for form in forms):
            found.append(f"untranslated: {key!r}")
            continue
        english = str(wanted.id[-1] if isinstance(wanted.id, (list, tuple)) else wanted.id)
        for form in forms:
            if _shape(form) != _shape(english):
                found.append(f"placeholders or markup differ from the English: {key!r} -> {form!r}")
    listed = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    for message in catalogue:
        key = message.id if isinstance(message.id, str) else message.id[0]
        if message.id and key not in listed:
            found.append(f"not in the template: {key!r}")
    found += [f"obsolete: {key!r}" for key in catalogue.obsolete]
    return found


def main() -> None:
    for language in available_languages():
        catalogue = update(language)
        untranslated = sum(1 for m in catalogue if m.id and not all(_forms(m)))
        print(
            f"{catalogue_path(language).relative_to(LOCALE_DIR.parent.parent.parent)}: "
            f"{untranslated} untranslated",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
