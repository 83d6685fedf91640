"""Fit the answerer's global parameters on a questions file, and measure how well they carry over.

No parameter belongs to a question; every one is printed.
1. The answer-candidate model (direct.py): a conditional logit, fitted on the candidates the pipeline
   finds for the answerable questions (which one is the gold, within its question).
2. A small grid over what decides what is quoted (how much a sentence's answer-shape hint and the
   question's verb count, how close to the best a further sentence must score) and the bar under
   which no direct answer is given;
   each point is scored by running the real pipeline (gold in a cited quote, plus direct answer =
   gold, less direct answer wrong), with the abstention bar of that point set so that at most
   --max-false-abstention of the answerable questions fall under it.
Figures are scored as `rag eval` scores (gold as whole words, abstentions never right): in-sample
(fitted on all questions) and 2-fold cross-validated (fitted on one half, measured on the other).

With --fit-on OTHER.jsonl (answerable questions only, such as bench/detail_questions.jsonl), 1 and 2
are fitted there instead, without an abstention bar (its objective: gold in a cited quote plus direct
answer = gold, less direct answer wrong), and only the bar on QUESTIONS (it needs unanswerable ones):
every figure on QUESTIONS is then held out but for the bar, which is cross-validated over many 2-fold
splits (cheap: the answers do not change with the bar). Half of 96 questions cannot fit six candidate
weights and a grid that the other half would share; a thousand can.

With --prior-on OTHER.jsonl, the candidate model's L2 penalty (--l2) pulls its weights towards those fitted
on OTHER instead of towards zero (measured at stop 48: worse than towards zero).

Usage: RAG_DATA_DIR=... RAG_CORPUS_DIR=... python -m bench.calibrate QUESTIONS.jsonl [--repeats 4]
       [--fit-on bench/detail_questions.jsonl] [--l2 0.1] [--prior-on bench/detail_questions.jsonl]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import statistics
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.optimize import minimize

from index.snapshot import IndexSnapshot, load_snapshot
from rag.answer.compose import answer_strength
from rag.answer.followups import split_compound
from rag.answer.timeframe import time_frame
from rag.evaluate import read_questions, same_answer
from rag.runtime import configure_process
from rag.settings import Settings
from rag.text import contains_words
from rag.wiring import answer_options, build_answerer, build_query_encoder, store_opener

if TYPE_CHECKING:
    from rag.answer.answerer import Answerer, AnswerOptions, Evidence
    from rag.answer.direct import DirectOptions

CANDIDATE_FEATURES = ["closeness", "evidence", "support", "title", "entity", "role"]  # `fit` is a fixed prior
GRID = {
    "relation": [0.0, 0.05, 0.1],
    "hint": [0.0, 0.05],
    "min_score": [0.3, 0.4, 0.5],
    "follow_margin": [0.12, 0.2],
}
Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Penalty:
    """The L2 penalty on the candidate model's weights: `l2` times their squared distance from `centre`
    (zero, or weights fitted on other questions: a prior that half of 96 questions can move but not
    replace)."""

    l2: float = 0.1
    centre: tuple[float, ...] | None = None


TOWARDS_ZERO = Penalty()


def answerable(rows: Rows) -> Rows:
    return [r for r in rows if r.get("type", "answerable") == "answerable"]


def gather(answerer: Answerer, snapshot: IndexSnapshot, row: dict[str, Any]) -> Evidence:
    """The evidence as `rag eval` gets it: asked on the line's `as_of` day, or today."""
    as_of = date.fromisoformat(row["as_of"]) if row.get("as_of") else date.today()
    return answerer.gather(snapshot, row["question"], frame=time_frame(row["question"], asked_on=as_of))


def fit_candidates(
    answerer: Answerer, snapshot: IndexSnapshot, rows: Rows, penalty: Penalty = TOWARDS_ZERO
) -> DirectOptions:
    """Weights that put the gold candidate first within its question (a conditional logit), held back
    by `penalty`."""
    groups = []
    for row in answerable(rows):
        if len(split_compound(row["question"])) > 1:
            continue
        parts = gather(answerer, snapshot, row).ranked_parts
        if not parts:
            continue  # answered from an article's head (articles.py): no candidates
        ranked = parts[0]
        found = [(c.features(), same_answer(c.text, row["answer"])) for s in ranked for c in s.candidates]
        if any(label for _, label in found):
            x = np.array([[f[n] for n in CANDIDATE_FEATURES] for f, _ in found])
            prior = np.array([f["fit"] * answerer.options.direct.fit for f, _ in found])
            groups.append((x, prior, np.array([label for _, label in found])))

    centre = np.zeros(len(CANDIDATE_FEATURES)) if penalty.centre is None else np.array(penalty.centre)

    def loss(w: np.ndarray) -> float:
        total = penalty.l2 * float((w - centre) @ (w - centre))
        for x, prior, y in groups:
            z = x @ w + prior
            total -= float(np.logaddexp.reduce(z[y]) - np.logaddexp.reduce(z))
        return total

    weights = minimize(loss, centre.copy(), method="L-BFGS-B").x
    return replace(
        answerer.options.direct, **{n: round(float(w), 3) for n, w in zip(CANDIDATE_FEATURES, weights, strict=True)}
    )


def run(answerer: Answerer, snapshot: IndexSnapshot, rows: Rows) -> list[dict[str, Any]]:
    """Each question answered by the real pipeline, with the score it was answered (or not) on."""
    return judged(answerer, rows, [gather(answerer, snapshot, row) for row in rows])


def judged(answerer: Answerer, rows: Rows, gathered: list[Evidence]) -> list[dict[str, Any]]:
    """Each question's evidence composed into an answer, and judged as `run` says."""
    results = []
    for row, evidence in zip(rows, gathered, strict=True):
        answer = answerer.compose(evidence)
        gold = str(row.get("answer", ""))
        results.append(
            {
                "answerable": row.get("type", "answerable") == "answerable",
                "top": top_score(evidence, answerer.options),
                "abstained": answer.abstained,
                "quote": any(contains_words(c.quote, gold) for c in answer.citations),
                "text": contains_words(answer.answer, gold),
                "direct": bool(answer.direct) and same_answer(answer.direct.text if answer.direct else "", gold),
                "wrong": bool(answer.direct) and not same_answer(answer.direct.text if answer.direct else "", gold),
                "short": len(gold.split()) <= 6,
            }
        )
    return results


def top_score(evidence: Evidence, options: AnswerOptions) -> float:
    """The score abstention is decided on; an answer from an article's head (articles.py) stands above
    any bar, its abstention under it."""
    if evidence.settled is not None:
        return -math.inf if evidence.settled.abstained else math.inf
    return max(
        (
            answer_strength(s, options.compose, options.direct)
            for part in evidence.ranked_parts
            for s in part
            if s.answers_type
        ),
        default=-math.inf,
    )


def bar_for(results: list[dict[str, Any]], max_false: float) -> float:
    """The abstention bar under which at most `max_false` of the answerable questions fall: midway
    between the best score it lets fall and the next (a bar right under an answerable question's
    score drops the next question like it that the fitted ones did not include)."""
    scores = sorted(r["top"] for r in results if r["answerable"])
    allowed = int(max_false * len(scores))
    if allowed >= len(scores):
        return -math.inf
    below = scores[allowed - 1] if allowed > 0 else -math.inf
    return (below + scores[allowed]) / 2 if below > -math.inf else scores[allowed] - 1e-6


def figures(results: list[dict[str, Any]], bar: float) -> dict[str, float]:
    """The rag-eval figures of these results had the abstention bar been `bar`."""
    ans = [r for r in results if r["answerable"]]
    unans = [r for r in results if not r["answerable"]]
    kept = [r for r in ans if r["top"] >= bar]
    short = [r for r in ans if r["short"]]
    return {
        "contains_gold": round(sum(r["text"] for r in kept) / max(len(ans), 1), 3),
        "gold_in_quote": round(sum(r["quote"] for r in kept) / max(len(ans), 1), 3),
        "direct_match": round(sum(r["direct"] for r in short if r["top"] >= bar) / max(len(short), 1), 3),
        "direct_wrong": round(sum(r["wrong"] for r in short if r["top"] >= bar) / max(len(short), 1), 3),
        "abstention_recall": round(sum(r["top"] < bar for r in unans) / max(len(unans), 1), 3),
        "false_abstention": round(sum(r["top"] < bar for r in ans) / max(len(ans), 1), 3),
    }


def options_at(base: AnswerOptions, point: dict[str, float], bar: float = -math.inf) -> AnswerOptions:
    return replace(
        base,
        weights=replace(base.weights, hint=point["hint"], relation=point["relation"]),
        direct=replace(base.direct, min_score=point["min_score"]),
        compose=replace(base.compose, abstain_below=bar, follow_margin=point["follow_margin"]),
    )


def fit(
    answerer: Answerer,
    snapshot: IndexSnapshot,
    rows: Rows,
    base: AnswerOptions,
    max_false: float,
    penalty: Penalty = TOWARDS_ZERO,
) -> tuple[AnswerOptions, dict[str, float]]:
    """The candidate model, then the grid point with the most gold in quotes plus right direct answers,
    less wrong ones (a wrong answer in bold misleads more than none: give one only when it is likelier
    right than wrong)."""
    answerer.options = base
    base = replace(base, direct=fit_candidates(answerer, snapshot, rows, penalty))
    best: tuple[float, dict[str, float], float] | None = None
    for values in itertools.product(*GRID.values()):
        point = dict(zip(GRID, values, strict=True))
        answerer.options = options_at(base, point)
        results = run(answerer, snapshot, rows)
        bar = bar_for(results, max_false)
        f = figures(results, bar)
        objective = f["gold_in_quote"] + f["direct_match"] - f["direct_wrong"] + 0.5 * f["abstention_recall"]
        if best is None or objective > best[0]:
            best = (objective, point, bar)
    assert best is not None
    _, point, bar = best
    return options_at(base, point, bar), point


def fit_elsewhere(
    answerer: Answerer, snapshot: IndexSnapshot, rows: Rows, base: AnswerOptions
) -> tuple[AnswerOptions, dict[str, float]]:
    """The candidate model, then the grid point with the most gold in quotes plus right direct answers,
    less wrong ones, on answerable questions without a bar. The sentence weights change what is
    gathered; the rest only how it is composed, so each weighting is gathered once."""
    answerer.options = replace(base, compose=replace(base.compose, abstain_below=-math.inf))
    base = replace(answerer.options, direct=fit_candidates(answerer, snapshot, rows))
    best: tuple[float, dict[str, float]] | None = None
    gathered: list[Evidence] = []
    weighting: tuple[float, float] | None = None
    for values in itertools.product(*GRID.values()):
        point = dict(zip(GRID, values, strict=True))
        answerer.options = options_at(base, point)
        if weighting != (point["relation"], point["hint"]):
            weighting = (point["relation"], point["hint"])
            gathered = [gather(answerer, snapshot, row) for row in rows]
        f = figures(judged(answerer, rows, gathered), -math.inf)
        objective = f["gold_in_quote"] + f["direct_match"] - f["direct_wrong"]
        print(f"  {json.dumps(point)}: {json.dumps(f)}")
        if best is None or objective > best[0]:
            best = (objective, point)
    assert best is not None
    return options_at(base, best[1]), best[1]


def cross_validate_bar(results: list[dict[str, Any]], max_false: float, repeats: int) -> None:
    """The bar fitted on one half of the questions, measured on the other: the even/odd split, then
    seeded shuffles (the answers stay as they are; only who falls under the bar moves)."""
    splits = []
    for repeat in range(repeats):
        order = list(results) if repeat == 0 else random.Random(repeat).sample(results, len(results))
        folds = [
            figures(test, bar_for(train, max_false))
            for train, test in [(order[0::2], order[1::2]), (order[1::2], order[0::2])]
        ]
        splits.append({k: statistics.fmean(f[k] for f in folds) for k in folds[0]})
        if repeat == 0:
            print("  even/odd split, 2-fold cross-validated bar:", json.dumps(rounded(splits[0])))
    if len(splits) > 1:
        print(
            f"  mean over {len(splits)} splits:",
            json.dumps(rounded({k: statistics.fmean(s[k] for s in splits) for k in splits[0]})),
        )
        spread = {k: [round(min(s[k] for s in splits), 3), round(max(s[k] for s in splits), 3)] for k in splits[0]}
        print("  range over the splits:", json.dumps(spread))


def rounded(figures: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in figures.items()}


def calibrate_elsewhere(
    answerer: Answerer,
    snapshot: IndexSnapshot,
    rows: Rows,
    fit_rows: Rows,
    base: AnswerOptions,
    args: argparse.Namespace,
) -> None:
    """The model and the grid fitted on `fit_rows`, the bar on `rows` (see the module's docstring)."""
    print(f"fitting the candidate model and the grid on {len(fit_rows)} other questions:")
    fitted, point = fit_elsewhere(answerer, snapshot, fit_rows, base)
    answerer.options = fitted
    results = run(answerer, snapshot, rows)
    bar = bar_for(results, args.max_false_abstention)
    print("\nfitted elsewhere:", json.dumps(point))
    print("  candidate model", json.dumps(asdict(fitted.direct)))
    print(f"  abstain below {math.floor(bar * 1e4) / 1e4:.4f} (rounded down), fitted on all {len(rows)} questions")
    print("  in-sample bar:", json.dumps(figures(results, bar)))
    cross_validate_bar(results, args.max_false_abstention, max(args.repeats, 2) * 50)
    fit_results = run(answerer, snapshot, fit_rows)
    print(f"  the {len(fit_rows)} questions fitted on, with that bar:", json.dumps(figures(fit_results, bar)))
    print("\nas code:")
    print(f"  ScoringWeights(..., hint={point['hint']}, relation={point['relation']})")
    print(f"  DirectOptions({', '.join(f'{k}={v}' for k, v in asdict(fitted.direct).items())})")
    print(f"  ComposeOptions(abstain_below={math.floor(bar * 1e4) / 1e4:.4f}, follow_margin={point['follow_margin']})")


def measure(answerer: Answerer, snapshot: IndexSnapshot, rows: Rows, options: AnswerOptions) -> dict[str, float]:
    answerer.options = options
    return figures(run(answerer, snapshot, rows), options.compose.abstain_below)


def cross_validate(
    answerer: Answerer,
    snapshot: IndexSnapshot,
    rows: Rows,
    base: AnswerOptions,
    max_false: float,
    repeats: int,
    penalty: Penalty = TOWARDS_ZERO,
) -> None:
    """2-fold cross-validation, on the even/odd split and on `repeats` - 1 seeded shuffles: one split's
    figures move by several points with the questions that fall in each half, so report their spread."""
    splits = []
    for repeat in range(repeats):
        order = list(rows) if repeat == 0 else random.Random(repeat).sample(rows, len(rows))
        folds = [
            held_out_half(answerer, snapshot, train, test, base, max_false, f"{repeat}.{i}", penalty)
            for i, (train, test) in enumerate([(order[0::2], order[1::2]), (order[1::2], order[0::2])])
        ]
        splits.append({k: round(statistics.fmean(f[k] for f in folds), 3) for k in folds[0]})
        print(f"  split {repeat}: 2-fold cross-validated (mean of the held-out halves):", json.dumps(splits[-1]))
    if len(splits) > 1:
        mean = {k: round(statistics.fmean(s[k] for s in splits), 3) for k in splits[0]}
        print("  mean over the splits:", json.dumps(mean))
        spread = {k: [min(s[k] for s in splits), max(s[k] for s in splits)] for k in splits[0]}
        print("  range over the splits:", json.dumps(spread))


def held_out_half(
    answerer: Answerer,
    snapshot: IndexSnapshot,
    train: Rows,
    test: Rows,
    base: AnswerOptions,
    max_false: float,
    name: str,
    penalty: Penalty = TOWARDS_ZERO,
) -> dict[str, float]:
    """Fit on `train`, measure on `test`."""
    options, point = fit(answerer, snapshot, train, base, max_false, penalty)
    held_out = measure(answerer, snapshot, test, options)
    print(
        f"  fold {name}: fitted {json.dumps(point)}, bar {options.compose.abstain_below:.4f}; "
        f"held out: {json.dumps(held_out)}"
    )
    return held_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--max-false-abstention", type=float, default=0.10)
    parser.add_argument(
        "--repeats", type=int, default=1, help="2-fold splits to average: the even/odd one, then seeded shuffles"
    )
    parser.add_argument(
        "--fit-on", type=Path, help="answerable questions to fit the candidate model and the grid on (not QUESTIONS)"
    )
    parser.add_argument("--l2", type=float, default=Penalty.l2, help="the candidate model's L2 penalty")
    parser.add_argument(
        "--prior-on",
        type=Path,
        help="answerable questions whose fitted candidate model the penalty pulls towards (instead of zero)",
    )
    args = parser.parse_args()
    settings = Settings()
    configure_process(settings.embed_threads)
    answerer = build_answerer(settings, build_query_encoder(settings))
    snapshot = load_snapshot(store_opener(settings), settings.data_dir)
    rows = read_questions(args.questions)
    current = answer_options(settings)

    print("current defaults:", json.dumps(measure(answerer, snapshot, rows, current)))
    if args.fit_on is not None:
        calibrate_elsewhere(answerer, snapshot, rows, answerable(read_questions(args.fit_on)), current, args)
        return
    penalty = Penalty(l2=args.l2)
    if args.prior_on is not None:  # weights fitted on other questions, the centre the penalty pulls towards
        answerer.options = current
        prior = fit_candidates(answerer, snapshot, answerable(read_questions(args.prior_on)))
        penalty = Penalty(l2=args.l2, centre=tuple(getattr(prior, n) for n in CANDIDATE_FEATURES))
        print(f"prior from {args.prior_on}:", json.dumps(dict(zip(CANDIDATE_FEATURES, penalty.centre, strict=True))))
    fitted, point = fit(answerer, snapshot, rows, current, args.max_false_abstention, penalty)
    print("\nfitted on all questions:", json.dumps(point))
    print("  candidate model", json.dumps(asdict(fitted.direct)))
    print(f"  abstain below {math.floor(fitted.compose.abstain_below * 1e4) / 1e4:.4f} (rounded down)")
    print("  in-sample:", json.dumps(measure(answerer, snapshot, rows, fitted)))
    cross_validate(answerer, snapshot, rows, current, args.max_false_abstention, args.repeats, penalty)
    print("\nas code:")
    print(f"  ScoringWeights(..., hint={point['hint']}, relation={point['relation']})")
    print(f"  DirectOptions({', '.join(f'{k}={v}' for k, v in asdict(fitted.direct).items())})")
    bar = math.floor(fitted.compose.abstain_below * 1e4) / 1e4
    print(f"  ComposeOptions(abstain_below={bar:.4f}, follow_margin={point['follow_margin']})")


if __name__ == "__main__":
    main()
