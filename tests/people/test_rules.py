"""The membership-development and term rules of DESIGN §2, as pure functions (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from wuji.people.choices import Stage
from wuji.people.rules import (
    StageFact,
    Term,
    add_months,
    age_on,
    first_overlap,
    history_problems,
    meeting_problems,
    terms_overlap,
)

BIRTH = dt.date(1990, 6, 15)
TODAY = dt.date(2020, 1, 1)
PASS = {"voters_eligible": 10, "voters_present": 8, "votes_for": 7}


def problems(*facts: StageFact, birth_date: dt.date = BIRTH, today: dt.date = TODAY) -> list[str]:
    return history_problems(list(facts), birth_date=birth_date, today=today)


def fact(stage: str, day: dt.date, **kwargs: object) -> StageFact:
    return StageFact(stage=stage, started_on=day, **kwargs)  # type: ignore[arg-type]


# -- applicant age ------------------------------------------------------------


def test_an_applicant_one_day_short_of_18_is_refused() -> None:
    result = problems(fact(Stage.APPLICANT, dt.date(2008, 6, 14)))

    assert any("未满18周岁" in p for p in result)


def test_an_applicant_on_their_18th_birthday_is_accepted() -> None:
    assert problems(fact(Stage.APPLICANT, dt.date(2008, 6, 15))) == []


def test_someone_born_on_29_february_is_18_from_1_march_of_a_common_year() -> None:
    born = dt.date(2000, 2, 29)

    assert age_on(born, dt.date(2018, 2, 28)) == 17
    assert age_on(born, dt.date(2018, 3, 1)) == 18


# -- activist to candidate: at least one year -----------------------------------


def test_an_activist_made_candidate_a_day_before_a_year_is_refused() -> None:
    result = problems(
        fact(Stage.APPLICANT, dt.date(2015, 1, 1)),
        fact(Stage.ACTIVIST, dt.date(2015, 3, 1)),
        fact(Stage.CANDIDATE, dt.date(2016, 2, 29)),
    )

    assert len(result) == 1
    assert "一年以上培养" in result[0]
    assert "2016-03-01" in result[0]  # the user is told the earliest day


def test_an_activist_made_candidate_exactly_a_year_later_is_accepted() -> None:
    assert (
        problems(
            fact(Stage.APPLICANT, dt.date(2015, 1, 1)),
            fact(Stage.ACTIVIST, dt.date(2015, 3, 1)),
            fact(Stage.CANDIDATE, dt.date(2016, 3, 1)),
        )
        == []
    )


# -- probation: one year, extension honoured, at most 12 months -----------------

PATH_TO_PROBATION = (
    fact(Stage.APPLICANT, dt.date(2012, 1, 1)),
    fact(Stage.ACTIVIST, dt.date(2012, 3, 1)),
    fact(Stage.CANDIDATE, dt.date(2013, 3, 1)),
)


def probation(extension: int = 0) -> StageFact:
    return fact(Stage.PROBATIONARY, dt.date(2013, 7, 1), extension_months=extension, **PASS)


def test_confirmation_a_day_before_a_year_of_probation_is_refused() -> None:
    result = problems(*PATH_TO_PROBATION, probation(), fact(Stage.FULL, dt.date(2014, 6, 30), **PASS))

    assert len(result) == 1
    assert "预备期未满" in result[0]
    assert "2014-07-01" in result[0]


def test_confirmation_after_exactly_a_year_of_probation_is_accepted() -> None:
    assert problems(*PATH_TO_PROBATION, probation(), fact(Stage.FULL, dt.date(2014, 7, 1), **PASS)) == []


def test_an_extended_probation_must_run_its_extra_months() -> None:
    early = problems(*PATH_TO_PROBATION, probation(6), fact(Stage.FULL, dt.date(2014, 12, 31), **PASS))
    on_time = problems(*PATH_TO_PROBATION, probation(6), fact(Stage.FULL, dt.date(2015, 1, 1), **PASS))

    assert len(early) == 1
    assert "含延长6个月" in early[0]
    assert "2015-01-01" in early[0]
    assert on_time == []


def test_probation_is_extended_by_at_most_twelve_months() -> None:
    twelve = problems(*PATH_TO_PROBATION, probation(12))
    thirteen = problems(*PATH_TO_PROBATION, probation(13))

    assert twelve == []
    assert any("不超过12个月" in p for p in thirteen)


# -- order of the stages --------------------------------------------------------


def test_a_stage_dated_before_the_previous_one_is_refused() -> None:
    result = problems(fact(Stage.APPLICANT, dt.date(2015, 5, 1)), fact(Stage.ACTIVIST, dt.date(2015, 4, 30)))

    assert len(result) == 1
    assert "入党积极分子日期（2015-04-30）不能早于入党申请人日期（2015-05-01）" in result[0]


def test_two_stages_on_the_same_day_are_in_order() -> None:
    assert problems(fact(Stage.APPLICANT, dt.date(2015, 5, 1)), fact(Stage.ACTIVIST, dt.date(2015, 5, 1))) == []


def test_a_skipped_stage_is_refused_and_named() -> None:
    result = problems(fact(Stage.APPLICANT, dt.date(2015, 1, 1)), fact(Stage.CANDIDATE, dt.date(2016, 6, 1)))

    assert any("不能跳过" in p and "入党积极分子" in p for p in result)


def test_the_same_stage_twice_is_refused() -> None:
    result = problems(fact(Stage.APPLICANT, dt.date(2015, 1, 1)), fact(Stage.APPLICANT, dt.date(2016, 1, 1)))

    assert result == ["同一发展阶段只能登记一次"]


def test_a_stage_in_the_future_or_before_birth_is_refused() -> None:
    future = problems(fact(Stage.APPLICANT, dt.date(2020, 1, 2)))
    before_birth = problems(fact(Stage.FULL, dt.date(1990, 6, 14), backfilled=True))

    assert any("不能晚于今天" in p for p in future)
    assert any("不能早于出生日期" in p for p in before_birth)


def test_a_history_entered_from_old_records_may_start_at_probation() -> None:
    history = (
        fact(Stage.PROBATIONARY, dt.date(2010, 7, 1), backfilled=True),
        fact(Stage.FULL, dt.date(2011, 7, 1), backfilled=True),
    )

    assert problems(*history) == []


def test_no_stages_is_no_problem() -> None:
    assert problems() == []


# -- the branch meeting: majorities of ALL full members with a vote --------------


def meeting(eligible: int | None, present: int | None, votes: int | None) -> list[str]:
    return meeting_problems(
        fact(Stage.PROBATIONARY, dt.date(2015, 1, 1), voters_eligible=eligible, voters_present=present, votes_for=votes)
    )


def test_a_meeting_with_more_than_half_present_and_voting_for_admits() -> None:
    assert meeting(10, 6, 6) == []


def test_votes_for_must_exceed_half_of_all_eligible_not_only_of_those_present() -> None:
    # 5 of 6 present is a majority of the room, not of the 10 members with a vote.
    result = meeting(10, 6, 5)

    assert len(result) == 1
    assert "赞成票5票" in result[0]
    assert "未获通过" in result[0]


def test_a_meeting_with_exactly_half_present_cannot_decide() -> None:
    result = meeting(10, 5, 5)

    assert len(result) == 1
    assert "未超过应到10人的半数" in result[0]


def test_odd_numbers_of_eligible_voters() -> None:
    assert meeting(9, 5, 5) == []
    assert meeting(9, 4, 4) != []
    assert meeting(9, 9, 4) != []


def test_impossible_meeting_numbers_are_refused() -> None:
    assert any("不能多于有表决权" in p for p in meeting(10, 11, 6))
    assert any("不能多于到会人数" in p for p in meeting(10, 6, 7))
    assert any("不能为0" in p for p in meeting(0, 0, 0))


def test_the_meeting_numbers_are_required() -> None:
    assert meeting(10, None, 6) == ["接收预备党员须填写支部大会有表决权的正式党员数、到会人数和赞成票数"]


def test_confirmation_needs_its_own_meeting() -> None:
    result = problems(*PATH_TO_PROBATION, probation(), fact(Stage.FULL, dt.date(2014, 7, 1), **PASS | {"votes_for": 5}))

    assert len(result) == 1
    assert "预备党员转正未获通过" in result[0]


def test_a_failed_admission_meeting_is_a_problem_of_the_history() -> None:
    result = problems(*PATH_TO_PROBATION, fact(Stage.PROBATIONARY, dt.date(2013, 7, 1), **PASS | {"votes_for": 5}))

    assert len(result) == 1
    assert "接收预备党员未获通过" in result[0]


def test_facts_entered_from_old_records_skip_the_meeting_numbers() -> None:
    history = (
        *PATH_TO_PROBATION,
        fact(Stage.PROBATIONARY, dt.date(2013, 7, 1), backfilled=True),
        fact(Stage.FULL, dt.date(2014, 7, 1), backfilled=True),
    )

    assert problems(*history) == []


def test_backfilled_facts_still_obey_the_waiting_periods() -> None:
    history = (
        fact(Stage.PROBATIONARY, dt.date(2013, 7, 1), backfilled=True),
        fact(Stage.FULL, dt.date(2014, 1, 1), backfilled=True),
    )

    assert any("预备期未满" in p for p in problems(*history))


# -- dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2015, 3, 1), 12, dt.date(2016, 3, 1)),
        (dt.date(2016, 2, 29), 12, dt.date(2017, 2, 28)),  # no 29 February: the last day of the month
        (dt.date(2015, 1, 31), 1, dt.date(2015, 2, 28)),
        (dt.date(2015, 8, 31), 18, dt.date(2017, 2, 28)),
        (dt.date(2015, 3, 1), -12, dt.date(2014, 3, 1)),
        (dt.date(2015, 11, 30), 2, dt.date(2016, 1, 30)),
    ],
)
def test_add_months(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


# -- terms of office ---------------------------------------------------------------


def test_a_handover_on_the_same_day_is_not_an_overlap() -> None:
    predecessor = Term(dt.date(2012, 1, 1), dt.date(2015, 1, 1))
    successor = Term(dt.date(2015, 1, 1), None)

    assert not terms_overlap(predecessor, successor)
    assert not terms_overlap(successor, predecessor)


def test_a_successor_starting_a_day_early_overlaps() -> None:
    predecessor = Term(dt.date(2012, 1, 1), dt.date(2015, 1, 1))
    successor = Term(dt.date(2014, 12, 31), None)

    assert terms_overlap(predecessor, successor)


def test_an_open_term_overlaps_everything_after_its_start() -> None:
    open_term = Term(dt.date(2012, 1, 1), None)

    assert terms_overlap(open_term, Term(dt.date(2030, 1, 1), None))
    assert terms_overlap(open_term, Term(dt.date(2000, 1, 1), dt.date(2012, 1, 2)))
    assert not terms_overlap(open_term, Term(dt.date(2000, 1, 1), dt.date(2012, 1, 1)))


def test_a_term_inside_another_overlaps() -> None:
    assert terms_overlap(Term(dt.date(2010, 1, 1), dt.date(2020, 1, 1)), Term(dt.date(2012, 1, 1), dt.date(2013, 1, 1)))


def test_first_overlap_names_the_clashing_term() -> None:
    earlier = Term(dt.date(2005, 1, 1), dt.date(2010, 1, 1), "earlier")
    current = Term(dt.date(2010, 1, 1), None, "current")

    assert first_overlap(Term(dt.date(2012, 1, 1), None), [earlier, current]) == current
    assert first_overlap(Term(dt.date(2008, 1, 1), dt.date(2010, 1, 1)), [current]) is None
