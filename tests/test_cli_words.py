"""The command line in the pseudo-locale: every word it writes, help and checker report included, is a
catalogue message; only paths, line numbers, problem codes, option names and quoted content are not.

Run in-process with click's CliRunner. `with language("qps")` sets the language around a command, as a
build does; `--language` and ETHICSKIT_LANGUAGE are tested on their own.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import REPO, make_fixture_book
from ethicskit.cli import main
from ethicskit.problems import ProblemCode
from ethicskit.words import PSEUDO_OPEN, current, language
from pseudo_text import escaped_lines
from test_checker import BROKEN, Broken, break_fixture
from test_malformed import ROWS, Row, make_kit

VALID = Path(__file__).parent / "fixtures" / "valid"

# A problem line is `path:line: message [code]`; the path, its line and the code are not words.
REPORT_ALLOWED = [re.compile(r"^\S+?(:\d+)?: "), re.compile(r" \[[a-z-]+\]$")]

# One malformed input per problem code from test_malformed (the first row of each code), and every
# broken snippet of test_checker: together they reach every code either table reaches.
MALFORMED = list({row.code: row for row in reversed(ROWS)}.values())
SCENARIOS: list[Broken | Row] = [*(case for case in BROKEN if case.expected), *MALFORMED]


def _kit(tmp_path: Path, scenario: Broken | Row) -> Path:
    if isinstance(scenario, Row):
        return make_kit(tmp_path, scenario.setup)
    return break_fixture(tmp_path, scenario)


def check_in(code: str, root: Path, *options: str) -> click.testing.Result:
    with language(code):
        return CliRunner().invoke(main, ["check", "--root", str(root), *options])


def test_the_scenarios_reach_many_codes() -> None:
    """The pseudo-locale check below sees the messages of most problem codes, not a handful."""
    codes = {row.code for row in MALFORMED}
    codes |= {line.rsplit("[", 1)[1].rstrip("]") for case in BROKEN for line in case.expected}
    assert len(codes) >= 45, sorted(set(ProblemCode) - codes)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_check_reports_every_problem_through_the_catalogue(tmp_path: Path, scenario: Broken | Row) -> None:
    """`ethicskit check` in the pseudo-locale on broken content: each problem's message, the count and
    each hint are marked; only the file, line and code around a message are left as they are."""
    result = check_in("qps", _kit(tmp_path, scenario))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert PSEUDO_OPEN in result.output
    assert escaped_lines(result.output, REPORT_ALLOWED) == []


def test_the_warnings_and_the_all_clear_are_catalogue_messages() -> None:
    """Valid content with a one-sided dilemma: the all-clear, the warning and its hint are all marked."""
    result = check_in("qps", VALID)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.replace("[one-sided]", "")
    assert escaped_lines(result.output, REPORT_ALLOWED) == []


def test_json_keeps_codes_and_paths_and_translates_messages_and_hints(tmp_path: Path) -> None:
    root = break_fixture(tmp_path, BROKEN[0])
    report = json.loads(check_in("qps", root, "--format", "json").output)
    (problem,) = report["problems"]
    assert (problem["path"], problem["code"]) == ("cases/demo-case.yml", "yaml-syntax")
    assert problem["message"].startswith(PSEUDO_OPEN) and problem["hint"].startswith(PSEUDO_OPEN)


def test_every_hint_is_a_catalogue_message() -> None:
    """Every problem code's hint, reported or not in the scenarios above, is looked up in the catalogue."""
    with language("qps"):
        unmarked = [code.value for code in ProblemCode if not code.hint.startswith(PSEUDO_OPEN)]
    assert unmarked == []
    assert ProblemCode.DEAD_END.hint.startswith("Give the node a choice")  # English again outside the block


def test_english_output_is_unchanged() -> None:
    """The English report reads as before: whole sentences kept their wording."""
    result = check_in("en", VALID)
    lines = result.output.splitlines()
    assert lines[0] == "All 8 content files are valid."
    assert lines[2].startswith("exercises/dilemmas/demo-dilemma.yml:1: warning: one-sided dilemma: ")
    assert lines[4] == "1 warning."


# --- choosing the language ---------------------------------------------------------------------------


def test_the_language_option_and_the_environment_choose_the_language_then_restore_it() -> None:
    by_option = CliRunner().invoke(main, ["--language", "qps", "check", "--root", str(VALID)])
    by_env = CliRunner().invoke(main, ["check", "--root", str(VALID)], env={"ETHICSKIT_LANGUAGE": "qps"})
    assert by_option.output == by_env.output
    assert by_option.output.startswith(PSEUDO_OPEN)
    assert current().language == "en", "a command's language must not outlive the command"
    english = CliRunner().invoke(
        main, ["--language", "en", "check", "--root", str(VALID)], env={"ETHICSKIT_LANGUAGE": "qps"}
    )
    assert english.output.startswith("All 8 content files are valid.")


def test_an_unknown_language_is_refused_naming_the_known_ones() -> None:
    result = CliRunner().invoke(main, ["--language", "xx", "check", "--root", str(VALID)])
    assert result.exit_code == 2
    assert "no interface catalogue for language 'xx'" in result.output and "qps" in result.output


def test_errors_are_written_in_the_chosen_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--language", "qps", "clauses", "no-such-code", "--root", str(VALID)])
    assert result.exit_code == 1
    assert escaped_lines(result.output) == [], result.output


# --- help --------------------------------------------------------------------------------------------

COMMANDS = [
    [],
    *[[name] for name, command in sorted(main.commands.items()) if not isinstance(command, click.Group)],
    ["export"],
    *[["export", name] for name in sorted(main.commands["export"].commands)],  # type: ignore[attr-defined]
]
HELP_ALLOWED = [
    re.compile(r"(?<!\S)-{1,2}[a-z][a-z-]*,?"),  # option names
    re.compile(r"\b[A-Z][A-Z_]+\b(\.\.\.)?"),  # metavars: TEXT, PATH, COMMAND [ARGS]...
    re.compile(r"\[[a-z|-]+\]"),  # choices: [text|json]
    re.compile(r"^\s*[a-z][a-z-]+(?=\s{2,})"),  # a command's name in the list of commands
    re.compile(r"ethicskit( [a-z-]+)*"),  # the command's path in the usage line
    re.compile(re.escape(PSEUDO_OPEN) + r"[^\n]*\.\.\.$"),  # a help cut short in the list of commands
    re.compile(r"\b(case|dilemma|seminar|code|swe-cpd|asye-crl|sssc-cpl)\b"),  # choice arguments
]


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(path) or "ethicskit" for path in COMMANDS])
def test_help_is_looked_up_when_shown(path: list[str]) -> None:
    """Help is built at import time in click; the kit looks each text up when it is shown, so `--help`
    after `--language qps` has every heading, description and option help marked."""
    result = CliRunner().invoke(main, ["--language", "qps", *path, "--help"], prog_name="ethicskit")
    assert result.exit_code == 0, result.output
    assert escaped_lines(result.output, HELP_ALLOWED) == []
    english = CliRunner().invoke(main, [*path, "--help"])
    assert PSEUDO_OPEN not in english.output and "Usage:" in english.output


def test_help_is_in_the_chosen_language_wherever_the_option_stands() -> None:
    """Click reads `--help` before a later `--language`, and before the environment: the kit chooses the
    language from both before click reads anything."""
    before = CliRunner().invoke(main, ["--help", "--language", "qps"]).output
    by_env = CliRunner().invoke(main, ["--help"], env={"ETHICSKIT_LANGUAGE": "qps"}).output
    assert before.startswith(PSEUDO_OPEN) and by_env.startswith(PSEUDO_OPEN)
    assert current().language == "en"


def test_other_commands_write_through_the_catalogue(tmp_path: Path) -> None:
    """`new`, `schema` and `law` lines: every word marked; ids, paths and YAML values are not words."""
    runner = CliRunner()
    kit = tmp_path / "kit"
    shutil.copytree(VALID, kit)
    shutil.copytree(REPO / "templates", kit / "templates")
    new = runner.invoke(main, ["--language", "qps", "new", "case", "late-visit", "--root", str(kit)])
    assert new.exit_code == 0 and escaped_lines(new.output, [re.compile(r"\S+\.yml")]) == [], new.output
    law = runner.invoke(main, ["--language", "qps", "law", "demo-act", "--root", str(kit)])
    assert law.exit_code == 0 and PSEUDO_OPEN in law.output


def test_a_cartridge_or_release_that_cannot_be_made_says_why_through_the_catalogue(tmp_path: Path) -> None:
    """The errors of `cartridge` and `release` (an address that is not one, no built book) are catalogue
    messages: marked in the pseudo-locale, apart from the paths and values the user gave."""
    book = make_fixture_book(tmp_path / "book")
    out, site = str(tmp_path / "x.imscc"), str(tmp_path / "no-site")
    runs = [
        ["cartridge", "--site-url", "bad", "--out", out, "--site", site],
        ["cartridge", "--site-url", "https://example.org/book/", "--out", out, "--site", site],
        ["release", "--version", "1.0", "-o", str(tmp_path / "out"), "--student-site", site],
    ]
    for run in runs:
        result = CliRunner().invoke(main, ["--language", "qps", *run, "--root", str(book)])
        assert result.exit_code == 1, result.output
        assert escaped_lines(result.output, [re.compile(r"/\S+")]) == [], result.output
        # "Error: ..." is a message of its own: the reason inside it must be one too.
        assert result.output.count(PSEUDO_OPEN) == 2, result.output


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_stats_tables_are_written_through_the_catalogue(fmt: str) -> None:
    """`ethicskit stats`: headings, the kit's row, targets and measures marked; dilemma ids, figures,
    escalation routes (YAML identifiers) and table rules are not words."""
    result = CliRunner().invoke(main, ["--language", "qps", "stats", "--root", str(VALID), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert escaped_lines(result.output, [re.compile(r"demo-dilemma|supervision")]) == []
