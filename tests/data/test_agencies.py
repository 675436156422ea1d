"""corpora/agencies.csv: every written form of an old name is caught, current names are left alone."""

from __future__ import annotations

import pytest

from reviewtools.data.agencies import Agency, agencies


def matching(text: str) -> list[Agency]:
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

