"""The word catalogue: lookups, plurals, dates, the pseudo-locale, and a template kept current."""

from __future__ import annotations

import ast
import datetime
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ethicskit import words
from ethicskit.words import PSEUDO_CLOSE, PSEUDO_OPEN, _, language, n_, pseudo, script_messages

REPO = Path(__file__).resolve().parent.parent


def test_english_is_the_source_and_fills_placeholders() -> None:
    assert _("Decision {number}", number=3) == "Decision 3"
    assert n_("{count} choice", "{count} choices", 1) == "1 choice"
    assert n_("{count} choice", "{count} choices", 4) == "4 choices"


def test_the_pseudo_locale_marks_every_message_and_keeps_placeholders() -> None:
    with language("qps"):
        shown = _("Decision {number}", number=3)
        assert shown.startswith(PSEUDO_OPEN) and shown.endswith(PSEUDO_CLOSE)
        assert "3" in shown and "Decision" not in shown
        assert n_("{count} choice", "{count} choices", 2) == pseudo("{count} choices").format(count=2)
    # Leaving the block writes English again.
    assert _("Decision {number}", number=3) == "Decision 3"


def test_dates_are_written_by_babel_for_the_language() -> None:
    assert words.current().date(datetime.date(2026, 12, 5)) == "5 December 2026"


def test_an_unknown_language_is_refused_by_name() -> None:
    with pytest.raises(words.CatalogueError, match="no interface catalogue for language 'xx'"):
        words.words_for("xx")


def test_a_catalogue_file_is_read_and_compiled_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "ethicskit.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Decision {number}"\nmsgstr "Penderfyniad {number}"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(words, "LOCALE_DIR", tmp_path)
    words.words_for.cache_clear()
    try:
        with language("cy"):
            assert _("Decision {number}", number=2) == "Penderfyniad 2"
            assert _("Start again") == "Start again"  # not yet translated: shown as written
        assert words.available_languages() == ["cy"]
    finally:
        words.words_for.cache_clear()


def test_a_script_marks_messages_with_the_python_names(tmp_path: Path) -> None:
    script = tmp_path / "example.js"
    script.write_text(
        'var a = _("Show the whole map");\nvar b = n_("{count} step", "{count} steps", n);\n',
        encoding="utf-8",
    )
    singles, pairs = script_messages(script)
    assert singles == ("Show the whole map",)
    assert pairs == (("{count} step", "{count} steps"),)
    with language("qps"):
        table = words.script_words([script])
    assert table["messages"] == {"Show the whole map": pseudo("Show the whole map")}
    assert table["plurals"] == {
        "{count} step": {"one": pseudo("{count} step"), "other": pseudo("{count} steps")}
    }


def _message_ids(found: object) -> set[object]:
    return {message.id for message in found if message.id}  # type: ignore[attr-defined]


def test_the_catalogue_template_lists_every_message_in_the_sources() -> None:
    """`make messages` must be run after a message changes, so translators see every message."""
    method_map = [("**.py", "python"), ("**.js", "javascript")]
    found = set()
    for _filename, _line, message, _comments, _context in extract_from_dir(
        REPO / "src" / "ethicskit",
        method_map=method_map,
        keywords={**words.SCRIPT_KEYWORDS, "_": None, "N_": None},
    ):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    with words.TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    listed = {m.id if isinstance(m.id, str) else tuple(m.id) for m in template if m.id}
    missing, stale = found - listed, listed - found
    assert not missing and not stale, (
        f"run 'make messages': missing {sorted(map(str, missing))[:5]}, stale {sorted(map(str, stale))[:5]}"
    )


def message_calls(source: str) -> list[str]:
    """The literal first argument of every `_(...)` and `n_(...)` call in Python source, read from its
    syntax tree, so a call inside an f-string is found too."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "n_"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(node.args[0].value)
    return found


def test_a_message_looked_up_inside_an_f_string_is_found_by_the_check_below() -> None:
    source = 'x = f"<p>{escape(_(\'Kept out of the template\'))}</p>"\ny = n_("one", "many", 2)\n'
    assert sorted(message_calls(source)) == ["Kept out of the template", "one"]


def test_every_message_the_package_looks_up_is_in_the_template() -> None:
    """Babel's extractor does not read inside f-strings, so a message looked up there never reached the
    template or a translator, and showed in English in every language. Each call is found here from the
    syntax tree instead."""
    with words.TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    listed = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    missing = {
        f"{path.relative_to(REPO)}: {message}"
        for path in sorted((REPO / "src" / "ethicskit").rglob("*.py"))
        for message in message_calls(path.read_text(encoding="utf-8"))
        if message not in listed
    }
    assert missing == set()


def _kit_errors(trees: dict[Path, ast.Module]) -> set[str]:
    """The names of the package's own exception classes."""
    return {
        node.name
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(
            isinstance(base, ast.Name) and base.id.endswith(("Error", "Exception")) for base in node.bases
        )
    }


def test_every_error_the_kit_raises_is_worded_by_the_catalogue() -> None:
    """An error a command reports (a cartridge, a release, a handout that cannot be made) is a message,
    so it reads in the language the command writes in: no kit error is raised with a string written in
    place. The catalogue's own errors are the exception: they are what is said when no catalogue can be
    read, so they cannot come from one."""
    package = REPO / "src" / "ethicskit"
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(package.rglob("*.py"))}
    errors = _kit_errors(trees)
    assert {"CartridgeError", "ReleaseError", "PrintError", "DiagramError"} <= errors
    written_in_place = [
        f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node.exc)[:80]}"
        for path, tree in trees.items()
        if path != package / "words.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise)
        and isinstance(node.exc, ast.Call)
        and isinstance(node.exc.func, ast.Name)
        and node.exc.func.id in errors
        and node.exc.args
        and isinstance(node.exc.args[0], ast.Constant | ast.JoinedStr | ast.BinOp)
    ]
    assert written_in_place == []


def test_no_interface_text_escapes_the_catalogue_in_the_pseudo_locale_checker_itself() -> None:
    """The checker finds English outside the catalogue, and passes content and marked messages."""
    sys.path.insert(0, str(Path(__file__).parent))
    from pseudo import escaped_text

    with language("qps"):
        marked = _("Decision {number}", number=1)
    html = f"<main><p>{marked}</p><p>Start again</p><p>42</p></main>"
    assert escaped_text(html) == ["Start again"]
