"""The document's title, found through the 版头 (GB/T 9704-2012 7.2, 7.3.1).

Above the title stand the 份号, 密级, 紧急程度, the issuer line (XX人民政府文件, XX办公室), the 发文字号 and
签发人; a portal page adds its breadcrumb and metadata table, an attached text its 附件N label, a form its
label (公文标题：…). The title itself may run over several lines up to its kind word (通知, 办法, 意见 …)
and may be letter-spaced (国 家 粮 食). Below it come the 主送 line (各区人民政府：) and the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewtools.extract.dates import DATE
from reviewtools.extract.docnumber import parse_line
from reviewtools.text import regex_cache

# 文种 and the other names a normative document ends with, longest first (实施方案 before 方案).
KINDS = ("工作总结", "实施方案", "行动方案", "工作方案", "实施细则", "实施意见", "指导意见", "管理办法", "暂行办法", "实施办法",
         "暂行规定", "若干规定", "若干措施", "若干意见", "工作要点", "行动计划", "决议", "决定", "命令", "公报", "公告",
         "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要", "办法", "规定", "细则", "方案",
         "规划", "纲要", "规则", "规程", "指引", "指南", "措施", "计划", "要点", "制度", "守则", "标准", "条例", "总结", "讲话")
# Names that end a title without being a kind the checks know (an emergency plan, a list, an outline).
_OTHER_ENDS = ("预案", "清单", "目录", "名录", "大纲", "章程", "公约", "准则", "答复", "复函")
# The 15 文种 of 《党政机关公文处理工作条例》第八条: a title ending in one of them is complete, while one ending
# in 规划 or 制度 may go on (关于加强城乡规划 / 管理工作的通知).
_DOC_KINDS = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函",
              "纪要")
_TAIL = r"(?:[（(][^）)]{1,30}[）)])?"  # （试行）, (2016-2020年), （2019修订）
KIND_END = regex_cache.compile("(" + "|".join(KINDS) + r")" + _TAIL + "$")
_TITLE_END = regex_cache.compile("(?:" + "|".join(KINDS + _OTHER_ENDS) + r")" + _TAIL + "$")
_FINAL_END = regex_cache.compile("(?:" + "|".join(_DOC_KINDS) + r")" + _TAIL + "$")
_SENTENCE_END = regex_cache.compile(r"[。；！？:：，,]$|[。；！？:：]")  # a sentence or a label, never a title
_BODY_START = regex_cache.compile(r"^(?:为了?|根据|依据|按照|依照|经|现将|现就|近年来|近期|第[一二三四五六七八九十]+[章条]|[一二三四五六七八九十]+、)")
_ISSUER_END = regex_cache.compile(
    r"(?:人民政府|办公厅|办公室|委员会|局|厅|部|委|署|院|会|中心|政府|总局|分局|管委会|管理委员会|领导小组|指挥部|法院|检察院|公司)$")
_TITLE_WORDS = regex_cache.compile(r"关于|转发|印发|批转|发布|公布")
_AFTER_ISSUER = ("关于", "印发", "转发", "批转")  # how a title goes on after its issuer's name

# Lines of the 版头 and of a portal page that stand above a title and are never part of it.
_FURNITURE = regex_cache.compile(
    r"^(?:\d{1,8}|[★☆]?(?:绝密|机密|秘密)(?:[★☆].*)?|特急|加急|平急|特提|"  # 份号, 密级, 紧急程度
    r"签发人[:：].*|[-—─_=*·．.\s]{3,}|第?\s*\d+\s*页|[-—–]\s*\d+\s*[-—–]|"  # 签发人, rules, page numbers
    r".*[>»›].*|(?:您的|您当前所在|当前)?位置.*|首页.*|返回顶部|打印本页|关闭窗口|字号.*[大中小].*|下载地址.*|"  # page controls
    r".*\d{4}-\d{1,2}-\d{1,2}.*|.*\d{1,2}:\d{2}.*|"  # a portal's date or time stamp
    r"(?:附\s*件|大\s*纲)\s*\d*\s*[:：]?|目\s*录|\(此件公开发布\)|（此件公开发布）|特此(?:通告|公告|通知|函告|批复)|"
    r"[〇○零Ｏ0-9一二三四五六七八九十]{2,4}年.{1,3}月.{1,3}日)$")  # closing formulae, dates damaged in copying
# A portal's metadata row (索引号：… 发布机构：…), or a label alone on its line (发文字号：).
_META_ROW = regex_cache.compile(
    r"^[-•·|\s]*(?:索\s*引\s*号|主题分类|组配分类|信息分类|分\s*类|发布机构|发文机构|发文机关|制发机关|生成日期|发文日期|"
    r"成文日期|发布日期|公开日期|实施日期|生效时间|废止时间|有\s*效\s*性|主\s*题\s*词|关\s*键\s*词|浏览次数|信息来源|来\s*源|"
    r"内容概述|文\s*号|发文字号|发布时间|时间|作者|责任部门|公开方式|公开范围|登记号|统一编号|浏览量|归档时间|公文种类)\s*[:：]")
# A form's label before the title itself (a 收文处理单 prints 公文标题 in one cell and the title in the next).
_LABEL = regex_cache.compile(r"^[-•·|\s]*(?:(?:公文标题|文件标题|文件名称|来文标题|文件题目)\s*[:：]?|(?:标\s*题|名\s*称|题\s*目)\s*[:：])\s*")
# An attached text's label on the title's own line: 附件1：某市某某管理办法.
_ATTACHED = regex_cache.compile(r"^(?:附\s*件|大\s*纲)\s*\d{0,2}\s*[:：]?\s*(?=\S)")
# White space between two Chinese characters of a title: letter spacing (国 家 粮 食 应 急 预 案, or 国家 粮 食应急预 案
# as a PDF gives the gaps it measures) or an issuer set apart (东阳市人民政府办公室 关于印发…).
_SPACED = regex_cache.compile(r"(?<=[\u3400-\u9fff《》〈〉“”（）])\s+(?=[\u3400-\u9fff《》〈〉“”（）])")
_NUMBER_TAIL = regex_cache.compile(r"\s*[（(](?P<inner>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)?)[）)]$")
_MAX_LINES, _MAX_LEN, _SCAN, _FALLBACK = 4, 100, 40, 12


@dataclass(frozen=True, slots=True)
class Title:
    value: str  # joined, spacing and brackets removed
    start: int  # span in the text, over all its lines
    end: int


@dataclass(frozen=True, slots=True)
class _Part:
    text: str  # the line's part that belongs to a title, label stripped
    start: int
    end: int
    issuer: bool = False  # an issuer line alone (国务院办公厅): part of a title only above 关于…/印发…
    labelled: bool = False  # after a form's label (公文标题：): the title starts here


def kind_of(title: str) -> str | None:
    m = KIND_END.search(re.sub(r"[（(][^）)]*[）)]$", "", title))
    return m[1] if m else None


def _is_issuer(text: str) -> bool:
    return 2 <= len(text) <= 40 and bool(_ISSUER_END.search(text)) and not _TITLE_WORDS.search(text)


def _addressee(text: str) -> bool:
    """The 主送 line: 各区人民政府，市政府各部门： (GB/T 9704-2012 7.3.2)."""
    if not text.endswith((":", "：")) or len(text) > 120 or _META_ROW.match(text):
        return False
    name = text[:-1]
    return name.startswith("各") or "、" in name or "，" in name or "," in name or bool(_ISSUER_END.search(name))


def _below_head(text: str) -> bool:
    """The 主送 line or the body: no title stands here or below."""
    return _addressee(text) or bool(_BODY_START.match(text)) or text.endswith("。") or len(text) > _MAX_LEN


def _part(text: str, start: int) -> _Part | None:
    """What of a head line could be (part of) a title, or None for furniture above the title."""
    if _FURNITURE.match(text) or _META_ROW.match(text) or parse_line(text, 0) is not None \
            or DATE.fullmatch(text) or (text.endswith("文件") and not _TITLE_WORDS.search(text)):
        return None
    column = text.rfind("丨")  # 政务服务丨…: a portal's column name before the title
    if column >= 0:
        text, start = text[column + 1:], start + column + 1
    label = _LABEL.match(text) or _ATTACHED.match(text)
    if label:
        text, start = text[label.end():], start + label.end()
    if not text:
        return None
    if label and _LABEL.match(label[0]):
        return _Part(text, start, start + len(text), labelled=True)
    if _is_issuer(text) and not _TITLE_END.search(text):
        return _Part(text, start, start + len(text), issuer=True)
    tail = _NUMBER_TAIL.search(text)  # 关于…的通知（某政发〔2024〕3号）: the number is not the title
    if tail and parse_line(tail["inner"], 0) is not None:
        text = text[:tail.start()]
    return _Part(text, start, start + len(text))


def _joined(parts: list[_Part]) -> str:
    out = _SPACED.sub("", "".join(p.text for p in parts))
    if out.startswith("《") and out.endswith("》"):
        out = out[1:-1]
    return out


def _bare(value: str) -> str:
    return re.sub(r"[\s《》〈〉“”\"]", "", value)


def _complete(value: str, lines: int) -> bool:
    if not (6 <= len(value) <= _MAX_LEN) or _SENTENCE_END.search(value) or _BODY_START.match(value):
        return False
    return bool(_TITLE_END.search(value) or (lines == 1 and value.startswith("关于") and len(value) <= 60))


def find(lines: list[tuple[str, int]]) -> Title | None:
    """The title among the first lines (text, start) of a document: the first run of at most four lines above
    the 主送 line and the body whose joined text ends with a kind word (or, on one line, starts with 关于).
    A document that opens with its 主送 line (a portal's copy without its 版头) gets the first such run below
    it: the title of the text it sends."""
    head: list[_Part | None] = []
    for text, start in lines[:_SCAN]:
        if _below_head(text):
            break
        head.append(_part(text, start))
    found = _first_run(head)
    if found is not None and not _FINAL_END.search(found.value):
        # A portal's heading (某局公文处理实施细则) above the notice that sends it (关于印发《…》的通知).
        later = _first_run([p if p is not None and p.start >= found.end else None for p in head])
        if later is not None and _FINAL_END.search(later.value) and _bare(found.value) in _bare(later.value):
            found = later
    if found is None and len(head) < len(lines):
        found = _first_run([None if _below_head(t) else _part(t, s) for t, s in lines[:_FALLBACK]])
    return found


def _first_run(parts: list[_Part | None]) -> Title | None:
    for i, first in enumerate(parts):
        if first is None or first.issuer:
            continue
        best = None
        for j in range(i, min(i + _MAX_LINES, len(parts))):
            run = parts[i:j + 1]
            last = run[-1]
            if last is None or last.issuer or (j > i and (last.labelled or not _continues(last.text, first.text))):
                break
            if best is not None and last.text[:4] == first.text[:4]:  # the title again, in another copy
                break
            value = _joined(run)  # type: ignore[arg-type]
            if len(value) > _MAX_LEN:
                break
            if _complete(value, len(run)):
                best = Title(value, first.start, last.end)
                if _FINAL_END.search(value):
                    break
        if best is not None:
            above = parts[i - 1] if i else None
            if above is not None and above.issuer and best.value.startswith(_AFTER_ISSUER):  # 国务院办公厅 / 关于…
                return Title(above.text + best.value, above.start, best.end)
            return best
    return None


_SECTION = regex_cache.compile(r"^(?:第[一二三四五六七八九十百]+[章节部分]|[一二三四五六七八九十]+、)\s*(?P<name>[^，。；：,:]{2,30})$")


def section_kind(lines: list[str]) -> str | None:
    """The kind an excerpt without a title shows in its first section heading (第三章 奖励办法, 四、处罚规定)."""
    for text in lines[:_FALLBACK]:
        m = _SECTION.match(text)
        kind = kind_of(m["name"]) if m else None
        if kind:
            return kind
    return None


def _continues(text: str, first: str) -> bool:
    """Whether a line may carry on a title whose first line is `first`: not a title of its own (关于…, unless
    the first line transmits: 国务院办公厅转发国家教委 / 关于…, or leaves a 《 open: …印发《 / 关于…》的通知), not a
    long bracketed note ((2019年5月6日…通过)), and not after a short first line (a portal's 政策文件)."""
    if len(first) < 6:
        return False
    if first.count("《") > first.count("》"):
        return True
    if text.startswith("关于") and not re.search("转发|批转", first):
        return False
    if "关于" in text and _TITLE_END.search(text) and _complete(text, 1):  # a whole title below a page's lines
        return False
    return not (text.startswith(("（", "(")) and len(text) > 10)
