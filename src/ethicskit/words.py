"""The kit's one word catalogue: every interface string, in every output, goes through here.

Interface strings are written in English in the code as gettext messages, `_("Decision {number}",
number=3)`, and looked up in the catalogue of the language being built. English is the source
language, so it needs no catalogue file; other languages have `locale/<language>/LC_MESSAGES/
ethicskit.po`, read and compiled in memory (no binary `.mo` files in the repository, and one loader
for the book, the printed documents, the widgets and the player). `locale/ethicskit.pot` lists every
message; `make messages` extracts it with Babel from the Python and JavaScript sources, and a test
fails when it is out of date.

Three rules keep the catalogue translatable:
- whole sentences with named placeholders, never a sentence joined from fragments;
- plurals through `n_`, so each language applies its own plural rules;
- dates through `date`, so each language writes them its own way.

The pseudo-locale (`qps`) transforms every message visibly, so a build in it shows at once any
interface text that escapes the catalogue.

Content (cases, dilemmas, codes, law) is not interface text: it is translated as content, not here.
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, get_date_format, tokenize_pattern
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

DOMAIN = "ethicskit"
LOCALE_DIR = Path(__file__).parent / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "en"
PSEUDO_LANGUAGE = "qps"
# What a pseudo-localised message starts and ends with: a test finds untranslated text by its absence.
PSEUDO_OPEN, PSEUDO_CLOSE = "\u27e6", "\u27e7"

_ACCENTED = str.maketrans(
    "AaCcDEeGgIiLlNnOoRrSsTtUuYyZz",
    "\u00c5\u00e5\u00c7\u00e7\u00d0\u00c9\u00e9\u011c\u011d\u00ce\u00ee\u0139\u013a\u00d1\u00f1"
    "\u00d6\u00f6\u0154\u0155\u0160\u0161\u0162\u0163\u00dc\u00fc\u00dd\u00fd\u017d\u017e",
)
# The CLDR width of a month or weekday name written with 3 to 6 pattern letters (MMM, MMMM, ...).
_NAME_WIDTHS = {3: "abbreviated", 4: "wide", 5: "narrow", 6: "short"}
# Placeholders ({number}) and the markup the player's messages may carry stay as they are.
_KEPT = re.compile(r"(\{[a-z_]+\})")


class CatalogueError(Exception):
    """A language has no catalogue, or its catalogue cannot be read."""


def pseudo(message: str) -> str:
    """A message visibly transformed, placeholders intact: 'Decision {number}' becomes
    '⟦Ðéçîšîöñ {number}⟧'."""
    parts = _KEPT.split(message)
    shown = "".join(part if _KEPT.fullmatch(part) else part.translate(_ACCENTED) for part in parts)
    return PSEUDO_OPEN + shown + PSEUDO_CLOSE


class _PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


@dataclass(frozen=True)
class Words:
    """The interface words of one language."""

    language: str
    translations: gettext.NullTranslations = field(repr=False)

    def __call__(self, message: str, /, **values: object) -> str:
        """The message in this language, its placeholders filled."""
        found = self.translations.gettext(message)
        return found.format(**values) if values else found

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form of a message this language uses for `count`; `{count}` is filled too."""
        return self.translations.ngettext(singular, plural, count).format(count=count, **values)

    def date(self, day: Date) -> str:
        """A date written as this language writes it, e.g. '4 December 2026'."""
        return format_date(day, format="long", locale=self.babel_locale)

    def percent(self, share: float) -> str:
        """A share written as a percentage the way this language writes one, e.g. '50%'."""
        return format_percent(share, locale=self.babel_locale)

    def number(self, count: int) -> str:
        """A whole number written the way this language writes one, e.g. '2,000,000'."""
        return format_decimal(count, locale=self.babel_locale)

    def date_pieces(self) -> list[str | dict[str, object]]:
        """How `date` writes a day, for a script to write it the same way (words.js): the language's
        long date pattern as text and fields, each field with the names it writes where it writes
        names. Days of the week are listed from Sunday, as a browser counts them."""
        pattern = get_date_format("long", locale=self.babel_locale).pattern
        locale = self.babel_locale
        pieces: list[str | dict[str, object]] = []
        for _kind, value in tokenize_pattern(pattern):
            if isinstance(value, str):  # kind "chars": text as it stands
                pieces.append(value)
                continue
            char, width = value  # kind "field": a letter and how many times it is written
            piece: dict[str, object] = {"field": "M" if char == "L" else char, "width": width}
            if char in "ML" and width >= 3:
                months = locale.months["format" if char == "M" else "stand-alone"][_NAME_WIDTHS[width]]
                piece["names"] = [months[number] for number in range(1, 13)]
            elif char == "E":
                days = locale.days["format"][_NAME_WIDTHS[max(width, 3)]]
                piece["names"] = [days[6], *(days[number] for number in range(6))]
            elif char not in "dMLy":
                raise CatalogueError(
                    f"the long date pattern of '{self.language}' ({pattern}) uses '{char}', which the "
                    "browser's scripts cannot write"
                )
            pieces.append(piece)
        return pieces

    @property
    def babel_locale(self) -> Locale:
        # The pseudo-locale writes dates as British English does: dates are not messages.
        code = "en_GB" if self.language in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE) else self.language
        return Locale.parse(code)

    def table(self, messages: Iterator[str] | list[str]) -> dict[str, str]:
        """These messages in this language, unformatted, for a script that shows them itself."""
        return {message: self.translations.gettext(message) for message in messages}

    def plural_table(self, pairs: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
        """Every plural form of each message, by CLDR plural category ('one', 'other', ...), for a
        script: it picks the form with the browser's `Intl.PluralRules`, which follows the same CLDR
        rules as Babel here, so a count reads the same in Python and in the browser."""
        samples = self.plural_samples()
        return {
            singular: {tag: self.translations.ngettext(singular, plural, n) for tag, n in samples.items()}
            for singular, plural in pairs
        }

    def plural_samples(self) -> dict[str, int]:
        """A count for each CLDR plural category of this language, e.g. {'one': 1, 'other': 0}."""
        rule = self.babel_locale.plural_form
        samples: dict[str, int] = {}
        for n in range(0, 1000):
            samples.setdefault(rule(n), n)
        return samples


@cache
def words_for(language: str) -> Words:
    """The catalogue of `language`: English and the pseudo-locale are built in; others are read from
    their `.po` file."""
    language = (language or SOURCE_LANGUAGE).replace("-", "_")
    if language in (SOURCE_LANGUAGE, "en_GB"):
        return Words(SOURCE_LANGUAGE, gettext.NullTranslations())
    if language == PSEUDO_LANGUAGE:
        return Words(PSEUDO_LANGUAGE, _PseudoTranslations())
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        known = ", ".join(sorted([SOURCE_LANGUAGE, PSEUDO_LANGUAGE, *available_languages()]))
        raise CatalogueError(f"no interface catalogue for language '{language}' (known: {known})")
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Words(language, gettext.GNUTranslations(compiled))


def available_languages() -> list[str]:
    """The languages with a catalogue file, besides English and the pseudo-locale."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


# --- the language being written ------------------------------------------------------------------

_current: ContextVar[Words | None] = ContextVar("ethicskit_words", default=None)


def current() -> Words:
    """The words of the output being written now (English unless a build or command chose)."""
    return _current.get() or words_for(SOURCE_LANGUAGE)


def set_language(language: str) -> Words:
    """Write every following output in `language` (a build does this once, from its configuration)."""
    words = words_for(language)
    _current.set(words)
    return words


@contextmanager
def language(code: str) -> Iterator[Words]:
    """Write in `code` inside the block, e.g. a widget or a document asked for in another language."""
    token = _current.set(words_for(code))
    try:
        yield current()
    finally:
        _current.reset(token)


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def stored_date(day: str) -> str:
    """A day a record stores as "YYYY-MM-DD" (the browser's records do), written as the current
    language writes dates, as words.js writes it in the browser; any other text is kept as it is."""
    found = _ISO_DAY.fullmatch(day)
    if not found:
        return day
    try:
        return current().date(Date(*(int(part) for part in found.groups())))
    except ValueError:  # no such day, e.g. 2026-02-30
        return day


def _(message: str, /, **values: object) -> str:
    """`message` in the current language, with its `{placeholders}` filled from `values`."""
    return current()(message, **values)


def n_(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The current language's form of a message for `count`; `{count}` is filled."""
    return current().plural(singular, plural, count, **values)


def listed(items: list[str]) -> str:
    """Items of a list joined as the current language joins them ('a; b; c'), as the player's
    `listed` joins them in the browser."""
    joined = ""
    for item in items:
        joined = _("{earlier}; {later}", earlier=joined, later=item) if joined else item
    return joined


# --- the words a script shows --------------------------------------------------------------------

SCRIPT_KEYWORDS = {"_": None, "n_": (1, 2)}
"""How the kit's scripts mark messages: `_("...", {values})` and `n_("...", "...", count, {values})`,
the same names as in Python, so one Babel extraction reads both."""


@cache
def script_messages(script: Path) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The messages a script marks: its single messages and its (singular, plural) pairs."""
    from babel.messages.extract import extract

    singles: list[str] = []
    pairs: list[tuple[str, str]] = []
    with script.open("rb") as handle:
        for _line, message, _comments, _context in extract(
            "javascript", handle, keywords=SCRIPT_KEYWORDS, options={"encoding": "utf-8"}
        ):
            if isinstance(message, tuple):
                pairs.append((message[0], message[1]))
            else:
                singles.append(message)
    return tuple(dict.fromkeys(singles)), tuple(dict.fromkeys(pairs))


def script_words(scripts: list[Path], words: Words | None = None) -> dict[str, object]:
    """What `words.js` needs to show these scripts' messages in the current language."""
    words = words or current()
    singles: list[str] = []
    pairs: list[tuple[str, str]] = []
    for script in scripts:
        found_singles, found_pairs = script_messages(script)
        singles += found_singles
        pairs += found_pairs
    return {
        "language": words.language,
        "messages": words.table(list(dict.fromkeys(singles))),
        "plurals": words.plural_table(list(dict.fromkeys(pairs))),
        # Records kept in the browser hold ISO days; the scripts show them as `Words.date` writes them.
        "date": words.date_pieces(),
    }
