"""What the folder report says, in both formats: the batch's particulars, counts by issuer, by category and by
rule, and every 严重 finding with the document it is in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from reviewtools.errors import clean_name
from reviewtools.report.memo.fields import category_name
from reviewtools.terms import CATEGORIES, SEVERITY_NAMES, VERDICT_NAMES, cn_date, place
from reviewtools.text.titles import nest_titles

TITLE = "规范性文件合法性审查汇总报告"
UNKNOWN_ISSUER = "（未识别发文机关）"
SEVERITIES = tuple(SEVERITY_NAMES)  # error, warning, info
ISSUER_HEADER = ("发文机关", "文件数", *SEVERITY_NAMES.values(), "合计")
CATEGORY_HEADER = ("类别", *SEVERITY_NAMES.values(), "合计", "涉及文件数")
RULE_HEADER = ("类别", "问题", "规则", *SEVERITY_NAMES.values(), "涉及文件数")
GRAVE_HEADER = ("序号", "文件", "问题", "原文", "位置", "依据")


@dataclass
class Batch:
    reviews: list  # Review
    failed: list  # ReadError
    as_of: date
    office: str

    def overview(self) -> list[str]:
        """The report's opening sentences; nothing on findings or conclusions when no file could be read."""
        lines = [f"审查基准日{cn_date(self.as_of)}，共审查文件{len(self.reviews)}件"
                 + (f"，另有{len(self.failed)}件无法读取，未作审查（文件和原因附后）" if self.failed else "") + "。"]
        if not self.reviews:
            return lines
        verdicts = Counter(r.verdict_name for r in self.reviews)
        names = [*VERDICT_NAMES.values(), *(v for v in verdicts if v not in VERDICT_NAMES.values())]
        lines.append("建议结论：" + "，".join(f"{name}{verdicts[name]}件" for name in names) + "。")
        totals = self.totals()
        found = sum(totals)
        parts = "、".join(f"{SEVERITY_NAMES[s]}{n}条" for s, n in zip(SEVERITIES, totals, strict=True) if n)
        lines.append(f"共提出意见{found}条，其中{parts}。" if found else "审查的文件均未发现需要修改的问题。")
        return lines

    def totals(self) -> tuple[int, ...]:
        return tuple(sum(r.summary[s] for r in self.reviews) for s in SEVERITIES)

    def by_issuer(self) -> list[tuple]:
        """(issuer, files, 严重, 警告, 提示, 合计), gravest first, then a 合计 row."""
        rows: dict[str, list[int]] = {}
        for r in self.reviews:
            counts = rows.setdefault(r.document["issuer"] or UNKNOWN_ISSUER, [0] * (len(SEVERITIES) + 1))
            counts[0] += 1
            for i, s in enumerate(SEVERITIES, 1):
                counts[i] += r.summary[s]
        ordered = sorted(rows.items(), key=lambda kv: ([-n for n in kv[1][1:]], kv[0] == UNKNOWN_ISSUER, kv[0]))
        out = [(issuer, *counts, sum(counts[1:])) for issuer, counts in ordered]
        totals = self.totals()
        return out + [("合计", len(self.reviews), *totals, sum(totals))] if out else out

    def by_category(self) -> list[tuple]:
        """(category, 严重, 警告, 提示, 合计, files) in the order of the categories, then a 合计 row."""
        counts, files = self._tally(lambda f: f.category)
        out = [(category_name(c), *(counts[c][s] for s in SEVERITIES), sum(counts[c].values()), len(files[c]))
               for c in sorted(counts, key=_category_order)]
        if not out:
            return out
        totals = self.totals()
        return out + [("合计", *totals, sum(totals), len(set().union(*files.values())))]

    def by_rule(self) -> list[tuple]:
        """(category, title, rule, 严重, 警告, 提示, files) in category order, the commonest rule first."""
        counts, files = self._tally(lambda f: (f.category, f.rule))
        titles = {f.rule: f.title for r in reversed(self.reviews) for f in reversed(r.findings)}  # the first one's
        keys = sorted(counts, key=lambda k: (_category_order(k[0]), -sum(counts[k].values()), k[1]))
        return [(category_name(cat), titles[rule], rule, *(counts[cat, rule][s] for s in SEVERITIES),
                 len(files[cat, rule])) for cat, rule in keys]

    def _tally(self, key) -> tuple[dict, dict]:
        """Per key(finding): how many findings of each severity, and in which files (their indexes)."""
        counts: dict = {}
        files: dict = {}
        for n, r in enumerate(self.reviews):
            for f in r.findings:
                counts.setdefault(key(f), Counter())[f.severity] += 1
                files.setdefault(key(f), set()).add(n)
        return counts, files

    def grave(self) -> list[tuple]:
        """(序号, document, problem, quote, place, basis) of every 严重 finding, document by document."""
        out = []
        for r in self.reviews:
            for f in r.findings:
                if f.severity == "error":
                    out.append((str(len(out) + 1), document_label(r), f.title, f.quote or "—", place(f.location),
                                f.basis))
        return out

    def unreadable(self) -> list[tuple[str, str]]:
        return [(clean_name(e.path), e.cause) for e in self.failed]


def _category_order(category: str) -> int:
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def document_label(review) -> str:
    """《标题》（文号） and the file's name: the leadership reads titles, the office finds files."""
    d = review.document
    name = clean_name(PurePath(review.doc.path.replace("!", "/")).name)
    head = nest_titles(f"《{review.title}》") + (f"（{d['doc_number']}）" if d["doc_number"] else "")
    return f"{head}\n{name}"
