"""Names and telling details: one person per pseudonym, and cases taught together kept apart."""

from __future__ import annotations

import shutil
from pathlib import Path

from ethicskit.catalog import load_catalog
from ethicskit.names import contains, name_words, normalised

FIXTURES = Path(__file__).parent / "fixtures" / "valid"

FIRST_STORY = (
    "narrative: |\n"
    "  Wilhelmina keeps the allotment going although her knee has been bad since the flood in March.\n"
    "\n"
    "  Her brother Mr Ostrowski rings the team twice a week about the broken boiler.\n"
)
SECOND_STORY = (
    "narrative: |\n"
    "  Gideon drives the minibus for the lunch club and has done for sixty winters, he likes to say.\n"
    "\n"
    "  The club is losing its hall, and the manager's instruction arrives on a Friday.\n"
)


def _kit(tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES, root)
    first = root / "cases" / "demo-case.yml"
    text = first.read_text(encoding="utf-8")
    story_start = text.index("narrative: |\n")
    story_end = text.index("tension:\n")
    first.write_text(text[:story_start] + FIRST_STORY + text[story_end:], encoding="utf-8")
    second = text[:story_start] + SECOND_STORY + text[story_end:]
    second = second.replace("id: demo-case", "id: second-case")
    (root / "cases" / "second-case.yml").write_text(second, encoding="utf-8")
    return root


def _declare(root: Path, case: str, pseudonyms: str, details: str | None = None) -> None:
    path = root / "cases" / f"{case}.yml"
    extra = f"pseudonyms: {pseudonyms}\n"
    if details is not None:
        extra += f"telling_details: {details}\n"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("provenance:\n", extra + "provenance:\n", 1), encoding="utf-8")


def _teach_together(root: Path) -> None:
    seminar = root / "exercises" / "seminars" / "demo-seminar.yml"
    text = seminar.read_text(encoding="utf-8")
    together = text.replace("cases: [demo-case]", "cases: [demo-case, second-case]")
    seminar.write_text(together, encoding="utf-8")


def _problems(root: Path) -> list[str]:
    _, problems = load_catalog(root)
    return [str(problem) for problem in problems]


def test_the_two_case_kit_is_clean_before_anything_is_shared(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    _declare(root, "demo-case", "[Wilhelmina, Mr Ostrowski]")
    _declare(root, "second-case", "[Gideon]")
    assert _problems(root) == []


def test_a_name_declared_by_two_cases_is_reported_at_the_later_case(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    _declare(root, "demo-case", "[Wilhelmina, Mr Ostrowski]")
    _declare(root, "second-case", "[Gideon, Wilhelmina]")
    assert _problems(root) == [
        "cases/second-case.yml:40: pseudonym 'Wilhelmina' is already a person in cases/demo-case.yml "
        "('Wilhelmina'); one invented name names one person across the kit [pseudonym-reused]"
    ]


def test_a_surname_with_another_title_is_still_the_same_name(tmp_path: Path) -> None:
    """'the Ostrowski family' in one case and 'Mr Ostrowski' in another are one name for two people."""
    root = _kit(tmp_path)
    _declare(root, "demo-case", "[Wilhelmina, Mr Ostrowski]")
    _declare(root, "second-case", "[Gideon, the Ostrowski family]")
    problems = _problems(root)
    assert len(problems) == 1
    assert (
        "pseudonym 'the Ostrowski family' is already a person in cases/demo-case.yml ('Mr Ostrowski')"
        in (problems[0])
    )


def test_a_family_shares_its_surname_inside_one_case() -> None:
    assert name_words("Mrs Baird") == name_words("Mr Baird") == ["baird"]
    assert name_words("the Turner family") == ["turner"]


def test_a_declared_detail_must_be_in_its_own_case(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    _declare(root, "demo-case", "[Wilhelmina, Mr Ostrowski]", '["the flood in March", "a glass eye"]')
    _declare(root, "second-case", "[Gideon]")
    assert _problems(root) == [
        "cases/demo-case.yml:41: telling detail 'a glass eye' does not appear in the case; copy the phrase "
        "from its text [telling-detail]"
    ]


def test_cases_taught_together_must_declare_their_details(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    _declare(root, "demo-case", "[Wilhelmina, Mr Ostrowski]", '["the flood in March"]')
    _declare(root, "second-case", "[Gideon]")
    _teach_together(root)
    assert _problems(root) == [
        "exercises/seminars/demo-seminar.yml:15: case 'second-case' is taught here with demo-case but "
        "declares no 'telling_details', so nothing can show that the cases stay apart [telling-detail]"
    ]


def test_cases_taught_together_must_not_share_a_telling_detail(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    _declare(root, "demo-case", "[Wilhelmina, Mr Ostrowski]", '["the broken boiler", "the flood in March"]')
    _declare(root, "second-case", "[Gideon]", '["sixty winters"]')
    second = root / "cases" / "second-case.yml"
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace("losing its hall", "losing its hall since the flood\n  in March"))
    _teach_together(root)
    assert _problems(root) == [
        "exercises/seminars/demo-seminar.yml:15: cases 'demo-case' and 'second-case', taught together here, "
        "share the telling detail 'the flood in March' (declared by cases/demo-case.yml) [shared-detail]"
    ]


def test_a_shared_detail_is_no_problem_when_the_cases_are_taught_apart(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    _declare(root, "demo-case", "[Wilhelmina, Mr Ostrowski]", '["the broken boiler"]')
    _declare(root, "second-case", "[Gideon]", '["the broken boiler"]')
    second = root / "cases" / "second-case.yml"
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace("losing its hall", "losing its hall to the broken boiler"))
    assert _problems(root) == []


def test_details_match_whole_words_across_line_breaks_and_apostrophes() -> None:
    text = normalised("He has driven for sixty\n   winters and fixes his sister\u2019s boiler")
    assert contains(text, "sixty winters")
    assert contains(text, "his sister's boiler")
    assert not contains(text, "six")
    assert not contains(text, "sixty winter")
    assert not contains(text, "")


def test_the_kits_own_cases_pass_both_rules() -> None:
    """Every case taught with another declares details, and no name or detail is shared."""
    repo = Path(__file__).parent.parent
    _, problems = load_catalog(repo)
    codes = {"pseudonym-reused", "telling-detail", "shared-detail"}
    assert [str(problem) for problem in problems if problem.code.value in codes] == []


def test_a_case_that_retells_another_shares_its_people_and_details(tmp_path: Path) -> None:
    """The same morning told from the other chair: one person, one name, the same details, no problem."""
    root = _kit(tmp_path)
    _declare(root, "demo-case", "[Wilhelmina, Mr Ostrowski]", '["the broken boiler"]')
    _declare(root, "second-case", "[Gideon, Wilhelmina]", '["the broken boiler"]')
    second = root / "cases" / "second-case.yml"
    text = second.read_text(encoding="utf-8").replace(
        "losing its hall", "losing its hall to the broken boiler"
    )
    second.write_text(text.replace("provenance:\n", "retells: demo-case\nprovenance:\n", 1), encoding="utf-8")
    _teach_together(root)
    assert _problems(root) == []


def test_a_retold_case_must_exist(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    _declare(root, "demo-case", "[Wilhelmina, Mr Ostrowski]")
    _declare(root, "second-case", "[Gideon]")
    second = root / "cases" / "second-case.yml"
    text = second.read_text(encoding="utf-8")
    second.write_text(
        text.replace("provenance:\n", "retells: no-such-case\nprovenance:\n", 1), encoding="utf-8"
    )
    assert _problems(root) == [
        "cases/second-case.yml:41: 'retells' names case 'no-such-case', which does not exist in cases/ "
        "[unknown-case]"
    ]
