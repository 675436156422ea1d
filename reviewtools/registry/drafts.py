"""Drafts under review in the registry: each draft's rounds (复核) and the officers' decisions on its findings.

A draft is known by a key: its normalized 文号, else its normalized title (`draft_key`), or a name the officer
gives. Each round keeps the file's name, sha256, the text reviewed and the review JSON (reviewtools.review/1).
A decision on a finding (rule + quote) of a round is accepted (采纳), waived (豁免, reason required), wrong
(误报, reason required) or open (a decision withdrawn); decisions are never updated in place: a new row
supersedes, so `history` is the audit trail and `decisions` the latest row per finding. When a round follows,
`carry` copies the decisions of the findings that remain (review.rounds.Comparison.pairs) onto it, each new
row naming the one it carries; waivers.from_decisions turns the current ones into the review's waivers.

Usage: `Drafts(Registry(path))`; every write is one transaction of the registry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from reviewtools.errors import UsageError
from reviewtools.registry.base import now
from reviewtools.registry.keys import doc_key
from reviewtools.terms import FINDING_DECISIONS

DECISIONS = (*FINDING_DECISIONS, "open")
NEEDS_REASON = ("waived", "wrong")


@dataclass(frozen=True)
class Round:
    id: int
    draft_key: str
    round: int
    file_name: str
    sha256: str
    text: str
    review: dict  # reviewtools.review/1
    who: str
    created_at: str


@dataclass(frozen=True)
class Decision:
    id: int
    round_id: int
    rule: str
    quote: str | None  # None: a whole-document finding
    decision: str  # accepted / waived / wrong / open
    reason: str
    who: str
    decided_at: str
    carried_from: int | None  # the decision of the previous round this one carries


def draft_key(review: dict) -> str:
    """A draft's key from its review JSON: normalized 文号, else normalized title, else its content."""
    d = review["document"]
    return doc_key(d.get("doc_number"), d.get("title"), review["source"]["sha256"])


class Drafts:
    def __init__(self, registry):
        self.registry = registry

    # ---------------------------------------------------------------- rounds

    def add_round(self, key: str, review: dict, text: str, file_name: str, who: str = "") -> Round:
        """The next round of draft `key` (created when new). The same content as the latest round is no new
        round: that round is returned."""
        key = key.strip()
        if not key:
            raise UsageError("草案名称不能为空")
        sha256 = review["source"]["sha256"]
        with self.registry.transaction() as c:
            row = c.execute("SELECT id FROM drafts WHERE draft_key = ?", (key,)).fetchone()
            draft_id = row[0] if row else c.execute(
                "INSERT INTO drafts (draft_key, title, created_at) VALUES (?, ?, ?) RETURNING id",
                (key, review["document"].get("title"), now())).fetchone()[0]
            last = c.execute("SELECT id, round, sha256 FROM draft_rounds WHERE draft_id = ? ORDER BY round DESC LIMIT 1",
                             (draft_id,)).fetchone()
            if last and last[2] == sha256:
                round_id = last[0]
            else:
                round_id = c.execute(
                    "INSERT INTO draft_rounds (draft_id, round, file_name, sha256, text, review, who, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (draft_id, (last[1] if last else 0) + 1, file_name, sha256, text,
                     json.dumps(review, ensure_ascii=False, separators=(",", ":")), who, now())).fetchone()[0]
        return self.round(round_id)

    def round(self, round_id: int) -> Round:
        row = self.registry.one(f"{_ROUNDS} WHERE r.id = ?", round_id)
        if row is None:
            raise UsageError(f"审查轮次不存在：{round_id}")
        return _round(row)

    def rounds(self, key: str) -> list[Round]:
        """The draft's rounds, first to last (none when the key is unknown)."""
        return [_round(r) for r in self.registry.all(f"{_ROUNDS} WHERE d.draft_key = ? ORDER BY r.round", key)]

    def latest(self, key: str) -> Round | None:
        row = self.registry.one(f"{_ROUNDS} WHERE d.draft_key = ? ORDER BY r.round DESC LIMIT 1", key)
        return _round(row) if row else None

    def drafts(self) -> list[tuple[str | None, int, Round]]:
        """(title, rounds, latest round) of every draft, the most recently reviewed first: one query."""
        return [(r[9], r[10], _round(r)) for r in self.registry.all(
            f"{_ROUNDS.replace(' FROM ', ', d.title, n.rounds FROM ', 1)} "
            "JOIN (SELECT draft_id, count(*) AS rounds, max(round) AS last FROM draft_rounds GROUP BY draft_id) n "
            "ON n.draft_id = r.draft_id AND n.last = r.round ORDER BY r.id DESC")]

    # ---------------------------------------------------------------- decisions

    def decide(self, round_id: int, rule: str, quote: str | None, decision: str, reason: str = "", who: str = "",
               *, carried_from: int | None = None, when: str | None = None) -> int:
        """Record a decision on the finding (rule, quote) of a round; returns its id."""
        reason = reason.strip()
        if decision not in DECISIONS:
            raise UsageError(f"处理决定“{decision}”无效，应为{'/'.join(DECISIONS)}之一")
        if decision in NEEDS_REASON and not reason:
            raise UsageError(f"{FINDING_DECISIONS[decision]}须写明理由")
        self.round(round_id)
        with self.registry.transaction() as c:
            return c.execute(
                "INSERT INTO finding_decisions (round_id, rule, quote, decision, reason, who, decided_at, carried_from) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (round_id, rule, quote or "", decision, reason, who, when or now(), carried_from)).fetchone()[0]

    def history(self, round_id: int) -> list[Decision]:
        """Every decision recorded on the round, oldest first: the audit trail."""
        return [_decision(r) for r in self.registry.all(f"{_DECISIONS} WHERE round_id = ? ORDER BY id", round_id)]

    def decisions(self, round_id: int) -> list[Decision]:
        """The decision in force on each finding of the round (the latest row; a withdrawn one, `open`, not)."""
        rows = self.registry.all(
            f"{_DECISIONS} WHERE id IN (SELECT max(id) FROM finding_decisions WHERE round_id = ? "
            "GROUP BY rule, quote) AND decision <> 'open' ORDER BY id", round_id)
        return [_decision(r) for r in rows]

    def carry(self, from_round: int, to_round: int,
              pairs: list[tuple[tuple[str, str | None], tuple[str, str | None]]]) -> int:
        """Copy the decisions in force on `from_round` onto `to_round` for each ((rule, quote) before,
        (rule, quote) now) pair, unless the finding already has a decision there. Returns how many."""
        current = {(d.rule, d.quote) for d in self.decisions(to_round)}
        by_finding = {(d.rule, d.quote): d for d in self.decisions(from_round)}
        carried = 0
        with self.registry.transaction() as c:
            for old, new in pairs:
                d = by_finding.get(old)
                if d is None or new in current:
                    continue
                c.execute("INSERT INTO finding_decisions (round_id, rule, quote, decision, reason, who, decided_at, "
                          "carried_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          (to_round, new[0], new[1] or "", d.decision, d.reason, d.who, now(), d.id))
                current.add(new)
                carried += 1
        return carried


_ROUNDS = ("SELECT r.id, d.draft_key, r.round, r.file_name, r.sha256, r.text, r.review, r.who, r.created_at "
           "FROM draft_rounds r JOIN drafts d ON d.id = r.draft_id")
_DECISIONS = ("SELECT id, round_id, rule, quote, decision, reason, who, decided_at, carried_from "
              "FROM finding_decisions")


def _round(row) -> Round:
    return Round(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7], row[8])


def _decision(row) -> Decision:
    return Decision(row[0], row[1], row[2], row[3] or None, row[4], row[5], row[6], row[7], row[8])
