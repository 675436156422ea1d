"""The waivers a review applied and the stale ones, worded once for every memo format."""

from __future__ import annotations

from reviewtools.review import Review
from reviewtools.terms import WAIVER_STATUSES

WAIVED_HEADING = "已豁免的意见"
STALE_HEADING = "失效的豁免记录"
STALE_NOTE = "以下豁免记录在本次审查中没有对应的意见（原文可能已修改或删除），请核对后从豁免记录文件中删除："


def _line(rule: str, title: str, quote: str | None, w) -> str:
    who = "，".join(x for x in (w.by, w.on) if x)
    return (f"{title}（{rule}）：{f'“{quote}”' if quote else '全文'} —— {WAIVER_STATUSES[w.status]}。"
            f"理由：{w.reason}" + (f"（{who}）" if who else ""))


def waived_lines(review: Review) -> list[str]:
    """One line per finding set aside by a waiver: rule, quote, status, reason, who and when."""
    return [_line(f.rule, f.title, f.quote, w) for f, w in review.waived]


def stale_lines(review: Review) -> list[str]:
    """One line per waiver that matched no finding of this review."""
    from reviewtools.data.rules import all_rules

    rules = all_rules()
    return [_line(w.rule, rules[w.rule].title if w.rule in rules else "（规则已不存在）", w.quote, w)
            for w in review.stale]


def sections(review: Review) -> list[tuple[str, str, list[str]]]:
    """(heading, lead sentence, lines) for the waived and the stale waivers, each only when there are some."""
    out = []
    if review.waived:
        out.append((WAIVED_HEADING, "", waived_lines(review)))
    if review.stale:
        out.append((STALE_HEADING, STALE_NOTE, stale_lines(review)))
    return out
