"""The drafts store: rounds per draft, decisions audited (never updated, a new row supersedes), the database
itself refusing a waiver without a reason, and a registry of the previous schema taking the new tables."""

from __future__ import annotations

import sqlite3

import pytest

from reviewtools.errors import UsageError
from reviewtools.registry import Registry, schema
from reviewtools.registry.drafts import Drafts, draft_key


def _review(sha: str, title: str = "关于促进招商引资的若干意见", number: str | None = None) -> dict:
    return {"schema": "reviewtools.review/1", "source": {"path": "草案.docx", "sha256": sha},
            "document": {"title": title, "doc_number": number}, "findings": [], "waived": []}


@pytest.fixture
def store(registry_target):
    with Registry(registry_target) as reg:
        yield Drafts(reg)


def _integrity_errors() -> tuple[type[Exception], ...]:
    try:
        import psycopg
    except ImportError:
        return (sqlite3.IntegrityError,)
    return sqlite3.IntegrityError, psycopg.errors.IntegrityError


def test_keys_rounds_and_the_same_content_again(store):
    assert draft_key(_review("a", number="某政发〔2026〕5号")) == "某政发〔2026〕5号"
    assert draft_key(_review("a", title=None)) == "sha256:a"
    key = draft_key(_review("a"))
    one = store.add_round(key, _review("a"), "第一稿", "草案.docx", "张三")
    assert (one.round, one.file_name, one.sha256, one.text, one.who) == (1, "草案.docx", "a", "第一稿", "张三")
    assert store.add_round(key, _review("a"), "第一稿", "草案（副本）.docx").id == one.id
    two = store.add_round(key, _review("b"), "第二稿", "修改稿.docx")
    assert [r.round for r in store.rounds(key)] == [1, 2] and store.latest(key) == two
    assert store.round(two.id).review == _review("b")
    assert store.rounds("无此草案") == [] and store.latest("无此草案") is None
    with pytest.raises(UsageError, match="审查轮次不存在"):
        store.round(99)
    with pytest.raises(UsageError, match="草案名称不能为空"):
        store.add_round("  ", _review("c"), "", "x.docx")


def test_decisions_supersede_and_are_never_updated(store):
    r = store.add_round("草案甲", _review("a"), "", "甲.docx")
    first = store.decide(r.id, "powers.penalty", "处以罚款", "accepted", who="张三", when="2026-12-01T09:00:00+08:00")
    store.decide(r.id, "powers.penalty", "处以罚款", "wrong", "照录上位法", "李四")
    store.decide(r.id, "length.too_long", None, "waived", "篇幅确需", "李四")
    assert [(d.rule, d.quote, d.decision) for d in store.decisions(r.id)] == [
        ("powers.penalty", "处以罚款", "wrong"), ("length.too_long", None, "waived")]
    history = store.history(r.id)
    assert history[0].id == first and history[0].decision == "accepted" and history[0].decided_at.startswith("2026-12-01")
    with pytest.raises(UsageError, match="处理决定“maybe”无效"):
        store.decide(r.id, "powers.penalty", "处以罚款", "maybe")
    with pytest.raises(UsageError, match="误报须写明理由"):
        store.decide(r.id, "powers.penalty", "处以罚款", "wrong")
    with pytest.raises(UsageError, match="审查轮次不存在"):
        store.decide(99, "powers.penalty", "处以罚款", "accepted")
    assert len(store.history(r.id)) == 3


def test_the_database_refuses_a_waiver_without_reason(store):
    r = store.add_round("草案甲", _review("a"), "", "甲.docx")
    with pytest.raises(_integrity_errors()), store.registry.transaction() as c:
        c.execute("INSERT INTO finding_decisions (round_id, rule, decision, decided_at) "
                  "VALUES (?, 'x', 'waived', 'now')", (r.id,))
    with pytest.raises(_integrity_errors()), store.registry.transaction() as c:
        c.execute("INSERT INTO draft_rounds (draft_id, round, file_name, sha256, text, review, "
                  "created_at) VALUES (1, 1, 'x', 'y', '', '{}', 'now')")  # round 1 taken


def test_a_registry_of_the_previous_schema_gains_the_tables(tmp_path, monkeypatch):
    db = tmp_path / "old.sqlite"
    before = next(i for i, m in enumerate(schema.MIGRATIONS) if "CREATE TABLE drafts" in m)
    monkeypatch.setattr(schema, "VERSION", before)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:before])
    with Registry(db) as reg:
        assert "drafts" not in reg.counts()
    monkeypatch.undo()
    with Registry(db) as reg:
        assert {"drafts", "draft_rounds", "finding_decisions"} <= set(reg.counts())
        assert Drafts(reg).add_round("草案甲", _review("a"), "", "甲.docx").round == 1
