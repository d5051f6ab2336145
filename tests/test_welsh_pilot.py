"""The Welsh pilot: the landing page, "how the dilemmas work", the support page, the Welsh case with its
dilemma, and the Social Care Wales code page, translated and awaiting review.

The catalogue and content checks read the files; one Welsh build of the real book shows that the pages
come out in Welsh, with their review notes, and that the build leaves no compiled catalogue in the
source tree.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import extract_messages, is_translatable

from conftest import REPO, WALKTHROUGHS, assert_walkthroughs_replay, doctrees_of, load_walkthroughs
from ethicskit.catalog import load_catalog
from ethicskit.export import dilemma_payload
from ethicskit.sphinx.directives import _content_only, setup_directives
from ethicskit.sphinx.translations import COMPILED_FOLDER, compile_chapter_catalogues
from ethicskit.translations import ItemState, chapter_translation
from ethicskit.widgets import DilemmaWidget
from ethicskit.words import _, language

WELSH = "cy"
MESSAGES = REPO / "translations" / WELSH / "LC_MESSAGES"
PILOT_CHAPTERS = ["book/intro", "book/dilemmas/index", "book/support", "book/codes/scw-2026"]
PILOT_CONTENT = [
    "cases/within-the-hour.yml",
    "exercises/dilemmas/within-the-hour.yml",
    "codes_of_practice/scw-2026.yml",
]

_ROLE = re.compile(r"\{(doc|ref|clause|law)\}`([^`<]*<)?([^`>]+)>?`")


def _entries(docname: str) -> list[tuple[str, str, bool]]:
    with (MESSAGES / f"{docname}.po").open("rb") as stream:
        catalogue = read_po(stream)
    return [(message.id, message.string, message.fuzzy) for message in catalogue if message.id]


@pytest.mark.parametrize("docname", PILOT_CHAPTERS)
def test_each_pilot_chapter_is_translated_in_full(docname: str) -> None:
    """Every entry of the chapter's catalogue has a translation, none fuzzy, and none left in English."""
    entries = _entries(docname)
    assert entries
    assert [msgid for msgid, msgstr, _fuzzy in entries if not msgstr] == []
    assert [msgid for msgid, _msgstr, fuzzy in entries if fuzzy] == []
    # Only names may stay as they are (the kit's own name).
    assert [msgid for msgid, msgstr, _f in entries if msgid == msgstr and msgid != "First Loyalty"] == []
    state = chapter_translation(REPO, WELSH, docname)
    assert state is not None
    assert state.state is ItemState.TRANSLATED


@pytest.mark.parametrize("docname", PILOT_CHAPTERS)
def test_the_pilot_chapters_keep_every_link_and_its_markup(docname: str) -> None:
    """A translation keeps each cross-reference's target and the emphasis of its English."""
    for msgid, msgstr, _fuzzy in _entries(docname):
        targets = sorted(match[2] for match in _ROLE.findall(msgid))
        assert sorted(match[2] for match in _ROLE.findall(msgstr)) == targets, msgid
        assert msgstr.count("**") == msgid.count("**"), msgid


def test_the_chapter_catalogues_hold_only_the_chapters_own_text() -> None:
    """What the kit's directives write (dilemma titles from the YAML, the support lines from the word
    catalogue) is translated in its own files, so it is never a message of a chapter's catalogue."""
    catalog, _problems = load_catalog(REPO)
    titles = {loaded.model.title for loaded in catalog.dilemmas.values()}
    messages = {msgid for docname in PILOT_CHAPTERS for msgid, _s, _f in _entries(docname)}
    assert "The dilemmas" in messages  # the chapter's own heading above the directive
    assert messages & titles == set()
    assert not any("999" in message for message in messages)


def test_what_the_kits_directives_write_is_never_a_chapter_message() -> None:
    """Every directive of the kit is registered so that the text it writes is not translatable through
    the chapter's catalogue, while the chapter's own paragraphs stay translatable."""
    registered: dict[str, type[SphinxDirective]] = {}
    app = SimpleNamespace(add_directive=lambda name, cls: registered.setdefault(name, cls))
    setup_directives(app)  # type: ignore[arg-type]
    assert {"case", "dilemma", "dilemmas-index", "support-lines", "code-of-practice"} <= set(registered)

    class Writes(SphinxDirective):
        def run(self) -> list[nodes.Node]:
            return [
                nodes.bullet_list("", nodes.list_item("", nodes.paragraph("Owen's figure", "Owen's figure")))
            ]

    # Each is registered through the one wrapper that marks what it writes.
    assert {cls.run.__qualname__ for cls in registered.values()} == {"_content_only.<locals>.ContentOnly.run"}
    directive = _content_only(Writes).__new__(_content_only(Writes))
    written = directive.run()
    texts = [node for top in written for node in top.findall(nodes.TextElement)]
    assert texts
    for node in texts:
        node.source = "book/dilemmas/index.md"
        assert not is_translatable(node)
    chapter = nodes.paragraph("Each dilemma puts you", "Each dilemma puts you")
    chapter.source = "book/dilemmas/index.md"
    assert is_translatable(chapter)


def test_the_pilot_content_is_translated_in_full_with_the_same_structure() -> None:
    """Built in Welsh, the case, its dilemma and the code come from their translations, whole, with no
    problem reported; the dilemma keeps its graph and its citations."""
    english, _problems = load_catalog(REPO)
    with language(WELSH):
        welsh, problems = load_catalog(REPO)
    assert problems == []
    assert [
        str(warning) for warning in welsh.translations.warnings if "translations/cy/" in warning.file
    ] == []
    for source in PILOT_CONTENT:
        assert welsh.translations.item(WELSH, source).state is ItemState.TRANSLATED, source
    dilemma, source = welsh.dilemmas["within-the-hour"].model, english.dilemmas["within-the-hour"].model
    assert dilemma.title == "Cyn i'r awr ddod i ben"
    assert dilemma.model_dump(include={"start", "nodes"}, exclude_none=True).keys() == {"start", "nodes"}
    graph = [
        (node.id, [(c.id, c.leads_to, c.honours, c.strains) for c in node.choices]) for node in dilemma.nodes
    ]
    assert graph == [
        (node.id, [(c.id, c.leads_to, c.honours, c.strains) for c in node.choices]) for node in source.nodes
    ]
    case = welsh.cases["within-the-hour"].model
    assert case.title == "O fewn yr awr"
    assert case.content_note is not None and case.content_note.topics == source_case_topics()
    assert (
        welsh.codes["scw-2026"].model.title
        == "Cod Ymarfer Proffesiynol ar gyfer Gweithwyr Gofal Cymdeithasol"
    )


def test_the_recorded_walkthroughs_play_through_the_welsh_dilemma() -> None:
    """Each recorded path of the pilot dilemma reaches the same ending, with the same leans, in Welsh."""
    with language(WELSH):
        welsh, _problems = load_catalog(REPO)
    dilemma = welsh.dilemmas["within-the-hour"].model
    (path,) = [path for path in WALKTHROUGHS if path.stem == "within-the-hour"]
    walks = load_walkthroughs(path)
    assert_walkthroughs_replay(dilemma, walks)


def test_the_welsh_dilemma_names_the_code_and_law_words_it_quotes_in_english() -> None:
    """On the Welsh pilot dilemma the player quotes clauses and provisions, most from digests not yet
    translated: the payload names each such string as English, so the player marks it and says so, and
    names none in the English build. A translated digest's words are not named."""
    for code in ("en", WELSH):
        with language(code):
            catalog, _problems = load_catalog(REPO)
            payload = dilemma_payload(catalog.dilemmas["within-the-hour"].model, catalog)
        quoted = {**payload["clauses"], **payload["provisions"]}
        named = {ref for ref, entry in quoted.items() if entry.get("english")}
        if code == "en":
            assert named == set()
            continue
        translated_sources = {
            str(path.relative_to(REPO / "translations" / WELSH / "content"))
            for path in (REPO / "translations" / WELSH / "content").rglob("*.yml")
        }
        untranslated = {ref for ref in quoted if _digest_file(catalog, ref) not in translated_sources}
        assert untranslated and named == untranslated
        assert all(
            payload["clauses"][ref]["english"] == ["text"] for ref in named if ref in payload["clauses"]
        )
        assert all(
            payload["provisions"][ref]["english"] == ["text", "line"]
            for ref in named & set(payload["provisions"])
        )


def test_the_welsh_widget_notes_the_code_words_it_quotes_in_english() -> None:
    """The Jupyter widget lists a choice's clauses in the player's words, and notes in Welsh each one
    quoted from a digest not yet translated; in English it notes none."""
    for code in ("en", WELSH):
        with language(code):
            catalog, _problems = load_catalog(REPO)
            dilemma = catalog.dilemmas["within-the-hour"].model
            widget = DilemmaWidget(dilemma, catalog, language=code)
            first = next(node for node in dilemma.nodes if node.id == dilemma.start)
            lines = [line for choice in first.choices for line in widget.clause_lines(choice)]
            note = _("(in English)")
        noted = [line for line in lines if line.endswith(" " + note)]
        if code == "en":
            assert noted == []
        else:
            assert note == "(yn Saesneg)" and noted


def _digest_file(catalog: Any, ref: str) -> str:
    """The file of the code or statute digest a clause or provision reference names."""
    item = ref.partition(":")[0]
    loaded = catalog.codes.get(item) or catalog.laws[item]
    return str(loaded.path)


def source_case_topics() -> list[str]:
    with (REPO / "cases" / "within-the-hour.yml").open(encoding="utf-8") as stream:
        return list(yaml.safe_load(stream)["content_note"]["topics"])


def test_every_welsh_translation_awaits_review() -> None:
    """Every translated chapter and content file is listed in the review record, as awaiting review
    until a review by a Welsh-speaking social work educator is recorded there."""
    with (REPO / "translations" / WELSH / "review.yml").open(encoding="utf-8") as stream:
        record = yaml.safe_load(stream)
    listed = {item["source"]: item["review"] for item in record["items"]}
    chapters = {f"{po.relative_to(MESSAGES).with_suffix('').as_posix()}.md" for po in MESSAGES.rglob("*.po")}
    content_root = REPO / "translations" / WELSH / "content"
    content = {file.relative_to(content_root).as_posix() for file in content_root.rglob("*.yml")}
    assert set(listed) == chapters | content
    assert chapters >= {f"{docname}.md" for docname in PILOT_CHAPTERS}
    assert content >= set(PILOT_CONTENT)
    assert set(listed.values()) == {"awaiting"}


def test_a_build_compiles_its_catalogues_outside_the_source_tree(tmp_path: Path) -> None:
    """The chapter catalogues are compiled into the build's doctree folder and read from there; Sphinx's
    own compiling, which writes beside the .po files, is turned off."""
    source = tmp_path / "book"
    catalogue = source / "translations" / WELSH / "LC_MESSAGES" / "book" / "intro.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr "Helo"\n', encoding="utf-8")
    doctrees = tmp_path / "build" / ".doctrees"
    config = SimpleNamespace(
        language=WELSH, locale_dirs=["translations"], gettext_allow_fuzzy_translations=False,
        gettext_auto_build=True,
    )  # fmt: skip
    app = SimpleNamespace(srcdir=str(source), doctreedir=str(doctrees))
    compile_chapter_catalogues(app, config)  # type: ignore[arg-type]
    compiled = doctrees / COMPILED_FOLDER / WELSH / "LC_MESSAGES" / "book" / "intro.mo"
    assert compiled.is_file()
    assert config.locale_dirs == [str(doctrees / COMPILED_FOLDER)]
    assert config.gettext_auto_build is False
    assert sorted(path.name for path in source.rglob("*") if path.is_file()) == ["intro.po"]
    # An English build (no catalogue in its language) is left as configured.
    english = SimpleNamespace(**{**vars(config), "language": "en", "locale_dirs": ["translations"]})
    compile_chapter_catalogues(app, english)  # type: ignore[arg-type]
    assert english.locale_dirs == ["translations"]


# --- one Welsh build of the real book -------------------------------------------------------------


@pytest.fixture
def welsh_site(built_welsh_book: Path) -> Path:
    """The real book built in Welsh: the session's one Welsh build."""
    return built_welsh_book


def _page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def _text(soup: BeautifulSoup) -> str:
    main = soup.select_one("main") or soup
    return " ".join(main.get_text(" ").split())


PAGES = {
    "book/intro.html": (
        ["Beth sydd ynddo", "Ble i ddechrau", "Mae gweithwyr cymdeithasol yn atebol i ddau feistr."],
        ["What is in it", "Social workers answer to two masters."],
    ),
    "book/dilemmas/index.html": (
        [
            "Sut mae'r cyfyng-gyngor yn gweithio",
            "Does dim sgôr a dim marc llwyddo.",
            "Cyn i'r awr ddod i ben",
        ],
        ["How the dilemmas work", "Nothing is scored and there is no pass mark.", "Inside the hour"],
    ),
    "book/support.html": (
        ["Gofalu amdanoch eich hun", "Os oes angen i chi siarad â rhywun nawr", "999"],
        ["Looking after yourself", "If you need to talk to someone now"],
    ),
    "book/cases/within-the-hour.html": (
        ["O fewn yr awr", "Mae Ffion wedi gweithio yn yr hyb ers dwy flynedd.", "camesgoriad"],
        [
            "Ffion has worked in the hub for two years.",
            "She could ring the constable and ask what the concern is",
        ],
    ),
    "book/dilemmas/within-the-hour.html": (
        ["Cyn i'r awr ddod i ben", "Beth sydd angen i chi ei wybod cyn y gallwch farnu"],
        ["What do you need to know before you can judge", "Covered by the agreement"],
    ),
    "book/codes/scw-2026.html": (
        ["Cymru: Cod Ymarfer Proffesiynol ar gyfer Gweithwyr Gofal Cymdeithasol", "Gofal Cymdeithasol Cymru"],
        ["Wales: Code of Professional Practice", "The regulator calls it the Workers' Code."],
    ),
}


@pytest.mark.build
@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_pilot_pages_are_in_welsh_and_await_review(welsh_site: Path, name: str) -> None:
    """Each pilot page reads in Welsh (its headings and paragraphs, not the English of its source),
    is marked as Welsh, and says that its translation awaits review."""
    soup = _page(welsh_site, name)
    text = _text(soup).replace("\u2019", "'")
    present, absent = PAGES[name]
    assert [phrase for phrase in present if phrase not in text] == []
    assert [phrase for phrase in absent if phrase in text] == []
    html = soup.find("html")
    assert html is not None and html.get("lang") == WELSH
    assert soup.select(".ek-translation-review"), "no 'awaiting review' note"
    assert not soup.select(".ek-translation-missing, .ek-translation-partly, .ek-translation-outdated")


@pytest.mark.build
def test_the_welsh_case_keeps_its_content_note(welsh_site: Path) -> None:
    """The case's content note is shown, in Welsh, with the signposting every note points to."""
    soup = _page(welsh_site, "book/cases/within-the-hour.html")
    text = _text(soup).replace("\u2019", "'")
    assert "Nodyn cynnwys" in text
    assert "Mae'r achos hwn yn cyfeirio at brofiad mam ifanc o gam-drin domestig" in text
    assert soup.select_one('a[href$="support.html"]') is not None


@pytest.mark.build
@pytest.mark.parametrize("docname", PILOT_CHAPTERS)
def test_no_message_of_a_pilot_chapter_was_left_in_english(welsh_site: Path, docname: str) -> None:
    """Every paragraph, heading and list item of the chapter's own text was translated in the build, so
    a chapter edited in English since its catalogue was brought up to date (`make translations`) fails
    here instead of showing English among the Welsh. (The parts' captions are checked below.)"""
    doctree = pickle.loads((doctrees_of(welsh_site) / f"{docname}.doctree").read_bytes())
    left = [
        message
        for node, message in extract_messages(doctree)
        if not node.get("translated") and not isinstance(node, addnodes.toctree)
    ]
    assert left == []


@pytest.mark.build
@pytest.mark.parametrize("name", ["book/intro.html", "book/privacy.html"])
def test_the_parts_of_the_book_are_named_in_welsh_on_every_page(welsh_site: Path, name: str) -> None:
    """The navigation's part captions (from `_toc.yml`) come from the root chapter's catalogue."""
    soup = _page(welsh_site, name)
    captions = [" ".join(node.get_text(" ").split()) for node in soup.select("p.caption")]
    assert "Dechrau yma" in captions and "Codau ymarfer" in captions
    assert "Start here" not in captions


@pytest.mark.build
def test_an_untranslated_chapter_stays_english_and_says_so(welsh_site: Path) -> None:
    """A chapter with no catalogue is shown in English with a note, never silently mixed."""
    soup = _page(welsh_site, "book/privacy.html")
    assert soup.select(".ek-translation-missing")


@pytest.mark.build
def test_the_welsh_build_leaves_no_compiled_catalogue_in_the_source_tree(welsh_site: Path) -> None:
    assert welsh_site.is_dir()
    assert sorted((REPO / "translations").rglob("*.mo")) == []


@pytest.mark.build
def test_the_welsh_dilemma_index_notes_each_title_still_in_english(welsh_site: Path) -> None:
    """The pilot dilemma is listed by its Welsh title; every other dilemma, not yet translated, by its
    English title marked `lang="en"` with "(yn Saesneg)" beside it."""
    article = _page(welsh_site, "book/dilemmas/index.html").select_one("article")
    assert article is not None
    entries = article.select("p.ek-dilemma-entry")
    assert len(entries) > 1
    for entry in entries:
        link = entry.select_one("a")
        assert link is not None
        marked = link.find_parent("span", attrs={"lang": "en"})
        if link.get_text(strip=True).replace("\u2019", "'") == "Cyn i'r awr ddod i ben":
            assert marked is None and not entry.select(".ek-in-english")
            continue
        assert marked is not None, link.get_text(strip=True)
        note = marked.find_next_sibling()
        assert note is not None and note.get_text() == "(yn Saesneg)" and note.get("lang") is None


@pytest.mark.build
def test_an_untranslated_chapter_marks_its_own_text_english(welsh_site: Path) -> None:
    """A chapter with no catalogue: its heading and paragraphs are English, marked so; its note is Welsh."""
    article = _page(welsh_site, "book/privacy.html").select_one("article")
    assert article is not None
    heading = article.select_one("h1")
    assert heading is not None and heading.get("lang") == "en"
    paragraphs = [p for p in article.select("section > p") if p.get_text(strip=True)]
    assert paragraphs and all(p.get("lang") == "en" for p in paragraphs)
    note = article.select_one(".ek-translation-missing")
    assert note is not None and note.get("lang") is None and not note.select('[lang="en"]')


def _by_language(html: str) -> tuple[set[str], set[str]]:
    """The texts of a document marked English (`lang="en"` on them or an element around them), and the
    texts in the document's own language; each with its spaces made single."""
    soup = BeautifulSoup(html, "html.parser")
    for code in soup.select("script, style, title"):
        code.decompose()
    english: set[str] = set()
    own: set[str] = set()
    for text in soup.find_all(string=True):
        plain = " ".join(text.split())
        if plain:
            marked = text.find_parent(attrs={"lang": True})
            (english if marked is not None and marked["lang"] == "en" else own).add(plain)
    return english, own


def test_the_welsh_handouts_and_single_files_mark_what_they_show_in_english() -> None:
    """A Welsh handout, seminar pack or single-file dilemma marks every string of its case, dilemma or
    seminar still in English, and each clause or provision it quotes from a digest not yet translated,
    as the Welsh pages do (WCAG 3.1.2); what is in Welsh it leaves unmarked."""
    from ethicskit.documents import case_sheet, dilemma_sheet, seminar_pack, standalone_dilemma
    from ethicskit.layout.blocks import clause_in_english

    with language(WELSH):
        catalog, _problems = load_catalog(REPO)
        english_dilemma = catalog.dilemmas["checked-at-every-turn"].model
        welsh_dilemma = catalog.dilemmas["within-the-hour"].model
        documents = {
            "single file": standalone_dilemma(english_dilemma, catalog),
            "dilemma sheet": dilemma_sheet(english_dilemma, catalog, lecturer=True),
            "case sheet": case_sheet(catalog.cases["checked-at-every-turn"].model, catalog, lecturer=True),
            "seminar pack": seminar_pack(catalog.seminars["speaking-up"].model, catalog, lecturer=True),
            "Welsh single file": standalone_dilemma(welsh_dilemma, catalog),
        }
    swe = catalog.cited("swe-2019:6.2")
    assert swe is not None
    for name, html in list(documents.items())[:4]:
        english, own = _by_language(html)
        situations = {
            " ".join(paragraph.split())
            for node in english_dilemma.nodes
            for paragraph in node.situation.split("\n\n")
        }
        if name == "case sheet":
            case = catalog.cases["checked-at-every-turn"].model
            # The summary stands alone; a clause's reason follows words in Welsh ("Why it bears ...: ").
            situations = {" ".join(case.summary.split()), case.clauses[0].rationale}
        assert situations <= english and not situations & own, name
        assert swe.text in english and swe.text not in own, name
    english, own = _by_language(documents["Welsh single file"])
    first = next(node for node in welsh_dilemma.nodes if node.id == welsh_dilemma.start)
    for translated in (welsh_dilemma.title, first.prompt, first.choices[0].label):
        assert translated in own and translated not in english
    quoted = [catalog.cited(ref) for choice in first.choices for ref in choice.honours]
    assert quoted and all(
        found is not None and (found.text in english) == clause_in_english(catalog, found) for found in quoted
    )
    assert any("Data Protection Act 2018" in text for text in own)  # an Act's name, not marked


def test_english_is_marked_whole_or_within_a_sentence_and_never_inside_raw_html() -> None:
    """What the Welsh pages and documents mark English: an element that is all one English string; the
    string alone where words in Welsh lead into it; nothing in raw HTML (a player's data stays JSON)
    and no short string within other words."""
    from ethicskit.layout.blocks import mark_english_text

    reason = "The audit counts forms, not what changed for the person."
    section = nodes.section()
    section += nodes.paragraph(reason, reason)
    section += nodes.paragraph("", f"Pam mae'n berthnasol: {reason}")
    section += nodes.raw("", f'<script type="application/json">{{"why": "{reason}"}}</script>', format="html")
    section += nodes.paragraph("", "Gwir neu Gau: True")
    mark_english_text(section, [reason, "True"])
    whole, within, raw, short = section.children
    assert whole["classes"] == ["language-en"]
    assert [
        (type(child).__name__, child.get("classes") if isinstance(child, nodes.Element) else None)
        for child in within.children
    ] == [
        ("Text", None),
        ("inline", ["language-en"]),
    ]
    assert within.children[1].astext() == reason
    assert [type(child) for child in raw.children] == [nodes.Text]
    assert short.astext() == "Gwir neu Gau: True"
    assert not list(short.findall(nodes.inline))


def _widget_html(widget: Any) -> str:
    """Every piece of HTML a Jupyter widget shows, in order."""
    import ipywidgets

    if isinstance(widget, ipywidgets.HTML):
        return str(widget.value)
    return "".join(_widget_html(child) for child in getattr(widget, "children", ()))


def test_the_welsh_widget_marks_the_dilemma_words_it_shows_in_english() -> None:
    """In Welsh, the Jupyter widget marks a dilemma's words not yet translated `lang="en"`, as the player
    does, and leaves the Welsh pilot's words unmarked."""
    import html

    with language(WELSH):
        catalog, _problems = load_catalog(REPO)
        shown = {}
        for dilemma_id in ("checked-at-every-turn", "within-the-hour"):
            dilemma = catalog.dilemmas[dilemma_id].model
            start = next(node for node in dilemma.nodes if node.id == dilemma.start)
            widget = DilemmaWidget(dilemma, catalog, language=WELSH)
            shown[dilemma_id] = (start, _widget_html(widget))
    start, english = shown["checked-at-every-turn"]
    first = html.escape(start.situation.split("\n\n")[0].strip())
    assert f'<span lang="en">{first}</span>' in english
    title = html.escape(catalog.dilemmas["checked-at-every-turn"].model.title)
    assert english.startswith(f'<h3><span lang="en">{title}</span></h3>')
    start, welsh = shown["within-the-hour"]
    first = html.escape(start.situation.split("\n\n")[0].strip())
    assert first in welsh and f'<span lang="en">{first}' not in welsh
    assert 'lang="en"' not in welsh.split(first)[0]  # the Welsh title and opening are not marked
