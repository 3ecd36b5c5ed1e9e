from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "wuji.people"
    label = "people"
    verbose_name = _("基本队伍")

    def ready(self) -> None:
        from wuji.people import audit  # noqa: F401  (registers models with the audit trail)
