"""No interface text of the Jupyter widgets escapes the word catalogue: each widget is built in the
pseudo-locale for every real dilemma, case and chapter, clicked along a recorded path, and every text it
shows on the way is checked."""

from __future__ import annotations

import html
from collections.abc import Iterator

import ipywidgets as widgets
import pytest

from conftest import REPO, WALKTHROUGHS, load_walkthroughs
from ethicskit.catalog import load_catalog
from ethicskit.widgets import OWN_SITUATION, DilemmaWidget, SelfCheckWidget, WorksheetWidget
from ethicskit.words import PSEUDO_LANGUAGE, language
from pseudo import escaped_text

CATALOG, _PROBLEMS = load_catalog(REPO)
TYPED = "1 2 3"
"""What a learner types: no words, so it is told apart from interface text."""
# One recorded path per dilemma, the longest, so every dilemma's decisions, pauses and ending are shown.
WALKS = {
    path.stem: max(load_walkthroughs(path), key=lambda walk: len(walk["choices"])) for path in WALKTHROUGHS
}


def _tree(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def _plain(text: str) -> str:
    """Plain text as a paragraph per line, the Markdown marks at a line's start taken off."""
    return "".join(f"<p>{html.escape(line.lstrip('#>-* '))}</p>" for line in text.splitlines())


def shown(widget: widgets.Widget) -> str:
    """Every text the widget shows now, as HTML: HTML values as they are, plain strings as paragraphs."""
    parts: list[str] = []
    for item in _tree(widget):
        if isinstance(item, widgets.HTML):
            parts.append(item.value)
            continue
        for name in ("description", "placeholder", "tooltip", "value"):
            if name == "value" and not isinstance(item, widgets.Textarea):
                continue  # a choice's value is its key; what it shows is its label, collected below
            value = getattr(item, name, None)
            if isinstance(value, str) and value:
                parts.append(_plain(value))
        for option in getattr(item, "_options_labels", ()):
            parts.append(_plain(option))
    return "".join(parts)


def preview(widget: widgets.Widget) -> str:
    bundle = widget._repr_mimebundle_()
    assert isinstance(bundle, dict)
    text = bundle["text/html"]
    assert isinstance(text, str)
    return text


@pytest.mark.parametrize("dilemma_id", sorted(WALKS))
def test_the_dilemma_widget_shows_only_catalogue_words_and_content(dilemma_id: str) -> None:
    dilemma = CATALOG.dilemmas[dilemma_id].model
    labels = {c.id: c.label for n in dilemma.nodes for c in n.choices}
    with language(PSEUDO_LANGUAGE):
        widget = DilemmaWidget(dilemma, CATALOG)
    # The buttons are clicked outside the block, as in a notebook: the widget keeps its language.
    seen = [shown(widget), preview(widget)]
    for choice_id in WALKS[dilemma_id]["choices"]:
        [button] = [b for b in widget.choice_buttons if b.description == labels[choice_id]]
        button.click()
        seen.append(shown(widget))
        widget.projection.value = True  # the lecturer's view of the same outcome
        seen.append(shown(widget))
        widget.projection.value = False
        assert widget.next_button is not None
        widget.next_button.click()
        seen.append(shown(widget))
        if widget.stop_button is not None:  # the pause before a decision's hardest material
            widget.stop_button.click()
            seen.append(shown(widget))
            assert widget.go_on_button is not None
            widget.go_on_button.click()  # back to the pause
            assert widget.go_on_button is not None
            widget.go_on_button.click()
            seen.append(shown(widget))
    assert widget.session.ending is not None
    # Every other ending as it would show after this path: its law, its self-care note, its prompt.
    with language(PSEUDO_LANGUAGE):
        seen += [
            shown(part) for ending in widget.payload["endings"] for part in widget.show("ending", ending)
        ]
    for jurisdiction in [key for _label, key in widget.jurisdiction.options]:
        widget.jurisdiction.value = jurisdiction
        seen += [_plain(line) for step in widget.session.steps for line in widget.clause_lines(step.choice)]
    if widget.reflection_box is not None:
        widget.reflection_box.value = TYPED
    widget.export_button.click()
    seen.append(shown(widget))
    seen.append(_plain(widget.markdown()))
    widget.back_button.click()
    seen.append(shown(widget))
    widget.restart_button.click()
    seen.append(shown(widget))
    assert "\u27e6" in seen[0]  # the pseudo-locale was in force
    assert escaped_text("".join(seen)) == []


def _self_checks() -> list[tuple[str, object, str]]:
    found = [
        (f"case-{key}", loaded.model.self_check, loaded.model.title)
        for key, loaded in sorted(CATALOG.cases.items())
        if loaded.model.self_check is not None
    ]
    chapters = CATALOG.chapter_self_checks
    if chapters is not None:
        found += [(f"chapter-{page}", check, "") for page, check in sorted(chapters.model.chapters.items())]
    return found


SELF_CHECKS = _self_checks()


@pytest.mark.parametrize(("name", "self_check", "case_title"), SELF_CHECKS, ids=[s[0] for s in SELF_CHECKS])
def test_the_self_check_widget_shows_only_catalogue_words_and_content(
    name: str, self_check: object, case_title: str
) -> None:
    with language(PSEUDO_LANGUAGE):
        widget = SelfCheckWidget(self_check, CATALOG)  # type: ignore[arg-type]
    seen = [shown(widget), preview(widget)]
    for question_id, button in widget.check_buttons.items():
        button.click()  # nothing chosen yet
        seen.append(widget.feedback[question_id].value)
        answer = widget.answers[question_id]
        options = list(getattr(answer, "options", ()))
        if isinstance(answer, widgets.SelectMultiple):
            answer.value = tuple(options)  # right and wrong answers at once
        elif options:
            for option in options:
                answer.value = option
                button.click()
                seen.append(widget.feedback[question_id].value)
        else:
            answer.value = TYPED
        button.click()
        seen.append(widget.feedback[question_id].value)
    assert "\u27e6" in seen[0]
    assert escaped_text("".join(seen)) == []


@pytest.mark.parametrize("case_id", [*sorted(CATALOG.cases), OWN_SITUATION])
def test_the_worksheet_widget_shows_only_catalogue_words_and_content(case_id: str) -> None:
    with language(PSEUDO_LANGUAGE):
        widget = WorksheetWidget(CATALOG, case_id)
    widget.fields["facts"].value = TYPED
    widget.export_button.click()
    seen = [shown(widget), preview(widget), _plain(widget.markdown())]
    assert "\u27e6" in seen[0]
    assert escaped_text("".join(seen)) == []


def test_a_widget_speaks_the_language_it_is_given_and_keeps_it() -> None:
    """`language=` chooses the words without a `with` block; a widget built in English stays English
    when its buttons are clicked while another language is in force."""
    dilemma_id = sorted(WALKS)[0]
    given = DilemmaWidget.from_kit(dilemma_id, start=REPO, language=PSEUDO_LANGUAGE)
    assert escaped_text(shown(given)) == [] and "\u27e6" in shown(given)
    sheet = WorksheetWidget.from_kit(None, start=REPO, language=PSEUDO_LANGUAGE)
    assert escaped_text(shown(sheet) + preview(sheet)) == []
    case_id = next(key for key, loaded in sorted(CATALOG.cases.items()) if loaded.model.self_check)
    check = SelfCheckWidget.from_kit(case_id, start=REPO, language=PSEUDO_LANGUAGE)
    assert escaped_text(shown(check) + preview(check)) == []

    english = DilemmaWidget(CATALOG.dilemmas[dilemma_id].model, CATALOG)
    first = WALKS[dilemma_id]["choices"][0]
    [label] = [c.label for n in english.dilemma.nodes for c in n.choices if c.id == first]
    with language(PSEUDO_LANGUAGE):
        [button] = [b for b in english.choice_buttons if b.description == label]
        button.click()
    assert "\u27e6" not in shown(english)
    assert english.next_button is not None and english.next_button.description in {
        "Continue",
        "See where this ends",
    }
