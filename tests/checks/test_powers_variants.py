"""Metamorphic tests of the powers rules: every rewriting of a must example (tests/checks/powers_variants.py)
still draws a powers finding, and every rewriting of a must_not example stays as quiet as the example."""

from __future__ import annotations

from datetime import date

import pytest

from reviewtools.data.rules import all_rules
from reviewtools.review import review_text
from reviewtools.settings import Settings

from .powers_variants import punctuation, spaced, variants

SETTINGS = Settings(as_of=date(2026, 11, 22))
RULES = [r for r in all_rules().values() if r.category == "powers"]


def fired(text: str) -> set[str]:
    return {f.rule for f in review_text(text, SETTINGS).findings
            if f.category == "powers" and f.severity in ("error", "warning")}


def test_a_fine_is_rewritten_by_actor_verb_amount_offender_and_modifier():
    out = dict((text, name) for name, text in variants("违者由县城管局处200元罚款。"))
    assert out["违者由有关部门处200元罚款。"] == "actor"
    assert out["违者执法部门将处200元罚款。"] == "actor"
    assert out["违者由县城管局罚款200元。"] == "fine_verb"
    assert out["违者由县城管局处以200元罚款。"] == "fine_verb"
    assert out["违者由县城管局处五百元以上一千元以下罚款。"] == "amount"
    assert out["对违反本通告的，由县城管局处200元罚款。"] == "offender"
    assert out["违者由县城管局视情节处200元罚款。"] == "视情节"
    assert "违者由县城管局处200元罚款。" not in out


def test_a_licence_a_fee_and_a_certificate_are_rewritten_within_their_sense():
    licence = {text for _, text in variants("摆摊须经街道办事处批准后方可经营。")}
    assert {"摆摊需经街道办事处批准后方可经营。", "摆摊须经街道办事处同意后方可经营。",
            "摆摊须经街道办事处批准后才能经营。", "摆摊原则上须经街道办事处批准后方可经营。"} <= licence
    fee = {text for _, text in variants("商户须向村委会缴纳500元押金。")}
    assert {"商户须向村委会交纳500元押金。", "商户须向村委会缴纳500元保证金。"} <= fee
    # The collector's verb never becomes the payer's, nor an issued certificate one handed in.
    assert not any("缴纳" in t for _, t in variants("由村委会收取每户200元卫生费。"))
    assert not any("提供" in t for _, t in variants("由村委会出具无违法证明。"))
    # Clearing up policies is no demolition.
    assert not any("拆除" in t for _, t in variants("对违反公平竞争审查标准的政策措施，一律予以清理。"))


def test_punctuation_is_written_half_width_and_spaced_as_from_a_pdf():
    assert punctuation("违者（个人）处200元罚款，单位处2000元。") == "违者(个人)处２００元罚款,单位处２０００元。"
    assert spaced("违者处200元罚款，单位处2000元。") == "违者处 200 元罚款， 单位处 2000 元。"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_variants_of_must_examples_still_draw_a_powers_finding(rule):
    missed = [(name, text) for e in rule.must for name, text in variants(e.text) if not fired(text)]
    assert not missed, missed


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_variants_of_must_not_examples_stay_quiet(rule):
    alarms = []
    for e in rule.must_not:
        quiet = not fired(e.text)
        for name, text in variants(e.text):
            got = fired(text)
            if rule.id in got or (quiet and got):
                alarms.append((name, text, sorted(got)))
    assert not alarms, alarms
