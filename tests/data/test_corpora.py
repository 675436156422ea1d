"""The shipped reference data: schema-valid, and the validator catches mistakes."""

from __future__ import annotations

import copy

import pytest

from reviewtools.data.agencies import agencies
from reviewtools.data.corpora import summary, validate
from reviewtools.data.laws import laws
from reviewtools.data.plans import plans
from reviewtools.data.tables import read_rows


def test_shipped_corpora_are_valid():
    assert validate() == []


# ---------------------------------------------------------------- the validator catches mistakes

@pytest.fixture(scope="module")
def shipped() -> tuple[list[dict], list[dict], list[dict]]:
    return read_rows("laws.csv"), read_rows("agencies.csv"), read_rows("plans.csv")


def edited(rows: list[dict], index_of, **changes) -> list[dict]:
    rows = copy.deepcopy(rows)
    i = next(i for i, r in enumerate(rows) if index_of(r))
    rows[i].update(changes)
    return rows


def problems_for(shipped, laws_rows=None, agency_rows=None, plan_rows=None) -> list[str]:
    law0, agency0, plan0 = shipped
    return validate(law0 if laws_rows is None else laws_rows, agency0 if agency_rows is None else agency_rows,
                    plan0 if plan_rows is None else plan_rows)


def is_contract_law(r: dict) -> bool:
    return r["title"] == "中华人民共和国合同法"


@pytest.mark.parametrize(("changes", "expected"), [
    ({"repealed_on": "2021-13-01"}, "不是 YYYY-MM-DD"),
    ({"repealed_on": "2021/01/01"}, "不是 YYYY-MM-DD"),
    ({"repealed_on": ""}, "repealed_on 不能为空"),
    ({"level": "法规"}, "level 的值"),
    ({"status": "失效"}, "status 的值"),
    ({"verified": "maybe"}, "verified 的值"),
    ({"replaced_by": "中华人民共和国合同法典"}, "不是本文件中的 title"),
    ({"short_titles": "合同法;民法典"}, "冲突"),
    ({"title": "中华人民共和国合同法（1999年）"}, "修订年份"),
    ({"source": ""}, "source 不能为空"),
])
def test_validator_reports_bad_law_rows(shipped, changes: dict, expected: str):
    problems = problems_for(shipped, laws_rows=edited(shipped[0], is_contract_law, **changes))
    assert any(expected in p and p.startswith("laws.csv 第") for p in problems), problems


def test_validator_reports_duplicates_and_columns(shipped):
    rows = copy.deepcopy(shipped[0])
    rows.append(dict(rows[0]))
    assert any("title 重复" in p for p in problems_for(shipped, laws_rows=rows))
    rows = [{k: v for k, v in r.items() if k != "verified"} for r in shipped[0]]
    assert "laws.csv：缺少列 verified" in problems_for(shipped, laws_rows=rows)
    rows = [dict(r, extra="x") for r in shipped[0]]
    assert "laws.csv：有未知列 extra" in problems_for(shipped, laws_rows=rows)


def is_dalian_culture(r: dict) -> bool:
    return r["old"] == "文化局"


@pytest.mark.parametrize(("changes", "expected"), [
    ({"pattern": "文化(局"}, "不是有效的正则表达式"),
    ({"pattern": r"\b文化局"}, r"不得使用 \b"),
    ({"pattern": "文化局|"}, "可以匹配空串"),
    ({"example": "由市文化和旅游局负责。"}, "未匹配 example"),
    ({"counter": "由县文化局负责。"}, "误匹配 counter"),
    ({"level": "省级"}, "level 的值"),
    ({"year": "18"}, "不是四位年份"),
])
def test_validator_reports_bad_agency_rows(shipped, changes: dict, expected: str):
    problems = problems_for(shipped, agency_rows=edited(shipped[1], is_dalian_culture, **changes))
    assert any(expected in p and p.startswith("agencies.csv 第") for p in problems), problems


@pytest.mark.parametrize(("changes", "expected"), [
    ({"end": "2010"}, "end 早于 start"),
    ({"successor": "法治政府建设实施纲要（2026—2030年）"}, "既不是 plans.csv 也不是 laws.csv"),
    ({"counter": "根据《法治政府建设实施纲要（2015-2020年）》"}, "误匹配 counter"),
])
def test_validator_reports_bad_plan_rows(shipped, changes: dict, expected: str):
    rows = edited(shipped[2], lambda r: r["title"] == "法治政府建设实施纲要（2015—2020年）", **changes)
    problems = problems_for(shipped, plan_rows=rows)
    assert any(expected in p and p.startswith("plans.csv 第") for p in problems), problems


def test_summary_counts():
    s = summary()
    assert s["laws.csv"]["rows"] == len(laws()) and s["laws.csv"]["in_force_by_level"]["法律"] >= 250
    assert s["agencies.csv"]["rows"] == len(agencies()) and s["plans.csv"]["rows"] == len(plans())


def test_read_rows_pads_short_rows_drops_extra_cells_and_skips_blank_lines(tmp_path, monkeypatch):
    (tmp_path / "t.csv").write_text("name,year,source\n 甲 ,2018, 某页 \n\n乙,2019\n丙,2020,页,多余\n", encoding="utf-8")
    monkeypatch.setattr("reviewtools.data.tables.corpus", lambda filename: tmp_path / filename)
    assert read_rows("t.csv") == [{"name": "甲", "year": "2018", "source": "某页"},
                                  {"name": "乙", "year": "2019", "source": ""},
                                  {"name": "丙", "year": "2020", "source": "页"}]
