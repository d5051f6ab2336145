"""The accessibility conformance report follows from the evidence: every level is derived, never typed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docutils import nodes

from ethicskit.cli import main
from ethicskit.conformance import CRITERIA, Evidence, axe_page, criteria_of, judge, report, write
from ethicskit.sphinx.conformance import render_no_evidence, render_report
from ethicskit.words import PSEUDO_OPEN, language
from pseudo_text import escaped_lines


def _rule(rule_id: str, tags: list[str], nodes: int = 1) -> dict[str, object]:
    return {"id": rule_id, "tags": tags, "nodes": [{}] * nodes}


def _evidence() -> Evidence:
    """Three pages: contrast fails on one, the title passes everywhere, media rules never apply."""
    pages = []
    for index in range(3):
        response = {
            "testEngine": {"version": "4.0.0"},
            "passes": [_rule("document-title", ["wcag2a", "wcag242"])],
            "violations": [_rule("color-contrast", ["wcag2aa", "wcag143"], 2)] if index == 1 else [],
            "incomplete": [_rule("link-in-text-block", ["wcag2a", "wcag141"], 3)] if index == 2 else [],
            "inapplicable": [_rule("video-caption", ["wcag2a", "wcag122"])],
        }
        if index != 1:
            response["passes"].append(_rule("color-contrast", ["wcag2aa", "wcag143"]))
        pages.append(axe_page("student", f"page-{index}.html", response))
    walks = [{"dilemma": "d", "ending": "a", "played": True}, {"dilemma": "d", "ending": "b", "played": True}]
    return Evidence(pages, walks)


def _levels(evidence: Evidence) -> dict[str, str]:
    return {j.number: j.conformance for j in judge(evidence)}


def test_the_criteria_are_wcag_2_1_a_and_aa() -> None:
    levels = [level for _, _, level in CRITERIA]
    assert (levels.count("A"), levels.count("AA")) == (30, 20)
    assert len({number for number, _, _ in CRITERIA}) == 50


def test_axe_tags_name_criteria() -> None:
    assert criteria_of(["wcag2a", "wcag143", "wcag1410", "best-practice", "wcag21aa"]) == ["1.4.3", "1.4.10"]


def test_a_rule_listed_under_several_outcomes_takes_the_worst() -> None:
    """axe lists colour contrast under `passes` for the text it could judge and under `incomplete` for
    the text it could not, on the same page: the page's outcome for it is undecided, not passed; and a
    rule that failed on some elements failed, whatever passed."""
    contrast, name = (["wcag2aa", "wcag143"], ["wcag2a", "wcag412"])
    response = {
        "passes": [_rule("color-contrast", contrast, 40), _rule("button-name", name, 3)],
        "incomplete": [_rule("color-contrast", contrast, 12)],
        "violations": [_rule("button-name", name, 1)],
    }
    rules = axe_page("student", "page.html", response)["rules"]
    assert rules["color-contrast"] == {"outcome": "incomplete", "criteria": ["1.4.3"], "nodes": 12}
    assert rules["button-name"] == {"outcome": "violations", "criteria": ["4.1.2"], "nodes": 1}
    contrast_judged = next(
        j for j in judge(Evidence([axe_page("student", "page.html", response)], [])) if j.number == "1.4.3"
    )
    assert contrast_judged.conformance == "Not evaluated"
    # Where the undecided items are, so that a person knows where to look.
    assert contrast_judged.remarks.endswith(
        "need a person to check: color-contrast (12); on 1 page: student: page.html."
    )


def test_levels_follow_from_the_evidence() -> None:
    levels = _levels(_evidence())
    assert levels["2.4.2"] == "Supports"  # passed on every page
    assert levels["1.4.3"] == "Partially supports"  # failed on one page of three
    contrast = next(j for j in judge(_evidence()) if j.number == "1.4.3")
    assert contrast.remarks.startswith("axe-core rules passed: color-contrast (on 2 of 3 pages).")
    assert levels["1.4.1"] == "Not evaluated"  # axe could not decide
    assert levels["1.2.2"] == "Not evaluated"  # its rule never applied
    assert levels["3.3.4"] == "Not evaluated"  # nothing tests it
    assert levels["2.1.1"] == levels["2.1.2"] == "Supports"  # every path played by keyboard


def test_a_walk_that_did_not_finish_is_reported() -> None:
    evidence = _evidence()
    evidence.keyboard[1]["played"] = False
    judged = {j.number: j for j in judge(evidence)}
    assert judged["2.1.1"].conformance == "Partially supports"
    assert "1 of 2 recorded paths" in judged["2.1.1"].remarks and "d to b" in judged["2.1.1"].remarks


def test_failures_everywhere_do_not_support() -> None:
    evidence = _evidence()
    for page in evidence.axe:
        page["rules"]["document-title"]["outcome"] = "violations"
    assert _levels(evidence)["2.4.2"] == "Does not support"


def test_no_evidence_supports_nothing() -> None:
    assert set(_levels(Evidence()).values()) == {"Not evaluated"}


def test_the_report_lists_every_criterion_with_its_evidence(tmp_path: Path) -> None:
    text = report(_evidence(), "2026-12-04")
    for number, name, _ in CRITERIA:
        assert f"| {number} {name} |" in text
    assert "axe-core found failures on 1 page: student: page-1.html." in text
    assert "axe-core 4.0.0" in text and "test run of the kit dated 2026-12-04" in text
    assert (
        "| 1.2.2 Captions (Prerecorded) | Not evaluated | axe-core's rules for it (video-caption) found"
        in text
    )
    assert "| 3.3.4 Error Prevention (Legal, Financial, Data) | Not evaluated | No automated test" in text
    saved = tmp_path / "evidence.json"
    saved.write_text(_evidence().as_json(), encoding="utf-8")
    output = tmp_path / "report.md"
    result = CliRunner().invoke(main, ["conformance", str(saved), "-o", str(output), "--date", "2026-12-04"])
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8") == text
    saved.write_text(json.dumps({"axe": [{"page": "x"}]}), encoding="utf-8")
    broken = CliRunner().invoke(main, ["conformance", str(saved), "-o", str(output)])
    assert broken.exit_code == 1 and "not the evidence a test run writes" in broken.output


def test_written_evidence_keeps_its_date_and_gives_the_same_report(tmp_path: Path) -> None:
    """The date travels with the evidence, so the book's page and the command agree without a --date."""
    data, text = write(_evidence(), tmp_path, "2026-01-01")
    saved = Evidence.read(data)
    assert saved.date == "2026-01-01" and saved.axe == _evidence().axe
    assert report(saved) == text.read_text(encoding="utf-8")
    again = tmp_path / "again.md"
    result = CliRunner().invoke(main, ["conformance", str(data), "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert again.read_text(encoding="utf-8") == text.read_text(encoding="utf-8")
    assert "dated 2026-01-01" in again.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content",
    ["[]", '{"axe": {}}', '{"axe": ["a page"]}', '{"axe": [], "keyboard": ["a walk"]}', '{"date": 5}', "{"],
)
def test_evidence_in_another_shape_is_refused(tmp_path: Path, content: str) -> None:
    saved = tmp_path / "evidence.json"
    saved.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError):
        Evidence.read(saved)


# --- the report in the pseudo-locale: every word of it is a catalogue message ------------------------

# Markdown's own marks and a table's rule are not words; nor is the kit's name in the title.
MARKDOWN_ALLOWED = [re.compile(r"^#+ "), re.compile(r"^\| --- \| --- \| --- \|$")]


def test_the_report_file_is_written_through_the_catalogue() -> None:
    """The bundle's Markdown report: headings, scope, levels, summary, table headings, each criterion's
    level and remarks are marked; a criterion's number and W3C name are placeholders inside a message."""
    evidence = _evidence()
    evidence.keyboard[1]["played"] = False
    with language("qps"):
        text = report(evidence, "2026-12-04")
    assert escaped_lines(text, MARKDOWN_ALLOWED) == []
    assert "| ⟦1.1.1 Non-text Content⟧ |" in text  # the name is W3C's, kept as it is


def _node_texts(found: list[Any]) -> str:
    """The text of each paragraph, cell, title and caption the page's nodes hold, one per line."""
    kinds = (nodes.paragraph, nodes.title)
    return "\n".join(node.astext() for top in found for node in top.findall(lambda n: isinstance(n, kinds)))


def test_the_page_is_written_through_the_catalogue() -> None:
    """The book's page, with evidence and without: every text node is marked (the commands a reader
    types are code inside a marked sentence). The pseudo book build checks the page as built, too."""
    with language("qps"):
        shown = _node_texts(render_report(_evidence())) + "\n" + _node_texts(render_no_evidence())
    assert PSEUDO_OPEN in shown
    commands = re.compile(r"ETHICSKIT_EVIDENCE=\S+ make test|make book|make release")
    leftover = [line for line in escaped_lines(shown) if not commands.fullmatch(line.strip(" ().\x00"))]
    assert leftover == []


def test_evidence_seen_by_several_processes_gives_the_report_one_process_gives(tmp_path: Path) -> None:
    """A run split between processes, each seeing pages and walks in its own order, reports exactly as
    one process seeing them all does."""
    whole = _evidence()
    first = Evidence([whole.axe[2], whole.axe[0]], [whole.keyboard[1]])
    second = Evidence([whole.axe[1]], [whole.keyboard[0]])
    gathered = Evidence.gathered([second, Evidence(), first])
    assert gathered == Evidence.gathered([whole]) == whole
    assert report(Evidence.gathered([first, second])) == report(whole)
