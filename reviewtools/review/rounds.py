"""Review rounds (复核): a revised draft compared with the round before it.

`compare(previous, current)` says which findings of the previous round were resolved (gone), which remain and
which are new, and what text changed between the versions (review.changes). A finding is matched by its rule
and never by its offset alone: first the same rule and the same quote (normalized: spacing, widths, bracket
variants), then the same rule with a similar quote (QUOTE_SIMILAR) or, in the paragraph the previous one's
paragraph became, a similar context (CONTEXT_SIMILAR of the CONTEXT characters either side).

`review_round(doc, settings, previous, …)` reviews the revised draft as round N+1: the waivers and decisions of
the previous round (its JSON's `waived`, the registry's decisions turned into waivers by waivers.from_decisions)
carry to the matched findings of this round with this round's quotes, and `Review.rounds` holds the comparison
(the memo's 复核 section, the JSON contract's `rounds`). The web page and `reviewtools review --previous` both use
it; with the registry (registry.drafts) a caller does:

    last = drafts.latest(key)
    previous = Version.from_json(last.review, last.text, last.round)
    result = review_round(doc, settings, previous, sidecar_waivers, waivers.from_decisions(drafts.decisions(last.id)))
    new = drafts.add_round(key, result.to_dict(), doc.text, file_name, who)
    drafts.carry(last.id, new.id, result.rounds.pairs())
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

from reviewtools.errors import UsageError, clean_name
from reviewtools.review import Review, review
from reviewtools.review.changes import Change, Diff, diff
from reviewtools.review.contract import SCHEMA
from reviewtools.review.waivers import Waiver
from reviewtools.review.waivers import apply as apply_waivers
from reviewtools.text.normalize import normalize

QUOTE_SIMILAR = 0.6  # quotes at least this similar (difflib ratio, normalized) are the same finding edited
CONTEXT_SIMILAR = 0.5  # …or contexts this similar, when the finding stayed in the paragraph it was in
CONTEXT = 20  # characters of context either side of a quote


@dataclass(frozen=True)
class Version:
    """One round's side of a comparison: its findings as the JSON contract gives them (the waived ones too,
    with their `waiver`), its text when known (without it there are no text changes and no context), and the
    waivers that held in it."""

    findings: list[dict]
    text: str | None
    path: str = ""
    sha256: str = ""
    round: int = 1
    waivers: list[Waiver] = field(default_factory=list)

    @classmethod
    def of(cls, result: Review, round: int = 1) -> Version:
        data = result.to_dict()
        return cls.from_json(data, result.doc.text, round)

    @classmethod
    def from_json(cls, data: dict, text: str | None = None, round: int | None = None) -> Version:
        """A round from its review JSON (reviewtools.review/1); its round number from its own `rounds` part."""
        waived = data.get("waived", [])
        number = round or (data.get("rounds") or {}).get("round", 1)
        return cls([*data["findings"], *waived], text, data["source"]["path"], data["source"]["sha256"], number,
                   [_waiver(f["rule"], f["quote"], f["waiver"]) for f in waived])


@dataclass
class Comparison:
    previous: Version
    current: Version
    resolved: list[dict]  # previous findings with no counterpart now (offsets into the previous text)
    remaining: list[tuple[dict, dict]]  # (previous, current) finding pairs
    new: list[dict]  # current findings with no counterpart before (offsets into the current text)
    changes: list[Change] | None  # None: the previous text is not known

    @property
    def round(self) -> int:
        return self.previous.round + 1

    def pairs(self) -> list[tuple[tuple[str, str | None], tuple[str, str | None]]]:
        """((rule, previous quote), (rule, current quote)) of each remaining finding: what decisions carry by."""
        return [((p["rule"], p["quote"]), (c["rule"], c["quote"])) for p, c in self.remaining]

    def to_dict(self) -> dict:
        return {
            "round": self.round,
            "previous": {"round": self.previous.round, "path": self.previous.path, "sha256": self.previous.sha256},
            "resolved": [_brief(f) for f in self.resolved],
            "remaining": [{**_brief(c), "previous": _where(p)} for p, c in self.remaining],
            "new": [_brief(f) for f in self.new],
            "changes": None if self.changes is None else [c.to_dict() for c in self.changes],
            "summary": {"resolved": len(self.resolved), "remaining": len(self.remaining), "new": len(self.new),
                        "changes": None if self.changes is None else len(self.changes)},
        }


def load_previous(path: str | Path, settings) -> Version:
    """The previous round from a file: its review JSON (`--format json`; its text read again from its source
    when that file is still there unchanged), or the draft itself, reviewed now with its sidecar waivers."""
    from reviewtools.ingest import read_file
    from reviewtools.review import waivers

    path = Path(path)
    if path.suffix.lower() != ".json":
        return Version.of(review(read_file(path, settings.limits), settings, waivers.load(path)))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"无法读取上一轮审查结果 {clean_name(path)}：{exc}") from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise UsageError(f"{clean_name(path)} 不是 reviewtools 审查结果（{SCHEMA}）")
    source = Path(data["source"]["path"])
    text = None
    if source.is_file():
        doc = read_file(source, settings.limits)
        text = doc.text if doc.sha256 == data["source"]["sha256"] else None
    return Version.from_json(data, text)


def compare(previous: Version, current: Version) -> Comparison:
    text_diff = diff(previous.text, current.text) if previous.text is not None and current.text is not None else None
    pairs = _match(previous, current, text_diff)
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}
    return Comparison(
        previous, current,
        resolved=[f for i, f in enumerate(previous.findings) if i not in matched_old],
        remaining=[(previous.findings[i], current.findings[j]) for i, j in sorted(pairs, key=lambda p: p[1])],
        new=[f for j, f in enumerate(current.findings) if j not in matched_new],
        changes=text_diff.changes if text_diff else None)


def review_round(doc, settings, previous: Version, waivers: list[Waiver] | None = None,
                 decisions: list[Waiver] | None = None) -> Review:
    """Review `doc` as the round after `previous`. `waivers`: the new file's own (its sidecar); `decisions`:
    waivers of the previous round kept elsewhere (the registry), added to those its JSON carries."""
    return follow(review(doc, settings, waivers), previous, decisions)


def follow(result: Review, previous: Version, decisions: list[Waiver] | None = None) -> Review:
    """`result` made the round after `previous`: compared with it (`result.rounds`), and the previous round's
    waivers (its own and `decisions`) applied to the findings that remain."""
    comparison = compare(previous, Version.of(result, previous.round + 1))
    carried = carry(comparison, [*previous.waivers, *(decisions or [])])
    kept, waived, _ = apply_waivers(result.findings, carried)  # each carried waiver matches: never stale
    result.findings, result.waived = kept, [*result.waived, *waived]
    result.rounds = comparison
    return result


def carry(comparison: Comparison, waivers: list[Waiver]) -> list[Waiver]:
    """The previous round's waivers moved onto the findings that remain, with the quotes of this round."""
    out: list[Waiver] = []
    for old, new in comparison.remaining:
        w = next((w for w in waivers if w.rule == old["rule"] and w.quote in (None, old["quote"])), None)
        if w is not None and new.get("waiver") is None:
            carried = w if w.quote is None else replace(w, quote=new["quote"])
            if carried not in out:
                out.append(carried)
    return out


# ---- matching ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Side:
    """One version's findings ready to match: normalized quotes, the paragraph each starts in, contexts."""

    findings: list[dict]
    quotes: list[str | None]
    paragraphs: list[int | None]
    contexts: list[str]

    @classmethod
    def of(cls, version: Version, text_diff: Diff | None, current: bool) -> _Side:
        fs = version.findings
        where = [None if text_diff is None or f["start"] is None else text_diff.paragraph_of(f["start"], current)
                 for f in fs]
        contexts = ["" if version.text is None or f["start"] is None else _context(version.text, f) for f in fs]
        return cls(fs, [_norm(f["quote"]) for f in fs], where, contexts)


def _match(previous: Version, current: Version, text_diff: Diff | None) -> list[tuple[int, int]]:
    old, new = _Side.of(previous, text_diff, False), _Side.of(current, text_diff, True)
    moved = text_diff.moved_to if text_diff else {}
    pairs: list[tuple[int, int]] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()

    def take(i: int, j: int) -> None:
        pairs.append((i, j))
        taken_old.add(i)
        taken_new.add(j)

    def same(i: int, j: int) -> bool:
        return old.findings[i]["rule"] == new.findings[j]["rule"] and old.quotes[i] == new.quotes[j]

    def there(i: int, j: int) -> bool:  # in the paragraph the previous one's paragraph became
        return old.paragraphs[i] is not None and moved.get(old.paragraphs[i]) == new.paragraphs[j]

    # 1. Same rule, same normalized quote (whole-document findings: same rule): first where the paragraph went,
    # so that of a quote found three times the one deleted is the one resolved; then in reading order.
    for local in (True, False):
        for i in range(len(old.findings)):
            j = next((j for j in range(len(new.findings)) if i not in taken_old and j not in taken_new
                      and same(i, j) and (not local or there(i, j))), None)
            if j is not None:
                take(i, j)
    # 2. Same rule, a quote edited: similar quote, or similar context where the paragraph went; best first.
    scored = []
    for i, f in enumerate(old.findings):
        for j, g in enumerate(new.findings):
            if i in taken_old or j in taken_new or g["rule"] != f["rule"] or old.quotes[i] is None \
                    or new.quotes[j] is None:
                continue
            quote = _ratio(old.quotes[i], new.quotes[j])
            near = there(i, j)
            context = _ratio(old.contexts[i], new.contexts[j]) if near else 0.0
            if quote >= QUOTE_SIMILAR or (near and context >= CONTEXT_SIMILAR):
                scored.append((quote + near + context, i, j))
    for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in taken_old and j not in taken_new:
            take(i, j)
    return pairs


def _context(text: str, f: dict) -> str:
    return _norm(text[max(0, f["start"] - CONTEXT):f["start"]] + "\n" + text[f["end"]:f["end"] + CONTEXT])


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


def _norm(quote: str | None) -> str | None:
    return None if quote is None else normalize(quote).text


def _where(f: dict) -> dict:
    return {"quote": f["quote"], "start": f["start"], "end": f["end"], "location": f["location"]}


def _brief(f: dict) -> dict:
    return {"rule": f["rule"], "category": f["category"], "severity": f["severity"], "title": f["title"],
            **_where(f), **({"waiver": f["waiver"]} if f.get("waiver") else {})}


def _waiver(rule: str, quote: str | None, w: dict) -> Waiver:
    return Waiver(rule, quote, w["status"], w["reason"], w.get("by", ""), w.get("on", ""))
