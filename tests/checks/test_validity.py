"""有效期 findings as a memo prints them: the suggestion built from the document's own 施行 clause and name for
itself, the basis naming the office's local rule; national documents cited by title, then 文号."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reviewtools.data.rules import all_rules, cite
from reviewtools.review import review_text
from reviewtools.settings import Settings

SETTINGS = Settings(as_of=date(2026, 1, 1))
MEASURES = ("某市支持智能制造产业发展的若干措施\n一、对新落户企业给予场地支持。\n二、本措施自2025年3月1日起施行。\n"
            "某市人民政府\n2025年2月1日")
RULES = "某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n第二条 停车应当有序。"


def _missing(text: str, settings: Settings = SETTINGS):
    (f,) = [f for f in review_text(text, settings=settings).findings if f.rule == "validity.missing"]
    return f


def test_the_suggestion_adds_the_period_to_the_documents_own_clause():
    f = _missing(MEASURES)
    assert f.quote == "本措施自2025年3月1日起施行" and MEASURES[f.start:f.end] == f.quote
    assert f.suggestion == "在施行条款中写明有效期，如“本措施自2025年3月1日起施行，有效期5年”。"


def test_without_a_clause_the_suggestion_uses_the_documents_name_for_itself_and_no_date():
    f = _missing(RULES, replace(SETTINGS, validity_max_years=3))
    assert f.quote is None
    assert f.suggestion == "在施行条款中写明有效期，如“本办法自印发之日起施行，有效期3年”。"
    assert f.message.endswith("一般不超过3年。")


def test_the_basis_names_the_offices_local_rule_when_configured():
    assert _missing(RULES).basis == "本地区行政规范性文件管理规定关于有效期的规定"
    local = replace(SETTINGS, local_rules="《某省行政规范性文件管理规定》")
    assert _missing(RULES, local).basis == "《某省行政规范性文件管理规定》关于有效期的规定"


def test_national_documents_are_cited_by_title_then_number():
    assert cite("《中华人民共和国行政处罚法》第十六条；国办发〔2018〕37号 一（一）") == (
        "《中华人民共和国行政处罚法》第十六条；《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》"
        "（国办发〔2018〕37号）第一部分第（一）项")
    assert cite("国办发〔2018〕115号；本地规定") == (
        "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）；本地规定")
    already = "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）"
    assert cite(already) == already
    assert cite("某政发〔2020〕3号") == "某政发〔2020〕3号"  # not in the table: as written
    bare = [r.id for r in all_rules().values() if "发〔2018〕37号" in r.basis and "《国务院办公厅" not in r.basis]
    assert bare == []
