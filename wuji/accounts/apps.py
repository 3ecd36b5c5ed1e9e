from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wuji.accounts"
    label = "accounts"
    verbose_name = _("账户")

    def ready(self) -> None:
        from wuji.accounts import receivers  # noqa: F401  (connects the login audit)
        from wuji.accounts.admin import restrict_admin_site

        # Django's admin autodiscovers every app's admin.py in its own ready(), which runs first.
        restrict_admin_site()
