"""An IMS Common Cartridge 1.1 course pack: the book's structure and pages, for a VLE to import.

CC 1.1 is the version Moodle's importer accepts; Canvas, Brightspace and Blackboard import it too.

What goes in, and why:

- The organisation is `_toc.yml`: each part is a module, each chapter an item, sections nested below.
- Pages are static web content taken from the built student site (`_build/html`), because the book's
  chapters are MyST prose rendered by Sphinx and its extensions; rendering them again from the models
  would cover only the YAML content and drift from the book. Only the article is kept: every script,
  button, form and event attribute is removed (Canvas strips script from uploaded HTML anyway, and a
  page that half-works is worse than a plain one), and the images it shows are packed with it.
- Pages that need script to be of any use (a dilemma's player, the worksheet, the room tally, My
  reflections) become web links to the published site, whose address is a parameter.
- Or, in the variant that embeds the SCORM packages (`scorm=`), each dilemma goes in as its SCORM 1.2
  package. CC 1.1 has no resource type for SCORM (its manifest schema allows web content, web links,
  discussions, assessments, question banks, LTI links and associated content only), so the package
  travels as web content: a static page saying what the dilemma is and how to play it, with the zip
  beside it, the same bytes as the bundle's `scorm/ID.zip`. Turning it into a tracked activity is the
  VLE's business (LECTURERS.md says what is known of each). This variant needs no published site:
  without an address, the other pages that need script are left out and links into the site dropped.
- Each seminar's lecturer pack and each dilemma's lecturer map (with every facilitator note) are
  rendered from the models, as in `ethicskit handout --lecturer`, and marked for the Instructor role
  only in their resource metadata, the CC 1.1 way to keep an item from students.

The manifest and every web link file are validated against the CC 1.1 schemas shipped with the package
before anything is written, and the zip is written with fixed timestamps so the same inputs give the same
bytes.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml
from lxml import etree, html  # type: ignore[import-untyped]

from .archive import zip_bytes
from .catalog import Catalog
from .documents import handout, page_language
from .scorm import package_files
from .words import _, current

CC = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOMR = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
WL = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_HINTS = {
    CC: "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd",
    LOMM: "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd",
    LOMR: "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd",
}
WL_HINT = "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imswl_v1p1.xsd"

INTERACTIVE_CLASSES = ("ek-dilemma", "ek-worksheet", "ek-room-tally", "ek-my-reflections")
"""A page holding one of these needs the site's script to work, so it goes in as a link."""

REMOVED_TAGS = ("script", "noscript", "button", "form", "input", "select", "textarea", "iframe", "template")
PAGES = "web_resources"
LINKS = "links"
LECTURER = "lecturer"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's timestamp: the earliest a zip can hold, so two builds give identical bytes."""
MAX_PAGE_BYTES = 5_000_000
"""A built page larger than this is refused: the build folder is input like any other."""


class CartridgeError(Exception):
    """The cartridge cannot be built; the message says why and what to do."""


@dataclass
class _Resource:
    identifier: str
    kind: str  # "webcontent" or "imswl_xmlv1p1"
    href: str
    files: list[str]
    instructor_only: bool = False
    intended_use: str | None = None
    dependencies: list[str] = field(default_factory=list)


@dataclass
class _Item:
    title: str
    resource: str | None = None
    children: list[_Item] = field(default_factory=list)


@dataclass
class Cartridge:
    """Everything the zip will hold, by path, and the manifest that describes it."""

    title: str
    entries: dict[str, bytes] = field(default_factory=dict)
    resources: list[_Resource] = field(default_factory=list)
    organisation: list[_Item] = field(default_factory=list)

    def resource(self, resource: _Resource) -> str:
        self.resources.append(resource)
        return resource.identifier


# --- schemas -----------------------------------------------------------------------------------


@cache
def _schema(name: str) -> etree.XMLSchema:
    # A real path, not a stream: the schemas import each other by relative file name.
    path = Path(str(files("ethicskit").joinpath("schemas", "cc-1.1", name)))
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def manifest_schema() -> etree.XMLSchema:
    """The CC 1.1 manifest schema (the IMS Content Packaging 1.2 profile), compiled offline."""
    return _schema("ccv1p1_imscp_v1p2_v1p0.xsd")


def weblink_schema() -> etree.XMLSchema:
    return _schema("ccv1p1_imswl_v1p1.xsd")


def _validated(document: etree._Element, schema: etree.XMLSchema, failure: Callable[[str], str]) -> bytes:
    """The document as bytes, once its schema accepts it; else the error `failure` words from the
    schema's own message."""
    if not schema.validate(document):
        raise CartridgeError(failure(str(schema.error_log.last_error)))
    return bytes(etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True))


# --- the table of contents ---------------------------------------------------------------------


@dataclass(frozen=True)
class TocEntry:
    file: str
    sections: tuple[TocEntry, ...] = ()


def read_toc(root: Path) -> tuple[str, list[tuple[str, list[TocEntry]]]]:
    """(root page, [(part caption, chapters)]) from `_toc.yml`, the book's own structure."""
    path = root / "_toc.yml"
    try:
        toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CartridgeError(_("_toc.yml could not be read: {error}", error=str(error)[:200])) from None

    def entries(items: object) -> list[TocEntry]:
        if not isinstance(items, list):
            raise CartridgeError(_("_toc.yml: a part's 'chapters' and a chapter's 'sections' must be lists"))
        found = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("file"), str):
                raise CartridgeError(_("_toc.yml: every chapter and section needs a 'file'"))
            found.append(TocEntry(item["file"], tuple(entries(item.get("sections", [])))))
        return found

    if not isinstance(toc, dict) or not isinstance(toc.get("root"), str):
        raise CartridgeError(_("_toc.yml needs a 'root' page and 'parts'"))
    if "parts" not in toc and "chapters" in toc:
        return toc["root"], [("", entries(toc["chapters"]))]  # a book of chapters with no parts
    parts = [
        (str(part.get("caption", "")), entries(part.get("chapters", []))) for part in toc.get("parts", [])
    ]
    return toc["root"], parts


# --- pages -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One built page: its title, its article with every script removed, and the files it shows."""

    title: str
    article: str
    interactive: bool
    assets: tuple[str, ...]
    dilemmas: tuple[str, ...] = ()
    """The ids of the dilemmas whose players the page holds."""


def _read_built(site: Path, docname: str) -> html.HtmlElement:
    path = site / f"{docname}.html"
    if not path.is_file():
        raise CartridgeError(
            _(
                "{path} is missing: build the student book first ('make book'), or pass --site to the "
                "built book's html folder",
                path=str(path),
            )
        )
    if path.stat().st_size > MAX_PAGE_BYTES:
        raise CartridgeError(
            _(
                "{path} is larger than {limit} bytes; it is not a page of the book",
                path=str(path),
                limit=current().number(MAX_PAGE_BYTES),
            )
        )
    return html.fromstring(path.read_bytes())


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith(("#", "/")))


def clean_page(site: Path, docname: str, site_url: str | None, static_pages: set[str]) -> Page:
    """The page's article as static HTML: links to pages in the cartridge stay relative, every other
    link into the site points at the published site (or, with no site address, is dropped, keeping
    its words), and the images it shows are listed to pack."""
    document = _read_built(site, docname)
    title_nodes = document.xpath("//article//h1")
    title = title_nodes[0].text_content().replace("#", "").strip() if title_nodes else docname
    articles = document.xpath(
        "//article[contains(concat(' ', @class, ' '), ' bd-article ')]"
    ) or document.xpath("//main")
    if not articles:
        raise CartridgeError(
            _("{path} has no article; is it a page of the built book?", path=f"{site / docname}.html")
        )
    article = articles[0]
    interactive = any(
        article.xpath(f".//*[contains(concat(' ', @class, ' '), ' {name} ')]") for name in INTERACTIVE_CLASSES
    )
    dilemmas = tuple(
        str(found).removeprefix("dilemma-")
        for found in article.xpath(".//*[contains(concat(' ', @class, ' '), ' ek-dilemma ')]/@id")
        if str(found).startswith("dilemma-")
    )
    for node in article.xpath("|".join(f".//{tag}" for tag in REMOVED_TAGS)):
        node.drop_tree()
    for node in article.xpath(".//a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
        node.drop_tree()
    assets: set[str] = set()
    folder = posixpath.dirname(docname)
    for node in article.iter():
        if not isinstance(node.tag, str):
            continue
        for name in list(node.attrib):
            if name.lower().startswith("on"):
                del node.attrib[name]  # event handlers are script too
        for name in ("href", "src"):
            url = node.get(name)
            if url is None:
                continue
            if url.strip().lower().startswith(("javascript:", "vbscript:", "data:text")):
                del node.attrib[name]
                continue
            if not _is_local(url):
                continue
            target, fragment = urldefrag(url)
            target_path = posixpath.normpath(posixpath.join(folder, target)) if target else docname + ".html"
            if name == "src":
                if (site / target_path).is_file():
                    assets.add(target_path)
                continue
            if target_path.endswith(".html") and target_path[: -len(".html")] in static_pages:
                continue  # a page in the cartridge: the relative link works as it stands
            if site_url and (target_path.endswith(".html") or (site / target_path).is_file()):
                node.set(name, urljoin(site_url, target_path) + (f"#{fragment}" if fragment else ""))
            else:
                del node.attrib[name]
    body = html.tostring(article, encoding="unicode")
    return Page(title, body, interactive, tuple(sorted(assets)), dilemmas)


PAGE_STYLE = (
    "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:1rem auto;padding:0 1rem}"
    "img{max-width:100%;height:auto}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem}"
)


def page_document(title: str, article: str) -> str:
    """A whole HTML page around an article: no script, one small inline style, the licence line."""
    footer = _(
        "First Loyalty, {edition}. Teaching content CC BY 4.0; paraphrases of codes are the kit's own "
        "words, and the official texts belong to their issuers.",
        edition=_("course pack"),
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{page_language()}"><head><meta charset="utf-8">'
        f"<title>{_escape(title)}</title><style>{PAGE_STYLE}</style></head><body>{article}"
        f"<footer><p>{_escape(footer)}</p></footer></body></html>\n"
    )


def scorm_page(title: str, package: str) -> str:
    """The static page that carries a dilemma's SCORM package: what it is, and how to play it."""
    name = f"<em>{_escape(title)}</em>"
    link = f'<a href="{_escape(package)}">{_escape(package)}</a>'
    # Each sentence is looked up whole, escaped, and only then given its title, link and file name.
    what = _escape(
        _(
            "{title} is an interactive dilemma: at each decision you choose what to do, and see where "
            "that choice leads and what it costs each person involved.",
            title="{title}",
        )
    ).replace("{title}", name)
    how = (
        _escape(
            _(
                "It comes in this course as a SCORM 1.2 package, {link}. If your lecturer has added it to "
                "the course as a SCORM activity, play it there. It also plays on its own: download the "
                "file, unzip it and open {file} in a web browser; it needs no internet connection.",
                link="{link}",
                file="{file}",
            )
        )
        .replace("{link}", link)
        .replace("{file}", "<code>index.html</code>")
    )
    told = _escape(
        _(
            "Played as a SCORM activity, it tells the VLE that you started, when you reach an ending, the "
            "time spent, and short codes for the decisions and choices on your path, so that you can carry "
            "on where you left off. What you write in its reflection boxes is never sent to the VLE: it "
            "stays in the browser on your device."
        )
    )
    return page_document(
        title, f"<article><h1>{_escape(title)}</h1><p>{what}</p><p>{how}</p><p>{told}</p></article>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- building ----------------------------------------------------------------------------------


def _identifier(prefix: str, name: str) -> str:
    return f"{prefix}-" + re.sub(r"[^A-Za-z0-9_.-]", "-", name)


def _weblink(title: str, url: str) -> bytes:
    link = etree.Element(f"{{{WL}}}webLink", nsmap={None: WL, "xsi": XSI})
    link.set(f"{{{XSI}}}schemaLocation", f"{WL} {WL_HINT}")
    etree.SubElement(link, f"{{{WL}}}title").text = title
    url_node = etree.SubElement(link, f"{{{WL}}}url")
    url_node.set("href", url)
    url_node.set("target", "_blank")
    return _validated(
        link,
        weblink_schema(),
        lambda error: _(
            "the web link for '{title}' does not validate against the CC 1.1 schema: {error}",
            title=title,
            error=error,
        ),
    )


def scorm_packages(catalog: Catalog, when: datetime | None = None) -> dict[str, bytes]:
    """Every dilemma's SCORM 1.2 zip, by dilemma id: the same bytes as `ethicskit.scorm.write_package`."""
    return {
        dilemma_id: zip_bytes(package_files(loaded.model, catalog), when)
        for dilemma_id, loaded in sorted(catalog.dilemmas.items())
    }


def build(
    root: Path,
    site: Path,
    site_url: str | None,
    catalog: Catalog,
    title: str,
    scorm: Mapping[str, bytes] | None = None,
) -> Cartridge:
    """The cartridge's content and manifest, from the kit, its built student site and the site's address.

    With `scorm` (dilemma id to its SCORM zip), each dilemma's page carries its package instead of
    linking to the published site, and the site's address may be left out."""
    if site_url is None and scorm is None:
        raise CartridgeError(_("a cartridge that links to the published site needs the site's address"))
    if site_url is not None and not re.match(r"^https?://[^\s/]+", site_url):
        raise CartridgeError(
            _(
                "'{address}' is not the address of a published site; give one such as {example}",
                address=site_url,
                example="https://example.org/book/",
            )
        )
    if site_url is not None and not site_url.endswith("/"):
        site_url += "/"
    root_page, parts = read_toc(root)
    cartridge = Cartridge(title)
    all_files = [root_page] + [entry.file for _, chapters in parts for entry in _flatten(chapters)]
    pages: dict[str, Page] = {}
    for docname in all_files:
        pages[docname] = clean_page(site, docname, site_url, set())
    embedded = {
        docname: page.dilemmas[0]
        for docname, page in pages.items()
        if scorm is not None and len(page.dilemmas) == 1 and page.dilemmas[0] in scorm
    }
    static = {docname for docname, page in pages.items() if not page.interactive} | set(embedded)
    # Second pass, now that it is known which pages are in the cartridge as pages.
    pages = {docname: clean_page(site, docname, site_url, static) for docname in all_files}

    assets = sorted({asset for page in pages.values() for asset in page.assets})
    for asset in assets:
        cartridge.entries[f"{PAGES}/{asset}"] = (site / asset).read_bytes()
    asset_id = None
    if assets:
        asset_id = cartridge.resource(
            _Resource("RES-assets", "webcontent", f"{PAGES}/{assets[0]}", [f"{PAGES}/{a}" for a in assets])
        )

    def item_for(docname: str) -> _Item | None:
        page = pages[docname]
        if docname in embedded:
            dilemma_id = embedded[docname]
            path, package = f"{PAGES}/{docname}.html", f"{PAGES}/{docname}.zip"
            dilemma_title = catalog.dilemmas[dilemma_id].model.title
            cartridge.entries[path] = scorm_page(dilemma_title, posixpath.basename(package)).encode("utf-8")
            cartridge.entries[package] = scorm[dilemma_id]  # type: ignore[index]
            ref = cartridge.resource(
                _Resource(_identifier("SCORM", dilemma_id), "webcontent", path, [path, package])
            )
            return _Item(_("{title} (SCORM 1.2 package)", title=dilemma_title), ref)
        if page.interactive:
            if site_url is None:
                return None  # it needs the site's script, and there is no site to link to
            path = f"{LINKS}/{docname.replace('/', '-')}.xml"
            cartridge.entries[path] = _weblink(page.title, urljoin(site_url, f"{docname}.html"))
            ref = cartridge.resource(_Resource(_identifier("LINK", docname), "imswl_xmlv1p1", "", [path]))
        else:
            path = f"{PAGES}/{docname}.html"
            cartridge.entries[path] = page_document(page.title, page.article).encode("utf-8")
            depends = [asset_id] if asset_id and page.assets else []
            ref = cartridge.resource(
                _Resource(_identifier("PAGE", docname), "webcontent", path, [path], dependencies=depends)
            )
        return _Item(page.title, ref)

    def items(docnames: Iterable[str]) -> list[_Item]:
        return [item for item in map(item_for, docnames) if item is not None]

    cartridge.organisation += items([root_page])
    for caption, chapters in parts:
        module = _Item(caption or _("Chapters"))
        for entry in chapters:
            if entry.sections:
                folder = _Item(pages[entry.file].title)
                folder.children = items([entry.file] + [section.file for section in _flatten(entry.sections)])
                if folder.children:
                    module.children.append(folder)
            else:
                module.children += items([entry.file])
        if module.children:
            cartridge.organisation.append(module)
    cartridge.organisation.append(_lecturer_module(cartridge, catalog))
    cartridge.entries["imsmanifest.xml"] = manifest(cartridge)
    _check_complete(cartridge)
    return cartridge


def _flatten(entries: Iterable[TocEntry]) -> list[TocEntry]:
    out: list[TocEntry] = []
    for entry in entries:
        out.append(entry)
        out += _flatten(entry.sections)
    return out


def _lecturer_module(cartridge: Cartridge, catalog: Catalog) -> _Item:
    """Each seminar's lecturer pack and each dilemma's lecturer map, for the Instructor role only."""
    module = _Item(_("For lecturers only"))
    packs = _Item(_("Seminar packs, lecturer's copies"))
    for seminar_id in sorted(catalog.seminars):
        title, document = handout("seminar", seminar_id, catalog, lecturer=True)
        path = f"{LECTURER}/seminar-pack-{seminar_id}.html"
        cartridge.entries[path] = document.encode("utf-8")
        ref = cartridge.resource(
            _Resource(
                _identifier("LECTURER-SEMINAR", seminar_id),
                "webcontent",
                path,
                [path],
                instructor_only=True,
                intended_use="lessonplan",
            )
        )
        packs.children.append(_Item(_("{title} (lecturer's pack)", title=title), ref))
    maps = _Item(_("Dilemma maps with facilitator notes"))
    for dilemma_id in sorted(catalog.dilemmas):
        title, document = handout("dilemma", dilemma_id, catalog, lecturer=True)
        path = f"{LECTURER}/dilemma-{dilemma_id}.html"
        cartridge.entries[path] = document.encode("utf-8")
        ref = cartridge.resource(
            _Resource(
                _identifier("LECTURER-DILEMMA", dilemma_id), "webcontent", path, [path], instructor_only=True
            )
        )
        maps.children.append(_Item(_("{title} (lecturer's map)", title=title), ref))
    module.children = [child for child in (packs, maps) if child.children]
    return module


def _lom_string(parent: etree._Element, ns: str, tag: str, text: str) -> None:
    holder = etree.SubElement(parent, f"{{{ns}}}{tag}")
    string = etree.SubElement(holder, f"{{{ns}}}string")
    string.set("language", page_language())
    string.text = text


def manifest(cartridge: Cartridge) -> bytes:
    """`imsmanifest.xml`, validated against the CC 1.1 schema."""
    nsmap = {None: CC, "lomimscc": LOMM, "lom": LOMR, "xsi": XSI}
    root = etree.Element(f"{{{CC}}}manifest", nsmap=nsmap)
    root.set("identifier", "first-loyalty-cartridge")
    root.set(f"{{{XSI}}}schemaLocation", " ".join(f"{ns} {hint}" for ns, hint in SCHEMA_HINTS.items()))
    metadata = etree.SubElement(root, f"{{{CC}}}metadata")
    etree.SubElement(metadata, f"{{{CC}}}schema").text = "IMS Common Cartridge"
    etree.SubElement(metadata, f"{{{CC}}}schemaversion").text = "1.1.0"
    lom = etree.SubElement(metadata, f"{{{LOMM}}}lom")
    general = etree.SubElement(lom, f"{{{LOMM}}}general")
    _lom_string(general, LOMM, "title", cartridge.title)
    etree.SubElement(general, f"{{{LOMM}}}language").text = page_language()
    organisations = etree.SubElement(root, f"{{{CC}}}organizations")
    organisation = etree.SubElement(organisations, f"{{{CC}}}organization")
    organisation.set("identifier", "ORG-book")
    organisation.set("structure", "rooted-hierarchy")
    top = etree.SubElement(organisation, f"{{{CC}}}item")
    top.set("identifier", "ITEM-root")
    counter = iter(range(1, 100_000))

    def add(parent: etree._Element, item: _Item) -> None:
        node = etree.SubElement(parent, f"{{{CC}}}item")
        node.set("identifier", f"ITEM-{next(counter):04d}")
        if item.resource:
            node.set("identifierref", item.resource)
        etree.SubElement(node, f"{{{CC}}}title").text = item.title
        for child in item.children:
            add(node, child)

    for item in cartridge.organisation:
        add(top, item)
    resources = etree.SubElement(root, f"{{{CC}}}resources")
    for resource in cartridge.resources:
        node = etree.SubElement(resources, f"{{{CC}}}resource")
        node.set("identifier", resource.identifier)
        node.set("type", resource.kind)
        if resource.href:
            node.set("href", resource.href)
        if resource.intended_use:
            node.set("intendeduse", resource.intended_use)
        if resource.instructor_only:
            meta = etree.SubElement(node, f"{{{CC}}}metadata")
            rlom = etree.SubElement(meta, f"{{{LOMR}}}lom")
            educational = etree.SubElement(rlom, f"{{{LOMR}}}educational")
            role = etree.SubElement(educational, f"{{{LOMR}}}intendedEndUserRole")
            etree.SubElement(role, f"{{{LOMR}}}source").text = "IMSGLC_CC_Rolesv1p1"
            etree.SubElement(role, f"{{{LOMR}}}value").text = "Instructor"
        for path in resource.files:
            etree.SubElement(node, f"{{{CC}}}file").set("href", path)
        for dependency in resource.dependencies:
            etree.SubElement(node, f"{{{CC}}}dependency").set("identifierref", dependency)
    return _validated(
        root,
        manifest_schema(),
        lambda error: _("the manifest does not validate against the CC 1.1 schema: {error}", error=error),
    )


def _check_complete(cartridge: Cartridge) -> None:
    """Every file the manifest names is in the zip, and no page carries script."""
    for resource in cartridge.resources:
        for path in resource.files:
            if path not in cartridge.entries:
                raise CartridgeError(
                    _(
                        "resource {resource} names {path}, which is not packed",
                        resource=resource.identifier,
                        path=path,
                    )
                )
    for path, data in cartridge.entries.items():
        if path.endswith(".html") and re.search(rb"<script\b", data, re.IGNORECASE):
            raise CartridgeError(
                _("{path} would carry a script, which VLEs strip; it was not packed", path=path)
            )


def write_zip(entries: dict[str, bytes], output: Path) -> None:
    """A zip whose bytes depend only on its entries: sorted names, fixed times and permissions."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        # The manifest first: some importers look for it at the start of the archive.
        for name in sorted(entries, key=lambda name: (name != "imsmanifest.xml", name)):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, entries[name], compresslevel=9)
