from auditlog.registry import auditlog

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

EXCLUDE = ["created_at", "updated_at", "version"]
for model in (
    RuleDocument,
    Matter,
    MatterStep,
    Disclosure,
    PerformanceRecord,
    ArchiveRecord,
    CollectiveAsset,
    FinanceArrangement,
):
    auditlog.register(model, exclude_fields=EXCLUDE)
