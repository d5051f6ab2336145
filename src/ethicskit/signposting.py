"""Where to turn for support: one text for every output that carries a content note.

Pages, printed handouts, seminar packs and single-file dilemmas all show the same sentence, and the
support page lists the same lines, so a student reading on paper meets what a student on screen meets.
Each line was checked against the service's own public pages on 2026-12-04: Samaritans (UK and Ireland),
Shout (text, UK), Breathing Space (Scotland, run by NHS 24) and Lifeline (Northern Ireland).
"""

from __future__ import annotations

from typing import NamedTuple


class SupportLine(NamedTuple):
    name: str
    how: str
    where: str
    when: str


SUPPORT_LINES = (
    SupportLine("Samaritans", "call 116 123, free from any phone", "the UK and Ireland", "at any hour"),
    SupportLine("Shout", "text SHOUT to 85258, free on the main UK mobile networks", "the UK", "at any hour"),
    SupportLine(
        "Breathing Space",
        "call 0800 83 85 87, free",
        "Scotland",
        "weekday evenings from 6pm to 2am, and from 6pm Friday to 6am Monday",
    ),
    SupportLine("Lifeline", "call 0808 808 8000, free", "Northern Ireland", "at any hour"),
)

EMERGENCY = "If you or someone else is in immediate danger, call 999."

# One sentence, written whole rather than assembled, so that it can be translated as a unit.
SIGNPOST = (
    "If this raises something difficult for you, stop, take a break and talk to someone you trust. "
    "Samaritans answer at any hour on 116 123 (UK and Ireland), or text SHOUT to 85258; in Scotland, "
    "Breathing Space is on 0800 83 85 87, and in Northern Ireland, Lifeline is on 0808 808 8000. "
    "In an emergency, call 999."
)
