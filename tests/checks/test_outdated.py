"""过时引用: old agency names in every written form, history left alone, plans that ended."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.review import review_text
from reviewtools.settings import Settings


def _outdated(text: str, as_of: date = date(2026, 11, 22)) -> list[tuple[str, str | None, int | None]]:
    r = review_text(text, Settings(as_of=as_of))
    return [(f.rule, f.quote, f.start) for f in r.findings if f.category == "outdated" and f.severity != "info"]


def test_each_written_form_of_one_agency_is_reported_once():
    text = "县工商局负责登记。县工商局负责年报。县工商行政管理局负责查处。"
    assert _outdated(text) == [("outdated.renamed_agency", "县工商局", 0),
                               ("outdated.renamed_agency", "县工商行政管理局", 18)]


@pytest.mark.parametrize(("text", "quote"), [
    ("由公安、工商、交通运输等有关部门依法查处。", "工商"),
    ("报县工商行政管理部门备案。", "县工商行政管理部门"),
])
def test_a_department_named_by_its_old_function_is_an_old_name(text, quote):
    assert _outdated(text) == [("outdated.renamed_agency", quote, text.index(quote))]


@pytest.mark.parametrize("text", ["原某市工商局、质监局的人员一并划转。", "将工商局、质监局的职责整合，组建市场监督管理局。",
                                  "原县工商行政管理局的职责划入县市场监督管理局。"])
def test_reform_history_is_not_an_error(text):
    assert _outdated(text) == []


def test_ordinal_plans_relied_on_and_not_looked_back_on():
    ahead = "“十三五”期间，各县区要加快补齐养老服务短板。"
    assert _outdated(ahead) == [("outdated.expired_plan", "“十三五”期间", 0)]
    assert _outdated(ahead, date(2019, 1, 1)) == []
    assert _outdated("“十三五”期间，我市养老服务取得明显成效。") == []


def test_a_cited_plan_is_reported_once_and_the_document_itself_not_as_cited():
    text = ("关于印发《某县“十三五”养老服务实施办法》的通知\n为贯彻落实《某省养老服务业“十三五”发展规划》，制定本办法。\n"
            "《某省养老服务业“十三五”发展规划》明确要求加强养老服务。")
    assert _outdated(text) == [("outdated.own_period_ended", "关于印发《某县“十三五”养老服务实施办法》的通知", 0),
                               ("outdated.expired_plan", "《某省养老服务业“十三五”发展规划》", 30)]
