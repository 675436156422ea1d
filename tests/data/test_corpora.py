"""The shipped reference data: schema-valid, and the facts the checks lean on hold."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from reviewtools.data import corpora
from reviewtools.data.corpora import agencies, find_law, laws, plans, read_rows, validate
from reviewtools.resources import stopwords


def test_shipped_corpora_are_valid():
    assert validate() == []


# ---------------------------------------------------------------- laws.csv

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


# ---------------------------------------------------------------- agencies.csv

def matching(text: str) -> list[corpora.Agency]:
    return [a for a in agencies() if a.pattern.search(text)]


def test_dalian_bureau_of_culture_renamed():
    hits = matching("大连市文化广播影视局")
    assert hits and any("文化和旅游局" in a.successor for a in hits)


@pytest.mark.parametrize("text", [
    "由县工商局负责登记工作。", "大连市工商行政管理局", "甘井子区工商分局", "市质监局", "区食药监局", "县安监局",
    "市国土资源局", "市环保局", "县农业局", "市农委", "市旅游局", "市卫计委", "县卫生局", "市政府法制办", "县监察局",
    "市经信委", "市物价局", "县粮食局", "市金融办", "县扶贫办", "大连市地方税务局", "县国税局", "大连银保监局",
    "营口银监分局", "国家工商行政管理总局", "银保监会", "卫生部令第48号", "由农业部负责", "国家旅游局",
    "市工商局部署开展专项整治", "会同计委", "县公安消防大队", "中国人民银行大连市中心支行",
    # 部门 forms, and old departments named in a list of departments
    "由国土资源主管部门核发", "市国土房产行政管理部门", "公安、工商、质量监督等有关部门", "财政、物价、审计等有关职能部门",
    "由质量监督部门委托的检测机构", "保留县计划生育委员会", "公安机关消防机构", "金融、保险、商检、海关等单位",
    "依法办理工商登记", "报市经贸委备案", "教育、卫生计生、交通等有关部门", "省计划行政管理部门", "县乡村振兴局",
])
def test_old_names_are_caught(text: str):
    assert matching(text), text


@pytest.mark.parametrize("text", [
    "市场监督管理局", "人力资源和社会保障局", "国家税务总局大连市税务局", "农业农村局", "农业农村部", "文化和旅游局",
    "文化广电旅游局", "文化体育和旅游局", "文化和旅游部", "生态环境局", "生态环境部", "自然资源局", "自然资源和规划局",
    "规划和自然资源局", "应急管理局", "卫生健康委员会", "卫生健康局", "司法局", "监察委员会", "工业和信息化局",
    "经济和信息化局", "科学技术局", "发展和改革委员会", "粮食和物资储备局", "国家金融监督管理总局大连监管局",
    "地方金融管理局", "省委金融办", "中央金融办", "退役军人事务局", "医疗保障局", "住房和城乡建设部",
    "交通运输局", "国家药品监督管理局", "省药品监督管理局", "国家矿山安全监察局", "国家广播电视总局",
    "国家林业和草原局", "国家粮食和物资储备局", "个体工商户", "中国工商银行", "工商业联合会", "工商管理专业",
    "卫生部门", "农业部门", "环境保护部门", "建设部署", "公司人事部", "住房和城乡建设局", "消防救援大队",
    "公安交通管理局", "劳动保障监察支队", "农业农村部（国家乡村振兴局）", "自然资源部（国家海洋局）", "中国人民银行大连市分行",
    # ordinary words that contain an old name
    "开创现代农业局面", "国土局部地区", "交通局部拥堵", "全球粮食局势", "受企业文化局限", "设计委托合同", "审计委员会",
    "会计委派制度", "全国人大农委", "金融办理业务", "中央审计委员会办公室", "公安机关法制办案中心",
    "稳定物价、保障供给、促进就业，各部门", "统战、工商联等部门", "建设工程质量监督机构", "计生协等单位",
    "节能、环保等产业", "环境保护主管部门", "劳动行政部门", "劳动保障监察", "提请全国人大财经委员会审议",
    "县农业农村局（县乡村振兴局）", "国土空间规划、用途管制等部门",
])
def test_current_names_are_left_alone(text: str):
    assert not matching(text), [a.old for a in matching(text)]


def test_agency_rows_carry_examples():
    for a in agencies():
        assert a.successor and a.level in ("中央", "地方") and 1990 <= a.year <= 2030


# ---------------------------------------------------------------- plans.csv

def plan(title: str) -> corpora.Plan:
    return next(p for p in plans() if p.title == title)


@pytest.mark.parametrize("text", [
    "法治政府建设实施纲要（2015-2020年）", "法治政府建设实施纲要(2015—2020年)", "法治政府建设实施纲要（2015年－2020年）",
    "法治政府建设实施纲要（2015–2020）", "法治政府建设实施纲要（2015~2020年）", "法治政府建设实施纲要（2015至2020年）",
    "法治政府建设实施纲要（2015——2020年）",
])
def test_plan_period_variants(text: str):
    p = plan("法治政府建设实施纲要（2015—2020年）")
    assert p.pattern.search(text)
    assert not plan("法治政府建设实施纲要（2021—2025年）").pattern.search(text)
    assert (p.start, p.end, p.successor) == (2015, 2020, "法治政府建设实施纲要（2021—2025年）")
    assert p.expired_on(date(2026, 1, 1)) and not p.expired_on(date(2020, 12, 31))


def test_plan_series():
    assert [p for p in plans() if p.pattern.search("“十三五”时期")][0].end == 2020
    assert [p for p in plans() if p.pattern.search("七五普法")][0].successor.startswith("中央宣传部、司法部")
    gb = [p for p in plans() if p.pattern.search("GB/T 9704-1999")]
    assert gb and gb[0].successor == "党政机关公文格式（GB/T 9704-2012）"
    fcr = [p for p in plans() if p.pattern.search("国发〔2016〕34号")]
    assert fcr and fcr[0].successor == "公平竞争审查条例" and find_law(fcr[0].successor) is not None


# ---------------------------------------------------------------- stop words

def test_stopword_lists_have_headers():
    zh = stopwords("zh.txt").read_text(encoding="utf-8")
    assert zh.startswith("#") and "MIT" in zh and "stopwords-iso" in zh
    legal = stopwords("legal.txt").read_text(encoding="utf-8")
    assert legal.startswith("#") and "本项目" in legal
    assert "的" in corpora.stopword_set("zh.txt") and "通知" in corpora.stopword_set("legal.txt")
    assert not any(w.startswith("#") for w in corpora.stopword_set("legal.txt"))


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
    s = corpora.summary()
    assert s["laws.csv"]["rows"] == len(laws()) and s["laws.csv"]["in_force_by_level"]["法律"] >= 250
    assert s["agencies.csv"]["rows"] == len(agencies()) and s["plans.csv"]["rows"] == len(plans())
