"""The Common Cartridge 1.1 course pack: a valid manifest, every file packed, no script, lecturer items
for the Instructor role only, and the same bytes from the same inputs."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from lxml import etree

from conftest import REPO, kit, run_cli
from ethicskit.archive import build_time
from ethicskit.cartridge import (
    CC,
    LOMM,
    LOMR,
    WL,
    CartridgeError,
    build,
    manifest_schema,
    scorm_packages,
    weblink_schema,
    write_zip,
)
from ethicskit.catalog import Catalog
from ethicskit.scorm import write_package
from ethicskit.words import language

SITE_URL = "https://example.org/first-loyalty/"
NS = {"cc": CC, "lom": LOMR, "wl": WL}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return kit()


def _page(title: str, body: str, extra_head: str = "") -> str:
    """A page shaped like one the theme builds: navigation around an article."""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{extra_head}"
        '<script src="_static/theme.js"></script></head><body><nav><a href="other.html">Nav</a></nav>'
        f'<main><article class="bd-article" role="main"><section><h1>{title}'
        f'<a class="headerlink" href="#x">#</a></h1>{body}</section></article></main></body></html>'
    )


@pytest.fixture
def small_kit(tmp_path: Path) -> tuple[Path, Path]:
    """A table of contents and a built site of a few hand-made pages (the real book is tested below)."""
    root, site = tmp_path / "kit", tmp_path / "site"
    (root).mkdir()
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nparts:\n"
        "  - caption: Reading\n    chapters:\n      - file: book/chapter\n"
        "        sections:\n          - file: book/chapter/part\n"
        "  - caption: Doing\n    chapters:\n      - file: book/play\n",
        encoding="utf-8",
    )
    (site / "book" / "chapter").mkdir(parents=True)
    (site / "_images").mkdir()
    (site / "_images" / "map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (site / "book" / "intro.html").write_text(
        _page(
            "Welcome",
            '<p onclick="steal()">Start with <a href="chapter.html#top">the chapter</a>, then '
            '<a href="play.html">play</a> or read <a href="../genindex.html">the index</a>.</p>'
            '<p><a href="javascript:alert(1)">bad</a></p><button>Toggle</button>'
            '<script>alert("inline")</script><noscript>needs script</noscript>',
        ),
        encoding="utf-8",
    )
    (site / "book" / "chapter.html").write_text(
        _page("The chapter", '<p>A map: <img src="../_images/map.svg" alt="A map"></p>'), encoding="utf-8"
    )
    (site / "book" / "chapter" / "part.html").write_text(
        _page("A section", '<p>Back to <a href="../intro.html">the start</a>.</p>'), encoding="utf-8"
    )
    (site / "book" / "play.html").write_text(
        _page("Play a dilemma", '<div class="ek-dilemma"><p>The player</p></div>'), encoding="utf-8"
    )
    (site / "genindex.html").write_text(_page("Index", "<p>index</p>"), encoding="utf-8")
    return root, site


def _built_zip(root: Path, site: Path, catalog: Catalog, tmp_path: Path, name: str = "a.imscc") -> Path:
    cartridge = build(root, site, SITE_URL, catalog, "First Loyalty")
    output = tmp_path / name
    write_zip(cartridge.entries, output)
    return output


def _manifest(archive: zipfile.ZipFile) -> etree._Element:
    return etree.fromstring(archive.read("imsmanifest.xml"), etree.XMLParser(no_network=True))


def _check_cartridge(path: Path) -> etree._Element:
    """Checks every cartridge must pass; returns the manifest."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert archive.namelist()[0] == "imsmanifest.xml"
        manifest = _manifest(archive)
        manifest_schema().assertValid(manifest)
        assert manifest.findtext("cc:metadata/cc:schemaversion", namespaces=NS) == "1.1.0"
        for resource in manifest.iterfind(".//cc:resource", NS):
            listed = [node.get("href") for node in resource.iterfind("cc:file", NS)]
            assert listed, resource.get("identifier")
            for href in listed:
                assert href in names, f"{resource.get('identifier')} names {href}, missing from the zip"
            if resource.get("href"):
                assert resource.get("href") in listed
            if resource.get("type") == "imswl_xmlv1p1":
                link = etree.fromstring(archive.read(listed[0]))
                weblink_schema().assertValid(link)
                assert link.find("wl:url", NS).get("href").startswith(SITE_URL)
        for name in names:
            if name.endswith(".html"):
                text = archive.read(name).decode("utf-8")
                assert not re.search(r"<script\b|\son[a-z]+\s*=|javascript:", text, re.IGNORECASE), name
                for url in re.findall(r'\s(?:href|src|srcset|data|xlink:href)="([^"#][^"]*)"', text):
                    if urlsplit(url).scheme or url.startswith("/"):
                        continue
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), urldefrag(url)[0]))
                    assert target in names, f"{name} links to {url}, which is not in the cartridge"
        identifiers = {node.get("identifier") for node in manifest.iterfind(".//cc:resource", NS)}
        for item in manifest.iterfind(".//cc:item[@identifierref]", NS):
            assert item.get("identifierref") in identifiers
    return manifest


def _instructor_only(resource: etree._Element) -> bool:
    roles = resource.findall("cc:metadata/lom:lom/lom:educational/lom:intendedEndUserRole/lom:value", NS)
    return [role.text for role in roles] == ["Instructor"]


def test_small_cartridge_is_valid_static_and_complete(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    manifest = _check_cartridge(_built_zip(root, site, catalog, tmp_path))
    top = manifest.find("cc:organizations/cc:organization/cc:item", NS)
    assert [item.findtext("cc:title", namespaces=NS) for item in top.findall("cc:item", NS)] == [
        "Welcome",
        "Reading",
        "Doing",
        "For lecturers only",
    ]
    # A chapter with sections becomes a folder holding the chapter page, then its sections.
    folder = top.find("cc:item[2]/cc:item", NS)
    assert [item.findtext("cc:title", namespaces=NS) for item in folder.findall("cc:item", NS)] == [
        "The chapter",
        "A section",
    ]
    resources = {node.get("identifier"): node for node in manifest.iterfind(".//cc:resource", NS)}
    assert resources["LINK-book-play"].get("type") == "imswl_xmlv1p1"
    assert resources["PAGE-book-chapter"].find("cc:dependency", NS).get("identifierref") == "RES-assets"


def test_pages_lose_script_and_keep_their_links(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    with zipfile.ZipFile(_built_zip(root, site, catalog, tmp_path)) as archive:
        intro = archive.read("web_resources/book/intro.html").decode("utf-8")
        assert "web_resources/_images/map.svg" in archive.namelist()
        part = archive.read("web_resources/book/chapter/part.html").decode("utf-8")
    assert "alert" not in intro and "steal" not in intro and "Toggle" not in intro and "Nav" not in intro
    assert "needs script" not in intro and 'class="headerlink"' not in intro
    assert 'href="chapter.html#top"' in intro  # a page in the cartridge: the relative link stands
    assert f'href="{SITE_URL}book/play.html"' in intro  # a page needing script: the published site
    assert f'href="{SITE_URL}genindex.html"' in intro  # a page not in the cartridge: the published site
    assert 'href="../intro.html"' in part


def test_lecturer_items_are_for_the_instructor_role_only(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    with zipfile.ZipFile(_built_zip(root, site, catalog, tmp_path)) as archive:
        manifest = _manifest(archive)
        pack = archive.read("lecturer/seminar-pack-speaking-up.html").decode("utf-8")
    resources = list(manifest.iterfind(".//cc:resource", NS))
    lecturer = [r for r in resources if r.get("identifier").startswith("LECTURER-")]
    assert len(lecturer) == len(catalog.seminars) + len(catalog.dilemmas)
    assert all(_instructor_only(resource) for resource in lecturer)
    assert not any(_instructor_only(r) for r in resources if r not in lecturer)
    seminar_packs = [r for r in lecturer if r.get("identifier").startswith("LECTURER-SEMINAR-")]
    assert {r.get("intendeduse") for r in seminar_packs} == {"lessonplan"}
    assert "Facilitation notes" in pack


def test_same_inputs_give_the_same_bytes(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    first = _built_zip(root, site, catalog, tmp_path, "one.imscc").read_bytes()
    second = _built_zip(root, site, catalog, tmp_path, "two.imscc").read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_schema_rejects_what_is_not_cc_1_1(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    with zipfile.ZipFile(_built_zip(root, site, catalog, tmp_path)) as archive:
        manifest = _manifest(archive)
    manifest.find("cc:metadata/cc:schemaversion", NS).text = "1.2.0"
    assert not manifest_schema().validate(manifest)


def test_missing_build_and_bad_address_are_explained(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    with pytest.raises(CartridgeError, match="not the address of a published site"):
        build(root, site, "example.org", catalog, "First Loyalty")
    (site / "book" / "chapter.html").unlink()
    with pytest.raises(CartridgeError, match="make book"):
        build(root, site, SITE_URL, catalog, "First Loyalty")


def test_command_needs_a_site_address(tmp_path: Path) -> None:
    result = run_cli("cartridge", "--root", str(REPO), "--out", str(tmp_path / "x.imscc"))
    assert result.returncode == 1
    assert "--site-url" in result.stdout + result.stderr
    assert not (tmp_path / "x.imscc").exists()


def _with_a_real_dilemma(root: Path, site: Path, catalog: Catalog) -> str:
    """The small kit's play page holds a real dilemma's player, and a worksheet page joins it."""
    dilemma_id = sorted(catalog.dilemmas)[0]
    (site / "book" / "play.html").write_text(
        _page(
            "Play a dilemma", f'<section class="ek-dilemma" id="dilemma-{dilemma_id}"><p>Player</p></section>'
        ),
        encoding="utf-8",
    )
    (site / "book" / "worksheet.html").write_text(
        _page("Worksheet", '<div class="ek-worksheet"><p>Boxes</p></div>'), encoding="utf-8"
    )
    with (root / "_toc.yml").open("a", encoding="utf-8") as toc:
        toc.write("      - file: book/worksheet\n")
    return dilemma_id


def _embedded_zip(
    root: Path, site: Path, catalog: Catalog, output: Path, site_url: str | None = None
) -> Path:
    packages = scorm_packages(catalog, build_time())
    write_zip(build(root, site, site_url, catalog, "First Loyalty", packages).entries, output)
    return output


def test_the_scorm_variant_carries_each_dilemma_as_its_package_beside_a_static_page(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    dilemma_id = _with_a_real_dilemma(root, site, catalog)
    output = _embedded_zip(root, site, catalog, tmp_path / "scorm.imscc")
    manifest = _check_cartridge(output)
    resources = {node.get("identifier"): node for node in manifest.iterfind(".//cc:resource", NS)}
    carried = resources[f"SCORM-{dilemma_id}"]
    # CC 1.1 has no SCORM resource type: the package is web content, a page with the zip beside it.
    assert carried.get("type") == "webcontent" and carried.get("href") == "web_resources/book/play.html"
    assert [f.get("href") for f in carried.iterfind("cc:file", NS)] == [
        "web_resources/book/play.html",
        "web_resources/book/play.zip",
    ]
    assert not _instructor_only(carried)
    titles = [node.findtext("cc:title", namespaces=NS) for node in manifest.iterfind(".//cc:item", NS)]
    title = catalog.dilemmas[dilemma_id].model.title
    assert f"{title} (SCORM 1.2 package)" in titles
    # No site address: no web links, the worksheet (which needs the site's script) left out, and links
    # into the site keep their words without an address.
    assert not [r for r in resources.values() if r.get("type") == "imswl_xmlv1p1"]
    assert "Worksheet" not in titles
    with zipfile.ZipFile(output) as archive:
        package = archive.read("web_resources/book/play.zip")
        page = archive.read("web_resources/book/play.html").decode("utf-8")
        intro = archive.read("web_resources/book/intro.html").decode("utf-8")
    expected = write_package(catalog.dilemmas[dilemma_id].model, catalog, tmp_path / "package.zip")
    assert package == expected.read_bytes()  # the very zip the bundle's scorm/ folder holds
    with zipfile.ZipFile(io.BytesIO(package)) as inner:
        assert {"imsmanifest.xml", "index.html"} <= set(inner.namelist())
    assert '<a href="play.zip">play.zip</a>' in page and "SCORM 1.2" in page
    assert "never sent to the VLE" in page and "<script" not in page
    assert 'href="play.html"' in intro  # the dilemma's page is in the cartridge: the relative link stands
    assert "genindex" not in intro and "the index</a>" in intro


def test_the_packs_own_words_are_in_the_language_it_is_made_in(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    """Made in Welsh (`ethicskit --language cy cartridge`), the pack's own words are Welsh: its module
    names, each dilemma's SCORM page, the licence line, each page's and the manifest's language."""
    root, site = small_kit
    dilemma_id = _with_a_real_dilemma(root, site, catalog)
    with language("cy"):
        output = _embedded_zip(root, site, catalog, tmp_path / "scorm.imscc")
    manifest = _check_cartridge(output)
    titles = [node.findtext("cc:title", namespaces=NS) for node in manifest.iterfind(".//cc:item", NS)]
    title = catalog.dilemmas[dilemma_id].model.title
    assert {"I ddarlithwyr yn unig", f"{title} (pecyn SCORM 1.2)"} <= set(titles)
    assert "For lecturers only" not in titles
    assert {node.text for node in manifest.iterfind(".//lomimscc:language", {"lomimscc": LOMM})} == {"cy"}
    with zipfile.ZipFile(output) as archive:
        page = archive.read("web_resources/book/play.html").decode("utf-8")
        intro = archive.read("web_resources/book/intro.html").decode("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="cy">') and intro.startswith(
        '<!DOCTYPE html>\n<html lang="cy">'
    )
    assert f"Cyfyng-gyngor rhyngweithiol yw <em>{title}</em>" in page and "pecyn cwrs" in page
    assert '<a href="play.zip">play.zip</a>' in page and "<code>index.html</code>" in page


def test_the_scorm_variant_links_the_other_script_pages_when_it_has_an_address(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    dilemma_id = _with_a_real_dilemma(root, site, catalog)
    manifest = _check_cartridge(_embedded_zip(root, site, catalog, tmp_path / "scorm.imscc", SITE_URL))
    resources = {node.get("identifier") for node in manifest.iterfind(".//cc:resource", NS)}
    assert {f"SCORM-{dilemma_id}", "LINK-book-worksheet"} <= resources
    assert "LINK-book-play" not in resources


def test_the_scorm_variant_is_the_same_bytes_every_time(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    _with_a_real_dilemma(root, site, catalog)
    first = _embedded_zip(root, site, catalog, tmp_path / "one.imscc").read_bytes()
    second = _embedded_zip(root, site, catalog, tmp_path / "two.imscc").read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        with zipfile.ZipFile(io.BytesIO(archive.read("web_resources/book/play.zip"))) as inner:
            assert {info.date_time for info in inner.infolist()} == {build_time().timetuple()[:6]}


def test_a_cartridge_of_links_needs_an_address(small_kit: tuple[Path, Path], catalog: Catalog) -> None:
    root, site = small_kit
    with pytest.raises(CartridgeError, match="needs the site's address"):
        build(root, site, None, catalog, "First Loyalty")


def test_a_book_of_chapters_without_parts_keeps_its_chapters(
    small_kit: tuple[Path, Path], catalog: Catalog, tmp_path: Path
) -> None:
    root, site = small_kit
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: book/chapter\n  - file: book/play\n",
        encoding="utf-8",
    )
    manifest = _check_cartridge(_built_zip(root, site, catalog, tmp_path))
    titles = [node.findtext("cc:title", namespaces=NS) for node in manifest.iterfind(".//cc:item", NS)]
    assert titles[1:5] == ["Welcome", "Chapters", "The chapter", "Play a dilemma"]  # [0]: the root item


def real_cartridge(built_book: Path, output: Path, *options: str) -> None:
    """`ethicskit cartridge` on the real kit and its built book, which must succeed."""
    result = run_cli(
        "cartridge", "--root", str(REPO), "--site", str(built_book), *options, "--out", str(output)
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.build
def test_the_real_book_makes_a_valid_cartridge(built_book: Path, tmp_path: Path) -> None:
    output = tmp_path / "first-loyalty.imscc"
    real_cartridge(built_book, output, "--site-url", SITE_URL)
    manifest = _check_cartridge(output)
    resources = {node.get("identifier"): node for node in manifest.iterfind(".//cc:resource", NS)}
    loaded = kit()
    for dilemma_id in loaded.dilemmas:
        assert resources[f"LINK-book-dilemmas-{dilemma_id}"].get("type") == "imswl_xmlv1p1"
    for page in ("book-worksheet", "book-tally", "book-reflections"):
        assert f"LINK-{page}" in resources
    assert resources["PAGE-book-first-loyalty"].get("type") == "webcontent"
    again = tmp_path / "again.imscc"
    real_cartridge(built_book, again, "--site-url", SITE_URL)
    assert again.read_bytes() == output.read_bytes()
    embedded = tmp_path / "first-loyalty-scorm.imscc"
    real_cartridge(built_book, embedded, "--embed-scorm")
    manifest = _check_cartridge(embedded)
    resources = {node.get("identifier"): node for node in manifest.iterfind(".//cc:resource", NS)}
    for dilemma_id in loaded.dilemmas:
        assert f"SCORM-{dilemma_id}" in resources and f"LINK-book-dilemmas-{dilemma_id}" not in resources
    assert not [r for r in resources.values() if r.get("type") == "imswl_xmlv1p1"]
