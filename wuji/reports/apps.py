from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "wuji.reports"
    verbose_name = "报表与文书"
