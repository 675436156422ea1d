"""The detection gates (scripts/eval/gates.py) on the labelled data in ../shared: no measure below its floor."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "eval"


sys.path.insert(0, str(SCRIPTS))
gates = importlib.import_module("gates")
needs_data = pytest.mark.skipif(not (gates.SHARED / "eval-dev2" / "labels.jsonl").exists(),
                                reason=f"labelled data not found in {gates.SHARED}")


@needs_data
def test_no_gate_below_its_floor():
    measured = gates.measure()
    assert len(measured) >= 20
    below = [g.line() for g in measured if not g.holds]
    assert not below, "\n".join(below)


def test_a_gate_tells_floor_from_target():
    recall = gates.Gate("x", 0.7, target=0.9, floor=0.6)
    assert recall.holds and not recall.met
    alarms = gates.Gate("y", 0.08, target=0.05, floor=0.06, at_most=True)
    assert not alarms.holds and "低于底线" in alarms.line()
