"""Train the 疑似 sentence classifier (reviewtools/text/classifier.py) and write corpora/classifier/.

    .venv/bin/python scripts/train_classifier.py [--dry-run | --bench]

Data, read from ../shared and never copied into the project:
- positives: the expected quotes of eval-dev and eval-dev2 cases (competition, powers), each widened to
  its sentence, and the clauses of eval-dev/fc_typical_case_clauses.tsv; a competition positive's standard
  group (条例第八–十一条) is read off the article its label note or report cites;
- for powers also the powers rules' own must examples (our synthetic sentences) as positives and their must_not
  examples as negatives;
- the clauses harvested from public pages (scripts/eval/web/*.tsv but the check halves, *_check.tsv; labelled by us, each row with its page;
  rows sharing 12 characters with ../shared dropped): violations as positives of their group, the clean
  look-alikes as negatives of every category;
- negatives: every sentence of a case that lists the category in expect_clean, the sentences no expected
  quote touches of a case that lists the category's problems, the seed documents' sentences where no rule
  of the category fires, and (for one competition group) the other groups' positives.
Only the tuning part of the fixed split (scripts/eval/split.py) is trained on. Each group's threshold is the
lowest score (at least MIN_THRESHOLD) that flags at most 1 % of the clean tuning sentences and at most 1 % of
those of the labelled cases alone (harder than the seeds' plain prose, which would otherwise dilute the rate), scored
out of fold (5 folds by case or document); a group whose cross-validated recall there is below MIN_RECALL is not
shipped. Printed: cross-validated and held-out recall per group at that threshold, the held-out clean
false-positive rate, and the shipped model's speed (numpy, one core).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zlib import crc32

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
# This checkout's reviewtools, whichever one the environment installed (a worktree shares .venv).
sys.path[:0] = [str(ROOT / "scripts" / "eval"), str(ROOT)]
from split import part as part_of  # noqa: E402
from web import contaminated, in_check_half, shared_grams  # noqa: E402
from web import rows as web_rows  # noqa: E402

from reviewtools.analyze import Analysis  # noqa: E402
from reviewtools.checks import suspected  # noqa: E402
from reviewtools.data.rules import all_rules  # noqa: E402
from reviewtools.ingest import read_bytes, read_file  # noqa: E402
from reviewtools.settings import Settings  # noqa: E402
from reviewtools.text import classifier  # noqa: E402
from reviewtools.text.matcher import default_lexicon  # noqa: E402

SHARED = (ROOT / ".." / "shared").resolve()
OUT = ROOT / "corpora" / "classifier"
# (key, rule id, category): one one-vs-rest model each.
GROUPS = (("8", "competition.suspected_entry", "competition"), ("9", "competition.suspected_flow", "competition"),
          ("10", "competition.suspected_cost", "competition"), ("powers", "powers.suspected", "powers"))
NGRAMS, BITS = (2, 3), 18
FP_TARGET, MIN_THRESHOLD, MIN_RECALL, FOLDS, SEED = 0.01, 0.05, 0.2, 5, 20261202
CASE_FP_TARGET = 0.05  # the false-alarm target of the gates (scripts/eval/gates.py), per clean case
ITERS, LR, L2 = 300, 0.05, 3e-5
AS_OF = date(2026, 11, 22)

# A cited article → its group, by the text it is an article of.
_ARTICLES = {
    "条例": {8: "8", 9: "9", 10: "10", 11: "11"},
    "细则": {13: "8", 14: "9", 15: "10", 16: "11"},
    "办法": {**dict.fromkeys(range(9, 13), "8"), **dict.fromkeys(range(13, 18), "9"),
           **dict.fromkeys(range(18, 21), "10"), **dict.fromkeys(range(21, 24), "11")},
    "反垄断法": {32: "8", 39: "8", 33: "9", 41: "9", 34: "9", 42: "9", 35: "9", 43: "9", 36: "11", 44: "11"},
}
_CITE = re.compile(r"(条例|细则|办法|反垄断法|暂行规定|负面清单)|第([一二三四五六七八九十]+)条")
_PHRASES = (("市场准入", "8"), ("限定", "8"), ("要素自由流动", "9"), ("外地", "9"), ("生产经营成本", "10"),
            ("保证金", "10"), ("生产经营行为", "11"))


def chinese_number(s: str) -> int:
    if "十" not in s:
        return "一二三四五六七八九".index(s) + 1
    tens, _, units = s.partition("十")
    return (("一二三四五六七八九".index(tens) + 1) if tens else 1) * 10 + (chinese_number(units) if units else 0)


def groups_cited(text: str) -> set[str]:
    """The competition groups a label note or a report's citation names (by article, else by wording)."""
    out, law = set(), None
    for m in _CITE.finditer(text):
        if m[1]:
            law = m[1]
            if law == "负面清单":
                out.add("8")
        elif law in _ARTICLES:
            group = _ARTICLES[law].get(chinese_number(m[2]))
            if group:
                out.add(group)
    return out or {g for word, g in _PHRASES if word in text}


@dataclass
class Sample:
    text: str
    key: str  # the case or document: folds and the split go by it
    part: str
    positive: set[str] = field(default_factory=set)  # group keys
    clean: set[str] = field(default_factory=set)  # categories this sentence is clean for
    buckets: list[int] = field(default_factory=list)


def sentences_of(a: Analysis) -> list[tuple[str, int, int]]:
    view = a.local
    return [(view.text[s:e], *view.span(s, e)) for s, e in classifier.scored_spans(view.text, a.sentences(view))]


def fired(text: str) -> set[str]:
    return {h.rule.category for h in default_lexicon().scan(text, [(0, len(text))])}


def case_samples(folder: Path) -> list[Sample]:
    out, missing = [], 0
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        lab = json.loads(line)
        part = "tune" if folder.name == "eval-dev" else part_of(lab["case"])
        doc = read_file(folder / "cases" / lab["case"])
        a = Analysis(doc, Settings(as_of=AS_OF))
        spans: list[tuple[int, int, set[str]]] = []  # original spans of expected quotes, with their groups
        for exp in lab.get("expect", []):
            if exp["rule"] not in ("competition", "powers") or not exp.get("quote"):
                continue
            groups = groups_cited(exp.get("note", "")) if exp["rule"] == "competition" else {"powers"}
            found = [m.start() for m in re.finditer(re.escape(exp["quote"]), doc.text)]
            missing += not found
            spans += [(s, s + len(exp["quote"]), groups or {"competition"}) for s in found]
        # Clean for a category: every sentence of a case that lists it in expect_clean, and every sentence
        # no expected quote of it touches in a case that lists its problems.
        clean = (set(lab.get("expect_clean", [])) | {e["rule"] for e in lab.get("expect", []) if e.get("quote")}
                 ) & {"competition", "powers"}
        for text, s, e in sentences_of(a):
            sample = Sample(text, f"{folder.name}/{lab['case']}", part)
            for qs, qe, groups in spans:
                if qs < e and s < qe:
                    sample.positive |= groups
            flagged = {"powers"} & sample.positive | ({"competition"} if sample.positive - {"powers"} else set())
            sample.clean = clean - flagged
            out.append(sample)
    if missing:
        print(f"  {folder.name}: {missing} expected quotes not found verbatim")
    return out


def tsv_samples(path: Path) -> list[Sample]:
    out = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            groups = groups_cited(row["standard_cited_by_report"]) or groups_cited(row["quoted_clause"])
            if not groups or not row["quoted_clause"].strip():
                continue
            doc = read_bytes(row["quoted_clause"].encode("utf-8"), "clause.txt")
            a = Analysis(doc, Settings(as_of=AS_OF, jurisdiction=row["issuing_body"]))
            text = a.local.text.strip()
            if len(text) >= classifier.MIN_CHARS:
                out.append(Sample(text, "tsv/" + row["document"], part_of(row["document"]), positive=groups))
    return out


def seed_samples(folder: Path) -> list[Sample]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        a = Analysis(read_file(path), Settings(as_of=AS_OF))
        for text, _, _ in sentences_of(a):
            out.append(Sample(text, "seed/" + path.name, "tune", clean={"competition", "powers"} - fired(text)))
    return out


def rule_samples() -> list[Sample]:
    """The powers rules' own examples (synthetic sentences of corpora/rules): must examples are positives of the
    powers group, must_not examples clean sentences. Real powers clauses are too few to train on alone."""
    out = []
    for r in all_rules().values():
        if r.category != "powers":
            continue
        if r.lexical:  # a phrase rule's must examples; the 疑似 rule's own must example is its test, not data
            out += [Sample(e.text, f"rules/{r.id}", "tune", positive={"powers"}) for e in r.must]
        out += [Sample(e.text, f"rules/{r.id}", "tune", clean={"powers"}) for e in r.must_not]
    return out


def web_samples() -> list[Sample]:
    """The public-page clauses (scripts/eval/web), all tuning but the check halves (*_check.tsv, which nothing is
    tuned on): ../shared's texts are dropped by web.py's test."""
    grams, out = shared_grams(), []
    for row in web_rows():
        if (in_check_half(row) or contaminated(row["clause"], grams)
                or row["category"] not in ("competition", "powers", "clean")):
            continue
        doc = read_bytes(row["clause"].strip().encode("utf-8"), "clause.txt")
        text = Analysis(doc, Settings(as_of=AS_OF)).local.text.strip()
        if len(text) < classifier.MIN_CHARS:
            continue
        key = "web/" + row["source"]
        if row["category"] == "clean":
            out.append(Sample(text, key, "tune", clean={"competition", "powers"}))
        elif row["category"] == "powers":
            out.append(Sample(text, key, "tune", positive={"powers"}))
        else:  # a competition group the classifier has (8, 9, 10); any other is competition, no group's negative
            out.append(Sample(text, key, "tune", positive={row["group"]} & {"8", "9", "10"} or {"competition"}))
    return out


def role(sample: Sample, key: str, category: str) -> int | None:
    """1 positive, 0 negative, None not used for this group."""
    if key in sample.positive:
        return 1
    if category in sample.clean or (category == "competition" and sample.positive - {key, "powers", "competition"}):
        return 0
    return None


class Design:
    """Samples as one sparse matrix (hashed n-gram counts, each row scaled to 1/sqrt(its n-gram count))."""

    def __init__(self, samples: list[Sample]):
        lengths = np.array([len(s.buckets) for s in samples])
        self.n = len(samples)
        self.idx = np.concatenate([np.asarray(s.buckets, dtype=np.int64) for s in samples])
        self.row = np.repeat(np.arange(self.n), lengths)
        self.val = np.repeat(1.0 / np.sqrt(lengths), lengths)

    def scores(self, w: np.ndarray, b: float) -> np.ndarray:
        return b + np.bincount(self.row, weights=w[self.idx] * self.val, minlength=self.n)


def fit(d: Design, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression, full-batch Adam (deterministic)."""
    sw = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum()))
    size = 1 << BITS
    w, b = np.zeros(size), 0.0
    m, v, mb, vb = np.zeros(size), np.zeros(size), 0.0, 0.0
    for t in range(1, ITERS + 1):
        p = 1.0 / (1.0 + np.exp(-d.scores(w, b)))
        r = (p - y) * sw
        gw = np.bincount(d.idx, weights=r[d.row] * d.val, minlength=size) + L2 * w
        gb = r.sum()
        m, v = 0.9 * m + 0.1 * gw, 0.999 * v + 0.001 * gw * gw
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb * gb
        corr = np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        w -= LR * corr * m / (np.sqrt(v) + 1e-8)
        b -= LR * corr * mb / (np.sqrt(vb) + 1e-8)
    return w, b


def subset(samples: list[Sample], keep) -> tuple[list[Sample], np.ndarray]:
    chosen = [(s, y) for s in samples if (y := keep(s)) is not None]
    return [s for s, _ in chosen], np.array([y for _, y in chosen], dtype=float)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def threshold_for(clean_scores: np.ndarray) -> float:
    """The lowest threshold (≥ MIN_THRESHOLD, 3 decimals) at which at most FP_TARGET of these scores pass."""
    ranked = np.sort(clean_scores)[::-1]
    k = int(FP_TARGET * len(ranked))
    t = ranked[k] if k < len(ranked) else 0.0
    return max(MIN_THRESHOLD, float(np.ceil(t * 1000 + 1e-9) / 1000))


def reportable(samples: list[Sample], rule_id: str, category: str) -> np.ndarray:
    """The sentences the 疑似 check could report for this group at some score: no phrase rule of the category fires,
    they forbid nothing and meet the rule's requires/unless (reviewtools/checks/suspected.py)."""
    return np.array([category not in fired(s.text) and not suspected.forbids(s.text) and suspected.meets(rule_id, s.text)
                     for s in samples])


def case_threshold(samples: list[Sample], oof: np.ndarray, clean: np.ndarray) -> float:
    """The lowest threshold at which at most CASE_FP_TARGET of the labelled cases clean for the category have a
    reportable clean sentence above it: a case has tens of sentences, so 1 % of sentences can alarm far more cases."""
    top: dict[str, float] = {}
    for s, score in zip(np.array(samples, dtype=object)[clean], oof[clean], strict=True):
        top[s.key] = max(top.get(s.key, 0.0), float(score))
    ranked = np.sort(np.array(list(top.values())))[::-1]
    k = int(CASE_FP_TARGET * len(ranked))
    t = ranked[k] if k < len(ranked) else 0.0
    return max(MIN_THRESHOLD, float(np.ceil(t * 1000 + 1e-9) / 1000))


def train_group(key: str, rule: str, category: str, tune: list[Sample]) -> dict | None:
    """One group's model, or None when it finds too few held-out positives at its threshold to ship."""
    samples, y = subset(tune, lambda s: role(s, key, category))
    fold = np.array([crc32(s.key.encode("utf-8")) % FOLDS for s in samples])
    oof = np.zeros(len(samples))
    for k in range(FOLDS):
        inside = fold != k
        d = Design([s for s, i in zip(samples, inside, strict=True) if i])
        w, b = fit(d, y[inside])
        oof[~inside] = sigmoid(Design([s for s, i in zip(samples, inside, strict=True) if not i]).scores(w, b))
    clean = np.array([category in s.clean for s in samples])
    labelled = clean & np.array([s.key.startswith(("eval-dev/", "eval-dev2/")) for s in samples])
    t = max(threshold_for(oof[clean]), threshold_for(oof[labelled]), case_threshold(samples, oof, labelled & reportable(samples, rule, category)))
    recall = float(np.mean(oof[y == 1] >= t))
    print(f"  group {key:6s} train {int(y.sum()):4d} positives / {int((1 - y).sum()):5d} negatives; "
          f"threshold {t:.3f}; cross-validated recall {recall:.2f}, clean FP {np.mean(oof[clean] >= t):.3f}"
          + ("" if recall >= MIN_RECALL else f" — below {MIN_RECALL}: not shipped"))
    if recall < MIN_RECALL:
        return None
    w, b = fit(Design(samples), y)
    scale = float(np.abs(w).max() / 127) or 1.0
    return {"key": key, "category": category, "threshold": t, "scale": scale, "bias": float(b), "rule": rule,
            "q": np.clip(np.round(w / scale), -127, 127).astype(np.int8)}


def kept(model: classifier.Model, group: classifier.Group) -> dict:
    """A shipped group as train_group returns one, its int8 weights unchanged."""
    print(f"  group {group.key:6s} kept as shipped; threshold {group.threshold:.3f}")
    column = model.groups.index(group)
    return {"key": group.key, "category": group.category, "threshold": group.threshold, "scale": group.scale,
            "bias": group.bias, "rule": group.rule, "q": np.ascontiguousarray(model.weights[:, column])}


def report_heldout(model: classifier.Model, heldout: list[Sample]) -> None:
    """Recall per group and per category, and clean false positives, of the shipped model on held-out data."""
    print("held-out (eval-dev2 held-out cases, typical-case clauses of held-out documents):")
    flagged = [{g.key for g, p in model.scores(s.text) if p >= g.threshold} for s in heldout]
    for g in model.groups:
        pos = [f for s, f in zip(heldout, flagged, strict=True) if g.key in s.positive]
        clean = [f for s, f in zip(heldout, flagged, strict=True) if g.category in s.clean]
        own = {x.key for x in model.groups if x.category == g.category}
        print(f"  group {g.key:6s} recall {sum(g.key in f for f in pos) / max(1, len(pos)):.2f} ({len(pos)}), "
              f"category recall {sum(bool(f & own) for f in pos) / max(1, len(pos)):.2f}; "
              f"clean sentences flagged {sum(g.key in f for f in clean) / max(1, len(clean)):.3f} ({len(clean)})")


def _timed(model: classifier.Model, text: str, spans: list[tuple[int, int]]) -> float:
    start = time.perf_counter()
    model.sentence_scores(text, spans)
    return time.perf_counter() - start


def bench(model: classifier.Model, texts: list[str]) -> None:
    """Sentences scored per second when they come as a document does: one text, its sentence spans."""
    text, spans, pos = "\n".join(texts), [], 0
    for t in texts:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 1
    took = min(_timed(model, text, spans) for _ in range(3))
    print(f"speed: {len(texts) / took:,.0f} sentences/s ({len(text) / len(texts):.0f} characters each), one core")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true", help="train and report, write nothing")
    ap.add_argument("--bench", action="store_true", help="only time the shipped model on the seed sentences")
    ap.add_argument("--only", nargs="+", metavar="KEY", choices=[k for k, _, _ in GROUPS],
                    help="retrain these groups; the others keep their shipped weights and threshold")
    args = ap.parse_args()
    if args.bench:
        bench(classifier.default_model(), [s.text for s in seed_samples(SHARED / "seeds")])
        return 0
    np.random.seed(SEED)  # nothing is random today; kept so that any later sampling is seeded too
    cases = case_samples(SHARED / "eval-dev") + case_samples(SHARED / "eval-dev2")
    clean = [s.text for s in cases if "competition" in s.clean]
    clauses = [c for c in tsv_samples(SHARED / "eval-dev" / "fc_typical_case_clauses.tsv")
               if not any(c.text in t or t in c.text for t in clean)]  # where the two disagree, the case label wins
    samples = cases + clauses + seed_samples(SHARED / "seeds") + rule_samples() + web_samples()
    for s in samples:
        s.buckets = classifier.hashes(s.text, NGRAMS, BITS)
    tune = [s for s in samples if s.part == "tune"]
    heldout = [s for s in samples if s.part == "heldout"]
    print(f"{len(samples)} sentences ({len(tune)} tuning, {len(heldout)} held out)")
    shipped = {g.key: g for g in classifier.default_model().groups} if args.only else {}
    groups = [g for key, rule, category in GROUPS
              if (g := train_group(key, rule, category, tune) if key not in shipped or key in args.only
                  else kept(classifier.default_model(), shipped[key]))]
    meta = {"ngrams": list(NGRAMS), "bits": BITS, "hash": "multiplicative hash of the n-gram's code points, 64-bit mixer",
            "trained": {"fp_target": FP_TARGET, "folds": FOLDS, "iterations": ITERS, "l2": L2,
                        "sentences": len(tune)},
            "groups": [{k: v for k, v in g.items() if k != "q"} for g in groups]}
    out = OUT
    if args.dry_run:
        import tempfile

        out = Path(tempfile.mkdtemp())
    out.mkdir(parents=True, exist_ok=True)
    (out / "weights.bin").write_bytes(b"".join(g["q"].tobytes() for g in groups))
    (out / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    model = classifier.load(out)
    report_heldout(model, heldout)
    bench(model, [s.text for s in tune])
    print(f"wrote {out}" if not args.dry_run else "dry run: nothing written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
