"""The path helpers that keep the aggregate metrics linear: grouping by ancestor in one pass."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wuji.orgs.metrics import outermost, under_paths

STEP = 4
segments = st.sampled_from(["0001", "0002", "0003"])
paths = st.lists(segments, min_size=1, max_size=4).map("".join)


def test_outermost_keeps_one_path_per_subtree() -> None:
    assert outermost(["00010002", "0001", "00020001", "000100020003"]) == ["0001", "00020001"]
    assert outermost([]) == []


@given(st.lists(paths, max_size=20))
def test_outermost_covers_every_path_and_no_kept_path_is_below_another(given_paths: list[str]) -> None:
    kept = outermost(given_paths)
    assert all(any(p.startswith(k) for k in kept) for p in given_paths)
    assert not any(a != b and a.startswith(b) for a in kept for b in kept)


@given(st.lists(paths, max_size=20), paths)
def test_under_paths_equals_the_prefix_filter(rows: list[str], ancestor: str) -> None:
    grouped = under_paths(rows, lambda p: p)
    assert grouped.get(ancestor, []) == [r for r in rows if r.startswith(ancestor)]
    assert all(len(key) % STEP == 0 for key in grouped)
