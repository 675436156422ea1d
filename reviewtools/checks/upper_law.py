"""制定依据: the basis clause, the level of what it cites, and titles the catalogue does not know."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from reviewtools.analyze import Analysis, Finding
from reviewtools.analyze.resolve import is_lawlike, resolve
from reviewtools.extract.citations import Citation
from reviewtools.extract.kinds import RULE_KINDS
from reviewtools.text import regex_cache
from reviewtools.text.titles import PRC, law_key


def _each(heads: str, tail: str) -> str:
    """(?:A|B…)tail written A tail|B tail…: the same matches in the same order, and every alternative of a
    pattern so written opens with a literal, which lets the engine skip to their first characters at C speed
    instead of trying the whole alternation at every position of the text (a few times slower on a body). The
    tail holds no | outside a group."""
    return "|".join(head + tail for head in heads.split("|"))


# Here too every alternative opens with a literal (not a group, nor a class), and in _RESTS_ON.
_BASIS = regex_cache.compile(r"(?:根据|依据|依照|按照|贯彻|落实|实施(?=《)|执行(?=《))")
# A sentence of the head, ending after its 。 or line break: what splitting after them gives, found at C speed (a
# split at a look-behind tries it at every position).
_HEAD_SENTENCE = regex_cache.compile(r"[^。\n]*[。\n]|[^。\n]+")
_ENACT = regex_cache.compile(r"制定本|特制定|现制定|制定如下|作如下规定|结合[^。]{0,20}实际|现就[^。]{0,30}(?:通知|意见)如下"
                             r"|现将[^。]{0,20}(?:通告|公告)如下|特(?:发布|作)如下(?:通告|公告)|" + _each("现|特|特此", "(?:通告|公告)如下"))
# Sending the document itself out (现将《…》印发给你们，请认真贯彻执行) is not its basis.
_SENDING = regex_cache.compile(r"现将[^。]{0,80}(?:印发|转发|下发)给|印发给你们|转发给你们")
# A basis that names nothing: 根据有关法律法规 / 按照国家有关规定 / 依据相关政策 / 根据上级要求 / 根据预算管理有关规定 /
# 根据法律、法规的规定 / 按照省委、省政府的决策部署 / 遵照上级指示 / 参照国家有关规定 / 依法制定本办法.
_VAGUE = regex_cache.compile("(?P<q>" + _each("根据|依据|依照|按照|遵照|参照|贯彻|落实",
                                             r"[^《》，。；:：]{0,16}?(?:有关|相关|上级|国家|中央|国务院|法律|法规"
                                             r"|[省市县区](?:委|政府))"
                                             r"[^《》，。；:：]{0,12}?(?:法律|法规|规章|规定|政策|文件|精神|要求|部署|指示)"
                                             r"(?:[^《》，。；:：]{0,12}(?:法律|法规|规章|规定|政策|文件|精神|要求|部署))?")
                             + r"|依法(?=[^。；]{0,6}(?:制定本|特制定|现制定|制定如下|作如下规定|通告如下|公告如下)))")
_YARDSTICK = regex_cache.compile("的?(?:标准|程序|比例|条件|期限|时限|范围|数额|办法)")
# A later article or the cover naming the law it rests on (依照《…》, 根据《A》《B》的规定, 《…》第X条, 《…》规定), read on the
# raw text so that a title broken over lines (PDF copies) still counts.
_RESTS_ON = regex_cache.compile(r"(?:根据|依据|依照|按照|遵照|执行|违反|贯彻|落实|实施|按|依|据)(?=[^《》。；]{0,12}《)")
_CLAUSE_TITLES = regex_cache.compile(r"[^。；]{0,200}")
# A law named without brackets after the verb (根据烟花爆竹安全管理条例和…, 依照中华人民共和国森林法): a basis when the
# catalogue knows the name. The look-ahead, which the match implies (40 + 7 + 20 characters at most before 法 or
# 条例), spares the nested search after a verb that no law follows.
_BARE_LAW = regex_cache.compile(r"(?:根据|依据|依照|按照|遵照)(?=[^《》。；]{0,67}?(?:法|条例))[^《》。；]{0,40}?(?P<t>(?:中华人民共和国)?[\u4e00-\u9fa5]{2,20}?(?<!办)(?:法|条例))"
                                r"(?![律规人院典])")
_TITLE = regex_cache.compile(r"《(?P<t>[^《》]{2,60})》")
_ARTICLE_OF = regex_cache.compile(r"《(?P<t>[^《》]{2,60})》\s*(?:第\s*[一二三四五六七八九十百零〇0-9]+|(?:的)?(?:有关|相关)?(?:规定|授权))")
# Kinds that plan or arrange work or guide the administration (方案, 计划, 要点, 指导意见) are held to a basis only
# when duties on outsiders abound; every other kind (意见, 通知, 决定…) as soon as it fines, coerces, charges or
# licenses those outside the administration, or lays two duties on them; a 公告 as soon as it forbids or
# requires anything, or fines, coerces or charges.
_PUBLIC_KINDS = ("公告",)
_PLAN_KINDS = ("方案", "实施方案", "工作方案", "行动方案", "计划", "行动计划", "工作计划", "规划", "要点", "工作要点",
               "指导意见")
_PLAN_KINDS_AT = 3
# Opinions that implement a law or a higher document by rules of their own (实施意见, 若干意见): held to a basis
# like an 办法.
_RULE_OPINIONS = ("实施意见", "若干意见")
_DUTIES_AT = 2
_SUBJECTS = ("企业|个人|单位和个人|申请人|经营者|生产经营单位|经营单位|市场主体|当事人|公民|法人|从业人员|用人单位"
             "|居民|群众|村民|住户|业主|商户|门店|驾驶人|车辆|任何单位|任何人|外来人员|在外人员|承储企业|投资者|申报单位"
             "|项目单位|举办者|经营户|养殖户|相对人|违法者|违规者|违者|房东|出租人|承租人|养犬人|犬主|摊主|摊贩|车主"
             "|驾驶员|家长|户主|农户|施工单位|建设单位|开发商|物业服务企业|运输户|渔民|船主|游客|旅客|外来务工人员"
             "|经营主体|金融机构|医疗机构|中介机构|培训机构|养殖场|种植户|合作社|家庭农场|供应商|投标人|中标人|承包人"
             "|所有人|使用人|管理人|责任人|产权人|权利人|申报人|受益人|补助对象|奖励对象|扶持对象|享受对象"
             "|返乡人员|来返人员|返岗人员|入境人员|外地人员|进出人员|所有人员|密切接触者")


# Duties and bans laid on those outside the administration.
_DUTY = regex_cache.compile(_each(_SUBJECTS, r"[^。；]{0,20}(?:应当|必须|须|不得|禁止|一律|方可|方能)")
                            + "|严禁|一律禁止|一律不得|禁止任何")
# What a rule-setting text does by itself (the powers of 国办发〔2018〕37号: 处罚, 强制, 收费, 许可, 证明):
# fines and confiscation, coercion, charges, the conditions and approvals an applicant needs. Only searched for: a
# price per unit is found at its 元 after a digit (wherever \d+(?:\.\d+)?元/… occurs, so does that).
_BURDEN = regex_cache.compile(r"罚款|罚金|拘留|没收|取缔|吊销|从重|按上限|扣除[^。；]{0,12}\d+元"
                     r"|(?<!不得)(?<!禁止)(?<!严禁)强制(?!性)[\u4e00-\u9fa5]{2}|扣押|暂扣|扣留|查封|捕捉|捕杀|扑杀|拖离|拖移|劝返|集中隔离|费用自理|自费隔离"
                     r"|实行封闭(?:式)?管理|一律居家|(?:不得|禁止|严禁)(?:外出|出村|出户|离开本)"
                     "|" + _each("收取|缴纳|交纳|征收|缴交", r"[^。；、]{0,15}(?:费|保证金|押金|基金)") + "|保证金|押金"
                     r"|每(?:年|月|户|人|间|车|辆|吨|平方米|次)[^。；]{0,8}\d+(?:\.\d+)?元"
                     r"|元(?<=\d元)/(?:人次|次|人|户|间|车|辆|吨|平方米|月|年|天)"
                     "|申请条件|" + _each("符合|具备", "(?:下列|以下)条件")
                     + "|" + _each("须|需|应当?|必须", r"经[^。；]{0,10}(?:批准|审批|同意|许可)")
                     + r"|凭[^。；]{0,8}证[^。；]{0,4}方|责令(?:限期)?(?:拆除|搬迁|停业|停产|关闭|停止)"
                     r"|未经(?:批准|许可|同意)[^。；]{0,12}(?:不得|禁止|一律)"
                     r"|实行[^。；]{0,10}(?:准入|许可|审批|备案|登记)制|不予(?:受理|办理|审批|登记|发放|享受|拨付)"
                     "|" + _each("取消|收回", r"[^。；]{0,10}(?:资格|补贴|补助|奖励|资金)")
                     + "|" + _each("纳入|列入", r"[^。；]{0,6}(?:黑名单|失信)"))
# A text that calls itself a rule (违反本通告的, 本办法自…起施行) is one, whatever its title or excerpt shows.
_SELF_RULE = regex_cache.compile(r"本(?:实施)?(?:办法|规定|细则|通告|措施|规则|规程|守则)(?:[^。；]{0,6}(?:施行|执行|实施|解释)|规定的|所称)"
                                 r"|违反本(?:实施)?(?:办法|规定|细则|通告|措施|规则)")
_RULES = "规章"
# A duty the document forbids the administration to demand (不得要求企业必须…) is laid on no one.
_DEMAND_BANNED = regex_cache.compile(r"(?:不得|禁止|严禁)(?:违规|擅自|变相)?(?:要求|限定|指定)$")
_BARE_DUTY = regex_cache.compile(r"不得|禁止|严禁|必须|应当")
# Titles that announce a charge or a ban: 关于调整卫生费缴费标准的通知, 关于加强外出人员管控的紧急通告.
# A price the government sets (关于调整城区出租车运价的通知, 关于核定自来水价格的通知) is a charge too.
_RULE_TITLE = regex_cache.compile(_each("收费|缴费|计费|补偿|补贴费", "标准") + "|禁止|禁燃|禁放|禁养|禁捕|禁渔|禁猎|禁售|管控|限行|限制"
                                  + "|" + _each("调整|核定|制定", r"[^，。]{0,12}(?:价格|运价|票价|水价|气价|热价)"))
# Passing on another body's document (转发省政府关于…的通知) sets no rule of the body that passes it on.
_FORWARD_TITLE = regex_cache.compile(r"转发")
_LAW_TITLE = regex_cache.compile(r"(?<![办方做])法$")
# 法律、法规、规章: what a normative document may rest on (a local 条例 is a local regulation by its name).
_LAW_LEVELS = ("宪法", "法律", "有关法律问题的决定", "行政法规", "部门规章", "司法解释", "地方性法规", "地方政府规章")


def _basis_sentence(a: Analysis) -> tuple[int, int] | None:
    """The purpose-and-basis sentence among the first paragraphs of the body (为…，根据《…》，制定本办法。)."""
    text = a.text
    start = a.meta.body[0]
    head = text[start:min(a.meta.body[1], start + 1500)]
    pos = 0
    for sentence in _HEAD_SENTENCE.findall(head):
        if _BASIS.search(sentence) and (_ENACT.search(sentence) or "《" in sentence) and not _SENDING.search(sentence):
            return start + pos, start + pos + len(sentence)
        pos += len(sentence)
    return None


def sets_obligations(a: Analysis) -> bool:
    """Whether the document sets rights and obligations (and so is held to having a legal basis)."""
    kind, title = a.meta.kind, a.meta.body_title or a.meta.title
    body = a.text[a.meta.body[0]:a.meta.body[1]]
    if kind in RULE_KINDS or kind in _RULE_OPINIONS or a.meta.not_normative == _RULES \
            or (title is not None and _RULE_TITLE.search(title.value)) or _SELF_RULE.search(body):
        return True
    if a.meta.title is not None and _FORWARD_TITLE.search(a.meta.title.value):
        return False
    if kind in _PUBLIC_KINDS:
        return bool(_BARE_DUTY.search(body) or _BURDEN.search(body))
    duties = sum(not _DEMAND_BANNED.search(body, max(0, m.start() - 6), m.start()) for m in _DUTY.finditer(body))
    if kind in _PLAN_KINDS:  # a plan speaks of fines and charges it does not set
        return duties >= _PLAN_KINDS_AT
    return duties >= _DUTIES_AT or bool(_BURDEN.search(body))


def check(a: Analysis) -> Iterator[Finding]:
    # Laws, reports and meeting notices are not held to a basis clause; a 规章 is (立法法 第九十一条、第九十三条).
    if a.meta.not_normative in (None, _RULES):
        yield from _basis(a)
    yield from _titles(a)


def _basis(a: Analysis) -> Iterator[Finding]:
    if not sets_obligations(a):
        return
    basis = _basis_sentence(a)
    cited = [c for c in a.citations if basis[0] <= c.start < basis[1]] if basis else []
    if cited:
        # A named law or regulation is a basis; a policy document alone is not.
        if not any(_names_law(c) for c in cited) and not _law_named_elsewhere(a):
            yield a.finding("upper_law.policy_only_basis", cited[0].start, cited[-1].end)
        return
    if _law_named_elsewhere(a):
        return
    # The basis clause's vague wording, else the first anywhere that stands for a basis (依照有关法律法规处罚): the
    # text names no law. A standard to be met (按照国家规定的标准缴纳…) is the measure's yardstick, not its basis.
    vague = (basis and _VAGUE.search(a.text, *basis)) or next(
        (m for m in _VAGUE.finditer(a.text, *a.meta.body) if not _YARDSTICK.match(a.text, m.end())), None)
    if vague:
        yield a.finding("upper_law.vague_basis", vague.start("q"), vague.end("q"))
    else:
        yield a.finding("upper_law.missing_basis")


def _law_named_elsewhere(a: Analysis) -> bool:
    """A law the text rests on named outside the basis clause: 依照《…》 in a later article, 根据《…》 in the
    印发通知 cover, an article of a law cited (《…》第X条), or a law the catalogue knows named without brackets."""
    text, start, end = a.text, a.meta.transmittal[0] if a.meta.transmittal else a.meta.body[0], a.doc.body_end
    titles = chain((m["t"] for m in _ARTICLE_OF.finditer(text, start, end)),  # read only until a law is found
                   (m["t"] for verb in _RESTS_ON.finditer(text, start, end)
                    for m in _TITLE.finditer(_CLAUSE_TITLES.match(text, verb.end(), end).group())))
    if any(_is_law(re.sub(r"\s", "", t)) for t in titles):
        return True
    return any((r := resolve(m["t"]).law) is not None and r.level in _LAW_LEVELS for m in _BARE_LAW.finditer(text, start, end))


def _names_law(c: Citation) -> bool:
    return _is_law(c.title)


# A decision of a people's congress or its standing committee (全国人民代表大会常务委员会关于…的决定, 某省人大常委会
# 关于…的决定): a law, or a local regulation, by its maker (立法法 第十条, 第八十条).
_CONGRESS_DECISION = regex_cache.compile(r"(?:人民代表大会|人大)(?:常务委员会|常委会)?关于[^《》]+的(?:决定|决议)$")


# A local regulation or rule implementing a law: 某省实施〈中华人民共和国土地管理法〉办法, 某市实施〈物业管理条例〉细则.
_IMPLEMENTING = regex_cache.compile(r"实施[〈<《](?P<law>[^〈〉<>《》]{2,40}(?:法|条例))[〉>》](?:的)?(?:办法|细则|实施细则|条例|规定|若干规定)$")


def _is_law(title: str) -> bool:
    """A law, regulation or rule by the catalogue, or by its name (…法, …条例, a 规定 or 办法 not headed 关于, a
    people's congress's 决定, a local text implementing a law)."""
    r = resolve(title)
    if r.law is not None:
        return r.law.level in _LAW_LEVELS
    if _CONGRESS_DECISION.search(title) or _IMPLEMENTING.search(title):
        return True
    return "关于" not in title and (is_lawlike(title) or law_key(title).endswith("条例"))


_KIND_WORD = regex_cache.compile(r"(?:实施细则|实施办法|办法|规定|决定|条例|细则|规则|通则|总则|解释|法)$")


def _another_kind(cited: str, closest: str) -> bool:
    """Whether a cited title and the catalogue's one edit away end with two kind words: 《…办法》 and 《…法》,
    《…规定》 and 《…决定》 are two documents, not one miscopied."""
    kinds = [m.group() if (m := _KIND_WORD.search(law_key(t))) else "" for t in (cited, closest)]
    return kinds[0] != kinds[1]


def _titles(a: Analysis) -> Iterator[Finding]:
    """Unknown or miscopied law titles; a national law first cited without 中华人民共和国."""
    seen: set[str] = set()
    for c in a.citations:
        r = resolve(c.title)
        miscopied = r.how == "fuzzy" and not _another_kind(c.title, r.closest.title)
        if miscopied:
            yield a.finding("upper_law.unknown_title", c.start, c.end, closest=r.closest.title)
        elif r.how in ("unknown", "fuzzy") and _LAW_TITLE.search(c.title.rstrip()):
            # The catalogue lists every national law in force; an unknown 《…法》 deserves a look.
            closest = f"最接近的是《{r.closest.title}》" if r.closest else "未找到相近名称"
            yield a.finding("upper_law.unlisted_law", c.start, c.end, closest=closest)
        elif r.law is not None and r.law.title not in seen:
            seen.add(r.law.title)
            if r.law.level == "法律" and r.law.status == "现行有效" and not c.title.lstrip().startswith(PRC):
                yield a.finding("upper_law.missing_prc_prefix", c.start, c.end, full=r.law.title)
