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
    ("根据法律、法规的规定", "根据法律、法规的规定"),
    ("依照有关法律法规的规定", "依照有关法律法规的规定"),
    ("按照省委、省政府的决策部署", "按照省委、省政府的决策部署"),
    ("根据中央和省有关文件精神", "根据中央和省有关文件精神"),
    ("遵照上级指示", "遵照上级指示"),
    ("为贯彻落实党中央、国务院决策部署", "贯彻落实党中央、国务院决策部署"),
    ("参照国家有关规定", "参照国家有关规定"),
    ("依据国家、省、市相关规定", "依据国家、省、市相关规定"),
    ("根据上级有关文件精神", "根据上级有关文件精神"),
    ("按照县委县政府工作部署", "按照县委县政府工作部署"),
    ("根据现行法律法规", "根据现行法律法规"),
    ("根据国家政策法规", "根据国家政策法规"),
])
def test_vague_bases_are_quoted_whole(basis, quote):
    text = f"某市停车场管理办法\n第一条 为规范停车场管理，{basis}，结合本市实际，制定本办法。"
    assert _upper(text) == [("upper_law.vague_basis", quote)]


def test_a_purpose_without_any_basis_word_is_no_vague_basis():
    text = "某市停车场管理办法\n第一条 为规范停车场管理，按照属地管理的要求，结合本市实际，制定本办法。"
    assert _upper(text) == [("upper_law.missing_basis", None)]


def test_a_standard_to_be_met_is_no_basis_and_a_vague_one_elsewhere_is():
    head = "某县灵活就业人员社会保险补贴办法\n第一条 为做好就业工作，制定本办法。\n"
    assert _upper(head + "第二条 灵活就业人员按照国家规定的标准缴纳社会保险费。") == [("upper_law.missing_basis", None)]
    assert _upper(head + "第二条 违反本办法的，依照有关法律法规处罚。") == [("upper_law.vague_basis", "依照有关法律法规")]


@pytest.mark.parametrize("title", ["某县人民政府关于规范集贸市场管理的实施意见", "某县人民政府关于加强渣土运输管理的决定",
                                   "某县人民政府关于规范渣土运输的通知", "某县渣土运输管理若干规定", "某县渣土运输管理措施"])
def test_every_kind_that_fines_is_held_to_a_basis(title):
    text = f"{title}\n为加强管理，现就有关事项明确如下：\n一、未经批准运输渣土的，由城管部门处500元罚款。"
    assert _upper(text) == [("upper_law.missing_basis", None)]


def test_one_duty_on_citizens_does_not_make_a_work_notice_rule_setting():
    text = "某县人民政府关于做好防汛工作的通知\n各乡镇：\n一、各乡镇要落实防汛责任。\n二、居民应当服从转移安排。"
    assert _upper(text) == []


@pytest.mark.parametrize("later", ["依照《中华人民共和国大气污染防治法》的规定处以罚款",
                                   "由生态环境部门根据《某省大气污染防治条例》予以处罚",
                                   "依照《\n大气污染防治法》第\n一百一十九条处罚"])
def test_a_law_named_in_a_later_article_is_a_basis(later):
    text = f"某县人民政府关于禁止露天焚烧秸秆的通告\n现将有关事项通告如下：\n一、禁止露天焚烧秸秆。\n二、违反本通告的，{later}。"
    assert _upper(text) == []


def test_a_basis_in_the_cover_notice_is_the_basis_of_what_it_issues():
    text = ("某市人民政府关于印发某市养犬管理办法的通知\n各区人民政府：\n根据《某省养犬管理条例》，市政府制定了《某市养犬管理办法》，"
            "现印发给你们，请遵照执行。\n某市人民政府\n2024年3月1日\n某市养犬管理办法\n第一条 为规范养犬行为，结合本市实际，"
            "制定本办法。\n第二条 养犬人应当为犬只办理登记。")
    assert _upper(text) == []


def test_a_notice_passing_on_another_bodys_notice_sets_no_rule():
    text = ("某县人民政府办公室关于转发某市人民政府关于加强秸秆禁烧工作的通知的通知\n各乡镇：\n"
            "现将《某市人民政府关于加强秸秆禁烧工作的通知》转发给你们，请认真贯彻执行。\n二、对焚烧秸秆的，依法予以罚款。")
    assert _upper(text) == []


def test_a_local_regulation_is_a_basis_and_a_local_normative_document_is_not():
    law = "某市城市管理办法\n第一条 为加强城市管理，根据《某省城乡规划条例》，制定本办法。\n第二条 经营者不得占道经营。"
    assert _upper(law) == []
    policy = "某市城市管理办法\n第一条 为加强城市管理，根据《某市城市管理实施细则》，制定本办法。\n第二条 经营者不得占道经营。"
    assert _upper(policy) == [("upper_law.policy_only_basis", "《某市城市管理实施细则》")]


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


def test_a_government_order_rule_is_held_to_a_basis():
    text = ("某市人民政府令\n第12号\n《某市户外广告管理办法》已经市政府常务会议通过，现予公布。\n某市户外广告管理办法\n"
            "第一条 为规范户外广告管理，结合本市实际，制定本办法。\n第二条 设置户外广告应当符合规划。")
    assert _upper(text) == [("upper_law.missing_basis", None)]


@pytest.mark.parametrize("self_rule", ["违反本通告的，予以批评教育。", "本规定自发布之日起施行。"])
def test_an_excerpt_that_calls_itself_a_rule_is_rule_setting(self_rule):
    assert _upper(f"一、城区主干道两侧不设摊点。\n二、{self_rule}") == [("upper_law.missing_basis", None)]


def test_an_excerpt_that_names_no_kind_and_sets_nothing_is_left_alone():
    assert _upper("一、各乡镇要加强宣传引导。\n二、各部门要密切配合。") == []


@pytest.mark.parametrize("subject", ["房东", "养犬人", "摊主", "施工单位", "车主"])
def test_duties_on_landlords_owners_and_stallholders_need_a_basis(subject):
    text = (f"某县关于进一步规范管理的意见\n为加强管理，提出如下意见。\n一、{subject}须到派出所登记。\n"
            f"二、{subject}应当签订安全责任书。\n")
    assert _upper(text) == [("upper_law.missing_basis", None)]
    planned = text.replace("意见\n", "意见\n根据《某省治安管理条例》，", 1)
    assert _upper(planned) == []


def test_a_title_one_character_from_the_catalogue_is_only_a_hint():
    """The catalogue lacks many rules and older texts: 《…和补偿条例》 beside 《…与补偿条例》 is asked about (提示),
    and a document citing two such titles beside a named law still has its basis (no 警告 of the category)."""
    text = ("某县房屋征收补偿办法\n第一条 为规范房屋征收补偿，根据《国有土地上房屋征收和补偿条例》《中华人民共和国固体废弃物污染环境防治法》"
            "，结合本县实际，制定本办法。\n第二条 征收部门应当公布补偿方案。")
    r = review_text(text, Settings(as_of=date(2026, 11, 22)))
    hints = [(f.rule, f.severity) for f in r.findings if f.category == "upper_law"]
    assert hints == [("upper_law.unknown_title", "info")] * 2
    assert _upper(text) == []


@pytest.mark.parametrize(("gap", "found"), [(40, []), (41, [("upper_law.missing_basis", None)])])
def test_a_law_named_without_brackets_counts_up_to_forty_characters_after_the_verb(gap, found):
    filler = ("1、" * 21)[:gap]  # no 汉字: the title cannot begin inside it
    text = f"某县人民政府关于禁止露天焚烧秸秆的通告\n现将有关事项通告如下：\n一、禁止露天焚烧秸秆。\n二、违反本通告的，依照{filler}中华人民共和国大气污染防治法处罚。"
    assert _upper(text) == found


@pytest.mark.parametrize(("measure", "found"), [
    ("临时停车价格为5元/次", [("upper_law.missing_basis", None)]),  # a price per unit: a charge it sets
    ("临时停车价格为5.5元/次", [("upper_law.missing_basis", None)]),
    ("临时停车价格另行公布", []),  # no price, no fine, no duty
])
def test_a_notice_that_sets_a_price_per_unit_is_held_to_a_basis(measure, found):
    text = f"某县人民政府关于做好停车场运营工作的通知\n各乡镇：\n一、各乡镇要做好停车场运营工作。\n二、{measure}。"
    assert _upper(text) == found


def test_duties_on_outsiders_counted_one_per_subject_and_verb():
    text = "某县人民政府关于做好防汛工作的通知\n各乡镇：\n一、居民应当服从转移安排。\n二、企业必须落实防汛责任。"
    assert _upper(text) == [("upper_law.missing_basis", None)]


@pytest.mark.parametrize(("text", "found"), [
    # bans on what the administration may demand lay no duty on businesses
    ("各地区不得要求企业必须在本地登记注册。不得要求经营主体必须设立分支机构。", []),
    ("各地区不得强制要求经营主体在本地设立子公司。", []),
    # the same duties laid on businesses, and a ban on businesses, are rule-setting
    ("经营主体必须在本地登记注册。企业应当设立分支机构。", [("upper_law.missing_basis", None)]),
    ("严禁企业违规排放污水。企业必须安装监测设备。", [("upper_law.missing_basis", None)]),
    ("对拒不整改的，强制拆除。", [("upper_law.missing_basis", None)]),
])
def test_a_duty_the_administration_is_forbidden_to_demand_is_no_duty(text, found):
    assert _upper(text) == found


@pytest.mark.parametrize("basis", ["根据《全国人民代表大会常务委员会关于全面禁止非法野生动物交易的决定》",
                                   "根据《某省人民代表大会常务委员会关于加强某项管理的决定》",
                                   "依照《某省实施〈中华人民共和国土地管理法〉办法》",
                                   "根据《某市实施〈物业管理条例〉细则》"])
def test_a_congress_decision_or_a_local_text_implementing_a_law_is_a_basis(basis):
    text = f"某县某项管理办法\n第一条 为加强管理，{basis}，制定本办法。\n第二条 经营者应当建立台账。"
    assert _upper(text) == []


def test_a_policy_document_alone_is_still_no_basis():
    text = ("某县某项管理办法\n第一条 为加强管理，根据《某省人民政府关于加强某项管理的通知》（某政发〔2023〕5号），制定本办法。"
            "\n第二条 经营者应当建立台账。")
    assert _upper(text) == [("upper_law.policy_only_basis", "《某省人民政府关于加强某项管理的通知》")]
