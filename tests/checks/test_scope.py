"""Documents that are not normative documents are said to be so, and never get 同意."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.review import review_text
from reviewtools.settings import Settings

SETTINGS = Settings(as_of=date(2026, 11, 22))


@pytest.mark.parametrize(("text", "what"), [
    ("关于召开全市安全生产工作会议的通知\n各区人民政府：现就召开会议有关事项通知如下。", "会议、活动通知"),
    ("某区财政局关于2025年度工作情况的报告\n区人民政府：现将有关情况报告如下。", "报告"),
    ("某市人民政府关于同意设立某某工业园区的批复\n某区人民政府：你区请示收悉。", "批复"),
    ("某市机动车停车条例\n第一条 为了加强停车管理，根据有关法律、法规，结合本市实际，制定本条例。", "法规"),
])
def test_not_normative_is_one_info_finding_and_no_pass(text, what):
    r = review_text(text, SETTINGS)
    (f,) = [f for f in r.findings if f.rule == "validity.not_normative"]
    assert f.severity == "info" and f.message.startswith(f"本文件属于{what}，不是行政规范性文件")
    assert f.quote == text.split("\n")[0] and f.start == 0
    assert r.verdict == "reject" and r.verdict_name == "不予审核（不属于行政规范性文件，按一般公文办理）"
    assert not [f for f in r.findings if f.rule.startswith(("upper_law.missing", "upper_law.vague", "validity.missing"))]


def test_the_memo_of_a_report_says_it_is_not_reviewed_not_that_it_is_refused():
    from reviewtools.report.memo import render

    r = review_text("某区财政局关于2025年度工作情况的报告\n区人民政府：现将有关情况报告如下。", SETTINGS)
    text = render(r, "md").decode("utf-8")
    assert "建议结论：**不予审核（不属于行政规范性文件，按一般公文办理）**" in text and "不予同意" not in text


def test_a_transmittal_letter_is_not_taken_for_a_letter():
    r = review_text("某市人民政府办公厅关于印发某市应急预案的函\n各区人民政府：现将《某市应急预案》印发给你们。", SETTINGS)
    assert r.analysis.meta.not_normative is None
    assert r.verdict == "pass"
