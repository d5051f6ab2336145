"""The `ethicskit` command: a thin layer over the catalogue, reports and scaffolding.

Every word it writes is a catalogue message, in the language chosen with `--language` or
ETHICSKIT_LANGUAGE (English by default), set before anything is written. Help texts are marked with
`N_` and looked up when the help is shown, so `--help` speaks the chosen language too. Click's own
error messages (a missing argument, an unknown option) stay in English: they are click's, not the kit's.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
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
from .languages import language_site
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
from .words import CatalogueError, _, current, language, n_, set_language


def N_(message: str) -> str:
    """Mark a help text for the catalogue (Babel extracts `N_`): click keeps it from import time, and
    `Command` looks it up in the chosen language only when the help is shown."""
    return message


LANGUAGE_VARIABLE = "ETHICSKIT_LANGUAGE"
HELP_OPTION = N_("Show this message and exit.")
"""Click's own help option: its text is looked up in the catalogue like every other."""


def _help_text(text: str | None) -> str:
    return _(text) if text else ""


class Command(click.Command):
    """A command whose help is written in the chosen language when it is shown."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(_help_text(self.help))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [_option_row(param, ctx) for param in self.get_params(ctx) if isinstance(param, click.Option)]
        shown = [row for row in rows if row is not None]
        if shown:
            with formatter.section(_("Options")):
                formatter.write_dl(shown)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.epilog:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(_help_text(self.epilog))


def _option_row(option: click.Option, ctx: click.Context) -> tuple[str, str] | None:
    """An option's names and its help in the chosen language, with its default or 'required'."""
    record = option.get_help_record(ctx)
    if record is None:
        return None
    names, _english = record
    text = _help_text(option.help)
    extra = option.get_help_extra(ctx)
    if "default" in extra:
        shown = str(extra["default"])
        text = (
            _("{help}  [default: {default}]", help=text, default=shown)
            if text
            else _("[default: {default}]", default=shown)
        )
    if "required" in extra:
        text = _("{help}  [required]", help=text) if text else _("[required]")
    return names, text


class Group(Command, click.Group):
    """A group of commands: its own help, and its commands' one-line help, in the chosen language."""

    command_class = Command
    group_class = type

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        Command.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in commands if command is not None and not command.hidden]
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _command in shown)
        rows = [(name, _short_help(_help_text(command.help), limit)) for name, command in shown]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        # `--language` sets the language for this run only: once the command ends (also when it is run
        # in-process, as the tests do), the language in use before is restored.
        with language(current().language):
            _language_first(sys.argv[1:] if args is None else list(args))
            return super().main(args, *rest, **kwargs)


def _language_first(args: list[str]) -> None:
    """Choose the language before click reads any option, so that `--help` is shown in it wherever it
    stands: click runs an eager option's callback in the order the options are given, and reads the
    environment after them. An unknown language is left for the option's own check to report."""
    chosen = os.environ.get(LANGUAGE_VARIABLE) or None
    for index, arg in enumerate(args):
        if arg == "--language" and index + 1 < len(args):
            chosen = args[index + 1]
            break
        if arg.startswith("--language="):
            chosen = arg.partition("=")[2]
            break
        if not arg.startswith("-"):
            break  # the command's name: what follows is the command's, not the group's
    if chosen:
        with contextlib.suppress(CatalogueError):
            set_language(chosen)


def _short_help(text: str, limit: int) -> str:
    """A command's first sentence for the list of commands, cut to `limit` with '...' as click does."""
    words = text.split()
    first: list[str] = []
    for word in words:
        first.append(word)
        if word.endswith("."):
            break
    shown = " ".join(first)
    if len(shown) <= limit:
        return shown
    while first and len(" ".join(first)) > limit - 3:
        first.pop()
    return " ".join(first) + "..."


class CommandError(click.ClickException):
    """A failure the command reports in the chosen language, as 'Error: ...' on standard error."""

    def show(self, file: Any = None) -> None:
        click.echo(_("Error: {message}", message=self.format_message()), file=file, err=True)


@contextlib.contextmanager
def reported(*errors: type[Exception]) -> Iterator[None]:
    """Failures the kit already explains in words of its own (a missing template, a diagram Graphviz
    could not draw) end the command with that explanation, not a traceback."""
    try:
        yield
    except errors as error:
        raise CommandError(str(error)) from None


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # Neither the option nor the variable: English, or the language the caller already chose in-process.
    if value is None:
        return None
    try:
        set_language(value)
    except CatalogueError as error:
        raise click.BadParameter(str(error)) from None
    return value


ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help=N_("The kit's folder (the one holding _config.yml)."),
)


def output_file(help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The `-o/--output` option of a command that writes one file; `help` says which."""
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help=help
    )


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("First Loyalty course kit: check content, start new cases and dilemmas."),
)
@click.option(
    "--language",
    envvar=LANGUAGE_VARIABLE,
    default=None,
    is_eager=True,
    expose_value=False,
    callback=_choose_language,
    help=N_(
        "The language the command writes in (also ETHICSKIT_LANGUAGE; English when neither is given): 'en', "
        "'qps' for the pseudo-locale, or a language with a catalogue in the package. Give it before the "
        "command's name."
    ),
)
def main() -> None:
    pass


@main.command(
    help=N_(
        "Check every code, statute digest, case and dilemma; exit 1 if anything is wrong.\n\n"
        "One-sided dilemmas, and unverified framework items used in the curriculum maps, are reported as "
        "warnings, which do not change the exit status."
    )
)
@ROOT_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(root: Path, fmt: str) -> None:
    catalog, problems = load_catalog(root)
    files = len(catalog.content_files())
    warnings = one_sided_warnings(catalog) + unverified_in_maps(catalog) + catalog.translations.warnings
    render = as_json if fmt == "json" else as_text
    click.echo(render(problems, files, warnings))
    sys.exit(1 if problems else 0)


@main.command(
    help=N_(
        "Report how balanced each dilemma and the whole kit are (definitions in the README).\n\n"
        "`--format markdown` prints the whole kit's figures against their targets, the README's table."
    )
)
@ROOT_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
def stats(root: Path, fmt: str) -> None:
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


@main.command(
    help=N_("Start a case, dilemma, seminar plan or code digest from its template: `ethicskit new case x`.")
)
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.argument("slug")
@ROOT_OPTION
def new(kind: str, slug: str, root: Path) -> None:
    with reported(ScaffoldError):
        path = new_content(root, kind, slug)
    click.echo(_("Wrote {path}. Replace every 'TODO:' and run 'ethicskit check'.", path=path))


@main.command(help=N_("Write JSON Schemas for the content files, for editor validation and autocompletion."))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help=N_("Folder to write the schemas into."),
)
def schema(output: Path) -> None:
    for path in write_schemas(output):
        click.echo(_("Wrote {path}", path=path))


@main.command(
    help=N_(
        "Register a source text that content must not copy from.\n\n"
        "Only hashes of its eight-word runs are written (to sources/NAME.fingerprints), never its text."
    )
)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", required=True, help=N_("A short name for the source, e.g. 'diary-post-inspection'."))
@ROOT_OPTION
def fingerprint(source: Path, name: str, root: Path) -> None:
    if not SLUG.fullmatch(name):
        raise CommandError(
            _("'{name}' is not a valid name: use lower-case words joined by hyphens.", name=name)
        )
    path = write_fingerprints(source.read_text(encoding="utf-8"), name, root)
    click.echo(_("Wrote {path}: 'ethicskit check' now reports any eight-word run copied from it.", path=path))


@main.command(help=N_("List the codes, or the clause ids of one code, e.g. `ethicskit clauses swe-2019`."))
@click.argument("code_id", required=False)
@ROOT_OPTION
def clauses(code_id: str | None, root: Path) -> None:
    catalog, _problems = load_catalog(root)
    if code_id is None:
        for loaded in sorted(catalog.codes.values(), key=lambda item: item.model.id):
            code = loaded.model
            # The status and, below, a section's polarity are the YAML's own values, written as the
            # content file has them: identifiers an author types, not words of the interface.
            listed = f"{code.id:24} {code.status.value:10} {code.title} ({code.issuer}, {code.version})"
            click.echo(_("{code} [document only]", code=listed) if code.document_level else listed)
        return
    chosen = catalog.codes.get(code_id)
    if chosen is None:
        raise CommandError(_unknown_code(code_id, catalog))
    if chosen.model.document_level:
        click.echo(
            _(
                "'{code_id}' is described as a document: the kit does not yet digest its clauses, so cite it "
                "as a whole ('{code_id}'). Official text: {url}",
                code_id=code_id,
                url=chosen.model.official_url,
            )
        )
        return
    for section, clause in chosen.model.clauses():
        click.echo(f"{code_id}:{clause.id:10} [{section.polarity.value}] {clause.paraphrase}")


def _unknown_code(code_id: str, catalog: Catalog) -> str:
    if not catalog.codes:
        return _("no code '{code_id}' in codes_of_practice/, which holds no codes", code_id=code_id)
    known = ", ".join(sorted(catalog.codes))
    return _("no code '{code_id}' in codes_of_practice/ (known: {known})", code_id=code_id, known=known)


@main.command(
    help=N_("List the statute digests, or the provisions of one, e.g. `ethicskit law care-act-2014`.")
)
@click.argument("instrument_id", required=False)
@ROOT_OPTION
def law(instrument_id: str | None, root: Path) -> None:
    catalog, _problems = load_catalog(root)
    if instrument_id is None:
        for loaded in sorted(catalog.laws.values(), key=lambda item: item.model.id):
            instrument = loaded.model
            # The nations are the YAML's identifiers ('england', 'wales'), as an author writes them.
            nations = ", ".join(nation.value for nation in instrument.nations)
            click.echo(f"{instrument.id:48} {instrument.title} ({nations})")
        return
    chosen = catalog.laws.get(instrument_id)
    if chosen is None:
        if catalog.laws:
            known = ", ".join(sorted(catalog.laws))
            raise CommandError(
                _("no instrument '{id}' in law/ (known: {known})", id=instrument_id, known=known)
            )
        raise CommandError(_("no instrument '{id}' in law/, which holds no digests", id=instrument_id))
    for provision in chosen.model.provisions:
        ref = f"{instrument_id}:{provision.number:12}"
        if provision.verified:
            click.echo(_("{provision} [verified] {heading}", provision=ref, heading=provision.heading))
        else:
            click.echo(_("{provision} [UNVERIFIED] {heading}", provision=ref, heading=provision.heading))


@main.command(
    help=N_(
        "Check a digest against the official document (PDF, HTML or text), clause by clause.\n\n"
        "e.g. `ethicskit verify swe-2019 professional-standards.pdf`. Each clause is found, not found, "
        "numbered differently, of doubtful meaning, or too close to the official wording. With --record, "
        "the clauses found are marked verified against the source (its title, date and SHA-256)."
    )
)
@click.argument("code_id")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--record",
    is_flag=True,
    help=N_(
        "Mark the clauses found verified against this source, and list the source under 'checked.sources'."
    ),
)
@click.option(
    "--secondary",
    is_flag=True,
    help=N_("With --record: the source is a copy or quotation, not the issuer's own document."),
)
@click.option(
    "--title", "title", default=None, help=N_("With --record: the source's title, if not the document's.")
)
@click.option(
    "--date",
    "seen_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=N_("With --record: the source's date (YYYY-MM-DD); by default its own date, else today."),
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
    catalog, _problems = load_catalog(root)
    loaded = catalog.codes.get(code_id)
    if loaded is None:
        raise CommandError(_unknown_code(code_id, catalog))
    code = loaded.model
    with reported(SourceError):
        text = read_source(source)
    if title:
        text = replace(text, title=title)
    click.echo(_("Source: {title} (SHA-256 {digest}...)", title=text.title, digest=text.sha256[:16]))
    if code.document_level:
        numbers = list(document_numbers(text))
        click.echo(
            n_(
                "'{code_id}' is described as a document, without clauses: there is nothing to compare yet. "
                "The source has {count} numbered passage:",
                "'{code_id}' is described as a document, without clauses: there is nothing to compare yet. "
                "The source has {count} numbered passages:",
                len(numbers),
                code_id=code_id,
            )
        )
        for number, words in numbers:
            click.echo(
                "  " + n_("{number} {count} word", "{number} {count} words", words, number=f"{number:10}")
            )
        click.echo(
            _(
                "To digest its clauses, start from 'ethicskit new code NEW-ID', paraphrase each clause in "
                "your own words under the issuer's number, then run this command on the new digest."
            )
        )
        if record:
            raise CommandError(_("--record needs a digest that lists clauses; there is nothing to mark"))
        return
    results = compare(code, text)
    width = max(len(result.clause_id) for result in results)
    for result in results:
        values = {
            "clause": f"{result.clause_id:{width}}",
            "outcome": outcome_words(result.outcome),
            "overlap": f"{result.overlap:.2f}",
        }
        # The detail is verify's own account of what it found, passed on as it is written.
        if result.detail:
            click.echo(
                "  " + _("{clause}  {outcome} (overlap {overlap}): {detail}", detail=result.detail, **values)
            )
        else:
            click.echo("  " + _("{clause}  {outcome} (overlap {overlap})", **values))
    counts = Counter(result.outcome for result in results)
    tally = [outcome_count(outcome, counts[outcome]) for outcome in Outcome if counts[outcome]]
    click.echo(_("{counts}.", counts=", ".join(tally)))
    if not record:
        return
    confirmed = [result.clause_id for result in results if result.outcome is Outcome.FOUND]
    if not confirmed:
        click.echo(_("Nothing recorded: no clause was found with its meaning confirmed."))
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
    _digest, problems = parse_and_validate(updated, loaded.path)
    if problems:
        raise CommandError(
            _(
                "recording would leave {path} invalid ({problem}); nothing was written",
                path=loaded.path,
                problem=problems[0],
            )
        )
    path.write_text(updated, encoding="utf-8")
    click.echo(
        n_(
            "Recorded {count} clause as verified against '{source}' in {path}.",
            "Recorded {count} clauses as verified against '{source}' in {path}.",
            len(confirmed),
            source=new_id,
            path=loaded.path,
        )
    )


def outcome_words(outcome: Outcome) -> str:
    """What the source says about a clause, in the reader's language."""
    return {
        Outcome.FOUND: _("found"),
        Outcome.NOT_FOUND: _("not found"),
        Outcome.RENUMBERED: _("numbered differently"),
        Outcome.DOUBTFUL: _("meaning doubtful"),
        Outcome.TOO_CLOSE: _("too close to the official wording"),
    }[outcome]


def outcome_count(outcome: Outcome, count: int) -> str:
    """'3 found': how many clauses had one outcome, one item of the summary line."""
    return {
        Outcome.FOUND: n_("{count} found", "{count} found", count),
        Outcome.NOT_FOUND: n_("{count} not found", "{count} not found", count),
        Outcome.RENUMBERED: n_("{count} numbered differently", "{count} numbered differently", count),
        Outcome.DOUBTFUL: n_("{count} meaning doubtful", "{count} meaning doubtful", count),
        Outcome.TOO_CLOSE: n_(
            "{count} too close to the official wording", "{count} too close to the official wording", count
        ),
    }[outcome]


HANDOUT_KINDS = {"case": "cases", "dilemma": "dilemmas", "seminar": "seminars"}


def _valid_catalog(root: Path) -> Catalog:
    """The catalogue, or a clear error: handouts are only made from content that passes the check."""
    catalog, problems = load_catalog(root)
    if problems:
        raise CommandError(
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
        known = ", ".join(sorted(group))
        messages = {
            "case": (_("no case '{id}' (known: {known})"), _("no case '{id}': the kit has no cases")),
            "dilemma": (
                _("no dilemma '{id}' (known: {known})"),
                _("no dilemma '{id}': the kit has no dilemmas"),
            ),
            "seminar": (
                _("no seminar '{id}' (known: {known})"),
                _("no seminar '{id}': the kit has no seminars"),
            ),
        }
        listed, empty = messages[kind]
        raise CommandError((listed if known else empty).format(id=item_id, known=known))


@main.command(
    help=N_(
        "Print an A4 PDF: a case sheet, a dilemma's map of every branch, or a seminar pack.\n\n"
        "e.g. `ethicskit handout seminar speaking-up --lecturer -o speaking-up.pdf`"
    )
)
@click.argument("kind", type=click.Choice(sorted(HANDOUT_KINDS)))
@click.argument("item_id", metavar="ID")
@click.option(
    "--lecturer", is_flag=True, help=N_("Include the lecturer's notes (never give this copy to students).")
)
@output_file(N_("The PDF to write."))
@ROOT_OPTION
def handout(kind: str, item_id: str, lecturer: bool, output: Path, root: Path) -> None:
    catalog = _valid_catalog(root)
    _item(catalog, kind, item_id)
    with reported(PrintError, DiagramError):
        title, html = handout_document(kind, item_id, catalog, lecturer)
        print_pdf(html, output, title)
    if lecturer:
        click.echo(_("Wrote {path}: {title} (lecturer's copy)", path=output, title=title))
    else:
        click.echo(_("Wrote {path}: {title}", path=output, title=title))


@main.group(help=N_("Export content as files that work on their own."))
def export() -> None:
    pass


@export.command(
    "dilemma",
    help=N_(
        "Write one self-contained HTML file with the player, reflections and export, for a VLE or an iframe."
    ),
)
@click.argument("dilemma_id", metavar="ID")
@output_file(N_("The HTML file to write."))
@ROOT_OPTION
def export_dilemma(dilemma_id: str, output: Path, root: Path) -> None:
    catalog = _valid_catalog(root)
    _item(catalog, "dilemma", dilemma_id)
    with reported(DiagramError):
        document = standalone_dilemma(catalog.dilemmas[dilemma_id].model, catalog)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(document, encoding="utf-8")
    click.echo(
        _(
            "Wrote {path}: open it in a browser, or upload it to your VLE; it loads nothing from elsewhere.",
            path=output,
        )
    )


@export.command(
    "scorm",
    help=N_(
        "Write one dilemma as a SCORM 1.2 package (a zip) for Moodle, Canvas, Blackboard or Brightspace.\n\n"
        "The VLE is told when the learner starts and finishes, the time spent, and the ids of the choices "
        "on their path (to resume it); reflections are never sent."
    ),
)
@click.argument("dilemma_id", metavar="ID")
@output_file(N_("The zip file to write."))
@ROOT_OPTION
def export_scorm(dilemma_id: str, output: Path, root: Path) -> None:
    catalog = _valid_catalog(root)
    _item(catalog, "dilemma", dilemma_id)
    with reported(DiagramError):
        write_package(catalog.dilemmas[dilemma_id].model, catalog, output)
    click.echo(_("Wrote {path}: upload it to your VLE as a SCORM package.", path=output))


@main.command(
    help=N_(
        "Write the release bundle: both sites as zips, seminar packs, SCORM packages, LECTURERS.md and "
        "SHA256SUMS. `make release` builds both editions first, then runs this.\n\n"
        "Zip entries and PDF dates take SOURCE_DATE_EPOCH when it is set (a fixed date otherwise), so the "
        "same commit gives the same bytes."
    )
)
@ROOT_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help=N_("The bundle goes into OUTPUT/VERSION/."),
)
@click.option("--version", "version", default=None, help=N_("The release's version; by default the kit's."))
@click.option(
    "--student-site",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=N_("The built student edition (by default ROOT/_build/html, as 'make book' writes it)."),
)
@click.option(
    "--lecturer-site",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=N_("The built lecturer edition (by default ROOT/_build/lecturer/html, from 'make lecturer')."),
)
def release(
    root: Path, output: Path, version: str | None, student_site: Path | None, lecturer_site: Path | None
) -> None:
    catalog = _valid_catalog(root)
    with reported(ReleaseError):
        folder = make_release(
            catalog,
            version or metadata.version("ethicskit"),
            output,
            student_site or root / "_build" / "html",
            lecturer_site or root / "_build" / "lecturer" / "html",
        )
    click.echo(
        _("Wrote the release bundle to {folder}: start with {guide}.", folder=folder, guide=folder / GUIDE)
    )


RECORD_FORMATS = (".md", ".txt", ".docx")


@export.command(
    "record",
    help=N_(
        "Lay out reflections downloaded from My reflections (JSON) as a regulator's record.\n\n"
        "SHAPE is swe-cpd (a Social Work England CPD record), asye-crl (an ASYE critical reflection log "
        "entry) or sssc-cpl (an SSSC continuous professional learning record). e.g. "
        "`ethicskit export record swe-cpd first-loyalty-reflections.json -o cpd.docx`"
    ),
)
@click.argument("shape_id", metavar="SHAPE", type=click.Choice(["swe-cpd", "asye-crl", "sssc-cpl"]))
@click.argument("reflections", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_file(N_("The file to write: .md (Markdown), .txt (plain text) or .docx (Word)."))
def export_record(shape_id: str, reflections: Path, output: Path) -> None:
    from . import records

    if output.suffix.lower() not in RECORD_FORMATS:
        raise CommandError(
            _(
                "'{name}': the file must end in one of {suffixes}",
                name=output.name,
                suffixes=", ".join(RECORD_FORMATS),
            )
        )
    try:
        export_data = records.read_export(reflections.read_bytes()[: records.MAX_EXPORT_BYTES + 1])
    except records.RecordError as error:
        # No words of its own: the file, then the records module's message about it.
        raise CommandError(f"{reflections}: {error}") from None
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


@main.command(
    help=N_(
        "Write an IMS Common Cartridge 1.1 course pack of the book, for Moodle, Canvas, Blackboard, "
        "Brightspace.\n\n"
        "e.g. `ethicskit cartridge --site-url https://example.org/first-loyalty/ --out first-loyalty.imscc`, "
        "or `ethicskit cartridge --embed-scorm --out first-loyalty-scorm.imscc`"
    )
)
@click.option(
    "-o",
    "--out",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help=N_("The .imscc file."),
)
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=N_("The built student book's html folder (default: ROOT/_build/html, from 'make book')."),
)
@click.option(
    "--site-url",
    default=None,
    help=N_(
        "Where the student book is published; dilemmas and other pages that need script link there "
        "(default: html.baseurl in _config.yml)."
    ),
)
@click.option(
    "--embed-scorm",
    is_flag=True,
    help=N_(
        "Carry each dilemma as its SCORM 1.2 package (a page with the zip beside it) instead of a link "
        "to the published site; then the site's address is optional."
    ),
)
@ROOT_OPTION
def cartridge(output: Path, site: Path | None, site_url: str | None, embed_scorm: bool, root: Path) -> None:
    from .cartridge import CartridgeError, build, scorm_packages, write_zip

    catalog = _valid_catalog(root)
    config = _book_config(root)
    address = site_url or str((config.get("html") or {}).get("baseurl") or "")
    if not address and not embed_scorm:
        raise CommandError(
            _(
                "no site address: pass --site-url with the address where the student book is published, or "
                "set html.baseurl in _config.yml (or pass --embed-scorm to carry the dilemmas as SCORM "
                "packages)"
            )
        )
    # The pack is in the language the command writes in: its words, its pages (that language's book, where
    # the site has one; else the source language's), and the links into the published site.
    site_root = site or root / "_build" / "html"
    book = language_site(site_root, current().language)
    if address and book != site_root:
        address = f"{address.rstrip('/')}/{book.name}/"
    with reported(CartridgeError):
        built = build(
            root,
            book,
            address or None,
            catalog,
            str(config.get("title") or "Book"),
            scorm_packages(catalog) if embed_scorm else None,
        )
        write_zip(built.entries, output)
    click.echo(
        n_(
            "Wrote {path}: {count} resource; import it into your VLE as a Common Cartridge.",
            "Wrote {path}: {count} resources; import it into your VLE as a Common Cartridge.",
            len(built.resources),
            path=output,
        )
    )


def _book_config(root: Path) -> dict[str, Any]:
    import yaml

    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CommandError(_("_config.yml could not be read: {error}", error=str(error)[:200])) from None
    return config if isinstance(config, dict) else {}


@main.command(
    "reading-lists",
    help=N_(
        "Write each chapter's and each seminar's reading list as RIS (Talis Aspire, Leganto) and BibTeX."
    ),
)
@click.option(
    "-o",
    "--out",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help=N_("Folder."),
)
@ROOT_OPTION
def reading_lists(output: Path, root: Path) -> None:
    from .readinglists import write_reading_lists

    written = write_reading_lists(_valid_catalog(root), output)
    click.echo(
        n_(
            "Wrote {count} file to {folder}: import the .ris files into your reading-list system.",
            "Wrote {count} files to {folder}: import the .ris files into your reading-list system.",
            len(written),
            folder=output,
        )
    )


@main.command(
    help=N_(
        "Render the accessibility conformance report (WCAG 2.1 A/AA) from a test run's evidence.\n\n"
        "The browser tests write the evidence, and the report beside it, into the folder named by the "
        "ETHICSKIT_EVIDENCE environment variable: `ETHICSKIT_EVIDENCE=_build/accessibility make test`."
    )
)
@click.argument("evidence", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_file(N_("The .md file."))
@click.option(
    "--date",
    "run_date",
    default=None,
    help=N_("The date of the test run (default: the date the evidence records, else the file's date)."),
)
def conformance(evidence: Path, output: Path, run_date: str | None) -> None:
    from .conformance import Evidence, report

    try:
        found = Evidence.read(evidence)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CommandError(
            _("{path} is not the evidence a test run writes: {error}", path=evidence, error=error)
        ) from None
    when = run_date or found.date or date.fromtimestamp(evidence.stat().st_mtime).isoformat()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report(found, when), encoding="utf-8")
    click.echo(
        n_(
            "Wrote {path}: the conformance report from {count} page check.",
            "Wrote {path}: the conformance report from {count} page checks.",
            len(found.axe),
            path=output,
        )
    )


@main.group(help=N_("Start and record content translations (see the README's 'Translating the kit')."))
def translation() -> None:
    pass


@translation.command(
    "start", help=N_("Copy a content file to translations/LANGUAGE/content/, to translate it in place.")
)
@click.argument("language")
@click.argument("source")
@ROOT_OPTION
def translation_start(language: str, source: str, root: Path) -> None:
    with reported(TranslationError):
        path = start_translation(root, language, source)
    click.echo(
        _("Wrote {path}. Translate its text, then run 'ethicskit translation stamp {path}'.", path=path)
    )


@translation.command(
    "stamp",
    help=N_(
        "Record the English each translated string stands for; name FIELDS to record them even if "
        "outdated or left as the English."
    ),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("fields", nargs=-1)
@ROOT_OPTION
def translation_stamp(file: Path, fields: tuple[str, ...], root: Path) -> None:
    with reported(TranslationError):
        stamp_file(root, file, list(fields))
    click.echo(_("Recorded what {path} was translated from.", path=file))
