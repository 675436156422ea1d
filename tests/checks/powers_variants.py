"""Variants of a powers sentence, rewritten the ways real drafts vary (metamorphic tests).

A draft that fines says 由县城管执法局处二百元罚款 in one county, 相关部门将每次罚款200元 in the next and
违反者，视情节处以200至500元罚款 in a third; a licence is 须经…批准方可, 需经…同意后方能 or 凭…证才能. Each
family below is one slot of a sentence and the wordings that fill it: `variants(sentence)` rewrites the first
slot of every family that the sentence has, once for each other wording, and inserts the modifiers drafts add
(原则上, 一律, 一经发现, 按规定, 视情节); `punctuation` writes it with half-width punctuation and full-width
digits, `spaced` with the spaces of text extracted from a PDF. Every variant means what the sentence means, so a rule that flags the sentence must flag the variant,
and a sentence the rules leave alone (依照《…法》第…条的规定处罚, 不得…) stays alone when rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_DIGITS = "0-9一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟零〇."
_NUM = f"[{_DIGITS}]+"
# An amount a penalty names: 200元, 二百元以下, 200-500元, 五百元以上一千元以下, 每天200元.
AMOUNT = (f"(?:每(?:次|天|日|人|起|辆|平方米|户))?{_NUM}(?:元|万元)(?:以上)?"
          f"(?:(?:[至到\\-—~]|以上){_NUM}(?:元|万元))?(?:以下)?")
_CLAUSE = "[^，。；]"
# What makes a condition an offence.
_OFFENCE = "(?:违反|违者|擅自|未经|私自|乱|非法|拒不|拒绝|不按|不听)"


@dataclass(frozen=True)
class Family:
    """One slot of a sentence (`slot`, a regex) and the wordings that fill it (`fills`: str.format templates over
    the slot's named groups)."""
    name: str
    slot: re.Pattern[str]
    fills: tuple[str, ...]

    def rewrite(self, sentence: str) -> Iterator[str]:
        m = self.slot.search(sentence)
        if not m:
            return
        groups = {k: v or "" for k, v in m.groupdict().items()}
        for fill in self.fills:
            new = sentence[:m.start()] + fill.format(**groups) + sentence[m.end():]
            if new != sentence:
                yield new


def _family(name: str, slot: str, *fills: str) -> Family:
    return Family(name, re.compile(slot), fills)


def _swap(name: str, words: tuple[str, ...], before: str = "", after: str = "") -> Family:
    """A family whose wordings stand for each other wherever one of them stands (longest first)."""
    alts = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return _family(name, f"{before}(?:{alts}){after}", *words)


# Verbs of a penalty or a measure that an actor's phrase leads to.
_MEASURE = ("(?:依法)?(?:予以|给予|对其|一律|每次)?(?:处(?!理)|罚款?[0-9一二三四五六七八九十百每]|没收|暂扣|扣押|扣留|收缴|拆除|强制拆除"
            "|取缔|查封|清除|拖离|责令)")

FAMILIES: tuple[Family, ...] = (
    # Who punishes: a named agency, a kind of agency, any agency, or no one named (…将).
    _family("actor", f"由(?:[^，。；由]{{1,14}}?)(?:执法局|执法部门|部门|局|所|中队|大队|执法队|机关|政府|办事处)"
                     f"(?:等部门)?(?={_CLAUSE}{{0,6}}?{_MEASURE})",
            "由县城管执法局", "由有关部门", "由相关部门", "由执法部门", "由城管、公安等部门", "执法部门将", "有关部门将",
            "由镇人民政府", "由街道综合执法队"),
    # How a fine is said, whatever its amount.
    _family("fine_verb", f"(?:并处|处以|处|予以|给予)(?P<a>{AMOUNT})(?:的)?罚款|(?:罚款|罚)(?P<b>{AMOUNT})(?!罚)",
            "处{a}{b}罚款", "处以{a}{b}罚款", "并处{a}{b}罚款", "罚款{a}{b}", "罚{a}{b}", "予以{a}{b}罚款",
            "处以罚款{a}{b}", "按{a}{b}罚款"),
    # The amount: fixed, in words, a range, a ceiling, a band, per day, per time, per square metre.
    _family("amount", f"(?<=处|以|罚|款){AMOUNT}(?=的?罚款|[，。；]|$)",
            "200元", "二百元", "200-500元", "200至500元", "500元以下", "五百元以上一千元以下", "每天200元",
            "每次200元", "每平方米200元"),
    # Detention, however long and however said.
    _family("detain", "(?:处以?|予以|给予)?(?P<n>[0-9一二三四五六七八九十]+)(?:日|天)(?:以下)?(?:的)?(?:行政|治安)?拘留"
                      "|(?:行政)?拘留(?P<m>[0-9一二三四五六七八九十]+)(?:日|天)",
            "处{n}{m}日以下拘留", "拘留{n}{m}日", "予以行政拘留{n}{m}天", "处{n}{m}日行政拘留"),
    # A levy per household and period.
    _family("rate", "每(?P<u>户|人|间|摊位?|辆)每(?P<t>年|月|天)(?:收取|缴纳|交纳|收费)?(?P<n>[0-9]+)元",
            "每{u}每{t}{n}元", "每{u}每{t}收取{n}元", "{n}元/{u}/{t}", "每{u}每{t}缴纳{n}元"),
    # Who broke the rule.
    _family("offender", "^(?:违者|违反者)，?",
            "违者", "违反者，", "对违反本通告的，", "凡违反本规定的，", "违反本通告的，", "经查实违反本通告的，", "对违规者，",
            "违规者"),
    _family("condition", f"^(?:对|凡)?(?P<c>(?![^，。；]*?(?:《|依照|依据|根据|按照|不得)){_CLAUSE}{{2,30}}?)的，",
            "{c}的，", "对{c}的，", "凡{c}的，"),
    # An offence found out (only where the condition is one: 违反…, 擅自…, 未经…).
    _family("caught", f"^(?:对|凡|发现|经查实|一经发现)?(?P<c>(?=[^，。；]*?{_OFFENCE})"
                      f"(?![^，。；]*?(?:《|依照|依据|根据|按照|不得)){_CLAUSE}{{2,30}}?)的，(?!不得|禁止|严禁)",
            "发现{c}的，", "经查实{c}的，", "一经发现{c}的，"),
    # What coercion takes, removes or closes.
    # (收缴 and 清理 also collect fees and clear up policies: they fill the slot but never mark it.)
    _family("seize", "(?:暂扣|扣押|扣留|没收)", "暂扣", "扣押", "扣留", "没收", "收缴", "查扣"),
    _family("remove", "(?<!代为)(?<!自行)(?<!及时)(?<![未不])(?:强制拆除|拆除|清除)", "拆除", "强制拆除", "强行拆除", "清除", "清理"),
    _swap("close", ("取缔", "查封")),
    _swap("substitute", ("代为清除", "代为清理", "代为拆除", "代为清运")),
    # Licences and their conditions.
    _swap("then", ("方可", "方能", "方准", "才能", "才可", "后方可", "后才能"), before="(?<!后)"),
    _swap("approve", ("批准", "审批", "同意", "审核同意", "核准"), before="(?<![不未])(?<!审核)",
          after="(?=(?:后)?，?(?:方可|方能|才能|才可))"),
    _family("unapproved", "(?<=未经)(?P<x>[^，。；]{1,15}?)(?:批准|同意|许可|审批)(?!手续)",
            "{x}批准", "{x}同意", "{x}许可", "{x}审批"),
    _swap("through", ("须经", "需经", "必须经", "应当经", "经"), before="(?<![须需未不])(?<!必须)(?<!应当)(?<!已)",
          after=f"(?![营济费常过销])(?={_CLAUSE}{{1,16}}?(?:批准|审批|同意|许可|审核))"),
    _swap("holding", ("持", "凭", "持有"), before="(?<![支主坚])", after=f"(?!有)(?={_CLAUSE}{{0,14}}?证)"),
    # Fees and deposits: the payer's verb, the collector's verb, the deposit's name.
    _swap("pay", ("缴纳", "交纳", "缴交", "缴", "交"), before="(?<![上提移递])(?<!收)",
          after=f"(?![纳给])(?={_CLAUSE}{{0,12}}?(?:费|保证金|押金|风险金))"),
    _swap("collect", ("收取", "收缴", "征收"), after=f"(?={_CLAUSE}{{0,12}}?(?:费|保证金|押金|风险金))"),
    _swap("deposit", ("保证金", "押金", "风险金", "风险抵押金"), before="(?<!抵押)(?<!风险)"),
    _swap("fee_name", ("管理费", "服务费", "卫生费", "保洁费"), before="(?<![物理])"),
    # Certificates: what the applicant hands in, what someone else issues.
    _swap("hand_in", ("提供", "提交", "出示"), after=f"(?={_CLAUSE}{{0,16}}?证明)"),
    _swap("issue", ("出具", "开具"), after=f"(?={_CLAUSE}{{0,16}}?证明)"),
    # The duty itself.
    _swap("must", ("须", "必须", "应当", "一律", "要", "需", "均须"), before="(?<![必需无只急])(?<!一律)",
          after="(?![要求知])(?=[经持凭缴交向到办取在于按报]|提(?:供|交|出))"),
)

# Modifiers drafts put in front of the measure or the duty.
_INSERTS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("一经发现", re.compile(f"^((?![发经])(?=[^，。；]*?{_OFFENCE})[^，。；]{{2,30}}?的，)(?!一经|不得|禁止|严禁)"),
     "\\1一经发现，"),
    ("视情节", re.compile("(?<![并可])(处以?|罚款)(?=[0-9一二三四五六七八九十百每])"), "视情节\\1"),
    ("按规定", re.compile("^(?![^。；]*?按)([^。；]*?)(?<!违规)(?<!擅自)(?<!一起)(?<!予以)(处以?(?=[0-9一二三四五六七八九十百每])|收取|缴纳|交纳|没收|暂扣|扣押)"),
     "\\1按规定\\2"),
    ("一律", re.compile("(?<!一律)(?<![必予未决以])(没收|暂扣|扣押|取缔|拆除|须经|须)(?![知要])"), "一律\\1"),
    ("原则上", re.compile("(?<![必需无])(须|必须|应当|需)(?=[经持凭缴交向到提办取报])"), "原则上\\1"),
)

_HALF = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"}
                      | {chr(ord("0") + i): chr(ord("０") + i) for i in range(10)})


def punctuation(sentence: str) -> str:
    """Half-width punctuation and full-width digits, as drafts typed on another keyboard have them."""
    return sentence.translate(_HALF)


def spaced(sentence: str) -> str:
    """Spaces around numbers and after commas, as text extracted from a PDF has them."""
    return re.sub("([0-9]+)", " \\1 ", sentence).replace("，", "， ")


def variants(sentence: str) -> list[tuple[str, str]]:
    """(family, variant) for every rewriting of the sentence, each variant once and none equal to the sentence."""
    out: dict[str, str] = {}
    for family in FAMILIES:
        for new in family.rewrite(sentence):
            out.setdefault(new, family.name)
    for name, slot, fill in _INSERTS:
        new = slot.sub(fill, sentence, count=1)
        if new != sentence:
            out.setdefault(new, name)
    for name, layout in (("punctuation", punctuation), ("spaced", spaced)):
        new = layout(sentence)
        if new != sentence:
            out.setdefault(new, name)
    return [(name, text) for text, name in out.items()]
