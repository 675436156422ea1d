"""The powers rules (越权设定) on whole synthetic notices: which clause each finding quotes, and where the
upper law named in the document keeps them quiet."""

from __future__ import annotations

from datetime import date

from reviewtools.review import review_text
from reviewtools.settings import Settings

SETTINGS = Settings(as_of=date(2026, 11, 22))


def powers(text: str) -> list[tuple[str, str]]:
    review = review_text(text, SETTINGS)
    out = []
    for f in review.findings:
        if f.category == "powers" and f.severity in ("error", "warning"):
            assert review.doc.text[f.start:f.end] == f.quote
            out.append((f.rule, f.quote))
    return out


def test_a_lockdown_notice_draws_one_finding_per_restriction():
    text = ("关于加强人员管控的通告\n"
            "一、自即日起，每户每三天只能派一名家庭成员外出采购。\n"
            "二、全体村民不准串门，不准擅自聚会。\n"
            "三、进入超市须扫码登记，否则一律禁止入内。\n"
            "四、对不听劝阻的，采取行政拘留措施。\n")
    assert powers(text) == [
        ("powers.restrict_person", "每户每三天只能派一名家庭成员外出"),
        ("powers.restrict_person", "村民不准串门"),
        ("powers.restrict_person", "不准擅自聚会"),
        ("powers.restrict_person", "否则一律禁止入内"),
        ("powers.penalty_measure", "采取行政拘留"),
    ]


def test_an_article_quoted_after_an_item_number_is_the_law_speaking():
    text = ("关于禁止野外用火的通告\n"
            "五、根据《森林防火条例》第五十条规定：森林防火期内未经批准擅自在森林防火区内野外用火的，"
            "由区林业局责令停止违法行为，给予警告，对个人并处200元以上3000元以下罚款。\n"
            "六、依据《中华人民共和国治安管理处罚法》第五十条，拒不执行紧急状态下决定、命令的，处警告或者二百元以下罚款；"
            "情节严重的，处五日以上十日以下拘留。\n"
            "七、对违法捕捞的，按《中华人民共和国渔业法》第三十八条：没收渔获物和违法所得，处五万元以下的罚款；"
            "情节严重的，没收渔具。\n")
    assert powers(text) == []


def test_the_same_fine_without_the_article_is_the_documents_own():
    text = ("关于禁止野外用火的通告\n"
            "五、森林防火期内擅自野外用火的，由区林业局对个人并处200元以上3000元以下罚款。\n")
    assert powers(text) == [("powers.penalty", "并处200元以上3000元以下罚款")]


def test_approval_asked_of_private_activity_but_not_of_the_governments_own_plans():
    text = ("一、在城区道路开展促销活动的，须经区城管局批准。\n"
            "二、各乡镇的实施方案须报县政府审定。\n"
            "三、村民建房经镇规划所审核后方能开工。\n")
    assert powers(text) == [
        ("powers.licence_application", "须经区城管局批准"),
        ("powers.licence", "经镇规划所审核后方能开工"),
    ]


def test_withholding_a_subsidy_as_a_sanction_but_not_recovering_one_obtained_by_fraud():
    text = ("一、在禁牧区放养牛羊的，扣除该户当年的草原生态补奖资金。\n"
            "二、以虚报、冒领等手段骗取补贴资金的，由主管部门追回补贴资金。\n")
    assert powers(text) == [("powers.benefit_sanction", "扣除该户当年的草原生态补奖资金")]


def test_an_article_quoted_at_the_end_of_a_line_speaks_on_the_next_line():
    text = ("三、法律责任\n"
            "依据《森林防火条例》第五十条规定：\n"
            "森林防火期内未经批准擅自野外用火的，由县林业局对个人并处200元以上3000元以下罚款。\n"
            "四、违者由乡镇政府处每人50元罚款。\n")
    assert powers(text) == [("powers.penalty", "处每人50元罚款")]


def test_an_article_quoted_after_the_agency_covers_the_whole_item():
    text = ("二、城管部门根据《广东省城市垃圾管理条例》第三十二条第（五）项规定，对居民不按规定排放生活垃圾的，"
            "处以每次50元罚款；擅自倾倒建筑垃圾的，处以每立方米500元罚款。\n"
            "三、擅自倾倒渣土的，由城管部门处以每车1000元罚款。\n")
    assert powers(text) == [("powers.penalty", "处以每车1000元罚款")]


def test_items_under_a_lead_in_that_cites_the_article_restate_the_law():
    cited = ("某县人民政府关于禁止露天焚烧秸秆的通告\n"
             "一、禁止露天焚烧秸秆。\n"
             "二、违反本通告的，依据《中华人民共和国大气污染防治法》第一百一十九条规定，由县生态环境局按以下规定处理：\n"
             "（一）露天焚烧秸秆的，责令改正，并可以处五百元以上二千元以下罚款；\n"
             "（二）焚烧沥青、油毡的，对单位处一万元以上十万元以下罚款。\n")
    assert powers(cited) == []
    quoted = ("某县人民政府关于加强养犬管理的通告\n"
              "一、违反本通告的，依照《某省养犬管理条例》下列规定处罚：\n"
              "第三十条 携犬出户未束犬链的，由公安机关处五十元以上二百元以下罚款。\n")
    assert powers(quoted) == []
    # A lead-in that names no law leaves its items the document's own penalties.
    own = ("某县人民政府关于宝石桥水库禁止钓鱼的通告\n"
           "一、有下列情形之一的，由县环保局会同有关部门依法处理：\n"
           "（一）在库区钓鱼的，责令停止违法行为，处500元以下罚款。\n")
    assert powers(own) == [("powers.penalty", "处500元以下罚款")]


def test_articles_quoted_under_a_statute_title_are_the_law_not_the_notice():
    text = ("某县人民政府关于禁止露天焚烧秸秆的通告\n"
            "一、禁止露天焚烧秸秆。\n"
            "附件：相关法律条款\n"
            "《中华人民共和国治安管理处罚法》\n"
            "第五十条 有下列行为之一的，处警告或者二百元以下罚款；情节严重的，处五日以上十日以下拘留：\n"
            "（一）拒不执行人民政府在紧急状态情况下依法发布的决定、命令的；\n")
    assert powers(text) == []
    # The notice's own articles under its own title in brackets are its own rules.
    own = ("《某县城区养犬管理办法》\n"
           "第一条 为规范养犬行为，制定本办法。\n"
           "第十条 携犬出户未束犬链的，由公安机关处200元罚款。\n")
    assert powers(own) == [("powers.penalty", "处200元罚款")]


def test_a_regulation_may_set_penalties_a_normative_document_may_not():
    text = ("某市菜市场管理条例\n"
            "2020年12月29日某市第十五届人民代表大会常务委员会第三十四次会议通过\n"
            "第一条 为了加强菜市场管理，根据有关法律、法规，结合本市实际，制定本条例。\n"
            "第三十条 擅自关闭菜市场的，由市场监督管理部门责令改正，处一万元以上五万元以下罚款。\n")
    assert powers(text) == []


def test_an_item_that_cites_the_article_before_its_measure_restates_the_law():
    text = ("某县人民政府关于禁止燃放烟花爆竹的通告\n"
            "一、城区范围内禁止燃放烟花爆竹。\n"
            "二、违反本通告燃放的，根据《烟花爆竹安全管理条例》第四十二条第二款规定。由公安部门处100元以上500元以下的罚款。\n"
            "三、违反本通告的，由公安机关依据《烟花爆竹安全管理条例》第四十二条进行处罚，\n"
            "对单位处1万元以上5万元以下罚款。\n"
            "四、在城区燃放孔明灯的，由公安部门处200元罚款。\n")
    assert powers(text) == [("powers.penalty", "处200元罚款")]


def test_a_detention_is_quoted_from_its_verb_not_from_inside_a_word():
    text = "某县关于秸秆禁烧的通告\n一、对露天焚烧秸秆的，由公安部门对当事人处以15日以下行政拘留。\n"
    assert powers(text) == [("powers.penalty", "处以15日以下行政拘留")]


def test_items_run_on_in_one_line_are_judged_each_by_its_own_citation():
    text = ("关于加强禁渔期管理的通告\n"
            "（一）违反禁渔期规定的，依照《中华人民共和国渔业法》第三十八条的规定，没收渔获物；"
            "（二）依照《中华人民共和国渔业法》第三十八条处理；（三）对外来车辆一律劝返；"
            "（四）在禁渔区垂钓的，没收钓具。\n")
    assert powers(text) == [("powers.restrict_person", "一律劝返"), ("powers.penalty_measure", "没收钓具")]


def test_a_law_leading_into_its_own_list_keeps_the_list_on_a_run_on_line():
    text = ("关于疫情防控的通告\n"
            "根据《中华人民共和国传染病防治法》第四十二条：（一）限制或者停止集市、影剧院演出；（二）停工、停业、停课；"
            "（三）封闭可能造成传染病扩散的场所。\n")
    assert powers(text) == []


def test_a_local_document_named_as_basis_and_the_criminal_tail_hide_nothing():
    text = ("某镇人民政府关于加强集镇管理的通告\n"
            "一、按照《某镇人民政府关于加强集镇管理的决定》，对占道摊点一律强制清除。\n"
            "二、依据《中华人民共和国森林法》，对林区内的违章建筑一律强制拆除。\n"
            "三、擅自野外用火的，处200元罚款，情节严重的处三年以下有期徒刑或者拘役。\n"
            "四、依照《中华人民共和国渔业法》第三十八条的规定，没收渔获物。\n")
    assert powers(text) == [("powers.coercion", "一律强制清除"), ("powers.coercion", "一律强制拆除"),
                            ("powers.penalty", "处200元罚款")]


def test_a_county_document_cited_by_article_at_a_lines_head_is_no_law_speaking():
    text = ("某县人民政府关于加强城区管理的通告\n"
            "违反本通告的，依照《某县城区管理办法》第十条，处200元罚款。\n"
            "违反本通告的，根据《某县人民政府关于加强集镇管理的决定》第五条，一律扣留车辆。\n"
            "在河道内倾倒垃圾的，依照《中华人民共和国水法》第六十五条，处五万元罚款。\n")
    assert powers(text) == [("powers.penalty", "处200元罚款"), ("powers.penalty_measure", "一律扣留")]


def test_a_pointer_to_the_law_guards_its_own_clause_not_the_measure_the_next_one_fixes():
    text = ("关于整治非法营运的通告\n"
            "一、对非法营运的，依法处理，并一律扣留车辆。\n"
            "二、由县交通运输局依法处理。\n"
            "三、情节严重的，依法吊销其经营许可证。\n")
    assert powers(text) == [("powers.penalty_measure", "一律扣留")]


def test_a_fee_table_and_a_refunded_deposit_are_fees_the_notice_sets():
    text = ("关于生活垃圾处理的通知\n"
            "一、沿街门店150元/间/年\n"
            "二、流动摊点按每天2元收取\n"
            "三、建房户须交纳建房保证金5000元，竣工验收合格后全额退还。\n"
            "四、不得向农户收取其他任何押金。\n")
    assert powers(text) == [("powers.fee", "150元/间/年"), ("powers.fee", "按每天2元收取"),
                            ("powers.fee", "须交纳建房保证金5000元，竣工验收合格后全额退还")]


def test_the_documents_own_lead_in_to_its_rules_leaves_its_items_its_own():
    text = ("某县人民政府关于加强河道管理的规定\n"
            "根据《中华人民共和国水法》等法律法规，结合本县实际，特作如下规定：\n"
            "（一）在河道内采砂的，由县水利局处五千元罚款。\n"
            "（二）在河道管理范围内倾倒垃圾的，一律没收运输工具。\n")
    assert powers(text) == [("powers.penalty", "处五千元罚款"), ("powers.penalty_measure", "一律没收运输工具")]


def test_an_item_citing_a_county_rule_by_article_is_the_documents_own_measure():
    text = ("某县人民政府关于加强集镇管理的通告\n"
            "一、禁止占道经营。\n"
            "（一）违反本通告的，依照《某县集镇管理办法》第八条，由城管部门处二百元罚款。\n")
    assert powers(text) == [("powers.penalty", "处二百元罚款")]


def test_the_documents_own_sentence_after_a_quoted_article_on_its_line_speaks():
    text = ("某县人民政府关于禁止在水库垂钓的通告\n"
            "一、违反本通告的，依照《中华人民共和国渔业法》第三十八条的规定，处五万元以下罚款。对违规垂钓的，一律没收钓具。\n")
    assert powers(text) == [("powers.penalty_measure", "一律没收钓具")]


def test_a_law_named_without_its_article_grants_no_measure_but_its_article_does():
    text = ("关于加强市容管理的通告\n"
            "一、根据《城市市容和环境卫生管理条例》，沿街每户每年缴纳卫生费60元。\n"
            "二、根据《传染病防治法》，对所有外来人员一律劝返。\n"
            "三、依照《全国人民代表大会常务委员会关于全面禁止非法野生动物交易的决定》，禁止食用野生动物。\n"
            "四、依照《中华人民共和国传染病防治法》第三十九条的规定，对密切接触者实施医学观察。\n")
    assert [rule for rule, _ in powers(text)] == ["powers.fee", "powers.restrict_person"]


def test_village_rules_that_keep_contracted_land_and_sanctions_within_the_village():
    text = ("村规民约\n"
            "一、承包户不得将土地流转给外村人员。\n"
            "二、在同等条件下，本集体经济组织成员享有土地经营权流转的优先权。\n"
            "三、如违犯上述规定，不得享受村上的养老补助和村集体的各项收益分配。\n"
            "四、被暂扣车辆的停车保管费由车主承担。\n")
    assert [rule for rule, _ in powers(text)] == ["powers.transfer_ban", "powers.benefit_sanction", "powers.fee"]
