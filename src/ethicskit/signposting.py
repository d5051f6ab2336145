"""Where to turn for support: one text for every output that carries a content note.

Pages, printed handouts, seminar packs and single-file dilemmas all show the same sentence, and the
support page lists the same lines, so a student reading on paper meets what a student on screen meets.
Each line was checked against the service's own public pages on 2026-12-04: Samaritans (UK and Ireland),
Shout (text, UK), Breathing Space (Scotland, run by NHS 24) and Lifeline (Northern Ireland).
"""

from __future__ import annotations

from typing import NamedTuple

from .words import _


class SupportLine(NamedTuple):
    name: str
    how: str
    where: str
    when: str

    def sentence(self) -> str:
        """The line as one sentence, e.g. 'Samaritans (the UK and Ireland): call 116 123, free from any
        phone, at any hour.'; the name is a placeholder, so an output may set it in bold."""
        return _(
            "{name} ({where}): {how}, {when}.", name=self.name, where=self.where, how=self.how, when=self.when
        )


def support_lines() -> tuple[SupportLine, ...]:
    """Every support line, in the language being written."""
    return (
        SupportLine(
            _("Samaritans"), _("call 116 123, free from any phone"), _("the UK and Ireland"), _("at any hour")
        ),
        SupportLine(
            _("Shout"),
            _("text SHOUT to 85258, free on the main UK mobile networks"),
            _("the UK"),
            _("at any hour"),
        ),
        SupportLine(
            _("Breathing Space"),
            _("call 0800 83 85 87, free"),
            _("Scotland"),
            _("weekday evenings from 6pm to 2am, and from 6pm Friday to 6am Monday"),
        ),
        SupportLine(_("Lifeline"), _("call 0808 808 8000, free"), _("Northern Ireland"), _("at any hour")),
    )


def emergency() -> str:
    """What to do in an emergency, in the language being written."""
    return _("If you or someone else is in immediate danger, call 999.")


def signpost() -> str:
    """The one signposting sentence every content note, pause and care section carries: the web page,
    the printed handout, the single-file dilemma, the player and the Jupyter widget."""
    # One message, written whole rather than assembled, so that it is translated as a unit.
    return _(
        "If this raises something difficult for you, stop, take a break and talk to someone you trust. "
        "Samaritans answer at any hour on 116 123 (UK and Ireland), or text SHOUT to 85258; in Scotland, "
        "Breathing Space is on 0800 83 85 87, and in Northern Ireland, Lifeline is on 0808 808 8000. "
        "In an emergency, call 999."
    )
