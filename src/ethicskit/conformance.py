"""An accessibility conformance report (WCAG 2.1 A and AA) generated from what the browser tests saw.

The browser tests record their evidence as they run (`Evidence`): axe-core's result for every page of
both editions, by rule, and every dilemma path played to its ending by keyboard alone. When the
environment variable ETHICSKIT_EVIDENCE names a folder, the test session writes that evidence and the
report there (`write`); `ethicskit conformance` renders the report again from the saved evidence, and
the book's "Accessibility conformance" page (the `{accessibility-conformance}` directive) renders it
from the evidence file present when the book is built, or says plainly that there was none.

Nothing in the report is written by hand: each criterion's level comes from the evidence by the rules
in `judge`, and a criterion no test looks at is reported as not evaluated, never as supported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .words import _, n_

EVIDENCE_ENV = "ETHICSKIT_EVIDENCE"
EVIDENCE_FOLDER = Path("_build") / "accessibility"
"""Where, under the kit's folder, a test run is asked to leave its evidence (`ETHICSKIT_EVIDENCE=` this)."""
EVIDENCE_FILE = "accessibility-evidence.json"
REPORT_FILE = "accessibility-conformance-report.md"
MAX_EVIDENCE_BYTES = 20_000_000
"""An evidence file larger than this is refused: the book's build reads it, and it is input like any other."""

CRITERIA: tuple[tuple[str, str, str], ...] = (
    ("1.1.1", "Non-text Content", "A"),
    ("1.2.1", "Audio-only and Video-only (Prerecorded)", "A"),
    ("1.2.2", "Captions (Prerecorded)", "A"),
    ("1.2.3", "Audio Description or Media Alternative (Prerecorded)", "A"),
    ("1.2.4", "Captions (Live)", "AA"),
    ("1.2.5", "Audio Description (Prerecorded)", "AA"),
    ("1.3.1", "Info and Relationships", "A"),
    ("1.3.2", "Meaningful Sequence", "A"),
    ("1.3.3", "Sensory Characteristics", "A"),
    ("1.3.4", "Orientation", "AA"),
    ("1.3.5", "Identify Input Purpose", "AA"),
    ("1.4.1", "Use of Color", "A"),
    ("1.4.2", "Audio Control", "A"),
    ("1.4.3", "Contrast (Minimum)", "AA"),
    ("1.4.4", "Resize Text", "AA"),
    ("1.4.5", "Images of Text", "AA"),
    ("1.4.10", "Reflow", "AA"),
    ("1.4.11", "Non-text Contrast", "AA"),
    ("1.4.12", "Text Spacing", "AA"),
    ("1.4.13", "Content on Hover or Focus", "AA"),
    ("2.1.1", "Keyboard", "A"),
    ("2.1.2", "No Keyboard Trap", "A"),
    ("2.1.4", "Character Key Shortcuts", "A"),
    ("2.2.1", "Timing Adjustable", "A"),
    ("2.2.2", "Pause, Stop, Hide", "A"),
    ("2.3.1", "Three Flashes or Below Threshold", "A"),
    ("2.4.1", "Bypass Blocks", "A"),
    ("2.4.2", "Page Titled", "A"),
    ("2.4.3", "Focus Order", "A"),
    ("2.4.4", "Link Purpose (In Context)", "A"),
    ("2.4.5", "Multiple Ways", "AA"),
    ("2.4.6", "Headings and Labels", "AA"),
    ("2.4.7", "Focus Visible", "AA"),
    ("2.5.1", "Pointer Gestures", "A"),
    ("2.5.2", "Pointer Cancellation", "A"),
    ("2.5.3", "Label in Name", "A"),
    ("2.5.4", "Motion Actuation", "A"),
    ("3.1.1", "Language of Page", "A"),
    ("3.1.2", "Language of Parts", "AA"),
    ("3.2.1", "On Focus", "A"),
    ("3.2.2", "On Input", "A"),
    ("3.2.3", "Consistent Navigation", "AA"),
    ("3.2.4", "Consistent Identification", "AA"),
    ("3.3.1", "Error Identification", "A"),
    ("3.3.2", "Labels or Instructions", "A"),
    ("3.3.3", "Error Suggestion", "AA"),
    ("3.3.4", "Error Prevention (Legal, Financial, Data)", "AA"),
    ("4.1.1", "Parsing", "A"),
    ("4.1.2", "Name, Role, Value", "A"),
    ("4.1.3", "Status Messages", "AA"),
)
"""WCAG 2.1's Level A and AA success criteria: number, name, level. Checked on 2026-12-04 against
lists of the criteria taken from the W3C Recommendation (the W3C page itself was not read).

The names are data, not catalogue messages: they are W3C's own titles, cited as a code's clause titles
are, so that a reader can find each criterion in the standard. A report in another language should
name them as W3C's authorized translation of WCAG does, not as a translator of this kit would; that
would be a table of titles per language here. The report's own words (levels, headings, remarks) are
messages."""

KEYBOARD_CRITERIA = ("2.1.1", "2.1.2")
"""What playing every dilemma path by Tab and Enter alone shows: every choice can be reached and made,
and focus always moves on (it is never trapped) until the ending."""

_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")
OUTCOMES = ("violations", "incomplete", "passes", "inapplicable")


def criteria_of(tags: list[str]) -> list[str]:
    """The success criteria an axe rule's tags name, e.g. 'wcag1410' -> '1.4.10'."""
    found = []
    for tag in tags:
        match = _TAG.match(tag)
        if match:
            found.append(".".join(match.groups()))
    return found


def axe_page(edition: str, page: str, response: dict[str, Any]) -> dict[str, Any]:
    """One page's axe result, reduced to each rule's outcome, the criteria it tests and nodes failing.

    axe lists a rule under every outcome some element of the page had: colour contrast, say, under
    `passes` for the text it could judge and under `incomplete` for the text it could not. A rule's
    outcome on the page is the first of OUTCOMES it is listed under, so a rule that passed on some
    elements and failed, or was left undecided, on others is never taken for passed."""
    rules: dict[str, dict[str, Any]] = {}
    for outcome in OUTCOMES:
        for rule in response.get(outcome, []):
            if rule["id"] in rules:
                continue
            rules[rule["id"]] = {
                "outcome": outcome,
                "criteria": criteria_of(rule.get("tags", [])),
                "nodes": len(rule.get("nodes", [])) if outcome in {"violations", "incomplete"} else 0,
            }
    engine = response.get("testEngine", {})
    return {"edition": edition, "page": page, "axe": engine.get("version", ""), "rules": rules}


@dataclass
class Evidence:
    """What a test session saw, as it saw it."""

    axe: list[dict[str, Any]] = field(default_factory=list)
    keyboard: list[dict[str, Any]] = field(default_factory=list)
    date: str = ""
    """The date the run gives itself (a release dates it by its commit); '' when not recorded."""

    @classmethod
    def gathered(cls, parts: list[Evidence]) -> Evidence:
        """What several processes of one test run saw, as one: pages ordered by edition and page, walks
        by dilemma and ending, so the report does not depend on which process saw what first."""
        axe = sorted(
            (page for part in parts for page in part.axe), key=lambda page: (page["edition"], page["page"])
        )
        keyboard = sorted(
            (walk for part in parts for walk in part.keyboard),
            key=lambda walk: (walk["dilemma"], walk["ending"], json.dumps(walk, sort_keys=True)),
        )
        return cls(axe, keyboard)

    def as_json(self) -> str:
        data = {"axe": self.axe, "keyboard": self.keyboard, "date": self.date}
        return json.dumps(data, indent=1, sort_keys=True)

    @classmethod
    def read(cls, path: Path) -> Evidence:
        """Evidence saved by a test run; ValueError if the file is not in that shape."""
        if path.stat().st_size > MAX_EVIDENCE_BYTES:
            raise ValueError(f"the file is larger than {MAX_EVIDENCE_BYTES:,} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the file does not hold an object with 'axe' and 'keyboard' lists")
        axe, keyboard, run_date = data.get("axe", []), data.get("keyboard", []), data.get("date", "")
        if not isinstance(axe, list) or not isinstance(keyboard, list) or not isinstance(run_date, str):
            raise ValueError("'axe' and 'keyboard' must be lists and 'date' text")
        for page in axe:
            rules = page.get("rules") if isinstance(page, dict) else None
            if (
                not isinstance(rules, dict)
                or not {"edition", "page", "axe"} <= set(page)
                or not all(
                    isinstance(r, dict) and {"outcome", "criteria", "nodes"} <= set(r) for r in rules.values()
                )
            ):
                raise ValueError("a page check lacks its edition, page, axe version or rules")
        for walk in keyboard:
            if not isinstance(walk, dict) or not {"dilemma", "ending", "played"} <= set(walk):
                raise ValueError("a keyboard walk lacks its dilemma, ending or outcome")
        return cls(list(axe), list(keyboard), run_date)


@dataclass(frozen=True)
class Judgement:
    number: str
    name: str
    level: str
    conformance: str
    remarks: str


def judge(evidence: Evidence) -> list[Judgement]:
    """Each criterion's conformance level and the evidence for it.

    - Does not support: axe found failures on every page tested for it.
    - Partially supports: axe found failures on some pages.
    - Supports: tests checked it and found no failure, and nothing was left for review.
    - Not evaluated: no test checks it, or axe left items it could not decide.
    """
    judgements = []
    pages = len(evidence.axe)
    for number, name, level in CRITERIA:
        failing: list[str] = []
        passing: set[str] = set()
        undecided: dict[str, int] = {}
        undecided_on: list[str] = []
        never_applied: set[str] = set()
        tested_pages = 0
        passed_pages = 0  # every element its rules looked at passed
        for page in evidence.axe:
            applies = [(rule_id, r) for rule_id, r in page["rules"].items() if number in r["criteria"]]
            never_applied.update(rule_id for rule_id, r in applies if r["outcome"] == "inapplicable")
            decided = [(rule_id, r) for rule_id, r in applies if r["outcome"] != "inapplicable"]
            if decided:
                tested_pages += 1
                passed_pages += all(r["outcome"] == "passes" for _, r in decided)
            if any(r["outcome"] == "violations" for _, r in decided):
                failing.append(f"{page['edition']}: {page['page']}")
            for rule_id, r in decided:
                if r["outcome"] == "passes":
                    passing.add(rule_id)
                elif r["outcome"] == "incomplete":
                    undecided[rule_id] = undecided.get(rule_id, 0) + r["nodes"]
            if any(r["outcome"] == "incomplete" for _, r in decided):
                undecided_on.append(f"{page['edition']}: {page['page']}")
        remarks = []
        if passing:
            remarks.append(
                n_(
                    "axe-core rules passed: {rules} (on {passed} of {count} page).",
                    "axe-core rules passed: {rules} (on {passed} of {count} pages).",
                    pages,
                    rules=", ".join(sorted(passing)),
                    passed=passed_pages,
                )
            )
        walks = evidence.keyboard if number in KEYBOARD_CRITERIA else []
        stuck = [walk for walk in walks if not walk["played"]]
        if walks:
            dilemmas = len({walk["dilemma"] for walk in walks})
            remarks.append(
                n_(
                    "{played} of {total} recorded paths through {count} dilemma played to their endings "
                    "with the Tab and Enter keys alone, in headless Chromium.",
                    "{played} of {total} recorded paths through {count} dilemmas played to their endings "
                    "with the Tab and Enter keys alone, in headless Chromium.",
                    dilemmas,
                    played=len(walks) - len(stuck),
                    total=len(walks),
                )
            )
        if stuck:
            shown = "; ".join(
                _("{dilemma} to {ending}", dilemma=walk["dilemma"], ending=walk["ending"])
                for walk in stuck[:5]
            )
            remarks.append(_("Not played through: {paths}.", paths=shown))
        if failing or stuck:
            if failing:
                if len(failing) > 5:
                    remarks.append(
                        n_(
                            "axe-core found failures on {count} page: {pages}; and {more} more.",
                            "axe-core found failures on {count} pages: {pages}; and {more} more.",
                            len(failing),
                            pages="; ".join(failing[:5]),
                            more=len(failing) - 5,
                        )
                    )
                else:
                    remarks.append(
                        n_(
                            "axe-core found failures on {count} page: {pages}.",
                            "axe-core found failures on {count} pages: {pages}.",
                            len(failing),
                            pages="; ".join(failing),
                        )
                    )
            every = (not failing or len(failing) == tested_pages) and len(stuck) == len(walks)
            conformance = DOES_NOT_SUPPORT if every else PARTIALLY_SUPPORTS
        elif undecided:
            items = ", ".join(f"{rule} ({count})" for rule, count in sorted(undecided.items()))
            # Where they are, so that the person knows where to look.
            if len(undecided_on) > 5:
                remarks.append(
                    n_(
                        "axe-core could not decide some items, which need a person to check: {items}; on "
                        "{count} page: {pages}; and {more} more.",
                        "axe-core could not decide some items, which need a person to check: {items}; on "
                        "{count} pages: {pages}; and {more} more.",
                        len(undecided_on),
                        items=items,
                        pages="; ".join(undecided_on[:5]),
                        more=len(undecided_on) - 5,
                    )
                )
            else:
                remarks.append(
                    n_(
                        "axe-core could not decide some items, which need a person to check: {items}; on "
                        "{count} page: {pages}.",
                        "axe-core could not decide some items, which need a person to check: {items}; on "
                        "{count} pages: {pages}.",
                        len(undecided_on),
                        items=items,
                        pages="; ".join(undecided_on),
                    )
                )
            conformance = NOT_EVALUATED
        elif passing or walks:
            conformance = SUPPORTS
        elif never_applied:
            rules = ", ".join(sorted(never_applied))
            remarks.append(
                _(
                    "axe-core's rules for it ({rules}) found nothing to check on any page; it needs a manual "
                    "review.",
                    rules=rules,
                )
            )
            conformance = NOT_EVALUATED
        else:
            remarks.append(_("No automated test checks this criterion; it needs a manual review."))
            conformance = NOT_EVALUATED
        judgements.append(Judgement(number, name, level, conformance, " ".join(remarks)))
    return judgements


@dataclass(frozen=True)
class Report:
    """The report's text, ready for Markdown (the bundle's file) or docutils (the book's page)."""

    dated: str
    scope: list[str]
    levels: str
    summary: str
    tables: list[tuple[str, str, list[Judgement]]]
    """Each level ('A', 'AA'), its heading and its criteria, in WCAG's order."""


def contents(evidence: Evidence, run_date: str | None = None) -> Report:
    """What the report says, every word of it derived from the evidence, in the current language."""
    editions = sorted({page["edition"] for page in evidence.axe})
    versions = sorted({page["axe"] for page in evidence.axe if page["axe"]})
    judgements = judge(evidence)
    counts = {level: sum(1 for j in judgements if j.conformance == level) for level in _LEVELS}
    if run_date or evidence.date:
        dated = _(
            "Generated from a test run of the kit dated {date}. Standard: WCAG 2.1, Levels A and AA.",
            date=run_date or evidence.date,
        )
    else:
        dated = _(
            "Generated from a test run of the kit that did not record its date. "
            "Standard: WCAG 2.1, Levels A and AA."
        )
    if editions and versions:
        pages = n_(
            "Pages: {count} page of the built book ({editions} edition), each checked with axe-core "
            "{versions} for its WCAG 2.0 and 2.1 A and AA rules, in headless Chromium.",
            "Pages: {count} pages of the built book ({editions} edition), each checked with axe-core "
            "{versions} for its WCAG 2.0 and 2.1 A and AA rules, in headless Chromium.",
            len(evidence.axe),
            editions=", ".join(editions),
            versions=", ".join(versions),
        )
    elif editions:
        pages = n_(
            "Pages: {count} page of the built book ({editions} edition), each checked with axe-core "
            "(no version recorded) for its WCAG 2.0 and 2.1 A and AA rules, in headless Chromium.",
            "Pages: {count} pages of the built book ({editions} edition), each checked with axe-core "
            "(no version recorded) for its WCAG 2.0 and 2.1 A and AA rules, in headless Chromium.",
            len(evidence.axe),
            editions=", ".join(editions),
        )
    else:
        pages = _("Pages: no page of the built book was checked with axe-core.")
    return Report(
        dated=dated,
        scope=[
            pages,
            n_(
                "Keyboard: {count} recorded dilemma path played to its ending by keyboard alone.",
                "Keyboard: {count} recorded dilemma paths played to their endings by keyboard alone.",
                len(evidence.keyboard),
            ),
            _(
                "Not covered: no manual audit and no test with assistive technology have been done. "
                "Automated rules check only part of what most criteria ask, so Supports below means the "
                "kit's tests checked the criterion and found no failure, not that a person has confirmed it."
            ),
        ],
        levels=_(
            "Conformance levels: Supports, tests checked it and found no failure; Partially supports, "
            "failures on some pages; Does not support, failures on every page tested; Not evaluated, no "
            "test checks it, or the tests left items for a person to decide."
        ),
        summary=_(
            "Summary: {supports} supports; {partially} partially supports; {does_not} does not support; "
            "{not_evaluated} not evaluated.",
            supports=counts[SUPPORTS],
            partially=counts[PARTIALLY_SUPPORTS],
            does_not=counts[DOES_NOT_SUPPORT],
            not_evaluated=counts[NOT_EVALUATED],
        ),
        tables=[
            (level, level_heading(level), [j for j in judgements if j.level == level])
            for level in ("A", "AA")
        ],
    )


def level_heading(level: str) -> str:
    """The heading of a WCAG level's table."""
    return _("WCAG 2.1 Level A") if level == "A" else _("WCAG 2.1 Level AA")


def table_caption(level: str) -> str:
    """The caption of a WCAG level's table on the book's page."""
    return _("WCAG 2.1 Level A success criteria") if level == "A" else _("WCAG 2.1 Level AA success criteria")


def table_headings() -> tuple[str, str, str]:
    return (_("Criterion"), _("Conformance level"), _("Remarks and evidence"))


def criterion_label(judgement: Judgement) -> str:
    """'1.1.1 Non-text Content': a message only for its order; the number and W3C's name are data."""
    return _("{number} {name}", number=judgement.number, name=judgement.name)


SUPPORTS, PARTIALLY_SUPPORTS, DOES_NOT_SUPPORT, NOT_EVALUATED = (
    "Supports",
    "Partially supports",
    "Does not support",
    "Not evaluated",
)
_LEVELS = (SUPPORTS, PARTIALLY_SUPPORTS, DOES_NOT_SUPPORT, NOT_EVALUATED)
"""The conformance levels as the judgement records them: keys, shown to the reader by `level_words`."""


def level_words(conformance: str) -> str:
    """A conformance level in the reader's language."""
    return {
        SUPPORTS: _("Supports"),
        PARTIALLY_SUPPORTS: _("Partially supports"),
        DOES_NOT_SUPPORT: _("Does not support"),
        NOT_EVALUATED: _("Not evaluated"),
    }[conformance]


def report(evidence: Evidence, run_date: str | None = None) -> str:
    """The conformance report as Markdown, in the shape of an accessibility conformance report."""
    text = contents(evidence, run_date)
    out = [
        "# " + _("Accessibility conformance report: {kit}", kit="First Loyalty"),
        "",
        text.dated,
        "",
        "## " + _("Scope and method"),
        "",
    ]
    out += [f"- {line}" for line in text.scope]
    out += ["", text.levels, "", text.summary, ""]
    for _level, title, judgements in text.tables:
        out += [f"## {title}", "", "| " + " | ".join(table_headings()) + " |", "| --- | --- | --- |"]
        out += [f"| {criterion_label(j)} | {level_words(j.conformance)} | {j.remarks} |" for j in judgements]
        out.append("")
    return "\n".join(out)


def write(evidence: Evidence, folder: Path, run_date: str) -> tuple[Path, Path]:
    """The evidence, dated, and the report, side by side."""
    folder.mkdir(parents=True, exist_ok=True)
    data, text = folder / EVIDENCE_FILE, folder / REPORT_FILE
    dated = Evidence(evidence.axe, evidence.keyboard, run_date)
    data.write_text(dated.as_json() + "\n", encoding="utf-8")
    text.write_text(report(dated), encoding="utf-8")
    return data, text
