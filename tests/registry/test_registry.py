"""The registry: schema migrations, documents matched by 文号 then title, idempotent writes, decisions kept
apart from proposals, fair-competition conclusions, and errors in Chinese."""

from __future__ import annotations

import pytest

from reviewtools.cleanup.catalogue import catalogue_data
from reviewtools.errors import UsageError
from reviewtools.registry import Record, Registry, doc_key, exists, is_url, schema, title_key


def record(source: str, sha: str, number: str | None, title: str, **fields) -> Record:
    return Record(source, sha256=sha, format="txt", text=f"{title}\n正文{sha}", metadata={},
                  fields={"title": title, "doc_number": number, **fields}, findings=[], summary={}, verdict="pass",
                  shingles=b"", bands=[])


def store(reg: Registry, run: int, *records: Record, path: str | None = None) -> None:
    for r in records:
        reg.store_file(run, path or r.source, 10, 1, r.sha256, [r])


def test_a_new_registry_has_the_latest_schema_in_wal_mode(registry_target):
    with Registry(registry_target) as reg:
        assert reg.conn.version() == schema.VERSION == len(schema.MIGRATIONS)
        if not is_url(registry_target):
            assert reg.one("PRAGMA journal_mode")[0] == "wal"
        assert set(reg.counts()) == {"documents", "versions", "fingerprints", "lsh_bands", "runs", "run_files",
                                     "run_items", "reviews", "proposals", "decisions", "near_duplicates",
                                     "catalogue_editions", "previous_catalogue", "conclusions", "drafts", "draft_rounds",
                                     "finding_decisions", "accounts", "audit", "cleanup_jobs"}
    with Registry(registry_target) as reg:  # opening again migrates nothing
        assert all(n == 0 for n in reg.counts().values())


def test_migrations_apply_in_order(registry_target, monkeypatch):
    Registry(registry_target).close()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, "CREATE TABLE later (id INTEGER PRIMARY KEY, "
                                               "x INTEGER, b BLOB, s REAL, t TEXT UNIQUE);\n"
                                               "INSERT INTO later (x, b, s, t) VALUES (1, x'00ff', 0.1, 'a?%');"])
    monkeypatch.setattr(schema, "VERSION", len(schema.MIGRATIONS))
    with Registry(registry_target) as reg:
        assert reg.conn.version() == schema.VERSION
        assert tuple(reg.one("SELECT id, x, b, s, t FROM later")) == (1, 1, b"\x00\xff", 0.1, "a?%")
        with reg.transaction() as c:  # the portable subset: upsert, RETURNING, `?` beside a literal `?` and `%`
            assert c.execute("INSERT INTO later (x, t) VALUES (?, ?) ON CONFLICT (t) DO UPDATE SET x = excluded.x "
                             "RETURNING id", (2, "a?%")).fetchone()[0] == 1
            assert c.execute("INSERT INTO later (x, t) VALUES (?, '?%') RETURNING id", (2 ** 40,)).fetchone()[0] > 1
        assert [dict(r) for r in reg.all("SELECT x, t FROM later WHERE x > ? ORDER BY id", 1)] == [
            {"x": 2, "t": "a?%"}, {"x": 2 ** 40, "t": "?%"}]


def test_a_registry_from_a_newer_version_is_refused(registry_target):
    with Registry(registry_target) as reg:
        reg.conn.set_version(schema.VERSION + 1)
    with pytest.raises(UsageError, match=f"由更新版本的 reviewtools 创建（结构版本 {schema.VERSION + 1}）"):
        Registry(registry_target)


def test_a_file_that_is_not_a_registry_is_refused(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UsageError, match="不是有效的登记库文件"):
        Registry(junk)
    with pytest.raises(UsageError, match="登记库路径是文件夹"):
        Registry(tmp_path)


def test_keys_ignore_how_a_title_is_written():
    assert title_key("《关于加强 停车管理的通知》") == title_key("关于加强停车管理的通知")
    assert title_key("某县行动方案(2018-2020年)") == title_key("某县行动方案（2018-2020年）")
    assert doc_key("某政发〔2016〕5号", "标题") == "某政发〔2016〕5号"
    assert doc_key(None, "关于 加强停车管理的通知") == "关于加强停车管理的通知"
    assert doc_key(None, None, "abc") == "sha256:abc"


def test_a_document_is_matched_by_number_then_by_title_and_writes_are_idempotent(registry_target):
    with Registry(registry_target) as reg:
        run, before = reg.start_run(2026, "2026-11-22", "/docs")
        assert before is None
        store(reg, run, record("a.txt", "1", "某政发〔2016〕5号", "停车管理办法", issuer="某县人民政府"))
        counts = reg.counts()
        store(reg, run, record("a.txt", "1", "某政发〔2016〕5号", "停车管理办法"))
        assert reg.counts() == counts  # the same content again: nothing new
        # changed content, same 文号 (title reworded): a new version of the same document
        store(reg, run, record("a.txt", "2", "某政发〔2016〕5号", "停车管理暂行办法"))
        # no 文号, same title as a document without one: the same document
        store(reg, run, record("b.txt", "3", None, "关于加强巡查的通知"), record("b.txt", "4", None, "关于 加强巡查的通知"))
        # same title, a different 文号: another document
        store(reg, run, record("c.txt", "5", "某政发〔2023〕8号", "停车管理暂行办法"))
        docs = reg.all("SELECT d.doc_key, d.title, count(v.id) AS n FROM documents d JOIN versions v "
                       "ON v.document_id = d.id GROUP BY d.id ORDER BY d.id")
        assert [(d["doc_key"], d["title"], d["n"]) for d in docs] == [
            ("某政发〔2016〕5号", "停车管理暂行办法", 2), ("关于加强巡查的通知", "关于 加强巡查的通知", 2),
            ("某政发〔2023〕8号", "停车管理暂行办法", 1)]
        # the run keeps what each file holds now
        assert [(r["source"], r["version_id"]) for r in reg.all("SELECT * FROM run_items ORDER BY source")] == [
            ("a.txt", 2), ("b.txt", 4), ("c.txt", 5)]
        assert reg.start_run(2026, "2026-11-22", "/docs") == (run, "running")


def test_an_unreadable_file_is_recorded_with_its_cause(registry_target):
    with Registry(registry_target) as reg:
        run, _ = reg.start_run(2026, "2026-11-22", "/docs")
        reg.store_file(run, "x.docx", 3, 1, None, [Record("x.docx", reason="文件已损坏，无法解析")])
        assert reg.unreadable(run) == [("x.docx", "文件已损坏，无法解析")]
        assert reg.one("SELECT status, reason FROM run_files")[:] == ("failed", "文件已损坏，无法解析")
        assert reg.counts()["versions"] == 0


def test_decisions_are_kept_apart_from_proposals(registry_target):
    with Registry(registry_target) as reg:
        run, _ = reg.start_run(2026, "2026-11-22", "/docs")
        store(reg, run, record("a.txt", "1", "某政发〔2016〕5号", "停车管理办法"))
        reg.save_proposals(run, 2026, [(1, 1, "废止", ["已被替代。"], None)])
        assert reg.record_decisions(2026, [(1, "继续有效", "仍需执行。", "")], "张三") == 1
        assert reg.record_decisions(2026, [(1, "继续有效", "仍需执行。", "")], "张三") == 0  # the same again
        assert reg.one("SELECT status, reasons FROM proposals")[:] == ("废止", '["已被替代。"]')
        cat = catalogue_data(reg, 2026)
        (entry,) = cat.valid
        assert (entry.status, entry.proposed, entry.reason, entry.decided) == ("继续有效", "废止", "仍需执行。", True)
        assert cat.repealed == [] and cat.undecided == 0


def test_fair_competition_conclusions(registry_target):
    with Registry(registry_target) as reg:
        assert reg.latest_conclusion("某政发〔2024〕1号") is None
        reg.record_conclusion("某政发〔2024〕1号", "违反", "限定本地经营者。", "王五", when="2026-01-01T09:00:00+08:00")
        reg.record_conclusion("某政发〔2024〕1号", "适用例外", "属于扶贫开发。", "赵六", title="关于…的通知",
                              when="2026-02-01T09:00:00+08:00")
        latest = reg.latest_conclusion("某政发〔2024〕1号")
        assert (latest.conclusion, latest.reason, latest.who, latest.title) == ("适用例外", "属于扶贫开发。", "赵六", "关于…的通知")
        with pytest.raises(UsageError, match="审查结论“不确定”无效"):
            reg.record_conclusion("某政发〔2024〕1号", "不确定")


def test_catalogue_editions_and_a_missing_registry(registry_target, registries, tmp_path):
    with Registry(registry_target) as reg:
        assert reg.edition(2025) is None
        reg.record_edition(2025, [{"title": "甲", "doc_number": "某政发〔2024〕1号"}])
        assert reg.edition(2025) == [{"title": "甲", "doc_number": "某政发〔2024〕1号"}]
    with pytest.raises(UsageError, match="登记库不存在"):
        catalogue_data(tmp_path / "没有.sqlite", 2026)
    assert not (tmp_path / "没有.sqlite").exists()
    empty = registries()  # a database (schema) without the registry's tables: reading does not make them
    with pytest.raises(UsageError, match="登记库不存在"):
        catalogue_data(empty, 2026)
    assert not exists(empty)


def test_a_published_edition_is_next_years_previous_catalogue(registry_target):
    with Registry(registry_target) as reg:
        run, _ = reg.start_run(2025, "2025-11-22", "/docs")
        store(reg, run, record("a.txt", "1", "某政发〔2024〕1号", "关于加强巡查的通知"))
        reg.save_proposals(run, 2025, [(1, 1, "继续有效", [], None)])
        reg.record_edition(2025, catalogue_data(reg, 2025).edition())
        (entry,) = reg.edition(2025)
        assert (entry["title"], entry["doc_number"], entry["status"], entry["seq"]) == (
            "关于加强巡查的通知", "某政发〔2024〕1号", "继续有效", 1)
        assert "text" not in entry


def test_the_same_title_with_and_without_a_number_is_one_document_whichever_is_stored_first(registries):
    numbered = record("a.txt", "9", "某政发〔2022〕9号", "关于规范集贸市场摊位管理的通知", issuer="某县人民政府")
    numbered.metadata = {"doc_number": {"value": "某政发〔2022〕9号"}}
    plain = record("b.txt", "0", None, "关于规范集贸市场摊位管理的通知", issuer="某县市场监督管理局")
    seen = []
    for order in ((numbered, plain), (plain, numbered)):
        with Registry(registries()) as reg:
            run, _ = reg.start_run(2026, "2026-11-22", "/docs")
            store(reg, run, *order)
            docs = [tuple(d) for d in reg.all("SELECT doc_key, doc_number, title_key, issuer FROM documents")]
            current = [(r["doc_key"], reg.one("SELECT sha256 FROM versions WHERE id = ?", r["version_id"])[0])
                       for r in reg.run_documents(run)]
        seen.append((docs, current))
    # one document, known by its 文号, with the numbered version's fields, and that version current
    assert seen[0] == seen[1] == ([("某政发〔2022〕9号", "某政发〔2022〕9号", "关于规范集贸市场摊位管理的通知", "某县人民政府")],
                                  [("某政发〔2022〕9号", "9")])
