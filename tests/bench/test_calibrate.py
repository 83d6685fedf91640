"""The abstention bar bench/calibrate.py fits: where it sits between the answerable questions' scores."""

from __future__ import annotations

import math

from bench.calibrate import bar_for


def results(answerable: list[float], unanswerable: list[float]) -> list[dict[str, object]]:
    return [{"answerable": True, "top": t} for t in answerable] + [
        {"answerable": False, "top": t} for t in unanswerable
    ]


def test_the_bar_sits_midway_between_the_answerable_scores_it_lets_fall_and_the_next() -> None:
    """Ten answerable questions, one allowed under the bar: midway between the lowest and the next,
    not right under the next (where a held-out question like it would fall); unanswerable scores
    do not move it."""
    scores = [0.30, 0.40, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]
    bar = bar_for(results(scores, [0.2, 0.38]), max_false=0.1)
    assert math.isclose(bar, 0.35)
    assert sum(s < bar for s in scores) == 1


def test_with_no_question_allowed_under_it_the_bar_is_just_under_the_lowest_score() -> None:
    bar = bar_for(results([0.30, 0.40, 0.45], []), max_false=0.1)
    assert 0.29 < bar < 0.30
    assert bar_for(results([-math.inf, 0.4], []), max_false=0.5) == 0.4 - 1e-6  # nothing found for the first
