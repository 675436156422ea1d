"""Waivers: an officer marks a finding as accepted or not applicable, with a reason, in a sidecar file
next to the draft (草案.docx → 草案.review.toml). A waiver is keyed by rule and quote, not by offset,
so it survives edits elsewhere in the draft; the next review shows the finding as waived, not new, and a
waiver that no longer matches any finding (the clause was rewritten or removed) as stale."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reviewtools.errors import UsageError

STATUSES = {"accepted": "已接受（不作修改）", "not_applicable": "不适用"}
# A decision recorded in the registry (registry.drafts) that sets its finding apart, as the waiver it is:
# 豁免 — the office accepts the text as it stands; 误报 — the rule does not apply to it.
DECISION_STATUS = {"waived": "accepted", "wrong": "not_applicable"}
_HEADER = "# reviewtools 审查豁免记录：每条 [[waiver]] 对应一条意见（按规则编号和原文匹配）。可手工编辑。\n"


@dataclass(frozen=True)
class Waiver:
    rule: str
    quote: str | None
    status: str
    reason: str
    by: str = ""
    on: str = ""

    def matches(self, finding) -> bool:
        return finding.rule == self.rule and (self.quote is None or finding.quote == self.quote)


def apply(findings: list, waivers: list[Waiver]) -> tuple[list, list, list[Waiver]]:
    """Split `findings` into kept and (finding, waiver) pairs; the waivers that matched nothing are stale."""
    kept, waived, used = [], [], set()
    for f in findings:
        i = next((i for i, w in enumerate(waivers) if w.matches(f)), None)
        if i is None:
            kept.append(f)
        else:
            waived.append((f, waivers[i]))
            used.add(i)
    return kept, waived, [w for i, w in enumerate(waivers) if i not in used]


def from_decisions(decisions) -> list[Waiver]:
    """The waivers that decisions of the registry (records with rule, quote, decision, reason, who, decided_at)
    stand for: one per 豁免 or 误报 decision; a 采纳 decision keeps its finding and is no waiver."""
    return [Waiver(d.rule, d.quote, DECISION_STATUS[d.decision], d.reason, d.who, d.decided_at[:10])
            for d in decisions if d.decision in DECISION_STATUS]


SUFFIX = ".review.toml"


def sidecar(draft: str | Path) -> Path:
    p = Path(draft)
    return p.with_name(p.stem + SUFFIX)


def is_sidecar(path: str | Path) -> bool:
    """A waiver file, not a draft: a folder's review passes it by."""
    return Path(path).name.endswith(SUFFIX)


def load(draft: str | Path) -> list[Waiver]:
    path = sidecar(draft)
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"豁免记录 {path} 格式有误：{exc}") from exc
    out = []
    for i, raw in enumerate(data.get("waiver", []), 1):
        unknown = set(raw) - {"rule", "quote", "status", "reason", "by", "on"}
        if unknown or "rule" not in raw or "reason" not in raw:
            raise UsageError(f"豁免记录 {path} 第 {i} 条：须有 rule 和 reason，不能有未知键 {', '.join(sorted(unknown))}")
        status = raw.get("status", "accepted")
        if status not in STATUSES:
            raise UsageError(f"豁免记录 {path} 第 {i} 条：status 应为 {'/'.join(STATUSES)}")
        out.append(Waiver(raw["rule"], raw.get("quote"), status, raw["reason"], raw.get("by", ""), str(raw.get("on", ""))))
    return out


def add(draft: str | Path, waiver: Waiver) -> Path:
    """Append a waiver to the draft's sidecar (created when missing); written atomically."""
    from reviewtools.atomic import write_atomic

    path = sidecar(draft)
    old = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
    entry = ["", "[[waiver]]", f"rule = {_s(waiver.rule)}"]
    if waiver.quote is not None:
        entry.append(f"quote = {_s(waiver.quote)}")
    entry += [f"status = {_s(waiver.status)}", f"reason = {_s(waiver.reason)}"]
    if waiver.by:
        entry.append(f"by = {_s(waiver.by)}")
    entry.append(f"on = {waiver.on or date.today().isoformat()}")
    write_atomic(path, (old.rstrip("\n") + "\n" + "\n".join(entry) + "\n").encode("utf-8"))
    return path


def _s(value: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(value, ensure_ascii=False)
