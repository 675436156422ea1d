"""The learned sentence classifier and its 疑似 check (our own sentences)."""

from __future__ import annotations

import json
from array import array
from datetime import date

import pytest

from reviewtools.errors import UsageError
from reviewtools.resources import data_dir
from reviewtools.review import review_text
from reviewtools.settings import Settings
from reviewtools.settings import load as load_settings
from reviewtools.text.classifier import MIN_CHARS, default_model, hashes, load, scored_bounds, scored_spans

AS_OF = date(2026, 11, 22)
DRAFT = ("关于促进建筑业发展的若干措施\n"
         "一、外地企业在大连市中标的项目，须将项目公司注册在大连市。\n"
         "二、对入驻电商产业园的企业，三年内按其缴纳税收的地方留成部分给予奖励。\n"
         "三、各类经营主体依法平等参与本市政府采购和招标投标活动。\n")


def test_hashes_depend_on_the_ngram_alone_and_are_pinned():
    # The shipped weights were trained on these buckets: a change of the hash must fail here first.
    assert hashes("公平竞", (2,), 18).tolist() == [178007, 56363]
    assert hashes("公平竞", (3,), 18).tolist() == [122929]
    assert hashes("甲公平", (2,), 18).tolist()[1] == hashes("公平", (2,), 18).tolist()[0] == 178007
    assert len(hashes("一二三四五", (2, 3), 18)) == 4 + 3
    assert hashes("一", (2, 3), 18).tolist() == []
    assert len(hashes("\ud800甲", (2,), 18)) == 1  # a lone surrogate hashes like any code point


def test_a_documents_sentences_score_as_each_sentence_alone():
    model = default_model()
    sentences = ["对外地企业一律不予补助。", "外地企业在本市中标的项目，须将项目公司注册在本市。", "甲", "各类经营主体依法平等参与。"]
    text, spans, pos = "\n".join(sentences), [], 0
    for sentence in sentences:
        spans.append((pos, pos + len(sentence)))
        pos += len(sentence) + 1
    together = model.sentence_scores(text, spans)
    for row, sentence in enumerate(sentences):
        alone = [score for _, score in model.scores(sentence)]
        assert together[row].tolist() == pytest.approx(alone or [0.0] * len(model.groups))


def test_scored_spans_trim_white_space_and_skip_short_sentences():
    text = "\n  第一条\n对外地企业一律不予补助。\n"
    assert [text[s:e] for s, e in scored_spans(text, [(0, 7), (7, len(text))])] == ["对外地企业一律不予补助。"]


def test_score_is_the_logistic_of_the_scaled_mean_weight(tmp_path):
    bits = 4
    weights = array("b", [0] * 16)
    for b in hashes("甲乙丙", (2,), bits):
        weights[b] = 10
    (tmp_path / "weights.bin").write_bytes(weights.tobytes())
    meta = {"ngrams": [2], "bits": bits, "groups": [
        {"key": "8", "rule": "competition.suspected_entry", "category": "competition", "threshold": 0.5,
         "scale": 0.1, "bias": -1.0}]}
    (tmp_path / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    model = load(tmp_path)
    [(group, score)] = model.scores("甲乙丙")
    # two bigrams of weight 10 × 0.1, summed over sqrt(2): z = -1 + 2 / sqrt(2)
    assert group.rule == "competition.suspected_entry"
    assert score == pytest.approx(1 / (1 + 2.718281828459045 ** -(-1 + 2 ** 0.5)))
    (tmp_path / "weights.bin").write_bytes(bytes(8))
    with pytest.raises(ValueError):
        load(tmp_path)


def test_shipped_model_is_small_and_consistent():
    folder = data_dir("corpora") / "classifier"
    assert (folder / "weights.bin").stat().st_size < 5 * 1024 * 1024
    model = default_model()
    assert [g.rule for g in model.groups] == ["competition.suspected_entry", "competition.suspected_flow",
                                              "competition.suspected_cost", "powers.suspected"]
    assert all(0.05 <= g.threshold < 1 for g in model.groups)  # MIN_THRESHOLD of scripts/train_classifier.py


def test_suspected_finding_quotes_the_sentence_where_no_rule_fired():
    review = review_text(DRAFT, Settings(as_of=AS_OF, jurisdiction="大连市"))
    by_rule = {f.rule: f for f in review.findings if f.category == "competition"}
    assert set(by_rule) == {"competition.suspected_flow", "competition.tax_linked_reward"}
    f = by_rule["competition.suspected_flow"]
    assert f.quote == "一、外地企业在大连市中标的项目，须将项目公司注册在大连市。"
    assert review.doc.text[f.start:f.end] == f.quote
    assert f.severity == "warning"
    assert f.message.startswith("疑似限制商品、要素自由流动（模型评分 0.")
    score = float(f.message.split("模型评分 ")[1][:4])
    assert score >= default_model().groups[1].threshold


def test_the_setting_turns_it_off_and_the_threshold_overrides(tmp_path):
    path = tmp_path / "reviewtools.toml"
    path.write_text("[classifier]\nenabled = false\n", encoding="utf-8")
    off = review_text(DRAFT, load_settings(path, as_of=AS_OF, jurisdiction="大连市"))
    assert not [f for f in off.findings if ".suspected" in f.rule]
    path.write_text("[classifier]\nthreshold = 0.99\n", encoding="utf-8")
    strict = load_settings(path, as_of=AS_OF, jurisdiction="大连市")
    assert strict.classifier_threshold == 0.99
    assert not [f for f in review_text(DRAFT, strict).findings if ".suspected" in f.rule]
    path.write_text("[classifier]\nthreshold = 1.5\n", encoding="utf-8")
    with pytest.raises(UsageError):
        load_settings(path)


def test_powers_group_flags_a_measure_no_phrase_rule_names():
    # Holding goods "统一收存" is a seizure in other words: no powers rule has that wording, the model does.
    text = "凡在景区内摆卖的商贩，其货物由管理处统一收存。"
    review = review_text(text, Settings(as_of=AS_OF))
    powers = [f for f in review.findings if f.category == "powers"]
    assert [(f.rule, f.quote, f.severity) for f in powers] == [("powers.suspected", text, "warning")]
    assert powers[0].message.startswith("疑似越权设定行政许可、处罚、强制措施、收费或增加义务（模型评分 0.")
    lawful = "依照《中华人民共和国治安管理处罚法》第五十条的规定，处警告或者二百元以下罚款。"
    assert not [f for f in review_text(lawful, Settings(as_of=AS_OF)).findings if f.category == "powers"]


def test_a_disabled_rule_does_not_come_back_as_suspected():
    text = "对未按规定报送数据的企业，处以五千元以上一万元以下罚款。"
    on = review_text(text, Settings(as_of=AS_OF))
    assert [f.rule for f in on.findings if f.category == "powers"] == ["powers.penalty"]
    off = review_text(text, Settings(as_of=AS_OF, disabled=frozenset({"powers.penalty"})))
    assert not [f for f in off.findings if f.category == "powers"]


def test_an_item_of_a_list_the_lead_in_forbids_is_not_suspected():
    # The items restate the standard the lead-in forbids (不得…，包括但不限于：), as a review-standards text does.
    item = "1.在一般竞争性领域实施特许经营或者以特许经营为名增设行政许可；"
    alone = review_text(item, Settings(as_of=AS_OF))
    assert [f.rule for f in alone.findings if f.category == "competition"] == ["competition.suspected_entry"]
    listed = review_text("（二）未经公平竞争审查不得授予经营者特许经营权，包括但不限于：\n" + item, Settings(as_of=AS_OF))
    assert not [f for f in listed.findings if f.category == "competition"]


def test_scored_bounds_trim_as_str_strip_does():
    # White space str.strip drops at either end of a sentence, the ideographic space and a line separator among it;
    # a sentence of white space only, or too short once trimmed, is not scored.
    text = " \n甲乙丙丁戊己庚\u3000 \n  \n\u2028甲乙丙丁戊己\u3000\x1c甲乙丙丁戊\n"
    sentences = [(0, 3), (0, 12), (12, 16), (16, 27), (27, len(text)), (0, len(text))]
    expected = []
    for s, e in sentences:
        kept = text[s:e].strip()
        if len(kept) >= MIN_CHARS:
            s += len(text[s:e]) - len(text[s:e].lstrip())
            expected.append((s, s + len(kept)))
    assert [tuple(row) for row in scored_bounds(text, sentences).tolist()] == expected == scored_spans(text, sentences)
    assert scored_bounds(text, []).shape == (0, 2)


def test_sentences_shorter_than_the_longest_ngram_score_zero_anywhere():
    model = default_model()
    text = "对外地企业一律不予补助。甲乙"
    scores = model.sentence_scores(text, [(0, 12), (12, 13), (13, 14), (12, 14)])
    assert scores[0].tolist() == pytest.approx([score for _, score in model.scores(text[:12])])
    assert scores[1].tolist() == scores[2].tolist() == [0.0] * len(model.groups)  # one character: no n-gram
    assert scores[3].tolist() == pytest.approx([score for _, score in model.scores("甲乙")])  # one 2-gram, no 3-gram
