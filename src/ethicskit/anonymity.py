"""The anonymity and originality guard: finds identifying details and text copied from registered sources.

Sources are registered as fingerprints (hashes of normalised eight-word runs), so the kit can refuse
copied wording without keeping the source text itself.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .problems import ProblemCode
from .prose import own_words
from .words import _
from .yamlfile import Path_

RUN = 8
"""How many words in a row, shared with a source, count as copying."""

FINGERPRINTS_DIR = "sources"
ORDINARY_WORDS_FILE = "sources/ordinary-words.txt"
"""Extra everyday words, one per line, that the dictionary lacks (it predates 'email')."""

_WORD = re.compile(r"[a-z0-9']+")

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_IDENTIFIERS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
    (
        "web",
        re.compile(
            r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+\.(co\.uk|org\.uk|gov\.uk|ac\.uk|com|org|net)\b", re.I
        ),
    ),
    (
        "phone",
        re.compile(r"(?<![\w])(\+44\s?(\(0\)\s?)?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"),
    ),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")),
    ("nhs", re.compile(r"\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b")),
    (
        "national-insurance",
        re.compile(r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"),
    ),
]


def _identifier_message(kind: str, where: object, value: str) -> str:
    """What an identifying detail is, in a whole sentence for each kind."""
    messages = {
        "email": _("'{where}' contains an email address ('{value}')"),
        "web": _("'{where}' contains a web address ('{value}')"),
        "phone": _("'{where}' contains a phone number ('{value}')"),
        "postcode": _("'{where}' contains a UK postcode ('{value}')"),
        "nhs": _("'{where}' contains an NHS number ('{value}')"),
        "national-insurance": _("'{where}' contains a National Insurance number ('{value}')"),
    }
    return messages[kind].format(where=where, value=value)


_DATES = [
    re.compile(rf"\b\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?({MONTHS})\b(\s+\d{{4}})?"),
    re.compile(rf"\b({MONTHS})\s+\d{{1,2}}(st|nd|rd|th)?\b(,?\s+\d{{4}})?"),
    re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
]
_HONORIFIC = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Cllr|Councillor|Rev|Reverend)\.?\s+"
    r"([A-Z][A-Za-z'\u2019-]+)"
)
_CAPITALISED_WORD = r"(?:[A-Z][A-Za-z'\u2019-]*[a-z][A-Za-z'\u2019-]*|[A-Z]{2,})"
_NAME_RUN = re.compile(rf"{_CAPITALISED_WORD}(?:[ \t]+{_CAPITALISED_WORD})*")
"""A capitalised word, or several in a row (a run such as 'Lakeside Court' is usually a name)."""
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_CONTRACTION = re.compile(r"(n['\u2019]t|['\u2019](ll|re|ve|m|d))$", re.IGNORECASE)
"""They'll, I'm, Don't: the stem is checked as an ordinary word."""
_SENTENCE_END = re.compile(r"(^|[.!?:;\n]\s*|[\"\u201c\u2018(]\s*)$")

ORDINARY_CAPITALS = set(
    """
    I England Scotland Wales Ireland Northern Britain British UK English Scottish Welsh Irish Europe European
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter Ramadan Diwali Eid
    NHS GP GPs ASYE AMHP PCF CPD BASW IFSW IASSW HCPC GSCC SSSC NISCC ECHR NI A&E MP MPs IT OK TV
    Covid COVID PhD MA BA TODO Mr Mrs Ms Miss Mx Dr Prof
    Head Service Director Principal Social Worker Code Standards Convention Human Rights Act Council
    Care Work Practice Professional Mental Health
    Black
    """.split()
)
for _month in MONTHS.split("|"):
    ORDINARY_CAPITALS.add(_month)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Ordinary lower-case English words."""
    from english_words import get_english_words_set  # type: ignore[import-untyped]

    return frozenset(word for word in get_english_words_set(["web2", "gcide"], lower=False) if word.islower())


def normalised_words(text: str) -> list[str]:
    """Words compared for copying: lower case, punctuation dropped, curly apostrophes straightened."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def run_hash(words: list[str]) -> str:
    """The fingerprint of one run of words."""
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:20]


def fingerprint(text: str) -> list[str]:
    """Every eight-word run of a text, hashed and sorted."""
    words = normalised_words(text)
    return sorted({run_hash(words[i : i + RUN]) for i in range(len(words) - RUN + 1)})


@dataclass(frozen=True)
class Source:
    """A registered source text, known only by the fingerprints of its runs."""

    name: str
    hashes: frozenset[str]


def write_fingerprints(source_text: str, name: str, root: Path) -> Path:
    """Register a source: write its fingerprints, never its text, to sources/NAME.fingerprints."""
    folder = root / FINGERPRINTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.fingerprints"
    hashes = fingerprint(source_text)
    header = _(
        "# {name}: sha256 (first 20 hex digits) of each normalised {run}-word run; {hashes_count} runs\n",
        name=name,
        run=RUN,
        hashes_count=len(hashes),
    )
    path.write_text(header + "\n".join(hashes) + "\n", encoding="utf-8")
    return path


def load_sources(root: Path) -> list[Source]:
    """Every registered source under `root`."""
    folder = root / FINGERPRINTS_DIR
    if not folder.is_dir():
        return []
    return [
        Source(
            path.stem,
            frozenset(line for line in path.read_text(encoding="utf-8").split() if not line.startswith("#")),
        )
        for path in sorted(folder.glob("*.fingerprints"))
    ]


Finding = tuple[Path_, ProblemCode, str]


@dataclass(frozen=True)
class Guard:
    """What the guard checks text against: registered sources and the kit's extra ordinary words."""

    sources: tuple[Source, ...] = ()
    ordinary_words: frozenset[str] = frozenset()
    """Lower-case everyday words the dictionary lacks."""
    ordinary_capitals: frozenset[str] = frozenset(ORDINARY_CAPITALS)
    """Capitalised words that are not names: days, nations, common acronyms."""

    @classmethod
    def load(cls, root: Path) -> Guard:
        """The sources and extra words registered under `root`."""
        extra = root / ORDINARY_WORDS_FILE
        words: frozenset[str] = frozenset()
        if extra.is_file():
            lines = extra.read_text(encoding="utf-8").splitlines()
            words = frozenset(
                line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
            )
        return cls(tuple(load_sources(root)), words)

    def scan(self, data: Any, shape: Any, pseudonyms: list[str]) -> Iterator[Finding]:
        """Every identifying detail or copied run in the kit's own words of one case or dilemma, whose
        `data` is read as the model `shape`."""
        declared = {word for name in pseudonyms for word in re.findall(r"[A-Za-z'\u2019-]+", name)}
        for path, text in own_words(data, shape):
            yield from self._scan_text(path, text, declared)

    def copied(self, data: Any, shape: Any) -> Iterator[Finding]:
        """Every run copied from a registered source in the kit's own words of `data`, read as `shape`."""
        for path, text in own_words(data, shape):
            yield from self._copied(path, text)

    def _scan_text(self, path: Path_, text: str, declared: set[str]) -> Iterator[Finding]:
        where = ".".join(map(str, path))
        taken: list[tuple[int, int]] = []  # an email's domain is not also a web address
        for what, pattern in _IDENTIFIERS:
            for match in pattern.finditer(text):
                if any(start < match.end() and match.start() < end for start, end in taken):
                    continue
                taken.append(match.span())
                yield (
                    path,
                    ProblemCode.IDENTIFIER,
                    _identifier_message(what, where, match.group(0)),
                )
        for pattern in _DATES:
            for match in pattern.finditer(text):
                found = match.group(0).strip()
                yield (
                    path,
                    ProblemCode.EXACT_DATE,
                    _("'{where}' contains an exact date ('{found}')", where=where, found=found),
                )
        honorific_names = set()
        for match in _HONORIFIC.finditer(text):
            surname = _POSSESSIVE.sub("", match.group(2))
            honorific_names.add(surname)
            if surname not in declared:
                message = _(
                    "'{where}' names a person ('{value}') who is not declared under 'pseudonyms'",
                    where=where,
                    value=match.group(0),
                )
                yield path, ProblemCode.NAMED_PERSON, message
        reported: set[str] = set(honorific_names)
        ordinary = self.ordinary_capitals
        for match in _NAME_RUN.finditer(text):
            words = [_POSSESSIVE.sub("", word) for word in match.group(0).split()]
            if any(word in honorific_names for word in words):
                continue
            starts = bool(_SENTENCE_END.search(text[: match.start()]))
            if len(words) > 1 and not starts and not all(w in ordinary or w in declared for w in words):
                name = match.group(0)
                if name not in reported and not all(word in reported for word in words):
                    reported.add(name)
                    reported.update(words)
                    yield path, ProblemCode.UNDECLARED_NAME, _name_message(where, name)
                continue
            for offset, word in enumerate(words):
                if word in reported or word in declared or word in ordinary:
                    continue
                if self._looks_like_a_name(word, starts_sentence=starts and offset == 0):
                    reported.add(word)
                    yield path, ProblemCode.UNDECLARED_NAME, _name_message(where, word)
        yield from self._copied(path, text)

    def _looks_like_a_name(self, word: str, starts_sentence: bool) -> bool:
        base = _CONTRACTION.sub("", word)
        if base in self.ordinary_capitals or (base.endswith("s") and base[:-1] in self.ordinary_capitals):
            return False  # 'Sundays', 'Mondays'

        if base.isupper() or not starts_sentence:
            # Mid-sentence, English capitalises little but names; acronyms often name organisations.
            return len(base) > 1
        parts = base.lower().split("-")  # 'Relationship-based' is two ordinary words
        return not all(part in self.ordinary_words or _is_word(part) for part in parts if part)

    def _copied(self, path: Path_, text: str) -> Iterator[Finding]:
        if not self.sources:
            return
        words = normalised_words(text)
        where = ".".join(map(str, path))
        hashes = [run_hash(words[start : start + RUN]) for start in range(len(words) - RUN + 1)]
        for source in self.sources:
            for start, digest in enumerate(hashes):
                if digest in source.hashes:
                    run = " ".join(words[start : start + RUN])
                    message = _(
                        "'{where}' shares the {length}-word run '{words}' with the source '{name}'",
                        where=where,
                        length=RUN,
                        words=run,
                        name=source.name,
                    )
                    yield path, ProblemCode.COPIED_TEXT, message
                    break


def _name_message(where: str, name: str) -> str:
    return _(
        "'{where}' contains '{name}', which looks like the name of a person, organisation or place and is "
        "not declared under 'pseudonyms'",
        where=where,
        name=name,
    )


_SUFFIXES = [
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("er", ""),
    ("ers", ""),
    ("ment", ""),
    ("ments", ""),
    ("ness", ""),
    ("ation", "e"),
]
_BRITISH = [
    ("isation", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("our", "or"),
    ("gement", "gment"),
    ("lled", "led"),
    ("lling", "ling"),
    ("tre", "ter"),
    ("ogue", "og"),
]


def _is_word(word: str) -> bool:
    """Whether a lower-case word, or a plain inflection or British spelling of one, is in the dictionary."""
    lower = _dictionary()
    spellings = {word}
    for british, american in _BRITISH:
        if british in word:
            spellings.add(word.replace(british, american))
    for spelling in spellings:
        if spelling in lower:
            return True
        for suffix, replacement in _SUFFIXES:
            if spelling.endswith(suffix) and len(spelling) > len(suffix) + 2:
                stem = spelling[: -len(suffix)]
                if stem + replacement in lower:
                    return True
                if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in lower:  # stopping -> stop
                    return True
    return False
