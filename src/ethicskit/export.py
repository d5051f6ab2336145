"""Dilemmas as versioned JSON for the browser player; the same export the tests play through."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import reflections, worksheet
from .catalog import Catalog
from .engine import conditions, decision_numbers, decision_title, ending_title, numbered_nodes, offers
from .layout import screens
from .layout.blocks import clause_in_english, provision_in_english
from .models import (
    CodeStatus,
    Dilemma,
    IssuerType,
    Jurisdiction,
    LawCitation,
    Lean,
    Theme,
    law_label,
    perspective_names,
)
from .signposting import signpost
from .words import _, script_words

SCHEMA_VERSION = 1

PLAYER_JURISDICTION_CODES: dict[Jurisdiction, set[Jurisdiction]] = {
    Jurisdiction.ENGLAND: {Jurisdiction.ENGLAND, Jurisdiction.UK},
    Jurisdiction.SCOTLAND: {Jurisdiction.SCOTLAND, Jurisdiction.UK},
    Jurisdiction.WALES: {Jurisdiction.WALES, Jurisdiction.UK},
    Jurisdiction.NORTHERN_IRELAND: {Jurisdiction.NORTHERN_IRELAND, Jurisdiction.UK},
    Jurisdiction.INTERNATIONAL: {Jurisdiction.INTERNATIONAL},
}
"""The player's jurisdiction switch: each option and the codes it shows (UK-wide codes in every nation)."""


def player_jurisdictions() -> dict[str, tuple[str, set[Jurisdiction]]]:
    """The switch's options by id, each with its name in the language being written and its codes."""
    return {place.value: (place.label, codes) for place, codes in PLAYER_JURISDICTION_CODES.items()}


def dilemma_refs(dilemma: Dilemma) -> set[str]:
    """Every clause a dilemma cites."""
    refs = {ref for ending in dilemma.endings for ref in ending.clauses}
    for node in dilemma.nodes:
        for choice in node.choices:
            refs.update(choice.honours, choice.strains)
    return refs


def _clause_entry(catalog: Catalog, ref: str) -> dict[str, Any]:
    found = catalog.cited(ref)
    assert found is not None, ref  # the checker guarantees every reference resolves
    code = found.code
    return _with_english(
        {
            "code": code.short_title,
            "id": found.clause.id if found.clause else "",
            "label": found.label,
            "text": found.text,
            "themes": [theme.value for theme in found.themes],
            "jurisdiction": code.jurisdiction.value,
            "current": code.status is CodeStatus.CURRENT,
            # A regulator's standards bind every social worker in its nation; the player lists them first.
            "binding": code.issuer_type is IssuerType.REGULATOR,
        },
        ["text"] if clause_in_english(catalog, found) else [],
    )


CHOOSING_ONLY = ("themes", "jurisdiction", "current", "binding")
"""The fields of a clause's entry that `related_clauses` chooses by, which no output shows."""

RELATED_SHOWN = 6
"""How many clauses related by theme the codes panel lists for a choice."""


def related_clauses(
    clauses: dict[str, dict[str, Any]], cited: list[str], themes: list[str], codes: set[Jurisdiction]
) -> list[str]:
    """The clauses the codes panel lists as related by theme to a choice, in one nation: current clauses
    of that nation's codes that share a theme with the choice and that it does not cite, the standards
    binding every social worker there (a regulator's) first, at most `RELATED_SHOWN`."""
    places, shared = {code.value for code in codes}, set(themes)
    found = [
        ref
        for ref, clause in clauses.items()
        if ref not in cited
        and clause["current"]
        and clause["jurisdiction"] in places
        and not shared.isdisjoint(clause["themes"])
    ]
    return sorted(found, key=lambda ref: not clauses[ref]["binding"])[:RELATED_SHOWN]


def _provision_entry(catalog: Catalog, ref: str) -> dict[str, Any]:
    found = catalog.resolve_law(ref)
    assert found is not None, ref  # the checker guarantees every reference resolves
    instrument, provision = found
    verified = provision.verified is not None
    english = provision_in_english(catalog, instrument, provision)
    return _with_english(
        {
            "label": law_label(instrument, provision),
            "heading": provision.heading,
            "text": provision.paraphrase,
            "verified": verified,
            # The provision as the player and the widget list it, after its label.
            "line": _("{heading}. {text}", heading=provision.heading_unstopped, text=provision.paraphrase)
            if verified
            else _(
                "{heading}. {text} (Not yet checked against the official text.)",
                heading=provision.heading_unstopped,
                text=provision.paraphrase,
            ),
        },
        ["text", "line"] if english else [],
    )


LAW_RELATIONS = ("honours", "strains", "unlawful")
"""The order in which a panel lists the law a choice or ending honours, strains or would break
(`law_groups`)."""


def law_words() -> dict[str, Any]:
    """The lead-ins to the provisions a choice or an ending cites, as the player and the widget show
    them: grouped by what it does in law (`choice`, `ending`), or, while that verdict is held back for
    the ending, listed under one line (`held_back`)."""
    return {
        "choice": {
            "honours": _("This choice honours in law:"),
            "strains": _("This choice strains in law:"),
            "unlawful": _("This choice would be unlawful under:"),
        },
        "ending": {
            "honours": _("This ending honours in law:"),
            "strains": _("This ending strains in law:"),
            "unlawful": _("This ending would be unlawful under:"),
        },
        "held_back": _("Law that bears on this choice (what it means for the choice is shown at the end):"),
    }


def codes_words() -> dict[str, str]:
    """The codes panel's lead-ins, as the player and the widget show them: the clauses a choice cites,
    grouped by what it does to each (`honours`, `strains`) or, while that verdict is held back for the
    ending, listed under one line (`held_back`); and what stands for no clause related by theme."""
    return {
        "held_back": _(
            "Clauses that bear on this choice (whether it honours or strains each is shown at the end):"
        ),
        "honours": _("This choice honours:"),
        "strains": _("This choice strains:"),
        "none_related": _("No other clause of these codes shares this choice's themes."),
    }


Group = dict[str, Any]


def panel_group(lead: str, of: str, refs: list[str]) -> Group:
    """One group of a codes or law panel: a lead-in (the path of its words in the payload, such as
    `codes_words.honours`), then the clauses or provisions (`of`) it lists, each as its label and its
    words (a clause's `text`, a provision's `line`)."""
    return {"lead": lead, "of": of, "refs": refs}


def law_groups(law: list[LawCitation], subject: str, grouped: bool) -> list[Group]:
    """The provisions a choice or an ending (`subject`) cites: grouped by what it does in law, in the
    order of `LAW_RELATIONS`; or, while that verdict is held back for the ending (`grouped` false), in
    order of reference under one lead-in. None when it cites no law."""
    if not law:
        return []
    if not grouped:
        return [panel_group("law_words.held_back", "provisions", sorted(cited.ref for cited in law))]
    return [
        panel_group(f"law_words.{subject}.{relation}", "provisions", refs)
        for relation in LAW_RELATIONS
        if (refs := [cited.ref for cited in law if cited.relation.value == relation])
    ]


def codes_panel(honours: list[str], strains: list[str], law: list[LawCitation]) -> dict[str, list[Group]]:
    """What the codes and law panel lists for a choice that honours and strains these clauses and cites
    this law, group by group, in order: the clauses it cites, the provisions of law it cites, then the
    clauses related to it by theme in the nation the learner chose (a group marked `place`, whose
    lead-in and clauses the player and the widget take from that nation, and whose `none` words stand
    for an empty list). Decided here once, so the player and the widget only draw the groups.

    As a learner sees it (`held`), the cited clauses and provisions are listed without saying which the
    choice honours, strains or would break, since that is a verdict shown at the ending; in projection
    mode (`open`) they are grouped by it."""
    cited = [*honours, *strains]
    related = {"place": True, "of": "clauses", "none": "codes_words.none_related"}
    grouped = [
        panel_group(f"codes_words.{relation}", "clauses", refs)
        for relation, refs in (("honours", honours), ("strains", strains))
        if refs
    ]
    return {
        "held": [
            *([panel_group("codes_words.held_back", "clauses", sorted(cited))] if cited else []),
            *law_groups(law, "choice", grouped=False),
            related,
        ],
        "open": [*grouped, *law_groups(law, "choice", grouped=True), related],
    }


def summary_verdict(honours: list[str], strains: list[str]) -> str | None:
    """Which of the ending table's sentences says what a choice does to the codes (the `summary` part's
    `both`, `honours` or `strains`, see `layout.screens`), or None when it cites no clause."""
    if honours and strains:
        return "both"
    if honours or strains:
        return "honours" if honours else "strains"
    return None


def _with_english(entry: dict[str, Any], english: list[str]) -> dict[str, Any]:
    """The payload entry, with `english` naming those of its fields the dilemma shows in English (in a
    build in another language, the strings it has no translation for), so that the player marks them
    `lang="en"`; absent when there are none, as in every English build."""
    shown = [name for name in english if entry.get(name)]
    if shown:
        entry["english"] = shown
    return entry


def dilemma_payload(dilemma: Dilemma, catalog: Catalog) -> dict[str, Any]:
    """Everything the player needs: the graph, every cited clause and provision of law, and clauses
    related by theme."""
    cited: set[str] = set()
    law_cited: set[str] = set()
    themes: set[Theme] = set()
    nodes: list[dict[str, Any]] = []
    loaded = catalog.dilemmas.get(dilemma.id)
    source = loaded.path if loaded is not None else None

    def english(fields: dict[str, str]) -> list[str]:
        """Which of these payload fields (name: the string's key in the dilemma's file) are English."""
        if source is None:
            return []
        return [name for name, key in fields.items() if catalog.translations.shows_english(source, key)]

    numbers = decision_numbers(dilemma)
    offered = offers(dilemma)
    for node in numbered_nodes(dilemma):
        choices = []
        for choice in node.choices:
            cited.update(choice.honours, choice.strains)
            law_cited.update(law.ref for law in choice.law)
            choice_themes = set(choice.themes)
            for ref in [*choice.honours, *choice.strains]:
                resolved = catalog.cited(ref)
                if resolved is not None:
                    choice_themes.update(resolved.themes)
            themes.update(choice_themes)
            at = f"nodes/{node.id}/choices/{choice.id}"
            choices.append(
                _with_english(
                    {
                        "id": choice.id,
                        "label": choice.label,
                        "to": choice.leads_to,
                        "consequence": choice.consequence,
                        "views": {
                            side: _with_english(
                                {"text": view.text, "lean": int(view.lean)},
                                english({"text": f"{at}/perspectives/{side}/text"}),
                            )
                            for side, view in (
                                ("agency", choice.perspectives.agency),
                                ("profession", choice.perspectives.profession),
                                ("person", choice.perspectives.person),
                            )
                        },
                        "honours": choice.honours,
                        "strains": choice.strains,
                        # The codes and law panel, as a learner sees it and in projection mode.
                        "panel": codes_panel(choice.honours, choice.strains, choice.law),
                        "verdict": summary_verdict(choice.honours, choice.strains),
                        "themes": sorted(theme.value for theme in choice_themes),
                        "escalation": choice.escalation.value if choice.escalation else None,
                        "route": choice.escalation.label if choice.escalation else None,
                    },
                    english({"label": f"{at}/label", "consequence": f"{at}/consequence"}),
                )
            )
        at = f"nodes/{node.id}"
        nodes.append(
            _with_english(
                {
                    "id": node.id,
                    "number": numbers[node.id],
                    "title": decision_title(numbers[node.id]),
                    "situation": node.situation,
                    "prompt": node.prompt,
                    "pauseBefore": (
                        _with_english(
                            {"text": node.pause_before, "support": signpost()},
                            english({"text": f"{at}/pause_before"}),
                        )
                        if node.pause_before
                        else None
                    ),
                    "choices": choices,
                    # What the node offers after each path, decided by the engine (see `engine.offers`).
                    "conditions": conditions(node),
                    "offers": offered[node.id],
                },
                english({"situation": f"{at}/situation", "prompt": f"{at}/prompt"}),
            )
        )
    endings = []
    for ending in dilemma.endings:
        cited.update(ending.clauses)
        law_cited.update(law.ref for law in ending.law)
        at = f"endings/{ending.id}"
        endings.append(
            _with_english(
                {
                    "id": ending.id,
                    "title": ending.title,
                    "heading": ending_title(ending),
                    "debrief": ending.debrief,
                    "clauses": ending.clauses,
                    "law": law_groups(ending.law, "ending", grouped=True),
                    "prompt": ending.reflection_prompt,
                    "selfCare": ending.self_care,
                },
                english(
                    {
                        "title": f"{at}/title",
                        "debrief": f"{at}/debrief",
                        "prompt": f"{at}/reflection_prompt",
                        "selfCare": f"{at}/self_care",
                    }
                ),
            )
        )
    related = {
        f"{code.id}:{clause.id}"
        for code in catalog.current_codes()
        for _number, clause in code.clauses()
        if themes & set(clause.themes)
    }
    clauses = {ref: _clause_entry(catalog, ref) for ref in sorted(cited | related)}
    case = catalog.cases.get(dilemma.case)
    setting = case.model.setting.jurisdiction.value if case else "international"
    jurisdictions = player_jurisdictions()
    for node_entry in nodes:
        for entry in node_entry["choices"]:
            entry["related"] = {
                place: related_clauses(
                    clauses, [*entry["honours"], *entry["strains"]], entry["themes"], members
                )
                for place, (_label, members) in jurisdictions.items()
            }
    # The page carries only the clauses it can show (cited, or listed as related for some nation), and
    # not the fields used above to choose the related ones: about 60% less for a dilemma with many themes.
    shown = cited | {
        ref
        for node_entry in nodes
        for entry in node_entry["choices"]
        for refs in entry["related"].values()
        for ref in refs
    }
    clauses = {
        ref: {key: value for key, value in clauses[ref].items() if key not in CHOOSING_ONLY}
        for ref in sorted(shown)
    }
    return _with_english(
        {
            "schema": SCHEMA_VERSION,
            "id": dilemma.id,
            "title": dilemma.title,
            "jurisdiction": setting if setting in jurisdictions else "international",
            "start": dilemma.start,
            "nodes": nodes,
            "endings": endings,
            "clauses": clauses,
            "provisions": {ref: _provision_entry(catalog, ref) for ref in sorted(law_cited)},
            "law_words": law_words(),
            "codes_words": codes_words(),
            # The three sides' names, in the order every output lists them, in the language being written.
            "sides": [{"id": key, "name": name} for key, name in perspective_names().items()],
            # Every output words a lean the same way; the player takes the words from here.
            "leans": [lean.label for lean in sorted(Lean)],
            # and writes its number the same way: "+1", "0", "-2".
            "signs": [lean.signed for lean in sorted(Lean)],
            "jurisdictions": [
                {
                    "id": key,
                    "label": label,
                    "codes": sorted(j.value for j in members),
                    "related_heading": _("Related by theme, {jurisdiction}:", jurisdiction=label),
                }
                for key, (label, members) in jurisdictions.items()
            ],
        },
        english({"title": "title"}),
    )


def dilemma_json(dilemma: Dilemma, catalog: Catalog) -> str:
    """The payload as compact JSON, safe to embed in a `<script type="application/json">` element."""
    return script_safe(
        json.dumps(dilemma_payload(dilemma, catalog), ensure_ascii=False, separators=(",", ":"))
    )


SCRIPTS = Path(__file__).parent / "sphinx" / "static"
"""The kit's browser scripts, shared by the book and the standalone documents."""


def script_words_element(names: list[str]) -> str:
    """The interface words these scripts show, in the current language, as the JSON element
    `words.js` reads: the scripts carry no words of their own, nor layouts of their own."""
    found = script_words([SCRIPTS / name for name in names])
    layouts: dict[str, Any] = {}
    if "dilemma-player.js" in names:
        # The player draws its step screens in the layout the widget draws them in (layout/screens.py).
        layouts["screens"] = screens.player_screens()
        layouts["controls"] = screens.player_controls()
    if "reflections.js" in names:
        # My reflections writes its download, and a worksheet in it, in the layouts Python writes them
        # in, filled in, not its own.
        layouts["worksheet"] = worksheet.markdown_layout()
        layouts["reflections"] = reflections.markdown_layout()
    if layouts:
        found["layouts"] = layouts
    data = json.dumps(
        found,
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )
    return f'<script type="application/json" class="ek-words">{script_safe(data)}</script>'


def script_safe(text: str) -> str:
    """JSON made safe to embed in a `<script type="application/json">` element."""
    # "</" would end the script element early; "<!--" would change how it is parsed.
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def tally_payload(catalog: Catalog) -> list[dict[str, Any]]:
    """Every dilemma's decisions, choices and endings, for the room-tally projector view."""
    out = []
    for dilemma_id, loaded in sorted(catalog.dilemmas.items(), key=lambda item: item[1].model.title):
        dilemma = loaded.model
        numbers = decision_numbers(dilemma)
        out.append(
            {
                "id": dilemma_id,
                "title": dilemma.title,
                "start": dilemma.start,
                "nodes": [
                    {
                        "id": node.id,
                        "number": numbers[node.id],
                        "title": decision_title(numbers[node.id]),
                        "situation": node.situation,
                        "prompt": node.prompt,
                        "choices": [{"id": c.id, "label": c.label, "to": c.leads_to} for c in node.choices],
                    }
                    for node in numbered_nodes(dilemma)
                ],
                "endings": [
                    {"id": e.id, "title": e.title, "heading": ending_title(e)} for e in dilemma.endings
                ],
            }
        )
    return out
