"""The anonymity and originality guard, run through the checker on planted fixture content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from ethicskit.anonymity import Guard, fingerprint, write_fingerprints
from ethicskit.catalog import load_catalog
from ethicskit.models import ChapterSelfChecks, Dilemma
from ethicskit.prose import own_words

OWN_SOURCE = FIXTURES / "sources" / "own-source.txt"

PLANTED = [
    ("email", "Write to j.smith@example.org today.", "contains an email address ('j.smith@example.org')"),
    ("url", "The form is at https://forms.example.net/referral now.", "contains a web address"),
    ("phone", "She rang 07700 900456 at once.", "contains a phone number ('07700 900456')"),
    ("landline", "The office is on 0161 496 0000 today.", "contains a phone number ('0161 496 0000')"),
    ("postcode", "The flat is near SW1A 1AA, by the river.", "contains a UK postcode ('SW1A 1AA')"),
    ("nhs", "His NHS number 943 476 5919 was on the letter.", "contains an NHS number ('943 476 5919')"),
    ("ni", "Her number AB 12 34 56 C was on file.", "contains a National Insurance number ('AB 12 34 56 C')"),
    ("date", "The visit was on 14 March 2023, early.", "contains an exact date ('14 March 2023')"),
    ("us-date", "It was March 14, 2023 when it happened.", "contains an exact date ('March 14, 2023')"),
    ("numeric-date", "The letter is dated 14/03/2023 and unsigned.", "contains an exact date ('14/03/2023')"),
    ("honorific", "The worker visited Mrs Okonkwo at home.", "names a person ('Mrs Okonkwo')"),
    ("name", "The worker phoned Priya about it.", "contains 'Priya', which looks like the name"),
    ("place", "The team covers the north of Bristol.", "contains 'Bristol', which looks like the name"),
    (
        "organisation",
        "The contract went to Northgate Care Partners last year.",
        "contains 'Northgate Care Partners'",
    ),
    ("acronym", "The plan came from the KLM board.", "contains 'KLM', which looks like the name"),
]


def kit_with_narrative(tmp_path: Path, sentence: str) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    case = root / "cases" / "demo-case.yml"
    text = case.read_text().replace(
        "  The first paragraph of the fictional narrative.", f"  The first paragraph. {sentence}"
    )
    case.write_text(text)
    return root


@pytest.mark.parametrize(("kind", "sentence", "expected"), PLANTED, ids=[p[0] for p in PLANTED])
def test_planted_identifier_is_caught_with_file_and_line(
    tmp_path: Path, kind: str, sentence: str, expected: str
) -> None:
    """Each kind of identifying detail in a narrative is reported at the narrative's line."""
    _, problems = load_catalog(kit_with_narrative(tmp_path, sentence))
    messages = [str(problem) for problem in problems]
    assert any(
        message.startswith("cases/demo-case.yml:11: 'narrative' ") and expected in message
        for message in messages
    ), messages


def test_declared_pseudonyms_and_ordinary_words_pass(tmp_path: Path) -> None:
    """Invented names listed under 'pseudonyms', days, nations, the NHS and 'Black' as a description of
    people are not flagged."""
    root = kit_with_narrative(
        tmp_path,
        "On Friday Priya told Mr Okonkwo that the NHS in England would help. "
        "Mr Okonkwo's son agreed. They'll visit. I'm sure. Don't worry. She rings on Sundays. "
        "Relationship-based work matters. The family is one of few Black families on the caseload.",
    )
    case = root / "cases" / "demo-case.yml"
    case.write_text(case.read_text().replace("provenance:", "pseudonyms: [Priya, Mr Okonkwo]\nprovenance:"))
    _, problems = load_catalog(root)
    assert problems == []


def test_provenance_is_exempt_but_questions_and_notes_are_not(tmp_path: Path) -> None:
    """Provenance may name the publication; questions and instructor notes may not name anyone."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    case = root / "cases" / "demo-case.yml"
    text = case.read_text().replace(
        "provenance:\n  kind: composite",
        "provenance:\n  kind: diary\n  publication: The Weekly Practitioner\n"
        "  article_title: Diary of a Tuesday",
    )
    text = text.replace("- What would you do next?", "- What would Bristol do next?")
    text = text.replace("Read aloud, then pairs.", "Email tutor@example.ac.uk first.")
    case.write_text(text)
    _, problems = load_catalog(root)
    assert [str(problem) for problem in problems] == [
        "cases/demo-case.yml:31: 'questions.3' contains 'Bristol', which looks like the name of a person, "
        "organisation or place and is not declared under 'pseudonyms' [undeclared-name]",
        "cases/demo-case.yml:35: 'instructor_notes.how_to_run' contains an email address "
        "('tutor@example.ac.uk') [identifier]",
    ]


def test_dilemma_text_is_guarded_too(tmp_path: Path) -> None:
    """Dilemmas are scenario text: an undeclared name in a situation is reported."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    dilemma = root / "exercises" / "dilemmas" / "demo-dilemma.yml"
    dilemma.write_text(dilemma.read_text().replace("Your manager wants", "Your manager Darren wants"))
    _, problems = load_catalog(root)
    assert [problem.code.value for problem in problems] == ["undeclared-name"]
    assert problems[0].path == "exercises/dilemmas/demo-dilemma.yml" and problems[0].line == 8


def test_copied_run_from_a_registered_source_is_caught(tmp_path: Path) -> None:
    """Registering a source by fingerprint; a case reusing eight of its words in a row is reported."""
    root = kit_with_narrative(
        tmp_path, "Later the manager opened the spreadsheet and read out the number of people waiting."
    )
    written = write_fingerprints(OWN_SOURCE.read_text(), "own-source", root)
    assert "manager opened the spreadsheet" not in written.read_text(), "fingerprints must not hold the text"
    _, problems = load_catalog(root)
    assert [str(problem) for problem in problems] == [
        "cases/demo-case.yml:11: 'narrative' shares the 8-word run 'the manager opened the spreadsheet and "
        "read out' with the source 'own-source' [copied-text]"
    ]


def test_a_paraphrase_of_the_source_is_not_flagged(tmp_path: Path) -> None:
    """Reworded text passes even where it keeps the source's idea and a few of its words."""
    root = kit_with_narrative(
        tmp_path, "The manager eventually read the waiting list figures from a spreadsheet."
    )
    write_fingerprints(OWN_SOURCE.read_text(), "own-source", root)
    _, problems = load_catalog(root)
    assert problems == []


def test_fingerprints_ignore_case_punctuation_and_line_breaks() -> None:
    """Reformatting a copied passage does not hide it."""
    original = fingerprint("Nobody wanted to be the one who mentioned the backlog")
    reformatted = fingerprint("NOBODY wanted to be\nthe one -- who mentioned, the backlog!")
    assert original == reformatted and len(original) == 3


def test_the_real_diaries_are_registered() -> None:
    """Both diaries the first cases come from are registered, by fingerprint only."""
    from conftest import REPO

    guard = Guard.load(REPO)
    diaries = [source for source in guard.sources if source.name.startswith("diary-")]
    assert sorted(source.name for source in diaries) == [
        "diary-post-inspection",
        "diary-transformation-programme",
    ]
    assert all(len(source.hashes) > 500 for source in diaries)


def test_what_the_guards_read_is_declared_on_the_models() -> None:
    """The guards read a file's own words as its model declares them: ids, references and where a choice
    leads are passed over, every other string is read, and data no model describes is read whole."""
    choice = {
        "id": "ask-for-time",
        "label": "Ask for a week",
        "leads_to": "the-review",
        "consequence": "The review waits a week.",
        "honours": ["swe-2019:3.1"],
        "law": [{"ref": "care-act-2014:9", "relation": "honours"}],
        "when": ["listen-first"],
    }
    node = {"id": "the-meeting", "situation": "The room is quiet.", "choices": [choice]}
    read = dict(own_words({"id": "demo", "case": "demo-case", "nodes": [node]}, Dilemma))
    assert read == {
        ("nodes", 0, "situation"): "The room is quiet.",
        ("nodes", 0, "choices", 0, "label"): "Ask for a week",
        ("nodes", 0, "choices", 0, "consequence"): "The review waits a week.",
        ("nodes", 0, "choices", 0, "law", 0, "relation"): "honours",
    }
    # A field the model does not know is read, as is data read without a model.
    assert ("surprise",) in dict(own_words({"surprise": "A new field."}, Dilemma))
    assert len(dict(own_words({"nodes": [node]}, None))) == 10
    # A mapping of models (chapters by page) is read as the models it holds.
    chapters = {"chapters": {"book/first-loyalty": {"questions": [{"id": "q1", "prompt": "Why?"}]}}}
    assert dict(own_words(chapters, ChapterSelfChecks)) == {
        ("chapters", "book/first-loyalty", "questions", 0, "prompt"): "Why?"
    }
