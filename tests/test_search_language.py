"""The Welsh search language: Welsh stop words, no English stemming, on both sides of the search.

A small Sphinx project is built in Welsh and in English with the kit's search registration, so the
index Sphinx writes (and the stop words and stemmer it hands the search page) are the ones tested.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import snowballstemmer
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.util.docutils import docutils_namespace, patch_docutils

from ethicskit.sphinx.search import WELSH_STOP_WORDS, SearchWelsh
from search_index import indexed_pages, search_index

PORTER = snowballstemmer.stemmer("porter")

# Written for this test: "lles" (welfare) and "lle" (place), "llais" (voice) and "llai" (less) are
# different words that the Porter stemmer would index as one.
PAGES = {
    "lles": "Lles\n====\n\nMae lles y plentyn yn dod yn gyntaf i'r gweithiwr cymdeithas.\n",
    "lle": "Lle\n===\n\nDyma le tawel, a lle i gael cymorth.\n",
    "llais": "Llais\n=====\n\nRoedd llais y person ar goll o'r cofnod.\n",
    "llai": "Llai\n====\n\nMae llai o ffeiliau yn aros.\n",
}
ENGLISH_PAGE = "Workers\n=======\n\nThe workers were inspecting the records.\n"

CONF = """
from ethicskit.sphinx.search import setup_search


def setup(app):
    setup_search(app)
"""


def build_index(tmp_path: Path, language: str, pages: dict[str, str]) -> tuple[dict[str, Any], str]:
    """Build the pages as HTML in this language; return the search index and `language_data.js`."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    toctree = "\n   ".join(pages)
    index = f"Mynegai\n=======\n\n.. toctree::\n   :hidden:\n\n   {toctree}\n"
    (source / "index.rst").write_text(index, encoding="utf-8")
    for name, text in pages.items():
        (source / f"{name}.rst").write_text(text, encoding="utf-8")
    out = tmp_path / "html"
    # Sphinx registers its nodes, directives and roles with docutils for the whole process; the block
    # takes them back afterwards, as every in-process build must, or the next build in this process
    # warns that they are registered already.
    with patch_docutils(str(source)), docutils_namespace():
        app = Sphinx(
            str(source),
            str(source),
            str(out),
            str(tmp_path / "doctrees"),
            "html",
            confoverrides={"language": language},
            status=io.StringIO(),
            warning=io.StringIO(),
            freshenv=True,
        )
        app.build()
    assert app.statuscode == 0
    return search_index(out), (out / "_static" / "language_data.js").read_text(encoding="utf-8")


def test_welsh_words_are_kept_whole_where_the_english_stemmer_would_cut_them() -> None:
    welsh = SearchWelsh({})
    for word in ("lles", "llais", "cymdeithas", "gofalus", "agored"):
        assert PORTER.stemWord(word) != word  # what English rules did to these words
        assert welsh.stem(word) == word
        assert welsh.word_filter(word)


def test_welsh_function_words_are_stop_words_and_content_words_are_not() -> None:
    welsh = SearchWelsh({})
    for word in ("y", "yr", "r", "a", "ac", "â", "i", "o", "yn", "am", "mae", "roedd", "ei", "eich", "mewn"):
        assert word in WELSH_STOP_WORDS
        assert not welsh.word_filter(word)
    for word in ("lles", "lle", "gweithiwr", "cymorth", "plentyn", "cod", "hawl"):
        assert welsh.word_filter(word)


def test_the_welsh_build_indexes_welsh_words_whole_and_leaves_out_welsh_stop_words(tmp_path: Path) -> None:
    index, language_data = build_index(tmp_path, "cy", PAGES)
    assert indexed_pages(index, "lles") == {"lles"}
    assert indexed_pages(index, "lle") == {"lle"}
    assert indexed_pages(index, "llais") == {"llais"}
    assert indexed_pages(index, "llai") == {"llai"}
    assert indexed_pages(index, "cymdeithas") == {"lles"}
    for stop_word in ("mae", "yr", "y", "r", "i", "roedd", "o", "yn", "a"):
        assert stop_word not in index["terms"]
    # The search page drops the same words from a query and looks the rest up unstemmed.
    stop_words = json.loads(re.search(r"var stopwords = (\[.*?\]);", language_data).group(1))  # type: ignore[union-attr]
    assert set(stop_words) == WELSH_STOP_WORDS
    assert SearchLanguage.js_stemmer_code.strip() in language_data  # the stemmer that returns w unchanged
    assert "Porter" not in language_data


def test_the_english_build_still_stems_with_english_rules(tmp_path: Path) -> None:
    index, language_data = build_index(tmp_path, "en", {"workers": ENGLISH_PAGE})
    assert indexed_pages(index, "worker") == {"workers"}
    assert "workers" not in index["terms"]
    assert "the" not in index["terms"]
    assert "Porter Stemmer" in language_data


@pytest.mark.parametrize("word", sorted(WELSH_STOP_WORDS))
def test_every_stop_word_is_lowercase_and_whole(word: str) -> None:
    """Sphinx compares the lowercased word with the list, and the index splits words at apostrophes."""
    assert word == word.lower()
    assert re.fullmatch(r"\w+", word)
