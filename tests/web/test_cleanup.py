"""The annual cleanup in the workbench: a cleanup started on a configured folder of real seed files, its
progress, the proposals with their filters, decisions (负责人 only), the workbook, the published catalogue, the
folders it may not read, and a job a stopped server left running taken up by the next."""

from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from reviewtools.registry import Registry, lock
from reviewtools.registry.accounts import Accounts
from reviewtools.registry.jobs import Jobs
from tests.web.workbench import HEAD, REVIEWER, browser, log_in, logged_in, make_app, post, serving, shot

AS_OF = date(2026, 12, 1)
# The seed files' titles as the proposals list them (one has none: listed by its path), and what is proposed.
PROPOSED = {
    "大连市人民政府办公厅关于印发大连市全面推进依法行政(法治政府建设)规划(2016—2020年)的通知": "宣布失效",
    "关于印发大连市文化广播影视局法治政府建设实施方案(2016-2020年)的通知": "宣布失效",
    "002_c7d86a187d392f65.txt": "修改",  # cites a rule as 文化部《…》: the agency renamed in 2018
    "上党区文旅局行政执法公示制度执法全过程记录制度重大执法 决策法制审核制度工作实施方案": "继续有效",
    "漯河市文化广电和旅游局创建全国法治政府建设示范市工作实施方案": "继续有效",
}
HOSTILE = ("关于<script>alert(1)</script>支持<img src=x onerror=alert(2)>企业发展的通知\n"
           "第一条 对本地企业<b onmouseover=alert(3)>优先采购</b>，违者处以<script>alert(4)</script>五千元罚款。\n")
EXPIRED = "关于印发大连市文化广播影视局法治政府建设实施方案(2016-2020年)的通知"
REASON = "文件标题所载实施期限至 2020 年已届满。"


@pytest.fixture
def allowed(tmp_path, seeds):
    """The folder the workbench may read, holding a folder of the five seed files."""
    root = tmp_path / "folders"
    (root / "清理").mkdir(parents=True)
    for f in sorted(seeds.iterdir()):
        shutil.copy(f, root / "清理" / f.name)
    return root


@pytest.fixture
def app(registry_target, tmp_path, allowed):
    return make_app(registry_target, tmp_path / "web", folders=(allowed,), as_of=AS_OF)


def start(client, folder, year="2026", as_of="2026-12-01"):
    return post(client, "/cleanup/start", {"folder": str(folder), "year": year, "as_of": as_of}, "/cleanup/")


def finished(client, job_id: int, limit: float = 120) -> dict:
    """The job's state once it is no longer running (polled as its page does)."""
    deadline = time.monotonic() + limit
    while True:
        state = client.get(f"/cleanup/jobs/{job_id}.json").get_json()
        if state["status"] != "running" or time.monotonic() > deadline:
            return state
        time.sleep(0.2)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def listed(html: str) -> list[str]:
    """The documents a proposals page lists, in its order."""
    return re.findall(r'<tr id="d-\d+">\s*<td><strong>([^<]+)</strong>', html)


def document_id(registry_target, title: str) -> int:
    with Registry(registry_target) as reg:
        return next(w["document_id"] for w in reg.worklist(2026) if (w["title"] or w["path"]) == title)


@pytest.fixture
def cleaned(app, allowed):
    """The app after a reviewer's cleanup of the seed folder has finished."""
    client = logged_in(app, REVIEWER)
    response = start(client, allowed / "清理")
    assert response.status_code == 303 and response.headers["Location"] == "/cleanup/jobs/1"
    assert finished(client, 1)["status"] == "finished"
    return app


def test_a_cleanup_started_in_the_page_runs_in_the_background_to_its_proposals(app, allowed, registry_target):
    client = logged_in(app, REVIEWER)
    response = start(client, allowed / "清理")
    assert response.status_code == 303 and response.headers["Location"] == "/cleanup/jobs/1"
    running = page(client, "/cleanup/jobs/1")
    assert "2026年度清理" in running and str(allowed / "清理") in running
    assert finished(client, 1) == {"status": "finished", "status_name": "已完成", "files": 5, "done": 5,
                                   "percent": 100, "message": ""}
    with Registry(registry_target) as reg:
        (job,) = Jobs(reg).recent()
        audit = Accounts(reg).trail()
        runs = reg.all("SELECT id FROM runs")
    assert (job.folder, job.year, job.as_of, job.who, job.run_id) == (str(allowed / "清理"), 2026, "2026-12-01",
                                                                      "李审查员（li）", runs[0]["id"])
    assert audit[0].action == "开始年度清理" and audit[0].who == "李审查员（li）"
    done = page(client, "/cleanup/jobs/1")
    assert "data-poll" not in done  # a finished job is not polled
    assert re.search(r"<th>继续有效</th><th>修改</th><th>废止</th><th>宣布失效</th><th>合计</th></tr>\s*"
                     r"<tr><td>2</td><td>1</td><td>0</td><td>2</td><td>5</td>", done)
    html = page(client, "/cleanup/2026/")
    assert sorted(listed(html)) == sorted(PROPOSED)
    assert REASON in html and "共 5 件，5 件尚未决定" in html
    assert "/cleanup/2026/" in page(client, "/cleanup/") and "已完成" in page(client, "/cleanup/")


def test_a_finished_job_names_its_unreadable_files_and_near_duplicates(registry_target, tmp_path, seeds):
    folder = tmp_path / "folders" / "清理"
    folder.mkdir(parents=True)
    (folder / "坏文件.docx").write_bytes(b"PK\x03\x04" + bytes(200))  # a zip's start, then nothing
    for name in ("甲.txt", "乙.txt"):
        shutil.copy(next(seeds.glob("001_*")), folder / name)
    client = logged_in(make_app(registry_target, tmp_path / "web", folders=(tmp_path / "folders",), as_of=AS_OF))
    start(client, folder)
    assert finished(client, 1)["files"] == 3
    html = page(client, "/cleanup/jobs/1")
    assert "无法读取的文件（1 个）" in html and "<td>坏文件.docx</td><td>文件已损坏，无法解析</td>" in html
    assert "内容近似的文件（1 对）" in html and "<td>乙.txt</td><td>甲.txt</td><td>100%</td>" in html


def test_the_proposals_filter_by_proposal_decision_and_text(cleaned, registry_target):
    client = logged_in(cleaned, HEAD)
    assert sorted(listed(page(client, "/cleanup/2026/?proposed=宣布失效"))) == sorted(
        t for t, s in PROPOSED.items() if s == "宣布失效")
    assert listed(page(client, "/cleanup/2026/?q=漯河")) == ["漯河市文化广电和旅游局创建全国法治政府建设示范市工作实施方案"]
    assert listed(page(client, "/cleanup/2026/?q=大政办发〔2016〕41号")) == [
        "大连市人民政府办公厅关于印发大连市全面推进依法行政(法治政府建设)规划(2016—2020年)的通知"]
    assert listed(page(client, "/cleanup/2026/?q=上党区文化和旅游局&proposed=宣布失效")) == []
    assert listed(page(client, "/cleanup/2026/?decided=yes")) == []
    post(client, "/cleanup/2026/decide", {"document_id": document_id(registry_target, EXPIRED), "status": "宣布失效"},
         "/cleanup/2026/")
    assert listed(page(client, "/cleanup/2026/?decided=yes")) == [EXPIRED]
    assert len(listed(page(client, "/cleanup/2026/?decided=no"))) == 4
    assert len(listed(page(client, "/cleanup/2026/?proposed=bogus&decided=bogus&page=x"))) == 5


def test_a_long_list_is_shown_a_page_at_a_time(cleaned, monkeypatch):
    from reviewtools.web import cleanup

    monkeypatch.setattr(cleanup, "PAGE", 2)
    client = logged_in(cleaned, HEAD)
    html = [page(client, f"/cleanup/2026/?page={n}") for n in (1, 2, 3, 9)]
    first, second, third, beyond = (listed(h) for h in html)
    assert (len(first), len(second), len(third)) == (2, 2, 1) and sorted(first + second + third) == sorted(PROPOSED)
    assert beyond == third and "第 3 / 3 页" in html[3]  # a page past the end is the last one
    assert "第 2 / 3 页" in html[1] and 'href="/cleanup/2026/?page=3"' in html[1]
    monkeypatch.setattr(cleanup, "PAGE", 1)
    assert 'href="/cleanup/2026/?proposed=%E7%BB%A7%E7%BB%AD%E6%9C%89%E6%95%88&amp;page=2"' in page(
        client, "/cleanup/2026/?proposed=继续有效")  # the filters kept from page to page


def test_the_head_records_a_decision_with_its_reason_and_who(cleaned, registry_target):
    client = logged_in(cleaned, HEAD)
    doc = document_id(registry_target, "漯河市文化广电和旅游局创建全国法治政府建设示范市工作实施方案")
    refused = post(client, "/cleanup/2026/decide", {"document_id": doc, "status": "废止"}, "/cleanup/2026/")
    assert refused.status_code == 400 and "决定为废止但未填写理由" in refused.get_data(as_text=True)
    done = post(client, "/cleanup/2026/decide", {"document_id": doc, "status": "废止", "reason": "已被新方案替代",
                                                 "note": "见2026年新方案", "q": "漯河"}, "/cleanup/2026/")
    assert done.status_code == 303 and done.headers["Location"] == f"/cleanup/2026/?q=%E6%BC%AF%E6%B2%B3#d-{doc}"
    expired = document_id(registry_target, EXPIRED)  # the proposal, its reasons taken when none is given
    post(client, "/cleanup/2026/decide", {"document_id": expired, "status": "宣布失效"}, "/cleanup/2026/")
    with Registry(registry_target) as reg:
        decided = {w["document_id"]: (w["decided"], w["decision_reason"], w["decision_note"], w["who"])
                   for w in reg.worklist(2026) if w["decided"]}
        audit = [(e.who, e.action, e.detail) for e in Accounts(reg).trail()][:2]
    assert decided == {doc: ("废止", "已被新方案替代", "见2026年新方案", "张科长（zhang）"),
                       expired: ("宣布失效", REASON, "", "张科长（zhang）")}
    assert audit == [("张科长（zhang）", "清理决定", f"2026年度 {EXPIRED}：宣布失效；{REASON}"),
                     ("张科长（zhang）", "清理决定", "2026年度 漯河市文化广电和旅游局创建全国法治政府建设示范市工作实施方案："
                                              "废止；已被新方案替代；见2026年新方案")]
    html = page(client, "/cleanup/2026/?q=漯河")
    assert "已被新方案替代" in html and "（与建议不同）" in html and "张科长（zhang）" in html
    again = post(client, "/cleanup/2026/decide", {"document_id": expired, "status": "宣布失效"}, "/cleanup/2026/")
    assert "决定与上次相同，未重复记录" in page(client, again.headers["Location"])
    assert post(client, "/cleanup/2026/decide", {"document_id": 999, "status": "废止"}, "/cleanup/2026/").status_code == 404


def test_the_head_decides_the_undecided_ones_the_filters_show_as_proposed(cleaned, registry_target):
    client = logged_in(cleaned, HEAD)
    kept = "漯河市文化广电和旅游局创建全国法治政府建设示范市工作实施方案"
    post(client, "/cleanup/2026/decide", {"document_id": document_id(registry_target, kept), "status": "修改",
                                          "reason": "需与新规划衔接"}, "/cleanup/2026/")
    html = page(client, "/cleanup/2026/?proposed=继续有效")
    assert "符合筛选的未决定的 1 件按建议决定" in html
    done = post(client, "/cleanup/2026/accept", {"proposed": "继续有效"}, "/cleanup/2026/?proposed=继续有效")
    assert done.status_code == 303 and done.headers["Location"] == "/cleanup/2026/?proposed=%E7%BB%A7%E7%BB%AD%E6%9C%89%E6%95%88"
    assert "已按建议记录 1 件的决定。" in page(client, done.headers["Location"])
    with Registry(registry_target) as reg:
        decided = {(w["title"] or w["path"]): (w["decided"], w["decision_reason"], w["who"]) for w in reg.worklist(2026)}
        audited = [e.action for e in Accounts(reg).trail()[:2]]
    assert decided == {**dict.fromkeys(PROPOSED, (None, None, None)),
                       kept: ("修改", "需与新规划衔接", "张科长（zhang）"),
                       "上党区文旅局行政执法公示制度执法全过程记录制度重大执法 决策法制审核制度工作实施方案": ("继续有效", "", "张科长（zhang）")}
    assert audited == ["清理决定"] * 2
    everything = post(client, "/cleanup/2026/accept", {}, "/cleanup/2026/")  # the rest, their reasons kept
    assert "已按建议记录 3 件的决定。" in page(client, everything.headers["Location"])
    with Registry(registry_target) as reg:
        assert reg.worklist(2026)[0]["decision_reason"] == REASON
    assert "按建议决定" not in page(client, "/cleanup/2026/")
    assert post(logged_in(cleaned, REVIEWER), "/cleanup/2026/accept", {}, "/cleanup/2026/").status_code == 403


def test_markup_in_a_file_or_folder_name_is_shown_as_text_in_every_cleanup_page(registry_target, tmp_path):
    folder = tmp_path / "folders" / "<script>alert(6)</script>"
    folder.mkdir(parents=True)
    (folder / "<svg onload=alert(5)>.txt").write_text(HOSTILE, encoding="utf-8")  # no title: listed by its name
    app = make_app(registry_target, tmp_path / "web", folders=(tmp_path / "folders",), as_of=AS_OF)
    client = logged_in(app, HEAD)
    start(client, folder)
    assert finished(client, 1)["status"] == "finished"
    pages = [page(client, url) for url in ("/cleanup/", "/cleanup/jobs/1", "/cleanup/2026/", "/cleanup/2026/?q=<svg")]
    assert "&lt;svg onload=alert(5)&gt;.txt" in pages[2] and "&lt;svg onload=alert(5)&gt;.txt" in pages[3]
    assert "&lt;script&gt;alert(6)&lt;/script&gt;" in pages[0] and "&lt;script&gt;alert(6)&lt;/script&gt;" in pages[1]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html


def test_a_reviewer_sees_the_proposals_but_cannot_decide_or_publish(cleaned, registry_target, tmp_path):
    client = logged_in(cleaned, REVIEWER)
    html = page(client, "/cleanup/2026/")
    assert len(listed(html)) == 5 and 'name="status"' not in html and "/cleanup/2026/publish" not in html
    doc = document_id(registry_target, EXPIRED)
    refused = post(client, "/cleanup/2026/decide", {"document_id": doc, "status": "继续有效"}, "/cleanup/2026/")
    assert refused.status_code == 403 and "没有权限：这项操作需要负责人角色。" in refused.get_data(as_text=True)
    assert post(client, "/cleanup/2026/publish", {}, "/cleanup/2026/").status_code == 403
    with Registry(registry_target) as reg:
        assert [w["decided"] for w in reg.worklist(2026)] == [None] * 5
        assert reg.edition(2026) is None
    assert not (tmp_path / "web" / "catalogues").exists()


def test_the_workbook_is_the_one_cleanup_export_writes(cleaned, registry_target):
    from reviewtools.report.cleanup import workbook

    client = logged_in(cleaned, REVIEWER)
    response = client.get("/cleanup/2026/workbook.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    with Registry(registry_target) as reg:
        expected = workbook.render(2026, reg.worklist(2026))
    sheet = openpyxl.load_workbook(io.BytesIO(response.data))["清理建议"]
    rows = [tuple(c.value for c in r) for r in sheet.iter_rows()]
    assert rows == [tuple(c.value for c in r) for r in openpyxl.load_workbook(io.BytesIO(expected))["清理建议"].iter_rows()]
    assert len(rows) == 6 and rows[0][:3] == ("序号", "文件名称", "文号")
    assert client.get("/cleanup/2025/workbook.xlsx").status_code == 404


def test_publishing_writes_the_catalogue_and_its_files_download_by_name_only(cleaned, registry_target, tmp_path):
    client = logged_in(cleaned, HEAD)
    done = post(client, "/cleanup/2026/publish", {}, "/cleanup/2026/")
    assert done.status_code == 303 and done.headers["Location"] == "/cleanup/2026/"
    html = page(client, "/cleanup/2026/")
    assert "已生成2026年度目录：现行有效 2 件，废止 0 件，宣布失效 2 件" in html
    assert "注意：列入目录的文件中 4 件尚未决定，按清理建议列入。" in html
    assert "002_c7d86a187d392f65.txt：未能识别文件标题" in html
    folder = tmp_path / "web" / "catalogues" / "2026"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["catalogue-2026-changes.csv", "catalogue-2026-expired.csv", "catalogue-2026-repealed.csv",
                     "catalogue-2026-valid.csv", "catalogue-2026.docx", "catalogue-2026.xlsx", "site"]
    for name in [*names[:-1], "catalogue-2026-site.zip"]:
        assert f'href="/cleanup/2026/catalogue/{name}"' in html
    valid = client.get("/cleanup/2026/catalogue/catalogue-2026-valid.csv")
    assert valid.status_code == 200 and "attachment" in valid.headers["Content-Disposition"]
    assert valid.data == (folder / "catalogue-2026-valid.csv").read_bytes()
    assert "漯河市文化广电和旅游局创建全国法治政府建设示范市工作实施方案" in valid.data.decode("utf-8-sig")
    site = zipfile.ZipFile(io.BytesIO(client.get("/cleanup/2026/catalogue/catalogue-2026-site.zip").data))
    assert "site/index.html" in site.namelist()
    assert site.read("site/index.html") == (folder / "site" / "index.html").read_bytes()
    with Registry(registry_target) as reg:
        assert len(reg.edition(2026)) == 2
        assert Accounts(reg).trail()[0].action == "公布目录"
    (tmp_path / "web" / "catalogues" / "secret.txt").write_text("not published")
    for url in ("/cleanup/2026/catalogue/..%2Fsecret.txt", "/cleanup/2026/catalogue/../secret.txt",
                "/cleanup/2026/catalogue/%2Fetc%2Fpasswd", "/cleanup/2026/catalogue//etc/passwd",
                "/cleanup/2026/catalogue/site", "/cleanup/2026/catalogue/..%2F..%2Fsecret.key",
                "/cleanup/2025/catalogue/catalogue-2026.xlsx"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"not published" not in response.data and b"root:" not in response.data
    again = post(client, "/cleanup/2026/publish", {}, "/cleanup/2026/")  # published again: replaced whole
    assert again.status_code == 303 and sorted(p.name for p in folder.iterdir()) == names


def test_a_folder_outside_the_configured_ones_is_refused(app, allowed, tmp_path, registry_target):
    client = logged_in(app, HEAD)
    (tmp_path / "elsewhere").mkdir()
    for folder in ("/etc", str(tmp_path / "elsewhere"), str(allowed / ".." / "elsewhere"), "../elsewhere",
                   str(allowed / "清理" / ".." / ".." / "web")):
        refused = start(client, folder)
        body = refused.get_data(as_text=True)
        assert refused.status_code == 400, folder
        assert f"不允许读取这个文件夹：{folder}（只能使用：{allowed}）" in body, folder
    missing = start(client, allowed / "没有")
    assert missing.status_code == 400 and f"文件夹不存在：{allowed / '没有'}" in missing.get_data(as_text=True)
    assert "年度无效" in start(client, allowed / "清理", year="20x6").get_data(as_text=True)
    assert "基准日无效" in start(client, allowed / "清理", as_of="明天").get_data(as_text=True)
    with Registry(registry_target) as reg:
        assert Jobs(reg).recent() == []


def test_no_folder_configured_means_no_cleanup_from_the_page(registry_target, tmp_path, allowed):
    client = logged_in(make_app(registry_target, tmp_path / "web"), HEAD)
    assert "管理员没有配置可读取的文件夹" in page(client, "/cleanup/")
    refused = start(client, allowed / "清理")
    assert refused.status_code == 400 and "管理员没有配置可读取的文件夹" in refused.get_data(as_text=True)


def test_one_cleanup_at_a_time(app, allowed, registry_target):
    client = logged_in(app, HEAD)
    with Registry(registry_target) as reg:
        Jobs(reg).start(str(allowed / "清理"), 2026, "2026-12-01", "李审查员（li）")
    busy = start(client, allowed / "清理")
    assert busy.status_code == 400
    assert re.search(r"已有一项清理正在进行（2026年度，.*清理，李审查员（li） 于 [\d-]+ [\d:]+ 开始），请等它结束后再开始新的清理",
                     busy.get_data(as_text=True))
    with Registry(registry_target) as reg:
        Jobs(reg).fail(1, "测试")
    with lock.hold(registry_target, "cleanup run"):  # the command line's cleanup holds the registry
        held = start(client, allowed / "清理")
    assert held.status_code == 400 and "正由另一个清理进程（cleanup run，pid" in held.get_data(as_text=True)
    with Registry(registry_target) as reg:
        assert [j.status for j in Jobs(reg).recent()] == ["failed"]


def test_a_job_left_running_is_taken_up_by_the_next_server_and_a_failure_is_told_in_one_line(
        registry_target, tmp_path, allowed):
    make_app(registry_target, tmp_path / "web")  # the accounts
    with Registry(registry_target) as reg:
        Jobs(reg).start(str(allowed / "清理"), 2026, "2026-12-01", "李审查员（li）")  # the server stopped midway
    client = logged_in(make_app(registry_target, tmp_path / "web", folders=(allowed,)), HEAD)
    assert finished(client, 1)["status"] == "finished"
    assert len(listed(page(client, "/cleanup/2026/"))) == 5
    with Registry(registry_target) as reg:  # a job whose folder is no longer one the server may read
        Jobs(reg).start(str(allowed / "清理"), 2027, "2027-12-01", "李审查员（li）")
    client = logged_in(make_app(registry_target, tmp_path / "web", folders=(tmp_path / "web",)), HEAD)
    state = finished(client, 2)
    assert state["status"] == "failed" and state["status_name"] == "未完成"
    assert state["message"] == f"不允许读取这个文件夹：{allowed / '清理'}（只能使用：{tmp_path / 'web'}）"
    html = page(client, "/cleanup/jobs/2")
    assert state["message"] in html and "Traceback" not in html
    assert client.get("/cleanup/jobs/99").status_code == 404 and client.get("/cleanup/jobs/99.json").status_code == 404


def test_a_cleanup_started_watched_decided_and_published_in_the_browser(registry_target, tmp_path, allowed):
    from playwright.sync_api import expect

    app = make_app(registry_target, tmp_path / "web", folders=(allowed,), as_of=AS_OF)
    with serving(app) as base, browser() as page:
        log_in(page, base, HEAD)
        page.click("nav.menu >> text=年度清理")
        page.wait_for_url(f"{base}/cleanup/")
        page.fill("input[name=folder]", str(allowed / "清理"))
        shot(page, "cleanup-01-开始清理")
        page.click("form[action='/cleanup/start'] button[type=submit]")
        page.wait_for_url(f"{base}/cleanup/jobs/1")
        page.wait_for_selector("text=逐件查看建议并决定", timeout=120_000)  # polled, then reloaded when done
        assert page.locator("[data-field=status_name]").inner_text() == "已完成"
        shot(page, "cleanup-02-清理完成")

        page.click("text=逐件查看建议并决定")
        page.wait_for_url(f"{base}/cleanup/2026/")
        assert page.locator("tr[id^=d-]").count() == 5
        shot(page, "cleanup-03-清理建议")
        page.select_option("select[name=proposed]", "宣布失效")
        page.click("form.filters button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("tr[id^=d-]").count() == 2
        row = page.locator("tr[id^=d-]", has_text=EXPIRED)
        row.locator("select[name=status]").select_option("废止")
        row.locator("input[name=reason]").fill("已被新方案替代")
        row.locator("button[type=submit]").click()
        page.wait_for_load_state()
        row = page.locator("tr[id^=d-]", has_text=EXPIRED)
        assert "已被新方案替代" in row.inner_text() and "张科长（zhang）" in row.inner_text()
        shot(page, "cleanup-04-记录决定")

        page.click("#published button[type=submit]")
        page.wait_for_load_state()
        with page.expect_download() as download:
            page.click("a[href$='/catalogue/catalogue-2026-repealed.csv']")
        assert EXPIRED in Path(download.value.path()).read_text(encoding="utf-8-sig")
        shot(page, "cleanup-05-公布目录")
        page.goto(f"{base}/cleanup/")
        assert "已完成" in page.locator("table.list").inner_text()
        shot(page, "cleanup-06-清理记录")

    with serving(app) as base, browser() as page:  # a reviewer sees the proposals, no decision controls
        log_in(page, base, REVIEWER)
        page.goto(f"{base}/cleanup/2026/")
        assert page.locator("tr[id^=d-]").count() == 5 and page.locator("select[name=status]").count() == 0
        shot(page, "cleanup-07-审查员查看建议")

        with Registry(registry_target) as reg:  # a job under way (no thread runs it here): its page as it polls
            Jobs(reg).start(str(allowed / "清理"), 2027, "2027-12-01", "李审查员（li）")
            Jobs(reg).progress(2, 5, 2)
        page.goto(f"{base}/cleanup/jobs/2")
        assert page.locator("progress").get_attribute("value") == "40"
        assert page.locator("[data-poll]").count() == 1
        shot(page, "cleanup-08-清理进行中")
        with Registry(registry_target) as reg:
            Jobs(reg).progress(2, 5, 4)
        expect(page.locator("span[data-field=done]")).to_have_text("4")  # polled, not reloaded
        assert page.evaluate("document.querySelector('progress').value") == 80
        with Registry(registry_target) as reg:
            Jobs(reg).fail(2, "无法读取 清理/坏文件.docx：文件已损坏")
        page.wait_for_selector("p.problem")  # reloaded once it stopped running
        shot(page, "cleanup-09-清理未完成")
