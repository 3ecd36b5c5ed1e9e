"""Documents of a small township with published assessments and 整改 items (the 整改 tests' campaign).

The fixtures come from tests/rectification/conftest.py: `rect_campaign` (standard "rect-mini", 2021,
villages 甲村/乙村 and a 机关 branch), `baseline` (published 2021-06-30), `both` (a published final as of
2021-10-31 too, each village with an open item and one awaiting verification).
"""

from __future__ import annotations

from tests.rectification.conftest import (  # noqa: F401  (fixtures)
    _media,
    add_reserves,
    baseline,
    both,
    draft_assessment,
    rect_campaign,
)
