"""Weak-org early warning (DESIGN §2, common 考评 practice).

A secretary post vacant for more than three months, or a village that developed
no member in two years, raises a warning flag (WeakFlag, source "warning") that
an officer then reviews: confirm and rectify, or dismiss. A warning is raised
once: an org with an open flag gets no second one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max

from wuji.core import targets
from wuji.core.rules_dates import years_before
from wuji.core.scoping import require_officer
from wuji.core.services import save_validated, service
from wuji.orgs.choices import Category, OrgKind, WeakSource, WeakStatus
from wuji.orgs.models import Organization, WeakFlag, active_orgs_q

DEVELOPMENT_GAP_YEARS = 2


def warning_reasons(
    *,
    category: str,
    secretary_vacant_since: dt.date | None,
    has_secretary: bool,
    last_admission: dt.date | None,
    founded_on: dt.date | None,
    day: dt.date,
) -> list[str]:
    """Why an org deserves a look (pure: the facts in, the reasons out)."""
    reasons = []
    if not has_secretary:
        since = secretary_vacant_since or founded_on
        if since is not None and (day - since).days > targets.SECRETARY_VACANCY_DAYS:
            reasons.append(f"书记岗位自{since:%Y-%m-%d}起空缺超过三个月")
    if category in {Category.VILLAGE, Category.COMMUNITY}:
        window_start = years_before(day, DEVELOPMENT_GAP_YEARS)
        established_long_enough = founded_on is None or founded_on <= window_start
        if established_long_enough and (last_admission is None or last_admission <= window_start):
            last = f"（上次发展：{last_admission:%Y-%m-%d}）" if last_admission else ""
            reasons.append(f"连续两年未发展党员{last}")
    return reasons


@service
def weak_warnings_raise(*, user: Any, root: Organization, day: dt.date) -> list[WeakFlag]:
    """Raise a warning flag for every branch under `root` that meets a warning condition."""
    from wuji.people.choices import Stage
    from wuji.people.models import MembershipStage
    from wuji.people.selectors import team_summaries

    require_officer(user, root)
    branches = list(
        Organization.objects.filter(path__startswith=root.path)
        .exclude(kind=OrgKind.COMMITTEE)
        .filter(active_orgs_q(day))
    )
    teams = team_summaries(branches, day)
    admissions = dict(
        MembershipStage.objects.filter(org__in=branches, stage=Stage.PROBATIONARY, started_on__lte=day)
        .values("org_id")
        .annotate(last=Max("started_on"))
        .values_list("org_id", "last")
    )
    flagged = set(
        WeakFlag.objects.filter(org__in=branches, status__in=[WeakStatus.OPEN, WeakStatus.RECTIFYING]).values_list(
            "org_id", flat=True
        )
    )
    raised = []
    for org in branches:
        if org.pk in flagged:
            continue
        team = teams[org.pk]
        reasons = warning_reasons(
            category=org.category,
            secretary_vacant_since=team.secretary_vacant_since,
            has_secretary=team.secretary is not None,
            last_admission=admissions.get(org.pk),
            founded_on=org.founded_on,
            day=day,
        )
        if reasons:
            flag = WeakFlag(
                org=org, source=WeakSource.WARNING, reason="；".join(reasons), flagged_on=day, status=WeakStatus.OPEN
            )
            save_validated(flag)
            raised.append(flag)
    return raised
