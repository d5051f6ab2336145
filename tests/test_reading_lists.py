"""Reading lists as RIS and BibTeX: read back with pybtex and a line-by-line RIS reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pybtex.database import Entry, Person, parse_file

from ethicskit.catalog import Catalog, load_catalog
from ethicskit.cli import main
from ethicskit.readinglists import reading_files, ris_entry

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(REPO)
    assert not problems
    return loaded


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("reading")
    result = CliRunner().invoke(main, ["reading-lists", "--root", str(REPO), "--out", str(output)])
    assert result.exit_code == 0, result.output
    return output


def read_ris(data: bytes) -> list[list[tuple[str, str]]]:
    """RIS records as lists of (tag, value), checking the line format as it goes."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    records: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in text.split("\r\n")[:-1]:
        assert line[2:6] == "  - " and line[:2].isalnum() and line[:2].isupper(), line
        tag, value = line[:2], line[6:]
        current.append((tag, value))
        if tag == "ER":
            records.append(current)
            current = []
    assert not current, "a record without ER"
    return records


def test_every_list_is_written_in_both_formats(catalog: Catalog, written: Path) -> None:
    lists = reading_files(catalog)
    assert len(lists) == len(catalog.seminars) + len(catalog.chapter_reading.model.chapters)
    for reading in lists:
        records = read_ris((written / f"{reading.name}.ris").read_bytes())
        assert len(records) == len(reading.items)
        for record, (_key, level, why) in zip(records, reading.items, strict=True):
            tags = dict(record)
            assert record[0][0] == "TY" and record[-1] == ("ER", "")
            assert tags["TI"] and "{" not in tags["TI"] and "\\" not in tags["TI"]
            assert tags["U1"] == {"essential": "Essential", "further": "Recommended"}[level]
            assert tags["N1"] == why
        bib = parse_file(str(written / f"{reading.name}.bib"), "bibtex")
        assert set(bib.entries) == {key for key, _, _ in reading.items}


def test_a_seminar_list_holds_its_essential_reading_first(catalog: Catalog, written: Path) -> None:
    seminar = catalog.seminars["speaking-up"].model
    records = read_ris((written / "seminar-speaking-up.ris").read_bytes())
    first = dict(records[0])
    entry = parse_file(str(REPO / "book" / "references.bib"), "bibtex").entries[
        seminar.reading.essential[0].key
    ]
    assert first["U1"] == "Essential"
    assert first["PY"] == entry.fields["year"]


def test_latex_in_the_bibliography_becomes_plain_text() -> None:
    entry = Entry(
        "article",
        fields={
            "title": "Care in {Montr{\\'e}al} \\& beyond",
            "journal": "Child \\& Family Social Work",
            "year": "2020",
            "pages": "10--24",
        },
        persons={"author": [Person("van der Berg, Anna Maria")]},
    )
    lines = ris_entry(entry, "further", "Why read it.")
    assert lines[0] == "TY  - JOUR"
    assert "AU  - van der Berg, Anna Maria" in lines
    assert "TI  - Care in Montréal & beyond" in lines
    assert "T2  - Child & Family Social Work" in lines
    assert [line for line in lines if line[:2] in {"SP", "EP"}] == ["SP  - 10", "EP  - 24"]
    assert lines[-3:] == ["U1  - Recommended", "N1  - Why read it.", "ER  - "]
