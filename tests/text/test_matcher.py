"""The lexicon matcher's mechanisms: sentences, one finding per violating clause, guards scoped to the clause,
the lawful-basis vocabulary, quoted law text, and quotes mapped back to the text as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

from reviewtools.analyze import sentences, wraps
from reviewtools.data.rules import expand, parse_rule
from reviewtools.review import review_text
from reviewtools.settings import Settings
from reviewtools.text.literals import Words
from reviewtools.text.matcher import FEW, Automaton, Lexicon, Prefilter, finder, violations
from reviewtools.text.normalize import Normalized, normalize


def make_rule(patterns: list[str], unless: tuple[str, ...] = (), anchors: tuple[str, ...] = ("罚款",)):
    return parse_rule({"id": "powers.test", "category": "powers", "title": "测试", "severity": "error", "basis": "测试",
                       "message": "测试", "suggestion": "测试", "must": ["x"], "must_not": ["y"],
                       "anchors": list(anchors), "patterns": patterns, "unless": list(unless)}, "test")


FINE = make_rule(['(?P<q>处[^，。；]{0,12}?罚款)'], unless=("{UPPER_BASIS}", "{FORBID}"))


def spans_of(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_run_on_text_splits_at_numbered_items():
    text = "奖励办法如下：（一）对企业给予奖励（2）对外地企业收费1.实施计划2、实施头雁如下：一、总体要求①按时申报第一章总则第一条为了规范"
    assert spans_of(text) == ["奖励办法如下：", "（一）对企业给予奖励", "（2）对外地企业收费", "1.实施计划", "2、实施头雁如下：",
                              "一、总体要求", "①按时申报", "第一章总则", "第一条为了规范"]


def test_references_to_items_numbers_and_words_are_not_item_starts():
    text = "依照《某条例》第十条的规定，按第八条第（一）项处理，按1.5倍计，1、2月份统一、规范，第三条规定的事项"
    assert spans_of(text) == [text]


def test_line_breaks_end_items_but_not_a_title_a_bare_number_or_a_continuation():
    text = "根据《\n某某法》制定\n（五）\n在道路上摆摊的\n，处罚款\n二、总则\n一行"
    assert spans_of(text) == ["根据《\n某某法》制定\n", "（五）\n在道路上摆摊的\n，处罚款\n", "二、总则\n", "一行"]


def test_sentence_ends_keep_their_closing_quote():
    assert spans_of("他说“不得收费。”然后；最后") == ["他说“不得收费。”", "然后；", "最后"]


def test_two_violating_clauses_give_two_findings():
    sentence = "对单位处一万元以上十万元以下的罚款，对个人处五百元以下罚款。"
    assert [sentence[s:e] for s, e in violations(FINE, FINE.patterns, sentence)] == [
        "处一万元以上十万元以下的罚款", "处五百元以下罚款"]
    assert violations(FINE, FINE.patterns, sentence) == [(3, 17), (21, 29)]


def test_matches_sharing_a_clause_give_one_finding_spanning_them():
    rule = make_rule(['(?P<q>处[^，。；]{0,12}?罚款)', '(?P<q>万元以上[^，。；]{0,12}?罚款)', '没收[^，。；]{0,6}?工具'])
    sentence = "违者处一万元以上三万元以下罚款并没收作案工具，情节严重的，处三万元罚款"
    assert [sentence[s:e] for s, e in violations(rule, rule.patterns, sentence)] == [
        "处一万元以上三万元以下罚款并没收作案工具", "处三万元罚款"]


def test_a_guard_in_a_far_clause_does_not_cancel():
    sentence = "依照《中华人民共和国行政许可法》第十二条，结合本区实际，经研究决定，对占道经营的，处五百元罚款。"
    assert [sentence[s:e] for s, e in violations(FINE, FINE.patterns, sentence)] == ["处五百元罚款"]


def test_a_named_law_in_the_clause_before_guards():
    sentence = "依照《中华人民共和国道路交通安全法》第九十条的规定，处二百元罚款。"
    assert violations(FINE, FINE.patterns, sentence) == []
    assert violations(FINE, FINE.patterns, "违者，依照《某某市市容管理条例（2019年修订）》处二百元罚款") == []


def test_vague_basis_and_yifa_alone_do_not_guard():
    basis = re.compile(expand("{UPPER_BASIS}"))
    for vague in ("依法处二百元罚款", "根据有关法律法规的规定，处二百元罚款", "依照相关法律、行政法规，处二百元罚款",
                  "按照《关于加强市容管理的通知》，处二百元罚款"):
        assert not basis.search(vague), vague
        assert [vague[s:e] for s, e in violations(FINE, FINE.patterns, vague)] == ["处二百元罚款"], vague
    m = basis.search("对违法行为，依照《中华人民共和国行政处罚法》第二十八条第一款规定处理")
    assert m.group() == "依照《中华人民共和国行政处罚法》第二十八条第一款"


def test_a_prohibition_is_lawful():
    rule = make_rule(['要求[^，。；]{0,10}?设立分支机构'], unless=("{FORBID}",), anchors=("分支机构",))
    assert violations(rule, rule.patterns, "各部门不得要求外地企业在本地设立分支机构。") == []
    assert violations(rule, rule.patterns, "招标人要求外地企业在本地设立分支机构。") == [(3, 18)]


def test_a_line_quoting_an_article_of_a_law_is_not_the_documents_rule():
    text = ("四、法律责任\n《中华人民共和国渔业法》第三十八条：违反禁渔期规定进行捕捞的，没收渔获物，处五万元以下的罚款；"
            "情节严重的，处十万元以下的罚款\n对在禁渔区钓鱼的，处二百元罚款")
    norm = normalize(text)
    hits = list(Lexicon([FINE]).scan(norm.text, sentences(norm.text)))
    assert [norm.text[h.start:h.end] for h in hits] == ["处二百元罚款"]


def test_quotes_map_back_to_the_text_as_written():
    text = "一、违者处 1000 元罚款， 对个人处５００元以下罚款"
    norm = normalize(text)
    hits = list(Lexicon([FINE]).scan(norm.text, sentences(norm.text)))
    assert [text[slice(*norm.span(h.start, h.end))] for h in hits] == ["处 1000 元罚款", "处５００元以下罚款"]
    assert [norm.span(h.start, h.end) for h in hits] == [(4, 14), (19, 28)]


def test_review_quotes_every_violating_clause_of_a_sentence():
    text = "对违规堆放物品的单位，处五千元以上一万元以下罚款，对个人处五百元以上一千元以下罚款。"
    review = review_text(text, Settings())
    found = [(f.quote, f.start, f.end) for f in review.findings if f.rule == "powers.penalty"]
    assert found == [("处五千元以上一万元以下罚款", 11, 24), ("处五百元以上一千元以下罚款", 28, 41)]


def test_few_first_characters_take_an_automaton_many_take_words_and_both_find_the_same():
    few = ["一", "注册", "注册地"]
    many = [*few, *(chr(0x4E00 + 2 * n) + "甲" for n in range(FEW))]
    assert isinstance(finder(few), Automaton) and isinstance(finder(many), Words)
    text = "乎A一在本地注册地\U00020000注册"
    for words in (few, many):
        found = [sorted(zip(*(a.tolist() for a in f.positions(text)), strict=True)) for f in (Automaton(words), Words(words))]
        assert found[0] == found[1] == [(2, 0), (7, 1), (8, 2), (11, 1)]
    assert [a.tolist() for a in Automaton([]).positions("注册")] == [[], []]


def test_required_sets_are_cached_and_a_damaged_cache_is_recomputed(tmp_path, monkeypatch):
    import pickle
    import re as regex

    from reviewtools.text.literals import cached_sets, required_sets

    monkeypatch.setenv("REVIEWTOOLS_CACHE", str(tmp_path))
    patterns = [regex.compile("由[^，]{0,9}处(?:罚款|警告)"), regex.compile(".*")]
    wanted = [required_sets(p) for p in patterns]
    assert wanted == [(frozenset({"处罚款", "处警告"}), frozenset({"由"})), ()]
    assert cached_sets(patterns) == wanted
    (stored,) = (tmp_path / "literals").iterdir()
    assert cached_sets(patterns) == wanted  # read back from the file
    stored.write_bytes(b"\x80\x05[1, 2")  # a damaged pickle
    assert cached_sets(patterns) == wanted
    stored.write_bytes(pickle.dumps([]))  # a sound pickle of the wrong shape
    assert cached_sets(patterns) == wanted


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    import re as regex

    from reviewtools.text.literals import cached_sets, required_sets

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REVIEWTOOLS_CACHE", str(blocker / "cache"))  # under a file: nothing can be written
    pattern = regex.compile("处(?:罚款|警告)")
    assert cached_sets([pattern]) == [required_sets(pattern)]


def _competition_quotes(text: str) -> list[str]:
    return [f.quote for f in review_text(text, Settings()).findings
            if f.category == "competition" and f.severity in ("error", "warning")]


def test_items_of_a_list_a_lead_in_forbids_draw_no_competition_finding():
    banned = ("招标人有下列行为之一的，属于以不合理条件限制、排斥潜在投标人：\n（一）限定或者指定特定的专利、商标、品牌或者供应商；\n"
              "（二）要求投标人在本县设立分公司。\n")
    assert _competition_quotes(banned) == []
    assert _competition_quotes("政策措施不得含有下列内容：\n1.按企业缴纳税收的地方留成部分给予奖励。\n") == []


def test_items_of_a_list_that_grants_are_found_and_a_ban_does_not_reach_past_its_list():
    granted = "现将优惠政策明确如下：\n1.按企业缴纳税收的地方留成部分给予奖励。\n"
    assert _competition_quotes(granted) == ["按企业缴纳税收的地方留成部分给予奖励"]
    after = "不得含有下列内容：\n（一）限定交易；\n第二条 投标人须在本县设立分公司。\n"
    assert _competition_quotes(after) == ["须在本县设立分公司"]


def test_items_of_a_penalty_list_restate_forbidden_conduct():
    text = ("行政机关工作人员有下列行为之一的，由有关机关依法给予处分：\n（一）为用户指定消防产品的品牌、销售单位；\n"
            "（二）向市场主体收取的保证金不予退还的。\n")
    assert _competition_quotes(text) == []


def test_a_local_measure_cited_by_article_does_not_quiet_competition_rules():
    assert _competition_quotes("依据《某区产业扶持资金管理办法》第五条，对在本区注册的企业给予补助。\n") == ["在本区注册的企业"]
    assert _competition_quotes("《中华人民共和国招标投标法实施条例》第三十二条：限定或者指定特定的品牌或者供应商。\n") == []


def test_required_sets_spell_fixed_items_together_and_come_cheapest_first():
    from reviewtools.text.literals import cost, required_literals, required_sets

    sets = required_sets(re.compile("(?:须|必须)在本[市县][^，。]{0,8}?(?:设立|注册)分公司"))
    assert sets[0] == frozenset({"设立分公司", "注册分公司"})  # the longest: the rarest
    assert frozenset({"须在本市", "须在本县", "必须在本市", "必须在本县"}) in sets
    assert [cost(s) for s in sets] == sorted(cost(s) for s in sets)
    assert required_literals(re.compile("(?:罚款|罚金)")) == frozenset({"罚款", "罚金"})  # 罚[款金] as parsed
    assert required_sets(re.compile("(?i)fee")) == ()  # case folded: no literal is certain
    assert required_sets(re.compile("[^，]+")) == ()


def test_a_pattern_runs_only_where_its_anchor_and_all_its_required_sets_meet_in_one_sentence():
    rule = make_rule(["(?P<q>在本市[^，。]{0,6}?设立分公司)"], anchors=("分支",))
    lexicon = Lexicon([rule])

    def quotes(text: str) -> list[str]:
        return [text[h.start:h.end] for h in lexicon.scan(text, sentences(text))]

    assert quotes("须在本市设立分公司或分支机构。") == ["在本市设立分公司"]
    assert quotes("须在本市设立分公司。分支机构另行规定。") == []  # the anchor is in another sentence
    assert quotes("分支机构另行规定。须在本市设立分公司。") == []
    assert quotes("分支机构须在本县设立分公司。") == []  # 本市 missing: the pattern never runs
    # An anchor counts for the sentence its last character is in, as one automaton over the anchors reports it.
    assert quotes("分。支机构须在本市设立分公司") == []
    assert quotes("分\n支机构须在本市设立分公司") == []
    rule = make_rule(["(?P<q>在本市[^，。]{0,6}?设立分公司)"], anchors=("。分",))
    assert [h.start for h in Lexicon([rule]).scan("甲。分须在本市设立分公司", [(0, 2), (2, 13)])] == [4]


def test_the_lexicon_tables_are_cached_by_content_and_a_damaged_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWTOOLS_CACHE", str(tmp_path))
    text = "对违规的单位处五千元罚款。"
    expected = [(h.start, h.end) for h in Lexicon([FINE]).scan(text, sentences(text))]
    assert expected == [(6, 12)]
    built = Lexicon.cached([FINE])
    (stored,) = (tmp_path / "lexicon").iterdir()
    loaded = Lexicon.cached([FINE])  # read back
    assert [(h.start, h.end) for h in loaded.scan(text, sentences(text))] == expected
    assert [(h.start, h.end) for h in built.scan(text, sentences(text))] == expected
    other = make_rule(['(?P<q>处[^，。；]{0,12}?罚款)'], anchors=("处",))  # other anchors: another file
    assert [(h.start, h.end) for h in Lexicon.cached([other]).scan(text, sentences(text))] == expected
    assert len(list((tmp_path / "lexicon").iterdir())) == 2
    stored.write_bytes(b"not a pickle")
    assert [(h.start, h.end) for h in Lexicon.cached([FINE]).scan(text, sentences(text))] == expected



def test_a_ban_governs_the_clauses_that_go_on_with_its_list():
    rule = make_rule(['(?P<q>限制(?:外地|本地)商品[^，。；]{0,12})'], unless=("不得滥用行政权力",), anchors=("限制",))
    banned = "不得滥用行政权力，限制外地商品进入本地市场，或者限制本地商品流向外地市场。"
    assert violations(rule, rule.patterns, banned) == []
    own = "对外地车辆设卡检查，或者限制外地商品进入本地市场。"
    assert [own[s:e] for s, e in violations(rule, rule.patterns, own)] == ["限制外地商品进入本地市场"]
    # A clause that does not go on with the ban's list is out of its reach two clauses on.
    apart = "不得滥用行政权力，对本地企业给予奖励，限制外地商品进入本地市场。"
    assert [apart[s:e] for s, e in violations(rule, rule.patterns, apart)] == ["限制外地商品进入本地市场"]

# A notice hard-wrapped at 24 characters, as a .txt saved from a portal or a mail often is.
WRAPPED = ("为维护城市道路通行秩序，保障行人安全，现就整治占道\n"
           "经营有关事项通告如下：\n"
           "一、禁止在城区主次干道两侧及人行道上摆摊设点，对在道\n"
           "路上摆摊设点的，由城管部门处五百元以上二千元以下罚\n"
           "款，并没收其经营工具。\n"
           "二、禁止在人行道上停放机动车辆，违者由公安交警部门依\n"
           "法处理，情节严重的予以扣留，所需费用由车主自行承担。\n"
           "三、本通告自发布之日起施行。\n")


def _wrapped_view(text: str) -> tuple[list[str], Normalized]:
    norm = normalize(text, breaks=wraps(text))
    return [text[slice(*norm.span(s, e))] for s, e in sentences(norm.text)], norm


def test_a_hard_wrapped_text_is_cut_into_sentences_not_lines():
    spans, norm = _wrapped_view(WRAPPED)
    assert spans == [
        "为维护城市道路通行秩序，保障行人安全，现就整治占道\n经营有关事项通告如下：\n",
        "一、禁止在城区主次干道两侧及人行道上摆摊设点，对在道\n路上摆摊设点的，由城管部门处五百元以上二千元以下罚\n款，并没收其经营工具。",
        "二、禁止在人行道上停放机动车辆，违者由公安交警部门依\n法处理，情节严重的予以扣留，所需费用由车主自行承担。",
        "三、本通告自发布之日起施行。"]
    hits = list(Lexicon([FINE]).scan(norm.text, sentences(norm.text)))
    assert [WRAPPED[slice(*norm.span(h.start, h.end))] for h in hits] == ["处五百元以上二千元以下罚\n款"]
    assert wraps(WRAPPED.replace("\n", "\n" * 2)) == []  # a blank line between is a paragraph's end


def test_lines_of_a_text_that_is_not_wrapped_stay_sentences():
    text = ("关于整治占道经营的通告\n"
            "为维护城市道路通行秩序，保障行人安全，特通告如下\n"
            "一、禁止在人行道上摆摊设点\n"
            "二、对在道路上摆摊设点的，由城管部门处罚款，并没收其经营工具\n"
            "三、本通告自发布之日起施行\n")
    assert wraps(text) == [] and _wrapped_view(text)[0] == [line + "\n" for line in text.splitlines()]


def test_a_hard_wrapped_notice_draws_the_findings_of_the_same_notice_unwrapped():
    settings = Settings(as_of=date(2026, 12, 1))
    wrapped, flat = (review_text(t, settings).findings for t in (WRAPPED, WRAPPED.replace("\n", "")))
    assert [(f.rule, f.quote and f.quote.replace("\n", "")) for f in wrapped] == [(f.rule, f.quote) for f in flat]
    assert [f.quote for f in wrapped if f.rule == "powers.penalty"] == ["处五百元以上二千元以下罚\n款"]


def test_prefilter_windows_reach_back_as_far_as_the_widest_match_and_keep_lookbehinds():
    patterns = [re.compile("[甲乙]{0,3}工商局"), re.compile("(?<!国家)工商(?:行政管理)?局"), re.compile("计委(?!员)")]
    text = "某" * 80 + "乙乙乙工商局，国家工商局；县工商行政管理局，计委员会和计委。"
    found = [(i, m.span(), m.group()) for i, m in Prefilter(patterns).finditer(text)]
    everywhere = [(i, m.span(), m.group()) for i, p in enumerate(patterns) for m in p.finditer(text)]
    assert found == everywhere
    assert [(i, g) for i, _, g in found if i != 0] == [(1, "工商局"), (1, "工商行政管理局"), (2, "计委")]
    assert found[0][2] == "乙乙乙工商局"  # all of it, from three characters before its literal


def test_a_prefilter_is_kept_under_one_key_whatever_the_string_hash_seed(tmp_path):
    words = "工商局|质监局|物价局|计委|经贸委|人事局|劳动局|文化局|卫生局|农业局"
    code = f"import re; from reviewtools.text.matcher import Prefilter; Prefilter([re.compile('(?:{words})')])"
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "REVIEWTOOLS_CACHE": str(tmp_path)}
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert len(list((tmp_path / "prefilter").glob("*.pickle"))) == 1


def test_rules_that_share_a_bit_modulo_64_still_gate_each_on_its_own_anchors():
    # Rule k: anchor 甲<c_k>, pattern 处<c_k>罚款; rules 0 and 64, 1 and 65 share the bit of the hits' first gate.
    marks = [chr(0x4E00 + k) for k in range(66)]
    rules = [make_rule([f"(?P<q>处{c}罚款)"], anchors=(f"甲{c}",)) for c in marks]
    lexicon = Lexicon(rules)
    text = (f"甲{marks[64]}须处{marks[0]}罚款。甲{marks[0]}须处{marks[64]}罚款。"  # each pattern where the other's anchor is
            f"甲{marks[65]}须处{marks[65]}罚款，处{marks[1]}罚款。")  # rule 65 breaks; rule 1 has no anchor here
    found = [(marks.index(h.rule.anchors[0][1]), text[h.start:h.end]) for h in lexicon.scan(text, sentences(text))]
    assert found == [(65, f"处{marks[65]}罚款")]
    alone = [(k, text[h.start:h.end]) for k, rule in enumerate(rules) for h in Lexicon([rule]).scan(text, sentences(text))]
    assert alone == found
