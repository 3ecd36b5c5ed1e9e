from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "wuji.activities"
    label = "activities"
    verbose_name = "基本活动"

    def ready(self) -> None:
        from wuji.activities import audit  # noqa: F401  (registers models with the audit trail)
