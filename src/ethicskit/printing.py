"""Print an HTML document to an A4 PDF with headless Chromium, entirely offline."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

from .words import _

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PrintError(Exception):
    """Printing could not be done; the message says why and what to do."""


def find_chromium() -> str:
    """CHROMIUM from the environment, else the first Chromium-family browser on PATH."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        if not Path(configured).is_file():
            raise PrintError(_("CHROMIUM is set to '{path}', which does not exist", path=configured))
        return configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PrintError(
        _(
            "printing needs Chromium: install it (on Debian, 'sudo apt-get install chromium') "
            "or set CHROMIUM=/path/to/chromium"
        )
    )


_STRUCTURE_ID = re.compile(rb"\(node(\d{8})\)")


def stable_structure_ids(pdf: bytes) -> bytes:
    """A tagged PDF with the ids of its structure elements numbered in the order they first appear.

    Chromium names each element it tags (a table's header cell, which the data cells name as their
    headers) after the page's internal node number, and that number now and then differs by one from
    one printing of the same page to the next; so the same handout printed twice differed, and a
    release could not be made again byte for byte. The new numbers keep every reference between the
    elements and the same width, so no offset in the file moves."""
    numbers: dict[bytes, int] = {}

    def renumbered(found: re.Match[bytes]) -> bytes:
        return b"(node%08d)" % numbers.setdefault(found.group(1), len(numbers) + 1)

    return _STRUCTURE_ID.sub(renumbered, pdf)


def footer(title: str) -> str:
    """The running footer on every printed page: the document's title and the page number.

    Chromium fills the elements classed `pageNumber` and `totalPages`; they are the message's
    placeholders, so a language may put them in its own order."""
    pages = escape(_("Page {number} of {total}")).format(
        number='<span class="pageNumber"></span>', total='<span class="totalPages"></span>'
    )
    return (
        '<div style="width: 100%; margin: 0 14mm; display: flex; justify-content: space-between; '
        'font-family: Helvetica, Arial, sans-serif; font-size: 9pt; color: #000;">'
        f'<span class="ek-footer-title">{escape(title)}</span><span>{pages}</span></div>'
    )


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
]


def print_pdf(html: str, output: Path, title: str = "", timeout: float = 120) -> None:
    """Print `html` to `output` as an A4 PDF, with the title and page numbers in the running footer.

    Chromium's own footer is used (through Playwright), so the page numbers are the printed pages'.
    Any request leaving the document (there should be none) is refused, so printing is offline.
    """
    # Playwright's synchronous API refuses to run where an event loop is running (a Jupyter kernel,
    # for one), so the printing always happens in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as worker:
        # The footer's words are looked up here: the language being written does not follow into
        # the worker thread.
        worker.submit(_print_pdf, html, output, footer(title), timeout).result()


def _print_pdf(html: str, output: Path, footer_html: str, timeout: float) -> None:
    chromium = find_chromium()
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - installed with the kit
        raise PrintError(_("printing needs the Python package 'playwright': run 'make book'")) from None
    with tempfile.TemporaryDirectory(prefix="first-loyalty-print-") as scratch:
        page_file = Path(scratch) / "handout.html"
        page_file.write_text(html, encoding="utf-8")
        target = Path(scratch) / "handout.pdf"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, args=CHROMIUM_ARGS, timeout=timeout * 1000
                )
                try:
                    page = browser.new_page()
                    page.route(
                        "**/*",
                        lambda route: (
                            route.continue_()
                            if route.request.url == page_file.as_uri()
                            or route.request.url.startswith("data:")
                            else route.abort()
                        ),
                    )
                    page.goto(page_file.as_uri(), wait_until="load", timeout=timeout * 1000)
                    page.pdf(
                        path=str(target),
                        format="A4",
                        prefer_css_page_size=True,
                        print_background=True,
                        # Tagged: headings, lists, tables and reading order, and the document's
                        # language, for screen readers (PDF/UA asks for it). No outline: Chromium
                        # builds its entries from the printed lines, so a heading that wraps loses the
                        # space between its lines ("routesand").
                        tagged=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=footer_html,
                    )
                finally:
                    browser.close()
        except PlaywrightError as error:
            message = str(error).strip().splitlines()[0] if str(error).strip() else "unknown error"
            raise PrintError(
                _("Chromium could not print the handout: {error}", error=message[-500:])
            ) from None
        if not target.is_file() or target.stat().st_size == 0:
            raise PrintError(_("Chromium could not print the handout: it wrote no PDF"))
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(stable_structure_ids(target.read_bytes()))
