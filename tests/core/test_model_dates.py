"""A record's date rules never crash on a missing date: the form says the date is required instead."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wuji.activities.models import Pairing
from wuji.campaigns.models import Campaign, Phase
from wuji.orgs.models import WeakFlag
from wuji.people.models import PoolEntry, Position

DAY = dt.date(2010, 5, 1)


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Pairing, {"ended_on": DAY}),
        (WeakFlag, {"closed_on": DAY}),
        (Position, {"ended_on": DAY}),
        (PoolEntry, {"exited_on": DAY}),
        (Campaign, {"ends_on": DAY}),
        (Phase, {"ends_on": DAY}),
    ],
)
def test_clean_with_the_start_date_missing_raises_a_validation_error_not_a_type_error(
    model: type, fields: dict[str, dt.date]
) -> None:
    record = model(**fields)
    try:
        record.clean()
    except ValidationError:
        pass  # a message is fine; a TypeError (500) is not
