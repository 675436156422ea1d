"""The fair-competition screening (公平竞争审查) of one document, read off its review.

Every standard of 《公平竞争审查条例》第八–十一条 (corpora/competition_standards.toml) is answered
涉及/不涉及 from the review's competition findings, whose rules name their standard; the exception the
document claims (第十二条, wording from vocab.toml {EXCEPTION}) is shown with its conditions; a conclusion
is suggested and left to the reviewer, whose recorded conclusion (registry) is shown when there is one.
Nothing here detects anything the review does not: this module only arranges it for the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from reviewtools.data.rules import (
    ExceptionItem,
    Standard,
    all_rules,
    exception_wording,
    exceptions,
    expand,
    standards,
)
from reviewtools.review import Review
from reviewtools.terms import place

INVOLVED, NOT_INVOLVED = "涉及", "不涉及"
MANUAL = "需人工判断"  # a standard no rule checks: the tool says neither 涉及 nor 不涉及
SUSPECTED = "疑似（模型提示）"  # only the learned classifier's 疑似 findings touch the standard
NEW, EXISTING, UNDATED = "增量", "存量", "日期不详"
TO_CONFIRM = "待审查人员确认"

# 审查结论 (DOMAIN.md §9.2, from 条例 第十七–十八条): key → (short name, the form's wording).
CONCLUSIONS = {
    "no_effect": ("不具有排除、限制竞争效果", "经审查，该政策措施不具有排除、限制竞争效果，可以出台（实施）。"),
    "exception": ("适用例外", "具有（或者可能具有）排除、限制竞争效果，但符合《公平竞争审查条例》第十二条第{item}项规定情形，"
                           "且没有对公平竞争影响更小的替代方案，实施期限为{period}，可以出台。"),
    "adjust": ("应当调整", "具有排除、限制竞争效果且不符合例外规定，应当调整至符合相关要求后出台。"),
}
# The reviewer's conclusions as the registry keeps them, and the form's conclusion each one ticks.
TICKED = {"不违反": "no_effect", "适用例外": "exception", "违反": "adjust"}

_ITEM_CITED = re.compile(r"公平竞争审查条例》?第十二条第?（([一二三四])）项?")
_ITEM_NUMBERS = "一二三四"


@dataclass(frozen=True, slots=True)
class Passage:
    """Words of the document as written, and where they are (第N页第M段)."""

    text: str
    where: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A competition finding that makes its standard 涉及."""

    rule: str
    title: str  # the rule's title
    quote: str
    where: str
    severity: str
    note: str = ""  # set when exception wording lowered the severity
    score: float | None = None  # a 疑似 finding's model score (Finding.score)


@dataclass(frozen=True, slots=True)
class Answer:
    standard: Standard
    hits: tuple[Hit, ...]
    covered: bool  # some rule checks this standard; if none does, the reviewer answers it alone

    @property
    def involved(self) -> bool:
        return bool(self.hits)

    @property
    def suspected_only(self) -> bool:
        """Every hit is a 疑似 finding of the learned classifier: shown as 疑似（模型提示）, not 涉及."""
        return bool(self.hits) and all(h.score is not None for h in self.hits)

    @property
    def mark(self) -> str:
        if self.hits:
            return SUSPECTED if self.suspected_only else INVOLVED
        return NOT_INVOLVED if self.covered else MANUAL


@dataclass(frozen=True, slots=True)
class ExceptionClaim:
    """Exception wording (例外规定) the document uses, the 第十二条 items it points to, its period."""

    phrase: str  # the exception wording as written
    wording: Passage  # the sentence that holds it
    items: tuple[ExceptionItem, ...]  # empty when the document does not say which item
    period: Passage | None  # the implementation period / termination condition, if stated
    lowered: int  # findings whose severity the wording lowered

    @property
    def item_numbers(self) -> str:
        """（二） or （二）（三） for the form's 第十二条第…项; （　） when unknown."""
        return "".join(f"（{_ITEM_NUMBERS[int(i.key.split('.')[1]) - 1]}）" for i in self.items) or "（　）"


@dataclass(frozen=True, slots=True)
class Recorded:
    """A reviewer's conclusion kept in the registry."""

    conclusion: str  # 违反 / 不违反 / 适用例外
    reason: str
    by: str
    on: str  # when it was recorded, as the registry gives it

    @property
    def ticks(self) -> str:
        """The key of the form's conclusion this one ticks."""
        return TICKED.get(self.conclusion, "")


@dataclass
class Screening:
    review: Review | None  # None once detached (see detach)
    answers: list[Answer]
    exception: ExceptionClaim | None
    recorded: Recorded | None = None
    document: dict = field(init=False, repr=False)  # the review's "document" (title, doc_number, issued_on…)
    path: str = field(init=False)
    title: str = field(init=False)
    sha256: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.document = self.review.document
        self.path, self.title, self.sha256 = self.review.doc.path, self.review.title, self.review.doc.sha256 or ""

    def detach(self) -> Screening:
        """Drop the review (text, analysis) once the forms are written: a batch's summary needs only the rest."""
        self.review = None
        return self

    # ---- particulars ----

    @property
    def doc_number(self) -> str:
        return self.document["doc_number"] or ""

    @property
    def issuer(self) -> str:
        return self.document["issuer"] or ""

    @property
    def issued_on(self) -> str:
        return self.document["issued_on"] or ""

    @property
    def doc_key(self) -> str:
        """The key the registry knows the document by: normalized 文号, else title, else content."""
        from reviewtools.registry import doc_key

        return doc_key(self.document["doc_number"], self.document["title"], self.sha256)

    def period(self, since: date | None) -> str:
        """增量 (issued on or after `since`), 存量, 日期不详; "" when no `since` was given."""
        return new_or_existing(self.issued_on, since)

    # ---- answers ----

    @property
    def involved(self) -> list[Answer]:
        return [a for a in self.answers if a.involved]

    @property
    def manual(self) -> list[Answer]:
        """Standards no rule checks and nothing touched: for the reviewer alone."""
        return [a for a in self.answers if a.mark == MANUAL]

    @property
    def hit_count(self) -> int:
        return sum(len(a.hits) for a in self.answers)

    def groups(self) -> list[tuple[str, list[Answer]]]:
        """The answers by standard group (市场准入和退出…), in the order of the 条例."""
        out: dict[str, list[Answer]] = {}
        for a in self.answers:
            out.setdefault(a.standard.group, []).append(a)
        return list(out.items())

    # ---- conclusion ----

    @property
    def suggestion(self) -> str:
        """The suggested conclusion's key: no hit → no_effect; exception with a period → exception; else adjust."""
        if not self.involved:
            return "no_effect"
        if self.exception and self.exception.period:
            return "exception"
        return "adjust"

    @property
    def suggestion_name(self) -> str:
        return CONCLUSIONS[self.suggestion][0]

    def suggestion_line(self) -> str:
        """The suggested conclusion with its reason, marked as awaiting the reviewer."""
        reason = {"no_effect": "未发现涉及审查标准的内容",
                  "exception": f"涉及审查标准{len(self.involved)}项（{self.hit_count}处），文件援引了例外规定并写明实施期限",
                  "adjust": f"涉及审查标准{len(self.involved)}项（{self.hit_count}处）"
                            + ("，文件援引了例外规定但未写明实施期限或者终止条件" if self.exception else "")}
        manual = f"；另有{len(self.manual)}项审查标准无自动检测规则，需人工判断" if self.manual else ""
        return f"建议结论：{self.suggestion_name}（{reason[self.suggestion]}{manual}），{TO_CONFIRM}。"


def new_or_existing(issued_on: str | None, since: date | None) -> str:
    if since is None:
        return ""
    try:
        day = date.fromisoformat(issued_on or "")
    except ValueError:
        return UNDATED
    return NEW if day >= since else EXISTING


def conclusion_wording(key: str, claim: ExceptionClaim | None = None) -> str:
    """The form's wording of a conclusion; the exception's item and period filled in when known."""
    wording = CONCLUSIONS[key][1]
    if key != "exception":
        return wording
    period = f"“{claim.period.text}”" if claim and claim.period else "＿＿＿＿"
    return wording.format(item=claim.item_numbers if claim else "（　）", period=period)


def screen(review: Review, recorded: Recorded | None = None) -> Screening:
    """The screening of a reviewed document (review.review); `recorded` from the registry, if any."""
    findings = [f for f in review.findings if f.category == "competition" and f.quote is not None]
    by_standard: dict[str, list[Hit]] = {}
    rules = all_rules()
    for f in findings:
        key = rules[f.rule].standard if f.rule in rules else ""
        by_standard.setdefault(key, []).append(
            Hit(f.rule, f.title, f.quote or "", place(f.location), f.severity, f.note, f.score))
    covered = covered_standards()
    answers = [Answer(s, tuple(by_standard.get(key, ())), key in covered) for key, s in standards().items()]
    lowered = sum(1 for f in findings if f.note)
    return Screening(review, answers, _exception(review, lowered), recorded)


@cache
def covered_standards() -> frozenset[str]:
    return frozenset(r.standard for r in all_rules().values() if r.category == "competition" and r.standard)


@cache
def _period_wording() -> re.Pattern:
    return re.compile(expand("{EXCEPTION_PERIOD}"))


def _exception(review: Review, lowered: int) -> ExceptionClaim | None:
    """The exception wording the lexicon check also reads (same view, same pattern), with its item and period."""
    a = review.analysis
    view = a.local
    m = exception_wording().search(view.text)
    if not m:
        return None
    sentence = _sentence(a, view, m.start())
    near = view.text[sentence[0]:sentence[1]]
    items = [i for i in exceptions().values() if any(t in near for t in i.terms)]
    for cited in _ITEM_CITED.finditer(view.text):
        item = exceptions().get(f"12.{_ITEM_NUMBERS.index(cited[1]) + 1}")
        if item and item not in items:
            items.append(item)
    items.sort(key=lambda i: i.key)
    s, e = view.span(m.start(), m.end())
    return ExceptionClaim(a.doc.text[s:e], _passage(a, view, *sentence), tuple(items), _period(a), lowered)


def _period(a) -> Passage | None:
    """The 有效期 clause the metadata found, else the first {EXCEPTION_PERIOD} wording, as its sentence."""
    validity = a.meta.validity
    if validity is not None and validity.start is not None:
        return _passage_original(a, validity.start, validity.end)
    m = _period_wording().search(a.norm.text)
    return _passage(a, a.norm, *_sentence(a, a.norm, m.start())) if m else None


def _sentence(a, view, offset: int) -> tuple[int, int]:
    for s, e in a.sentences(view):
        if s <= offset < e:
            return s, e
    return offset, offset


def _passage(a, view, start: int, end: int) -> Passage:
    s, e = view.span(start, end)
    return _passage_original(a, s, e)


def _passage_original(a, start: int, end: int) -> Passage:
    block = a.doc.block_at(start)
    loc = {k: v for k, v in (block.location() if block else {}).items() if k in ("page", "paragraph")}
    return Passage(a.doc.text[start:end].strip(), place(loc))
