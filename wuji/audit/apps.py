from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "wuji.audit"
    label = "wuji_audit"
    verbose_name = _("审计")

    def ready(self) -> None:
        from wuji.audit import chain, checks  # noqa: F401  (signal receivers, system check)
