"""The ethical-reasoning worksheet: its steps, once, for the book page, the browser and Jupyter."""

from __future__ import annotations

from dataclasses import dataclass

from .words import _


@dataclass(frozen=True)
class Step:
    """One step of the worksheet; `fields` are (id, label) of the answers it asks for."""

    id: str
    title: str
    guidance: str
    fields: tuple[tuple[str, str], ...]


def _one(step_id: str, title: str, guidance: str) -> Step:
    return Step(step_id, title, guidance, ((step_id, title),))


def steps() -> tuple[Step, ...]:
    """The worksheet's steps, in the language being written."""
    return (
        _one(
            "facts",
            _("The facts"),
            _(
                "What do you know, and what do you not know yet? Keep what you saw or were told apart from "
                "what you assume."
            ),
        ),
        _one(
            "people",
            _("People affected"),
            _(
                "Who is affected by what you decide: the person and their family, carers, colleagues, the "
                "agency, others in the community?"
            ),
        ),
        _one(
            "values",
            _("Values at stake"),
            _(
                "Which values pull against each other here? For example self-determination and safety, "
                "honesty and kindness, fairness to one person and fairness to many."
            ),
        ),
        _one(
            "clauses",
            _("Relevant clauses"),
            _(
                "Which clauses of the codes bear on the situation, and what does each ask of you? Give the "
                "code and number, e.g. Social Work England 6.2."
            ),
        ),
        _one(
            "law",
            _("What the law says"),
            _(
                "What does the law require, permit or forbid here, and whose duty is it? Name the provisions "
                "for the nation you are in, e.g. Care Act 2014, s 42 in England, and say where the law stops "
                "deciding and your judgement begins."
            ),
        ),
        _one(
            "options",
            _("Options"),
            _("List at least three things you could do, including one you would not normally consider."),
        ),
        Step(
            "consequences",
            _("Consequences"),
            _("For your main options, what follows from each point of view?"),
            (
                ("consequences-agency", _("For the agency")),
                ("consequences-profession", _("For the profession and your registration")),
                ("consequences-person", _("For the person who uses services")),
            ),
        ),
        _one("decision", _("Decision"), _("What will you do, and through which channel?")),
        _one(
            "justification",
            _("Justification"),
            _(
                "Why this option? Which clauses, duties in law and values does it honour and which does it "
                "strain? How would you explain it to the person, to your manager and to the regulator?"
            ),
        ),
    )


def field_ids() -> list[str]:
    """Every answer the worksheet holds, in order."""
    return [field_id for step in steps() for field_id, _label in step.fields]


def as_payload() -> list[dict[str, object]]:
    """The steps as JSON-ready data for the browser worksheet."""
    return [
        {
            "id": step.id,
            "title": step.title,
            "guidance": step.guidance,
            "fields": [{"id": field_id, "label": label} for field_id, label in step.fields],
        }
        for step in steps()
    ]


def as_markdown(title: str, answers: dict[str, str], updated: str) -> str:
    """A completed worksheet laid out like the reflections export."""
    # The Markdown marks stay out of the messages: a translation changes the words, not the layout.
    lines = ["## " + _("Worksheet: {title}", title=title), "", "- " + _("Date: {date}", date=updated), ""]
    for step in steps():
        lines += [f"### {step.title}", ""]
        for field_id, label in step.fields:
            text = answers.get(field_id, "").strip() or _("(not written)")
            named = f"**{_('{label}:', label=label)}** {text}"
            lines += [named if len(step.fields) > 1 else text, ""]
    return "\n".join(lines)
