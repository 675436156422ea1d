"""The fixed Chinese vocabulary of the tool, each word defined once, and how numbers, dates and places read."""

from __future__ import annotations

from datetime import date

CATEGORIES = ("length", "upper_law", "competition", "outdated", "powers", "format", "validity")
CATEGORY_NAMES = {"length": "篇幅", "upper_law": "制定依据", "competition": "公平竞争", "outdated": "过时引用",
                  "powers": "越权设定", "format": "格式规范", "validity": "有效期"}
SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "严重", "warning": "警告", "info": "提示"}
VERDICT_NAMES = {"pass": "同意", "revise": "修改后同意", "reject": "不予同意"}
# What a memo says instead of a verdict for a document that is not a normative document (verdict reject).
NOT_NORMATIVE_VERDICT = "不予审核（不属于行政规范性文件，按一般公文办理）"

# The annual cleanup: what a document becomes, and which of those stay in the catalogue of valid documents.
CLEANUP_STATUSES = ("继续有效", "修改", "废止", "宣布失效")
VALID_STATUSES = ("继续有效", "修改")
# What a published catalogue says of each: whether a valid document is to be amended is the office's business.
PUBLISHED_STATUS = {"继续有效": "现行有效", "修改": "现行有效", "废止": "废止", "宣布失效": "宣布失效"}
# Where a document replaced by a later one goes (cleanup.replaced): 废止, or 宣布失效 as some provinces do.
REPLACED_STATUSES = ("废止", "宣布失效")
# A reviewer's conclusion of a fair-competition screening.
REVIEWER_CONCLUSIONS = ("违反", "不违反", "适用例外")
# Why an officer set a finding aside.
WAIVER_STATUSES = {"accepted": "已接受（不作修改）", "not_applicable": "不适用"}
# An officer's decision on one finding (registry.drafts): 采纳 keeps it in the memo; 豁免 and 误报 set it apart
# as waivers of the status review.waivers.DECISION_STATUS gives them.
FINDING_DECISIONS = {"accepted": "采纳", "waived": "豁免", "wrong": "误报"}

_DIGITS = "零一二三四五六七八九"


def cn_date(day: date | str) -> str:
    """2026年1月5日 (GB/T 9704: full year, no padded month or day); accepts a date or an ISO string."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.year}年{day.month}月{day.day}日"


def cn_number(n: int) -> str:
    """一, 十二, 二十, 一百零五: the ordinals of （一）-style headings (Arabic digits from 1000 on)."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    if n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + _DIGITS[rest]
    else:
        tail = ("一" if rest < 20 else "") + cn_number(rest)
    return _DIGITS[hundreds] + "百" + tail


def place(loc: dict[str, int]) -> str:
    """A location {page, paragraph} as 第N页第M段 (全文 when empty)."""
    text = (f"第{loc['page']}页" if "page" in loc else "") + (f"第{loc['paragraph']}段" if "paragraph" in loc else "")
    return text or "全文"


# The years a review, a cleanup or a catalogue can be about: normative documents of the People's Republic.
FIRST_YEAR, LAST_YEAR = 1949, 2100


def year_of(value) -> int:
    """`value` (an int, or text such as "2026") as a year FIRST_YEAR…LAST_YEAR; else ValueError whose text is the
    Chinese clause saying what it should be (the command line and the workbench word their refusals with it)."""
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    else:
        try:
            year = int(str(value).strip())
        except ValueError:
            raise ValueError("应为年度，如 2026") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"应为 {FIRST_YEAR} 至 {LAST_YEAR} 之间的年度")
    return year


def day_of(value) -> date:
    """`value` (a date, or text such as "2026-11-22") as a date in the years year_of accepts; else ValueError
    whose text is the Chinese clause saying what it should be."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError("应为日期，如 2026-11-22") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"应为 {FIRST_YEAR} 至 {LAST_YEAR} 年间的日期")
    return day
