"""The learned second signal: a linear sentence classifier over hashed character n-grams.

One logistic regression per standard group (competition 第八–十一条, and powers), trained by
scripts/train_classifier.py. The model stores no text: each character n-gram is hashed (a multiplicative
hash of its code points, then a 64-bit mixer) into 2^bits buckets, and each group keeps one int8 weight per
bucket (corpora/classifier/weights.bin, group after group) with a scale, a bias and the threshold chosen on
held-out clean sentences (corpora/classifier/model.json). Inference scores every sentence of a document in a
few numpy passes: the n-grams of the whole text are hashed once, and a sentence's weight sum is the
difference of two entries of one running sum (of every size's weights at each position).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import chain

import numpy as np

from reviewtools.resources import data_dir
from reviewtools.text.points import code_points

_STEP = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


def _codes(text: str) -> np.ndarray:
    return code_points(text).astype(np.uint64)


def _ngram_buckets(codes: np.ndarray, ngrams: tuple[int, ...], bits: int) -> dict[int, np.ndarray]:
    """{n: the bucket of the n-gram that starts at each position of `codes` (len(codes) - n + 1 of them)} for each n
    of `ngrams` that fits in `codes`. The hash of an (n+1)-gram extends that of the n-gram at the same position by
    one multiply-add, so each size costs one more pass, not n."""
    out: dict[int, np.ndarray] = {}
    h = codes
    for n in range(1, max(ngrams) + 1):
        size = len(codes) - n + 1
        if size <= 0:
            break
        if n > 1:  # uint64 arithmetic wraps around, as a hash should
            h = h[:size] * _STEP
            h += codes[n - 1:]
        if n in ngrams:  # the mixer, in place on one new array; a bucket < 2^bits reads the same as int64
            mixed = h >> np.uint64(31)
            mixed ^= h
            mixed *= _MIX
            mixed ^= mixed >> np.uint64(29)
            mixed &= np.uint64((1 << bits) - 1)
            out[n] = mixed.view(np.int64)
    return out


def hashes(text: str, ngrams: tuple[int, ...], bits: int) -> np.ndarray:
    """The bucket of every character n-gram of `text` (repeats kept), n-gram size after size."""
    found = _ngram_buckets(_codes(text), ngrams, bits)
    return np.concatenate([found.get(n, np.zeros(0, dtype=np.intp)) for n in ngrams])


@dataclass(frozen=True)
class Group:
    key: str  # "8" … "11", "powers"
    rule: str  # the rule id of its findings
    category: str
    threshold: float
    scale: float
    bias: float


@dataclass(frozen=True)
class Model:
    ngrams: tuple[int, ...]
    bits: int
    groups: tuple[Group, ...]
    weights: np.ndarray  # int8, one row per bucket, one column per group: a bucket's weights lie together

    def sentence_scores(self, text: str, spans: list[tuple[int, int]]) -> np.ndarray:
        """The probability of each group (columns) for each sentence text[s:e] (rows): the logistic of
        bias + scale · (sum of the weights of its n-grams) / sqrt(number of n-grams); 0 with no n-gram."""
        bounds = np.asarray(spans, dtype=np.intp).reshape(len(spans), 2)
        starts, ends = bounds[:, 0], bounds[:, 1]
        total, count = self._sums(_ngram_buckets(_codes(text), self.ngrams, self.bits), starts, ends)
        bias, scale = self._affine
        # A sentence with no n-gram has a weight sum of 0: its z is the bias, and its probability 0 below.
        z = bias + scale * total / np.sqrt(np.maximum(count, 1))[:, None]
        clipped = np.minimum(np.maximum(z, -30.0), 30.0)  # np.clip, without its wrapper's cost on a short document
        return np.where(count[:, None] > 0, 1.0 / (1.0 + np.exp(-clipped)), 0.0)

    def _sums(self, found: dict[int, np.ndarray], starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(the sum of the weights of the n-grams inside each sentence [s, e), per group; their number). The n-grams of
        every size that start at one position are summed first, over the positions where the longest size fits, so that
        one running sum serves all sizes; the shorter sizes' last few n-grams of a sentence (past where the longest
        fits) are added one position at a time."""
        count = np.zeros(len(starts), dtype=np.intp)
        if not found:
            return np.zeros((len(starts), len(self.groups)), dtype=np.intp), count
        top = max(found)
        size = len(found[top])  # the positions where an n-gram of every size starts
        rows = {n: self.weights.take(buckets, axis=0) for n, buckets in found.items()}  # one gather of rows per size
        # Running sums in int32 while no sum of int8 weights can leave its range: half the memory to write.
        wide = np.int32 if (size + 1) * 128 * len(rows) < 2 ** 31 else np.int64
        combined = rows[top]
        for n, weights in rows.items():
            if n != top:
                combined = np.add(combined, weights[:size], dtype=np.int16 if len(rows) < 256 else wide)
        # Group by group (a row each): a running sum down the columns of a narrow array steps slower than along rows.
        running = np.zeros((len(self.groups), size + 1), dtype=wide)
        np.cumsum(combined.T, axis=1, dtype=wide, out=running[:, 1:])
        last = np.maximum(ends - top + 1, starts)  # the n-grams of every size starting in [s, last) lie inside
        total = (running[:, np.minimum(last, size)] - running[:, np.minimum(starts, size)]).T  # [s, s): past the last
        for n, weights in rows.items():
            count += np.maximum(ends - n + 1, starts) - starts
            for k in range(top - n):  # the n-grams starting in [last, e - n]: top - n of them at most
                at = last + k
                total += np.where((at <= ends - n)[:, None], weights[np.minimum(at, len(weights) - 1)], 0)
        return total, count

    @cached_property
    def _affine(self) -> tuple[np.ndarray, np.ndarray]:
        """The groups' biases and scales as arrays, made once."""
        return np.array([g.bias for g in self.groups]), np.array([g.scale for g in self.groups])

    def scores(self, text: str) -> list[tuple[Group, float]]:
        """Each group's probability for one sentence."""
        if len(text) < min(self.ngrams):
            return []
        return list(zip(self.groups, self.sentence_scores(text, [(0, len(text))])[0].tolist(), strict=True))


def load(folder) -> Model:
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    raw = (folder / "weights.bin").read_bytes()
    size = 1 << meta["bits"]
    if len(raw) != size * len(meta["groups"]):
        raise ValueError(f"{folder / 'weights.bin'}：大小与 model.json 不符")
    groups = tuple(Group(g["key"], g["rule"], g["category"], g["threshold"], g["scale"], g["bias"])
                   for g in meta["groups"])
    weights = np.ascontiguousarray(np.frombuffer(raw, dtype=np.int8).reshape(len(groups), size).T)
    return Model(tuple(meta["ngrams"]), meta["bits"], groups, weights)


@cache
def default_model() -> Model:
    return load(data_dir("corpora") / "classifier")


MIN_CHARS = 6  # shorter sentences (headings, list numbers) are not scored


def scored_bounds(text: str, sentences: list[tuple[int, int]]) -> np.ndarray:
    """The sentences the classifier scores, trimmed of the white space around them (what str.strip drops), as the
    rows (start, end) of an array: what sentence_scores takes, made without a Python step per sentence."""
    bounds = np.fromiter(chain.from_iterable(sentences), dtype=np.intp, count=2 * len(sentences)).reshape(-1, 2)
    if not len(bounds):
        return bounds
    points, table = code_points(text), _spaces()
    top, last = len(table) - 1, len(text) - 1

    def space(at: np.ndarray) -> np.ndarray:  # whether the characters at `at` are white space
        return table.take(np.minimum(points.take(at), top))

    starts, ends = bounds[:, 0].copy(), bounds[:, 1].copy()
    while (lead := space(np.minimum(starts, last)) & (starts < ends)).any():
        starts += lead
    while (trail := space(np.maximum(ends - 1, 0)) & (starts < ends)).any():
        ends -= trail
    keep = ends - starts >= MIN_CHARS
    return np.stack((starts[keep], ends[keep]), axis=1)


@cache
def _spaces() -> np.ndarray:
    """Whether str.isspace holds, by code point; every one of them lies below U+3001, and the table's last entry
    (False) stands for all the code points above."""
    return np.array([chr(c).isspace() for c in range(0x3002)], dtype=bool)


def scored_spans(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """scored_bounds as a list of (start, end)."""
    return [(s, e) for s, e in scored_bounds(text, sentences).tolist()]
