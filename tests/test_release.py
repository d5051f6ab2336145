"""The release bundle: every part written, LECTURERS.md and SHA256SUMS made from what was written, the
same bytes from two runs, and a site zip that works when unzipped and opened from disk."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import FIXTURES, REPO, build_book, make_fixture_book
from ethicskit import conformance
from ethicskit.catalog import Catalog, load_catalog
from ethicskit.conformance import Evidence
from ethicskit.languages import LANGUAGES
from ethicskit.release import CHECKSUMS, GUIDE, PARTS, BundlePart, Release, ReleaseError, make_release
from ethicskit.words import language

EPOCH = 1767225600  # 2026-01-01 00:00 UTC


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book's student edition, built once for this module."""
    book = make_fixture_book(tmp_path_factory.mktemp("release") / "book")
    result = build_book(book, book)
    assert result.returncode == 0, result.stdout[-3000:]
    return book / "_build" / "html"


@pytest.fixture(scope="module")
def catalog(site: Path) -> Catalog:
    """The fixture content, read from the fixture book's folder, which has the book's _toc.yml too."""
    found, problems = load_catalog(site.parent.parent)
    assert problems == []
    return found


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, site: Path) -> tuple[Path, Path]:
    """The whole bundle made twice, into two folders, with SOURCE_DATE_EPOCH set.

    The fixture book's student edition stands in for both sites: building a second edition here would
    double the time and test nothing the student site does not."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    try:
        first = make_release(catalog, "1.2.3", tmp_path_factory.mktemp("one"), site, site)
        second = make_release(catalog, "1.2.3", tmp_path_factory.mktemp("two"), site, site)
    finally:
        monkeypatch.undo()
    return first, second


def test_two_runs_give_identical_checksums_and_bytes(two_releases: tuple[Path, Path]) -> None:
    first, second = two_releases
    sums = (first / CHECKSUMS).read_text()
    assert sums == (second / CHECKSUMS).read_text()
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(
        [
            GUIDE,
            CHECKSUMS,
            "first-loyalty-1.2.3-lecturer-site.zip",
            "first-loyalty-1.2.3-scorm.imscc",
            "first-loyalty-1.2.3-student-site.zip",
            "reading-lists/chapter-chapter.bib",
            "reading-lists/chapter-chapter.ris",
            "reading-lists/seminar-demo-seminar.bib",
            "reading-lists/seminar-demo-seminar.ris",
            *(f"scorm/{code}/demo-dilemma.zip" for code in LANGUAGES),
            *(
                f"seminar-packs/{code}/demo-seminar-{copy}.pdf"
                for code in LANGUAGES
                for copy in ("lecturer", "student")
            ),
        ]
    )
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_checksums_are_right_and_in_sha256sum_format(two_releases: tuple[Path, Path]) -> None:
    folder = two_releases[0]
    lines = (folder / CHECKSUMS).read_text().splitlines()
    files = [p for p in folder.rglob("*") if p.is_file() and p.name != CHECKSUMS]
    assert len(lines) == len(files) == 14  # every file but the checksum file itself
    for line in lines:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    check = subprocess.run(["sha256sum", "-c", CHECKSUMS], cwd=folder, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_zips_and_pdfs_carry_the_source_date_not_the_time_of_building(
    two_releases: tuple[Path, Path],
) -> None:
    folder = two_releases[0]
    for archive in [*folder.glob("*.zip"), *folder.glob("scorm/*/*.zip")]:
        with zipfile.ZipFile(archive) as opened:
            infos = opened.infolist()
            assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}, archive.name
            assert {i.external_attr >> 16 for i in infos} == {0o100644}
            assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    for pdf in folder.glob("seminar-packs/*/*.pdf"):
        info = PdfReader(pdf).metadata
        assert info is not None
        assert info["/CreationDate"].startswith("D:20260101000000")
        assert info["/ModDate"].startswith("D:20260101000000")


def test_site_zip_unpacks_to_one_folder_with_the_whole_site(
    two_releases: tuple[Path, Path], site: Path
) -> None:
    with zipfile.ZipFile(two_releases[0] / "first-loyalty-1.2.3-student-site.zip") as archive:
        names = archive.namelist()
    assert {name.split("/", 1)[0] for name in names} == {"first-loyalty-1.2.3-student-site"}
    expected = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(site).parts)
    }
    assert {name.split("/", 1)[1] for name in names} == expected


def test_the_scorm_cartridge_carries_the_bundles_own_scorm_packages(two_releases: tuple[Path, Path]) -> None:
    """Made with no published address: each dilemma is the same zip as in scorm/, and nothing links out."""
    folder = two_releases[0]
    with zipfile.ZipFile(folder / "first-loyalty-1.2.3-scorm.imscc") as archive:
        names = archive.namelist()
        (carried,) = [name for name in names if name.endswith(".zip")]
        assert archive.read(carried) == (folder / "scorm" / LANGUAGES[0] / "demo-dilemma.zip").read_bytes()
        manifest = archive.read("imsmanifest.xml").decode("utf-8")
    assert 'identifier="SCORM-demo-dilemma"' in manifest and "imswl_xmlv1p1" not in manifest


def test_lecturers_guide_names_every_file_and_every_vle(two_releases: tuple[Path, Path]) -> None:
    folder = two_releases[0]
    guide = (folder / GUIDE).read_text()
    for line in (folder / CHECKSUMS).read_text().splitlines():
        name = line.split("  ", 1)[1]
        if name != GUIDE:
            assert f"`{name}`" in guide, name
    for part in PARTS:
        assert f"## {part.title}" in guide
    for vle in ("Moodle", "Canvas", "Blackboard Ultra", "Brightspace"):
        assert f"**{vle}**" in guide
    assert "Reflections are never sent to the VLE" in guide
    assert "does not run JavaScript in uploaded HTML" in guide
    assert "no resource type for SCORM packages" in guide and "unverified" in guide


@pytest.mark.browser
def test_the_unzipped_student_site_plays_a_dilemma_from_disk(
    two_releases: tuple[Path, Path], tmp_path: Path, page: Page
) -> None:
    with zipfile.ZipFile(two_releases[0] / "first-loyalty-1.2.3-student-site.zip") as archive:
        archive.extractall(tmp_path)
    unpacked = tmp_path / "first-loyalty-1.2.3-student-site"
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file://", "data:"))
            else (problems.append(route.request.url), route.abort())
        ),
    )
    page.goto((unpacked / "index.html").as_uri())
    page.goto((unpacked / "dilemma.html").as_uri())
    page.get_by_role("button", name="Ask for more time in supervision", exact=True).click()
    page.get_by_role("button", name="See where this ends", exact=True).click()
    expect(page.locator(".ek-step-heading")).to_have_text("Ending: Time to listen")
    assert problems == []


def test_a_new_part_joins_the_guide_and_the_checksums(tmp_path: Path, catalog: Catalog) -> None:
    """The hook for later parts: a BundlePart is all a new kind of file needs."""

    def reading_lists(release: Release) -> list[Path]:
        target = release.folder / "reading-lists" / "all.ris"
        target.parent.mkdir()
        target.write_text("TY  - BOOK\nER  - \n")
        return [target]

    part = BundlePart("Reading lists", "RIS files for a reading-list system.", reading_lists)
    folder = make_release(catalog, "0.0.1", tmp_path, tmp_path, tmp_path, parts=[part])
    assert (
        "## Reading lists\n\nRIS files for a reading-list system.\n\nFiles: `reading-lists/all.ris`."
        in (folder / GUIDE).read_text()
    )
    assert re.search(r"^[0-9a-f]{64}  reading-lists/all\.ris$", (folder / CHECKSUMS).read_text(), re.M)


def test_a_failed_part_leaves_no_half_made_bundle(tmp_path: Path, catalog: Catalog) -> None:
    def broken(release: Release) -> list[Path]:
        (release.folder / "half.txt").write_text("half")
        raise ReleaseError("the part failed")

    with pytest.raises(ReleaseError, match="the part failed"):
        make_release(catalog, "0.0.1", tmp_path, tmp_path, tmp_path, parts=[BundlePart("Broken", "", broken)])
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_not_a_release_is_never_replaced(tmp_path: Path, catalog: Catalog) -> None:
    (tmp_path / "0.0.1").mkdir()
    (tmp_path / "0.0.1" / "notes.txt").write_text("mine")
    with pytest.raises(ReleaseError, match="is not an earlier release"):
        make_release(catalog, "0.0.1", tmp_path, tmp_path, tmp_path, parts=[])
    assert (tmp_path / "0.0.1" / "notes.txt").read_text() == "mine"
    with pytest.raises(ReleaseError, match="is not a version"):
        make_release(catalog, "../up", tmp_path, tmp_path, tmp_path, parts=[])


def test_release_without_built_sites_says_which_command_to_run(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ethicskit",
            "release",
            "--root",
            str(FIXTURES / "valid"),
            "-o",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "no built student edition at" in result.stderr
    assert "run 'make book' first" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_publishing_workflow_builds_with_make_book_and_pins_every_action() -> None:
    """CI publishes the student site built by the same command as everyone else, with actions pinned."""
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML reads the key `on` as true
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert uses and all(re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action) for action in uses)
    assert {"run": "make book", "name": "Build the student edition"} in steps
    runs = [step.get("run") for step in steps]
    assert runs.index("make accessibility-evidence") < runs.index("make book")  # the book shows the report
    (upload,) = [step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "_build/html"
    assert "_build/html" in (REPO / "Makefile").read_text()


def _part(title_start: str) -> BundlePart:
    return next(part for part in PARTS if part.title.startswith(title_start))


def test_the_cartridge_joins_the_bundle_only_when_the_kit_says_where_the_site_is_published(
    tmp_path: Path, catalog: Catalog, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ethicskit.release as release_module

    part = _part("Common Cartridge")
    catalog, problems = load_catalog(site.parent.parent)  # the fixture book's root, with its _toc.yml
    assert problems == []
    without = make_release(catalog, "1.0.0", tmp_path / "without", site, site, parts=[part])
    assert not list(without.glob("*.imscc"))
    assert "otherwise make one with `ethicskit cartridge" in (without / GUIDE).read_text()
    monkeypatch.setattr(release_module, "published_address", lambda root: "https://example.org/kit/")
    with_address = make_release(catalog, "1.0.0", tmp_path / "with", site, site, parts=[part])
    (cartridge,) = with_address.glob("*.imscc")
    with zipfile.ZipFile(cartridge) as archive:
        manifest = archive.read("imsmanifest.xml").decode()
    assert "https://example.org/kit/" in "".join(
        zipfile.ZipFile(cartridge).read(name).decode(errors="replace")
        for name in zipfile.ZipFile(cartridge).namelist()
    )
    assert "<organizations>" in manifest or "organization" in manifest


def test_the_conformance_report_is_bundled_from_the_last_test_run_that_made_one(
    tmp_path: Path, catalog: Catalog, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ethicskit.release as release_module

    part = _part("Accessibility")
    monkeypatch.setattr(release_module, "EVIDENCE_FOLDER", tmp_path / "evidence")
    none_yet = make_release(catalog, "1.0.0", tmp_path / "none", site, site, parts=[part])
    assert "Files: none in this release." in (none_yet / GUIDE).read_text()
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "accessibility-conformance-report.md").write_text("# Report from a run\n")
    bundled = make_release(catalog, "1.0.0", tmp_path / "bundled", site, site, parts=[part])
    assert (bundled / "accessibility-conformance-report.md").read_text() == "# Report from a run\n"


def _site_with_page(folder: Path, shown: str) -> Path:
    (folder / "book").mkdir(parents=True)
    (folder / "book" / "accessibility-conformance.html").write_text(shown, encoding="utf-8")
    return folder


def test_the_bundled_report_must_be_the_one_the_sites_show(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sites built before the evidence (or from other evidence) stop the release; matching ones pass,
    each language's page judged by the line it writes in its own words."""
    import ethicskit.release as release_module

    part = _part("Accessibility")
    monkeypatch.setattr(release_module, "EVIDENCE_FOLDER", tmp_path / "evidence")
    evidence = Evidence([], [], "2026-01-01")
    conformance.write(evidence, tmp_path / "evidence", "2026-01-01")
    dated = {code: _dated(evidence, code) for code in LANGUAGES}
    assert len(set(dated.values())) == len(LANGUAGES)  # so an English line cannot pass for a Welsh one

    def page(code: str, line: str) -> str:
        return f'<html lang="{code}"><p>{line}</p><table class="ek-conformance"></table></html>'

    def site(name: str, lines: dict[str, str]) -> Path:
        for code, line in lines.items():
            _site_with_page(tmp_path / name / code, page(code, line))
        return tmp_path / name

    stale = _site_with_page(tmp_path / "stale", '<div class="ek-no-evidence"><p>No test evidence</p></div>')
    fresh = site("fresh", dated)
    with pytest.raises(ReleaseError, match="does not show the conformance report"):
        make_release(catalog, "1.0.0", tmp_path / "out", fresh, stale, parts=[part])
    assert not (tmp_path / "out" / "1.0.0").exists()
    english_everywhere = site("english", dict.fromkeys(LANGUAGES, dated["en"]))
    with pytest.raises(ReleaseError, match=r"cy.*does not show the conformance report"):
        make_release(catalog, "1.0.0", tmp_path / "out", fresh, english_everywhere, parts=[part])
    other_run = site("other", {code: _dated(Evidence([], [], "2025-06-30"), code) for code in LANGUAGES})
    with pytest.raises(ReleaseError, match="does not show the conformance report"):
        make_release(catalog, "1.0.0", tmp_path / "out", other_run, fresh, parts=[part])
    bundled = make_release(catalog, "1.0.0", tmp_path / "out", fresh, fresh, parts=[part])
    assert dated["en"] in (bundled / "accessibility-conformance-report.md").read_text()
    (tmp_path / "evidence" / "accessibility-evidence.json").write_text("not the evidence")
    with pytest.raises(ReleaseError, match="cannot be read"):
        make_release(catalog, "1.0.1", tmp_path / "out", fresh, fresh, parts=[part])
    (tmp_path / "evidence" / "accessibility-conformance-report.md").unlink()
    with pytest.raises(ReleaseError, match="there is none in"):
        make_release(catalog, "1.0.1", tmp_path / "out", fresh, fresh, parts=[part])


def _dated(evidence: Evidence, code: str) -> str:
    with language(code):
        return conformance.contents(evidence).dated


def test_each_language_has_its_own_scorm_packages(two_releases: tuple[Path, Path]) -> None:
    """The packages of each language are written in it: the page names its language."""
    folder = two_releases[0]
    for code in LANGUAGES:
        with zipfile.ZipFile(folder / "scorm" / code / "demo-dilemma.zip") as archive:
            pages = [name for name in archive.namelist() if name.endswith(".html")]
            assert pages
            opening = archive.read(pages[0]).decode("utf-8")[:300]
            assert re.search(rf'<html lang="{code}(-[A-Z]+)?"', opening), opening


def test_each_languages_packages_show_the_content_as_that_languages_site_does(tmp_path: Path) -> None:
    """The kit's Welsh dilemma is in Welsh in the Welsh SCORM package (as on the Welsh site) and in
    English in the English one; a dilemma not yet translated is marked as English in the Welsh one."""
    from ethicskit.archive import build_time
    from ethicskit.release import scorm_packages

    catalog, problems = load_catalog(REPO)
    assert not [problem for problem in problems if problem.severity.value == "error"]
    with language("cy"):
        welsh_title = load_catalog(REPO)[0].dilemmas["within-the-hour"].model.title
    english_title = catalog.dilemmas["within-the-hour"].model.title
    assert welsh_title != english_title
    release = Release(catalog, "1.0.0", tmp_path, tmp_path, tmp_path, build_time())
    scorm_packages(release)

    def opening(code: str, dilemma_id: str) -> str:
        with zipfile.ZipFile(tmp_path / "scorm" / code / f"{dilemma_id}.zip") as archive:
            return archive.read("index.html").decode("utf-8")

    assert f"<h1>{html.escape(welsh_title, quote=False)}</h1>" in opening("cy", "within-the-hour")
    assert f"<h1>{html.escape(english_title, quote=False)}</h1>" in opening("en", "within-the-hour")
    untranslated = catalog.dilemmas["checked-at-every-turn"].model.title
    assert f'<h1 lang="en">{html.escape(untranslated, quote=False)}</h1>' in opening(
        "cy", "checked-at-every-turn"
    )
