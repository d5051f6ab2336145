"""Search in Welsh: the Welsh book's full-text index and the search page's query, without English rules.

Sphinx ships no search language for Welsh ('cy') and falls back to English for any language it does not
know: its Porter stemmer would cut Welsh words by English suffix rules ("lles", welfare, to "lle",
place; "llais", voice, to "llai", less) and its stop words would not be Welsh ones. The kit registers
this language for 'cy', so the Welsh build indexes and searches Welsh words whole.

No stemming: there is no Welsh stemmer in Sphinx or among the Snowball stemmers it uses,
and the kit does not write one. Sphinx lowercases every word before it is indexed, and the search page
lowercases every word typed before it is stemmed; beyond that a word is indexed, and looked up, as
written. The search page's stemmer (`js_stemmer_code`, the base class's) returns a word unchanged, as
`stem` does here: the two sides must agree, or a word typed would be looked up under another form than
the one indexed.

Initial mutations ("gweithiwr", "weithiwr"; "cymdeithasol", "gymdeithasol", "nghymdeithasol",
"chymdeithasol") are not undone. Sphinx gives each word one indexed form, and a mutated form cannot be
mapped back to one radical form soundly: a soft-mutated "f" stands for a "b" or an "m", an "l" for an
"ll" or a "gl", and a word that lost its "g" to soft mutation starts with whatever followed it. So each
form is indexed, and looked up, as written.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

WELSH_STOP_WORDS = frozenset(
    """
    y yr r
    a ac â ag ond neu os
    o i ar at am gan wrth dan dros drwy trwy heb hyd mewn gyda ym yng
    yn n fe mi na nad ni nid wedi
    fy dy ei eu ein eich w
    mae roedd oedd yw sydd
    """.split()
)
"""The kit's own list of Welsh function words left out of the search index and out of a query: the
articles, the commonest conjunctions, prepositions, particles and possessives, and the commonest forms
of "bod" (to be). It is kept short so that no content word is lost. "r", "n" and "w" are here because
the index splits words at apostrophes, leaving them from "i'r", "mae'n" and "i'w"."""


class SearchWelsh(SearchLanguage):
    """Welsh words indexed and looked up whole (lowercased by Sphinx), without the Welsh function words."""

    lang = "cy"
    language_name = "Welsh"
    # js_stemmer_code stays the base class's stemmer, which returns every word unchanged, as `stem` does.

    def init(self, options: dict[str, str]) -> None:
        self.stopwords = set(WELSH_STOP_WORDS)

    def stem(self, word: str) -> str:
        return word


def setup_search(app: Sphinx) -> None:
    """Register Welsh, so a build whose language (or `html_search_language`) is 'cy' searches in Welsh."""
    app.add_search_language(SearchWelsh)
