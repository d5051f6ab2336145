"""One SCORM 1.2 package per dilemma: the single-file player as one SCO, with its manifest.

SCORM 1.2 is the one package format that Moodle, Canvas, Blackboard Ultra and Brightspace all play.
The package holds `imsmanifest.xml`, the dilemma's page (`index.html`, the same page as
`ethicskit export dilemma`, with its scripts as files beside it) and nothing else: it loads nothing from
anywhere. The player reports to the VLE itself (through scorm-vle.js, which only a package's page
loads); what it sends, and what it never sends, is said on the page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from .archive import write_zip
from .catalog import Catalog
from .documents import PACKAGE_SCRIPTS, standalone_dilemma, static_text
from .models import Dilemma

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = (
    f"{IMSCP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{ADLCP} adlcp_rootv1p2.xsd"
)
LAUNCH = "index.html"
SCRIPTS = "scripts"
"""The folder in the package that holds the player's scripts (inline scripts fare worse in some VLEs)."""


def package_files(dilemma: Dilemma, catalog: Catalog) -> dict[str, bytes]:
    """Every file of the dilemma's package, by its path in the zip."""
    files = {
        LAUNCH: standalone_dilemma(dilemma, catalog, scripts_folder=SCRIPTS).encode("utf-8"),
        **{f"{SCRIPTS}/{name}": static_text(name).encode("utf-8") for name in PACKAGE_SCRIPTS},
    }
    files["imsmanifest.xml"] = manifest(dilemma, sorted(files))
    return files


def manifest(dilemma: Dilemma, files: list[str]) -> bytes:
    """`imsmanifest.xml` for a single-SCO package: one organisation, one item, one resource."""
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        f"{{{IMSCP}}}manifest",
        {
            "identifier": f"first-loyalty-{dilemma.id}",
            "version": "1.0",
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS,
        },
    )
    metadata = ET.SubElement(root, f"{{{IMSCP}}}metadata")
    ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
    organizations = ET.SubElement(root, f"{{{IMSCP}}}organizations", {"default": "first-loyalty"})
    organization = ET.SubElement(organizations, f"{{{IMSCP}}}organization", {"identifier": "first-loyalty"})
    ET.SubElement(organization, f"{{{IMSCP}}}title").text = f"First Loyalty: {dilemma.title}"
    item = ET.SubElement(
        organization,
        f"{{{IMSCP}}}item",
        {"identifier": "dilemma", "identifierref": "player", "isvisible": "true"},
    )
    ET.SubElement(item, f"{{{IMSCP}}}title").text = dilemma.title
    resources = ET.SubElement(root, f"{{{IMSCP}}}resources")
    resource = ET.SubElement(
        resources,
        f"{{{IMSCP}}}resource",
        {"identifier": "player", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco", "href": LAUNCH},
    )
    for name in files:
        ET.SubElement(resource, f"{{{IMSCP}}}file", {"href": name})
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def write_package(dilemma: Dilemma, catalog: Catalog, target: Path, when: datetime | None = None) -> Path:
    """Write the dilemma's SCORM 1.2 zip to `target`; the same bytes every time for the same content."""
    return write_zip(target, package_files(dilemma, catalog), when)
