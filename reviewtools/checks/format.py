"""格式 per GB/T 9704-2012, on the raw text (normalizing would hide exactly these errors)."""

from __future__ import annotations

from collections.abc import Iterator

from reviewtools.analyze import Analysis, Finding
from reviewtools.extract.docnumber import CN_YEAR, DOC_NUMBER, DocNumber, find_all, find_unbracketed
from reviewtools.terms import cn_date
from reviewtools.text import regex_cache

_GB9704_2012 = "2012-07-01"
# Codes of numbers that are not 发文字号 (合同编号（2023）15号, 案号, 证号, 备案号): everything else written
# code + bracketed year + serial + 号 is one, whatever the agency code (国经贸贸易, 农明字, 某政告).
_NOT_AGENCY = regex_cache.compile(r"(?:编号|序号|案号|证号|备案|合同|批次|期)$")
# How agency codes end (…政发, …府办, …委函, …字, …规): a number that lost its 号 before 文件 is one only with such a code.
_CODE_END = regex_cache.compile(r"[发函办字规政府委]$")
# What a number in a portal's table has at least: a year and a serial, or 号.
_NUMBER_LIKE = regex_cache.compile(r"(?:19|20)\d{2}\D{0,3}\d|\d\s*号")
_FULL_WIDTH = regex_cache.compile("[０-９]")
# GB/T 9704-2012 asks for Arabic numerals and says nothing of their width: full-width digits alone are a 提示.
_FULL_WIDTH_PROBLEM = "年份、发文顺序号宜用半角阿拉伯数字（此处为全角数字）"
# Spaces between the parts are the layout's (a PDF's text keeps them), not the date's form.
_GOOD_DATE = regex_cache.compile(r"(?:19|20)\d{2}\s*年\s*(?:1[0-2]|[1-9])\s*月\s*(?:3[01]|[12]\d|[1-9])\s*日")


def problems(written: str) -> list[str]:
    """What is wrong with a 发文字号 as written, by GB/T 9704-2012 7.2.5."""
    m = DOC_NUMBER.search(written)
    if not m:
        return ["年份应用六角括号“〔〕”括入（此处未加括号）"] if find_unbracketed(written) else (
            ["缺少六角括号“〔〕”或“号”字"] if written else [])
    out = []
    if not m["close"]:
        out.append("年份后缺少右括号“〕”")
    if m["open"] != "〔" or m["close"] not in ("〕", None):
        out.append(f"年份应用六角括号“〔〕”括入（此处为“{m['open']}{m['close'] or ''}”）")
    if CN_YEAR.fullmatch(m["year"]):
        out.append(f"年份应用阿拉伯数字标注（此处为“{m['year']}”）")
    elif len(m["year"]) != 4:
        out.append("年份应标全称（四位）")
    if m["nian"]:
        out.append("括入的年份后不加“年”字")
    if m["di"] and not m["code"].endswith("令"):  # an order is numbered 第…号 (某政令〔2010〕第15号, 国务院令第783号)
        out.append("发文顺序号不加“第”字")
    if not m["serial"].isdigit():
        out.append(f"发文顺序号应用阿拉伯数字标注（此处为“{m['serial']}”）")
    elif m["serial"].startswith("0"):
        out.append("发文顺序号不编虚位（1 不编为 01）")
    if _FULL_WIDTH.search(m["year"] + m["serial"]):
        out.append(_FULL_WIDTH_PROBLEM)
    if not m["hao"]:
        out.append("顺序号后应加“号”字")
    elif m["twice"]:
        out.append("“号”字重复")
    return out


def check(a: Analysis) -> Iterator[Finding]:
    own = a.meta.doc_number
    # A portal's table may fill the field with no number at all (文号：无, 暂无, —): nothing to check.
    portal_blank = own is not None and own.start is None and not _NUMBER_LIKE.search(own.text or "")
    found = problems(own.text) if own and own.text and not portal_blank else []
    if found:
        # A number only the portal's metadata table carries (文号：…) has no place in the text to quote.
        note = "" if own.start is not None else f"发文字号取自网页元数据表（“{own.text}”），正文中未出现。"
        # Portals and law databases often retype 〔〕 as () or [] in their tables (【发布文号】穗府办[1998]52号 above
        # a text that writes 穗府办〔1998〕52号): from the table alone, or beside the text's own well-formed copy,
        # the brackets are a 提示.
        brackets_only = all("括号" in p for p in found) and (own.start is None or _written_well(a, own.value))
        f = a.finding("format.doc_number", own.start, own.end, problems="；".join(found), normalized=own.value,
                      note=note + ("网页元数据表常将六角括号改排为其他括号，请以正式文本核对。" if brackets_only else ""),
                      severity="info" if brackets_only or found == [_FULL_WIDTH_PROBLEM] else None)
        if f.quote is None:  # quoted as the table writes it, with no place in the text to mark
            m = DOC_NUMBER.search(own.text)
            f.quote = m.group(0) if m else own.text
        yield f
    seen = {own.value} if own else set()
    for n in _cited(a):
        if n.normalized in seen or (own and own.start is not None and own.start <= n.start < own.end):
            continue
        found = problems(n.written)
        if found:
            seen.add(n.normalized)
            # GB/T 9704-2012 7.2.5 is verified: a malformed number is a 警告 wherever it stands (the width of
            # its digits aside).
            yield a.finding("format.cited_doc_number", n.start, n.end, problems="；".join(found),
                            normalized=n.normalized, severity="info" if found == [_FULL_WIDTH_PROBLEM] else None)
    date = a.meta.issued_on
    # Dates in Chinese numerals were the rule before GB/T 9704-2012 took effect (2012-07-01).
    if date and date.start is not None and date.value >= _GB9704_2012 and not _GOOD_DATE.fullmatch(date.text):
        yield a.finding("format.date_style", date.start, date.end, normalized=cn_date(date.value))


def _written_well(a: Analysis, normalized: str) -> bool:
    """Whether the text also writes the number `normalized` as GB/T 9704-2012 has it."""
    return any(n.normalized == normalized and n.written == normalized for n in find_all(a.doc.text))


def _cited(a: Analysis) -> list[DocNumber]:
    """Numbers after cited titles (《…》（某政发〔2018〕3号）) and those written alone in running text
    (根据厦海政[2018]69号文, 根据某政发2018年69号文), the latter only when they end with 号, or 文 follows them
    (根据某政发〔2018〕69文件: 号 lost), and their code is an agency's."""
    after_titles = {c.doc_number.start: c.doc_number for c in a.citations if c.doc_number is not None}
    alone = {n.start: n for n in (*find_all(a.doc.text), *find_unbracketed(a.doc.text))
             if (n.written.endswith(("号", "號")) or a.doc.text.startswith("文", n.end) and _CODE_END.search(n.code))
             and not _NOT_AGENCY.search(n.code)}
    return [n for _, n in sorted({**alone, **after_titles}.items())]
