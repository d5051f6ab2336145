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
lists of the criteria taken from the W3C Recommendation (the W3C page itself was not read)."""

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
    """One page's axe result, reduced to each rule's outcome, the criteria it tests and nodes failing."""
    rules: dict[str, dict[str, Any]] = {}
    for outcome in OUTCOMES:
        for rule in response.get(outcome, []):
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
        never_applied: set[str] = set()
        tested_pages = 0
        for page in evidence.axe:
            applies = [(rule_id, r) for rule_id, r in page["rules"].items() if number in r["criteria"]]
            never_applied.update(rule_id for rule_id, r in applies if r["outcome"] == "inapplicable")
            decided = [(rule_id, r) for rule_id, r in applies if r["outcome"] != "inapplicable"]
            if decided:
                tested_pages += 1
            if any(r["outcome"] == "violations" for _, r in decided):
                failing.append(f"{page['edition']}: {page['page']}")
            for rule_id, r in decided:
                if r["outcome"] == "passes":
                    passing.add(rule_id)
                elif r["outcome"] == "incomplete":
                    undecided[rule_id] = undecided.get(rule_id, 0) + r["nodes"]
        remarks = []
        if passing:
            remarks.append(
                f"axe-core rules passed: {', '.join(sorted(passing))} (on {tested_pages} of {pages} pages)."
            )
        walks = evidence.keyboard if number in KEYBOARD_CRITERIA else []
        stuck = [walk for walk in walks if not walk["played"]]
        if walks:
            dilemmas = len({walk["dilemma"] for walk in walks})
            remarks.append(
                f"{len(walks) - len(stuck)} of {len(walks)} recorded paths through {dilemmas} dilemmas "
                "played to their endings with the Tab and Enter keys alone, in headless Chromium."
            )
        if stuck:
            shown = "; ".join(f"{walk['dilemma']} to {walk['ending']}" for walk in stuck[:5])
            remarks.append(f"Not played through: {shown}.")
        if failing or stuck:
            if failing:
                shown = "; ".join(failing[:5]) + (
                    f"; and {len(failing) - 5} more" if len(failing) > 5 else ""
                )
                remarks.append(f"axe-core found failures on {len(failing)} page(s): {shown}.")
            every = (not failing or len(failing) == tested_pages) and len(stuck) == len(walks)
            conformance = "Does not support" if every else "Partially supports"
        elif undecided:
            items = ", ".join(f"{rule} ({count})" for rule, count in sorted(undecided.items()))
            remarks.append(f"axe-core could not decide some items, which need a person to check: {items}.")
            conformance = "Not evaluated"
        elif passing or walks:
            conformance = "Supports"
        elif never_applied:
            rules = ", ".join(sorted(never_applied))
            remarks.append(
                f"axe-core's rules for it ({rules}) found nothing to check on any page; it needs a manual "
                "review."
            )
            conformance = "Not evaluated"
        else:
            remarks.append("No automated test checks this criterion; it needs a manual review.")
            conformance = "Not evaluated"
        judgements.append(Judgement(number, name, level, conformance, " ".join(remarks)))
    return judgements


@dataclass(frozen=True)
class Report:
    """The report's text, ready for Markdown (the bundle's file) or docutils (the book's page)."""

    dated: str
    scope: list[str]
    levels: str
    summary: str
    tables: list[tuple[str, list[Judgement]]]
    """Each level's heading and its criteria, in WCAG's order."""


def contents(evidence: Evidence, run_date: str | None = None) -> Report:
    """What the report says, every word of it derived from the evidence."""
    editions = sorted({page["edition"] for page in evidence.axe})
    versions = sorted({page["axe"] for page in evidence.axe if page["axe"]})
    judgements = judge(evidence)
    counts = {level: sum(1 for j in judgements if j.conformance == level) for level in _LEVELS}
    when = run_date or evidence.date or "a date it did not record"
    return Report(
        dated=f"Generated from a test run of the kit dated {when}. Standard: WCAG 2.1, Levels A and AA.",
        scope=[
            f"Pages: {len(evidence.axe)} pages of the built book ({', '.join(editions) or 'no edition'} "
            f"edition), each checked with axe-core {', '.join(versions) or '(no version recorded)'} for "
            "its WCAG 2.0 and 2.1 A and AA rules, in headless Chromium.",
            f"Keyboard: {len(evidence.keyboard)} recorded dilemma paths played to their endings by "
            "keyboard alone.",
            "Not covered: no manual audit and no test with assistive technology have been done. Automated "
            "rules check only part of what most criteria ask, so Supports below means the kit's tests "
            "checked the criterion and found no failure, not that a person has confirmed it.",
        ],
        levels="Conformance levels: Supports, tests checked it and found no failure; Partially supports, "
        "failures on some pages; Does not support, failures on every page tested; Not evaluated, no "
        "test checks it, or the tests left items for a person to decide.",
        summary="Summary: " + "; ".join(f"{count} {level.lower()}" for level, count in counts.items()) + ".",
        tables=[
            (f"WCAG 2.1 {title}", [j for j in judgements if j.level == level])
            for level, title in (("A", "Level A"), ("AA", "Level AA"))
        ],
    )


TABLE_HEADINGS = ("Criterion", "Conformance level", "Remarks and evidence")


def report(evidence: Evidence, run_date: str | None = None) -> str:
    """The conformance report as Markdown, in the shape of an accessibility conformance report."""
    text = contents(evidence, run_date)
    out = ["# Accessibility conformance report: First Loyalty", "", text.dated, "", "## Scope and method", ""]
    out += [f"- {line}" for line in text.scope]
    out += ["", text.levels, "", text.summary, ""]
    for title, judgements in text.tables:
        out += [f"## {title}", "", "| " + " | ".join(TABLE_HEADINGS) + " |", "| --- | --- | --- |"]
        out += [f"| {j.number} {j.name} | {j.conformance} | {j.remarks} |" for j in judgements]
        out.append("")
    return "\n".join(out)


_LEVELS = ("Supports", "Partially supports", "Does not support", "Not evaluated")


def write(evidence: Evidence, folder: Path, run_date: str) -> tuple[Path, Path]:
    """The evidence, dated, and the report, side by side."""
    folder.mkdir(parents=True, exist_ok=True)
    data, text = folder / EVIDENCE_FILE, folder / REPORT_FILE
    dated = Evidence(evidence.axe, evidence.keyboard, run_date)
    data.write_text(dated.as_json() + "\n", encoding="utf-8")
    text.write_text(report(dated), encoding="utf-8")
    return data, text
