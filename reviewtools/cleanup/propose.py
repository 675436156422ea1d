"""The cleanup proposal for each document: 继续有效 / 修改 / 废止 / 宣布失效, with reasons in Chinese.

Two steps. `signals(review)` runs in the worker and says what the document itself shows (its 有效期 or
period has ended, its task is done, it sets powers no normative document may set, it cites repealed laws
or renamed agencies, it has error-level findings). `propose(...)` runs once over the whole set and adds
what only the set shows: a later document whose 同时废止 / 不再执行 / 停止执行 clause names it.

Criteria: DOMAIN.md §7.1 (辽宁, 济南, 河北 rules). Whether a replaced document is 废止 (济南, 辽宁) or
宣布失效 (河北) is the [cleanup] replaced setting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reviewtools.cleanup.catalogue import label
from reviewtools.registry import title_key
from reviewtools.review import Review
from reviewtools.settings import Settings
from reviewtools.terms import cn_date

# Signal kinds, strongest first, and the status each leads to ("replaced" follows the settings).
RANK = ("replaced", "expired", "conflict", "outdated", "error")
STATUS = {"expired": "宣布失效", "conflict": "废止", "outdated": "修改", "error": "修改"}
CONTINUE = "继续有效"
_OUTDATED_RULES = ("outdated.repealed_law", "outdated.renamed_agency")
# A title that deploys one year's work: 关于做好2019年度…工作的通知, 2020年全市…工作要点. Not a period (2016—2020年),
# not a revision mark (2019年修订).
_TASK_YEAR = re.compile(r"(?<![\d至\-—－~～])(?P<y>(?:19|20)\d{2})\s*年度?(?!\s*(?:修订|修正|修改|版|\d|[-—－~～至到]))"
                        r"[^（）()]{0,30}?(?:工作|行动|活动|任务|专项|申报|考核|检查|评选|评审|招生|普查)")
_CLAUSE_CHARS = 120


@dataclass(frozen=True)
class Proposal:
    status: str
    reasons: list[str]
    replaced_by: int | None = None  # document id


def signals(review: Review) -> list[dict]:
    """What the document itself says about its status: [{"kind": …, "reason": …}]."""
    meta, settings = review.analysis.meta, review.analysis.settings
    out: list[dict] = []
    if meta.expires_on and date.fromisoformat(meta.expires_on) < settings.as_of:
        written = f"（原文：“{meta.validity.text}”）" if meta.validity and meta.validity.text else ""
        out.append(_signal("expired", f"有效期至{cn_date(meta.expires_on)}，已届满{written}。"))
    out += [_signal("expired", f.message) for f in review.findings if f.rule == "outdated.own_period_ended"]
    task = _finished_task(meta, settings)
    if task:
        out.append(_signal("expired", task))
    powers = [f for f in review.findings if f.category == "powers" and f.severity == "error"]
    conflict = len(powers) >= settings.cleanup_repeal_at
    for f in powers:
        out.append(_signal("conflict" if conflict else "error",
                           f"{f.title}：“{f.quote}”，超越制定机关权限，与上位法相抵触。" if f.quote else f"{f.title}。"))
    for f in review.findings:
        if f.rule in _OUTDATED_RULES and f.severity != "info":
            out.append(_signal("outdated", f.message))
        elif f.severity == "error" and f.category != "powers":
            out.append(_signal("error", f"{f.title}：“{f.quote}”。" if f.quote else f"{f.title}。"))
    return out


def _signal(kind: str, reason: str) -> dict:
    return {"kind": kind, "reason": reason}


def _finished_task(meta, settings: Settings) -> str | None:
    for f in (meta.title, meta.body_title):
        m = _TASK_YEAR.search(f.value) if f else None
        if m and int(m["y"]) < settings.as_of.year:
            return f"标题表明文件部署的是{m['y']}年度的工作（“{m.group(0)}”），任务已完成。"
    return None


def propose(documents: Iterable, replaced_status: str = "废止") -> Iterable[tuple[object, Proposal]]:
    """(document, Proposal) for each of the set's documents (rows of Registry.run_documents)."""
    docs = list(documents)
    by_number: dict[str, list] = {}
    by_title: dict[str, list] = {}
    for d in docs:
        if d["doc_number"]:
            by_number.setdefault(d["doc_number"], []).append(d)
        for key in {d["title_key"], d["body_title_key"]} - {None}:
            by_title.setdefault(key, []).append(d)
    replaced: dict[int, tuple] = {}
    for later in docs:
        for named in json.loads(later["repeals"]):
            targets = _by_number(by_number, named["doc_number"])
            if not targets and named["title"]:
                targets = by_title.get(title_key(named["title"]) or "", [])
            for d in targets:
                if d["document_id"] == later["document_id"] or _earlier(later, d):
                    continue
                replaced.setdefault(d["document_id"], (later, named["clause"]))
    for d in docs:
        found = json.loads(d["signals"])
        by = replaced.get(d["document_id"])
        if by:
            clause = by[1] if len(by[1]) <= _CLAUSE_CHARS else by[1][:_CLAUSE_CHARS] + "…"
            found.insert(0, _signal("replaced", f"已被{label(by[0]['title'], by[0]['doc_number'])}替代（原文：“{clause}”）。"))
        yield d, decide(found, replaced_status, by[0]["document_id"] if by else None)


def _by_number(by_number: dict[str, list], number: str | None) -> list:
    """The documents with this 文号; failing that, with it less a word or two run into it (原某政发〔2017〕19号)."""
    for skip in range(3 if number else 0):
        found = by_number.get(number[skip:])
        if found:
            return found
    return []


def _earlier(a, b) -> bool:
    """`a` was issued before `b` (so it cannot repeal `b`); unknown dates do not rule it out."""
    return bool(a["issued_on"] and b["issued_on"] and a["issued_on"] < b["issued_on"])


def decide(found: list[dict], replaced_status: str = "废止", replaced_by: int | None = None) -> Proposal:
    """The strongest signal's status, with the reasons of every signal leading to that status."""
    status_of = {**STATUS, "replaced": replaced_status}
    if not found:
        return Proposal(CONTINUE, [])
    top = min(found, key=lambda s: RANK.index(s["kind"]))
    status = status_of[top["kind"]]
    reasons = [s["reason"] for s in sorted(found, key=lambda s: RANK.index(s["kind"])) if status_of[s["kind"]] == status]
    return Proposal(status, list(dict.fromkeys(reasons)), replaced_by if status == status_of["replaced"] else None)
