"""The 5000-字 limit of 《整治形式主义为基层减负若干规定》 governs 地方和部门文件 issued since August 2024."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.review import review_text
from reviewtools.settings import Settings

BODY = "为规范管理，制定本意见。" * 500  # 6000 字


def _length(text: str) -> list[tuple[str, str, str]]:
    r = review_text(text, Settings(as_of=date(2026, 11, 22)))
    return [(f.rule, f.severity, f.note) for f in r.findings if f.category == "length"]


def test_a_local_draft_over_the_limit_is_a_warning_naming_the_rule():
    r = review_text(f"某市人民政府关于加强某项工作的意见\n{BODY}", Settings(as_of=date(2026, 11, 22)))
    (f,) = [f for f in r.findings if f.category == "length"]
    assert (f.rule, f.severity) == ("length.over_limit", "warning")
    assert f.message == "正文 6000 字，超过《整治形式主义为基层减负若干规定》“地方和部门文件一般不超过5000字”的要求 1000 字。"


@pytest.mark.parametrize(("text", "why"), [
    (f"国务院办公厅关于加强某项工作的意见\n国办发〔2025〕3号\n{BODY}", "国务院、国务院办公厅文件不属于该规定所称“地方和部门文件”"),
    (f"某市人民政府关于加强某项工作的意见\n某政发〔2019〕3号\n{BODY}", "本文件成文于2019年，早于该规定（2024年8月印发）"),
    (f"某市人民政府关于加强某项工作的意见\n{BODY}\n某市人民政府\n2024年3月5日", "本文件成文于2024年，早于该规定（2024年8月印发）"),
])
def test_documents_the_rule_does_not_govern_get_only_a_note(text, why):
    assert _length(text) == [("length.over_limit", "info", f"{why}，不受该篇幅要求约束，仅作提示。")]


def test_a_document_dated_after_the_rule_is_governed():
    assert _length(f"某市人民政府关于加强某项工作的意见\n{BODY}\n某市人民政府\n2025年3月5日")[0][1] == "warning"
