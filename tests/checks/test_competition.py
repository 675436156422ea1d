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
        ("competition.local_branch_required", "新落户本区的企业，给予一次性")]


# (sentence, rule, quote): the families added from the standards, each in a phrasing the rule examples lack.
FIRES = [
    ("对签约入驻的项目，按实际完成投资的1.5%给予补助。", "competition.investment_amount_reward",
     "按实际完成投资的1.5%给予"),
    ("招商引资企业土地出让金减收30%。", "competition.land_price_preference", "土地出让金减收30%"),
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
     "所需材料原则上在本地采购"),
    ("对在本区实现产值并纳税的企业，给予一次性奖励。", "competition.local_branch_required",
     "在本区实现产值并纳税的企业"),
    ("按照企业对区级财政的贡献，前两年全额奖励，后三年减半奖励。", "competition.tax_linked_reward",
     "按照企业对区级财政的贡献"),
    ("企业每纳税100万元，奖励企业1万元。", "competition.tax_linked_reward",
     "每纳税100万元，奖励"),
    ("对入驻园区的重点企业，在用地、用电、融资等方面给予优先保障。", "competition.area_priority",
     "对入驻园区的重点企业，在用地、用电、融资等方面给予优先保障"),
    ("对引进的世界500强企业，在土地、税收等方面给予特殊优惠。", "competition.selective_subsidy",
     "在土地、税收等方面给予特殊优惠"),
    ("对重大招商项目，实行“一企一策”。", "competition.case_by_case",
     "实行“一企一策”"),
    ("对特别重大的项目，可采取“一事一议”的办法给予支持。", "competition.case_by_case",
     "采取“一事一议”"),
    ("园区内企业享受市级规定的各项优惠政策。", "competition.area_priority",
     "园区内企业享受市级规定的各项优惠政策"),
    ("开发区内的外商投资企业，享受省政府规定的优惠待遇。", "competition.area_priority",
     "开发区内的外商投资企业，享受省政府规定的优惠待遇"),
    ("对该项目在项目审批、用地供应、资金扶持等方面给予重点倾斜。", "competition.selective_subsidy",
     "在项目审批、用地供应、资金扶持等方面给予重点倾斜"),
    ("市属国有企业参与重大项目建设的，优先给予资金支持。", "competition.ownership_scale_condition",
     "市属国有企业参与重大项目建设的，优先给予"),
    ("对县内骨干企业，电价按每千瓦时0.45元执行。", "competition.preferential_price",
     "电价按每千瓦时0.45元执行"),
    ("全县驾校培训收费实行最高限价，不得超过4000元。", "competition.price_interference",
     "收费实行最高限价"),
    ("本市商品房销售价格实行备案管理，不得高于备案价格销售。", "competition.approval_barrier",
     "实行备案管理，不得"),
    ("行业协会要统一会员企业的收费标准。", "competition.monopoly_facilitation",
     "协会要统一会员企业的收费标准"),
    ("各加油站汽油零售价格不得低于市发改委公布的指导价。", "competition.price_interference",
     "不得低于市发改委公布的指导价"),
    ("各企业须于每月5日前向行业协会报送销售价格、销售数量等数据。", "competition.monopoly_facilitation",
     "向行业协会报送销售价格"),
    ("组织本市水泥生产企业按片区划分销售市场。", "competition.monopoly_facilitation",
     "划分销售市场"),
    ("县属国有企业在同等条件下优先承接政府投资项目。", "competition.ownership_scale_condition",
     "县属国有企业在同等条件下优先承接"),
    ("本县政府投资项目的工程监理，统一由县建设监理公司承担。", "competition.designated_operator",
     "统一由县建设监理公司承担"),
    ("鼓励各单位优先采购县内企业产品。", "competition.local_goods_preference",
     "优先采购县内企业产品"),
    ("将本地企业产品纳入全市推荐产品目录，供各单位选用。", "competition.supplier_list",
     "本地企业产品纳入全市推荐产品目录"),
    ("建立本地优质产品目录，优先在政府投资项目中使用。", "competition.supplier_list",
     "建立本地优质产品目录"),
    ("外商投资企业自获利年度起，免征地方所得税五年。", "competition.tax_preference",
     "免征地方所得税"),
    ("对区内企业，三年内免征房产税和城镇土地使用税。", "competition.tax_preference",
     "免征房产税"),
    ("新办的生产性企业，经批准，免缴场地使用费三年。", "competition.factor_fee_preference",
     "免缴场地使用费"),
    ("对投资额超过1000万美元的项目，优先安排银行贷款。", "competition.land_priority",
     "优先安排银行贷款"),
    ("区内企业生产所需的水、电、气，由有关部门优先供应。", "competition.land_priority",
     "水、电、气，由有关部门优先供应"),
    ("外商投资企业所需的原材料、燃料，优先予以保证。", "competition.land_priority",
     "原材料、燃料，优先予以保证"),
    ("经济开发区内的企业，免交各种地方性收费。", "competition.factor_fee_preference",
     "免交各种地方性收费"),
    ("县内企业生产的产品，各单位要优先购买使用。", "competition.local_goods_preference",
     "县内企业生产的产品，各单位要优先购买"),
    ("对外来投资企业，五年内所缴纳的企业所得税地方部分，由县财政全额返还。", "competition.tax_linked_reward",
     "缴纳的企业所得税地方部分"),
    ("企业缴纳的营业税，前三年按80%返还，后两年按50%返还。", "competition.tax_preference",
     "缴纳的营业税，前三年按80%返还"),
    ("对企业上缴的增值税县级留成部分，实行先征后返。", "competition.tax_linked_reward",
     "上缴的增值税县级留成部分"),
    ("企业所得税实行即征即返。", "competition.tax_preference",
     "即征即返"),
    ("县财政每年按企业上缴税收增长部分的50%安排技改资金。", "competition.tax_linked_reward",
     "按企业上缴税收增长部分的50%安排技改资金"),
    ("对年纳税超过100万元的企业，企业法人代表享受县级领导待遇。", "competition.tax_linked_reward",
     "纳税超过100万元的企业，企业法人代表享受县级领导待遇"),
    ("对来区投资的企业，区政府派专人全程代办各项手续，并免收一切费用。", "competition.factor_fee_preference",
     "免收一切费用"),
    ("工业项目的建设规费，除上缴省市部分外，县级部分全免。", "competition.factor_fee_preference",
     "县级部分全免"),
    ("凡在本县投资兴办企业的，享受本县最优惠的政策。", "competition.selective_subsidy",
     "享受本县最优惠的政策"),
    ("从外地迁入本县的企业，优先办理各种手续。", "competition.local_branch_required",
     "迁入本县的企业，优先"),
    ("镇级财政按照企业入库税收镇级留成部分给予一定比例的返还。", "competition.tax_linked_reward",
     "按照企业入库税收镇级留成部分给予一定比例的返还"),
    ("对年实缴税金超过500万元的企业，县政府授予“纳税大户”称号并奖励10万元。", "competition.tax_linked_reward",
     "缴税金超过500万元的企业，县政府授予“纳税大户”称号并奖励"),
    ("对在涪陵注册的物流企业，给予运费补贴。", "competition.registration_condition",
     "在涪陵注册的物流企业"),
    ("在淮安市注册登记、具有独立法人资格的企业均可申报。", "competition.registration_condition",
     "在淮安市注册登记、具有独立法人"),
    ("凡在嘉善县域内注册纳税的企业，可申请本项补助。", "competition.registration_condition",
     "在嘉善县域内注册纳税的企业"),
    ("申报单位须是在海沧注册、纳税的企业。", "competition.registration_condition",
     "须是在海沧注册、纳税的企业"),
    ("对在城区注册的商贸企业，年销售额首次超过1亿元的，奖励20万元。", "competition.registration_condition",
     "在城区注册的商贸企业"),
    ("对本市企业为龙头企业提供配套的，按年度配套额的2%给予奖励。", "competition.status_reward",
     "龙头企业提供配套的，按年度配套额的2%给予奖励"),
    ("骨干企业年度采购县内企业产品超过1000万元的，给予采购方奖励5万元。", "competition.status_reward",
     "骨干企业年度采购县内企业产品超过1000万元的，给予采购方奖励"),
    ("对采购本地企业原材料金额达到500万元以上的企业，给予10万元奖励。", "competition.local_purchase_reward",
     "采购本地企业原材料金额达到500万元以上的企业，给予10万元奖励"),
    ("对当年新增本地配套采购额的企业，按增量部分的1%给予补助。", "competition.local_purchase_reward",
     "本地配套采购额"),
    ("对在区内开展生产经营满三年的企业给予支持。", "competition.registration_condition",
     "在区内开展生产经营满三年"),
    ("企业须承诺10年内不迁离本区，否则收回已享受的全部奖励。", "competition.relocation_lock",
     "不迁离本区，否则收回"),
    ("获得奖励的企业，须承诺注册地和纳税地5年内不迁出本县。", "competition.relocation_lock",
     "不迁出本县"),
    ("企业迁出本市的，须全额退还已获得的扶持资金。", "competition.relocation_lock",
     "迁出本市的，须全额退"),
    ("对在本地上市的企业给予奖励，上市后迁出的，追回奖励资金。", "competition.relocation_lock",
     "迁出的，追回"),
    ("享受本政策的企业须在园区经营满10年，提前退出的，应退还享受的优惠。", "competition.registration_condition",
     "在园区经营满10年"),
    ("企业办理注销、迁出手续，须经园区管委会同意。", "competition.exit_condition",
     "企业办理注销、迁出手续，须经园区管委会同意"),
    ("对年度在本县纳税500万元以上的外地建筑企业，给予奖励。", "competition.local_branch_required",
     "在本县纳税500万元"),
    ("对本县运输企业车辆，免收过路费。", "competition.discriminatory_subsidy",
     "本县运输企业车辆，免收过路费"),
    ("对外地运输车辆，按标准加收管理费。", "competition.discriminatory_subsidy",
     "外地运输车辆，按标准加收管理费"),
    ("外地生产的同类产品进入本地市场销售的，须经市质监部门重新检验。", "competition.outside_goods_barrier",
     "外地生产的同类产品进入本地市场销售的，须经市质监部门重新检验"),
    ("对非本市生产的新能源汽车，不享受本市购车补贴。", "competition.discriminatory_subsidy",
     "非本市生产的新能源汽车，不享受本市购车补贴"),
    ("只有在本市销售的本地品牌汽车方可享受补贴。", "competition.discriminatory_subsidy",
     "本地品牌汽车方可享受补贴"),
    ("前三年按企业缴纳增值税县级所得部分的100%给予扶持。", "competition.tax_linked_reward",
     "按企业缴纳增值税县级所得部分的100%给予扶持"),
    ("企业所得税县级实得部分，五年内全额奖励企业。", "competition.tax_linked_reward",
     "县级实得部分，五年内全额奖励"),
    ("由县财政按企业上缴税收实际所得部分给予奖励。", "competition.tax_linked_reward",
     "按企业上缴税收实际所得部分给予奖励"),
    ("按企业形成的县本级所得的60%安排发展资金。", "competition.tax_linked_reward",
     "本级所得的60%"),
    ("按其新增县级可用财力的50%给予奖励。", "competition.tax_linked_reward",
     "新增县级可用财力的50%给予奖励"),
    ("对企业新增财力部分，按70%比例奖励企业。", "competition.tax_linked_reward",
     "新增财力部分，按70%比例奖励"),
    ("按企业当年缴纳的增值税（25%部分）全额给予奖励。", "competition.tax_linked_reward",
     "按企业当年缴纳的增值税（25%部分）全额给予奖励"),
    ("按企业所得税40%部分的60%给予扶持。", "competition.tax_linked_reward",
     "按企业所得税40%部分的60%给予扶持"),
    ("对企业缴纳的税收中地方分成的部分，按50%予以奖励。", "competition.tax_linked_reward",
     "地方分成的部分，按50%予以奖励"),
    ("给予相当于其当年缴纳城镇土地使用税额的奖励。", "competition.tax_linked_reward",
     "相当于其当年缴纳城镇土地使用税额的奖励"),
    ("奖励金额相当于企业当年缴纳房产税的50%。", "competition.tax_linked_reward",
     "奖励金额相当于企业当年缴纳房产税"),
    ("按企业实际缴纳的契税额给予等额补助。", "competition.tax_linked_reward",
     "按企业实际缴纳的契税额给予等额补助"),
    ("对企业缴纳的土地增值税，由县财政等额返还。", "competition.tax_preference",
     "缴纳的土地增值税，由县财政等额返还"),
    ("企业当年上缴县级财政的税收，超过上年部分全额奖励。", "competition.tax_linked_reward",
     "上缴县级财政的税收"),
    ("税收县级留成部分，前两年全奖，后三年减半奖。", "competition.tax_linked_reward",
     "县级留成部分，前两年全奖"),
    ("县政府按企业年度纳税额的一定比例给予奖励。", "competition.tax_linked_reward",
     "按企业年度纳税额的一定比例给予奖励"),
    ("企业所缴税收中县级分享部分全部用于扶持企业发展。", "competition.tax_linked_reward",
     "县级分享部分全部用于"),
    ("对企业上缴的各项税收县留成部分，按以下标准奖励：第一年100%，第二年80%。", "competition.tax_linked_reward",
     "县留成部分，按以下标准奖励"),
    ("园区企业缴纳的税费，县级财政所得部分全额返还园区用于企业扶持。", "competition.tax_preference",
     "缴纳的税费，县级财政所得部分全额返还"),
    ("奖励资金按照企业对地方财政贡献的大小确定。", "competition.tax_linked_reward",
     "地方财政贡献"),
    ("对企业实现的地方财政收入，按一定比例给予奖补。", "competition.tax_linked_reward",
     "企业实现的地方财政收入"),
    ("企业年度上缴税金（不含个人所得税）县级实得财力超过200万元的，超出部分按30%奖励。", "competition.tax_linked_reward",
     "缴税金（不含个人所得税）县级实得财力超过200万元的，超出部分按30%奖励"),
    # Families generalised from the standards (issue 10), each in a phrasing its rule's examples lack.
    ("对企业上年度缴纳的契税，按其实际缴纳额给予50%的补助。", "competition.tax_linked_reward",
     "缴纳的契税，按其实际缴纳额给予50%的补助"),
    ("施工单位须采用指定的商品混凝土企业生产的混凝土。", "competition.designated_operator",
     "须采用指定的商品混凝土企业生产的"),
    ("县内小学的教辅资料统一从县新华书店订购。", "competition.designated_operator",
     "统一从县新华书店订购"),
    ("新开办药店与现有药店之间距离不得少于300米。", "competition.entry_quantity_limit",
     "新开办药店与现有药店之间距离不得少于300米"),
    ("城区出租车服务价格统一按每公里2元执行。", "competition.price_interference",
     "价格统一按每公里2元执行"),
    ("对市属国有平台公司每年安排运营补助500万元。", "competition.selective_subsidy",
     "对市属国有平台公司每年安排运营补助"),
    ("会员企业须报送销售价格和客户信息，由协会在行业内共享。", "competition.monopoly_facilitation",
     "报送销售价格和客户信息，由协会在行业内共享"),
    ("参加本县家政服务项目投标的，须取得县家政服务协会颁发的会员证。", "competition.bidding_locality",
     "须取得县家政服务协会颁发的会员证"),
    ("本县零星工程采用摇号方式确定施工单位。", "competition.bidding_restriction",
     "采用摇号方式确定施工单位"),
    ("对工业园区企业的供电价格下调0.03元。", "competition.preferential_price",
     "供电价格下调0.03元"),
    ("对本县酿造的白酒，在各类接待活动中优先选用。", "competition.local_goods_preference",
     "对本县酿造的白酒，在各类接待活动中优先选用"),
    ("工程质量保证金按合同价款的5%预留，竣工三年后退还。", "competition.deposit",
     "质量保证金按合同价款的5%"),
    ("落户企业须将其专利无偿许可给本地合作企业使用。", "competition.forced_transfer",
     "须将其专利无偿许可给本地合作企业使用"),
    ("投标人须与本县企业组建联合体。", "competition.bidding_locality",
     "须与本县企业组建联合体"),
    ("施工企业使用本县户籍工人比例达到30%以上的，评标时加1分。", "competition.bidding_locality",
     "本县户籍工人比例达到30%以上的，评标时加1分"),
    ("外地家政企业不得在本区提供家政服务。", "competition.outside_operator_discrimination",
     "外地家政企业不得在本区提供家政服务"),
    ("对招商引资项目，在用地、融资等方面给予优先保障。", "competition.area_priority",
     "对招商引资项目，在用地、融资等方面给予优先保障"),
    ("对入驻企业预缴的厂房租金，达产后全额退还。", "competition.rent_utility_relief",
     "预缴的厂房租金，达产后全额退还"),
    ("砂石资源的开采、经营由县国有公司统一组织实施。", "competition.unified_operation",
     "开采、经营由县国有公司统一组织实施"),
    ("年纳税超1000万元的企业，其高管子女入学享受优先安排。", "competition.tax_linked_reward",
     "年纳税超1000万元的企业，其高管子女入学享受优先"),
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
    # Government fees, registration places, personal registration, scope clauses, statutory caps (issue 10).
    "城区居民生活垃圾处理费按每户每月8元收取。",
    "机动车须到公安机关交通管理部门指定的地点办理登记。",
    "城区养犬实行登记管理，未经登记不得饲养犬只。",
    "支持外地企业来本市投资兴业，享受与本地企业同等待遇。",
    "本办法适用于在本市行政区域内从事经营活动的各类经营主体。",
    "以工代赈项目中，本地务工人员比例不低于30%。",
    "招标人不得以抽签、摇号方式直接确定中标人。",
    "工程质量保证金不得高于工程价款结算总额的3%。",
    "新建加油站与学校的安全距离不得小于50米。",
]


@pytest.mark.parametrize(("text", "rule", "quote"), FIRES)
def test_family_fires_with_its_quote(text: str, rule: str, quote: str):
    assert (rule, quote) in competition(text)


@pytest.mark.parametrize("text", QUIET)
def test_lawful_and_prohibiting_wording_stays_quiet(text: str):
    assert competition(text) == []


def test_a_ban_word_that_does_not_govern_the_list_quiets_no_item():
    # The purpose (为防止…), a finished cleanup (经清理，) or a ban on stacking favours lead lists of favours.
    purpose = "为防止本地企业外流，特制定如下优惠政策：\n（一）对企业按其缴纳增值税地方留成部分的50%给予奖励。\n"
    assert competition(purpose) == [("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的50%给予奖励")]
    cleaned = "经清理，现将继续执行的优惠政策公布如下：\n1.入驻园区的企业免收三年租金。\n"
    assert competition(cleaned) == [("competition.rent_utility_relief", "免收三年租金")]
    stacked = "企业不得重复享受以下政策：\n1.对年纳税额首次突破1000万元的企业奖励50万元。\n"
    assert competition(stacked) == [("competition.tax_linked_reward", "纳税额首次突破1000万元的企业奖励")]
    item = "（一）对企业按其缴纳增值税地方留成部分的50%给予奖励。\n"
    for lead in ("为了防止企业外迁制定如下扶持政策：", "清理后继续执行以下优惠政策：", "杜绝企业外流的优惠措施如下：",
                 "奖励不得低于以下标准："):
        assert competition(lead + "\n" + item) == [("competition.tax_linked_reward", "按其缴纳增值税地方留成部分的50%给予奖励")]
    # A ban that governs its list still quiets the items that restate it.
    assert competition("起草单位不得出台含有下列内容的政策措施：\n（一）按企业缴纳税收的地方留成部分给予奖励。\n") == []
    # …and so does one that governs it across a comma, the next clause being its verb and the list.
    assert competition("各级人民政府不得违反法律、行政法规的规定，实行下列地区封锁行为：\n"
                       "（一）限定单位或者个人只能购买本地生产的产品；\n（二）在本行政区域边界设置关卡，阻碍外地产品进入。\n") == []


def test_items_under_a_favour_lead_in_each_draw_their_standard():
    """A county's list of favours: each item is read alone, so each must name enough to be caught."""
    text = ("一、对新落户我县的工业企业，给予以下扶持：\n"
            "（一）前三年按其缴纳增值税县级留成部分的80%给予奖励；\n"
            "（二）租用标准厂房的，前两年租金全免。\n"
            "二、各乡镇要组织辖区内砖厂统一销售价格，防止恶性竞争。\n"
            "三、引进项目在用能、用水、排污指标上给予优先保障。\n")
    rules = {rule for rule, _ in competition(text)}
    assert {"competition.tax_linked_reward", "competition.rent_utility_relief", "competition.monopoly_facilitation",
            "competition.land_priority"} <= rules


def test_an_item_whose_operator_only_its_lead_in_names_is_read_with_the_lead_in():
    """A rule that needs an operator in its sentence (requires) finds it in the lead-in that hands out the favours,
    not in a lead-in that hands out nothing or favours no operator."""
    item = "（一）电价高出全省平均水平的部分由县财政补贴。\n"
    assert ("competition.rent_utility_relief", "电价高出全省平均水平的部分由县财政补贴") in competition(
        "对新引进的工业企业，给予以下扶持：\n" + item)
    assert competition("对困难群众给予以下帮扶：\n" + item) == []
    assert competition("企业要做好以下工作：\n" + item) == []
