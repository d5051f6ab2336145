"""The `ethicskit` command: a thin layer over the catalogue, reports and scaffolding."""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import click

from .anonymity import write_fingerprints
from .balance import as_markdown, as_table, dilemma_balance, kit_balance, one_sided_warnings
from .catalog import Catalog, load_catalog
from .curriculum import unverified_in_maps
from .diagram import DiagramError
from .documents import handout as handout_document
from .documents import standalone_dilemma
from .languages import source_language_site
from .loader import load_file
from .models import CodeOfPractice
from .printing import PrintError, print_pdf
from .problems import Problem
from .release import GUIDE, ReleaseError, make_release
from .report import as_json, as_text
from .scaffold import KINDS, SLUG, ScaffoldError, new_content, write_schemas
from .scorm import write_package
from .translations import TranslationError, stamp_file, start_translation
from .verify import Outcome, SourceError, compare, document_numbers, read_source, source_id
from .verify import record as record_verification
from .words import _, current, n_

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The kit's folder (the one holding _config.yml).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """First Loyalty course kit: check content, start new cases and dilemmas."""


@main.command()
@ROOT_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(root: Path, fmt: str) -> None:
    """Check every code, statute digest, case and dilemma; exit 1 if anything is wrong.

    One-sided dilemmas, and unverified framework items used in the curriculum maps, are reported as
    warnings, which do not change the exit status.
    """
    catalog, problems = load_catalog(root)
    files = len(catalog.content_files())
    warnings = one_sided_warnings(catalog) + unverified_in_maps(catalog) + catalog.translations.warnings
    render = as_json if fmt == "json" else as_text
    click.echo(render(problems, files, warnings))
    sys.exit(1 if problems else 0)


@main.command()
@ROOT_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
def stats(root: Path, fmt: str) -> None:
    """Report how balanced each dilemma and the whole kit are (definitions in the README).

    `--format markdown` prints the whole kit's figures against their targets, the README's table.
    """
    catalog = _valid_catalog(root)
    dilemmas = [loaded.model for _, loaded in sorted(catalog.dilemmas.items())]
    per_dilemma = [dilemma_balance(dilemma) for dilemma in dilemmas]
    kit = kit_balance(dilemmas)
    if fmt == "json":
        report = {"kit": kit.as_dict(), "dilemmas": [balance.as_dict() for balance in per_dilemma]}
        click.echo(json.dumps(report, indent=2))
    elif fmt == "markdown":
        click.echo(as_markdown(per_dilemma, kit))
    else:
        click.echo(as_table(per_dilemma, kit))


@main.command()
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.argument("slug")
@ROOT_OPTION
def new(kind: str, slug: str, root: Path) -> None:
    """Start a case, dilemma, seminar plan or code digest from its template: `ethicskit new case x`."""
    try:
        path = new_content(root, kind, slug)
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote {path}. Replace every 'TODO:' and run 'ethicskit check'.")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the schemas into.",
)
def schema(output: Path) -> None:
    """Write JSON Schemas for the content files, for editor validation and autocompletion."""
    for path in write_schemas(output):
        click.echo(f"Wrote {path}")


@main.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="A short name for the source, e.g. 'diary-post-inspection'.")
@ROOT_OPTION
def fingerprint(source: Path, name: str, root: Path) -> None:
    """Register a source text that content must not copy from.

    Only hashes of its eight-word runs are written (to sources/NAME.fingerprints), never its text.
    """
    if not SLUG.fullmatch(name):
        raise click.ClickException(f"'{name}' is not a valid name: use lower-case words joined by hyphens.")
    path = write_fingerprints(source.read_text(encoding="utf-8"), name, root)
    click.echo(f"Wrote {path}: 'ethicskit check' now reports any eight-word run copied from it.")


@main.command()
@click.argument("code_id", required=False)
@ROOT_OPTION
def clauses(code_id: str | None, root: Path) -> None:
    """List the codes, or the clause ids of one code, e.g. `ethicskit clauses swe-2019`."""
    catalog, _ = load_catalog(root)
    if code_id is None:
        for loaded in sorted(catalog.codes.values(), key=lambda item: item.model.id):
            code = loaded.model
            scope = " [document only]" if code.document_level else ""
            click.echo(
                f"{code.id:24} {code.status.value:10} {code.title} ({code.issuer}, {code.version}){scope}"
            )
        return
    chosen = catalog.codes.get(code_id)
    if chosen is None:
        known = ", ".join(sorted(catalog.codes)) or "none"
        raise click.ClickException(f"no code '{code_id}' in codes_of_practice/ (known: {known})")
    if chosen.model.document_level:
        click.echo(
            f"'{code_id}' is described as a document: the kit does not yet digest its clauses, so cite it "
            f"as a whole ('{code_id}'). Official text: {chosen.model.official_url}"
        )
        return
    for section, clause in chosen.model.clauses():
        click.echo(f"{code_id}:{clause.id:10} [{section.polarity.value}] {clause.paraphrase}")


@main.command()
@click.argument("instrument_id", required=False)
@ROOT_OPTION
def law(instrument_id: str | None, root: Path) -> None:
    """List the statute digests, or the provisions of one, e.g. `ethicskit law care-act-2014`."""
    catalog, _ = load_catalog(root)
    if instrument_id is None:
        for loaded in sorted(catalog.laws.values(), key=lambda item: item.model.id):
            instrument = loaded.model
            nations = ", ".join(nation.value for nation in instrument.nations)
            click.echo(f"{instrument.id:48} {instrument.title} ({nations})")
        return
    chosen = catalog.laws.get(instrument_id)
    if chosen is None:
        known = ", ".join(sorted(catalog.laws)) or "none"
        raise click.ClickException(f"no instrument '{instrument_id}' in law/ (known: {known})")
    for provision in chosen.model.provisions:
        state = "verified" if provision.verified else "UNVERIFIED"
        click.echo(f"{instrument_id}:{provision.number:12} [{state}] {provision.heading}")


@main.command()
@click.argument("code_id")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--record",
    is_flag=True,
    help="Mark the clauses found verified against this source, and list the source under 'checked.sources'.",
)
@click.option(
    "--secondary",
    is_flag=True,
    help="With --record: the source is a copy or quotation, not the issuer's own document.",
)
@click.option(
    "--title", "title", default=None, help="With --record: the source's title, if not the document's."
)
@click.option(
    "--date",
    "seen_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="With --record: the source's date (YYYY-MM-DD); by default its own date, else today.",
)
@ROOT_OPTION
def verify(
    code_id: str,
    source: Path,
    record: bool,
    secondary: bool,
    title: str | None,
    seen_on: datetime | None,
    root: Path,
) -> None:
    """Check a digest against the official document (PDF, HTML or text), clause by clause.

    e.g. `ethicskit verify swe-2019 professional-standards.pdf`. Each clause is found, not found,
    numbered differently, of doubtful meaning, or too close to the official wording. With --record,
    the clauses found are marked verified against the source (its title, date and SHA-256).
    """
    catalog, _ = load_catalog(root)
    loaded = catalog.codes.get(code_id)
    if loaded is None:
        known = ", ".join(sorted(catalog.codes)) or "none"
        raise click.ClickException(f"no code '{code_id}' in codes_of_practice/ (known: {known})")
    code = loaded.model
    try:
        text = read_source(source)
    except SourceError as error:
        raise click.ClickException(str(error)) from None
    if title:
        text = replace(text, title=title)
    click.echo(f"Source: {text.title} (SHA-256 {text.sha256[:16]}...)")
    if code.document_level:
        numbers = list(document_numbers(text))
        click.echo(
            f"'{code_id}' is described as a document, without clauses: there is nothing to compare yet. "
            f"The source has {len(numbers)} numbered passage(s):"
        )
        for number, words in numbers:
            click.echo(f"  {number:10} {words} words")
        click.echo(
            "To digest its clauses, start from 'ethicskit new code NEW-ID', paraphrase each clause in your "
            "own words under the issuer's number, then run this command on the new digest."
        )
        if record:
            raise click.ClickException("--record needs a digest that lists clauses; there is nothing to mark")
        return
    results = compare(code, text)
    width = max(len(result.clause_id) for result in results)
    for result in results:
        detail = f": {result.detail}" if result.detail else ""
        click.echo(
            f"  {result.clause_id:{width}}  {result.outcome.value} (overlap {result.overlap:.2f}){detail}"
        )
    counts = Counter(result.outcome for result in results)
    click.echo(
        ", ".join(f"{counts[outcome]} {outcome.value}" for outcome in Outcome if counts[outcome]) + "."
    )
    if not record:
        return
    confirmed = [result.clause_id for result in results if result.outcome is Outcome.FOUND]
    if not confirmed:
        click.echo("Nothing recorded: no clause was found with its meaning confirmed.")
        return
    when = seen_on.date() if seen_on else (text.dated or date.today())
    new_id = source_id(source)
    taken = {existing.id for existing in code.checked.sources}
    base, suffix = new_id, 2
    while new_id in taken:
        new_id, suffix = f"{base}-{suffix}", suffix + 1
    path = root / loaded.path
    original = path.read_text(encoding="utf-8")
    updated = record_verification(original, code, confirmed, text, new_id, not secondary, when)
    _, problems = parse_and_validate(updated, loaded.path)
    if problems:
        raise click.ClickException(
            f"recording would leave {loaded.path} invalid ({problems[0]}); nothing was written"
        )
    path.write_text(updated, encoding="utf-8")
    click.echo(f"Recorded {len(confirmed)} clause(s) as verified against '{new_id}' in {loaded.path}.")


HANDOUT_KINDS = {"case": "cases", "dilemma": "dilemmas", "seminar": "seminars"}


def _valid_catalog(root: Path) -> Catalog:
    """The catalogue, or a clear error: handouts are only made from content that passes the check."""
    catalog, problems = load_catalog(root)
    if problems:
        raise click.ClickException(
            n_(
                "{count} content problem; run 'ethicskit check' and fix it before printing",
                "{count} content problems; run 'ethicskit check' and fix them before printing",
                len(problems),
            )
        )
    return catalog


def _item(catalog: Catalog, kind: str, item_id: str) -> None:
    group = getattr(catalog, HANDOUT_KINDS[kind])
    if item_id not in group:
        known = ", ".join(sorted(group)) or "none"
        raise click.ClickException(f"no {kind} '{item_id}' (known: {known})")


@main.command()
@click.argument("kind", type=click.Choice(sorted(HANDOUT_KINDS)))
@click.argument("item_id", metavar="ID")
@click.option(
    "--lecturer", is_flag=True, help="Include the lecturer's notes (never give this copy to students)."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The PDF to write."
)
@ROOT_OPTION
def handout(kind: str, item_id: str, lecturer: bool, output: Path, root: Path) -> None:
    """Print an A4 PDF: a case sheet, a dilemma's map of every branch, or a seminar pack.

    e.g. `ethicskit handout seminar speaking-up --lecturer -o speaking-up.pdf`
    """
    catalog = _valid_catalog(root)
    _item(catalog, kind, item_id)
    try:
        title, html = handout_document(kind, item_id, catalog, lecturer)
        print_pdf(html, output, title)
    except (PrintError, DiagramError) as error:
        raise click.ClickException(str(error)) from None
    if lecturer:
        click.echo(_("Wrote {path}: {title} (lecturer's copy)", path=output, title=title))
    else:
        click.echo(_("Wrote {path}: {title}", path=output, title=title))


@main.group()
def export() -> None:
    """Export content as files that work on their own."""


@export.command("dilemma")
@click.argument("dilemma_id", metavar="ID")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The HTML file to write.",
)
@ROOT_OPTION
def export_dilemma(dilemma_id: str, output: Path, root: Path) -> None:
    """Write one self-contained HTML file with the player, reflections and export, for a VLE or an iframe."""
    catalog = _valid_catalog(root)
    _item(catalog, "dilemma", dilemma_id)
    try:
        document = standalone_dilemma(catalog.dilemmas[dilemma_id].model, catalog)
    except DiagramError as error:
        raise click.ClickException(str(error)) from None
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(document, encoding="utf-8")
    click.echo(
        _(
            "Wrote {path}: open it in a browser, or upload it to your VLE; it loads nothing from elsewhere.",
            path=output,
        )
    )


@export.command("scorm")
@click.argument("dilemma_id", metavar="ID")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The zip file to write.",
)
@ROOT_OPTION
def export_scorm(dilemma_id: str, output: Path, root: Path) -> None:
    """Write one dilemma as a SCORM 1.2 package (a zip) for Moodle, Canvas, Blackboard or Brightspace.

    The VLE is told when the learner starts and finishes, the time spent, and the ids of the choices on
    their path (to resume it); reflections are never sent.
    """
    catalog = _valid_catalog(root)
    _item(catalog, "dilemma", dilemma_id)
    try:
        write_package(catalog.dilemmas[dilemma_id].model, catalog, output)
    except DiagramError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("Wrote {path}: upload it to your VLE as a SCORM package.", path=output))


@main.command()
@ROOT_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="The bundle goes into OUTPUT/VERSION/.",
)
@click.option("--version", "version", default=None, help="The release's version; by default the kit's.")
@click.option(
    "--student-site",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The built student edition, every language (by default ROOT/_build/html, as 'make book' writes it).",
)
@click.option(
    "--lecturer-site",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The built lecturer edition, every language (by default ROOT/_build/lecturer/html, from "
    "'make lecturer').",
)
def release(
    root: Path, output: Path, version: str | None, student_site: Path | None, lecturer_site: Path | None
) -> None:
    """Write the release bundle: both sites as zips, seminar packs, SCORM packages, LECTURERS.md and
    SHA256SUMS. `make release` builds both editions first, then runs this.

    Zip entries and PDF dates take SOURCE_DATE_EPOCH when it is set (a fixed date otherwise), so the
    same commit gives the same bytes.
    """
    catalog = _valid_catalog(root)
    try:
        folder = make_release(
            catalog,
            version or metadata.version("ethicskit"),
            output,
            student_site or root / "_build" / "html",
            lecturer_site or root / "_build" / "lecturer" / "html",
        )
    except ReleaseError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote the release bundle to {folder}: start with {folder / GUIDE}.")


RECORD_FORMATS = (".md", ".txt", ".docx")


@export.command("record")
@click.argument("shape_id", metavar="SHAPE", type=click.Choice(["swe-cpd", "asye-crl", "sssc-cpl"]))
@click.argument("reflections", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write: .md (Markdown), .txt (plain text) or .docx (Word).",
)
def export_record(shape_id: str, reflections: Path, output: Path) -> None:
    """Lay out reflections downloaded from My reflections (JSON) as a regulator's record.

    SHAPE is swe-cpd (a Social Work England CPD record), asye-crl (an ASYE critical reflection log entry)
    or sssc-cpl (an SSSC continuous professional learning record). e.g.
    `ethicskit export record swe-cpd first-loyalty-reflections.json -o cpd.docx`
    """
    from . import records

    if output.suffix.lower() not in RECORD_FORMATS:
        raise click.ClickException(
            _(
                "'{name}': the file must end in one of {suffixes}",
                name=output.name,
                suffixes=", ".join(RECORD_FORMATS),
            )
        )
    try:
        export_data = records.read_export(reflections.read_bytes()[: records.MAX_EXPORT_BYTES + 1])
    except records.RecordError as error:
        raise click.ClickException(f"{reflections}: {error}") from None
    shape = records.shape_by_id(shape_id)
    today = current().date(date.today())
    output.parent.mkdir(parents=True, exist_ok=True)
    suffix = output.suffix.lower()
    if suffix == ".docx":
        output.write_bytes(records.as_docx(shape, export_data, today))
    else:
        render = records.as_markdown if suffix == ".md" else records.as_text
        output.write_text(render(shape, export_data, today), encoding="utf-8")
    click.echo(
        _(
            "Wrote {path}: {record}. Complete every answer marked '{to_complete}'.",
            path=output,
            record=shape.title,
            to_complete=records.to_complete(),
        )
    )


def parse_and_validate(text: str, shown_as: str) -> tuple[CodeOfPractice | None, list[Problem]]:
    """Validate a digest's text before it is written back, so a failed edit never reaches the file."""
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.yml"
        draft.write_text(text, encoding="utf-8")
        loaded, problems = load_file(draft, CodeOfPractice, shown_as)
    return (loaded.model if loaded else None), problems


@main.command()
@click.option(
    "-o",
    "--out",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The .imscc file.",
)
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The built student site (default: ROOT/_build/html, from 'make book'); the pack is made from its "
    "book in the source language.",
)
@click.option(
    "--site-url",
    default=None,
    help="Where the student book is published; dilemmas and other pages that need script link there "
    "(default: html.baseurl in _config.yml).",
)
@click.option(
    "--embed-scorm",
    is_flag=True,
    help="Carry each dilemma as its SCORM 1.2 package (a page with the zip beside it) instead of a link "
    "to the published site; then the site's address is optional.",
)
@ROOT_OPTION
def cartridge(output: Path, site: Path | None, site_url: str | None, embed_scorm: bool, root: Path) -> None:
    """Write an IMS Common Cartridge 1.1 course pack of the book, for Moodle, Canvas, Blackboard, Brightspace.

    e.g. `ethicskit cartridge --site-url https://example.org/first-loyalty/ --out first-loyalty.imscc`,
    or `ethicskit cartridge --embed-scorm --out first-loyalty-scorm.imscc`
    """
    from .cartridge import CartridgeError, build, scorm_packages, write_zip

    catalog = _valid_catalog(root)
    config = _book_config(root)
    address = site_url or str((config.get("html") or {}).get("baseurl") or "")
    if not address and not embed_scorm:
        raise click.ClickException(
            "no site address: pass --site-url with the address where the student book is published, or set "
            "html.baseurl in _config.yml (or pass --embed-scorm to carry the dilemmas as SCORM packages)"
        )
    # The pack is in the source language: its pages, and the links into the published site.
    site_root = site or root / "_build" / "html"
    book = source_language_site(site_root)
    if address and book != site_root:
        address = f"{address.rstrip('/')}/{book.name}/"
    try:
        built = build(
            root,
            book,
            address or None,
            catalog,
            str(config.get("title") or "Book"),
            scorm_packages(catalog) if embed_scorm else None,
        )
        write_zip(built.entries, output)
    except CartridgeError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Wrote {output}: {len(built.resources)} resources; import it into your VLE as a Common Cartridge."
    )


def _book_config(root: Path) -> dict[str, Any]:
    import yaml

    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise click.ClickException(f"_config.yml could not be read: {str(error)[:200]}") from None
    return config if isinstance(config, dict) else {}


@main.command("reading-lists")
@click.option(
    "-o", "--out", "output", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder."
)
@ROOT_OPTION
def reading_lists(output: Path, root: Path) -> None:
    """Write each chapter's and each seminar's reading list as RIS (Talis Aspire, Leganto) and BibTeX."""
    from .readinglists import write_reading_lists

    written = write_reading_lists(_valid_catalog(root), output)
    click.echo(
        f"Wrote {len(written)} files to {output}: import the .ris files into your reading-list system."
    )


@main.command()
@click.argument("evidence", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The .md file."
)
@click.option(
    "--date",
    "run_date",
    default=None,
    help="The date of the test run (default: the date the evidence records, else the file's date).",
)
def conformance(evidence: Path, output: Path, run_date: str | None) -> None:
    """Render the accessibility conformance report (WCAG 2.1 A/AA) from a test run's evidence.

    The browser tests write the evidence, and the report beside it, into the folder named by the
    ETHICSKIT_EVIDENCE environment variable: `ETHICSKIT_EVIDENCE=_build/accessibility make test`.
    """
    from .conformance import Evidence, report

    try:
        found = Evidence.read(evidence)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise click.ClickException(f"{evidence} is not the evidence a test run writes: {error}") from None
    when = run_date or found.date or date.fromtimestamp(evidence.stat().st_mtime).isoformat()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report(found, when), encoding="utf-8")
    click.echo(f"Wrote {output}: the conformance report from {len(found.axe)} page checks.")


@main.group()
def translation() -> None:
    """Start and record content translations (see the README's 'Translating the kit')."""


@translation.command("start")
@click.argument("language")
@click.argument("source")
@ROOT_OPTION
def translation_start(language: str, source: str, root: Path) -> None:
    """Copy a content file to translations/LANGUAGE/content/, to translate it in place."""
    try:
        path = start_translation(root, language, source)
    except TranslationError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        _("Wrote {path}. Translate its text, then run 'ethicskit translation stamp {path}'.", path=path)
    )


@translation.command("stamp")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("fields", nargs=-1)
@ROOT_OPTION
def translation_stamp(file: Path, fields: tuple[str, ...], root: Path) -> None:
    """Record the English each translated string stands for; name FIELDS to record them even if
    outdated or left as the English."""
    try:
        stamp_file(root, file, list(fields))
    except TranslationError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("Recorded what {path} was translated from.", path=file))
