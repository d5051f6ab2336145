"""The `ethicskit` command: a thin layer over the catalogue, reports and scaffolding."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .anonymity import write_fingerprints
from .catalog import load_catalog
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
    """Start a new case or dilemma from its template, e.g. `ethicskit new case late-visit`."""
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
