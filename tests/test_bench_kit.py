"""The generated kits `make bench` builds must be valid kits, or the benchmark measures nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from ethicskit.catalog import load_catalog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from run import scaled_kit


def test_a_scaled_kit_passes_the_checker(tmp_path: Path) -> None:
    """Copies of the real cases, each with its own people, since one invented name names one person."""
    kit = scaled_kit(tmp_path / "kit", 40)
    catalog, problems = load_catalog(kit)
    assert [str(problem) for problem in problems] == []
    assert len([case for case in catalog.cases if case.startswith("scale-")]) == 40
