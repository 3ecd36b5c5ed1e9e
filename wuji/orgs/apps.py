from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "wuji.orgs"
    label = "orgs"
    verbose_name = "基本组织"

    def ready(self) -> None:
        from wuji.orgs import audit  # noqa: F401  (registers models with the audit trail)
