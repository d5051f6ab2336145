"""Curriculum maps: the frameworks a module handbook maps to, and which of the kit's outcomes serve them.

A framework (`curriculum/<id>.yml`) lists items numbered as its issuer numbers them, each paraphrased in
the kit's own words and marked verified only when its wording was read on the issuer's page (or a
faithful copy of it). Where an item's wording could not be read, the framework holds a standard-level
entry instead, marked unverified with the reason: the kit never guesses an item.

The map (`curriculum/maps.yml`) ties outcomes to items. Cases and seminars already state their outcomes
(a case's `objectives`, a seminar's `learning_outcomes`), so the map names an outcome by its opening
words and the checker makes sure those words still begin exactly one of the material's outcomes. A
dilemma has no outcomes of its own: it rehearses its case's conflict, so it is listed with its case.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints, model_validator

from .files import CASES_DIR, SEMINARS_DIR
from .loader import Loaded, load_file
from .models import ClauseId, Line, Prose, Slug, _Model
from .problems import Problem, ProblemCode, Severity
from .words import _, n_

if TYPE_CHECKING:
    from .catalog import Catalog

CURRICULUM_DIR = "curriculum"
MAPS_FILE = "curriculum/maps.yml"
"""Which outcome serves which framework item; every other `.yml` in the folder is a framework."""

HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]
ItemRef = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*:[A-Za-z0-9]+([.\-][A-Za-z0-9]+)*$")
]
"""A framework item, `framework-id:item-id`, e.g. `pcf-2018-levels:efp-1`."""


class FrameworkItem(_Model):
    """One item of a framework, as its issuer numbers it, paraphrased in the kit's own words."""

    id: ClauseId = Field(description="The issuer's number, or the kit's key for a level and domain.")
    title: Line
    level: Line | None = Field(default=None, description="The career stage the item describes, if any.")
    paraphrase: Prose
    verified: bool = Field(description="True only when the item's wording was read, not remembered.")
    unverified_reason: Line | None = None
    source_url: HttpsUrl | None = Field(
        default=None, description="Where this item was read, when not the framework's own source."
    )

    @model_validator(mode="after")
    def _reason_when_unverified(self) -> FrameworkItem:
        if not self.verified and not self.unverified_reason:
            raise ValueError("an unverified item needs 'unverified_reason': say what could not be read")
        return self


class Framework(_Model):
    """A framework a qualifying course or first-year programme is judged against."""

    id: Slug = Field(description="Equals the file name without '.yml'.")
    title: Line
    short_title: Line
    issuer: Line
    applies_to: Line = Field(description="Who is judged against it: a course, a student, a new worker.")
    version: Line
    source_title: Line
    source_url: HttpsUrl
    checked_on: date
    notes: Prose = Field(description="What was read, what could not be, and how items are numbered.")
    items: list[FrameworkItem] = Field(min_length=1)

    def item(self, item_id: str) -> FrameworkItem | None:
        return next((item for item in self.items if item.id == item_id), None)


class OutcomeMap(_Model):
    """One outcome of a case or seminar and the framework items it serves."""

    outcome: Line = Field(description="The outcome's opening words, exactly as the material writes them.")
    items: list[ItemRef] = Field(min_length=1)


class CurriculumMaps(_Model):
    """Outcome maps for cases (their objectives) and seminars (their learning outcomes), by id."""

    cases: dict[Slug, list[OutcomeMap]] = Field(default_factory=dict)
    seminars: dict[Slug, list[OutcomeMap]] = Field(default_factory=dict)


@dataclass(frozen=True)
class MappedOutcome:
    """An outcome as a reader sees it on a map: the material, the outcome's full text, the items."""

    kind: str
    """'case' or 'seminar'."""
    material_id: str
    material_title: str
    outcome: str
    items: tuple[str, ...]


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _outcomes_of(kind: str, material_id: str, catalog: Catalog) -> list[str] | None:
    if kind == "cases":
        case = catalog.cases.get(material_id)
        return None if case is None else list(case.model.objectives)
    seminar = catalog.seminars.get(material_id)
    return None if seminar is None else [outcome.outcome for outcome in seminar.model.learning_outcomes]


def _title_of(kind: str, material_id: str, catalog: Catalog) -> str:
    if kind == "cases":
        return catalog.cases[material_id].model.title
    return catalog.seminars[material_id].model.title


def matching_outcome(opening: str, outcomes: list[str]) -> list[str]:
    """The outcomes that begin with `opening` (spacing and case ignored)."""
    start = _words(opening)
    return [outcome for outcome in outcomes if _words(outcome).startswith(start)]


def load_curriculum(
    root: Path, unloadable: set[str]
) -> tuple[dict[str, Loaded[Framework]], Loaded[CurriculumMaps] | None, list[Problem]]:
    """Every framework and the outcome map under `curriculum/`; an absent folder is no problem.

    A framework file that fails to load adds its stem to `unloadable`, so references to it are not
    reported a second time."""
    folder = root / CURRICULUM_DIR
    frameworks: dict[str, Loaded[Framework]] = {}
    maps: Loaded[CurriculumMaps] | None = None
    problems: list[Problem] = []
    if not folder.is_dir() or folder.is_symlink():
        return frameworks, maps, problems
    for file in sorted(folder.iterdir()):
        shown = file.relative_to(root).as_posix()
        if file.is_symlink():
            message = _("'{name}' is a symbolic link; the kit reads only real files", name=file.name)
            problems.append(Problem(shown, None, ProblemCode.SYMLINK, message))
            continue
        if not file.is_file() or not file.name.endswith(".yml"):
            continue
        if shown == MAPS_FILE:
            maps, found = load_file(file, CurriculumMaps, shown)
            problems += found
            continue
        framework, found = load_file(file, Framework, shown)
        problems += found
        if framework is None:
            unloadable.add(file.stem)
            continue
        if framework.model.id != file.stem:
            message = _(
                "id '{id}' does not match the file name '{stem}'", id=framework.model.id, stem=file.stem
            )
            problems.append(Problem(shown, framework.line("id"), ProblemCode.ID_MISMATCH, message))
        seen: set[str] = set()
        for index, item in enumerate(framework.model.items):
            if item.id in seen:
                message = _("item '{id}' appears twice in the framework", id=item.id)
                line = framework.line("items", index, "id")
                problems.append(Problem(shown, line, ProblemCode.DUPLICATE_CLAUSE, message))
            seen.add(item.id)
        frameworks[file.stem] = framework
    return frameworks, maps, problems


def resolve_item(ref: str, catalog: Catalog) -> tuple[Framework, FrameworkItem] | None:
    """The framework and item a `framework-id:item-id` reference names, or None."""
    framework_id, _colon, item_id = ref.partition(":")
    loaded = catalog.frameworks.get(framework_id)
    if loaded is None:
        return None
    item = loaded.model.item(item_id)
    return None if item is None else (loaded.model, item)


def _unknown_item(ref: str, catalog: Catalog) -> str:
    framework_id, _colon, item_id = ref.partition(":")
    loaded = catalog.frameworks.get(framework_id)
    if loaded is None:
        known = ", ".join(sorted(catalog.frameworks)) or "none"
        return _(
            "'{ref}' names no framework '{framework_id}' (known: {known})",
            ref=ref,
            framework_id=framework_id,
            known=known,
        )
    ids = [item.id for item in loaded.model.items]
    close = difflib.get_close_matches(item_id, ids, n=1)
    hint = (
        _("; did you mean '{framework_id}:{close}'?", framework_id=framework_id, close=close[0])
        if close
        else ""
    )
    return _(
        "'{ref}': the framework '{framework_id}' has no item '{item_id}'{hint}",
        ref=ref,
        framework_id=framework_id,
        item_id=item_id,
        hint=hint,
    )


def check_curriculum(catalog: Catalog) -> list[Problem]:
    """Every map entry names a case or seminar, one of its outcomes, and items that exist."""
    loaded = catalog.curriculum_maps
    if loaded is None:
        return []
    problems: list[Problem] = []
    for kind in ("cases", "seminars"):
        entries: dict[str, list[OutcomeMap]] = getattr(loaded.model, kind)
        for material_id, maps in entries.items():
            outcomes = _outcomes_of(kind, material_id, catalog)
            if outcomes is None:
                # A file of that name that failed to load, or loaded under another id, is reported already.
                folder = CASES_DIR if kind == "cases" else SEMINARS_DIR
                if (
                    material_id not in catalog.unloadable
                    and not (catalog.root / folder / f"{material_id}.yml").is_file()
                ):
                    if kind == "cases":
                        message = _("there is no case '{material_id}' to map", material_id=material_id)
                    else:
                        message = _("there is no seminar '{material_id}' to map", material_id=material_id)
                    line = loaded.line(kind, material_id)
                    problems.append(Problem(loaded.path, line, ProblemCode.CURRICULUM_MAP, message))
                continue
            for index, entry in enumerate(maps):
                where = (kind, material_id, index)
                found = matching_outcome(entry.outcome, outcomes)
                if len(found) != 1:
                    openings = "; ".join(" ".join(outcome.split()[:5]) + " ..." for outcome in outcomes)
                    values = {"outcome": entry.outcome, "material_id": material_id, "openings": openings}
                    messages = {
                        ("cases", False): _(
                            "'{outcome}' begins no outcome of the case '{material_id}' (its outcomes begin: "
                            "{openings})"
                        ),
                        ("cases", True): _(
                            "'{outcome}' begins more than one outcome of the case '{material_id}' (its "
                            "outcomes begin: {openings})"
                        ),
                        ("seminars", False): _(
                            "'{outcome}' begins no outcome of the seminar '{material_id}' (its outcomes "
                            "begin: {openings})"
                        ),
                        ("seminars", True): _(
                            "'{outcome}' begins more than one outcome of the seminar '{material_id}' (its "
                            "outcomes begin: {openings})"
                        ),
                    }
                    message = messages[kind, bool(found)].format(**values)
                    line = loaded.line(*where, "outcome")
                    problems.append(Problem(loaded.path, line, ProblemCode.CURRICULUM_MAP, message))
                for number, ref in enumerate(entry.items):
                    if ref.partition(":")[0] in catalog.unloadable:
                        continue  # the framework's own file is already reported
                    if resolve_item(ref, catalog) is None:
                        line = loaded.line(*where, "items", number)
                        message = _unknown_item(ref, catalog)
                        problems.append(
                            Problem(loaded.path, line, ProblemCode.UNKNOWN_FRAMEWORK_ITEM, message)
                        )
    return problems


def mapped_outcomes(catalog: Catalog) -> list[MappedOutcome]:
    """Every mapped outcome whose material and outcome exist, cases first, in id order."""
    loaded = catalog.curriculum_maps
    if loaded is None:
        return []
    found: list[MappedOutcome] = []
    for kind in ("cases", "seminars"):
        entries: dict[str, list[OutcomeMap]] = getattr(loaded.model, kind)
        for material_id, maps in sorted(entries.items()):
            outcomes = _outcomes_of(kind, material_id, catalog)
            if outcomes is None:
                continue
            for entry in maps:
                matched = matching_outcome(entry.outcome, outcomes)
                if len(matched) == 1:
                    title = _title_of(kind, material_id, catalog)
                    found.append(MappedOutcome(kind[:-1], material_id, title, matched[0], tuple(entry.items)))
    return found


def uses_of(catalog: Catalog) -> dict[str, list[MappedOutcome]]:
    """The mapped outcomes that serve each item, by `framework-id:item-id`."""
    uses: dict[str, list[MappedOutcome]] = {}
    for mapped in mapped_outcomes(catalog):
        for ref in mapped.items:
            uses.setdefault(ref, []).append(mapped)
    return uses


def _framework_items(catalog: Catalog) -> Iterator[tuple[Loaded[Framework], int, FrameworkItem]]:
    for _id, loaded in sorted(catalog.frameworks.items()):
        for index, item in enumerate(loaded.model.items):
            yield loaded, index, item


def unverified_in_maps(catalog: Catalog) -> list[Problem]:
    """A note (a warning, not an error) for every unverified item an outcome is mapped to."""
    uses = uses_of(catalog)
    notes: list[Problem] = []
    for loaded, index, item in _framework_items(catalog):
        count = len(uses.get(f"{loaded.model.id}:{item.id}", []))
        if count and not item.verified:
            message = n_(
                "item '{id}' is mapped to {count} outcome but its wording was not verified "
                "({unverified_reason}); the maps show it as unverified",
                "item '{id}' is mapped to {count} outcomes but its wording was not verified "
                "({unverified_reason}); the maps show it as unverified",
                count,
                id=item.id,
                unverified_reason=item.unverified_reason,
            )
            line = loaded.line("items", index, "id")
            notes.append(Problem(loaded.path, line, ProblemCode.UNVERIFIED_ITEM, message, Severity.WARNING))
    return notes
