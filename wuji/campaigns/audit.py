from auditlog.registry import auditlog

from wuji.campaigns.models import Campaign, ConstructionPlan, ConstructionPlanLine, Filing, Phase, Reward, Task

for model in (Campaign, Phase, ConstructionPlan, Reward, Filing):
    auditlog.register(model, exclude_fields=["created_at", "updated_at"])
auditlog.register(Task, exclude_fields=["created_at", "updated_at", "version"], m2m_fields={"attachments"})
auditlog.register(ConstructionPlanLine, exclude_fields=["version"])
