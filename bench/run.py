"""`make bench`: how fast the kit builds and checks, and how light its pages are.

Every ratio is taken against a baseline measured in the same run on the same machine, so the
numbers compare like with like. Generated content lives in a temporary folder and is deleted.
Prints a Markdown table; BENCH_RUNS sets how many runs each median is taken over (default 3).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from ethicskit.names import name_words

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SCALES = [int(n) for n in os.environ.get("BENCH_SCALES", "100,1000").split(",")]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CONTENT = [
    "_config.yml",
    "_toc.yml",
    "book",
    "cases",
    "codes_of_practice",
    "law",
    "exercises",
    "curriculum",
    "sources",
    "templates",
    "translations",
]
"""What a kit is made of, as a lecturer's copy holds it: configuration and content, not the package."""
PAGE_TYPES = {
    "chapter": "book/first-loyalty.html",
    "case": "book/cases/checked-at-every-turn.html",
    "code": "book/codes/swe-2019.html",
    "dilemma": "book/dilemmas/checked-at-every-turn.html",
    "reflections": "book/reflections.html",
    "seminar": "book/seminars/speaking-up.html",
    "worksheet": "book/worksheet.html",
    "room tally": "book/tally.html",
}

Row = tuple[str, str, str, bool | None]
"""(measure, value, target, met); met is None where there is no target."""


def median_of(measure: Callable[[], float], runs: int = RUNS) -> float:
    return statistics.median(measure() for _ in range(runs))


def build(source: Path, output: Path) -> float:
    """Seconds for one `jupyter-book build`, the kit's own strict flags included."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(source), "--path-output", str(output), "-W", "-n", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build of {source} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def copy_kit(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in CONTENT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


def clean_build(kit: Path) -> float:
    shutil.rmtree(kit / "_build", ignore_errors=True)
    return build(kit, kit)


def plain_twin(kit: Path, target: Path) -> Path:
    """A plain Jupyter Book with the kit's pages and words but none of its directives or extension."""
    html = kit / "_build" / "html"
    toc = yaml.safe_load((kit / "_toc.yml").read_text())
    files = [toc["root"]] + [
        entry["file"]
        for part in toc["parts"]
        for chapter in part["chapters"]
        for entry in [chapter, *chapter.get("sections", [])]
    ]
    for name in files:
        source = kit / f"{name}.md"
        if "{code-cell}" in source.read_text():
            # A notebook is content, not a kit directive: the twin executes it too, over the same data.
            (target / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / f"{name}.md")
            for folder in (name for name in CONTENT if name != "book" and (kit / name).is_dir()):
                if not (target / folder).exists():
                    shutil.copytree(kit / folder, target / folder)
            # The widget checks the whole kit first, so the book's data files come too (not its pages).
            shutil.copytree(
                kit / "book", target / "book", ignore=shutil.ignore_patterns("*.md"), dirs_exist_ok=True
            )
            continue
        article = BeautifulSoup((html / f"{name}.html").read_text(), "html.parser").find("article")
        words = " ".join(article.get_text(" ").split()) if article else name
        page = target / f"{name}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        title, _, body = words.partition(" ")
        page.write_text(f"# {title}\n\n" + re.sub(r"(.{1,100})(?:\s|$)", "\\1\n", body) + "\n")
    (target / "_toc.yml").write_text(
        yaml.safe_dump(
            {"format": "jb-book", "root": files[0], "chapters": [{"file": name} for name in files[1:]]}
        )
    )
    (target / "_config.yml").write_text(
        "title: Plain twin\nonly_build_toc_files: true\nexecute:\n  execute_notebooks: cache\n"
    )
    return target


def rewritten_pages(html: Path, since: float) -> list[str]:
    return sorted(
        path.relative_to(html).as_posix() for path in html.rglob("*.html") if path.stat().st_mtime > since
    )


EDITED_CASE = "cases/checked-at-every-turn.yml"


def edited_case(text: str, run: int) -> str:
    """The case as a lecturer's everyday edit leaves it: another suggested discussion time."""
    edited = re.sub(r"(?m)^duration_minutes: \d+$", f"duration_minutes: {50 + run}", text, count=1)
    if edited == text:
        sys.exit(f"the benchmark's edit no longer changes {EDITED_CASE}: choose another")
    return edited


def incremental(kit: Path) -> tuple[float, float, list[str]]:
    """(edit rebuild seconds, no-op rebuild seconds, pages rewritten by the edit)."""
    case = kit / EDITED_CASE
    original = case.read_text()
    edits, noops, pages = [], [], []
    for run in range(RUNS):
        noops.append(build(kit, kit))
        case.write_text(edited_case(original, run))
        since = time.time()
        time.sleep(0.01)
        edits.append(build(kit, kit))
        pages = rewritten_pages(kit / "_build" / "html", since)
    case.write_text(original)
    return statistics.median(edits), statistics.median(noops), pages


def own_names(pseudonyms: list[str], number: int) -> Callable[[str], str]:
    """Give a generated copy its own people: each name word of the template's pseudonyms gets a suffix
    made from the copy's number ('Rhodri' becomes 'Rhodribc'), since one invented name names one person
    across a kit."""
    suffix = "".join(chr(ord("a") + int(digit)) for digit in f"{number:04d}")
    words = {word for pseudonym in pseudonyms for word in name_words(pseudonym)}
    if not words:
        return lambda text: text
    pattern = re.compile(
        r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b", re.I
    )
    return lambda text: pattern.sub(lambda found: found[0] + suffix, text)


def scaled_kit(target: Path, count: int) -> Path:
    """The kit with `count` generated cases (and as many dilemmas), each with its own page, listed in
    the table of contents under the cases and dilemmas chapters as a lecturer would add them."""
    kit = copy_kit(target)
    cases = sorted((REPO / "cases").glob("*.yml"))
    dilemmas = {path.stem: path for path in (REPO / "exercises" / "dilemmas").glob("*.yml")}
    toc = yaml.safe_load((kit / "_toc.yml").read_text())
    chapters = {chapter["file"]: chapter for part in toc["parts"] for chapter in part["chapters"]}
    case_pages = chapters["book/cases/index"]["sections"]
    dilemma_pages = chapters["book/dilemmas/index"]["sections"]
    for number in range(count):
        template = cases[number % len(cases)]
        new_id = f"scale-{number:04d}-{template.stem}"
        text = template.read_text().replace(f"id: {template.stem}\n", f"id: {new_id}\n", 1)
        renamed = own_names(yaml.safe_load(text).get("pseudonyms", []), number)
        text = renamed(text)
        (kit / "cases" / f"{new_id}.yml").write_text(text)
        (kit / "book" / "cases" / f"{new_id}.md").write_text(f"```{{case}} {new_id}\n```\n")
        case_pages.append({"file": f"book/cases/{new_id}"})
        if template.stem in dilemmas:
            dilemma = dilemmas[template.stem].read_text()
            dilemma = dilemma.replace(f"id: {template.stem}\n", f"id: {new_id}\n", 1)
            dilemma = renamed(dilemma.replace(f"case: {template.stem}\n", f"case: {new_id}\n", 1))
            (kit / "exercises" / "dilemmas" / f"{new_id}.yml").write_text(dilemma)
            (kit / "book" / "dilemmas" / f"{new_id}.md").write_text(f"```{{dilemma}} {new_id}\n```\n")
            dilemma_pages.append({"file": f"book/dilemmas/{new_id}"})
    (kit / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    return kit


def check_against_yaml(kit: Path) -> tuple[float, float, int]:
    """(seconds for the full check, seconds for bare yaml.safe_load of the same files, file count)."""
    from ethicskit.catalog import load_catalog

    files = [
        *kit.glob("codes_of_practice/*.yml"),
        *kit.glob("law/*.yml"),
        *kit.glob("cases/*.yml"),
        *kit.glob("exercises/dilemmas/*.yml"),
    ]

    def check() -> float:
        started = time.perf_counter()
        _, problems = load_catalog(kit)
        assert problems == [], problems[:3]
        return time.perf_counter() - started

    def bare() -> float:
        started = time.perf_counter()
        for path in files:
            yaml.safe_load(path.read_text(encoding="utf-8"))
        return time.perf_counter() - started

    return median_of(check), median_of(bare), len(files)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def browser_measures(html: Path) -> tuple[dict[str, int], float]:
    """(bytes each page type loads, median ms from DOMContentLoaded to a clickable first choice)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    weights: dict[str, int] = {}
    timings: list[float] = []
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        for kind, name in PAGE_TYPES.items():
            context = browser.new_context()
            page = context.new_page()
            sizes: list[int] = []
            page.on(
                "requestfinished",
                lambda request, sizes=sizes: sizes.append(
                    request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
                ),
            )
            page.goto(f"{base}/{name}", wait_until="networkidle")
            weights[kind] = sum(sizes)
            context.close()
        for _ in range(max(RUNS, 5)):
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(
                """
                document.addEventListener("DOMContentLoaded", () => {
                  const t0 = performance.now();
                  const ready = () => document.querySelector(".ek-choices button:not([disabled])");
                  const done = () => { window.__ekReady = performance.now() - t0; };
                  if (ready()) { done(); return; }
                  new MutationObserver((_, observer) => {
                    if (ready()) { observer.disconnect(); done(); }
                  }).observe(document.documentElement, { childList: true, subtree: true });
                });
                """
            )
            page.goto(f"{base}/{PAGE_TYPES['dilemma']}")
            page.wait_for_function("window.__ekReady !== undefined")
            timings.append(float(page.evaluate("window.__ekReady")))
            context.close()
        browser.close()
    server.shutdown()
    return weights, statistics.median(timings)


def peak_build_memory(kit: Path) -> float:
    """MiB: the largest resident set of any process of one clean build."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    shutil.rmtree(kit / "_build", ignore_errors=True)
    command = [str(BIN / "jupyter-book"), "build", str(kit), "--path-output", str(kit), "-q"]
    result = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip()) / 1024


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s"


class Table:
    """Prints each row as soon as it is measured, so a long run shows its progress."""

    def __init__(self) -> None:
        print(
            f"First Loyalty benchmark — {platform.node()}, {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, median of {RUNS} runs\n",
            flush=True,
        )
        print("| measure | value | target | met |\n| --- | --- | --- | --- |", flush=True)

    def append(self, row: Row) -> None:
        measure, value, target, met = row
        mark = "" if met is None else ("yes" if met else "**no**")
        print(f"| {measure} | {value} | {target} | {mark} |", flush=True)


def main() -> None:
    rows = Table()
    with tempfile.TemporaryDirectory(prefix="first-loyalty-bench-") as scratch:
        root = Path(scratch)
        kit = copy_kit(root / "kit")
        kit_clean = median_of(lambda: clean_build(kit))
        twin = plain_twin(kit, root / "plain")
        plain_clean = median_of(lambda: clean_build(twin))
        ratio = kit_clean / plain_clean
        pages = len(list((kit / "_build" / "html").rglob("*.html")))
        rows.append((f"clean build, kit ({pages} pages)", fmt(kit_clean), "", None))
        rows.append(("clean build, plain book with the same pages and words", fmt(plain_clean), "", None))
        rows.append(("clean build ratio, kit / plain", f"{ratio:.2f}", "≤ 1.5", ratio <= 1.5))

        edit, noop, rewritten = incremental(kit)
        rows.append(("rebuild after editing one case", fmt(edit), "", None))
        rows.append(("no-op rebuild", fmt(noop), "", None))
        rows.append(("incremental ratio, edit / no-op", f"{edit / noop:.2f}", "≤ 1.3", edit / noop <= 1.3))
        rows.append(
            ("pages rewritten by the edit", ", ".join(rewritten) or "none", "the case's dependants", None)
        )

        weights, ready_ms = browser_measures(kit / "_build" / "html")
        for kind, size in weights.items():
            rows.append((f"page weight, {kind}", f"{size / 1024:.0f} KB", "≤ 1 MB", size <= 1024 * 1024))
        player = sum(
            len((kit / "_build" / "html" / "_static" / f"dilemma-player.{ext}").read_bytes())
            for ext in ("js", "css")
        )
        rows.append(("player JS + CSS", f"{player / 1024:.1f} KB", "≤ 20 KB", player <= 20 * 1024))
        ready = f"{ready_ms:.1f} ms" + (" (ready before the event fired)" if ready_ms < 1 else "")
        rows.append(("DOMContentLoaded to first choice clickable", ready, "≤ 50 ms", ready_ms <= 50))
        rows.append(("peak memory of a clean build", f"{peak_build_memory(kit):.0f} MiB", "", None))

        per_case = {}
        for count in SCALES:
            scaled = scaled_kit(root / f"scale-{count}", count)
            check, bare, files = check_against_yaml(scaled)
            rows.append((f"ethicskit check, {files} files", fmt(check), "", None))
            rows.append((f"bare yaml.safe_load, {files} files", fmt(bare), "", None))
            rows.append(
                (
                    f"check ratio at {count}, check / safe_load",
                    f"{check / bare:.2f}",
                    "≤ 3",
                    check / bare <= 3,
                )
            )
            base = clean_build(kit)  # measured next to the scaled build, so both see the same machine load
            seconds = clean_build(scaled)
            per_case[count] = (seconds - base) / count
            label = f"build time per generated case (with its dilemma, if any) at {count}"
            rows.append((label, f"{per_case[count] * 1000:.0f} ms", "", None))
            shutil.rmtree(scaled)
        small, large = min(SCALES), max(SCALES)
        growth = per_case[large] / per_case[small]
        rows.append(
            (
                f"per-case build time, {large} / {small}",
                f"{growth:.2f}",
                "≤ 1.1",
                growth <= 1.1,
            )
        )
    rows.append(suite_time())


def suite_time() -> Row:
    """Wall time of the whole pytest suite as `make test` runs it, browser sweeps included.

    Run last and alone, so no other measurement shares the machine with it. BENCH_SUITE=0 leaves it
    out for a quick look at the other rows.
    """
    label = "test suite (pytest, every browser test included), wall time"
    if os.environ.get("BENCH_SUITE", "1") == "0":
        return (label, "not measured (BENCH_SUITE=0)", "≤ 7 min", None)
    started = time.perf_counter()
    result = subprocess.run(
        # In as many processes as `make test` uses (the Makefile passes its PYTEST_PROCESSES).
        [
            str(BIN / "pytest"),
            "-q",
            "-p",
            "no:cacheprovider",
            *os.environ.get("PYTEST_PROCESSES", "").split(),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    verdict = "passed" if result.returncode == 0 else "FAILED"
    return (label, f"{fmt(seconds)} ({verdict})", "≤ 7 min", result.returncode == 0 and seconds <= 420)


if __name__ == "__main__":
    main()
