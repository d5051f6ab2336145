"""Self-checks: the checker's rules for their shape and citations, and the Jupyter widget."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ethicskit import selfchecks
from ethicskit.anonymity import write_fingerprints
from ethicskit.catalog import load_catalog
from ethicskit.documents import handout
from ethicskit.widgets import SelfCheckWidget

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
BOOK_FIXTURES = Path(__file__).parent / "fixtures" / "book"
OWN_SOURCE = Path(__file__).parent / "fixtures" / "sources" / "own-source.txt"
CASE = "cases/demo-case.yml"
MANAGER_OPTION = (
    "          feedback: Sign-off records a decision; it cannot replace the assessment it rests on.\n"
    '          law: ["demo-act:1"]\n'
)
MODEL_ANSWER = (
    "      model_answer: >-\n"
    "        The duty to assess comes from the fixture act, and the standard asks that the person's views "
    "shape\n"
    "        the outcome; a deadline can change how the work is planned but not what must be found out.\n"
)


SELF_CHECK_BLOCK = Path(__file__).parent / "fixtures" / "self-check" / "demo-case.yml"


def add_self_check(case: Path) -> None:
    """Give the fixture case the fixture self-check (kept apart so the checker's other tests see none)."""
    lines = SELF_CHECK_BLOCK.read_text(encoding="utf-8").splitlines(keepends=True)
    block = "".join(line for line in lines if not line.startswith("#"))
    case.write_text(case.read_text(encoding="utf-8") + block, encoding="utf-8")


def kit(tmp_path: Path, with_self_check: bool = True) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    if with_self_check:
        add_self_check(root / CASE)
    return root


def problems_after(tmp_path: Path, old: str, new: str, file: str = CASE) -> list[str]:
    root = kit(tmp_path)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    _, problems = load_catalog(root)
    return [str(problem) for problem in problems]


BROKEN = [
    (
        "two-correct-without-multiple",
        "- text: The team's Friday target.\n          correct: false",
        "- text: The team's Friday target.\n          correct: true",
        "cases/demo-case.yml:62: question 'deadline-or-duty' has 2 correct options; mark exactly one, or "
        "declare 'multiple: true' [self-check]",
    ),
    (
        "option-without-citation",
        MANAGER_OPTION,
        "          feedback: Sign-off records a decision; it cannot replace the assessment it rests on.\n",
        "cases/demo-case.yml:72: question 'deadline-or-duty': option 'Whatever the manager signs off.' "
        "cites no clause or provision for its feedback [self-check-uncited]",
    ),
    (
        "unknown-clause",
        'cites: ["demo-standards:2.1"]\n        - text: What',
        'cites: ["demo-standards:9.9"]\n        - text: What',
        "cases/demo-case.yml:66: clause 'demo-standards:9.9' does not exist in "
        "codes_of_practice/demo-standards.yml [unknown-clause]",
    ),
    (
        "law-of-another-nation",
        'any closure.\n          law: ["demo-act:1"]',
        'any closure.\n          law: ["demo-scottish-act:4"]',
        "cases/demo-case.yml:96: 'demo-scottish-act:4' is cited for england, but Demonstration (Scotland) "
        "Act 2099 applies in scotland only [wrong-nation]",
    ),
    (
        "true-false-with-other-options",
        '        - text: "True"\n          correct: true\n          feedback: The older',
        '        - text: "Yes"\n          correct: true\n          feedback: The older',
        "cases/demo-case.yml:79: question 'tell-the-person' is true-false: give exactly the options 'True' "
        "and 'False', one of them correct [self-check]",
    ),
    (
        "short-answer-without-model",
        MODEL_ANSWER,
        "",
        "cases/demo-case.yml:105: question 'say-it-yourself' is a short answer and needs a 'model_answer' "
        "[self-check]",
    ),
    (
        "multiple-with-one-correct",
        "        - text: The person's views still shape what happens next.\n          correct: true",
        "        - text: The person's views still shape what happens next.\n          correct: false",
        "cases/demo-case.yml:92: question 'risk-and-closure' declares 'multiple' but has 1 correct and 2 "
        "wrong option(s); give two or more correct and at least one wrong [self-check]",
    ),
    (
        "duplicate-question-id",
        "    - id: tell-the-person",
        "    - id: deadline-or-duty",
        "cases/demo-case.yml:76: question id 'deadline-or-duty' is used twice in this self-check "
        "[self-check]",
    ),
    (
        "option-without-feedback",
        "          feedback: The older fixture code's honesty clause asks for that explanation.\n",
        "",
        "cases/demo-case.yml:80: missing required field 'self_check.questions.1.options.0.feedback' "
        "[missing-field]",
    ),
    (
        "too-few-choices",
        "        - text: Whatever the manager signs off.\n          correct: false\n" + MANAGER_OPTION,
        "",
        "cases/demo-case.yml:62: question 'deadline-or-duty' has 2 options; give at least 3 [self-check]",
    ),
    (
        "options-and-points-to-look-for",
        "    - id: tell-the-person\n      kind: true-false\n",
        "    - id: tell-the-person\n      kind: true-false\n      look_for: [Something.]\n",
        "cases/demo-case.yml:76: question 'tell-the-person' has options, so its reasons and citations belong "
        "to each option, not to 'model_answer', 'look_for', 'cites' or 'law' [self-check]",
    ),
]


def test_the_fixture_self_checks_are_valid(tmp_path: Path) -> None:
    catalog, problems = load_catalog(kit(tmp_path))
    assert problems == []
    check = catalog.cases["demo-case"].model.self_check
    assert check is not None and [q.kind.value for q in check.questions] == [
        "multiple-choice",
        "true-false",
        "multiple-choice",
        "short-answer",
    ]


@pytest.mark.parametrize(("name", "old", "new", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_self_check_is_reported_with_file_line_and_code(
    tmp_path: Path, name: str, old: str, new: str, expected: str
) -> None:
    assert problems_after(tmp_path, old, new) == [expected]


def test_another_nations_regulator_code_is_not_a_reason_in_a_case(tmp_path: Path) -> None:
    """A case set in England does not rest its feedback on a code that binds only Scotland's workers."""
    root = kit(tmp_path)
    standards = root / "codes_of_practice" / "demo-standards.yml"
    scottish = standards.read_text(encoding="utf-8").replace("id: demo-standards", "id: demo-scottish")
    (root / "codes_of_practice" / "demo-scottish.yml").write_text(
        scottish.replace("jurisdiction: england", "jurisdiction: scotland"), encoding="utf-8"
    )
    case = root / CASE
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text.replace(
            'cites: ["demo-standards:2.1"]\n        - text: What',
            'cites: ["demo-scottish:2.1"]\n        - text: What',
        ),
        encoding="utf-8",
    )
    _, problems = load_catalog(root)
    assert [str(p) for p in problems if p.code.value == "wrong-nation"] == [
        "cases/demo-case.yml:66: 'demo-scottish:2.1' is cited for a case set in england, but Demo standards "
        "binds social workers in scotland only [wrong-nation]"
    ]


def test_chapter_self_checks_name_real_chapters_and_may_cite_any_nations_law(tmp_path: Path) -> None:
    root = kit(tmp_path)
    (root / "chapter.md").write_text(
        "# A chapter\n\n:::{objectives}\n- A point.\n:::\n\n:::{key-points}\n- A point.\n:::\n",
        encoding="utf-8",
    )
    source = (BOOK_FIXTURES / "book" / "self-checks.yml").read_text(encoding="utf-8")
    (root / "book" / "self-checks.yml").write_text(source, encoding="utf-8")
    _, problems = load_catalog(root)
    assert problems == []  # the Scottish act is cited in a chapter, which is set in no one nation
    (root / "book" / "self-checks.yml").write_text(
        source.replace("  chapter:", "  book/missing:"), encoding="utf-8"
    )
    _, problems = load_catalog(root)
    assert [str(p) for p in problems] == [
        "book/self-checks.yml:3: there is no chapter book/missing.md for the self-check 'book/missing' "
        "[unknown-chapter]"
    ]


def test_every_case_with_a_page_and_every_chapter_of_the_part_needs_a_self_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = kit(tmp_path, with_self_check=False)
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nparts:\n"
        "  - caption: Understanding first loyalty\n    chapters:\n"
        "      - file: chapter\n      - file: other\n"
        "  - caption: Cases\n    chapters:\n      - file: book/cases/index\n"
        "        sections:\n          - file: book/cases/demo-case\n",
        encoding="utf-8",
    )
    (root / "chapter.md").write_text(
        "# A chapter\n\n:::{objectives}\n- A point.\n:::\n\n:::{key-points}\n- A point.\n:::\n",
        encoding="utf-8",
    )
    (root / "book" / "self-checks.yml").write_text(
        (BOOK_FIXTURES / "book" / "self-checks.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.setattr(selfchecks, "SELF_CHECKS_REQUIRED", False)
    _, problems = load_catalog(root)
    assert problems == []  # the rule can be switched off
    monkeypatch.setattr(selfchecks, "SELF_CHECKS_REQUIRED", True)
    _, problems = load_catalog(root)
    assert [str(p) for p in problems] == [
        "book/self-checks.yml: the chapter 'other' has no self-check in book/self-checks.yml "
        "[missing-self-check]",
        "cases/demo-case.yml:1: the case 'demo-case' has no 'self_check' [missing-self-check]",
    ]


def test_the_widget_explains_each_answer_with_what_it_rests_on(tmp_path: Path) -> None:
    """Driven as a student would: pick an option, press Check, read why; then the other options."""
    catalog, _ = load_catalog(kit(tmp_path))
    check = catalog.cases["demo-case"].model.self_check
    assert check is not None
    widget = SelfCheckWidget(check, catalog)
    widget.check_buttons["deadline-or-duty"].click()
    assert widget.feedback["deadline-or-duty"].value == "<p>Choose an answer first.</p>"
    widget.answers["deadline-or-duty"].value = "The team's Friday target."
    widget.check_buttons["deadline-or-duty"].click()
    shown = widget.feedback["deadline-or-duty"].value
    assert shown.startswith("<p>Not quite: read why, then try again.</p>")
    assert "it does not end the fixture duty to assess." in shown
    assert "Rests on: Demo standards 2.1</p>" in shown  # the page's words
    widget.answers["deadline-or-duty"].value = "What the assessment finds about the person's needs and views."
    widget.check_buttons["deadline-or-duty"].click()
    assert widget.feedback_lines("deadline-or-duty")[0] == "Right."
    assert "Demonstration Act 2099" in widget.feedback_lines("deadline-or-duty")[-1]

    widget.answers["risk-and-closure"].value = ("Enquiries are made before the file is closed.",)
    assert widget.feedback_lines("risk-and-closure")[0] == "Partly: there is more than one right answer."
    widget.answers["risk-and-closure"].value = (
        "Enquiries are made before the file is closed.",
        "The person's views still shape what happens next.",
    )
    assert widget.feedback_lines("risk-and-closure")[0] == "Right."

    widget.answers["say-it-yourself"].value = "The duty comes from the act."
    widget.check_buttons["say-it-yourself"].click()
    lines = widget.feedback_lines("say-it-yourself")
    assert lines[0] == "A good answer:" and "- The person's views shape the outcome." in lines
    html = widget._repr_mimebundle_()["text/html"]
    assert "What decides when the demonstration assessment is finished?" in html
    assert "fixture duty to assess" not in html  # the static preview holds no answers


def test_the_case_handout_prints_the_questions_then_every_answer_with_its_reasons(tmp_path: Path) -> None:
    catalog, _ = load_catalog(kit(tmp_path))
    _, html = handout("case", "demo-case", catalog, lecturer=False)
    page = BeautifulSoup(html, "html.parser")
    check = page.select_one("section#case-demo-case-self-check")
    assert check is not None
    assert check.find("h2").get_text() == "Check your understanding"
    assert check.select_one(".ek-sc-answers > .rubric").get_text() == "Answers and why"
    text = " ".join(check.get_text(" ").split())
    questions, answers = text.split("Answers and why")
    assert "1. What decides when the demonstration assessment is finished?" in questions
    assert "fixture duty to assess" not in questions  # no reasons among the questions
    assert "Not right: (a) The team's Friday target." in answers
    assert "Rests on: Demo standards 2.1" in answers
    assert "Rests on: Demo standards 1.1 ; Demonstration Act 2099, s 1" in answers


def test_a_chapter_self_check_is_checked_for_copied_wording(tmp_path: Path) -> None:
    root = kit(tmp_path)
    write_fingerprints(OWN_SOURCE.read_text(encoding="utf-8"), "own-source", root)
    (root / "chapter.md").write_text(
        "# A chapter\n\n:::{objectives}\n- A point.\n:::\n\n:::{key-points}\n- A point.\n:::\n",
        encoding="utf-8",
    )
    source = (BOOK_FIXTURES / "book" / "self-checks.yml").read_text(encoding="utf-8")
    copied = "the manager opened the spreadsheet and read out the number of people still waiting"
    (root / "book" / "self-checks.yml").write_text(
        source.replace(
            "Its first clause is about the person's views.", f"Its first clause, and then {copied}."
        ),
        encoding="utf-8",
    )
    _, problems = load_catalog(root)
    assert [p.code.value for p in problems] == ["copied-text"]
    assert str(problems[0]).startswith(
        "book/self-checks.yml:11: 'chapters.chapter.questions.0.options.0.feedback'"
    )
