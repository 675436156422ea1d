"""The annual cleanup on a batch built here: exact proposals, re-runs that change nothing, a run killed
midway that resumes, last year's catalogue compared, near-duplicates found without comparing all pairs."""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import datetime

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from reviewtools import cleanup
from reviewtools.cleanup import similarity, worker
from reviewtools.cleanup.propose import decide
from reviewtools.cleanup.worker import DELAY_ENV
from reviewtools.cli import main
from reviewtools.registry import Record, Registry
from reviewtools.settings import Settings
from tests import cleanup_batch as batch
from tests.registry.backends import BACKENDS, target

FILES = len(batch.DOCS) + 1 + len(batch.UNREADABLE)  # documents, the copy, the unreadable files
REPLACED = ("r1_old.txt", "r2_old.txt", "r3_old.txt", "r4_old.txt")


@pytest.fixture(scope="module", params=BACKENDS)
def done(request, tmp_path_factory):
    """The batch cleaned up once (one worker, in this process), in a registry on each backend in turn."""
    folder = tmp_path_factory.mktemp("cleanup")
    docs = batch.build(folder / "docs")
    with target(request.param, folder) as db:
        yield folder, cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1), db


def statuses(result) -> dict[str, str]:
    return {path: status for path, (status, _) in result.proposals.items()}


def reasons(result, path: str) -> str:
    return "\n".join(result.proposals[path][1])


def test_the_batch_gives_exactly_the_expected_proposals(done):
    _, result, _ = done
    assert len(batch.DOCS) + 1 >= 30 and result.files == FILES == 35
    assert statuses(result) == batch.expected()
    assert result.counts == {"继续有效": 16, "修改": 5, "废止": 5, "宣布失效": 5}  # per document: the copy is c01
    assert result.read == FILES and not result.resumed


def test_the_reasons_say_why(done):
    _, r, _ = done
    assert reasons(r, "e1.txt") == "有效期至2020年12月31日，已届满（原文：“有效期至2020年12月31日”）。"
    assert reasons(r, "e2.txt") == "有效期至2021年12月31日，已届满（原文：“有效期3年”）。"
    assert "实施期限至 2020 年已届满" in reasons(r, "e3.txt")
    assert reasons(r, "e4.txt") == "标题表明文件部署的是2023年度的工作（“2023年度春季农业生产工作”），任务已完成。"
    assert "有效期至2021年6月30日" in reasons(r, "e5.docx")
    # replaced: named by 文号 and title, by the transmitted policy's title, by 文号 alone, by 停止执行
    assert reasons(r, "r1_old.txt").startswith("已被《某县城区停车管理办法》（某政发〔2023〕8号）替代（原文：“原《某县城区停车管理办法》")
    assert reasons(r, "r2_old.txt").startswith("已被《某县农村供水工程运行管理办法》（某政办发〔2024〕6号）替代")
    assert "某城管发〔2015〕2号文件不再执行" in reasons(r, "r3_old.txt")
    assert "停止执行" in reasons(r, "r4_old.txt")
    assert r.proposals["p1.txt"][1] == [
        "设定行政处罚（罚款、拘留的种类和幅度）：“处以五千元以上一万元以下罚款”，超越制定机关权限，与上位法相抵触。",
        "设定行政许可、审批：“须经县住房和城乡建设局审批同意后方可施工”，超越制定机关权限，与上位法相抵触。"]
    assert "《中华人民共和国合同法》" in reasons(r, "m1.txt") and "民法典" in reasons(r, "m1.txt")
    assert "“县工商行政管理局”" in reasons(r, "m2.txt")
    assert "处以二百元罚款" in reasons(r, "m3.txt")  # one such clause: amend, not repeal
    assert "地方留成" in reasons(r, "m4.txt")
    assert "《中华人民共和国物权法》" in reasons(r, "m5.docx")
    assert all(not reasons(r, p) for p, s in statuses(r).items() if s == "继续有效")


def test_unreadable_files_and_near_duplicates_are_listed(done):
    _, r, _ = done
    assert r.unreadable == [("u1_empty.txt", "空文件，没有可读取的文字"), ("u2_corrupt.docx", "文件已损坏，无法解析"),
                            ("u3_blank.txt", "空文件，没有可读取的文字")]
    assert [(a, b) for a, b, _ in r.near_duplicates] == [("c01.txt", batch.COPY), ("n1.txt", "n2.txt")]
    assert r.near_duplicates[0][2] == 1.0 and 0.8 <= r.near_duplicates[1][2] < 1.0


def test_rerunning_changes_nothing_and_a_changed_file_is_a_new_version(registry_target, tmp_path):
    docs, db = batch.build(tmp_path / "docs"), registry_target
    first = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    with Registry(db) as reg:
        before = reg.counts()
    again = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    assert again.read == 0 and again.proposals == first.proposals
    with Registry(db) as reg:
        assert reg.counts() == before
    # c02 amended: same 文号, new content
    (docs / "c02.txt").write_text(batch.content("c02.txt") + "各单位要加强宣传工作。\n", encoding="utf-8")
    third = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    assert third.read == 1 and third.proposals == first.proposals
    with Registry(db) as reg:
        after = reg.counts()
        versions = reg.all("SELECT v.path FROM versions v JOIN documents d ON d.id = v.document_id "
                           "WHERE d.doc_key = '某政发〔2024〕2号'")
    grew = {t: after[t] - before[t] for t in after if after[t] != before[t]}
    assert grew == {"versions": 1, "reviews": 1, "fingerprints": 1, "lsh_bands": similarity.BANDS}
    assert len(versions) == 2


def test_a_run_killed_midway_resumes_with_nothing_lost_and_no_file_read_twice(tmp_path):
    docs, db = batch.build(tmp_path / "docs"), tmp_path / "r.sqlite"
    code = "import sys; from reviewtools.cli import main; sys.exit(main())"
    args = ["cleanup", "run", str(docs), "--year", str(batch.YEAR), "--as-of", batch.AS_OF.isoformat(),
            "--db", str(db), "--workers", "2"]
    proc = subprocess.Popen([sys.executable, "-c", code, *args], env={**os.environ, DELAY_ENV: "0.3"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    batch.kill_after(proc, db, 8)
    with sqlite3.connect(db) as conn:
        kept = dict(conn.execute("SELECT path, rowid FROM run_files").fetchall())
        status = conn.execute("SELECT status FROM runs").fetchone()[0]
    assert status == "running" and 8 <= len(kept) < FILES
    result = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    assert result.resumed and result.read == FILES - len(kept)  # only what was not done is read
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT path, rowid FROM run_files").fetchall())
        assert conn.execute("SELECT status FROM runs").fetchone()[0] == "finished"
    assert {p: rows[p] for p in kept} == kept  # the rows committed before the kill were not rewritten
    assert statuses(result) == batch.expected()
    assert len(result.unreadable) == 3 and len(result.near_duplicates) == 2



def test_ctrl_c_marks_the_run_interrupted_and_the_next_run_takes_it_up(registry_target, tmp_path, monkeypatch):
    """Ctrl-C while the sixth file is read: the five read before it, not yet committed (a batch), are written."""
    docs, db = batch.build(tmp_path / "docs"), registry_target
    read, calls = worker.read, []

    def interrupted(*args):
        if len(calls) == 5:
            raise KeyboardInterrupt
        calls.append(args[1])
        return read(*args)

    monkeypatch.setattr(worker, "read", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    monkeypatch.setattr(worker, "read", read)
    with Registry(db) as reg:
        assert reg.one("SELECT status FROM runs")[0] == "interrupted"
    result = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    assert result.resumed and result.read == FILES - 5
    assert statuses(result) == batch.expected()


# ---------------------------------------------------------------- last year's catalogue

# (序号, 文件名称, 文号, 发文机关, 发布日期, 有效性): as an office publishes it, with its variations.
PREVIOUS = [
    ("1", "关于加强农村公路养护管理的通知", "某政发〔2024〕1号", "某县人民政府", "2024-01-10", "有效"),
    ("2", "关于推进全民阅读工作实施意见", "", "某县人民政府办公室", "2023-03-10", "有效"),  # 的 dropped: a near title
    ("3", "某县城区停车管理办法", "某政发[2016]5号", "某县人民政府", "2016-03-01", "有效"),  # brackets as typed
    ("4", "关于规范农村集体经济组织合同管理的通知", "某农发〔2020〕5号", "某县农业农村局", "2020-06-01", "现行有效"),
    ("5", "某县老旧市场管理办法", "某政发〔2010〕1号", "某县人民政府", "2010-01-01", "有效"),  # not in the folder
    ("6", "关于加强乡村道路照明设施管理的通知", "某交发〔2018〕1号", "某县交通运输局", "2018-01-10", ""),
]
ADDED = sorted(set(batch.DOCS) - {"c01.txt", "c03.txt", "r1_old.txt", "m1.txt", "e1.txt"})


def expected_changes() -> list[tuple]:
    titles = {name: spec[0] for name, spec in batch.DOCS.items()}
    return sorted([("added", titles[n], None, batch.DOCS[n][-1]) for n in ADDED] + [
        ("removed", "某县老旧市场管理办法", "继续有效", None),
        ("status_changed", "某县城区停车管理办法", "继续有效", "废止"),
        ("status_changed", "关于规范农村集体经济组织合同管理的通知", "继续有效", "修改"),
        ("status_changed", "关于加强乡村道路照明设施管理的通知", "继续有效", "宣布失效"),
    ])


def changes(result) -> list[tuple]:
    return sorted((c.kind, c.title, c.before, c.after) for c in result.changes)


def test_last_years_catalogue_xlsx_is_matched_and_the_change_reported(done, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["附件1"])
    ws.append(["某县现行有效行政规范性文件目录（2025年）"])
    ws.append(["序号", "文件名称", "发文字号", "制定机关", "发布日期", "有效性"])
    ws.append(["一、县政府文件"])
    for seq, title, number, issuer, day, status in PREVIOUS:
        ws.append([int(seq), title, number or None, issuer, datetime.fromisoformat(day), status or None])
    wb.save(tmp_path / "上年目录.xlsx")
    folder, _, db = done
    result = cleanup.run(folder / "docs", batch.YEAR, batch.AS_OF, db=db, workers=1,
                         previous=tmp_path / "上年目录.xlsx")
    assert result.read == 0 and result.previous_rows == len(PREVIOUS)
    assert changes(result) == expected_changes()
    removed = next(c for c in result.changes if c.kind == "removed")
    assert (removed.doc_number, removed.previous_seq, removed.doc_key) == ("某政发〔2010〕1号", "5", None)


def test_last_years_catalogue_as_a_gbk_csv(done, tmp_path):
    path = tmp_path / "上年目录.csv"
    with path.open("w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["序号", "文件名称", "文号", "发文机关", "成文日期", "状态"])
        w.writerow(["", "一、县政府文件", "", "", "", ""])
        for seq, title, number, issuer, day, status in PREVIOUS:
            w.writerow([seq, title, number, issuer, day.replace("-", "."), status])
    folder, _, db = done
    result = cleanup.run(folder / "docs", batch.YEAR, batch.AS_OF, db=db, workers=1, previous=path)
    assert changes(result) == expected_changes()
    with Registry(db) as reg:
        rows = reg.previous_rows(batch.YEAR)
    assert [r["issued_on"] for r in rows][:2] == ["2024-01-10", "2023-03-10"]  # 2024.01.10 read as a date


def test_a_bad_previous_catalogue_is_refused_before_any_work(tmp_path):
    bad = tmp_path / "目录.csv"
    bad.write_text("名单\n甲\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["cleanup", "run", str(tmp_path), "--previous", str(bad),
                                       "--db", str(tmp_path / "r.sqlite")])
    assert result.exit_code == 2 and "找不到表头" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "r.sqlite").exists()


# ---------------------------------------------------------------- the command

def test_the_command_prints_the_summary_and_maps_replaced_as_configured(registry_target, tmp_path):
    docs = batch.build(tmp_path / "docs")
    db = registry_target
    result = CliRunner().invoke(main, ["cleanup", "run", str(docs), "--year", "2026", "--as-of", "2026-11-22",
                                       "--db", str(db), "--workers", "1", "--replaced", "宣布失效"])
    assert result.exit_code == 0, result.output  # unreadable files are listed, not an error
    out = result.stdout
    for text in ("2026年度清理", "清理建议", "宣布失效", "无法读取的文件（3 个）", "u2_corrupt.docx", "文件已损坏，无法解析",
                 "内容近似的文件（2 对）", "n1.txt", "90%", "cleanup export"):
        assert text in out, text
    with Registry(db) as reg:
        got = {r["path"]: r["status"] for r in reg.all(
            "SELECT v.path, p.status FROM proposals p JOIN versions v ON v.id = p.version_id")}
    assert {p: got[p] for p in REPLACED} == dict.fromkeys(REPLACED, "宣布失效")  # 河北's grouping
    assert got["p1.txt"] == "废止"


@pytest.mark.parametrize(("args", "message"), [
    (["cleanup", "run", "没有这个文件夹"], "不是文件夹"),
    (["cleanup", "run", ".", "--as-of", "去年"], "--as-of 应为日期"),
    (["cleanup", "export", "-o", "x.xlsx", "--db", "没有.sqlite"], "登记库不存在"),
    (["cleanup", "export", "-o", "x.csv"], "应为 .xlsx"),
])
def test_misuse_is_one_chinese_line_and_exit_2(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


# ---------------------------------------------------------------- the pieces

def test_the_strongest_signal_decides_and_its_reasons_come_along():
    found = [{"kind": "outdated", "reason": "甲"}, {"kind": "expired", "reason": "乙"},
             {"kind": "replaced", "reason": "丙"}, {"kind": "conflict", "reason": "丁"}]
    assert decide(found, "废止", 7) == decide(found, "废止", 7)
    p = decide(found, "废止", 7)
    assert (p.status, p.reasons, p.replaced_by) == ("废止", ["丙", "丁"], 7)
    p = decide(found, "宣布失效", 7)
    assert (p.status, p.reasons, p.replaced_by) == ("宣布失效", ["丙", "乙"], 7)
    assert decide(found[:1]).status == "修改" and decide([]).status == "继续有效"


def test_near_duplicates_come_from_lsh_buckets_not_all_pairs():
    base = batch.content("n1.txt")
    near = base.replace(batch.body(batch.SEEDS["n1.txt"], 24)[5], batch.NEAR_EDIT)
    other = batch.content("c02.txt")
    a, b, c = (similarity.fingerprint(t) for t in (base, near, other))
    assert similarity.jaccard(a[0], b[0]) > 0.9 and similarity.jaccard(a[0], c[0]) < 0.2  # shared 版头 and 版记 wording
    assert set(a[1]) & set(b[1]) and not set(a[1]) & set(c[1])  # a shared band bucket makes a candidate
    assert len(a[1]) == similarity.BANDS and all(0 <= x < 2 ** 63 for x in a[1])
    # the sketch estimates the similarity: per bin, equal values with probability J
    sa, sb = (similarity.signature(similarity.shingles(t)) for t in (base, near))
    assert abs(sum(x == y for x, y in zip(sa, sb, strict=True)) / similarity.K - similarity.jaccard(a[0], b[0])) < 0.1


def test_shingles_ignore_punctuation_spaces_and_line_breaks():
    text = "各单位要加强农村公路养护工作，根据《中华人民共和国公路法》的规定，落实养护责任。"
    retyped = "各单位要加强农村公路养护工作\n根据 中华人民共和国公路法 的规定；落实养护责任"
    assert list(similarity.shingles(text)) == list(similarity.shingles(retyped))
    assert len(similarity.shingles(text)) == len("各单位要加强农村公路养护工作根据中华人民共和国公路法的规定落实养护责任") - 4
    assert len(similarity.shingles("，。")) == 0 and similarity.fingerprint("，。") == (b"", [])


def test_the_characters_kept_are_exactly_the_word_characters():
    """The code-point table keeps what removing every run of \\W keeps: letters and digits of any script,
    Chinese characters (astral ones too), _ and ①²; not punctuation, spaces, symbols or controls."""
    import re

    text = "第１条 a_b①²《法》—— 𠀀𡈽\u3000\t\x00ǅ٣﹝2017﹞74号！？…※\U0001F600"
    kept = re.sub(r"\W+", "", text)
    assert kept == "第１条a_b①²法𠀀𡈽ǅ٣201774号"
    assert list(similarity.shingles(text)) == list(similarity.shingles(kept))
    assert len(similarity.shingles(text)) == len(kept) - similarity.SHINGLE + 1
    hashes = similarity.shingles(batch.content("n1.txt"))
    assert (hashes[1:] > hashes[:-1]).all()  # sorted, distinct


def test_results_are_written_in_batches_and_the_batch_in_hand_when_stopped(tmp_path, monkeypatch):
    from reviewtools.cleanup import _BATCH, _store

    commits = []
    with Registry(tmp_path / "r.sqlite") as reg:
        run_id, _ = reg.start_run(batch.YEAR, "2026-11-22", str(tmp_path))
        batch_of = reg.batch

        @contextlib.contextmanager
        def counted():
            with batch_of():
                yield
            commits.append(reg.one("SELECT count(*) FROM run_files")[0])

        monkeypatch.setattr(reg, "batch", counted)

        def results(n, start=0, stop=False):
            for i in range(start, start + n):
                yield worker.FileResult(f"f{i:03d}.txt", 1, 1, None, [Record(f"f{i:03d}.txt", reason="无法读取")])
            if stop:
                raise KeyboardInterrupt

        _store(reg, run_id, results(2 * _BATCH + 5), lambda: None)
        assert commits == [_BATCH, 2 * _BATCH, 2 * _BATCH + 5]
        with pytest.raises(KeyboardInterrupt):
            _store(reg, run_id, results(3, 900, stop=True), lambda: None)  # Ctrl-C after three more files
        assert commits[-1] == 2 * _BATCH + 8 and len(commits) == 4  # the three in hand were written


def test_a_family_of_identical_documents_gives_linear_candidates_and_stays_linked(registry_target, tmp_path):
    """400 copies of one text with a line added to each: every pair is similar, but each document is paired
    only with its NEIGHBOURS predecessors per bucket (in each of BANDS bands), and all 400 are still found
    through those pairs."""
    from reviewtools.cleanup import _near_duplicates

    base = batch.content("n1.txt")
    with Registry(registry_target) as reg:
        run_id, _ = reg.start_run(batch.YEAR, "2026-11-22", str(tmp_path))
        for i in range(400):
            text = base + f"\n第{i}份：本件另附第{i}号说明。"
            shingles, bands = similarity.fingerprint(text)
            rec = Record(source=f"f{i}.txt", sha256=f"{i:064x}", format="txt", text=text,
                         fields={"title": f"文件{i}"}, verdict="pass", shingles=shingles, bands=bands)
            reg.store_file(run_id, f"f{i}.txt", 1, 1, rec.sha256, [rec])
        candidates = set(reg.candidate_pairs(run_id, similarity.NEIGHBOURS))
        later = Counter(b for _, b in candidates)
        assert max(later.values()) <= similarity.NEIGHBOURS * similarity.BANDS
        assert len(candidates) < 400 * 399 // 2 // 10  # all pairs would be 79,800
        _near_duplicates(reg, run_id, 0.8)
        pairs = reg.near_duplicates(run_id)
    linked = {pairs[0][0]}
    for _ in range(400):
        linked |= {x for a, b, _ in pairs if a in linked or b in linked for x in (a, b)}
    assert len(linked) == 400 and all(score >= 0.8 for *_, score in pairs)


def test_settings_name_the_cleanup_keys(tmp_path):
    from reviewtools import settings as settings_mod
    from reviewtools.errors import UsageError

    path = tmp_path / "reviewtools.toml"
    path.write_text('[cleanup]\nreplaced = "宣布失效"\nrepeal_at = 3\nnear_duplicate = 0.9\n', encoding="utf-8")
    s = settings_mod.load(path)
    assert (s.cleanup_replaced, s.cleanup_repeal_at, s.near_duplicate) == ("宣布失效", 3, 0.9)
    path.write_text('[cleanup]\nreplaced = "作废"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="cleanup.replaced 应为 废止/宣布失效"):
        settings_mod.load(path)
    assert Settings().cleanup_replaced == "废止"


def test_without_a_previous_file_last_years_edition_in_the_registry_is_the_previous_catalogue(registry_target,
                                                                                              tmp_path):
    docs, db = batch.build(tmp_path / "docs"), registry_target
    with Registry(db) as reg:  # what the catalogue command recorded when it published last year's catalogue
        reg.record_edition(batch.YEAR - 1, [{"seq": 1, "title": "关于加强农村公路养护管理的通知", "doc_number": "某政发〔2024〕1号",
                                             "issuer": "某县人民政府", "status": "继续有效"},
                                            {"seq": 2, "title": "某县老旧市场管理办法", "doc_number": "某政发〔2010〕1号"}])
    result = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    assert result.previous_rows == 2
    assert [(c.kind, c.title) for c in result.changes if c.kind != "added"] == [("removed", "某县老旧市场管理办法")]
    assert len([c for c in result.changes if c.kind == "added"]) == len(batch.DOCS) - 1


def test_the_registry_does_not_depend_on_the_order_files_are_read_in(registries, tmp_path, monkeypatch):
    """Two documents of one title, one with a 文号 and one without, among the batch: the keys, proposals and
    near-duplicates are the same whichever file is read first."""
    title = "关于规范集贸市场摊位管理的通知"
    docs, seen = batch.build(tmp_path / "docs"), []
    (docs / "t1.txt").write_text(batch.text(title, "某政发〔2022〕9号", batch.GOV, batch.date(2022, 3, 1),
                                            batch.body(101) + ["本通知自2022年3月1日起施行，有效期2年。"]), encoding="utf-8")
    (docs / "t2.txt").write_text(batch.text(title, "", batch.GOV, batch.date(2022, 3, 1), batch.body(102)),
                                 encoding="utf-8")
    walked = cleanup.list_files
    for reverse in (False, True):
        monkeypatch.setattr(cleanup, "list_files", lambda paths, r=reverse: walked(paths)[::-1] if r else walked(paths))
        db = registries()
        result = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
        monkeypatch.undo()
        with Registry(db) as reg:
            documents = [tuple(r) for r in reg.all(
                "SELECT d.doc_key, d.doc_number, d.title, p.status, p.reasons, "
                "(SELECT sha256 FROM versions WHERE id = p.version_id) FROM documents d "
                "JOIN proposals p ON p.document_id = d.id ORDER BY d.doc_key")]
        seen.append((documents, result.proposals, result.near_duplicates, result.unreadable))
    assert seen[0] == seen[1]
    documents, proposals, *_ = seen[0]
    assert proposals["t1.txt"] == proposals["t2.txt"] == (
        "宣布失效", ["有效期至2024年2月29日，已届满（原文：“有效期2年”）。"])
    assert [d[:3] for d in documents if d[2] == title] == [("某政发〔2022〕9号", "某政发〔2022〕9号", title)]
