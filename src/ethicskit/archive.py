"""Zip files that are the same bytes every time they are made from the same files.

Every entry has the same fixed timestamp and permissions, entries are in sorted order, and nothing
about the machine (owner, time of day, file system order) reaches the archive.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

DEFAULT_EPOCH = 946684800
"""2000-01-01 00:00 UTC: the time written into every zip entry unless SOURCE_DATE_EPOCH says otherwise."""


def build_time() -> datetime:
    """The time stamped into archives and printed files: SOURCE_DATE_EPOCH, else a fixed date.

    SOURCE_DATE_EPOCH is the reproducible-builds convention (`make release` sets it to the last commit's
    time); zip entries cannot be dated before 1980, so earlier values are moved up to 1980.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(raw) if raw.isdigit() else DEFAULT_EPOCH
    return max(datetime.fromtimestamp(seconds, UTC), datetime(1980, 1, 1, tzinfo=UTC))


def _write(out: BinaryIO, files: Mapping[str, bytes | Path], when: datetime | None) -> None:
    stamp = (when or build_time()).timetuple()[:6]
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100644 & 0xFFFF) << 16  # a regular file, rw-r--r--
            info.create_system = 3  # Unix, so the permissions above are read as such
            content = files[name]
            data = content.read_bytes() if isinstance(content, Path) else content
            archive.writestr(info, data, compresslevel=9)


def write_zip(target: Path, files: Mapping[str, bytes | Path], when: datetime | None = None) -> Path:
    """Write `files` (archive name to contents, or to the file holding them) to `target` as a
    reproducible zip."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        _write(out, files, when)
    return target


def zip_bytes(files: Mapping[str, bytes | Path], when: datetime | None = None) -> bytes:
    """The same zip as `write_zip` makes, as bytes, for an archive that goes inside another."""
    buffer = io.BytesIO()
    _write(buffer, files, when)
    return buffer.getvalue()


def folder_files(folder: Path, prefix: str = "") -> dict[str, bytes | Path]:
    """Every file under `folder` by its path inside it (with `/` and `prefix`), hidden files left out.

    Symbolic links are not followed: a link could point outside the folder.
    """
    found: dict[str, bytes | Path] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or path.is_symlink() or not path.is_file():
            continue
        found[prefix + relative.as_posix()] = path
    return found
