"""The document's own 发文字号 wherever the head of a document or a portal's copy of it writes it.

On a line of its own (大文广发﹝2017﹞74号, damaged: 大政办发〔201641), in round brackets under the title
((皖政[2001]85号), also after the date: （2020年3月4日某政发〔2020〕6号）), after the issuer line it was glued
to (某县人民政府文件 某政发〔2019〕3号), with 签发人 beside it, closing the title line (…的通知（某政规〔2023〕2号）),
or in a metadata row (文号：…, 发文字号：, the value maybe on the next line, after a bullet • or a table's |),
or opening the title line (某府发〔2014〕7号《某市人民政府关于……的通知》) or closing it after a space.
"""

from __future__ import annotations

from reviewtools.extract import docnumber
from reviewtools.extract.dates import DATE
from reviewtools.text import regex_cache

_HEAD_LINES = 12  # how far down a number standing alone is the document's own
# 发文字号, 文号, 发文号 and the names law databases and portals print (【发布文号】, 文件编号, 文件字号, 发文编号).
_LABEL = regex_cache.compile(r"[【\[]?(?:[发發]\s*文\s*字\s*[号號]|(?:[发發]\s*布\s*)?文\s*[号號]|[发發]\s*文\s*[号號]"
                             r"|文\s*件\s*(?:编|字)\s*[号號]|[发發]\s*文\s*编\s*[号號])[】\]]?\s*[:：]?[\s|｜]*")
_BULLET = regex_cache.compile(r"[\s•·●▪|｜]*")  # what a portal's list or table puts before a value
_BRACKETED = regex_cache.compile(r"\s*[（(]\s*(?P<inner>(?:[^（）()]|[（(][^（）()]*[）)])+?)\s*[）)]\s*$")
_LEAD = regex_cache.compile(r"(?:[^\s〔［\[【﹝(（]{2,40}?文件|" + DATE.pattern + r")\s*")
# 索引号 … 文号 某政发〔2024〕3号, | 文号 | 某政发〔2024〕3号 | (a portal's row)
_SPACED_LABEL = regex_cache.compile(r"(?<=[\s|｜])(?:[发發]文字[号號]|文[号號])\s*[|｜]?\s+")
_SIGNER = regex_cache.compile(r"\s*签发人[:：].*$")
# A title's last word, then the number after a space: …的通知 某政发〔2019〕3号
_KINDS = r"(?:通知|意见|办法|规定|决定|方案|通告|公告|批复|细则|规则|要点|计划|规划)"
_TITLE_THEN_NUMBER = regex_cache.compile(_KINDS + r"[ \t　]+(?=\S)")
_TITLE_END = regex_cache.compile(r"^[^。；，,]{4,}?" + _KINDS + r"》?$")  # the rest of a line that is a title


def find(text: str, lines: list[tuple[str, int]], title_end: int | None) -> docnumber.DocNumber | None:
    """The own number among the first `lines` (text, start) of `text`; `title_end` is where the title ends."""
    for i, (line, start) in enumerate(lines):
        if "签发人" in line:  # the sub alone tries its \s* at every character of every line
            line = _SIGNER.sub("", line)
        # Every number has an opening bracket with its year after it (DOC_NUMBER, _BROKEN_LINE) and every label a
        # 号: a line without them is passed over at C speed, not tried by each pattern from every character.
        number = (docnumber.parse_line(line, start) or _after_lead(line, start) or _before_title(line, start)
                  or _after_title(line, start) if i < _HEAD_LINES and docnumber.OPENING.search(line) else None)
        if number is None and ("号" in line or "號" in line):
            number = _labelled(line, start, lines[i + 1] if i + 1 < len(lines) else None)
        if number is None and title_end is not None and start <= title_end <= start + len(line):
            tail = _BRACKETED.match(text, title_end, start + len(line))
            m = docnumber.DOC_NUMBER.fullmatch(text, tail.start("inner"), tail.end("inner")) if tail else None
            number = docnumber.parse(m) if m and docnumber.complete(m) else None
        if number:
            return number
    return None


def _labelled(line: str, start: int, following: tuple[str, int] | None) -> docnumber.DocNumber | None:
    label = _LABEL.match(line) or (_LABEL.search(line) if "：" in line or ":" in line else _SPACED_LABEL.search(line))
    if label is None:
        return None
    if line[label.end():].strip():
        m = docnumber.DOC_NUMBER.match(line, label.end())
        return docnumber.parse(m, start) if m and docnumber.complete(m) else None
    if following is None:
        return None
    value, at = following  # 发文字号： / 镇政发〔2024〕7号, or • 镇政发〔2024〕7号
    lead = _BULLET.match(value).end()
    return docnumber.parse_line(value[lead:], at + lead)


def _after_title(line: str, offset: int) -> docnumber.DocNumber | None:
    """关于加强某项工作的通知 某政发〔2019〕3号: a number after a space closing a title line."""
    m = _TITLE_THEN_NUMBER.search(line)
    n = docnumber.DOC_NUMBER.fullmatch(line, m.end(), len(line.rstrip())) if m else None
    return docnumber.parse(n, offset) if n and docnumber.complete(n) else None


def _before_title(line: str, offset: int) -> docnumber.DocNumber | None:
    """某府发〔2014〕7号《某市人民政府关于……的通知》, 某府办发〔2021〕6号 某区人民政府办公室关于……的通知: a number
    right before the title it belongs to."""
    lead = len(line) - len(line.lstrip())
    m = docnumber.DOC_NUMBER.match(line, lead)
    rest = line[m.end():].strip() if m else ""
    if m and docnumber.complete(m) and (rest.startswith("《") or _TITLE_END.search(rest)):
        return docnumber.parse(m, offset)
    return None


def _after_lead(line: str, offset: int) -> docnumber.DocNumber | None:
    """某县人民政府文件 某政发〔2019〕3号, (2019年1月9日 国办发〔2019〕3号): the number after what may lead it."""
    b = _BRACKETED.match(line)
    s, e = (b.start("inner"), b.end("inner")) if b else (0, len(line.rstrip()))
    lead = _LEAD.match(line, s, e)
    m = docnumber.DOC_NUMBER.fullmatch(line, lead.end(), e) if lead else None
    return docnumber.parse(m, offset) if m and docnumber.complete(m) else None
