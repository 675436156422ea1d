"""Settings: defaults, overridden by a reviewtools.toml and then by command-line options.

Which reviewtools.toml: the one given (--config), else the one $REVIEWTOOLS_CONFIG names, else the nearest one
found walking up from the folder of the input (the current folder when there is none), else none: the defaults.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path

from reviewtools.errors import UsageError
from reviewtools.limits import Limits

COUNT_MODES = ("word", "nonspace", "cjk")
# What a basis names where it rests on the office's own local rule and [office] local_rules does not name it.
LOCAL_RULES = "本地区行政规范性文件管理规定"
CONFIG_NAME = "reviewtools.toml"
CONFIG_VARIABLE = "REVIEWTOOLS_CONFIG"


@dataclass(frozen=True)
class Settings:
    as_of: date = field(default_factory=date.today)
    office: str = ""  # the reviewing office, printed on memos
    jurisdiction: str = ""  # e.g. 大连市; empty: taken from each document's issuer
    local_rules: str = ""  # the local rule on normative documents, cited where a basis is local (《某省…规定》)
    length_limit: int = 5000
    special_task_limit: int = 4000
    count_mode: str = "word"  # word: as Word/WPS 字数; nonspace: every visible character; cjk: 汉字 only
    include_attachments: bool = True
    validity_max_years: int = 5
    trial_max_years: int = 2
    disabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    cleanup_replaced: str = "废止"  # status of a document a later one replaces: 废止 (济南, 辽宁) or 宣布失效 (河北)
    cleanup_repeal_at: int = 2  # error-level powers findings that make a document one to repeal, not amend
    near_duplicate: float = 0.8  # Jaccard similarity of word shingles from which two documents are near-duplicates
    classifier: bool = True  # 疑似 findings of the learned sentence classifier (checks/suspected.py)
    classifier_threshold: float | None = None  # one threshold for every group instead of the shipped ones
    limits: Limits = field(default_factory=Limits)  # what reading one input may cost (passed into ingest)
    registry: str = ""  # the registry: an SQLite file or a postgresql:// URL; empty: the registry's default file
    web_data: str = "reviewtools-web"  # the workbench's own folder: uploaded drafts, published catalogues, its key
    web_folders: frozenset[str] = frozenset()  # folders the workbench may read a cleanup from (and nothing else)
    web_upload_mb: float = 50  # one uploaded file, at most
    web_files: int = 20  # files in one upload, at most


# TOML layout: section → key → (Settings field, type).
_SCHEMA: dict[str, dict[str, tuple[str, type]]] = {
    "office": {"name": ("office", str), "jurisdiction": ("jurisdiction", str),
               "local_rules": ("local_rules", str)},
    "review": {"as_of": ("as_of", date)},
    "length": {"limit": ("length_limit", int), "special_task_limit": ("special_task_limit", int),
               "count": ("count_mode", str), "include_attachments": ("include_attachments", bool)},
    "validity": {"max_years": ("validity_max_years", int), "trial_max_years": ("trial_max_years", int)},
    "rules": {"disabled": ("disabled", list), "severity": ("severity", dict)},
    "cleanup": {"replaced": ("cleanup_replaced", str), "repeal_at": ("cleanup_repeal_at", int),
                "near_duplicate": ("near_duplicate", float)},
    "classifier": {"enabled": ("classifier", bool), "threshold": ("classifier_threshold", float)},
    "registry": {"url": ("registry", str)},
    "web": {"data": ("web_data", str), "folders": ("web_folders", list), "max_upload_mb": ("web_upload_mb", float),
            "max_files": ("web_files", int)},
    # [limits]: the fields of Limits, by the same names ("limits.<name>" collects them into one Limits)
    "limits": {f.name: (f"limits.{f.name}", float if f.type == "float" else int) for f in fields(Limits)},
}
REPLACED_STATUSES = ("废止", "宣布失效")


def load(path: str | Path | None = None, start: str | Path | None = None, **overrides) -> Settings:
    """Settings from the config file that applies (config_path), then `overrides` that are not None."""
    found = config_path(path, start)
    settings = replace(Settings(), **(_read(found) if found is not None else {}))
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


def config_path(explicit: str | Path | None = None, start: str | Path | None = None) -> Path | None:
    """The config file that applies: `explicit`, else $REVIEWTOOLS_CONFIG, else the nearest reviewtools.toml in
    the folder `start` (default: the current folder) or one above it, else None. A file named but missing is
    an error; a relative name is kept relative to the current folder, as the user wrote or would write it."""
    if explicit is not None:
        return _existing(Path(explicit), "")
    if os.environ.get(CONFIG_VARIABLE):
        return _existing(Path(os.environ[CONFIG_VARIABLE]), f"（由环境变量 {CONFIG_VARIABLE} 指定）")
    here, cwd = Path(os.path.abspath(start or ".")), Path.cwd()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate.relative_to(cwd) if candidate.is_relative_to(cwd) else candidate
    return None


def _existing(path: Path, how: str) -> Path:
    if not path.exists():
        raise UsageError(f"配置文件不存在：{path}{how}")
    if not path.is_file():
        raise UsageError(f"配置文件不是文件：{path}{how}")
    return path


def _read(path: Path) -> dict:
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"配置文件 {name} 格式有误：{exc}") from exc
    values: dict = {}
    for section, table in data.items():
        if section not in _SCHEMA:
            raise UsageError(f"配置文件 {name}：未知的节 [{section}]（可用：{'、'.join(_SCHEMA)}）")
        if not isinstance(table, dict):
            raise UsageError(f"配置文件 {name}：[{section}] 应为一节")
        for key, value in table.items():
            if key not in _SCHEMA[section]:
                raise UsageError(f"配置文件 {name}：未知的键 {section}.{key}（可用：{'、'.join(_SCHEMA[section])}）")
            target, kind = _SCHEMA[section][key]
            values[target] = _convert(value, kind, f"{section}.{key}", name)
    _check(values, name)
    limits = {k.removeprefix("limits."): values.pop(k) for k in list(values) if k.startswith("limits.")}
    if limits:
        values["limits"] = Limits(**limits)
    return values


def _convert(value, kind: type, key: str, name: str):
    if kind is date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError as exc:
            raise UsageError(f"配置文件 {name}：{key} 应为日期（如 2026-11-22）") from exc
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise UsageError(f"配置文件 {name}：{key} 应为整数")
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise UsageError(f"配置文件 {name}：{key} 应为数值")
        return float(value)
    if kind is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"配置文件 {name}：{key} 应为字符串列表")
        return frozenset(value)
    if not isinstance(value, kind):
        raise UsageError(f"配置文件 {name}：{key} 的值类型不对")
    return value


def _check(values: dict, name: str) -> None:
    from reviewtools.data.rules import SEVERITIES, all_rules

    if values.get("count_mode", "word") not in COUNT_MODES:
        raise UsageError(f"配置文件 {name}：length.count 应为 {'/'.join(COUNT_MODES)}")
    if values.get("cleanup_replaced", "废止") not in REPLACED_STATUSES:
        raise UsageError(f"配置文件 {name}：cleanup.replaced 应为 {'/'.join(REPLACED_STATUSES)}")
    if values.get("cleanup_repeal_at", 1) < 1:
        raise UsageError(f"配置文件 {name}：cleanup.repeal_at 应为正整数")
    if not 0 < values.get("near_duplicate", 0.8) <= 1:
        raise UsageError(f"配置文件 {name}：cleanup.near_duplicate 应在 0 到 1 之间")
    if not 0 < values.get("classifier_threshold", 0.5) < 1:
        raise UsageError(f"配置文件 {name}：classifier.threshold 应在 0 到 1 之间")
    if "registry" in values and not values["registry"].strip():
        raise UsageError(f"配置文件 {name}：registry.url 不能为空（SQLite 文件路径，或 postgresql://用户@主机/数据库）")
    if values.get("web_upload_mb", 1) <= 0 or values.get("web_files", 1) < 1:
        raise UsageError(f"配置文件 {name}：web.max_upload_mb 和 web.max_files 应为正数")
    for key, value in values.items():
        if key.startswith("limits.") and value <= 0:
            raise UsageError(f"配置文件 {name}：{key} 应为正数")
    known = all_rules()
    for rule_id in values.get("disabled", ()):
        if rule_id not in known:
            raise UsageError(f"配置文件 {name}：rules.disabled 中的规则不存在：{rule_id}")
    for rule_id, sev in values.get("severity", {}).items():
        if rule_id not in known:
            raise UsageError(f"配置文件 {name}：rules.severity 中的规则不存在：{rule_id}")
        if sev not in SEVERITIES:
            raise UsageError(f"配置文件 {name}：rules.severity.{rule_id} 应为 {'/'.join(SEVERITIES)}")


def choose_rules(settings: Settings, select: list[str], ignore: list[str]) -> Settings:
    """`settings` with only the rules `select` names switched on (when it names any: the command line then
    replaces rules.disabled of the config), less those `ignore` names. Each name is a rule id, a prefix of ids
    at a . or _ (competition, powers.penalty) or a category's Chinese name (公平竞争)."""
    from reviewtools.data.rules import all_rules

    known = set(all_rules())
    disabled = known - rules_named(select, "--select") if select else set(settings.disabled)
    return replace(settings, disabled=frozenset(disabled | rules_named(ignore, "--ignore")))


def rules_named(names: list[str], option: str) -> set[str]:
    """The rule ids that `names` (see choose_rules) stand for; a name that stands for none is an error."""
    from reviewtools.data.rules import all_rules
    from reviewtools.terms import CATEGORY_NAMES

    by_name = {v: k for k, v in CATEGORY_NAMES.items()}
    out: set[str] = set()
    for name in names:
        key = by_name.get(name, name)
        found = {r for r in all_rules() if r == key or r.startswith((f"{key}.", f"{key}_"))}
        if not found:
            raise UsageError(f"{option}：没有这个规则或类别：{name}{nearest_hint(name, categories=True)}")
        out |= found
    return out


def nearest_rules(name: str, categories: bool = False, n: int = 3) -> list[str]:
    """The rule ids (and categories, when asked) closest to a mistyped `name`, by the whole id or by its part
    after the category: the best few, within a little of the best."""
    from reviewtools.data.rules import all_rules
    from reviewtools.terms import CATEGORIES

    head, _, tail = name.rpartition(".")

    def score(rule: str) -> float:  # the part after the category counts less when the category is another
        same = not head or rule.startswith(f"{head}.")
        return max(difflib.SequenceMatcher(None, name, rule).ratio(),
                   difflib.SequenceMatcher(None, tail, rule.split(".", 1)[-1]).ratio() * (1 if same else 0.8))

    scored = sorted(((score(r), r) for r in (*all_rules(), *(CATEGORIES if categories else ()))),
                    key=lambda x: (-x[0], x[1]))[:n]
    return [r for s, r in scored if s >= max(0.6, scored[0][0] - 0.15)]


def nearest_hint(name: str, categories: bool = False) -> str:
    """（最接近的：…） with the nearest ids, or where to find them all."""
    near = nearest_rules(name, categories)
    return f"（最接近的：{'、'.join(near)}）" if near else "（用 reviewtools rules 查看全部规则）"
