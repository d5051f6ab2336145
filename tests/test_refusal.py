"""A build the kit refuses (unknown edition or language, content with problems) says why through
Sphinx, fails a strict build, builds nothing and raises nothing: run in-process, as the tests and any
tool embedding Sphinx run it, it returns a failing status instead of stopping Python."""

from __future__ import annotations

from pathlib import Path

import pytest
from jupyter_book.sphinx import build_sphinx

from conftest import FIXTURE_EVIDENCE, build_book, make_fixture_book
from ethicskit import words
from ethicskit.sphinx.conformance import EVIDENCE_PATH_ENV

pytestmark = pytest.mark.build


def build_in_process(book: Path, **overrides: object) -> int | Exception:
    """Build `book` strictly in this process, as `jupyter-book build -W -n --keep-going` would."""
    settings = {
        "external_toc_path": (book / "_toc.yml").as_posix(),
        "latex_individualpages": False,
        "nitpicky": True,
        **overrides,
    }
    return build_sphinx(
        book,
        book / "_build" / "html",
        noconfig=True,
        path_config=book / "_config.yml",
        confoverrides=settings,
        warningiserror=True,
        keep_going=True,
        quiet=True,
    )


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ETHICSKIT_EDITION", "ETHICSKIT_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(EVIDENCE_PATH_ENV, str(FIXTURE_EVIDENCE))
    return make_fixture_book(tmp_path / "book")


@pytest.fixture(autouse=True)
def english_afterwards() -> object:
    """A refused build falls back to English words; put the process back as the other tests expect."""
    yield
    words.set_language(words.SOURCE_LANGUAGE)


def built_pages(book: Path) -> list[Path]:
    return list((book / "_build" / "html").rglob("*.html"))


def test_an_unknown_edition_is_refused_by_name_and_nothing_is_built(
    book: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    result = build_in_process(book, ethicskit_edition="teacher")
    output = "".join(capfd.readouterr())
    assert result == 1  # a failing status, not an exception and not SystemExit
    assert "unknown edition 'teacher': use one of student, lecturer" in output
    assert "nothing was built" in output
    assert built_pages(book) == []


def test_an_unknown_language_is_refused_by_name_and_nothing_is_built(
    book: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ETHICSKIT_LANGUAGE", "xx")
    result = build_in_process(book)
    output = "".join(capfd.readouterr())
    assert result == 1
    assert "no interface catalogue for language 'xx'" in output
    assert built_pages(book) == []


def test_content_problems_are_reported_at_their_line_and_nothing_is_built(
    book: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    case = book / "cases" / "demo-case.yml"
    case.write_text(case.read_text().replace('ref: "demo-standards:1.1"', 'ref: "demo-standards:7.1"'))
    result = build_in_process(book)
    output = "".join(capfd.readouterr())
    assert result == 1
    assert "cases/demo-case.yml:20: WARNING: clause 'demo-standards:7.1' does not exist" in output
    assert "content problem(s) above" in output
    assert built_pages(book) == []
    assert not (book / "_build" / "html" / "_static").exists()  # not even the static files


def test_a_refused_build_leaves_an_earlier_complete_site_as_it_was(tmp_path: Path) -> None:
    """Through the command line, as `make book` runs it: no traceback, and the last good site intact."""
    book = make_fixture_book(tmp_path / "book")
    assert build_book(book, book).returncode == 0
    index = book / "_build" / "html" / "index.html"
    before = index.read_bytes()
    case = book / "cases" / "demo-case.yml"
    case.write_text(case.read_text().replace('ref: "demo-standards:1.1"', 'ref: "demo-standards:7.1"'))
    result = build_book(book, book)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert index.read_bytes() == before
