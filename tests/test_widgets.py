"""The ipywidgets player, driven by clicking its buttons in Python; it must agree with the engine."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, WALKTHROUGHS, load_walkthroughs
from ethicskit.catalog import load_catalog
from ethicskit.engine import Session, enumerate_paths
from ethicskit.export import dilemma_payload
from ethicskit.models import Dilemma, LawCitation, LawRelation
from ethicskit.widgets import OWN_SITUATION, DilemmaWidget, WorksheetWidget, kit_catalog
from ethicskit.worksheet import field_ids, steps

CATALOG, PROBLEMS = load_catalog(FIXTURES / "valid")
DILEMMA = CATALOG.dilemmas["demo-dilemma"].model


def click_choice(widget: DilemmaWidget, label: str) -> None:
    [button] = [b for b in widget.choice_buttons if b.description == label]
    button.click()


def play(widget: DilemmaWidget, choices: list[str]) -> None:
    labels = {c.id: c.label for n in DILEMMA.nodes for c in n.choices}
    for choice_id in choices:
        click_choice(widget, labels[choice_id])
        assert widget.next_button is not None
        widget.next_button.click()


@pytest.mark.parametrize(("choices", "ending"), enumerate_paths(DILEMMA))
def test_every_path_clicked_through_reaches_the_engines_ending(choices: list[str], ending: str) -> None:
    """Clicking through each path gives the same ending and history as the engine."""
    widget = DilemmaWidget(DILEMMA, CATALOG)
    play(widget, choices)
    session = Session(DILEMMA)
    for choice_id in choices:
        session.choose(choice_id)
    assert widget.session.ending is not None and widget.session.ending.id == ending
    assert widget.session.history == session.history
    assert widget.session.perspective_path() == session.perspective_path()
    assert f"Ending: {session.ending.title}" in widget.stage.children[0].value  # type: ignore[union-attr]


def test_outcome_shows_what_happened_and_holds_the_verdicts_back() -> None:
    """After a choice: its consequence and the clauses that bear on it, but no side's view or lean."""
    widget = DilemmaWidget(DILEMMA, CATALOG)
    click_choice(widget, "Close it by Friday")
    text = " ".join(getattr(child, "value", "") for child in widget.stage.children)
    assert "The assessment is closed on time." in text
    assert "shown at the end of the dilemma" in text
    for verdict in ("The target is met.", "Their views are barely heard.", "strongly", "+2"):
        assert verdict not in text
    lines = widget.clause_lines(DILEMMA.nodes[0].choices[0])
    assert lines[0].startswith("Clauses that bear on this choice")
    assert lines[1].startswith("Demo standards 1.1: Respect people")
    assert not any(line.startswith(("Honours", "Strains")) for line in lines)
    assert "Related by theme, England:" in lines


def test_ending_shows_how_each_side_saw_the_path() -> None:
    """The ending lists every decision with each side's lean and view, and the clauses it cites."""
    widget = DilemmaWidget(DILEMMA, CATALOG)
    play(widget, ["comply", "apologise"])
    text = " ".join(getattr(child, "value", "") for child in widget.stage.children)
    assert "How each side saw your path" in text
    first, second = widget.summary_rows()
    assert first == [
        "Decision 1: Close it by Friday",
        "It strains Demo standards 1.1.",
        "+2 strongly for The target is met.",
        "-1 against Judgement is rushed.",
        "-2 strongly against Their views are barely heard.",
    ]
    assert second[0] == "Decision 2: Apologise and reopen the assessment"
    assert second[2].startswith("-1 against")
    assert '<th scope="col">The person served</th>' in text
    assert "Their views are barely heard." in text


def test_projection_mode_shows_each_sides_view_after_every_choice() -> None:
    """The lecturer's toggle shows the leans and the honours/strains split at once, and hides them again."""
    widget = DilemmaWidget(DILEMMA, CATALOG)
    click_choice(widget, "Close it by Friday")
    widget.projection.value = True
    text = " ".join(getattr(child, "value", "") for child in widget.stage.children)
    assert "The agency: The target is met. (+2, strongly for)" in text
    assert "The person served: Their views are barely heard. (-2, strongly against)" in text
    lines = widget.clause_lines(DILEMMA.nodes[0].choices[0])
    assert lines[0] == "This choice strains:"
    assert lines[1].startswith("Demo standards 1.1: Respect people")
    widget.projection.value = False
    text = " ".join(getattr(child, "value", "") for child in widget.stage.children)
    assert "The target is met." not in text
    assert DilemmaWidget(DILEMMA, CATALOG, projection=True).projection.value is True


def test_codes_and_law_panel_lists_the_provisions_a_choice_cites() -> None:
    """The panel is headed for the codes and the law, and a choice's provisions follow its clauses."""
    widget = DilemmaWidget(DILEMMA, CATALOG, projection=True)
    apologise = DILEMMA.nodes[1].choices[0]
    lines = widget.clause_lines(apologise)
    assert lines[0] == "This choice honours:"
    assert lines[2:4] == [
        "This choice honours in law:",
        f"Demonstration Act 2099, s 1: {_provision_line('demo-act:1')}",
    ]
    widget.projection.value = False
    held_back = widget.clause_lines(apologise)
    assert f"Demonstration Act 2099, s 1: {_provision_line('demo-act:1')}" in held_back
    assert "Law that bears on this choice (what it means for the choice is shown at the end):" in held_back
    assert not any("in law:" in line for line in held_back)
    click_choice(widget, "Close it by Friday")
    panels = [child for child in widget.stage.children if hasattr(child, "children")]
    headings = [getattr(panel.children[0], "value", "") for panel in panels]
    assert "<h5>What the codes and the law say</h5>" in headings


def test_a_choice_marked_unlawful_says_so_with_its_provision() -> None:
    """The export carries each provision with its relation; the panel names the law a choice would break."""
    first = DILEMMA.nodes[0]
    law = [LawCitation(ref="demo-act:2(1)", relation=LawRelation.UNLAWFUL)]
    unlawful = first.choices[0].model_copy(update={"law": law})
    node = first.model_copy(update={"choices": [unlawful, *first.choices[1:]]})
    dilemma = DILEMMA.model_copy(update={"nodes": [node, *DILEMMA.nodes[1:]]})
    payload = dilemma_payload(dilemma, CATALOG)
    panel = payload["nodes"][0]["choices"][0]["panel"]
    law = {"of": "provisions", "refs": ["demo-act:2(1)"]}
    assert {**law, "lead": "law_words.held_back"} in panel["held"]
    assert {**law, "lead": "law_words.choice.unlawful"} in panel["open"]
    assert payload["provisions"]["demo-act:2(1)"]["label"] == "Demonstration Act 2099, s 2(1)"
    assert payload["provisions"]["demo-act:2(1)"]["verified"] is False
    widget = DilemmaWidget(dilemma, CATALOG)
    held_back = widget.clause_lines(unlawful)
    assert f"Demonstration Act 2099, s 2(1): {_provision_line('demo-act:2(1)', dilemma)}" in held_back
    # A verdict, kept for the ending outside projection mode.
    assert not any("unlawful" in line for line in held_back)
    widget.projection.value = True
    lines = widget.clause_lines(unlawful)
    at = lines.index("This choice would be unlawful under:")
    assert lines[at + 1].startswith(
        "Demonstration Act 2099, s 2(1): Enquiries. The invented council must make enquiries"
    )


def test_jurisdiction_switch_changes_the_related_clauses() -> None:
    """Choosing another jurisdiction relabels the related-by-theme list."""
    widget = DilemmaWidget(DILEMMA, CATALOG)
    widget.jurisdiction.value = "wales"
    assert "Related by theme, Wales:" in widget.clause_lines(DILEMMA.nodes[0].choices[1])


def test_back_restart_and_reflections_with_markdown_export() -> None:
    """Back and Start again work, Back only once there is a decision to undo (as in the browser
    player); a typed reflection appears in the Markdown record."""
    widget = DilemmaWidget(DILEMMA, CATALOG)
    assert widget.back_button.disabled
    click_choice(widget, "Close it by Friday")
    assert not widget.back_button.disabled
    widget.back_button.click()
    assert widget.session.history == [] and widget.choice_buttons
    assert widget.back_button.disabled
    play(widget, ["ask-for-time"])
    assert widget.reflection_box is not None
    widget.reflection_box.value = "I asked for a week once; it changed the plan."
    widget.export_button.click()
    record = widget.export_area.value
    assert "## The Friday deadline" in record
    assert "- Path: Decision 1: Ask for more time in supervision" in record
    assert "- Ending: Time to listen" in record
    assert "- Clauses: Demo standards 1.1; Demo standards 2.1" in record
    assert "### When have you asked for time?" in record and "it changed the plan." in record
    widget.restart_button.click()
    assert widget.session.history == [] and widget.session.node is not None


def test_text_is_escaped() -> None:
    """Content is shown as text: the helper every HTML widget goes through escapes markup."""
    from ethicskit.widgets import _html

    assert _html("<img src=x onerror=alert(1)>").value == "<p>&lt;img src=x onerror=alert(1)&gt;</p>"


REAL_CATALOG, _ = load_catalog(REPO)
REAL_WALKS = [(path.stem, walk) for path in WALKTHROUGHS for walk in load_walkthroughs(path)]


@pytest.mark.parametrize(
    ("dilemma_id", "walk"), REAL_WALKS, ids=[f"{d}-{w['ending']}-{len(w['choices'])}" for d, w in REAL_WALKS]
)
def test_every_real_walkthrough_clicked_through_the_widget(dilemma_id: str, walk: dict[str, object]) -> None:
    """The Jupyter widget, clicked through, reaches the recorded ending with the recorded perspectives."""
    dilemma = REAL_CATALOG.dilemmas[dilemma_id].model
    labels = {c.id: c.label for n in dilemma.nodes for c in n.choices}
    widget = DilemmaWidget(dilemma, REAL_CATALOG)
    choices = walk["choices"]
    assert isinstance(choices, list)
    for choice_id in choices:
        [button] = [b for b in widget.choice_buttons if b.description == labels[choice_id]]
        button.click()
        assert widget.next_button is not None
        widget.next_button.click()
        if widget.go_on_button is not None:  # the pause before a decision's hardest material
            widget.go_on_button.click()
    assert widget.session.ending is not None and widget.session.ending.id == walk["ending"]
    assert [list(step) for step in widget.session.perspective_path()] == walk["perspectives"]
    assert f"Ending: {widget.session.ending.title}" in widget.stage.children[0].value  # type: ignore[attr-defined]


def test_worksheet_widget_keeps_answers_per_case_and_exports_them_as_markdown() -> None:
    """Filled in field by field, switched between cases, exported with every step in order."""
    catalog, _ = load_catalog(FIXTURES / "valid")
    sheet = WorksheetWidget(catalog, "demo-case")
    assert list(sheet.fields) == field_ids()
    sheet.fields["facts"].value = "The review is due on Friday."
    sheet.fields["consequences-person"].value = "Not heard."
    sheet.case.value = OWN_SITUATION
    assert sheet.fields["facts"].value == ""
    sheet.fields["facts"].value = "My own facts."
    sheet.case.value = "demo-case"
    assert sheet.fields["facts"].value == "The review is due on Friday."
    sheet.export_button.click()
    text = sheet.export_area.value
    assert text.startswith("## Worksheet: A demonstration case")
    assert "### The facts\n\nThe review is due on Friday." in text
    assert "**For the person who uses services:** Not heard." in text
    assert "### Decision\n\n(not written)" in text
    assert [line for line in text.splitlines() if line.startswith("### ")] == [
        f"### {step.title}" for step in steps()
    ]


@pytest.mark.parametrize(
    ("jurisdiction", "binding"),
    [("england", "Social Work England professional standards"), ("scotland", "SSSC Codes of Practice")],
)
def test_related_by_theme_lists_the_nations_binding_standards_first(jurisdiction: str, binding: str) -> None:
    """The regulator's standards for the chosen nation lead the related clauses, ahead of BASW and the PCF."""
    dilemma = REAL_CATALOG.dilemmas["booked-without-asking"].model
    widget = DilemmaWidget(dilemma, REAL_CATALOG, jurisdiction=jurisdiction)
    choice = dilemma.nodes[0].choices[0]
    lines = widget.clause_lines(choice)
    related = lines[lines.index(f"Related by theme, {jurisdiction.capitalize()}:") + 1 :]
    assert related[0].startswith(binding)


def test_the_widget_pauses_before_the_hardest_decision_and_lets_the_learner_stop_there() -> None:
    """Before Owen's message the widget says what is coming and where support is, and offers to stop;
    stopping keeps the path, and going on shows the decision."""
    from ethicskit.engine import titles
    from ethicskit.signposting import signpost

    dilemma = REAL_CATALOG.dilemmas["the-colleagues-we-carry"].model
    [hardest] = [node for node in dilemma.nodes if node.pause_before]
    number = titles(dilemma)[hardest.id]
    labels = {c.id: c.label for n in dilemma.nodes for c in n.choices}
    widget = DilemmaWidget(dilemma, REAL_CATALOG)
    for choice_id in ("decline-and-name-the-system", "keep-it-between-you-with-a-safety-net"):
        [button] = [b for b in widget.choice_buttons if b.description == labels[choice_id]]
        button.click()
        assert widget.next_button is not None
        widget.next_button.click()

    def shown() -> str:
        return " ".join(getattr(child, "value", "") for child in widget.stage.children)

    assert widget.session.node is not None and widget.session.node.id == hardest.id
    assert f"A pause before {number}" in shown() and signpost() in shown()
    assert hardest.situation.split("\n")[0] not in shown() and widget.choice_buttons == []
    assert widget.stop_button is not None and widget.go_on_button is not None
    widget.stop_button.click()
    assert f"You stopped before {number}" in shown() and signpost() in shown()
    assert len(widget.session.steps) == 2 and widget.choice_buttons == []
    assert widget.go_on_button is not None
    widget.go_on_button.click()  # "Return to the pause"
    assert f"A pause before {number}" in shown()
    assert widget.go_on_button is not None and widget.go_on_button.description == f"Go on to {number}"
    widget.go_on_button.click()
    assert {b.description for b in widget.choice_buttons} == {c.label for c in hardest.choices}
    widget.back()
    assert widget.session.node is not None and widget.session.node.id != hardest.id
    assert widget.choice_buttons != []


def test_the_widget_opens_with_the_cases_content_note_and_the_support_lines() -> None:
    """A student in a notebook meets the note before the dilemma, as on the page and on paper."""
    from ethicskit.signposting import signpost

    for loaded in REAL_CATALOG.dilemmas.values():
        note = REAL_CATALOG.cases[loaded.model.case].model.content_note
        widget = DilemmaWidget(loaded.model, REAL_CATALOG)
        opening = " ".join(getattr(child, "value", "") for child in widget.children[:3])
        if note is None:
            assert "Content note" not in opening and signpost() not in opening
        else:
            assert "Content note" in opening and signpost() in opening
            assert html.escape(note.note.split("\n\n")[0].strip()) in opening


def test_the_england_view_of_the_kits_dilemmas_lists_social_work_england_first() -> None:
    """Related by theme puts the binding code of the chosen nation first: in England, for every choice of
    every dilemma set there, the first related clause is a Social Work England standard."""
    kit, _ = load_catalog(REPO)
    english = [
        loaded.model
        for loaded in kit.dilemmas.values()
        if kit.cases[loaded.model.case].model.setting.jurisdiction.value == "england"
    ]
    assert english
    for dilemma in english:
        widget = DilemmaWidget(dilemma, kit)
        assert widget.jurisdiction.value == "england"
        for node in dilemma.nodes:
            for choice in node.choices:
                lines = widget.clause_lines(choice)
                first_related = lines[lines.index("Related by theme, England:") + 1]
                assert first_related.startswith("Social Work England professional standards"), (
                    dilemma.id,
                    choice.id,
                    first_related,
                )


def _provision_line(ref: str, dilemma: Dilemma = DILEMMA) -> str:
    """A provision as the player lists it after its label, from the payload."""
    line: str = dilemma_payload(dilemma, CATALOG)["provisions"][ref]["line"]
    return line


def test_a_kit_is_read_once_while_none_of_its_files_changes(tmp_path: Path) -> None:
    """The book's Jupyter page shows three widgets; the kernel reads the kit for the first and keeps it,
    and reads it again once a file of the kit is saved, added or removed, but not for built output."""
    kit = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", kit)
    (kit / "_config.yml").write_text("title: A kit read once\n", encoding="utf-8")
    first = kit_catalog(kit)
    assert kit_catalog(kit / "cases") is first  # found from a folder inside the kit, too

    (kit / "_build").mkdir()
    (kit / "_build" / "page.html").write_text("<p>Built.</p>\n", encoding="utf-8")
    assert kit_catalog(kit) is first

    case = kit / "cases" / "demo-case.yml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("A demonstration case", "A case renamed"), encoding="utf-8"
    )
    renamed = kit_catalog(kit)
    assert renamed is not first
    assert renamed.cases["demo-case"].model.title == "A case renamed"

    (kit / "exercises" / "seminars" / "demo-seminar.yml").unlink()
    shutil.rmtree(kit / "curriculum")  # its map names the seminar
    without_seminar = kit_catalog(kit)
    assert without_seminar is not renamed
    assert "demo-seminar" not in without_seminar.seminars
