from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "wuji.people"
    label = "people"
    verbose_name = "基本队伍"

    def ready(self) -> None:
        from wuji.people import audit  # noqa: F401  (registers models with the audit trail)
