"""The lead-in of the list a sentence is an item of (…给予以下扶持：（一）…（二）…), looked back to once per document:
whether it bans what its items say, and whether it hands out what they list."""

from __future__ import annotations

import re
from functools import cache

from reviewtools.data.rules import expand
from reviewtools.text import items, regex_cache

# The number an item starts with, by style: （一） （1） 1. ① 一、 (a list's items share one).
_ITEM = regex_cache.compile(rf"\s*(?:{items.STYLED})")
_LEAD_REACH = 40  # sentences back from an item to the lead-in of its list


def _item_style(sentence: str) -> str | None:
    m = _ITEM.match(sentence)
    return m.lastgroup if m else None


class ListLeads:
    """The lead-in of the list sentence k is an item (or part of one) of: back from k over items of its style and
    their unnumbered continuations to the nearest sentence ending in ：. Whether that lead-in forbids what the items
    say ({BAN_LIST}: 不得含有下列内容：), and its text when it hands out what the items list ({FAVOUR_LEAD}: 给予以下扶持：),
    for a rule whose `requires` the lead-in may meet."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]):
        self._text, self._sentences, self._banned = text, sentences, {}

    def _sentence(self, j: int) -> str:
        s, e = self._sentences[j]
        return self._text[s:e].strip()

    def _lead(self, k: int) -> int | None:
        style = _item_style(self._sentence(k))
        if style is None:
            return None
        for j in range(k - 1, max(-1, k - 1 - _LEAD_REACH), -1):
            sentence = self._sentence(j)
            if sentence.endswith(("：", ":")):
                return j
            if _item_style(sentence) not in (style, None):
                return None
        return None

    def banned(self, k: int) -> bool:
        j = self._lead(k)
        if j is not None and j not in self._banned:
            self._banned[j] = bool(_ban_list().search(self._sentence(j)))
        return j is not None and self._banned[j]

    def lead(self, k: int) -> str:
        """The lead-in's text when it hands out what the items list, else ''."""
        j = self._lead(k)
        sentence = "" if j is None else self._sentence(j)
        return sentence if sentence and _favour_lead().search(sentence) else ""


@cache
def _ban_list() -> re.Pattern:
    return regex_cache.compile(expand("{BAN_LIST}"))


@cache
def _favour_lead() -> re.Pattern:
    return regex_cache.compile(expand("{FAVOUR_LEAD}"))
