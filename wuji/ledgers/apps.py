from django.apps import AppConfig


class LedgersConfig(AppConfig):
    name = "wuji.ledgers"
    verbose_name = "台账导入导出"
