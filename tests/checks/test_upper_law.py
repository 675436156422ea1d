"""制定依据: which documents need one, what counts as one, and how cited titles resolve."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.analyze.resolve import resolve
from reviewtools.review import review_text
from reviewtools.settings import Settings


def _upper(text: str) -> list[tuple[str, str | None]]:
    r = review_text(text, Settings(as_of=date(2026, 11, 22)))
    return [(f.rule, f.quote) for f in r.findings if f.category == "upper_law" and f.severity != "info"]


@pytest.mark.parametrize(("basis", "quote"), [
    ("根据有关法律、法规的规定", "根据有关法律、法规的规定"),
    ("按照国家有关规定", "按照国家有关规定"),
    ("依据相关政策", "依据相关政策"),
    ("根据上级要求", "根据上级要求"),
    ("根据国家和省有关法律法规及相关政策", "根据国家和省有关法律法规及相关政策"),
])
def test_vague_bases_are_quoted_whole(basis, quote):
    text = f"某市停车场管理办法\n第一条 为规范停车场管理，{basis}，结合本市实际，制定本办法。"
    assert _upper(text) == [("upper_law.vague_basis", quote)]


def test_only_结合实际_is_no_basis_at_all():
    assert _upper("某市停车场管理办法\n第一条 为规范停车场管理，结合本市实际，制定本办法。") == [("upper_law.missing_basis", None)]


def test_a_policy_document_alone_is_not_a_basis_for_a_notice_that_bans():
    text = ("某县人民政府关于禁止露天烧烤的通告\n根据《某市人民政府关于加强大气污染防治工作的意见》，现将有关事项通告如下：\n"
            "一、城区范围内禁止露天烧烤。")
    assert _upper(text) == [("upper_law.policy_only_basis", "《某市人民政府关于加强大气污染防治工作的意见》")]


def test_a_work_plan_for_departments_needs_no_basis():
    assert _upper("某市推进数字乡村建设工作方案\n为推进数字乡村建设，结合我市实际，制定本方案。\n一、各县区要加强组织领导。") == []


def test_miscopied_only_one_edit_away_and_unknown_otherwise():
    assert resolve("中华人民共和国行政许可证法").how == "fuzzy"
    assert resolve("中华人民共和国行政许可证法").closest.title == "中华人民共和国行政许可法"
    assert resolve("城市房屋拆迁估价指导意见规定").how == "unknown"
    assert resolve("中华人民共和国城市房地产开发经营法").how == "unknown"
