"""OFD (GB/T 33190): a zip of XML files; the text sits in TextObject/TextCode elements with positions.

OFD.xml → DocBody/DocRoot → Document.xml → Pages/Page/@BaseLoc → the page's Content.xml, plus the
TemplatePage contents a page refers to and the CompositeGraphicUnits its CompositeObjects draw (defined in
the PublicRes/DocumentRes/PageRes resource files: some writers put a whole page's text in one). Namespaces differ between producers (usually
http://www.ofdspec.org/2016 with prefix ofd, sometimes none), so elements are matched by local name.
Coordinates are millimetres from the page's top-left corner, Y of a TextCode being the baseline.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from io import BytesIO

from lxml import etree

from reviewtools import errors
from reviewtools.document import Document
from reviewtools.errors import ReadError
from reviewtools.ingest import ocr
from reviewtools.ingest.grid import CELL_GAP
from reviewtools.ingest.layout import Line, Page, assemble, is_red

MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part, uncompressed
DEFAULT_PAGE = (210.0, 297.0)  # A4 in mm, when the file gives no page area
SAME_LINE = 0.5  # baselines closer than this share of the font size are one line
SPACE_GAP = 0.5  # a gap this share of the font size between two runs on a line reads as a space
MAX_NESTING = 8  # composite units drawn inside composite units, at most this deep; a unit inside itself is not drawn
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)  # an affine map (a, b, c, d, e, f): x' = ax + cy + e, y' = bx + dy + f

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


class _Corrupt(Exception):
    """A part is missing or not well-formed XML."""


@dataclass(slots=True)
class _Image:
    """One ImageObject: its MultiMedia resource and its box (x, y, width, height) on the page."""

    resource: str | None
    box: tuple[float, float, float, float]


@dataclass(slots=True)
class _Run:
    """One TextCode, placed on the page."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    red: bool


def read(data: bytes, path: str) -> Document:
    try:
        package = zipfile.ZipFile(BytesIO(data))
        if any(name.lower().endswith("encryptions.xml") for name in package.namelist()):
            raise ReadError(path, errors.ENCRYPTED)
        pages, images = _read_pages(package)
        bare = [page for page, drawn in zip(pages, images, strict=True)
                if drawn and sum(len(line.text.strip()) for line in page.lines) < ocr.BARE_PAGE_CHARS]
        unread = []
        if bare and ocr.available():
            pages = _recognized(package, pages, bare, images, path)
        elif bare:
            if not any(page.lines for page in pages):
                raise ReadError(path, errors.SCANNED)
            unread = [page.number for page in bare]
    except (_Corrupt, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReadError(path, errors.CORRUPT) from exc
    return assemble(pages, path, "ofd", warnings=[ocr.unread(unread)] if unread else [])


# --- pages that are only images ------------------------------------------------------------------

def _recognized(package: zipfile.ZipFile, pages: list[Page], bare: list[Page], images: list[list],
                path: str) -> list[Page]:
    """`pages` with each bare page drawn from its images and its text recognised, each in its place."""
    media = _media(package)
    drawn = [(page.number, page.width, page.height, _draw(package, page, images[page.number - 1], media))
             for page in bare]
    for page in ocr.recognize(drawn):
        pages[page.number - 1] = page
    if not any(page.lines for page in pages):
        raise ReadError(path, errors.NOTHING_RECOGNIZED)
    return pages


def _media(package: zipfile.ZipFile) -> dict[str, str]:
    """Image resource ID → part name, from every resource file of the first document."""
    entry = _entry(package, "OFD.xml").filename
    doc_path = _resolve(posixpath.dirname(entry), _text(_xml(package, entry).find("DocBody/DocRoot")))
    doc_dir, out = posixpath.dirname(doc_path), {}
    for res in _xml(package, doc_path).iterfind("CommonData/*"):
        if res.tag not in ("PublicRes", "DocumentRes") or not _text(res):
            continue
        res_path = _resolve(doc_dir, _text(res))
        root = _xml(package, res_path)
        base = _resolve(posixpath.dirname(res_path), root.get("BaseLoc", ""))
        for item in root.iter("MultiMedia"):
            if _text(item.find("MediaFile")):
                out[item.get("ID")] = _resolve(base, _text(item.find("MediaFile")))
    return out


def _draw(package: zipfile.ZipFile, page: Page, objects: list[_Image], media: dict[str, str]):
    """The page (white, at ocr.DPI) with each of its images pasted into its box."""
    from PIL import Image

    scale = ocr.DPI / 25.4
    canvas = Image.new("L", (round(page.width * scale), round(page.height * scale)), 255)
    for obj in objects:
        name, (x, y, width, height) = media.get(obj.resource), obj.box
        if not name or width <= 0 or height <= 0:
            continue
        image = Image.open(BytesIO(package.read(_entry(package, name)))).convert("L")
        canvas.paste(image.resize((max(1, round(width * scale)), max(1, round(height * scale)))),
                     (round(x * scale), round(y * scale)))
    return canvas


# --- package structure --------------------------------------------------------------------------

def _xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    """A part parsed, with namespaces taken off the element names."""
    info = _entry(package, name)
    if info.file_size > MAX_PART_BYTES:
        raise _Corrupt(f"{name} too large")
    root = etree.fromstring(package.read(info), _PARSER)
    for el in root.iter():
        if isinstance(el.tag, str):
            el.tag = etree.QName(el).localname
    return root


def _entry(package: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    """The zip entry for `name`; paths in OFD files are matched case-insensitively, with or without a leading /."""
    wanted = name.lstrip("/").lower()
    for info in package.infolist():
        if info.filename.lstrip("/").lower() == wanted:
            return info
    raise _Corrupt(f"missing part {name}")


def _resolve(base_dir: str, loc: str) -> str:
    """A BaseLoc: absolute (from the package root) when it starts with /, else relative to `base_dir`."""
    loc = loc.strip().replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_dir, loc))


def _read_pages(package: zipfile.ZipFile) -> tuple[list[Page], list[list[_Image]]]:
    """Every page of the first document in the package, and the images each page draws (composites'
    included)."""
    entry = _entry(package, "OFD.xml").filename
    doc_root = _text(_xml(package, entry).find("DocBody/DocRoot"))
    if not doc_root:
        raise _Corrupt("no DocRoot")
    doc_path = _resolve(posixpath.dirname(entry), doc_root)
    document = _xml(package, doc_path)
    doc_dir = posixpath.dirname(doc_path)
    default_size = _box_size(document.find("CommonData/PageArea/PhysicalBox")) or DEFAULT_PAGE
    templates = {t.get("ID"): _resolve(doc_dir, t.get("BaseLoc", ""))
                 for t in document.iterfind("CommonData/TemplatePage") if t.get("BaseLoc")}
    shared = [_resolve(doc_dir, _text(res)) for res in document.iterfind("CommonData/*")
              if res.tag in ("PublicRes", "DocumentRes") and _text(res)]
    units = _Units(package, shared)
    template_runs: dict[str, tuple[list[_Run], list[_Image]]] = {}
    pages, images = [], []
    for number, ref in enumerate(document.iterfind("Pages/Page"), start=1):
        if not ref.get("BaseLoc"):
            raise _Corrupt("page without BaseLoc")
        page_path = _resolve(doc_dir, ref.get("BaseLoc"))
        content = _xml(package, page_path)
        own = [_resolve(posixpath.dirname(page_path), _text(res)) for res in content.iterfind("PageRes") if _text(res)]
        drawn: list[_Image] = []
        runs = _runs(content, units.with_page(own), drawn)
        for use in content.iterfind("Template"):
            loc = templates.get(use.get("TemplateID"))
            if loc:
                if loc not in template_runs:
                    template_images: list[_Image] = []
                    template_runs[loc] = (_runs(_xml(package, loc), units, template_images), template_images)
                runs = template_runs[loc][0] + runs
                drawn = template_runs[loc][1] + drawn
        width, height = _box_size(content.find("Area/PhysicalBox")) or default_size
        pages.append(Page(number, width, height, _lines(runs)))
        images.append(drawn)
    if not pages:
        raise _Corrupt("no pages")
    return pages, images


def _text(el) -> str:
    return (el.text or "").strip() if el is not None else ""


def _numbers(value: str | None) -> list[float]:
    return [float(v) for v in (value or "").split()]


def _box_size(el) -> tuple[float, float] | None:
    box = _numbers(_text(el))
    return (box[2], box[3]) if len(box) == 4 else None


class _Units:
    """The CompositeGraphicUnits of the document's resource files (and a page's own), read when first drawn."""

    def __init__(self, package: zipfile.ZipFile, shared: list[str], parent: _Units | None = None):
        self.package = package
        self.files = shared
        self.parent = parent
        self.found: dict[str, etree._Element] | None = None

    def with_page(self, files: list[str]) -> _Units:
        return _Units(self.package, files, self) if files else self

    def get(self, unit_id: str | None) -> etree._Element | None:
        if self.found is None:
            self.found = {}
            for name in self.files:
                try:
                    res = _xml(self.package, name)
                except _Corrupt:  # a resource file listed but absent: its units are not drawn
                    continue
                self.found.update((unit.get("ID"), unit) for unit in res.iter("CompositeGraphicUnit"))
        unit = self.found.get(unit_id)
        return unit if unit is not None or self.parent is None else self.parent.get(unit_id)


# --- text on a page -----------------------------------------------------------------------------

def _runs(root: etree._Element, units: _Units | None, images: list[_Image], placed: tuple[float, ...] = IDENTITY,
          chain: tuple[str | None, ...] = ()) -> list[_Run]:
    """Every TextCode under `root` (layers, page blocks, composite units drawn), in page coordinates;
    `placed` maps the coordinates of `root` to the page's. The ImageObjects met are added to `images`."""
    runs = []
    for obj in root.iter("TextObject", "CompositeObject", "ImageObject"):
        if obj.tag == "ImageObject":
            box = _numbers(obj.get("Boundary"))
            if len(box) == 4:
                images.append(_Image(obj.get("ResourceID"), _placed_box(placed, box)))
            continue
        if obj.tag == "CompositeObject":
            unit_id = obj.get("ResourceID")
            drawable = units is not None and len(chain) < MAX_NESTING and unit_id not in chain
            unit = units.get(unit_id) if drawable else None
            boundary = _numbers(obj.get("Boundary"))
            if unit is not None and len(boundary) == 4:
                inner = _compose(_compose(placed, (1.0, 0.0, 0.0, 1.0, boundary[0], boundary[1])), _ctm(obj))
                runs += _runs(unit.find("Content") if unit.find("Content") is not None else unit, units, images,
                              inner, (*chain, unit_id))
            continue
        boundary = _numbers(obj.get("Boundary"))
        if len(boundary) != 4:
            raise _Corrupt("TextObject without Boundary")
        ctm = _compose(placed, (1.0, 0.0, 0.0, 1.0, boundary[0], boundary[1]), _ctm(obj))
        scale = abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]) ** 0.5 or 1.0
        # Size is required, but some writers spell it "size" or leave it out: the boundary's height then.
        size = float(obj.get("Size") or obj.get("size") or 0) * scale or boundary[3]
        red = _is_red(obj.find("FillColor"))
        x = y = 0.0
        for code in obj.iterfind("TextCode"):
            text = code.text or ""
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            advances = _advances(code.get("DeltaX"), text, size / scale)
            end = x + sum(advances)
            if text:
                runs.append(_place(text, x, end, y, ctm, size, red))
            x = end
    return runs


def _advances(delta_x: str | None, text: str, size: float) -> list[float]:
    """The advance after each character: DeltaX (with its "g count value" shorthand), else the glyph's width."""
    tokens = (delta_x or "").split()
    deltas: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            deltas.extend([float(tokens[i + 2])] * int(float(tokens[i + 1])))
            i += 3
        else:
            deltas.append(float(tokens[i]))
            i += 1
    widths = [0.5 * size if ch.isascii() else size for ch in text]
    return [deltas[i] if i < len(deltas) and i < len(text) - 1 else widths[i] for i in range(len(text))]


def _ctm(obj: etree._Element) -> tuple[float, ...]:
    ctm = _numbers(obj.get("CTM"))
    if ctm and len(ctm) != 6:
        raise _Corrupt("bad CTM")
    return tuple(ctm) if ctm else IDENTITY


def _compose(*maps: tuple[float, ...]) -> tuple[float, ...]:
    """The affine map that applies the last of `maps` first (object space → … → page)."""
    a, b, c, d, e, f = maps[0]
    for a2, b2, c2, d2, e2, f2 in maps[1:]:
        a, b, c, d, e, f = (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2,
                            a * e2 + c * f2 + e, b * e2 + d * f2 + f)
    return a, b, c, d, e, f


def _placed_box(placed: tuple[float, ...], box: list[float]) -> tuple[float, float, float, float]:
    """A Boundary (x, y, width, height) in the coordinates `placed` maps to the page, on the page."""
    a, b, c, d, e, f = placed
    xs = [a * x + c * y + e for x in (box[0], box[0] + box[2]) for y in (box[1], box[1] + box[3])]
    ys = [b * x + d * y + f for x in (box[0], box[0] + box[2]) for y in (box[1], box[1] + box[3])]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _place(text: str, x0: float, x1: float, y: float, ctm: tuple[float, ...], size: float, red: bool) -> _Run:
    a, b, c, d, e, f = ctm
    left = a * x0 + c * y + e
    right = a * x1 + c * y + e
    baseline = b * x0 + d * y + f
    return _Run(text, min(left, right), max(left, right), baseline, size, red)


def _is_red(color) -> bool:
    if color is None:
        return False
    values = []
    for token in (color.get("Value") or color.findtext("Value") or "").split():
        values.append(int(token[1:], 16) if token.startswith("#") else float(token))
    return len(values) == 3 and is_red(*values)


def _lines(runs: list[_Run]) -> list[Line]:
    """Runs grouped into lines (baselines within tolerance), each line read left to right, top to bottom."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.baseline, r.x0)):
        current = lines[-1] if lines else None
        if current and run.baseline - current[0].baseline <= SAME_LINE * max(min(run.size, current[0].size), 1e-6):
            current.append(run)
        else:
            lines.append([run])
    return [line for line in map(_line, lines) if line.text.strip()]


def _line(runs: list[_Run]) -> Line:
    """One line from its runs, left to right; parts set apart by wide white space (table cells) noted."""
    runs = sorted(runs, key=lambda r: r.x0)
    text = runs[0].text
    parts = [[runs[0]]]
    for before, run in zip(runs, runs[1:], strict=False):
        gap = run.x0 - before.x1
        em = max(before.size, run.size)
        if gap >= SPACE_GAP * em and not text.endswith(" ") and not run.text.startswith(" "):
            text += " "
        text += run.text
        if gap >= CELL_GAP * em:
            parts.append([run])
        else:
            parts[-1].append(run)
    sizes = sorted(r.size for r in runs)
    size = sizes[len(sizes) // 2]
    baseline = runs[0].baseline
    segments = tuple((_line(part).text, part[0].x0, max(r.x1 for r in part)) for part in parts) if len(parts) > 1 else ()
    return Line(text.strip(), runs[0].x0, max(r.x1 for r in runs),
                baseline - 0.88 * size, baseline + 0.12 * size, size, runs[len(runs) // 2].red, segments)
