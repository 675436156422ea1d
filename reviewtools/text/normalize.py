"""Normalized text for matching, with a map back to the text as written.

Checks match on the normalized text and quote the original: whitespace is removed, full-width
letters and digits become ASCII, half-width Chinese punctuation becomes full-width, and every
bracket variant of a 文号 (〔〕［］[]【】﹝﹞〖〗) becomes 〔〕. Newlines are kept as boundaries.
A space before a numbered item on the line of the one before (…劝返 三、…) becomes a line break.
Format checks, which look for exactly these variants, read the original text instead.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from reviewtools.text import regex_cache

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
_DROP_RE = regex_cache.compile("[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
# A numbered item run on after a space on the line of the one before it (…一律劝返 三、私家车…): the space becomes a
# line break, so that the item stays a sentence of its own once the space is gone.
_RUN_ON_ITEM = regex_cache.compile(r"[一二三四五六七八九十]{1,3}、|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]|\d{1,2}[.、](?!\d)")
_MAPPED = regex_cache.compile("[" + "".join(map(re.escape, map(chr, _MAP))) + "]")


def _translate(text: str) -> str:
    """text.translate(_MAP), faster: str.translate looks every character up in a dict, while most of these
    characters occur in no document. One scan at C speed finds those the text holds, then each is replaced
    at C speed; no character is mapped to one that is mapped in turn, so the order of replacing is free."""
    for char in set(_MAPPED.findall(text)):
        text = text.replace(char, _MAP[ord(char)])
    return text


@dataclass(frozen=True, slots=True)
class Normalized:
    """The normalized text and a piecewise map back to the original. Between breakpoints the map is
    linear (one normalized character per original character) or, inside an alias, constant."""

    text: str
    _keys: list[int]  # normalized offsets where a piece begins
    _origins: list[int]  # the original offset at that point
    _linear: list[bool]

    def origin(self, i: int) -> int:
        j = bisect.bisect_right(self._keys, i) - 1
        return self._origins[j] + (i - self._keys[j] if self._linear[j] else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized span [start, end)."""
        if end <= start:
            o = self.origin(start)
            return o, o
        return self.origin(start), self.origin(end - 1) + 1


def normalize(original: str, aliases: dict[str, str] | None = None) -> Normalized:
    """`aliases` rewrite names for matching, e.g. {"大连市": "本市"}: a document of 大连市 that favours
    大连市企业 favours 本市企业. An alias maps its first and last characters to the name's first and
    last, so a span over it quotes the whole name as written. Only dropped runs and aliases cost Python
    work; the rest is copied and translated at C speed."""
    events = _DROP_RE
    if aliases:
        names = "|".join(re.escape(n) for n in sorted(aliases, key=len, reverse=True))
        events = re.compile(f"{_DROP_RE.pattern}|{names}")  # per jurisdiction: re's own cache, not the file
    keys, origins, linear = [0], [0], [True]

    def piece(key: int, origin: int, is_linear: bool = True) -> None:
        keys.append(key)
        origins.append(origin)
        linear.append(is_linear)

    parts: list[str] = []
    pos = npos = 0
    for m in events.finditer(original):
        parts.append(original[pos:m.start()])
        npos += m.start() - pos
        alias = aliases.get(m.group()) if aliases else None
        if not alias and m.start() and original[m.start() - 1] not in "\n" and _RUN_ON_ITEM.match(original, m.end()):
            alias = "\n"
        if alias:
            if len(alias) > 1:
                piece(npos, m.start(), False)
            piece(npos + len(alias) - 1, m.end() - 1)
            parts.append(alias)
            npos += len(alias)
        pos = m.end()
        piece(npos, pos)
    parts.append(original[pos:])
    return Normalized(_translate("".join(parts)), keys, origins, linear)
