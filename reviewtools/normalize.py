"""Normalized text for matching, with a map back to the text as written.

Checks match on the normalized text and quote the original: whitespace is removed, full-width
letters and digits become ASCII, half-width Chinese punctuation becomes full-width, and every
bracket variant of a 文号 (〔〕［］[]【】﹝﹞〖〗) becomes 〔〕. Newlines are kept as boundaries.
Format checks, which look for exactly these variants, read the original text instead.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

_MAP: dict[int, str] = {}
for code in range(0xFF10, 0xFF1A):  # ０-９
    _MAP[code] = chr(code - 0xFEE0)
for code in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # Ａ-Ｚ ａ-ｚ
    _MAP[code] = chr(code - 0xFEE0)
_MAP.update({ord(k): v for k, v in {
    ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
    "［": "〔", "]": "〕", "[": "〔", "］": "〕", "【": "〔", "】": "〕", "﹝": "〔", "﹞": "〕", "〖": "〔", "〗": "〕",
    "\"": "“", "〈": "《", "〉": "》", "＜": "《", "＞": "》", "％": "%", "．": ".", "—": "-", "–": "-",
    "－": "-", "～": "~",
}.items()})
_DROP_RE = re.compile("[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
_TABLE = str.maketrans(_MAP)


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    origin: array  # origin[i] = offset in the original text of normalized char i; origin[len] = len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized span [start, end)."""
        if end <= start:
            o = self.origin[start]
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


def normalize(original: str, aliases: dict[str, str] | None = None) -> Normalized:
    """`aliases` rewrite names for matching, e.g. {"大连市": "本市"}: a document of 大连市 that favours
    大连市企业 favours 本市企业. An alias maps its first and last characters to the name's first and
    last, so a span over it quotes the whole name as written."""
    origin = array("l")
    pos = 0
    for m in _DROP_RE.finditer(original):  # whole runs are copied at C speed; only dropped characters cost
        origin.extend(range(pos, m.start()))
        pos = m.end()
    origin.extend(range(pos, len(original)))
    text = _DROP_RE.sub("", original).translate(_TABLE)
    if aliases:
        text, origin = _apply_aliases(text, origin, aliases)
    origin.append(len(original))
    return Normalized(text, origin)


def _apply_aliases(text: str, origin: array, aliases: dict[str, str]) -> tuple[str, array]:
    names = re.compile("|".join(re.escape(n) for n in sorted(aliases, key=len, reverse=True)))
    parts: list[str] = []
    mapped = array("l")
    pos = 0
    for m in names.finditer(text):
        alias = aliases[m.group()]
        parts += [text[pos:m.start()], alias]
        mapped.extend(origin[pos:m.start()])
        mapped.extend([origin[m.start()]] * (len(alias) - 1) + [origin[m.end() - 1]])
        pos = m.end()
    parts.append(text[pos:])
    mapped.extend(origin[pos:])
    return "".join(parts), mapped
