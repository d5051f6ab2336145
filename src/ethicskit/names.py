"""Who is who across the kit: one person per invented name, and no telling detail shared by cases taught
together.

A case declares the invented names it uses under `pseudonyms` (the anonymity guard reports a name in
its text that is not declared), and the details that would let a reader recognise its people under
`telling_details`: short phrases, each copied from the case's own text ("a husband of eighty-six",
"back from sick leave"). Two rules follow.

- **One name, one person.** A pseudonym's name words (without a title such as "Mrs" or "the ...
  family") belong to one case. A second case declaring the same word would make two people of one
  name, and a student reading both would take them for the same person. Inside one case a shared
  surname is a family ("Mr Baird", "Mrs Baird"), so words are compared between cases only.
- **Cases taught together do not share telling details.** A seminar's cases (its own, and the cases
  of its dilemmas) are read side by side; if one case's declared detail appears in another's text, the
  two read as one story, and a composite becomes identifiable. Every case taught with another must
  declare its details, so the rule is never met by saying nothing, and each declared detail must be in
  its own case, so a declaration cannot drift from the text.

One case may tell another's events from a different chair (`retells: other-case`): the two then share
their people and their details by design, and neither rule applies between them.

Matching is on lower-cased text with runs of white space made one space and curly apostrophes made
straight, at word boundaries. It finds a detail repeated in the same words; it cannot judge a detail
paraphrased, which is why details are declared by the people who know the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .problems import Problem, ProblemCode
from .words import _

if TYPE_CHECKING:
    from .catalog import Catalog
    from .loader import Loaded
    from .models import Case, Seminar

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "the", "family"})
"""Words of a pseudonym that name nobody on their own."""

NOT_CASE_TEXT = frozenset({"id", "pseudonyms", "telling_details", "provenance"})
"""Fields of a case that are not its story: a detail found only here is not in the case."""


def name_words(pseudonym: str) -> list[str]:
    """The words of a pseudonym that name a person, lower-cased: 'Mrs Baird' gives ['baird']."""
    words = re.findall(r"[A-Za-z\u00c0-\u024f'\u2019-]+", pseudonym)
    return [word.lower() for word in words if word.lower() not in TITLES]


def normalised(text: str) -> str:
    """Text as details are matched in it."""
    return " ".join(text.replace("\u2019", "'").lower().split())


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_CASE_TEXT:
                yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def case_text(loaded: Loaded[Case]) -> str:
    """Everything a reader of the case reads, normalised, with a line break between fields."""
    return "\n".join(normalised(text) for text in _strings(loaded.data))


def contains(text: str, detail: str) -> bool:
    """Whether the normalised `text` holds `detail` as whole words."""
    wanted = normalised(detail)
    return bool(wanted) and re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", text) is not None


def retold(catalog: Catalog, first: str, second: str) -> bool:
    """Whether one of two cases tells the other's events again (see `Case.retells`)."""
    return any(
        case in catalog.cases and catalog.cases[case].model.retells == other
        for case, other in ((first, second), (second, first))
    )


def check_retells(loaded: Loaded[Case], catalog: Catalog) -> list[Problem]:
    """A retold case exists and is another case."""
    target = loaded.model.retells
    if (
        target is None
        or (target in catalog.cases and target != loaded.model.id)
        or target in catalog.unloadable
    ):
        return []
    message = (
        _("'retells' names '{target}', which is this case itself", target=target)
        if target == loaded.model.id
        else _("'retells' names case '{target}', which does not exist in cases/", target=target)
    )
    return [Problem(loaded.path, loaded.line("retells"), ProblemCode.UNKNOWN_CASE, message)]


def check_pseudonyms(catalog: Catalog) -> list[Problem]:
    """Each name word is declared by one case only; the later case (by id) is told which case has it."""
    problems: list[Problem] = []
    owners: dict[str, tuple[str, str]] = {}
    for case_id, loaded in sorted(catalog.cases.items()):
        claimed: dict[str, str] = {}
        for index, pseudonym in enumerate(loaded.model.pseudonyms):
            for word in name_words(pseudonym):
                owner = owners.get(word)
                if owner is not None and not retold(catalog, owner[0], case_id):
                    other_case, other_name = owner
                    message = _(
                        "pseudonym '{pseudonym}' is already a person in {path} ('{other_name}'); one "
                        "invented name names one person across the kit",
                        pseudonym=pseudonym,
                        path=catalog.cases[other_case].path,
                        other_name=other_name,
                    )
                    problems.append(
                        Problem(
                            loaded.path,
                            loaded.line("pseudonyms", index),
                            ProblemCode.PSEUDONYM_REUSED,
                            message,
                        )
                    )
                    break
                claimed.setdefault(word, pseudonym)
        for word, pseudonym in claimed.items():
            owners.setdefault(word, (case_id, pseudonym))
    return problems


def check_case_details(loaded: Loaded[Case]) -> list[Problem]:
    """Each declared telling detail is in the case's own text."""
    text = case_text(loaded)
    return [
        Problem(
            loaded.path,
            loaded.line("telling_details", index),
            ProblemCode.TELLING_DETAIL,
            _(
                "telling detail '{detail}' does not appear in the case; copy the phrase from its text",
                detail=detail,
            ),
        )
        for index, detail in enumerate(loaded.model.telling_details)
        if not contains(text, detail)
    ]


def check_seminar_details(loaded: Loaded[Seminar], catalog: Catalog) -> list[Problem]:
    """The cases a seminar teaches together declare their telling details and share none of them."""
    materials = loaded.model.materials
    used: dict[str, tuple[str, str, int]] = {}
    for index, case_id in enumerate(materials.cases):
        if case_id in catalog.cases:
            used.setdefault(case_id, ("materials", "cases", index))
    for index, dilemma_id in enumerate(materials.dilemmas):
        dilemma = catalog.dilemmas.get(dilemma_id)
        if dilemma is not None and dilemma.model.case in catalog.cases:
            used.setdefault(dilemma.model.case, ("materials", "dilemmas", index))
    if len(used) < 2:
        return []
    problems: list[Problem] = []
    texts = {case_id: case_text(catalog.cases[case_id]) for case_id in used}
    for case_id, where in used.items():
        case = catalog.cases[case_id]
        if not case.model.telling_details:
            others = ", ".join(other for other in used if other != case_id)
            message = _(
                "case '{case_id}' is taught here with {others} but declares no 'telling_details', so "
                "nothing can show that the cases stay apart",
                case_id=case_id,
                others=others,
            )
            problems.append(Problem(loaded.path, loaded.line(*where), ProblemCode.TELLING_DETAIL, message))
            continue
        for detail in case.model.telling_details:
            for other, text in texts.items():
                if other != case_id and not retold(catalog, case_id, other) and contains(text, detail):
                    message = _(
                        "cases '{case_id}' and '{other}', taught together here, share the telling detail "
                        "'{detail}' (declared by {path})",
                        case_id=case_id,
                        other=other,
                        detail=detail,
                        path=case.path,
                    )
                    problems.append(
                        Problem(loaded.path, loaded.line(*where), ProblemCode.SHARED_DETAIL, message)
                    )
    return problems
