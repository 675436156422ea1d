"""Reviewing drafts in the workbench: upload, the findings beside the document, decisions, rounds, downloads."""

from __future__ import annotations

import io
import json
import re
import zipfile
from urllib.parse import unquote

import docx
import pytest

from reviewtools.registry import Registry
from reviewtools.registry.drafts import Drafts
from tests.conftest import seed
from tests.web.revision import NEW_CLAUSE, revised
from tests.web.workbench import HEAD, REVIEWER, SAMPLE, logged_in, make_app, page, post, upload

SAMPLE_QUOTES = ["《中华人民共和国合同法》", "按其缴纳增值税地方留成部分的50%给予奖励", "优先采购本市企业生产的产品",
                 "处以五千元以上一万元以下罚款", "示政办发[2026]05号", "市工商行政管理局", "本措施自2026年11月1日起施行"]


@pytest.fixture
def app(registry_target, tmp_path):
    return make_app(registry_target, tmp_path / "web")


def findings_of(html: str) -> list[tuple[str, str]]:
    """(rule, quote) of each finding on a round page, in the list's order."""
    return re.findall(r'name="rule" value="([^"]+)">\s*<input type="hidden" name="quote" value="([^"]*)"', html)


def test_an_uploaded_draft_is_shown_with_every_finding_marked_in_its_text(app, registry_target):
    client = logged_in(app, REVIEWER)
    response = upload(client, [("示例草案.docx", SAMPLE.read_bytes())])
    assert response.status_code == 303 and response.headers["Location"] == "/rounds/1"
    html = page(client, "/rounds/1")
    assert sorted(q for _, q in findings_of(html)) == sorted(SAMPLE_QUOTES)
    assert "修改后同意" in html or "不予同意" in html
    for n, quote in enumerate((q for _, q in findings_of(html)), 1):  # each highlight carries its quote exactly
        marked = re.search(rf'<mark id="m-{n}"[^>]*>(?:<mark[^>]*>)*<a href="#f-\d+">([^<]*)</a>', html)
        assert marked and quote.startswith(marked.group(1)), (n, quote)
    with Registry(registry_target) as reg:
        (title, rounds, first), = Drafts(reg).drafts()
    assert rounds == 1 and first.who == "李审查员（li）" and first.file_name == "示例草案.docx"
    assert "示例市促进民营经济高质量发展若干措施" in title
    assert "示例草案.docx" in page(client, "/")


def test_waiving_needs_a_reason_and_is_recorded_with_who_and_when(app, registry_target):
    client = logged_in(app, HEAD)
    upload(client, [("示例草案.docx", SAMPLE.read_bytes())])
    rule, quote = "outdated.renamed_agency", "市工商行政管理局"
    refused = post(client, "/rounds/1/decide", {"rule": rule, "quote": quote, "decision": "waived"}, "/rounds/1")
    assert refused.status_code == 400 and "豁免须写明理由" in refused.get_data(as_text=True)
    done = post(client, "/rounds/1/decide", {"rule": rule, "quote": quote, "decision": "waived",
                                             "reason": "引用的是历史名称", "anchor": "f-3"}, "/rounds/1")
    assert done.status_code == 303 and done.headers["Location"] == "/rounds/1#f-3"
    with Registry(registry_target) as reg:
        (d,) = Drafts(reg).decisions(1)
    assert (d.rule, d.quote, d.decision, d.reason, d.who) == (rule, quote, "waived", "引用的是历史名称", "张科长（zhang）")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", d.decided_at)
    html = page(client, "/rounds/1")
    assert "豁免：引用的是历史名称 — 张科长（zhang）" in html
    memo = json.loads(client.get("/rounds/1/memo.json").data)
    assert [(f["rule"], f["quote"]) for f in memo["waived"]] == [(rule, quote)]
    assert memo["waived"][0]["waiver"]["by"] == "张科长（zhang）"
    assert quote not in [f["quote"] for f in memo["findings"]]
    post(client, "/rounds/1/decide", {"rule": rule, "quote": quote, "decision": "open"}, "/rounds/1")  # withdrawn
    assert json.loads(client.get("/rounds/1/memo.json").data)["waived"] == []
    with Registry(registry_target) as reg:
        assert [h.decision for h in Drafts(reg).history(1)] == ["waived", "open"]


def test_a_revision_is_the_next_round_resolved_remaining_and_new(app, registry_target):
    client = logged_in(app, HEAD)
    upload(client, [("示例草案.docx", SAMPLE.read_bytes())])
    post(client, "/rounds/1/decide", {"rule": "outdated.renamed_agency", "quote": "市工商行政管理局",
                                      "decision": "waived", "reason": "引用的是历史名称"}, "/rounds/1")
    response = upload(client, [("示例草案（修改稿）.docx", revised())])  # same 文号: its next round by itself
    assert response.headers["Location"] == "/rounds/2"
    html = page(client, "/rounds/2")
    assert "已解决 2 条" in html and "仍存在 5 条" in html and "新发现 1 条" in html
    resolved = re.search(r'<ul class="resolved">(.*?)</ul>', html, re.S).group(1)
    assert "《中华人民共和国合同法》" in resolved and "优先采购本市企业生产的产品" in resolved
    new = re.search(r'<ul class="new">(.*?)</ul>', html, re.S).group(1)
    assert "须在本市设立分支机构" in new
    assert "（沿用上一轮）" in html  # the waiver carried to the finding that remains
    remaining = re.search(r'<ul class="remaining">(.*?)</ul>', html, re.S).group(1)
    assert re.search(r'使用已撤销或更名的机构名称<span class="hint">（已豁免）</span><br><q>市工商行政管理局</q>', remaining)
    assert "文字修改" in html
    memo = client.get("/rounds/2/memo.md").get_data(as_text=True)
    assert "第二轮审查（复核）" in memo and "已解决2条，仍存在5条；新发现1条" in memo
    data = json.loads(client.get("/rounds/2/memo.json").data)
    assert data["rounds"]["summary"]["resolved"] == 2 and data["rounds"]["summary"]["new"] == 1
    assert NEW_CLAUSE.removeprefix("七、") in docx_text(client.get("/rounds/2/annotated.docx").data)
    # An explicit revision from the draft's page is its next round whatever its title says.
    renamed = upload(client, [("改名稿.txt", "关于支持企业发展的通知\n对本地企业优先采购。".encode())], follows=2)
    assert renamed.headers["Location"] == "/rounds/3"
    with Registry(registry_target) as reg:
        assert [r.round for r in Drafts(reg).rounds(Drafts(reg).round(1).draft_key)] == [1, 2, 3]


def test_the_memo_and_the_annotated_draft_download_and_read_back(app):
    client = logged_in(app, REVIEWER)
    upload(client, [("示例草案.docx", SAMPLE.read_bytes())])
    memo = client.get("/rounds/1/memo.docx")
    disposition = memo.headers["Content-Disposition"]
    assert memo.status_code == 200 and disposition.startswith('attachment; filename="reviewtools.docx";')
    assert unquote(disposition.split("filename*=UTF-8''")[1]).endswith("（第1轮）.审查意见书.docx")
    text = docx_text(memo.data)
    assert "审查意见书" in text and all(q in text for q in SAMPLE_QUOTES)
    annotated = client.get("/rounds/1/annotated.docx")
    with zipfile.ZipFile(io.BytesIO(annotated.data)) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert comments.count("<w:comment ") == len(SAMPLE_QUOTES)
    html = client.get("/rounds/1/memo.html")
    assert html.headers["Content-Type"].startswith("text/html") and "sandbox" in html.headers["Content-Security-Policy"]
    assert "优先采购本市企业生产的产品" in html.get_data(as_text=True)


def test_an_unreadable_file_is_named_and_the_others_are_reviewed(app):
    client = logged_in(app, REVIEWER)
    good = seed("000").read_bytes()
    response = upload(client, [("损坏.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50), ("种子.txt", good)])
    assert response.status_code == 303 and response.headers["Location"] == "/rounds/1"  # the one reviewed
    shown = page(client, "/rounds/1")
    assert re.search(r'<li class="message error" role="alert">无法读取 损坏\.pdf：[^<]+</li>', shown)
    assert "已审查 种子.txt（第 1 轮）" in shown
    assert "种子.txt" in page(client, "/")


def docx_text(content: bytes) -> str:
    d = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in d.paragraphs) + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)


def test_a_zip_upload_is_each_file_in_it_and_an_unsafe_entry_is_named(app, registry_target):
    client = logged_in(app, REVIEWER)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("送审稿/示例草案.docx", SAMPLE.read_bytes())
        z.writestr("送审稿/种子.txt", seed("001").read_bytes())
        z.writestr("../逃逸.txt", "不应读取".encode())
        z.writestr("送审稿/desktop.ini", b"[.ShellClassInfo]")
    response = upload(client, [("送审稿.zip", packed.getvalue())])
    assert response.status_code == 303 and response.headers["Location"] == "/"
    home = page(client, "/")
    assert "无法读取 送审稿.zip!../逃逸.txt：压缩包内路径不安全（绝对路径或包含 ../），已拒绝" in home
    assert "已审查 送审稿.zip!送审稿/示例草案.docx（第 1 轮）" in home and "已审查 送审稿.zip!送审稿/种子.txt（第 1 轮）" in home
    assert "desktop.ini" not in home
    with Registry(registry_target) as reg:
        assert len(Drafts(reg).drafts()) == 2
    assert sorted(q for _, q in findings_of(page(client, "/rounds/1"))) == sorted(SAMPLE_QUOTES)


def test_a_check_that_fails_on_one_file_loses_none_of_the_others(app, monkeypatch):
    import reviewtools.review as reviewing

    real = reviewing.review

    def choking(doc, settings, waivers=None):
        if doc.path == "噎住.txt":
            raise RuntimeError("a check's bug")
        return real(doc, settings, waivers)

    monkeypatch.setattr(reviewing, "review", choking)
    client = logged_in(app, REVIEWER)
    response = upload(client, [("噎住.txt", "关于某事的通知\n正文。".encode()), ("示例草案.docx", SAMPLE.read_bytes())])
    assert response.headers["Location"] == "/rounds/1"
    shown = page(client, "/rounds/1")
    assert "审查 噎住.txt 时发生内部错误，详情见服务器日志；其余文件不受影响。" in shown
    assert sorted(q for _, q in findings_of(shown)) == sorted(SAMPLE_QUOTES)
