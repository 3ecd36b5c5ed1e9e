from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "wuji.governance"
    label = "governance"
    verbose_name = "基本制度"

    def ready(self) -> None:
        from wuji.governance import audit  # noqa: F401  (registers models with the audit trail)
