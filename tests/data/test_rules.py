"""Every rule's own examples: the sentences it must flag, and the ones it must leave alone."""

from __future__ import annotations

import re
from datetime import date

import pytest

from reviewtools.data.rules import Example, Rule, all_rules
from reviewtools.review import review_text
from reviewtools.settings import Settings

RULES = list(all_rules().values())
_REPEAT = re.compile(r"\{\{(.+?)\*(\d+)\}\}")


def text_of(example: Example) -> str:
    """`{{X*N}}` in an example stands for X repeated N times (for length rules)."""
    return _REPEAT.sub(lambda m: m[1] * int(m[2]), example.text)


def settings_of(example: Example) -> Settings:
    return Settings(as_of=date.fromisoformat(example.as_of or "2026-11-22"), jurisdiction=example.jurisdiction or "")


def cases(kind: str):
    return [pytest.param(r, e, id=f"{r.id}-{i}") for r in RULES for i, e in enumerate(getattr(r, kind))]


@pytest.mark.parametrize(("rule", "example"), cases("must"))
def test_rule_fires_on_its_examples(rule: Rule, example: Example):
    text = text_of(example)
    review = review_text(text, settings_of(example))
    hits = [f for f in review.findings if f.rule == rule.id]
    assert hits, f"{rule.id} 未命中示例：{example.text[:60]}"
    for f in hits:
        if f.quote is not None and f.start is not None:  # a quote with no place: read from a portal's table
            assert review.doc.text[f.start:f.end] == f.quote
        if f.quote is not None:
            assert f.quote in text


@pytest.mark.parametrize(("rule", "example"), cases("must_not"))
def test_rule_stays_quiet_on_counter_examples(rule: Rule, example: Example):
    review = review_text(text_of(example), settings_of(example))
    hits = [f.quote for f in review.findings if f.rule == rule.id]
    assert not hits, f"{rule.id} 误报：{hits}"


def test_every_category_has_rules():
    from reviewtools.data.rules import CATEGORIES

    assert {r.category for r in RULES} == set(CATEGORIES)


def test_every_competition_rule_names_a_review_standard():
    from reviewtools.data.rules import standards

    table = standards()
    assert sorted(table) == ["10.1", "10.2", "10.3", "10.4", "11.1", "11.2", "11.3", "11.4", "8.1", "8.2", "8.3",
                             "8.4", "8.5", "9.1", "9.2", "9.3", "9.4", "9.5", "9.6"]
    assert table["9.2"].text == "排斥、限制、强制或者变相强制外地经营者在本地投资经营或者设立分支机构"
    named = {r.standard for r in RULES if r.category == "competition"}
    assert named <= set(table)
    assert {"8.1", "8.3", "8.4", "9.1", "9.2", "9.3", "10.1", "10.2", "10.3", "10.4", "11.1", "11.3"} <= named


def test_every_rule_has_a_basis_and_a_suggestion():
    for r in RULES:
        assert r.basis and r.suggestion and r.message and r.title, r.id


def test_a_broken_pattern_is_a_rule_error_when_compiled():
    from reviewtools.data.rules import Regex, RuleError

    broken = Regex("(?P<q>处[^，]{0,9", "x.toml 规则 powers.x")
    with pytest.raises(RuleError, match="x.toml 规则 powers.x：正则表达式有误"):
        broken.search("处罚")
    assert Regex("处(?P<q>罚)", "y").search("予以处罚")["q"] == "罚"


def test_every_shipped_pattern_compiles():
    from reviewtools.data.rules import compile_all

    compile_all()


def test_the_rules_kept_in_the_cache_are_the_rules_the_files_give(tmp_path, monkeypatch):
    from reviewtools.data import rules

    monkeypatch.setenv("REVIEWTOOLS_CACHE", str(tmp_path))
    built = rules._load()
    assert built == (rules.vocab(), all_rules())
    rules._loaded.cache_clear()
    try:
        assert rules._loaded() == built  # built, then kept
        (kept,) = (tmp_path / "rules").iterdir()
        rules._loaded.cache_clear()
        assert rules._loaded() == built  # read back
        kept.write_bytes(b"not a pickle")
        rules._loaded.cache_clear()
        assert rules._loaded() == built  # damaged: built again
    finally:
        rules._loaded.cache_clear()
