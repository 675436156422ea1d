"""The parts of a .docx package: the main document, its relationships, styles, headers, footers and notes."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator

from lxml import etree

from reviewtools import errors
from reviewtools.errors import ReadError
from reviewtools.text import regex_cache

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PPR, VAL, TYPE = W + "pPr", W + "val", W + "type"
NOT_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
HEADING_STYLE = regex_cache.compile(r"^\s*(heading|title|标题)", re.IGNORECASE)
BODY_OUTLINE = 9  # outlineLvl 9 is body text; 0-8 are heading levels
MAX_PART_BYTES = 512 * 1024 * 1024  # uncompressed size of one part: more is a zip bomb, not a document
# Entity expansion and network access off: the file comes from anywhere.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)


def val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(VAL)


class Package:
    """The parts of one .docx: main document, its relationships and styles."""

    def __init__(self, zf: zipfile.ZipFile, path: str):
        self.zf = zf
        self.path = path
        self.main = "word/document.xml"
        self.rels = self._relationships()

    def read(self, name: str) -> bytes:
        if self.zf.getinfo(name).file_size > MAX_PART_BYTES:
            raise ReadError(self.path, errors.TOO_LARGE)
        return self.zf.read(name)

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.read(name), PARSER)

    def _relationships(self) -> dict[str, tuple[str, str]]:
        """rId → (type suffix, part name) for the main document's relationships."""
        folder, name = posixpath.split(self.main)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if rels_name not in self.zf.NameToInfo:
            return {}
        rels = {}
        for rel in self.xml(rels_name).iter(PR + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            rels[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], part)
        return rels

    def part(self, kind: str) -> etree._Element | None:
        """The first part related to the main document with relationship type `kind` (styles, footnotes…)."""
        for rel_type, name in self.rels.values():
            if rel_type == kind and name in self.zf.NameToInfo:
                return self.xml(name)
        return None

    def heading_styles(self) -> frozenset[str]:
        """Ids of paragraph styles that make a heading: named Heading*/Title/标题*, or with an outline level."""
        root = self.part("styles")
        if root is None:
            return frozenset()
        styles = {}  # id → (is named a heading, own outline level, based on)
        for style in root.iter(W + "style"):
            if style.get(TYPE) != "paragraph":
                continue
            sid = style.get(W + "styleId", "")
            name = val(style.find(W + "name")) or ""
            level = val(style.find(f"{PPR}/{W}outlineLvl"))
            styles[sid] = (bool(HEADING_STYLE.match(sid) or HEADING_STYLE.match(name)),
                           int(level) if level and level.isdigit() else None, val(style.find(W + "basedOn")))

        def outline(sid: str | None, seen: frozenset[str] = frozenset()) -> int | None:
            if sid not in styles or sid in seen:
                return None
            _, level, base = styles[sid]
            return level if level is not None else outline(base, seen | {sid})

        def heading(sid: str) -> bool:
            level = outline(sid)
            return styles[sid][0] or (level is not None and level < BODY_OUTLINE)

        return frozenset(filter(heading, styles))

    def furniture(self, sections: list[etree._Element]) -> Iterator[tuple[str, etree._Element]]:
        """Headers, footers (in the order of `sections`, the w:sectPr elements), then footnotes and endnotes,
        as (kind, element)."""
        for kind in ("header", "footer"):
            for sect in sections:
                for ref in sect.iter(f"{W}{kind}Reference"):
                    rel = self.rels.get(ref.get(R + "id"))
                    if rel is not None and rel[1] in self.zf.NameToInfo:
                        yield kind, self.xml(rel[1])
        for part, tag in (("footnotes", "footnote"), ("endnotes", "endnote")):
            root = self.part(part)
            for note in root.iter(W + tag) if root is not None else ():
                if note.get(TYPE) not in NOT_NOTES:
                    yield "footnote", note
