"""corpora/laws.csv: the facts the checks lean on hold."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.data.laws import find_law, laws

CIVIL_CODE_PREDECESSORS = ["婚姻法", "继承法", "民法通则", "收养法", "担保法", "合同法", "物权法", "侵权责任法", "民法总则"]


@pytest.mark.parametrize("name", CIVIL_CODE_PREDECESSORS)
def test_civil_code_replaced(name: str):
    law = find_law(name)
    assert law is not None and law.title == "中华人民共和国" + name
    assert law.status == "已废止"
    assert law.replaced_by == "中华人民共和国民法典"
    assert law.repealed_on == "2021-01-01" and law.day("repealed_on") == date(2021, 1, 1)
    assert law.in_force_on(date(2020, 12, 31)) and not law.in_force_on(date(2021, 1, 1))


def test_successor_rows_are_in_force():
    code = find_law("民法典")
    assert code is not None and code.in_force and code.effective == "2021-01-01"
    for law in laws():
        if law.replaced_by:
            assert find_law(law.replaced_by) is not None


@pytest.mark.parametrize(("old", "new", "day"), [
    ("中外合资经营企业法", "中华人民共和国外商投资法", date(2020, 1, 1)),
    ("外资企业法", "中华人民共和国外商投资法", date(2020, 1, 1)),
    ("增值税暂行条例", "中华人民共和国增值税法", date(2026, 1, 1)),
    ("公司登记管理条例", "中华人民共和国市场主体登记管理条例", date(2022, 3, 1)),
    ("个体工商户条例", "促进个体工商户发展条例", date(2022, 11, 1)),
    ("环境噪声污染防治法", "中华人民共和国噪声污染防治法", date(2022, 6, 5)),
    ("学位条例", "中华人民共和国学位法", date(2025, 1, 1)),
    ("城市房屋拆迁管理条例", "国有土地上房屋征收与补偿条例", date(2011, 1, 21)),
    ("食品卫生法", "中华人民共和国食品安全法", date(2009, 6, 1)),
    ("经济合同法", "中华人民共和国合同法", date(1999, 10, 1)),
    ("城市流浪乞讨人员收容遣送办法", "城市生活无着的流浪乞讨人员救助管理办法", date(2003, 8, 1)),
    ("城乡个体工商户管理暂行条例", "个体工商户条例", date(2011, 11, 1)),
    ("中华人民共和国公路管理条例", "公路安全保护条例", date(2011, 7, 1)),
    ("行政复议条例", "中华人民共和国行政复议法", date(1999, 10, 1)),
    ("欺诈消费者行为处罚办法", "侵害消费者权益行为处罚办法", date(2015, 3, 15)),
    ("中华人民共和国消防条例", "中华人民共和国消防法", date(1998, 9, 1)),
    ("化学危险物品安全管理条例", "危险化学品安全管理条例", date(2002, 3, 15)),
    ("商标法实施细则", "中华人民共和国商标法实施条例", date(2002, 9, 15)),
    ("环境保护法（试行）", "中华人民共和国环境保护法", date(1989, 12, 26)),
    ("种畜禽管理条例", "中华人民共和国畜牧法", date(2006, 7, 1)),
    ("工商行政管理机关行政处罚程序规定", "市场监督管理行政处罚程序暂行规定", date(2019, 4, 1)),
    ("餐饮服务许可管理办法", "食品经营许可管理办法", date(2015, 10, 1)),
    ("最高人民法院关于适用《中华人民共和国担保法》若干问题的解释", "最高人民法院关于适用《中华人民共和国民法典》有关担保制度的解释",
     date(2021, 1, 1)),
])
def test_replacements(old: str, new: str, day: date):
    law = find_law(old)
    assert law is not None and law.replaced_by == new and law.day("repealed_on") == day


def test_short_and_full_titles_resolve():
    for name in ("行政许可法", "《中华人民共和国行政许可法》", "中华人民共和国 行政许可法"):
        law = find_law(name)
        assert law is not None and law.title == "中华人民共和国行政许可法" and law.level == "法律"
    assert find_law("公平竞争审查条例").level == "行政法规"
    assert find_law("公平竞争审查条例实施办法").level == "部门规章"
    assert find_law("政府信息公开条例").title == "中华人民共和国政府信息公开条例"
    assert find_law("某某不存在的条例") is None


def test_coverage():
    in_force = [law for law in laws() if law.in_force]
    assert sum(law.level == "法律" for law in in_force) >= 250
    assert sum(law.level == "行政法规" for law in in_force) >= 500
    assert sum(law.level == "部门规章" for law in in_force) >= 35
    assert sum(not law.in_force for law in laws()) >= 190


def test_repeal_chain_ends_in_force():
    """Successor chains never loop; 经济合同法 leads to 民法典 through 合同法."""
    for law in laws():
        seen = {law.title}
        while law.replaced_by:
            law = find_law(law.replaced_by)
            assert law.title not in seen
            seen.add(law.title)
    assert find_law("经济合同法").replaced_by == "中华人民共和国合同法"
    assert find_law("合同法").replaced_by == "中华人民共和国民法典"


def test_revision_year_lives_in_amended_not_title():
    law = find_law("行政处罚法")
    assert law.title == "中华人民共和国行政处罚法" and law.amended == "2021-01-22"

