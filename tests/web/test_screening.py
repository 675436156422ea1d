"""Fair-competition screening in the workbench: the form on screen, the reviewer's conclusion, the downloads."""

from __future__ import annotations

import html as html_lib
import io
import re

import docx
import openpyxl
import pytest

from reviewtools.registry import Registry
from reviewtools.registry.accounts import Accounts
from tests.screening.test_screening import EXCEPTION  # the 第十二条第（二）项 exception with its period
from tests.web.workbench import (
    HEAD,
    REVIEWER,
    SAMPLE,
    browser,
    log_in,
    logged_in,
    make_app,
    page,
    post,
    serving,
    shot,
    upload,
)

SAMPLE_KEY = "示政办发〔2026〕5号"
LOCAL_GOODS = "“优先采购本市企业生产的产品”（第10段；要求优先采购、使用本地商品或本地经营者）"
TAX_REWARD = "“按其缴纳增值税地方留成部分的50%给予奖励”（第9段；财政奖励与纳税额、地方留成、经济贡献挂钩）"
REASON = "第六条限定采购本地产品，第五条奖励与纳税挂钩"


@pytest.fixture
def app(registry_target, tmp_path):
    return make_app(registry_target, tmp_path / "web")


def uploaded(client, name: str, content: bytes) -> int:
    """Upload one draft from the drafts page; the id of the round it became."""
    response = upload(client, [(name, content)])
    assert response.status_code == 303, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def answers_of(html: str) -> dict[str, tuple[str, list[str], list[str]]]:
    """standard label → (mark class, mark lines, hit lines) of each row of the standards table on the page."""
    rows = re.findall(r'<tr class="answer (\w+)">\s*<td>([^<]+)</td>\s*<td class="mark">(.*?)</td>\s*<td>(.*?)</td>',
                      html, re.S)
    return {html_lib.unescape(label): (cls, [html_lib.unescape(m) for m in re.findall(r"<span>([^<]*)</span>", marks)],
                                       [html_lib.unescape(h) for h in re.findall(r"<li>([^<]*)</li>", hits)])
            for cls, label, marks, hits in rows}


def docx_form(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def conclude(client, round_id: int, data: dict):
    return post(client, f"/screening/rounds/{round_id}/conclude", data, f"/screening/rounds/{round_id}")


def test_the_form_shows_each_standard_answered_with_the_exact_quotes_as_the_docx_form(app):
    client = logged_in(app, REVIEWER)
    rnd = uploaded(client, "示例草案.docx", SAMPLE.read_bytes())
    html = page(client, f"/screening/rounds/{rnd}")
    answers = answers_of(html)
    assert len(answers) == 19
    involved = {label: hits for label, (cls, _marks, hits) in answers.items() if cls == "involved"}
    assert involved == {"第九条第（一）项　限制外地或者进口商品、要素进入本地市场，或者阻碍本地经营者迁出，商品、要素输出": [LOCAL_GOODS],
                        "第十条第（二）项　给予特定经营者选择性、差异化的财政奖励或者补贴": [TAX_REWARD]}
    assert answers["第九条第（一）项　限制外地或者进口商品、要素进入本地市场，或者阻碍本地经营者迁出，商品、要素输出"][1] == ["☑涉及", "☐不涉及"]
    assert answers["第十条第（一）项　给予特定经营者税收优惠"][:2] == ("clear", ["☐涉及", "☑不涉及"])
    assert [cls for cls, _m, _h in answers.values()].count("manual") == 3
    assert "<th>文号</th><td>示政办发〔2026〕5号</td>" in html
    assert "☐是　☑否（未发现例外规定的表述）" in html
    assert "建议结论：应当调整（涉及审查标准2项（2处）；另有3项审查标准无自动检测规则，需人工判断），待审查人员确认。" in html
    assert "审查人员结论：尚未记录。" in html
    # The downloaded form says the same, row for row.
    form = docx_form(client.get(f"/screening/rounds/{rnd}/form.docx").data)
    rows = [r for r in form.tables[1].rows if len({c._tc for c in r.cells}) == 3][1:]
    assert {r.cells[0].text: (r.cells[1].text.split("\n"), [p.text for p in r.cells[2].paragraphs]) for r in rows} == {
        label: (marks, hits or ["—"]) for label, (_cls, marks, hits) in answers.items()}


def test_the_exception_the_draft_claims_is_on_the_form_with_its_conditions(app):
    client = logged_in(app, REVIEWER)
    rnd = uploaded(client, "攻关办法.txt", EXCEPTION.encode())
    html = html_lib.unescape(page(client, f"/screening/rounds/{rnd}"))
    assert "<th>文件是否援引例外规定</th><td>☑是　☐否</td>" in html
    assert re.search(r"<th>对应情形</th><td>第十二条第（二）项：[^<]+</td>", html)
    assert "文件写明“有效期至2026年12月31日”（第6段）；期限是否合理待审查人员确认" in html
    assert "☐具有（或者可能具有）排除、限制竞争效果，但符合《公平竞争审查条例》第十二条第（二）项规定情形" in html
    assert "工具建议：适用例外（涉及审查标准1项（1处），文件援引了例外规定并写明实施期限；" in html
    assert conclude(client, rnd, {"conclusion": "适用例外", "reason": "首台套装备保供"}).status_code == 303
    conclusion = [p.text for p in docx_form(client.get(f"/screening/rounds/{rnd}/form.docx").data).tables[3].rows[0]
                  .cells[0].paragraphs]
    assert conclusion[1].startswith("☑具有（或者可能具有）排除、限制竞争效果，但符合《公平竞争审查条例》第十二条第（二）项")
    assert conclusion[1].endswith("实施期限为“有效期至2026年12月31日”，可以出台。")


def test_a_recorded_conclusion_is_kept_with_who_and_ticked_on_the_downloaded_form(app, registry_target):
    client = logged_in(app, REVIEWER)
    rnd = uploaded(client, "示例草案.docx", SAMPLE.read_bytes())
    refused = conclude(client, rnd, {"conclusion": "违反", "reason": "  "})
    assert refused.status_code == 400 and "记录审查结论须写明理由" in refused.get_data(as_text=True)
    refused = conclude(client, rnd, {"conclusion": "适用例外", "reason": "保供"})
    assert refused.status_code == 400
    assert "示例草案.docx 未援引《公平竞争审查条例》第十二条的例外规定，不能记录“适用例外”" in refused.get_data(as_text=True)
    refused = conclude(client, rnd, {"conclusion": "同意", "reason": "x"})
    assert refused.status_code == 400 and "请选择审查结论（违反、不违反、适用例外）" in refused.get_data(as_text=True)
    with Registry(registry_target) as reg:
        assert reg.latest_conclusion(SAMPLE_KEY) is None
    done = conclude(client, rnd, {"conclusion": "违反", "reason": REASON})
    assert done.status_code == 303 and done.headers["Location"] == f"/screening/rounds/{rnd}"
    with Registry(registry_target) as reg:
        c = reg.latest_conclusion(SAMPLE_KEY)
        trail = Accounts(reg).trail()
    assert (c.conclusion, c.reason, c.who) == ("违反", REASON, "李审查员（li）")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", c.when)
    assert any(e.action == "公平竞争审查结论" and f"{SAMPLE_KEY} 第 1 轮：违反" in e.detail for e in trail)
    html = page(client, f"/screening/rounds/{rnd}")
    assert "已记录公平竞争审查结论：违反（工具建议结论为“应当调整”）。" in html
    assert f"违反</strong> — 李审查员（li），{c.when[:16].replace('T', ' ')}" in html
    assert '审查人员结论（已记录）：<strong class="concluded concluded-adjust">违反</strong>' in html
    assert f"理由：{REASON}" in html and f"李审查员（li） 记录于 {c.when[:16].replace('T', ' ')}" in html
    assert "☑具有排除、限制竞争效果且不符合例外规定，应当调整至符合相关要求后出台。" in html
    response = client.get(f"/screening/rounds/{rnd}/form.docx")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="reviewtools.docx"; filename*=UTF-8')
    conclusion = "\n".join(p.text for p in docx_form(response.data).tables[3].rows[0].cells[0].paragraphs)
    assert "☑具有排除、限制竞争效果且不符合例外规定，应当调整至符合相关要求后出台。" in conclusion
    assert "☐经审查，该政策措施不具有排除、限制竞争效果" in conclusion
    assert f"审查人员结论（已记录）：违反。理由：{REASON}（李审查员（li），" in conclusion
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"/screening/rounds/{rnd}/form.xlsx").data)).active
    assert any(str(cell.value).startswith(f"审查人员结论（已记录）：违反。理由：{REASON}") for cell in sheet["A"])
    # A later conclusion by another officer supersedes it; the head's list shows the latest.
    conclude(logged_in(app, HEAD), rnd, {"conclusion": "不违反", "reason": "已删除限定条款"})
    listing = page(client, "/screening/")
    assert "<strong>不违反</strong>：已删除限定条款" in listing and "张科长（zhang）" in listing
    assert f'href="/screening/rounds/{rnd}/form.docx"' in listing


def test_the_summary_workbook_has_a_row_for_every_draft_with_its_conclusion(app):
    client = logged_in(app, HEAD)
    sample = uploaded(client, "示例草案.docx", SAMPLE.read_bytes())
    uploaded(client, "攻关办法.txt", EXCEPTION.encode())
    conclude(client, sample, {"conclusion": "违反", "reason": REASON})
    response = client.get("/screening/summary.xlsx?since=2025-01-01")
    assert response.status_code == 200 and "filename*=UTF-8''%E5%85%AC%E5%B9%B3" in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    header, *rows = book["逐文件"].iter_rows(values_only=True)
    by_file = {row[header.index("文件")]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_file) == {"示例草案.docx", "攻关办法.txt"}
    sample_row, exception_row = by_file["示例草案.docx"], by_file["攻关办法.txt"]
    assert (sample_row["文号"], sample_row["增量/存量"], sample_row["涉及标准数"], sample_row["问题数"]) == (SAMPLE_KEY, "增量", 2, 2)
    assert (sample_row["审查人员结论"], sample_row["结论理由"]) == ("违反", REASON)
    assert sample_row["建议结论（待审查人员确认）"] == "应当调整"
    assert (exception_row["增量/存量"], exception_row["援引例外规定"], exception_row["审查人员结论"]) == ("存量", "是", None)
    bad = client.get("/screening/summary.xlsx?since=去年")
    assert bad.status_code == 400 and "增量/存量分界日“去年”无效" in bad.get_data(as_text=True)


def test_markup_in_a_title_is_shown_as_text_on_the_screening_pages(app):
    client = logged_in(app, REVIEWER)
    # A title with ">" reads as a portal's breadcrumb, so the hostile title leaves its tag open.
    text = "关于<img src=x onerror=alert(1) 支持企业发展的通知\n第一条 对本地企业<b>优先采购。\n"
    rnd = uploaded(client, "标题.txt", text.encode())
    for url in ("/screening/", f"/screening/rounds/{rnd}"):
        html = page(client, url)
        assert "<img src=x" not in html and "<b>" not in html, url
        assert "关于&lt;img src=x onerror=alert(1) 支持企业发展的通知" in html, url
    assert "<li>“对本地企业&lt;b&gt;优先”（第2段；" in html  # the quote on the form
    assert client.get(f"/screening/rounds/{rnd}/form.rtf").status_code == 404


def test_the_screening_pages_in_a_browser(app):
    client = logged_in(app, REVIEWER)
    rnd = uploaded(client, "示例草案.docx", SAMPLE.read_bytes())
    claimed = uploaded(client, "攻关办法.txt", EXCEPTION.encode())
    with serving(app) as base, browser() as p:
        log_in(p, base, REVIEWER)
        p.click("text=公平竞争审查")
        p.wait_for_url(f"{base}/screening/")
        shot(p, "公平竞争审查-1-草案")
        p.click("text=示例市人民政府办公室关于印发")
        p.wait_for_url(f"{base}/screening/rounds/{rnd}")
        shot(p, "公平竞争审查-2-审查表")
        p.locator("tr.answer.involved").first.scroll_into_view_if_needed()
        shot(p, "公平竞争审查-3-审查标准")
        p.check("input[name=conclusion][value=违反]")
        p.fill("textarea[name=reason]", REASON)
        with p.expect_navigation():
            p.click("form.conclude button[type=submit]")
        assert p.locator(".recorded-line").inner_text() == "审查人员结论（已记录）：违反"
        shot(p, "公平竞争审查-4-已记录结论")
        p.click("text=理由与重新记录")
        shot(p, "公平竞争审查-5-结论与理由")
        with p.expect_download() as got:
            p.click("a[href$=\"form.docx\"]")
        assert got.value.suggested_filename.endswith(".公平竞争审查表.docx")
        p.goto(f"{base}/screening/rounds/{claimed}#exception")
        assert p.locator("#exception td").first.inner_text() == "☑是　☐否"
        shot(p, "公平竞争审查-6-例外规定")
