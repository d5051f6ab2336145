"""Print an HTML document to an A4 PDF with headless Chromium, entirely offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PrintError(Exception):
    """Printing could not be done; the message says why and what to do."""


def find_chromium() -> str:
    """CHROMIUM from the environment, else the first Chromium-family browser on PATH."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        if not Path(configured).is_file():
            raise PrintError(f"CHROMIUM is set to '{configured}', which does not exist")
        return configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PrintError(
        "printing needs Chromium: install it (on Debian, 'sudo apt-get install chromium') "
        "or set CHROMIUM=/path/to/chromium"
    )


def print_pdf(html: str, output: Path, timeout: float = 120) -> None:
    """Write `html` to a temporary file and print it to `output` as an A4 PDF."""
    chromium = find_chromium()
    with tempfile.TemporaryDirectory(prefix="first-loyalty-print-") as scratch:
        page = Path(scratch) / "handout.html"
        page.write_text(html, encoding="utf-8")
        target = Path(scratch) / "handout.pdf"
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            f"--user-data-dir={Path(scratch) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PrintError(f"Chromium did not finish printing within {timeout:.0f} seconds") from None
        if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            raise PrintError(f"Chromium could not print the handout: {result.stderr.strip()[-500:]}")
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, output)
