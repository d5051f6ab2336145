"""The catalogue: every code, statute digest, case, dilemma and seminar plan of a kit, loaded once and
checked as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from .anonymity import Guard
from .bibliography import Bibliography, load_bibliography
from .chapter_structure import check_chapter_structure
from .checks import check_catalog, check_file_identity
from .curriculum import CurriculumMaps, Framework, check_curriculum, load_curriculum
from .files import CASES_DIR, CODES_DIR, DILEMMAS_DIR, LAW_DIR, SEMINARS_DIR, find_content
from .loader import Loaded, load_file
from .models import (
    Case,
    ChapterReading,
    ChapterSelfChecks,
    Clause,
    CodeOfPractice,
    Dilemma,
    Instrument,
    LawRelation,
    Provision,
    Section,
    Seminar,
    Theme,
    provision_key,
)
from .problems import Problem
from .selfchecks import CHAPTER_SELF_CHECKS, check_self_checks
from .translations import Translations, apply_translations, load_translations
from .words import _, current

__all__ = ["CASES_DIR", "CODES_DIR", "DILEMMAS_DIR", "LAW_DIR", "SEMINARS_DIR", "Catalog", "load_catalog"]
CHAPTER_READING = "book/reading-lists.yml"
"""Reading lists for the book's chapters; optional."""


class Relation(StrEnum):
    """How a piece of content bears on a clause."""

    CITES = "cites"
    HONOURS = "honours"
    STRAINS = "strains"
    UNLAWFUL = "unlawful"


LAW_RELATIONS = {
    LawRelation.HONOURS: Relation.HONOURS,
    LawRelation.STRAINS: Relation.STRAINS,
    LawRelation.UNLAWFUL: Relation.UNLAWFUL,
}


def law_key(ref: str) -> str:
    """A provision reference in the form the catalogue indexes it: `care-act-2014:42`."""
    instrument_id, _, number = ref.partition(":")
    return f"{instrument_id}:{provision_key(number)}"


@dataclass(frozen=True)
class Citation:
    """One place in the content that refers to a clause."""

    kind: str
    """'case', 'choice' or 'ending'."""
    owner: str
    """The id of the case or dilemma holding the reference."""
    item: str
    """The choice or ending id within a dilemma; the case id for a case."""
    label: str
    relation: Relation


@dataclass(frozen=True)
class Cited:
    """What a reference names: one clause of a code, or (for a document-level digest) the code as a whole."""

    code: CodeOfPractice
    clause: Clause | None

    @property
    def label(self) -> str:
        """How the reference reads in running text: 'Social Work England professional standards 6.5'."""
        if self.clause is None:
            return self.code.short_title
        return _("{code} {clause}", code=self.code.short_title, clause=self.clause.id)

    @property
    def short_label(self) -> str:
        """How it reads after another clause of the same code in a row: '6.5' (see `in_a_row`)."""
        return self.clause.id if self.clause is not None else self.label

    @property
    def text(self) -> str:
        """The clause's paraphrase, or what a whole-code citation stands for."""
        if self.clause is not None:
            return self.clause.paraphrase
        return _(
            "The code as a whole ({version}). This kit does not yet digest its clauses: "
            "read the official text for what it asks.",
            version=self.code.version,
        )

    @property
    def themes(self) -> list[Theme]:
        """The clause's themes; a whole code carries none of its own."""
        return list(self.clause.themes) if self.clause is not None else []


@dataclass
class Catalog:
    """All content of one kit, by id. Only files that validated are in it."""

    root: Path
    codes: dict[str, Loaded[CodeOfPractice]] = field(default_factory=dict)
    laws: dict[str, Loaded[Instrument]] = field(default_factory=dict)
    cases: dict[str, Loaded[Case]] = field(default_factory=dict)
    dilemmas: dict[str, Loaded[Dilemma]] = field(default_factory=dict)
    seminars: dict[str, Loaded[Seminar]] = field(default_factory=dict)
    guard: Guard = field(default_factory=Guard)
    """The anonymity and originality guard, with the kit's registered sources."""
    unloadable: set[str] = field(default_factory=set)
    """Stems of files that failed to load, so references to them are not reported twice."""
    bibliography: Bibliography = field(default_factory=lambda: Bibliography("", readable=False, missing=True))
    """The book's bibliography, which reading lists cite by key."""
    chapter_reading: Loaded[ChapterReading] | None = None
    """The chapters' reading lists, when the kit has them and they validated."""
    chapter_self_checks: Loaded[ChapterSelfChecks] | None = None
    """The chapters' self-checks, when the kit has them and they validated."""
    frameworks: dict[str, Loaded[Framework]] = field(default_factory=dict)
    """The curriculum frameworks under curriculum/, by id."""
    curriculum_maps: Loaded[CurriculumMaps] | None = None
    """Which outcomes serve which framework items, when the kit has a map and it validated."""
    translations: Translations = field(default_factory=Translations)
    """The content's translations, how complete each is, and the language the models are in."""

    def content_files(self) -> list[Path]:
        """Every content file the catalogue was read from, valid or not."""
        files, _ = find_content(self.root)
        return sorted(file for folder in files.values() for file in folder)

    def resolve(self, ref: str) -> tuple[CodeOfPractice, Section, Clause] | None:
        """The code, section and clause a `code-id:clause-id` reference names, or None."""
        code_id, _, clause_id = ref.partition(":")
        loaded = self.codes.get(code_id)
        if loaded is None:
            return None
        for section, clause in loaded.model.clauses():
            if clause.id == clause_id:
                return loaded.model, section, clause
        return None

    def resolve_law(self, ref: str) -> tuple[Instrument, Provision] | None:
        """The instrument and provision an `instrument-id:number` reference names, or None."""
        instrument_id, _, number = ref.partition(":")
        loaded = self.laws.get(instrument_id)
        if loaded is None:
            return None
        provision = loaded.model.provision(number)
        return None if provision is None else (loaded.model, provision)

    @cached_property
    def law_citations(self) -> dict[str, list[Citation]]:
        """Every provision reference in the cases and dilemmas, by `law_key`."""
        found: dict[str, list[Citation]] = {}
        for case_id, loaded in sorted(self.cases.items()):
            for cited in loaded.model.law.provisions:
                citation = Citation("case", case_id, case_id, loaded.model.title, Relation.CITES)
                found.setdefault(law_key(cited.ref), []).append(citation)
        for dilemma_id, loaded_dilemma in sorted(self.dilemmas.items()):
            dilemma = loaded_dilemma.model
            for node in dilemma.nodes:
                for choice in node.choices:
                    for law in choice.law:
                        relation = LAW_RELATIONS[law.relation]
                        citation = Citation("choice", dilemma_id, choice.id, choice.label, relation)
                        found.setdefault(law_key(law.ref), []).append(citation)
            for ending in dilemma.endings:
                for law in ending.law:
                    relation = LAW_RELATIONS[law.relation]
                    citation = Citation("ending", dilemma_id, ending.id, ending.title, relation)
                    found.setdefault(law_key(law.ref), []).append(citation)
        return found

    def cited(self, ref: str) -> Cited | None:
        """What a reference names, a clause or a document-level code as a whole; None if it names nothing."""
        code_id, _, clause_id = ref.partition(":")
        loaded = self.codes.get(code_id)
        if loaded is None:
            return None
        if not clause_id:
            return Cited(loaded.model, None) if loaded.model.document_level else None
        found = self.resolve(ref)
        return Cited(found[0], found[2]) if found else None

    @cached_property
    def citations(self) -> dict[str, list[Citation]]:
        """Every clause reference in the cases and dilemmas, by `code-id:clause-id`."""
        found: dict[str, list[Citation]] = {}
        for case_id, loaded in sorted(self.cases.items()):
            for cited in loaded.model.clauses:
                citation = Citation("case", case_id, case_id, loaded.model.title, Relation.CITES)
                found.setdefault(cited.ref, []).append(citation)
        for dilemma_id, loaded_dilemma in sorted(self.dilemmas.items()):
            dilemma = loaded_dilemma.model
            for node in dilemma.nodes:
                for choice in node.choices:
                    for relation, refs in (
                        (Relation.HONOURS, choice.honours),
                        (Relation.STRAINS, choice.strains),
                    ):
                        for ref in refs:
                            citation = Citation("choice", dilemma_id, choice.id, choice.label, relation)
                            found.setdefault(ref, []).append(citation)
            for ending in dilemma.endings:
                for ref in ending.clauses:
                    citation = Citation("ending", dilemma_id, ending.id, ending.title, Relation.CITES)
                    found.setdefault(ref, []).append(citation)
        return found

    def current_codes(self) -> list[CodeOfPractice]:
        """Codes in force, in id order."""
        return [
            loaded.model for _, loaded in sorted(self.codes.items()) if loaded.model.status.value == "current"
        ]


def _load_folder(
    root: Path,
    files: list[Path],
    model: type[BaseModel],
    into: dict[str, Loaded[BaseModel]],
    unloadable: set[str],
) -> list[Problem]:
    problems: list[Problem] = []
    loaded_files: list[tuple[Path, Loaded[BaseModel]]] = []
    for file in files:
        shown_as = file.relative_to(root).as_posix()
        loaded, found = load_file(file, model, shown_as)
        problems += found
        if loaded is None:
            unloadable.add(file.stem)
        else:
            loaded_files.append((file, loaded))
    # A file whose name matches its id owns that id; a copy is the one reported.
    loaded_files.sort(key=lambda item: (item[1].model.id != item[0].stem, item[0]))  # type: ignore[attr-defined]
    for file, loaded in loaded_files:
        problems += check_file_identity(loaded, file.stem, into)
        into.setdefault(loaded.model.id, loaded)  # type: ignore[attr-defined]
    return problems


def load_catalog(root: Path) -> tuple[Catalog, list[Problem]]:
    """Load and check every content file under `root`. Bad content yields problems, never raises."""
    bibliography, problems = load_bibliography(root)
    catalog = Catalog(root=root, guard=Guard.load(root), bibliography=bibliography)
    files, found_problems = find_content(root)
    problems += found_problems
    problems += _load_folder(root, files[CODES_DIR], CodeOfPractice, catalog.codes, catalog.unloadable)  # type: ignore[arg-type]
    problems += _load_folder(root, files[LAW_DIR], Instrument, catalog.laws, catalog.unloadable)  # type: ignore[arg-type]
    problems += _load_folder(root, files[CASES_DIR], Case, catalog.cases, catalog.unloadable)  # type: ignore[arg-type]
    problems += _load_folder(root, files[DILEMMAS_DIR], Dilemma, catalog.dilemmas, catalog.unloadable)  # type: ignore[arg-type]
    problems += _load_folder(root, files[SEMINARS_DIR], Seminar, catalog.seminars, catalog.unloadable)  # type: ignore[arg-type]
    if (root / CHAPTER_READING).is_file():
        catalog.chapter_reading, found = load_file(root / CHAPTER_READING, ChapterReading, CHAPTER_READING)
        problems += found
    if (root / CHAPTER_SELF_CHECKS).is_file():
        catalog.chapter_self_checks, found = load_file(
            root / CHAPTER_SELF_CHECKS, ChapterSelfChecks, CHAPTER_SELF_CHECKS
        )
        problems += found
    catalog.frameworks, catalog.curriculum_maps, found = load_curriculum(root, catalog.unloadable)
    problems += found
    problems += check_catalog(catalog)
    problems += check_self_checks(catalog)
    problems += check_curriculum(catalog)
    problems += check_chapter_structure(catalog.root)
    folders = {
        CODES_DIR: catalog.codes,
        LAW_DIR: catalog.laws,
        CASES_DIR: catalog.cases,
        DILEMMAS_DIR: catalog.dilemmas,
        SEMINARS_DIR: catalog.seminars,
    }
    all_files = {file.relative_to(root).as_posix() for folder in files.values() for file in folder}
    catalog.translations, found = load_translations(root, folders, all_files)  # type: ignore[arg-type]
    problems += found
    # Last, once every rule has run on the English: a build in another language shows its translations.
    apply_translations(catalog.translations, folders, current().language)  # type: ignore[arg-type]
    return catalog, sorted(set(problems))
