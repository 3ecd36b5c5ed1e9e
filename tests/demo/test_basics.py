"""The demo township's 2010 of activities, rules and guarantees (wuji/demo/basics.py).

The demo is loaded once for the module inside a transaction rolled back at the end. Each
shortfall the screens and the engine rely on is queried from the database and compared with the
constants of `basics`, so the data says what the module says.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.demo.wipe import wipe
from wuji.activities.models import (
    Activity,
    Attendance,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)
from wuji.activities.services import members_on
from wuji.demo import basics, data
from wuji.governance.choices import MatterStatus, StepKind
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    FinanceArrangement,
    Matter,
    MatterStep,
    PerformanceRecord,
    RuleDocument,
)
from wuji.orgs.models import Organization
from wuji.people.choices import CHAIR_TITLES, MAIN_CADRE_TITLES, Title
from wuji.people.models import Position
from wuji.support.models import (
    CollectiveIncome,
    Facility,
    FacilityCheck,
    Funding,
    LeadingGroup,
    LeadingGroupMember,
    PensionEnrollment,
    RemoteEducationSite,
    RetirementSubsidy,
    SiteInspection,
)

pytestmark = pytest.mark.django_db

FIRST, LAST = dt.date(2010, 1, 1), dt.date(2010, 10, 31)
ALL_BRANCHES = [spec.code for spec in data.BRANCHES]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: object) -> Iterator[dict[str, str]]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield {"output": out.getvalue(), "digest": digest()}
        transaction.set_rollback(True)


def digest() -> str:
    """Every 2010 record, as plain values (no ids), in a fixed order."""
    rows: list[object] = []
    rows += sorted(
        (a.org.code, a.type.code, a.held_on, a.topic, a.backfilled, a.paired_org_id is not None)
        for a in Activity.objects.select_related("org", "type")
    )
    rows += sorted(
        (a.activity.org.code, a.activity.held_on, a.person.id_number, a.present, a.absence_reason)
        for a in Attendance.objects.select_related("activity__org", "person")
    )
    rows += sorted((r.org.code, r.kind, r.title, r.effective_on, r.superseded_on) for r in RuleDocument.objects.all())
    rows += sorted(
        (s.matter.org.code, s.matter.title, s.matter.status, s.step, s.held_on, s.passed)
        for s in MatterStep.objects.select_related("matter__org")
    )
    rows += sorted((d.org.code, d.title, d.content, d.published, d.published_on) for d in Disclosure.objects.all())
    rows += sorted((p.person.id_number, p.post) for p in DutyPost.objects.select_related("person"))
    rows += sorted((p.person.id_number, p.content, p.result) for p in Pledge.objects.select_related("person"))
    rows += sorted((i.org.code, i.year, i.total, i.operating) for i in CollectiveIncome.objects.all())
    rows += sorted((c.facility.org.code, c.item.code, c.present) for c in FacilityCheck.objects.all())
    rows += sorted((p.person.id_number, p.enrolled_on) for p in PensionEnrollment.objects.select_related("person"))
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def codes_with(queryset: object, field: str = "org__code") -> set[str]:
    return set(queryset.values_list(field, flat=True))  # type: ignore[attr-defined]


# ---------------------------------------------------------------- 基本活动


def test_organ_branches_study_monthly_but_one_missed_three_months(demo: dict[str, str]) -> None:
    months: dict[str, set[int]] = defaultdict(set)
    for code, held_on in Activity.objects.filter(type__code="group_study").values_list("org__code", "held_on"):
        months[code].add(held_on.month)
    assert set(months) == set(basics.ORGANS)
    missed = {code: set(range(1, 11)) - got for code, got in months.items() if set(range(1, 11)) - got}
    assert missed == {"FJY-02": {3, 7, 8}}
    assert Activity.objects.filter(type__code="group_study").count() == 6 * 10 - 3


def test_every_org_held_a_democratic_life_meeting_but_two(demo: dict[str, str]) -> None:
    held = codes_with(Activity.objects.filter(type__code="democratic_life"))
    assert set(ALL_BRANCHES) - held == {"FJY-06", "FJY-21"}
    assert codes_with(Activity.objects.filter(type__code="org_life")) == set(ALL_BRANCHES)


def test_villages_hold_remote_education_deliberation_and_services(demo: dict[str, str]) -> None:
    remote = Activity.objects.filter(type__parent__code="remote_education")
    assert codes_with(remote) == set(basics.VILLAGES) - {"FJY-21"}
    assert remote.filter(org__code="FJY-17", held_on__gt=dt.date(2010, 6, 1)).count() == 0  # its site broke down
    for code in basics.VILLAGES:
        assert Activity.objects.filter(org__code=code, type__code="deliberation").count() == 4
        assert Activity.objects.filter(org__code=code, type__code="convenience").count() == 2
    assert not Activity.objects.filter(
        type__code__in=["deliberation", "convenience", "remote_theory", "remote_skills", "remote_culture"]
    ).exclude(org__code__in=basics.VILLAGES)


def test_attendance_has_a_row_for_every_member_with_reasons_for_absence(demo: dict[str, str]) -> None:
    present = absent = 0
    for activity in Activity.objects.select_related("org", "paired_org").prefetch_related("attendance"):
        expected = {p.pk for p in members_on(activity.org, activity.held_on)}
        if activity.paired_org:
            expected |= {p.pk for p in members_on(activity.paired_org, activity.held_on)}
        rows = list(activity.attendance.all())
        assert {a.person_id for a in rows} == expected, activity
        for row in rows:
            assert row.present == (row.absence_reason == "")
        present += sum(a.present for a in rows)
        absent += sum(not a.present for a in rows)
    assert 0.8 < present / (present + absent) < 0.97


def test_a_handful_are_back_entries_with_their_reason(demo: dict[str, str]) -> None:
    backfilled = Activity.objects.filter(backfilled=True)
    assert {(a.org.code, a.type.code, a.held_on.month) for a in backfilled} == basics.BACKFILLED
    assert set(backfilled.values_list("backfill_reason", flat=True)) == {"线下召开，会后补录"}
    assert not Activity.objects.filter(backfilled=False).exclude(backfill_reason="").exists()


def test_activities_were_typed_in_in_2010_so_an_on_time_one_is_edited_without_a_reason(demo: dict[str, str]) -> None:
    """The entry date (created_at) is what the 补录 rule measures: a demo activity entered within days of the meeting
    is changed without a 补录原因 today, and a back-entry shows the 2010 day it was typed in."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from wuji.activities import services

    entered = {a.pk: (a.held_on, timezone.localdate(a.created_at), a.backfilled) for a in Activity.objects.all()}
    assert all(held <= day <= LAST for held, day, _ in entered.values())
    assert all((day - held).days <= 5 for held, day, late in entered.values() if not late)
    assert all((day - held).days >= 12 for held, day, late in entered.values() if late)

    on_time = Activity.objects.filter(backfilled=False).order_by("held_on", "id").first()
    assert on_time is not None
    officer = get_user_model().objects.get(username="officer")
    services.activity_update(user=officer, activity=on_time, topic=on_time.topic + "（修订）")
    on_time.refresh_from_db()
    assert on_time.topic.endswith("（修订）") and on_time.backfill_reason == ""


def test_pairings_leave_one_organ_branch_unpaired(demo: dict[str, str]) -> None:
    pairs = {(p.organ_org.code, p.village_org.code) for p in Pairing.objects.select_related("organ_org", "village_org")}
    assert pairs == set(basics.PAIRINGS.items())
    assert set(basics.ORGANS) - {organ for organ, _ in pairs} == {"FJY-04"}
    joint = Activity.objects.filter(paired_org__isnull=False)
    expected = {(organ, basics.PAIRINGS[organ]) for organ in basics.JOINT_ACTIVITIES}
    assert {(a.org.code, a.paired_org.code) for a in joint} == expected


def test_duty_posts_pledges_reviews_plans_and_honors(demo: dict[str, str]) -> None:
    for model in (DutyPost, Pledge):
        assert codes_with(model.objects.all()) == set(basics.DUTY_AND_PLEDGE_VILLAGES)
        for code in basics.DUTY_AND_PLEDGE_VILLAGES:
            members = len(members_on(Organization.objects.get(code=code), LAST))
            assert 0.75 * members <= model.objects.filter(org__code=code, year=2010).count() < members
    assert codes_with(PartySpiritReview.objects.all()) == set(basics.SPIRIT_REVIEW_ORGS)
    assert codes_with(ProsperityPlanEntry.objects.all()) == set(basics.PROSPERITY_VILLAGES)
    assert codes_with(ProsperityPlanEntry.objects.filter(is_model=True)) == {"FJY-14", "FJY-20", "FJY-22"}
    assert codes_with(Honor.objects.filter(title="五好基层党组织", year=2009)) == {"FJY-14", "FJY-20"}


# ---------------------------------------------------------------- 基本制度


def test_rules_with_the_documented_gaps(demo: dict[str, str]) -> None:
    current = RuleDocument.objects.filter(superseded_on__isnull=True)
    assert set(ALL_BRANCHES) - codes_with(current) == {"FJY-13"}
    missing = {}
    for code in basics.VILLAGES:
        kinds = set(current.filter(org__code=code).values_list("kind", flat=True))
        if gap := set(basics.VILLAGE_RULES) - kinds:
            missing[code] = gap
    assert missing == {
        "FJY-18": {"three_assets_management"},
        "FJY-19": {"archive_management"},
        "FJY-21": {"three_assets_management", "archive_management"},
    }
    assert not current.filter(text="").exists() and not current.filter(attachment__isnull=False).exists()
    old = RuleDocument.objects.get(superseded_on__isnull=False)
    assert (old.org.code, old.kind, old.superseded_on, old.superseded_by.title) == (
        "FJY-14",
        "public_affairs_disclosure",
        dt.date(2010, 6, 20),
        "傅家堰村政务（村务）公开制度（2010年修订）",
    )


def test_every_matter_is_in_the_state_the_data_says(demo: dict[str, str]) -> None:
    assert Matter.objects.count() == len(basics.MATTERS)
    for spec in basics.MATTERS:
        matter = Matter.objects.get(org__code=spec.org, title=spec.title)
        steps = list(matter.steps.order_by("step"))
        published = matter.disclosures.filter(published=True)
        assert matter.status == spec.status, spec.title
        assert [s.held_on for s in steps] == [s.held_on for s in spec.steps]
        assert published.count() == len(spec.disclosures) == matter.disclosures.count()
        if spec.status == MatterStatus.COMPLETED:
            assert len(steps) == 5 and published.count() == 5 and all(s.passed for s in steps)
        if spec.status == MatterStatus.STOPPED:
            assert [s.passed for s in steps] == [True, True, False]
            assert steps[-1].step == StepKind.TWO_COMMITTEES
        if spec.status == MatterStatus.ABANDONED:
            assert matter.close_reason and matter.closed_on == spec.abandoned[0]  # type: ignore[index]
    statuses = sorted(Matter.objects.values_list("status", flat=True))
    assert statuses == sorted(["completed", "completed", "stopped", "abandoned", "in_progress", "in_progress"])


def test_disclosures_are_published_but_one_draft_kept_off_the_public_page(demo: dict[str, str]) -> None:
    general = Disclosure.objects.filter(matter__isnull=True)
    assert codes_with(general.filter(published=True)) == set(basics.VILLAGES)
    draft = general.get(published=False)
    assert (draft.org.code, draft.title) == ("FJY-14", basics.DRAFT_TITLE)
    page = Client().get(reverse("portal:org", args=["FJY-14"])).content.decode()
    assert basics.DRAFT_CONTENT not in page and "二组至五组通组公路硬化" in page
    for disclosure in Disclosure.objects.filter(published=True):
        assert disclosure.published_on is not None and FIRST <= disclosure.published_on <= LAST


def test_registers_archives_assets_and_township_managed_finances(demo: dict[str, str]) -> None:
    assert codes_with(PerformanceRecord.objects.all()) == set(basics.ORGANS)
    for record in PerformanceRecord.objects.select_related("person"):
        assert record.person.org_id == record.org_id
    assert codes_with(ArchiveRecord.objects.all()) == set(basics.VILLAGES)
    assert codes_with(CollectiveAsset.objects.all()) == set(basics.VILLAGES)
    managed = FinanceArrangement.objects.filter(township_managed=True)
    assert codes_with(managed) == set(basics.VILLAGES) - {"FJY-20", "FJY-21"}
    assert codes_with(FinanceArrangement.objects.filter(township_managed=False)) == {"FJY-20"}


# ---------------------------------------------------------------- 基本保障


def test_leading_group_and_work_team_of_the_township(demo: dict[str, str]) -> None:
    groups = {g.kind: g for g in LeadingGroup.objects.filter(org__code="FJY")}
    assert set(groups) == {"leading_group", "work_team"}
    leaders = {row[0] for row in data.TOWNSHIP_LEADERS}
    members = LeadingGroupMember.objects.filter(group=groups["leading_group"]).select_related("person")
    assert {m.person.name for m in members} == leaders
    assert members.get(role="leader").person.name == "向宏伟"
    team = LeadingGroupMember.objects.filter(group=groups["work_team"]).select_related("person__org")
    assert team.get(role="leader").person.name == "王建华" and team.count() == 3


def test_activity_rooms_and_their_ten_haves(demo: dict[str, str]) -> None:
    rooms = Facility.objects.filter(kind="activity_room")
    assert codes_with(rooms) == set(basics.VILLAGES)
    lacking = defaultdict(set)
    for check in FacilityCheck.objects.select_related("facility__org", "item"):
        if not check.present:
            lacking[check.facility.org.code].add(check.item.code)
    assert dict(lacking) == {code: set(items) for code, items in basics.INCOMPLETE_TEN_HAVES.items()}
    assert FacilityCheck.objects.count() == 10 * len(basics.VILLAGES)
    for kind in ("office", "clinic", "library", "service_shop"):
        missing = set(basics.VILLAGES) - codes_with(Facility.objects.filter(kind=kind))
        assert missing == {code for code, kinds in basics.MISSING_FACILITIES.items() if kind in kinds}, kind


def test_remote_education_sites_one_missing_one_broken(demo: dict[str, str]) -> None:
    assert set(basics.VILLAGES) - codes_with(RemoteEducationSite.objects.all()) == {"FJY-21"}
    broken = set()
    for site in RemoteEducationSite.objects.select_related("org"):
        latest = site.inspections.order_by("-inspected_on").first()
        assert latest is not None
        if not latest.working:
            broken.add(site.org.code)
            assert latest.note
    assert broken == {"FJY-17"}


def test_collective_income_on_both_sides_of_50000(demo: dict[str, str]) -> None:
    incomes = CollectiveIncome.objects.filter(org__code__in=basics.VILLAGES)
    assert incomes.count() == 3 * len(basics.VILLAGES)
    assert set(incomes.values_list("year", flat=True)) == {2008, 2009, 2010}
    above = codes_with(incomes.filter(year=2010, total__gte=50_000))
    assert above == {"FJY-14", "FJY-15", "FJY-20", "FJY-23"}
    assert codes_with(incomes.filter(year=2009, total__gte=50_000)) == {"FJY-14", "FJY-20", "FJY-23"}
    for income in incomes:
        assert 0 < income.operating <= income.total
    assert Funding.objects.filter(year=2010).count() == 3 * len(basics.VILLAGES)


def test_pensions_for_most_main_cadres_and_one_retirement_subsidy(demo: dict[str, str]) -> None:
    main = Position.objects.filter(
        org__code__in=basics.VILLAGES, title__in=MAIN_CADRE_TITLES, ended_on__isnull=True
    ).select_related("org")
    insured = set(PensionEnrollment.objects.values_list("person_id", flat=True))
    uninsured = {(p.org.code, p.title in CHAIR_TITLES) for p in main if p.person_id not in insured}
    assert uninsured == {("FJY-17", True), ("FJY-21", True)}
    subsidy = RetirementSubsidy.objects.select_related("person", "org").get()
    former = Position.objects.get(org__code="FJY-16", title=Title.SECRETARY, ended_on__isnull=False)
    assert (subsidy.org.code, subsidy.person_id) == ("FJY-16", former.person_id)
    assert subsidy.started_on >= former.ended_on


# ---------------------------------------------------------------- the whole


def test_every_date_lies_in_2010_up_to_the_end_of_october(demo: dict[str, str]) -> None:
    today = dt.date.today()
    dated = [
        (Activity, "held_on"),
        (Pairing, "started_on"),
        (PartySpiritReview, "reviewed_on"),
        (RuleDocument, "effective_on"),
        (MatterStep, "held_on"),
        (PerformanceRecord, "recorded_on"),
        (CollectiveAsset, "recorded_on"),
        (FinanceArrangement, "started_on"),
        (LeadingGroup, "established_on"),
        (LeadingGroupMember, "started_on"),
        (FacilityCheck, "checked_on"),
        (SiteInspection, "inspected_on"),
        (PensionEnrollment, "enrolled_on"),
        (RetirementSubsidy, "started_on"),
    ]
    for model, name in dated:
        outside = model.objects.exclude(**{f"{name}__range": (FIRST, min(LAST, today))})
        assert not outside.exists(), (model.__name__, list(outside.values_list(name, flat=True)[:3]))
    assert not Matter.objects.filter(closed_on__gt=LAST).exists()
    assert not Facility.objects.filter(opened_on__gt=LAST).exists()


def test_the_summary_has_one_more_line(demo: dict[str, str]) -> None:
    lines = demo["output"].splitlines()
    year = [line for line in lines if line.strip().startswith("2010年：")]
    assert len(year) == 1
    assert "活动 199 次" in year[0] and "“五议五公开”事项 6 件" in year[0]


def test_it_is_deterministic(demo: dict[str, str]) -> None:
    wipe()
    assert not Activity.objects.exists() and not Organization.objects.exists()
    call_command("load_demo", stdout=StringIO())
    assert digest() == demo["digest"]
