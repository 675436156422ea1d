"""Rules as data: every rule of every check lives in corpora/rules/*.toml with its examples.

A rule has a stable id, a Chinese title, a category, a severity, its basis (the article it enforces),
a message and a suggestion, and examples that must and must not trigger it (run by the tests).
Lexicon rules also carry `anchors` (literal strings looked for in one pass over the text, text.matcher) and
`patterns` (regexes run only in sentences where an anchor occurs); code checks read the same
metadata for the rules they implement. `{NAME}` in a pattern expands from a [vocab] table (vocab.toml, or the rules file itself).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reviewtools import cached, terms
from reviewtools.data import tables
from reviewtools.data.tables import read_rows
from reviewtools.errors import DataError
from reviewtools.resources import corpus, data_dir
from reviewtools.terms import CATEGORIES, SEVERITIES
from reviewtools.text import regex_cache

_FIELDS = {"id", "category", "title", "severity", "basis", "message", "suggestion", "help", "standard", "anchors",
           "patterns", "unless", "requires", "requires_lead", "exception", "verified", "must", "must_not", "note"}
_REQUIRED = ("id", "category", "title", "severity", "basis", "message", "suggestion", "must", "must_not")
_PLACEHOLDER = regex_cache.compile(r"\{([A-Z_]+)\}")


class Regex:
    """A rule's regex, compiled on first use: a review reaches the patterns of only some of the rules, and
    compiling all of them would be most of the start-up time. `compile_all` checks every one at once."""

    __slots__ = ("pattern", "where", "_compiled")
    flags = 0

    def __init__(self, pattern: str, where: str):
        self.pattern, self.where, self._compiled = pattern, where, None

    def compile(self) -> re.Pattern:
        if self._compiled is None:
            try:
                self._compiled = regex_cache.compile(self.pattern)
            except re.error as exc:
                raise RuleError(f"{self.where}：正则表达式有误（{exc}）：{self.pattern}") from exc
        return self._compiled

    def search(self, *args) -> re.Match | None:
        return (self._compiled or self.compile()).search(*args)

    def finditer(self, *args) -> Iterator[re.Match]:
        return (self._compiled or self.compile()).finditer(*args)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Regex) and (self.pattern, self.where) == (other.pattern, other.where)

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r})"


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    as_of: str | None = None
    jurisdiction: str | None = None

    def __reduce__(self):
        # Unpickled through the constructor: a slotted dataclass's generic __setstate__ costs every start 10 ms.
        return Example, (self.text, self.as_of, self.jurisdiction)


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    title: str
    severity: str
    basis: str
    message: str
    suggestion: str
    must: tuple[Example, ...]
    must_not: tuple[Example, ...]
    help: str = ""
    standard: str = ""  # the review standard a competition rule belongs to (条例 item)
    anchors: tuple[str, ...] = ()
    patterns: tuple[Regex, ...] = ()
    unless: tuple[Regex, ...] = ()
    requires: tuple[Regex, ...] = ()
    requires_lead: bool = False  # what `requires` asks for may stand in the lead-in of the list the sentence is an item of
    exception: bool = False  # exception wording (例外规定) in the document lowers the severity
    verified: str = "yes"
    note: str = ""
    source: str = field(default="", compare=False)

    @property
    def lexical(self) -> bool:
        return bool(self.patterns)


class RuleError(DataError):
    """A rules file that cannot be loaded (bad field, bad pattern, example format)."""


def vocab() -> dict[str, str]:
    """{NAME}s from the [vocab] tables of vocab.toml (shared words) and of each rules file (its own words)."""
    return _loaded()[0]


def expand(pattern: str) -> str:
    return _expand(pattern, vocab())


def _expand(pattern: str, words: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        if m[1] not in words:
            raise RuleError(f"未定义的占位符 {{{m[1]}}}")
        return f"(?:{_expand(words[m[1]], words)})"

    return _PLACEHOLDER.sub(sub, pattern)


@cache
def exception_wording() -> re.Pattern:
    """The exception wording of {EXCEPTION} (例外规定): lowers competition findings; the screening form reads it too."""
    return regex_cache.compile(expand("{EXCEPTION}"))


def _examples(items: list, where: str) -> tuple[Example, ...]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and "text" in item:
            out.append(Example(item["text"], item.get("as_of"), item.get("jurisdiction")))
        else:
            raise RuleError(f"{where}：示例格式不对（应为字符串或含 text 的表）")
    return tuple(out)


def _compile(patterns: list[str], where: str, words: dict[str, str]) -> tuple[Regex, ...]:
    out = []
    for p in patterns:
        if "\\b" in p:
            raise RuleError(f"{where}：中文模式不能使用 \\b：{p}")
        out.append(Regex(_expand(p, words), where))
    return tuple(out)


# A national document named in a basis by its 文号 alone (国办发〔2018〕37号 一（一）), as rule files write it.
_BARE_NUMBER = regex_cache.compile(r"(?<![（(])(?P<number>[\u4e00-\u9fa5]{1,8}〔\d{4}〕\d+号)(?![）)])"
                                   r"(?:\s*(?P<part>[一二三四五六七八九十]{1,3})（(?P<item>[一二三四五六七八九十]{1,3})）)?")


@cache
def _cited_titles() -> dict[str, str]:
    return {row["doc_number"]: row["title"] for row in read_rows("cited.csv")}


def cite(basis: str) -> str:
    """`basis` as a memo cites it: title first, then the 文号 in round brackets, then the part and item
    (《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）第一部分第（一）项), for
    every document of corpora/cited.csv; others are left as written."""
    def full(m: re.Match) -> str:
        title = _cited_titles().get(m["number"])
        if title is None:
            return m.group(0)
        where = f"第{m['part']}部分第（{m['item']}）项" if m["part"] else ""
        return f"《{title}》（{m['number']}）{where}"

    return _BARE_NUMBER.sub(full, basis)


def parse_rule(raw: dict, source: str, words: dict[str, str] | None = None) -> Rule:
    """A rule of a rules file; its patterns' {NAME}s expand from `words` (by default the corpora's vocab)."""
    words = vocab() if words is None else words
    where = f"{source} 规则 {raw.get('id', '?')}"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise RuleError(f"{where}：未知字段 {', '.join(sorted(unknown))}")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise RuleError(f"{where}：缺少字段 {', '.join(missing)}")
    if raw["category"] not in CATEGORIES:
        raise RuleError(f"{where}：category 必须是 {'/'.join(CATEGORIES)}")
    if raw["severity"] not in SEVERITIES:
        raise RuleError(f"{where}：severity 必须是 {'/'.join(SEVERITIES)}")
    if not raw["id"].startswith(raw["category"] + "."):
        raise RuleError(f"{where}：id 应以类别名开头（{raw['category']}.…）")
    if raw.get("patterns") and not raw.get("anchors"):
        raise RuleError(f"{where}：有 patterns 的规则必须给出 anchors")
    if not raw["must"] or not raw["must_not"]:
        raise RuleError(f"{where}：must 与 must_not 示例都不能为空")
    return Rule(
        id=raw["id"], category=raw["category"], title=raw["title"], severity=raw["severity"],
        basis=cite(raw["basis"]),
        message=raw["message"], suggestion=raw["suggestion"], help=raw.get("help", ""),
        standard=raw.get("standard", ""), anchors=tuple(raw.get("anchors", ())),
        patterns=_compile(raw.get("patterns", []), where, words), unless=_compile(raw.get("unless", []), where, words),
        requires=_compile(raw.get("requires", []), where, words), requires_lead=bool(raw.get("requires_lead", False)),
        exception=bool(raw.get("exception", False)),
        verified=raw.get("verified", "yes"), note=raw.get("note", ""),
        must=_examples(raw["must"], where), must_not=_examples(raw["must_not"], where), source=source,
    )


def all_rules() -> dict[str, Rule]:
    return _loaded()[1]


def _rule_files() -> list[Path]:
    return sorted((data_dir("corpora") / "rules").glob("*.toml"))


@cache
def _loaded() -> tuple[dict[str, str], dict[str, Rule]]:
    """(vocab, rules by id), kept in the cache folder keyed by the rules files, cited.csv and this code:
    parsing the TOML and expanding every pattern's {NAME}s would be a tenth of a review's start-up."""
    sources = [*_rule_files(), corpus("cited.csv"), Path(__file__), Path(terms.__file__), Path(tables.__file__)]
    return cached.pickled("rules", cached.digest(sources), _load,
                          lambda kept: isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], dict))


def _load() -> tuple[dict[str, str], dict[str, Rule]]:
    files = [(path.name, tomllib.loads(path.read_text(encoding="utf-8"))) for path in _rule_files()]
    words: dict[str, str] = {}
    for name, data in files:
        for key, value in data.get("vocab", {}).items():
            if key in words:
                raise RuleError(f"{name}：占位符 {{{key}}} 重复定义")
            words[key] = value
    rules: dict[str, Rule] = {}
    for name, data in files:
        if name == "vocab.toml":
            continue
        for raw in data.get("rule", []):
            rule = parse_rule(raw, name, words)
            if rule.id in rules:
                raise RuleError(f"{name}：规则 id 重复：{rule.id}")
            rules[rule.id] = rule
    return words, rules


def compile_all() -> None:
    """Compile every pattern of every rule now: a broken one raises RuleError here, not in a review."""
    for r in all_rules().values():
        for regex in (*r.patterns, *r.unless, *r.requires):
            regex.compile()


def rule(rule_id: str) -> Rule:
    return all_rules()[rule_id]


@dataclass(frozen=True, slots=True)
class Standard:
    """A review standard of 《公平竞争审查条例》 (第八–十一条), as the screening form lists them."""

    key: str
    group: str
    article: str
    text: str
    measures_article: str
    verified: str
    older: str = ""
    short: str = ""  # a short name for tables and summaries


_STANDARD_FIELDS = {"key", "group", "article", "text", "measures_article", "verified", "older", "short"}


@dataclass(frozen=True, slots=True)
class ExceptionItem:
    """An item of 《公平竞争审查条例》第十二条 (例外规定); `terms` tell a document invokes it."""

    key: str
    article: str
    text: str
    terms: tuple[str, ...] = ()


@cache
def _standards_data() -> dict:
    return tomllib.loads((data_dir("corpora") / "competition_standards.toml").read_text(encoding="utf-8"))


@cache
def standards() -> dict[str, Standard]:
    """corpora/competition_standards.toml by key ("8.1"…); every competition rule must name one."""
    path = data_dir("corpora") / "competition_standards.toml"
    data = _standards_data()
    out: dict[str, Standard] = {}
    for raw in data.get("standard", []):
        if set(raw) - _STANDARD_FIELDS or not {"key", "group", "article", "text"} <= set(raw):
            raise RuleError(f"{path.name}：审查标准 {raw.get('key', '?')} 的字段不对")
        out[raw["key"]] = Standard(**{k: raw.get(k, "") for k in _STANDARD_FIELDS})
    for r in all_rules().values():
        if r.category == "competition" and r.standard not in out:
            raise RuleError(f"{r.source} 规则 {r.id}：standard「{r.standard}」不是 {path.name} 中的标准")
    return out


@cache
def exceptions() -> dict[str, ExceptionItem]:
    """The 第十二条 items of corpora/competition_standards.toml by key ("12.1"…)."""
    out: dict[str, ExceptionItem] = {}
    for raw in _standards_data().get("exception", []):
        if set(raw) - {"key", "article", "text", "terms"} or not {"key", "article", "text"} <= set(raw):
            raise RuleError(f"competition_standards.toml：例外规定 {raw.get('key', '?')} 的字段不对")
        out[raw["key"]] = ExceptionItem(raw["key"], raw["article"], raw["text"], tuple(raw.get("terms", ())))
    return out
