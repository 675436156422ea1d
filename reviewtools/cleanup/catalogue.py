"""What the catalogue writers render: this year's valid, repealed and expired documents, and the change from
last year's published catalogue. Decided status wins over proposed status; writers decide nothing."""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from rapidfuzz import fuzz, process

from reviewtools.extract.docnumber import find_all
from reviewtools.registry import Registry, title_key

FUZZY_TITLE = 90  # rapidfuzz ratio for titles written slightly differently (a character dropped or added)
# How published catalogues write a status, mapped to the four cleanup statuses.
_STATUS_WORDS = (("宣布失效", "宣布失效"), ("失效", "宣布失效"), ("废止", "废止"), ("修改", "修改"), ("修订", "修改"),
                 ("修正", "修改"), ("有效", "继续有效"))
# A file name that is a label, not a title: 附件3, 扫描件001, scan_0001, 新建文档 (2).
_LABEL_NAME = re.compile(r"(?:附件|附表|扫描件?|新建.*文档|未命名.*|文档|scan|image|img|doc|file)[\s\d_\-.()（）]*",
                         re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"^(?:附件|附表)\s*[0-9一二三四五六七八九十]*\s*[：:、.\s]\s*")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Entry:
    seq: int  # 1… within its list, in catalogue order (成文日期, 文号, title)
    title: str
    doc_number: str | None  # normalized 文号 (大政发〔2019〕3号)
    issuer: str | None
    issued_on: str | None  # ISO dates
    effective_on: str | None
    expires_on: str | None
    status: str  # decided status, else proposed: 继续有效 / 修改 / 废止 / 宣布失效
    note: str | None  # the office's 备注
    reason: str | None  # decision reason, else the proposal's reasons joined with ；
    text: str  # the document's text as read
    doc_key: str
    proposed: str = ""  # the proposal, whatever was decided
    decided: bool = False  # the office recorded a decision
    replaced_by: str | None = None  # 《title》（文号） of the later document that repeals it
    path: str | None = None  # where it was read, relative to the cleanup folder


@dataclass
class Change:
    kind: str  # added (not in last year's catalogue) / removed (listed last year, not in the folder) / status_changed
    title: str
    doc_number: str | None
    before: str | None  # last year's status (None for added)
    after: str | None  # this year's status (None for removed)
    issuer: str | None = None
    doc_key: str | None = None  # None for removed
    previous_seq: str | None = None  # its 序号 in last year's catalogue


@dataclass
class Catalogue:
    year: int
    valid: list[Entry] = field(default_factory=list)  # 继续有效 and 修改
    repealed: list[Entry] = field(default_factory=list)  # 废止
    expired: list[Entry] = field(default_factory=list)  # 宣布失效
    changes: list[Change] = field(default_factory=list)  # empty when no previous catalogue was imported
    undecided: int = 0  # entries whose status is still only proposed
    untitled: list[str] = field(default_factory=list)  # paths of documents left out: no title, no usable file name

    def edition(self) -> list[dict]:
        """The valid entries as Registry.record_edition keeps them (without texts): next year's previous catalogue."""
        return [{k: v for k, v in asdict(e).items() if k != "text"} for e in self.valid]


def catalogue_data(db: Registry | str | os.PathLike, year: int, texts: bool = True) -> Catalogue:
    """The catalogue of `year` from the registry `db` (an open Registry or its path); `texts=False` leaves
    Entry.text empty (a summary of tens of thousands of documents need not hold their texts)."""
    if isinstance(db, Registry):
        return _catalogue(db, year, texts)
    with Registry.open_existing(db) as reg:
        return _catalogue(reg, year, texts)


def _catalogue(reg: Registry, year: int, texts: bool) -> Catalogue:
    out = Catalogue(year)
    lists = {"继续有效": out.valid, "修改": out.valid, "废止": out.repealed, "宣布失效": out.expired}
    for row in reg.worklist(year, texts):
        title = listed_title(row["title"], row["path"])
        if not title:
            out.untitled.append(row["path"] or row["doc_key"])
            continue
        status = row["decided"] or row["proposed"]
        reason = (row["decision_reason"] or "").strip() if row["decided"] else ""
        target = lists[status]
        target.append(Entry(
            seq=len(target) + 1, title=title, doc_number=row["doc_number"], issuer=row["issuer"],
            issued_on=row["issued_on"], effective_on=row["effective_on"], expires_on=row["expires_on"],
            status=status, note=(row["decision_note"] or None) if row["decided"] else None,
            reason=reason or "；".join(json.loads(row["reasons"])) or None, text=row["text"] or "",
            doc_key=row["doc_key"], proposed=row["proposed"], decided=bool(row["decided"]),
            replaced_by=label(row["replaced_title"], row["replaced_number"]) if row["replaced_title"] else None,
            path=row["path"]))
        out.undecided += not row["decided"]
    out.changes = changes(reg, year, {e.doc_key: e for e in (*out.valid, *out.repealed, *out.expired)})
    return out


def listed_title(title: str | None, path: str | None) -> str:
    """The title a catalogue lists: the one recognised in the document, else the file name when it reads as a
    title (附件2：某某办法.pdf → 某某办法), else "" (the document is left out and named to the office)."""
    if title and title.strip():
        return title.strip()
    stem = _LABEL_PREFIX.sub("", PurePath(path or "").stem).strip()
    if len(_HAN.findall(stem)) < 4 or _LABEL_NAME.fullmatch(stem):
        return ""
    return stem


def label(title: str | None, doc_number: str | None) -> str:
    """《title》（文号） as a reason names a document."""
    return f"《{title or '（无标题）'}》" + (f"（{doc_number}）" if doc_number else "")


def status_word(written: str | None) -> str:
    """A status as a published catalogue writes it (现行有效, 已失效, 废止…) as one of the four; blank is 继续有效."""
    text = (written or "").strip()
    return next((status for word, status in _STATUS_WORDS if word in text), "继续有效")


def match_previous(reg: Registry, year: int) -> None:
    """Match last year's catalogue rows to this year's documents: by the registry's key where last year's
    catalogue is the edition the registry recorded (文号, else title, else content hash), then by 文号, by title
    and by a near title."""
    rows = reg.previous_rows(year)
    if not rows:
        return
    docs = reg.all("SELECT d.id, d.doc_key, d.doc_number, d.title_key, d.body_title_key, vp.path "
                   "FROM proposals p JOIN documents d ON d.id = p.document_id "
                   "LEFT JOIN version_paths vp ON vp.run_id = p.run_id AND vp.version_id = p.version_id "
                   "WHERE p.year = ?", year)
    by_key = {d["doc_key"]: d["id"] for d in docs}
    by_number = {d["doc_number"]: d["id"] for d in docs if d["doc_number"]}
    by_title: dict[str, int] = {}
    for d in docs:  # a document listed under its file name (listed_title) is found by it too
        named = None if d["title_key"] else title_key(listed_title(None, d["path"]))
        for key in (d["title_key"], d["body_title_key"], named):
            if key:
                by_title.setdefault(key, d["id"])
    taken: set[int] = set()
    matches: dict[int, int | None] = {}
    pending = []
    for r in rows:
        doc = by_key.get(json.loads(r["raw"] or "{}").get("doc_key") or "")
        number = _number(r["doc_number"])
        if doc is None and number:
            doc = by_number.get(number)
        if doc is None:
            doc = by_title.get(title_key(r["title"]) or "")
        if doc is not None and doc not in taken:
            matches[r["id"]] = doc
            taken.add(doc)
        else:
            pending.append(r)
    for r in pending:  # near titles, among documents not yet matched
        choices = {key: doc for key, doc in by_title.items() if doc not in taken}
        hit = process.extractOne(title_key(r["title"]) or "", list(choices), scorer=fuzz.ratio,
                                 score_cutoff=FUZZY_TITLE)
        matches[r["id"]] = choices[hit[0]] if hit else None
        if hit:
            taken.add(choices[hit[0]])
    reg.match_previous(year, matches)


def _number(written: str | None) -> str | None:
    if not written:
        return None
    found = find_all(written)
    return found[0].normalized if found else written.strip()


def changes(reg: Registry, year: int, current: dict[str, Entry]) -> list[Change]:
    """Added, removed and status-changed documents against last year's catalogue (none if none was imported)."""
    rows = reg.previous_rows(year)
    if not rows:
        return []
    keys = {r["id"]: r["doc_key"] for r in reg.all("SELECT id, doc_key FROM documents WHERE id IN "
                                                    "(SELECT document_id FROM previous_catalogue WHERE year = ?)", year)}
    added, removed, changed = [], [], []
    listed = set()
    for r in rows:
        key = keys.get(r["document_id"])
        entry = current.get(key) if key else None
        before = status_word(r["status"])
        if entry is None:
            removed.append(Change("removed", r["title"], _number(r["doc_number"]), before, None, r["issuer"], None,
                                  r["seq"]))
            continue
        listed.add(key)
        if entry.status != before:
            changed.append(Change("status_changed", entry.title, entry.doc_number, before, entry.status, entry.issuer,
                                  key, r["seq"]))
    for key, entry in current.items():
        if key not in listed:
            added.append(Change("added", entry.title, entry.doc_number, None, entry.status, entry.issuer, key))
    return added + removed + changed
