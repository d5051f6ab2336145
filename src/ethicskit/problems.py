"""Content problems as data: every check reports `Problem` records and never raises for bad content."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .words import _


class ProblemCode(StrEnum):
    """Every kind of content problem the checker can report, with the hint shown once per kind."""

    YAML_SYNTAX = "yaml-syntax"
    DUPLICATE_KEY = "duplicate-key"
    EMPTY_FILE = "empty-file"
    MISSING_FIELD = "missing-field"
    UNKNOWN_FIELD = "unknown-field"
    WRONG_TYPE = "wrong-type"
    INVALID_VALUE = "invalid-value"
    EMPTY_TEXT = "empty-text"
    TEXT_TOO_LONG = "text-too-long"
    TOO_FEW = "too-few"
    HTML_IN_TEXT = "html-in-text"
    ID_MISMATCH = "id-mismatch"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_CODE = "unknown-code"
    UNKNOWN_CLAUSE = "unknown-clause"
    UNKNOWN_CASE = "unknown-case"
    TODO_LEFT = "todo-left"
    CLAUSE_PATTERN = "clause-pattern"
    DUPLICATE_CLAUSE = "duplicate-clause"
    SUCCESSOR = "successor"
    CLAUSE_COUNT = "clause-count"
    CITED_CODES = "cited-codes"
    THEME_UNCOVERED = "theme-uncovered"
    UNKNOWN_TARGET = "unknown-target"
    UNREACHABLE = "unreachable"
    DEAD_END = "dead-end"
    ENDLESS_LOOP = "endless-loop"
    WHEN_ORDER = "when-order"
    UNCITED = "uncited"
    IDENTIFIER = "identifier"
    EXACT_DATE = "exact-date"
    NAMED_PERSON = "named-person"
    UNDECLARED_NAME = "undeclared-name"
    COPIED_TEXT = "copied-text"
    UNKNOWN_DILEMMA = "unknown-dilemma"
    TIMING = "timing"
    WRONG_CODE = "wrong-code"
    YAML_TAB = "yaml-tab"
    UNCLOSED_QUOTE = "unclosed-quote"
    UNCLOSED_BRACKET = "unclosed-bracket"
    ENCODING = "encoding"
    YAML_ALIAS = "yaml-alias"
    UNSAFE_TAG = "unsafe-tag"
    TOO_DEEP = "too-deep"
    FILE_TOO_LARGE = "file-too-large"
    UNQUOTED_VALUE = "unquoted-value"
    DUPLICATE_NODE = "duplicate-node"
    UNSAFE_LINK = "unsafe-link"
    SYMLINK = "symlink"
    STRAY_FILE = "stray-file"
    IGNORED_FILE = "ignored-file"
    UNREADABLE = "unreadable"
    UNKNOWN_LAW = "unknown-law"
    UNKNOWN_PROVISION = "unknown-provision"
    PROVISION_NUMBER = "provision-number"
    DUPLICATE_PROVISION = "duplicate-provision"
    VERIFICATION = "verification"
    OFFICIAL_URL = "official-url"
    WRONG_NATION = "wrong-nation"
    CITED_LAW = "cited-law"
    DILEMMA_LAW = "dilemma-law"
    UNLAWFUL_UNSAID = "unlawful-unsaid"
    NO_BREAK = "no-break"
    UNKNOWN_ACTIVITY = "unknown-activity"
    RUBRIC = "rubric"
    EXEMPLAR = "exemplar"
    UNKNOWN_REFERENCE = "unknown-reference"
    READING_LIST = "reading-list"
    BIBLIOGRAPHY = "bibliography"
    UNKNOWN_CHAPTER = "unknown-chapter"
    WHOLE_CODE = "whole-code"
    COVERAGE = "coverage"
    UNKNOWN_SOURCE = "unknown-source"
    ONE_SIDED = "one-sided"
    NO_CONTENT_NOTE = "no-content-note"
    PSEUDONYM_REUSED = "pseudonym-reused"
    TELLING_DETAIL = "telling-detail"
    SHARED_DETAIL = "shared-detail"
    DILEMMA_SHAPE = "dilemma-shape"
    FACILITATOR_NOTE = "facilitator-note"
    SELF_CHECK = "self-check"
    SELF_CHECK_UNCITED = "self-check-uncited"
    MISSING_SELF_CHECK = "missing-self-check"
    UNKNOWN_FRAMEWORK_ITEM = "unknown-framework-item"
    CURRICULUM_MAP = "curriculum-map"
    UNVERIFIED_ITEM = "unverified-item"
    CHAPTER_STRUCTURE = "chapter-structure"
    NATION_UNCOVERED = "nation-uncovered"
    TRANSLATION_STRUCTURE = "translation-structure"
    TRANSLATION_ORPHAN = "translation-orphan"
    TRANSLATION_REVIEW = "translation-review"
    UNTRANSLATED = "untranslated"
    TRANSLATION_OUTDATED = "translation-outdated"

    @property
    def hint(self) -> str:
        """How to fix this kind of problem, in one sentence."""
        hints = _hints()
        return hints[self] if self in hints else _translation_hints()[self]


def _hints() -> dict[ProblemCode, str]:
    """Every kind's hint in the current language: looked up each time a report is written."""
    return {
        ProblemCode.YAML_SYNTAX: _(
            "Check the indentation near the line shown, and put text that contains ': ' or starts "
            "with a quote inside a block ('key: >-' on its own line, the text indented below)."
        ),
        ProblemCode.DUPLICATE_KEY: _("A key may appear once in each mapping; merge or rename the repeats."),
        ProblemCode.EMPTY_FILE: _("Start from a template: 'ethicskit new case SLUG' writes a complete one."),
        ProblemCode.MISSING_FIELD: _(
            "Add the field; 'ethicskit new case SLUG' writes a template listing every field."
        ),
        ProblemCode.UNKNOWN_FIELD: _(
            "Fix the spelling or remove the field; 'ethicskit schema' writes JSON Schemas so your "
            "editor can autocomplete field names."
        ),
        ProblemCode.WRONG_TYPE: _("Give the value the shape the field expects: text, a list or a mapping."),
        ProblemCode.INVALID_VALUE: _("Use one of the allowed values listed in the message."),
        ProblemCode.EMPTY_TEXT: _("Write the text, or remove the field if it is optional."),
        ProblemCode.TEXT_TOO_LONG: _("Shorten the text to the limit given in the message."),
        ProblemCode.TOO_FEW: _("Add items until the field has the number the message asks for."),
        ProblemCode.HTML_IN_TEXT: _(
            "Write plain text: the kit renders and escapes every field itself, so remove the tags."
        ),
        ProblemCode.ID_MISMATCH: _("Make 'id' equal the file name without '.yml', or rename the file."),
        ProblemCode.DUPLICATE_ID: _("Give each file its own id; ids must be unique within a folder."),
        ProblemCode.UNKNOWN_CODE: _(
            "Write clause references as 'code-id:clause-id'; list the codes with 'ethicskit clauses'."
        ),
        ProblemCode.UNKNOWN_CLAUSE: _(
            "Use the issuer's own clause number; list a code's clauses with 'ethicskit clauses CODE-ID'."
        ),
        ProblemCode.UNKNOWN_CASE: _("Name a case by its id, the file name under cases/ without '.yml'."),
        ProblemCode.TODO_LEFT: _("Replace every 'TODO:' placeholder from the template with your own text."),
        ProblemCode.CLAUSE_PATTERN: _(
            "Number clauses exactly as the issuer does; 'clause_pattern' states that numbering."
        ),
        ProblemCode.DUPLICATE_CLAUSE: _("Each clause id may appear once in a code."),
        ProblemCode.SUCCESSOR: _(
            "A superseded code names the digest that replaced it in 'superseded_by' (or, if the kit has "
            "none, describes it in 'successor') and gives the date in 'superseded_on'; a current code has "
            "none."
        ),
        ProblemCode.CLAUSE_COUNT: _(
            "Every clause the issuer's section has must be listed; add the missing ones (mark them "
            "'verified: false' with a reason if you could not read their wording) or correct 'clause_count'."
        ),
        ProblemCode.CITED_CODES: _(
            "Cite clauses from at least two codes, one of them the code that binds social workers in "
            "the case's jurisdiction (as a whole, e.g. 'niscc', if the kit digests only the document); "
            "list the codes and their clauses with 'ethicskit clauses'."
        ),
        ProblemCode.THEME_UNCOVERED: _(
            "Tag at least one clause of a current code with the theme, or the comparison page "
            "would show an empty row."
        ),
        ProblemCode.UNKNOWN_TARGET: _("Point 'leads_to' at the id of a node or an ending in this dilemma."),
        ProblemCode.UNREACHABLE: _("Add a choice that leads to it, or remove it."),
        ProblemCode.DEAD_END: _("Give the node a choice that is always offered, or turn it into an ending."),
        ProblemCode.ENDLESS_LOOP: _("Give every loop a choice that leads on towards an ending."),
        ProblemCode.WHEN_ORDER: _(
            "A 'when' can only name a choice that comes earlier on some path to this node."
        ),
        ProblemCode.UNCITED: _(
            "Cite at least one clause ('honours' or 'strains' on choices, 'clauses' on endings)."
        ),
        ProblemCode.IDENTIFIER: _(
            "Remove contact details and reference numbers: cases must not identify anyone or anywhere."
        ),
        ProblemCode.EXACT_DATE: _(
            "Replace exact dates with relative ones ('last spring', 'three weeks later')."
        ),
        ProblemCode.NAMED_PERSON: _(
            "Use an invented name and list it under 'pseudonyms', or refer to the person by role."
        ),
        ProblemCode.UNDECLARED_NAME: _(
            "If the name is invented, list it under 'pseudonyms'; if it is real, replace it with an "
            "invented one or a description ('a large city', 'the council')."
        ),
        ProblemCode.COPIED_TEXT: _(
            "Rewrite the passage in your own words: no run of eight words may match a registered source."
        ),
        ProblemCode.UNKNOWN_DILEMMA: _(
            "Name a dilemma by its id, the file name under exercises/dilemmas/ without '.yml'."
        ),
        ProblemCode.TIMING: _(
            "Change the activities' minutes (or 'duration_minutes') so the timeline fills the session "
            "exactly."
        ),
        ProblemCode.WRONG_CODE: _(
            "Map to the code the field names: PCF domains under 'pcf' ('pcf:6'), and the regulator's "
            "current standards under 'standards' (for England 'swe-2019:6.2', for Scotland 'sssc:3.3')."
        ),
        ProblemCode.YAML_TAB: _(
            "Replace the tabs at the start of the line with spaces (two per level); set your editor to "
            "insert spaces when you press Tab."
        ),
        ProblemCode.UNCLOSED_QUOTE: _(
            "Close the quote on the same line, or drop the quotes and put long text in a block "
            "('key: >-' on its own line, the text indented below)."
        ),
        ProblemCode.UNCLOSED_BRACKET: _(
            "Close the bracket on the same line ('[' with ']', '{' with '}'), or write a list one item "
            "per line, each starting with '- '."
        ),
        ProblemCode.ENCODING: _(
            "Save the file as UTF-8 (in most editors: 'Save with encoding' or 'Save as', then UTF-8), "
            "and retype any character the message names."
        ),
        ProblemCode.YAML_ALIAS: _(
            "Write the repeated text out in full: anchors (&name) and aliases (*name) are not allowed, "
            "so that no file can expand into far more than it shows."
        ),
        ProblemCode.UNSAFE_TAG: _(
            "Remove the tag (the word starting with '!'): content files hold only text, numbers, "
            "true/false, lists and mappings."
        ),
        ProblemCode.TOO_DEEP: _(
            "Content never needs more than a few levels of indentation; check for stray brackets or "
            "an indentation that keeps growing."
        ),
        ProblemCode.FILE_TOO_LARGE: _(
            "A content file may be at most 1 MiB; split it, or check that nothing was pasted into it by "
            "mistake."
        ),
        ProblemCode.UNQUOTED_VALUE: _(
            "Put the value in quotes: unquoted, YAML reads no/yes/on/off as true or false, 1.10 as the "
            'number 1.1 and 2024-05-01 as a date; "no", "1.10" and "2024-05-01" stay text.'
        ),
        ProblemCode.DUPLICATE_NODE: _(
            "Give every node, choice and ending of a dilemma its own id; 'start', 'leads_to' and 'when' "
            "name them, so each id may appear once in the file."
        ),
        ProblemCode.UNSAFE_LINK: _(
            "Link only to http://, https:// or mailto: addresses, or write the text without a link; "
            "javascript:, data: and vbscript: targets are refused."
        ),
        ProblemCode.SYMLINK: _(
            "Replace the link with the file itself: the kit reads only real files inside the kit, the "
            "files git publishes, so a fresh clone builds the same site."
        ),
        ProblemCode.STRAY_FILE: _(
            "Move the file into its content folder (cases/, exercises/dilemmas/, exercises/seminars/, law/ "
            "or codes_of_practice/) with a '.yml' ending, or delete it; the kit reads no other YAML there."
        ),
        ProblemCode.UNREADABLE: _("Check that the file exists and that you may read it."),
        ProblemCode.UNKNOWN_LAW: _(
            "Write provision references as 'instrument-id:number', e.g. 'care-act-2014:42'; the instrument "
            "ids are the file names under law/; list them with 'ethicskit law'."
        ),
        ProblemCode.UNKNOWN_PROVISION: _(
            "Cite a provision the digest lists, numbered as the instrument numbers it; list them with "
            "'ethicskit law INSTRUMENT-ID', or add the provision to the digest after reading its text."
        ),
        ProblemCode.PROVISION_NUMBER: _(
            "Number the provision exactly as legislation.gov.uk prints it for its unit: section '42', "
            "subsection '42(1)', article 'Article 66', regulation '5', 'Schedule 1 paragraph 2'."
        ),
        ProblemCode.NO_CONTENT_NOTE: _(
            "Give the case a 'content_note' (its 'topics' and a sentence on what the reader will meet); the "
            "case's dilemmas show it too, with the support lines. Reword instead if the text does not in "
            "fact describe death, suicide, self-harm, abuse or violence."
        ),
        ProblemCode.DUPLICATE_PROVISION: _("Each provision may appear once in a digest; merge the repeats."),
        ProblemCode.VERIFICATION: _(
            "Give each provision either 'verified' (what you read it against, and when) or 'unverified' "
            "(why its text could not be read), never both and never neither."
        ),
        ProblemCode.OFFICIAL_URL: _(
            "Link legislation to its page on https://www.legislation.gov.uk/, the official home of UK "
            "statutes."
        ),
        ProblemCode.WRONG_NATION: _(
            "Cite the law of the nation the case is set in (its 'setting.jurisdiction'); an instrument's "
            "'nations' lists where it applies. Find the nation's counterpart provision."
        ),
        ProblemCode.CITED_LAW: _(
            "Cite at least two provisions of the case's nation under 'law.provisions': the duties and powers "
            "that apply to the situation."
        ),
        ProblemCode.DILEMMA_LAW: _(
            "Cite at least two provisions of the case's nation on the dilemma's choices or endings ('law:' "
            "with honours, strains or unlawful), where the law bears on what is chosen."
        ),
        ProblemCode.UNLAWFUL_UNSAID: _(
            "A choice or ending marked 'unlawful' must say so to the learner: write 'unlawful' (and why) in "
            "the choice's consequence or the ending's debrief."
        ),
        ProblemCode.NO_BREAK: _(
            "Give a session longer than 90 minutes a break of at least 10 minutes between two activities "
            "('kind: break'), taking the time from the activities around it."
        ),
        ProblemCode.UNKNOWN_ACTIVITY: _(
            "Copy the title of the timeline activity the expert by experience contributes to into 'during'."
        ),
        ProblemCode.RUBRIC: _(
            "Give the rubric one criterion each for the codes, the law and reflection ('aspect'), with "
            "weights adding up to 100; 'ethicskit new seminar SLUG' writes a complete example."
        ),
        ProblemCode.EXEMPLAR: _(
            "Use a band of the exemplar's level (5 and 6: first to fail; 7: distinction to fail), a mark "
            "inside that band, and one marker's comment for each criterion, named as in the rubric."
        ),
        ProblemCode.UNKNOWN_REFERENCE: _(
            "Name an entry of book/references.bib by its key (the word after '@book{'); add the entry "
            "there first if it is new, with its ISBN or DOI."
        ),
        ProblemCode.READING_LIST: _("List each reference once, under 'essential' or under 'further'."),
        ProblemCode.UNKNOWN_CHAPTER: _(
            "Name a chapter by its path from the kit's root without '.md', e.g. 'book/first-loyalty'."
        ),
        ProblemCode.BIBLIOGRAPHY: _(
            "Fix the BibTeX near the entry named in the message: every entry needs a unique key and "
            "balanced braces."
        ),
        ProblemCode.WHOLE_CODE: _(
            "Cite a code as a whole ('niscc') only when its digest covers the document alone "
            "('coverage: document'); otherwise cite a clause, 'code-id:clause-id'."
        ),
        ProblemCode.COVERAGE: _(
            "A clause-by-clause digest lists its 'sections' and gives a 'clause_pattern'; a digest with "
            "'coverage: document' lists no sections and describes the document under 'structure'."
        ),
        ProblemCode.UNKNOWN_SOURCE: _(
            "Name in 'verified_against' the id of a source listed under 'checked.sources', and only on a "
            "clause marked 'verified: true'."
        ),
        ProblemCode.IGNORED_FILE: _(
            "Commit the file (remove the rule in .gitignore that matches it) or move it out of the content "
            "folders: the kit is built from what git publishes."
        ),
        ProblemCode.DILEMMA_SHAPE: _(
            "Give the dilemma at least three decisions on its longest path and at least three endings, so "
            "that a learner's choices lead somewhere different; add a decision or an ending to the story."
        ),
        ProblemCode.FACILITATOR_NOTE: _(
            "Add a 'facilitator_note' to the decision: what groups tend to choose here and what to ask them, "
            "for the lecturer edition."
        ),
        ProblemCode.ONE_SIDED: _(
            "Change the story so each side's lean follows from what happens: let an option cost the "
            "person too, give the agency's request a decision where it is right, and make escalation "
            "cost something; 'ethicskit stats' shows each dilemma's figures."
        ),
        ProblemCode.SELF_CHECK: _(
            "Give a multiple-choice question three or more options with exactly one 'correct: true' (or "
            "'multiple: true' and two or more), a true-false question the options 'True' and 'False', and a "
            "short answer a 'model_answer' and 'look_for' points instead of options; ids unique."
        ),
        ProblemCode.SELF_CHECK_UNCITED: _(
            "Say what the feedback rests on: give the option (or the short answer) at least one clause in "
            "'cites' ('code-id:clause-id') or provision in 'law' ('instrument-id:number')."
        ),
        ProblemCode.MISSING_SELF_CHECK: _(
            "Add 'self_check:' with three to eight questions to the case, or the chapter's questions under "
            "'chapters' in book/self-checks.yml; the README's 'Self-checks' section shows the shape."
        ),
        ProblemCode.UNKNOWN_FRAMEWORK_ITEM: _(
            "Write framework items as 'framework-id:item-id', with an id listed under 'items' in "
            "curriculum/FRAMEWORK-ID.yml; if the item you mean is missing, add it there only after reading "
            "its wording (or mark it 'verified: false' with the reason)."
        ),
        ProblemCode.CURRICULUM_MAP: _(
            "Map a case or seminar that exists, and start 'outcome' with the opening words of one of its "
            "objectives or learning outcomes, copied exactly; if you reworded the outcome, update the map."
        ),
        ProblemCode.UNVERIFIED_ITEM: _(
            "Read the item's wording on the issuer's page, then paraphrase it and set 'verified: true'; "
            "until then the maps show it as unverified."
        ),
        ProblemCode.CHAPTER_STRUCTURE: _(
            "Open the chapter with one ':::{objectives}' box (what the reader will be able to do) and close "
            "it "
            "with one ':::{key-points}' box, with nothing after it: the key-points page collects them in "
            "order."
        ),
        ProblemCode.NATION_UNCOVERED: _(
            "Write a dilemma whose case is set in that nation, so its students rehearse their own "
            "regulator's "
            "code and their own nation's law; or remove the nation's code if the kit no longer teaches it."
        ),
        ProblemCode.PSEUDONYM_REUSED: _(
            "Choose another invented name for this case's person, and change it everywhere the case, its "
            "dilemma and any seminar or chapter about it use it."
        ),
        ProblemCode.TELLING_DETAIL: _(
            "Under 'telling_details', list short phrases copied from the case's own text that would let a "
            "reader recognise its people: an age, an illness, an event, a family circumstance."
        ),
        ProblemCode.SHARED_DETAIL: _(
            "Change the detail in one of the two cases, or teach them in different seminars, so that "
            "students "
            "do not read two composites as one story."
        ),
    }


def _translation_hints() -> dict[ProblemCode, str]:
    """The hints of the translation checks, in the language being written."""
    return {
        ProblemCode.TRANSLATION_STRUCTURE: _(
            "Translate only the text: keep every key, list item, id, 'leads_to', 'start', 'when', clause "
            "and law reference, lean, number, date and set value exactly as the English file has them "
            "(copy them from it); the README's 'Translating the kit' section shows the format."
        ),
        ProblemCode.TRANSLATION_ORPHAN: _(
            "Give the translation the path of its English file under translations/LANGUAGE/content/, or "
            "delete it if the English file was removed."
        ),
        ProblemCode.TRANSLATION_REVIEW: _(
            "List each chapter ('book/intro.md') or content file ('cases/ID.yml') once, by its path from "
            "the kit's root, with 'review: awaiting' or the date and reviewer's role of a review."
        ),
        ProblemCode.UNTRANSLATED: _(
            "Translate the text; until then the page shows it in English and says so. If it rightly stays "
            "as it is (a name, a title), record that with 'ethicskit translation stamp FILE FIELD'."
        ),
        ProblemCode.TRANSLATION_OUTDATED: _(
            "Compare the translation with the English now, update it, then record it with "
            "'ethicskit translation stamp FILE FIELD'."
        ),
    }


class Severity(StrEnum):
    """An error makes the content invalid; a warning is reported but builds and checks still pass."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as the checker can."""

    path: str
    line: int | None
    code: ProblemCode
    message: str
    severity: Severity = Severity.ERROR

    def location(self) -> str:
        """`path:line`, or just the path when no line is known."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        if self.severity is Severity.WARNING:
            return _(
                "{location}: warning: {message} [{code}]",
                location=self.location(),
                message=self.message,
                code=self.code.value,
            )
        # No words of its own: the location, the message (already in the reader's language) and the code.
        return f"{self.location()}: {self.message} [{self.code.value}]"
