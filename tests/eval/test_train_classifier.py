"""The classifier's threshold rules (scripts/train_classifier.py): per clean case, and the sentences it could report."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
train = importlib.import_module("train_classifier")


def test_case_threshold_lets_at_most_one_clean_case_in_twenty_through():
    samples, scores = [], []
    for i in range(20):  # case i: a clean sentence scored i / 20 and a lower one
        samples += [train.Sample(f"句{i}", f"eval-dev2/c{i}", "tune"), train.Sample(f"另句{i}", f"eval-dev2/c{i}", "tune")]
        scores += [i / 20, i / 40]
    samples.append(train.Sample("阳性句", "eval-dev2/c0", "tune"))  # not clean: its 0.99 does not count
    scores.append(0.99)
    oof, clean = np.array(scores), np.array([True] * 40 + [False])
    t = train.case_threshold(samples, oof, clean)
    assert t == 0.901  # above case 18's 0.90, below case 19's 0.95
    tops = np.array(scores[:40:2])
    assert int((tops >= t).sum()) == 1


def test_only_sentences_the_check_could_report_count():
    texts = ["外地企业在本区中标的项目，须将项目公司注册在本区。",  # meets suspected_flow's requires
             "不得限制外地经营者参加本地招标投标活动。",  # forbids the practice
             "经营者应当依法取得营业执照。"]  # names no place, tender or investment
    samples = [train.Sample(t, "eval-dev2/x", "tune") for t in texts]
    assert train.reportable(samples, "competition.suspected_flow", "competition").tolist() == [True, False, False]


def test_web_check_halves_are_not_trained_on(monkeypatch):
    row = {"clause": "凡在本县经营的企业，须将项目公司注册在本县，方可享受用地优惠。", "category": "competition",
           "group": "8", "source": "https://example.gov.cn/a"}
    monkeypatch.setattr(train, "web_rows", lambda: [{**row, "file": "competition.tsv"},
                                                    {**row, "source": "https://example.gov.cn/b", "file": "competition_check.tsv"}])
    monkeypatch.setattr(train, "shared_grams", set)
    assert [s.key for s in train.web_samples()] == ["web/https://example.gov.cn/a"]
