"""Emptying the demo database inside a test's savepoint, in an order the PROTECT foreign keys allow."""

from __future__ import annotations

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model

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
from wuji.assessment.models import AggregateResult, Assessment, ManualScore, OrgResult, Rectification
from wuji.campaigns.models import Campaign
from wuji.core.models import Attachment
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
from wuji.orgs.models import Organization, Unit, WeakFlag
from wuji.people.models import Person, Position
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


def wipe_year() -> None:
    """Delete the 2010 records of activities, governance and support (they hold people and orgs)."""
    with disable_auditlog():
        # The campaign and its assessments (with their 整改 items) point at the orgs and accounts.
        for model in (Rectification, ManualScore, OrgResult, AggregateResult, Assessment, Campaign):
            model.objects.all().delete()
        for model in (
            Attendance,
            Activity,
            Pairing,
            DutyPost,
            Pledge,
            PartySpiritReview,
            ProsperityPlanEntry,
            Honor,
            Disclosure,
            MatterStep,
            Matter,
            PerformanceRecord,
            ArchiveRecord,
            CollectiveAsset,
            FinanceArrangement,
            LeadingGroupMember,
            LeadingGroup,
            FacilityCheck,
            Facility,
            SiteInspection,
            RemoteEducationSite,
            CollectiveIncome,
            Funding,
            PensionEnrollment,
            RetirementSubsidy,
        ):
            model.objects.all().delete()
        RuleDocument.objects.update(superseded_by=None)
        RuleDocument.objects.all().delete()
        Attachment.objects.all().delete()  # e.g. the filed 实施方案 (the campaign's filing is gone)


def wipe() -> None:
    """Empty the database (unaudited, inside the caller's savepoint): the 2010 records first."""
    wipe_year()
    with disable_auditlog():
        # The audit trail refuses deletes through the ORM (it is append-only); a test's wipe goes around it.
        LogEntry.objects.all()._raw_delete(LogEntry.objects.db)
        get_user_model().objects.all().delete()
        Position.objects.all().delete()
        Person.objects.all().delete()
        WeakFlag.objects.all().delete()
        Unit.objects.all().delete()
        Organization.objects.all().delete()
