"""The title keys, side by side: three ways of making two written titles compare equal, each for one job.

- `title_key`: how the registry knows a document across files and years (propose, catalogue, previous year):
  full/half width and bracket variants unified, no spaces, quotes or 《》.
- `loose_key`: how a transmittal notice finds the title of the text it sends (关于印发《X》的通知 → the line X):
  spaces, 《》〈〉, quotes, parentheses and dashes dropped, nothing else touched.
- `law_key`: how a citation is matched to the law catalogue: no 《》 and whitespace, no leading 中华人民共和国.

tests/text/test_titles.py shows, pair by pair, where they agree and where they differ.
"""

from __future__ import annotations

from reviewtools.text import regex_cache
from reviewtools.text.normalize import normalize

PRC = "中华人民共和国"
_TITLE_DROP = regex_cache.compile(r"[《》“”‘’\"'「」『』\s]")
_LOOSE_DROP = regex_cache.compile(r"[\s《》〈〉<>\"“”()（）\-—–－~～]")
_SPACE = regex_cache.compile(r"\s")


def title_key(title: str | None) -> str | None:
    """A title as matched: full/half width and bracket variants unified, no spaces, quotes or 《》."""
    if not title:
        return None
    return _TITLE_DROP.sub("", normalize(title).text) or None


def loose_key(text: str) -> str:
    """A line compared with a title: spaces, 《》〈〉, quotes, parentheses and dashes dropped."""
    return _LOOSE_DROP.sub("", text)


def nest_titles(text: str) -> str:
    """Text we write with 书名号 inside 书名号 made right: the inner ones become 〈〉 (关于《印发〈某办法〉的通知》),
    as GB/T 15834 nests them. Unbalanced marks are left as they are."""
    if text.count("《") < 2:
        return text
    out, depth = [], 0
    for ch in text:
        if ch == "《":
            out.append("〈" if depth else ch)
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            out.append("〉" if depth else ch)
        else:
            out.append(ch)
    return "".join(out)


def law_key(name: str) -> str:
    """The key a citation is matched on: no 《》, no whitespace, no leading 中华人民共和国."""
    return _SPACE.sub("", name).strip("《》〈〉").removeprefix(PRC)
