from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wuji.core"
    label = "core"
    verbose_name = "公共"
