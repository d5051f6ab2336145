"""Content in other languages: translation files that mirror their English source, checked and applied.

A translation of a content file lives at `translations/<language>/content/<source path>`, e.g.
`translations/cy/content/cases/the-flag-on-the-file.yml`. It is a copy of the source with its text
translated: every id, `leads_to`, `start` and `when`, every clause and law reference, every lean,
enum, number, date and link stays exactly as the source has it, so a translated dilemma is the same
graph and cites the same clauses. Which strings are text is read from the models: a field typed
`Line` or `Prose` is text; everything else must be identical (`KEPT_TEXT` lists the few text fields
that stay as written too, such as pseudonyms).

Each translation records, under its top-level `translated_from`, a digest of the English each string
was translated from, keyed by the field's place in the file (`nodes/deadline/choices/comply/label`).
Per field rather than per file, so that a change to one English sentence marks that one string
outdated, at its own line, and the rest of the file stays current. In one block at the top rather
than beside each string, so the body stays a plain mirror of the source that validates against the
same model and reads like the English file. `ethicskit translation stamp` writes the digests.

A string is *translated* when its digest matches the English now; *outdated* when the English has
changed since (or no digest was recorded); *untranslated* when it is still the English text (unless
its digest is recorded: a name or a title can rightly stay as it is). Untranslated strings are shown
in English, and a page built from them says so in the build's language.
"""

from __future__ import annotations

import hashlib
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from . import models
from .files import CASES_DIR, CODES_DIR, DILEMMAS_DIR, LAW_DIR, SEMINARS_DIR, git_ignored
from .loader import Loaded, load_file, read_text, validate
from .problems import Problem, ProblemCode, Severity
from .words import _, n_
from .yamlfile import LineMap, Path_, YamlDocument, parse_yaml

TRANSLATIONS_DIR = "translations"
CONTENT_SUBDIR = "content"
REVIEW_FILE = "review.yml"
RECORD_KEY = "translated_from"
"""The top-level key of a translation file that holds the digests of the English it was made from."""
DIGEST_LENGTH = 12
"""Hex digits of SHA-256 kept per string: enough that an edit is never mistaken for no change."""

SOURCE_LANGUAGE = "en"

MODELS: dict[str, type[BaseModel]] = {
    CODES_DIR: models.CodeOfPractice,
    LAW_DIR: models.Instrument,
    CASES_DIR: models.Case,
    DILEMMAS_DIR: models.Dilemma,
    SEMINARS_DIR: models.Seminar,
}
"""The content folders whose files can be translated, with the model each file is."""

KEPT_TEXT: set[tuple[type[BaseModel], str]] = {
    (models.Case, "pseudonyms"),  # names stay the same in every language; the anonymity guard reads them
    (models.Case, "provenance"),  # metadata about where the case came from, never shown as narrative
}
"""Text fields a translation keeps exactly as the source has them."""


def digest(text: str) -> str:
    """The record of an English string a translation was made from."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


# --- the shape of a model: which values are text ------------------------------------------------


def _is_text(annotation: Any) -> bool:
    """Whether a (possibly annotated) string type is `Line` or `Prose`: plain text a reader sees."""
    if typing.get_origin(annotation) is not Annotated:
        return False
    base, *metadata = typing.get_args(annotation)
    plain = any(isinstance(item, AfterValidator) and item.func is models._plain for item in metadata)
    return base is str and plain


def _options(annotation: Any) -> list[Any]:
    """The types a field may hold, None left out: `Line | None` gives [Line]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return [annotation]


@dataclass(frozen=True)
class _Shape:
    """What a value of a field is: text, a model, a list or mapping of something, or a kept value."""

    kind: Literal["text", "model", "list", "dict", "kept"]
    model: type[BaseModel] | None = None
    item: _Shape | None = None


_KEPT = _Shape("kept")
_TEXT = _Shape("text")


def _shape(annotation: Any) -> _Shape:
    options = _options(annotation)
    if len(options) != 1:
        return _KEPT  # e.g. `date | str`: a date, or a note standing for one, kept as written
    (annotation,) = options
    if _is_text(annotation):
        return _TEXT
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin is list:
        return _Shape("list", item=_shape(typing.get_args(annotation)[0]))
    if origin is dict:
        return _Shape("dict", item=_shape(typing.get_args(annotation)[1]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _Shape("model", model=annotation)
    return _KEPT


def _field_shapes(model: type[BaseModel]) -> dict[str, _Shape]:
    """Each field of a model by its YAML name, with what its value is."""
    shapes: dict[str, _Shape] = {}
    for name, info in model.model_fields.items():
        shape = _KEPT if (model, name) in KEPT_TEXT else _shape(info.annotation)
        # Pydantic keeps the constraints of `Line` in the field's metadata, not in its annotation.
        if info.metadata and shape is _KEPT and (model, name) not in KEPT_TEXT:
            shape = _shape(Annotated[(info.annotation, *info.metadata)])
        shapes[info.alias or name] = shape
    return shapes


# --- comparing a translation with its source -----------------------------------------------------

_ITEM_KEYS = ("id", "number")
"""A list item that is a mapping is named in a record key by its id (a provision by its number)."""


def _segment(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in _ITEM_KEYS:
            if isinstance(item.get(key), str | int) and not isinstance(item.get(key), bool):
                return str(item[key])
    return str(index)


def record_key(parts: list[str]) -> str:
    """The key under `translated_from` of a string at this place, e.g. 'nodes/deadline/prompt'."""
    return "/".join(parts)


@dataclass(frozen=True)
class TextField:
    """One string of a translation beside the English it stands for."""

    key: str
    """Its key under `translated_from`."""
    where: Path_
    """Its place in the file, for its line."""
    english: str
    translated: str


def _describe(value: Any) -> str:
    """A kept value as the messages show it: quoted text, a number, a date."""
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)


@dataclass
class _Comparison:
    path: str
    lines: LineMap
    problems: list[Problem] = field(default_factory=list)
    texts: list[TextField] = field(default_factory=list)

    def differ(self, where: Path_, message: str) -> None:
        line = self.lines.line_of(where)
        self.problems.append(Problem(self.path, line, ProblemCode.TRANSLATION_STRUCTURE, message))

    def compare(self, english: Any, translated: Any, shape: _Shape, where: Path_, key: list[str]) -> None:
        label = ".".join(str(part) for part in where)
        if shape.kind == "text" and isinstance(english, str):
            if not isinstance(translated, str):
                self.differ(where, _("'{field}' should be text, as in the English", field=label))
                return
            self.texts.append(TextField(record_key(key), where, english, translated))
            return
        if shape.kind == "model" and isinstance(english, dict) and shape.model is not None:
            if not isinstance(translated, dict):
                if not where:
                    self.differ(where, _("the file should hold a mapping of fields, as the English does"))
                else:
                    message = _("'{field}' should be a mapping of fields, as in the English", field=label)
                    self.differ(where, message)
                return
            self._compare_mapping(english, translated, _field_shapes(shape.model), where, key)
            return
        if shape.kind == "dict" and isinstance(english, dict) and shape.item is not None:
            if not isinstance(translated, dict):
                self.differ(where, _("'{field}' should be a mapping, as in the English", field=label))
                return
            item = shape.item
            self._compare_mapping(english, translated, dict.fromkeys(english, item), where, key)
            return
        if shape.kind == "list" and isinstance(english, list) and shape.item is not None:
            if not isinstance(translated, list) or len(translated) != len(english):
                count = len(english)
                self.differ(
                    where,
                    n_(
                        "'{field}' should be a list of {count} item, as in the English",
                        "'{field}' should be a list of {count} items, as in the English",
                        count,
                        field=label,
                    ),
                )
                return
            for index, (source_item, item) in enumerate(zip(english, translated, strict=True)):
                self.compare(
                    source_item, item, shape.item, (*where, index), [*key, _segment(source_item, index)]
                )
            return
        if english == translated and type(english) is type(translated):
            return
        if isinstance(english, dict | list) or isinstance(translated, dict | list):
            self.differ(
                where,
                _(
                    "'{field}' differs from the English: a translation keeps ids, links, references, "
                    "numbers, dates and set values exactly as they are",
                    field=label,
                ),
            )
        else:
            self.differ(
                where,
                _(
                    "'{field}' is {translated} here but {english} in the English: a translation keeps "
                    "ids, links, references, numbers, dates and set values exactly as they are",
                    field=label,
                    translated=_describe(translated),
                    english=_describe(english),
                ),
            )

    def _compare_mapping(
        self,
        english: dict[str, Any],
        translated: dict[str, Any],
        shapes: dict[str, _Shape],
        where: Path_,
        key: list[str],
    ) -> None:
        for name in english:
            if name not in translated:
                label = ".".join(str(part) for part in (*where, name))
                self.differ(where, _("'{field}' is in the English but missing here", field=label))
        for name, value in translated.items():
            label = ".".join(str(part) for part in (*where, name))
            if name not in english:
                self.differ((*where, name), _("'{field}' is not in the English", field=label))
                continue
            self.compare(english[name], value, shapes.get(name, _KEPT), (*where, name), [*key, name])


# Text that names other text in the same file must name it as translated: the seminar's expert slot
# names a timeline activity by its title, and each exemplar comment a rubric criterion.
_LINKED_TEXT = (
    (re.compile(r"expert_by_experience/during"), re.compile(r"timeline/\d+/title")),
    (
        re.compile(r"assessment/exemplars/\d+/comments/\d+/criterion"),
        re.compile(r"assessment/rubric/\d+/criterion"),
    ),
)


def _linked_text(texts: list[TextField], path: str, lines: LineMap) -> list[Problem]:
    problems: list[Problem] = []
    for referring, referred in _LINKED_TEXT:
        named = {text.english: text.translated for text in texts if referred.fullmatch(text.key)}
        for text in texts:
            expected = named.get(text.english) if referring.fullmatch(text.key) else None
            if expected is not None and expected != text.translated:
                message = _(
                    "'{field}' names '{english}' in the English, so it reads '{expected}' here, as that is "
                    "translated",
                    field=text.key,
                    english=text.english,
                    expected=expected,
                )
                problems.append(
                    Problem(path, lines.line_of(text.where), ProblemCode.TRANSLATION_STRUCTURE, message)
                )
    return problems


# --- one translation file ------------------------------------------------------------------------


class TextState(StrEnum):
    TRANSLATED = "translated"
    UNTRANSLATED = "untranslated"
    OUTDATED = "outdated"


def text_state(text: TextField, recorded: str | None) -> TextState:
    """Whether one string is translated, still English, or made from English that has since changed."""
    current = digest(text.english)
    if recorded == current:
        return TextState.TRANSLATED  # a string deliberately left as the English is recorded too
    if text.translated.strip() == text.english.strip():
        return TextState.UNTRANSLATED
    return TextState.OUTDATED


class ItemState(StrEnum):
    """A whole item's state in one language, as the status page shows it."""

    TRANSLATED = "translated"
    PARTLY = "partly"
    OUTDATED = "outdated"
    NOT_TRANSLATED = "not-translated"


@dataclass
class ItemTranslation:
    """One content file in one language: how much of it is translated, and the translated model."""

    language: str
    source: str
    """The English file, e.g. 'cases/the-flag-on-the-file.yml'."""
    path: str | None = None
    """The translation file, or None when there is none."""
    texts: list[TextField] = field(default_factory=list)
    states: dict[str, TextState] = field(default_factory=dict)
    model: BaseModel | None = None
    """The item in this language, untranslated strings in English; None without a valid translation."""

    @property
    def total(self) -> int:
        return len(self.texts)

    @property
    def translated(self) -> int:
        return sum(1 for state in self.states.values() if state is TextState.TRANSLATED)

    @property
    def outdated(self) -> int:
        return sum(1 for state in self.states.values() if state is TextState.OUTDATED)

    @property
    def state(self) -> ItemState:
        if self.model is None or (self.translated == 0 and self.outdated == 0):
            return ItemState.NOT_TRANSLATED
        if self.outdated:
            return ItemState.OUTDATED
        if self.translated < self.total:
            return ItemState.PARTLY
        return ItemState.TRANSLATED

    def shows_english(self, key: str) -> bool:
        """Whether the item, in this language, shows the string at `key` (e.g. 'title',
        'nodes/deadline/prompt') in English: every string without a valid translation, else an
        untranslated one. A string translated from English that has since changed is not English."""
        return self.model is None or self.states.get(key) is TextState.UNTRANSLATED


def english_left(item: ItemTranslation, source: Loaded[Any]) -> list[str]:
    """The English strings an item shows in its language: all of them without a valid translation,
    else those still untranslated."""
    if item.model is None:
        model = MODELS.get(source.path.rpartition("/")[0])
        if model is None:
            return []
        comparison = _Comparison(source.path, source.lines)
        comparison.compare(source.data, source.data, _Shape("model", model=model), (), [])
        return [text.english for text in comparison.texts]
    return [text.english for text in item.texts if item.states.get(text.key) is TextState.UNTRANSLATED]


def translation_path(language: str, source: str) -> str:
    """Where the translation of a content file into `language` lives, from the kit's root."""
    return f"{TRANSLATIONS_DIR}/{language}/{CONTENT_SUBDIR}/{source}"


def _records(document: YamlDocument) -> tuple[dict[str, str], list[Problem]]:
    data = document.data
    raw = data.pop(RECORD_KEY, None) if isinstance(data, dict) else None
    if raw is None:
        return {}, []
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        line = document.lines.line_of((RECORD_KEY,))
        message = _(
            "'{key}' should map each translated field to the digest of its English, "
            "e.g. 'title: 3b1f0c9a2d4e'",
            key=RECORD_KEY,
        )
        return {}, [Problem(document.path, line, ProblemCode.TRANSLATION_STRUCTURE, message)]
    return {str(key): value for key, value in raw.items()}, []


def _linked(root: Path, file: Path) -> str | None:
    """The first part of a path below the kit's root that is a symbolic link, or None."""
    relative = file.relative_to(root)
    for depth in range(1, len(relative.parts) + 1):
        if (root / Path(*relative.parts[:depth])).is_symlink():
            return relative.parts[depth - 1]
    return None


def load_translation(
    root: Path,
    language: str,
    source: Loaded[Any],
    model: type[BaseModel],
    ignored: frozenset[Path] = frozenset(),
) -> tuple[ItemTranslation, list[Problem], list[Problem]]:
    """Read one translation file and compare it with its source: (translation, errors, warnings).

    Errors: the file is a link, ignored by git, cannot be read or validated, or its structure differs
    from the source's.
    Warnings: strings still in English, or translated from English that has since changed.
    """
    item = ItemTranslation(language, source.path)
    shown_as = translation_path(language, source.path)
    file = root / shown_as
    if not file.is_file():
        return item, [], []
    linked = _linked(root, file)
    if linked is not None:
        message = _("'{name}' is a symbolic link; the kit reads only real files", name=linked)
        return item, [Problem(shown_as, None, ProblemCode.SYMLINK, message)], []
    if file.resolve() in ignored:
        message = _("git ignores '{name}', so a fresh clone would not have it", name=file.name)
        return item, [Problem(shown_as, None, ProblemCode.IGNORED_FILE, message)], []
    item.path = shown_as
    text, problems = read_text(file, shown_as)
    if text is None:
        return item, problems, []
    document, problems = parse_yaml(text, shown_as)
    if document is None:
        return item, problems, []
    records, found = _records(document)
    problems += found
    comparison = _Comparison(shown_as, document.lines)
    comparison.compare(source.data, document.data, _Shape("model", model=model), (), [])
    comparison.problems += _linked_text(comparison.texts, shown_as, document.lines)
    if comparison.problems:  # validating a file of another shape would only repeat them less clearly
        return item, problems + comparison.problems, []
    loaded, found = validate(document, model)
    problems += found
    if problems:
        return item, problems, []
    item.texts = comparison.texts
    item.model = loaded.model if loaded is not None else None
    warnings: list[Problem] = []
    for text_field in comparison.texts:
        state = text_state(text_field, records.get(text_field.key))
        item.states[text_field.key] = state
        line = document.lines.line_of(text_field.where)
        if state is TextState.UNTRANSLATED:
            message = _("'{field}' is still in English", field=text_field.key)
            warnings.append(Problem(shown_as, line, ProblemCode.UNTRANSLATED, message, Severity.WARNING))
        elif state is TextState.OUTDATED:
            if text_field.key in records:
                message = _(
                    "the English of '{field}' has changed since it was translated", field=text_field.key
                )
            else:
                message = _("no record of the English '{field}' was translated from", field=text_field.key)
            warnings.append(
                Problem(shown_as, line, ProblemCode.TRANSLATION_OUTDATED, message, Severity.WARNING)
            )
    return item, [], warnings


# --- the stamp: recording what a translation was made from ---------------------------------------


def stamp_text(
    source_data: Any, text: str, shown_as: str, model: type[BaseModel], keys: list[str]
) -> tuple[str | None, list[Problem]]:
    """The translation file's text with its `translated_from` record brought up to date.

    Every string that differs from the English, and every key named in `keys`, is recorded as
    translated from the English it stands beside now; strings whose English changed since they were
    recorded keep their old record unless named, so stamping never hides an outdated translation.
    Records of fields that no longer exist are dropped.
    """
    document, problems = parse_yaml(text, shown_as)
    if document is None:
        return None, problems
    records, problems = _records(document)
    if problems:
        return None, problems
    comparison = _Comparison(shown_as, document.lines)
    comparison.compare(source_data, document.data, _Shape("model", model=model), (), [])
    if comparison.problems:
        return None, comparison.problems
    known = {text_field.key for text_field in comparison.texts}
    unknown = [key for key in keys if key not in known]
    if unknown:
        message = _("no text field '{field}' in this file", field=unknown[0])
        return None, [Problem(shown_as, None, ProblemCode.TRANSLATION_STRUCTURE, message)]
    new: dict[str, str] = {}
    for text_field in comparison.texts:
        recorded = records.get(text_field.key)
        changed = text_field.translated.strip() != text_field.english.strip()
        if text_field.key in keys or (changed and recorded is None):
            new[text_field.key] = digest(text_field.english)
        elif recorded is not None:
            new[text_field.key] = recorded
    return _with_records(text, new), []


_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")


def _with_records(text: str, records: dict[str, str]) -> str:
    """`text` with its `translated_from` block replaced (or added at the end), the rest as it was."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(RECORD_KEY + ":")), None)
    if start is not None:
        end = start + 1
        while end < len(lines) and not _TOP_KEY.match(lines[end]):
            end += 1
        del lines[start:end]
    else:
        start = len(lines)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
    block = [f"{RECORD_KEY}:\n", *(f"  {key}: {value}\n" for key, value in records.items())]
    if not records:
        block = [f"{RECORD_KEY}: {{}}\n"]
    return "".join(lines[:start] + block + lines[start:])


# --- the review record ---------------------------------------------------------------------------


class Reviewed(models._Model):
    """A recorded review of a translation by a speaker of the language who teaches social work."""

    reviewed: date
    by: models.Line = Field(description="The reviewer's role, never a name.")


AWAITING = "awaiting"


def _review_value(value: Any) -> Any:
    """'awaiting' stands for no review yet; a mapping is a review; anything else is refused."""
    if value == AWAITING:
        return None
    if isinstance(value, dict):
        return value
    raise PydanticCustomError(
        "review_value",
        "write 'awaiting', or the review as {reviewed: YYYY-MM-DD, by: the reviewer's role}",
    )


class ReviewItem(models._Model):
    """One translated chapter or content file and whether its translation has been reviewed."""

    source: Annotated[str, Field(pattern=r"^[a-z0-9_./-]+\.(md|yml)$")] = Field(
        description="A chapter ('book/intro.md') or a content file ('cases/the-flag-on-the-file.yml')."
    )
    review: Annotated[Reviewed | None, BeforeValidator(_review_value)] = Field(
        description="'awaiting', or the review: its date and the reviewer's role."
    )


class ReviewRecord(models._Model):
    """`translations/<language>/review.yml`: which translations await review and which were reviewed."""

    items: list[ReviewItem] = Field(default_factory=list)

    def awaiting(self, source: str) -> bool:
        """Whether this chapter or file is listed and not yet reviewed."""
        return any(item.source == source and item.review is None for item in self.items)

    def review_of(self, source: str) -> ReviewItem | None:
        return next((item for item in self.items if item.source == source), None)


def load_review(root: Path, language: str, sources: set[str]) -> tuple[ReviewRecord | None, list[Problem]]:
    """A language's review record, checked: every listed source exists, and is listed once."""
    shown_as = f"{TRANSLATIONS_DIR}/{language}/{REVIEW_FILE}"
    file = root / shown_as
    if not file.is_file():
        return None, []
    linked = _linked(root, file)
    if linked is not None:
        message = _("'{name}' is a symbolic link; the kit reads only real files", name=linked)
        return None, [Problem(shown_as, None, ProblemCode.SYMLINK, message)]
    loaded, problems = load_file(file, ReviewRecord, shown_as)
    if loaded is None:
        return None, problems
    seen: set[str] = set()
    for index, item in enumerate(loaded.model.items):
        line = loaded.line("items", index, "source")
        if item.source in seen:
            message = _("'{source}' is listed twice", source=item.source)
            problems.append(Problem(shown_as, line, ProblemCode.TRANSLATION_REVIEW, message))
        seen.add(item.source)
        known = item.source in sources or (item.source.endswith(".md") and (root / item.source).is_file())
        if not known:
            message = _("'{source}' is neither a chapter nor a content file of the kit", source=item.source)
            problems.append(Problem(shown_as, line, ProblemCode.TRANSLATION_REVIEW, message))
    return loaded.model, problems


# --- chapters: Sphinx's message catalogues -------------------------------------------------------


MAX_CATALOGUE_BYTES = 4 * 1024 * 1024
"""The largest chapter catalogue read; a chapter's is tens of kilobytes."""


@dataclass(frozen=True)
class ChapterTranslation:
    """How much of one chapter's message catalogue is translated."""

    total: int
    translated: int
    fuzzy: int
    """Messages whose English changed since they were translated (sphinx-intl marks them fuzzy)."""

    @property
    def state(self) -> ItemState:
        if self.fuzzy:
            return ItemState.OUTDATED
        if self.total and self.translated == self.total:
            return ItemState.TRANSLATED
        if self.translated:
            return ItemState.PARTLY
        return ItemState.NOT_TRANSLATED


def chapter_catalogue(root: Path, language: str, docname: str) -> Path:
    return root / TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{docname}.po"


def _read_catalogue(file: Path) -> tuple[Any, str | None]:
    """A chapter's message catalogue read with Babel, or None and why it could not be read."""
    from babel.messages.pofile import PoFileError, read_po

    if file.stat().st_size > MAX_CATALOGUE_BYTES:
        return None, _("the catalogue is larger than the 4 MiB limit")
    try:
        with file.open("rb") as stream:
            return read_po(stream, abort_invalid=True), None
    except (OSError, PoFileError, ValueError) as error:
        return None, str(error)


def _entries(catalogue: Any) -> Iterator[tuple[Any, bool, bool]]:
    """Each message of a catalogue but its header, with whether it is translated and whether fuzzy."""
    for message in catalogue:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        yield message, all(strings), message.fuzzy


def chapter_translation(root: Path, language: str, docname: str) -> ChapterTranslation | None:
    """The state of a chapter's translation, from its `.po` file; None without one (or if unreadable)."""
    file = chapter_catalogue(root, language, docname)
    if not file.is_file() or file.is_symlink():
        return None
    catalogue, _why = _read_catalogue(file)
    if catalogue is None:
        return None
    total = translated = fuzzy = 0
    for _message, done, is_fuzzy in _entries(catalogue):
        total += 1
        if done and is_fuzzy:
            fuzzy += 1
        elif done:
            translated += 1
    return ChapterTranslation(total, translated, fuzzy)


def untranslated_messages(root: Path, language: str, docname: str) -> set[str]:
    """The English messages of a chapter's catalogue that have no translation yet."""
    file = chapter_catalogue(root, language, docname)
    if not file.is_file() or file.is_symlink():
        return set()
    catalogue, _why = _read_catalogue(file)
    if catalogue is None:
        return set()
    return {entry.id for entry, done, _fuzzy in _entries(catalogue) if not done and isinstance(entry.id, str)}


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "\u2026"


CHAPTER_SUFFIXES = (".md", ".ipynb")


def check_chapter_catalogues(root: Path, language: str) -> tuple[list[Problem], list[Problem]]:
    """Errors (a catalogue that cannot be read, or for no chapter) and warnings (each untranslated or
    fuzzy entry, at its line) for the chapters' catalogues of one language."""
    folder = root / TRANSLATIONS_DIR / language / "LC_MESSAGES"
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for file in sorted(folder.rglob("*.po")) if folder.is_dir() else []:
        shown_as = file.relative_to(root).as_posix()
        linked = _linked(root, file)
        if linked is not None:
            message = _("'{name}' is a symbolic link; the kit reads only real files", name=linked)
            problems.append(Problem(shown_as, None, ProblemCode.SYMLINK, message))
            continue
        docname = file.relative_to(folder).with_suffix("").as_posix()
        if not any((root / f"{docname}{suffix}").is_file() for suffix in CHAPTER_SUFFIXES):
            message = _("there is no chapter '{docname}' for this to translate", docname=docname)
            problems.append(Problem(shown_as, None, ProblemCode.TRANSLATION_ORPHAN, message))
            continue
        catalogue, why = _read_catalogue(file)
        if catalogue is None:
            message = _("the catalogue cannot be read: {reason}", reason=why)
            problems.append(Problem(shown_as, None, ProblemCode.TRANSLATION_STRUCTURE, message))
            continue
        for entry, done, fuzzy in _entries(catalogue):
            text = _quoted(entry.id if isinstance(entry.id, str) else entry.id[0])
            if not done:
                message = _("'{text}' is not translated yet", text=text)
                warnings.append(
                    Problem(shown_as, entry.lineno, ProblemCode.UNTRANSLATED, message, Severity.WARNING)
                )
            elif fuzzy:
                message = _("the English of '{text}' has changed since it was translated (fuzzy)", text=text)
                warnings.append(
                    Problem(
                        shown_as, entry.lineno, ProblemCode.TRANSLATION_OUTDATED, message, Severity.WARNING
                    )
                )
    return problems, warnings


# --- every language together ---------------------------------------------------------------------


@dataclass
class Translations:
    """Every language's content translations and review record, for one kit."""

    items: dict[str, dict[str, ItemTranslation]] = field(default_factory=dict)
    """By language, then by source path."""
    reviews: dict[str, ReviewRecord] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    """Untranslated and outdated strings: reported by the checker, shown on the status page."""
    applied: str | None = None
    """The language the catalogue's models are in, when it is not English."""

    @property
    def languages(self) -> list[str]:
        return sorted(self.items.keys() | self.reviews.keys())

    def item(self, language: str, source: str) -> ItemTranslation:
        return self.items.get(language, {}).get(source) or ItemTranslation(language, source)

    def shows_english(self, source: str, key: str) -> bool:
        """Whether the catalogue's models, in the language they were put in (`applied`), show this string
        of a content file in English; never in an English build, where nothing is marked."""
        return self.applied is not None and self.item(self.applied, source).shows_english(key)


def languages_present(root: Path) -> list[str]:
    """The languages with a folder under `translations/`."""
    folder = root / TRANSLATIONS_DIR
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.is_dir() and not entry.is_symlink() and re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", entry.name)
    )


def sources_of(folders: dict[str, dict[str, Loaded[Any]]]) -> Iterator[tuple[str, Loaded[Any]]]:
    for folder, loaded_items in folders.items():
        for loaded in loaded_items.values():
            yield folder, loaded


def load_translations(
    root: Path, folders: dict[str, dict[str, Loaded[Any]]], content_files: set[str]
) -> tuple[Translations, list[Problem]]:
    """Every translation of every valid content file, compared with it: the errors, the rest on the result.

    `folders` holds the valid content by folder; `content_files` the paths of every content file, so
    the translation of one that did not load is compared once it loads, and not reported as an orphan.
    """
    result = Translations()
    problems: list[Problem] = []
    sources = {loaded.path: (folder, loaded) for folder, loaded in sources_of(folders)}
    present = languages_present(root)
    ignored = frozenset(git_ignored(root, (TRANSLATIONS_DIR,))) if present else frozenset()
    for language in present:
        result.items[language] = {}
        for source, (folder, loaded) in sorted(sources.items()):
            item, errors, warnings = load_translation(root, language, loaded, MODELS[folder], ignored)
            result.items[language][source] = item
            problems += errors
            result.warnings += warnings
        content = root / TRANSLATIONS_DIR / language / CONTENT_SUBDIR
        for file in sorted(content.rglob("*")) if content.is_dir() else []:
            if not file.is_file() or _linked(root, file) is not None:
                continue
            source = file.relative_to(content).as_posix()
            if source in sources or source in content_files:
                continue
            shown_as = translation_path(language, source)
            message = _("there is no content file '{source}' for this to translate", source=source)
            problems.append(Problem(shown_as, None, ProblemCode.TRANSLATION_ORPHAN, message))
        found, warnings = check_chapter_catalogues(root, language)
        problems += found
        result.warnings += warnings
        review, found = load_review(root, language, set(sources) | content_files)
        problems += found
        if review is not None:
            result.reviews[language] = review
    return result, problems


def apply_translations(
    translations: Translations, folders: dict[str, dict[str, Loaded[Any]]], language: str
) -> None:
    """Put each item's translated model in place of the English, for a build in `language`.

    Only after every check has run on the English: the rules (e.g. that a choice marked unlawful
    says 'unlawful') are written for the source. An item without a valid translation stays English.
    """
    if language == SOURCE_LANGUAGE:
        return
    translations.applied = language
    for loaded_items in folders.values():
        for item_id, loaded in list(loaded_items.items()):
            translated = translations.item(language, loaded.path).model
            if translated is not None:
                loaded_items[item_id] = Loaded(translated, loaded.path, loaded.lines, loaded.data)


# --- starting and stamping a translation file ---------------------------------------------------


class TranslationError(Exception):
    """A translation cannot be started or stamped; the message says why."""


def _source_for(root: Path, source: str) -> tuple[Loaded[Any], type[BaseModel]]:
    folder = next((folder for folder in MODELS if source.rpartition("/")[0] == folder), None)
    if folder is None:
        folders = ", ".join(f"{name}/" for name in MODELS)
        raise TranslationError(
            _("'{source}' is not a content file in {folders}", source=source, folders=folders)
        )
    loaded, problems = load_file(root / source, MODELS[folder], source)
    if loaded is None:
        first = problems[0] if problems else None
        raise TranslationError(
            _(
                "'{source}' is not valid, so it cannot be translated yet: {problem}",
                source=source,
                problem=first,
            )
        )
    return loaded, MODELS[folder]


def start_translation(root: Path, language: str, source: str) -> Path:
    """Copy a content file to its translation's place, for translating in place."""
    if language == SOURCE_LANGUAGE or not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", language):
        raise TranslationError(
            _("'{language}' is not a language to translate content into", language=language)
        )
    _source_for(root, source)  # only a valid content file can be translated
    target = root / translation_path(language, source)
    if target.exists():
        raise TranslationError(_("{path} exists already", path=translation_path(language, source)))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((root / source).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def stamp_file(root: Path, file: Path, fields: list[str]) -> Path:
    """Bring a translation file's `translated_from` record up to date (see `stamp_text`)."""
    try:
        relative = file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise TranslationError(_("{path} is not inside the kit", path=file)) from None
    parts = relative.split("/", 3)
    if len(parts) < 4 or parts[0] != TRANSLATIONS_DIR or parts[2] != CONTENT_SUBDIR:
        raise TranslationError(
            _(
                "{path} is not a translation file: those are under translations/LANGUAGE/content/",
                path=relative,
            )
        )
    loaded, model = _source_for(root, parts[3])
    text, problems = read_text(file, relative)
    if text is None:
        raise TranslationError(str(problems[0]))
    stamped, problems = stamp_text(loaded.data, text, relative, model, fields)
    if stamped is None:
        raise TranslationError("\n".join(str(problem) for problem in problems))
    file.write_text(stamped, encoding="utf-8")
    return file
