"""Text changes between two versions, and the matching of findings that repeat a quote or lost their text."""

from __future__ import annotations

import json
from datetime import date

from reviewtools.ingest import read_bytes
from reviewtools.report.memo import render
from reviewtools.review import review
from reviewtools.review.changes import diff
from reviewtools.review.rounds import Version, compare, follow, load_previous
from reviewtools.settings import Settings

SETTINGS = Settings(as_of=date(2026, 11, 22))


def _kinds(old: str, new: str):
    return [(c.kind, c.previous and c.previous.text, c.current and c.current.text) for c in diff(old, new).changes]


def test_spacing_width_and_blank_lines_are_no_change():
    old = "第一条 对企业给予支持,按规定办理。\n\n第二条 本办法自公布之日起施行。"
    new = "第一条　对企业给予支持，按规定办理。\n第二条 本办法自公布之日起施行。\n\n"
    assert diff(old, new).changes == []


def test_deleted_inserted_and_changed_in_reading_order():
    old = "甲条：设立专项资金。\n乙条：由县财政局负责资金拨付和监督管理。\n丙条：本办法自公布之日起施行。"
    new = ("甲条：设立专项资金。\n新增条：申报材料应当真实完整。\n乙条：由县财政局负责资金拨付和绩效管理。\n"
           "丙条：本办法自公布之日起施行。\n附件：申报表。")
    assert _kinds(old, new) == [
        ("inserted", None, "新增条：申报材料应当真实完整。"),
        ("changed", "乙条：由县财政局负责资金拨付和监督管理。", "乙条：由县财政局负责资金拨付和绩效管理。"),
        ("inserted", None, "附件：申报表。"),
    ]
    changed = diff(old, new).changes[1]
    assert [(e.kind, e.previous.text, e.current.text, e.previous.start, e.current.start) for e in changed.edits] == [
        ("replace", "监督", "绩效", 26, 42)]
    assert _kinds(new, old)[0] == ("deleted", "新增条：申报材料应当真实完整。", None)


def test_of_a_quote_found_three_times_the_deleted_one_is_resolved():
    clause = "对{}的，处以五千元以上一万元以下罚款。"
    paragraphs = ["关于加强市场监管的通知", clause.format("未按期登记"), clause.format("拒绝检查"), clause.format("虚假投诉")]
    old_text = "\n".join(paragraphs) + "\n"
    new_text = "\n".join(paragraphs[:2] + paragraphs[3:]) + "\n"
    old = review(read_bytes(old_text.encode(), "一稿.txt"), SETTINGS)
    new = review(read_bytes(new_text.encode(), "二稿.txt"), SETTINGS)
    rule = "powers.penalty"
    assert [f.start for f in old.findings if f.rule == rule] == [20, 43, 66]
    c = compare(Version.of(old), Version.of(new, 2))
    assert [(f["rule"], f["start"]) for f in c.resolved] == [(rule, 43)]
    assert [(p["start"], n["start"]) for p, n in c.remaining if p["rule"] == rule] == [(20, 20), (66, 43)]


def test_a_previous_json_without_its_source_has_no_text_changes(tmp_path):
    old = review(read_bytes("关于x的通知\n由县工商行政管理局负责登记。\n".encode(), str(tmp_path / "gone.txt")), SETTINGS)
    saved = tmp_path / "一稿.json"
    saved.write_text(json.dumps(old.to_dict(), ensure_ascii=False), encoding="utf-8")
    new = review(read_bytes("关于x的通知\n由县市场监督管理局负责登记。\n".encode(), "二稿.txt"), SETTINGS)
    result = follow(new, load_previous(saved, SETTINGS))
    assert result.rounds.changes is None and result.to_dict()["rounds"]["summary"]["changes"] is None
    assert [f["rule"] for f in result.rounds.resolved] == ["outdated.renamed_agency"]
    md = render(result, "md").decode("utf-8")
    assert "两稿文字对比从略（上一轮原文不可得）" in md


def test_markup_in_a_changed_paragraph_stays_text_in_every_memo():
    old = review(read_bytes("关于x的通知\n第一条 总则。\n".encode(), "一稿.txt"), SETTINGS)
    hostile = '第二条 <script>alert(1)</script><img src=x onerror="alert(2)">。'
    new = review(read_bytes(f"关于x的通知\n第一条 总则。\n{hostile}\n".encode(), "二稿.txt"), SETTINGS)
    result = follow(new, Version.of(old))
    assert [c.kind for c in result.rounds.changes] == ["inserted"]
    for fmt in ("html", "md"):
        out = render(result, fmt).decode("utf-8")
        assert "<script>" not in out and "<img" not in out and "&lt;script&gt;" in out
