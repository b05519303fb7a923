"""The minimum of three answers, and the safety-climate scoring (pure Python)."""

from __future__ import annotations

import pytest

from leerkring.pulses import aggregates, safety


def test_the_minimum_is_three() -> None:
    assert aggregates.MIN_ANSWERS == 3
    assert not aggregates.enough(2)
    assert aggregates.enough(3)


def test_two_answers_give_no_aggregate_three_do() -> None:
    assert aggregates.stat([4, 5]) is None
    assert aggregates.mean([4, 5]) is None
    assert aggregates.distribution([4, 5]) is None
    assert aggregates.word_counts(["moe", "blij"], answers=2) is None

    assert aggregates.mean([4, 5, 3]) == 4
    assert aggregates.distribution([4, 5, 4]) == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    assert aggregates.word_counts(["Moe", "blij", "moe."], answers=3) == [
        ("moe", 2),
        ("blij", 1),
    ]


def test_words_need_three_people_even_when_fewer_typed_one() -> None:
    assert aggregates.word_counts(["moe"], answers=3) == [("moe", 1)]
    assert aggregates.word_counts(["moe", "moe", "moe"], answers=2) is None


def test_quartiles_interpolate_like_numpy() -> None:
    stat = aggregates.stat([1, 2, 3, 4, 5])
    assert stat is not None
    assert (stat.q1, stat.mean, stat.q3) == (2, 3, 4)


def test_negatively_worded_items_are_reverse_scored() -> None:
    """Items 1, 3 and 5: 'very inaccurate' (1) is the safest answer (7)."""
    assert safety.item_score(1, 1) == 7
    assert safety.item_score(2, 1) == 1
    assert safety.score([1, 7, 1, 7, 1, 7, 7]) == 7
    assert safety.score([7, 1, 7, 1, 7, 1, 1]) == 1
    assert safety.score([2, 6, 2, 5, 3, 6, 5]) == pytest.approx(39 / 7)  # 6+6+6+5+5+6+5
    with pytest.raises(ValueError, match="7 answers"):
        safety.score([4, 4])


@pytest.mark.parametrize(
    ("count", "sessions"),
    [
        (8, (2, 5, 8)),
        (4, (1, 3, 4)),
        (6, (2, 4, 6)),
        (10, (3, 6, 10)),
        (12, (3, 8, 12)),
        (2, (1, 2)),
        (1, (1,)),
        (0, ()),
    ],
)
def test_the_questionnaire_follows_sessions_2_5_8_scaled(
    count: int, sessions: tuple[int, ...]
) -> None:
    assert safety.administration_sessions(count) == sessions
