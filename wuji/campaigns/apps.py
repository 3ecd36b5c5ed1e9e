from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "wuji.campaigns"
    label = "campaigns"
    verbose_name = "工作方案"

    def ready(self) -> None:
        from wuji.campaigns import audit  # noqa: F401  (registers models with the audit trail)
