from auditlog.registry import auditlog

from wuji.assessment.models import Assessment, ManualScore

auditlog.register(Assessment, exclude_fields=["created_at", "updated_at"])
auditlog.register(ManualScore, exclude_fields=["created_at", "updated_at"])
