"""The floor: hand-written SQL that computes each metric's values for every org, one statement per metric.

Each entry returns (sql, params, convert), where `convert(rows)` turns the
statement's rows into {org id: value} with the same rounding the metric uses.
The statements are written for SQLite and PostgreSQL alike (one vendor switch:
the month of a date). They compute values only — no records behind them, no
reasons, no scores: the least work any implementation must do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection

from wuji.activities.models import (
    Activity,
    ActivityType,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
)
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    FinanceArrangement,
    Matter,
    PerformanceRecord,
    RuleDocument,
)
from wuji.orgs.choices import EXPECTED_MASS_ORGS
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag
from wuji.people.choices import CHAIR_TITLES, MAIN_CADRE_TITLES
from wuji.people.models import MembershipStage, Person, PoolEntry, Position, Training
from wuji.support.models import (
    ChecklistItem,
    CollectiveIncome,
    Facility,
    FacilityCheck,
    LeadingGroup,
    PensionEnrollment,
    RemoteEducationSite,
    SiteInspection,
)

Rows = list[tuple[Any, ...]]
Values = dict[int, Decimal | None]


def t(model: Any) -> str:
    return str(model._meta.db_table)


@dataclass(frozen=True)
class Scope:
    """What every statement is about: the orgs below `path`, of some categories, for a period."""

    path: str
    start: dt.date
    end: dt.date
    org_ids: Sequence[int]  # the orgs the metric is asked about (to fill zeros)

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def _branches(scope: Scope, categories: Sequence[str]) -> tuple[str, list[Any]]:
    """A CTE of the branches the engine assesses: below the scope, of the categories, existing at the end."""
    marks = ", ".join(["%s"] * len(categories))
    sql = (
        f"scope AS (SELECT id FROM {t(Organization)} WHERE path LIKE %s AND kind <> 'committee' "
        f"AND category IN ({marks}) AND (founded_on IS NULL OR founded_on <= %s) "
        f"AND (dissolved_on IS NULL OR dissolved_on > %s))"
    )
    return sql, [scope.path + "%", *categories, scope.end, scope.end]


def _committees(scope: Scope) -> tuple[str, list[Any]]:
    sql = (
        f"scope AS (SELECT id, path FROM {t(Organization)} WHERE path LIKE %s AND kind = 'committee' "
        f"AND (founded_on IS NULL OR founded_on <= %s) AND (dissolved_on IS NULL OR dissolved_on > %s))"
    )
    return sql, [scope.path + "%", scope.end, scope.end]


def _ancestor(alias: str, of: str) -> str:
    """`alias.path` is `of.path` or one of its ancestors' (materialized paths, 4 characters a step)."""
    prefixes = ", ".join(f"substr({of}.path, 1, {4 * n})" for n in range(1, 9))
    return f"{alias}.path IN ({prefixes})"


def _counts(scope: Scope, rows: Rows, default: Decimal | None = Decimal(0)) -> Values:
    values: Values = dict.fromkeys(scope.org_ids, default)
    for org_id, n in rows:
        if org_id in values:
            values[org_id] = Decimal(n)
    return values


def _share(scope: Scope, rows: Rows) -> Values:
    """(org, denominator, numerator) → percentage to 0.1, None without a denominator (as the metrics round)."""
    values: Values = dict.fromkeys(scope.org_ids)
    for org_id, total, done in rows:
        if org_id in values and total:
            values[org_id] = (Decimal(100) * int(done or 0) / int(total)).quantize(Decimal("0.1"))
    return values


def _month(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYY-MM')"
    return f"strftime('%%Y-%%m', {column})"


Statement = tuple[str, list[Any], Callable[[Rows], Values]]


# ---------------------------------------------------------------- 基本组织
def coverage_share(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _committees(scope)
    active = "(cb.founded_on IS NULL OR cb.founded_on <= %s) AND (cb.dissolved_on IS NULL OR cb.dissolved_on > %s)"
    sql = f"""WITH {cte}
        SELECT c.id, COUNT(*), SUM(CASE WHEN cb.id IS NOT NULL AND {active} THEN 1 ELSE 0 END)
        FROM {t(Unit)} u
        JOIN {t(Organization)} a ON a.id = u.area_id
        JOIN scope c ON {_ancestor("c", "a")}
        LEFT JOIN {t(Organization)} cb ON cb.id = u.covered_by_id
        WHERE (u.established_on IS NULL OR u.established_on <= %s) AND (u.closed_on IS NULL OR u.closed_on > %s)
        GROUP BY c.id"""
    return sql, [*args, scope.end, scope.end, scope.end, scope.end], lambda rows: _share(scope, rows)


def mass_orgs_missing(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    pairs = [(unit_kind, kind) for unit_kind, kinds in EXPECTED_MASS_ORGS.items() for kind in kinds]
    values = ", ".join(["(%s, %s)"] * len(pairs))
    sql = f"""WITH {cte}, expected(unit_kind, kind) AS (VALUES {values})
        SELECT u.covered_by_id, COUNT(*) FROM {t(Unit)} u JOIN expected e ON e.unit_kind = u.kind
        WHERE u.covered_by_id IN (SELECT id FROM scope) AND (u.closed_on IS NULL OR u.closed_on > %s)
          AND NOT EXISTS (SELECT 1 FROM {t(MassOrganization)} m WHERE m.unit_id = u.id AND m.kind = e.kind
              AND (m.founded_on IS NULL OR m.founded_on <= %s) AND (m.dissolved_on IS NULL OR m.dissolved_on > %s))
        GROUP BY u.covered_by_id"""
    flat = [str(v) for pair in pairs for v in pair]
    return sql, [*args, *flat, scope.end, scope.end, scope.end], lambda rows: _counts(scope, rows)


def weak_open(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT org_id, COUNT(*) FROM {t(WeakFlag)}
        WHERE org_id IN (SELECT id FROM scope) AND (source = 'review' OR status = 'rectifying')
          AND status <> 'dismissed' AND flagged_on <= %s AND (closed_on IS NULL OR closed_on > %s)
        GROUP BY org_id"""
    return sql, [*args, scope.end, scope.end], lambda rows: _counts(scope, rows)


# ---------------------------------------------------------------- 基本队伍
HELD = "p.started_on <= %s AND (p.ended_on IS NULL OR p.ended_on > %s)"


def secretary_in_post(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT p.org_id, 1 FROM {t(Position)} p
        WHERE p.org_id IN (SELECT id FROM scope) AND p.title = 'secretary' AND {HELD}
        GROUP BY p.org_id"""
    return sql, [*args, scope.end, scope.end], lambda rows: _counts(scope, rows)


def _chairs() -> str:
    return ", ".join(f"'{title}'" for title in sorted(CHAIR_TITLES))


def dual_role(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT p.org_id, 1 FROM {t(Position)} p
        WHERE p.org_id IN (SELECT id FROM scope) AND p.title = 'secretary' AND {HELD}
          AND EXISTS (SELECT 1 FROM {t(Position)} c WHERE c.org_id = p.org_id AND c.person_id = p.person_id
              AND c.title IN ({_chairs()}) AND c.started_on <= %s AND (c.ended_on IS NULL OR c.ended_on > %s))
        GROUP BY p.org_id"""
    return sql, [*args, scope.end, scope.end, scope.end, scope.end], lambda rows: _counts(scope, rows)


def dual_role_share(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _committees(scope)
    sql = f"""WITH {cte}, villages AS (
            SELECT v.id, v.path FROM {t(Organization)} v WHERE v.path LIKE %s AND v.category = 'village'
              AND (v.founded_on IS NULL OR v.founded_on <= %s) AND (v.dissolved_on IS NULL OR v.dissolved_on > %s)),
        dual AS (
            SELECT DISTINCT p.org_id FROM {t(Position)} p JOIN {t(Position)} c
              ON c.org_id = p.org_id AND c.person_id = p.person_id AND c.title IN ({_chairs()})
             AND c.started_on <= %s AND (c.ended_on IS NULL OR c.ended_on > %s)
            WHERE p.org_id IN (SELECT id FROM villages) AND p.title = 'secretary' AND {HELD})
        SELECT s.id, COUNT(*), SUM(CASE WHEN d.org_id IS NOT NULL THEN 1 ELSE 0 END)
        FROM villages v JOIN scope s ON {_ancestor("s", "v")} LEFT JOIN dual d ON d.org_id = v.id
        GROUP BY s.id"""
    end = scope.end
    return sql, [*args, scope.path + "%", end, end, end, end, end, end], lambda rows: _share(scope, rows)


def female_cadres(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT p.org_id, COUNT(DISTINCT p.person_id) FROM {t(Position)} p JOIN {t(Person)} pe ON pe.id = p.person_id
        WHERE p.org_id IN (SELECT id FROM scope) AND pe.gender = 'F' AND {HELD}
        GROUP BY p.org_id"""
    return sql, [*args, scope.end, scope.end], lambda rows: _counts(scope, rows)


def _pool(pool: str) -> Callable[[Scope, Sequence[str], dict[str, Any]], Statement]:
    def statement(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
        cte, args = _branches(scope, cats)
        sql = f"""WITH {cte}
            SELECT org_id, COUNT(DISTINCT person_id) FROM {t(PoolEntry)}
            WHERE org_id IN (SELECT id FROM scope) AND pool = %s AND entered_on <= %s
              AND (exited_on IS NULL OR exited_on > %s)
            GROUP BY org_id"""
        return sql, [*args, pool, scope.end, scope.end], lambda rows: _counts(scope, rows)

    return statement


def activists(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT s.org_id, COUNT(DISTINCT s.person_id) FROM {t(MembershipStage)} s
        WHERE s.org_id IN (SELECT id FROM scope) AND s.stage = 'activist' AND s.started_on <= %s
          AND NOT EXISTS (SELECT 1 FROM {t(MembershipStage)} later WHERE later.person_id = s.person_id
              AND later.stage IN ('candidate', 'probationary', 'full') AND later.started_on <= %s)
        GROUP BY s.org_id"""
    return sql, [*args, scope.end, scope.end], lambda rows: _counts(scope, rows)


def new_members(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT org_id, COUNT(DISTINCT person_id) FROM {t(MembershipStage)}
        WHERE org_id IN (SELECT id FROM scope) AND stage = 'probationary' AND started_on >= %s AND started_on <= %s
        GROUP BY org_id"""
    return sql, [*args, scope.start, scope.end], lambda rows: _counts(scope, rows)


def cadres_trained_share(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT p.org_id, COUNT(DISTINCT p.person_id), COUNT(DISTINCT CASE WHEN EXISTS (
                SELECT 1 FROM {t(Training)} tr WHERE tr.person_id = p.person_id
                AND tr.started_on >= %s AND tr.started_on <= %s) THEN p.person_id END)
        FROM {t(Position)} p WHERE p.org_id IN (SELECT id FROM scope) AND {HELD}
        GROUP BY p.org_id"""
    return sql, [*args, scope.start, scope.end, scope.end, scope.end], lambda rows: _share(scope, rows)


def study_trips(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT pe.org_id, COUNT(*) FROM {t(Training)} tr JOIN {t(Person)} pe ON pe.id = tr.person_id
        WHERE pe.org_id IN (SELECT id FROM scope) AND tr.kind = 'study_trip'
          AND tr.started_on >= %s AND tr.started_on <= %s
        GROUP BY pe.org_id"""
    return sql, [*args, scope.start, scope.end], lambda rows: _counts(scope, rows)


# ---------------------------------------------------------------- 基本活动
def _activity_rows(scope: Scope, code: str, column: str) -> tuple[str, list[Any]]:
    """The activities of each org in the period (a joint one also for the paired org), as (org_id, column)."""
    parent = f"SELECT id FROM {t(ActivityType)} WHERE code = %s"
    types = f"SELECT id FROM {t(ActivityType)} WHERE code = %s OR parent_id IN ({parent})"
    sql = f"""SELECT a.org_id AS org_id, {column} AS item FROM {t(Activity)} a
            WHERE a.org_id IN (SELECT id FROM scope) AND a.type_id IN ({types}) AND a.held_on >= %s AND a.held_on <= %s
        UNION ALL
        SELECT a.paired_org_id, {column} FROM {t(Activity)} a
            WHERE a.paired_org_id IN (SELECT id FROM scope) AND a.paired_org_id <> a.org_id
              AND a.type_id IN ({types}) AND a.held_on >= %s AND a.held_on <= %s"""
    return sql, [code, code, scope.start, scope.end, code, code, scope.start, scope.end]


def activity_count(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    rows_sql, rows_args = _activity_rows(scope, params["type"], "a.id")
    sql = f"WITH {cte} SELECT org_id, COUNT(*) FROM ({rows_sql}) x GROUP BY org_id"
    return sql, [*args, *rows_args], lambda rows: _counts(scope, rows)


def months_missed(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    rows_sql, rows_args = _activity_rows(scope, params["type"], _month("a.held_on"))
    sql = f"WITH {cte} SELECT org_id, COUNT(DISTINCT item) FROM ({rows_sql}) x GROUP BY org_id"

    def convert(rows: Rows) -> Values:
        held = _counts(scope, rows)
        return {org_id: Decimal(scope.months) - (n or 0) for org_id, n in held.items()}

    return sql, [*args, *rows_args], convert


def paired(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    active = "started_on <= %s AND (ended_on IS NULL OR ended_on > %s)"
    sql = f"""WITH {cte}
        SELECT org_id, COUNT(*) FROM (
            SELECT organ_org_id AS org_id FROM {t(Pairing)} WHERE organ_org_id IN (SELECT id FROM scope) AND {active}
            UNION ALL
            SELECT village_org_id FROM {t(Pairing)} WHERE village_org_id IN (SELECT id FROM scope) AND {active}) x
        GROUP BY org_id"""
    return sql, [*args, scope.end, scope.end, scope.end, scope.end], lambda rows: _counts(scope, rows)


def _member_share(table: str, condition: str, condition_args: list[Any]) -> Callable[..., Statement]:
    """Share of each org's members (by the person's org) with a row of `table` in that org."""

    def statement(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
        cte, args = _branches(scope, cats)
        sql = f"""WITH {cte}, members AS (
                SELECT DISTINCT pe.org_id, s.person_id FROM {t(MembershipStage)} s
                JOIN {t(Person)} pe ON pe.id = s.person_id
                WHERE pe.org_id IN (SELECT id FROM scope) AND s.stage IN ('probationary', 'full')
                  AND s.started_on <= %s)
            SELECT m.org_id, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM {table} r
                    WHERE r.org_id = m.org_id AND r.person_id = m.person_id AND {condition}) THEN 1 ELSE 0 END)
            FROM members m GROUP BY m.org_id"""
        extra = [scope.end.year if a == "year" else scope.start if a == "start" else scope.end for a in condition_args]
        return sql, [*args, scope.end, *extra], lambda rows: _share(scope, rows)

    return statement


def honors(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT org_id, COUNT(*) FROM {t(Honor)} WHERE org_id IN (SELECT id FROM scope) AND year >= %s AND year <= %s
        GROUP BY org_id"""
    return sql, [*args, scope.start.year - 1, scope.end.year], lambda rows: _counts(scope, rows)


# ---------------------------------------------------------------- 基本制度
def rules_missing(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    kinds = list(params["kinds"])
    marks = ", ".join(["%s"] * len(kinds))
    sql = f"""WITH {cte}
        SELECT org_id, COUNT(DISTINCT kind) FROM {t(RuleDocument)}
        WHERE org_id IN (SELECT id FROM scope) AND kind IN ({marks}) AND effective_on <= %s
          AND (superseded_on IS NULL OR superseded_on > %s)
        GROUP BY org_id"""

    def convert(rows: Rows) -> Values:
        present = _counts(scope, rows)
        return {org_id: Decimal(len(kinds)) - (n or 0) for org_id, n in present.items()}

    return sql, [*args, *kinds, scope.end, scope.end], convert


def _count_in(model: Any, condition: str, values: Callable[[Scope], list[Any]]) -> Callable[..., Statement]:
    def statement(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
        cte, args = _branches(scope, cats)
        sql = f"""WITH {cte}
            SELECT org_id, COUNT(*) FROM {t(model)} WHERE org_id IN (SELECT id FROM scope) AND {condition}
            GROUP BY org_id"""
        return sql, [*args, *values(scope)], lambda rows: _counts(scope, rows)

    return statement


def township_managed(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT f.org_id, CASE WHEN f.township_managed THEN 1 ELSE 0 END FROM {t(FinanceArrangement)} f
        WHERE f.org_id IN (SELECT id FROM scope) AND f.started_on = (
            SELECT MAX(g.started_on) FROM {t(FinanceArrangement)} g WHERE g.org_id = f.org_id AND g.started_on <= %s)"""
    return sql, [*args, scope.end], lambda rows: _counts(scope, rows)


# ---------------------------------------------------------------- 基本保障
def leading_group(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _committees(scope)
    sql = f"""WITH {cte}
        SELECT org_id, CASE WHEN COUNT(DISTINCT kind) = 2 THEN 1 ELSE 0 END FROM {t(LeadingGroup)}
        WHERE org_id IN (SELECT id FROM scope) AND kind IN ('leading_group', 'work_team')
          AND established_on <= %s AND (dissolved_on IS NULL OR dissolved_on > %s)
        GROUP BY org_id"""
    return sql, [*args, scope.end, scope.end], lambda rows: _counts(scope, rows)


def ten_haves(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    room_open = (
        "((f.opened_on <= %s AND (f.closed_on IS NULL OR f.closed_on > %s)) "
        "OR (f.opened_on IS NULL AND f.closed_on IS NULL))"
    )
    items = f"SELECT id FROM {t(ChecklistItem)} WHERE active"
    sql = f"""WITH {cte}, rooms AS (
            SELECT f.id, f.org_id FROM {t(Facility)} f
            WHERE f.org_id IN (SELECT id FROM scope) AND f.kind = 'activity_room' AND {room_open}),
        present AS (
            SELECT c.facility_id, COUNT(*) AS n FROM {t(FacilityCheck)} c
            WHERE c.facility_id IN (SELECT id FROM rooms) AND c.item_id IN ({items})
              AND c.checked_on <= %s AND c.present
              AND c.checked_on = (SELECT MAX(c2.checked_on) FROM {t(FacilityCheck)} c2
                  WHERE c2.facility_id = c.facility_id AND c2.item_id = c.item_id AND c2.checked_on <= %s)
            GROUP BY c.facility_id)
        SELECT r.org_id, MAX(COALESCE(p.n, 0)), (SELECT COUNT(*) FROM ({items}) i)
        FROM rooms r LEFT JOIN present p ON p.facility_id = r.id GROUP BY r.org_id"""

    def convert(rows: Rows) -> Values:
        values: Values = dict.fromkeys(scope.org_ids, Decimal(0))
        for org_id, best, items_count in rows:
            if org_id in values and items_count:
                values[org_id] = (Decimal(best) / items_count).quantize(Decimal("0.01"))
        return values

    return sql, [*args, scope.end, scope.end, scope.end, scope.end], convert


def facilities_missing(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    kinds = list(params["kinds"])
    marks = ", ".join(["%s"] * len(kinds))
    sql = f"""WITH {cte}
        SELECT org_id, COUNT(DISTINCT kind) FROM {t(Facility)}
        WHERE org_id IN (SELECT id FROM scope) AND kind IN ({marks})
          AND (opened_on IS NULL OR opened_on <= %s) AND (closed_on IS NULL OR closed_on > %s)
        GROUP BY org_id"""

    def convert(rows: Rows) -> Values:
        present = _counts(scope, rows)
        return {org_id: Decimal(len(kinds)) - (n or 0) for org_id, n in present.items()}

    return sql, [*args, *kinds, scope.end, scope.end], convert


def remote_site_working(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    sql = f"""WITH {cte}
        SELECT s.org_id, MAX(CASE WHEN i.id IS NULL OR i.working THEN 1 ELSE 0 END)
        FROM {t(RemoteEducationSite)} s
        LEFT JOIN {t(SiteInspection)} i ON i.site_id = s.id AND i.inspected_on = (
            SELECT MAX(j.inspected_on) FROM {t(SiteInspection)} j WHERE j.site_id = s.id AND j.inspected_on <= %s)
        WHERE s.org_id IN (SELECT id FROM scope) AND s.established_on <= %s
          AND (s.closed_on IS NULL OR s.closed_on > %s)
        GROUP BY s.org_id"""
    return sql, [*args, scope.end, scope.end, scope.end], lambda rows: _counts(scope, rows)


def collective_income(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    year = scope.end.year + int(params.get("year_offset", 0))
    sql = f"""WITH {cte}
        SELECT org_id, total FROM {t(CollectiveIncome)} WHERE org_id IN (SELECT id FROM scope) AND year = %s"""

    def convert(rows: Rows) -> Values:
        values: Values = dict.fromkeys(scope.org_ids)
        for org_id, total in rows:
            if org_id in values:
                values[org_id] = Decimal(str(total))
        return values

    return sql, [*args, year], convert


def main_cadres_insured(scope: Scope, cats: Sequence[str], params: dict[str, Any]) -> Statement:
    cte, args = _branches(scope, cats)
    titles = ", ".join(f"'{title}'" for title in sorted(MAIN_CADRE_TITLES))
    sql = f"""WITH {cte}
        SELECT p.org_id, COUNT(DISTINCT p.person_id), COUNT(DISTINCT CASE WHEN EXISTS (
                SELECT 1 FROM {t(PensionEnrollment)} e WHERE e.org_id = p.org_id AND e.person_id = p.person_id
                AND e.enrolled_on <= %s AND (e.ended_on IS NULL OR e.ended_on > %s)) THEN p.person_id END)
        FROM {t(Position)} p WHERE p.org_id IN (SELECT id FROM scope) AND p.title IN ({titles}) AND {HELD}
        GROUP BY p.org_id"""
    return sql, [*args, scope.end, scope.end, scope.end, scope.end], lambda rows: _share(scope, rows)


def _end(scope: Scope) -> list[Any]:
    return [scope.end]


def _period(scope: Scope) -> list[Any]:
    return [scope.start, scope.end]


FLOOR: dict[str, Callable[[Scope, Sequence[str], dict[str, Any]], Statement]] = {
    "orgs.coverage_share": coverage_share,
    "orgs.mass_orgs_missing": mass_orgs_missing,
    "orgs.weak_open": weak_open,
    "people.secretary_in_post": secretary_in_post,
    "people.dual_role": dual_role,
    "people.dual_role_share": dual_role_share,
    "people.female_cadres": female_cadres,
    "people.reserve_cadres": _pool("reserve_cadre"),
    "people.practical_talents": _pool("practical_talent"),
    "people.activists": activists,
    "people.new_members": new_members,
    "people.cadres_trained_share": cadres_trained_share,
    "people.study_trips": study_trips,
    "activities.count": activity_count,
    "activities.months_missed": months_missed,
    "activities.paired": paired,
    "activities.duty_post_share": _member_share(t(DutyPost), "r.year = %s", ["year"]),
    "activities.pledge_share": _member_share(t(Pledge), "r.year = %s", ["year"]),
    "activities.review_share": _member_share(
        t(PartySpiritReview), "r.reviewed_on >= %s AND r.reviewed_on <= %s", ["start", "end"]
    ),
    "activities.honors": honors,
    "governance.rules_missing": rules_missing,
    "governance.matters_completed": _count_in(
        Matter, "status = 'completed' AND closed_on >= %s AND closed_on <= %s", _period
    ),
    "governance.disclosures": _count_in(Disclosure, "published AND published_on >= %s AND published_on <= %s", _period),
    "governance.archive_files": _count_in(
        ArchiveRecord, "year >= %s AND year <= %s", lambda s: [s.end.year - 1, s.end.year]
    ),
    "governance.assets_registered": _count_in(
        CollectiveAsset, "recorded_on <= %s AND (disposed_on IS NULL OR disposed_on > %s)", lambda s: [s.end, s.end]
    ),
    "governance.township_managed": township_managed,
    "governance.performance_share": _member_share(
        t(PerformanceRecord), "r.recorded_on >= %s AND r.recorded_on <= %s", ["start", "end"]
    ),
    "support.leading_group": leading_group,
    "support.ten_haves": ten_haves,
    "support.facilities_missing": facilities_missing,
    "support.remote_site_working": remote_site_working,
    "support.collective_income": collective_income,
    "support.main_cadres_insured": main_cadres_insured,
}
