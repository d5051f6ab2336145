"""`make bench-profile`: where each generated case's build time goes, and what grows with the kit.

`make bench` reports that a case costs more to build in a kit of 1,000 cases than in one of 100. This
finds out why before anything is changed: it builds the kit as it is, and the kit with each number of
generated cases in BENCH_SCALES (default 100 and 1,000), each clean and under Python's profiler, then
shares out every function's own time. A function's cost per case at a scale is its own time in that
build less its own time in the kit's build, divided by the number of cases; what it adds to the growth
is its cost per case at the largest scale less that at the smallest.

Prints two Markdown tables: by package (which part of the toolchain), then the functions that add most.
The profiler slows Python code more than C code, so the milliseconds are larger than in `make bench`;
it is their shares that are compared. BENCH_PROFILE_KEEP=DIR keeps the three profiles there, to be read
further with `pstats` (which functions call the ones that grow).
"""

from __future__ import annotations

import os
import pstats
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from run import BIN, SCALES, copy_kit, scaled_kit

FunctionKey = tuple[str, int, str]
"""(file, first line, function name), as `pstats` keys a function."""

SHOWN = int(os.environ.get("BENCH_PROFILE_TOP", "15"))
STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()


def profiled_build(kit: Path, output: Path) -> dict[FunctionKey, float]:
    """Each function's own seconds in one clean `jupyter-book build` of `kit`, the kit's strict flags
    included. The build runs in its own process, as `make book` runs it."""
    shutil.rmtree(kit / "_build", ignore_errors=True)
    command = [str(BIN / "jupyter-book"), "build", str(kit), "--path-output", str(kit), "-W", "-n", "-q"]
    result = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(output), *command],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"build of {kit} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return {key: row[2] for key, row in pstats.Stats(str(output)).stats.items()}  # type: ignore[attr-defined]


ADDRESS = re.compile(r" at 0x[0-9a-f]+")
"""A built-in's name may hold the address of its type, which differs from one build to the next."""


def package_of(key: FunctionKey) -> str:
    """The part of the toolchain a function belongs to: its installed package, `ethicskit`, the
    standard library module, or the built-in it is."""
    file, _, name = key
    if file == "~":
        return ADDRESS.sub("", name.strip("<>").removeprefix("built-in method ").removeprefix("method "))
    path = Path(file).resolve()
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1].removesuffix(".py")
    if "ethicskit" in path.parts:
        return "ethicskit"
    if path.is_relative_to(STDLIB):
        return "stdlib " + path.relative_to(STDLIB).parts[0].removesuffix(".py")
    return path.name


def function_name(key: FunctionKey) -> str:
    file, line, name = key
    if file == "~":
        return ADDRESS.sub("", name)
    path = Path(file)
    parts = path.parts
    if "site-packages" in parts:
        shown = "/".join(parts[parts.index("site-packages") + 1 :])
    elif "ethicskit" in parts:
        shown = "/".join(parts[parts.index("ethicskit") :])
    else:
        shown = path.name
    return f"`{name}` ({shown}:{line})"


def per_case(
    own: dict[FunctionKey, float], base: dict[FunctionKey, float], count: int
) -> dict[FunctionKey, float]:
    return {key: (seconds - base.get(key, 0.0)) / count for key, seconds in own.items()}


def grouped(costs: dict[FunctionKey, float], name: Callable[[FunctionKey], str]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for key, seconds in costs.items():
        totals[name(key)] += seconds
    return totals


def table(
    title: str, column: str, small: dict[str, float], large: dict[str, float], scales: tuple[int, int]
) -> None:
    low, high = scales
    added = {name: large.get(name, 0.0) - small.get(name, 0.0) for name in set(small) | set(large)}
    total = sum(added.values())
    print(f"\n{title}\n")
    print(f"| {column} | per case at {low} | per case at {high} | added | share of growth |")
    print("| --- | --- | --- | --- | --- |")
    for name in sorted(added, key=added.__getitem__, reverse=True)[:SHOWN]:
        share = f"{added[name] / total:.0%}" if total > 0 else "n/a"
        print(
            f"| {name} | {small.get(name, 0.0) * 1000:.1f} ms | {large.get(name, 0.0) * 1000:.1f} ms "
            f"| {added[name] * 1000:+.1f} ms | {share} |"
        )
    all_small, all_large = sum(small.values()), sum(large.values())
    print(
        f"| all | {all_small * 1000:.1f} ms | {all_large * 1000:.1f} ms | {total * 1000:+.1f} ms "
        f"| growth {all_large / all_small:.2f} |"
    )


def main() -> None:
    low, high = min(SCALES), max(SCALES)
    with tempfile.TemporaryDirectory(prefix="first-loyalty-profile-") as scratch:
        root = Path(scratch)
        base = profiled_build(copy_kit(root / "kit"), root / "kit.prof")
        costs = {}
        for count in (low, high):
            scaled = scaled_kit(root / f"scale-{count}", count)
            costs[count] = per_case(profiled_build(scaled, root / f"scale-{count}.prof"), base, count)
            shutil.rmtree(scaled)
        if keep := os.environ.get("BENCH_PROFILE_KEEP"):
            Path(keep).mkdir(parents=True, exist_ok=True)
            for profile in root.glob("*.prof"):
                shutil.copy(profile, Path(keep) / profile.name)
    print(f"First Loyalty build profile: own time per generated case, {low} and {high} generated cases")
    views = (("By package", "package", package_of), ("Functions", "function", function_name))
    for title, column, name in views:
        small, large = grouped(costs[low], name), grouped(costs[high], name)
        table(f"{title}, most added first", column, small, large, (low, high))


if __name__ == "__main__":
    main()
