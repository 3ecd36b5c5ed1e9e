from auditlog.registry import auditlog

from wuji.activities.models import (
    Activity,
    ActivityType,
    Attendance,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)

EXCLUDE = ["created_at", "updated_at", "version"]
auditlog.register(Activity, exclude_fields=EXCLUDE, m2m_fields={"attachments"})
auditlog.register(ActivityType)
auditlog.register(Attendance)
for model in (Pairing, DutyPost, Pledge, PartySpiritReview, ProsperityPlanEntry, Honor):
    auditlog.register(model, exclude_fields=EXCLUDE)
