"""Metamorphic rewrites of a sentence, the ways real drafts vary the same clause: another name for the actor or the
locality, another modal, another verb or noun of favour, an inserted modifier (原则上, 一律, 按规定…), a condition
opened differently (对…的， / 凡…的， / none), a number written another way (50% / 百分之五十 / 五成, 20万元 / 二十万元), half-width
punctuation. Each variant changes one thing, so a failing one says what the rule's pattern does not accept.

The sets are how documents write things, not what the rules hold: a variant a rule misses is a gap in the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Who the clause is about. A word inside a compound that names a kind of its own (国有企业, 企业所得税) is left alone.
ACTORS = ("企业", "经营者", "经营主体", "市场主体", "投资者")
_ACTOR = re.compile(r"(?<!国有)(?<!民营)(?<!外资)(?<!龙头)(?<!骨干)(?<!中小)(?<!小微)(?<!上市)(?<!总部)(?<!建筑)"
                    r"(?<!施工)(?<!生产)(?<!运输)(?<!物流)(?<!家政)(?<!示范)(?<!经营)(?<!批发)(?<!电商)(?<!服务)(?<!会员)(?<!配套)(?<!重点)(?<!规上)(?<!工业)"
                    r"(?:企业|经营者|经营主体|市场主体|投资者)(?!所得税|集团|家|主体|法人|名称|职工|员工|高管|产品)")
# The issuer's own area.
LOCALS = ("本地", "本市", "本县", "本区", "我市", "我县")
_LOCAL = re.compile(r"(?:本地区|本地|本市|本县|本区|我市|我县|我区)(?!域|外|以外|场)")
# What the clause obliges ("must"), and what an approval opens ("may then").
MUSTS = ("须", "必须", "需", "应当", "一律", "均须", "只能")
_MUST = re.compile(r"(?<![不无所必均毋])(?:必须|均须|应当|须)(?!知)")
MAYS = ("方可", "方能", "才能", "才可")
_MAY = re.compile(r"方可|方能|才能|才可")
# The favour and its verb.
FAVOURS = ("奖励", "补助", "补贴", "扶持", "资助", "奖补")
_FAVOUR = re.compile(r"(?<=给予)(?:奖励|补助|补贴|扶持|资助|奖补)|(?:奖励|补助|补贴|扶持|资助|奖补)(?=[0-9一二三四五六七八九十百]+万?元)")
GIVES = ("给予", "予以")
_GIVE = re.compile(r"给予|予以")
# Modifiers drafts insert before what they oblige or give.
MODIFIERS = ("原则上", "一律", "统一", "均", "按规定", "经认定")
# How a condition opens.
_CONDITION = re.compile(r"^(?:对于|对|凡是|凡)(?=[^，。；]{2,40}?的，)")
OPENERS = ("对", "对于", "凡", "")
# Percentages written out.
_DIGITS = "〇一二三四五六七八九"
_PERCENT = re.compile(r"(?<![0-9.])([1-9]0)%")
_AMOUNT = re.compile(r"(?<![0-9.])([1-9]\d?)(?=万元)")
_HALF = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "％": "%", "！": "!"})


def _cn_tens(n: int) -> str:
    tens = n // 10
    return ("" if tens == 1 else _DIGITS[tens]) + "十"


def _cn(n: int) -> str:
    """1–99 in Chinese numerals (5 → 五, 20 → 二十, 35 → 三十五)."""
    return _DIGITS[n] if n < 10 else _cn_tens(n) + (_DIGITS[n % 10] if n % 10 else "")


def _swap(kind: str, text: str, pattern: re.Pattern, words: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Each other word of `words` in place of the first match of `pattern`."""
    m = pattern.search(text)
    if m:
        for w in words:
            if w != m[0]:
                yield kind, text[:m.start()] + w + text[m.end():]


def variants(text: str) -> list[tuple[str, str]]:
    """(kind, rewrite) of `text`, each differing from it in one respect; none equal to it, none repeated."""
    out: list[tuple[str, str]] = []
    out += _swap("actor", text, _ACTOR, ACTORS)
    out += _swap("locality", text, _LOCAL, LOCALS)
    out += _swap("modal", text, _MUST, MUSTS)
    out += _swap("modal", text, _MAY, MAYS)
    out += _swap("favour", text, _FAVOUR, FAVOURS)
    out += _swap("favour", text, _GIVE, GIVES)
    for anchor, words in ((_MUST.search(text), MODIFIERS[:-1]), (_GIVE.search(text), MODIFIERS)):
        if anchor:  # 经认定 goes before a favour only
            out += [("modifier", text[:anchor.start()] + w + text[anchor.start():]) for w in words
                    if not text[:anchor.start()].endswith(w)]
    if m := _GIVE.search(text):
        out.append(("number", text[:m.end()] + "一次性" + text[m.end():]))
    if m := _CONDITION.search(text):
        out += [("condition", w + text[m.end():]) for w in OPENERS if w != m[0]]
    if m := _PERCENT.search(text):
        n = int(m[1])
        out += [("number", text[:m.start()] + w + text[m.end():]) for w in ("百分之" + _cn_tens(n), _DIGITS[n // 10] + "成")]
    if m := _AMOUNT.search(text):
        out.append(("number", text[:m.start()] + _cn(int(m[1])) + text[m.end():]))
    out.append(("punctuation", text.translate(_HALF)))
    seen = {text}
    return [(k, v) for k, v in out if not (v in seen or seen.add(v))]
