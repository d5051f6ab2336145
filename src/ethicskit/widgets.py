"""The dilemma player for Jupyter: ipywidgets over the same engine and export as the browser player.

Every word a widget shows comes from the word catalogue, in the language the widget was built in: the
`language` argument (`DilemmaWidget(..., language="cy")`), or else the language in force where it was
built (`with ethicskit.words.language("cy"): DilemmaWidget(...)`). A widget keeps that language and
writes in it whenever it redraws, because its buttons' callbacks run later, outside any `with` block.
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import ipywidgets as widgets

from . import reflections, worksheet
from .catalog import Catalog, load_catalog
from .engine import Session, titles
from .export import dilemma_payload
from .layout.paper import resolve_for_paper
from .layout.screens import player_controls, player_screens
from .layout.selfcheck import grounds
from .models import Choice, Dilemma, Question, QuestionKind, SelfCheck
from .signposting import signpost
from .words import Words, _, current, listed, n_, words_for
from .words import language as speaking


def static_preview_note(kind: str) -> str:
    """What a widget's static preview says in a page read without a running kernel."""
    if kind == "dilemma":
        return _(
            "A static preview: run this notebook in Jupyter to play the dilemma here, or play it in the "
            "browser on its page in this book."
        )
    if kind == "worksheet":
        return _(
            "A static preview: run this notebook in Jupyter to fill in the worksheet here, or use the "
            "worksheet page of this book."
        )
    return _(
        "A static preview: run this notebook in Jupyter to answer here, or answer on the case's page in "
        "this book."
    )


class _Speaking(Protocol):
    words: Words


Widget = TypeVar("Widget", bound=_Speaking)
Params = ParamSpec("Params")
Result = TypeVar("Result")


def in_own_language(
    method: Callable[Concatenate[Widget, Params], Result],
) -> Callable[Concatenate[Widget, Params], Result]:
    """Run a widget's method in the language the widget was built in, wherever it is called from."""

    @functools.wraps(method)
    def speaking_own_language(self: Widget, /, *args: Params.args, **kwargs: Params.kwargs) -> Result:
        with speaking(self.words.language):
            return method(self, *args, **kwargs)

    return speaking_own_language


def quoted_line(label: str, entry: dict[str, Any], field: str) -> str:
    """A clause or provision as the player lists it: its label, then its words from the payload, with the
    player's note where the payload names them as English (a digest not yet translated)."""
    line = _("{label}:", label=label) + " " + str(entry[field])
    if field in entry.get("english", []):
        line += " " + _("(in English)")
    return line


def panel_groups(
    payload: dict[str, Any], groups: list[dict[str, Any]], subject: dict[str, Any], place: str | None
) -> list[tuple[str, list[str], str]]:
    """A codes or law panel as the payload lists it (`export.codes_panel`), group by group: the lead-in,
    the clauses or provisions as lines, and the words shown in place of an empty list (or ""). A group
    marked `place` takes its lead-in and clauses from the nation `place`, as the player does; a group
    with nothing to list and no such words is left out."""
    fields = {"clauses": "text", "provisions": "line"}
    shown = []
    for group in groups:
        if group.get("place"):
            [nation] = [entry for entry in payload["jurisdictions"] if entry["id"] == place]
            lead, refs = nation["related_heading"], subject["related"][nation["id"]]
        else:
            lead, refs = _field(payload, group["lead"]), group["refs"]
        none = _field(payload, group["none"]) if group.get("none") else ""
        if refs or none:
            entries = payload[group["of"]]
            items = [quoted_line(entries[ref]["label"], entries[ref], fields[group["of"]]) for ref in refs]
            shown.append((lead, items, "" if items else none))
    return shown


def panel_lines(shown: list[tuple[str, list[str], str]]) -> list[str]:
    """A codes or law panel (`panel_groups`) as lines of text, in order."""
    return [line for lead, items, none in shown for line in [lead, *items, none] if line]


def _panel_html(groups: list[tuple[str, list[str], str]]) -> widgets.HTML:
    return widgets.HTML(
        "".join(
            _html(lead).value + (_html(*items, tag="li").value if items else _html(none).value)
            for lead, items, none in groups
        )
    )


# A book build in another language passes its language to the processes it starts, so the kernel that
# runs the notebook pages writes their widgets in the book's language.
BUILD_LANGUAGE_VARIABLE = "ETHICSKIT_LANGUAGE"


def _words(language: str | None) -> Words:
    """The language asked for; else the language of the book build running this notebook; else the
    current one."""
    chosen = language or os.environ.get(BUILD_LANGUAGE_VARIABLE)
    return words_for(chosen) if chosen else current()


def _html(*paragraphs: str, tag: str = "p") -> widgets.HTML:
    """Text shown as HTML, escaped, so content can never become markup; list items (`li`) in a list."""
    return _marked_html(*(html.escape(p) for p in paragraphs), tag=tag)


def _marked_html(*paragraphs: str, tag: str = "p") -> widgets.HTML:
    """HTML already escaped (with its English words marked, see `_marked`), each piece in `tag`."""
    shown = "".join(f"<{tag}>{p}</{tag}>" for p in paragraphs if p)
    return widgets.HTML(f"<ul>{shown}</ul>" if tag == "li" else shown)


def _marked(text: str, english: bool) -> str:
    """Content escaped, and marked `lang="en"` where the payload names it as shown in English (a string
    not yet translated), as the player marks it, so a screen reader reads it as English."""
    escaped = html.escape(text)
    return f'<span lang="en">{escaped}</span>' if english and escaped else escaped


def _in_english(entry: dict[str, Any], field: str) -> bool:
    """Whether the payload names this field of an entry as shown in English."""
    return field in entry.get("english", [])


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n\n") if part.strip()]


# The same names the player fills (dilemma-player.js: fill, sentenceNodes).
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _fill(message: str, values: dict[str, Any]) -> str:
    """A message from a layout with its placeholders filled from `values` (a payload entry), as the
    player fills them; a placeholder with no value stays as written."""
    return _PLACEHOLDER.sub(lambda found: str(values.get(found[1], found[0])), message)


def _field(subject: dict[str, Any], path: str) -> Any:
    """A field of a payload entry, `a.b` for a field inside one, as the player reads it."""
    entry, name = _holder(subject, path)
    return entry[name]


def _holder(subject: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    """The entry holding the field at `path` (`a.b`: field `b` of `a`), and the field's name."""
    *inside, name = path.split(".")
    for step in inside:
        subject = subject[step]
    return subject, name


def _fill_marked(message: str, values: dict[str, Any]) -> str:
    """`_fill` as escaped HTML, each value the payload names as English marked so (`_marked`)."""
    return _PLACEHOLDER.sub(
        lambda found: (
            _marked(str(values[found[1]]), _in_english(values, found[1])) if found[1] in values else found[0]
        ),
        html.escape(message),
    )


def kit_catalog(start: Path | None = None) -> Catalog:
    """The checked catalogue of the kit found in `start` (default: here) or a folder above it."""
    folder = (start or Path.cwd()).resolve()
    root = next((p for p in [folder, *folder.parents] if (p / "_config.yml").is_file()), None)
    if root is None:
        raise FileNotFoundError(_("no kit (a folder with _config.yml) at or above {folder}", folder=folder))
    stamp = kit_stamp(root)
    kept = _KITS_READ.get((root, current().language))
    if kept is not None and kept[0] == stamp:
        return kept[1]
    catalog, problems = load_catalog(root)
    if problems:
        raise ValueError(
            n_(
                "the kit's content has {count} problem; run 'ethicskit check'",
                "the kit's content has {count} problems; run 'ethicskit check'",
                len(problems),
            )
        )
    _KITS_READ[root, current().language] = (stamp, catalog)
    return catalog


_KITS_READ: dict[tuple[Path, str], tuple[frozenset[tuple[str, int, int]], Catalog]] = {}
"""The catalogue each kit was last read into, per language, with the stamp of the kit's files then. A
notebook showing several widgets (the book's Jupyter page shows three) reads the kit once; reading a
kit of 1,000 cases takes about half a minute."""

_NOT_READ = {"_build", "node_modules", "dist", "__pycache__"}


def kit_stamp(root: Path) -> frozenset[tuple[str, int, int]]:
    """Every file of the kit under `root` with its size and time of change: a file added, removed or
    saved changes the stamp, so the kit is read again. Folders the kit does not read from (built output,
    hidden folders such as .git, installed packages) are left out."""
    stamp: set[tuple[str, int, int]] = set()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name[0] != "." and name not in _NOT_READ]
        for name in files:
            with contextlib.suppress(OSError):  # gone since it was listed: it is not in the stamp
                info = os.stat(os.path.join(folder, name))
                stamp.add((os.path.join(folder, name), info.st_size, info.st_mtime_ns))
    return frozenset(stamp)


class _StaticPreview:
    """A widget that also gives a static HTML preview of itself, in the language it speaks, for pages read
    without a running kernel (the built book). The widget writes the preview in `_preview`."""

    words: Words

    def _preview(self) -> str:
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle: dict[str, Any] = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        with speaking(self.words.language):
            bundle["text/html"] = self._preview()
        return bundle


class DilemmaWidget(_StaticPreview, widgets.VBox):  # type: ignore[misc]
    """Play a dilemma in a notebook: `DilemmaWidget(catalog.dilemmas["id"].model, catalog)`.

    As in the browser player, each side's view of a choice is held back until the ending, unless
    `projection=True` (or the Projection mode toggle) shows it after every choice.

    The widget speaks `language` (e.g. `language="qps"`, the pseudo-locale), or else the language in
    force where it is built (`with ethicskit.words.language("qps"): DilemmaWidget(...)`). It keeps those
    words and uses them in every redraw, since its buttons' callbacks run later, outside any `with` block.
    """

    def __init__(
        self,
        dilemma: Dilemma,
        catalog: Catalog,
        jurisdiction: str | None = None,
        projection: bool = False,
        language: str | None = None,
    ) -> None:
        self.words = _words(language)
        """The words this widget speaks, kept for its callbacks."""
        with speaking(self.words.language):
            self._build(dilemma, catalog, jurisdiction, projection)

    def _build(self, dilemma: Dilemma, catalog: Catalog, jurisdiction: str | None, projection: bool) -> None:
        self.dilemma = dilemma
        self.payload = dilemma_payload(dilemma, catalog)
        self.screens = player_screens()
        """The step screens, in this widget's words: the layout the browser player draws."""
        self.node_entries = {node["id"]: node for node in self.payload["nodes"]}
        self.choice_entries = {
            choice["id"]: choice for node in self.payload["nodes"] for choice in node["choices"]
        }
        self.ending_entries = {ending["id"]: ending for ending in self.payload["endings"]}
        self.titles = titles(dilemma)
        """What each decision and ending is called: the same numbers as every other output."""
        self.session = Session(dilemma)
        self.showing_outcome = False
        self.pausing = False
        """Held at the pause before a decision's hardest material (`Node.pause_before`)."""
        self.stopped = False
        """The learner chose to stop at that pause."""
        self.reflections: dict[str, tuple[str, str]] = {}
        """Reflections by prompt key: (prompt, text)."""
        self.controls = player_controls()
        """The controls' words, the browser player's."""
        self.jurisdiction = widgets.Dropdown(
            options=[(place["label"], place["id"]) for place in self.payload["jurisdictions"]],
            value=jurisdiction or self.payload["jurisdiction"],
            description=self.controls["jurisdiction"],
            style={"description_width": "initial"},
        )
        self.projection = widgets.ToggleButton(
            value=projection, description=self.controls["projection"], layout=widgets.Layout(width="auto")
        )
        self.back_button = widgets.Button(description=self.controls["back"])
        self.restart_button = widgets.Button(description=self.controls["restart"])
        self.export_button = widgets.Button(description=_("Reflections as Markdown"))
        self.export_area = widgets.Textarea(
            layout=widgets.Layout(width="100%", height="12em", display="none")
        )
        self.stage = widgets.VBox()
        self.path = widgets.HTML()
        self.choice_buttons: list[widgets.Button] = []
        self.next_button: widgets.Button | None = None
        self.go_on_button: widgets.Button | None = None
        self.stop_button: widgets.Button | None = None
        self.reflection_box: widgets.Textarea | None = None
        self.jurisdiction.observe(lambda _change: self.render(), names="value")
        self.projection.observe(lambda _change: self.render(), names="value")
        self.back_button.on_click(lambda _change: self.back())
        self.restart_button.on_click(lambda _change: self.restart())
        self.export_button.on_click(lambda _change: self.show_export())
        toolbar = widgets.HBox(
            [self.jurisdiction, self.back_button, self.restart_button, self.export_button, self.projection]
        )
        title = _marked_html(_marked(dilemma.title, _in_english(self.payload, "title")), tag="h3")
        opening = [title]
        case = catalog.cases.get(dilemma.case)
        if case is not None and case.model.content_note is not None:
            # The same note and support lines the page, the handout and the single file show first.
            note = case.model.content_note.note
            opening.append(_html(_("Content note"), tag="h4"))
            opening.append(_html(*_paragraphs(note), signpost()))
        super().__init__([*opening, toolbar, self.stage, self.path, self.export_area])
        self.render()

    @classmethod
    def from_kit(
        cls,
        dilemma_id: str,
        start: Path | None = None,
        projection: bool = False,
        language: str | None = None,
    ) -> DilemmaWidget:
        """Load the kit found in `start` or a folder above it, and play one of its dilemmas."""
        with speaking(_words(language).language):  # so that an error reads in that language too
            catalog = kit_catalog(start)
        return cls(catalog.dilemmas[dilemma_id].model, catalog, projection=projection, language=language)

    def _preview(self) -> str:
        node = next(node for node in self.dilemma.nodes if node.id == self.dilemma.start)
        choices = "".join(f"<li>{html.escape(choice.label)}</li>" for choice in node.choices)
        return (
            f'<div class="ek-widget-preview"><p><strong>{html.escape(self.dilemma.title)}</strong></p>'
            f"<p>{html.escape(_paragraphs(node.situation)[0])}</p><ul>{choices}</ul>"
            f"<p><em>{html.escape(static_preview_note('dilemma'))}</em></p></div>"
        )

    # --- actions, the same as the browser player's ---

    def choose(self, choice_id: str) -> None:
        """Take a choice offered now and show its outcome."""
        self.session.choose(choice_id)
        self.showing_outcome = True
        self.render()

    def proceed(self) -> None:
        """Move on from an outcome to the next decision or the ending (or the pause before it)."""
        self.showing_outcome = False
        node = self.session.node
        self.pausing, self.stopped = bool(node is not None and node.pause_before), False
        self.render()

    def go_on(self) -> None:
        """From the pause, go on to the decision."""
        self.pausing = self.stopped = False
        self.render()

    def stop_here(self) -> None:
        """From the pause, stop: the path and reflections are kept, and the pause can be returned to."""
        self.stopped = True
        self.render()

    def return_to_pause(self) -> None:
        self.stopped = False
        self.render()

    def back(self) -> None:
        """Undo the last decision."""
        self.session.back()
        self.showing_outcome = self.pausing = self.stopped = False
        self.render()

    def restart(self) -> None:
        """Return to the first decision."""
        self.session.restart()
        self.showing_outcome = self.stopped = False
        start = self.session.node
        self.pausing = bool(start is not None and start.pause_before)
        self.render()

    # --- rendering ---

    @in_own_language
    def render(self) -> None:
        """Redraw the current step: its screen, drawn part by part from the layout the browser player
        draws it from (`layout/screens.py`)."""
        self.choice_buttons = []
        self.next_button = self.go_on_button = self.stop_button = None
        self.reflection_box = None
        ending = self.session.ending
        node = self.session.node
        if self.showing_outcome:
            step = self.session.steps[-1]
            name, subject = "outcome", self.choice_entries[step.choice.id]
        elif self.pausing and node is not None:
            name, subject = ("stopped" if self.stopped else "pause"), self.node_entries[node.id]
        elif ending is not None:
            name, subject = "ending", self.ending_entries[ending.id]
        else:
            assert node is not None
            name, subject = "decision", self.node_entries[node.id]
        self.stage.children = self.show(name, subject)
        # The path so far, as the player lists it under its screens: each choice in its own item.
        labels = [self.choice_entries[step.choice.id]["label"] for step in self.session.steps]
        items = "".join(f"<li>{html.escape(label)}</li>" for label in labels)
        path = f"<ol>{items}</ol>" if items else f"<p>{html.escape(self.controls['no_path'])}</p>"
        self.path.value = f"<h4>{html.escape(self.controls['path'])}</h4>{path}"
        self.back_button.disabled = not self.session.steps  # nothing to go back to yet, as in the player

    def show(self, name: str, subject: dict[str, Any]) -> list[widgets.Widget]:
        """The widgets of screen `name` for its subject (a decision, choice or ending of the payload)."""
        shown: list[widgets.Widget] = []
        for at, part in enumerate(self.screens[name]):
            if "if" not in part or self._holds(part["if"], subject):
                drawn = getattr(self, "_part_" + part["part"])(part, subject)
                # Which part of the screen each widget is, as the player's `data-part` and `data-at` say.
                for widget in drawn:
                    widget.add_class(f"ek-part-{part['part']}")
                    widget.add_class(f"ek-at-{at}")
                shown += drawn
        return shown

    def _holds(self, condition: str, subject: dict[str, Any]) -> bool:
        """A part's condition, read as the player reads it (see `layout/screens.py`)."""
        name = condition.removeprefix("!")
        if name == "@projection":
            value = bool(self.projection.value)
        elif name == "@ends":
            value = subject["to"] in self.ending_entries
        else:
            value = bool(subject.get(name))
        return value != condition.startswith("!")

    @staticmethod
    def _text(part: dict[str, Any], subject: dict[str, Any]) -> str:
        """A part's words: its message (the notebook's, where it has one) with the subject's fields in
        place, or one field of the subject as it stands."""
        if "field" in part:
            return str(_field(subject, part["field"]))
        return _fill(part.get("in_notebook", part["text"]), subject)

    @staticmethod
    def _marked_text(part: dict[str, Any], subject: dict[str, Any]) -> list[str]:
        """A part's words (`_text`) as escaped HTML, a piece per paragraph of a field, with the fields
        the payload names as English marked so: a whole field, or a field within the part's message."""
        if "field" in part:
            entry, name = _holder(subject, part["field"])
            english = _in_english(entry, name)
            return [_marked(paragraph, english) for paragraph in _paragraphs(str(entry[name]))]
        return [_fill_marked(part.get("in_notebook", part["text"]), subject)]

    def _part_heading(self, part: dict[str, Any], subject: dict[str, Any]) -> list[widgets.Widget]:
        return [_marked_html(" ".join(self._marked_text(part, subject)), tag="h4")]

    def _part_subheading(self, part: dict[str, Any], subject: dict[str, Any]) -> list[widgets.Widget]:
        return [_marked_html(" ".join(self._marked_text(part, subject)), tag="h5")]

    def _part_paragraphs(self, part: dict[str, Any], subject: dict[str, Any]) -> list[widgets.Widget]:
        return [_marked_html(*self._marked_text(part, subject))]

    def _part_text(self, part: dict[str, Any], subject: dict[str, Any]) -> list[widgets.Widget]:
        return [_marked_html(" ".join(self._marked_text(part, subject)))]

    def _part_reflection(self, part: dict[str, Any], subject: dict[str, Any]) -> list[widgets.Widget]:
        return [
            _marked_html(" ".join(self._marked_text(part, subject)), tag="em"),
            self._reflection(subject["id"], subject["prompt"]),
        ]

    def _part_choices(self, part: dict[str, Any], subject: dict[str, Any]) -> list[widgets.Widget]:
        for choice in self.session.choices():  # what the engine offers at this point of the path
            button = widgets.Button(
                description=self.choice_entries[choice.id]["label"], layout=widgets.Layout(width="auto")
            )
            button.on_click(lambda _button, chosen=choice.id: self.choose(chosen))
            self.choice_buttons.append(button)
        return list(self.choice_buttons)

    def _part_button(self, part: dict[str, Any], subject: dict[str, Any]) -> list[widgets.Widget]:
        button = widgets.Button(description=self._text(part, subject), layout=widgets.Layout(width="auto"))
        move = {
            "go-on": self.go_on,
            "stop": self.stop_here,
            "return": self.return_to_pause,
            "next": self.proceed,
        }[part["action"]]
        button.on_click(lambda _button: move())
        if part["action"] == "next":
            self.next_button = button
        elif part["action"] == "stop":
            self.stop_button = button
        else:
            self.go_on_button = button
        return [button]

    def _part_views(self, part: dict[str, Any], choice: dict[str, Any]) -> list[widgets.Widget]:
        views = []
        for side in self.payload["sides"]:
            view = choice["views"][side["id"]]
            lean = self._lean(part["lean"], view["lean"])
            said = [
                html.escape(_fill(part["side"], {"side": side["name"]})),
                _marked(view["text"], _in_english(view, "text")),
            ]
            views.append(" ".join([*said, html.escape(lean)]))
        return [_marked_html(*views, tag="li")]

    def _lean(self, message: str, lean: int) -> str:
        """A lean in a part's words: its signed number and its meaning from the payload ("+1", "for")."""
        at = lean + 2  # the payload lists leans from -2 up
        return _fill(message, {"lean": self.payload["signs"][at], "meaning": self.payload["leans"][at]})

    def _part_codes(self, part: dict[str, Any], choice: dict[str, Any]) -> list[widgets.Widget]:
        return [widgets.VBox([_html(part["title"], tag="h5"), _panel_html(self._codes_panel(choice))])]

    def _part_clauses(self, part: dict[str, Any], ending: dict[str, Any]) -> list[widgets.Widget]:
        labels = [self.payload["clauses"][ref]["label"] for ref in ending["clauses"]]
        return [_html(_fill(part["text"], {"clauses": listed(labels)}))]

    def _part_law(self, part: dict[str, Any], ending: dict[str, Any]) -> list[widgets.Widget]:
        shown = panel_groups(self.payload, ending["law"], ending, None)
        return [_html(part["title"], tag="h5"), _panel_html(shown)]

    def _part_aside(self, part: dict[str, Any], subject: dict[str, Any]) -> list[widgets.Widget]:
        return [_html(part["title"], tag="h5"), _marked_html(*self._marked_text(part, subject))]

    def _part_summary(self, part: dict[str, Any], ending: dict[str, Any]) -> list[widgets.Widget]:
        head = "".join(
            f'<th scope="col">{html.escape(name)}</th>'
            for name in [part["column"], *(side["name"] for side in self.payload["sides"])]
        )
        rows = []
        for label, codes, *views in self.summary_rows():
            cells = "".join(f"<td>{html.escape(view)}</td>" for view in views)
            rows.append(f'<tr><th scope="row">{html.escape(label)} {html.escape(codes)}</th>{cells}</tr>')
        return [
            widgets.HTML(
                f"<table><caption>{html.escape(part['caption'])}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
            )
        ]

    def _part_map(self, part: dict[str, Any], ending: dict[str, Any]) -> list[widgets.Widget]:
        return []  # the widget draws no map of the path (the page's player does)

    def _reflection(self, key: str, prompt: str) -> widgets.Textarea:
        box = widgets.Textarea(
            value=self.reflections.get(key, (prompt, ""))[1],
            placeholder=_("Your reflection"),
            description="",
            layout=widgets.Layout(width="100%"),
        )

        def keep(change: dict[str, Any]) -> None:
            self.reflections[key] = (prompt, change["new"])

        box.observe(keep, names="value")
        self.reflection_box = box
        return box

    @in_own_language
    def clause_lines(self, choice: Choice) -> list[str]:
        """The codes and law panel of a choice as text, in the player's words and order."""
        return panel_lines(self._codes_panel(self.choice_entries[choice.id]))

    def _codes_panel(self, entry: dict[str, Any]) -> list[tuple[str, list[str], str]]:
        """The codes and law panel of a choice's payload entry, group by group (see `panel_groups`).

        Outside projection mode the cited clauses and provisions are listed in order without saying which
        the choice honours, strains or would break: that is a verdict, shown at the ending.
        """
        groups = entry["panel"]["open" if self.projection.value else "held"]
        return panel_groups(self.payload, groups, entry, self.jurisdiction.value)

    @in_own_language
    def summary_rows(self) -> list[list[str]]:
        """The ending's table as text, one row per decision on the path: the decision and choice, what
        the choice honours and strains (empty when it cites no clause), then each side's lean and view,
        in the layout's words."""
        [part] = [part for part in self.screens["ending"] if part["part"] == "summary"]
        clauses = self.payload["clauses"]

        def refs(found: list[str]) -> str:
            return listed([clauses[ref]["label"] for ref in found])

        rows = []
        for step in self.session.steps:
            choice = self.choice_entries[step.choice.id]
            # Which sentence says what the choice does to the codes is the payload's.
            verdict, honoured, strained = choice["verdict"], refs(choice["honours"]), refs(choice["strains"])
            codes = _fill(part[verdict], {"honoured": honoured, "strained": strained}) if verdict else ""
            label = _fill(
                part["row"], {"decision": self.node_entries[step.node.id]["title"], "choice": choice["label"]}
            )
            cells = []
            for side in self.payload["sides"]:
                view = choice["views"][side["id"]]
                cells.append(f"{self._lean(part['lean'], view['lean'])} {view['text']}")
            rows.append([label, codes, *cells])
        return rows

    # --- export ---

    def entry(self) -> dict[str, Any]:
        """The path and reflections as the browser player stores them for this dilemma (without its
        drawing of the path on the map, which the widget does not draw)."""
        clauses = self.payload["clauses"]
        path = [
            {
                "node": step.node.id,
                "title": self.titles[step.node.id],
                "choice": step.choice.id,
                "label": step.choice.label,
                "clauses": [clauses[ref]["label"] for ref in step.choice.honours + step.choice.strains],
            }
            for step in self.session.steps
        ]
        ending = self.session.ending
        return {
            "title": self.payload["title"],
            "updated": date.today().isoformat(),
            "path": path,
            "ending": {
                "id": ending.id,
                "title": ending.title,
                "clauses": [clauses[ref]["label"] for ref in ending.clauses],
            }
            if ending is not None
            else None,
            "reflections": {
                key: {"prompt": prompt, "text": text} for key, (prompt, text) in self.reflections.items()
            },
        }

    @in_own_language
    def markdown(self) -> str:
        """The path and reflections as the My reflections page downloads them: the same layout
        (`reflections.py`), filled in from the entry the browser player would store."""
        store = {"dilemmas": {self.dilemma.id: self.entry()}}
        return reflections.as_markdown(store, current().date(date.today()))

    def show_export(self) -> None:
        """Show the Markdown record so it can be copied into a portfolio."""
        self.export_area.value = self.markdown()
        self.export_area.layout.display = "block"


OWN_SITUATION = "own-situation"


class WorksheetWidget(_StaticPreview, widgets.VBox):  # type: ignore[misc]
    """The ethical-reasoning worksheet as a form: `WorksheetWidget(catalog, case_id=None)`.

    The same steps as the book's worksheet; `markdown()` gives the same layout as its export. Like the
    dilemma widget it speaks `language`, or else the language in force where it is built, and keeps it.
    """

    def __init__(self, catalog: Catalog, case_id: str | None = None, language: str | None = None) -> None:
        self.words = _words(language)
        with speaking(self.words.language):
            self._build(catalog, case_id)

    def _build(self, catalog: Catalog, case_id: str | None) -> None:
        options = [(_("A situation of my own"), OWN_SITUATION)] + [
            (loaded.model.title, key) for key, loaded in sorted(catalog.cases.items())
        ]
        self.titles = dict((value, label) for label, value in options)
        self.case = widgets.Dropdown(
            options=options, value=case_id or OWN_SITUATION, description=_("Working on:")
        )
        self.fields: dict[str, widgets.Textarea] = {}
        self.sheets: dict[str, dict[str, str]] = {}
        """Answers kept per case while the notebook runs, so switching case does not lose them."""
        parts: list[widgets.Widget] = [self.case]
        for number, step in enumerate(worksheet.steps(), 1):
            parts.append(_html(worksheet.step_heading(number, step), tag="h3"))
            parts.append(_html(step.guidance))
            for field_id, label in step.fields:
                area = widgets.Textarea(
                    description=label if len(step.fields) > 1 else "",
                    layout=widgets.Layout(width="100%", height="5em"),
                )
                self.fields[field_id] = area
                parts.append(area)
        self.export_button = widgets.Button(description=_("Worksheet as Markdown"))
        self.export_area = widgets.Textarea(
            layout=widgets.Layout(width="100%", height="12em", display="none")
        )
        self.export_button.on_click(lambda _button: self.show_export())
        self.case.observe(self._switch, names="value")
        self._showing = self.case.value
        super().__init__([*parts, self.export_button, self.export_area])

    @classmethod
    def from_kit(
        cls, case_id: str | None = None, start: Path | None = None, language: str | None = None
    ) -> WorksheetWidget:
        with speaking(_words(language).language):
            catalog = kit_catalog(start)
        return cls(catalog, case_id, language=language)

    def _preview(self) -> str:
        steps = "".join(f"<li>{html.escape(step.title)}</li>" for step in worksheet.steps())
        heading = html.escape(_("Worksheet: {title}", title=self.titles[self.case.value]))
        return (
            f'<div class="ek-widget-preview"><p><strong>{heading}</strong></p><ol>{steps}</ol>'
            f"<p><em>{html.escape(static_preview_note('worksheet'))}</em></p></div>"
        )

    @property
    def answers(self) -> dict[str, str]:
        return {field_id: area.value for field_id, area in self.fields.items()}

    def _switch(self, change: dict[str, Any]) -> None:
        self.sheets[self._showing] = self.answers
        self._showing = change["new"]
        kept = self.sheets.get(self._showing, {})
        for field_id, area in self.fields.items():
            area.value = kept.get(field_id, "")

    @in_own_language
    def markdown(self) -> str:
        return worksheet.as_markdown(self.titles[self.case.value], self.answers, current().date(date.today()))

    def show_export(self) -> None:
        self.export_area.value = self.markdown()
        self.export_area.layout.display = None


class SelfCheckWidget(_StaticPreview, widgets.VBox):  # type: ignore[misc]
    """A case's self-check in a notebook: `SelfCheckWidget(catalog.cases["id"].model.self_check, catalog)`.

    The same questions and feedback as the book: a choice (or, for a short answer, some text) and a Check
    button per question; the feedback for what was chosen says why it is right or wrong and what it rests
    on. Nothing is kept once the kernel stops. Like the dilemma widget it speaks `language`, or else the
    language in force where it is built, and keeps it for the Check buttons.
    """

    def __init__(
        self,
        self_check: SelfCheck,
        catalog: Catalog,
        title: str | None = None,
        language: str | None = None,
    ) -> None:
        self.words = _words(language)
        with speaking(self.words.language):
            self._build(self_check, catalog, title or _("Check your understanding"))

    def _build(self, self_check: SelfCheck, catalog: Catalog, title: str) -> None:
        self.self_check = self_check
        self.catalog = catalog
        self.title = title
        self.answers: dict[str, widgets.Widget] = {}
        """The input of each question, by question id: a RadioButtons, SelectMultiple or Textarea."""
        self.check_buttons: dict[str, widgets.Button] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        parts: list[widgets.Widget] = [_html(title, tag="h3")]
        for number, question in enumerate(self_check.questions, 1):
            parts += self._question(number, question)
        super().__init__(parts)

    @classmethod
    def from_kit(
        cls, case_id: str, start: Path | None = None, language: str | None = None
    ) -> SelfCheckWidget:
        """Load the kit found in `start` or a folder above it, and show one case's self-check."""
        with speaking(_words(language).language):
            catalog = kit_catalog(start)
            case = catalog.cases[case_id].model
            if case.self_check is None:
                raise ValueError(_("the case '{id}' has no self-check yet", id=case_id))
            title = _("Check your understanding: {title}", title=case.title)
        return cls(case.self_check, catalog, title, language=language)

    def _preview(self) -> str:
        items = "".join(f"<li>{html.escape(q.prompt)}</li>" for q in self.self_check.questions)
        return (
            f'<div class="ek-widget-preview"><p><strong>{html.escape(self.title)}</strong></p>'
            f"<ol>{items}</ol><p><em>{html.escape(static_preview_note('self-check'))}</em></p></div>"
        )

    def _question(self, number: int, question: Question) -> list[widgets.Widget]:
        if question.kind is QuestionKind.TRUE_FALSE:
            prompt = _("{number}. {prompt} True or false?", number=number, prompt=question.prompt)
        elif question.multiple:
            prompt = _(
                "{number}. {prompt} (Choose every answer that applies; hold Ctrl or Cmd to pick more than "
                "one.)",
                number=number,
                prompt=question.prompt,
            )
        else:
            prompt = _("{number}. {prompt}", number=number, prompt=question.prompt)
        answer: widgets.Widget
        layout = widgets.Layout(width="100%")
        if question.kind is QuestionKind.SHORT_ANSWER:
            answer = widgets.Textarea(
                placeholder=_("Your answer"), layout=widgets.Layout(width="100%", height="5em")
            )
            button = widgets.Button(
                description=_("Compare with a model answer"), layout=widgets.Layout(width="auto")
            )
        elif question.multiple:
            labels = [option.text for option in question.options]
            answer = widgets.SelectMultiple(options=labels, rows=len(labels), layout=layout)
            button = widgets.Button(description=_("Check"))
        else:
            answer = widgets.RadioButtons(
                options=[o.text for o in question.options], value=None, layout=layout
            )
            button = widgets.Button(description=_("Check"))
        out = widgets.HTML()
        button.on_click(lambda _button: self.check(question.id))
        self.answers[question.id] = answer
        self.check_buttons[question.id] = button
        self.feedback[question.id] = out
        return [_html(prompt, tag="p"), answer, button, out]

    def _grounds(self, cites: list[str], laws: list[str]) -> str:
        """The page's line of what an answer rests on, as it reads on paper."""
        line = grounds(cites, laws)
        resolve_for_paper(line, self.catalog)
        return str(line.astext())

    @in_own_language
    def feedback_lines(self, question_id: str) -> list[str]:
        """What the Check button shows for the current answer, as text lines."""
        question = next(q for q in self.self_check.questions if q.id == question_id)
        answer = self.answers[question_id]
        if question.kind is QuestionKind.SHORT_ANSWER:
            assert question.model_answer is not None  # the checker requires it
            return [
                _("A good answer:"),
                *_paragraphs(question.model_answer),
                _("Points to look for in yours:"),
                *(f"- {point}" for point in question.look_for),
                self._grounds(question.cites, question.law),
            ]
        value = answer.value
        chosen = [] if value is None else [value] if isinstance(value, str) else list(value)
        if not chosen:
            return [_("Choose an answer first.")]
        picked = [option for option in question.options if option.text in chosen]
        right = [option for option in question.options if option.correct]
        wrong_picked = [option for option in picked if not option.correct]
        summary = (
            _("Right.")
            if not wrong_picked and len(picked) == len(right)
            else _("Not quite: read why, then try again.")
            if wrong_picked
            else _("Partly: there is more than one right answer.")
        )
        lines = [summary]
        for option in picked:
            verdict = (
                _("Right: {option}", option=option.text)
                if option.correct
                else _("Not right: {option}", option=option.text)
            )
            lines += [verdict, *_paragraphs(option.feedback)]
            lines.append(self._grounds(option.cites, option.law))
        return lines

    def check(self, question_id: str) -> None:
        """Show the feedback for the current answer to one question."""
        self.feedback[question_id].value = "".join(
            f"<p>{html.escape(line)}</p>" for line in self.feedback_lines(question_id)
        )
