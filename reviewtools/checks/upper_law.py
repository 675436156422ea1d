"""制定依据: the basis clause, the level of what it cites, and titles the catalogue does not know."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewtools.analyze import Analysis, Finding
from reviewtools.analyze.resolve import is_lawlike, resolve
from reviewtools.extract.citations import Citation
from reviewtools.extract.kinds import RULE_KINDS
from reviewtools.text.titles import PRC

_BASIS = re.compile(r"(?:根据|依据|依照|按照|贯彻|落实|(?:实施|执行)(?=《))")
_ENACT = re.compile(r"制定本|特制定|现制定|制定如下|作如下规定|结合[^。]{0,20}实际|现就[^。]{0,30}(?:通知|意见)如下"
                    r"|现将[^。]{0,20}(?:通告|公告)如下|特(?:发布|作)如下(?:通告|公告)")
# Sending the document itself out (现将《…》印发给你们，请认真贯彻执行) is not its basis.
_SENDING = re.compile(r"现将[^。]{0,80}(?:印发|转发|下发)给|印发给你们|转发给你们")
# A basis that names nothing: 根据有关法律法规 / 按照国家有关规定 / 依据相关政策 / 根据上级要求 / 根据预算管理有关规定.
_VAGUE = re.compile(r"(?P<q>(?:根据|依据|依照|按照)[^《》，。；、]{0,12}?(?:[、和及与][^《》，。；]{0,8}?)?"
                    r"(?:有关|相关|上级|国家)[^《》，。；]{0,6}?(?:法律|法规|规定|政策|文件|精神|要求|部署)"
                    r"(?:[^《》，。；]{0,10}(?:法规|规定|政策|文件|精神|要求))?)")
# Any kind besides RULE_KINDS (意见, 方案, 通知…) needs a basis when its text lays duties on those outside the
# administration, and a 公告 as soon as it forbids or requires anything.
_PUBLIC_KINDS = ("公告",)
_OTHER_KINDS_AT = 3
_SUBJECT = (r"(?:企业|个人|单位和个人|申请人|经营者|生产经营单位|经营单位|市场主体|当事人|公民|法人|从业人员|用人单位"
            r"|居民|群众|村民|住户|业主|商户|门店|驾驶人|车辆|任何单位|任何人|外来人员|承储企业|投资者)")
_DUTY = re.compile(_SUBJECT + r"[^。；]{0,20}(?:应当|必须|须|不得|禁止|一律)|严禁|一律禁止|一律不得|禁止任何"
                   r"|每(?:年|月|户|人|间|车|吨|平方米)[^。；]{0,8}\d+(?:\.\d+)?元")
_BARE_DUTY = re.compile(r"不得|禁止|严禁|必须|应当")
# Titles that announce a charge or a ban: 关于调整卫生费缴费标准的通知, 关于加强外出人员管控的紧急通告.
_RULE_TITLE = re.compile(r"(?:收费|缴费|计费|补偿|补贴费)标准|禁止|禁燃|禁放|禁养|禁捕|禁渔|禁猎|禁售|管控|限行|限制")
_LAW_TITLE = re.compile(r"(?<![办方做])法$")
_LAW_LEVELS = ("宪法", "法律", "有关法律问题的决定", "行政法规", "部门规章", "司法解释")


def _basis_sentence(a: Analysis) -> tuple[int, int] | None:
    """The purpose-and-basis sentence among the first paragraphs of the body (为…，根据《…》，制定本办法。)."""
    text = a.doc.text
    start = a.meta.body[0]
    head = text[start:min(a.meta.body[1], start + 1500)]
    pos = 0
    for sentence in re.split(r"(?<=[。\n])", head):
        if _BASIS.search(sentence) and (_ENACT.search(sentence) or "《" in sentence) and not _SENDING.search(sentence):
            return start + pos, start + pos + len(sentence)
        pos += len(sentence)
    return None


def sets_obligations(a: Analysis) -> bool:
    """Whether the document sets rights and obligations (and so is held to having a legal basis)."""
    kind, title = a.meta.kind, a.meta.body_title or a.meta.title
    if kind in RULE_KINDS or (title is not None and _RULE_TITLE.search(title.value)):
        return True
    body = a.doc.text[a.meta.body[0]:a.meta.body[1]]
    if kind in _PUBLIC_KINDS:
        return bool(_BARE_DUTY.search(body))
    return len(_DUTY.findall(body)) >= _OTHER_KINDS_AT


def check(a: Analysis) -> Iterator[Finding]:
    if not a.meta.not_normative:  # laws, rules, reports and meeting notices are not held to a basis clause
        yield from _basis(a)
    yield from _titles(a)


def _basis(a: Analysis) -> Iterator[Finding]:
    basis = _basis_sentence(a)
    obliges = sets_obligations(a)
    if basis is None:
        # A law cited by article anywhere (依照《…》第X条) is a basis even without a basis clause.
        if obliges and not any(c.article and _names_law(c) for c in a.citations if a.in_body(c.start)):
            yield a.finding("upper_law.missing_basis")
    else:
        s, e = basis
        cited = [c for c in a.citations if s <= c.start < e]
        vague = _VAGUE.search(a.doc.text, s, e)
        if vague and not cited and obliges:
            yield a.finding("upper_law.vague_basis", vague.start("q"), vague.end("q"))
        elif cited and obliges and not any(_names_law(c) for c in cited):
            # A named law or regulation is a basis; 依法 or a policy document alone is not.
            yield a.finding("upper_law.policy_only_basis", cited[0].start, cited[-1].end)


def _names_law(c: Citation) -> bool:
    r = resolve(c.title)
    return (r.law is not None and r.law.level in _LAW_LEVELS) or is_lawlike(c.title)


def _titles(a: Analysis) -> Iterator[Finding]:
    """Unknown or miscopied law titles; a national law first cited without 中华人民共和国."""
    seen: set[str] = set()
    for c in a.citations:
        r = resolve(c.title)
        if r.how == "fuzzy":
            yield a.finding("upper_law.unknown_title", c.start, c.end, closest=r.closest.title)
        elif r.how == "unknown" and _LAW_TITLE.search(c.title.rstrip()):
            # The catalogue lists every national law in force; an unknown 《…法》 deserves a look.
            closest = f"最接近的是《{r.closest.title}》" if r.closest else "未找到相近名称"
            yield a.finding("upper_law.unlisted_law", c.start, c.end, closest=closest)
        elif r.law is not None and r.law.title not in seen:
            seen.add(r.law.title)
            if r.law.level == "法律" and r.law.status == "现行有效" and not c.title.lstrip().startswith(PRC):
                yield a.finding("upper_law.missing_prc_prefix", c.start, c.end, full=r.law.title)
