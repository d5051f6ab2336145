"""The dilemma player for Jupyter: ipywidgets over the same engine and export as the browser player."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from . import worksheet
from .catalog import Catalog, load_catalog
from .engine import Session, titles
from .export import dilemma_payload, player_jurisdictions
from .models import Choice, Dilemma, Ending, Question, QuestionKind, SelfCheck, law_label
from .signposting import signpost

LEAN_WORDS = {-2: "strongly against", -1: "against", 0: "neutral", 1: "for", 2: "strongly for"}
SIDES = (("agency", "The agency"), ("profession", "The profession"), ("person", "The person served"))
VERDICTS_LATER = (
    "How the agency, the profession and the person saw this choice is shown at the end of the dilemma. "
    "Before you go on: how do you think each of them sees it?"
)
CLAUSES_LATER = "Clauses that bear on this choice (whether it honours or strains each is shown at the end):"


def _html(*paragraphs: str, tag: str = "p") -> widgets.HTML:
    """Text shown as HTML, escaped, so content can never become markup."""
    return widgets.HTML("".join(f"<{tag}>{html.escape(p)}</{tag}>" for p in paragraphs if p))


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def kit_catalog(start: Path | None = None) -> Catalog:
    """The checked catalogue of the kit found in `start` (default: here) or a folder above it."""
    folder = (start or Path.cwd()).resolve()
    root = next((p for p in [folder, *folder.parents] if (p / "_config.yml").is_file()), None)
    if root is None:
        raise FileNotFoundError(f"no kit (a folder with _config.yml) at or above {folder}")
    catalog, problems = load_catalog(root)
    if problems:
        raise ValueError(f"the kit's content has {len(problems)} problem(s); run 'ethicskit check'")
    return catalog


class DilemmaWidget(widgets.VBox):  # type: ignore[misc]
    """Play a dilemma in a notebook: `DilemmaWidget(catalog.dilemmas["id"].model, catalog)`.

    As in the browser player, each side's view of a choice is held back until the ending, unless
    `projection=True` (or the Projection mode toggle) shows it after every choice.
    """

    def __init__(
        self, dilemma: Dilemma, catalog: Catalog, jurisdiction: str | None = None, projection: bool = False
    ) -> None:
        self.dilemma = dilemma
        self.payload = dilemma_payload(dilemma, catalog)
        self.titles = titles(dilemma)
        """What each decision and ending is called: the same numbers as every other output."""
        self.session = Session(dilemma)
        self.showing_outcome = False
        self.pausing = False
        """Held at the pause before a decision's hardest material (`Node.pause_before`)."""
        self.stopped = False
        """The learner chose to stop at that pause."""
        self.reflections: dict[str, tuple[str, str]] = {}
        """Reflections by prompt key: (prompt, text)."""
        self.jurisdiction = widgets.Dropdown(
            options=[(label, key) for key, (label, _) in player_jurisdictions().items()],
            value=jurisdiction or self.payload["jurisdiction"],
            description="Codes of:",
        )
        self.projection = widgets.ToggleButton(
            value=projection,
            description="Projection mode",
            tooltip="For a lecturer at the front: each side's view at every step",
        )
        self.back_button = widgets.Button(description="Back")
        self.restart_button = widgets.Button(description="Start again")
        self.export_button = widgets.Button(description="Reflections as Markdown")
        self.export_area = widgets.Textarea(
            layout=widgets.Layout(width="100%", height="12em", display="none")
        )
        self.stage = widgets.VBox()
        self.path = widgets.HTML()
        self.choice_buttons: list[widgets.Button] = []
        self.next_button: widgets.Button | None = None
        self.go_on_button: widgets.Button | None = None
        self.stop_button: widgets.Button | None = None
        self.reflection_box: widgets.Textarea | None = None
        self.jurisdiction.observe(lambda _: self.render(), names="value")
        self.projection.observe(lambda _: self.render(), names="value")
        self.back_button.on_click(lambda _: self.back())
        self.restart_button.on_click(lambda _: self.restart())
        self.export_button.on_click(lambda _: self.show_export())
        toolbar = widgets.HBox(
            [self.jurisdiction, self.back_button, self.restart_button, self.export_button, self.projection]
        )
        title = _html(dilemma.title, tag="h3")
        opening = [title]
        case = catalog.cases.get(dilemma.case)
        if case is not None and case.model.content_note is not None:
            # The same note and support lines the page, the handout and the single file show first.
            note = case.model.content_note.note
            opening.append(_html("Content note", tag="h4"))
            opening.append(_html(*_paragraphs(note), signpost()))
        super().__init__([*opening, toolbar, self.stage, self.path, self.export_area])
        self.render()

    @classmethod
    def from_kit(cls, dilemma_id: str, start: Path | None = None, projection: bool = False) -> DilemmaWidget:
        """Load the kit found in `start` or a folder above it, and play one of its dilemmas."""
        catalog = kit_catalog(start)
        return cls(catalog.dilemmas[dilemma_id].model, catalog, projection=projection)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """Add a static preview for pages read without a running kernel (the built book)."""
        bundle: dict[str, Any] = super()._repr_mimebundle_(**kwargs)
        node = next(node for node in self.dilemma.nodes if node.id == self.dilemma.start)
        choices = "".join(f"<li>{html.escape(choice.label)}</li>" for choice in node.choices)
        bundle["text/html"] = (
            f'<div class="ek-widget-preview"><p><strong>{html.escape(self.dilemma.title)}</strong></p>'
            f"<p>{html.escape(_paragraphs(node.situation)[0])}</p><ul>{choices}</ul>"
            "<p><em>A static preview: run this notebook in Jupyter to play the dilemma here, or play it "
            "in the browser on its page in this book.</em></p></div>"
        )
        return bundle

    # --- actions, the same as the browser player's ---

    def choose(self, choice_id: str) -> None:
        """Take a choice offered now and show its outcome."""
        self.session.choose(choice_id)
        self.showing_outcome = True
        self.render()

    def proceed(self) -> None:
        """Move on from an outcome to the next decision or the ending (or the pause before it)."""
        self.showing_outcome = False
        node = self.session.node
        self.pausing, self.stopped = bool(node is not None and node.pause_before), False
        self.render()

    def go_on(self) -> None:
        """From the pause, go on to the decision."""
        self.pausing = self.stopped = False
        self.render()

    def stop_here(self) -> None:
        """From the pause, stop: the path and reflections are kept, and the pause can be returned to."""
        self.stopped = True
        self.render()

    def return_to_pause(self) -> None:
        self.stopped = False
        self.render()

    def back(self) -> None:
        """Undo the last decision."""
        self.session.back()
        self.showing_outcome = self.pausing = self.stopped = False
        self.render()

    def restart(self) -> None:
        """Return to the first decision."""
        self.session.restart()
        self.showing_outcome = self.stopped = False
        start = self.session.node
        self.pausing = bool(start is not None and start.pause_before)
        self.render()

    # --- rendering ---

    def render(self) -> None:
        """Redraw the current step."""
        self.choice_buttons = []
        self.next_button = self.go_on_button = self.stop_button = None
        self.reflection_box = None
        children: list[widgets.Widget]
        ending = self.session.ending
        if self.showing_outcome:
            children = self._outcome(self.session.steps[-1].choice)
        elif self.pausing:
            children = self._pause()
        elif ending is not None:
            children = self._ending(ending)
        else:
            children = self._node()
        self.stage.children = children
        labels = [step.choice.label for step in self.session.steps]
        self.path.value = (
            "<p><strong>Your path so far:</strong> "
            + (html.escape(" → ".join(labels)) if labels else "no decisions yet")
            + "</p>"
        )

    def _reflection(self, key: str, prompt: str) -> widgets.Textarea:
        box = widgets.Textarea(
            value=self.reflections.get(key, (prompt, ""))[1],
            placeholder="Your reflection",
            description="",
            layout=widgets.Layout(width="100%"),
        )

        def keep(change: dict[str, Any]) -> None:
            self.reflections[key] = (prompt, change["new"])

        box.observe(keep, names="value")
        self.reflection_box = box
        return box

    def _node(self) -> list[widgets.Widget]:
        node = self.session.node
        assert node is not None
        parts: list[widgets.Widget] = [_html(self.titles[node.id], tag="h4")]
        parts.append(_html(*_paragraphs(node.situation)))
        if node.prompt:
            parts += [_html(node.prompt, tag="em"), self._reflection(node.id, node.prompt)]
        parts.append(_html("What do you do?"))
        for choice in self.session.choices():
            button = widgets.Button(description=choice.label, layout=widgets.Layout(width="auto"))
            button.on_click(lambda _, chosen=choice.id: self.choose(chosen))
            self.choice_buttons.append(button)
            parts.append(button)
        return parts

    def _pause(self) -> list[widgets.Widget]:
        """The pause before the decision's hardest material, as in the browser player."""
        node = self.session.node
        assert node is not None and node.pause_before is not None
        title = self.titles[node.id]
        if self.stopped:
            self.go_on_button = widgets.Button(description="Return to the pause")
            self.go_on_button.on_click(lambda _: self.return_to_pause())
            return [
                _html(f"You stopped before {title}", tag="h4"),
                _html(
                    "Stopping here is a sound choice, and nothing is lost: your path and reflections so far "
                    "stay in this notebook. You can come back to this point, go back a step or start again "
                    "whenever you choose."
                ),
                _html(signpost()),
                self.go_on_button,
            ]
        self.go_on_button = widgets.Button(
            description=f"Go on to {title}", layout=widgets.Layout(width="auto")
        )
        self.go_on_button.on_click(lambda _: self.go_on())
        self.stop_button = widgets.Button(description="Stop here")
        self.stop_button.on_click(lambda _: self.stop_here())
        return [
            _html(f"A pause before {title}", tag="h4"),
            _html(*_paragraphs(node.pause_before)),
            _html(signpost()),
            self.go_on_button,
            self.stop_button,
        ]

    def _outcome(self, choice: Choice) -> list[widgets.Widget]:
        parts: list[widgets.Widget] = [_html(f"You chose: {choice.label}", tag="h4")]
        parts.append(_html(*_paragraphs(choice.consequence)))
        if self.projection.value:
            views = [
                f"{label}: {view.text} ({int(view.lean):+d}, {LEAN_WORDS[int(view.lean)]})"
                for key, label in SIDES
                for view in [getattr(choice.perspectives, key)]
            ]
            parts.append(_html(*views, tag="li"))
        else:
            parts.append(_html(VERDICTS_LATER, tag="em"))
        parts.append(self._codes(choice))
        self.next_button = widgets.Button(
            description="See where this ends"
            if choice.leads_to in {e.id for e in self.dilemma.endings}
            else "Continue"
        )
        self.next_button.on_click(lambda _: self.proceed())
        parts.append(self.next_button)
        return parts

    def clause_lines(self, choice: Choice) -> list[str]:
        """The codes and law panel as text: cited clauses, cited provisions of law, then clauses related by
        theme in the jurisdiction.

        Outside projection mode the cited clauses and provisions are listed in order without saying which
        the choice honours, strains or would break: that is a verdict, shown at the ending.
        """
        clauses = self.payload["clauses"]
        if self.projection.value:
            lines = [f"Honours {clauses[r]['label']}: {clauses[r]['text']}" for r in choice.honours]
            lines += [f"Strains {clauses[r]['label']}: {clauses[r]['text']}" for r in choice.strains]
        else:
            lines = [CLAUSES_LATER] + [
                f"{clauses[r]['label']}: {clauses[r]['text']}"
                for r in sorted([*choice.honours, *choice.strains])
            ]
        label, members = player_jurisdictions()[self.jurisdiction.value]
        themes = {theme.value for theme in choice.themes}
        for ref in [*choice.honours, *choice.strains]:
            themes.update(clauses[ref]["themes"])
        related = sorted(
            (
                ref
                for ref, clause in clauses.items()
                if ref not in choice.honours + choice.strains
                and clause["current"]
                and clause["jurisdiction"] in {member.value for member in members}
                and themes & set(clause["themes"])
            ),
            key=lambda ref: not clauses[ref]["binding"],  # the nation's binding standards first
        )[:6]
        provisions = self.payload["provisions"]
        if self.projection.value:
            for relation, heading in (
                ("honours", "Honours in law"),
                ("strains", "Strains in law"),
                ("unlawful", "Would be unlawful under"),
            ):
                lines += [
                    f"{heading} {provisions[law.ref]['label']}: {provisions[law.ref]['text']}"
                    for law in choice.law
                    if law.relation.value == relation
                ]
        else:
            lines += [
                f"{provisions[ref]['label']}: {provisions[ref]['text']}"
                for ref in sorted(law.ref for law in choice.law)
            ]
        lines.append(f"Related by theme, {label}:")
        lines += [f"{clauses[r]['label']}: {clauses[r]['text']}" for r in related] or [
            "No other clause of these codes shares this choice's themes."
        ]
        return lines

    def _codes(self, choice: Choice) -> widgets.VBox:
        return widgets.VBox(
            [_html("What the codes and the law say", tag="h5"), _html(*self.clause_lines(choice), tag="li")]
        )

    def _ending(self, ending: Ending) -> list[widgets.Widget]:
        parts: list[widgets.Widget] = [_html(self.titles[ending.id], tag="h4")]
        parts.append(_html(*_paragraphs(ending.debrief)))
        if ending.law:
            provisions = self.payload["provisions"]
            parts.append(_html("What the law says", tag="h5"))
            parts.append(
                _html(
                    *(
                        f"{law.relation.value.capitalize()}: {provisions[law.ref]['label']}: "
                        f"{provisions[law.ref]['text']}"
                        for law in ending.law
                    ),
                    tag="li",
                )
            )
        if ending.self_care:
            parts.append(_html("Looking after yourself: " + ending.self_care))
        parts.append(_html("How each side saw your path, decision by decision (a picture, not a score)"))
        parts.append(_html(*self.path_summary(), tag="li"))
        parts += [
            _html(ending.reflection_prompt, tag="em"),
            self._reflection(ending.id, ending.reflection_prompt),
        ]
        return parts

    def path_summary(self) -> list[str]:
        """One line per decision on the path: each side's lean and view, then what the choice cites."""
        clauses = self.payload["clauses"]

        def refs(found: list[str]) -> str:
            return "; ".join(clauses[r]["label"] for r in found)

        lines = []
        for step in self.session.steps:
            choice = step.choice
            views = [
                f"{label} {int(view.lean):+d} {LEAN_WORDS[int(view.lean)]}: {view.text}"
                for key, label in SIDES
                for view in [getattr(choice.perspectives, key)]
            ]
            cites = [f"honours {refs(choice.honours)}"] if choice.honours else []
            cites += [f"strains {refs(choice.strains)}"] if choice.strains else []
            line = f"{self.titles[step.node.id]}: {choice.label}. " + " ".join(f"{view}" for view in views)
            lines.append(line + (f" It {'; it '.join(cites)}." if cites else ""))
        return lines

    # --- export ---

    def markdown(self) -> str:
        """The path and reflections laid out as a CPD / ASYE record, as the browser player exports it."""
        clauses = self.payload["clauses"]
        path = " → ".join(f"{self.titles[step.node.id]}: {step.choice.label}" for step in self.session.steps)
        cited: list[str] = []
        for step in self.session.steps:
            cited += [f"{clauses[r]['label']}" for r in step.choice.honours + step.choice.strains]
        ending = self.session.ending
        if ending is not None:
            cited += [f"{clauses[r]['label']}" for r in ending.clauses]
        lines = [
            "# My reflections: First Loyalty",
            "",
            f"## {self.dilemma.title}",
            "",
            f"- Date: {date.today().isoformat()}",
            f"- Dilemma: {self.dilemma.id}",
            f"- Path: {path or 'not started'}",
        ]
        if ending is not None:
            lines.append(f"- Ending: {ending.title}")
        lines += [f"- Clauses: {'; '.join(dict.fromkeys(cited)) or 'none'}", ""]
        for prompt, text in self.reflections.values():
            if text:
                lines += [f"### {prompt}", "", text, ""]
        return "\n".join(lines)

    def show_export(self) -> None:
        """Show the Markdown record so it can be copied into a portfolio."""
        self.export_area.value = self.markdown()
        self.export_area.layout.display = "block"


OWN_SITUATION = "own-situation"


class WorksheetWidget(widgets.VBox):  # type: ignore[misc]
    """The ethical-reasoning worksheet as a form: `WorksheetWidget(catalog, case_id=None)`.

    The same steps as the book's worksheet; `markdown()` gives the same layout as its export.
    """

    def __init__(self, catalog: Catalog, case_id: str | None = None) -> None:
        options = [("A situation of my own", OWN_SITUATION)] + [
            (loaded.model.title, key) for key, loaded in sorted(catalog.cases.items())
        ]
        self.titles = dict((value, label) for label, value in options)
        self.case = widgets.Dropdown(
            options=options, value=case_id or OWN_SITUATION, description="Working on:"
        )
        self.fields: dict[str, widgets.Textarea] = {}
        self.sheets: dict[str, dict[str, str]] = {}
        """Answers kept per case while the notebook runs, so switching case does not lose them."""
        parts: list[widgets.Widget] = [self.case]
        for number, step in enumerate(worksheet.steps(), 1):
            parts.append(_html(f"{number}. {step.title}", tag="h3"))
            parts.append(_html(step.guidance))
            for field_id, label in step.fields:
                area = widgets.Textarea(
                    description=label if len(step.fields) > 1 else "",
                    layout=widgets.Layout(width="100%", height="5em"),
                )
                self.fields[field_id] = area
                parts.append(area)
        self.export_button = widgets.Button(description="Worksheet as Markdown")
        self.export_area = widgets.Textarea(
            layout=widgets.Layout(width="100%", height="12em", display="none")
        )
        self.export_button.on_click(lambda _: self.show_export())
        self.case.observe(self._switch, names="value")
        self._showing = self.case.value
        super().__init__([*parts, self.export_button, self.export_area])

    @classmethod
    def from_kit(cls, case_id: str | None = None, start: Path | None = None) -> WorksheetWidget:
        return cls(kit_catalog(start), case_id)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """A static preview for pages read without a running kernel (the built book)."""
        bundle: dict[str, Any] = super()._repr_mimebundle_(**kwargs)
        steps = "".join(f"<li>{html.escape(step.title)}</li>" for step in worksheet.steps())
        bundle["text/html"] = (
            f'<div class="ek-widget-preview"><p><strong>Worksheet: '
            f"{html.escape(self.titles[self.case.value])}</strong></p><ol>{steps}</ol>"
            "<p><em>A static preview: run this notebook in Jupyter to fill in "
            "the worksheet here, or use the worksheet page of this book.</em></p></div>"
        )
        return bundle

    @property
    def answers(self) -> dict[str, str]:
        return {field_id: area.value for field_id, area in self.fields.items()}

    def _switch(self, change: dict[str, Any]) -> None:
        self.sheets[self._showing] = self.answers
        self._showing = change["new"]
        kept = self.sheets.get(self._showing, {})
        for field_id, area in self.fields.items():
            area.value = kept.get(field_id, "")

    def markdown(self) -> str:
        return worksheet.as_markdown(self.titles[self.case.value], self.answers, date.today().isoformat())

    def show_export(self) -> None:
        self.export_area.value = self.markdown()
        self.export_area.layout.display = None


class SelfCheckWidget(widgets.VBox):  # type: ignore[misc]
    """A case's self-check in a notebook: `SelfCheckWidget(catalog.cases["id"].model.self_check, catalog)`.

    The same questions and feedback as the book: a choice (or, for a short answer, some text) and a Check
    button per question; the feedback for what was chosen says why it is right or wrong and what it rests
    on. Nothing is kept once the kernel stops.
    """

    def __init__(
        self, self_check: SelfCheck, catalog: Catalog, title: str = "Check your understanding"
    ) -> None:
        self.self_check = self_check
        self.catalog = catalog
        self.title = title
        self.answers: dict[str, widgets.Widget] = {}
        """The input of each question, by question id: a RadioButtons, SelectMultiple or Textarea."""
        self.check_buttons: dict[str, widgets.Button] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        parts: list[widgets.Widget] = [_html(title, tag="h3")]
        for number, question in enumerate(self_check.questions, 1):
            parts += self._question(number, question)
        super().__init__(parts)

    @classmethod
    def from_kit(cls, case_id: str, start: Path | None = None) -> SelfCheckWidget:
        """Load the kit found in `start` or a folder above it, and show one case's self-check."""
        catalog = kit_catalog(start)
        case = catalog.cases[case_id].model
        if case.self_check is None:
            raise ValueError(f"the case '{case_id}' has no self-check yet")
        return cls(case.self_check, catalog, f"Check your understanding: {case.title}")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """A static preview for pages read without a running kernel (the built book): questions only."""
        bundle: dict[str, Any] = super()._repr_mimebundle_(**kwargs)
        items = "".join(f"<li>{html.escape(q.prompt)}</li>" for q in self.self_check.questions)
        bundle["text/html"] = (
            f'<div class="ek-widget-preview"><p><strong>{html.escape(self.title)}</strong></p>'
            f"<ol>{items}</ol>"
            "<p><em>A static preview: run this notebook in Jupyter to answer here, or answer on the "
            "case's page in this book.</em></p></div>"
        )
        return bundle

    def _question(self, number: int, question: Question) -> list[widgets.Widget]:
        prompt = f"{number}. {question.prompt}"
        if question.kind is QuestionKind.TRUE_FALSE:
            prompt += " True or false?"
        elif question.multiple:
            prompt += " (Choose every answer that applies; hold Ctrl or Cmd to pick more than one.)"
        answer: widgets.Widget
        layout = widgets.Layout(width="100%")
        if question.kind is QuestionKind.SHORT_ANSWER:
            answer = widgets.Textarea(
                placeholder="Your answer", layout=widgets.Layout(width="100%", height="5em")
            )
            button = widgets.Button(
                description="Compare with a model answer", layout=widgets.Layout(width="auto")
            )
        elif question.multiple:
            labels = [option.text for option in question.options]
            answer = widgets.SelectMultiple(options=labels, rows=len(labels), layout=layout)
            button = widgets.Button(description="Check")
        else:
            answer = widgets.RadioButtons(
                options=[o.text for o in question.options], value=None, layout=layout
            )
            button = widgets.Button(description="Check")
        out = widgets.HTML()
        button.on_click(lambda _: self.check(question.id))
        self.answers[question.id] = answer
        self.check_buttons[question.id] = button
        self.feedback[question.id] = out
        return [_html(prompt, tag="p"), answer, button, out]

    def _grounds(self, cites: list[str], laws: list[str]) -> str:
        labels = []
        for ref in cites:
            found = self.catalog.cited(ref)
            labels.append(found.label if found is not None else ref)
        for ref in laws:
            law = self.catalog.resolve_law(ref)
            labels.append(law_label(*law) if law is not None else ref)
        return "Rests on: " + "; ".join(labels) + "."

    def feedback_lines(self, question_id: str) -> list[str]:
        """What the Check button shows for the current answer, as text lines."""
        question = next(q for q in self.self_check.questions if q.id == question_id)
        answer = self.answers[question_id]
        if question.kind is QuestionKind.SHORT_ANSWER:
            assert question.model_answer is not None  # the checker requires it
            return [
                "A good answer:",
                *_paragraphs(question.model_answer),
                "Points to look for in yours:",
                *(f"- {point}" for point in question.look_for),
                self._grounds(question.cites, question.law),
            ]
        value = answer.value
        chosen = [] if value is None else [value] if isinstance(value, str) else list(value)
        if not chosen:
            return ["Choose an answer first."]
        picked = [option for option in question.options if option.text in chosen]
        right = [option for option in question.options if option.correct]
        wrong_picked = [option for option in picked if not option.correct]
        summary = (
            "Right."
            if not wrong_picked and len(picked) == len(right)
            else "Not quite: read why, then try again."
            if wrong_picked
            else "Partly: there is more than one right answer."
        )
        lines = [summary]
        for option in picked:
            verdict = "Right" if option.correct else "Not right"
            lines += [f"{verdict}: {option.text}", *_paragraphs(option.feedback)]
            lines.append(self._grounds(option.cites, option.law))
        return lines

    def check(self, question_id: str) -> None:
        """Show the feedback for the current answer to one question."""
        self.feedback[question_id].value = "".join(
            f"<p>{html.escape(line)}</p>" for line in self.feedback_lines(question_id)
        )
