from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "wuji.audit"
    label = "wuji_audit"
    verbose_name = "审计"
