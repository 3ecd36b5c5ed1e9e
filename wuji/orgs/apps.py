from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "wuji.orgs"
    label = "orgs"
    verbose_name = _("基本组织")

    def ready(self) -> None:
        from wuji.orgs import audit  # noqa: F401  (registers models with the audit trail)
