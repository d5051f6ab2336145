"""`ethicskit verify`: a digest checked against an official-looking document written for these tests.

The sample documents are invented for the fictional fixture code `demo-standards`; no real code's text
is used. Each outcome is produced by the command as a user runs it.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import yaml

from conftest import FIXTURES, REPO, run_cli

# The fixture's paraphrases, for reference:
#   1.1  Respect people's rights and views and involve them in decisions about their lives.
#   1.2  Keep information private and share it only with consent or lawful reason.
#   1.10 Challenge discrimination and promote fair access to support.  (verified: false)
#   2.1  Do not let an employer's instruction or a personal interest override professional judgement.
#   2.2  Do not neglect supervision, development or your own health when they affect practice.
SAMPLE_LINES = [
    "Demonstration Standards for Testing",
    "Issued by the Test Fixture Issuer, 2024",
    "1 Working with people",
    "1.1 Uphold the rights and the views of each person and involve them fully in the decisions that",
    "shape their lives and their care.",
    "1.2 Keep information private and share it only with consent or where the law allows.",
    "1.10 Stand against discrimination in every form and promote fair access to support for all.",
    "2 Things a practitioner undertakes not to do",
    "2.1 Accept gifts of more than token value from the people they serve.",
    "2.3 Neglect their own supervision, their development or their health where these affect practice.",
]


def write_pdf(path: Path, lines: list[str], title: str) -> None:
    """A one-page PDF with a text layer, written by hand: a catalogue, a page, a font and a content stream."""

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    commands = ["BT", "/F1 10 Tf", "14 TL", "50 800 Td"]
    commands += [f"({escaped(line)}) Tj T*" for line in lines]
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Title (" + escaped(title).encode("latin-1") + b") /CreationDate (D:20240301120000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def kit(tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def outcomes(stdout: str) -> dict[str, str]:
    """Clause id -> outcome, from the report's indented lines."""
    found = {}
    for line in stdout.splitlines():
        if line.startswith("  ") and "(overlap" in line:
            clause_id, _, rest = line.strip().partition(" ")
            found[clause_id] = rest.strip().partition(" (overlap")[0]
    return found


def test_verify_reports_each_outcome_for_a_pdf(tmp_path: Path) -> None:
    """Found, too close, numbered differently and doubtful, each for the clause built to show it."""
    root = kit(tmp_path)
    pdf = tmp_path / "demo-standards-2024.pdf"
    write_pdf(pdf, SAMPLE_LINES, "Demonstration Standards for Testing (2024)")
    result = run_cli("verify", "demo-standards", str(pdf), "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "Source: Demonstration Standards for Testing (2024)" in result.stdout
    assert outcomes(result.stdout) == {
        "1.1": "found",
        "1.2": "too close to the official wording",
        "1.10": "found",
        "2.1": "meaning doubtful",
        "2.2": "numbered differently",
    }
    assert "shares 'keep information private and share it only with'" in result.stdout
    assert "the source numbers this wording 2.3" in result.stdout
    assert "2 found, 1 numbered differently, 1 meaning doubtful, 1 too close" in result.stdout
    # Without --record nothing changes.
    assert (root / "codes_of_practice" / "demo-standards.yml").read_text() == (
        FIXTURES / "valid" / "codes_of_practice" / "demo-standards.yml"
    ).read_text()


def test_verify_reports_clauses_missing_from_a_text_file(tmp_path: Path) -> None:
    """A plain-text source that lacks most numbers: those clauses are 'not found'."""
    root = kit(tmp_path)
    source = tmp_path / "extract.txt"
    source.write_text("\n".join(SAMPLE_LINES[:5]) + "\n", encoding="utf-8")
    result = run_cli("verify", "demo-standards", str(source), "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert outcomes(result.stdout) == {
        "1.1": "found",
        "1.2": "not found",
        "1.10": "not found",
        "2.1": "not found",
        "2.2": "not found",
    }


def test_verify_reads_html_without_its_scripts(tmp_path: Path) -> None:
    """An HTML page: its title names the source; scripts and styles are not read as text."""
    root = kit(tmp_path)
    page = tmp_path / "standards.html"
    page.write_text(
        "<html><head><title>Demo standards page</title><style>p{color:red}</style></head><body>"
        "<script>var x = '1.2 Keep information private and share it only with consent';</script>"
        "<ol><li>1.1 Uphold the rights and views of each person and involve them in the choices that "
        "their lives.</li><li>1.10 Stand against discrimination and promote fair access to support.</li></ol>"
        "</body></html>",
        encoding="utf-8",
    )
    result = run_cli("verify", "demo-standards", str(page), "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "Source: Demo standards page" in result.stdout
    found = outcomes(result.stdout)
    assert found["1.1"] == "found"
    assert found["1.10"] == "found"
    assert found["1.2"] == "not found"


def test_record_marks_found_clauses_and_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    """--record: only clauses found are marked, with the source's title, date and SHA-256; comments stay."""
    root = kit(tmp_path)
    pdf = tmp_path / "demo-standards-2024.pdf"
    write_pdf(pdf, SAMPLE_LINES, "Demonstration Standards for Testing (2024)")
    digest = root / "codes_of_practice" / "demo-standards.yml"
    before = digest.read_text()
    result = run_cli("verify", "demo-standards", str(pdf), "--record", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "Recorded 2 clauses as verified against 'demo-standards-2024'" in result.stdout
    after = digest.read_text()
    assert after.startswith("# A fictional code used only by the tests.")
    data = yaml.safe_load(after)
    clauses = {clause["id"]: clause for section in data["sections"] for clause in section["clauses"]}
    assert clauses["1.1"]["verified_against"] == "demo-standards-2024"
    assert clauses["1.10"]["verified"] is True
    assert "unverified_reason" not in clauses["1.10"]
    assert clauses["1.10"]["verified_against"] == "demo-standards-2024"
    for untouched in ("1.2", "2.1", "2.2"):
        assert "verified_against" not in clauses[untouched]
    [source] = data["checked"]["sources"]
    assert source == {
        "id": "demo-standards-2024",
        "title": "Demonstration Standards for Testing (2024)",
        "official": True,
        "seen_on": date(2024, 3, 1),
        "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
    }
    # Only the lines concerned changed: every other line of the file is still there, in order.
    kept = [
        line for line in before.splitlines() if "verified: false" not in line and "unverified" not in line
    ]
    remaining = iter(after.splitlines())
    assert all(any(line == other for other in remaining) for line in kept)
    check = run_cli("check", "--root", str(root))
    assert check.returncode == 0, check.stdout
    # A second source is added after the first, under its own id.
    again = run_cli(
        "verify",
        "demo-standards",
        str(pdf),
        "--record",
        "--secondary",
        "--date",
        "2025-01-02",
        "--root",
        str(root),
    )
    assert again.returncode == 0, again.stderr
    data = yaml.safe_load(digest.read_text())
    assert [s["id"] for s in data["checked"]["sources"]] == ["demo-standards-2024", "demo-standards-2024-2"]
    assert data["checked"]["sources"][1]["official"] is False
    assert run_cli("check", "--root", str(root)).returncode == 0


def test_verify_lists_numbers_for_a_document_level_digest(tmp_path: Path) -> None:
    """A digest of the document only: the numbers found are listed so a full digest can be started."""
    root = kit(tmp_path)
    (root / "codes_of_practice" / "demo-whole.yml").write_text(
        """id: demo-whole
title: "Whole demonstration standards"
short_title: "Whole demo standards"
issuer: "Test fixture issuer"
issuer_type: professional-body
jurisdiction: uk
binds: >-
  A made-up code described only as a document.
version: "2025"
in_force_from: null
status: current
official_url: "https://example.org/demo-whole"
coverage: document
structure: >-
  Two numbered parts, as far as the fixture says.
checked:
  against: "the fixture itself"
  on: 2026-11-24
""",
        encoding="utf-8",
    )
    source = tmp_path / "whole.txt"
    source.write_text("\n".join(SAMPLE_LINES) + "\n", encoding="utf-8")
    result = run_cli("verify", "demo-whole", str(source), "--root", str(root))
    assert result.returncode == 0, result.stderr
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")]
    assert listed == ["1", "1.1", "1.2", "1.10", "2", "2.1", "2.3"]
    assert "ethicskit new code" in result.stdout
    assert "Uphold" not in result.stdout  # the official wording is not echoed
    refused = run_cli("verify", "demo-whole", str(source), "--record", "--root", str(root))
    assert refused.returncode == 1
    assert "nothing to mark" in refused.stderr


def test_verify_explains_bad_input_without_a_traceback(tmp_path: Path) -> None:
    """An unknown code or an unreadable PDF is an error message, not a traceback."""
    root = kit(tmp_path)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
    result = run_cli("verify", "demo-standards", str(broken), "--root", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "broken.pdf" in result.stderr
    unknown = run_cli("verify", "no-such-code", str(broken), "--root", str(root))
    assert unknown.returncode == 1
    assert "no code 'no-such-code'" in unknown.stderr


def test_clauses_and_new_code_for_digests(tmp_path: Path) -> None:
    """`clauses` says a document-level digest has none to list; `new code` starts a digest to fill in."""
    root = kit(tmp_path)
    shutil.copytree(REPO / "templates", root / "templates")
    listed = run_cli("clauses", "niscc")
    assert listed.returncode == 0, listed.stderr
    assert "described as a document" in listed.stdout
    assert "cite it as a whole ('niscc')" in listed.stdout
    assert "[document only]" in run_cli("clauses").stdout
    started = run_cli("new", "code", "demo-next", "--root", str(root))
    assert started.returncode == 0, started.stderr
    check = run_cli("check", "--root", str(root))
    assert check.returncode == 1
    assert "codes_of_practice/demo-next.yml:5: 'title' still holds a template placeholder" in check.stdout
