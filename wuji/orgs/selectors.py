"""Reads about the org tree, always scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wuji.core import targets
from wuji.core.scoping import scope, scope_root
from wuji.orgs.choices import EXPECTED_MASS_ORGS, Category, MassOrgKind, OrgKind, WeakSource, WeakStatus
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag

OPEN_WEAK = [WeakStatus.OPEN, WeakStatus.RECTIFYING]


def org_list_visible(*, user: Any) -> QuerySet[Organization]:
    """The user's subtree in tree order."""
    return scope(Organization.objects.all(), user, via="").order_by("path")


def org_get_visible(*, user: Any, pk: int) -> Organization:
    return get_object_or_404(org_list_visible(user=user), pk=pk)


def org_choices(*, user: Any, writable_only: bool = True) -> QuerySet[Organization]:
    """Orgs a form may offer: in scope and not dissolved."""
    return org_list_visible(user=user).filter(dissolved_on__isnull=True)


def unit_list_visible(*, user: Any) -> QuerySet[Unit]:
    """Units the user's orgs cover, or that lie in their committee's area."""
    return (
        scope(Unit.objects.all(), user, via=("covered_by", "area"))
        .select_related("covered_by", "area")
        .prefetch_related(Prefetch("mass_orgs", queryset=MassOrganization.objects.order_by("kind")))
        .order_by("area__path", "kind", "name")
    )


def unit_get_visible(*, user: Any, pk: int) -> Unit:
    return get_object_or_404(unit_list_visible(user=user), pk=pk)


def mass_org_get_visible(*, user: Any, pk: int) -> MassOrganization:
    queryset = scope(
        MassOrganization.objects.select_related("unit", "unit__covered_by", "unit__area"),
        user,
        via=("unit__covered_by", "unit__area"),
    )
    return get_object_or_404(queryset, pk=pk)


def weak_flag_list_visible(*, user: Any) -> QuerySet[WeakFlag]:
    return scope(WeakFlag.objects.select_related("org"), user)


def weak_flag_get_visible(*, user: Any, pk: int) -> WeakFlag:
    return get_object_or_404(weak_flag_list_visible(user=user), pk=pk)


def people_counts(orgs: list[Organization]) -> dict[int, int]:
    from wuji.people.models import Person

    rows = Person.objects.filter(org__in=orgs).values("org_id").annotate(n=Count("id"))
    return {row["org_id"]: row["n"] for row in rows}


def missing_mass_orgs(unit: Unit) -> list[str]:
    """Labels of the mass organizations a unit of its kind should have but lacks."""
    present = {m.kind for m in unit.mass_orgs.all() if m.dissolved_on is None}
    expected = EXPECTED_MASS_ORGS.get(unit.kind, ())
    labels = dict(MassOrgKind.choices)
    return [str(labels[k]) for k in expected if k not in present]


@dataclass(frozen=True)
class Gap:
    """One thing an org lacks against a seed target, said plainly."""

    area: str  # 基本组织 / 基本队伍 (in the user's language)
    text: str
    severity: str = "warning"  # or "danger"
    weak: bool = False  # an open weak-and-lax (软弱涣散) finding


def org_gaps(org: Organization, team: Any, units: list[Unit], weak_flags: list[WeakFlag], day: dt.date) -> list[Gap]:
    """What `org` is missing on `day` against the seed's targets (pure: no queries)."""
    gaps: list[Gap] = []
    if org.is_dissolved:
        return gaps
    for flag in weak_flags:
        if flag.status == WeakStatus.OPEN and flag.source == WeakSource.WARNING:
            # An early warning the officer has not reviewed yet: a prompt, not a finding.
            gaps.append(
                Gap(
                    _("基本组织"),
                    _("软弱涣散预警（%(day)s，待组织委员核查）：%(reason)s")
                    % {"day": f"{flag.flagged_on:%Y-%m-%d}", "reason": flag.reason},
                )
            )
        elif flag.status in OPEN_WEAK:
            gaps.append(
                Gap(
                    _("基本组织"),
                    _("被认定为软弱涣散党组织（%(day)s），%(status)s")
                    % {"day": f"{flag.flagged_on:%Y-%m-%d}", "status": flag.get_status_display()},
                    "danger",
                    weak=True,
                )
            )
    if org.kind == OrgKind.COMMITTEE:
        uncovered = [u.name for u in units if u.covered_by_id is None and u.closed_on is None]
        if uncovered:
            gaps.append(
                Gap(
                    _("基本组织"),
                    _("%(count)s个单位尚未建立党组织：%(units)s")
                    % {"count": len(uncovered), "units": "、".join(uncovered)},
                    "danger",
                )
            )
        return gaps
    for unit in units:
        missing = missing_mass_orgs(unit)
        if missing:
            gaps.append(
                Gap(
                    _("基本组织"),
                    _("%(unit)s缺少群团组织：%(missing)s") % {"unit": unit.name, "missing": "、".join(missing)},
                )
            )
    if team is None:
        return gaps
    if team.secretary is None:
        if team.secretary_vacant_since:
            vacant = _("书记空缺（自%(day)s起）") % {"day": f"{team.secretary_vacant_since:%Y-%m-%d}"}
        else:
            vacant = _("书记空缺")
        gaps.append(Gap(_("基本队伍"), vacant, "danger"))
    if org.category == Category.VILLAGE and team.secretary and not team.dual_role:
        gaps.append(Gap(_("基本队伍"), _("书记、村委会主任未实行“一肩挑”")))
    if org.category == Category.VILLAGE and not team.chair:
        gaps.append(Gap(_("基本队伍"), _("村委会主任空缺"), "danger"))
    if org.is_village_level:
        if team.female_cadres < targets.FEMALE_CADRES_MIN:
            gaps.append(Gap(_("基本队伍"), _("“两委”班子中没有女干部（目标：每村至少1名）")))
        if team.reserve_cadres < targets.RESERVE_CADRES_MIN:
            gaps.append(
                Gap(
                    _("基本队伍"),
                    _("后备干部%(count)s名（目标：%(min)s—%(max)s名）")
                    % {
                        "count": team.reserve_cadres,
                        "min": targets.RESERVE_CADRES_MIN,
                        "max": targets.RESERVE_CADRES_MAX,
                    },
                )
            )
        if team.practical_talents < targets.PRACTICAL_TALENTS_MIN:
            gaps.append(
                Gap(
                    _("基本队伍"),
                    _("农村实用人才%(count)s名（目标：%(min)s名以上）")
                    % {"count": team.practical_talents, "min": targets.PRACTICAL_TALENTS_MIN},
                )
            )
        if team.activists < targets.ACTIVISTS_MIN:
            gaps.append(
                Gap(
                    _("基本队伍"),
                    _("入党积极分子%(count)s名（目标：保持%(min)s名以上）")
                    % {"count": team.activists, "min": targets.ACTIVISTS_MIN},
                )
            )
        if team.new_members_12m < targets.NEW_MEMBERS_MIN:
            gaps.append(Gap(_("基本队伍"), _("近12个月未发展新党员（目标：每年1—2名）")))
        untrained = team.cadre_count - team.cadres_trained_12m
        if untrained > 0:
            gaps.append(
                Gap(
                    _("基本队伍"),
                    _("%(count)s名村（居）干部近12个月未参加培训（目标：每年培训1次）") % {"count": untrained},
                )
            )
    if org.category == Category.ORGAN and team.study_trip_people_12m == 0:
        gaps.append(Gap(_("基本队伍"), _("近12个月未组织外出考察学习（目标：每年1次）")))
    return gaps


def open_weak_flags(orgs: list[Organization]) -> dict[int, list[WeakFlag]]:
    flags: dict[int, list[WeakFlag]] = {o.pk: [] for o in orgs}
    for flag in WeakFlag.objects.filter(org__in=orgs, status__in=OPEN_WEAK):
        flags[flag.org_id].append(flag)
    return flags


def user_root(user: Any) -> Organization | None:
    return scope_root(user)


@dataclass
class OrgRow:
    """One org of the user's tree with its team facts and its gaps on a day."""

    org: Organization
    indent: int
    team: Any
    people: int
    gaps: list[Gap]

    @property
    def has_danger(self) -> bool:
        return any(g.severity == "danger" for g in self.gaps)


def org_rows(*, user: Any, day: dt.date) -> list[OrgRow]:
    """Every visible org with its gaps, in a fixed number of queries whatever the tree's size."""
    from wuji.people.selectors import team_summaries

    orgs = list(org_list_visible(user=user))
    teams = team_summaries(orgs, day)
    counts = people_counts(orgs)
    units_by_org: dict[int, list[Unit]] = {o.pk: [] for o in orgs}
    for unit in unit_list_visible(user=user):
        owner = unit.covered_by_id if unit.covered_by_id in units_by_org else unit.area_id
        if owner in units_by_org:
            units_by_org[owner].append(unit)
    flags = open_weak_flags(orgs)
    base_depth = orgs[0].depth if orgs else 0
    return [
        OrgRow(
            org=org,
            indent=org.depth - base_depth,
            team=teams[org.pk],
            people=counts.get(org.pk, 0),
            gaps=org_gaps(org, teams[org.pk], units_by_org[org.pk], flags[org.pk], day),
        )
        for org in orgs
    ]


@dataclass
class Overview:
    """The headline figures of a scope against the seed's targets."""

    branches: int
    members: int
    units: int
    units_covered: int
    villages: int
    villages_dual_role: int
    orgs_with_gaps: int
    weak_open: int

    @property
    def coverage_pct(self) -> float:
        return 100.0 * self.units_covered / self.units if self.units else 100.0

    @property
    def dual_role_pct(self) -> float:
        return 100.0 * self.villages_dual_role / self.villages if self.villages else 0.0


def overview(rows: list[OrgRow], units: list[Unit]) -> Overview:
    live = [r for r in rows if not r.org.is_dissolved]
    branches = [r for r in live if r.org.kind != OrgKind.COMMITTEE]
    villages = [r for r in branches if r.org.category == Category.VILLAGE]
    open_units = [u for u in units if u.closed_on is None]
    return Overview(
        branches=len(branches),
        members=sum(r.team.members for r in live),
        units=len(open_units),
        units_covered=sum(1 for u in open_units if u.covered_by_id is not None),
        villages=len(villages),
        villages_dual_role=sum(1 for r in villages if r.team.dual_role),
        orgs_with_gaps=sum(1 for r in live if r.gaps),
        weak_open=sum(1 for r in live for g in r.gaps if g.weak),
    )
