"""The published site: one book, built once per language from the one source tree, side by side.

`make book` (and `make lecturer`, and the release) build each language of the book into a folder of
its own, `<output>/en/` and `<output>/cy/`, and write `<output>/index.html`, a small page in every
language that links to each. Every page then links to the same page in the other language (see
`ethicskit.sphinx.switch`).

Why the language goes through a generated configuration: Sphinx loads its own translations and the
themes' (the words of the search box, the navigation, "Contents") while the application starts, from
the `language` it was given then; the kit's `config-inited` handler, which follows ETHICSKIT_LANGUAGE, runs
after that, too late for those catalogues. The Jupyter Book 1 command line has no option for
`language`, but it does read any configuration file named by `--config`: each language's build gets a
copy of `_config.yml` that sets Sphinx's `language` (and the site's languages) before anything is
loaded. It is written under the build's own folder, never into the source tree.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .words import PSEUDO_LANGUAGE, SOURCE_LANGUAGE, _
from .words import language as writing_in

LANGUAGES = ("en", "cy")
"""The languages the site is built in: the first is the source language."""

OWN_NAMES = {"en": "English", "cy": "Cymraeg"}
"""Each language's name as that language writes it. A reader looks for the language they read in its
own name, so the name is the same whatever the page's language, and no catalogue translates it."""

CONFIG = "_config.yml"
HTML = Path("_build") / "html"
"""Where Jupyter Book writes the HTML under the folder it is given with `--path-output`."""


def other_languages(language: str, languages: tuple[str, ...] | list[str] = LANGUAGES) -> list[str]:
    return [other for other in languages if other != language]


def language_config(root: Path, language: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, Any]:
    """The kit's `_config.yml` with Sphinx's language and the site's languages set."""
    config: dict[str, Any] = yaml.safe_load((root / CONFIG).read_text(encoding="utf-8")) or {}
    sphinx = config.setdefault("sphinx", {})
    settings = sphinx.setdefault("config", {})
    # The pseudo-locale is no language Sphinx knows: its build keeps Sphinx in the source language.
    settings["language"] = SOURCE_LANGUAGE if language == PSEUDO_LANGUAGE else language
    settings["ethicskit_language"] = language
    settings["ethicskit_site_languages"] = list(languages)
    return config


def site_title(root: Path) -> str:
    """The book's title, from `_config.yml`."""
    config = yaml.safe_load((root / CONFIG).read_text(encoding="utf-8")) or {}
    return str(config.get("title") or "")


def build_command(root: Path, config: Path, work: Path) -> list[str]:
    """Jupyter Book's strict build of the book with this configuration, its output under `work`."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", str(root), "--config", str(config), "--path-output", str(work)]
    return [*command, "-W", "-n", "--keep-going"]


def build_language(
    root: Path,
    language: str,
    work: Path,
    env: Mapping[str, str] | None = None,
    capture: bool = False,
    languages: tuple[str, ...] = LANGUAGES,
) -> subprocess.CompletedProcess[str]:
    """Build the book in one language under `work` (its HTML in `work/_build/html`)."""
    work.mkdir(parents=True, exist_ok=True)
    config = work / CONFIG
    text = yaml.safe_dump(language_config(root, language, languages), sort_keys=False, allow_unicode=True)
    if not config.is_file() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")  # unchanged, so Jupyter Book's cache stays valid
    # The kit's interface words follow the same language (ethicskit.sphinx.language reads this first).
    build_env = {**(os.environ if env is None else env), "ETHICSKIT_LANGUAGE": language}
    command = build_command(root, config, work) + ([] if capture else ["-q"])
    return subprocess.run(command, env=build_env, text=True, capture_output=capture, check=False)


def source_language_site(site: Path) -> Path:
    """The book in the source language within a site of several (`site/en`), or the site itself when it
    was built in one language only."""
    folder = site / LANGUAGES[0]
    return folder if (folder / "index.html").is_file() else site


def language_site(site: Path, language: str) -> Path:
    """The book in `language` within a site of several (`site/cy`); the source language's book when the
    site has none in that language (see `source_language_site`)."""
    folder = site / language
    return folder if (folder / "index.html").is_file() else source_language_site(site)


def publish(built: Path, target: Path) -> None:
    """Copy a language's built HTML into its folder of the site, leaving nothing from an earlier build."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(built, target)


def root_index(title: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """The site's front door: the book's title and, in each language, a link to that language's site."""
    first = languages[0]
    alternates = "".join(
        f'<link rel="alternate" hreflang="{code}" href="{code}/index.html">\n' for code in languages
    )
    prompts = ""
    for code in languages:
        with writing_in(code):
            prompt = _("Choose the language to read the course in.")
        prompts += f'<p lang="{code}">{html.escape(prompt)}</p>\n'
    choices = "".join(
        f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
        f"{html.escape(OWN_NAMES.get(code, code))}</a></li>\n"
        for code in languages
    )
    heading = html.escape(title)
    return (
        f'<!DOCTYPE html>\n<html lang="{first}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n{alternates}"
        # No icon of its own: without this line a browser asks the server for /favicon.ico.
        '<link rel="icon" href="data:,">\n'
        "<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem;margin:2rem auto;"
        "padding:0 1rem;color:#1a1a1a;background:#fff}a{color:#0b4f8a;font-weight:bold}"
        "ul{list-style:none;padding:0}li{margin:1rem 0;font-size:1.25rem}</style>\n"
        f"</head>\n<body>\n<main>\n<h1>{heading}</h1>\n{prompts}<ul>\n{choices}</ul>\n</main>\n</body>\n</html>\n"
    )


def build_site(
    root: Path,
    work: Path,
    output: Path,
    env: Mapping[str, str] | None = None,
    languages: tuple[str, ...] = LANGUAGES,
) -> int:
    """Build every language of the book under `work` and gather them, with the root page, in `output`."""
    for language in languages:
        result = build_language(root, language, work / language, env=env, languages=languages)
        if result.returncode != 0:
            print(f"The {OWN_NAMES.get(language, language)} build failed.", file=sys.stderr)
            return result.returncode
        publish(work / language / HTML, output / language)
    (output / "index.html").write_text(root_index(site_title(root), languages), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the book in every language of the site.")
    parser.add_argument("--root", type=Path, default=Path("."), help="the kit's root folder")
    parser.add_argument("--work", type=Path, required=True, help="where each language's build is kept")
    parser.add_argument("--output", type=Path, required=True, help="the site: one folder per language")
    parser.add_argument(
        "--language",
        action="append",
        dest="languages",
        help="build only this language (repeatable; 'qps' is the pseudo-locale); by default every one",
    )
    arguments = parser.parse_args(argv)
    languages = tuple(arguments.languages or LANGUAGES)
    return build_site(
        arguments.root.resolve(), arguments.work.resolve(), arguments.output.resolve(), languages=languages
    )


if __name__ == "__main__":
    raise SystemExit(main())
