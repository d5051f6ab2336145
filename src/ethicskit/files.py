"""Which files a kit's content is read from: real `.yml` files in the content folders, nothing else.

The files the kit reads are the files git publishes. A symbolic link is refused wherever it points,
because its target may be outside the repository (content that is not in git would reach the site,
and a fresh clone would have a dangling link). A content file that git ignores is refused too: it
would reach a local build but never a clone, so the site would depend on whose machine built it. YAML
anywhere the kit does not read it (a nested folder, a `.yaml` ending, a misspelt folder) is reported, so
no content is silently ignored.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
from pathlib import Path

from .problems import Problem, ProblemCode
from .words import _

CODES_DIR = "codes_of_practice"
LAW_DIR = "law"
CASES_DIR = "cases"
DILEMMAS_DIR = "exercises/dilemmas"
SEMINARS_DIR = "exercises/seminars"
CONTENT_DIRS = (CODES_DIR, LAW_DIR, CASES_DIR, DILEMMAS_DIR, SEMINARS_DIR)

_TOP_NAMES = {"codes_of_practice", "law", "cases", "exercises"}
_LOOK_ALIKES = {"codesofpractice": CODES_DIR, "case": CASES_DIR, "exercise": "exercises", "law": LAW_DIR}
_LOOK_ALIKES |= {"dilemma": DILEMMAS_DIR, "seminar": SEMINARS_DIR}
_SKIPPED = {"_build", "node_modules", "__pycache__"}


def _is_yaml(name: str) -> bool:
    return name.lower().endswith((".yml", ".yaml"))


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _symlink(path: Path, root: Path) -> Problem:
    try:
        target = f" (to {os.readlink(path)})"
    except OSError:
        target = ""
    message = _(
        "'{name}' is a symbolic link{target}; the kit reads only real files", name=path.name, target=target
    )
    return Problem(_shown(path, root), None, ProblemCode.SYMLINK, message)


def _stray(path: Path, root: Path, why: str) -> Problem:
    return Problem(
        _shown(path, root), None, ProblemCode.STRAY_FILE, _("this YAML file is not read: {why}", why=why)
    )


def _normalised(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "").replace(" ", "").removesuffix("s")


def _look_alike(name: str) -> str | None:
    """The content folder a top-level folder name seems meant to be, or None."""
    if name in _TOP_NAMES:
        return None
    close = difflib.get_close_matches(_normalised(name), list(_LOOK_ALIKES), n=1, cutoff=0.8)
    return _LOOK_ALIKES[close[0]] if close else None


def _walk_yaml(folder: Path) -> list[Path]:
    """Every YAML file under `folder`, not following links (links are reported on their own)."""
    found = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
        found += [Path(parent) / name for name in sorted(names) if _is_yaml(name)]
    return found


def _walk_links(folder: Path) -> list[Path]:
    found = []
    for parent, dirs, names in os.walk(folder):
        found += [Path(parent) / name for name in sorted(dirs + names) if (Path(parent) / name).is_symlink()]
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
    return found


def git_ignored(root: Path, folders: tuple[str, ...]) -> set[Path]:
    """The files under `folders` that git ignores; empty outside a git work tree or without git.

    Asked of git itself, so every .gitignore, the repository's exclude file and global rules count as
    git counts them. Bounded: git lists only names, and a run that fails or stalls finds nothing.
    """
    git = shutil.which("git")
    if git is None or not root.is_dir():
        return set()
    try:
        listed = subprocess.run(
            [
                git,
                "-C",
                str(root),
                "ls-files",
                "-z",
                "--others",
                "--ignored",
                "--exclude-standard",
                "--",
                *folders,
            ],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if listed.returncode != 0:  # not a work tree: nothing is ignored
        return set()
    return {(root / name).resolve() for name in listed.stdout.decode("utf-8", "replace").split("\0") if name}


def find_content(root: Path) -> tuple[dict[str, list[Path]], list[Problem]]:
    """The files of each content folder, and a problem for every link or stray YAML file."""
    files: dict[str, list[Path]] = {folder: [] for folder in CONTENT_DIRS}
    problems: list[Problem] = []
    linked: set[str] = set()
    for top in sorted({folder.split("/")[0] for folder in CONTENT_DIRS}):
        path = root / top
        if path.is_symlink():
            problems.append(_symlink(path, root))
            linked.add(top)
        elif path.is_dir():
            problems += [_symlink(link, root) for link in _walk_links(path)]
    for folder in CONTENT_DIRS:
        path = root / folder
        if folder.split("/")[0] in linked:
            continue
        if path.is_symlink():
            problems.append(_symlink(path, root))
            linked.add(folder)
            continue
        if not path.is_dir():
            continue
        for entry in sorted(path.iterdir()):
            if entry.is_symlink():
                continue  # reported above
            if entry.is_file() and entry.name.endswith(".yml"):
                files[folder].append(entry)
            elif entry.is_file() and _is_yaml(entry.name):
                why = _("the kit reads files ending in '.yml'; rename it to '{stem}.yml'", stem=entry.stem)
                problems.append(_stray(entry, root, why))
            elif entry.is_dir() and not entry.name.startswith("."):
                for nested in _walk_yaml(entry):
                    if not nested.is_symlink():
                        why = _(
                            "the kit reads only the files directly in {folder}/, not in folders inside it",
                            folder=folder,
                        )
                        problems.append(_stray(nested, root, why))
    exercises = root / "exercises"
    if "exercises" not in linked and exercises.is_dir():
        read = {root / DILEMMAS_DIR, root / SEMINARS_DIR}
        for file in _walk_yaml(exercises):
            outside = file.parent == exercises or not any(folder in file.parents for folder in read)
            if outside and not file.is_symlink():
                why = _("under exercises/ the kit reads exercises/dilemmas/ and exercises/seminars/")
                problems.append(_stray(file, root, why))
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        meant = _look_alike(entry.name) if entry.is_dir() and not entry.is_symlink() else None
        if meant is not None:
            for file in _walk_yaml(entry):
                why = _(
                    "'{name}/' is not a content folder; did you mean {meant}/?", name=entry.name, meant=meant
                )
                problems.append(_stray(file, root, why))
    ignored = git_ignored(root, CONTENT_DIRS)
    if ignored:
        for found in files.values():
            for file in [file for file in found if file.resolve() in ignored]:
                found.remove(file)
                message = _("git ignores '{name}', so a fresh clone would not have it", name=file.name)
                problems.append(Problem(_shown(file, root), None, ProblemCode.IGNORED_FILE, message))
    return files, problems
