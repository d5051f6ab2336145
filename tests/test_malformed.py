"""Hostile and messy input: every malformed file is reported at its own file and line, with a fitting
code and hint, exit 1, no traceback and no report about any other file.

Each row of `ROWS` is one malformed input. To add one, write one line:
    Row("what-it-is", edit(CASE, "text in the fixture", "text that breaks it"), "cases/demo-case.yml:7", "code", "hint words"),
`where` is "path:line", or just the path when a problem has no line (a link or a stray file).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, REPO
from ethicskit.catalog import load_catalog
from ethicskit.cli import main
from ethicskit.loader import MAX_FILE_BYTES, read_text
from ethicskit.problems import ProblemCode

VALID = FIXTURES / "valid"
CASE = "cases/demo-case.yml"
DILEMMA = "exercises/dilemmas/demo-dilemma.yml"
SEMINAR = "exercises/seminars/demo-seminar.yml"
CODE = "codes_of_practice/demo-standards.yml"
OLD = "codes_of_practice/demo-old.yml"

Setup = Callable[[Path], None]


def edit(file: str, old: str, new: str) -> Setup:
    """Replace the first `old` in a fixture file with `new` (which must change the file)."""

    def apply(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")

    return apply


def write(file: str, content: str | bytes) -> Setup:
    """Write a file (text as UTF-8, or exact bytes), creating its folder."""

    def apply(root: Path) -> None:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)

    return apply


def encode(file: str, old: str, new: bytes) -> Setup:
    """Replace `old` in a fixture file with raw bytes: text in another encoding."""

    def apply(root: Path) -> None:
        path = root / file
        data = path.read_bytes()
        assert old.encode() in data
        path.write_bytes(data.replace(old.encode(), new, 1))

    return apply


def link(file: str, target: str) -> Setup:
    """Make `file` a symbolic link to `target` (relative to the link's folder)."""

    def apply(root: Path) -> None:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)

    return apply


def outside(name: str) -> Setup:
    """A YAML file beside the kit, outside the repository: the target of a link."""
    return lambda root: (root.parent / name).write_text((VALID / CASE).read_text(encoding="utf-8"))


def both(*steps: Setup) -> Setup:
    def apply(root: Path) -> None:
        for step in steps:
            step(root)

    return apply


def ignored_by_git(file: str) -> Setup:
    """Make the kit a git repository whose .gitignore matches `file`, and write `file` there."""

    def apply(root: Path) -> None:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        (root / ".gitignore").write_text(f"/{file}\n", encoding="utf-8")
        (root / file).write_text((VALID / CASE).read_text(encoding="utf-8"), encoding="utf-8")

    return apply


def nest(depth: int) -> str:
    return "[" * depth + "]" * depth


BOMB = "".join(
    [
        "questions: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
        "objectives: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
        "key_points: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
    ]
)


class Row(NamedTuple):
    name: str
    setup: Setup
    where: str
    code: str
    hint: str


# One row per line, so a reviewer adds a case by adding a line.
# fmt: off
ROWS = [
    # --- syntax a text editor or a word processor can introduce -------------------------------------
    Row("tab-indents-a-key", edit(CASE, "  service:", "\tservice:"), f"{CASE}:6", "yaml-tab", "spaces"),
    Row("tab-indents-a-list-item", edit(CASE, "  - What happened?", "\t- What happened?"), f"{CASE}:28", "yaml-tab", "spaces"),
    Row("tab-in-a-dilemma", edit(DILEMMA, "    prompt: What", "\t\tprompt: What"), f"{DILEMMA}:9", "yaml-tab", "Tab"),
    Row("tab-in-a-code", edit(CODE, '    title: "Working', '\ttitle: "Working'), f"{CODE}:20", "yaml-tab", "spaces"),
    Row("unclosed-double-quote", edit(CASE, 'title: "A demonstration case"', 'title: "A demonstration case'), f"{CASE}:2", "unclosed-quote", "Close the quote"),
    Row("unclosed-single-quote", edit(DILEMMA, 'title: "The Friday deadline"', "title: 'The Friday deadline"), f"{DILEMMA}:3", "unclosed-quote", "same line"),
    Row("unclosed-quote-in-a-list", edit(CASE, '- ref: "demo-standards:2.1"', '- ref: "demo-standards:2.1'), f"{CASE}:22", "unclosed-quote", "Close the quote"),
    Row("unclosed-quote-in-a-code", edit(CODE, 'issuer: "Test fixture issuer"', 'issuer: "Test fixture issuer'), f"{CODE}:5", "unclosed-quote", "block"),
    Row("latin-1-byte", encode(CASE, "The first paragraph", b"The caf\xe9 paragraph"), f"{CASE}:12", "encoding", "UTF-8"),
    Row("windows-1252-smart-quote", encode(CASE, "A short fictional", b"A \x93short\x94 fictional"), f"{CASE}:4", "encoding", "Save the file as UTF-8"),
    Row("utf-16-file", lambda root: (root / SEMINAR).write_bytes((VALID / SEMINAR).read_text().encode("utf-16")), f"{SEMINAR}:1", "encoding", "UTF-8"),
    Row("nul-character", encode(DILEMMA, "What do you do?", b"What do you\x00 do?"), f"{DILEMMA}:9", "encoding", "retype"),
    Row("escape-character", encode(CODE, "Working with people", b"Working\x1b with people"), f"{CODE}:20", "encoding", "retype"),
    Row("bad-indentation", edit(CASE, "setting:\n  service", "setting:\n service"), f"{CASE}:7", "yaml-syntax", "indentation"),
    Row("second-document", edit(SEMINAR, "preparation:", "---\npreparation:"), f"{SEMINAR}:13", "yaml-syntax", "indentation"),
    Row("empty-file", write(CASE, ""), f"{CASE}:1", "empty-file", "template"),
    Row("only-comments", write(DILEMMA, "# nothing here yet\n"), f"{DILEMMA}:1", "empty-file", "template"),
    Row("a-list-not-a-mapping", write(SEMINAR, "- one\n- two\n"), f"{SEMINAR}:1", "wrong-type", "shape"),
    Row("a-key-that-is-a-list", edit(CASE, "perspective: third-person", "? [a, b]\n: c\nperspective: third-person"), f"{CASE}:10", "wrong-type", "shape"),
    Row("duplicate-nested-key", edit(CASE, "  role: social worker", "  role: x\n  role: social worker"), f"{CASE}:9", "duplicate-key", "once"),
    # --- limits: nothing in a file may cost unbounded memory or time ------------------------------
    Row("anchor-and-alias", edit(CASE, "questions:\n", "questions: &asked\n"), f"{CASE}:27", "yaml-alias", "in full"),
    Row("alias-without-anchor", edit(CASE, "objectives: [Name", "objectives: [*named, Name"), f"{CASE}:32", "yaml-alias", "aliases (*name)"),
    Row("merge-key", edit(DILEMMA, "          profession: {text: Judgement is rushed.", "          <<: *base\n          profession: {text: Judgement is rushed."), f"{DILEMMA}:17", "yaml-alias", "in full"),
    Row("small-alias-bomb", edit(CASE, "questions:\n  - What happened?\n  - Who is affected?\n  - What do the codes ask?\n  - What would you do next?\n", BOMB), f"{CASE}:27", "yaml-alias", "expand"),
    Row("nest-of-flow-lists", edit(CASE, "objectives: [Name the two loyalties in conflict.]", f"objectives: {nest(40)}"), f"{CASE}:32", "too-deep", "indentation"),
    Row("nest-of-mappings", edit(CASE, "duration_minutes: 30\n", "duration_minutes: 30\nextra:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(35)) + "  " * 36 + "end: 1\n"), f"{CASE}:72", "too-deep", "stray brackets"),
    Row("python-object-tag", edit(CASE, "role: social worker", "role: !!python/object/apply:os.system [echo]"), f"{CASE}:8", "unsafe-tag", "tag"),
    Row("python-name-tag", edit(DILEMMA, 'title: "The Friday deadline"', "title: !!python/name:builtins.print"), f"{DILEMMA}:3", "unsafe-tag", "'!'"),
    Row("binary-tag", edit(SEMINAR, "care: Say", "care: !!binary aGVsbG8=\nx: Say"), f"{SEMINAR}:33", "unsafe-tag", "tag"),
    Row("local-include-tag", edit(CODE, "binds: >-", "binds: !include other.yml\nx: >-"), f"{CODE}:8", "unsafe-tag", "text, numbers"),
    Row("set-tag", edit(CASE, "themes: [participation-consent", "themes: !!set [participation-consent"), f"{CASE}:26", "unsafe-tag", "tag"),
    Row("file-over-1-mib", write(CASE, "id: demo-case\n" + "# padding\n" * 120_000), f"{CASE}:104858", "file-too-large", "1 MiB"),
    # --- YAML 1.1 reads some unquoted words as something else -----------------------------------------
    Row("unquoted-no", edit(CASE, 'title: "A demonstration case"', "title: no"), f"{CASE}:2", "unquoted-value", "quotes"),
    Row("unquoted-yes", edit(DILEMMA, "      - id: comply\n        label: Close it by Friday", "      - id: comply\n        label: yes"), f"{DILEMMA}:12", "unquoted-value", '"no"'),
    Row("unquoted-off", edit(CASE, "role: social worker in a community team", "role: off"), f"{CASE}:8", "unquoted-value", "true or false"),
    Row("unquoted-on", edit(SEMINAR, "  - Speak from your own experience.", "  - on"), f"{SEMINAR}:30", "unquoted-value", "quotes"),
    Row("unquoted-clause-id", edit(CODE, 'id: "1.10"', "id: 1.10"), f"{CODE}:31", "unquoted-value", "1.10"),
    Row("unquoted-section-number", edit(CODE, '  - id: "2"', "  - id: 2"), f"{CODE}:36", "unquoted-value", "quotes"),
    Row("unquoted-version-year", edit(CODE, 'version: "2024"', "version: 2024"), f"{CODE}:10", "unquoted-value", "quotes"),
    Row("date-as-a-question", edit(CASE, "  - Who is affected?", "  - 2024-05-01"), f"{CASE}:29", "unquoted-value", "date"),
    Row("impossible-date", edit(CODE, "in_force_from: 2024-01-01", "in_force_from: 2024-13-45"), f"{CODE}:11", "unquoted-value", "date"),
    Row("number-beyond-reason", edit(CASE, "duration_minutes: 30", "duration_minutes: " + "9" * 5000), f"{CASE}:39", "unquoted-value", "number"),
    Row("unquoted-no-as-a-jurisdiction", edit(CASE, "jurisdiction: england", "jurisdiction: no"), f"{CASE}:7", "unquoted-value", "quotes"),
    Row("empty-list-item", edit(CASE, "key_points: [A deadline is not a reason.]", "key_points:\n  -\n"), f"{CASE}:34", "wrong-type", "shape"),
    # --- dilemma ids ----------------------------------------------------------------------------------
    Row("duplicate-node-id", edit(DILEMMA, "  - id: rushed", "  - id: deadline"), f"{DILEMMA}:31", "duplicate-node", "its own id"),
    Row("duplicate-choice-id", edit(DILEMMA, "      - id: apologise", "      - id: comply"), f"{DILEMMA}:34", "duplicate-node", "once in the file"),
    Row("ending-id-reuses-a-node-id", edit(DILEMMA, "  - id: ending-time", "  - id: rushed"), f"{DILEMMA}:68", "duplicate-node", "its own id"),
    # --- markup and links that run code, in every content type ----------------------------------------
    Row("javascript-link-in-a-case", edit(CASE, "The first paragraph", "The [first](javascript:alert(1)) paragraph"), f"{CASE}:11", "unsafe-link", "javascript:"),
    Row("javascript-link-spaced", edit(CASE, "A short fictional case", "A [short](  JavaScript :void(0)) case"), f"{CASE}:3", "unsafe-link", "refused"),
    Row("javascript-with-a-tab", edit(DILEMMA, "label: Close it by Friday", 'label: "[Close](java\\tscript:x) it"'), f"{DILEMMA}:12", "unsafe-link", "javascript:"),
    Row("data-link-in-a-dilemma", edit(DILEMMA, "consequence: The assessment is closed on time.", "consequence: See [this](data:text/html;base64,PGI+) first."), f"{DILEMMA}:14", "unsafe-link", "data:"),
    Row("vbscript-autolink-in-a-seminar", edit(SEMINAR, "care: Say at the start", "care: Open <vbscript:msgbox> and say at the start"), f"{SEMINAR}:33", "unsafe-link", "vbscript:"),
    Row("link-definition-in-a-case", edit(CASE, "  The second paragraph", "  [why]: javascript:void(0)\n\n  The second paragraph"), f"{CASE}:11", "unsafe-link", "https://"),
    Row("javascript-link-in-a-code", edit(CODE, "paraphrase: Keep information private", "paraphrase: Keep [information](javascript:x) private"), f"{CODE}:28", "unsafe-link", "javascript:"),
    Row("data-link-in-an-old-code", edit(OLD, "paraphrase: Be honest", "paraphrase: Be [honest](data:image/svg+xml,abc)"), f"{OLD}:25", "unsafe-link", "data:"),
    Row("tag-in-a-dilemma", edit(DILEMMA, "situation: Your manager", "situation: <b>Your</b> manager"), f"{DILEMMA}:8", "html-in-text", "plain text"),
    Row("script-in-a-seminar", edit(SEMINAR, "  - Keep what others share in the room.", "  - <script>alert(1)</script>"), f"{SEMINAR}:31", "html-in-text", "tags"),
    Row("img-onerror-in-an-outcome", edit(SEMINAR, "outcome: Explain the pull", "outcome: <img src=x onerror=alert(1)> Explain the pull"), f"{SEMINAR}:7", "html-in-text", "tags"),
    Row("html-comment-in-a-question", edit(CASE, "  - What happened?", "  - What <!-- hidden --> happened?"), f"{CASE}:28", "html-in-text", "plain text"),
    Row("html-in-a-code-clause", edit(CODE, "paraphrase: Respect people's", "paraphrase: <i>Respect</i> people's"), f"{CODE}:24", "html-in-text", "tags"),
    Row("character-reference-in-an-ending", edit(DILEMMA, "debrief: Asking for time", "debrief: Asking &#106; for time"), f"{DILEMMA}:70", "html-in-text", "plain text"),
    Row("iframe-in-a-seminar-note", edit(SEMINAR, "facilitation_notes: Lecturer-only", "facilitation_notes: <iframe src=x></iframe> Lecturer-only"), f"{SEMINAR}:35", "html-in-text", "tags"),
    # --- files the kit reads are the files git publishes ----------------------------------------------
    Row("link-out-of-the-repository", both(outside("elsewhere.yml"), link("cases/late-visit.yml", "../../elsewhere.yml")), "cases/late-visit.yml", "symlink", "fresh clone"),
    Row("link-inside-the-kit", link("cases/copy-of-demo.yml", "demo-case.yml"), "cases/copy-of-demo.yml", "symlink", "real files"),
    Row("ignored-by-git", ignored_by_git("cases/private-draft.yml"), "cases/private-draft.yml", "ignored-file", "Commit the file"),
    Row("dangling-link", link("exercises/dilemmas/gone.yml", "nowhere.yml"), "exercises/dilemmas/gone.yml", "symlink", "real files"),
    Row("linked-folder", both(lambda root: (root.parent / "more").mkdir(), link("cases/more", "../../more")), "cases/more", "symlink", "fresh clone"),
    Row("linked-content-folder", both(lambda root: shutil.move(root / "exercises" / "seminars", root.parent / "seminars"), link("exercises/seminars", "../../seminars"), ), "exercises/seminars", "symlink", "real files"),
    Row("nested-folder", write("cases/extra/late-visit.yml", "id: late-visit\n"), "cases/extra/late-visit.yml", "stray-file", "Move the file"),
    Row("deeply-nested-folder", write("exercises/dilemmas/drafts/old/x.yml", "id: x\n"), "exercises/dilemmas/drafts/old/x.yml", "stray-file", "Move the file"),
    Row("yaml-ending", write("cases/late-visit.yaml", "id: late-visit\n"), "cases/late-visit.yaml", "stray-file", "'.yml'"),
    Row("upper-case-ending", write("exercises/seminars/late.YML", "id: late\n"), "exercises/seminars/late.YML", "stray-file", "'.yml'"),
    Row("misspelt-cases-folder", write("case/late-visit.yml", "id: late-visit\n"), "case/late-visit.yml", "stray-file", "content folder"),
    Row("capitalised-cases-folder", write("Cases/late-visit.yml", "id: late-visit\n"), "Cases/late-visit.yml", "stray-file", "content folder"),
    Row("misspelt-codes-folder", write("codes-of-practice/x.yml", "id: x\n"), "codes-of-practice/x.yml", "stray-file", "codes_of_practice/"),
    Row("misspelt-exercises-folder", write("excercises/dilemmas/x.yml", "id: x\n"), "excercises/dilemmas/x.yml", "stray-file", "content folder"),
    Row("singular-dilemma-folder", write("exercises/dilemma/x.yml", "id: x\n"), "exercises/dilemma/x.yml", "stray-file", "exercises/dilemmas/"),
    Row("yaml-loose-in-exercises", write("exercises/x.yml", "id: x\n"), "exercises/x.yml", "stray-file", "Move the file"),
    Row("dilemmas-at-the-top", write("dilemmas/x.yml", "id: x\n"), "dilemmas/x.yml", "stray-file", "exercises/dilemmas/"),
    # --- one broken file is reported about itself only --------------------------------------------------
    Row("broken-case-of-a-dilemma", edit(CASE, "perspective: third-person", "perspective: [third-person"), f"{CASE}:10", "unclosed-bracket", "same line"),
    Row("invalid-case-of-a-dilemma", edit(CASE, "perspective: third-person", "perspective: sideways"), f"{CASE}:10", "invalid-value", "allowed values"),
    Row("broken-code-everyone-cites", edit(CODE, "status: current", "status: [current"), f"{CODE}:12", "unclosed-bracket", "'- '"),
    Row("broken-dilemma-of-a-seminar", edit(DILEMMA, "start: deadline", "start: deadline: now"), f"{DILEMMA}:5", "yaml-syntax", "indentation"),
]
# fmt: on


def make_kit(tmp_path: Path, setup: Setup) -> Path:
    root = tmp_path / "repo" / "kit"
    shutil.copytree(VALID, root)
    setup(root)
    return root


def test_the_table_is_large_and_varied() -> None:
    """At least sixty malformed inputs, covering every code this work added, each row named once."""
    assert len(ROWS) >= 60
    assert len({row.name for row in ROWS}) == len(ROWS)
    added = {
        "yaml-tab",
        "unclosed-quote",
        "encoding",
        "yaml-alias",
        "unsafe-tag",
        "too-deep",
        "file-too-large",
        "unquoted-value",
        "duplicate-node",
        "unsafe-link",
        "symlink",
        "stray-file",
        "unclosed-bracket",
    }
    assert added <= {row.code for row in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_malformed_input_is_reported_about_itself(tmp_path: Path, row: Row) -> None:
    """`ethicskit check`: exit 1, the expected code at the expected file:line, a fitting hint, no
    traceback, and no report about any other file."""
    root = make_kit(tmp_path, row.setup)
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    report = json.loads(result.output)
    found = [
        (f"{p['path']}:{p['line']}" if p["line"] else p["path"], p["code"], p["message"])
        for p in report["problems"]
    ]
    assert any(where == row.where and code == row.code for where, code, _ in found), found
    assert row.hint in ProblemCode(row.code).hint
    path = row.where.rsplit(":", 1)[0] if row.where.rsplit(":", 1)[-1].isdigit() else row.where
    assert {problem["path"] for problem in report["problems"]} == {path}, found


@pytest.mark.parametrize(
    "setup",
    [
        encode(CASE, "id: demo-case", b"\xef\xbb\xbfid: demo-case"),
        lambda root: (root / DILEMMA).write_bytes((root / DILEMMA).read_bytes().replace(b"\n", b"\r\n")),
        lambda root: (root / CODE).write_bytes(
            b"\xef\xbb\xbf" + (root / CODE).read_bytes().replace(b"\n", b"\r\n")
        ),
        edit(CASE, 'title: "A demonstration case"', 'title: !!str "A demonstration case"'),
        edit(CASE, "role: social worker in a community team", 'role: "off"'),
    ],
    ids=["utf-8-bom", "windows-line-endings", "bom-and-windows-line-endings", "core-str-tag", "quoted-off"],
)
def test_harmless_variations_are_accepted(tmp_path: Path, setup: Setup) -> None:
    """A byte-order mark, Windows line endings, a core tag and a quoted 'off' are all fine."""
    _, problems = load_catalog(make_kit(tmp_path, setup))
    assert problems == []


def test_a_broken_case_does_not_bury_its_dilemma_in_name_reports(tmp_path: Path) -> None:
    """Breaking a real case whose dilemma uses its pseudonyms reports the case, and only the case."""
    root = tmp_path / "kit"
    for folder in ("book", "cases", "exercises", "codes_of_practice", "law", "sources"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    case = root / "cases" / "within-the-hour.yml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("perspective:", "perspective: [", 1), encoding="utf-8"
    )
    _, problems = load_catalog(root)
    assert problems, "the broken case must be reported"
    assert {problem.path for problem in problems} == {"cases/within-the-hour.yml"}, problems


# --- bounded memory: each run is a fresh process that reports its own peak memory ------------------

PEAK = """
import atexit, resource, sys
atexit.register(lambda: print("peak-kib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))
from ethicskit.cli import main
from ethicskit.loader import MAX_FILE_BYTES, read_text
sys.argv = ["ethicskit", "check", "--root", sys.argv[1]]
main()
"""
LIMIT_BYTES = 4 * 1024**3  # a safety net so a regression fails the test instead of exhausting the machine


def _limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def check_in_fresh_process(root: Path) -> tuple[int, str, str, int]:
    """(exit code, stdout, stderr, peak resident memory in KiB) of `ethicskit check` on `root`."""
    result = subprocess.run(
        [sys.executable, "-c", PEAK, str(root)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit if os.name == "posix" else None,
        check=False,
    )
    peak = [line for line in result.stderr.splitlines() if line.startswith("peak-kib ")]
    assert peak, result.stderr
    return result.returncode, result.stdout, result.stderr, int(peak[-1].split()[1])


@pytest.fixture(scope="module")
def baseline_kib(tmp_path_factory: pytest.TempPathFactory) -> int:
    """Peak memory of checking the valid fixtures: the cost of Python and the kit's imports."""
    code, _, _, peak = check_in_fresh_process(VALID)
    assert code == 0
    return peak


def alias_bomb(levels: int = 12) -> str:
    lines = ["id: demo-case", "questions: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"q{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def fifty_megabytes(path: Path) -> int:
    """Write a 50 MB case file; return the line on which it passes the 1 MiB limit."""
    line = "  A line of narrative that goes on and on, written to make the file very large.\n"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("id: demo-case\nnarrative: |\n")
        for _ in range(50 * 1024 * 1024 // len(line)):
            stream.write(line)
    head = len("id: demo-case\nnarrative: |\n")
    return 3 + (1024 * 1024 - head) // len(line)


HOSTILE = ["alias-bomb", "fifty-megabytes", "ten-thousand-deep"]


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_files_cost_bounded_memory(tmp_path: Path, baseline_kib: int, kind: str) -> None:
    """A 10^12-item alias bomb, a 50 MB file and a 10,000-deep nest: each is reported at its line,
    exit 1, no traceback, and the check needs at most 64 MiB more than checking valid content."""
    root = make_kit(tmp_path, lambda root: None)
    case = root / CASE
    if kind == "alias-bomb":
        case.write_text(alias_bomb(), encoding="utf-8")
        expected = f"{CASE}:2: '&l0' marks a part of the file to repeat elsewhere; anchors are not allowed [yaml-alias]"
    elif kind == "fifty-megabytes":
        line = fifty_megabytes(case)
        assert case.stat().st_size > 50 * 1000 * 1000
        expected = f"{CASE}:{line}: the file is larger than the 1 MiB limit for a content file; it passes it on line {line} [file-too-large]"
    else:
        case.write_text("id: demo-case\n\nquestions: " + nest(10_000) + "\n", encoding="utf-8")
        expected = f"{CASE}:3: the content is nested more than 32 levels deep here [too-deep]"
    code, out, err, peak = check_in_fresh_process(root)
    assert code == 1, out + err
    assert "Traceback" not in out + err
    assert out.splitlines()[0] == expected
    assert all(line.startswith(CASE) for line in out.split("\n\n")[0].splitlines()), out
    assert peak - baseline_kib < 64 * 1024, f"{kind}: peak {peak} KiB against {baseline_kib} KiB"


def test_the_size_limit_is_exact_and_an_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    """A file of exactly 1 MiB is read; one byte more is refused; a missing file is reported, not raised."""
    file = tmp_path / "x.yml"
    file.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES - 3) + b"\n")
    assert file.stat().st_size == MAX_FILE_BYTES
    text, problems = read_text(file, "cases/x.yml")
    assert text is not None and problems == []
    file.write_bytes(file.read_bytes() + b"\n")
    text, problems = read_text(file, "cases/x.yml")
    assert text is None and [p.code for p in problems] == [ProblemCode.FILE_TOO_LARGE]
    text, problems = read_text(tmp_path / "gone.yml", "cases/gone.yml")
    assert text is None and [p.code for p in problems] == [ProblemCode.UNREADABLE]


def test_a_refused_tag_never_runs(tmp_path: Path) -> None:
    """The unsafe tag is refused before anything is constructed: the command it names does not run."""
    marker = tmp_path / "ran"
    root = make_kit(
        tmp_path,
        edit(CASE, "role: social worker", f"role: !!python/object/apply:os.system ['touch {marker}']"),
    )
    _, problems = load_catalog(root)
    assert [problem.code for problem in problems] == [ProblemCode.UNSAFE_TAG]
    assert not marker.exists()
