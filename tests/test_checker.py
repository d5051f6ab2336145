"""The checker: valid content passes; each kind of broken content gets its exact, located message."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from ethicskit.catalog import load_catalog
from ethicskit.problems import ProblemCode

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
REPO = Path(__file__).resolve().parent.parent


class Broken(NamedTuple):
    """A change to one fixture file and every problem the checker must report for it."""

    name: str
    file: str
    old: str | None
    new: str
    expected: list[str]


BROKEN = [
    Broken(
        "yaml-syntax",
        "cases/demo-case.yml",
        "setting:\n  service",
        "setting:\n service",
        [
            "cases/demo-case.yml:7: YAML syntax error: mapping values are not allowed in this context [yaml-syntax]"
        ],
    ),
    Broken(
        "unclosed-quote",
        "cases/demo-case.yml",
        'title: "A demonstration case"',
        'title: "A demonstration case',
        [
            'cases/demo-case.yml:2: the quote (") opened on this line is not closed on it; YAML reads on and fails on line 20 [unclosed-quote]'
        ],
    ),
    Broken(
        "duplicate-key",
        "cases/demo-case.yml",
        "perspective: third-person",
        "perspective: third-person\nperspective: first-person",
        ["cases/demo-case.yml:11: the key 'perspective' appears twice (first on line 10) [duplicate-key]"],
    ),
    Broken(
        "empty-file",
        "cases/demo-case.yml",
        None,
        "",
        ["cases/demo-case.yml:1: the file is empty [empty-file]"],
    ),
    Broken(
        "not-a-mapping",
        "cases/demo-case.yml",
        None,
        "- just\n- a list\n",
        ["cases/demo-case.yml:1: the file should hold a mapping of fields, not a list [wrong-type]"],
    ),
    Broken(
        "missing-field",
        "cases/demo-case.yml",
        "perspective: third-person\n",
        "",
        ["cases/demo-case.yml:1: missing required field 'perspective' [missing-field]"],
    ),
    Broken(
        "unknown-field",
        "cases/demo-case.yml",
        "narrative: |",
        "narative: |",
        [
            "cases/demo-case.yml:1: missing required field 'narrative' [missing-field]",
            "cases/demo-case.yml:11: unknown field 'narative' (did you mean 'narrative'?) [unknown-field]",
        ],
    ),
    Broken(
        "wrong-type-int",
        "cases/demo-case.yml",
        "duration_minutes: 30",
        "duration_minutes: thirty",
        ["cases/demo-case.yml:39: 'duration_minutes' should be a whole number, not 'thirty' [wrong-type]"],
    ),
    Broken(
        "unquoted-clause-id",
        "codes_of_practice/demo-standards.yml",
        'id: "1.10"',
        "id: 1.10",
        [
            "codes_of_practice/demo-standards.yml:31: 'sections.0.clauses.2.id' should be text, but the unquoted 1.10 is read as the number 1.1 [unquoted-value]"
        ],
    ),
    Broken(
        "bad-enum",
        "cases/demo-case.yml",
        "service: adult-social-care",
        "service: social-care",
        [
            "cases/demo-case.yml:6: 'setting.service' cannot be 'social-care'; use one of: 'children-and-families', 'adult-social-care', 'mental-health', 'multi-disciplinary', 'hospital', 'learning-disability', 'youth-justice', 'fostering-adoption', 'social-work-education' or 'other' [invalid-value]"
        ],
    ),
    Broken(
        "empty-narrative",
        "cases/demo-case.yml",
        "narrative: |\n  The first paragraph of the fictional narrative.\n\n  The second paragraph, where the manager's instruction arrives.\n",
        'narrative: ""\n',
        ["cases/demo-case.yml:11: 'narrative' is empty [empty-text]"],
    ),
    Broken(
        "html-in-summary",
        "cases/demo-case.yml",
        "A short fictional case used by the tests.",
        "A short <b>fictional</b> case.",
        ["cases/demo-case.yml:3: 'summary' contains the HTML tag <b> [html-in-text]"],
    ),
    Broken(
        "script-in-question",
        "cases/demo-case.yml",
        "- What happened?",
        "- What happened? <img src=x onerror=alert(1)>",
        [
            "cases/demo-case.yml:28: 'questions.0' contains the HTML tag <img src=x onerror=alert(1)> [html-in-text]"
        ],
    ),
    Broken(
        "too-few-questions",
        "cases/demo-case.yml",
        "  - Who is affected?\n  - What do the codes ask?\n",
        "",
        ["cases/demo-case.yml:27: 'questions' has 2 items; it needs at least 4 [too-few]"],
    ),
    Broken(
        "id-mismatch",
        "cases/demo-case.yml",
        "id: demo-case",
        "id: another-case",
        [
            "cases/demo-case.yml:1: id 'another-case' does not match the file name 'demo-case' [id-mismatch]",
            "exercises/dilemmas/demo-dilemma.yml:2: case 'demo-case' does not exist in cases/ [unknown-case]",
            "exercises/seminars/demo-seminar.yml:15: case 'demo-case' does not exist in cases/ [unknown-case]",
        ],
    ),
    Broken(
        "bad-id-form",
        "cases/demo-case.yml",
        "id: demo-case",
        "id: Demo_Case",
        [
            "cases/demo-case.yml:1: 'id' cannot be 'Demo_Case': use lower-case words joined by hyphens, e.g. 'after-the-inspection' [invalid-value]"
        ],
    ),
    Broken(
        "unknown-clause",
        "cases/demo-case.yml",
        'ref: "demo-standards:1.1"',
        'ref: "demo-standards:7.1"',
        [
            "cases/demo-case.yml:20: clause 'demo-standards:7.1' does not exist in codes_of_practice/demo-standards.yml [unknown-clause]"
        ],
    ),
    Broken(
        "unknown-code",
        "cases/demo-case.yml",
        'ref: "demo-standards:1.1"',
        'ref: "swe-2020:1.1"',
        [
            "cases/demo-case.yml:20: code 'swe-2020' in 'swe-2020:1.1' is not in codes_of_practice/ (known: demo-old, demo-standards, pcf) [unknown-code]"
        ],
    ),
    Broken(
        "malformed-ref",
        "cases/demo-case.yml",
        'ref: "demo-standards:1.1"',
        'ref: "demo-standards 1.1"',
        [
            "cases/demo-case.yml:20: 'clauses.0.ref' cannot be 'demo-standards 1.1': write clause references as 'code-id:clause-id', e.g. 'swe-2019:6.5' [invalid-value]"
        ],
    ),
    Broken(
        "unknown-case",
        "exercises/dilemmas/demo-dilemma.yml",
        "case: demo-case",
        "case: no-such-case",
        [
            "exercises/dilemmas/demo-dilemma.yml:2: case 'no-such-case' does not exist in cases/ [unknown-case]"
        ],
    ),
    Broken(
        "todo-left",
        "cases/demo-case.yml",
        "pitfalls: Do not let it become a debate about one manager.",
        'pitfalls: "TODO: write the pitfalls"',
        [
            "cases/demo-case.yml:38: 'instructor_notes.pitfalls' still holds a template placeholder ('TODO:') [todo-left]"
        ],
    ),
    Broken(
        "clause-pattern",
        "codes_of_practice/demo-standards.yml",
        'id: "2.2"',
        'id: "3.2"',
        [
            "codes_of_practice/demo-standards.yml:45: clause id '3.2' does not follow this code's numbering (^[1-2]\\.[0-9]{1,2}$) [clause-pattern]"
        ],
    ),
    Broken(
        "duplicate-clause",
        "codes_of_practice/demo-standards.yml",
        'id: "2.2"',
        'id: "2.1"',
        [
            "codes_of_practice/demo-standards.yml:45: clause id '2.1' appears twice (first on line 41) [duplicate-clause]"
        ],
    ),
    Broken(
        "superseded-without-successor",
        "codes_of_practice/demo-old.yml",
        "superseded_by: demo-standards\n",
        "",
        [
            "codes_of_practice/demo-old.yml:11: a superseded code needs 'superseded_by' (or 'successor') and 'superseded_on' [successor]"
        ],
    ),
    Broken(
        "unverified-without-reason",
        "codes_of_practice/demo-standards.yml",
        '        unverified_reason: "fixture clause with no official wording"\n',
        "",
        [
            "codes_of_practice/demo-standards.yml:31: clause '1.10' is marked verified: false without an 'unverified_reason' [missing-field]"
        ],
    ),
    Broken(
        "clause-count",
        "codes_of_practice/demo-standards.yml",
        "    clause_count: 3\n",
        "    clause_count: 4\n",
        [
            "codes_of_practice/demo-standards.yml:21: section '1' declares 4 clauses but lists 3 [clause-count]"
        ],
    ),
    Broken(
        "one-code-only",
        "cases/demo-case.yml",
        '  - ref: "demo-old:honesty"',
        '  - ref: "demo-standards:1.2"',
        ["cases/demo-case.yml:19: the case cites clauses from 1 code; cite at least two codes [cited-codes]"],
    ),
    Broken(
        "binding-code-missing",
        "cases/demo-case.yml",
        '  - ref: "demo-standards:1.1"\n    rationale: The person\'s views must shape the assessment.\n'
        '  - ref: "demo-standards:2.1"',
        '  - ref: "demo-old:honesty"\n    rationale: The person\'s views must shape the assessment.\n'
        '  - ref: "demo-old:honesty"',
        [
            "cases/demo-case.yml:19: a case set in england must cite the code that binds its social workers "
            "(demo-standards) [cited-codes]",
            "cases/demo-case.yml:19: the case cites clauses from 1 code; cite at least two codes [cited-codes]",
        ],
    ),
    Broken(
        "theme-uncovered",
        "codes_of_practice/demo-standards.yml",
        "themes: [confidentiality, records, safeguarding]",
        "themes: [records, safeguarding]",
        [
            "codes_of_practice/demo-standards.yml: no clause of any current code carries the theme 'confidentiality' [theme-uncovered]"
        ],
    ),
    Broken(
        "dead-end",
        "exercises/dilemmas/demo-dilemma.yml",
        "    choices:\n      - id: apologise",
        "    choices: []\n  - id: spare\n    situation: Spare.\n    choices:\n      - id: apologise",
        [
            "exercises/dilemmas/demo-dilemma.yml:31: node 'rushed' has no choices and is not an ending [dead-end]",
            "exercises/dilemmas/demo-dilemma.yml:31: decision 'rushed' has no facilitator note; the lecturer edition promises one on each [facilitator-note]",
            "exercises/dilemmas/demo-dilemma.yml:34: node 'spare' can never be reached from 'deadline' [unreachable]",
            "exercises/dilemmas/demo-dilemma.yml:57: node 'complaint' can never be reached from 'deadline' [unreachable]",
            "exercises/dilemmas/demo-dilemma.yml:76: ending 'ending-reopen' can never be reached from 'deadline' [unreachable]",
            "exercises/dilemmas/demo-dilemma.yml:84: ending 'ending-complaint' can never be reached from 'deadline' [unreachable]",
        ],
    ),
    Broken(
        "dilemma-law",
        "exercises/dilemmas/demo-dilemma.yml",
        None,
        # Every law citation taken off the choices and endings: the dilemma no longer names any provision.
        "\n".join(
            line
            for line in (FIXTURES / "exercises" / "dilemmas" / "demo-dilemma.yml")
            .read_text(encoding="utf-8")
            .split("\n")
            if not line.lstrip().startswith(("law:", '- {ref: "demo-act'))
        ),
        [
            "exercises/dilemmas/demo-dilemma.yml:6: the dilemma cites 0 provisions of law on its choices and endings; cite two or more [dilemma-law]"
        ],
    ),
    Broken(
        "facilitator-note",
        "exercises/dilemmas/demo-dilemma.yml",
        "    facilitator_note: Ask the room whether an apology alone is enough.\n",
        "",
        [
            "exercises/dilemmas/demo-dilemma.yml:31: decision 'rushed' has no facilitator note; the lecturer edition promises one on each [facilitator-note]"
        ],
    ),
    Broken(
        "dilemma-shape",
        "exercises/dilemmas/demo-dilemma.yml",
        None,
        # The complaint leads back to an ending already there, and its own ending is removed: two endings.
        (FIXTURES / "exercises" / "dilemmas" / "demo-dilemma.yml")
        .read_text(encoding="utf-8")
        .replace("leads_to: ending-complaint", "leads_to: ending-reopen")
        .split("  - id: ending-complaint")[0],
        [
            "exercises/dilemmas/demo-dilemma.yml:6: dilemma 'demo-dilemma' is too small: it has 2 reachable ending(s) (at least 3 of each wanted) [dilemma-shape]"
        ],
    ),
    Broken(
        "unknown-target",
        "exercises/dilemmas/demo-dilemma.yml",
        "leads_to: ending-time",
        "leads_to: ending-nowhere",
        [
            "exercises/dilemmas/demo-dilemma.yml:22: choice 'ask-for-time' leads to 'ending-nowhere', which is neither a node nor an ending [unknown-target]",
        ],
    ),
    Broken(
        "unreachable",
        "exercises/dilemmas/demo-dilemma.yml",
        "leads_to: rushed",
        "leads_to: ending-reopen",
        [
            "exercises/dilemmas/demo-dilemma.yml:31: node 'rushed' can never be reached from 'deadline' [unreachable]",
            "exercises/dilemmas/demo-dilemma.yml:54: node 'complaint' can never be reached from 'deadline' [unreachable]",
            "exercises/dilemmas/demo-dilemma.yml:81: ending 'ending-complaint' can never be reached from 'deadline' [unreachable]",
        ],
    ),
    Broken(
        "unknown-provision",
        "cases/demo-case.yml",
        'ref: "demo-act:2(1)"',
        'ref: "demo-act:3"',
        [
            "cases/demo-case.yml:53: provision 'demo-act:3' is not in law/demo-act.yml [unknown-provision]",
        ],
    ),
    Broken(
        "unknown-instrument",
        "cases/demo-case.yml",
        'ref: "demo-act:1"',
        'ref: "care-act-2014:42"',
        [
            "cases/demo-case.yml:51: instrument 'care-act-2014' in 'care-act-2014:42' is not in law/ (known: demo-act, demo-scottish-act) [unknown-law]",
        ],
    ),
    Broken(
        "law-of-another-nation",
        "cases/demo-case.yml",
        'ref: "demo-act:1"',
        'ref: "demo-scottish-act:4"',
        [
            "cases/demo-case.yml:51: 'demo-scottish-act:4' is cited for england, but Demonstration (Scotland) Act 2099 applies in scotland only [wrong-nation]",
        ],
    ),
    Broken(
        "law-section-missing",
        "cases/demo-case.yml",
        "law:\n",
        "law_and_duties:\n",
        [
            "cases/demo-case.yml:1: missing required field 'law' [missing-field]",
            "cases/demo-case.yml:49: unknown field 'law_and_duties' [unknown-field]",
        ],
    ),
    Broken(
        "malformed-law-ref",
        "cases/demo-case.yml",
        'ref: "demo-act:1"',
        'ref: "Demo Act s1"',
        [
            "cases/demo-case.yml:51: 'law.provisions.0.ref' cannot be 'Demo Act s1': write provision references as 'instrument-id:number', e.g. 'care-act-2014:42' [invalid-value]"
        ],
    ),
    Broken(
        "provision-numbering",
        "law/demo-act.yml",
        'number: "2(1)"',
        'number: "s.2(1)"',
        [
            "cases/demo-case.yml:53: provision 'demo-act:2(1)' is not in law/demo-act.yml [unknown-provision]",
            "exercises/dilemmas/demo-dilemma.yml:80: provision 'demo-act:2(1)' is not in law/demo-act.yml "
            "[unknown-provision]",
            "law/demo-act.yml:23: 's.2(1)' is not how a subsection is numbered [provision-number]",
        ],
    ),
    Broken(
        "provision-unit-for-kind",
        "law/demo-act.yml",
        "unit: section",
        "unit: article",
        [
            "law/demo-act.yml:14: provisions of kind 'act' are numbered as schedule-paragraph, section, "
            "subsection, not as 'article' [provision-number]"
        ],
    ),
    Broken(
        "duplicate-provision",
        "law/demo-act.yml",
        'number: "2(1)"\n    unit: subsection',
        'number: "1"\n    unit: section',
        [
            "cases/demo-case.yml:53: provision 'demo-act:2(1)' is not in law/demo-act.yml [unknown-provision]",
            "exercises/dilemmas/demo-dilemma.yml:80: provision 'demo-act:2(1)' is not in law/demo-act.yml "
            "[unknown-provision]",
            "law/demo-act.yml:23: provision '1' appears twice (first on line 13) [duplicate-provision]",
        ],
    ),
    Broken(
        "neither-verified-nor-unverified",
        "law/demo-act.yml",
        '    unverified: "Invented for the tests; there is no official text to read."\n',
        "",
        [
            "law/demo-act.yml:23: provision '2(1)' has neither 'verified' nor 'unverified'; give exactly one [verification]"
        ],
    ),
    Broken(
        "url-off-legislation-site",
        "law/demo-act.yml",
        'official_url: "https://www.legislation.gov.uk/ukpga/2099/1/contents"',
        'official_url: "https://example.org/demo-act"',
        [
            "law/demo-act.yml:10: 'official_url' of a act must be on https://www.legislation.gov.uk/ [official-url]"
        ],
    ),
    Broken(
        "unknown-nation",
        "law/demo-act.yml",
        "nations: [england]",
        "nations: [england, uk]",
        [
            "law/demo-act.yml:6: 'nations.1' cannot be 'uk'; use one of: 'england', 'scotland', 'wales' or 'northern-ireland' [invalid-value]"
        ],
    ),
    Broken(
        "unlawful-unsaid",
        "exercises/dilemmas/demo-dilemma.yml",
        '        strains: ["demo-standards:1.1"]\n',
        '        strains: ["demo-standards:1.1"]\n        law: [{ref: "demo-act:1", relation: unlawful}]\n',
        [
            "exercises/dilemmas/demo-dilemma.yml:20: 'nodes.0.choices.0' is marked unlawful under demo-act:1 "
            "but does not say 'unlawful' to the learner [unlawful-unsaid]"
        ],
    ),
    Broken(
        "unlawful-said",
        "exercises/dilemmas/demo-dilemma.yml",
        "        consequence: The assessment is closed on time.\n",
        "        consequence: The assessment is closed on time, which is unlawful.\n"
        '        law: [{ref: "demo-act:1", relation: unlawful}]\n',
        [],
    ),
    Broken(
        "dilemma-law-of-another-nation",
        "exercises/dilemmas/demo-dilemma.yml",
        '{ref: "demo-act:1", relation: honours}',
        '{ref: "demo-scottish-act:4", relation: honours}',
        [
            "exercises/dilemmas/demo-dilemma.yml:43: 'demo-scottish-act:4' is cited for england, but "
            "Demonstration (Scotland) Act 2099 applies in scotland only [wrong-nation]"
        ],
    ),
    Broken(
        "provision-of-another-nation",
        "law/demo-act.yml",
        "nations: [england]\n",
        "nations: [england, wales]\n",
        [],
    ),
    Broken(
        "provision-narrower-than-its-act",
        "law/demo-act.yml",
        "    unit: section\n",
        "    unit: section\n    nations: [wales]\n",
        [
            "cases/demo-case.yml:51: 'demo-act:1' is cited for england, but this provision of Demonstration Act "
            "2099 applies in wales only [wrong-nation]",
            "exercises/dilemmas/demo-dilemma.yml:43: 'demo-act:1' is cited for england, but this provision of "
            "Demonstration Act 2099 applies in wales only [wrong-nation]",
            "exercises/dilemmas/demo-dilemma.yml:79: 'demo-act:1' is cited for england, but this provision of "
            "Demonstration Act 2099 applies in wales only [wrong-nation]",
            "law/demo-act.yml:15: provision '1' lists wales, where the instrument does not apply [wrong-nation]",
        ],
    ),
    Broken(
        "rubric-missing-band",
        "exercises/seminars/demo-seminar.yml",
        "        third: Fixture L5 third on the standards.\n",
        "",
        [
            "exercises/seminars/demo-seminar.yml:62: missing required field 'assessment.rubric.0.level_5.third' [missing-field]",
        ],
    ),
    Broken(
        "rubric-band-of-another-level",
        "exercises/seminars/demo-seminar.yml",
        "        merit: Fixture L7 merit on the law.",
        "        upper-second: Fixture L7 merit on the law.",
        [
            "exercises/seminars/demo-seminar.yml:94: missing required field 'assessment.rubric.1.level_7.merit' [missing-field]",
            "exercises/seminars/demo-seminar.yml:96: unknown field 'assessment.rubric.1.level_7.upper-second' (not a band at Level 7, whose bands are: distinction, merit, pass, fail) [unknown-field]",
        ],
    ),
    Broken(
        "rubric-without-law",
        "exercises/seminars/demo-seminar.yml",
        "      aspect: law",
        "      aspect: task",
        [
            "exercises/seminars/demo-seminar.yml:58: the rubric has no criterion for: law [rubric]",
        ],
    ),
    Broken(
        "rubric-weights",
        "exercises/seminars/demo-seminar.yml",
        "      weight: 30\n      level_5:\n        first: Fixture L5 first on the law.",
        "      weight: 20\n      level_5:\n        first: Fixture L5 first on the law.",
        [
            "exercises/seminars/demo-seminar.yml:58: the rubric's weights add up to 90, not 100 [rubric]",
        ],
    ),
    Broken(
        "exemplar-band-of-another-level",
        "exercises/seminars/demo-seminar.yml",
        "      band: upper-second",
        "      band: merit",
        [
            "exercises/seminars/demo-seminar.yml:121: 'merit' is not a band at Level 6 (bands: first, upper-second, lower-second, third, fail) [exemplar]",
        ],
    ),
    Broken(
        "exemplar-mark-outside-band",
        "exercises/seminars/demo-seminar.yml",
        "      mark: 64",
        "      mark: 72",
        [
            "exercises/seminars/demo-seminar.yml:122: the mark 72 is outside the band it is given: Upper second (60\N{EN DASH}69) [exemplar]",
        ],
    ),
    Broken(
        "exemplar-comment-missing",
        "exercises/seminars/demo-seminar.yml",
        "        - criterion: Reflection\n          comment: Lecturer-only fixture comment on reflection.\n",
        "",
        [
            "exercises/seminars/demo-seminar.yml:125: the marker's comments leave out: Reflection [exemplar]",
        ],
    ),
    Broken(
        "exemplar-unknown-clause",
        "exercises/seminars/demo-seminar.yml",
        'cites: ["demo-standards:1.1"]',
        'cites: ["demo-standards:9.9"]',
        [
            "exercises/seminars/demo-seminar.yml:124: clause 'demo-standards:9.9' does not exist in codes_of_practice/demo-standards.yml [unknown-clause]",
        ],
    ),
    Broken(
        "unknown-reading",
        "exercises/seminars/demo-seminar.yml",
        "    - key: example2020deadlines",
        "    - key: example2020deadline",
        [
            "exercises/seminars/demo-seminar.yml:52: 'example2020deadline' is not a key in book/references.bib (did you mean 'example2020deadlines'?) [unknown-reference]",
        ],
    ),
    Broken(
        "duplicate-reading",
        "exercises/seminars/demo-seminar.yml",
        "    - key: sample2019listening",
        "    - key: example2020deadlines",
        [
            "exercises/seminars/demo-seminar.yml:55: 'example2020deadlines' is already on the reading list under 'essential' [reading-list]",
        ],
    ),
    Broken(
        "long-plan-without-break",
        "exercises/seminars/demo-seminar.yml",
        "duration_minutes: 50",
        "duration_minutes: 120",
        [
            "exercises/seminars/demo-seminar.yml:19: the session lasts 120 minutes but its timeline has no break; sessions longer than 90 minutes need one [no-break]",
            "exercises/seminars/demo-seminar.yml:19: the timeline adds up to 50 minutes but the session lasts 120: add 70 minutes across the activities [timing]",
        ],
    ),
    Broken(
        "break-at-the-end",
        "exercises/seminars/demo-seminar.yml",
        "    what_happens: Fixture step three happens here.",
        "    what_happens: Fixture step three happens here.\n    kind: break",
        [
            "exercises/seminars/demo-seminar.yml:26: a break at the start or the end of a session is not a break; put it between two activities [no-break]",
        ],
    ),
    Broken(
        "expert-unknown-activity",
        "exercises/seminars/demo-seminar.yml",
        "  during: Play the dilemma in groups",
        "  during: Playing the dilemma",
        [
            "exercises/seminars/demo-seminar.yml:46: 'expert_by_experience.during' names 'Playing the dilemma', which is not an activity of the timeline (activities: Welcome and ground rules; Play the dilemma in groups; Whole-group debrief) [unknown-activity]",
        ],
    ),
]


def break_fixture(tmp_path: Path, case: Broken) -> Path:
    """Copy the valid fixtures and apply one breakage."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    target = root / case.file
    if case.old is None:
        target.write_text(case.new, encoding="utf-8")
    else:
        text = target.read_text(encoding="utf-8")
        assert case.old in text, "the fixture no longer contains the text this case changes"
        target.write_text(text.replace(case.old, case.new, 1), encoding="utf-8")
    return root


def test_valid_fixtures_have_no_problems() -> None:
    """The fixture catalogue loads completely and cleanly."""
    catalog, problems = load_catalog(FIXTURES)
    assert problems == []
    assert sorted(catalog.codes) == ["demo-old", "demo-standards", "pcf"]
    assert sorted(catalog.cases) == ["demo-case"]
    assert sorted(catalog.dilemmas) == ["demo-dilemma"]
    assert sorted(catalog.seminars) == ["demo-seminar"]
    assert sorted(catalog.laws) == ["demo-act", "demo-scottish-act"]


def test_the_table_covers_every_required_kind() -> None:
    """At least twenty broken snippets, spanning the kinds of mistake authors make."""
    assert len(BROKEN) >= 20
    codes = {line.rsplit("[", 1)[1].rstrip("]") for case in BROKEN for line in case.expected}
    required = {
        "yaml-syntax",
        "wrong-type",
        "unknown-field",
        "id-mismatch",
        "unknown-clause",
        "unknown-case",
        "todo-left",
        "empty-text",
        "html-in-text",
        "missing-field",
        "dead-end",
        "no-break",
        "rubric",
        "exemplar",
        "unknown-reference",
        "reading-list",
        "unknown-activity",
    }  # duplicate ids need two files: test_duplicate_ids_name_the_other_file
    assert required <= codes


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_broken_content_is_reported_exactly(tmp_path: Path, case: Broken) -> None:
    """Each breakage yields exactly the expected messages, with file and line."""
    _, problems = load_catalog(break_fixture(tmp_path, case))
    assert [str(problem) for problem in problems] == case.expected


def test_duplicate_ids_name_the_other_file(tmp_path: Path) -> None:
    """Two files claiming one id: both the mismatch and the clash are reported."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    shutil.copy(root / "cases" / "demo-case.yml", root / "cases" / "demo-case-copy.yml")
    _, problems = load_catalog(root)
    assert [str(problem) for problem in problems] == [
        "cases/demo-case-copy.yml:1: id 'demo-case' is already used by cases/demo-case.yml [duplicate-id]",
        "cases/demo-case-copy.yml:1: id 'demo-case' does not match the file name 'demo-case-copy' [id-mismatch]",
    ]


def test_yaml_one_point_one_booleans_are_not_keys(tmp_path: Path) -> None:
    """A field called 'on' stays a field name instead of becoming the boolean true."""
    catalog, problems = load_catalog(FIXTURES)
    assert problems == []
    assert str(catalog.codes["demo-standards"].model.checked.on) == "2026-11-24"


def test_a_broken_or_missing_bibliography_is_reported_once(tmp_path: Path) -> None:
    """Unbalanced BibTeX is one located problem, not a traceback; without the file, reading keys are reported."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    bib = root / "book" / "references.bib"
    bib.write_text("@book{broken,\n  title = {No closing brace,\n", encoding="utf-8")
    _, problems = load_catalog(root)
    assert [(problem.path, problem.code.value) for problem in problems] == [
        ("book/references.bib", "bibliography")
    ]
    assert problems[0].message.startswith("the bibliography could not be read:")
    bib.unlink()
    _, problems = load_catalog(root)
    assert [str(problem) for problem in problems] == [
        "exercises/seminars/demo-seminar.yml:52: 'example2020deadlines' cannot be checked: the kit has no book/references.bib [unknown-reference]",
        "exercises/seminars/demo-seminar.yml:55: 'sample2019listening' cannot be checked: the kit has no book/references.bib [unknown-reference]",
    ]


def test_a_reading_list_entry_is_formatted_from_the_bibliography() -> None:
    """Reading lists print the entry as the references page would, not the bare key."""
    catalog, _ = load_catalog(FIXTURES)
    assert catalog.bibliography.entries["sample2019listening"] == (
        "Ben Sample. Listening under a deadline. Journal of Fixture Studies, 3(1):1\N{EN DASH}10, 2019."
    )


def test_chapter_reading_lists_name_real_chapters_and_real_references(tmp_path: Path) -> None:
    """book/reading-lists.yml is checked like a seminar's list, and each chapter it names must exist."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    (root / "book" / "ethics.md").write_text("# Ethics\n", encoding="utf-8")
    (root / "book" / "reading-lists.yml").write_text(
        "chapters:\n"
        "  book/ethics:\n"
        "    essential:\n"
        "      - key: example2020deadlines\n"
        "        why: The fixture book.\n"
        "  book/missing:\n"
        "    essential:\n"
        "      - key: sample2019listenin\n"
        "        why: A misspelt key.\n",
        encoding="utf-8",
    )
    catalog, problems = load_catalog(root)
    assert catalog.chapter_reading is not None
    assert [str(problem) for problem in problems] == [
        "book/reading-lists.yml:6: there is no chapter book/missing.md for the reading list 'book/missing' [unknown-chapter]",
        "book/reading-lists.yml:8: 'sample2019listenin' is not a key in book/references.bib (did you mean 'sample2019listening'?) [unknown-reference]",
    ]


# --- document-level digests and whole-code citations ------------------------------------------

WHOLE_CODE = """id: demo-whole
title: "Whole demonstration standards"
short_title: "Whole demo standards"
issuer: "Test fixture regulator"
issuer_type: regulator
jurisdiction: wales
binds: >-
  A made-up code that the kit describes only as a document.
version: "2026"
in_force_from: 2026-07-01
status: current
official_url: "https://example.org/demo-whole"
coverage: document
structure: >-
  Described by the fixture only as a document in several parts.
checked:
  against: "the fixture itself"
  on: 2026-12-01
"""


def kit_with_whole_code(tmp_path: Path, code: str = WHOLE_CODE) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    (root / "codes_of_practice" / "demo-whole.yml").write_text(code, encoding="utf-8")
    # These tests move the demo case to Wales; its law section must then cite law that applies there.
    replace_in(root / "law" / "demo-act.yml", "nations: [england]", "nations: [england, wales]")
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    """The problems of a kit made by `kit_with_whole_code`, which teaches two nations' regulator codes
    with one dilemma: the nation it is not set in is always uncovered, which these tests are not about."""
    return [str(p) for p in load_catalog(root)[1] if p.code is not ProblemCode.NATION_UNCOVERED]


def test_a_document_level_digest_loads_and_can_be_cited_as_a_whole(tmp_path: Path) -> None:
    """A digest with no clauses, cited as a whole by a case and an ending, is valid."""
    root = kit_with_whole_code(tmp_path)
    case = root / "cases" / "demo-case.yml"
    replace_in(case, "jurisdiction: england", "jurisdiction: wales")
    replace_in(
        case,
        '  - ref: "demo-old:honesty"',
        '  - ref: "demo-whole"\n    rationale: The code binds the practitioner as a whole.\n  - ref: "demo-old:honesty"',
    )
    dilemma = root / "exercises" / "dilemmas" / "demo-dilemma.yml"
    replace_in(dilemma, 'clauses: ["demo-old:honesty"]', 'clauses: ["demo-old:honesty", "demo-whole"]')
    catalog, _ = load_catalog(root)
    assert problems_of(root) == []
    cited = catalog.cited("demo-whole")
    assert cited is not None and cited.clause is None
    assert cited.label == "Whole demo standards"
    assert [c.kind for c in catalog.citations["demo-whole"]] == ["case", "ending"]


def test_a_case_must_cite_its_nations_binding_code_even_when_it_is_document_level(tmp_path: Path) -> None:
    """A Welsh case that does not cite the Welsh regulator's code (here document-level) is reported."""
    root = kit_with_whole_code(tmp_path)
    replace_in(root / "cases" / "demo-case.yml", "jurisdiction: england", "jurisdiction: wales")
    assert problems_of(root) == [
        "cases/demo-case.yml:19: a case set in wales must cite the code that binds its social workers "
        "(demo-whole) [cited-codes]"
    ]


def test_whole_code_citations_only_for_document_level_digests(tmp_path: Path) -> None:
    """A clause-by-clause digest is cited by clause; a document-level one only as a whole."""
    root = kit_with_whole_code(tmp_path)
    case = root / "cases" / "demo-case.yml"
    replace_in(case, 'ref: "demo-standards:2.1"', 'ref: "demo-standards"')
    replace_in(case, 'ref: "demo-old:honesty"', 'ref: "demo-whole:1.1"')
    assert problems_of(root) == [
        "cases/demo-case.yml:22: 'demo-standards' cites the whole of 'demo-standards', whose digest lists its "
        "clauses: cite the clause that bears on it, e.g. 'demo-standards:1.1' [whole-code]",
        "cases/demo-case.yml:24: 'demo-whole:1.1' names a clause, but the digest of 'demo-whole' covers the "
        "document, not its clauses: cite it as a whole, 'demo-whole' [whole-code]",
    ]


def test_coverage_must_match_what_the_digest_lists(tmp_path: Path) -> None:
    """A document-level digest lists no sections and describes its structure; a clause digest needs both
    sections and a clause pattern."""
    with_sections = WHOLE_CODE.replace(
        "structure: >-\n  Described by the fixture only as a document in several parts.\n", ""
    ) + (
        'sections:\n  - id: "1"\n    title: "One"\n    clause_count: 1\n    clauses:\n'
        '      - id: "1.1"\n        paraphrase: A clause.\n        themes: [records]\n        verified: true\n'
    )
    root = kit_with_whole_code(tmp_path, with_sections)
    replace_in(
        root / "codes_of_practice" / "demo-old.yml",
        "clause_pattern: '^[a-z]+$'\n",
        "",
    )
    assert problems_of(root) == [
        "codes_of_practice/demo-old.yml:1: a clause-by-clause digest needs a 'clause_pattern' [coverage]",
        "codes_of_practice/demo-whole.yml:13: a digest with 'coverage: document' needs 'structure': how the "
        "document is organised, as far as it has been confirmed [coverage]",
        "codes_of_practice/demo-whole.yml:17: a digest with 'coverage: document' lists no 'sections' [coverage]",
    ]


def test_a_verified_clause_names_a_listed_source(tmp_path: Path) -> None:
    """'verified_against' must name an entry of 'checked.sources', and only on a verified clause."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    code = root / "codes_of_practice" / "demo-standards.yml"
    replace_in(
        code,
        "  on: 2026-11-24\n",
        '  on: 2026-11-24\n  sources:\n    - id: demo-page\n      title: "Demo page"\n      official: true\n',
    )
    replace_in(
        code, "        verified: true\n", "        verified: true\n        verified_against: demo-page\n"
    )
    assert problems_of(root) == []
    replace_in(code, "verified_against: demo-page", "verified_against: elsewhere")
    replace_in(
        code,
        '        unverified_reason: "fixture clause with no official wording"',
        '        unverified_reason: "fixture clause with no official wording"\n        verified_against: demo-page',
    )
    assert problems_of(root) == [
        "codes_of_practice/demo-standards.yml:31: clause '1.1' is verified against 'elsewhere', which is not "
        "listed under 'checked.sources' (listed: demo-page) [unknown-source]",
        "codes_of_practice/demo-standards.yml:41: clause '1.10' names a source in 'verified_against' but is "
        "marked verified: false [unknown-source]",
    ]


def test_a_code_digest_that_copies_a_registered_source_is_reported(tmp_path: Path) -> None:
    """Official wording registered as fingerprints catches a paraphrase that copies eight words of it;
    the document's own title, quoted exactly, is not counted."""
    from ethicskit.anonymity import write_fingerprints

    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    own = (Path(__file__).parent / "fixtures" / "sources" / "own-source.txt").read_text(encoding="utf-8")
    write_fingerprints(own, "own-official-wording", root)
    code = root / "codes_of_practice" / "demo-standards.yml"
    replace_in(
        code,
        "paraphrase: Keep information private and share it only with consent or lawful reason.",
        "paraphrase: Keep information private; the coffee went round twice before the manager spoke.",
    )
    replace_in(
        code,
        'title: "Demonstration standards for testing"',
        'title: "The duty team met at half past eight, as it always did"',
    )
    assert problems_of(root) == [
        "codes_of_practice/demo-standards.yml:28: 'sections.0.clauses.1.paraphrase' shares the 8-word run "
        "'the coffee went round twice before the manager' with the source 'own-official-wording' [copied-text]"
    ]


def test_the_kit_registers_the_official_wording_its_digests_were_compared_with() -> None:
    """The wording of every code compared is registered (as fingerprints only) for the copied-text check."""
    from ethicskit.anonymity import load_sources

    repo = Path(__file__).parent.parent
    names = {source.name: source for source in load_sources(repo)}
    for code in ("swe-2019", "basw-2021", "ifsw-ethics-2018", "gscc-2002", "sssc", "scw", "niscc"):
        source = names.get(f"official-wording-{code}")
        assert source is not None and len(source.hashes) > 100, code


# --- care: distressing material needs a content note -----------------------------------------------

MENTIONS = [
    ("His wife died in the spring and he has not opened the post since.", ["death"]),
    ("Her brother took his own life two winters ago.", ["suicide"]),
    ("The young person has been self-harming again.", ["self-harm"]),
    ("She said her stepfather had abused her when she was small.", ["abuse"]),
    ("A neighbour heard a violent row and called the police.", ["violence"]),
    ("He was beaten up on the way home from the hostel.", ["violence"]),
    ("After the funeral, the bereaved family asked for a review.", ["death", "death"]),
    # Guards: words from the list in a sense that is not the topic.
    ("The tribunal struck the appeal out as an abuse of process.", []),
    ("The deadline moved, and the plan reached a dead end.", []),
    ("The audience was dying to know; she killed time on the train.", ["death", "death"]),
    ("The team hit every target and the figures died down.", ["death"]),
]


@pytest.mark.parametrize(("text", "topics"), MENTIONS, ids=[t[:30] for t, _ in MENTIONS])
def test_distressing_words_are_found_by_their_stems_and_legal_phrases_set_aside(
    text: str, topics: list[str]
) -> None:
    """The word list finds each topic under its endings, and leaves out "abuse of process" and
    "deadline"; it is a word list, so figures of speech ("dying to know") are still asked about."""
    from ethicskit.care import mentions

    assert [topic.value for topic, _ in mentions(text)] == topics


def test_a_case_or_dilemma_touching_death_or_violence_needs_a_content_note(tmp_path: Path) -> None:
    """Reported at the file and line of the first such text, once per file, until the case has a note."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    case, dilemma = root / "cases" / "demo-case.yml", root / "exercises/dilemmas/demo-dilemma.yml"
    replace_in(
        case,
        "  The first paragraph of the fictional narrative.",
        "  The first paragraph of the fictional narrative. Her father died last year.",
    )
    replace_in(
        dilemma,
        "situation: The person calls, upset that nobody asked them.",
        "situation: The person calls, upset that nobody asked them after a violent night at home.",
    )
    assert [p for p in problems_of(root) if p.endswith("[no-content-note]")] == [
        "cases/demo-case.yml:11: 'narrative' mentions 'died' (death), but this case has no content note "
        "[no-content-note]",
        "exercises/dilemmas/demo-dilemma.yml:32: 'nodes.1.situation' mentions 'violent' (violence), but "
        "its case 'demo-case' has no content note [no-content-note]",
    ]
    replace_in(
        case,
        "duration_minutes: 30",
        "duration_minutes: 30\ncontent_note:\n  topics: [death, violence]\n  note: A fixture note on a death.",
    )
    assert problems_of(root) == []


def test_a_nation_whose_regulator_code_is_taught_needs_a_dilemma_set_there(tmp_path: Path) -> None:
    """The kit teaches Wales's regulator code (demo-whole) but its one dilemma is set in England."""
    root = kit_with_whole_code(tmp_path)
    assert [str(p) for p in load_catalog(root)[1]] == [
        "codes_of_practice/demo-whole.yml:6: the kit teaches Test fixture regulator's code for Wales but no "
        "dilemma is set in Wales [nation-uncovered]"
    ]
    # A superseded code, or one issued by a professional body, asks for no dilemma of its own.
    replace_in(
        root / "codes_of_practice" / "demo-whole.yml",
        "issuer_type: regulator",
        "issuer_type: professional-body",
    )
    assert [str(p) for p in load_catalog(root)[1]] == []


def test_the_real_kit_sets_a_dilemma_in_every_nation() -> None:
    catalog, problems = load_catalog(REPO)
    assert problems == []
    regulators = {
        loaded.model.jurisdiction.value
        for loaded in catalog.codes.values()
        if loaded.model.issuer_type.value == "regulator" and loaded.model.status.value == "current"
    }
    assert {"england", "scotland", "wales", "northern-ireland"} <= regulators


CHAPTER = """# A chapter

:::{objectives}
- Say what the reader will be able to do.
:::

Some teaching.

```{reading-list}
:chapter: book/chapter
```

:::{key-points}
- One point.
:::
"""


def chapter_kit(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nparts:\n"
        "  - caption: Understanding first loyalty\n    chapters:\n      - file: book/chapter\n",
        encoding="utf-8",
    )
    (root / "book" / "chapter.md").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CHAPTER, []),
        (
            CHAPTER.replace(":::{objectives}", ":::{important}", 1),
            [
                "book/chapter.md:3: the chapter opens with '{important}', not '{objectives}' [chapter-structure]",
            ],
        ),
        (
            CHAPTER + "\nA closing paragraph.\n",
            [
                "book/chapter.md:17: text follows the '{key-points}' box (line 17); the key points come last "
                "[chapter-structure]"
            ],
        ),
        (
            CHAPTER.replace(":::{key-points}\n- One point.\n:::\n", ""),
            [
                "book/chapter.md:9: the chapter closes with '{reading-list}', not '{key-points}' [chapter-structure]"
            ],
        ),
        (
            CHAPTER.replace("Some teaching.", ":::{objectives}\n- Again.\n:::"),
            ["book/chapter.md:7: the chapter has more than one '{objectives}' box [chapter-structure]"],
        ),
        (
            # A directive nested in another is not the chapter's first or last box.
            CHAPTER.replace(
                ":::{key-points}\n- One point.\n:::",
                "::::{key-points}\n- One point.\n:::{note}\nInside.\n:::\n::::",
            ),
            [],
        ),
    ],
    ids=[
        "well-formed",
        "opens-elsewhere",
        "text-after-key-points",
        "no-key-points",
        "two-objectives",
        "nested",
    ],
)
def test_a_taught_chapter_opens_with_objectives_and_closes_with_key_points(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    problems = load_catalog(chapter_kit(tmp_path, text))[1]
    assert [str(p) for p in problems if p.code is ProblemCode.CHAPTER_STRUCTURE] == expected
