"""Creating a campaign (the phases and tasks come with the campaign pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from wuji.campaigns.models import Campaign
from wuji.core.scoping import require_officer
from wuji.core.services import save_validated, service
from wuji.orgs.choices import OrgKind
from wuji.orgs.models import Organization
from wuji.standards.models import Standard


@service
def campaign_create(
    *,
    user: Any,
    code: str,
    scope: Organization,
    standard: Standard,
    year: int,
    name: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> Campaign:
    """A campaign from mid-April to the end of October of `year` unless told otherwise (seed §四)."""
    if user is not None:
        require_officer(user, scope)
    if scope.kind != OrgKind.COMMITTEE:
        raise ValidationError({"scope": "工作方案的范围应是乡镇（或县）党委"})
    if Campaign.objects.filter(code=code).exists():
        raise ValidationError({"code": f"方案代码“{code}”已存在"})
    campaign = Campaign(
        code=code,
        name=name or f"{scope.name}{year}年基层党组织“五个基本”建设",
        scope=scope,
        standard=standard,
        year=year,
        starts_on=starts_on or dt.date(year, 4, 15),
        ends_on=ends_on or dt.date(year, 10, 31),
    )
    save_validated(campaign)
    return campaign
