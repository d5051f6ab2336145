"""The `ethicskit` command: a thin layer over the catalogue, reports and scaffolding."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .anonymity import write_fingerprints
from .catalog import Catalog, load_catalog
from .diagram import DiagramError
from .documents import handout as handout_document
from .documents import standalone_dilemma
from .printing import PrintError, print_pdf
from .report import as_json, as_text
from .scaffold import KINDS, SLUG, ScaffoldError, new_content, write_schemas

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
    """Check every code, case and dilemma; exit 1 if anything is wrong."""
    catalog, problems = load_catalog(root)
    files = len(catalog.content_files())
    click.echo(as_json(problems, files) if fmt == "json" else as_text(problems, files))
    sys.exit(1 if problems else 0)


@main.command()
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.argument("slug")
@ROOT_OPTION
def new(kind: str, slug: str, root: Path) -> None:
    """Start a new case, dilemma or seminar plan from its template, e.g. `ethicskit new case late-visit`."""
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
            click.echo(f"{code.id:24} {code.status.value:10} {code.title} ({code.issuer}, {code.version})")
        return
    chosen = catalog.codes.get(code_id)
    if chosen is None:
        known = ", ".join(sorted(catalog.codes)) or "none"
        raise click.ClickException(f"no code '{code_id}' in codes_of_practice/ (known: {known})")
    for section, clause in chosen.model.clauses():
        click.echo(f"{code_id}:{clause.id:10} [{section.polarity.value}] {clause.paraphrase}")


HANDOUT_KINDS = {"case": "cases", "dilemma": "dilemmas", "seminar": "seminars"}


def _valid_catalog(root: Path) -> Catalog:
    """The catalogue, or a clear error: handouts are only made from content that passes the check."""
    catalog, problems = load_catalog(root)
    if problems:
        raise click.ClickException(
            f"{len(problems)} content problem(s); run 'ethicskit check' and fix them before printing"
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
    click.echo(f"Wrote {output}: {title}" + (" (lecturer's copy)" if lecturer else ""))


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
        f"Wrote {output}: open it in a browser, or upload it to your VLE; it loads nothing from elsewhere."
    )
