from auditlog.registry import auditlog

from wuji.support.models import (
    ChecklistItem,
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

EXCLUDE = ["created_at", "updated_at", "version"]
for model in (
    LeadingGroup,
    LeadingGroupMember,
    Facility,
    RemoteEducationSite,
    CollectiveIncome,
    Funding,
    PensionEnrollment,
    RetirementSubsidy,
):
    auditlog.register(model, exclude_fields=EXCLUDE)
for checked in (ChecklistItem, FacilityCheck, SiteInspection):
    auditlog.register(checked, exclude_fields=EXCLUDE)
