"""The generated kits `make bench` builds must be valid kits, or the benchmark measures nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO
from ethicskit.catalog import load_catalog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from run import EDITED_CASE, copy_kit, edited_case, scaled_kit


def test_a_scaled_kit_passes_the_checker(tmp_path: Path) -> None:
    """Copies of the real cases, each with its own people, since one invented name names one person."""
    kit = scaled_kit(tmp_path / "kit", 40)
    catalog, problems = load_catalog(kit)
    assert [str(problem) for problem in problems] == []
    assert len([case for case in catalog.cases if case.startswith("scale-")]) == 40


def test_the_benchmarked_kit_holds_everything_the_real_kit_reads(tmp_path: Path) -> None:
    """The copy `make bench` builds reads the same content files, chapter translations and chapter pages
    as the kit itself: a folder left out would make the benchmark build fail or measure less."""
    kit = copy_kit(tmp_path / "kit")
    real, _ = load_catalog(REPO)
    copied, problems = load_catalog(kit)
    assert problems == []
    assert [path.relative_to(kit) for path in copied.content_files()] == [
        path.relative_to(REPO) for path in real.content_files()
    ]
    for collection in ("codes", "laws", "cases", "dilemmas", "seminars", "frameworks"):
        assert sorted(getattr(copied, collection)) == sorted(getattr(real, collection)), collection
    for single in ("chapter_reading", "chapter_self_checks", "curriculum_maps"):
        assert (getattr(copied, single) is None) == (getattr(real, single) is None), single
    assert copied.bibliography == real.bibliography
    assert copied.translations == real.translations


def test_the_benchmarks_edit_changes_a_case_and_leaves_the_kit_valid(tmp_path: Path) -> None:
    """The rebuild after an edit is timed on a kit that still builds: the edit changes the case's text
    and breaks no rule."""
    kit = copy_kit(tmp_path / "kit")
    case = kit / EDITED_CASE
    original = case.read_text(encoding="utf-8")
    case.write_text(edited_case(original, 0), encoding="utf-8")
    assert case.read_text(encoding="utf-8") != original
    _, problems = load_catalog(kit)
    assert [str(problem) for problem in problems] == []
