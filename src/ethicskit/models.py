"""The kit's content model: codes of practice, cases and dilemmas as typed, frozen pydantic models.

Field-level rules live here; rules that need more than one field or more than one file live in
`checks`. This module does no I/O.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum, StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from .words import _

# --- closed vocabularies ---------------------------------------------------------------------


class Jurisdiction(StrEnum):
    """Where a code applies or where a case is set."""

    ENGLAND = "england"
    SCOTLAND = "scotland"
    WALES = "wales"
    NORTHERN_IRELAND = "northern-ireland"
    UK = "uk"
    INTERNATIONAL = "international"
    UNITED_STATES = "united-states"
    EUROPE = "europe"

    @property
    def label(self) -> str:
        """The place as a reader sees it."""
        return jurisdiction_labels()[self]


def jurisdiction_labels() -> dict[Jurisdiction, str]:
    """Each jurisdiction's name, in the language being written."""
    return {
        Jurisdiction.ENGLAND: _("England"),
        Jurisdiction.SCOTLAND: _("Scotland"),
        Jurisdiction.WALES: _("Wales"),
        Jurisdiction.NORTHERN_IRELAND: _("Northern Ireland"),
        Jurisdiction.UK: _("UK"),
        Jurisdiction.INTERNATIONAL: _("International"),
        Jurisdiction.UNITED_STATES: _("United States"),
        Jurisdiction.EUROPE: _("Europe"),
    }


class IssuerType(StrEnum):
    """What kind of body issues a code, which decides what force it has."""

    REGULATOR = "regulator"
    PROFESSIONAL_BODY = "professional-body"
    INTERNATIONAL_FEDERATION = "international-federation"
    LEGAL_INSTRUMENT = "legal-instrument"


class CodeStatus(StrEnum):
    """Whether a code is in force today or kept for history."""

    CURRENT = "current"
    SUPERSEDED = "superseded"


class Coverage(StrEnum):
    """How far a digest goes into its document."""

    CLAUSES = "clauses"
    """Every clause paraphrased, with the issuer's numbering."""
    DOCUMENT = "document"
    """The document's facts only (title, issuer, dates, status, structure): no clause list yet."""


class Polarity(StrEnum):
    """Whether a section lists things to do, or things the practitioner undertakes not to do."""

    DO = "do"
    DO_NOT = "do-not"


class Theme(StrEnum):
    """The kit's themes, shared by clauses, cases and dilemma choices."""

    RAISING_CONCERNS = "raising-concerns"
    CHALLENGING_EMPLOYER = "challenging-employer"
    RECORDS = "records"
    SUPERVISION_REFLECTION = "supervision-reflection"
    PARTICIPATION_CONSENT = "participation-consent"
    RELATIONSHIPS_TRUST = "relationships-trust"
    USE_OF_POWER = "use-of-power"
    CONFLICTS_OF_INTEREST = "conflicts-of-interest"
    CONFIDENTIALITY = "confidentiality"
    SOCIAL_JUSTICE_DISCRIMINATION = "social-justice-discrimination"
    PROFESSIONAL_INTEGRITY = "professional-integrity"
    WELLBEING_SELF_CARE = "wellbeing-self-care"
    CONTINUING_DEVELOPMENT = "continuing-development"
    HUMAN_RIGHTS = "human-rights"
    SAFEGUARDING = "safeguarding"
    COMPETENCE_ACCOUNTABILITY = "competence-accountability"
    COLLABORATION = "collaboration"

    @property
    def label(self) -> str:
        """The theme as a reader sees it."""
        return theme_labels()[self]


def theme_labels() -> dict[Theme, str]:
    """Each theme's name, in the language being written."""
    return {
        Theme.RAISING_CONCERNS: _("Raising concerns"),
        Theme.CHALLENGING_EMPLOYER: _("Challenging the employer"),
        Theme.RECORDS: _("Records"),
        Theme.SUPERVISION_REFLECTION: _("Supervision and reflection"),
        Theme.PARTICIPATION_CONSENT: _("Participation and consent"),
        Theme.RELATIONSHIPS_TRUST: _("Relationships and trust"),
        Theme.USE_OF_POWER: _("Use of power"),
        Theme.CONFLICTS_OF_INTEREST: _("Conflicts of interest"),
        Theme.CONFIDENTIALITY: _("Confidentiality"),
        Theme.SOCIAL_JUSTICE_DISCRIMINATION: _("Social justice and discrimination"),
        Theme.PROFESSIONAL_INTEGRITY: _("Professional identity and integrity"),
        Theme.WELLBEING_SELF_CARE: _("Wellbeing and self-care"),
        Theme.CONTINUING_DEVELOPMENT: _("Continuing development"),
        Theme.HUMAN_RIGHTS: _("Human rights"),
        Theme.SAFEGUARDING: _("Safeguarding"),
        Theme.COMPETENCE_ACCOUNTABILITY: _("Competence and accountability"),
        Theme.COLLABORATION: _("Working with others"),
    }


class ServiceType(StrEnum):
    """The kind of service a case is set in."""

    CHILDREN_AND_FAMILIES = "children-and-families"
    ADULT_SOCIAL_CARE = "adult-social-care"
    MENTAL_HEALTH = "mental-health"
    MULTI_DISCIPLINARY = "multi-disciplinary"
    HOSPITAL = "hospital"
    LEARNING_DISABILITY = "learning-disability"
    YOUTH_JUSTICE = "youth-justice"
    FOSTERING_ADOPTION = "fostering-adoption"
    SOCIAL_WORK_EDUCATION = "social-work-education"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The service as a reader sees it."""
        return service_labels()[self]


def service_labels() -> dict[ServiceType, str]:
    """Each kind of service's name, in the language being written."""
    return {
        ServiceType.CHILDREN_AND_FAMILIES: _("Children and families"),
        ServiceType.ADULT_SOCIAL_CARE: _("Adult social care"),
        ServiceType.MENTAL_HEALTH: _("Mental health"),
        ServiceType.MULTI_DISCIPLINARY: _("Multi disciplinary"),
        ServiceType.HOSPITAL: _("Hospital"),
        ServiceType.LEARNING_DISABILITY: _("Learning disability"),
        ServiceType.YOUTH_JUSTICE: _("Youth justice"),
        ServiceType.FOSTERING_ADOPTION: _("Fostering adoption"),
        ServiceType.SOCIAL_WORK_EDUCATION: _("Social work education"),
        ServiceType.OTHER: _("Other"),
    }


class Experience(StrEnum):
    """How far into their career the practitioner at the centre of a case is."""

    STUDENT = "student"
    NEWLY_QUALIFIED = "newly-qualified"
    EXPERIENCED = "experienced"
    SENIOR = "senior"
    MANAGER = "manager"


class NarrativeVoice(StrEnum):
    """Whose voice tells the narrative."""

    FIRST_PERSON = "first-person"
    THIRD_PERSON = "third-person"


class SensitiveTopic(StrEnum):
    """Topics that need a content note and signposting before a reader meets them."""

    SUICIDE = "suicide"
    SELF_HARM = "self-harm"
    ABUSE = "abuse"
    DOMESTIC_ABUSE = "domestic-abuse"
    DEATH = "death"
    VIOLENCE = "violence"
    WORKPLACE_DISTRESS = "workplace-distress"


class SourceKind(StrEnum):
    """Where a case comes from."""

    DIARY = "diary"
    COMPOSITE = "composite"


class Escalation(StrEnum):
    """Routes a practitioner can take a concern along, from the most local to the most formal.

    Not a ladder to climb: settling a concern informally, or accepting a decision while recording
    disagreement, are routes in their own right, and a person served may take theirs (an advocate,
    a complaint, the ombudsman) with the practitioner's support.
    """

    INFORMAL_RESOLUTION = "informal-resolution"
    SUPERVISION = "supervision"
    LINE_MANAGER = "line-manager"
    RECORDED_DISAGREEMENT = "recorded-disagreement"
    PRINCIPAL_SOCIAL_WORKER = "principal-social-worker"
    UNION_OR_ASSOCIATION = "union-or-association"
    ADVOCATE = "advocate"
    COMPLAINT = "complaint"
    WHISTLEBLOWING = "whistleblowing"
    OMBUDSMAN = "ombudsman"
    INSPECTORATE = "inspectorate"
    """The body that inspects services, e.g. the Care Inspectorate in Scotland or Care Inspectorate Wales."""
    REGULATOR = "regulator"
    """The body that registers and regulates the workforce: Social Work England, the SSSC, Social Care Wales,
    NISCC. A concern about a service goes to the inspectorate; one about a practitioner, to the regulator."""

    @property
    def label(self) -> str:
        """The route as a reader sees it, in running text."""
        return escalation_labels()[self]


def escalation_labels() -> dict[Escalation, str]:
    """Each escalation route's name in running text, in the language being written."""
    return {
        Escalation.INFORMAL_RESOLUTION: _("informal resolution"),
        Escalation.SUPERVISION: _("supervision"),
        Escalation.LINE_MANAGER: _("line manager"),
        Escalation.RECORDED_DISAGREEMENT: _("recorded disagreement"),
        Escalation.PRINCIPAL_SOCIAL_WORKER: _("principal social worker"),
        Escalation.UNION_OR_ASSOCIATION: _("union or association"),
        Escalation.ADVOCATE: _("advocate"),
        Escalation.COMPLAINT: _("complaint"),
        Escalation.WHISTLEBLOWING: _("whistleblowing"),
        Escalation.OMBUDSMAN: _("ombudsman"),
        Escalation.INSPECTORATE: _("inspectorate"),
        Escalation.REGULATOR: _("regulator"),
    }


# --- text types --------------------------------------------------------------------------------

_TAG = re.compile(r"</?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--")


_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def _scheme(name: str) -> str:
    # Browsers ignore whitespace and control characters inside a link's scheme, so 'java script:' counts.
    return r"[\s\x00-\x1f]*".join(name)


_UNSAFE_LINK = re.compile(
    r"(?:\]\s*\(\s*<?|^\s{0,3}\[[^\]]*\]:\s*<?|<)\s*(?P<scheme>"
    + "|".join(_scheme(name) for name in ("javascript", "vbscript", "data"))
    + r")[\s\x00-\x1f]*:",
    re.IGNORECASE | re.MULTILINE,
)


def markup_problem(value: str) -> tuple[str, str] | None:
    """Why `value` is not plain text, as (kind, message): an HTML tag or character reference, or a
    link whose target runs code or embeds data. None for plain text."""
    found = _TAG.search(value)
    if found:
        return "html_in_text", _("contains the HTML tag {tag}", tag=found.group(0)[:40])
    found = _ENTITY.search(value)
    if found:
        return "html_in_text", _(
            "contains the HTML character reference {reference}", reference=found.group(0)[:40]
        )
    found = _UNSAFE_LINK.search(value)
    if found:
        scheme = re.sub(r"[\s\x00-\x1f]", "", found.group("scheme")).lower()
        return "unsafe_link", _("contains a link to a '{scheme}:' address", scheme=scheme)
    return None


def _plain(value: str) -> str:
    """Reject markup: every output escapes text itself, so tags in content are always a mistake, and a
    link that runs code is never content."""
    problem = markup_problem(value)
    if problem is not None:
        raise PydanticCustomError(problem[0], problem[1].replace("{", "{{").replace("}", "}}"))
    return value


Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_plain),
]
"""One line of plain text: a title, a label, a question."""

Prose = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=12000),
    AfterValidator(_plain),
]
"""Plain text of one or more paragraphs separated by blank lines."""

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
"""Lower-case words joined by hyphens: the form of every id the kit mints itself."""

ClauseRef = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*(:[A-Za-z0-9]+([.\-][A-Za-z0-9]+)*)?$")
]
"""A reference to a clause, `code-id:clause-id`, e.g. `swe-2019:6.5`; or, for a digest that covers
only the document, to the code as a whole: `niscc`."""

ClauseId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+([.\-][A-Za-z0-9]+)*$")]
"""A clause id exactly as its issuer numbers it, e.g. `3.10` or `P1-1`."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class _Metadata:
    """The mark of a field that names, numbers or points to something rather than saying anything in
    the kit's own words: an id, a reference, a theme, an official title quoted exactly, where a case came
    from. The guards that read the kit's own words (identifying details, copied wording, distressing
    subjects; see `prose`) pass over it. Written `Annotated[type, METADATA]`."""

    def __repr__(self) -> str:
        return "METADATA"


METADATA = _Metadata()


def is_metadata(field: FieldInfo) -> bool:
    """True when a model's field is declared `METADATA`."""
    return any(mark is METADATA for mark in field.metadata)


# --- codes of practice -------------------------------------------------------------------------


class Clause(_Model):
    """One numbered clause of a code, paraphrased in the kit's own words."""

    id: Annotated[ClauseId, METADATA] = Field(description="The clause number exactly as the issuer gives it.")
    paraphrase: Annotated[Prose, StringConstraints(max_length=700)] = Field(
        description="One or two sentences in the kit's own words."
    )
    themes: Annotated[list[Theme], METADATA] = Field(min_length=1, max_length=4)
    verified: bool = Field(description="True when the paraphrase was checked against the official wording.")
    verified_against: Slug | None = Field(
        default=None,
        description="The id of the 'checked.sources' entry that confirmed this clause's number and meaning.",
    )
    unverified_reason: Line | None = None


class Section(_Model):
    """A section of a code, holding its clauses in the issuer's order."""

    id: Annotated[ClauseId, METADATA]
    title: Annotated[Line, METADATA]
    polarity: Polarity = Polarity.DO
    clause_count: int | None = Field(
        ge=1,
        description=(
            "How many clauses the issuer's document has in this section, counted from the source; "
            "null only when the source could not be read far enough to count them."
        ),
    )
    clauses: list[Clause] = Field(min_length=1)


Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class CheckSource(_Model):
    """One text a digest was compared with: the issuer's own page or document, or a third party quoting it."""

    id: Slug
    title: Line = Field(description="What the source is, e.g. the page's or document's title.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    official: bool = Field(
        description="True for the issuer's own page or document; false for a copy or quotation."
    )
    seen_on: date | None = Field(
        default=None, description="When it was read, or its own date if that is all known."
    )
    sha256: Sha256 | None = Field(
        default=None, description="The SHA-256 of the file compared, when it was a file."
    )
    notes: Line | None = None


class CheckRecord(_Model):
    """What a digest's paraphrases were checked against, and when."""

    against: Prose
    on: date
    notes: Prose | None = None
    sources: Annotated[list[CheckSource], METADATA] = Field(
        default_factory=list, description="The sources named by clauses' 'verified_against'."
    )

    def source(self, source_id: str) -> CheckSource | None:
        """The source with this id, or None."""
        return next((source for source in self.sources if source.id == source_id), None)


class CodeOfPractice(_Model):
    """A digest of one code of practice, standard or charter, clause by clause."""

    id: Annotated[Slug, METADATA]
    title: Annotated[Line, METADATA] = Field(
        description="The official title, exactly as the issuer gives it."
    )
    short_title: Annotated[Line, METADATA]
    issuer: Annotated[Line, METADATA]
    issuer_type: IssuerType
    jurisdiction: Jurisdiction
    binds: Prose = Field(description="Who issues the code and whom it binds, with what force.")
    version: Annotated[Line, METADATA]
    in_force_from: date | None
    status: CodeStatus
    superseded_by: Slug | None = None
    superseded_on: date | str | None = None
    successor: Line | None = Field(
        default=None, description="What replaced a superseded code, when the kit has no digest of it."
    )
    official_url: Annotated[str, StringConstraints(pattern=r"^https://\S+$"), METADATA]
    coverage: Coverage = Field(
        default=Coverage.CLAUSES,
        description="'clauses' for a clause-by-clause digest; 'document' for the document's facts only.",
    )
    clause_pattern: Annotated[str | None, METADATA] = Field(
        default=None,
        description="A regular expression every clause id must match; required when clauses are listed.",
    )
    structure: Prose | None = Field(
        default=None,
        description="A document-level digest: how the document is organised, as far as confirmed.",
    )
    checked: CheckRecord
    gaps: Prose | None = Field(
        default=None, description="What of the official document this digest does not cover yet, and why."
    )
    sections: list[Section] = Field(
        default_factory=list, description="The clauses, section by section; none in a document-level digest."
    )

    @property
    def document_level(self) -> bool:
        """True when the digest describes the document and lists none of its clauses."""
        return self.coverage is Coverage.DOCUMENT

    def clauses(self) -> list[tuple[Section, Clause]]:
        """Every clause with its section, in document order."""
        return [(section, clause) for section in self.sections for clause in section.clauses]

    def clause(self, clause_id: str) -> Clause | None:
        """The clause with this id, or None."""
        for _number, clause in self.clauses():
            if clause.id == clause_id:
                return clause
        return None


def clause_anchor(ref: str) -> str:
    """The stable HTML anchor of a clause: `swe-2019:6.5` becomes `swe-2019-6-5`."""
    return re.sub(r"[^a-z0-9]+", "-", ref.lower()).strip("-")


# --- law ---------------------------------------------------------------------------------------


class Nation(StrEnum):
    """A UK nation: where a statute applies for social care purposes."""

    ENGLAND = "england"
    SCOTLAND = "scotland"
    WALES = "wales"
    NORTHERN_IRELAND = "northern-ireland"


class InstrumentKind(StrEnum):
    """What kind of document a law digest covers; legislation and documents issued under it differ."""

    ACT = "act"
    ASP = "asp"
    MEASURE = "measure"
    ORDER = "order"
    REGULATIONS = "regulations"
    GUIDANCE = "guidance"
    POLICY = "policy"

    @property
    def is_legislation(self) -> bool:
        """Acts, Acts of the Scottish Parliament, Measures, Orders and Regulations: on legislation.gov.uk."""
        return self not in {InstrumentKind.GUIDANCE, InstrumentKind.POLICY}


class InstrumentStatus(StrEnum):
    """How far an instrument is in force."""

    IN_FORCE = "in-force"
    PARTLY_IN_FORCE = "partly-in-force"
    NOT_YET_IN_FORCE = "not-yet-in-force"
    REPEALED = "repealed"
    POLICY = "policy"


class ProvisionUnit(StrEnum):
    """How the instrument numbers the provision; decides the form its number must take."""

    SECTION = "section"
    SUBSECTION = "subsection"
    ARTICLE = "article"
    REGULATION = "regulation"
    SCHEDULE_PARAGRAPH = "schedule-paragraph"
    PARAGRAPH = "paragraph"
    CHAPTER = "chapter"


PROVISION_NUMBERS: dict[ProvisionUnit, str] = {
    ProvisionUnit.SECTION: r"\d+[A-Z]*",
    ProvisionUnit.SUBSECTION: r"\d+[A-Z]*(\([0-9]+[A-Z]*\))(\([a-z]+\))?(\([ivx]+\))?",
    ProvisionUnit.ARTICLE: r"Article \d+[A-Z]*(\([0-9]+[A-Z]*\))?(\([a-z]+\))?",
    ProvisionUnit.REGULATION: r"\d+[A-Z]*(\([0-9]+[A-Z]*\))?(\([a-z]+\))?",
    ProvisionUnit.SCHEDULE_PARAGRAPH: r"Schedule \d+[A-Z]* paragraph \d+[A-Z]*(\([0-9]+\))?(\([a-z]+\))?",
    ProvisionUnit.PARAGRAPH: r"[0-9]+[A-Za-z]*(\.[0-9]+[A-Za-z]*)*",
    ProvisionUnit.CHAPTER: r"((Chapter|Part) )?[0-9]+[A-Za-z]*(\.[0-9]+[A-Za-z]*)*",
}
"""The form a provision's number takes for each unit, exactly as legislation prints it: section "42",
subsection "42(1)", "Article 66", "Schedule 1 paragraph 2"; guidance paragraphs "14.7"."""


class LawTopic(StrEnum):
    """What a provision is about, in the terms a social work law course uses."""

    ADULT_CARE_SUPPORT = "adult-care-support"
    CARERS = "carers"
    ADULT_SAFEGUARDING = "adult-safeguarding"
    CHILDREN_IN_NEED = "children-in-need"
    CHILD_PROTECTION = "child-protection"
    MENTAL_CAPACITY = "mental-capacity"
    BEST_INTERESTS = "best-interests"
    ADVOCACY = "advocacy"
    HUMAN_RIGHTS = "human-rights"
    EQUALITY = "equality"
    DATA_PROTECTION = "data-protection"
    INFORMATION_SHARING = "information-sharing"
    WHISTLEBLOWING = "whistleblowing"
    WELLBEING = "wellbeing"
    ASSESSMENT = "assessment"
    ELIGIBILITY = "eligibility"
    LOOKED_AFTER_CHILDREN = "looked-after-children"
    COMPLAINTS = "complaints"
    REGULATION_INSPECTION = "regulation-inspection"
    WORKFORCE = "workforce"
    MENTAL_HEALTH = "mental-health"

    @property
    def label(self) -> str:
        """The topic as a reader sees it."""
        return topic_labels()[self]

    @property
    def theme(self) -> Theme | None:
        """The kit theme the topic belongs to, so the law can stand beside the codes theme by theme."""
        return TOPIC_THEMES[self]


def topic_labels() -> dict[LawTopic, str]:
    """Each topic's name, in the language being written."""
    return {
        LawTopic.ADULT_CARE_SUPPORT: _("Adult care and support"),
        LawTopic.CARERS: _("Carers"),
        LawTopic.ADULT_SAFEGUARDING: _("Adult safeguarding"),
        LawTopic.CHILDREN_IN_NEED: _("Children in need"),
        LawTopic.CHILD_PROTECTION: _("Child protection"),
        LawTopic.MENTAL_CAPACITY: _("Mental capacity"),
        LawTopic.BEST_INTERESTS: _("Best interests"),
        LawTopic.ADVOCACY: _("Advocacy"),
        LawTopic.HUMAN_RIGHTS: _("Human rights"),
        LawTopic.EQUALITY: _("Equality"),
        LawTopic.DATA_PROTECTION: _("Data protection"),
        LawTopic.INFORMATION_SHARING: _("Information sharing"),
        LawTopic.WHISTLEBLOWING: _("Whistleblowing"),
        LawTopic.WELLBEING: _("Wellbeing"),
        LawTopic.ASSESSMENT: _("Assessment"),
        LawTopic.ELIGIBILITY: _("Eligibility"),
        LawTopic.LOOKED_AFTER_CHILDREN: _("Looked after children"),
        LawTopic.COMPLAINTS: _("Complaints"),
        LawTopic.REGULATION_INSPECTION: _("Regulation and inspection"),
        LawTopic.WORKFORCE: _("Workforce"),
        LawTopic.MENTAL_HEALTH: _("Mental health"),
    }


TOPIC_THEMES: dict[LawTopic, Theme | None] = {
    LawTopic.ADULT_CARE_SUPPORT: None,
    LawTopic.CARERS: None,
    LawTopic.ADULT_SAFEGUARDING: Theme.SAFEGUARDING,
    LawTopic.CHILDREN_IN_NEED: Theme.SAFEGUARDING,
    LawTopic.CHILD_PROTECTION: Theme.SAFEGUARDING,
    LawTopic.MENTAL_CAPACITY: Theme.PARTICIPATION_CONSENT,
    LawTopic.BEST_INTERESTS: Theme.PARTICIPATION_CONSENT,
    LawTopic.ADVOCACY: Theme.PARTICIPATION_CONSENT,
    LawTopic.HUMAN_RIGHTS: Theme.HUMAN_RIGHTS,
    LawTopic.EQUALITY: Theme.SOCIAL_JUSTICE_DISCRIMINATION,
    LawTopic.DATA_PROTECTION: Theme.CONFIDENTIALITY,
    LawTopic.INFORMATION_SHARING: Theme.CONFIDENTIALITY,
    LawTopic.WHISTLEBLOWING: Theme.RAISING_CONCERNS,
    LawTopic.WELLBEING: None,
    LawTopic.ASSESSMENT: None,
    LawTopic.ELIGIBILITY: None,
    LawTopic.LOOKED_AFTER_CHILDREN: Theme.SAFEGUARDING,
    LawTopic.COMPLAINTS: None,
    LawTopic.REGULATION_INSPECTION: Theme.COMPETENCE_ACCOUNTABILITY,
    LawTopic.WORKFORCE: Theme.COMPETENCE_ACCOUNTABILITY,
    LawTopic.MENTAL_HEALTH: Theme.USE_OF_POWER,
}
"""Topics that belong to one of the kit's themes; the others (care and support, assessment) are
the law's own ground and appear on the instrument pages only."""


class ProvisionCheck(_Model):
    """What a provision's paraphrase was checked against, and when."""

    against: Line
    on: date


ProvisionNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ().]*$", max_length=60)
]
"""A provision number as the instrument prints it, e.g. `42`, `42(1)`, `Article 66`."""

LawRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*:[A-Za-z0-9][A-Za-z0-9 ().]*$")]
"""A reference to a provision, `instrument-id:number`, e.g. `care-act-2014:42` or `cssa-2014:Article 5`."""


class Provision(_Model):
    """One numbered provision of a statute or one paragraph of statutory guidance, paraphrased."""

    number: ProvisionNumber = Field(description="Exactly as the instrument numbers it.")
    unit: ProvisionUnit
    heading: Line = Field(description="The official heading, exactly as printed.")
    paraphrase: Annotated[Prose, StringConstraints(max_length=700)] = Field(
        description="What the duty or power is, whose it is and what triggers it, in the kit's own words."
    )
    themes: list[LawTopic] = Field(min_length=1, max_length=5)
    nations: list[Nation] | None = Field(
        default=None,
        description="Only where this provision applies in fewer nations than the instrument, e.g. a Part "
        "of an England and Wales Act replaced in Wales.",
    )
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None
    verified: ProvisionCheck | None = Field(
        default=None, description="Only when the provision's own text was read."
    )
    unverified: Annotated[Prose, StringConstraints(max_length=700)] | None = Field(
        default=None, description="Why the text could not be checked."
    )

    @property
    def heading_unstopped(self) -> str:
        """The heading without the full stop older Acts print at the end of theirs ('Duty of local
        authority to assess needs.') or an abbreviation ends it with ('plans etc.'), for a sentence
        that adds its own stop after it."""
        return self.heading.removesuffix(".")

    @property
    def heading_label(self) -> str:
        """The heading as a label (in brackets, before a colon): without a heading's closing full stop,
        but with an abbreviation's ('plans etc.')."""
        return self.heading if self.heading.endswith(ABBREVIATIONS) else self.heading_unstopped


ABBREVIATIONS = ("etc.",)
"""Abbreviations an official heading may end with, whose full stop stays when the heading is a label."""


class Instrument(_Model):
    """A digest of one statute, statutory instrument or statutory guidance: the provisions the kit uses."""

    id: Slug
    title: Line = Field(description="The official short title exactly.")
    short_title: Line | None = Field(
        default=None, description="How running text names it when the official title is long, e.g. 'UK GDPR'."
    )
    citation: Line = Field(description="Chapter, asp, SI or NI number as legislation.gov.uk shows it.")
    kind: InstrumentKind
    nations: list[Nation] = Field(min_length=1, description="Where the provisions apply for social care.")
    extent_note: Prose
    year: int = Field(ge=1900, le=2100)
    official_url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = Field(
        description="Required for legislation; null for a guidance or policy document whose address "
        "could not be confirmed."
    )
    status: InstrumentStatus
    status_note: Prose | None = None
    provisions: list[Provision] = Field(
        default_factory=list,
        description="At least one for legislation; a guidance or policy document may be cited as a whole.",
    )

    def nations_of(self, provision: Provision) -> list[Nation]:
        """Where a provision applies: its own list if it has one, else the instrument's."""
        return provision.nations if provision.nations is not None else self.nations

    def provision(self, number: str) -> Provision | None:
        """The provision with this number (spacing and letter case aside), or None."""
        wanted = provision_key(number)
        for provision in self.provisions:
            if provision_key(provision.number) == wanted:
                return provision
        return None


def provision_key(number: str) -> str:
    """A provision number in the form references compare: `Article  66` and `article 66` agree."""
    return " ".join(number.split()).lower()


def provision_label(provision: Provision) -> str:
    """A provision as it reads after its instrument has been named: 's 42', 'reg 3', 'Article 66'."""
    number = provision.number
    if provision.unit in (ProvisionUnit.SECTION, ProvisionUnit.SUBSECTION):
        return _("s {number}", number=number)
    if provision.unit is ProvisionUnit.REGULATION:
        return _("reg {number}", number=number)
    if provision.unit is ProvisionUnit.PARAGRAPH:
        return _("para {number}", number=number)
    if provision.unit is ProvisionUnit.CHAPTER:
        return _("chapter {number}", number=number)
    # Articles and schedule paragraphs carry their unit in their number ('Article 66').
    return str(number)


def law_label(instrument: Instrument, provision: Provision) -> str:
    """How a cited provision reads in running text: 'Care Act 2014, s 42'."""
    name = instrument.short_title or instrument.title
    return _("{instrument}, {provision}", instrument=name, provision=provision_label(provision))


# --- cases -------------------------------------------------------------------------------------


class Setting(_Model):
    """Where the case happens and who stands at its centre."""

    service: ServiceType
    jurisdiction: Jurisdiction
    role: Line = Field(description="The practitioner's role, e.g. 'social worker in a community team'.")
    experience: Experience


class Tension(_Model):
    """The conflict at the heart of a case, stated from both sides."""

    agency_asks: Prose
    codes_ask: Prose
    people_affected: list[Line] = Field(min_length=1)


class CitedClause(_Model):
    """A clause that bears on a case, with why."""

    ref: Annotated[ClauseRef, METADATA]
    rationale: Line


class InstructorNotes(_Model):
    """Guidance for the person running a session; shown only in the lecturer edition."""

    how_to_run: Prose
    likely_responses: Prose
    what_the_codes_say: Prose
    pitfalls: Prose


class CitedProvision(_Model):
    """A provision of law that bears on a case, with what it does there."""

    ref: Annotated[LawRef, METADATA]
    rationale: Line


class CaseLaw(_Model):
    """The law of the case's nation: what applies, what it settles, and where discretion begins."""

    provisions: list[CitedProvision] = Field(
        min_length=2, description="Duties and powers that apply, cited as 'instrument-id:number'."
    )
    settles: Prose = Field(description="What the law already decides, so it is not an ethical question.")
    discretion: Prose = Field(description="Where the law leaves room for judgement: the ethical question.")


class ContentNote(_Model):
    """A warning shown before the case, with the topics it concerns."""

    topics: list[SensitiveTopic] = Field(min_length=1)
    note: Prose


class SupervisionPreparation(_Model):
    """How a newly qualified social worker can use the case: the PCF domains it helps them reflect on,
    and questions to take to supervision. Working a fictional case is reflection, not practice evidence."""

    pcf: Annotated[list[ClauseRef], METADATA] = Field(min_length=1, description="PCF domains, e.g. 'pcf:6'.")
    prompts: list[Line] = Field(min_length=3, description="Questions to prepare before supervision.")


class Provenance(_Model):
    """Where the case comes from. Kept as metadata, never in the narrative."""

    kind: SourceKind
    publication: Line | None = None
    article_title: Line | None = None
    year: int | None = Field(default=None, ge=1990, le=2100)
    draws_on: list[Line] = Field(default_factory=list, description="The situations in the source used.")


# --- self-checks -------------------------------------------------------------------------------
# A self-check is formative: a student answers alone, sees at once why each option is right or wrong and
# which clause or provision that rests on, and nothing is marked or sent anywhere. The questions live with
# what they test: a case's in its own file (`self_check:`), a chapter's in book/self-checks.yml keyed by
# page, as the chapters' reading lists are. Every option carries its own feedback and citations, so the
# book, the Jupyter widget and paper all give the same reasons; structural rules that span fields (one
# correct option, 'True' and 'False', a model answer for a short answer) are the checker's, so they are
# reported with a problem code and a hint.


class QuestionKind(StrEnum):
    """How a self-check question is answered."""

    MULTIPLE_CHOICE = "multiple-choice"
    TRUE_FALSE = "true-false"
    SHORT_ANSWER = "short-answer"


class AnswerOption(_Model):
    """One answer a student can pick, whether it is right, and why, with what it rests on."""

    text: Line
    correct: bool
    feedback: Annotated[Prose, StringConstraints(max_length=900)] = Field(
        description="Why this option is right or wrong, in the kit's own words."
    )
    cites: Annotated[list[ClauseRef], METADATA] = Field(
        default_factory=list, description="Clauses, e.g. 'swe-2019:3.1'."
    )
    law: Annotated[list[LawRef], METADATA] = Field(
        default_factory=list, description="Provisions, e.g. 'care-act-2014:42'."
    )


class Question(_Model):
    """One formative question: multiple choice, true or false, or a short answer to compare with a model."""

    id: Annotated[Slug, METADATA] = Field(
        description="Unique within its self-check; answers are kept on the device under it."
    )
    kind: QuestionKind
    prompt: Line
    multiple: bool = Field(
        default=False, description="A multiple-choice question with more than one right option."
    )
    options: list[AnswerOption] = Field(default_factory=list, max_length=6)
    model_answer: Annotated[Prose, StringConstraints(max_length=1500)] | None = Field(
        default=None, description="Short answer only: what a good answer says."
    )
    look_for: list[Line] = Field(
        default_factory=list, max_length=6, description="Short answer only: the points to look for."
    )
    cites: Annotated[list[ClauseRef], METADATA] = Field(
        default_factory=list, description="Short answer only: clauses it rests on."
    )
    law: Annotated[list[LawRef], METADATA] = Field(
        default_factory=list, description="Short answer only: provisions it rests on."
    )


class SelfCheck(_Model):
    """Three to eight questions that test understanding of the codes, the law and the reasoning."""

    questions: list[Question] = Field(min_length=3, max_length=8)


class Case(_Model):
    """An anonymised practice scenario in which the agency's demand and the codes pull apart."""

    id: Annotated[Slug, METADATA] = Field(description="Equals the file name without '.yml'.")
    title: Line
    summary: Prose
    setting: Setting
    perspective: NarrativeVoice
    narrative: Prose
    tension: Tension
    clauses: list[CitedClause] = Field(min_length=3)
    themes: Annotated[list[Theme], METADATA] = Field(min_length=1)
    questions: list[Line] = Field(min_length=4)
    objectives: list[Line] = Field(min_length=1)
    key_points: list[Line] = Field(min_length=1)
    law: CaseLaw = Field(description="Law and duties: the provisions of the case's nation that apply.")
    instructor_notes: InstructorNotes
    supervision: SupervisionPreparation
    duration_minutes: int = Field(ge=10, le=180, description="Suggested time to discuss the case.")
    content_note: ContentNote | None = None
    pseudonyms: Annotated[list[Line], METADATA] = Field(
        default_factory=list, description="Invented names used in the narrative."
    )
    telling_details: list[Line] = Field(
        default_factory=list,
        description=(
            "Phrases from the case that would let a reader recognise its people (an age, an illness, an "
            "event). Required when a seminar teaches the case with another: the checker makes sure no "
            "other case taught with it uses them."
        ),
    )
    retells: Annotated[Slug | None, METADATA] = Field(
        default=None,
        description=(
            "The id of a case whose events this case tells again from another person's side: the names and "
            "telling details the two share are the same people and the same events."
        ),
    )
    provenance: Annotated[Provenance, METADATA]
    anonymisation: list[Line] = Field(min_length=1, description="What was changed to prevent recognition.")
    self_check: SelfCheck | None = Field(
        default=None, description="Formative questions on the codes and law of the case, with reasons."
    )


# --- dilemmas ----------------------------------------------------------------------------------


class Lean(int, Enum):
    """How far a choice pulls towards (+) or away from (-) one side. Drawn, never scored."""

    STRONGLY_AGAINST = -2
    AGAINST = -1
    NEUTRAL = 0
    TOWARDS = 1
    STRONGLY_TOWARDS = 2

    @property
    def label(self) -> str:
        """How the lean reads beside a side's view of a choice: 'strongly against'."""
        return lean_labels()[self]

    @property
    def signed(self) -> str:
        """The lean as a signed number, as every output writes it beside its words: '+1', '0', '-2'."""
        return f"{int(self):+d}" if self else "0"


def lean_labels() -> dict[Lean, str]:
    """Each lean's words, in the language being written: one wording for every output."""
    return {
        Lean.STRONGLY_AGAINST: _("strongly against"),
        Lean.AGAINST: _("against"),
        Lean.NEUTRAL: _("neutral"),
        Lean.TOWARDS: _("for"),
        Lean.STRONGLY_TOWARDS: _("strongly for"),
    }


def perspective_names() -> dict[str, str]:
    """The three sides a choice is seen from, by the field of `Perspectives` that holds each view, with
    their names in the language being written: one wording for every output."""
    return {"agency": _("The agency"), "profession": _("The profession"), "person": _("The person served")}


class LawRelation(StrEnum):
    """How a choice or ending stands to a provision of law."""

    HONOURS = "honours"
    STRAINS = "strains"
    UNLAWFUL = "unlawful"


class LawCitation(_Model):
    """A provision a choice or ending bears on, and how."""

    ref: Annotated[LawRef, METADATA]
    relation: LawRelation


class PerspectiveView(_Model):
    """What a choice means from one side."""

    text: Line
    lean: Lean


class Perspectives(_Model):
    """The three sides every choice is seen from."""

    agency: PerspectiveView
    profession: PerspectiveView
    person: PerspectiveView


class Choice(_Model):
    """An option at a decision point."""

    id: Annotated[Slug, METADATA]
    label: Line
    leads_to: Annotated[Slug, METADATA]
    consequence: Prose
    perspectives: Perspectives
    honours: Annotated[list[ClauseRef], METADATA] = Field(default_factory=list)
    strains: Annotated[list[ClauseRef], METADATA] = Field(default_factory=list)
    law: list[LawCitation] = Field(
        default_factory=list, description="Provisions the choice honours, strains or would break."
    )
    themes: Annotated[list[Theme], METADATA] = Field(default_factory=list)
    escalation: Escalation | None = None
    when: Annotated[list[Slug], METADATA] = Field(
        default_factory=list,
        description="Offered only if every choice listed here was made earlier.",
    )
    facilitator_note: Prose | None = None


class Node(_Model):
    """A decision point: the situation and the choices open to the learner."""

    id: Annotated[Slug, METADATA]
    situation: Prose
    prompt: Line | None = None
    choices: list[Choice] = Field(default_factory=list)
    facilitator_note: Prose | None = Field(
        default=None, description="Lecturer edition: what the decision tests."
    )
    pause_before: Prose | None = Field(
        default=None,
        description=(
            "For a dilemma's hardest material: what the reader is about to meet. The player, the notebook "
            "widget and the handout pause before this decision and offer to stop there, with support lines."
        ),
    )


class Ending(_Model):
    """Where a path through a dilemma ends, with a debrief that explains without shaming."""

    id: Annotated[Slug, METADATA]
    title: Line
    debrief: Prose
    clauses: Annotated[list[ClauseRef], METADATA] = Field(default_factory=list)
    law: list[LawCitation] = Field(default_factory=list)
    reflection_prompt: Line
    self_care: Prose | None = None


class Dilemma(_Model):
    """A branching rehearsal of a case's conflict."""

    id: Annotated[Slug, METADATA]
    case: Annotated[Slug, METADATA]
    title: Line
    summary: Prose
    start: Annotated[Slug, METADATA]
    nodes: list[Node] = Field(min_length=1)
    endings: list[Ending] = Field(min_length=1)


# --- seminar plans -----------------------------------------------------------------------------


class Audience(StrEnum):
    """Who a seminar plan is written for."""

    QUALIFYING_YEAR_1 = "qualifying-year-1"
    QUALIFYING_YEAR_2 = "qualifying-year-2"
    QUALIFYING_YEAR_3 = "qualifying-year-3"
    POSTGRADUATE = "postgraduate"
    ASYE = "asye"

    @property
    def label(self) -> str:
        """The audience as a reader sees it."""
        return audience_labels()[self]


def audience_labels() -> dict[Audience, str]:
    """Each audience's name, in the language being written."""
    return {
        Audience.QUALIFYING_YEAR_1: _("Qualifying degree, year 1"),
        Audience.QUALIFYING_YEAR_2: _("Qualifying degree, year 2"),
        Audience.QUALIFYING_YEAR_3: _("Qualifying degree, year 3"),
        Audience.POSTGRADUATE: _("Postgraduate qualifying programme"),
        Audience.ASYE: _("Assessed and Supported Year in Employment (ASYE)"),
    }


class LearningOutcome(_Model):
    """What participants can do after the session, mapped to the PCF and the SWE standards."""

    outcome: Line = Field(description="Starts with a verb, e.g. 'Explain why ...'.")
    pcf: list[ClauseRef] = Field(min_length=1, description="PCF domains, e.g. 'pcf:6'.")
    standards: list[ClauseRef] = Field(min_length=1, description="e.g. 'swe-2019:6.2'.")


class Materials(_Model):
    """What the session uses from the kit, and anything else to bring."""

    cases: list[Slug] = Field(default_factory=list)
    dilemmas: list[Slug] = Field(default_factory=list)
    worksheet: bool = Field(default=False, description="Whether the ethical-reasoning worksheet is used.")
    other: list[Line] = Field(default_factory=list)


class ActivityKind(StrEnum):
    """Whether a step of the timeline is teaching or a break."""

    ACTIVITY = "activity"
    BREAK = "break"


class Activity(_Model):
    """One step of a session's timeline."""

    minutes: int = Field(ge=1, le=120)
    title: Line
    what_happens: Prose
    kind: ActivityKind = ActivityKind.ACTIVITY


class Variations(_Model):
    """How to run the session in other settings."""

    online: Prose
    large_group: Prose


class Inclusion(_Model):
    """How the plan works for students the default design can leave out; shown in every edition."""

    pre_reading_alternative: Prose = Field(
        description="Another way into the session for those who cannot read beforehand."
    )
    without_placement: Prose = Field(
        description="For students who have no placement or practice experience yet."
    )
    english_additional_language: Prose = Field(
        description="For students with English as an additional language."
    )
    neurodivergent: Prose = Field(description="For neurodivergent students.")


class ExpertByExperience(_Model):
    """Where someone with lived experience of services contributes, and how to arrange it fairly."""

    during: Line = Field(description="The title of the timeline activity the contribution belongs to.")
    contribution: Prose
    arranging: Prose = Field(description="Invitation, preparation, payment and support afterwards.")
    if_unavailable: Prose


BibKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_:.-]*$", max_length=80)]
"""The key of an entry in the book's bibliography, book/references.bib."""


class Reading(_Model):
    """One item of a reading list: a bibliography entry and why it is on the list."""

    key: BibKey
    why: Line


class ReadingList(_Model):
    """What to read for a session: essential items first, further ones for those who want more."""

    essential: list[Reading] = Field(min_length=1, max_length=4)
    further: list[Reading] = Field(default_factory=list, max_length=8)


DocName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$")]
"""A page of the book as Sphinx names it: its path from the kit's root without '.md', e.g. 'book/voices'."""


class ChapterReading(_Model):
    """Reading lists for the book's chapters, by page, e.g. 'book/first-loyalty'."""

    chapters: dict[DocName, ReadingList] = Field(min_length=1)


class ChapterSelfChecks(_Model):
    """Self-checks for the book's chapters, by page, e.g. 'book/first-loyalty'. A chapter is not set in
    one nation, so a question citing law names the nation in its prompt."""

    chapters: dict[DocName, SelfCheck] = Field(min_length=1)


# Marks are banded the way UK degree marking is: classification bands at Levels 5 and 6, where a
# pass starts at 40, and the masters bands at Level 7, where a pass starts at 50. Markers, external
# examiners and students already read work against these bands, so a rubric in them fits a module
# handbook without translation.


class Band(StrEnum):
    """A marking band; which bands apply depends on the FHEQ level."""

    FIRST = "first"
    UPPER_SECOND = "upper-second"
    LOWER_SECOND = "lower-second"
    THIRD = "third"
    DISTINCTION = "distinction"
    MERIT = "merit"
    PASS = "pass"
    FAIL = "fail"


FheqLevel = Literal[5, 6, 7]

BANDS: dict[int, dict[Band, tuple[str, int, int]]] = {
    level: {
        Band.FIRST: ("First (70 and above)", 70, 100),
        Band.UPPER_SECOND: ("Upper second (60\N{EN DASH}69)", 60, 69),
        Band.LOWER_SECOND: ("Lower second (50\N{EN DASH}59)", 50, 59),
        Band.THIRD: ("Third (40\N{EN DASH}49)", 40, 49),
        Band.FAIL: ("Fail (below 40)", 0, 39),
    }
    for level in (5, 6)
} | {
    7: {
        Band.DISTINCTION: ("Distinction (70 and above)", 70, 100),
        Band.MERIT: ("Merit (60\N{EN DASH}69)", 60, 69),
        Band.PASS: ("Pass (50\N{EN DASH}59)", 50, 59),
        Band.FAIL: ("Fail (below 50)", 0, 49),
    }
}
"""Each level's bands, best first, with the label a reader sees and the marks each covers.

The label here is the English one, for the checker's messages; outputs show `band_label`."""


def band_label(level: int, band: Band) -> str:
    """A band's heading as a reader sees it, with the marks it covers: 'Upper second (60 to 69)'."""
    _label, low, high = BANDS[level][band]
    labels = {
        Band.FIRST: _("First ({low} and above)", low=low),
        Band.UPPER_SECOND: _("Upper second ({low}\N{EN DASH}{high})", low=low, high=high),
        Band.LOWER_SECOND: _("Lower second ({low}\N{EN DASH}{high})", low=low, high=high),
        Band.THIRD: _("Third ({low}\N{EN DASH}{high})", low=low, high=high),
        Band.DISTINCTION: _("Distinction ({low} and above)", low=low),
        Band.MERIT: _("Merit ({low}\N{EN DASH}{high})", low=low, high=high),
        Band.PASS: _("Pass ({low}\N{EN DASH}{high})", low=low, high=high),
        Band.FAIL: _("Fail (below {low})", low=high + 1),
    }
    return labels[band]


def band_in_sentence(band: Band) -> str:
    """A band's name inside a sentence: 'marked 65 (upper second)'."""
    names = {
        Band.FIRST: _("first"),
        Band.UPPER_SECOND: _("upper second"),
        Band.LOWER_SECOND: _("lower second"),
        Band.THIRD: _("third"),
        Band.DISTINCTION: _("distinction"),
        Band.MERIT: _("merit"),
        Band.PASS: _("pass"),
        Band.FAIL: _("fail"),
    }
    return names[band]


Descriptor = Annotated[Prose, StringConstraints(max_length=400)]


class UndergraduateBands(_Model):
    """What work in each classification band does for one criterion (Levels 5 and 6)."""

    first: Descriptor
    upper_second: Descriptor = Field(alias="upper-second")
    lower_second: Descriptor = Field(alias="lower-second")
    third: Descriptor
    fail: Descriptor

    def by_band(self) -> dict[Band, str]:
        """The descriptors in band order, best first."""
        return {
            Band.FIRST: self.first,
            Band.UPPER_SECOND: self.upper_second,
            Band.LOWER_SECOND: self.lower_second,
            Band.THIRD: self.third,
            Band.FAIL: self.fail,
        }


class MastersBands(_Model):
    """What work in each masters band does for one criterion (Level 7)."""

    distinction: Descriptor
    merit: Descriptor
    pass_: Descriptor = Field(alias="pass")
    fail: Descriptor

    def by_band(self) -> dict[Band, str]:
        """The descriptors in band order, best first."""
        return {
            Band.DISTINCTION: self.distinction,
            Band.MERIT: self.merit,
            Band.PASS: self.pass_,
            Band.FAIL: self.fail,
        }


class Aspect(StrEnum):
    """What a criterion assesses; every rubric must assess the codes, the law and reflection."""

    TASK = "task"
    CODES = "codes"
    LAW = "law"
    REFLECTION = "reflection"
    COMMUNICATION = "communication"


class Criterion(_Model):
    """One row of a rubric, described at each FHEQ level and in each of that level's bands."""

    criterion: Line = Field(description="What is assessed, e.g. 'Use of the professional standards'.")
    aspect: Aspect
    weight: int = Field(ge=5, le=60, description="Per cent of the mark; a rubric's weights add up to 100.")
    level_5: UndergraduateBands
    level_6: UndergraduateBands
    level_7: MastersBands

    def at(self, level: int) -> dict[Band, str]:
        """The descriptors at one FHEQ level, best band first."""
        if level == 7:
            return self.level_7.by_band()
        return (self.level_5 if level == 5 else self.level_6).by_band()


class MarkerComment(_Model):
    """A marker's comment on one criterion of an exemplar."""

    criterion: Line = Field(description="The rubric criterion the comment is about, exactly as named there.")
    comment: Prose


class Exemplar(_Model):
    """A model answer to the follow-up task at one level, marked as a marker would mark it."""

    level: FheqLevel
    band: Band
    mark: int = Field(ge=0, le=100)
    answer: Prose
    cites: list[ClauseRef] = Field(min_length=1, description="Every clause the answer cites by number.")
    comments: list[MarkerComment] = Field(min_length=1)
    feedforward: Prose = Field(description="What the writer should do next time.")


class Assessment(_Model):
    """How the follow-up task is marked: a rubric at FHEQ Levels 5, 6 and 7, and marked exemplars."""

    rubric: list[Criterion] = Field(min_length=3, max_length=6)
    exemplars: list[Exemplar] = Field(min_length=1)


class Seminar(_Model):
    """A plan for one taught session built from the kit's cases, dilemmas and worksheet."""

    id: Slug = Field(description="Equals the file name without '.yml'.")
    title: Line
    summary: Prose
    audience: list[Audience] = Field(min_length=1)
    duration_minutes: Literal[50, 90, 120] = Field(
        description="50, 90 or 120; the timeline's minutes must add up to it."
    )
    learning_outcomes: list[LearningOutcome] = Field(min_length=2)
    preparation: Prose = Field(description="What students do before the session.")
    materials: Materials
    timeline: list[Activity] = Field(min_length=3)
    ground_rules: list[Line] = Field(min_length=3)
    care: Prose = Field(description="Care arrangements for distressing material.")
    follow_up: Prose = Field(description="A follow-up or assessment task.")
    facilitation_notes: Prose = Field(description="Shown only in the lecturer edition.")
    debrief: Prose = Field(description="How to close the session; lecturer edition only.")
    variations: Variations = Field(description="Lecturer edition only.")
    inclusion: Inclusion
    expert_by_experience: ExpertByExperience = Field(description="Lecturer edition only.")
    reading: ReadingList
    assessment: Assessment = Field(
        description="The follow-up task's rubric (every edition) and exemplars (lecturer edition only)."
    )
