"""The release bundle: everything a lecturer needs in one folder, `dist/<version>/`, the same bytes each
time it is made from the same commit.

The bundle is a list of parts (`PARTS`). Each part writes its files into the folder and says, for
`LECTURERS.md`, what they are; `SHA256SUMS` and `LECTURERS.md` are written last, from whatever the parts
wrote. A new kind of file joins the bundle as one more `BundlePart` in `PARTS`, with nothing else to
change here.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

from .archive import build_time, folder_files, write_zip
from .catalog import Catalog, load_catalog
from .conformance import EVIDENCE_FILE, EVIDENCE_FOLDER, REPORT_FILE, Evidence, contents
from .diagram import DiagramError
from .documents import handout
from .languages import LANGUAGES, OWN_NAMES, source_language_site
from .printing import PrintError, print_pdf
from .problems import Severity
from .scorm import write_package
from .words import SOURCE_LANGUAGE, _, current, language

CHECKSUMS = "SHA256SUMS"
GUIDE = "LECTURERS.md"
VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,40}$")


class ReleaseError(Exception):
    """The bundle could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class Release:
    """What every part is made from, and where it goes."""

    catalog: Catalog
    version: str
    folder: Path
    student_site: Path
    lecturer_site: Path
    when: datetime
    by_language: dict[str, Catalog] = field(default_factory=dict)
    """The content as each language's book shows it, loaded when a part first needs it."""

    def catalog_in(self, code: str) -> Catalog:
        """The kit's content in `code`, its translations applied, as that language's site shows it: a
        Welsh seminar pack or SCORM package shows a translated dilemma in Welsh, not in English."""
        if code not in self.by_language:
            with language(code):
                loaded, problems = load_catalog(self.catalog.root)
            errors = [problem for problem in problems if problem.severity is Severity.ERROR]
            if errors:
                raise ReleaseError(
                    _(
                        "the content in {language} cannot be read: {problem}",
                        language=code,
                        problem=errors[0].message,
                    )
                )
            self.by_language[code] = loaded
        return self.by_language[code]


@dataclass(frozen=True)
class BundlePart:
    """One kind of file in the bundle."""

    title: str
    about: str
    """What the files are and how to use them: a paragraph of Markdown for LECTURERS.md."""
    build: Callable[[Release], list[Path]]
    """Writes the part's files into the release folder and returns them."""


def site_zip(edition: str) -> Callable[[Release], list[Path]]:
    """A built edition of the book as one zip, unpacking to a folder of its own."""

    def build(release: Release) -> list[Path]:
        site = release.student_site if edition == "student" else release.lecturer_site
        if not (site / "index.html").is_file():
            missing = (
                _("no built student edition at {site}: run 'make book' first", site=str(site))
                if edition == "student"
                else _("no built lecturer edition at {site}: run 'make lecturer' first", site=str(site))
            )
            raise ReleaseError(missing)
        name = f"first-loyalty-{release.version}-{edition}-site"
        return [write_zip(release.folder / f"{name}.zip", folder_files(site, f"{name}/"), release.when)]

    return build


def fixed_pdf_dates(pdf: bytes, when: datetime) -> bytes:
    """The PDF with its creation and modification dates set to `when`, so two prints are the same bytes.

    Chromium stamps the time of printing; the digits are replaced one for one, so no offset in the file
    moves."""
    stamp = when.strftime("%Y%m%d%H%M%S").encode()
    fixed, count = re.subn(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}", lambda m: m.group(1) + stamp, pdf)
    if count == 0:
        raise ReleaseError(_("a printed PDF carries no creation date where Chromium writes one"))
    return fixed


def seminar_packs(release: Release) -> list[Path]:
    """Each seminar's pack on A4, a student's copy and a lecturer's copy, in each language of the site
    (`seminar-packs/LANG/`)."""
    written = []
    for code in LANGUAGES:
        with language(code):
            catalog = release.catalog_in(code)
            for seminar_id in sorted(catalog.seminars):
                for lecturer in (False, True):
                    copy = "lecturer" if lecturer else "student"
                    target = release.folder / "seminar-packs" / code / f"{seminar_id}-{copy}.pdf"
                    try:
                        title, html = handout("seminar", seminar_id, catalog, lecturer)
                        print_pdf(html, target, title)
                    except (PrintError, DiagramError) as error:
                        failed = _(
                            "seminar pack '{seminar}' ({language}): {error}",
                            seminar=seminar_id,
                            language=code,
                            error=str(error),
                        )
                        raise ReleaseError(failed) from None
                    target.write_bytes(fixed_pdf_dates(target.read_bytes(), release.when))
                    written.append(target)
    return written


def scorm_packages(release: Release) -> list[Path]:
    """One SCORM 1.2 package per dilemma, in each language of the site (`scorm/LANG/`)."""
    written = []
    for code in LANGUAGES:
        with language(code):
            catalog = release.catalog_in(code)
            for dilemma_id, loaded in sorted(catalog.dilemmas.items()):
                target = release.folder / "scorm" / code / f"{dilemma_id}.zip"
                try:
                    written.append(write_package(loaded.model, catalog, target))
                except DiagramError as error:
                    failed = _(
                        "SCORM package '{dilemma}' ({language}): {error}",
                        dilemma=dilemma_id,
                        language=code,
                        error=str(error),
                    )
                    raise ReleaseError(failed) from None
    return written


def reading_lists(release: Release) -> list[Path]:
    """Each chapter's and each seminar's reading list, as RIS and as BibTeX."""
    from .readinglists import write_reading_lists

    return sorted(write_reading_lists(release.catalog, release.folder / "reading-lists"))


def published_address(root: Path) -> str:
    """Where the student site is published: `html.baseurl` in the kit's `_config.yml`, or ''."""
    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return ""
    html = config.get("html") if isinstance(config, dict) else None
    return str(html.get("baseurl") or "") if isinstance(html, dict) else ""


def course_cartridge(release: Release) -> list[Path]:
    """The Common Cartridge 1.1 course pack, when the kit says where its student site is published.

    Its dilemmas are links to the published site, so without an address there is nothing they could
    honestly point to, and the part is left out (LECTURERS.md says how to add it)."""
    address = published_address(release.catalog.root)
    if not address:
        return []
    return [_cartridge(release, address, embed=False)]


def scorm_cartridge(release: Release) -> list[Path]:
    """The Common Cartridge 1.1 course pack with each dilemma's SCORM package inside it.

    It needs no published site, so it is always made; when the kit gives the site's address, the other
    pages that need script link there, and otherwise they are left out."""
    return [_cartridge(release, published_address(release.catalog.root) or None, embed=True)]


def _cartridge(release: Release, address: str | None, embed: bool) -> Path:
    from .cartridge import CartridgeError, build, scorm_packages
    from .cartridge import write_zip as write_cartridge

    name = f"first-loyalty-{release.version}{'-scorm' if embed else ''}.imscc"
    target = release.folder / name
    try:
        # The course pack is in the source language: its words, its pages, and the links into the
        # published site.
        with language(SOURCE_LANGUAGE):
            catalog = release.catalog_in(SOURCE_LANGUAGE)
            packages = scorm_packages(catalog, release.when) if embed else None
            site = source_language_site(release.student_site)
            if address and site != release.student_site:
                address = f"{address.rstrip('/')}/{site.name}/"
            built = build(catalog.root, site, address, catalog, "First Loyalty", packages)
        write_cartridge(built.entries, target)
    except (CartridgeError, DiagramError) as error:
        failed = (
            _("Common Cartridge with SCORM packages: {error}", error=str(error))
            if embed
            else _("Common Cartridge: {error}", error=str(error))
        )
        raise ReleaseError(failed) from None
    return target


CONFORMANCE_PAGE = "book/accessibility-conformance.html"
"""The book's page that shows the report; both sites must show the report the bundle carries."""


def conformance_report(release: Release) -> list[Path]:
    """The accessibility conformance report from the test run that gathered evidence (`make release`
    runs it first), checked against what the sites' conformance pages show."""
    folder = release.catalog.root / EVIDENCE_FOLDER
    report = folder / REPORT_FILE
    for site in (release.student_site, release.lecturer_site):
        for page in conformance_pages(site):
            shown = page.read_text(encoding="utf-8")
            if not report.is_file():
                if "ek-conformance" in shown:
                    raise ReleaseError(
                        _(
                            "{page} shows a conformance report, but there is none in {folder}: run "
                            "'make release', which gathers the evidence before building the sites",
                            page=str(page),
                            folder=EVIDENCE_FOLDER,
                        )
                    )
                continue
            dated = _dated_line(folder / EVIDENCE_FILE, _page_language(shown))
            if dated.replace("'", "\u2019") not in shown and dated not in shown:
                raise ReleaseError(
                    _(
                        "{page} does not show the conformance report in {folder} (it was built from "
                        "other evidence, or none): build the sites again after the test run, as "
                        "'make release' does",
                        page=str(page),
                        folder=EVIDENCE_FOLDER,
                    )
                )
    if not report.is_file():
        return []
    target = release.folder / report.name
    shutil.copyfile(report, target)
    return [target]


_PAGE_LANGUAGE = re.compile(r'<html[^>]*\slang="([A-Za-z-]+)"')


def _page_language(page: str) -> str:
    found = _PAGE_LANGUAGE.search(page)
    return found.group(1) if found else SOURCE_LANGUAGE


def _dated_line(evidence_file: Path, code: str) -> str:
    """The line of the report saying which test run it comes from, as a page in `code` shows it: each
    language's page writes it in its own words from the evidence beside the report."""
    try:
        evidence = Evidence.read(evidence_file)
    except (OSError, ValueError) as error:
        raise ReleaseError(
            _(
                "{file}: the evidence behind the conformance report cannot be read ({error}): run "
                "'make release' again, which gathers it afresh",
                file=str(evidence_file),
                error=str(error),
            )
        ) from None
    with language(code):
        return contents(evidence).dated


def conformance_pages(site: Path) -> list[Path]:
    """The conformance page of each language of a site (or of a book built in one language only)."""
    candidates = [site / CONFORMANCE_PAGE, *(site / language / CONFORMANCE_PAGE for language in LANGUAGES)]
    return [page for page in candidates if page.is_file()]


def _languages_sentence() -> str:
    """Which folder holds which language, e.g. '`en/` for English, `cy/` for Cymraeg'."""
    return ", ".join(f"`{code}/` for {OWN_NAMES[code]}" for code in LANGUAGES)


PARTS: list[BundlePart] = [
    BundlePart(
        "The student site",
        "The student edition of the course book, with every dilemma playable, in English and in Welsh, "
        f"one folder for each: {_languages_sentence()}. Every page links to the same page in the other "
        "language. Unzip it and open `index.html` in a browser, which links both languages: it works from "
        "the computer's own disk, with no internet connection. "
        "Give it to students as it is, or put the unzipped folder on any web server. Do not upload its "
        "pages into a VLE's file area to run the dilemmas: Canvas, for one, does not run the script in "
        "uploaded HTML files unless an administrator allows it. Use the SCORM packages for that.",
        site_zip("student"),
    ),
    BundlePart(
        "The lecturer site",
        "The same book with every teaching note: notes for the lecturer on every case, a facilitator "
        "note on every decision, the map of every branch of each dilemma, and each seminar plan's "
        "facilitation notes, debrief and marked exemplar answers, in the same two languages. Unzip it and "
        "open `index.html`. It is for "
        "teaching staff only: never give it to students or put it where they can reach it.",
        site_zip("lecturer"),
    ),
    BundlePart(
        "Seminar packs (`seminar-packs/`)",
        f"A4 PDFs in each language ({_languages_sentence()}), one pair per seminar: "
        "`ID-student.pdf` is the plan, case sheets and dilemmas as "
        "students may see them; `ID-lecturer.pdf` adds what happens in each activity, facilitation notes "
        "and the full map of every dilemma. Upload the student copy as a file; keep the lecturer's copy "
        "for staff (hidden from students, or outside the VLE).",
        seminar_packs,
    ),
    BundlePart(
        "SCORM packages (`scorm/`)",
        f"One SCORM 1.2 zip per dilemma in each language ({_languages_sentence()}), each "
        "playing the dilemma on its own. Upload the zip unopened, as "
        "a SCORM package (see below). The VLE is told when a student starts, that they reached an "
        "ending (the activity is then *completed*; there is no score), the time spent, and short codes for "
        "the decisions and choices on their path, so the dilemma resumes where they left it. Staff who "
        "can see the VLE's activity reports may be able to see those codes. **Reflections are never "
        "sent to the VLE**: they stay in the student's browser until the student downloads them, and the "
        "package says so on its first screen.",
        scorm_packages,
    ),
    BundlePart(
        "Reading lists (`reading-lists/`)",
        "Each chapter's and each seminar's essential and further reading, as RIS (import it into Talis "
        "Aspire, Leganto or a reference manager; essential items are marked *Essential*, further reading "
        "*Recommended*, with why to read each) and as BibTeX.",
        reading_lists,
    ),
    BundlePart(
        "Common Cartridge course pack (`.imscc`)",
        "The book as an IMS Common Cartridge 1.1, for Moodle's course import (Canvas, Blackboard and "
        "Brightspace import it too): each part a module, each chapter a page with its script removed, and "
        "each dilemma a link to the published student site. A *For lecturers only* module is marked for "
        "the Instructor role; check after import that your VLE hides it from students. It is made only "
        "when `html.baseurl` in `_config.yml` gives the address where the student site is published; "
        "otherwise make one with `ethicskit cartridge --site-url ADDRESS --out FILE.imscc`.",
        course_cartridge,
    ),
    BundlePart(
        "Common Cartridge with the SCORM packages (`-scorm.imscc`)",
        "The same course pack, except that each dilemma is carried inside it as its SCORM 1.2 package "
        "(the same zip as in `scorm/en/`: the course packs are in English), on a page that says what "
        "the dilemma is and how to play it, with the zip beside it. It needs no published site: when "
        "`html.baseurl` is not set, the other pages that need the site's script (the worksheet, the "
        "room tally, My reflections) are left out, and links into the site keep their words but not "
        "their address. Common Cartridge 1.1 has no "
        "resource type for SCORM packages, so no VLE is asked to play them on import: after importing, "
        "add each dilemma you want tracked as a SCORM activity (below), from this cartridge's copy of "
        "the zip or from `scorm/en/`. What each VLE makes of the page and its zip on import:\n\n"
        "- **Moodle**: each dilemma's page comes in as a page of text, and the zip it links to comes in "
        "with it as a file that the link still reaches (as the source of Moodle's Common Cartridge 1.1 "
        "importer reads; not yet tried on a running Moodle). Students can download the zip and play the "
        "dilemma on their own; Moodle does not make it a SCORM activity by itself.\n"
        "- **Canvas**, **Blackboard** and **Brightspace**: unverified. Each is expected to import the "
        "page as course content and the zip as a course file, but this has not been tried or read in "
        "their documentation; check after import, and hide or remove the zips if you would rather "
        "students played the dilemmas only as SCORM activities.",
        scorm_cartridge,
    ),
    BundlePart(
        "Accessibility conformance report",
        "WCAG 2.1 A and AA, criterion by criterion, as far as the kit's automated tests show, generated by "
        "the test run that `make release` makes before it builds the sites (axe-core on every page of both "
        "editions, every dilemma path by keyboard alone), never written by hand. Criteria no automated "
        "check covers are *Not evaluated*. Both sites show the same report on their *Accessibility "
        "conformance report* page, so it can be read where the book is published.",
        conformance_report,
    ),
]
"""The bundle's parts, in the order LECTURERS.md describes them."""

VLE_GUIDE = """\
## Putting the dilemmas into your VLE

Each dilemma goes in as its own SCORM package, the one format Moodle, Canvas, Blackboard Ultra and
Brightspace all play. Menus move between versions and institutions; if a step below does not match
what you see, your learning technologist will know the local route.

- **Moodle**: in a course section, *Add an activity or resource*, then *SCORM package*; upload the zip.
- **Canvas**: upload the zip through the *SCORM* tool in Course Navigation, which your institution
  must have enabled. Do not upload the dilemma pages (or the sites) to *Files* to run them there:
  Canvas does not run JavaScript in uploaded HTML files by default.
- **Blackboard Ultra**: in the course content, *Create*, then *SCORM package*. Choose the grading
  options with care: they cannot be changed after the upload. The dilemmas report completion, not a
  score.
- **Brightspace**: add the zip to a module in *Content* as a SCORM package. The newer SCORM tool needs
  your administrator to have turned on its content service and SCORM permissions.

The seminar packs are ordinary PDFs: upload them as files. Link to the student site where it is
published on the web, or hand its zip out; the lecturer site is for staff only.
"""


def checksums(folder: Path) -> str:
    """`sha256sum` lines for every file in the folder but the checksum file itself, in path order."""
    lines = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name != CHECKSUMS:
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n")
    return "".join(lines)


def lecturers_guide(release: Release, parts: list[BundlePart], written: dict[str, list[Path]]) -> str:
    out = [
        f"# First Loyalty {release.version}: what is in this folder\n",
        "First Loyalty is an open course kit for teaching social work ethics and values. This folder is "
        "one release of it, made by `make release`.\n",
    ]
    for part in parts:
        files = ", ".join(f"`{path.relative_to(release.folder).as_posix()}`" for path in written[part.title])
        out.append(f"## {part.title}\n\n{part.about}\n\nFiles: {files or 'none in this release'}.\n")
    out.append(VLE_GUIDE)
    out.append(
        f"## Checking the files\n\n`{CHECKSUMS}` lists the SHA-256 checksum of every file here. "
        f"`sha256sum -c {CHECKSUMS}` in this folder checks that nothing was damaged or changed on the way. "
        "The same commit always gives the same files, byte for byte.\n"
    )
    return "\n".join(out)


def make_release(
    catalog: Catalog,
    version: str,
    output: Path,
    student_site: Path,
    lecturer_site: Path,
    parts: list[BundlePart] | None = None,
) -> Path:
    """Write the bundle to `output/<version>/` and return that folder; `catalog` is the content as loaded
    in the language being written (each other language's is loaded when a part needs it).

    The bundle is made in a folder beside it and moved into place only when every part is written, so
    a failed release leaves no half-made bundle. A folder left by an earlier release of the same version
    is replaced; any other folder in the way is an error, so nothing that is not a release is deleted."""
    if not VERSION.fullmatch(version):
        raise ReleaseError(
            _("'{version}' is not a version: use letters, digits, '.', '+' and '-' only", version=version)
        )
    folder = output / version
    if folder.exists() and not (folder / CHECKSUMS).is_file():
        raise ReleaseError(
            _("{folder} exists and is not an earlier release: move it out of the way", folder=str(folder))
        )
    building = output / f".{version}.partial"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    try:
        # The catalogue given was loaded in the language being written: no part loads it again for that.
        loaded_in = {current().language: catalog}
        release = Release(catalog, version, building, student_site, lecturer_site, build_time(), loaded_in)
        chosen = PARTS if parts is None else parts
        written = {part.title: part.build(release) for part in chosen}
        (building / GUIDE).write_text(lecturers_guide(release, chosen, written), encoding="utf-8")
        (building / CHECKSUMS).write_text(checksums(building), encoding="utf-8")
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    if folder.exists():
        shutil.rmtree(folder)
    building.rename(folder)
    return folder
