"""The Welsh interface catalogue: complete and sound, kept in step by `make messages`, and choosing
the same plural form in Python and in the browser."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po, write_po
from playwright.sync_api import Page

from ethicskit import catalogue_upkeep, words
from ethicskit.documents import static_text
from ethicskit.export import script_safe
from ethicskit.words import _, language, n_

COUNTS = [*range(26), 100, 1000000]
"""Every count up to 25 (each Welsh plural category and the counts around them) and two large ones."""


def test_the_welsh_catalogue_is_complete_and_sound() -> None:
    """Every template message has a Welsh translation, not fuzzy, with the English placeholders."""
    assert catalogue_upkeep.problems("cy") == []


def test_welsh_is_written_from_its_catalogue() -> None:
    with language("cy"):
        assert _("Decision {number}", number=2) == "Penderfyniad 2"
        assert n_("{count} decision", "{count} decisions", 1) == "1 penderfyniad"
        assert n_("{count} decision", "{count} decisions", 2) == "2 benderfyniad"
        assert n_("{count} decision", "{count} decisions", 3) == "3 phenderfyniad"
        assert n_("{count} decision", "{count} decisions", 7) == "7 penderfyniad"


@pytest.fixture
def catalogue_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of the template and the Welsh catalogue that a test may change; returns both paths."""
    locale = tmp_path / "locale"
    shutil.copytree(words.LOCALE_DIR, locale)
    monkeypatch.setattr(catalogue_upkeep, "LOCALE_DIR", locale)
    monkeypatch.setattr(catalogue_upkeep, "TEMPLATE", locale / words.TEMPLATE.name)
    return locale / words.TEMPLATE.name, locale / "cy" / "LC_MESSAGES" / "ethicskit.po"


def _edit(path: Path, change: object) -> None:
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="cy" if path.suffix == ".po" else None)
    change(catalogue)  # type: ignore[operator]
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0, include_lineno=False)


def test_the_completeness_check_names_what_is_wrong(catalogue_copy: tuple[Path, Path]) -> None:
    """The check above can fail: a missing, an empty, a fuzzy, a misplaced-placeholder and an obsolete
    message are each named."""
    _template, welsh = catalogue_copy

    def spoil(catalogue: object) -> None:
        catalogue.delete("Start again")  # type: ignore[attr-defined]
        catalogue["Clear all"].string = ""  # type: ignore[index]
        catalogue["Check"].flags.add("fuzzy")  # type: ignore[index]
        catalogue["Decision {number}"].string = "Penderfyniad {rhif}"  # type: ignore[index]
        catalogue.add("A message no source has", "Neges")  # type: ignore[attr-defined]

    _edit(welsh, spoil)
    found = catalogue_upkeep.problems("cy")
    assert sorted(found) == sorted(
        [
            "fuzzy: 'Check'",
            "placeholders or markup differ from the English: 'Decision {number}' -> 'Penderfyniad {rhif}'",
            "untranslated: 'Clear all'",
            "missing: 'Start again'",
            "not in the template: 'A message no source has'",
        ]
    )


def test_make_messages_brings_a_new_english_message_into_welsh_untranslated(
    catalogue_copy: tuple[Path, Path],
) -> None:
    """`make messages` updates the Welsh catalogue after extraction: a new English message appears in
    it untranslated, the completeness check names it, and a message gone from the sources goes."""
    template, welsh = catalogue_copy

    def grow(catalogue: object) -> None:
        catalogue.add("A brand new label", locations=[("src/ethicskit/new.py", None)])  # type: ignore[attr-defined]
        catalogue.delete("Start again")  # type: ignore[attr-defined]

    _edit(template, grow)
    header_before = welsh.read_text(encoding="utf-8").split("\n\n", 1)[0]
    catalogue_upkeep.update("cy")
    text = welsh.read_text(encoding="utf-8")
    assert 'msgid "A brand new label"\nmsgstr ""\n' in text
    assert "#: src/ethicskit/new.py\n" in text  # files only, no line numbers
    assert 'msgid "Start again"' not in text and "#~" not in text  # no obsolete entries kept
    assert text.split("\n\n", 1)[0] == header_before  # the header, Plural-Forms and dates, kept
    assert catalogue_upkeep.problems("cy") == ["untranslated: 'A brand new label'"]
    catalogue_upkeep.update("cy")
    assert welsh.read_text(encoding="utf-8") == text  # the same input writes the same file


def test_the_welsh_catalogue_carries_babels_plural_rule() -> None:
    path = catalogue_upkeep.catalogue_path("cy")
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    assert "Plural-Forms: nplurals=5; plural=(n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 0);" in (
        path.read_text(encoding="utf-8")
    )
    assert catalogue.num_plurals == 5


PLURALS = [
    ("{count} decision", "{count} decisions"),
    ("{count} worksheet", "{count} worksheets"),
    ("{count} dilemma", "{count} dilemmas"),
    ("{count} minute", "{count} minutes"),
]


def test_python_and_the_browser_choose_the_same_welsh_plural_form(page: Page) -> None:
    """words.js picks a form by the browser's CLDR rules (zero, one, two, few, many, other); Python by
    the catalogue's gettext rule (five forms). For every count they must give the same text."""
    cy = words.words_for("cy")
    table = {"language": "cy", "messages": {}, "plurals": cy.plural_table(PLURALS)}
    element = script_safe(json.dumps(table, ensure_ascii=False))
    page.set_content(
        '<!DOCTYPE html><html lang="cy"><head><meta charset="utf-8"><title>Plurals</title></head><body>'
        f'<script type="application/json" class="ek-words">{element}</script>'
        f"<script>{static_text('words.js')}</script></body></html>"
    )
    in_browser = page.evaluate(
        "([pairs, counts]) => pairs.map(([one, many]) => counts.map("
        "(n) => window.ethicskitWords.n_(one, many, n)))",
        [PLURALS, COUNTS],
    )
    with language("cy"):
        in_python = [[n_(one, many, n) for n in COUNTS] for one, many in PLURALS]
    assert in_browser == in_python
    # The test can fail: the forms differ between counts (1, 2, 3, 6 and the rest).
    assert len({row[n] for row in in_python for n in (1, 2, 3, 6, 7)}) > len(PLURALS)


def test_each_cldr_category_is_one_gettext_form_in_welsh() -> None:
    """The browser is given one form per CLDR category (`plural_table`), so every count in a category
    must take the same gettext form; zero and other share msgstr[0] in Babel's rule for cy."""
    cy = words.words_for("cy")
    category = cy.babel_locale.plural_form
    forms: dict[str, set[str]] = {}
    for n in range(0, 2000):
        forms.setdefault(category(n), set()).add(cy.plural(*PLURALS[0], n).replace(str(n), "#"))
    assert set(forms) == {"zero", "one", "two", "few", "many", "other"}
    assert all(len(found) == 1 for found in forms.values()), forms


_THEME_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\$\{[A-Za-z]+\}|</?[A-Za-z][^>]*>")


@pytest.mark.parametrize("domain", ["sphinx", "booktheme", "togglebutton"])
def test_the_welsh_words_for_sphinx_and_the_themes_are_sound(domain: str) -> None:
    """The kit's Welsh for Sphinx's and the themes' words: every message translated, not fuzzy, with
    the English placeholders and markup."""
    path = words.LOCALE_DIR / "cy" / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    messages = [m for m in catalogue if m.id]
    assert messages
    for message in messages:
        assert isinstance(message.string, str) and message.string.strip(), message.id
        assert not message.fuzzy, message.id
        assert sorted(_THEME_PLACEHOLDER.findall(message.string)) == sorted(
            _THEME_PLACEHOLDER.findall(str(message.id))
        ), message.id


def test_sphinx_and_the_theme_words_follow_the_chosen_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loaded again once the language is chosen: the kit's words in front, Sphinx's own Welsh
    behind; and a later English build in the same process is English again."""
    import sphinx.locale
    from sphinx.locale import get_translation

    from ethicskit.sphinx import derived_templates, theme_words

    monkeypatch.setattr(
        sphinx.locale, "translators", type(sphinx.locale.translators)(sphinx.locale.translators)
    )
    monkeypatch.setattr(theme_words, "_replaced", False)
    monkeypatch.setattr(derived_templates.tempfile, "gettempdir", lambda: str(tmp_path))
    config = SimpleNamespace(
        locale_dirs=[],
        html_theme_options={"search_bar_text": "Search this book...", "extra_footer": ""},
        author="First Loyalty contributors",
        templates_path=[],
        togglebutton_hint="Click to show",
        togglebutton_hint_hide="Click to hide",
    )
    app = SimpleNamespace(srcdir=str(tmp_path), config=config, translator=None)
    sphinx_words, book_words = get_translation("sphinx"), get_translation("booktheme")
    with language("cy"):
        theme_words.follow(app, "cy")  # type: ignore[arg-type]
    assert sphinx_words("Back to top") == "Yn ôl i'r brig"  # the kit's
    assert sphinx_words("Previous topic") == "Pwnc blaenorol"  # Sphinx's own Welsh
    assert book_words("Print to PDF") == "Argraffu i PDF"
    assert app.translator is not None and app.translator.gettext("Skip to main content") == (
        "Neidio i'r prif gynnwys"
    )
    assert config.html_theme_options["search_bar_text"] == "Chwilio'r llyfr hwn..."
    assert config.author == "Cyfranwyr First Loyalty"
    assert config.togglebutton_hint == "Cliciwch i ddangos"
    derived = Path(config.templates_path[0])
    assert "_('Toggle primary sidebar')" in (derived / "toggle-primary-sidebar.html").read_text()
    # The theme's page layout is derived under the name the kit's own layout extends, not hidden by it.
    assert "<nav aria-label=\"{{ _('Page') }}\">" in (derived / "ek-theme-layout.html").read_text()
    assert not (derived / "layout.html").exists()
    theme_words.follow(app, "en")  # type: ignore[arg-type]
    assert sphinx_words("Back to top") == "Back to top"
    assert book_words("Print to PDF") == "Print to PDF"
