"""Rules that span fields or files: identity, references, code structure and dilemma graphs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .engine import check_graph
from .loader import Loaded
from .models import Case, CodeOfPractice, CodeStatus, Dilemma, IssuerType, Seminar, Theme
from .problems import Problem, ProblemCode
from .yamlfile import Path_

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .catalog import Catalog

TODO = "TODO:"


def check_file_identity(
    loaded: Loaded[BaseModel], stem: str, seen: dict[str, Loaded[BaseModel]]
) -> list[Problem]:
    """The id must equal the file stem and be unique within its folder."""
    problems = []
    model_id: str = loaded.model.id  # type: ignore[attr-defined]
    line = loaded.line("id")
    if model_id != stem:
        message = f"id '{model_id}' does not match the file name '{stem}'"
        problems.append(Problem(loaded.path, line, ProblemCode.ID_MISMATCH, message))
    other = seen.get(model_id)
    if other is not None:
        message = f"id '{model_id}' is already used by {other.path}"
        problems.append(Problem(loaded.path, line, ProblemCode.DUPLICATE_ID, message))
    return problems


def check_catalog(catalog: Catalog) -> list[Problem]:
    """Every rule that needs the whole catalogue."""
    problems: list[Problem] = []
    for group in (catalog.codes, catalog.cases, catalog.dilemmas, catalog.seminars):
        for loaded in group.values():
            problems += _check_todos(loaded)
    for code in catalog.codes.values():
        problems += _check_code(code, catalog)
    problems += _check_theme_coverage(catalog)
    for case in catalog.cases.values():
        problems += _check_case(case, catalog)
    for dilemma in catalog.dilemmas.values():
        problems += _check_dilemma(dilemma, catalog)
    for seminar in catalog.seminars.values():
        problems += _check_seminar(seminar, catalog)
    return problems


def _strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def _check_todos(loaded: Loaded[Any]) -> list[Problem]:
    return [
        Problem(
            loaded.path,
            loaded.lines.line_of(path),
            ProblemCode.TODO_LEFT,
            f"'{'.'.join(map(str, path))}' still holds a template placeholder ('{TODO}')",
        )
        for path, text in _strings(loaded.data)
        if TODO in text
    ]


def check_ref(ref: str, where: Path_, loaded: Loaded[Any], catalog: Catalog) -> list[Problem]:
    """A clause reference must name a known code and a clause that code has."""
    code_id, _, clause_id = ref.partition(":")
    line = loaded.lines.line_of(where)
    code = catalog.codes.get(code_id)
    if code is None and code_id in catalog.unloadable:
        return []  # the code's own file is already reported
    if code is None:
        known = ", ".join(sorted(catalog.codes)) or "none"
        message = f"code '{code_id}' in '{ref}' is not in codes_of_practice/ (known: {known})"
        return [Problem(loaded.path, line, ProblemCode.UNKNOWN_CODE, message)]
    if code.model.document_level:
        if clause_id:
            message = (
                f"'{ref}' names a clause, but the digest of '{code_id}' covers the document, not its "
                f"clauses: cite it as a whole, '{code_id}'"
            )
            return [Problem(loaded.path, line, ProblemCode.WHOLE_CODE, message)]
        return []
    if not clause_id:
        message = (
            f"'{ref}' cites the whole of '{code_id}', whose digest lists its clauses: cite the clause "
            f"that bears on it, e.g. '{code_id}:{code.model.clauses()[0][1].id}'"
        )
        return [Problem(loaded.path, line, ProblemCode.WHOLE_CODE, message)]
    if code.model.clause(clause_id) is None:
        message = f"clause '{ref}' does not exist in {code.path}"
        return [Problem(loaded.path, line, ProblemCode.UNKNOWN_CLAUSE, message)]
    return []


def _check_coverage(loaded: Loaded[CodeOfPractice]) -> list[Problem]:
    """A clause digest has sections and a numbering; a document-level digest has neither, but a structure."""
    code = loaded.model

    def problem(where: Path_, message: str) -> Problem:
        return Problem(loaded.path, loaded.lines.line_of(where), ProblemCode.COVERAGE, message)

    if code.document_level:
        found = []
        if code.sections:
            found.append(problem(("sections",), "a digest with 'coverage: document' lists no 'sections'"))
        if code.structure is None:
            found.append(
                problem(
                    ("coverage",),
                    "a digest with 'coverage: document' needs 'structure': how the document is "
                    "organised, as far as it has been confirmed",
                )
            )
        return found
    found = []
    if not code.sections:
        found.append(
            problem(
                ("id",),
                "the digest lists no 'sections'; list its clauses, or declare 'coverage: document'",
            )
        )
    if code.clause_pattern is None:
        found.append(problem(("id",), "a clause-by-clause digest needs a 'clause_pattern'"))
    return found


def _check_code(loaded: Loaded[CodeOfPractice], catalog: Catalog) -> list[Problem]:
    code = loaded.model
    problems: list[Problem] = []

    def add(where: Path_, kind: ProblemCode, message: str) -> None:
        problems.append(Problem(loaded.path, loaded.lines.line_of(where), kind, message))

    problems += _check_coverage(loaded)
    pattern = None
    try:
        if code.clause_pattern is not None:
            pattern = re.compile(code.clause_pattern)
    except re.error as error:
        add(
            ("clause_pattern",),
            ProblemCode.INVALID_VALUE,
            f"'clause_pattern' is not a valid regular expression: {error}",
        )
    seen: dict[str, int | None] = {}
    for s, section in enumerate(code.sections):
        if section.clause_count is None and code.gaps is None:
            add(
                ("sections", s, "clause_count"),
                ProblemCode.CLAUSE_COUNT,
                f"section '{section.id}' has no clause count; give the count, or say in 'gaps' why "
                "the source could not be counted",
            )
        elif section.clause_count is not None and len(section.clauses) != section.clause_count:
            add(
                ("sections", s, "clause_count"),
                ProblemCode.CLAUSE_COUNT,
                f"section '{section.id}' declares {section.clause_count} clauses but lists "
                f"{len(section.clauses)}",
            )
        for c, clause in enumerate(section.clauses):
            where: Path_ = ("sections", s, "clauses", c)
            if pattern is not None and not pattern.fullmatch(clause.id):
                add(
                    (*where, "id"),
                    ProblemCode.CLAUSE_PATTERN,
                    f"clause id '{clause.id}' does not follow this code's numbering ({code.clause_pattern})",
                )
            if clause.id in seen:
                add(
                    (*where, "id"),
                    ProblemCode.DUPLICATE_CLAUSE,
                    f"clause id '{clause.id}' appears twice (first on line {seen[clause.id]})",
                )
            else:
                seen[clause.id] = loaded.lines.line_of((*where, "id"))
            if not clause.verified and clause.unverified_reason is None:
                add(
                    where,
                    ProblemCode.MISSING_FIELD,
                    f"clause '{clause.id}' is marked verified: false without an 'unverified_reason'",
                )
            if clause.verified_against is not None:
                if not clause.verified:
                    add(
                        (*where, "verified_against"),
                        ProblemCode.UNKNOWN_SOURCE,
                        f"clause '{clause.id}' names a source in 'verified_against' but is marked "
                        "verified: false",
                    )
                elif code.checked.source(clause.verified_against) is None:
                    known = ", ".join(source.id for source in code.checked.sources) or "none"
                    add(
                        (*where, "verified_against"),
                        ProblemCode.UNKNOWN_SOURCE,
                        f"clause '{clause.id}' is verified against '{clause.verified_against}', which "
                        f"is not listed under 'checked.sources' (listed: {known})",
                    )
    if code.status is CodeStatus.SUPERSEDED:
        if (code.superseded_by is None and code.successor is None) or code.superseded_on is None:
            add(
                ("status",),
                ProblemCode.SUCCESSOR,
                "a superseded code needs 'superseded_by' (or 'successor') and 'superseded_on'",
            )
        elif (
            code.superseded_by is not None
            and code.superseded_by not in catalog.codes
            and code.superseded_by not in catalog.unloadable
        ):
            add(
                ("superseded_by",),
                ProblemCode.SUCCESSOR,
                f"'superseded_by' names '{code.superseded_by}', which is not in codes_of_practice/",
            )
    elif code.superseded_by is not None or code.superseded_on is not None or code.successor is not None:
        add(
            ("status",),
            ProblemCode.SUCCESSOR,
            "a current code cannot have 'superseded_by' or 'superseded_on'",
        )
    problems += [
        Problem(loaded.path, loaded.lines.line_of(where), kind, message)
        for where, kind, message in catalog.guard.copied(loaded.data, CODE_METADATA)
    ]
    return problems


CODE_METADATA = frozenset(
    {"id", "title", "short_title", "issuer", "official_url", "clause_pattern", "version", "sources"}
)
"""Fields of a digest that name the document or its sources rather than paraphrase it: titles are quoted
exactly, so only the rest is checked for copied wording."""


def _check_theme_coverage(catalog: Catalog) -> list[Problem]:
    if any((catalog.root / "codes_of_practice" / f"{stem}.yml").is_file() for stem in catalog.unloadable):
        return []  # a code that failed to load may cover the theme; its own problems come first
    current = [loaded for loaded in catalog.codes.values() if loaded.model.status is CodeStatus.CURRENT]
    if not current:
        return []
    covered = {theme for loaded in current for _, clause in loaded.model.clauses() for theme in clause.themes}
    first = sorted(current, key=lambda loaded: loaded.path)[0]
    return [
        Problem(
            first.path,
            None,
            ProblemCode.THEME_UNCOVERED,
            f"no clause of any current code carries the theme '{theme.value}'",
        )
        for theme in Theme
        if theme not in covered
    ]


def _check_case(loaded: Loaded[Case], catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    for index, cited in enumerate(loaded.model.clauses):
        problems += check_ref(cited.ref, ("clauses", index, "ref"), loaded, catalog)
    problems += _check_cited_codes(loaded, catalog)
    for index, ref in enumerate(loaded.model.supervision.pcf):
        where = ("supervision", "pcf", index)
        if ref.partition(":")[0] != "pcf":
            message = f"'{ref}' under 'supervision.pcf' should be a PCF domain, e.g. 'pcf:6'"
            problems.append(Problem(loaded.path, loaded.line(*where), ProblemCode.WRONG_CODE, message))
        else:
            problems += check_ref(ref, where, loaded, catalog)
    problems += _check_anonymity(loaded, loaded.model.pseudonyms, catalog)
    return problems


def _check_cited_codes(loaded: Loaded[Case], catalog: Catalog) -> list[Problem]:
    """A case is read against at least two codes, always including its own jurisdiction's regulator."""
    case = loaded.model
    cited = {cited.ref.partition(":")[0] for cited in case.clauses}
    binding = sorted(
        code_id
        for code_id, code in catalog.codes.items()
        if code.model.status is CodeStatus.CURRENT
        and code.model.issuer_type is IssuerType.REGULATOR
        and code.model.jurisdiction.value == case.setting.jurisdiction.value
    )
    where = loaded.lines.line_of(("clauses",))
    problems = []
    if len(cited) < 2:
        problems.append(
            Problem(
                loaded.path,
                where,
                ProblemCode.CITED_CODES,
                f"the case cites clauses from {len(cited)} code; cite at least two codes",
            )
        )
    if binding and not cited.intersection(binding):
        problems.append(
            Problem(
                loaded.path,
                where,
                ProblemCode.CITED_CODES,
                f"a case set in {case.setting.jurisdiction.value} must cite the code that binds its social "
                f"workers ({' or '.join(binding)})",
            )
        )
    return problems


def _check_anonymity(loaded: Loaded[Any], pseudonyms: list[str], catalog: Catalog) -> list[Problem]:
    return [
        Problem(loaded.path, loaded.lines.line_of(where), kind, message)
        for where, kind, message in catalog.guard.scan(loaded.data, pseudonyms)
    ]


def _check_dilemma(loaded: Loaded[Dilemma], catalog: Catalog) -> list[Problem]:
    dilemma = loaded.model
    problems: list[Problem] = []

    def add(where: Path_, kind: ProblemCode, message: str) -> None:
        problems.append(Problem(loaded.path, loaded.lines.line_of(where), kind, message))

    case = catalog.cases.get(dilemma.case)
    if case is None and dilemma.case not in catalog.unloadable:
        add(("case",), ProblemCode.UNKNOWN_CASE, f"case '{dilemma.case}' does not exist in cases/")
    problems += _check_anonymity(loaded, case.model.pseudonyms if case else [], catalog)
    for n, node in enumerate(dilemma.nodes):
        for c, choice in enumerate(node.choices):
            for field in ("honours", "strains"):
                for r, ref in enumerate(getattr(choice, field)):
                    problems += check_ref(ref, ("nodes", n, "choices", c, field, r), loaded, catalog)
    for e, ending in enumerate(dilemma.endings):
        for r, ref in enumerate(ending.clauses):
            problems += check_ref(ref, ("endings", e, "clauses", r), loaded, catalog)
    for where, kind, message in check_graph(dilemma):
        add(where, kind, message)
    return problems


def _check_seminar(loaded: Loaded[Seminar], catalog: Catalog) -> list[Problem]:
    """Materials must exist, outcomes must map to the PCF and a regulator's current standards, and the
    timeline must fill the session."""
    seminar = loaded.model
    problems: list[Problem] = []

    def add(where: Path_, kind: ProblemCode, message: str) -> None:
        problems.append(Problem(loaded.path, loaded.line(*where), kind, message))

    for index, outcome in enumerate(seminar.learning_outcomes):
        for number, ref in enumerate(outcome.pcf):
            where = ("learning_outcomes", index, "pcf", number)
            if ref.partition(":")[0] != "pcf":
                add(
                    where, ProblemCode.WRONG_CODE, f"'{ref}' under 'pcf' should be a PCF domain, e.g. 'pcf:6'"
                )
            else:
                problems += check_ref(ref, where, loaded, catalog)
        for number, ref in enumerate(outcome.standards):
            where = ("learning_outcomes", index, "standards", number)
            code = catalog.codes.get(ref.partition(":")[0])
            if code is not None and not (
                code.model.issuer_type is IssuerType.REGULATOR and code.model.status is CodeStatus.CURRENT
            ):
                message = f"'{ref}' under 'standards' should be a clause of a regulator's current standards"
                add(where, ProblemCode.WRONG_CODE, message)
            else:
                problems += check_ref(ref, where, loaded, catalog)
    for number, case_id in enumerate(seminar.materials.cases):
        if case_id not in catalog.cases and case_id not in catalog.unloadable:
            add(
                ("materials", "cases", number),
                ProblemCode.UNKNOWN_CASE,
                f"case '{case_id}' does not exist in cases/",
            )
    for number, dilemma_id in enumerate(seminar.materials.dilemmas):
        if dilemma_id not in catalog.dilemmas and dilemma_id not in catalog.unloadable:
            message = f"dilemma '{dilemma_id}' does not exist in exercises/dilemmas/"
            add(("materials", "dilemmas", number), ProblemCode.UNKNOWN_DILEMMA, message)
    total = sum(activity.minutes for activity in seminar.timeline)
    if total != seminar.duration_minutes:
        gap = seminar.duration_minutes - total
        fix = f"add {gap} minutes" if gap > 0 else f"take {-gap} minutes off"
        message = (
            f"the timeline adds up to {total} minutes but the session lasts {seminar.duration_minutes}: "
            f"{fix} across the activities"
        )
        add(("timeline",), ProblemCode.TIMING, message)
    return problems
