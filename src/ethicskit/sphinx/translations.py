"""The chapters' translations: each chapter's message catalogue compiled into the build's own folder.

A chapter is translated through Sphinx's gettext mechanism, from `<locale dir>/<language>/LC_MESSAGES/
<docname>.po` (`make translations` keeps the catalogues up to date). Sphinx would compile each catalogue
into a `.mo` file beside it, in the source tree (`gettext_auto_build`), where a compiled file could go
stale or be committed by mistake. Instead the build compiles the catalogues of its language into its
doctree folder and reads them from there: the source tree holds only the `.po` files people edit, and
every build, however it is started, reads what the catalogues say now.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain

from .refusal import refuse

COMPILED_FOLDER = "locale"
"""Where, under the build's doctree folder, the compiled catalogues are written."""


def catalogues(source: Path, locale_dirs: list[str], language: str) -> dict[str, Path]:
    """Each chapter catalogue of a language, by its domain (the docname, as `gettext_compact` is off)."""
    found: dict[str, Path] = {}
    for locale_dir in locale_dirs:
        messages = source / locale_dir / language / "LC_MESSAGES"
        for po in sorted(messages.rglob("*.po")) if messages.is_dir() else []:
            found.setdefault(po.relative_to(messages).with_suffix("").as_posix(), po)
    return found


def compiled(po: Path, allow_fuzzy: bool) -> bytes:
    """The catalogue compiled as Sphinx would compile it (fuzzy entries only if the book allows them)."""
    with po.open("rb") as source:
        catalogue = read_po(source, abort_invalid=True)
    output = io.BytesIO()
    write_mo(output, catalogue, use_fuzzy=allow_fuzzy)
    return output.getvalue()


def compile_chapter_catalogues(app: Sphinx, config: Config) -> None:
    """Compile this build's chapter catalogues into the doctree folder and point Sphinx there.

    Runs after the build's language is chosen. A file is rewritten only when its compiled bytes change,
    so Sphinx re-reads only the chapters whose translation changed.
    """
    language = config.language or "en"
    found = catalogues(Path(app.srcdir), list(config.locale_dirs), language)
    if not found:
        return
    target = Path(app.doctreedir) / COMPILED_FOLDER
    messages = target / language / "LC_MESSAGES"
    for domain, po in found.items():
        try:
            data = compiled(po, bool(config.gettext_allow_fuzzy_translations))
        except Exception as error:  # babel reports a malformed catalogue with its line
            refuse(app, f"{po.relative_to(app.srcdir)}: not a readable message catalogue: {error}")
            return
        mo = messages / f"{domain}.mo"
        if not mo.is_file() or mo.read_bytes() != data:
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(data)
    config.locale_dirs = [str(target)]
    # Sphinx's own compiling would write beside the .po files; the compiled copies above replace it.
    config.gettext_auto_build = False


class TranslateTocCaptions(SphinxTransform):
    """The captions of the book's parts (from `_toc.yml`), translated from the root chapter's catalogue.

    The gettext builder extracts them with the root chapter's messages, but Jupyter Book's table of
    contents (sphinx-external-toc) inserts its toctrees after Sphinx's own translation has run, so
    without this step every page's navigation would show them in English.
    """

    default_priority = 101  # just after sphinx-external-toc's InsertToctrees (100)

    def apply(self, **kwargs: Any) -> None:
        toctrees = [node for node in self.document.findall(addnodes.toctree) if node.get("caption")]
        if not toctrees or self.app.builder.name == "gettext":
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        folders = [str(Path(self.env.srcdir) / folder) for folder in self.config.locale_dirs]
        catalogue, found = init_locale(folders, self.config.language, domain)
        if not found:
            return
        for toctree in toctrees:
            caption = toctree["caption"]  # a variable, so the kit's message extraction does not take
            toctree["caption"] = catalogue.gettext(caption)  # the key "caption" for a message
