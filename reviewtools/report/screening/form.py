"""What the 公平竞争审查表 says, worded once for the .docx form, the .xlsx form and the terminal."""

from __future__ import annotations

from reviewtools.screening import (
    CONCLUSIONS,
    MANUAL,
    SUSPECTED,
    TO_CONFIRM,
    Answer,
    Screening,
    conclusion_wording,
)
from reviewtools.terms import cn_date

FORM_TITLE = "公平竞争审查表"
CHECKED, UNCHECKED = "☑", "☐"
BLANK = "＿" * 8
NONE = "—"
SECTIONS = ("一、政策措施基本情况", "二、审查标准（《公平竞争审查条例》第八条至第十一条）",
            "三、例外规定（《公平竞争审查条例》第十二条）", "四、审查结论", "五、审查机构意见")
STANDARD_HEADER = ("审查标准", "是否涉及", "原文及位置")
UNCOVERED = "无自动检测规则，请审查人员判断"
_CN = "一二三四五六七八九"


def box(checked: bool, label: str) -> str:
    return f"{CHECKED if checked else UNCHECKED}{label}"


def date_text(iso: str) -> str:
    try:
        return cn_date(iso)
    except ValueError:
        return iso or NONE


def particulars(s: Screening, office: str = "") -> list[tuple[str, str]]:
    """The document's particulars; what the tool cannot know is left blank for the officer."""
    return [("政策措施名称", s.title), ("起草机构", ""), ("文号", s.doc_number or NONE), ("发文机关", s.issuer or NONE),
            ("成文日期", date_text(s.issued_on)), ("涉及行业领域", ""), ("审查机构", office),
            ("征求意见情况", f"{box(False, '征求利害关系人意见')}　{box(False, '向社会公开征求意见')}")]


def group_heading(n: int, group: str, answers: list[Answer]) -> str:
    """（一）市场准入和退出（第八条）: the `n`th group (from 0), its article taken from its standards."""
    article = answers[0].standard.article.split("第（")[0] if answers else ""
    return f"（{_CN[n]}）{group}" + (f"（{article}）" if article else "")


def standard_label(a: Answer) -> str:
    return f"{a.standard.article}　{a.standard.text}"


def mark(a: Answer) -> str:
    """☑涉及 ☐不涉及, or the other way round; ☐涉及 ☑疑似（模型提示） ☐不涉及 when only the learned classifier
    touches the standard, for the reviewer to decide; both unticked and 需人工判断 where no rule checks it."""
    if a.mark == MANUAL:
        return f"{box(False, '涉及')}\n{box(False, '不涉及')}\n{MANUAL}"
    if a.suspected_only:
        return f"{box(False, '涉及')}\n{box(True, SUSPECTED)}\n{box(False, '不涉及')}"
    return f"{box(a.involved, '涉及')}\n{box(not a.involved, '不涉及')}"


def hit_lines(a: Answer) -> list[str]:
    """One line per quote: “原文”（第N页第M段；规则名称）, severity lowered noted."""
    if not a.hits:
        return [UNCOVERED] if not a.covered else []
    return [f"“{h.quote}”（{h.where}；{h.title}" + ("；因援引例外规定已降低严重程度" if h.note else "")
            + (f"；模型评分 {h.score:.2f}，供参考" if h.score is not None else "") + "）" for h in a.hits]


def exception_rows(s: Screening) -> list[tuple[str, str]]:
    """The exception claimed and its three conditions (第十二条): item, no lesser alternative, period."""
    c = s.exception
    if c is None:
        return [("文件是否援引例外规定", f"{box(False, '是')}　{box(True, '否')}（未发现例外规定的表述）"),
                ("对应情形", NONE), ("没有对公平竞争影响更小的替代方案", NONE), ("合理的实施期限或者终止条件", NONE)]
    items = "；".join(f"{i.article}：{i.text}" for i in c.items) or f"文件未写明，{TO_CONFIRM}"
    period = (f"文件写明“{c.period.text}”（{c.period.where}）；期限是否合理{TO_CONFIRM}" if c.period
              else "文件未写明实施期限或者终止条件（不符合第十二条的条件）")
    rows = [("文件是否援引例外规定", f"{box(True, '是')}　{box(False, '否')}"),
            ("援引的表述", f"“{c.phrase}”（{c.wording.where}）；原句：{c.wording.text}"),
            ("对应情形", items),
            ("没有对公平竞争影响更小的替代方案", f"{TO_CONFIRM}　{box(False, '是')}　{box(False, '否')}"),
            ("合理的实施期限或者终止条件", period)]
    if c.lowered:
        rows.append(("说明", f"因援引例外规定，{c.lowered}处问题已降低严重程度，仍列为涉及，请复核。"))
    return rows


def conclusion_options(s: Screening) -> list[str]:
    """The three conclusions with their boxes; only a recorded reviewer conclusion ticks one."""
    ticked = s.recorded.ticks if s.recorded else ""
    return [box(key == ticked, conclusion_wording(key, s.exception)) for key in CONCLUSIONS]


def tool_suggestion(s: Screening) -> str:
    """The suggested conclusion as the form's conclusion block words it, beside the boxes."""
    return f"工具建议：{s.suggestion_line().removeprefix('建议结论：')}"


def recorded_line(s: Screening) -> str:
    r = s.recorded
    if r is None:
        return "审查人员结论：尚未记录（可用 reviewtools screen-conclude 记录）。"
    who = "，".join(x for x in (r.by, date_text(r.on[:10]) if r.on else "") if x)
    return f"审查人员结论（已记录）：{r.conclusion}。理由：{r.reason}" + (f"（{who}）" if who else "")


def opinion_lines() -> list[str]:
    """The reviewing office's opinion, left blank for it to write in."""
    return ["审查机构意见：", "", "", "其他需要说明的情况：", "", ""]


def signature_lines() -> list[str]:
    """The signatures and the seal, set to the right."""
    return [f"审查人（签字）：{BLANK}", f"审查机构负责人（签字）：{BLANK}", "（审查机构盖章）", "年　　月　　日"]


def filled_on(s: Screening) -> str:
    return f"填表日期：{cn_date(s.review.analysis.settings.as_of)}"


def hit_keys(s: Screening) -> str:
    """8.3 限定特定经营者的商品或服务；9.2 … — the standards hit, for summaries."""
    return "；".join(f"{a.standard.key} {a.standard.short or a.standard.text}" + ("（疑似）" if a.suspected_only else "")
                    for a in s.involved)
