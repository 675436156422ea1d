"""制定依据: the basis clause, the level of what it cites, and titles the catalogue does not know."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewtools.analyze import Analysis, Finding
from reviewtools.resolve import PRC, is_lawlike, resolve

_BASIS = re.compile(r"(?:根据|依据|依照|按照|贯彻|落实)")
_ENACT = re.compile(r"制定本|特制定|现制定|制定如下|结合[^。]{0,20}实际|现就[^。]{0,30}(?:通知|意见)如下")
_VAGUE = re.compile(r"(?P<q>(?:根据|依据|依照|按照)(?:国家|上级)?(?:有关|相关)?(?:法律|法律法规|法律、法规|法规|规定|政策|文件)(?:和|及|、)?"
                    r"(?:有关|相关)?(?:规定|政策|文件)?(?:精神|要求)?)")
# Kinds that set rights and obligations of citizens and organisations, and so need a legal basis.
RULE_KINDS = ("办法", "规定", "细则", "实施细则", "管理办法", "暂行办法", "实施办法", "暂行规定", "若干规定", "规则", "规程",
              "若干措施", "措施", "守则")
# Duties laid on those outside the administration (起草单位应当… is the government's own business).
_OBLIGATION = re.compile(r"(?:企业|个人|申请人|经营者|生产经营单位|经营单位|市场主体|当事人|公民|法人|从业人员|用人单位)"
                         r"[^。；]{0,20}(?:应当|必须|须|不得|禁止)")
_LAW_TITLE = re.compile(r"(?<![办方做])法$")
_LAW_LEVELS = ("宪法", "法律", "有关法律问题的决定", "行政法规", "部门规章", "司法解释")


def _basis_sentence(a: Analysis) -> tuple[int, int] | None:
    """The purpose-and-basis sentence among the first paragraphs of the body (为…，根据《…》，制定本办法。)."""
    text = a.doc.text
    start = a.meta.body[0]
    head = text[start:min(a.meta.body[1], start + 1500)]
    pos = 0
    for sentence in re.split(r"(?<=[。\n])", head):
        if _BASIS.search(sentence) and (_ENACT.search(sentence) or "《" in sentence):
            return start + pos, start + pos + len(sentence)
        pos += len(sentence)
    return None


def _sets_obligations(a: Analysis) -> bool:
    body = a.doc.text[a.meta.body[0]:a.meta.body[1]]
    return a.meta.kind in RULE_KINDS or len(_OBLIGATION.findall(body)) >= 3


def check(a: Analysis) -> Iterator[Finding]:
    basis = _basis_sentence(a)
    obliges = _sets_obligations(a)
    if basis is None:
        if obliges:
            yield a.finding("upper_law.missing_basis")
    else:
        s, e = basis
        cited = [c for c in a.citations if s <= c.start < e]
        vague = _VAGUE.search(a.doc.text, s, e)
        if vague and not cited:
            yield a.finding("upper_law.vague_basis", vague.start("q"), vague.end("q"))
        elif cited and obliges:
            levels = [r.law.level for r in (resolve(c.title) for c in cited) if r.law is not None]
            if not any(level in _LAW_LEVELS for level in levels) and not any(is_lawlike(c.title) for c in cited):
                yield a.finding("upper_law.policy_only_basis", cited[0].start, cited[-1].end)
    yield from _titles(a)


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
