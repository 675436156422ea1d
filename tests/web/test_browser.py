"""The review flow in a real headless Chromium: log in, upload a draft, see its findings beside the document,
jump between them, waive one, upload the revision and see resolved / remaining / new, download the memo and
the annotated draft and read them back. Screenshots of each page at 1280×800 (tests/web/workbench.SHOTS)."""

from __future__ import annotations

import json

import docx
import pytest

from tests.web.revision import revised
from tests.web.test_security import HOSTILE, HOSTILE_NAME
from tests.web.workbench import HEAD, SAMPLE, browser, log_in, make_app, serving, shot


@pytest.fixture
def base(registry_target, tmp_path):
    with serving(make_app(registry_target, tmp_path / "web")) as url:
        yield url


def test_a_draft_reviewed_waived_and_revised_in_the_browser(base, tmp_path):
    with browser() as page:
        page.goto(f"{base}/")
        assert page.url.startswith(f"{base}/login")
        shot(page, "01-登录")
        log_in(page, base, HEAD)
        shot(page, "02-首页")

        page.set_input_files("form[data-drop] input[type=file]", str(SAMPLE))
        page.click("form[data-drop] button[type=submit]")
        page.wait_for_url(f"{base}/rounds/1")
        findings = page.locator("#findings li.finding")
        assert findings.count() == 7
        assert page.locator(".doc mark[id^=m-]").count() == 7
        shot(page, "03-审查结果")

        # A highlight leads to its finding, the finding's quote back to the highlight.
        page.click("#m-4 a")
        assert page.evaluate("location.hash") == "#f-4"
        assert page.locator("#f-4").is_visible()
        page.click("#f-4 dd a")
        assert page.evaluate("location.hash") == "#m-4"

        # Waiving asks for a reason first, then records it.
        agency = page.locator("#findings li.finding", has_text="市工商行政管理局")
        agency.locator("button[value=waived]").click()
        assert agency.get_attribute("data-state") == "open"  # nothing sent without a reason
        assert page.evaluate("document.activeElement.name") == "reason"
        agency.locator("input[name=reason]").fill("引用的是历史名称")
        agency.locator("button[value=waived]").click()
        page.wait_for_load_state()
        agency = page.locator("#findings li.finding", has_text="市工商行政管理局")
        assert "豁免：引用的是历史名称 — 张科长（zhang）" in agency.inner_text()
        assert agency.get_attribute("data-state") == "waived"
        shot(page, "04-豁免一条")

        with page.expect_download() as memo_download:
            page.click("a[href$='/memo.json']")
        memo = json.loads(memo_download.value.path().read_text(encoding="utf-8"))
        assert [f["quote"] for f in memo["waived"]] == ["市工商行政管理局"]

        revision = tmp_path / "示例草案（修改稿）.docx"
        revision.write_bytes(revised())
        page.set_input_files("input[name=follows] ~ label.pick input[type=file]", str(revision))
        assert page.locator("input[name=follows] ~ [data-chosen]").inner_text() == "已选 1 个文件：示例草案（修改稿）.docx"
        page.click("text=上传并复核")
        page.wait_for_url(f"{base}/rounds/2")
        comparison = page.locator("#rounds")
        assert "已解决 2 条" in comparison.inner_text() and "仍存在 5 条" in comparison.inner_text()
        assert "新发现 1 条" in comparison.inner_text()
        assert "须在本市设立分支机构" in page.locator("#rounds ul.new").inner_text()
        assert "优先采购本市企业生产的产品" in page.locator("#rounds ul.resolved").inner_text()
        shot(page, "05-复核")
        page.evaluate("document.getElementById('rounds').scrollIntoView()")
        shot(page, "05-复核对比")

        with page.expect_download() as memo_download:
            page.click("a[href$='/memo.docx']")
        text = "\n".join(p.text for p in docx.Document(memo_download.value.path()).paragraphs)
        assert "复核情况" in text and "已解决2条" in text
        with page.expect_download() as annotated_download:
            page.click("a[href$='/annotated.docx']")
        annotated = docx.Document(annotated_download.value.path())
        assert "须在本市设立分支机构" in "\n".join(p.text for p in annotated.paragraphs)
        assert not any("市工商行政管理局" in c.text for c in annotated.comments)  # waived in round 1, carried
        assert any(c.text.startswith("强制在本地设立分支机构") for c in annotated.comments)  # the new finding


def test_markup_in_a_document_runs_nowhere_in_the_browser(base, tmp_path):
    hostile = tmp_path / "恶意.txt"
    hostile.write_bytes(HOSTILE)
    with browser() as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        log_in(page, base, HEAD)
        page.set_input_files("form[data-drop] input[type=file]", [{"name": HOSTILE_NAME, "mimeType": "text/plain",
                                                                    "buffer": HOSTILE}])
        page.click("form[data-drop] button[type=submit]")
        page.wait_for_url(f"{base}/rounds/1")
        page.hover(".doc")
        for url in ("/", "/rounds/1"):
            page.goto(f"{base}{url}")
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.querySelectorAll('main script, main img, main svg, [onerror], [onload]')"
                                 ".length") == 0
        assert "<script>alert(4)</script>" in page.locator(".doc").inner_text()
        assert dialogs == []
        shot(page, "06-恶意标记")


def test_accounts_are_managed_by_the_head_and_hidden_from_a_reviewer(base):
    with browser() as page:
        log_in(page, base, HEAD)
        page.click("text=账号与审计")
        page.fill("form.card input[name=username]", "wang")
        page.fill("form.card input[name=name]", "王审查员")
        page.fill("form.card input[name=password]", "王审查员的密码很长")
        page.click("form.card button[type=submit]")
        page.wait_for_load_state()
        assert "已建立账号 王审查员（wang）（审查员）。" in page.locator(".messages").inner_text()
        assert "新建账号" in page.locator("table.list").last.inner_text()
        shot(page, "07-账号与审计")
        page.click("text=退出")
        page.wait_for_url(f"{base}/login")
        page.fill("input[name=username]", "wang")
        page.fill("input[name=password]", "王审查员的密码很长")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        assert page.locator("nav.menu a", has_text="账号与审计").count() == 0
        page.goto(f"{base}/accounts/")
        assert "没有权限：这项操作需要负责人角色。" in page.inner_text("main")
        shot(page, "08-审查员无权管理账号")
