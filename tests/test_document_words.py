"""Every interface word of the standalone documents comes from the word catalogue.

Each handout, seminar pack and single-file dilemma is made in the pseudo-locale, where every catalogue
message is visibly marked; any text left unmarked that is not content is English that escaped the
catalogue. These documents are made in-process, so no browser is needed.
"""

from __future__ import annotations

from html import escape

import pytest

from conftest import REPO
from ethicskit.catalog import Catalog, load_catalog
from ethicskit.documents import handout, standalone_dilemma
from ethicskit.engine import decision_title, ending_title
from ethicskit.export import dilemma_payload, tally_payload
from ethicskit.signposting import signpost, support_lines
from ethicskit.words import language, pseudo
from pseudo import escaped_text
from test_book_words import messages_whole


def _catalog() -> Catalog:
    catalog, problems = load_catalog(REPO)
    assert not problems
    return catalog


CATALOG = _catalog()
ITEMS = [
    *(("case", item) for item in sorted(CATALOG.cases)),
    *(("dilemma", item) for item in sorted(CATALOG.dilemmas)),
    *(("seminar", item) for item in sorted(CATALOG.seminars)),
]


@pytest.mark.parametrize("lecturer", [False, True], ids=["student", "lecturer"])
@pytest.mark.parametrize(("kind", "item"), ITEMS, ids=[f"{kind}-{item}" for kind, item in ITEMS])
def test_every_handout_takes_its_interface_words_from_the_catalogue(
    kind: str, item: str, lecturer: bool
) -> None:
    with language("qps"):
        _title, html = handout(kind, item, CATALOG, lecturer)
    # Read as the book's pages are read: a case is written with the book's layout, whose sentences may
    # hold a reference in the middle of a message.
    assert escaped_text(messages_whole(html)) == []


@pytest.mark.parametrize("item", sorted(CATALOG.dilemmas))
def test_the_single_file_dilemma_takes_its_page_words_from_the_catalogue(item: str) -> None:
    """The server-written part of the page: what a reader sees before any script runs."""
    dilemma = CATALOG.dilemmas[item].model
    with language("qps"):
        html = standalone_dilemma(dilemma, CATALOG)
        lms = standalone_dilemma(dilemma, CATALOG, scripts_folder="scripts")
    # Read as the book's pages are read: the dilemma is written with the book's layout.
    assert escaped_text(messages_whole(html)) == []
    assert escaped_text(messages_whole(lms)) == []


def test_the_player_payload_carries_the_same_names_and_signposting_as_the_documents() -> None:
    """One signposting text and one way of naming decisions and endings, in every output."""
    dilemma = next(
        loaded.model
        for loaded in CATALOG.dilemmas.values()
        if any(node.pause_before for node in loaded.model.nodes)
    )
    with language("qps"):
        payload = dilemma_payload(dilemma, CATALOG)
        _title, sheet = handout("dilemma", dilemma.id, CATALOG, lecturer=False)
        support = signpost()
    assert support.startswith(pseudo("")[0])
    paused = [node for node in payload["nodes"] if node["pauseBefore"]]
    assert paused and all(node["pauseBefore"]["support"] == support for node in paused)
    assert support in sheet
    with language("qps"):
        assert payload["nodes"][0]["title"] == decision_title(payload["nodes"][0]["number"])
        assert payload["endings"][0]["heading"] == ending_title(dilemma.endings[0])
    assert all(jurisdiction["label"].startswith("\u27e6") for jurisdiction in payload["jurisdictions"])
    assert all(side["name"].startswith("\u27e6") for side in payload["sides"])
    assert [side["id"] for side in payload["sides"]] == ["agency", "profession", "person"]


def test_the_tally_names_endings_as_the_player_and_the_handout_do() -> None:
    with language("qps"):
        tally = tally_payload(CATALOG)
        for listed in tally:
            dilemma = CATALOG.dilemmas[listed["id"]].model
            _title, sheet = handout("dilemma", dilemma.id, CATALOG, lecturer=True)
            for ending in listed["endings"]:
                found = next(e for e in dilemma.endings if e.id == ending["id"])
                assert ending["heading"] == ending_title(found)
                assert escape(ending["heading"]) in sheet


def test_each_support_line_reads_as_one_sentence() -> None:
    samaritans = support_lines()[0]
    assert samaritans.sentence() == (
        "Samaritans (the UK and Ireland): call 116 123, free from any phone, at any hour."
    )
    with language("qps"):
        marked = support_lines()[0].sentence()
    assert marked.startswith("\u27e6") and marked.count("\u27e6") == 5  # the sentence and its four parts
