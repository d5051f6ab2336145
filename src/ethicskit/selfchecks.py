"""Rules for self-checks: the shape of each question and what its feedback rests on.

A self-check is formative. A student answers alone and is told at once why each option is right or
wrong, so the feedback must rest on something the student can open: a clause of a code or a provision of
the law, cited as elsewhere in the kit and checked the same way. A case's questions are checked against
the case's nation (its law must apply there, and no other nation's regulator's code is cited as if it
bound the case's social workers); a chapter's questions may cite any nation's law, and say which in the
prompt.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .checks import check_law_ref, check_ref
from .loader import Loaded
from .models import ChapterSelfChecks, CodeStatus, IssuerType, Jurisdiction, Question, QuestionKind, SelfCheck
from .problems import Problem, ProblemCode
from .words import _, n_
from .yamlfile import Path_

if TYPE_CHECKING:
    from .catalog import Catalog

CHAPTER_SELF_CHECKS = "book/self-checks.yml"
"""Self-checks for the book's chapters, keyed by page; optional."""
TRUE_FALSE = ("True", "False")
MIN_CHOICES = 3
CASE_PAGES = "book/cases"
"""Where each case has its page; a case listed in the table of contents there needs a self-check."""
SELF_CHECKED_PART = "Understanding first loyalty"
"""The part of the book whose every chapter must have a self-check."""
SELF_CHECKS_REQUIRED = True
"""Whether a case or chapter of that part without a self-check is a problem: on since every case and
every chapter of the part has its questions. A kit adopting the rule later can turn it off here."""


def check_self_checks(catalog: Catalog) -> list[Problem]:
    """Every case's and every chapter's self-check, and, when required, that none is missing."""
    problems: list[Problem] = []
    for loaded in catalog.cases.values():
        if loaded.model.self_check is not None:
            nation = loaded.model.setting.jurisdiction.value
            problems += check_self_check(loaded.model.self_check, ("self_check",), loaded, catalog, nation)
    chapters = catalog.chapter_self_checks
    if chapters is not None:
        for page, self_check in chapters.model.chapters.items():
            if not (catalog.root / f"{page}.md").is_file():
                message = _("there is no chapter {page}.md for the self-check '{page}'", page=page)
                problems.append(
                    Problem(
                        chapters.path, chapters.line("chapters", page), ProblemCode.UNKNOWN_CHAPTER, message
                    )
                )
            problems += check_self_check(self_check, ("chapters", page), chapters, catalog, None)
        # A case's questions go through the anonymity and copying guard with the rest of the case; the
        # chapters' file is checked here for copied wording.
        problems += [
            Problem(chapters.path, chapters.lines.line_of(where), kind, message)
            for where, kind, message in catalog.guard.copied(chapters.data, ChapterSelfChecks)
        ]
    if SELF_CHECKS_REQUIRED:
        problems += missing_self_checks(catalog)
    return problems


def check_self_check(
    self_check: SelfCheck, at: Path_, loaded: Loaded[Any], catalog: Catalog, nation: str | None
) -> list[Problem]:
    """One self-check: unique ids, each question's shape, and every citation resolving for `nation`."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, question in enumerate(self_check.questions):
        where = (*at, "questions", index)
        if question.id in seen:
            message = _("question id '{id}' is used twice in this self-check", id=question.id)
            problems.append(_problem(loaded, (*where, "id"), ProblemCode.SELF_CHECK, message))
        seen.add(question.id)
        problems += _check_shape(question, where, loaded)
        problems += _check_citations(question, where, loaded, catalog, nation)
    return problems


def _problem(loaded: Loaded[Any], where: Path_, code: ProblemCode, message: str) -> Problem:
    return Problem(loaded.path, loaded.lines.line_of(where), code, message)


def _check_shape(question: Question, where: Path_, loaded: Loaded[Any]) -> list[Problem]:
    name = _("question '{id}'", id=question.id)
    messages: list[tuple[Path_, str]] = []
    correct = sum(option.correct for option in question.options)
    if question.kind is QuestionKind.SHORT_ANSWER:
        if question.options:
            messages.append(
                ((*where, "options"), _("{name} is a short answer, so it has no options", name=name))
            )
        if question.model_answer is None:
            messages.append((where, _("{name} is a short answer and needs a 'model_answer'", name=name)))
        if not question.look_for:
            messages.append((where, _("{name} is a short answer and needs 'look_for' points", name=name)))
    else:
        if question.model_answer is not None or question.look_for or question.cites or question.law:
            messages.append(
                (
                    where,
                    _(
                        "{name} has options, so its reasons and citations belong to each option, not to "
                        "'model_answer', 'look_for', 'cites' or 'law'",
                        name=name,
                    ),
                )
            )
    if question.kind is QuestionKind.TRUE_FALSE:
        texts = tuple(sorted(option.text for option in question.options))
        if texts != tuple(sorted(TRUE_FALSE)) or correct != 1:
            messages.append(
                (
                    (*where, "options"),
                    _(
                        "{name} is true-false: give exactly the options 'True' and 'False', one of them "
                        "correct",
                        name=name,
                    ),
                )
            )
    if question.multiple and question.kind is not QuestionKind.MULTIPLE_CHOICE:
        messages.append(
            ((*where, "multiple"), _("{name}: only a multiple-choice question takes 'multiple'", name=name))
        )
    if question.kind is QuestionKind.MULTIPLE_CHOICE:
        wrong = len(question.options) - correct
        if len(question.options) < MIN_CHOICES:
            messages.append(
                (
                    (*where, "options"),
                    n_(
                        "{name} has {count} option; give at least {min_choices}",
                        "{name} has {count} options; give at least {min_choices}",
                        len(question.options),
                        name=name,
                        min_choices=MIN_CHOICES,
                    ),
                )
            )
        elif question.multiple and (correct < 2 or wrong < 1):
            messages.append(
                (
                    (*where, "options"),
                    _(
                        "{name} declares 'multiple' but has {correct} correct and {wrong} wrong option(s); "
                        "give two or more correct and at least one wrong",
                        name=name,
                        correct=correct,
                        wrong=wrong,
                    ),
                )
            )
        elif not question.multiple and correct != 1:
            messages.append(
                (
                    (*where, "options"),
                    _(
                        "{name} has {correct} correct options; mark exactly one, or declare 'multiple: true'",
                        name=name,
                        correct=correct,
                    ),
                )
            )
    texts_seen: set[str] = set()
    for index, option in enumerate(question.options):
        if option.text.casefold() in texts_seen:
            messages.append(
                (
                    (*where, "options", index, "text"),
                    _("{name} offers '{text}' twice", name=name, text=option.text),
                )
            )
        texts_seen.add(option.text.casefold())
    return [_problem(loaded, at, ProblemCode.SELF_CHECK, message) for at, message in messages]


def _check_citations(
    question: Question, where: Path_, loaded: Loaded[Any], catalog: Catalog, nation: str | None
) -> list[Problem]:
    problems: list[Problem] = []
    # The option's text, or None for the short answer.
    grounds: list[tuple[Path_, str | None, list[str], list[str]]] = (
        [(where, None, question.cites, question.law)]
        if question.kind is QuestionKind.SHORT_ANSWER
        else [((*where, "options", i), o.text, o.cites, o.law) for i, o in enumerate(question.options)]
    )
    for at, option, cites, laws in grounds:
        if not cites and not laws:
            if option is None:
                message = _(
                    "question '{id}': the short answer cites no clause or provision for its feedback",
                    id=question.id,
                )
            else:
                message = _(
                    "question '{id}': option '{text}' cites no clause or provision for its feedback",
                    id=question.id,
                    text=option,
                )
            problems.append(_problem(loaded, at, ProblemCode.SELF_CHECK_UNCITED, message))
        for index, ref in enumerate(cites):
            problems += check_ref(ref, (*at, "cites", index), loaded, catalog)
            problems += _check_code_nation(ref, (*at, "cites", index), loaded, catalog, nation)
        for index, ref in enumerate(laws):
            problems += check_law_ref(ref, (*at, "law", index), loaded, catalog, nation)
    return problems


UK_NATIONS = frozenset(
    {Jurisdiction.ENGLAND, Jurisdiction.SCOTLAND, Jurisdiction.WALES, Jurisdiction.NORTHERN_IRELAND}
)


def _check_code_nation(
    ref: str, where: Path_, loaded: Loaded[Any], catalog: Catalog, nation: str | None
) -> list[Problem]:
    """A case's feedback does not rest on the regulator's code of another UK nation: it does not bind the
    case's social workers. Professional, international and historical codes may be cited anywhere."""
    code = catalog.codes.get(ref.partition(":")[0])
    if nation is None or code is None:
        return []
    model = code.model
    if (
        model.issuer_type is IssuerType.REGULATOR
        and model.status is CodeStatus.CURRENT
        and model.jurisdiction in UK_NATIONS
        and model.jurisdiction.value != nation
    ):
        message = _(
            "'{ref}' is cited for a case set in {nation}, but {short_title} binds social workers in "
            "{jurisdiction} only",
            ref=ref,
            nation=nation,
            short_title=model.short_title,
            jurisdiction=model.jurisdiction.value,
        )
        return [_problem(loaded, where, ProblemCode.WRONG_NATION, message)]
    return []


def _toc(root: Path) -> dict[str, Any]:
    toc_file = root / "_toc.yml"
    if not toc_file.is_file():
        return {}
    try:
        toc = yaml.safe_load(toc_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # the book build reports a broken table of contents itself
    return toc if isinstance(toc, dict) else {}


def _files(entries: Any) -> Iterator[str]:
    """Every page named in a table-of-contents subtree, sections included."""
    if isinstance(entries, list):
        for entry in entries:
            if isinstance(entry, dict):
                if isinstance(entry.get("file"), str):
                    yield entry["file"]
                for key in ("chapters", "sections", "parts"):
                    yield from _files(entry.get(key))


def self_checked_chapters(root: Path) -> list[str]:
    """The pages of the part of the book whose chapters each have a self-check, in reading order."""
    for part in _toc(root).get("parts") or []:
        if isinstance(part, dict) and part.get("caption") == SELF_CHECKED_PART:
            chapters = part.get("chapters") or []
            return [c["file"] for c in chapters if isinstance(c, dict) and isinstance(c.get("file"), str)]
    return []


def missing_self_checks(catalog: Catalog) -> list[Problem]:
    """Each case with a page in the book, and each chapter of the self-checked part, without a self-check."""
    toc = _toc(catalog.root)
    pages = set(_files(toc.get("parts"))) | set(_files(toc.get("chapters")))
    problems = [
        Problem(
            loaded.path,
            loaded.line("id"),
            ProblemCode.MISSING_SELF_CHECK,
            _("the case '{case_id}' has no 'self_check'", case_id=case_id),
        )
        for case_id, loaded in sorted(catalog.cases.items())
        if loaded.model.self_check is None and f"{CASE_PAGES}/{case_id}" in pages
    ]
    have = set(catalog.chapter_self_checks.model.chapters) if catalog.chapter_self_checks else set()
    problems += [
        Problem(
            CHAPTER_SELF_CHECKS,
            None,
            ProblemCode.MISSING_SELF_CHECK,
            _(
                "the chapter '{page}' has no self-check in {chapter_self_checks}",
                page=page,
                chapter_self_checks=CHAPTER_SELF_CHECKS,
            ),
        )
        for page in self_checked_chapters(catalog.root)
        if page not in have
    ]
    return problems
