"""Reflections laid out in the shapes regulators and the ASYE ask for: a Social Work England CPD record,
an ASYE critical reflection log entry and an SSSC continuous professional learning (CPL) record.

The input is the JSON file "My reflections" downloads (the player's own store). Each shape is data:
its fields, and where each field's answer comes from, in a small vocabulary both this module and the
browser (`reflections.js`, which receives `as_payload()`) fill in the same way, so the book's page and
`ethicskit export record` give the same Markdown and text.

The fields were checked against each body's published guidance, recorded with the date it was seen
(`Source`); where the form itself could not be seen, the shape says so on every record it makes.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date as Date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .words import _, current, listed, stored_date

MAX_EXPORT_BYTES = 5 * 1024 * 1024
"""The same limit as the page's import: an export is a few kilobytes per dilemma."""


def kit_name() -> str:
    """The kit's name, as every record names it."""
    return _("First Loyalty")


def not_evidence() -> str:
    """The statement every record opens with: reflecting on a fictional case is not practice evidence."""
    return _(
        "Reflecting on a fictional case is continuing professional development and reflection, not evidence "
        "of practice: it shows how you reasoned about an invented situation, not what you did with a real "
        "person. Record it as learning; never present it as a piece of your casework."
    )


def to_complete() -> str:
    """The mark on every answer only the practitioner can write."""
    return _("To complete")


@dataclass(frozen=True)
class Source:
    """Where a shape's fields were checked, and when (`seen`, written as the record's language writes
    dates)."""

    title: str
    url: str
    seen: str


@dataclass(frozen=True)
class RecordField:
    """One heading of a record and where its answer comes from.

    `parts` are filled in order and joined by a blank line: "title", "date", "activity", "learning",
    "clauses"; "fixed:TEXT" for the same answer on every entry; "complete:HINT" for what only the
    practitioner can write. The labels are the regulators' field names, translated as interface words.
    """

    label: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class RecordShape:
    id: str
    title: str
    filename: str
    verification: str
    """What was and was not checked, printed on every record."""
    sources: tuple[Source, ...]
    fields: tuple[RecordField, ...]


SEEN = Date(2026, 12, 4)
"""When each body's guidance was read."""
SHAPE_IDS = ("swe-cpd", "asye-crl", "sssc-cpl")


def _fixed(text: str) -> str:
    return "fixed:" + text


def _complete(hint: str) -> str:
    return "complete:" + hint


def shapes() -> tuple[RecordShape, ...]:
    """The three shapes, in the language being written."""
    seen = current().date(SEEN)
    return (
        RecordShape(
            id="swe-cpd",
            title=_("Social Work England CPD record"),
            filename="swe-cpd-record",
            verification=_(
                "Fields follow the questions of Social Work England's online CPD form as its guidance and a "
                "summary of the form describe them (title, date, type of CPD, a description of the activity "
                "and why it is relevant, what you learnt, the impact on your practice and the people you "
                "work with, and the optional peer reflection question). The form itself, behind the "
                "registrant's login, was not seen: its exact wording may differ."
            ),
            sources=(
                Source(
                    _("Social Work England: How to record CPD"),
                    "https://www.socialworkengland.org.uk/cpd/record-cpd/",
                    seen,
                ),
                Source(
                    _("Social Work England: Peer reflection"),
                    "https://www.socialworkengland.org.uk/cpd/peer-reflection/",
                    seen,
                ),
                Source(
                    _(
                        "Research in Practice: Record your CPD and apply to renew registration "
                        "(November 2023)"
                    ),
                    "https://sword.researchinpractice.org.uk/all/news-views/2023/november/"
                    "record-your-cpd-and-apply-to-renew-registration",
                    seen,
                ),
            ),
            fields=(
                RecordField(_("Title of CPD"), ("title",)),
                RecordField(_("Date of CPD"), ("date",)),
                RecordField(
                    _("Type of CPD"),
                    (
                        _fixed(
                            _(
                                "Self-directed learning: a structured ethical rehearsal on a fictional case. "
                                "Choose the closest type the form offers."
                            )
                        ),
                    ),
                ),
                RecordField(
                    _("Description of the activity and why it is relevant to you"),
                    (
                        "activity",
                        _complete(_("why this dilemma matters to your role and the people you work with.")),
                    ),
                ),
                RecordField(_("What you learnt"), ("learning",)),
                RecordField(_("Standards and codes the dilemma touched (for your reference)"), ("clauses",)),
                RecordField(
                    _("The impact on your practice and the people you work with"),
                    (_complete(_("what you now do, or will do, differently, and who benefits.")),),
                ),
                RecordField(
                    _("Peer reflection: what you learnt from discussing this activity with a peer"),
                    (
                        _complete(
                            _(
                                "talk the dilemma through with a colleague, your manager or another "
                                "professional, then write what you learnt from that conversation. At least "
                                "one piece of CPD each year needs a peer reflection."
                            )
                        ),
                    ),
                ),
            ),
        ),
        RecordShape(
            id="asye-crl",
            title=_("ASYE critical reflection log entry"),
            filename="asye-critical-reflection",
            verification=_(
                "The ASYE in England is recorded in Skills for Care's portfolio templates, refreshed from "
                "1 September 2022. Skills for Care's guidance on completing the critical reflection log "
                "(2015) was read: the log runs in parts across the year, is shared with the assessor in "
                "supervision and at reviews, and maps reflection to the Professional Capabilities "
                "Framework and the Knowledge and Skills Statement (now the post-qualifying standards). "
                "Whether the 2022 templates keep a log under that name, and their own prompts, were not "
                "seen, so these headings are the kit's: copy the entry into your employer's template."
            ),
            sources=(
                Source(
                    _("Skills for Care: ASYE templates"),
                    "https://www.skillsforcare.org.uk/Regulated-professions/Social-work/ASYE/ASYE-templates.aspx",
                    seen,
                ),
                Source(
                    _(
                        "Skills for Care: Completing the critical reflection log, supporting guidance "
                        "(2015), in a copy on studylib.net"
                    ),
                    "https://studylib.net/doc/18457448/completing-the-crl",
                    seen,
                ),
            ),
            fields=(
                RecordField(
                    _("Stage of the ASYE"),
                    (_complete(_("the part of the log or the review period this entry belongs to.")),),
                ),
                RecordField(_("Date"), ("date",)),
                RecordField(_("The learning activity"), ("activity",)),
                RecordField(_("Critical reflection: what I learnt and what I would question"), ("learning",)),
                RecordField(_("Standards and codes the dilemma touched"), ("clauses",)),
                RecordField(
                    _("PCF domains and post-qualifying standards (KSS) it relates to"),
                    (
                        _complete(
                            _("name the domains and statements, and say how this reflection shows them.")
                        ),
                    ),
                ),
                RecordField(
                    _("Learning and development needs it shows"),
                    (_complete(_("what you need to learn next, for your professional development plan.")),),
                ),
                RecordField(
                    _("To discuss with my assessor or supervisor"),
                    (_complete(_("the questions this reflection leaves you with.")),),
                ),
            ),
        ),
        RecordShape(
            id="sssc-cpl",
            title=_("SSSC continuous professional learning (CPL) record"),
            filename="sssc-cpl-record",
            verification=_(
                "The SSSC replaced post-registration training and learning (PRTL) with continuous "
                "professional learning (CPL) in October 2020. It sets no single form: registered workers "
                "keep a record in the way that suits them and confirm their hours when they renew; newly "
                "qualified social workers submit their record. The fields follow what the SSSC's guidance "
                "asks a record to show. The NQSW core learning elements introduced in June 2024 were not "
                "read, so they are left for you to add."
            ),
            sources=(
                Source(
                    _("SSSC: Continuous professional learning (CPL)"), "https://www.sssc.uk.com/cpl", seen
                ),
                Source(
                    _("SSSC news: Changes to post registration training and learning (1 September 2020)"),
                    "https://news.sssc.uk.com/news/changes-to-post-registration-training-and-learning",
                    seen,
                ),
                Source(
                    _("SSSC NQSW website: SSSC registration"),
                    "https://nqsw.sssc.uk.com/sssc-registration",
                    seen,
                ),
                Source(
                    _("SSSC knowledge base: NQSW continuous professional learning"),
                    "https://www.sssc.uk.com/knowledgebase/article/KA-02965/en-us",
                    seen,
                ),
            ),
            fields=(
                RecordField(_("Learning activity"), ("activity",)),
                RecordField(_("Date"), ("date",)),
                RecordField(_("Type of learning"), (_fixed(_("Self-directed learning.")),)),
                RecordField(
                    _("Hours"),
                    (
                        _complete(
                            _(
                                "the time you spent, which counts towards the CPL hours for your part of "
                                "the Register."
                            )
                        ),
                    ),
                ),
                RecordField(_("What I learned"), ("learning",)),
                RecordField(
                    _("How it has helped my practice, including managing ethical dilemmas and use of self"),
                    (_complete(_("the difference this learning makes to your work.")),),
                ),
                RecordField(_("Codes of practice the dilemma touched"), ("clauses",)),
                RecordField(
                    _("Discussed with my supervisor"),
                    (_complete(_("when, and what your supervisor's view added.")),),
                ),
            ),
        ),
    )


def shape_by_id(shape_id: str) -> RecordShape:
    """One shape by its id, in the language being written."""
    return next(found for found in shapes() if found.id == shape_id)


# --- the reflections export, read as untrusted input -----------------------------------------------

Short = Annotated[str, StringConstraints(max_length=500)]
Long = Annotated[str, StringConstraints(max_length=100_000)]


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class PathStep(_Loose):
    title: Short = ""
    label: Short
    clauses: list[Short] = Field(default_factory=list, max_length=200)


class Ending(_Loose):
    title: Short
    clauses: list[Short] = Field(default_factory=list, max_length=200)


class Reflection(_Loose):
    prompt: Long
    text: Long


class DilemmaEntry(_Loose):
    title: Short
    updated: Short
    path: list[PathStep] = Field(default_factory=list, max_length=200)
    ending: Ending | None = None
    reflections: dict[Short, Reflection] = Field(default_factory=dict, max_length=200)


class WorksheetEntry(_Loose):
    title: Short
    updated: Short
    answers: dict[Short, Long] = Field(default_factory=dict, max_length=200)
    steps: list[tuple[Short, Short]] = Field(default_factory=list, max_length=200)


class ReflectionsExport(_Loose):
    version: int = 1
    dilemmas: dict[Short, DilemmaEntry] = Field(default_factory=dict, max_length=1000)
    worksheets: dict[Short, WorksheetEntry] = Field(default_factory=dict, max_length=1000)


class RecordError(Exception):
    """The reflections file cannot be read; the message says why."""


def read_export(data: bytes) -> ReflectionsExport:
    """A "Download as JSON" file from My reflections, checked before anything is made from it."""
    if len(data) > MAX_EXPORT_BYTES:
        raise RecordError(_("the file is larger than 5 MB, far larger than any export of reflections"))
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RecordError(_("the file is not JSON, so it is not an export of reflections")) from None
    if isinstance(raw, dict) and "version" not in raw and "dilemmas" not in raw:
        raw = {"version": 1, "dilemmas": raw}  # the first export format: dilemmas only, no version
    if isinstance(raw, dict) and isinstance(raw.get("version"), int) and raw["version"] > 1:
        raise RecordError(
            _("the file was exported by a newer version of the kit (format {format})", format=raw["version"])
        )
    try:
        return ReflectionsExport.model_validate(raw)
    except ValidationError as error:
        where = ".".join(str(part) for part in error.errors()[0]["loc"])
        if not where:
            raise RecordError(_("the file is not an export of reflections (at the top)")) from None
        raise RecordError(_("the file is not an export of reflections (at {where})", where=where)) from None


# --- filling a shape ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    heading: str
    answers: tuple[tuple[str, str], ...]


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _one_after_another(labels: list[str]) -> str:
    """Choices in the order they were made: 'A; then B; then C'."""
    joined = labels[0]
    for label in labels[1:]:
        joined = _("{earlier}; then {later}", earlier=joined, later=label)
    return joined


def _dilemma_values(entry: DilemmaEntry) -> dict[str, str]:
    clauses = [ref for step in entry.path for ref in step.clauses]
    if entry.ending:
        clauses += entry.ending.clauses
    kit = kit_name()
    if entry.path and entry.ending:
        activity = _(
            "Worked through the interactive dilemma “{title}” in {kit}, an open course kit on social work "
            "ethics. Choices: {choices}. Ending reached: {ending}.",
            title=entry.title,
            kit=kit,
            choices=_one_after_another([step.label for step in entry.path]),
            ending=entry.ending.title,
        )
    elif entry.path:
        activity = _(
            "Worked through the interactive dilemma “{title}” in {kit}, an open course kit on social work "
            "ethics. Choices: {choices}.",
            title=entry.title,
            kit=kit,
            choices=_one_after_another([step.label for step in entry.path]),
        )
    else:
        activity = _(
            "Started the interactive dilemma “{title}” in {kit}, an open course kit on social work ethics.",
            title=entry.title,
            kit=kit,
        )
    learning = [
        _("“{prompt}”", prompt=r.prompt) + f"\n\n{r.text.strip()}"
        for r in entry.reflections.values()
        if r.text.strip()
    ]
    return {
        "title": _("Ethical dilemma: {title} ({kit})", title=entry.title, kit=kit),
        "date": stored_date(entry.updated),
        "activity": activity,
        "learning": "\n\n".join(learning)
        or _("{to_complete}: nothing was written at the dilemma's prompts.", to_complete=to_complete()),
        "clauses": listed(_unique(clauses)) or _("None recorded."),
    }


def _worksheet_values(entry: WorksheetEntry) -> dict[str, str]:
    learning = [
        f"{heading}\n\n{entry.answers[key].strip()}"
        for heading, key in entry.steps
        if entry.answers.get(key, "").strip()
    ]
    kit = kit_name()
    return {
        "title": _("Ethical-reasoning worksheet: {title} ({kit})", title=entry.title, kit=kit),
        "date": stored_date(entry.updated),
        "activity": _(
            "Worked through {kit}'s ethical-reasoning worksheet on “{title}”, step by step.",
            kit=kit,
            title=entry.title,
        ),
        "learning": "\n\n".join(learning)
        or _("{to_complete}: no step of the worksheet was written.", to_complete=to_complete()),
        "clauses": _("See the worksheet's step on relevant clauses."),
    }


def _fill(shape: RecordShape, values: dict[str, str]) -> tuple[tuple[str, str], ...]:
    answers = []
    for record_field in shape.fields:
        parts = []
        for part in record_field.parts:
            kind, _sep, text = part.partition(":")
            if kind == "fixed":
                parts.append(text)
            elif kind == "complete":
                parts.append(_("{to_complete}: {hint}", to_complete=to_complete(), hint=text))
            else:
                parts.append(values[kind])
        answers.append((record_field.label, "\n\n".join(parts)))
    return tuple(answers)


def entries(shape: RecordShape, export: ReflectionsExport) -> list[Entry]:
    """One entry per dilemma (in id order), then one per worksheet, in the shape's fields."""
    found = [
        Entry(entry.title, _fill(shape, _dilemma_values(entry)))
        for _key, entry in sorted(export.dilemmas.items())
    ]
    found += [
        Entry(_("Worksheet: {title}", title=entry.title), _fill(shape, _worksheet_values(entry)))
        for _key, entry in sorted(export.worksheets.items())
    ]
    return found


def _preface(shape: RecordShape, exported: str) -> list[str]:
    sources = [
        _("{title}, {url} (seen {date})", title=source.title, url=source.url, date=source.seen)
        for source in shape.sources
    ]
    return [
        not_evidence(),
        _(
            "Exported {date} from {kit}. Complete every answer marked '{to_complete}' before you copy an "
            "entry into your record.",
            date=exported,
            kit=kit_name(),
            to_complete=to_complete(),
        ),
        _("About this shape: {verification}", verification=shape.verification),
        _("Checked against: {sources}.", sources="; ".join(sources)),
    ]


def record_title(shape: RecordShape) -> str:
    """A record's title: the shape and the kit."""
    return _("{record}: {kit}", record=shape.title, kit=kit_name())


# --- the three formats -------------------------------------------------------------------------


def as_markdown(shape: RecordShape, export: ReflectionsExport, exported: str) -> str:
    """The record as Markdown; `exported` is the date it was made, as the language writes dates."""
    # The Markdown marks stay out of the messages: a translation changes the words, not the layout.
    out = [f"# {record_title(shape)}", ""]
    preface = _preface(shape, exported)
    out += [f"> **{preface[0]}**", ""] + [line for text in preface[1:] for line in (text, "")]
    for entry in entries(shape, export):
        out += [f"## {entry.heading}", ""]
        for label, answer in entry.answers:
            out += [f"### {label}", "", answer, ""]
    return "\n".join(out)


def as_text(shape: RecordShape, export: ReflectionsExport, exported: str) -> str:
    title = record_title(shape)
    out = [title, "=" * len(title), ""] + [line for text in _preface(shape, exported) for line in (text, "")]
    for entry in entries(shape, export):
        out += [entry.heading, "-" * len(entry.heading), ""]
        for label, answer in entry.answers:
            out += [label.upper(), answer, ""]
    return "\n".join(out)


def as_docx(shape: RecordShape, export: ReflectionsExport, exported: str) -> bytes:
    from docx import Document  # only the command writes Word files; the book's build never needs it

    document = Document()
    document.core_properties.title = shape.title
    document.core_properties.author = kit_name()
    document.add_heading(record_title(shape), level=0)
    preface = _preface(shape, exported)
    document.add_paragraph().add_run(preface[0]).bold = True
    for text in preface[1:]:
        document.add_paragraph(text)
    for entry in entries(shape, export):
        document.add_heading(entry.heading, level=1)
        for label, answer in entry.answers:
            document.add_heading(label, level=2)
            for paragraph in answer.split("\n\n"):
                document.add_paragraph(paragraph)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def as_payload() -> list[dict[str, Any]]:
    """The shapes as JSON-ready data for the My reflections page, which fills them the same way."""
    return [
        {
            "id": shape.id,
            "title": shape.title,
            "filename": shape.filename,
            "notEvidence": not_evidence(),
            "verification": shape.verification,
            "sources": [{"title": s.title, "url": s.url, "seen": s.seen} for s in shape.sources],
            "fields": [{"label": f.label, "parts": list(f.parts)} for f in shape.fields],
        }
        for shape in shapes()
    ]
