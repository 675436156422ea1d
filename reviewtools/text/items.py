"""The heads of numbered items and articles — 一、 （一） （1） 1. ① 第三条 — written once, composed where each reader
needs them (the layout of a page, wrapped lines, run-on items, the lists a rule's guards look back over).

Each style is a regex source; brackets are matched in both widths, so the same head is found in the text as written
and in its normalized view.
"""

from __future__ import annotations

_CN_NUMBER = "[一二三四五六七八九十]{1,3}"
_ARTICLE_NUMBER = "[一二三四五六七八九十百零〇\\d]"

# By style, in the order a reader tries them; the names are those a list's items share (leads._item_style).
STYLES = {
    "cn_paren": f"[（(]{_CN_NUMBER}[）)]",  # （一）
    "num_paren": r"[（(]\d{1,3}[）)]",  # （1）
    "num": r"\d{1,3}[.．、](?!\d)",  # 1. 1、 (not 1.5)
    "circle": "[①-⑳]",
    "cn": f"{_CN_NUMBER}[、．.]",  # 一、 一. (a heading of the top level)
}
LISTED = "|".join(STYLES[s] for s in ("cn_paren", "num_paren", "num", "circle"))  # the items of a list
HEAD = f"{LISTED}|{STYLES['cn']}"  # an item at any level
ARTICLE = f"第{_ARTICLE_NUMBER}+条"
DIVISION = f"第{_ARTICLE_NUMBER}{{1,5}}[编章节条]"  # 第一章 第二节 第三条
STYLED = "|".join(f"(?P<{name}>{source})" for name, source in STYLES.items())
