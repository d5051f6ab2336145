"""The `ethicskit` command as a lecturer uses it: run in this process through click's test runner (as
a separate process, it would cost a second of start-up a call), and once as the installed command."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from conftest import ETHICSKIT, FIXTURES, REPO, run_cli
from ethicskit.problems import ProblemCode


def test_the_installed_command_checks_the_kit() -> None:
    """`ethicskit` as installed, in a process of its own, from the kit's folder."""
    result = subprocess.run([str(ETHICSKIT), "check"], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("All ") and "content files are valid." in result.stdout.splitlines()[0]


def test_check_passes_on_the_fixtures() -> None:
    """Valid content: exit 0 and an all-clear; the one-sided fixture dilemma is a warning, not an error."""
    result = run_cli("check", "--root", str(FIXTURES / "valid"))
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "All 8 content files are valid."
    warning = lines[2]
    assert warning.startswith("exercises/dilemmas/demo-dilemma.yml:1: warning: one-sided dilemma: ")
    # Two decisions (the third node has a single choice): the leans are hand-checked in test_stats_json.
    assert "2 of 2 decisions have a free answer" in warning
    assert "agency and person leans correlate -0.94" in warning
    assert warning.endswith("[one-sided]")
    assert lines[4] == "1 warning."
    assert lines[6].startswith("- one-sided: ")


def test_check_json_lists_warnings_apart_from_problems() -> None:
    result = run_cli("check", "--root", str(FIXTURES / "valid"), "--format", "json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["problems"] == []
    assert [(w["path"], w["line"], w["code"], w["severity"]) for w in report["warnings"]] == [
        ("exercises/dilemmas/demo-dilemma.yml", 1, "one-sided", "warning")
    ]


def test_stats_json_on_the_fixture_dilemma() -> None:
    """The fixture's leans (agency, profession, person): comply (2,-1,-2) and ask-for-time (-1,2,2)
    with supervision at the first decision; apologise (-1,1,1) and stand-by (1,-1,-2) at the second;
    answer-complaint (1,1,-1) alone at its node, the one professional option that costs the person.

    Agency mean 2/5, person mean -2/5: products -4-2-1-2-1 = -10, less 5*(2/5)*(-2/5), gives -46/5;
    squares 8 - 4/5 = 36/5 and 14 - 4/5 = 66/5, so r = -46/5 / sqrt(36/5 * 66/5) = -0.94. Profession
    -1,2,1,-1,1 (mean 2/5) and person: 2+4+1+2-1 = 8, plus 4/5, gives 44/5 over the same root: 0.90.
    """
    result = run_cli("stats", "--root", str(FIXTURES / "valid"), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    (dilemma,) = report["dilemmas"]
    assert dilemma["dilemma"] == "demo-dilemma"
    assert report["kit"]["dilemma"] is None
    for figures in (dilemma, report["kit"]):
        assert (figures["decisions"], figures["choices"]) == (2, 5)
        assert (figures["free_answer"], figures["uniquely_best"], figures["agency_right"]) == (2, 2, 0)
        assert figures["costs_the_person"] == 1
        assert figures["correlations"]["agency_person"] == round((-46 / 5) / (36 / 5 * 66 / 5) ** 0.5, 2)
        assert figures["correlations"]["profession_person"] == round((44 / 5) / (36 / 5 * 66 / 5) ** 0.5, 2)
        assert figures["escalation"]["routes"] == {"supervision": 1}
        assert figures["escalation"]["share"] == 0.2
        assert figures["escalation"]["profession_strongly_towards"] == 1
        assert len(figures["one_sided"]) == 4


def test_stats_table_on_the_real_content() -> None:
    """The kit's own dilemmas each get a row, then a row for the whole kit."""
    result = run_cli("stats")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    dilemmas = sorted(path.stem for path in (REPO / "exercises" / "dilemmas").glob("*.yml"))
    assert [line.split()[0] for line in lines[2 : 2 + len(dilemmas)]] == dilemmas
    assert lines[3 + len(dilemmas)].startswith("whole kit")


def test_readme_balance_tables_are_what_the_kit_prints() -> None:
    """The README's kit-wide table and per-dilemma block are the kit's own output, not hand-kept figures."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    markdown = run_cli("stats", "--format", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    start = "<!-- ethicskit stats --format markdown: start -->\n"
    end = "<!-- ethicskit stats --format markdown: end -->"
    assert readme.split(start, 1)[1].split(end, 1)[0] == markdown.stdout
    text = run_cli("stats")
    opening = "Each dilemma's figures, as `ethicskit stats` prints them:\n\n```text\n"
    assert readme.split(opening, 1)[1].split("```", 1)[0] == text.stdout


def test_stats_markdown_marks_each_target_met_or_missed(tmp_path: Path) -> None:
    """The fixture kit's one dilemma is lopsided: the table says which targets it misses."""
    result = run_cli("stats", "--root", str(FIXTURES / "valid"), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ") for line in result.stdout.splitlines()[2:]}
    assert rows["decisions with a free answer"][1:] == ["2/2 (100%)", "≤ 50%", "**no** |"]
    assert rows["one-sided dilemmas"][1:] == ["1 of 1", "none", "**no** |"]
    assert rows["dilemmas with a choice where the professional option costs the person"][3] == "yes |"
    assert rows["dilemmas with a decision where the agency's request is right"][1:] == [
        "0 of 1",
        "every dilemma",
        "**no** |",
    ]
    assert rows["decisions"][1] == "2"


def test_check_passes_on_the_real_content() -> None:
    """The kit's own content is valid."""
    result = run_cli("check")
    assert result.returncode == 0, result.stdout


def test_check_reports_broken_content_without_a_traceback(tmp_path: Path) -> None:
    """Broken content: exit 1, each problem located, a count, hints, and no Python traceback."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    case = root / "cases" / "demo-case.yml"
    text = case.read_text().replace('ref: "demo-standards:1.1"', 'ref: "demo-standards:7.1"')
    case.write_text(text.replace("narrative: |", "narative: |"))
    (root / "cases" / "broken.yml").write_text("id: broken\ntitle: [unclosed\n")
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "cases/broken.yml:2: the '[' opened on this line is not closed; YAML fails on line 3 "
        "[unclosed-bracket]",
        "cases/demo-case.yml:1: missing required field 'narrative' [missing-field]",
        "cases/demo-case.yml:11: unknown field 'narative' (did you mean 'narrative'?) [unknown-field]",
        "",
        "3 problems in 2 of 9 files.",
        "",
    ]
    # The dilemma's balance warning follows the errors; then one hint per kind, errors and warnings alike.
    assert lines[6].startswith("exercises/dilemmas/demo-dilemma.yml:1: warning: one-sided dilemma:")
    assert [line for line in lines if line.startswith("- ")] == [
        "- missing-field: Add the field; 'ethicskit new case SLUG' writes a template listing every field.",
        f"- one-sided: {ProblemCode.ONE_SIDED.hint}",
        "- unclosed-bracket: Close the bracket on the same line ('[' with ']', '{' with '}'), or write a "
        "list one item per line, each starting with '- '.",
        "- unknown-field: Fix the spelling or remove the field; 'ethicskit schema' writes JSON Schemas so "
        "your editor can autocomplete field names.",
    ]


def test_check_json_output(tmp_path: Path) -> None:
    """The JSON report carries the same problems for tools."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    case = root / "cases" / "demo-case.yml"
    case.write_text(case.read_text().replace("duration_minutes: 30", "duration_minutes: 500"))
    result = run_cli("check", "--root", str(root), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files_checked"] == 8
    assert [(p["path"], p["line"], p["code"]) for p in report["problems"]] == [
        ("cases/demo-case.yml", 39, "invalid-value")
    ]


def test_new_case_writes_a_template_that_the_checker_flags(tmp_path: Path) -> None:
    """`new case` copies the template with the id filled in; until edited, the TODOs are reported."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(REPO / "templates", root / "templates")
    result = run_cli("new", "case", "late-visit", "--root", str(root))
    assert result.returncode == 0, result.stderr
    written = root / "cases" / "late-visit.yml"
    assert "id: late-visit\n" in written.read_text()
    check = run_cli("check", "--root", str(root))
    assert check.returncode == 1
    lines = [line for line in check.stdout.splitlines() if line.startswith("cases/late-visit.yml")]
    assert lines, check.stdout
    # The fixture kit has none of the real codes or statutes the template cites, so those references are
    # reported too.
    assert all(
        line.endswith(("[todo-left]", "[unknown-code]", "[cited-codes]", "[unknown-law]")) for line in lines
    ), lines


def test_new_refuses_bad_slugs_and_existing_files(tmp_path: Path) -> None:
    """Mistakes in `new` are one-line errors."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(REPO / "templates", root / "templates")
    bad = run_cli("new", "case", "Late_Visit", "--root", str(root))
    assert bad.returncode == 1
    assert bad.stderr.strip() == (
        "Error: 'Late_Visit' is not a valid id: use lower-case words joined by hyphens, e.g. 'late-visit'."
    )
    again = run_cli("new", "case", "demo-case", "--root", str(root))
    assert again.returncode == 1
    assert "cases/demo-case.yml already exists" in again.stderr


def test_new_dilemma_template_is_complete_once_filled(tmp_path: Path) -> None:
    """Replacing the template's placeholders yields a dilemma the checker accepts."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(REPO / "templates", root / "templates")
    assert run_cli("new", "dilemma", "friday", "--root", str(root)).returncode == 0
    path = root / "exercises" / "dilemmas" / "friday.yml"
    text = (
        path.read_text()
        .replace('"TODO-case-id"', "demo-case")
        .replace("swe-2019:1.2", "demo-standards:1.1")
        .replace("care-act-2014:9", "demo-act:1")
        .replace("care-act-2014:1", "demo-act:2(1)")
    )
    path.write_text(text.replace("TODO:", "Filled in:").replace('"TODO"', '"Filled in"'))
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 0, result.stdout


def test_schema_writes_one_schema_per_content_type(tmp_path: Path) -> None:
    """`schema` writes JSON Schemas an editor can use, matching the committed copies."""
    result = run_cli("schema", "-o", str(tmp_path))
    assert result.returncode == 0
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [
        "case.schema.json",
        "code-of-practice.schema.json",
        "curriculum-framework.schema.json",
        "curriculum-map.schema.json",
        "dilemma.schema.json",
        "law.schema.json",
        "seminar.schema.json",
    ]
    case = json.loads((tmp_path / "case.schema.json").read_text())
    assert "narrative" in case["required"]
    assert "law" in case["required"]
    law = json.loads((tmp_path / "law.schema.json").read_text())
    assert {"nations", "official_url", "status", "kind"} <= set(law["required"])
    for name in names:
        committed = REPO / "schemas" / name
        assert committed.read_text() == (tmp_path / name).read_text(), f"run 'ethicskit schema' ({name})"


def test_law_lists_instruments_and_provisions() -> None:
    """`law` lists the statute digests, and `law ID` each provision with whether it was verified."""
    listing = run_cli("law", "--root", str(FIXTURES / "valid"))
    assert listing.returncode == 0
    assert [line.split()[0] for line in listing.stdout.splitlines()] == ["demo-act", "demo-scottish-act"]
    one = run_cli("law", "demo-act", "--root", str(FIXTURES / "valid"))
    assert one.stdout.splitlines() == [
        "demo-act:1            [verified] Duty to assess",
        "demo-act:2(1)         [UNVERIFIED] Enquiries",
    ]
    missing = run_cli("law", "nope", "--root", str(FIXTURES / "valid"))
    assert missing.returncode == 1
    known = "demo-act, demo-scottish-act"
    assert missing.stderr.strip() == f"Error: no instrument 'nope' in law/ (known: {known})"


def test_clauses_lists_a_code(tmp_path: Path) -> None:
    """`clauses CODE` lists every clause id with its polarity, so authors can find references."""
    result = run_cli("clauses", "demo-standards", "--root", str(FIXTURES / "valid"))
    assert result.returncode == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids == [f"demo-standards:{n}" for n in ("1.1", "1.2", "1.10", "2.1", "2.2")]
    assert "[do-not]" in result.stdout.splitlines()[3]
    missing = run_cli("clauses", "nope", "--root", str(FIXTURES / "valid"))
    assert missing.returncode == 1
    assert (
        missing.stderr.strip()
        == "Error: no code 'nope' in codes_of_practice/ (known: demo-old, demo-standards, pcf)"
    )


def test_new_seminar_template_is_complete_once_filled(tmp_path: Path) -> None:
    """The seminar template, rubric and exemplar included, passes the checker once filled in."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(REPO / "templates", root / "templates")
    assert run_cli("new", "seminar", "first-week", "--root", str(root)).returncode == 0
    path = root / "exercises" / "seminars" / "first-week.yml"
    text = re.sub(r"swe-2019:[0-9.]+", "demo-standards:1.1", path.read_text())
    text = text.replace("banks2021ethics", "example2020deadlines")
    path.write_text(text.replace("TODO:", "Filled in:").replace('"TODO"', '"Filled in"'))
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 0, result.stdout
