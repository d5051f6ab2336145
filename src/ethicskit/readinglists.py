"""Reading lists as files a library's reading-list system imports: RIS and BibTeX, one pair per chapter
and per seminar, made from `book/references.bib` and the lists that cite it.

RIS is for Talis Aspire and Leganto; BibTeX for Leganto and reference managers. pybtex reads the
bibliography (the same library the book's references page is built with) and writes the BibTeX; RIS is
a line format written here from pybtex's parsed entries.

RIS follows Talis Aspire's published mapping: one `TAG  - value` per line, lines ending CRLF, a type
(`TY`), a title and `ER` at minimum; `U1` carries the item's importance and `N1` a note for the student.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pybtex.database import BibliographyData, Entry, Person, parse_string  # type: ignore[import-untyped]
from pybtex.richtext import Text  # type: ignore[import-untyped]

from .bibliography import BIBLIOGRAPHY
from .catalog import Catalog
from .models import ReadingList

RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "inbook": "CHAP",
    "incollection": "CHAP",
    "techreport": "RPRT",
    "report": "RPRT",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "misc": "GEN",
    "online": "ELEC",
}
"""BibTeX entry types and their RIS types; any other type is written as GEN (generic)."""

IMPORTANCE = {"essential": "Essential", "further": "Recommended"}
"""The book's two levels of reading, in the words Talis Aspire's importance field commonly uses."""


@dataclass(frozen=True)
class ReadingFile:
    """One reading list: where it is from, and its items as (bibliography key, level, why)."""

    name: str
    title: str
    items: tuple[tuple[str, str, str], ...]


def _plain(value: str) -> str:
    """A BibTeX field as plain text: braces and LaTeX escapes such as {\\'e} and \\& resolved."""
    return " ".join(str(Text.from_latex(value).render_as("text")).split())


def _person(person: Person) -> str:
    last = _plain(" ".join(person.prelast_names + person.last_names))
    first = _plain(" ".join(person.first_names + person.middle_names))
    suffix = _plain(" ".join(person.lineage_names))
    return ", ".join(part for part in (last, first, suffix) if part)


def ris_entry(entry: Entry, level: str, why: str) -> list[str]:
    """One entry as RIS lines (without line endings)."""
    fields = entry.fields
    kind = RIS_TYPES.get(entry.type.lower(), "GEN")
    lines = [f"TY  - {kind}"]
    lines += [f"AU  - {_person(person)}" for person in entry.persons.get("author", [])]
    lines += [f"ED  - {_person(person)}" for person in entry.persons.get("editor", [])]
    tags = (
        ("title", "TI"),
        ("journal", "T2"),
        ("booktitle", "T2"),
        ("series", "T3"),
        ("year", "PY"),
        ("volume", "VL"),
        ("number", "IS"),
        ("edition", "ET"),
        ("publisher", "PB"),
        ("institution", "PB"),
        ("address", "CY"),
        ("isbn", "SN"),
        ("issn", "SN"),
        ("doi", "DO"),
        ("url", "UR"),
    )
    for name, tag in tags:
        if name in fields:
            lines.append(f"{tag}  - {_plain(fields[name])}")
    if "howpublished" in fields and not ({"publisher", "institution"} & set(fields)):
        # A web document's issuer, place and date: the nearest RIS has is its publisher.
        lines.append(f"PB  - {_plain(fields['howpublished'])}")
    if "pages" in fields:
        # Split before LaTeX is resolved, which would turn the "--" of a range into an en dash.
        start, _, end = fields["pages"].replace("--", "-").partition("-")
        lines.append(f"SP  - {_plain(start)}")
        if _plain(end):
            lines.append(f"EP  - {_plain(end)}")
    lines += [f"U1  - {IMPORTANCE[level]}", f"N1  - {why}", "ER  - "]
    return lines


def _page_title(root: Path, docname: str) -> str:
    """A chapter's title, from the first heading of its MyST source; its page name if it has none."""
    try:
        lines = (root / f"{docname}.md").read_text(encoding="utf-8").splitlines()
    except OSError:
        return docname
    return next((line[2:].strip() for line in lines if line.startswith("# ")), docname)


def reading_files(catalog: Catalog) -> list[ReadingFile]:
    """Every chapter's and every seminar's reading list, in a fixed order."""

    def items(reading: ReadingList) -> tuple[tuple[str, str, str], ...]:
        return tuple(
            (item.key, level, item.why)
            for level, chosen in (("essential", reading.essential), ("further", reading.further))
            for item in chosen
        )

    found: list[ReadingFile] = []
    if catalog.chapter_reading is not None:
        for docname, reading in sorted(catalog.chapter_reading.model.chapters.items()):
            name = "chapter-" + docname.removeprefix("book/").replace("/", "-")
            title = f"Reading for the chapter '{_page_title(catalog.root, docname)}'"
            found.append(ReadingFile(name, title, items(reading)))
    for seminar_id, loaded in sorted(catalog.seminars.items()):
        title = f"Reading for the seminar '{loaded.model.title}'"
        found.append(ReadingFile(f"seminar-{seminar_id}", title, items(loaded.model.reading)))
    return found


def write_reading_lists(catalog: Catalog, output: Path) -> list[Path]:
    """Write NAME.ris and NAME.bib for every reading list into `output`; returns the files written."""
    data = parse_string((catalog.root / BIBLIOGRAPHY).read_text(encoding="utf-8"), "bibtex")
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for reading in reading_files(catalog):
        ris: list[str] = []
        chosen = BibliographyData()
        for key, level, why in reading.items:
            entry = data.entries[key]  # the checker guarantees every key is in the bibliography
            ris += ris_entry(entry, level, why)
            if key not in chosen.entries:
                chosen.add_entry(key, entry)
        ris_path, bib_path = output / f"{reading.name}.ris", output / f"{reading.name}.bib"
        # Talis Aspire reads RIS lines ending CRLF; newline="" keeps Python from translating them.
        with ris_path.open("w", encoding="utf-8", newline="") as stream:
            stream.write("\r\n".join(ris) + "\r\n")
        header = f"% {reading.title}, from First Loyalty's {BIBLIOGRAPHY}.\n"
        bib_path.write_text(header + chosen.to_string("bibtex"), encoding="utf-8")
        written += [ris_path, bib_path]
    return written
