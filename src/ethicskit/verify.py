"""Check a digest against an official document: find each clause's number, compare meaning, flag copying.

The source may be a PDF, an HTML page or plain text. Its text is read once into numbered passages (a
line that starts with a number such as `3.10` opens a passage that runs to the next one); each clause
of the digest is then looked up by its number. Meaning is compared by shared content words, and
copying by shared runs of words, so the report is a quick first check, not a reading of the document:
a person still reads the official text before a clause is relied on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from html.parser import HTMLParser
from pathlib import Path

from .anonymity import RUN, normalised_words
from .models import CodeOfPractice
from .words import _

MAX_SOURCE_BYTES = 50 * 1024 * 1024
"""Official codes are a few megabytes at most; a bigger file is refused rather than read into memory."""

MEANING_THRESHOLD = 0.25
"""Below this share of content words in common, a paraphrase and the official wording may not agree."""

RENUMBERED_THRESHOLD = 0.5
"""At or above this share, a passage under another number is taken to be the clause, renumbered."""

_NUMBERED = re.compile(
    r"^[ \t]*(?:(?:Standard|Clause|Code|Section|Principle)[ \t]+)?(\d+(?:\.\d+)*)[.):]?[ \t]+(\S.*)$",
    re.M | re.I,
)
"""A line that opens a numbered passage: '1.2 Respect ...', 'Standard 3.10: Keep ...', '4) Be ...'."""

_STOPWORDS = frozenset(
    """a an and are as at be been being but by can do does for from has have he her his how i if in into is
    it its may me might must my no not of on or our out own s she should so such than that the their them
    then there these they this those to too up us was we were what when where whether which while who whom
    why will with would you your yours any all each every other more most some only also about over under
    social work worker workers""".split()
)


class Outcome(StrEnum):
    """What the source says about one clause of the digest."""

    FOUND = "found"
    NOT_FOUND = "not found"
    RENUMBERED = "numbered differently"
    DOUBTFUL = "meaning doubtful"
    TOO_CLOSE = "too close to the official wording"


@dataclass(frozen=True)
class SourceText:
    """The text of a source document, with what identifies it."""

    text: str
    title: str
    sha256: str
    dated: date | None
    """The document's own date where it gives one (a PDF's creation date), else None."""


@dataclass(frozen=True)
class ClauseResult:
    """The outcome for one clause, with the evidence behind it."""

    clause_id: str
    outcome: Outcome
    overlap: float
    detail: str = ""


class SourceError(Exception):
    """The source cannot be read; the message says why."""


# --- reading sources -------------------------------------------------------------------------------


class _TextOfHtml(HTMLParser):
    """The visible text of an HTML page, one block element per line, and its <title>."""

    BLOCKS = frozenset(
        {"p", "li", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "dd", "dt"}
    )
    HIDDEN = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._hidden:
            self.parts.append(data)


def read_source(path: Path) -> SourceText:
    """The text of a PDF, HTML or plain-text file, with its title, SHA-256 and (for a PDF) its date."""
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            _("{path} is {size} MB; sources over 50 MB are not read", path=path, size=size // (1024 * 1024))
        )
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    dated: date | None = None
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        text, title, dated = _read_pdf(path)
    elif suffix in {".html", ".htm", ".xhtml"}:
        parser = _TextOfHtml()
        parser.feed(data.decode("utf-8", errors="replace"))
        parser.close()
        text, title = "".join(parser.parts), " ".join(parser.title.split())
    else:
        text, title = data.decode("utf-8", errors="replace"), ""
    text = "\n".join(" ".join(line.split()) for line in text.splitlines())
    if not title:
        title = next((line for line in text.splitlines() if line.strip()), path.name)[:200]
    return SourceText(text, title, digest, dated)


def _read_pdf(path: Path) -> tuple[str, str, date | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        metadata = reader.metadata
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise SourceError(_("{path} could not be read as a PDF: {error}", path=path, error=error)) from None
    title = str(metadata.title or "") if metadata else ""
    created = metadata.creation_date if metadata else None
    if not text.strip():
        raise SourceError(
            _("{path} has no text layer (a scanned document?); try an HTML or text copy", path=path)
        )
    return text, title, created.date() if created else None


# --- comparing ---------------------------------------------------------------------------------


def numbered_passages(text: str) -> dict[str, str]:
    """Every numbered passage of a text, by number. A number seen twice (say in a contents list and in
    the body) keeps its longest passage, which is the body's."""
    matches = list(_NUMBERED.finditer(text))
    passages: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        passage = " ".join((match.group(2) + text[match.end() : end]).split())
        number = match.group(1)
        if len(passage) > len(passages.get(number, "")):
            passages[number] = passage
    return passages


def _content(text: str) -> set[str]:
    """Content words, cut to a stem of six letters so 'respecting' meets 'respect'."""
    return {word[:6] for word in normalised_words(text) if word not in _STOPWORDS and len(word) > 2}


def overlap(paraphrase: str, official: str) -> float:
    """The share of the shorter text's content words that the other text has too."""
    ours, theirs = _content(paraphrase), _content(official)
    if not ours or not theirs:
        return 0.0
    return len(ours & theirs) / min(len(ours), len(theirs))


def shared_run(paraphrase: str, official: str, length: int = RUN) -> str | None:
    """The first run of `length` words the paraphrase shares with the official wording, if any."""
    theirs = normalised_words(official)
    runs = {" ".join(theirs[i : i + length]) for i in range(len(theirs) - length + 1)}
    ours = normalised_words(paraphrase)
    for start in range(len(ours) - length + 1):
        run = " ".join(ours[start : start + length])
        if run in runs:
            return run
    return None


def compare(code: CodeOfPractice, source: SourceText) -> list[ClauseResult]:
    """One result per clause of the digest, in the digest's order."""
    passages = numbered_passages(source.text)
    return [_compare_clause(clause.id, clause.paraphrase, passages) for _, clause in code.clauses()]


def _compare_clause(clause_id: str, paraphrase: str, passages: dict[str, str]) -> ClauseResult:
    own = passages.get(clause_id)
    if own is not None:
        run = shared_run(paraphrase, own)
        share = overlap(paraphrase, own)
        if run is not None:
            return ClauseResult(
                clause_id,
                Outcome.TOO_CLOSE,
                share,
                _("shares '{run}'; rewrite it in your own words", run=run),
            )
        if share >= MEANING_THRESHOLD:
            return ClauseResult(clause_id, Outcome.FOUND, share)
    elsewhere = _best_elsewhere(clause_id, paraphrase, passages)
    if elsewhere is not None:
        number, share = elsewhere
        return ClauseResult(
            clause_id, Outcome.RENUMBERED, share, _("the source numbers this wording {number}", number=number)
        )
    if own is not None:
        detail = _("little in common with the paraphrase; read the clause and correct one or the other")
        return ClauseResult(clause_id, Outcome.DOUBTFUL, overlap(paraphrase, own), detail)
    return ClauseResult(clause_id, Outcome.NOT_FOUND, 0.0, _("no passage in the source has this number"))


def _best_elsewhere(clause_id: str, paraphrase: str, passages: dict[str, str]) -> tuple[str, float] | None:
    scored = [(overlap(paraphrase, text), number) for number, text in passages.items() if number != clause_id]
    if not scored:
        return None
    share, number = max(scored)
    return (number, share) if share >= RENUMBERED_THRESHOLD else None


# --- recording ---------------------------------------------------------------------------------


def source_id(path: Path) -> str:
    """A slug for a source, from its file name."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:60].strip("-")
    return slug or "source"


def record(
    text: str,
    code: CodeOfPractice,
    confirmed: list[str],
    source: SourceText,
    new_id: str,
    official: bool,
    seen_on: date,
) -> str:
    """The digest's YAML text with `confirmed` clauses marked verified against a new source.

    Only the lines concerned change: comments, folding and order elsewhere are kept as they were.
    """
    lines = text.splitlines(keepends=True)
    located = _clause_lines(lines, set(confirmed))
    # Edit from the bottom up so earlier line numbers stay valid.
    edits: list[tuple[int, int, list[str]]] = []
    for start, end, indent, fields in located.values():
        replacement: list[str] = []
        index = start
        while index < end:
            key = _key(lines[index])
            block_end = _block_end(lines, index, _indent(lines[index]), end)
            if key == "verified":
                replacement.append(f"{indent}verified: true\n")
                replacement.append(f"{indent}verified_against: {new_id}\n")
            elif key in {"unverified_reason", "verified_against"}:
                pass
            else:
                replacement.extend(lines[index:block_end])
            index = block_end
        if "verified" not in fields:
            replacement.append(f"{indent}verified: true\n{indent}verified_against: {new_id}\n")
        edits.append((start, end, replacement))
    entry = _source_entry(source, new_id, official, seen_on)
    edits.append(_source_insertion(lines, entry))
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        lines[start:end] = replacement
    return "".join(lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key(line: str) -> str | None:
    found = re.match(r"^\s*(?:- )?([A-Za-z_]+):", line)
    return found.group(1) if found else None


def _meaningful(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _block_end(lines: list[str], start: int, indent: int, limit: int | None = None) -> int:
    """The index after the last line that belongs to the key (or list item) on line `start`."""
    stop = len(lines) if limit is None else limit
    index = start + 1
    while index < stop and (not _meaningful(lines[index]) or _indent(lines[index]) > indent):
        index += 1
    while index > start + 1 and not _meaningful(lines[index - 1]):
        index -= 1  # blank lines before the next key stay where they are
    return index


def _clause_lines(lines: list[str], wanted: set[str]) -> dict[str, tuple[int, int, str, set[str]]]:
    """For each wanted clause: the first line of its fields, the line after them, their indent, their keys."""
    found: dict[str, tuple[int, int, str, set[str]]] = {}
    in_clauses: int | None = None
    for index, line in enumerate(lines):
        if not _meaningful(line):
            continue
        if re.match(r"^\s*clauses:\s*$", line):
            in_clauses = _indent(line)
            continue
        if in_clauses is not None and (
            _indent(line) < in_clauses or (_indent(line) == in_clauses and not line.lstrip().startswith("- "))
        ):
            in_clauses = None
        item = re.match(r"^(\s*)- id:\s*['\"]?([^'\"\s]+)['\"]?\s*$", line)
        if in_clauses is None or item is None or item.group(2) not in wanted:
            continue
        dash = len(item.group(1))
        end = _block_end(lines, index, dash)
        indent = " " * (dash + 2)
        keys = {_key(lines[i]) for i in range(index + 1, end) if _indent(lines[i]) == dash + 2}
        found[item.group(2)] = (index + 1, end, indent, {key for key in keys if key})
    return found


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _source_entry(source: SourceText, new_id: str, official: bool, seen_on: date) -> list[str]:
    entry = [
        f"- id: {new_id}",
        f"  title: {_quoted(source.title)}",
        f"  official: {'true' if official else 'false'}",
        f"  seen_on: {seen_on.isoformat()}",
        f"  sha256: {source.sha256}",
    ]
    return entry


def _source_insertion(lines: list[str], entry: list[str]) -> tuple[int, int, list[str]]:
    """Where the new source goes: at the end of 'checked.sources', which is made if need be."""
    checked = next((i for i, line in enumerate(lines) if re.match(r"^checked:\s*$", line)), None)
    if checked is None:
        raise ValueError("the digest has no 'checked' record to add the source to")
    end = _block_end(lines, checked, 0)
    sources = next(
        (i for i in range(checked + 1, end) if re.match(r"^\s+sources:\s*$", lines[i])),
        None,
    )
    if sources is None:
        body = [i for i in range(checked + 1, end) if _meaningful(lines[i])]
        indent = _indent(lines[body[0]]) if body else 2
        pad = " " * indent
        block = [f"{pad}sources:\n", *(f"{pad}  {line}\n" for line in entry)]
        return end, end, block
    first = next((i for i in range(sources + 1, end) if _meaningful(lines[i])), None)
    item_indent = _indent(lines[first]) if first is not None else _indent(lines[sources]) + 2
    pad = " " * item_indent
    index = sources + 1
    while index < end and (not _meaningful(lines[index]) or _indent(lines[index]) >= item_indent):
        if (
            _meaningful(lines[index])
            and _indent(lines[index]) == item_indent
            and not lines[index].lstrip().startswith("- ")
        ):
            break
        index += 1
    while index > sources + 1 and not _meaningful(lines[index - 1]):
        index -= 1
    return index, index, [f"{pad}{line}\n" for line in entry]


def document_numbers(source: SourceText) -> Iterator[tuple[str, int]]:
    """Every number that opens a passage of a source, in the order first seen, with the passage's length in
    words. The wording itself is not shown: a digest is written in the author's own words."""
    passages = numbered_passages(source.text)
    seen: set[str] = set()
    for match in _NUMBERED.finditer(source.text):
        number = match.group(1)
        if number not in seen:
            seen.add(number)
            yield number, len(passages[number].split())
