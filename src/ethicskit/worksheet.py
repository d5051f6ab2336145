"""The ethical-reasoning worksheet: its steps, once, for the book page, the browser and Jupyter."""

from __future__ import annotations

import re
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


def step_heading(number: int, step: Step) -> str:
    """A step's heading where the steps are numbered: the book page, the form, the widget, the paper."""
    return _("{number}. {title}", number=number, title=step.title)


def field_heading(step: Step, label: str) -> str:
    """What an answer is called on its own, in a list of answers (My reflections, a regulator's record):
    the step's title, with the field's label where the step asks for more than one answer."""
    return _("{step}: {field}", step=step.title, field=label) if len(step.fields) > 1 else step.title


def as_payload() -> list[dict[str, object]]:
    """The steps as JSON-ready data for the browser worksheet, every word of its form included."""
    return [
        {
            "id": step.id,
            "heading": step_heading(number, step),
            "title": step.title,
            "guidance": step.guidance,
            "fields": [
                {
                    "id": field_id,
                    "label": label if len(step.fields) > 1 else _("Your answer"),
                    "heading": field_heading(step, label),
                }
                for field_id, label in step.fields
            ],
        }
        for number, step in enumerate(steps(), 1)
    ]


# --- the completed worksheet, written once for Python and the browser ----------------------------

Piece = str | dict[str, str]
"""A piece of the completed worksheet's layout: text as it stands, or a slot to fill:
{"slot": "title"}, {"slot": "date"} or {"answer": <field id>}."""

_SPACE = " \t\n\r\f\v"
"""What is trimmed from an answer's ends: ASCII white space only, as the browser trims it too (Python's
and JavaScript's own trimming differ on rarer characters)."""

_SLOT = re.compile(r"\{(title|date)\}")


def _with_slots(message: str) -> list[Piece]:
    """A message still holding its {title} or {date} placeholder, cut into text and slots."""
    parts = _SLOT.split(message)
    return [part if index % 2 == 0 else {"slot": part} for index, part in enumerate(parts) if part]


def markdown_layout() -> dict[str, object]:
    """The completed worksheet's Markdown, as text and slots, in the language being written.

    Python (`as_markdown`: the widget and the documents) and the browser (the My reflections export,
    which receives this with the page's words) both fill this one layout, so the two exports cannot
    differ: the browser adds no word or mark of its own.
    """
    # The Markdown marks stay out of the messages: a translation changes the words, not the layout.
    pieces: list[Piece] = ["## ", *_with_slots(_("Worksheet: {title}")), "\n\n- "]
    pieces += [*_with_slots(_("Date: {date}")), "\n\n"]
    for step in steps():
        pieces.append(f"### {step.title}\n\n")
        for field_id, label in step.fields:
            if len(step.fields) > 1:
                pieces.append(f"**{_('{label}:', label=label)}** ")
            pieces += [{"answer": field_id}, "\n\n"]
    return {"pieces": _joined(pieces), "notWritten": _("(not written)")}


def _joined(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def fill(layout: dict[str, object], title: str, answers: dict[str, str], updated: str) -> str:
    """The layout filled in; an answer left blank reads "(not written)". The browser's `fill` in
    reflections.js does exactly this."""
    values = {"title": title, "date": updated}
    not_written = str(layout["notWritten"])
    out = []
    for piece in layout["pieces"]:  # type: ignore[attr-defined]
        if isinstance(piece, str):
            out.append(piece)
        elif "slot" in piece:
            out.append(values[piece["slot"]])
        else:
            out.append(answers.get(piece["answer"], "").strip(_SPACE) or not_written)
    # The last answer's blank line is left off, as a list of lines joined by line ends would.
    return "".join(out).removesuffix("\n")


def as_markdown(title: str, answers: dict[str, str], updated: str) -> str:
    """A completed worksheet, laid out as the My reflections page exports it; `updated` is the date
    as the language writes it."""
    return fill(markdown_layout(), title, answers, updated)
