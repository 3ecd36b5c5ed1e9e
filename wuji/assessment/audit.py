from auditlog.registry import auditlog

from wuji.assessment.models import Assessment, ManualScore

auditlog.register(Assessment, exclude_fields=["created_at", "updated_at"])
auditlog.register(ManualScore, exclude_fields=["created_at", "updated_at"])

from wuji.assessment.models import Rectification  # noqa: E402

# 整改事项: every status change (submitted, closed, reopened) is its history.
auditlog.register(Rectification, exclude_fields=["created_at", "updated_at", "version"])
