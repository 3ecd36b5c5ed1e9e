"""Writes to the org tree: only the officer restructures it, and a bad change leaves it as it was."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import PersonFactory, Township, make_full_member
from wuji.orgs import services
from wuji.orgs.choices import Category, OrgKind, WeakStatus
from wuji.orgs.models import Organization, Unit, WeakFlag
from wuji.people.choices import Title
from wuji.people.services import position_assign, position_end

pytestmark = pytest.mark.django_db

D = dt.date


def tree() -> dict[str, str]:
    """code -> path of every org, to compare the tree before and after."""
    return dict(Organization.objects.values_list("code", "path"))


def fresh(org: Organization) -> Organization:
    return Organization.objects.get(pk=org.pk)


# -- the township fixture itself -------------------------------------------------------


def test_the_test_township_is_the_tree_the_fixtures_promise(township: Township) -> None:
    assert fresh(township.county).is_root()
    assert Organization.objects.get_parent(fresh(township.township)) == township.county
    assert set(Organization.objects.get_children(fresh(township.township))) == {
        township.village_a,
        township.village_b,
        township.organ_a,
    }
    assert (township.village_a.code, township.village_a.category) == ("T01V1", Category.VILLAGE)
    assert (township.organ_a.code, township.organ_a.category) == ("T01G1", Category.ORGAN)


# -- creating ---------------------------------------------------------------------------


def test_the_officer_adds_a_branch_under_the_township(township: Township, officer: Any) -> None:
    branch = services.org_create(
        user=officer,
        parent=township.township,
        name=" 丙村党支部 ",
        code="T01V3",
        kind=OrgKind.BRANCH,
        category=Category.VILLAGE,
    )

    assert Organization.objects.get_parent(fresh(branch)) == township.township
    assert fresh(branch).name == "丙村党支部"


def test_a_taken_code_is_refused_and_the_holder_named(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.org_create(
            user=officer,
            parent=township.township,
            name="另一个支部",
            code="T01V1",
            kind=OrgKind.BRANCH,
            category=Category.VILLAGE,
        )

    assert caught.value.message_dict["code"] == ["组织代码“T01V1”已被“甲村党支部”使用"]
    assert Organization.objects.count() == 5


def test_a_branch_without_a_category_is_refused(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.org_create(user=officer, parent=township.township, name="无类别", code="T01X", kind=OrgKind.BRANCH)

    assert "category" in caught.value.message_dict
    assert Organization.objects.count() == 5


def test_nothing_is_added_under_a_branch(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError, match="党支部下不能再设下级党组织"):
        services.org_create(
            user=officer,
            parent=township.village_a,
            name="小组",
            code="T01V1A",
            kind=OrgKind.BRANCH,
            category=Category.VILLAGE,
        )

    assert Organization.objects.count() == 5


def test_a_new_top_org_is_only_made_at_set_up(township: Township, officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.org_create(user=officer, parent=None, name="另一个县委", code="X", kind=OrgKind.COMMITTEE)

    assert Organization.objects.count() == 5


@pytest.mark.parametrize("persona", ["secretary_a", "inspector", "auditor", "sysadmin"])
def test_only_the_officer_creates_orgs(township: Township, persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        services.org_create(
            user=user,
            parent=township.township,
            name="丙村党支部",
            code="T01V3",
            kind=OrgKind.BRANCH,
            category=Category.VILLAGE,
        )

    assert Organization.objects.count() == 5


def test_the_township_officer_cannot_change_the_county(township: Township, officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.org_create(user=officer, parent=township.county, name="邻乡党委", code="T02", kind=OrgKind.COMMITTEE)
    with pytest.raises(PermissionDenied):
        services.org_update(user=officer, org=township.county, name="改名")

    assert fresh(township.county).name == "测试县委"


# -- updating --------------------------------------------------------------------------------


def test_a_secretary_renames_their_branch_but_not_its_code_or_category(township: Township, secretary_a: Any) -> None:
    services.org_update(user=secretary_a, org=fresh(township.village_a), name="甲村党支部（新）")

    with pytest.raises(PermissionDenied, match="只有组织委员可以修改"):
        services.org_update(user=secretary_a, org=fresh(township.village_a), code="T01V9")
    with pytest.raises(PermissionDenied):
        services.org_update(user=secretary_a, org=fresh(township.village_a), category=Category.ORGAN)

    org = fresh(township.village_a)
    assert (org.name, org.code, org.category) == ("甲村党支部（新）", "T01V1", Category.VILLAGE)


def test_a_secretary_cannot_write_anything_of_another_branch(township: Township, secretary_a: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.org_update(user=secretary_a, org=township.village_b, name="改名")
    with pytest.raises(PermissionDenied):
        services.weak_flag_save(
            user=secretary_a, flag=WeakFlag(org=township.village_b, reason="班子不团结", flagged_on=D(2018, 1, 1))
        )

    assert fresh(township.village_b).name == "乙村党支部"
    assert not WeakFlag.objects.exists()


@pytest.mark.parametrize("persona", ["inspector", "auditor", "sysadmin"])
def test_readers_cannot_update_an_org(township: Township, persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        services.org_update(user=user, org=fresh(township.village_a), name="改名")

    assert fresh(township.village_a).name == "甲村党支部"


def test_a_stale_version_is_refused_and_the_first_save_kept(township: Township, officer: Any, secretary_a: Any) -> None:
    seen = fresh(township.village_a).version
    services.org_update(user=secretary_a, org=fresh(township.village_a), version=seen, note="书记先保存")

    with pytest.raises(ValidationError, match="已被他人修改，请刷新页面后重新填写"):
        services.org_update(user=officer, org=fresh(township.village_a), version=seen, name="组织委员后保存")

    org = fresh(township.village_a)
    assert (org.name, org.note, org.version) == ("甲村党支部", "书记先保存", seen + 1)


def test_a_code_taken_by_another_org_is_refused_on_update(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError, match="已被“乙村党支部”使用"):
        services.org_update(user=officer, org=fresh(township.village_a), code="T01V2")

    assert fresh(township.village_a).code == "T01V1"


def test_dissolution_is_not_an_update(township: Township, officer: Any) -> None:
    with pytest.raises(ValueError, match="not editable"):
        services.org_update(user=officer, org=fresh(township.village_a), dissolved_on=D(2019, 1, 1))

    assert fresh(township.village_a).dissolved_on is None


# -- moving ---------------------------------------------------------------------------------


def test_the_officer_moves_a_branch_under_another_committee(township: Township, officer: Any) -> None:
    town2 = services.org_create(
        user=officer,
        parent=township.township,
        name="片区党总支",
        code="T01Z",
        kind=OrgKind.GENERAL_BRANCH,
        category=Category.VILLAGE,
    )
    person = PersonFactory(org=township.village_a)

    services.org_move(user=officer, org=fresh(township.village_a), new_parent=town2)

    moved = fresh(township.village_a)
    assert Organization.objects.get_parent(moved) == town2
    assert moved.path.startswith(fresh(town2).path)
    # its people follow it: the secretary of village_a still sees them, the officer too
    assert person in Organization.objects.get(pk=moved.pk).people.all()


def test_an_org_cannot_move_under_itself_or_its_descendant(township: Township, officer: Any) -> None:
    before = tree()

    with pytest.raises(ValidationError) as caught:
        services.org_move(user=officer, org=fresh(township.township), new_parent=fresh(township.village_a))
    assert caught.value.message_dict["new_parent"] == ["不能把组织移到它自己或它的下级组织之下"]
    with pytest.raises(ValidationError, match="不能把组织移到它自己"):
        services.org_move(user=officer, org=fresh(township.village_a), new_parent=fresh(township.village_a))

    assert tree() == before


def test_an_org_cannot_move_under_a_branch(township: Township, officer: Any) -> None:
    extra = services.org_create(
        user=officer,
        parent=township.township,
        name="片区党总支",
        code="T01Z",
        kind=OrgKind.GENERAL_BRANCH,
        category=Category.VILLAGE,
    )
    before = tree()

    with pytest.raises(ValidationError, match="党支部下不能再设下级党组织"):
        services.org_move(user=officer, org=extra, new_parent=fresh(township.village_b))

    assert tree() == before


@pytest.mark.parametrize("persona", ["secretary_a", "inspector", "auditor", "sysadmin"])
def test_only_the_officer_moves_orgs(township: Township, persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)
    before = tree()

    with pytest.raises(PermissionDenied):
        services.org_move(user=user, org=fresh(township.village_a), new_parent=fresh(township.township))

    assert tree() == before


def test_the_officer_cannot_move_an_org_out_of_their_township(township: Township, officer: Any) -> None:
    before = tree()

    with pytest.raises(PermissionDenied):
        services.org_move(user=officer, org=fresh(township.village_a), new_parent=fresh(township.county))

    assert tree() == before


# -- dissolving -------------------------------------------------------------------------------


def test_an_empty_branch_is_dissolved_and_stays_in_the_tree(township: Township, officer: Any) -> None:
    services.org_dissolve(user=officer, org=fresh(township.village_b), dissolved_on=D(2019, 1, 1), reason=" 合并 ")

    org = fresh(township.village_b)
    assert (org.dissolved_on, org.dissolved_reason) == (D(2019, 1, 1), "合并")
    assert org in Organization.objects.get_children(fresh(township.township))


def test_an_org_with_active_children_is_not_dissolved(township: Township, officer: Any, county_officer: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.org_dissolve(
            user=county_officer, org=fresh(township.township), dissolved_on=D(2019, 1, 1), reason="撤并"
        )

    assert "请先撤销或调出下级组织" in " ".join(caught.value.messages)
    assert "甲村党支部" in " ".join(caught.value.messages)
    assert fresh(township.township).dissolved_on is None


def test_an_org_with_people_is_not_dissolved(township: Township, officer: Any) -> None:
    PersonFactory(org=township.village_a)
    PersonFactory(org=township.village_a)

    with pytest.raises(ValidationError, match="该组织还有2名人员"):
        services.org_dissolve(user=officer, org=fresh(township.village_a), dissolved_on=D(2019, 1, 1), reason="撤并")

    assert fresh(township.village_a).dissolved_on is None


def test_an_org_with_a_post_still_held_is_not_dissolved(township: Township, officer: Any) -> None:
    member = make_full_member(org=township.village_a)
    term = position_assign(
        user=officer, person=member, org=township.village_b, title=Title.SECRETARY, started_on=D(2015, 1, 1)
    )

    with pytest.raises(ValidationError, match="1个未免职的职务"):
        services.org_dissolve(user=officer, org=fresh(township.village_b), dissolved_on=D(2019, 1, 1), reason="撤并")
    assert fresh(township.village_b).dissolved_on is None

    position_end(user=officer, position=term, ended_on=D(2018, 12, 31))
    services.org_dissolve(user=officer, org=fresh(township.village_b), dissolved_on=D(2019, 1, 1), reason="撤并")
    assert fresh(township.village_b).dissolved_on == D(2019, 1, 1)


def test_dissolution_needs_a_reason_and_a_date_after_founding(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError, match="须填写原因"):
        services.org_dissolve(user=officer, org=fresh(township.village_b), dissolved_on=D(2019, 1, 1), reason="  ")
    with pytest.raises(ValidationError, match="不能早于成立日期"):
        services.org_dissolve(user=officer, org=fresh(township.village_b), dissolved_on=D(1989, 1, 1), reason="撤并")

    assert fresh(township.village_b).dissolved_on is None


def test_a_dissolved_org_takes_no_new_children_nor_a_second_dissolution(township: Township, officer: Any) -> None:
    extra = services.org_create(
        user=officer,
        parent=township.township,
        name="片区党总支",
        code="T01Z",
        kind=OrgKind.GENERAL_BRANCH,
        category=Category.VILLAGE,
    )
    services.org_dissolve(user=officer, org=extra, dissolved_on=D(2019, 1, 1), reason="撤并")

    with pytest.raises(ValidationError, match="已撤销"):
        services.org_create(
            user=officer,
            parent=fresh(extra),
            name="新支部",
            code="T01Z1",
            kind=OrgKind.BRANCH,
            category=Category.VILLAGE,
        )
    with pytest.raises(ValidationError, match="已撤销"):
        services.org_move(user=officer, org=fresh(township.village_b), new_parent=fresh(extra))
    with pytest.raises(ValidationError, match="该组织已撤销"):
        services.org_dissolve(user=officer, org=fresh(extra), dissolved_on=D(2020, 1, 1), reason="再次")

    assert fresh(extra).dissolved_on == D(2019, 1, 1)
    assert Organization.objects.get_parent(fresh(township.village_b)) == township.township


def test_a_dissolution_from_a_stale_page_does_not_overwrite_the_first(township: Township, officer: Any) -> None:
    seen_by_second_officer = fresh(township.village_b)
    services.org_dissolve(user=officer, org=fresh(township.village_b), dissolved_on=D(2019, 1, 1), reason="合并")

    with pytest.raises(ValidationError, match="该组织已撤销"):
        services.org_dissolve(user=officer, org=seen_by_second_officer, dissolved_on=D(2019, 6, 1), reason="另案")

    org = fresh(township.village_b)
    assert (org.dissolved_on, org.dissolved_reason) == (D(2019, 1, 1), "合并")


@pytest.mark.parametrize("persona", ["secretary_a", "inspector", "auditor", "sysadmin"])
def test_only_the_officer_dissolves_orgs(township: Township, persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        services.org_dissolve(user=user, org=fresh(township.village_a), dissolved_on=D(2019, 1, 1), reason="撤并")

    assert fresh(township.village_a).dissolved_on is None


# -- units and weak-org flags -------------------------------------------------------------------


def test_only_the_officer_decides_which_org_covers_a_unit(township: Township, officer: Any, secretary_a: Any) -> None:
    unit = Unit(name="甲村", kind="administrative_village", area=township.township, covered_by=township.village_a)

    with pytest.raises(PermissionDenied):
        services.unit_save(user=secretary_a, unit=unit)
    assert not Unit.objects.exists()

    services.unit_save(user=officer, unit=unit)
    assert Unit.objects.get().covered_by == township.village_a


def test_a_new_weak_flag_cannot_start_closed(township: Township, officer: Any) -> None:
    flag = WeakFlag(
        org=township.village_a,
        reason="软弱涣散",
        flagged_on=D(2018, 1, 1),
        status=WeakStatus.RECTIFIED,
        closed_on=D(2018, 6, 1),
    )

    with pytest.raises(ValidationError, match="新认定的软弱涣散组织状态应为待整顿或整顿中"):
        services.weak_flag_save(user=officer, flag=flag)

    assert not WeakFlag.objects.exists()
