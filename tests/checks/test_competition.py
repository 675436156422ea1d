"""Competition findings on whole clauses: which rule fires, what it quotes, and what stays quiet.
Sentences are our own (synthetic), written from the wording families of 《公平竞争审查条例》第八—十一条."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.ingest import read_file
from reviewtools.review import review, review_text
from reviewtools.settings import Settings
from tests.conftest import ROOT

SETTINGS = Settings(as_of=date(2026, 11, 22))


def competition(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.quote) for f in review_text(text, SETTINGS).findings
            if f.category == "competition" and f.severity in ("error", "warning")]


def test_sample_draft_gives_one_finding_per_violating_clause():
    r = review(read_file(ROOT / "examples" / "示例草案.docx"), SETTINGS)
    found = [(f.rule, f.quote) for f in r.findings if f.category == "competition"]
    assert found == [("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的50%给予奖励"),
                     ("competition.local_goods_preference", "优先采购本市企业生产的产品")]


def test_settling_as_the_subject_of_a_tax_reward_is_no_branch_requirement():
    text = "落户本市的企业，按其缴纳增值税地方留成部分的50%给予奖励。"
    assert competition(text) == [("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的50%给予奖励")]


def test_a_reward_for_settling_anew_is_a_relocation_incentive():
    assert competition("对新落户本区的企业，给予一次性开办补助20万元。") == [
        ("competition.local_branch_required", "新落户本区的企业，给予")]


# (sentence, rule, quote): the families added from the standards, each in a phrasing the rule examples lack.
FIRES = [
    ("县城区生活垃圾统由县环卫公司收集清运。", "competition.unified_operation",
     "统由县环卫公司收集"),
    ("各学校校服须到教育局指定的厂家定做。", "competition.designated_operator",
     "须到教育局指定的厂家定做"),
    ("全县的殡葬服务统一由县殡仪馆提供。", "competition.designated_operator",
     "统一由县殡仪馆提供"),
    ("本县范围内的商品混凝土业务原则上由县国投公司经营。", "competition.designated_operator",
     "业务原则上由县国投公司经营"),
    ("施工单位应当优先使用县域内企业生产的砂石材料。", "competition.local_goods_preference",
     "优先使用县域内企业生产的砂石材料"),
    ("政府投资工程的钢材由本市企业供应。", "competition.local_goods_preference",
     "钢材由本市企业供应"),
    ("本地生产企业参与政府采购的，评审时给予5%的价格扣除。", "competition.bidding_locality",
     "本地生产企业参与政府采购的，评审时给予5%的价格扣除"),
    ("申请补助的企业须在本区办理工商注册和税务登记，且统计关系在本区。", "competition.registration_condition",
     "企业须在本区办理工商注册"),
    ("对该企业免征城市基础设施配套费、人防易地建设费。", "competition.factor_fee_preference",
     "免征城市基础设施配套费"),
    ("对重点企业的行政事业性收费实行“零收费”。", "competition.factor_fee_preference",
     "行政事业性收费实行“零收费"),
    ("对园区企业缴纳的社会保险费，由财政予以返还。", "competition.factor_fee_preference",
     "缴纳的社会保险费，由财政予以返还"),
    ("外地施工企业须按工程造价的2%缴纳农民工工资保证金。", "competition.outside_operator_discrimination",
     "外地施工企业须按工程造价的2%缴纳"),
    ("凡进入本市建筑市场的企业，须缴纳质量保证金。", "competition.deposit",
     "进入本市建筑市场的企业，须缴纳质量保证金"),
    ("对该公司建设的物流园项目，土地价格按每亩5万元执行。", "competition.land_price_preference",
     "土地价格按每亩5万元执行"),
    ("对项目所缴纳的土地出让金，县财政按实际缴纳额的50%给予项目建设补助。", "competition.land_price_preference",
     "土地出让金，县财政按实际缴纳额的50%给予"),
    ("指定县农商银行为全县惠农资金发放的唯一银行。", "competition.franchise",
     "为全县惠农资金发放的唯一银行"),
    ("指定某某物流公司为全市邮政快递末端配送的唯一合作企业。", "competition.franchise",
     "为全市邮政快递末端配送的唯一合作企业"),
    ("政府投资项目所需材料原则上在本地采购。", "competition.local_goods_preference",
     "材料原则上在本地采购"),
    ("对在本区实现产值并纳税的企业，给予一次性奖励。", "competition.local_branch_required",
     "在本区实现产值并纳税的企业"),
    ("按照企业对区级财政的贡献，前两年全额奖励，后三年减半奖励。", "competition.tax_linked_reward",
     "按照企业对区级财政的贡献"),
    ("企业每纳税100万元，奖励企业1万元。", "competition.tax_linked_reward",
     "每纳税100万元，奖励"),
]

# Lawful restatements, prohibitions and look-alikes: no competition warning or error.
QUIET = [
    "不得按企业缴纳税收的地方留成部分给予奖励。",
    "招商引资中不得承诺按税收贡献给予奖励。",
    "投标人可以保函等非现金形式提交投标保证金。",
    "各地区要坚持稳中求进，为经济发展贡献力量。",
    "市自来水公司负责做好城区供水保障工作。",
    "对购置生产设备的企业，按设备投资额的8%给予补助，最高不超过200万元。",
    "鼓励外地企业来本市投资兴业，享受与本地企业同等待遇。",
]


@pytest.mark.parametrize(("text", "rule", "quote"), FIRES)
def test_family_fires_with_its_quote(text: str, rule: str, quote: str):
    assert (rule, quote) in competition(text)


@pytest.mark.parametrize("text", QUIET)
def test_lawful_and_prohibiting_wording_stays_quiet(text: str):
    assert competition(text) == []
