from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "wuji.support"
    label = "support"
    verbose_name = "基本保障"

    def ready(self) -> None:
        from wuji.support import audit  # noqa: F401  (registers models with the audit trail)
