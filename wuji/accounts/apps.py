from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wuji.accounts"
    label = "accounts"
    verbose_name = "账户"
