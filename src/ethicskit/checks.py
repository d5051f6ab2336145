"""Rules that span fields or files: identity, references, code structure and dilemma graphs."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .bibliography import BIBLIOGRAPHY
from .care import sensitive_texts
from .engine import check_graph, enumerate_paths
from .loader import Loaded
from .models import (
    BANDS,
    PROVISION_NUMBERS,
    ActivityKind,
    Aspect,
    Case,
    CodeOfPractice,
    CodeStatus,
    Dilemma,
    Instrument,
    InstrumentKind,
    InstrumentStatus,
    IssuerType,
    Jurisdiction,
    LawCitation,
    LawRelation,
    Nation,
    ReadingList,
    Seminar,
    Theme,
    clause_anchor,
    provision_key,
)
from .names import check_case_details, check_pseudonyms, check_retells, check_seminar_details
from .problems import Problem, ProblemCode
from .words import _, n_
from .yamlfile import Path_

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .catalog import Catalog

TODO = "TODO:"
_NEEDS_PSEUDONYMS = {ProblemCode.UNDECLARED_NAME, ProblemCode.NAMED_PERSON}


def check_file_identity(
    loaded: Loaded[BaseModel], stem: str, seen: dict[str, Loaded[BaseModel]]
) -> list[Problem]:
    """The id must equal the file stem and be unique within its folder."""
    problems = []
    model_id: str = loaded.model.id  # type: ignore[attr-defined]
    line = loaded.line("id")
    if model_id != stem:
        message = _("id '{model_id}' does not match the file name '{stem}'", model_id=model_id, stem=stem)
        problems.append(Problem(loaded.path, line, ProblemCode.ID_MISMATCH, message))
    other = seen.get(model_id)
    if other is not None:
        message = _("id '{model_id}' is already used by {path}", model_id=model_id, path=other.path)
        problems.append(Problem(loaded.path, line, ProblemCode.DUPLICATE_ID, message))
    return problems


def check_catalog(catalog: Catalog) -> list[Problem]:
    """Every rule that needs the whole catalogue."""
    problems: list[Problem] = []
    for group in (catalog.codes, catalog.laws, catalog.cases, catalog.dilemmas, catalog.seminars):
        for loaded in group.values():
            problems += _check_todos(loaded)
    for code in catalog.codes.values():
        problems += _check_code(code, catalog)
    for instrument in catalog.laws.values():
        problems += _check_instrument(instrument)
    problems += _check_theme_coverage(catalog)
    problems += _check_nation_coverage(catalog)
    for case in catalog.cases.values():
        problems += _check_case(case, catalog)
    problems += check_pseudonyms(catalog)
    for dilemma in catalog.dilemmas.values():
        problems += _check_dilemma(dilemma, catalog)
    for seminar in catalog.seminars.values():
        problems += _check_seminar(seminar, catalog)
    problems += check_chapter_reading(catalog)
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
            _(
                "'{path}' still holds a template placeholder ('{todo}')",
                path=".".join(map(str, path)),
                todo=TODO,
            ),
        )
        for path, text in _strings(loaded.data)
        if TODO in text
    ]


def check_ref(ref: str, where: Path_, loaded: Loaded[Any], catalog: Catalog) -> list[Problem]:
    """A clause reference must name a known code and a clause that code has."""
    code_id, _colon, clause_id = ref.partition(":")
    line = loaded.lines.line_of(where)
    code = catalog.codes.get(code_id)
    if code is None and code_id in catalog.unloadable:
        return []  # the code's own file is already reported
    if code is None:
        known = ", ".join(sorted(catalog.codes)) or "none"
        message = _(
            "code '{code_id}' in '{ref}' is not in codes_of_practice/ (known: {known})",
            code_id=code_id,
            ref=ref,
            known=known,
        )
        return [Problem(loaded.path, line, ProblemCode.UNKNOWN_CODE, message)]
    if code.model.document_level:
        if clause_id:
            message = _(
                "'{ref}' names a clause, but the digest of '{code_id}' covers the document, not its "
                "clauses: cite it as a whole, '{code_id}'",
                ref=ref,
                code_id=code_id,
            )
            return [Problem(loaded.path, line, ProblemCode.WHOLE_CODE, message)]
        return []
    if not clause_id:
        message = _(
            "'{ref}' cites the whole of '{code_id}', whose digest lists its clauses: cite the clause that "
            "bears on it, e.g. '{code_id}:{id}'",
            ref=ref,
            code_id=code_id,
            id=code.model.clauses()[0][1].id,
        )
        return [Problem(loaded.path, line, ProblemCode.WHOLE_CODE, message)]
    if code.model.clause(clause_id) is None:
        message = _("clause '{ref}' does not exist in {path}", ref=ref, path=code.path)
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
            found.append(problem(("sections",), _("a digest with 'coverage: document' lists no 'sections'")))
        if code.structure is None:
            found.append(
                problem(
                    ("coverage",),
                    _(
                        "a digest with 'coverage: document' needs 'structure': how the document is "
                        "organised, as far as it has been confirmed"
                    ),
                )
            )
        return found
    found = []
    if not code.sections:
        found.append(
            problem(
                ("id",),
                _("the digest lists no 'sections'; list its clauses, or declare 'coverage: document'"),
            )
        )
    if code.clause_pattern is None:
        found.append(problem(("id",), _("a clause-by-clause digest needs a 'clause_pattern'")))
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
            _("'clause_pattern' is not a valid regular expression: {error}", error=error),
        )
    seen: dict[str, int | None] = {}
    for s, section in enumerate(code.sections):
        if section.clause_count is None and code.gaps is None:
            add(
                ("sections", s, "clause_count"),
                ProblemCode.CLAUSE_COUNT,
                _(
                    "section '{id}' has no clause count; give the count, or say in 'gaps' why the source "
                    "could not be counted",
                    id=section.id,
                ),
            )
        elif section.clause_count is not None and len(section.clauses) != section.clause_count:
            add(
                ("sections", s, "clause_count"),
                ProblemCode.CLAUSE_COUNT,
                _(
                    "section '{id}' declares {clause_count} clauses but lists {clauses_count}",
                    id=section.id,
                    clause_count=section.clause_count,
                    clauses_count=len(section.clauses),
                ),
            )
        for c, clause in enumerate(section.clauses):
            where: Path_ = ("sections", s, "clauses", c)
            if pattern is not None and not pattern.fullmatch(clause.id):
                add(
                    (*where, "id"),
                    ProblemCode.CLAUSE_PATTERN,
                    _(
                        "clause id '{id}' does not follow this code's numbering ({clause_pattern})",
                        id=clause.id,
                        clause_pattern=code.clause_pattern,
                    ),
                )
            if clause.id in seen:
                add(
                    (*where, "id"),
                    ProblemCode.DUPLICATE_CLAUSE,
                    _(
                        "clause id '{id}' appears twice (first on line {seen})",
                        id=clause.id,
                        seen=seen[clause.id],
                    ),
                )
            else:
                seen[clause.id] = loaded.lines.line_of((*where, "id"))
            if not clause.verified and clause.unverified_reason is None:
                add(
                    where,
                    ProblemCode.MISSING_FIELD,
                    _("clause '{id}' is marked verified: false without an 'unverified_reason'", id=clause.id),
                )
            if clause.verified_against is not None:
                if not clause.verified:
                    add(
                        (*where, "verified_against"),
                        ProblemCode.UNKNOWN_SOURCE,
                        _(
                            "clause '{id}' names a source in 'verified_against' but is marked verified: "
                            "false",
                            id=clause.id,
                        ),
                    )
                elif code.checked.source(clause.verified_against) is None:
                    known = ", ".join(source.id for source in code.checked.sources) or "none"
                    add(
                        (*where, "verified_against"),
                        ProblemCode.UNKNOWN_SOURCE,
                        _(
                            "clause '{id}' is verified against '{verified_against}', which is not listed "
                            "under 'checked.sources' (listed: {known})",
                            id=clause.id,
                            verified_against=clause.verified_against,
                            known=known,
                        ),
                    )
    if code.status is CodeStatus.SUPERSEDED:
        if (code.superseded_by is None and code.successor is None) or code.superseded_on is None:
            add(
                ("status",),
                ProblemCode.SUCCESSOR,
                _("a superseded code needs 'superseded_by' (or 'successor') and 'superseded_on'"),
            )
        elif (
            code.superseded_by is not None
            and code.superseded_by not in catalog.codes
            and code.superseded_by not in catalog.unloadable
        ):
            add(
                ("superseded_by",),
                ProblemCode.SUCCESSOR,
                _(
                    "'superseded_by' names '{superseded_by}', which is not in codes_of_practice/",
                    superseded_by=code.superseded_by,
                ),
            )
    elif code.superseded_by is not None or code.superseded_on is not None or code.successor is not None:
        add(
            ("status",),
            ProblemCode.SUCCESSOR,
            _("a current code cannot have 'superseded_by' or 'superseded_on'"),
        )
    problems += [
        Problem(loaded.path, loaded.lines.line_of(where), kind, message)
        for where, kind, message in catalog.guard.copied(loaded.data, CodeOfPractice)
    ]
    return problems


LEGISLATION_SITE = "https://www.legislation.gov.uk/"

LEGISLATION_UNITS = {
    InstrumentKind.ACT: {"section", "subsection", "schedule-paragraph"},
    InstrumentKind.ASP: {"section", "subsection", "schedule-paragraph"},
    InstrumentKind.MEASURE: {"section", "subsection", "schedule-paragraph"},
    InstrumentKind.ORDER: {"article", "schedule-paragraph"},
    # Retained EU regulations, such as the UK GDPR, keep their articles.
    InstrumentKind.REGULATIONS: {"regulation", "article", "schedule-paragraph"},
}
"""How each kind of legislation numbers its provisions: Acts have sections, Orders articles,
Regulations regulations; guidance and policy documents number paragraphs and chapters their own way."""


def _check_instrument(loaded: Loaded[Instrument]) -> list[Problem]:
    """Numbering as the instrument numbers it, each provision once, verified or saying why not,
    nations listed once, and legislation linked to legislation.gov.uk."""
    instrument = loaded.model
    problems: list[Problem] = []

    def add(where: Path_, kind: ProblemCode, message: str) -> None:
        problems.append(Problem(loaded.path, loaded.lines.line_of(where), kind, message))

    legislation = instrument.kind.is_legislation
    if legislation and not (instrument.official_url or "").startswith(LEGISLATION_SITE):
        add(
            ("official_url",),
            ProblemCode.OFFICIAL_URL,
            _(
                "'official_url' of a {kind} must be on {legislation_site}",
                kind=instrument.kind.value,
                legislation_site=LEGISLATION_SITE,
            ),
        )
    if legislation and not instrument.provisions:
        add(
            ("provisions",),
            ProblemCode.TOO_FEW,
            _(
                "a digest of a {kind} lists at least one provision; only guidance and policy documents may "
                "be given as a whole",
                kind=instrument.kind.value,
            ),
        )
    if (instrument.kind is InstrumentKind.POLICY) != (instrument.status is InstrumentStatus.POLICY):
        add(
            ("status",),
            ProblemCode.INVALID_VALUE,
            _("'status: policy' goes with 'kind: policy' and only with it: a policy is not law in force"),
        )
    seen_nations: set[Nation] = set()
    for index, nation in enumerate(instrument.nations):
        if nation in seen_nations:
            add(
                ("nations", index),
                ProblemCode.INVALID_VALUE,
                _("the nation '{nation}' is listed twice", nation=nation.value),
            )
        seen_nations.add(nation)
    numbers: dict[str, int | None] = {}
    anchors: dict[str, str] = {}
    allowed_units = LEGISLATION_UNITS.get(instrument.kind)
    for index, provision in enumerate(instrument.provisions):
        where: Path_ = ("provisions", index)
        if allowed_units is not None and provision.unit.value not in allowed_units:
            units = ", ".join(sorted(allowed_units))
            add(
                (*where, "unit"),
                ProblemCode.PROVISION_NUMBER,
                _(
                    "provisions of kind '{kind}' are numbered as {units}, not as '{unit}'",
                    kind=instrument.kind.value,
                    units=units,
                    unit=provision.unit.value,
                ),
            )
        elif not re.fullmatch(PROVISION_NUMBERS[provision.unit], provision.number):
            add(
                (*where, "number"),
                ProblemCode.PROVISION_NUMBER,
                _(
                    "'{number}' is not how a {unit} is numbered",
                    number=provision.number,
                    unit=provision.unit.value,
                ),
            )
        key = provision_key(provision.number)
        anchor = clause_anchor(f"{instrument.id}:{provision.number}")
        if key in numbers:
            add(
                (*where, "number"),
                ProblemCode.DUPLICATE_PROVISION,
                _(
                    "provision '{number}' appears twice (first on line {numbers})",
                    number=provision.number,
                    numbers=numbers[key],
                ),
            )
        elif anchor in anchors:
            add(
                (*where, "number"),
                ProblemCode.DUPLICATE_PROVISION,
                _(
                    "provisions '{anchors}' and '{number}' would share one link anchor",
                    anchors=anchors[anchor],
                    number=provision.number,
                ),
            )
        numbers.setdefault(key, loaded.lines.line_of((*where, "number")))
        anchors.setdefault(anchor, provision.number)
        if (provision.verified is None) == (provision.unverified is None):
            if provision.verified is not None:
                message = _(
                    "provision '{number}' has both 'verified' and 'unverified'; give exactly one",
                    number=provision.number,
                )
            else:
                message = _(
                    "provision '{number}' has neither 'verified' nor 'unverified'; give exactly one",
                    number=provision.number,
                )
            add(where, ProblemCode.VERIFICATION, message)
        outside = sorted(n.value for n in provision.nations or [] if n not in instrument.nations)
        if outside:
            add(
                (*where, "nations"),
                ProblemCode.WRONG_NATION,
                _(
                    "provision '{number}' lists {outside}, where the instrument does not apply",
                    number=provision.number,
                    outside=", ".join(outside),
                ),
            )
        if legislation and provision.url is not None and not provision.url.startswith(LEGISLATION_SITE):
            add(
                (*where, "url"),
                ProblemCode.OFFICIAL_URL,
                _(
                    "the 'url' of provision '{number}' must be on {legislation_site}",
                    number=provision.number,
                    legislation_site=LEGISLATION_SITE,
                ),
            )
    return problems


def check_law_ref(
    ref: str, where: Path_, loaded: Loaded[Any], catalog: Catalog, nation: str | None
) -> list[Problem]:
    """A provision reference must name a digest in law/, a provision it lists and, when the content is
    set in a nation, an instrument that applies there."""
    instrument_id, _colon, number = ref.partition(":")
    line = loaded.lines.line_of(where)
    instrument = catalog.laws.get(instrument_id)
    if instrument is None and instrument_id in catalog.unloadable:
        return []  # the digest's own file is already reported
    if instrument is None:
        known = ", ".join(sorted(catalog.laws)) or "none"
        message = _(
            "instrument '{instrument_id}' in '{ref}' is not in law/ (known: {known})",
            instrument_id=instrument_id,
            ref=ref,
            known=known,
        )
        return [Problem(loaded.path, line, ProblemCode.UNKNOWN_LAW, message)]
    provision = instrument.model.provision(number)
    if provision is None:
        message = _("provision '{ref}' is not in {path}", ref=ref, path=instrument.path)
        return [Problem(loaded.path, line, ProblemCode.UNKNOWN_PROVISION, message)]
    nations = {n.value for n in instrument.model.nations_of(provision)}
    if nation in {n.value for n in Nation} and nation not in nations:
        values = {
            "ref": ref,
            "nation": nation,
            "title": instrument.model.title,
            "nations": ", ".join(sorted(nations)),
        }
        if provision.nations is None:
            message = _("'{ref}' is cited for {nation}, but {title} applies in {nations} only", **values)
        else:
            message = _(
                "'{ref}' is cited for {nation}, but this provision of {title} applies in {nations} only",
                **values,
            )
        return [Problem(loaded.path, line, ProblemCode.WRONG_NATION, message)]
    return []


def _check_case_law(loaded: Loaded[Case], catalog: Catalog) -> list[Problem]:
    """A case's 'Law and duties' cites at least two provisions of its own nation's law."""
    case = loaded.model
    nation = case.setting.jurisdiction.value
    problems: list[Problem] = []
    resolving = 0
    for index, cited in enumerate(case.law.provisions):
        found = check_law_ref(cited.ref, ("law", "provisions", index, "ref"), loaded, catalog, nation)
        problems += found
        instrument_id = cited.ref.partition(":")[0]
        if not found and (instrument_id in catalog.laws or instrument_id in catalog.unloadable):
            resolving += 1  # a digest that failed to load is reported in its own file
    if resolving < 2 and not problems:
        message = n_(
            "'law.provisions' has {count} provision of {nation} law; cite at least two",
            "'law.provisions' has {count} provisions of {nation} law; cite at least two",
            resolving,
            nation=nation,
        )
        problems.append(
            Problem(loaded.path, loaded.line("law", "provisions"), ProblemCode.CITED_LAW, message)
        )
    return problems


def _check_dilemma_law(
    citations: list[LawCitation],
    where: Path_,
    said: str,
    loaded: Loaded[Dilemma],
    catalog: Catalog,
    nation: str | None,
) -> list[Problem]:
    problems: list[Problem] = []
    for index, law in enumerate(citations):
        problems += check_law_ref(law.ref, (*where, "law", index, "ref"), loaded, catalog, nation)
    unlawful = [law.ref for law in citations if law.relation is LawRelation.UNLAWFUL]
    if unlawful and "unlawful" not in said.lower():
        message = _(
            "'{where}' is marked unlawful under {unlawful} but does not say 'unlawful' to the learner",
            where=".".join(map(str, where)),
            unlawful=", ".join(unlawful),
        )
        problems.append(
            Problem(loaded.path, loaded.lines.line_of((*where, "law")), ProblemCode.UNLAWFUL_UNSAID, message)
        )
    return problems


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
            _("no clause of any current code carries the theme '{theme}'", theme=theme.value),
        )
        for theme in Theme
        if theme not in covered
    ]


NATIONS = (Jurisdiction.ENGLAND, Jurisdiction.SCOTLAND, Jurisdiction.WALES, Jurisdiction.NORTHERN_IRELAND)


def _check_nation_coverage(catalog: Catalog) -> list[Problem]:
    """Each nation whose regulator's code the kit teaches has at least one dilemma set there."""
    if catalog.unloadable or any(
        loaded.model.case not in catalog.cases for loaded in catalog.dilemmas.values()
    ):
        return []  # a dilemma or case that failed to load may be the one set there; its problems come first
    set_in = {
        catalog.cases[loaded.model.case].model.setting.jurisdiction
        for loaded in catalog.dilemmas.values()
        if loaded.model.case in catalog.cases
    }
    problems = []
    for loaded in sorted(catalog.codes.values(), key=lambda loaded: loaded.path):
        code = loaded.model
        if code.status is not CodeStatus.CURRENT or code.issuer_type is not IssuerType.REGULATOR:
            continue
        if code.jurisdiction in NATIONS and code.jurisdiction not in set_in:
            nation = code.jurisdiction.value.replace("-", " ").title()
            message = _(
                "the kit teaches {issuer}'s code for {nation} but no dilemma is set in {nation}",
                issuer=code.issuer,
                nation=nation,
            )
            problems.append(
                Problem(loaded.path, loaded.line("jurisdiction"), ProblemCode.NATION_UNCOVERED, message)
            )
    return problems


def _check_case(loaded: Loaded[Case], catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    for index, cited in enumerate(loaded.model.clauses):
        problems += check_ref(cited.ref, ("clauses", index, "ref"), loaded, catalog)
    problems += _check_cited_codes(loaded, catalog)
    problems += _check_case_law(loaded, catalog)
    for index, ref in enumerate(loaded.model.supervision.pcf):
        where = ("supervision", "pcf", index)
        if ref.partition(":")[0] != "pcf":
            message = _("'{ref}' under 'supervision.pcf' should be a PCF domain, e.g. 'pcf:6'", ref=ref)
            problems.append(Problem(loaded.path, loaded.line(*where), ProblemCode.WRONG_CODE, message))
        else:
            problems += check_ref(ref, where, loaded, catalog)
    problems += _check_anonymity(loaded, loaded.model.pseudonyms, catalog)
    problems += check_content_note(loaded, loaded.model)
    problems += check_case_details(loaded)
    problems += check_retells(loaded, catalog)
    return problems


def check_content_note(loaded: Loaded[Any], case: Case) -> list[Problem]:
    """A case or dilemma whose text touches death, suicide, self-harm, abuse or violence needs its
    case to carry a content note (`care.py` says how the text is read). One problem per file, at the
    first such text, naming how many more there are."""
    if case.content_note is not None:
        return []
    found = list(sensitive_texts(loaded.data, type(loaded.model)))
    if not found:
        return []
    where, topic, words = found[0]
    # The topic is the YAML's own identifier for it ('self-harm'), as 'content_note.topics' lists it.
    values = {"where": ".".join(map(str, where)), "words": words, "topic": topic.value, "case": case.id}
    more = len(found) - 1
    if loaded.model is case and not more:
        message = _("'{where}' mentions '{words}' ({topic}), but this case has no content note", **values)
    elif loaded.model is case:
        message = n_(
            "'{where}' mentions '{words}' ({topic}), and {count} more place in this file, but this case has "
            "no content note",
            "'{where}' mentions '{words}' ({topic}), and {count} more places in this file, but this case has "
            "no content note",
            more,
            **values,
        )
    elif not more:
        message = _(
            "'{where}' mentions '{words}' ({topic}), but its case '{case}' has no content note", **values
        )
    else:
        message = n_(
            "'{where}' mentions '{words}' ({topic}), and {count} more place in this file, but its case "
            "'{case}' has no content note",
            "'{where}' mentions '{words}' ({topic}), and {count} more places in this file, but its case "
            "'{case}' has no content note",
            more,
            **values,
        )
    return [Problem(loaded.path, loaded.lines.line_of(where), ProblemCode.NO_CONTENT_NOTE, message)]


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
                _(
                    "the case cites clauses from {cited_count} code; cite at least two codes",
                    cited_count=len(cited),
                ),
            )
        )
    if binding and not cited.intersection(binding):
        problems.append(
            Problem(
                loaded.path,
                where,
                ProblemCode.CITED_CODES,
                _(
                    "a case set in {jurisdiction} must cite the code that binds its social workers "
                    "({binding})",
                    jurisdiction=case.setting.jurisdiction.value,
                    binding=" or ".join(binding),
                ),
            )
        )
    return problems


def _check_anonymity(loaded: Loaded[Any], pseudonyms: list[str], catalog: Catalog) -> list[Problem]:
    return [
        Problem(loaded.path, loaded.lines.line_of(where), kind, message)
        for where, kind, message in catalog.guard.scan(loaded.data, type(loaded.model), pseudonyms)
    ]


def _check_dilemma(loaded: Loaded[Dilemma], catalog: Catalog) -> list[Problem]:
    dilemma = loaded.model
    problems: list[Problem] = []

    def add(where: Path_, kind: ProblemCode, message: str) -> None:
        problems.append(Problem(loaded.path, loaded.lines.line_of(where), kind, message))

    case = catalog.cases.get(dilemma.case)
    if case is None and dilemma.case not in catalog.unloadable:
        add(
            ("case",),
            ProblemCode.UNKNOWN_CASE,
            _("case '{case}' does not exist in cases/", case=dilemma.case),
        )
    names = _check_anonymity(loaded, case.model.pseudonyms if case else [], catalog)
    if case is None:
        # Without its case the dilemma's pseudonyms are unknown: a name check would only report the
        # case's own invented names. The case's problem is reported against the case itself.
        names = [problem for problem in names if problem.code not in _NEEDS_PSEUDONYMS]
    problems += names
    if case is not None:
        problems += check_content_note(loaded, case.model)
    nation = case.model.setting.jurisdiction.value if case else None
    for n, node in enumerate(dilemma.nodes):
        for c, choice in enumerate(node.choices):
            for field in ("honours", "strains"):
                for r, ref in enumerate(getattr(choice, field)):
                    problems += check_ref(ref, ("nodes", n, "choices", c, field, r), loaded, catalog)
            at: Path_ = ("nodes", n, "choices", c)
            problems += _check_dilemma_law(choice.law, at, choice.consequence, loaded, catalog, nation)
    for e, ending in enumerate(dilemma.endings):
        for r, ref in enumerate(ending.clauses):
            problems += check_ref(ref, ("endings", e, "clauses", r), loaded, catalog)
        problems += _check_dilemma_law(ending.law, ("endings", e), ending.debrief, loaded, catalog, nation)
    # A dilemma rehearses choices the law already shapes: it names two provisions or more, as its case does.
    cited = {c.ref for n in dilemma.nodes for ch in n.choices for c in ch.law} | {
        c.ref for ending in dilemma.endings for c in ending.law
    }
    if len(cited) < 2 and case is not None:
        message = n_(
            "the dilemma cites {count} provision of law on its choices and endings; cite two or more",
            "the dilemma cites {count} provisions of law on its choices and endings; cite two or more",
            len(cited),
        )
        add(("nodes",), ProblemCode.DILEMMA_LAW, message)
    graph_problems = list(check_graph(dilemma))
    for where, kind, message in graph_problems:
        add(where, kind, message)
    for n, node in enumerate(dilemma.nodes):
        if not node.facilitator_note:
            message = _(
                "decision '{id}' has no facilitator note; the lecturer edition promises one on each",
                id=node.id,
            )
            add(("nodes", n, "id"), ProblemCode.FACILITATOR_NOTE, message)
    if not graph_problems:
        problems += _check_shape(loaded)
    return problems


# The kit promises dilemmas, not quizzes: enough decisions that a path has a shape, and enough endings
# that choices lead somewhere different. Checked only on a sound graph, since paths need one.
MIN_DECISIONS_ON_LONGEST_PATH = 3
MIN_ENDINGS = 3


def _check_shape(loaded: Loaded[Dilemma]) -> list[Problem]:
    dilemma = loaded.model
    paths = enumerate_paths(dilemma)
    longest = max((len(choices) for choices, _ in paths), default=0)
    endings = len({ending for _, ending in paths})
    short, few = longest < MIN_DECISIONS_ON_LONGEST_PATH, endings < MIN_ENDINGS
    values = {"id": dilemma.id, "longest": longest, "endings": endings}
    if short and few:
        message = _(
            "dilemma '{id}' is too small: its longest path has {longest} decision(s) and it has {endings} "
            "reachable ending(s) (at least 3 of each wanted)",
            **values,
        )
    elif short:
        message = _(
            "dilemma '{id}' is too small: its longest path has {longest} decision(s) (at least 3 of each "
            "wanted)",
            **values,
        )
    elif few:
        message = _(
            "dilemma '{id}' is too small: it has {endings} reachable ending(s) (at least 3 of each wanted)",
            **values,
        )
    else:
        return []
    return [Problem(loaded.path, loaded.lines.line_of(("nodes",)), ProblemCode.DILEMMA_SHAPE, message)]


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
                    where,
                    ProblemCode.WRONG_CODE,
                    _("'{ref}' under 'pcf' should be a PCF domain, e.g. 'pcf:6'", ref=ref),
                )
            else:
                problems += check_ref(ref, where, loaded, catalog)
        for number, ref in enumerate(outcome.standards):
            where = ("learning_outcomes", index, "standards", number)
            code = catalog.codes.get(ref.partition(":")[0])
            if code is not None and not (
                code.model.issuer_type is IssuerType.REGULATOR and code.model.status is CodeStatus.CURRENT
            ):
                message = _(
                    "'{ref}' under 'standards' should be a clause of a regulator's current standards", ref=ref
                )
                add(where, ProblemCode.WRONG_CODE, message)
            else:
                problems += check_ref(ref, where, loaded, catalog)
    for number, case_id in enumerate(seminar.materials.cases):
        if case_id not in catalog.cases and case_id not in catalog.unloadable:
            add(
                ("materials", "cases", number),
                ProblemCode.UNKNOWN_CASE,
                _("case '{case_id}' does not exist in cases/", case_id=case_id),
            )
    for number, dilemma_id in enumerate(seminar.materials.dilemmas):
        if dilemma_id not in catalog.dilemmas and dilemma_id not in catalog.unloadable:
            message = _("dilemma '{dilemma_id}' does not exist in exercises/dilemmas/", dilemma_id=dilemma_id)
            add(("materials", "dilemmas", number), ProblemCode.UNKNOWN_DILEMMA, message)
    total = sum(activity.minutes for activity in seminar.timeline)
    if total != seminar.duration_minutes:
        gap = seminar.duration_minutes - total
        values = {"total": total, "duration": seminar.duration_minutes, "gap": abs(gap)}
        if gap > 0:
            message = _(
                "the timeline adds up to {total} minutes but the session lasts {duration}: add {gap} minutes "
                "across the activities",
                **values,
            )
        else:
            message = _(
                "the timeline adds up to {total} minutes but the session lasts {duration}: take {gap} "
                "minutes "
                "off across the activities",
                **values,
            )
        add(("timeline",), ProblemCode.TIMING, message)
    problems += _check_breaks(loaded)
    problems += _check_expert_slot(loaded)
    problems += _check_reading(loaded, catalog)
    problems += _check_assessment(loaded, catalog)
    problems += check_seminar_details(loaded, catalog)
    return problems


LONGEST_WITHOUT_BREAK = 90
"""Minutes of teaching after which a session needs a break: attention and access needs both say so."""


def _check_breaks(loaded: Loaded[Seminar]) -> list[Problem]:
    """A session longer than 90 minutes has a break, and a break sits between two activities."""
    seminar = loaded.model
    breaks = [index for index, step in enumerate(seminar.timeline) if step.kind is ActivityKind.BREAK]
    problems = []
    if seminar.duration_minutes > LONGEST_WITHOUT_BREAK and not breaks:
        message = _(
            "the session lasts {duration_minutes} minutes but its timeline has no break; sessions longer "
            "than {longest_without_break} minutes need one",
            duration_minutes=seminar.duration_minutes,
            longest_without_break=LONGEST_WITHOUT_BREAK,
        )
        problems.append(Problem(loaded.path, loaded.line("timeline"), ProblemCode.NO_BREAK, message))
    for index in breaks:
        if index in (0, len(seminar.timeline) - 1):
            message = _(
                "a break at the start or the end of a session is not a break; put it between two activities"
            )
            problems.append(
                Problem(loaded.path, loaded.line("timeline", index), ProblemCode.NO_BREAK, message)
            )
    return problems


def _check_expert_slot(loaded: Loaded[Seminar]) -> list[Problem]:
    seminar = loaded.model
    titles = [step.title for step in seminar.timeline if step.kind is ActivityKind.ACTIVITY]
    if seminar.expert_by_experience.during in titles:
        return []
    message = _(
        "'expert_by_experience.during' names '{during}', which is not an activity of the timeline "
        "(activities: {titles})",
        during=seminar.expert_by_experience.during,
        titles="; ".join(titles),
    )
    line = loaded.line("expert_by_experience", "during")
    return [Problem(loaded.path, line, ProblemCode.UNKNOWN_ACTIVITY, message)]


def _check_reading(loaded: Loaded[Seminar], catalog: Catalog) -> list[Problem]:
    return check_reading_list(loaded, loaded.model.reading, ("reading",), catalog)


def check_chapter_reading(catalog: Catalog) -> list[Problem]:
    """Each chapter named has a file under book/, and its reading list cites the bibliography."""
    loaded = catalog.chapter_reading
    if loaded is None:
        return []
    problems: list[Problem] = []
    for stem, reading in loaded.model.chapters.items():
        if not (catalog.root / f"{stem}.md").is_file():
            message = _("there is no chapter {stem}.md for the reading list '{stem}'", stem=stem)
            problems.append(
                Problem(loaded.path, loaded.line("chapters", stem), ProblemCode.UNKNOWN_CHAPTER, message)
            )
        problems += check_reading_list(loaded, reading, ("chapters", stem), catalog)
    return problems


def check_reading_list(
    loaded: Loaded[Any], reading_list: ReadingList, at: Path_, catalog: Catalog
) -> list[Problem]:
    """Every reading names an entry of the bibliography, once."""
    problems: list[Problem] = []
    bibliography = catalog.bibliography
    seen: dict[str, str] = {}
    for part in ("essential", "further"):
        for index, reading in enumerate(getattr(reading_list, part)):
            line = loaded.lines.line_of((*at, part, index, "key"))
            if reading.key in seen:
                message = _(
                    "'{key}' is already on the reading list under '{seen}'",
                    key=reading.key,
                    seen=seen[reading.key],
                )
                problems.append(Problem(loaded.path, line, ProblemCode.READING_LIST, message))
                continue
            seen[reading.key] = part
            if bibliography.readable and reading.key not in bibliography.entries:
                close = difflib.get_close_matches(reading.key, bibliography.entries, n=1)
                if close:
                    message = _(
                        "'{key}' is not a key in {path} (did you mean '{close}'?)",
                        key=reading.key,
                        path=bibliography.path,
                        close=close[0],
                    )
                else:
                    message = _("'{key}' is not a key in {path}", key=reading.key, path=bibliography.path)
                problems.append(Problem(loaded.path, line, ProblemCode.UNKNOWN_REFERENCE, message))
            elif bibliography.missing:
                message = _(
                    "'{key}' cannot be checked: the kit has no {bibliography}",
                    key=reading.key,
                    bibliography=BIBLIOGRAPHY,
                )
                problems.append(Problem(loaded.path, line, ProblemCode.UNKNOWN_REFERENCE, message))
    return problems


REQUIRED_ASPECTS = (Aspect.CODES, Aspect.LAW, Aspect.REFLECTION)


def _check_assessment(loaded: Loaded[Seminar], catalog: Catalog) -> list[Problem]:
    """The rubric assesses the codes, the law and reflection with weights that add up to 100; each
    exemplar sits in a band of its level, with a mark in that band and a comment on every criterion."""
    assessment = loaded.model.assessment
    problems: list[Problem] = []

    def add(where: Path_, kind: ProblemCode, message: str) -> None:
        problems.append(Problem(loaded.path, loaded.line(*where), kind, message))

    aspects = {criterion.aspect for criterion in assessment.rubric}
    missing = [aspect.value for aspect in REQUIRED_ASPECTS if aspect not in aspects]
    if missing:
        add(
            ("assessment", "rubric"),
            ProblemCode.RUBRIC,
            _("the rubric has no criterion for: {missing}", missing=", ".join(missing)),
        )
    total = sum(criterion.weight for criterion in assessment.rubric)
    if total != 100:
        add(
            ("assessment", "rubric"),
            ProblemCode.RUBRIC,
            _("the rubric's weights add up to {total}, not 100", total=total),
        )
    names = [criterion.criterion for criterion in assessment.rubric]
    for index, name in enumerate(names):
        if name in names[:index]:
            message = _("two criteria are called '{name}'", name=name)
            add(("assessment", "rubric", index, "criterion"), ProblemCode.RUBRIC, message)
    for e, exemplar in enumerate(assessment.exemplars):
        where: Path_ = ("assessment", "exemplars", e)
        bands = BANDS[exemplar.level]
        if exemplar.band not in bands:
            allowed = ", ".join(band.value for band in bands)
            message = _(
                "'{band}' is not a band at Level {level} (bands: {allowed})",
                band=exemplar.band.value,
                level=exemplar.level,
                allowed=allowed,
            )
            add((*where, "band"), ProblemCode.EXEMPLAR, message)
        else:
            label, low, high = bands[exemplar.band]
            if not low <= exemplar.mark <= high:
                message = _(
                    "the mark {mark} is outside the band it is given: {label}",
                    mark=exemplar.mark,
                    label=label,
                )
                add((*where, "mark"), ProblemCode.EXEMPLAR, message)
        commented = [comment.criterion for comment in exemplar.comments]
        for c, name in enumerate(commented):
            if name not in names:
                message = _(
                    "the comment is on '{name}', which is not a criterion of the rubric ({names})",
                    name=name,
                    names="; ".join(names),
                )
                add((*where, "comments", c, "criterion"), ProblemCode.EXEMPLAR, message)
            elif name in commented[:c]:
                add(
                    (*where, "comments", c, "criterion"),
                    ProblemCode.EXEMPLAR,
                    _("two comments on '{name}'", name=name),
                )
        uncommented = [name for name in names if name not in commented]
        if uncommented:
            message = _("the marker's comments leave out: {uncommented}", uncommented="; ".join(uncommented))
            add((*where, "comments"), ProblemCode.EXEMPLAR, message)
        for r, ref in enumerate(exemplar.cites):
            problems += check_ref(ref, (*where, "cites", r), loaded, catalog)
    return problems
