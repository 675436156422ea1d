"""Government portal pages (and .txt copies of them): keep the article, drop the site around it.

Portals wrap a document in navigation, breadcrumbs (当前位置), font-size bars (字体大小), login bars,
share buttons and footers (主办单位, ICP备案, 网站识别码, 公网安备, 版权声明), and print a metadata
table (索引号, 发布机构, 发文日期, 文号…). Both arrive here as lines; the table is read into metadata
and every line of the site is dropped. Lines are kept whole, so the article stays text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewtools.text.literals import Screen

# Metadata keys as portals print them → the name kept in Document.portal.
KEYS = {
    "索引号": "索引号", "信息索引号": "索引号",
    "发布机构": "发布机构", "发文机关": "发布机构", "责任部门": "发布机构", "发文单位": "发布机构", "制发机关": "发布机构",
    "发文机构": "发布机构", "公开责任部门": "发布机构", "信息来源": "来源",
    "成文日期": "成文日期", "发文日期": "成文日期", "发文时间": "成文日期", "印发日期": "成文日期",
    "发布日期": "发布日期", "发布时间": "发布日期", "生成日期": "发布日期", "公开日期": "发布日期", "时间": "发布日期",
    "生效日期": "施行日期", "实施日期": "施行日期", "施行日期": "施行日期",
    "失效日期": "失效日期", "废止日期": "失效日期", "有效性": "有效性", "时效": "有效性",
    "文号": "发文字号", "发文字号": "发文字号", "文件编号": "发文字号", "文件字号": "发文字号", "发文编号": "发文字号",
    "标题": "标题", "名称": "标题", "文件名称": "标题",
    "主题分类": "主题分类", "组配分类": "组配分类", "体裁分类": "体裁分类", "主题词": "主题词",
    "公开方式": "公开方式", "公开范围": "公开范围", "公开形式": "公开方式",
    "登记号": "登记号", "统一编号": "登记号",
    # Page furniture printed in the same shape; read, then dropped.
    "作者": "", "编辑": "", "来源": "来源", "文章来源": "来源", "字号": "", "浏览次数": "", "点击数": "",
    "阅读次数": "", "访问量": "", "责任编辑": "",
}
# A key that is page furniture unless its value has a field's shape: 字号：大 中 小 is the font size, while some portals
# label the document's number so (字号：某府办〔2018〕52号).
_SHAPED = {"字号": ("发文字号", re.compile(r"[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d+\s*[号號]"))}
_KEY_RE = re.compile(r"^\s*(" + "|".join(sorted(KEYS, key=len, reverse=True)) + r")\s*[:：]\s*(.*)$")
# What a metadata line starts with: its first non-empty cell begins after pipes and spaces, and _KEY_RE must
# match that cell, so a line this does not match is no metadata line (and costs no split into cells).
_KEY_START = re.compile(r"[\s|]*(?:" + "|".join(sorted(KEYS, key=len, reverse=True)) + r")\s*[:：]")
_DATE_LIKE = re.compile(r"^\s*(?:19|20)\d{2}\s*[-年./]")
# One space before the next key: `发布时间：2023-03-01 来源：县政府办 文号：某政发〔2023〕5号`.
_NEXT_KEY = re.compile(r"\s+(?=(?:" + "|".join(sorted(KEYS, key=len, reverse=True)) + r")\s*[:：])")

# Lines of the site around the article. Matched on short lines only (a paragraph of the article that
# happens to mention 版权 or 登录 is never dropped).
_BOILERPLATE = re.compile(
    r"用户名|^\s*(?:登录|注册|退出|无障碍|繁体|简体|长者模式)\b|"
    r"当前位置|您的位置|您现在的位置|(?:您|当前|所在|现在)[^，。]{0,4}位置\s*[:：]|^\s*首页\s*[>＞»/]|[>＞»]\s*正文\s*$|"
    r"字体大小|(?:字体|字号)\s*[:：]?\s*[【\[(（]?\s*大\s*[】\])）]?\s*[【\[(（]?\s*中|(?<![文件])字号\s*[:：]|"
    r"打印本页|打印本文|关闭窗口|【?\s*打印\s*】?\s*【?\s*关闭\s*】?|分享到|扫一扫|收藏本页|加入收藏|设为首页|"
    r"(?:主办|承办|协办)(?:单位)?\s*[:：]|(?:技术支持|运维单位)\s*[:：]|网站标识码|网站识别码|公网安备|"
    r"版权所有|版权声明|©|本网站所载|本站所载|转载请注明|"
    r"浏览次数|阅读次数|访问量|点击数|上一篇|下一篇|相关链接|相关文章|相关阅读|返回顶部|"
    r"联系我们|网站地图|网站声明|隐私声明|建议使用.{0,20}浏览器|分辨率|"
    r"即将离开|是否继续[?？]|(?:^|\s)确定\s*取消\s*$|^\s*(?:确定|取消|关闭|分享|打印|收藏)\s*$",
)
_IS_BOILERPLATE = Screen(_BOILERPLATE)
# Shapes kept apart from _BOILERPLATE, tried more cheaply than its screen would: two whose only literals are single
# characters (密 码, 【大】【中】: the screen would look for 中 and 密, in nearly every line of Chinese text), and the
# Latin words, ignoring case (a screen ignoring case tries every position slowly). Both only in a line holding a
# character every match of one of them has (密, 【 or [; C or E in any case), found by one scan of a class.
_BOILERPLATE_SPACED = re.compile(r"密\s*码|[【\[]\s*大\s*[】\]]\s*[【\[]\s*中\s*[】\]]")
_BOILERPLATE_LATIN = re.compile(r"^\s*English\b|ICP\s*备|ICP证|Copyright", re.I)
_APART_FIRST = re.compile(r"[密【\[CcEe]")
_SITE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:政务服务综合平台|政务服务网|人民政府网站?|门户网站|政府网|政务网|平台)$")
_BOILERPLATE_MAX = 160


@dataclass(slots=True)
class Line:
    text: str
    kind: str = "paragraph"
    table: int | None = None
    row: int | None = None
    cell: int | None = None


def article(lines: list[str]) -> tuple[list[int], dict[str, str]]:
    """(the numbers of the lines of the article, portal metadata). Metadata keeps the first value seen for each key."""
    meta: dict[str, str] = {}
    kept: list[int] = []
    started = False  # after the first paragraph-length line, a lone "key: value" line is article text
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        pairs = metadata_pairs(text, head=not started)
        if pairs is not None:
            for key, value in pairs:
                field = _field(key, value)
                if field and value and field not in meta:
                    meta[field] = value
            continue
        if len(text) <= _BOILERPLATE_MAX and (is_boilerplate(text) or (not started and _SITE_NAME.match(text))):
            continue
        if len(text) > 60:
            started = True
        kept.append(i)
    return kept, meta


def is_boilerplate(text: str) -> bool:
    """A line of the site: as one search of the three patterns together, ignoring case, would tell."""
    return _IS_BOILERPLATE(text) or bool(_APART_FIRST.search(text) and (_BOILERPLATE_SPACED.search(text)
                                                                         or _BOILERPLATE_LATIN.search(text)))


def metadata_pairs(text: str, head: bool) -> list[tuple[str, str]] | None:
    """The (key, value) pairs of a metadata line, or None when the line is not one.

    Shapes seen: `索引号: | 7723/2020-76839 | 组配分类: | 计划总结 |`, `| 索引号:01236931-5/2020 | |`,
    `时间:2017-06-26  作者:超管  文章来源:局办公室`, `发布时间 : 2016-07-14 10:38:42    编辑 : 本站编辑`,
    `发布时间：2023-03-01 来源：县政府办 文号：某政发〔2023〕5号` (one space before each key: split there
    when every part is then a key's).
    """
    if not _KEY_START.match(text):
        return None
    tabular = "|" in text
    cells = [c.strip() for c in (text.split("|") if tabular else re.split(r"\s{2,}|\u3000+", text))]
    cells = [c for c in cells if c]
    finer = [part for c in cells for part in _NEXT_KEY.split(c) if part]
    return (_pairs(finer, tabular, head) if len(finer) > len(cells) else None) or _pairs(cells, tabular, head)


def _pairs(cells: list[str], tabular: bool, head: bool) -> list[tuple[str, str]] | None:
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(cells):
        m = _KEY_RE.match(cells[i])
        if not m:
            return None
        key, value = m.group(1), m.group(2).strip()
        if not value and i + 1 < len(cells) and not _KEY_RE.match(cells[i + 1]):
            value = cells[i + 1]
            i += 1
        pairs.append((key, value))
        i += 1
    if not pairs:
        return None
    if tabular or len(pairs) >= 2:
        return pairs
    key, value = pairs[0]
    # A lone "key: value" line counts only in the page head, and only with a value of the right shape.
    if head and (not value or _DATE_LIKE.match(value) or _field(key, value) in ("索引号", "发文字号", "发布机构")):
        return pairs
    return None


def _field(key: str, value: str) -> str:
    """The metadata field a key's value fills ('' for page furniture)."""
    field, shape = _SHAPED.get(key, ("", None))
    return field if shape is not None and shape.search(value) else KEYS[key]
