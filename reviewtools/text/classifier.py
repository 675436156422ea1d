"""The learned second signal: a linear sentence classifier over hashed character n-grams.

One logistic regression per standard group (competition 第八–十一条, and powers), trained by
scripts/train_classifier.py. The model stores no text: each n-gram of a sentence (as UTF-16-LE bytes)
is hashed with CRC-32 into 2^bits buckets, and each group keeps one int8 weight per bucket
(corpora/classifier/weights.bin, group after group) with a scale, a bias and the threshold chosen on
held-out clean sentences (corpora/classifier/model.json). Plain Python at run time: no numpy.
"""

from __future__ import annotations

import json
import math
from array import array
from dataclasses import dataclass
from functools import cache
from zlib import crc32

from reviewtools.resources import data_dir


def hashes(text: str, ngrams: tuple[int, ...], bits: int) -> list[int]:
    """The bucket of every character n-gram of `text` (repeats kept)."""
    data, mask = text.encode("utf-16-le"), (1 << bits) - 1
    size = len(data)
    return [crc32(data[i:i + 2 * n]) & mask for n in ngrams for i in range(0, size - 2 * n + 2, 2)]


@dataclass(frozen=True)
class Group:
    key: str  # "8" … "11", "powers"
    rule: str  # the rule id of its findings
    category: str
    threshold: float
    scale: float
    bias: float
    weights: list[int]  # int8 values, one per bucket (a list: the fastest to index)

    def score(self, buckets: list[int]) -> float:
        """The model's probability that a sentence with these n-gram buckets belongs to this group."""
        z = self.bias + self.scale * sum(map(self.weights.__getitem__, buckets)) / math.sqrt(len(buckets))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


@dataclass(frozen=True)
class Model:
    ngrams: tuple[int, ...]
    bits: int
    groups: tuple[Group, ...]

    def scores(self, text: str) -> list[tuple[Group, float]]:
        buckets = hashes(text, self.ngrams, self.bits)
        return [(g, g.score(buckets)) for g in self.groups] if buckets else []


def load(folder) -> Model:
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    raw = (folder / "weights.bin").read_bytes()
    size = 1 << meta["bits"]
    if len(raw) != size * len(meta["groups"]):
        raise ValueError(f"{folder / 'weights.bin'}：大小与 model.json 不符")
    groups = []
    for i, g in enumerate(meta["groups"]):
        groups.append(Group(g["key"], g["rule"], g["category"], g["threshold"], g["scale"], g["bias"],
                            array("b", raw[i * size:(i + 1) * size]).tolist()))
    return Model(tuple(meta["ngrams"]), meta["bits"], tuple(groups))


@cache
def default_model() -> Model:
    return load(data_dir("corpora") / "classifier")


MIN_CHARS = 6  # shorter sentences (headings, list numbers) are not scored


def scored_spans(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences the classifier scores, trimmed of surrounding white space, as (start, end) in `text`."""
    out = []
    for s, e in sentences:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= MIN_CHARS:
            out.append((s, e))
    return out
